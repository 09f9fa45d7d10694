/* queue: the home screen. The open cases most urgent first, each with its deadline class
 * as a marker and an attribute; filters at one key; '/' narrows as you type. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/clock.h"
#include "redress/queue.h"
#include "redress/report.h"
#include "redress/text.h"
#include "redress/xalloc.h"
#include "ui.h"

typedef struct QueueScreen {
   Queue *q;
   UiList list;
   UiField search;
   bool searching;             /* the search box has the keys */
   int64_t selected_id;        /* kept across reloads */
   UiLine count_cache, header_cache;
   int cursor_x;
   size_t elsewhere;           /* open cases outside the view the search finds (empty list) */
} QueueScreen;

static const ScreenKey queue_keys[] = {
   { UI_ENTER, '\r', "Enter", "open case", 0, true, false },
   { '/', 0, "/", "search", 0, true, false },
   { 'n', 0, "n", "new complaint", ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER, true, true },
   { 'p', 0, "p", "reports", REPORT_ROLES, true, false },
   { 'm', 0, "m", "mine", 0, true, false },
   { 't', 0, "t", "team", 0, true, false },
   { 'a', 0, "a", "all", 0, true, false },
   { 'o', 0, "o", "overdue", 0, true, false },
   { 's', 0, "s", "due soon", 0, true, false },
   { '1', 0, "1", "stage 1", 0, true, false },
   { '2', 0, "2", "stage 2", 0, true, false },
   { 'r', 0, "r", "service requests", 0, false, false },
   { 'c', 0, "c", "closed", 0, false, false },
   { 'e', 0, "e", "escalations", ROLE_HANDLER | ROLE_MANAGER, false, false },
   { 'x', 0, "x", "outstanding actions", ROLE_HANDLER | ROLE_MANAGER, false, false },
   { 'f', 0, "f", "compliments: log one, acknowledge it, pass it on", 0, false, false },
   { UI_ESC, 0, "Esc", "clear the search", 0, false, false },
   { 0, 0, "Up/Down j/k", "move; PgUp/PgDn a page; Home/End g/G first and last", 0, false, false },
   { 'q', 0, "q", "quit", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static int queue_threshold(void *ctx, const char *policy) {
   Session *s = ctx;
   Policy p;
   if (!*policy || strcmp(policy, s->policy.name) == 0)
      return s->policy.due_soon_days;
   if (session_policy(s, policy, &p, NULL) != RD_OK)
      return s->policy.due_soon_days;   /* a profile gone missing still gets a warning period */
   return p.due_soon_days;
}

static QueueViewer queue_viewer(App *app) {
   const Staff *me = &app_session(app)->me;
   return (QueueViewer){ me->id, me->team, me->manages_team, staff_sees_every_confidential_case(me) };
}

/* The open cases' targets, so the timer can say when the next one changes class. */
static void queue_set_targets(QueueScreen *qs, App *app) {
   size_t n = queue_all_count(qs->q);
   TimerTarget *targets = xcalloc(n ? n : 1, sizeof *targets);
   size_t used = 0;
   for (size_t i = 0; i < n; i++) {
      const QueueRow *r = queue_all_row(qs->q, i);
      if (r->due == RD_NO_DATE || r->closed_at != RD_NO_INSTANT)
         continue;
      targets[used++] = (TimerTarget){ r->id, r->stage, r->next == QUEUE_NEXT_RESPOND ? TIMER_RESPOND : TIMER_ACK,
                                       r->due, r->due_soon_days };
   }
   timer_set_targets(app_timer(app), targets, used, clock_now());
   free(targets);
}

static void queue_remember_selection(QueueScreen *qs) {
   const QueueRow *r = qs->list.selected >= 0 ? queue_row(qs->q, (size_t)qs->list.selected) : NULL;
   qs->selected_id = r ? r->id : 0;
}

/* After the rows changed: the same case stays selected when it is still listed, else the
 * same position. */
/* How many open cases outside this view the search finds, for an empty list to say so;
 * counted when what is shown changes, not at each drawing. */
static size_t queue_count_elsewhere(const QueueScreen *qs) {
   const char *text = qs->search.value;
   QueueFilter f = queue_filter(qs->q);
   size_t n = 0;
   if (queue_count(qs->q) > 0 || !*text || f == QUEUE_ALL || f == QUEUE_CLOSED)
      return 0;
   for (size_t i = 0; i < queue_all_count(qs->q); i++)
      n += queue_row_matches(queue_all_row(qs->q, i), text);
   return n;
}

/* After what is shown changed: the selection kept on its case where it still is. */
static void queue_restore_selection(QueueScreen *qs) {
   long at = qs->selected_id ? queue_find(qs->q, qs->selected_id) : -1;
   ui_list_set_count(&qs->list, queue_count(qs->q));
   if (at >= 0)
      ui_list_select(&qs->list, at);
   queue_remember_selection(qs);
   qs->elsewhere = queue_count_elsewhere(qs);
}

static void queue_reload(QueueScreen *qs, App *app, QueueFilter filter) {
   RdError err;
   QueueViewer viewer = queue_viewer(app);
   if (queue_load(qs->q, filter, &viewer, app_today(app), &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   queue_restore_selection(qs);
   queue_set_targets(qs, app);
}

static void queue_open(Screen *sc, App *app, const void *arg) {
   (void)arg;
   Session *s = app_session(app);
   QueueScreen *qs = xcalloc(1, sizeof *qs);
   sc->state = qs;
   qs->q = queue_new(s->store, s->calendar, s->config->division, queue_threshold, s);
   ui_list_init(&qs->list);
   qs->list.row_marks_selection = true;   /* the reference is reversed, not the whole row */
   ui_field_init(&qs->search, "Search");
   queue_reload(qs, app, staff_has(&s->me, ROLE_HANDLER) ? QUEUE_MINE : QUEUE_ALL);
   if (queue_filter(qs->q) == QUEUE_MINE && queue_count(qs->q) == 0)
      queue_reload(qs, app, QUEUE_ALL);   /* nothing of mine: show everything rather than nothing */
}

static void queue_close(Screen *sc, App *app) {
   (void)app;
   QueueScreen *qs = sc->state;
   queue_free(qs->q);
   ui_list_free(&qs->list);
   ui_field_free(&qs->search);
   free(qs);
}

/* --- drawing ----------------------------------------------------------------------------- */

typedef struct QueueColumns {
   int name, status;
   int about;                  /* category and summary, on a wide terminal; 0: not shown */
} QueueColumns;

#define QUEUE_STATUS_WIDE 22    /* the status column on a terminal wide enough for more */
#define QUEUE_ABOUT_LEAST 16    /* the narrowest "about" column worth showing */
#define QUEUE_NAME_WIDE 24      /* the complainant's column beside it */

/* marker ref name stage next due days handler status: the fixed ones take 47 columns. */
static QueueColumns queue_columns(int width) {
   QueueColumns c;
   int flexible = width - 47;
   c.name = 16 + (flexible - 33) / 2;
   if (c.name > 32)
      c.name = 32;
   if (c.name < 10)
      c.name = 10;
   c.status = flexible - c.name;
   if (c.status < 1)
      c.status = 1;
   c.about = c.status - QUEUE_STATUS_WIDE - 1;
   if (c.about < QUEUE_ABOUT_LEAST) {
      c.about = 0;
      return c;
   }
   c.status = QUEUE_STATUS_WIDE;
   if (c.name > QUEUE_NAME_WIDE) {   /* what it is about says more than a long name's end */
      c.about += c.name - QUEUE_NAME_WIDE;
      c.name = QUEUE_NAME_WIDE;
   }
   return c;
}

/* The handler's login in its 8 columns, a longer one cut with an ellipsis so it is not
 * taken for another colleague's. */
static void queue_add_handler(UiLine *line, const char *login) {
   if (!*login) {
      ui_line_add(line, "-", 8, A_NORMAL);
      return;
   }
   if (ui_text_width(login) <= 8) {
      ui_line_add(line, login, 8, A_NORMAL);
      return;
   }
   char *visible = text_visible(login, 0);
   char *cut = text_fit(visible, 8, TEXT_ELLIPSIS);
   ui_line_add(line, cut, 8, A_NORMAL);
   free(cut);
   free(visible);
}

static void queue_row_line(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   QueueScreen *qs = ctx;
   const QueueRow *r = queue_row(qs->q, index);
   QueueColumns col = queue_columns(width);
   bool clocked = r->due != RD_NO_DATE;
   attr_t cls = clocked ? theme_class(r->cls) : A_NORMAL;
   char stage[4], due[RD_DATE_BUFSIZE + 8], days[16];
   snprintf(stage, sizeof stage, "%d", r->stage);
   if (r->awaiting_agreed_date)
      str_copy(due, "(to agree)", sizeof due);
   else
      datetime_format_date(r->due, due);
   if (r->days_left == QUEUE_NO_DAYS)
      days[0] = '\0';
   else
      snprintf(days, sizeof days, "%4d", r->days_left);
   ui_line_add(line, clocked ? theme_marker(r->cls) : "  ", 2, cls);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, r->ref, 9, selected ? theme_style(STYLE_SELECTED) : A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, r->complainant, col.name, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, stage, 1, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, queue_next_label(r->next, r->stage), 6, cls);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, due, 10, cls);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, days, 4, cls);
   ui_line_add(line, " ", 1, A_NORMAL);
   queue_add_handler(line, r->handler_login);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, r->status, col.status, A_NORMAL);
   if (col.about) {
      char about[400];
      snprintf(about, sizeof about, "%s: %s", r->category, r->summary);
      ui_line_add(line, " ", 1, A_NORMAL);
      ui_line_add(line, about, col.about, A_NORMAL);
   }
}

