/* screens: the curses application. The only entry point main.c calls. */
#ifndef REDRESS_SCREENS_H
#define REDRESS_SCREENS_H

#include "redress/session.h"

/* Runs the screens for the logged-in session (session_login done, store open) until the
 * user quits, the terminal goes away (SIGHUP, end of input) or SIGTERM arrives. Returns
 * the exit status: 0 on a normal end, 1 when the terminal cannot run the screens. */
int screens_run(Session *s);

#endif
