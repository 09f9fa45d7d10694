/* session: setting up a run of redress. */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "redress/clock.h"
#include "redress/session.h"
#include "redress/xalloc.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/redress"
#endif

static bool session_is_datadir(const char *dir) {
   char *probe = xasprintf("%s/policies/ombudsman-2024.conf", dir);
   bool ok = access(probe, R_OK) == 0;
   free(probe);
   return ok;
}

char *session_find_datadir(void) {
   const char *env = getenv("REDRESS_DATADIR");
   if (env && *env)
      return xstrdup(env);
   char exe[PATH_MAX];
   ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
   if (n > 0) {
      exe[n] = '\0';
      char *slash = strrchr(exe, '/');
      if (slash) {
         *slash = '\0';
         char *beside = xasprintf("%s/data", exe);
         if (session_is_datadir(beside))
            return beside;
         free(beside);
      }
   }
   return xstrdup(PKGDATADIR);
}

static char *session_unix_login(void) {
   struct passwd *pw = getpwuid(geteuid());
   if (pw && pw->pw_name)
      return xstrdup(pw->pw_name);
   return xasprintf("uid%ld", (long)geteuid());
}

RdStatus session_policy(const Session *s, const char *name, Policy *out, RdError *err) {
   return policy_load(name, s->config->policies_dir, s->datadir, out, err);
}

static RdStatus session_load_policy(Session *s, RdError *err) {
   RdStatus st = session_policy(s, s->config->policy_name, &s->policy, err);
   if (st != RD_ENOTFOUND)
      return st;
   char msg[sizeof err->message];
   str_copy(msg, err->message, sizeof msg);
   if (s->config->path && s->config->policy_line > 0)
      return error_set(err, RD_ECONFIG, "%s:%d: %s", s->config->path, s->config->policy_line, msg);
   return error_set(err, RD_ECONFIG, "%s", msg);
}

static RdStatus session_load_holidays(Session *s, RdError *err) {
   char *path = xasprintf("%s/bank-holidays.json", s->datadir);
   RdStatus st = calendar_load_file(s->calendar, path, err);
   free(path);
   return st;
}

RdStatus session_start(const SessionOptions *opts, Session **out, RdError *err) {
   Session *s = xcalloc(1, sizeof *s);
   staff_init(&s->me);
   s->login = session_unix_login();
   s->acting_as = xstrdup(opts->as_login);
   s->read_only = opts->read_only;
   if (s->read_only)
      s->read_only_reason = xstrdup("opened read-only (--read-only): nothing can be saved");
   s->datadir = session_find_datadir();
   s->calendar = calendar_new();
   char *config_path = config_find(opts->config_path);
   RdStatus st = config_load(config_path, &s->config, err);
   free(config_path);
   if (st == RD_OK)
      st = opts->now ? clock_start_at(opts->now, err) : clock_start_from_env(err);
   if (st == RD_OK)
      st = session_load_holidays(s, err);
   if (st == RD_OK)
      st = session_load_policy(s, err);
   if (st == RD_OK) {
      if (opts->db_path)
         s->db_path = xstrdup(opts->db_path);
      else if (s->config->database)
         s->db_path = xstrdup(s->config->database);
      else
         s->db_path = config_default_database();
      if (!s->config->letters_outbox)
         s->config->letters_outbox = config_default_outbox(s->db_path);
   }
   if (st != RD_OK) {
      session_end(s);
      return st;
   }
   *out = s;
   return RD_OK;
}

static RdStatus session_merge_db_holidays(Session *s, RdError *err) {
   static const char sql[] = "SELECT division, date, title, notes FROM holiday";
   sqlite3_stmt *stmt = store_stmt(s->store, sql, err);
   if (!stmt)
      return RD_EDB;
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      Division d;
      RdDate date = store_column_date(stmt, 1);
      if (calendar_division_parse(store_column_text(stmt, 0), &d, NULL) == RD_OK && date != RD_NO_DATE)
         calendar_add_holiday(s->calendar, d, date, store_column_text(stmt, 2), store_column_text(stmt, 3));
   }
   sqlite3_reset(stmt);
   return rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "reading imported holidays");
}

RdStatus session_open_store(Session *s, StoreOpen how, RdError *err) {
   if (s->store)
      return RD_OK;
   /* Someone without write permission can still read: say so rather than refuse. */
   if (how == STORE_OPEN_EXISTING && !s->read_only && access(s->db_path, F_OK) == 0 &&
       access(s->db_path, W_OK) != 0) {
      s->read_only = true;
      s->read_only_reason = xasprintf("%s is read-only for %s: you can read but nothing can be saved; ask the "
                                      "admin to add you to the database's group", s->db_path, s->login);
   }
   if (how == STORE_OPEN_EXISTING && s->read_only)
      how = STORE_READ_ONLY;
   RdStatus st = store_open(s->db_path, how, &s->store, err);
   if (st == RD_OK)
      st = session_merge_db_holidays(s, err);
   return st;
}

RdStatus session_open_store_if_present(Session *s, RdError *err) {
   if (access(s->db_path, F_OK) != 0)
      return RD_OK;
   return session_open_store(s, STORE_OPEN_EXISTING, err);
}

RdStatus session_login(Session *s, RdError *err) {
   if (s->logged_in)
      return RD_OK;
   Staff real;
   RdStatus st = staff_by_login(s->store, s->login, &real, err);
   if (st == RD_ENOTFOUND)
      return error_set(err, RD_EDENIED, "'%s' is not a member of staff in %s: an admin can add you with "
                       "'redress staff add %s --name \"Your Name\" --roles front-desk'", s->login, s->db_path,
                       s->login);
   if (st != RD_OK)
      return st;
   if (!real.active) {
      staff_clear(&real);
      return error_set(err, RD_EDENIED, "the staff record of '%s' is inactive: ask an admin to reactivate it",
                       s->login);
   }
   if (!s->acting_as || strcmp(s->acting_as, s->login) == 0) {
      s->me = real;
      s->logged_in = true;
      return RD_OK;
   }
   bool admin = staff_has(&real, ROLE_ADMIN);
   staff_clear(&real);
   if (!admin)
      return error_set(err, RD_EDENIED, "only an admin may act as another login (--as %s)", s->acting_as);
   st = staff_by_login(s->store, s->acting_as, &s->me, err);
   if (st == RD_ENOTFOUND)
      return error_set(err, RD_EINPUT, "--as %s: no staff member has that login", s->acting_as);
   if (st == RD_OK && !s->me.active) {
      staff_clear(&s->me);
      return error_set(err, RD_EDENIED, "--as %s: that staff record is inactive", s->acting_as);
   }
   s->logged_in = st == RD_OK;
   return st;
}

void session_end(Session *s) {
   if (!s)
      return;
   staff_clear(&s->me);
   store_close(s->store);
   calendar_free(s->calendar);
   config_free(s->config);
   free(s->datadir);
   free(s->db_path);
   free(s->login);
   free(s->acting_as);
   free(s->read_only_reason);
   free(s);
}

const char *session_actor(const Session *s) {
   return s->acting_as ? s->acting_as : s->login;
}

int session_due_soon_days(void *ctx, const char *policy) {
   Session *s = ctx;
   if (!policy || !*policy || strcmp(policy, s->policy.name) == 0)
      return s->policy.due_soon_days;
   Policy p;
   return session_policy(s, policy, &p, NULL) == RD_OK ? p.due_soon_days : -1;
}
