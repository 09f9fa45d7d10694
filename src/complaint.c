/* complaint: the two stages of the Code as transitions, each one transaction. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/xalloc.h"

static const char *const complaint_kind_names[] = {
   "untriaged", "complaint", "service-request", "excluded", "quick"
};
static const char *const complaint_decision_names[] = {
   "", "upheld", "partly-upheld", "not-upheld"
};
static const char *const complaint_close_names[] = {
   "", "resolved", "no-contact", "withdrawn", "excluded", "final-response", "service-request-done",
   "quick-resolution", "escalation-declined"
};
static const char *const complaint_channels[] = {
   "phone", "email", "letter", "in-person", "web", "social-media", "other"
};

#define COUNT_OF(a) (sizeof (a) / sizeof *(a))

/* --- names ------------------------------------------------------------------------- */

static int complaint_lookup(const char *const *names, size_t n, const char *text) {
   for (size_t i = 0; text && i < n; i++)
      if (names[i][0] && strcmp(names[i], text) == 0)
         return (int)i;
   return -1;
}

const char *complaint_kind_name(ComplaintKind kind) {
   return complaint_kind_names[kind];
}

RdStatus complaint_kind_parse(const char *text, ComplaintKind *out, RdError *err) {
   int i = complaint_lookup(complaint_kind_names, COUNT_OF(complaint_kind_names), text);
   if (i < 0)
      return error_set(err, RD_EINPUT, "'%s' is not a triage: use complaint, service-request, excluded or "
                       "quick (resolved at first contact)", text ? text : "");
   *out = (ComplaintKind)i;
   return RD_OK;
}

const char *complaint_decision_name(Decision d) {
   return complaint_decision_names[d];
}

RdStatus complaint_decision_parse(const char *text, Decision *out, RdError *err) {
   int i = complaint_lookup(complaint_decision_names, COUNT_OF(complaint_decision_names), text);
   if (i <= 0)
      return error_set(err, RD_EINPUT, "'%s' is not a decision: use upheld, partly-upheld or not-upheld",
                       text ? text : "");
   *out = (Decision)i;
   return RD_OK;
}

const char *complaint_close_reason_name(CloseReason r) {
   return complaint_close_names[r];
}

RdStatus complaint_close_reason_parse(const char *text, CloseReason *out, RdError *err) {
   int i = complaint_lookup(complaint_close_names, COUNT_OF(complaint_close_names), text);
   if (i <= 0)
      return error_set(err, RD_EINPUT, "'%s' is not a reason to close: use resolved, no-contact, withdrawn, "
                       "final-response or service-request-done", text ? text : "");
   *out = (CloseReason)i;
   return RD_OK;
}

RdStatus complaint_channel_check(const char *channel, RdError *err) {
   if (complaint_lookup(complaint_channels, COUNT_OF(complaint_channels), channel) >= 0)
      return RD_OK;
   return error_set(err, RD_EINPUT, "'%s' is not a channel: use phone, email, letter, in-person, web, "
                    "social-media or other", channel ? channel : "");
}

/* --- the records ------------------------------------------------------------------- */

static void complaint_stage_init(StageRecord *st, int number) {
   memset(st, 0, sizeof *st);
   st->number = number;
   st->start_on = RD_NO_DATE;
   st->requested_at = RD_NO_INSTANT;
   st->acknowledged_at = RD_NO_INSTANT;
   st->agreed_on = RD_NO_DATE;
   st->ack_due = RD_NO_DATE;
   st->response_due = RD_NO_DATE;
   st->extension_limit = RD_NO_DATE;
   st->extended_to = RD_NO_DATE;
   st->extension_told_at = RD_NO_INSTANT;
   st->responded_at = RD_NO_INSTANT;
   st->declined_at = RD_NO_INSTANT;
}

static void complaint_stage_clear(StageRecord *st, int number) {
   free(st->definition);
   free(st->extension_reason);
   free(st->reasons);
   free(st->decline_reason);
   complaint_stage_init(st, number);
}

void complaint_init(Complaint *c) {
   memset(c, 0, sizeof *c);
   c->stage = 1;
   c->received_at = RD_NO_INSTANT;
   c->incident_on = RD_NO_DATE;
   c->last_update_at = RD_NO_INSTANT;
   c->closed_at = RD_NO_INSTANT;
   c->updated_at = RD_NO_INSTANT;
   c->anonymised_at = RD_NO_INSTANT;
   complaint_stage_init(&c->stages[0], 1);
   complaint_stage_init(&c->stages[1], 2);
}

void complaint_clear(Complaint *c) {
   free(c->channel);
   free(c->category);
   free(c->summary);
   free(c->outcome_sought);
   free(c->about_team);
   free(c->exclusion_code);
   free(c->exclusion_detail);
   free(c->accepted_late_reason);
   free(c->close_note);
   complaint_stage_clear(&c->stages[0], 1);
   complaint_stage_clear(&c->stages[1], 2);
   complaint_init(c);
}

bool complaint_is_open(const Complaint *c) {
   return c->closed_at == RD_NO_INSTANT;
}

const StageRecord *complaint_current_stage(const Complaint *c) {
   return &c->stages[c->stage - 1];
}

static StageRecord *complaint_stage_of(Complaint *c) {
   return &c->stages[c->stage - 1];
}

/* --- reading ----------------------------------------------------------------------- */

#define COMPLAINT_COLUMNS \
   "id, ref, kind, stage, person_id, representative_id, channel, received_at, incident_on, category, " \
   "summary, outcome_sought, anonymous, confidential, about_staff_id, about_team, exclusion_code, " \
   "exclusion_detail, out_of_time, accepted_late_reason, policy, last_update_at, closed_at, close_reason, " \
   "close_note, updated_by, updated_at, version, anonymised_at"

static void complaint_read_row(sqlite3_stmt *q, Complaint *c) {
   c->id = sqlite3_column_int64(q, 0);
   str_copy(c->ref, store_column_text(q, 1), sizeof c->ref);
   int kind = complaint_lookup(complaint_kind_names, COUNT_OF(complaint_kind_names), store_column_text(q, 2));
   c->kind = kind < 0 ? KIND_UNTRIAGED : (ComplaintKind)kind;
   c->stage = sqlite3_column_int(q, 3);
   c->person_id = sqlite3_column_int64(q, 4);
   c->representative_id = sqlite3_column_int64(q, 5);
   c->channel = store_column_dup(q, 6);
   c->received_at = store_column_instant(q, 7);
   c->incident_on = store_column_date(q, 8);
   c->category = store_column_dup(q, 9);
   c->summary = store_column_dup(q, 10);
   c->outcome_sought = store_column_dup(q, 11);
   c->anonymous = sqlite3_column_int(q, 12) != 0;
   c->confidential = sqlite3_column_int(q, 13) != 0;
   c->about_staff_id = sqlite3_column_int64(q, 14);
   c->about_team = store_column_dup(q, 15);
   c->exclusion_code = store_column_dup(q, 16);
   c->exclusion_detail = store_column_dup(q, 17);
   c->out_of_time = sqlite3_column_int(q, 18) != 0;
   c->accepted_late_reason = store_column_dup(q, 19);
   str_copy(c->policy, store_column_text(q, 20), sizeof c->policy);
   c->last_update_at = store_column_instant(q, 21);
   c->closed_at = store_column_instant(q, 22);
   int reason = complaint_lookup(complaint_close_names, COUNT_OF(complaint_close_names), store_column_text(q, 23));
   c->close_reason = reason < 0 ? CLOSE_NONE : (CloseReason)reason;
   c->close_note = store_column_dup(q, 24);
   c->updated_by = sqlite3_column_int64(q, 25);
   c->updated_at = store_column_instant(q, 26);
   c->version = sqlite3_column_int(q, 27);
   c->anonymised_at = store_column_instant(q, 28);
}

static void complaint_read_stage(sqlite3_stmt *q, StageRecord *st) {
   st->present = true;
   st->number = sqlite3_column_int(q, 0);
   st->start_on = store_column_date(q, 1);
   st->requested_at = store_column_instant(q, 2);
   st->definition = store_column_dup(q, 3);
   st->handler_id = sqlite3_column_int64(q, 4);
   st->acknowledged_at = store_column_instant(q, 5);
   st->agreed_on = store_column_date(q, 6);
   st->ack_due = store_column_date(q, 7);
   st->response_due = store_column_date(q, 8);
   st->extension_limit = store_column_date(q, 9);
   st->extended_to = store_column_date(q, 10);
   st->extension_reason = store_column_dup(q, 11);
   st->extension_told_at = store_column_instant(q, 12);
   st->responded_at = store_column_instant(q, 13);
   int d = complaint_lookup(complaint_decision_names, COUNT_OF(complaint_decision_names), store_column_text(q, 14));
   st->decision = d < 0 ? DECISION_NONE : (Decision)d;
   st->reasons = store_column_dup(q, 15);
   st->declined_at = store_column_instant(q, 16);
   st->decline_reason = store_column_dup(q, 17);
   st->late_request = sqlite3_column_int(q, 18) != 0;
   str_copy(st->policy, store_column_text(q, 19), sizeof st->policy);
}

