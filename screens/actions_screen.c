/* actions: outstanding actions (mine, my team, all), overdue first, tracked to completion
 * (Code 6.6, 7.3): mark one done or add an update; Enter opens its case. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/action.h"
#include "redress/xalloc.h"
#include "ui.h"

typedef enum ActionsView { VIEW_MINE, VIEW_TEAM, VIEW_ALL } ActionsView;

typedef enum ActionsForm { ACTIONS_NO_FORM, ACTIONS_DONE, ACTIONS_UPDATE } ActionsForm;

#define ACTIONS_DETAIL_ROWS 3   /* the chosen action in full, below the list */

typedef struct ActionsScreen {
   ActionsView view;
   Action *actions;
   size_t count;
   UiList list;
   UiLine count_cache, header_cache;
   UiLine detail_cache[ACTIONS_DETAIL_ROWS];
   ActionsForm form_kind;
   UiForm *form;
   int64_t form_action;
} ActionsScreen;

static const ScreenKey actions_keys[] = {
   { 'd', 'D', "d", "mark done", ROLE_HANDLER | ROLE_MANAGER, true, true },
   { 'u', 'U', "u", "add an update", ROLE_HANDLER | ROLE_MANAGER, true, true },
   { UI_ENTER, '\r', "Enter", "open its case", 0, true, false },
   { 'm', 0, "m", "mine", 0, true, false },
   { 't', 0, "t", "my team", 0, true, false },
   { 'a', 0, "a", "all", 0, true, false },
   { 0, 0, "Up/Down j/k", "move; PgUp/PgDn a page", 0, false, false },
   { UI_ESC, 'q', "Esc", "back", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static const char *actions_view_name(ActionsView v) {
   return v == VIEW_MINE ? "mine" : v == VIEW_TEAM ? "my team" : "all";
}

static void actions_load(ActionsScreen *as, App *app) {
   Session *s = app_session(app);
   int64_t keep = as->list.selected >= 0 && (size_t)as->list.selected < as->count ? as->actions[as->list.selected].id : 0;
   const char *team = *s->me.manages_team ? s->me.manages_team : s->me.team;
   ActionFilter f = { as->view == VIEW_MINE ? s->me.id : 0, as->view == VIEW_TEAM ? team : NULL, 0, false };
   Action *list = NULL;
   size_t n = 0;
   RdError err;
   if (action_list(s, &f, &list, &n, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   action_free_list(as->actions, as->count);
   as->actions = list;
   as->count = n;
   ui_list_set_count(&as->list, n);
   for (size_t i = 0; keep && i < n; i++)
      if (list[i].id == keep)
         ui_list_select(&as->list, (long)i);
}

static void actions_open(Screen *sc, App *app, const void *arg) {
   (void)arg;
   ActionsScreen *as = xcalloc(1, sizeof *as);
   sc->state = as;
   ui_list_init(&as->list);
   as->list.row_marks_selection = true;
   as->view = VIEW_MINE;
   actions_load(as, app);
}

static void actions_close_form(ActionsScreen *as) {
   if (as->form) {
      ui_form_free(as->form);
      free(as->form);
   }
   as->form = NULL;
   as->form_kind = ACTIONS_NO_FORM;
}

static void actions_close(Screen *sc, App *app) {
   (void)app;
   ActionsScreen *as = sc->state;
   actions_close_form(as);
   action_free_list(as->actions, as->count);
   ui_list_free(&as->list);
   free(as);
}

static void actions_row(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   ActionsScreen *as = ctx;
   const Action *a = &as->actions[index];
   char id[16], due[RD_DATE_BUFSIZE];
   snprintf(id, sizeof id, "#%lld", (long long)a->id);
   datetime_format_date(a->due_on, due);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, id, 6, selected ? theme_style(STYLE_SELECTED) : A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, a->ref[0] ? a->ref : "-", 9, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, due, 10, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, a->owner_login, 8, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   char what[600];
   snprintf(what, sizeof what, "%s%s%s", a->what, a->last_update ? "  (latest: " : "", a->last_update ? a->last_update : "");
   if (a->last_update)
      str_copy(what + strlen(what), ")", sizeof what - strlen(what));
   ui_line_add(line, what, width - 38 > 1 ? width - 38 : 1, A_NORMAL);
}

/* The class of each action is drawn over its first columns: the list widget's rows do not
 * know the date, the screen does. */
typedef struct ActionsDraw {
   ActionsScreen *as;
   App *app;
} ActionsDraw;

static void actions_row_classed(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   ActionsDraw *d = ctx;
   Session *s = app_session(d->app);
   const Action *a = &d->as->actions[index];
   TimerClass c = timer_classify(s->calendar, s->config->division, app_today(d->app), a->due_on, 2);
   ui_line_add(line, theme_marker(c), 2, theme_class(c));
   actions_row(d->as, index, selected, width - 2, line);
}

/* The chosen action in full: its case, owner and due date, then what it is and its latest
 * update, wrapped, which its row had to cut. */
static void actions_draw_detail(ActionsScreen *as, int y) {
   char text[1400];
   text[0] = '\0';
   char head[200] = "";
   if (as->list.selected >= 0 && (size_t)as->list.selected < as->count) {
      const Action *a = &as->actions[as->list.selected];
      char due[RD_DATE_BUFSIZE], when[17] = "";
      datetime_format_date(a->due_on, due);
      snprintf(head, sizeof head, "#%lld on %s, %s (%s), due %s", (long long)a->id, a->ref[0] ? a->ref : "no case",
               a->owner_name, a->owner_login, due);
      if (a->last_update)
         datetime_format_local(a->last_update_at, when);
      snprintf(text, sizeof text, "%s%s%s%s%s", a->what, a->last_update ? "  Latest, " : "", when,
               a->last_update ? ": " : "", a->last_update ? a->last_update : "");
   }
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, head, COLS, theme_style(STYLE_HEADER));
   ui_line_show(y, 0, &line, &as->detail_cache[0]);
   char **lines;
   size_t n = ui_wrap(text, COLS, &lines);
   for (int r = 1; r < ACTIONS_DETAIL_ROWS; r++) {
      ui_line_start(&line, A_NORMAL);
      if ((size_t)r - 1 < n)
         ui_line_add(&line, lines[r - 1], COLS, A_NORMAL);
      ui_line_pad(&line, COLS, A_NORMAL);
      ui_line_show(y + r, 0, &line, &as->detail_cache[r]);
   }
   ui_wrap_free(lines, n);
}

static void actions_draw(Screen *sc, App *app, bool full) {
   ActionsScreen *as = sc->state;
   Session *s = app_session(app);
   if (full) {
      ui_list_forget(&as->list);
      as->count_cache.valid = as->header_cache.valid = false;
      for (int r = 0; r < ACTIONS_DETAIL_ROWS; r++)
         as->detail_cache[r].valid = false;
      if (as->form)
         ui_form_forget(as->form);
   }
   size_t overdue = 0;
   for (size_t i = 0; i < as->count; i++)
      overdue += timer_classify(s->calendar, s->config->division, app_today(app), as->actions[i].due_on, 2) ==
                 TIMER_OVERDUE;
   char text[160];
   snprintf(text, sizeof text, "[%s] %zu outstanding action%s, %zu overdue", actions_view_name(as->view), as->count,
            as->count == 1 ? "" : "s", overdue);
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, text, COLS, A_BOLD);
   ui_line_show(1, 0, &line, &as->count_cache);
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, "   Action Case      Due        Owner    What", COLS, theme_style(STYLE_HEADER));
   ui_line_show(2, 0, &line, &as->header_cache);
   int bottom = app_body_bottom(app);
   int list_bottom = bottom - (as->form ? ui_form_height(as->form, COLS) : ACTIONS_DETAIL_ROWS);
   ui_list_place(&as->list, 3, 0, list_bottom - 2, COLS);
   ActionsDraw d = { as, app };
   ui_list_draw(&as->list, actions_row_classed, &d);
   if (as->count == 0 && as->list.height > 0) {
      ui_put(3, 0, "  No outstanding actions in this view.", COLS, theme_style(STYLE_DIM));
      as->list.cache[0].valid = false;
   }
   if (!as->form) {
      actions_draw_detail(as, list_bottom + 1);
   } else {
      for (int r = 0; r < ACTIONS_DETAIL_ROWS; r++)
         as->detail_cache[r].valid = false;
      ui_form_draw(as->form, list_bottom + 1, COLS);
      if (as->form->cursor_y >= 0)
         app_cursor(app, as->form->cursor_y, as->form->cursor_x);
   }
}

static void actions_start_form(ActionsScreen *as, App *app, ActionsForm kind) {
   if (as->list.selected < 0) {
      app_message(app, "no action is selected");
      return;
   }
   const Action *a = &as->actions[as->list.selected];
   char title[160];
   snprintf(title, sizeof title, kind == ACTIONS_DONE ? "Mark action #%lld done" : "Add an update to action #%lld",
            (long long)a->id);
   UiForm *f = xmalloc(sizeof *f);
   ui_form_init(f, title, as);
   ui_form_text(f, kind == ACTIONS_DONE ? "Note" : "Update", "", kind == ACTIONS_UPDATE, NULL);
   as->form = f;
   as->form_kind = kind;
   as->form_action = a->id;
}

static void actions_save(ActionsScreen *as, App *app) {
   if (!ui_form_valid(as->form)) {
      app_error(app, "%s", as->form->fields[as->form->focus].why);
      return;
   }
   RdError err;
   const char *text = ui_form_value(as->form, 0);
   RdStatus st = as->form_kind == ACTIONS_DONE
                    ? action_done(app_session(app), as->form_action, RD_NO_DATE, *text ? text : NULL, &err)
                    : action_update(app_session(app), as->form_action, text, RD_NO_INSTANT, &err);
   if (st != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   app_message(app, "Saved: action #%lld %s", (long long)as->form_action,
               as->form_kind == ACTIONS_DONE ? "is done" : "has a new update");
   actions_close_form(as);
   app_changed(app);
   actions_load(as, app);
}

static bool actions_key(Screen *sc, App *app, int key) {
   ActionsScreen *as = sc->state;
   if (as->form) {
      UiFormResult r = ui_form_key(as->form, key);
      if (r == FORM_CANCEL) {
         actions_close_form(as);
         app_message(app, "nothing was saved");
      } else if (r == FORM_SAVE) {
         actions_save(as, app);
      }
      return true;
   }
   if (ui_list_key(&as->list, key))
      return true;
   switch (key) {
   case 'm':
   case 't':
   case 'a':
      as->view = key == 'm' ? VIEW_MINE : key == 't' ? VIEW_TEAM : VIEW_ALL;
      actions_load(as, app);
      return true;
   case 'd':
   case 'D':
      actions_start_form(as, app, ACTIONS_DONE);
      return true;
   case 'u':
   case 'U':
      actions_start_form(as, app, ACTIONS_UPDATE);
      return true;
   case UI_ESC:
   case 'q':
   case UI_CTRL('C'):
      app_pop(app);
      return true;
   default:
      break;
   }
   if (!ui_key_is_enter(key))
      return false;
   if (as->list.selected < 0 || !as->actions[as->list.selected].ref[0]) {
      app_message(app, "this action belongs to no case");
      return true;
   }
   CaseOpen how = { as->actions[as->list.selected].ref, 0, NULL };
   app_push(app, &case_screen, &how);
   return true;
}

static void actions_wake(Screen *sc, App *app, unsigned why) {
   (void)why;
   actions_load(sc->state, app);
}

static bool actions_typing(const Screen *sc) {
   const ActionsScreen *as = sc->state;
   return as->form != NULL;
}

static const ScreenKey *actions_hints(const Screen *sc) {
   return actions_typing(sc) ? ui_form_hints : NULL;
}

const ScreenOps actions_screen = {
   "Actions", actions_keys, actions_open, actions_draw, actions_key, actions_wake, actions_close, actions_typing,
   actions_hints,
};
