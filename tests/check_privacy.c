/* Data protection (UK GDPR, Data Protection Act 2018): subject access exports, the access
 * log, confidential cases, the retention period, and an audit log that never holds the
 * resident's words. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/compliment.h"
#include "redress/learning.h"
#include "redress/letter.h"
#include "redress/ombudsman.h"
#include "redress/person.h"
#include "redress/privacy.h"
#include "redress/text.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;
static Session *s;
static RdError err;
static int64_t jo, al;

typedef struct StaffSpec {
   const char *login, *name, *team, *roles;
   int grade;
} StaffSpec;

static const StaffSpec office[] = {
   { "desk", "Dee Desk", "Customer Services", "front-desk", 2 },
   { "hal", "Hal Handler", "Repairs", "handler", 3 },
   { "hana", "Hana Handler", "Housing", "handler", 3 },
   { "mo", "Mo Manager", "Housing", "handler,manager", 6 },
   { "ada", "Ada Admin", "IT", "admin", 5 },
};

static void add_staff(const StaffSpec *spec) {
   Staff st;
   staff_init(&st);
   st.login = xstrdup(spec->login);
   st.full_name = xstrdup(spec->name);
   st.team = xstrdup(spec->team);
   st.grade = spec->grade;
   st.complaints_trained_on = D("2017-01-10");
   st.ombudsman_trained_on = D("2017-02-10");
   ck_assert_int_eq(staff_parse_roles(spec->roles, &st.roles, &err), RD_OK);
   ck_assert_msg(staff_add(s->store, NULL, &st, &err) == RD_OK, "%s", err.message);
   staff_clear(&st);
}

static void act_as(const char *login) {
   staff_clear(&s->me);
   ck_assert_msg(staff_by_login(s->store, login, &s->me, &err) == RD_OK, "%s", err.message);
   s->logged_in = true;
}

static void ok(RdStatus st) {
   ck_assert_msg(st == RD_OK, "expected success, got %s: %s", error_status_name(st), err.message);
}

static int64_t count(const char *sql) {
   sqlite3_stmt *q;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), sql, -1, &q, NULL), SQLITE_OK);
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   int64_t v = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   return v;
}

/* The first column of the first row as text; caller frees. */
static char *text_of(const char *sql) {
   sqlite3_stmt *q;
   ck_assert_msg(sqlite3_prepare_v2(store_db(s->store), sql, -1, &q, NULL) == SQLITE_OK, "%s",
                 sqlite3_errmsg(store_db(s->store)));
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   char *v = xstrdup(sqlite3_column_text(q, 0) ? (const char *)sqlite3_column_text(q, 0) : "");
   sqlite3_finalize(q);
   return v;
}

static void exec(const char *sql) {
   char *msg = NULL;
   ck_assert_msg(sqlite3_exec(store_db(s->store), sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
}

static int64_t add_person(const char *name, const char *phone, const char *vulnerabilities) {
   Person p;
   person_init(&p);
   p.name = xstrdup(name);
   p.tenancy_ref = xstrdup("T-1001");
   p.phone = xstrdup(phone);
   p.address = xstrdup("4 Mill Lane, Leeds");
   p.vulnerabilities = xstrdup(vulnerabilities);
   ck_assert_msg(person_add(s->store, &s->me, &p, &err) == RD_OK, "%s", err.message);
   int64_t id = p.id;
   person_clear(&p);
   return id;
}

static void setup(void) {
   dir = test_tmpdir();
   char *db = xasprintf("%s/redress.db", dir);
   SessionOptions opts = { .config_path = NULL, .db_path = db, .now = "2026-03-02T09:00" };
   setenv("XDG_CONFIG_HOME", dir, 1);
   unsetenv("REDRESS_CONFIG");
   ck_assert_msg(session_start(&opts, &s, &err) == RD_OK, "%s", err.message);
   ck_assert_msg(session_open_store(s, STORE_CREATE_NEW, &err) == RD_OK, "%s", err.message);
   for (size_t i = 0; i < sizeof office / sizeof *office; i++)
      add_staff(&office[i]);
   act_as("desk");
   jo = add_person("Jo Smith", "0113 496 0000", "hearing loss");
   al = add_person("Al Jones", "0113 496 0001", "");
   Adjustment a;
   adjustment_init(&a);
   a.person_id = jo;
   a.kind = ADJUST_LARGE_PRINT;
   a.detail = xstrdup("letters in 16pt");
   a.review_on = D("2026-06-30");
   ok(adjustment_add(s->store, &s->me, &a, &err));
   adjustment_clear(&a);
   free(db);
}

static void teardown(void) {
   session_end(s);
   test_rmtree(dir);
   free(dir);
}

static const char *log_case(int64_t person, const char *received, const char *summary, bool confidential) {
   static char ref[16];
   NewComplaint in = { .person_id = person, .channel = "phone", .received_at = T(received),
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = summary,
                       .outcome_sought = "A new boiler", .confidential = confidential, .triage = KIND_COMPLAINT };
   Complaint c;
   complaint_init(&c);
   act_as("desk");
   ok(complaint_new(s, &in, &c, &err));
   str_copy(ref, c.ref, sizeof ref);
   complaint_clear(&c);
   return ref;
}

/* A complaint of 2018 worked through to its close, holding every kind of text a case has. */
static const char *old_case(int64_t person) {
   static char ref[16];
   str_copy(ref, log_case(person, "2018-03-01T10:00", "Boiler broken at 4 Mill Lane", false), sizeof ref);
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Boiler not repaired for three weeks", RD_NO_DATE, T("2018-03-02T10:00"),
                            &err));
   ok(complaint_contact(s, ref, "out", "phone", "Told Jo the engineer comes Friday", T("2018-03-05T10:00"), &err));
   ok(remedy_add(s, ref, REMEDY_GOODWILL, "Goodwill payment for the cold weeks", 5000, D("2018-03-20"), NULL, &err));
   int64_t action_id = 0;
   ok(action_add(s, ref, "Fit the new boiler", NULL, D("2018-03-30"), &action_id, &err));
   ok(action_update(s, action_id, "Engineer booked for Jo", T("2018-03-08T10:00"), &err));
   Response r = { DECISION_UPHELD, "Two visits were missed", false, false };
   ok(complaint_respond(s, ref, 0, &r, T("2018-03-10T10:00"), &err));
   ok(action_done(s, action_id, D("2018-03-28"), "Boiler fitted", &err));
   ok(complaint_close(s, ref, 0, CLOSE_RESOLVED, "Jo is warm again", T("2018-03-29T10:00"), &err));
   return ref;
}

