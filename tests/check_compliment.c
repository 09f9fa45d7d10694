/* Compliments (seed 002 section 3): logged, acknowledged, passed on, listed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/compliment.h"
#include "fixture.h"
#include "testutil.h"

static void setup(void) {
   fix_setup_at("2026-04-10T09:00");
}

static NewCompliment thanks(const char *received, const char *about_login, const char *about_team) {
   NewCompliment in = { T(received), "phone", "Mrs Ada Green", about_login, about_team,
                        "Hal fixed the boiler the same day and cleaned up after" };
   return in;
}

static int64_t log_as(const char *login, NewCompliment in) {
   int64_t id = 0;
   fix_act_as(login);
   fix_ok(compliment_add(fix_session, &in, &id, &fix_err));
   return id;
}

static Compliment get(int64_t id) {
   Compliment c;
   fix_ok(compliment_get(fix_session, id, &c, &fix_err));
   return c;
}

/* Seed 002 3.2-3.3: made by phone, email, in writing or social media, about someone. */
START_TEST(test_seed_002_compliment_is_logged_with_when_how_from_whom_and_about_whom) {
   int64_t id = log_as("desk", thanks("2026-04-09T15:20", "hal", NULL));
   Compliment c = get(id);
   ck_assert_int_eq(c.received_at, T("2026-04-09T15:20"));
   ck_assert_str_eq(c.channel, "phone");
   ck_assert_str_eq(c.from_name, "Mrs Ada Green");
   ck_assert_str_eq(c.about_login, "hal");
   ck_assert_str_eq(c.about_name, "Hal Handler");
   ck_assert_str_eq(c.about_team, "Repairs");
   ck_assert(strstr(c.summary, "same day") != NULL);
   ck_assert_int_eq(c.acknowledged_on, RD_NO_DATE);
   ck_assert_int_eq(c.passed_on_on, RD_NO_DATE);
   /* Who it is about, never who wrote it: the audit log can never be cleared of a name. */
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE entity = 'compliment' AND action = 'logged' "
                              "AND detail LIKE '%hal of the Repairs team%' AND detail NOT LIKE '%Green%'"), 1);
   compliment_clear(&c);
}
END_TEST

/* The team is kept as it was when the compliment came, so a later move of the person does
 * not take the compliment out of the team's count. */
START_TEST(test_compliment_stays_with_the_team_the_person_was_in_when_it_came) {
   int64_t id = log_as("desk", thanks("2026-04-09T15:20", "hal", NULL));
   ck_assert_int_eq(sqlite3_exec(store_db(fix_session->store), "UPDATE staff SET team = 'Housing' WHERE login = 'hal'",
                                 NULL, NULL, NULL), SQLITE_OK);
   Compliment c = get(id);
   ck_assert_str_eq(c.about_team, "Repairs");
   compliment_clear(&c);
}
END_TEST

START_TEST(test_any_active_staff_may_log_a_compliment_but_not_an_inactive_record) {
   log_as("desk", thanks("2026-04-09T15:20", NULL, "Repairs"));
   log_as("hal", thanks("2026-04-09T15:21", NULL, "Repairs"));
   log_as("max", thanks("2026-04-09T15:22", NULL, "Repairs"));
   log_as("root", thanks("2026-04-09T15:23", NULL, "Repairs"));
   int64_t events = fix_count("SELECT count(*) FROM event");
   fix_act_as("gone");
   NewCompliment in = thanks("2026-04-09T15:24", NULL, "Repairs");
   fix_refused(compliment_add(fix_session, &in, NULL, &fix_err), RD_EDENIED, "gone may not log a compliment");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM compliment"), 4);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
}
END_TEST

