/* cli: global options, dispatch, help and the shared helpers of every command. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "redress/text.h"
#include "redress/xalloc.h"

static const CliCommand *const cli_groups[] = {
   cli_db_commands,
   cli_case_commands,
   cli_action_commands,
   cli_compliment_commands,
   cli_ombudsman_commands,
   cli_learning_commands,
   cli_survey_commands,
   cli_report_commands,
   cli_calendar_commands,
   cli_policy_commands,
   cli_people_commands,
   cli_privacy_commands,
};
#define CLI_GROUP_COUNT (sizeof cli_groups / sizeof *cli_groups)

void cli_warn(const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   fputs("redress: warning: ", stderr);
   vfprintf(stderr, fmt, ap);
   fputc('\n', stderr);
   va_end(ap);
}

int cli_fail(Cli *cli) {
   fprintf(stderr, "redress: %s\n", cli->err.message[0] ? cli->err.message : error_status_name(cli->err.status));
   return error_exit_code(cli->err.status);
}

static void cli_print_command_usage(FILE *out, const CliCommand *cmd) {
   fprintf(out, "usage: redress %s%s%s\n", cmd->name, cmd->args && *cmd->args ? " " : "",
           cmd->args ? cmd->args : "");
}

int cli_usage_error(const CliCommand *cmd, const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   fputs("redress: ", stderr);
   vfprintf(stderr, fmt, ap);
   fputc('\n', stderr);
   va_end(ap);
   if (cmd) {
      cli_print_command_usage(stderr, cmd);
      fprintf(stderr, "Try 'redress %s --help' for more.\n", cmd->name);
   }
   return 2;
}

static void cli_print_command_help(const CliCommand *cmd) {
   cli_print_command_usage(stdout, cmd);
   printf("\n%s\n", cmd->summary);
   if (cmd->help)
      printf("\n%s\n", cmd->help);
   puts("\nGlobal options: --db PATH, --config PATH, --now DATETIME, --as LOGIN (admins), --read-only.");
}

static void cli_print_overview(FILE *out) {
   fputs("usage: redress [--db PATH] [--config PATH] [--now DATETIME] [--read-only] [COMMAND [SUBCOMMAND]]\n"
         "               [options]\n"
         "\nWith no command, redress opens its screens.\n\nCommands:\n", out);
   for (size_t g = 0; g < CLI_GROUP_COUNT; g++)
      for (const CliCommand *c = cli_groups[g]; c->name; c++)
         fprintf(out, "  %-22s %s\n", c->name, c->summary);
   fputs("\nEvery command takes --help. Exit status: 0 done, 1 refused by a rule, 2 bad usage or\n"
         "input, 3 the database or a file failed. See redress(1).\n", out);
}

bool cli_session(Cli *cli) {
   if (cli->session)
      return true;
   if (session_start(&cli->opts, &cli->session, &cli->err) == RD_OK)
      return true;
   cli_fail(cli);
   return false;
}

bool cli_store(Cli *cli) {
   if (!cli_session(cli))
      return false;
   if (session_open_store(cli->session, STORE_OPEN_EXISTING, &cli->err) == RD_OK)
      return true;
   cli_fail(cli);
   return false;
}

bool cli_actor(Cli *cli) {
   if (!cli_store(cli))
      return false;
   if (session_login(cli->session, &cli->err) == RD_OK)
      return true;
   cli_fail(cli);
   return false;
}

bool cli_arg_date(const CliCommand *cmd, const char *what, const char *text, RdDate *out) {
   RdError err;
   if (!text)
      return true;
   if (datetime_parse_date(text, out, &err) == RD_OK)
      return true;
   cli_usage_error(cmd, "%s: %s", what, err.message);
   return false;
}

bool cli_arg_instant(const CliCommand *cmd, const char *what, const char *text, RdInstant *out) {
   RdError err;
   if (!text)
      return true;
   if (datetime_parse_instant(text, out, &err) == RD_OK)
      return true;
   cli_usage_error(cmd, "%s: %s", what, err.message);
   return false;
}

bool cli_arg_int(const CliCommand *cmd, const char *what, const char *text, long lo, long hi, long *out) {
   if (!text)
      return true;
   char *end;
   long v = strtol(text, &end, 10);
   if (*text && !*end && v >= lo && v <= hi) {
      *out = v;
      return true;
   }
   cli_usage_error(cmd, "%s: '%s' is not a whole number from %ld to %ld", what, text, lo, hi);
   return false;
}

void cli_put_text(FILE *out, const char *text) {
   char *visible = text_visible(text ? text : "", TEXT_KEEP_NEWLINE);
   fputs(visible, out);
   free(visible);
}

void cli_put_column(FILE *out, const char *text, size_t columns) {
   char *visible = text_visible(text ? text : "", 0);
   char *fitted = text_fit(visible, columns, TEXT_ELLIPSIS);
   fputs(fitted, out);
   free(fitted);
   free(visible);
}

static const CliOption *cli_find_option(const CliOption *opts, const char *name, size_t len) {
   for (const CliOption *o = opts; o && o->name; o++)
      if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
         return o;
   return NULL;
}

int cli_parse(const CliCommand *cmd, int argc, char **argv, const CliOption *opts, const char **pos,
              int min_pos, int max_pos) {
   int npos = 0;
   bool options_done = false;
   for (int i = 0; i < argc; i++) {
      const char *a = argv[i];
      if (!options_done && strcmp(a, "--") == 0) {
         options_done = true;
         continue;
      }
      if (options_done || strncmp(a, "--", 2) != 0) {
         if (npos >= max_pos)
            return cli_usage_error(cmd, "unexpected argument '%s'", a), -1;
         pos[npos++] = a;
         continue;
      }
      const char *name = a + 2;
      const char *eq = strchr(name, '=');
      size_t len = eq ? (size_t)(eq - name) : strlen(name);
      const CliOption *o = cli_find_option(opts, name, len);
      if (!o)
         return cli_usage_error(cmd, "unknown option '--%.*s'", (int)len, name), -1;
      if (o->flag) {
         if (eq)
            return cli_usage_error(cmd, "--%s takes no value", o->name), -1;
         *o->flag = true;
      } else if (eq) {
         *o->value = eq + 1;
      } else if (i + 1 < argc) {
         *o->value = argv[++i];
      } else {
         return cli_usage_error(cmd, "--%s needs a value", o->name), -1;
      }
   }
   if (npos < min_pos)
      return cli_usage_error(cmd, "missing argument%s", min_pos - npos > 1 ? "s" : ""), -1;
   return npos;
}

/* Takes the global options out of argv wherever they stand; returns the new argc. */
static int cli_take_globals(Cli *cli, int argc, char **argv, bool *bad) {
   static const struct { const char *name; size_t offset; } globals[] = {
      { "db", offsetof(SessionOptions, db_path) },
      { "config", offsetof(SessionOptions, config_path) },
      { "now", offsetof(SessionOptions, now) },
      { "as", offsetof(SessionOptions, as_login) },
   };
   int out = 1;
   bool rest = false;
   for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
      if (strcmp(argv[i], "--read-only") == 0)
         cli->opts.read_only = true;
   for (int i = 1; i < argc; i++) {
      const char *a = argv[i];
      if (rest || strncmp(a, "--", 2) != 0) {
         argv[out++] = argv[i];
         continue;
      }
      if (strcmp(a, "--read-only") == 0)
         continue;
      if (strcmp(a, "--") == 0) {
         rest = true;
         argv[out++] = argv[i];
         continue;
      }
      bool matched = false;
      for (size_t g = 0; g < sizeof globals / sizeof *globals && !matched; g++) {
         size_t len = strlen(globals[g].name);
         if (strncmp(a + 2, globals[g].name, len) != 0 || (a[2 + len] != '\0' && a[2 + len] != '='))
            continue;
         matched = true;
         const char **slot = (const char **)(void *)((char *)&cli->opts + globals[g].offset);
         if (a[2 + len] == '=') {
            *slot = a + 3 + len;
         } else if (i + 1 < argc) {
            *slot = argv[++i];
         } else {
            fprintf(stderr, "redress: --%s needs a value\n", globals[g].name);
            *bad = true;
         }
      }
      if (!matched)
         argv[out++] = argv[i];
   }
   argv[out] = NULL;
   return out;
}

