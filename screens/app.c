/* app: the one thread that owns curses. It waits on the keyboard with a timeout that the
 * deadline timer computes (capped at the refresh interval), and on each wake ticks the
 * timer, looks for other users' commits, lets the screens redraw what changed, and calls
 * doupdate() once. A full repaint only on resize or Ctrl-L. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "redress/clock.h"
#include "redress/text.h"
#include "redress/xalloc.h"
#include "screens.h"
#include "ui.h"

#define APP_MAX_DEPTH 8
#define APP_MIN_COLS 80
#define APP_MIN_LINES 24

struct App {
   Session *s;
   Screen stack[APP_MAX_DEPTH];
   int depth;
   Timer *timer;
   RdDate today;
   int64_t data_version;
   bool own_change;
   char message[512];
   bool message_error;
   bool tall_message;      /* the message took the body's last row too */
   bool quit;
   bool redraw_all;        /* every line again into curses (a new screen, a resize) */
   bool clear_terminal;    /* and the terminal itself repainted (Ctrl-L) */
   bool too_small;
   bool cursor_wanted;
   int cursor_y, cursor_x;
   UiLine title_cache, status_cache, hint_cache;
};

/* Set by the signal handlers; the loop looks at them between keys, so a signal never
 * interrupts a save half way. Each handler also writes a byte to a pipe the loop polls
 * with the keyboard, so a signal arriving just before the wait still ends it at once. */
static volatile sig_atomic_t app_stop_signal;
static volatile sig_atomic_t app_interrupt;
static volatile sig_atomic_t app_winch;
static int app_signal_pipe[2] = { -1, -1 };

static void app_poke(void) {
   int saved = errno;
   if (app_signal_pipe[1] >= 0 && write(app_signal_pipe[1], "", 1) < 0) {
      /* full already: the loop will wake anyway */
   }
   errno = saved;
}

static void app_on_stop(int sig) {
   app_stop_signal = sig;
   app_poke();
}

static void app_on_interrupt(int sig) {
   (void)sig;
   app_interrupt = 1;
   app_poke();
}

static void app_on_winch(int sig) {
   (void)sig;
   app_winch = 1;
   app_poke();
}

static void app_drain_signal_pipe(void) {
   char buf[64];
   while (read(app_signal_pipe[0], buf, sizeof buf) > 0)
      ;
}

/* Installed before curses starts, so curses keeps its hands off them: the resize too,
 * which the loop applies itself (resizeterm) when it wakes. */
static bool app_signals(void) {
   if (pipe(app_signal_pipe) != 0)
      return false;
   for (int i = 0; i < 2; i++) {
      fcntl(app_signal_pipe[i], F_SETFL, fcntl(app_signal_pipe[i], F_GETFL) | O_NONBLOCK);
      fcntl(app_signal_pipe[i], F_SETFD, FD_CLOEXEC);
   }
   struct sigaction sa;
   memset(&sa, 0, sizeof sa);
   sigemptyset(&sa.sa_mask);
   sa.sa_handler = app_on_stop;
   sigaction(SIGHUP, &sa, NULL);
   sigaction(SIGTERM, &sa, NULL);
   sa.sa_handler = app_on_interrupt;
   sigaction(SIGINT, &sa, NULL);
   sa.sa_handler = app_on_winch;
   sigaction(SIGWINCH, &sa, NULL);
   sa.sa_handler = SIG_IGN;
   sigaction(SIGPIPE, &sa, NULL);
   return true;
}

static void app_close_signal_pipe(void) {
   struct sigaction sa;
   memset(&sa, 0, sizeof sa);
   sa.sa_handler = SIG_DFL;
   sigaction(SIGWINCH, &sa, NULL);
   close(app_signal_pipe[0]);
   close(app_signal_pipe[1]);
   app_signal_pipe[0] = app_signal_pipe[1] = -1;
}

/* --- services for the screens ------------------------------------------------------------ */

Session *app_session(App *app) {
   return app->s;
}

Timer *app_timer(App *app) {
   return app->timer;
}

RdDate app_today(App *app) {
   return app->today;
}

int app_body_bottom(const App *app) {
   (void)app;
   return LINES - 3;
}

