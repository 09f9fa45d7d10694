/* Policy profiles: every shipped profile holds its seed's own numbers, and due dates
 * follow from them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/policy.h"
#include "redress/xalloc.h"
#include "testutil.h"

static Calendar *cal;
static char *dir;

static void setup(void) {
   cal = test_calendar();
   dir = test_tmpdir();
}

static void teardown(void) {
   calendar_free(cal);
   test_rmtree(dir);
   free(dir);
}

static Policy load(const char *name) {
   Policy p;
   RdError err;
   ck_assert_msg(policy_load(name, NULL, test_datadir(), &p, &err) == RD_OK, "%s", err.message);
   return p;
}

static StageDue due_for(const Policy *p, int stage, const char *start, const char *acked, const char *agreed) {
   StageDates dates = { D(start), acked ? D(acked) : RD_NO_DATE, agreed ? D(agreed) : RD_NO_DATE };
   StageDue due;
   policy_stage_due(p, cal, DIVISION_ENGLAND_WALES, stage, &dates, &due);
   return due;
}

/* Code 6.2, 6.3, 6.4, 6.11, stage 2 response and extension. */
START_TEST(test_ombudsman_2024_profile_holds_the_codes_timescales) {
   Policy p = load("ombudsman-2024");
   ck_assert_int_eq(p.stage[0].acknowledge.days, 5);
   ck_assert_int_eq(p.stage[0].acknowledge.from, ANCHOR_START);
   ck_assert_int_eq(p.stage[0].respond.days, 10);
   ck_assert_int_eq(p.stage[0].respond.from, ANCHOR_ACKNOWLEDGEMENT);
   ck_assert_int_eq(p.stage[0].extension_days, 10);
   ck_assert_int_eq(p.stage[1].acknowledge.days, 5);
   ck_assert_int_eq(p.stage[1].respond.days, 20);
   ck_assert_int_eq(p.stage[1].respond.from, ANCHOR_ACKNOWLEDGEMENT);
   ck_assert_int_eq(p.stage[1].extension_days, 20);
   ck_assert_int_eq(p.escalation_unit, ESCALATION_ANY_TIME);
   ck_assert_int_eq(p.eligibility_months, 12);
}
END_TEST

/* Seed 000: acknowledge in 5, respond in 10 from receipt, no later than 20 from receipt;
 * stage 2 within 20 of the request, no later than 30; quick contact within 24 hours. */
START_TEST(test_seed_000_profile_gives_five_ten_and_the_twenty_and_thirty_day_caps) {
   Policy p = load("five-ten-capped-twenty");
   ck_assert_int_eq(p.stage[0].acknowledge.days, 5);
   ck_assert_int_eq(p.stage[0].respond.days, 10);
   ck_assert_int_eq(p.stage[0].respond.from, ANCHOR_START);
   ck_assert_int_eq(p.stage[0].cap.days, 20);
   ck_assert_int_eq(p.stage[0].cap.from, ANCHOR_START);
   ck_assert_int_eq(p.stage[1].respond.days, 20);
   ck_assert_int_eq(p.stage[1].respond.from, ANCHOR_START);
   ck_assert_int_eq(p.stage[1].cap.days, 30);
   ck_assert_int_eq(p.quick_resolution_hours, 24);
   ck_assert_int_eq(p.eligibility_months, 12);
}
END_TEST

/* Seed 002: decision 10 WD from receipt (+10); stage 2 20 WD after the escalation is
 * acknowledged; twelve-month limit. */
START_TEST(test_seed_002_profile_gives_ten_plus_ten_and_twenty_from_acknowledgement) {
   Policy p = load("ten-from-receipt-twenty-from-ack");
   ck_assert_int_eq(p.stage[0].respond.days, 10);
   ck_assert_int_eq(p.stage[0].respond.from, ANCHOR_START);
   ck_assert_int_eq(p.stage[0].extension_days, 10);
   ck_assert_int_eq(p.stage[1].respond.days, 20);
   ck_assert_int_eq(p.stage[1].respond.from, ANCHOR_ACKNOWLEDGEMENT);
   ck_assert_int_eq(p.eligibility_months, 12);
}
END_TEST

/* Seed 003: acknowledge in 1 WD, agreed resolution dates, appeals within a calendar month
 * of closure acknowledged in 2 WD, closure for no contact after 10 / 20 WD. */
