/* ombudsman: Housing Ombudsman referrals, their determinations and orders, and the landlord's
 * compliance with them (seeds 000, 002; domain section 5).
 *
 * A resident may go to the Ombudsman at any stage (seed 002 5.4); the landlord records the
 * referral under the Ombudsman's reference. Only managers record the determination and the
 * orders (seed 002 5.7: actions from a determination are overseen by senior staff). Each
 * order becomes an outstanding action owned by a named member of staff and due by the
 * order's date, in the same transaction; the order is complied with when that action is
 * done. Referrals are found by the Ombudsman's reference, which is unique. */
#ifndef REDRESS_OMBUDSMAN_H
#define REDRESS_OMBUDSMAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/session.h"

typedef enum Determination {
   DETERMINATION_NONE,                  /* not yet determined */
   DETERMINATION_NO_MALADMINISTRATION,
   DETERMINATION_SERVICE_FAILURE,
   DETERMINATION_MALADMINISTRATION,
   DETERMINATION_SEVERE_MALADMINISTRATION,
   DETERMINATION_OUTSIDE_JURISDICTION,
   DETERMINATION_REASONABLE_REDRESS,
   DETERMINATION_WITHDRAWN
} Determination;

typedef enum OrderCompliance {
   ORDER_OUTSTANDING,           /* not done, not yet due */
   ORDER_OVERDUE,               /* not done, past its date */
   ORDER_COMPLIED,              /* done by its date */
   ORDER_COMPLIED_LATE          /* done, after its date */
} OrderCompliance;

typedef struct OmbudsmanOrder {
   int64_t id;
   int64_t referral_id;
   char *text;
   RdDate due_on;
   int64_t action_id;           /* the outstanding action that carries it */
   char *owner_login;           /* who owns that action */
   RdDate done_on;              /* when the action was done; RD_NO_DATE while outstanding */
} OmbudsmanOrder;

typedef struct OmbudsmanReferral {
   int64_t id;
   int64_t complaint_id;
   char ref[16];                /* the case */
   char *their_ref;             /* the Ombudsman's reference */
   RdDate referred_on;
   Determination determination;
   RdDate determined_on;        /* RD_NO_DATE until determined */
   OmbudsmanOrder *orders;      /* oldest first */
   size_t order_count;
} OmbudsmanReferral;

const char *ombudsman_determination_name(Determination d);
RdStatus ombudsman_determination_parse(const char *text, Determination *out, RdError *err);
/* A finding of failure, the only determinations that carry orders. */
bool ombudsman_determination_finds_failure(Determination d);

/* Whether the order was done, and by its date, as it stands on today. */
OrderCompliance ombudsman_order_compliance(const OmbudsmanOrder *o, RdDate today);
const char *ombudsman_compliance_name(OrderCompliance c);

void ombudsman_referral_clear(OmbudsmanReferral *r);
void ombudsman_free_list(OmbudsmanReferral *list, size_t count);

/* Each is one transaction with one audit event. Days given as RD_NO_DATE are today. */
RdStatus ombudsman_refer(Session *s, const char *ref, const char *their_ref, RdDate referred_on, int64_t *id,
                         RdError *err);
RdStatus ombudsman_determine(Session *s, const char *their_ref, Determination d, RdDate on, RdError *err);
/* The order and its action (owned by owner_login, due on due_on) are written together. */
RdStatus ombudsman_order(Session *s, const char *their_ref, const char *text, RdDate due_on, const char *owner_login,
                         int64_t *order_id, int64_t *action_id, RdError *err);
/* Reopens the closed case of a referral that carries an order, through complaint_reopen with
 * the Ombudsman's reference. */
RdStatus ombudsman_reopen(Session *s, const char *their_ref, const char *reason, RdInstant at, RdError *err);

/* The referral with its orders; caller frees with ombudsman_referral_clear. */
RdStatus ombudsman_get(Session *s, const char *their_ref, OmbudsmanReferral *out, RdError *err);
/* Referrals, newest first, each with its orders. complaint_id 0 is every case; outstanding
 * keeps those not determined or with an order not complied with. Caller frees with
 * ombudsman_free_list. */
RdStatus ombudsman_list(Session *s, int64_t complaint_id, bool outstanding, OmbudsmanReferral **out, size_t *count,
                        RdError *err);

#endif
