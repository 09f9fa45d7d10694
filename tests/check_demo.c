/* The demo database: every state of the lifecycle, the queue's markers at the clock, due dates
 * as the policy computes them, the rules `redress check` verifies, an event for every record,
 * and the same database from the same seed. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/demo.h"
#include "redress/person.h"
#include "redress/xalloc.h"
#include "testutil.h"

#define NOW "2025-12-19T10:00"     /* a Friday: the next two working days are due soon */

static char *shared_dir, *shared_db;
static Session *s;
static RdError err;

/* A session on db at NOW, with the configuration in dir (none when dir has no redress.conf). */
static Session *open_session(const char *dir, const char *db, StoreOpen how) {
   Session *ses = NULL;
   SessionOptions opts = { .db_path = db, .now = NOW };
   setenv("XDG_CONFIG_HOME", dir, 1);
   unsetenv("REDRESS_CONFIG");
   ck_assert_msg(session_start(&opts, &ses, &err) == RD_OK, "%s", err.message);
   ck_assert_msg(session_open_store(ses, how, &err) == RD_OK, "%s", err.message);
   return ses;
}

static DemoSummary build_in(const char *dir, const char *db, size_t cases, uint64_t seed) {
   Session *ses = open_session(dir, db, STORE_CREATE_NEW);
   DemoOptions o = { cases, seed, "Demo User", NULL, NULL };
   DemoSummary sum;
   ck_assert_msg(demo_build(ses, &o, &sum, &err) == RD_OK, "%s", err.message);
   session_end(ses);
   return sum;
}

static void write_policy(const char *dir, const char *policy) {
   char *conf_dir = xasprintf("%s/redress", dir), *text = xasprintf("policy = \"%s\";\n", policy);
   ck_assert_int_eq(mkdir(conf_dir, 0700), 0);
   free(test_write_file(conf_dir, "redress.conf", text));
   free(conf_dir);
   free(text);
}

static int64_t count_in(Session *ses, const char *sql) {
   sqlite3_stmt *q;
   ck_assert_msg(sqlite3_prepare_v2(store_db(ses->store), sql, -1, &q, NULL) == SQLITE_OK, "%s: %s", sql,
                 sqlite3_errmsg(store_db(ses->store)));
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   int64_t v = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   return v;
}

static int64_t count(const char *sql) {
   return count_in(s, sql);
}

static void has_some(const char *what, const char *sql) {
   int64_t n = count(sql);
   ck_assert_msg(n > 0, "the demo has no %s (%s)", what, sql);
}

static void has_none(const char *what, const char *sql) {
   int64_t n = count(sql);
   ck_assert_msg(n == 0, "%lld %s (%s)", (long long)n, what, sql);
}

static void shared_build(void) {
   shared_dir = test_tmpdir();
   shared_db = xasprintf("%s/demo.db", shared_dir);
   build_in(shared_dir, shared_db, DEMO_DEFAULT_CASES, DEMO_DEFAULT_SEED);
}

static void shared_remove(void) {
   test_rmtree(shared_dir);
   free(shared_dir);
   free(shared_db);
}

static void shared_open(void) {
   s = open_session(shared_dir, shared_db, STORE_OPEN_EXISTING);
   ck_assert_msg(session_login(s, &err) == RD_OK, "%s", err.message);
}

static void shared_close(void) {
   session_end(s);
}

/* --- the demo everyone opens ------------------------------------------------------------ */

static void check_every_state(void) {
   static const char *const states[][2] = {
      { "untriaged case", "SELECT count(*) FROM complaint WHERE kind = 'untriaged' AND closed_at IS NULL" },
      { "open service request", "SELECT count(*) FROM complaint WHERE kind = 'service-request' AND closed_at IS NULL" },
      { "quick resolution", "SELECT count(*) FROM complaint WHERE kind = 'quick' AND close_reason = 'quick-resolution'" },
      { "stage 1 complaint not yet acknowledged", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = "
        "c.id AND s.number = 1 WHERE c.kind = 'complaint' AND c.stage = 1 AND c.closed_at IS NULL AND "
        "s.acknowledged_at IS NULL" },
      { "stage 1 acknowledged", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = c.id AND "
        "s.number = 1 WHERE c.kind = 'complaint' AND c.stage = 1 AND c.closed_at IS NULL AND s.acknowledged_at IS NOT "
        "NULL AND s.extended_to IS NULL AND s.responded_at IS NULL" },
      { "stage 1 extended", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = c.id AND s.number = 1 "
        "WHERE c.kind = 'complaint' AND c.stage = 1 AND c.closed_at IS NULL AND s.extended_to IS NOT NULL AND "
        "s.responded_at IS NULL" },
      { "stage 1 responded, still open", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = c.id AND "
        "s.number = 1 WHERE c.kind = 'complaint' AND c.stage = 1 AND c.closed_at IS NULL AND s.responded_at IS NOT "
        "NULL" },
      { "escalation not yet acknowledged", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = c.id "
        "AND s.number = 2 WHERE c.closed_at IS NULL AND s.acknowledged_at IS NULL AND s.declined_at IS NULL" },
      { "stage 2 acknowledged", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = c.id AND "
        "s.number = 2 WHERE c.closed_at IS NULL AND s.acknowledged_at IS NOT NULL AND s.extended_to IS NULL AND "
        "s.responded_at IS NULL" },
      { "stage 2 extended", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = c.id AND s.number = 2 "
        "WHERE c.closed_at IS NULL AND s.extended_to IS NOT NULL AND s.responded_at IS NULL" },
      { "stage 2 responded, still open", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = c.id AND "
        "s.number = 2 WHERE c.closed_at IS NULL AND s.responded_at IS NOT NULL" },
      { "stage 2 declined", "SELECT count(*) FROM complaint c JOIN stage s ON s.complaint_id = c.id AND s.number = 2 "
        "WHERE s.declined_at IS NOT NULL AND s.decline_reason <> '' AND c.close_reason = 'escalation-declined'" },
      { "reopened case", "SELECT count(*) FROM complaint c WHERE c.closed_at IS NULL AND EXISTS (SELECT 1 FROM event e "
        "WHERE e.complaint_id = c.id AND e.action = 'reopened')" },
   };
   for (size_t i = 0; i < sizeof states / sizeof *states; i++)
      has_some(states[i][0], states[i][1]);
   /* No-contact closures come only under a policy that allows them (see the agreed-date
    * test): the default policies do not. */
   static const char *const reasons[] = { "resolved", "withdrawn", "excluded", "final-response",
                                          "service-request-done", "quick-resolution", "escalation-declined" };
   for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
      char *sql = xasprintf("SELECT count(*) FROM complaint WHERE closed_at IS NOT NULL AND close_reason = '%s'",
                            reasons[i]);
      has_some(reasons[i], sql);
      free(sql);
   }
   for (size_t i = 0; i < s->config->exclusion_count; i++) {
      char *sql = xasprintf("SELECT count(*) FROM complaint WHERE kind = 'excluded' AND exclusion_code = '%s' AND "
                            "exclusion_detail <> ''", s->config->exclusions[i].code);
      has_some(s->config->exclusions[i].code, sql);
      free(sql);
   }
}

