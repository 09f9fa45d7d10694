/* survey: who is due the satisfaction survey, and recording it sent and answered. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "redress/clock.h"
#include "redress/survey.h"
#include "redress/xalloc.h"

#define SURVEY_ANY_DESK (ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER)

/* What decides whether and when a case is due its survey, read in one statement. */
typedef struct SurveyFacts {
   int64_t complaint_id;
   char ref[16];
   char kind[24];
   bool anonymous;
   char policy[64];
   RdInstant closed_at;
   int64_t person_id;
   char *name;
   char *preferred_contact;
   char *phone;
   char *email;
   char *address;
   bool anonymised;
   RdInstant last_contact;      /* the latest contact in or out, or letter */
   bool person_declined;        /* declined surveys on any of their cases */
   RdDate sent_on;
   RdDate answered_on;
   int satisfied;               /* 1, 0, or -1 when not answered */
   bool declined;               /* declined on this case */
} SurveyFacts;

/* The policies met while listing, so each profile is read once. */
typedef struct SurveyPolicies {
   char (*names)[64];
   int *delays;
   size_t count;
} SurveyPolicies;

#define SURVEY_FACTS_SELECT \
   "SELECT c.id, c.ref, c.kind, c.anonymous, c.policy, c.closed_at, c.person_id, p.name, p.preferred_contact, " \
   "p.phone, p.email, p.address, p.anonymised_at IS NOT NULL, " \
   "max(COALESCE((SELECT max(at) FROM contact WHERE complaint_id = c.id AND direction IN ('in', 'out')), ''), " \
   "COALESCE((SELECT max(created_at) FROM letter WHERE complaint_id = c.id), '')), " \
   "EXISTS (SELECT 1 FROM survey d JOIN complaint o ON o.id = d.complaint_id " \
   "WHERE d.declined = 1 AND o.person_id = c.person_id), " \
   "v.sent_on, v.answered_on, v.satisfied, COALESCE(v.declined, 0) " \
   "FROM complaint c LEFT JOIN person p ON p.id = c.person_id LEFT JOIN survey v ON v.complaint_id = c.id "

RdStatus survey_answer_parse(const char *text, SurveyAnswer *out, RdError *err) {
   static const char *const words[] = { "yes", "no", "declined" };
   for (size_t i = 0; text && i < sizeof words / sizeof *words; i++) {
      if (strcmp(text, words[i]) == 0) {
         *out = (SurveyAnswer)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_EINPUT, "'%s' is not an answer to \"Were you satisfied with how your complaint was "
                    "handled?\": use yes, no, or declined when the resident does not want surveys",
                    text ? text : "");
}

static void survey_facts_clear(SurveyFacts *f) {
   free(f->name);
   free(f->preferred_contact);
   free(f->phone);
   free(f->email);
   free(f->address);
   memset(f, 0, sizeof *f);
}

void survey_free_due(SurveyDue *list, size_t count) {
   for (size_t i = 0; i < count; i++) {
      free(list[i].name);
      free(list[i].preferred_contact);
      free(list[i].phone);
      free(list[i].email);
      free(list[i].address);
   }
   free(list);
}

static void survey_read_facts(sqlite3_stmt *q, SurveyFacts *f) {
   memset(f, 0, sizeof *f);
   f->complaint_id = sqlite3_column_int64(q, 0);
   str_copy(f->ref, store_column_text(q, 1), sizeof f->ref);
   str_copy(f->kind, store_column_text(q, 2), sizeof f->kind);
   f->anonymous = sqlite3_column_int(q, 3) != 0;
   str_copy(f->policy, store_column_text(q, 4), sizeof f->policy);
   f->closed_at = store_column_instant(q, 5);
   f->person_id = sqlite3_column_int64(q, 6);
   f->name = store_column_dup(q, 7);
   f->preferred_contact = store_column_dup(q, 8);
   f->phone = store_column_dup(q, 9);
   f->email = store_column_dup(q, 10);
   f->address = store_column_dup(q, 11);
   f->anonymised = sqlite3_column_int(q, 12) != 0;
   const char *last = store_column_text(q, 13);
   f->last_contact = *last ? store_column_instant(q, 13) : RD_NO_INSTANT;
   f->person_declined = sqlite3_column_int(q, 14) != 0;
   f->sent_on = store_column_date(q, 15);
   f->answered_on = store_column_date(q, 16);
   f->satisfied = sqlite3_column_type(q, 17) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 17);
   f->declined = sqlite3_column_int(q, 18) != 0;
}

static bool survey_has(const char *text) {
   return text && *text;
}

