/* theme: colour when the terminal has it and NO_COLOR is not set, else the monochrome
 * attributes a vt100 has; every deadline class also has a text marker, so colour is never
 * the only cue. Line drawing only where it is safe, else ASCII. */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <term.h>

#include "ui.h"

static bool theme_colour;
static bool theme_lines;
static attr_t theme_styles[STYLE_COUNT];
static attr_t theme_classes[TIMER_CLASS_COUNT];

enum {
   PAIR_OVERDUE = 1,
   PAIR_TODAY,
   PAIR_SOON,
   PAIR_TITLE,
   PAIR_ERROR,
   PAIR_KEY,
   PAIR_WARN,
   PAIR_HEADER
};

/* no-color.org: present and not empty. */
static bool theme_no_colour_asked(void) {
   const char *v = getenv("NO_COLOR");
   return v && *v;
}

static void theme_monochrome(void) {
   theme_styles[STYLE_TITLE] = A_REVERSE;
   theme_styles[STYLE_HEADER] = A_BOLD;
   theme_styles[STYLE_SELECTED] = A_REVERSE;
   theme_styles[STYLE_ERROR] = A_BOLD;
   theme_styles[STYLE_KEY] = A_BOLD;
   theme_styles[STYLE_DIM] = A_NORMAL;
   theme_styles[STYLE_WARN] = A_BOLD | A_UNDERLINE;
   theme_styles[STYLE_FIELD] = A_UNDERLINE;
   theme_classes[TIMER_OVERDUE] = A_BOLD | A_UNDERLINE;
   theme_classes[TIMER_DUE_TODAY] = A_BOLD;
   theme_classes[TIMER_DUE_SOON] = A_UNDERLINE;
}

static void theme_colours(void) {
   start_color();
   use_default_colors();
   init_pair(PAIR_OVERDUE, COLOR_RED, -1);
   init_pair(PAIR_TODAY, COLOR_MAGENTA, -1);
   init_pair(PAIR_SOON, COLOR_YELLOW, -1);
   init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
   init_pair(PAIR_ERROR, COLOR_RED, -1);
   init_pair(PAIR_KEY, COLOR_CYAN, -1);
   init_pair(PAIR_WARN, COLOR_RED, -1);
   init_pair(PAIR_HEADER, COLOR_CYAN, -1);
   theme_styles[STYLE_TITLE] = COLOR_PAIR(PAIR_TITLE) | A_BOLD;
   theme_styles[STYLE_HEADER] = COLOR_PAIR(PAIR_HEADER) | A_BOLD;
   theme_styles[STYLE_SELECTED] = A_REVERSE;
   theme_styles[STYLE_ERROR] = COLOR_PAIR(PAIR_ERROR) | A_BOLD;
   theme_styles[STYLE_KEY] = COLOR_PAIR(PAIR_KEY) | A_BOLD;
   theme_styles[STYLE_DIM] = A_DIM;
   theme_styles[STYLE_WARN] = COLOR_PAIR(PAIR_WARN) | A_BOLD;
   theme_styles[STYLE_FIELD] = A_UNDERLINE;
   theme_classes[TIMER_OVERDUE] = COLOR_PAIR(PAIR_OVERDUE) | A_BOLD;
   theme_classes[TIMER_DUE_TODAY] = COLOR_PAIR(PAIR_TODAY) | A_BOLD;
   theme_classes[TIMER_DUE_SOON] = COLOR_PAIR(PAIR_SOON);
}

/* Line drawing needs the terminal's alternate character set, and ncurses draws it right
 * only when the locale's encoding is the one the terminal speaks: UTF-8. */
static bool theme_lines_safe(void) {
   const char *acsc = tigetstr("acsc");
   bool has_acs = acsc && acsc != (char *)-1 && *acsc;
   return has_acs && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

void theme_init(void) {
   memset(theme_styles, 0, sizeof theme_styles);
   memset(theme_classes, 0, sizeof theme_classes);
   theme_colour = has_colors() && !theme_no_colour_asked();
   if (theme_colour)
      theme_colours();
   else
      theme_monochrome();
   theme_lines = theme_lines_safe();
}

bool theme_has_colour(void) {
   return theme_colour;
}

attr_t theme_style(UiStyle style) {
   return style < STYLE_COUNT ? theme_styles[style] : A_NORMAL;
}

attr_t theme_class(TimerClass c) {
   return c < TIMER_CLASS_COUNT ? theme_classes[c] : A_NORMAL;
}

const char *theme_marker(TimerClass c) {
   switch (c) {
   case TIMER_OVERDUE:
      return "!!";
   case TIMER_DUE_TODAY:
      return "! ";
   case TIMER_DUE_SOON:
      return "~ ";
   default:
      return "  ";
   }
}

const char *theme_rule_glyph(void) {
   return theme_lines ? "\u2500" : "-";
}
