/* Fuzz target: the CSV reader behind 'redress import cases', and the writer on what it read. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "redress/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
   CsvTable *t = NULL;
   RdError err;
   if (csv_read_buffer((const char *)data, size, "fuzz.csv", &t, &err) != RD_OK)
      return 0;
   FILE *out = fopen("/dev/null", "w");
   CsvWriter w;
   csv_writer_init(&w, out, 0);
   for (size_t r = 0; r < t->row_count; r++) {
      for (size_t c = 0; c < t->column_count; c++)
         csv_write_field(&w, csv_field(t, r, (int)c));
      csv_end_row(&w);
   }
   csv_writer_finish(&w, "null", &err);
   fclose(out);
   csv_free(t);
   return 0;
}
