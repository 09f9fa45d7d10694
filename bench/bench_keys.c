/* bench_keys: what a program on a terminal costs, key by key. Runs it on a pseudo terminal
 * of 80x24 (as an SSH session would give it) and, for the first screen and after each
 * keystroke, counts the bytes it sends, its CPU time (read from its CPU clock, to the
 * nanosecond) and the wall time to its last byte; at the end its peak resident memory.
 * Figures, not a pass/fail test.
 *
 * usage: bench/bench_keys REDRESS DB [TERM]
 *           a fixed tour of the queue, printed for a person to read (the clock is REDRESS_NOW,
 *           or 2025-12-15T10:00)
 *        bench/bench_keys [-T TERM] [-o FILE] [-e] [-c CAPTURE] [-q MS] -k NAME=KEYS[@MS]... -x NAME=COMMAND@MS
 *                         -- PROGRAM [ARG...]
 *           one tab-separated line a step, for bench/run: NAME BYTES CPU-MS WALL-MS, the
 *           first screen as "start", then "rss KB" (its peak resident set, from wait4).
 *           KEYS may hold \e \r \n \t \\ and \xHH; @MS waits that long whatever comes (an
 *           idle step), else a step ends when nothing has come for -q MS (default 300).
 *           -x runs the shell command COMMAND (another user saving, say) and then counts what
 *           the program does in the MS that follow, in the order of the -k steps.
 *           -e echoes what the program sends to our own standard output, and -c runs the
 *           shell command CAPTURE after each step with the step's name as $1: run inside
 *           tmux, that captures the screens floor_curses draws again. */
#include "config.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_MAX_STEPS 64
#define BENCH_FIRST_SCREEN_MS 30000   /* the longest the first byte may take */

typedef struct BenchStep {
   const char *name;
   char keys[64];
   size_t len;
   int wait_ms;               /* > 0: an idle step of exactly this long */
   const char *command;       /* run before the wait, instead of keys; NULL for keys */
} BenchStep;

typedef struct BenchRun {
   int fd;                    /* the terminal's master side */
   pid_t pid;
   clockid_t cpu;             /* the program's CPU clock */
   bool echo;
   int quiet_ms;
} BenchRun;

typedef struct BenchFigure {
   long bytes;
   double cpu_ms;
   double wall_ms;            /* to the last byte; 0 when none came */
} BenchFigure;

