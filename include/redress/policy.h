/* policy: a landlord's complaint timescales as data, and the due dates they give.
 *
 * Profiles live in data/policies/NAME.conf. Everything here is a pure function of the
 * profile, the calendar and the dates given; nothing touches the database. */
#ifndef REDRESS_POLICY_H
#define REDRESS_POLICY_H

#include <stdbool.h>
#include <stdio.h>

#include "redress/calendar.h"
#include "redress/datetime.h"
#include "redress/error.h"

/* What a count of working days starts from. */
typedef enum PolicyAnchor {
   ANCHOR_NONE = 0,        /* the rule is not set */
   ANCHOR_START,           /* stage 1: receipt of the complaint; stage 2: the request to escalate */
   ANCHOR_ACKNOWLEDGEMENT, /* the stage's acknowledgement */
   ANCHOR_AGREED           /* a date agreed with the resident, no fixed count */
} PolicyAnchor;

typedef struct PolicyTimescale {
   PolicyAnchor from;
   int days;               /* working days */
   char source[96];        /* where the rule comes from, e.g. "Code 6.2" */
} PolicyTimescale;

typedef struct PolicyStage {
   PolicyTimescale acknowledge;
   PolicyTimescale respond;
   int extension_days;     /* working days beyond the response date; -1 no limit of its own */
   bool extension_agreed;  /* a new date is agreed with the resident rather than counted */
   char extension_source[96];
   PolicyTimescale cap;    /* the latest response, extension included, from the anchor */
} PolicyStage;

typedef enum EscalationUnit {
   ESCALATION_ANY_TIME = 0,
   ESCALATION_CALENDAR_DAYS,
   ESCALATION_WORKING_DAYS,
   ESCALATION_CALENDAR_MONTHS
} EscalationUnit;

typedef enum EscalationFrom {
   ESCALATION_FROM_RESPONSE = 0,   /* the stage 1 response */
   ESCALATION_FROM_CLOSURE         /* the closure of the complaint */
} EscalationFrom;

typedef struct Policy {
   char name[64];
   char title[160];
   char source[256];
   PolicyStage stage[2];
   EscalationUnit escalation_unit;
   int escalation_within;
   EscalationFrom escalation_from;
   char escalation_source[96];
   int eligibility_months;         /* 0: no limit */
   char eligibility_source[96];
   int quick_resolution_hours;     /* -1 not offered, 0 at first contact, else hours */
   char quick_resolution_source[96];
   int no_contact_after_raising;   /* working days; 0 not used */
   int no_contact_after_response;
   char no_contact_source[96];
   int survey_delay_days;          /* calendar days; 0 no survey */
   char survey_source[96];
   int due_soon_days;              /* working days left at which a target turns "due soon" */
   int update_interval_days;       /* working days a resident may go without an update */
} Policy;

/* The dates of one stage that due dates are computed from. */
typedef struct StageDates {
   RdDate start;           /* receipt (stage 1) or the request to escalate (stage 2) */
   RdDate acknowledged;    /* RD_NO_DATE until acknowledged */
   RdDate agreed;          /* the date agreed with the resident, or RD_NO_DATE */
} StageDates;

typedef struct StageDue {
   RdDate acknowledge;     /* RD_NO_DATE when the policy sets no time */
   RdDate respond;         /* RD_NO_DATE when it waits for an agreed date */
   bool respond_provisional; /* counted from the acknowledgement due date, not yet made */
   RdDate extension_limit; /* the latest an extension may reach; RD_NO_DATE no limit */
} StageDue;

/* Reads a profile by name from dir_first (may be NULL) then datadir/policies. A name that
 * is malformed or names no profile is RD_ENOTFOUND; a bad profile file is RD_ECONFIG. */
RdStatus policy_load(const char *name, const char *dir_first, const char *datadir, Policy *out,
                     RdError *err);
RdStatus policy_load_file(const char *path, Policy *out, RdError *err);

/* The profiles shipped and found: names, sorted; caller frees each and the array. */
char **policy_list(const char *dir_first, const char *datadir, size_t *count);

/* stage is 1 or 2. */
void policy_stage_due(const Policy *p, const Calendar *cal, Division div, int stage,
                      const StageDates *dates, StageDue *out);

/* The last day a resident may ask to escalate; RD_NO_DATE when there is no window. */
RdDate policy_escalation_deadline(const Policy *p, const Calendar *cal, Division div,
                                  RdDate response, RdDate closed);
/* The earliest date an incident may have happened for a complaint received on received. */
RdDate policy_eligibility_cutoff(const Policy *p, RdDate received);

/* The whole profile in plain English, stage by stage. */
void policy_describe(const Policy *p, FILE *out);

#endif
