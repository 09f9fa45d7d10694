/* text: anything typed or imported reaches the terminal only as visible characters, valid
 * text in any language passes unchanged, and screens can fit it to a column exactly. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "redress/text.h"
#include "redress/xalloc.h"
#include "testutil.h"

static void use_locale(const char *name) {
   ck_assert_msg(setlocale(LC_CTYPE, name) != NULL, "locale %s is not installed", name);
}

static void utf8_locale(void) {
   use_locale("C.UTF-8");
}

/* Asserts that text_visible(in, flags) is expected. */
static void visible_is(const char *in, unsigned flags, const char *expected) {
   char *got = text_visible(in, flags);
   ck_assert_msg(strcmp(got, expected) == 0, "visible \"%s\" is \"%s\", expected \"%s\"", in, got,
                 expected);
   free(got);
}

static void fit_is(const char *in, size_t columns, unsigned flags, const char *expected) {
   char *got = text_fit(in, columns, flags);
   ck_assert_msg(strcmp(got, expected) == 0, "fit \"%s\" to %zu is \"%s\", expected \"%s\"", in, columns,
                 got, expected);
   free(got);
}

START_TEST(test_escape_sequences_are_shown_not_sent) {
   visible_is("\033[2J", 0, "^[[2J");
   visible_is("Mr \033[31mRed\033[0m", 0, "Mr ^[[31mRed^[[0m");
   visible_is("\033]0;owned\007", 0, "^[]0;owned^G");
}
END_TEST

START_TEST(test_every_c0_control_shows_as_caret_and_letter) {
   for (int c = 1; c < 0x20; c++) {
      if (c == '\t' || c == '\n')
         continue;
      char in[4] = { 'a', (char)c, 'b', '\0' };
      char expected[5] = { 'a', '^', (char)(c + 0x40), 'b', '\0' };
      visible_is(in, TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE, expected);
   }
   visible_is("\r\n", TEXT_KEEP_NEWLINE, "^M\n");
   visible_is("rm\177\177", 0, "rm^?^?");
}
END_TEST

START_TEST(test_nul_in_a_buffer_shows_as_caret_at) {
   char *got = text_visible_len("a\0b", 3, 0);
   ck_assert_str_eq(got, "a^@b");
   free(got);
}
END_TEST

START_TEST(test_tab_becomes_a_space_unless_kept) {
   visible_is("a\tb", 0, "a b");
   visible_is("a\tb", TEXT_KEEP_TAB, "a\tb");
}
END_TEST

START_TEST(test_newline_shows_a_marker_unless_kept) {
   utf8_locale();
   visible_is("line one\nline two", 0, "line one\u23CEline two");
   visible_is("line one\nline two", TEXT_KEEP_NEWLINE, "line one\nline two");
   use_locale("C");
   visible_is("line one\nline two", 0, "line one|line two");
}
END_TEST

START_TEST(test_c1_controls_show_as_hex_of_their_code_point) {
   visible_is("a\xC2\x9B" "2Jb", 0, "a\\x9B2Jb");   /* CSI, the 8-bit escape */
   visible_is("\xC2\x80\xC2\x85\xC2\x9F", 0, "\\x80\\x85\\x9F");
   visible_is("\xC2\xA0", 0, "\xC2\xA0");           /* no-break space is text, not control */
}
END_TEST

START_TEST(test_right_to_left_override_is_named_not_obeyed) {
   visible_is("invoice\u202Etxt.exe", 0, "invoice<U+202E>txt.exe");
   static const char *const controls[] = {
      "\u200E", "\u200F", "\u061C", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
      "\u2066", "\u2067", "\u2068", "\u2069",
   };
   static const char *const names[] = {
      "<U+200E>", "<U+200F>", "<U+061C>", "<U+202A>", "<U+202B>", "<U+202C>", "<U+202D>",
      "<U+202E>", "<U+2066>", "<U+2067>", "<U+2068>", "<U+2069>",
   };
   for (size_t i = 0; i < sizeof controls / sizeof *controls; i++)
      visible_is(controls[i], 0, names[i]);
}
END_TEST

