/* intake: logging a complaint while the resident is at the counter. The resident is found
 * by name or tenancy reference as it is typed (the best match is chosen already), or added
 * new; warnings come at once: a contact restriction, a reasonable adjustment, a complainant
 * with no automatic right to the Ombudsman, an incident outside the time limit. A typical
 * complaint needs only the text typed, Tab, and ^S. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/person.h"
#include "redress/xalloc.h"
#include "ui.h"

#define INTAKE_MATCHES 5
#define INTAKE_WARNINGS 5
#define INTAKE_ROWS 24

enum {
   F_CHANNEL, F_RECEIVED, F_INCIDENT, F_CATEGORY, F_SUMMARY, F_OUTCOME, F_TRIAGE, F_EXCLUSION, F_DETAIL,
   F_LATE, F_ANONYMOUS, F_NEW_TENANCY, F_COUNT
};

typedef struct IntakeScreen {
   UiField query;              /* the resident, as typed */
   bool person_focus;          /* the query has the keys, not the form */
   Person *matches;
   size_t nmatches;
   long chosen;                /* index into matches; nmatches means "a new person" */
   int64_t added_id;           /* a new person already stored by an earlier, refused save */
   UiForm form;
   const char **categories;
   const char **exclusions;
   char warnings[INTAKE_WARNINGS][512];
   int nwarnings;
   UiLine cache[INTAKE_ROWS];       /* the rows above the form */
   int form_y;                      /* where the form began when they were drawn */
} IntakeScreen;

static const char *const intake_channels[] = { "phone", "in-person", "email", "letter", "web", "social-media",
                                               "other", NULL };
static const char *const intake_triage[] = { "complaint", "untriaged", "service-request", "excluded", "quick", NULL };

