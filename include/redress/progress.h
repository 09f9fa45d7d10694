/* progress: a bar for the long jobs (the demo, import, export, backup, a report over the
 * whole database) with the count, the rate and the time left, for a person watching a
 * terminal. Nothing at all when the output is not a terminal (cron, a pipe, a file), and
 * nothing for a job done before PROGRESS_DELAY_MS, so quick runs stay quiet. Redrawn in
 * place at most ten times a second; the last drawing shows the job complete and ends the
 * line. No curses. */
#ifndef REDRESS_PROGRESS_H
#define REDRESS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Told now and then how far a job has got: done of total, and once with done == total. */
typedef void (*ProgressFn)(void *data, size_t done, size_t total);

#define PROGRESS_DELAY_MS 500      /* a job shows its bar once it has run this long */
#define PROGRESS_EVERY_MS 100      /* and redraws it no more often than this */
#define PROGRESS_BAR_WIDTH 30
#define PROGRESS_LINE_SIZE 160

typedef struct Progress {
   int fd;                    /* where the bar goes; -1: nowhere */
   const char *what;          /* "exporting"; borrowed */
   int64_t start_ms;
   int64_t drawn_ms;
   size_t drawn_len;          /* of the last drawing, for covering it */
   int delay_ms;              /* PROGRESS_DELAY_MS; a test may set 0 */
   bool shown;                /* a bar is on the line now */
} Progress;

/* A bar on standard error when it is a terminal; silent otherwise. */
void progress_start(Progress *p, const char *what);
/* The same on fd. */
void progress_start_fd(Progress *p, const char *what, int fd);
/* Where the job has got; the ProgressFn shape, with the Progress as data. */
void progress_update(void *data, size_t done, size_t total);
/* Ends the line of a bar left unfinished (a job that failed half way); harmless otherwise. */
void progress_end(Progress *p);

/* One drawing of the bar, e.g. "exporting [###.......] 1024/4096  512/s  0:06 left", into
 * buf (PROGRESS_LINE_SIZE is enough). elapsed_ms: since the job began. */
void progress_format(char *buf, size_t size, const char *what, size_t done, size_t total, int64_t elapsed_ms);

#endif
