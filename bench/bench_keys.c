/* bench_keys: bytes redress sends to the terminal: for the first screen, for each of a
 * few keystrokes on the queue, and while it sits idle. Runs the real binary on a pseudo
 * terminal of 80x24 (as an SSH session would give it) and counts what comes back.
 * Figures, not a pass/fail test.
 *
 * usage: bench/bench_keys REDRESS DB [TERM]    (the clock is REDRESS_NOW, or 2025-12-15T10:00) */
#include "config.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double bench_now_ms(void) {
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Reads everything the program sends for ms milliseconds; returns the byte count. */
static long bench_drain(int fd, int ms) {
   long total = 0;
   double end = bench_now_ms() + ms;
   char buf[65536];
   for (;;) {
      int left = (int)(end - bench_now_ms());
      if (left <= 0)
         break;
      struct pollfd p = { fd, POLLIN, 0 };
      if (poll(&p, 1, left) <= 0)
         break;
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0)
         break;
      total += n;
   }
   return total;
}

int main(int argc, char **argv) {
   if (argc < 3) {
      fputs("usage: bench_keys REDRESS DB [TERM]\n", stderr);
      return 2;
   }
   const char *term = argc > 3 ? argv[3] : "xterm-256color";
   struct winsize ws = { 24, 80, 0, 0 };
   int fd;
   pid_t pid = forkpty(&fd, NULL, NULL, &ws);
   if (pid < 0) {
      perror("bench_keys: forkpty");
      return 1;
   }
   if (pid == 0) {
      setenv("TERM", term, 1);
      if (!getenv("REDRESS_NOW"))
         setenv("REDRESS_NOW", "2025-12-15T10:00", 1);
      execl(argv[1], argv[1], "--db", argv[2], (char *)NULL);
      _exit(127);
   }
   static const struct {
      const char *keys;
      const char *what;
   } steps[] = {
      { "a", "a (show all: the list redrawn)" },
      { "\033OB", "Down (selection one row down)" },
      { "\033OB", "Down" },
      { "\033OA", "Up (selection one row up)" },
      { "j", "j (one row down)" },
      { "/", "/ (search box opens)" },
      { "d", "d typed in the search" },
      { "\033", "Esc (search cleared)" },
   };
   printf("TERM=%s, 80x24\n", term);
   printf("%6ld bytes  the first screen\n", bench_drain(fd, 1500));
   for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
      if (write(fd, steps[i].keys, strlen(steps[i].keys)) < 0)
         break;
      printf("%6ld bytes  %s\n", bench_drain(fd, 400), steps[i].what);
   }
   printf("%6ld bytes  idle for 5 seconds\n", bench_drain(fd, 5000));
   if (write(fd, "q", 1) == 1)
      bench_drain(fd, 500);
   kill(pid, SIGTERM);
   waitpid(pid, NULL, 0);
   return 0;
}
