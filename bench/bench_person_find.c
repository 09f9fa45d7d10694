/* bench_person_find: how long search as you type takes at the counter, per keystroke, with many
 * people on file. Prints figures; it is not a pass/fail test.
 *
 *    make bench/bench_person_find && bench/bench_person_find [PEOPLE] [DB]
 *
 * PEOPLE defaults to 100000; DB to a new file under $TMPDIR, removed afterwards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "redress/clock.h"
#include "redress/person.h"
#include "redress/staff.h"
#include "redress/store.h"
#include "redress/xalloc.h"

static const char *const firsts[] = {
   "Jo", "Sam", "Alex", "Mary", "Mohammed", "Olivia", "Amelia", "Isla", "Ava", "Noah", "Oliver", "George",
   "Leo", "Harry", "Muhammad", "Jack", "Siobhán", "Zoë", "Łukasz", "Aisha", "Fatima", "Priya", "Raj", "Chen",
   "Wei", "Kwame", "Ade", "Tom", "Sarah", "Emma", "Grace", "Lily", "Sophie", "Ella", "Ruby", "Evie", "Freya",
   "Arthur", "Theo", "Oscar",
};
static const char *const lasts[] = {
   "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
   "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
   "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
   "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
   "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
   "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
   "O'Brien", "Nowak", "Khan", "Ahmed", "Singh", "Begum", "Smithers", "Smyth",
};
#define COUNT(a) (sizeof a / sizeof *a)

static void bench_fail(const RdError *err) __attribute__((noreturn));
static void bench_fail(const RdError *err) {
   fprintf(stderr, "bench_person_find: %s\n", err->message);
   exit(1);
}

/* Elapsed time, not "now": the clock module's milliseconds are too coarse to time this. */
static double bench_seconds(void) {
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_compare(const void *a, const void *b) {
   double x = *(const double *)a, y = *(const double *)b;
   return x < y ? -1 : x > y;
}

static void bench_fill(Store *st, const Staff *actor, long people) {
   RdError err;
   double start = bench_seconds();
   for (long i = 0; i < people; i++) {
      if (i % 1000 == 0 && store_begin(st, &err) != RD_OK)
         bench_fail(&err);
      Person p;
      person_init(&p);
      p.name = xasprintf("%s %s", firsts[(size_t)i % COUNT(firsts)], lasts[(size_t)(i / 7) % COUNT(lasts)]);
      p.tenancy_ref = xasprintf("T-%06ld", i);
      if (person_add(st, actor, &p, &err) != RD_OK)
         bench_fail(&err);
      person_clear(&p);
      if ((i % 1000 == 999 || i == people - 1) && store_commit(st, &err) != RD_OK)
         bench_fail(&err);
   }
   double took = bench_seconds() - start;
   printf("added %ld people in %.1f s (%.0f a second, 1000 to a transaction)\n", people, took, (double)people / took);
}

/* Runs the query many times and prints the median and the slowest, in milliseconds. */
static void bench_query(Store *st, const char *query) {
   enum { RUNS = 101 };
   double times[RUNS];
   size_t found = 0;
   RdError err;
   for (int r = 0; r < RUNS; r++) {
      Person *list;
      double start = bench_seconds();
      if (person_find(st, query, 20, &list, &found, &err) != RD_OK)
         bench_fail(&err);
      times[r] = (bench_seconds() - start) * 1000.0;
      person_free_list(list, found);
   }
   qsort(times, RUNS, sizeof *times, bench_compare);
   printf("  %-12s %2zu shown   median %7.3f ms   slowest %7.3f ms\n", query, found, times[RUNS / 2],
          times[RUNS - 1]);
}

int main(int argc, char **argv) {
   long people = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
   const char *tmp = getenv("TMPDIR");
   char *path = argc > 2 ? xstrdup(argv[2]) : xasprintf("%s/redress-bench-%ld.db", tmp && *tmp ? tmp : "/tmp",
                                                        (long)getpid());
   RdError err;
   Store *st;
   if (clock_start_at("2025-12-19T10:00", &err) != RD_OK || store_open(path, STORE_CREATE_NEW, &st, &err) != RD_OK)
      bench_fail(&err);
   Staff admin;
   staff_init(&admin);
   admin.login = xstrdup("bench");
   admin.full_name = xstrdup("Bench Mark");
   admin.roles = ROLE_ADMIN;
   if (staff_add(st, NULL, &admin, &err) != RD_OK)
      bench_fail(&err);
   bench_fill(st, &admin, people);
   puts("search as you type, each keystroke (best 20 shown):");
   const char *const queries[] = { "s", "sm", "smi", "smit", "smith", "jo smi", "zoe now", "obr",
                                   "t", "t-0", "t-012", "t-01234", "xyz" };
   for (size_t i = 0; i < COUNT(queries); i++)
      bench_query(st, queries[i]);
   staff_clear(&admin);
   store_close(st);
   if (argc <= 2) {
      char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
      unlink(path);
      unlink(wal);
      unlink(shm);
      free(wal);
      free(shm);
   }
   free(path);
   return 0;
}
