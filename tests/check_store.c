/* Storage: migrations from empty, refusing newer or foreign files untouched, the audit
 * log's protection, the statement cache and the consistency check. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "redress/audit.h"
#include "redress/store.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;
static char *path;

static void setup(void) {
   dir = test_tmpdir();
   path = xasprintf("%s/sub/redress.db", dir);
}

static void teardown(void) {
   test_rmtree(dir);
   free(dir);
   free(path);
}

static Store *create(void) {
   Store *st;
   RdError err;
   ck_assert_msg(store_open(path, STORE_CREATE_NEW, &st, &err) == RD_OK, "%s", err.message);
   return st;
}

static int64_t pragma(Store *st, const char *sql) {
   sqlite3_stmt *stmt;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL), SQLITE_OK);
   ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
   int64_t v = sqlite3_column_int64(stmt, 0);
   sqlite3_finalize(stmt);
   return v;
}

static void exec_raw(const char *file, const char *sql) {
   sqlite3 *db;
   ck_assert_int_eq(sqlite3_open(file, &db), SQLITE_OK);
   ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
   sqlite3_close(db);
}

static char *slurp(const char *file) {
   FILE *f = fopen(file, "rb");
   ck_assert_ptr_nonnull(f);
   char *buf = xcalloc(1, 4096);
   size_t n = fread(buf, 1, 4095, f);
   buf[n] = '\0';
   fclose(f);
   return buf;
}

START_TEST(test_a_new_database_is_migrated_from_empty_to_the_current_schema) {
   Store *st = create();
   ck_assert_int_eq(pragma(st, "PRAGMA user_version"), store_schema_version());
   ck_assert_int_eq(pragma(st, "PRAGMA application_id"), STORE_APPLICATION_ID);
   ck_assert_int_eq(pragma(st, "PRAGMA foreign_keys"), 1);
   ck_assert_int_eq(pragma(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                           "('staff', 'person', 'complaint', 'stage', 'event', 'action', 'remedy', "
                           "'compliment', 'holiday')"), 9);
   sqlite3_stmt *stmt;
   sqlite3_prepare_v2(store_db(st), "PRAGMA journal_mode", -1, &stmt, NULL);
   sqlite3_step(stmt);
   ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "wal");
   sqlite3_finalize(stmt);
   store_close(st);
   struct stat sb;
   ck_assert_int_eq(stat(path, &sb), 0);
   ck_assert_msg((sb.st_mode & 0777) == 0660, "the database should be 0660 (group-writable, others out), is %o",
                 (unsigned)(sb.st_mode & 0777));
}
END_TEST

START_TEST(test_reopening_keeps_data_and_does_not_migrate_again) {
   Store *st = create();
   RdError err;
   ck_assert_int_eq(store_begin(st, &err), RD_OK);
   ck_assert_int_eq(store_meta_set(st, "landlord", "Riverside", &err), RD_OK);
   ck_assert_int_eq(store_commit(st, &err), RD_OK);
   store_close(st);
   ck_assert_int_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), RD_OK);
   char *v = store_meta_get(st, "landlord");
   ck_assert_str_eq(v, "Riverside");
   free(v);
   store_close(st);
}
END_TEST

/* A landlord upgrading redress keeps their records: the schema steps they lack are run,
 * once, and nothing else changes. Version 2 is what the previous release made. */
