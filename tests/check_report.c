/* The reports: a small known set of cases, built with the real lifecycle functions, and
 * every figure of the TSM and the monthly report checked against a count made by hand from
 * the story below. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/compliment.h"
#include "redress/csv.h"
#include "redress/learning.h"
#include "redress/ombudsman.h"
#include "redress/report.h"
#include "redress/text.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;
static Session *s;
static RdError err;
static int64_t tenant_id, owner_id;

/* The references of the story's cases, in the order they are logged. */
static char c1[16], c2[16], c3[16], c4[16], c5[16], c6[16], c7[16], c8[16], c9[16], c10[16], c11[16];

typedef struct StaffSpec {
   const char *login, *name, *team, *manages, *roles;
   int grade;
} StaffSpec;

static const StaffSpec team[] = {
   { "desk", "Dee Desk", "Customer Services", "", "front-desk", 2 },
   { "hal", "Hal Handler", "Repairs", "", "handler", 3 },
   { "hana", "Hana Handler", "Housing", "", "handler", 3 },
   { "mo", "Mo Manager", "Housing", "Housing", "handler,manager", 5 },
   { "max", "Max Director", "Customer Services", "Customer Services", "manager", 7 },
};

static void ok(RdStatus st) {
   ck_assert_msg(st == RD_OK, "expected success, got %s: %s", error_status_name(st), err.message);
}

static void add_staff(const StaffSpec *spec) {
   Staff st;
   staff_init(&st);
   st.login = xstrdup(spec->login);
   st.full_name = xstrdup(spec->name);
   st.team = xstrdup(spec->team);
   st.manages_team = xstrdup(spec->manages);
   st.grade = spec->grade;
   ok(staff_parse_roles(spec->roles, &st.roles, &err));
   st.complaints_trained_on = D("2025-01-10");
   st.ombudsman_trained_on = D("2025-02-10");
   ok(staff_add(s->store, NULL, &st, &err));
   staff_clear(&st);
}

static void act_as(const char *login) {
   staff_clear(&s->me);
   ok(staff_by_login(s->store, login, &s->me, &err));
   s->logged_in = true;
}

/* Moves the clock to the instant a step happens, and gives that instant. */
static RdInstant at(const char *when) {
   ok(clock_start_at(when, &err));
   return T(when);
}

static void sql(const char *text) {
   char *msg = NULL;
   int rc = sqlite3_exec(store_db(s->store), text, NULL, NULL, &msg);
   ck_assert_msg(rc == SQLITE_OK, "%s: %s", text, msg ? msg : "");
   sqlite3_free(msg);
}

static int64_t insert_person(const char *name, const char *kind) {
   char *q = xasprintf("INSERT INTO person (name, kind, address, created_at) VALUES ('%s', '%s', "
                       "'1 High Street, Anytown', '2025-01-01T00:00:00Z')", name, kind);
   sql(q);
   free(q);
   return sqlite3_last_insert_rowid(store_db(s->store));
}

static void log_case(char ref[16], int64_t person, const char *channel, const char *category, const char *when,
                     ComplaintKind triage, const char *detail) {
   NewComplaint in = { .person_id = person, .channel = channel, .received_at = at(when), .incident_on = RD_NO_DATE,
                       .category = category, .summary = "The boiler has failed again", .anonymous = person == 0,
                       .triage = triage };
   if (triage == KIND_EXCLUDED) {
      in.exclusion_code = "asb-neighbour";
      in.exclusion_detail = detail;
   } else if (triage == KIND_QUICK) {
      in.quick_summary = detail;
   }
   Complaint c;
   complaint_init(&c);
   act_as("desk");
   ok(complaint_new(s, &in, &c, &err));
   str_copy(ref, c.ref, 16);
   complaint_clear(&c);
}

static void ack(const char *ref, const char *who, const char *when) {
   act_as(who);
   ok(complaint_acknowledge(s, ref, 0, "The boiler keeps failing; wants it replaced", RD_NO_DATE, at(when), &err));
}

static void respond(const char *ref, const char *who, Decision d, bool no_remedy, bool no_actions, const char *when) {
   act_as(who);
   Response r = { d, "We looked at the repair history", no_remedy, no_actions };
   ok(complaint_respond(s, ref, 0, &r, at(when), &err));
}

static void extend(const char *ref, const char *who, const char *to, const char *good_reason, const char *when) {
   act_as(who);
   ok(complaint_extend(s, ref, 0, D(to), "Waiting for the contractor's report", true, good_reason, at(when), &err));
}

static void add_compliment(const char *from, const char *about, const char *when) {
   NewCompliment in = { .received_at = at(when), .channel = "phone", .from_name = from, .about_team = about,
                        .summary = "Thank you" };
   act_as("desk");
   ok(compliment_add(s, &in, NULL, &err));
}

static void escalate(const char *ref, const char *when) {
   act_as("desk");
   ok(complaint_escalate(s, ref, 0, NULL, NULL, at(when), &err));
}

