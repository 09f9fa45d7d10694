/* main: the one place that knows both the core and the screens. It runs a subcommand,
 * or opens the screens when there is none. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <sys/stat.h>

#include "cli.h"
#include "redress/session.h"
#include "screens.h"

int main(int argc, char **argv) {
   setlocale(LC_ALL, "");
   /* Databases and letters hold personal data: nothing redress creates is for others. */
   umask(007);
   Cli cli = { 0 };
   bool wants_screens = false;
   int rc = cli_main(argc, argv, &wants_screens, &cli);
   /* Who you are is settled before curses starts, so a refusal is plain text. */
   if (wants_screens)
      rc = cli_actor(&cli) ? screens_run(cli.session) : error_exit_code(cli.err.status);
   session_end(cli.session);
   return rc;
}
