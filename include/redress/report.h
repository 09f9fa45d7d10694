/* report: the figures managers, the chief executive, the board and the regulator need.
 *
 * Every number is counted in SQL from the stored records over a period, so a figure can be
 * checked by hand against the cases. The figures come back as plain structs (for tests and
 * the screens) and as a document of sections, paragraphs, tables and bar charts that is
 * written as text (80 columns, prints on A4), CSV or self-contained HTML.
 *
 * The TSM definitions (the regulator's CH01 and CH02) are written out in report.c and in
 * every TSM document, so the reader knows exactly what was counted. */
#ifndef REDRESS_REPORT_H
#define REDRESS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/ombudsman.h"
#include "redress/progress.h"
#include "redress/session.h"
#include "redress/staff.h"

/* --- who may see them ------------------------------------------------------------------ */

/* Reports gather every case of the landlord, names and missed deadlines included, and the
 * complaints register is access-controlled (seeds 000, 002, 003): they are for managers, and
 * for admins, who run them from cron for e-mail. Front desk and handlers work the cases
 * through the queue. report_build and report_weekly_actions refuse anyone else. */
#define REPORT_ROLES (ROLE_MANAGER | ROLE_ADMIN)

/* RD_OK when the logged-in user may see reports; otherwise RD_EDENIED naming the roles that
 * may (and the refusal is logged, like every refusal by role). */
RdStatus report_require(Session *s, RdError *err);

/* --- periods ------------------------------------------------------------------------ */

typedef enum ReportUnit {
   REPORT_MONTH,
   REPORT_QUARTER,          /* quarters of the reporting year: Q1 is April to June */
   REPORT_YEAR,             /* the reporting year, 1 April to 31 March */
   REPORT_RANGE             /* any dates from and to */
} ReportUnit;

typedef struct ReportPeriod {
   ReportUnit unit;
   RdDate from;             /* inclusive */
   RdDate to;               /* inclusive */
   char label[64];          /* "December 2025", "2025/26 Q3", "2025/26", "2025-12-01 to 2026-01-15" */
} ReportPeriod;

/* Reads a period: YYYY-MM (a month), YYYY/YY (a reporting year), YYYY/YY-Qn (a quarter of
 * one), FROM..TO (dates, inclusive), or "this" / "last": the unit (month, quarter or year)
 * that holds today, or the one before it. Anything else is RD_EINPUT saying what to write. */
RdStatus report_period_parse(const char *text, ReportUnit unit, RdDate today, ReportPeriod *out, RdError *err);
/* The period of the same unit (or, for a range, the same length) just before p. */
void report_period_previous(const ReportPeriod *p, ReportPeriod *out);
/* The reporting year (its starting year: 2025 for 2025/26) that holds date. */
int report_reporting_year(RdDate date);

/* --- the regulator's measures: CH01 and CH02 ------------------------------------------ */

/* CH01 for one stock type (or both combined). */
typedef struct TsmRate {
   bool homes_known;        /* false: the homes figure is missing, so the rate is not given */
   int homes;
   int64_t stage1;
   int64_t stage2;
   double stage1_per_1000;
   double stage2_per_1000;
} TsmRate;

/* CH02 for one stage. within = within_original + within_extension. */
typedef struct TsmTimeliness {
   int64_t responded;
   int64_t within_original;   /* by the response date the policy first gave */
   int64_t within_extension;  /* later, but by an extended date within the policy's limit */
   int64_t missed;
   double percent_within;     /* 0 when nothing was responded to */
} TsmTimeliness;

/* A response that missed its timescale, with what is needed to check it by hand. */
typedef struct TsmMiss {
   char ref[16];
   int stage;
   RdDate due;                /* the response date first given; RD_NO_DATE when none was recorded */
   RdDate extended_to;        /* RD_NO_DATE when not extended */
   RdDate limit;              /* the latest an extension could reach; RD_NO_DATE no limit */
   RdDate responded;
   int working_days_late;     /* after the date it was allowed */
   char *why;                 /* in words */
} TsmMiss;

typedef struct TsmFigures {
   ReportPeriod period;
   int reporting_year;        /* the year whose homes are used; -1 when the period spans two */
   TsmRate lcra, lcho, combined;
   bool lcra_configured, lcho_configured;
   /* Received in the period but not counted in CH01, shown so the reader sees them. */
   int64_t quick, service_requests, excluded, untriaged, escalations_declined;
   TsmTimeliness timeliness[2];
   TsmMiss *missed;           /* stage 1 first, then by reference */
   size_t missed_count;
} TsmFigures;

