/* queue: reading the open (or recently closed) cases and shaping them into rows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/queue.h"
#include "redress/xalloc.h"

typedef struct QueuePolicyDays {
   char *policy;
   int days;
} QueuePolicyDays;

struct Queue {
   Store *st;
   const Calendar *cal;
   Division division;
   QueueThresholdFn threshold;
   void *threshold_ctx;
   QueuePolicyDays *thresholds;   /* asked once per policy name */
   size_t threshold_count;
   QueueFilter filter;
   int64_t viewer_id;
   bool viewer_sees_confidential;
   char *viewer_team;
   char *viewer_manages;
   RdDate today;
   char *search;                  /* never NULL */
   QueueRow *rows;                /* every open case (or the closed ones read), most urgent first */
   size_t row_count;
   size_t row_capacity;
   int64_t seen_event;            /* the newest audit event when the rows were read; -1 none */
   size_t *view;                  /* indexes into rows of those the filter and search let through */
   size_t view_count;
};

/* The columns both reading statements return, in this order. */
#define QUEUE_COLUMNS \
   "c.id, c.ref, c.anonymous, p.name, p.tenancy_ref, c.kind, c.stage, c.category, c.summary, " \
   "c.policy, c.received_at, c.closed_at, c.close_reason, s.number, s.acknowledged_at, s.ack_due, " \
   "s.response_due, s.extended_to, s.responded_at, s.declined_at, h.id, h.login, h.full_name, h.team, " \
   QUEUE_HIDDEN " "
/* A confidential case's resident and words are hidden from a viewer who is not one of its
 * handlers and may not see every confidential case (?9 the viewer, ?10 whether they may).
 * CASE, not AND: SQLite evaluates both sides of an AND in a result column, so the stages
 * would be searched for every open case, not only the confidential ones. The stage numbers
 * make the search go through the stage's key, at most two rows; on handler_id alone the
 * planner (with no statistics) walks every stage the viewer ever handled, once per case:
 * 140 s for the 10,000 open cases of a 200,000-case database (bench/README.md). */
#define QUEUE_HIDDEN \
   "(CASE WHEN c.confidential = 0 OR ?10 THEN 0 ELSE NOT EXISTS (SELECT 1 FROM stage x " \
   "WHERE x.complaint_id = c.id AND x.number IN (1, 2) AND x.handler_id = ?9) END)"
#define QUEUE_FROM \
   "FROM complaint c " \
   "LEFT JOIN stage s ON s.complaint_id = c.id AND s.number = c.stage " \
   "LEFT JOIN person p ON p.id = c.person_id " \
   "LEFT JOIN staff h ON h.id = s.handler_id "

enum {
   COL_ID, COL_REF, COL_ANONYMOUS, COL_NAME, COL_TENANCY, COL_KIND, COL_STAGE, COL_CATEGORY,
   COL_SUMMARY, COL_POLICY, COL_RECEIVED, COL_CLOSED, COL_CLOSE_REASON, COL_STAGE_ROW, COL_ACKED,
   COL_ACK_DUE, COL_RESPONSE_DUE, COL_EXTENDED_TO, COL_RESPONDED, COL_DECLINED, COL_HANDLER_ID,
   COL_HANDLER_LOGIN, COL_HANDLER_NAME, COL_HANDLER_TEAM, COL_HIDDEN
};

static const char queue_open_sql[] =
   "SELECT " QUEUE_COLUMNS QUEUE_FROM "WHERE c.closed_at IS NULL";

static const char queue_case_sql[] =
   "SELECT " QUEUE_COLUMNS QUEUE_FROM "WHERE c.id = ?1";

/* ?1 is a LIKE pattern or NULL; the anonymous keep their names out of searches too. */
static const char queue_closed_sql[] =
   "SELECT " QUEUE_COLUMNS QUEUE_FROM
   "WHERE c.closed_at IS NOT NULL AND (?1 IS NULL OR c.ref LIKE ?1 ESCAPE '\\' OR (NOT " QUEUE_HIDDEN " AND ("
   "(c.anonymous = 0 AND p.name LIKE ?1 ESCAPE '\\') OR p.tenancy_ref LIKE ?1 ESCAPE '\\' "
   "OR c.summary LIKE ?1 ESCAPE '\\'))) "
   "ORDER BY c.closed_at DESC, c.id DESC LIMIT ?2";

