/* Exports: the columns issue 3 names, RFC 4180 quoting with formulas neutralised, valid JSON
 * with nulls, who may export what, and a full disk reported. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "redress/action.h"
#include "redress/complaint.h"
#include "redress/csv.h"
#include "redress/export.h"
#include "redress/privacy.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;
static Session *s;
static RdError err;
static int64_t tenant_id;

static void add_staff(const char *login, const char *roles, int grade) {
   Staff st;
   staff_init(&st);
   st.login = xstrdup(login);
   st.full_name = xstrdup(login);
   st.team = xstrdup("Repairs");
   st.grade = grade;
   st.complaints_trained_on = D("2025-01-10");
   st.ombudsman_trained_on = D("2025-02-10");
   ck_assert_int_eq(staff_parse_roles(roles, &st.roles, &err), RD_OK);
   ck_assert_msg(staff_add(s->store, NULL, &st, &err) == RD_OK, "%s", err.message);
   staff_clear(&st);
}

static void act_as(const char *login) {
   staff_clear(&s->me);
   ck_assert_msg(staff_by_login(s->store, login, &s->me, &err) == RD_OK, "%s", err.message);
   s->logged_in = true;
}

static int64_t count_rows(const char *sql) {
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
   SessionOptions opts = { .db_path = db, .now = "2026-03-02T09:00" };
   setenv("XDG_CONFIG_HOME", dir, 1);
   unsetenv("REDRESS_CONFIG");
   ck_assert_msg(session_start(&opts, &s, &err) == RD_OK, "%s", err.message);
   ck_assert_msg(session_open_store(s, STORE_CREATE_NEW, &err) == RD_OK, "%s", err.message);
   add_staff("desk", "front-desk", 2);
   add_staff("hal", "handler", 4);
   add_staff("mo", "handler,manager", 6);
   ck_assert_int_eq(sqlite3_exec(store_db(s->store), "INSERT INTO person (name, tenancy_ref, created_at) VALUES "
                                 "('Jo Tenant', 'T-1001', '2025-01-01T00:00:00Z')", NULL, NULL, NULL), SQLITE_OK);
   tenant_id = sqlite3_last_insert_rowid(store_db(s->store));
   free(db);
}

static void teardown(void) {
   session_end(s);
   test_rmtree(dir);
   free(dir);
}

static void log_case_as(const char *summary, const char *received, ComplaintKind triage, bool confidential,
                        char ref[16]) {
   NewComplaint in = { .person_id = tenant_id, .channel = "phone", .received_at = T(received),
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = summary, .triage = triage,
                       .quick_summary = "Repair booked while on the phone", .confidential = confidential };
   Complaint c;
   complaint_init(&c);
   act_as("desk");
   ck_assert_msg(complaint_new(s, &in, &c, &err) == RD_OK, "%s", err.message);
   str_copy(ref, c.ref, 16);
   complaint_clear(&c);
}

static void log_case(const char *summary, const char *received, ComplaintKind triage, char ref[16]) {
   log_case_as(summary, received, triage, false, ref);
}

/* The export of table in format, as text the caller frees. */
static char *export_text(ExportTable table, ExportFormat format, bool bom, RdStatus want, size_t *rows) {
   char *text = NULL;
   size_t len = 0;
   FILE *out = open_memstream(&text, &len);
   ExportOptions o = { .table = table, .format = format, .bom = bom, .to_file = true };
   size_t n = 0;
   RdStatus st = export_write(s, &o, out, "test", &n, &err);
   fclose(out);
   ck_assert_msg(st == want, "export gave %s: %s", error_status_name(st), err.message);
   if (rows)
      *rows = n;
   return text;
}

static CsvTable *export_csv(ExportTable table) {
   char *text = export_text(table, EXPORT_CSV, false, RD_OK, NULL);
   CsvTable *t = NULL;
   ck_assert_msg(csv_read_buffer(text, strlen(text), "export", &t, &err) == RD_OK, "%s\n%s", err.message, text);
   free(text);
   return t;
}

static const char *field(const CsvTable *t, size_t row, const char *column) {
   int c = csv_column(t, column);
   ck_assert_msg(c >= 0, "the export has no column %s", column);
   return csv_field(t, row, c);
}

