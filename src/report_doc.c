/* report: the documents (sections of paragraphs, tables and bar charts) built from the
 * figures, and their text, CSV and HTML forms. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "redress/action.h"
#include "redress/clock.h"
#include "redress/csv.h"
#include "redress/report.h"
#include "redress/text.h"
#include "redress/xalloc.h"

#define DOC_WIDTH 78           /* text output: fits 80 columns and an A4 page */

typedef enum DocBlockKind {
   DOC_TEXT,
   DOC_TABLE,
   DOC_CHART
} DocBlockKind;

typedef struct DocTable {
   char *title;               /* NULL: none */
   size_t cols;
   char *align;               /* 'l' or 'r' (a number) per column */
   char **head;
   char **cells;              /* rows * cols, row by row */
   size_t rows;
} DocTable;

typedef struct DocChart {
   char *title;
   double scale;              /* the value of a full bar; 0: the largest value */
   size_t count;
   char **labels;
   double *values;
   char **texts;              /* the value as shown */
} DocChart;

typedef struct DocBlock {
   DocBlockKind kind;
   char *text;
   DocTable table;
   DocChart chart;
} DocBlock;

typedef struct DocSection {
   char *title;
   DocBlock *blocks;
   size_t count;
} DocSection;

struct ReportDoc {
   char *title;
   char *landlord;
   char *period;
   char *made;                /* "as at ..., made ..." */
   DocSection *sections;
   size_t count;
};

static const char *const report_names[] = { "tsm", "monthly", "quarterly", "annual", "ombudsman" };

/* --- building ------------------------------------------------------------------------- */

static DocSection *doc_section(ReportDoc *d, const char *title) {
   d->sections = xreallocarray(d->sections, d->count + 1, sizeof *d->sections);
   DocSection *s = &d->sections[d->count++];
   *s = (DocSection){ xstrdup(title), NULL, 0 };
   return s;
}

static DocBlock *doc_block(DocSection *s, DocBlockKind kind) {
   s->blocks = xreallocarray(s->blocks, s->count + 1, sizeof *s->blocks);
   DocBlock *b = &s->blocks[s->count++];
   memset(b, 0, sizeof *b);
   b->kind = kind;
   return b;
}

