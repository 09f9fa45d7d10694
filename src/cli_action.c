/* cli_action: outstanding actions and remedies from the command line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "redress/action.h"
#include "redress/clock.h"

static int cli_action_add(Cli *cli, int argc, char **argv);
static int cli_action_update(Cli *cli, int argc, char **argv);
static int cli_action_done(Cli *cli, int argc, char **argv);
static int cli_action_assign(Cli *cli, int argc, char **argv);
static int cli_action_list(Cli *cli, int argc, char **argv);
static int cli_remedy_add(Cli *cli, int argc, char **argv);
static int cli_remedy_paid(Cli *cli, int argc, char **argv);

enum { ACTION_ADD, ACTION_UPDATE, ACTION_DONE, ACTION_ASSIGN, ACTION_LIST, REMEDY_ADD, REMEDY_PAID };

const CliCommand cli_action_commands[] = {
   [ACTION_ADD] = { "action add", "REF --what TEXT --due DATE [--owner LOGIN]",
     "Add an outstanding action to a case (yours unless --owner).", NULL, cli_action_add },
   [ACTION_UPDATE] = { "action update", "ID TEXT [--at DATETIME]", "Add an update to an action.", NULL,
     cli_action_update },
   [ACTION_DONE] = { "action done", "ID [--on DATE] [--note TEXT]", "Mark an action done (today unless --on).",
     NULL, cli_action_done },
   [ACTION_ASSIGN] = { "action assign", "ID LOGIN", "Give an outstanding action to someone else (its owner or a manager).",
     "For all of someone's cases and actions at once, see 'staff handover'.", cli_action_assign },
   [ACTION_LIST] = { "action list", "[--owner LOGIN] [--team TEAM] [--case REF] [--all]",
     "List outstanding actions, overdue first (--all includes done ones).", NULL, cli_action_list },
   [REMEDY_ADD] = { "remedy add", "REF --kind KIND --detail TEXT [--amount POUNDS] [--due DATE]",
     "Record a remedy offered at the case's current stage (Code 7.1).",
     "KIND: apology, explanation, acknowledgement, action-on-delay, reconsidered-decision,\n"
     "corrected-record, financial-loss, goodwill, policy-change, other. Money (financial-loss,\n"
     "goodwill) needs --amount in pounds, e.g. 50 or 12.50.", cli_remedy_add },
   [REMEDY_PAID] = { "remedy paid", "ID [--on DATE]", "Record a remedy as done, or paid when it is money.", NULL,
     cli_remedy_paid },
   { NULL, NULL, NULL, NULL, NULL },
};

static int cli_action_add(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_action_commands[ACTION_ADD];
   const char *pos[1], *what = NULL, *due_text = NULL, *owner = NULL;
   const CliOption opts[] = { { "what", &what, NULL }, { "due", &due_text, NULL }, { "owner", &owner, NULL },
                              { NULL, NULL, NULL } };
   RdDate due = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_date(cmd, "--due", due_text, &due))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   int64_t id;
   if (action_add(cli->session, pos[0], what, owner, due, &id, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("action #%lld added to %s\n", (long long)id, pos[0]);
   return 0;
}

static int cli_action_update(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_action_commands[ACTION_UPDATE];
   const char *pos[2], *at_text = NULL;
   const CliOption opts[] = { { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   long id = 0;
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0 || !cli_arg_int(cmd, "ID", pos[0], 1, INT32_MAX, &id) ||
       !cli_arg_instant(cmd, "--at", at_text, &at))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   return action_update(cli->session, id, pos[1], at, &cli->err) == RD_OK ? 0 : cli_fail(cli);
}

static int cli_action_done(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_action_commands[ACTION_DONE];
   const char *pos[1], *on = NULL, *note = NULL;
   const CliOption opts[] = { { "on", &on, NULL }, { "note", &note, NULL }, { NULL, NULL, NULL } };
   long id = 0;
   RdDate day = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_int(cmd, "ID", pos[0], 1, INT32_MAX, &id) ||
       !cli_arg_date(cmd, "--on", on, &day))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   return action_done(cli->session, id, day, note, &cli->err) == RD_OK ? 0 : cli_fail(cli);
}

static int cli_action_assign(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_action_commands[ACTION_ASSIGN];
   const char *pos[2];
   long id = 0;
   if (cli_parse(cmd, argc, argv, NULL, pos, 2, 2) < 0 || !cli_arg_int(cmd, "ID", pos[0], 1, INT32_MAX, &id))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   if (action_reassign(cli->session, id, pos[1], &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("Action #%ld is now %s's.\n", id, pos[1]);
   return 0;
}

static int cli_action_list(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_action_commands[ACTION_LIST];
   const char *owner = NULL, *team = NULL, *ref = NULL;
   bool all = false;
   const CliOption opts[] = { { "owner", &owner, NULL }, { "team", &team, NULL }, { "case", &ref, NULL },
                              { "all", NULL, &all }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0)
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Session *s = cli->session;
   ActionFilter f = { 0, team, 0, all };
   if (owner) {
      Staff st;
      if (staff_by_login(s->store, owner, &st, &cli->err) != RD_OK)
         return cli_fail(cli);
      f.owner_id = st.id;
      staff_clear(&st);
   }
   Action *list = NULL;
   size_t n = 0;
   if (action_list(s, &f, &list, &n, &cli->err) != RD_OK)
      return cli_fail(cli);
   RdDate today = clock_today();
   size_t shown = 0;
   for (size_t i = 0; i < n; i++) {
      if (ref && strcasecmp(list[i].ref, ref) != 0)
         continue;
      char due[RD_DATE_BUFSIZE];
      datetime_format_date(list[i].due_on, due);
      int late = list[i].done_on == RD_NO_DATE ? (int)(today - list[i].due_on) : 0;
      printf("#%-5lld %-10s %-10s %s %-14s ", (long long)list[i].id, list[i].ref[0] ? list[i].ref : "-",
             list[i].owner_login, due, list[i].done_on != RD_NO_DATE ? "done" : late > 0 ? "OVERDUE" : "open");
      cli_put_text(stdout, list[i].what);
      putchar('\n');
      shown++;
   }
   if (!shown)
      puts("No actions.");
   action_free_list(list, n);
   return 0;
}

static int cli_remedy_add(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_action_commands[REMEDY_ADD];
   const char *pos[1], *kind_text = NULL, *detail = NULL, *amount = NULL, *due_text = NULL;
   const CliOption opts[] = { { "kind", &kind_text, NULL }, { "detail", &detail, NULL }, { "amount", &amount, NULL },
                              { "due", &due_text, NULL }, { NULL, NULL, NULL } };
   RdDate due = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_date(cmd, "--due", due_text, &due))
      return 2;
   RemedyKind kind;
   int64_t pence = 0;
   RdError perr;
   if (remedy_kind_parse(kind_text, &kind, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (amount && remedy_parse_pounds(amount, &pence, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   int64_t id;
   if (remedy_add(cli->session, pos[0], kind, detail, pence, due, &id, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("remedy #%lld added to %s\n", (long long)id, pos[0]);
   return 0;
}

static int cli_remedy_paid(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_action_commands[REMEDY_PAID];
   const char *pos[1], *on = NULL;
   const CliOption opts[] = { { "on", &on, NULL }, { NULL, NULL, NULL } };
   long id = 0;
   RdDate day = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_int(cmd, "ID", pos[0], 1, INT32_MAX, &id) ||
       !cli_arg_date(cmd, "--on", on, &day))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   return remedy_done(cli->session, id, day, &cli->err) == RD_OK ? 0 : cli_fail(cli);
}
