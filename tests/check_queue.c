/* The queue's rows: what is due next at each case's current stage, most urgent first, the
 * filters, the search as you type, the closed cases, and the count line. The fixture
 * writes rows with SQL as the lifecycle would leave them. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "redress/complaint.h"
#include "redress/queue.h"
#include "redress/store.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;
static Store *st;
static Calendar *cal;
static Queue *q;
static int64_t me, colleague, other_team;

/* Runs SQL made with sqlite3_mprintf's %Q quoting. */
static void sql(const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   char *text = sqlite3_vmprintf(fmt, ap);
   va_end(ap);
   char *msg = NULL;
   int rc = sqlite3_exec(store_db(st), text, NULL, NULL, &msg);
   ck_assert_msg(rc == SQLITE_OK, "%s: %s", text, msg ? msg : "");
   sqlite3_free(text);
}

static int64_t last_id(void) {
   return sqlite3_last_insert_rowid(store_db(st));
}

static int64_t add_staff(const char *login, const char *team, const char *manages) {
   sql("INSERT INTO staff (login, full_name, team, manages_team, is_handler, created_at) "
       "VALUES (%Q, %Q, %Q, %Q, 1, '2025-01-01T09:00:00Z')", login, login, team, manages);
   return last_id();
}

static int64_t add_person(const char *name, const char *tenancy) {
   sql("INSERT INTO person (name, tenancy_ref, created_at) VALUES (%Q, %Q, '2025-01-01T09:00:00Z')",
       name, tenancy);
   return last_id();
}

/* A case as logged; its stage rows are added separately. */
static int64_t add_case(const char *ref, const char *kind, int stage, int64_t person, const char *summary) {
   char person_text[24];
   snprintf(person_text, sizeof person_text, "%lld", (long long)person);
   sql("INSERT INTO complaint (ref, kind, stage, person_id, channel, received_at, summary, policy, "
       "created_at, updated_at, category) VALUES (%Q, %Q, %d, %s, 'phone', '2025-12-01T10:00:00Z', %Q, "
       "'ombudsman-2024', '2025-12-01T10:00:00Z', '2025-12-01T10:00:00Z', 'repairs')",
       ref, kind, stage, person ? person_text : "NULL", summary);
   return last_id();
}

/* A stage row; NULL leaves a column empty. */
static void add_stage(int64_t id, int number, int64_t handler, const char *acked, const char *ack_due,
                      const char *response_due, const char *extended_to, const char *responded) {
   char handler_text[24];
   snprintf(handler_text, sizeof handler_text, "%lld", (long long)handler);
   sql("INSERT INTO stage (complaint_id, number, start_on, requested_at, handler_id, acknowledged_at, "
       "ack_due, response_due, extended_to, responded_at, policy) VALUES (%lld, %d, '2025-12-01', "
       "'2025-12-01T10:00:00Z', %s, %Q, %Q, %Q, %Q, %Q, 'ombudsman-2024')",
       (long long)id, number, handler ? handler_text : "NULL", acked, ack_due, response_due, extended_to,
       responded);
}

static int threshold_of(void *ctx, const char *policy) {
   (void)ctx;
   return strcmp(policy, "slow-warning") == 0 ? 5 : 2;
}

static void setup(void) {
   dir = test_tmpdir();
   char *path = xasprintf("%s/q.db", dir);
   RdError err;
   ck_assert_msg(store_open(path, STORE_CREATE_NEW, &st, &err) == RD_OK, "%s", err.message);
   free(path);
   cal = test_calendar();
   q = queue_new(st, cal, DIVISION_ENGLAND_WALES, threshold_of, NULL);
   me = add_staff("asha", "repairs", "");
   colleague = add_staff("ben", "repairs", "");
   other_team = add_staff("cara", "estates", "");
}

static void teardown(void) {
   queue_free(q);
   store_close(st);
   calendar_free(cal);
   test_rmtree(dir);
   free(dir);
}

static void load(QueueFilter f, const char *today) {
   QueueViewer viewer = { me, "repairs", "", false };
   RdError err;
   ck_assert_msg(queue_load(q, f, &viewer, D(today), &err) == RD_OK, "%s", err.message);
}

static const char *refs(void) {
   static char buf[1024];
   buf[0] = '\0';
   for (size_t i = 0; i < queue_count(q); i++) {
      size_t used = strlen(buf);
      snprintf(buf + used, sizeof buf - used, "%s%s", used ? " " : "", queue_row(q, i)->ref);
   }
   return buf;
}

static const QueueRow *row_of(const char *ref) {
   for (size_t i = 0; i < queue_count(q); i++)
      if (strcmp(queue_row(q, i)->ref, ref) == 0)
         return queue_row(q, i);
   ck_abort_msg("%s is not in the queue: %s", ref, refs());
   return NULL;
}

