/* Housing Ombudsman referrals, determinations and orders (seeds 000, 002; domain section 5). */
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

static void setup(void) {
   fix_setup_at("2026-06-01T09:00");
}

/* A closed stage 1 complaint referred on 2026-03-02 under their reference. */
static const char *referred(const char *their_ref) {
   static char ref[16];
   str_copy(ref, fix_responded("2026-01-05T10:00", "2026-01-12T10:00", "2026-01-20T10:00"), sizeof ref);
   fix_act_as("hal");
   fix_ok(ombudsman_refer(fix_session, ref, their_ref, D("2026-03-02"), NULL, &fix_err));
   return ref;
}

/* Referred, and determined as maladministration on 2026-05-11 by mo. */
static const char *determined(const char *their_ref) {
   const char *ref = referred(their_ref);
   fix_act_as("mo");
   fix_ok(ombudsman_determine(fix_session, their_ref, DETERMINATION_MALADMINISTRATION, D("2026-05-11"), &fix_err));
   return ref;
}

static OmbudsmanReferral get(const char *their_ref) {
   OmbudsmanReferral r;
   fix_ok(ombudsman_get(fix_session, their_ref, &r, &fix_err));
   return r;
}

/* Seed 002 5.4: "At any point during the complaints process, tenants have the right to refer
 * their complaint to the Housing Ombudsman". */
START_TEST(test_seed_002_referral_may_be_recorded_at_any_stage_of_the_complaint) {
   const char *ref = fix_log(fix_tenant_id, "2026-05-20T10:00");
   fix_act_as("hal");
   int64_t id = 0;
   fix_ok(ombudsman_refer(fix_session, ref, "202612345", D("2026-05-28"), &id, &fix_err));
   ck_assert_int_gt(id, 0);
   OmbudsmanReferral r = get("202612345");
   ck_assert_str_eq(r.ref, ref);
   ck_assert_str_eq(fmt_date(r.referred_on), "2026-05-28");
   ck_assert_int_eq(r.determination, DETERMINATION_NONE);
   ck_assert_uint_eq(r.order_count, 0);
   /* The event says when; the Ombudsman's reference stays in the record, out of the log that
    * retention cannot clear. */
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE entity = 'ombudsman_referral' AND action = 'referred' "
                              "AND complaint_id = 1 AND detail LIKE '%2026-05-28%' AND detail NOT LIKE '%202612345%'"),
                    1);
   ombudsman_referral_clear(&r);
}
END_TEST

START_TEST(test_referral_needs_their_reference_and_a_day_from_receipt_to_today_or_changes_nothing) {
   const char *ref = fix_log(fix_tenant_id, "2026-05-20T10:00");
   int64_t events = fix_count("SELECT count(*) FROM event");
   fix_act_as("hal");
   fix_refused(ombudsman_refer(fix_session, ref, "", RD_NO_DATE, NULL, &fix_err), RD_EINPUT, "Ombudsman's reference");
   fix_refused(ombudsman_refer(fix_session, ref, "202612345", D("2026-05-19"), NULL, &fix_err), RD_EINPUT,
               "before the complaint was received (2026-05-20)");
   fix_refused(ombudsman_refer(fix_session, ref, "202612345", D("2026-06-02"), NULL, &fix_err), RD_EINPUT,
               "still to come");
   fix_refused(ombudsman_refer(fix_session, "C26-00099", "202612345", RD_NO_DATE, NULL, &fix_err), RD_ENOTFOUND,
               "no case C26-00099");
   fix_act_as("desk");
   fix_refused(ombudsman_refer(fix_session, ref, "202612345", RD_NO_DATE, NULL, &fix_err), RD_EDENIED, "handler");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM ombudsman_referral"), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
}
END_TEST