/* The export of a person as text, read back; caller frees. */
static char *export_text(int64_t person, PrivacyFormat format) {
   char *path = xasprintf("%s/export-%lld-%d", dir, (long long)count("SELECT count(*) FROM access_log"), format);
   ok(privacy_export(s, person, format, path, NULL, &err));
   char *text = NULL;
   size_t len = 0;
   ok(text_read_file(path, &text, &len, &err));
   free(path);
   return text;
}

/* The text as one line where the document wrapped it: a line break and the indent of
 * the continuation become one space. Caller frees. */
static char *unwrapped(const char *text) {
   char *out = xstrdup(text);
   char *w = out;
   for (const char *r = text; *r; r++) {
      if (*r != '\n') {
         *w++ = *r;
         continue;
      }
      *w++ = ' ';
      while (r[1] == ' ')
         r++;
   }
   *w = '\0';
   return out;
}

static void has(const char *text, const char *want) {
   char *flat = unwrapped(text);
   ck_assert_msg(strstr(flat, want) != NULL, "'%s' is missing from:\n%s", want, text);
   free(flat);
}

static void lacks(const char *text, const char *unwanted) {
   char *flat = unwrapped(text);
   ck_assert_msg(strstr(flat, unwanted) == NULL, "'%s' should not be in:\n%s", unwanted, text);
   free(flat);
}

/* --- subject access exports ------------------------------------------------------------- */

START_TEST(test_an_export_holds_the_record_the_adjustments_and_every_case_with_its_history) {
   const char *ref = old_case(jo);
   act_as("mo");
   char *text = export_text(jo, PRIVACY_TEXT);
   has(text, "SUBJECT ACCESS REQUEST");
   has(text, "prepared at              2026-03-02 09:00 (UK time)");
   has(text, "prepared by              Mo Manager (mo)");
   has(text, "Jo Smith");
   has(text, "0113 496 0000");
   has(text, "hearing loss");
   has(text, "letters in 16pt");
   has(text, ref);
   has(text, "Boiler broken at 4 Mill Lane");
   has(text, "Boiler not repaired for three weeks");
   has(text, "Two visits were missed");
   has(text, "Told Jo the engineer comes Friday");
   has(text, "Goodwill payment for the cold weeks");
   has(text, "\302\24350.00");
   has(text, "Fit the new boiler");
   has(text, "Engineer booked for Jo");
   has(text, "Done: Boiler fitted");
   has(text, "Jo is warm again");
   has(text, "acknowledged: stage 1 acknowledged");
   has(text, "adjustment added");
   lacks(text, "Al Jones");
   free(text);
}
END_TEST

START_TEST(test_an_export_includes_the_ombudsman_referrals_survey_and_lessons_of_the_cases) {
   const char *ref = old_case(jo);
   act_as("hal");
   ok(ombudsman_refer(s, ref, "201804321", D("2018-04-02"), NULL, &err));
   ok(learning_add(s, ref, "Engineers missed visits", "Text reminders the day before", T("2018-04-03T10:00"), NULL,
                   &err));
   exec("INSERT INTO survey (complaint_id, sent_on, answered_on, satisfied) VALUES (1, '2018-04-10', '2018-04-20', 1)");
   act_as("mo");
   char *text = export_text(jo, PRIVACY_TEXT);
   has(text, "Referral");
   has(text, "ombudsman reference      201804321");
   has(text, "Engineers missed visits");
   has(text, "Text reminders the day before");
   has(text, "satisfied with the handling yes");
   free(text);
}
END_TEST

START_TEST(test_an_export_includes_the_cases_where_the_person_is_one_of_a_group) {
   const char *ref = log_case(al, "2026-02-02T10:00", "Lift broken in the block", false);
   char *sql = xasprintf("INSERT INTO complaint_member (complaint_id, person_id) "
                         "SELECT id, %lld FROM complaint WHERE ref = '%s'", (long long)jo, ref);
   exec(sql);
   free(sql);
   act_as("mo");
   char *text = export_text(jo, PRIVACY_TEXT);
   has(text, ref);
   has(text, "one of a group complaining");
   has(text, "Lift broken in the block");
   free(text);
}
END_TEST

START_TEST(test_an_export_shows_control_characters_in_text_made_visible) {
   log_case(jo, "2026-02-02T10:00", "Boiler \033[31mred\033[0m and a bell\a", false);
   act_as("mo");
   char *text = export_text(jo, PRIVACY_TEXT);
   has(text, "Boiler ^[[31mred^[[0m and a bell^G");
   lacks(text, "\033");
   lacks(text, "\a");
   free(text);
}
END_TEST