Queue *queue_new(Store *st, const Calendar *cal, Division division, QueueThresholdFn threshold,
                 void *threshold_ctx) {
   Queue *q = xcalloc(1, sizeof *q);
   q->st = st;
   q->cal = cal;
   q->division = division;
   q->threshold = threshold;
   q->threshold_ctx = threshold_ctx;
   q->search = xstrdup("");
   q->viewer_team = xstrdup("");
   q->viewer_manages = xstrdup("");
   q->today = RD_NO_DATE;
   q->seen_event = -1;
   return q;
}

void queue_row_clear(QueueRow *r) {
   free(r->ref);
   r->ref = NULL;
}

static void queue_clear_rows(Queue *q) {
   for (size_t i = 0; i < q->row_count; i++)
      queue_row_clear(&q->rows[i]);
   free(q->rows);
   free(q->view);
   q->rows = NULL;
   q->view = NULL;
   q->row_count = q->view_count = q->row_capacity = 0;
}

void queue_free(Queue *q) {
   if (!q)
      return;
   queue_clear_rows(q);
   for (size_t i = 0; i < q->threshold_count; i++)
      free(q->thresholds[i].policy);
   free(q->thresholds);
   free(q->search);
   free(q->viewer_team);
   free(q->viewer_manages);
   free(q);
}

const char *queue_next_label(QueueNext next, int stage) {
   switch (next) {
   case QUEUE_NEXT_TRIAGE:
      return "TRIAGE";
   case QUEUE_NEXT_ACK:
      return stage == 2 ? "ACK2" : "ACK1";
   case QUEUE_NEXT_RESPOND:
      return stage == 2 ? "RESP2" : "RESP1";
   default:
      return "";
   }
}

const char *queue_filter_name(QueueFilter f) {
   static const char *const names[QUEUE_FILTER_COUNT] = {
      "all", "mine", "my team", "stage 1", "stage 2", "overdue", "due soon", "service requests", "closed",
   };
   return f < QUEUE_FILTER_COUNT ? names[f] : "?";
}

static int queue_policy_days(Queue *q, const char *policy) {
   for (size_t i = 0; i < q->threshold_count; i++)
      if (strcmp(q->thresholds[i].policy, policy) == 0)
         return q->thresholds[i].days;
   int days = q->threshold ? q->threshold(q->threshold_ctx, policy) : -1;
   q->thresholds = xreallocarray(q->thresholds, q->threshold_count + 1, sizeof *q->thresholds);
   q->thresholds[q->threshold_count++] = (QueuePolicyDays){ xstrdup(policy), days };
   return days;
}

static bool queue_is_null(sqlite3_stmt *stmt, int col) {
   return sqlite3_column_type(stmt, col) == SQLITE_NULL;
}

/* What the current stage waits for, from its stored dates. */
static void queue_read_next(sqlite3_stmt *stmt, QueueRow *r, const char *kind) {
   r->next = QUEUE_NEXT_NONE;
   r->due = RD_NO_DATE;
   bool clocked = strcmp(kind, "complaint") == 0 || strcmp(kind, "untriaged") == 0;
   if (!clocked || r->closed_at != RD_NO_INSTANT || queue_is_null(stmt, COL_STAGE_ROW) ||
       !queue_is_null(stmt, COL_DECLINED))
      return;
   if (queue_is_null(stmt, COL_ACKED)) {
      r->next = strcmp(kind, "untriaged") == 0 ? QUEUE_NEXT_TRIAGE : QUEUE_NEXT_ACK;
      r->due = store_column_date(stmt, COL_ACK_DUE);
   } else if (queue_is_null(stmt, COL_RESPONDED)) {
      r->next = QUEUE_NEXT_RESPOND;
      r->due = queue_is_null(stmt, COL_EXTENDED_TO) ? store_column_date(stmt, COL_RESPONSE_DUE)
                                                     : store_column_date(stmt, COL_EXTENDED_TO);
      r->awaiting_agreed_date = r->due == RD_NO_DATE;
   }
}

/* The status in words, into buf (64 bytes is enough); short enough for the queue's column
 * of 16, whose other columns say the stage and what is due. */
