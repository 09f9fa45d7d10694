/* report: the figures, each counted in SQL from the stored records over a period.
 *
 * What counts, written once here and repeated in every TSM document:
 *
 * CH01 (complaints relative to the size of the landlord). A stage 1 complaint is received in
 * the period when the case is a complaint (triaged as one, or a service request that became
 * one, Code 1.5) and its stage 1 started in the period: the instant it was received, or the
 * instant the service request became a complaint, taken as a UK date. A stage 2 complaint is
 * received when the resident's request to escalate was made in the period and was not
 * declined. Not counted, and shown beside the figure: service requests (Code 1.4), refused
 * complaints (Code 2), cases resolved at first contact without a stage 1, cases still
 * awaiting triage, and declined escalations. Withdrawn and closed complaints still count:
 * they were received. The rate is per 1,000 homes of the reporting year the period falls in
 * (config homes); a missing figure is reported as missing. Where both stock types are
 * configured, complaints from shared owners count against LCHO and every other complaint
 * (tenants, leaseholders, the public, anonymous) against LCRA, so LCRA is never understated.
 *
 * CH02 (complaints responded to within the Code's timescales). A stage's response counts in
 * the period it was issued. It is within the timescale when issued on or before the date it
 * was allowed: the response date the case's policy gave (stored when the stage was
 * acknowledged), or, after an extension the resident was told of (Code 6.4, 6.15), the
 * extended date as far as the policy's extension limit. An extension past that limit (a
 * manager's good reason) does not move the CH02 date beyond the limit. Responses within the
 * original date and within an extension are counted apart. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lifecycle.h"
#include "redress/clock.h"
#include "redress/report.h"
#include "redress/xalloc.h"

const int report_age_band_limits[REPORT_AGE_BANDS] = { 10, 20, 40, 60, -1 };

static const char *const report_month_names[] = {
   "January", "February", "March", "April", "May", "June", "July", "August", "September",
   "October", "November", "December"
};

/* --- SQL functions: the UK date of an instant, working days ------------------------- */

static void report_sql_uk_date(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
   (void)argc;
   const char *text = (const char *)sqlite3_value_text(argv[0]);
   RdInstant t;
   if (!text || datetime_parse_instant(text, &t, NULL) != RD_OK) {
      sqlite3_result_null(ctx);
      return;
   }
   char day[RD_DATE_BUFSIZE];
   datetime_format_date(datetime_local_date(t), day);
   sqlite3_result_text(ctx, day, -1, SQLITE_TRANSIENT);
}

static void report_sql_workdays(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
   (void)argc;
   const Session *s = sqlite3_user_data(ctx);
   const char *from = (const char *)sqlite3_value_text(argv[0]);
   const char *to = (const char *)sqlite3_value_text(argv[1]);
   RdDate a, b;
   if (!from || !to || datetime_parse_date(from, &a, NULL) != RD_OK || datetime_parse_date(to, &b, NULL) != RD_OK) {
      sqlite3_result_null(ctx);
      return;
   }
   sqlite3_result_int(ctx, calendar_workdays_between(s->calendar, s->config->division, a, b));
}

/* rd_date(instant) and rd_workdays(from, to), registered once per connection: SQLite
 * knows nothing of UK summer time or bank holidays. */
static RdStatus report_prepare(Session *s, RdError *err) {
   sqlite3 *db = store_db(s->store);
   sqlite3_stmt *probe = NULL;
   if (sqlite3_prepare_v2(db, "SELECT rd_date(NULL), rd_workdays(NULL, NULL)", -1, &probe, NULL) == SQLITE_OK) {
      sqlite3_finalize(probe);
      return RD_OK;
   }
   sqlite3_finalize(probe);
   int rc = sqlite3_create_function_v2(db, "rd_date", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                       report_sql_uk_date, NULL, NULL, NULL);
   if (rc == SQLITE_OK)
      rc = sqlite3_create_function_v2(db, "rd_workdays", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, s,
                                      report_sql_workdays, NULL, NULL, NULL);
   if (rc != SQLITE_OK)
      return error_set(err, RD_EDB, "the report functions could not be set up: %s", sqlite3_errmsg(db));
   return RD_OK;
}

/* The first instant after the UK day: an instant falls on a day up to `day` when it is
 * before this. */
static RdInstant report_day_end(RdDate day) {
   return datetime_local_to_instant(day + 1, 0);
}

/* A statement with the period bound (when p is not NULL): ?1 and ?2 its first and last day,
 * for the columns that hold dates; ?3 and ?4 the instant it starts and the instant after
 * it ends, for those that hold instants. Instants are stored as UTC text that sorts as
 * time does, so REPORT_DURING is a range an index can answer; rd_date() on every row
 * could not use one, and cost a full scan of the table per figure. */
static sqlite3_stmt *report_query(Session *s, const char *sql, const ReportPeriod *p, RdError *err) {
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (q && p) {
      store_bind_date(q, 1, p->from);
      store_bind_date(q, 2, p->to);
      store_bind_instant(q, 3, datetime_local_to_instant(p->from, 0));
      store_bind_instant(q, 4, report_day_end(p->to));
   }
   return q;
}

/* An instant column within the period of report_query. */
#define REPORT_DURING(col) "(" col " >= ?3 AND " col " < ?4)"

static RdStatus report_finish(Session *s, sqlite3_stmt *q, int rc, const char *doing, RdError *err) {
   RdStatus st = rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, doing);
   sqlite3_reset(q);
   return st;
}

/* One number from a statement whose first row's first column is a count. */
static RdStatus report_count(Session *s, sqlite3_stmt *q, int64_t *out, const char *doing, RdError *err) {
   int rc = sqlite3_step(q);
   if (rc == SQLITE_ROW) {
      *out = sqlite3_column_int64(q, 0);
      rc = SQLITE_DONE;
   }
   return report_finish(s, q, rc, doing, err);
}

/* How far report_figures has got: each figure counted is a step. */
typedef struct ReportSteps {
   ProgressFn fn;             /* may be NULL */
   void *data;
   size_t done;
   size_t total;
} ReportSteps;

#define REPORT_PERIOD_STEPS 10
#define REPORT_TSM_STEPS 3
#define REPORT_OMBUDSMAN_STEPS 2

static void report_step(ReportSteps *steps) {
   if (steps && steps->fn) {
      steps->done++;
      steps->fn(steps->data, steps->done, steps->total);
   }
}

/* --- periods ------------------------------------------------------------------------ */

int report_reporting_year(RdDate date) {
   int y, m;
   datetime_to_ymd(date, &y, &m, NULL);
   return m >= 4 ? y : y - 1;
}

static void report_month(int year, int month, ReportPeriod *p) {
   p->unit = REPORT_MONTH;
   p->from = datetime_from_ymd(year, month, 1);
   p->to = datetime_from_ymd(year, month, datetime_days_in_month(year, month));
   snprintf(p->label, sizeof p->label, "%s %d", report_month_names[month - 1], year);
}

static void report_quarter(int ryear, int quarter, ReportPeriod *p) {
   int month = 4 + 3 * (quarter - 1), year = ryear;
   if (month > 12) {
      month -= 12;
      year++;
   }
   int last = month + 2;
   p->unit = REPORT_QUARTER;
   p->from = datetime_from_ymd(year, month, 1);
   p->to = datetime_from_ymd(year, last, datetime_days_in_month(year, last));
   snprintf(p->label, sizeof p->label, "%d/%02d Q%d (%s to %s %d)", ryear, (ryear + 1) % 100, quarter,
            report_month_names[month - 1], report_month_names[last - 1], year);
}

