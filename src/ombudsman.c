/* ombudsman: referrals to the Housing Ombudsman, determinations, orders and compliance. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "redress/action.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/ombudsman.h"
#include "redress/xalloc.h"

static const char *const ombudsman_determination_names[] = {
   "", "no-maladministration", "service-failure", "maladministration", "severe-maladministration",
   "outside-jurisdiction", "reasonable-redress", "withdrawn"
};
#define OMBUDSMAN_DETERMINATION_COUNT (sizeof ombudsman_determination_names / sizeof *ombudsman_determination_names)

static const char *const ombudsman_compliance_names[] = {
   "outstanding", "OVERDUE", "complied", "complied late"
};

#define OMBUDSMAN_REFERRAL_SELECT \
   "SELECT r.id, r.complaint_id, c.ref, r.their_ref, r.referred_on, r.determination, r.determined_on " \
   "FROM ombudsman_referral r JOIN complaint c ON c.id = r.complaint_id "

/* --- names --------------------------------------------------------------------------- */

const char *ombudsman_determination_name(Determination d) {
   return ombudsman_determination_names[d];
}

RdStatus ombudsman_determination_parse(const char *text, Determination *out, RdError *err) {
   for (size_t i = 1; text && i < OMBUDSMAN_DETERMINATION_COUNT; i++) {
      if (strcmp(text, ombudsman_determination_names[i]) == 0) {
         *out = (Determination)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_EINPUT, "'%s' is not a determination of the Housing Ombudsman: use no-maladministration, "
                    "service-failure, maladministration, severe-maladministration, outside-jurisdiction, "
                    "reasonable-redress or withdrawn", text ? text : "");
}

static Determination ombudsman_determination_from(const char *text) {
   Determination d = DETERMINATION_NONE;
   if (text && *text)
      ombudsman_determination_parse(text, &d, NULL);
   return d;
}

bool ombudsman_determination_finds_failure(Determination d) {
   return d == DETERMINATION_SERVICE_FAILURE || d == DETERMINATION_MALADMINISTRATION ||
          d == DETERMINATION_SEVERE_MALADMINISTRATION;
}

OrderCompliance ombudsman_order_compliance(const OmbudsmanOrder *o, RdDate today) {
   if (o->done_on == RD_NO_DATE)
      return today > o->due_on ? ORDER_OVERDUE : ORDER_OUTSTANDING;
   return o->done_on <= o->due_on ? ORDER_COMPLIED : ORDER_COMPLIED_LATE;
}

const char *ombudsman_compliance_name(OrderCompliance c) {
   return ombudsman_compliance_names[c];
}

/* --- reading --------------------------------------------------------------------------- */

void ombudsman_referral_clear(OmbudsmanReferral *r) {
   free(r->their_ref);
   for (size_t i = 0; i < r->order_count; i++) {
      free(r->orders[i].text);
      free(r->orders[i].owner_login);
   }
   free(r->orders);
   memset(r, 0, sizeof *r);
}

void ombudsman_free_list(OmbudsmanReferral *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      ombudsman_referral_clear(&list[i]);
   free(list);
}

static void ombudsman_read_referral(sqlite3_stmt *q, OmbudsmanReferral *r) {
   memset(r, 0, sizeof *r);
   r->id = sqlite3_column_int64(q, 0);
   r->complaint_id = sqlite3_column_int64(q, 1);
   str_copy(r->ref, store_column_text(q, 2), sizeof r->ref);
   r->their_ref = store_column_dup(q, 3);
   r->referred_on = store_column_date(q, 4);
   r->determination = ombudsman_determination_from(store_column_text(q, 5));
   r->determined_on = store_column_date(q, 6);
}

static RdStatus ombudsman_load_orders(Session *s, OmbudsmanReferral *r, RdError *err) {
   static const char sql[] =
      "SELECT o.id, o.referral_id, o.text, o.due_on, o.action_id, st.login, a.done_on FROM ombudsman_order o "
      "JOIN action a ON a.id = o.action_id JOIN staff st ON st.id = a.owner_id WHERE o.referral_id = ?1 "
      "ORDER BY o.id";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, r->id);
   size_t cap = 0;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (r->order_count == cap) {
         cap = cap ? cap * 2 : 4;
         r->orders = xreallocarray(r->orders, cap, sizeof *r->orders);
      }
      OmbudsmanOrder *o = &r->orders[r->order_count++];
      o->id = sqlite3_column_int64(q, 0);
      o->referral_id = sqlite3_column_int64(q, 1);
      o->text = store_column_dup(q, 2);
      o->due_on = store_column_date(q, 3);
      o->action_id = sqlite3_column_int64(q, 4);
      o->owner_login = store_column_dup(q, 5);
      o->done_on = store_column_date(q, 6);
   }
   sqlite3_reset(q);
   return rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "reading the Ombudsman's orders");
}

