/* cli_compliment: compliments from the command line. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "redress/compliment.h"

static int cli_compliment_add(Cli *cli, int argc, char **argv);
static int cli_compliment_ack(Cli *cli, int argc, char **argv);
static int cli_compliment_passed(Cli *cli, int argc, char **argv);
static int cli_compliment_list(Cli *cli, int argc, char **argv);

enum { COMPLIMENT_ADD, COMPLIMENT_ACK, COMPLIMENT_PASSED, COMPLIMENT_LIST };

const CliCommand cli_compliment_commands[] = {
   [COMPLIMENT_ADD] = { "compliment add", "--from NAME --channel C --summary TEXT (--about-staff LOGIN | "
     "--about-team TEAM) [--received DATETIME]", "Log a compliment about a member of staff or a team (seed 002).",
     "Channels: phone, email, letter, in-person, web, social-media, other. --received defaults\n"
     "to now. A compliment about a person counts for the team they are in when it is logged,\n"
     "unless --about-team names another. Prints the new number first on its line.", cli_compliment_add },
   [COMPLIMENT_ACK] = { "compliment ack", "ID [--on DATE]", "Record that a compliment was acknowledged (today "
     "unless --on).", NULL, cli_compliment_ack },
   [COMPLIMENT_PASSED] = { "compliment passed", "ID [--on DATE]",
     "Record that a compliment was passed on to the person or team it is about.", NULL, cli_compliment_passed },
   [COMPLIMENT_LIST] = { "compliment list", "[--since DATE] [--until DATE] [--team TEAM] [--unacknowledged]",
     "List compliments, those not yet acknowledged first, with the period's counts.",
     "--since and --until are UK dates, both included: a quarter is --since 2026-01-01\n"
     "--until 2026-03-31.", cli_compliment_list },
   { NULL, NULL, NULL, NULL, NULL },
};

static int cli_compliment_add(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_compliment_commands[COMPLIMENT_ADD];
   const char *from = NULL, *channel = NULL, *summary = NULL, *about_staff = NULL, *about_team = NULL,
              *received = NULL;
   const CliOption opts[] = { { "from", &from, NULL }, { "channel", &channel, NULL }, { "summary", &summary, NULL },
                              { "about-staff", &about_staff, NULL }, { "about-team", &about_team, NULL },
                              { "received", &received, NULL }, { "at", &received, NULL }, { NULL, NULL, NULL } };
   NewCompliment in = { RD_NO_INSTANT, NULL, NULL, NULL, NULL, NULL };
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0 || !cli_arg_instant(cmd, "--received", received,
                                                                           &in.received_at))
      return 2;
   in.channel = channel;
   in.from_name = from;
   in.about_login = about_staff;
   in.about_team = about_team;
   in.summary = summary;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   int64_t id;
   if (compliment_add(cli->session, &in, &id, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("#%lld compliment logged\n", (long long)id);
   return 0;
}

/* ack and passed: ID [--on DATE]. */
static int cli_compliment_step(Cli *cli, const CliCommand *cmd, int argc, char **argv,
                               RdStatus (*step)(Session *, int64_t, RdDate, RdError *)) {
   const char *pos[1], *on = NULL;
   const CliOption opts[] = { { "on", &on, NULL }, { NULL, NULL, NULL } };
   long id = 0;
   RdDate day = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_int(cmd, "ID", pos[0], 1, INT32_MAX, &id) ||
       !cli_arg_date(cmd, "--on", on, &day))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   return step(cli->session, id, day, &cli->err) == RD_OK ? 0 : cli_fail(cli);
}

static int cli_compliment_ack(Cli *cli, int argc, char **argv) {
   return cli_compliment_step(cli, &cli_compliment_commands[COMPLIMENT_ACK], argc, argv, compliment_acknowledge);
}

static int cli_compliment_passed(Cli *cli, int argc, char **argv) {
   return cli_compliment_step(cli, &cli_compliment_commands[COMPLIMENT_PASSED], argc, argv, compliment_passed_on);
}

/* Two lines of at most 80 columns before the summary: what came when, and its two steps. */
static void cli_compliment_print(const Compliment *c) {
   char when[RD_DATE_BUFSIZE], ack[RD_DATE_BUFSIZE] = "NOT YET", passed[RD_DATE_BUFSIZE] = "-", about[200];
   datetime_format_date(datetime_local_date(c->received_at), when);
   if (c->acknowledged_on != RD_NO_DATE)
      datetime_format_date(c->acknowledged_on, ack);
   if (c->passed_on_on != RD_NO_DATE)
      datetime_format_date(c->passed_on_on, passed);
   if (c->about_login)
      snprintf(about, sizeof about, "%s (%s)", c->about_login, c->about_team ? c->about_team : "");
   else
      snprintf(about, sizeof about, "%s team", c->about_team ? c->about_team : "");
   printf("#%-4lld %s %-12s ", (long long)c->id, when, c->channel);
   cli_put_column(stdout, about, 17);
   printf(" ack %-10s passed %s\n      from ", ack, passed);
   cli_put_text(stdout, c->from_name);
   fputs(": ", stdout);
   cli_put_text(stdout, c->summary);
   putchar('\n');
}

static int cli_compliment_list(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_compliment_commands[COMPLIMENT_LIST];
   const char *since = NULL, *until = NULL, *team = NULL;
   bool waiting = false;
   const CliOption opts[] = { { "since", &since, NULL }, { "until", &until, NULL }, { "team", &team, NULL },
                              { "unacknowledged", NULL, &waiting }, { NULL, NULL, NULL } };
   ComplimentFilter f = { RD_NO_DATE, RD_NO_DATE, NULL, false };
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0 || !cli_arg_date(cmd, "--since", since, &f.since) ||
       !cli_arg_date(cmd, "--until", until, &f.until))
      return 2;
   if (f.since != RD_NO_DATE && f.until != RD_NO_DATE && f.until < f.since)
      return cli_usage_error(cmd, "--until comes before --since: the period is empty");
   f.team = team;
   f.unacknowledged_only = waiting;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Compliment *list = NULL;
   size_t n = 0, unacknowledged = 0, not_passed = 0;
   if (compliment_list(cli->session, &f, &list, &n, &cli->err) != RD_OK)
      return cli_fail(cli);
   for (size_t i = 0; i < n; i++) {
      cli_compliment_print(&list[i]);
      unacknowledged += list[i].acknowledged_on == RD_NO_DATE;
      not_passed += list[i].passed_on_on == RD_NO_DATE;
   }
   printf("%zu compliment%s, %zu not acknowledged, %zu not passed on.\n", n, n == 1 ? "" : "s", unacknowledged,
          not_passed);
   compliment_free_list(list, n);
   return 0;
}