static void report_year(int ryear, ReportPeriod *p) {
   p->unit = REPORT_YEAR;
   p->from = datetime_from_ymd(ryear, 4, 1);
   p->to = datetime_from_ymd(ryear + 1, 3, 31);
   snprintf(p->label, sizeof p->label, "%d/%02d (1 April %d to 31 March %d)", ryear, (ryear + 1) % 100, ryear,
            ryear + 1);
}

static void report_range(RdDate from, RdDate to, ReportPeriod *p) {
   char a[RD_DATE_BUFSIZE], b[RD_DATE_BUFSIZE];
   datetime_format_date(from, a);
   datetime_format_date(to, b);
   p->unit = REPORT_RANGE;
   p->from = from;
   p->to = to;
   snprintf(p->label, sizeof p->label, "%s to %s", a, b);
}

/* The period of unit holding day. */
static void report_period_holding(ReportUnit unit, RdDate day, ReportPeriod *p) {
   int y, m;
   datetime_to_ymd(day, &y, &m, NULL);
   int ry = report_reporting_year(day);
   if (unit == REPORT_MONTH)
      report_month(y, m, p);
   else if (unit == REPORT_QUARTER)
      report_quarter(ry, (m >= 4 ? m - 4 : m + 8) / 3 + 1, p);
   else
      report_year(ry, p);
}

void report_period_previous(const ReportPeriod *p, ReportPeriod *out) {
   if (p->unit == REPORT_RANGE)
      report_range(p->from - (p->to - p->from + 1), p->from - 1, out);
   else
      report_period_holding(p->unit, p->from - 1, out);
}

static RdStatus report_period_refuse(const char *text, RdError *err) {
   return error_set(err, RD_EINPUT, "'%s' is not a period: write a month (2025-12), a reporting year (2025/26), a "
                    "quarter of one (2025/26-Q3; Q1 is April to June), dates (2025-12-01..2026-01-15), 'this' or "
                    "'last'", text ? text : "");
}

static bool report_year_pair(int year, int next) {
   return year >= 1990 && year <= 2200 && next == (year + 1) % 100;
}

RdStatus report_period_parse(const char *text, ReportUnit unit, RdDate today, ReportPeriod *out, RdError *err) {
   if (!text || !*text || strcmp(text, "this") == 0) {
      report_period_holding(unit, today, out);
      return RD_OK;
   }
   if (strcmp(text, "last") == 0) {
      ReportPeriod now;
      report_period_holding(unit, today, &now);
      report_period_previous(&now, out);
      return RD_OK;
   }
   size_t len = strlen(text);
   const char *dots = strstr(text, "..");
   if (dots) {
      char from[16];
      RdDate a, b;
      if ((size_t)(dots - text) >= sizeof from)
         return report_period_refuse(text, err);
      str_copy(from, text, (size_t)(dots - text) + 1);
      if (datetime_parse_date(from, &a, NULL) != RD_OK || datetime_parse_date(dots + 2, &b, NULL) != RD_OK)
         return report_period_refuse(text, err);
      if (b < a)
         return error_set(err, RD_EINPUT, "the period %s ends before it starts", text);
      report_range(a, b, out);
      return RD_OK;
   }
   int y = 0, m = 0, yy = 0, q = 0, n = 0;
   if (sscanf(text, "%4d/%2d-Q%1d%n", &y, &yy, &q, &n) == 3 && (size_t)n == len) {
      if (!report_year_pair(y, yy) || q < 1 || q > 4)
         return report_period_refuse(text, err);
      report_quarter(y, q, out);
      return RD_OK;
   }
   if (sscanf(text, "%4d/%2d%n", &y, &yy, &n) == 2 && (size_t)n == len) {
      if (!report_year_pair(y, yy))
         return report_period_refuse(text, err);
      report_year(y, out);
      return RD_OK;
   }
   if (len == 7 && sscanf(text, "%4d-%2d%n", &y, &m, &n) == 2 && (size_t)n == len && y >= 1990 && y <= 2200 &&
       m >= 1 && m <= 12) {
      report_month(y, m, out);
      return RD_OK;
   }
   return report_period_refuse(text, err);
}

/* --- breakdowns ----------------------------------------------------------------------- */

static void report_breakdown_add(ReportBreakdown *b, const char *label, int64_t count, int64_t amount) {
   for (size_t i = 0; i < b->count; i++) {
      if (strcmp(b->items[i].label, label) == 0) {
         b->items[i].count += count;
         b->items[i].amount += amount;
         return;
      }
   }
   b->items = xreallocarray(b->items, b->count + 1, sizeof *b->items);
   b->items[b->count++] = (ReportCount){ xstrdup(label), count, amount };
}

static void report_breakdown_clear(ReportBreakdown *b) {
   for (size_t i = 0; i < b->count; i++)
      free(b->items[i].label);
   free(b->items);
   b->items = NULL;
   b->count = 0;
}

/* Rows of (label, count[, amount]) into b. */
static RdStatus report_breakdown_read(Session *s, sqlite3_stmt *q, ReportBreakdown *b, const char *doing,
                                      RdError *err) {
   int rc;
   bool money = sqlite3_column_count(q) > 2;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW)
      report_breakdown_add(b, store_column_text(q, 0), sqlite3_column_int64(q, 1),
                           money ? sqlite3_column_int64(q, 2) : 0);
   return report_finish(s, q, rc, doing, err);
}

/* --- counting rows ------------------------------------------------------------------- */

/* The figures are counted here, from the rows of the period read once each through an index
 * that holds the columns they need: SQLite's GROUP BY sorts every row before counting, and
 * over a landlord's ten years that cost several times the reading (bench/README.md). */

/* The UK day of an instant column; RD_NO_DATE when NULL. */
static RdDate report_column_day(sqlite3_stmt *q, int col) {
   RdInstant t = store_column_instant(q, col);
   return t == RD_NO_INSTANT ? RD_NO_DATE : datetime_local_date(t);
}

static int report_count_cmp(const void *a, const void *b) {
   return strcmp(((const ReportCount *)a)->label, ((const ReportCount *)b)->label);
}

/* In the order of their labels, as byte strings (SQLite's ORDER BY). */
static void report_breakdown_sort(ReportBreakdown *b) {
   if (b->count > 1)
      qsort(b->items, b->count, sizeof *b->items, report_count_cmp);
}

/* The stage number of column col, or 0 when it is neither 1 nor 2. */
static int report_stage_number(sqlite3_stmt *q, int col) {
   int n = sqlite3_column_int(q, col);
   return n == 1 || n == 2 ? n : 0;
}

/* --- CH01 and CH02 -------------------------------------------------------------------- */