START_TEST(test_export_cases_csv_has_the_columns_issue_3_names_in_its_order) {
   static const char *const named[] = {
      "ref", "status", "stage", "category", "channel", "received_at", "ack_due", "acknowledged_at", "response_due",
      "extended_to", "responded_at", "decision", "escalated_at", "s2_ack_due", "s2_acknowledged_at",
      "s2_response_due", "s2_extended_to", "s2_responded_at", "stage1_handler", "stage2_handler", "closed_at",
      "close_reason", "policy"
   };
   char ref[16];
   log_case("Boiler broken", "2026-02-02T10:00", KIND_COMPLAINT, ref);
   act_as("hal");
   CsvTable *t = export_csv(EXPORT_CASES);
   ck_assert_uint_ge(t->column_count, sizeof named / sizeof *named);
   for (size_t i = 0; i < sizeof named / sizeof *named; i++)
      ck_assert_str_eq(t->columns[i], named[i]);
   ck_assert_uint_eq(t->row_count, 1);
   ck_assert_str_eq(field(t, 0, "ref"), ref);
   csv_free(t);
}
END_TEST

START_TEST(test_export_writes_dates_as_days_and_instants_as_iso_8601) {
   char ref[16];
   log_case("Boiler broken", "2026-02-02T10:00", KIND_COMPLAINT, ref);
   act_as("hal");
   ck_assert_msg(complaint_acknowledge(s, ref, 0, "Boiler", RD_NO_DATE, T("2026-02-03T11:30"), &err) == RD_OK, "%s",
                 err.message);
   CsvTable *t = export_csv(EXPORT_CASES);
   ck_assert_str_eq(field(t, 0, "received_at"), "2026-02-02T10:00:00Z");
   ck_assert_str_eq(field(t, 0, "ack_due"), "2026-02-09");
   ck_assert_str_eq(field(t, 0, "acknowledged_at"), "2026-02-03T11:30:00Z");
   ck_assert_str_eq(field(t, 0, "response_due"), "2026-02-17");
   ck_assert_str_eq(field(t, 0, "status"), "acknowledged");
   ck_assert_str_eq(field(t, 0, "stage1_handler"), "hal");
   ck_assert_str_eq(field(t, 0, "policy"), "ombudsman-2024");
   ck_assert_str_eq(field(t, 0, "extended_to"), "");
   csv_free(t);
}
END_TEST

START_TEST(test_export_status_says_where_each_case_stands) {
   char untriaged[16], refused[16], open[16];
   log_case("Not sure yet", "2026-02-02T10:00", KIND_UNTRIAGED, untriaged);
   log_case("Just a repair", "2026-02-02T10:05", KIND_QUICK, refused);
   log_case("Boiler broken", "2026-02-02T10:10", KIND_COMPLAINT, open);
   act_as("hal");
   (void)refused;
   CsvTable *t = export_csv(EXPORT_CASES);
   ck_assert_uint_eq(t->row_count, 3);
   ck_assert_str_eq(field(t, 0, "status"), "untriaged");
   ck_assert_str_eq(field(t, 1, "status"), "closed");
   ck_assert_str_eq(field(t, 1, "close_reason"), "quick-resolution");
   ck_assert_str_eq(field(t, 2, "status"), "awaiting-acknowledgement");
   csv_free(t);
}
END_TEST

START_TEST(test_export_quotes_text_and_neutralises_formulas_a_spreadsheet_would_run) {
   char a[16], b[16];
   log_case("Leak, \"again\"\nsecond line", "2026-02-02T10:00", KIND_COMPLAINT, a);
   log_case("=HYPERLINK(\"http://x\")", "2026-02-02T10:05", KIND_COMPLAINT, b);
   act_as("hal");
   char *text = export_text(EXPORT_CASES, EXPORT_CSV, false, RD_OK, NULL);
   ck_assert_msg(strstr(text, "\"Leak, \"\"again\"\"\nsecond line\"") != NULL, "%s", text);
   ck_assert_msg(strstr(text, "\"'=HYPERLINK(\"\"http://x\"\")\"") != NULL, "%s", text);
   free(text);
   CsvTable *t = export_csv(EXPORT_CASES);
   ck_assert_str_eq(field(t, 0, "summary"), "Leak, \"again\"\nsecond line");
   ck_assert_str_eq(field(t, 1, "summary"), "'=HYPERLINK(\"http://x\")");
   csv_free(t);
}
END_TEST

