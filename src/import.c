/* import: every row checked column by column, then logged through complaint_new_within, all
 * inside one transaction. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lifecycle.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/import.h"
#include "redress/person.h"
#include "redress/xalloc.h"

#define IMPORT_PROGRESS_EVERY 256
#define IMPORT_SUMMARY_MAX 4000
#define IMPORT_TEXT_MAX 200

enum {
   COL_NAME, COL_TENANCY, COL_PHONE, COL_EMAIL, COL_ADDRESS, COL_CHANNEL, COL_RECEIVED, COL_INCIDENT, COL_CATEGORY,
   COL_SUMMARY, COL_OUTCOME, COL_ANONYMOUS, COL_COUNT
};

static const char *const import_names[COL_COUNT] = {
   "name", "tenancy_ref", "phone", "email", "address", "channel", "received_at", "incident_on", "category",
   "summary", "outcome_sought", "anonymous"
};

/* Words web forms and spreadsheets use for the channels redress knows. */
typedef struct ImportAlias {
   const char *said;
   const char *channel;
} ImportAlias;

static const ImportAlias import_channel_aliases[] = {
   { "telephone", "phone" }, { "call", "phone" }, { "e-mail", "email" }, { "web-form", "web" },
   { "webform", "web" }, { "online", "web" }, { "website", "web" }, { "post", "letter" },
   { "face-to-face", "in-person" }, { "visit", "in-person" }, { "counter", "in-person" },
   { "facebook", "social-media" }, { "twitter", "social-media" }, { "social", "social-media" },
};

typedef struct Import {
   Session *s;
   const CsvTable *table;
   const char *name;
   int col[COL_COUNT];        /* the file's column of each field; -1 when it has none */
   size_t line;               /* the line the current row starts on */
   char *field[COL_COUNT];    /* the current row, trimmed; "" for a column the file lacks */
   ImportResult *out;
   RdError *err;
} Import;

/* The row's values once checked. */
typedef struct ImportCase {
   bool anonymous;
   const char *channel;
   RdInstant received;
   RdDate incident;
   const char *category;
   int64_t person_id;
   bool person_created;
} ImportCase;

const char *import_columns(void) {
   return "name, tenancy_ref, phone, email, address, channel, received_at, incident_on, category, summary, "
          "outcome_sought, anonymous";
}

