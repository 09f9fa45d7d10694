/* csv: RFC 4180 files in and out. The reader takes a whole file with a header row, so an
 * importer maps columns by name in any order; the writer makes files that Excel and
 * LibreOffice open as text, never as formulas. */
#ifndef REDRESS_CSV_H
#define REDRESS_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "redress/error.h"

/* A file read whole: every row has exactly column_count fields, all valid UTF-8 without NUL. */
typedef struct CsvTable {
   char **columns;        /* the header's names, as written */
   size_t column_count;
   char ***rows;          /* rows[r][c] */
   size_t *row_lines;     /* the physical line each row starts on, for importers' messages */
   size_t row_count;
} CsvTable;

/* Reads CSV from len bytes of data; name (usually the file's path) starts every message.
 * Accepts LF or CRLF line ends and a UTF-8 byte order mark; skips blank lines. Refuses, as
 * RD_EINPUT with the line the record starts on: invalid UTF-8, NUL bytes, rows with more or
 * fewer fields than the header, stray or unclosed quotes, two columns of the same name, and
 * a file with no header. On success *out is the caller's, to release with csv_free. */
RdStatus csv_read_buffer(const char *data, size_t len, const char *name, CsvTable **out, RdError *err);
RdStatus csv_read_file(const char *path, CsvTable **out, RdError *err);
void csv_free(CsvTable *table);

/* The index of the column called name (ignoring case and surrounding spaces), or -1. */
int csv_column(const CsvTable *table, const char *name);
/* The field of row in column, or NULL when column is -1 (a column the file does not have). */
const char *csv_field(const CsvTable *table, size_t row, int column);

typedef enum CsvWriteFlag {
   CSV_BOM = 1u << 0      /* start with a UTF-8 byte order mark, so Excel reads UTF-8 */
} CsvWriteFlag;

/* Writes rows of fields to a FILE the caller opened and closes. */
typedef struct CsvWriter {
   FILE *out;
   size_t fields;          /* fields written on the current row */
} CsvWriter;

/* Starts writing to out; flags from CsvWriteFlag. */
void csv_writer_init(CsvWriter *w, FILE *out, unsigned flags);
/* Text: quoted when it holds a comma, quote, CR or LF, and given a leading ' when it starts
 * with =, +, -, @, tab or CR, so a spreadsheet never evaluates it as a formula. */
void csv_write_field(CsvWriter *w, const char *text);
/* A number the program computed, written as it is (so -5 stays -5): an optional minus, digits
 * and an optional decimal part. Anything else is written as text by csv_write_field. */
void csv_write_number(CsvWriter *w, const char *number);
void csv_write_integer(CsvWriter *w, long long value);
/* Ends the row with CRLF. */
void csv_end_row(CsvWriter *w);
/* Writes count text fields and ends the row. */
void csv_write_row(CsvWriter *w, const char *const *fields, size_t count);
/* Flushes and reports whether everything reached the file; name is for the message. */
RdStatus csv_writer_finish(CsvWriter *w, const char *name, RdError *err);

#endif