START_TEST(test_valid_text_in_any_language_passes_unchanged) {
   static const char *const texts[] = {
      "Siân Llŵyd, Tŷ Newydd",           /* Welsh */
      "Zażółć gęślą jaźń, Łódź",         /* Polish */
      "مرحبا بكم",                       /* Arabic letters themselves */
      "שלום",                            /* Hebrew */
      "café crème",                      /* composed accents */
      "cafe\u0301",                      /* a combining accent */
      "日本語のテキスト",                /* wide CJK */
      "£250 compensation – “agreed”",    /* pound sign, dash, curly quotes */
      "\U0001F3E0 home",                 /* beyond the basic plane */
   };
   for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
      visible_is(texts[i], 0, texts[i]);
}
END_TEST

typedef struct BadUtf8 {
   const char *in;
   const char *shown;
   const char *what;
} BadUtf8;

static const BadUtf8 bad_utf8[] = {
   { "a\xC0\xAF" "b", "a\\xC0\\xAFb", "overlong two-byte slash" },
   { "\xE0\x80\xAF", "\\xE0\\x80\\xAF", "overlong three-byte slash" },
   { "\xF0\x80\x80\xAF", "\\xF0\\x80\\x80\\xAF", "overlong four-byte slash" },
   { "a\x80" "b", "a\\x80b", "lone continuation byte" },
   { "\xBF\xBF", "\\xBF\\xBF", "two continuation bytes" },
   { "end\xE2\x82", "end\\xE2\\x82", "truncated at the end" },
   { "\xE2\x82" "A", "\\xE2\\x82A", "truncated before ASCII" },
   { "\xED\xA0\x80", "\\xED\\xA0\\x80", "UTF-16 surrogate" },
   { "\xF4\x90\x80\x80", "\\xF4\\x90\\x80\\x80", "beyond U+10FFFF" },
   { "\xFE\xFF", "\\xFE\\xFF", "bytes never used in UTF-8" },
   { "Caf\xE9", "Caf\\xE9", "Latin-1 e acute" },
};

START_TEST(test_invalid_utf8_bytes_show_as_hex) {
   const BadUtf8 *b = &bad_utf8[_i];
   char *got = text_visible(b->in, 0);
   ck_assert_msg(strcmp(got, b->shown) == 0, "%s: shown as \"%s\", expected \"%s\"", b->what, got,
                 b->shown);
   free(got);
   size_t bad = 99;
   ck_assert_msg(!text_utf8_valid(b->in, strlen(b->in), &bad), "%s accepted as UTF-8", b->what);
   ck_assert_uint_eq(bad, (size_t)(strstr(b->shown, "\\x") - b->shown));
}
END_TEST

START_TEST(test_utf8_decoder_reads_each_length_and_its_limits) {
   uint32_t cp;
   ck_assert_uint_eq(text_utf8_decode("\x7F", 1, &cp), 1);
   ck_assert_uint_eq(cp, 0x7F);
   ck_assert_uint_eq(text_utf8_decode("\xC2\x80", 2, &cp), 2);
   ck_assert_uint_eq(cp, 0x80);
   ck_assert_uint_eq(text_utf8_decode("\xE0\xA0\x80", 3, &cp), 3);
   ck_assert_uint_eq(cp, 0x800);
   ck_assert_uint_eq(text_utf8_decode("\xEF\xBF\xBD", 3, &cp), 3);
   ck_assert_uint_eq(cp, 0xFFFD);
   ck_assert_uint_eq(text_utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
   ck_assert_uint_eq(cp, 0x10FFFF);
   /* A sequence is never read past the length given. */
   ck_assert_uint_eq(text_utf8_decode("\xE2\x82\xAC", 2, &cp), 0);
}
END_TEST

/* Whatever bytes arrive, what goes to the terminal is valid UTF-8 with no control at all. */
START_TEST(test_visible_output_never_holds_a_control_or_invalid_byte) {
   utf8_locale();
   srand(4180);
   for (int round = 0; round < 2000; round++) {
      char in[64];
      size_t len = (size_t)(rand() % (int)sizeof in);
      for (size_t i = 0; i < len; i++)
         in[i] = (char)(rand() % 256);
      char *out = text_visible_len(in, len, 0);
      size_t n = strlen(out);
      ck_assert(text_utf8_valid(out, n, NULL));
      for (size_t i = 0; i < n;) {
         uint32_t cp;
         i += text_utf8_decode(out + i, n - i, &cp);
         ck_assert_msg(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0), "control U+%04X shown raw",
                       (unsigned)cp);
         ck_assert_msg(cp != 0x202E && cp != 0x2067 && cp != 0x200F, "bidi U+%04X shown raw", (unsigned)cp);
      }
      free(out);
   }
}
END_TEST