static bool cli_is_help(const char *a) {
   return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* The command named by the first one or two words of argv; *words says how many. */
static const CliCommand *cli_lookup(int argc, char **argv, int *words) {
   for (size_t g = 0; g < CLI_GROUP_COUNT; g++) {
      for (const CliCommand *c = cli_groups[g]; c->name; c++) {
         const char *space = strchr(c->name, ' ');
         if (!space && strcmp(c->name, argv[0]) == 0) {
            *words = 1;
            return c;
         }
         if (space && argc > 1 && strncmp(c->name, argv[0], (size_t)(space - c->name)) == 0 &&
             argv[0][space - c->name] == '\0' && strcmp(space + 1, argv[1]) == 0) {
            *words = 2;
            return c;
         }
      }
   }
   return NULL;
}

/* "redress holidays" with no or an unknown subcommand: list what there is. */
static bool cli_group_overview(const char *word, FILE *out) {
   size_t len = strlen(word);
   bool any = false;
   for (size_t g = 0; g < CLI_GROUP_COUNT; g++) {
      for (const CliCommand *c = cli_groups[g]; c->name; c++) {
         if (strncmp(c->name, word, len) == 0 && c->name[len] == ' ') {
            if (!any)
               fprintf(out, "redress %s: subcommands\n", word);
            any = true;
            fprintf(out, "  redress %s %s\n      %s\n", c->name, c->args ? c->args : "", c->summary);
         }
      }
   }
   return any;
}

int cli_main(int argc, char **argv, bool *wants_screens, Cli *cli) {
   bool bad = false;
   argc = cli_take_globals(cli, argc, argv, &bad);
   *wants_screens = false;
   if (bad)
      return 2;
   if (argc < 2) {
      *wants_screens = true;
      return 0;
   }
   if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
      cli_print_overview(stdout);
      return 0;
   }
   if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
      printf("redress %s (database schema version %d)\n", PACKAGE_VERSION, store_schema_version());
      return 0;
   }
   int words = 0;
   const CliCommand *cmd = cli_lookup(argc - 1, argv + 1, &words);
   if (!cmd) {
      bool group = cli_group_overview(argv[1], argc > 2 && !cli_is_help(argv[2]) ? stderr : stdout);
      if (group && (argc == 2 || cli_is_help(argv[2])))
         return argc == 2 ? 2 : 0;
      if (group)
         return cli_usage_error(NULL, "'%s %s' is not a command", argv[1], argv[2]);
      return cli_usage_error(NULL, "'%s' is not a command: try 'redress help'", argv[1]);
   }
   for (int i = 1 + words; i < argc; i++) {
      if (strcmp(argv[i], "--") == 0)
         break;
      if (cli_is_help(argv[i])) {
         cli_print_command_help(cmd);
         return 0;
      }
   }
   return cmd->run(cli, argc - 1 - words, argv + 1 + words);
}