RdStatus ombudsman_get(Session *s, const char *their_ref, OmbudsmanReferral *out, RdError *err) {
   static const char sql[] = OMBUDSMAN_REFERRAL_SELECT "WHERE r.their_ref = ?1 COLLATE NOCASE";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   store_bind_text(q, 1, their_ref);
   int rc = sqlite3_step(q);
   RdStatus st = RD_OK;
   if (rc == SQLITE_ROW)
      ombudsman_read_referral(q, out);
   else if (rc == SQLITE_DONE)
      st = error_set(err, RD_ENOTFOUND, "no referral to the Housing Ombudsman has the reference '%s': record it "
                     "with 'redress ombudsman refer'", their_ref ? their_ref : "");
   else
      st = store_fail(s->store, err, "reading a referral to the Ombudsman");
   sqlite3_reset(q);
   if (st == RD_OK && (st = ombudsman_load_orders(s, out, err)) != RD_OK)
      ombudsman_referral_clear(out);
   return st;
}

static bool ombudsman_is_outstanding(const OmbudsmanReferral *r) {
   if (r->determination == DETERMINATION_NONE)
      return true;
   for (size_t i = 0; i < r->order_count; i++)
      if (r->orders[i].done_on == RD_NO_DATE)
         return true;
   return false;
}

RdStatus ombudsman_list(Session *s, int64_t complaint_id, bool outstanding, OmbudsmanReferral **out, size_t *count,
                        RdError *err) {
   /* A case's own through ombudsman_referral_complaint; (?1 = 0 OR ...) could not use it. */
   static const char of_case[] = OMBUDSMAN_REFERRAL_SELECT
      "WHERE r.complaint_id = ?1 ORDER BY r.referred_on DESC, r.id DESC";
   static const char every[] = OMBUDSMAN_REFERRAL_SELECT "ORDER BY r.referred_on DESC, r.id DESC";
   sqlite3_stmt *q = store_stmt(s->store, complaint_id ? of_case : every, err);
   if (!q)
      return RD_EDB;
   if (complaint_id)
      sqlite3_bind_int64(q, 1, complaint_id);
   OmbudsmanReferral *list = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 8;
         list = xreallocarray(list, cap, sizeof *list);
      }
      ombudsman_read_referral(q, &list[n++]);
   }
   sqlite3_reset(q);
   RdStatus st = rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "listing referrals to the Ombudsman");
   size_t kept = 0;
   for (size_t i = 0; i < n; i++) {
      if (st == RD_OK)
         st = ombudsman_load_orders(s, &list[i], err);
      if (st == RD_OK && (!outstanding || ombudsman_is_outstanding(&list[i])))
         list[kept++] = list[i];
      else
         ombudsman_referral_clear(&list[i]);
   }
   if (st != RD_OK) {
      ombudsman_free_list(list, kept);
      return st;
   }
   *out = list;
   *count = kept;
   return RD_OK;
}

/* --- changes --------------------------------------------------------------------------- */

static RdStatus ombudsman_check_day(RdDate day, RdDate not_before, const char *what, const char *before_what,
                                    RdError *err) {
   char text[RD_DATE_BUFSIZE];
   if (day > clock_today())
      return error_set(err, RD_EINPUT, "%s cannot be on a day still to come", what);
   if (not_before != RD_NO_DATE && day < not_before) {
      datetime_format_date(not_before, text);
      return error_set(err, RD_EINPUT, "%s cannot be before %s (%s)", what, before_what, text);
   }
   return RD_OK;
}

/* Refuses a second referral under the same reference, or a second one of a case while the
 * first is still with the Ombudsman. */
static RdStatus ombudsman_check_new_referral(Session *s, const Complaint *c, const char *their_ref, RdError *err) {
   static const char sql[] =
      "SELECT c.ref, r.their_ref, r.their_ref = ?1 COLLATE NOCASE FROM ombudsman_referral r "
      "JOIN complaint c ON c.id = r.complaint_id "
      "WHERE r.their_ref = ?1 COLLATE NOCASE OR (r.complaint_id = ?2 AND r.determination IS NULL) "
      "ORDER BY 3 DESC LIMIT 1";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   store_bind_text(q, 1, their_ref);
   sqlite3_bind_int64(q, 2, c->id);
   int rc = sqlite3_step(q);
   RdStatus st = RD_OK;
   if (rc == SQLITE_ROW && sqlite3_column_int(q, 2))
      st = error_set(err, RD_ERULE, "the Ombudsman's reference %s is already recorded, for %s: each referral has "
                     "its own reference", store_column_text(q, 1), store_column_text(q, 0));
   else if (rc == SQLITE_ROW)
      st = error_set(err, RD_ERULE, "%s is already with the Housing Ombudsman under %s, not yet determined: record "
                     "that determination first", c->ref, store_column_text(q, 1));
   else if (rc != SQLITE_DONE)
      st = store_fail(s->store, err, "reading referrals to the Ombudsman");
   sqlite3_reset(q);
   return st;
}