/* Stage 1 and 2 complaints received in the period, by stock type. */
static RdStatus report_received(Session *s, const ReportPeriod *p, int64_t counts[2][2], RdError *err) {
   static const char sql[] =
      "SELECT s.number, pe.kind = 'shared-owner' "
      "FROM stage s JOIN complaint c ON c.id = s.complaint_id LEFT JOIN person pe ON pe.id = c.person_id "
      "WHERE c.kind = 'complaint' AND s.declined_at IS NULL AND " REPORT_DURING("s.requested_at");
   memset(counts, 0, sizeof(int64_t[2][2]));
   sqlite3_stmt *q = report_query(s, sql, p, err);
   if (!q)
      return RD_EDB;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      int stage = report_stage_number(q, 0);
      if (stage)
         counts[stage - 1][sqlite3_column_int(q, 1) == 1]++;
   }
   return report_finish(s, q, rc, "counting the complaints received", err);
}

/* What the responses of a period are counted into besides their timeliness; NULL parts
 * are not wanted. */
typedef struct ReportResponseExtras {
   StageFigures *decided;     /* [2]: decisions */
   int64_t *escalated;        /* stage 1 responses escalated (asked, declined or not) as at a day */
   TsmFigures *missed;        /* the responses that missed, each with the dates to check it by */
} ReportResponseExtras;

enum { RESP_NUMBER, RESP_RESPONDED, RESP_DUE, RESP_EXTENDED, RESP_LIMIT, RESP_DECISION, RESP_CASE };

/* The cases whose stage 2 was asked for before an instant, sorted, for report_escalated. */
typedef struct ReportCaseSet {
   int64_t *ids;
   size_t count;
} ReportCaseSet;

static int report_id_cmp(const void *a, const void *b) {
   int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
   return (x > y) - (x < y);
}

/* Read once from stage_by_number, rather than looked for once for every stage 1 response. */
static RdStatus report_escalation_set(Session *s, RdDate as_at, ReportCaseSet *set, RdError *err) {
   static const char sql[] = "SELECT complaint_id FROM stage WHERE number = 2 AND requested_at < ?1";
   set->ids = NULL;
   set->count = 0;
   sqlite3_stmt *q = report_query(s, sql, NULL, err);
   if (!q)
      return RD_EDB;
   store_bind_instant(q, 1, report_day_end(as_at));
   size_t cap = 0;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (set->count == cap) {
         cap = cap ? cap * 2 : 256;
         set->ids = xreallocarray(set->ids, cap, sizeof *set->ids);
      }
      set->ids[set->count++] = sqlite3_column_int64(q, 0);
   }
   if (set->count > 1)
      qsort(set->ids, set->count, sizeof *set->ids, report_id_cmp);
   return report_finish(s, q, rc, "finding the escalations", err);
}

static bool report_in_set(const ReportCaseSet *set, int64_t id) {
   return set->count && bsearch(&id, set->ids, set->count, sizeof *set->ids, report_id_cmp);
}

/* The date a response was allowed: the response date, moved by an extension the resident
 * was told of, as far as the policy's limit. */
static RdDate report_allowed(RdDate due, RdDate extended, RdDate limit) {
   if (extended == RD_NO_DATE)
      return due;
   return limit == RD_NO_DATE || extended <= limit ? extended : limit;
}

static char *report_miss_words(const TsmMiss *m) {
   char due[RD_DATE_BUFSIZE], ext[RD_DATE_BUFSIZE], lim[RD_DATE_BUFSIZE];
   datetime_format_date(m->due, due);
   datetime_format_date(m->extended_to, ext);
   datetime_format_date(m->limit, lim);
   if (m->due == RD_NO_DATE)
      return xstrdup("no response date was recorded for this stage");
   if (m->extended_to == RD_NO_DATE)
      return xasprintf("%d working day%s after the response date %s, not extended", m->working_days_late,
                       m->working_days_late == 1 ? "" : "s", due);
   if (m->limit != RD_NO_DATE && m->extended_to > m->limit)
      return xasprintf("extended to %s, past the policy's limit of %s: %d working day%s after the limit",
                       ext, lim, m->working_days_late, m->working_days_late == 1 ? "" : "s");
   return xasprintf("%d working day%s after the extended date %s", m->working_days_late,
                    m->working_days_late == 1 ? "" : "s", ext);
}

/* A missed response, its case's reference to be looked up when the pass is over; the
 * reference goes in ref as the case id meanwhile. */
static void report_add_miss(Session *s, TsmFigures *f, sqlite3_stmt *q, int stage, RdDate day, RdDate allowed) {
   f->missed = xreallocarray(f->missed, f->missed_count + 1, sizeof *f->missed);
   TsmMiss *m = &f->missed[f->missed_count++];
   memset(m, 0, sizeof *m);
   snprintf(m->ref, sizeof m->ref, "%lld", (long long)sqlite3_column_int64(q, RESP_CASE));
   m->stage = stage;
   m->due = store_column_date(q, RESP_DUE);
   m->extended_to = store_column_date(q, RESP_EXTENDED);
   m->limit = store_column_date(q, RESP_LIMIT);
   m->responded = day;
   m->working_days_late = allowed == RD_NO_DATE ? 0
                        : calendar_workdays_between(s->calendar, s->config->division, allowed, day);
   m->why = report_miss_words(m);
}

static int report_miss_cmp(const void *a, const void *b) {
   const TsmMiss *x = a, *y = b;
   if (x->stage != y->stage)
      return x->stage < y->stage ? -1 : 1;
   return strcmp(x->ref, y->ref);
}

/* The case references of the misses, in place of their ids; then stage 1 first, by reference. */
static RdStatus report_name_misses(Session *s, TsmFigures *f, RdError *err) {
   static const char sql[] = "SELECT ref FROM complaint WHERE id = ?1";
   for (size_t i = 0; i < f->missed_count; i++) {
      sqlite3_stmt *q = store_stmt(s->store, sql, err);
      if (!q)
         return RD_EDB;
      sqlite3_bind_int64(q, 1, strtoll(f->missed[i].ref, NULL, 10));
      int rc = sqlite3_step(q);
      if (rc == SQLITE_ROW) {
         str_copy(f->missed[i].ref, store_column_text(q, 0), sizeof f->missed[i].ref);
         rc = SQLITE_DONE;
      }
      RdStatus st = report_finish(s, q, rc, "naming the responses that missed their timescale", err);
      if (st != RD_OK)
         return st;
   }
   if (f->missed_count > 1)
      qsort(f->missed, f->missed_count, sizeof *f->missed, report_miss_cmp);
   return RD_OK;
}

/* One response: in time by the original date, by an extension, or missed. */
static void report_count_response(Session *s, sqlite3_stmt *q, TsmTimeliness t[2], const ReportResponseExtras *x,
                                  const ReportCaseSet *escalations) {
   int stage = report_stage_number(q, RESP_NUMBER);
   if (!stage)
      return;
   RdDate day = report_column_day(q, RESP_RESPONDED);
   RdDate due = store_column_date(q, RESP_DUE);
   RdDate allowed = report_allowed(due, store_column_date(q, RESP_EXTENDED), store_column_date(q, RESP_LIMIT));
   TsmTimeliness *c = &t[stage - 1];
   c->responded++;
   if (due != RD_NO_DATE && day <= due) {
      c->within_original++;
   } else if (allowed != RD_NO_DATE && day <= allowed) {
      c->within_extension++;
   } else {
      c->missed++;
      if (x && x->missed)
         report_add_miss(s, x->missed, q, stage, day, allowed);
   }
   if (x && x->decided) {
      const char *d = store_column_text(q, RESP_DECISION);
      StageFigures *f = &x->decided[stage - 1];
      f->upheld += strcmp(d, "upheld") == 0;
      f->partly_upheld += strcmp(d, "partly-upheld") == 0;
      f->not_upheld += strcmp(d, "not-upheld") == 0;
   }
   if (x && x->escalated && stage == 1)
      *x->escalated += report_in_set(escalations, sqlite3_column_int64(q, RESP_CASE));
}

