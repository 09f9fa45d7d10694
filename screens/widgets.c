/* widgets: lines drawn only when they change, scrolling lists, and one-line form fields
 * that edit UTF-8 and check their value as it is typed. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "redress/text.h"
#include "redress/xalloc.h"
#include "ui.h"

/* --- keys ------------------------------------------------------------------------------ */

bool ui_key_is_enter(int key) {
   return key == '\n' || key == '\r' || key == UI_FN(KEY_ENTER);
}

bool ui_key_is_backspace(int key) {
   return key == UI_FN(KEY_BACKSPACE) || key == 0x7f || key == UI_CTRL('H');
}

/* --- lines ----------------------------------------------------------------------------- */

void ui_line_start(UiLine *line, attr_t base) {
   line->len = 0;
   line->cols = 0;
   line->base = base;
   line->nseg = 0;
   line->text[0] = '\0';
   line->valid = true;
}

static void ui_line_segment(UiLine *line, int from, attr_t attr) {
   if (from == line->len)
      return;
   UiSeg *last = line->nseg ? &line->seg[line->nseg - 1] : NULL;
   if (last && last->attr == attr && last->to == from) {
      last->to = line->len;
      return;
   }
   if (line->nseg == UI_LINE_SEGS) {   /* out of segments: the rest keeps the last look */
      last->to = line->len;
      return;
   }
   line->seg[line->nseg++] = (UiSeg){ from, line->len, attr };
}

static bool ui_line_append(UiLine *line, const char *bytes, size_t n) {
   if ((size_t)line->len + n >= UI_LINE_BYTES)
      return false;
   memcpy(line->text + line->len, bytes, n);
   line->len += (int)n;
   line->text[line->len] = '\0';
   return true;
}

int ui_line_add(UiLine *line, const char *text, int width, attr_t attr) {
   int from = line->len;
   int used = 0;
   char glyph[UI_GLYPH_BYTES];
   char *vis = text_visible(text ? text : "", 0);
   const char *p = vis;
   while (*p) {
      int w = ui_glyph(&p, glyph);
      if (width >= 0 && used + w > width)
         break;
      if (!ui_line_append(line, glyph, strlen(glyph)))
         break;
      used += w;
   }
   free(vis);
   while (width >= 0 && used < width && ui_line_append(line, " ", 1))
      used++;
   line->cols += used;
   ui_line_segment(line, from, attr);
   return used;
}

void ui_line_pad(UiLine *line, int width, attr_t attr) {
   int from = line->len;
   while (line->cols < width && ui_line_append(line, " ", 1))
      line->cols++;
   ui_line_segment(line, from, attr);
}

static bool ui_line_same(const UiLine *a, const UiLine *b) {
   if (!b->valid || a->len != b->len || a->cols != b->cols || a->base != b->base || a->nseg != b->nseg)
      return false;
   for (int i = 0; i < a->nseg; i++)
      if (a->seg[i].from != b->seg[i].from || a->seg[i].to != b->seg[i].to || a->seg[i].attr != b->seg[i].attr)
         return false;
   return memcmp(a->text, b->text, (size_t)a->len) == 0;
}

void ui_line_show(int y, int x, const UiLine *line, UiLine *cache) {
   if (cache && ui_line_same(line, cache))
      return;
   move(y, x);
   for (int i = 0; i < line->nseg; i++) {
      const UiSeg *s = &line->seg[i];
      attrset(s->attr | line->base);
      addnstr(line->text + s->from, s->to - s->from);
   }
   attrset(A_NORMAL);
   if (cache) {
      memcpy(cache->text, line->text, (size_t)line->len + 1);
      cache->len = line->len;
      cache->cols = line->cols;
      cache->base = line->base;
      cache->nseg = line->nseg;
      memcpy(cache->seg, line->seg, sizeof line->seg[0] * (size_t)line->nseg);
      cache->valid = true;
   }
}

void ui_put(int y, int x, const char *text, int width, attr_t attr) {
   UiLine line;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, text, width, attr);
   ui_line_show(y, x, &line, NULL);
}

/* --- wrapping ------------------------------------------------------------------------- */

