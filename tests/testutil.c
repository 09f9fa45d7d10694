/* testutil: shared helpers of the Check programs. */
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "redress/xalloc.h"
#include "testutil.h"

int test_run(Suite *suite) {
   /* Run by hand, a program still finds the shipped data (session_start reads this). */
   setenv("REDRESS_DATADIR", test_datadir(), 0);
   SRunner *sr = srunner_create(suite);
   srunner_set_tap(sr, "-");
   srunner_run_all(sr, CK_SILENT);
   int failed = srunner_ntests_failed(sr);
   srunner_free(sr);
   return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

const char *test_datadir(void) {
   const char *env = getenv("REDRESS_DATADIR");
   return env && *env ? env : TEST_DATADIR;
}

Calendar *test_calendar(void) {
   Calendar *cal = calendar_new();
   char *path = xasprintf("%s/bank-holidays.json", test_datadir());
   RdError err;
   ck_assert_msg(calendar_load_file(cal, path, &err) == RD_OK, "loading %s: %s", path, err.message);
   free(path);
   return cal;
}

char *test_tmpdir(void) {
   const char *base = getenv("TMPDIR");
   char *templ = xasprintf("%s/redress-test-XXXXXX", base && *base ? base : "/tmp");
   ck_assert_ptr_nonnull(mkdtemp(templ));
   return templ;
}

static int test_remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
   (void)sb;
   (void)flag;
   (void)ftw;
   return remove(path);
}

void test_rmtree(const char *path) {
   nftw(path, test_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *test_write_file(const char *dir, const char *name, const char *text) {
   char *path = xasprintf("%s/%s", dir, name);
   FILE *f = fopen(path, "w");
   ck_assert_ptr_nonnull(f);
   fputs(text, f);
   fclose(f);
   return path;
}

RdDate D(const char *text) {
   RdDate d;
   RdError err;
   ck_assert_msg(datetime_parse_date(text, &d, &err) == RD_OK, "%s", err.message);
   return d;
}

RdInstant T(const char *text) {
   RdInstant t;
   RdError err;
   ck_assert_msg(datetime_parse_instant(text, &t, &err) == RD_OK, "%s", err.message);
   return t;
}

const char *fmt_date(RdDate d) {
   static char buf[8][RD_DATE_BUFSIZE];
   static int next;
   char *b = buf[next++ % 8];
   datetime_format_date(d, b);
   return b;
}
