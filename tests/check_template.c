/* template: a letter is filled in completely or not at all, and every mistake in a template
 * is reported with the placeholder and the line to fix. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/template.h"
#include "redress/xalloc.h"
#include "testutil.h"

static TemplateValues *values;

static void setup(void) {
   values = template_values_new();
}

static void teardown(void) {
   template_values_free(values);
}

static Template *parse_ok(const char *text) {
   Template *t = NULL;
   RdError err;
   ck_assert_msg(template_parse(text, "letter.txt", &t, &err) == RD_OK, "refused: %s", err.message);
   return t;
}

/* Renders text with the values set up so far and checks the letter. */
static void renders(const char *text, const char *expected) {
   Template *t = parse_ok(text);
   char *out = NULL;
   RdError err;
   ck_assert_msg(template_render(t, values, &out, &err) == RD_OK, "refused: %s", err.message);
   ck_assert_msg(strcmp(out, expected) == 0, "rendered\n[%s]\nexpected\n[%s]", out, expected);
   free(out);
   template_free(t);
}

/* Renders text that must fail to render, with message. */
static void render_refused(const char *text, const char *message) {
   Template *t = parse_ok(text);
   char *out = (char *)1;
   RdError err;
   ck_assert_int_eq(template_render(t, values, &out, &err), RD_EINPUT);
   ck_assert_ptr_null(out);
   ck_assert_msg(strcmp(err.message, message) == 0, "message \"%s\", expected \"%s\"", err.message, message);
   template_free(t);
}

static void parse_refused(const char *text, const char *message) {
   Template *t = (Template *)1;
   RdError err;
   ck_assert_int_eq(template_parse(text, "letter.txt", &t, &err), RD_EINPUT);
   ck_assert_ptr_null(t);
   ck_assert_msg(strstr(err.message, message) != NULL, "message \"%s\" lacks \"%s\"", err.message, message);
}

static void add_action(const char *what, const char *due) {
   TemplateValues *item = template_add_item(values, "actions");
   template_set(item, "what", what);
   template_set(item, "due", due);
}

START_TEST(test_placeholders_are_replaced_by_their_values) {
   template_set(values, "name", "Ms Siân Jones");
   template_setf(values, "reference", "C-%d", 1042);
   renders("Dear {{name}},\nYour reference is {{reference}}. {{name}}\n",
           "Dear Ms Siân Jones,\nYour reference is C-1042. Ms Siân Jones\n");
}
END_TEST

START_TEST(test_a_placeholder_without_a_value_is_an_error_naming_it_and_its_line) {
   template_set(values, "name", "Mr Patel");
   render_refused("Dear {{name}},\n\nWe understand your complaint to be:\n{{definition}}\n",
                  "letter.txt:4: no value for {{definition}}");
}
END_TEST

START_TEST(test_an_empty_value_is_an_error_never_a_blank_in_a_letter) {
   template_set(values, "definition", "");
   render_refused("x\n{{definition}}", "letter.txt:2: no value for {{definition}}: it is empty (put it "
                  "inside {{?definition}}...{{/definition}} if it is optional)");
}
END_TEST

START_TEST(test_setting_a_value_again_replaces_it_and_null_removes_it) {
   template_set(values, "name", "first");
   template_set(values, "name", "second");
   renders("{{name}}", "second");
   template_set(values, "name", NULL);
   render_refused("{{name}}", "letter.txt:1: no value for {{name}}");
}
END_TEST

START_TEST(test_a_list_section_repeats_once_per_item_with_the_items_own_fields) {
   add_action("Repair the boiler", "2026-01-09");
   add_action("Refund £40", "2026-01-16");
   renders("{{#actions}}- {{what}} by {{due}}\n{{/actions}}",
           "- Repair the boiler by 2026-01-09\n- Refund £40 by 2026-01-16\n");
}
END_TEST