size_t ui_wrap(const char *text, int width, char ***lines) {
   char *vis = text_visible(text ? text : "", TEXT_KEEP_NEWLINE);
   char **out = NULL;
   size_t n = 0;
   if (width < 8)
      width = 8;
   const char *p = vis;
   while (*p) {
      const char *end = p, *cut = NULL;
      int cols = 0;
      char glyph[UI_GLYPH_BYTES];
      while (*end && *end != '\n') {
         const char *before = end;
         int w = ui_glyph(&end, glyph);
         if (cols + w > width) {
            end = before;
            break;
         }
         cols += w;
         if (*before == ' ')
            cut = before;
      }
      if (*end && *end != '\n' && cut && cut > p)
         end = cut;
      if (end == p && *end && *end != '\n')
         ui_glyph(&end, glyph);   /* a character wider than the width still moves on */
      out = xreallocarray(out, n + 1, sizeof *out);
      out[n++] = xstrndup(p, (size_t)(end - p));
      p = end;
      while (*p == ' ' || *p == '\n')
         p++;
   }
   free(vis);
   *lines = out;
   return n;
}

void ui_wrap_free(char **lines, size_t count) {
   for (size_t i = 0; i < count; i++)
      free(lines[i]);
   free(lines);
}

/* --- list ------------------------------------------------------------------------------ */

void ui_list_init(UiList *l) {
   memset(l, 0, sizeof *l);
   l->selected = -1;
}

void ui_list_free(UiList *l) {
   free(l->cache);
   l->cache = NULL;
   l->cache_rows = 0;
}

void ui_list_forget(UiList *l) {
   for (int i = 0; i < l->cache_rows; i++)
      l->cache[i].valid = false;
}

static void ui_list_keep_visible(UiList *l) {
   if (l->height <= 0)
      return;
   if (l->count == 0) {
      l->top = 0;
      return;
   }
   if (l->selected >= 0) {
      if ((size_t)l->selected < l->top)
         l->top = (size_t)l->selected;
      else if ((size_t)l->selected >= l->top + (size_t)l->height)
         l->top = (size_t)l->selected - (size_t)l->height + 1;
   }
   /* No empty rows at the end while there are rows above to show. */
   if (l->top + (size_t)l->height > l->count)
      l->top = l->count > (size_t)l->height ? l->count - (size_t)l->height : 0;
}

void ui_list_place(UiList *l, int y, int x, int height, int width) {
   if (height < 0)
      height = 0;
   if (height != l->cache_rows) {
      l->cache = xreallocarray(l->cache, height ? (size_t)height : 1, sizeof *l->cache);
      l->cache_rows = height;
      ui_list_forget(l);
   }
   if (y != l->y || x != l->x || width != l->width)
      ui_list_forget(l);
   l->y = y;
   l->x = x;
   l->height = height;
   l->width = width;
   ui_list_keep_visible(l);
}

void ui_list_set_count(UiList *l, size_t count) {
   l->count = count;
   if (count == 0)
      l->selected = -1;
   else if (l->selected < 0)
      l->selected = 0;
   else if ((size_t)l->selected >= count)
      l->selected = (long)count - 1;
   ui_list_keep_visible(l);
}

void ui_list_select(UiList *l, long index) {
   if (l->count == 0) {
      l->selected = -1;
      return;
   }
   if (index < 0)
      index = 0;
   if ((size_t)index >= l->count)
      index = (long)l->count - 1;
   l->selected = index;
   ui_list_keep_visible(l);
}

bool ui_list_key(UiList *l, int key) {
   long page = l->height > 1 ? l->height - 1 : 1;
   switch (key) {
   case UI_FN(KEY_UP):
   case 'k':
      ui_list_select(l, l->selected - 1);
      return true;
   case UI_FN(KEY_DOWN):
   case 'j':
      ui_list_select(l, l->selected + 1);
      return true;
   case UI_FN(KEY_PPAGE):
      ui_list_select(l, l->selected - page);
      return true;
   case UI_FN(KEY_NPAGE):
   case ' ':
      ui_list_select(l, l->selected + page);
      return true;
   case UI_FN(KEY_HOME):
   case 'g':
      ui_list_select(l, 0);
      return true;
   case UI_FN(KEY_END):
   case 'G':
      ui_list_select(l, (long)l->count - 1);
      return true;
   default:
      return false;
   }
}

