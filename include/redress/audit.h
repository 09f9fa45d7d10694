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

/* What a record of the access log says was done with personal data. */
typedef enum AccessKind {
   ACCESS_EXPORT,             /* a person's records taken away (a subject access request) */
   ACCESS_VIEW                /* a confidential case looked at */
} AccessKind;

typedef struct AccessRecord {
   AccessKind kind;
   int64_t person_id;         /* whose data; 0 when nobody is named (an anonymous case) */
   int64_t complaint_id;      /* 0 when not about one case */
   const char *detail;        /* how, in words with no personal data; may be NULL */
} AccessRecord;

/* Must be called inside a transaction (store_begin). */
RdStatus audit_record(Store *st, const char *actor, RdInstant at, const AuditEvent *ev, RdError *err);

/* Keeps a refusal of a step the user's role does not allow, in its own transaction; a
 * failure to keep it is ignored (the refusal itself still stands). */
void audit_refusal(Store *st, const char *actor, const char *doing, const char *reason);

/* Keeps a record of who looked at or took away personal data, apart from the audit log
 * (which records changes only). Must be called inside a transaction, so that what the
 * record is about and the record itself stand or fall together. */
RdStatus audit_access(Store *st, const char *actor, RdInstant at, const AccessRecord *rec, RdError *err);
const char *audit_access_kind_name(AccessKind kind);

/* The events of one case, oldest first; caller frees with audit_free_rows. */
RdStatus audit_for_complaint(Store *st, int64_t complaint_id, AuditRow **out, size_t *count, RdError *err);
void audit_free_rows(AuditRow *rows, size_t count);

#endif