/* Code 1.4: a service request is not a complaint, so it is not referred as one. */
START_TEST(test_code_1_4_a_service_request_is_not_referred_as_a_complaint) {
   NewComplaint in = { .person_id = fix_tenant_id, .channel = "phone", .received_at = T("2026-05-20T10:00"),
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = "Boiler broken",
                       .triage = KIND_SERVICE_REQUEST };
   Complaint c;
   complaint_init(&c);
   fix_act_as("desk");
   fix_ok(complaint_new(fix_session, &in, &c, &fix_err));
   fix_act_as("hal");
   fix_refused(ombudsman_refer(fix_session, c.ref, "202612345", RD_NO_DATE, NULL, &fix_err), RD_ERULE,
               "a service request");
   complaint_clear(&c);
}
END_TEST

START_TEST(test_ombudsman_reference_is_recorded_once_and_a_case_has_one_referral_awaiting_determination) {
   const char *ref = referred("202612345");
   char first[16];
   str_copy(first, ref, sizeof first);
   const char *other = fix_log(fix_tenant_id, "2026-05-20T10:00");
   fix_act_as("hal");
   fix_refused(ombudsman_refer(fix_session, other, "202612345", RD_NO_DATE, NULL, &fix_err), RD_ERULE,
               "already recorded, for C26-00001");
   fix_refused(ombudsman_refer(fix_session, first, "202699999", RD_NO_DATE, NULL, &fix_err), RD_ERULE,
               "already with the Housing Ombudsman under 202612345");
   fix_act_as("mo");
   fix_ok(ombudsman_determine(fix_session, "202612345", DETERMINATION_WITHDRAWN, D("2026-04-01"), &fix_err));
   fix_act_as("hal");
   fix_ok(ombudsman_refer(fix_session, first, "202699999", RD_NO_DATE, NULL, &fix_err));
   ck_assert_int_eq(fix_count("SELECT count(*) FROM ombudsman_referral"), 2);
}
END_TEST

/* Seed 002 5.7: actions from a determination are overseen by senior staff; here only
 * managers record the determination, once, on a day from the referral to today. */
START_TEST(test_only_managers_record_the_ombudsman_determination_once) {
   referred("202612345");
   fix_act_as("hal");
   fix_refused(ombudsman_determine(fix_session, "202612345", DETERMINATION_SERVICE_FAILURE, RD_NO_DATE, &fix_err),
               RD_EDENIED, "manager");
   fix_act_as("max");
   fix_refused(ombudsman_determine(fix_session, "202612345", DETERMINATION_SERVICE_FAILURE, D("2026-03-01"),
                                   &fix_err), RD_EINPUT, "before the referral (2026-03-02)");
   fix_refused(ombudsman_determine(fix_session, "HOS-NONE", DETERMINATION_SERVICE_FAILURE, RD_NO_DATE, &fix_err),
               RD_ENOTFOUND, "'HOS-NONE'");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM ombudsman_referral WHERE determination IS NOT NULL"), 0);
   fix_ok(ombudsman_determine(fix_session, "202612345", DETERMINATION_SERVICE_FAILURE, D("2026-05-11"), &fix_err));
   fix_refused(ombudsman_determine(fix_session, "202612345", DETERMINATION_MALADMINISTRATION, RD_NO_DATE, &fix_err),
               RD_ERULE, "already recorded: service-failure on 2026-05-11");
   OmbudsmanReferral r = get("202612345");
   ck_assert_int_eq(r.determination, DETERMINATION_SERVICE_FAILURE);
   ck_assert_str_eq(fmt_date(r.determined_on), "2026-05-11");
   ombudsman_referral_clear(&r);
}
END_TEST

START_TEST(test_determinations_are_the_ombudsman_s_seven_outcomes) {
   Determination d;
   const char *const words[] = { "no-maladministration", "service-failure", "maladministration",
                                 "severe-maladministration", "outside-jurisdiction", "reasonable-redress",
                                 "withdrawn" };
   for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
      fix_ok(ombudsman_determination_parse(words[i], &d, &fix_err));
      ck_assert_str_eq(ombudsman_determination_name(d), words[i]);
   }
   fix_refused(ombudsman_determination_parse("upheld", &d, &fix_err), RD_EINPUT, "'upheld' is not a determination");
   ck_assert(ombudsman_determination_finds_failure(DETERMINATION_SEVERE_MALADMINISTRATION));
   ck_assert(!ombudsman_determination_finds_failure(DETERMINATION_REASONABLE_REDRESS));
}
END_TEST

