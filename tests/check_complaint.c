/* The complaint lifecycle: every rule of the Code and the seeds that the state machine
 * enforces, each test named after the rule it guards. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/ombudsman.h"
#include "redress/xalloc.h"
#include "fixture.h"
#include "testutil.h"

static Session *s;
static RdError err;
static int64_t tenant_id;

/* Besides the fixture's office (desk, hal, mo, max, gone, root): the people whose grades,
 * teams and training the fairness rules of seed 001 turn on. */
static const FixStaff extra[] = {
   { "hana", "Hana Handler", "Housing", "", "handler", 3, true, false },
   { "newbie", "Ned New", "Housing", "", "handler", 4, true, true },
   { "rita", "Rita Repairs", "Repairs", "", "front-desk", 3, true, true },
   { "ray", "Ray Repairs-Manager", "Repairs", "Repairs", "handler,manager", 5, true, false },
   { "peer", "Pat Peer", "Housing", "", "manager", 3, true, false },
};

static void act_as(const char *login) {
   fix_act_as(login);
}

static int64_t count(const char *sql) {
   return fix_count(sql);
}

static void setup(void) {
   fix_setup_at("2026-03-02T09:00");
   s = fix_session;
   tenant_id = fix_tenant_id;
   for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
      fix_add_staff(&extra[i]);
}

static void teardown(void) {
   fix_teardown();
}

static NewComplaint typical(const char *received) {
   NewComplaint in = { .person_id = tenant_id, .channel = "phone", .received_at = T(received),
                       .incident_on = RD_NO_DATE, .category = "repairs",
                       .summary = "Boiler repair promised three times, never done", .triage = KIND_COMPLAINT };
   return in;
}

/* Logs a complaint as desk and returns its reference (a static buffer). */
static const char *log_complaint(NewComplaint in) {
   static char ref[16];
   Complaint c;
   complaint_init(&c);
   act_as("desk");
   ck_assert_msg(complaint_new(s, &in, &c, &err) == RD_OK, "%s", err.message);
   str_copy(ref, c.ref, sizeof ref);
   complaint_clear(&c);
   return ref;
}

static Complaint get(const char *ref) {
   Complaint c;
   complaint_init(&c);
   ck_assert_msg(complaint_get(s, ref, &c, &err) == RD_OK, "%s", err.message);
   return c;
}

static void ok(RdStatus st) {
   ck_assert_msg(st == RD_OK, "expected success, got %s: %s", error_status_name(st), err.message);
}

static void refused(RdStatus st, RdStatus want, const char *words) {
   ck_assert_msg(st == want, "expected %s, got %s: %s", error_status_name(want), error_status_name(st), err.message);
   ck_assert_msg(strstr(err.message, words) != NULL, "message \"%s\" lacks \"%s\"", err.message, words);
}

static void respond_none(const char *ref, const char *at) {
   Response r = { DECISION_UPHELD, "We failed to attend the repair", true, true };
   ok(complaint_respond(s, ref, 0, &r, T(at), &err));
}

/* A complaint carried to a stage 1 response by hal. */
static const char *responded_stage1(void) {
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Repair not done; wants it fixed", RD_NO_DATE, T("2026-01-06T10:00"), &err));
   respond_none(ref, "2026-01-12T10:00");
   return ref;
}

START_TEST(test_logging_gives_a_reference_that_can_be_read_out_over_the_phone) {
   const char *first = log_complaint(typical("2026-01-05T10:00"));
   ck_assert_str_eq(first, "C26-00001");
   const char *second = log_complaint(typical("2026-01-05T11:00"));
   ck_assert_str_eq(second, "C26-00002");
   Complaint c = get("c26-00002");
   ck_assert_str_eq(c.ref, "C26-00002");
   complaint_clear(&c);
}
END_TEST

/* Code 6.2: acknowledged within five working days of receipt, so the clock starts at
 * logging even before triage. */
START_TEST(test_code_6_2_acknowledgement_clock_starts_at_receipt_even_before_triage) {
   NewComplaint in = typical("2025-12-19T10:00");
   in.triage = KIND_UNTRIAGED;
   Complaint c = get(log_complaint(in));
   ck_assert_int_eq(c.kind, KIND_UNTRIAGED);
   ck_assert(c.stages[0].present);
   ck_assert_str_eq(fmt_date(c.stages[0].ack_due), "2025-12-30");
   ck_assert_str_eq(c.stages[0].policy, "ombudsman-2024");
   complaint_clear(&c);
}
END_TEST

START_TEST(test_received_after_closing_counts_from_the_next_working_day) {
   Complaint c = get(log_complaint(typical("2025-12-19T17:30")));
   ck_assert_str_eq(fmt_date(c.stages[0].start_on), "2025-12-22");
   ck_assert_str_eq(fmt_date(c.stages[0].ack_due), "2025-12-31");
   complaint_clear(&c);
}
END_TEST

