/* Learning from complaints: lessons and the service improvements they lead to (seeds 001,
 * 002, 003; Code 8.1). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/learning.h"
#include "redress/xalloc.h"
#include "fixture.h"
#include "testutil.h"

static void setup(void) {
   fix_setup_at("2026-04-10T09:00");
}

static Lesson *list_of(RdDate since, RdDate until, int64_t complaint_id, size_t *n) {
   Lesson *list;
   LearningFilter f = { since, until, complaint_id };
   fix_ok(learning_list(fix_session, &f, &list, n, &fix_err));
   return list;
}

/* Seed 002: "Service Managers are responsible for developing and implementing improvement work
 * discovered during a complaint investigation. We will publish learnings outcomes". */
START_TEST(test_seed_002_lesson_is_recorded_with_its_improvement_its_case_and_who_recorded_it) {
   char ref[16];
   str_copy(ref, fix_responded("2026-03-02T10:00", "2026-03-09T10:00", NULL), sizeof ref);
   fix_act_as("hal");
   int64_t id = 0;
   fix_ok(learning_add(fix_session, ref, "Repair appointments were booked without checking the part was in stock",
                       "Schedulers now confirm parts before offering a date", T("2026-03-10T11:00"), &id, &fix_err));
   size_t n;
   Lesson *list = list_of(RD_NO_DATE, RD_NO_DATE, 0, &n);
   ck_assert_uint_eq(n, 1);
   ck_assert_int_eq(list[0].id, id);
   ck_assert_str_eq(list[0].ref, ref);
   ck_assert(strstr(list[0].lesson, "in stock") != NULL);
   ck_assert(strstr(list[0].improvement, "confirm parts") != NULL);
   ck_assert_int_eq(list[0].recorded_at, T("2026-03-10T11:00"));
   ck_assert_str_eq(list[0].recorded_by, "hal");
   ck_assert_str_eq(list[0].recorded_by_name, "Hal Handler");
   learning_free_list(list, n);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE entity = 'learning' AND complaint_id = 1 "
                              "AND detail LIKE '%C26-00001%' AND detail NOT LIKE '%in stock%'"), 1);
}
END_TEST

/* Seed 003: insight from complaints and customer feedback, not always from one case. */
START_TEST(test_seed_003_lesson_may_come_from_no_single_case) {
   fix_act_as("mo");
   fix_ok(learning_add(fix_session, NULL, "Residents do not know how to escalate",
                       "Every response letter now ends with how to go to stage 2", RD_NO_INSTANT, NULL, &fix_err));
   size_t n;
   Lesson *list = list_of(RD_NO_DATE, RD_NO_DATE, 0, &n);
   ck_assert_uint_eq(n, 1);
   ck_assert_int_eq(list[0].complaint_id, 0);
   ck_assert_str_eq(list[0].ref, "");
   ck_assert_int_eq(list[0].recorded_at, T("2026-04-10T09:00"));
   learning_free_list(list, n);
}
END_TEST

START_TEST(test_lesson_needs_its_improvement_and_bad_input_changes_nothing) {
   const char *ref = fix_log(fix_tenant_id, "2026-03-02T10:00");
   int64_t events = fix_count("SELECT count(*) FROM event");
   fix_act_as("hal");
   fix_refused(learning_add(fix_session, ref, "", "Better scheduling", RD_NO_INSTANT, NULL, &fix_err), RD_EINPUT,
               "the lesson");
   fix_refused(learning_add(fix_session, ref, "Parts not checked", NULL, RD_NO_INSTANT, NULL, &fix_err), RD_EINPUT,
               "service improvement");
   fix_refused(learning_add(fix_session, "C26-00042", "Parts", "Check", RD_NO_INSTANT, NULL, &fix_err), RD_ENOTFOUND,
               "no case C26-00042");
   fix_refused(learning_add(fix_session, ref, "Parts", "Check", T("2026-03-01T10:00"), NULL, &fix_err), RD_EINPUT,
               "before it was received");
   fix_refused(learning_add(fix_session, ref, "Parts", "Check", T("2026-04-11T10:00"), NULL, &fix_err), RD_EINPUT,
               "still to come");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM learning"), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
}
END_TEST

START_TEST(test_lessons_are_recorded_by_handlers_and_managers_not_the_front_desk) {
   fix_act_as("desk");
   fix_refused(learning_add(fix_session, NULL, "Parts", "Check", RD_NO_INSTANT, NULL, &fix_err), RD_EDENIED,
               "desk may not record a lesson learned");
   fix_act_as("max");
   fix_ok(learning_add(fix_session, NULL, "Parts", "Check", RD_NO_INSTANT, NULL, &fix_err));
   ck_assert_int_eq(fix_count("SELECT count(*) FROM learning"), 1);
}
END_TEST

/* The annual report (Code 8.1) takes the year's lessons by the UK date they were recorded. */
START_TEST(test_list_by_period_and_by_case_oldest_first) {
   char first[16];
   str_copy(first, fix_log(fix_tenant_id, "2026-01-05T10:00"), sizeof first);
   fix_act_as("mo");
   fix_ok(learning_add(fix_session, first, "B", "b", T("2026-03-31T23:30"), NULL, &fix_err));
   fix_ok(learning_add(fix_session, NULL, "A", "a", T("2026-02-01T10:00"), NULL, &fix_err));
   fix_ok(learning_add(fix_session, first, "C", "c", T("2026-04-01T08:00"), NULL, &fix_err));
   size_t n;
   Lesson *list = list_of(D("2026-01-01"), D("2026-03-31"), 0, &n);
   ck_assert_uint_eq(n, 2);
   ck_assert_str_eq(list[0].lesson, "A");
   ck_assert_str_eq(list[1].lesson, "B");
   learning_free_list(list, n);
   list = list_of(RD_NO_DATE, RD_NO_DATE, 1, &n);
   ck_assert_uint_eq(n, 2);
   ck_assert_str_eq(list[0].lesson, "B");
   ck_assert_str_eq(list[1].lesson, "C");
   learning_free_list(list, n);
}
END_TEST

START_TEST(test_every_lesson_recorded_writes_exactly_one_audit_event) {
   int64_t before = fix_count("SELECT count(*) FROM event");
   fix_act_as("mo");
   fix_ok(learning_add(fix_session, NULL, "A", "a", RD_NO_INSTANT, NULL, &fix_err));
   fix_ok(learning_add(fix_session, NULL, "B", "b", RD_NO_INSTANT, NULL, &fix_err));
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event") - before, 2);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE entity = 'learning' AND actor = 'mo'"), 2);
}
END_TEST

static Suite *learning_suite(void) {
   Suite *su = suite_create("learning");
   TCase *tc = tcase_create("lessons");
   tcase_set_timeout(tc, 30);
   tcase_add_checked_fixture(tc, setup, fix_teardown);
   tcase_add_test(tc, test_seed_002_lesson_is_recorded_with_its_improvement_its_case_and_who_recorded_it);
   tcase_add_test(tc, test_seed_003_lesson_may_come_from_no_single_case);
   tcase_add_test(tc, test_lesson_needs_its_improvement_and_bad_input_changes_nothing);
   tcase_add_test(tc, test_lessons_are_recorded_by_handlers_and_managers_not_the_front_desk);
   tcase_add_test(tc, test_list_by_period_and_by_case_oldest_first);
   tcase_add_test(tc, test_every_lesson_recorded_writes_exactly_one_audit_event);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(learning_suite());
}