START_TEST(test_export_csv_with_a_bom_starts_with_the_byte_order_mark) {
   act_as("hal");
   char *text = export_text(EXPORT_CASES, EXPORT_CSV, true, RD_OK, NULL);
   ck_assert_int_eq(memcmp(text, "\xEF\xBB\xBFref,status,", 14), 0);
   free(text);
   text = export_text(EXPORT_CASES, EXPORT_JSON, true, RD_EINPUT, NULL);
   free(text);
}
END_TEST

START_TEST(test_export_json_is_one_array_of_objects_with_null_for_what_is_not_recorded) {
   char ref[16];
   log_case("Boiler \"broken\"", "2026-02-02T10:00", KIND_COMPLAINT, ref);
   log_case("Another", "2026-02-02T11:00", KIND_COMPLAINT, ref);
   act_as("hal");
   size_t rows = 0;
   char *text = export_text(EXPORT_CASES, EXPORT_JSON, false, RD_OK, &rows);
   json_error_t jerr;
   json_t *root = json_loads(text, 0, &jerr);
   ck_assert_msg(root != NULL, "not JSON (line %d: %s):\n%s", jerr.line, jerr.text, text);
   ck_assert(json_is_array(root));
   ck_assert_uint_eq(json_array_size(root), 2);
   ck_assert_uint_eq(rows, 2);
   json_t *first = json_array_get(root, 0);
   ck_assert_str_eq(json_string_value(json_object_get(first, "summary")), "Boiler \"broken\"");
   ck_assert(json_is_null(json_object_get(first, "acknowledged_at")));
   ck_assert(json_is_integer(json_object_get(first, "stage")));
   ck_assert(json_is_false(json_object_get(first, "anonymous")));
   ck_assert_str_eq(json_string_value(json_object_get(first, "received_at")), "2026-02-02T10:00:00Z");
   json_decref(root);
   free(text);
}
END_TEST

START_TEST(test_export_of_nothing_is_a_header_or_an_empty_array) {
   act_as("hal");
   char *text = export_text(EXPORT_CASES, EXPORT_JSON, false, RD_OK, NULL);
   ck_assert_str_eq(text, "[]\n");
   free(text);
   CsvTable *t = export_csv(EXPORT_CASES);
   ck_assert_uint_eq(t->row_count, 0);
   ck_assert_uint_eq(t->column_count, export_column_count(EXPORT_CASES));
   csv_free(t);
}
END_TEST

START_TEST(test_export_actions_marks_overdue_ones_at_the_clock) {
   char ref[16];
   log_case("Boiler broken", "2026-02-02T10:00", KIND_COMPLAINT, ref);
   act_as("hal");
   int64_t late, later;
   ck_assert(action_add(s, ref, "Fix the boiler", NULL, D("2026-02-27"), &late, &err) == RD_OK);
   ck_assert(action_add(s, ref, "Inspect the flue", NULL, D("2026-03-20"), &later, &err) == RD_OK);
   ck_assert(action_update(s, later, "Booked", T("2026-03-01T10:00"), &err) == RD_OK);
   CsvTable *t = export_csv(EXPORT_ACTIONS);
   ck_assert_uint_eq(t->row_count, 2);
   ck_assert_str_eq(field(t, 0, "status"), "overdue");
   ck_assert_str_eq(field(t, 0, "ref"), ref);
   ck_assert_str_eq(field(t, 0, "owner"), "hal");
   ck_assert_str_eq(field(t, 1, "status"), "open");
   ck_assert_str_eq(field(t, 1, "updates"), "1");
   ck_assert_str_eq(field(t, 1, "last_update_at"), "2026-03-01T10:00:00Z");
   csv_free(t);
}
END_TEST

START_TEST(test_the_history_and_people_need_a_manager_or_an_admin) {
   act_as("desk");
   free(export_text(EXPORT_CASES, EXPORT_CSV, false, RD_OK, NULL));
   free(export_text(EXPORT_PEOPLE, EXPORT_CSV, false, RD_EDENIED, NULL));
   ck_assert_msg(strstr(err.message, "manager") != NULL, "%s", err.message);
   free(export_text(EXPORT_EVENTS, EXPORT_JSON, false, RD_EDENIED, NULL));
   act_as("mo");
   CsvTable *t = export_csv(EXPORT_PEOPLE);
   ck_assert_uint_eq(t->row_count, 1);
   ck_assert_str_eq(field(t, 0, "name"), "Jo Tenant");
   ck_assert_str_eq(field(t, 0, "tenancy_ref"), "T-1001");
   csv_free(t);
   t = export_csv(EXPORT_EVENTS);
   ck_assert_uint_ge(t->row_count, 3);
   ck_assert_str_eq(field(t, 0, "entity"), "staff");
   csv_free(t);
}
END_TEST

