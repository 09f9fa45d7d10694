/* The bar of a long job: what it says, that it appears only on a terminal and only for a
 * job that takes a while, and that it ends its line when the job is done. The terminal is
 * a real pseudo terminal; the pipe stands for cron and for 2> a file. */
#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "redress/progress.h"
#include "testutil.h"

static int master = -1, terminal = -1;

/* A pseudo terminal: what the bar writes to terminal can be read back from master. */
static void open_terminal(void) {
   master = posix_openpt(O_RDWR | O_NOCTTY);
   ck_assert_msg(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0, "a pseudo terminal");
   terminal = open(ptsname(master), O_RDWR | O_NOCTTY);
   ck_assert_int_ge(terminal, 0);
   /* Raw, so what is read back is what was written (no \n made \r\n). */
   struct termios t;
   ck_assert_int_eq(tcgetattr(terminal, &t), 0);
   cfmakeraw(&t);
   ck_assert_int_eq(tcsetattr(terminal, TCSANOW, &t), 0);
}

static void close_terminal(void) {
   if (terminal >= 0)
      close(terminal);
   if (master >= 0)
      close(master);
   terminal = master = -1;
}

/* Everything the terminal has been sent so far. Caller frees. */
static char *read_terminal(void) {
   size_t cap = 4096, len = 0;
   char *text = malloc(cap);
   struct pollfd p = { master, POLLIN, 0 };
   while (len + 1 < cap && poll(&p, 1, 200) > 0) {
      ssize_t n = read(master, text + len, cap - len - 1);
      if (n <= 0)
         break;
      len += (size_t)n;
   }
   text[len] = '\0';
   return text;
}

static size_t count_of(const char *text, char c) {
   size_t n = 0;
   for (; *text; text++)
      n += *text == c;
   return n;
}

START_TEST(test_the_bar_shows_the_count_the_rate_and_the_time_left) {
   char line[PROGRESS_LINE_SIZE];
   progress_format(line, sizeof line, "exporting", 500, 2000, 1000);
   ck_assert_str_eq(line, "exporting [#######.......................] 500/2000  500/s  0:03 left");
}
END_TEST

START_TEST(test_the_time_left_is_given_in_minutes_and_seconds) {
   char line[PROGRESS_LINE_SIZE];
   progress_format(line, sizeof line, "importing", 100, 100000, 1000);
   ck_assert_msg(strstr(line, " 100/s  16:39 left"), "%s", line);
}
END_TEST

START_TEST(test_a_finished_bar_is_full_and_says_how_long_it_took) {
   char line[PROGRESS_LINE_SIZE];
   progress_format(line, sizeof line, "backing up", 4096, 4096, 2500);
   ck_assert_str_eq(line, "backing up [##############################] 4096/4096  1638/s  done in 2.5 s");
}
END_TEST

START_TEST(test_a_bar_with_nothing_done_yet_promises_no_time) {
   char line[PROGRESS_LINE_SIZE];
   progress_format(line, sizeof line, "reporting", 0, 12, 0);
   ck_assert_str_eq(line, "reporting [..............................] 0/12");
}
END_TEST

START_TEST(test_on_a_terminal_the_bar_is_redrawn_in_place_and_its_line_ended_when_done) {
   open_terminal();
   Progress p;
   progress_start_fd(&p, "exporting", terminal);
   p.delay_ms = 0;
   progress_update(&p, 1, 4);
   progress_update(&p, 4, 4);
   char *out = read_terminal();
   ck_assert_msg(strstr(out, "\rexporting [#######") && strstr(out, "1/4"), "%s", out);
   ck_assert_msg(strstr(out, "4/4") && strstr(out, "done in"), "%s", out);
   ck_assert_msg(strchr(out, '\n') && strchr(out, '\n') > strstr(out, "done in"), "the line ends after the last: %s",
                 out);
   free(out);
   close_terminal();
}
END_TEST

START_TEST(test_the_bar_is_drawn_at_most_ten_times_a_second) {
   open_terminal();
   Progress p;
   progress_start_fd(&p, "importing", terminal);
   p.delay_ms = 0;
   for (size_t i = 1; i < 1000; i++)
      progress_update(&p, i, 1000);   /* far quicker than 100 ms */
   progress_update(&p, 1000, 1000);
   char *out = read_terminal();
   ck_assert_msg(count_of(out, '\r') == 2, "the first drawing and the last, not a thousand: %zu", count_of(out, '\r'));
   free(out);
   close_terminal();
}
END_TEST

START_TEST(test_a_job_done_before_the_delay_shows_nothing) {
   open_terminal();
   Progress p;
   progress_start_fd(&p, "reporting", terminal);
   progress_update(&p, 1, 2);
   progress_update(&p, 2, 2);
   progress_end(&p);
   char *out = read_terminal();
   ck_assert_str_eq(out, "");
   free(out);
   close_terminal();
}
END_TEST

START_TEST(test_a_job_that_stops_half_way_still_ends_the_line) {
   open_terminal();
   Progress p;
   progress_start_fd(&p, "importing", terminal);
   p.delay_ms = 0;
   progress_update(&p, 3, 10);
   progress_end(&p);
   char *out = read_terminal();
   ck_assert_msg(strstr(out, "3/10") && out[strlen(out) - 1] == '\n', "%s", out);
   free(out);
   close_terminal();
}
END_TEST

/* Standard error is a pipe, as under cron or with 2> a file: not a byte of the bar. */
START_TEST(test_nothing_is_written_when_standard_error_is_not_a_terminal) {
   int pipe_fds[2];
   ck_assert_int_eq(pipe(pipe_fds), 0);
   int saved = dup(STDERR_FILENO);
   ck_assert_int_ge(dup2(pipe_fds[1], STDERR_FILENO), 0);
   Progress p;
   progress_start(&p, "exporting");
   p.delay_ms = 0;
   for (size_t i = 0; i <= 10; i++)
      progress_update(&p, i, 10);
   progress_end(&p);
   dup2(saved, STDERR_FILENO);
   close(saved);
   close(pipe_fds[1]);
   char buf[64];
   ssize_t n = read(pipe_fds[0], buf, sizeof buf);
   close(pipe_fds[0]);
   ck_assert_msg(n == 0, "the pipe got %zd bytes", n);
}
END_TEST

START_TEST(test_no_bar_at_all_is_harmless) {
   progress_update(NULL, 1, 2);
}
END_TEST

static Suite *progress_suite(void) {
   Suite *s = suite_create("progress");
   TCase *tc = tcase_create("progress");
   tcase_add_test(tc, test_the_bar_shows_the_count_the_rate_and_the_time_left);
   tcase_add_test(tc, test_the_time_left_is_given_in_minutes_and_seconds);
   tcase_add_test(tc, test_a_finished_bar_is_full_and_says_how_long_it_took);
   tcase_add_test(tc, test_a_bar_with_nothing_done_yet_promises_no_time);
   tcase_add_test(tc, test_on_a_terminal_the_bar_is_redrawn_in_place_and_its_line_ended_when_done);
   tcase_add_test(tc, test_the_bar_is_drawn_at_most_ten_times_a_second);
   tcase_add_test(tc, test_a_job_done_before_the_delay_shows_nothing);
   tcase_add_test(tc, test_a_job_that_stops_half_way_still_ends_the_line);
   tcase_add_test(tc, test_nothing_is_written_when_standard_error_is_not_a_terminal);
   tcase_add_test(tc, test_no_bar_at_all_is_harmless);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(progress_suite());
}
