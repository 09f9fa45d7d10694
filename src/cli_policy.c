/* cli_policy: policy show, policy list. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int cli_policy_show(Cli *cli, int argc, char **argv);
static int cli_policy_list(Cli *cli, int argc, char **argv);

const CliCommand cli_policy_commands[] = {
   { "policy show", "[NAME]", "Print a policy profile in plain English, stage by stage.",
     "Without NAME, the profile the configuration names (ombudsman-2024 by default).", cli_policy_show },
   { "policy list", "", "List the policy profiles that can be chosen in the configuration.", NULL,
     cli_policy_list },
   { NULL, NULL, NULL, NULL, NULL },
};

static int cli_policy_show(Cli *cli, int argc, char **argv) {
   const char *pos[1] = { NULL };
   int n = cli_parse(&cli_policy_commands[0], argc, argv, NULL, pos, 0, 1);
   if (n < 0)
      return 2;
   if (!cli_session(cli))
      return error_exit_code(cli->err.status);
   Policy p;
   if (n == 0) {
      p = cli->session->policy;
   } else if (session_policy(cli->session, pos[0], &p, &cli->err) != RD_OK) {
      return cli_fail(cli);
   }
   policy_describe(&p, stdout);
   return 0;
}

static int cli_policy_list(Cli *cli, int argc, char **argv) {
   if (cli_parse(&cli_policy_commands[1], argc, argv, NULL, NULL, 0, 0) < 0)
      return 2;
   if (!cli_session(cli))
      return error_exit_code(cli->err.status);
   Session *s = cli->session;
   size_t count;
   char **names = policy_list(s->config->policies_dir, s->datadir, &count);
   int rc = 0;
   for (size_t i = 0; i < count; i++) {
      Policy p;
      RdError err;
      if (session_policy(s, names[i], &p, &err) == RD_OK) {
         printf("%s%-34s %s\n", strcmp(names[i], s->policy.name) == 0 ? "* " : "  ", p.name, p.title);
      } else {
         fprintf(stderr, "redress: %s\n", err.message);
         rc = 2;
      }
      free(names[i]);
   }
   free(names);
   puts("\n* the profile in use. Choose another with 'policy = \"NAME\";' in redress.conf.");
   return rc;
}