/* Why the case gets no survey whatever its policy says; false when nothing stands in the way. */
static bool survey_ruled_out(const SurveyFacts *f, char *why, size_t size) {
   if (strcmp(f->kind, "complaint") != 0 && strcmp(f->kind, "quick") != 0)
      snprintf(why, size, "%s is %s, not a complaint handled to its end: only those are surveyed", f->ref,
               strcmp(f->kind, "excluded") == 0 ? "excluded" : strcmp(f->kind, "untriaged") == 0 ?
               "not yet triaged" : "a service request");
   else if (f->closed_at == RD_NO_INSTANT)
      snprintf(why, size, "%s is still open: the survey follows the final resolution (seed 004)", f->ref);
   else if (f->anonymous || !f->person_id)
      snprintf(why, size, "%s is anonymous: there is nobody to send a survey to", f->ref);
   else if (f->anonymised)
      snprintf(why, size, "the resident's details on %s have been anonymised", f->ref);
   else if (f->person_declined)
      snprintf(why, size, "the resident does not want to be involved in surveys (seed 003)");
   else if (!survey_has(f->phone) && !survey_has(f->email) && !survey_has(f->address))
      snprintf(why, size, "there is no phone, email or address to reach the resident of %s by", f->ref);
   else
      return false;
   return true;
}

static RdStatus survey_policy_delay(Session *s, const char *name, int *delay, RdError *err) {
   if (!*name || strcmp(name, s->policy.name) == 0) {
      *delay = s->policy.survey_delay_days;
      return RD_OK;
   }
   Policy p;
   RdStatus st = session_policy(s, name, &p, err);
   if (st == RD_OK)
      *delay = p.survey_delay_days;
   else
      error_prefix(err, "the policy of a closed case cannot be read to see when its survey is due");
   return st;
}

static RdStatus survey_cached_delay(Session *s, SurveyPolicies *cache, const char *name, int *delay, RdError *err) {
   for (size_t i = 0; i < cache->count; i++) {
      if (strcmp(cache->names[i], name) == 0) {
         *delay = cache->delays[i];
         return RD_OK;
      }
   }
   RdStatus st = survey_policy_delay(s, name, delay, err);
   if (st != RD_OK)
      return st;
   cache->names = xreallocarray(cache->names, cache->count + 1, sizeof *cache->names);
   cache->delays = xreallocarray(cache->delays, cache->count + 1, sizeof *cache->delays);
   str_copy(cache->names[cache->count], name, sizeof *cache->names);
   cache->delays[cache->count++] = *delay;
   return RD_OK;
}

/* The later of the last correspondence and the final resolution, plus the delay (seed 004:
 * "within 20 days of our last correspondence, or following the final resolution"). */
static RdDate survey_due_from(const SurveyFacts *f, int delay) {
   RdInstant last = f->closed_at;
   if (f->last_contact != RD_NO_INSTANT && f->last_contact > last)
      last = f->last_contact;
   return datetime_local_date(last) + delay;
}

static SurveyDue survey_due_entry(SurveyFacts *f, RdDate due_on) {
   SurveyDue d;
   memset(&d, 0, sizeof d);
   d.complaint_id = f->complaint_id;
   str_copy(d.ref, f->ref, sizeof d.ref);
   d.person_id = f->person_id;
   /* The strings move to the entry: the facts are cleared without them. */
   d.name = f->name;
   d.preferred_contact = f->preferred_contact;
   d.phone = f->phone;
   d.email = f->email;
   d.address = f->address;
   f->name = f->preferred_contact = f->phone = f->email = f->address = NULL;
   d.due_on = due_on;
   str_copy(d.policy, f->policy, sizeof d.policy);
   return d;
}

RdStatus survey_due(Session *s, SurveyDue **out, size_t *count, RdError *err) {
   static const char sql[] = SURVEY_FACTS_SELECT
      "WHERE c.closed_at IS NOT NULL AND v.sent_on IS NULL AND c.kind IN ('complaint', 'quick') "
      "AND c.anonymous = 0 AND c.person_id IS NOT NULL ORDER BY c.closed_at, c.id";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   SurveyPolicies cache = { NULL, NULL, 0 };
   SurveyDue *list = NULL;
   size_t n = 0, cap = 0;
   RdDate today = clock_today();
   RdStatus st = RD_OK;
   int rc = SQLITE_DONE;
   while (st == RD_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
      SurveyFacts f;
      char why[300];
      int delay = 0;
      survey_read_facts(q, &f);
      if (!survey_ruled_out(&f, why, sizeof why))
         st = survey_cached_delay(s, &cache, f.policy, &delay, err);
      RdDate due_on = delay > 0 ? survey_due_from(&f, delay) : RD_NO_DATE;
      if (st == RD_OK && due_on != RD_NO_DATE && due_on <= today) {
         if (n == cap) {
            cap = cap ? cap * 2 : 16;
            list = xreallocarray(list, cap, sizeof *list);
         }
         list[n++] = survey_due_entry(&f, due_on);
      }
      survey_facts_clear(&f);
   }
   if (st == RD_OK && rc != SQLITE_DONE)
      st = store_fail(s->store, err, "finding who is due a satisfaction survey");
   sqlite3_reset(q);
   free(cache.names);
   free(cache.delays);
   if (st != RD_OK) {
      survey_free_due(list, n);
      return st;
   }
   *out = list;
   *count = n;
   return RD_OK;
}

