/* csv: imports read RFC 4180 files by column name and refuse bad ones with the line to fix;
 * exports open in a spreadsheet as the text that was written, never as a formula. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "redress/csv.h"
#include "redress/xalloc.h"
#include "testutil.h"

/* Reads text that must be accepted; the caller frees the table. */
static CsvTable *read_ok(const char *text) {
   CsvTable *t = NULL;
   RdError err;
   RdStatus st = csv_read_buffer(text, strlen(text), "test.csv", &t, &err);
   ck_assert_msg(st == RD_OK, "refused: %s", err.message);
   return t;
}

/* Reads len bytes that must be refused and checks the message. */
static void refused_len(const char *text, size_t len, const char *message) {
   CsvTable *t = (CsvTable *)1;
   RdError err;
   ck_assert_int_eq(csv_read_buffer(text, len, "people.csv", &t, &err), RD_EINPUT);
   ck_assert_ptr_null(t);
   ck_assert_msg(strstr(err.message, message) != NULL, "message \"%s\" lacks \"%s\"", err.message, message);
}

static void refused(const char *text, const char *message) {
   refused_len(text, strlen(text), message);
}

/* What the writer makes of one row, as a string the caller frees. */
typedef void WriteRow(CsvWriter *w);

static char *written(WriteRow *write, unsigned flags) {
   char *buf = NULL;
   size_t size = 0;
   FILE *out = open_memstream(&buf, &size);
   ck_assert_ptr_nonnull(out);
   CsvWriter w;
   csv_writer_init(&w, out, flags);
   write(&w);
   RdError err;
   ck_assert_int_eq(csv_writer_finish(&w, "memory", &err), RD_OK);
   fclose(out);
   return buf;
}

static void field_is(const char *text, const char *expected) {
   char *buf = NULL;
   size_t size = 0;
   FILE *out = open_memstream(&buf, &size);
   ck_assert_ptr_nonnull(out);
   CsvWriter w;
   csv_writer_init(&w, out, 0);
   csv_write_field(&w, text);
   fclose(out);
   ck_assert_msg(strcmp(buf, expected) == 0, "\"%s\" written as \"%s\", expected \"%s\"", text, buf, expected);
   free(buf);
}

START_TEST(test_importer_finds_named_columns_in_any_order) {
   CsvTable *t = read_ok("Surname,Reference, First Name \nJones,C-101,Siân\n");
   ck_assert_int_eq(csv_column(t, "reference"), 1);
   ck_assert_int_eq(csv_column(t, "first name"), 2);
   ck_assert_int_eq(csv_column(t, "SURNAME"), 0);
   ck_assert_int_eq(csv_column(t, "email"), -1);
   ck_assert_str_eq(csv_field(t, 0, csv_column(t, "First Name")), "Siân");
   ck_assert_ptr_null(csv_field(t, 0, csv_column(t, "email")));
   csv_free(t);
}
END_TEST

START_TEST(test_quoted_fields_hold_commas_doubled_quotes_and_newlines) {
   CsvTable *t = read_ok("name,note\r\n\"Smith, J\",\"He said \"\"no\"\"\r\nthen left\"\r\n\"\",\"\"\"\"\r\n");
   ck_assert_uint_eq(t->row_count, 2);
   ck_assert_str_eq(t->rows[0][0], "Smith, J");
   ck_assert_str_eq(t->rows[0][1], "He said \"no\"\r\nthen left");
   ck_assert_str_eq(t->rows[1][0], "");
   ck_assert_str_eq(t->rows[1][1], "\"");
   csv_free(t);
}
END_TEST

START_TEST(test_lf_and_crlf_line_ends_read_the_same) {
   CsvTable *lf = read_ok("a,b\n1,2\n3,\n");
   CsvTable *crlf = read_ok("a,b\r\n1,2\r\n3,\r\n");
   ck_assert_uint_eq(lf->row_count, 2);
   ck_assert_uint_eq(crlf->row_count, 2);
   for (size_t r = 0; r < 2; r++)
      for (size_t c = 0; c < 2; c++)
         ck_assert_str_eq(lf->rows[r][c], crlf->rows[r][c]);
   ck_assert_str_eq(crlf->rows[1][1], "");
   csv_free(lf);
   csv_free(crlf);
}
END_TEST

