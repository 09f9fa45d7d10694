/* bench_ops: what the core's whole-database operations cost, in the process, on a database
 * that redress demo built. Each operation runs twice: once timed (CPU and wall), and once
 * with every SELECT it sent to SQLite written, values bound, to TRACE-DIR/NAME.sql, so that
 * bench/run can replay the same queries through the sqlite3 shell as the floor. Figures, not
 * a pass/fail test.
 *
 * usage: bench/bench_ops DB TRACE-DIR LONG-REF     one line a figure: NAME<TAB>CPU-MS<TAB>WALL-MS
 *        bench/bench_ops --history DB N            gives an open case N contacts and notes (each
 *                                                  with its audit event); prints its reference
 *
 * The login running it must be on the staff (redress demo adds it as an admin). The clock is
 * REDRESS_NOW, as for redress itself. With BENCH_PROFILE set, each statement's time goes to
 * stderr, for finding which one a slow figure waits on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "redress/casefile.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/export.h"
#include "redress/queue.h"
#include "redress/report.h"
#include "redress/session.h"
#include "redress/timer.h"
#include "redress/xalloc.h"

#define BENCH_TICKS 1000

typedef struct Bench {
   Session *s;
   const char *long_ref;
   FILE *trace;               /* where the SELECTs go while tracing; NULL while timing */
   bool profile;              /* BENCH_PROFILE set: each statement's time to stderr */
} Bench;

typedef RdStatus (*BenchOp)(Bench *b, const void *arg, RdError *err);

