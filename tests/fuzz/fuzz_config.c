/* Fuzz target: redress.conf as the config reader reads it (libconfig reads files, so
 * each input is written to a private scratch file first). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "redress/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
   static char path[64];
   if (!path[0])
      snprintf(path, sizeof path, "/tmp/redress-fuzz-config-%ld.conf", (long)getpid());
   FILE *f = fopen(path, "wb");
   if (!f)
      return 0;
   fwrite(data, 1, size, f);
   fclose(f);
   Config *cfg = NULL;
   RdError err;
   if (config_load(path, &cfg, &err) == RD_OK)
      config_free(cfg);
   unlink(path);
   return 0;
}
