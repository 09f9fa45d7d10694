/* handover: when someone leaves or is away for long, a manager gives another member of
 * staff the open cases they handle and their outstanding actions, in one command. Each
 * case and action moves as its own change with its own audit event, through the same rules
 * as moving it by hand (complaint_assign, action_reassign); one the newcomer may not take
 * (the subject of the complaint, a declared conflict, not senior enough for stage 2) stays
 * where it is and is listed with the rule, while the others still move. No curses. */
#ifndef REDRESS_HANDOVER_H
#define REDRESS_HANDOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/error.h"
#include "redress/session.h"

typedef struct HandoverItem {
   char what[40];             /* "C25-00042 stage 1" or "action #12 (C25-00042)" */
   char ref[16];              /* the case: of the stage, or of the action ("" for none) */
   int stage;                 /* the stage moved; 0 for an action */
   int64_t action_id;         /* the action moved; 0 for a stage */
   bool moved;                /* moved, or would move in a dry run */
   char why[320];             /* why not, when it stays */
} HandoverItem;

typedef struct Handover {
   HandoverItem *items;       /* the cases first, then the actions, oldest first */
   size_t count;
   size_t moved, refused;
} Handover;

/* Moves (or with dry_run only checks) every open case whose current stage from handles and
 * every outstanding action from owns, to to. A manager's. RD_OK even when some items were
 * refused (they are in out); an error only when nothing could be tried: the role, an
 * unknown or inactive to, from and to the same. *out is the caller's: handover_clear. */
RdStatus handover_run(Session *s, const char *from, const char *to, bool dry_run, Handover *out, RdError *err);
void handover_clear(Handover *h);

#endif
