/* learning: recording lessons and service improvements, and listing them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/learning.h"
#include "redress/xalloc.h"

void learning_clear(Lesson *l) {
   free(l->lesson);
   free(l->improvement);
   free(l->recorded_by);
   free(l->recorded_by_name);
   memset(l, 0, sizeof *l);
}

void learning_free_list(Lesson *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      learning_clear(&list[i]);
   free(list);
}

static RdStatus learning_check(const char *lesson, const char *improvement, RdInstant at, RdError *err) {
   if (!lesson || !*lesson)
      return error_set(err, RD_EINPUT, "say what was learned (the lesson)");
   if (!improvement || !*improvement)
      return error_set(err, RD_EINPUT, "say what service improvement the lesson leads to (seed 002: learning is "
                       "published with the improvements it brought)");
   if (at > clock_now() + 60)
      return error_set(err, RD_EINPUT, "that time is still to come: record what has been learned, when it was");
   return RD_OK;
}

static RdStatus learning_insert(Session *s, int64_t complaint_id, const char *lesson, const char *improvement,
                                RdInstant at, int64_t *id, RdError *err) {
   static const char sql[] =
      "INSERT INTO learning (complaint_id, lesson, improvement, recorded_at, staff_id) VALUES (?1, ?2, ?3, ?4, ?5)";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   store_bind_id(q, 1, complaint_id);
   store_bind_text(q, 2, lesson);
   store_bind_text(q, 3, improvement);
   store_bind_instant(q, 4, at);
   sqlite3_bind_int64(q, 5, s->me.id);
   RdStatus st = store_run(s->store, q, err);
   if (st == RD_OK)
      *id = sqlite3_last_insert_rowid(store_db(s->store));
   return st;
}

RdStatus learning_add(Session *s, const char *ref, const char *lesson, const char *improvement, RdInstant at,
                      int64_t *id, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_HANDLER | ROLE_MANAGER, "record a lesson learned", err);
   at = lifecycle_at(at);
   if (st == RD_OK)
      st = learning_check(lesson, improvement, at, err);
   if (st != RD_OK)
      return st;
   if ((st = store_begin(s->store, err)) != RD_OK)
      return st;
   Complaint c;
   complaint_init(&c);
   int64_t new_id = 0;
   if (ref)
      st = complaint_get(s, ref, &c, err);
   if (st == RD_OK && ref && at < c.received_at)
      st = error_set(err, RD_EINPUT, "nothing can be learned from %s before it was received", c.ref);
   if (st == RD_OK)
      st = learning_insert(s, c.id, lesson, improvement, at, &new_id, err);
   char detail[128];
   snprintf(detail, sizeof detail, "lesson #%lld%s%s recorded, with its service improvement", (long long)new_id,
            ref ? " from " : "", ref ? c.ref : "");
   AuditEvent ev = { c.id, "learning", new_id, "recorded", detail };
   st = lifecycle_finish(s, st, &ev, at, err);
   if (st == RD_OK && id)
      *id = new_id;
   complaint_clear(&c);
   return st;
}

RdStatus learning_list(Session *s, const LearningFilter *f, Lesson **out, size_t *count, RdError *err) {
   /* A case's lessons go through learning_complaint: (?3 = 0 OR l.complaint_id = ?3) alone
    * could not, and opening a case read every lesson of the landlord. */
#define LEARNING_SELECT \
   "SELECT l.id, l.complaint_id, COALESCE(c.ref, ''), l.lesson, l.improvement, l.recorded_at, " \
   "COALESCE(st.login, ''), COALESCE(st.full_name, '') FROM learning l " \
   "LEFT JOIN complaint c ON c.id = l.complaint_id LEFT JOIN staff st ON st.id = l.staff_id WHERE "
#define LEARNING_FILTERS \
   "(?1 IS NULL OR l.recorded_at >= ?1) AND (?2 IS NULL OR l.recorded_at < ?2) " \
   "AND (?3 = 0 OR l.complaint_id = ?3) ORDER BY l.recorded_at, l.id"
   static const char of_case[] = LEARNING_SELECT "l.complaint_id = ?3 AND " LEARNING_FILTERS;
   static const char every[] = LEARNING_SELECT LEARNING_FILTERS;
   sqlite3_stmt *q = store_stmt(s->store, f->complaint_id ? of_case : every, err);
   if (!q)
      return RD_EDB;
   /* A period is of local dates; the times are stored in UTC. */
   store_bind_instant(q, 1, f->since == RD_NO_DATE ? RD_NO_INSTANT : datetime_local_to_instant(f->since, 0));
   store_bind_instant(q, 2, f->until == RD_NO_DATE ? RD_NO_INSTANT : datetime_local_to_instant(f->until + 1, 0));
   sqlite3_bind_int64(q, 3, f->complaint_id);
   Lesson *list = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 16;
         list = xreallocarray(list, cap, sizeof *list);
      }
      Lesson *l = &list[n++];
      memset(l, 0, sizeof *l);
      l->id = sqlite3_column_int64(q, 0);
      l->complaint_id = sqlite3_column_int64(q, 1);
      str_copy(l->ref, store_column_text(q, 2), sizeof l->ref);
      l->lesson = store_column_dup(q, 3);
      l->improvement = store_column_dup(q, 4);
      l->recorded_at = store_column_instant(q, 5);
      l->recorded_by = store_column_dup(q, 6);
      l->recorded_by_name = store_column_dup(q, 7);
   }
   sqlite3_reset(q);
   if (rc != SQLITE_DONE) {
      learning_free_list(list, n);
      return store_fail(s->store, err, "listing lessons learned");
   }
   *out = list;
   *count = n;
   return RD_OK;
}