static const char *queue_status_words(sqlite3_stmt *stmt, const QueueRow *r, const char *kind, char *buf,
                                      size_t size) {
   if (r->closed_at != RD_NO_INSTANT) {
      const char *reason = store_column_text(stmt, COL_CLOSE_REASON);
      snprintf(buf, size, "closed: %s", *reason ? reason : "no reason");
      return buf;
   }
   if (strcmp(kind, "service-request") == 0)
      return "service request";
   if (strcmp(kind, "excluded") == 0)
      return "excluded";
   if (strcmp(kind, "quick") == 0)
      return "quick resolution";
   if (strcmp(kind, "untriaged") == 0)
      return "to triage";
   if (queue_is_null(stmt, COL_STAGE_ROW))
      return "no stage record";
   if (!queue_is_null(stmt, COL_DECLINED))
      return r->stage == 2 ? "not escalated" : "declined";
   if (r->next == QUEUE_NEXT_ACK)
      return r->stage == 2 ? "escalated" : "to acknowledge";
   if (r->next == QUEUE_NEXT_RESPOND) {
      if (r->awaiting_agreed_date)
         return "date to agree";
      return queue_is_null(stmt, COL_EXTENDED_TO) ? "investigating" : "extended";
   }
   return r->stage == 2 ? "final response" : "responded";
}

enum { TEXT_REF, TEXT_COMPLAINANT, TEXT_TENANCY, TEXT_KIND, TEXT_CATEGORY, TEXT_SUMMARY, TEXT_POLICY,
       TEXT_HANDLER_LOGIN, TEXT_HANDLER_NAME, TEXT_HANDLER_TEAM, TEXT_STATUS, TEXT_COUNT };

/* ASCII letters lower-cased: names in other scripts match as typed. */
static char *queue_fold(char *to, const char *from) {
   for (; *from; from++)
      *to++ = *from >= 'A' && *from <= 'Z' ? (char)(*from - 'A' + 'a') : *from;
   return to;
}

/* Every string of the row in one allocation: ten thousand rows read at once made a
 * hundred thousand small ones, and malloc and free were a sixth of the queue's reading. */
static void queue_pack_text(QueueRow *r, const char *const text[TEXT_COUNT]) {
   size_t len[TEXT_COUNT], total = 0;
   for (int i = 0; i < TEXT_COUNT; i++)
      total += (len[i] = strlen(text[i])) + 1;
   total += len[TEXT_REF] + len[TEXT_COMPLAINANT] + len[TEXT_TENANCY] + len[TEXT_SUMMARY] + 4;
   char *block = xmalloc(total), *at = block;
   char **slot[TEXT_COUNT] = { &r->ref, &r->complainant, &r->tenancy_ref, &r->kind, &r->category, &r->summary,
                               &r->policy, &r->handler_login, &r->handler_name, &r->handler_team, &r->status };
   for (int i = 0; i < TEXT_COUNT; i++) {
      *slot[i] = at;
      memcpy(at, text[i], len[i] + 1);
      at += len[i] + 1;
   }
   r->search = at;
   static const int searched[] = { TEXT_REF, TEXT_COMPLAINANT, TEXT_TENANCY, TEXT_SUMMARY };
   for (size_t i = 0; i < sizeof searched / sizeof *searched; i++) {
      at = queue_fold(at, text[searched[i]]);
      *at++ = '\n';
   }
   at[-1] = '\0';
}

