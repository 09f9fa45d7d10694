/* visible: text from users made safe to show. A minimal stand-in, private to the screens,
 * until text_visible()/text_fit() land in src/text.c; then ui_glyph should call them. */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "ui.h"

static int ui_utf8_known = -1;

bool ui_utf8(void) {
   if (ui_utf8_known < 0)
      ui_utf8_known = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
   return ui_utf8_known != 0;
}

/* Caret notation: ^@ .. ^_ for C0, ^? for DEL. */
static int ui_caret(unsigned char c, char out[8]) {
   out[0] = '^';
   out[1] = c == 0x7f ? '?' : (char)(c + '@');
   out[2] = '\0';
   return 2;
}

static int ui_unknown(char out[8]) {
   out[0] = '?';
   out[1] = '\0';
   return 1;
}

int ui_glyph(const char **text, char out[8]) {
   const unsigned char *s = (const unsigned char *)*text;
   if (*s < 0x80) {
      (*text)++;
      if (*s < 0x20 || *s == 0x7f)
         return ui_caret(*s, out);
      out[0] = (char)*s;
      out[1] = '\0';
      return 1;
   }
   if (!ui_utf8()) {
      (*text)++;
      return ui_unknown(out);
   }
   mbstate_t state;
   memset(&state, 0, sizeof state);
   wchar_t wc;
   size_t n = mbrtowc(&wc, *text, 4, &state);
   if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
      (*text)++;
      return ui_unknown(out);
   }
   *text += n;
   int w = wcwidth(wc);
   if (w < 0 || (wc >= 0x80 && wc < 0xa0) || wc == 0x2028 || wc == 0x2029 || (wc >= 0x202a && wc <= 0x202e) ||
       (wc >= 0x2066 && wc <= 0x2069))
      return ui_unknown(out);   /* C1 controls, line separators and bidi overrides */
   memcpy(out, s, n);
   out[n] = '\0';
   return w;
}

int ui_text_width(const char *text) {
   int cols = 0;
   char glyph[8];
   while (text && *text)
      cols += ui_glyph(&text, glyph);
   return cols;
}