static RdStatus survey_read_case(Session *s, const char *ref, SurveyFacts *f, RdError *err) {
   static const char sql[] = SURVEY_FACTS_SELECT "WHERE c.ref = upper(?1)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   store_bind_text(q, 1, ref);
   int rc = sqlite3_step(q);
   RdStatus st = RD_OK;
   if (rc == SQLITE_ROW)
      survey_read_facts(q, f);
   else if (rc == SQLITE_DONE)
      st = error_set(err, RD_ENOTFOUND, "there is no case %s (references look like C25-00042)", ref ? ref : "");
   else
      st = store_fail(s->store, err, "reading the survey of a case");
   sqlite3_reset(q);
   return st;
}

static RdStatus survey_status_of(Session *s, const SurveyFacts *f, SurveyStatus *out, RdError *err) {
   memset(out, 0, sizeof *out);
   str_copy(out->ref, f->ref, sizeof out->ref);
   out->due_on = RD_NO_DATE;
   out->sent_on = f->sent_on;
   out->answered_on = f->answered_on;
   out->satisfied = f->satisfied;
   out->declined = f->person_declined;
   if (survey_ruled_out(f, out->why, sizeof out->why))
      return RD_OK;
   int delay;
   RdStatus st = survey_policy_delay(s, f->policy, &delay, err);
   if (st != RD_OK)
      return st;
   if (delay == 0)
      snprintf(out->why, sizeof out->why, "the policy of %s (%s) has no satisfaction survey", f->ref, f->policy);
   else
      out->due_on = survey_due_from(f, delay);
   return RD_OK;
}

RdStatus survey_status(Session *s, const char *ref, SurveyStatus *out, RdError *err) {
   SurveyFacts f;
   RdStatus st = survey_read_case(s, ref, &f, err);
   if (st != RD_OK)
      return st;
   st = survey_status_of(s, &f, out, err);
   survey_facts_clear(&f);
   return st;
}

void survey_status_words(const SurveyStatus *v, RdDate today, char *buf, size_t size) {
   char due[RD_DATE_BUFSIZE], sent[RD_DATE_BUFSIZE], answered[RD_DATE_BUFSIZE];
   datetime_format_date(v->due_on, due);
   datetime_format_date(v->sent_on, sent);
   datetime_format_date(v->answered_on, answered);
   if (v->sent_on == RD_NO_DATE && v->due_on == RD_NO_DATE) {
      snprintf(buf, size, "none: %s", v->why);
   } else if (v->sent_on == RD_NO_DATE) {
      snprintf(buf, size, "due %s%s", due, v->due_on <= today ? ", not sent yet" : "");
   } else {
      /* Sent: what happened since matters more than whether it would be due now. */
      char answer[96];
      if (v->satisfied >= 0)
         snprintf(answer, sizeof answer, "answered %s on %s", v->satisfied ? "yes (satisfied)" : "no (not satisfied)",
                  answered);
      else
         snprintf(answer, sizeof answer, "%s", v->declined ? "the resident declines surveys" : "no answer yet");
      snprintf(buf, size, "%s%s%ssent %s, %s", due[0] ? "due " : "", due, due[0] ? ", " : "", sent, answer);
   }
}

static RdStatus survey_check_day(RdDate on, RdError *err) {
   if (on > clock_today())
      return error_set(err, RD_EINPUT, "that day is still to come: record what has happened, when it happened");
   return RD_OK;
}

static RdStatus survey_check_send(const SurveyStatus *v, RdDate on, RdError *err) {
   char day[RD_DATE_BUFSIZE];
   if (v->sent_on != RD_NO_DATE) {
      datetime_format_date(v->sent_on, day);
      return error_set(err, RD_ERULE, "the survey of %s was already sent, on %s: each case is surveyed once",
                       v->ref, day);
   }
   if (v->due_on == RD_NO_DATE)
      return error_set(err, RD_ERULE, "%s gets no satisfaction survey: %s", v->ref, v->why);
   if (on < v->due_on) {
      datetime_format_date(v->due_on, day);
      return error_set(err, RD_ERULE, "the survey of %s is not due until %s: it follows the last correspondence "
                       "or final resolution by the policy's delay (seed 004)", v->ref, day);
   }
   return RD_OK;
}