START_TEST(test_an_item_can_use_the_letters_own_values_and_its_fields_come_first) {
   template_set(values, "reference", "C-7");
   template_set(values, "what", "outer");
   add_action("inner", "2026-01-09");
   renders("{{#actions}}{{reference}}: {{what}}{{/actions}}", "C-7: inner");
}
END_TEST

START_TEST(test_a_missing_value_inside_a_list_names_the_item) {
   add_action("Repair the boiler", "2026-01-09");
   TemplateValues *item = template_add_item(values, "actions");
   template_set(item, "what", "Refund");
   render_refused("Actions:\n{{#actions}}\n- {{what}} by {{due}}\n{{/actions}}\n",
                  "letter.txt:3: no value for {{due}} (in item 2 of {{#actions}})");
}
END_TEST

START_TEST(test_an_empty_list_repeats_nothing) {
   template_set_list(values, "actions");
   renders("Actions:\n{{#actions}}\n- {{what}}\n{{/actions}}\nEnd\n", "Actions:\nEnd\n");
}
END_TEST

START_TEST(test_a_list_that_was_never_given_is_an_error) {
   render_refused("{{#actoins}}{{/actoins}}", "letter.txt:1: no list for {{#actoins}}");
}
END_TEST

START_TEST(test_a_list_and_a_single_value_cannot_stand_for_each_other) {
   add_action("a", "b");
   template_set(values, "name", "Jo");
   render_refused("\n{{actions}}", "letter.txt:2: {{actions}} is a list: repeat it with "
                  "{{#actions}}...{{/actions}}");
   render_refused("{{#name}}x{{/name}}", "letter.txt:1: {{#name}} repeats for a list, but name is a "
                  "single value: use {{?name}} to show text only when it has one");
}
END_TEST

START_TEST(test_a_flag_section_shows_only_when_its_value_is_present_and_not_empty) {
   const char *text = "A{{?large_print}}[large]{{/large_print}}B";
   renders(text, "AB");
   template_set_flag(values, "large_print", true);
   renders(text, "A[large]B");
   template_set_flag(values, "large_print", false);
   renders(text, "AB");
   template_set(values, "large_print", "");
   renders(text, "AB");
   template_set_list(values, "large_print");
   renders(text, "AB");
   template_add_item(values, "large_print");
   renders(text, "A[large]B");
}
END_TEST

START_TEST(test_an_inverse_section_shows_only_when_its_value_is_missing_or_empty) {
   const char *text = "{{^remedies}}No remedy was offered.{{/remedies}}";
   renders(text, "No remedy was offered.");
   template_set_list(values, "remedies");
   renders(text, "No remedy was offered.");
   TemplateValues *r = template_add_item(values, "remedies");
   template_set(r, "what", "Apology");
   renders(text, "");
}
END_TEST

START_TEST(test_sections_nest_and_an_items_fields_steer_inner_sections) {
   add_action("Repair", "2026-01-09");
   template_set_flag(template_add_item(values, "actions"), "done", true);
   renders("{{#actions}}[{{?done}}done{{/done}}{{^done}}{{what}}{{/done}}]{{/actions}}", "[Repair][done]");
}
END_TEST

START_TEST(test_a_section_tag_alone_on_its_line_leaves_no_blank_line) {
   template_set(values, "name", "Ms Jones");
   add_action("Repair the boiler", "9 January 2026");
   template_set_list(values, "remedies");
   renders("Dear {{name}},\n"
           "\n"
           "We will:\n"
           "  {{#actions}}  \n"
           "- {{what}} by {{due}}\n"
           "\t{{/actions}}\n"
           "{{^remedies}}\n"
           "No remedy was offered.\n"
           "{{/remedies}}\n"
           "{{?large_print}}\n"
           "(large print)\n"
           "{{/large_print}}\n"
           "Yours sincerely\n"
           "{{?never}}\n"
           "{{/never}}",
           "Dear Ms Jones,\n"
           "\n"
           "We will:\n"
           "- Repair the boiler by 9 January 2026\n"
           "No remedy was offered.\n"
           "Yours sincerely\n");
}
END_TEST