START_TEST(test_seed_003_profile_gives_one_day_ack_agreed_dates_and_no_contact_closure) {
   Policy p = load("one-day-ack-agreed-dates");
   ck_assert_int_eq(p.stage[0].acknowledge.days, 1);
   ck_assert_int_eq(p.stage[0].respond.from, ANCHOR_AGREED);
   ck_assert(p.stage[0].extension_agreed);
   ck_assert_int_eq(p.stage[1].acknowledge.days, 2);
   ck_assert_int_eq(p.escalation_unit, ESCALATION_CALENDAR_MONTHS);
   ck_assert_int_eq(p.escalation_within, 1);
   ck_assert_int_eq(p.escalation_from, ESCALATION_FROM_CLOSURE);
   ck_assert_int_eq(p.no_contact_after_raising, 10);
   ck_assert_int_eq(p.no_contact_after_response, 20);
}
END_TEST

/* Seed 004: acknowledge in 3 WD, respond in 10 WD of initial contact, escalate within 20
 * days, six-month limit, survey 20 days after, resolution at first contact. */
START_TEST(test_seed_004_profile_gives_three_ten_twenty_day_escalation_and_six_months) {
   Policy p = load("three-ten-six-months");
   ck_assert_int_eq(p.stage[0].acknowledge.days, 3);
   ck_assert_int_eq(p.stage[0].respond.days, 10);
   ck_assert_int_eq(p.stage[0].respond.from, ANCHOR_START);
   ck_assert_int_eq(p.escalation_unit, ESCALATION_CALENDAR_DAYS);
   ck_assert_int_eq(p.escalation_within, 20);
   ck_assert_int_eq(p.eligibility_months, 6);
   ck_assert_int_eq(p.survey_delay_days, 20);
   ck_assert_int_eq(p.quick_resolution_hours, 0);
}
END_TEST

START_TEST(test_code_response_counts_from_the_acknowledgement_once_made) {
   Policy p = load("ombudsman-2024");
   StageDue due = due_for(&p, 1, "2025-12-19", NULL, NULL);
   ck_assert_str_eq(fmt_date(due.acknowledge), "2025-12-30");
   ck_assert(due.respond_provisional);
   ck_assert_str_eq(fmt_date(due.respond), "2026-01-14");
   due = due_for(&p, 1, "2025-12-19", "2025-12-22", NULL);
   ck_assert(!due.respond_provisional);
   ck_assert_str_eq(fmt_date(due.respond), "2026-01-08");
   ck_assert_str_eq(fmt_date(due.extension_limit), "2026-01-22");
   due = due_for(&p, 2, "2026-02-02", "2026-02-04", NULL);
   ck_assert_str_eq(fmt_date(due.acknowledge), "2026-02-09");
   ck_assert_str_eq(fmt_date(due.respond), "2026-03-04");
   ck_assert_str_eq(fmt_date(due.extension_limit), "2026-04-01");
}
END_TEST

START_TEST(test_seed_000_extension_stops_at_twenty_working_days_from_receipt) {
   Policy p = load("five-ten-capped-twenty");
   StageDue due = due_for(&p, 1, "2025-12-19", "2025-12-22", NULL);
   ck_assert_str_eq(fmt_date(due.respond), "2026-01-07");
   ck_assert_str_eq(fmt_date(due.extension_limit), "2026-01-21");
   due = due_for(&p, 2, "2026-02-02", NULL, NULL);
   ck_assert_str_eq(fmt_date(due.respond), "2026-03-02");
   ck_assert_str_eq(fmt_date(due.extension_limit), "2026-03-16");
}
END_TEST

START_TEST(test_agreed_dates_wait_for_the_agreement_and_have_no_fixed_limit) {
   Policy p = load("one-day-ack-agreed-dates");
   StageDue due = due_for(&p, 1, "2025-12-19", NULL, NULL);
   ck_assert_str_eq(fmt_date(due.acknowledge), "2025-12-22");
   ck_assert_int_eq(due.respond, RD_NO_DATE);
   due = due_for(&p, 1, "2025-12-19", "2025-12-22", "2026-01-16");
   ck_assert_str_eq(fmt_date(due.respond), "2026-01-16");
   ck_assert_int_eq(due.extension_limit, RD_NO_DATE);
}
END_TEST