START_TEST(test_open_cases_are_sorted_most_urgent_first_overdue_then_by_due_date) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00001", "complaint", 1, p, "leak"), 1, me, NULL, "2025-12-19", NULL, NULL, NULL);
   add_stage(add_case("C25-00002", "complaint", 1, p, "mould"), 1, me, NULL, "2025-12-10", NULL, NULL, NULL);
   add_stage(add_case("C25-00003", "complaint", 1, p, "door"), 1, me, "2025-12-02T10:00:00Z", "2025-12-08",
             "2025-12-16", NULL, NULL);
   add_stage(add_case("C25-00004", "complaint", 1, p, "fence"), 1, me, "2025-12-02T10:00:00Z", "2025-12-08",
             "2026-01-09", NULL, NULL);
   add_case("C25-00005", "service-request", 1, p, "boiler");
   add_stage(add_case("C25-00006", "complaint", 1, p, "bins"), 1, me, NULL, "2025-12-12", NULL, NULL, NULL);
   load(QUEUE_ALL, "2025-12-12");
   /* On Friday 12th: the 10th is overdue, the 12th due today, the 16th due soon (Mon 15 and
    * Tue 16 left), then the 19th, January, and the service request with no clock last. */
   ck_assert_str_eq(refs(), "C25-00002 C25-00006 C25-00003 C25-00001 C25-00004 C25-00005");
   ck_assert_int_eq(row_of("C25-00002")->cls, TIMER_OVERDUE);
   ck_assert_int_eq(row_of("C25-00006")->cls, TIMER_DUE_TODAY);
   ck_assert_int_eq(row_of("C25-00003")->cls, TIMER_DUE_SOON);
   ck_assert_int_eq(row_of("C25-00001")->cls, TIMER_ON_TRACK);
}
END_TEST

START_TEST(test_what_is_due_next_follows_the_dates_of_the_current_stage) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00010", "untriaged", 1, p, "a"), 1, 0, NULL, "2025-12-08", NULL, NULL, NULL);
   add_stage(add_case("C25-00011", "complaint", 1, p, "b"), 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   add_stage(add_case("C25-00012", "complaint", 1, p, "c"), 1, me, "2025-12-02T10:00:00Z", "2025-12-08",
             "2025-12-16", NULL, NULL);
   add_stage(add_case("C25-00013", "complaint", 1, p, "d"), 1, me, "2025-12-02T10:00:00Z", "2025-12-08",
             "2025-12-16", "2026-01-06", NULL);
   add_stage(add_case("C25-00014", "complaint", 1, p, "e"), 1, me, "2025-12-02T10:00:00Z", "2025-12-08",
             "2025-12-16", NULL, "2025-12-10T10:00:00Z");
   int64_t s2 = add_case("C25-00015", "complaint", 2, p, "f");
   add_stage(s2, 1, me, "2025-11-02T10:00:00Z", "2025-11-08", "2025-11-16", NULL, "2025-11-10T10:00:00Z");
   add_stage(s2, 2, other_team, NULL, "2025-12-15", NULL, NULL, NULL);
   int64_t s2b = add_case("C25-00016", "complaint", 2, p, "g");
   add_stage(s2b, 1, me, "2025-11-02T10:00:00Z", "2025-11-08", "2025-11-16", NULL, "2025-11-10T10:00:00Z");
   add_stage(s2b, 2, other_team, "2025-12-02T10:00:00Z", "2025-12-08", "2026-01-05", NULL, NULL);
   load(QUEUE_ALL, "2025-12-04");
   ck_assert_str_eq(queue_next_label(row_of("C25-00010")->next, 1), "TRIAGE");
   ck_assert_str_eq(fmt_date(row_of("C25-00010")->due), "2025-12-08");
   ck_assert_str_eq(queue_next_label(row_of("C25-00011")->next, 1), "ACK1");
   ck_assert_str_eq(queue_next_label(row_of("C25-00012")->next, 1), "RESP1");
   ck_assert_str_eq(fmt_date(row_of("C25-00012")->due), "2025-12-16");
   ck_assert_str_eq(fmt_date(row_of("C25-00013")->due), "2026-01-06");
   ck_assert_str_eq(row_of("C25-00013")->status, "extended");
   ck_assert_int_eq(row_of("C25-00014")->next, QUEUE_NEXT_NONE);
   ck_assert_int_eq(row_of("C25-00014")->due, RD_NO_DATE);
   ck_assert_str_eq(row_of("C25-00014")->status, "responded");
   ck_assert_str_eq(queue_next_label(row_of("C25-00015")->next, 2), "ACK2");
   ck_assert_str_eq(row_of("C25-00015")->status, "escalated");
   ck_assert_str_eq(row_of("C25-00015")->handler_login, "cara");
   ck_assert_str_eq(queue_next_label(row_of("C25-00016")->next, 2), "RESP2");
   ck_assert_str_eq(fmt_date(row_of("C25-00016")->due), "2026-01-05");
}
END_TEST

START_TEST(test_a_declined_stage_has_nothing_due) {
   int64_t p = add_person("Ann Lee", "T-100");
   int64_t id = add_case("C25-00020", "complaint", 2, p, "declined escalation");
   add_stage(id, 1, me, "2025-11-02T10:00:00Z", "2025-11-08", "2025-11-16", NULL, "2025-11-10T10:00:00Z");
   add_stage(id, 2, 0, NULL, "2025-12-08", NULL, NULL, NULL);
   sql("UPDATE stage SET declined_at = '2025-12-03T10:00:00Z', decline_reason = 'out of time' "
       "WHERE complaint_id = %lld AND number = 2", (long long)id);
   load(QUEUE_ALL, "2025-12-12");
   ck_assert_int_eq(row_of("C25-00020")->next, QUEUE_NEXT_NONE);
   ck_assert_int_eq(row_of("C25-00020")->cls, TIMER_ON_TRACK);
   ck_assert_str_eq(row_of("C25-00020")->status, "not escalated");
}
END_TEST