START_TEST(test_an_export_as_json_holds_the_same_content_as_data) {
   const char *ref = old_case(jo);
   act_as("ada");
   char *text = export_text(jo, PRIVACY_JSON);
   json_error_t jerr;
   json_t *doc = json_loads(text, 0, &jerr);
   ck_assert_msg(doc != NULL, "not JSON: %s", jerr.text);
   ck_assert_str_eq(json_string_value(json_object_get(json_object_get(doc, "person"), "name")), "Jo Smith");
   json_t *c = json_array_get(json_object_get(doc, "cases"), 0);
   ck_assert_str_eq(json_string_value(json_object_get(c, "reference")), ref);
   ck_assert_str_eq(json_string_value(json_object_get(c, "summary")), "Boiler broken at 4 Mill Lane");
   ck_assert_str_eq(json_string_value(json_object_get(c, "received_at")), "2018-03-01T10:00:00Z");
   json_t *stage = json_array_get(json_object_get(c, "stages"), 0);
   ck_assert_str_eq(json_string_value(json_object_get(stage, "decision")), "upheld");
   ck_assert_int_eq((int)json_array_size(json_object_get(c, "history")), (int)count("SELECT count(*) FROM event "
                    "WHERE complaint_id = 1"));
   json_decref(doc);
   free(text);
}
END_TEST

START_TEST(test_only_managers_and_admins_may_export_and_a_refusal_is_kept) {
   char *path = xasprintf("%s/by-hal.txt", dir);
   act_as("hal");
   ck_assert_int_eq(privacy_export(s, jo, PRIVACY_TEXT, path, NULL, &err), RD_EDENIED);
   has(err.message, "export everything held about a person");
   ck_assert_int_ne(access(path, F_OK), 0);
   ck_assert_int_eq(count("SELECT count(*) FROM access_log"), 0);
   ck_assert_int_eq(count("SELECT count(*) FROM refusal WHERE actor = 'hal' AND doing LIKE 'export%'"), 1);
   free(path);
}
END_TEST

START_TEST(test_an_export_is_recorded_with_who_whose_and_when) {
   act_as("mo");
   char *text = export_text(jo, PRIVACY_TEXT);
   ck_assert_int_eq(count("SELECT count(*) FROM access_log WHERE kind = 'export' AND actor = 'mo' AND person_id = 1 "
                          "AND at = '2026-03-02T09:00:00Z'"), 1);
   free(text);
   /* A later export says who took the records before. */
   act_as("ada");
   text = export_text(jo, PRIVACY_TEXT);
   has(text, "WHO HAS EXPORTED OR VIEWED THESE RECORDS");
   has(text, "mo: exported these records (text, to a file)");
   free(text);
}
END_TEST

START_TEST(test_the_access_log_cannot_be_changed) {
   act_as("mo");
   free(export_text(jo, PRIVACY_TEXT));
   ck_assert_int_ne(sqlite3_exec(store_db(s->store), "UPDATE access_log SET actor = 'nobody'", NULL, NULL, NULL),
                    SQLITE_OK);
   ck_assert_int_ne(sqlite3_exec(store_db(s->store), "DELETE FROM access_log", NULL, NULL, NULL), SQLITE_OK);
   ck_assert_int_eq(count("SELECT count(*) FROM access_log WHERE actor = 'mo'"), 1);
}
END_TEST

START_TEST(test_an_export_file_is_readable_by_its_owner_only) {
   char *path = xasprintf("%s/jo.txt", dir);
   mode_t old = umask(0);
   act_as("mo");
   RdStatus st = privacy_export(s, jo, PRIVACY_TEXT, path, NULL, &err);
   umask(old);
   ok(st);
   struct stat sb;
   ck_assert_int_eq(stat(path, &sb), 0);
   ck_assert_int_eq(sb.st_mode & 0777, 0600);
   free(path);
}
END_TEST

START_TEST(test_an_export_never_overwrites_a_file) {
   char *path = test_write_file(dir, "notes.txt", "my own notes\n");
   act_as("mo");
   ck_assert_int_eq(privacy_export(s, jo, PRIVACY_TEXT, path, NULL, &err), RD_ERULE);
   has(err.message, "will not overwrite");
   char *text = NULL;
   size_t len;
   ok(text_read_file(path, &text, &len, &err));
   ck_assert_str_eq(text, "my own notes\n");
   ck_assert_int_eq(count("SELECT count(*) FROM access_log"), 0);
   free(text);
   free(path);
}
END_TEST

START_TEST(test_an_export_of_nobody_leaves_no_file_and_no_record) {
   char *path = xasprintf("%s/nobody.txt", dir);
   act_as("mo");
   ck_assert_int_eq(privacy_export(s, 999, PRIVACY_TEXT, path, NULL, &err), RD_ENOTFOUND);
   has(err.message, "no person 999");
   ck_assert_int_ne(access(path, F_OK), 0);
   ck_assert_int_eq(count("SELECT count(*) FROM access_log"), 0);
   free(path);
}
END_TEST

START_TEST(test_an_export_to_a_stream_is_recorded_first) {
   char *buf = NULL;
   size_t size = 0;
   FILE *out = open_memstream(&buf, &size);
   act_as("mo");
   ok(privacy_export(s, jo, PRIVACY_TEXT, NULL, out, &err));
   fclose(out);
   has(buf, "Jo Smith");
   ck_assert_int_eq(count("SELECT count(*) FROM access_log WHERE detail LIKE 'text, on the screen%'"), 1);
   free(buf);
}
END_TEST

/* A session on the same database that can only read it, acting as login. */
static Session *read_only_session(const char *login) {
   SessionOptions opts = { .db_path = s->db_path, .now = "2026-03-02T09:00", .read_only = true };
   Session *ro = NULL;
   ok(session_start(&opts, &ro, &err));
   ok(session_open_store(ro, STORE_OPEN_EXISTING, &err));
   staff_clear(&ro->me);
   ok(staff_by_login(ro->store, login, &ro->me, &err));
   ro->logged_in = true;
   return ro;
}

START_TEST(test_an_export_is_refused_when_it_cannot_be_recorded) {
   Session *ro = read_only_session("mo");
   char *path = xasprintf("%s/ro.txt", dir);
   ck_assert_int_eq(privacy_export(ro, jo, PRIVACY_TEXT, path, NULL, &err), RD_ERULE);
   has(err.message, "read-only");
   ck_assert_int_ne(access(path, F_OK), 0);
   session_end(ro);
   free(path);
}
END_TEST

