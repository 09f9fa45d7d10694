/* Importing cases from a web form's CSV: columns by name in any order, people found by
 * tenancy reference, each case logged untriaged by the lifecycle's rules, and a bad row named
 * by line and column with nothing of the file stored. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/complaint.h"
#include "redress/import.h"
#include "redress/person.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;
static Session *s;
static RdError err;

static void add_staff(const char *login, const char *roles) {
   Staff st;
   staff_init(&st);
   st.login = xstrdup(login);
   st.full_name = xstrdup(login);
   st.team = xstrdup("Customer Services");
   st.grade = 3;
   ck_assert_int_eq(staff_parse_roles(roles, &st.roles, &err), RD_OK);
   ck_assert_msg(staff_add(s->store, NULL, &st, &err) == RD_OK, "%s", err.message);
   staff_clear(&st);
}

static void act_as(const char *login) {
   staff_clear(&s->me);
   ck_assert_msg(staff_by_login(s->store, login, &s->me, &err) == RD_OK, "%s", err.message);
   s->logged_in = true;
}

static int64_t count(const char *sql) {
   sqlite3_stmt *q;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), sql, -1, &q, NULL), SQLITE_OK);
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   int64_t v = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   return v;
}

static void setup(void) {
   dir = test_tmpdir();
   char *db = xasprintf("%s/redress.db", dir);
   SessionOptions opts = { .db_path = db, .now = "2025-12-19T10:00" };
   setenv("XDG_CONFIG_HOME", dir, 1);
   unsetenv("REDRESS_CONFIG");
   ck_assert_msg(session_start(&opts, &s, &err) == RD_OK, "%s", err.message);
   ck_assert_msg(session_open_store(s, STORE_CREATE_NEW, &err) == RD_OK, "%s", err.message);
   add_staff("desk", "front-desk");
   add_staff("it", "admin");
   act_as("desk");
   Person jo;
   person_init(&jo);
   jo.name = xstrdup("Jo Tenant");
   jo.tenancy_ref = xstrdup("T0001001");
   ck_assert_msg(person_add(s->store, &s->me, &jo, &err) == RD_OK, "%s", err.message);
   person_clear(&jo);
   free(db);
}

static void teardown(void) {
   session_end(s);
   test_rmtree(dir);
   free(dir);
}

/* Imports text as the file web-form.csv; returns the status and fills *res. */
static RdStatus import_text(const char *text, ImportResult *res) {
   char *path = test_write_file(dir, "web-form.csv", text);
   RdStatus st = import_cases_file(s, path, NULL, NULL, res, &err);
   free(path);
   return st;
}

static void imports(const char *text, ImportResult *res) {
   RdStatus st = import_text(text, res);
   ck_assert_msg(st == RD_OK, "refused: %s", err.message);
}

static void refused(const char *text, const char *words) {
   ImportResult res;
   int64_t cases = count("SELECT count(*) FROM complaint"), people = count("SELECT count(*) FROM person"),
           events = count("SELECT count(*) FROM event");
   RdStatus st = import_text(text, &res);
   ck_assert_msg(st == RD_EINPUT, "expected the file to be refused, got %s: %s", error_status_name(st), err.message);
   ck_assert_msg(strstr(err.message, words) != NULL, "message \"%s\" lacks \"%s\"", err.message, words);
   ck_assert_msg(strstr(err.message, "nothing from") != NULL || strstr(err.message, "column") != NULL ||
                 strstr(err.message, "header") != NULL, "%s", err.message);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint"), cases);
   ck_assert_int_eq(count("SELECT count(*) FROM person"), people);
   ck_assert_int_eq(count("SELECT count(*) FROM event"), events);
   ck_assert_uint_eq(res.imported, 0);
}

static Complaint get(const char *ref) {
   Complaint c;
   complaint_init(&c);
   ck_assert_msg(complaint_get(s, ref, &c, &err) == RD_OK, "%s", err.message);
   return c;
}

