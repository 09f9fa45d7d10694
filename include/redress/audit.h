/* audit: the append-only event log. Every committed change writes exactly one event,
 * inside the same transaction as the change; triggers refuse UPDATE and DELETE. */
#ifndef REDRESS_AUDIT_H
#define REDRESS_AUDIT_H

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

/* Must be called inside a transaction (store_begin). */
RdStatus audit_record(Store *st, const char *actor, RdInstant at, const AuditEvent *ev, RdError *err);

#endif
