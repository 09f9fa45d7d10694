/* export: cases, actions, the audit history and people, out as CSV or JSON.
 *
 * Rows are written as they are read, so a landlord's whole history never has to fit in memory.
 * Dates are YYYY-MM-DD and instants ISO-8601 in UTC (2025-12-19T10:00:00Z), as stored. CSV goes
 * through the csv module (RFC 4180, text that a spreadsheet would run as a formula neutralised);
 * JSON is one array of objects, one object a line, with null for what is not recorded. */
#ifndef REDRESS_EXPORT_H
#define REDRESS_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "redress/error.h"
#include "redress/session.h"

typedef enum ExportTable {
   EXPORT_CASES,
   EXPORT_ACTIONS,
   EXPORT_EVENTS,
   EXPORT_PEOPLE
} ExportTable;

typedef enum ExportFormat {
   EXPORT_CSV,
   EXPORT_JSON
} ExportFormat;

/* Called now and then with the rows written so far out of total, and once at the end. */
typedef void (*ExportProgress)(void *data, size_t done, size_t total);

typedef struct ExportOptions {
   ExportTable table;
   ExportFormat format;
   bool bom;                  /* CSV: start with a UTF-8 byte order mark, so Excel reads UTF-8 */
   bool to_file;              /* for the access log: to a file, not a screen or a pipe */
   ExportProgress progress;   /* may be NULL */
   void *progress_data;
} ExportOptions;

RdStatus export_table_parse(const char *text, ExportTable *out, RdError *err);
RdStatus export_format_parse(const char *text, ExportFormat *out, RdError *err);
const char *export_table_name(ExportTable table);   /* "cases" */

/* The columns of a table's export, in the order they are written. */
size_t export_column_count(ExportTable table);
const char *export_column_name(ExportTable table, size_t index);

/* Writes the table to out, which the caller opened and closes; name (the file, or "standard
 * output") is for messages. Cases and actions are open to every member of staff, except the
 * confidential cases (and their actions) of which they are neither a handler nor, for an
 * action, the owner; the whole history and people need a manager or an admin. Cases,
 * actions and people hold residents' details and words, so each export of them is recorded
 * in the access log first, and refused when it cannot be (a read-only database). *rows (may
 * be NULL) receives how many rows were written. RD_EIO when out could not take them all. */
RdStatus export_write(Session *s, const ExportOptions *opts, FILE *out, const char *name, size_t *rows,
                      RdError *err);

#endif
