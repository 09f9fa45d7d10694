/* testutil: what every Check program shares: running a suite as TAP, the shipped data,
 * scratch folders, and short ways to write dates. */
#ifndef REDRESS_TESTUTIL_H
#define REDRESS_TESTUTIL_H

#include <check.h>

#include "redress/calendar.h"
#include "redress/datetime.h"

/* Runs the suite with TAP on stdout (one line per test); returns the exit status. */
int test_run(Suite *suite);

const char *test_datadir(void);
/* The shipped bank holidays; owned by the caller. */
Calendar *test_calendar(void);
/* A new empty folder under $TMPDIR; caller frees the path and removes it with test_rmtree. */
char *test_tmpdir(void);
void test_rmtree(const char *path);
/* Writes text to dir/name and returns the path (caller frees). */
char *test_write_file(const char *dir, const char *name, const char *text);

/* "2025-12-19" as a date; aborts the test on a malformed literal. */
RdDate D(const char *text);
/* "2025-12-19T10:00" (UK local) or with Z, as an instant. */
RdInstant T(const char *text);
/* Formats a date into a static buffer, for assertions. */
const char *fmt_date(RdDate d);

#endif
