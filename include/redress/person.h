/* person: residents and other complainants, with what the landlord must remember about
 * each of them: reasonable adjustments (Code 3.1, seed 002), contact restrictions for
 * unreasonable behaviour (seeds 000, 002, 004) and representatives with their authority.
 *
 * Every write is one transaction with one audit event, joining the caller's transaction
 * when there is one (so an import or an intake can add a person and a complaint together;
 * when a write fails inside it, rolling back is the caller's to do).
 * Any active member of staff may add and change people, adjustments and representatives;
 * only a manager may record or end a contact restriction. Audit events name the fields
 * that changed, never their values: the log cannot be changed, and personal data in it
 * could never be anonymised. */
#ifndef REDRESS_PERSON_H
#define REDRESS_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/staff.h"
#include "redress/store.h"

/* Former tenants may complain within this many months of the tenancy ending (seed 002 2.6). */
#define PERSON_FORMER_TENANT_MONTHS 6
/* A contact restriction is for a set period: its review is at most this far on (seed 002). */
#define RESTRICTION_MAX_MONTHS 12
#define PERSON_FIND_MAX 200

typedef enum PersonKind {
   PERSON_TENANT,
   PERSON_LEASEHOLDER,
   PERSON_SHARED_OWNER,
   PERSON_FORMER_TENANT,
   PERSON_MEMBER_OF_PUBLIC,
   PERSON_STAKEHOLDER,
   PERSON_REPRESENTATIVE,
   PERSON_KIND_COUNT
} PersonKind;

typedef struct Person {
   int64_t id;
   PersonKind kind;
   char *name;
   char *tenancy_ref;
   char *property;
   char *phone;
   char *email;
   char *address;
   char *preferred_contact;   /* "" or one of person_contact_methods */
   char *vulnerabilities;     /* as disclosed, in the person's words where possible */
   RdDate tenancy_ended_on;   /* former tenants only */
   char *do_not_contact;      /* people not to be spoken to about the complaint (seed 000) */
   RdInstant created_at;
   int version;               /* as read; person_update refuses when it has moved */
} Person;

typedef enum AdjustmentKind {
   ADJUST_LARGE_PRINT,
   ADJUST_AUDIO,
   ADJUST_OTHER_LANGUAGE,
   ADJUST_TRANSLATOR,
   ADJUST_MORE_TIME,
   ADJUST_PREFERRED_CHANNEL,
   ADJUST_EASY_READ,
   ADJUST_BRAILLE,
   ADJUST_OTHER,
   ADJUST_KIND_COUNT
} AdjustmentKind;

/* A reasonable adjustment, recorded and kept under review (Code 3.1; seed 002). */
typedef struct Adjustment {
   int64_t id;
   int64_t person_id;
   AdjustmentKind kind;
   char *detail;
   RdDate review_on;
   RdDate reviewed_on;        /* last review, RD_NO_DATE when never reviewed */
   RdDate ended_on;
   RdInstant created_at;
} Adjustment;

typedef enum ApproverRole {
   APPROVER_HEAD_OF_SERVICE,
   APPROVER_ASSISTANT_DIRECTOR,
   APPROVER_DIRECTOR,
   APPROVER_EXECUTIVE_DIRECTOR,
   APPROVER_CHIEF_EXECUTIVE,
   APPROVER_ROLE_COUNT
} ApproverRole;

/* A restriction of contact for unreasonable behaviour: proportionate, approved by a Head
 * of Service or above, for a set period with a review date; emergencies can always be
 * reported (seeds 000, 002 4.1-4.3, 004). */
typedef struct Restriction {
   int64_t id;
   int64_t person_id;
   char *restricts;           /* what it restricts: "one named contact: Sam Lee", ... */
   char *reason;
   char *approved_by;         /* the approver's name, as given */
   ApproverRole approver_role;
   RdDate starts_on;
   RdDate review_on;
   RdDate ended_on;
   int64_t recorded_by;       /* the manager who recorded it */
   RdInstant created_at;
} Restriction;

typedef enum Relationship {
   REL_FAMILY,
   REL_ADVOCATE,
   REL_COUNCILLOR,
   REL_MP,
   REL_SOCIAL_WORKER,
   REL_SOLICITOR,
   REL_FRIEND,
   REL_OTHER,
   REL_COUNT
} Relationship;

/* Someone acting for the person with their authority (seeds 001, 002, 004). */
typedef struct Representative {
   int64_t id;
   int64_t person_id;
   char *name;
   Relationship relationship;
   char *organisation;
   char *phone;
   char *email;
   char *authority;           /* how the authority was given, in words: required */
   RdDate given_on;
   RdInstant created_at;
} Representative;

/* --- words ------------------------------------------------------------------------- */

const char *person_kind_name(PersonKind kind);
RdStatus person_kind_parse(const char *text, PersonKind *out, RdError *err);
/* "phone", "email", "letter", "text-message", "in-person"; NULL-terminated. */
extern const char *const person_contact_methods[];
const char *adjustment_kind_name(AdjustmentKind kind);
RdStatus adjustment_kind_parse(const char *text, AdjustmentKind *out, RdError *err);
const char *approver_role_name(ApproverRole role);        /* "Head of Service" */
/* Takes "head-of-service" or "Head of Service"; anything below is RD_ERULE naming seed 002. */
RdStatus approver_role_parse(const char *text, ApproverRole *out, RdError *err);
const char *relationship_name(Relationship rel);
RdStatus relationship_parse(const char *text, Relationship *out, RdError *err);