START_TEST(test_every_state_of_the_lifecycle_is_in_the_demo) {
   check_every_state();
}
END_TEST

static void check_no_problems(void) {
   char *report = NULL;
   size_t len = 0;
   FILE *out = open_memstream(&report, &len);
   int problems = -1;
   ck_assert_msg(store_check(s->store, out, &problems, &err) == RD_OK, "%s", err.message);
   fclose(out);
   ck_assert_msg(problems == 0, "redress check found %d problems:\n%s", problems, report);
   free(report);
}

START_TEST(test_redress_check_finds_no_problems_in_the_demo) {
   check_no_problems();
}
END_TEST

/* Stage rows as complaint.c stores them: day 0 from calendar_start_day, and the due dates
 * that the case's policy computes from the stored dates. */
static void check_due_dates(Session *ses) {
   static const char sql[] = "SELECT complaint_id, number FROM stage ORDER BY complaint_id, number";
   sqlite3_stmt *q;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(ses->store), sql, -1, &q, NULL), SQLITE_OK);
   int stages = 0;
   while (sqlite3_step(q) == SQLITE_ROW) {
      Complaint c;
      complaint_init(&c);
      int number = sqlite3_column_int(q, 1);
      ck_assert_msg(complaint_get_id(ses, sqlite3_column_int64(q, 0), &c, &err) == RD_OK, "%s", err.message);
      const StageRecord *st = &c.stages[number - 1];
      StageDue due;
      ck_assert_msg(complaint_stage_due(ses, &c, number, &due, &err) == RD_OK, "%s", err.message);
      RdDate start = calendar_start_day(ses->calendar, ses->config->division, &ses->config->office, st->requested_at);
      ck_assert_msg(st->start_on == start, "%s stage %d counts from %s, not %s", c.ref, number, fmt_date(st->start_on),
                    fmt_date(start));
      ck_assert_msg(st->ack_due == due.acknowledge, "%s stage %d: acknowledge by %s stored, %s computed", c.ref, number,
                    fmt_date(st->ack_due), fmt_date(due.acknowledge));
      ck_assert_msg(st->response_due == due.respond, "%s stage %d: respond by %s stored, %s computed", c.ref, number,
                    fmt_date(st->response_due), fmt_date(due.respond));
      ck_assert_msg(st->extension_limit == due.extension_limit, "%s stage %d: extension limit %s stored, %s computed",
                    c.ref, number, fmt_date(st->extension_limit), fmt_date(due.extension_limit));
      ck_assert_str_eq(st->policy, c.policy);
      ck_assert_msg(strcmp(c.policy, ses->policy.name) == 0 || strcmp(c.policy, "three-ten-six-months") == 0,
                    "%s follows %s, neither the landlord's policy nor the one before it", c.ref, c.policy);
      if (st->extended_to != RD_NO_DATE) {
         ck_assert_msg(st->extended_to > st->response_due, "%s extends to no later date", c.ref);
         ck_assert_msg(st->extension_limit == RD_NO_DATE || st->extended_to <= st->extension_limit,
                       "%s extends past the policy's limit", c.ref);
         ck_assert(calendar_is_workday(ses->calendar, ses->config->division, st->extended_to));
      }
      complaint_clear(&c);
      stages++;
   }
   sqlite3_finalize(q);
   ck_assert_int_gt(stages, 20);
}

START_TEST(test_every_due_date_stored_is_the_one_the_policy_computes) {
   check_due_dates(s);
}
END_TEST