/* The story, told in the order it happened. Hand counts are in the tests below. */
static void build_story(void) {
   int64_t id, heaters;
   /* C10: received November 2025, answered in time; escalated in March 2026 and declined. */
   log_case(c10, tenant_id, "phone", "repairs", "2025-11-03T10:00", KIND_COMPLAINT, NULL);
   ack(c10, "hal", "2025-11-04T10:00");
   respond(c10, "hal", DECISION_NOT_UPHELD, true, true, "2025-11-17T10:00");
   /* C11: received January, answered in time; stage 2 in February, answered 2 March. */
   log_case(c11, tenant_id, "phone", "repairs", "2026-01-12T10:00", KIND_COMPLAINT, NULL);
   ack(c11, "hal", "2026-01-13T10:00");
   respond(c11, "hal", DECISION_NOT_UPHELD, true, true, "2026-01-26T10:00");
   escalate(c11, "2026-02-02T10:00");
   ack(c11, "mo", "2026-02-03T10:00");
   /* C4: received February; extended past the policy's limit with a manager's good reason. */
   log_case(c4, tenant_id, "email", "communication", "2026-02-02T10:00", KIND_COMPLAINT, NULL);
   ack(c4, "hana", "2026-02-03T10:00");
   extend(c4, "mo", "2026-03-10", "The surveyor is off sick", "2026-02-16T10:00");
   /* March. */
   log_case(c1, tenant_id, "phone", "repairs", "2026-03-02T10:00", KIND_COMPLAINT, NULL);
   act_as("mo");
   ok(remedy_add(s, c11, REMEDY_FINANCIAL_LOSS, "Cost of heaters", 12050, RD_NO_DATE, &heaters, &err));
   respond(c11, "mo", DECISION_UPHELD, false, true, "2026-03-02T11:00");
   act_as("max");
   ok(complaint_escalate(s, c10, 0, NULL, NULL, at("2026-03-02T12:00"), &err));
   ack(c1, "hal", "2026-03-03T10:00");
   act_as("max");
   ok(complaint_decline(s, c10, 0, "Nothing new has been raised since our answer", at("2026-03-03T11:00"), &err));
   act_as("mo");
   ok(complaint_close(s, c11, 0, CLOSE_FINAL_RESPONSE, NULL, at("2026-03-03T12:00"), &err));
   log_case(c2, owner_id, "email", "damp and mould", "2026-03-04T11:00", KIND_COMPLAINT, NULL);
   log_case(c3, tenant_id, "letter", "repairs", "2026-03-05T09:30", KIND_COMPLAINT, NULL);
   ack(c2, "hal", "2026-03-05T10:00");
   act_as("hana");
   ok(remedy_add(s, c4, REMEDY_APOLOGY, "We apologise for the delay", 0, RD_NO_DATE, &id, &err));
   respond(c4, "hana", DECISION_UPHELD, false, true, "2026-03-06T10:00");
   log_case(c5, tenant_id, "web", "repairs", "2026-03-10T10:00", KIND_QUICK, "Reset the boiler timer");
   act_as("mo");
   ok(clock_start_at("2026-03-10T12:00", &err));
   ok(remedy_done(s, heaters, D("2026-03-10"), &err));
   log_case(c6, tenant_id, "phone", "anti-social behaviour handling", "2026-03-11T10:00", KIND_EXCLUDED,
            "Noise from next door");
   log_case(c7, tenant_id, "in-person", "repairs", "2026-03-12T10:00", KIND_SERVICE_REQUEST, NULL);
   log_case(c8, 0, "phone", "estate services", "2026-03-13T10:00", KIND_COMPLAINT, NULL);
   ack(c3, "hal", "2026-03-13T11:00");   /* a day late: due 12 March */
   act_as("hal");
   ok(remedy_add(s, c1, REMEDY_GOODWILL, "For the time without heating", 5000, RD_NO_DATE, &id, &err));
   ok(action_add(s, c1, "Replace the boiler", "hal", D("2026-03-27"), &id, &err));
   respond(c1, "hal", DECISION_UPHELD, false, false, "2026-03-16T10:00");
   log_case(c9, tenant_id, "phone", "repairs", "2026-03-16T11:00", KIND_UNTRIAGED, NULL);
   extend(c2, "hal", "2026-03-26", NULL, "2026-03-18T10:00");
   escalate(c1, "2026-03-20T10:00");
   ack(c1, "mo", "2026-03-23T10:00");
   respond(c2, "hal", DECISION_PARTLY_UPHELD, true, true, "2026-03-25T10:00");
   act_as("hal");
   ok(complaint_close(s, c2, 0, CLOSE_RESOLVED, NULL, at("2026-03-27T10:00"), &err));
   respond(c3, "hal", DECISION_NOT_UPHELD, true, true, "2026-03-30T10:00");
   /* Compliments, lessons and the Ombudsman through their own modules. */
   add_compliment("Ann", "Repairs", "2026-02-20T10:00");
   add_compliment("Bob", "Repairs", "2026-03-09T10:00");
   add_compliment("Cy", "Housing", "2026-04-01T00:30");   /* 23:30 UTC on 31 March: April in the UK */
   act_as("hal");
   ok(learning_add(s, c3, "Letters were answered late", "Post is scanned on the day it arrives",
                   at("2026-03-20T10:00"), &id, &err));
   ok(ombudsman_refer(s, c10, "HOS-2026-1", D("2026-03-10"), &id, &err));
   act_as("mo");
   ok(clock_start_at("2026-03-26T10:00", &err));
   ok(ombudsman_determine(s, "HOS-2026-1", DETERMINATION_SERVICE_FAILURE, D("2026-03-25"), &err));
   int64_t order, done_order;
   ok(ombudsman_order(s, "HOS-2026-1", "Pay 100 pounds", D("2026-04-08"), "mo", &order, &id, &err));
   ok(ombudsman_order(s, "HOS-2026-1", "Apologise", D("2026-03-30"), "mo", &order, &done_order, &err));
   ok(clock_start_at("2026-03-28T10:00", &err));
   ok(action_done(s, done_order, D("2026-03-28"), "Letter sent", &err));
   /* The default policy sends no survey, so its answers are written as survey.c would. */
   char *q = xasprintf("INSERT INTO survey (complaint_id, sent_on, answered_on, satisfied, declined) VALUES "
                       "((SELECT id FROM complaint WHERE ref = '%s'), '2026-03-30', '2026-03-31', 1, 0), "
                       "((SELECT id FROM complaint WHERE ref = '%s'), '2026-03-20', '2026-03-25', 0, 0), "
                       "((SELECT id FROM complaint WHERE ref = '%s'), '2026-03-27', NULL, NULL, 1);", c2, c11, c3);
   sql(q);
   free(q);
   ok(clock_start_at("2026-04-15T10:00", &err));
}

static void setup(void) {
   dir = test_tmpdir();
   char *db = xasprintf("%s/redress.db", dir);
   SessionOptions opts = { .db_path = db, .now = "2025-11-01T09:00" };
   setenv("XDG_CONFIG_HOME", dir, 1);
   unsetenv("REDRESS_CONFIG");
   ok(session_start(&opts, &s, &err));
   ok(session_open_store(s, STORE_CREATE_NEW, &err));
   free(s->config->homes);
   s->config->homes = xcalloc(1, sizeof *s->config->homes);
   s->config->homes[0] = (HomesYear){ 2025, 4000, 500 };
   s->config->homes_count = 1;
   for (size_t i = 0; i < sizeof team / sizeof *team; i++)
      add_staff(&team[i]);
   tenant_id = insert_person("Jo Tenant", "tenant");
   owner_id = insert_person("Sam Owner", "shared-owner");
   free(db);
   build_story();
}

static void teardown(void) {
   session_end(s);
   test_rmtree(dir);
   free(dir);
}

static ReportPeriod period(const char *text, ReportUnit unit) {
   ReportPeriod p;
   ck_assert_msg(report_period_parse(text, unit, D("2026-04-15"), &p, &err) == RD_OK, "%s", err.message);
   return p;
}

static bool close_to(double a, double b) {
   return a - b < 0.005 && b - a < 0.005;
}

/* --- periods ------------------------------------------------------------------------ */