static void queue_draw_counts(QueueScreen *qs, App *app) {
   (void)app;
   QueueCounts c = queue_counts(qs->q);
   char text[256];
   if (queue_filter(qs->q) == QUEUE_CLOSED)
      snprintf(text, sizeof text, "[closed] %zu shown, the most recently closed first", c.shown);
   else
      snprintf(text, sizeof text, "[%s] %zu open: %zu overdue, %zu due today, %zu due soon",
               queue_filter_name(queue_filter(qs->q)), c.open, c.overdue, c.due_today, c.due_soon);
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   /* The counts keep the whole line unless the search field needs room beside them. */
   bool search_shown = qs->searching || qs->search.value[0];
   int room = search_shown ? COLS - 30 : COLS - 1;
   ui_line_add(&line, text, room > 0 ? room : 0, A_BOLD);
   qs->cursor_x = -1;
   if (search_shown) {
      ui_line_add(&line, "  Search: ", -1, theme_style(STYLE_KEY));
      int at = line.cols;
      int cursor = ui_field_render(&qs->search, COLS - at - 1, theme_style(STYLE_FIELD), &line);
      if (qs->searching)
         qs->cursor_x = at + cursor;
   }
   ui_line_pad(&line, COLS, A_NORMAL);
   ui_line_show(1, 0, &line, &qs->count_cache);
}

