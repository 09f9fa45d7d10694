/* case: one case in full: who complains, what about, each stage's dates and deadlines with
 * their class, outstanding actions and remedies, Ombudsman referrals, the survey, lessons
 * learned and the timeline. Every step of the lifecycle the user's role allows is one key
 * away and opens a small form that checks as you type; the lifecycle engine has the last
 * word and its refusal names the rule. After a step the letter that goes with it is offered
 * at one key, and any letter the case has reached can be written at any time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/action.h"
#include "redress/casefile.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/learning.h"
#include "redress/letter.h"
#include "redress/ombudsman.h"
#include "redress/person.h"
#include "redress/queue.h"
#include "redress/survey.h"
#include "redress/text.h"
#include "redress/xalloc.h"
#include "ui.h"

#define ROLES_DESK (ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER)
#define ROLES_HANDLING (ROLE_HANDLER | ROLE_MANAGER)

typedef enum CaseStep {
   STEP_NONE,
   STEP_TRIAGE,
   STEP_ACK,
   STEP_EXTEND,
   STEP_RESPOND,
   STEP_REMEDY,
   STEP_ACTION,
   STEP_ESCALATE,
   STEP_DECLINE,
   STEP_CLOSE,
   STEP_CONTACT,
   STEP_CONFLICT,
   STEP_REOPEN,
   STEP_ISSUE,
   STEP_PERSON,
   STEP_ADJUST,
   STEP_REPRESENT,
   STEP_SURVEY,
   STEP_REMEDY_DONE
} CaseStep;

/* One line of the scrolling body: a label column and its text. */
typedef struct CaseLine {
   char *label;
   char *text;
   attr_t label_attr;
   attr_t text_attr;
   bool whole;                 /* the label spans the whole width (a section head) */
} CaseLine;

#define CASE_HINTS 16        /* keys the hint bar can offer at once, with the end mark */

typedef struct CaseScreen {
   char ref[16];
   Complaint c;
   QueueRow row;               /* the case as the queue shows it: names, next due, class */
   bool have_row;
   Queue *q;
   CaseLine *lines;
   size_t nlines;
   int built_width;
   UiList body;
   UiLine head_cache[2];
   CaseStep step;              /* the form open, if any */
   UiForm *form;
   int form_version;           /* the version of the case the form was opened on */
   int person_version;         /* and of the resident's record, for their details' form */
   const char **exclusions;    /* the configured codes, for the triage form */
   bool picking;               /* choosing a handler */
   int pick_stage;
   Staff *staff;
   size_t nstaff;
   char (*why)[300];           /* why each candidate does not qualify, "" when they do */
   UiList pick;
   bool offering;              /* the letter of the step just taken is offered at one key */
   LetterKind offer;
   UiLine offer_cache;
   bool choosing_letter;       /* choosing a letter from those the case has reached */
   ScreenKey hints[CASE_HINTS];   /* what the hint bar offers now (case_hints) */
   LetterKind kinds[LETTER_KIND_COUNT];
   char kind_why[LETTER_KIND_COUNT][300];   /* why a kind does not fit yet, "" when it does */
   size_t nkinds;
   UiList letters;
} CaseScreen;

