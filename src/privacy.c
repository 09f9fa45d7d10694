/* privacy: subject access exports and anonymisation under the retention period. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "lifecycle.h"
#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/person.h"
#include "redress/privacy.h"
#include "redress/text.h"
#include "redress/xalloc.h"

/* The column where values start in the text document, counted from the label's indent. */
#define PRIVACY_LABEL_WIDTH 24
/* Printed pages are narrower than terminals are wide. */
#define PRIVACY_TEXT_WIDTH 79

RdStatus privacy_format_parse(const char *text, PrivacyFormat *out, RdError *err) {
   if (text && strcmp(text, "text") == 0)
      *out = PRIVACY_TEXT;
   else if (text && strcmp(text, "json") == 0)
      *out = PRIVACY_JSON;
   else
      return error_set(err, RD_EINPUT, "'%s' is not a format: use text (to read and print) or json",
                       text ? text : "");
   return RD_OK;
}

/* --- the document, built once as JSON and written as JSON or text ------------------------ */

static void privacy_put_text(json_t *o, const char *key, const char *text) {
   if (!text || !*text)
      return;
   /* Text is stored as it was given; JSON holds only UTF-8, so anything else is shown. */
   if (text_utf8_valid(text, strlen(text), NULL)) {
      json_object_set_new(o, key, json_string(text));
      return;
   }
   char *visible = text_visible(text, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
   json_object_set_new(o, key, json_string(visible));
   free(visible);
}

static void privacy_put_date(json_t *o, const char *key, RdDate d) {
   if (d == RD_NO_DATE)
      return;
   char buf[RD_DATE_BUFSIZE];
   datetime_format_date(d, buf);
   json_object_set_new(o, key, json_string(buf));
}

/* Instants go in as UTC; the text document shows every key "at" or "..._at" in UK time. */
static void privacy_put_instant(json_t *o, const char *key, RdInstant t) {
   if (t == RD_NO_INSTANT)
      return;
   char buf[RD_INSTANT_BUFSIZE];
   datetime_format_instant(t, buf);
   json_object_set_new(o, key, json_string(buf));
}

static void privacy_put_int(json_t *o, const char *key, int64_t v) {
   json_object_set_new(o, key, json_integer(v));
}

static void privacy_put_flag(json_t *o, const char *key, bool v) {
   if (v)
      json_object_set_new(o, key, json_true());
}

static void privacy_put_staff(Session *s, json_t *o, const char *key, int64_t staff_id) {
   Staff st;
   if (!staff_id || staff_by_id(s->store, staff_id, &st, NULL) != RD_OK)
      return;
   char *who = xasprintf("%s (%s)", st.full_name, st.login);
   privacy_put_text(o, key, who);
   free(who);
   staff_clear(&st);
}

static json_t *privacy_add_item(json_t *array) {
   json_t *o = json_object();
   json_array_append_new(array, o);
   return o;
}

/* Runs a query bound to one id and adds an object per row to array, through fill. */
typedef RdStatus (*PrivacyRowFill)(Session *s, sqlite3_stmt *q, json_t *item, RdError *err);

static RdStatus privacy_rows(Session *s, const char *sql, int64_t id, json_t *array, PrivacyRowFill fill,
                             const char *doing, RdError *err) {
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, id);
   int rc;
   RdStatus st = RD_OK;
   while (st == RD_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
      st = fill(s, q, privacy_add_item(array), err);
   if (st == RD_OK && rc != SQLITE_DONE)
      st = store_fail(s->store, err, doing);
   sqlite3_reset(q);
   return st;
}

/* --- the person ---------------------------------------------------------------------------- */

static RdInstant privacy_person_anonymised_at(Session *s, int64_t person_id) {
   static const char sql[] = "SELECT anonymised_at FROM person WHERE id = ?1";
   sqlite3_stmt *q = store_stmt(s->store, sql, NULL);
   if (!q)
      return RD_NO_INSTANT;
   sqlite3_bind_int64(q, 1, person_id);
   RdInstant at = sqlite3_step(q) == SQLITE_ROW ? store_column_instant(q, 0) : RD_NO_INSTANT;
   sqlite3_reset(q);
   return at;
}

static RdStatus privacy_person(Session *s, int64_t person_id, json_t *doc, RdError *err) {
   Person p;
   person_init(&p);
   RdStatus st = person_get(s->store, person_id, &p, err);
   if (st != RD_OK)
      return st;
   json_t *o = json_object();
   privacy_put_int(o, "number", p.id);
   privacy_put_text(o, "kind", person_kind_name(p.kind));
   privacy_put_text(o, "name", p.name);
   privacy_put_text(o, "tenancy_reference", p.tenancy_ref);
   privacy_put_text(o, "property", p.property);
   privacy_put_text(o, "phone", p.phone);
   privacy_put_text(o, "email", p.email);
   privacy_put_text(o, "address", p.address);
   privacy_put_text(o, "preferred_contact", p.preferred_contact);
   privacy_put_text(o, "vulnerabilities", p.vulnerabilities);
   privacy_put_date(o, "tenancy_ended_on", p.tenancy_ended_on);
   privacy_put_text(o, "not_to_be_contacted", p.do_not_contact);
   privacy_put_instant(o, "recorded_at", p.created_at);
   privacy_put_instant(o, "anonymised_at", privacy_person_anonymised_at(s, person_id));
   json_object_set_new(doc, "person", o);
   person_clear(&p);
   return RD_OK;
}

static RdStatus privacy_adjustments(Session *s, int64_t person_id, json_t *doc, RdError *err) {
   Adjustment *list = NULL;
   size_t n = 0;
   RdStatus st = adjustment_list(s->store, person_id, true, &list, &n, err);
   if (st != RD_OK)
      return st;
   json_t *array = json_array();
   for (size_t i = 0; i < n; i++) {
      json_t *o = privacy_add_item(array);
      privacy_put_int(o, "number", list[i].id);
      privacy_put_text(o, "kind", adjustment_kind_name(list[i].kind));
      privacy_put_text(o, "detail", list[i].detail);
      privacy_put_instant(o, "recorded_at", list[i].created_at);
      privacy_put_date(o, "review_on", list[i].review_on);
      privacy_put_date(o, "last_reviewed_on", list[i].reviewed_on);
      privacy_put_date(o, "ended_on", list[i].ended_on);
   }
   json_object_set_new(doc, "adjustments", array);
   adjustment_free_list(list, n);
   return RD_OK;
}

static RdStatus privacy_restrictions(Session *s, int64_t person_id, json_t *doc, RdError *err) {
   Restriction *list = NULL;
   size_t n = 0;
   RdStatus st = restriction_list(s->store, person_id, true, &list, &n, err);
   if (st != RD_OK)
      return st;
   json_t *array = json_array();
   for (size_t i = 0; i < n; i++) {
      json_t *o = privacy_add_item(array);
      privacy_put_int(o, "number", list[i].id);
      privacy_put_text(o, "restricts", list[i].restricts);
      privacy_put_text(o, "reason", list[i].reason);
      privacy_put_text(o, "approved_by", list[i].approved_by);
      privacy_put_text(o, "approver_role", approver_role_name(list[i].approver_role));
      privacy_put_date(o, "starts_on", list[i].starts_on);
      privacy_put_date(o, "review_on", list[i].review_on);
      privacy_put_date(o, "ended_on", list[i].ended_on);
      privacy_put_staff(s, o, "recorded_by", list[i].recorded_by);
      privacy_put_instant(o, "recorded_at", list[i].created_at);
   }
   json_object_set_new(doc, "restrictions", array);
   restriction_free_list(list, n);
   return RD_OK;
}

static RdStatus privacy_representatives(Session *s, int64_t person_id, json_t *doc, RdError *err) {
   Representative *list = NULL;
   size_t n = 0;
   RdStatus st = representative_list(s->store, person_id, &list, &n, err);
   if (st != RD_OK)
      return st;
   json_t *array = json_array();
   for (size_t i = 0; i < n; i++) {
      json_t *o = privacy_add_item(array);
      privacy_put_int(o, "number", list[i].id);
      privacy_put_text(o, "name", list[i].name);
      privacy_put_text(o, "relationship", relationship_name(list[i].relationship));
      privacy_put_text(o, "organisation", list[i].organisation);
      privacy_put_text(o, "phone", list[i].phone);
      privacy_put_text(o, "email", list[i].email);
      privacy_put_text(o, "authority", list[i].authority);
      privacy_put_date(o, "given_on", list[i].given_on);
      privacy_put_instant(o, "recorded_at", list[i].created_at);
   }
   json_object_set_new(doc, "representatives", array);
   representative_free_list(list, n);
   return RD_OK;
}

/* --- a case ---------------------------------------------------------------------------------- */

static void privacy_stage(Session *s, const StageRecord *sr, json_t *o) {
   privacy_put_int(o, "number", sr->number);
   privacy_put_instant(o, sr->number == 1 ? "received_at" : "escalation_requested_at", sr->requested_at);
   privacy_put_flag(o, "requested_late", sr->late_request);
   privacy_put_date(o, "counts_from", sr->start_on);
   privacy_put_text(o, "policy", sr->policy);
   privacy_put_staff(s, o, "handler", sr->handler_id);
   privacy_put_date(o, "acknowledge_by", sr->ack_due);
   privacy_put_instant(o, "acknowledged_at", sr->acknowledged_at);
   privacy_put_text(o, "complaint_definition", sr->definition);
   privacy_put_date(o, "agreed_on", sr->agreed_on);
   privacy_put_date(o, "respond_by", sr->response_due);
   privacy_put_date(o, "extended_to", sr->extended_to);
   privacy_put_text(o, "extension_reason", sr->extension_reason);
   privacy_put_instant(o, "resident_told_of_extension_at", sr->extension_told_at);
   privacy_put_instant(o, "responded_at", sr->responded_at);
   if (sr->decision != DECISION_NONE)
      privacy_put_text(o, "decision", complaint_decision_name(sr->decision));
   privacy_put_text(o, "reasons", sr->reasons);
   privacy_put_instant(o, "escalation_declined_at", sr->declined_at);
   privacy_put_text(o, "reason_for_declining", sr->decline_reason);
}

static void privacy_representative_of_case(Session *s, int64_t rep_id, json_t *o) {
   static const char sql[] = "SELECT name, relationship FROM representative WHERE id = ?1";
   sqlite3_stmt *q = rep_id ? store_stmt(s->store, sql, NULL) : NULL;
   if (!q)
      return;
   sqlite3_bind_int64(q, 1, rep_id);
   if (sqlite3_step(q) == SQLITE_ROW) {
      char *who = xasprintf("%s (%s)", store_column_text(q, 0), store_column_text(q, 1));
      privacy_put_text(o, "representative", who);
      free(who);
   }
   sqlite3_reset(q);
}

static void privacy_case_fields(Session *s, const Complaint *c, const char *role, json_t *o) {
   privacy_put_text(o, "reference", c->ref);
   privacy_put_text(o, "role", role);
   privacy_put_text(o, "kind", complaint_kind_name(c->kind));
   privacy_put_int(o, "stage", c->stage);
   privacy_put_text(o, "channel", c->channel);
   privacy_put_instant(o, "received_at", c->received_at);
   privacy_put_date(o, "incident_on", c->incident_on);
   privacy_put_text(o, "category", c->category);
   privacy_put_text(o, "summary", c->summary);
   privacy_put_text(o, "outcome_sought", c->outcome_sought);
   privacy_put_flag(o, "confidential", c->confidential);
   privacy_representative_of_case(s, c->representative_id, o);
   privacy_put_staff(s, o, "about_staff", c->about_staff_id);
   privacy_put_text(o, "about_team", c->about_team);
   if (c->exclusion_code && *c->exclusion_code) {
      const ExclusionReason *r = config_exclusion(s->config, c->exclusion_code);
      privacy_put_text(o, "excluded_because", r ? r->label : c->exclusion_code);
   }
   privacy_put_text(o, "exclusion_detail", c->exclusion_detail);
   privacy_put_flag(o, "older_than_the_time_limit", c->out_of_time);
   privacy_put_text(o, "accepted_late_because", c->accepted_late_reason);
   privacy_put_instant(o, "last_update_sent_at", c->last_update_at);
   privacy_put_instant(o, "closed_at", c->closed_at);
   if (c->close_reason != CLOSE_NONE)
      privacy_put_text(o, "closed_as", complaint_close_reason_name(c->close_reason));
   privacy_put_text(o, "closing_note", c->close_note);
   privacy_put_instant(o, "anonymised_at", c->anonymised_at);
}

static RdStatus privacy_remedies(Session *s, int64_t complaint_id, json_t *o, RdError *err) {
   Remedy *list = NULL;
   size_t n = 0;
   RdStatus st = remedy_list(s, complaint_id, &list, &n, err);
   if (st != RD_OK)
      return st;
   json_t *array = json_array();
   for (size_t i = 0; i < n; i++) {
      json_t *r = privacy_add_item(array);
      privacy_put_int(r, "number", list[i].id);
      privacy_put_int(r, "stage", list[i].stage);
      privacy_put_text(r, "kind", remedy_kind_name(list[i].kind));
      if (list[i].amount_pence) {
         char money[32];
         remedy_format_pence(list[i].amount_pence, money, sizeof money);
         privacy_put_text(r, "amount", money);
      }
      privacy_put_text(r, "detail", list[i].detail);
      privacy_put_date(r, "due_on", list[i].due_on);
      privacy_put_date(r, "done_on", list[i].done_on);
   }
   json_object_set_new(o, "remedies", array);
   remedy_free_list(list, n);
   return RD_OK;
}

static RdStatus privacy_fill_update(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   (void)err;
   privacy_put_instant(item, "at", store_column_instant(q, 0));
   privacy_put_staff(s, item, "by", sqlite3_column_int64(q, 1));
   privacy_put_text(item, "text", store_column_text(q, 2));
   return RD_OK;
}

static RdStatus privacy_actions(Session *s, int64_t complaint_id, json_t *o, RdError *err) {
   static const char updates_sql[] =
      "SELECT at, staff_id, text FROM action_update WHERE action_id = ?1 ORDER BY at, id";
   Action *list = NULL;
   size_t n = 0;
   ActionFilter f = { 0, NULL, complaint_id, true };
   RdStatus st = action_list(s, &f, &list, &n, err);
   if (st != RD_OK)
      return st;
   json_t *array = json_array();
   for (size_t i = 0; i < n && st == RD_OK; i++) {
      json_t *a = privacy_add_item(array);
      privacy_put_int(a, "number", list[i].id);
      privacy_put_text(a, "what", list[i].what);
      privacy_put_text(a, "kind", action_source_name(list[i].source));
      privacy_put_text(a, "owner", list[i].owner_name);
      privacy_put_date(a, "due_on", list[i].due_on);
      privacy_put_date(a, "done_on", list[i].done_on);
      json_t *updates = json_array();
      json_object_set_new(a, "updates", updates);
      st = privacy_rows(s, updates_sql, list[i].id, updates, privacy_fill_update, "reading the updates of an action",
                        err);
   }
   json_object_set_new(o, "actions", array);
   action_free_list(list, n);
   return st;
}

static RdStatus privacy_fill_contact(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   (void)err;
   const char *direction = store_column_text(q, 1);
   privacy_put_instant(item, "at", store_column_instant(q, 0));
   privacy_put_text(item, "what", strcmp(direction, "in") == 0 ? "from the resident"
                                  : strcmp(direction, "out") == 0 ? "to the resident" : "note");
   if (strcmp(direction, "note") != 0)
      privacy_put_text(item, "channel", store_column_text(q, 2));
   privacy_put_staff(s, item, "by", sqlite3_column_int64(q, 3));
   privacy_put_text(item, "summary", store_column_text(q, 4));
   return RD_OK;
}

static RdStatus privacy_fill_letter(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   (void)s;
   (void)err;
   privacy_put_instant(item, "at", store_column_instant(q, 0));
   privacy_put_text(item, "kind", store_column_text(q, 1));
   privacy_put_text(item, "file", store_column_text(q, 2));
   return RD_OK;
}

static RdStatus privacy_fill_order(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   (void)s;
   (void)err;
   privacy_put_date(item, "due_on", store_column_date(q, 0));
   privacy_put_text(item, "order", store_column_text(q, 1));
   return RD_OK;
}

static RdStatus privacy_fill_referral(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   static const char orders_sql[] = "SELECT due_on, text FROM ombudsman_order WHERE referral_id = ?1 ORDER BY id";
   privacy_put_date(item, "referred_on", store_column_date(q, 1));
   privacy_put_text(item, "ombudsman_reference", store_column_text(q, 2));
   privacy_put_text(item, "determination", store_column_text(q, 3));
   privacy_put_date(item, "determined_on", store_column_date(q, 4));
   json_t *orders = json_array();
   json_object_set_new(item, "orders", orders);
   /* Its own statement, so stepping it leaves the referrals' statement where it was. */
   return privacy_rows(s, orders_sql, sqlite3_column_int64(q, 0), orders, privacy_fill_order,
                       "reading Ombudsman orders", err);
}

static RdStatus privacy_fill_survey(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   (void)s;
   (void)err;
   privacy_put_date(item, "sent_on", store_column_date(q, 0));
   privacy_put_date(item, "answered_on", store_column_date(q, 1));
   if (sqlite3_column_type(q, 2) != SQLITE_NULL)
      privacy_put_text(item, "satisfied_with_the_handling", sqlite3_column_int(q, 2) ? "yes" : "no");
   privacy_put_flag(item, "declined_to_answer", sqlite3_column_int(q, 3) != 0);
   return RD_OK;
}

static RdStatus privacy_fill_lesson(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   (void)err;
   privacy_put_instant(item, "at", store_column_instant(q, 0));
   privacy_put_staff(s, item, "by", sqlite3_column_int64(q, 1));
   privacy_put_text(item, "lesson", store_column_text(q, 2));
   privacy_put_text(item, "improvement", store_column_text(q, 3));
   return RD_OK;
}

static RdStatus privacy_history(Session *s, int64_t complaint_id, json_t *o, RdError *err) {
   AuditRow *rows = NULL;
   size_t n = 0;
   RdStatus st = audit_for_complaint(s->store, complaint_id, &rows, &n, err);
   if (st != RD_OK)
      return st;
   json_t *array = json_array();
   for (size_t i = 0; i < n; i++) {
      json_t *e = privacy_add_item(array);
      privacy_put_instant(e, "at", rows[i].at);
      privacy_put_text(e, "by", rows[i].actor);
      privacy_put_text(e, "action", rows[i].action);
      privacy_put_text(e, "detail", rows[i].detail);
   }
   json_object_set_new(o, "history", array);
   audit_free_rows(rows, n);
   return RD_OK;
}

/* The records of a case that other modules have no list of, each a query by case. */
typedef struct PrivacyCasePart {
   const char *key;
   const char *sql;
   PrivacyRowFill fill;
} PrivacyCasePart;

static const PrivacyCasePart privacy_case_parts[] = {
   { "contacts_and_notes", "SELECT at, direction, channel, staff_id, summary FROM contact WHERE complaint_id = ?1 "
     "ORDER BY at, id", privacy_fill_contact },
   { "letters", "SELECT created_at, kind, path FROM letter WHERE complaint_id = ?1 ORDER BY created_at, id",
     privacy_fill_letter },
   { "ombudsman_referrals", "SELECT id, referred_on, their_ref, determination, determined_on FROM ombudsman_referral "
     "WHERE complaint_id = ?1 ORDER BY id", privacy_fill_referral },
   { "satisfaction_survey", "SELECT sent_on, answered_on, satisfied, declined FROM survey WHERE complaint_id = ?1",
     privacy_fill_survey },
   { "lessons_learned", "SELECT recorded_at, staff_id, lesson, improvement FROM learning WHERE complaint_id = ?1 "
     "ORDER BY id", privacy_fill_lesson },
};

static RdStatus privacy_case(Session *s, int64_t complaint_id, const char *role, json_t *cases, RdError *err) {
   Complaint c;
   complaint_init(&c);
   RdStatus st = complaint_get_id(s, complaint_id, &c, err);
   if (st != RD_OK)
      return st;
   json_t *o = privacy_add_item(cases);
   privacy_case_fields(s, &c, role, o);
   json_t *stages = json_array();
   for (int i = 0; i < 2; i++)
      if (c.stages[i].present)
         privacy_stage(s, &c.stages[i], privacy_add_item(stages));
   json_object_set_new(o, "stages", stages);
   st = privacy_remedies(s, c.id, o, err);
   if (st == RD_OK)
      st = privacy_actions(s, c.id, o, err);
   size_t parts = sizeof privacy_case_parts / sizeof *privacy_case_parts;
   for (size_t i = 0; st == RD_OK && i < parts; i++) {
      json_t *array = json_array();
      json_object_set_new(o, privacy_case_parts[i].key, array);
      st = privacy_rows(s, privacy_case_parts[i].sql, c.id, array, privacy_case_parts[i].fill,
                        "reading the records of a case", err);
   }
   if (st == RD_OK)
      st = privacy_history(s, c.id, o, err);
   complaint_clear(&c);
   return st;
}

/* Every case the person complains in or is one of a group in, oldest first. */
static RdStatus privacy_cases(Session *s, int64_t person_id, json_t *doc, RdError *err) {
   static const char sql[] =
      "SELECT c.id, CASE WHEN c.person_id = ?1 THEN 'complainant' ELSE 'one of a group complaining' END "
      "FROM complaint c WHERE c.person_id = ?1 "
      "OR c.id IN (SELECT complaint_id FROM complaint_member WHERE person_id = ?1) ORDER BY c.received_at, c.id";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, person_id);
   int64_t *ids = NULL;
   char **roles = NULL;
   size_t n = 0, cap = 0;
   int rc;
   /* Read the list first: each case is read with statements this one must not share. */
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 8;
         ids = xreallocarray(ids, cap, sizeof *ids);
         roles = xreallocarray(roles, cap, sizeof *roles);
      }
      ids[n] = sqlite3_column_int64(q, 0);
      roles[n++] = store_column_dup(q, 1);
   }
   sqlite3_reset(q);
   RdStatus st = rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "finding the person's cases");
   json_t *cases = json_array();
   json_object_set_new(doc, "cases", cases);
   for (size_t i = 0; st == RD_OK && i < n; i++)
      st = privacy_case(s, ids[i], roles[i], cases, err);
   for (size_t i = 0; i < n; i++)
      free(roles[i]);
   free(roles);
   free(ids);
   return st;
}