START_TEST(test_a_database_from_an_older_redress_is_migrated_keeping_its_data) {
   Store *st = create();
   RdError err;
   ck_assert_int_eq(store_begin(st, &err), RD_OK);
   ck_assert_int_eq(store_meta_set(st, "landlord", "Riverside", &err), RD_OK);
   ck_assert_int_eq(store_commit(st, &err), RD_OK);
   store_close(st);
   exec_raw(path, "DROP INDEX learning_complaint; PRAGMA user_version = 2");
   ck_assert_int_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), RD_OK);
   ck_assert_int_eq(pragma(st, "PRAGMA user_version"), store_schema_version());
   ck_assert_int_eq(pragma(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'learning_complaint'"), 1);
   char *v = store_meta_get(st, "landlord");
   ck_assert_str_eq(v, "Riverside");
   free(v);
   store_close(st);
}
END_TEST

START_TEST(test_init_refuses_to_overwrite_an_existing_file) {
   store_close(create());
   Store *st;
   RdError err;
   ck_assert_int_eq(store_open(path, STORE_CREATE_NEW, &st, &err), RD_ERULE);
   ck_assert(strstr(err.message, "will not overwrite") != NULL);
}
END_TEST

START_TEST(test_a_missing_database_names_the_init_command) {
   Store *st;
   RdError err;
   ck_assert_int_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), RD_ENOTFOUND);
   ck_assert(strstr(err.message, "redress init") != NULL);
}
END_TEST

START_TEST(test_a_database_from_a_newer_redress_is_refused) {
   store_close(create());
   exec_raw(path, "PRAGMA user_version = 99");
   Store *st;
   RdError err;
   ck_assert_int_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), RD_EDB);
   ck_assert_msg(strstr(err.message, "newer redress") != NULL, "%s", err.message);
   ck_assert(strstr(err.message, "99") != NULL);
}
END_TEST

START_TEST(test_a_file_that_is_not_a_database_is_refused_untouched) {
   char *text = test_write_file(dir, "notes.db", "Dear tenant, this is not a database.\n");
   char *wal = xasprintf("%s-wal", text);
   Store *st;
   RdError err;
   ck_assert_int_eq(store_open(text, STORE_OPEN_EXISTING, &st, &err), RD_EINPUT);
   ck_assert(strstr(err.message, "not a redress database") != NULL);
   ck_assert(strstr(err.message, "untouched") != NULL);
   char *after = slurp(text);
   ck_assert_str_eq(after, "Dear tenant, this is not a database.\n");
   ck_assert_int_ne(access(wal, F_OK), 0);
   free(after);
   free(wal);
   free(text);
}
END_TEST

START_TEST(test_another_programs_sqlite_database_is_refused_untouched) {
   char *other = xasprintf("%s/other.db", dir);
   exec_raw(other, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')");
   Store *st;
   RdError err;
   ck_assert_int_eq(store_open(other, STORE_OPEN_EXISTING, &st, &err), RD_EINPUT);
   ck_assert(strstr(err.message, "not a redress one") != NULL);
   sqlite3 *db;
   sqlite3_open(other, &db);
   sqlite3_stmt *stmt;
   sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
   sqlite3_step(stmt);
   ck_assert_int_eq(sqlite3_column_int(stmt, 0), 1);
   sqlite3_finalize(stmt);
   sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL);
   sqlite3_step(stmt);
   ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "delete");
   sqlite3_finalize(stmt);
   sqlite3_close(db);
   free(other);
}
END_TEST

START_TEST(test_audit_events_cannot_be_changed_or_deleted_even_through_sqlite) {
   Store *st = create();
   RdError err;
   ck_assert_int_eq(store_begin(st, &err), RD_OK);
   AuditEvent ev = { 0, "test", 1, "created", "something" };
   ck_assert_int_eq(audit_record(st, "alice", T("2025-12-19T10:00"), &ev, &err), RD_OK);
   ck_assert_int_eq(store_commit(st, &err), RD_OK);
   store_close(st);
   sqlite3 *db;
   sqlite3_open(path, &db);
   ck_assert_int_ne(sqlite3_exec(db, "UPDATE event SET actor = 'mallory'", NULL, NULL, NULL), SQLITE_OK);
   ck_assert(strstr(sqlite3_errmsg(db), "cannot be changed") != NULL);
   ck_assert_int_ne(sqlite3_exec(db, "DELETE FROM event", NULL, NULL, NULL), SQLITE_OK);
   ck_assert(strstr(sqlite3_errmsg(db), "cannot be deleted") != NULL);
   sqlite3_close(db);
}
END_TEST