/* --- confidential cases --------------------------------------------------------------------- */

START_TEST(test_viewing_a_confidential_case_is_recorded) {
   char ref[16];
   str_copy(ref, log_case(jo, "2026-02-02T10:00", "About my neighbour", true), sizeof ref);
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Noise from next door", RD_NO_DATE, T("2026-02-03T10:00"), &err));
   Complaint c;
   complaint_init(&c);
   ok(complaint_view(s, ref, &c, &err));
   ck_assert_str_eq(c.summary, "About my neighbour");
   complaint_clear(&c);
   ck_assert_int_eq(count("SELECT count(*) FROM access_log WHERE kind = 'view' AND actor = 'hal' AND "
                          "complaint_id = 1 AND person_id = 1"), 1);
   act_as("mo");
   ok(complaint_view(s, ref, &c, &err));
   complaint_clear(&c);
   ck_assert_int_eq(count("SELECT count(*) FROM access_log WHERE kind = 'view'"), 2);
}
END_TEST

START_TEST(test_viewing_an_ordinary_case_is_not_recorded) {
   char ref[16];
   str_copy(ref, log_case(jo, "2026-02-02T10:00", "Boiler broken", false), sizeof ref);
   Complaint c;
   complaint_init(&c);
   act_as("hana");
   ok(complaint_view(s, ref, &c, &err));
   complaint_clear(&c);
   ck_assert_int_eq(count("SELECT count(*) FROM access_log"), 0);
}
END_TEST

START_TEST(test_only_handlers_managers_and_admins_may_view_a_confidential_case) {
   char ref[16];
   str_copy(ref, log_case(jo, "2026-02-02T10:00", "About my neighbour", true), sizeof ref);
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Noise from next door", RD_NO_DATE, T("2026-02-03T10:00"), &err));
   Complaint c;
   complaint_init(&c);
   const char *refused[] = { "desk", "hana" };
   for (size_t i = 0; i < 2; i++) {
      act_as(refused[i]);
      ck_assert_int_eq(complaint_view(s, ref, &c, &err), RD_EDENIED);
      has(err.message, "confidential");
      has(err.message, "handlers, managers and admins");
      ck_assert_ptr_null(c.summary);
   }
   ck_assert_int_eq(count("SELECT count(*) FROM refusal WHERE doing = 'view a confidential case'"), 2);
   ck_assert_int_eq(count("SELECT count(*) FROM access_log"), 0);
   const char *allowed[] = { "hal", "mo", "ada" };
   for (size_t i = 0; i < 3; i++) {
      act_as(allowed[i]);
      ok(complaint_view(s, ref, &c, &err));
      complaint_clear(&c);
   }
   ck_assert_int_eq(count("SELECT count(*) FROM access_log WHERE kind = 'view'"), 3);
}
END_TEST

START_TEST(test_a_confidential_case_is_not_shown_when_the_view_cannot_be_recorded) {
   char ref[16];
   str_copy(ref, log_case(jo, "2026-02-02T10:00", "About my neighbour", true), sizeof ref);
   Session *ro = read_only_session("mo");
   Complaint c;
   complaint_init(&c);
   ck_assert_int_eq(complaint_view(ro, ref, &c, &err), RD_ERULE);
   has(err.message, "read-only");
   ck_assert_ptr_null(c.summary);
   session_end(ro);
}
END_TEST

/* --- the audit log holds no personal data ------------------------------------------------------ */

START_TEST(test_audit_events_name_what_changed_without_quoting_the_residents_words) {
   char ref[16];
   str_copy(ref, log_case(jo, "2018-03-01T10:00", "QUOTE summary", false), sizeof ref);
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "QUOTE definition", RD_NO_DATE, T("2018-03-02T10:00"), &err));
   ok(complaint_extend(s, ref, 0, D("2018-03-21"), "QUOTE extension", true, NULL, T("2018-03-05T10:00"), &err));
   ok(complaint_contact(s, ref, "in", "phone", "QUOTE contact", T("2018-03-05T11:00"), &err));
   ok(complaint_contact(s, ref, "note", NULL, "QUOTE note", T("2018-03-05T12:00"), &err));
   char new_ref[16];
   ok(complaint_new_issue(s, ref, 0, "QUOTE issue", true, T("2018-03-06T10:00"), new_ref, &err));
   act_as("mo");
   ok(complaint_declare_conflict(s, ref, "hana", "QUOTE conflict", T("2018-03-06T11:00"), &err));
   act_as("hal");
   int64_t action_id = 0;
   ok(remedy_add(s, ref, REMEDY_APOLOGY, "QUOTE remedy", 0, D("2018-03-20"), NULL, &err));
   ok(action_add(s, ref, "QUOTE action", NULL, D("2018-03-30"), &action_id, &err));
   ok(action_update(s, action_id, "QUOTE update", T("2018-03-07T10:00"), &err));
   Response r = { DECISION_PARTLY_UPHELD, "QUOTE reasons", false, false };
   ok(complaint_respond(s, ref, 0, &r, T("2018-03-10T10:00"), &err));
   ok(action_done(s, action_id, D("2018-03-12"), "QUOTE done", &err));
   ok(complaint_escalate(s, ref, 0, "QUOTE why", NULL, T("2018-03-13T10:00"), &err));
   act_as("mo");
   ok(complaint_decline(s, ref, 0, "QUOTE decline", T("2018-03-14T10:00"), &err));
   ok(complaint_reopen(s, ref, 0, "QUOTE reopen", NULL, T("2018-03-15T10:00"), &err));
   ok(complaint_close(s, ref, 0, CLOSE_WITHDRAWN, "QUOTE close", T("2018-03-16T10:00"), &err));
   act_as("desk");
   NewComplaint quick = { .person_id = jo, .channel = "in-person", .received_at = T("2018-04-01T10:00"),
                          .incident_on = RD_NO_DATE, .category = "repairs", .summary = "QUOTE quick summary",
                          .triage = KIND_QUICK, .quick_summary = "QUOTE quick detail" };
   ok(complaint_new(s, &quick, NULL, &err));
   act_as("hal");
   ok(ombudsman_refer(s, ref, "QUOTE-202612345", D("2018-03-20"), NULL, &err));
   ok(learning_add(s, ref, "QUOTE lesson", "QUOTE improvement", T("2018-03-21T10:00"), NULL, &err));
   act_as("mo");
   ok(ombudsman_determine(s, "QUOTE-202612345", DETERMINATION_SERVICE_FAILURE, D("2018-04-20"), &err));
   ok(ombudsman_order(s, "QUOTE-202612345", "QUOTE order", D("2018-05-20"), "hal", NULL, NULL, &err));
   act_as("hal");
   ok(ombudsman_reopen(s, "QUOTE-202612345", "QUOTE ombudsman reopen", T("2018-04-21T10:00"), &err));
   act_as("desk");
   NewCompliment thanks = { .received_at = T("2018-04-02T10:00"), .channel = "letter", .from_name = "QUOTE Sender",
                            .about_login = "hal", .summary = "QUOTE thanks" };
   int64_t compliment = 0;
   ok(compliment_add(s, &thanks, &compliment, &err));
   ok(compliment_acknowledge(s, compliment, D("2018-04-03"), &err));
   ck_assert_int_ge(count("SELECT count(*) FROM event WHERE complaint_id IS NOT NULL"), 21);
   char *quoted = text_of("SELECT COALESCE(group_concat(detail, ' / '), '') FROM event WHERE detail LIKE '%QUOTE%'");
   ck_assert_msg(quoted[0] == '\0', "the audit log quotes the resident: %s", quoted);
   free(quoted);
   /* Words that were given only to a step are kept where retention can remove them. */
   ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE summary LIKE '%QUOTE why%'"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE summary LIKE '%QUOTE reopen%'"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM action_update WHERE text LIKE '%QUOTE done%'"), 1);
}
END_TEST