/* Each order becomes an outstanding action owned by a named person and due by the order's
 * date, written in the same transaction as the order. */
START_TEST(test_ombudsman_order_becomes_an_action_owned_and_dated) {
   determined("202612345");
   fix_act_as("mo");
   int64_t order_id = 0, action_id = 0;
   fix_ok(ombudsman_order(fix_session, "202612345", "Pay the resident 300 pounds compensation", D("2026-06-08"),
                          "hal", &order_id, &action_id, &fix_err));
   Action a;
   fix_ok(action_get(fix_session, action_id, &a, &fix_err));
   ck_assert_int_eq(a.source, ACTION_FROM_OMBUDSMAN_ORDER);
   ck_assert_str_eq(a.ref, "C26-00001");
   ck_assert_str_eq(a.owner_login, "hal");
   ck_assert_str_eq(fmt_date(a.due_on), "2026-06-08");
   ck_assert_int_eq(a.done_on, RD_NO_DATE);
   ck_assert(strstr(a.what, "202612345") && strstr(a.what, "300 pounds"));
   action_clear(&a);
   OmbudsmanReferral r = get("202612345");
   ck_assert_uint_eq(r.order_count, 1);
   ck_assert_int_eq(r.orders[0].id, order_id);
   ck_assert_int_eq(r.orders[0].action_id, action_id);
   ck_assert_str_eq(r.orders[0].owner_login, "hal");
   ck_assert_int_eq(ombudsman_order_compliance(&r.orders[0], clock_today()), ORDER_OUTSTANDING);
   ombudsman_referral_clear(&r);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE entity = 'ombudsman_order' AND complaint_id = 1"), 1);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE entity = 'action'"), 0);
}
END_TEST

START_TEST(test_only_managers_record_orders_and_only_after_a_finding_of_failure) {
   referred("202612345");
   fix_act_as("mo");
   int64_t events = fix_count("SELECT count(*) FROM event");
   fix_refused(ombudsman_order(fix_session, "202612345", "Apologise", D("2026-06-08"), "hal", NULL, NULL, &fix_err),
               RD_ERULE, "record the determination first");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
   fix_ok(ombudsman_determine(fix_session, "202612345", DETERMINATION_REASONABLE_REDRESS, D("2026-05-11"), &fix_err));
   events = fix_count("SELECT count(*) FROM event");
   fix_refused(ombudsman_order(fix_session, "202612345", "Apologise", D("2026-06-08"), "hal", NULL, NULL, &fix_err),
               RD_ERULE, "only a finding of service failure or maladministration");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
   determined("202600002");
   events = fix_count("SELECT count(*) FROM event");
   fix_act_as("hal");
   fix_refused(ombudsman_order(fix_session, "202600002", "Apologise", D("2026-06-08"), "hal", NULL, NULL, &fix_err),
               RD_EDENIED, "manager");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM ombudsman_order"), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM action WHERE source = 'ombudsman-order'"), 0);
}
END_TEST

START_TEST(test_order_needs_a_named_active_owner_and_a_date_not_before_the_determination) {
   determined("202612345");
   int64_t events = fix_count("SELECT count(*) FROM event");
   fix_act_as("mo");
   fix_refused(ombudsman_order(fix_session, "202612345", "Apologise", D("2026-06-08"), NULL, NULL, NULL, &fix_err),
               RD_EINPUT, "name the member of staff");
   fix_refused(ombudsman_order(fix_session, "202612345", "Apologise", D("2026-06-08"), "nobody", NULL, NULL,
                               &fix_err), RD_EINPUT, "no staff member has the login 'nobody'");
   fix_refused(ombudsman_order(fix_session, "202612345", "Apologise", D("2026-06-08"), "gone", NULL, NULL, &fix_err),
               RD_ERULE, "gone is inactive");
   fix_refused(ombudsman_order(fix_session, "202612345", "Apologise", D("2026-05-10"), "hal", NULL, NULL, &fix_err),
               RD_EINPUT, "before the determination that made it (2026-05-11)");
   fix_refused(ombudsman_order(fix_session, "202612345", "Apologise", RD_NO_DATE, "hal", NULL, NULL, &fix_err),
               RD_EINPUT, "date it must be complied with by");
   fix_refused(ombudsman_order(fix_session, "202612345", "", D("2026-06-08"), "hal", NULL, NULL, &fix_err),
               RD_EINPUT, "what the Ombudsman ordered");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM ombudsman_order"), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM action WHERE source = 'ombudsman-order'"), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
}
END_TEST

