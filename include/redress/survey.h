/* survey: the one-question satisfaction survey, "Were you satisfied with how your complaint
 * was handled?" (seed 004).
 *
 * A closed complaint (not excluded, not anonymous, its resident reachable) is due one when
 * its policy's survey_delay_days calendar days have passed since the later of its last
 * correspondence (a contact in or out, or a letter) and its final resolution; the case's own
 * policy decides, and a profile with no delay has no survey. Each case is sent one survey.
 * A resident who says they do not want to be involved in surveys (seed 003) is not sent one
 * again, for any of their complaints. */
#ifndef REDRESS_SURVEY_H
#define REDRESS_SURVEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/session.h"

typedef enum SurveyAnswer {
   SURVEY_SATISFIED,            /* "yes" */
   SURVEY_NOT_SATISFIED,        /* "no" */
   SURVEY_DECLINED              /* the resident does not want to be involved in surveys */
} SurveyAnswer;

/* One case whose survey is due, with how to reach the resident. */
typedef struct SurveyDue {
   int64_t complaint_id;
   char ref[16];
   int64_t person_id;
   char *name;
   char *preferred_contact;     /* "" when not stated */
   char *phone;
   char *email;
   char *address;
   RdDate due_on;               /* the day it fell due */
   char policy[64];             /* the case's policy, whose delay counted */
} SurveyDue;

typedef struct SurveyStatus {
   char ref[16];
   RdDate due_on;               /* when the survey is or was due; RD_NO_DATE when the case gets none */
   char why[300];               /* why the case gets none, when due_on is RD_NO_DATE */
   RdDate sent_on;              /* RD_NO_DATE until sent */
   RdDate answered_on;          /* the day of the answer, or of declining; RD_NO_DATE until then */
   int satisfied;               /* 1 yes, 0 no, -1 not answered */
   bool declined;               /* the resident does not want surveys, said on this case or another */
} SurveyStatus;

RdStatus survey_answer_parse(const char *text, SurveyAnswer *out, RdError *err);

void survey_free_due(SurveyDue *list, size_t count);

/* Every case due a survey and not yet sent one, longest due first; caller frees with
 * survey_free_due. */
RdStatus survey_due(Session *s, SurveyDue **out, size_t *count, RdError *err);

/* Where the survey of one case stands. */
RdStatus survey_status(Session *s, const char *ref, SurveyStatus *out, RdError *err);

/* Where a survey stands, in words for the case screen and 'case show': "due 2026-02-02, not
 * sent yet", "due 2026-02-02, sent 2026-02-02, answered yes (satisfied) on 2026-02-04", or
 * "none: " and why, as it stands on today. */
void survey_status_words(const SurveyStatus *v, RdDate today, char *buf, size_t size);

/* Records that the survey was sent (on: RD_NO_DATE is today); refused before it is due, for
 * a case that gets none, and a second time. One transaction with one audit event. */
RdStatus survey_sent(Session *s, const char *ref, RdDate on, RdError *err);

/* Records the answer to a survey sent, or that the resident declines surveys (at any time,
 * sent or not). One transaction with one audit event. */
RdStatus survey_answer(Session *s, const char *ref, SurveyAnswer answer, RdDate on, RdError *err);

#endif