static void doc_text(DocSection *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void doc_text(DocSection *s, const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   doc_block(s, DOC_TEXT)->text = xvasprintf(fmt, ap);
   va_end(ap);
}

/* align: one letter per column, 'l' for words and 'r' for numbers; then the headings. */
static DocTable *doc_table(DocSection *s, const char *title, const char *align, ...) {
   DocTable *t = &doc_block(s, DOC_TABLE)->table;
   t->title = xstrdup(title);
   t->cols = strlen(align);
   t->align = xstrdup(align);
   t->head = xcalloc(t->cols, sizeof *t->head);
   va_list ap;
   va_start(ap, align);
   for (size_t i = 0; i < t->cols; i++)
      t->head[i] = xstrdup(va_arg(ap, const char *));
   va_end(ap);
   return t;
}

/* Exactly t->cols strings; NULL is shown empty. */
static void doc_row(DocTable *t, ...) {
   t->cells = xreallocarray(t->cells, (t->rows + 1) * t->cols, sizeof *t->cells);
   va_list ap;
   va_start(ap, t);
   for (size_t i = 0; i < t->cols; i++) {
      const char *v = va_arg(ap, const char *);
      t->cells[t->rows * t->cols + i] = xstrdup(v ? v : "");
   }
   va_end(ap);
   t->rows++;
}

static DocChart *doc_chart(DocSection *s, const char *title, double scale) {
   DocChart *c = &doc_block(s, DOC_CHART)->chart;
   c->title = xstrdup(title);
   c->scale = scale;
   return c;
}

static double doc_chart_scale(const DocChart *c) {
   if (c->scale > 0)
      return c->scale;
   double max = 0;
   for (size_t i = 0; i < c->count; i++)
      max = c->values[i] > max ? c->values[i] : max;
   return max;
}

static void doc_bar(DocChart *c, const char *label, double value, const char *text) {
   c->labels = xreallocarray(c->labels, c->count + 1, sizeof *c->labels);
   c->values = xreallocarray(c->values, c->count + 1, sizeof *c->values);
   c->texts = xreallocarray(c->texts, c->count + 1, sizeof *c->texts);
   c->labels[c->count] = xstrdup(label);
   c->values[c->count] = value;
   c->texts[c->count] = xstrdup(text);
   c->count++;
}

void report_doc_free(ReportDoc *d) {
   if (!d)
      return;
   for (size_t i = 0; i < d->count; i++) {
      DocSection *s = &d->sections[i];
      for (size_t j = 0; j < s->count; j++) {
         DocBlock *b = &s->blocks[j];
         free(b->text);
         free(b->table.title);
         free(b->table.align);
         for (size_t k = 0; k < b->table.cols; k++)
            free(b->table.head[k]);
         free(b->table.head);
         for (size_t k = 0; k < b->table.rows * b->table.cols; k++)
            free(b->table.cells[k]);
         free(b->table.cells);
         free(b->chart.title);
         for (size_t k = 0; k < b->chart.count; k++) {
            free(b->chart.labels[k]);
            free(b->chart.texts[k]);
         }
         free(b->chart.labels);
         free(b->chart.values);
         free(b->chart.texts);
      }
      free(s->blocks);
      free(s->title);
   }
   free(d->sections);
   free(d->title);
   free(d->landlord);
   free(d->period);
   free(d->made);
   free(d);
}

/* Short-lived number texts for a row: a ring of buffers, each valid for the next 31 calls. */
static const char *doc_int(int64_t v) {
   static char ring[32][24];
   static unsigned next;
   char *b = ring[next++ % 32];
   snprintf(b, sizeof ring[0], "%lld", (long long)v);
   return b;
}

static const char *doc_fixed(double v, int decimals) {
   static char ring[16][32];
   static unsigned next;
   char *b = ring[next++ % 16];
   snprintf(b, sizeof ring[0], "%.*f", decimals, v);
   return b;
}

static const char *doc_money(int64_t pence) {
   static char ring[16][32];
   static unsigned next;
   char *b = ring[next++ % 16];
   remedy_format_pence(pence, b, sizeof ring[0]);
   return b;
}

static const char *doc_date(RdDate d) {
   static char ring[16][RD_DATE_BUFSIZE];
   static unsigned next;
   char *b = ring[next++ % 16];
   if (d == RD_NO_DATE)
      return "";
   datetime_format_date(d, b);
   return b;
}

static const char *doc_percent(int64_t part, int64_t whole) {
   if (!whole)
      return "-";
   static char ring[16][16];
   static unsigned next;
   char *b = ring[next++ % 16];
   snprintf(b, sizeof ring[0], "%.1f%%", 100.0 * (double)part / (double)whole);
   return b;
}

/* "no-maladministration" as "No maladministration". */
static char *doc_words(const char *code) {
   char *w = xstrdup(code && *code ? code : "(none)");
   for (char *p = w; *p; p++)
      if (*p == '-')
         *p = ' ';
   if (w[0] >= 'a' && w[0] <= 'z')
      w[0] = (char)(w[0] - 'a' + 'A');
   return w;
}

static ReportDoc *doc_new(Session *s, const char *title, const ReportPeriod *p, RdDate as_at) {
   ReportDoc *d = xcalloc(1, sizeof *d);
   d->title = xstrdup(title);
   d->landlord = xstrdup(s->config->landlord_name ? s->config->landlord_name : "");
   RdDate today = clock_today();
   d->period = xasprintf("%s%s", p->label, p->to > today ? " (to date)" : "");
   char made[17];
   datetime_format_local(clock_now(), made);
   d->made = xasprintf("Figures as at %s, counted from the case records on %s.", doc_date(as_at), made);
   return d;
}

/* --- the TSM sections ------------------------------------------------------------------ */

static void doc_rate_row(DocTable *t, const char *stock, const TsmRate *r) {
   doc_row(t, stock, r->homes_known ? doc_int(r->homes) : "missing", doc_int(r->stage1),
           r->homes_known ? doc_fixed(r->stage1_per_1000, 2) : "missing", doc_int(r->stage2),
           r->homes_known ? doc_fixed(r->stage2_per_1000, 2) : "missing");
}

static void doc_ch01(ReportDoc *d, Session *s, const TsmFigures *f) {
   DocSection *sec = doc_section(d, "CH01: complaints relative to the size of the landlord");
   doc_text(sec, "Counted: a stage 1 complaint is one accepted as a complaint whose stage 1 started in the "
            "period (the day it was received, or the day a service request became a complaint, Code 1.5). "
            "A stage 2 complaint is a request to escalate made in the period and not declined. Withdrawn and "
            "closed complaints count: they were received. Not counted: service requests (Code 1.4), refused "
            "complaints (Code 2), cases resolved at first contact, cases awaiting triage and declined "
            "escalations; they are listed below so the total can be checked.");
   DocTable *t = doc_table(sec, "Complaints received per 1,000 homes", "lrrrrr", "Homes", "Number",
                           "Stage 1", "per 1,000", "Stage 2", "per 1,000");
   if (f->reporting_year < 0) {
      doc_rate_row(t, "All", &f->combined);
      doc_text(sec, "The period spans two reporting years, so no one homes figure applies and the rates are not "
               "given: choose a period within one reporting year (1 April to 31 March).");
      return;
   }
   if (!f->lcra_configured && !f->lcho_configured) {
      doc_rate_row(t, "All", &f->combined);
      doc_text(sec, "The number of homes owned in %d/%02d is missing, so the rates are not given (never "
               "guessed): add it to homes in %s and run the report again.", f->reporting_year,
               (f->reporting_year + 1) % 100, s->config->path ? s->config->path : "redress.conf");
      return;
   }
   if (f->lcra_configured)
      doc_rate_row(t, "LCRA", &f->lcra);
   if (f->lcho_configured)
      doc_rate_row(t, "LCHO", &f->lcho);
   if (f->lcra_configured && f->lcho_configured) {
      doc_rate_row(t, "Combined", &f->combined);
      doc_text(sec, "Homes of %d/%02d from the configuration. LCHO counts complaints from shared owners; LCRA "
               "counts every other complaint (tenants, leaseholders, members of the public, anonymous), so the "
               "LCRA figure is never understated.", f->reporting_year, (f->reporting_year + 1) % 100);
   } else {
      doc_text(sec, "Homes of %d/%02d from the configuration; only %s homes are configured, so every complaint "
               "counts against them.", f->reporting_year, (f->reporting_year + 1) % 100,
               f->lcra_configured ? "low-cost rental (LCRA)" : "low-cost home ownership (LCHO)");
   }
}

static void doc_not_counted(ReportDoc *d, const TsmFigures *f) {
   DocSection *sec = &d->sections[d->count - 1];
   DocTable *t = doc_table(sec, "Received in the period, not counted in CH01", "lr", "Case", "Number");
   doc_row(t, "Resolved at first contact", doc_int(f->quick));
   doc_row(t, "Service requests", doc_int(f->service_requests));
   doc_row(t, "Refused (excluded)", doc_int(f->excluded));
   doc_row(t, "Awaiting triage", doc_int(f->untriaged));
   doc_row(t, "Escalations declined", doc_int(f->escalations_declined));
}

/* publish: for the published annual report, which gives no case references: the missed
 * responses are counted, and listed only in the TSM report for checking. */
static void doc_ch02(ReportDoc *d, const TsmFigures *f, bool publish) {
   DocSection *sec = doc_section(d, "CH02: complaints responded to within the Code's timescales");
   doc_text(sec, "Counted: every stage 1 and stage 2 response issued in the period. A response is within the "
            "timescale when issued on or before the date it was allowed: the response date the policy gave, "
            "or, after an extension the resident was told of with the reason and the Ombudsman's details "
            "(Code 6.4, 6.15), the extended date as far as the policy's extension limit. An extension past "
            "that limit does not move the date beyond the limit. Responses within the original date and "
            "within an extension are shown apart.");
   DocTable *t = doc_table(sec, "Responses within the timescale", "lrrrrrr", "Stage", "Responses", "By date",
                           "By extension", "Within", "Missed", "Within %");
   for (int i = 0; i < 2; i++) {
      const TsmTimeliness *x = &f->timeliness[i];
      int64_t within = x->within_original + x->within_extension;
      doc_row(t, i ? "Stage 2" : "Stage 1", doc_int(x->responded), doc_int(x->within_original),
              doc_int(x->within_extension), doc_int(within), doc_int(x->missed),
              doc_percent(within, x->responded));
   }
   if (!f->missed_count) {
      doc_text(sec, "No response in the period missed its timescale.");
      return;
   }
   if (publish) {
      doc_text(sec, "%zu response%s missed %s timescale; 'redress report tsm' lists them with their dates.",
               f->missed_count, f->missed_count == 1 ? "" : "s", f->missed_count == 1 ? "its" : "their");
      return;
   }
   DocTable *m = doc_table(sec, "Responses that missed the timescale", "lrllll", "Case", "Stage", "Due",
                           "Extended to", "Responded", "Why");
   for (size_t i = 0; i < f->missed_count; i++) {
      const TsmMiss *x = &f->missed[i];
      doc_row(m, x->ref, doc_int(x->stage), x->due == RD_NO_DATE ? "none" : doc_date(x->due),
              x->extended_to == RD_NO_DATE ? "-" : doc_date(x->extended_to), doc_date(x->responded), x->why);
   }
}

static void doc_tsm(ReportDoc *d, Session *s, const TsmFigures *f, bool publish) {
   doc_ch01(d, s, f);
   doc_not_counted(d, f);
   doc_ch02(d, f, publish);
}

/* --- the period sections ---------------------------------------------------------------- */

static int64_t doc_breakdown_count(const ReportBreakdown *b, const char *label) {
   for (size_t i = 0; i < b->count; i++)
      if (strcmp(b->items[i].label, label) == 0)
         return b->items[i].count;
   return 0;
}

static bool doc_in_list(const char *const *list, size_t n, const char *label) {
   for (size_t i = 0; i < n; i++)
      if (strcmp(list[i], label) == 0)
         return true;
   return false;
}

/* Every name of known (with 0 where nothing was counted), then any other counted. */
static void doc_breakdown_rows(DocTable *t, const ReportBreakdown *b, const char *const *known, size_t n,
                               int64_t total) {
   for (size_t i = 0; i < n; i++) {
      int64_t c = doc_breakdown_count(b, known[i]);
      doc_row(t, known[i], doc_int(c), doc_percent(c, total));
   }
   for (size_t i = 0; i < b->count; i++)
      if (!doc_in_list(known, n, b->items[i].label))
         doc_row(t, *b->items[i].label ? b->items[i].label : "(none)", doc_int(b->items[i].count),
                 doc_percent(b->items[i].count, total));
}

static void doc_received(ReportDoc *d, Session *s, const PeriodFigures *f) {
   static const char *const channels[] = { "phone", "email", "letter", "in-person", "web", "social-media", "other" };
   DocSection *sec = doc_section(d, "Complaints received");
   doc_text(sec, "Cases logged in the period, by the day they were received. Service requests are not "
            "complaints (Code 1.4) and are shown apart.");
   DocTable *t = doc_table(sec, "Formal and resolved at first contact", "lrr", "Received as", "Number", "Share");
   doc_row(t, "Formal complaints (stage 1)", doc_int(f->formal), doc_percent(f->formal, f->received));
   doc_row(t, "Resolved at first contact", doc_int(f->quick), doc_percent(f->quick, f->received));
   doc_row(t, "Refused (excluded)", doc_int(f->excluded), doc_percent(f->excluded, f->received));
   doc_row(t, "Awaiting triage", doc_int(f->untriaged), doc_percent(f->untriaged, f->received));
   doc_row(t, "All complaints received", doc_int(f->received), f->received ? "100.0%" : "-");
   doc_row(t, "Service requests (not complaints)", doc_int(f->service_requests), "");
   t = doc_table(sec, "By channel", "lrr", "Channel", "Number", "Share");
   doc_breakdown_rows(t, &f->by_channel, channels, sizeof channels / sizeof *channels, f->received);
   t = doc_table(sec, "By category (service area)", "lrr", "Category", "Number", "Share");
   doc_breakdown_rows(t, &f->by_category, (const char *const *)s->config->categories, s->config->category_count,
                      f->received);
}

static void doc_responses(ReportDoc *d, const PeriodFigures *f) {
   DocSection *sec = doc_section(d, "Acknowledgements and responses");
   DocTable *t = doc_table(sec, "Acknowledgements", "lrrrr", "Stage", "Received", "Acknowledged", "On time",
                           "On time %");
   for (int i = 0; i < 2; i++) {
      const StageFigures *x = &f->stage[i];
      doc_row(t, i ? "Stage 2" : "Stage 1", doc_int(x->received), doc_int(x->acknowledged),
              doc_int(x->acknowledged_on_time), doc_percent(x->acknowledged_on_time, x->acknowledged));
   }
   t = doc_table(sec, "Responses", "lrrrrrr", "Stage", "Responses", "By date", "By extension", "Missed",
                 "Within %", "Extended");
   for (int i = 0; i < 2; i++) {
      const StageFigures *x = &f->stage[i];
      const TsmTimeliness *r = &x->responses;
      doc_row(t, i ? "Stage 2" : "Stage 1", doc_int(r->responded), doc_int(r->within_original),
              doc_int(r->within_extension), doc_int(r->missed),
              doc_percent(r->within_original + r->within_extension, r->responded), doc_int(x->extensions));
   }
   doc_text(sec, "On time: by the date the policy gave, or within an extension the resident was told of, up to the "
            "policy's limit (as CH02). Extended: responses whose date was extended in the period.");
   doc_text(sec, "Escalation: of the %lld stage 1 responses issued in the period, %lld (%s) had been escalated to "
            "stage 2 by %s. %lld request%s to escalate %s declined in the period.",
            (long long)f->stage[0].responses.responded, (long long)f->stage1_escalated,
            doc_percent(f->stage1_escalated, f->stage[0].responses.responded), doc_date(f->as_at),
            (long long)f->escalations_declined, f->escalations_declined == 1 ? "" : "s",
            f->escalations_declined == 1 ? "was" : "were");
   t = doc_table(sec, "Decisions", "lrrrr", "Stage", "Upheld", "Partly upheld", "Not upheld", "Upheld %");
   for (int i = 0; i < 2; i++) {
      const StageFigures *x = &f->stage[i];
      int64_t all = x->upheld + x->partly_upheld + x->not_upheld;
      doc_row(t, i ? "Stage 2" : "Stage 1", doc_int(x->upheld), doc_int(x->partly_upheld), doc_int(x->not_upheld),
              doc_percent(x->upheld + x->partly_upheld, all));
   }
   doc_text(sec, "Upheld %% counts upheld and partly upheld complaints.");
}

static void doc_remedies(ReportDoc *d, const PeriodFigures *f) {
   DocSection *sec = doc_section(d, "Putting things right");
   DocTable *t = doc_table(sec, "Remedies offered (Code 7.1)", "lrr", "Remedy", "Offered", "Amount");
   for (size_t i = 0; i < f->remedies_by_kind.count; i++) {
      char *w = doc_words(f->remedies_by_kind.items[i].label);
      doc_row(t, w, doc_int(f->remedies_by_kind.items[i].count),
              f->remedies_by_kind.items[i].amount ? doc_money(f->remedies_by_kind.items[i].amount) : "");
      free(w);
   }
   doc_row(t, "All remedies", doc_int(f->remedies_offered), doc_money(f->compensation_offered_pence));
   doc_text(sec, "Compensation offered in the period: %s. Remedies done or paid in the period: %lld; compensation "
            "paid: %s.", doc_money(f->compensation_offered_pence), (long long)f->remedies_done,
            doc_money(f->compensation_paid_pence));
}

static void doc_refused(ReportDoc *d, Session *s, const PeriodFigures *f) {
   DocSection *sec = doc_section(d, "Refused complaints");
   doc_text(sec, "Complaints refused under the exclusions of the policy (Code 2.1-2.4), each told the reason and "
            "their right to go to the Housing Ombudsman. Received in the period: %lld.", (long long)f->excluded);
   DocTable *t = doc_table(sec, "Refused by reason", "lr", "Reason", "Number");
   for (size_t i = 0; i < f->refused_by_reason.count; i++) {
      const ExclusionReason *r = config_exclusion(s->config, f->refused_by_reason.items[i].label);
      doc_row(t, r ? r->label : f->refused_by_reason.items[i].label, doc_int(f->refused_by_reason.items[i].count));
   }
   doc_row(t, "Requests to escalate declined", doc_int(f->escalations_declined));
}

static void doc_feedback(ReportDoc *d, const PeriodFigures *f) {
   DocSection *sec = doc_section(d, "Compliments and satisfaction");
   DocTable *t = doc_table(sec, "Compliments received", "lr", "About", "Number");
   for (size_t i = 0; i < f->compliments_by_team.count; i++)
      doc_row(t, *f->compliments_by_team.items[i].label ? f->compliments_by_team.items[i].label : "(no team named)",
              doc_int(f->compliments_by_team.items[i].count));
   doc_row(t, "All compliments", doc_int(f->compliments));
   int64_t answers = f->satisfied + f->dissatisfied;
   t = doc_table(sec, "Were you satisfied with how your complaint was handled?", "lr", "Survey", "Number");
   doc_row(t, "Surveys sent", doc_int(f->surveys_sent));
   doc_row(t, "Satisfied", doc_int(f->satisfied));
   doc_row(t, "Not satisfied", doc_int(f->dissatisfied));
   doc_row(t, "Declined to answer", doc_int(f->survey_declined));
   doc_row(t, "Satisfied, of those answering", doc_percent(f->satisfied, answers));
}

static void doc_open_ages(ReportDoc *d, const PeriodFigures *f) {
   static const char *const bands[REPORT_AGE_BANDS] = {
      "up to 10 working days", "11 to 20", "21 to 40", "41 to 60", "over 60"
   };
   DocSection *sec = doc_section(d, "Open complaints by age");
   doc_text(sec, "Complaints open on %s (including those awaiting triage), by working days since they were "
            "received.", doc_date(f->as_at));
   DocTable *t = doc_table(sec, NULL, "lrrr", "Open for", "Stage 1", "Stage 2", "All");
   int64_t s1 = 0, s2 = 0;
   for (int i = 0; i < REPORT_AGE_BANDS; i++) {
      s1 += f->open_by_age[i][0];
      s2 += f->open_by_age[i][1];
      doc_row(t, bands[i], doc_int(f->open_by_age[i][0]), doc_int(f->open_by_age[i][1]),
              doc_int(f->open_by_age[i][0] + f->open_by_age[i][1]));
   }
   doc_row(t, "All open complaints", doc_int(s1), doc_int(s2), doc_int(s1 + s2));
}

static void doc_trends(ReportDoc *d, const PeriodFigures *f) {
   DocSection *sec = doc_section(d, "Trends");
   DocChart *c = doc_chart(sec, "Stage 1 complaints received", 0);
   for (size_t i = 0; i < f->trend_count; i++)
      doc_bar(c, f->trend[i].label, (double)f->trend[i].stage1_received, doc_int(f->trend[i].stage1_received));
   c = doc_chart(sec, "Stage 2 complaints received", 0);
   for (size_t i = 0; i < f->trend_count; i++)
      doc_bar(c, f->trend[i].label, (double)f->trend[i].stage2_received, doc_int(f->trend[i].stage2_received));
   c = doc_chart(sec, "Stage 1 responses within the timescale (%)", 100);
   for (size_t i = 0; i < f->trend_count; i++) {
      const TrendPoint *tp = &f->trend[i];
      double pct = tp->stage1_responded ? 100.0 * (double)tp->stage1_within / (double)tp->stage1_responded : 0;
      doc_bar(c, tp->label, pct, doc_percent(tp->stage1_within, tp->stage1_responded));
   }
}

static void doc_period(ReportDoc *d, Session *s, const PeriodFigures *f) {
   doc_received(d, s, f);
   doc_responses(d, f);
   doc_remedies(d, f);
   doc_refused(d, s, f);
   doc_feedback(d, f);
   doc_open_ages(d, f);
   doc_trends(d, f);
}

/* --- the Ombudsman and learning sections --------------------------------------------- */

static void doc_referrals(DocSection *sec, const OmbudsmanFigures *f, bool publish) {
   DocTable *t = publish ? doc_table(sec, "Referrals made in the period", "llllr", "Their ref", "Referred",
                                     "Determination", "Determined", "Orders")
                         : doc_table(sec, "Referrals made in the period", "lllllr", "Case", "Their ref", "Referred",
                                     "Determination", "Determined", "Orders");
   for (size_t i = 0; i < f->referral_count; i++) {
      const ReportReferral *r = &f->referrals[i];
      char *w = r->determination ? doc_words(r->determination) : xstrdup("awaited");
      if (publish)
         doc_row(t, r->their_ref, doc_date(r->referred_on), w, doc_date(r->determined_on), doc_int(r->orders));
      else
         doc_row(t, r->ref, r->their_ref, doc_date(r->referred_on), w, doc_date(r->determined_on),
                 doc_int(r->orders));
      free(w);
   }
   if (!f->referral_count)
      doc_text(sec, "No referrals to the Housing Ombudsman were recorded in the period.");
}

static void doc_orders(DocSection *sec, const OmbudsmanFigures *f, bool publish) {
   DocTable *t = publish ? doc_table(sec, NULL, "lllll", "Their ref", "Order", "Due", "Done", "Status")
                         : doc_table(sec, NULL, "llllll", "Case", "Their ref", "Order", "Due", "Done", "Status");
   for (size_t i = 0; i < f->order_count; i++) {
      const ReportOrder *o = &f->orders[i];
      const char *done = o->done_on == RD_NO_DATE ? "-" : doc_date(o->done_on);
      if (publish)
         doc_row(t, o->their_ref, o->text, doc_date(o->due_on), done, ombudsman_compliance_name(o->status));
      else
         doc_row(t, o->ref, o->their_ref, o->text, doc_date(o->due_on), done, ombudsman_compliance_name(o->status));
   }
}

/* publish: without the landlord's case references (the Ombudsman's own are public). */
static void doc_ombudsman(ReportDoc *d, const OmbudsmanFigures *f, bool publish) {
   DocSection *sec = doc_section(d, "Housing Ombudsman referrals and determinations");
   doc_referrals(sec, f, publish);
   DocTable *t = doc_table(sec, "Determinations made in the period", "lr", "Determination", "Number");
   int64_t all = 0;
   for (size_t i = 0; i < f->determinations.count; i++) {
      char *w = doc_words(f->determinations.items[i].label);
      doc_row(t, w, doc_int(f->determinations.items[i].count));
      all += f->determinations.items[i].count;
      free(w);
   }
   doc_row(t, "All determinations", doc_int(all));
   sec = doc_section(d, "Housing Ombudsman orders and compliance");
   doc_text(sec, "Orders due in the period, and every order not yet done, with their status on %s.",
            doc_date(f->as_at));
   doc_orders(sec, f, publish);
   static const OrderCompliance order[] = { ORDER_COMPLIED, ORDER_COMPLIED_LATE, ORDER_OVERDUE, ORDER_OUTSTANDING };
   t = doc_table(sec, "Compliance", "lr", "Status", "Orders");
   for (size_t i = 0; i < sizeof order / sizeof *order; i++)
      doc_row(t, ombudsman_compliance_name(order[i]), doc_int(f->by_status[order[i]]));
}

static void doc_learning(ReportDoc *d, const LearningRow *rows, size_t n) {
   DocSection *sec = doc_section(d, "Learning and service improvements");
   if (!n) {
      doc_text(sec, "No lessons or service improvements were recorded in the period.");
      return;
   }
   DocTable *t = doc_table(sec, NULL, "lll", "Recorded", "What we learned", "What we changed");
   for (size_t i = 0; i < n; i++)
      doc_row(t, doc_date(rows[i].recorded_on), rows[i].lesson,
              rows[i].improvement && *rows[i].improvement ? rows[i].improvement : "-");
}

/* --- the reports -------------------------------------------------------------------- */

RdStatus report_name_parse(const char *text, ReportName *out, RdError *err) {
   for (size_t i = 0; text && i < sizeof report_names / sizeof *report_names; i++) {
      if (strcmp(text, report_names[i]) == 0) {
         *out = (ReportName)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_EINPUT, "'%s' is not a report: use tsm, monthly, quarterly, annual or ombudsman",
                    text ? text : "");
}

const char *report_name_text(ReportName name) {
   return report_names[name];
}

ReportUnit report_name_unit(ReportName name) {
   return name == REPORT_MONTHLY ? REPORT_MONTH : name == REPORT_QUARTERLY ? REPORT_QUARTER : REPORT_YEAR;
}

RdStatus report_format_parse(const char *text, ReportFormat *out, RdError *err) {
   static const char *const names[] = { "text", "csv", "html" };
   for (size_t i = 0; text && i < 3; i++) {
      if (strcmp(text, names[i]) == 0) {
         *out = (ReportFormat)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_EINPUT, "'%s' is not a format: use text, csv or html", text ? text : "");
}

static ReportDoc *report_doc_tsm(Session *s, const ReportPeriod *p, const TsmFigures *f) {
   RdDate today = clock_today();
   ReportDoc *d = doc_new(s, "Tenant Satisfaction Measures: complaints (CH01 and CH02)", p,
                          p->to < today ? p->to : today);
   doc_tsm(d, s, f, false);
   return d;
}

static ReportDoc *report_doc_period(Session *s, ReportName name, const ReportPeriod *p, const PeriodFigures *f) {
   ReportDoc *d = doc_new(s, name == REPORT_MONTHLY ? "Complaints: monthly report to the chief executive"
                                                    : "Complaints: quarterly report to the board", p, f->as_at);
   doc_period(d, s, f);
   return d;
}

static ReportDoc *report_doc_ombudsman(Session *s, const ReportPeriod *p, const OmbudsmanFigures *f) {
   ReportDoc *d = doc_new(s, "Housing Ombudsman: referrals, determinations and orders", p, f->as_at);
   doc_ombudsman(d, f, false);
   return d;
}

/* Code 8.1: the annual complaints performance and service improvement report. */
static ReportDoc *report_doc_annual(Session *s, const ReportPeriod *p, const ReportFigures *all) {
   const PeriodFigures *f = &all->period;
   ReportDoc *d = doc_new(s, "Annual complaints performance and service improvement report", p, f->as_at);
   DocSection *intro = doc_section(d, "About this report");
   doc_text(intro, "%s publishes this report under section 8 of the Housing Ombudsman's Complaint Handling "
            "Code: how complaints were handled in %s, what residents told us, what we put right and what we "
            "changed as a result. The self-assessment against the Code is published with it.",
            *d->landlord ? d->landlord : "The landlord", p->label);
   doc_text(intro, "In the period %lld complaints were received (%lld formal, %lld resolved at first contact, "
            "%lld refused); %lld stage 1 and %lld stage 2 responses were issued.", (long long)f->received,
            (long long)f->formal, (long long)f->quick, (long long)f->excluded,
            (long long)f->stage[0].responses.responded, (long long)f->stage[1].responses.responded);
   doc_tsm(d, s, &all->tsm, true);
   doc_period(d, s, f);
   doc_learning(d, all->learning, all->learning_count);
   doc_ombudsman(d, &all->ombudsman, true);
   return d;
}

RdStatus report_build_watched(Session *s, ReportName name, const ReportPeriod *p, ProgressFn progress,
                              void *progress_data, ReportDoc **out, RdError *err) {
   RdStatus st = report_require(s, err);
   if (st != RD_OK)
      return st;
   ReportFigures f;
   st = report_figures(s, name, p, progress, progress_data, &f, err);
   if (st != RD_OK)
      return st;
   switch (name) {
   case REPORT_TSM:
      *out = report_doc_tsm(s, p, &f.tsm);
      break;
   case REPORT_MONTHLY:
   case REPORT_QUARTERLY:
      *out = report_doc_period(s, name, p, &f.period);
      break;
   case REPORT_ANNUAL:
      *out = report_doc_annual(s, p, &f);
      break;
   case REPORT_OMBUDSMAN:
      *out = report_doc_ombudsman(s, p, &f.ombudsman);
      break;
   }
   report_figures_clear(&f);
   return RD_OK;
}

RdStatus report_build(Session *s, ReportName name, const ReportPeriod *p, ReportDoc **out, RdError *err) {
   return report_build_watched(s, name, p, NULL, NULL, out, err);
}

/* --- text ----------------------------------------------------------------------------- */

static size_t doc_glyph_width(const char *s, size_t len) {
   char buf[8];
   if (len >= sizeof buf)
      return 1;
   memcpy(buf, s, len);
   buf[len] = '\0';
   return text_width(buf);
}

/* The byte length of the longest prefix of s (up to len) no wider than width; at least
 * one character, so a long word always moves on. */
static size_t doc_prefix(const char *s, size_t len, size_t width) {
   size_t used = 0, i = 0;
   while (i < len) {
      uint32_t cp;
      size_t n = text_utf8_decode(s + i, len - i, &cp);
      if (!n)
         n = 1;
      size_t w = doc_glyph_width(s + i, n);
      if (used + w > width && i > 0)
         break;
      used += w;
      i += n;
   }
   return i;
}

static size_t doc_span_width(const char *s, size_t len) {
   char *copy = xstrndup(s, len);
   size_t w = text_width(copy);
   free(copy);
   return w;
}

/* Splits visible text into lines no wider than width, breaking at spaces. Caller frees
 * each line and the array. */
static char **doc_wrap(const char *text, size_t width, size_t *count) {
   char **lines = NULL;
   size_t n = 0;
   const char *p = text;
   if (width < 1)
      width = 1;
   do {
      size_t len = strlen(p);
      while (len && *p == ' ') {
         p++;
         len--;
      }
      size_t take = len;
      if (doc_span_width(p, len) > width) {
         take = doc_prefix(p, len, width);
         size_t space = take;
         while (space > 0 && p[space] != ' ')
            space--;
         if (space > 0 && p[take] != '\0')
            take = space;
      }
      lines = xreallocarray(lines, n + 1, sizeof *lines);
      lines[n++] = xstrndup(p, take);
      p += take;
   } while (*p && strspn(p, " ") < strlen(p));
   *count = n;
   return lines;
}

static void doc_free_lines(char **lines, size_t n) {
   for (size_t i = 0; i < n; i++)
      free(lines[i]);
   free(lines);
}

static void doc_pad(FILE *out, const char *text, size_t width, bool right) {
   size_t w = text_width(text);
   if (right)
      for (size_t i = w; i < width; i++)
         fputc(' ', out);
   fputs(text, out);
   if (!right)
      for (size_t i = w; i < width; i++)
         fputc(' ', out);
}

static void doc_text_paragraph(FILE *out, const char *text, size_t width, const char *indent) {
   char *v = text_visible(text, 0);
   size_t n;
   char **lines = doc_wrap(v, width - strlen(indent), &n);
   for (size_t i = 0; i < n; i++)
      fprintf(out, "%s%s\n", indent, lines[i]);
   doc_free_lines(lines, n);
   free(v);
}

static void doc_underline(FILE *out, const char *title, char c) {
   size_t w = text_width(title);
   for (size_t i = 0; i < w && i < DOC_WIDTH; i++)
      fputc(c, out);
   fputc('\n', out);
}

/* Column widths that fit DOC_WIDTH: the widest word column gives way, a column at a time,
 * down to 10, and its cells wrap. */
static void doc_table_widths(const DocTable *t, char **visible, size_t *w) {
   for (size_t c = 0; c < t->cols; c++) {
      w[c] = text_width(visible[c]);
      for (size_t r = 0; r < t->rows; r++) {
         size_t cw = text_width(visible[(r + 1) * t->cols + c]);
         if (cw > w[c])
            w[c] = cw;
      }
   }
   for (;;) {
      size_t total = 2 * (t->cols - 1);
      for (size_t c = 0; c < t->cols; c++)
         total += w[c];
      if (total <= DOC_WIDTH)
         return;
      size_t widest = t->cols;
      for (size_t c = 0; c < t->cols; c++)
         if (t->align[c] == 'l' && w[c] > 10 && (widest == t->cols || w[c] > w[widest]))
            widest = c;
      if (widest == t->cols)
         return;
      w[widest]--;   /* a column at a time, so two long ones end up sharing the page */
   }
}

static void doc_text_row(FILE *out, const DocTable *t, char **cells, const size_t *w) {
   char ***lines = xcalloc(t->cols, sizeof *lines);
   size_t *counts = xcalloc(t->cols, sizeof *counts), height = 1;
   for (size_t c = 0; c < t->cols; c++) {
      lines[c] = doc_wrap(cells[c], w[c], &counts[c]);
      if (counts[c] > height)
         height = counts[c];
   }
   for (size_t l = 0; l < height; l++) {
      char *line = NULL;
      size_t len = 0;
      FILE *row = open_memstream(&line, &len);
      for (size_t c = 0; c < t->cols; c++) {
         if (c)
            fputs("  ", row);
         doc_pad(row, l < counts[c] ? lines[c][l] : "", w[c], t->align[c] == 'r');
      }
      fclose(row);
      while (len && line[len - 1] == ' ')
         line[--len] = '\0';
      fprintf(out, "%s\n", line);
      free(line);
   }
   for (size_t c = 0; c < t->cols; c++)
      doc_free_lines(lines[c], counts[c]);
   free(lines);
   free(counts);
}

static void doc_text_table(FILE *out, const DocTable *t) {
   size_t n = (t->rows + 1) * t->cols;
   char **visible = xcalloc(n ? n : 1, sizeof *visible);
   for (size_t c = 0; c < t->cols; c++)
      visible[c] = text_visible(t->head[c], 0);
   for (size_t i = 0; i < t->rows * t->cols; i++)
      visible[t->cols + i] = text_visible(t->cells[i], 0);
   size_t *w = xcalloc(t->cols, sizeof *w);
   doc_table_widths(t, visible, w);
   if (t->title && *t->title)
      doc_text_paragraph(out, t->title, DOC_WIDTH, "");
   doc_text_row(out, t, visible, w);
   size_t total = 2 * (t->cols - 1);
   for (size_t c = 0; c < t->cols; c++)
      total += w[c];
   for (size_t i = 0; i < total && i < DOC_WIDTH; i++)
      fputc('-', out);
   fputc('\n', out);
   for (size_t r = 0; r < t->rows; r++)
      doc_text_row(out, t, visible + (r + 1) * t->cols, w);
   for (size_t i = 0; i < n; i++)
      free(visible[i]);
   free(visible);
   free(w);
}

static void doc_text_chart(FILE *out, const DocChart *c) {
   size_t label_w = 0, value_w = 0;
   double max = doc_chart_scale(c);
   for (size_t i = 0; i < c->count; i++) {
      size_t lw = text_width(c->labels[i]), vw = text_width(c->texts[i]);
      label_w = lw > label_w ? lw : label_w;
      value_w = vw > value_w ? vw : value_w;
   }
   if (label_w > 34)
      label_w = 34;
   size_t bar_w = DOC_WIDTH - label_w - value_w - 4;
   doc_text_paragraph(out, c->title, DOC_WIDTH, "");
   for (size_t i = 0; i < c->count; i++) {
      char *v = text_visible(c->labels[i], 0);
      size_t n;
      char **lines = doc_wrap(v, label_w, &n);
      doc_pad(out, lines[0], label_w, false);
      fputs(" |", out);
      size_t bar = max > 0 ? (size_t)(c->values[i] / max * (double)bar_w + 0.5) : 0;
      for (size_t k = 0; k < bar; k++)
         fputc('#', out);
      fprintf(out, " %s\n", c->texts[i]);
      doc_free_lines(lines, n);
      free(v);
   }
}

static void doc_write_text(const ReportDoc *d, FILE *out) {
   fprintf(out, "%s\n", d->title);
   doc_underline(out, d->title, '=');
   if (*d->landlord)
      doc_text_paragraph(out, d->landlord, DOC_WIDTH, "");
   doc_text_paragraph(out, d->period, DOC_WIDTH, "Period: ");
   doc_text_paragraph(out, d->made, DOC_WIDTH, "");
   for (size_t i = 0; i < d->count; i++) {
      const DocSection *s = &d->sections[i];
      fprintf(out, "\n\n%s\n", s->title);
      doc_underline(out, s->title, '-');
      for (size_t j = 0; j < s->count; j++) {
         const DocBlock *b = &s->blocks[j];
         fputc('\n', out);
         if (b->kind == DOC_TEXT)
            doc_text_paragraph(out, b->text, DOC_WIDTH, "");
         else if (b->kind == DOC_TABLE)
            doc_text_table(out, &b->table);
         else
            doc_text_chart(out, &b->chart);
      }
   }
}

/* --- CSV ------------------------------------------------------------------------------- */

static void doc_csv_value(CsvWriter *w, const char *v, bool number) {
   char plain[32];
   size_t n = strlen(v);
   if (number && n && n < sizeof plain && v[n - 1] == '%') {
      memcpy(plain, v, n - 1);
      plain[n - 1] = '\0';
      csv_write_number(w, plain);
   } else if (number) {
      csv_write_number(w, v);
   } else {
      csv_write_field(w, v);
   }
}

static void doc_csv_lead(CsvWriter *w, const ReportDoc *d, const DocSection *s, const char *table) {
   csv_write_field(w, d->title);
   csv_write_field(w, d->period);
   csv_write_field(w, s->title);
   csv_write_field(w, table ? table : "");
}

static void doc_write_csv(const ReportDoc *d, CsvWriter *w) {
   static const char *const head[] = { "report", "period", "section", "table", "row", "column", "value" };
   csv_write_row(w, head, sizeof head / sizeof *head);
   for (size_t i = 0; i < d->count; i++) {
      const DocSection *s = &d->sections[i];
      for (size_t j = 0; j < s->count; j++) {
         const DocBlock *b = &s->blocks[j];
         if (b->kind == DOC_TEXT) {
            doc_csv_lead(w, d, s, "note");
            csv_write_field(w, "");
            csv_write_field(w, "");
            csv_write_field(w, b->text);
            csv_end_row(w);
         } else if (b->kind == DOC_TABLE) {
            const DocTable *t = &b->table;
            for (size_t r = 0; r < t->rows; r++) {
               for (size_t c = t->cols > 1 ? 1 : 0; c < t->cols; c++) {
                  doc_csv_lead(w, d, s, t->title);
                  csv_write_field(w, t->cells[r * t->cols]);
                  csv_write_field(w, t->head[c]);
                  doc_csv_value(w, t->cells[r * t->cols + c], t->align[c] == 'r');
                  csv_end_row(w);
               }
            }
         } else {
            const DocChart *c = &b->chart;
            for (size_t k = 0; k < c->count; k++) {
               doc_csv_lead(w, d, s, c->title);
               csv_write_field(w, c->labels[k]);
               csv_write_field(w, "value");
               doc_csv_value(w, c->texts[k], true);
               csv_end_row(w);
            }
         }
      }
   }
}

/* --- HTML ------------------------------------------------------------------------------ */

static void doc_html_escape(FILE *out, const char *text) {
   for (const char *p = text; *p; p++) {
      switch (*p) {
      case '&': fputs("&amp;", out); break;
      case '<': fputs("&lt;", out); break;
      case '>': fputs("&gt;", out); break;
      case '"': fputs("&quot;", out); break;
      case '\'': fputs("&#39;", out); break;
      default:
         if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
            fputc(' ', out);
         else
            fputc(*p, out);
      }
   }
}

static const char doc_css[] =
   "body{font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:60em;margin:2em auto;padding:0 1em;"
   "line-height:1.45}\n"
   "h1{font-size:1.6em;border-bottom:3px solid #1d4f91;padding-bottom:.3em}\n"
   "h2{font-size:1.25em;color:#1d4f91;margin-top:2em;border-bottom:1px solid #c8d3e3}\n"
   ".meta{color:#444}\n"
   "table{border-collapse:collapse;margin:1em 0;min-width:50%}\n"
   "caption{text-align:left;font-weight:bold;padding:.3em 0}\n"
   "th,td{border:1px solid #c8d3e3;padding:.25em .6em;vertical-align:top;text-align:left}\n"
   "th{background:#eef2f8}\n"
   "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
   "td:not(:last-child){white-space:nowrap}\n"
   ".chart{margin:1em 0}\n"
   ".chart .title{font-weight:bold;margin-bottom:.3em}\n"
   ".chart .row{display:flex;align-items:center;margin:.15em 0}\n"
   ".chart .label{width:16em;flex:none}\n"
   ".chart .track{flex:1;background:#eef2f8;height:1em;margin:0 .6em}\n"
   ".chart .bar{display:block;height:100%;background:#1d4f91}\n"
   ".chart .value{width:5em;text-align:right}\n"
   "@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table,.chart{page-break-inside:avoid}"
   ".chart .bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
   "@page{size:A4;margin:18mm}\n";

static void doc_html_table(FILE *out, const DocTable *t) {
   fputs("<table>\n", out);
   if (t->title && *t->title) {
      fputs("<caption>", out);
      doc_html_escape(out, t->title);
      fputs("</caption>\n", out);
   }
   fputs("<thead><tr>", out);
   for (size_t c = 0; c < t->cols; c++) {
      fprintf(out, "<th scope=\"col\"%s>", t->align[c] == 'r' ? " class=\"num\"" : "");
      doc_html_escape(out, t->head[c]);
      fputs("</th>", out);
   }
   fputs("</tr></thead>\n<tbody>\n", out);
   for (size_t r = 0; r < t->rows; r++) {
      fputs("<tr>", out);
      for (size_t c = 0; c < t->cols; c++) {
         fprintf(out, "<td%s>", t->align[c] == 'r' ? " class=\"num\"" : "");
         doc_html_escape(out, t->cells[r * t->cols + c]);
         fputs("</td>", out);
      }
      fputs("</tr>\n", out);
   }
   fputs("</tbody>\n</table>\n", out);
}

static void doc_html_chart(FILE *out, const DocChart *c) {
   double max = doc_chart_scale(c);
   fputs("<div class=\"chart\" role=\"img\" aria-label=\"", out);
   doc_html_escape(out, c->title);
   fputs("\">\n<div class=\"title\">", out);
   doc_html_escape(out, c->title);
   fputs("</div>\n", out);
   for (size_t i = 0; i < c->count; i++) {
      int pct = max > 0 ? (int)(c->values[i] / max * 100.0 + 0.5) : 0;
      fputs("<div class=\"row\"><span class=\"label\">", out);
      doc_html_escape(out, c->labels[i]);
      fprintf(out, "</span><span class=\"track\"><span class=\"bar\" style=\"width:%d%%\"></span></span>"
              "<span class=\"value\">", pct);
      doc_html_escape(out, c->texts[i]);
      fputs("</span></div>\n", out);
   }
   fputs("</div>\n", out);
}

static void doc_write_html(const ReportDoc *d, FILE *out) {
   fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
   doc_html_escape(out, d->title);
   fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", doc_css);
   doc_html_escape(out, d->title);
   fputs("</h1>\n<p class=\"meta\">", out);
   if (*d->landlord) {
      doc_html_escape(out, d->landlord);
      fputs("<br>\n", out);
   }
   fputs("Period: ", out);
   doc_html_escape(out, d->period);
   fputs("<br>\n", out);
   doc_html_escape(out, d->made);
   fputs("</p>\n</header>\n", out);
   for (size_t i = 0; i < d->count; i++) {
      const DocSection *s = &d->sections[i];
      fputs("<section>\n<h2>", out);
      doc_html_escape(out, s->title);
      fputs("</h2>\n", out);
      for (size_t j = 0; j < s->count; j++) {
         const DocBlock *b = &s->blocks[j];
         if (b->kind == DOC_TEXT) {
            fputs("<p>", out);
            doc_html_escape(out, b->text);
            fputs("</p>\n", out);
         } else if (b->kind == DOC_TABLE) {
            doc_html_table(out, &b->table);
         } else {
            doc_html_chart(out, &b->chart);
         }
      }
      fputs("</section>\n", out);
   }
   fputs("</body>\n</html>\n", out);
}

static RdStatus doc_flush(FILE *out, const char *name, RdError *err) {
   if (fflush(out) != 0 || ferror(out))
      return error_set(err, RD_EIO, "%s could not be written: %m", name);
   return RD_OK;
}

RdStatus report_write(const ReportDoc *d, ReportFormat format, unsigned csv_flags, FILE *out, const char *name,
                      RdError *err) {
   if (format == REPORT_CSV) {
      CsvWriter w;
      csv_writer_init(&w, out, csv_flags);
      doc_write_csv(d, &w);
      return csv_writer_finish(&w, name, err);
   }
   if (format == REPORT_HTML)
      doc_write_html(d, out);
   else
      doc_write_text(d, out);
   return doc_flush(out, name, err);
}

/* --- the weekly actions -------------------------------------------------------------- */

static void doc_weekly_action(FILE *out, const WeeklyAction *a, bool done) {
   char line[160];
   if (done)
      snprintf(line, sizeof line, "  #%-5lld %-10s done %s (due %s), %s", (long long)a->id, *a->ref ? a->ref : "-",
               doc_date(a->done_on), doc_date(a->due_on), a->owner_login);
   else
      snprintf(line, sizeof line, "  #%-5lld %-10s due %s  %s", (long long)a->id, *a->ref ? a->ref : "-",
               doc_date(a->due_on), a->days_overdue ? "OVERDUE" : "");
   fputs(line, out);
   if (!done && a->days_overdue)
      fprintf(out, " by %d day%s", a->days_overdue, a->days_overdue == 1 ? "" : "s");
   fputc('\n', out);
   doc_text_paragraph(out, a->what, DOC_WIDTH, "         ");
   if (done)
      return;
   if (a->last_update) {
      char when[17];
      datetime_format_local(a->last_update_at, when);
      char *text = xasprintf("last update %s: %s", when, a->last_update);
      doc_text_paragraph(out, text, DOC_WIDTH, "         ");
      free(text);
   } else {
      fputs("         no update recorded\n", out);
   }
}

static void doc_weekly_text(const WeeklyActions *w, FILE *out) {
   int week_year;
   datetime_to_ymd(w->week_from + 3, &week_year, NULL, NULL);
   RdDate jan4 = datetime_from_ymd(week_year, 1, 4);
   int week = (int)((w->week_from - (jan4 - (datetime_weekday(jan4) - WEEKDAY_MONDAY))) / 7) + 1;
   fprintf(out, "Outstanding actions: week %d-W%02d (%s to %s), as at %s\n", week_year, week,
           doc_date(w->week_from), doc_date(w->week_to), doc_date(w->as_at));
   fprintf(out, "\nOUTSTANDING (%zu), by owner, overdue first\n", w->outstanding_count);
   const char *owner = NULL;
   for (size_t i = 0; i < w->outstanding_count; i++) {
      const WeeklyAction *a = &w->outstanding[i];
      if (!owner || strcmp(owner, a->owner_login) != 0) {
         char *name = text_visible(a->owner_name, 0);
         fprintf(out, "\n%s (%s)\n", name, a->owner_login);
         free(name);
         owner = a->owner_login;
      }
      doc_weekly_action(out, a, false);
   }
   if (!w->outstanding_count)
      fputs("  None.\n", out);
   fprintf(out, "\nCOMPLETED THIS WEEK (%zu)\n", w->completed_count);
   for (size_t i = 0; i < w->completed_count; i++)
      doc_weekly_action(out, &w->completed[i], true);
   if (!w->completed_count)
      fputs("  None.\n", out);
   fprintf(out, "\nRESIDENTS WITHOUT AN UPDATE FOR LONGER THAN THE POLICY ALLOWS (%zu)\n", w->quiet_count);
   for (size_t i = 0; i < w->quiet_count; i++) {
      const QuietCase *c = &w->quiet[i];
      char when[17];
      datetime_format_local(c->last_update_at, when);
      fprintf(out, "  %-10s %-12s last update %s: %d working days (policy: every %d)\n", c->ref,
              *c->handler_login ? c->handler_login : "unassigned", when, c->working_days, c->allowed);
   }
   if (!w->quiet_count)
      fputs("  None.\n", out);
}

static void doc_weekly_csv_action(CsvWriter *cw, const char *section, const WeeklyAction *a) {
   char when[17] = "";
   if (a->last_update)
      datetime_format_local(a->last_update_at, when);
   csv_write_field(cw, section);
   csv_write_field(cw, a->owner_login);
   csv_write_integer(cw, a->id);
   csv_write_field(cw, a->ref);
   csv_write_field(cw, a->what);
   csv_write_field(cw, doc_date(a->due_on));
   csv_write_field(cw, doc_date(a->done_on));
   csv_write_integer(cw, a->days_overdue);
   csv_write_field(cw, when);
   csv_write_field(cw, a->last_update ? a->last_update : "");
   csv_write_field(cw, "");
   csv_write_field(cw, "");
   csv_end_row(cw);
}

RdStatus report_weekly_write(const WeeklyActions *w, ReportFormat format, unsigned csv_flags, FILE *out,
                             const char *name, RdError *err) {
   if (format != REPORT_CSV) {
      doc_weekly_text(w, out);
      return doc_flush(out, name, err);
   }
   static const char *const head[] = {
      "section", "owner", "action", "case", "what", "due_on", "done_on", "days_overdue", "last_update_at",
      "last_update", "working_days_without_update", "update_every_working_days"
   };
   CsvWriter cw;
   csv_writer_init(&cw, out, csv_flags);
   csv_write_row(&cw, head, sizeof head / sizeof *head);
   for (size_t i = 0; i < w->outstanding_count; i++)
      doc_weekly_csv_action(&cw, "outstanding", &w->outstanding[i]);
   for (size_t i = 0; i < w->completed_count; i++)
      doc_weekly_csv_action(&cw, "completed", &w->completed[i]);
   for (size_t i = 0; i < w->quiet_count; i++) {
      const QuietCase *c = &w->quiet[i];
      char when[17];
      datetime_format_local(c->last_update_at, when);
      const char *lead[] = { "no-update", c->handler_login, "", c->ref, "", "", "", "", when, "" };
      for (size_t k = 0; k < sizeof lead / sizeof *lead; k++)
         csv_write_field(&cw, lead[k]);
      csv_write_integer(&cw, c->working_days);
      csv_write_integer(&cw, c->allowed);
      csv_end_row(&cw);
   }
   return csv_writer_finish(&cw, name, err);
}

/* --- to a file ------------------------------------------------------------------------- */

/* One of the two documents a file can hold. */
typedef struct DocSource {
   const ReportDoc *doc;
   const WeeklyActions *weekly;
} DocSource;

static RdStatus doc_write_source(const DocSource *src, ReportFormat format, unsigned csv_flags, FILE *out,
                                 const char *path, RdError *err) {
   if (src->doc)
      return report_write(src->doc, format, csv_flags, out, path, err);
   return report_weekly_write(src->weekly, format, csv_flags, out, path, err);
}

/* Writes through a new file beside path, renamed over it when whole, so a reader never
 * finds half a report and a failure leaves what was there. */
static RdStatus doc_write_file(const DocSource *src, ReportFormat format, unsigned csv_flags, const char *path,
                               RdError *err) {
   if (!path || !*path)
      return error_set(err, RD_EINPUT, "no file was named to write the report to");
   char *tmp = xasprintf("%s.XXXXXX", path);
   int fd = mkstemp(tmp);
   if (fd < 0) {
      RdStatus st = error_set(err, RD_EIO, "%s could not be written: %s", path, strerror(errno));
      free(tmp);
      return st;
   }
   /* mkstemp makes the file private; a report is for the staff group, like the database. */
   FILE *f = fchmod(fd, 0660) == 0 ? fdopen(fd, "w") : NULL;
   RdStatus st = f ? doc_write_source(src, format, csv_flags, f, path, err)
                   : error_set(err, RD_EIO, "%s could not be written: %s", path, strerror(errno));
   if (f && fclose(f) != 0 && st == RD_OK)
      st = error_set(err, RD_EIO, "%s could not be written: %s", path, strerror(errno));
   if (!f)
      close(fd);
   if (st == RD_OK && rename(tmp, path) != 0)
      st = error_set(err, RD_EIO, "%s could not be written: %s", path, strerror(errno));
   if (st != RD_OK)
      unlink(tmp);
   free(tmp);
   return st;
}

RdStatus report_write_file(const ReportDoc *doc, ReportFormat format, unsigned csv_flags, const char *path,
                           RdError *err) {
   DocSource src = { doc, NULL };
   return doc_write_file(&src, format, csv_flags, path, err);
}

RdStatus report_weekly_write_file(const WeeklyActions *w, ReportFormat format, unsigned csv_flags, const char *path,
                                  RdError *err) {
   if (format == REPORT_HTML)
      return error_set(err, RD_EINPUT, "the weekly actions are written as text or csv, not html");
   DocSource src = { NULL, w };
   return doc_write_file(&src, format, csv_flags, path, err);
}