/* Compliance is whether the order's action is done, and whether by the order's date. */
START_TEST(test_order_compliance_follows_its_action_done_and_by_when) {
   determined("202612345");
   fix_act_as("mo");
   int64_t apology = 0, payment = 0;
   fix_ok(ombudsman_order(fix_session, "202612345", "Apologise in writing", D("2026-06-10"), "hal", NULL, &apology,
                          &fix_err));
   fix_ok(ombudsman_order(fix_session, "202612345", "Pay 300 pounds", D("2026-06-10"), "hal", NULL, &payment,
                          &fix_err));
   fix_clock("2026-06-10T09:00");
   fix_act_as("hal");
   fix_ok(action_done(fix_session, apology, D("2026-06-10"), "Letter sent", &fix_err));
   OmbudsmanReferral r = get("202612345");
   ck_assert_int_eq(ombudsman_order_compliance(&r.orders[0], clock_today()), ORDER_COMPLIED);
   ck_assert_int_eq(ombudsman_order_compliance(&r.orders[1], clock_today()), ORDER_OUTSTANDING);
   ombudsman_referral_clear(&r);
   fix_clock("2026-06-11T09:00");
   r = get("202612345");
   ck_assert_int_eq(ombudsman_order_compliance(&r.orders[1], clock_today()), ORDER_OVERDUE);
   ombudsman_referral_clear(&r);
   fix_ok(action_done(fix_session, payment, D("2026-06-11"), "Paid", &fix_err));
   r = get("202612345");
   ck_assert_str_eq(fmt_date(r.orders[1].done_on), "2026-06-11");
   ck_assert_int_eq(ombudsman_order_compliance(&r.orders[1], clock_today()), ORDER_COMPLIED_LATE);
   ck_assert_str_eq(ombudsman_compliance_name(ORDER_COMPLIED_LATE), "complied late");
   ombudsman_referral_clear(&r);
}
END_TEST

/* A closed case is reopened by an Ombudsman order through complaint_reopen with their
 * reference; a handler may do that, and not without an order recorded. */
START_TEST(test_ombudsman_order_reopens_a_closed_complaint_under_its_reference) {
   const char *ref = determined("202612345");
   char case_ref[16];
   str_copy(case_ref, ref, sizeof case_ref);
   fix_act_as("hal");
   fix_refused(ombudsman_reopen(fix_session, "202612345", "Ordered to reconsider", RD_NO_INSTANT, &fix_err), RD_ERULE,
               "no order of the Ombudsman is recorded under 202612345");
   fix_act_as("mo");
   fix_ok(ombudsman_order(fix_session, "202612345", "Reconsider the repair complaint at stage 2", D("2026-06-30"),
                          "mo", NULL, NULL, &fix_err));
   fix_act_as("hal");
   fix_refused(ombudsman_reopen(fix_session, "202612345", "", RD_NO_INSTANT, &fix_err), RD_EINPUT, "reason");
   fix_ok(ombudsman_reopen(fix_session, "202612345", "Ordered to reconsider", RD_NO_INSTANT, &fix_err));
   Complaint c;
   complaint_init(&c);
   fix_ok(complaint_get(fix_session, case_ref, &c, &fix_err));
   ck_assert(complaint_is_open(&c));
   complaint_clear(&c);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE action = 'reopened' AND actor = 'hal' "
                              "AND detail LIKE '%by a Housing Ombudsman order%'"), 1);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM contact WHERE direction = 'note' AND staff_id IS NOT NULL "
                              "AND summary LIKE 'Reopened by Housing Ombudsman order 202612345: Ordered to reconsider'"),
                    1);
}
END_TEST

