/* casefile: reading a case's timeline. */
#include "config.h"

#include <stdlib.h>

#include "redress/casefile.h"
#include "redress/xalloc.h"

/* The audit events of contacts and notes are left out: the contact rows hold their text
 * whole. Ties in time keep events before the contacts recorded with them. */
static const char casefile_timeline_sql[] =
   "SELECT at, 0 AS kind, actor, action, detail, id FROM event "
   "WHERE complaint_id = ?1 AND action NOT IN ('contact', 'noted') "
   "UNION ALL "
   "SELECT c.at, CASE c.direction WHEN 'in' THEN 1 WHEN 'out' THEN 2 ELSE 3 END, COALESCE(s.login, ''), "
   "c.channel, c.summary, c.id FROM contact c LEFT JOIN staff s ON s.id = c.staff_id WHERE c.complaint_id = ?1 "
   "ORDER BY 1, 2, 6";

const char *casefile_kind_name(TimelineKind kind) {
   static const char *const names[] = { "event", "in", "out", "note" };
   return kind <= TIMELINE_NOTE ? names[kind] : "?";
}

RdStatus casefile_timeline(Store *st, int64_t complaint_id, TimelineEntry **out, size_t *count, RdError *err) {
   sqlite3_stmt *stmt = store_stmt(st, casefile_timeline_sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, complaint_id);
   TimelineEntry *list = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 16;
         list = xreallocarray(list, cap, sizeof *list);
      }
      TimelineEntry *e = &list[n++];
      e->at = store_column_instant(stmt, 0);
      e->kind = (TimelineKind)sqlite3_column_int(stmt, 1);
      e->who = xstrdup(store_column_text(stmt, 2));
      e->what = xstrdup(store_column_text(stmt, 3));
      e->detail = xstrdup(store_column_text(stmt, 4));
   }
   sqlite3_reset(stmt);
   if (rc != SQLITE_DONE) {
      casefile_timeline_free(list, n);
      return store_fail(st, err, "reading the timeline of a case");
   }
   *out = list;
   *count = n;
   return RD_OK;
}

void casefile_timeline_free(TimelineEntry *list, size_t count) {
   for (size_t i = 0; i < count; i++) {
      free(list[i].who);
      free(list[i].what);
      free(list[i].detail);
   }
   free(list);
}