START_TEST(test_escalation_windows_follow_each_policy) {
   Policy code = load("ombudsman-2024");
   Policy four = load("three-ten-six-months");
   Policy three = load("one-day-ack-agreed-dates");
   ck_assert_int_eq(policy_escalation_deadline(&code, cal, DIVISION_ENGLAND_WALES, D("2026-01-07"), RD_NO_DATE),
                    RD_NO_DATE);
   ck_assert_str_eq(fmt_date(policy_escalation_deadline(&four, cal, DIVISION_ENGLAND_WALES, D("2026-01-07"),
                                                        RD_NO_DATE)), "2026-01-27");
   ck_assert_str_eq(fmt_date(policy_escalation_deadline(&three, cal, DIVISION_ENGLAND_WALES, D("2026-01-07"),
                                                        D("2026-01-31"))), "2026-02-28");
}
END_TEST

START_TEST(test_eligibility_window_is_twelve_or_six_months_before_receipt) {
   Policy code = load("ombudsman-2024");
   Policy four = load("three-ten-six-months");
   ck_assert_str_eq(fmt_date(policy_eligibility_cutoff(&code, D("2025-12-19"))), "2024-12-19");
   ck_assert_str_eq(fmt_date(policy_eligibility_cutoff(&four, D("2025-12-19"))), "2025-06-19");
}
END_TEST

START_TEST(test_every_shipped_profile_reads_back_in_plain_english) {
   size_t n;
   char **names = policy_list(NULL, test_datadir(), &n);
   ck_assert_uint_eq(n, 5);
   for (size_t i = 0; i < n; i++) {
      Policy p = load(names[i]);
      char *text = NULL;
      size_t len = 0;
      FILE *f = open_memstream(&text, &len);
      policy_describe(&p, f);
      fclose(f);
      ck_assert_msg(strstr(text, "Stage 1") && strstr(text, "Stage 2"), "%s", names[i]);
      ck_assert(strstr(text, p.name) == text);
      char *line = strtok(text, "\n");
      for (; line; line = strtok(NULL, "\n"))
         ck_assert_msg(strlen(line) <= 79, "%s: line longer than 79: %s", names[i], line);
      free(text);
      free(names[i]);
   }
   free(names);
   Policy p = load("three-ten-six-months");
   char *text = NULL;
   size_t len = 0;
   FILE *f = open_memstream(&text, &len);
   policy_describe(&p, f);
   fclose(f);
   ck_assert(strstr(text, "Acknowledge within 3 working days of receipt") != NULL);
   ck_assert(strstr(text, "more than 6 months") != NULL);
   ck_assert(strstr(text, "within 20 days of the stage 1 response") != NULL);
   free(text);
}
END_TEST

typedef struct BadProfile {
   const char *text;
   const char *message_part;
} BadProfile;

static const BadProfile bad_profiles[] = {
   { "name = \"bad\"; stage1 = { acknowledge = { days = 5; from = \"receipt\"; }; };\n"
     "stage2 = { respond = { days = 20; from = \"request\"; }; };\n", "needs a 'respond'" },
   { "name = \"bad\"; stage1 = { respond = { days = 5; from = \"tuesday\"; }; };\n"
     "stage2 = { respond = { days = 20; from = \"request\"; }; };\n", "'from' must be" },
   { "name = \"bad\"; stage1 = { respond = { days = 5; from = \"receipt\"; }; };\n", "no 'stage2'" },
   { "name = \"bad\"; stage1 = { respond = { days = 500; from = \"receipt\"; }; };\n"
     "stage2 = { respond = { days = 20; from = \"request\"; }; };\n", "between 0 and 120" },
   { "name = \"bad\"; stage1 = { respond = { days = 5; from = \"receipt\"; }; };\n"
     "stage2 = { respond = { days = 20; from = \"request\"; }; }; colour = 1;\n", "unknown setting 'colour'" },
   { "name = \"other\"; stage1 = { respond = { days = 5; from = \"receipt\"; }; };\n"
     "stage2 = { respond = { days = 20; from = \"request\"; }; };\n", "file is called bad.conf" },
   { "name = \"bad\"; stage1 = { respond = { days = 5; from = \"acknowledgement\"; }; };\n"
     "stage2 = { respond = { days = 20; from = \"request\"; }; };\n", "sets no acknowledgement" },
};

