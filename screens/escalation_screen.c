/* escalation: the cases at stage 2, requests still to acknowledge or without a handler
 * first. Assigning offers only the people who qualify and says why the others do not;
 * acknowledging and declining open the case's own forms. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/clock.h"
#include "redress/queue.h"
#include "redress/xalloc.h"
#include "ui.h"

typedef struct EscalationScreen {
   Queue *q;
   size_t *order;        /* rows of the queue in the order shown */
   size_t count;
   UiList list;
   UiLine count_cache, header_cache;
} EscalationScreen;

static const ScreenKey escalation_keys[] = {
   { UI_ENTER, '\r', "Enter", "open case", 0, true, false },
   { 'h', 'H', "h", "assign handler", ROLE_MANAGER, true, true },
   { 'a', 'A', "a", "acknowledge", ROLE_HANDLER | ROLE_MANAGER, true, true },
   { 'd', 'D', "d", "decline", ROLE_MANAGER, true, true },
   { 0, 0, "Up/Down j/k", "move; PgUp/PgDn a page", 0, false, false },
   { UI_ESC, 'q', "Esc", "back", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static int escalation_threshold(void *ctx, const char *policy) {
   Session *s = ctx;
   Policy p;
   if (!*policy || strcmp(policy, s->policy.name) == 0 || session_policy(s, policy, &p, NULL) != RD_OK)
      return s->policy.due_soon_days;
   return p.due_soon_days;
}

/* What needs a decision first: a request not yet acknowledged, then one with nobody to
 * handle it, then the rest in the queue's order of urgency. */
static int escalation_rank(const QueueRow *r) {
   if (r->next == QUEUE_NEXT_ACK)
      return 0;
   if (r->handler_id == 0)
      return 1;
   return 2;
}

static void escalation_sort(EscalationScreen *es) {
   for (size_t i = 1; i < es->count; i++) {
      size_t v = es->order[i];
      int rank = escalation_rank(queue_row(es->q, v));
      size_t j = i;
      while (j > 0 && escalation_rank(queue_row(es->q, es->order[j - 1])) > rank) {
         es->order[j] = es->order[j - 1];
         j--;
      }
      es->order[j] = v;
   }
}

static void escalation_load(EscalationScreen *es, App *app) {
   RdError err;
   const QueueRow *sel = es->list.selected >= 0 && (size_t)es->list.selected < es->count
                            ? queue_row(es->q, es->order[es->list.selected]) : NULL;
   int64_t keep = sel ? sel->id : 0;
   const Staff *me = &app_session(app)->me;
   QueueViewer viewer = { me->id, me->team, me->manages_team, staff_sees_every_confidential_case(me) };
   if (queue_load(es->q, QUEUE_STAGE2, &viewer, app_today(app), &err) != RD_OK) {
      app_error(app, "%s", err.message);
      return;
   }
   es->count = queue_count(es->q);
   es->order = xreallocarray(es->order, es->count ? es->count : 1, sizeof *es->order);
   for (size_t i = 0; i < es->count; i++)
      es->order[i] = i;
   escalation_sort(es);
   ui_list_set_count(&es->list, es->count);
   for (size_t i = 0; keep && i < es->count; i++)
      if (queue_row(es->q, es->order[i])->id == keep)
         ui_list_select(&es->list, (long)i);
}

static void escalation_open(Screen *sc, App *app, const void *arg) {
   (void)arg;
   Session *s = app_session(app);
   EscalationScreen *es = xcalloc(1, sizeof *es);
   sc->state = es;
   es->q = queue_new(s->store, s->calendar, s->config->division, escalation_threshold, s);
   ui_list_init(&es->list);
   es->list.row_marks_selection = true;
   escalation_load(es, app);
}

static void escalation_close(Screen *sc, App *app) {
   (void)app;
   EscalationScreen *es = sc->state;
   queue_free(es->q);
   free(es->order);
   ui_list_free(&es->list);
   free(es);
}

static void escalation_row(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   EscalationScreen *es = ctx;
   const QueueRow *r = queue_row(es->q, es->order[index]);
   bool clocked = r->due != RD_NO_DATE;
   attr_t cls = clocked ? theme_class(r->cls) : A_NORMAL;
   char due[RD_DATE_BUFSIZE + 8], days[16];
   datetime_format_date(r->due, due);
   if (r->awaiting_agreed_date)
      str_copy(due, "(to agree)", sizeof due);
   snprintf(days, sizeof days, "%4d", r->days_left);
   ui_line_add(line, clocked ? theme_marker(r->cls) : "  ", 2, cls);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, r->ref, 9, selected ? theme_style(STYLE_SELECTED) : A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, r->complainant, 16, A_NORMAL);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, queue_next_label(r->next, r->stage), 6, cls);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, due, 10, cls);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, r->days_left == QUEUE_NO_DAYS ? "" : days, 4, cls);
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, r->handler_id ? r->handler_login : "no handler", 10,
               r->handler_id ? A_NORMAL : theme_style(STYLE_WARN));
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, r->status, width - 61 > 1 ? width - 61 : 1, A_NORMAL);
}