START_TEST(test_import_logs_each_row_as_an_untriaged_case_with_its_clock) {
   ImportResult res;
   imports("name,tenancy_ref,phone,email,address,channel,received_at,incident_on,category,summary,outcome_sought,"
           "anonymous\r\n"
           "Ann Example,T9000001,07700 900111,ann@example.com,\"1 Mill Lane, Leeds\",email,2025-12-18 21:14,"
           "2025-12-10,repairs,Boiler leaks,Fix it,no\r\n"
           "Bob Example,,,,,phone,2025-12-19 09:00,,rent and charges,Charged twice,,\r\n", &res);
   ck_assert_uint_eq(res.imported, 2);
   ck_assert_uint_eq(res.people_created, 2);
   ck_assert_str_eq(res.first_ref, "C25-00001");
   ck_assert_str_eq(res.last_ref, "C25-00002");
   Complaint c = get("C25-00001");
   ck_assert_int_eq(c.kind, KIND_UNTRIAGED);
   ck_assert_str_eq(c.channel, "email");
   ck_assert_str_eq(c.summary, "Boiler leaks");
   ck_assert_str_eq(c.outcome_sought, "Fix it");
   ck_assert_int_eq(c.incident_on, D("2025-12-10"));
   ck_assert(c.received_at == T("2025-12-18T21:14"));
   /* Received after the office closed: day 0 is the next working day (Code 6.2). */
   ck_assert_int_eq(c.stages[0].start_on, D("2025-12-19"));
   ck_assert_int_eq(c.stages[0].ack_due, D("2025-12-30"));
   complaint_clear(&c);
   ck_assert_int_eq(count("SELECT count(*) FROM person WHERE name = 'Ann Example' AND tenancy_ref = 'T9000001' AND "
                          "email = 'ann@example.com' AND address = '1 Mill Lane, Leeds' AND kind = 'tenant'"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM person WHERE name = 'Bob Example' AND kind = 'member-of-public'"), 1);
}
END_TEST

START_TEST(test_each_imported_case_has_one_event_saying_where_it_came_from) {
   ImportResult res;
   imports("name,received_at,category,summary\nAnn Example,2025-12-18 10:00,repairs,Boiler leaks\n"
           "Bob Example,2025-12-18 11:00,repairs,Tap drips\n", &res);
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE entity = 'complaint'"), 2);
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE action = 'logged' AND actor = 'desk' AND "
                          "detail LIKE '%imported from web-form.csv line 3, recording the person'"), 1);
}
END_TEST

START_TEST(test_import_finds_a_person_by_tenancy_reference) {
   ImportResult res;
   imports("tenancy_ref,received_at,category,summary\nt0001001,2025-12-18 10:00,repairs,Leak again\n", &res);
   ck_assert_uint_eq(res.people_found, 1);
   ck_assert_uint_eq(res.people_created, 0);
   ck_assert_int_eq(count("SELECT count(*) FROM person"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint c JOIN person p ON p.id = c.person_id WHERE "
                          "p.name = 'Jo Tenant'"), 1);
}
END_TEST

START_TEST(test_rows_of_one_file_for_a_new_tenancy_share_one_person) {
   ImportResult res;
   imports("name,tenancy_ref,received_at,category,summary\nAnn,T5,2025-12-18 10:00,repairs,Leak\n"
           ",T5,2025-12-18 11:00,repairs,Mould\n", &res);
   ck_assert_uint_eq(res.people_created, 1);
   ck_assert_uint_eq(res.people_found, 1);
   ck_assert_int_eq(count("SELECT count(DISTINCT person_id) FROM complaint"), 1);
}
END_TEST

START_TEST(test_import_reads_columns_by_name_in_any_order_and_case) {
   ImportResult res;
   imports("Summary,CATEGORY,Received At,Tenancy-Ref,Name,Channel,Submission ID\n"
           "Leak,Damp And Mould,19/12/2025 08:30,T77,Cy Example,Web Form,991\n", &res);
   ck_assert_uint_eq(res.imported, 1);
   ck_assert_str_eq(res.ignored, "Submission ID");
   Complaint c = get("C25-00001");
   ck_assert_str_eq(c.category, "damp and mould");
   ck_assert_str_eq(c.channel, "web");
   ck_assert(c.received_at == T("2025-12-19T08:30"));
   complaint_clear(&c);
}
END_TEST

START_TEST(test_uk_dates_are_read_day_first) {
   ImportResult res;
   imports("name,received_at,incident_on,category,summary\nAnn,03/04/2025 14:05,01/04/2025,repairs,Leak\n", &res);
   Complaint c = get("C25-00001");
   ck_assert(c.received_at == T("2025-04-03T14:05"));
   ck_assert_int_eq(c.incident_on, D("2025-04-01"));
   complaint_clear(&c);
}
END_TEST

START_TEST(test_a_bad_row_names_its_line_and_column_and_nothing_of_the_file_is_stored) {
   refused("name,received_at,category,summary\nAnn,2025-12-18 10:00,repairs,Leak\nBob,2025-12-18 11:00,plumbing,"
           "Drip\n", "web-form.csv line 3, column category: 'plumbing' is not a category: use one of repairs");
   ck_assert_msg(strstr(err.message, "nothing from") != NULL, "%s", err.message);
}
END_TEST

START_TEST(test_line_numbers_count_lines_not_rows) {
   refused("name,received_at,category,summary\nAnn,2025-12-18 10:00,repairs,\"Leak\nover two lines\"\n"
           "Bob,31/02/2025 10:00,repairs,Drip\n", "line 4, column received_at: '31/02/2025 10:00' is not a date");
}
END_TEST

START_TEST(test_the_time_received_must_be_given_and_past) {
   refused("name,received_at,category,summary\nAnn,,repairs,Leak\n", "line 2, column received_at");
   refused("name,received_at,category,summary\nAnn,2025-12-25 10:00,repairs,Leak\n", "is still to come");
   refused("name,received_at,incident_on,category,summary\nAnn,2025-12-18 10:00,2025-12-19,repairs,Leak\n",
           "column incident_on: the incident on 2025-12-19 cannot be after");
}
END_TEST