static RdStatus complaint_load_stages(Session *s, Complaint *c, RdError *err) {
   static const char sql[] =
      "SELECT number, start_on, requested_at, definition, handler_id, acknowledged_at, agreed_on, ack_due, "
      "response_due, extension_limit, extended_to, extension_reason, extension_told_at, responded_at, "
      "decision, reasons, declined_at, decline_reason, late_request, policy FROM stage WHERE complaint_id = ?1";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, c->id);
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      int n = sqlite3_column_int(q, 0);
      if (n == 1 || n == 2)
         complaint_read_stage(q, &c->stages[n - 1]);
   }
   sqlite3_reset(q);
   return rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "reading the stages of a case");
}

static RdStatus complaint_load(Session *s, sqlite3_stmt *q, Complaint *out, const char *missing, RdError *err) {
   int rc = sqlite3_step(q);
   RdStatus st = RD_OK;
   if (rc == SQLITE_ROW) {
      complaint_clear(out);
      complaint_read_row(q, out);
   } else if (rc == SQLITE_DONE) {
      st = error_set(err, RD_ENOTFOUND, "%s", missing);
   } else {
      st = store_fail(s->store, err, "reading a case");
   }
   sqlite3_reset(q);
   if (st == RD_OK)
      st = complaint_load_stages(s, out, err);
   return st;
}

RdStatus complaint_get(Session *s, const char *ref, Complaint *out, RdError *err) {
   static const char sql[] = "SELECT " COMPLAINT_COLUMNS " FROM complaint WHERE ref = upper(?1)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   store_bind_text(q, 1, ref);
   char missing[128];
   snprintf(missing, sizeof missing, "there is no case %s (references look like C25-00042)", ref ? ref : "");
   return complaint_load(s, q, out, missing, err);
}

RdStatus complaint_get_id(Session *s, int64_t id, Complaint *out, RdError *err) {
   static const char sql[] = "SELECT " COMPLAINT_COLUMNS " FROM complaint WHERE id = ?1";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, id);
   char missing[64];
   snprintf(missing, sizeof missing, "there is no case with id %lld", (long long)id);
   return complaint_load(s, q, out, missing, err);
}

bool complaint_may_view(const Complaint *c, const Staff *who) {
   if (!c->confidential)
      return true;
   if (!who || !who->active)
      return false;
   if (staff_sees_every_confidential_case(who))
      return true;
   return (c->stages[0].present && c->stages[0].handler_id == who->id) ||
          (c->stages[1].present && c->stages[1].handler_id == who->id);
}

static RdStatus complaint_record_view(Session *s, const Complaint *c, RdError *err) {
   if (store_read_only(s->store))
      return error_set(err, RD_ERULE, "%s is confidential and every view of it is recorded, which cannot be done "
                       "while the database is read-only: open it without --read-only (or ask the admin to add "
                       "you to its group)", c->ref);
   RdStatus st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   AccessRecord rec = { ACCESS_VIEW, c->person_id, c->id, "confidential case shown" };
   st = audit_access(s->store, s->me.login, clock_now(), &rec, err);
   if (st == RD_OK)
      return store_commit(s->store, err);
   store_rollback(s->store);
   return st;
}

RdStatus complaint_view(Session *s, const char *ref, Complaint *out, RdError *err) {
   if (!s->logged_in)
      return error_set(err, RD_EDENIED, "nobody is logged in to view a case");
   RdStatus st = complaint_get(s, ref, out, err);
   if (st != RD_OK || !out->confidential)
      return st;
   if (!complaint_may_view(out, &s->me)) {
      error_set(err, RD_EDENIED, "%s is confidential: only its handlers, managers and admins may see it (%s is "
                "none of these); ask a manager if you need it", out->ref, s->me.login);
      audit_refusal(s->store, s->me.login, "view a confidential case", err->message);
      complaint_clear(out);
      return RD_EDENIED;
   }
   st = complaint_record_view(s, out, err);
   if (st != RD_OK)
      complaint_clear(out);
   return st;
}

/* --- writing ----------------------------------------------------------------------- */

static RdStatus complaint_save(Session *s, Complaint *c, RdError *err) {
   static const char sql[] =
      "UPDATE complaint SET kind = ?2, stage = ?3, person_id = ?4, category = ?5, summary = ?6, "
      "exclusion_code = ?7, exclusion_detail = ?8, out_of_time = ?9, accepted_late_reason = ?10, "
      "last_update_at = ?11, closed_at = ?12, close_reason = ?13, close_note = ?14, updated_by = ?15, "
      "updated_at = ?16, version = version + 1 WHERE id = ?1 AND version = ?17";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, c->id);
   store_bind_text(q, 2, complaint_kind_names[c->kind]);
   sqlite3_bind_int(q, 3, c->stage);
   store_bind_id(q, 4, c->person_id);
   store_bind_text(q, 5, c->category ? c->category : "");
   store_bind_text(q, 6, c->summary);
   store_bind_text(q, 7, c->exclusion_code);
   store_bind_text(q, 8, c->exclusion_detail);
   sqlite3_bind_int(q, 9, c->out_of_time);
   store_bind_text(q, 10, c->accepted_late_reason);
   store_bind_instant(q, 11, c->last_update_at);
   store_bind_instant(q, 12, c->closed_at);
   store_bind_text(q, 13, c->close_reason == CLOSE_NONE ? NULL : complaint_close_names[c->close_reason]);
   store_bind_text(q, 14, c->close_note);
   store_bind_id(q, 15, s->me.id);
   store_bind_instant(q, 16, clock_now());
   sqlite3_bind_int(q, 17, c->version);
   RdStatus st = store_run(s->store, q, err);
   if (st == RD_OK && sqlite3_changes(store_db(s->store)) != 1)
      return lifecycle_conflict(s, c->id, c->ref, err);
   if (st == RD_OK)
      c->version++;
   return st;
}

static RdStatus complaint_save_stage(Session *s, int64_t complaint_id, const StageRecord *st, RdError *err) {
   static const char sql[] =
      "INSERT INTO stage (complaint_id, number, start_on, requested_at, definition, handler_id, acknowledged_at, "
      "agreed_on, ack_due, response_due, extension_limit, extended_to, extension_reason, extension_told_at, "
      "responded_at, decision, reasons, declined_at, decline_reason, late_request, policy) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21) "
      "ON CONFLICT (complaint_id, number) DO UPDATE SET start_on = ?3, requested_at = ?4, definition = ?5, "
      "handler_id = ?6, acknowledged_at = ?7, agreed_on = ?8, ack_due = ?9, response_due = ?10, "
      "extension_limit = ?11, extended_to = ?12, extension_reason = ?13, extension_told_at = ?14, "
      "responded_at = ?15, decision = ?16, reasons = ?17, declined_at = ?18, decline_reason = ?19, "
      "late_request = ?20, policy = ?21";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, complaint_id);
   sqlite3_bind_int(q, 2, st->number);
   store_bind_date(q, 3, st->start_on);
   store_bind_instant(q, 4, st->requested_at);
   store_bind_text(q, 5, st->definition);
   store_bind_id(q, 6, st->handler_id);
   store_bind_instant(q, 7, st->acknowledged_at);
   store_bind_date(q, 8, st->agreed_on);
   store_bind_date(q, 9, st->ack_due);
   store_bind_date(q, 10, st->response_due);
   store_bind_date(q, 11, st->extension_limit);
   store_bind_date(q, 12, st->extended_to);
   store_bind_text(q, 13, st->extension_reason);
   store_bind_instant(q, 14, st->extension_told_at);
   store_bind_instant(q, 15, st->responded_at);
   store_bind_text(q, 16, st->decision == DECISION_NONE ? NULL : complaint_decision_names[st->decision]);
   store_bind_text(q, 17, st->reasons);
   store_bind_instant(q, 18, st->declined_at);
   store_bind_text(q, 19, st->decline_reason);
   sqlite3_bind_int(q, 20, st->late_request);
   store_bind_text(q, 21, st->policy);
   return store_run(s->store, q, err);
}

/* --- what the lifecycle modules share ------------------------------------------------ */

RdInstant lifecycle_at(RdInstant at) {
   return at == RD_NO_INSTANT ? clock_now() : at;
}

RdStatus lifecycle_require(Session *s, unsigned roles, const char *doing, RdError *err) {
   if (!s->logged_in)
      return error_set(err, RD_EDENIED, "nobody is logged in to %s", doing);
   if (s->me.active && (s->me.roles & roles))
      return RD_OK;
   char need[64], have[64];
   staff_format_roles(roles, need, sizeof need);
   staff_format_roles(s->me.roles, have, sizeof have);
   error_set(err, RD_EDENIED, "%s may not %s: that needs the role %s (%s has %s)", s->me.login, doing, need,
             s->me.login, have[0] ? have : "no roles");
   audit_refusal(s->store, s->me.login, doing, err->message);
   return RD_EDENIED;
}

RdStatus lifecycle_finish(Session *s, RdStatus st, const AuditEvent *ev, RdInstant at, RdError *err) {
   if (st == RD_OK)
      st = audit_record(s->store, s->me.login, lifecycle_at(at), ev, err);
   if (st == RD_OK)
      return store_commit(s->store, err);
   store_rollback(s->store);
   return st;
}

