/* learning: lessons learned from complaints and the service improvements they lead to
 * (seeds 001, 002, 003), recorded for the annual complaints performance and service
 * improvement report (Code 8.1). A lesson may be about one case or about several. */
#ifndef REDRESS_LEARNING_H
#define REDRESS_LEARNING_H

#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/session.h"

typedef struct Lesson {
   int64_t id;
   int64_t complaint_id;        /* 0 when not about one case */
   char ref[16];                /* the case, "" when none */
   char *lesson;
   char *improvement;           /* the service improvement it leads to */
   RdInstant recorded_at;
   char *recorded_by;           /* the login of who recorded it */
   char *recorded_by_name;
} Lesson;

typedef struct LearningFilter {
   RdDate since;                /* recorded on or after (local date); RD_NO_DATE: no limit */
   RdDate until;                /* recorded on or before; RD_NO_DATE: no limit */
   int64_t complaint_id;        /* 0: any, and those about no case */
} LearningFilter;

void learning_clear(Lesson *l);
void learning_free_list(Lesson *list, size_t count);

/* Records a lesson (ref NULL: not about one case) with its improvement, as the actor; a
 * handler or manager. at: when it was learned, RD_NO_INSTANT now. One transaction with one
 * audit event; *id (may be NULL) receives the new number. */
RdStatus learning_add(Session *s, const char *ref, const char *lesson, const char *improvement, RdInstant at,
                      int64_t *id, RdError *err);

/* Oldest first; caller frees with learning_free_list. */
RdStatus learning_list(Session *s, const LearningFilter *f, Lesson **out, size_t *count, RdError *err);

#endif
