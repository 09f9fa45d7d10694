/* xalloc: allocation that never returns NULL; running out of memory ends the program. */
#ifndef REDRESS_XALLOC_H
#define REDRESS_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);                 /* NULL stays NULL */
char *xstrndup(const char *s, size_t len);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Copies src into dst of size n, always terminated; returns strlen(src). */
size_t str_copy(char *dst, const char *src, size_t n);

#endif