static void queue_read_row(Queue *q, sqlite3_stmt *stmt, QueueRow *r) {
   memset(r, 0, sizeof *r);
   r->id = sqlite3_column_int64(stmt, COL_ID);
   bool hidden = sqlite3_column_int(stmt, COL_HIDDEN) != 0;
   bool anonymous = sqlite3_column_int(stmt, COL_ANONYMOUS) != 0 || queue_is_null(stmt, COL_NAME);
   const char *kind = store_column_text(stmt, COL_KIND);
   r->stage = sqlite3_column_int(stmt, COL_STAGE);
   r->received_at = store_column_instant(stmt, COL_RECEIVED);
   r->closed_at = store_column_instant(stmt, COL_CLOSED);
   r->handler_id = sqlite3_column_int64(stmt, COL_HANDLER_ID);
   queue_read_next(stmt, r, kind);
   char status[96];
   const char *text[TEXT_COUNT] = {
      [TEXT_REF] = store_column_text(stmt, COL_REF),
      [TEXT_COMPLAINANT] = hidden ? "(confidential)" : anonymous ? "(anonymous)" : store_column_text(stmt, COL_NAME),
      [TEXT_TENANCY] = anonymous || hidden ? "" : store_column_text(stmt, COL_TENANCY),
      [TEXT_KIND] = kind,
      [TEXT_CATEGORY] = store_column_text(stmt, COL_CATEGORY),
      [TEXT_SUMMARY] = hidden ? "(confidential)" : store_column_text(stmt, COL_SUMMARY),
      [TEXT_POLICY] = store_column_text(stmt, COL_POLICY),
      [TEXT_HANDLER_LOGIN] = store_column_text(stmt, COL_HANDLER_LOGIN),
      [TEXT_HANDLER_NAME] = store_column_text(stmt, COL_HANDLER_NAME),
      [TEXT_HANDLER_TEAM] = store_column_text(stmt, COL_HANDLER_TEAM),
      [TEXT_STATUS] = queue_status_words(stmt, r, kind, status, sizeof status),
   };
   queue_pack_text(r, text);
   r->due_soon_days = queue_policy_days(q, r->policy);
}

static void queue_classify(const Queue *q, QueueRow *r) {
   if (r->due == RD_NO_DATE || q->today == RD_NO_DATE) {
      r->days_left = QUEUE_NO_DAYS;
      r->cls = TIMER_ON_TRACK;
      return;
   }
   r->days_left = calendar_workdays_between(q->cal, q->division, q->today, r->due);
   r->cls = timer_classify(q->cal, q->division, q->today, r->due, r->due_soon_days);
}

/* Most urgent first: rows with a date before rows without, then by class, due date,
 * receipt and id, so equal rows keep a stable place across reloads. */
static int queue_urgency_cmp(const void *a, const void *b) {
   const QueueRow *x = a, *y = b;
   bool xd = x->due != RD_NO_DATE, yd = y->due != RD_NO_DATE;
   if (xd != yd)
      return xd ? -1 : 1;
   if (x->cls != y->cls)
      return x->cls > y->cls ? -1 : 1;
   if (x->due != y->due)
      return x->due < y->due ? -1 : 1;
   if (x->received_at != y->received_at)
      return x->received_at < y->received_at ? -1 : 1;
   return (x->id > y->id) - (x->id < y->id);
}

/* qsort must not be handed the null of an empty queue. */
static void queue_sort(Queue *q) {
   if (q->row_count > 1)
      qsort(q->rows, q->row_count, sizeof *q->rows, queue_urgency_cmp);
}

static bool queue_in_team(const Queue *q, const char *team) {
   if (!*team)
      return false;
   return strcmp(team, q->viewer_team) == 0 || strcmp(team, q->viewer_manages) == 0;
}

static bool queue_filter_keeps(const Queue *q, const QueueRow *r) {
   switch (q->filter) {
   case QUEUE_MINE:
      return q->viewer_id > 0 && r->handler_id == q->viewer_id;
   case QUEUE_TEAM:
      return queue_in_team(q, r->handler_team);
   case QUEUE_STAGE1:
      return r->stage == 1 && strcmp(r->kind, "service-request") != 0;
   case QUEUE_STAGE2:
      return r->stage == 2;
   case QUEUE_OVERDUE:
      return r->cls == TIMER_OVERDUE;
   case QUEUE_DUE_SOON:
      return r->cls == TIMER_DUE_SOON || r->cls == TIMER_DUE_TODAY;
   case QUEUE_SERVICE:
      return strcmp(r->kind, "service-request") == 0;
   default:
      return true;
   }
}

/* LIKE needs its own wildcards escaped. Caller frees. */
static char *queue_like_pattern(const char *word) {
   size_t len = strlen(word);
   char *p = xmalloc(len * 2 + 3);
   char *o = p;
   *o++ = '%';
   for (const char *s = word; *s; s++) {
      if (*s == '%' || *s == '_' || *s == '\\')
         *o++ = '\\';
      *o++ = *s;
   }
   *o++ = '%';
   *o = '\0';
   return p;
}

/* What separates the words of a search. */
#define QUEUE_SPACES " \t\r\n"

/* The longest word of text, for the closed search's first cut. Caller frees; NULL when
 * the text has no word. */
