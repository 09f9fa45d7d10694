/* help: every key of the screen it was opened from, with what it does and who may use
 * it, and the keys that work everywhere. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/xalloc.h"
#include "ui.h"

typedef struct HelpLine {
   char key[24];
   char what[160];
   bool allowed;
} HelpLine;

typedef struct HelpScreen {
   char about[64];
   HelpLine *lines;
   size_t count;
   UiList list;
   UiLine head_cache;
} HelpScreen;

static const ScreenKey help_keys[] = {
   { UI_ESC, 'q', "Esc", "back", 0, true, false },
   { 0, 0, "Up/Down", "scroll", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

static void help_add(HelpScreen *h, const char *key, const char *what, bool allowed) {
   h->lines = xreallocarray(h->lines, h->count + 1, sizeof *h->lines);
   HelpLine *l = &h->lines[h->count++];
   str_copy(l->key, key, sizeof l->key);
   str_copy(l->what, what, sizeof l->what);
   l->allowed = allowed;
}

/* A key whose words are wider than the screen goes on over more lines, under its words. */
static void help_add_wrapped(HelpScreen *h, const char *key, const char *what, bool allowed) {
   char **lines;
   size_t n = ui_wrap(what, COLS - 16, &lines);
   for (size_t i = 0; i < n; i++)
      help_add(h, i ? "" : key, lines[i], allowed);
   if (n == 0)
      help_add(h, key, "", allowed);
   ui_wrap_free(lines, n);
}

static void help_role_note(unsigned roles, char *buf, size_t size) {
   char list[64];
   staff_format_roles(roles, list, sizeof list);
   for (char *c = list; *c; c++)
      if (*c == ',')
         *c = '/';
   snprintf(buf, size, " (needs %s; not your role)", list);
}

static void help_open(Screen *sc, App *app, const void *arg) {
   const Screen *of = arg;
   HelpScreen *h = xcalloc(1, sizeof *h);
   sc->state = h;
   snprintf(h->about, sizeof h->about, "Keys of the %s screen", of->ops->name);
   ui_list_init(&h->list);
   for (const ScreenKey *k = of->ops->keys; k && k->label; k++) {
      bool allowed = app_has_role(app, k->roles);
      char what[160], note[96] = "";
      if (!allowed)
         help_role_note(k->roles, note, sizeof note);
      snprintf(what, sizeof what, "%s%s", k->what, note);
      help_add_wrapped(h, k->label, what, allowed);
   }
   help_add(h, "", "", true);
   help_add(h, "?  or F1", "this help (in a form field, F1)", true);
   help_add(h, "^L", "repaint the whole screen", true);
   help_add(h, "^C", "cancel the form or search being typed", true);
   ui_list_set_count(&h->list, h->count);
}

static void help_row(void *ctx, size_t index, bool selected, int width, UiLine *line) {
   (void)selected;
   const HelpLine *l = &((HelpScreen *)ctx)->lines[index];
   ui_line_add(line, " ", 1, A_NORMAL);
   ui_line_add(line, l->key, 14, l->allowed ? theme_style(STYLE_KEY) : theme_style(STYLE_DIM));
   ui_line_add(line, l->what, width - 15, l->allowed ? A_NORMAL : theme_style(STYLE_DIM));
}

static void help_draw(Screen *sc, App *app, bool full) {
   HelpScreen *h = sc->state;
   if (full) {
      ui_list_forget(&h->list);
      h->head_cache.valid = false;
   }
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, h->about, COLS, theme_style(STYLE_HEADER));
   ui_line_show(1, 0, &line, &h->head_cache);
   ui_list_place(&h->list, 2, 0, app_body_bottom(app) - 1, COLS);
   h->list.selected = -1;   /* help scrolls; nothing in it is chosen */
   ui_list_draw(&h->list, help_row, h);
}

static bool help_key(Screen *sc, App *app, int key) {
   HelpScreen *h = sc->state;
   long page = h->list.height > 1 ? h->list.height - 1 : 1;
   size_t last_top = h->count > (size_t)h->list.height ? h->count - (size_t)h->list.height : 0;
   switch (key) {
   case UI_FN(KEY_DOWN):
   case 'j':
      if (h->list.top < last_top)
         h->list.top++;
      return true;
   case UI_FN(KEY_UP):
   case 'k':
      if (h->list.top > 0)
         h->list.top--;
      return true;
   case UI_FN(KEY_NPAGE):
   case ' ':
      h->list.top = h->list.top + (size_t)page < last_top ? h->list.top + (size_t)page : last_top;
      return true;
   case UI_FN(KEY_PPAGE):
      h->list.top = h->list.top > (size_t)page ? h->list.top - (size_t)page : 0;
      return true;
   default:
      app_pop(app);   /* any other key goes back */
      return true;
   }
}

static void help_close(Screen *sc, App *app) {
   (void)app;
   HelpScreen *h = sc->state;
   ui_list_free(&h->list);
   free(h->lines);
   free(h);
}

const ScreenOps help_screen = {
   "Help", help_keys, help_open, help_draw, help_key, NULL, help_close, NULL, NULL,
};