/* Seed 002 3.3: "inform the individual or team to whom it relates", so it must say whom. */
START_TEST(test_seed_002_compliment_must_name_whom_it_is_about_and_bad_input_changes_nothing) {
   fix_act_as("desk");
   int64_t events = fix_count("SELECT count(*) FROM event");
   NewCompliment in = thanks("2026-04-09T15:20", NULL, NULL);
   fix_refused(compliment_add(fix_session, &in, NULL, &fix_err), RD_EINPUT, "whom the compliment is about");
   in = thanks("2026-04-09T15:20", "nobody", NULL);
   fix_refused(compliment_add(fix_session, &in, NULL, &fix_err), RD_EINPUT, "no staff member has the login 'nobody'");
   in = thanks("2026-04-09T15:20", "hal", NULL);
   in.channel = "pigeon";
   fix_refused(compliment_add(fix_session, &in, NULL, &fix_err), RD_EINPUT, "'pigeon' is not a channel");
   in = thanks("2026-04-09T15:20", "hal", NULL);
   in.from_name = "";
   fix_refused(compliment_add(fix_session, &in, NULL, &fix_err), RD_EINPUT, "who the compliment is from");
   in = thanks("2026-04-09T15:20", "hal", NULL);
   in.summary = NULL;
   fix_refused(compliment_add(fix_session, &in, NULL, &fix_err), RD_EINPUT, "summary");
   in = thanks("2026-04-11T15:20", "hal", NULL);
   fix_refused(compliment_add(fix_session, &in, NULL, &fix_err), RD_EINPUT, "still to come");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM compliment"), 0);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event"), events);
}
END_TEST

/* Seed 002 3.3: "we acknowledge the same": once, on a day between its arrival and today. */
START_TEST(test_seed_002_acknowledging_records_its_day_once_between_arrival_and_today) {
   int64_t id = log_as("desk", thanks("2026-04-08T15:20", "hal", NULL));
   fix_act_as("hal");
   fix_refused(compliment_acknowledge(fix_session, id, D("2026-04-07"), &fix_err), RD_EINPUT,
               "before it was received on 2026-04-08");
   fix_refused(compliment_acknowledge(fix_session, id, D("2026-04-11"), &fix_err), RD_EINPUT, "still to come");
   fix_ok(compliment_acknowledge(fix_session, id, D("2026-04-08"), &fix_err));
   fix_act_as("max");
   fix_refused(compliment_acknowledge(fix_session, id, RD_NO_DATE, &fix_err), RD_ERULE,
               "already acknowledged on 2026-04-08");
   Compliment c = get(id);
   ck_assert_str_eq(fmt_date(c.acknowledged_on), "2026-04-08");
   ck_assert_int_eq(c.passed_on_on, RD_NO_DATE);
   compliment_clear(&c);
}
END_TEST

/* Seed 002 3.3: "and inform the individual or team to whom it relates". */
START_TEST(test_seed_002_passing_on_to_the_person_or_team_is_recorded_by_anyone_on_its_own_day) {
   int64_t id = log_as("desk", thanks("2026-04-08T15:20", NULL, "Repairs"));
   fix_act_as("desk");
   fix_ok(compliment_passed_on(fix_session, id, RD_NO_DATE, &fix_err));
   Compliment c = get(id);
   ck_assert_str_eq(fmt_date(c.passed_on_on), "2026-04-10");
   ck_assert_int_eq(c.acknowledged_on, RD_NO_DATE);
   compliment_clear(&c);
   fix_refused(compliment_passed_on(fix_session, id, RD_NO_DATE, &fix_err), RD_ERULE, "already passed on");
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE action = 'passed-on' "
                              "AND detail LIKE '%passed on to the Repairs team on 2026-04-10%'"), 1);
   fix_refused(compliment_acknowledge(fix_session, 99, RD_NO_DATE, &fix_err), RD_ENOTFOUND, "no compliment #99");
}
END_TEST