static void queue_draw_header(QueueScreen *qs) {
   QueueColumns col = queue_columns(COLS);
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   attr_t h = theme_style(STYLE_HEADER);
   ui_line_add(&line, "", 3, h);
   ui_line_add(&line, "Ref", 10, h);
   ui_line_add(&line, "Complainant", col.name + 1, h);
   ui_line_add(&line, "S", 2, h);
   ui_line_add(&line, "Next", 7, h);
   ui_line_add(&line, "Due", 11, h);
   ui_line_add(&line, "Days", 5, h);
   ui_line_add(&line, "Handler", 9, h);
   ui_line_add(&line, "Status", col.status, h);
   if (col.about)
      ui_line_add(&line, " What about", col.about + 1, h);
   ui_line_pad(&line, COLS, h);
   ui_line_show(2, 0, &line, &qs->header_cache);
}

/* What an empty list says: when a search finds nothing in this view but finds open cases
 * elsewhere (a handler searching "mine" for a resident at the counter), how many and where. */
static void queue_empty_words(const QueueScreen *qs, char *buf, size_t size) {
   size_t n = qs->elsewhere;
   if (!*qs->search.value)
      snprintf(buf, size, "  No cases in this view: try a for all.");
   else if (n)
      snprintf(buf, size, "  None in this view; %zu open case%s match%s: %sa shows %s.", n, n == 1 ? "" : "s",
               n == 1 ? "es" : "", qs->searching ? "Enter, then " : "", n == 1 ? "it" : "them");
   else
      snprintf(buf, size, "  No case matches the search (Esc clears it; c searches the closed ones).");
}

static void queue_draw(Screen *sc, App *app, bool full) {
   QueueScreen *qs = sc->state;
   if (full) {
      ui_list_forget(&qs->list);
      qs->count_cache.valid = false;
      qs->header_cache.valid = false;
   }
   queue_draw_counts(qs, app);
   queue_draw_header(qs);
   ui_list_place(&qs->list, 3, 0, app_body_bottom(app) - 2, COLS);
   ui_list_draw(&qs->list, queue_row_line, qs);
   if (queue_count(qs->q) == 0 && qs->list.height > 0) {
      /* An empty list says so rather than showing nothing; the row is drawn again as soon
       * as there is something to show. */
      char empty[160];
      queue_empty_words(qs, empty, sizeof empty);
      ui_put(qs->list.y, 0, empty, COLS, theme_style(STYLE_DIM));
      qs->list.cache[0].valid = false;
   }
   if (qs->searching && qs->cursor_x >= 0)
      app_cursor(app, 1, qs->cursor_x);
}

/* --- keys -------------------------------------------------------------------------------- */

static void queue_apply_search(QueueScreen *qs, App *app) {
   RdError err;
   if (queue_search(qs->q, qs->search.value, &err) != RD_OK)
      app_error(app, "%s", err.message);
   queue_restore_selection(qs);
}