START_TEST(test_periods_are_months_reporting_years_from_april_quarters_and_date_ranges) {
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ck_assert_str_eq(fmt_date(p.from), "2026-03-01");
   ck_assert_str_eq(fmt_date(p.to), "2026-03-31");
   ck_assert_str_eq(p.label, "March 2026");
   p = period("2025/26", REPORT_YEAR);
   ck_assert_str_eq(fmt_date(p.from), "2025-04-01");
   ck_assert_str_eq(fmt_date(p.to), "2026-03-31");
   p = period("2025/26-Q3", REPORT_QUARTER);
   ck_assert_str_eq(fmt_date(p.from), "2025-10-01");
   ck_assert_str_eq(fmt_date(p.to), "2025-12-31");
   p = period("2025/26-Q4", REPORT_QUARTER);
   ck_assert_str_eq(fmt_date(p.from), "2026-01-01");
   ck_assert_str_eq(fmt_date(p.to), "2026-03-31");
   p = period("2026-02-10..2026-03-05", REPORT_MONTH);
   ck_assert_int_eq(p.unit, REPORT_RANGE);
   ck_assert_str_eq(fmt_date(p.to), "2026-03-05");
   ReportPeriod before;
   report_period_previous(&p, &before);
   ck_assert_str_eq(fmt_date(before.from), "2026-01-17");
   ck_assert_str_eq(fmt_date(before.to), "2026-02-09");
   p = period("last", REPORT_MONTH);
   ck_assert_str_eq(p.label, "March 2026");
   p = period("this", REPORT_YEAR);
   ck_assert_str_eq(fmt_date(p.from), "2026-04-01");
   p = period("last", REPORT_QUARTER);
   ck_assert_str_eq(fmt_date(p.from), "2026-01-01");
}
END_TEST

START_TEST(test_a_period_that_is_not_one_is_refused_saying_how_to_write_one) {
   const char *bad[] = { "March", "2025/27", "2025/26-Q5", "2026-13", "2026-03-31..2026-03-01", "2026-3" };
   for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
      ReportPeriod p;
      ck_assert_msg(report_period_parse(bad[i], REPORT_MONTH, D("2026-04-15"), &p, &err) == RD_EINPUT, "%s", bad[i]);
      ck_assert_msg(strstr(err.message, "2025/26") || strstr(err.message, "ends before"), "%s", err.message);
   }
}
END_TEST

/* --- CH01 ---------------------------------------------------------------------------- */

/* March: stage 1 started for C1, C2 (shared owner), C3 and C8 (anonymous); stage 2 was
 * asked for C1 (C10's request was declined). Homes 4,000 LCRA and 500 LCHO. */
START_TEST(test_ch01_counts_complaints_received_per_1000_homes_lcra_lcho_and_combined) {
   TsmFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_tsm(s, &p, &f, &err));
   ck_assert_int_eq(f.reporting_year, 2025);
   ck_assert(f.lcra_configured && f.lcho_configured);
   ck_assert_int_eq(f.lcra.stage1, 3);
   ck_assert_int_eq(f.lcra.stage2, 1);
   ck_assert_int_eq(f.lcho.stage1, 1);
   ck_assert_int_eq(f.lcho.stage2, 0);
   ck_assert_int_eq(f.combined.stage1, 4);
   ck_assert_int_eq(f.combined.stage2, 1);
   ck_assert_int_eq(f.combined.homes, 4500);
   ck_assert(close_to(f.lcra.stage1_per_1000, 0.75));
   ck_assert(close_to(f.lcra.stage2_per_1000, 0.25));
   ck_assert(close_to(f.lcho.stage1_per_1000, 2.0));
   ck_assert(close_to(f.lcho.stage2_per_1000, 0.0));
   ck_assert(close_to(f.combined.stage1_per_1000, 4000.0 / 4500.0));
   ck_assert(close_to(f.combined.stage2_per_1000, 1000.0 / 4500.0));
   report_tsm_clear(&f);
}
END_TEST

/* March also received C5 (quick), C6 (refused), C7 (service request), C9 (untriaged), and
 * C10's declined request to escalate: none counts in CH01, each is shown. */
START_TEST(test_ch01_leaves_out_service_requests_refusals_quick_untriaged_and_declined_escalations) {
   TsmFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_tsm(s, &p, &f, &err));
   ck_assert_int_eq(f.quick, 1);
   ck_assert_int_eq(f.excluded, 1);
   ck_assert_int_eq(f.service_requests, 1);
   ck_assert_int_eq(f.untriaged, 1);
   ck_assert_int_eq(f.escalations_declined, 1);
   report_tsm_clear(&f);
}
END_TEST

/* The year 2025/26: stage 1 for C10, C11, C4, C1, C2, C3, C8; stage 2 for C11 and C1. */
START_TEST(test_ch01_for_the_reporting_year_counts_every_stage_received_from_april_to_march) {
   TsmFigures f;
   ReportPeriod p = period("2025/26", REPORT_YEAR);
   ok(report_tsm(s, &p, &f, &err));
   ck_assert_int_eq(f.combined.stage1, 7);
   ck_assert_int_eq(f.combined.stage2, 2);
   ck_assert_int_eq(f.lcho.stage1, 1);
   ck_assert_int_eq(f.lcra.stage1, 6);
   ck_assert(close_to(f.combined.stage1_per_1000, 7000.0 / 4500.0));
   ck_assert(close_to(f.lcra.stage2_per_1000, 0.5));
   report_tsm_clear(&f);
}
END_TEST

START_TEST(test_ch01_missing_homes_figure_is_reported_as_missing_not_guessed) {
   s->config->homes[0].start_year = 2024;
   TsmFigures f;
   ReportPeriod p = period("2025/26", REPORT_YEAR);
   ok(report_tsm(s, &p, &f, &err));
   ck_assert(!f.combined.homes_known);
   ck_assert(!f.lcra_configured && !f.lcho_configured);
   ck_assert_int_eq(f.combined.stage1, 7);
   ck_assert(close_to(f.combined.stage1_per_1000, 0.0));
   report_tsm_clear(&f);
   ReportDoc *doc;
   ok(report_build(s, REPORT_TSM, &p, &doc, &err));
   char *text = NULL;
   size_t len = 0;
   FILE *out = open_memstream(&text, &len);
   ok(report_write(doc, REPORT_TEXT, 0, out, "memory", &err));
   fclose(out);
   ck_assert_msg(strstr(text, "missing") && strstr(text, "never guessed"), "%s", text);
   free(text);
   report_doc_free(doc);
}
END_TEST