typedef enum Marker { ON_TRACK, DUE_SOON, DUE_TODAY, OVERDUE, MARKERS } Marker;

/* As the timer classes a target: overdue after its day, due today on it, due soon within the
 * policy's working days before it. */
static Marker marker_of(RdDate due) {
   RdDate today = clock_today();
   if (due < today)
      return OVERDUE;
   if (due == today)
      return DUE_TODAY;
   if (calendar_workdays_between(s->calendar, s->config->division, today, due) <= s->policy.due_soon_days)
      return DUE_SOON;
   return ON_TRACK;
}

static void check_markers(void) {
   static const char sql[] =
      "SELECT CASE WHEN st.acknowledged_at IS NULL THEN st.ack_due ELSE COALESCE(st.extended_to, st.response_due) END "
      "FROM complaint c JOIN stage st ON st.complaint_id = c.id AND st.number = c.stage "
      "WHERE c.closed_at IS NULL AND c.kind IN ('complaint', 'untriaged') AND st.responded_at IS NULL "
      "AND st.declined_at IS NULL";
   int seen[MARKERS] = { 0 };
   sqlite3_stmt *q;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), sql, -1, &q, NULL), SQLITE_OK);
   while (sqlite3_step(q) == SQLITE_ROW) {
      RdDate due = store_column_date(q, 0);
      ck_assert_msg(due != RD_NO_DATE, "an open target with no due date");
      seen[marker_of(due)]++;
   }
   sqlite3_finalize(q);
   ck_assert_msg(seen[OVERDUE] > 0, "nothing is overdue");
   ck_assert_msg(seen[DUE_TODAY] > 0, "nothing is due today");
   ck_assert_msg(seen[DUE_SOON] > 0, "nothing is due soon");
   ck_assert_msg(seen[ON_TRACK] > 0, "nothing is on track");
}

START_TEST(test_the_queue_shows_overdue_due_today_due_soon_and_on_track_at_the_clock) {
   check_markers();
}
END_TEST

START_TEST(test_every_handler_is_one_the_fairness_rules_allow) {
   static const char sql[] = "SELECT complaint_id, number, handler_id FROM stage WHERE handler_id IS NOT NULL";
   sqlite3_stmt *q;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), sql, -1, &q, NULL), SQLITE_OK);
   int handled = 0;
   while (sqlite3_step(q) == SQLITE_ROW) {
      Complaint c;
      Staff h;
      complaint_init(&c);
      ck_assert(complaint_get_id(s, sqlite3_column_int64(q, 0), &c, &err) == RD_OK);
      ck_assert(staff_by_id(s->store, sqlite3_column_int64(q, 2), &h, &err) == RD_OK);
      char why[300] = "";
      int stage = sqlite3_column_int(q, 1);
      ck_assert_msg(complaint_handler_allowed(s, &c, stage, &h, why, sizeof why), "%s handles stage %d of %s but %s",
                    h.login, stage, c.ref, why);
      staff_clear(&h);
      complaint_clear(&c);
      handled++;
   }
   sqlite3_finalize(q);
   ck_assert_int_gt(handled, 50);
   has_none("stages acknowledged with nobody handling them",
            "SELECT count(*) FROM stage WHERE acknowledged_at IS NOT NULL AND handler_id IS NULL");
}
END_TEST