static bool queue_search_key(QueueScreen *qs, App *app, int key) {
   if (key == UI_ESC || key == UI_CTRL('C')) {
      qs->searching = false;
      ui_field_free(&qs->search);
      ui_field_init(&qs->search, "Search");
      queue_apply_search(qs, app);
      return true;
   }
   if (ui_key_is_enter(key) || key == '\t' || key == UI_FN(KEY_DOWN) || key == UI_FN(KEY_UP)) {
      qs->searching = false;   /* the list has the keys again; the search stays */
      if (!ui_key_is_enter(key) && key != '\t')
         ui_list_key(&qs->list, key);
      queue_remember_selection(qs);
      return true;
   }
   if (ui_field_key(&qs->search, key))
      queue_apply_search(qs, app);
   return true;
}

static void queue_set(QueueScreen *qs, App *app, QueueFilter f) {
   RdError err;
   if (f == QUEUE_MINE && !app_session(app)->me.id)
      return;
   if (queue_set_filter(qs->q, f, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   queue_restore_selection(qs);
   if (f == QUEUE_TEAM && !*app_session(app)->me.team && !*app_session(app)->me.manages_team)
      app_message(app, "you are in no team: ask an admin to set yours ('redress staff update')");
   else if (queue_count(qs->q) == 0)
      app_message(app, "no cases %s%s", f == QUEUE_ALL ? "open" : "in this view",
                  *qs->search.value ? " match the search" : "");
}

static void queue_open_case(QueueScreen *qs, App *app) {
   const QueueRow *r = qs->list.selected >= 0 ? queue_row(qs->q, (size_t)qs->list.selected) : NULL;
   if (!r) {
      app_message(app, "no case is selected");
      return;
   }
   CaseOpen how = { r->ref, 0, NULL };
   app_push(app, &case_screen, &how);
}

static bool queue_filter_key(QueueScreen *qs, App *app, int key) {
   static const struct {
      int key;
      QueueFilter filter;
   } filters[] = {
      { 'a', QUEUE_ALL }, { 'm', QUEUE_MINE }, { 't', QUEUE_TEAM }, { '1', QUEUE_STAGE1 }, { '2', QUEUE_STAGE2 },
      { 'o', QUEUE_OVERDUE }, { 's', QUEUE_DUE_SOON }, { 'r', QUEUE_SERVICE }, { 'c', QUEUE_CLOSED },
   };
   for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
      if (filters[i].key == key) {
         queue_set(qs, app, filters[i].filter);
         return true;
      }
   }
   return false;
}

static bool queue_key(Screen *sc, App *app, int key) {
   QueueScreen *qs = sc->state;
   if (qs->searching)
      return queue_search_key(qs, app, key);
   if (ui_list_key(&qs->list, key)) {
      queue_remember_selection(qs);
      return true;
   }
   if (queue_filter_key(qs, app, key))
      return true;
   switch (key) {
   case '/':
      qs->searching = true;
      qs->search.cursor = strlen(qs->search.value);
      return true;
   case UI_ESC:
   case UI_CTRL('C'):
      if (qs->search.value[0])
         queue_search_key(qs, app, UI_ESC);
      return true;
   case '\n':
   case '\r':
      queue_open_case(qs, app);
      return true;
   case 'n':
      app_push(app, &intake_screen, NULL);
      return true;
   case 'e':
      app_push(app, &escalation_screen, NULL);
      return true;
   case 'x':
      app_push(app, &actions_screen, NULL);
      return true;
   case 'f':
      app_push(app, &compliments_screen, NULL);
      return true;
   case 'p':
      app_push(app, &reports_screen, NULL);
      return true;
   case 'q':
      app_quit(app);
      return true;
   default:
      return false;
   }
}

/* Someone saved: only the cases they changed are read again (queue_refresh), so a save
 * costs each screen open on the server what one case costs, not the whole queue. */
static void queue_refresh_rows(QueueScreen *qs, App *app) {
   RdError err;
   bool changed = false;
   if (queue_refresh(qs->q, &changed, &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   if (!changed)
      return;
   queue_restore_selection(qs);
   queue_set_targets(qs, app);
}

static void queue_wake(Screen *sc, App *app, unsigned why) {
   QueueScreen *qs = sc->state;
   if (why & WAKE_DATA) {
      queue_refresh_rows(qs, app);
      return;
   }
   if (why & WAKE_TIME) {
      queue_set_today(qs->q, app_today(app));
      queue_restore_selection(qs);
   }
}

static bool queue_typing(const Screen *sc) {
   const QueueScreen *qs = sc->state;
   return qs->searching;
}

const ScreenOps queue_screen = {
   "Queue", queue_keys, queue_open, queue_draw, queue_key, queue_wake, queue_close, queue_typing, NULL,
};