/* --- retention ---------------------------------------------------------------------------- */

/* What the reports count, as one line: cases by kind, stage, channel, category, closure;
 * stages by decision and timeliness; remedies by kind and amount. */
static const char statistics_sql[] =
   "SELECT (SELECT group_concat(line, ';') FROM (SELECT kind || ',' || stage || ',' || channel || ',' || category "
   "|| ',' || received_at || ',' || COALESCE(incident_on, '') || ',' || COALESCE(closed_at, '') || ',' || "
   "COALESCE(close_reason, '') || ',' || anonymous || ',' || confidential || ',' || COALESCE(person_id, '') AS line "
   "FROM complaint ORDER BY id)) || ' | ' || "
   "(SELECT group_concat(line, ';') FROM (SELECT complaint_id || ',' || number || ',' || start_on || ',' || "
   "COALESCE(acknowledged_at, '') || ',' || COALESCE(response_due, '') || ',' || COALESCE(extended_to, '') || ',' || "
   "COALESCE(responded_at, '') || ',' || COALESCE(decision, '') || ',' || handler_id AS line FROM stage "
   "ORDER BY complaint_id, number)) || ' | ' || "
   "(SELECT group_concat(line, ';') FROM (SELECT complaint_id || ',' || stage || ',' || kind || ',' || amount_pence "
   "|| ',' || COALESCE(due_on, '') AS line FROM remedy ORDER BY id)) || ' | ' || "
   "(SELECT count(*) FROM stage WHERE number = 1) || ',' || (SELECT count(*) FROM stage WHERE number = 2) || ',' || "
   "(SELECT count(*) FROM stage WHERE responded_at IS NOT NULL AND substr(responded_at, 1, 10) <= "
   "COALESCE(extended_to, response_due)) || ',' || (SELECT sum(amount_pence) FROM remedy) || ',' || "
   "(SELECT count(*) FROM action WHERE done_on IS NOT NULL) || ',' || (SELECT count(*) FROM contact) || ',' || "
   "(SELECT count(*) FROM person)";

START_TEST(test_retention_keeps_the_statistics_and_removes_the_names) {
   const char *ref = old_case(jo);
   ck_assert_str_eq(ref, "C18-00001");
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   ck_assert_int_eq((int)plan.anonymised, 1);
   ck_assert_int_eq((int)plan.people_anonymised, 1);
   privacy_retention_clear(&plan);
   char *person = text_of("SELECT name || '|' || tenancy_ref || '|' || phone || '|' || address || '|' || "
                          "vulnerabilities || '|' || (anonymised_at IS NOT NULL) FROM person WHERE id = 1");
   ck_assert_str_eq(person, PRIVACY_REMOVED "|||||1");
   free(person);
   ck_assert_int_eq(count("SELECT count(*) FROM person_key WHERE person_id = 1"), 0);
   /* Al Jones, whose case is not touched, is still found: "al", "jones", "t-1001". */
   ck_assert_int_eq(count("SELECT count(*) FROM person_key WHERE person_id = 2"), 3);
   char *texts = text_of("SELECT c.summary || '|' || c.outcome_sought || '|' || c.close_note || '|' || s.definition "
                         "|| '|' || s.reasons || '|' || (SELECT group_concat(summary) FROM contact) || '|' || "
                         "(SELECT group_concat(detail) FROM remedy) || '|' || (SELECT group_concat(what) FROM action) "
                         "|| '|' || (SELECT group_concat(text) FROM action_update) || '|' || "
                         "(SELECT group_concat(detail) FROM adjustment) FROM complaint c JOIN stage s ON "
                         "s.complaint_id = c.id WHERE c.ref = 'C18-00001'");
#define R PRIVACY_REMOVED
   /* summary, outcome, note, definition, reasons, contact, remedy, action, two updates, adjustment */
   ck_assert_str_eq(texts, R "|" R "|" R "|" R "|" R "|" R "|" R "|" R "|" R "," R "|" R);
#undef R
   free(texts);
   char *kept = text_of("SELECT c.kind || '|' || c.channel || '|' || c.category || '|' || c.received_at || '|' || "
                        "c.closed_at || '|' || c.close_reason || '|' || s.decision || '|' || r.kind || '|' || "
                        "r.amount_pence FROM complaint c JOIN stage s ON s.complaint_id = c.id JOIN remedy r ON "
                        "r.complaint_id = c.id WHERE c.ref = 'C18-00001'");
   /* Closed at 10:00 British Summer Time. */
   ck_assert_str_eq(kept, "complaint|phone|repairs|2018-03-01T10:00:00Z|2018-03-29T09:00:00Z|resolved|upheld|"
                    "goodwill|5000");
   free(kept);
   act_as("desk");
   Person *found = NULL;
   size_t n = 0;
   ok(person_find(s->store, "smith", 10, &found, &n, &err));
   ck_assert_int_eq((int)n, 0);
   person_free_list(found, n);
}
END_TEST