START_TEST(test_byte_order_mark_is_not_part_of_the_first_column) {
   CsvTable *t = read_ok("\xEF\xBB\xBFreference,date\nC-1,2025-12-19");
   ck_assert_int_eq(csv_column(t, "reference"), 0);
   ck_assert_str_eq(t->columns[0], "reference");
   ck_assert_str_eq(t->rows[0][1], "2025-12-19");   /* no newline at the end is fine */
   csv_free(t);
}
END_TEST

START_TEST(test_blank_lines_are_skipped) {
   CsvTable *t = read_ok("\na,b\n\n1,2\r\n\r\n3,4\n\n");
   ck_assert_uint_eq(t->row_count, 2);
   ck_assert_str_eq(t->rows[1][0], "3");
   csv_free(t);
}
END_TEST

START_TEST(test_each_row_knows_the_physical_line_it_starts_on) {
   CsvTable *t = read_ok("a,b\n1,\"two\nlines\"\n\n3,\"x\r\ny\r\nz\"\r\n5,6\n");
   ck_assert_uint_eq(t->row_count, 3);
   ck_assert_uint_eq(t->row_lines[0], 2);
   ck_assert_uint_eq(t->row_lines[1], 5);
   ck_assert_uint_eq(t->row_lines[2], 8);
   csv_free(t);
}
END_TEST

START_TEST(test_ragged_rows_are_refused_with_the_line_the_record_starts_on) {
   refused("a,b\n1,\"x\ny\"\n3\n", "people.csv:4: this row has 1 field but the header has 2 columns");
   refused("a,b\n1,2,3\n", "people.csv:2: this row has 3 fields but the header has 2 columns");
   refused("a,b\n1,2\n\"multi\nline\",2,3\n", "people.csv:3:");
}
END_TEST

START_TEST(test_invalid_utf8_is_refused_with_line_and_column) {
   refused("name,town\nSiân,Caf\xE9\n", "people.csv:2: field 2 (town) is not valid UTF-8 (byte 0xE9)");
   refused("name,town\n\"a\nb\",\xC0\xAF\n", "people.csv:2: field 2 (town) is not valid UTF-8 (byte 0xC0)");
   refused("name,town\nx,\x80\n", "byte 0x80");
   refused("name,town\nx,\xE2\x82\n", "byte 0xE2");
   refused("na\xFFme\n", "people.csv:1: field 1 is not valid UTF-8");
}
END_TEST

START_TEST(test_unclosed_quote_is_refused_with_the_line_it_opened_on) {
   refused("a,b\n1,2\n3,\"never\nclosed\n", "people.csv:3: field 2 (b) opens a quote on line 3 that is never closed");
}
END_TEST

START_TEST(test_stray_quotes_are_refused_with_how_to_write_them) {
   refused("a,b\n1,say \"hi\"\n", "people.csv:2: field 2 (b) holds a quote but does not start with one");
   refused("a,b\n\"x\"y,2\n", "people.csv:2: field 1 (a) has text after its closing quote");
}
END_TEST

START_TEST(test_two_columns_of_the_same_name_are_refused) {
   refused("Name,Date,name \n", "people.csv:1: columns 1 and 3 are both called \"name \"");
}
END_TEST

START_TEST(test_a_file_without_a_header_is_refused) {
   refused("", "people.csv is empty");
   refused("\xEF\xBB\xBF\r\n\n", "people.csv is empty");
}
END_TEST

START_TEST(test_nul_bytes_and_bare_carriage_returns_are_refused) {
   refused_len("a,b\n1,x\0y\n", 10, "people.csv:2: field 2 (b) holds a NUL byte");
   refused("a,b\n1,x\ry\n", "people.csv:2: field 2 (b) holds a carriage return");
}
END_TEST

START_TEST(test_utf16_and_workbook_files_are_named_for_what_they_are) {
   refused_len("\xFF\xFEn\0a\0", 6, "UTF-16");
   refused_len("PK\x03\x04\x14\0", 6, "spreadsheet workbook");
}
END_TEST

START_TEST(test_column_names_from_the_file_are_shown_safely_in_messages) {
   refused("a,\033[2Jb\n1,\"x\n", "field 2 (^[[2Jb)");
}
END_TEST