void app_cursor(App *app, int y, int x) {
   app->cursor_wanted = y >= 0;
   app->cursor_y = y;
   app->cursor_x = x;
}

static Screen *app_top(App *app) {
   return app->depth ? &app->stack[app->depth - 1] : NULL;
}

Screen *app_below(App *app, const Screen *sc) {
   for (int i = 1; i < app->depth; i++)
      if (&app->stack[i] == sc)
         return &app->stack[i - 1];
   return NULL;
}

void app_push(App *app, const ScreenOps *ops, const void *arg) {
   if (app->depth == APP_MAX_DEPTH) {
      app_error(app, "too many screens open: close one with Esc first");
      return;
   }
   Screen *sc = &app->stack[app->depth++];
   sc->ops = ops;
   sc->state = NULL;
   sc->closing = false;
   ops->open(sc, app, arg);
   app->redraw_all = true;
}

/* Marks the top screen still open; it closes when the key has been handled, so a screen
 * may pop itself and push another in its place. */
void app_pop(App *app) {
   for (int i = app->depth - 1; i >= 0; i--) {
      if (!app->stack[i].closing) {
         app->stack[i].closing = true;
         return;
      }
   }
}

void app_quit(App *app) {
   app->quit = true;
}

static void app_close_top(App *app) {
   Screen *sc = app_top(app);
   if (!sc)
      return;
   sc->ops->close(sc, app);
   app->depth--;
   app->redraw_all = true;
}

static void app_vmessage(App *app, bool error, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

static void app_vmessage(App *app, bool error, const char *fmt, va_list ap) {
   vsnprintf(app->message, sizeof app->message, fmt, ap);
   app->message_error = error;
}

void app_message(App *app, const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   app_vmessage(app, false, fmt, ap);
   va_end(ap);
}

void app_error(App *app, const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   app_vmessage(app, true, fmt, ap);
   va_end(ap);
   beep();
}

void app_changed(App *app) {
   app->own_change = true;
}

bool app_has_role(App *app, unsigned roles) {
   return roles == 0 || (app->s->me.active && (app->s->me.roles & roles) != 0);
}

static void app_role_words(unsigned roles, char *buf, size_t size) {
   char list[64];
   staff_format_roles(roles, list, sizeof list);
   buf[0] = '\0';
   size_t used = 0;
   for (char *w = list; *w && used + 1 < size;) {   /* "handler,manager" -> "handler or manager" */
      size_t len = strcspn(w, ",");
      used += (size_t)snprintf(buf + used, size - used, "%s%.*s", used ? " or " : "", (int)len, w);
      w += len + (w[len] == ',');
   }
}

bool app_may(App *app, unsigned roles, const char *doing) {
   if (app_has_role(app, roles))
      return true;
   char need[96], have[64];
   app_role_words(roles, need, sizeof need);
   staff_format_roles(app->s->me.roles, have, sizeof have);
   app_error(app, "%s needs the %s role; you (%s) are %s", doing, need, app->s->me.login, have[0] ? have : "without a role");
   return false;
}

/* --- drawing --------------------------------------------------------------------------- */

static void app_draw_title(App *app, const Screen *top) {
   UiLine line;
   char left[256], right[160], date[32], roles[64];
   int y, m, d;
   static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                         "Nov", "Dec" };
   static const char *const days[] = { "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
   datetime_to_ymd(app->today, &y, &m, &d);
   snprintf(date, sizeof date, "%s %d %s %d", days[datetime_weekday(app->today)], d, months[(m + 11) % 12], y);
   staff_format_roles(app->s->me.roles, roles, sizeof roles);
   snprintf(left, sizeof left, " redress | %s%s | %s", top->ops->name, app->s->read_only ? " (read-only)" : "",
            app->s->config->landlord_name);
   snprintf(right, sizeof right, "%s (%s) | %s ", app->s->me.login, roles, date);
   int right_cols = ui_text_width(right);
   /* The landlord's name before the roles: the roles go when both do not fit. */
   if (right_cols + ui_text_width(left) + 1 > COLS) {
      snprintf(right, sizeof right, "%s | %s ", app->s->me.login, date);
      right_cols = ui_text_width(right);
   }
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, left, COLS - right_cols - 1 > 0 ? COLS - right_cols - 1 : 0, theme_style(STYLE_TITLE));
   ui_line_add(&line, " ", 1, theme_style(STYLE_TITLE));
   ui_line_add(&line, right, -1, theme_style(STYLE_TITLE));
   ui_line_pad(&line, COLS, theme_style(STYLE_TITLE));
   ui_line_show(0, 0, &line, &app->title_cache);
}

