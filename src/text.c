/* text: wrapping. */
#include "config.h"

#include <string.h>

#include "redress/text.h"

static void text_wrap_line(FILE *out, const char *line, size_t len, int width) {
   size_t indent = strspn(line, " ");
   if (indent > len)
      indent = len;
   size_t limit = width > 20 ? (size_t)width : 20;
   size_t pad = 0;
   while (len > limit - pad) {
      size_t cut = limit - pad;
      while (cut > indent && line[cut] != ' ')
         cut--;
      if (cut <= indent)
         cut = limit - pad;
      fprintf(out, "%*s%.*s\n", (int)pad, "", (int)cut, line);
      line += cut;
      len -= cut;
      while (len && *line == ' ') {
         line++;
         len--;
      }
      pad = indent + 4;
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
