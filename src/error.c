/* error: status names, exit codes and the message buffer. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "redress/error.h"

void error_clear(RdError *err) {
   if (!err)
      return;
   err->status = RD_OK;
   err->message[0] = '\0';
}

RdStatus error_set(RdError *err, RdStatus status, const char *fmt, ...) {
   if (!err)
      return status;
   err->status = status;
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(err->message, sizeof err->message, fmt, ap);
   va_end(ap);
   return status;
}

/* Appends text to buf (of size cap + 1), cutting it short when full. */
static void error_append(char *buf, size_t *used, size_t cap, const char *text) {
   size_t len = strlen(text);
   if (len > cap - *used)
      len = cap - *used;
   memcpy(buf + *used, text, len);
   *used += len;
   buf[*used] = '\0';
}

void error_prefix(RdError *err, const char *fmt, ...) {
   if (!err)
      return;
   char prefix[512];
   char joined[sizeof err->message];
   size_t used = 0;
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(prefix, sizeof prefix, fmt, ap);
   va_end(ap);
   error_append(joined, &used, sizeof joined - 1, prefix);
   error_append(joined, &used, sizeof joined - 1, ": ");
   error_append(joined, &used, sizeof joined - 1, err->message);
   memcpy(err->message, joined, used + 1);
}

const char *error_status_name(RdStatus status) {
   switch (status) {
   case RD_OK:        return "ok";
   case RD_EUSAGE:    return "usage";
   case RD_EINPUT:    return "bad input";
   case RD_ECONFIG:   return "configuration";
   case RD_ENOTFOUND: return "not found";
   case RD_ERULE:     return "refused by a rule";
   case RD_ECONFLICT: return "changed by someone else";
   case RD_EDENIED:   return "not allowed for your role";
   case RD_EDB:       return "database";
   case RD_EIO:       return "file";
   }
   return "unknown";
}

int error_exit_code(RdStatus status) {
   switch (status) {
   case RD_OK:
      return 0;
   case RD_ERULE:
   case RD_ECONFLICT:
   case RD_EDENIED:
      return 1;
   case RD_EUSAGE:
   case RD_EINPUT:
   case RD_ECONFIG:
   case RD_ENOTFOUND:
      return 2;
   case RD_EDB:
   case RD_EIO:
      return 3;
   }
   return 3;
}
