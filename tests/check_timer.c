/* The deadline timer: classes on track / due soon / due today / overdue over weekends,
 * bank holidays and summer time, ticks that report only real changes, and the next wake. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "redress/timer.h"
#include "redress/xalloc.h"
#include "testutil.h"

static Calendar *cal;

static void setup(void) {
   cal = test_calendar();
}

static void teardown(void) {
   calendar_free(cal);
}

static TimerTarget target(int64_t id, int stage, TimerKind kind, const char *due, int soon) {
   return (TimerTarget){ id, stage, kind, D(due), soon };
}

/* The class of a single target at the local time text, through a Timer. */
static TimerClass class_at(const char *due, int soon, const char *when) {
   Timer *t = timer_new(cal, DIVISION_ENGLAND_WALES);
   TimerTarget g = target(1, 1, TIMER_RESPOND, due, soon);
   timer_set_targets(t, &g, 1, T(when));
   TimerClass c = timer_class(t, 0);
   timer_free(t);
   return c;
}

START_TEST(test_a_deadline_is_the_end_of_its_day_so_overdue_starts_at_the_next_midnight) {
   ck_assert_int_eq(class_at("2025-12-19", 2, "2025-12-19T00:00"), TIMER_DUE_TODAY);
   ck_assert_int_eq(class_at("2025-12-19", 2, "2025-12-19T23:59:59"), TIMER_DUE_TODAY);
   ck_assert_int_eq(class_at("2025-12-19", 2, "2025-12-20T00:00"), TIMER_OVERDUE);
   ck_assert_int_eq(class_at("2025-12-19", 2, "2026-03-01T12:00"), TIMER_OVERDUE);
}
END_TEST

START_TEST(test_due_soon_counts_working_days_so_a_weekend_does_not_bring_it_closer) {
   /* Due Monday 8 December 2025, due soon at 2 working days left. */
   ck_assert_int_eq(class_at("2025-12-08", 2, "2025-12-03T12:00"), TIMER_ON_TRACK);  /* Wed: Thu, Fri, Mon */
   ck_assert_int_eq(class_at("2025-12-08", 2, "2025-12-04T00:00"), TIMER_DUE_SOON);  /* Thu: Fri, Mon */
   ck_assert_int_eq(class_at("2025-12-08", 2, "2025-12-06T12:00"), TIMER_DUE_SOON);  /* Sat: Mon */
   ck_assert_int_eq(class_at("2025-12-08", 2, "2025-12-07T23:59"), TIMER_DUE_SOON);
   ck_assert_int_eq(class_at("2025-12-08", 2, "2025-12-08T09:00"), TIMER_DUE_TODAY);
}
END_TEST

START_TEST(test_bank_holidays_are_not_working_days_when_counting_down_to_due_soon) {
   /* Due Monday 29 December 2025: Christmas Day and Boxing Day are holidays. */
   ck_assert_str_eq(fmt_date(timer_due_soon_from(cal, DIVISION_ENGLAND_WALES, D("2025-12-29"), 2)),
                    "2025-12-23");
   ck_assert_int_eq(class_at("2025-12-29", 2, "2025-12-22T16:00"), TIMER_ON_TRACK);  /* 23, 24, 29 */
   ck_assert_int_eq(class_at("2025-12-29", 2, "2025-12-23T08:00"), TIMER_DUE_SOON);  /* 24, 29 */
   ck_assert_int_eq(class_at("2025-12-29", 2, "2025-12-26T08:00"), TIMER_DUE_SOON);
}
END_TEST

START_TEST(test_a_negative_threshold_never_shows_due_soon_but_still_turns_due_today) {
   ck_assert_int_eq(class_at("2025-12-08", -1, "2025-12-07T12:00"), TIMER_ON_TRACK);
   ck_assert_int_eq(class_at("2025-12-08", -1, "2025-12-08T00:00"), TIMER_DUE_TODAY);
}
END_TEST

START_TEST(test_a_zero_threshold_shows_due_soon_only_when_no_working_day_is_left_before_it) {
   /* An agreed date on Sunday 7 December: Friday has no working day left before it. */
   ck_assert_int_eq(class_at("2025-12-07", 0, "2025-12-04T12:00"), TIMER_ON_TRACK);
   ck_assert_int_eq(class_at("2025-12-07", 0, "2025-12-05T00:00"), TIMER_DUE_SOON);
   /* Due on a Monday, the weekend before still has the Monday itself to go. */
   ck_assert_int_eq(class_at("2025-12-08", 0, "2025-12-06T12:00"), TIMER_ON_TRACK);
}
END_TEST

START_TEST(test_in_summer_time_a_day_ends_at_local_midnight_which_is_2300_utc) {
   ck_assert_int_eq(class_at("2025-07-10", 2, "2025-07-10T22:59:59Z"), TIMER_DUE_TODAY);
   ck_assert_int_eq(class_at("2025-07-10", 2, "2025-07-10T23:00:00Z"), TIMER_OVERDUE);
   ck_assert_int_eq(class_at("2025-12-10", 2, "2025-12-10T23:59:59Z"), TIMER_DUE_TODAY);
   ck_assert_int_eq(class_at("2025-12-10", 2, "2025-12-11T00:00:00Z"), TIMER_OVERDUE);
}
END_TEST