/* Code 1.4-1.5: a service request is recorded without a complaint clock; when the
 * resident is unhappy with its handling it becomes a complaint, history kept. */
START_TEST(test_code_1_5_service_request_becomes_a_complaint_keeping_its_history) {
   NewComplaint in = typical("2026-01-05T10:00");
   in.triage = KIND_SERVICE_REQUEST;
   char ref[16];
   str_copy(ref, log_complaint(in), sizeof ref);
   Complaint c = get(ref);
   ck_assert_int_eq(c.kind, KIND_SERVICE_REQUEST);
   ck_assert(!c.stages[0].present);
   complaint_clear(&c);
   act_as("hal");
   refused(complaint_acknowledge(s, ref, 0, "x", RD_NO_DATE, T("2026-01-06T10:00"), &err), RD_ERULE,
           "not a complaint");
   ok(complaint_triage(s, ref, 0, KIND_COMPLAINT, NULL, NULL, NULL, T("2026-01-20T10:00"), &err));
   c = get(ref);
   ck_assert_int_eq(c.kind, KIND_COMPLAINT);
   ck_assert_str_eq(fmt_date(c.stages[0].start_on), "2026-01-20");
   ck_assert_str_eq(fmt_date(c.stages[0].ack_due), "2026-01-27");
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE complaint_id = 1"), 2);
   complaint_clear(&c);
}
END_TEST

/* Code 2.1-2.4: an exclusion carries a configured, recorded reason and closes the case
 * (a refusal kept for the annual report, never a deletion). */
START_TEST(test_code_2_exclusion_needs_a_configured_reason_and_is_kept_as_a_refusal) {
   NewComplaint in = typical("2026-01-05T10:00");
   in.triage = KIND_EXCLUDED;
   in.exclusion_code = "noise";
   act_as("desk");
   Complaint c;
   complaint_init(&c);
   refused(complaint_new(s, &in, &c, &err), RD_EINPUT, "configured list");
   ck_assert_int_eq(count("SELECT count(*) FROM complaint"), 0);
   in.exclusion_code = "legal-proceedings";
   in.exclusion_detail = "Claim filed at the county court on 2 December";
   ok(complaint_new(s, &in, &c, &err));
   ck_assert_int_eq(c.kind, KIND_EXCLUDED);
   ck_assert(!complaint_is_open(&c));
   ck_assert_int_eq(c.close_reason, CLOSE_EXCLUDED);
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE detail LIKE '%right to go to the Housing Ombudsman%'"), 1);
   complaint_clear(&c);
}
END_TEST

/* Seeds 000, 004: a complaint resolved at first contact is still logged. */
START_TEST(test_quick_resolution_at_first_contact_is_still_logged) {
   NewComplaint in = typical("2026-01-05T10:00");
   in.triage = KIND_QUICK;
   act_as("desk");
   Complaint c;
   complaint_init(&c);
   refused(complaint_new(s, &in, &c, &err), RD_EINPUT, "still logged");
   in.quick_summary = "Apologised and booked the repair for tomorrow";
   ok(complaint_new(s, &in, &c, &err));
   ck_assert_int_eq(c.close_reason, CLOSE_QUICK_RESOLUTION);
   ck_assert_str_eq(c.close_note, "Apologised and booked the repair for tomorrow");
   complaint_clear(&c);
}
END_TEST

/* Code 2.3 (twelve months): an older issue is flagged, and accepting it as a complaint
 * needs a recorded reason. */
START_TEST(test_code_2_3_issue_older_than_twelve_months_needs_a_recorded_reason) {
   NewComplaint in = typical("2026-01-05T10:00");
   in.incident_on = D("2024-12-20");
   act_as("desk");
   Complaint c;
   complaint_init(&c);
   refused(complaint_new(s, &in, &c, &err), RD_ERULE, "older than the policy's time limit of 12 months");
   ck_assert_int_eq(count("SELECT count(*) FROM complaint"), 0);
   in.accept_late = "Recurring leak reported every winter since 2023";
   ok(complaint_new(s, &in, &c, &err));
   ck_assert(c.out_of_time);
   ck_assert_str_eq(c.accepted_late_reason, "Recurring leak reported every winter since 2023");
   complaint_clear(&c);
   in.incident_on = D("2025-01-06");
   in.accept_late = NULL;
   ok(complaint_new(s, &in, &c, &err));
   ck_assert(!c.out_of_time);
   complaint_clear(&c);
}
END_TEST

/* Seed 004: six months, not twelve. */
START_TEST(test_seed_004_profile_flags_issues_older_than_six_months) {
   ok(session_policy(s, "three-ten-six-months", &s->policy, &err));
   NewComplaint in = typical("2026-01-05T10:00");
   in.incident_on = D("2025-06-30");
   act_as("desk");
   Complaint c;
   complaint_init(&c);
   refused(complaint_new(s, &in, &c, &err), RD_ERULE, "6 months");
   in.triage = KIND_UNTRIAGED;
   ok(complaint_new(s, &in, &c, &err));
   ck_assert(c.out_of_time);
   ck_assert_str_eq(c.policy, "three-ten-six-months");
   ck_assert_str_eq(fmt_date(c.stages[0].ack_due), "2026-01-08");
   complaint_clear(&c);
}
END_TEST