void ui_list_draw(UiList *l, UiRowFn row, void *ctx) {
   UiLine line;
   for (int r = 0; r < l->height; r++) {
      size_t index = l->top + (size_t)r;
      if (index < l->count) {
         bool selected = l->selected >= 0 && (size_t)l->selected == index;
         ui_line_start(&line, selected && !l->row_marks_selection ? theme_style(STYLE_SELECTED) : A_NORMAL);
         row(ctx, index, selected, l->width, &line);
         ui_line_pad(&line, l->width, A_NORMAL);
      } else {
         ui_line_start(&line, A_NORMAL);
         ui_line_pad(&line, l->width, A_NORMAL);
      }
      ui_line_show(l->y + r, l->x, &line, &l->cache[r]);
   }
}

/* --- form fields ----------------------------------------------------------------------- */

void ui_form_init(UiForm *f, const char *title, void *ctx) {
   memset(f, 0, sizeof *f);
   str_copy(f->title, title, sizeof f->title);
   f->ctx = ctx;
}

void ui_form_free(UiForm *f) {
   for (int i = 0; i < f->count; i++)
      free(f->fields[i].value);
   f->count = 0;
}

void ui_form_forget(UiForm *f) {
   for (int i = 0; i < UI_FORM_ROWS; i++)
      f->cache[i].valid = false;
}

static UiField *ui_form_add(UiForm *f, UiFieldKind kind, const char *label) {
   if (f->count == UI_FORM_FIELDS)
      abort();   /* a programming error: forms are small and fixed */
   UiField *fl = &f->fields[f->count++];
   memset(fl, 0, sizeof *fl);
   fl->kind = kind;
   fl->label = label;
   fl->cap = 64;
   fl->value = xcalloc(1, fl->cap);
   return fl;
}

static void ui_field_assign(UiField *fl, const char *value) {
   size_t len = strlen(value ? value : "");
   if (len + 1 > fl->cap) {
      fl->cap = len + 64;
      fl->value = xrealloc(fl->value, fl->cap);
   }
   memcpy(fl->value, value ? value : "", len + 1);
   fl->cursor = len;
   fl->scroll = 0;
}

int ui_form_text(UiForm *f, const char *label, const char *initial, bool required, UiCheckFn check) {
   UiField *fl = ui_form_add(f, FIELD_TEXT, label);
   fl->required = required;
   fl->check = check;
   ui_field_assign(fl, initial);
   return f->count - 1;
}

int ui_form_choice(UiForm *f, const char *label, const char *const *options, int initial) {
   UiField *fl = ui_form_add(f, FIELD_CHOICE, label);
   fl->options = options;
   fl->choice = initial;
   ui_field_assign(fl, options[initial]);
   return f->count - 1;
}

int ui_form_yesno(UiForm *f, const char *label, bool initial) {
   UiField *fl = ui_form_add(f, FIELD_YESNO, label);
   ui_field_assign(fl, initial ? "yes" : "no");
   return f->count - 1;
}

const char *ui_form_value(const UiForm *f, int field) {
   return f->fields[field].value;
}

bool ui_form_yes(const UiForm *f, int field) {
   return strcmp(f->fields[field].value, "yes") == 0;
}

int ui_form_choice_index(const UiForm *f, int field) {
   return f->fields[field].choice;
}

void ui_form_set(UiForm *f, int field, const char *value) {
   ui_field_assign(&f->fields[field], value);
}

static bool ui_field_check(UiForm *f, int i) {
   UiField *fl = &f->fields[i];
   fl->why[0] = '\0';
   if (fl->hidden)
      return true;
   if (fl->required && fl->kind == FIELD_TEXT && fl->value[strspn(fl->value, " ")] == '\0') {
      snprintf(fl->why, sizeof fl->why, "%s must be given", fl->label);
      return false;
   }
   if (fl->check && !fl->check(f, i, fl->value, fl->why, sizeof fl->why))
      return false;
   fl->why[0] = '\0';
   return true;
}

bool ui_form_valid(UiForm *f) {
   int first_bad = -1;
   for (int i = 0; i < f->count; i++)
      if (!ui_field_check(f, i) && first_bad < 0)
         first_bad = i;
   if (first_bad >= 0)
      f->focus = first_bad;
   return first_bad < 0;
}

/* Other fields may depend on this one (a hidden field appearing): check them all. */
static void ui_form_recheck(UiForm *f) {
   for (int i = 0; i < f->count; i++)
      if (i == f->focus || f->fields[i].why[0])
         ui_field_check(f, i);
}

static void ui_form_move(UiForm *f, int step) {
   int i = f->focus;
   for (int n = 0; n < f->count; n++) {
      i = (i + step + f->count) % f->count;
      if (!f->fields[i].hidden) {
         f->focus = i;
         return;
      }
   }
}

