/* letter: letters to residents, filled in from templates a landlord can edit.
 *
 * Templates are data/templates/KIND.txt (installed under the data folder), and a landlord's
 * own copy in a templates/ folder beside the configuration file wins. Each paragraph is one
 * line; the letter is laid out to 72 columns, or 46 in large print. A placeholder without a
 * value is an error naming it, never a blank. Response letters carry every element the Code
 * asks of them (stage, definition, decision, reasons, remedy, outstanding actions with dates,
 * and how to escalate or go to the Housing Ombudsman), and every letter honours the
 * resident's adjustments: large print, and the channel they prefer. */
#ifndef REDRESS_LETTER_H
#define REDRESS_LETTER_H

#include <stdbool.h>
#include <stdint.h>

#include "redress/complaint.h"
#include "redress/error.h"
#include "redress/session.h"

typedef enum LetterKind {
   LETTER_ACKNOWLEDGEMENT,          /* stage 1 acknowledged, with the complaint definition */
   LETTER_EXTENSION,                /* reason, new date, the Ombudsman's contact details (Code 6.5) */
   LETTER_STAGE1_RESPONSE,
   LETTER_STAGE2_ACKNOWLEDGEMENT,
   LETTER_STAGE2_RESPONSE,          /* the landlord's final response */
   LETTER_REFUSAL,                  /* refusal to accept a complaint (Code 2.4) */
   LETTER_ESCALATION_REFUSED,       /* refusal to escalate (Code 2.4) */
   LETTER_QUICK_RESOLUTION,         /* what was done at first contact (seeds 000, 004) */
   LETTER_COMPLIMENT,               /* compliment acknowledgement (seed 002) */
   LETTER_SURVEY,                   /* the one-question satisfaction survey (seed 004) */
   LETTER_KIND_COUNT
} LetterKind;

typedef struct Letter {
   LetterKind kind;
   char ref[16];                    /* the case; "" for a compliment */
   int64_t complaint_id;            /* 0 for a compliment */
   int64_t compliment_id;           /* 0 for a case */
   char *text;                      /* the letter, laid out */
   bool large_print;
   char *send_by;                   /* the resident's preferred channel, or "post" */
   char *needs;                     /* adjustments the sender must still act on (audio, a
                                       translation...), in words; NULL when none */
} Letter;

const char *letter_kind_name(LetterKind kind);        /* "stage1-response" */
const char *letter_kind_title(LetterKind kind);       /* "stage 1 response" */
RdStatus letter_kind_parse(const char *text, LetterKind *out, RdError *err);

void letter_clear(Letter *l);

/* Whether any letter can go to the complainant of c: RD_ERULE for an anonymous complaint,
 * to whom no response can be sent (seeds 000, 004). */
RdStatus letter_case_allows(const Complaint *c, RdError *err);

/* Whether the letter of kind fits c as it stands: RD_OK, or RD_ERULE naming the step the
 * case has not reached (or that it is anonymous, or that a compliment's letter is not for a
 * case). The check letter_render makes before filling anything in. */
RdStatus letter_fits(const Complaint *c, LetterKind kind, RdError *err);

/* Fills in the letter of kind for case ref (or, for LETTER_COMPLIMENT, the compliment whose
 * number ref is). Refused, naming the step still to take, when the case has not reached the
 * step the letter is about; refused for an anonymous complaint, to whom no letter can be
 * sent. *out is the caller's: letter_clear. */
RdStatus letter_render(Session *s, const char *ref, LetterKind kind, Letter *out, RdError *err);

/* Renders the letter, writes it to the outbox (config letters_outbox) as a new file of mode
 * 0660, never overwriting one (a suffix -2, -3 ... is added), and records it on the case: a
 * letter row and one audit event, in one transaction; the file is removed if that fails.
 * *path (caller frees) is the file written; out, when not NULL, receives the letter. */
RdStatus letter_write(Session *s, const char *ref, LetterKind kind, char **path, Letter *out, RdError *err);

/* The letter that fits the step just taken on a case (step is the audit action: "logged",
 * "triaged", "acknowledged", "extended", "responded", "escalation declined", "closed"), read
 * from the case as it is after the step. False when no letter goes with that step. */
bool letter_for_step(const Complaint *c, const char *step, LetterKind *out);

#endif
