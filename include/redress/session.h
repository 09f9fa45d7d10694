/* session: everything one run of redress works with, set up in the right order:
 * configuration, clock, calendar, policy, then (when asked) the database. */
#ifndef REDRESS_SESSION_H
#define REDRESS_SESSION_H

#include <stdbool.h>

#include "redress/calendar.h"
#include "redress/config.h"
#include "redress/error.h"
#include "redress/policy.h"
#include "redress/staff.h"
#include "redress/store.h"

typedef struct SessionOptions {
   const char *config_path;   /* --config */
   const char *db_path;       /* --db */
   const char *now;           /* --now; REDRESS_NOW when NULL */
   const char *as_login;      /* --as */
   bool read_only;            /* --read-only */
} SessionOptions;

typedef struct Session {
   Config *config;
   Calendar *calendar;
   Policy policy;             /* the profile the configuration names */
   char *datadir;
   char *db_path;
   Store *store;              /* NULL until session_open_store */
   char *login;               /* who is at the keyboard (the Unix login) */
   char *acting_as;           /* --as, checked when the staff record is loaded */
   bool read_only;            /* asked for, or the database is not writable for this user */
   char *read_only_reason;    /* why, in words, for the status line; NULL when writable */
   Staff me;                  /* the staff record of the actor, after session_login */
   bool logged_in;
} Session;

/* Where shipped data lives: $REDRESS_DATADIR, data/ beside an uninstalled binary, or
 * the installed folder. Caller frees. */
char *session_find_datadir(void);

/* Reads configuration, starts the clock, loads holidays and the policy. *out is owned
 * by the caller: session_end. */
RdStatus session_start(const SessionOptions *opts, Session **out, RdError *err);
/* Opens the database and adds the holidays imported into it to the calendar. */
RdStatus session_open_store(Session *s, StoreOpen how, RdError *err);
/* Opens the database when one exists at the configured path; RD_OK without one. */
RdStatus session_open_store_if_present(Session *s, RdError *err);
void session_end(Session *s);

/* Looks the actor up in the staff table (the store must be open). An unknown login is
 * RD_EDENIED with a message naming the admin command that adds it; --as is allowed only
 * to an admin, and an inactive record is refused. */
RdStatus session_login(Session *s, RdError *err);

/* The login redress acts for: --as when given, else the Unix login. */
const char *session_actor(const Session *s);

/* Loads a policy by name from the configured and shipped profiles. */
RdStatus session_policy(const Session *s, const char *name, Policy *out, RdError *err);

/* The due-soon threshold in working days of a policy by name, -1 when it cannot be read:
 * the shape queue_new wants (ctx is the Session). */
int session_due_soon_days(void *ctx, const char *policy);

#endif
