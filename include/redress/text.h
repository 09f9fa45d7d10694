/* text: small text jobs shared by commands, reports and screens: wrapping, UTF-8, a growing
 * string, reading a whole file, and showing text from users safely ("Text from users is data"). */
#ifndef REDRESS_TEXT_H
#define REDRESS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "redress/error.h"

/* Writes text to out with every line longer than width broken at spaces; continuation
 * lines are indented four more than the line they continue. */
void text_wrap(FILE *out, const char *text, int width);

/* A growing string. Start with TextBuf b = { 0 }; the buffer owns its data until
 * text_buf_take hands it to the caller or text_buf_free releases it. */
typedef struct TextBuf {
   char *data;
   size_t len;
   size_t cap;
} TextBuf;

void text_buf_add(TextBuf *b, const char *s, size_t len);
void text_buf_addc(TextBuf *b, char c);
void text_buf_adds(TextBuf *b, const char *s);
void text_buf_addf(TextBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far, NUL-terminated and never NULL; the caller frees it and b is empty again. */
char *text_buf_take(TextBuf *b);
void text_buf_free(TextBuf *b);

/* Reads the whole file at path into *data (NUL-terminated, caller frees) and its length into
 * *len; a file that cannot be read is RD_EIO naming the path and the reason. */
RdStatus text_read_file(const char *path, char **data, size_t *len, RdError *err);

/* The length of the valid UTF-8 sequence that starts s (looking at no more than len bytes),
 * with its code point in *cp; 0 when the bytes there are not valid UTF-8: a stray continuation
 * byte, a truncated sequence, an overlong form, a surrogate or a value beyond U+10FFFF. */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Whether s[0..len) is all valid UTF-8; if not, *bad (when not NULL) is the offset of the
 * first byte that is not. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad);

/* Whether the terminal's character set, as LC_CTYPE names it (nl_langinfo(CODESET), after the
 * program's setlocale(LC_ALL, "")), is UTF-8. Everything else is treated as plain ASCII. */
bool text_locale_is_utf8(void);

typedef enum TextVisibleFlag {
   TEXT_KEEP_TAB = 1u << 0,     /* keep tabs; otherwise each becomes one space */
   TEXT_KEEP_NEWLINE = 1u << 1  /* keep newlines; otherwise each becomes a visible marker */
} TextVisibleFlag;

/* A copy of in (flags from TextVisibleFlag) that is safe to send to a terminal: C0 controls as
 * ^X (ESC ^[, DEL ^?), C1 controls (by code point) and bytes that are not valid UTF-8 as \xNN,
 * the Unicode bidi controls as <U+202E>, and newlines as ⏎ in a UTF-8 locale or | otherwise.
 * Valid UTF-8 text passes unchanged. The caller frees the result. */
char *text_visible(const char *in, unsigned flags);
/* The same for len bytes that may hold NUL (shown as ^@). */
char *text_visible_len(const char *in, size_t len, unsigned flags);

typedef enum TextFitFlag {
   TEXT_ELLIPSIS = 1u << 0      /* when the text is cut, end it with … (... outside UTF-8) */
} TextFitFlag;

/* The terminal columns that visible text takes: in a UTF-8 locale by wcwidth (wide CJK 2,
 * combining marks 0); otherwise each character beyond ASCII is one '?'. */
size_t text_width(const char *visible);

/* The longest prefix of visible text (the output of text_visible) that fits in columns,
 * padded with spaces to exactly that many columns; flags from TextFitFlag. Outside a UTF-8
 * locale each character beyond ASCII is shown as one '?'. The caller frees the result. */
char *text_fit(const char *visible, size_t columns, unsigned flags);

#endif
