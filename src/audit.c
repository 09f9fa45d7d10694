/* audit: writing events. */
#include "config.h"

#include "redress/audit.h"

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
