/* cli_db: init and check. */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "redress/audit.h"
#include "redress/clock.h"
#include "redress/progress.h"
#include "redress/staff.h"
#include "redress/text.h"
#include "redress/xalloc.h"

static int cli_init(Cli *cli, int argc, char **argv);
static int cli_check(Cli *cli, int argc, char **argv);
static int cli_backup(Cli *cli, int argc, char **argv);
static int cli_restore(Cli *cli, int argc, char **argv);

const CliCommand cli_db_commands[] = {
   { "init", "[--db PATH] [--name \"FULL NAME\"]", "Create a new, empty database; you become its first admin.",
     "Refuses to overwrite an existing file. The login that runs it is recorded as an admin\n"
     "(with --name as the full name, else the name in the password file).", cli_init },
   { "check", "", "Check the database: SQLite's integrity check and redress's own rules.",
     "Exit status 0 when nothing is wrong, 1 when problems were found (each is listed).", cli_check },
   { "backup", "FILE", "Copy the database to a new FILE while others keep working (an admin).",
     "Uses SQLite's online backup, checks the copy's integrity and never overwrites a file.\n"
     "A nightly cron line: 15 2 * * * redress backup /var/backups/redress/redress-$(date +\\%F).db",
     cli_backup },
   { "restore", "FILE", "Replace the database with a backup FILE (an admin).",
     "Refuses a file that is not a redress database or comes from a newer redress. The current\n"
     "contents are kept first beside the database as NAME.before-restore-DATE-TIME.", cli_restore },
   { NULL, NULL, NULL, NULL, NULL },
};

char *cli_gecos_name(const char *login) {
   struct passwd *pw = getpwnam(login);
   if (pw && pw->pw_gecos && *pw->pw_gecos && *pw->pw_gecos != ',') {
      size_t len = strcspn(pw->pw_gecos, ",");
      return xstrndup(pw->pw_gecos, len);
   }
   return xstrdup(login);
}

static RdStatus cli_init_contents(Session *s, const char *full_name, RdError *err) {
   Store *st = s->store;
   RdStatus r = store_begin(st, err);
   if (r != RD_OK)
      return r;
   char created[RD_INSTANT_BUFSIZE];
   datetime_format_instant(clock_now(), created);
   r = store_meta_set(st, "landlord", s->config->landlord_name, err);
   if (r == RD_OK)
      r = store_meta_set(st, "created_at", created, err);
   Staff admin;
   staff_init(&admin);
   admin.login = xstrdup(s->login);
   admin.full_name = xstrdup(full_name);
   admin.team = xstrdup("");
   admin.grade = 5;
   admin.roles = ROLE_ADMIN;
   if (r == RD_OK)
      r = staff_add(st, NULL, &admin, err);
   if (r == RD_OK) {
      AuditEvent ev = { 0, "database", 0, "created", s->config->landlord_name };
      r = audit_record(st, s->login, clock_now(), &ev, err);
   }
   staff_clear(&admin);
   if (r == RD_OK)
      return store_commit(st, err);
   store_rollback(st);
   return r;
}

static int cli_init(Cli *cli, int argc, char **argv) {
   const char *name = NULL;
   const CliOption opts[] = { { "name", &name, NULL }, { NULL, NULL, NULL } };
   if (cli_parse(&cli_db_commands[0], argc, argv, opts, NULL, 0, 0) < 0)
      return 2;
   if (!cli_session(cli))
      return error_exit_code(cli->err.status);
   Session *s = cli->session;
   if (session_open_store(s, STORE_CREATE_NEW, &cli->err) != RD_OK)
      return cli_fail(cli);
   char *full = name ? xstrdup(name) : cli_gecos_name(s->login);
   RdStatus r = cli_init_contents(s, full, &cli->err);
   free(full);
   if (r != RD_OK) {
      cli_fail(cli);
      store_close(s->store);
      s->store = NULL;
      unlink(s->db_path);
      return error_exit_code(r);
   }
   printf("Created %s (schema version %d) for %s.\n", s->db_path, store_schema_version(),
          s->config->landlord_name);
   printf("You (%s) are its first admin. Add your colleagues with 'redress staff add'.\n", s->login);
   return 0;
}

static int cli_check(Cli *cli, int argc, char **argv) {
   if (cli_parse(&cli_db_commands[1], argc, argv, NULL, NULL, 0, 0) < 0)
      return 2;
   if (!cli_store(cli))
      return error_exit_code(cli->err.status);
   int problems = 0;
   if (store_check(cli->session->store, stdout, &problems, &cli->err) != RD_OK)
      return cli_fail(cli);
   if (problems) {
      printf("%d problem%s found in %s.\n", problems, problems == 1 ? "" : "s", cli->session->db_path);
      return 1;
   }
   char *text = xasprintf("No problems found in %s: SQLite's integrity check passed, every record points "
                          "at records that exist, and redress's own rules hold.\n", cli->session->db_path);
   text_wrap(stdout, text, 79);
   free(text);
   return 0;
}

static bool cli_admin(Cli *cli, const char *doing) {
   if (!cli_actor(cli))
      return false;
   if (staff_has(&cli->session->me, ROLE_ADMIN))
      return true;
   error_set(&cli->err, RD_EDENIED, "only an admin may %s", doing);
   cli_fail(cli);
   return false;
}

static int cli_backup(Cli *cli, int argc, char **argv) {
   const char *pos[1];
   if (cli_parse(&cli_db_commands[2], argc, argv, NULL, pos, 1, 1) < 0)
      return 2;
   if (!cli_admin(cli, "make a backup"))
      return error_exit_code(cli->err.status);
   int64_t bytes = 0;
   Progress bar;
   progress_start(&bar, "backing up");
   RdStatus st = store_backup_watched(cli->session->store, pos[0], progress_update, &bar, &bytes, &cli->err);
   progress_end(&bar);
   if (st != RD_OK)
      return cli_fail(cli);
   printf("Backed up %s to %s (%lld KiB; integrity checked).\n", cli->session->db_path, pos[0],
          (long long)(bytes / 1024));
   return 0;
}

static int cli_restore(Cli *cli, int argc, char **argv) {
   const char *pos[1];
   if (cli_parse(&cli_db_commands[3], argc, argv, NULL, pos, 1, 1) < 0)
      return 2;
   if (!cli_admin(cli, "restore a backup"))
      return error_exit_code(cli->err.status);
   Session *s = cli->session;
   char stamp[RD_INSTANT_BUFSIZE];
   datetime_format_instant(clock_now(), stamp);
   stamp[13] = stamp[16] = '-';
   char *safety = xasprintf("%s.before-restore-%.19s", s->db_path, stamp);
   char *login = xstrdup(s->me.login);
   RdStatus st = store_restore(s->store, pos[0], safety, &cli->err);
   if (st == RD_OK) {
      char detail[600];
      snprintf(detail, sizeof detail, "restored from %s; the previous contents are kept in %s", pos[0], safety);
      AuditEvent ev = { 0, "database", 0, "restored", detail };
      st = store_begin(s->store, &cli->err);
      if (st == RD_OK)
         st = audit_record(s->store, login, clock_now(), &ev, &cli->err);
      st = st == RD_OK ? store_commit(s->store, &cli->err) : st;
   }
   if (st == RD_OK)
      printf("Restored %s from %s.\nThe contents it had before are kept in %s.\n", s->db_path, pos[0], safety);
   free(safety);
   free(login);
   return st == RD_OK ? 0 : cli_fail(cli);
}
