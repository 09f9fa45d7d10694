/* cli_data: the demo database, and cases in and out as files. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "redress/clock.h"
#include "redress/demo.h"
#include "redress/export.h"
#include "redress/import.h"
#include "redress/progress.h"
#include "redress/xalloc.h"

static int cli_demo(Cli *cli, int argc, char **argv);
static int cli_export(Cli *cli, int argc, char **argv);
static int cli_import(Cli *cli, int argc, char **argv);

enum { DATA_DEMO, DATA_EXPORT, DATA_IMPORT };

const CliCommand cli_data_commands[] = {
   [DATA_DEMO] = { "demo", "[--db PATH] [--cases N] [--seed S]",
     "Build a demo database of people, staff and cases in every state.",
     "The cases are placed relative to the clock (--now or REDRESS_NOW), so the queue shows\n"
     "overdue, due today and due soon targets at once. --cases N (default 300, from 60 to\n"
     "500000) sets the size; large demos span up to ten years, about 5% of cases open.\n"
     "--seed S (default 2024) makes a different but equally repeatable landlord. You are\n"
     "added as an admin with every role. Refuses to overwrite an existing file.", cli_demo },
   [DATA_EXPORT] = { "export", "cases|actions|events|people [--format csv|json] [--bom] [--output FILE]",
     "Write cases, actions, the history or people as CSV or JSON.",
     "Dates are YYYY-MM-DD and instants ISO-8601 in UTC. CSV follows RFC 4180, and text a\n"
     "spreadsheet would run as a formula starts with '. --bom starts a CSV file with a byte\n"
     "order mark, so Excel reads it as UTF-8. Without --output the data goes to standard\n"
     "output; with it, the file appears only once it is complete. The history (events) and\n"
     "people need a manager or an admin.", cli_export },
   [DATA_IMPORT] = { "import cases", "FILE.csv",
     "Log the cases of a web form's CSV file, untriaged: all or none.",
     "The header row names the columns, in any order and any case, from: name, tenancy_ref,\n"
     "phone, email, address, channel (default web), received_at, incident_on, category,\n"
     "summary, outcome_sought, anonymous (yes or no). received_at, category and summary are\n"
     "needed. Dates may be written 2025-12-19 10:00 or 19/12/2025 10:00 (UK time). A person\n"
     "is found by tenancy_ref, or recorded. A bad row is reported by line and column and then\n"
     "nothing of the file is stored.", cli_import },
   { NULL, NULL, NULL, NULL, NULL },
};

/* --- demo ------------------------------------------------------------------------------------ */

static void cli_remove_database(const char *path) {
   char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
   unlink(path);
   unlink(wal);
   unlink(shm);
   free(wal);
   free(shm);
}

static int cli_demo(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_data_commands[DATA_DEMO];
   const char *cases_text = NULL, *seed_text = NULL;
   const CliOption opts[] = { { "cases", &cases_text, NULL }, { "seed", &seed_text, NULL }, { NULL, NULL, NULL } };
   long cases = DEMO_DEFAULT_CASES, seed = DEMO_DEFAULT_SEED;
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0 ||
       !cli_arg_int(cmd, "--cases", cases_text, DEMO_MIN_CASES, DEMO_MAX_CASES, &cases) ||
       !cli_arg_int(cmd, "--seed", seed_text, 0, 2147483647L, &seed))
      return 2;
   if (!cli_session(cli))
      return error_exit_code(cli->err.status);
   Session *s = cli->session;
   if (session_open_store(s, STORE_CREATE_NEW, &cli->err) != RD_OK)
      return cli_fail(cli);
   char *name = cli_gecos_name(s->login);
   Progress bar;
   progress_start(&bar, "building");
   DemoOptions o = { (size_t)cases, (uint64_t)seed, name, progress_update, &bar };
   DemoSummary sum;
   RdStatus st = demo_build(s, &o, &sum, &cli->err);
   progress_end(&bar);
   free(name);
   if (st != RD_OK) {
      cli_fail(cli);
      store_close(s->store);
      s->store = NULL;
      cli_remove_database(s->db_path);
      return error_exit_code(st);
   }
   double secs = (double)(clock_now_ms() - bar.start_ms) / 1000.0;
   printf("Built %s in %.*f s: %zu cases over %d year%s (%zu open), %zu people, %zu staff, %zu compliments, "
          "%zu events.\n", s->db_path, secs < 10.0 ? 2 : 1, secs, sum.cases, sum.years, sum.years == 1 ? "" : "s",
          sum.open, sum.people, sum.staff, sum.compliments, sum.events);
   if (sum.switch_day != RD_NO_DATE) {
      char day[RD_DATE_BUFSIZE];
      datetime_format_date(sum.switch_day, day);
      printf("Cases received before %s follow the policy %s; those since, %s.\n", day, sum.previous_policy,
             s->policy.name);
   }
   printf("You (%s) are an admin with every role. Open it with 'redress --db %s'.\n", s->login, s->db_path);
   return 0;
}

