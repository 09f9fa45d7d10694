/* progress: the bar of a long job, for a terminal only. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "redress/clock.h"
#include "redress/progress.h"

void progress_format(char *buf, size_t size, const char *what, size_t done, size_t total, int64_t elapsed_ms) {
   char bar[PROGRESS_BAR_WIDTH + 1];
   size_t filled = total ? (done >= total ? PROGRESS_BAR_WIDTH : done * PROGRESS_BAR_WIDTH / total) : 0;
   for (size_t i = 0; i < PROGRESS_BAR_WIDTH; i++)
      bar[i] = i < filled ? '#' : '.';
   bar[PROGRESS_BAR_WIDTH] = '\0';
   double rate = elapsed_ms > 0 ? (double)done * 1000.0 / (double)elapsed_ms : 0.0;
   if (total && done >= total) {
      snprintf(buf, size, "%s [%s] %zu/%zu  %.0f/s  done in %lld.%lld s", what, bar, done, total, rate,
               (long long)(elapsed_ms / 1000), (long long)(elapsed_ms % 1000 / 100));
      return;
   }
   if (rate <= 0.0 || total == 0) {
      snprintf(buf, size, "%s [%s] %zu/%zu", what, bar, done, total);
      return;
   }
   long long left = (long long)((double)(total - done) / rate + 0.5);
   snprintf(buf, size, "%s [%s] %zu/%zu  %.0f/s  %lld:%02lld left", what, bar, done, total, rate, left / 60,
            left % 60);
}

void progress_start_fd(Progress *p, const char *what, int fd) {
   p->fd = isatty(fd) == 1 ? fd : -1;
   p->what = what;
   p->start_ms = clock_now_ms();
   p->drawn_ms = 0;
   p->drawn_len = 0;
   p->delay_ms = PROGRESS_DELAY_MS;
   p->shown = false;
}

void progress_start(Progress *p, const char *what) {
   progress_start_fd(p, what, STDERR_FILENO);
}

/* One write, so that the line is never seen half drawn; a terminal gone away is not the
 * job's failure. */
static void progress_write(const Progress *p, const char *text) {
   size_t len = strlen(text);
   while (len) {
      ssize_t n = write(p->fd, text, len);
      if (n < 0 && errno == EINTR)
         continue;
      if (n <= 0)
         return;
      text += n;
      len -= (size_t)n;
   }
}

void progress_update(void *data, size_t done, size_t total) {
   Progress *p = data;
   if (!p || p->fd < 0)
      return;
   int64_t now = clock_now_ms();
   bool finished = total && done >= total;
   if (now - p->start_ms < p->delay_ms)
      return;   /* quick jobs show nothing, their end included */
   if (!finished && p->shown && now - p->drawn_ms < PROGRESS_EVERY_MS)
      return;
   char line[2 * PROGRESS_LINE_SIZE + 4];
   line[0] = '\r';
   progress_format(line + 1, PROGRESS_LINE_SIZE, p->what, done, total, now - p->start_ms);
   /* Spaces over whatever a longer drawing left; no terminal codes, so any terminal will do. */
   size_t len = strlen(line + 1);
   for (; len < p->drawn_len && len < 2 * PROGRESS_LINE_SIZE; len++)
      line[1 + len] = ' ';
   line[1 + len] = '\0';
   p->drawn_len = len;
   if (finished)
      strcat(line, "\n");
   progress_write(p, line);
   p->shown = !finished;
   p->drawn_ms = now;
}

void progress_end(Progress *p) {
   if (p->fd >= 0 && p->shown)
      progress_write(p, "\n");
   p->shown = false;
}
