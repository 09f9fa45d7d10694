/* Fuzz target: the letter template renderer, on templates a landlord edits. */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "redress/template.h"
#include "redress/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
   char *text = xstrndup((const char *)data, size);
   Template *tmpl = NULL;
   RdError err;
   if (template_parse(text, "fuzz.txt", &tmpl, &err) == RD_OK) {
      TemplateValues *v = template_values_new();
      template_set(v, "name", "Jo Tenant");
      template_set(v, "ref", "C26-00001");
      template_set_flag(v, "large_print", true);
      template_set_list(v, "actions");
      TemplateValues *item = template_add_item(v, "actions");
      template_set(item, "what", "Fit a new boiler");
      template_set(item, "due", "2026-01-30");
      char *out = NULL;
      if (template_render(tmpl, v, &out, &err) == RD_OK)
         free(out);
      template_values_free(v);
      template_free(tmpl);
   }
   free(text);
   return 0;
}