START_TEST(test_a_response_awaiting_an_agreed_date_has_no_due_date_and_says_so) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00030", "complaint", 1, p, "agreed"), 1, me, "2025-12-02T10:00:00Z", "2025-12-03",
             NULL, NULL, NULL);
   load(QUEUE_ALL, "2025-12-12");
   const QueueRow *r = row_of("C25-00030");
   ck_assert_str_eq(queue_next_label(r->next, r->stage), "RESP1");
   ck_assert(r->awaiting_agreed_date);
   ck_assert_int_eq(r->due, RD_NO_DATE);
   ck_assert_int_eq(r->days_left, QUEUE_NO_DAYS);
   ck_assert_str_eq(r->status, "date to agree");
}
END_TEST

START_TEST(test_service_requests_have_no_clock_and_a_filter_of_their_own) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00040", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   add_case("C25-00041", "service-request", 1, p, "boiler");
   load(QUEUE_SERVICE, "2025-12-12");
   ck_assert_str_eq(refs(), "C25-00041");
   ck_assert_int_eq(row_of("C25-00041")->next, QUEUE_NEXT_NONE);
   ck_assert_str_eq(row_of("C25-00041")->status, "service request");
   RdError err;
   ck_assert_int_eq(queue_set_filter(q, QUEUE_STAGE1, &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00040");
}
END_TEST

START_TEST(test_anonymous_complaints_show_no_name_and_cannot_be_found_by_it) {
   int64_t p = add_person("Ann Lee", "T-100");
   int64_t id = add_case("C25-00050", "complaint", 1, p, "noise from the plant room");
   add_stage(id, 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   sql("UPDATE complaint SET anonymous = 1 WHERE id = %lld", (long long)id);
   add_stage(add_case("C25-00051", "complaint", 1, 0, "no person at all"), 1, me, NULL, "2025-12-08", NULL,
             NULL, NULL);
   load(QUEUE_ALL, "2025-12-04");
   ck_assert_str_eq(row_of("C25-00050")->complainant, "(anonymous)");
   ck_assert_str_eq(row_of("C25-00050")->tenancy_ref, "");
   ck_assert_str_eq(row_of("C25-00051")->complainant, "(anonymous)");
   RdError err;
   ck_assert_int_eq(queue_search(q, "Lee", &err), RD_OK);
   ck_assert_str_eq(refs(), "");
   ck_assert_int_eq(queue_search(q, "T-100", &err), RD_OK);
   ck_assert_str_eq(refs(), "");
}
END_TEST

START_TEST(test_mine_shows_the_cases_whose_current_stage_handler_is_me) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00060", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   add_stage(add_case("C25-00061", "complaint", 1, p, "b"), 1, colleague, NULL, "2025-12-08", NULL, NULL, NULL);
   int64_t s2 = add_case("C25-00062", "complaint", 2, p, "c");
   add_stage(s2, 1, me, "2025-11-02T10:00:00Z", "2025-11-08", "2025-11-16", NULL, "2025-11-10T10:00:00Z");
   add_stage(s2, 2, other_team, NULL, "2025-12-15", NULL, NULL, NULL);
   load(QUEUE_MINE, "2025-12-04");
   ck_assert_str_eq(refs(), "C25-00060");
}
END_TEST

START_TEST(test_my_team_includes_my_colleagues_and_the_team_i_manage) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00070", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   add_stage(add_case("C25-00071", "complaint", 1, p, "b"), 1, colleague, NULL, "2025-12-09", NULL, NULL, NULL);
   add_stage(add_case("C25-00072", "complaint", 1, p, "c"), 1, other_team, NULL, "2025-12-10", NULL, NULL, NULL);
   add_stage(add_case("C25-00073", "complaint", 1, p, "d"), 1, 0, NULL, "2025-12-11", NULL, NULL, NULL);
   load(QUEUE_TEAM, "2025-12-04");
   ck_assert_str_eq(refs(), "C25-00070 C25-00071");
   QueueViewer manager = { me, "repairs", "estates", true };
   RdError err;
   ck_assert_int_eq(queue_load(q, QUEUE_TEAM, &manager, D("2025-12-04"), &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00070 C25-00071 C25-00072");
}
END_TEST

START_TEST(test_stage_filters_show_only_cases_at_that_stage) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00080", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   int64_t s2 = add_case("C25-00081", "complaint", 2, p, "b");
   add_stage(s2, 1, me, "2025-11-02T10:00:00Z", "2025-11-08", "2025-11-16", NULL, "2025-11-10T10:00:00Z");
   add_stage(s2, 2, other_team, NULL, "2025-12-15", NULL, NULL, NULL);
   load(QUEUE_STAGE1, "2025-12-04");
   ck_assert_str_eq(refs(), "C25-00080");
   load(QUEUE_STAGE2, "2025-12-04");
   ck_assert_str_eq(refs(), "C25-00081");
}
END_TEST

START_TEST(test_overdue_and_due_soon_filters_follow_the_date_without_reading_again) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00090", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   add_stage(add_case("C25-00091", "complaint", 1, p, "b"), 1, me, NULL, "2025-12-12", NULL, NULL, NULL);
   load(QUEUE_OVERDUE, "2025-12-08");
   ck_assert_str_eq(refs(), "");
   queue_set_today(q, D("2025-12-09"));
   ck_assert_str_eq(refs(), "C25-00090");
   RdError err;
   ck_assert_int_eq(queue_set_filter(q, QUEUE_DUE_SOON, &err), RD_OK);
   ck_assert_str_eq(refs(), "");
   queue_set_today(q, D("2025-12-10"));   /* Thu 11 and Fri 12 left */
   ck_assert_str_eq(refs(), "C25-00091");
   queue_set_today(q, D("2025-12-12"));   /* due today counts as due soon here */
   ck_assert_str_eq(refs(), "C25-00091");
}
END_TEST