/* The responses issued in the period, in time or not, and what x asks for besides, in one
 * pass over stage_responded. as_at: the day escalations are counted to, when asked. */
static RdStatus report_responses(Session *s, const ReportPeriod *p, TsmTimeliness t[2], const ReportResponseExtras *x,
                                 RdDate as_at, RdError *err) {
   static const char sql[] =
      "SELECT s.number, s.responded_at, s.response_due, s.extended_to, s.extension_limit, COALESCE(s.decision, ''), "
      "s.complaint_id FROM stage s WHERE " REPORT_DURING("s.responded_at");
   memset(t, 0, 2 * sizeof *t);
   ReportCaseSet escalations = { NULL, 0 };
   RdStatus st = x && x->escalated ? report_escalation_set(s, as_at, &escalations, err) : RD_OK;
   sqlite3_stmt *q = st == RD_OK ? report_query(s, sql, p, err) : NULL;
   if (!q) {
      free(escalations.ids);
      return RD_EDB;
   }
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW)
      report_count_response(s, q, t, x, &escalations);
   free(escalations.ids);
   for (int i = 0; i < 2; i++)
      t[i].percent_within = t[i].responded ? 100.0 * (double)(t[i].within_original + t[i].within_extension) /
                                             (double)t[i].responded : 0.0;
   st = report_finish(s, q, rc, "counting the responses in time", err);
   if (st == RD_OK && x && x->missed)
      st = report_name_misses(s, x->missed, err);
   return st;
}

/* Received in the period and not counted in CH01: the kinds from the period figures when
 * they were counted already (known), else from the store. */
static RdStatus report_not_counted(Session *s, const ReportPeriod *p, const PeriodFigures *known, TsmFigures *f,
                                   RdError *err) {
   static const char kinds[] =
      "SELECT kind FROM complaint WHERE kind <> 'complaint' AND " REPORT_DURING("received_at");
   static const char declined[] =
      "SELECT count(*) FROM stage WHERE number = 2 AND declined_at IS NOT NULL AND " REPORT_DURING("requested_at");
   sqlite3_stmt *q;
   RdStatus st = RD_OK;
   if (known) {
      f->quick = known->quick;
      f->service_requests = known->service_requests;
      f->excluded = known->excluded;
      f->untriaged = known->untriaged;
   } else if ((q = report_query(s, kinds, p, err))) {
      int rc;
      while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
         const char *kind = store_column_text(q, 0);
         f->quick += strcmp(kind, "quick") == 0;
         f->service_requests += strcmp(kind, "service-request") == 0;
         f->excluded += strcmp(kind, "excluded") == 0;
         f->untriaged += strcmp(kind, "untriaged") == 0;
      }
      st = report_finish(s, q, rc, "counting the cases not counted in CH01", err);
   } else {
      st = RD_EDB;
   }
   if (st != RD_OK)
      return st;
   if (!(q = report_query(s, declined, p, err)))
      return RD_EDB;
   return report_count(s, q, &f->escalations_declined, "counting the declined escalations", err);
}

static void report_rate(TsmRate *r, int64_t stage1, int64_t stage2, int homes, bool known) {
   r->homes_known = known && homes > 0;
   r->homes = homes;
   r->stage1 = stage1;
   r->stage2 = stage2;
   r->stage1_per_1000 = r->homes_known ? 1000.0 * (double)stage1 / homes : 0.0;
   r->stage2_per_1000 = r->homes_known ? 1000.0 * (double)stage2 / homes : 0.0;
}

static void report_rates(Session *s, TsmFigures *f, int64_t counts[2][2]) {
   int ry = report_reporting_year(f->period.from);
   f->reporting_year = ry == report_reporting_year(f->period.to) ? ry : -1;
   const HomesYear *h = f->reporting_year >= 0 ? config_homes_for(s->config, ry) : NULL;
   f->lcra_configured = h && h->lcra > 0;
   f->lcho_configured = h && h->lcho > 0;
   int64_t s1 = counts[0][0] + counts[0][1], s2 = counts[1][0] + counts[1][1];
   if (f->lcra_configured && f->lcho_configured) {
      report_rate(&f->lcra, counts[0][0], counts[1][0], h->lcra, true);
      report_rate(&f->lcho, counts[0][1], counts[1][1], h->lcho, true);
   } else {
      /* One stock type: every complaint counts against it. */
      report_rate(&f->lcra, f->lcra_configured ? s1 : 0, f->lcra_configured ? s2 : 0, h ? h->lcra : 0,
                  f->lcra_configured);
      report_rate(&f->lcho, f->lcho_configured ? s1 : 0, f->lcho_configured ? s2 : 0, h ? h->lcho : 0,
                  f->lcho_configured);
   }
   report_rate(&f->combined, s1, s2, h ? h->lcra + h->lcho : 0, h != NULL);
}

/* The TSM from the counts it shares with the period figures (known, when those were made). */
static RdStatus report_tsm_from(Session *s, const ReportPeriod *p, int64_t counts[2][2], const TsmTimeliness t[2],
                                const PeriodFigures *known, TsmFigures *out, RdError *err) {
   out->period = *p;
   report_rates(s, out, counts);
   out->timeliness[0] = t[0];
   out->timeliness[1] = t[1];
   RdStatus st = report_not_counted(s, p, known, out, err);
   if (st != RD_OK)
      report_tsm_clear(out);
   return st;
}

static RdStatus report_tsm_steps(Session *s, const ReportPeriod *p, TsmFigures *out, ReportSteps *steps,
                                 RdError *err) {
   memset(out, 0, sizeof *out);
   int64_t counts[2][2];
   TsmTimeliness t[2];
   ReportResponseExtras x = { NULL, NULL, out };
   RdStatus st = report_prepare(s, err);
   if (st == RD_OK && (st = report_received(s, p, counts, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_responses(s, p, t, &x, RD_NO_DATE, err)) == RD_OK)
      report_step(steps);
   if (st != RD_OK) {
      report_tsm_clear(out);
      return st;
   }
   st = report_tsm_from(s, p, counts, t, NULL, out, err);
   report_step(steps);
   return st;
}

RdStatus report_tsm(Session *s, const ReportPeriod *p, TsmFigures *out, RdError *err) {
   return report_tsm_steps(s, p, out, NULL, err);
}

void report_tsm_clear(TsmFigures *f) {
   for (size_t i = 0; i < f->missed_count; i++)
      free(f->missed[i].why);
   free(f->missed);
   f->missed = NULL;
   f->missed_count = 0;
}

/* --- the monthly and quarterly figures ------------------------------------------------ */

/* Kinds, channels, categories and refusals of the cases received, in one pass over
 * complaint_received, which holds every column they need. */
static RdStatus report_cases_received(Session *s, const ReportPeriod *p, PeriodFigures *f, RdError *err) {
   static const char sql[] =
      "SELECT kind, channel, category, COALESCE(exclusion_code, '') FROM complaint WHERE "
      REPORT_DURING("received_at");
   sqlite3_stmt *q = report_query(s, sql, p, err);
   if (!q)
      return RD_EDB;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      const char *kind = store_column_text(q, 0);
      int64_t *slot = strcmp(kind, "complaint") == 0 ? &f->formal : strcmp(kind, "quick") == 0 ? &f->quick
                    : strcmp(kind, "excluded") == 0 ? &f->excluded : strcmp(kind, "untriaged") == 0 ? &f->untriaged
                    : &f->service_requests;
      (*slot)++;
      if (strcmp(kind, "service-request") != 0) {
         report_breakdown_add(&f->by_channel, store_column_text(q, 1), 1, 0);
         report_breakdown_add(&f->by_category, store_column_text(q, 2), 1, 0);
      }
      if (strcmp(kind, "excluded") == 0)
         report_breakdown_add(&f->refused_by_reason, store_column_text(q, 3), 1, 0);
   }
   f->received = f->formal + f->quick + f->excluded + f->untriaged;
   report_breakdown_sort(&f->by_channel);
   report_breakdown_sort(&f->by_category);
   report_breakdown_sort(&f->refused_by_reason);
   return report_finish(s, q, rc, "counting the cases received", err);
}