static RdStatus privacy_fill_event(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   (void)s;
   (void)err;
   privacy_put_instant(item, "at", store_column_instant(q, 0));
   privacy_put_text(item, "by", store_column_text(q, 1));
   privacy_put_text(item, "action", store_column_text(q, 2));
   privacy_put_text(item, "detail", store_column_text(q, 3));
   return RD_OK;
}

static RdStatus privacy_fill_access(Session *s, sqlite3_stmt *q, json_t *item, RdError *err) {
   (void)s;
   (void)err;
   const char *ref = store_column_text(q, 3);
   char *what = strcmp(store_column_text(q, 2), "export") == 0
                   ? xasprintf("exported these records (%s)", store_column_text(q, 4))
                   : xasprintf("viewed the confidential case %s", ref);
   privacy_put_instant(item, "at", store_column_instant(q, 0));
   privacy_put_text(item, "by", store_column_text(q, 1));
   privacy_put_text(item, "what", what);
   free(what);
   return RD_OK;
}

static const char privacy_person_events_sql[] =
   "SELECT at, actor, action, detail FROM event WHERE entity = 'person' AND entity_id = ?1 ORDER BY id";
static const char privacy_access_sql[] =
   "SELECT a.at, a.actor, a.kind, COALESCE(c.ref, ''), a.detail FROM access_log a "
   "LEFT JOIN complaint c ON c.id = a.complaint_id WHERE a.person_id = ?1 OR a.complaint_id IN "
   "(SELECT id FROM complaint WHERE person_id = ?1 UNION SELECT complaint_id FROM complaint_member "
   "WHERE person_id = ?1) ORDER BY a.id";