/* A landlord with rental homes only: every complaint counts against them. */
START_TEST(test_ch01_with_one_stock_type_configured_counts_every_complaint_against_it) {
   s->config->homes[0].lcho = 0;
   TsmFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_tsm(s, &p, &f, &err));
   ck_assert(f.lcra_configured && !f.lcho_configured);
   ck_assert_int_eq(f.lcra.stage1, 4);
   ck_assert_int_eq(f.lcra.homes, 4000);
   ck_assert(close_to(f.lcra.stage1_per_1000, 1.0));
   ck_assert(!f.lcho.homes_known);
   ck_assert_int_eq(f.lcho.stage1, 0);
   report_tsm_clear(&f);
}
END_TEST

START_TEST(test_ch01_period_spanning_two_reporting_years_gives_counts_but_no_rate) {
   TsmFigures f;
   ReportPeriod p = period("2026-03-15..2026-04-14", REPORT_MONTH);
   ok(report_tsm(s, &p, &f, &err));
   ck_assert_int_eq(f.reporting_year, -1);
   ck_assert(!f.combined.homes_known);
   ck_assert_int_eq(f.combined.stage1, 0);   /* C8 came on 13 March; C9 is not yet triaged */
   ck_assert_int_eq(f.combined.stage2, 1);   /* C1's request of 20 March */
   report_tsm_clear(&f);
}
END_TEST

/* --- CH02 ---------------------------------------------------------------------------- */

/* March stage 1 responses: C1 by its date, C2 within its extension, C3 a working day late,
 * C4 after an extension that went past the policy's limit. Stage 2: C11 by its date. */
START_TEST(test_ch02_counts_responses_within_the_date_and_within_an_extension_apart) {
   TsmFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_tsm(s, &p, &f, &err));
   ck_assert_int_eq(f.timeliness[0].responded, 4);
   ck_assert_int_eq(f.timeliness[0].within_original, 1);
   ck_assert_int_eq(f.timeliness[0].within_extension, 1);
   ck_assert_int_eq(f.timeliness[0].missed, 2);
   ck_assert(close_to(f.timeliness[0].percent_within, 50.0));
   ck_assert_int_eq(f.timeliness[1].responded, 1);
   ck_assert_int_eq(f.timeliness[1].within_original, 1);
   ck_assert_int_eq(f.timeliness[1].missed, 0);
   ck_assert(close_to(f.timeliness[1].percent_within, 100.0));
   report_tsm_clear(&f);
}
END_TEST

/* Code 6.4: an extension of more than ten working days needs good reason; CH02 does not let
 * it carry the date past the policy's limit (3 March for C4). */
START_TEST(test_ch02_extension_past_the_policy_limit_does_not_move_the_date_beyond_the_limit) {
   TsmFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_tsm(s, &p, &f, &err));
   ck_assert_int_eq((int)f.missed_count, 2);
   const TsmMiss *m = strcmp(f.missed[0].ref, c4) == 0 ? &f.missed[0] : &f.missed[1];
   ck_assert_str_eq(m->ref, c4);
   ck_assert_str_eq(fmt_date(m->due), "2026-02-17");
   ck_assert_str_eq(fmt_date(m->extended_to), "2026-03-10");
   ck_assert_str_eq(fmt_date(m->limit), "2026-03-03");
   ck_assert_str_eq(fmt_date(m->responded), "2026-03-06");
   ck_assert_int_eq(m->working_days_late, 3);
   ck_assert_msg(strstr(m->why, "past the policy's limit"), "%s", m->why);
   report_tsm_clear(&f);
}
END_TEST

START_TEST(test_ch02_lists_every_missed_response_with_the_dates_to_check_it_by_hand) {
   TsmFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_tsm(s, &p, &f, &err));
   const TsmMiss *m = strcmp(f.missed[0].ref, c3) == 0 ? &f.missed[0] : &f.missed[1];
   ck_assert_str_eq(m->ref, c3);
   ck_assert_int_eq(m->stage, 1);
   ck_assert_str_eq(fmt_date(m->due), "2026-03-27");   /* ten working days from the late acknowledgement */
   ck_assert_int_eq(m->extended_to, RD_NO_DATE);
   ck_assert_str_eq(fmt_date(m->responded), "2026-03-30");
   ck_assert_int_eq(m->working_days_late, 1);
   ck_assert_msg(strstr(m->why, "not extended"), "%s", m->why);
   report_tsm_clear(&f);
   ReportPeriod year = period("2025/26", REPORT_YEAR);
   ok(report_tsm(s, &year, &f, &err));
   ck_assert_int_eq(f.timeliness[0].responded, 6);
   ck_assert_int_eq(f.timeliness[0].within_original, 3);
   ck_assert_int_eq(f.timeliness[0].within_extension, 1);
   ck_assert_int_eq(f.timeliness[0].missed, 2);
   ck_assert_int_eq((int)f.missed_count, 2);
   report_tsm_clear(&f);
}
END_TEST

/* --- the monthly figures --------------------------------------------------------------- */

START_TEST(test_monthly_counts_complaints_received_by_kind_channel_and_category) {
   PeriodFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_period_figures(s, &p, &f, &err));
   ck_assert_int_eq(f.received, 7);
   ck_assert_int_eq(f.formal, 4);
   ck_assert_int_eq(f.quick, 1);
   ck_assert_int_eq(f.excluded, 1);
   ck_assert_int_eq(f.untriaged, 1);
   ck_assert_int_eq(f.service_requests, 1);
   int64_t phone = 0, email = 0, letter = 0, web = 0, inperson = 0;
   for (size_t i = 0; i < f.by_channel.count; i++) {
      const ReportCount *c = &f.by_channel.items[i];
      phone += strcmp(c->label, "phone") == 0 ? c->count : 0;
      email += strcmp(c->label, "email") == 0 ? c->count : 0;
      letter += strcmp(c->label, "letter") == 0 ? c->count : 0;
      web += strcmp(c->label, "web") == 0 ? c->count : 0;
      inperson += strcmp(c->label, "in-person") == 0 ? c->count : 0;
   }
   ck_assert_int_eq(phone, 4);
   ck_assert_int_eq(email, 1);
   ck_assert_int_eq(letter, 1);
   ck_assert_int_eq(web, 1);
   ck_assert_int_eq(inperson, 0);   /* C7 was a service request */
   int64_t repairs = 0, damp = 0, asb = 0, estate = 0;
   for (size_t i = 0; i < f.by_category.count; i++) {
      const ReportCount *c = &f.by_category.items[i];
      repairs += strcmp(c->label, "repairs") == 0 ? c->count : 0;
      damp += strcmp(c->label, "damp and mould") == 0 ? c->count : 0;
      asb += strcmp(c->label, "anti-social behaviour handling") == 0 ? c->count : 0;
      estate += strcmp(c->label, "estate services") == 0 ? c->count : 0;
   }
   ck_assert_int_eq(repairs, 4);
   ck_assert_int_eq(damp, 1);
   ck_assert_int_eq(asb, 1);
   ck_assert_int_eq(estate, 1);
   ck_assert_int_eq((int)f.refused_by_reason.count, 1);
   ck_assert_str_eq(f.refused_by_reason.items[0].label, "asb-neighbour");
   ck_assert_int_eq(f.refused_by_reason.items[0].count, 1);
   report_period_figures_clear(&f);
}
END_TEST