RdStatus lifecycle_conflict(Session *s, int64_t complaint_id, const char *ref, RdError *err) {
   static const char sql[] =
      "SELECT c.updated_at, COALESCE(s.full_name, '?'), COALESCE(s.login, '?') FROM complaint c "
      "LEFT JOIN staff s ON s.id = c.updated_by WHERE c.id = ?1";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   char when[17] = "", who[200] = "someone";
   if (q) {
      sqlite3_bind_int64(q, 1, complaint_id);
      if (sqlite3_step(q) == SQLITE_ROW) {
         datetime_format_local(store_column_instant(q, 0), when);
         snprintf(who, sizeof who, "%s (%s)", store_column_text(q, 1), store_column_text(q, 2));
      }
      sqlite3_reset(q);
   }
   return error_set(err, RD_ECONFLICT, "%s was changed by %s at %s since you read it: nothing of your change "
                    "was saved; read the case again and repeat it", ref, who, when);
}

/* --- policies and due dates --------------------------------------------------------- */

static RdStatus complaint_policy(Session *s, const char *name, Policy *out, RdError *err) {
   if (!name || !*name || strcmp(name, s->policy.name) == 0) {
      *out = s->policy;
      return RD_OK;
   }
   return session_policy(s, name, out, err);
}

static RdStatus complaint_compute_due(Session *s, StageRecord *st, RdError *err) {
   Policy p;
   RdStatus r = complaint_policy(s, st->policy, &p, err);
   if (r != RD_OK)
      return r;
   StageDates dates = { st->start_on,
                        st->acknowledged_at == RD_NO_INSTANT ? RD_NO_DATE : datetime_local_date(st->acknowledged_at),
                        st->agreed_on };
   StageDue due;
   policy_stage_due(&p, s->calendar, s->config->division, st->number, &dates, &due);
   st->ack_due = due.acknowledge;
   st->response_due = due.respond;
   st->extension_limit = due.extension_limit;
   return RD_OK;
}

RdStatus complaint_stage_due(Session *s, const Complaint *c, int stage, StageDue *out, RdError *err) {
   const StageRecord *st = &c->stages[stage - 1];
   if (!st->present)
      return error_set(err, RD_ENOTFOUND, "%s has no stage %d", c->ref, stage);
   Policy p;
   RdStatus r = complaint_policy(s, st->policy, &p, err);
   if (r != RD_OK)
      return r;
   StageDates dates = { st->start_on,
                        st->acknowledged_at == RD_NO_INSTANT ? RD_NO_DATE : datetime_local_date(st->acknowledged_at),
                        st->agreed_on };
   policy_stage_due(&p, s->calendar, s->config->division, stage, &dates, out);
   return RD_OK;
}

static void complaint_start_stage(Session *s, StageRecord *st, int number, RdInstant at) {
   complaint_stage_clear(st, number);
   st->present = true;
   st->requested_at = at;
   st->start_on = calendar_start_day(s->calendar, s->config->division, &s->config->office, at);
   str_copy(st->policy, s->policy.name, sizeof st->policy);
}

/* --- changes ------------------------------------------------------------------------ */

/* Opens the transaction of a change and reads the case fresh inside it. */
static RdStatus complaint_begin(Session *s, const char *ref, int version, Complaint *c, RdError *err) {
   RdStatus st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   st = complaint_get(s, ref, c, err);
   if (st == RD_OK && version && version != c->version)
      st = lifecycle_conflict(s, c->id, c->ref, err);
   if (st == RD_OK && c->anonymised_at != RD_NO_INSTANT) {
      char when[17];
      datetime_format_local(c->anonymised_at, when);
      st = error_set(err, RD_ERULE, "%s was anonymised under the retention period on %s: its details are gone and "
                     "nothing more can be recorded on it", c->ref, when);
   }
   if (st != RD_OK) {
      store_rollback(s->store);
      complaint_clear(c);
   }
   return st;
}

/* Ends a change: saves the case (bumping its version), records the event and commits;
 * or rolls everything back when st says a rule refused it. */
static RdStatus complaint_end(Session *s, RdStatus st, Complaint *c, const char *action, const char *detail,
                              RdInstant at, RdError *err) {
   if (st == RD_OK)
      st = complaint_save(s, c, err);
   AuditEvent ev = { c->id, "complaint", c->id, action, detail };
   return lifecycle_finish(s, st, &ev, at, err);
}

static RdStatus complaint_check_at(const Complaint *c, RdInstant at, RdError *err) {
   if (at > clock_now() + 60)
      return error_set(err, RD_EINPUT, "that time is still to come: record what has happened, when it happened");
   if (c && c->received_at != RD_NO_INSTANT && at < c->received_at)
      return error_set(err, RD_EINPUT, "that time is before %s was received", c->ref);
   return RD_OK;
}

static RdStatus complaint_require_open_complaint(const Complaint *c, RdError *err) {
   if (c->kind != KIND_COMPLAINT)
      return error_set(err, RD_ERULE, "%s is %s, not a complaint: triage it as a complaint first", c->ref,
                       c->kind == KIND_UNTRIAGED ? "not yet triaged" : complaint_kind_names[c->kind]);
   if (!complaint_is_open(c))
      return error_set(err, RD_ERULE, "%s is closed (%s): reopen it first", c->ref,
                       complaint_close_names[c->close_reason]);
   return RD_OK;
}

/* --- fairness: who may handle a stage (seed 001, Code 6.13) ------------------------- */

static bool complaint_conflict_declared(Session *s, int64_t complaint_id, int64_t staff_id, char *why, size_t size) {
   static const char sql[] = "SELECT reason FROM conflict WHERE complaint_id = ?1 AND staff_id = ?2";
   sqlite3_stmt *q = store_stmt(s->store, sql, NULL);
   if (!q)
      return false;
   sqlite3_bind_int64(q, 1, complaint_id);
   sqlite3_bind_int64(q, 2, staff_id);
   bool found = sqlite3_step(q) == SQLITE_ROW;
   if (found)
      snprintf(why, size, "has declared a conflict of interest: %s (seed 001)", store_column_text(q, 0));
   sqlite3_reset(q);
   return found;
}