static RdStatus ombudsman_insert_referral(Session *s, int64_t complaint_id, const char *their_ref, RdDate on,
                                          int64_t *id, RdError *err) {
   static const char sql[] =
      "INSERT INTO ombudsman_referral (complaint_id, referred_on, their_ref, created_at) VALUES (?1, ?2, ?3, ?4)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, complaint_id);
   store_bind_date(q, 2, on);
   store_bind_text(q, 3, their_ref);
   store_bind_instant(q, 4, clock_now());
   RdStatus st = store_run(s->store, q, err);
   if (st == RD_OK)
      *id = sqlite3_last_insert_rowid(store_db(s->store));
   return st;
}

RdStatus ombudsman_refer(Session *s, const char *ref, const char *their_ref, RdDate referred_on, int64_t *id,
                         RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "record a referral to the Housing Ombudsman", err);
   if (st != RD_OK)
      return st;
   if (!their_ref || !*their_ref)
      return error_set(err, RD_EINPUT, "give the Ombudsman's reference for the referral");
   if (referred_on == RD_NO_DATE)
      referred_on = clock_today();
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   int64_t new_id = 0;
   st = complaint_get(s, ref, &c, err);
   if (st == RD_OK && (c.kind == KIND_SERVICE_REQUEST || c.kind == KIND_UNTRIAGED))
      st = error_set(err, RD_ERULE, "%s is %s, not a complaint: triage it before recording a referral", c.ref,
                     c.kind == KIND_UNTRIAGED ? "not yet triaged" : "a service request");
   if (st == RD_OK)
      st = ombudsman_check_day(referred_on, datetime_local_date(c.received_at), "the referral",
                               "the complaint was received", err);
   if (st == RD_OK)
      st = ombudsman_check_new_referral(s, &c, their_ref, err);
   if (st == RD_OK)
      st = ombudsman_insert_referral(s, c.id, their_ref, referred_on, &new_id, err);
   char day[RD_DATE_BUFSIZE], detail[300];
   datetime_format_date(referred_on, day);
   snprintf(detail, sizeof detail, "referred to the Housing Ombudsman on %s, with their reference", day);
   AuditEvent ev = { c.id, "ombudsman_referral", new_id, "referred", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   if (st == RD_OK && id)
      *id = new_id;
   complaint_clear(&c);
   return st;
}

RdStatus ombudsman_determine(Session *s, const char *their_ref, Determination d, RdDate on, RdError *err) {
   static const char sql[] = "UPDATE ombudsman_referral SET determination = ?2, determined_on = ?3 WHERE id = ?1";
   RdStatus st = lifecycle_require(s, ROLE_MANAGER, "record the Housing Ombudsman's determination", err);
   if (st != RD_OK)
      return st;
   if (d == DETERMINATION_NONE)
      return error_set(err, RD_EINPUT, "say what the Ombudsman determined");
   if (on == RD_NO_DATE)
      on = clock_today();
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   OmbudsmanReferral r;
   memset(&r, 0, sizeof r);
   st = ombudsman_get(s, their_ref, &r, err);
   char day[RD_DATE_BUFSIZE];
   if (st == RD_OK && r.determination != DETERMINATION_NONE) {
      datetime_format_date(r.determined_on, day);
      st = error_set(err, RD_ERULE, "the Ombudsman's determination under %s was already recorded: %s on %s",
                     r.their_ref, ombudsman_determination_names[r.determination], day);
   }
   if (st == RD_OK)
      st = ombudsman_check_day(on, r.referred_on, "the determination", "the referral", err);
   sqlite3_stmt *q = st == RD_OK ? store_stmt(s->store, sql, err) : NULL;
   if (st == RD_OK && !q)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(q, 1, r.id);
      store_bind_text(q, 2, ombudsman_determination_names[d]);
      store_bind_date(q, 3, on);
      st = store_run(s->store, q, err);
   }
   char detail[300];
   datetime_format_date(on, day);
   snprintf(detail, sizeof detail, "the Housing Ombudsman determined %s on %s", ombudsman_determination_names[d],
            day);
   AuditEvent ev = { r.complaint_id, "ombudsman_referral", r.id, "determined", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   ombudsman_referral_clear(&r);
   return st;
}