START_TEST(test_due_soon_uses_the_threshold_of_each_cases_own_policy) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00100", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-19", NULL, NULL, NULL);
   int64_t slow = add_case("C25-00101", "complaint", 1, p, "b");
   add_stage(slow, 1, me, NULL, "2025-12-19", NULL, NULL, NULL);
   sql("UPDATE complaint SET policy = 'slow-warning' WHERE id = %lld", (long long)slow);
   load(QUEUE_ALL, "2025-12-12");   /* five working days left */
   ck_assert_int_eq(row_of("C25-00100")->cls, TIMER_ON_TRACK);
   ck_assert_int_eq(row_of("C25-00101")->cls, TIMER_DUE_SOON);
   ck_assert_int_eq(row_of("C25-00101")->due_soon_days, 5);
}
END_TEST

START_TEST(test_working_days_left_skip_weekends_and_holidays_and_go_negative_when_overdue) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00110", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-30", NULL, NULL, NULL);
   add_stage(add_case("C25-00111", "complaint", 1, p, "b"), 1, me, NULL, "2025-12-17", NULL, NULL, NULL);
   load(QUEUE_ALL, "2025-12-19");
   ck_assert_int_eq(row_of("C25-00110")->days_left, 5);   /* 22, 23, 24, 29, 30 */
   ck_assert_int_eq(row_of("C25-00111")->days_left, -2);
   queue_set_today(q, D("2025-12-30"));
   ck_assert_int_eq(row_of("C25-00110")->days_left, 0);
}
END_TEST

