/* Fuzz target: the date and date-time parsers every command and import uses. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "redress/datetime.h"
#include "redress/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
   char *text = xstrndup((const char *)data, size);
   RdDate d;
   RdInstant t;
   RdError err;
   char buf[RD_INSTANT_BUFSIZE];
   if (datetime_parse_date(text, &d, &err) == RD_OK) {
      datetime_format_date(d, buf);
      if (strcmp(buf, text) != 0)
         __builtin_trap();   /* a date that parses must print back the same */
   }
   if (datetime_parse_instant(text, &t, &err) == RD_OK) {
      datetime_format_instant(t, buf);
      RdInstant again;
      if (datetime_parse_instant(buf, &again, &err) != RD_OK || again != t)
         __builtin_trap();   /* an instant must survive its own printed form */
   }
   free(text);
   return 0;
}