START_TEST(test_section_tags_among_text_keep_the_text_around_them) {
   template_set_flag(values, "urgent", true);
   renders("  {{?urgent}}URGENT{{/urgent}}  \nnext\n", "  URGENT  \nnext\n");
   renders("a {{?urgent}}\nb\n{{/urgent}} c\n", "a \nb\n c\n");
}
END_TEST

START_TEST(test_windows_line_ends_work_like_unix_ones) {
   add_action("Repair", "soon");
   renders("Actions:\r\n{{#actions}}\r\n- {{what}}\r\n{{/actions}}\r\nEnd\r\n", "Actions:\r\n- Repair\r\nEnd\r\n");
}
END_TEST

START_TEST(test_spaces_inside_the_braces_are_allowed) {
   template_set(values, "name", "Jo");
   add_action("x", "y");
   renders("{{ name }}{{# actions }}{{ what}}{{/ actions }}", "Jox");
}
END_TEST

START_TEST(test_values_are_inserted_as_they_are_never_escaped_or_read_as_tags) {
   template_set(values, "note", "<b>&amp;</b> {{name}} \"quoted\"\nsecond line");
   renders("[{{note}}]", "[<b>&amp;</b> {{name}} \"quoted\"\nsecond line]");
}
END_TEST

START_TEST(test_an_unclosed_section_is_an_error_with_its_line) {
   parse_refused("Dear x,\n\n{{#actions}}\n- {{what}}\n", "letter.txt:3: {{#actions}} is never closed: add {{/actions}}");
   parse_refused("{{?a}}\n{{?b}}\n{{/b}}", "letter.txt:1: {{?a}} is never closed");
}
END_TEST

START_TEST(test_a_mismatched_section_is_an_error_with_both_lines) {
   parse_refused("{{#actions}}\n{{?done}}\n{{/actions}}\n{{/done}}",
                 "letter.txt:3: {{/actions}} does not match {{?done}} opened on line 2: close that first with {{/done}}");
}
END_TEST

START_TEST(test_closing_a_section_never_opened_is_an_error) {
   parse_refused("text\n\n{{/remedies}}", "letter.txt:3: {{/remedies}} closes a section that was never opened");
}
END_TEST

START_TEST(test_a_malformed_tag_is_an_error_with_its_line) {
   parse_refused("one\n{{name\n}}", "letter.txt:2: {{ is not closed on the same line");
   parse_refused("one\ntwo {{name", "letter.txt:2: {{ is not closed");
   parse_refused("{{}}", "letter.txt:1: {{}} is not a placeholder");
   parse_refused("\n\n{{first name}}", "letter.txt:3: {{first name}} is not a placeholder");
   parse_refused("{{{name}}}", "{{{name}} is not a placeholder");
   parse_refused("{{na\033[2Jme}}", "{{na^[[2Jme}} is not a placeholder");
}
END_TEST

START_TEST(test_a_template_that_is_not_utf8_is_refused_with_its_line) {
   parse_refused("Dear {{name}},\nCaf\xE9\n", "letter.txt:2: not valid UTF-8 (byte 0xE9)");
}
END_TEST

START_TEST(test_single_braces_are_plain_text) {
   renders("{ not a tag } and }} too", "{ not a tag } and }} too");
}
END_TEST

START_TEST(test_write_sends_nothing_when_the_letter_cannot_be_completed) {
   Template *t = parse_ok("Dear {{name}},\nlong text...\n{{missing}}\n");
   template_set(values, "name", "Jo");
   char *buf = NULL;
   size_t size = 0;
   FILE *out = open_memstream(&buf, &size);
   ck_assert_ptr_nonnull(out);
   RdError err;
   ck_assert_int_eq(template_write(t, values, out, &err), RD_EINPUT);
   fclose(out);
   ck_assert_uint_eq(size, 0);
   free(buf);
   out = open_memstream(&buf, &size);
   template_set(values, "missing", "found");
   ck_assert_int_eq(template_write(t, values, out, &err), RD_OK);
   fclose(out);
   ck_assert_str_eq(buf, "Dear Jo,\nlong text...\nfound\n");
   free(buf);
   template_free(t);
}
END_TEST