/* Code 6.2-6.3: the acknowledgement records the definition; the response is due 10
 * working days after it. */
START_TEST(test_code_6_2_acknowledgement_records_the_definition_and_sets_the_response_date) {
   const char *ref = log_complaint(typical("2025-12-19T10:00"));
   act_as("hal");
   refused(complaint_acknowledge(s, ref, 0, "", RD_NO_DATE, T("2025-12-22T10:00"), &err), RD_EINPUT, "definition");
   ok(complaint_acknowledge(s, ref, 0, "Boiler not repaired; wants it fixed and compensation", RD_NO_DATE,
                            T("2025-12-22T10:00"), &err));
   Complaint c = get(ref);
   ck_assert_str_eq(c.stages[0].definition, "Boiler not repaired; wants it fixed and compensation");
   ck_assert_str_eq(fmt_date(c.stages[0].response_due), "2026-01-08");
   ck_assert_str_eq(fmt_date(c.stages[0].extension_limit), "2026-01-22");
   ck_assert_int_eq(c.stages[0].handler_id, s->me.id);
   refused(complaint_acknowledge(s, ref, 0, "again", RD_NO_DATE, T("2025-12-23T10:00"), &err), RD_ERULE,
           "already acknowledged");
   complaint_clear(&c);
}
END_TEST

/* Code 6.6, 7.1: a response states the decision and reasons, and the remedies (or "none")
 * and outstanding actions (or "none"). */
START_TEST(test_response_needs_decision_reasons_remedies_and_outstanding_actions) {
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   act_as("hal");
   Response r = { DECISION_NONE, NULL, false, false };
   refused(complaint_respond(s, ref, 0, &r, T("2026-01-07T10:00"), &err), RD_ERULE, "acknowledge");
   ok(complaint_acknowledge(s, ref, 0, "Repair not done", RD_NO_DATE, T("2026-01-06T10:00"), &err));
   refused(complaint_respond(s, ref, 0, &r, T("2026-01-07T10:00"), &err), RD_EINPUT, "decision");
   r.decision = DECISION_PARTLY_UPHELD;
   refused(complaint_respond(s, ref, 0, &r, T("2026-01-07T10:00"), &err), RD_EINPUT, "reasons");
   r.reasons = "The first visit was missed; the second found no fault";
   refused(complaint_respond(s, ref, 0, &r, T("2026-01-07T10:00"), &err), RD_ERULE, "remedies");
   ok(remedy_add(s, ref, REMEDY_APOLOGY, "Apology for the missed visit", 0, RD_NO_DATE, NULL, &err));
   ok(remedy_add(s, ref, REMEDY_GOODWILL, "Goodwill payment", 5000, D("2026-01-20"), NULL, &err));
   refused(complaint_respond(s, ref, 0, &r, T("2026-01-07T10:00"), &err), RD_ERULE, "outstanding actions");
   ok(action_add(s, ref, "Replace the boiler", "hal", D("2026-02-06"), NULL, &err));
   r.no_actions = true;
   refused(complaint_respond(s, ref, 0, &r, T("2026-01-07T10:00"), &err), RD_EINPUT, "not true");
   r.no_actions = false;
   ok(complaint_respond(s, ref, 0, &r, T("2026-01-07T10:00"), &err));
   Complaint c = get(ref);
   ck_assert_int_eq(c.stages[0].decision, DECISION_PARTLY_UPHELD);
   ck_assert(complaint_is_open(&c));
   complaint_clear(&c);
}
END_TEST

/* Code 6.4-6.5: an extension states its reason and new date, and the resident is told
 * (with the Ombudsman's details) before it is recorded. */
START_TEST(test_code_6_4_extension_states_reason_and_date_and_the_resident_is_told) {
   const char *ref = log_complaint(typical("2025-12-19T10:00"));
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Repair not done", RD_NO_DATE, T("2025-12-22T10:00"), &err));
   refused(complaint_extend(s, ref, 0, D("2026-01-15"), NULL, true, NULL, T("2026-01-05T10:00"), &err), RD_EINPUT,
           "reason");
   refused(complaint_extend(s, ref, 0, D("2026-01-15"), "Waiting for the contractor's report", false, NULL,
                            T("2026-01-05T10:00"), &err), RD_ERULE, "Ombudsman");
   ok(complaint_extend(s, ref, 0, D("2026-01-15"), "Waiting for the contractor's report", true, NULL,
                       T("2026-01-05T10:00"), &err));
   Complaint c = get(ref);
   ck_assert_str_eq(fmt_date(c.stages[0].extended_to), "2026-01-15");
   ck_assert_str_eq(c.stages[0].extension_reason, "Waiting for the contractor's report");
   ck_assert_int_ne(c.stages[0].extension_told_at, RD_NO_INSTANT);
   complaint_clear(&c);
}
END_TEST