static bool complaint_refuse(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool complaint_refuse(char *why, size_t size, const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(why, size, fmt, ap);
   va_end(ap);
   return false;
}

static bool complaint_subject_rules(const Staff *h, const Staff *subject, const char *about_team, int stage,
                                    char *why, size_t size) {
   if (subject && subject->id == h->id)
      return complaint_refuse(why, size, "is the person the complaint is about (seed 001)");
   if (subject && h->grade <= subject->grade)
      return complaint_refuse(why, size, "is at or below the level of %s, whom the complaint is about "
                              "(grade %d against %d; seed 001)", subject->full_name, h->grade, subject->grade);
   const char *team = h->team ? h->team : "";
   bool manages = h->manages_team && *h->manages_team;
   if (subject && *team && subject->team && strcmp(team, subject->team) == 0 &&
       (stage == 2 || !manages || strcmp(h->manages_team, team) != 0))
      return complaint_refuse(why, size, stage == 2 ? "works in the team of %s, whom the complaint is about: "
                              "stage 2 must be independent (seeds 002, 003)"
                              : "works in the team of %s, whom the complaint is about (seed 001)",
                              subject->full_name);
   if (about_team && *about_team && *team && strcmp(team, about_team) == 0 &&
       (stage == 2 || !manages || strcmp(h->manages_team, about_team) != 0))
      return complaint_refuse(why, size, stage == 2 ? "works in %s, the team complained about: stage 2 must be "
                              "independent (seeds 002, 003)" : "works in %s, the team complained about (seed 001)",
                              about_team);
   return true;
}

bool complaint_handler_allowed(Session *s, const Complaint *c, int stage, const Staff *h, char *why,
                               size_t why_size) {
   if (!h->active)
      return complaint_refuse(why, why_size, "is not an active member of staff");
   if (stage == 1 && !(h->roles & (ROLE_HANDLER | ROLE_MANAGER)))
      return complaint_refuse(why, why_size, "is not a complaint handler");
   if (stage == 2 && !(h->roles & ROLE_MANAGER))
      return complaint_refuse(why, why_size, "is not a manager: stage 2 is reviewed by a manager (seed 001)");
   if (!staff_is_trained(h))
      return complaint_refuse(why, why_size, "has not completed both the complaints training and the Ombudsman's "
                              "dispute resolution training (seed 001)");
   if (complaint_conflict_declared(s, c->id, h->id, why, why_size))
      return false;
   Staff subject, first;
   staff_init(&subject);
   staff_init(&first);
   bool has_subject = c->about_staff_id && staff_by_id(s->store, c->about_staff_id, &subject, NULL) == RD_OK;
   bool ok = complaint_subject_rules(h, has_subject ? &subject : NULL, c->about_team, stage, why, why_size);
   const StageRecord *s1 = &c->stages[0];
   if (ok && stage == 2 && s1->handler_id) {
      if (s1->handler_id == h->id)
         ok = complaint_refuse(why, why_size, "handled stage 1: stage 2 needs a different person (Code 6.13)");
      else if (staff_by_id(s->store, s1->handler_id, &first, NULL) == RD_OK && h->grade <= first.grade)
         ok = complaint_refuse(why, why_size, "is not more senior than %s, who handled stage 1 (grade %d against "
                               "%d; seed 001)", first.full_name, h->grade, first.grade);
   }
   staff_clear(&subject);
   staff_clear(&first);
   return ok;
}

/* The actor takes a stage with no handler, or must be its handler (or a manager). */
static RdStatus complaint_claim_stage(Session *s, Complaint *c, bool must_be_handler, const char *doing,
                                      RdError *err) {
   StageRecord *st = complaint_stage_of(c);
   if (st->handler_id == s->me.id)
      return RD_OK;
   if (st->handler_id && (must_be_handler || !staff_has(&s->me, ROLE_MANAGER))) {
      Staff h;
      bool known = staff_by_id(s->store, st->handler_id, &h, NULL) == RD_OK;
      RdStatus r = error_set(err, RD_EDENIED, "stage %d of %s is handled by %s: only they may %s", c->stage,
                             c->ref, known ? h.login : "someone else", doing);
      if (known)
         staff_clear(&h);
      return r;
   }
   if (st->handler_id)
      return RD_OK;
   char why[300];
   if (!complaint_handler_allowed(s, c, c->stage, &s->me, why, sizeof why))
      return error_set(err, RD_ERULE, "%s cannot %s: %s %s", s->me.login, doing, s->me.login, why);
   st->handler_id = s->me.id;
   return RD_OK;
}

/* --- logging a complaint ------------------------------------------------------------ */

static RdStatus complaint_next_ref(Session *s, RdInstant received, char ref[16], RdError *err) {
   static const char sql[] =
      "INSERT INTO ref_counter (year, last) VALUES (?1, 1) "
      "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last";
   int year;
   datetime_to_ymd(datetime_local_date(received), &year, NULL, NULL);
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int(q, 1, year);
   RdStatus st = RD_OK;
   if (sqlite3_step(q) == SQLITE_ROW)
      snprintf(ref, 16, "C%02d-%05lld", year % 100, (long long)sqlite3_column_int64(q, 0));
   else
      st = store_fail(s->store, err, "numbering the case");
   sqlite3_reset(q);
   return st;
}

/* The Code's time limit (2.3) and the seeds' 6 months: an old issue is flagged, and
 * accepting it as a complaint needs a recorded reason. */
static RdStatus complaint_check_time_limit(Session *s, Complaint *c, ComplaintKind kind, const char *accept_late,
                                           RdInstant received, RdError *err) {
   RdDate cutoff = policy_eligibility_cutoff(&s->policy, datetime_local_date(received));
   c->out_of_time = c->incident_on != RD_NO_DATE && cutoff != RD_NO_DATE && c->incident_on < cutoff;
   if (!c->out_of_time || kind != KIND_COMPLAINT)
      return RD_OK;
   if (accept_late && *accept_late) {
      free(c->accepted_late_reason);
      c->accepted_late_reason = xstrdup(accept_late);
      return RD_OK;
   }
   char inc[RD_DATE_BUFSIZE], cut[RD_DATE_BUFSIZE];
   datetime_format_date(c->incident_on, inc);
   datetime_format_date(cutoff, cut);
   return error_set(err, RD_ERULE, "the issue on %s is older than the policy's time limit of %d months (before %s; "
                    "%s): accept it with a reason such as a recurring problem, or exclude it as out-of-time",
                    inc, s->policy.eligibility_months, cut, s->policy.eligibility_source[0] ?
                    s->policy.eligibility_source : "Code 2.3");
}

static RdStatus complaint_check_new(Session *s, const NewComplaint *in, RdInstant received, RdError *err) {
   RdStatus st = complaint_channel_check(in->channel, err);
   if (st != RD_OK)
      return st;
   if (!in->summary || !*in->summary)
      return error_set(err, RD_EINPUT, "say what the complaint is about (a summary)");
   if (!in->category || !config_category(s->config, in->category)) {
      char known[512] = "";
      for (size_t i = 0; i < s->config->category_count; i++) {
         size_t used = strlen(known);
         snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", s->config->categories[i]);
      }
      return error_set(err, RD_EINPUT, "'%s' is not a category: use one of %s", in->category ? in->category : "",
                       known);
   }
   if (in->anonymous && in->person_id)
      return error_set(err, RD_EINPUT, "an anonymous complaint names nobody: leave the person out");
   if (!in->anonymous && !in->person_id)
      return error_set(err, RD_EINPUT, "say who is complaining (a person), or mark the complaint anonymous");
   if (received > clock_now() + 60)
      return error_set(err, RD_EINPUT, "the time received is still to come");
   if (in->incident_on != RD_NO_DATE && in->incident_on > datetime_local_date(received))
      return error_set(err, RD_EINPUT, "the incident cannot be after the complaint was received");
   if (in->triage == KIND_EXCLUDED && (!in->exclusion_code || !config_exclusion(s->config, in->exclusion_code)))
      return error_set(err, RD_EINPUT, "an excluded complaint needs a reason from the configured list "
                       "(e.g. legal-proceedings, asb-neighbour; see exclusions in redress.conf)");
   if (in->triage == KIND_QUICK && (!in->quick_summary || !*in->quick_summary))
      return error_set(err, RD_EINPUT, "a quick resolution is still logged: say what was done to resolve it");
   return RD_OK;
}

static RdStatus complaint_insert_row(Session *s, const NewComplaint *in, Complaint *c, RdError *err) {
   static const char sql[] =
      "INSERT INTO complaint (ref, kind, stage, person_id, representative_id, channel, received_at, incident_on, "
      "category, summary, outcome_sought, anonymous, confidential, about_staff_id, about_team, policy, "
      "created_by, created_at, updated_by, updated_at) "
      "VALUES (?1, 'untriaged', 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?15, ?16)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   store_bind_text(q, 1, c->ref);
   store_bind_id(q, 2, in->person_id);
   store_bind_id(q, 3, in->representative_id);
   store_bind_text(q, 4, in->channel);
   store_bind_instant(q, 5, c->received_at);
   store_bind_date(q, 6, in->incident_on);
   store_bind_text(q, 7, config_category(s->config, in->category));
   store_bind_text(q, 8, in->summary);
   store_bind_text(q, 9, in->outcome_sought ? in->outcome_sought : "");
   sqlite3_bind_int(q, 10, in->anonymous);
   sqlite3_bind_int(q, 11, in->confidential);
   store_bind_id(q, 12, in->about_staff_id);
   store_bind_text(q, 13, in->about_team ? in->about_team : "");
   store_bind_text(q, 14, s->policy.name);
   store_bind_id(q, 15, s->me.id);
   store_bind_instant(q, 16, clock_now());
   RdStatus st = store_run(s->store, q, err);
   if (st == RD_EINPUT)
      return error_set(err, RD_EINPUT, "the person, representative or staff member named does not exist");
   return st;
}

/* A complaint about a named member of staff is also raised with HR (seed 001). */
static RdStatus complaint_notify_hr(Session *s, const Complaint *c, RdError *err) {
   Staff subject;
   RdStatus st = staff_by_id(s->store, c->about_staff_id, &subject, err);
   if (st != RD_OK)
      return st == RD_ENOTFOUND ? error_set(err, RD_EINPUT, "the staff member complained about does not exist") : st;
   char what[300];
   snprintf(what, sizeof what, "Tell HR about complaint %s concerning %s (%s) (seed 001)", c->ref,
            subject.full_name, subject.login);
   RdDate due = calendar_add_workdays(s->calendar, s->config->division, clock_today(), 1);
   st = action_insert(s, c->id, what, s->me.id, due, ACTION_FROM_HR_NOTICE, NULL, err);
   staff_clear(&subject);
   return st;
}

/* Applies a triage decision to a case being logged or already logged. */
static void complaint_apply_triage(Complaint *c, ComplaintKind kind, const char *code, const char *detail,
                                   RdInstant at) {
   c->kind = kind;
   if (kind == KIND_EXCLUDED) {
      free(c->exclusion_code);
      free(c->exclusion_detail);
      c->exclusion_code = xstrdup(code);
      c->exclusion_detail = xstrdup(detail ? detail : "");
      c->closed_at = at;
      c->close_reason = CLOSE_EXCLUDED;
   } else if (kind == KIND_QUICK) {
      free(c->close_note);
      c->close_note = xstrdup(detail);
      c->closed_at = at;
      c->close_reason = CLOSE_QUICK_RESOLUTION;
      c->last_update_at = at;
   }
}

static void complaint_triage_words(const Session *s, const Complaint *c, char *buf, size_t size) {
   if (c->kind == KIND_EXCLUDED) {
      const ExclusionReason *r = config_exclusion(s->config, c->exclusion_code);
      snprintf(buf, size, "refused (%s: %s); the resident is told why and of their right to go to the Housing "
               "Ombudsman (Code 2.4)", c->exclusion_code, r ? r->label : "");
   } else if (c->kind == KIND_QUICK) {
      snprintf(buf, size, "resolved at first contact, logged with a letter; what was done is recorded");
   } else if (c->kind == KIND_SERVICE_REQUEST) {
      snprintf(buf, size, "recorded as a service request (Code 1.4)");
   } else if (c->kind == KIND_COMPLAINT) {
      snprintf(buf, size, "accepted as a complaint at stage 1%s", c->out_of_time ? " (older than the time limit, "
               "accepted with a reason)" : "");
   } else {
      snprintf(buf, size, "awaiting triage");
   }
}

/* Logs the case inside the change already begun: the row, its stage 1 clock, the triage,
 * the HR notice and the one "logged" event, whose detail ends with note when one is given
 * (words of redress's own, never the resident's). On success *c holds the stored case; on
 * failure the caller rolls the change back. */
static RdStatus complaint_log(Session *s, const NewComplaint *in, RdInstant received, const char *note, Complaint *c,
                              RdError *err) {
   c->received_at = received;
   c->incident_on = in->incident_on;
   RdStatus st = complaint_next_ref(s, received, c->ref, err);
   if (st == RD_OK)
      st = complaint_insert_row(s, in, c, err);
   if (st == RD_OK) {
      c->id = sqlite3_last_insert_rowid(store_db(s->store));
      st = complaint_get_id(s, c->id, c, err);
   }
   if (st == RD_OK)
      st = complaint_check_time_limit(s, c, in->triage, in->accept_late, received, err);
   if (st == RD_OK && (in->triage == KIND_UNTRIAGED || in->triage == KIND_COMPLAINT)) {
      complaint_start_stage(s, &c->stages[0], 1, received);
      st = complaint_compute_due(s, &c->stages[0], err);
      if (st == RD_OK)
         st = complaint_save_stage(s, c->id, &c->stages[0], err);
   }
   if (st == RD_OK)
      complaint_apply_triage(c, in->triage, in->triage == KIND_EXCLUDED ? in->exclusion_code : NULL,
                             in->triage == KIND_EXCLUDED ? in->exclusion_detail : in->quick_summary, received);
   if (st == RD_OK && c->about_staff_id)
      st = complaint_notify_hr(s, c, err);
   if (st == RD_OK)
      st = complaint_save(s, c, err);
   if (st != RD_OK)
      return st;
   char triage[400], detail[900];
   complaint_triage_words(s, c, triage, sizeof triage);
   snprintf(detail, sizeof detail, "logged by %s (%s); %s%s%s", in->channel ? in->channel : "",
            in->category ? in->category : "", triage, note && *note ? "; " : "", note ? note : "");
   AuditEvent ev = { c->id, "complaint", c->id, "logged", detail };
   return audit_record(s->store, s->me.login, received, &ev, err);
}

RdStatus complaint_new(Session *s, const NewComplaint *in, Complaint *out, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER, "log a complaint", err);
   RdInstant received = lifecycle_at(in->received_at);
   if (st == RD_OK)
      st = complaint_check_new(s, in, received, err);
   if (st != RD_OK)
      return st;
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   st = complaint_log(s, in, received, NULL, &c, err);
   if (st == RD_OK)
      st = store_commit(s->store, err);
   else
      store_rollback(s->store);
   if (st == RD_OK && out) {
      complaint_clear(out);
      *out = c;
      return RD_OK;
   }
   complaint_clear(&c);
   return st;
}

