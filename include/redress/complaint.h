/* complaint: the lifecycle of a complaint as a state machine.
 *
 * Every transition is one function that checks the rule, writes the change and its audit
 * event in one transaction, and stores the due dates it computed together with the name of
 * the policy that computed them, so a later change of policy never moves an old deadline.
 * Each takes the version of the case the caller last read (0: the current one) and refuses a
 * save over someone else's newer change, naming who made it and when. */
#ifndef REDRESS_COMPLAINT_H
#define REDRESS_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/session.h"
#include "redress/staff.h"

typedef enum ComplaintKind {
   KIND_UNTRIAGED,        /* logged, not yet triaged */
   KIND_COMPLAINT,
   KIND_SERVICE_REQUEST,  /* recorded, monitored; not a complaint (Code 1.4) */
   KIND_EXCLUDED,         /* refused with a reason (Code 2.1-2.4) */
   KIND_QUICK             /* resolved at first contact, still logged (seeds 000, 004) */
} ComplaintKind;

typedef enum Decision {
   DECISION_NONE,
   DECISION_UPHELD,
   DECISION_PARTLY_UPHELD,
   DECISION_NOT_UPHELD
} Decision;

typedef enum CloseReason {
   CLOSE_NONE,
   CLOSE_RESOLVED,              /* resolution agreed and every action done */
   CLOSE_NO_CONTACT,            /* seed 003: no contact despite attempts */
   CLOSE_WITHDRAWN,
   CLOSE_EXCLUDED,
   CLOSE_FINAL_RESPONSE,        /* the stage 2 response ended the landlord's process */
   CLOSE_SERVICE_REQUEST_DONE,
   CLOSE_QUICK_RESOLUTION,
   CLOSE_ESCALATION_DECLINED
} CloseReason;

typedef struct StageRecord {
   bool present;
   int number;
   RdDate start_on;             /* day 0 of the stage's counts */
   RdInstant requested_at;      /* receipt (stage 1) or the request to escalate */
   char *definition;            /* the complaint definition recorded at acknowledgement */
   int64_t handler_id;
   RdInstant acknowledged_at;
   RdDate agreed_on;            /* date agreed with the resident (agreed-date policies) */
   RdDate ack_due;
   RdDate response_due;
   RdDate extension_limit;      /* the latest an extension may reach without a manager */
   RdDate extended_to;
   char *extension_reason;
   RdInstant extension_told_at;
   RdInstant responded_at;
   Decision decision;
   char *reasons;
   RdInstant declined_at;
   char *decline_reason;
   bool late_request;
   char policy[64];             /* the profile that computed these dates */
} StageRecord;

typedef struct Complaint {
   int64_t id;
   char ref[16];                /* C25-00042: read out over the phone */
   ComplaintKind kind;
   int stage;
   int64_t person_id;           /* 0 when anonymous */
   int64_t representative_id;
   char *channel;
   RdInstant received_at;
   RdDate incident_on;
   char *category;
   char *summary;
   char *outcome_sought;
   bool anonymous;
   bool confidential;
   int64_t about_staff_id;
   char *about_team;
   char *exclusion_code;
   char *exclusion_detail;
   bool out_of_time;
   char *accepted_late_reason;
   char policy[64];
   RdInstant last_update_at;
   RdInstant closed_at;
   CloseReason close_reason;
   char *close_note;
   int64_t updated_by;
   RdInstant updated_at;
   int version;
   RdInstant anonymised_at;     /* when retention removed its personal data; RD_NO_INSTANT: not */
   StageRecord stages[2];
} Complaint;

/* What intake records. Strings are borrowed; NULL means not given. */
typedef struct NewComplaint {
   int64_t person_id;           /* 0 for an anonymous complaint */
   int64_t representative_id;
   const char *channel;         /* phone, email, letter, in-person, web, social-media */
   RdInstant received_at;       /* RD_NO_INSTANT: now */
   RdDate incident_on;          /* RD_NO_DATE: not known */
   const char *category;
   const char *summary;
   const char *outcome_sought;
   bool anonymous;
   bool confidential;
   int64_t about_staff_id;
   const char *about_team;
   ComplaintKind triage;        /* KIND_UNTRIAGED to triage later */
   const char *exclusion_code;  /* with KIND_EXCLUDED */
   const char *exclusion_detail;
   const char *accept_late;     /* the reason to accept an out-of-time issue */
   const char *quick_summary;   /* with KIND_QUICK: what was done */
} NewComplaint;

/* What a response records. Remedies and outstanding actions are added before it. */
typedef struct Response {
   Decision decision;
   const char *reasons;
   bool no_remedy;              /* say "none" explicitly when no remedy is offered */
   bool no_actions;             /* say "none" explicitly when nothing is outstanding */
} Response;