static RdStatus report_acknowledgements(Session *s, const ReportPeriod *p, PeriodFigures *f, RdError *err) {
   static const char sql[] =
      "SELECT number, acknowledged_at, ack_due FROM stage WHERE " REPORT_DURING("acknowledged_at");
   sqlite3_stmt *q = report_query(s, sql, p, err);
   if (!q)
      return RD_EDB;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      int n = report_stage_number(q, 0);
      if (!n)
         continue;
      RdDate due = store_column_date(q, 2);
      f->stage[n - 1].acknowledged++;
      f->stage[n - 1].acknowledged_on_time += due == RD_NO_DATE || report_column_day(q, 1) <= due;
   }
   return report_finish(s, q, rc, "counting acknowledgements", err);
}

static RdStatus report_extensions(Session *s, const ReportPeriod *p, PeriodFigures *f, RdError *err) {
   static const char sql[] = "SELECT number FROM stage WHERE " REPORT_DURING("extension_told_at");
   sqlite3_stmt *q = report_query(s, sql, p, err);
   if (!q)
      return RD_EDB;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      int n = report_stage_number(q, 0);
      if (n)
         f->stage[n - 1].extensions++;
   }
   return report_finish(s, q, rc, "counting extensions", err);
}

static RdStatus report_declined(Session *s, const ReportPeriod *p, PeriodFigures *f, RdError *err) {
   static const char sql[] = "SELECT count(*) FROM stage WHERE number = 2 AND " REPORT_DURING("declined_at");
   sqlite3_stmt *q = report_query(s, sql, p, err);
   if (!q)
      return RD_EDB;
   RdStatus st = report_count(s, q, &f->escalations_declined, "counting declined escalations", err);
   int64_t responded = f->stage[0].responses.responded;
   f->escalation_percent = responded ? 100.0 * (double)f->stage1_escalated / (double)responded : 0.0;
   return st;
}

static RdStatus report_remedies(Session *s, const ReportPeriod *p, PeriodFigures *f, RdError *err) {
   static const char offered[] = "SELECT kind, amount_pence FROM remedy WHERE " REPORT_DURING("created_at");
   static const char done[] =
      "SELECT count(*), COALESCE(sum(amount_pence), 0) FROM remedy WHERE done_on BETWEEN ?1 AND ?2";
   sqlite3_stmt *q = report_query(s, offered, p, err);
   if (!q)
      return RD_EDB;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      int64_t amount = sqlite3_column_int64(q, 1);
      report_breakdown_add(&f->remedies_by_kind, store_column_text(q, 0), 1, amount);
      f->remedies_offered++;
      f->compensation_offered_pence += amount;
   }
   report_breakdown_sort(&f->remedies_by_kind);
   RdStatus st = report_finish(s, q, rc, "counting remedies", err);
   if (st != RD_OK)
      return st;
   if (!(q = report_query(s, done, p, err)))
      return RD_EDB;
   rc = sqlite3_step(q);
   if (rc == SQLITE_ROW) {
      f->remedies_done = sqlite3_column_int64(q, 0);
      f->compensation_paid_pence = sqlite3_column_int64(q, 1);
      rc = SQLITE_DONE;
   }
   return report_finish(s, q, rc, "counting remedies done", err);
}

static RdStatus report_feedback(Session *s, const ReportPeriod *p, PeriodFigures *f, RdError *err) {
   static const char compliments[] = "SELECT about_team FROM compliment WHERE " REPORT_DURING("received_at");
   static const char surveys[] =
      "SELECT (SELECT count(*) FROM survey WHERE sent_on BETWEEN ?1 AND ?2), "
      "(SELECT count(*) FROM survey WHERE satisfied = 1 AND answered_on BETWEEN ?1 AND ?2), "
      "(SELECT count(*) FROM survey WHERE satisfied = 0 AND answered_on BETWEEN ?1 AND ?2), "
      "(SELECT count(*) FROM survey WHERE declined = 1 AND satisfied IS NULL "
      "AND COALESCE(answered_on, sent_on) BETWEEN ?1 AND ?2)";
   sqlite3_stmt *q = report_query(s, compliments, p, err);
   if (!q)
      return RD_EDB;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      report_breakdown_add(&f->compliments_by_team, store_column_text(q, 0), 1, 0);
      f->compliments++;
   }
   report_breakdown_sort(&f->compliments_by_team);
   RdStatus st = report_finish(s, q, rc, "counting compliments", err);
   if (st != RD_OK)
      return st;
   if (!(q = report_query(s, surveys, p, err)))
      return RD_EDB;
   rc = sqlite3_step(q);
   if (rc == SQLITE_ROW) {
      f->surveys_sent = sqlite3_column_int64(q, 0);
      f->satisfied = sqlite3_column_int64(q, 1);
      f->dissatisfied = sqlite3_column_int64(q, 2);
      f->survey_declined = sqlite3_column_int64(q, 3);
      rc = SQLITE_DONE;
   }
   return report_finish(s, q, rc, "counting survey answers", err);
}

/* Complaints open as at the day, by stage and working days since receipt. A case reopened
 * after that day counts as open from its receipt. Open then means still open, or closed
 * since: two ranges of complaint_open, written apart so that each is one (an OR of the two
 * read every complaint received before the day instead). */
static RdStatus report_open_ages(Session *s, PeriodFigures *f, RdError *err) {
   static const char sql[] =
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM stage t WHERE t.complaint_id = c.id AND t.number = 2 "
      "AND t.requested_at < ?6) THEN 2 ELSE 1 END, "
      "CASE WHEN age <= ?2 THEN 0 WHEN age <= ?3 THEN 1 WHEN age <= ?4 THEN 2 WHEN age <= ?5 THEN 3 ELSE 4 END, "
      "count(*) FROM (SELECT c.id, rd_workdays(rd_date(c.received_at), ?1) AS age FROM complaint c "
      "WHERE c.closed_at IS NULL AND c.kind IN ('complaint', 'untriaged') AND c.received_at < ?6 "
      "UNION ALL SELECT c.id, rd_workdays(rd_date(c.received_at), ?1) FROM complaint c "
      "WHERE c.closed_at >= ?6 AND c.kind IN ('complaint', 'untriaged') AND c.received_at < ?6) AS c GROUP BY 1, 2";
   sqlite3_stmt *q = report_query(s, sql, NULL, err);
   if (!q)
      return RD_EDB;
   store_bind_date(q, 1, f->as_at);
   for (int i = 0; i < REPORT_AGE_BANDS - 1; i++)
      sqlite3_bind_int(q, 2 + i, report_age_band_limits[i]);
   store_bind_instant(q, 6, report_day_end(f->as_at));
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      int stage = sqlite3_column_int(q, 0), band = sqlite3_column_int(q, 1);
      if ((stage == 1 || stage == 2) && band >= 0 && band < REPORT_AGE_BANDS)
         f->open_by_age[band][stage - 1] = sqlite3_column_int64(q, 2);
   }
   return report_finish(s, q, rc, "counting open cases by age", err);
}