START_TEST(test_reports_count_the_same_after_anonymisation) {
   old_case(jo);
   old_case(al);
   log_case(al, "2026-02-02T10:00", "Lift broken in the block", false);
   char *before = text_of(statistics_sql);
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   ck_assert_int_eq((int)plan.anonymised, 2);
   privacy_retention_clear(&plan);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint WHERE anonymised_at IS NOT NULL"), 2);
   char *after = text_of(statistics_sql);
   ck_assert_str_eq(after, before);
   free(before);
   free(after);
}
END_TEST

START_TEST(test_a_dry_run_lists_what_it_would_do_and_changes_nothing) {
   old_case(jo);
   char *before = text_of("SELECT group_concat(summary) || (SELECT group_concat(name) FROM person) || "
                          "(SELECT count(*) FROM event) FROM complaint");
   int changes = sqlite3_total_changes(store_db(s->store));
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, true, &plan, &err));
   ck_assert(plan.dry_run);
   ck_assert_str_eq(fmt_date(plan.before), "2020-03-02");
   ck_assert_int_eq((int)plan.count, 1);
   const RetentionCase *rc = &plan.cases[0];
   ck_assert_str_eq(rc->ref, "C18-00001");
   ck_assert_str_eq(rc->close_reason, "resolved");
   ck_assert_str_eq(rc->left_because, "");
   /* summary, outcome, closing note; definition, reasons */
   ck_assert_int_eq(rc->texts, 5);
   ck_assert_int_eq(rc->contacts, 1);
   ck_assert_int_eq(rc->remedies, 1);
   ck_assert_int_eq(rc->actions, 1);
   ck_assert_int_eq(rc->updates, 2);
   ck_assert_int_eq((int)rc->person_count, 1);
   ck_assert(rc->people[0].id == jo && rc->people[0].anonymised);
   privacy_retention_clear(&plan);
   ck_assert_int_eq(sqlite3_total_changes(store_db(s->store)), changes);
   char *after = text_of("SELECT group_concat(summary) || (SELECT group_concat(name) FROM person) || "
                         "(SELECT count(*) FROM event) FROM complaint");
   ck_assert_str_eq(after, before);
   free(before);
   free(after);
}
END_TEST

START_TEST(test_a_person_with_a_case_inside_the_period_keeps_their_details) {
   old_case(jo);
   const char *recent = log_case(jo, "2026-02-02T10:00", "Damp in the bedroom", false);
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   ck_assert_int_eq((int)plan.anonymised, 1);
   ck_assert_int_eq((int)plan.people_anonymised, 0);
   ck_assert_int_eq((int)plan.people_kept, 1);
   ck_assert(!plan.cases[0].people[0].anonymised);
   ck_assert_str_eq(plan.cases[0].people[0].kept_for, recent);
   privacy_retention_clear(&plan);
   ck_assert_int_eq(count("SELECT count(*) FROM person WHERE name = 'Jo Smith' AND phone = '0113 496 0000'"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint WHERE summary = 'Damp in the bedroom'"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint WHERE summary = '" PRIVACY_REMOVED "'"), 1);
}
END_TEST

START_TEST(test_a_case_with_an_outstanding_action_is_left_as_it_is) {
   const char *ref = old_case(jo);
   act_as("hal");
   ok(action_add(s, ref, "Repair the fence", NULL, D("2026-04-01"), NULL, &err));
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   ck_assert_int_eq((int)plan.count, 1);
   ck_assert_int_eq((int)plan.anonymised, 0);
   ck_assert_int_eq((int)plan.left, 1);
   has(plan.cases[0].left_because, "1 outstanding action");
   privacy_retention_clear(&plan);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint WHERE summary = 'Boiler broken at 4 Mill Lane'"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM person WHERE name = 'Jo Smith'"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE entity = 'retention'"), 0);
}
END_TEST

START_TEST(test_retention_waits_for_the_ombudsman_and_then_removes_the_reference_and_orders) {
   const char *ref = old_case(jo);
   act_as("hal");
   ok(ombudsman_refer(s, ref, "201804321", D("2018-04-02"), NULL, &err));
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   ck_assert_int_eq((int)plan.left, 1);
   has(plan.cases[0].left_because, "Ombudsman referral");
   privacy_retention_clear(&plan);
   act_as("mo");
   ok(ombudsman_determine(s, "201804321", DETERMINATION_SERVICE_FAILURE, D("2018-06-01"), &err));
   int64_t action = 0;
   ok(ombudsman_order(s, "201804321", "Pay Jo 100 pounds", D("2018-07-01"), "hal", NULL, &action, &err));
   act_as("hal");
   ok(action_done(s, action, D("2018-06-20"), NULL, &err));
   act_as("ada");
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   ck_assert_int_eq((int)plan.anonymised, 1);
   privacy_retention_clear(&plan);
   char *left = text_of("SELECT r.their_ref || '|' || r.determination || '|' || o.text || '|' || a.what FROM "
                        "ombudsman_referral r JOIN ombudsman_order o ON o.referral_id = r.id JOIN action a ON "
                        "a.id = o.action_id");
   ck_assert_str_eq(left, PRIVACY_REMOVED "|service-failure|" PRIVACY_REMOVED "|" PRIVACY_REMOVED);
   free(left);
}
END_TEST