START_TEST(test_every_record_the_demo_writes_has_its_audit_event) {
   static const char *const missing[][2] = {
      { "cases without their logged event", "SELECT count(*) FROM complaint c WHERE NOT EXISTS (SELECT 1 FROM event e "
        "WHERE e.complaint_id = c.id AND e.entity = 'complaint' AND e.action = 'logged')" },
      { "people without an event", "SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM event e WHERE "
        "e.entity = 'person' AND e.entity_id = p.id AND e.action = 'added')" },
      { "staff without an event", "SELECT count(*) FROM staff x WHERE NOT EXISTS (SELECT 1 FROM event e WHERE "
        "e.entity = 'staff' AND e.entity_id = x.id AND e.action = 'added')" },
      { "remedies without an event", "SELECT count(*) FROM remedy r WHERE NOT EXISTS (SELECT 1 FROM event e WHERE "
        "e.entity = 'remedy' AND e.entity_id = r.id AND e.action = 'added' AND e.complaint_id = r.complaint_id)" },
      { "remedies paid without an event", "SELECT count(*) FROM remedy r WHERE done_on IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM event e WHERE e.entity = 'remedy' AND e.entity_id = r.id AND e.action = 'done')" },
      { "actions without an event (an HR notice is part of logging, an order's action part of the order)",
        "SELECT count(*) FROM action a WHERE a.source NOT IN ('hr-notice', 'ombudsman-order') AND NOT EXISTS "
        "(SELECT 1 FROM event e WHERE e.entity = 'action' AND e.entity_id = a.id AND e.action = 'added')" },
      { "Ombudsman orders without an event", "SELECT count(*) FROM ombudsman_order o WHERE NOT EXISTS (SELECT 1 FROM "
        "event e WHERE e.entity = 'ombudsman_order' AND e.entity_id = o.id AND e.action = 'ordered' AND "
        "e.detail LIKE '%action #' || o.action_id || ' %')" },
      { "actions done without an event", "SELECT count(*) FROM action a WHERE a.done_on IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM event e WHERE e.entity = 'action' AND e.entity_id = a.id AND e.action = 'done')" },
      { "action updates without an event", "SELECT (SELECT count(*) FROM action_update) - (SELECT count(*) FROM "
        "event WHERE entity = 'action' AND action = 'updated')" },
      { "contacts and notes without an event (notes a step keeps are part of its change)",
        "SELECT (SELECT count(*) FROM contact WHERE summary NOT LIKE 'Asked to escalate to stage 2: %' AND summary "
        "NOT LIKE 'Reopened by %') - (SELECT count(*) FROM event WHERE entity = 'complaint' AND action IN "
        "('contact', 'noted'))" },
      { "words a step was given without the step", "SELECT count(*) FROM contact n WHERE n.direction = 'note' AND "
        "(n.summary LIKE 'Asked to escalate to stage 2: %' AND NOT EXISTS (SELECT 1 FROM event e WHERE "
        "e.complaint_id = n.complaint_id AND e.action = 'escalated' AND e.at = n.at) OR n.summary LIKE 'Reopened by %' "
        "AND NOT EXISTS (SELECT 1 FROM event e WHERE e.complaint_id = n.complaint_id AND e.action = 'reopened' AND "
        "e.at = n.at))" },
      { "referrals without an event", "SELECT count(*) FROM ombudsman_referral r WHERE NOT EXISTS (SELECT 1 FROM "
        "event e WHERE e.entity = 'ombudsman_referral' AND e.entity_id = r.id AND e.action = 'referred')" },
      { "determinations without an event", "SELECT count(*) FROM ombudsman_referral r WHERE determination IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM event e WHERE e.entity = 'ombudsman_referral' AND e.entity_id = r.id AND "
        "e.action = 'determined')" },
      { "learning without an event", "SELECT count(*) FROM learning l WHERE NOT EXISTS (SELECT 1 FROM event e WHERE "
        "e.entity = 'learning' AND e.entity_id = l.id)" },
      { "compliments without an event", "SELECT count(*) FROM compliment x WHERE NOT EXISTS (SELECT 1 FROM event e "
        "WHERE e.entity = 'compliment' AND e.entity_id = x.id AND e.action = 'logged')" },
      { "adjustments without an event", "SELECT count(*) FROM adjustment x WHERE NOT EXISTS (SELECT 1 FROM event e "
        "WHERE e.entity = 'person' AND e.entity_id = x.person_id AND e.action = 'adjustment added' AND "
        "e.detail LIKE 'adjustment ' || x.id || ':%')" },
      { "restrictions without an event", "SELECT count(*) FROM restriction x WHERE NOT EXISTS (SELECT 1 FROM event e "
        "WHERE e.entity = 'person' AND e.entity_id = x.person_id AND e.action = 'restriction added' AND "
        "e.detail LIKE 'restriction ' || x.id || ':%')" },
      { "representatives without an event", "SELECT count(*) FROM representative x WHERE NOT EXISTS (SELECT 1 FROM "
        "event e WHERE e.entity = 'person' AND e.entity_id = x.person_id AND e.action = 'representative added' AND "
        "e.detail LIKE 'representative ' || x.id || ':%')" },
      { "people without their search keys", "SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM "
        "person_key k WHERE k.person_id = p.id AND k.kind = 'name')" },
      { "surveys answered without an event", "SELECT count(*) FROM survey x WHERE answered_on IS NOT NULL AND NOT "
        "EXISTS (SELECT 1 FROM event e WHERE e.entity = 'survey' AND e.entity_id = x.complaint_id AND "
        "e.action IN ('answered', 'declined'))" },
      { "events by someone who is not staff", "SELECT count(*) FROM event e WHERE NOT EXISTS (SELECT 1 FROM staff x "
        "WHERE x.login = e.actor)" },
   };
   for (size_t i = 0; i < sizeof missing / sizeof *missing; i++)
      has_none(missing[i][0], missing[i][1]);
}
END_TEST

/* The audit log cannot be changed, so a resident's details in it could never be removed
 * under the retention period (styleguide: an event never quotes people). */
START_TEST(test_the_audit_log_of_a_demo_holds_no_resident_details_or_words) {
   static const char *const leaks[][2] = {
      { "events naming a person (who is not also the name of staff)", "SELECT count(*) FROM event e JOIN person p "
        "ON instr(e.detail, p.name) > 0 AND p.name NOT IN (SELECT full_name FROM staff)" },
      { "events with a tenancy reference", "SELECT count(*) FROM event e JOIN person p ON p.tenancy_ref <> '' AND "
        "instr(e.detail, p.tenancy_ref) > 0" },
      { "events with a phone number or email", "SELECT count(*) FROM event e JOIN person p ON (p.phone <> '' AND "
        "instr(e.detail, p.phone) > 0) OR (p.email <> '' AND instr(e.detail, p.email) > 0)" },
      { "events quoting a summary", "SELECT count(*) FROM event e JOIN complaint c ON instr(e.detail, "
        "substr(c.summary, 1, 30)) > 0" },
      { "events quoting a definition or reasons", "SELECT count(*) FROM event e JOIN stage s ON "
        "instr(e.detail, substr(s.definition, 1, 30)) > 0 OR instr(e.detail, substr(s.reasons, 1, 30)) > 0" },
      { "events quoting a contact or note", "SELECT count(*) FROM event e JOIN contact n ON "
        "instr(e.detail, substr(n.summary, 1, 30)) > 0" },
      { "events naming a representative", "SELECT count(*) FROM event e JOIN representative r ON "
        "instr(e.detail, r.name) > 0" },
   };
   for (size_t i = 0; i < sizeof leaks / sizeof *leaks; i++)
      has_none(leaks[i][0], leaks[i][1]);
}
END_TEST

