/* Working-day calendar: the shipped bank holidays equal the official lists, and
 * working-day counts follow the Code's rule that the starting day is day 0. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/calendar.h"
#include "testutil.h"

static Calendar *cal;

static void setup(void) {
   cal = test_calendar();
}

static void teardown(void) {
   calendar_free(cal);
}

typedef struct Expect {
   Division division;
   const char *date;
   const char *title_part;
} Expect;

#define EW DIVISION_ENGLAND_WALES
#define SC DIVISION_SCOTLAND
#define NI DIVISION_NORTHERN_IRELAND

/* Every one-off and every substitute day 2018-2030, as GOV.UK lists them. */
static const Expect special_days[] = {
   /* 2020: early May moved to Friday 8 May for VE day, in every division. */
   { EW, "2020-05-08", "VE day" }, { SC, "2020-05-08", "VE day" }, { NI, "2020-05-08", "VE day" },
   /* 2022: spring holiday moved to Thursday 2 June, Platinum Jubilee Friday 3 June,
    * State Funeral Monday 19 September. */
   { EW, "2022-06-02", "Spring" }, { EW, "2022-06-03", "Jubilee" }, { EW, "2022-09-19", "Funeral" },
   { SC, "2022-06-02", "Spring" }, { SC, "2022-06-03", "Jubilee" }, { SC, "2022-09-19", "Funeral" },
   { NI, "2022-06-02", "Spring" }, { NI, "2022-06-03", "Jubilee" }, { NI, "2022-09-19", "Funeral" },
   /* 2023: the coronation, Monday 8 May. */
   { EW, "2023-05-08", "coronation" }, { SC, "2023-05-08", "coronation" }, { NI, "2023-05-08", "coronation" },
   /* Substitutes, England and Wales. */
   { EW, "2020-12-28", "Boxing" }, { EW, "2021-12-27", "Christmas" }, { EW, "2021-12-28", "Boxing" },
   { EW, "2022-01-03", "New Year" }, { EW, "2022-12-27", "Christmas" }, { EW, "2023-01-02", "New Year" },
   { EW, "2026-12-28", "Boxing" }, { EW, "2027-12-27", "Christmas" }, { EW, "2027-12-28", "Boxing" },
   { EW, "2028-01-03", "New Year" },
   /* Substitutes, Scotland (2 January and St Andrew's Day too). */
   { SC, "2019-12-02", "Andrew" }, { SC, "2020-12-28", "Boxing" }, { SC, "2021-01-04", "2nd January" },
   { SC, "2021-12-27", "Christmas" }, { SC, "2021-12-28", "Boxing" }, { SC, "2022-01-03", "New Year" },
   { SC, "2022-01-04", "2nd January" }, { SC, "2022-12-27", "Christmas" }, { SC, "2023-01-03", "New Year" },
   { SC, "2024-12-02", "Andrew" }, { SC, "2025-12-01", "Andrew" }, { SC, "2026-12-28", "Boxing" },
   { SC, "2027-01-04", "2nd January" }, { SC, "2027-12-27", "Christmas" }, { SC, "2027-12-28", "Boxing" },
   { SC, "2028-01-03", "New Year" }, { SC, "2028-01-04", "2nd January" }, { SC, "2030-12-02", "Andrew" },
   /* Substitutes, Northern Ireland (St Patrick's Day and the Boyne too). */
   { NI, "2018-03-19", "Patrick" }, { NI, "2019-03-18", "Patrick" }, { NI, "2020-07-13", "Boyne" },
   { NI, "2020-12-28", "Boxing" }, { NI, "2021-12-27", "Christmas" }, { NI, "2021-12-28", "Boxing" },
   { NI, "2022-01-03", "New Year" }, { NI, "2022-12-27", "Christmas" }, { NI, "2023-01-02", "New Year" },
   { NI, "2024-03-18", "Patrick" }, { NI, "2025-07-14", "Boyne" }, { NI, "2026-07-13", "Boyne" },
   { NI, "2026-12-28", "Boxing" }, { NI, "2027-12-27", "Christmas" }, { NI, "2027-12-28", "Boxing" },
   { NI, "2028-01-03", "New Year" }, { NI, "2029-03-19", "Patrick" }, { NI, "2030-03-18", "Patrick" },
};

/* The usual dates that the one-offs replaced are ordinary working days. */
static const Expect replaced_days[] = {
   { EW, "2020-05-04", NULL }, { SC, "2020-05-04", NULL }, { NI, "2020-05-04", NULL },
   { EW, "2022-05-30", NULL }, { SC, "2022-05-30", NULL }, { NI, "2022-05-30", NULL },
};