static char *queue_longest_word(const char *text) {
   const char *best = NULL;
   size_t best_len = 0;
   for (const char *s = text; *s;) {
      size_t skip = strspn(s, QUEUE_SPACES);
      s += skip;
      size_t len = strcspn(s, QUEUE_SPACES);
      if (len > best_len) {
         best = s;
         best_len = len;
      }
      s += len;
   }
   return best ? xstrndup(best, best_len) : NULL;
}

/* A place at the end of the rows for one more. */
static QueueRow *queue_new_row(Queue *q) {
   if (q->row_count == q->row_capacity) {
      q->row_capacity = q->row_capacity ? q->row_capacity * 2 : 256;
      q->rows = xreallocarray(q->rows, q->row_capacity, sizeof *q->rows);
   }
   return &q->rows[q->row_count++];
}

/* The newest event of the audit log: every committed change writes one. */
static RdStatus queue_newest_event(Queue *q, int64_t *out, RdError *err) {
   static const char sql[] = "SELECT COALESCE(max(id), 0) FROM event";
   sqlite3_stmt *stmt = store_stmt(q->st, sql, err);
   if (!stmt)
      return RD_EDB;
   int rc = sqlite3_step(stmt);
   *out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
   sqlite3_reset(stmt);
   return rc == SQLITE_ROW ? RD_OK : store_fail(q->st, err, "reading the audit log");
}

static RdStatus queue_read(Queue *q, RdError *err) {
   bool closed = q->filter == QUEUE_CLOSED;
   sqlite3_stmt *stmt = store_stmt(q->st, closed ? queue_closed_sql : queue_open_sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 9, q->viewer_id);
   sqlite3_bind_int(stmt, 10, q->viewer_sees_confidential);
   char *pattern = NULL;
   if (closed) {
      char *word = queue_longest_word(q->search);
      pattern = word ? queue_like_pattern(word) : NULL;
      free(word);
      store_bind_text(stmt, 1, pattern);
      sqlite3_bind_int(stmt, 2, QUEUE_CLOSED_LIMIT);
   }
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      QueueRow *r = queue_new_row(q);
      queue_read_row(q, stmt, r);
      queue_classify(q, r);
   }
   sqlite3_reset(stmt);
   free(pattern);
   if (rc != SQLITE_DONE)
      return store_fail(q->st, err, "reading the queue");
   if (!closed)
      queue_sort(q);
   return RD_OK;
}

static size_t queue_search_words(const char *text, char *words);
static bool queue_has_words(const QueueRow *row, const char *words, size_t count);

/* The rows the filter and the search let through, from all of them, or (within) only from
 * those shown now: a search typed further can only narrow what it showed. */
static void queue_narrow_rows(Queue *q, bool within) {
   char *words = xmalloc(strlen(q->search) + 1);
   size_t nwords = queue_search_words(q->search, words);
   if (within) {
      size_t kept = 0;
      for (size_t i = 0; i < q->view_count; i++)
         if (queue_has_words(&q->rows[q->view[i]], words, nwords))
            q->view[kept++] = q->view[i];
      q->view_count = kept;
   } else {
      free(q->view);
      q->view = xreallocarray(NULL, q->row_count ? q->row_count : 1, sizeof *q->view);
      q->view_count = 0;
      for (size_t i = 0; i < q->row_count; i++)
         if (queue_filter_keeps(q, &q->rows[i]) && queue_has_words(&q->rows[i], words, nwords))
            q->view[q->view_count++] = i;
   }
   free(words);
}

static void queue_narrow(Queue *q) {
   queue_narrow_rows(q, false);
}

static RdStatus queue_reread(Queue *q, RdError *err) {
   queue_clear_rows(q);
   /* Before the rows: a change committed meanwhile is read again at the next refresh. */
   RdStatus s = queue_newest_event(q, &q->seen_event, err);
   if (s == RD_OK)
      s = queue_read(q, err);
   if (s != RD_OK) {
      queue_clear_rows(q);
      return s;
   }
   queue_narrow(q);
   return RD_OK;
}