START_TEST(test_retention_is_for_admins_only_and_a_refusal_is_kept) {
   old_case(jo);
   act_as("mo");
   RetentionPlan plan;
   ck_assert_int_eq(privacy_retention(s, RD_NO_DATE, true, &plan, &err), RD_EDENIED);
   has(err.message, "admin");
   privacy_retention_clear(&plan);
   ck_assert_int_eq(privacy_retention(s, RD_NO_DATE, false, &plan, &err), RD_EDENIED);
   privacy_retention_clear(&plan);
   ck_assert_int_eq(count("SELECT count(*) FROM refusal WHERE actor = 'mo' AND doing LIKE 'anonymise%'"), 2);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint WHERE anonymised_at IS NOT NULL"), 0);
}
END_TEST

START_TEST(test_retention_writes_one_audit_event_of_counts_with_no_personal_data) {
   old_case(jo);
   int64_t events = count("SELECT count(*) FROM event");
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   privacy_retention_clear(&plan);
   ck_assert_int_eq(count("SELECT count(*) FROM event"), events + 1);
   char *detail = text_of("SELECT actor || ': ' || action || ': ' || detail FROM event WHERE entity = 'retention'");
   has(detail, "ada: anonymised: closed cases before 2020-03-02: 1 anonymised");
   has(detail, "people: 1 anonymised");
   lacks(detail, "Jo");
   lacks(detail, "C18-00001");
   free(detail);
}
END_TEST

START_TEST(test_retention_follows_the_configured_years_or_the_day_given) {
   const char *ref = log_case(jo, "2020-02-03T10:00", "Closed just inside", false);
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Fence", RD_NO_DATE, T("2020-02-04T10:00"), &err));
   ok(complaint_close(s, ref, 0, CLOSE_WITHDRAWN, "Phoned to withdraw", T("2020-03-02T10:00"), &err));
   ck_assert_str_eq(fmt_date(privacy_retention_cutoff(s)), "2020-03-02");
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, true, &plan, &err));
   ck_assert_int_eq((int)plan.count, 0);
   privacy_retention_clear(&plan);
   ok(privacy_retention(s, D("2020-03-03"), true, &plan, &err));
   ck_assert_int_eq((int)plan.count, 1);
   privacy_retention_clear(&plan);
   ck_assert_int_eq(privacy_retention(s, D("2026-03-03"), true, &plan, &err), RD_EINPUT);
   has(err.message, "still to come");
   privacy_retention_clear(&plan);
}
END_TEST

START_TEST(test_an_anonymised_case_takes_no_more_changes) {
   const char *ref = old_case(jo);
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   privacy_retention_clear(&plan);
   act_as("mo");
   ck_assert_int_eq(complaint_reopen(s, ref, 0, "New evidence", NULL, RD_NO_INSTANT, &err), RD_ERULE);
   has(err.message, "anonymised");
   ck_assert_int_eq(complaint_contact(s, ref, "note", NULL, "A note", RD_NO_INSTANT, &err), RD_ERULE);
   Complaint c;
   complaint_init(&c);
   ok(complaint_view(s, ref, &c, &err));
   ck_assert(c.anonymised_at != RD_NO_INSTANT);
   ck_assert(!complaint_is_open(&c));
   complaint_clear(&c);
}
END_TEST

START_TEST(test_retention_removes_the_letter_files_of_the_cases) {
   const char *ref = old_case(jo);
   act_as("hal");
   char *letter = NULL;
   ok(letter_write(s, ref, LETTER_ACKNOWLEDGEMENT, &letter, NULL, &err));
   char *text = NULL;
   size_t len = 0;
   ok(text_read_file(letter, &text, &len, &err));
   has(text, "Jo Smith");
   free(text);
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, true, &plan, &err));
   ck_assert_int_eq(plan.cases[0].letters, 1);
   privacy_retention_clear(&plan);
   ck_assert_int_eq(access(letter, F_OK), 0);
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   ck_assert_int_eq((int)plan.files_removed, 1);
   ck_assert_int_eq((int)plan.files_left_count, 0);
   privacy_retention_clear(&plan);
   ck_assert_int_ne(access(letter, F_OK), 0);
   ck_assert_int_eq(count("SELECT count(*) FROM letter WHERE path = '" PRIVACY_REMOVED "' AND kind = "
                          "'acknowledgement'"), 1);
   free(letter);
}
END_TEST

/* An outbox given as a relative folder is kept on the case as a path from the root, so
 * retention run from another folder (cron's is the home folder) still removes the letter. */
START_TEST(test_a_letter_in_a_relative_outbox_is_removed_by_retention_run_from_elsewhere) {
   char *was = getcwd(NULL, 0);
   ck_assert_int_eq(chdir(dir), 0);
   free(s->config->letters_outbox);
   s->config->letters_outbox = xstrdup("outbox");
   const char *ref = old_case(jo);
   act_as("hal");
   char *letter = NULL;
   ok(letter_write(s, ref, LETTER_ACKNOWLEDGEMENT, &letter, NULL, &err));
   ck_assert_msg(letter[0] == '/', "the letter's path is kept from the root: %s", letter);
   ck_assert_int_eq(chdir("/"), 0);
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   ck_assert_int_eq((int)plan.files_removed, 1);
   ck_assert_int_eq((int)plan.files_left_count, 0);
   privacy_retention_clear(&plan);
   ck_assert_int_ne(access(letter, F_OK), 0);
   ck_assert_int_eq(chdir(was), 0);
   free(was);
   free(letter);
}
END_TEST

