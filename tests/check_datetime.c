/* Dates, instants, UK local time and the clock that REDRESS_NOW starts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "redress/clock.h"
#include "redress/datetime.h"
#include "testutil.h"

static const char *fmt_instant(RdInstant t) {
   static char buf[RD_INSTANT_BUFSIZE];
   datetime_format_instant(t, buf);
   return buf;
}

START_TEST(test_dates_round_trip_through_text) {
   static const char *const dates[] = { "1970-01-01", "2000-02-29", "2024-02-29", "2025-12-19",
                                        "1969-12-31", "2199-12-31", "1900-03-01" };
   for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
      ck_assert_str_eq(fmt_date(D(dates[i])), dates[i]);
   ck_assert_int_eq(D("1970-01-02") - D("1970-01-01"), 1);
   ck_assert_int_eq(D("2025-03-01") - D("2025-02-28"), 1);
   ck_assert_int_eq(D("2024-03-01") - D("2024-02-28"), 2);
}
END_TEST

START_TEST(test_malformed_dates_are_refused_with_the_expected_form) {
   static const char *const bad[] = { "2025-02-29", "2025-13-01", "2025-00-10", "25-12-19", "2025-12-19x",
                                      "2025/12/19", "", "2025-1-9", "tomorrow" };
   for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
      RdDate d;
      RdError err;
      ck_assert_int_eq(datetime_parse_date(bad[i], &d, &err), RD_EINPUT);
      ck_assert_msg(strstr(err.message, "YYYY-MM-DD") != NULL, "%s", err.message);
   }
}
END_TEST

START_TEST(test_weekdays_and_easter) {
   ck_assert_int_eq(datetime_weekday(D("2025-12-19")), WEEKDAY_FRIDAY);
   ck_assert_int_eq(datetime_weekday(D("1970-01-01")), WEEKDAY_THURSDAY);
   ck_assert_int_eq(datetime_weekday(D("1969-12-28")), WEEKDAY_SUNDAY);
   ck_assert_str_eq(fmt_date(datetime_easter_sunday(2024)), "2024-03-31");
   ck_assert_str_eq(fmt_date(datetime_easter_sunday(2025)), "2025-04-20");
   ck_assert_str_eq(fmt_date(datetime_easter_sunday(2026)), "2026-04-05");
   ck_assert_str_eq(fmt_date(datetime_easter_sunday(2030)), "2030-04-21");
}
END_TEST

START_TEST(test_adding_months_keeps_the_day_or_clamps_to_month_end) {
   ck_assert_str_eq(fmt_date(datetime_add_months(D("2025-01-31"), 1)), "2025-02-28");
   ck_assert_str_eq(fmt_date(datetime_add_months(D("2024-01-31"), 1)), "2024-02-29");
   ck_assert_str_eq(fmt_date(datetime_add_months(D("2025-12-19"), -12)), "2024-12-19");
   ck_assert_str_eq(fmt_date(datetime_add_months(D("2025-12-19"), -6)), "2025-06-19");
   ck_assert_str_eq(fmt_date(datetime_add_months(D("2024-02-29"), -12)), "2023-02-28");
   ck_assert_str_eq(fmt_date(datetime_add_months(D("2025-11-30"), 3)), "2026-02-28");
}
END_TEST

START_TEST(test_uk_summer_time_starts_and_ends_at_one_utc_on_the_last_sundays) {
   ck_assert_int_eq(datetime_uk_offset_seconds(T("2025-03-30T00:59:59Z")), 0);
   ck_assert_int_eq(datetime_uk_offset_seconds(T("2025-03-30T01:00:00Z")), 3600);
   ck_assert_int_eq(datetime_uk_offset_seconds(T("2025-10-26T00:59:59Z")), 3600);
   ck_assert_int_eq(datetime_uk_offset_seconds(T("2025-10-26T01:00:00Z")), 0);
   ck_assert_int_eq(datetime_uk_offset_seconds(T("2026-03-29T01:00:00Z")), 3600);
}
END_TEST

START_TEST(test_local_times_without_a_zone_are_uk_time) {
   ck_assert_str_eq(fmt_instant(T("2025-12-19T10:00")), "2025-12-19T10:00:00Z");
   ck_assert_str_eq(fmt_instant(T("2025-07-01T10:00")), "2025-07-01T09:00:00Z");
   ck_assert_str_eq(fmt_instant(T("2025-07-01T10:00:30Z")), "2025-07-01T10:00:30Z");
   ck_assert_str_eq(fmt_instant(T("2025-07-01T10:00+02:00")), "2025-07-01T08:00:00Z");
   ck_assert_str_eq(fmt_instant(T("2025-07-01")), "2025-06-30T23:00:00Z");
   /* The hour that does not exist in spring is read as winter time; the hour that
    * happens twice in autumn as its first, summer, occurrence. */
   ck_assert_str_eq(fmt_instant(T("2025-03-30T01:30")), "2025-03-30T01:30:00Z");
   ck_assert_str_eq(fmt_instant(T("2025-10-26T01:30")), "2025-10-26T00:30:00Z");
   ck_assert_str_eq(fmt_date(datetime_local_date(T("2025-06-30T23:30Z"))), "2025-07-01");
   ck_assert_int_eq(datetime_local_minute_of_day(T("2025-06-30T23:30Z")), 30);
   char buf[17];
   datetime_format_local(T("2025-07-01T16:45Z"), buf);
   ck_assert_str_eq(buf, "2025-07-01 17:45");
}
END_TEST