START_TEST(test_load_reads_a_file_and_messages_name_its_path) {
   char *dir = test_tmpdir();
   char *path = test_write_file(dir, "acknowledgement.txt",
                                "Dear {{name}},\n\nThank you for your complaint.\n{{#actions}}\n{{/actions}}\n"
                                "\n\n\n\n\n\nWe understand it to be: {{definition}}\n");
   Template *t;
   RdError err;
   ck_assert_int_eq(template_load(path, &t, &err), RD_OK);
   template_set(values, "name", "Jo");
   template_set_list(values, "actions");
   char *out = NULL;
   ck_assert_int_eq(template_render(t, values, &out, &err), RD_EINPUT);
   char *expected = xasprintf("%s:12: no value for {{definition}}", path);
   ck_assert_str_eq(err.message, expected);
   free(expected);
   template_free(t);
   ck_assert_int_eq(template_load("/nonexistent/letter.txt", &t, &err), RD_EIO);
   ck_assert(strstr(err.message, "/nonexistent/letter.txt") != NULL);
   test_rmtree(dir);
   free(path);
   free(dir);
}
END_TEST

static Suite *template_suite(void) {
   Suite *s = suite_create("template");
   TCase *tc = tcase_create("template");
   tcase_add_checked_fixture(tc, setup, teardown);
   tcase_add_test(tc, test_placeholders_are_replaced_by_their_values);
   tcase_add_test(tc, test_a_placeholder_without_a_value_is_an_error_naming_it_and_its_line);
   tcase_add_test(tc, test_an_empty_value_is_an_error_never_a_blank_in_a_letter);
   tcase_add_test(tc, test_setting_a_value_again_replaces_it_and_null_removes_it);
   tcase_add_test(tc, test_a_list_section_repeats_once_per_item_with_the_items_own_fields);
   tcase_add_test(tc, test_an_item_can_use_the_letters_own_values_and_its_fields_come_first);
   tcase_add_test(tc, test_a_missing_value_inside_a_list_names_the_item);
   tcase_add_test(tc, test_an_empty_list_repeats_nothing);
   tcase_add_test(tc, test_a_list_that_was_never_given_is_an_error);
   tcase_add_test(tc, test_a_list_and_a_single_value_cannot_stand_for_each_other);
   tcase_add_test(tc, test_a_flag_section_shows_only_when_its_value_is_present_and_not_empty);
   tcase_add_test(tc, test_an_inverse_section_shows_only_when_its_value_is_missing_or_empty);
   tcase_add_test(tc, test_sections_nest_and_an_items_fields_steer_inner_sections);
   tcase_add_test(tc, test_a_section_tag_alone_on_its_line_leaves_no_blank_line);
   tcase_add_test(tc, test_section_tags_among_text_keep_the_text_around_them);
   tcase_add_test(tc, test_windows_line_ends_work_like_unix_ones);
   tcase_add_test(tc, test_spaces_inside_the_braces_are_allowed);
   tcase_add_test(tc, test_values_are_inserted_as_they_are_never_escaped_or_read_as_tags);
   tcase_add_test(tc, test_an_unclosed_section_is_an_error_with_its_line);
   tcase_add_test(tc, test_a_mismatched_section_is_an_error_with_both_lines);
   tcase_add_test(tc, test_closing_a_section_never_opened_is_an_error);
   tcase_add_test(tc, test_a_malformed_tag_is_an_error_with_its_line);
   tcase_add_test(tc, test_a_template_that_is_not_utf8_is_refused_with_its_line);
   tcase_add_test(tc, test_single_braces_are_plain_text);
   tcase_add_test(tc, test_write_sends_nothing_when_the_letter_cannot_be_completed);
   tcase_add_test(tc, test_load_reads_a_file_and_messages_name_its_path);
   suite_add_tcase(s, tc);
   return s;
}

int main(void) {
   return test_run(template_suite());
}