START_TEST(test_an_anonymous_row_names_nobody) {
   ImportResult res;
   refused("name,received_at,category,summary,anonymous\nAnn,2025-12-18 10:00,repairs,Leak,yes\n",
           "column name: an anonymous complaint names nobody");
   refused("name,received_at,category,summary,anonymous\nAnn,2025-12-18 10:00,repairs,Leak,perhaps\n",
           "column anonymous: 'perhaps' is not yes or no");
   imports("name,received_at,category,summary,anonymous\n,2025-12-18 10:00,repairs,Leak,Yes\n", &res);
   Complaint c = get("C25-00001");
   ck_assert(c.anonymous);
   ck_assert_int_eq(c.person_id, 0);
   complaint_clear(&c);
}
END_TEST

START_TEST(test_every_row_says_who_complains) {
   refused("name,tenancy_ref,received_at,category,summary\n,,2025-12-18 10:00,repairs,Leak\n",
           "line 2, column name: say who is complaining");
   refused("name,tenancy_ref,received_at,category,summary\n,T404,2025-12-18 10:00,repairs,Leak\n",
           "column name: nobody has the tenancy reference T404 yet");
}
END_TEST

START_TEST(test_contact_details_must_look_like_what_they_are) {
   refused("name,email,received_at,category,summary\nAnn,ann at home,2025-12-18 10:00,repairs,Leak\n",
           "column email: 'ann at home' is not an email address");
   refused("name,phone,received_at,category,summary\nAnn,call me,2025-12-18 10:00,repairs,Leak\n",
           "column phone: 'call me' is not a phone number");
   refused("name,channel,received_at,category,summary\nAnn,pigeon,2025-12-18 10:00,repairs,Leak\n",
           "column channel: 'pigeon' is not a channel");
   refused("name,received_at,category,summary\nAnn,2025-12-18 10:00,repairs,\n", "column summary: say what");
}
END_TEST

START_TEST(test_a_file_without_a_needed_column_is_refused_naming_it) {
   refused("name,received_at,category\nAnn,2025-12-18 10:00,repairs\n", "has no summary column");
   refused("received_at,category,summary\n2025-12-18 10:00,repairs,Leak\n", "name or tenancy_ref column");
   refused("name,tenancy_ref,Tenancy Ref,received_at,category,summary\nAnn,T1,T1,2025-12-18 10:00,repairs,Leak\n",
           "two columns for tenancy_ref");
   refused("name,received_at,category,summary\n", "no rows");
}
END_TEST

START_TEST(test_the_same_file_imported_twice_is_refused_the_second_time) {
   const char *file = "name,tenancy_ref,received_at,category,summary\nAnn,T1,2025-12-18 10:00,repairs,Leak\n";
   ImportResult res;
   imports(file, &res);
   refused(file, "already recorded as C25-00001");
}
END_TEST

START_TEST(test_only_staff_who_log_cases_may_import) {
   act_as("it");
   ImportResult res;
   ck_assert_int_eq(import_text("name,received_at,category,summary\nAnn,2025-12-18 10:00,repairs,Leak\n", &res),
                    RD_EDENIED);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint"), 0);
}
END_TEST

START_TEST(test_a_file_that_is_not_csv_is_refused_with_its_line) {
   ImportResult res;
   ck_assert_int_eq(import_text("name,received_at,category,summary\nAnn,\"2025-12-18,repairs,Leak\n", &res),
                    RD_EINPUT);
   ck_assert_msg(strstr(err.message, "web-form.csv") != NULL, "%s", err.message);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint"), 0);
}
END_TEST

int main(void) {
   Suite *su = suite_create("import");
   TCase *tc = tcase_create("import");
   tcase_set_timeout(tc, 60);
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_import_logs_each_row_as_an_untriaged_case_with_its_clock);
   tcase_add_test(tc, test_each_imported_case_has_one_event_saying_where_it_came_from);
   tcase_add_test(tc, test_import_finds_a_person_by_tenancy_reference);
   tcase_add_test(tc, test_rows_of_one_file_for_a_new_tenancy_share_one_person);
   tcase_add_test(tc, test_import_reads_columns_by_name_in_any_order_and_case);
   tcase_add_test(tc, test_uk_dates_are_read_day_first);
   tcase_add_test(tc, test_a_bad_row_names_its_line_and_column_and_nothing_of_the_file_is_stored);
   tcase_add_test(tc, test_line_numbers_count_lines_not_rows);
   tcase_add_test(tc, test_the_time_received_must_be_given_and_past);
   tcase_add_test(tc, test_an_anonymous_row_names_nobody);
   tcase_add_test(tc, test_every_row_says_who_complains);
   tcase_add_test(tc, test_contact_details_must_look_like_what_they_are);
   tcase_add_test(tc, test_a_file_without_a_needed_column_is_refused_naming_it);
   tcase_add_test(tc, test_the_same_file_imported_twice_is_refused_the_second_time);
   tcase_add_test(tc, test_only_staff_who_log_cases_may_import);
   tcase_add_test(tc, test_a_file_that_is_not_csv_is_refused_with_its_line);
   suite_add_tcase(su, tc);
   return test_run(su);
}