RdStatus complaint_new_within(Session *s, const NewComplaint *in, const char *note, Complaint *out, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER, "log a complaint", err);
   RdInstant received = lifecycle_at(in->received_at);
   if (st == RD_OK)
      st = complaint_check_new(s, in, received, err);
   if (st == RD_OK && !store_in_transaction(s->store))
      st = error_set(err, RD_EDB, "internal: a complaint was logged within a change that was not begun");
   if (st != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   st = complaint_log(s, in, received, note, &c, err);
   if (st == RD_OK && out) {
      complaint_clear(out);
      *out = c;
      return RD_OK;
   }
   complaint_clear(&c);
   return st;
}

RdStatus complaint_triage(Session *s, const char *ref, int version, ComplaintKind kind, const char *exclusion_code,
                          const char *detail, const char *accept_late, RdInstant at, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER, "triage a case", err);
   if (st != RD_OK)
      return st;
   if (kind == KIND_UNTRIAGED)
      return error_set(err, RD_EINPUT, "triage as complaint, service-request, excluded or quick");
   if (kind == KIND_EXCLUDED && (!exclusion_code || !config_exclusion(s->config, exclusion_code)))
      return error_set(err, RD_EINPUT, "an exclusion needs a reason from the configured list (see exclusions in "
                       "redress.conf)");
   if (kind == KIND_QUICK && (!detail || !*detail))
      return error_set(err, RD_EINPUT, "a quick resolution is still logged: say what was done to resolve it");
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   st = complaint_check_at(&c, at, err);
   bool from_request = c.kind == KIND_SERVICE_REQUEST;
   if (st == RD_OK && c.kind != KIND_UNTRIAGED && !(from_request && kind == KIND_COMPLAINT))
      st = error_set(err, RD_ERULE, "%s is already triaged as %s%s", c.ref, complaint_kind_names[c.kind],
                     from_request ? ": a service request can only become a complaint (Code 1.5)" : "");
   if (st == RD_OK && from_request) {
      /* The resident is unhappy with how the request was handled: a complaint whose
       * clock starts now, with the request's history kept on the same case. */
      complaint_start_stage(s, &c.stages[0], 1, at);
      c.closed_at = RD_NO_INSTANT;
      c.close_reason = CLOSE_NONE;
      st = complaint_compute_due(s, &c.stages[0], err);
      if (st == RD_OK)
         st = complaint_save_stage(s, c.id, &c.stages[0], err);
   }
   if (st == RD_OK)
      st = complaint_check_time_limit(s, &c, kind, accept_late, from_request ? at : c.received_at, err);
   if (st == RD_OK)
      complaint_apply_triage(&c, kind, exclusion_code, detail, at);
   char words[400];
   complaint_triage_words(s, &c, words, sizeof words);
   char detail_text[500];
   snprintf(detail_text, sizeof detail_text, "%s%s", from_request ? "the service request became a complaint; " : "",
            words);
   st = complaint_end(s, st, &c, from_request ? "became a complaint" : "triaged", detail_text, at, err);
   complaint_clear(&c);
   return st;
}

/* --- stage 1 and 2 steps ------------------------------------------------------------ */

RdStatus complaint_acknowledge(Session *s, const char *ref, int version, const char *definition, RdDate agreed_on,
                               RdInstant at, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "acknowledge a complaint", err);
   if (st != RD_OK)
      return st;
   if (!definition || !*definition)
      return error_set(err, RD_EINPUT, "an acknowledgement records the complaint definition: what the complaint is "
                       "about and the outcome sought (Code 6.2, 6.11)");
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   StageRecord *sr = complaint_stage_of(&c);
   Policy p;
   st = complaint_require_open_complaint(&c, err);
   if (st == RD_OK)
      st = complaint_check_at(&c, at, err);
   if (st == RD_OK && sr->acknowledged_at != RD_NO_INSTANT)
      st = error_set(err, RD_ERULE, "stage %d of %s is already acknowledged", c.stage, c.ref);
   if (st == RD_OK && sr->declined_at != RD_NO_INSTANT)
      st = error_set(err, RD_ERULE, "the escalation of %s was declined", c.ref);
   if (st == RD_OK)
      st = complaint_policy(s, sr->policy, &p, err);
   if (st == RD_OK && p.stage[c.stage - 1].respond.from == ANCHOR_AGREED && agreed_on == RD_NO_DATE)
      st = error_set(err, RD_ERULE, "the policy %s has the response date agreed with the resident: give the agreed "
                     "date with the acknowledgement", p.name);
   if (st == RD_OK && agreed_on != RD_NO_DATE && agreed_on < datetime_local_date(at))
      st = error_set(err, RD_EINPUT, "the agreed date is before the acknowledgement");
   if (st == RD_OK)
      st = complaint_claim_stage(s, &c, false, "acknowledge it", err);
   if (st == RD_OK) {
      free(sr->definition);
      sr->definition = xstrdup(definition);
      sr->acknowledged_at = at;
      sr->agreed_on = agreed_on;
      c.last_update_at = at;
      st = complaint_compute_due(s, sr, err);
   }
   if (st == RD_OK)
      st = complaint_save_stage(s, c.id, sr, err);
   char due[RD_DATE_BUFSIZE], detail[400];
   datetime_format_date(sr->response_due, due);
   snprintf(detail, sizeof detail, "stage %d acknowledged; response due %s; the complaint definition is recorded",
            c.stage, due[0] ? due : "(agreed date)");
   st = complaint_end(s, st, &c, "acknowledged", detail, at, err);
   complaint_clear(&c);
   return st;
}