static int ui_form_last_visible(const UiForm *f) {
   for (int i = f->count - 1; i >= 0; i--)
      if (!f->fields[i].hidden)
         return i;
   return 0;
}

static size_t ui_prev_char(const char *s, size_t at) {
   if (at == 0)
      return 0;
   at--;
   while (at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80)
      at--;
   return at;
}

static size_t ui_next_char(const char *s, size_t at) {
   if (!s[at])
      return at;
   at++;
   while (s[at] && ((unsigned char)s[at] & 0xc0) == 0x80)
      at++;
   return at;
}

static void ui_text_insert(UiField *fl, int key) {
   char bytes[MB_LEN_MAX + 1];
   size_t n;
   if (key < 0x80) {
      bytes[0] = (char)key;
      n = 1;
   } else {
      mbstate_t state;
      memset(&state, 0, sizeof state);
      n = wcrtomb(bytes, (wchar_t)key, &state);
      if (n == (size_t)-1)
         return;
   }
   size_t len = strlen(fl->value);
   if (len + n + 1 > fl->cap) {
      fl->cap = (len + n + 1) * 2;
      fl->value = xrealloc(fl->value, fl->cap);
   }
   memmove(fl->value + fl->cursor + n, fl->value + fl->cursor, len - fl->cursor + 1);
   memcpy(fl->value + fl->cursor, bytes, n);
   fl->cursor += n;
}

static void ui_text_delete(UiField *fl, size_t from, size_t to) {
   size_t len = strlen(fl->value);
   memmove(fl->value + from, fl->value + to, len - to + 1);
   fl->cursor = from;
}

/* Returns true when the value changed. */
static bool ui_text_key(UiField *fl, int key) {
   size_t len = strlen(fl->value);
   if (ui_key_is_backspace(key)) {
      if (fl->cursor == 0)
         return false;
      ui_text_delete(fl, ui_prev_char(fl->value, fl->cursor), fl->cursor);
      return true;
   }
   switch (key) {
   case UI_FN(KEY_DC):
   case UI_CTRL('D'):
      if (fl->cursor < len)
         ui_text_delete(fl, fl->cursor, ui_next_char(fl->value, fl->cursor));
      return true;
   case UI_FN(KEY_LEFT):
   case UI_CTRL('B'):
      fl->cursor = ui_prev_char(fl->value, fl->cursor);
      return false;
   case UI_FN(KEY_RIGHT):
   case UI_CTRL('F'):
      fl->cursor = ui_next_char(fl->value, fl->cursor);
      return false;
   case UI_FN(KEY_HOME):
   case UI_CTRL('A'):
      fl->cursor = 0;
      return false;
   case UI_FN(KEY_END):
   case UI_CTRL('E'):
      fl->cursor = len;
      return false;
   case UI_CTRL('U'):
      ui_text_delete(fl, 0, fl->cursor);
      return true;
   case UI_CTRL('K'):
      fl->value[fl->cursor] = '\0';
      return true;
   default:
      break;
   }
   if (!UI_IS_FN(key) && key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0)) {
      ui_text_insert(fl, key);
      return true;
   }
   return false;
}

static int ui_option_count(const char *const *options) {
   int n = 0;
   while (options[n])
      n++;
   return n;
}

static bool ui_choice_key(UiField *fl, int key) {
   int n = ui_option_count(fl->options);
   int was = fl->choice;
   if (key == UI_FN(KEY_RIGHT) || key == ' ' || key == '+')
      fl->choice = (fl->choice + 1) % n;
   else if (key == UI_FN(KEY_LEFT) || key == '-')
      fl->choice = (fl->choice + n - 1) % n;
   else if (!UI_IS_FN(key) && key < 0x80 && isalnum(key)) {
      for (int k = 1; k <= n; k++) {   /* the next option starting with the letter */
         int i = (fl->choice + k) % n;
         if (tolower((unsigned char)fl->options[i][0]) == tolower(key)) {
            fl->choice = i;
            break;
         }
      }
   }
   if (fl->choice == was)
      return false;
   ui_field_assign(fl, fl->options[fl->choice]);
   return true;
}

