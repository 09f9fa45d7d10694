/* cli_learning: lessons learned and service improvements from the command line. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "redress/complaint.h"
#include "redress/learning.h"

static int cli_learning_add(Cli *cli, int argc, char **argv);
static int cli_learning_list(Cli *cli, int argc, char **argv);

enum { LEARNING_ADD, LEARNING_LIST };

const CliCommand cli_learning_commands[] = {
   [LEARNING_ADD] = { "learning add", "[REF] --lesson TEXT --improvement TEXT [--at DATETIME]",
     "Record a lesson learned and the service improvement it leads to (seeds 001-003).",
     "REF links it to a case; leave it out for a lesson drawn from several. Handlers and\n"
     "managers record lessons; the annual report (Code 8.1) lists them.", cli_learning_add },
   [LEARNING_LIST] = { "learning list", "[--case REF] [--since DATE] [--until DATE]",
     "List lessons learned and their improvements, oldest first.",
     "--since and --until are UK dates, both included.", cli_learning_list },
   { NULL, NULL, NULL, NULL, NULL },
};

static int cli_learning_add(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_learning_commands[LEARNING_ADD];
   const char *pos[1] = { NULL }, *lesson = NULL, *improvement = NULL, *at_text = NULL;
   const CliOption opts[] = { { "lesson", &lesson, NULL }, { "improvement", &improvement, NULL },
                              { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 0, 1) < 0 || !cli_arg_instant(cmd, "--at", at_text, &at))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   int64_t id;
   if (learning_add(cli->session, pos[0], lesson, improvement, at, &id, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("#%lld lesson recorded\n", (long long)id);
   return 0;
}

static int cli_learning_list(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_learning_commands[LEARNING_LIST];
   const char *ref = NULL, *since = NULL, *until = NULL;
   const CliOption opts[] = { { "case", &ref, NULL }, { "since", &since, NULL }, { "until", &until, NULL },
                              { NULL, NULL, NULL } };
   LearningFilter f = { RD_NO_DATE, RD_NO_DATE, 0 };
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0 || !cli_arg_date(cmd, "--since", since, &f.since) ||
       !cli_arg_date(cmd, "--until", until, &f.until))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   if (ref) {
      Complaint c;
      complaint_init(&c);
      if (complaint_get(cli->session, ref, &c, &cli->err) != RD_OK)
         return cli_fail(cli);
      f.complaint_id = c.id;
      complaint_clear(&c);
   }
   Lesson *list = NULL;
   size_t n = 0;
   if (learning_list(cli->session, &f, &list, &n, &cli->err) != RD_OK)
      return cli_fail(cli);
   for (size_t i = 0; i < n; i++) {
      char when[17];
      datetime_format_local(list[i].recorded_at, when);
      printf("#%-4lld %s  %-10s %s\n    lesson: ", (long long)list[i].id, when, list[i].ref[0] ? list[i].ref : "-",
             list[i].recorded_by);
      cli_put_text(stdout, list[i].lesson);
      fputs("\n    improvement: ", stdout);
      cli_put_text(stdout, list[i].improvement);
      putchar('\n');
   }
   printf("%zu lesson%s learned.\n", n, n == 1 ? "" : "s");
   learning_free_list(list, n);
   return 0;
}