static json_t *privacy_document(Session *s, int64_t person_id, RdError *err) {
   json_t *doc = json_object();
   char *about = xasprintf("everything %s holds about person %lld (subject access request)",
                           s->config->landlord_name, (long long)person_id);
   char *by = xasprintf("%s (%s)", s->me.full_name, s->me.login);
   privacy_put_text(doc, "document", about);
   privacy_put_text(doc, "under", "UK GDPR Article 15 and the Data Protection Act 2018");
   privacy_put_instant(doc, "prepared_at", clock_now());
   privacy_put_text(doc, "prepared_by", by);
   privacy_put_text(doc, "left_out", "conflicts of interest declared by staff, which are about staff, not about the "
                    "person");
   free(about);
   free(by);
   RdStatus st = privacy_person(s, person_id, doc, err);
   if (st == RD_OK)
      st = privacy_adjustments(s, person_id, doc, err);
   if (st == RD_OK)
      st = privacy_restrictions(s, person_id, doc, err);
   if (st == RD_OK)
      st = privacy_representatives(s, person_id, doc, err);
   if (st == RD_OK)
      st = privacy_cases(s, person_id, doc, err);
   json_t *events = json_array(), *access = json_array();
   json_object_set_new(doc, "history_of_the_record", events);
   json_object_set_new(doc, "exports_and_views", access);
   if (st == RD_OK)
      st = privacy_rows(s, privacy_person_events_sql, person_id, events, privacy_fill_event,
                        "reading the history of a person", err);
   if (st == RD_OK)
      st = privacy_rows(s, privacy_access_sql, person_id, access, privacy_fill_access, "reading the access log", err);
   if (st != RD_OK) {
      json_decref(doc);
      return NULL;
   }
   return doc;
}

