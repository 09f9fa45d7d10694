/* action: outstanding actions and remedies. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/xalloc.h"

static const char *const action_source_names[] = {
   "response", "ombudsman-order", "hr-notice", "remedy", "other"
};

static const char *const remedy_kind_names[] = {
   "apology", "explanation", "acknowledgement", "action-on-delay", "reconsidered-decision",
   "corrected-record", "financial-loss", "goodwill", "policy-change", "other"
};
#define REMEDY_KIND_COUNT (sizeof remedy_kind_names / sizeof *remedy_kind_names)

const char *action_source_name(ActionSource source) {
   return action_source_names[source];
}

static ActionSource action_source_from(const char *text) {
   for (size_t i = 0; i < sizeof action_source_names / sizeof *action_source_names; i++)
      if (strcmp(text, action_source_names[i]) == 0)
         return (ActionSource)i;
   return ACTION_FROM_OTHER;
}

const char *remedy_kind_name(RemedyKind kind) {
   return remedy_kind_names[kind];
}

RdStatus remedy_kind_parse(const char *text, RemedyKind *out, RdError *err) {
   for (size_t i = 0; i < REMEDY_KIND_COUNT; i++) {
      if (text && strcmp(text, remedy_kind_names[i]) == 0) {
         *out = (RemedyKind)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_EINPUT, "'%s' is not a kind of remedy (Code 7.1): use apology, explanation, "
                    "acknowledgement, action-on-delay, reconsidered-decision, corrected-record, financial-loss, "
                    "goodwill, policy-change or other", text ? text : "");
}

void remedy_format_pence(int64_t pence, char *buf, size_t size) {
   snprintf(buf, size, "\302\243%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
}

RdStatus remedy_parse_pounds(const char *text, int64_t *pence, RdError *err) {
   const char *p = text ? text : "";
   if (strncmp(p, "\302\243", 2) == 0)
      p += 2;
   int64_t whole = 0, frac = 0;
   int digits = 0, decimals = -1;
   for (; *p; p++) {
      if (isdigit((unsigned char)*p) && decimals < 0 && digits < 9) {
         whole = whole * 10 + (*p - '0');
         digits++;
      } else if (isdigit((unsigned char)*p) && decimals >= 0 && decimals < 2) {
         frac = frac * 10 + (*p - '0');
         decimals++;
      } else if (*p == '.' && decimals < 0 && digits > 0) {
         decimals = 0;
      } else {
         return error_set(err, RD_EINPUT, "'%s' is not an amount of money: write pounds and pence, "
                          "e.g. 50 or 12.50", text ? text : "");
      }
   }
   if (digits == 0 || decimals == 0)
      return error_set(err, RD_EINPUT, "'%s' is not an amount of money: write pounds and pence, e.g. 50 or "
                       "12.50", text ? text : "");
   if (decimals == 1)
      frac *= 10;
   *pence = whole * 100 + frac;
   return RD_OK;
}

void action_clear(Action *a) {
   free(a->what);
   free(a->owner_login);
   free(a->owner_name);
   free(a->owner_team);
   free(a->last_update);
   memset(a, 0, sizeof *a);
}

void action_free_list(Action *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      action_clear(&list[i]);
   free(list);
}

void remedy_clear(Remedy *r) {
   free(r->detail);
   memset(r, 0, sizeof *r);
}

void remedy_free_list(Remedy *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      remedy_clear(&list[i]);
   free(list);
}

RdStatus action_insert(Session *s, int64_t complaint_id, const char *what, int64_t owner_id, RdDate due_on,
                       ActionSource source, int64_t *id, RdError *err) {
   static const char sql[] =
      "INSERT INTO action (complaint_id, what, owner_id, due_on, source, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
   if (!what || !*what)
      return error_set(err, RD_EINPUT, "say what the action is");
   if (due_on == RD_NO_DATE)
      return error_set(err, RD_EINPUT, "an action needs a due date (Code 7.3: what will happen and by when)");
   sqlite3_stmt *stmt = store_stmt(s->store, sql, err);
   if (!stmt)
      return RD_EDB;
   store_bind_id(stmt, 1, complaint_id);
   store_bind_text(stmt, 2, what);
   sqlite3_bind_int64(stmt, 3, owner_id);
   store_bind_date(stmt, 4, due_on);
   store_bind_text(stmt, 5, action_source_names[source]);
   store_bind_instant(stmt, 6, clock_now());
   RdStatus st = store_run(s->store, stmt, err);
   if (st == RD_OK && id)
      *id = sqlite3_last_insert_rowid(store_db(s->store));
   return st;
}

static RdStatus action_owner(Session *s, const char *login, int64_t *owner_id, RdError *err) {
   if (!login) {
      *owner_id = s->me.id;
      return RD_OK;
   }
   Staff owner;
   RdStatus st = staff_by_login(s->store, login, &owner, err);
   if (st == RD_ENOTFOUND)
      return error_set(err, RD_EINPUT, "no staff member has the login '%s' to own the action", login);
   if (st == RD_OK && !owner.active)
      st = error_set(err, RD_ERULE, "%s is inactive and cannot own an action", login);
   *owner_id = owner.id;
   staff_clear(&owner);
   return st;
}

RdStatus action_add(Session *s, const char *ref, const char *what, const char *owner_login, RdDate due_on,
                    int64_t *id, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "add an outstanding action", err);
   if (st != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   int64_t owner_id = 0, new_id = 0;
   st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   if (ref)
      st = complaint_get(s, ref, &c, err);
   if (st == RD_OK)
      st = action_owner(s, owner_login, &owner_id, err);
   if (st == RD_OK)
      st = action_insert(s, c.id, what, owner_id, due_on, ACTION_FROM_RESPONSE, &new_id, err);
   char due[RD_DATE_BUFSIZE], detail[512];
   datetime_format_date(due_on, due);
   snprintf(detail, sizeof detail, "action #%lld due %s, owned by %s", (long long)new_id, due,
            owner_login ? owner_login : s->me.login);
   AuditEvent ev = { c.id, "action", new_id, "added", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   if (st == RD_OK && id)
      *id = new_id;
   complaint_clear(&c);
   return st;
}

#define ACTION_SELECT \
   "SELECT a.id, a.complaint_id, COALESCE(c.ref, ''), a.what, a.owner_id, s.login, s.full_name, s.team, " \
   "a.due_on, a.source, a.done_on, a.created_at, a.version, " \
   "(SELECT u.text FROM action_update u WHERE u.action_id = a.id ORDER BY u.id DESC LIMIT 1), " \
   "(SELECT u.at FROM action_update u WHERE u.action_id = a.id ORDER BY u.id DESC LIMIT 1) " \
   "FROM action a JOIN staff s ON s.id = a.owner_id LEFT JOIN complaint c ON c.id = a.complaint_id "

static void action_read_row(sqlite3_stmt *stmt, Action *a) {
   memset(a, 0, sizeof *a);
   a->id = sqlite3_column_int64(stmt, 0);
   a->complaint_id = sqlite3_column_int64(stmt, 1);
   str_copy(a->ref, store_column_text(stmt, 2), sizeof a->ref);
   a->what = store_column_dup(stmt, 3);
   a->owner_id = sqlite3_column_int64(stmt, 4);
   a->owner_login = store_column_dup(stmt, 5);
   a->owner_name = store_column_dup(stmt, 6);
   a->owner_team = store_column_dup(stmt, 7);
   a->due_on = store_column_date(stmt, 8);
   a->source = action_source_from(store_column_text(stmt, 9));
   a->done_on = store_column_date(stmt, 10);
   a->created_at = store_column_instant(stmt, 11);
   a->version = sqlite3_column_int(stmt, 12);
   a->last_update = store_column_dup(stmt, 13);
   a->last_update_at = store_column_instant(stmt, 14);
}

RdStatus action_get(Session *s, int64_t id, Action *out, RdError *err) {
   static const char sql[] = ACTION_SELECT "WHERE a.id = ?1";
   sqlite3_stmt *stmt = store_stmt(s->store, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   int rc = sqlite3_step(stmt);
   RdStatus st = RD_OK;
   if (rc == SQLITE_ROW)
      action_read_row(stmt, out);
   else if (rc == SQLITE_DONE)
      st = error_set(err, RD_ENOTFOUND, "there is no action #%lld", (long long)id);
   else
      st = store_fail(s->store, err, "reading an action");
   sqlite3_reset(stmt);
   return st;
}

/* The filters that are not set read as true; each statement keeps one of them plain, so
 * that it can go through its index: a condition like (?3 = 0 OR a.complaint_id = ?3)
 * cannot, and opening a case read every action of the landlord (bench/README.md). */