/* The period itself is the trend's last point, with the counts already made for it. */
static RdStatus report_trend(Session *s, PeriodFigures *f, int64_t (*period_counts)[2], RdError *err) {
   size_t n = f->period.unit == REPORT_MONTH ? 6 : f->period.unit == REPORT_QUARTER ? 5 : 3;
   ReportPeriod p = f->period;
   f->trend_count = n;
   for (size_t i = n; i-- > 0;) {
      int64_t counts[2][2];
      TsmTimeliness t[2];
      RdStatus st = RD_OK;
      if (i == n - 1) {
         memcpy(counts, period_counts, sizeof counts);
         t[0] = f->stage[0].responses;
         t[1] = f->stage[1].responses;
      } else if ((st = report_received(s, &p, counts, err)) == RD_OK) {
         st = report_responses(s, &p, t, NULL, RD_NO_DATE, err);
      }
      if (st != RD_OK)
         return st;
      TrendPoint *tp = &f->trend[i];
      str_copy(tp->label, p.label, sizeof tp->label);
      char *detail = strstr(tp->label, " (");
      if (detail && p.unit != REPORT_MONTH)
         *detail = '\0';   /* "2025/26 Q3": the dates would crowd a chart's labels */
      tp->stage1_received = counts[0][0] + counts[0][1];
      tp->stage2_received = counts[1][0] + counts[1][1];
      tp->stage1_responded = t[0].responded;
      tp->stage1_within = t[0].within_original + t[0].within_extension;
      ReportPeriod before;
      report_period_previous(&p, &before);
      p = before;
   }
   return RD_OK;
}

/* The period figures; counts receives CH01's counts by stock type and, when missed is not
 * NULL, the responses that missed go to it: what the TSM of the same period needs. */