/* The status line. A message too long for it borrows the body's last row above it for
 * as long as it is shown; the body is then drawn again in full when it goes. */
static void app_draw_status(App *app) {
   UiLine line;
   attr_t attr = app->message_error ? theme_style(STYLE_ERROR) : A_NORMAL;
   int cols = ui_text_width(app->message);
   if (cols <= COLS) {
      ui_line_start(&line, A_NORMAL);
      ui_line_add(&line, app->message, COLS, attr);
      ui_line_show(LINES - 2, 0, &line, &app->status_cache);
      return;
   }
   /* Cut at the last space that leaves the first part within the width. */
   char *vis = text_visible(app->message, 0);
   const char *p = vis, *cut = NULL;
   int used = 0;
   char glyph[UI_GLYPH_BYTES];
   while (*p) {
      const char *before = p;
      int w = ui_glyph(&p, glyph);
      if (used + w > COLS)
         break;
      used += w;
      if (*before == ' ')
         cut = before;
   }
   const char *split = cut ? cut : p;
   char *first = xstrndup(vis, (size_t)(split - vis));
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, first, COLS, attr);
   ui_line_show(LINES - 3, 0, &line, NULL);
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, split + (cut ? 1 : 0), COLS, attr);
   ui_line_show(LINES - 2, 0, &line, &app->status_cache);
   free(first);
   free(vis);
   app->tall_message = true;
}

static const ScreenKey *app_find_key(const ScreenKey *keys, int key) {
   for (const ScreenKey *k = keys; k && k->label; k++)
      if ((k->key && k->key == key) || (k->alt && k->alt == key))
         return k;
   return NULL;
}

/* The keys of the screen the user's role allows, as "key what" pairs, as many as fit. */
static void app_draw_hints(App *app, const Screen *top) {
   UiLine line;
   bool typing = top->ops->typing && top->ops->typing(top);
   ui_line_start(&line, A_NORMAL);
   ui_line_add(&line, typing ? "F1" : "?", -1, theme_style(STYLE_KEY));
   ui_line_add(&line, " help", -1, A_NORMAL);
   const ScreenKey *keys = top->ops->hints ? top->ops->hints(top) : NULL;
   for (const ScreenKey *k = keys ? keys : top->ops->keys; k && k->label; k++) {
      if (!k->hint || !app_has_role(app, k->roles) || (k->saves && app->s->read_only))
         continue;
      int need = 2 + ui_text_width(k->label) + 1 + ui_text_width(k->what);
      if (line.cols + need > COLS - 1)
         continue;   /* a shorter one further on may still fit */
      ui_line_add(&line, "  ", -1, A_NORMAL);
      ui_line_add(&line, k->label, -1, theme_style(STYLE_KEY));
      ui_line_add(&line, " ", -1, A_NORMAL);
      ui_line_add(&line, k->what, -1, A_NORMAL);
   }
   ui_line_pad(&line, COLS - 1, A_NORMAL);   /* the last cell would scroll some terminals */
   ui_line_show(LINES - 1, 0, &line, &app->hint_cache);
}

static void app_forget_lines(App *app) {
   app->title_cache.valid = false;
   app->status_cache.valid = false;
   app->hint_cache.valid = false;
}

static void app_draw_too_small(void) {
   erase();
   char text[128];
   snprintf(text, sizeof text, "redress needs at least %dx%d; this terminal is %dx%d", APP_MIN_COLS, APP_MIN_LINES,
            COLS, LINES);
   attrset(A_BOLD);
   mvaddstr(0, 0, text);   /* curses wraps it on a narrow terminal */
   attrset(A_NORMAL);
}