/* --- the text document -------------------------------------------------------------------- */

/* How an array of the document is written as text: each item as a block headed by its
 * number, or (item NULL) each on one line, its last field after a colon. */
typedef struct PrivacySection {
   const char *key;
   const char *title;
   const char *item;
} PrivacySection;

static const PrivacySection privacy_sections[] = {
   { "person", "The person's record", NULL },
   { "adjustments", "Reasonable adjustments", "Adjustment" },
   { "restrictions", "Contact restrictions", "Restriction" },
   { "representatives", "Representatives", "Representative" },
   { "cases", "Cases", "Case" },
   { "stages", "Stages", "Stage" },
   { "remedies", "Remedies", "Remedy" },
   { "actions", "Actions", "Action" },
   { "updates", "Updates", NULL },
   { "contacts_and_notes", "Contacts and notes", NULL },
   { "letters", "Letters sent", NULL },
   { "ombudsman_referrals", "Housing Ombudsman referrals", "Referral" },
   { "orders", "Orders", NULL },
   { "satisfaction_survey", "Satisfaction survey", "Survey" },
   { "lessons_learned", "Lessons learned", NULL },
   { "history", "History of the case", NULL },
   { "history_of_the_record", "History of the person's record", NULL },
   { "exports_and_views", "Who has exported or viewed these records", NULL },
};