static int64_t ms_from(Timer *t, const char *when) {
   return timer_ms_to_next_change(t, T(when) * 1000);
}

START_TEST(test_next_wake_is_the_next_local_midnight_at_which_any_target_moves) {
   Timer *t = timer_new(cal, DIVISION_ENGLAND_WALES);
   TimerTarget g[2] = {
      target(1, 1, TIMER_ACK, "2025-12-18", 2),       /* due soon now; due today from midnight */
      target(2, 1, TIMER_RESPOND, "2026-01-30", 2),   /* on track for weeks */
   };
   timer_set_targets(t, g, 2, T("2025-12-17T10:00"));
   ck_assert_int_eq(timer_class(t, 0), TIMER_DUE_SOON);
   ck_assert_int_eq(ms_from(t, "2025-12-17T10:00"), 14LL * 3600 * 1000);
   ck_assert_int_eq(timer_ms_to_next_change(t, T("2025-12-17T23:59:59") * 1000 + 250), 750);
   /* After the first target is overdue the next change is the second one turning due soon
    * on Wednesday 28 January 2026 (Thu 29 and Fri 30 left). */
   ck_assert_int_eq(ms_from(t, "2025-12-19T00:00"), T("2026-01-28T00:00") * 1000 - T("2025-12-19T00:00") * 1000);
   timer_free(t);
}
END_TEST

START_TEST(test_next_wake_counts_the_short_and_long_days_when_the_clocks_change) {
   Timer *t = timer_new(cal, DIVISION_ENGLAND_WALES);
   TimerTarget spring = target(1, 1, TIMER_ACK, "2025-03-30", 2);
   timer_set_targets(t, &spring, 1, T("2025-03-30T12:00"));
   /* Noon BST to midnight: 12 hours, although the day had only 23. */
   ck_assert_int_eq(ms_from(t, "2025-03-30T12:00"), 12LL * 3600 * 1000);
   ck_assert_int_eq(ms_from(t, "2025-03-30T00:00"), 23LL * 3600 * 1000);
   TimerTarget autumn = target(1, 1, TIMER_ACK, "2025-10-26", 2);
   timer_set_targets(t, &autumn, 1, T("2025-10-26T00:00"));
   ck_assert_int_eq(ms_from(t, "2025-10-26T00:00"), 25LL * 3600 * 1000);
   timer_free(t);
}
END_TEST

START_TEST(test_next_wake_is_minus_one_when_no_target_will_change_again) {
   Timer *t = timer_new(cal, DIVISION_ENGLAND_WALES);
   ck_assert_int_eq(ms_from(t, "2025-12-17T10:00"), -1);
   TimerTarget g = target(1, 1, TIMER_ACK, "2025-12-01", 2);
   timer_set_targets(t, &g, 1, T("2025-12-17T10:00"));
   ck_assert_int_eq(timer_class(t, 0), TIMER_OVERDUE);
   ck_assert_int_eq(ms_from(t, "2025-12-17T10:00"), -1);
   timer_free(t);
}
END_TEST

START_TEST(test_a_tick_reports_only_the_targets_that_changed_class) {
   Timer *t = timer_new(cal, DIVISION_ENGLAND_WALES);
   TimerTarget g[3] = {
      target(1, 1, TIMER_ACK, "2025-12-18", 2),
      target(2, 2, TIMER_RESPOND, "2026-02-27", 2),
      target(3, 1, TIMER_RESPOND, "2025-12-17", 2),
   };
   timer_set_targets(t, g, 3, T("2025-12-17T23:59"));
   const size_t *changed;
   ck_assert_uint_eq(timer_tick(t, T("2025-12-17T23:59:30"), &changed), 0);
   ck_assert_uint_eq(timer_tick(t, T("2025-12-18T00:00"), &changed), 2);
   ck_assert_uint_eq(changed[0], 0);
   ck_assert_uint_eq(changed[1], 2);
   ck_assert_int_eq(timer_class(t, 0), TIMER_DUE_TODAY);
   ck_assert_int_eq(timer_class(t, 1), TIMER_ON_TRACK);
   ck_assert_int_eq(timer_class(t, 2), TIMER_OVERDUE);
   ck_assert_uint_eq(timer_tick(t, T("2025-12-18T09:00"), &changed), 0);
   timer_free(t);
}
END_TEST

