/* bench_queue: how long the queue takes to read and narrow at a landlord's scale.
 * Builds (once) a database of N cases of which 5% are open, then times a full read of the
 * open queue, a search as typed letter by letter, a switch to the closed cases, a search
 * among them and a timer tick over the open targets. Figures, not a pass/fail test.
 *
 * usage: bench/bench_queue [DB-PATH [CASES]]   (default /tmp/redress-bench.db, 200000) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "redress/queue.h"
#include "redress/store.h"
#include "redress/timer.h"
#include "redress/xalloc.h"

static double bench_ms(void) {
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void bench_exec(Store *st, const char *sql) {
   char *msg = NULL;
   if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK) {
      fprintf(stderr, "bench_queue: %s\n", msg);
      exit(1);
   }
}

/* Cases spread over ten years; one in twenty open, with due dates around today. */
static void bench_fill(Store *st, int cases) {
   static const char *const names[] = { "Ann Lee", "Bob Stone", "Cara Singh", "Dev Patel", "Eve Jones",
                                        "Femi Okafor", "Gita Rao", "Hal Evans", "Iona Reid", "Jo Marsh" };
   bench_exec(st, "BEGIN");
   bench_exec(st, "INSERT INTO staff (login, full_name, team, is_handler, created_at) VALUES "
                  "('h1', 'Handler One', 'repairs', 1, '2015-01-01T00:00:00Z'), "
                  "('h2', 'Handler Two', 'estates', 1, '2015-01-01T00:00:00Z')");
   sqlite3_stmt *person, *complaint, *stage;
   sqlite3_prepare_v2(store_db(st), "INSERT INTO person (name, tenancy_ref, created_at) VALUES (?1, ?2, "
                      "'2015-01-01T00:00:00Z')", -1, &person, NULL);
   sqlite3_prepare_v2(store_db(st), "INSERT INTO complaint (ref, kind, stage, person_id, channel, received_at, "
                      "summary, policy, created_at, updated_at, closed_at, close_reason) VALUES (?1, 'complaint', "
                      "1, ?2, 'phone', ?3, ?4, 'ombudsman-2024', ?3, ?3, ?5, ?6)", -1, &complaint, NULL);
   sqlite3_prepare_v2(store_db(st), "INSERT INTO stage (complaint_id, number, start_on, requested_at, handler_id, "
                      "acknowledged_at, ack_due, response_due, policy) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?2, ?6, "
                      "'ombudsman-2024')", -1, &stage, NULL);
   RdInstant now = 1765800000;   /* 2025-12-15 */
   for (int i = 0; i < cases; i++) {
      char tenancy[16], ref[24], summary[80];
      snprintf(tenancy, sizeof tenancy, "T-%05d", i % 40000);
      sqlite3_bind_text(person, 1, names[i % 10], -1, SQLITE_STATIC);
      sqlite3_bind_text(person, 2, tenancy, -1, SQLITE_STATIC);
      sqlite3_step(person);
      sqlite3_reset(person);
      int64_t pid = sqlite3_last_insert_rowid(store_db(st));
      bool open = i % 20 == 0;
      RdInstant received = open ? now - (RdInstant)(i % 40) * 86400 : now - 86400 * 30 - (RdInstant)i * 1500;
      snprintf(ref, sizeof ref, "C%02d-%05d", (int)(received / 31557600 + 70) % 100, i);
      snprintf(summary, sizeof summary, "%s about the %s at block %d", i % 3 ? "Damp" : "Repair",
               i % 2 ? "kitchen" : "stairs", i % 97);
      sqlite3_bind_text(complaint, 1, ref, -1, SQLITE_STATIC);
      sqlite3_bind_int64(complaint, 2, pid);
      store_bind_instant(complaint, 3, received);
      sqlite3_bind_text(complaint, 4, summary, -1, SQLITE_STATIC);
      store_bind_instant(complaint, 5, open ? RD_NO_INSTANT : received + 86400 * 20);
      store_bind_text(complaint, 6, open ? NULL : "final-response");
      sqlite3_step(complaint);
      sqlite3_reset(complaint);
      RdDate start = datetime_local_date(received);
      sqlite3_bind_int64(stage, 1, sqlite3_last_insert_rowid(store_db(st)));
      store_bind_date(stage, 2, start + 7);
      store_bind_instant(stage, 3, received);
      sqlite3_bind_int(stage, 4, 1 + i % 2);
      store_bind_instant(stage, 5, i % 3 ? received + 86400 : RD_NO_INSTANT);
      store_bind_date(stage, 6, start + 21);
      sqlite3_step(stage);
      sqlite3_reset(stage);
   }
   sqlite3_finalize(person);
   sqlite3_finalize(complaint);
   sqlite3_finalize(stage);
   bench_exec(st, "COMMIT");
   bench_exec(st, "ANALYZE");
}