static double bench_clock_ms(clockid_t id) {
   struct timespec ts;
   if (clock_gettime(id, &ts) != 0)
      return 0.0;
   return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double bench_now_ms(void) {
   return bench_clock_ms(CLOCK_MONOTONIC);
}

/* Reads what the program sends until it has been quiet for quiet_ms (or, with fixed_ms,
 * for exactly that long), up to limit_ms. Counts into f; wall is from start to the last byte. */
static void bench_drain(BenchRun *r, double start, int quiet_ms, int fixed_ms, int limit_ms, BenchFigure *f) {
   char buf[65536];
   double end = start + (fixed_ms > 0 ? fixed_ms : limit_ms);
   double last = 0.0;
   for (;;) {
      double now = bench_now_ms();
      int left = (int)(end - now);
      if (fixed_ms <= 0 && last > 0.0 && quiet_ms - (int)(now - last) < left)
         left = quiet_ms - (int)(now - last);
      if (left <= 0)
         break;
      struct pollfd p = { r->fd, POLLIN, 0 };
      if (poll(&p, 1, left) <= 0)
         continue;
      ssize_t n = read(r->fd, buf, sizeof buf);
      if (n <= 0)
         break;
      last = bench_now_ms();
      f->bytes += n;
      if (r->echo && fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
         r->echo = false;
   }
   if (r->echo)
      fflush(stdout);
   f->wall_ms = last > 0.0 ? last - start : 0.0;
}

static bool bench_start(BenchRun *r, const char *term, char **argv) {
   struct winsize ws = { 24, 80, 0, 0 };
   r->pid = forkpty(&r->fd, NULL, NULL, &ws);
   if (r->pid < 0) {
      perror("bench_keys: forkpty");
      return false;
   }
   if (r->pid == 0) {
      setenv("TERM", term, 1);
      execvp(argv[0], argv);
      _exit(127);
   }
   if (clock_getcpuclockid(r->pid, &r->cpu) != 0) {
      perror("bench_keys: the program's CPU clock");
      return false;
   }
   return true;
}

/* Ends the program with q (or SIGTERM when it will not go); returns its peak RSS in KB. */
static long bench_stop(BenchRun *r) {
   struct rusage ru;
   int status;
   BenchFigure ignored = { 0, 0.0, 0.0 };
   if (write(r->fd, "q", 1) == 1)
      bench_drain(r, bench_now_ms(), r->quiet_ms, 0, 2000, &ignored);
   memset(&ru, 0, sizeof ru);
   pid_t got = wait4(r->pid, &status, WNOHANG, &ru);
   if (got == 0) {
      kill(r->pid, SIGTERM);
      got = wait4(r->pid, &status, 0, &ru);
   }
   close(r->fd);
   return got == r->pid ? ru.ru_maxrss : -1;
}

static int bench_hex(char c) {
   return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                                                       : -1;
}

/* NAME=KEYS[@MS] into a step; false when it is not one. */
static bool bench_parse_step(char *spec, BenchStep *s) {
   char *eq = strchr(spec, '=');
   if (!eq || eq == spec)
      return false;
   *eq = '\0';
   s->name = spec;
   s->len = 0;
   s->wait_ms = 0;
   s->command = NULL;
   char *at = strrchr(eq + 1, '@');
   if (at && at[1] && strspn(at + 1, "0123456789") == strlen(at + 1)) {
      s->wait_ms = atoi(at + 1);
      *at = '\0';
   }
   for (const char *k = eq + 1; *k && s->len + 1 < sizeof s->keys; k++) {
      char c = *k;
      if (c == '\\' && k[1]) {
         k++;
         c = *k == 'e' ? '\033' : *k == 'r' ? '\r' : *k == 'n' ? '\n' : *k == 't' ? '\t' : *k;
         if (*k == 'x' && bench_hex(k[1]) >= 0 && bench_hex(k[2]) >= 0) {
            c = (char)(bench_hex(k[1]) * 16 + bench_hex(k[2]));
            k += 2;
         }
      }
      s->keys[s->len++] = c;
   }
   return true;
}

/* A -x step: NAME=COMMAND@MS, the wait needed. */
static bool bench_parse_command(char *spec, BenchStep *s) {
   char *eq = strchr(spec, '=');
   char *at = strrchr(spec, '@');
   if (!eq || eq == spec || !at || at < eq || !at[1] || strspn(at + 1, "0123456789") != strlen(at + 1))
      return false;
   *eq = '\0';
   *at = '\0';
   s->name = spec;
   s->len = 0;
   s->wait_ms = atoi(at + 1);
   s->command = eq + 1;
   return true;
}

static void bench_shell(const char *command, const char *arg) {
   pid_t pid = fork();
   if (pid == 0) {
      execl("/bin/sh", "sh", "-c", command, "bench_keys", arg, (char *)NULL);
      _exit(127);
   }
   int status = 1;
   if (pid < 0 || waitpid(pid, &status, 0) < 0 || status != 0)
      fprintf(stderr, "bench_keys: '%s' failed\n", command);
}

/* Runs the capture command with the step's name as $1. */
static void bench_capture(const char *command, const char *name) {
   if (!command)
      return;
   usleep(150000);   /* tmux draws what we echoed in its own time */
   bench_shell(command, name);
}

static void bench_report(FILE *out, const char *name, const BenchFigure *f) {
   fprintf(out, "%s\t%ld\t%.3f\t%.1f\n", name, f->bytes, f->cpu_ms, f->wall_ms);
   fflush(out);
}

static int bench_script(int argc, char **argv) {
   static BenchStep steps[BENCH_MAX_STEPS];
   size_t nsteps = 0;
   const char *term = "xterm-256color", *capture = NULL;
   FILE *out = stdout;
   BenchRun r = { -1, -1, 0, false, 300 };
   int opt;
   while ((opt = getopt(argc, argv, "T:o:ec:q:k:x:")) != -1) {
      switch (opt) {
      case 'T':
         term = optarg;
         break;
      case 'o':
         if (!(out = fopen(optarg, "w"))) {
            perror(optarg);
            return 1;
         }
         break;
      case 'e':
         r.echo = true;
         break;
      case 'c':
         capture = optarg;
         break;
      case 'q':
         r.quiet_ms = atoi(optarg);
         break;
      case 'k':
         if (nsteps == BENCH_MAX_STEPS || !bench_parse_step(optarg, &steps[nsteps++])) {
            fprintf(stderr, "bench_keys: -k %s: give NAME=KEYS[@MS], at most %d of them\n", optarg, BENCH_MAX_STEPS);
            return 2;
         }
         break;
      case 'x':
         if (nsteps == BENCH_MAX_STEPS || !bench_parse_command(optarg, &steps[nsteps++])) {
            fprintf(stderr, "bench_keys: -x %s: give NAME=COMMAND@MS\n", optarg);
            return 2;
         }
         break;
      default:
         return 2;
      }
   }
   if (optind >= argc) {
      fputs("bench_keys: name the program to run after --\n", stderr);
      return 2;
   }
   double t0 = bench_now_ms();
   if (!bench_start(&r, term, argv + optind))
      return 1;
   BenchFigure first = { 0, 0.0, 0.0 };
   bench_drain(&r, t0, r.quiet_ms, 0, BENCH_FIRST_SCREEN_MS, &first);
   first.cpu_ms = bench_clock_ms(r.cpu);
   bench_report(out, "start", &first);
   bench_capture(capture, "start");
   for (size_t i = 0; i < nsteps; i++) {
      BenchFigure f = { 0, 0.0, 0.0 };
      double cpu = bench_clock_ms(r.cpu), start = bench_now_ms();
      if (steps[i].command)   /* the program may notice while it runs */
         bench_shell(steps[i].command, steps[i].name);
      if (steps[i].len && write(r.fd, steps[i].keys, steps[i].len) != (ssize_t)steps[i].len)
         break;
      bench_drain(&r, start, r.quiet_ms, steps[i].wait_ms, 10000, &f);
      f.cpu_ms = bench_clock_ms(r.cpu) - cpu;
      bench_report(out, steps[i].name, &f);
      bench_capture(capture, steps[i].name);
   }
   fprintf(out, "rss\t%ld\n", bench_stop(&r));
   if (out != stdout)
      fclose(out);
   return 0;
}

/* The fixed tour, for a person reading the figures. */
static int bench_tour(int argc, char **argv) {
   static const struct {
      const char *keys;
      const char *what;
   } tour[] = {
      { "a", "a (show all: the list redrawn)" },
      { "\033OB", "Down (selection one row down)" },
      { "\033OB", "Down" },
      { "\033OA", "Up (selection one row up)" },
      { "j", "j (one row down)" },
      { "/", "/ (search box opens)" },
      { "d", "d typed in the search" },
      { "\033", "Esc (search cleared)" },
   };
   const char *term = argc > 3 ? argv[3] : "xterm-256color";
   if (!getenv("REDRESS_NOW"))
      setenv("REDRESS_NOW", "2025-12-15T10:00", 1);
   char db_option[] = "--db";
   char *args[] = { argv[1], db_option, argv[2], NULL };
   BenchRun r = { -1, -1, 0, false, 400 };
   double t0 = bench_now_ms();
   if (!bench_start(&r, term, args))
      return 1;
   BenchFigure f = { 0, 0.0, 0.0 };
   bench_drain(&r, t0, 1500, 0, BENCH_FIRST_SCREEN_MS, &f);
   printf("TERM=%s, 80x24\n", term);
   printf("%6ld bytes  %8.2f ms CPU  the first screen (%.0f ms)\n", f.bytes, bench_clock_ms(r.cpu), f.wall_ms);
   for (size_t i = 0; i < sizeof tour / sizeof *tour; i++) {
      double cpu = bench_clock_ms(r.cpu);
      if (write(r.fd, tour[i].keys, strlen(tour[i].keys)) < 0)
         break;
      f = (BenchFigure){ 0, 0.0, 0.0 };
      bench_drain(&r, bench_now_ms(), r.quiet_ms, 0, 10000, &f);
      printf("%6ld bytes  %8.2f ms CPU  %s\n", f.bytes, bench_clock_ms(r.cpu) - cpu, tour[i].what);
   }
   double cpu = bench_clock_ms(r.cpu);
   f = (BenchFigure){ 0, 0.0, 0.0 };
   bench_drain(&r, bench_now_ms(), r.quiet_ms, 5000, 5000, &f);
   printf("%6ld bytes  %8.2f ms CPU  idle for 5 seconds\n", f.bytes, bench_clock_ms(r.cpu) - cpu);
   printf("%6ld KB     peak resident memory\n", bench_stop(&r));
   return 0;
}

int main(int argc, char **argv) {
   for (int i = 1; i < argc; i++)
      if (strcmp(argv[i], "--") == 0)
         return bench_script(argc, argv);
   if (argc < 3) {
      fputs("usage: bench_keys REDRESS DB [TERM]\n"
            "       bench_keys [-T TERM] [-o FILE] [-e] [-c CAPTURE] [-q MS] -k NAME=KEYS[@MS]...\n"
            "                  -x NAME=COMMAND@MS... -- PROGRAM [ARG...]\n",
            stderr);
      return 2;
   }
   return bench_tour(argc, argv);
}