START_TEST(test_setting_targets_again_after_a_reload_reports_only_real_changes) {
   Timer *t = timer_new(cal, DIVISION_ENGLAND_WALES);
   TimerTarget before[2] = {
      target(1, 1, TIMER_ACK, "2025-12-17", 2),       /* due today; overdue at midnight */
      target(2, 1, TIMER_RESPOND, "2025-12-10", 2),   /* overdue */
   };
   timer_set_targets(t, before, 2, T("2025-12-17T23:00"));
   ck_assert_uint_eq(timer_tick(t, T("2025-12-17T23:00"), NULL), 0);
   /* The reload happens after midnight: case 1 crossed the line, case 2 was extended to a
    * later date, case 3 is new. The unchanged identity keeps its old class. */
   TimerTarget after[3] = {
      target(3, 1, TIMER_ACK, "2026-01-09", 2),
      target(2, 1, TIMER_RESPOND, "2026-01-16", 2),
      target(1, 1, TIMER_ACK, "2025-12-17", 2),
   };
   timer_set_targets(t, after, 3, T("2025-12-18T00:00:05"));
   ck_assert_int_eq(timer_class(t, 2), TIMER_DUE_TODAY);
   ck_assert_int_eq(timer_class(t, 1), TIMER_OVERDUE);
   ck_assert_int_eq(timer_class(t, 0), TIMER_ON_TRACK);
   const size_t *changed;
   ck_assert_uint_eq(timer_tick(t, T("2025-12-18T00:00:05"), &changed), 2);
   ck_assert_uint_eq(changed[0], 1);
   ck_assert_uint_eq(changed[1], 2);
   ck_assert_int_eq(timer_class(t, 1), TIMER_ON_TRACK);
   ck_assert_int_eq(timer_class(t, 2), TIMER_OVERDUE);
   ck_assert_int_eq(timer_find(t, 2, 1, TIMER_RESPOND), 1);
   ck_assert_int_eq(timer_find(t, 2, 1, TIMER_ACK), -1);
   ck_assert_int_eq(timer_find(t, 2, 2, TIMER_RESPOND), -1);
   timer_free(t);
}
END_TEST

START_TEST(test_the_precomputed_classes_agree_with_the_rule_on_every_day_for_a_year) {
   /* Every due date of 2026 (holidays, weekends, both clock changes) against every day
    * around it, at the first and the last second of the day. */
   Timer *t = timer_new(cal, DIVISION_ENGLAND_WALES);
   for (RdDate due = D("2026-01-01"); due <= D("2026-12-31"); due++) {
      TimerTarget g = { 1, 1, TIMER_RESPOND, due, 3 };
      for (RdDate day = due - 12; day <= due + 2; day++) {
         TimerClass want = timer_classify(cal, DIVISION_ENGLAND_WALES, day, due, 3);
         RdInstant first = datetime_local_to_instant(day, 0);
         RdInstant last = datetime_local_to_instant(day + 1, 0) - 1;
         timer_set_targets(t, NULL, 0, first);
         timer_set_targets(t, &g, 1, first);
         ck_assert_msg(timer_class(t, 0) == want, "due %s on %s at 00:00", fmt_date(due), fmt_date(day));
         timer_tick(t, last, NULL);
         ck_assert_msg(timer_class(t, 0) == want, "due %s on %s at 23:59:59", fmt_date(due), fmt_date(day));
      }
   }
   timer_free(t);
}
END_TEST


START_TEST(test_class_names_are_the_words_the_screens_show) {
   ck_assert_str_eq(timer_class_name(TIMER_ON_TRACK), "on track");
   ck_assert_str_eq(timer_class_name(TIMER_DUE_SOON), "due soon");
   ck_assert_str_eq(timer_class_name(TIMER_DUE_TODAY), "due today");
   ck_assert_str_eq(timer_class_name(TIMER_OVERDUE), "overdue");
}
END_TEST

static Suite *timer_suite(void) {
   Suite *s = suite_create("timer");
   TCase *tc = tcase_create("timer");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_set_timeout(tc, 60);
   tcase_add_test(tc, test_a_deadline_is_the_end_of_its_day_so_overdue_starts_at_the_next_midnight);
   tcase_add_test(tc, test_due_soon_counts_working_days_so_a_weekend_does_not_bring_it_closer);
   tcase_add_test(tc, test_bank_holidays_are_not_working_days_when_counting_down_to_due_soon);
   tcase_add_test(tc, test_a_negative_threshold_never_shows_due_soon_but_still_turns_due_today);
   tcase_add_test(tc, test_a_zero_threshold_shows_due_soon_only_when_no_working_day_is_left_before_it);
   tcase_add_test(tc, test_in_summer_time_a_day_ends_at_local_midnight_which_is_2300_utc);
   tcase_add_test(tc, test_next_wake_is_the_next_local_midnight_at_which_any_target_moves);
   tcase_add_test(tc, test_next_wake_counts_the_short_and_long_days_when_the_clocks_change);
   tcase_add_test(tc, test_next_wake_is_minus_one_when_no_target_will_change_again);
   tcase_add_test(tc, test_a_tick_reports_only_the_targets_that_changed_class);
   tcase_add_test(tc, test_setting_targets_again_after_a_reload_reports_only_real_changes);
   tcase_add_test(tc, test_the_precomputed_classes_agree_with_the_rule_on_every_day_for_a_year);
   tcase_add_test(tc, test_class_names_are_the_words_the_screens_show);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(timer_suite());
}