START_TEST(test_read_file_names_the_path_in_messages) {
   char *dir = test_tmpdir();
   char *path = test_write_file(dir, "cases.csv", "ref,date\nC-1\n");
   CsvTable *t;
   RdError err;
   ck_assert_int_eq(csv_read_file(path, &t, &err), RD_EINPUT);
   char *where = xasprintf("%s:2:", path);
   ck_assert_msg(strncmp(err.message, where, strlen(where)) == 0, "%s", err.message);
   free(where);
   ck_assert_int_eq(csv_read_file("/nonexistent/cases.csv", &t, &err), RD_EIO);
   ck_assert(strstr(err.message, "/nonexistent/cases.csv") != NULL);
   test_rmtree(dir);
   free(path);
   free(dir);
}
END_TEST

static void write_plain_rows(CsvWriter *w) {
   static const char *const header[] = { "ref", "note", "who" };
   static const char *const row[] = { "C-1", "late, again", "O'Brien \"Pat\"" };
   csv_write_row(w, header, 3);
   csv_write_row(w, row, 3);
}

START_TEST(test_writer_quotes_only_fields_that_need_it_and_ends_rows_with_crlf) {
   char *out = written(write_plain_rows, 0);
   ck_assert_str_eq(out, "ref,note,who\r\nC-1,\"late, again\",\"O'Brien \"\"Pat\"\"\"\r\n");
   free(out);
   field_is("two\nlines", "\"two\nlines\"");
   field_is("a\rb", "\"a\rb\"");
   field_is("", "");
   field_is(NULL, "");
}
END_TEST

