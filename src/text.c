/* text: wrapping, UTF-8, growing strings, whole files, and text made safe for a terminal. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "redress/text.h"
#include "redress/xalloc.h"

/* Characters in len bytes of UTF-8: every byte but the continuation bytes 10xxxxxx. */
static size_t text_chars(const char *s, size_t len) {
   size_t n = 0;
   for (size_t i = 0; i < len; i++)
      n += ((unsigned char)s[i] & 0xC0) != 0x80;
   return n;
}

/* The bytes the first chars characters of s take (never more than len), so a cut never
 * falls inside a character. */
static size_t text_bytes_of(const char *s, size_t len, size_t chars) {
   size_t i = 0;
   while (i < len && chars) {
      i++;
      while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
         i++;
      chars--;
   }
   return i;
}

/* Wraps one line to width characters (a letter's accented names count once, not by the
 * byte), at a space where there is one. */
static void text_wrap_line(FILE *out, const char *line, size_t len, int width) {
   size_t indent = strspn(line, " ");
   if (indent > len)
      indent = len;
   size_t limit = width > 20 ? (size_t)width : 20;
   size_t pad = 0, continuation = indent + 4;
   if (continuation > limit / 2)
      continuation = limit / 2;   /* a deep indent must still leave room for text */
   while (text_chars(line, len) > limit - pad) {
      size_t fits = text_bytes_of(line, len, limit - pad);
      size_t cut = fits;
      while (cut > indent && line[cut] != ' ')
         cut--;
      if (cut <= indent)
         cut = fits;
      fprintf(out, "%*s%.*s\n", (int)pad, "", (int)cut, line);
      line += cut;
      len -= cut;
      while (len && *line == ' ') {
         line++;
         len--;
      }
      /* Every continuation lines up under the first one, not just the second line. */
      pad = continuation;
      indent = 0;
   }
   fprintf(out, "%*s%.*s\n", (int)pad, "", (int)len, line);
}

void text_wrap(FILE *out, const char *text, int width) {
   while (*text) {
      const char *nl = strchr(text, '\n');
      size_t len = nl ? (size_t)(nl - text) : strlen(text);
      text_wrap_line(out, text, len, width);
      text += len + (nl ? 1 : 0);
   }
}

/* --- a growing string --------------------------------------------------------------- */

static void text_buf_reserve(TextBuf *b, size_t more) {
   if (b->len + more + 1 <= b->cap)
      return;
   size_t cap = b->cap ? b->cap : 64;
   while (cap < b->len + more + 1)
      cap *= 2;
   b->data = xrealloc(b->data, cap);
   b->data[b->len] = '\0';
   b->cap = cap;
}

void text_buf_add(TextBuf *b, const char *s, size_t len) {
   text_buf_reserve(b, len);
   memcpy(b->data + b->len, s, len);
   b->len += len;
   b->data[b->len] = '\0';
}

void text_buf_addc(TextBuf *b, char c) {
   text_buf_add(b, &c, 1);
}

void text_buf_adds(TextBuf *b, const char *s) {
   text_buf_add(b, s, strlen(s));
}

void text_buf_addf(TextBuf *b, const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   char *s = xvasprintf(fmt, ap);
   va_end(ap);
   text_buf_adds(b, s);
   free(s);
}

char *text_buf_take(TextBuf *b) {
   char *s = b->data ? b->data : xstrdup("");
   *b = (TextBuf){ 0 };
   return s;
}

void text_buf_free(TextBuf *b) {
   free(b->data);
   *b = (TextBuf){ 0 };
}

/* --- files ------------------------------------------------------------------------- */

RdStatus text_read_file(const char *path, char **data, size_t *len, RdError *err) {
   FILE *f = fopen(path, "rb");
   if (!f)
      return error_set(err, RD_EIO, "cannot read %s: %s", path, strerror(errno));
   TextBuf b = { 0 };
   char chunk[65536];
   size_t n;
   while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
      text_buf_add(&b, chunk, n);
   int failed = ferror(f);
   fclose(f);
   if (failed) {
      text_buf_free(&b);
      return error_set(err, RD_EIO, "error reading %s", path);
   }
   *len = b.len;
   *data = text_buf_take(&b);
   return RD_OK;
}

/* --- UTF-8 ----------------------------------------------------------------------------- */

size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp) {
   const unsigned char *u = (const unsigned char *)s;
   if (len == 0)
      return 0;
   if (u[0] < 0x80) {
      *cp = u[0];
      return 1;
   }
   size_t n;
   uint32_t c, least;
   /* C0 and C1 could only start overlong two-byte forms, F5-FF only values past U+10FFFF. */
   if (u[0] >= 0xC2 && u[0] <= 0xDF) {
      n = 2, c = u[0] & 0x1Fu, least = 0x80;
   } else if ((u[0] & 0xF0) == 0xE0) {
      n = 3, c = u[0] & 0x0Fu, least = 0x800;
   } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
      n = 4, c = u[0] & 0x07u, least = 0x10000;
   } else {
      return 0;
   }
   if (len < n)
      return 0;
   for (size_t i = 1; i < n; i++) {
      if ((u[i] & 0xC0) != 0x80)
         return 0;
      c = (c << 6) | (u[i] & 0x3Fu);
   }
   if (c < least || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      return 0;
   *cp = c;
   return n;
}