/* Acknowledged in March: C1, C2 and C3 (a day late) at stage 1, C1 at stage 2. Extended in
 * March: C2. Decisions: C1 and C4 upheld, C2 partly, C3 not; C11 upheld at stage 2. Of the
 * four stage 1 responses, C1 was escalated; C10's request was declined. */
START_TEST(test_monthly_counts_acknowledgements_extensions_decisions_and_escalations) {
   PeriodFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_period_figures(s, &p, &f, &err));
   ck_assert_str_eq(fmt_date(f.as_at), "2026-03-31");
   ck_assert_int_eq(f.stage[0].received, 4);
   ck_assert_int_eq(f.stage[1].received, 1);
   ck_assert_int_eq(f.stage[0].acknowledged, 3);
   ck_assert_int_eq(f.stage[0].acknowledged_on_time, 2);
   ck_assert_int_eq(f.stage[1].acknowledged, 1);
   ck_assert_int_eq(f.stage[1].acknowledged_on_time, 1);
   ck_assert_int_eq(f.stage[0].responses.responded, 4);
   ck_assert_int_eq(f.stage[0].responses.within_original, 1);
   ck_assert_int_eq(f.stage[0].responses.within_extension, 1);
   ck_assert_int_eq(f.stage[0].responses.missed, 2);
   ck_assert_int_eq(f.stage[1].responses.responded, 1);
   ck_assert_int_eq(f.stage[0].extensions, 1);
   ck_assert_int_eq(f.stage[1].extensions, 0);
   ck_assert_int_eq(f.stage[0].upheld, 2);
   ck_assert_int_eq(f.stage[0].partly_upheld, 1);
   ck_assert_int_eq(f.stage[0].not_upheld, 1);
   ck_assert_int_eq(f.stage[1].upheld, 1);
   ck_assert_int_eq(f.stage[1].partly_upheld + f.stage[1].not_upheld, 0);
   ck_assert_int_eq(f.stage1_escalated, 1);
   ck_assert(close_to(f.escalation_percent, 25.0));
   ck_assert_int_eq(f.escalations_declined, 1);
   report_period_figures_clear(&f);
}
END_TEST

/* Offered in March: C11's £120.50 for heaters, C4's apology, C1's £50 goodwill. Paid in
 * March: C11's £120.50. */
START_TEST(test_monthly_sums_remedies_offered_and_compensation_paid_in_pence) {
   PeriodFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_period_figures(s, &p, &f, &err));
   ck_assert_int_eq(f.remedies_offered, 3);
   ck_assert_int_eq(f.compensation_offered_pence, 17050);
   ck_assert_int_eq(f.remedies_done, 1);
   ck_assert_int_eq(f.compensation_paid_pence, 12050);
   ck_assert_int_eq((int)f.remedies_by_kind.count, 3);
   for (size_t i = 0; i < f.remedies_by_kind.count; i++) {
      const ReportCount *c = &f.remedies_by_kind.items[i];
      ck_assert_int_eq(c->count, 1);
      ck_assert_int_eq(c->amount, strcmp(c->label, "goodwill") == 0 ? 5000
                                  : strcmp(c->label, "financial-loss") == 0 ? 12050 : 0);
   }
   report_period_figures_clear(&f);
}
END_TEST

/* Compliments: Bob's of 9 March, and Cy's at 00:30 on 1 April (23:30 UTC on 31 March, in
 * summer time since 29 March): March has one. Surveys: three sent, one satisfied, one not, one declined. */
START_TEST(test_monthly_counts_compliments_by_uk_date_and_survey_answers) {
   PeriodFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_period_figures(s, &p, &f, &err));
   ck_assert_int_eq(f.compliments, 1);
   ck_assert_int_eq(f.surveys_sent, 3);
   ck_assert_int_eq(f.satisfied, 1);
   ck_assert_int_eq(f.dissatisfied, 1);
   ck_assert_int_eq(f.survey_declined, 1);
   report_period_figures_clear(&f);
   p = period("2026-04", REPORT_MONTH);
   ok(report_period_figures(s, &p, &f, &err));
   ck_assert_int_eq(f.compliments, 1);
   report_period_figures_clear(&f);
}
END_TEST

/* Open on 31 March, by working days since receipt: C3 (18), C8 (12), C9 (11) at stage 1;
 * C1 (21) at stage 2; C4 (41) at stage 1. C2, C10 and C11 were closed. */
START_TEST(test_monthly_counts_open_cases_by_age_band_as_at_the_period_end) {
   PeriodFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_period_figures(s, &p, &f, &err));
   ck_assert_int_eq(f.open_by_age[0][0] + f.open_by_age[0][1], 0);
   ck_assert_int_eq(f.open_by_age[1][0], 3);
   ck_assert_int_eq(f.open_by_age[1][1], 0);
   ck_assert_int_eq(f.open_by_age[2][0], 0);
   ck_assert_int_eq(f.open_by_age[2][1], 1);
   ck_assert_int_eq(f.open_by_age[3][0], 1);
   ck_assert_int_eq(f.open_by_age[4][0] + f.open_by_age[4][1], 0);
   report_period_figures_clear(&f);
}
END_TEST

START_TEST(test_monthly_trend_covers_the_six_months_to_the_period) {
   PeriodFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_period_figures(s, &p, &f, &err));
   ck_assert_int_eq((int)f.trend_count, 6);
   ck_assert_str_eq(f.trend[0].label, "October 2025");
   ck_assert_str_eq(f.trend[5].label, "March 2026");
   const int64_t s1[] = { 0, 1, 0, 1, 1, 4 }, s2[] = { 0, 0, 0, 0, 1, 1 };
   const int64_t responded[] = { 0, 1, 0, 1, 0, 4 }, within[] = { 0, 1, 0, 1, 0, 2 };
   for (int i = 0; i < 6; i++) {
      ck_assert_int_eq(f.trend[i].stage1_received, s1[i]);
      ck_assert_int_eq(f.trend[i].stage2_received, s2[i]);
      ck_assert_int_eq(f.trend[i].stage1_responded, responded[i]);
      ck_assert_int_eq(f.trend[i].stage1_within, within[i]);
   }
   report_period_figures_clear(&f);
}
END_TEST