static const ScreenKey case_keys[] = {
   { 'a', 'A', "a", "acknowledge", ROLES_HANDLING, true, true },
   { 'x', 'X', "x", "extend", ROLES_HANDLING, true, true },
   { 'r', 'R', "r", "respond", ROLES_HANDLING, true, true },
   { 'e', 'E', "e", "escalate", ROLES_DESK, true, true },
   { 'h', 'H', "h", "assign handler", ROLE_MANAGER, true, true },
   { 't', 'T', "t", "triage", ROLES_DESK, true, true },
   { 'n', 'N', "n", "note/contact", ROLES_DESK, true, true },
   { 'm', 'M', "m", "remedy", ROLES_HANDLING, false, true },
   { 'y', 'Y', "y", "a remedy done, or paid when it is money", ROLES_HANDLING, false, true },
   { 'o', 'O', "o", "outstanding action", ROLES_HANDLING, false, true },
   { 'd', 'D', "d", "decline escalation", ROLE_MANAGER, false, true },
   { 'c', 'C', "c", "close case", ROLES_HANDLING, false, true },
   { 'p', 'P', "p", "the resident's contact details: phone, email, address, how to contact, vulnerabilities",
     ROLES_DESK, false, true },
   { 's', 'S', "s", "a reasonable adjustment the resident needs: large print, translator, more time...",
     ROLES_DESK, false, true },
   { 'v', 'V', "v", "the satisfaction survey: sent, or the resident's answer", ROLES_DESK, false, true },
   { 'w', 'W', "w", "who acts for the resident (family, advocate, councillor, MP...) with their authority", ROLES_DESK,
     false, true },
   { 'i', 'I', "i", "declare a conflict of interest", ROLES_DESK, false, true },
   { 'f', 'F', "f", "a further issue the resident raised: folded in, or a new linked complaint", ROLES_DESK, false,
     true },
   { 'u', 'U', "u", "reopen a closed case (a manager, or by an Ombudsman order)", ROLES_HANDLING, false, true },
   { 'l', 'L', "l", "write the letter offered, or choose one the case has reached", ROLES_DESK, false, true },
   { 0, 0, "Up/Down", "scroll; PgUp/PgDn a page; Home/End g/G the top and the end", 0, false, false },
   { UI_ESC, 'q', "Esc", "back to the queue", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static const char *const decision_options[] = { "upheld", "partly-upheld", "not-upheld", NULL };
static const char *const triage_options[] = { "complaint", "service-request", "excluded", "quick", NULL };
static const char *const close_options[] = { "resolved", "final-response", "withdrawn", "no-contact",
                                             "service-request-done", NULL };
static const char *const direction_options[] = { "out", "in", "note", NULL };
static const char *const channel_options[] = { "phone", "email", "letter", "in-person", "web", "social-media",
                                               "other", NULL };
/* person_contact_methods with "not said" first, for the resident's details form. */
static const char *const *case_contact_options(void) {
   static const char *options[16];
   if (!options[0]) {
      options[0] = "not said";
      for (size_t i = 0; person_contact_methods[i] && i + 2 < sizeof options / sizeof *options; i++)
         options[i + 1] = person_contact_methods[i];
   }
   return options;
}
/* What the survey form records: that it went, or the answer (seed 004). */
static const char *const survey_options[] = { "sent", "satisfied", "not-satisfied", "wants-no-surveys", NULL };
static const char *const remedy_options[] = { "apology", "explanation", "acknowledgement", "action-on-delay",
                                              "reconsidered-decision", "corrected-record", "financial-loss",
                                              "goodwill", "policy-change", "other", NULL };

/* --- building the body ------------------------------------------------------------------- */

static void case_free_lines(CaseScreen *cs) {
   for (size_t i = 0; i < cs->nlines; i++) {
      free(cs->lines[i].label);
      free(cs->lines[i].text);
   }
   free(cs->lines);
   cs->lines = NULL;
   cs->nlines = 0;
}

static void case_add(CaseScreen *cs, const char *label, attr_t label_attr, const char *text, attr_t text_attr) {
   cs->lines = xreallocarray(cs->lines, cs->nlines + 1, sizeof *cs->lines);
   cs->lines[cs->nlines++] = (CaseLine){ xstrdup(label), xstrdup(text), label_attr, text_attr, false };
}

/* Adds text wrapped at spaces to width columns; the label goes on the first line only. The
 * pieces are visible text already, which passes through text_visible again unchanged. */
static void case_wrap_as(CaseScreen *cs, const char *label, attr_t label_attr, const char *text, attr_t attr,
                         int width) {
   char **lines;
   size_t n = ui_wrap(text && *text ? text : "-", width < 20 ? 20 : width, &lines);
   for (size_t i = 0; i < n; i++)
      case_add(cs, i ? "" : label, label_attr, lines[i], attr);
   ui_wrap_free(lines, n);
}

static void case_wrap(CaseScreen *cs, const char *label, const char *text, attr_t attr, int width) {
   case_wrap_as(cs, label, theme_style(STYLE_HEADER), text, attr, width);
}

/* A section head across the whole width: "── Stage 1 ──────". */
static void case_rule(CaseScreen *cs, const char *title) {
   const char *g = theme_rule_glyph();
   size_t glen = strlen(g);
   char head[UI_LINE_BYTES];
   int n = snprintf(head, sizeof head, "%s%s %s ", g, g, title);
   size_t used = n > 0 ? (size_t)n : 0;
   for (int i = 0; i < COLS && used + glen < sizeof head; i++, used += glen)
      memcpy(head + used, g, glen + 1);
   case_add(cs, head, theme_style(STYLE_HEADER), "", A_NORMAL);
   cs->lines[cs->nlines - 1].whole = true;
}

static const char *case_staff_name(Session *s, int64_t id, char *buf, size_t size) {
   Staff st;
   if (!id || staff_by_id(s->store, id, &st, NULL) != RD_OK) {
      snprintf(buf, size, "%s", id ? "?" : "not assigned");
      return buf;
   }
   snprintf(buf, size, "%s (%s)", st.full_name, st.login);
   staff_clear(&st);
   return buf;
}

static void case_local(RdInstant t, char buf[17]) {
   datetime_format_local(t, buf);
}

/* A deadline line: the marker and class attribute when it is the target now running. */
static void case_target(CaseScreen *cs, App *app, const char *label, RdDate due, RdInstant done, const char *more,
                        bool running, int threshold, int width) {
   Session *s = app_session(app);
   char due_text[RD_DATE_BUFSIZE], done_text[17], text[400], lab[32];
   datetime_format_date(due, due_text);
   TimerClass cls = TIMER_ON_TRACK;
   if (done != RD_NO_INSTANT) {
      case_local(done, done_text);
      snprintf(text, sizeof text, "done %s (was due %s)%s", done_text, due_text[0] ? due_text : "-", more);
   } else if (due == RD_NO_DATE) {
      snprintf(text, sizeof text, "%s%s", running ? "no date yet: to be agreed with the resident" : "-", more);
   } else {
      int left = calendar_workdays_between(s->calendar, s->config->division, app_today(app), due);
      if (running)
         cls = timer_classify(s->calendar, s->config->division, app_today(app), due, threshold);
      snprintf(text, sizeof text, "due %s, %d working day%s %s%s%s%s", due_text, left < 0 ? -left : left,
               left == 1 || left == -1 ? "" : "s", left < 0 ? "overdue" : "left", running ? " [" : "",
               running ? timer_class_name(cls) : "", running ? "]" : "");
      str_copy(text + strlen(text), more, sizeof text - strlen(text));
   }
   snprintf(lab, sizeof lab, "%s%s", running ? theme_marker(cls) : "  ", label);
   attr_t a = running ? theme_class(cls) : A_NORMAL;
   case_wrap_as(cs, lab, theme_style(STYLE_HEADER) | a, text, a, width);
}

static void case_build_stage(CaseScreen *cs, App *app, int n, int width) {
   Session *s = app_session(app);
   const StageRecord *st = &cs->c.stages[n - 1];
   char title[32], buf[300], when[17];
   snprintf(title, sizeof title, "Stage %d", n);
   case_rule(cs, title);
   if (!st->present) {
      case_add(cs, "", A_NORMAL, n == 2 ? "not escalated" : "no stage 1 record (not a complaint)", A_NORMAL);
      return;
   }
   bool current = cs->c.stage == n && complaint_is_open(&cs->c) && st->declined_at == RD_NO_INSTANT;
   int threshold = cs->have_row ? cs->row.due_soon_days : s->policy.due_soon_days;
   case_wrap(cs, "Handler", case_staff_name(s, st->handler_id, buf, sizeof buf), A_NORMAL, width);
   case_local(st->requested_at, when);
   char start[RD_DATE_BUFSIZE];
   datetime_format_date(st->start_on, start);
   snprintf(buf, sizeof buf, "%s (counting from %s; policy %s)%s", when, start, st->policy,
            st->late_request ? "; a late request accepted by a manager" : "");
   case_wrap(cs, n == 1 ? "Received" : "Requested", buf, A_NORMAL, width);
   bool ack_running = current && st->acknowledged_at == RD_NO_INSTANT;
   case_target(cs, app, "Acknowledge", st->ack_due, st->acknowledged_at, "", ack_running, threshold, width);
   if (st->definition)
      case_wrap(cs, "Definition", st->definition, A_NORMAL, width);
   RdDate due = st->extended_to != RD_NO_DATE ? st->extended_to : st->response_due;
   char more[300] = "";
   if (st->extended_to != RD_NO_DATE) {
      char orig[RD_DATE_BUFSIZE];
      datetime_format_date(st->response_due, orig);
      snprintf(more, sizeof more, "; extended from %s: %s", orig, st->extension_reason ? st->extension_reason : "");
   } else if (st->extension_limit != RD_NO_DATE && st->responded_at == RD_NO_INSTANT) {
      char lim[RD_DATE_BUFSIZE];
      datetime_format_date(st->extension_limit, lim);
      snprintf(more, sizeof more, "; may be extended to %s", lim);
   }
   bool resp_running = current && !ack_running && st->responded_at == RD_NO_INSTANT;
   case_target(cs, app, "Respond", due, st->responded_at, more, resp_running, threshold, width);
   if (st->responded_at != RD_NO_INSTANT) {
      snprintf(buf, sizeof buf, "%s: %s", complaint_decision_name(st->decision), st->reasons ? st->reasons : "");
      case_wrap(cs, "Decision", buf, A_NORMAL, width);
   }
   if (st->declined_at != RD_NO_INSTANT) {
      case_local(st->declined_at, when);
      snprintf(buf, sizeof buf, "%s: %s", when, st->decline_reason ? st->decline_reason : "");
      case_wrap(cs, "Declined", buf, theme_style(STYLE_WARN), width);
   }
}

static void case_build_actions(CaseScreen *cs, App *app, int width) {
   Session *s = app_session(app);
   case_rule(cs, "Outstanding actions and remedies");
   ActionFilter f = { 0, NULL, cs->c.id, true };
   Action *actions = NULL;
   size_t n = 0;
   RdError err;
   if (action_list(s, &f, &actions, &n, &err) == RD_OK) {
      for (size_t i = 0; i < n; i++) {
         const Action *a = &actions[i];
         char due[RD_DATE_BUFSIZE], text[600], lab[32];
         datetime_format_date(a->done_on != RD_NO_DATE ? a->done_on : a->due_on, due);
         TimerClass cls = a->done_on == RD_NO_DATE
                             ? timer_classify(s->calendar, s->config->division, app_today(app), a->due_on, 2)
                             : TIMER_ON_TRACK;
         snprintf(lab, sizeof lab, "%sAction #%lld", a->done_on == RD_NO_DATE ? theme_marker(cls) : "  ",
                  (long long)a->id);
         snprintf(text, sizeof text, "%s %s, %s: %s%s%s", a->done_on != RD_NO_DATE ? "done" : "due", due,
                  a->owner_login ? a->owner_login : "?", a->what ? a->what : "",
                  a->last_update ? "; latest update: " : "", a->last_update ? a->last_update : "");
         case_wrap(cs, lab, text, a->done_on == RD_NO_DATE ? theme_class(cls) : A_NORMAL, width);
      }
      action_free_list(actions, n);
   }
   Remedy *remedies = NULL;
   size_t nr = 0;
   if (remedy_list(s, cs->c.id, &remedies, &nr, &err) == RD_OK) {
      for (size_t i = 0; i < nr; i++) {
         const Remedy *r = &remedies[i];
         char money[32] = "", text[600], lab[32];
         if (r->amount_pence > 0)
            remedy_format_pence(r->amount_pence, money, sizeof money);
         char due[RD_DATE_BUFSIZE], done[RD_DATE_BUFSIZE];
         datetime_format_date(r->due_on, due);
         datetime_format_date(r->done_on, done);
         snprintf(lab, sizeof lab, "  Remedy (s%d)", r->stage);
         snprintf(text, sizeof text, "#%lld %s%s%s: %s%s%s%s%s", (long long)r->id, remedy_kind_name(r->kind),
                  money[0] ? " " : "", money, r->detail, r->due_on != RD_NO_DATE ? ", due " : "",
                  r->due_on != RD_NO_DATE ? due : "", r->done_on != RD_NO_DATE ? "; done " : "",
                  r->done_on != RD_NO_DATE ? done : "");
         case_wrap(cs, lab, text, A_NORMAL, width);
      }
      remedy_free_list(remedies, nr);
   }
   if (n == 0 && nr == 0)
      case_add(cs, "", A_NORMAL, "none recorded", A_NORMAL);
}

/* The Housing Ombudsman's referrals of the case, with their orders and compliance. */
static void case_build_ombudsman(CaseScreen *cs, App *app, int width) {
   OmbudsmanReferral *list = NULL;
   size_t n = 0;
   RdError err;
   if (ombudsman_list(app_session(app), cs->c.id, false, &list, &n, &err) != RD_OK) {
      case_wrap(cs, "Ombudsman", err.message, theme_style(STYLE_ERROR), width);
      return;
   }
   if (n == 0)
      case_wrap(cs, "Ombudsman", "no referral recorded", A_NORMAL, width);
   for (size_t i = 0; i < n; i++) {
      const OmbudsmanReferral *r = &list[i];
      char referred[RD_DATE_BUFSIZE], determined[RD_DATE_BUFSIZE], text[800];
      datetime_format_date(r->referred_on, referred);
      datetime_format_date(r->determined_on, determined);
      if (r->determination == DETERMINATION_NONE)
         snprintf(text, sizeof text, "%s, referred %s: awaiting the determination", r->their_ref, referred);
      else
         snprintf(text, sizeof text, "%s, referred %s: %s on %s", r->their_ref, referred,
                  ombudsman_determination_name(r->determination), determined);
      case_wrap(cs, "Ombudsman", text, A_NORMAL, width);
      for (size_t k = 0; k < r->order_count; k++) {
         const OmbudsmanOrder *o = &r->orders[k];
         OrderCompliance oc = ombudsman_order_compliance(o, app_today(app));
         TimerClass cls = oc == ORDER_OVERDUE ? TIMER_OVERDUE : TIMER_ON_TRACK;
         char due[RD_DATE_BUFSIZE], done[RD_DATE_BUFSIZE], lab[32];
         datetime_format_date(o->due_on, due);
         datetime_format_date(o->done_on, done);
         snprintf(lab, sizeof lab, "%sOrder #%lld", theme_marker(cls), (long long)o->id);
         snprintf(text, sizeof text, "due %s, %s%s%s (action #%lld, %s): %s", due, ombudsman_compliance_name(oc),
                  done[0] ? " " : "", done, (long long)o->action_id, o->owner_login, o->text);
         case_wrap(cs, lab, text, theme_class(cls), width);
      }
   }
   ombudsman_free_list(list, n);
}

/* Where the one-question satisfaction survey of the case stands (seed 004). */
static void case_build_survey(CaseScreen *cs, App *app, int width) {
   SurveyStatus v;
   RdError err;
   char text[600];
   if (survey_status(app_session(app), cs->c.ref, &v, &err) != RD_OK) {
      case_wrap(cs, "Survey", err.message, theme_style(STYLE_ERROR), width);
      return;
   }
   survey_status_words(&v, app_today(app), text, sizeof text);
   case_wrap(cs, "Survey", text, A_NORMAL, width);
}

static void case_build_lessons(CaseScreen *cs, App *app, int width) {
   LearningFilter f = { RD_NO_DATE, RD_NO_DATE, cs->c.id };
   Lesson *list = NULL;
   size_t n = 0;
   RdError err;
   if (learning_list(app_session(app), &f, &list, &n, &err) != RD_OK) {
      case_wrap(cs, "Lessons", err.message, theme_style(STYLE_ERROR), width);
      return;
   }
   if (n == 0)
      case_wrap(cs, "Lessons", "none recorded", A_NORMAL, width);
   for (size_t i = 0; i < n; i++) {
      char when[17], text[2048];
      case_local(list[i].recorded_at, when);
      snprintf(text, sizeof text, "%s %s: %s; improvement: %s", when, list[i].recorded_by, list[i].lesson,
               list[i].improvement);
      case_wrap(cs, i == 0 ? "Lessons" : "", text, A_NORMAL, width);
   }
   learning_free_list(list, n);
}

static void case_build_records(CaseScreen *cs, App *app, int width) {
   case_rule(cs, "Ombudsman, survey and lessons learned");
   case_build_ombudsman(cs, app, width);
   case_build_survey(cs, app, width);
   case_build_lessons(cs, app, width);
}

static void case_build_timeline(CaseScreen *cs, App *app, int width) {
   case_rule(cs, "Timeline");
   TimelineEntry *t = NULL;
   size_t n = 0;
   RdError err;
   if (casefile_timeline(app_session(app)->store, cs->c.id, &t, &n, &err) != RD_OK) {
      case_add(cs, "", A_NORMAL, err.message, theme_style(STYLE_ERROR));
      return;
   }
   for (size_t i = 0; i < n; i++) {
      char when[17], text[2048];
      case_local(t[i].at, when);
      if (t[i].kind == TIMELINE_EVENT)
         snprintf(text, sizeof text, "%s %s: %s", t[i].who, t[i].what, t[i].detail);
      else if (t[i].kind == TIMELINE_NOTE)
         snprintf(text, sizeof text, "%s note: %s", t[i].who, t[i].detail);
      else
         snprintf(text, sizeof text, "%s contact %s resident by %s: %s", t[i].who,
                  t[i].kind == TIMELINE_CONTACT_IN ? "from" : "to", t[i].what, t[i].detail);
      case_wrap(cs, when, text, A_NORMAL, width);
   }
   casefile_timeline_free(t, n);
}

/* Who complains, with what staff must not miss first: restrictions on contact,
 * reasonable adjustments, vulnerabilities, people not to be contacted. */
static void case_build_person(CaseScreen *cs, App *app, int width) {
   Session *s = app_session(app);
   const Complaint *c = &cs->c;
   Person p;
   RdError err;
   if (c->anonymous || !c->person_id || person_get(s->store, c->person_id, &p, &err) != RD_OK) {
      case_wrap(cs, "Complainant", c->anonymous ? "(anonymous: no response can be sent)" : "(not recorded)", A_BOLD,
                width);
      return;
   }
   char buf[1200];
   snprintf(buf, sizeof buf, "%s (%s)", p.name, person_kind_name(p.kind));
   case_wrap(cs, "Complainant", buf, A_BOLD, width);
   char *text = NULL;
   if (person_restriction_warning(s->store, p.id, app_today(app), &text, &err) == RD_OK && text)
      case_wrap_as(cs, "! Restriction", theme_style(STYLE_WARN), text, theme_style(STYLE_WARN), width);
   free(text);
   Adjustment *adj = NULL;
   size_t n = 0;
   if (adjustment_list(s->store, p.id, false, &adj, &n, &err) == RD_OK) {
      for (size_t i = 0; i < n; i++) {
         char review[RD_DATE_BUFSIZE];
         datetime_format_date(adj[i].review_on, review);
         snprintf(buf, sizeof buf, "%s: %s (review by %s)", adjustment_kind_name(adj[i].kind), adj[i].detail, review);
         case_wrap_as(cs, i == 0 ? "! Adjustments" : "", theme_style(STYLE_WARN), buf, theme_style(STYLE_WARN), width);
      }
   }
   adjustment_free_list(adj, n);
   if (*p.vulnerabilities)
      case_wrap_as(cs, "! Vulnerable", theme_style(STYLE_WARN), p.vulnerabilities, theme_style(STYLE_WARN), width);
   if (*p.do_not_contact)
      case_wrap_as(cs, "! Do not contact", theme_style(STYLE_WARN), p.do_not_contact, theme_style(STYLE_WARN), width);
   char *why = NULL;
   if (!person_eligibility(&p, datetime_local_date(c->received_at), &why))
      case_wrap_as(cs, "! Eligibility", theme_style(STYLE_WARN), why, theme_style(STYLE_WARN), width);
   free(why);
   if (*p.tenancy_ref)
      case_wrap(cs, "Tenancy", p.tenancy_ref, A_NORMAL, width);
   snprintf(buf, sizeof buf, "%s%s%s%s%s%s%s", p.phone, *p.phone && *p.email ? ", " : "", p.email,
            *p.preferred_contact ? " (prefers " : "", p.preferred_contact, *p.preferred_contact ? ")" : "",
            !*p.phone && !*p.email ? "-" : "");
   case_wrap(cs, "Contact", buf, A_NORMAL, width);
   if (*p.address)
      case_wrap(cs, "Address", p.address, A_NORMAL, width);
   Representative *reps = NULL;
   size_t nr = 0;
   if (representative_list(s->store, p.id, &reps, &nr, &err) == RD_OK) {
      for (size_t i = 0; i < nr; i++) {
         snprintf(buf, sizeof buf, "%s (%s%s%s): %s", reps[i].name, relationship_name(reps[i].relationship),
                  *reps[i].organisation ? ", " : "", reps[i].organisation, reps[i].authority);
         case_wrap(cs, i == 0 ? "Representative" : "", buf, A_NORMAL, width);
      }
   }
   representative_free_list(reps, nr);
   person_clear(&p);
}

static void case_build(CaseScreen *cs, App *app) {
   Session *s = app_session(app);
   int width = COLS - 18;
   case_free_lines(cs);
   cs->built_width = COLS;
   const Complaint *c = &cs->c;
   char buf[600], when[17], day[RD_DATE_BUFSIZE];
   case_build_person(cs, app, width);
   case_local(c->received_at, when);
   snprintf(buf, sizeof buf, "%s by %s%s", when, c->channel ? c->channel : "?", c->confidential ? "; confidential" : "");
   case_wrap(cs, "Received", buf, A_NORMAL, width);
   datetime_format_date(c->incident_on, day);
   snprintf(buf, sizeof buf, "%s%s%s%s", day[0] ? day : "not known", c->out_of_time ? "; older than the time limit" : "",
            c->accepted_late_reason ? ", accepted because: " : "", c->accepted_late_reason ? c->accepted_late_reason : "");
   case_wrap(cs, "Incident", buf, c->out_of_time ? theme_style(STYLE_WARN) : A_NORMAL, width);
   case_wrap(cs, "Category", c->category, A_NORMAL, width);
   case_wrap(cs, "Summary", c->summary, A_NORMAL, width);
   if (c->outcome_sought && *c->outcome_sought)
      case_wrap(cs, "Outcome sought", c->outcome_sought, A_NORMAL, width);
   if (c->about_staff_id || (c->about_team && *c->about_team)) {
      char who[200];
      snprintf(buf, sizeof buf, "%s%s%s", c->about_staff_id ? case_staff_name(s, c->about_staff_id, who, sizeof who) : "",
               c->about_staff_id && c->about_team && *c->about_team ? "; team " : "", c->about_team ? c->about_team : "");
      case_wrap(cs, "About", buf, A_NORMAL, width);
   }
   if (c->kind == KIND_EXCLUDED) {
      snprintf(buf, sizeof buf, "%s: %s", c->exclusion_code ? c->exclusion_code : "", c->exclusion_detail ? c->exclusion_detail : "");
      case_wrap(cs, "Excluded", buf, theme_style(STYLE_WARN), width);
   }
   if (c->closed_at != RD_NO_INSTANT) {
      case_local(c->closed_at, when);
      snprintf(buf, sizeof buf, "%s as %s%s%s", when, complaint_close_reason_name(c->close_reason),
               c->close_note && *c->close_note ? ": " : "", c->close_note ? c->close_note : "");
      case_wrap(cs, "Closed", buf, A_BOLD, width);
   }
   case_build_stage(cs, app, 1, width);
   if (c->stages[1].present || c->stage == 2)
      case_build_stage(cs, app, 2, width);
   case_build_actions(cs, app, width);
   case_build_records(cs, app, width);
   case_build_timeline(cs, app, width);
   ui_list_set_count(&cs->body, cs->nlines);
}

/* --- reading ----------------------------------------------------------------------------- */

/* Opening a case is a view of it (refused, or recorded, when it is confidential); reading
 * it again after a change is not another one, or two people on one confidential case would
 * record each other's refreshes without end. */
static bool case_load(CaseScreen *cs, App *app, bool opening) {
   Session *s = app_session(app);
   RdError err;
   Complaint fresh;
   complaint_init(&fresh);
   RdStatus st = opening ? complaint_view(s, cs->ref, &fresh, &err) : complaint_get(s, cs->ref, &fresh, &err);
   if (st != RD_OK) {
      complaint_clear(&fresh);
      app_error(app, "%s", err.message);
      return false;
   }
   complaint_clear(&cs->c);
   cs->c = fresh;
   if (cs->have_row)
      queue_row_clear(&cs->row);
   queue_set_today(cs->q, app_today(app));
   cs->have_row = queue_read_case(cs->q, cs->c.id, &cs->row, &err) == RD_OK;
   case_build(cs, app);
   return true;
}

static int case_threshold(void *ctx, const char *policy) {
   Session *s = ctx;
   Policy p;
   if (!*policy || strcmp(policy, s->policy.name) == 0 || session_policy(s, policy, &p, NULL) != RD_OK)
      return s->policy.due_soon_days;
   return p.due_soon_days;
}

static bool case_key(Screen *sc, App *app, int key);
static void case_offer_letter(CaseScreen *cs, const char *step);

static void case_open(Screen *sc, App *app, const void *arg) {
   const CaseOpen *how = arg;
   Session *s = app_session(app);
   CaseScreen *cs = xcalloc(1, sizeof *cs);
   sc->state = cs;
   str_copy(cs->ref, how->ref, sizeof cs->ref);
   complaint_init(&cs->c);
   cs->q = queue_new(s->store, s->calendar, s->config->division, case_threshold, s);
   ui_list_init(&cs->body);
   ui_list_init(&cs->pick);
   ui_list_init(&cs->letters);
   if (!case_load(cs, app, true)) {
      app_pop(app);
      return;
   }
   if (how->after)
      case_offer_letter(cs, how->after);
   if (how->then_key)
      case_key(sc, app, how->then_key);
}

static void case_close_form(CaseScreen *cs) {
   if (cs->form) {
      ui_form_free(cs->form);
      free(cs->form);
      cs->form = NULL;
   }
   free(cs->exclusions);
   cs->exclusions = NULL;
   cs->step = STEP_NONE;
}

static void case_close_picker(CaseScreen *cs) {
   staff_free_list(cs->staff, cs->nstaff);
   free(cs->why);
   cs->staff = NULL;
   cs->why = NULL;
   cs->nstaff = 0;
   cs->picking = false;
}

static void case_close(Screen *sc, App *app) {
   (void)app;
   CaseScreen *cs = sc->state;
   case_close_form(cs);
   case_close_picker(cs);
   case_free_lines(cs);
   complaint_clear(&cs->c);
   if (cs->have_row)
      queue_row_clear(&cs->row);
   queue_free(cs->q);
   ui_list_free(&cs->body);
   ui_list_free(&cs->pick);
   ui_list_free(&cs->letters);
   free(cs);
}

/* --- drawing ----------------------------------------------------------------------------- */

static void case_row(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   (void)selected;
   const CaseLine *l = &((CaseScreen *)ctx)->lines[index];
   if (l->whole) {
      ui_line_add(line, l->label, width, l->label_attr);
      return;
   }
   ui_line_add(line, l->label, 17, l->label_attr);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, l->text, width - 18, l->text_attr);
}

static void case_draw_head(CaseScreen *cs, App *app) {
   (void)app;
   UiLine line;
   char text[256], right[160];
   ui_line_start(&line, A_NORMAL);
   snprintf(text, sizeof text, "%s  %s%s%s", cs->c.ref, cs->have_row ? cs->row.complainant : "",
            cs->have_row && cs->row.tenancy_ref[0] ? "  " : "", cs->have_row ? cs->row.tenancy_ref : "");
   /* A closed case's reason goes on the next line, leaving room here for the name. */
   bool open = complaint_is_open(&cs->c);
   snprintf(right, sizeof right, "%s, stage %d: %s", complaint_kind_name(cs->c.kind), cs->c.stage,
            !open ? "closed" : cs->have_row ? cs->row.status : "");
   int rw = ui_text_width(right);
   ui_line_add(&line, text, COLS - rw - 1 > 0 ? COLS - rw - 1 : 0, A_BOLD);
   ui_line_add(&line, " ", 1, A_NORMAL);
   ui_line_add(&line, right, -1, A_NORMAL);
   ui_line_pad(&line, COLS, A_NORMAL);
   ui_line_show(1, 0, &line, &cs->head_cache[0]);
   ui_line_start(&line, A_NORMAL);
   if (cs->have_row && cs->row.next != QUEUE_NEXT_NONE) {
      char due[RD_DATE_BUFSIZE], next[160];
      datetime_format_date(cs->row.due, due);
      attr_t a = cs->row.due != RD_NO_DATE ? theme_class(cs->row.cls) : A_NORMAL;
      ui_line_add(&line, cs->row.due != RD_NO_DATE ? theme_marker(cs->row.cls) : "  ", 2, a);
      if (cs->row.due == RD_NO_DATE)
         snprintf(next, sizeof next, " Next: %s, date to be agreed", queue_next_label(cs->row.next, cs->row.stage));
      else
         snprintf(next, sizeof next, " Next: %s due %s, %d working days %s [%s]",
                  queue_next_label(cs->row.next, cs->row.stage), due,
                  cs->row.days_left < 0 ? -cs->row.days_left : cs->row.days_left,
                  cs->row.days_left < 0 ? "overdue" : "left", timer_class_name(cs->row.cls));
      ui_line_add(&line, next, -1, a);
   } else if (open) {
      ui_line_add(&line, "   Nothing is due on a clock now", -1, A_NORMAL);
   } else {
      char when[17], closed[160];
      case_local(cs->c.closed_at, when);
      snprintf(closed, sizeof closed, "   Closed %s as %s", when, complaint_close_reason_name(cs->c.close_reason));
      ui_line_add(&line, closed, -1, A_NORMAL);
   }
   ui_line_pad(&line, COLS, A_NORMAL);
   ui_line_show(2, 0, &line, &cs->head_cache[1]);
}

/* Columns of the handler picker: name and login, team, grade, then why not (the whole
 * reason of the chosen row goes on the status line, case_pick_say). */
#define PICK_NAME_COLS 30
#define PICK_TEAM_COLS 19
#define PICK_GRADE_COLS 9

static void case_pick_row(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   (void)selected;
   CaseScreen *cs = ctx;
   const Staff *st = &cs->staff[index];
   bool ok = cs->why[index][0] == '\0';
   attr_t dim = ok ? A_NORMAL : theme_style(STYLE_DIM);
   char text[160];
   ui_line_add(line, ok ? " + " : " x ", 3, ok ? theme_style(STYLE_KEY) : dim);
   snprintf(text, sizeof text, "%s (%s)", st->full_name, st->login);
   ui_line_add(line, text, PICK_NAME_COLS - 1, ok ? A_BOLD : dim);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, *st->team ? st->team : "no team", PICK_TEAM_COLS - 1, dim);
   ui_line_add(line, " ", 1, A_NORMAL);
   snprintf(text, sizeof text, "grade %d", st->grade);
   ui_line_add(line, text, PICK_GRADE_COLS, dim);
   int rest = width - 3 - PICK_NAME_COLS - PICK_TEAM_COLS - PICK_GRADE_COLS;
   ui_line_add(line, ok ? "qualifies" : cs->why[index], rest > 0 ? rest : 0, dim);
}