#define ACTION_FILTERS \
   "(?1 = 0 OR a.owner_id = ?1) AND (?2 IS NULL OR s.team = ?2) AND (?3 = 0 OR a.complaint_id = ?3) " \
   "AND (?4 OR a.done_on IS NULL) ORDER BY a.done_on IS NOT NULL, a.due_on, a.id"

RdStatus action_list(Session *s, const ActionFilter *f, Action **out, size_t *count, RdError *err) {
   static const char of_case[] = ACTION_SELECT "WHERE a.complaint_id = ?3 AND " ACTION_FILTERS;
   static const char outstanding[] = ACTION_SELECT "WHERE a.done_on IS NULL AND " ACTION_FILTERS;
   static const char every[] = ACTION_SELECT "WHERE " ACTION_FILTERS;
   const char *sql = f->complaint_id ? of_case : !f->include_done ? outstanding : every;
   sqlite3_stmt *stmt = store_stmt(s->store, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, f->owner_id);
   store_bind_text(stmt, 2, f->team);
   sqlite3_bind_int64(stmt, 3, f->complaint_id);
   sqlite3_bind_int(stmt, 4, f->include_done);
   Action *list = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 16;
         list = xreallocarray(list, cap, sizeof *list);
      }
      action_read_row(stmt, &list[n++]);
   }
   sqlite3_reset(stmt);
   if (rc != SQLITE_DONE) {
      action_free_list(list, n);
      return store_fail(s->store, err, "listing actions");
   }
   *out = list;
   *count = n;
   return RD_OK;
}