static RdStatus import_bad(Import *im, int column, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A bad row: "FILE line 4, column received_at: what is wrong". */
static RdStatus import_bad(Import *im, int column, const char *fmt, ...) {
   char what[800];
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(what, sizeof what, fmt, ap);
   va_end(ap);
   if (column < 0)
      return error_set(im->err, RD_EINPUT, "%s line %zu: %s", im->name, im->line, what);
   return error_set(im->err, RD_EINPUT, "%s line %zu, column %s: %s", im->name, im->line, import_names[column], what);
}

/* "Tenancy Ref", "tenancy-ref" and "TENANCY_REF" all name tenancy_ref. */
static int import_known(const char *header) {
   char norm[64];
   size_t n = 0;
   while (*header == ' ' || *header == '\t')
      header++;
   for (; *header && n + 1 < sizeof norm; header++)
      norm[n++] = *header == ' ' || *header == '-' ? '_' : (char)tolower((unsigned char)*header);
   while (n > 0 && norm[n - 1] == '_')
      n--;
   norm[n] = '\0';
   for (int c = 0; c < COL_COUNT; c++)
      if (strcmp(norm, import_names[c]) == 0)
         return c;
   return -1;
}

static void import_note_ignored(Import *im, const char *header) {
   char *list = im->out->ignored;
   size_t used = strlen(list);
   if (used + strlen(header) + 3 < sizeof im->out->ignored)
      snprintf(list + used, sizeof im->out->ignored - used, "%s%s", used ? ", " : "", header);
}

static RdStatus import_header(Import *im) {
   const CsvTable *t = im->table;
   for (int c = 0; c < COL_COUNT; c++)
      im->col[c] = -1;
   for (size_t i = 0; i < t->column_count; i++) {
      int c = import_known(t->columns[i]);
      if (c < 0) {
         import_note_ignored(im, t->columns[i]);
      } else if (im->col[c] >= 0) {
         return error_set(im->err, RD_EINPUT, "%s: the header has two columns for %s ('%s' and '%s'): keep one",
                          im->name, import_names[c], t->columns[im->col[c]], t->columns[i]);
      } else {
         im->col[c] = (int)i;
      }
   }
   static const int required[] = { COL_RECEIVED, COL_CATEGORY, COL_SUMMARY };
   for (size_t i = 0; i < sizeof required / sizeof *required; i++)
      if (im->col[required[i]] < 0)
         return error_set(im->err, RD_EINPUT, "%s has no %s column: the header row names the columns, in any "
                          "order, from: %s", im->name, import_names[required[i]], import_columns());
   if (im->col[COL_NAME] < 0 && im->col[COL_TENANCY] < 0 && im->col[COL_ANONYMOUS] < 0)
      return error_set(im->err, RD_EINPUT, "%s says nothing of who complains: it needs a name or tenancy_ref "
                       "column (or anonymous, for complaints that name nobody)", im->name);
   if (t->row_count == 0)
      return error_set(im->err, RD_EINPUT, "%s has a header but no rows: there is nothing to import", im->name);
   return RD_OK;
}

static void import_free_row(Import *im) {
   for (int c = 0; c < COL_COUNT; c++) {
      free(im->field[c]);
      im->field[c] = NULL;
   }
}

/* The fields of a row, trimmed, into im->field: the import's until import_free_row. */
static void import_read_row(Import *im, size_t row) {
   for (int c = 0; c < COL_COUNT; c++) {
      const char *text = csv_field(im->table, row, im->col[c]);
      if (!text)
         text = "";
      while (*text == ' ' || *text == '\t')
         text++;
      size_t len = strlen(text);
      while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
         len--;
      im->field[c] = xstrndup(text, len);
   }
   im->line = im->table->row_lines[row];
}

/* --- each column ---------------------------------------------------------------------------- */

static RdStatus import_anonymous(Import *im, ImportCase *ic) {
   static const char *const yes[] = { "yes", "y", "true", "1" };
   static const char *const no[] = { "", "no", "n", "false", "0" };
   const char *text = im->field[COL_ANONYMOUS];
   for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
      if (strcasecmp(text, yes[i]) == 0)
         ic->anonymous = true;
   bool known = ic->anonymous;
   for (size_t i = 0; i < sizeof no / sizeof *no; i++)
      known = known || strcasecmp(text, no[i]) == 0;
   if (!known)
      return import_bad(im, COL_ANONYMOUS, "'%s' is not yes or no", text);
   static const int named[] = { COL_NAME, COL_TENANCY, COL_PHONE, COL_EMAIL, COL_ADDRESS };
   for (size_t i = 0; ic->anonymous && i < sizeof named / sizeof *named; i++)
      if (*im->field[named[i]])
         return import_bad(im, named[i], "an anonymous complaint names nobody: leave %s empty, or set anonymous "
                           "to no", import_names[named[i]]);
   if (!ic->anonymous && !*im->field[COL_NAME] && !*im->field[COL_TENANCY])
      return import_bad(im, im->col[COL_NAME] >= 0 ? COL_NAME : COL_TENANCY, "say who is complaining: a name or a "
                        "tenancy reference (or set anonymous to yes)");
   return RD_OK;
}

static RdStatus import_channel(Import *im, ImportCase *ic) {
   char *text = im->field[COL_CHANNEL];
   if (!*text) {
      ic->channel = "web";
      return RD_OK;
   }
   for (char *c = text; *c; c++)
      *c = *c == ' ' || *c == '_' ? '-' : (char)tolower((unsigned char)*c);
   ic->channel = text;
   for (size_t i = 0; i < sizeof import_channel_aliases / sizeof *import_channel_aliases; i++)
      if (strcmp(text, import_channel_aliases[i].said) == 0)
         ic->channel = import_channel_aliases[i].channel;
   RdError why;
   if (complaint_channel_check(ic->channel, &why) != RD_OK)
      return import_bad(im, COL_CHANNEL, "%s", why.message);
   return RD_OK;
}

/* DD/MM/YYYY, as UK spreadsheets write dates, turned into YYYY-MM-DD; the rest kept. */
static bool import_uk_date(const char *text, char *iso, size_t size) {
   int d, m, y, used = 0;
   if (sscanf(text, "%2d/%2d/%4d%n", &d, &m, &y, &used) != 3 || used < 8 || y < 1000)
      return false;
   snprintf(iso, size, "%04d-%02d-%02d%s", y, m, d, text + used);
   return true;
}

static RdStatus import_received(Import *im, ImportCase *ic) {
   const char *text = im->field[COL_RECEIVED];
   char iso[64];
   if (!*text)
      return import_bad(im, COL_RECEIVED, "the date and time the complaint was received is needed");
   const char *parse = import_uk_date(text, iso, sizeof iso) ? iso : text;
   if (strlen(text) > 40 || datetime_parse_instant(parse, &ic->received, NULL) != RD_OK)
      return import_bad(im, COL_RECEIVED, "'%s' is not a date and time: write 2025-12-19 10:00 or 19/12/2025 10:00 "
                        "(UK time)", text);
   if (ic->received > clock_now() + 60)
      return import_bad(im, COL_RECEIVED, "'%s' is still to come", text);
   return RD_OK;
}

static RdStatus import_incident(Import *im, ImportCase *ic) {
   const char *text = im->field[COL_INCIDENT];
   char iso[64];
   ic->incident = RD_NO_DATE;
   if (!*text)
      return RD_OK;
   const char *parse = import_uk_date(text, iso, sizeof iso) ? iso : text;
   if (strlen(text) > 20 || datetime_parse_date(parse, &ic->incident, NULL) != RD_OK)
      return import_bad(im, COL_INCIDENT, "'%s' is not a date: write 2025-12-19 or 19/12/2025", text);
   if (ic->incident > datetime_local_date(ic->received))
      return import_bad(im, COL_INCIDENT, "the incident on %s cannot be after the complaint was received", text);
   return RD_OK;
}

static RdStatus import_category(Import *im, ImportCase *ic) {
   const Config *cfg = im->s->config;
   const char *text = im->field[COL_CATEGORY];
   ic->category = config_category(cfg, text);
   if (ic->category)
      return RD_OK;
   char known[512] = "";
   for (size_t i = 0; i < cfg->category_count; i++) {
      size_t used = strlen(known);
      snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", cfg->categories[i]);
   }
   if (!*text)
      return import_bad(im, COL_CATEGORY, "say what the complaint is about, one of: %s", known);
   return import_bad(im, COL_CATEGORY, "'%s' is not a category: use one of %s", text, known);
}

static bool import_looks_like_email(const char *text) {
   const char *at = strchr(text, '@');
   return at && at != text && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
          text[strlen(text) - 1] != '.' && !strpbrk(text, " \t,;<>");
}

static bool import_looks_like_phone(const char *text) {
   int digits = 0;
   for (const char *c = text; *c; c++) {
      if (isdigit((unsigned char)*c))
         digits++;
      else if (!strchr(" +()-", *c))
         return false;
   }
   return digits >= 6 && digits <= 15;
}

static RdStatus import_texts(Import *im) {
   if (!*im->field[COL_SUMMARY])
      return import_bad(im, COL_SUMMARY, "say what the complaint is about");
   if (strlen(im->field[COL_SUMMARY]) > IMPORT_SUMMARY_MAX)
      return import_bad(im, COL_SUMMARY, "%zu characters is too long: keep a summary under %d and attach the rest",
                        strlen(im->field[COL_SUMMARY]), IMPORT_SUMMARY_MAX);
   if (strlen(im->field[COL_OUTCOME]) > IMPORT_SUMMARY_MAX)
      return import_bad(im, COL_OUTCOME, "%zu characters is too long: keep it under %d",
                        strlen(im->field[COL_OUTCOME]), IMPORT_SUMMARY_MAX);
   static const int short_texts[] = { COL_NAME, COL_TENANCY, COL_PHONE, COL_EMAIL, COL_ADDRESS };
   for (size_t i = 0; i < sizeof short_texts / sizeof *short_texts; i++)
      if (strlen(im->field[short_texts[i]]) > IMPORT_TEXT_MAX)
         return import_bad(im, short_texts[i], "%zu characters is too long for a %s (at most %d)",
                           strlen(im->field[short_texts[i]]), import_names[short_texts[i]], IMPORT_TEXT_MAX);
   if (*im->field[COL_EMAIL] && !import_looks_like_email(im->field[COL_EMAIL]))
      return import_bad(im, COL_EMAIL, "'%s' is not an email address", im->field[COL_EMAIL]);
   if (*im->field[COL_PHONE] && !import_looks_like_phone(im->field[COL_PHONE]))
      return import_bad(im, COL_PHONE, "'%s' is not a phone number (digits, spaces, + ( ) and - only)",
                        im->field[COL_PHONE]);
   return RD_OK;
}

/* --- people --------------------------------------------------------------------------------- */

/* Tenancy references match as the counter's search matches them: letters and digits only,
 * whatever the case ("t-0001001" is T0001001). */
static bool import_same_ref(const char *a, const char *b) {
   for (;;) {
      while (*a && !isalnum((unsigned char)*a))
         a++;
      while (*b && !isalnum((unsigned char)*b))
         b++;
      if (!*a || !*b)
         return !*a && !*b;
      if (tolower((unsigned char)*a++) != tolower((unsigned char)*b++))
         return false;
   }
}

/* The person with this tenancy reference, through the counter's own search; *id is 0 when
 * there is nobody. */
static RdStatus import_find_person(Import *im, const char *tenancy, int64_t *id) {
   Person *found = NULL;
   size_t count = 0;
   RdStatus st = person_find(im->s->store, tenancy, 5, &found, &count, im->err);
   *id = 0;
   for (size_t i = 0; st == RD_OK && i < count && !*id; i++)
      if (found[i].tenancy_ref && import_same_ref(found[i].tenancy_ref, tenancy))
         *id = found[i].id;
   person_free_list(found, count);
   return st;
}

/* A new record of the row's person, with its search keys and its event, through person.c. */
static RdStatus import_add_person(Import *im, const char *tenancy, int64_t *id) {
   Person p;
   person_init(&p);
   const char *email = im->field[COL_EMAIL], *phone = im->field[COL_PHONE];
   p.kind = *tenancy ? PERSON_TENANT : PERSON_MEMBER_OF_PUBLIC;
   p.name = xstrdup(im->field[COL_NAME]);
   p.tenancy_ref = xstrdup(tenancy);
   p.phone = xstrdup(phone);
   p.email = xstrdup(email);
   p.address = xstrdup(im->field[COL_ADDRESS]);
   p.preferred_contact = xstrdup(*email ? "email" : *phone ? "phone" : "letter");
   RdError why;
   RdStatus st = person_add(im->s->store, &im->s->me, &p, &why);
   *id = p.id;
   person_clear(&p);
   if (st == RD_EINPUT)
      return import_bad(im, -1, "%s", why.message);
   if (st != RD_OK)
      return error_set(im->err, st, "%s line %zu: %s", im->name, im->line, why.message);
   return RD_OK;
}

/* The person with the row's tenancy reference, or a new record of them. */
static RdStatus import_person(Import *im, ImportCase *ic) {
   if (ic->anonymous)
      return RD_OK;
   char *tenancy = im->field[COL_TENANCY];
   for (char *c = tenancy; *c; c++)
      *c = (char)toupper((unsigned char)*c);
   RdStatus st = *tenancy ? import_find_person(im, tenancy, &ic->person_id) : RD_OK;
   if (st != RD_OK)
      return st;
   if (ic->person_id) {
      im->out->people_found++;
      return RD_OK;
   }
   if (!*im->field[COL_NAME])
      return import_bad(im, COL_NAME, "nobody has the tenancy reference %s yet: give the person's name to record "
                        "them", tenancy);
   st = import_add_person(im, tenancy, &ic->person_id);
   if (st == RD_OK) {
      ic->person_created = true;
      im->out->people_created++;
   }
   return st;
}

/* The same file imported twice would log every case twice: a row the database already holds
 * (same person, instant received and summary) is refused. */
static RdStatus import_check_new(Import *im, const ImportCase *ic) {
   static const char sql[] =
      "SELECT ref FROM complaint WHERE received_at = ?1 AND summary = ?2 AND person_id IS ?3 LIMIT 1";
   sqlite3_stmt *q = store_stmt(im->s->store, sql, im->err);
   if (!q)
      return RD_EDB;
   store_bind_instant(q, 1, ic->received);
   store_bind_text(q, 2, im->field[COL_SUMMARY]);
   store_bind_id(q, 3, ic->person_id);
   int rc = sqlite3_step(q);
   char ref[16] = "";
   if (rc == SQLITE_ROW)
      str_copy(ref, store_column_text(q, 0), sizeof ref);
   sqlite3_reset(q);
   if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      return store_fail(im->s->store, im->err, "looking for the case");
   if (ref[0])
      return import_bad(im, -1, "this complaint is already recorded as %s (the same person, time received and "
                        "summary), so the file seems to have been imported before", ref);
   return RD_OK;
}

/* --- the file ------------------------------------------------------------------------------- */

static RdStatus import_row(Import *im) {
   ImportCase ic = { .incident = RD_NO_DATE };
   RdStatus st = import_anonymous(im, &ic);
   if (st == RD_OK)
      st = import_channel(im, &ic);
   if (st == RD_OK)
      st = import_received(im, &ic);
   if (st == RD_OK)
      st = import_incident(im, &ic);
   if (st == RD_OK)
      st = import_category(im, &ic);
   if (st == RD_OK)
      st = import_texts(im);
   if (st == RD_OK)
      st = import_person(im, &ic);
   if (st == RD_OK)
      st = import_check_new(im, &ic);
   if (st != RD_OK)
      return st;
   NewComplaint in = { .person_id = ic.person_id, .channel = ic.channel, .received_at = ic.received,
                       .incident_on = ic.incident, .category = ic.category, .summary = im->field[COL_SUMMARY],
                       .outcome_sought = im->field[COL_OUTCOME], .anonymous = ic.anonymous,
                       .triage = KIND_UNTRIAGED };
   const char *base = strrchr(im->name, '/');
   char note[300];
   snprintf(note, sizeof note, "imported from %s line %zu%s", base ? base + 1 : im->name, im->line,
            ic.person_created ? ", recording the person" : "");
   Complaint c;
   complaint_init(&c);
   RdError why;
   st = complaint_new_within(im->s, &in, note, &c, &why);
   if (st != RD_OK) {
      complaint_clear(&c);
      return error_set(im->err, st, "%s line %zu: %s", im->name, im->line, why.message);
   }
   if (!im->out->first_ref[0])
      str_copy(im->out->first_ref, c.ref, sizeof im->out->first_ref);
   str_copy(im->out->last_ref, c.ref, sizeof im->out->last_ref);
   im->out->imported++;
   complaint_clear(&c);
   return RD_OK;
}

RdStatus import_cases(Session *s, const CsvTable *table, const char *name, ImportProgress progress,
                      void *progress_data, ImportResult *out, RdError *err) {
   memset(out, 0, sizeof *out);
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER, "import cases", err);
   if (st != RD_OK)
      return st;
   Import im = { .s = s, .table = table, .name = name, .out = out, .err = err };
   if ((st = import_header(&im)) != RD_OK || (st = store_begin(s->store, err)) != RD_OK)
      return st;
   for (size_t r = 0; r < table->row_count && st == RD_OK; r++) {
      import_read_row(&im, r);
      st = import_row(&im);
      import_free_row(&im);
      if (progress && st == RD_OK && ((r + 1) % IMPORT_PROGRESS_EVERY == 0 || r + 1 == table->row_count))
         progress(progress_data, r + 1, table->row_count);
   }
   if (st == RD_OK)
      st = store_commit(s->store, err);
   else
      store_rollback(s->store);
   if (st != RD_OK) {
      if (err) {
         size_t used = strlen(err->message);
         snprintf(err->message + used, sizeof err->message - used, " (nothing from %s was stored)", name);
      }
      ImportResult none = { 0 };
      str_copy(none.ignored, out->ignored, sizeof none.ignored);
      *out = none;
   }
   return st;
}

RdStatus import_cases_file(Session *s, const char *path, ImportProgress progress, void *progress_data,
                           ImportResult *out, RdError *err) {
   CsvTable *table = NULL;
   memset(out, 0, sizeof *out);
   RdStatus st = csv_read_file(path, &table, err);
   if (st != RD_OK)
      return st;
   st = import_cases(s, table, path, progress, progress_data, out, err);
   csv_free(table);
   return st;
}