START_TEST(test_search_matches_every_word_in_ref_name_tenancy_or_summary_ignoring_case) {
   add_stage(add_case("C25-00120", "complaint", 1, add_person("Ann Lee", "T-100"), "Damp in the bedroom"),
             1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   add_stage(add_case("C25-00121", "complaint", 1, add_person("Bob Stone", "T-200"), "Broken fence"),
             1, me, NULL, "2025-12-09", NULL, NULL, NULL);
   add_stage(add_case("C25-00122", "complaint", 1, add_person("Zoë Lee", "T-300"), "Damp again"),
             1, me, NULL, "2025-12-10", NULL, NULL, NULL);
   load(QUEUE_ALL, "2025-12-04");
   RdError err;
   ck_assert_int_eq(queue_search(q, "lee", &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00120 C25-00122");
   ck_assert_int_eq(queue_search(q, "lee DAMP bed", &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00120");
   ck_assert_int_eq(queue_search(q, "t-2", &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00121");
   ck_assert_int_eq(queue_search(q, "00122", &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00122");
   ck_assert_int_eq(queue_search(q, "Zoë", &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00122");
   ck_assert_int_eq(queue_search(q, "", &err), RD_OK);
   ck_assert_uint_eq(queue_count(q), 3);
   /* A reload keeps the search. */
   ck_assert_int_eq(queue_search(q, "fence", &err), RD_OK);
   load(QUEUE_ALL, "2025-12-04");
   ck_assert_str_eq(queue_search_text(q), "fence");
   ck_assert_str_eq(refs(), "C25-00121");
}
END_TEST

/* Each letter typed narrows what the last one showed, and a letter rubbed out widens it
 * again: the rows are always those the whole text would give at once. */
START_TEST(test_a_search_typed_letter_by_letter_and_rubbed_out_shows_what_the_text_gives) {
   add_stage(add_case("C25-00120", "complaint", 1, add_person("Ann Lee", "T-100"), "Damp in the bedroom"),
             1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   add_stage(add_case("C25-00121", "complaint", 1, add_person("Bob Stone", "T-200"), "Broken fence"),
             1, me, NULL, "2025-12-09", NULL, NULL, NULL);
   add_stage(add_case("C25-00122", "complaint", 1, add_person("Zoë Lee", "T-300"), "Damp again"),
             1, me, NULL, "2025-12-10", NULL, NULL, NULL);
   load(QUEUE_ALL, "2025-12-04");
   RdError err;
   static const struct {
      const char *typed, *shown;
   } steps[] = {
      { "d", "C25-00120 C25-00122" }, { "da", "C25-00120 C25-00122" }, { "damp", "C25-00120 C25-00122" },
      { "damp ", "C25-00120 C25-00122" }, { "damp b", "C25-00120" }, { "damp ", "C25-00120 C25-00122" },
      { "damp ag", "C25-00122" }, { "dam", "C25-00120 C25-00122" }, { "", "C25-00120 C25-00121 C25-00122" },
      { "B", "C25-00120 C25-00121" }, { "BR", "C25-00121" },
   };
   for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
      ck_assert_int_eq(queue_search(q, steps[i].typed, &err), RD_OK);
      ck_assert_msg(strcmp(refs(), steps[i].shown) == 0, "'%s' shows %s", steps[i].typed, refs());
   }
}
END_TEST

/* What the lifecycle's audit_record writes with each change: one event naming the case
 * (0: naming none, as for a person or a member of staff). */
static void add_event(int64_t complaint_id, const char *entity) {
   char id[24] = "NULL";
   if (complaint_id)
      snprintf(id, sizeof id, "%lld", (long long)complaint_id);
   sql("INSERT INTO event (at, actor, complaint_id, entity, entity_id, action) "
       "VALUES ('2025-12-04T10:00:00Z', 'ben', %s, %Q, 1, 'changed')", id, entity);
}

static bool refresh(void) {
   RdError err;
   bool changed = true;
   ck_assert_msg(queue_refresh(q, &changed, &err) == RD_OK, "%s", err.message);
   return changed;
}

/* Another user's commits: the cases their events name are read again (a change, a new case,
 * a case closed), the others are not; an event naming no case reads everything again. */
START_TEST(test_a_refresh_reads_again_the_cases_the_audit_log_names_and_only_those) {
   int64_t a = add_case("C25-00130", "complaint", 1, add_person("Ann Lee", "T-100"), "Leaking roof");
   add_stage(a, 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   int64_t b = add_case("C25-00131", "complaint", 1, add_person("Bob Stone", "T-200"), "Broken fence");
   add_stage(b, 1, me, NULL, "2025-12-09", NULL, NULL, NULL);
   add_event(a, "complaint");
   load(QUEUE_ALL, "2025-12-04");
   ck_assert_msg(!refresh(), "nothing committed, nothing read");

   sql("UPDATE complaint SET summary = 'Leaking roof and gutter' WHERE id = %lld", (long long)a);
   sql("UPDATE complaint SET summary = 'Fence and gate' WHERE id = %lld", (long long)b);
   add_event(a, "complaint");   /* b's change has no event: the log says only a changed */
   int64_t c = add_case("C25-00132", "complaint", 1, add_person("Cy Reid", "T-300"), "Damp");
   add_stage(c, 1, me, NULL, "2025-12-10", NULL, NULL, NULL);
   add_event(c, "complaint");
   ck_assert(refresh());
   ck_assert_str_eq(refs(), "C25-00130 C25-00131 C25-00132");
   ck_assert_str_eq(row_of("C25-00130")->summary, "Leaking roof and gutter");
   ck_assert_str_eq(row_of("C25-00131")->summary, "Broken fence");

   sql("UPDATE complaint SET closed_at = '2025-12-04T11:00:00Z', close_reason = 'withdrawn' WHERE id = %lld",
       (long long)c);
   add_event(c, "complaint");
   ck_assert(refresh());
   ck_assert_str_eq(refs(), "C25-00130 C25-00131");

   add_event(0, "person");
   ck_assert(refresh());
   ck_assert_str_eq(row_of("C25-00131")->summary, "Fence and gate");
}
END_TEST

START_TEST(test_the_closed_filter_lists_the_most_recently_closed_and_searches_the_store) {
   int64_t p = add_person("Ann Lee", "T-100");
   for (int i = 0; i < 3; i++) {
      char ref[16];
      snprintf(ref, sizeof ref, "C25-0013%d", i);
      int64_t id = add_case(ref, "complaint", 1, p, i == 1 ? "100% wrong_bill" : "closed matter");
      add_stage(id, 1, me, "2025-11-02T10:00:00Z", "2025-11-08", "2025-11-16", NULL, "2025-11-10T10:00:00Z");
      sql("UPDATE complaint SET closed_at = '2025-11-2%dT10:00:00Z', close_reason = 'final-response' "
          "WHERE id = %lld", i, (long long)id);
   }
   add_stage(add_case("C25-00139", "complaint", 1, p, "still open"), 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   load(QUEUE_CLOSED, "2025-12-04");
   ck_assert_str_eq(refs(), "C25-00132 C25-00131 C25-00130");
   ck_assert_str_eq(row_of("C25-00130")->status, "closed: final-response");
   ck_assert_int_eq(row_of("C25-00130")->next, QUEUE_NEXT_NONE);
   RdError err;
   ck_assert_int_eq(queue_search(q, "100%", &err), RD_OK);   /* LIKE's wildcards are taken literally */
   ck_assert_str_eq(refs(), "C25-00131");
   ck_assert_int_eq(queue_search(q, "wrong_bill 100", &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00131");
   ck_assert_int_eq(queue_search(q, "wrong_", &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00131");
   ck_assert_int_eq(queue_search(q, "", &err), RD_OK);
   ck_assert_int_eq(queue_set_filter(q, QUEUE_ALL, &err), RD_OK);
   ck_assert_str_eq(refs(), "C25-00139");
   QueueCounts c = queue_counts(q);
   ck_assert_uint_eq(c.open, 1);
}
END_TEST

START_TEST(test_counts_for_the_count_line_cover_the_rows_shown) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00140", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-01", NULL, NULL, NULL);
   add_stage(add_case("C25-00141", "complaint", 1, p, "b"), 1, me, NULL, "2025-12-02", NULL, NULL, NULL);
   add_stage(add_case("C25-00142", "complaint", 1, p, "c"), 1, me, NULL, "2025-12-08", NULL, NULL, NULL);
   add_stage(add_case("C25-00143", "complaint", 1, p, "d"), 1, me, NULL, "2025-12-09", NULL, NULL, NULL);
   add_stage(add_case("C25-00144", "complaint", 1, p, "fence"), 1, me, NULL, "2026-01-30", NULL, NULL, NULL);
   add_case("C25-00145", "service-request", 1, p, "f");
   load(QUEUE_ALL, "2025-12-08");
   QueueCounts c = queue_counts(q);
   ck_assert_uint_eq(c.shown, 6);
   ck_assert_uint_eq(c.open, 6);
   ck_assert_uint_eq(c.overdue, 2);
   ck_assert_uint_eq(c.due_today, 1);
   ck_assert_uint_eq(c.due_soon, 1);
   RdError err;
   ck_assert_int_eq(queue_search(q, "fence", &err), RD_OK);
   c = queue_counts(q);
   ck_assert_uint_eq(c.shown, 1);
   ck_assert_uint_eq(c.overdue, 0);
}
END_TEST

START_TEST(test_a_case_is_found_again_by_id_after_a_reload_moves_it) {
   int64_t p = add_person("Ann Lee", "T-100");
   add_stage(add_case("C25-00150", "complaint", 1, p, "a"), 1, me, NULL, "2025-12-10", NULL, NULL, NULL);
   int64_t moved = add_case("C25-00151", "complaint", 1, p, "b");
   add_stage(moved, 1, me, NULL, "2025-12-11", NULL, NULL, NULL);
   load(QUEUE_ALL, "2025-12-04");
   ck_assert_int_eq(queue_find(q, moved), 1);
   sql("UPDATE stage SET ack_due = '2025-12-05' WHERE complaint_id = %lld", (long long)moved);
   load(QUEUE_ALL, "2025-12-04");
   ck_assert_int_eq(queue_find(q, moved), 0);
   ck_assert_int_eq(queue_find(q, 999), -1);
}
END_TEST

/* The plan SQLite chose, one line per step. */
static char *plan_of(const char *query) {
   char *text = xasprintf("EXPLAIN QUERY PLAN %s", query);
   sqlite3_stmt *stmt;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), text, -1, &stmt, NULL), SQLITE_OK);
   char *plan = xstrdup("");
   while (sqlite3_step(stmt) == SQLITE_ROW) {
      char *more = xasprintf("%s%s\n", plan, (const char *)sqlite3_column_text(stmt, 3));
      free(plan);
      plan = more;
   }
   sqlite3_finalize(stmt);
   free(text);
   return plan;
}

START_TEST(test_the_queue_reads_open_and_closed_cases_through_an_index_not_every_case) {
   /* A realistic spread of statistics, so the planner decides as it would at scale. */
   sql("ANALYZE");
   char *open_plan = plan_of("SELECT c.id FROM complaint c LEFT JOIN stage s ON s.complaint_id = c.id "
                             "AND s.number = c.stage WHERE c.closed_at IS NULL");
   ck_assert_msg(strstr(open_plan, "USING INDEX complaint_open") || strstr(open_plan, "USING COVERING INDEX complaint_open"),
                 "%s", open_plan);
   char *closed_plan = plan_of("SELECT c.id FROM complaint c WHERE c.closed_at IS NOT NULL "
                               "ORDER BY c.closed_at DESC, c.id DESC LIMIT 500");
   ck_assert_msg(strstr(closed_plan, "complaint_open") && !strstr(closed_plan, "TEMP B-TREE FOR ORDER BY"),
                 "%s", closed_plan);
   free(open_plan);
   free(closed_plan);
}
END_TEST

START_TEST(test_next_labels_and_filter_names_are_the_words_on_screen) {
   ck_assert_str_eq(queue_next_label(QUEUE_NEXT_ACK, 1), "ACK1");
   ck_assert_str_eq(queue_next_label(QUEUE_NEXT_RESPOND, 2), "RESP2");
   ck_assert_str_eq(queue_next_label(QUEUE_NEXT_TRIAGE, 1), "TRIAGE");
   ck_assert_str_eq(queue_next_label(QUEUE_NEXT_NONE, 1), "");
   ck_assert_str_eq(queue_filter_name(QUEUE_TEAM), "my team");
   ck_assert_str_eq(queue_filter_name(QUEUE_SERVICE), "service requests");
   RdError err;
   ck_assert_int_eq(queue_set_filter(q, QUEUE_FILTER_COUNT, &err), RD_EUSAGE);
}
END_TEST

/* --- through the lifecycle engine ------------------------------------------------------ */

static Session *sess;

static void setup_session(void) {
   dir = test_tmpdir();
   char *db = xasprintf("%s/redress.db", dir);
   SessionOptions opts = { .db_path = db, .now = "2026-03-02T09:00" };
   setenv("XDG_CONFIG_HOME", dir, 1);
   unsetenv("REDRESS_CONFIG");
   RdError err;
   ck_assert_msg(session_start(&opts, &sess, &err) == RD_OK, "%s", err.message);
   ck_assert_msg(session_open_store(sess, STORE_CREATE_NEW, &err) == RD_OK, "%s", err.message);
   free(db);
   st = sess->store;
   Staff hal;
   staff_init(&hal);
   hal.login = xstrdup("hal");
   hal.full_name = xstrdup("Hal Handler");
   hal.team = xstrdup("repairs");
   hal.roles = ROLE_HANDLER | ROLE_FRONT_DESK;
   hal.complaints_trained_on = D("2025-01-10");
   hal.ombudsman_trained_on = D("2025-02-10");
   ck_assert_msg(staff_add(st, NULL, &hal, &err) == RD_OK, "%s", err.message);
   sess->me = hal;
   sess->logged_in = true;
   q = queue_new(st, sess->calendar, DIVISION_ENGLAND_WALES, threshold_of, NULL);
}

static void teardown_session(void) {
   queue_free(q);
   session_end(sess);
   test_rmtree(dir);
   free(dir);
}

static const char *log_case(const char *received, ComplaintKind kind) {
   static char ref[16];
   sql("INSERT INTO person (name, tenancy_ref, created_at) VALUES ('Jo Tenant', 'T-1001', '2025-01-01T00:00:00Z')");
   NewComplaint in = { .person_id = last_id(), .channel = "phone", .received_at = T(received),
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = "Boiler", .triage = kind };
   Complaint c;
   complaint_init(&c);
   RdError err;
   ck_assert_msg(complaint_new(sess, &in, &c, &err) == RD_OK, "%s", err.message);
   str_copy(ref, c.ref, sizeof ref);
   complaint_clear(&c);
   return ref;
}

START_TEST(test_cases_the_lifecycle_logs_and_progresses_show_what_is_due_next) {
   RdError err;
   char untriaged[16], logged[16], acked[16], escalated[16];
   str_copy(untriaged, log_case("2026-02-23T10:00", KIND_UNTRIAGED), sizeof untriaged);
   str_copy(logged, log_case("2026-02-24T10:00", KIND_COMPLAINT), sizeof logged);
   str_copy(acked, log_case("2026-02-25T10:00", KIND_COMPLAINT), sizeof acked);
   str_copy(escalated, log_case("2026-02-02T10:00", KIND_COMPLAINT), sizeof escalated);
   log_case("2026-02-26T10:00", KIND_SERVICE_REQUEST);
   ck_assert_int_eq(complaint_acknowledge(sess, acked, 0, "Boiler", RD_NO_DATE, T("2026-02-26T10:00"), &err), RD_OK);
   ck_assert_int_eq(complaint_acknowledge(sess, escalated, 0, "Boiler", RD_NO_DATE, T("2026-02-03T10:00"), &err), RD_OK);
   Response r = { DECISION_UPHELD, "It was late", true, true };
   ck_assert_msg(complaint_respond(sess, escalated, 0, &r, T("2026-02-10T10:00"), &err) == RD_OK, "%s", err.message);
   ck_assert_msg(complaint_escalate(sess, escalated, 0, NULL, NULL, T("2026-02-20T10:00"), &err) == RD_OK, "%s",
                 err.message);
   QueueViewer viewer = { sess->me.id, "repairs", "", false };
   ck_assert_int_eq(queue_load(q, QUEUE_ALL, &viewer, D("2026-03-02"), &err), RD_OK);
   ck_assert_str_eq(queue_next_label(row_of(untriaged)->next, 1), "TRIAGE");
   ck_assert_str_eq(fmt_date(row_of(untriaged)->due), "2026-03-02");   /* 5 working days from Mon 23 Feb */
   ck_assert_int_eq(row_of(untriaged)->cls, TIMER_DUE_TODAY);
   ck_assert_str_eq(queue_next_label(row_of(logged)->next, 1), "ACK1");
   ck_assert_str_eq(fmt_date(row_of(logged)->due), "2026-03-03");
   ck_assert_str_eq(queue_next_label(row_of(acked)->next, 1), "RESP1");
   ck_assert_str_eq(row_of(acked)->handler_login, "hal");
   ck_assert_str_eq(queue_next_label(row_of(escalated)->next, 2), "ACK2");
   ck_assert_str_eq(row_of(escalated)->status, "escalated");
   ck_assert_int_eq(queue_count(q), 5);
   ck_assert_int_eq(queue_row(q, 4)->next, QUEUE_NEXT_NONE);   /* the service request, last */
}
END_TEST

/* Confidentiality (seeds 000, 002, 003): a confidential case's resident and words show only
 * to its handlers and to managers and admins; to others, and to their searches, the queue
 * says "(confidential)". */
START_TEST(test_a_confidential_case_shows_its_resident_only_to_those_who_may_view_it) {
   RdError err;
   sql("INSERT INTO person (name, tenancy_ref, created_at) VALUES ('Kim Private', 'T-7007', '2025-01-01T00:00:00Z')");
   NewComplaint in = { .person_id = last_id(), .channel = "phone", .received_at = T("2026-02-24T10:00"),
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = "Harassed by an officer",
                       .confidential = true, .triage = KIND_COMPLAINT };
   Complaint c;
   complaint_init(&c);
   ck_assert_msg(complaint_new(sess, &in, &c, &err) == RD_OK, "%s", err.message);
   QueueViewer stranger = { sess->me.id + 1000, "housing", "", false };
   ck_assert_int_eq(queue_load(q, QUEUE_ALL, &stranger, D("2026-03-02"), &err), RD_OK);
   ck_assert_str_eq(row_of(c.ref)->complainant, "(confidential)");
   ck_assert_str_eq(row_of(c.ref)->summary, "(confidential)");
   ck_assert_str_eq(row_of(c.ref)->tenancy_ref, "");
   ck_assert_int_eq(queue_search(q, "Kim", &err), RD_OK);
   ck_assert_uint_eq(queue_count(q), 0);
   ck_assert_int_eq(queue_search(q, c.ref, &err), RD_OK);
   ck_assert_uint_eq(queue_count(q), 1);
   QueueViewer manager = { sess->me.id + 1000, "housing", "", true };
   ck_assert_int_eq(queue_load(q, QUEUE_ALL, &manager, D("2026-03-02"), &err), RD_OK);
   ck_assert_int_eq(queue_search(q, "Kim", &err), RD_OK);
   ck_assert_str_eq(row_of(c.ref)->complainant, "Kim Private");
   ck_assert_int_eq(complaint_acknowledge(sess, c.ref, 0, "Harassment", RD_NO_DATE, T("2026-02-25T10:00"), &err), RD_OK);
   QueueViewer handler = { sess->me.id, "repairs", "", false };
   ck_assert_int_eq(queue_load(q, QUEUE_ALL, &handler, D("2026-03-02"), &err), RD_OK);
   ck_assert_int_eq(queue_search(q, "", &err), RD_OK);
   ck_assert_str_eq(row_of(c.ref)->summary, "Harassed by an officer");
   complaint_clear(&c);
}
END_TEST

static Suite *queue_suite(void) {
   Suite *s = suite_create("queue");
   TCase *tc = tcase_create("queue");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_set_timeout(tc, 60);
   tcase_add_test(tc, test_open_cases_are_sorted_most_urgent_first_overdue_then_by_due_date);
   tcase_add_test(tc, test_what_is_due_next_follows_the_dates_of_the_current_stage);
   tcase_add_test(tc, test_a_declined_stage_has_nothing_due);
   tcase_add_test(tc, test_a_response_awaiting_an_agreed_date_has_no_due_date_and_says_so);
   tcase_add_test(tc, test_service_requests_have_no_clock_and_a_filter_of_their_own);
   tcase_add_test(tc, test_anonymous_complaints_show_no_name_and_cannot_be_found_by_it);
   tcase_add_test(tc, test_mine_shows_the_cases_whose_current_stage_handler_is_me);
   tcase_add_test(tc, test_my_team_includes_my_colleagues_and_the_team_i_manage);
   tcase_add_test(tc, test_stage_filters_show_only_cases_at_that_stage);
   tcase_add_test(tc, test_overdue_and_due_soon_filters_follow_the_date_without_reading_again);
   tcase_add_test(tc, test_due_soon_uses_the_threshold_of_each_cases_own_policy);
   tcase_add_test(tc, test_working_days_left_skip_weekends_and_holidays_and_go_negative_when_overdue);
   tcase_add_test(tc, test_search_matches_every_word_in_ref_name_tenancy_or_summary_ignoring_case);
   tcase_add_test(tc, test_a_search_typed_letter_by_letter_and_rubbed_out_shows_what_the_text_gives);
   tcase_add_test(tc, test_a_refresh_reads_again_the_cases_the_audit_log_names_and_only_those);
   tcase_add_test(tc, test_the_closed_filter_lists_the_most_recently_closed_and_searches_the_store);
   tcase_add_test(tc, test_counts_for_the_count_line_cover_the_rows_shown);
   tcase_add_test(tc, test_a_case_is_found_again_by_id_after_a_reload_moves_it);
   tcase_add_test(tc, test_the_queue_reads_open_and_closed_cases_through_an_index_not_every_case);
   tcase_add_test(tc, test_next_labels_and_filter_names_are_the_words_on_screen);
   suite_add_tcase(s, tc);
   TCase *life = tcase_create("lifecycle");
   tcase_add_checked_fixture(life, setup_session, teardown_session);
   tcase_add_test(life, test_cases_the_lifecycle_logs_and_progresses_show_what_is_due_next);
   tcase_add_test(life, test_a_confidential_case_shows_its_resident_only_to_those_who_may_view_it);
   suite_add_tcase(s, life);
   return s;
}

int main(void) {
   return test_run(queue_suite());
}
