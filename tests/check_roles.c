/* The role matrix (issue 6: "enforced in the core, not only hidden in the screens, and
 * tested for every operation"): each operation tried by a front-desk worker, a handler, a
 * manager and an admin-only login. A role without the right is refused (exit status 1),
 * nothing changes, and the refusal is kept; a role with it is never refused for its role. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/action.h"
#include "redress/compliment.h"
#include "redress/complaint.h"
#include "redress/handover.h"
#include "redress/learning.h"
#include "redress/ombudsman.h"
#include "redress/person.h"
#include "redress/privacy.h"
#include "redress/report.h"
#include "redress/xalloc.h"
#include "fixture.h"
#include "testutil.h"

#define FD ROLE_FRONT_DESK
#define HD ROLE_HANDLER
#define MG ROLE_MANAGER
#define AD ROLE_ADMIN

/* One case per test, responded at stage 1 by hal, so every step has something to act on,
 * and an outstanding action of hal's on it. */
static char ref[16];
static int64_t hals_action;

typedef RdStatus (*Operation)(RdError *err);

typedef struct Row {
   const char *what;
   unsigned allowed;       /* the roles any of which allows it */
   Operation run;
} Row;

static Session *S(void) {
   return fix_session;
}

static RdStatus op_log(RdError *err) {
   NewComplaint in = { .person_id = fix_tenant_id, .channel = "phone", .received_at = RD_NO_INSTANT,
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = "Leak", .triage = KIND_COMPLAINT };
   return complaint_new(S(), &in, NULL, err);
}
static RdStatus op_triage(RdError *err) {
   return complaint_triage(S(), ref, 0, KIND_SERVICE_REQUEST, NULL, NULL, NULL, RD_NO_INSTANT, err);
}
static RdStatus op_ack(RdError *err) {
   return complaint_acknowledge(S(), ref, 0, "Leak", RD_NO_DATE, RD_NO_INSTANT, err);
}
static RdStatus op_extend(RdError *err) {
   return complaint_extend(S(), ref, 0, D("2026-03-20"), "Survey", true, NULL, RD_NO_INSTANT, err);
}
static RdStatus op_respond(RdError *err) {
   Response r = { DECISION_UPHELD, "Late", true, true };
   return complaint_respond(S(), ref, 0, &r, RD_NO_INSTANT, err);
}
static RdStatus op_issue(RdError *err) {
   char n[16];
   return complaint_new_issue(S(), ref, 0, "Another leak", false, RD_NO_INSTANT, n, err);
}
static RdStatus op_escalate(RdError *err) {
   return complaint_escalate(S(), ref, 0, NULL, NULL, RD_NO_INSTANT, err);
}
static RdStatus op_decline(RdError *err) {
   return complaint_decline(S(), ref, 0, "Court claim filed", RD_NO_INSTANT, err);
}
static RdStatus op_assign(RdError *err) {
   return complaint_assign(S(), ref, 0, 1, "mo", RD_NO_INSTANT, err);
}
static RdStatus op_conflict(RdError *err) {
   return complaint_declare_conflict(S(), ref, "mo", "Neighbour", RD_NO_INSTANT, err);
}
static RdStatus op_close(RdError *err) {
   return complaint_close(S(), ref, 0, CLOSE_WITHDRAWN, "Resident withdrew", RD_NO_INSTANT, err);
}
static RdStatus op_reopen(RdError *err) {
   return complaint_reopen(S(), ref, 0, "New evidence", NULL, RD_NO_INSTANT, err);
}
static RdStatus op_contact(RdError *err) {
   return complaint_contact(S(), ref, "out", "phone", "Called", RD_NO_INSTANT, err);
}
static RdStatus op_action(RdError *err) {
   return action_add(S(), ref, "Fix the leak", "hal", D("2026-03-20"), NULL, err);
}
static RdStatus op_reassign(RdError *err) {
   return action_reassign(S(), hals_action, "mo", err);
}
static RdStatus op_handover(RdError *err) {
   Handover h;
   RdStatus st = handover_run(S(), "hal", "mo", false, &h, err);
   if (st == RD_OK)
      handover_clear(&h);
   return st;
}
static RdStatus op_remedy(RdError *err) {
   return remedy_add(S(), ref, REMEDY_APOLOGY, "Sorry", 0, RD_NO_DATE, NULL, err);
}
static RdStatus op_staff_add(RdError *err) {
   Staff st;
   staff_init(&st);
   st.login = xstrdup("newcomer");
   st.full_name = xstrdup("New Comer");
   st.roles = FD;
   RdStatus r = staff_add(S()->store, &S()->me, &st, err);
   staff_clear(&st);
   return r;
}
static RdStatus op_restrict(RdError *err) {
   Restriction r = { .person_id = fix_tenant_id, .restricts = (char *)(uintptr_t)"one named contact",
                     .reason = (char *)(uintptr_t)"Abusive calls", .approved_by = (char *)(uintptr_t)"Ann Head",
                     .approver_role = APPROVER_HEAD_OF_SERVICE, .starts_on = D("2026-03-02"), .review_on = D("2026-06-02"),
                     .ended_on = RD_NO_DATE };
   return restriction_add(S()->store, &S()->me, &r, err);
}
static RdStatus op_report(RdError *err) {
   return report_require(S(), err);
}
static RdStatus op_export_person(RdError *err) {
   FILE *out = fopen("/dev/null", "w");
   RdStatus r = privacy_export(S(), fix_tenant_id, PRIVACY_TEXT, NULL, out, err);
   fclose(out);
   return r;
}
static RdStatus op_retention(RdError *err) {
   RetentionPlan plan;
   memset(&plan, 0, sizeof plan);
   RdStatus r = privacy_retention(S(), D("2020-01-01"), true, &plan, err);
   privacy_retention_clear(&plan);
   return r;
}
static RdStatus op_determine(RdError *err) {
   return ombudsman_determine(S(), "HOS-1", DETERMINATION_MALADMINISTRATION, RD_NO_DATE, err);
}
static RdStatus op_lesson(RdError *err) {
   return learning_add(S(), ref, "Book visits", "Text reminders", RD_NO_INSTANT, NULL, err);
}
static RdStatus op_compliment(RdError *err) {
   NewCompliment in = { .received_at = RD_NO_INSTANT, .channel = "email", .from_name = "Jo", .about_login = "hal",
                        .summary = "Thanks" };
   return compliment_add(S(), &in, NULL, err);
}