/* The chosen person's standing in full, which the row may have had to cut. */
static void case_pick_say(CaseScreen *cs, App *app) {
   if (cs->pick.selected < 0)
      return;
   size_t i = (size_t)cs->pick.selected;
   if (cs->why[i][0])
      app_message(app, "%s %s", cs->staff[i].full_name, cs->why[i]);
   else
      app_message(app, "%s qualifies to handle stage %d: Enter assigns", cs->staff[i].full_name, cs->pick_stage);
}

static void case_letter_row(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   (void)selected;
   CaseScreen *cs = ctx;
   const char *why = cs->kind_why[index];
   bool ok = why[0] == '\0';
   size_t reflen = strlen(cs->c.ref);
   if (strncmp(why, cs->c.ref, reflen) == 0 && why[reflen] == ' ')
      why += reflen + 1;   /* the title above names the case */
   ui_line_add(line, ok ? " + " : " x ", 3, ok ? theme_style(STYLE_KEY) : theme_style(STYLE_DIM));
   ui_line_add(line, letter_kind_title(cs->kinds[index]), 30, ok ? A_BOLD : theme_style(STYLE_DIM));
   ui_line_add(line, ok ? "fits the case as it stands" : why, width - 33, ok ? A_NORMAL : theme_style(STYLE_DIM));
}

