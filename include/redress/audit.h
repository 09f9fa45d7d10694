/* audit: the append-only event log. Every committed change writes exactly one event,
 * inside the same transaction as the change; triggers refuse UPDATE and DELETE. */
#ifndef REDRESS_AUDIT_H
#define REDRESS_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/store.h"

typedef struct AuditEvent {
   int64_t complaint_id;      /* 0 when the change is not about a complaint */
   const char *entity;        /* "complaint", "staff", "holiday", ... */
   int64_t entity_id;
   const char *action;        /* "created", "acknowledged", ... */
   const char *detail;        /* what changed, in words; may be NULL */
} AuditEvent;

typedef struct AuditRow {
   int64_t id;
   RdInstant at;
   char *actor;
   char *entity;
   char *action;
   char *detail;
} AuditRow;

/* Must be called inside a transaction (store_begin). */
RdStatus audit_record(Store *st, const char *actor, RdInstant at, const AuditEvent *ev, RdError *err);

/* Keeps a refusal of a step the user's role does not allow, in its own transaction; a
 * failure to keep it is ignored (the refusal itself still stands). */
void audit_refusal(Store *st, const char *actor, const char *doing, const char *reason);

/* The events of one case, oldest first; caller frees with audit_free_rows. */
RdStatus audit_for_complaint(Store *st, int64_t complaint_id, AuditRow **out, size_t *count, RdError *err);
void audit_free_rows(AuditRow *rows, size_t count);

#endif