static const PrivacySection *privacy_section(const char *key) {
   for (size_t i = 0; i < sizeof privacy_sections / sizeof *privacy_sections; i++)
      if (strcmp(privacy_sections[i].key, key) == 0)
         return &privacy_sections[i];
   return NULL;
}

static bool privacy_is_instant_key(const char *key) {
   size_t len = strlen(key);
   return strcmp(key, "at") == 0 || (len > 3 && strcmp(key + len - 3, "_at") == 0);
}

/* A value as the reader sees it: instants in UK time, control characters made visible.
 * Caller frees. */
static char *privacy_value_text(const char *key, json_t *v) {
   if (json_is_integer(v))
      return xasprintf("%lld", (long long)json_integer_value(v));
   if (json_is_true(v))
      return xstrdup("yes");
   const char *text = json_string_value(v);
   RdInstant t;
   if (text && privacy_is_instant_key(key) && datetime_parse_instant(text, &t, NULL) == RD_OK) {
      char local[17];
      datetime_format_local(t, local);
      return xasprintf("%s (UK time)", local);
   }
   return text_visible(text ? text : "", TEXT_KEEP_NEWLINE);
}

static void privacy_add_label(TextBuf *b, int indent, const char *key) {
   text_buf_addf(b, "%*s", indent, "");
   size_t start = b->len;
   for (const char *k = key; *k; k++)
      text_buf_addc(b, *k == '_' ? ' ' : *k);
   size_t used = b->len - start;
   for (; used < PRIVACY_LABEL_WIDTH; used++)
      text_buf_addc(b, ' ');
   text_buf_addc(b, ' ');
}

/* A value that runs over lines keeps each new line under the first. */
static void privacy_add_value(TextBuf *b, const char *value, int column) {
   for (const char *p = value; *p; p++) {
      text_buf_addc(b, *p);
      if (*p == '\n')
         text_buf_addf(b, "%*s", column, "");
   }
}

static void privacy_add_field(TextBuf *b, int indent, const char *key, json_t *v) {
   char *value = privacy_value_text(key, v);
   privacy_add_label(b, indent, key);
   privacy_add_value(b, value, indent + PRIVACY_LABEL_WIDTH + 1);
   text_buf_addc(b, '\n');
   free(value);
}

/* "2025-12-19 10:00 (UK time)  mo  acknowledged: stage 1 acknowledged; ..." */
static void privacy_add_line_item(TextBuf *b, int indent, json_t *item) {
   const char *key;
   json_t *v;
   size_t n = json_object_size(item), i = 0;
   text_buf_addf(b, "%*s", indent, "");
   json_object_foreach(item, key, v) {
      char *value = privacy_value_text(key, v);
      i++;
      text_buf_adds(b, i == 1 ? "" : i == n ? ": " : "  ");
      privacy_add_value(b, value, indent + 4);
      free(value);
   }
   text_buf_addc(b, '\n');
}

static void privacy_add_object(TextBuf *b, int indent, json_t *o, const char *skip);

static void privacy_add_section(TextBuf *b, int indent, const char *key, json_t *v) {
   const PrivacySection *sec = privacy_section(key);
   char *title = xstrdup(sec ? sec->title : key);
   if (indent == 0)
      for (char *t = title; *t; t++)
         *t = (char)toupper((unsigned char)*t);
   text_buf_addf(b, "\n%*s%s\n", indent, "", title);
   free(title);
   if (json_is_object(v)) {
      privacy_add_object(b, indent + 2, v, NULL);
      return;
   }
   if (json_array_size(v) == 0)
      text_buf_addf(b, "%*snone\n", indent + 2, "");
   size_t i;
   json_t *item;
   json_array_foreach(v, i, item) {
      if (!sec || !sec->item) {
         privacy_add_line_item(b, indent + 2, item);
         continue;
      }
      /* Each item is headed by what names it: its reference or its number. */
      json_t *ref = json_object_get(item, "reference");
      json_t *number = json_object_get(item, "number");
      if (ref)
         text_buf_addf(b, "%*s%s %s\n", indent + 2, "", sec->item, json_string_value(ref));
      else if (number)
         text_buf_addf(b, "%*s%s %lld\n", indent + 2, "", sec->item, (long long)json_integer_value(number));
      else
         text_buf_addf(b, "%*s%s\n", indent + 2, "", sec->item);
      privacy_add_object(b, indent + 4, item, ref ? "reference" : "number");
   }
}

static void privacy_add_object(TextBuf *b, int indent, json_t *o, const char *skip) {
   const char *key;
   json_t *v;
   json_object_foreach(o, key, v) {
      if (skip && strcmp(key, skip) == 0)
         continue;
      if (json_is_array(v) || json_is_object(v))
         privacy_add_section(b, indent, key, v);
      else
         privacy_add_field(b, indent, key, v);
   }
}

/* The document in the format asked for; caller frees. */
static char *privacy_render(json_t *doc, PrivacyFormat format) {
   if (format == PRIVACY_JSON) {
      char *json = json_dumps(doc, JSON_INDENT(2));
      char *out = xasprintf("%s\n", json ? json : "{}");
      free(json);
      return out;
   }
   TextBuf b = { 0 };
   text_buf_adds(&b, "SUBJECT ACCESS REQUEST\n\n");
   privacy_add_object(&b, 0, doc, NULL);
   text_buf_adds(&b, "\nEnd of the document.\n");
   char *flat = text_buf_take(&b);
   char *text = NULL;
   size_t len = 0;
   FILE *mem = open_memstream(&text, &len);
   if (!mem)
      return flat;
   text_wrap(mem, flat, PRIVACY_TEXT_WIDTH);
   fclose(mem);
   free(flat);
   return text;
}

/* --- the export ------------------------------------------------------------------------------ */

static RdStatus privacy_write_all(int fd, const char *text, const char *path, RdError *err) {
   size_t len = strlen(text);
   while (len) {
      ssize_t n = write(fd, text, len);
      if (n < 0 && errno == EINTR)
         continue;
      if (n < 0)
         return error_set(err, RD_EIO, "cannot write %s: %m", path);
      text += n;
      len -= (size_t)n;
   }
   if (fsync(fd) != 0)
      return error_set(err, RD_EIO, "cannot write %s to the disk: %m", path);
   return RD_OK;
}

