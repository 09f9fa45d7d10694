/* fixture: sets up what the end-to-end tests need through the real core functions (staff,
 * the lifecycle engine), as a separate process committing to the database the screens
 * have open.
 *
 * usage: fixture DB NOW AS COMMAND ARGS...
 *   DB   the database; NOW the clock (as REDRESS_NOW); AS a login to act as, or '-'
 *   staff LOGIN NAME TEAM MANAGES GRADE ROLES TRAINED(yes|no)   add or update
 *   person NAME TENANCY                                          prints the id
 *   case PERSON CATEGORY SUMMARY KIND                            prints the reference
 *   ack REF DEFINITION
 *   respond REF DECISION REASONS                                 no remedy, no actions
 *   escalate REF
 *   assign REF STAGE LOGIN
 *   conflict REF LOGIN REASON
 *   anonymous                                                    logs an anonymous complaint
 *   rename LOGIN NEW                                             changes a staff login
 *   note REF TEXT                                                a note on the case
 *   restrict PERSON WHAT                                         a contact restriction (AS a manager)
 *   adjust PERSON KIND DETAIL                                    a reasonable adjustment
 *   action REF WHAT OWNER DUE                                    an outstanding action
 *   refer REF THEIR-REF                                          a Housing Ombudsman referral
 *   lesson REF LESSON IMPROVEMENT                                a lesson learned
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/learning.h"
#include "redress/ombudsman.h"
#include "redress/person.h"
#include "redress/session.h"
#include "redress/staff.h"
#include "redress/xalloc.h"

static int fixture_fail(const RdError *err) {
   fprintf(stderr, "fixture: %s\n", err->message);
   return 1;
}

static RdStatus fixture_staff(Session *s, char **a, RdError *err) {
   Staff st;
   bool exists = staff_by_login(s->store, a[0], &st, NULL) == RD_OK;
   if (!exists) {
      staff_init(&st);
      st.login = xstrdup(a[0]);
   }
   free(st.full_name);
   free(st.team);
   free(st.manages_team);
   st.full_name = xstrdup(a[1]);
   st.team = xstrdup(a[2]);
   st.manages_team = xstrdup(a[3]);
   st.grade = atoi(a[4]);
   RdStatus r = staff_parse_roles(a[5], &st.roles, err);
   bool trained = strcmp(a[6], "yes") == 0;
   st.complaints_trained_on = trained ? datetime_from_ymd(2025, 1, 10) : RD_NO_DATE;
   st.ombudsman_trained_on = trained ? datetime_from_ymd(2025, 2, 10) : RD_NO_DATE;
   if (r == RD_OK)
      r = exists ? staff_update(s->store, &s->me, &st, err) : staff_add(s->store, &s->me, &st, err);
   staff_clear(&st);
   return r;
}

static RdStatus fixture_rename(Session *s, char **a, RdError *err) {
   Staff st;
   RdStatus r = staff_by_login(s->store, a[0], &st, err);
   if (r != RD_OK)
      return r;
   free(st.login);
   st.login = xstrdup(a[1]);
   r = staff_update(s->store, &s->me, &st, err);
   staff_clear(&st);
   return r;
}

static RdStatus fixture_person(Session *s, char **a, RdError *err) {
   Person p;
   person_init(&p);
   free(p.name);
   free(p.tenancy_ref);
   p.name = xstrdup(a[0]);
   p.tenancy_ref = xstrdup(a[1]);
   RdStatus r = person_add(s->store, &s->me, &p, err);
   if (r == RD_OK)
      printf("%lld\n", (long long)p.id);
   person_clear(&p);
   return r;
}

static RdStatus fixture_restrict(Session *s, char **a, RdError *err) {
   Restriction r;
   restriction_init(&r);
   r.person_id = atoll(a[0]);
   r.restricts = xstrdup(a[1]);
   r.reason = xstrdup("repeated abusive calls to the office");
   r.approved_by = xstrdup("Pat Head");
   r.approver_role = APPROVER_HEAD_OF_SERVICE;
   r.starts_on = clock_today();
   r.review_on = datetime_add_months(clock_today(), 3);
   RdStatus st = restriction_add(s->store, &s->me, &r, err);
   restriction_clear(&r);
   return st;
}

static RdStatus fixture_adjust(Session *s, char **a, RdError *err) {
   Adjustment adj;
   adjustment_init(&adj);
   adj.person_id = atoll(a[0]);
   RdStatus st = adjustment_kind_parse(a[1], &adj.kind, err);
   adj.detail = xstrdup(a[2]);
   adj.review_on = datetime_add_months(clock_today(), 6);
   if (st == RD_OK)
      st = adjustment_add(s->store, &s->me, &adj, err);
   adjustment_clear(&adj);
   return st;
}

static RdStatus fixture_case(Session *s, char **a, bool anonymous, RdError *err) {
   NewComplaint in;
   memset(&in, 0, sizeof in);
   in.person_id = anonymous ? 0 : atoll(a[0]);
   in.anonymous = anonymous;
   in.channel = "phone";
   in.received_at = RD_NO_INSTANT;
   in.incident_on = RD_NO_DATE;
   in.category = anonymous ? "repairs" : a[1];
   in.summary = anonymous ? "An anonymous report" : a[2];
   RdStatus r = RD_OK;
   if (!anonymous)
      r = complaint_kind_parse(a[3], &in.triage, err);
   Complaint c;
   complaint_init(&c);
   if (r == RD_OK)
      r = complaint_new(s, &in, &c, err);
   if (r == RD_OK)
      printf("%s\n", c.ref);
   complaint_clear(&c);
   return r;
}

static RdStatus fixture_action(Session *s, char **a, RdError *err) {
   RdDate due;
   RdStatus st = datetime_parse_date(a[3], &due, err);
   return st == RD_OK ? action_add(s, a[0], a[1], a[2], due, NULL, err) : st;
}

static RdStatus fixture_run(Session *s, const char *cmd, char **a, int n, RdError *err) {
   struct {
      const char *name;
      int args;
   } known[] = { { "staff", 7 }, { "person", 2 }, { "case", 4 }, { "ack", 2 }, { "respond", 3 }, { "escalate", 1 },
                 { "assign", 3 }, { "conflict", 3 }, { "anonymous", 0 }, { "rename", 2 },
                 { "note", 2 }, { "restrict", 2 }, { "adjust", 3 }, { "action", 4 }, { "refer", 2 },
                 { "lesson", 3 } };
   for (size_t i = 0; i < sizeof known / sizeof *known; i++)
      if (strcmp(cmd, known[i].name) == 0 && n != known[i].args)
         return error_set(err, RD_EUSAGE, "%s takes %d arguments", cmd, known[i].args);
   if (strcmp(cmd, "staff") == 0)
      return fixture_staff(s, a, err);
   if (strcmp(cmd, "rename") == 0)
      return fixture_rename(s, a, err);
   if (strcmp(cmd, "person") == 0)
      return fixture_person(s, a, err);
   if (strcmp(cmd, "case") == 0)
      return fixture_case(s, a, false, err);
   if (strcmp(cmd, "anonymous") == 0)
      return fixture_case(s, a, true, err);
   if (strcmp(cmd, "ack") == 0)
      return complaint_acknowledge(s, a[0], 0, a[1], RD_NO_DATE, RD_NO_INSTANT, err);
   if (strcmp(cmd, "respond") == 0) {
      Response resp = { DECISION_NONE, a[2], true, true };
      RdStatus r = complaint_decision_parse(a[1], &resp.decision, err);
      return r == RD_OK ? complaint_respond(s, a[0], 0, &resp, RD_NO_INSTANT, err) : r;
   }
   if (strcmp(cmd, "escalate") == 0)
      return complaint_escalate(s, a[0], 0, NULL, NULL, RD_NO_INSTANT, err);
   if (strcmp(cmd, "assign") == 0)
      return complaint_assign(s, a[0], 0, atoi(a[1]), a[2], RD_NO_INSTANT, err);
   if (strcmp(cmd, "restrict") == 0)
      return fixture_restrict(s, a, err);
   if (strcmp(cmd, "adjust") == 0)
      return fixture_adjust(s, a, err);
   if (strcmp(cmd, "note") == 0)
      return complaint_contact(s, a[0], "note", NULL, a[1], RD_NO_INSTANT, err);
   if (strcmp(cmd, "action") == 0)
      return fixture_action(s, a, err);
   if (strcmp(cmd, "refer") == 0)
      return ombudsman_refer(s, a[0], a[1], RD_NO_DATE, NULL, err);
   if (strcmp(cmd, "lesson") == 0)
      return learning_add(s, a[0], a[1], a[2], RD_NO_INSTANT, NULL, err);
   if (strcmp(cmd, "conflict") == 0)
      return complaint_declare_conflict(s, a[0], a[1], a[2], RD_NO_INSTANT, err);
   return error_set(err, RD_EUSAGE, "unknown command %s", cmd);
}

int main(int argc, char **argv) {
   if (argc < 5) {
      fputs("usage: fixture DB NOW AS COMMAND ARGS...\n", stderr);
      return 2;
   }
   RdError err;
   error_clear(&err);
   SessionOptions opts;
   memset(&opts, 0, sizeof opts);
   opts.db_path = argv[1];
   opts.now = argv[2];
   opts.as_login = strcmp(argv[3], "-") == 0 ? NULL : argv[3];
   Session *s = NULL;
   RdStatus r = session_start(&opts, &s, &err);
   if (r == RD_OK)
      r = session_open_store(s, STORE_OPEN_EXISTING, &err);
   if (r == RD_OK)
      r = session_login(s, &err);
   if (r == RD_OK)
      r = fixture_run(s, argv[4], argv + 5, argc - 5, &err);
   session_end(s);
   return r == RD_OK ? 0 : fixture_fail(&err);
}