/* Found by fuzzing: an offset must not carry an instant outside the years a date can be
 * written in, or it could not be read back. */
START_TEST(test_instants_stay_within_the_years_dates_can_be_written_in) {
   RdInstant t;
   RdError err;
   ck_assert_int_eq(datetime_parse_instant("2999-12-31T23:59-14:00", &t, &err), RD_EINPUT);
   ck_assert(strstr(err.message, "1900 to 2999") != NULL);
   ck_assert_int_eq(datetime_parse_instant("1900-01-01T00:00+14:00", &t, &err), RD_EINPUT);
   ck_assert_int_eq(datetime_parse_instant("2999-12-31T09:00Z", &t, &err), RD_OK);
}
END_TEST

START_TEST(test_malformed_instants_say_how_to_write_them) {
   static const char *const bad[] = { "2025-12-19T25:00", "2025-12-19T10", "2025-12-19 10:00:61",
                                      "2025-12-19T10:00+2", "2025-12-19T10:00Q", "now" };
   for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
      RdInstant t;
      RdError err;
      ck_assert_msg(datetime_parse_instant(bad[i], &t, &err) == RD_EINPUT, "%s accepted", bad[i]);
      ck_assert(strstr(err.message, "YYYY-MM-DDTHH:MM") != NULL);
   }
}
END_TEST

START_TEST(test_redress_now_starts_the_clock_which_then_runs_on) {
   setenv("REDRESS_NOW", "2025-12-19T23:59:59", 1);
   RdError err;
   ck_assert_int_eq(clock_start_from_env(&err), RD_OK);
   ck_assert(clock_is_fixed());
   RdInstant start = clock_now();
   ck_assert_str_eq(fmt_instant(start), "2025-12-19T23:59:59Z");
   ck_assert_str_eq(fmt_date(clock_today()), "2025-12-19");
   usleep(1100 * 1000);
   ck_assert_int_ge(clock_now() - start, 1);
   ck_assert_int_le(clock_now() - start, 3);
   ck_assert_str_eq(fmt_date(clock_today()), "2025-12-20");
   unsetenv("REDRESS_NOW");
}
END_TEST

START_TEST(test_a_bad_redress_now_is_refused_naming_the_variable) {
   setenv("REDRESS_NOW", "19/12/2025", 1);
   RdError err;
   ck_assert_int_eq(clock_start_from_env(&err), RD_EINPUT);
   ck_assert(strstr(err.message, "REDRESS_NOW") != NULL);
   unsetenv("REDRESS_NOW");
   ck_assert_int_eq(clock_start_from_env(&err), RD_OK);
   ck_assert(!clock_is_fixed());
}
END_TEST

static Suite *datetime_suite(void) {
   Suite *s = suite_create("datetime");
   TCase *tc = tcase_create("datetime");
   tcase_add_test(tc, test_dates_round_trip_through_text);
   tcase_add_test(tc, test_malformed_dates_are_refused_with_the_expected_form);
   tcase_add_test(tc, test_weekdays_and_easter);
   tcase_add_test(tc, test_adding_months_keeps_the_day_or_clamps_to_month_end);
   tcase_add_test(tc, test_uk_summer_time_starts_and_ends_at_one_utc_on_the_last_sundays);
   tcase_add_test(tc, test_local_times_without_a_zone_are_uk_time);
   tcase_add_test(tc, test_instants_stay_within_the_years_dates_can_be_written_in);
   tcase_add_test(tc, test_malformed_instants_say_how_to_write_them);
   tcase_add_test(tc, test_redress_now_starts_the_clock_which_then_runs_on);
   tcase_add_test(tc, test_a_bad_redress_now_is_refused_naming_the_variable);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(datetime_suite());
}