static void app_draw(App *app) {
   if (app->clear_terminal) {
      clearok(curscr, TRUE);
      app->clear_terminal = false;
   }
   if (app->too_small) {
      if (app->redraw_all)
         app_draw_too_small();
      app->redraw_all = false;
      curs_set(0);
      doupdate();
      return;
   }
   Screen *top = app_top(app);
   bool tall = ui_text_width(app->message) > COLS;
   if (app->tall_message && !tall)
      app->redraw_all = true;   /* the row a long message borrowed goes back to the body */
   app->tall_message = false;
   bool full = app->redraw_all;
   if (full) {
      erase();
      app_forget_lines(app);
   }
   app->redraw_all = false;
   app->cursor_wanted = false;
   app_draw_title(app, top);
   top->ops->draw(top, app, full);
   app_draw_status(app);
   app_draw_hints(app, top);
   /* With no cursor to show, curses need not send where it was left. */
   leaveok(stdscr, !app->cursor_wanted);
   if (app->cursor_wanted) {
      move(app->cursor_y, app->cursor_x);
      curs_set(1);
   } else {
      curs_set(0);
   }
   wnoutrefresh(stdscr);
   doupdate();
}

/* --- waiting and waking ---------------------------------------------------------------- */

static void app_resized(App *app) {
   app->too_small = COLS < APP_MIN_COLS || LINES < APP_MIN_LINES;
   app->redraw_all = true;
   app->clear_terminal = true;
}

/* How long to sleep: until the next deadline class change, the next local midnight (working
 * days left move on), or the refresh interval, whichever comes first. */
static int app_wait_ms(App *app) {
   int64_t now_ms = clock_now_ms();
   int64_t wait = (int64_t)app->s->config->refresh_seconds * 1000;
   int64_t change = timer_ms_to_next_change(app->timer, now_ms);
   if (change >= 0 && change < wait)
      wait = change;
   RdDate today = datetime_local_date(now_ms / 1000);
   int64_t midnight = datetime_local_to_instant(today + 1, 0) * 1000 - now_ms;
   if (midnight >= 0 && midnight < wait)
      wait = midnight;
   return wait < 0 ? 0 : (int)wait + 1;
}

typedef enum AppInput { INPUT_KEY, INPUT_NONE, INPUT_END } AppInput;

static AppInput app_take_key(int *key) {
   wint_t wc;
   int r = get_wch(&wc);
   if (r == ERR)
      return INPUT_NONE;
   *key = r == KEY_CODE_YES ? UI_FN((int)wc) : (int)wc;
   return INPUT_KEY;
}

/* Waits up to timeout_ms for a key or a signal. The end of input (a dropped SSH
 * connection, a closed terminal) is INPUT_END. */
static AppInput app_read_key(int timeout_ms, int *key) {
   if (app_take_key(key) == INPUT_KEY)
      return INPUT_KEY;
   struct pollfd p[2] = { { STDIN_FILENO, POLLIN, 0 }, { app_signal_pipe[0], POLLIN, 0 } };
   int n = poll(p, 2, timeout_ms);
   if (n < 0)
      return errno == EINTR ? INPUT_NONE : INPUT_END;
   if (p[1].revents)
      app_drain_signal_pipe();
   if (!p[0].revents)
      return INPUT_NONE;
   if (app_take_key(key) == INPUT_KEY)
      return INPUT_KEY;
   int pending = 0;
   if ((p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) || ioctl(STDIN_FILENO, FIONREAD, &pending) != 0 ||
       pending == 0)
      return INPUT_END;
   return INPUT_NONE;
}

/* The terminal changed size: curses learns the new size from the terminal itself. */
static void app_apply_resize(App *app) {
   struct winsize ws;
   app_winch = 0;
   if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
      resizeterm(ws.ws_row, ws.ws_col);
   app_resized(app);
}

static void app_wake(App *app) {
   unsigned why = 0;
   RdInstant now = clock_now();
   RdDate today = datetime_local_date(now);
   if (today != app->today) {
      app->today = today;
      why |= WAKE_TIME;
   }
   if (timer_tick(app->timer, now, NULL) > 0)
      why |= WAKE_TIME;
   int64_t version = store_data_version(app->s->store);
   if (version != app->data_version || app->own_change) {
      app->data_version = version;
      app->own_change = false;
      why |= WAKE_DATA;
   }
   if (!why)
      return;
   for (int i = 0; i < app->depth; i++)
      if (app->stack[i].ops->wake)
         app->stack[i].ops->wake(&app->stack[i], app, why);
}