static double bench_clock_ms(clockid_t id) {
   struct timespec ts;
   clock_gettime(id, &ts);
   return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void bench_die(const char *doing, const RdError *err) {
   fprintf(stderr, "bench_ops: %s: %s\n", doing, err->message);
   exit(1);
}

/* Only what reads: the floor replays them on the same database, which must not change. */
static bool bench_is_read(const char *sql) {
   sql += strspn(sql, " \t\r\n(");
   return strncasecmp(sql, "SELECT", 6) == 0 || strncasecmp(sql, "WITH", 4) == 0;
}

static int bench_trace(unsigned type, void *ctx, void *p, void *x) {
   Bench *b = ctx;
   if (type == SQLITE_TRACE_PROFILE && b->profile) {
      char *sql = sqlite3_expanded_sql(p);
      fprintf(stderr, "%9.3f ms  %.150s\n", (double)*(sqlite3_int64 *)x / 1e6, sql ? sql : "?");
      sqlite3_free(sql);
      return 0;
   }
   if (type != SQLITE_TRACE_STMT || !b->trace)
      return 0;
   char *sql = sqlite3_expanded_sql(p);
   if (sql && bench_is_read(sql))
      fprintf(b->trace, "%s;\n", sql);
   sqlite3_free(sql);
   return 0;
}

static Session *bench_session(const char *db) {
   SessionOptions opts = { .db_path = db };
   Session *s;
   RdError err;
   if (session_start(&opts, &s, &err) != RD_OK || session_open_store(s, STORE_OPEN_EXISTING, &err) != RD_OK ||
       session_login(s, &err) != RD_OK)
      bench_die(db, &err);
   return s;
}

/* Times one run, then runs it again with its SELECTs written to dir/name.sql. */
static void bench_run(Bench *b, const char *dir, const char *name, BenchOp op, const void *arg) {
   RdError err;
   double cpu = bench_clock_ms(CLOCK_PROCESS_CPUTIME_ID), wall = bench_clock_ms(CLOCK_MONOTONIC);
   if (op(b, arg, &err) != RD_OK)
      bench_die(name, &err);
   cpu = bench_clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu;
   wall = bench_clock_ms(CLOCK_MONOTONIC) - wall;
   char *path = xasprintf("%s/%s.sql", dir, name);
   b->trace = fopen(path, "w");
   if (!b->trace) {
      perror(path);
      exit(1);
   }
   if (op(b, arg, &err) != RD_OK)
      bench_die(name, &err);
   fclose(b->trace);
   b->trace = NULL;
   free(path);
   printf("%s\t%.3f\t%.3f\n", name, cpu, wall);
   fflush(stdout);
}

static QueueViewer bench_viewer(const Session *s) {
   return (QueueViewer){ s->me.id, s->me.team, s->me.manages_team, staff_sees_every_confidential_case(&s->me) };
}

/* The first read of the queue screen: every open case, classified and sorted. */
static RdStatus bench_queue_load(Bench *b, const void *arg, RdError *err) {
   (void)arg;
   Queue *q = queue_new(b->s->store, b->s->calendar, b->s->config->division, session_due_soon_days, b->s);
   QueueViewer viewer = bench_viewer(b->s);
   RdStatus st = queue_load(q, QUEUE_ALL, &viewer, clock_today(), err);
   queue_free(q);
   return st;
}

/* What opening a case reads: the case (a view), its row and its timeline. */
static RdStatus bench_case_open(Bench *b, const void *arg, RdError *err) {
   (void)arg;
   Complaint c;
   complaint_init(&c);
   RdStatus st = complaint_view(b->s, b->long_ref, &c, err);
   Queue *q = queue_new(b->s->store, b->s->calendar, b->s->config->division, session_due_soon_days, b->s);
   queue_set_today(q, clock_today());
   QueueRow row;
   if (st == RD_OK && (st = queue_read_case(q, c.id, &row, err)) == RD_OK)
      queue_row_clear(&row);
   TimelineEntry *t = NULL;
   size_t n = 0;
   if (st == RD_OK && (st = casefile_timeline(b->s->store, c.id, &t, &n, err)) == RD_OK)
      casefile_timeline_free(t, n);
   queue_free(q);
   complaint_clear(&c);
   return st;
}

/* Every day since the first case was received, to today. */
static RdStatus bench_whole_period(Bench *b, ReportPeriod *p, RdError *err) {
   static const char sql[] = "SELECT min(received_at) FROM complaint";
   sqlite3_stmt *q = store_stmt(b->s->store, sql, err);
   if (!q)
      return RD_EDB;
   RdInstant first = sqlite3_step(q) == SQLITE_ROW ? store_column_instant(q, 0) : RD_NO_INSTANT;
   sqlite3_reset(q);
   char text[64], from[RD_DATE_BUFSIZE], to[RD_DATE_BUFSIZE];
   datetime_format_date(first == RD_NO_INSTANT ? clock_today() : datetime_local_date(first), from);
   datetime_format_date(clock_today(), to);
   snprintf(text, sizeof text, "%s..%s", from, to);
   return report_period_parse(text, REPORT_YEAR, clock_today(), p, err);
}

static RdStatus bench_write_to_null(FILE **out, RdError *err) {
   *out = fopen("/dev/null", "w");
   return *out ? RD_OK : error_set(err, RD_EIO, "cannot open /dev/null");
}

/* One report over the whole database, written out as text. */
static RdStatus bench_report(Bench *b, const void *arg, RdError *err) {
   const ReportName *name = arg;
   ReportPeriod p;
   ReportDoc *doc = NULL;
   FILE *out;
   RdStatus st = bench_whole_period(b, &p, err);
   if (st == RD_OK)
      st = report_build(b->s, *name, &p, &doc, err);
   if (st == RD_OK && (st = bench_write_to_null(&out, err)) == RD_OK) {
      st = report_write(doc, REPORT_TEXT, 0, out, "/dev/null", err);
      fclose(out);
   }
   report_doc_free(doc);
   return st;
}

/* The weekly list of everyone's outstanding actions. */
static RdStatus bench_weekly(Bench *b, const void *arg, RdError *err) {
   (void)arg;
   RdDate monday;
   WeeklyActions w;
   FILE *out;
   RdStatus st = report_week_parse(NULL, clock_today(), &monday, err);
   if (st == RD_OK)
      st = report_weekly_actions(b->s, monday, NULL, NULL, &w, err);
   if (st != RD_OK)
      return st;
   if ((st = bench_write_to_null(&out, err)) == RD_OK) {
      st = report_weekly_write(&w, REPORT_TEXT, 0, out, "/dev/null", err);
      fclose(out);
   }
   report_weekly_actions_clear(&w);
   return st;
}

static RdStatus bench_export(Bench *b, const void *arg, RdError *err) {
   (void)arg;
   ExportOptions o = { EXPORT_CASES, EXPORT_CSV, false, true, NULL, NULL };
   FILE *out;
   RdStatus st = bench_write_to_null(&out, err);
   if (st == RD_OK) {
      st = export_write(b->s, &o, out, "/dev/null", NULL, err);
      fclose(out);
   }
   return st;
}

/* The open cases' targets, as the queue screen gives them to the timer. Caller frees. */
static TimerTarget *bench_targets(Bench *b, size_t *count) {
   RdError err;
   Queue *q = queue_new(b->s->store, b->s->calendar, b->s->config->division, session_due_soon_days, b->s);
   QueueViewer viewer = bench_viewer(b->s);
   if (queue_load(q, QUEUE_ALL, &viewer, clock_today(), &err) != RD_OK)
      bench_die("reading the queue", &err);
   size_t n = queue_all_count(q), used = 0;
   TimerTarget *targets = xcalloc(n ? n : 1, sizeof *targets);
   for (size_t i = 0; i < n; i++) {
      const QueueRow *r = queue_all_row(q, i);
      if (r->due != RD_NO_DATE && r->closed_at == RD_NO_INSTANT)
         targets[used++] = (TimerTarget){ r->id, r->stage, r->next == QUEUE_NEXT_RESPOND ? TIMER_RESPOND : TIMER_ACK,
                                          r->due, r->due_soon_days };
   }
   queue_free(q);
   *count = used;
   return targets;
}

/* The timer's tick over every open target: the mean of BENCH_TICKS ticks a minute apart,
 * so some of them move targets from one class to the next. */
static void bench_timer(Bench *b) {
   size_t n;
   TimerTarget *targets = bench_targets(b, &n);
   Timer *t = timer_new(b->s->calendar, b->s->config->division);
   RdInstant now = clock_now();
   double cpu = bench_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
   timer_set_targets(t, targets, n, now);
   double set = bench_clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu;
   size_t changes = 0;
   cpu = bench_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
   for (int k = 1; k <= BENCH_TICKS; k++)
      changes += timer_tick(t, now + (RdInstant)k * 60, NULL);
   double tick = (bench_clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu) / BENCH_TICKS;
   printf("timer_targets\t%.3f\t%zu\n", set, n);
   printf("timer_tick\t%.4f\t%zu\n", tick, changes);
   timer_free(t);
   free(targets);
}

static int bench_ops(const char *db, const char *dir, const char *long_ref) {
   Bench b = { bench_session(db), long_ref, NULL, getenv("BENCH_PROFILE") != NULL };
   sqlite3_trace_v2(store_db(b.s->store), SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, bench_trace, &b);
   static const struct {
      const char *name;
      ReportName report;
   } reports[] = {
      { "report_tsm", REPORT_TSM }, { "report_monthly", REPORT_MONTHLY }, { "report_quarterly", REPORT_QUARTERLY },
      { "report_annual", REPORT_ANNUAL }, { "report_ombudsman", REPORT_OMBUDSMAN },
   };
   bench_run(&b, dir, "queue_load", bench_queue_load, NULL);
   bench_timer(&b);
   bench_run(&b, dir, "case_open", bench_case_open, NULL);
   for (size_t i = 0; i < sizeof reports / sizeof *reports; i++)
      bench_run(&b, dir, reports[i].name, bench_report, &reports[i].report);
   bench_run(&b, dir, "report_weekly_actions", bench_weekly, NULL);
   bench_run(&b, dir, "export_cases", bench_export, NULL);
   sqlite3_trace_v2(store_db(b.s->store), 0, NULL, NULL);
   session_end(b.s);
   return 0;
}

/* The open case to give a long history: the first one logged that anyone may see. */
static char *bench_pick_case(Session *s) {
   static const char sql[] = "SELECT ref FROM complaint WHERE closed_at IS NULL AND kind = 'complaint' "
                             "AND confidential = 0 AND stage = 1 ORDER BY id LIMIT 1";
   RdError err;
   sqlite3_stmt *q = store_stmt(s->store, sql, &err);
   if (!q)
      bench_die("choosing a case", &err);
   char *ref = sqlite3_step(q) == SQLITE_ROW ? store_column_dup(q, 0) : NULL;
   sqlite3_reset(q);
   if (!ref) {
      fputs("bench_ops: the database has no open complaint to give a history\n", stderr);
      exit(1);
   }
   return ref;
}

/* Contacts in, out and notes, spread evenly from receipt to now, each one its own change. */
static int bench_history(const char *db, int n) {
   Session *s = bench_session(db);
   char *ref = bench_pick_case(s);
   Complaint c;
   RdError err;
   complaint_init(&c);
   if (complaint_get(s, ref, &c, &err) != RD_OK)
      bench_die(ref, &err);
   static const char *const directions[] = { "in", "out", "note" };
   static const char *const channels[] = { "phone", "email", "letter" };
   RdInstant from = c.received_at, span = clock_now() - c.received_at;
   for (int i = 0; i < n; i++) {
      char summary[160];
      snprintf(summary, sizeof summary, "Contact %d of %d: the resident rang again about the damp in the back "
               "bedroom; we went over what the surveyor found and what happens next", i + 1, n);
      RdInstant at = from + span * (i + 1) / (n + 1);
      if (complaint_contact(s, ref, directions[i % 3], channels[i % 3], summary, at, &err) != RD_OK)
         bench_die("recording a contact", &err);
   }
   printf("%s\n", ref);
   complaint_clear(&c);
   free(ref);
   session_end(s);
   return 0;
}

int main(int argc, char **argv) {
   if (argc == 4 && strcmp(argv[1], "--history") == 0)
      return bench_history(argv[2], atoi(argv[3]));
   if (argc == 4)
      return bench_ops(argv[1], argv[2], argv[3]);
   fputs("usage: bench_ops DB TRACE-DIR LONG-REF | bench_ops --history DB N\n", stderr);
   return 2;
}
