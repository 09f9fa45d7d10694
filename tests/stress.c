/* stress: many processes working on one database at once, for the concurrency and crash
 * tests (tests/concurrency.test, tests/crash.test).
 *
 *   stress setup DB WORKERS          a database with WORKERS trained manager-handlers
 *   stress join DB WORKERS           the same workers added to an existing database, by the
 *                                    admin running it (bench/run: the throughput of a demo)
 *   stress work DB WORKER SECONDS    random lifecycle steps as worker WORKER; one line per
 *                                    outcome on stdout: COMMIT REF, CONFLICT REF message,
 *                                    REFUSED REF message, or FAILED REF message
 *   stress verify DB                 integrity, and for every case exactly one audit event
 *                                    per committed change (events = version - 1)
 *
 * Only complaint steps that bump the case's version are used, so the invariant is exact. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/session.h"
#include "redress/xalloc.h"

static unsigned stress_seed;

static unsigned stress_rand(unsigned n) {
   stress_seed = stress_seed * 1103515245u + 12345u;
   return (stress_seed >> 8) % n;
}

static Session *stress_open(const char *db, const char *login, StoreOpen how) {
   SessionOptions opts = { .db_path = db, .as_login = login };
   Session *s;
   RdError err;
   if (session_start(&opts, &s, &err) != RD_OK || session_open_store(s, how, &err) != RD_OK) {
      fprintf(stderr, "stress: %s\n", err.message);
      exit(2);
   }
   return s;
}

static int stress_add_workers(Session *s, const Staff *admin, int workers, RdError *err) {
   int rc = 0;
   for (int i = 0; rc == 0 && i < workers; i++) {
      Staff w;
      staff_init(&w);
      w.login = xasprintf("w%02d", i);
      w.full_name = xasprintf("Worker %02d", i);
      w.team = xstrdup("Housing");
      w.grade = 5;
      w.roles = ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER;
      w.complaints_trained_on = clock_today() - 100;
      w.ombudsman_trained_on = clock_today() - 100;
      if (staff_add(s->store, admin, &w, err) != RD_OK)
         rc = 1;
      staff_clear(&w);
   }
   return rc;
}

static int stress_setup(const char *db, int workers) {
   Session *s = stress_open(db, NULL, STORE_CREATE_NEW);
   RdError err;
   Staff admin;
   staff_init(&admin);
   admin.login = xstrdup(s->login);
   admin.full_name = xstrdup("Stress Admin");
   admin.roles = ROLE_ADMIN;
   int rc = staff_add(s->store, NULL, &admin, &err) == RD_OK ? 0 : 1;
   if (rc == 0)
      rc = stress_add_workers(s, &admin, workers, &err);
   if (rc == 0 && sqlite3_exec(store_db(s->store),
                               "INSERT INTO person (name, tenancy_ref, created_at) VALUES "
                               "('Sam Stress', 'T-9', '2025-01-01T00:00:00Z')", NULL, NULL, NULL) != SQLITE_OK)
      rc = 1;
   if (rc)
      fprintf(stderr, "stress: setup failed: %s\n", err.message);
   staff_clear(&admin);
   session_end(s);
   return rc;
}

static int stress_join(const char *db, int workers) {
   Session *s = stress_open(db, NULL, STORE_OPEN_EXISTING);
   RdError err;
   int rc = session_login(s, &err) == RD_OK ? stress_add_workers(s, &s->me, workers, &err) : 1;
   if (rc)
      fprintf(stderr, "stress: join failed: %s\n", err.message);
   session_end(s);
   return rc;
}

/* The open cases, read again every half second so that each worker soon sees the others'
 * new cases; a pick is then a draw from memory, not a sort of the whole table (a demo's
 * 200,000 cases took longer to shuffle than a change took to save). */
static int64_t *stress_open_ids;
static size_t stress_open_count;
static int64_t stress_read_ms;

static void stress_read_open(Session *s) {
   sqlite3_stmt *q;
   size_t cap = 0;
   stress_open_count = 0;
   if (sqlite3_prepare_v2(store_db(s->store), "SELECT id FROM complaint WHERE closed_at IS NULL", -1, &q, NULL) !=
       SQLITE_OK)
      return;
   while (sqlite3_step(q) == SQLITE_ROW) {
      if (stress_open_count == cap) {
         cap = cap ? cap * 2 : 256;
         stress_open_ids = xreallocarray(stress_open_ids, cap, sizeof *stress_open_ids);
      }
      stress_open_ids[stress_open_count++] = sqlite3_column_int64(q, 0);
   }
   sqlite3_finalize(q);
   stress_read_ms = clock_now_ms();
}

/* A random open case, or 0 when there are none yet. */
static int64_t stress_pick(Session *s) {
   if (stress_open_count == 0 || clock_now_ms() - stress_read_ms > 500)
      stress_read_open(s);
   return stress_open_count ? stress_open_ids[stress_rand((unsigned)stress_open_count)] : 0;
}