static RdStatus complaint_check_extension(Session *s, const Complaint *c, const StageRecord *sr, RdDate new_date,
                                          const char *good_reason, RdError *err) {
   RdDate current = sr->extended_to != RD_NO_DATE ? sr->extended_to : sr->response_due;
   char cur[RD_DATE_BUFSIZE], lim[RD_DATE_BUFSIZE];
   datetime_format_date(current, cur);
   if (current != RD_NO_DATE && new_date <= current)
      return error_set(err, RD_EINPUT, "the new date must be after the current response date %s", cur);
   if (!calendar_is_workday(s->calendar, s->config->division, new_date))
      return error_set(err, RD_EINPUT, "the new date is not a working day");
   if (sr->extension_limit == RD_NO_DATE || new_date <= sr->extension_limit)
      return RD_OK;
   datetime_format_date(sr->extension_limit, lim);
   if (!staff_has(&s->me, ROLE_MANAGER) || !good_reason || !*good_reason)
      return error_set(err, RD_ERULE, "the new date is past the policy's limit of %s for stage %d of %s (Code 6.4, "
                       "6.15: no longer without good reason): only a manager may extend further, recording the good "
                       "reason", lim, c->stage, c->ref);
   return RD_OK;
}

RdStatus complaint_extend(Session *s, const char *ref, int version, RdDate new_date, const char *reason,
                          bool resident_told, const char *good_reason, RdInstant at, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "extend a response date", err);
   if (st != RD_OK)
      return st;
   if (!reason || !*reason)
      return error_set(err, RD_EINPUT, "an extension states its reason (Code 6.4)");
   if (new_date == RD_NO_DATE)
      return error_set(err, RD_EINPUT, "an extension states the new date");
   if (!resident_told)
      return error_set(err, RD_ERULE, "tell the resident the reason, the new date and the Housing Ombudsman's "
                       "contact details first (Code 6.5), then record that they were told");
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   StageRecord *sr = complaint_stage_of(&c);
   st = complaint_require_open_complaint(&c, err);
   if (st == RD_OK)
      st = complaint_check_at(&c, at, err);
   if (st == RD_OK && sr->responded_at != RD_NO_INSTANT)
      st = error_set(err, RD_ERULE, "stage %d of %s has already been responded to", c.stage, c.ref);
   if (st == RD_OK)
      st = complaint_claim_stage(s, &c, false, "extend it", err);
   if (st == RD_OK)
      st = complaint_check_extension(s, &c, sr, new_date, good_reason, err);
   bool beyond = st == RD_OK && sr->extension_limit != RD_NO_DATE && new_date > sr->extension_limit;
   if (st == RD_OK) {
      sr->extended_to = new_date;
      free(sr->extension_reason);
      sr->extension_reason = beyond ? xasprintf("%s (beyond the limit, good reason: %s)", reason, good_reason)
                                    : xstrdup(reason);
      sr->extension_told_at = at;
      c.last_update_at = at;
      st = complaint_save_stage(s, c.id, sr, err);
   }
   char day[RD_DATE_BUFSIZE], detail[600];
   datetime_format_date(new_date, day);
   snprintf(detail, sizeof detail, "stage %d response extended to %s%s, with its reason; resident told with the "
            "Ombudsman's details", c.stage, day, beyond ? " beyond the policy's limit by a manager" : "");
   st = complaint_end(s, st, &c, "extended", detail, at, err);
   complaint_clear(&c);
   return st;
}

static RdStatus complaint_check_response(Session *s, const Complaint *c, const Response *r, RdError *err) {
   if (r->decision == DECISION_NONE)
      return error_set(err, RD_EINPUT, "a response states the decision: upheld, partly-upheld or not-upheld");
   if (!r->reasons || !*r->reasons)
      return error_set(err, RD_EINPUT, "a response gives the reasons for the decision");
   size_t remedies = remedy_count(s, c->id, c->stage);
   size_t actions = action_open_count(s, c->id);
   if (remedies == 0 && !r->no_remedy)
      return error_set(err, RD_ERULE, "record the remedies offered at stage %d first, or say there is none "
                       "(Code 7.1)", c->stage);
   if (remedies > 0 && r->no_remedy)
      return error_set(err, RD_EINPUT, "%zu remedies are recorded for stage %d, so 'none' is not true", remedies,
                       c->stage);
   if (actions == 0 && !r->no_actions)
      return error_set(err, RD_ERULE, "record the outstanding actions with their dates first, or say there are "
                       "none (Code 6.6)");
   if (actions > 0 && r->no_actions)
      return error_set(err, RD_EINPUT, "%zu actions are outstanding, so 'none' is not true", actions);
   return RD_OK;
}

RdStatus complaint_respond(Session *s, const char *ref, int version, const Response *r, RdInstant at,
                           RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "respond to a complaint", err);
   if (st != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   StageRecord *sr = complaint_stage_of(&c);
   st = complaint_require_open_complaint(&c, err);
   if (st == RD_OK)
      st = complaint_check_at(&c, at, err);
   if (st == RD_OK && sr->acknowledged_at == RD_NO_INSTANT)
      st = error_set(err, RD_ERULE, "acknowledge stage %d of %s with its definition first (Code 6.2, 6.11)",
                     c.stage, c.ref);
   if (st == RD_OK && sr->responded_at != RD_NO_INSTANT)
      st = error_set(err, RD_ERULE, "stage %d of %s has already been responded to", c.stage, c.ref);
   if (st == RD_OK)
      st = complaint_check_response(s, &c, r, err);
   if (st == RD_OK)
      st = complaint_claim_stage(s, &c, true, "respond", err);
   if (st == RD_OK) {
      sr->responded_at = at;
      sr->decision = r->decision;
      free(sr->reasons);
      sr->reasons = xstrdup(r->reasons);
      c.last_update_at = at;
      st = complaint_save_stage(s, c.id, sr, err);
   }
   char detail[400];
   snprintf(detail, sizeof detail, "stage %d response: %s%s", c.stage, complaint_decision_names[r->decision],
            c.stage == 2 ? " (the landlord's final response; the resident may go to the Housing Ombudsman)"
                         : " (the resident may ask to escalate to stage 2)");
   st = complaint_end(s, st, &c, "responded", detail, at, err);
   complaint_clear(&c);
   return st;
}

/* --- new issues, escalation --------------------------------------------------------- */

static RdStatus complaint_link(Session *s, int64_t from, int64_t to, const char *kind, RdError *err) {
   static const char sql[] = "INSERT INTO complaint_link (from_id, to_id, kind) VALUES (?1, ?2, ?3)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, from);
   sqlite3_bind_int64(q, 2, to);
   store_bind_text(q, 3, kind);
   return store_run(s->store, q, err);
}

static RdStatus complaint_add_contact(Session *s, int64_t id, const char *direction, const char *channel,
                                      const char *summary, RdInstant at, RdError *err) {
   static const char sql[] =
      "INSERT INTO contact (complaint_id, at, direction, channel, summary, staff_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, id);
   store_bind_instant(q, 2, at);
   store_bind_text(q, 3, direction);
   store_bind_text(q, 4, channel);
   store_bind_text(q, 5, summary);
   store_bind_id(q, 6, s->me.id);
   return store_run(s->store, q, err);
}

/* Keeps the words a step was given as a note on the case, where they can be read, exported
 * and removed under retention; the audit event of the step only says that they exist. */
static RdStatus complaint_add_note(Session *s, int64_t id, const char *heading, const char *words, RdInstant at,
                                   RdError *err) {
   char *text = xasprintf("%s: %s", heading, words);
   RdStatus st = complaint_add_contact(s, id, "note", "note", text, at, err);
   free(text);
   return st;
}

RdStatus complaint_new_issue(Session *s, const char *ref, int version, const char *text, bool related,
                             RdInstant at, char new_ref[16], RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER, "record a new issue", err);
   if (st != RD_OK)
      return st;
   if (!text || !*text)
      return error_set(err, RD_EINPUT, "say what the new issue is");
   Complaint c, n;
   complaint_init(&c);
   complaint_init(&n);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   st = complaint_require_open_complaint(&c, err);
   if (st == RD_OK)
      st = complaint_check_at(&c, at, err);
   bool fold = related && c.stage == 1 && c.stages[0].responded_at == RD_NO_INSTANT;
   char detail[400];
   if (st == RD_OK && fold) {
      st = complaint_add_contact(s, c.id, "note", "other", text, at, err);
      snprintf(detail, sizeof detail, "new issue folded into the stage 1 response (seed 001), kept as a note");
      new_ref[0] = '\0';
      st = complaint_end(s, st, &c, "issue folded in", detail, at, err);
      complaint_clear(&c);
      return st;
   }
   if (st == RD_OK) {
      n.received_at = at;
      st = complaint_next_ref(s, at, n.ref, err);
   }
   NewComplaint in = { .person_id = c.person_id, .representative_id = c.representative_id, .channel = "other",
                       .received_at = at, .incident_on = RD_NO_DATE, .category = c.category, .summary = text,
                       .anonymous = c.anonymous, .confidential = c.confidential, .triage = KIND_COMPLAINT };
   if (st == RD_OK)
      st = complaint_insert_row(s, &in, &n, err);
   if (st == RD_OK) {
      n.id = sqlite3_last_insert_rowid(store_db(s->store));
      st = complaint_get_id(s, n.id, &n, err);
   }
   if (st == RD_OK) {
      n.kind = KIND_COMPLAINT;
      complaint_start_stage(s, &n.stages[0], 1, at);
      st = complaint_compute_due(s, &n.stages[0], err);
   }
   if (st == RD_OK)
      st = complaint_save_stage(s, n.id, &n.stages[0], err);
   if (st == RD_OK)
      st = complaint_link(s, c.id, n.id, "new-issue", err);
   snprintf(detail, sizeof detail, "logged as a new complaint linked to %s (%s; seeds 001, 003)", c.ref,
            related ? "the stage 1 response was already issued" : "not related");
   st = complaint_end(s, st, &n, "logged", detail, at, err);
   if (st == RD_OK)
      str_copy(new_ref, n.ref, 16);
   complaint_clear(&c);
   complaint_clear(&n);
   return st;
}