/* The letter offered after a step, on the body's last row while it stands. */
static void case_draw_offer(CaseScreen *cs, int y) {
   char what[160];
   snprintf(what, sizeof what, ": write the %s letter to the outbox", letter_kind_title(cs->offer));
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, " l", -1, theme_style(STYLE_KEY));
   ui_line_add(&line, what, -1, A_BOLD);
   ui_line_pad(&line, COLS, A_NORMAL);
   ui_line_show(y, 0, &line, &cs->offer_cache);
}

static void case_draw(Screen *sc, App *app, bool full) {
   CaseScreen *cs = sc->state;
   if (full || cs->built_width != COLS) {
      if (cs->built_width != COLS)
         case_build(cs, app);
      ui_list_forget(&cs->body);
      ui_list_forget(&cs->pick);
      ui_list_forget(&cs->letters);
      cs->offer_cache.valid = false;
      cs->head_cache[0].valid = cs->head_cache[1].valid = false;
      if (cs->form)
         ui_form_forget(cs->form);
   }
   case_draw_head(cs, app);
   int bottom = app_body_bottom(app);
   if (cs->form) {
      int h = ui_form_height(cs->form, COLS);
      int top = bottom - h + 1;
      if (top < 3)
         top = 3;
      ui_list_place(&cs->body, 3, 0, top - 3, COLS);
      cs->body.selected = -1;
      ui_list_draw(&cs->body, case_row, cs);
      ui_form_draw(cs->form, top, COLS);
      if (cs->form->cursor_y >= 0)
         app_cursor(app, cs->form->cursor_y, cs->form->cursor_x);
      cs->offer_cache.valid = false;
      return;
   }
   if (cs->picking) {
      char title[200];
      snprintf(title, sizeof title, "Assign the stage %d handler of %s: Enter assigns, Esc cancels", cs->pick_stage,
               cs->c.ref);
      ui_put(3, 0, title, COLS, theme_style(STYLE_HEADER));
      ui_list_place(&cs->pick, 4, 0, bottom - 3, COLS);
      ui_list_draw(&cs->pick, case_pick_row, cs);
      cs->offer_cache.valid = false;
      return;
   }
   if (cs->choosing_letter) {
      char title[200];
      snprintf(title, sizeof title, "Write a letter for %s to the outbox: Enter writes it, Esc cancels", cs->c.ref);
      ui_put(3, 0, title, COLS, theme_style(STYLE_HEADER));
      ui_list_place(&cs->letters, 4, 0, bottom - 3, COLS);
      ui_list_draw(&cs->letters, case_letter_row, cs);
      cs->offer_cache.valid = false;
      return;
   }
   ui_list_place(&cs->body, 3, 0, bottom - 2 - (cs->offering ? 1 : 0), COLS);
   cs->body.selected = -1;
   ui_list_draw(&cs->body, case_row, cs);
   if (cs->offering)
      case_draw_offer(cs, bottom);
   else
      cs->offer_cache.valid = false;
}