START_TEST(test_quarterly_covers_january_to_march_for_q4) {
   PeriodFigures f;
   ReportPeriod p = period("2025/26-Q4", REPORT_QUARTER);
   ok(report_period_figures(s, &p, &f, &err));
   ck_assert_int_eq(f.stage[0].received, 6);
   ck_assert_int_eq(f.stage[1].received, 2);
   ck_assert_int_eq(f.compliments, 2);
   ck_assert_int_eq((int)f.trend_count, 5);
   ck_assert_str_eq(f.trend[3].label, "2025/26 Q3");
   ck_assert_int_eq(f.trend[3].stage1_received, 1);
   report_period_figures_clear(&f);
}
END_TEST

/* --- the Ombudsman ----------------------------------------------------------------------- */

START_TEST(test_ombudsman_orders_are_complied_with_overdue_or_outstanding) {
   OmbudsmanFigures f;
   ReportPeriod p = period("2026-03", REPORT_MONTH);
   ok(report_ombudsman(s, &p, &f, &err));
   ck_assert_int_eq((int)f.referral_count, 1);
   ck_assert_str_eq(f.referrals[0].ref, c10);
   ck_assert_str_eq(f.referrals[0].determination, "service-failure");
   ck_assert_int_eq(f.referrals[0].orders, 2);
   ck_assert_int_eq((int)f.determinations.count, 1);
   ck_assert_int_eq((int)f.order_count, 2);
   ck_assert_int_eq(f.by_status[ORDER_COMPLIED], 1);
   ck_assert_int_eq(f.by_status[ORDER_OVERDUE], 1);   /* due 8 April, not done by the 15th */
   ck_assert_int_eq(f.by_status[ORDER_OUTSTANDING] + f.by_status[ORDER_COMPLIED_LATE], 0);
   report_ombudsman_clear(&f);
}
END_TEST

START_TEST(test_learning_recorded_in_the_period_is_listed_with_its_case) {
   LearningRow *rows;
   size_t n;
   ReportPeriod p = period("2025/26", REPORT_YEAR);
   ok(report_learning(s, &p, &rows, &n, &err));
   ck_assert_int_eq((int)n, 1);
   ck_assert_str_eq(rows[0].ref, c3);
   ck_assert_str_eq(rows[0].improvement, "Post is scanned on the day it arrives");
   report_learning_free(rows, n);
}
END_TEST

/* --- the weekly actions (seed 001) ------------------------------------------------------ */

/* As at 15 April: hal's boiler action (due 27 March) and mo's payment order (due 8 April)
 * are outstanding; mo's apology was done on 28 March, in week 13. C4 has had no update
 * since 6 March and C1 since 23 March: more than ten working days. */
START_TEST(test_seed_001_weekly_list_shows_outstanding_by_owner_done_that_week_and_residents_left_waiting) {
   RdDate monday;
   ok(report_week_parse("2026-W13", D("2026-04-15"), &monday, &err));
   ck_assert_str_eq(fmt_date(monday), "2026-03-23");
   WeeklyActions w;
   ok(report_weekly_actions(s, monday, NULL, NULL, &w, &err));
   ck_assert_int_eq((int)w.outstanding_count, 2);
   ck_assert_str_eq(w.outstanding[0].owner_login, "hal");
   ck_assert_str_eq(w.outstanding[0].ref, c1);
   ck_assert_int_eq(w.outstanding[0].days_overdue, 19);
   ck_assert_str_eq(w.outstanding[1].owner_login, "mo");
   ck_assert_int_eq(w.outstanding[1].days_overdue, 7);
   ck_assert_int_eq((int)w.completed_count, 1);
   ck_assert_str_eq(fmt_date(w.completed[0].done_on), "2026-03-28");
   ck_assert_int_eq((int)w.quiet_count, 2);
   ck_assert_str_eq(w.quiet[0].ref, c4);
   ck_assert_int_eq(w.quiet[0].working_days, 26);
   ck_assert_str_eq(w.quiet[1].ref, c1);
   ck_assert_int_eq(w.quiet[1].working_days, 15);
   ck_assert_int_eq(w.quiet[1].allowed, 10);
   report_weekly_actions_clear(&w);
   ok(report_weekly_actions(s, monday, "hal", NULL, &w, &err));
   ck_assert_int_eq((int)w.outstanding_count, 1);
   ck_assert_int_eq((int)w.completed_count, 0);
   ck_assert_int_eq((int)w.quiet_count, 0);
   report_weekly_actions_clear(&w);
   ok(report_weekly_actions(s, monday, NULL, "Housing", &w, &err));
   ck_assert_int_eq((int)w.outstanding_count, 1);
   ck_assert_str_eq(w.outstanding[0].owner_login, "mo");
   report_weekly_actions_clear(&w);
   ck_assert_int_eq(report_week_parse("2026-W54", D("2026-04-15"), &monday, &err), RD_EINPUT);
   ok(report_week_parse(NULL, D("2026-04-15"), &monday, &err));
   ck_assert_str_eq(fmt_date(monday), "2026-04-13");
}
END_TEST

/* --- documents ----------------------------------------------------------------------- */

static char *render(ReportName name, const char *when, ReportUnit unit, ReportFormat format) {
   ReportPeriod p = period(when, unit);
   ReportDoc *doc;
   ok(report_build(s, name, &p, &doc, &err));
   char *text = NULL;
   size_t len = 0;
   FILE *out = open_memstream(&text, &len);
   ok(report_write(doc, format, 0, out, "memory", &err));
   fclose(out);
   report_doc_free(doc);
   return text;
}

START_TEST(test_every_text_report_fits_80_columns_for_printing_on_a4) {
   const ReportName names[] = { REPORT_TSM, REPORT_MONTHLY, REPORT_QUARTERLY, REPORT_ANNUAL, REPORT_OMBUDSMAN };
   for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
      char *text = render(names[i], "last", report_name_unit(names[i]), REPORT_TEXT);
      size_t col = 0;
      for (const char *p = text; *p; p++) {
         if (*p == '\n') {
            ck_assert_msg(col <= 80, "%s has a line of %zu columns", report_name_text(names[i]), col);
            col = 0;
         } else if (((unsigned char)*p & 0xC0) != 0x80) {
            col++;
         }
      }
      free(text);
   }
}
END_TEST

typedef struct Told {
   size_t calls, last_done, last_total;
   bool in_order;
} Told;

