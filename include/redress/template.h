/* template: the letter templates a landlord edits, filled in with a case's values.
 *
 *   {{name}}                       the value called name
 *   {{#actions}}...{{/actions}}    the inner text once per item of the list, where the item's
 *                                  own values (and, failing those, the outer ones) fill it
 *   {{?large_print}}...{{/large_print}}   only when the value or list is there and not empty
 *   {{^remedies}}...{{/remedies}}  only when it is missing or empty
 *
 * Spaces inside the braces are allowed. A section tag alone on its line takes the whole line
 * with it, so sections can sit on lines of their own. Every {{name}} must have a value that
 * is not empty: a missing value is an error naming it and its line, never a blank in a letter
 * (wrap optional values in {{?name}}...{{/name}}). Output is text: nothing is escaped. */
#ifndef REDRESS_TEMPLATE_H
#define REDRESS_TEMPLATE_H

#include <stdbool.h>
#include <stdio.h>

#include "redress/error.h"

/* Names mapped to text or to lists of items, each item a TemplateValues of its own. */
typedef struct TemplateValues TemplateValues;

/* A new empty set of values; the caller frees it with template_values_free. */
TemplateValues *template_values_new(void);
void template_values_free(TemplateValues *values);

/* Sets name to a copy of text, replacing what it held; NULL text removes name. */
void template_set(TemplateValues *values, const char *name, const char *text);
void template_setf(TemplateValues *values, const char *name, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));
/* Sets name to "yes" when on, removes it when not: for {{?name}} sections. */
void template_set_flag(TemplateValues *values, const char *name, bool on);
/* Makes name an empty list (so {{#name}} repeats nothing and {{^name}} shows). */
void template_set_list(TemplateValues *values, const char *name);
/* Appends an item to the list called name (making the list if needed) and returns it for the
 * caller to fill; values owns the item. */
TemplateValues *template_add_item(TemplateValues *values, const char *name);

typedef struct Template Template;

/* Parses a template; name (usually its path) starts every message. Unclosed, mismatched or
 * malformed tags and invalid UTF-8 are RD_EINPUT with their line. On success *out is the
 * caller's, to release with template_free. */
RdStatus template_parse(const char *text, const char *name, Template **out, RdError *err);
RdStatus template_load(const char *path, Template **out, RdError *err);
void template_free(Template *tmpl);

/* Fills the template; *out is a new string the caller frees. A placeholder without a value
 * is RD_EINPUT: "acknowledgement.txt:12: no value for {{definition}}". */
RdStatus template_render(const Template *tmpl, const TemplateValues *values, char **out, RdError *err);
/* The same, written to out only when the whole letter could be filled in. */
RdStatus template_write(const Template *tmpl, const TemplateValues *values, FILE *out, RdError *err);

#endif