/* Code 6.4: no more than ten working days without good reason; beyond it only a
 * manager, recording the good reason. */
START_TEST(test_code_6_4_extension_beyond_the_limit_only_by_a_manager_with_good_reason) {
   const char *ref = log_complaint(typical("2025-12-19T10:00"));
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Repair not done", RD_NO_DATE, T("2025-12-22T10:00"), &err));
   refused(complaint_extend(s, ref, 0, D("2026-01-23"), "Contractor delay", true, "Specialist survey", T("2026-01-05T10:00"),
                            &err), RD_ERULE, "only a manager");
   act_as("mo");
   refused(complaint_extend(s, ref, 0, D("2026-01-23"), "Contractor delay", true, NULL, T("2026-01-05T10:00"), &err),
           RD_ERULE, "2026-01-22");
   ok(complaint_extend(s, ref, 0, D("2026-01-23"), "Contractor delay", true, "Specialist damp survey needed",
                       T("2026-01-05T10:00"), &err));
   Complaint c = get(ref);
   ck_assert(strstr(c.stages[0].extension_reason, "Specialist damp survey needed") != NULL);
   complaint_clear(&c);
}
END_TEST

/* Seed 000: the response should not exceed 20 working days from receipt. */
START_TEST(test_seed_000_extension_stops_at_twenty_working_days_from_receipt) {
   ok(session_policy(s, "five-ten-capped-twenty", &s->policy, &err));
   const char *ref = log_complaint(typical("2025-12-19T10:00"));
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Repair not done", RD_NO_DATE, T("2025-12-22T10:00"), &err));
   Complaint c = get(ref);
   ck_assert_str_eq(fmt_date(c.stages[0].response_due), "2026-01-07");
   ck_assert_str_eq(fmt_date(c.stages[0].extension_limit), "2026-01-21");
   complaint_clear(&c);
   ok(complaint_extend(s, ref, 0, D("2026-01-21"), "Survey", true, NULL, T("2026-01-05T10:00"), &err));
   refused(complaint_extend(s, ref, 0, D("2026-01-22"), "More", true, NULL, T("2026-01-06T10:00"), &err), RD_ERULE,
           "2026-01-21");
}
END_TEST

/* Seed 003: the response date is agreed with the complainant at acknowledgement. */
START_TEST(test_seed_003_agreed_resolution_date_is_given_at_acknowledgement) {
   ok(session_policy(s, "one-day-ack-agreed-dates", &s->policy, &err));
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   Complaint c = get(ref);
   ck_assert_str_eq(fmt_date(c.stages[0].ack_due), "2026-01-06");
   complaint_clear(&c);
   act_as("hal");
   refused(complaint_acknowledge(s, ref, 0, "Repair", RD_NO_DATE, T("2026-01-06T10:00"), &err), RD_ERULE, "agreed");
   ok(complaint_acknowledge(s, ref, 0, "Repair", D("2026-01-30"), T("2026-01-06T10:00"), &err));
   c = get(ref);
   ck_assert_str_eq(fmt_date(c.stages[0].response_due), "2026-01-30");
   complaint_clear(&c);
   /* An unacknowledged case waiting for its agreed date is not a fault for redress check. */
   log_complaint(typical("2026-01-07T10:00"));
   int problems = -1;
   FILE *devnull = fopen("/dev/null", "w");
   ok(store_check(s->store, devnull, &problems, &err));
   fclose(devnull);
   ck_assert_int_eq(problems, 0);
}
END_TEST

/* Seed 001: related new issues before the stage 1 response are folded into it; after
 * it, they are a new complaint, linked. */
