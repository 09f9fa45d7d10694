/* Configuration: built-in defaults, the shipped example, and every kind of bad file
 * stopping redress with file:line and nothing written. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "redress/config.h"
#include "redress/session.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;

static void setup(void) {
   dir = test_tmpdir();
}

static void teardown(void) {
   test_rmtree(dir);
   free(dir);
}

START_TEST(test_without_a_file_redress_runs_on_defaults) {
   Config *cfg;
   RdError err;
   ck_assert_int_eq(config_load(NULL, &cfg, &err), RD_OK);
   ck_assert_ptr_null(cfg->path);
   ck_assert_str_eq(cfg->policy_name, "ombudsman-2024");
   ck_assert_int_eq(cfg->division, DIVISION_ENGLAND_WALES);
   ck_assert_int_eq(cfg->office.open_minute, 9 * 60);
   ck_assert_int_eq(cfg->office.close_minute, 17 * 60);
   ck_assert_int_gt(cfg->refresh_seconds, 0);
   ck_assert_ptr_nonnull(config_category(cfg, "Damp and Mould"));
   ck_assert_ptr_nonnull(config_exclusion(cfg, "legal-proceedings"));
   config_free(cfg);
}
END_TEST

START_TEST(test_the_shipped_example_file_loads_with_every_setting) {
   char *path = xasprintf("%s/redress.conf", test_datadir());
   Config *cfg;
   RdError err;
   ck_assert_msg(config_load(path, &cfg, &err) == RD_OK, "%s", err.message);
   ck_assert_str_eq(cfg->landlord_name, "Example Housing Association");
   ck_assert_uint_eq(cfg->exclusion_count, 11);
   ck_assert_uint_eq(cfg->category_count, 9);
   const HomesYear *h = config_homes_for(cfg, 2025);
   ck_assert_ptr_nonnull(h);
   ck_assert_int_eq(h->lcra, 4210);
   ck_assert_int_eq(h->lcho, 335);
   ck_assert_ptr_null(config_homes_for(cfg, 2023));
   config_free(cfg);
   free(path);
}
END_TEST

START_TEST(test_settings_in_a_file_replace_the_defaults) {
   char *path = test_write_file(dir, "r.conf",
                                "landlord = { name = \"Riverside Homes\"; };\n"
                                "database = \"~/cases.db\";\n"
                                "division = \"scotland\";\n"
                                "office_hours = { open = \"08:30\"; close = \"16:00\"; };\n"
                                "timer = { refresh_seconds = 5; };\n"
                                "categories = [ \"repairs\", \"noise\" ];\n"
                                "letters = { outbox = \"/srv/letters\"; };\n");
   setenv("HOME", "/home/desk", 1);
   Config *cfg;
   RdError err;
   ck_assert_msg(config_load(path, &cfg, &err) == RD_OK, "%s", err.message);
   ck_assert_str_eq(cfg->landlord_name, "Riverside Homes");
   ck_assert_str_eq(cfg->database, "/home/desk/cases.db");
   ck_assert_int_eq(cfg->division, DIVISION_SCOTLAND);
   ck_assert_int_eq(cfg->office.open_minute, 8 * 60 + 30);
   ck_assert_int_eq(cfg->refresh_seconds, 5);
   ck_assert_uint_eq(cfg->category_count, 2);
   ck_assert_ptr_null(config_category(cfg, "damp and mould"));
   ck_assert_str_eq(cfg->letters_outbox, "/srv/letters");
   ck_assert_uint_eq(cfg->exclusion_count, 11);
   config_free(cfg);
   free(path);
}
END_TEST

typedef struct BadFile {
   const char *text;
   int line;
   const char *message_part;
} BadFile;

static const BadFile bad_files[] = {
   { "division = \"scotland\";\npolicy = ;\n", 2, "syntax error" },
   { "landlord = { name = 42; };\n", 1, "'name' must be a string" },
   { "\n\ntimer = { refresh_seconds = 0; };\n", 3, "between 1 and 3600" },
   { "timer = { refresh_seconds = \"often\"; };\n", 1, "whole number" },
   { "colour = \"blue\";\n", 1, "unknown setting 'colour'" },
   { "timer = { refresh = 10; };\n", 1, "unknown setting 'refresh' in timer" },
   { "division = \"wales\";\n", 1, "not one of england-and-wales" },
   { "office_hours = { open = \"9am\"; close = \"17:00\"; };\n", 1, "time such as" },
   { "office_hours = { open = \"17:00\"; close = \"09:00\"; };\n", 1, "close must be later than open" },
   { "categories = [ \"repairs\", \"Repairs\" ];\n", 1, "listed twice" },
   { "categories = [];\n", 1, "at least one category" },
   { "exclusions = ( { code = \"Bad Code\"; label = \"x\"; } );\n", 1, "may hold only" },
   { "exclusions = ( { code = \"a\"; } );\n", 1, "needs a code and a label" },
   { "homes = ( { year = \"2025\"; lcra = 10; } );\n", 1, "reporting year such as" },
   { "homes = ( { year = \"2025/27\"; lcra = 10; } );\n", 1, "reporting year such as" },
   { "homes = ( { year = \"2025/26\"; lcra = -1; } );\n", 1, "not both 0" },
   { "homes = ( { year = \"2025/26\"; lcra = 1; }, { year = \"2025/26\"; lcra = 2; } );\n", 1, "listed twice" },
   { "retention_years = 0;\n", 1, "between 1 and 100" },
   { "homes = ( { year = \"2025/26\"; lcra = \"4000\"; } );\n", 1, "lcra must be a whole number" },
   { "homes = ( { year = \"2025/26\"; lcra = 4000; homes = 3; } );\n", 1, "unknown setting 'homes' in a homes entry" },
   { "exclusions = ( { code = \"a\"; label = \"b\"; lable = \"c\"; } );\n", 1, "unknown setting 'lable'" },
   { "database = \"\";\n", 1, "must not be empty" },
};

START_TEST(test_a_bad_file_is_refused_with_file_line_and_what_is_wrong) {
   const BadFile *b = &bad_files[_i];
   char *path = test_write_file(dir, "bad.conf", b->text);
   Config *cfg = NULL;
   RdError err;
   ck_assert_int_eq(config_load(path, &cfg, &err), RD_ECONFIG);
   ck_assert_ptr_null(cfg);
   char *prefix = xasprintf("%s:%d: ", path, b->line);
   ck_assert_msg(strncmp(err.message, prefix, strlen(prefix)) == 0, "\"%s\" should start \"%s\"", err.message,
                 prefix);
   ck_assert_msg(strstr(err.message, b->message_part) != NULL, "\"%s\" lacks \"%s\"", err.message,
                 b->message_part);
   ck_assert_int_eq(error_exit_code(err.status), 2);
   free(prefix);
   free(path);
}
END_TEST

START_TEST(test_an_unknown_policy_profile_is_refused_at_its_line_and_nothing_is_written) {
   char *path = test_write_file(dir, "p.conf", "# comment\n\npolicy = \"no-such-policy\";\n");
   char *db = xasprintf("%s/never.db", dir);
   SessionOptions opts = { .config_path = path, .db_path = db, .now = NULL };
   Session *s = NULL;
   RdError err;
   ck_assert_int_eq(session_start(&opts, &s, &err), RD_ECONFIG);
   ck_assert_ptr_null(s);
   char *prefix = xasprintf("%s:3: no policy profile called \"no-such-policy\"", path);
   ck_assert_msg(strncmp(err.message, prefix, strlen(prefix)) == 0, "%s", err.message);
   ck_assert(strstr(err.message, "ombudsman-2024") != NULL);
   ck_assert_int_ne(access(db, F_OK), 0);
   free(prefix);
   free(db);
   free(path);
}
END_TEST

START_TEST(test_a_malformed_policy_name_is_refused_at_its_line) {
   char *path = test_write_file(dir, "p.conf", "policy = \"Ombudsman\";\n");
   SessionOptions opts = { .config_path = path, .db_path = NULL, .now = NULL };
   Session *s = NULL;
   RdError err;
   ck_assert_int_eq(session_start(&opts, &s, &err), RD_ECONFIG);
   char *prefix = xasprintf("%s:1: ", path);
   ck_assert_msg(strncmp(err.message, prefix, strlen(prefix)) == 0, "%s", err.message);
   free(prefix);
   free(path);
}
END_TEST

START_TEST(test_a_missing_explicit_file_is_an_error_not_the_defaults) {
   Config *cfg = NULL;
   RdError err;
   char *path = xasprintf("%s/absent.conf", dir);
   ck_assert_int_eq(config_load(path, &cfg, &err), RD_ECONFIG);
   ck_assert(strstr(err.message, "cannot be read") != NULL);
   free(path);
}
END_TEST

START_TEST(test_config_is_found_by_option_then_environment_then_xdg) {
   char *xdg = xasprintf("%s/xdg", dir);
   char *xdg_redress = xasprintf("%s/redress", xdg);
   ck_assert_int_eq(mkdir(xdg, 0700), 0);
   ck_assert_int_eq(mkdir(xdg_redress, 0700), 0);
   char *xdg_file = test_write_file(xdg_redress, "redress.conf", "division = \"scotland\";\n");
   setenv("XDG_CONFIG_HOME", xdg, 1);
   unsetenv("REDRESS_CONFIG");
   char *found = config_find(NULL);
   ck_assert_str_eq(found, xdg_file);
   free(found);
   setenv("REDRESS_CONFIG", "/from/env.conf", 1);
   found = config_find(NULL);
   ck_assert_str_eq(found, "/from/env.conf");
   free(found);
   found = config_find("/from/option.conf");
   ck_assert_str_eq(found, "/from/option.conf");
   free(found);
   unsetenv("REDRESS_CONFIG");
   free(xdg_file);
   free(xdg_redress);
   free(xdg);
}
END_TEST

static Suite *config_suite(void) {
   Suite *s = suite_create("config");
   TCase *tc = tcase_create("config");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_without_a_file_redress_runs_on_defaults);
   tcase_add_test(tc, test_the_shipped_example_file_loads_with_every_setting);
   tcase_add_test(tc, test_settings_in_a_file_replace_the_defaults);
   tcase_add_loop_test(tc, test_a_bad_file_is_refused_with_file_line_and_what_is_wrong, 0,
                       (int)(sizeof bad_files / sizeof *bad_files));
   tcase_add_test(tc, test_an_unknown_policy_profile_is_refused_at_its_line_and_nothing_is_written);
   tcase_add_test(tc, test_a_malformed_policy_name_is_refused_at_its_line);
   tcase_add_test(tc, test_a_missing_explicit_file_is_an_error_not_the_defaults);
   tcase_add_test(tc, test_config_is_found_by_option_then_environment_then_xdg);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(config_suite());
}