static int bench_threshold(void *ctx, const char *policy) {
   (void)ctx;
   (void)policy;
   return 2;
}

int main(int argc, char **argv) {
   const char *path = argc > 1 ? argv[1] : "/tmp/redress-bench.db";
   int cases = argc > 2 ? atoi(argv[2]) : 200000;
   RdError err;
   Store *st;
   bool fresh = access(path, F_OK) != 0;
   if (store_open(path, fresh ? STORE_CREATE_NEW : STORE_OPEN_EXISTING, &st, &err) != RD_OK) {
      fprintf(stderr, "bench_queue: %s\n", err.message);
      return 1;
   }
   if (fresh) {
      double t0 = bench_ms();
      bench_fill(st, cases);
      printf("built %d cases in %.0f ms\n", cases, bench_ms() - t0);
   }
   Calendar *cal = calendar_new();
   calendar_load_file(cal, "data/bank-holidays.json", NULL);
   Queue *q = queue_new(st, cal, DIVISION_ENGLAND_WALES, bench_threshold, NULL);
   QueueViewer viewer = { 1, "repairs", "", true };
   RdDate today = datetime_from_ymd(2025, 12, 15);
   double t0 = bench_ms();
   if (queue_load(q, QUEUE_ALL, &viewer, today, &err) != RD_OK) {
      fprintf(stderr, "bench_queue: %s\n", err.message);
      return 1;
   }
   double t1 = bench_ms();
   QueueCounts c = queue_counts(q);
   printf("read the open queue: %zu rows (%zu overdue) in %.1f ms\n", c.shown, c.overdue, t1 - t0);
   t0 = bench_ms();
   queue_load(q, QUEUE_ALL, &viewer, today, &err);
   printf("read it again (as after a colleague's save): %.1f ms\n", bench_ms() - t0);
   const char *typed[] = { "d", "da", "dam", "damp", "damp k", "damp ki", "damp kit" };
   for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
      t0 = bench_ms();
      queue_search(q, typed[i], &err);
      printf("  search '%s': %zu rows in %.2f ms\n", typed[i], queue_count(q), bench_ms() - t0);
   }
   queue_search(q, "", &err);
   t0 = bench_ms();
   queue_set_filter(q, QUEUE_MINE, &err);
   printf("switch to mine: %zu rows in %.2f ms\n", queue_count(q), bench_ms() - t0);
   t0 = bench_ms();
   queue_set_filter(q, QUEUE_CLOSED, &err);
   printf("switch to closed: %zu rows in %.1f ms\n", queue_count(q), bench_ms() - t0);
   t0 = bench_ms();
   queue_search(q, "T-01234", &err);
   printf("  closed search 'T-01234': %zu rows in %.1f ms\n", queue_count(q), bench_ms() - t0);
   t0 = bench_ms();
   queue_search(q, "no such words", &err);
   printf("  closed search with no match (scans every closed case): %.1f ms\n", bench_ms() - t0);
   queue_search(q, "", &err);
   queue_set_filter(q, QUEUE_ALL, &err);
   Timer *timer = timer_new(cal, DIVISION_ENGLAND_WALES);
   TimerTarget *targets = xcalloc(queue_count(q) + 1, sizeof *targets);
   size_t n = 0;
   for (size_t i = 0; i < queue_count(q); i++) {
      const QueueRow *r = queue_row(q, i);
      if (r->due != RD_NO_DATE)
         targets[n++] = (TimerTarget){ r->id, r->stage, r->next == QUEUE_NEXT_RESPOND ? TIMER_RESPOND : TIMER_ACK,
                                       r->due, r->due_soon_days };
   }
   t0 = bench_ms();
   timer_set_targets(timer, targets, n, datetime_local_to_instant(today, 36000));
   t1 = bench_ms();
   for (int k = 0; k < 100; k++)
      timer_tick(timer, datetime_local_to_instant(today, 36000) + k * 3600, NULL);
   printf("timer: set %zu targets in %.2f ms; a tick takes %.3f ms\n", n, t1 - t0, (bench_ms() - t1) / 100);
   free(targets);
   timer_free(timer);
   queue_free(q);
   calendar_free(cal);
   store_close(st);
   return 0;
}