static void escalation_draw(Screen *sc, App *app, bool full) {
   EscalationScreen *es = sc->state;
   if (full) {
      ui_list_forget(&es->list);
      es->count_cache.valid = es->header_cache.valid = false;
   }
   size_t to_ack = 0, unassigned = 0, overdue = 0;
   for (size_t i = 0; i < es->count; i++) {
      const QueueRow *r = queue_row(es->q, i);
      to_ack += r->next == QUEUE_NEXT_ACK;
      unassigned += r->handler_id == 0;
      overdue += r->due != RD_NO_DATE && r->cls == TIMER_OVERDUE;
   }
   char text[200];
   snprintf(text, sizeof text, "%zu at stage 2: %zu to acknowledge, %zu without a handler, %zu overdue", es->count,
            to_ack, unassigned, overdue);
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, text, COLS, A_BOLD);
   ui_line_show(1, 0, &line, &es->count_cache);
   ui_line_start(&line, A_NORMAL);
   attr_t h = theme_style(STYLE_HEADER);
   ui_line_add(&line, "   Ref       Complainant      Next   Due        Days Handler    Status", COLS, h);
   ui_line_show(2, 0, &line, &es->header_cache);
   ui_list_place(&es->list, 3, 0, app_body_bottom(app) - 2, COLS);
   ui_list_draw(&es->list, escalation_row, es);
   if (es->count == 0 && es->list.height > 0) {
      ui_put(3, 0, "  No case is at stage 2.", COLS, theme_style(STYLE_DIM));
      es->list.cache[0].valid = false;
   }
}

static bool escalation_key(Screen *sc, App *app, int key) {
   EscalationScreen *es = sc->state;
   if (ui_list_key(&es->list, key))
      return true;
   if (key == UI_ESC || key == 'q' || key == UI_CTRL('C')) {
      app_pop(app);
      return true;
   }
   int lower = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
   if (!ui_key_is_enter(key) && lower != 'h' && lower != 'a' && lower != 'd')
      return false;
   if (es->list.selected < 0) {
      app_message(app, "no case is selected");
      return true;
   }
   const QueueRow *r = queue_row(es->q, es->order[es->list.selected]);
   CaseOpen how = { r->ref, ui_key_is_enter(key) ? 0 : lower, NULL };
   app_push(app, &case_screen, &how);
   return true;
}

static void escalation_wake(Screen *sc, App *app, unsigned why) {
   (void)why;
   escalation_load(sc->state, app);
}

const ScreenOps escalation_screen = {
   "Escalations", escalation_keys, escalation_open, escalation_draw, escalation_key, escalation_wake,
   escalation_close, NULL, NULL,
};