START_TEST(test_very_long_lines_are_shown_whole) {
   size_t len = 1000000;
   char *in = xmalloc(len + 1);
   for (size_t i = 0; i < len; i++)
      in[i] = (i % 1000 == 999) ? '\033' : 'x';
   in[len] = '\0';
   char *out = text_visible(in, 0);
   ck_assert_uint_eq(strlen(out), len + len / 1000);
   ck_assert(strncmp(out + 999, "^[", 2) == 0);
   free(out);
   free(in);
}
END_TEST

START_TEST(test_locale_is_utf8_follows_lc_ctype) {
   utf8_locale();
   ck_assert(text_locale_is_utf8());
   use_locale("C");
   ck_assert(!text_locale_is_utf8());
}
END_TEST

START_TEST(test_fit_pads_short_text_to_exactly_the_columns) {
   utf8_locale();
   fit_is("abc", 6, 0, "abc   ");
   fit_is("", 3, 0, "   ");
   fit_is("abc", 0, TEXT_ELLIPSIS, "");
   fit_is("Siân", 5, 0, "Siân ");
}
END_TEST

START_TEST(test_fit_cuts_long_text_and_marks_the_cut_with_an_ellipsis_when_asked) {
   utf8_locale();
   fit_is("abcdef", 4, 0, "abcd");
   fit_is("abcdef", 4, TEXT_ELLIPSIS, "abc\u2026");
   fit_is("abcd", 4, TEXT_ELLIPSIS, "abcd");   /* not cut: no ellipsis */
   fit_is("abcdef", 1, TEXT_ELLIPSIS, "\u2026");
}
END_TEST

START_TEST(test_fit_counts_wide_characters_as_two_columns) {
   utf8_locale();
   ck_assert_uint_eq(text_width("日本語"), 6);
   fit_is("日本語", 4, 0, "日本");
   fit_is("日本語", 5, 0, "日本 ");             /* half a wide character never shows */
   fit_is("日本語", 5, TEXT_ELLIPSIS, "日本\u2026");
   fit_is("日本語", 4, TEXT_ELLIPSIS, "日\u2026 ");
   fit_is("a日", 2, 0, "a ");
}
END_TEST

START_TEST(test_fit_keeps_combining_marks_with_their_letter) {
   utf8_locale();
   ck_assert_uint_eq(text_width("e\u0301te\u0301"), 3);
   fit_is("e\u0301te\u0301", 3, 0, "e\u0301te\u0301");
   fit_is("e\u0301te\u0301", 1, 0, "e\u0301");
   fit_is("e\u0301te\u0301!", 3, TEXT_ELLIPSIS, "e\u0301t\u2026");
   fit_is("Ŵŷ", 2, 0, "Ŵŷ");
}
END_TEST

START_TEST(test_fit_very_long_line_to_a_screen_row) {
   utf8_locale();
   size_t len = 200000;
   char *in = xmalloc(len + 1);
   memset(in, 'x', len);
   in[len] = '\0';
   char *out = text_fit(in, 80, TEXT_ELLIPSIS);
   ck_assert_uint_eq(strlen(out), 79 + strlen("\u2026"));
   ck_assert_uint_eq(text_width(out), 80);
   free(out);
   free(in);
}
END_TEST

START_TEST(test_fit_outside_utf8_shows_each_character_beyond_ascii_as_one_question_mark) {
   use_locale("C");
   ck_assert_uint_eq(text_width("Siân"), 4);
   fit_is("Siân", 6, 0, "Si?n  ");
   fit_is("日本", 3, 0, "?? ");
   fit_is("stray \xE9 byte", 12, 0, "stray ? byte");
   fit_is("abcdefgh", 6, TEXT_ELLIPSIS, "abc...");
   fit_is("abcdefgh", 2, TEXT_ELLIPSIS, "ab");   /* no room for the ellipsis */
}
END_TEST

START_TEST(test_fit_shows_a_question_mark_for_a_control_it_is_given) {
   utf8_locale();
   fit_is("a\tb", 4, 0, "a?b ");
}
END_TEST

START_TEST(test_wrap_breaks_long_lines_at_spaces_and_indents_continuations) {
   char *buf = NULL;
   size_t size = 0;
   FILE *out = open_memstream(&buf, &size);
   ck_assert_ptr_nonnull(out);
   text_wrap(out, "  the quick brown fox jumps over the lazy dog\nshort", 20);
   fclose(out);
   ck_assert_str_eq(buf, "  the quick brown\n      fox jumps over\n      the lazy dog\nshort\n");
   free(buf);
}
END_TEST