START_TEST(test_an_audit_event_outside_a_transaction_is_refused) {
   Store *st = create();
   RdError err;
   AuditEvent ev = { 0, "test", 1, "created", NULL };
   ck_assert_int_eq(audit_record(st, "alice", T("2025-12-19T10:00"), &ev, &err), RD_EDB);
   ck_assert_int_eq(pragma(st, "SELECT count(*) FROM event"), 0);
   store_close(st);
}
END_TEST

START_TEST(test_statements_are_prepared_once_per_connection) {
   static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
   Store *st = create();
   RdError err;
   sqlite3_stmt *a = store_stmt(st, sql, &err);
   sqlite3_bind_text(a, 1, "x", -1, SQLITE_STATIC);
   sqlite3_stmt *b = store_stmt(st, sql, &err);
   ck_assert_ptr_eq(a, b);
   ck_assert_int_eq(sqlite3_bind_parameter_count(b), 1);
   ck_assert_ptr_null(store_stmt(st, "SELECT nonsense FROM nowhere", &err));
   ck_assert_int_eq(err.status, RD_EDB);
   store_close(st);
}
END_TEST

START_TEST(test_check_reports_a_closed_case_without_a_reason_in_words) {
   Store *st = create();
   RdError err;
   int problems = -1;
   char *out = NULL;
   size_t len = 0;
   FILE *f = open_memstream(&out, &len);
   ck_assert_int_eq(store_check(st, f, &problems, &err), RD_OK);
   fflush(f);
   ck_assert_int_eq(problems, 0);
   ck_assert_int_eq(sqlite3_exec(store_db(st),
                                 "INSERT INTO complaint (ref, kind, channel, received_at, summary, policy, "
                                 "closed_at, created_at, updated_at) VALUES ('C25-00001', 'service-request', "
                                 "'phone', '2025-12-19T10:00:00Z', 'x', 'ombudsman-2024', "
                                 "'2025-12-20T10:00:00Z', '2025-12-19T10:00:00Z', '2025-12-19T10:00:00Z')",
                                 NULL, NULL, NULL), SQLITE_OK);
   ck_assert_int_eq(store_check(st, f, &problems, &err), RD_OK);
   fclose(f);
   ck_assert_int_eq(problems, 1);
   ck_assert_msg(strstr(out, "C25-00001 is closed without a reason") != NULL, "%s", out);
   free(out);
   store_close(st);
}
END_TEST

START_TEST(test_data_version_moves_when_another_connection_commits) {
   Store *st = create();
   int64_t before = store_data_version(st);
   exec_raw(path, "INSERT INTO meta (key, value) VALUES ('k', 'v')");
   ck_assert_int_ne(store_data_version(st), before);
   store_close(st);
}
END_TEST

typedef struct Pages {
   size_t calls, done, total;
   bool growing;
} Pages;

static void count_pages(void *data, size_t done, size_t total) {
   Pages *p = data;
   p->growing = p->growing && done >= p->done && done <= total;
   p->calls++;
   p->done = done;
   p->total = total;
}

/* redress backup shows a bar on a terminal: the pages copied of the pages to copy. */
START_TEST(test_a_backup_tells_its_progress_page_by_page_to_the_end) {
   Store *st = create();
   RdError err;
   ck_assert_int_eq(store_begin(st, &err), RD_OK);
   for (int i = 0; i < 6000; i++) {   /* well over one step of 256 pages */
      char key[32];
      snprintf(key, sizeof key, "key-%d", i);
      ck_assert_int_eq(store_meta_set(st, key, "a value long enough to fill the pages of the database up quickly, "
                                               "a value long enough to fill the pages of the database up quickly, "
                                               "a value long enough to fill the pages of the database up quickly",
                                      &err), RD_OK);
   }
   ck_assert_int_eq(store_commit(st, &err), RD_OK);
   char *copy = xasprintf("%s/backup.db", dir);
   Pages pages = { 0, 0, 0, true };
   ck_assert_msg(store_backup_watched(st, copy, count_pages, &pages, NULL, &err) == RD_OK, "%s", err.message);
   ck_assert_msg(pages.calls > 1 && pages.growing, "told %zu times", pages.calls);
   ck_assert_msg(pages.total > 256 && pages.done == pages.total, "%zu of %zu pages", pages.done, pages.total);
   store_close(st);
   free(copy);
}
END_TEST