/* A new file only its owner may read: the export holds everything about a person. */
static RdStatus privacy_create(const char *path, int *fd, RdError *err) {
   *fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
   if (*fd < 0 && errno == EEXIST)
      return error_set(err, RD_ERULE, "%s already exists: redress will not overwrite it (choose a new name)", path);
   if (*fd < 0)
      return error_set(err, RD_EIO, "cannot create %s: %m", path);
   if (fchmod(*fd, 0600) != 0) {
      RdStatus st = error_set(err, RD_EIO, "cannot make %s private to you: %m", path);
      close(*fd);
      unlink(path);
      return st;
   }
   return RD_OK;
}

static RdStatus privacy_record_export(Session *s, int64_t person_id, PrivacyFormat format, const char *path,
                                      RdError *err) {
   char detail[64];
   snprintf(detail, sizeof detail, "%s, %s", format == PRIVACY_JSON ? "JSON" : "text",
            path ? "to a file" : "on the screen or a pipe");
   AccessRecord rec = { ACCESS_EXPORT, person_id, 0, detail };
   return audit_access(s->store, s->me.login, clock_now(), &rec, err);
}

/* Inside the export's transaction: the document, its record, and the file when there is
 * one. *text (caller frees) is the document. */
static RdStatus privacy_export_begun(Session *s, int64_t person_id, PrivacyFormat format, const char *path, int fd,
                                     char **text, RdError *err) {
   json_t *doc = privacy_document(s, person_id, err);
   if (!doc)
      return err ? err->status : RD_EDB;
   RdStatus st = privacy_record_export(s, person_id, format, path, err);
   if (st == RD_OK)
      *text = privacy_render(doc, format);
   json_decref(doc);
   if (st == RD_OK && path)
      st = privacy_write_all(fd, *text, path, err);
   return st;
}

RdStatus privacy_export(Session *s, int64_t person_id, PrivacyFormat format, const char *path, FILE *out,
                        RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_MANAGER | ROLE_ADMIN, "export everything held about a person", err);
   if (st != RD_OK)
      return st;
   if (store_read_only(s->store))
      return error_set(err, RD_ERULE, "every export of a person's records is recorded, which cannot be done while "
                       "the database is read-only: open it without --read-only");
   json_set_alloc_funcs(xmalloc, free);
   int fd = -1;
   if (path && (st = privacy_create(path, &fd, err)) != RD_OK)
      return st;
   char *text = NULL;
   st = store_begin(s->store, err);
   if (st == RD_OK) {
      st = privacy_export_begun(s, person_id, format, path, fd, &text, err);
      /* A file is written before its record is saved, and removed if the save fails; what
       * goes to a terminal cannot be taken back, so its record is saved first. */
      if (st == RD_OK)
         st = store_commit(s->store, err);
      else
         store_rollback(s->store);
   }
   if (st == RD_OK && !path && (fputs(text, out) == EOF || fflush(out) != 0))
      st = error_set(err, RD_EIO, "the export was recorded but could not be written out: %m");
   if (fd >= 0 && close(fd) != 0 && st == RD_OK)
      st = error_set(err, RD_EIO, "cannot finish writing %s: %m", path);
   if (path && st != RD_OK)
      unlink(path);
   free(text);
   return st;
}

/* --- retention ---------------------------------------------------------------------------- */

RdDate privacy_retention_cutoff(const Session *s) {
   return datetime_add_months(clock_today(), -12 * s->config->retention_years);
}

static RetentionCase *privacy_plan_add(RetentionPlan *plan, size_t *cap) {
   if (plan->count == *cap) {
      *cap = *cap ? *cap * 2 : 16;
      plan->cases = xreallocarray(plan->cases, *cap, sizeof *plan->cases);
   }
   RetentionCase *rc = &plan->cases[plan->count++];
   memset(rc, 0, sizeof *rc);
   return rc;
}

static void privacy_left_because(RetentionCase *rc, int open_actions, int open_referrals) {
   if (open_actions)
      snprintf(rc->left_because, sizeof rc->left_because, "%d outstanding action%s (Code 6.6)", open_actions,
               open_actions == 1 ? "" : "s");
   else if (open_referrals)
      snprintf(rc->left_because, sizeof rc->left_because, "a Housing Ombudsman referral awaits its determination");
}

static RdStatus privacy_plan_cases(Session *s, RdInstant cutoff, RetentionPlan *plan, RdError *err) {
   static const char sql[] =
      "SELECT c.id, c.ref, c.closed_at, COALESCE(c.close_reason, ''), "
      "(SELECT count(*) FROM action a WHERE a.complaint_id = c.id AND a.done_on IS NULL), "
      "(SELECT count(*) FROM ombudsman_referral r WHERE r.complaint_id = c.id AND r.determination IS NULL) "
      "FROM complaint c WHERE c.closed_at IS NOT NULL AND c.closed_at < ?1 AND c.anonymised_at IS NULL "
      "ORDER BY c.closed_at, c.id";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   store_bind_instant(q, 1, cutoff);
   size_t cap = 0;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      RetentionCase *c = privacy_plan_add(plan, &cap);
      c->id = sqlite3_column_int64(q, 0);
      str_copy(c->ref, store_column_text(q, 1), sizeof c->ref);
      c->closed_at = store_column_instant(q, 2);
      str_copy(c->close_reason, store_column_text(q, 3), sizeof c->close_reason);
      privacy_left_because(c, sqlite3_column_int(q, 4), sqlite3_column_int(q, 5));
   }
   sqlite3_reset(q);
   return rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "finding the cases past the retention period");
}

static RdStatus privacy_count_texts(Session *s, RetentionCase *rc, RdError *err) {
   static const char sql[] =
      "SELECT (SELECT (summary <> '') + (outcome_sought <> '') + (COALESCE(exclusion_detail, '') <> '') + "
      "(COALESCE(accepted_late_reason, '') <> '') + (COALESCE(close_note, '') <> '') FROM complaint WHERE id = ?1) + "
      "(SELECT COALESCE(sum((COALESCE(definition, '') <> '') + (COALESCE(extension_reason, '') <> '') + "
      "(COALESCE(reasons, '') <> '') + (COALESCE(decline_reason, '') <> '')), 0) FROM stage WHERE complaint_id = ?1) + "
      "(SELECT count(*) FROM conflict WHERE complaint_id = ?1) + "
      "(SELECT count(*) FROM ombudsman_referral WHERE complaint_id = ?1 AND their_ref <> '') + "
      "(SELECT count(*) FROM ombudsman_order o JOIN ombudsman_referral r ON r.id = o.referral_id "
      "WHERE r.complaint_id = ?1), "
      "(SELECT count(*) FROM contact WHERE complaint_id = ?1), "
      "(SELECT count(*) FROM remedy WHERE complaint_id = ?1), "
      "(SELECT count(*) FROM action WHERE complaint_id = ?1), "
      "(SELECT count(*) FROM action_update u JOIN action a ON a.id = u.action_id WHERE a.complaint_id = ?1), "
      "(SELECT count(*) FROM letter WHERE complaint_id = ?1 AND path <> ?2)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, rc->id);
   store_bind_text(q, 2, PRIVACY_REMOVED);
   int r = sqlite3_step(q);
   if (r == SQLITE_ROW) {
      rc->texts = sqlite3_column_int(q, 0);
      rc->contacts = sqlite3_column_int(q, 1);
      rc->remedies = sqlite3_column_int(q, 2);
      rc->actions = sqlite3_column_int(q, 3);
      rc->updates = sqlite3_column_int(q, 4);
      rc->letters = sqlite3_column_int(q, 5);
   }
   sqlite3_reset(q);
   return r == SQLITE_ROW ? RD_OK : store_fail(s->store, err, "counting the texts of a case");
}