START_TEST(test_a_bad_profile_is_refused_with_its_line) {
   char *path = test_write_file(dir, "bad.conf", bad_profiles[_i].text);
   Policy p;
   RdError err;
   ck_assert_int_eq(policy_load("bad", dir, test_datadir(), &p, &err), RD_ECONFIG);
   ck_assert_msg(strstr(err.message, bad_profiles[_i].message_part) != NULL, "%s", err.message);
   ck_assert_msg(strstr(err.message, path) == err.message, "should name the file: %s", err.message);
   free(path);
}
END_TEST

/* A profile with a cap and no extension group means "extend up to the cap", and says so. */
START_TEST(test_a_cap_without_an_extension_group_limits_extensions_to_the_cap) {
   char *path = test_write_file(dir, "capped.conf",
                                "name = \"capped\";\n"
                                "stage1 = { respond = { days = 10; from = \"receipt\"; };\n"
                                "           cap = { days = 20; from = \"receipt\"; }; };\n"
                                "stage2 = { respond = { days = 20; from = \"request\"; }; };\n");
   Policy p;
   RdError err;
   ck_assert_msg(policy_load("capped", dir, test_datadir(), &p, &err) == RD_OK, "%s", err.message);
   StageDue due = due_for(&p, 1, "2025-12-19", NULL, NULL);
   ck_assert_str_eq(fmt_date(due.extension_limit), "2026-01-21");
   due = due_for(&p, 2, "2026-02-02", NULL, NULL);
   ck_assert_str_eq(fmt_date(due.extension_limit), fmt_date(due.respond));
   char *text = NULL;
   size_t len = 0;
   FILE *f = open_memstream(&text, &len);
   policy_describe(&p, f);
   fclose(f);
   ck_assert_msg(strstr(text, "Extend when the investigation needs longer") != NULL, "%s", text);
   ck_assert_msg(strstr(text, "this policy allows no extension") != NULL, "%s", text);
   free(text);
   free(path);
}
END_TEST

START_TEST(test_a_landlords_own_profile_folder_is_searched_first) {
   char *path = test_write_file(dir, "ombudsman-2024.conf",
                                "name = \"ombudsman-2024\"; title = \"ours\";\n"
                                "stage1 = { respond = { days = 7; from = \"receipt\"; }; };\n"
                                "stage2 = { respond = { days = 15; from = \"request\"; }; };\n");
   Policy p;
   RdError err;
   ck_assert_int_eq(policy_load("ombudsman-2024", dir, test_datadir(), &p, &err), RD_OK);
   ck_assert_int_eq(p.stage[0].respond.days, 7);
   ck_assert_int_eq(policy_load("../etc/passwd", dir, test_datadir(), &p, &err), RD_ENOTFOUND);
   free(path);
}
END_TEST

static Suite *policy_suite(void) {
   Suite *s = suite_create("policy");
   TCase *tc = tcase_create("policy");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_ombudsman_2024_profile_holds_the_codes_timescales);
   tcase_add_test(tc, test_seed_000_profile_gives_five_ten_and_the_twenty_and_thirty_day_caps);
   tcase_add_test(tc, test_seed_002_profile_gives_ten_plus_ten_and_twenty_from_acknowledgement);
   tcase_add_test(tc, test_seed_003_profile_gives_one_day_ack_agreed_dates_and_no_contact_closure);
   tcase_add_test(tc, test_seed_004_profile_gives_three_ten_twenty_day_escalation_and_six_months);
   tcase_add_test(tc, test_code_response_counts_from_the_acknowledgement_once_made);
   tcase_add_test(tc, test_seed_000_extension_stops_at_twenty_working_days_from_receipt);
   tcase_add_test(tc, test_agreed_dates_wait_for_the_agreement_and_have_no_fixed_limit);
   tcase_add_test(tc, test_escalation_windows_follow_each_policy);
   tcase_add_test(tc, test_eligibility_window_is_twelve_or_six_months_before_receipt);
   tcase_add_test(tc, test_every_shipped_profile_reads_back_in_plain_english);
   tcase_add_loop_test(tc, test_a_bad_profile_is_refused_with_its_line, 0,
                       (int)(sizeof bad_profiles / sizeof *bad_profiles));
   tcase_add_test(tc, test_a_cap_without_an_extension_group_limits_extensions_to_the_cap);
   tcase_add_test(tc, test_a_landlords_own_profile_folder_is_searched_first);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(policy_suite());
}