START_TEST(test_shipped_holidays_match_official_one_offs_and_substitutes) {
   const Expect *e = &special_days[_i];
   const Holiday *h = calendar_holiday_on(cal, e->division, D(e->date));
   ck_assert_msg(h != NULL, "%s: %s is missing", calendar_division_name(e->division), e->date);
   ck_assert_msg(strstr(h->title, e->title_part) != NULL, "%s %s is \"%s\", expected \"%s\"",
                 calendar_division_name(e->division), e->date, h->title, e->title_part);
   ck_assert(!calendar_is_workday(cal, e->division, D(e->date)));
}
END_TEST

START_TEST(test_replaced_usual_dates_are_working_days) {
   const Expect *e = &replaced_days[_i];
   ck_assert_msg(calendar_is_workday(cal, e->division, D(e->date)), "%s should be a working day in %s",
                 e->date, calendar_division_name(e->division));
}
END_TEST

/* Holidays a year holds: England and Wales 8, Scotland 9, Northern Ireland 10, plus the
 * one-offs (2022 two more, 2023 one more). */
START_TEST(test_each_year_has_the_official_number_of_holidays) {
   static const int usual[DIVISION_COUNT] = { 8, 9, 10 };
   for (int d = 0; d < DIVISION_COUNT; d++) {
      for (int year = 2018; year <= 2030; year++) {
         int expected = usual[d] + (year == 2022 ? 2 : 0) + (year == 2023 ? 1 : 0);
         int found = 0;
         for (size_t i = 0; i < calendar_holiday_count(cal, (Division)d); i++) {
            int y;
            datetime_to_ymd(calendar_holiday_at(cal, (Division)d, i)->date, &y, NULL, NULL);
            found += y == year;
         }
         ck_assert_msg(found == expected, "%s %d: %d holidays, expected %d",
                       calendar_division_name((Division)d), year, found, expected);
      }
   }
}
END_TEST

START_TEST(test_no_shipped_holiday_falls_on_a_weekend) {
   for (int d = 0; d < DIVISION_COUNT; d++)
      for (size_t i = 0; i < calendar_holiday_count(cal, (Division)d); i++) {
         RdDate date = calendar_holiday_at(cal, (Division)d, i)->date;
         ck_assert_msg(datetime_weekday(date) < WEEKDAY_SATURDAY, "%s on a weekend", fmt_date(date));
      }
}
END_TEST

START_TEST(test_holidays_known_2018_to_2030_in_every_division) {
   for (int d = 0; d < DIVISION_COUNT; d++) {
      ck_assert_int_eq(calendar_first_known_year(cal, (Division)d), 2018);
      ck_assert_int_eq(calendar_last_known_year(cal, (Division)d), 2030);
      ck_assert(calendar_knows(cal, (Division)d, D("2030-12-31")));
      ck_assert(!calendar_knows(cal, (Division)d, D("2031-01-01")));
      ck_assert(!calendar_knows_range(cal, (Division)d, D("2030-12-20"), D("2031-01-10")));
   }
}
END_TEST

typedef struct DueCase {
   Division division;
   const char *start;
   int n;
   const char *due;
   const char *why;
} DueCase;

static const DueCase due_cases[] = {
   { EW, "2025-12-19", 5, "2025-12-30", "over Christmas and Boxing Day (the issue's own example)" },
   { EW, "2025-12-19", 0, "2025-12-19", "N = 0 is the start day itself" },
   { EW, "2025-12-20", 0, "2025-12-20", "N = 0 on a Saturday is still that Saturday" },
   { EW, "2025-12-20", 1, "2025-12-22", "a Saturday start counts Monday as day 1" },
   { EW, "2025-12-25", 1, "2025-12-29", "a holiday start skips Boxing Day and the weekend" },
   { EW, "2026-12-24", 1, "2026-12-29", "Boxing Day substitute on Monday 28th" },
   { EW, "2027-12-24", 1, "2027-12-29", "both Christmas substitutes" },
   { EW, "2026-12-31", 1, "2027-01-04", "over New Year into the next year" },
   { EW, "2025-01-01", 253, "2025-12-31", "a whole year: 2025 has 253 working days" },
   { EW, "2025-04-17", 1, "2025-04-22", "over Good Friday and Easter Monday" },
   { EW, "2025-05-02", 1, "2025-05-06", "over the early May holiday" },
   { SC, "2025-04-17", 1, "2025-04-21", "Scotland: Good Friday is a holiday, Easter Monday is not" },
   { SC, "2025-04-17", 2, "2025-04-22", "Scotland: the day after Easter Monday" },
   { SC, "2025-11-28", 1, "2025-12-02", "Scotland: St Andrew's Day substitute on Monday 1st" },
   { EW, "2025-11-28", 1, "2025-12-01", "England: 1 December 2025 is a working day" },
   { SC, "2025-08-01", 1, "2025-08-05", "Scotland: summer holiday is the first Monday of August" },
   { EW, "2025-08-01", 1, "2025-08-04", "England: the first Monday of August is a working day" },
   { NI, "2026-07-10", 1, "2026-07-14", "Northern Ireland: the Boyne substitute on Monday 13th" },
   { NI, "2025-03-14", 1, "2025-03-18", "Northern Ireland: St Patrick's Day on Monday 17th" },
   { EW, "2020-05-07", 1, "2020-05-11", "2020: VE day Friday" },
   { EW, "2022-06-01", 1, "2022-06-06", "2022: Jubilee Thursday and Friday" },
   { EW, "2026-03-30", 20, "2026-04-29", "Easter 2026 inside a 20-day count" },
   { EW, "2031-01-03", 5, "2031-01-10", "beyond the known years, weekends still count" },
};