RdStatus report_tsm(Session *s, const ReportPeriod *p, TsmFigures *out, RdError *err);
void report_tsm_clear(TsmFigures *f);

/* --- the monthly and quarterly figures ------------------------------------------------ */

typedef struct ReportCount {
   char *label;
   int64_t count;
   int64_t amount;            /* pence, where the row is about money */
} ReportCount;

typedef struct ReportBreakdown {
   ReportCount *items;
   size_t count;
} ReportBreakdown;

typedef struct StageFigures {
   int64_t received;          /* stage 1 started, or stage 2 requested and not declined */
   int64_t acknowledged;
   int64_t acknowledged_on_time;
   TsmTimeliness responses;
   int64_t extensions;        /* extensions granted in the period */
   int64_t upheld, partly_upheld, not_upheld;
} StageFigures;

#define REPORT_AGE_BANDS 5

typedef struct TrendPoint {
   char label[64];            /* "March 2026", "2025/26 Q3", "2025/26" */
   int64_t stage1_received;
   int64_t stage2_received;
   int64_t stage1_responded;
   int64_t stage1_within;
} TrendPoint;

#define REPORT_TREND_MAX 6

typedef struct PeriodFigures {
   ReportPeriod period;
   RdDate as_at;              /* open cases are counted as at this day */
   /* Cases received in the period, service requests apart. */
   int64_t received;
   int64_t formal;            /* accepted as complaints */
   int64_t quick;             /* resolved at first contact */
   int64_t excluded;          /* refused */
   int64_t untriaged;
   int64_t service_requests;
   ReportBreakdown by_channel;
   ReportBreakdown by_category;
   ReportBreakdown refused_by_reason;   /* exclusion code, labelled from the configuration */
   StageFigures stage[2];
   int64_t stage1_escalated;  /* of the stage 1 responses in the period, escalated since */
   double escalation_percent;
   int64_t escalations_declined;
   ReportBreakdown remedies_by_kind;    /* offered in the period; amount in pence */
   int64_t remedies_offered;
   int64_t compensation_offered_pence;
   int64_t remedies_done;               /* done or paid in the period */
   int64_t compensation_paid_pence;
   int64_t compliments;
   ReportBreakdown compliments_by_team;
   int64_t surveys_sent, satisfied, dissatisfied, survey_declined;
   int64_t open_by_age[REPORT_AGE_BANDS][2];   /* [band][stage - 1] */
   TrendPoint trend[REPORT_TREND_MAX];         /* oldest first, the period itself last */
   size_t trend_count;
} PeriodFigures;

/* Upper bounds of the age bands of open cases, in working days since receipt. */
extern const int report_age_band_limits[REPORT_AGE_BANDS];

RdStatus report_period_figures(Session *s, const ReportPeriod *p, PeriodFigures *out, RdError *err);
void report_period_figures_clear(PeriodFigures *f);

/* --- the Housing Ombudsman ------------------------------------------------------------ */

typedef struct ReportReferral {
   char ref[16];
   char *their_ref;
   RdDate referred_on;
   char *determination;       /* NULL while undetermined */
   RdDate determined_on;
   int64_t orders;
} ReportReferral;

typedef struct ReportOrder {
   char ref[16];
   char *their_ref;
   char *text;
   RdDate due_on;
   RdDate done_on;
   OrderCompliance status;    /* as at the report's as_at */
} ReportOrder;

typedef struct OmbudsmanFigures {
   ReportPeriod period;
   RdDate as_at;
   ReportReferral *referrals;           /* referred in the period */
   size_t referral_count;
   ReportBreakdown determinations;      /* determined in the period */
   ReportOrder *orders;                 /* due in the period, or not done as at as_at */
   size_t order_count;
   int64_t by_status[4];                /* indexed by OrderCompliance */
} OmbudsmanFigures;

RdStatus report_ombudsman(Session *s, const ReportPeriod *p, OmbudsmanFigures *out, RdError *err);
void report_ombudsman_clear(OmbudsmanFigures *f);

/* --- learning ----------------------------------------------------------------------- */

typedef struct LearningRow {
   char ref[16];              /* "" when not about one case */
   RdDate recorded_on;
   char *lesson;
   char *improvement;
} LearningRow;

RdStatus report_learning(Session *s, const ReportPeriod *p, LearningRow **out, size_t *count, RdError *err);
void report_learning_free(LearningRow *rows, size_t count);

/* --- the weekly list of outstanding actions (seed 001) ------------------------------ */

