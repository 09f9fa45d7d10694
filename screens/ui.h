/* ui: what the screens share: the application loop's services, the theme, keys, safe text,
 * lines that redraw only when they change, lists, form fields and prompts. Private to
 * the screens folder; only its .c files include it. */
#ifndef REDRESS_UI_H
#define REDRESS_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "redress/session.h"
#include "redress/timer.h"

/* --- keys ------------------------------------------------------------------------------ */

/* A key is a character (a Unicode code point) or a curses function key marked with
 * UI_FN, so the two never collide. */
#define UI_FN(k) (0x40000000 | (k))
#define UI_IS_FN(k) (((k) & 0x40000000) != 0)
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_ESC 27
#define UI_ENTER '\n'

bool ui_key_is_enter(int key);
bool ui_key_is_backspace(int key);

/* One key of a screen: what help lists, what the hint bar offers, and who may use it. */
typedef struct ScreenKey {
   int key;              /* matched against what was pressed; 0 for a line of help only */
   int alt;              /* a second key doing the same, or 0 */
   const char *label;    /* how the key is written: "Enter", "/", "^S" */
   const char *what;     /* what it does */
   unsigned roles;       /* StaffRole bits, any of which allows it; 0: everyone */
   bool hint;            /* offered in the hint bar */
   bool saves;           /* leads to saving in the database: refused when it is read-only */
} ScreenKey;

/* --- the application ------------------------------------------------------------------ */

typedef struct App App;
typedef struct Screen Screen;

/* Why a screen is woken without a key. */
enum {
   WAKE_DATA = 1 << 0,   /* someone (maybe us) committed a change */
   WAKE_TIME = 1 << 1    /* a deadline class changed or the date moved on */
};

typedef struct ScreenOps {
   const char *name;                        /* shown in the title line and in help */
   const ScreenKey *keys;                   /* ended by an entry with a NULL label */
   void (*open)(Screen *sc, App *app, const void *arg);
   /* Draws the body (rows 1 .. app_body_bottom). full: everything, else what changed. */
   void (*draw)(Screen *sc, App *app, bool full);
   /* A key the screen did not refuse by role; returns false when it is not the screen's. */
   bool (*key)(Screen *sc, App *app, int key);
   void (*wake)(Screen *sc, App *app, unsigned why);   /* may be NULL */
   void (*close)(Screen *sc, App *app);
   /* Keys the screen wants as text (a field has focus): '?' and 'q' then type. */
   bool (*typing)(const Screen *sc);         /* may be NULL */
   /* The keys the hint bar offers now, most useful first, when that is not keys: a form
    * is open, or the state leaves some keys nothing to do. NULL (or the hook): keys. */
   const ScreenKey *(*hints)(const Screen *sc);
} ScreenOps;

struct Screen {
   const ScreenOps *ops;
   void *state;
   bool closing;         /* app_pop was asked: closes once the key is handled */
};

Session *app_session(App *app);
/* Pushes a new screen on top; arg is handed to its open. */
void app_push(App *app, const ScreenOps *ops, const void *arg);
/* Closes the top screen once the key in hand is handled (closing the queue at the bottom
 * quits). A screen may pop itself and then push its successor. */
void app_pop(App *app);
void app_quit(App *app);
/* The screen under the top one, or NULL. */
Screen *app_below(App *app, const Screen *sc);