START_TEST(test_backup_is_a_checked_copy_that_never_overwrites) {
   Store *st = create();
   RdError err;
   ck_assert_int_eq(store_begin(st, &err), RD_OK);
   ck_assert_int_eq(store_meta_set(st, "landlord", "Riverside", &err), RD_OK);
   ck_assert_int_eq(store_commit(st, &err), RD_OK);
   char *copy = xasprintf("%s/backup.db", dir);
   char *wal = xasprintf("%s-wal", copy);
   int64_t bytes = 0;
   ck_assert_msg(store_backup(st, copy, &bytes, &err) == RD_OK, "%s", err.message);
   ck_assert_int_gt(bytes, 0);
   ck_assert_int_ne(access(wal, F_OK), 0);
   ck_assert_int_eq(store_backup(st, copy, &bytes, &err), RD_ERULE);
   ck_assert(strstr(err.message, "will not overwrite") != NULL);
   int version = 0;
   ck_assert_int_eq(store_probe(copy, &version, &err), RD_OK);
   ck_assert_int_eq(version, store_schema_version());
   store_close(st);
   free(wal);
   free(copy);
}
END_TEST

START_TEST(test_restore_replaces_the_contents_and_keeps_a_safety_copy) {
   Store *st = create();
   RdError err;
   char *copy = xasprintf("%s/backup.db", dir);
   char *safety = xasprintf("%s/safety.db", dir);
   ck_assert_int_eq(store_begin(st, &err), RD_OK);
   ck_assert_int_eq(store_meta_set(st, "landlord", "Before", &err), RD_OK);
   ck_assert_int_eq(store_commit(st, &err), RD_OK);
   ck_assert_int_eq(store_backup(st, copy, NULL, &err), RD_OK);
   ck_assert_int_eq(store_begin(st, &err), RD_OK);
   ck_assert_int_eq(store_meta_set(st, "landlord", "After", &err), RD_OK);
   ck_assert_int_eq(store_commit(st, &err), RD_OK);
   ck_assert_msg(store_restore(st, copy, safety, &err) == RD_OK, "%s", err.message);
   char *v = store_meta_get(st, "landlord");
   ck_assert_str_eq(v, "Before");
   free(v);
   store_close(st);
   ck_assert_int_eq(store_open(safety, STORE_OPEN_EXISTING, &st, &err), RD_OK);
   v = store_meta_get(st, "landlord");
   ck_assert_str_eq(v, "After");
   free(v);
   store_close(st);
   free(safety);
   free(copy);
}
END_TEST

START_TEST(test_restore_refuses_a_file_that_is_not_a_redress_database_or_is_newer) {
   Store *st = create();
   RdError err;
   char *text = test_write_file(dir, "letter.txt", "Dear tenant\n");
   char *newer = xasprintf("%s/newer.db", dir);
   char *safety = xasprintf("%s/safety.db", dir);
   ck_assert_int_eq(store_restore(st, text, safety, &err), RD_EINPUT);
   ck_assert_int_eq(store_backup(st, newer, NULL, &err), RD_OK);
   exec_raw(newer, "PRAGMA user_version = 42");
   ck_assert_int_eq(store_restore(st, newer, safety, &err), RD_EDB);
   ck_assert(strstr(err.message, "newer redress") != NULL);
   ck_assert_int_ne(access(safety, F_OK), 0);
   store_close(st);
   free(safety);
   free(newer);
   free(text);
}
END_TEST