static const Row matrix[] = {
   { "log a complaint", FD | HD | MG, op_log },
   { "triage", FD | HD | MG, op_triage },
   { "acknowledge", HD | MG, op_ack },
   { "extend", HD | MG, op_extend },
   { "respond", HD | MG, op_respond },
   { "record a new issue", FD | HD | MG, op_issue },
   { "record a request to escalate", FD | HD | MG, op_escalate },
   { "decline an escalation", MG, op_decline },
   { "assign a handler", MG, op_assign },
   { "declare a conflict of interest", FD | HD | MG, op_conflict },
   { "close a case", HD | MG, op_close },
   { "reopen without an Ombudsman order", MG, op_reopen },
   { "record a contact", FD | HD | MG, op_contact },
   { "add an outstanding action", HD | MG, op_action },
   { "record a remedy", HD | MG, op_remedy },
   { "give an outstanding action to someone else", HD | MG, op_reassign },
   { "hand over someone's cases and actions", MG, op_handover },
   { "add staff", AD, op_staff_add },
   { "record a contact restriction", MG, op_restrict },
   { "see reports", MG | AD, op_report },
   { "export everything held about a person", MG | AD, op_export_person },
   { "run retention", AD, op_retention },
   { "record an Ombudsman determination", MG, op_determine },
   { "record a lesson", HD | MG, op_lesson },
   { "log a compliment", FD | HD | MG | AD, op_compliment },
};

static const struct {
   const char *login;
   unsigned roles;
} people[] = {
   { "desk", FD }, { "hal", HD }, { "max", MG }, { "root", AD },
};

static void setup(void) {
   fix_setup_at("2026-03-02T09:00");
   str_copy(ref, fix_responded("2026-02-02T10:00", "2026-02-09T10:00", NULL), sizeof ref);
   fix_act_as("hal");
   fix_ok(action_add(fix_session, ref, "Send the surveyor", "hal", D("2026-03-20"), &hals_action, &fix_err));
}

static void teardown(void) {
   fix_teardown();
}

START_TEST(test_every_operation_is_allowed_or_refused_by_role_in_the_core) {
   const Row *row = &matrix[_i / 4];
   const char *login = people[_i % 4].login;
   bool allowed = (row->allowed & people[_i % 4].roles) != 0;
   fix_act_as(login);
   int64_t events = fix_count("SELECT count(*) FROM event");
   int64_t refusals = fix_count("SELECT count(*) FROM refusal");
   RdError err;
   error_clear(&err);
   RdStatus st = row->run(&err);
   if (!allowed) {
      ck_assert_msg(st == RD_EDENIED, "%s as %s should be refused for the role, was %s: %s", row->what, login,
                    error_status_name(st), err.message);
      ck_assert_int_eq(error_exit_code(st), 1);
      ck_assert_msg(fix_count("SELECT count(*) FROM event") == events, "%s as %s changed something", row->what, login);
      ck_assert_msg(fix_count("SELECT count(*) FROM refusal") == refusals + 1, "%s as %s: the refusal is not kept",
                    row->what, login);
   } else {
      ck_assert_msg(!(st == RD_EDENIED && strstr(err.message, "role")), "%s as %s was refused for the role: %s",
                    row->what, login, err.message);
   }
}
END_TEST

static Suite *roles_suite(void) {
   Suite *s = suite_create("roles");
   TCase *tc = tcase_create("matrix");
   tcase_set_timeout(tc, 60);
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_loop_test(tc, test_every_operation_is_allowed_or_refused_by_role_in_the_core, 0,
                       (int)(sizeof matrix / sizeof *matrix * 4));
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(roles_suite());
}