START_TEST(test_the_counter_finds_the_demo_people_by_name_and_tenancy) {
   Person p;
   ck_assert(person_get(s->store, 7, &p, &err) == RD_OK);
   char first[64];
   str_copy(first, p.name, sizeof first);
   *strchr(first, ' ') = '\0';
   Person *found = NULL;
   size_t n = 0;
   bool seen = false;
   ck_assert_msg(person_find(s->store, p.name, 20, &found, &n, &err) == RD_OK, "%s", err.message);
   for (size_t i = 0; i < n; i++)
      seen = seen || found[i].id == 7;
   person_free_list(found, n);
   ck_assert_msg(seen, "searching for %s does not find person 7", p.name);
   if (p.tenancy_ref[0]) {
      ck_assert(person_find(s->store, p.tenancy_ref, 1, &found, &n, &err) == RD_OK);
      ck_assert_uint_eq(n, 1);
      ck_assert_int_eq(found[0].id, 7);
      person_free_list(found, n);
   }
   person_clear(&p);
}
END_TEST

START_TEST(test_a_case_version_counts_its_changes_as_the_lifecycle_does) {
   has_none("cases whose version is not one more than their changes",
            "SELECT count(*) FROM complaint c WHERE version <> 1 + (SELECT count(*) FROM event e WHERE "
            "e.complaint_id = c.id AND e.entity = 'complaint')");
   has_none("cases whose last change is not their newest event",
            "SELECT count(*) FROM complaint c WHERE updated_at <> (SELECT max(at) FROM event e WHERE "
            "e.complaint_id = c.id AND e.entity = 'complaint')");
}
END_TEST

START_TEST(test_no_step_of_any_case_is_still_to_come) {
   /* ?1 is now, ?2 today. */
   static const char *const checks[] = {
      "SELECT count(*) FROM complaint WHERE received_at > ?1 OR closed_at > ?1 OR updated_at > ?1",
      "SELECT count(*) FROM stage WHERE requested_at > ?1 OR acknowledged_at > ?1 OR responded_at > ?1 "
      "OR declined_at > ?1 OR extension_told_at > ?1",
      "SELECT count(*) FROM event WHERE at > ?1",
      "SELECT count(*) FROM contact WHERE at > ?1",
      "SELECT count(*) FROM action WHERE done_on > ?2 OR created_at > ?1",
      "SELECT count(*) FROM remedy WHERE done_on > ?2",
      "SELECT count(*) FROM survey WHERE sent_on > ?2 OR answered_on > ?2",
      "SELECT count(*) FROM ombudsman_referral WHERE referred_on > ?2 OR determined_on > ?2",
   };
   for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
      sqlite3_stmt *q;
      ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), checks[i], -1, &q, NULL), SQLITE_OK);
      store_bind_instant(q, 1, clock_now());
      store_bind_date(q, 2, clock_today());
      ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
      ck_assert_msg(sqlite3_column_int64(q, 0) == 0, "%lld records dated after the clock's now: %s",
                    (long long)sqlite3_column_int64(q, 0), checks[i]);
      sqlite3_finalize(q);
   }
   has_none("events before the case they belong to was received",
            "SELECT count(*) FROM event e JOIN complaint c ON c.id = e.complaint_id WHERE e.at < c.received_at");
}
END_TEST

START_TEST(test_the_demo_shows_every_kind_of_record) {
   static const char *const kinds[][2] = {
      { "remedies with amounts", "SELECT count(*) FROM remedy WHERE amount_pence > 0 AND kind IN ('financial-loss', "
        "'goodwill')" },
      { "overdue actions", "SELECT count(*) FROM action WHERE done_on IS NULL AND due_on < date('" NOW "')" },
      { "actions done", "SELECT count(*) FROM action WHERE done_on IS NOT NULL" },
      { "action updates", "SELECT count(*) FROM action_update" },
      { "contacts in, out and noted", "SELECT count(DISTINCT direction) = 3 FROM contact" },
      { "complaints about named staff with their HR notice", "SELECT count(*) FROM complaint c WHERE about_staff_id IS "
        "NOT NULL AND EXISTS (SELECT 1 FROM action a WHERE a.complaint_id = c.id AND a.source = 'hr-notice')" },
      { "group complaints", "SELECT count(*) FROM complaint_member" },
      { "anonymous complaints", "SELECT count(*) FROM complaint WHERE anonymous = 1 AND person_id IS NULL" },
      { "reasonable adjustments", "SELECT count(*) FROM adjustment" },
      { "contact restrictions", "SELECT count(*) >= 2 FROM restriction" },
      { "representatives", "SELECT count(*) FROM complaint WHERE representative_id IS NOT NULL" },
      { "compliments", "SELECT count(*) FROM compliment WHERE acknowledged_on IS NOT NULL" },
      { "Ombudsman determinations", "SELECT count(*) FROM ombudsman_referral WHERE determination IS NOT NULL" },
      { "Ombudsman orders that became actions", "SELECT count(*) FROM ombudsman_order o JOIN action a ON "
        "a.id = o.action_id WHERE a.source = 'ombudsman-order' AND a.what LIKE 'Housing Ombudsman order (%'" },
      { "cases under the policy before the present one", "SELECT count(*) FROM complaint WHERE policy = "
        "'three-ten-six-months'" },
      { "learning records", "SELECT count(*) FROM learning WHERE lesson <> '' AND improvement <> ''" },
      { "survey answers", "SELECT count(*) FROM survey WHERE satisfied IS NOT NULL" },
      { "people with a tenancy reference", "SELECT count(*) FROM person WHERE tenancy_ref LIKE 'T_______'" },
   };
   for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
      has_some(kinds[i][0], kinds[i][1]);
   has_none("people without a plausible name and address",
            "SELECT count(*) FROM person WHERE name NOT LIKE '% %' OR address NOT LIKE '%, %'");
}
END_TEST

