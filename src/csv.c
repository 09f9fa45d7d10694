/* csv: reading and writing RFC 4180 files. */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "redress/csv.h"
#include "redress/text.h"
#include "redress/xalloc.h"

/* The fields of one record while it is read. */
typedef struct CsvRecord {
   char **fields;
   size_t count;
   size_t cap;
} CsvRecord;

typedef struct CsvParser {
   const char *p;
   const char *end;
   const char *name;           /* for messages */
   size_t line;                /* the physical line p is on */
   size_t record_line;         /* the line the record being read starts on */
   const CsvTable *header;     /* NULL while the header itself is read */
   RdError *err;
} CsvParser;

/* --- reading ------------------------------------------------------------------------ */

static RdStatus csv_fail(const CsvParser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static RdStatus csv_fail(const CsvParser *p, const char *fmt, ...) {
   if (p->err) {
      va_list ap;
      va_start(ap, fmt);
      vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
      va_end(ap);
      p->err->status = RD_EINPUT;
      error_prefix(p->err, "%s:%zu", p->name, p->record_line);
   }
   return RD_EINPUT;
}

/* "field 3 (surname)": how messages name a field; the column name is the file's, so it is
 * made visible before it reaches a terminal. */
static void csv_field_label(const CsvParser *p, size_t index, char *label, size_t size) {
   if (p->header && index < p->header->column_count) {
      char *shown = text_visible(p->header->columns[index], 0);
      snprintf(label, size, "field %zu (%s)", index + 1, shown);
      free(shown);
   } else {
      snprintf(label, size, "field %zu", index + 1);
   }
}

static bool csv_at_line_end(const CsvParser *p) {
   return p->p < p->end &&
          (*p->p == '\n' || (*p->p == '\r' && p->p + 1 < p->end && p->p[1] == '\n'));
}

static void csv_skip_line_end(CsvParser *p) {
   if (*p->p == '\r')
      p->p++;
   p->p++;
   p->line++;
}

static RdStatus csv_read_quoted(CsvParser *p, size_t index, TextBuf *b) {
   char label[160];
   size_t opened = p->line;
   p->p++;
   for (;;) {
      const char *quote = memchr(p->p, '"', (size_t)(p->end - p->p));
      if (!quote) {
         csv_field_label(p, index, label, sizeof label);
         return csv_fail(p, "%s opens a quote on line %zu that is never closed: add the closing \"",
                         label, opened);
      }
      for (const char *c = p->p; c < quote; c++)
         p->line += *c == '\n';
      text_buf_add(b, p->p, (size_t)(quote - p->p));
      p->p = quote + 1;
      if (p->p < p->end && *p->p == '"') {
         text_buf_addc(b, '"');
         p->p++;
         continue;
      }
      break;
   }
   if (p->p < p->end && *p->p != ',' && !csv_at_line_end(p)) {
      csv_field_label(p, index, label, sizeof label);
      return csv_fail(p, "%s has text after its closing quote: write a quote inside a quoted field "
                      "twice (\"\")", label);
   }
   return RD_OK;
}

static RdStatus csv_read_unquoted(CsvParser *p, size_t index, TextBuf *b) {
   char label[160];
   const char *start = p->p;
   while (p->p < p->end && *p->p != ',' && *p->p != '\n') {
      if (*p->p == '"') {
         csv_field_label(p, index, label, sizeof label);
         return csv_fail(p, "%s holds a quote but does not start with one: put the whole field in "
                         "quotes and write the quote twice (\"\")", label);
      }
      if (*p->p == '\r' && !csv_at_line_end(p)) {
         csv_field_label(p, index, label, sizeof label);
         return csv_fail(p, "%s holds a carriage return that does not end a line: lines must end "
                         "with LF or CRLF", label);
      }
      if (*p->p == '\r')
         break;
      p->p++;
   }
   text_buf_add(b, start, (size_t)(p->p - start));
   return RD_OK;
}

static RdStatus csv_check_field(const CsvParser *p, size_t index, const char *text, size_t len) {
   char label[160];
   size_t bad;
   if (memchr(text, '\0', len)) {
      csv_field_label(p, index, label, sizeof label);
      return csv_fail(p, "%s holds a NUL byte: this is not a text file; save it as CSV UTF-8", label);
   }
   if (!text_utf8_valid(text, len, &bad)) {
      csv_field_label(p, index, label, sizeof label);
      return csv_fail(p, "%s is not valid UTF-8 (byte 0x%02X): save the file as CSV UTF-8", label,
                      (unsigned char)text[bad]);
   }
   return RD_OK;
}

static void csv_record_push(CsvRecord *r, char *field) {
   if (r->count == r->cap) {
      r->cap = r->cap ? r->cap * 2 : 8;
      r->fields = xreallocarray(r->fields, r->cap, sizeof *r->fields);
   }
   r->fields[r->count++] = field;
}

static void csv_record_clear(CsvRecord *r) {
   for (size_t i = 0; i < r->count; i++)
      free(r->fields[i]);
   free(r->fields);
   *r = (CsvRecord){ 0 };
}

/* The record's fields as an array of exactly its size, now the caller's; r is empty again. */
static char **csv_record_take(CsvRecord *r) {
   char **fields = xreallocarray(r->fields, r->count ? r->count : 1, sizeof *fields);
   *r = (CsvRecord){ 0 };
   return fields;
}

/* Reads the next record into r, skipping blank lines; *done when the data ends first. */
static RdStatus csv_read_record(CsvParser *p, CsvRecord *r, bool *done) {
   while (csv_at_line_end(p))
      csv_skip_line_end(p);
   *done = p->p == p->end;
   if (*done)
      return RD_OK;
   p->record_line = p->line;
   for (;;) {
      TextBuf b = { 0 };
      size_t index = r->count;
      RdStatus st = (p->p < p->end && *p->p == '"') ? csv_read_quoted(p, index, &b)
                                                     : csv_read_unquoted(p, index, &b);
      if (st == RD_OK)
         st = csv_check_field(p, index, b.data ? b.data : "", b.len);
      if (st != RD_OK) {
         text_buf_free(&b);
         return st;
      }
      csv_record_push(r, text_buf_take(&b));
      if (p->p < p->end && *p->p == ',') {
         p->p++;
         continue;
      }
      if (p->p < p->end)
         csv_skip_line_end(p);
      return RD_OK;
   }
}

/* Compares column names as people mean them: ignoring case and surrounding spaces. */
static bool csv_name_matches(const char *a, const char *b) {
   a += strspn(a, " ");
   b += strspn(b, " ");
   size_t la = strlen(a), lb = strlen(b);
   while (la && a[la - 1] == ' ')
      la--;
   while (lb && b[lb - 1] == ' ')
      lb--;
   return la == lb && strncasecmp(a, b, la) == 0;
}

static RdStatus csv_take_header(CsvParser *p, CsvTable *t, CsvRecord *r) {
   for (size_t i = 0; i < r->count; i++) {
      if (r->fields[i][strspn(r->fields[i], " ")] == '\0')
         continue;
      for (size_t j = i + 1; j < r->count; j++) {
         if (csv_name_matches(r->fields[i], r->fields[j])) {
            char *shown = text_visible(r->fields[j], 0);
            RdStatus st = csv_fail(p, "columns %zu and %zu are both called \"%s\": rename one so "
                                   "each column can be told apart", i + 1, j + 1, shown);
            free(shown);
            return st;
         }
      }
   }
   t->column_count = r->count;
   t->columns = csv_record_take(r);
   p->header = t;
   return RD_OK;
}

static RdStatus csv_take_row(CsvParser *p, CsvTable *t, CsvRecord *r, size_t *cap) {
   if (r->count != t->column_count)
      return csv_fail(p, "this row has %zu field%s but the header has %zu column%s: give every "
                      "column a value (empty is fine) and put quotes around a value holding a comma",
                      r->count, r->count == 1 ? "" : "s", t->column_count,
                      t->column_count == 1 ? "" : "s");
   if (t->row_count == *cap) {
      *cap = *cap ? *cap * 2 : 64;
      t->rows = xreallocarray(t->rows, *cap, sizeof *t->rows);
      t->row_lines = xreallocarray(t->row_lines, *cap, sizeof *t->row_lines);
   }
   t->row_lines[t->row_count] = p->record_line;
   t->rows[t->row_count++] = csv_record_take(r);
   return RD_OK;
}

/* Files that are not UTF-8 text at all, named for what they are. */
static RdStatus csv_check_kind(const char *data, size_t len, const char *name, RdError *err) {
   if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
      return error_set(err, RD_EINPUT, "%s is UTF-16 text: save it as CSV UTF-8 instead", name);
   if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
      return error_set(err, RD_EINPUT, "%s is a spreadsheet workbook, not CSV: save it as CSV UTF-8",
                       name);
   return RD_OK;
}

RdStatus csv_read_buffer(const char *data, size_t len, const char *name, CsvTable **out, RdError *err) {
   *out = NULL;
   RdStatus st = csv_check_kind(data, len, name, err);
   if (st != RD_OK)
      return st;
   CsvParser p = { data, data + len, name, 1, 1, NULL, err };
   if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
      p.p += 3;
   CsvTable *t = xcalloc(1, sizeof *t);
   CsvRecord r = { 0 };
   size_t cap = 0;
   bool done;
   st = csv_read_record(&p, &r, &done);
   if (st == RD_OK && done)
      st = error_set(err, RD_EINPUT, "%s is empty: its first line must name the columns, separated "
                     "by commas", name);
   if (st == RD_OK)
      st = csv_take_header(&p, t, &r);
   while (st == RD_OK) {
      st = csv_read_record(&p, &r, &done);
      if (st != RD_OK || done)
         break;
      st = csv_take_row(&p, t, &r, &cap);
   }
   csv_record_clear(&r);
   if (st != RD_OK) {
      csv_free(t);
      return st;
   }
   *out = t;
   return RD_OK;
}

RdStatus csv_read_file(const char *path, CsvTable **out, RdError *err) {
   char *data;
   size_t len;
   *out = NULL;
   RdStatus st = text_read_file(path, &data, &len, err);
   if (st != RD_OK)
      return st;
   st = csv_read_buffer(data, len, path, out, err);
   free(data);
   return st;
}

static void csv_free_fields(char **fields, size_t count) {
   if (!fields)
      return;
   for (size_t i = 0; i < count; i++)
      free(fields[i]);
   free(fields);
}

void csv_free(CsvTable *table) {
   if (!table)
      return;
   csv_free_fields(table->columns, table->column_count);
   for (size_t r = 0; r < table->row_count; r++)
      csv_free_fields(table->rows[r], table->column_count);
   free(table->rows);
   free(table->row_lines);
   free(table);
}

int csv_column(const CsvTable *table, const char *name) {
   for (size_t i = 0; i < table->column_count; i++)
      if (csv_name_matches(table->columns[i], name))
         return (int)i;
   return -1;
}

const char *csv_field(const CsvTable *table, size_t row, int column) {
   if (column < 0 || (size_t)column >= table->column_count || row >= table->row_count)
      return NULL;
   return table->rows[row][column];
}

/* --- writing ------------------------------------------------------------------------ */

void csv_writer_init(CsvWriter *w, FILE *out, unsigned flags) {
   w->out = out;
   w->fields = 0;
   if (flags & CSV_BOM)
      fputs("\xEF\xBB\xBF", out);
}

static void csv_separate(CsvWriter *w) {
   if (w->fields++)
      putc(',', w->out);
}

/* Spreadsheets treat a cell starting with one of these as a formula (or, for tab and CR,
 * strip them and look again), so a resident's text could run as one. */
static bool csv_looks_like_formula(const char *text) {
   return text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
}

void csv_write_field(CsvWriter *w, const char *text) {
   if (!text)
      text = "";
   csv_separate(w);
   bool quoted = strpbrk(text, ",\"\r\n") != NULL;
   if (quoted)
      putc('"', w->out);
   if (csv_looks_like_formula(text))
      putc('\'', w->out);
   /* Whole spans up to each quote, which is doubled: a whole-database export writes
    * millions of fields, and putc for each byte of them was its largest cost. */
   const char *c = text;
   for (const char *q; (q = strchr(c, '"')) != NULL; c = q + 1) {
      fwrite(c, 1, (size_t)(q - c) + 1, w->out);
      putc('"', w->out);
   }
   fputs(c, w->out);
   if (quoted)
      putc('"', w->out);
}

static bool csv_is_plain_number(const char *text) {
   const char *c = text + (text[0] == '-');
   size_t digits = strspn(c, "0123456789");
   if (digits == 0)
      return false;
   c += digits;
   if (*c == '.') {
      digits = strspn(c + 1, "0123456789");
      if (digits == 0)
         return false;
      c += 1 + digits;
   }
   return *c == '\0';
}

void csv_write_number(CsvWriter *w, const char *number) {
   if (!number || !csv_is_plain_number(number)) {
      csv_write_field(w, number);
      return;
   }
   csv_separate(w);
   fputs(number, w->out);
}

void csv_write_integer(CsvWriter *w, long long value) {
   csv_separate(w);
   fprintf(w->out, "%lld", value);
}

void csv_end_row(CsvWriter *w) {
   fputs("\r\n", w->out);
   w->fields = 0;
}

void csv_write_row(CsvWriter *w, const char *const *fields, size_t count) {
   for (size_t i = 0; i < count; i++)
      csv_write_field(w, fields[i]);
   csv_end_row(w);
}

RdStatus csv_writer_finish(CsvWriter *w, const char *name, RdError *err) {
   if (fflush(w->out) != 0 || ferror(w->out))
      return error_set(err, RD_EIO, "error writing %s: the file is incomplete (is the disk full?)",
                       name);
   return RD_OK;
}
