/* fixture: the database and office the records' Check programs start from. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/xalloc.h"
#include "fixture.h"
#include "testutil.h"

Session *fix_session;
RdError fix_err;
int64_t fix_tenant_id;
int64_t fix_silent_id;
static char *fix_dir;

static const FixStaff fix_office[] = {
   { "desk", "Dee Desk", "Customer Services", "", "front-desk", 2, true, false },
   { "hal", "Hal Handler", "Repairs", "", "handler", 3, true, false },
   { "mo", "Mo Manager", "Housing", "Housing", "handler,manager", 5, true, false },
   { "max", "Max Director", "Customer Services", "Customer Services", "manager", 7, true, false },
   { "gone", "Gil Gone", "Repairs", "", "handler", 3, false, false },
   { "root", "Ria Root", "", "", "admin", 5, true, false },
};

void fix_add_staff(const FixStaff *spec) {
   Staff st;
   staff_init(&st);
   st.login = xstrdup(spec->login);
   st.full_name = xstrdup(spec->name);
   st.team = xstrdup(spec->team);
   st.manages_team = xstrdup(spec->manages);
   st.grade = spec->grade;
   st.active = spec->active;
   ck_assert_int_eq(staff_parse_roles(spec->roles, &st.roles, &fix_err), RD_OK);
   if (!spec->untrained) {
      st.complaints_trained_on = D("2025-01-10");
      st.ombudsman_trained_on = D("2025-02-10");
   }
   ck_assert_msg(staff_add(fix_session->store, NULL, &st, &fix_err) == RD_OK, "%s", fix_err.message);
   staff_clear(&st);
}

static int64_t fix_add_person(const char *sql) {
   ck_assert_int_eq(sqlite3_exec(store_db(fix_session->store), sql, NULL, NULL, NULL), SQLITE_OK);
   return sqlite3_last_insert_rowid(store_db(fix_session->store));
}

void fix_setup_at(const char *now) {
   fix_dir = test_tmpdir();
   char *db = xasprintf("%s/redress.db", fix_dir);
   SessionOptions opts = { .db_path = db, .now = now };
   setenv("XDG_CONFIG_HOME", fix_dir, 1);
   unsetenv("REDRESS_CONFIG");
   ck_assert_msg(session_start(&opts, &fix_session, &fix_err) == RD_OK, "%s", fix_err.message);
   ck_assert_msg(session_open_store(fix_session, STORE_CREATE_NEW, &fix_err) == RD_OK, "%s", fix_err.message);
   for (size_t i = 0; i < sizeof fix_office / sizeof *fix_office; i++)
      fix_add_staff(&fix_office[i]);
   fix_tenant_id = fix_add_person("INSERT INTO person (name, tenancy_ref, phone, address, preferred_contact, "
                                  "created_at) VALUES ('Jo Tenant', 'T-1001', '01632 960001', "
                                  "'1 High Street', 'phone', '2025-01-01T00:00:00Z')");
   fix_silent_id = fix_add_person("INSERT INTO person (name, tenancy_ref, created_at) VALUES "
                                  "('Sam Silent', 'T-1002', '2025-01-01T00:00:00Z')");
   free(db);
}

void fix_teardown(void) {
   session_end(fix_session);
   fix_session = NULL;
   test_rmtree(fix_dir);
   free(fix_dir);
}

void fix_clock(const char *now) {
   ck_assert_msg(clock_start_at(now, &fix_err) == RD_OK, "%s", fix_err.message);
}

void fix_act_as(const char *login) {
   staff_clear(&fix_session->me);
   ck_assert_msg(staff_by_login(fix_session->store, login, &fix_session->me, &fix_err) == RD_OK, "%s",
                 fix_err.message);
   fix_session->logged_in = true;
}

int64_t fix_count(const char *sql) {
   sqlite3_stmt *q;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(fix_session->store), sql, -1, &q, NULL), SQLITE_OK);
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   int64_t v = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   return v;
}

void fix_ok(RdStatus st) {
   ck_assert_msg(st == RD_OK, "expected success, got %s: %s", error_status_name(st), fix_err.message);
}

void fix_refused(RdStatus st, RdStatus want, const char *words) {
   ck_assert_msg(st == want, "expected %s, got %s: %s", error_status_name(want), error_status_name(st),
                 fix_err.message);
   ck_assert_msg(strstr(fix_err.message, words) != NULL, "message \"%s\" lacks \"%s\"", fix_err.message, words);
}

const char *fix_log(int64_t person, const char *received) {
   static char ref[16];
   NewComplaint in = { .person_id = person, .anonymous = person == 0, .channel = "phone",
                       .received_at = T(received), .incident_on = RD_NO_DATE, .category = "repairs",
                       .summary = "Boiler repair promised three times, never done", .triage = KIND_COMPLAINT };
   Complaint c;
   complaint_init(&c);
   fix_act_as("desk");
   fix_ok(complaint_new(fix_session, &in, &c, &fix_err));
   str_copy(ref, c.ref, sizeof ref);
   complaint_clear(&c);
   return ref;
}

const char *fix_responded(const char *received, const char *responded, const char *closed) {
   const char *ref = fix_log(fix_tenant_id, received);
   fix_act_as("hal");
   fix_ok(complaint_acknowledge(fix_session, ref, 0, "Repair not done; wants it fixed", RD_NO_DATE,
                                T(received), &fix_err));
   Response r = { DECISION_UPHELD, "We failed to attend the repair", true, true };
   fix_ok(complaint_respond(fix_session, ref, 0, &r, T(responded), &fix_err));
   if (closed)
      fix_ok(complaint_close(fix_session, ref, 0, CLOSE_RESOLVED, NULL, T(closed), &fix_err));
   return ref;
}
