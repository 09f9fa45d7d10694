/* reports: the manager's reports on the screen. Choose one (TSM, monthly, quarterly,
 * annual, Ombudsman, the weekly actions) and its period, read its text form a page at a
 * time, and write it to a file as text, CSV or HTML. Who may see reports is the core's
 * decision (REPORT_ROLES): the queue's key is refused to anyone else, and report_build
 * refuses them again. What is written to a file is what is on the screen.
 *
 * A report is not made again by itself when colleagues save: the period figures of a large
 * landlord take seconds to count (about 8 s for a month over 200,000 cases), and the one
 * thread that owns curses must not stop for that on every commit. The heading says the
 * records changed, and r makes it again. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "redress/report.h"
#include "redress/text.h"
#include "redress/xalloc.h"
#include "ui.h"

enum { CHOICE_WEEKLY = 5 };   /* the reports before it are ReportName, in order */

static const char *const report_options[] = { "tsm", "monthly", "quarterly", "annual", "ombudsman", "weekly actions",
                                              NULL };
static const char *const report_about[] = {
   "The regulator's CH01 and CH02, with the counts and the responses that missed.",
   "For the chief executive: received, on time, decisions, remedies, trends.",
   "For the board: the monthly figures over a quarter (Q1 is April to June).",
   "The Code 8.1 complaints performance and improvement report, to publish.",
   "Housing Ombudsman referrals, determinations, orders and their compliance.",
   "Outstanding actions by owner, overdue first; done this week; residents waiting",
};

/* The periods offered, each a unit and "this" or "last"; the last is typed. */
static const char *const period_options[] = { "this month", "last month", "this quarter", "last quarter",
                                              "this reporting year", "last reporting year", "typed below", NULL };
static const struct {
   ReportUnit unit;
   const char *which;
} period_meaning[] = { { REPORT_MONTH, "this" }, { REPORT_MONTH, "last" }, { REPORT_QUARTER, "this" },
                       { REPORT_QUARTER, "last" }, { REPORT_YEAR, "this" }, { REPORT_YEAR, "last" } };
static const char *const week_options[] = { "this week", "last week", "typed below", NULL };
#define PERIOD_TYPED 6
#define WEEK_LAST 1
#define WEEK_TYPED 2

static const char *const format_options[] = { "text", "csv", "html", NULL };
static const char *const weekly_format_options[] = { "text", "csv", NULL };
static const char *const format_ext[] = { "txt", "csv", "html" };

enum { F_REPORT, F_PERIOD, F_TYPED };
enum { F_FORMAT, F_PATH };

/* What was chosen: kept so the report can be made again when the data or the day change. */
typedef struct ReportsChoice {
   int report;                  /* index into report_options */
   int period;                  /* index into period_options or week_options */
   char typed[64];
} ReportsChoice;

typedef struct ReportsScreen {
   RdDate today;
   ReportsChoice choice;        /* of the report shown */
   bool shown;                  /* a report is shown */
   RdDate made_on;              /* the day it was made */
   bool stale;                  /* records were saved, or the day changed, since */
   ReportDoc *doc;              /* the report shown, unless it is the weekly actions */
   WeeklyActions weekly;        /* the report shown, when it is the weekly actions */
   char heading[160];
   char slug[96];               /* the file name a report suggests, without the extension */
   char **lines;                /* its text form */
   size_t nlines;
   UiList body;
   UiLine head_cache;
   UiForm *choose;              /* choosing a report: the form has the keys */
   int choose_report;           /* the report the period field was last set for */
   UiForm *write;               /* writing it to a file */
   char *suggested;             /* the path the write form proposed, to follow the format */
   char replace[PATH_MAX];      /* an existing file the user has been warned of */
} ReportsScreen;

