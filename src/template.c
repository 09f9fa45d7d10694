/* template: parsing letter templates and filling them in. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "redress/template.h"
#include "redress/text.h"
#include "redress/xalloc.h"

/* --- values ------------------------------------------------------------------------- */

typedef struct TemplateEntry {
   char *name;
   char *text;                 /* NULL when the entry is a list */
   TemplateValues **items;
   size_t count;
   size_t cap;
} TemplateEntry;

struct TemplateValues {
   TemplateEntry *entries;
   size_t count;
   size_t cap;
};

TemplateValues *template_values_new(void) {
   return xcalloc(1, sizeof(TemplateValues));
}

static void template_entry_clear(TemplateEntry *e) {
   free(e->text);
   for (size_t i = 0; i < e->count; i++)
      template_values_free(e->items[i]);
   free(e->items);
   e->text = NULL;
   e->items = NULL;
   e->count = e->cap = 0;
}

void template_values_free(TemplateValues *values) {
   if (!values)
      return;
   for (size_t i = 0; i < values->count; i++) {
      template_entry_clear(&values->entries[i]);
      free(values->entries[i].name);
   }
   free(values->entries);
   free(values);
}

static TemplateEntry *template_values_find(const TemplateValues *values, const char *name) {
   for (size_t i = 0; i < values->count; i++)
      if (strcmp(values->entries[i].name, name) == 0)
         return &values->entries[i];
   return NULL;
}

/* The entry called name, emptied, or a new one. */
static TemplateEntry *template_values_slot(TemplateValues *values, const char *name) {
   TemplateEntry *e = template_values_find(values, name);
   if (e) {
      template_entry_clear(e);
      return e;
   }
   if (values->count == values->cap) {
      values->cap = values->cap ? values->cap * 2 : 16;
      values->entries = xreallocarray(values->entries, values->cap, sizeof *values->entries);
   }
   e = &values->entries[values->count++];
   *e = (TemplateEntry){ .name = xstrdup(name) };
   return e;
}

static void template_values_remove(TemplateValues *values, const char *name) {
   TemplateEntry *e = template_values_find(values, name);
   if (!e)
      return;
   template_entry_clear(e);
   free(e->name);
   size_t at = (size_t)(e - values->entries);
   memmove(e, e + 1, (values->count - at - 1) * sizeof *e);
   values->count--;
}

void template_set(TemplateValues *values, const char *name, const char *text) {
   if (!text) {
      template_values_remove(values, name);
      return;
   }
   template_values_slot(values, name)->text = xstrdup(text);
}

void template_setf(TemplateValues *values, const char *name, const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   char *text = xvasprintf(fmt, ap);
   va_end(ap);
   template_values_slot(values, name)->text = text;
}

void template_set_flag(TemplateValues *values, const char *name, bool on) {
   template_set(values, name, on ? "yes" : NULL);
}

void template_set_list(TemplateValues *values, const char *name) {
   template_values_slot(values, name);
}

TemplateValues *template_add_item(TemplateValues *values, const char *name) {
   TemplateEntry *e = template_values_find(values, name);
   if (!e || e->text)
      e = template_values_slot(values, name);
   if (e->count == e->cap) {
      e->cap = e->cap ? e->cap * 2 : 8;
      e->items = xreallocarray(e->items, e->cap, sizeof *e->items);
   }
   e->items[e->count] = template_values_new();
   return e->items[e->count++];
}

/* --- parsing ------------------------------------------------------------------------ */

typedef enum TemplateNodeKind {
   NODE_TEXT,
   NODE_VALUE,     /* {{name}} */
   NODE_EACH,      /* {{#name}} */
   NODE_IF,        /* {{?name}} */
   NODE_UNLESS     /* {{^name}} */
} TemplateNodeKind;

typedef struct TemplateNode {
   TemplateNodeKind kind;
   size_t start;             /* NODE_TEXT: its span of the source */
   size_t len;
   char *name;               /* the others: the name in the braces */
   char sigil;               /* '#', '?', '^' or 0, to quote the tag in messages */
   size_t line;
   size_t end;               /* sections: the index of the node after the section */
} TemplateNode;

struct Template {
   char *name;
   char *source;
   TemplateNode *nodes;
   size_t count;
   size_t cap;
};