/* A letter to Zoë Brontë wraps where the reader's eye does: by the character, not the byte,
 * and a word too long for the line is never cut inside a character. */
START_TEST(test_wrap_counts_characters_not_bytes_and_never_splits_one) {
   char *buf = NULL;
   size_t size = 0;
   FILE *out = open_memstream(&buf, &size);
   ck_assert_ptr_nonnull(out);
   text_wrap(out, "éééééééééé éééééééééé\nßßßßßßßßßßßßßßßßßßßßßßßßß", 21);
   fclose(out);
   ck_assert_str_eq(buf, "éééééééééé éééééééééé\nßßßßßßßßßßßßßßßßßßßßß\n    ßßßß\n");
   free(buf);
}
END_TEST

START_TEST(test_read_file_that_is_missing_names_the_path) {
   char *data = NULL;
   size_t len = 0;
   RdError err;
   ck_assert_int_eq(text_read_file("/nonexistent/letter.txt", &data, &len, &err), RD_EIO);
   ck_assert_ptr_null(data);
   ck_assert(strstr(err.message, "/nonexistent/letter.txt") != NULL);
   ck_assert(strstr(err.message, "No such file") != NULL);
}
END_TEST

START_TEST(test_read_file_returns_every_byte) {
   char *dir = test_tmpdir();
   char *path = test_write_file(dir, "f.txt", "one\ntwo\n");
   char *data;
   size_t len;
   RdError err;
   ck_assert_int_eq(text_read_file(path, &data, &len, &err), RD_OK);
   ck_assert_uint_eq(len, 8);
   ck_assert_str_eq(data, "one\ntwo\n");
   free(data);
   test_rmtree(dir);
   free(path);
   free(dir);
}
END_TEST

static Suite *text_suite(void) {
   Suite *s = suite_create("text");
   TCase *tc = tcase_create("text");
   tcase_add_test(tc, test_escape_sequences_are_shown_not_sent);
   tcase_add_test(tc, test_every_c0_control_shows_as_caret_and_letter);
   tcase_add_test(tc, test_nul_in_a_buffer_shows_as_caret_at);
   tcase_add_test(tc, test_tab_becomes_a_space_unless_kept);
   tcase_add_test(tc, test_newline_shows_a_marker_unless_kept);
   tcase_add_test(tc, test_c1_controls_show_as_hex_of_their_code_point);
   tcase_add_test(tc, test_right_to_left_override_is_named_not_obeyed);
   tcase_add_test(tc, test_valid_text_in_any_language_passes_unchanged);
   tcase_add_loop_test(tc, test_invalid_utf8_bytes_show_as_hex, 0, (int)(sizeof bad_utf8 / sizeof *bad_utf8));
   tcase_add_test(tc, test_utf8_decoder_reads_each_length_and_its_limits);
   tcase_add_test(tc, test_visible_output_never_holds_a_control_or_invalid_byte);
   tcase_add_test(tc, test_very_long_lines_are_shown_whole);
   tcase_add_test(tc, test_locale_is_utf8_follows_lc_ctype);
   tcase_add_test(tc, test_fit_pads_short_text_to_exactly_the_columns);
   tcase_add_test(tc, test_fit_cuts_long_text_and_marks_the_cut_with_an_ellipsis_when_asked);
   tcase_add_test(tc, test_fit_counts_wide_characters_as_two_columns);
   tcase_add_test(tc, test_fit_keeps_combining_marks_with_their_letter);
   tcase_add_test(tc, test_fit_very_long_line_to_a_screen_row);
   tcase_add_test(tc, test_fit_outside_utf8_shows_each_character_beyond_ascii_as_one_question_mark);
   tcase_add_test(tc, test_fit_shows_a_question_mark_for_a_control_it_is_given);
   tcase_add_test(tc, test_wrap_breaks_long_lines_at_spaces_and_indents_continuations);
   tcase_add_test(tc, test_wrap_counts_characters_not_bytes_and_never_splits_one);
   tcase_add_test(tc, test_read_file_that_is_missing_names_the_path);
   tcase_add_test(tc, test_read_file_returns_every_byte);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(text_suite());
}