START_TEST(test_due_date_counts_working_days_from_day_zero) {
   const DueCase *c = &due_cases[_i];
   RdDate got = calendar_add_workdays(cal, c->division, D(c->start), c->n);
   ck_assert_msg(got == D(c->due), "%s + %d in %s = %s, expected %s (%s)", c->start, c->n,
                 calendar_division_name(c->division), fmt_date(got), c->due, c->why);
   /* Counting back from the due date gives the same number of working days. */
   if (c->n > 0)
      ck_assert_int_eq(calendar_workdays_between(cal, c->division, D(c->start), got), c->n);
}
END_TEST

START_TEST(test_workdays_between_counts_after_from_up_to_and_including_to) {
   ck_assert_int_eq(calendar_workdays_between(cal, EW, D("2025-12-19"), D("2025-12-19")), 0);
   ck_assert_int_eq(calendar_workdays_between(cal, EW, D("2025-12-19"), D("2025-12-22")), 1);
   ck_assert_int_eq(calendar_workdays_between(cal, EW, D("2025-12-19"), D("2025-12-30")), 5);
   ck_assert_int_eq(calendar_workdays_between(cal, EW, D("2025-12-30"), D("2025-12-19")), -5);
   ck_assert_int_eq(calendar_workdays_between(cal, EW, D("2024-12-31"), D("2025-12-31")), 253);
}
END_TEST

START_TEST(test_received_after_closing_or_on_a_non_working_day_counts_from_next_working_day) {
   OfficeHours hours = { 9 * 60, 17 * 60 };
   ck_assert_str_eq(fmt_date(calendar_start_day(cal, EW, &hours, T("2025-12-19T16:59"))), "2025-12-19");
   ck_assert_str_eq(fmt_date(calendar_start_day(cal, EW, &hours, T("2025-12-19T17:00"))), "2025-12-22");
   ck_assert_str_eq(fmt_date(calendar_start_day(cal, EW, &hours, T("2025-12-20T10:00"))), "2025-12-22");
   ck_assert_str_eq(fmt_date(calendar_start_day(cal, EW, &hours, T("2025-12-25T10:00"))), "2025-12-29");
   ck_assert_str_eq(fmt_date(calendar_start_day(cal, EW, &hours, T("2025-12-22T07:30"))), "2025-12-22");
   /* Summer time: 16:30 local is 15:30 UTC, before closing. */
   ck_assert_str_eq(fmt_date(calendar_start_day(cal, EW, &hours, T("2025-07-01T15:30Z"))), "2025-07-01");
   ck_assert_str_eq(fmt_date(calendar_start_day(cal, EW, &hours, T("2025-07-01T16:30Z"))), "2025-07-02");
}
END_TEST