typedef struct TemplateParser {
   Template *t;
   const char *src;
   size_t counted;           /* lines are counted up to here */
   size_t line;              /* the line of src[counted] */
   size_t *open;             /* indices of the sections not yet closed, innermost last */
   size_t depth;
   size_t open_cap;
   RdError *err;
} TemplateParser;

static RdStatus template_fail(const Template *t, size_t line, RdError *err, const char *fmt, ...)
   __attribute__((format(printf, 4, 5)));

static RdStatus template_fail(const Template *t, size_t line, RdError *err, const char *fmt, ...) {
   if (err) {
      va_list ap;
      va_start(ap, fmt);
      vsnprintf(err->message, sizeof err->message, fmt, ap);
      va_end(ap);
      err->status = RD_EINPUT;
      error_prefix(err, "%s:%zu", t->name, line);
   }
   return RD_EINPUT;
}

static size_t template_line_at(TemplateParser *p, size_t at) {
   for (; p->counted < at; p->counted++)
      p->line += p->src[p->counted] == '\n';
   return p->line;
}

static TemplateNode *template_add_node(Template *t, TemplateNodeKind kind) {
   if (t->count == t->cap) {
      t->cap = t->cap ? t->cap * 2 : 32;
      t->nodes = xreallocarray(t->nodes, t->cap, sizeof *t->nodes);
   }
   TemplateNode *n = &t->nodes[t->count++];
   *n = (TemplateNode){ .kind = kind };
   return n;
}

static void template_add_text(Template *t, size_t start, size_t end) {
   if (end <= start)
      return;
   TemplateNode *n = template_add_node(t, NODE_TEXT);
   n->start = start;
   n->len = end - start;
}

static bool template_is_blank(const char *s, size_t from, size_t to) {
   for (size_t i = from; i < to; i++)
      if (s[i] != ' ' && s[i] != '\t')
         return false;
   return true;
}

/* When the section tag at [at, after) is alone on its line (only blanks beside it), the whole
 * line goes: returns true with the line's start and the start of the next line. */
static bool template_standalone(const char *src, size_t at, size_t after, size_t *line_start,
                                size_t *next) {
   size_t ls = at;
   while (ls > 0 && src[ls - 1] != '\n')
      ls--;
   if (!template_is_blank(src, ls, at))
      return false;
   size_t k = after + strspn(src + after, " \t");
   if (src[k] == '\r' && src[k + 1] == '\n')
      k += 2;
   else if (src[k] == '\n')
      k++;
   else if (src[k] != '\0')
      return false;
   *line_start = ls;
   *next = k;
   return true;
}

static bool template_valid_name(const char *name) {
   static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
   return name[0] != '\0' && strspn(name, allowed) == strlen(name);
}

/* Splits the inside of a tag into its sigil (or 0) and its name (caller frees). */
static char *template_tag_name(const char *inside, size_t len, char *sigil) {
   while (len && (*inside == ' ' || *inside == '\t'))
      inside++, len--;
   *sigil = 0;
   if (len && strchr("#?^/", *inside)) {
      *sigil = *inside++;
      len--;
   }
   while (len && (*inside == ' ' || *inside == '\t'))
      inside++, len--;
   while (len && (inside[len - 1] == ' ' || inside[len - 1] == '\t'))
      len--;
   return xstrndup(inside, len);
}

static void template_open_section(TemplateParser *p, char sigil, char *name, size_t line) {
   TemplateNodeKind kind = sigil == '#' ? NODE_EACH : sigil == '?' ? NODE_IF : NODE_UNLESS;
   TemplateNode *n = template_add_node(p->t, kind);
   n->name = name;
   n->sigil = sigil;
   n->line = line;
   if (p->depth == p->open_cap) {
      p->open_cap = p->open_cap ? p->open_cap * 2 : 8;
      p->open = xreallocarray(p->open, p->open_cap, sizeof *p->open);
   }
   p->open[p->depth++] = p->t->count - 1;
}

static RdStatus template_close_section(TemplateParser *p, char *name, size_t line) {
   RdStatus st = RD_OK;
   if (p->depth == 0) {
      st = template_fail(p->t, line, p->err, "{{/%s}} closes a section that was never opened", name);
   } else {
      TemplateNode *open = &p->t->nodes[p->open[p->depth - 1]];
      if (strcmp(open->name, name) != 0)
         st = template_fail(p->t, line, p->err,
                            "{{/%s}} does not match {{%c%s}} opened on line %zu: close that first "
                            "with {{/%s}}", name, open->sigil, open->name, open->line, open->name);
      else
         open->end = p->t->count;
      p->depth--;
   }
   free(name);
   return st;
}

