/* lifecycle: what the modules of the complaint lifecycle (complaint, action, remedy and
 * their siblings) share. Private to src/. */
#ifndef REDRESS_LIFECYCLE_H
#define REDRESS_LIFECYCLE_H

#include "redress/audit.h"
#include "redress/error.h"
#include "redress/session.h"
#include "redress/staff.h"

/* The actor must hold one of roles (StaffRole bits); doing says what was refused. */
RdStatus lifecycle_require(Session *s, unsigned roles, const char *doing, RdError *err);

/* Ends a change begun with store_begin: when st is RD_OK records the one audit event
 * and commits, otherwise rolls back. Returns the final status. */
RdStatus lifecycle_finish(Session *s, RdStatus st, const AuditEvent *ev, RdInstant at, RdError *err);

/* "changed by Jo Bloggs (jbloggs) at 2025-12-19 10:04 since you read it": the newest
 * audit event of the case, for a refused save. */
RdStatus lifecycle_conflict(Session *s, int64_t complaint_id, const char *ref, RdError *err);

/* The instant of a step: the one given, or now. */
RdInstant lifecycle_at(RdInstant at);

#endif