/* --- people -------------------------------------------------------------------------- */

void person_init(Person *p);        /* empty strings, tenant, no dates */
void person_clear(Person *p);       /* frees the strings */
void person_free_list(Person *list, size_t count);

/* Adds p (which must have a name) and sets p->id, p->version and p->created_at. */
RdStatus person_add(Store *st, const Staff *actor, Person *p, RdError *err);
/* *out is owned by the caller: person_clear. */
RdStatus person_get(Store *st, int64_t id, Person *out, RdError *err);
/* Saves p over the stored record read at p->version. When someone saved since, it is
 * RD_ECONFLICT naming who and when, and nothing is saved. When nothing differs, nothing
 * is written (no event) and p->version stays; otherwise p->version moves on. */
RdStatus person_update(Store *st, const Staff *actor, Person *p, RdError *err);

/* Replaces the search keys of a person already stored (p->id, p->name, p->tenancy_ref):
 * each word of the name and the tenancy reference, each with the folded name to order by.
 * person_add and person_update call it; a module that stores people in bulk with its own
 * statements (the demo) calls it for each, inside its transaction. */
RdStatus person_write_keys(Store *st, const Person *p, RdError *err);

/* Search as you type: every word of query must begin a word of the name (ignoring case,
 * accents and apostrophes: "smi" finds "Jo Smith", "obr" finds "Siobhán O'Brien"), or the
 * query begins the tenancy reference ("T-10" finds T-1001). Best first: the exact tenancy
 * reference, then names with the whole word, then references that begin with the query
 * (in reference order), then names with a word that begins with it, the closest
 * completion first ("smit": Smith before Smithers); names in each group by name. At most
 * limit results (capped at PERSON_FIND_MAX); only the four longest words of a long query
 * are used. Reads the index only as far as the results go, so it stays quick on every
 * keystroke. *out is owned by the caller: person_free_list. */
RdStatus person_find(Store *st, const char *query, size_t limit, Person **out, size_t *count, RdError *err);

/* Whether a complaint received on the date comes from someone the landlord's policy lets
 * complain without reservation. True when so; otherwise false with *why (caller frees)
 * saying what to tell the resident: a former tenant more than PERSON_FORMER_TENANT_MONTHS
 * after the tenancy ended, or with no end date recorded (seed 002 2.6); a member of the
 * public or a stakeholder, who has no automatic right to the Ombudsman (seeds 002 2.5,
 * 004). A warning to show, never a refusal. */
bool person_eligibility(const Person *p, RdDate received, char **why);

/* --- reasonable adjustments ---------------------------------------------------------- */

void adjustment_init(Adjustment *a);      /* empty, with no dates */
void adjustment_clear(Adjustment *a);     /* frees the strings */
void adjustment_free_list(Adjustment *list, size_t count);
/* Needs person_id, kind, detail and a review date not before today; sets a->id. */
RdStatus adjustment_add(Store *st, const Staff *actor, Adjustment *a, RdError *err);
/* Records that it was reviewed today and when the next review is due. */
RdStatus adjustment_review(Store *st, const Staff *actor, int64_t id, RdDate next_review, RdError *err);
RdStatus adjustment_end(Store *st, const Staff *actor, int64_t id, RdDate on, RdError *err);
RdStatus adjustment_list(Store *st, int64_t person_id, bool include_ended, Adjustment **out, size_t *count,
                         RdError *err);
/* Adjustments in force whose review date is before today, the most overdue first. */
RdStatus adjustment_overdue(Store *st, RdDate today, Adjustment **out, size_t *count, RdError *err);

/* --- contact restrictions ------------------------------------------------------------ */

void restriction_init(Restriction *r);    /* empty, no approver role, no dates */
void restriction_clear(Restriction *r);
void restriction_free_list(Restriction *list, size_t count);
/* Only a manager may record one. Needs what it restricts, why, the approver's name and a
 * role of Head of Service or above, and a review date after the start and at most
 * RESTRICTION_MAX_MONTHS on; starts_on RD_NO_DATE means today. Sets r->id. */
RdStatus restriction_add(Store *st, const Staff *actor, Restriction *r, RdError *err);
RdStatus restriction_end(Store *st, const Staff *actor, int64_t id, RdDate on, RdError *err);
RdStatus restriction_list(Store *st, int64_t person_id, bool include_ended, Restriction **out, size_t *count,
                          RdError *err);
/* Restrictions in force whose review date is before today, the most overdue first. */
RdStatus restriction_overdue(Store *st, RdDate today, Restriction **out, size_t *count, RdError *err);
bool restriction_active_on(const Restriction *r, RdDate on);
/* One paragraph for staff, always ending with the emergency exception. Caller frees. */
char *restriction_describe(const Restriction *r, RdDate today);
/* For intake to warn at once: *text (caller frees) describes every restriction of the
 * person in force on the date, or is NULL when there is none. */
RdStatus person_restriction_warning(Store *st, int64_t person_id, RdDate on, char **text, RdError *err);

/* --- representatives ------------------------------------------------------------------ */

void representative_init(Representative *r);
void representative_clear(Representative *r);
void representative_free_list(Representative *list, size_t count);
/* Needs a name, the relationship and the authority given in words; given_on RD_NO_DATE
 * means today, and may not be in the future. Sets r->id. */
RdStatus representative_add(Store *st, const Staff *actor, Representative *r, RdError *err);
RdStatus representative_list(Store *st, int64_t person_id, Representative **out, size_t *count, RdError *err);

#endif