size_t action_open_count(Session *s, int64_t complaint_id) {
   static const char sql[] = "SELECT count(*) FROM action WHERE complaint_id = ?1 AND done_on IS NULL";
   sqlite3_stmt *stmt = store_stmt(s->store, sql, NULL);
   if (!stmt)
      return 0;
   sqlite3_bind_int64(stmt, 1, complaint_id);
   size_t n = sqlite3_step(stmt) == SQLITE_ROW ? (size_t)sqlite3_column_int64(stmt, 0) : 0;
   sqlite3_reset(stmt);
   return n;
}

/* The owner of an action, or a manager, may update it or mark it done. */
static RdStatus action_may_change(Session *s, const Action *a, RdError *err) {
   if (a->owner_id == s->me.id || staff_has(&s->me, ROLE_MANAGER))
      return RD_OK;
   return error_set(err, RD_EDENIED, "action #%lld belongs to %s: only its owner or a manager may change it",
                    (long long)a->id, a->owner_login);
}

static RdStatus action_insert_update(Session *s, int64_t id, const char *text, RdInstant at, RdError *err) {
   static const char sql[] = "INSERT INTO action_update (action_id, at, staff_id, text) VALUES (?1, ?2, ?3, ?4)";
   sqlite3_stmt *stmt = store_stmt(s->store, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   store_bind_instant(stmt, 2, lifecycle_at(at));
   sqlite3_bind_int64(stmt, 3, s->me.id);
   store_bind_text(stmt, 4, text);
   return store_run(s->store, stmt, err);
}

RdStatus action_update(Session *s, int64_t id, const char *text, RdInstant at, RdError *err) {
   if (!text || !*text)
      return error_set(err, RD_EINPUT, "an update needs its text");
   Action a;
   memset(&a, 0, sizeof a);
   RdStatus st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   st = action_get(s, id, &a, err);
   if (st == RD_OK)
      st = action_may_change(s, &a, err);
   if (st == RD_OK)
      st = action_insert_update(s, id, text, at, err);
   char detail[128];
   snprintf(detail, sizeof detail, "action #%lld: an update was recorded", (long long)id);
   AuditEvent ev = { a.complaint_id, "action", id, "updated", detail };
   st = lifecycle_finish(s, st, &ev, at, err);
   action_clear(&a);
   return st;
}

RdStatus action_done(Session *s, int64_t id, RdDate done_on, const char *note, RdError *err) {
   static const char sql[] = "UPDATE action SET done_on = ?2, version = version + 1 WHERE id = ?1";
   Action a;
   memset(&a, 0, sizeof a);
   RdStatus st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   st = action_get(s, id, &a, err);
   if (st == RD_OK)
      st = action_may_change(s, &a, err);
   if (st == RD_OK && a.done_on != RD_NO_DATE) {
      char was[RD_DATE_BUFSIZE];
      datetime_format_date(a.done_on, was);
      st = error_set(err, RD_ERULE, "action #%lld was already done on %s", (long long)id, was);
   }
   if (done_on == RD_NO_DATE)
      done_on = clock_today();
   if (st == RD_OK && done_on > clock_today())
      st = error_set(err, RD_EINPUT, "an action cannot be done on a day still to come");
   sqlite3_stmt *stmt = st == RD_OK ? store_stmt(s->store, sql, err) : NULL;
   if (st == RD_OK && !stmt)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(stmt, 1, id);
      store_bind_date(stmt, 2, done_on);
      st = store_run(s->store, stmt, err);
   }
   /* The note is kept with the action's updates: the audit event only says there is one. */
   bool noted = note && *note;
   if (st == RD_OK && noted) {
      char *text = xasprintf("Done: %s", note);
      st = action_insert_update(s, id, text, RD_NO_INSTANT, err);
      free(text);
   }
   char detail[128], day[RD_DATE_BUFSIZE];
   datetime_format_date(done_on, day);
   snprintf(detail, sizeof detail, "action #%lld done %s%s", (long long)id, day, noted ? ", with a note" : "");
   AuditEvent ev = { a.complaint_id, "action", id, "done", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   action_clear(&a);
   return st;
}

RdStatus action_reassign(Session *s, int64_t id, const char *owner_login, RdError *err) {
   static const char sql[] = "UPDATE action SET owner_id = ?2, version = version + 1 WHERE id = ?1";
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "give an action to someone else", err);
   if (st != RD_OK)
      return st;
   if (!owner_login || !*owner_login)
      return error_set(err, RD_EINPUT, "say whose the action becomes (a login)");
   Action a;
   memset(&a, 0, sizeof a);
   int64_t owner_id = 0;
   st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   st = action_get(s, id, &a, err);
   if (st == RD_OK)
      st = action_may_change(s, &a, err);
   if (st == RD_OK && a.done_on != RD_NO_DATE)
      st = error_set(err, RD_ERULE, "action #%lld is done: only an outstanding action changes hands", (long long)id);
   if (st == RD_OK)
      st = action_owner(s, owner_login, &owner_id, err);
   sqlite3_stmt *stmt = st == RD_OK ? store_stmt(s->store, sql, err) : NULL;
   if (st == RD_OK && !stmt)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(stmt, 1, id);
      sqlite3_bind_int64(stmt, 2, owner_id);
      st = store_run(s->store, stmt, err);
   }
   char detail[200];
   snprintf(detail, sizeof detail, "action #%lld passed from %s to %s", (long long)id,
            a.owner_login ? a.owner_login : "?", owner_login);
   AuditEvent ev = { a.complaint_id, "action", id, "reassigned", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   action_clear(&a);
   return st;
}

