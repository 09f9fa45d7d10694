/* visible: stepping through text a character at a time for fitting, wrapping and editing.
 * What text from users looks like on a terminal is decided by text_visible() in the core;
 * here it is only measured and cut. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "redress/text.h"
#include "ui.h"

bool ui_utf8(void) {
   return text_locale_is_utf8();
}

int ui_glyph(const char **vis, char out[UI_GLYPH_BYTES]) {
   const unsigned char *s = (const unsigned char *)*vis;
   if (*s < 0x80) {
      out[0] = (char)*s;
      out[1] = '\0';
      (*vis)++;
      return 1;
   }
   uint32_t cp;
   size_t n = text_utf8_decode(*vis, strnlen(*vis, 4), &cp);
   int w = n && ui_utf8() ? wcwidth((wchar_t)cp) : -1;
   if (w < 0) {   /* outside a UTF-8 locale, or a character the terminal cannot show */
      out[0] = '?';
      out[1] = '\0';
      *vis += n ? n : 1;
      return 1;
   }
   memcpy(out, s, n);
   out[n] = '\0';
   *vis += n;
   return w;
}

int ui_raw_glyph(const char **raw, char out[UI_GLYPH_BYTES]) {
   uint32_t cp;
   size_t n = text_utf8_decode(*raw, strnlen(*raw, 4), &cp);
   if (n == 0)
      n = 1;
   char *vis = text_visible_len(*raw, n, 0);
   *raw += n;
   int cols = 0;
   size_t used = 0;
   const char *p = vis;
   char glyph[UI_GLYPH_BYTES];
   while (*p) {
      cols += ui_glyph(&p, glyph);
      size_t len = strlen(glyph);
      if (used + len < UI_GLYPH_BYTES) {
         memcpy(out + used, glyph, len);
         used += len;
      }
   }
   out[used] = '\0';
   free(vis);
   return cols;
}

int ui_text_width(const char *text) {
   char *vis = text_visible(text ? text : "", 0);
   int cols = 0;
   char glyph[UI_GLYPH_BYTES];
   for (const char *p = vis; *p;)
      cols += ui_glyph(&p, glyph);
   free(vis);
   return cols;
}