RdStatus survey_sent(Session *s, const char *ref, RdDate on, RdError *err) {
   static const char sql[] =
      "INSERT INTO survey (complaint_id, sent_on) VALUES (?1, ?2) "
      "ON CONFLICT (complaint_id) DO UPDATE SET sent_on = ?2";
   RdStatus st = lifecycle_require(s, SURVEY_ANY_DESK, "record a satisfaction survey as sent", err);
   if (on == RD_NO_DATE)
      on = clock_today();
   if (st == RD_OK)
      st = survey_check_day(on, err);
   if (st != RD_OK)
      return st;
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   SurveyFacts f;
   memset(&f, 0, sizeof f);
   SurveyStatus v;
   st = survey_read_case(s, ref, &f, err);
   if (st == RD_OK)
      st = survey_status_of(s, &f, &v, err);
   if (st == RD_OK)
      st = survey_check_send(&v, on, err);
   sqlite3_stmt *q = st == RD_OK ? store_stmt(s->store, sql, err) : NULL;
   if (st == RD_OK && !q)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(q, 1, f.complaint_id);
      store_bind_date(q, 2, on);
      st = store_run(s->store, q, err);
   }
   char day[RD_DATE_BUFSIZE], detail[200];
   datetime_format_date(on, day);
   snprintf(detail, sizeof detail, "satisfaction survey sent on %s", day);
   AuditEvent ev = { f.complaint_id, "survey", f.complaint_id, "sent", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   survey_facts_clear(&f);
   return st;
}

static RdStatus survey_check_answer(const SurveyFacts *f, SurveyAnswer a, RdDate on, RdError *err) {
   char day[RD_DATE_BUFSIZE];
   if (a == SURVEY_DECLINED) {
      if (f->anonymous || !f->person_id)
         return error_set(err, RD_ERULE, "%s is anonymous: there is nobody to record as declining surveys", f->ref);
      if (f->person_declined)
         return error_set(err, RD_ERULE, "the resident of %s has already said they do not want surveys", f->ref);
      return RD_OK;
   }
   if (f->sent_on == RD_NO_DATE)
      return error_set(err, RD_ERULE, "no survey was sent for %s: record it sent first ('redress survey sent')",
                       f->ref);
   if (f->satisfied >= 0) {
      datetime_format_date(f->answered_on, day);
      return error_set(err, RD_ERULE, "the survey of %s was already answered (%s) on %s", f->ref,
                       f->satisfied ? "yes" : "no", day);
   }
   if (f->declined)
      return error_set(err, RD_ERULE, "the resident of %s declined the survey", f->ref);
   if (on < f->sent_on) {
      datetime_format_date(f->sent_on, day);
      return error_set(err, RD_EINPUT, "the answer cannot come before the survey was sent (%s)", day);
   }
   return RD_OK;
}

RdStatus survey_answer(Session *s, const char *ref, SurveyAnswer answer, RdDate on, RdError *err) {
   static const char answer_sql[] = "UPDATE survey SET answered_on = ?2, satisfied = ?3 WHERE complaint_id = ?1";
   static const char decline_sql[] =
      "INSERT INTO survey (complaint_id, answered_on, declined) VALUES (?1, ?2, 1) "
      "ON CONFLICT (complaint_id) DO UPDATE SET declined = 1, answered_on = COALESCE(answered_on, ?2)";
   RdStatus st = lifecycle_require(s, SURVEY_ANY_DESK, "record the answer to a satisfaction survey", err);
   if (on == RD_NO_DATE)
      on = clock_today();
   if (st == RD_OK)
      st = survey_check_day(on, err);
   if (st != RD_OK)
      return st;
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   SurveyFacts f;
   memset(&f, 0, sizeof f);
   st = survey_read_case(s, ref, &f, err);
   if (st == RD_OK)
      st = survey_check_answer(&f, answer, on, err);
   bool declining = answer == SURVEY_DECLINED;
   sqlite3_stmt *q = st == RD_OK ? store_stmt(s->store, declining ? decline_sql : answer_sql, err) : NULL;
   if (st == RD_OK && !q)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(q, 1, f.complaint_id);
      store_bind_date(q, 2, on);
      if (!declining)
         sqlite3_bind_int(q, 3, answer == SURVEY_SATISFIED);
      st = store_run(s->store, q, err);
   }
   char day[RD_DATE_BUFSIZE], detail[200];
   datetime_format_date(on, day);
   if (declining)
      snprintf(detail, sizeof detail, "the resident does not want to be involved in surveys (said on %s)", day);
   else
      snprintf(detail, sizeof detail, "satisfied with how the complaint was handled: %s (answered on %s)",
               answer == SURVEY_SATISFIED ? "yes" : "no", day);
   AuditEvent ev = { f.complaint_id, "survey", f.complaint_id, declining ? "declined" : "answered", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   survey_facts_clear(&f);
   return st;
}