START_TEST(test_the_current_login_is_an_admin_with_every_role_and_trained) {
   ck_assert_str_eq(s->me.login, s->login);
   ck_assert_str_eq(s->me.full_name, "Demo User");
   ck_assert_uint_eq(s->me.roles, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER | ROLE_ADMIN);
   ck_assert(staff_is_trained(&s->me));
   has_some("teams", "SELECT count(DISTINCT team) >= 5 FROM staff");
   has_some("untrained handlers", "SELECT count(*) FROM staff WHERE is_handler = 1 AND "
            "(complaints_trained_on IS NULL OR ombudsman_trained_on IS NULL)");
   has_none("teams whose manager is not their most senior member",
            "SELECT count(*) FROM staff m JOIN staff x ON x.team = m.team WHERE m.manages_team = m.team AND "
            "m.manages_team <> '' AND x.grade > m.grade AND x.manages_team = '' AND x.is_manager = 0");
}
END_TEST

/* --- demos of their own ------------------------------------------------------------------ */

static char *own_dir, *own_db;

static void own_setup(void) {
   own_dir = test_tmpdir();
   own_db = xasprintf("%s/demo.db", own_dir);
   s = NULL;
}

static void own_teardown(void) {
   session_end(s);
   test_rmtree(own_dir);
   free(own_dir);
   free(own_db);
}

/* FNV-1a over every value of every row of the tables a user sees. */
static uint64_t digest(const char *db) {
   static const char *const tables[] = { "staff", "person", "complaint", "stage", "contact", "remedy", "action",
                                         "action_update", "ombudsman_referral", "survey", "compliment", "event" };
   Session *ses = open_session(own_dir, db, STORE_READ_ONLY);
   uint64_t h = 1469598103934665603ULL;
   for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
      char *sql = xasprintf("SELECT * FROM %s ORDER BY rowid", tables[t]);
      sqlite3_stmt *q;
      ck_assert_int_eq(sqlite3_prepare_v2(store_db(ses->store), sql, -1, &q, NULL), SQLITE_OK);
      while (sqlite3_step(q) == SQLITE_ROW) {
         for (int c = 0; c < sqlite3_column_count(q); c++) {
            const unsigned char *v = sqlite3_column_text(q, c);
            for (const unsigned char *p = v ? v : (const unsigned char *)"\x01"; *p; p++)
               h = (h ^ *p) * 1099511628211ULL;
            h = (h ^ 0xff) * 1099511628211ULL;
         }
      }
      sqlite3_finalize(q);
      free(sql);
   }
   session_end(ses);
   return h;
}

START_TEST(test_the_same_seed_and_clock_build_the_same_database) {
   char *again = xasprintf("%s/again.db", own_dir), *other = xasprintf("%s/other.db", own_dir);
   build_in(own_dir, own_db, DEMO_MIN_CASES, 7);
   build_in(own_dir, again, DEMO_MIN_CASES, 7);
   build_in(own_dir, other, DEMO_MIN_CASES, 8);
   uint64_t first = digest(own_db);
   ck_assert_msg(first == digest(again), "two demos from seed 7 differ");
   ck_assert_msg(first != digest(other), "seeds 7 and 8 built the same demo");
   free(again);
   free(other);
}
END_TEST

