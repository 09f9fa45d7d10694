/* Letters: every kind renders with the elements the Code asks of it, a missing placeholder
 * is an error, the resident's adjustments are honoured, an anonymous complaint gets none,
 * and writing one leaves a new file in the outbox and one record on the case. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/letter.h"
#include "redress/text.h"
#include "redress/xalloc.h"
#include "testutil.h"

static char *dir;
static Session *s;
static RdError err;
static int64_t tenant_id;
static char responded[16];   /* C1: stage 1 answered with a remedy and an action */

static void ok(RdStatus st) {
   ck_assert_msg(st == RD_OK, "expected success, got %s: %s", error_status_name(st), err.message);
}

static void add_staff(const char *login, const char *name, const char *roles, int grade) {
   Staff st;
   staff_init(&st);
   st.login = xstrdup(login);
   st.full_name = xstrdup(name);
   st.team = xstrdup("Housing");
   st.manages_team = xstrdup("");
   st.grade = grade;
   ok(staff_parse_roles(roles, &st.roles, &err));
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

static RdInstant at(const char *when) {
   ok(clock_start_at(when, &err));
   return T(when);
}

static void sql(const char *text) {
   char *msg = NULL;
   ck_assert_msg(sqlite3_exec(store_db(s->store), text, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
   sqlite3_free(msg);
}

static int64_t count(const char *text) {
   sqlite3_stmt *q;
   ck_assert_int_eq(sqlite3_prepare_v2(store_db(s->store), text, -1, &q, NULL), SQLITE_OK);
   ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
   int64_t v = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   return v;
}

static void log_case(char ref[16], ComplaintKind triage, bool anonymous, const char *when) {
   NewComplaint in = { .person_id = anonymous ? 0 : tenant_id, .channel = "phone", .received_at = at(when),
                       .incident_on = RD_NO_DATE, .category = "repairs", .summary = "The boiler has failed again",
                       .anonymous = anonymous, .triage = triage };
   if (triage == KIND_EXCLUDED) {
      in.exclusion_code = "legal-proceedings";
      in.exclusion_detail = "A claim was filed at the county court on 2 February";
   } else if (triage == KIND_QUICK) {
      in.quick_summary = "Reset the boiler timer and checked the pressure";
   }
   Complaint c;
   complaint_init(&c);
   act_as("desk");
   ok(complaint_new(s, &in, &c, &err));
   str_copy(ref, c.ref, 16);
   complaint_clear(&c);
}

static void acknowledge(const char *ref, const char *who, const char *when) {
   act_as(who);
   ok(complaint_acknowledge(s, ref, 0, "The boiler has failed three times; wants it replaced", RD_NO_DATE,
                            at(when), &err));
}

static void setup(void) {
   dir = test_tmpdir();
   char *db = xasprintf("%s/redress.db", dir);
   char *confdir = xasprintf("%s/redress", dir);
   ck_assert_int_eq(mkdir(confdir, 0700), 0);
   free(test_write_file(confdir, "redress.conf", "landlord = { name = \"Riverside Homes\"; };\n"));
   free(confdir);
   SessionOptions opts = { .db_path = db, .now = "2026-02-02T09:00" };
   setenv("XDG_CONFIG_HOME", dir, 1);
   unsetenv("REDRESS_CONFIG");
   ok(session_start(&opts, &s, &err));
   ok(session_open_store(s, STORE_CREATE_NEW, &err));
   add_staff("desk", "Dee Desk", "front-desk", 2);
   add_staff("hal", "Hal Handler", "handler", 3);
   add_staff("mo", "Mo Manager", "handler,manager", 5);
   sql("INSERT INTO person (name, address, created_at) VALUES ('Jo Tenant', '1 High Street\nAnytown AN1 1AA', "
       "'2025-01-01T00:00:00Z')");
   tenant_id = sqlite3_last_insert_rowid(store_db(s->store));
   free(db);
   log_case(responded, KIND_COMPLAINT, false, "2026-02-02T10:00");
   acknowledge(responded, "hal", "2026-02-03T10:00");
   int64_t id;
   act_as("hal");
   ok(remedy_add(s, responded, REMEDY_GOODWILL, "For the weeks without heating", 5000, D("2026-02-20"), &id, &err));
   ok(action_add(s, responded, "Replace the boiler", "hal", D("2026-02-27"), &id, &err));
   Response r = { DECISION_UPHELD, "The repair was promised three times and not done", false, false };
   ok(complaint_respond(s, responded, 0, &r, at("2026-02-10T10:00"), &err));
}

static void teardown(void) {
   session_end(s);
   test_rmtree(dir);
   free(dir);
}

static char *render(const char *ref, LetterKind kind) {
   Letter l;
   ck_assert_msg(letter_render(s, ref, kind, &l, &err) == RD_OK, "%s letter: %s", letter_kind_name(kind), err.message);
   char *text = xstrdup(l.text);
   letter_clear(&l);
   return text;
}

/* Whether the letter says words, wherever its lines were broken. */
static void has(const char *text, const char *words) {
   char *flat = xstrdup(text);
   size_t out = 0;
   for (size_t i = 0; flat[i]; i++) {
      if (flat[i] == '\n' && flat[i + 1] != '\n' && out && flat[out - 1] != '\n') {
         flat[out++] = ' ';
         while (flat[i + 1] == ' ')
            i++;
      } else {
         flat[out++] = flat[i];
      }
   }
   flat[out] = '\0';
   ck_assert_msg(strstr(flat, words) != NULL || strstr(text, words) != NULL, "the letter lacks \"%s\":\n%s", words,
                 text);
   free(flat);
}

static size_t longest_line(const char *text) {
   size_t longest = 0, col = 0;
   for (const char *p = text; *p; p++) {
      if (*p == '\n') {
         longest = col > longest ? col : longest;
         col = 0;
      } else if (((unsigned char)*p & 0xC0) != 0x80) {
         col++;
      }
   }
   return col > longest ? col : longest;
}

START_TEST(test_acknowledgement_carries_the_complaint_definition_and_the_response_date) {
   char *text = render(responded, LETTER_ACKNOWLEDGEMENT);
   has(text, "Riverside Homes");
   has(text, "Dear Jo Tenant");
   has(text, "1 High Street\nAnytown AN1 1AA");
   has(text, responded);
   has(text, "stage 1");
   has(text, "The boiler has failed three times; wants it replaced");
   has(text, "by 17 February 2026");
   has(text, "Hal Handler");
   has(text, "0300 111 3000");
   free(text);
}
END_TEST

/* Code 5.x / domain section 4: stage, definition, decision, reasons, remedy, outstanding
 * actions with dates, and how to escalate. */
START_TEST(test_stage1_response_carries_every_element_the_code_requires) {
   char *text = render(responded, LETTER_STAGE1_RESPONSE);
   has(text, "stage 1");
   has(text, "The boiler has failed three times; wants it replaced");
   has(text, "your complaint is upheld");
   has(text, "The repair was promised three times and not done");
   has(text, "Goodwill: For the weeks without heating (\302\24350.00), by 20 February 2026");
   has(text, "Replace the boiler, by 27 February 2026");
   has(text, "escalate your complaint to stage 2 at any time");
   has(text, "You do not need to give a reason");
   has(text, "Housing Ombudsman");
   free(text);
}
END_TEST

START_TEST(test_stage2_final_response_says_how_to_go_to_the_housing_ombudsman) {
   act_as("desk");
   ok(complaint_escalate(s, responded, 0, NULL, NULL, at("2026-02-12T10:00"), &err));
   act_as("mo");
   ok(complaint_acknowledge(s, responded, 0, "Still no boiler; wants compensation", RD_NO_DATE,
                            at("2026-02-13T10:00"), &err));
   char *ack = render(responded, LETTER_STAGE2_ACKNOWLEDGEMENT);
   has(ack, "stage 2");
   has(ack, "Still no boiler; wants compensation");
   has(ack, "12 February 2026");
   has(ack, "Mo Manager, who was not involved at stage 1");
   free(ack);
   int64_t id;
   ok(remedy_add(s, responded, REMEDY_FINANCIAL_LOSS, "Cost of heaters", 12050, RD_NO_DATE, &id, &err));
   Response r = { DECISION_PARTLY_UPHELD, "The boiler was ordered but delivery slipped", false, false };
   ok(complaint_respond(s, responded, 0, &r, at("2026-03-02T10:00"), &err));
   char *text = render(responded, LETTER_STAGE2_RESPONSE);
   has(text, "stage 2");
   has(text, "Still no boiler; wants compensation");
   has(text, "your complaint is partly upheld");
   has(text, "The boiler was ordered but delivery slipped");
   has(text, "Financial loss: Cost of heaters (\302\243120.50)");
   ck_assert_msg(!strstr(text, "Goodwill"), "the stage 1 remedy is not repeated at stage 2:\n%s", text);
   has(text, "Replace the boiler, by 27 February 2026");
   has(text, "refer your complaint to the Housing Ombudsman");
   has(text, "PO Box 1484");
   free(text);
}
END_TEST

/* Code 6.5: the reason, the new date and the Ombudsman's contact details. */
START_TEST(test_extension_letter_gives_the_reason_the_new_date_and_the_ombudsman_details) {
   char ref[16];
   log_case(ref, KIND_COMPLAINT, false, "2026-02-16T10:00");
   acknowledge(ref, "hal", "2026-02-17T10:00");
   Letter l;
   ck_assert_int_eq(letter_render(s, ref, LETTER_EXTENSION, &l, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "no extension"), "%s", err.message);
   act_as("hal");
   ok(complaint_extend(s, ref, 0, D("2026-03-10"), "Waiting for the surveyor's report", true, NULL,
                       at("2026-02-27T10:00"), &err));
   char *text = render(ref, LETTER_EXTENSION);
   has(text, "Waiting for the surveyor's report");
   has(text, "by 10 March 2026");
   has(text, "by 3 March 2026");
   has(text, "info@housing-ombudsman.org.uk");
   free(text);
}
END_TEST

/* Code 2.4: a refusal gives the reason and the right to go to the Ombudsman. */
START_TEST(test_refusal_letters_give_the_reason_and_the_right_to_go_to_the_ombudsman) {
   char ref[16];
   log_case(ref, KIND_EXCLUDED, false, "2026-02-16T10:00");
   char *text = render(ref, LETTER_REFUSAL);
   has(text, "Legal proceedings have started (a claim is filed at court)");
   has(text, "A claim was filed at the county court on 2 February");
   has(text, "right to ask the Housing Ombudsman");
   free(text);
   act_as("desk");
   ok(complaint_escalate(s, responded, 0, NULL, NULL, at("2026-02-12T10:00"), &err));
   act_as("mo");
   ok(complaint_decline(s, responded, 0, "The matter was fully answered", at("2026-02-13T10:00"), &err));
   text = render(responded, LETTER_ESCALATION_REFUSED);
   has(text, "The matter was fully answered");
   has(text, "12 February 2026");
   has(text, "right to refer your complaint to the Housing Ombudsman");
   free(text);
}
END_TEST

START_TEST(test_quick_resolution_summary_compliment_and_survey_letters_render) {
   char ref[16];
   log_case(ref, KIND_QUICK, false, "2026-02-16T10:00");
   char *text = render(ref, LETTER_QUICK_RESOLUTION);
   has(text, "Reset the boiler timer and checked the pressure");
   has(text, "through our complaints procedure");
   free(text);
   text = render(ref, LETTER_SURVEY);
   has(text, "Were you satisfied with how your complaint was handled?");
   free(text);
   sql("INSERT INTO compliment (received_at, channel, from_name, about_team, summary, created_at) VALUES "
       "('2026-02-10T10:00:00Z', 'phone', 'Ann Other', 'Repairs', 'The engineer was kind', "
       "'2026-02-10T10:00:00Z')");
   text = render("1", LETTER_COMPLIMENT);
   has(text, "Dear Ann Other");
   has(text, "The engineer was kind");
   has(text, "passed your kind words on to Repairs");
   free(text);
   Letter l;
   ck_assert_int_eq(letter_render(s, "7", LETTER_COMPLIMENT, &l, &err), RD_ENOTFOUND);
}
END_TEST

START_TEST(test_a_letter_for_a_step_not_yet_taken_is_refused_naming_the_step) {
   char ref[16];
   log_case(ref, KIND_COMPLAINT, false, "2026-02-16T10:00");
   Letter l;
   ck_assert_int_eq(letter_render(s, ref, LETTER_ACKNOWLEDGEMENT, &l, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "no stage 1 acknowledgement"), "%s", err.message);
   ck_assert_int_eq(letter_render(s, ref, LETTER_STAGE1_RESPONSE, &l, &err), RD_ERULE);
   ck_assert_int_eq(letter_render(s, ref, LETTER_REFUSAL, &l, &err), RD_ERULE);
   ck_assert_int_eq(letter_render(s, "C26-09999", LETTER_ACKNOWLEDGEMENT, &l, &err), RD_ENOTFOUND);
}
END_TEST

START_TEST(test_a_missing_placeholder_is_an_error_naming_it_not_a_blank) {
   char *templates = xasprintf("%s/redress/templates", dir);
   ck_assert_int_eq(mkdir(templates, 0700), 0);
   free(test_write_file(templates, "acknowledgement.txt", "Dear {{name}},\n\nYour tenancy: {{tenancy_number}}\n"));
   Letter l;
   ck_assert_int_eq(letter_render(s, responded, LETTER_ACKNOWLEDGEMENT, &l, &err), RD_EINPUT);
   ck_assert_msg(strstr(err.message, "tenancy_number") && strstr(err.message, ":3:"), "%s", err.message);
   char *path = NULL;
   act_as("hal");
   ck_assert_int_eq(letter_write(s, responded, LETTER_ACKNOWLEDGEMENT, &path, NULL, &err), RD_EINPUT);
   ck_assert_int_eq(count("SELECT count(*) FROM letter"), 0);
   free(test_write_file(templates, "acknowledgement.txt", "Dear {{name}}, we have your complaint {{ref}}.\n"));
   char *text = render(responded, LETTER_ACKNOWLEDGEMENT);
   ck_assert_str_eq(text, "Dear Jo Tenant, we have your complaint C26-00001.\n");
   free(text);
   free(templates);
}
END_TEST

START_TEST(test_large_print_adjustment_gives_the_large_print_layout) {
   char *text = render(responded, LETTER_STAGE1_RESPONSE);
   ck_assert(!strstr(text, "LARGE PRINT"));
   ck_assert_msg(longest_line(text) <= 72, "%zu", longest_line(text));
   ck_assert_msg(longest_line(text) > 46, "ordinary letters use the whole width");
   free(text);
   char *q = xasprintf("INSERT INTO adjustment (person_id, kind, detail, review_on, created_at) VALUES (%lld, "
                       "'large-print', '16 point', '2026-06-01', '2026-01-01T00:00:00Z')", (long long)tenant_id);
   sql(q);
   free(q);
   Letter l;
   ok(letter_render(s, responded, LETTER_STAGE1_RESPONSE, &l, &err));
   ck_assert(l.large_print);
   has(l.text, "LARGE PRINT");
   has(l.text, "Replace the boiler");
   ck_assert_msg(longest_line(l.text) <= 46, "large print fits 46 columns, not %zu:\n%s", longest_line(l.text), l.text);
   letter_clear(&l);
}
END_TEST

START_TEST(test_preferred_channel_is_noted_and_other_adjustments_are_passed_to_the_sender) {
   char *q = xasprintf("INSERT INTO adjustment (person_id, kind, detail, review_on, created_at) VALUES "
                       "(%lld, 'preferred-channel', 'email', '2026-06-01', '2026-01-01T00:00:00Z'), "
                       "(%lld, 'audio', 'read the letter onto a CD', '2026-06-01', '2026-01-01T00:00:00Z'), "
                       "(%lld, 'translator', 'ended', '2026-06-01', '2026-01-01T00:00:00Z')",
                       (long long)tenant_id, (long long)tenant_id, (long long)tenant_id);
   sql(q);
   free(q);
   sql("UPDATE adjustment SET ended_on = '2026-01-31' WHERE kind = 'translator'");
   Letter l;
   ok(letter_render(s, responded, LETTER_ACKNOWLEDGEMENT, &l, &err));
   ck_assert_str_eq(l.send_by, "email");
   has(l.text, "We are sending this letter by email, as you asked");
   ck_assert_str_eq(l.needs, "audio: read the letter onto a CD");
   letter_clear(&l);
}
END_TEST

START_TEST(test_anonymous_complaint_gets_no_letter_because_no_response_can_be_sent) {
   char ref[16];
   log_case(ref, KIND_COMPLAINT, true, "2026-02-16T10:00");
   acknowledge(ref, "hal", "2026-02-17T10:00");
   Letter l;
   ck_assert_int_eq(letter_render(s, ref, LETTER_ACKNOWLEDGEMENT, &l, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "anonymous") && strstr(err.message, "no response can be sent"), "%s",
                 err.message);
   Complaint c;
   complaint_init(&c);
   ok(complaint_get(s, ref, &c, &err));
   LetterKind kind;
   ck_assert(!letter_for_step(&c, "acknowledged", &kind));
   complaint_clear(&c);
}
END_TEST

START_TEST(test_writing_a_letter_leaves_a_new_group_file_in_the_outbox_and_one_record_on_the_case) {
   act_as("hal");
   char *first = NULL, *second = NULL;
   ok(letter_write(s, responded, LETTER_STAGE1_RESPONSE, &first, NULL, &err));
   ok(letter_write(s, responded, LETTER_STAGE1_RESPONSE, &second, NULL, &err));
   ck_assert_str_ne(first, second);
   ck_assert_msg(strstr(second, "-2.txt"), "the second letter takes a suffix: %s", second);
   struct stat sb;
   ck_assert_int_eq(stat(first, &sb), 0);
   ck_assert_int_eq(sb.st_mode & 0777, 0660);
   char *text = NULL;
   size_t len;
   ok(text_read_file(first, &text, &len, &err));
   has(text, "your complaint is upheld");
   free(text);
   ck_assert_int_eq(count("SELECT count(*) FROM letter WHERE kind = 'stage1-response'"), 2);
   ck_assert_int_eq(count("SELECT count(*) FROM event WHERE entity = 'letter' AND complaint_id = 1"), 2);
   free(first);
   free(second);
   act_as("desk");
   ok(letter_write(s, responded, LETTER_ACKNOWLEDGEMENT, &first, NULL, &err));
   free(first);
   free(s->config->letters_outbox);
   s->config->letters_outbox = xasprintf("%s/no/such/folder", dir);
   ck_assert_int_eq(letter_write(s, responded, LETTER_ACKNOWLEDGEMENT, &first, NULL, &err), RD_EIO);
   ck_assert_msg(strstr(err.message, "letters folder"), "%s", err.message);
   ck_assert_int_eq(count("SELECT count(*) FROM letter"), 3);
}
END_TEST

START_TEST(test_the_letter_that_fits_each_step_of_a_case) {
   Complaint c;
   complaint_init(&c);
   ok(complaint_get(s, responded, &c, &err));
   LetterKind kind;
   ck_assert(letter_for_step(&c, "responded", &kind));
   ck_assert_int_eq(kind, LETTER_STAGE1_RESPONSE);
   ck_assert(letter_for_step(&c, "acknowledged", &kind));
   ck_assert_int_eq(kind, LETTER_ACKNOWLEDGEMENT);
   ck_assert(letter_for_step(&c, "extended", &kind));
   ck_assert_int_eq(kind, LETTER_EXTENSION);
   ck_assert(!letter_for_step(&c, "noted", &kind));
   c.stage = 2;
   ck_assert(letter_for_step(&c, "responded", &kind));
   ck_assert_int_eq(kind, LETTER_STAGE2_RESPONSE);
   ck_assert(letter_for_step(&c, "escalation declined", &kind));
   ck_assert_int_eq(kind, LETTER_ESCALATION_REFUSED);
   c.kind = KIND_EXCLUDED;
   ck_assert(letter_for_step(&c, "triaged", &kind));
   ck_assert_int_eq(kind, LETTER_REFUSAL);
   c.kind = KIND_QUICK;
   ck_assert(letter_for_step(&c, "logged", &kind));
   ck_assert_int_eq(kind, LETTER_QUICK_RESOLUTION);
   complaint_clear(&c);
}
END_TEST

START_TEST(test_the_letters_that_fit_a_case_are_those_of_the_steps_it_has_reached) {
   char ref[16];
   log_case(ref, KIND_COMPLAINT, false, "2026-02-16T10:00");
   acknowledge(ref, "hal", "2026-02-17T10:00");
   Complaint c;
   complaint_init(&c);
   ok(complaint_get(s, ref, &c, &err));
   ok(letter_case_allows(&c, &err));
   ok(letter_fits(&c, LETTER_ACKNOWLEDGEMENT, &err));
   ck_assert_int_eq(letter_fits(&c, LETTER_STAGE1_RESPONSE, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "has no stage 1 response recorded"), "%s", err.message);
   ck_assert_int_eq(letter_fits(&c, LETTER_EXTENSION, &err), RD_ERULE);
   ck_assert_int_eq(letter_fits(&c, LETTER_REFUSAL, &err), RD_ERULE);
   ck_assert_int_eq(letter_fits(&c, LETTER_STAGE2_ACKNOWLEDGEMENT, &err), RD_ERULE);
   ck_assert_int_eq(letter_fits(&c, LETTER_COMPLIMENT, &err), RD_EINPUT);
   ck_assert_msg(strstr(err.message, "compliment"), "%s", err.message);
   complaint_clear(&c);
   ok(complaint_get(s, responded, &c, &err));
   ok(letter_fits(&c, LETTER_STAGE1_RESPONSE, &err));
   ok(letter_fits(&c, LETTER_SURVEY, &err));
   complaint_clear(&c);
   char anon[16];
   log_case(anon, KIND_COMPLAINT, true, "2026-02-18T10:00");
   acknowledge(anon, "hal", "2026-02-19T10:00");
   ok(complaint_get(s, anon, &c, &err));
   ck_assert_int_eq(letter_case_allows(&c, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "anonymous") && strstr(err.message, "no response can be sent"), "%s",
                 err.message);
   ck_assert_int_eq(letter_fits(&c, LETTER_ACKNOWLEDGEMENT, &err), RD_ERULE);
   ck_assert_msg(strstr(err.message, "anonymous"), "%s", err.message);
   complaint_clear(&c);
}
END_TEST

START_TEST(test_every_letter_kind_has_a_name_that_reads_back) {
   for (int i = 0; i < LETTER_KIND_COUNT; i++) {
      LetterKind k;
      ok(letter_kind_parse(letter_kind_name((LetterKind)i), &k, &err));
      ck_assert_int_eq(k, i);
   }
   LetterKind k;
   ck_assert_int_eq(letter_kind_parse("thank-you", &k, &err), RD_EINPUT);
   ck_assert_msg(strstr(err.message, "stage1-response"), "%s", err.message);
}
END_TEST

static Suite *letter_suite(void) {
   Suite *su = suite_create("letter");
   TCase *tc = tcase_create("letter");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_acknowledgement_carries_the_complaint_definition_and_the_response_date);
   tcase_add_test(tc, test_stage1_response_carries_every_element_the_code_requires);
   tcase_add_test(tc, test_stage2_final_response_says_how_to_go_to_the_housing_ombudsman);
   tcase_add_test(tc, test_extension_letter_gives_the_reason_the_new_date_and_the_ombudsman_details);
   tcase_add_test(tc, test_refusal_letters_give_the_reason_and_the_right_to_go_to_the_ombudsman);
   tcase_add_test(tc, test_quick_resolution_summary_compliment_and_survey_letters_render);
   tcase_add_test(tc, test_a_letter_for_a_step_not_yet_taken_is_refused_naming_the_step);
   tcase_add_test(tc, test_a_missing_placeholder_is_an_error_naming_it_not_a_blank);
   tcase_add_test(tc, test_large_print_adjustment_gives_the_large_print_layout);
   tcase_add_test(tc, test_preferred_channel_is_noted_and_other_adjustments_are_passed_to_the_sender);
   tcase_add_test(tc, test_anonymous_complaint_gets_no_letter_because_no_response_can_be_sent);
   tcase_add_test(tc, test_writing_a_letter_leaves_a_new_group_file_in_the_outbox_and_one_record_on_the_case);
   tcase_add_test(tc, test_the_letter_that_fits_each_step_of_a_case);
   tcase_add_test(tc, test_the_letters_that_fit_a_case_are_those_of_the_steps_it_has_reached);
   tcase_add_test(tc, test_every_letter_kind_has_a_name_that_reads_back);
   suite_add_tcase(su, tc);
   return su;
}

int main(void) {
   return test_run(letter_suite());
}