/* A message on the status line until the next key; error ones are marked. */
void app_message(App *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_error(App *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* After our own commit: every screen reloads (PRAGMA data_version only sees others'). */
void app_changed(App *app);
/* Whether the user may use a key with these roles; when not, says so on the status line. */
bool app_may(App *app, unsigned roles, const char *doing);
bool app_has_role(App *app, unsigned roles);

/* The timer the queue keeps its targets in, and today's local date. */
Timer *app_timer(App *app);
RdDate app_today(App *app);

/* The body area: rows 1 .. app_body_bottom(app) inclusive; full width. */
int app_body_bottom(const App *app);

/* --- theme ----------------------------------------------------------------------------- */

typedef enum UiStyle {
   STYLE_NORMAL,
   STYLE_TITLE,        /* the title line */
   STYLE_HEADER,       /* column headers, section heads */
   STYLE_SELECTED,     /* the selected row */
   STYLE_ERROR,        /* a refusal on the status line */
   STYLE_KEY,          /* a key in the hint bar */
   STYLE_DIM,          /* what the user's role cannot use, unqualified handlers */
   STYLE_WARN,         /* adjustments, vulnerabilities, restrictions: must not be missed */
   STYLE_FIELD,        /* a form field */
   STYLE_COUNT
} UiStyle;

/* Chooses colour or monochrome and the line drawing; after initscr. */
void theme_init(void);
attr_t theme_style(UiStyle style);
/* The attribute of a deadline class: colour when there is colour, else reverse, bold or
 * underline. */
attr_t theme_class(TimerClass c);
/* The text marker of a class, two columns: "!!" overdue, "! " due today, "~ " due soon. */
const char *theme_marker(TimerClass c);
bool theme_has_colour(void);
/* One cell of a horizontal rule: a box-drawing line where the locale and terminal can show
 * it, else '-'. */
const char *theme_rule_glyph(void);

/* --- text ----------------------------------------------------------------------------- */

/* True when the locale is UTF-8, so non-ASCII text can be shown. */
bool ui_utf8(void);
#define UI_GLYPH_BYTES 16
/* The next character of text already made visible (text_visible): copies it to out, moves
 * *vis past it and returns its columns; a character the locale cannot show is one '?'. */
int ui_glyph(const char **vis, char out[UI_GLYPH_BYTES]);
/* The same for one character of raw user text, made visible on the way (a control
 * character becomes ^X): for field editing, where the cursor moves through the raw text. */
int ui_raw_glyph(const char **raw, char out[UI_GLYPH_BYTES]);
/* Display columns raw text takes once made visible. */
int ui_text_width(const char *text);

/* Splits raw text, made visible, into lines of at most width columns, breaking at spaces
 * (and at newlines). Returns how many; *lines (each and the array) is the caller's to
 * free with ui_wrap_free. */
size_t ui_wrap(const char *text, int width, char ***out);
void ui_wrap_free(char **list, size_t count);

/* A line of cells built before it is drawn, so an unchanged line is never sent again. */
#define UI_LINE_BYTES 1536
#define UI_LINE_SEGS 24
typedef struct UiSeg {
   int from, to;       /* byte range of text */
   attr_t attr;
} UiSeg;
typedef struct UiLine {
   char text[UI_LINE_BYTES];
   int len;            /* bytes */
   int cols;           /* columns filled */
   attr_t base;        /* added to every segment (e.g. the selection) */
   UiSeg seg[UI_LINE_SEGS];
   int nseg;
   bool valid;         /* a cached line that was drawn */
} UiLine;

void ui_line_start(UiLine *line, attr_t base);
/* Appends text with control characters made visible (^X), fitted and padded to exactly
 * width columns (width < 0: as it comes, up to the line's end). Returns columns used. */
int ui_line_add(UiLine *line, const char *text, int width, attr_t attr);
/* Pads the line with spaces to width columns. */
void ui_line_pad(UiLine *line, int width, attr_t attr);
/* Draws line at y, x when it differs from *cache (NULL: always), then remembers it. */
void ui_line_show(int y, int x, const UiLine *line, UiLine *cache);

/* Draws text (made visible, fitted to width, padded) at y, x directly. */
void ui_put(int y, int x, const char *text, int width, attr_t attr);

/* --- list ------------------------------------------------------------------------------ */

/* Fills line with row index of the list, width columns, selected or not. */
typedef void (*UiRowFn)(void *ctx, size_t index, bool selected, int width, UiLine *line);

typedef struct UiList {
   int y, x, height, width;   /* where it is drawn */
   size_t count;
   size_t top;                /* first row shown */
   long selected;             /* -1: none */
   UiLine *cache;             /* one per screen row */
   int cache_rows;
   bool row_marks_selection;  /* the row function shows the selection itself (fewer bytes
                                 than a whole reversed row when it moves) */
} UiList;

void ui_list_init(UiList *l);
void ui_list_free(UiList *l);
void ui_list_place(UiList *l, int y, int x, int height, int width);
void ui_list_set_count(UiList *l, size_t count);
void ui_list_select(UiList *l, long index);
/* Up, down, page keys, Home and End; true when the key was one of them. */
bool ui_list_key(UiList *l, int key);
/* Draws the rows that changed since the last draw (all of them after ui_list_forget). */
void ui_list_draw(UiList *l, UiRowFn row, void *ctx);
void ui_list_forget(UiList *l);

/* --- fields and forms ------------------------------------------------------------------ */

typedef enum UiFieldKind {
   FIELD_TEXT,      /* one line of text, UTF-8 */
   FIELD_CHOICE,    /* one of a list: Left/Right or Space, or a letter to jump */
   FIELD_YESNO      /* y or n */
} UiFieldKind;

struct UiForm;
/* Checks a field's value as typed; false with a message naming the rule. */
typedef bool (*UiCheckFn)(struct UiForm *form, int field, const char *value, char *why, size_t why_size);

typedef struct UiField {
   UiFieldKind kind;
   const char *label;
   char *value;               /* the text, or the chosen option */
   size_t cap;
   size_t cursor;             /* byte offset in value */
   int scroll;                /* first column shown */
   const char *const *options;   /* FIELD_CHOICE: ended by NULL */
   int choice;
   bool required;
   UiCheckFn check;
   char why[256];             /* the last check's complaint, "" when fine */
   bool hidden;               /* not shown and not asked (depends on other fields) */
} UiField;

#define UI_FORM_FIELDS 12
#define UI_FORM_NOTE_ROWS 3
/* The title, the note, the fields, the hint and the keys */
#define UI_FORM_ROWS (1 + UI_FORM_NOTE_ROWS + UI_FORM_FIELDS + 2)

typedef struct UiForm {
   char title[128];
   UiField fields[UI_FORM_FIELDS];
   int count;
   int focus;
   void *ctx;                 /* for the checks */
   char note[512];            /* a warning shown above the fields, "" none */
   bool note_is_warning;
   UiLine cache[UI_FORM_ROWS];   /* what each row of the form last showed */
   int drawn_y;               /* where it was drawn; the cache holds only there */
   int cursor_y, cursor_x;    /* where the cursor belongs after a draw */
   bool unfocused;            /* something outside the form has the keys */
} UiForm;

void ui_form_init(UiForm *f, const char *title, void *ctx);
void ui_form_free(UiForm *f);
int ui_form_text(UiForm *f, const char *label, const char *initial, bool required, UiCheckFn check);
int ui_form_choice(UiForm *f, const char *label, const char *const *options, int initial);
int ui_form_yesno(UiForm *f, const char *label, bool initial);
const char *ui_form_value(const UiForm *f, int field);
bool ui_form_yes(const UiForm *f, int field);
int ui_form_choice_index(const UiForm *f, int field);
void ui_form_set(UiForm *f, int field, const char *value);
/* Runs every check; false (focus on the first bad field) when any fails. */
bool ui_form_valid(UiForm *f);

typedef enum UiFormResult {
   FORM_CONTINUE,
   FORM_SAVE,       /* ^S, F10, or Enter on the last field */
   FORM_CANCEL      /* Esc or ^C */
} UiFormResult;

UiFormResult ui_form_key(UiForm *f, int key);
/* Draws the rows of the form that changed, from row y; sets cursor_y/x. */
void ui_form_draw(UiForm *f, int y, int width);
void ui_form_forget(UiForm *f);
/* The hint bar of a screen whose form has the keys (ScreenOps.hints). */
extern const ScreenKey ui_form_hints[];
/* Rows the form needs at this width. */
int ui_form_height(const UiForm *f, int width);

/* Asks the app to show the cursor at y, x after this draw (forms); otherwise it hides. */
void app_cursor(App *app, int y, int x);

/* Fills line with the field's text (from its scroll column) in width columns; returns the
 * column of the cursor within it. */
int ui_field_render(UiField *fl, int width, attr_t attr, UiLine *line);
/* Edits a lone text field (a search box); true when the value changed. */
bool ui_field_key(UiField *fl, int key);
void ui_field_init(UiField *fl, const char *label);
void ui_field_free(UiField *fl);

/* --- the screens ------------------------------------------------------------------------ */

extern const ScreenOps queue_screen;        /* home; arg unused */
extern const ScreenOps help_screen;         /* arg: the Screen whose keys it lists */
extern const ScreenOps case_screen;         /* arg: a CaseOpen */
extern const ScreenOps escalation_screen;   /* arg unused */
extern const ScreenOps actions_screen;      /* arg unused */
extern const ScreenOps intake_screen;       /* arg unused */
extern const ScreenOps reports_screen;      /* arg unused */
extern const ScreenOps compliments_screen;  /* arg unused */

/* Opens a case, and then, when then_key is set, acts as if that key were pressed on it
 * (the escalation screen's acknowledge, assign and decline). after names a step just
 * taken elsewhere (the audit action: "logged" at intake) whose letter the case offers. */
typedef struct CaseOpen {
   const char *ref;
   int then_key;
   const char *after;
} CaseOpen;

#endif