START_TEST(test_outstanding_list_keeps_referrals_awaiting_determination_or_compliance) {
   determined("202600001");
   fix_act_as("mo");
   int64_t action = 0;
   fix_ok(ombudsman_order(fix_session, "202600001", "Apologise", D("2026-06-10"), "hal", NULL, &action, &fix_err));
   referred("202600002");
   determined("202600003");
   OmbudsmanReferral *list;
   size_t n;
   fix_ok(ombudsman_list(fix_session, 0, false, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 3);
   ombudsman_free_list(list, n);
   fix_ok(ombudsman_list(fix_session, 0, true, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 2);
   ck_assert(strcmp(list[0].their_ref, "202600002") == 0 || strcmp(list[1].their_ref, "202600002") == 0);
   ck_assert(strcmp(list[0].their_ref, "202600001") == 0 || strcmp(list[1].their_ref, "202600001") == 0);
   ombudsman_free_list(list, n);
   fix_act_as("hal");
   fix_ok(action_done(fix_session, action, RD_NO_DATE, NULL, &fix_err));
   fix_ok(ombudsman_list(fix_session, 0, true, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 1);
   ck_assert_str_eq(list[0].their_ref, "202600002");
   ombudsman_free_list(list, n);
   fix_ok(ombudsman_list(fix_session, 3, false, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 1);
   ck_assert_str_eq(list[0].ref, "C26-00003");
   ombudsman_free_list(list, n);
}
END_TEST

START_TEST(test_every_committed_ombudsman_change_writes_exactly_one_audit_event) {
   fix_responded("2026-01-05T10:00", "2026-01-12T10:00", "2026-01-20T10:00");
   int64_t before = fix_count("SELECT count(*) FROM event");
   fix_act_as("mo");
   fix_ok(ombudsman_refer(fix_session, "C26-00001", "202612345", D("2026-03-02"), NULL, &fix_err));
   fix_ok(ombudsman_determine(fix_session, "202612345", DETERMINATION_SEVERE_MALADMINISTRATION, RD_NO_DATE, &fix_err));
   fix_ok(ombudsman_order(fix_session, "202612345", "Apologise", D("2026-06-10"), "hal", NULL, NULL, &fix_err));
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event") - before, 3);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE actor = 'mo' AND complaint_id = 1"), 3);
}
END_TEST

static Suite *ombudsman_suite(void) {
   Suite *su = suite_create("ombudsman");
   TCase *tc = tcase_create("referrals");
   tcase_set_timeout(tc, 30);
   tcase_add_checked_fixture(tc, setup, fix_teardown);
   tcase_add_test(tc, test_seed_002_referral_may_be_recorded_at_any_stage_of_the_complaint);
   tcase_add_test(tc, test_referral_needs_their_reference_and_a_day_from_receipt_to_today_or_changes_nothing);
   tcase_add_test(tc, test_code_1_4_a_service_request_is_not_referred_as_a_complaint);
   tcase_add_test(tc, test_ombudsman_reference_is_recorded_once_and_a_case_has_one_referral_awaiting_determination);
   tcase_add_test(tc, test_only_managers_record_the_ombudsman_determination_once);
   tcase_add_test(tc, test_determinations_are_the_ombudsman_s_seven_outcomes);
   tcase_add_test(tc, test_ombudsman_order_becomes_an_action_owned_and_dated);
   tcase_add_test(tc, test_only_managers_record_orders_and_only_after_a_finding_of_failure);
   tcase_add_test(tc, test_order_needs_a_named_active_owner_and_a_date_not_before_the_determination);
   tcase_add_test(tc, test_order_compliance_follows_its_action_done_and_by_when);
   tcase_add_test(tc, test_ombudsman_order_reopens_a_closed_complaint_under_its_reference);
   tcase_add_test(tc, test_outstanding_list_keeps_referrals_awaiting_determination_or_compliance);
   tcase_add_test(tc, test_every_committed_ombudsman_change_writes_exactly_one_audit_event);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(ombudsman_suite());
}