static void tell(void *data, size_t done, size_t total) {
   Told *t = data;
   t->in_order = t->in_order && done == t->last_done + 1 && (t->calls == 0 || total == t->last_total);
   t->calls++;
   t->last_done = done;
   t->last_total = total;
}

/* A long report shows its bar on a terminal: each figure counted is a step, and the last
 * step is the whole. */
START_TEST(test_a_report_tells_its_progress_figure_by_figure_to_the_end) {
   const ReportName names[] = { REPORT_TSM, REPORT_MONTHLY, REPORT_QUARTERLY, REPORT_ANNUAL, REPORT_OMBUDSMAN };
   for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
      ReportPeriod p = period("2025/26", REPORT_YEAR);
      ReportDoc *doc;
      Told told = { 0, 0, 0, true };
      ok(report_build_watched(s, names[i], &p, tell, &told, &doc, &err));
      ck_assert_msg(told.in_order && told.calls > 1, "%s: steps one at a time", report_name_text(names[i]));
      ck_assert_msg(told.last_done == told.last_total, "%s: ends at %zu of %zu", report_name_text(names[i]),
                    told.last_done, told.last_total);
      report_doc_free(doc);
   }
}
END_TEST

/* Two long word columns side by side: each gives way in turn, so both wrap within the page
 * (the first used to be cut to less than nothing, and the text writer never ended). */
START_TEST(test_a_text_table_with_two_long_columns_wraps_both_within_80_columns) {
   int64_t id;
   act_as("hal");
   ok(learning_add(s, c3, "Residents who reported damp were not told when the surveyor would come, and rang "
                   "again and again to find out, which took up the time of the whole repairs team",
                   "Every damp report now gets a letter within two working days giving the surveyor's visit "
                   "date and a named officer to call", at("2026-03-21T10:00"), &id, &err));
   act_as("mo");   /* a manager, who may see reports */
   char *text = render(REPORT_ANNUAL, "2025/26", REPORT_YEAR, REPORT_TEXT);
   size_t col = 0;
   for (const char *p = text; *p; p++) {
      if (*p == '\n') {
         ck_assert_msg(col <= 80, "a line of %zu columns", col);
         col = 0;
      } else if (((unsigned char)*p & 0xC0) != 0x80) {
         col++;
      }
   }
   const char *table = strstr(text, "Learning and service improvements");
   ck_assert_msg(table && strstr(table, "team") && strstr(table, "to call"), "both cells are there whole: %.2000s",
                 table ? table : text);
   free(text);
}
END_TEST

START_TEST(test_tsm_text_states_the_definitions_and_how_extensions_were_counted) {
   char *text = render(REPORT_TSM, "2026-03", REPORT_MONTH, REPORT_TEXT);
   ck_assert_msg(strstr(text, "CH01") && strstr(text, "CH02"), "%s", text);
   ck_assert_msg(strstr(text, "after an extension the resident was told of"), "%s", text);
   ck_assert_msg(strstr(text, "By extension"), "%s", text);
   ck_assert_msg(strstr(text, c3) && strstr(text, c4), "the missed responses are listed: %s", text);
   ck_assert_msg(strstr(text, "0.75") && strstr(text, "2.00") && strstr(text, "0.89"), "%s", text);
   free(text);
}
END_TEST

START_TEST(test_csv_report_has_one_header_and_reads_back_with_every_row_the_same_width) {
   char *text = render(REPORT_MONTHLY, "2026-03", REPORT_MONTH, REPORT_CSV);
   CsvTable *t;
   ck_assert_msg(csv_read_buffer(text, strlen(text), "report.csv", &t, &err) == RD_OK, "%s", err.message);
   ck_assert_int_eq((int)t->column_count, 7);
   ck_assert_str_eq(t->columns[6], "value");
   bool found = false;
   int section = csv_column(t, "section"), row = csv_column(t, "row"), column = csv_column(t, "column");
   for (size_t r = 0; r < t->row_count; r++)
      if (strcmp(csv_field(t, r, section), "Putting things right") == 0 &&
          strcmp(csv_field(t, r, row), "All remedies") == 0 && strcmp(csv_field(t, r, column), "Amount") == 0)
         found = strcmp(csv_field(t, r, 6), "\302\243170.50") == 0;
   ck_assert_msg(found, "the compensation offered is in the CSV");
   csv_free(t);
   free(text);
}
END_TEST

START_TEST(test_published_annual_html_is_self_contained_and_gives_no_case_references) {
   char *html = render(REPORT_ANNUAL, "2025/26", REPORT_YEAR, REPORT_HTML);
   ck_assert(strncmp(html, "<!DOCTYPE html>", 15) == 0);
   ck_assert(!strstr(html, "<script"));
   ck_assert(!strstr(html, "src="));
   ck_assert(!strstr(html, "href="));
   ck_assert(!strstr(html, "http"));
   ck_assert_msg(strstr(html, "Learning and service improvements"), "annual has the learning");
   ck_assert_msg(strstr(html, "Housing Ombudsman orders and compliance"), "annual has the orders");
   ck_assert_msg(strstr(html, "class=\"bar\" style=\"width:100%\""), "annual has CSS bar charts");
   ck_assert_msg(strstr(html, "HOS-2026-1") && !strstr(html, c10) && !strstr(html, c3) && !strstr(html, c4),
                 "the published report gives no case references, only the Ombudsman's");
   ck_assert_msg(strstr(html, "2 responses missed their timescale"), "the misses are counted");
   free(html);
}
END_TEST

/* --- who may see them, and writing them to a file ------------------------------------------ */

static int64_t refusals(void) {
   sqlite3_stmt *q;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), "SELECT count(*) FROM refusal", -1, &q, NULL), SQLITE_OK);
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   int64_t n = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   return n;
}

START_TEST(test_reports_are_for_managers_and_admins_and_refused_to_front_desk_and_handlers_naming_the_roles) {
   static const StaffSpec admin = { "ada", "Ada Admin", "IT", "", "admin", 4 };
   add_staff(&admin);
   ReportPeriod p = period("2025/26", REPORT_YEAR);
   ReportDoc *doc = NULL;
   WeeklyActions w;
   const char *refused[] = { "desk", "hal" };
   for (size_t i = 0; i < 2; i++) {
      act_as(refused[i]);
      int64_t before = refusals();
      ck_assert_int_eq(report_build(s, REPORT_TSM, &p, &doc, &err), RD_EDENIED);
      ck_assert_msg(strstr(err.message, "see reports") && strstr(err.message, "manager,admin"), "%s", err.message);
      ck_assert_ptr_null(doc);
      ck_assert_int_eq(report_weekly_actions(s, D("2026-04-13"), NULL, NULL, &w, &err), RD_EDENIED);
      ck_assert_int_eq(report_require(s, &err), RD_EDENIED);
      ck_assert_int_eq(refusals(), before + 3);
   }
   const char *allowed[] = { "max", "ada" };
   for (size_t i = 0; i < 2; i++) {
      act_as(allowed[i]);
      ok(report_require(s, &err));
      ok(report_build(s, REPORT_TSM, &p, &doc, &err));
      report_doc_free(doc);
      doc = NULL;
      ok(report_weekly_actions(s, D("2026-04-13"), NULL, NULL, &w, &err));
      report_weekly_actions_clear(&w);
   }
}
END_TEST