static bool privacy_plan_anonymises(const RetentionPlan *plan, int64_t complaint_id) {
   for (size_t i = 0; i < plan->count; i++)
      if (plan->cases[i].id == complaint_id)
         return plan->cases[i].left_because[0] == '\0';
   return false;
}

static bool privacy_plan_decided(const RetentionPlan *plan, size_t upto, int64_t person_id) {
   for (size_t i = 0; i < upto; i++)
      for (size_t j = 0; j < plan->cases[i].person_count; j++)
         if (plan->cases[i].people[j].id == person_id)
            return true;
   return false;
}

/* A person stays while any case of theirs is still inside the period (open, closed
 * recently, or left as it is by this run): kept_for names the first such case. */
static RdStatus privacy_plan_person(Session *s, const RetentionPlan *plan, RetentionPerson *p, RdError *err) {
   static const char sql[] =
      "SELECT c.id, c.ref FROM complaint c WHERE c.anonymised_at IS NULL AND (c.person_id = ?1 OR c.id IN "
      "(SELECT complaint_id FROM complaint_member WHERE person_id = ?1)) ORDER BY c.received_at, c.id";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, p->id);
   p->anonymised = true;
   int rc = SQLITE_DONE;
   while (p->anonymised && (rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (!privacy_plan_anonymises(plan, sqlite3_column_int64(q, 0))) {
         p->anonymised = false;
         str_copy(p->kept_for, store_column_text(q, 1), sizeof p->kept_for);
      }
   }
   if (p->anonymised && rc != SQLITE_DONE) {
      sqlite3_reset(q);
      return store_fail(s->store, err, "looking for a person's other cases");
   }
   sqlite3_reset(q);
   return RD_OK;
}

static RdStatus privacy_plan_people(Session *s, RetentionPlan *plan, size_t index, RdError *err) {
   static const char sql[] =
      "SELECT p.id FROM person p WHERE p.anonymised_at IS NULL AND (p.id = (SELECT person_id FROM complaint "
      "WHERE id = ?1) OR p.id IN (SELECT person_id FROM complaint_member WHERE complaint_id = ?1)) ORDER BY p.id";
   RetentionCase *rc = &plan->cases[index];
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, rc->id);
   int64_t *ids = NULL;
   size_t n = 0;
   int r;
   /* Read the list first: deciding each person steps other statements. */
   while ((r = sqlite3_step(q)) == SQLITE_ROW) {
      ids = xreallocarray(ids, n + 1, sizeof *ids);
      ids[n++] = sqlite3_column_int64(q, 0);
   }
   sqlite3_reset(q);
   RdStatus st = r == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "finding the people of a case");
   rc->people = xcalloc(n ? n : 1, sizeof *rc->people);
   for (size_t i = 0; st == RD_OK && i < n; i++) {
      if (privacy_plan_decided(plan, index, ids[i]))
         continue;
      RetentionPerson *p = &rc->people[rc->person_count++];
      p->id = ids[i];
      st = privacy_plan_person(s, plan, p, err);
      if (p->anonymised)
         plan->people_anonymised++;
      else
         plan->people_kept++;
   }
   free(ids);
   return st;
}

static RdStatus privacy_plan(Session *s, RdDate before, RetentionPlan *plan, RdError *err) {
   RdStatus st = privacy_plan_cases(s, datetime_local_to_instant(before, 0), plan, err);
   for (size_t i = 0; st == RD_OK && i < plan->count; i++) {
      RetentionCase *rc = &plan->cases[i];
      if (rc->left_because[0]) {
         plan->left++;
         continue;
      }
      plan->anonymised++;
      st = privacy_count_texts(s, rc, err);
      plan->texts += (size_t)(rc->texts + rc->contacts + rc->remedies + rc->actions + rc->updates);
      plan->letters += (size_t)rc->letters;
   }
   /* People only once every case's fate is known: a person goes with their last case. */
   for (size_t i = 0; st == RD_OK && i < plan->count; i++)
      if (!plan->cases[i].left_because[0])
         st = privacy_plan_people(s, plan, i, err);
   return st;
}

/* Each statement takes the case as ?1 and the words that replace a text as ?2. */
#define PRIVACY_REMOVE(col) col " = CASE WHEN COALESCE(" col ", '') = '' THEN " col " ELSE ?2 END"

static const char *const privacy_case_sql[] = {
   "UPDATE stage SET " PRIVACY_REMOVE("definition") ", " PRIVACY_REMOVE("extension_reason") ", "
   PRIVACY_REMOVE("reasons") ", " PRIVACY_REMOVE("decline_reason") " WHERE complaint_id = ?1",
   "UPDATE contact SET summary = ?2 WHERE complaint_id = ?1",
   "UPDATE remedy SET detail = ?2 WHERE complaint_id = ?1",
   "UPDATE action_update SET text = ?2 WHERE action_id IN (SELECT id FROM action WHERE complaint_id = ?1)",
   "UPDATE action SET what = ?2, version = version + 1 WHERE complaint_id = ?1",
   "UPDATE conflict SET reason = ?2 WHERE complaint_id = ?1",
   "UPDATE ombudsman_order SET text = ?2 WHERE referral_id IN "
   "(SELECT id FROM ombudsman_referral WHERE complaint_id = ?1)",
   "UPDATE ombudsman_referral SET " PRIVACY_REMOVE("their_ref") " WHERE complaint_id = ?1",
   "UPDATE letter SET path = ?2 WHERE complaint_id = ?1",
};

/* Each takes the person as ?1 and the words that replace a text as ?2. */
static const char *const privacy_person_sql[] = {
   "DELETE FROM person_key WHERE person_id = ?1",
   "UPDATE adjustment SET detail = ?2 WHERE person_id = ?1",
   "UPDATE restriction SET restricts = ?2, reason = ?2, approved_by = ?2 WHERE person_id = ?1",
   "UPDATE representative SET name = ?2, organisation = '', phone = '', email = '', authority = ?2 "
   "WHERE person_id = ?1",
};

