/* compliment: logging compliments, acknowledging them and passing them on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/compliment.h"
#include "redress/xalloc.h"

/* Seed 002 3.3 asks everyone to pass compliments on: no role is needed beyond being staff. */
#define COMPLIMENT_ANY_STAFF (ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER | ROLE_ADMIN)

typedef enum ComplimentStep {
   COMPLIMENT_ACKNOWLEDGED,
   COMPLIMENT_PASSED_ON
} ComplimentStep;

#define COMPLIMENT_SELECT \
   "SELECT c.id, c.received_at, c.channel, c.from_name, c.about_staff_id, s.login, s.full_name, c.about_team, " \
   "c.summary, c.acknowledged_on, c.passed_on_on, c.created_at " \
   "FROM compliment c LEFT JOIN staff s ON s.id = c.about_staff_id "

void compliment_clear(Compliment *c) {
   free(c->channel);
   free(c->from_name);
   free(c->about_login);
   free(c->about_name);
   free(c->about_team);
   free(c->summary);
   memset(c, 0, sizeof *c);
}

void compliment_free_list(Compliment *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      compliment_clear(&list[i]);
   free(list);
}

static void compliment_read_row(sqlite3_stmt *q, Compliment *c) {
   memset(c, 0, sizeof *c);
   c->id = sqlite3_column_int64(q, 0);
   c->received_at = store_column_instant(q, 1);
   c->channel = store_column_dup(q, 2);
   c->from_name = store_column_dup(q, 3);
   c->about_staff_id = sqlite3_column_int64(q, 4);
   c->about_login = store_column_dup(q, 5);
   c->about_name = store_column_dup(q, 6);
   c->about_team = store_column_dup(q, 7);
   c->summary = store_column_dup(q, 8);
   c->acknowledged_on = store_column_date(q, 9);
   c->passed_on_on = store_column_date(q, 10);
   c->created_at = store_column_instant(q, 11);
}

/* The person or team it is for, in words: "Hal Handler (hal)" or "the Repairs team". */
static void compliment_recipient(const Compliment *c, char *buf, size_t size) {
   if (c->about_login)
      snprintf(buf, size, "%s (%s)", c->about_name, c->about_login);
   else
      snprintf(buf, size, "the %s team", c->about_team ? c->about_team : "");
}

RdStatus compliment_get(Session *s, int64_t id, Compliment *out, RdError *err) {
   static const char sql[] = COMPLIMENT_SELECT "WHERE c.id = ?1";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, id);
   int rc = sqlite3_step(q);
   RdStatus st = RD_OK;
   if (rc == SQLITE_ROW)
      compliment_read_row(q, out);
   else if (rc == SQLITE_DONE)
      st = error_set(err, RD_ENOTFOUND, "there is no compliment #%lld ('redress compliment list' shows them)",
                     (long long)id);
   else
      st = store_fail(s->store, err, "reading a compliment");
   sqlite3_reset(q);
   return st;
}

RdStatus compliment_list(Session *s, const ComplimentFilter *f, Compliment **out, size_t *count, RdError *err) {
   static const char sql[] = COMPLIMENT_SELECT
      "WHERE (?1 IS NULL OR c.received_at >= ?1) AND (?2 IS NULL OR c.received_at < ?2) "
      "AND (?3 IS NULL OR c.about_team = ?3 COLLATE NOCASE) AND (?4 = 0 OR c.acknowledged_on IS NULL) "
      "ORDER BY c.acknowledged_on IS NOT NULL, c.received_at, c.id";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   /* A period is of local dates; the times are stored in UTC. */
   store_bind_instant(q, 1, f->since == RD_NO_DATE ? RD_NO_INSTANT : datetime_local_to_instant(f->since, 0));
   store_bind_instant(q, 2, f->until == RD_NO_DATE ? RD_NO_INSTANT : datetime_local_to_instant(f->until + 1, 0));
   store_bind_text(q, 3, f->team);
   sqlite3_bind_int(q, 4, f->unacknowledged_only);
   Compliment *list = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 16;
         list = xreallocarray(list, cap, sizeof *list);
      }
      compliment_read_row(q, &list[n++]);
   }
   sqlite3_reset(q);
   if (rc != SQLITE_DONE) {
      compliment_free_list(list, n);
      return store_fail(s->store, err, "listing compliments");
   }
   *out = list;
   *count = n;
   return RD_OK;
}

static RdStatus compliment_check_new(const NewCompliment *in, RdInstant received, RdError *err) {
   RdStatus st = complaint_channel_check(in->channel, err);
   if (st != RD_OK)
      return st;
   if (!in->from_name || !*in->from_name)
      return error_set(err, RD_EINPUT, "say who the compliment is from");
   if (!in->summary || !*in->summary)
      return error_set(err, RD_EINPUT, "say what the compliment says (a summary)");
   if ((!in->about_login || !*in->about_login) && (!in->about_team || !*in->about_team))
      return error_set(err, RD_EINPUT, "say whom the compliment is about, a member of staff or a team, so it can "
                       "be passed on to them (seed 002 3.3)");
   if (received > clock_now() + 60)
      return error_set(err, RD_EINPUT, "the time received is still to come");
   return RD_OK;
}