RdStatus remedy_add(Session *s, const char *ref, RemedyKind kind, const char *detail, int64_t amount_pence,
                    RdDate due_on, int64_t *id, RdError *err) {
   static const char sql[] =
      "INSERT INTO remedy (complaint_id, stage, kind, detail, amount_pence, due_on, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "record a remedy", err);
   if (st != RD_OK)
      return st;
   if (!detail || !*detail)
      return error_set(err, RD_EINPUT, "say what the remedy is (Code 7.3: what will happen and by when)");
   bool money = kind == REMEDY_FINANCIAL_LOSS || kind == REMEDY_GOODWILL;
   if (money && amount_pence <= 0)
      return error_set(err, RD_EINPUT, "a %s remedy needs an amount", remedy_kind_names[kind]);
   if (!money && amount_pence > 0)
      return error_set(err, RD_EINPUT, "only financial-loss and goodwill remedies carry an amount");
   Complaint c;
   complaint_init(&c);
   int64_t new_id = 0;
   st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   st = complaint_get(s, ref, &c, err);
   if (st == RD_OK && c.kind != KIND_COMPLAINT)
      st = error_set(err, RD_ERULE, "%s is not a complaint: remedies belong to complaints", c.ref);
   sqlite3_stmt *stmt = st == RD_OK ? store_stmt(s->store, sql, err) : NULL;
   if (st == RD_OK && !stmt)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(stmt, 1, c.id);
      sqlite3_bind_int(stmt, 2, c.stage);
      store_bind_text(stmt, 3, remedy_kind_names[kind]);
      store_bind_text(stmt, 4, detail);
      sqlite3_bind_int64(stmt, 5, amount_pence);
      store_bind_date(stmt, 6, due_on);
      store_bind_instant(stmt, 7, clock_now());
      st = store_run(s->store, stmt, err);
      new_id = sqlite3_last_insert_rowid(store_db(s->store));
   }
   char words[512], money_text[32] = "";
   if (money)
      remedy_format_pence(amount_pence, money_text, sizeof money_text);
   snprintf(words, sizeof words, "remedy #%lld at stage %d: %s%s%s, with what will be done", (long long)new_id,
            c.stage, remedy_kind_names[kind], money ? " " : "", money_text);
   AuditEvent ev = { c.id, "remedy", new_id, "added", words };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   if (st == RD_OK && id)
      *id = new_id;
   complaint_clear(&c);
   return st;
}