static void queue_set_viewer(Queue *q, const QueueViewer *viewer) {
   free(q->viewer_team);
   free(q->viewer_manages);
   q->viewer_id = viewer ? viewer->staff_id : 0;
   q->viewer_sees_confidential = viewer && viewer->sees_confidential;
   q->viewer_team = xstrdup(viewer && viewer->team ? viewer->team : "");
   q->viewer_manages = xstrdup(viewer && viewer->manages_team ? viewer->manages_team : "");
}

RdStatus queue_load(Queue *q, QueueFilter filter, const QueueViewer *viewer, RdDate today, RdError *err) {
   if (filter >= QUEUE_FILTER_COUNT)
      return error_set(err, RD_EUSAGE, "there is no queue filter number %d", (int)filter);
   q->filter = filter;
   q->today = today;
   queue_set_viewer(q, viewer);
   return queue_reread(q, err);
}

RdStatus queue_set_filter(Queue *q, QueueFilter filter, RdError *err) {
   if (filter >= QUEUE_FILTER_COUNT)
      return error_set(err, RD_EUSAGE, "there is no queue filter number %d", (int)filter);
   bool reread = (filter == QUEUE_CLOSED) != (q->filter == QUEUE_CLOSED);
   q->filter = filter;
   if (reread)
      return queue_reread(q, err);
   queue_narrow(q);
   return RD_OK;
}

/* The cases the events after the last read and up to newest name, each once; *whole when
 * they cannot say (a change that names no case, or more than are worth reading one by one).
 * *out is the caller's. */
static RdStatus queue_changed_cases(Queue *q, int64_t newest, int64_t **out, size_t *count, bool *whole,
                                    RdError *err) {
   static const char sql[] = "SELECT complaint_id FROM event WHERE id > ?1 AND id <= ?2";
   sqlite3_stmt *stmt = store_stmt(q->st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, q->seen_event);
   sqlite3_bind_int64(stmt, 2, newest);
   int64_t *ids = xmalloc(QUEUE_REFRESH_MAX * sizeof *ids);
   size_t n = 0;
   int rc;
   while (!*whole && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (queue_is_null(stmt, 0)) {
         *whole = true;
         break;
      }
      int64_t id = sqlite3_column_int64(stmt, 0);
      size_t i = 0;
      while (i < n && ids[i] != id)
         i++;
      if (i == n && n == QUEUE_REFRESH_MAX)
         *whole = true;
      else if (i == n)
         ids[n++] = id;
   }
   sqlite3_reset(stmt);
   if (!*whole && rc != SQLITE_DONE) {
      free(ids);
      return store_fail(q->st, err, "reading the audit log");
   }
   *out = ids;
   *count = n;
   return RD_OK;
}

/* Drops the row of the case, and reads it again when it is still open. */
static RdStatus queue_reread_case(Queue *q, int64_t case_id, RdError *err) {
   for (size_t i = 0; i < q->row_count; i++) {
      if (q->rows[i].id == case_id) {
         queue_row_clear(&q->rows[i]);
         q->rows[i] = q->rows[--q->row_count];   /* the order is made again after */
         break;
      }
   }
   QueueRow row;
   RdStatus s = queue_read_case(q, case_id, &row, err);
   if (s == RD_ENOTFOUND)
      return RD_OK;
   if (s != RD_OK)
      return s;
   if (row.closed_at != RD_NO_INSTANT) {
      queue_row_clear(&row);
      return RD_OK;
   }
   *queue_new_row(q) = row;
   return RD_OK;
}

RdStatus queue_refresh(Queue *q, bool *changed, RdError *err) {
   int64_t newest;
   if (changed)
      *changed = false;
   RdStatus s = queue_newest_event(q, &newest, err);
   if (s != RD_OK || newest == q->seen_event)
      return s;
   if (changed)
      *changed = true;
   /* A restored database can have fewer events than were seen: nothing can be trusted. */
   bool whole = q->filter == QUEUE_CLOSED || q->seen_event < 0 || newest < q->seen_event;
   int64_t *ids = NULL;
   size_t n = 0;
   if (!whole && (s = queue_changed_cases(q, newest, &ids, &n, &whole, err)) != RD_OK)
      return s;
   if (whole) {
      free(ids);
      return queue_reread(q, err);
   }
   for (size_t i = 0; i < n && s == RD_OK; i++)
      s = queue_reread_case(q, ids[i], err);
   free(ids);
   if (s != RD_OK)
      return s;
   q->seen_event = newest;
   queue_sort(q);
   queue_narrow(q);
   return RD_OK;
}

