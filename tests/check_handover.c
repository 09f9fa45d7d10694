/* Handing a leaver's or an absent colleague's work to someone else: every open case they
 * handle and every outstanding action they own, through the rules of assigning by hand. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "redress/action.h"
#include "redress/complaint.h"
#include "redress/handover.h"
#include "redress/xalloc.h"
#include "fixture.h"
#include "testutil.h"

static void setup(void) {
   fix_setup_at("2026-03-02T09:00");
}

/* An open case of Jo Tenant's that hal acknowledged and so handles. */
static const char *halls_open_case(const char *received) {
   static char ref[16];
   str_copy(ref, fix_log(fix_tenant_id, received), sizeof ref);
   fix_act_as("hal");
   fix_ok(complaint_acknowledge(fix_session, ref, 0, "Repair not done; wants it fixed", RD_NO_DATE, T(received),
                                &fix_err));
   return ref;
}

static int64_t halls_action(const char *ref, const char *what) {
   int64_t id = 0;
   fix_act_as("hal");
   fix_ok(action_add(fix_session, ref, what, "hal", D("2026-03-20"), &id, &fix_err));
   return id;
}

static int64_t handler_of(const char *ref) {
   char sql[200];
   snprintf(sql, sizeof sql, "SELECT st.handler_id FROM stage st JOIN complaint c ON c.id = st.complaint_id "
                             "WHERE c.ref = '%s' AND st.number = c.stage", ref);
   return fix_count(sql);
}

static int64_t owner_of(int64_t action) {
   char sql[100];
   snprintf(sql, sizeof sql, "SELECT owner_id FROM action WHERE id = %lld", (long long)action);
   return fix_count(sql);
}

static int64_t id_of(const char *login) {
   char sql[100];
   snprintf(sql, sizeof sql, "SELECT id FROM staff WHERE login = '%s'", login);
   return fix_count(sql);
}

START_TEST(test_handover_gives_the_open_cases_and_outstanding_actions_to_the_newcomer) {
   char first[16], second[16];
   str_copy(first, halls_open_case("2026-02-23T10:00"), sizeof first);
   str_copy(second, halls_open_case("2026-02-24T10:00"), sizeof second);
   const char *closed = fix_responded("2026-02-02T10:00", "2026-02-10T10:00", "2026-02-11T10:00");
   int64_t open_action = halls_action(first, "Send the surveyor");
   int64_t done_action = halls_action(second, "Ring the resident");
   fix_ok(action_done(fix_session, done_action, RD_NO_DATE, NULL, &fix_err));
   int64_t events = fix_count("SELECT count(*) FROM event");

   fix_act_as("max");
   Handover h;
   fix_ok(handover_run(fix_session, "hal", "mo", false, &h, &fix_err));
   ck_assert_uint_eq(h.count, 3);
   ck_assert_uint_eq(h.moved, 3);
   ck_assert_uint_eq(h.refused, 0);
   ck_assert_int_eq(handler_of(first), id_of("mo"));
   ck_assert_int_eq(handler_of(second), id_of("mo"));
   ck_assert_int_eq(handler_of(closed), id_of("hal"));       /* history stays as it was */
   ck_assert_int_eq(owner_of(open_action), id_of("mo"));
   ck_assert_int_eq(owner_of(done_action), id_of("hal"));
   /* One audit event a change, as if each had been moved by hand. */
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event") - events, 3);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE action = 'reassigned' "
                              "AND detail LIKE '%from hal to mo%'"), 1);
   handover_clear(&h);
}
END_TEST

/* Seed 001: the rules of assignment hold in a handover too; the rest still moves. */
START_TEST(test_seed_001_handover_leaves_a_case_the_newcomer_may_not_take_naming_the_rule) {
   char kept[16], moved[16];
   str_copy(kept, halls_open_case("2026-02-23T10:00"), sizeof kept);
   str_copy(moved, halls_open_case("2026-02-24T10:00"), sizeof moved);
   fix_act_as("max");
   fix_ok(complaint_declare_conflict(fix_session, kept, "mo", "is the resident's landlord at home", RD_NO_INSTANT,
                                     &fix_err));
   Handover h;
   fix_ok(handover_run(fix_session, "hal", "mo", false, &h, &fix_err));
   ck_assert_uint_eq(h.moved, 1);
   ck_assert_uint_eq(h.refused, 1);
   ck_assert(!h.items[0].moved);
   ck_assert_msg(strstr(h.items[0].what, kept) != NULL, "%s", h.items[0].what);
   ck_assert_msg(strstr(h.items[0].why, "mo has declared a conflict of interest") != NULL, "%s", h.items[0].why);
   ck_assert_int_eq(handler_of(kept), id_of("hal"));
   ck_assert_int_eq(handler_of(moved), id_of("mo"));
   handover_clear(&h);
}
END_TEST