RdStatus remedy_done(Session *s, int64_t id, RdDate done_on, RdError *err) {
   static const char find[] = "SELECT complaint_id, done_on FROM remedy WHERE id = ?1";
   static const char sql[] = "UPDATE remedy SET done_on = ?2 WHERE id = ?1";
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "record a remedy as done", err);
   if (st != RD_OK)
      return st;
   if (done_on == RD_NO_DATE)
      done_on = clock_today();
   st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   int64_t complaint_id = 0;
   sqlite3_stmt *stmt = store_stmt(s->store, find, err);
   if (!stmt)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(stmt, 1, id);
      int rc = sqlite3_step(stmt);
      if (rc != SQLITE_ROW)
         st = error_set(err, RD_ENOTFOUND, "there is no remedy #%lld", (long long)id);
      else if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
         st = error_set(err, RD_ERULE, "remedy #%lld is already done", (long long)id);
      else
         complaint_id = sqlite3_column_int64(stmt, 0);
      sqlite3_reset(stmt);
   }
   if (st == RD_OK && (stmt = store_stmt(s->store, sql, err)) == NULL)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(stmt, 1, id);
      store_bind_date(stmt, 2, done_on);
      st = store_run(s->store, stmt, err);
   }
   char day[RD_DATE_BUFSIZE], detail[128];
   datetime_format_date(done_on, day);
   snprintf(detail, sizeof detail, "remedy #%lld done (paid where money) %s", (long long)id, day);
   AuditEvent ev = { complaint_id, "remedy", id, "done", detail };
   return lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
}

RdStatus remedy_list(Session *s, int64_t complaint_id, Remedy **out, size_t *count, RdError *err) {
   static const char sql[] =
      "SELECT id, complaint_id, stage, kind, detail, amount_pence, due_on, done_on FROM remedy "
      "WHERE complaint_id = ?1 ORDER BY id";
   sqlite3_stmt *stmt = store_stmt(s->store, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, complaint_id);
   Remedy *list = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 8;
         list = xreallocarray(list, cap, sizeof *list);
      }
      Remedy *r = &list[n++];
      r->id = sqlite3_column_int64(stmt, 0);
      r->complaint_id = sqlite3_column_int64(stmt, 1);
      r->stage = sqlite3_column_int(stmt, 2);
      r->kind = REMEDY_OTHER;
      remedy_kind_parse(store_column_text(stmt, 3), &r->kind, NULL);
      r->detail = store_column_dup(stmt, 4);
      r->amount_pence = sqlite3_column_int64(stmt, 5);
      r->due_on = store_column_date(stmt, 6);
      r->done_on = store_column_date(stmt, 7);
   }
   sqlite3_reset(stmt);
   if (rc != SQLITE_DONE) {
      remedy_free_list(list, n);
      return store_fail(s->store, err, "listing remedies");
   }
   *out = list;
   *count = n;
   return RD_OK;
}

size_t remedy_count(Session *s, int64_t complaint_id, int stage) {
   static const char sql[] = "SELECT count(*) FROM remedy WHERE complaint_id = ?1 AND stage = ?2";
   sqlite3_stmt *stmt = store_stmt(s->store, sql, NULL);
   if (!stmt)
      return 0;
   sqlite3_bind_int64(stmt, 1, complaint_id);
   sqlite3_bind_int(stmt, 2, stage);
   size_t n = sqlite3_step(stmt) == SQLITE_ROW ? (size_t)sqlite3_column_int64(stmt, 0) : 0;
   sqlite3_reset(stmt);
   return n;
}
