/* privacy: what UK GDPR and the Data Protection Act 2018 ask of the case desk.
 *
 * A subject access request is answered with everything held about a person as one dated
 * document (privacy_export), and the export itself is kept in the access log. Closed cases
 * past the retention period are anonymised (privacy_retention): the statistics stay (dates,
 * stage, category, channel, decision, kinds, close reason, amounts) and the words and the
 * people go. The audit log can never be changed, so nothing writes personal data into it:
 * its events name what changed, never the resident's words, which live in the records that
 * retention clears (notes, updates, stage texts). */
#ifndef REDRESS_PRIVACY_H
#define REDRESS_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/session.h"

/* What every free text removed under retention becomes. */
#define PRIVACY_REMOVED "[removed under retention]"

typedef enum PrivacyFormat {
   PRIVACY_TEXT,              /* a document to read and print, user text made visible */
   PRIVACY_JSON               /* the same content for another system */
} PrivacyFormat;

/* "text" or "json". */
RdStatus privacy_format_parse(const char *text, PrivacyFormat *out, RdError *err);

/* A subject access request: writes everything held about the person (their record,
 * adjustments, restrictions, representatives, every case where they complain or are one
 * of a group, with its stages, remedies, actions, contacts, notes, letters and history,
 * and who has exported or viewed these records) to path, a new file readable by its owner
 * only (an existing file is never overwritten), or to out when path is NULL. Managers and
 * admins only; a refusal is kept by audit_refusal. The export is recorded in the access
 * log in the same transaction: no file is left without its record, and no record without
 * its file. */
RdStatus privacy_export(Session *s, int64_t person_id, PrivacyFormat format, const char *path, FILE *out,
                        RdError *err);

typedef struct RetentionPerson {
   int64_t id;
   bool anonymised;           /* false: kept, because of kept_for */
   char kept_for[16];         /* a case of theirs still inside the period, "" when anonymised */
} RetentionPerson;

typedef struct RetentionCase {
   int64_t id;
   char ref[16];
   RdInstant closed_at;
   char close_reason[32];
   char left_because[160];    /* "" when anonymised; otherwise why it is left as it is for now */
   int texts;                 /* free texts of the case, its stages, conflicts and Ombudsman records */
   int contacts;              /* contacts and notes */
   int remedies;
   int actions;
   int updates;               /* updates on its actions */
   int letters;
   RetentionPerson *people;   /* complainant and group members not decided under an earlier case */
   size_t person_count;
} RetentionCase;

typedef struct RetentionPlan {
   RdDate before;             /* cases closed before this day */
   bool dry_run;              /* true: nothing was changed */
   RetentionCase *cases;      /* the oldest closure first */
   size_t count;
   size_t anonymised;         /* cases anonymised (or that would be, in a dry run) */
   size_t left;               /* cases past the period left as they are */
   size_t people_anonymised;
   size_t people_kept;
   size_t texts;              /* every free text of the cases removed, all kinds together */
   size_t letters;            /* letter files of the cases */
   size_t files_removed;      /* letter files removed after the change was saved */
   char **files_left;         /* letter files that could not be removed, for the admin to remove */
   size_t files_left_count;
} RetentionPlan;

/* The day before which closed cases are past the configured retention period. */
RdDate privacy_retention_cutoff(const Session *s);

/* Anonymises the closed cases closed before the day `before` (RD_NO_DATE: the configured
 * retention period), or with dry_run only says what it would do. A case with an
 * outstanding action or an undetermined Ombudsman referral is left as it is. A person is
 * anonymised with their last case: when they have no other case still inside the period.
 * Admins only; one transaction with one audit event of counts; letter files of the cases
 * are removed once it is saved. *out is owned by the caller: privacy_retention_clear. */
RdStatus privacy_retention(Session *s, RdDate before, bool dry_run, RetentionPlan *out, RdError *err);
void privacy_retention_clear(RetentionPlan *plan);

#endif