/* --- forms ------------------------------------------------------------------------------- */

static bool case_check_date(UiForm *f, int field, const char *value, char *why, size_t size) {
   (void)f;
   (void)field;
   RdDate d;
   RdError err;
   if (!*value)
      return true;
   if (datetime_parse_date(value, &d, &err) != RD_OK) {
      snprintf(why, size, "%s", err.message);
      return false;
   }
   return true;
}

static RdDate case_date(const char *value) {
   RdDate d;
   return *value && datetime_parse_date(value, &d, NULL) == RD_OK ? d : RD_NO_DATE;
}

/* The new response date must be a later working day than the one in force. */
static bool case_check_extension(UiForm *f, int field, const char *value, char *why, size_t size) {
   CaseScreen *cs = f->ctx;
   if (!case_check_date(f, field, value, why, size))
      return false;
   RdDate d = case_date(value);
   const StageRecord *st = complaint_current_stage(&cs->c);
   RdDate current = st->extended_to != RD_NO_DATE ? st->extended_to : st->response_due;
   if (d != RD_NO_DATE && current != RD_NO_DATE && d <= current) {
      char cur[RD_DATE_BUFSIZE];
      datetime_format_date(current, cur);
      snprintf(why, size, "the new date must be after the current response date %s", cur);
      return false;
   }
   return true;
}

static bool case_check_money(UiForm *f, int field, const char *value, char *why, size_t size) {
   (void)f;
   (void)field;
   int64_t pence;
   RdError err;
   if (!*value)
      return true;
   if (remedy_parse_pounds(value, &pence, &err) != RD_OK) {
      snprintf(why, size, "%s", err.message);
      return false;
   }
   return true;
}

static UiForm *case_new_form(CaseScreen *cs, const char *title) {
   UiForm *f = xmalloc(sizeof *f);
   ui_form_init(f, title, cs);
   return f;
}

/* The exclusion reason only when excluding; a reason to accept late only when the incident
 * is outside the policy's window and the case is being accepted. */
static void case_triage_visibility(UiForm *f) {
   const CaseScreen *cs = f->ctx;
   bool excluded = strcmp(ui_form_value(f, 0), "excluded") == 0;
   f->fields[1].hidden = !excluded;
   f->fields[3].hidden = excluded || !cs->c.out_of_time;
   f->fields[2].label = strcmp(ui_form_value(f, 0), "quick") == 0 ? "What was done" : "Detail";
}

/* A remedy of the case done or paid: the first outstanding one offered, the others named in
 * the note; false (and why) when none is outstanding. */
