/* The satisfaction survey (seed 004): "Were you satisfied with how your complaint was
 * handled?", due a policy's delay after the last correspondence or final resolution. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/complaint.h"
#include "redress/survey.h"
#include "redress/xalloc.h"
#include "fixture.h"
#include "testutil.h"

static void setup(void) {
   fix_setup_at("2026-03-02T09:00");
}

static void use_policy(const char *name) {
   fix_ok(session_policy(fix_session, name, &fix_session->policy, &fix_err));
}

/* Seed 004's profile: closed on 2026-01-13, so the survey is due 20 days later, on 2026-02-02. */
static const char *closed_under_seed_004(void) {
   static char ref[16];
   use_policy("three-ten-six-months");
   str_copy(ref, fix_responded("2026-01-05T10:00", "2026-01-12T10:00", "2026-01-13T10:00"), sizeof ref);
   return ref;
}

static void respond_and_close(const char *ref) {
   fix_act_as("hal");
   fix_ok(complaint_acknowledge(fix_session, ref, 0, "Repair", RD_NO_DATE, T("2026-01-06T10:00"), &fix_err));
   Response r = { DECISION_NOT_UPHELD, "The repair was done on time", true, true };
   fix_ok(complaint_respond(fix_session, ref, 0, &r, T("2026-01-12T10:00"), &fix_err));
   fix_ok(complaint_close(fix_session, ref, 0, CLOSE_RESOLVED, NULL, T("2026-01-13T10:00"), &fix_err));
}

static SurveyStatus status(const char *ref) {
   SurveyStatus v;
   fix_ok(survey_status(fix_session, ref, &v, &fix_err));
   return v;
}

static size_t due_count(void) {
   SurveyDue *list;
   size_t n;
   fix_ok(survey_due(fix_session, &list, &n, &fix_err));
   survey_free_due(list, n);
   return n;
}

/* Seed 004: "If we've not received any contact from you within 20 days of our last
 * correspondence, or following the final resolution, we'll send you a link". */