RdStatus queue_search(Queue *q, const char *text, RdError *err) {
   const char *want = text ? text : "";
   if (strcmp(want, q->search) == 0)
      return RD_OK;
   bool further = strncmp(want, q->search, strlen(q->search)) == 0;
   free(q->search);
   q->search = xstrdup(want);
   if (q->filter != QUEUE_CLOSED) {
      queue_narrow_rows(q, further);
      return RD_OK;
   }
   /* Closed cases are too many to hold: the search goes to the store. */
   return queue_reread(q, err);
}

void queue_set_today(Queue *q, RdDate today) {
   if (today == q->today)
      return;
   q->today = today;
   for (size_t i = 0; i < q->row_count; i++)
      queue_classify(q, &q->rows[i]);
   if (q->filter != QUEUE_CLOSED)
      queue_sort(q);
   queue_narrow(q);
}

QueueFilter queue_filter(const Queue *q) {
   return q->filter;
}

const char *queue_search_text(const Queue *q) {
   return q->search;
}

size_t queue_count(const Queue *q) {
   return q->view_count;
}

const QueueRow *queue_row(const Queue *q, size_t index) {
   return index < q->view_count ? &q->rows[q->view[index]] : NULL;
}

RdStatus queue_read_case(Queue *q, int64_t case_id, QueueRow *out, RdError *err) {
   sqlite3_stmt *stmt = store_stmt(q->st, queue_case_sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, case_id);
   sqlite3_bind_int64(stmt, 9, q->viewer_id);
   sqlite3_bind_int(stmt, 10, q->viewer_sees_confidential);
   int rc = sqlite3_step(stmt);
   RdStatus s = RD_OK;
   if (rc == SQLITE_ROW) {
      queue_read_row(q, stmt, out);
      queue_classify(q, out);
   } else if (rc == SQLITE_DONE) {
      s = error_set(err, RD_ENOTFOUND, "case %lld is not in the database", (long long)case_id);
   } else {
      s = store_fail(q->st, err, "reading a case");
   }
   sqlite3_reset(stmt);
   return s;
}

size_t queue_all_count(const Queue *q) {
   return q->row_count;
}

const QueueRow *queue_all_row(const Queue *q, size_t index) {
   return index < q->row_count ? &q->rows[index] : NULL;
}

long queue_find(const Queue *q, int64_t case_id) {
   for (size_t i = 0; i < q->view_count; i++)
      if (q->rows[q->view[i]].id == case_id)
         return (long)i;
   return -1;
}

QueueCounts queue_counts(const Queue *q) {
   QueueCounts c = { 0 };
   c.shown = q->view_count;
   for (size_t i = 0; i < q->view_count; i++) {
      const QueueRow *r = &q->rows[q->view[i]];
      if (r->closed_at != RD_NO_INSTANT)
         continue;
      c.open++;
      if (r->due == RD_NO_DATE)
         continue;
      c.overdue += r->cls == TIMER_OVERDUE;
      c.due_today += r->cls == TIMER_DUE_TODAY;
      c.due_soon += r->cls == TIMER_DUE_SOON;
   }
   return c;
}

/* The words of text, lower-cased as rows' search text is, each ended by a NUL, into words
 * (at least strlen(text) + 1 bytes); returns how many. */
static size_t queue_search_words(const char *text, char *words) {
   size_t n = 0;
   for (const char *s = text ? text : ""; *s;) {
      s += strspn(s, QUEUE_SPACES);
      size_t len = strcspn(s, QUEUE_SPACES);
      for (size_t i = 0; i < len; i++)
         *words++ = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
      if (len) {
         *words++ = '\0';
         n++;
      }
      s += len;
   }
   return n;
}

/* Every word occurs in the row's search text: one strstr a word, over one string. */
static bool queue_has_words(const QueueRow *row, const char *words, size_t count) {
   for (size_t i = 0; i < count; i++, words += strlen(words) + 1)
      if (!strstr(row->search, words))
         return false;
   return true;
}

bool queue_row_matches(const QueueRow *row, const char *text) {
   if (!text)
      return true;
   char *words = xmalloc(strlen(text) + 1);
   bool match = queue_has_words(row, words, queue_search_words(text, words));
   free(words);
   return match;
}