void complaint_init(Complaint *c);
void complaint_clear(Complaint *c);

const char *complaint_kind_name(ComplaintKind kind);
RdStatus complaint_kind_parse(const char *text, ComplaintKind *out, RdError *err);
const char *complaint_decision_name(Decision d);
RdStatus complaint_decision_parse(const char *text, Decision *out, RdError *err);
const char *complaint_close_reason_name(CloseReason r);
RdStatus complaint_close_reason_parse(const char *text, CloseReason *out, RdError *err);
RdStatus complaint_channel_check(const char *channel, RdError *err);
bool complaint_is_open(const Complaint *c);
/* The stage record in force (stages[stage - 1]). */
const StageRecord *complaint_current_stage(const Complaint *c);

RdStatus complaint_get(Session *s, const char *ref, Complaint *out, RdError *err);
RdStatus complaint_get_id(Session *s, int64_t id, Complaint *out, RdError *err);

/* Reads a case to show it to the logged-in member of staff (what 'case show' and the
 * screens call). A confidential case is shown only to its handlers, managers and admins:
 * anyone else is refused (RD_EDENIED, the refusal kept by audit_refusal). Each view of a
 * confidential case is recorded in the access log, and refused when it cannot be (a
 * read-only database). *out is owned by the caller: complaint_clear. */
RdStatus complaint_view(Session *s, const char *ref, Complaint *out, RdError *err);
/* Whether the member of staff may see the confidential case: a handler of one of its
 * stages, a manager or an admin. True for every case that is not confidential. */
bool complaint_may_view(const Complaint *c, const Staff *who);

/* Logs a complaint (and triages it when in->triage says so). out receives the stored case. */
RdStatus complaint_new(Session *s, const NewComplaint *in, Complaint *out, RdError *err);

/* Triage of an untriaged case, or a service request that has become a complaint (Code 1.5:
 * its history is kept and the complaint's clock starts at `at`). */
RdStatus complaint_triage(Session *s, const char *ref, int version, ComplaintKind kind,
                          const char *exclusion_code, const char *detail, const char *accept_late,
                          RdInstant at, RdError *err);

RdStatus complaint_acknowledge(Session *s, const char *ref, int version, const char *definition,
                               RdDate agreed_on, RdInstant at, RdError *err);
/* good_reason: needed, from a manager, to go past the policy's limit. */
RdStatus complaint_extend(Session *s, const char *ref, int version, RdDate new_date, const char *reason,
                          bool resident_told, const char *good_reason, RdInstant at, RdError *err);
RdStatus complaint_respond(Session *s, const char *ref, int version, const Response *r, RdInstant at,
                           RdError *err);
/* A new issue raised by the resident: folded into stage 1 when related and before the
 * stage 1 response; otherwise logged as a new complaint linked to this one (new_ref). */
RdStatus complaint_new_issue(Session *s, const char *ref, int version, const char *text, bool related,
                             RdInstant at, char new_ref[16], RdError *err);
/* late_reason: a manager's reason to accept a request outside the policy's window. */
RdStatus complaint_escalate(Session *s, const char *ref, int version, const char *why, const char *late_reason,
                            RdInstant at, RdError *err);
RdStatus complaint_decline(Session *s, const char *ref, int version, const char *reason, RdInstant at,
                           RdError *err);
RdStatus complaint_assign(Session *s, const char *ref, int version, int stage, const char *login,
                          RdInstant at, RdError *err);
RdStatus complaint_declare_conflict(Session *s, const char *ref, const char *login, const char *reason,
                                    RdInstant at, RdError *err);
RdStatus complaint_close(Session *s, const char *ref, int version, CloseReason reason, const char *note,
                         RdInstant at, RdError *err);
/* ombudsman_order: the Ombudsman's reference when an order reopens it; otherwise a manager. */
RdStatus complaint_reopen(Session *s, const char *ref, int version, const char *reason,
                          const char *ombudsman_order, RdInstant at, RdError *err);
/* direction: "in", "out" or "note". An outgoing contact counts as an update to the resident. */
RdStatus complaint_contact(Session *s, const char *ref, const char *direction, const char *channel,
                           const char *summary, RdInstant at, RdError *err);

/* Whether candidate may handle the stage: true, or false with the rule that stops them. */
bool complaint_handler_allowed(Session *s, const Complaint *c, int stage, const Staff *candidate, char *why,
                               size_t why_size);

/* Due dates of a stage recomputed from its stored dates by the case's own policy. */
RdStatus complaint_stage_due(Session *s, const Complaint *c, int stage, StageDue *out, RdError *err);

#endif