START_TEST(test_survey_is_due_twenty_days_after_final_resolution_under_seed_004) {
   char ref[16];
   str_copy(ref, closed_under_seed_004(), sizeof ref);
   fix_clock("2026-02-01T09:00");
   ck_assert_uint_eq(due_count(), 0);
   SurveyStatus v = status(ref);
   ck_assert_str_eq(fmt_date(v.due_on), "2026-02-02");
   fix_act_as("desk");
   fix_refused(survey_sent(fix_session, ref, RD_NO_DATE, &fix_err), RD_ERULE, "not due until 2026-02-02");
   fix_clock("2026-02-02T09:00");
   SurveyDue *list;
   size_t n;
   fix_ok(survey_due(fix_session, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 1);
   ck_assert_str_eq(list[0].ref, ref);
   ck_assert_str_eq(list[0].name, "Jo Tenant");
   ck_assert_str_eq(list[0].phone, "01632 960001");
   ck_assert_str_eq(list[0].preferred_contact, "phone");
   ck_assert_str_eq(fmt_date(list[0].due_on), "2026-02-02");
   ck_assert_str_eq(list[0].policy, "three-ten-six-months");
   survey_free_due(list, n);
}
END_TEST

/* Seed 004: the twenty days run from the last correspondence when that is later; an internal
 * note is not correspondence. */
START_TEST(test_seed_004_survey_waits_twenty_days_after_the_last_correspondence) {
   char ref[16];
   str_copy(ref, closed_under_seed_004(), sizeof ref);
   fix_act_as("desk");
   fix_ok(complaint_contact(fix_session, ref, "in", "phone", "Thanked us; asked about the gutter",
                            T("2026-01-20T14:00"), &fix_err));
   fix_ok(complaint_contact(fix_session, ref, "note", NULL, "Filed the call notes", T("2026-01-26T14:00"), &fix_err));
   SurveyStatus v = status(ref);
   ck_assert_str_eq(fmt_date(v.due_on), "2026-02-09");
   fix_clock("2026-02-08T09:00");
   ck_assert_uint_eq(due_count(), 0);
   fix_clock("2026-02-09T09:00");
   ck_assert_uint_eq(due_count(), 1);
}
END_TEST

/* The case's own policy decides; a profile with no delay (the Code's) has no survey. */
START_TEST(test_the_case_s_own_policy_decides_and_a_profile_without_a_delay_has_no_survey) {
   char surveyed[16];
   str_copy(surveyed, closed_under_seed_004(), sizeof surveyed);
   use_policy("ombudsman-2024");
   const char *code_case = fix_responded("2026-01-05T11:00", "2026-01-12T11:00", "2026-01-13T11:00");
   SurveyStatus v = status(code_case);
   ck_assert_int_eq(v.due_on, RD_NO_DATE);
   ck_assert(strstr(v.why, "(ombudsman-2024) has no satisfaction survey") != NULL);
   fix_act_as("desk");
   fix_refused(survey_sent(fix_session, code_case, RD_NO_DATE, &fix_err), RD_ERULE, "no satisfaction survey");
   SurveyDue *list;
   size_t n;
   fix_ok(survey_due(fix_session, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 1);
   ck_assert_str_eq(list[0].ref, surveyed);
   survey_free_due(list, n);
}
END_TEST

/* Only closed complaints, not excluded, not anonymous, whose resident can be reached. */
START_TEST(test_open_excluded_anonymous_and_unreachable_cases_get_no_survey) {
   use_policy("three-ten-six-months");
   char open[16], anonymous[16], silent[16], excluded[16];
   str_copy(open, fix_responded("2026-01-05T10:00", "2026-01-12T10:00", NULL), sizeof open);
   str_copy(anonymous, fix_log(0, "2026-01-05T10:00"), sizeof anonymous);
   respond_and_close(anonymous);
   str_copy(silent, fix_log(fix_silent_id, "2026-01-05T10:00"), sizeof silent);
   respond_and_close(silent);
   NewComplaint in = { .person_id = fix_tenant_id, .channel = "letter", .received_at = T("2026-01-05T10:00"),
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = "Disrepair claim",
                       .triage = KIND_EXCLUDED, .exclusion_code = "solicitor-disrepair" };
   Complaint c;
   complaint_init(&c);
   fix_act_as("desk");
   fix_ok(complaint_new(fix_session, &in, &c, &fix_err));
   str_copy(excluded, c.ref, sizeof excluded);
   complaint_clear(&c);
   const char *refs[] = { open, anonymous, silent, excluded };
   const char *why[] = { "still open", "anonymous", "no phone, email or address", "excluded" };
   int64_t events = fix_count("SELECT count(*) FROM event");
   for (size_t i = 0; i < 4; i++) {
      SurveyStatus v = status(refs[i]);
      ck_assert_int_eq(v.due_on, RD_NO_DATE);
      ck_assert_msg(strstr(v.why, why[i]) != NULL, "%s: \"%s\" lacks \"%s\"", refs[i], v.why, why[i]);
      fix_refused(survey_sent(fix_session, refs[i], RD_NO_DATE, &fix_err), RD_ERULE, why[i]);
   }
   ck_assert_uint_eq(due_count(), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM survey"), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
}
END_TEST

/* Seed 004: quick resolution at first contact is still a complaint handled, and surveyed. */
START_TEST(test_complaint_resolved_at_first_contact_is_surveyed_like_any_other) {
   use_policy("three-ten-six-months");
   NewComplaint in = { .person_id = fix_tenant_id, .channel = "phone", .received_at = T("2026-01-05T10:00"),
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = "Missed appointment",
                       .triage = KIND_QUICK, .quick_summary = "Rebooked for tomorrow and apologised" };
   Complaint c;
   complaint_init(&c);
   fix_act_as("desk");
   fix_ok(complaint_new(fix_session, &in, &c, &fix_err));
   SurveyStatus v = status(c.ref);
   ck_assert_str_eq(fmt_date(v.due_on), "2026-01-25");
   complaint_clear(&c);
   ck_assert_uint_eq(due_count(), 1);
}
END_TEST

START_TEST(test_each_case_is_sent_one_survey_which_takes_it_off_the_due_list) {
   char ref[16];
   str_copy(ref, closed_under_seed_004(), sizeof ref);
   fix_act_as("desk");
   fix_refused(survey_sent(fix_session, ref, D("2026-03-03"), &fix_err), RD_EINPUT, "still to come");
   fix_ok(survey_sent(fix_session, ref, D("2026-02-03"), &fix_err));
   ck_assert_uint_eq(due_count(), 0);
   fix_refused(survey_sent(fix_session, ref, RD_NO_DATE, &fix_err), RD_ERULE, "already sent, on 2026-02-03");
   SurveyStatus v = status(ref);
   ck_assert_str_eq(fmt_date(v.sent_on), "2026-02-03");
   ck_assert_int_eq(v.satisfied, -1);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM survey"), 1);
}
END_TEST

/* The one question's answer is yes or no, given to a survey that was sent, once. */
START_TEST(test_answer_is_yes_or_no_once_after_the_survey_was_sent) {
   char ref[16];
   str_copy(ref, closed_under_seed_004(), sizeof ref);
   fix_act_as("desk");
   fix_refused(survey_answer(fix_session, ref, SURVEY_SATISFIED, RD_NO_DATE, &fix_err), RD_ERULE,
               "no survey was sent");
   fix_ok(survey_sent(fix_session, ref, D("2026-02-03"), &fix_err));
   fix_refused(survey_answer(fix_session, ref, SURVEY_SATISFIED, D("2026-02-02"), &fix_err), RD_EINPUT,
               "before the survey was sent");
   fix_ok(survey_answer(fix_session, ref, SURVEY_NOT_SATISFIED, D("2026-02-05"), &fix_err));
   fix_refused(survey_answer(fix_session, ref, SURVEY_SATISFIED, RD_NO_DATE, &fix_err), RD_ERULE,
               "already answered (no) on 2026-02-05");
   SurveyStatus v = status(ref);
   ck_assert_int_eq(v.satisfied, 0);
   ck_assert_str_eq(fmt_date(v.answered_on), "2026-02-05");
   SurveyAnswer a;
   fix_ok(survey_answer_parse("yes", &a, &fix_err));
   ck_assert_int_eq(a, SURVEY_SATISFIED);
   fix_refused(survey_answer_parse("maybe", &a, &fix_err), RD_EINPUT, "Were you satisfied");
}
END_TEST

/* Seed 003: "If the complainant is not willing to be involved in our surveys, they can let
 * us know": then none of their complaints is surveyed, before or after it is sent. */
START_TEST(test_seed_003_resident_who_declines_surveys_is_sent_none_for_any_complaint) {
   char first[16], second[16];
   str_copy(first, closed_under_seed_004(), sizeof first);
   str_copy(second, fix_responded("2026-01-05T11:00", "2026-01-12T11:00", "2026-01-13T11:00"), sizeof second);
   ck_assert_uint_eq(due_count(), 2);
   fix_act_as("desk");
   fix_ok(survey_answer(fix_session, first, SURVEY_DECLINED, D("2026-01-20"), &fix_err));
   ck_assert_uint_eq(due_count(), 0);
   SurveyStatus v = status(second);
   ck_assert(v.declined);
   ck_assert_int_eq(v.due_on, RD_NO_DATE);
   fix_refused(survey_sent(fix_session, second, RD_NO_DATE, &fix_err), RD_ERULE, "not want to be involved");
   fix_refused(survey_answer(fix_session, second, SURVEY_DECLINED, RD_NO_DATE, &fix_err), RD_ERULE,
               "already said they do not want surveys");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM survey WHERE declined = 1 AND sent_on IS NULL"), 1);
}
END_TEST

START_TEST(test_survey_steps_are_for_desk_staff_and_a_refusal_changes_nothing) {
   char ref[16];
   str_copy(ref, closed_under_seed_004(), sizeof ref);
   int64_t events = fix_count("SELECT count(*) FROM event");
   fix_act_as("root");
   fix_refused(survey_sent(fix_session, ref, RD_NO_DATE, &fix_err), RD_EDENIED, "root may not");
   fix_refused(survey_answer(fix_session, ref, SURVEY_DECLINED, RD_NO_DATE, &fix_err), RD_EDENIED, "root may not");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM survey"), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
   fix_act_as("hal");
   fix_refused(survey_sent(fix_session, "C26-00077", RD_NO_DATE, &fix_err), RD_ENOTFOUND, "no case C26-00077");
}
END_TEST

START_TEST(test_every_committed_survey_change_writes_exactly_one_audit_event) {
   char ref[16];
   str_copy(ref, closed_under_seed_004(), sizeof ref);
   int64_t before = fix_count("SELECT count(*) FROM event");
   fix_act_as("desk");
   fix_ok(survey_sent(fix_session, ref, RD_NO_DATE, &fix_err));
   fix_ok(survey_answer(fix_session, ref, SURVEY_SATISFIED, RD_NO_DATE, &fix_err));
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event") - before, 2);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE entity = 'survey' AND complaint_id = 1 "
                              "AND detail LIKE '%satisfied with how the complaint was handled: yes%'"), 1);
}
END_TEST

static const char *words(const char *ref, const char *today) {
   static char buf[400];
   SurveyStatus v = status(ref);
   survey_status_words(&v, D(today), buf, sizeof buf);
   return buf;
}

/* The case screen and 'case show' say where the survey stands in these words. */
START_TEST(test_survey_state_in_words_says_due_sent_answered_or_why_there_is_none) {
   char ref[16];
   str_copy(ref, closed_under_seed_004(), sizeof ref);
   ck_assert_str_eq(words(ref, "2026-02-01"), "due 2026-02-02");
   ck_assert_str_eq(words(ref, "2026-02-02"), "due 2026-02-02, not sent yet");
   fix_act_as("desk");
   fix_clock("2026-02-03T09:00");
   fix_ok(survey_sent(fix_session, ref, D("2026-02-03"), &fix_err));
   ck_assert_str_eq(words(ref, "2026-02-03"), "due 2026-02-02, sent 2026-02-03, no answer yet");
   fix_ok(survey_answer(fix_session, ref, SURVEY_NOT_SATISFIED, D("2026-02-03"), &fix_err));
   ck_assert_str_eq(words(ref, "2026-02-04"),
                    "due 2026-02-02, sent 2026-02-03, answered no (not satisfied) on 2026-02-03");
   char open[16];
   str_copy(open, fix_log(fix_tenant_id, "2026-02-03T08:00"), sizeof open);
   const char *none = words(open, "2026-02-04");
   ck_assert_msg(strncmp(none, "none: ", 6) == 0 && strstr(none, "still open"), "%s", none);
}
END_TEST

static Suite *survey_suite(void) {
   Suite *su = suite_create("survey");
   TCase *tc = tcase_create("satisfaction");
   tcase_set_timeout(tc, 30);
   tcase_add_checked_fixture(tc, setup, fix_teardown);
   tcase_add_test(tc, test_survey_is_due_twenty_days_after_final_resolution_under_seed_004);
   tcase_add_test(tc, test_seed_004_survey_waits_twenty_days_after_the_last_correspondence);
   tcase_add_test(tc, test_the_case_s_own_policy_decides_and_a_profile_without_a_delay_has_no_survey);
   tcase_add_test(tc, test_open_excluded_anonymous_and_unreachable_cases_get_no_survey);
   tcase_add_test(tc, test_complaint_resolved_at_first_contact_is_surveyed_like_any_other);
   tcase_add_test(tc, test_each_case_is_sent_one_survey_which_takes_it_off_the_due_list);
   tcase_add_test(tc, test_answer_is_yes_or_no_once_after_the_survey_was_sent);
   tcase_add_test(tc, test_seed_003_resident_who_declines_surveys_is_sent_none_for_any_complaint);
   tcase_add_test(tc, test_survey_steps_are_for_desk_staff_and_a_refusal_changes_nothing);
   tcase_add_test(tc, test_every_committed_survey_change_writes_exactly_one_audit_event);
   tcase_add_test(tc, test_survey_state_in_words_says_due_sent_answered_or_why_there_is_none);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(survey_suite());
}