START_TEST(test_a_demo_goes_on_through_the_lifecycle_at_once) {
   build_in(own_dir, own_db, DEMO_DEFAULT_CASES, DEMO_DEFAULT_SEED);
   s = open_session(own_dir, own_db, STORE_OPEN_EXISTING);
   ck_assert_msg(session_login(s, &err) == RD_OK, "the demo's user cannot log in: %s", err.message);
   sqlite3_stmt *q;
   static const char sql[] =
      "SELECT c.ref FROM complaint c JOIN stage st ON st.complaint_id = c.id AND st.number = 1 WHERE "
      "c.kind = 'complaint' AND c.closed_at IS NULL AND c.stage = 1 AND st.acknowledged_at IS NULL AND "
      "c.about_staff_id IS NULL AND c.about_team = '' AND c.anonymous = 0 ORDER BY c.id LIMIT 1";
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), sql, -1, &q, NULL), SQLITE_OK);
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   char ref[16];
   str_copy(ref, (const char *)sqlite3_column_text(q, 0), sizeof ref);
   sqlite3_finalize(q);
   ck_assert_msg(complaint_acknowledge(s, ref, 0, "The boiler and the missed visits", RD_NO_DATE, RD_NO_INSTANT,
                                       &err) == RD_OK, "acknowledging %s: %s", ref, err.message);
   Complaint c;
   complaint_init(&c);
   ck_assert(complaint_get(s, ref, &c, &err) == RD_OK);
   Response r = { DECISION_UPHELD, "We missed the visits", true, action_open_count(s, c.id) == 0 };
   ck_assert_msg(complaint_respond(s, ref, 0, &r, RD_NO_INSTANT, &err) == RD_OK, "responding: %s", err.message);
   complaint_clear(&c);
   char *last = NULL;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), "SELECT max(ref) FROM complaint WHERE ref LIKE 'C25-%'", -1,
                                       &q, NULL), SQLITE_OK);
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   last = xstrdup((const char *)sqlite3_column_text(q, 0));
   sqlite3_finalize(q);
   NewComplaint in = { .person_id = 1, .channel = "phone", .received_at = RD_NO_INSTANT, .incident_on = RD_NO_DATE,
                       .category = "repairs", .summary = "A new leak", .triage = KIND_COMPLAINT };
   complaint_init(&c);
   ck_assert_msg(complaint_new(s, &in, &c, &err) == RD_OK, "%s", err.message);
   char want[16];
   snprintf(want, sizeof want, "C25-%05d", atoi(last + 4) + 1);
   ck_assert_str_eq(c.ref, want);
   complaint_clear(&c);
   free(last);
}
END_TEST

START_TEST(test_a_demo_is_built_only_into_a_new_database) {
   build_in(own_dir, own_db, DEMO_MIN_CASES, 1);
   s = open_session(own_dir, own_db, STORE_OPEN_EXISTING);
   int64_t before = count("SELECT count(*) FROM complaint");
   DemoOptions o = { DEMO_MIN_CASES, 2, NULL, NULL, NULL };
   ck_assert_int_eq(demo_build(s, &o, NULL, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "new database") != NULL, "%s", err.message);
   ck_assert_int_eq(count("SELECT count(*) FROM complaint"), before);
   session_end(s);
   s = NULL;
   Session *again = NULL;
   SessionOptions opts = { .db_path = own_db, .now = NOW };
   ck_assert(session_start(&opts, &again, &err) == RD_OK);
   ck_assert_int_eq(session_open_store(again, STORE_CREATE_NEW, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "will not overwrite") != NULL, "%s", err.message);
   session_end(again);
}
END_TEST

START_TEST(test_a_demo_needs_enough_cases_to_show_every_state) {
   s = open_session(own_dir, own_db, STORE_CREATE_NEW);
   DemoOptions o = { DEMO_MIN_CASES - 1, 1, NULL, NULL, NULL };
   ck_assert_int_eq(demo_build(s, &o, NULL, &err), RD_EINPUT);
   ck_assert_msg(strstr(err.message, "from 60") != NULL, "%s", err.message);
   ck_assert_int_eq(count("SELECT count(*) FROM staff"), 0);
}
END_TEST

static size_t progress_calls, progress_done, progress_total;

static void record_progress(void *data, size_t done, size_t total) {
   (void)data;
   ck_assert_uint_le(done, total);
   ck_assert_uint_ge(done, progress_done);
   progress_calls++;
   progress_done = done;
   progress_total = total;
}

START_TEST(test_a_large_demo_is_about_five_percent_open_and_reports_its_progress) {
   s = open_session(own_dir, own_db, STORE_CREATE_NEW);
   DemoOptions o = { 2500, DEMO_DEFAULT_SEED, NULL, record_progress, NULL };
   DemoSummary sum;
   ck_assert_msg(demo_build(s, &o, &sum, &err) == RD_OK, "%s", err.message);
   int64_t cases = count("SELECT count(*) FROM complaint"), open = count("SELECT count(*) FROM complaint WHERE "
                                                                         "closed_at IS NULL");
   ck_assert_int_eq(cases, 2500);
   ck_assert_msg(open * 100 >= cases * 4 && open * 100 <= cases * 6, "%lld of %lld open", (long long)open,
                 (long long)cases);
   ck_assert_uint_eq(sum.open, (size_t)open);
   ck_assert_uint_eq(progress_done, 2500);
   ck_assert_uint_eq(progress_total, 2500);
   ck_assert_uint_ge(progress_calls, 2);
   ck_assert_int_eq(count("SELECT count(*) FROM ref_counter WHERE year = 2025 AND last = (SELECT count(*) FROM "
                          "complaint WHERE ref LIKE 'C25-%')"), 1);
}
END_TEST

START_TEST(test_a_demo_under_another_policy_stores_that_policys_dates) {
   write_policy(own_dir, "three-ten-six-months");
   build_in(own_dir, own_db, DEMO_DEFAULT_CASES, 3);
   s = open_session(own_dir, own_db, STORE_OPEN_EXISTING);
   ck_assert_str_eq(s->policy.name, "three-ten-six-months");
   check_due_dates(s);
   int problems = -1;
   FILE *out = fopen("/dev/null", "w");
   ck_assert(store_check(s->store, out, &problems, &err) == RD_OK);
   fclose(out);
   ck_assert_int_eq(problems, 0);
   has_some("stage 2 requests within the policy's 20 days",
            "SELECT count(*) FROM stage s2 JOIN stage s1 ON s1.complaint_id = s2.complaint_id AND s1.number = 1 "
            "WHERE s2.number = 2 AND julianday(date(s2.requested_at)) - julianday(date(s1.responded_at)) <= 20");
   has_none("stage 2 requests outside the policy's 20 days",
            "SELECT count(*) FROM stage s2 JOIN stage s1 ON s1.complaint_id = s2.complaint_id AND s1.number = 1 "
            "WHERE s2.number = 2 AND julianday(s2.requested_at) - julianday(s1.responded_at) > 21");
}
END_TEST