static const ScreenKey intake_keys[] = {
   { UI_CTRL('S'), UI_FN(KEY_F(10)), "^S", "log it", 0, true, true },
   { '\t', 0, "Tab", "next field", 0, true, false },
   { UI_FN(KEY_BTAB), 0, "Shift-Tab", "back", 0, true, false },
   { 0, 0, "Up/Down", "in the resident field: choose among the matches", 0, true, false },
   { UI_ESC, 0, "Esc", "cancel", 0, true, false },
   { 0, 0, "Left/Right", "in a choice: the next option (or type its first letter)", 0, false, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static bool intake_new_person(const IntakeScreen *in) {
   return in->chosen == (long)in->nmatches && in->query.value[0];
}

static bool intake_anonymous(const IntakeScreen *in) {
   return ui_form_yes(&in->form, F_ANONYMOUS);
}

/* --- checks as you type -------------------------------------------------------------------- */

static bool intake_check_received(UiForm *f, int field, const char *value, char *why, size_t size) {
   (void)f;
   (void)field;
   RdInstant t;
   RdError err;
   if (!*value || strcmp(value, "now") == 0)
      return true;
   if (datetime_parse_instant(value, &t, &err) != RD_OK) {
      snprintf(why, size, "%s", err.message);
      return false;
   }
   if (t > clock_now() + 60) {
      snprintf(why, size, "the time received is still to come: leave it as now, or give an earlier time");
      return false;
   }
   return true;
}

static bool intake_check_incident(UiForm *f, int field, const char *value, char *why, size_t size) {
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
   if (d > clock_today()) {
      snprintf(why, size, "the incident cannot be after today");
      return false;
   }
   return true;
}

static RdInstant intake_received(const IntakeScreen *in) {
   const char *v = ui_form_value(&in->form, F_RECEIVED);
   RdInstant t;
   if (!*v || strcmp(v, "now") == 0 || datetime_parse_instant(v, &t, NULL) != RD_OK)
      return RD_NO_INSTANT;
   return t;
}

static RdDate intake_incident(const IntakeScreen *in) {
   RdDate d;
   const char *v = ui_form_value(&in->form, F_INCIDENT);
   return *v && datetime_parse_date(v, &d, NULL) == RD_OK ? d : RD_NO_DATE;
}

/* --- warnings ------------------------------------------------------------------------------ */

static void intake_warn(IntakeScreen *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void intake_warn(IntakeScreen *in, const char *fmt, ...) {
   if (in->nwarnings == INTAKE_WARNINGS)
      return;
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(in->warnings[in->nwarnings++], sizeof in->warnings[0], fmt, ap);
   va_end(ap);
}

static void intake_person_warnings(IntakeScreen *in, App *app, const Person *p, RdDate received) {
   Session *s = app_session(app);
   char *text = NULL;
   RdError err;
   if (person_restriction_warning(s->store, p->id, app_today(app), &text, &err) == RD_OK && text) {
      for (char *nl = strchr(text, '\n'); nl; nl = strchr(nl, '\n'))
         *nl = ' ';
      intake_warn(in, "%s has a contact restriction: %s", p->name, text);
   }
   free(text);
   Adjustment *adj = NULL;
   size_t n = 0;
   if (adjustment_list(s->store, p->id, false, &adj, &n, &err) == RD_OK && n) {
      char list[400] = "";
      for (size_t i = 0; i < n; i++) {
         size_t used = strlen(list);
         snprintf(list + used, sizeof list - used, "%s%s (%s)", i ? "; " : "", adjustment_kind_name(adj[i].kind),
                  adj[i].detail);
      }
      intake_warn(in, "Adjustments for %s: %s", p->name, list);
   }
   adjustment_free_list(adj, n);
   char *why = NULL;
   if (!person_eligibility(p, received, &why))
      intake_warn(in, "Note: %s", why);
   free(why);
   if (p->vulnerabilities && *p->vulnerabilities)
      intake_warn(in, "%s is vulnerable: %s", p->name, p->vulnerabilities);
}

/* Everything worth a warning about what is on the form now. */
static void intake_rewarn(IntakeScreen *in, App *app) {
   Session *s = app_session(app);
   in->nwarnings = 0;
   RdInstant received = intake_received(in);
   RdDate day = received == RD_NO_INSTANT ? app_today(app) : datetime_local_date(received);
   RdDate incident = intake_incident(in);
   RdDate cutoff = policy_eligibility_cutoff(&s->policy, day);
   bool late = incident != RD_NO_DATE && cutoff != RD_NO_DATE && incident < cutoff;
   if (late) {
      char inc[RD_DATE_BUFSIZE], cut[RD_DATE_BUFSIZE];
      datetime_format_date(incident, inc);
      datetime_format_date(cutoff, cut);
      intake_warn(in, "The incident on %s is older than the policy's %d months (before %s): give a reason to accept "
                  "it, or triage it as excluded", inc, s->policy.eligibility_months, cut);
   }
   in->form.fields[F_LATE].hidden = !late;
   if (!intake_anonymous(in) && in->chosen >= 0 && (size_t)in->chosen < in->nmatches)
      intake_person_warnings(in, app, &in->matches[in->chosen], day);
   const char *triage = ui_form_value(&in->form, F_TRIAGE);
   in->form.fields[F_EXCLUSION].hidden = strcmp(triage, "excluded") != 0;
   in->form.fields[F_DETAIL].hidden = strcmp(triage, "excluded") != 0 && strcmp(triage, "quick") != 0;
   in->form.fields[F_DETAIL].label = strcmp(triage, "quick") == 0 ? "What was done" : "Why excluded";
   in->form.fields[F_DETAIL].required = strcmp(triage, "quick") == 0;
   in->form.fields[F_NEW_TENANCY].hidden = !intake_new_person(in) || intake_anonymous(in);
}

/* --- finding the resident ------------------------------------------------------------------ */

static void intake_find(IntakeScreen *in, App *app) {
   person_free_list(in->matches, in->nmatches);
   in->matches = NULL;
   in->nmatches = 0;
   in->chosen = -1;
   if (in->query.value[0]) {
      RdError err;
      if (person_find(app_session(app)->store, in->query.value, INTAKE_MATCHES - 1, &in->matches, &in->nmatches,
                      &err) != RD_OK)
         app_error(app, "%s", err.message);
      in->chosen = 0;   /* the best match, or "a new person" when there is none */
   }
   in->added_id = 0;
   intake_rewarn(in, app);
}

/* --- opening and closing ------------------------------------------------------------------- */

static void intake_open(Screen *sc, App *app, const void *arg) {
   (void)arg;
   Session *s = app_session(app);
   IntakeScreen *in = xcalloc(1, sizeof *in);
   sc->state = in;
   ui_field_init(&in->query, "Resident");
   in->person_focus = true;
   in->chosen = -1;
   in->categories = xcalloc(s->config->category_count + 2, sizeof *in->categories);
   for (size_t i = 0; i < s->config->category_count; i++)
      in->categories[i] = s->config->categories[i];
   if (s->config->category_count == 0)
      in->categories[0] = "other";
   in->exclusions = xcalloc(s->config->exclusion_count + 2, sizeof *in->exclusions);
   for (size_t i = 0; i < s->config->exclusion_count; i++)
      in->exclusions[i] = s->config->exclusions[i].code;
   if (s->config->exclusion_count == 0)
      in->exclusions[0] = "none-configured";
   UiForm *f = &in->form;
   ui_form_init(f, "The complaint", in);
   ui_form_choice(f, "Channel", intake_channels, 0);
   ui_form_text(f, "Received", "now", false, intake_check_received);
   ui_form_text(f, "Incident date", "", false, intake_check_incident);
   ui_form_choice(f, "Category", in->categories, 0);
   ui_form_text(f, "Summary", "", true, NULL);
   ui_form_text(f, "Outcome sought", "", false, NULL);
   ui_form_choice(f, "Triage", intake_triage, 0);
   ui_form_choice(f, "Exclusion reason", in->exclusions, 0);
   ui_form_text(f, "Why excluded", "", false, NULL);
   ui_form_text(f, "Accept late because", "", false, NULL);
   ui_form_yesno(f, "Anonymous", false);
   ui_form_text(f, "New tenancy ref", "", false, NULL);
   intake_rewarn(in, app);
}

static void intake_close(Screen *sc, App *app) {
   (void)app;
   IntakeScreen *in = sc->state;
   ui_field_free(&in->query);
   person_free_list(in->matches, in->nmatches);
   ui_form_free(&in->form);
   free(in->categories);
   free(in->exclusions);
   free(in);
}

/* --- drawing ----------------------------------------------------------------------------- */

static void intake_show(IntakeScreen *in, int row, UiLine *line) {
   ui_line_pad(line, COLS, A_NORMAL);
   ui_line_show(1 + row, 0, line, &in->cache[row]);
}

static void intake_match_line(IntakeScreen *in, size_t i, UiLine *line) {
   bool chosen = in->chosen == (long)i;
   ui_line_start(line, A_NORMAL);
   ui_line_add(line, chosen ? "  > " : "    ", 4, theme_style(STYLE_KEY));
   if (i == in->nmatches) {
      char text[300];
      snprintf(text, sizeof text, "+ a new person named \"%s\"", in->query.value);
      ui_line_add(line, text, COLS - 4, chosen ? theme_style(STYLE_SELECTED) : A_NORMAL);
      return;
   }
   const Person *p = &in->matches[i];
   ui_line_add(line, p->name, 24, chosen ? theme_style(STYLE_SELECTED) : A_BOLD);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, p->tenancy_ref, 10, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, *p->address ? p->address : p->property, COLS - 40 > 1 ? COLS - 40 : 1, A_NORMAL);
}

static void intake_draw(Screen *sc, App *app, bool full) {
   IntakeScreen *in = sc->state;
   if (full) {
      for (size_t i = 0; i < sizeof in->cache / sizeof *in->cache; i++)
         in->cache[i].valid = false;
      ui_form_forget(&in->form);
   }
   int bottom = app_body_bottom(app);
   int form_y = bottom - ui_form_height(&in->form, COLS) + 1;
   if (form_y != in->form_y) {   /* rows the form gave up or took are drawn afresh */
      for (size_t i = 0; i < sizeof in->cache / sizeof *in->cache; i++)
         in->cache[i].valid = false;
      in->form_y = form_y;
   }
   UiLine line;
   int row = 0;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, "Log a complaint: the resident's name or tenancy ref, Up/Down to choose, then Tab",
               COLS, theme_style(STYLE_HEADER));
   intake_show(in, row++, &line);
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, in->person_focus ? ">" : " ", 1, theme_style(STYLE_KEY));
   ui_line_add(&line, " Resident*:", 21, in->person_focus ? theme_style(STYLE_HEADER) : A_NORMAL);
   int at = line.cols;
   int cursor = ui_field_render(&in->query, COLS - at - 1, theme_style(STYLE_FIELD), &line);
   intake_show(in, row++, &line);
   int query_row = row;
   size_t shown = intake_anonymous(in) ? 0 : in->nmatches + (in->query.value[0] ? 1 : 0);
   for (size_t i = 0; i < (shown ? shown : 1); i++) {
      ui_line_start(&line, A_NORMAL);
      if (intake_anonymous(in))
         ui_line_add(&line, "    (an anonymous complaint names nobody)", COLS, theme_style(STYLE_DIM));
      else if (i < shown)
         intake_match_line(in, i, &line);
      else
         ui_line_add(&line, "    (no resident chosen yet)", COLS, theme_style(STYLE_DIM));
      intake_show(in, row++, &line);
   }
   /* The warnings, wrapped, in the rows left above the form. */
   for (int w = 0; w < in->nwarnings; w++) {
      char **lines;
      size_t n = ui_wrap(in->warnings[w], COLS - 2, &lines);
      for (size_t k = 0; k < n && 1 + row < form_y; k++) {
         ui_line_start(&line, A_NORMAL);
         ui_line_add(&line, k ? "  " : "", -1, A_NORMAL);
         ui_line_add(&line, lines[k], COLS - (k ? 2 : 0), theme_style(STYLE_WARN));
         intake_show(in, row++, &line);
      }
      ui_wrap_free(lines, n);
   }
   while (1 + row < form_y && (size_t)row < sizeof in->cache / sizeof *in->cache) {
      ui_line_start(&line, A_NORMAL);
      intake_show(in, row++, &line);
   }
   in->form.unfocused = in->person_focus;
   ui_form_draw(&in->form, form_y, COLS);
   if (in->person_focus)
      app_cursor(app, 1 + query_row - 1, at + cursor);
   else if (in->form.cursor_y >= 0)
      app_cursor(app, in->form.cursor_y, in->form.cursor_x);
}