static RdStatus complaint_check_window(Session *s, const Complaint *c, RdInstant at, const char *late_reason,
                                       bool *late, RdError *err) {
   Policy p;
   RdStatus st = complaint_policy(s, c->policy, &p, err);
   if (st != RD_OK)
      return st;
   RdDate responded = datetime_local_date(c->stages[0].responded_at);
   RdDate closed = c->closed_at == RD_NO_INSTANT ? RD_NO_DATE : datetime_local_date(c->closed_at);
   RdDate deadline = policy_escalation_deadline(&p, s->calendar, s->config->division, responded, closed);
   *late = deadline != RD_NO_DATE && datetime_local_date(at) > deadline;
   if (!*late)
      return RD_OK;
   if (staff_has(&s->me, ROLE_MANAGER) && late_reason && *late_reason)
      return RD_OK;
   char day[RD_DATE_BUFSIZE];
   datetime_format_date(deadline, day);
   return error_set(err, RD_ERULE, "the request to escalate %s is outside the policy's window, which ended on %s "
                    "(%s): a manager decides whether to accept it, recording the reason", c->ref, day,
                    p.escalation_source[0] ? p.escalation_source : p.name);
}

RdStatus complaint_escalate(Session *s, const char *ref, int version, const char *why, const char *late_reason,
                            RdInstant at, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER,
                                   "record a request to escalate", err);
   if (st != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   bool late = false;
   if (c.kind != KIND_COMPLAINT)
      st = error_set(err, RD_ERULE, "%s is not a complaint, so it has no stage 2", c.ref);
   if (st == RD_OK)
      st = complaint_check_at(&c, at, err);
   if (st == RD_OK && c.stage == 2)
      st = error_set(err, RD_ERULE, "%s is already at stage 2: there is no third stage (Code 5.2)", c.ref);
   if (st == RD_OK && c.stages[0].responded_at == RD_NO_INSTANT)
      st = error_set(err, RD_ERULE, "stage 1 of %s has no response yet: stages are taken in order, stage 2 follows "
                     "the stage 1 response (Code 6.10; seed 000)", c.ref);
   if (st == RD_OK)
      st = complaint_check_window(s, &c, at, late_reason, &late, err);
   if (st == RD_OK) {
      complaint_start_stage(s, &c.stages[1], 2, at);
      c.stages[1].late_request = late;
      st = complaint_compute_due(s, &c.stages[1], err);
   }
   if (st == RD_OK)
      st = complaint_save_stage(s, c.id, &c.stages[1], err);
   if (st == RD_OK && why && *why)
      st = complaint_add_note(s, c.id, "Asked to escalate to stage 2", why, at, err);
   if (st == RD_OK && late)
      st = complaint_add_note(s, c.id, "Escalation accepted outside the policy's window", late_reason, at, err);
   if (st == RD_OK) {
      c.stage = 2;
      c.closed_at = RD_NO_INSTANT;
      c.close_reason = CLOSE_NONE;
   }
   char detail[500];
   snprintf(detail, sizeof detail, "the resident asked to escalate to stage 2 (no reason is needed, Code 6.12)%s%s",
            why && *why ? "; their words are kept as a note" : "",
            late ? "; outside the window, accepted by a manager with the reason kept as a note" : "");
   st = complaint_end(s, st, &c, "escalated", detail, at, err);
   complaint_clear(&c);
   return st;
}

RdStatus complaint_decline(Session *s, const char *ref, int version, const char *reason, RdInstant at,
                           RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_MANAGER, "decline an escalation", err);
   if (st != RD_OK)
      return st;
   if (!reason || !*reason)
      return error_set(err, RD_EINPUT, "declining to escalate needs the reason, which is written to the resident "
                       "with their right to go to the Ombudsman (Code 2.4; seed 001)");
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   StageRecord *s2 = &c.stages[1];
   st = complaint_require_open_complaint(&c, err);
   if (st == RD_OK)
      st = complaint_check_at(&c, at, err);
   if (st == RD_OK && (c.stage != 2 || !s2->present))
      st = error_set(err, RD_ERULE, "%s has no request to escalate to decline", c.ref);
   if (st == RD_OK && s2->responded_at != RD_NO_INSTANT)
      st = error_set(err, RD_ERULE, "stage 2 of %s has already been responded to", c.ref);
   if (st == RD_OK) {
      s2->declined_at = at;
      free(s2->decline_reason);
      s2->decline_reason = xstrdup(reason);
      c.closed_at = at;
      c.close_reason = CLOSE_ESCALATION_DECLINED;
      c.last_update_at = at;
      st = complaint_save_stage(s, c.id, s2, err);
   }
   char detail[500];
   snprintf(detail, sizeof detail, "escalation declined, with the reason recorded; the resident is told in writing "
            "with their right to approach the Housing Ombudsman (Code 2.4; seed 001)");
   st = complaint_end(s, st, &c, "escalation declined", detail, at, err);
   complaint_clear(&c);
   return st;
}

RdStatus complaint_assign(Session *s, const char *ref, int version, int stage, const char *login, RdInstant at,
                          RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_MANAGER, "assign a handler", err);
   if (st != RD_OK)
      return st;
   if (stage != 1 && stage != 2)
      return error_set(err, RD_EINPUT, "there are two stages: 1 and 2 (Code 5.2)");
   Complaint c;
   Staff h;
   complaint_init(&c);
   staff_init(&h);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   StageRecord *sr = &c.stages[stage - 1];
   char why[300];
   st = complaint_require_open_complaint(&c, err);
   if (st == RD_OK && !sr->present)
      st = error_set(err, RD_ERULE, "%s has no stage %d yet", c.ref, stage);
   if (st == RD_OK && sr->responded_at != RD_NO_INSTANT)
      st = error_set(err, RD_ERULE, "stage %d of %s has already been responded to", stage, c.ref);
   if (st == RD_OK && (st = staff_by_login(s->store, login, &h, err)) == RD_ENOTFOUND)
      st = error_set(err, RD_EINPUT, "no staff member has the login '%s'", login);
   if (st == RD_OK && !complaint_handler_allowed(s, &c, stage, &h, why, sizeof why))
      st = error_set(err, RD_ERULE, "%s cannot handle stage %d of %s: %s %s", h.login, stage, c.ref, h.login, why);
   if (st == RD_OK) {
      sr->handler_id = h.id;
      st = complaint_save_stage(s, c.id, sr, err);
   }
   char detail[300];
   snprintf(detail, sizeof detail, "stage %d assigned to %s (%s)", stage, h.full_name ? h.full_name : "",
            h.login ? h.login : "");
   st = complaint_end(s, st, &c, "assigned", detail, at, err);
   staff_clear(&h);
   complaint_clear(&c);
   return st;
}

