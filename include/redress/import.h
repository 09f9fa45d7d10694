/* import: cases from a web form's or a spreadsheet's CSV export, all or nothing.
 *
 * The header row names the columns, in any order and any case, from: name, tenancy_ref, phone,
 * email, address, channel, received_at, incident_on, category, summary, outcome_sought,
 * anonymous. Each row finds its person by tenancy reference, or records them, and logs the
 * complaint untriaged through the lifecycle's own rules. A bad row is reported by its line and
 * column, with what is wrong, and then nothing of the file is stored: the whole file is one
 * transaction, with one audit event for each case logged. */
#ifndef REDRESS_IMPORT_H
#define REDRESS_IMPORT_H

#include <stddef.h>

#include "redress/csv.h"
#include "redress/error.h"
#include "redress/session.h"

/* Called now and then with the rows imported so far out of total. */
typedef void (*ImportProgress)(void *data, size_t done, size_t total);

typedef struct ImportResult {
   size_t imported;
   size_t people_created;
   size_t people_found;       /* rows matched to someone already recorded, by tenancy reference */
   char first_ref[16];        /* the references given, in the file's order */
   char last_ref[16];
   char ignored[256];         /* columns redress does not know, comma-separated; "" when none */
} ImportResult;

/* "name, tenancy_ref, ...": the columns an import understands. */
const char *import_columns(void);

/* Reads and imports the file at path. */
RdStatus import_cases_file(Session *s, const char *path, ImportProgress progress, void *progress_data,
                           ImportResult *out, RdError *err);
/* Imports a table already read; name (usually the file's path) starts every message. */
RdStatus import_cases(Session *s, const CsvTable *table, const char *name, ImportProgress progress,
                      void *progress_data, ImportResult *out, RdError *err);

#endif