static void app_key(App *app, int key) {
   app->message[0] = '\0';
   if (key == UI_FN(KEY_RESIZE)) {
      app_resized(app);
      return;
   }
   if (app->too_small)
      return;
   if (key == UI_CTRL('L')) {
      app->redraw_all = true;
      app->clear_terminal = true;
      return;
   }
   Screen *top = app_top(app);
   if (!top)
      return;
   bool typing = top->ops->typing && top->ops->typing(top);
   if ((key == '?' && !typing) || key == UI_FN(KEY_F(1))) {
      if (top->ops != &help_screen)
         app_push(app, &help_screen, top);
      return;
   }
   const ScreenKey *k = typing ? NULL : app_find_key(top->ops->keys, key);
   if (k && !app_may(app, k->roles, k->what))
      return;
   if (k && k->saves && app->s->read_only) {
      app_error(app, "%s: %s", k->what, app->s->read_only_reason);
      return;
   }
   if (!top->ops->key(top, app, key) && !typing)
      app_message(app, "that key does nothing here: press ? for the keys of this screen");
}

/* Closes the screens marked closing, wherever they are in the stack. Closing the home
 * screen ends the program. */
static void app_settle(App *app) {
   int kept = 0;
   for (int i = 0; i < app->depth; i++) {
      Screen *sc = &app->stack[i];
      if (!sc->closing) {
         app->stack[kept++] = *sc;
         continue;
      }
      if (i == 0)
         app->quit = true;
      sc->ops->close(sc, app);
      app->redraw_all = true;
   }
   app->depth = kept;
   if (kept == 0)
      app->quit = true;
}

static void app_loop(App *app) {
   while (!app->quit && !app_stop_signal) {
      app_draw(app);
      int key = 0;
      AppInput got = app_read_key(app_wait_ms(app), &key);
      if (got == INPUT_END || app_stop_signal)
         break;
      if (app_winch)
         app_apply_resize(app);
      if (app_interrupt) {
         app_interrupt = 0;
         key = UI_CTRL('C');
         got = INPUT_KEY;
      }
      if (got == INPUT_KEY)
         app_key(app, key);
      app_settle(app);
      if (!app->quit)
         app_wake(app);
   }
}

/* --- the terminal ------------------------------------------------------------------------ */

/* ^S saves a form: the terminal must not take it for flow control. */
static void app_no_flow_control(void) {
   struct termios t;
   if (tcgetattr(STDIN_FILENO, &t) == 0) {
      t.c_iflag &= (tcflag_t)~IXON;
      tcsetattr(STDIN_FILENO, TCSANOW, &t);
      def_prog_mode();
   }
}

static SCREEN *app_start_curses(void) {
   SCREEN *scr = newterm(NULL, stdout, stdin);
   if (!scr)
      return NULL;
   set_term(scr);
   if (!getenv("ESCDELAY"))
      set_escdelay(25);   /* Esc answers at once over SSH; an ESCDELAY set by the user wins */
   cbreak();
   noecho();
   keypad(stdscr, TRUE);
   nodelay(stdscr, TRUE);
   app_no_flow_control();
   theme_init();
   return scr;
}

int screens_run(Session *s) {
   if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
      fputs("redress: the screens need a terminal; the commands work without one (see 'redress help')\n", stderr);
      return 1;
   }
   if (!app_signals()) {
      perror("redress: cannot watch for signals");
      return 1;
   }
   SCREEN *scr = app_start_curses();
   if (!scr) {
      app_close_signal_pipe();
      fprintf(stderr, "redress: this terminal (TERM=%s) is not one curses knows: try TERM=vt100\n",
              getenv("TERM") ? getenv("TERM") : "");
      return 1;
   }
   App *app = xcalloc(1, sizeof *app);
   app->s = s;
   app->timer = timer_new(s->calendar, s->config->division);
   app->today = clock_today();
   app->data_version = store_data_version(s->store);
   app_resized(app);
   app->clear_terminal = false;
   app_push(app, &queue_screen, NULL);
   app_loop(app);
   while (app->depth > 0)
      app_close_top(app);
   endwin();
   delscreen(scr);
   app_close_signal_pipe();
   timer_free(app->timer);
   free(app);
   return 0;
}
