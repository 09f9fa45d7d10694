/* handover: a leaver's or an absent colleague's open cases and outstanding actions, given
 * to someone else one change at a time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "redress/action.h"
#include "redress/complaint.h"
#include "redress/handover.h"
#include "redress/staff.h"
#include "redress/store.h"
#include "redress/xalloc.h"

/* The open cases whose current stage from handles, and the stage, oldest first. */
static const char handover_cases_sql[] =
   "SELECT c.ref, c.stage FROM complaint c JOIN stage st ON st.complaint_id = c.id AND st.number = c.stage "
   "WHERE c.closed_at IS NULL AND st.handler_id = ?1 ORDER BY c.id";
/* Their outstanding actions, oldest first. */
static const char handover_actions_sql[] =
   "SELECT a.id, COALESCE(c.ref, '') FROM action a LEFT JOIN complaint c ON c.id = a.complaint_id "
   "WHERE a.done_on IS NULL AND a.owner_id = ?1 ORDER BY a.id";

void handover_clear(Handover *h) {
   free(h->items);
   memset(h, 0, sizeof *h);
}

static void handover_add(Handover *h, const char *ref, int stage, int64_t action_id) {
   h->items = xreallocarray(h->items, h->count + 1, sizeof *h->items);
   HandoverItem *it = &h->items[h->count++];
   memset(it, 0, sizeof *it);
   str_copy(it->ref, ref, sizeof it->ref);
   it->stage = stage;
   it->action_id = action_id;
   if (action_id)
      snprintf(it->what, sizeof it->what, "action #%lld%s%s%s", (long long)action_id, *ref ? " (" : "", ref,
               *ref ? ")" : "");
   else
      snprintf(it->what, sizeof it->what, "%s stage %d", ref, stage);
}

static void handover_settle(Handover *h, HandoverItem *it, bool moved, const char *why) {
   it->moved = moved;
   if (!moved)
      str_copy(it->why, why, sizeof it->why);
   moved ? h->moved++ : h->refused++;
}

static RdStatus handover_read_end(Session *s, sqlite3_stmt *stmt, int rc, RdError *err) {
   sqlite3_reset(stmt);
   return rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "reading the work to hand over");
}

/* The two people, checked before anything is tried. */
static RdStatus handover_people(Session *s, const char *from, const char *to, Staff *giver, Staff *taker,
                                RdError *err) {
   if (!from || !to || !*from || !*to)
      return error_set(err, RD_EUSAGE, "say whose work is handed over and to whom (two logins)");
   if (strcmp(from, to) == 0)
      return error_set(err, RD_EINPUT, "%s would hand over to themselves: name someone else", from);
   RdStatus st = staff_by_login(s->store, from, giver, err);
   if (st == RD_ENOTFOUND)
      return error_set(err, RD_EINPUT, "no member of staff has the login '%s'", from);
   if (st != RD_OK)
      return st;
   st = staff_by_login(s->store, to, taker, err);
   if (st == RD_ENOTFOUND)
      st = error_set(err, RD_EINPUT, "no member of staff has the login '%s' to take the work", to);
   else if (st == RD_OK && !taker->active)
      st = error_set(err, RD_ERULE, "%s is inactive and cannot take work on", to);
   return st;
}

/* The stages to move, read before any moves: each move changes what the query would find. */
static RdStatus handover_list_cases(Session *s, int64_t from_id, Handover *h, RdError *err) {
   sqlite3_stmt *stmt = store_stmt(s->store, handover_cases_sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, from_id);
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
      handover_add(h, store_column_text(stmt, 0), sqlite3_column_int(stmt, 1), 0);
   return handover_read_end(s, stmt, rc, err);
}

static RdStatus handover_list_actions(Session *s, int64_t from_id, Handover *h, RdError *err) {
   sqlite3_stmt *stmt = store_stmt(s->store, handover_actions_sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, from_id);
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
      handover_add(h, store_column_text(stmt, 1), 0, sqlite3_column_int64(stmt, 0));
   return handover_read_end(s, stmt, rc, err);
}

/* One case's stage: checked against the rules of assignment, then moved unless dry. */
static void handover_case(Session *s, const Staff *taker, bool dry_run, Handover *h, HandoverItem *it) {
   const char *ref = it->ref;
   int stage = it->stage;
   RdError err;
   char rule[280] = "", why[320] = "";
   Complaint c;
   complaint_init(&c);
   if (complaint_get(s, ref, &c, &err) != RD_OK)
      str_copy(why, err.message, sizeof why);
   else if (!complaint_handler_allowed(s, &c, stage, taker, rule, sizeof rule))
      snprintf(why, sizeof why, "%s %s", taker->login, rule);   /* "mo has declared a conflict..." */
   else if (!dry_run && complaint_assign(s, ref, c.version, stage, taker->login, RD_NO_INSTANT, &err) != RD_OK)
      str_copy(why, err.message, sizeof why);
   handover_settle(h, it, why[0] == '\0', why);
   complaint_clear(&c);
}

static void handover_action(Session *s, const Staff *taker, bool dry_run, Handover *h, HandoverItem *it) {
   RdError err;
   bool ok = dry_run || action_reassign(s, it->action_id, taker->login, &err) == RD_OK;
   handover_settle(h, it, ok, ok ? "" : err.message);
}

RdStatus handover_run(Session *s, const char *from, const char *to, bool dry_run, Handover *out, RdError *err) {
   memset(out, 0, sizeof *out);
   RdStatus st = lifecycle_require(s, ROLE_MANAGER, "hand over someone's cases and actions", err);
   if (st != RD_OK)
      return st;
   Staff giver, taker;
   memset(&giver, 0, sizeof giver);
   memset(&taker, 0, sizeof taker);
   st = handover_people(s, from, to, &giver, &taker, err);
   if (st == RD_OK)
      st = handover_list_cases(s, giver.id, out, err);
   if (st == RD_OK)
      st = handover_list_actions(s, giver.id, out, err);
   for (size_t i = 0; st == RD_OK && i < out->count; i++) {
      if (out->items[i].action_id)
         handover_action(s, &taker, dry_run, out, &out->items[i]);
      else
         handover_case(s, &taker, dry_run, out, &out->items[i]);
   }
   if (st != RD_OK)
      handover_clear(out);
   staff_clear(&giver);
   staff_clear(&taker);
   return st;
}