START_TEST(test_a_full_disk_is_reported_not_taken_for_a_whole_export) {
   char ref[16];
   for (int i = 0; i < 200; i++)
      log_case("A long enough summary to fill a buffer of the C library quickly", "2026-02-02T10:00",
               KIND_COMPLAINT, ref);
   act_as("hal");
   FILE *full = fopen("/dev/full", "w");
   ck_assert_ptr_nonnull(full);
   ExportOptions o = { .table = EXPORT_CASES, .format = EXPORT_CSV, .to_file = true };
   ck_assert_int_eq(export_write(s, &o, full, "cases.csv", NULL, &err), RD_EIO);
   ck_assert_msg(strstr(err.message, "cases.csv") != NULL, "%s", err.message);
   fclose(full);
}
END_TEST

static size_t progress_done, progress_total;

static void record_progress(void *data, size_t done, size_t total) {
   (void)data;
   progress_done = done;
   progress_total = total;
}

START_TEST(test_export_reports_progress_to_the_last_row) {
   char ref[16];
   for (int i = 0; i < 5; i++)
      log_case("Leak", "2026-02-02T10:00", KIND_COMPLAINT, ref);
   act_as("hal");
   FILE *out = fopen("/dev/null", "w");
   ExportOptions o = { .table = EXPORT_CASES, .format = EXPORT_JSON, .progress = record_progress };
   size_t rows = 0;
   ck_assert(export_write(s, &o, out, "null", &rows, &err) == RD_OK);
   fclose(out);
   ck_assert_uint_eq(rows, 5);
   ck_assert_uint_eq(progress_done, 5);
   ck_assert_uint_eq(progress_total, 5);
}
END_TEST

START_TEST(test_each_export_of_residents_details_is_in_the_access_log_and_the_history_is_not) {
   char ref[16];
   log_case("Boiler broken", "2026-02-02T10:00", KIND_COMPLAINT, ref);
   int64_t before = count_rows("SELECT count(*) FROM access_log");
   act_as("hal");
   free(export_text(EXPORT_CASES, EXPORT_CSV, false, RD_OK, NULL));
   act_as("mo");
   free(export_text(EXPORT_PEOPLE, EXPORT_JSON, false, RD_OK, NULL));
   free(export_text(EXPORT_EVENTS, EXPORT_CSV, false, RD_OK, NULL));
   ck_assert_int_eq(count_rows("SELECT count(*) FROM access_log") - before, 2);
   ck_assert_int_eq(count_rows("SELECT count(*) FROM access_log WHERE kind = 'export' AND actor = 'hal' AND "
                               "detail = 'every case the exporter may see, CSV, to a file'"), 1);
   ck_assert_int_eq(count_rows("SELECT count(*) FROM access_log WHERE actor = 'mo' AND detail LIKE 'every person%'"),
                    1);
}
END_TEST

START_TEST(test_a_subject_access_export_lists_the_exports_that_took_the_persons_records) {
   char ref[16];
   log_case("Boiler broken", "2026-02-02T10:00", KIND_COMPLAINT, ref);
   act_as("mo");
   free(export_text(EXPORT_PEOPLE, EXPORT_CSV, false, RD_OK, NULL));
   char *text = NULL;
   size_t len = 0;
   FILE *out = open_memstream(&text, &len);
   ck_assert_msg(privacy_export(s, tenant_id, PRIVACY_JSON, NULL, out, &err) == RD_OK, "%s", err.message);
   fclose(out);
   ck_assert_msg(strstr(text, "every person the exporter may see, CSV, to a file") != NULL, "%s", text);
   free(text);
}
END_TEST

