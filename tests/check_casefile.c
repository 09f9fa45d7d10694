/* A case's timeline as the detail screen shows it: the lifecycle's events and every
 * contact and note in the order they happened, contacts with their whole text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/casefile.h"
#include "redress/complaint.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;
static Session *s;
static RdError err;
static Complaint c;

static void setup(void) {
   dir = test_tmpdir();
   char *db = xasprintf("%s/redress.db", dir);
   SessionOptions opts = { .db_path = db, .now = "2026-03-02T09:00" };
   setenv("XDG_CONFIG_HOME", dir, 1);
   unsetenv("REDRESS_CONFIG");
   ck_assert_msg(session_start(&opts, &s, &err) == RD_OK, "%s", err.message);
   ck_assert_msg(session_open_store(s, STORE_CREATE_NEW, &err) == RD_OK, "%s", err.message);
   free(db);
   Staff me;
   staff_init(&me);
   me.login = xstrdup("hal");
   me.full_name = xstrdup("Hal Handler");
   me.roles = ROLE_HANDLER | ROLE_FRONT_DESK;
   me.complaints_trained_on = D("2025-01-10");
   me.ombudsman_trained_on = D("2025-02-10");
   ck_assert_msg(staff_add(s->store, NULL, &me, &err) == RD_OK, "%s", err.message);
   s->me = me;
   s->logged_in = true;
   ck_assert_int_eq(sqlite3_exec(store_db(s->store), "INSERT INTO person (name, tenancy_ref, created_at) VALUES "
                                 "('Jo Tenant', 'T-1001', '2025-01-01T00:00:00Z')", NULL, NULL, NULL), SQLITE_OK);
   NewComplaint in = { .person_id = sqlite3_last_insert_rowid(store_db(s->store)), .channel = "phone",
                       .received_at = T("2026-02-23T10:00"), .incident_on = RD_NO_DATE, .category = "repairs",
                       .summary = "Boiler repair promised three times", .triage = KIND_COMPLAINT };
   complaint_init(&c);
   ck_assert_msg(complaint_new(s, &in, &c, &err) == RD_OK, "%s", err.message);
}

static void teardown(void) {
   complaint_clear(&c);
   session_end(s);
   test_rmtree(dir);
   free(dir);
}

static char long_text[400];

START_TEST(test_the_timeline_holds_events_and_contacts_oldest_first) {
   ck_assert_int_eq(complaint_contact(s, c.ref, "in", "phone", "Rang to chase", T("2026-02-24T11:00"), &err), RD_OK);
   ck_assert_int_eq(complaint_acknowledge(s, c.ref, 0, "Boiler not repaired", RD_NO_DATE, T("2026-02-25T09:30"), &err),
                    RD_OK);
   ck_assert_int_eq(complaint_contact(s, c.ref, "note", NULL, "Surveyor booked", T("2026-02-26T15:00"), &err), RD_OK);
   ck_assert_int_eq(complaint_contact(s, c.ref, "out", "letter", "Update sent", T("2026-02-27T09:00"), &err), RD_OK);
   TimelineEntry *t;
   size_t n;
   ck_assert_int_eq(casefile_timeline(s->store, c.id, &t, &n, &err), RD_OK);
   ck_assert_uint_eq(n, 5);
   ck_assert_int_eq(t[0].kind, TIMELINE_EVENT);
   ck_assert_str_eq(t[0].what, "logged");
   ck_assert_int_eq(t[1].kind, TIMELINE_CONTACT_IN);
   ck_assert_str_eq(t[1].what, "phone");
   ck_assert_str_eq(t[1].detail, "Rang to chase");
   ck_assert_str_eq(t[2].what, "acknowledged");
   ck_assert_int_eq(t[3].kind, TIMELINE_NOTE);
   ck_assert_str_eq(t[3].detail, "Surveyor booked");
   ck_assert_int_eq(t[4].kind, TIMELINE_CONTACT_OUT);
   ck_assert_str_eq(t[4].who, "hal");
   for (size_t i = 1; i < n; i++)
      ck_assert(t[i - 1].at <= t[i].at);
   casefile_timeline_free(t, n);
}
END_TEST

START_TEST(test_a_contact_appears_once_with_its_whole_text_not_the_shortened_event) {
   memset(long_text, 'x', sizeof long_text - 1);
   memcpy(long_text, "Start ", 6);
   memcpy(long_text + sizeof long_text - 5, " end", 4);
   ck_assert_int_eq(complaint_contact(s, c.ref, "note", NULL, long_text, T("2026-02-24T11:00"), &err), RD_OK);
   TimelineEntry *t;
   size_t n;
   ck_assert_int_eq(casefile_timeline(s->store, c.id, &t, &n, &err), RD_OK);
   ck_assert_uint_eq(n, 2);   /* logged, and the note once */
   ck_assert_str_eq(t[1].detail, long_text);
   casefile_timeline_free(t, n);
}
END_TEST

START_TEST(test_a_case_with_nothing_recorded_has_an_empty_timeline) {
   TimelineEntry *t = NULL;
   size_t n = 99;
   ck_assert_int_eq(casefile_timeline(s->store, c.id + 1000, &t, &n, &err), RD_OK);
   ck_assert_uint_eq(n, 0);
   casefile_timeline_free(t, n);
   ck_assert_str_eq(casefile_kind_name(TIMELINE_CONTACT_OUT), "out");
   ck_assert_str_eq(casefile_kind_name(TIMELINE_NOTE), "note");
}
END_TEST

static Suite *casefile_suite(void) {
   Suite *suite = suite_create("casefile");
   TCase *tc = tcase_create("casefile");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_the_timeline_holds_events_and_contacts_oldest_first);
   tcase_add_test(tc, test_a_contact_appears_once_with_its_whole_text_not_the_shortened_event);
   tcase_add_test(tc, test_a_case_with_nothing_recorded_has_an_empty_timeline);
   suite_add_tcase(suite, tc);
   return suite;
}

int main(void) {
   return test_run(casefile_suite());
}
