/* cli_calendar: due, workdays, holidays list, holidays import. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "redress/clock.h"
#include "redress/holidays.h"

static const char *const cli_weekday_names[] = { "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

static bool cli_division(Cli *cli, const CliCommand *cmd, const char *name, Division *out) {
   if (!name) {
      *out = cli->session->config->division;
      return true;
   }
   RdError err;
   if (calendar_division_parse(name, out, &err) != RD_OK) {
      cli_usage_error(cmd, "%s", err.message);
      return false;
   }
   return true;
}

static bool cli_date_arg(const CliCommand *cmd, const char *text, RdDate *out) {
   RdError err;
   if (datetime_parse_date(text, out, &err) != RD_OK) {
      cli_usage_error(cmd, "%s", err.message);
      return false;
   }
   return true;
}

static void cli_warn_unknown_years(const Calendar *cal, Division d, RdDate from, RdDate to) {
   if (calendar_knows_range(cal, d, from, to))
      return;
   int first = calendar_first_known_year(cal, d), last = calendar_last_known_year(cal, d);
   cli_warn("bank holidays for %s are known only for %d to %d; days outside those years were "
            "counted as if only weekends were holidays (import GOV.UK's list with 'redress holidays "
            "import')", calendar_division_name(d), first, last);
}

/* Opens the database when there is one, so holidays imported into it count too. */
static bool cli_calendar_session(Cli *cli) {
   if (!cli_session(cli))
      return false;
   if (session_open_store_if_present(cli->session, &cli->err) != RD_OK) {
      cli_fail(cli);
      return false;
   }
   return true;
}

static int cli_due(Cli *cli, int argc, char **argv);
static int cli_workdays(Cli *cli, int argc, char **argv);
static int cli_holidays_list(Cli *cli, int argc, char **argv);
static int cli_holidays_import(Cli *cli, int argc, char **argv);

const CliCommand cli_calendar_commands[] = {
   { "due", "DATE N [--division D]", "Print the date N working days after DATE (DATE is day 0).",
     "Working days are Monday to Friday that are not bank holidays of the division\n"
     "(england-and-wales, scotland or northern-ireland; the configured one by default).\n"
     "Example: redress due 2025-12-19 5   prints 2025-12-30.", cli_due },
   { "workdays", "FROM TO [--division D]", "Count the working days after FROM up to and including TO.",
     NULL, cli_workdays },
   { "holidays list", "[--division D] [--year Y|all]", "List the bank holidays redress knows.",
     "Without --year, the current year is listed.", cli_holidays_list },
   { "holidays import", "FILE", "Add the holidays of a GOV.UK bank-holidays.json file to the database.",
     "All three divisions are read; holidays already known are merged. A file that is not\n"
     "valid is refused with a message and nothing is changed.", cli_holidays_import },
   { NULL, NULL, NULL, NULL, NULL },
};

static bool cli_parse_count(const CliCommand *cmd, const char *text, int *out) {
   char *end;
   errno = 0;
   long v = strtol(text, &end, 10);
   if (errno || *end || end == text || v < 0 || v > 100000) {
      cli_usage_error(cmd, "'%s' is not a number of working days (0 to 100000)", text);
      return false;
   }
   *out = (int)v;
   return true;
}

static int cli_due(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_calendar_commands[0];
   const char *division = NULL, *pos[2];
   const CliOption opts[] = { { "division", &division, NULL }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0)
      return 2;
   RdDate start;
   int n;
   Division d;
   if (!cli_date_arg(cmd, pos[0], &start) || !cli_parse_count(cmd, pos[1], &n))
      return 2;
   if (!cli_calendar_session(cli))
      return error_exit_code(cli->err.status);
   if (!cli_division(cli, cmd, division, &d))
      return 2;
   RdDate due = calendar_add_workdays(cli->session->calendar, d, start, n);
   cli_warn_unknown_years(cli->session->calendar, d, start, due);
   char buf[RD_DATE_BUFSIZE];
   datetime_format_date(due, buf);
   puts(buf);
   return 0;
}

static int cli_workdays(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_calendar_commands[1];
   const char *division = NULL, *pos[2];
   const CliOption opts[] = { { "division", &division, NULL }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0)
      return 2;
   RdDate from, to;
   Division d;
   if (!cli_date_arg(cmd, pos[0], &from) || !cli_date_arg(cmd, pos[1], &to))
      return 2;
   if (!cli_calendar_session(cli))
      return error_exit_code(cli->err.status);
   if (!cli_division(cli, cmd, division, &d))
      return 2;
   cli_warn_unknown_years(cli->session->calendar, d, from, to);
   printf("%d\n", calendar_workdays_between(cli->session->calendar, d, from, to));
   return 0;
}

static int cli_holidays_list(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_calendar_commands[2];
   const char *division = NULL, *year_text = NULL, *pos[1];
   const CliOption opts[] = { { "division", &division, NULL }, { "year", &year_text, NULL },
                              { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 0, 0) < 0)
      return 2;
   if (!cli_calendar_session(cli))
      return error_exit_code(cli->err.status);
   Division d;
   if (!cli_division(cli, cmd, division, &d))
      return 2;
   int year = 0;
   if (!year_text) {
      datetime_to_ymd(clock_today(), &year, NULL, NULL);
   } else if (strcmp(year_text, "all") != 0) {
      char *end;
      long y = strtol(year_text, &end, 10);
      if (*end || y < 1900 || y > 2199)
         return cli_usage_error(cmd, "'%s' is not a year (or 'all')", year_text);
      year = (int)y;
   }
   const Calendar *cal = cli->session->calendar;
   size_t shown = 0;
   for (size_t i = 0; i < calendar_holiday_count(cal, d); i++) {
      const Holiday *h = calendar_holiday_at(cal, d, i);
      int y;
      datetime_to_ymd(h->date, &y, NULL, NULL);
      if (year && y != year)
         continue;
      char buf[RD_DATE_BUFSIZE];
      datetime_format_date(h->date, buf);
      printf("%s  %s  %s%s%s%s\n", buf, cli_weekday_names[datetime_weekday(h->date)], h->title,
             h->notes[0] ? " (" : "", h->notes, h->notes[0] ? ")" : "");
      shown++;
   }
   if (!shown) {
      fprintf(stderr, "redress: no bank holidays known for %s in %d (known: %d to %d)\n",
              calendar_division_name(d), year, calendar_first_known_year(cal, d),
              calendar_last_known_year(cal, d));
      return 1;
   }
   return 0;
}

static int cli_holidays_import(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_calendar_commands[3];
   const char *pos[1];
   if (cli_parse(cmd, argc, argv, NULL, pos, 1, 1) < 0)
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   HolidayImport result;
   Session *s = cli->session;
   if (holidays_import(s->store, s->calendar, pos[0], session_actor(s), &result, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("Read %zu bank holidays from %s: %zu new, %zu already known.\n", result.read, pos[0],
          result.added, result.known);
   for (int d = 0; d < DIVISION_COUNT; d++)
      printf("  %-18s known %d to %d\n", calendar_division_name((Division)d),
             calendar_first_known_year(s->calendar, (Division)d), calendar_last_known_year(s->calendar, (Division)d));
   return 0;
}