static RdStatus ombudsman_check_order(const OmbudsmanReferral *r, RdDate due_on, RdError *err) {
   if (r->determination == DETERMINATION_NONE)
      return error_set(err, RD_ERULE, "the Ombudsman has not determined %s yet: record the determination first, "
                       "then its orders", r->their_ref);
   if (!ombudsman_determination_finds_failure(r->determination))
      return error_set(err, RD_ERULE, "the Ombudsman determined %s under %s: orders follow only a finding of "
                       "service failure or maladministration", ombudsman_determination_names[r->determination],
                       r->their_ref);
   if (due_on < r->determined_on) {
      char day[RD_DATE_BUFSIZE];
      datetime_format_date(r->determined_on, day);
      return error_set(err, RD_EINPUT, "an order cannot be due before the determination that made it (%s)", day);
   }
   return RD_OK;
}

/* The named member of staff who will own the order's action. */
static RdStatus ombudsman_order_owner(Session *s, const char *login, int64_t *owner_id, RdError *err) {
   if (!login || !*login)
      return error_set(err, RD_EINPUT, "name the member of staff who will carry out the order (their login)");
   Staff owner;
   RdStatus st = staff_by_login(s->store, login, &owner, err);
   if (st == RD_ENOTFOUND)
      return error_set(err, RD_EINPUT, "no staff member has the login '%s' to own the order", login);
   if (st != RD_OK)
      return st;
   if (!owner.active)
      st = error_set(err, RD_ERULE, "%s is inactive and cannot own the order: name someone active", login);
   *owner_id = owner.id;
   staff_clear(&owner);
   return st;
}

static RdStatus ombudsman_insert_order(Session *s, int64_t referral_id, const char *text, RdDate due_on,
                                       int64_t action_id, int64_t *id, RdError *err) {
   static const char sql[] =
      "INSERT INTO ombudsman_order (referral_id, text, due_on, action_id) VALUES (?1, ?2, ?3, ?4)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, referral_id);
   store_bind_text(q, 2, text);
   store_bind_date(q, 3, due_on);
   sqlite3_bind_int64(q, 4, action_id);
   RdStatus st = store_run(s->store, q, err);
   if (st == RD_OK)
      *id = sqlite3_last_insert_rowid(store_db(s->store));
   return st;
}

RdStatus ombudsman_order(Session *s, const char *their_ref, const char *text, RdDate due_on, const char *owner_login,
                         int64_t *order_id, int64_t *action_id, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_MANAGER, "record an order of the Housing Ombudsman", err);
   if (st != RD_OK)
      return st;
   if (!text || !*text)
      return error_set(err, RD_EINPUT, "say what the Ombudsman ordered");
   if (due_on == RD_NO_DATE)
      return error_set(err, RD_EINPUT, "an order needs the date it must be complied with by");
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   OmbudsmanReferral r;
   memset(&r, 0, sizeof r);
   int64_t owner_id = 0, new_action = 0, new_order = 0;
   st = ombudsman_get(s, their_ref, &r, err);
   if (st == RD_OK)
      st = ombudsman_check_order(&r, due_on, err);
   if (st == RD_OK)
      st = ombudsman_order_owner(s, owner_login, &owner_id, err);
   char *what = xasprintf("Housing Ombudsman order (%s): %s", r.their_ref ? r.their_ref : "", text);
   if (st == RD_OK)
      st = action_insert(s, r.complaint_id, what, owner_id, due_on, ACTION_FROM_OMBUDSMAN_ORDER, &new_action, err);
   if (st == RD_OK)
      st = ombudsman_insert_order(s, r.id, text, due_on, new_action, &new_order, err);
   char day[RD_DATE_BUFSIZE], detail[600];
   datetime_format_date(due_on, day);
   snprintf(detail, sizeof detail, "Housing Ombudsman order #%lld of referral #%lld, due %s, action #%lld owned by "
            "%.60s; the order's words are recorded", (long long)new_order, (long long)r.id, day, (long long)new_action,
            owner_login ? owner_login : "");
   AuditEvent ev = { r.complaint_id, "ombudsman_order", new_order, "ordered", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   if (st == RD_OK && order_id)
      *order_id = new_order;
   if (st == RD_OK && action_id)
      *action_id = new_action;
   free(what);
   ombudsman_referral_clear(&r);
   return st;
}

RdStatus ombudsman_reopen(Session *s, const char *their_ref, const char *reason, RdInstant at, RdError *err) {
   OmbudsmanReferral r;
   memset(&r, 0, sizeof r);
   /* Orders are never deleted, so what is read here still holds when the case is reopened. */
   RdStatus st = ombudsman_get(s, their_ref, &r, err);
   if (st != RD_OK)
      return st;
   if (r.order_count == 0)
      st = error_set(err, RD_ERULE, "no order of the Ombudsman is recorded under %s: record it first, or ask a "
                     "manager to reopen %s", r.their_ref, r.ref);
   if (st == RD_OK)
      st = complaint_reopen(s, r.ref, 0, reason, r.their_ref, at, err);
   ombudsman_referral_clear(&r);
   return st;
}