START_TEST(test_seed_001_related_issue_before_the_response_is_folded_in) {
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   char new_ref[16];
   act_as("desk");
   ok(complaint_new_issue(s, ref, 0, "The radiator in the bedroom also leaks", true, T("2026-01-07T10:00"), new_ref,
                          &err));
   ck_assert_str_eq(new_ref, "");
   ck_assert_int_eq(count("SELECT count(*) FROM complaint"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE action = 'issue folded in'"), 1);
   ok(complaint_new_issue(s, ref, 0, "Rude contractor on the phone", false, T("2026-01-07T11:00"), new_ref, &err));
   ck_assert_str_eq(new_ref, "C26-00002");
   ck_assert_int_eq(count("SELECT count(*) FROM complaint_link WHERE kind = 'new-issue'"), 1);
}
END_TEST

START_TEST(test_seed_001_issue_after_the_stage1_response_becomes_a_new_linked_complaint) {
   char ref[16], new_ref[16];
   str_copy(ref, responded_stage1(), sizeof ref);
   ok(complaint_new_issue(s, ref, 0, "The same leak came back", true, T("2026-01-14T10:00"), new_ref, &err));
   ck_assert_str_eq(new_ref, "C26-00002");
   Complaint n = get(new_ref);
   ck_assert_int_eq(n.kind, KIND_COMPLAINT);
   ck_assert_int_eq(n.person_id, tenant_id);
   ck_assert_str_eq(fmt_date(n.stages[0].ack_due), "2026-01-21");
   complaint_clear(&n);
}
END_TEST

/* Code 6.10-6.12, seed 000: stage 2 follows the stage 1 response, on request, with no
 * reason needed; there is no skipping and no third stage (Code 5.2). */
START_TEST(test_code_6_12_escalation_needs_no_reason_and_follows_the_stage1_response) {
   const char *fresh = log_complaint(typical("2026-01-05T10:00"));
   act_as("desk");
   refused(complaint_escalate(s, fresh, 0, NULL, NULL, T("2026-01-06T10:00"), &err), RD_ERULE, "in order");
   char ref[16];
   str_copy(ref, responded_stage1(), sizeof ref);
   act_as("desk");
   ok(complaint_escalate(s, ref, 0, NULL, NULL, T("2026-01-19T10:00"), &err));
   Complaint c = get(ref);
   ck_assert_int_eq(c.stage, 2);
   ck_assert_str_eq(fmt_date(c.stages[1].ack_due), "2026-01-26");
   complaint_clear(&c);
   refused(complaint_escalate(s, ref, 0, NULL, NULL, T("2026-01-20T10:00"), &err), RD_ERULE, "no third stage");
}
END_TEST

/* Seed 004: escalation within 20 days of the response; later, a manager decides. */
START_TEST(test_seed_004_late_escalation_request_goes_to_a_manager) {
   ok(session_policy(s, "three-ten-six-months", &s->policy, &err));
   char ref[16];
   str_copy(ref, responded_stage1(), sizeof ref);
   act_as("desk");
   refused(complaint_escalate(s, ref, 0, NULL, NULL, T("2026-02-02T10:00"), &err), RD_ERULE, "2026-02-01");
   act_as("mo");
   refused(complaint_escalate(s, ref, 0, NULL, NULL, T("2026-02-02T10:00"), &err), RD_ERULE, "manager decides");
   ok(complaint_escalate(s, ref, 0, NULL, "Resident was in hospital", T("2026-02-02T10:00"), &err));
   Complaint c = get(ref);
   ck_assert(c.stages[1].late_request);
   complaint_clear(&c);
}
END_TEST

/* Seed 001, Code 2.4: declining to escalate needs a reason and ends with the route to
 * the Ombudsman; only a manager declines. */
START_TEST(test_seed_001_declining_escalation_needs_a_reason_and_a_manager) {
   char ref[16];
   str_copy(ref, responded_stage1(), sizeof ref);
   act_as("desk");
   ok(complaint_escalate(s, ref, 0, NULL, NULL, T("2026-01-19T10:00"), &err));
   act_as("hal");
   refused(complaint_decline(s, ref, 0, "Legal claim filed", T("2026-01-20T10:00"), &err), RD_EDENIED, "manager");
   act_as("mo");
   refused(complaint_decline(s, ref, 0, "", T("2026-01-20T10:00"), &err), RD_EINPUT, "Ombudsman");
   ok(complaint_decline(s, ref, 0, "A claim was filed at court on 15 January", T("2026-01-20T10:00"), &err));
   Complaint c = get(ref);
   ck_assert(!complaint_is_open(&c));
   ck_assert_int_eq(c.close_reason, CLOSE_ESCALATION_DECLINED);
   complaint_clear(&c);
}
END_TEST

static const char *escalated(void) {
   static char ref[16];
   str_copy(ref, responded_stage1(), sizeof ref);
   act_as("desk");
   ok(complaint_escalate(s, ref, 0, NULL, NULL, T("2026-01-19T10:00"), &err));
   act_as("max");
   return ref;
}

/* Code 6.13: stage 2 is considered by someone other than the stage 1 handler, however
 * senior they are. */
START_TEST(test_code_6_13_stage2_handler_is_not_the_stage1_handler) {
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   act_as("max");
   ok(complaint_acknowledge(s, ref, 0, "Repair not done", RD_NO_DATE, T("2026-01-06T10:00"), &err));
   respond_none(ref, "2026-01-12T10:00");
   ok(complaint_escalate(s, ref, 0, NULL, NULL, T("2026-01-19T10:00"), &err));
   refused(complaint_assign(s, ref, 0, 2, "max", T("2026-01-20T10:00"), &err), RD_ERULE, "Code 6.13");
   refused(complaint_acknowledge(s, ref, 0, "Review", RD_NO_DATE, T("2026-01-20T10:00"), &err), RD_ERULE,
           "Code 6.13");
}
END_TEST

/* Seed 001: a manager of a higher level than the stage 1 handler completes stage 2. */
START_TEST(test_seed_001_stage2_handler_is_more_senior_than_the_stage1_handler) {
   const char *ref = escalated();
   refused(complaint_assign(s, ref, 0, 2, "peer", T("2026-01-20T10:00"), &err), RD_ERULE, "not more senior");
   ok(complaint_assign(s, ref, 0, 2, "mo", T("2026-01-20T10:00"), &err));
   Complaint c = get(ref);
   Staff mo;
   ok(staff_by_login(s->store, "mo", &mo, &err));
   ck_assert_int_eq(c.stages[1].handler_id, mo.id);
   staff_clear(&mo);
   complaint_clear(&c);
}
END_TEST

/* Seed 001: handlers must have both the complaints training and the Ombudsman's. */
START_TEST(test_seed_001_handler_must_have_completed_both_trainings) {
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   act_as("mo");
   refused(complaint_assign(s, ref, 0, 1, "newbie", T("2026-01-06T10:00"), &err), RD_ERULE, "training");
   act_as("newbie");
   refused(complaint_acknowledge(s, ref, 0, "Repair", RD_NO_DATE, T("2026-01-06T10:00"), &err), RD_ERULE, "training");
}
END_TEST

/* Seed 001: not the person complained about, nor at their level; HR is told. */
START_TEST(test_seed_001_stage1_handler_is_neither_the_subject_nor_at_their_level) {
   NewComplaint in = typical("2026-01-05T10:00");
   Staff rita;
   ok(staff_by_login(s->store, "hana", &rita, &err));
   in.about_staff_id = rita.id;
   const char *ref = log_complaint(in);
   act_as("mo");
   refused(complaint_assign(s, ref, 0, 1, "hana", T("2026-01-06T10:00"), &err), RD_ERULE, "the person the complaint");
   refused(complaint_assign(s, ref, 0, 1, "hal", T("2026-01-06T10:00"), &err), RD_ERULE, "at or below the level");
   ok(complaint_assign(s, ref, 0, 1, "mo", T("2026-01-06T10:00"), &err));
   staff_clear(&rita);
}
END_TEST

/* Seed 001: a complaint about a member of staff is raised with HR. */
START_TEST(test_seed_001_complaint_about_named_staff_notifies_hr) {
   NewComplaint in = typical("2026-01-05T10:00");
   Staff rita;
   ok(staff_by_login(s->store, "rita", &rita, &err));
   in.about_staff_id = rita.id;
   log_complaint(in);
   ck_assert_int_eq(count("SELECT count(*) FROM action WHERE source = 'hr-notice' AND what LIKE '%Rita Repairs%'"),
                    1);
   ck_assert_int_eq(count("SELECT count(*) FROM event"), count("SELECT count(*) FROM staff") + 1);
   staff_clear(&rita);
}
END_TEST

/* Seed 001: about a team's service: not a handler of that team, but its manager may; a
 * declared conflict of interest rules anyone out. */
START_TEST(test_seed_001_team_complained_about_and_declared_conflicts_rule_handlers_out) {
   NewComplaint in = typical("2026-01-05T10:00");
   in.about_team = "Repairs";
   const char *ref = log_complaint(in);
   act_as("max");
   refused(complaint_assign(s, ref, 0, 1, "hal", T("2026-01-06T10:00"), &err), RD_ERULE, "team complained about");
   ok(complaint_declare_conflict(s, ref, "ray", "Ray's brother is the contractor", T("2026-01-06T10:00"), &err));
   refused(complaint_assign(s, ref, 0, 1, "ray", T("2026-01-06T10:00"), &err), RD_ERULE, "conflict of interest");
   ok(complaint_assign(s, ref, 0, 1, "hana", T("2026-01-06T10:00"), &err));
}
END_TEST

START_TEST(test_repairs_team_manager_may_take_a_complaint_about_the_team) {
   NewComplaint in = typical("2026-01-05T10:00");
   in.about_team = "Repairs";
   const char *ref = log_complaint(in);
   act_as("max");
   ok(complaint_assign(s, ref, 0, 1, "ray", T("2026-01-06T10:00"), &err));
}
END_TEST

/* Code 6.6: actions are tracked to completion, so "resolved" waits for them. */
START_TEST(test_code_6_6_closing_as_resolved_waits_for_outstanding_actions) {
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Repair", RD_NO_DATE, T("2026-01-06T10:00"), &err));
   int64_t action_id;
   ok(action_add(s, ref, "Replace the boiler", NULL, D("2026-03-06"), &action_id, &err));
   Response r = { DECISION_UPHELD, "Repair was missed", true, false };
   ok(complaint_respond(s, ref, 0, &r, T("2026-01-12T10:00"), &err));
   refused(complaint_close(s, ref, 0, CLOSE_RESOLVED, NULL, T("2026-01-13T10:00"), &err), RD_ERULE, "Code 6.6");
   ok(action_done(s, action_id, D("2026-03-02"), "Boiler replaced", &err));
   ok(complaint_close(s, ref, 0, CLOSE_RESOLVED, NULL, T("2026-03-02T08:00"), &err));
}
END_TEST

/* Seed 003: closed for no contact after 10 working days from raising, despite attempted
 * contact; other profiles do not close that way. */
START_TEST(test_seed_003_closure_for_no_contact_needs_attempts_and_ten_working_days) {
   const char *code_ref = log_complaint(typical("2026-01-05T10:00"));
   act_as("hal");
   refused(complaint_close(s, code_ref, 0, CLOSE_NO_CONTACT, NULL, T("2026-02-10T10:00"), &err), RD_ERULE,
           "does not close");
   ok(session_policy(s, "one-day-ack-agreed-dates", &s->policy, &err));
   char ref[16];
   str_copy(ref, log_complaint(typical("2026-01-05T10:00")), sizeof ref);
   act_as("hal");
   refused(complaint_close(s, ref, 0, CLOSE_NO_CONTACT, NULL, T("2026-01-26T10:00"), &err), RD_ERULE,
           "attempt to contact");
   ok(complaint_contact(s, ref, "out", "phone", "Called twice, no answer; left a voicemail", T("2026-01-09T10:00"),
                        &err));
   refused(complaint_close(s, ref, 0, CLOSE_NO_CONTACT, NULL, T("2026-01-16T10:00"), &err), RD_ERULE,
           "only 9 of the 10");
   ok(complaint_close(s, ref, 0, CLOSE_NO_CONTACT, NULL, T("2026-01-19T10:00"), &err));
}
END_TEST

/* A closed case reopens only by an Ombudsman order or a manager, with a reason; the order
 * must come from a referral recorded on that case, not any reference typed. */
START_TEST(test_reopening_needs_a_manager_or_an_ombudsman_order_of_the_case) {
   char ref[16];
   str_copy(ref, responded_stage1(), sizeof ref);
   ok(complaint_close(s, ref, 0, CLOSE_RESOLVED, NULL, T("2026-01-13T10:00"), &err));
   refused(complaint_reopen(s, ref, 0, "Resident called back", NULL, T("2026-01-20T10:00"), &err), RD_EDENIED,
           "manager");
   refused(complaint_reopen(s, ref, 0, "Order to reconsider", "HOS-202612345", T("2026-01-20T10:00"), &err),
           RD_ERULE, "ombudsman refer");
   ok(ombudsman_refer(s, ref, "HOS-202612345", D("2026-01-14"), NULL, &err));
   ok(complaint_reopen(s, ref, 0, "Order to reconsider", "hos-202612345", T("2026-01-20T10:00"), &err));
   ok(complaint_close(s, ref, 0, CLOSE_RESOLVED, NULL, T("2026-01-21T10:00"), &err));
   act_as("mo");
   ok(complaint_reopen(s, ref, 0, "Resident produced new evidence", NULL, T("2026-01-22T10:00"), &err));
}
END_TEST

/* Two people saving the same case: the second is refused with who changed it and when. */
START_TEST(test_second_save_over_a_newer_change_is_refused_with_who_and_when) {
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   Complaint seen = get(ref);
   act_as("hal");
   ok(complaint_acknowledge(s, ref, seen.version, "Repair not done", RD_NO_DATE, T("2026-01-06T10:00"), &err));
   act_as("mo");
   ok(complaint_contact(s, ref, "note", NULL, "Checked the file", T("2026-01-06T11:00"), &err));
   refused(complaint_extend(s, ref, seen.version, D("2026-01-30"), "Survey", true, NULL, T("2026-01-07T10:00"), &err),
           RD_ECONFLICT, "Mo Manager (mo)");
   ck_assert(strstr(err.message, "nothing of your change was saved") != NULL);
   Complaint now = get(ref);
   ck_assert_int_eq(now.stages[0].extended_to, RD_NO_DATE);
   complaint_clear(&now);
   complaint_clear(&seen);
}
END_TEST

/* Due dates are stored with the policy that computed them: changing the policy later
 * never moves an old deadline. */
START_TEST(test_due_dates_are_kept_with_their_policy_when_the_policy_changes) {
   const char *ref = log_complaint(typical("2025-12-19T10:00"));
   ok(session_policy(s, "three-ten-six-months", &s->policy, &err));
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Repair", RD_NO_DATE, T("2025-12-22T10:00"), &err));
   Complaint c = get(ref);
   ck_assert_str_eq(c.stages[0].policy, "ombudsman-2024");
   ck_assert_str_eq(fmt_date(c.stages[0].ack_due), "2025-12-30");
   ck_assert_str_eq(fmt_date(c.stages[0].response_due), "2026-01-08");
   complaint_clear(&c);
}
END_TEST

/* The role matrix is enforced in the core: a refused step changes nothing. */
START_TEST(test_front_desk_may_log_but_not_acknowledge_and_a_refusal_changes_nothing_but_is_kept) {
   const char *ref = log_complaint(typical("2026-01-05T10:00"));
   int64_t events = count("SELECT count(*) FROM event");
   act_as("desk");
   refused(complaint_acknowledge(s, ref, 0, "Repair", RD_NO_DATE, T("2026-01-06T10:00"), &err), RD_EDENIED,
           "handler");
   ck_assert_int_eq(count("SELECT count(*) FROM event"), events);
   ck_assert_int_eq(count("SELECT count(*) FROM stage WHERE acknowledged_at IS NOT NULL"), 0);
   ck_assert_int_eq(error_exit_code(RD_EDENIED), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM refusal WHERE actor = 'desk' AND doing = 'acknowledge a complaint' "
                          "AND reason LIKE '%needs the role handler,manager%'"), 1);
}
END_TEST

/* Every committed change writes exactly one audit event. */
START_TEST(test_every_committed_change_writes_exactly_one_audit_event) {
   int64_t before = count("SELECT count(*) FROM event");
   char ref[16];
   str_copy(ref, responded_stage1(), sizeof ref);
   ck_assert_int_eq(count("SELECT count(*) FROM event") - before, 3);
   ck_assert_int_eq(count("SELECT max(version) FROM complaint"), 4);
}
END_TEST

static Suite *complaint_suite(void) {
   Suite *su = suite_create("complaint");
   TCase *tc = tcase_create("lifecycle");
   tcase_set_timeout(tc, 30);
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_logging_gives_a_reference_that_can_be_read_out_over_the_phone);
   tcase_add_test(tc, test_code_6_2_acknowledgement_clock_starts_at_receipt_even_before_triage);
   tcase_add_test(tc, test_received_after_closing_counts_from_the_next_working_day);
   tcase_add_test(tc, test_code_1_5_service_request_becomes_a_complaint_keeping_its_history);
   tcase_add_test(tc, test_code_2_exclusion_needs_a_configured_reason_and_is_kept_as_a_refusal);
   tcase_add_test(tc, test_quick_resolution_at_first_contact_is_still_logged);
   tcase_add_test(tc, test_code_2_3_issue_older_than_twelve_months_needs_a_recorded_reason);
   tcase_add_test(tc, test_seed_004_profile_flags_issues_older_than_six_months);
   tcase_add_test(tc, test_code_6_2_acknowledgement_records_the_definition_and_sets_the_response_date);
   tcase_add_test(tc, test_response_needs_decision_reasons_remedies_and_outstanding_actions);
   tcase_add_test(tc, test_code_6_4_extension_states_reason_and_date_and_the_resident_is_told);
   tcase_add_test(tc, test_code_6_4_extension_beyond_the_limit_only_by_a_manager_with_good_reason);
   tcase_add_test(tc, test_seed_000_extension_stops_at_twenty_working_days_from_receipt);
   tcase_add_test(tc, test_seed_003_agreed_resolution_date_is_given_at_acknowledgement);
   tcase_add_test(tc, test_seed_001_related_issue_before_the_response_is_folded_in);
   tcase_add_test(tc, test_seed_001_issue_after_the_stage1_response_becomes_a_new_linked_complaint);
   tcase_add_test(tc, test_code_6_12_escalation_needs_no_reason_and_follows_the_stage1_response);
   tcase_add_test(tc, test_seed_004_late_escalation_request_goes_to_a_manager);
   tcase_add_test(tc, test_seed_001_declining_escalation_needs_a_reason_and_a_manager);
   tcase_add_test(tc, test_code_6_13_stage2_handler_is_not_the_stage1_handler);
   tcase_add_test(tc, test_seed_001_stage2_handler_is_more_senior_than_the_stage1_handler);
   tcase_add_test(tc, test_seed_001_handler_must_have_completed_both_trainings);
   tcase_add_test(tc, test_seed_001_stage1_handler_is_neither_the_subject_nor_at_their_level);
   tcase_add_test(tc, test_seed_001_complaint_about_named_staff_notifies_hr);
   tcase_add_test(tc, test_seed_001_team_complained_about_and_declared_conflicts_rule_handlers_out);
   tcase_add_test(tc, test_repairs_team_manager_may_take_a_complaint_about_the_team);
   tcase_add_test(tc, test_code_6_6_closing_as_resolved_waits_for_outstanding_actions);
   tcase_add_test(tc, test_seed_003_closure_for_no_contact_needs_attempts_and_ten_working_days);
   tcase_add_test(tc, test_reopening_needs_a_manager_or_an_ombudsman_order_of_the_case);
   tcase_add_test(tc, test_second_save_over_a_newer_change_is_refused_with_who_and_when);
   tcase_add_test(tc, test_due_dates_are_kept_with_their_policy_when_the_policy_changes);
   tcase_add_test(tc, test_front_desk_may_log_but_not_acknowledge_and_a_refusal_changes_nothing_but_is_kept);
   tcase_add_test(tc, test_every_committed_change_writes_exactly_one_audit_event);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(complaint_suite());
}
