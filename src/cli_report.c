/* cli_report: reports, the weekly list of outstanding actions, and letters. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "redress/clock.h"
#include "redress/csv.h"
#include "redress/letter.h"
#include "redress/progress.h"
#include "redress/report.h"
#include "redress/text.h"
#include "redress/xalloc.h"

static int cli_report(Cli *cli, int argc, char **argv);
static int cli_actions(Cli *cli, int argc, char **argv);
static int cli_letter(Cli *cli, int argc, char **argv);

enum { REPORT_CMD, ACTIONS_CMD, LETTER_CMD };

const CliCommand cli_report_commands[] = {
   [REPORT_CMD] = { "report", "NAME [--period PERIOD] [--format text|csv|html] [--bom] [--output FILE]",
     "Produce a report: tsm, monthly, quarterly, annual or ombudsman.",
     "tsm: the regulator's CH01 (complaints per 1,000 homes) and CH02 (responses within the\n"
     "Code's timescales), with the counts behind them and the responses that missed.\n"
     "monthly (chief executive), quarterly (board): received by channel and category, responses\n"
     "on time, escalations, decisions, remedies and compensation, refusals, compliments,\n"
     "satisfaction, open cases by age, and trends.\n"
     "annual: the Code 8.1 complaints performance and service improvement report, to publish.\n"
     "ombudsman: referrals, determinations, orders and their status.\n"
     "PERIOD: a month (2025-12), a reporting year (2025/26, 1 April to 31 March), a quarter of\n"
     "one (2025/26-Q3; Q1 is April to June), dates (2025-12-01..2026-01-15), 'this' (the default)\n"
     "or 'last'. --output writes the report to FILE whole, replacing it. --bom starts CSV with\n"
     "a UTF-8 byte order mark, so that Excel reads the pound signs right.", cli_report },
   [ACTIONS_CMD] = { "actions", "[--week [YYYY-Www]] [--owner LOGIN] [--team TEAM] [--format text|csv] [--bom]",
     "The weekly list of outstanding actions, those done in the week, and residents waiting.",
     "Every outstanding action grouped by owner, overdue first, with its case, due date, last\n"
     "update and days overdue; the actions done in the week; and the cases whose residents\n"
     "have had no update for longer than the policy allows (seed 001). --week names an ISO\n"
     "week (2026-W10); without one, the week holding today.", cli_actions },
   [LETTER_CMD] = { "letter", "REF KIND [--preview]",
     "Write a letter for a case to the letters outbox and record it on the case.",
     "KIND: acknowledgement, extension, stage1-response, stage2-acknowledgement, stage2-response,\n"
     "refusal, escalation-refused, quick-resolution, survey, or compliment-acknowledgement\n"
     "(REF is then the compliment's number). --preview prints the letter and writes nothing.\n"
     "The resident's adjustments are honoured: large print, and the channel they prefer.",
     cli_letter },
   { NULL, NULL, NULL, NULL, NULL },
};

static int cli_report(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_report_commands[REPORT_CMD];
   const char *pos[1], *period_text = NULL, *format_text = "text", *output = NULL;
   bool bom = false;
   const CliOption opts[] = { { "period", &period_text, NULL }, { "format", &format_text, NULL },
                              { "output", &output, NULL }, { "bom", NULL, &bom }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   ReportName name;
   ReportFormat format;
   RdError perr;
   if (report_name_parse(pos[0], &name, &perr) != RD_OK || report_format_parse(format_text, &format, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   ReportPeriod period;
   if (report_period_parse(period_text, report_name_unit(name), clock_today(), &period, &perr) != RD_OK)
      return cli_usage_error(cmd, "--period: %s", perr.message);
   ReportDoc *doc = NULL;
   Progress bar;
   progress_start(&bar, "counting");
   RdStatus st = report_build_watched(cli->session, name, &period, progress_update, &bar, &doc, &cli->err);
   progress_end(&bar);
   if (st != RD_OK)
      return cli_fail(cli);
   int rc = 0;
   unsigned flags = bom ? CSV_BOM : 0;
   if (output) {
      if (report_write_file(doc, format, flags, output, &cli->err) != RD_OK)
         rc = cli_fail(cli);
   }
   else if (report_write(doc, format, flags, stdout, "standard output", &cli->err) != RD_OK)
      rc = cli_fail(cli);
   report_doc_free(doc);
   return rc;
}

/* "--week" with no value (last, or before another option) means the week holding today. */
static void cli_actions_bare_week(int argc, char **argv) {
   static char current[] = "--week=";
   for (int i = 0; i < argc; i++) {
      if (strcmp(argv[i], "--") == 0)
         return;
      if (strcmp(argv[i], "--week") == 0 && (i + 1 == argc || strncmp(argv[i + 1], "--", 2) == 0))
         argv[i] = current;
   }
}

static int cli_actions(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_report_commands[ACTIONS_CMD];
   const char *week = NULL, *owner = NULL, *team = NULL, *format_text = "text";
   bool bom = false;
   const CliOption opts[] = { { "week", &week, NULL }, { "owner", &owner, NULL }, { "team", &team, NULL },
                              { "format", &format_text, NULL }, { "bom", NULL, &bom }, { NULL, NULL, NULL } };
   cli_actions_bare_week(argc, argv);
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0)
      return 2;
   ReportFormat format;
   RdError perr;
   if (report_format_parse(format_text, &format, &perr) != RD_OK || format == REPORT_HTML)
      return cli_usage_error(cmd, "--format: use text or csv");
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   RdDate monday;
   if (report_week_parse(week, clock_today(), &monday, &perr) != RD_OK)
      return cli_usage_error(cmd, "--week: %s", perr.message);
   if (owner) {
      Staff st;
      if (staff_by_login(cli->session->store, owner, &st, &cli->err) != RD_OK)
         return cli_fail(cli);
      staff_clear(&st);
   }
   WeeklyActions w;
   if (report_weekly_actions(cli->session, monday, owner, team, &w, &cli->err) != RD_OK)
      return cli_fail(cli);
   int rc = report_weekly_write(&w, format, bom ? CSV_BOM : 0, stdout, "standard output", &cli->err) == RD_OK ? 0
                                                                                                  : cli_fail(cli);
   report_weekly_actions_clear(&w);
   return rc;
}

static int cli_letter(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_report_commands[LETTER_CMD];
   const char *pos[2];
   bool preview = false;
   const CliOption opts[] = { { "preview", NULL, &preview }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0)
      return 2;
   LetterKind kind;
   RdError perr;
   if (letter_kind_parse(pos[1], &kind, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Letter l;
   if (preview) {
      if (letter_render(cli->session, pos[0], kind, &l, &cli->err) != RD_OK)
         return cli_fail(cli);
      cli_put_text(stdout, l.text);
      letter_clear(&l);
      return 0;
   }
   char *path = NULL;
   if (letter_write(cli->session, pos[0], kind, &path, &l, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("%s letter written to %s\n", letter_kind_title(kind), path);
   printf("send by: %s%s\n", l.send_by, l.large_print ? " (large print)" : "");
   if (l.needs) {
      fputs("also needed: ", stdout);
      cli_put_text(stdout, l.needs);
      putchar('\n');
   }
   free(path);
   letter_clear(&l);
   return 0;
}
