/* cli: the command line. Each group of commands lives in its own cli_*.c file and
 * exports a table; cli.c dispatches to it. Private to src/. */
#ifndef REDRESS_CLI_H
#define REDRESS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "redress/error.h"
#include "redress/session.h"

typedef struct Cli {
   SessionOptions opts;
   Session *session;          /* started by cli_session() */
   RdError err;
} Cli;

typedef int (*CliRun)(Cli *cli, int argc, char **argv);

typedef struct CliCommand {
   const char *name;          /* one or two words: "due", "holidays list" */
   const char *args;          /* what follows, for usage lines */
   const char *summary;       /* one line */
   const char *help;          /* more, or NULL */
   CliRun run;
} CliCommand;

/* One option a command accepts: --name VALUE, --name=VALUE, or a flag. */
typedef struct CliOption {
   const char *name;
   const char **value;        /* set for options taking a value */
   bool *flag;                /* set for flags */
} CliOption;

/* The tables, each ended by an entry with a NULL name. */
extern const CliCommand cli_calendar_commands[];
extern const CliCommand cli_policy_commands[];
extern const CliCommand cli_db_commands[];
extern const CliCommand cli_case_commands[];
extern const CliCommand cli_action_commands[];
extern const CliCommand cli_people_commands[];
extern const CliCommand cli_compliment_commands[];
extern const CliCommand cli_ombudsman_commands[];
extern const CliCommand cli_learning_commands[];
extern const CliCommand cli_survey_commands[];
extern const CliCommand cli_report_commands[];
extern const CliCommand cli_privacy_commands[];

/* Parses argv (after the command words) against opts; positional arguments go to pos.
 * Returns how many positionals there were, or -1 after printing a usage message. */
int cli_parse(const CliCommand *cmd, int argc, char **argv, const CliOption *opts, const char **pos,
              int min_pos, int max_pos);

/* Starts the session (config, clock, calendar, policy) once; false after printing why. */
bool cli_session(Cli *cli);
/* Also opens the database; false after printing why. */
bool cli_store(Cli *cli);

/* Also finds the user in the staff table (see session_login); false after printing why. */
bool cli_actor(Cli *cli);

/* Prints "redress: message" for the failure and returns its exit code. */
int cli_fail(Cli *cli);
int cli_usage_error(const CliCommand *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Typed arguments: each prints a usage error and returns false when the text is wrong.
 * A NULL text leaves *out as it was. */
bool cli_arg_date(const CliCommand *cmd, const char *what, const char *text, RdDate *out);
bool cli_arg_instant(const CliCommand *cmd, const char *what, const char *text, RdInstant *out);
bool cli_arg_int(const CliCommand *cmd, const char *what, const char *text, long lo, long hi, long *out);

/* Writes text typed or imported by someone, with control characters made visible. */
void cli_put_text(FILE *out, const char *text);
/* The same on one line, fitted to exactly columns (cut with an ellipsis, padded with spaces). */
void cli_put_column(FILE *out, const char *text, size_t columns);

int cli_main(int argc, char **argv, bool *wants_screens, Cli *cli);

#endif