/* Reads the tag that starts at src[at] and moves *pos past it. */
static RdStatus template_parse_tag(TemplateParser *p, size_t *pos, size_t at) {
   const char *src = p->src;
   size_t line = template_line_at(p, at);
   const char *close = strstr(src + at + 2, "}}");
   const char *newline = strchr(src + at + 2, '\n');
   if (!close || (newline && newline < close))
      return template_fail(p->t, line, p->err, "{{ is not closed on the same line: write {{name}}");
   size_t after = (size_t)(close - src) + 2;
   char sigil;
   char *name = template_tag_name(src + at + 2, (size_t)(close - src) - at - 2, &sigil);
   if (!template_valid_name(name)) {
      char *shown = text_visible_len(src + at, after - at, 0);
      RdStatus st = template_fail(p->t, line, p->err, "%s is not a placeholder: a name is letters, "
                                  "digits, '_', '-' and '.'", shown);
      free(shown);
      free(name);
      return st;
   }
   size_t text_end = at, next = after;
   if (sigil)
      template_standalone(src, at, after, &text_end, &next);
   template_add_text(p->t, *pos, text_end);
   *pos = next;
   if (sigil == '/')
      return template_close_section(p, name, line);
   if (sigil) {
      template_open_section(p, sigil, name, line);
      return RD_OK;
   }
   TemplateNode *n = template_add_node(p->t, NODE_VALUE);
   n->name = name;
   n->line = line;
   return RD_OK;
}

static RdStatus template_check_utf8(const Template *t, RdError *err) {
   size_t bad;
   if (text_utf8_valid(t->source, strlen(t->source), &bad))
      return RD_OK;
   size_t line = 1;
   for (size_t i = 0; i < bad; i++)
      line += t->source[i] == '\n';
   return template_fail(t, line, err, "not valid UTF-8 (byte 0x%02X): save the template as UTF-8",
                        (unsigned char)t->source[bad]);
}

RdStatus template_parse(const char *text, const char *name, Template **out, RdError *err) {
   *out = NULL;
   Template *t = xcalloc(1, sizeof *t);
   t->name = xstrdup(name);
   t->source = xstrdup(text);
   TemplateParser p = { .t = t, .src = t->source, .line = 1, .err = err };
   RdStatus st = template_check_utf8(t, err);
   size_t pos = 0;
   while (st == RD_OK) {
      const char *tag = strstr(t->source + pos, "{{");
      if (!tag) {
         template_add_text(t, pos, strlen(t->source));
         break;
      }
      st = template_parse_tag(&p, &pos, (size_t)(tag - t->source));
   }
   if (st == RD_OK && p.depth > 0) {
      const TemplateNode *open = &t->nodes[p.open[p.depth - 1]];
      st = template_fail(t, open->line, err, "{{%c%s}} is never closed: add {{/%s}} where it ends",
                         open->sigil, open->name, open->name);
   }
   free(p.open);
   if (st != RD_OK) {
      template_free(t);
      return st;
   }
   *out = t;
   return RD_OK;
}

RdStatus template_load(const char *path, Template **out, RdError *err) {
   char *text;
   size_t len;
   *out = NULL;
   RdStatus st = text_read_file(path, &text, &len, err);
   if (st != RD_OK)
      return st;
   if (strlen(text) != len)
      st = error_set(err, RD_EINPUT, "%s holds a NUL byte: a template must be plain text", path);
   else
      st = template_parse(text, path, out, err);
   free(text);
   return st;
}

void template_free(Template *tmpl) {
   if (!tmpl)
      return;
   for (size_t i = 0; i < tmpl->count; i++)
      free(tmpl->nodes[i].name);
   free(tmpl->nodes);
   free(tmpl->source);
   free(tmpl->name);
   free(tmpl);
}

/* --- rendering ---------------------------------------------------------------------- */

/* The values in reach: an item's own, then those of the letter around it. */
typedef struct TemplateScope {
   const TemplateValues *values;
   const struct TemplateScope *outer;
   const char *list;         /* the list this item is from, for messages; NULL at the top */
   size_t item;              /* counted from 1 */
} TemplateScope;

typedef struct TemplateRender {
   const Template *t;
   TextBuf out;
   RdError *err;
} TemplateRender;