START_TEST(test_import_merges_duplicates_across_a_govuk_file) {
   const char *json =
      "{\"england-and-wales\":{\"division\":\"england-and-wales\",\"events\":["
      "{\"title\":\"New Year's Day\",\"date\":\"2031-01-01\",\"notes\":\"\",\"bunting\":true},"
      "{\"title\":\"Christmas Day\",\"date\":\"2025-12-25\",\"notes\":\"\",\"bunting\":true}]},"
      "\"scotland\":{\"division\":\"scotland\",\"events\":["
      "{\"title\":\"2nd January\",\"date\":\"2031-01-02\",\"notes\":\"\",\"bunting\":true}]}}";
   size_t before = calendar_holiday_count(cal, EW);
   RdError err;
   ck_assert_int_eq(calendar_merge_json(cal, json, strlen(json), "test", &err), RD_OK);
   ck_assert_uint_eq(calendar_holiday_count(cal, EW), before + 1);
   ck_assert(calendar_knows(cal, EW, D("2031-06-01")));
   ck_assert(!calendar_is_workday(cal, SC, D("2031-01-02")));
   ck_assert(calendar_is_workday(cal, EW, D("2031-01-02")));
}
END_TEST

typedef struct BadJson {
   const char *text;
   const char *message_part;
} BadJson;

static const BadJson bad_json[] = {
   { "{\"england-and-wales\": {\"events\": [", "not valid JSON" },
   { "[1, 2, 3]", "expected an object of divisions" },
   { "{\"wales\": {\"events\": []}}", "unknown division \"wales\"" },
   { "{\"scotland\": {\"division\": \"scotland\"}}", "no \"events\" list" },
   { "{\"scotland\": {\"events\": [{\"title\": \"X\", \"date\": \"2031-02-30\"}]}}", "not a date" },
   { "{\"scotland\": {\"events\": [{\"date\": \"2031-02-03\"}]}}", "needs a \"title\"" },
   { "{\"england-and-wales\": {\"events\": [{\"title\": \"A\", \"date\": \"2031-05-05\"}]},"
     " \"scotland\": {\"events\": [{\"title\": \"B\", \"date\": \"soon\"}]}}", "not a date" },
   { "{}", "holds no divisions" },
};

START_TEST(test_bad_holiday_json_is_refused_and_nothing_changes) {
   size_t before[DIVISION_COUNT];
   for (int d = 0; d < DIVISION_COUNT; d++)
      before[d] = calendar_holiday_count(cal, (Division)d);
   RdError err;
   const BadJson *b = &bad_json[_i];
   ck_assert_int_eq(calendar_merge_json(cal, b->text, strlen(b->text), "file.json", &err), RD_EINPUT);
   ck_assert_msg(strstr(err.message, b->message_part) != NULL, "message \"%s\" lacks \"%s\"", err.message,
                 b->message_part);
   ck_assert_msg(strncmp(err.message, "file.json", 9) == 0, "message should name the file: %s", err.message);
   for (int d = 0; d < DIVISION_COUNT; d++)
      ck_assert_uint_eq(calendar_holiday_count(cal, (Division)d), before[d]);
   ck_assert(!calendar_knows(cal, EW, D("2031-05-05")));
}
END_TEST

START_TEST(test_division_names_are_govuk_keys) {
   Division d;
   RdError err;
   ck_assert_int_eq(calendar_division_parse("scotland", &d, &err), RD_OK);
   ck_assert_int_eq(d, SC);
   ck_assert_int_eq(calendar_division_parse("england", &d, &err), RD_EINPUT);
   ck_assert(strstr(err.message, "england-and-wales") != NULL);
}
END_TEST

static Suite *calendar_suite(void) {
   Suite *s = suite_create("calendar");
   TCase *tc = tcase_create("calendar");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_loop_test(tc, test_shipped_holidays_match_official_one_offs_and_substitutes, 0,
                       (int)(sizeof special_days / sizeof *special_days));
   tcase_add_loop_test(tc, test_replaced_usual_dates_are_working_days, 0,
                       (int)(sizeof replaced_days / sizeof *replaced_days));
   tcase_add_test(tc, test_each_year_has_the_official_number_of_holidays);
   tcase_add_test(tc, test_no_shipped_holiday_falls_on_a_weekend);
   tcase_add_test(tc, test_holidays_known_2018_to_2030_in_every_division);
   tcase_add_loop_test(tc, test_due_date_counts_working_days_from_day_zero, 0,
                       (int)(sizeof due_cases / sizeof *due_cases));
   tcase_add_test(tc, test_workdays_between_counts_after_from_up_to_and_including_to);
   tcase_add_test(tc, test_received_after_closing_or_on_a_non_working_day_counts_from_next_working_day);
   tcase_add_test(tc, test_import_merges_duplicates_across_a_govuk_file);
   tcase_add_loop_test(tc, test_bad_holiday_json_is_refused_and_nothing_changes, 0,
                       (int)(sizeof bad_json / sizeof *bad_json));
   tcase_add_test(tc, test_division_names_are_govuk_keys);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(calendar_suite());
}