START_TEST(test_every_formula_prefix_gets_a_leading_apostrophe) {
   field_is("=HYPERLINK(\"http://x\",\"click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"");
   field_is("=1+1", "'=1+1");
   field_is("+44 20 7946 0000", "'+44 20 7946 0000");
   field_is("-5", "'-5");
   field_is("-", "'-");
   field_is("@SUM(A1:A9)", "'@SUM(A1:A9)");
   field_is("\t=cmd", "'\t=cmd");
   field_is("\r=cmd", "\"'\r=cmd\"");
   field_is("=a,b", "\"'=a,b\"");
}
END_TEST

START_TEST(test_formula_characters_after_the_start_are_left_alone) {
   field_is("a=b", "a=b");
   field_is("flat 2-3", "flat 2-3");
   field_is("jo@example.org", "jo@example.org");
   field_is(" =1+1", " =1+1");
   field_is("'quoted'", "'quoted'");
}
END_TEST

static void write_numbers(CsvWriter *w) {
   csv_write_number(w, "-5");
   csv_write_number(w, "-1250.50");
   csv_write_integer(w, -500);
   csv_write_integer(w, 0);
   csv_write_number(w, "=1+1");
   csv_write_number(w, "-5-");
   csv_write_number(w, "1e5");
   csv_write_number(w, "-.5");
   csv_end_row(w);
}

START_TEST(test_numbers_written_as_numbers_keep_their_minus_sign) {
   char *out = written(write_numbers, 0);
   ck_assert_str_eq(out, "-5,-1250.50,-500,0,'=1+1,'-5-,1e5,'-.5\r\n");
   free(out);
}
END_TEST

static void write_one_cell(CsvWriter *w) {
   csv_write_field(w, "x");
   csv_end_row(w);
}

START_TEST(test_byte_order_mark_only_when_asked) {
   char *with = written(write_one_cell, CSV_BOM);
   char *without = written(write_one_cell, 0);
   ck_assert_str_eq(with, "\xEF\xBB\xBFx\r\n");
   ck_assert_str_eq(without, "x\r\n");
   free(with);
   free(without);
}
END_TEST

static const char *const awkward[] = {
   "plain",
   "comma, inside",
   "\"quoted\" and \"\"doubled\"\"",
   "two\nlines",
   "windows\r\nlines\r\n",
   "",
   "  spaces kept  ",
   "Siân Llŵyd, Tŷ Newydd; Łódź; 日本語; مرحبا",
   "trailing comma,",
   "\"",
   ",",
   "=SUM(A1)",
   "-5",
   "@home",
};
#define AWKWARD_COUNT (sizeof awkward / sizeof *awkward)

static void write_awkward(CsvWriter *w) {
   csv_write_field(w, "n");
   csv_write_field(w, "text");
   csv_end_row(w);
   for (size_t i = 0; i < AWKWARD_COUNT; i++) {
      csv_write_integer(w, (long long)i);
      csv_write_field(w, awkward[i]);
      csv_end_row(w);
   }
}

/* What a written field reads back as: itself, or with the apostrophe that disarmed it. */
static void check_round_trip(unsigned flags) {
   char *out = written(write_awkward, flags);
   CsvTable *t = read_ok(out);
   ck_assert_uint_eq(t->column_count, 2);
   ck_assert_str_eq(t->columns[0], "n");
   ck_assert_uint_eq(t->row_count, AWKWARD_COUNT);
   for (size_t i = 0; i < AWKWARD_COUNT; i++) {
      bool disarmed = strchr("=+-@", awkward[i][0]) && awkward[i][0];
      char *expected = xasprintf("%s%s", disarmed ? "'" : "", awkward[i]);
      ck_assert_uint_eq(strtoul(t->rows[i][0], NULL, 10), i);
      ck_assert_msg(strcmp(t->rows[i][1], expected) == 0, "row %zu read back as \"%s\", expected \"%s\"", i,
                    t->rows[i][1], expected);
      free(expected);
   }
   csv_free(t);
   free(out);
}

START_TEST(test_awkward_text_round_trips_without_a_bom) {
   check_round_trip(0);
}
END_TEST

START_TEST(test_awkward_text_round_trips_with_a_bom) {
   check_round_trip(CSV_BOM);
}
END_TEST

START_TEST(test_a_write_that_fails_is_reported) {
   FILE *full = fopen("/dev/full", "w");
   ck_assert_ptr_nonnull(full);
   CsvWriter w;
   csv_writer_init(&w, full, 0);
   csv_write_field(&w, "lost");
   csv_end_row(&w);
   RdError err;
   ck_assert_int_eq(csv_writer_finish(&w, "export.csv", &err), RD_EIO);
   ck_assert(strstr(err.message, "export.csv") != NULL);
   fclose(full);
}
END_TEST

static Suite *csv_suite(void) {
   Suite *s = suite_create("csv");
   TCase *tc = tcase_create("csv");
   tcase_add_test(tc, test_importer_finds_named_columns_in_any_order);
   tcase_add_test(tc, test_quoted_fields_hold_commas_doubled_quotes_and_newlines);
   tcase_add_test(tc, test_lf_and_crlf_line_ends_read_the_same);
   tcase_add_test(tc, test_byte_order_mark_is_not_part_of_the_first_column);
   tcase_add_test(tc, test_blank_lines_are_skipped);
   tcase_add_test(tc, test_each_row_knows_the_physical_line_it_starts_on);
   tcase_add_test(tc, test_ragged_rows_are_refused_with_the_line_the_record_starts_on);
   tcase_add_test(tc, test_invalid_utf8_is_refused_with_line_and_column);
   tcase_add_test(tc, test_unclosed_quote_is_refused_with_the_line_it_opened_on);
   tcase_add_test(tc, test_stray_quotes_are_refused_with_how_to_write_them);
   tcase_add_test(tc, test_two_columns_of_the_same_name_are_refused);
   tcase_add_test(tc, test_a_file_without_a_header_is_refused);
   tcase_add_test(tc, test_nul_bytes_and_bare_carriage_returns_are_refused);
   tcase_add_test(tc, test_utf16_and_workbook_files_are_named_for_what_they_are);
   tcase_add_test(tc, test_column_names_from_the_file_are_shown_safely_in_messages);
   tcase_add_test(tc, test_read_file_names_the_path_in_messages);
   tcase_add_test(tc, test_writer_quotes_only_fields_that_need_it_and_ends_rows_with_crlf);
   tcase_add_test(tc, test_every_formula_prefix_gets_a_leading_apostrophe);
   tcase_add_test(tc, test_formula_characters_after_the_start_are_left_alone);
   tcase_add_test(tc, test_numbers_written_as_numbers_keep_their_minus_sign);
   tcase_add_test(tc, test_byte_order_mark_only_when_asked);
   tcase_add_test(tc, test_awkward_text_round_trips_without_a_bom);
   tcase_add_test(tc, test_awkward_text_round_trips_with_a_bom);
   tcase_add_test(tc, test_a_write_that_fails_is_reported);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(csv_suite());
}