static size_t files_in(const char *path) {
   DIR *d = opendir(path);
   ck_assert_ptr_nonnull(d);
   size_t n = 0;
   for (struct dirent *e; (e = readdir(d));)
      n += e->d_name[0] != '.';
   closedir(d);
   return n;
}

START_TEST(test_a_report_written_to_a_file_replaces_it_whole_for_the_staff_group_and_a_failure_names_the_file) {
   act_as("max");
   char *out_dir = xasprintf("%s/out", dir);
   ck_assert_int_eq(mkdir(out_dir, 0700), 0);
   char *path = test_write_file(out_dir, "tsm.csv", "what was there before\n");
   ReportPeriod p = period("2025/26", REPORT_YEAR);
   ReportDoc *doc;
   ok(report_build(s, REPORT_TSM, &p, &doc, &err));
   mode_t was = umask(077);
   ok(report_write_file(doc, REPORT_CSV, 0, path, &err));
   umask(was);
   struct stat sb;
   ck_assert_int_eq(stat(path, &sb), 0);
   ck_assert_int_eq(sb.st_mode & 0777, 0660);
   char *text = NULL;
   size_t len;
   ok(text_read_file(path, &text, &len, &err));
   ck_assert_msg(strncmp(text, "report,period,section,table,row,column,value", 44) == 0, "%s", text);
   ck_assert_msg(strstr(text, "CH01") && !strstr(text, "what was there before"), "replaced whole: %s", text);
   free(text);
   ck_assert_int_eq((int)files_in(out_dir), 1);   /* no temporary file is left beside it */
   char *missing = xasprintf("%s/no/such/folder/tsm.txt", dir);
   ck_assert_int_eq(report_write_file(doc, REPORT_TEXT, 0, missing, &err), RD_EIO);
   ck_assert_msg(strstr(err.message, missing), "the failure names the file: %s", err.message);
   report_doc_free(doc);
   WeeklyActions w;
   ok(report_weekly_actions(s, D("2026-04-13"), NULL, NULL, &w, &err));
   ck_assert_int_eq(report_weekly_write_file(&w, REPORT_HTML, 0, path, &err), RD_EINPUT);
   ok(report_weekly_write_file(&w, REPORT_TEXT, 0, path, &err));
   ok(text_read_file(path, &text, &len, &err));
   ck_assert_msg(strncmp(text, "Outstanding actions: week 2026-W16", 34) == 0, "%s", text);
   free(text);
   report_weekly_actions_clear(&w);
   free(missing);
   free(path);
   free(out_dir);
}
END_TEST

static Suite *report_suite(void) {
   Suite *su = suite_create("report");
   TCase *tc = tcase_create("report");
   tcase_set_timeout(tc, 60);
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_periods_are_months_reporting_years_from_april_quarters_and_date_ranges);
   tcase_add_test(tc, test_a_period_that_is_not_one_is_refused_saying_how_to_write_one);
   tcase_add_test(tc, test_ch01_counts_complaints_received_per_1000_homes_lcra_lcho_and_combined);
   tcase_add_test(tc, test_ch01_leaves_out_service_requests_refusals_quick_untriaged_and_declined_escalations);
   tcase_add_test(tc, test_ch01_for_the_reporting_year_counts_every_stage_received_from_april_to_march);
   tcase_add_test(tc, test_ch01_missing_homes_figure_is_reported_as_missing_not_guessed);
   tcase_add_test(tc, test_ch01_with_one_stock_type_configured_counts_every_complaint_against_it);
   tcase_add_test(tc, test_ch01_period_spanning_two_reporting_years_gives_counts_but_no_rate);
   tcase_add_test(tc, test_ch02_counts_responses_within_the_date_and_within_an_extension_apart);
   tcase_add_test(tc, test_ch02_extension_past_the_policy_limit_does_not_move_the_date_beyond_the_limit);
   tcase_add_test(tc, test_ch02_lists_every_missed_response_with_the_dates_to_check_it_by_hand);
   tcase_add_test(tc, test_monthly_counts_complaints_received_by_kind_channel_and_category);
   tcase_add_test(tc, test_monthly_counts_acknowledgements_extensions_decisions_and_escalations);
   tcase_add_test(tc, test_monthly_sums_remedies_offered_and_compensation_paid_in_pence);
   tcase_add_test(tc, test_monthly_counts_compliments_by_uk_date_and_survey_answers);
   tcase_add_test(tc, test_monthly_counts_open_cases_by_age_band_as_at_the_period_end);
   tcase_add_test(tc, test_monthly_trend_covers_the_six_months_to_the_period);
   tcase_add_test(tc, test_quarterly_covers_january_to_march_for_q4);
   tcase_add_test(tc, test_ombudsman_orders_are_complied_with_overdue_or_outstanding);
   tcase_add_test(tc, test_learning_recorded_in_the_period_is_listed_with_its_case);
   tcase_add_test(tc, test_a_text_table_with_two_long_columns_wraps_both_within_80_columns);
   tcase_add_test(tc, test_a_report_tells_its_progress_figure_by_figure_to_the_end);
   tcase_add_test(tc, test_seed_001_weekly_list_shows_outstanding_by_owner_done_that_week_and_residents_left_waiting);
   tcase_add_test(tc, test_every_text_report_fits_80_columns_for_printing_on_a4);
   tcase_add_test(tc, test_tsm_text_states_the_definitions_and_how_extensions_were_counted);
   tcase_add_test(tc, test_csv_report_has_one_header_and_reads_back_with_every_row_the_same_width);
   tcase_add_test(tc, test_published_annual_html_is_self_contained_and_gives_no_case_references);
   tcase_add_test(tc, test_reports_are_for_managers_and_admins_and_refused_to_front_desk_and_handlers_naming_the_roles);
   tcase_add_test(tc, test_a_report_written_to_a_file_replaces_it_whole_for_the_staff_group_and_a_failure_names_the_file);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(report_suite());
}