RdStatus complaint_declare_conflict(Session *s, const char *ref, const char *login, const char *reason,
                                    RdInstant at, RdError *err) {
   static const char sql[] =
      "INSERT INTO conflict (complaint_id, staff_id, reason, declared_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (complaint_id, staff_id) DO UPDATE SET reason = ?3";
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER,
                                   "record a conflict of interest", err);
   if (st != RD_OK)
      return st;
   if (!reason || !*reason)
      return error_set(err, RD_EINPUT, "say what the conflict of interest is");
   Complaint c;
   Staff h;
   complaint_init(&c);
   staff_init(&h);
   if ((st = complaint_begin(s, ref, 0, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   if ((st = staff_by_login(s->store, login, &h, err)) == RD_ENOTFOUND)
      st = error_set(err, RD_EINPUT, "no staff member has the login '%s'", login);
   if (st == RD_OK && h.id != s->me.id && !staff_has(&s->me, ROLE_MANAGER))
      st = error_set(err, RD_EDENIED, "only %s or a manager may declare %s's conflict of interest", login, login);
   for (int i = 0; st == RD_OK && i < 2; i++)
      if (c.stages[i].handler_id == h.id && c.stages[i].responded_at == RD_NO_INSTANT)
         st = error_set(err, RD_ERULE, "%s handles stage %d of %s: a manager must assign someone else first", login,
                        i + 1, c.ref);
   sqlite3_stmt *q = st == RD_OK ? store_stmt(s->store, sql, err) : NULL;
   if (st == RD_OK && !q)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(q, 1, c.id);
      sqlite3_bind_int64(q, 2, h.id);
      store_bind_text(q, 3, reason);
      store_bind_instant(q, 4, at);
      st = store_run(s->store, q, err);
   }
   char detail[400];
   snprintf(detail, sizeof detail, "%s declared a conflict of interest, with its reason", login);
   st = complaint_end(s, st, &c, "conflict declared", detail, at, err);
   staff_clear(&h);
   complaint_clear(&c);
   return st;
}

/* --- closing and reopening ---------------------------------------------------------- */

/* Seed 003: no contact for 10 working days after raising, or 20 after the last response,
 * despite an attempt to contact the resident. */
static RdStatus complaint_check_no_contact(Session *s, const Complaint *c, RdInstant at, RdError *err) {
   static const char sql[] =
      "SELECT (SELECT max(at) FROM contact WHERE complaint_id = ?1 AND direction = 'in'), "
      "(SELECT max(at) FROM contact WHERE complaint_id = ?1 AND direction = 'out')";
   Policy p;
   RdStatus st = complaint_policy(s, c->policy, &p, err);
   if (st != RD_OK)
      return st;
   if (!p.no_contact_after_raising && !p.no_contact_after_response)
      return error_set(err, RD_ERULE, "the policy %s does not close complaints for lack of contact", p.name);
   const StageRecord *sr = complaint_current_stage(c);
   bool responded = sr->responded_at != RD_NO_INSTANT;
   int needed = responded ? p.no_contact_after_response : p.no_contact_after_raising;
   RdInstant from = responded ? sr->responded_at : c->received_at;
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, c->id);
   RdInstant last_in = RD_NO_INSTANT, last_out = RD_NO_INSTANT;
   if (sqlite3_step(q) == SQLITE_ROW) {
      last_in = store_column_instant(q, 0);
      last_out = store_column_instant(q, 1);
   }
   sqlite3_reset(q);
   if (last_in != RD_NO_INSTANT && last_in > from)
      from = last_in;
   if (needed == 0)
      return error_set(err, RD_ERULE, "the policy %s does not close for lack of contact at this point", p.name);
   if (last_out == RD_NO_INSTANT || last_out < from)
      return error_set(err, RD_ERULE, "record an attempt to contact the resident first (seed 003: closed for no "
                       "contact only despite attempted contact)");
   int waited = calendar_workdays_between(s->calendar, s->config->division, datetime_local_date(from),
                                          datetime_local_date(at));
   if (waited < needed)
      return error_set(err, RD_ERULE, "only %d of the %d working days without contact have passed (seed 003)",
                       waited, needed);
   return RD_OK;
}

static RdStatus complaint_check_close(Session *s, const Complaint *c, CloseReason reason, const char *note,
                                      RdInstant at, RdError *err) {
   const StageRecord *sr = complaint_current_stage(c);
   switch (reason) {
   case CLOSE_RESOLVED: {
      size_t open = action_open_count(s, c->id);
      if (c->kind != KIND_COMPLAINT || sr->responded_at == RD_NO_INSTANT)
         return error_set(err, RD_ERULE, "%s can be closed as resolved only after its response", c->ref);
      if (open)
         return error_set(err, RD_ERULE, "%zu outstanding action%s of %s %s not done: they are tracked to completion "
                          "(Code 6.6)", open, open == 1 ? "" : "s", c->ref, open == 1 ? "is" : "are");
      return RD_OK;
   }
   case CLOSE_NO_CONTACT:
      return complaint_check_no_contact(s, c, at, err);
   case CLOSE_WITHDRAWN:
      if (!note || !*note)
         return error_set(err, RD_EINPUT, "say how the resident withdrew the complaint");
      return RD_OK;
   case CLOSE_FINAL_RESPONSE:
      if (c->stage != 2 || sr->responded_at == RD_NO_INSTANT)
         return error_set(err, RD_ERULE, "%s has no stage 2 response: close a stage 1 complaint as resolved", c->ref);
      return RD_OK;
   case CLOSE_SERVICE_REQUEST_DONE:
      if (c->kind != KIND_SERVICE_REQUEST)
         return error_set(err, RD_ERULE, "%s is not a service request", c->ref);
      return RD_OK;
   default:
      return error_set(err, RD_EINPUT, "a case is closed as %s only by triage or by declining an escalation",
                       complaint_close_names[reason]);
   }
}

RdStatus complaint_close(Session *s, const char *ref, int version, CloseReason reason, const char *note,
                         RdInstant at, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "close a case", err);
   if (st != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   if (!complaint_is_open(&c))
      st = error_set(err, RD_ERULE, "%s is already closed", c.ref);
   if (st == RD_OK)
      st = complaint_check_at(&c, at, err);
   if (st == RD_OK)
      st = complaint_check_close(s, &c, reason, note, at, err);
   if (st == RD_OK) {
      c.closed_at = at;
      c.close_reason = reason;
      free(c.close_note);
      c.close_note = xstrdup(note ? note : "");
   }
   char detail[400];
   snprintf(detail, sizeof detail, "closed: %s%s", complaint_close_names[reason],
            note && *note ? ", with a closing note" : "");
   st = complaint_end(s, st, &c, "closed", detail, at, err);
   complaint_clear(&c);
   return st;
}

/* An order reopens a case only when the referral it came from is recorded on that case. */
static RdStatus complaint_check_order(Session *s, const Complaint *c, const char *their_ref, RdError *err) {
   static const char sql[] =
      "SELECT count(*) FROM ombudsman_referral WHERE complaint_id = ?1 AND their_ref = ?2 COLLATE NOCASE";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, c->id);
   store_bind_text(q, 2, their_ref);
   int rc = sqlite3_step(q);
   bool found = rc == SQLITE_ROW && sqlite3_column_int(q, 0) > 0;
   RdStatus st = rc == SQLITE_ROW ? RD_OK : store_fail(s->store, err, "looking up the Ombudsman referral");
   sqlite3_reset(q);
   if (st == RD_OK && !found)
      st = error_set(err, RD_ERULE, "no Housing Ombudsman referral %s is recorded on %s: record it first "
                     "('redress ombudsman refer'), or ask a manager to reopen the case", their_ref, c->ref);
   return st;
}

RdStatus complaint_reopen(Session *s, const char *ref, int version, const char *reason, const char *ombudsman_order,
                          RdInstant at, RdError *err) {
   bool by_order = ombudsman_order && *ombudsman_order;
   RdStatus st = lifecycle_require(s, by_order ? ROLE_HANDLER | ROLE_MANAGER : ROLE_MANAGER,
                                   by_order ? "reopen a case" : "reopen a case without an Ombudsman order", err);
   if (st != RD_OK)
      return st;
   if (!reason || !*reason)
      return error_set(err, RD_EINPUT, "reopening needs its reason");
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, version, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   if (complaint_is_open(&c))
      st = error_set(err, RD_ERULE, "%s is open already", c.ref);
   if (st == RD_OK)
      st = complaint_check_at(&c, at, err);
   if (st == RD_OK && by_order)
      st = complaint_check_order(s, &c, ombudsman_order, err);
   char detail[500];
   snprintf(detail, sizeof detail, "reopened (was %s) %s; the reason is kept as a note",
            complaint_close_names[c.close_reason], by_order ? "by a Housing Ombudsman order" : "by a manager");
   if (st == RD_OK && by_order) {
      char *words = xasprintf("Reopened by Housing Ombudsman order %s", ombudsman_order);
      st = complaint_add_note(s, c.id, words, reason, at, err);
      free(words);
   } else if (st == RD_OK) {
      st = complaint_add_note(s, c.id, "Reopened by a manager", reason, at, err);
   }
   if (st == RD_OK) {
      c.closed_at = RD_NO_INSTANT;
      c.close_reason = CLOSE_NONE;
      if (c.kind == KIND_EXCLUDED || c.kind == KIND_QUICK)
         c.kind = KIND_UNTRIAGED;
   }
   st = complaint_end(s, st, &c, "reopened", detail, at, err);
   complaint_clear(&c);
   return st;
}

RdStatus complaint_contact(Session *s, const char *ref, const char *direction, const char *channel,
                           const char *summary, RdInstant at, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER, "record a contact", err);
   if (st != RD_OK)
      return st;
   bool note = direction && strcmp(direction, "note") == 0;
   if (!direction || (!note && strcmp(direction, "in") != 0 && strcmp(direction, "out") != 0))
      return error_set(err, RD_EINPUT, "a contact is 'in' (from the resident), 'out' (to them) or a 'note'");
   if (!summary || !*summary)
      return error_set(err, RD_EINPUT, "say what was said or done");
   if (!note && (st = complaint_channel_check(channel, err)) != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   if ((st = complaint_begin(s, ref, 0, &c, err)) != RD_OK)
      return st;
   at = lifecycle_at(at);
   st = complaint_check_at(&c, at, err);
   if (st == RD_OK)
      st = complaint_add_contact(s, c.id, direction, note ? "note" : channel, summary, at, err);
   if (st == RD_OK && strcmp(direction, "out") == 0)
      c.last_update_at = at;
   char detail[300] = "a note was added";
   if (!note)
      snprintf(detail, sizeof detail, "contact %s the resident by %s, with its summary",
               strcmp(direction, "in") == 0 ? "from" : "to", channel);
   st = complaint_end(s, st, &c, note ? "noted" : "contact", detail, at, err);
   complaint_clear(&c);
   return st;
}