static void stress_report(const char *ref, RdStatus st, const RdError *err) {
   const char *word = "FAILED";
   if (st == RD_OK)
      word = "COMMIT";
   else if (st == RD_ECONFLICT)
      word = "CONFLICT";
   else if (st == RD_ERULE || st == RD_EDENIED || st == RD_EINPUT)
      word = "REFUSED";
   if (st == RD_OK)
      printf("%s %s\n", word, ref);
   else
      printf("%s %s %s\n", word, ref, err->message);
   fflush(stdout);
}

static void stress_log_new(Session *s) {
   NewComplaint in = { .person_id = 1, .channel = "phone", .received_at = RD_NO_INSTANT, .incident_on = RD_NO_DATE,
                       .category = "repairs", .summary = "Stress test complaint", .triage = KIND_COMPLAINT };
   Complaint c;
   RdError err;
   complaint_init(&c);
   RdStatus st = complaint_new(s, &in, &c, &err);
   stress_report(st == RD_OK ? c.ref : "-", st, &err);
   complaint_clear(&c);
}

/* Reads a case, waits a moment as a person would, then saves over what was read. */
static void stress_change(Session *s) {
   Complaint c;
   RdError err;
   complaint_init(&c);
   int64_t id = stress_pick(s);
   if (!id || complaint_get_id(s, id, &c, &err) != RD_OK) {
      stress_log_new(s);
      return;
   }
   usleep(stress_rand(20000));
   const StageRecord *sr = complaint_current_stage(&c);
   RdStatus st;
   if (sr->acknowledged_at == RD_NO_INSTANT) {
      st = complaint_acknowledge(s, c.ref, c.version, "Stress definition", RD_NO_DATE, RD_NO_INSTANT, &err);
   } else {
      RdDate from = sr->extended_to != RD_NO_DATE ? sr->extended_to : sr->response_due;
      RdDate to = calendar_add_workdays(s->calendar, s->config->division, from, 1 + (int)stress_rand(3));
      st = complaint_extend(s, c.ref, c.version, to, "Stress extension", true, "Stress good reason", RD_NO_INSTANT,
                            &err);
   }
   stress_report(c.ref, st, &err);
   complaint_clear(&c);
}

static int stress_work(const char *db, int worker, int seconds) {
   char login[16];
   snprintf(login, sizeof login, "w%02d", worker);
   Session *s = stress_open(db, login, STORE_OPEN_EXISTING);
   RdError err;
   if (session_login(s, &err) != RD_OK) {
      fprintf(stderr, "stress: %s\n", err.message);
      return 2;
   }
   stress_seed = (unsigned)(time(NULL) ^ (getpid() << 8) ^ (unsigned)worker);
   time_t end = time(NULL) + seconds;
   while (time(NULL) < end) {
      if (stress_rand(4) == 0)
         stress_log_new(s);
      else
         stress_change(s);
   }
   session_end(s);
   free(stress_open_ids);
   return 0;
}

static int64_t stress_count(Session *s, const char *sql) {
   sqlite3_stmt *q;
   int64_t v = -1;
   if (sqlite3_prepare_v2(store_db(s->store), sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
      v = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   return v;
}

static int stress_verify(const char *db) {
   Session *s = stress_open(db, NULL, STORE_OPEN_EXISTING);
   int problems = 0;
   RdError err;
   if (store_check(s->store, stdout, &problems, &err) != RD_OK) {
      fprintf(stderr, "stress: %s\n", err.message);
      problems++;
   }
   int64_t mismatched = stress_count(s, "SELECT count(*) FROM complaint c WHERE c.version - 1 != "
                                        "(SELECT count(*) FROM event e WHERE e.complaint_id = c.id)");
   int64_t cases = stress_count(s, "SELECT count(*) FROM complaint");
   int64_t events = stress_count(s, "SELECT count(*) FROM event WHERE complaint_id IS NOT NULL");
   printf("cases %lld events %lld mismatched %lld problems %d\n", (long long)cases, (long long)events,
          (long long)mismatched, problems);
   session_end(s);
   return problems == 0 && mismatched == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
   if (argc == 4 && strcmp(argv[1], "setup") == 0)
      return stress_setup(argv[2], atoi(argv[3]));
   if (argc == 4 && strcmp(argv[1], "join") == 0)
      return stress_join(argv[2], atoi(argv[3]));
   if (argc == 5 && strcmp(argv[1], "work") == 0)
      return stress_work(argv[2], atoi(argv[3]), atoi(argv[4]));
   if (argc == 3 && strcmp(argv[1], "verify") == 0)
      return stress_verify(argv[2]);
   fputs("usage: stress setup DB WORKERS | join DB WORKERS | work DB WORKER SECONDS | verify DB\n", stderr);
   return 2;
}
