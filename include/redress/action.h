/* action: outstanding actions and remedies, tracked to completion (Code 6.6, 7.3). */
#ifndef REDRESS_ACTION_H
#define REDRESS_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/session.h"

typedef enum ActionSource {
   ACTION_FROM_RESPONSE,
   ACTION_FROM_OMBUDSMAN_ORDER,
   ACTION_FROM_HR_NOTICE,
   ACTION_FROM_REMEDY,
   ACTION_FROM_OTHER
} ActionSource;

typedef struct Action {
   int64_t id;
   int64_t complaint_id;        /* 0 when not about one case */
   char ref[16];                /* the case reference, "" when none */
   char *what;
   int64_t owner_id;
   char *owner_login;
   char *owner_name;
   char *owner_team;
   RdDate due_on;
   ActionSource source;
   RdDate done_on;
   RdInstant created_at;
   char *last_update;           /* the newest update's text, NULL when none */
   RdInstant last_update_at;
   int version;
} Action;

typedef enum RemedyKind {
   REMEDY_APOLOGY,
   REMEDY_EXPLANATION,
   REMEDY_ACKNOWLEDGEMENT,
   REMEDY_ACTION_ON_DELAY,
   REMEDY_RECONSIDERED_DECISION,
   REMEDY_CORRECTED_RECORD,
   REMEDY_FINANCIAL_LOSS,
   REMEDY_GOODWILL,
   REMEDY_POLICY_CHANGE,
   REMEDY_OTHER
} RemedyKind;

typedef struct Remedy {
   int64_t id;
   int64_t complaint_id;
   int stage;
   RemedyKind kind;
   char *detail;
   int64_t amount_pence;
   RdDate due_on;
   RdDate done_on;
} Remedy;

typedef struct ActionFilter {
   int64_t owner_id;            /* 0: anyone */
   const char *team;            /* NULL: any team */
   int64_t complaint_id;        /* 0: any case */
   bool include_done;
} ActionFilter;

const char *action_source_name(ActionSource source);
const char *remedy_kind_name(RemedyKind kind);
RdStatus remedy_kind_parse(const char *text, RemedyKind *out, RdError *err);
/* Money as "£12.50" from pence. */
void remedy_format_pence(int64_t pence, char *buf, size_t size);
/* "12.50", "12", "£12.5" as pence; refuses negatives and more than two decimals. */
RdStatus remedy_parse_pounds(const char *text, int64_t *pence, RdError *err);

void action_clear(Action *a);
void action_free_list(Action *list, size_t count);
void remedy_clear(Remedy *r);
void remedy_free_list(Remedy *list, size_t count);

/* Inside a change already begun (no transaction or audit of its own): used by the
 * lifecycle when a step creates an action as part of itself. */
RdStatus action_insert(Session *s, int64_t complaint_id, const char *what, int64_t owner_id, RdDate due_on,
                       ActionSource source, int64_t *id, RdError *err);

/* The public operations: each is one transaction with one audit event. */
RdStatus action_add(Session *s, const char *ref, const char *what, const char *owner_login, RdDate due_on,
                    int64_t *id, RdError *err);
RdStatus action_update(Session *s, int64_t id, const char *text, RdInstant at, RdError *err);
RdStatus action_done(Session *s, int64_t id, RdDate done_on, const char *note, RdError *err);
/* Gives an outstanding action to another active member of staff: its owner or a manager. */
RdStatus action_reassign(Session *s, int64_t id, const char *owner_login, RdError *err);
RdStatus action_get(Session *s, int64_t id, Action *out, RdError *err);
/* Open actions overdue first, then by due date; caller frees with action_free_list. */
RdStatus action_list(Session *s, const ActionFilter *f, Action **out, size_t *count, RdError *err);
size_t action_open_count(Session *s, int64_t complaint_id);

RdStatus remedy_add(Session *s, const char *ref, RemedyKind kind, const char *detail, int64_t amount_pence,
                    RdDate due_on, int64_t *id, RdError *err);
RdStatus remedy_done(Session *s, int64_t id, RdDate done_on, RdError *err);
RdStatus remedy_list(Session *s, int64_t complaint_id, Remedy **out, size_t *count, RdError *err);
size_t remedy_count(Session *s, int64_t complaint_id, int stage);

#endif