static RdStatus report_period_counts(Session *s, const ReportPeriod *p, PeriodFigures *out, int64_t counts[2][2],
                                     TsmFigures *missed, ReportSteps *steps, RdError *err) {
   memset(out, 0, sizeof *out);
   out->period = *p;
   RdDate today = clock_today();
   out->as_at = p->to < today ? p->to : today;
   RdStatus st = report_prepare(s, err);
   if (st == RD_OK && (st = report_cases_received(s, p, out, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_received(s, p, counts, err)) == RD_OK) {
      out->stage[0].received = counts[0][0] + counts[0][1];
      out->stage[1].received = counts[1][0] + counts[1][1];
      report_step(steps);
   }
   if (st == RD_OK) {
      TsmTimeliness t[2];
      ReportResponseExtras x = { out->stage, &out->stage1_escalated, missed };
      if ((st = report_responses(s, p, t, &x, out->as_at, err)) == RD_OK)
         report_step(steps);
      out->stage[0].responses = t[0];
      out->stage[1].responses = t[1];
   }
   if (st == RD_OK && (st = report_acknowledgements(s, p, out, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_extensions(s, p, out, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_declined(s, p, out, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_remedies(s, p, out, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_feedback(s, p, out, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_open_ages(s, out, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_trend(s, out, counts, err)) == RD_OK)
      report_step(steps);
   if (st != RD_OK)
      report_period_figures_clear(out);
   return st;
}

RdStatus report_period_figures(Session *s, const ReportPeriod *p, PeriodFigures *out, RdError *err) {
   int64_t counts[2][2];
   return report_period_counts(s, p, out, counts, NULL, NULL, err);
}

/* The period figures and the TSM of the same period, as the annual report gives both. */
static RdStatus report_annual_figures(Session *s, const ReportPeriod *p, PeriodFigures *f, TsmFigures *t,
                                      ReportSteps *steps, RdError *err) {
   int64_t counts[2][2];
   memset(t, 0, sizeof *t);
   RdStatus st = report_period_counts(s, p, f, counts, t, steps, err);
   if (st != RD_OK) {
      report_tsm_clear(t);
      return st;
   }
   TsmTimeliness responses[2] = { f->stage[0].responses, f->stage[1].responses };
   if ((st = report_tsm_from(s, p, counts, responses, f, t, err)) != RD_OK) {
      report_period_figures_clear(f);
      return st;
   }
   report_step(steps);
   return RD_OK;
}

void report_period_figures_clear(PeriodFigures *f) {
   report_breakdown_clear(&f->by_channel);
   report_breakdown_clear(&f->by_category);
   report_breakdown_clear(&f->refused_by_reason);
   report_breakdown_clear(&f->remedies_by_kind);
   report_breakdown_clear(&f->compliments_by_team);
}

/* --- the Housing Ombudsman ------------------------------------------------------------ */

static RdStatus report_referrals(Session *s, const ReportPeriod *p, OmbudsmanFigures *f, RdError *err) {
   static const char sql[] =
      "SELECT c.ref, r.their_ref, r.referred_on, r.determination, r.determined_on, "
      "(SELECT count(*) FROM ombudsman_order o WHERE o.referral_id = r.id) "
      "FROM ombudsman_referral r JOIN complaint c ON c.id = r.complaint_id "
      "WHERE r.referred_on BETWEEN ?1 AND ?2 ORDER BY r.referred_on, c.ref";
   static const char determined[] =
      "SELECT determination, count(*) FROM ombudsman_referral WHERE determination IS NOT NULL "
      "AND determined_on BETWEEN ?1 AND ?2 GROUP BY determination ORDER BY determination";
   sqlite3_stmt *q = report_query(s, sql, p, err);
   if (!q)
      return RD_EDB;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      f->referrals = xreallocarray(f->referrals, f->referral_count + 1, sizeof *f->referrals);
      ReportReferral *r = &f->referrals[f->referral_count++];
      str_copy(r->ref, store_column_text(q, 0), sizeof r->ref);
      r->their_ref = store_column_dup(q, 1);
      r->referred_on = store_column_date(q, 2);
      r->determination = store_column_dup(q, 3);
      r->determined_on = store_column_date(q, 4);
      r->orders = sqlite3_column_int64(q, 5);
   }
   RdStatus st = report_finish(s, q, rc, "listing Ombudsman referrals", err);
   if (st == RD_OK)
      st = (q = report_query(s, determined, p, err)) ? report_breakdown_read(s, q, &f->determinations,
                                                                             "counting determinations", err)
                                                     : RD_EDB;
   return st;
}

static RdStatus report_orders(Session *s, const ReportPeriod *p, OmbudsmanFigures *f, RdError *err) {
   static const char sql[] =
      "SELECT c.ref, r.their_ref, o.text, o.due_on, a.done_on, "
      "CASE WHEN a.done_on IS NOT NULL AND a.done_on <= o.due_on THEN 'complied' "
      "WHEN a.done_on IS NOT NULL THEN 'late' WHEN o.due_on < ?5 THEN 'overdue' ELSE 'outstanding' END "
      "FROM ombudsman_order o JOIN ombudsman_referral r ON r.id = o.referral_id "
      "JOIN complaint c ON c.id = r.complaint_id JOIN action a ON a.id = o.action_id "
      "WHERE o.due_on BETWEEN ?1 AND ?2 OR a.done_on IS NULL ORDER BY o.due_on, c.ref, o.id";
   sqlite3_stmt *q = report_query(s, sql, p, err);
   if (!q)
      return RD_EDB;
   store_bind_date(q, 5, f->as_at);
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      f->orders = xreallocarray(f->orders, f->order_count + 1, sizeof *f->orders);
      ReportOrder *o = &f->orders[f->order_count++];
      str_copy(o->ref, store_column_text(q, 0), sizeof o->ref);
      o->their_ref = store_column_dup(q, 1);
      o->text = store_column_dup(q, 2);
      o->due_on = store_column_date(q, 3);
      o->done_on = store_column_date(q, 4);
      const char *status = store_column_text(q, 5);
      o->status = strcmp(status, "complied") == 0 ? ORDER_COMPLIED : strcmp(status, "late") == 0 ? ORDER_COMPLIED_LATE
                : strcmp(status, "overdue") == 0 ? ORDER_OVERDUE : ORDER_OUTSTANDING;
      f->by_status[o->status]++;
   }
   return report_finish(s, q, rc, "listing Ombudsman orders", err);
}

static RdStatus report_ombudsman_steps(Session *s, const ReportPeriod *p, OmbudsmanFigures *out, ReportSteps *steps,
                                       RdError *err) {
   memset(out, 0, sizeof *out);
   out->period = *p;
   out->as_at = clock_today();
   RdStatus st = report_prepare(s, err);
   if (st == RD_OK && (st = report_referrals(s, p, out, err)) == RD_OK)
      report_step(steps);
   if (st == RD_OK && (st = report_orders(s, p, out, err)) == RD_OK)
      report_step(steps);
   if (st != RD_OK)
      report_ombudsman_clear(out);
   return st;
}

RdStatus report_ombudsman(Session *s, const ReportPeriod *p, OmbudsmanFigures *out, RdError *err) {
   return report_ombudsman_steps(s, p, out, NULL, err);
}

void report_ombudsman_clear(OmbudsmanFigures *f) {
   for (size_t i = 0; i < f->referral_count; i++) {
      free(f->referrals[i].their_ref);
      free(f->referrals[i].determination);
   }
   free(f->referrals);
   for (size_t i = 0; i < f->order_count; i++) {
      free(f->orders[i].their_ref);
      free(f->orders[i].text);
   }
   free(f->orders);
   report_breakdown_clear(&f->determinations);
   f->referrals = NULL;
   f->orders = NULL;
   f->referral_count = f->order_count = 0;
}

/* --- learning ----------------------------------------------------------------------- */

RdStatus report_learning(Session *s, const ReportPeriod *p, LearningRow **out, size_t *count, RdError *err) {
   static const char sql[] =
      "SELECT COALESCE(c.ref, ''), rd_date(l.recorded_at), l.lesson, l.improvement FROM learning l "
      "LEFT JOIN complaint c ON c.id = l.complaint_id WHERE " REPORT_DURING("l.recorded_at") " "
      "ORDER BY l.recorded_at, l.id";
   *out = NULL;
   *count = 0;
   RdStatus st = report_prepare(s, err);
   if (st != RD_OK)
      return st;
   sqlite3_stmt *q = report_query(s, sql, p, err);
   if (!q)
      return RD_EDB;
   LearningRow *rows = NULL;
   size_t n = 0;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      rows = xreallocarray(rows, n + 1, sizeof *rows);
      LearningRow *r = &rows[n++];
      str_copy(r->ref, store_column_text(q, 0), sizeof r->ref);
      r->recorded_on = store_column_date(q, 1);
      r->lesson = store_column_dup(q, 2);
      r->improvement = store_column_dup(q, 3);
   }
   st = report_finish(s, q, rc, "listing the lessons learned", err);
   if (st != RD_OK) {
      report_learning_free(rows, n);
      return st;
   }
   *out = rows;
   *count = n;
   return RD_OK;
}

void report_learning_free(LearningRow *rows, size_t count) {
   for (size_t i = 0; i < count; i++) {
      free(rows[i].lesson);
      free(rows[i].improvement);
   }
   free(rows);
}

/* --- all the figures of a report ----------------------------------------------------- */

static size_t report_step_count(ReportName name) {
   switch (name) {
   case REPORT_TSM:
      return REPORT_TSM_STEPS;
   case REPORT_ANNUAL:
      return REPORT_PERIOD_STEPS + 1 + REPORT_OMBUDSMAN_STEPS + 1;   /* the TSM's own part, learning */
   case REPORT_OMBUDSMAN:
      return REPORT_OMBUDSMAN_STEPS;
   default:
      return REPORT_PERIOD_STEPS;
   }
}

RdStatus report_figures(Session *s, ReportName name, const ReportPeriod *p, ProgressFn progress, void *progress_data,
                        ReportFigures *out, RdError *err) {
   memset(out, 0, sizeof *out);
   ReportSteps steps = { progress, progress_data, 0, report_step_count(name) };
   RdStatus st;
   switch (name) {
   case REPORT_TSM:
      return report_tsm_steps(s, p, &out->tsm, &steps, err);
   case REPORT_MONTHLY:
   case REPORT_QUARTERLY: {
      int64_t counts[2][2];
      return report_period_counts(s, p, &out->period, counts, NULL, &steps, err);
   }
   case REPORT_OMBUDSMAN:
      return report_ombudsman_steps(s, p, &out->ombudsman, &steps, err);
   case REPORT_ANNUAL:
      st = report_annual_figures(s, p, &out->period, &out->tsm, &steps, err);
      if (st == RD_OK)
         st = report_ombudsman_steps(s, p, &out->ombudsman, &steps, err);
      if (st == RD_OK && (st = report_learning(s, p, &out->learning, &out->learning_count, err)) == RD_OK)
         report_step(&steps);
      if (st != RD_OK)
         report_figures_clear(out);
      return st;
   }
   return error_set(err, RD_EINPUT, "there is no report number %d", (int)name);
}

void report_figures_clear(ReportFigures *f) {
   report_tsm_clear(&f->tsm);
   report_period_figures_clear(&f->period);
   report_ombudsman_clear(&f->ombudsman);
   report_learning_free(f->learning, f->learning_count);
   f->learning = NULL;
   f->learning_count = 0;
}

/* --- who may see them ------------------------------------------------------------------ */

RdStatus report_require(Session *s, RdError *err) {
   return lifecycle_require(s, REPORT_ROLES, "see reports", err);
}

/* --- the weekly list of outstanding actions ------------------------------------------- */

RdStatus report_week_parse(const char *text, RdDate today, RdDate *monday, RdError *err) {
   if (!text || !*text) {
      *monday = today - (datetime_weekday(today) - WEEKDAY_MONDAY);
      return RD_OK;
   }
   int year = 0, week = 0, n = 0;
   if (sscanf(text, "%4d-W%2d%n", &year, &week, &n) != 2 || (size_t)n != strlen(text) || year < 1990 ||
       year > 2200 || week < 1)
      return error_set(err, RD_EINPUT, "'%s' is not a week: write an ISO week such as 2026-W10", text);
   /* ISO 8601: week 1 holds 4 January. */
   RdDate jan4 = datetime_from_ymd(year, 1, 4);
   RdDate week1 = jan4 - (datetime_weekday(jan4) - WEEKDAY_MONDAY);
   RdDate next_jan4 = datetime_from_ymd(year + 1, 1, 4);
   int weeks = (int)((next_jan4 - (datetime_weekday(next_jan4) - WEEKDAY_MONDAY) - week1) / 7);
   if (week > weeks)
      return error_set(err, RD_EINPUT, "%d has %d ISO weeks, so there is no %s", year, weeks, text);
   *monday = week1 + 7 * (week - 1);
   return RD_OK;
}

#define REPORT_ACTION_SELECT \
   "SELECT a.id, COALESCE(c.ref, ''), a.what, s.login, s.full_name, a.due_on, a.done_on, " \
   "CAST(julianday(?3) - julianday(a.due_on) AS INTEGER), " \
   "(SELECT u.text FROM action_update u WHERE u.action_id = a.id ORDER BY u.at DESC, u.id DESC LIMIT 1), " \
   "(SELECT u.at FROM action_update u WHERE u.action_id = a.id ORDER BY u.at DESC, u.id DESC LIMIT 1) " \
   "FROM action a JOIN staff s ON s.id = a.owner_id LEFT JOIN complaint c ON c.id = a.complaint_id " \
   "WHERE (?1 IS NULL OR s.login = ?1) AND (?2 IS NULL OR s.team = ?2) "

static RdStatus report_read_actions(Session *s, sqlite3_stmt *q, WeeklyAction **out, size_t *count, RdError *err) {
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      *out = xreallocarray(*out, *count + 1, sizeof **out);
      WeeklyAction *a = &(*out)[(*count)++];
      a->id = sqlite3_column_int64(q, 0);
      str_copy(a->ref, store_column_text(q, 1), sizeof a->ref);
      a->what = store_column_dup(q, 2);
      a->owner_login = store_column_dup(q, 3);
      a->owner_name = store_column_dup(q, 4);
      a->due_on = store_column_date(q, 5);
      a->done_on = store_column_date(q, 6);
      int late = sqlite3_column_int(q, 7);
      a->days_overdue = a->done_on == RD_NO_DATE && late > 0 ? late : 0;
      a->last_update = store_column_dup(q, 8);
      a->last_update_at = store_column_instant(q, 9);
   }
   return report_finish(s, q, rc, "listing actions", err);
}

static RdStatus report_quiet_cases(Session *s, WeeklyActions *w, const char *owner, const char *team,
                                   RdError *err) {
   static const char sql[] =
      "SELECT c.ref, COALESCE(h.login, ''), COALESCE(c.last_update_at, c.received_at), "
      "rd_workdays(rd_date(COALESCE(c.last_update_at, c.received_at)), ?3), c.policy "
      "FROM complaint c JOIN stage st ON st.complaint_id = c.id AND st.number = c.stage "
      "LEFT JOIN staff h ON h.id = st.handler_id "
      "WHERE c.kind = 'complaint' AND c.closed_at IS NULL AND c.anonymous = 0 "
      "AND (?1 IS NULL OR h.login = ?1) AND (?2 IS NULL OR h.team = ?2) ORDER BY 4 DESC, c.ref";
   sqlite3_stmt *q = report_query(s, sql, NULL, err);
   if (!q)
      return RD_EDB;
   store_bind_text(q, 1, owner);
   store_bind_text(q, 2, team);
   store_bind_date(q, 3, w->as_at);
   int rc = SQLITE_DONE;
   RdStatus st = RD_OK;
   while (st == RD_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
      Policy p;
      const char *name = store_column_text(q, 4);
      if (!*name || strcmp(name, s->policy.name) == 0)
         p = s->policy;
      else if ((st = session_policy(s, name, &p, err)) != RD_OK)
         break;
      int days = sqlite3_column_int(q, 3);
      if (p.update_interval_days <= 0 || days <= p.update_interval_days)
         continue;
      w->quiet = xreallocarray(w->quiet, w->quiet_count + 1, sizeof *w->quiet);
      QuietCase *c = &w->quiet[w->quiet_count++];
      str_copy(c->ref, store_column_text(q, 0), sizeof c->ref);
      c->handler_login = store_column_dup(q, 1);
      c->last_update_at = store_column_instant(q, 2);
      c->working_days = days;
      c->allowed = p.update_interval_days;
   }
   if (st != RD_OK) {
      sqlite3_reset(q);
      return st;
   }
   return report_finish(s, q, rc, "finding cases without an update", err);
}

RdStatus report_weekly_actions(Session *s, RdDate monday, const char *owner_login, const char *team,
                               WeeklyActions *out, RdError *err) {
   static const char open_sql[] = REPORT_ACTION_SELECT "AND a.done_on IS NULL ORDER BY s.login, a.due_on, a.id";
   static const char done_sql[] = REPORT_ACTION_SELECT
      "AND a.done_on BETWEEN ?4 AND ?5 ORDER BY s.login, a.done_on, a.id";
   memset(out, 0, sizeof *out);
   out->week_from = monday;
   out->week_to = monday + 6;
   out->as_at = clock_today();
   RdStatus st = report_require(s, err);
   if (st == RD_OK)
      st = report_prepare(s, err);
   sqlite3_stmt *q = NULL;
   if (st == RD_OK && !(q = report_query(s, open_sql, NULL, err)))
      st = RD_EDB;
   if (st == RD_OK) {
      store_bind_text(q, 1, owner_login);
      store_bind_text(q, 2, team);
      store_bind_date(q, 3, out->as_at);
      st = report_read_actions(s, q, &out->outstanding, &out->outstanding_count, err);
   }
   if (st == RD_OK && !(q = report_query(s, done_sql, NULL, err)))
      st = RD_EDB;
   if (st == RD_OK) {
      store_bind_text(q, 1, owner_login);
      store_bind_text(q, 2, team);
      store_bind_date(q, 3, out->as_at);
      store_bind_date(q, 4, out->week_from);
      store_bind_date(q, 5, out->week_to);
      st = report_read_actions(s, q, &out->completed, &out->completed_count, err);
   }
   if (st == RD_OK)
      st = report_quiet_cases(s, out, owner_login, team, err);
   if (st != RD_OK)
      report_weekly_actions_clear(out);
   return st;
}

static void report_free_actions(WeeklyAction *list, size_t n) {
   for (size_t i = 0; i < n; i++) {
      free(list[i].what);
      free(list[i].owner_login);
      free(list[i].owner_name);
      free(list[i].last_update);
   }
   free(list);
}

void report_weekly_actions_clear(WeeklyActions *w) {
   report_free_actions(w->outstanding, w->outstanding_count);
   report_free_actions(w->completed, w->completed_count);
   for (size_t i = 0; i < w->quiet_count; i++)
      free(w->quiet[i].handler_login);
   free(w->quiet);
   w->outstanding = w->completed = NULL;
   w->quiet = NULL;
   w->outstanding_count = w->completed_count = w->quiet_count = 0;
}