static bool ui_yesno_key(UiField *fl, int key) {
   bool yes = strcmp(fl->value, "yes") == 0;
   if (key == 'y' || key == 'Y')
      yes = true;
   else if (key == 'n' || key == 'N')
      yes = false;
   else if (key == ' ' || key == UI_FN(KEY_LEFT) || key == UI_FN(KEY_RIGHT))
      yes = !yes;
   else
      return false;
   ui_field_assign(fl, yes ? "yes" : "no");
   return true;
}

UiFormResult ui_form_key(UiForm *f, int key) {
   if (key == UI_ESC || key == UI_CTRL('C'))
      return FORM_CANCEL;
   if (key == UI_CTRL('S') || key == UI_FN(KEY_F(10)))
      return FORM_SAVE;
   if (ui_key_is_enter(key)) {
      if (f->focus == ui_form_last_visible(f))
         return FORM_SAVE;
      ui_form_move(f, 1);
      return FORM_CONTINUE;
   }
   if (key == '\t' || key == UI_FN(KEY_DOWN)) {
      ui_form_move(f, 1);
      return FORM_CONTINUE;
   }
   if (key == UI_FN(KEY_BTAB) || key == UI_FN(KEY_UP)) {
      ui_form_move(f, -1);
      return FORM_CONTINUE;
   }
   UiField *fl = &f->fields[f->focus];
   bool changed = fl->kind == FIELD_TEXT ? ui_text_key(fl, key)
                  : fl->kind == FIELD_CHOICE ? ui_choice_key(fl, key) : ui_yesno_key(fl, key);
   if (changed)
      ui_form_recheck(f);
   return FORM_CONTINUE;
}

const ScreenKey ui_form_hints[] = {
   { 0, 0, "^S", "save", 0, true, false },
   { 0, 0, "Esc", "cancel", 0, true, false },
   { 0, 0, "Tab", "next field", 0, true, false },
   { 0, 0, "Shift-Tab", "back", 0, true, false },
   { 0, 0, NULL, NULL, 0, false, false },
};

#define UI_LABEL_COLS 22       /* the least a label takes, its marks included */

/* Columns before the fields: the widest shown label with its marks, but never more than half
 * the screen, so a long label is shown whole rather than written over by its field. */
static int ui_form_label_cols(const UiForm *f, int width) {
   int cols = UI_LABEL_COLS;
   for (int i = 0; i < f->count; i++) {
      const UiField *fl = &f->fields[i];
      int need = fl->hidden ? 0 : 2 + ui_text_width(fl->label) + fl->required + 2;
      if (need > cols)
         cols = need;
   }
   int most = width / 2 > UI_LABEL_COLS ? width / 2 : UI_LABEL_COLS;
   return cols < most ? cols : most;
}

/* Rows the note takes at this width: wrapped, at most UI_FORM_NOTE_ROWS. */
static int ui_form_note_rows(const UiForm *f, int width) {
   if (!f->note[0])
      return 0;
   char **lines;
   size_t n = ui_wrap(f->note, width, &lines);
   ui_wrap_free(lines, n);
   return n > UI_FORM_NOTE_ROWS ? UI_FORM_NOTE_ROWS : (int)n;
}

int ui_form_height(const UiForm *f, int width) {
   int shown = 0;
   for (int i = 0; i < f->count; i++)
      shown += !f->fields[i].hidden;
   return 1 + ui_form_note_rows(f, width) + shown + 2;
}

/* Columns of value before byte offset upto. */
static int ui_cols_before(const char *value, size_t upto) {
   int cols = 0;
   char glyph[UI_GLYPH_BYTES];
   const char *p = value;
   while (*p && (size_t)(p - value) < upto)
      cols += ui_raw_glyph(&p, glyph);
   return cols;
}

/* The text of a field from column scroll, width columns. */
static void ui_field_text(UiLine *line, const char *value, int scroll, int width, attr_t attr) {
   char glyph[UI_GLYPH_BYTES];
   const char *p = value;
   int col = 0;
   while (*p && col < scroll)
      col += ui_raw_glyph(&p, glyph);
   ui_line_add(line, p, width, attr);
}

int ui_field_render(UiField *fl, int width, attr_t attr, UiLine *line) {
   int cursor_col = ui_cols_before(fl->value, fl->cursor);
   if (cursor_col < fl->scroll)
      fl->scroll = cursor_col;
   else if (cursor_col >= fl->scroll + width)
      fl->scroll = cursor_col - width + 1;
   ui_field_text(line, fl->value, fl->scroll, width, attr);
   return cursor_col - fl->scroll;
}