typedef struct WeeklyAction {
   int64_t id;
   char ref[16];
   char *what;
   char *owner_login;
   char *owner_name;
   RdDate due_on;
   RdDate done_on;
   int days_overdue;          /* calendar days past due as at the list's date; 0 when not overdue */
   char *last_update;         /* NULL when none */
   RdInstant last_update_at;
} WeeklyAction;

typedef struct QuietCase {
   char ref[16];
   char *handler_login;       /* "" when unassigned */
   RdInstant last_update_at;  /* the last update to the resident, or receipt */
   int working_days;          /* since then */
   int allowed;               /* the policy's update interval */
} QuietCase;

typedef struct WeeklyActions {
   RdDate week_from;          /* Monday */
   RdDate week_to;            /* Sunday */
   RdDate as_at;
   WeeklyAction *outstanding; /* by owner, overdue first, then by due date */
   size_t outstanding_count;
   WeeklyAction *completed;   /* done in the week */
   size_t completed_count;
   QuietCase *quiet;          /* open complaints without an update for longer than allowed */
   size_t quiet_count;
} WeeklyActions;

/* Reads an ISO week "2026-W10" (NULL or "": the week holding today) as its Monday. */
RdStatus report_week_parse(const char *text, RdDate today, RdDate *monday, RdError *err);
/* owner_login and team may be NULL for everyone. */
RdStatus report_weekly_actions(Session *s, RdDate monday, const char *owner_login, const char *team,
                               WeeklyActions *out, RdError *err);
void report_weekly_actions_clear(WeeklyActions *w);

/* --- documents ------------------------------------------------------------------------ */

typedef enum ReportFormat {
   REPORT_TEXT,
   REPORT_CSV,
   REPORT_HTML
} ReportFormat;

typedef enum ReportName {
   REPORT_TSM,
   REPORT_MONTHLY,
   REPORT_QUARTERLY,
   REPORT_ANNUAL,
   REPORT_OMBUDSMAN
} ReportName;

typedef struct ReportDoc ReportDoc;

RdStatus report_name_parse(const char *text, ReportName *out, RdError *err);
const char *report_name_text(ReportName name);
/* The unit a report's periods are counted in: months for monthly, and so on. */
ReportUnit report_name_unit(ReportName name);
RdStatus report_format_parse(const char *text, ReportFormat *out, RdError *err);

/* What a named report counts: the TSM (tsm), the monthly and quarterly (period), the
 * annual (all four) or the Ombudsman's (ombudsman); the rest stays empty. */
typedef struct ReportFigures {
   TsmFigures tsm;
   PeriodFigures period;
   OmbudsmanFigures ombudsman;
   LearningRow *learning;
   size_t learning_count;
} ReportFigures;

/* Counts what the report needs, what two parts share counted once. progress (may be NULL)
 * is told each figure counted: done of total. *out is the caller's: report_figures_clear;
 * on failure it holds nothing. */
RdStatus report_figures(Session *s, ReportName name, const ReportPeriod *p, ProgressFn progress, void *progress_data,
                        ReportFigures *out, RdError *err);
void report_figures_clear(ReportFigures *f);

/* Builds the document of a report over p. *out is the caller's: report_doc_free. */
RdStatus report_build(Session *s, ReportName name, const ReportPeriod *p, ReportDoc **out, RdError *err);
/* The same, telling progress (may be NULL) how far the counting has got (report_figures). */
RdStatus report_build_watched(Session *s, ReportName name, const ReportPeriod *p, ProgressFn progress,
                              void *progress_data, ReportDoc **out, RdError *err);
void report_doc_free(ReportDoc *doc);
/* Writes the document; csv_flags (CsvWriteFlag: CSV_BOM for Excel) apply to CSV; name (the
 * file's path, or "standard output") is for messages. */
RdStatus report_write(const ReportDoc *doc, ReportFormat format, unsigned csv_flags, FILE *out, const char *name,
                      RdError *err);

/* The weekly actions as text (80 columns) or CSV (one row per action or case). */
RdStatus report_weekly_write(const WeeklyActions *w, ReportFormat format, unsigned csv_flags, FILE *out,
                             const char *name, RdError *err);

/* The same, to the file at path, replaced whole or left as it was: written through a new
 * file beside it (mode 0660, for the staff group, like the database) that is renamed over
 * it once complete. A failure names the file. The weekly actions take text or CSV. */
RdStatus report_write_file(const ReportDoc *doc, ReportFormat format, unsigned csv_flags, const char *path,
                           RdError *err);
RdStatus report_weekly_write_file(const WeeklyActions *w, ReportFormat format, unsigned csv_flags, const char *path,
                                  RdError *err);

#endif