START_TEST(test_handover_dry_run_lists_what_would_move_and_changes_nothing) {
   char ref[16];
   str_copy(ref, halls_open_case("2026-02-23T10:00"), sizeof ref);
   int64_t action = halls_action(ref, "Send the surveyor");
   int64_t events = fix_count("SELECT count(*) FROM event");
   fix_act_as("max");
   Handover h;
   fix_ok(handover_run(fix_session, "hal", "mo", true, &h, &fix_err));
   ck_assert_uint_eq(h.count, 2);
   ck_assert_uint_eq(h.moved, 2);
   ck_assert_msg(strstr(h.items[1].what, "action #") != NULL, "%s", h.items[1].what);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
   ck_assert_int_eq(handler_of(ref), id_of("hal"));
   ck_assert_int_eq(owner_of(action), id_of("hal"));
   handover_clear(&h);
}
END_TEST

START_TEST(test_handover_is_a_managers_and_needs_an_active_newcomer_other_than_the_leaver) {
   halls_open_case("2026-02-23T10:00");
   Handover h;
   fix_act_as("hal");
   fix_refused(handover_run(fix_session, "hal", "mo", false, &h, &fix_err), RD_EDENIED, "manager");
   fix_act_as("max");
   fix_refused(handover_run(fix_session, "hal", "gone", false, &h, &fix_err), RD_ERULE, "gone is inactive");
   fix_refused(handover_run(fix_session, "hal", "hal", false, &h, &fix_err), RD_EINPUT, "themselves");
   fix_refused(handover_run(fix_session, "hal", "nobody", false, &h, &fix_err), RD_EINPUT, "'nobody'");
   ck_assert_int_eq(handler_of(fix_log(fix_tenant_id, "2026-02-25T10:00")), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM stage WHERE handler_id = (SELECT id FROM staff "
                              "WHERE login = 'mo')"), 0);
}
END_TEST

/* A leaver's work can be handed on after their login is stopped. */
START_TEST(test_an_inactive_leavers_work_can_still_be_handed_over) {
   char ref[16];
   str_copy(ref, halls_open_case("2026-02-23T10:00"), sizeof ref);
   ck_assert_int_eq(sqlite3_exec(store_db(fix_session->store), "UPDATE staff SET active = 0 WHERE login = 'hal'",
                                 NULL, NULL, NULL), SQLITE_OK);
   fix_act_as("max");
   Handover h;
   fix_ok(handover_run(fix_session, "hal", "mo", false, &h, &fix_err));
   ck_assert_uint_eq(h.moved, 1);
   ck_assert_int_eq(handler_of(ref), id_of("mo"));
   handover_clear(&h);
}
END_TEST

START_TEST(test_an_action_changes_hands_by_its_owner_or_a_manager_only_while_outstanding) {
   char ref[16];
   str_copy(ref, halls_open_case("2026-02-23T10:00"), sizeof ref);
   int64_t action = halls_action(ref, "Send the surveyor");
   fix_act_as("mo");   /* a manager, but of another team: managers may */
   fix_ok(action_reassign(fix_session, action, "hal", &fix_err));
   fix_act_as("hal");
   fix_refused(action_reassign(fix_session, action, "gone", &fix_err), RD_ERULE, "gone is inactive");
   fix_ok(action_reassign(fix_session, action, "mo", &fix_err));   /* its owner gives it away */
   ck_assert_int_eq(owner_of(action), id_of("mo"));
   fix_refused(action_reassign(fix_session, action, "hal", &fix_err), RD_EDENIED, "only its owner or a manager");
   fix_act_as("mo");
   fix_ok(action_done(fix_session, action, RD_NO_DATE, NULL, &fix_err));
   fix_refused(action_reassign(fix_session, action, "hal", &fix_err), RD_ERULE, "is done");
   ck_assert_int_eq(owner_of(action), id_of("mo"));
}
END_TEST

static Suite *handover_suite(void) {
   Suite *su = suite_create("handover");
   TCase *tc = tcase_create("handover");
   tcase_set_timeout(tc, 30);
   tcase_add_checked_fixture(tc, setup, fix_teardown);
   tcase_add_test(tc, test_handover_gives_the_open_cases_and_outstanding_actions_to_the_newcomer);
   tcase_add_test(tc, test_seed_001_handover_leaves_a_case_the_newcomer_may_not_take_naming_the_rule);
   tcase_add_test(tc, test_handover_dry_run_lists_what_would_move_and_changes_nothing);
   tcase_add_test(tc, test_handover_is_a_managers_and_needs_an_active_newcomer_other_than_the_leaver);
   tcase_add_test(tc, test_an_inactive_leavers_work_can_still_be_handed_over);
   tcase_add_test(tc, test_an_action_changes_hands_by_its_owner_or_a_manager_only_while_outstanding);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(handover_suite());
}