bool ui_field_key(UiField *fl, int key) {
   return ui_text_key(fl, key);
}

void ui_field_init(UiField *fl, const char *label) {
   memset(fl, 0, sizeof *fl);
   fl->kind = FIELD_TEXT;
   fl->label = label;
   fl->cap = 64;
   fl->value = xcalloc(1, fl->cap);
}

void ui_field_free(UiField *fl) {
   free(fl->value);
   fl->value = NULL;
}

static void ui_form_field_line(UiForm *f, int i, int width, int label_cols, UiLine *line) {
   UiField *fl = &f->fields[i];
   bool focused = i == f->focus && !f->unfocused;
   ui_line_start(line, A_NORMAL);
   ui_line_add(line, focused ? ">" : " ", 1, theme_style(STYLE_KEY));
   ui_line_add(line, fl->why[0] ? "!" : " ", 1, theme_style(STYLE_ERROR));
   char label[96];
   snprintf(label, sizeof label, "%s%s:", fl->label, fl->required ? "*" : "");
   ui_line_add(line, label, label_cols - 2, focused ? theme_style(STYLE_HEADER) : A_NORMAL);
   int fw = width - label_cols - 1;
   if (fw < 4)
      fw = 4;
   if (fl->kind == FIELD_TEXT) {
      int cursor = ui_field_render(fl, fw, theme_style(STYLE_FIELD), line);
      if (focused)
         f->cursor_x = label_cols + cursor;
   } else {
      char shown[160];
      snprintf(shown, sizeof shown, fl->kind == FIELD_CHOICE ? "< %s >" : "[%s]", fl->value);
      ui_line_add(line, shown, -1, focused ? theme_style(STYLE_SELECTED) : theme_style(STYLE_FIELD));
      if (focused)
         f->cursor_x = label_cols + 2;
   }
   ui_line_pad(line, width, A_NORMAL);
}

/* The note, wrapped at spaces, from row; returns the row after it. */
static int ui_form_draw_note(UiForm *f, int y, int row, int width) {
   if (!f->note[0])
      return row;
   char **lines;
   size_t n = ui_wrap(f->note, width, &lines);
   for (size_t k = 0; k < n && k < UI_FORM_NOTE_ROWS; k++) {
      UiLine line;
      ui_line_start(&line, A_NORMAL);
      ui_line_add(&line, lines[k], width, f->note_is_warning ? theme_style(STYLE_WARN) : A_NORMAL);
      ui_line_show(y + row, 0, &line, &f->cache[row]);
      row++;
   }
   ui_wrap_free(lines, n);
   return row;
}

void ui_form_draw(UiForm *f, int y, int width) {
   if (y != f->drawn_y)
      ui_form_forget(f);   /* it moved (a field shown or hidden, a note wrapped) */
   f->drawn_y = y;
   UiLine line;
   int row = 0;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, f->title, width, theme_style(STYLE_HEADER));
   ui_line_show(y + row, 0, &line, &f->cache[row]);
   row++;
   row = ui_form_draw_note(f, y, row, width);
   f->cursor_y = -1;
   int label_cols = ui_form_label_cols(f, width);
   for (int i = 0; i < f->count; i++) {
      if (f->fields[i].hidden)
         continue;
      ui_form_field_line(f, i, width, label_cols, &line);
      if (i == f->focus)
         f->cursor_y = y + row;
      ui_line_show(y + row, 0, &line, &f->cache[row]);
      row++;
   }
   const UiField *focus = &f->fields[f->focus];
   ui_line_start(&line, A_NORMAL);
   if (f->unfocused)
      f->cursor_y = -1;
   else if (focus->why[0])
      ui_line_add(&line, focus->why, width, theme_style(STYLE_ERROR));
   else if (focus->kind == FIELD_CHOICE)
      ui_line_add(&line, "Left/Right or Space to choose, or type the first letter", width, theme_style(STYLE_DIM));
   else if (focus->kind == FIELD_YESNO)
      ui_line_add(&line, "y or n", width, theme_style(STYLE_DIM));
   ui_line_pad(&line, width, A_NORMAL);
   ui_line_show(y + row, 0, &line, &f->cache[row]);
   row++;
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, "Tab/Enter next field   Shift-Tab back   ^S or F10 save   Esc cancel", width,
               theme_style(STYLE_DIM));
   ui_line_show(y + row, 0, &line, &f->cache[row]);
}
