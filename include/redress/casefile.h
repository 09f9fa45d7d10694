/* casefile: what the case detail screen reads besides the case itself: its timeline of
 * audit events, contacts and notes, in the order they happened. No curses. */
#ifndef REDRESS_CASEFILE_H
#define REDRESS_CASEFILE_H

#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/store.h"

typedef enum TimelineKind {
   TIMELINE_EVENT = 0,      /* a change recorded in the audit log */
   TIMELINE_CONTACT_IN,     /* from the resident */
   TIMELINE_CONTACT_OUT,    /* to the resident */
   TIMELINE_NOTE
} TimelineKind;

typedef struct TimelineEntry {
   RdInstant at;
   TimelineKind kind;
   char *who;               /* the login that recorded it, "" when unknown */
   char *what;              /* the event's action ("acknowledged") or the contact's channel */
   char *detail;            /* the event's words or the contact's full summary */
} TimelineEntry;

/* Every entry of the case, oldest first. Contacts and notes come with their full text from
 * the contact records rather than the shortened words of their audit events. *out is owned
 * by the caller: casefile_timeline_free. */
RdStatus casefile_timeline(Store *st, int64_t complaint_id, TimelineEntry **out, size_t *count, RdError *err);
void casefile_timeline_free(TimelineEntry *list, size_t count);

/* "event", "in", "out", "note". */
const char *casefile_kind_name(TimelineKind kind);

#endif
