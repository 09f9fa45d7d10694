/* cli_ombudsman: Housing Ombudsman referrals, determinations and orders from the command line. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/ombudsman.h"

static int cli_ombudsman_refer(Cli *cli, int argc, char **argv);
static int cli_ombudsman_determine(Cli *cli, int argc, char **argv);
static int cli_ombudsman_order(Cli *cli, int argc, char **argv);
static int cli_ombudsman_reopen(Cli *cli, int argc, char **argv);
static int cli_ombudsman_list(Cli *cli, int argc, char **argv);

enum { OMBUDSMAN_REFER, OMBUDSMAN_DETERMINE, OMBUDSMAN_ORDER, OMBUDSMAN_REOPEN, OMBUDSMAN_LIST };

const CliCommand cli_ombudsman_commands[] = {
   [OMBUDSMAN_REFER] = { "ombudsman refer", "REF --their-ref HOSREF [--on DATE]",
     "Record that a complaint went to the Housing Ombudsman, under their reference.",
     "A resident may go to the Ombudsman at any stage (seed 002 5.4). --on is the day it was\n"
     "referred (today unless given). The other ombudsman commands name the referral by HOSREF.",
     cli_ombudsman_refer },
   [OMBUDSMAN_DETERMINE] = { "ombudsman determine", "HOSREF OUTCOME [--on DATE]",
     "Record the Ombudsman's determination (a manager).",
     "OUTCOME: no-maladministration, service-failure, maladministration,\n"
     "severe-maladministration, outside-jurisdiction, reasonable-redress, withdrawn.",
     cli_ombudsman_determine },
   [OMBUDSMAN_ORDER] = { "ombudsman order", "HOSREF --text TEXT --due DATE --owner LOGIN",
     "Record an order of the Ombudsman (a manager): it becomes an action of LOGIN's, due by DATE.",
     "Orders follow a finding of service failure or maladministration. Compliance is the\n"
     "action done ('redress action done ID'), on time or late.", cli_ombudsman_order },
   [OMBUDSMAN_REOPEN] = { "ombudsman reopen", "HOSREF --reason TEXT [--at DATETIME]",
     "Reopen the closed case of a referral because the Ombudsman ordered it.", NULL, cli_ombudsman_reopen },
   [OMBUDSMAN_LIST] = { "ombudsman list", "[--case REF] [--outstanding]",
     "List referrals with their determinations, orders and compliance.",
     "--outstanding keeps referrals awaiting a determination or with an order not yet done.",
     cli_ombudsman_list },
   { NULL, NULL, NULL, NULL, NULL },
};

static int cli_ombudsman_refer(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_ombudsman_commands[OMBUDSMAN_REFER];
   const char *pos[1], *their_ref = NULL, *on = NULL;
   const CliOption opts[] = { { "their-ref", &their_ref, NULL }, { "on", &on, NULL }, { NULL, NULL, NULL } };
   RdDate day = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_date(cmd, "--on", on, &day))
      return 2;
   if (!their_ref)
      return cli_usage_error(cmd, "give the Ombudsman's reference with --their-ref");
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   if (ombudsman_refer(cli->session, pos[0], their_ref, day, NULL, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("%s referred to the Housing Ombudsman under ", pos[0]);
   cli_put_text(stdout, their_ref);
   putchar('\n');
   return 0;
}

static int cli_ombudsman_determine(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_ombudsman_commands[OMBUDSMAN_DETERMINE];
   const char *pos[2], *on = NULL;
   const CliOption opts[] = { { "on", &on, NULL }, { NULL, NULL, NULL } };
   RdDate day = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0 || !cli_arg_date(cmd, "--on", on, &day))
      return 2;
   Determination d;
   RdError perr;
   if (ombudsman_determination_parse(pos[1], &d, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   return ombudsman_determine(cli->session, pos[0], d, day, &cli->err) == RD_OK ? 0 : cli_fail(cli);
}

static int cli_ombudsman_order(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_ombudsman_commands[OMBUDSMAN_ORDER];
   const char *pos[1], *text = NULL, *due_text = NULL, *owner = NULL;
   const CliOption opts[] = { { "text", &text, NULL }, { "due", &due_text, NULL }, { "owner", &owner, NULL },
                              { NULL, NULL, NULL } };
   RdDate due = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_date(cmd, "--due", due_text, &due))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   int64_t order_id, action_id;
   if (ombudsman_order(cli->session, pos[0], text, due, owner, &order_id, &action_id, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("order #%lld recorded: action #%lld for %s, due %s\n", (long long)order_id, (long long)action_id, owner,
          due_text);
   return 0;
}

static int cli_ombudsman_reopen(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_ombudsman_commands[OMBUDSMAN_REOPEN];
   const char *pos[1], *reason = NULL, *at_text = NULL;
   const CliOption opts[] = { { "reason", &reason, NULL }, { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_instant(cmd, "--at", at_text, &at))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   return ombudsman_reopen(cli->session, pos[0], reason, at, &cli->err) == RD_OK ? 0 : cli_fail(cli);
}

static void cli_ombudsman_print(const OmbudsmanReferral *r, RdDate today) {
   char referred[RD_DATE_BUFSIZE], determined[RD_DATE_BUFSIZE] = "";
   datetime_format_date(r->referred_on, referred);
   if (r->determined_on != RD_NO_DATE)
      datetime_format_date(r->determined_on, determined);
   cli_put_column(stdout, r->their_ref, 14);
   printf(" %-10s referred %s  ", r->ref, referred);
   if (r->determination == DETERMINATION_NONE)
      puts("awaiting determination");
   else
      printf("%s on %s\n", ombudsman_determination_name(r->determination), determined);
   for (size_t i = 0; i < r->order_count; i++) {
      const OmbudsmanOrder *o = &r->orders[i];
      char due[RD_DATE_BUFSIZE], done[RD_DATE_BUFSIZE] = "";
      datetime_format_date(o->due_on, due);
      if (o->done_on != RD_NO_DATE)
         datetime_format_date(o->done_on, done);
      printf("   order #%lld due %s, action #%lld of %s: %s%s%s\n      ", (long long)o->id, due,
             (long long)o->action_id, o->owner_login, ombudsman_compliance_name(ombudsman_order_compliance(o, today)),
             *done ? " " : "", done);
      cli_put_text(stdout, o->text);
      putchar('\n');
   }
}

static int cli_ombudsman_list(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_ombudsman_commands[OMBUDSMAN_LIST];
   const char *ref = NULL;
   bool outstanding = false;
   const CliOption opts[] = { { "case", &ref, NULL }, { "outstanding", NULL, &outstanding }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0)
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   int64_t complaint_id = 0;
   if (ref) {
      Complaint c;
      complaint_init(&c);
      if (complaint_get(cli->session, ref, &c, &cli->err) != RD_OK)
         return cli_fail(cli);
      complaint_id = c.id;
      complaint_clear(&c);
   }
   OmbudsmanReferral *list = NULL;
   size_t n = 0;
   if (ombudsman_list(cli->session, complaint_id, outstanding, &list, &n, &cli->err) != RD_OK)
      return cli_fail(cli);
   RdDate today = clock_today();
   for (size_t i = 0; i < n; i++)
      cli_ombudsman_print(&list[i], today);
   if (n == 0)
      puts(outstanding ? "Nothing outstanding with the Housing Ombudsman." : "No referrals to the Housing Ombudsman.");
   ombudsman_free_list(list, n);
   return 0;
}
