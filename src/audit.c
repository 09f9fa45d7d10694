/* audit: writing events. */
#include "config.h"

#include <stdlib.h>

#include "redress/audit.h"
#include "redress/clock.h"
#include "redress/xalloc.h"

RdStatus audit_record(Store *st, const char *actor, RdInstant at, const AuditEvent *ev, RdError *err) {
   static const char sql[] =
      "INSERT INTO event (at, actor, complaint_id, entity, entity_id, action, detail) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
   if (!store_in_transaction(st))
      return error_set(err, RD_EDB, "internal: an audit event was written outside a transaction");
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   store_bind_instant(stmt, 1, at);
   store_bind_text(stmt, 2, actor);
   store_bind_id(stmt, 3, ev->complaint_id);
   store_bind_text(stmt, 4, ev->entity);
   if (ev->entity_id)
      sqlite3_bind_int64(stmt, 5, ev->entity_id);
   store_bind_text(stmt, 6, ev->action);
   store_bind_text(stmt, 7, ev->detail ? ev->detail : "");
   return store_run(st, stmt, err);
}

static const char *const audit_access_kinds[] = { "export", "view" };

const char *audit_access_kind_name(AccessKind kind) {
   return audit_access_kinds[kind];
}

RdStatus audit_access(Store *st, const char *actor, RdInstant at, const AccessRecord *rec, RdError *err) {
   static const char sql[] =
      "INSERT INTO access_log (at, actor, kind, person_id, complaint_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
   if (!store_in_transaction(st))
      return error_set(err, RD_EDB, "internal: an access was recorded outside a transaction");
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   store_bind_instant(stmt, 1, at);
   store_bind_text(stmt, 2, actor);
   store_bind_text(stmt, 3, audit_access_kinds[rec->kind]);
   store_bind_id(stmt, 4, rec->person_id);
   store_bind_id(stmt, 5, rec->complaint_id);
   store_bind_text(stmt, 6, rec->detail ? rec->detail : "");
   return store_run(st, stmt, err);
}

RdStatus audit_for_complaint(Store *st, int64_t complaint_id, AuditRow **out, size_t *count, RdError *err) {
   static const char sql[] =
      "SELECT id, at, actor, entity, action, detail FROM event WHERE complaint_id = ?1 ORDER BY id";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, complaint_id);
   AuditRow *rows = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 16;
         rows = xreallocarray(rows, cap, sizeof *rows);
      }
      AuditRow *r = &rows[n++];
      r->id = sqlite3_column_int64(stmt, 0);
      r->at = store_column_instant(stmt, 1);
      r->actor = store_column_dup(stmt, 2);
      r->entity = store_column_dup(stmt, 3);
      r->action = store_column_dup(stmt, 4);
      r->detail = store_column_dup(stmt, 5);
   }
   sqlite3_reset(stmt);
   if (rc != SQLITE_DONE) {
      audit_free_rows(rows, n);
      return store_fail(st, err, "reading the history of a case");
   }
   *out = rows;
   *count = n;
   return RD_OK;
}

void audit_free_rows(AuditRow *rows, size_t count) {
   for (size_t i = 0; i < count; i++) {
      free(rows[i].actor);
      free(rows[i].entity);
      free(rows[i].action);
      free(rows[i].detail);
   }
   free(rows);
}

void audit_refusal(Store *st, const char *actor, const char *doing, const char *reason) {
   static const char sql[] = "INSERT INTO refusal (at, actor, doing, reason) VALUES (?1, ?2, ?3, ?4)";
   if (store_read_only(st) || store_in_transaction(st))
      return;
   sqlite3_stmt *stmt = store_stmt(st, sql, NULL);
   if (!stmt || store_begin(st, NULL) != RD_OK)
      return;
   store_bind_instant(stmt, 1, clock_now());
   store_bind_text(stmt, 2, actor);
   store_bind_text(stmt, 3, doing);
   store_bind_text(stmt, 4, reason);
   if (store_run(st, stmt, NULL) == RD_OK)
      store_commit(st, NULL);
   else
      store_rollback(st);
}