START_TEST(test_a_confidential_case_is_exported_only_to_its_handlers_and_managers) {
   char open[16], secret[16];
   log_case("Boiler broken", "2026-02-02T10:00", KIND_COMPLAINT, open);
   log_case_as("A private matter", "2026-02-02T11:00", KIND_COMPLAINT, true, secret);
   act_as("desk");
   CsvTable *t = export_csv(EXPORT_CASES);
   ck_assert_uint_eq(t->row_count, 1);
   ck_assert_str_eq(field(t, 0, "ref"), open);
   csv_free(t);
   act_as("mo");
   t = export_csv(EXPORT_CASES);
   ck_assert_uint_eq(t->row_count, 2);
   csv_free(t);
}
END_TEST

START_TEST(test_an_export_that_cannot_be_recorded_is_refused) {
   char ref[16];
   log_case("Boiler broken", "2026-02-02T10:00", KIND_COMPLAINT, ref);
   Session *ro = NULL;
   SessionOptions opts = { .db_path = store_path(s->store), .now = "2026-03-02T09:00", .read_only = true };
   ck_assert_msg(session_start(&opts, &ro, &err) == RD_OK, "%s", err.message);
   ck_assert_msg(session_open_store(ro, STORE_OPEN_EXISTING, &err) == RD_OK, "%s", err.message);
   ck_assert(staff_by_login(ro->store, "mo", &ro->me, &err) == RD_OK);
   ro->logged_in = true;
   FILE *out = fopen("/dev/null", "w");
   ExportOptions o = { .table = EXPORT_CASES, .format = EXPORT_CSV, .to_file = true };
   ck_assert_int_eq(export_write(ro, &o, out, "cases.csv", NULL, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "read-only") != NULL, "%s", err.message);
   o.table = EXPORT_EVENTS;
   ck_assert_msg(export_write(ro, &o, out, "events.csv", NULL, &err) == RD_OK, "%s", err.message);
   fclose(out);
   session_end(ro);
}
END_TEST

START_TEST(test_export_names_its_tables_and_formats) {
   ExportTable t;
   ExportFormat f;
   ck_assert(export_table_parse("people", &t, &err) == RD_OK && t == EXPORT_PEOPLE);
   ck_assert_int_eq(export_table_parse("staff", &t, &err), RD_EINPUT);
   ck_assert_msg(strstr(err.message, "cases, actions, events or people") != NULL, "%s", err.message);
   ck_assert(export_format_parse("json", &f, &err) == RD_OK && f == EXPORT_JSON);
   ck_assert_int_eq(export_format_parse("xlsx", &f, &err), RD_EINPUT);
   ck_assert_str_eq(export_column_name(EXPORT_CASES, 0), "ref");
   ck_assert_ptr_null(export_column_name(EXPORT_CASES, export_column_count(EXPORT_CASES)));
}
END_TEST

int main(void) {
   Suite *su = suite_create("export");
   TCase *tc = tcase_create("export");
   tcase_set_timeout(tc, 60);
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_export_cases_csv_has_the_columns_issue_3_names_in_its_order);
   tcase_add_test(tc, test_export_writes_dates_as_days_and_instants_as_iso_8601);
   tcase_add_test(tc, test_export_status_says_where_each_case_stands);
   tcase_add_test(tc, test_export_quotes_text_and_neutralises_formulas_a_spreadsheet_would_run);
   tcase_add_test(tc, test_export_csv_with_a_bom_starts_with_the_byte_order_mark);
   tcase_add_test(tc, test_export_json_is_one_array_of_objects_with_null_for_what_is_not_recorded);
   tcase_add_test(tc, test_export_of_nothing_is_a_header_or_an_empty_array);
   tcase_add_test(tc, test_export_actions_marks_overdue_ones_at_the_clock);
   tcase_add_test(tc, test_the_history_and_people_need_a_manager_or_an_admin);
   tcase_add_test(tc, test_a_full_disk_is_reported_not_taken_for_a_whole_export);
   tcase_add_test(tc, test_export_reports_progress_to_the_last_row);
   tcase_add_test(tc, test_each_export_of_residents_details_is_in_the_access_log_and_the_history_is_not);
   tcase_add_test(tc, test_a_subject_access_export_lists_the_exports_that_took_the_persons_records);
   tcase_add_test(tc, test_a_confidential_case_is_exported_only_to_its_handlers_and_managers);
   tcase_add_test(tc, test_an_export_that_cannot_be_recorded_is_refused);
   tcase_add_test(tc, test_export_names_its_tables_and_formats);
   suite_add_tcase(su, tc);
   return test_run(su);
}