/* Letters go to the office's group (0660), never to other users, whatever the umask; the
 * event of a letter says that the resident's adjustments were applied, not what they are. */
START_TEST(test_a_letter_is_closed_to_other_users_and_its_event_keeps_the_adjustments_out) {
   const char *details[] = { "QUOTE Polish", "QUOTE email to her daughter" };
   const AdjustmentKind kinds[] = { ADJUST_TRANSLATOR, ADJUST_PREFERRED_CHANNEL };
   act_as("desk");
   for (size_t i = 0; i < 2; i++) {
      Adjustment a;
      adjustment_init(&a);
      a.person_id = jo;
      a.kind = kinds[i];
      a.detail = xstrdup(details[i]);
      a.review_on = D("2026-06-30");
      ok(adjustment_add(s->store, &s->me, &a, &err));
      adjustment_clear(&a);
   }
   char ref[16];
   str_copy(ref, log_case(jo, "2026-02-02T10:00", "Boiler broken", false), sizeof ref);
   act_as("hal");
   ok(complaint_acknowledge(s, ref, 0, "Boiler not repaired", RD_NO_DATE, T("2026-02-03T10:00"), &err));
   char *letter = NULL;
   Letter l;
   mode_t old = umask(0);
   RdStatus st = letter_write(s, ref, LETTER_ACKNOWLEDGEMENT, &letter, &l, &err);
   umask(old);
   ok(st);
   has(l.needs, "QUOTE Polish");
   letter_clear(&l);
   struct stat sb;
   ck_assert_int_eq(stat(letter, &sb), 0);
   ck_assert_int_eq(sb.st_mode & 0777, 0660);
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE action = 'letter written' AND detail LIKE "
                          "'%the channel the resident asked for%'"), 1);
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE detail LIKE '%QUOTE%'"), 0);
   free(letter);
}
END_TEST

START_TEST(test_an_export_after_retention_shows_what_was_kept) {
   old_case(jo);
   act_as("ada");
   RetentionPlan plan;
   ok(privacy_retention(s, RD_NO_DATE, false, &plan, &err));
   privacy_retention_clear(&plan);
   char *text = export_text(jo, PRIVACY_TEXT);
   has(text, "anonymised at            2026-03-02 09:00 (UK time)");
   has(text, "C18-00001");
   has(text, PRIVACY_REMOVED);
   lacks(text, "Jo Smith");
   lacks(text, "Boiler");
   lacks(text, "0113 496 0000");
   free(text);
}
END_TEST

static Suite *privacy_suite(void) {
   Suite *su = suite_create("privacy");
   TCase *tc = tcase_create("privacy");
   tcase_set_timeout(tc, 30);
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_an_export_holds_the_record_the_adjustments_and_every_case_with_its_history);
   tcase_add_test(tc, test_an_export_includes_the_ombudsman_referrals_survey_and_lessons_of_the_cases);
   tcase_add_test(tc, test_an_export_includes_the_cases_where_the_person_is_one_of_a_group);
   tcase_add_test(tc, test_an_export_shows_control_characters_in_text_made_visible);
   tcase_add_test(tc, test_an_export_as_json_holds_the_same_content_as_data);
   tcase_add_test(tc, test_only_managers_and_admins_may_export_and_a_refusal_is_kept);
   tcase_add_test(tc, test_an_export_is_recorded_with_who_whose_and_when);
   tcase_add_test(tc, test_the_access_log_cannot_be_changed);
   tcase_add_test(tc, test_an_export_file_is_readable_by_its_owner_only);
   tcase_add_test(tc, test_an_export_never_overwrites_a_file);
   tcase_add_test(tc, test_an_export_of_nobody_leaves_no_file_and_no_record);
   tcase_add_test(tc, test_an_export_to_a_stream_is_recorded_first);
   tcase_add_test(tc, test_an_export_is_refused_when_it_cannot_be_recorded);
   tcase_add_test(tc, test_viewing_a_confidential_case_is_recorded);
   tcase_add_test(tc, test_viewing_an_ordinary_case_is_not_recorded);
   tcase_add_test(tc, test_only_handlers_managers_and_admins_may_view_a_confidential_case);
   tcase_add_test(tc, test_a_confidential_case_is_not_shown_when_the_view_cannot_be_recorded);
   tcase_add_test(tc, test_audit_events_name_what_changed_without_quoting_the_residents_words);
   tcase_add_test(tc, test_retention_keeps_the_statistics_and_removes_the_names);
   tcase_add_test(tc, test_reports_count_the_same_after_anonymisation);
   tcase_add_test(tc, test_a_dry_run_lists_what_it_would_do_and_changes_nothing);
   tcase_add_test(tc, test_a_person_with_a_case_inside_the_period_keeps_their_details);
   tcase_add_test(tc, test_a_case_with_an_outstanding_action_is_left_as_it_is);
   tcase_add_test(tc, test_retention_waits_for_the_ombudsman_and_then_removes_the_reference_and_orders);
   tcase_add_test(tc, test_retention_is_for_admins_only_and_a_refusal_is_kept);
   tcase_add_test(tc, test_retention_writes_one_audit_event_of_counts_with_no_personal_data);
   tcase_add_test(tc, test_retention_follows_the_configured_years_or_the_day_given);
   tcase_add_test(tc, test_an_anonymised_case_takes_no_more_changes);
   tcase_add_test(tc, test_retention_removes_the_letter_files_of_the_cases);
   tcase_add_test(tc, test_a_letter_in_a_relative_outbox_is_removed_by_retention_run_from_elsewhere);
   tcase_add_test(tc, test_a_letter_is_closed_to_other_users_and_its_event_keeps_the_adjustments_out);
   tcase_add_test(tc, test_an_export_after_retention_shows_what_was_kept);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(privacy_suite());
}