/* --- saving ------------------------------------------------------------------------------- */

/* The person the complaint is from: the match chosen, or a new one stored now. */
static RdStatus intake_person(IntakeScreen *in, App *app, int64_t *id, RdError *err) {
   Session *s = app_session(app);
   *id = 0;
   if (intake_anonymous(in))
      return RD_OK;
   if (in->chosen >= 0 && (size_t)in->chosen < in->nmatches) {
      *id = in->matches[in->chosen].id;
      return RD_OK;
   }
   if (!intake_new_person(in))
      return error_set(err, RD_EINPUT, "say who is complaining: type their name or tenancy reference, or set "
                       "Anonymous to yes");
   if (in->added_id) {
      *id = in->added_id;
      return RD_OK;
   }
   Person p;
   person_init(&p);
   free(p.name);
   free(p.tenancy_ref);
   p.name = xstrdup(in->query.value);
   p.tenancy_ref = xstrdup(ui_form_value(&in->form, F_NEW_TENANCY));
   RdStatus st = person_add(s->store, &s->me, &p, err);
   if (st == RD_OK)
      *id = in->added_id = p.id;
   person_clear(&p);
   return st;
}

static void intake_save(Screen *sc, App *app) {
   IntakeScreen *in = sc->state;
   Session *s = app_session(app);
   if (!ui_form_valid(&in->form)) {
      app_error(app, "%s", in->form.fields[in->form.focus].why);
      in->person_focus = false;
      return;
   }
   RdError err;
   error_clear(&err);
   NewComplaint nc;
   memset(&nc, 0, sizeof nc);
   const UiForm *f = &in->form;
   nc.anonymous = intake_anonymous(in);
   nc.channel = ui_form_value(f, F_CHANNEL);
   nc.received_at = intake_received(in);
   nc.incident_on = intake_incident(in);
   nc.category = ui_form_value(f, F_CATEGORY);
   nc.summary = ui_form_value(f, F_SUMMARY);
   nc.outcome_sought = ui_form_value(f, F_OUTCOME);
   if (complaint_kind_parse(ui_form_value(f, F_TRIAGE), &nc.triage, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   if (nc.triage == KIND_EXCLUDED) {
      nc.exclusion_code = ui_form_value(f, F_EXCLUSION);
      nc.exclusion_detail = ui_form_value(f, F_DETAIL);
   }
   if (nc.triage == KIND_QUICK)
      nc.quick_summary = ui_form_value(f, F_DETAIL);
   if (*ui_form_value(f, F_LATE) && !f->fields[F_LATE].hidden)
      nc.accept_late = ui_form_value(f, F_LATE);
   if (intake_person(in, app, &nc.person_id, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   Complaint c;
   complaint_init(&c);
   if (complaint_new(s, &nc, &c, &err) != RD_OK) {
      complaint_clear(&c);
      app_error(app, "%s", err.message);
      intake_rewarn(in, app);
      return;
   }
   char due[RD_DATE_BUFSIZE];
   datetime_format_date(c.stages[0].ack_due, due);
   if (due[0])
      app_message(app, "Logged %s (%s): acknowledgement due %s", c.ref, complaint_kind_name(c.kind), due);
   else
      app_message(app, "Logged %s (%s)", c.ref, complaint_kind_name(c.kind));
   app_changed(app);
   CaseOpen how = { c.ref, 0, "logged" };
   app_pop(app);
   app_push(app, &case_screen, &how);
   complaint_clear(&c);
}

/* --- keys ------------------------------------------------------------------------------- */

static bool intake_person_key(Screen *sc, App *app, int key) {
   IntakeScreen *in = sc->state;
   size_t options = in->nmatches + (in->query.value[0] ? 1 : 0);
   switch (key) {
   case UI_FN(KEY_UP):
      if (in->chosen > 0)
         in->chosen--;
      intake_rewarn(in, app);
      return true;
   case UI_FN(KEY_DOWN):
      if (in->chosen + 1 < (long)options)
         in->chosen++;
      intake_rewarn(in, app);
      return true;
   case '\t':
   case '\n':
   case '\r':
   case UI_FN(KEY_ENTER):
      in->person_focus = false;
      in->form.focus = F_CHANNEL;
      return true;
   default:
      break;
   }
   if (ui_field_key(&in->query, key))
      intake_find(in, app);
   return true;
}

static bool intake_key(Screen *sc, App *app, int key) {
   IntakeScreen *in = sc->state;
   if (key == UI_ESC || key == UI_CTRL('C')) {
      app_pop(app);
      app_message(app, "nothing was logged");
      return true;
   }
   if (key == UI_CTRL('S') || key == UI_FN(KEY_F(10))) {
      intake_save(sc, app);
      return true;
   }
   if (in->person_focus)
      return intake_person_key(sc, app, key);
   if (key == UI_FN(KEY_BTAB) && in->form.focus == F_CHANNEL) {
      in->person_focus = true;
      return true;
   }
   UiFormResult r = ui_form_key(&in->form, key);
   intake_rewarn(in, app);
   if (r == FORM_SAVE)
      intake_save(sc, app);
   return true;
}

static bool intake_typing(const Screen *sc) {
   (void)sc;
   return true;   /* every key belongs to a field here: help is F1 */
}

const ScreenOps intake_screen = {
   "New complaint", intake_keys, intake_open, intake_draw, intake_key, NULL, intake_close, intake_typing, NULL,
};