START_TEST(test_list_puts_unacknowledged_compliments_first_oldest_first) {
   int64_t a = log_as("desk", thanks("2026-04-01T10:00", "hal", NULL));
   int64_t b = log_as("desk", thanks("2026-04-02T10:00", "hal", NULL));
   int64_t c = log_as("desk", thanks("2026-04-03T10:00", "hal", NULL));
   fix_ok(compliment_acknowledge(fix_session, a, RD_NO_DATE, &fix_err));
   Compliment *list;
   size_t n;
   ComplimentFilter all = { RD_NO_DATE, RD_NO_DATE, NULL, false };
   fix_ok(compliment_list(fix_session, &all, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 3);
   ck_assert_int_eq(list[0].id, b);
   ck_assert_int_eq(list[1].id, c);
   ck_assert_int_eq(list[2].id, a);
   compliment_free_list(list, n);
   ComplimentFilter waiting = { RD_NO_DATE, RD_NO_DATE, NULL, true };
   fix_ok(compliment_list(fix_session, &waiting, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 2);
   compliment_free_list(list, n);
}
END_TEST

/* Quarterly counts (seed 002 3.4) are by the UK date a compliment came: 23:30 on 31 March in
 * summer time is 22:30 UTC, still the first quarter. */
START_TEST(test_period_counts_compliments_by_the_uk_date_they_arrived) {
   log_as("desk", thanks("2026-03-31T23:30", "hal", NULL));
   log_as("desk", thanks("2026-04-01T00:30", "hal", NULL));
   Compliment *list;
   size_t n;
   ComplimentFilter q1 = { D("2026-01-01"), D("2026-03-31"), NULL, false };
   fix_ok(compliment_list(fix_session, &q1, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 1);
   ck_assert_int_eq(list[0].received_at, T("2026-03-31T22:30Z"));
   compliment_free_list(list, n);
   ComplimentFilter q2 = { D("2026-04-01"), D("2026-06-30"), NULL, false };
   fix_ok(compliment_list(fix_session, &q2, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 1);
   ck_assert_int_eq(list[0].received_at, T("2026-04-01T00:30"));
   compliment_free_list(list, n);
}
END_TEST

START_TEST(test_list_by_team_finds_compliments_about_the_team_and_about_its_people) {
   log_as("desk", thanks("2026-04-01T10:00", "hal", NULL));
   log_as("desk", thanks("2026-04-02T10:00", NULL, "repairs"));
   log_as("desk", thanks("2026-04-03T10:00", "mo", NULL));
   Compliment *list;
   size_t n;
   ComplimentFilter repairs = { RD_NO_DATE, RD_NO_DATE, "Repairs", false };
   fix_ok(compliment_list(fix_session, &repairs, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 2);
   compliment_free_list(list, n);
   ComplimentFilter housing = { RD_NO_DATE, RD_NO_DATE, "Housing", false };
   fix_ok(compliment_list(fix_session, &housing, &list, &n, &fix_err));
   ck_assert_uint_eq(n, 1);
   ck_assert_str_eq(list[0].about_login, "mo");
   compliment_free_list(list, n);
}
END_TEST

START_TEST(test_every_committed_compliment_change_writes_exactly_one_audit_event) {
   int64_t before = fix_count("SELECT count(*) FROM event");
   int64_t id = log_as("desk", thanks("2026-04-08T15:20", "hal", NULL));
   fix_ok(compliment_acknowledge(fix_session, id, RD_NO_DATE, &fix_err));
   fix_ok(compliment_passed_on(fix_session, id, RD_NO_DATE, &fix_err));
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event") - before, 3);
   ck_assert_int_eq(fix_count("SELECT count(*) FROM event WHERE entity = 'compliment' AND entity_id = 1 "
                              "AND actor = 'desk'"), 3);
}
END_TEST

static Suite *compliment_suite(void) {
   Suite *su = suite_create("compliment");
   TCase *tc = tcase_create("compliments");
   tcase_set_timeout(tc, 30);
   tcase_add_checked_fixture(tc, setup, fix_teardown);
   tcase_add_test(tc, test_seed_002_compliment_is_logged_with_when_how_from_whom_and_about_whom);
   tcase_add_test(tc, test_compliment_stays_with_the_team_the_person_was_in_when_it_came);
   tcase_add_test(tc, test_any_active_staff_may_log_a_compliment_but_not_an_inactive_record);
   tcase_add_test(tc, test_seed_002_compliment_must_name_whom_it_is_about_and_bad_input_changes_nothing);
   tcase_add_test(tc, test_seed_002_acknowledging_records_its_day_once_between_arrival_and_today);
   tcase_add_test(tc, test_seed_002_passing_on_to_the_person_or_team_is_recorded_by_anyone_on_its_own_day);
   tcase_add_test(tc, test_list_puts_unacknowledged_compliments_first_oldest_first);
   tcase_add_test(tc, test_period_counts_compliments_by_the_uk_date_they_arrived);
   tcase_add_test(tc, test_list_by_team_finds_compliments_about_the_team_and_about_its_people);
   tcase_add_test(tc, test_every_committed_compliment_change_writes_exactly_one_audit_event);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(compliment_suite());
}
