/* floor_curses: the floor for redress's screens. Draws screens that redress showed, read
 * back from the terminal (tmux capture-pane -p -e -N: text with its attributes as SGR
 * escapes), with nothing but curses: the first at once, then the next one each time a key
 * comes, one refresh each. Run under bench_keys, the bytes and CPU it takes to go from one
 * screen to the next are the least curses needs for the change redress made; bench/run
 * shows redress's figures as a ratio to them.
 *
 * usage: bench/floor_curses SCREEN-FILE...   (ends at the end of input, or a key after the last) */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#define FLOOR_MAX_PAIRS 64

typedef struct FloorPen {
   attr_t attr;
   short fg, bg;             /* -1: the terminal's own */
} FloorPen;

static short floor_pair_fg[FLOOR_MAX_PAIRS], floor_pair_bg[FLOOR_MAX_PAIRS];
static short floor_pairs = 1;

/* A colour pair for fg on bg, made the first time it is asked for. */
static short floor_pair(short fg, short bg) {
   if ((fg < 0 && bg < 0) || !has_colors())
      return 0;
   for (short i = 1; i < floor_pairs; i++)
      if (floor_pair_fg[i] == fg && floor_pair_bg[i] == bg)
         return i;
   if (floor_pairs == FLOOR_MAX_PAIRS || floor_pairs >= COLOR_PAIRS)
      return 0;
   init_pair(floor_pairs, fg, bg);
   floor_pair_fg[floor_pairs] = fg;
   floor_pair_bg[floor_pairs] = bg;
   return floor_pairs++;
}

/* 38;5;N and 38;2;R;G;B: the colour, and how many parameters it took. */
static int floor_extended_colour(const int *p, int n, short *colour) {
   if (n >= 2 && p[0] == 5) {
      *colour = (short)(p[1] < COLORS ? p[1] : p[1] % 8);
      return 2;
   }
   if (n >= 4 && p[0] == 2) {
      *colour = COLOR_WHITE;   /* tmux gives direct colour only when it was sent; redress never does */
      return 4;
   }
   return n;
}

static void floor_sgr(FloorPen *pen, const int *p, int n) {
   static const struct {
      int on, off;
      attr_t attr;
   } attrs[] = { { 1, 22, A_BOLD }, { 2, 22, A_DIM }, { 3, 23, A_ITALIC }, { 4, 24, A_UNDERLINE },
                 { 5, 25, A_BLINK }, { 7, 27, A_REVERSE }, { 8, 28, A_INVIS } };
   if (n == 0) {
      *pen = (FloorPen){ A_NORMAL, -1, -1 };
      return;
   }
   for (int i = 0; i < n; i++) {
      int c = p[i];
      if (c == 0)
         *pen = (FloorPen){ A_NORMAL, -1, -1 };
      else if (c >= 30 && c <= 37)
         pen->fg = (short)(c - 30);
      else if (c >= 90 && c <= 97)
         pen->fg = (short)(COLORS > 8 ? c - 90 + 8 : c - 90);
      else if (c == 39)
         pen->fg = -1;
      else if (c >= 40 && c <= 47)
         pen->bg = (short)(c - 40);
      else if (c >= 100 && c <= 107)
         pen->bg = (short)(COLORS > 8 ? c - 100 + 8 : c - 100);
      else if (c == 49)
         pen->bg = -1;
      else if (c == 38 || c == 48)
         i += floor_extended_colour(p + i + 1, n - i - 1, c == 38 ? &pen->fg : &pen->bg);
      for (size_t k = 0; k < sizeof attrs / sizeof *attrs; k++) {
         if (c == attrs[k].on)
            pen->attr |= attrs[k].attr;
         else if (c == attrs[k].off)
            pen->attr &= ~attrs[k].attr;
      }
   }
}

/* Reads "ESC [ params m" at s (past the ESC); returns where it ends. */
static const char *floor_escape(const char *s, FloorPen *pen) {
   int p[16], n = 0, v = 0;
   bool any = false;
   if (*s != '[')
      return s;
   for (s++; *s; s++) {
      if (*s >= '0' && *s <= '9') {
         v = v * 10 + (*s - '0');
         any = true;
      } else if (*s == ';' || *s == 'm') {
         if (n < 16 && (any || *s == ';'))
            p[n++] = v;
         v = 0;
         any = false;
         if (*s == 'm') {
            floor_sgr(pen, p, n);
            return s + 1;
         }
      } else {
         return s + 1;   /* not SGR: tmux sends no other in a capture */
      }
   }
   return s;
}

/* One line of a capture into row y; the pen carries over from line to line, as tmux writes. */
static void floor_line(int y, const char *s, FloorPen *pen) {
   int x = 0;
   mbstate_t mb;
   memset(&mb, 0, sizeof mb);
   while (*s && y < LINES) {
      if (*s == '\033') {
         s = floor_escape(s + 1, pen);
         continue;
      }
      wchar_t wc[2] = { 0, 0 };
      size_t len = mbrtowc(&wc[0], s, strlen(s), &mb);
      if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
         wc[0] = L'?';
         len = 1;
         memset(&mb, 0, sizeof mb);
      }
      s += len;
      int w = wcwidth(wc[0]);
      if (w < 1 || x + w > COLS)
         continue;
      cchar_t cell;
      setcchar(&cell, wc, pen->attr, floor_pair(pen->fg, pen->bg), NULL);
      mvadd_wch(y, x, &cell);
      x += w;
   }
}

static bool floor_draw(const char *path) {
   FILE *f = fopen(path, "r");
   if (!f)
      return false;
   erase();
   FloorPen pen = { A_NORMAL, -1, -1 };
   char *line = NULL;
   size_t cap = 0;
   ssize_t n;
   for (int y = 0; (n = getline(&line, &cap, f)) >= 0; y++) {
      if (n > 0 && line[n - 1] == '\n')
         line[n - 1] = '\0';
      floor_line(y, line, &pen);
   }
   free(line);
   fclose(f);
   refresh();
   return true;
}

int main(int argc, char **argv) {
   if (argc < 2) {
      fputs("usage: floor_curses SCREEN-FILE...\n", stderr);
      return 2;
   }
   setlocale(LC_ALL, "");
   initscr();
   cbreak();
   noecho();
   curs_set(0);
   leaveok(stdscr, TRUE);
   if (has_colors()) {
      start_color();
      use_default_colors();
   }
   const char *unread = NULL;
   for (int i = 1; i < argc && !unread; i++) {
      if (!floor_draw(argv[i]))
         unread = argv[i];
      else if (getch() == ERR)
         break;
   }
   endwin();
   if (unread)
      fprintf(stderr, "floor_curses: cannot read %s\n", unread);
   return unread ? 1 : 0;
}