bool text_utf8_valid(const char *s, size_t len, size_t *bad) {
   size_t i = 0;
   while (i < len) {
      uint32_t cp;
      size_t n = text_utf8_decode(s + i, len - i, &cp);
      if (n == 0) {
         if (bad)
            *bad = i;
         return false;
      }
      i += n;
   }
   return true;
}

bool text_locale_is_utf8(void) {
   const char *codeset = nl_langinfo(CODESET);
   return codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

/* --- showing text from users ----------------------------------------------------------- */

/* The controls that reorder text on screen, which could make a note or a name seem to say
 * something else (the "Trojan Source" trick). */
static bool text_is_bidi_control(uint32_t cp) {
   return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
          (cp >= 0x2066 && cp <= 0x2069);
}

static void text_visible_ascii(TextBuf *b, unsigned char c, unsigned flags, bool utf8) {
   if (c == '\t')
      text_buf_addc(b, (flags & TEXT_KEEP_TAB) ? '\t' : ' ');
   else if (c == '\n' && (flags & TEXT_KEEP_NEWLINE))
      text_buf_addc(b, '\n');
   else if (c == '\n')
      text_buf_adds(b, utf8 ? "\u23CE" : "|");
   else if (c < 0x20)
      text_buf_addf(b, "^%c", c + 0x40);
   else if (c == 0x7F)
      text_buf_adds(b, "^?");
   else
      text_buf_addc(b, (char)c);
}

char *text_visible_len(const char *in, size_t len, unsigned flags) {
   bool utf8 = text_locale_is_utf8();
   TextBuf b = { 0 };
   text_buf_reserve(&b, len);
   size_t i = 0;
   while (i < len) {
      unsigned char c = (unsigned char)in[i];
      if (c < 0x80) {
         text_visible_ascii(&b, c, flags, utf8);
         i++;
         continue;
      }
      uint32_t cp;
      size_t n = text_utf8_decode(in + i, len - i, &cp);
      if (n == 0) {
         text_buf_addf(&b, "\\x%02X", c);
         i++;
         continue;
      }
      if (cp < 0xA0)
         text_buf_addf(&b, "\\x%02X", (unsigned)cp);
      else if (text_is_bidi_control(cp))
         text_buf_addf(&b, "<U+%04X>", (unsigned)cp);
      else
         text_buf_add(&b, in + i, n);
      i += n;
   }
   return text_buf_take(&b);
}

char *text_visible(const char *in, unsigned flags) {
   return text_visible_len(in, strlen(in), flags);
}

/* --- fitting visible text to columns ---------------------------------------------------- */

/* One character as the terminal will show it. */
typedef struct TextGlyph {
   const char *bytes;   /* what to send */
   size_t len;
   size_t width;        /* columns it takes */
   size_t advance;      /* bytes of the input it stands for */
} TextGlyph;

static TextGlyph text_glyph(const char *s, size_t len, bool utf8) {
   static const char question[] = "?";
   TextGlyph unknown = { question, 1, 1, 1 };
   unsigned char c = (unsigned char)s[0];
   if (c >= 0x20 && c < 0x7F)
      return (TextGlyph){ s, 1, 1, 1 };
   if (!utf8) {
      uint32_t cp;
      size_t n = c >= 0x80 ? text_utf8_decode(s, len, &cp) : 0;
      unknown.advance = n ? n : 1;
      return unknown;
   }
   mbstate_t state;
   memset(&state, 0, sizeof state);
   wchar_t wc;
   size_t n = mbrtowc(&wc, s, len, &state);
   if (n == 0 || n == (size_t)-1 || n == (size_t)-2)
      return unknown;
   int w = wcwidth(wc);
   if (w < 0) {
      unknown.advance = n;
      return unknown;
   }
   return (TextGlyph){ s, n, (size_t)w, n };
}

size_t text_width(const char *visible) {
   bool utf8 = text_locale_is_utf8();
   size_t len = strlen(visible), width = 0;
   for (size_t i = 0; i < len;) {
      TextGlyph g = text_glyph(visible + i, len - i, utf8);
      width += g.width;
      i += g.advance;
   }
   return width;
}

/* Adds the longest prefix of s that fits in columns to b and returns the columns it took. */
static size_t text_fit_prefix(TextBuf *b, const char *s, size_t columns, bool utf8) {
   size_t len = strlen(s), used = 0;
   for (size_t i = 0; i < len;) {
      TextGlyph g = text_glyph(s + i, len - i, utf8);
      if (used + g.width > columns)
         break;
      text_buf_add(b, g.bytes, g.len);
      used += g.width;
      i += g.advance;
   }
   return used;
}

char *text_fit(const char *visible, size_t columns, unsigned flags) {
   bool utf8 = text_locale_is_utf8();
   const char *ellipsis = utf8 ? "\u2026" : "...";
   size_t ellipsis_width = utf8 ? 1 : 3;
   TextBuf b = { 0 };
   size_t used;
   if (text_width(visible) <= columns) {
      used = text_fit_prefix(&b, visible, columns, utf8);
   } else if ((flags & TEXT_ELLIPSIS) && ellipsis_width <= columns) {
      used = text_fit_prefix(&b, visible, columns - ellipsis_width, utf8);
      text_buf_adds(&b, ellipsis);
      used += ellipsis_width;
   } else {
      used = text_fit_prefix(&b, visible, columns, utf8);
   }
   for (; used < columns; used++)
      text_buf_addc(&b, ' ');
   return text_buf_take(&b);
}
