/* replay: runs files (or every file in folders) through a fuzz target once each, so make
 * check keeps the committed corpora passing with whatever compiler built it. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "redress/xalloc.h"

static int replay_file(const char *path) {
   FILE *f = fopen(path, "rb");
   if (!f) {
      fprintf(stderr, "replay: cannot read %s\n", path);
      return 1;
   }
   size_t cap = 4096, len = 0;
   unsigned char *buf = xmalloc(cap);
   size_t n;
   while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
      len += n;
      if (len == cap)
         buf = xrealloc(buf, cap *= 2);
   }
   fclose(f);
   LLVMFuzzerTestOneInput(buf, len);
   free(buf);
   return 0;
}

static int replay_path(const char *path, size_t *count) {
   struct stat sb;
   if (stat(path, &sb) != 0) {
      fprintf(stderr, "replay: no such file %s\n", path);
      return 1;
   }
   if (!S_ISDIR(sb.st_mode)) {
      (*count)++;
      return replay_file(path);
   }
   DIR *d = opendir(path);
   struct dirent *e;
   int rc = 0;
   while (d && (e = readdir(d))) {
      if (e->d_name[0] == '.')
         continue;
      char *child = xasprintf("%s/%s", path, e->d_name);
      rc |= replay_path(child, count);
      free(child);
   }
   if (d)
      closedir(d);
   return rc;
}

int main(int argc, char **argv) {
   size_t count = 0;
   int rc = 0;
   for (int i = 1; i < argc; i++)
      rc |= replay_path(argv[i], &count);
   printf("%zu inputs replayed\n", count);
   return rc;
}