static bool case_open_remedy_done_form(CaseScreen *cs, App *app, UiForm **out, char *title, size_t title_size,
                                       char *note, size_t note_size) {
   Remedy *list = NULL;
   size_t n = 0;
   RdError err;
   if (remedy_list(app_session(app), cs->c.id, &list, &n, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return false;
   }
   char first[24] = "";
   size_t used = (size_t)snprintf(note, note_size, "Outstanding:"), listed = 0;
   for (size_t i = 0; i < n; i++) {
      if (list[i].done_on != RD_NO_DATE)
         continue;
      if (!listed++)
         snprintf(first, sizeof first, "%lld", (long long)list[i].id);
      if (used < note_size)
         used += (size_t)snprintf(note + used, note_size - used, "%s #%lld %s", listed > 1 ? ";" : "",
                                  (long long)list[i].id, remedy_kind_name(list[i].kind));
   }
   remedy_free_list(list, n);
   if (!listed) {
      app_error(app, "%s has no remedy outstanding: m records one", cs->c.ref);
      return false;
   }
   snprintf(title, title_size, "A remedy of %s done or paid", cs->c.ref);
   UiForm *f = case_new_form(cs, title);
   ui_form_text(f, "Remedy number", first, true, NULL);
   ui_form_text(f, "Done on (date)", "", false, case_check_date);
   *out = f;
   return true;
}

static bool case_has_remedy(Session *s, int64_t complaint_id, long long id) {
   Remedy *list = NULL;
   size_t n = 0;
   bool found = false;
   if (remedy_list(s, complaint_id, &list, &n, NULL) == RD_OK)
      for (size_t i = 0; i < n && !found; i++)
         found = list[i].id == id;
   remedy_free_list(list, n);
   return found;
}

/* The resident's details, as stored now, in a form; false (and why) when the case has no
 * resident or the record cannot be read. */
static bool case_open_person_form(CaseScreen *cs, App *app, UiForm **out, char *title, size_t title_size, char *note,
                                  size_t note_size) {
   if (!cs->c.person_id) {
      app_error(app, "%s is anonymous: there is no resident's record to change", cs->c.ref);
      return false;
   }
   Person p;
   person_init(&p);
   RdError err;
   if (person_get(app_session(app)->store, cs->c.person_id, &p, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return false;
   }
   const char *const *methods = case_contact_options();
   int method = 0;
   for (int i = 1; methods[i]; i++)
      if (strcmp(p.preferred_contact, methods[i]) == 0)
         method = i;
   snprintf(title, title_size, "Contact details of %s", p.name);
   UiForm *f = case_new_form(cs, title);
   ui_form_text(f, "Phone", p.phone, false, NULL);
   ui_form_text(f, "Email", p.email, false, NULL);
   ui_form_text(f, "Address", p.address, false, NULL);
   ui_form_choice(f, "Prefers", methods, method);
   ui_form_text(f, "Vulnerabilities", p.vulnerabilities, false, NULL);
   snprintf(note, note_size, "Reasonable adjustments: s; contact restrictions (a manager): 'redress person "
            "restrict'");
   cs->person_version = p.version;
   person_clear(&p);
   *out = f;
   return true;
}

/* The kinds of reasonable adjustment, for the form's choice. */
static const char *const *case_adjustment_kinds(void) {
   static const char *kinds[ADJUST_KIND_COUNT + 1];
   if (!kinds[0])
      for (int i = 0; i < ADJUST_KIND_COUNT; i++)
         kinds[i] = adjustment_kind_name((AdjustmentKind)i);
   return kinds;
}

/* A reasonable adjustment for the case's resident (Code 3.1): what will be done, reviewed by
 * a date to come (six months on, to start with). */
static bool case_open_adjust_form(CaseScreen *cs, App *app, UiForm **out, char *title, size_t title_size, char *note,
                                  size_t note_size) {
   if (!cs->c.person_id) {
      app_error(app, "%s is anonymous: there is no resident to record an adjustment for", cs->c.ref);
      return false;
   }
   char review[RD_DATE_BUFSIZE];
   datetime_format_date(datetime_add_months(app_today(app), 6), review);
   snprintf(title, title_size, "A reasonable adjustment for the resident of %s", cs->c.ref);
   UiForm *f = case_new_form(cs, title);
   ui_form_choice(f, "Kind", case_adjustment_kinds(), 0);
   ui_form_text(f, "What will be done", "", true, NULL);
   ui_form_text(f, "Review by (date)", review, true, case_check_date);
   snprintf(note, note_size, "Kept under review (Code 3.1): shown first on every case of theirs, and large print "
            "changes their letters");
   *out = f;
   return true;
}

/* The kinds of representative, for the form's choice. */
static const char *const *case_relationships(void) {
   static const char *kinds[REL_COUNT + 1];
   if (!kinds[0])
      for (int i = 0; i < REL_COUNT; i++)
         kinds[i] = relationship_name((Relationship)i);
   return kinds;
}

/* Someone acting for the case's resident, with the authority the resident gave. */
static bool case_open_represent_form(CaseScreen *cs, App *app, UiForm **out, char *title, size_t title_size,
                                     char *note, size_t note_size) {
   if (!cs->c.person_id) {
      app_error(app, "%s is anonymous: there is no resident for anyone to act for", cs->c.ref);
      return false;
   }
   snprintf(title, title_size, "Someone acting for the resident of %s", cs->c.ref);
   UiForm *f = case_new_form(cs, title);
   ui_form_text(f, "Name", "", true, NULL);
   ui_form_choice(f, "Relationship", case_relationships(), 0);
   ui_form_text(f, "Authority given by", "", true, NULL);
   ui_form_text(f, "Organisation", "", false, NULL);
   ui_form_text(f, "Phone", "", false, NULL);
   ui_form_text(f, "Email", "", false, NULL);
   snprintf(note, note_size, "How the resident gave their authority (\"signed consent form\", \"told us by phone\"); "
            "an MP's or a councillor's complaint is not fast-tracked (seed 002 2.7)");
   *out = f;
   return true;
}

static RdStatus case_save_representative(CaseScreen *cs, App *app, RdError *err) {
   Session *s = app_session(app);
   const UiForm *f = cs->form;
   Representative r;
   representative_init(&r);
   r.person_id = cs->c.person_id;
   r.relationship = (Relationship)ui_form_choice_index(f, 1);
   char **texts[] = { &r.name, NULL, &r.authority, &r.organisation, &r.phone, &r.email };
   for (int i = 0; i < 6; i++) {
      if (!texts[i])
         continue;
      free(*texts[i]);
      *texts[i] = xstrdup(ui_form_value(f, i));
   }
   RdStatus st = representative_add(s->store, &s->me, &r, err);
   representative_clear(&r);
   return st;
}

static RdStatus case_save_adjustment(CaseScreen *cs, App *app, RdError *err) {
   Session *s = app_session(app);
   Adjustment a;
   adjustment_init(&a);
   a.person_id = cs->c.person_id;
   a.kind = (AdjustmentKind)ui_form_choice_index(cs->form, 0);
   a.detail = xstrdup(ui_form_value(cs->form, 1));
   a.review_on = case_date(ui_form_value(cs->form, 2));
   RdStatus st = adjustment_add(s->store, &s->me, &a, err);
   adjustment_clear(&a);
   return st;
}

/* After someone else saved the resident's record: the version to save over now. */
static void case_person_reread(CaseScreen *cs, App *app) {
   Person p;
   person_init(&p);
   RdError err;
   if (person_get(app_session(app)->store, cs->c.person_id, &p, &err) == RD_OK)
      cs->person_version = p.version;
   person_clear(&p);
}

/* Stores the details form over the record as it was read when the form opened. */
static RdStatus case_save_person(CaseScreen *cs, App *app, RdError *err) {
   Session *s = app_session(app);
   const UiForm *f = cs->form;
   Person p;
   person_init(&p);
   RdStatus st = person_get(s->store, cs->c.person_id, &p, err);
   if (st == RD_OK) {
      char **typed[] = { &p.phone, &p.email, &p.address };   /* the form's first three fields */
      for (int i = 0; i < 3; i++) {
         free(*typed[i]);
         *typed[i] = xstrdup(ui_form_value(f, i));
      }
      int method = ui_form_choice_index(f, 3);
      free(p.preferred_contact);
      p.preferred_contact = xstrdup(method > 0 ? case_contact_options()[method] : "");
      free(p.vulnerabilities);
      p.vulnerabilities = xstrdup(ui_form_value(f, 4));
      p.version = cs->person_version;
      st = person_update(s->store, &s->me, &p, err);
   }
   person_clear(&p);
   return st;
}

static bool case_open_form(CaseScreen *cs, App *app, CaseStep step) {
   Session *s = app_session(app);
   const StageRecord *st = complaint_current_stage(&cs->c);
   UiForm *f = NULL;
   char note[512] = "", title[128];
   switch (step) {
   case STEP_TRIAGE: {
      snprintf(title, sizeof title, "Triage %s", cs->c.ref);
      f = case_new_form(cs, title);
      size_t n = s->config->exclusion_count;
      cs->exclusions = xcalloc(n + 2, sizeof *cs->exclusions);
      for (size_t i = 0; i < n; i++)
         cs->exclusions[i] = s->config->exclusions[i].code;
      if (n == 0)
         cs->exclusions[0] = "none-configured";
      ui_form_choice(f, "Triage as", triage_options, 0);
      ui_form_choice(f, "Exclusion reason", (const char *const *)cs->exclusions, 0);
      ui_form_text(f, "Detail", "", false, NULL);
      ui_form_text(f, "Accept late because", "", false, NULL);
      case_triage_visibility(f);
      if (cs->c.out_of_time)
         snprintf(note, sizeof note, "The incident is older than the policy's time limit: give a reason to accept it, "
                  "or exclude it as out-of-time");
      break;
   }
   case STEP_ACK: {
      snprintf(title, sizeof title, "Acknowledge stage %d of %s", cs->c.stage, cs->c.ref);
      f = case_new_form(cs, title);
      /* Stage 2 starts from stage 1's definition, to be made what the resident still disputes. */
      const char *start = cs->c.stage == 2 && cs->c.stages[0].definition ? cs->c.stages[0].definition : "";
      ui_form_text(f, "Definition", start, true, NULL);
      ui_form_text(f, "Agreed response date", "", false, case_check_date);
      if (cs->c.stage == 2)
         snprintf(note, sizeof note, "Stage 1's definition, to edit into what the resident is still unhappy about "
                  "and the outcome sought (Code 6.11)");
      else
         snprintf(note, sizeof note, "The definition says what the complaint is about and the outcome sought "
                  "(Code 6.2); an agreed date only where the policy agrees dates with the resident");
      break;
   }
   case STEP_EXTEND: {
      snprintf(title, sizeof title, "Extend the stage %d response of %s", cs->c.stage, cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_text(f, "New response date", "", true, case_check_extension);
      ui_form_text(f, "Reason", "", true, NULL);
      ui_form_yesno(f, "Resident told", false);
      ui_form_text(f, "Good reason (beyond limit)", "", false, NULL);
      char lim[RD_DATE_BUFSIZE];
      datetime_format_date(st->extension_limit, lim);
      snprintf(note, sizeof note, "Tell the resident the reason, the new date and the Ombudsman's details first "
               "(Code 6.5).%s%s%s", lim[0] ? " The policy allows up to " : "", lim, lim[0] ? "; beyond it only a "
               "manager, with a good reason." : "");
      break;
   }
   case STEP_RESPOND: {
      snprintf(title, sizeof title, "Respond at stage %d of %s", cs->c.stage, cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_choice(f, "Decision", decision_options, 0);
      ui_form_text(f, "Reasons", "", true, NULL);
      ui_form_yesno(f, "No remedy offered", false);
      ui_form_yesno(f, "No outstanding actions", false);
      snprintf(note, sizeof note, "Record remedies (m) and outstanding actions (o) first, or say there are none "
               "(Code 6.6, 7.1)");
      break;
   }
   case STEP_REMEDY: {
      snprintf(title, sizeof title, "Record a remedy at stage %d of %s", cs->c.stage, cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_choice(f, "Kind", remedy_options, 0);
      ui_form_text(f, "What will happen", "", true, NULL);
      ui_form_text(f, "Amount (pounds)", "", false, case_check_money);
      ui_form_text(f, "By (date)", "", false, case_check_date);
      break;
   }
   case STEP_ACTION: {
      snprintf(title, sizeof title, "Add an outstanding action to %s", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_text(f, "What", "", true, NULL);
      ui_form_text(f, "Owner (login)", s->me.login, true, NULL);
      ui_form_text(f, "Due (date)", "", true, case_check_date);
      break;
   }
   case STEP_ESCALATE: {
      snprintf(title, sizeof title, "Record a request to escalate %s to stage 2", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_text(f, "What they said", "", false, NULL);
      ui_form_text(f, "Accept late because", "", false, NULL);
      snprintf(note, sizeof note, "No reason is needed to escalate (Code 6.12); outside the policy's window a manager "
               "decides and records why");
      break;
   }
   case STEP_DECLINE: {
      snprintf(title, sizeof title, "Decline the escalation of %s", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_text(f, "Reason", "", true, NULL);
      snprintf(note, sizeof note, "The reason is written to the resident with their right to go to the Housing "
               "Ombudsman (Code 2.4)");
      break;
   }
   case STEP_CLOSE: {
      snprintf(title, sizeof title, "Close %s", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_choice(f, "Reason", close_options, cs->c.stage == 2 ? 1 : 0);
      ui_form_text(f, "Note", "", false, NULL);
      break;
   }
   case STEP_CONTACT: {
      snprintf(title, sizeof title, "Record a contact or note on %s", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_choice(f, "Direction", direction_options, 0);
      ui_form_choice(f, "Channel", channel_options, 0);
      ui_form_text(f, "What was said or done", "", true, NULL);
      break;
   }
   case STEP_CONFLICT: {
      snprintf(title, sizeof title, "Declare a conflict of interest on %s", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_text(f, "Staff login", "", true, NULL);
      ui_form_text(f, "Reason", "", true, NULL);
      snprintf(note, sizeof note, "A declared conflict keeps that person from handling this case (seed 001)");
      break;
   }
   case STEP_REMEDY_DONE:
      if (!case_open_remedy_done_form(cs, app, &f, title, sizeof title, note, sizeof note))
         return false;
      break;
   case STEP_SURVEY:
      snprintf(title, sizeof title, "The satisfaction survey of %s", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_choice(f, "Record", survey_options, 0);
      ui_form_text(f, "On (date)", "", false, case_check_date);
      snprintf(note, sizeof note, "One question: were they satisfied with how the complaint was handled? A date "
               "left empty is today (seed 004)");
      break;
   case STEP_REPRESENT:
      if (!case_open_represent_form(cs, app, &f, title, sizeof title, note, sizeof note))
         return false;
      break;
   case STEP_ADJUST:
      if (!case_open_adjust_form(cs, app, &f, title, sizeof title, note, sizeof note))
         return false;
      break;
   case STEP_PERSON:
      if (!case_open_person_form(cs, app, &f, title, sizeof title, note, sizeof note))
         return false;
      break;
   case STEP_ISSUE: {
      snprintf(title, sizeof title, "A further issue raised on %s", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_text(f, "The new issue", "", true, NULL);
      ui_form_yesno(f, "Related to this one", true);
      snprintf(note, sizeof note, "A related issue raised before the stage 1 response is folded into it; "
               "otherwise it is logged as a new complaint linked to this one (seed 001)");
      break;
   }
   case STEP_REOPEN: {
      snprintf(title, sizeof title, "Reopen %s", cs->c.ref);
      f = case_new_form(cs, title);
      ui_form_text(f, "Reason", "", true, NULL);
      ui_form_text(f, "Ombudsman order ref", "", false, NULL);
      snprintf(note, sizeof note, "A manager reopens a closed case; anyone handling complaints may when the "
               "Housing Ombudsman has ordered it (the reference of the referral recorded on this case)");
      break;
   }
   default:
      return false;
   }
   str_copy(f->note, note, sizeof f->note);
   cs->form = f;
   cs->step = step;
   cs->form_version = cs->c.version;
   return true;
}

static RdStatus case_save_form(CaseScreen *cs, App *app, RdError *err, char *done, size_t done_size) {
   Session *s = app_session(app);
   UiForm *f = cs->form;
   const char *ref = cs->c.ref;
   int v = cs->form_version;
   switch (cs->step) {
   case STEP_TRIAGE: {
      ComplaintKind kind;
      complaint_kind_parse(ui_form_value(f, 0), &kind, NULL);
      const char *late = ui_form_value(f, 3);
      snprintf(done, done_size, "%s triaged as %s", ref, ui_form_value(f, 0));
      return complaint_triage(s, ref, v, kind, kind == KIND_EXCLUDED ? ui_form_value(f, 1) : NULL, ui_form_value(f, 2),
                              *late ? late : NULL, RD_NO_INSTANT, err);
   }
   case STEP_ACK:
      snprintf(done, done_size, "stage %d of %s acknowledged", cs->c.stage, ref);
      return complaint_acknowledge(s, ref, v, ui_form_value(f, 0), case_date(ui_form_value(f, 1)), RD_NO_INSTANT, err);
   case STEP_EXTEND: {
      const char *good = ui_form_value(f, 3);
      snprintf(done, done_size, "the stage %d response of %s is extended to %s", cs->c.stage, ref, ui_form_value(f, 0));
      return complaint_extend(s, ref, v, case_date(ui_form_value(f, 0)), ui_form_value(f, 1), ui_form_yes(f, 2),
                              *good ? good : NULL, RD_NO_INSTANT, err);
   }
   case STEP_RESPOND: {
      Response r = { DECISION_NONE, ui_form_value(f, 1), ui_form_yes(f, 2), ui_form_yes(f, 3) };
      complaint_decision_parse(ui_form_value(f, 0), &r.decision, NULL);
      snprintf(done, done_size, "the stage %d response of %s is recorded: %s", cs->c.stage, ref, ui_form_value(f, 0));
      return complaint_respond(s, ref, v, &r, RD_NO_INSTANT, err);
   }
   case STEP_REMEDY: {
      RemedyKind kind;
      int64_t pence = 0;
      if (remedy_kind_parse(ui_form_value(f, 0), &kind, err) != RD_OK)
         return err->status;
      if (*ui_form_value(f, 2) && remedy_parse_pounds(ui_form_value(f, 2), &pence, err) != RD_OK)
         return err->status;
      snprintf(done, done_size, "remedy recorded on %s", ref);
      return remedy_add(s, ref, kind, ui_form_value(f, 1), pence, case_date(ui_form_value(f, 3)), NULL, err);
   }
   case STEP_ACTION:
      snprintf(done, done_size, "action added to %s", ref);
      return action_add(s, ref, ui_form_value(f, 0), ui_form_value(f, 1), case_date(ui_form_value(f, 2)), NULL, err);
   case STEP_ESCALATE: {
      const char *late = ui_form_value(f, 1);
      snprintf(done, done_size, "%s is escalated to stage 2", ref);
      return complaint_escalate(s, ref, v, ui_form_value(f, 0), *late ? late : NULL, RD_NO_INSTANT, err);
   }
   case STEP_DECLINE:
      snprintf(done, done_size, "the escalation of %s is declined", ref);
      return complaint_decline(s, ref, v, ui_form_value(f, 0), RD_NO_INSTANT, err);
   case STEP_CLOSE: {
      CloseReason reason;
      if (complaint_close_reason_parse(ui_form_value(f, 0), &reason, err) != RD_OK)
         return err->status;
      snprintf(done, done_size, "%s is closed as %s", ref, ui_form_value(f, 0));
      return complaint_close(s, ref, v, reason, ui_form_value(f, 1), RD_NO_INSTANT, err);
   }
   case STEP_CONTACT: {
      const char *dir = ui_form_value(f, 0);
      snprintf(done, done_size, "%s recorded on %s", strcmp(dir, "note") == 0 ? "note" : "contact", ref);
      return complaint_contact(s, ref, dir, ui_form_value(f, 1), ui_form_value(f, 2), RD_NO_INSTANT, err);
   }
   case STEP_CONFLICT:
      snprintf(done, done_size, "conflict of interest of %s recorded on %s", ui_form_value(f, 0), ref);
      return complaint_declare_conflict(s, ref, ui_form_value(f, 0), ui_form_value(f, 1), RD_NO_INSTANT, err);
   case STEP_REMEDY_DONE: {
      const char *num = ui_form_value(f, 0);
      char *end = NULL;
      long long id = strtoll(num[0] == '#' ? num + 1 : num, &end, 10);
      if (!end || *end || id <= 0)
         return error_set(err, RD_EINPUT, "'%s' is not a remedy number: give the number after # in the list", num);
      if (!case_has_remedy(s, cs->c.id, id))
         return error_set(err, RD_EINPUT, "#%lld is not a remedy of %s: give one of the numbers listed", id, ref);
      snprintf(done, done_size, "remedy #%lld of %s is done", id, ref);
      return remedy_done(s, id, case_date(ui_form_value(f, 1)), err);
   }
   case STEP_SURVEY: {
      int what = ui_form_choice_index(f, 0);
      RdDate on = case_date(ui_form_value(f, 1));
      snprintf(done, done_size, "the survey of %s: %s", ref, survey_options[what]);
      if (what == 0)
         return survey_sent(s, ref, on, err);
      return survey_answer(s, ref, what == 1 ? SURVEY_SATISFIED : what == 2 ? SURVEY_NOT_SATISFIED : SURVEY_DECLINED,
                           on, err);
   }
   case STEP_REPRESENT:
      snprintf(done, done_size, "%s is recorded as acting for the resident of %s", ui_form_value(f, 0), ref);
      return case_save_representative(cs, app, err);
   case STEP_ADJUST:
      snprintf(done, done_size, "a reasonable adjustment (%s) for the resident of %s", ui_form_value(f, 0), ref);
      return case_save_adjustment(cs, app, err);
   case STEP_PERSON:
      snprintf(done, done_size, "the c%s", f->title + 1);   /* "Contact details of ..." */
      return case_save_person(cs, app, err);
   case STEP_ISSUE: {
      char new_ref[16] = "";
      RdStatus st = complaint_new_issue(s, ref, v, ui_form_value(f, 0), ui_form_yes(f, 1), RD_NO_INSTANT, new_ref,
                                        err);
      if (new_ref[0])
         snprintf(done, done_size, "the new issue is logged as %s, linked to %s", new_ref, ref);
      else
         snprintf(done, done_size, "the new issue is folded into stage 1 of %s", ref);
      return st;
   }
   case STEP_REOPEN: {
      const char *order = ui_form_value(f, 1);
      snprintf(done, done_size, "%s is reopened", ref);
      return complaint_reopen(s, ref, v, ui_form_value(f, 0), *order ? order : NULL, RD_NO_INSTANT, err);
   }
   default:
      return error_set(err, RD_EUSAGE, "no form is open");
   }
}

/* The audit action of a step, which letter_for_step knows the letter of. */
static const char *case_step_action(CaseStep step) {
   switch (step) {
   case STEP_TRIAGE:
      return "triaged";
   case STEP_ACK:
      return "acknowledged";
   case STEP_EXTEND:
      return "extended";
   case STEP_RESPOND:
      return "responded";
   case STEP_ESCALATE:
      return "escalated";
   case STEP_DECLINE:
      return "escalation declined";
   case STEP_CLOSE:
      return "closed";
   case STEP_REOPEN:
      return "reopened";
   default:
      return NULL;
   }
}

static void case_submit(CaseScreen *cs, App *app) {
   if (!ui_form_valid(cs->form)) {
      app_error(app, "%s", cs->form->fields[cs->form->focus].why);
      return;
   }
   RdError err;
   error_clear(&err);
   char done[256];
   CaseStep step = cs->step;
   RdStatus st = case_save_form(cs, app, &err, done, sizeof done);
   if (st == RD_OK) {
      case_close_form(cs);
      app_changed(app);
      case_load(cs, app, false);
      app_message(app, "Saved: %s", done);
      case_offer_letter(cs, case_step_action(step));
      return;
   }
   if (st != RD_ECONFLICT) {
      app_error(app, "%s", err.message);
      return;
   }
   /* Who changed it and when, in full above the fields; the newer case is shown above the
    * form, and saving again now is a deliberate choice. */
   str_copy(cs->form->note, err.message, sizeof cs->form->note);
   cs->form->note_is_warning = true;
   app_error(app, "^S again saves what you typed over their change; Esc leaves theirs");
   case_load(cs, app, false);
   cs->form_version = cs->c.version;
   if (step == STEP_PERSON)
      case_person_reread(cs, app);
}

static void case_form_key(CaseScreen *cs, App *app, int key) {
   UiFormResult r = ui_form_key(cs->form, key);
   if (cs->step == STEP_TRIAGE)
      case_triage_visibility(cs->form);
   if (r == FORM_CANCEL) {
      case_close_form(cs);
      app_message(app, "nothing was saved");
   } else if (r == FORM_SAVE) {
      case_submit(cs, app);
   }
}

/* --- choosing a handler ------------------------------------------------------------------ */

static void case_open_picker(CaseScreen *cs, App *app) {
   Session *s = app_session(app);
   RdError err;
   int stage = cs->c.stage;
   if (staff_list(s->store, false, &cs->staff, &cs->nstaff, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   cs->why = xcalloc(cs->nstaff ? cs->nstaff : 1, sizeof *cs->why);
   size_t qualified = 0;
   for (size_t i = 0; i < cs->nstaff; i++) {
      if (complaint_handler_allowed(s, &cs->c, stage, &cs->staff[i], cs->why[i], sizeof cs->why[i])) {
         cs->why[i][0] = '\0';
         qualified++;
      } else if (!cs->why[i][0]) {
         str_copy(cs->why[i], "does not qualify", sizeof cs->why[i]);
      }
   }
   /* Those who qualify first, each group in the staff list's order. */
   for (size_t i = 1; i < cs->nstaff; i++) {
      for (size_t j = i; j > 0 && cs->why[j - 1][0] && !cs->why[j][0]; j--) {
         Staff t = cs->staff[j];
         cs->staff[j] = cs->staff[j - 1];
         cs->staff[j - 1] = t;
         char w[300];
         memcpy(w, cs->why[j], sizeof w);
         memcpy(cs->why[j], cs->why[j - 1], sizeof w);
         memcpy(cs->why[j - 1], w, sizeof w);
      }
   }
   cs->picking = true;
   cs->pick_stage = stage;
   ui_list_set_count(&cs->pick, cs->nstaff);
   ui_list_select(&cs->pick, 0);
   ui_list_forget(&cs->pick);
   app_message(app, "%zu of %zu qualify to handle stage %d (x: does not; move to one to read why)", qualified, cs->nstaff, stage);
}

static void case_picker_key(CaseScreen *cs, App *app, int key) {
   if (ui_list_key(&cs->pick, key)) {
      case_pick_say(cs, app);
      return;
   }
   if (key == UI_ESC || key == 'q' || key == UI_CTRL('C')) {
      case_close_picker(cs);
      app_message(app, "no handler was assigned");
      return;
   }
   if (!ui_key_is_enter(key) || cs->pick.selected < 0)
      return;
   const Staff *who = &cs->staff[cs->pick.selected];
   RdError err;
   if (complaint_assign(app_session(app), cs->c.ref, cs->c.version, cs->pick_stage, who->login, RD_NO_INSTANT, &err)
       != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   char login[64];
   str_copy(login, who->login, sizeof login);
   case_close_picker(cs);
   app_changed(app);
   case_load(cs, app, false);
   app_message(app, "Saved: stage %d of %s is assigned to %s", cs->pick_stage, cs->c.ref, login);
}

/* --- letters ---------------------------------------------------------------------------- */

/* Offers the letter that goes with the step just taken, if one does; a step of the
 * lifecycle with none (an escalation request, a closure) withdraws an earlier offer, which
 * was about an earlier step. A record that is no step (NULL: a note, a remedy, an action)
 * leaves the offer standing. */
static void case_offer_letter(CaseScreen *cs, const char *step) {
   LetterKind kind;
   if (!step)
      return;
   cs->offering = letter_for_step(&cs->c, step, &kind);
   if (cs->offering)
      cs->offer = kind;
   cs->offer_cache.valid = false;
}

static void case_write_letter(CaseScreen *cs, App *app, LetterKind kind) {
   char *path = NULL;
   Letter l;
   RdError err;
   if (letter_write(app_session(app), cs->c.ref, kind, &path, &l, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   app_message(app, "Written: the %s letter to %s; send by %s%s%s%s", letter_kind_title(kind), path, l.send_by,
               l.large_print ? " in large print" : "", l.needs ? "; also needed: " : "", l.needs ? l.needs : "");
   if (cs->offering && cs->offer == kind)
      cs->offering = false;
   free(path);
   letter_clear(&l);
   app_changed(app);
   case_load(cs, app, false);
}

/* The kinds of letter for a case, those it has reached first, each with why it fits or not. */
static void case_open_letters(CaseScreen *cs, App *app) {
   RdError err;
   if (letter_case_allows(&cs->c, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   size_t fit = 0;
   cs->nkinds = 0;
   for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < LETTER_KIND_COUNT; k++) {
         if (k == LETTER_COMPLIMENT)
            continue;
         bool fits = letter_fits(&cs->c, (LetterKind)k, &err) == RD_OK;
         if (fits != (pass == 0))
            continue;
         cs->kinds[cs->nkinds] = (LetterKind)k;
         str_copy(cs->kind_why[cs->nkinds], fits ? "" : err.message, sizeof cs->kind_why[0]);
         cs->nkinds++;
         fit += fits;
      }
   }
   cs->choosing_letter = true;
   ui_list_set_count(&cs->letters, cs->nkinds);
   ui_list_select(&cs->letters, 0);
   ui_list_forget(&cs->letters);
   if (fit)
      app_message(app, "%zu letter%s fit%s %s as it stands (x: not yet, and why)", fit, fit == 1 ? "" : "s",
                  fit == 1 ? "s" : "", cs->c.ref);
   else
      app_message(app, "no letter fits %s yet: each waits for its step (x: why)", cs->c.ref);
}

static void case_letters_key(CaseScreen *cs, App *app, int key) {
   if (ui_list_key(&cs->letters, key))
      return;
   if (key == UI_ESC || key == 'q' || key == UI_CTRL('C')) {
      cs->choosing_letter = false;
      app_message(app, "no letter was written");
      return;
   }
   if (!ui_key_is_enter(key) || cs->letters.selected < 0)
      return;
   size_t i = (size_t)cs->letters.selected;
   if (cs->kind_why[i][0]) {
      app_error(app, "%s", cs->kind_why[i]);
      return;
   }
   cs->choosing_letter = false;
   case_write_letter(cs, app, cs->kinds[i]);
}

static void case_letter_key(CaseScreen *cs, App *app) {
   if (cs->offering)
      case_write_letter(cs, app, cs->offer);
   else
      case_open_letters(cs, app);
}

/* --- keys -------------------------------------------------------------------------------- */

static bool case_key(Screen *sc, App *app, int key) {
   CaseScreen *cs = sc->state;
   if (cs->form) {
      case_form_key(cs, app, key);
      return true;
   }
   if (cs->picking) {
      case_picker_key(cs, app, key);
      return true;
   }
   if (cs->choosing_letter) {
      case_letters_key(cs, app, key);
      return true;
   }
   switch (key) {
   case UI_FN(KEY_UP):
      if (cs->body.top > 0)
         cs->body.top--;
      return true;
   case UI_FN(KEY_DOWN):
      if (cs->body.top + (size_t)cs->body.height < cs->nlines)
         cs->body.top++;
      return true;
   case UI_FN(KEY_PPAGE):
      cs->body.top = cs->body.top > (size_t)cs->body.height ? cs->body.top - (size_t)cs->body.height : 0;
      return true;
   case UI_FN(KEY_HOME):
   case 'g':
      cs->body.top = 0;
      return true;
   case UI_FN(KEY_END):
   case 'G':
      cs->body.top = cs->nlines > (size_t)cs->body.height ? cs->nlines - (size_t)cs->body.height : 0;
      return true;
   case UI_FN(KEY_NPAGE):
   case ' ':
      if (cs->body.top + 2 * (size_t)cs->body.height <= cs->nlines)
         cs->body.top += (size_t)cs->body.height;
      else if (cs->nlines > (size_t)cs->body.height)
         cs->body.top = cs->nlines - (size_t)cs->body.height;
      return true;
   case UI_ESC:
   case 'q':
   case UI_CTRL('C'):
      app_pop(app);
      return true;
   default:
      break;
   }
   static const struct {
      int key;
      CaseStep step;
   } steps[] = {
      { 't', STEP_TRIAGE }, { 'a', STEP_ACK }, { 'x', STEP_EXTEND }, { 'r', STEP_RESPOND }, { 'm', STEP_REMEDY },
      { 'o', STEP_ACTION }, { 'e', STEP_ESCALATE }, { 'd', STEP_DECLINE }, { 'c', STEP_CLOSE }, { 'n', STEP_CONTACT },
      { 'i', STEP_CONFLICT }, { 'u', STEP_REOPEN }, { 'f', STEP_ISSUE }, { 'p', STEP_PERSON },
      { 's', STEP_ADJUST }, { 'v', STEP_SURVEY }, { 'w', STEP_REPRESENT },
      { 'y', STEP_REMEDY_DONE },
   };
   int lower = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
   if (lower == 'h') {
      case_open_picker(cs, app);
      return true;
   }
   if (lower == 'l') {
      case_letter_key(cs, app);
      return true;
   }
   for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
      if (steps[i].key == lower) {
         case_open_form(cs, app, steps[i].step);   /* when it cannot open, it has said why */
         return true;
      }
   }
   return false;
}

static void case_wake(Screen *sc, App *app, unsigned why) {
   CaseScreen *cs = sc->state;
   int before = cs->c.version;
   if (!case_load(cs, app, false))
      return;
   /* Said in the form itself, so the next key typed does not wipe it. */
   if ((why & WAKE_DATA) && cs->form && cs->c.version != before) {
      snprintf(cs->form->note, sizeof cs->form->note, "%s was changed by someone else meanwhile; "
               "what you typed is kept", cs->c.ref);
      cs->form->note_is_warning = true;
   }
}

static bool case_typing(const Screen *sc) {
   const CaseScreen *cs = sc->state;
   return cs->form != NULL;
}

/* The keys of the hint bar while the handler list or the letter list has them. */
static const ScreenKey case_pick_hints[] = {
   { 0, 0, "Enter", "assign", 0, true, false },
   { 0, 0, "Up/Down", "read why", 0, true, false },
   { 0, 0, "Esc", "cancel", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};
static const ScreenKey case_letter_hints[] = {
   { 0, 0, "Enter", "write it", 0, true, false },
   { 0, 0, "Esc", "cancel", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

/* The case's keys that have something to do in its state, most likely first. */
static const char *case_likely_keys(const CaseScreen *cs) {
   const Complaint *c = &cs->c;
   if (!complaint_is_open(c))
      return "nlvu";
   if (c->kind == KIND_UNTRIAGED)
      return "tnhi";
   if (c->kind != KIND_COMPLAINT)
      return "tcnl";
   const StageRecord *st = &c->stages[c->stage - 1];
   if (st->declined_at != RD_NO_INSTANT)
      return "cnl";
   if (st->responded_at != RD_NO_INSTANT)
      return c->stage == 1 ? "enlcymo" : "cylnmo";
   if (st->acknowledged_at == RD_NO_INSTANT)
      return c->stage == 1 ? "ahtnfxi" : "ahdnxi";
   return "rxmonfhl";
}

static const ScreenKey *case_hints(const Screen *sc) {
   CaseScreen *cs = sc->state;
   if (cs->form)
      return ui_form_hints;
   if (cs->picking)
      return case_pick_hints;
   if (cs->choosing_letter)
      return case_letter_hints;
   size_t n = 0;
   for (const char *want = case_likely_keys(cs); *want && n < CASE_HINTS - 2; want++) {
      for (const ScreenKey *k = case_keys; k->label; k++) {
         if (k->key == *want) {
            cs->hints[n] = *k;
            cs->hints[n].hint = true;
            if (k->key == 'l')
               cs->hints[n].what = cs->offering ? "write the letter" : "letters";
            else if (k->key == 'u')
               cs->hints[n].what = "reopen";
            else if (k->key == 'v')
               cs->hints[n].what = "survey";
            n++;
         }
      }
   }
   cs->hints[n++] = (ScreenKey){ UI_ESC, 'q', "Esc", "back", 0, true, false };
   cs->hints[n] = (ScreenKey){ 0, 0, NULL, NULL, 0, false, false };
   return cs->hints;
}

const ScreenOps case_screen = {
   "Case", case_keys, case_open, case_draw, case_key, case_wake, case_close, case_typing, case_hints,
};