START_TEST(test_a_read_only_database_can_be_read_but_refuses_saving_plainly) {
   store_close(create());
   Store *st;
   RdError err;
   ck_assert_int_eq(store_open(path, STORE_READ_ONLY, &st, &err), RD_OK);
   ck_assert(store_read_only(st));
   char *v = store_meta_get(st, "landlord");
   free(v);
   ck_assert_int_eq(store_begin(st, &err), RD_EDB);
   ck_assert(strstr(err.message, "reading only: nothing was saved") != NULL);
   store_close(st);
}
END_TEST

/* A full disk: SQLite reports SQLITE_FULL (here through a page limit); the user is told
 * and nothing of the transaction remains. */
START_TEST(test_a_full_disk_is_reported_and_nothing_half_written_remains) {
   Store *st = create();
   RdError err;
   int64_t pages = pragma(st, "PRAGMA page_count");
   char *sql = xasprintf("PRAGMA max_page_count = %lld", (long long)pages + 2);
   ck_assert_int_eq(sqlite3_exec(store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
   free(sql);
   ck_assert_int_eq(store_begin(st, &err), RD_OK);
   RdStatus r = RD_OK;
   char key[32], value[4000];
   memset(value, 'x', sizeof value - 1);
   value[sizeof value - 1] = '\0';
   for (int i = 0; i < 100 && r == RD_OK; i++) {
      snprintf(key, sizeof key, "k%d", i);
      r = store_meta_set(st, key, value, &err);
   }
   ck_assert_int_eq(r, RD_EDB);
   ck_assert_msg(strstr(err.message, "disk is full: nothing was saved") != NULL, "%s", err.message);
   store_rollback(st);
   ck_assert_int_eq(pragma(st, "SELECT count(*) FROM meta WHERE key LIKE 'k%'"), 0);
   ck_assert_int_eq(pragma(st, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
   store_close(st);
}
END_TEST

static Suite *store_suite(void) {
   Suite *s = suite_create("store");
   TCase *tc = tcase_create("store");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_a_new_database_is_migrated_from_empty_to_the_current_schema);
   tcase_add_test(tc, test_reopening_keeps_data_and_does_not_migrate_again);
   tcase_add_test(tc, test_a_database_from_an_older_redress_is_migrated_keeping_its_data);
   tcase_add_test(tc, test_init_refuses_to_overwrite_an_existing_file);
   tcase_add_test(tc, test_a_missing_database_names_the_init_command);
   tcase_add_test(tc, test_a_database_from_a_newer_redress_is_refused);
   tcase_add_test(tc, test_a_file_that_is_not_a_database_is_refused_untouched);
   tcase_add_test(tc, test_another_programs_sqlite_database_is_refused_untouched);
   tcase_add_test(tc, test_audit_events_cannot_be_changed_or_deleted_even_through_sqlite);
   tcase_add_test(tc, test_an_audit_event_outside_a_transaction_is_refused);
   tcase_add_test(tc, test_statements_are_prepared_once_per_connection);
   tcase_add_test(tc, test_check_reports_a_closed_case_without_a_reason_in_words);
   tcase_add_test(tc, test_data_version_moves_when_another_connection_commits);
   tcase_add_test(tc, test_backup_is_a_checked_copy_that_never_overwrites);
   tcase_add_test(tc, test_restore_replaces_the_contents_and_keeps_a_safety_copy);
   tcase_add_test(tc, test_restore_refuses_a_file_that_is_not_a_redress_database_or_is_newer);
   tcase_add_test(tc, test_a_read_only_database_can_be_read_but_refuses_saving_plainly);
   tcase_add_test(tc, test_a_full_disk_is_reported_and_nothing_half_written_remains);
   tcase_add_test(tc, test_a_backup_tells_its_progress_page_by_page_to_the_end);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(store_suite());
}