/* The staff member (when named) and the team a compliment is for. *team is the caller's. */
static RdStatus compliment_find_recipient(Session *s, const NewCompliment *in, int64_t *staff_id, char **team,
                                          RdError *err) {
   *staff_id = 0;
   if (!in->about_login || !*in->about_login) {
      *team = xstrdup(in->about_team);
      return RD_OK;
   }
   Staff about;
   RdStatus st = staff_by_login(s->store, in->about_login, &about, err);
   if (st == RD_ENOTFOUND)
      return error_set(err, RD_EINPUT, "no staff member has the login '%s': name the person the compliment is "
                       "about by their login, or name their team", in->about_login);
   if (st != RD_OK)
      return st;
   *staff_id = about.id;
   /* The team at the time, so a later move does not take the compliment with them. */
   *team = xstrdup(in->about_team && *in->about_team ? in->about_team : about.team);
   staff_clear(&about);
   return RD_OK;
}

RdStatus compliment_add(Session *s, const NewCompliment *in, int64_t *id, RdError *err) {
   static const char sql[] =
      "INSERT INTO compliment (received_at, channel, from_name, about_staff_id, about_team, summary, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
   RdStatus st = lifecycle_require(s, COMPLIMENT_ANY_STAFF, "log a compliment", err);
   RdInstant received = lifecycle_at(in->received_at);
   if (st == RD_OK)
      st = compliment_check_new(in, received, err);
   if (st != RD_OK)
      return st;
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   int64_t staff_id = 0, new_id = 0;
   char *team = NULL;
   st = compliment_find_recipient(s, in, &staff_id, &team, err);
   sqlite3_stmt *q = st == RD_OK ? store_stmt(s->store, sql, err) : NULL;
   if (st == RD_OK && !q)
      st = RD_EDB;
   if (st == RD_OK) {
      store_bind_instant(q, 1, received);
      store_bind_text(q, 2, in->channel);
      store_bind_text(q, 3, in->from_name);
      store_bind_id(q, 4, staff_id);
      store_bind_text(q, 5, team ? team : "");
      store_bind_text(q, 6, in->summary);
      store_bind_instant(q, 7, clock_now());
      st = store_run(s->store, q, err);
      new_id = sqlite3_last_insert_rowid(store_db(s->store));
   }
   char whom[200], detail[600];
   if (staff_id)
      snprintf(whom, sizeof whom, "%s of the %s team", in->about_login, team ? team : "");
   else
      snprintf(whom, sizeof whom, "the %s team", team ? team : "");
   snprintf(detail, sizeof detail, "compliment #%lld by %s about %s, with who it is from and what it says",
            (long long)new_id, in->channel, whom);
   AuditEvent ev = { 0, "compliment", new_id, "logged", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   if (st == RD_OK && id)
      *id = new_id;
   free(team);
   return st;
}

static RdStatus compliment_check_step(const Compliment *c, ComplimentStep step, RdDate on, RdError *err) {
   static const char *const done_words[] = { "acknowledged", "passed on" };
   RdDate already = step == COMPLIMENT_ACKNOWLEDGED ? c->acknowledged_on : c->passed_on_on;
   char day[RD_DATE_BUFSIZE];
   if (already != RD_NO_DATE) {
      datetime_format_date(already, day);
      return error_set(err, RD_ERULE, "compliment #%lld was already %s on %s", (long long)c->id, done_words[step],
                       day);
   }
   RdDate received = datetime_local_date(c->received_at);
   if (on < received) {
      datetime_format_date(received, day);
      return error_set(err, RD_EINPUT, "compliment #%lld cannot be %s before it was received on %s",
                       (long long)c->id, done_words[step], day);
   }
   return RD_OK;
}

static RdStatus compliment_record_step(Session *s, int64_t id, RdDate on, ComplimentStep step, RdError *err) {
   static const char ack_sql[] = "UPDATE compliment SET acknowledged_on = ?2 WHERE id = ?1";
   static const char passed_sql[] = "UPDATE compliment SET passed_on_on = ?2 WHERE id = ?1";
   bool ack = step == COMPLIMENT_ACKNOWLEDGED;
   RdStatus st = lifecycle_require(s, COMPLIMENT_ANY_STAFF, ack ? "acknowledge a compliment" :
                                   "record a compliment as passed on", err);
   if (st != RD_OK)
      return st;
   if (on == RD_NO_DATE)
      on = clock_today();
   if (on > clock_today())
      return error_set(err, RD_EINPUT, "that day is still to come: record what has happened, when it happened");
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   Compliment c;
   memset(&c, 0, sizeof c);
   st = compliment_get(s, id, &c, err);
   if (st == RD_OK)
      st = compliment_check_step(&c, step, on, err);
   sqlite3_stmt *q = st == RD_OK ? store_stmt(s->store, ack ? ack_sql : passed_sql, err) : NULL;
   if (st == RD_OK && !q)
      st = RD_EDB;
   if (st == RD_OK) {
      sqlite3_bind_int64(q, 1, id);
      store_bind_date(q, 2, on);
      st = store_run(s->store, q, err);
   }
   char day[RD_DATE_BUFSIZE], whom[300], detail[500];
   datetime_format_date(on, day);
   compliment_recipient(&c, whom, sizeof whom);
   if (ack)
      snprintf(detail, sizeof detail, "compliment #%lld acknowledged to its sender on %s", (long long)id, day);
   else
      snprintf(detail, sizeof detail, "compliment #%lld passed on to %s on %s", (long long)id, whom, day);
   AuditEvent ev = { 0, "compliment", id, ack ? "acknowledged" : "passed-on", detail };
   st = lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
   compliment_clear(&c);
   return st;
}

RdStatus compliment_acknowledge(Session *s, int64_t id, RdDate on, RdError *err) {
   return compliment_record_step(s, id, on, COMPLIMENT_ACKNOWLEDGED, err);
}

RdStatus compliment_passed_on(Session *s, int64_t id, RdDate on, RdError *err) {
   return compliment_record_step(s, id, on, COMPLIMENT_PASSED_ON, err);
}
