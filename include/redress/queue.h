/* queue: the rows of the queue screen, read from the store. No curses.
 *
 * Open cases, each with what is due next at its current stage (triage, acknowledge or
 * respond), the due date, the working days left and its class; filtered (mine, my team,
 * stage, overdue, due soon, service requests, closed), narrowed by a search as the user
 * types, sorted most urgent first, and counted for the count line. */
#ifndef REDRESS_QUEUE_H
#define REDRESS_QUEUE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/calendar.h"
#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/store.h"
#include "redress/timer.h"

typedef enum QueueFilter {
   QUEUE_ALL = 0,        /* every open case and service request */
   QUEUE_MINE,           /* the current stage's handler is me */
   QUEUE_TEAM,           /* the handler is in my team or the team I manage */
   QUEUE_STAGE1,
   QUEUE_STAGE2,
   QUEUE_OVERDUE,
   QUEUE_DUE_SOON,       /* due soon or due today */
   QUEUE_SERVICE,        /* open service requests (no clock) */
   QUEUE_CLOSED,         /* the most recently closed */
   QUEUE_FILTER_COUNT
} QueueFilter;

/* What the case waits for next at its current stage. */
typedef enum QueueNext {
   QUEUE_NEXT_NONE = 0,  /* no clock: declined, responded, service request, closed */
   QUEUE_NEXT_TRIAGE,    /* logged but not triaged; the acknowledgement clock runs */
   QUEUE_NEXT_ACK,
   QUEUE_NEXT_RESPOND
} QueueNext;

#define QUEUE_NO_DAYS INT_MIN

typedef struct QueueRow {
   int64_t id;
   char *ref;
   char *complainant;     /* the name, or "(anonymous)" */
   char *tenancy_ref;     /* "" when none */
   char *kind;            /* complaint.kind */
   int stage;
   QueueNext next;
   RdDate due;            /* RD_NO_DATE when nothing is due or a date is still to be agreed */
   bool awaiting_agreed_date;
   int days_left;         /* working days from today to due; negative overdue; QUEUE_NO_DAYS */
   TimerClass cls;        /* on track when nothing is due */
   int due_soon_days;     /* the threshold of the case's policy */
   int64_t handler_id;    /* 0 when unassigned */
   char *handler_login;   /* "" when unassigned */
   char *handler_name;
   char *handler_team;
   char *status;          /* in words, e.g. "to acknowledge", "extended", "closed: withdrawn" */
   char *category;
   char *summary;
   char *policy;
   RdInstant received_at;
   RdInstant closed_at;   /* RD_NO_INSTANT while open */
} QueueRow;

typedef struct QueueCounts {
   size_t shown;          /* rows listed */
   size_t open;           /* of which open */
   size_t overdue;
   size_t due_today;
   size_t due_soon;
} QueueCounts;

/* Who is looking, for "mine" and "my team", and for confidential cases: their resident and
 * summary show only to the case's handlers and to those who may see every confidential case
 * (managers and admins); to others, and to their searches, they read "(confidential)". */
typedef struct QueueViewer {
   int64_t staff_id;
   const char *team;          /* "" or NULL when none */
   const char *manages_team;  /* "" or NULL when none */
   bool sees_confidential;
} QueueViewer;

/* The due-soon threshold (working days) of a policy profile by name; < 0 never. */
typedef int (*QueueThresholdFn)(void *ctx, const char *policy);

typedef struct Queue Queue;

/* Store and calendar are borrowed. Owned by the caller: queue_free. */
Queue *queue_new(Store *st, const Calendar *cal, Division division, QueueThresholdFn threshold,
                 void *threshold_ctx);
void queue_free(Queue *q);

/* Reads the rows again from the store as of today (the local date) and shows those of the
 * filter, keeping the search already set. Every open case is held, so the filter is applied
 * as the rows are shown; the closed filter reads the most recently closed instead. */
RdStatus queue_load(Queue *q, QueueFilter filter, const QueueViewer *viewer, RdDate today, RdError *err);
/* Shows another filter's rows, reading the store only when moving between the open and the
 * closed cases. */
RdStatus queue_set_filter(Queue *q, QueueFilter filter, RdError *err);
/* Narrows the rows to those where every word of text occurs (ignoring ASCII case) in the
 * reference, the name, the tenancy reference or the summary. NULL or "" shows all. */
RdStatus queue_search(Queue *q, const char *text, RdError *err);
/* Recomputes working days left, classes and order for a new local date, without reading;
 * the overdue and due-soon filters gain and lose rows accordingly. */
void queue_set_today(Queue *q, RdDate today);

QueueFilter queue_filter(const Queue *q);
const char *queue_search_text(const Queue *q);   /* "" when none */
size_t queue_count(const Queue *q);
const QueueRow *queue_row(const Queue *q, size_t index);
/* One case as a row, whether open or closed, classified as of the queue's date (set by
 * queue_load or queue_set_today). out is the caller's: queue_row_clear. */
RdStatus queue_read_case(Queue *q, int64_t case_id, QueueRow *out, RdError *err);
void queue_row_clear(QueueRow *r);

/* Every row read, whatever the filter and search: the open cases for the timer. */
size_t queue_all_count(const Queue *q);
const QueueRow *queue_all_row(const Queue *q, size_t index);
/* The index of the case among the rows shown, or -1. */
long queue_find(const Queue *q, int64_t case_id);
QueueCounts queue_counts(const Queue *q);

/* True when every word of text occurs in one of the row's searchable fields. */
bool queue_row_matches(const QueueRow *row, const char *text);

/* "TRIAGE", "ACK1", "RESP2", or "" for nothing due. */
const char *queue_next_label(QueueNext next, int stage);
/* "mine", "my team", "all", ... */
const char *queue_filter_name(QueueFilter f);

/* How many closed cases the closed filter lists at most. */
#define QUEUE_CLOSED_LIMIT 500

#endif