static RdStatus privacy_run_each(Session *s, const char *const *sql, size_t n, int64_t id, RdError *err) {
   RdStatus st = RD_OK;
   for (size_t i = 0; st == RD_OK && i < n; i++) {
      sqlite3_stmt *q = store_stmt(s->store, sql[i], err);
      if (!q)
         return RD_EDB;
      sqlite3_bind_int64(q, 1, id);
      store_bind_text(q, 2, PRIVACY_REMOVED);
      st = store_run(s->store, q, err);
   }
   return st;
}

static void privacy_add_file(char ***files, size_t *count, const char *path) {
   *files = xreallocarray(*files, *count + 1, sizeof **files);
   (*files)[(*count)++] = xstrdup(path);
}

static RdStatus privacy_letter_files(Session *s, int64_t complaint_id, char ***files, size_t *count, RdError *err) {
   static const char sql[] = "SELECT path FROM letter WHERE complaint_id = ?1 AND path <> ?2 AND path <> ''";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, complaint_id);
   store_bind_text(q, 2, PRIVACY_REMOVED);
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW)
      privacy_add_file(files, count, store_column_text(q, 0));
   sqlite3_reset(q);
   return rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "finding the letters of a case");
}

static RdStatus privacy_anonymise_case(Session *s, const RetentionCase *rc, RdInstant now, char ***files,
                                       size_t *count, RdError *err) {
   static const char sql[] =
      "UPDATE complaint SET summary = ?2, " PRIVACY_REMOVE("outcome_sought") ", " PRIVACY_REMOVE("exclusion_detail")
      ", " PRIVACY_REMOVE("accepted_late_reason") ", " PRIVACY_REMOVE("close_note") ", anonymised_at = ?3, "
      "updated_by = ?4, updated_at = ?3, version = version + 1 WHERE id = ?1";
   RdStatus st = privacy_letter_files(s, rc->id, files, count, err);
   if (st == RD_OK)
      st = privacy_run_each(s, privacy_case_sql, sizeof privacy_case_sql / sizeof *privacy_case_sql, rc->id, err);
   sqlite3_stmt *q = st == RD_OK ? store_stmt(s->store, sql, err) : NULL;
   if (st == RD_OK && !q)
      st = RD_EDB;
   if (st != RD_OK)
      return st;
   sqlite3_bind_int64(q, 1, rc->id);
   store_bind_text(q, 2, PRIVACY_REMOVED);
   store_bind_instant(q, 3, now);
   store_bind_id(q, 4, s->me.id);
   return store_run(s->store, q, err);
}

static RdStatus privacy_anonymise_person(Session *s, int64_t person_id, RdInstant now, RdError *err) {
   static const char sql[] =
      "UPDATE person SET name = ?2, tenancy_ref = '', property = '', phone = '', email = '', address = '', "
      "preferred_contact = '', vulnerabilities = '', tenancy_ended_on = NULL, do_not_contact = '', "
      "anonymised_at = ?3, version = version + 1 WHERE id = ?1";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, person_id);
   store_bind_text(q, 2, PRIVACY_REMOVED);
   store_bind_instant(q, 3, now);
   RdStatus st = store_run(s->store, q, err);
   if (st == RD_OK)
      st = privacy_run_each(s, privacy_person_sql, sizeof privacy_person_sql / sizeof *privacy_person_sql, person_id,
                            err);
   return st;
}

static RdStatus privacy_apply(Session *s, RetentionPlan *plan, char ***files, size_t *count, RdError *err) {
   RdInstant now = clock_now();
   RdStatus st = RD_OK;
   for (size_t i = 0; st == RD_OK && i < plan->count; i++) {
      const RetentionCase *rc = &plan->cases[i];
      if (rc->left_because[0])
         continue;
      st = privacy_anonymise_case(s, rc, now, files, count, err);
      for (size_t j = 0; st == RD_OK && j < rc->person_count; j++)
         if (rc->people[j].anonymised)
            st = privacy_anonymise_person(s, rc->people[j].id, now, err);
   }
   if (st != RD_OK)
      return st;
   char day[RD_DATE_BUFSIZE], detail[400];
   datetime_format_date(plan->before, day);
   snprintf(detail, sizeof detail, "closed cases before %s: %zu anonymised, %zu left as they are; people: %zu "
            "anonymised, %zu kept for a case inside the period; %zu texts removed; %zu letter files to remove",
            day, plan->anonymised, plan->left, plan->people_anonymised, plan->people_kept, plan->texts, *count);
   AuditEvent ev = { 0, "retention", 0, "anonymised", detail };
   return audit_record(s->store, s->me.login, now, &ev, err);
}

/* Letters are files beside the database: removed once the change is saved, because a
 * file removed cannot be put back if the save failed. Only absolute paths of regular
 * files are removed; the others are left for the admin, named. */
static void privacy_remove_files(RetentionPlan *plan, char **files, size_t count) {
   for (size_t i = 0; i < count; i++) {
      struct stat sb;
      if (files[i][0] == '/' && lstat(files[i], &sb) != 0 && errno == ENOENT) {
         plan->files_removed++;
         free(files[i]);
         continue;
      }
      if (files[i][0] == '/' && S_ISREG(sb.st_mode) && unlink(files[i]) == 0) {
         plan->files_removed++;
         free(files[i]);
         continue;
      }
      plan->files_left = xreallocarray(plan->files_left, plan->files_left_count + 1, sizeof *plan->files_left);
      plan->files_left[plan->files_left_count++] = files[i];
   }
   free(files);
}

RdStatus privacy_retention(Session *s, RdDate before, bool dry_run, RetentionPlan *out, RdError *err) {
   memset(out, 0, sizeof *out);
   RdStatus st = lifecycle_require(s, ROLE_ADMIN, "anonymise cases past the retention period", err);
   if (st != RD_OK)
      return st;
   if (before == RD_NO_DATE)
      before = privacy_retention_cutoff(s);
   if (before > clock_today())
      return error_set(err, RD_EINPUT, "the day given is still to come: retention anonymises cases closed before a "
                       "day that has passed");
   out->before = before;
   out->dry_run = dry_run;
   if (dry_run)
      return privacy_plan(s, before, out, err);
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   char **files = NULL;
   size_t count = 0;
   st = privacy_plan(s, before, out, err);
   if (st == RD_OK && out->anonymised)
      st = privacy_apply(s, out, &files, &count, err);
   if (st == RD_OK && out->anonymised)
      st = store_commit(s->store, err);
   else
      store_rollback(s->store);
   if (st == RD_OK) {
      privacy_remove_files(out, files, count);
      return RD_OK;
   }
   for (size_t i = 0; i < count; i++)
      free(files[i]);
   free(files);
   return st;
}

void privacy_retention_clear(RetentionPlan *plan) {
   for (size_t i = 0; i < plan->count; i++)
      free(plan->cases[i].people);
   free(plan->cases);
   for (size_t i = 0; i < plan->files_left_count; i++)
      free(plan->files_left[i]);
   free(plan->files_left);
   memset(plan, 0, sizeof *plan);
}
