/* xalloc: allocation that never returns NULL unchecked. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/xalloc.h"

static void xalloc_fail(void) __attribute__((noreturn));

static void xalloc_fail(void) {
   fputs("redress: out of memory\n", stderr);
   abort();
}

void *xmalloc(size_t size) {
   void *p = malloc(size ? size : 1);
   if (!p)
      xalloc_fail();
   return p;
}

void *xcalloc(size_t count, size_t size) {
   void *p = calloc(count ? count : 1, size ? size : 1);
   if (!p)
      xalloc_fail();
   return p;
}

void *xrealloc(void *ptr, size_t size) {
   void *p = realloc(ptr, size ? size : 1);
   if (!p)
      xalloc_fail();
   return p;
}

void *xreallocarray(void *ptr, size_t count, size_t size) {
   if (size && count > SIZE_MAX / size)
      xalloc_fail();
   return xrealloc(ptr, count * size);
}

char *xstrdup(const char *s) {
   if (!s)
      return NULL;
   return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t len) {
   char *p = xmalloc(len + 1);
   memcpy(p, s, len);
   p[len] = '\0';
   return p;
}

char *xvasprintf(const char *fmt, va_list ap) {
   va_list copy;
   va_copy(copy, ap);
   int n = vsnprintf(NULL, 0, fmt, copy);
   va_end(copy);
   if (n < 0)
      xalloc_fail();
   char *p = xmalloc((size_t)n + 1);
   vsnprintf(p, (size_t)n + 1, fmt, ap);
   return p;
}

char *xasprintf(const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   char *p = xvasprintf(fmt, ap);
   va_end(ap);
   return p;
}

size_t str_copy(char *dst, const char *src, size_t n) {
   size_t len = strlen(src);
   if (n) {
      size_t k = len < n - 1 ? len : n - 1;
      memcpy(dst, src, k);
      dst[k] = '\0';
   }
   return len;
}