static const ScreenKey reports_keys[] = {
   { 0, 0, "PgUp/PgDn", "scroll a page", 0, true, false },
   { 'w', 'W', "w", "write to a file", 0, true, false },
   { 'c', 'C', "c", "another report", 0, true, false },
   { 'r', 'R', "r", "make it again from the records as they are now", 0, false, false },
   { 0, 0, "Up/Down j/k", "scroll a line; Home/End g/G the top and the end", 0, false, false },
   { 0, 0, "^S", "in a form: show the report chosen, or write the file", 0, false, false },
   { UI_ESC, 'q', "Esc", "back", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static bool reports_weekly(int report) {
   return report == CHOICE_WEEKLY;
}

/* --- the text shown ----------------------------------------------------------------------- */

static void reports_free_lines(ReportsScreen *rs) {
   for (size_t i = 0; i < rs->nlines; i++)
      free(rs->lines[i]);
   free(rs->lines);
   rs->lines = NULL;
   rs->nlines = 0;
}

static void reports_drop(ReportsScreen *rs) {
   reports_free_lines(rs);
   report_doc_free(rs->doc);
   rs->doc = NULL;
   if (rs->shown && reports_weekly(rs->choice.report))
      report_weekly_actions_clear(&rs->weekly);
   rs->shown = false;
   str_copy(rs->heading, "No report is shown: c chooses one", sizeof rs->heading);
   ui_list_set_count(&rs->body, 0);
}

/* Splits text into its lines; the text is the caller's still. */
static void reports_set_lines(ReportsScreen *rs, const char *text) {
   reports_free_lines(rs);
   for (const char *p = text; *p;) {
      size_t len = strcspn(p, "\n");
      rs->lines = xreallocarray(rs->lines, rs->nlines + 1, sizeof *rs->lines);
      rs->lines[rs->nlines++] = xstrndup(p, len);
      p += len + (p[len] == '\n');
   }
}

/* The text form of what was made, in lines. */
static RdStatus reports_render(ReportsScreen *rs, bool weekly, RdError *err) {
   char *text = NULL;
   size_t len = 0;
   FILE *out = open_memstream(&text, &len);
   if (!out)
      return error_set(err, RD_EIO, "no memory to lay the report out");
   RdStatus st = weekly ? report_weekly_write(&rs->weekly, REPORT_TEXT, 0, out, "the screen", err)
                        : report_write(rs->doc, REPORT_TEXT, 0, out, "the screen", err);
   if (fclose(out) != 0 && st == RD_OK)
      st = error_set(err, RD_EIO, "no memory to lay the report out");
   if (st == RD_OK)
      reports_set_lines(rs, text ? text : "");
   free(text);
   return st;
}

/* A file name from a period's label, without the dates in brackets a label may end with:
 * "December 2025" -> "december-2025", "2025/26 (1 April 2025 to ...)" -> "2025-26". */
static void reports_slug(const char *name, const char *label, char *out, size_t size) {
   size_t n = (size_t)snprintf(out, size, "%s-", name);
   bool dash = true;
   const char *end = strstr(label, " (");
   for (const char *p = label; *p && p != end && n + 1 < size; p++) {
      char c = *p;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
         out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
         dash = false;
      } else if (!dash) {
         out[n++] = '-';
         dash = true;
      }
   }
   if (n > 0 && out[n - 1] == '-')
      n--;
   out[n < size ? n : size - 1] = '\0';
}

/* Reads the period of a choice. */
static RdStatus reports_period(const ReportsChoice *ch, RdDate today, ReportPeriod *p, RdDate *monday,
                               RdError *err) {
   if (reports_weekly(ch->report)) {
      if (ch->period == WEEK_TYPED)
         return report_week_parse(ch->typed, today, monday, err);
      RdStatus st = report_week_parse(NULL, today, monday, err);
      if (ch->period == WEEK_LAST)
         *monday -= 7;
      return st;
   }
   if (ch->period == PERIOD_TYPED)
      return report_period_parse(ch->typed, report_name_unit((ReportName)ch->report), today, p, err);
   return report_period_parse(period_meaning[ch->period].which, period_meaning[ch->period].unit, today, p, err);
}

/* Makes the report of a choice and shows it in place of the one shown. */
static RdStatus reports_make(ReportsScreen *rs, App *app, const ReportsChoice *ch, RdError *err) {
   Session *s = app_session(app);
   ReportPeriod p;
   RdDate monday = RD_NO_DATE;
   RdStatus st = reports_period(ch, rs->today, &p, &monday, err);
   if (st != RD_OK)
      return st;
   bool weekly = reports_weekly(ch->report);
   ReportDoc *doc = NULL;
   WeeklyActions w;
   st = weekly ? report_weekly_actions(s, monday, NULL, NULL, &w, err)
               : report_build(s, (ReportName)ch->report, &p, &doc, err);
   if (st != RD_OK)
      return st;
   reports_drop(rs);
   rs->choice = *ch;
   rs->doc = doc;
   rs->shown = true;
   rs->stale = false;
   rs->made_on = rs->today;
   char from[RD_DATE_BUFSIZE], to[RD_DATE_BUFSIZE];
   if (weekly) {
      rs->weekly = w;
      datetime_format_date(w.week_from, from);
      datetime_format_date(w.week_to, to);
      snprintf(rs->heading, sizeof rs->heading, "weekly actions, %s to %s", from, to);
      snprintf(rs->slug, sizeof rs->slug, "actions-%s", from);
   } else {
      snprintf(rs->heading, sizeof rs->heading, "%s, %s", report_options[ch->report], p.label);
      reports_slug(report_options[ch->report], p.label, rs->slug, sizeof rs->slug);
   }
   st = reports_render(rs, weekly, err);
   ui_list_set_count(&rs->body, rs->nlines);
   return st;
}

/* --- choosing ------------------------------------------------------------------------------ */

static bool reports_check_typed(UiForm *f, int field, const char *value, char *why, size_t size) {
   (void)field;
   ReportsScreen *rs = f->ctx;
   int report = ui_form_choice_index(f, F_REPORT);
   RdError err;
   ReportPeriod p;
   RdDate monday;
   if (!*value) {
      snprintf(why, size, reports_weekly(report) ? "type an ISO week such as 2025-W51"
                                                 : "type a month (2025-12) or a reporting year (2025/26)");
      return false;
   }
   RdStatus st = reports_weekly(report) ? report_week_parse(value, rs->today, &monday, &err)
                                        : report_period_parse(value, report_name_unit((ReportName)report), rs->today,
                                                              &p, &err);
   if (st != RD_OK)
      snprintf(why, size, "%s", err.message);
   return st == RD_OK;
}

/* The period a report is first offered for: the unit it is counted in, this one. */
static int reports_default_period(int report) {
   if (reports_weekly(report))
      return 0;
   ReportUnit unit = report_name_unit((ReportName)report);
   return unit == REPORT_MONTH ? 0 : unit == REPORT_QUARTER ? 2 : 4;
}

static void reports_set_period_choice(UiForm *f, int report, int period) {
   UiField *fl = &f->fields[F_PERIOD];
   fl->options = reports_weekly(report) ? week_options : period_options;
   fl->choice = period;
   ui_form_set(f, F_PERIOD, fl->options[period]);
}

/* After each key: the periods follow the report, and the typed period shows when chosen. */
static void reports_choose_follow(ReportsScreen *rs) {
   UiForm *f = rs->choose;
   int report = ui_form_choice_index(f, F_REPORT);
   if (report != rs->choose_report) {
      reports_set_period_choice(f, report, reports_default_period(report));
      rs->choose_report = report;
      f->fields[F_TYPED].why[0] = '\0';
   }
   int typed = reports_weekly(report) ? WEEK_TYPED : PERIOD_TYPED;
   f->fields[F_TYPED].hidden = ui_form_choice_index(f, F_PERIOD) != typed;
   str_copy(f->note, report_about[report], sizeof f->note);
}

static void reports_open_choose(ReportsScreen *rs) {
   UiForm *f = xmalloc(sizeof *f);
   ui_form_init(f, "Choose a report and its period", rs);
   const ReportsChoice *ch = &rs->choice;
   ui_form_choice(f, "Report", report_options, ch->report);
   ui_form_choice(f, "Period", reports_weekly(ch->report) ? week_options : period_options, ch->period);
   ui_form_text(f, "Typed period", ch->typed, false, reports_check_typed);
   rs->choose = f;
   rs->choose_report = ch->report;
   reports_choose_follow(rs);
}

static void reports_close_form(UiForm **f) {
   if (*f) {
      ui_form_free(*f);
      free(*f);
      *f = NULL;
   }
}

static void reports_show_made(ReportsScreen *rs, App *app) {
   app_message(app, "%zu lines: PgDn/PgUp scroll, w writes them to a file, c chooses another report", rs->nlines);
}

static void reports_choose_save(ReportsScreen *rs, App *app) {
   UiForm *f = rs->choose;
   if (!ui_form_valid(f)) {
      app_error(app, "%s", f->fields[f->focus].why);
      return;
   }
   ReportsChoice ch = { ui_form_choice_index(f, F_REPORT), ui_form_choice_index(f, F_PERIOD), "" };
   if (!f->fields[F_TYPED].hidden)
      str_copy(ch.typed, ui_form_value(f, F_TYPED), sizeof ch.typed);
   RdError err;
   if (reports_make(rs, app, &ch, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   reports_close_form(&rs->choose);
   rs->body.top = 0;
   reports_show_made(rs, app);
}

static void reports_choose_key(ReportsScreen *rs, App *app, int key) {
   UiFormResult r = ui_form_key(rs->choose, key);
   reports_choose_follow(rs);
   if (r == FORM_SAVE) {
      reports_choose_save(rs, app);
   } else if (r == FORM_CANCEL) {
      reports_close_form(&rs->choose);
      if (!rs->shown)
         app_pop(app);
   }
}

/* --- writing to a file ---------------------------------------------------------------------- */

/* A path as typed, with a leading ~/ for the home folder; the caller frees it. */
static char *reports_expand(const char *typed) {
   const char *home = getenv("HOME");
   if (typed[0] == '~' && typed[1] == '/' && home && *home)
      return xasprintf("%s%s", home, typed + 1);
   return xstrdup(typed);
}

/* The file must be in a folder that exists, and not be a folder itself. */
static bool reports_check_path(UiForm *f, int field, const char *value, char *why, size_t size) {
   (void)f;
   (void)field;
   char *path = reports_expand(value);
   struct stat sb;
   bool fine = true;
   const char *slash = strrchr(path, '/');
   if (!*path) {
      snprintf(why, size, "name the file to write");
      fine = false;
   } else if (slash && !slash[1]) {
      snprintf(why, size, "%s is a folder: name a file in it", value);
      fine = false;
   } else if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
      snprintf(why, size, "%s is a folder: name a file in it", value);
      fine = false;
   } else if (slash && slash != path) {
      char *folder = xstrndup(path, (size_t)(slash - path));
      if (stat(folder, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
         snprintf(why, size, "there is no folder %s", folder);
         fine = false;
      }
      free(folder);
   }
   free(path);
   return fine;
}

/* In the folder redress was started from (the home folder, over SSH). The caller frees it. */
static char *reports_suggest(const ReportsScreen *rs, int format) {
   char cwd[PATH_MAX];
   if (!getcwd(cwd, sizeof cwd))
      str_copy(cwd, ".", sizeof cwd);
   return xasprintf("%s%s%s.%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", rs->slug, format_ext[format]);
}

static void reports_open_write(ReportsScreen *rs) {
   UiForm *f = xmalloc(sizeof *f);
   char title[200];
   snprintf(title, sizeof title, "Write %s to a file", rs->heading);
   ui_form_init(f, title, rs);
   bool weekly = reports_weekly(rs->choice.report);
   ui_form_choice(f, "Format", weekly ? weekly_format_options : format_options, 0);
   free(rs->suggested);
   rs->suggested = reports_suggest(rs, 0);
   ui_form_text(f, "File", rs->suggested, true, reports_check_path);
   str_copy(f->note, "CSV opens in Excel and LibreOffice; HTML is a page to publish or print.", sizeof f->note);
   f->focus = F_PATH;
   rs->write = f;
   rs->replace[0] = '\0';
}

/* The suggested name follows the format until the user types their own. */
static void reports_write_follow(ReportsScreen *rs) {
   UiForm *f = rs->write;
   char *now = reports_suggest(rs, ui_form_choice_index(f, F_FORMAT));
   if (strcmp(now, rs->suggested) != 0 && strcmp(ui_form_value(f, F_PATH), rs->suggested) == 0)
      ui_form_set(f, F_PATH, now);
   free(rs->suggested);
   rs->suggested = now;
}

static void reports_write_save(ReportsScreen *rs, App *app) {
   UiForm *f = rs->write;
   if (!ui_form_valid(f)) {
      app_error(app, "%s", f->fields[f->focus].why);
      return;
   }
   char *path = reports_expand(ui_form_value(f, F_PATH));
   struct stat sb;
   if (stat(path, &sb) == 0 && strcmp(rs->replace, path) != 0) {
      /* Said in the form, so it stays while the user decides. */
      snprintf(f->note, sizeof f->note, "%s exists already: ^S again replaces it, or give another name", path);
      f->note_is_warning = true;
      str_copy(rs->replace, path, sizeof rs->replace);
      free(path);
      return;
   }
   ReportFormat format = (ReportFormat)ui_form_choice_index(f, F_FORMAT);
   RdError err;
   RdStatus st = reports_weekly(rs->choice.report) ? report_weekly_write_file(&rs->weekly, format, 0, path, &err)
                                                   : report_write_file(rs->doc, format, 0, path, &err);
   if (st != RD_OK) {
      app_error(app, "%s", err.message);
      free(path);
      return;
   }
   char where[PATH_MAX];
   if (!realpath(path, where))
      str_copy(where, path, sizeof where);
   app_message(app, "Written: %s as %s to %s", rs->heading, format_options[format], where);
   free(path);
   reports_close_form(&rs->write);
}

static void reports_write_key(ReportsScreen *rs, App *app, int key) {
   UiFormResult r = ui_form_key(rs->write, key);
   reports_write_follow(rs);
   if (r == FORM_SAVE) {
      reports_write_save(rs, app);
   } else if (r == FORM_CANCEL) {
      reports_close_form(&rs->write);
      app_message(app, "nothing was written");
   }
}

/* --- the screen ----------------------------------------------------------------------------- */

static void reports_open(Screen *sc, App *app, const void *arg) {
   (void)arg;
   ReportsScreen *rs = xcalloc(1, sizeof *rs);
   sc->state = rs;
   rs->today = app_today(app);
   ui_list_init(&rs->body);
   RdError err;
   if (report_require(app_session(app), &err) != RD_OK) {
      app_error(app, "%s", err.message);
      app_pop(app);
      return;
   }
   rs->choice = (ReportsChoice){ 0, reports_default_period(0), "" };
   reports_open_choose(rs);
   app_message(app, "Choose a report and its period; ^S shows it");
}

static void reports_close(Screen *sc, App *app) {
   (void)app;
   ReportsScreen *rs = sc->state;
   reports_close_form(&rs->choose);
   reports_close_form(&rs->write);
   reports_drop(rs);
   ui_list_free(&rs->body);
   free(rs->suggested);
   free(rs);
}

static void reports_row(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   (void)selected;
   const ReportsScreen *rs = ctx;
   ui_line_add(line, rs->lines[index], width, A_NORMAL);
}

static void reports_draw_head(ReportsScreen *rs, int y) {
   UiLine line;
   char where[64];
   const char *stale = rs->stale ? "[changed: r remakes] " : "";
   size_t last = rs->body.top + (size_t)rs->body.height;
   if (last > rs->nlines)
      last = rs->nlines;
   snprintf(where, sizeof where, "lines %zu-%zu of %zu", rs->nlines ? rs->body.top + 1 : 0, last, rs->nlines);
   int ww = ui_text_width(where) + ui_text_width(stale);
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, rs->heading, COLS - ww - 1 > 0 ? COLS - ww - 1 : 0, A_BOLD);
   ui_line_add(&line, " ", 1, A_NORMAL);
   ui_line_add(&line, stale, -1, theme_style(STYLE_WARN));
   ui_line_add(&line, where, -1, A_NORMAL);
   ui_line_pad(&line, COLS, A_NORMAL);
   ui_line_show(y, 0, &line, &rs->head_cache);
}

static void reports_draw(Screen *sc, App *app, bool full) {
   ReportsScreen *rs = sc->state;
   int bottom = app_body_bottom(app);
   if (full) {
      ui_list_forget(&rs->body);
      rs->head_cache.valid = false;
      if (rs->choose)
         ui_form_forget(rs->choose);
      if (rs->write)
         ui_form_forget(rs->write);
   }
   if (rs->choose) {
      int h = ui_form_height(rs->choose, COLS);
      ui_form_draw(rs->choose, 1, COLS);
      ui_list_place(&rs->body, 1 + h, 0, bottom - h, COLS);
      rs->body.selected = -1;
      ui_list_draw(&rs->body, reports_row, rs);
      rs->head_cache.valid = false;
      if (rs->choose->cursor_y >= 0)
         app_cursor(app, rs->choose->cursor_y, rs->choose->cursor_x);
      return;
   }
   int list_bottom = rs->write ? bottom - ui_form_height(rs->write, COLS) : bottom;
   ui_list_place(&rs->body, 2, 0, list_bottom - 1, COLS);
   rs->body.selected = -1;
   reports_draw_head(rs, 1);
   ui_list_draw(&rs->body, reports_row, rs);
   if (rs->write) {
      ui_form_draw(rs->write, list_bottom + 1, COLS);
      if (rs->write->cursor_y >= 0)
         app_cursor(app, rs->write->cursor_y, rs->write->cursor_x);
   }
}

/* Makes the report shown again from the records as they are now, keeping the place in it. */
static void reports_remake(ReportsScreen *rs, App *app) {
   if (!rs->shown) {
      app_error(app, "no report is shown to make again: c chooses one");
      return;
   }
   size_t top = rs->body.top;
   ReportsChoice ch = rs->choice;
   RdError err;
   RdStatus st = reports_make(rs, app, &ch, &err);
   if (st == RD_EDENIED)
      reports_drop(rs);   /* the role was taken away meanwhile: nothing stays on the screen */
   if (st != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   rs->body.top = top;
   ui_list_set_count(&rs->body, rs->nlines);
   app_message(app, "Made again from the records as they are now: %zu lines", rs->nlines);
}

/* Scrolls the text; true when key was a scrolling key. */
static bool reports_scroll(ReportsScreen *rs, int key) {
   size_t page = rs->body.height > 1 ? (size_t)rs->body.height - 1 : 1;
   size_t last_top = rs->nlines > (size_t)rs->body.height ? rs->nlines - (size_t)rs->body.height : 0;
   size_t top = rs->body.top;
   switch (key) {
   case UI_FN(KEY_UP):
   case 'k':
      top = top > 0 ? top - 1 : 0;
      break;
   case UI_FN(KEY_DOWN):
   case 'j':
      top++;
      break;
   case UI_FN(KEY_PPAGE):
   case 'b':
      top = top > page ? top - page : 0;
      break;
   case UI_FN(KEY_NPAGE):
   case ' ':
      top += page;
      break;
   case UI_FN(KEY_HOME):
   case 'g':
      top = 0;
      break;
   case UI_FN(KEY_END):
   case 'G':
      top = last_top;
      break;
   default:
      return false;
   }
   rs->body.top = top < last_top ? top : last_top;
   return true;
}

static bool reports_key(Screen *sc, App *app, int key) {
   ReportsScreen *rs = sc->state;
   if (rs->write) {
      reports_write_key(rs, app, key);
      return true;
   }
   if (rs->choose) {
      reports_choose_key(rs, app, key);
      return true;
   }
   if (reports_scroll(rs, key))
      return true;
   switch (key) {
   case 'w':
   case 'W':
      if (rs->shown)
         reports_open_write(rs);
      else
         app_error(app, "no report is shown to write: c chooses one");
      return true;
   case 'c':
   case 'C':
   case '\n':
   case '\r':
      reports_open_choose(rs);
      return true;
   case 'r':
   case 'R':
      reports_remake(rs, app);
      return true;
   case UI_ESC:
   case 'q':
   case UI_CTRL('C'):
      app_pop(app);
      return true;
   default:
      return false;
   }
}

/* Someone committed, or the day changed ("this month" may have moved on): the report shown
 * is marked, and made again when the user asks. */
static void reports_wake(Screen *sc, App *app, unsigned why) {
   ReportsScreen *rs = sc->state;
   rs->today = app_today(app);
   if (rs->shown && ((why & WAKE_DATA) || rs->made_on != rs->today))
      rs->stale = true;
}

static bool reports_typing(const Screen *sc) {
   const ReportsScreen *rs = sc->state;
   return rs->choose != NULL || rs->write != NULL;
}

static const ScreenKey reports_choose_hints[] = {
   { 0, 0, "^S", "show it", 0, true, false },
   { 0, 0, "Left/Right", "choose", 0, true, false },
   { 0, 0, "Tab", "next field", 0, true, false },
   { 0, 0, "Esc", "back", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};
static const ScreenKey reports_write_hints[] = {
   { 0, 0, "^S", "write the file", 0, true, false },
   { 0, 0, "Esc", "cancel", 0, true, false },
   { 0, 0, "Tab", "next field", 0, true, false },
   { 0, 0, "Shift-Tab", "back", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static const ScreenKey *reports_hints(const Screen *sc) {
   const ReportsScreen *rs = sc->state;
   return rs->choose ? reports_choose_hints : rs->write ? reports_write_hints : NULL;
}

const ScreenOps reports_screen = {
   "Reports", reports_keys, reports_open, reports_draw, reports_key, reports_wake, reports_close, reports_typing,
   reports_hints,
};
