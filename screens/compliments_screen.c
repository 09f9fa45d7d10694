/* compliments: the compliments of the last twelve months, those not yet acknowledged first
 * (seed 002): log one as it is paid at the counter or on the phone, record that it was
 * acknowledged and that it was passed on to the person or team it is about. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/compliment.h"
#include "redress/xalloc.h"
#include "ui.h"

#define COMPLIMENTS_MONTHS 12

typedef struct ComplimentsScreen {
   Compliment *list;
   size_t count;
   UiList rows;
   UiLine count_cache, header_cache;
   UiLine detail_cache[2];     /* the chosen compliment in full, below the list */
   UiForm *form;               /* logging a compliment; NULL when none */
} ComplimentsScreen;

static const ScreenKey compliments_keys[] = {
   { 'n', 'N', "n", "log a compliment", 0, true, true },
   { 'a', 'A', "a", "acknowledged today", 0, true, true },
   { 'o', 'O', "o", "passed on today", 0, true, true },
   { 0, 0, "Up/Down", "move; PgUp/PgDn a page", 0, false, false },
   { UI_ESC, 'q', "Esc", "back", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static const char *const compliments_channels[] = { "in-person", "phone", "email", "letter", "web", "social-media",
                                                    "other", NULL };

static void compliments_load(ComplimentsScreen *cs, App *app) {
   Session *s = app_session(app);
   int64_t keep = cs->rows.selected >= 0 && (size_t)cs->rows.selected < cs->count ? cs->list[cs->rows.selected].id : 0;
   ComplimentFilter f = { datetime_add_months(app_today(app), -COMPLIMENTS_MONTHS), RD_NO_DATE, NULL, false };
   Compliment *list = NULL;
   size_t n = 0;
   RdError err;
   if (compliment_list(s, &f, &list, &n, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   compliment_free_list(cs->list, cs->count);
   cs->list = list;
   cs->count = n;
   ui_list_set_count(&cs->rows, n);
   for (size_t i = 0; keep && i < n; i++)
      if (list[i].id == keep)
         ui_list_select(&cs->rows, (long)i);
}

static void compliments_open(Screen *sc, App *app, const void *arg) {
   (void)arg;
   ComplimentsScreen *cs = xcalloc(1, sizeof *cs);
   sc->state = cs;
   ui_list_init(&cs->rows);
   cs->rows.row_marks_selection = true;
   compliments_load(cs, app);
}

static void compliments_close_form(ComplimentsScreen *cs) {
   if (cs->form) {
      ui_form_free(cs->form);
      free(cs->form);
   }
   cs->form = NULL;
}

static void compliments_close(Screen *sc, App *app) {
   (void)app;
   ComplimentsScreen *cs = sc->state;
   compliments_close_form(cs);
   compliment_free_list(cs->list, cs->count);
   ui_list_free(&cs->rows);
   free(cs);
}

/* "2025-12-15", or "-" when not yet. */
static void compliments_date(RdDate d, char buf[RD_DATE_BUFSIZE]) {
   if (d == RD_NO_DATE)
      str_copy(buf, "-", RD_DATE_BUFSIZE);
   else
      datetime_format_date(d, buf);
}

static void compliments_row(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   ComplimentsScreen *cs = ctx;
   const Compliment *c = &cs->list[index];
   char id[16], received[RD_DATE_BUFSIZE], acked[RD_DATE_BUFSIZE], passed[RD_DATE_BUFSIZE], about[160];
   snprintf(id, sizeof id, "#%lld", (long long)c->id);
   datetime_format_date(datetime_local_date(c->received_at), received);
   compliments_date(c->acknowledged_on, acked);
   compliments_date(c->passed_on_on, passed);
   snprintf(about, sizeof about, "%s", c->about_name ? c->about_name : c->about_team ? c->about_team : "-");
   bool waiting = c->acknowledged_on == RD_NO_DATE;
   ui_line_add(line, waiting ? "!  " : "   ", 3, waiting ? theme_style(STYLE_WARN) : A_NORMAL);
   ui_line_add(line, id, 6, selected ? theme_style(STYLE_SELECTED) : A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, received, 11, A_NORMAL);
   ui_line_add(line, *c->from_name ? c->from_name : "-", 16, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, about, 16, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, acked, 13, A_NORMAL);
   int rest = width - 3 - 7 - 11 - 17 - 17 - 13;
   ui_line_add(line, passed, rest > 0 ? rest : 0, A_NORMAL);
}

static void compliments_draw_detail(ComplimentsScreen *cs, int y) {
   char text[1200] = "";
   if (cs->rows.selected >= 0 && (size_t)cs->rows.selected < cs->count) {
      const Compliment *c = &cs->list[cs->rows.selected];
      char about[200];
      if (c->about_name)
         snprintf(about, sizeof about, "%s%s%s", c->about_name, c->about_team ? " of " : "",
                  c->about_team ? c->about_team : "");
      else
         snprintf(about, sizeof about, "the %s team", c->about_team ? c->about_team : "?");
      snprintf(text, sizeof text, "From %s, by %s, about %s: %s", *c->from_name ? c->from_name : "someone unnamed",
               c->channel, about, c->summary);
   }
   char **lines;
   size_t n = ui_wrap(text, COLS, &lines);
   for (int r = 0; r < 2; r++) {
      UiLine line;
      ui_line_start(&line, A_NORMAL);
      ui_line_add(&line, (size_t)r < n ? lines[r] : "", COLS, A_NORMAL);
      ui_line_show(y + r, 0, &line, &cs->detail_cache[r]);
   }
   ui_wrap_free(lines, n);
}

static void compliments_draw(Screen *sc, App *app, bool full) {
   ComplimentsScreen *cs = sc->state;
   if (full) {
      ui_list_forget(&cs->rows);
      cs->count_cache.valid = cs->header_cache.valid = false;
      cs->detail_cache[0].valid = cs->detail_cache[1].valid = false;
      if (cs->form)
         ui_form_forget(cs->form);
   }
   size_t waiting = 0;
   for (size_t i = 0; i < cs->count; i++)
      waiting += cs->list[i].acknowledged_on == RD_NO_DATE;
   char text[160];
   snprintf(text, sizeof text, "[last %d months] %zu compliment%s, %zu not yet acknowledged", COMPLIMENTS_MONTHS,
            cs->count, cs->count == 1 ? "" : "s", waiting);
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, text, COLS, A_BOLD);
   ui_line_show(1, 0, &line, &cs->count_cache);
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, "   No.    Received   From             About            Acknowledged Passed on", COLS,
               theme_style(STYLE_HEADER));
   ui_line_show(2, 0, &line, &cs->header_cache);
   int bottom = app_body_bottom(app);
   int list_bottom = bottom - (cs->form ? ui_form_height(cs->form, COLS) : 2);
   ui_list_place(&cs->rows, 3, 0, list_bottom - 2, COLS);
   ui_list_draw(&cs->rows, compliments_row, cs);
   if (cs->count == 0 && cs->rows.height > 0) {
      ui_put(3, 0, "  No compliments in the last twelve months: n logs one.", COLS, theme_style(STYLE_DIM));
      cs->rows.cache[0].valid = false;
   }
   if (!cs->form) {
      compliments_draw_detail(cs, list_bottom + 1);
      return;
   }
   cs->detail_cache[0].valid = cs->detail_cache[1].valid = false;
   ui_form_draw(cs->form, list_bottom + 1, COLS);
   if (cs->form->cursor_y >= 0)
      app_cursor(app, cs->form->cursor_y, cs->form->cursor_x);
}

static void compliments_start_form(ComplimentsScreen *cs) {
   UiForm *f = xmalloc(sizeof *f);
   ui_form_init(f, "Log a compliment", cs);
   ui_form_text(f, "From (their name)", "", true, NULL);
   ui_form_text(f, "About (staff login)", "", false, NULL);
   ui_form_text(f, "Or the team", "", false, NULL);
   ui_form_choice(f, "Channel", compliments_channels, 0);
   ui_form_text(f, "What they said", "", true, NULL);
   str_copy(f->note, "Name a member of staff by login, or a team, or both (seed 002)", sizeof f->note);
   cs->form = f;
}

static void compliments_save(ComplimentsScreen *cs, App *app) {
   if (!ui_form_valid(cs->form)) {
      app_error(app, "%s", cs->form->fields[cs->form->focus].why);
      return;
   }
   const UiForm *f = cs->form;
   const char *login = ui_form_value(f, 1), *team = ui_form_value(f, 2);
   NewCompliment in = { RD_NO_INSTANT, ui_form_value(f, 3), ui_form_value(f, 0), *login ? login : NULL,
                        *team ? team : NULL, ui_form_value(f, 4) };
   int64_t id = 0;
   RdError err;
   if (compliment_add(app_session(app), &in, &id, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   compliments_close_form(cs);
   app_changed(app);
   compliments_load(cs, app);
   for (size_t i = 0; i < cs->count; i++)
      if (cs->list[i].id == id)
         ui_list_select(&cs->rows, (long)i);
   app_message(app, "Saved: compliment #%lld; a when it has been acknowledged", (long long)id);
}

/* Acknowledged (ack) or passed on, today, for the compliment chosen. */
static void compliments_mark(ComplimentsScreen *cs, App *app, bool ack) {
   if (cs->rows.selected < 0 || (size_t)cs->rows.selected >= cs->count) {
      app_message(app, "no compliment is selected");
      return;
   }
   int64_t id = cs->list[cs->rows.selected].id;
   RdError err;
   RdStatus st = ack ? compliment_acknowledge(app_session(app), id, RD_NO_DATE, &err)
                     : compliment_passed_on(app_session(app), id, RD_NO_DATE, &err);
   if (st != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   app_changed(app);
   compliments_load(cs, app);
   app_message(app, "Saved: compliment #%lld %s today", (long long)id, ack ? "acknowledged" : "passed on");
}

static bool compliments_key(Screen *sc, App *app, int key) {
   ComplimentsScreen *cs = sc->state;
   if (cs->form) {
      UiFormResult r = ui_form_key(cs->form, key);
      if (r == FORM_CANCEL) {
         compliments_close_form(cs);
         app_message(app, "nothing was saved");
      } else if (r == FORM_SAVE) {
         compliments_save(cs, app);
      }
      return true;
   }
   if (ui_list_key(&cs->rows, key))
      return true;
   switch (key) {
   case 'n':
   case 'N':
      compliments_start_form(cs);
      return true;
   case 'a':
   case 'A':
      compliments_mark(cs, app, true);
      return true;
   case 'o':
   case 'O':
      compliments_mark(cs, app, false);
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

static void compliments_wake(Screen *sc, App *app, unsigned why) {
   (void)why;
   compliments_load(sc->state, app);
}

static bool compliments_typing(const Screen *sc) {
   const ComplimentsScreen *cs = sc->state;
   return cs->form != NULL;
}

static const ScreenKey *compliments_hints(const Screen *sc) {
   return compliments_typing(sc) ? ui_form_hints : NULL;
}

const ScreenOps compliments_screen = {
   "Compliments", compliments_keys, compliments_open, compliments_draw, compliments_key, compliments_wake,
   compliments_close, compliments_typing, compliments_hints,
};