/* --- export ---------------------------------------------------------------------------------- */

/* The export goes to a temporary file beside FILE, renamed over it only once complete, so a
 * failed export never leaves half a file where a whole one was expected. *tmp receives the
 * temporary's name, the caller's until cli_export_close frees it. */
static FILE *cli_export_open(Cli *cli, const char *path, char **tmp) {
   *tmp = xasprintf("%s.tmp-XXXXXX", path);
   /* mkstemp makes it 0600: like a subject access export, personal data for its maker only. */
   int fd = mkstemp(*tmp);
   FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
   if (!f) {
      error_set(&cli->err, RD_EIO, "cannot write %s: %s", path, strerror(errno));
      if (fd >= 0) {
         close(fd);
         unlink(*tmp);
      }
      free(*tmp);
      *tmp = NULL;
   }
   return f;
}

static RdStatus cli_export_close(Cli *cli, FILE *f, char *tmp, const char *path, RdStatus st) {
   if (fclose(f) != 0 && st == RD_OK)
      st = error_set(&cli->err, RD_EIO, "error writing %s: %s", path, strerror(errno));
   if (st == RD_OK && rename(tmp, path) != 0)
      st = error_set(&cli->err, RD_EIO, "cannot put the export at %s: %s", path, strerror(errno));
   if (st != RD_OK)
      unlink(tmp);
   free(tmp);
   return st;
}

static int cli_export(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_data_commands[DATA_EXPORT];
   const char *pos[1], *format_text = "csv", *output = NULL;
   bool bom = false;
   const CliOption opts[] = { { "format", &format_text, NULL }, { "output", &output, NULL }, { "bom", NULL, &bom },
                              { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   ExportOptions o = { EXPORT_CASES, EXPORT_CSV, bom, output != NULL, NULL, NULL };
   RdError perr;
   if (export_table_parse(pos[0], &o.table, &perr) != RD_OK ||
       export_format_parse(format_text, &o.format, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (bom && o.format != EXPORT_CSV)
      return cli_usage_error(cmd, "--bom is for CSV files that Excel opens, not for JSON");
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Progress bar;
   progress_start(&bar, "exporting");
   if (output || !isatty(STDOUT_FILENO)) {   /* not over the rows themselves on the terminal */
      o.progress = progress_update;
      o.progress_data = &bar;
   }
   char *tmp = NULL;
   FILE *out = output ? cli_export_open(cli, output, &tmp) : stdout;
   if (!out)
      return cli_fail(cli);
   size_t rows = 0;
   RdStatus st = export_write(cli->session, &o, out, output ? output : "standard output", &rows, &cli->err);
   progress_end(&bar);
   if (output)
      st = cli_export_close(cli, out, tmp, output, st);
   if (st != RD_OK)
      return cli_fail(cli);
   if (output)
      printf("Wrote %zu %s to %s.\n", rows, rows == 1 ? "row" : "rows", output);
   return 0;
}

/* --- import ---------------------------------------------------------------------------------- */

static int cli_import(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_data_commands[DATA_IMPORT];
   const char *pos[1];
   if (cli_parse(cmd, argc, argv, NULL, pos, 1, 1) < 0)
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Progress bar;
   progress_start(&bar, "importing");
   ImportResult res;
   RdStatus st = import_cases_file(cli->session, pos[0], progress_update, &bar, &res, &cli->err);
   progress_end(&bar);
   if (res.ignored[0])
      cli_warn("columns redress does not know were left out: %s", res.ignored);
   if (st != RD_OK)
      return cli_fail(cli);
   printf("Imported %zu case%s from %s, untriaged: %s to %s. %zu new %s recorded; %zu found by tenancy "
          "reference.\n", res.imported, res.imported == 1 ? "" : "s", pos[0], res.first_ref, res.last_ref,
          res.people_created, res.people_created == 1 ? "person" : "people", res.people_found);
   return 0;
}