static const TemplateEntry *template_lookup(const TemplateScope *scope, const char *name) {
   for (; scope; scope = scope->outer) {
      const TemplateEntry *e = template_values_find(scope->values, name);
      if (e)
         return e;
   }
   return NULL;
}

static bool template_present(const TemplateEntry *e) {
   return e && (e->text ? e->text[0] != '\0' : e->count > 0);
}

/* Adds " (in item 2 of {{#actions}})" to a message about a value inside a list. */
static void template_add_context(RdError *err, const TemplateScope *scope) {
   if (!err || !scope->list)
      return;
   size_t used = strlen(err->message);
   snprintf(err->message + used, sizeof err->message - used, " (in item %zu of {{#%s}})", scope->item,
            scope->list);
}

static RdStatus template_put_value(TemplateRender *r, const TemplateNode *n, const TemplateScope *scope) {
   const TemplateEntry *e = template_lookup(scope, n->name);
   RdStatus st = RD_OK;
   if (!e)
      st = template_fail(r->t, n->line, r->err, "no value for {{%s}}", n->name);
   else if (!e->text)
      st = template_fail(r->t, n->line, r->err, "{{%s}} is a list: repeat it with {{#%s}}...{{/%s}}",
                         n->name, n->name, n->name);
   else if (e->text[0] == '\0')
      st = template_fail(r->t, n->line, r->err, "no value for {{%s}}: it is empty (put it inside "
                         "{{?%s}}...{{/%s}} if it is optional)", n->name, n->name, n->name);
   if (st != RD_OK) {
      template_add_context(r->err, scope);
      return st;
   }
   text_buf_adds(&r->out, e->text);
   return RD_OK;
}

static RdStatus template_render_range(TemplateRender *r, size_t from, size_t to, const TemplateScope *scope);

static RdStatus template_each(TemplateRender *r, const TemplateNode *n, size_t inner,
                              const TemplateScope *scope) {
   const TemplateEntry *e = template_lookup(scope, n->name);
   RdStatus st = RD_OK;
   if (!e)
      st = template_fail(r->t, n->line, r->err, "no list for {{#%s}}", n->name);
   else if (e->text)
      st = template_fail(r->t, n->line, r->err, "{{#%s}} repeats for a list, but %s is a single "
                         "value: use {{?%s}} to show text only when it has one", n->name, n->name, n->name);
   if (st != RD_OK) {
      template_add_context(r->err, scope);
      return st;
   }
   for (size_t i = 0; i < e->count && st == RD_OK; i++) {
      TemplateScope item = { e->items[i], scope, n->name, i + 1 };
      st = template_render_range(r, inner, n->end, &item);
   }
   return st;
}

static RdStatus template_render_range(TemplateRender *r, size_t from, size_t to, const TemplateScope *scope) {
   RdStatus st = RD_OK;
   for (size_t i = from; i < to && st == RD_OK;) {
      const TemplateNode *n = &r->t->nodes[i];
      switch (n->kind) {
      case NODE_TEXT:
         text_buf_add(&r->out, r->t->source + n->start, n->len);
         i++;
         break;
      case NODE_VALUE:
         st = template_put_value(r, n, scope);
         i++;
         break;
      case NODE_EACH:
         st = template_each(r, n, i + 1, scope);
         i = n->end;
         break;
      case NODE_IF:
      case NODE_UNLESS:
         if (template_present(template_lookup(scope, n->name)) == (n->kind == NODE_IF))
            st = template_render_range(r, i + 1, n->end, scope);
         i = n->end;
         break;
      }
   }
   return st;
}

RdStatus template_render(const Template *tmpl, const TemplateValues *values, char **out, RdError *err) {
   TemplateRender r = { tmpl, { 0 }, err };
   TemplateScope top = { values, NULL, NULL, 0 };
   *out = NULL;
   RdStatus st = template_render_range(&r, 0, tmpl->count, &top);
   if (st != RD_OK) {
      text_buf_free(&r.out);
      return st;
   }
   *out = text_buf_take(&r.out);
   return RD_OK;
}

RdStatus template_write(const Template *tmpl, const TemplateValues *values, FILE *out, RdError *err) {
   char *text;
   RdStatus st = template_render(tmpl, values, &text, err);
   if (st != RD_OK)
      return st;
   if (fputs(text, out) == EOF || fflush(out) != 0)
      st = error_set(err, RD_EIO, "error writing the letter from %s: it is incomplete", tmpl->name);
   free(text);
   return st;
}
