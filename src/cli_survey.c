/* cli_survey: the satisfaction survey from the command line. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "redress/survey.h"

static int cli_survey_due(Cli *cli, int argc, char **argv);
static int cli_survey_sent(Cli *cli, int argc, char **argv);
static int cli_survey_answer(Cli *cli, int argc, char **argv);

enum { SURVEY_DUE, SURVEY_SENT, SURVEY_ANSWER };

static const char cli_survey_question[] = "Were you satisfied with how your complaint was handled?";

const CliCommand cli_survey_commands[] = {
   [SURVEY_DUE] = { "survey due", "[--case REF]",
     "List who is due the satisfaction survey now, or say when one case's is due.",
     "A closed complaint is due one its policy's delay after the later of its last\n"
     "correspondence and its final resolution (seed 004: 20 days); a policy with no delay\n"
     "has no survey. Anonymous and excluded cases, residents who cannot be reached and\n"
     "residents who declined surveys are not surveyed.", cli_survey_due },
   [SURVEY_SENT] = { "survey sent", "REF [--on DATE]", "Record that the survey of a case was sent (today unless "
     "--on).", NULL, cli_survey_sent },
   [SURVEY_ANSWER] = { "survey answer", "REF yes|no|declined [--on DATE]",
     "Record the answer to the survey, or that the resident does not want surveys.",
     "declined (seed 003) may be recorded at any time; no survey is then sent for any of\n"
     "the resident's complaints.", cli_survey_answer },
   { NULL, NULL, NULL, NULL, NULL },
};

/* How to reach the resident: their preferred way when it is known and recorded. */
static void cli_survey_reach(const SurveyDue *d) {
   const char *pref = d->preferred_contact ? d->preferred_contact : "";
   bool has_phone = d->phone && *d->phone, has_email = d->email && *d->email;
   if (has_email && (strcmp(pref, "email") == 0 || !has_phone)) {
      fputs("email ", stdout);
      cli_put_text(stdout, d->email);
   } else if (has_phone && strcmp(pref, "letter") != 0) {
      fputs("phone ", stdout);
      cli_put_text(stdout, d->phone);
   } else if (d->address && *d->address) {
      fputs("letter ", stdout);
      cli_put_text(stdout, d->address);
   } else {
      fputs("phone ", stdout);
      cli_put_text(stdout, d->phone);
   }
}

static int cli_survey_case(Cli *cli, const char *ref) {
   SurveyStatus v;
   if (survey_status(cli->session, ref, &v, &cli->err) != RD_OK)
      return cli_fail(cli);
   char day[RD_DATE_BUFSIZE];
   if (v.due_on == RD_NO_DATE) {
      printf("%s: no satisfaction survey: ", v.ref);
      cli_put_text(stdout, v.why);
      putchar('\n');
   } else {
      datetime_format_date(v.due_on, day);
      printf("%s: survey due %s", v.ref, day);
      if (v.sent_on != RD_NO_DATE) {
         datetime_format_date(v.sent_on, day);
         printf(", sent %s", day);
      }
      if (v.satisfied >= 0) {
         datetime_format_date(v.answered_on, day);
         printf(", answered %s on %s", v.satisfied ? "yes" : "no", day);
      }
      putchar('\n');
   }
   return 0;
}

static int cli_survey_due(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_survey_commands[SURVEY_DUE];
   const char *ref = NULL;
   const CliOption opts[] = { { "case", &ref, NULL }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0)
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   if (ref)
      return cli_survey_case(cli, ref);
   SurveyDue *list = NULL;
   size_t n = 0;
   if (survey_due(cli->session, &list, &n, &cli->err) != RD_OK)
      return cli_fail(cli);
   for (size_t i = 0; i < n; i++) {
      char due[RD_DATE_BUFSIZE];
      datetime_format_date(list[i].due_on, due);
      printf("%-10s due %s  ", list[i].ref, due);
      cli_put_column(stdout, list[i].name, 24);
      putchar(' ');
      cli_survey_reach(&list[i]);
      putchar('\n');
   }
   if (n)
      printf("%zu survey%s due. Ask: \"%s\"\n", n, n == 1 ? "" : "s", cli_survey_question);
   else
      puts("No satisfaction surveys are due.");
   survey_free_due(list, n);
   return 0;
}

static int cli_survey_sent(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_survey_commands[SURVEY_SENT];
   const char *pos[1], *on = NULL;
   const CliOption opts[] = { { "on", &on, NULL }, { NULL, NULL, NULL } };
   RdDate day = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_date(cmd, "--on", on, &day))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   return survey_sent(cli->session, pos[0], day, &cli->err) == RD_OK ? 0 : cli_fail(cli);
}

static int cli_survey_answer(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_survey_commands[SURVEY_ANSWER];
   const char *pos[2], *on = NULL;
   const CliOption opts[] = { { "on", &on, NULL }, { NULL, NULL, NULL } };
   RdDate day = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0 || !cli_arg_date(cmd, "--on", on, &day))
      return 2;
   SurveyAnswer answer;
   RdError perr;
   if (survey_answer_parse(pos[1], &answer, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   return survey_answer(cli->session, pos[0], answer, day, &cli->err) == RD_OK ? 0 : cli_fail(cli);
}