START_TEST(test_a_demo_under_an_agreed_date_policy_agrees_a_date_at_acknowledgement) {
   write_policy(own_dir, "one-day-ack-agreed-dates");
   build_in(own_dir, own_db, DEMO_DEFAULT_CASES, 4);
   s = open_session(own_dir, own_db, STORE_OPEN_EXISTING);
   check_due_dates(s);
   has_none("acknowledged stages without an agreed date",
            "SELECT count(*) FROM stage WHERE policy = 'one-day-ack-agreed-dates' AND acknowledged_at IS NOT NULL AND "
            "(agreed_on IS NULL OR response_due <> agreed_on)");
   has_some("stages acknowledged under the agreed-date policy",
            "SELECT count(*) FROM stage WHERE policy = 'one-day-ack-agreed-dates' AND acknowledged_at IS NOT NULL");
   has_some("closures for no contact, which this policy allows (seed 003)",
            "SELECT count(*) FROM complaint WHERE close_reason = 'no-contact' AND policy = 'one-day-ack-agreed-dates'");
}
END_TEST

/* A demo never shows a case closed in a way its own policy would refuse. */
START_TEST(test_no_demo_case_is_closed_for_no_contact_under_a_policy_that_does_not_allow_it) {
   has_none("closures for no contact under a policy without that rule",
            "SELECT count(*) FROM complaint WHERE close_reason = 'no-contact' AND policy <> 'one-day-ack-agreed-dates'");
}
END_TEST

START_TEST(test_the_smallest_demo_of_any_seed_shows_everything_and_passes_check) {
   for (uint64_t seed = 11; seed <= 13; seed++) {
      char *db = xasprintf("%s/seed%llu.db", own_dir, (unsigned long long)seed);
      build_in(own_dir, db, DEMO_MIN_CASES, seed);
      s = open_session(own_dir, db, STORE_OPEN_EXISTING);
      check_every_state();
      check_markers();
      check_no_problems();
      check_due_dates(s);
      session_end(s);
      s = NULL;
      free(db);
   }
}
END_TEST

int main(void) {
   Suite *su = suite_create("demo");
   TCase *shared = tcase_create("the demo");
   tcase_set_timeout(shared, 120);
   tcase_add_unchecked_fixture(shared, shared_build, shared_remove);
   tcase_add_checked_fixture(shared, shared_open, shared_close);
   tcase_add_test(shared, test_every_state_of_the_lifecycle_is_in_the_demo);
   tcase_add_test(shared, test_no_demo_case_is_closed_for_no_contact_under_a_policy_that_does_not_allow_it);
   tcase_add_test(shared, test_redress_check_finds_no_problems_in_the_demo);
   tcase_add_test(shared, test_every_due_date_stored_is_the_one_the_policy_computes);
   tcase_add_test(shared, test_the_queue_shows_overdue_due_today_due_soon_and_on_track_at_the_clock);
   tcase_add_test(shared, test_every_handler_is_one_the_fairness_rules_allow);
   tcase_add_test(shared, test_every_record_the_demo_writes_has_its_audit_event);
   tcase_add_test(shared, test_a_case_version_counts_its_changes_as_the_lifecycle_does);
   tcase_add_test(shared, test_the_audit_log_of_a_demo_holds_no_resident_details_or_words);
   tcase_add_test(shared, test_the_counter_finds_the_demo_people_by_name_and_tenancy);
   tcase_add_test(shared, test_no_step_of_any_case_is_still_to_come);
   tcase_add_test(shared, test_the_demo_shows_every_kind_of_record);
   tcase_add_test(shared, test_the_current_login_is_an_admin_with_every_role_and_trained);
   suite_add_tcase(su, shared);
   TCase *own = tcase_create("demos of their own");
   tcase_set_timeout(own, 300);
   tcase_add_checked_fixture(own, own_setup, own_teardown);
   tcase_add_test(own, test_the_same_seed_and_clock_build_the_same_database);
   tcase_add_test(own, test_a_demo_goes_on_through_the_lifecycle_at_once);
   tcase_add_test(own, test_a_demo_is_built_only_into_a_new_database);
   tcase_add_test(own, test_a_demo_needs_enough_cases_to_show_every_state);
   tcase_add_test(own, test_a_large_demo_is_about_five_percent_open_and_reports_its_progress);
   tcase_add_test(own, test_a_demo_under_another_policy_stores_that_policys_dates);
   tcase_add_test(own, test_a_demo_under_an_agreed_date_policy_agrees_a_date_at_acknowledgement);
   tcase_add_test(own, test_the_smallest_demo_of_any_seed_shows_everything_and_passes_check);
   suite_add_tcase(su, own);
   return test_run(su);
}
