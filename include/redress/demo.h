/* demo: a realistic landlord's database, built relative to the clock, for trying redress, for
 * training, and for measuring it at scale.
 *
 * Everything comes from a seed through a small deterministic generator, so the same seed, clock,
 * configuration and policy always give the same database. Cases are in every state of the
 * lifecycle, and the open ones are placed so that the queue shows overdue, due today and due
 * soon targets at the clock's "now". Every due date is the one the policy computes from the
 * stored dates, exactly as the lifecycle would store it, and every record written has its
 * audit event. */
#ifndef REDRESS_DEMO_H
#define REDRESS_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/session.h"

#define DEMO_DEFAULT_CASES 300
#define DEMO_DEFAULT_SEED 2024
/* Fewer cases could not show every state and every marker at once. */
#define DEMO_MIN_CASES 60
/* Case references have five digits a year; ten years of this many stay within them. */
#define DEMO_MAX_CASES 500000

/* Called now and then while the cases are written, and once at the end with done == total. */
typedef void (*DemoProgress)(void *data, size_t done, size_t total);

typedef struct DemoOptions {
   size_t cases;              /* DEMO_MIN_CASES .. DEMO_MAX_CASES */
   uint64_t seed;
   const char *my_name;       /* the full name of the current login; NULL: the login itself */
   DemoProgress progress;     /* may be NULL */
   void *progress_data;
} DemoOptions;

typedef struct DemoSummary {
   size_t cases;
   size_t open;
   size_t people;
   size_t staff;
   size_t compliments;
   size_t events;
   int years;                 /* the years of history the cases span */
   char previous_policy[64];  /* the profile of the older cases, "" when all follow the present one */
   RdDate switch_day;         /* the first day of the present profile, RD_NO_DATE when there was none */
} DemoSummary;

/* Fills the new, empty database open in s (session_open_store with STORE_CREATE_NEW) and adds
 * the current login (s->login) as an admin holding every role, trained, so the demo opens at
 * once. Refuses a database that already holds cases or staff. Writes in large transactions with
 * synchronous writes off, restored before it returns; on failure the database is left partly
 * written and the caller removes it. */
RdStatus demo_build(Session *s, const DemoOptions *opts, DemoSummary *out, RdError *err);

#endif
