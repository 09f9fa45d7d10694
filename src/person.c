/* person: people, their reasonable adjustments, contact restrictions and representatives. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "redress/audit.h"
#include "redress/clock.h"
#include "redress/person.h"
#include "redress/text.h"
#include "redress/xalloc.h"

#define PERSON_COLUMNS \
   "p.id, p.kind, p.name, p.tenancy_ref, p.property, p.phone, p.email, p.address, " \
   "p.preferred_contact, p.vulnerabilities, p.tenancy_ended_on, p.do_not_contact, p.created_at, p.version"
#define ADJUSTMENT_COLUMNS "id, person_id, kind, detail, review_on, reviewed_on, ended_on, created_at"
#define RESTRICTION_COLUMNS \
   "id, person_id, restricts, reason, approved_by, approver_role, starts_on, review_on, ended_on, " \
   "recorded_by, created_at"
#define REPRESENTATIVE_COLUMNS \
   "id, person_id, name, relationship, organisation, phone, email, authority, given_on, created_at"

/* The longest a name or a line of free text may be: long enough for anything a person
 * writes at the counter, short enough that a pasted file is noticed. */
#define PERSON_TEXT_MAX 2000

/* --- words ------------------------------------------------------------------------- */

static const char *const person_kind_words[PERSON_KIND_COUNT] = {
   "tenant", "leaseholder", "shared-owner", "former-tenant", "member-of-public", "stakeholder",
   "representative",
};

const char *const person_contact_methods[] = {
   "phone", "email", "letter", "text-message", "in-person", NULL,
};

static const char *const adjustment_kind_words[ADJUST_KIND_COUNT] = {
   "large-print", "audio", "other-language", "translator", "more-time", "preferred-channel",
   "easy-read", "braille", "other",
};

static const char *const approver_role_words[APPROVER_ROLE_COUNT] = {
   "head-of-service", "assistant-director", "director", "executive-director", "chief-executive",
};

static const char *const approver_role_titles[APPROVER_ROLE_COUNT] = {
   "Head of Service", "Assistant Director", "Director", "Executive Director", "Chief Executive",
};

/* MPs and councillors are here like any other representative. Nothing in this module or
 * in the data model gives them priority, because their complaints are assessed like any
 * other and are not fast-tracked (seed 002 2.7). */
static const char *const relationship_words[REL_COUNT] = {
   "family", "advocate", "councillor", "mp", "social-worker", "solicitor", "friend", "other",
};

/* The index of text in words, or -1. */
static int person_word_index(const char *const *words, int count, const char *text) {
   for (int i = 0; text && i < count; i++)
      if (strcmp(words[i], text) == 0)
         return i;
   return -1;
}

static void person_word_list(const char *const *words, int count, char *buf, size_t size) {
   buf[0] = '\0';
   for (int i = 0; i < count; i++) {
      size_t used = strlen(buf);
      snprintf(buf + used, size - used, "%s%s", i ? ", " : "", words[i]);
   }
}

static RdStatus person_parse_word(const char *const *words, int count, const char *text, const char *what,
                                  int *out, RdError *err) {
   int i = person_word_index(words, count, text);
   if (i >= 0) {
      *out = i;
      return RD_OK;
   }
   char list[256];
   person_word_list(words, count, list, sizeof list);
   return error_set(err, RD_EINPUT, "'%s' is not %s: use one of %s", text ? text : "", what, list);
}

const char *person_kind_name(PersonKind kind) {
   return kind >= 0 && kind < PERSON_KIND_COUNT ? person_kind_words[kind] : "?";
}

RdStatus person_kind_parse(const char *text, PersonKind *out, RdError *err) {
   int i;
   RdStatus r = person_parse_word(person_kind_words, PERSON_KIND_COUNT, text, "a kind of person", &i, err);
   if (r == RD_OK)
      *out = (PersonKind)i;
   return r;
}

const char *adjustment_kind_name(AdjustmentKind kind) {
   return kind >= 0 && kind < ADJUST_KIND_COUNT ? adjustment_kind_words[kind] : "?";
}

RdStatus adjustment_kind_parse(const char *text, AdjustmentKind *out, RdError *err) {
   int i;
   RdStatus r = person_parse_word(adjustment_kind_words, ADJUST_KIND_COUNT, text, "a kind of adjustment", &i, err);
   if (r == RD_OK)
      *out = (AdjustmentKind)i;
   return r;
}

const char *approver_role_name(ApproverRole role) {
   return role >= 0 && role < APPROVER_ROLE_COUNT ? approver_role_titles[role] : "?";
}

/* People write titles as they are printed ("Head of Service"): compare them as words. */
static bool person_same_title(const char *given, const char *word) {
   for (; *given && *word; given++, word++) {
      char g = (char)tolower((unsigned char)*given);
      if (g == ' ' || g == '_')
         g = '-';
      if (g != *word)
         return false;
   }
   return *given == '\0' && *word == '\0';
}

RdStatus approver_role_parse(const char *text, ApproverRole *out, RdError *err) {
   for (int i = 0; text && i < APPROVER_ROLE_COUNT; i++) {
      if (person_same_title(text, approver_role_words[i])) {
         *out = (ApproverRole)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_ERULE, "'%s' cannot approve a contact restriction: it needs a Head of Service or "
                    "above (head-of-service, assistant-director, director, executive-director, "
                    "chief-executive; seed 002 4.2)", text ? text : "");
}

const char *relationship_name(Relationship rel) {
   return rel >= 0 && rel < REL_COUNT ? relationship_words[rel] : "?";
}

RdStatus relationship_parse(const char *text, Relationship *out, RdError *err) {
   int i;
   RdStatus r = person_parse_word(relationship_words, REL_COUNT, text, "a relationship", &i, err);
   if (r == RD_OK)
      *out = (Relationship)i;
   return r;
}

/* --- shared helpers ------------------------------------------------------------------ */

static const char *person_text(const char *s) {
   return s ? s : "";
}

static bool person_blank(const char *s) {
   for (; s && *s; s++)
      if (!isspace((unsigned char)*s))
         return false;
   return true;
}

/* Formats a date into buf, for messages; returns buf. */
static const char *person_date(RdDate date, char buf[RD_DATE_BUFSIZE]) {
   datetime_format_date(date, buf);
   return buf;
}

/* A refusal for the role is kept apart from the audit log (audit_refusal). */
static RdStatus person_refuse(Store *st, const Staff *actor, const char *doing, RdError *err) {
   audit_refusal(st, actor && actor->login ? actor->login : "nobody", doing, err->message);
   return RD_EDENIED;
}

static RdStatus person_require_staff(Store *st, const Staff *actor, const char *doing, RdError *err) {
   if (actor && actor->active && actor->roles)
      return RD_OK;
   error_set(err, RD_EDENIED, "only an active member of staff may %s (%s is not)", doing,
             actor && actor->login ? actor->login : "nobody");
   return person_refuse(st, actor, doing, err);
}

static RdStatus person_require_manager(Store *st, const Staff *actor, const char *doing, RdError *err) {
   if (staff_has(actor, ROLE_MANAGER))
      return RD_OK;
   error_set(err, RD_EDENIED, "only a manager may %s (%s is not a manager)", doing,
             actor && actor->login ? actor->login : "nobody");
   return person_refuse(st, actor, doing, err);
}

/* Starts a transaction unless the caller is in one already; *own says which. */
static RdStatus person_begin(Store *st, bool *own, RdError *err) {
   *own = !store_in_transaction(st);
   return *own ? store_begin(st, err) : RD_OK;
}

/* Ends what person_begin started: commit on success, roll back on failure. Inside the
 * caller's transaction both are the caller's to do. */
static RdStatus person_finish(Store *st, bool own, RdStatus r, RdError *err) {
   if (!own)
      return r;
   if (r == RD_OK)
      return store_commit(st, err);
   store_rollback(st);
   return r;
}

static RdStatus person_event(Store *st, const Staff *actor, int64_t person_id, const char *action,
                             const char *detail, RdError *err) {
   AuditEvent ev = { 0, "person", person_id, action, detail };
   return audit_record(st, actor->login, clock_now(), &ev, err);
}

static RdStatus person_check_length(const char *text, const char *what, RdError *err) {
   if (strlen(person_text(text)) > PERSON_TEXT_MAX)
      return error_set(err, RD_EINPUT, "the %s is longer than %d characters: shorten it", what, PERSON_TEXT_MAX);
   return RD_OK;
}

static RdStatus person_check_email(const char *email, RdError *err) {
   if (person_blank(email))
      return RD_OK;
   const char *at = strchr(email, '@');
   /* The domain has a dot inside it: "jo@gmail" is a slip for "jo@gmail.com", and a letter
    * sent there goes nowhere. */
   const char *dot = at ? strrchr(at, '.') : NULL;
   if (!at || at == email || !at[1] || strchr(at + 1, '@') || strpbrk(email, " \t\r\n,;<>") || !dot ||
       dot == at + 1 || !dot[1])
      return error_set(err, RD_EINPUT, "'%s' is not an email address: write it as name@example.org", email);
   return RD_OK;
}

static RdStatus person_check_phone(const char *phone, RdError *err) {
   if (person_blank(phone))
      return RD_OK;
   if (strspn(phone, "0123456789 +()-") != strlen(phone) || !strpbrk(phone, "0123456789"))
      return error_set(err, RD_EINPUT, "'%s' is not a phone number: use digits, spaces and + ( ) - only "
                       "(put notes such as 'mobile' elsewhere)", phone);
   return RD_OK;
}

static RdStatus person_require_text(const char *text, const char *what, RdError *err) {
   if (person_blank(text))
      return error_set(err, RD_EINPUT, "the %s must be given", what);
   return person_check_length(text, what, err);
}

/* Collects the rows of stmt into a growing array of items of the given size. */
typedef void (*PersonRowReader)(sqlite3_stmt *stmt, void *item);
typedef void (*PersonItemClear)(void *item);

static RdStatus person_collect(Store *st, sqlite3_stmt *stmt, size_t size, PersonRowReader read,
                               PersonItemClear clear, void **out, size_t *count, RdError *err) {
   char *list = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 8;
         list = xreallocarray(list, cap, size);
      }
      read(stmt, list + n++ * size);
   }
   sqlite3_reset(stmt);
   if (rc != SQLITE_DONE) {
      for (size_t i = 0; i < n; i++)
         clear(list + i * size);
      free(list);
      return store_fail(st, err, "reading people's records");
   }
   *out = list;
   *count = n;
   return RD_OK;
}

static RdStatus person_exists(Store *st, int64_t id, RdError *err) {
   static const char sql[] = "SELECT 1 FROM person WHERE id = ?1";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   int rc = sqlite3_step(stmt);
   sqlite3_reset(stmt);
   if (rc == SQLITE_ROW)
      return RD_OK;
   if (rc == SQLITE_DONE)
      return error_set(err, RD_ENOTFOUND, "there is no person %lld", (long long)id);
   return store_fail(st, err, "looking for a person");
}

/* --- folding text for search ------------------------------------------------------------ */

/* ASCII letters for U+00C0..U+00FF; '*' is a separator, '1', '2', '3' stand for
 * "ae", "th", "ss". */
static const char person_fold_latin1[] = "aaaaaa1ceeeeiiiidnooooo*ouuuuy23aaaaaa1ceeeeiiiidnooooo*ouuuuy2y";
/* U+0100..U+017F; '4' is "ij", '5' is "oe". */
static const char person_fold_latin_a[] =
   "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo55rrrrrrssssssss"
   "ttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static const char *person_fold_expand(char c) {
   switch (c) {
   case '1': return "ae";
   case '2': return "th";
   case '3': return "ss";
   case '4': return "ij";
   case '5': return "oe";
   default: return NULL;
   }
}

typedef enum PersonFold {
   FOLD_KEEP,      /* its bytes go into the key as they are (other scripts) */
   FOLD_DROP,      /* it vanishes, like an apostrophe */
   FOLD_SPLIT,     /* it separates words */
   FOLD_LETTERS    /* it becomes the ASCII letters given */
} PersonFold;

/* How a code point above ASCII goes into a search key. */
static PersonFold person_fold_point(uint32_t cp, const char **letters, size_t *len) {
   if (cp == 0x2019 || cp == 0x2018)
      return FOLD_DROP;
   if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F))
      return FOLD_SPLIT;
   const char *c = cp <= 0xFF ? &person_fold_latin1[cp - 0xC0] : cp <= 0x17F ? &person_fold_latin_a[cp - 0x100] : NULL;
   if (!c)
      return FOLD_KEEP;
   if (*c == '*')
      return FOLD_SPLIT;
   const char *many = person_fold_expand(*c);
   *letters = many ? many : c;
   *len = many ? strlen(many) : 1;
   return FOLD_LETTERS;
}

/* Appends to the key being built; a separator is written only between words. */
static void person_fold_put(char *out, size_t *n, const char *text, size_t len, bool *pending_space) {
   if (*pending_space && *n > 0)
      out[(*n)++] = ' ';
   *pending_space = false;
   memcpy(out + *n, text, len);
   *n += len;
}

/* Folds text for searching: lower-case ASCII letters and digits, with the accents of the
 * Latin alphabets taken off (é is e, ł is l, ß is ss); apostrophes vanish, so O'Brien is
 * one word; anything else separates words; other scripts are kept byte for byte. The
 * words come back separated by one space. Caller frees. */
static char *person_fold(const char *text) {
   const unsigned char *s = (const unsigned char *)person_text(text);
   char *out = xmalloc(2 * strlen((const char *)s) + 1);
   size_t n = 0;
   bool pending_space = false;
   while (*s) {
      if (*s < 0x80) {
         /* Not tolower/isalnum: stored keys must not depend on the user's locale. */
         char c = (char)(*s >= 'A' && *s <= 'Z' ? *s + ('a' - 'A') : *s);
         if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            person_fold_put(out, &n, &c, 1, &pending_space);
         else if (*s != '\'')
            pending_space = true;
         s++;
         continue;
      }
      uint32_t cp = 0;
      size_t len = text_utf8_decode((const char *)s, strlen((const char *)s), &cp);
      if (len == 0) {
         pending_space = true;
         s++;
         continue;
      }
      const char *letters = NULL;
      size_t count = 0;
      switch (person_fold_point(cp, &letters, &count)) {
      case FOLD_KEEP:
         person_fold_put(out, &n, (const char *)s, len, &pending_space);
         break;
      case FOLD_LETTERS:
         person_fold_put(out, &n, letters, count, &pending_space);
         break;
      case FOLD_SPLIT:
         pending_space = true;
         break;
      case FOLD_DROP:
         break;
      }
      s += len;
   }
   out[n] = '\0';
   return out;
}

/* The key of a tenancy reference: folded, without separators ("T-1001/B" is "t1001b"). */
static char *person_ref_key(const char *ref) {
   char *key = person_fold(ref);
   size_t n = 0;
   for (char *p = key; *p; p++)
      if (*p != ' ')
         key[n++] = *p;
   key[n] = '\0';
   return key;
}

/* The first string after every string that begins with prefix: prefix with its last byte
 * raised by one. Keys are never empty and never end in 0xFF (not UTF-8). Caller frees. */
static char *person_prefix_end(const char *prefix) {
   char *end = xstrdup(prefix);
   size_t len = strlen(end);
   end[len - 1] = (char)((unsigned char)end[len - 1] + 1);
   return end;
}

/* --- people -------------------------------------------------------------------------- */

void person_init(Person *p) {
   memset(p, 0, sizeof *p);
   p->kind = PERSON_TENANT;
   p->tenancy_ended_on = RD_NO_DATE;
   p->created_at = RD_NO_INSTANT;
}

void person_clear(Person *p) {
   free(p->name);
   free(p->tenancy_ref);
   free(p->property);
   free(p->phone);
   free(p->email);
   free(p->address);
   free(p->preferred_contact);
   free(p->vulnerabilities);
   free(p->do_not_contact);
   person_init(p);
}

void person_free_list(Person *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      person_clear(&list[i]);
   free(list);
}

static void person_read_row(sqlite3_stmt *stmt, Person *p) {
   person_init(p);
   PersonKind kind;
   p->id = sqlite3_column_int64(stmt, 0);
   if (person_kind_parse(store_column_text(stmt, 1), &kind, NULL) == RD_OK)
      p->kind = kind;
   p->name = store_column_dup(stmt, 2);
   p->tenancy_ref = store_column_dup(stmt, 3);
   p->property = store_column_dup(stmt, 4);
   p->phone = store_column_dup(stmt, 5);
   p->email = store_column_dup(stmt, 6);
   p->address = store_column_dup(stmt, 7);
   p->preferred_contact = store_column_dup(stmt, 8);
   p->vulnerabilities = store_column_dup(stmt, 9);
   p->tenancy_ended_on = store_column_date(stmt, 10);
   p->do_not_contact = store_column_dup(stmt, 11);
   p->created_at = store_column_instant(stmt, 12);
   p->version = sqlite3_column_int(stmt, 13);
}

static RdStatus person_check_contact_method(const char *method, RdError *err) {
   if (person_blank(method) || person_word_index(person_contact_methods, 5, method) >= 0)
      return RD_OK;
   char list[128];
   person_word_list(person_contact_methods, 5, list, sizeof list);
   return error_set(err, RD_EINPUT, "'%s' is not a way to contact someone: use one of %s", method, list);
}

static RdStatus person_check_tenancy_end(const Person *p, RdError *err) {
   if (p->tenancy_ended_on == RD_NO_DATE)
      return RD_OK;
   if (p->kind != PERSON_FORMER_TENANT)
      return error_set(err, RD_EINPUT, "only a former tenant has a tenancy end date: make the person a "
                       "former-tenant, or leave the date out");
   char d[RD_DATE_BUFSIZE];
   if (p->tenancy_ended_on > clock_today())
      return error_set(err, RD_EINPUT, "the tenancy end date %s is after today: until then they are still a "
                       "tenant", person_date(p->tenancy_ended_on, d));
   return RD_OK;
}

static RdStatus person_validate(const Person *p, RdError *err) {
   if (p->kind < 0 || p->kind >= PERSON_KIND_COUNT)
      return error_set(err, RD_EINPUT, "internal: a person of no known kind");
   RdStatus r = person_require_text(p->name, "name", err);
   const char *const texts[] = { p->tenancy_ref, p->property, p->address, p->vulnerabilities, p->do_not_contact };
   const char *const names[] = { "tenancy reference", "property", "address", "note of vulnerabilities",
                                 "list of people not to contact" };
   for (size_t i = 0; r == RD_OK && i < sizeof texts / sizeof *texts; i++)
      r = person_check_length(texts[i], names[i], err);
   if (r == RD_OK)
      r = person_check_phone(p->phone, err);
   if (r == RD_OK)
      r = person_check_email(p->email, err);
   if (r == RD_OK)
      r = person_check_contact_method(p->preferred_contact, err);
   if (r == RD_OK)
      r = person_check_tenancy_end(p, err);
   return r;
}

static void person_bind_fields(sqlite3_stmt *stmt, const Person *p) {
   store_bind_text(stmt, 1, person_kind_name(p->kind));
   store_bind_text(stmt, 2, person_text(p->name));
   store_bind_text(stmt, 3, person_text(p->tenancy_ref));
   store_bind_text(stmt, 4, person_text(p->property));
   store_bind_text(stmt, 5, person_text(p->phone));
   store_bind_text(stmt, 6, person_text(p->email));
   store_bind_text(stmt, 7, person_text(p->address));
   store_bind_text(stmt, 8, person_text(p->preferred_contact));
   store_bind_text(stmt, 9, person_text(p->vulnerabilities));
   store_bind_date(stmt, 10, p->tenancy_ended_on);
   store_bind_text(stmt, 11, person_text(p->do_not_contact));
}

static RdStatus person_insert_key(Store *st, int64_t id, const char *kind, const char *key, const char *sort,
                                  RdError *err) {
   static const char sql[] =
      "INSERT INTO person_key (person_id, kind, key, sort) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   store_bind_text(stmt, 2, kind);
   store_bind_text(stmt, 3, key);
   store_bind_text(stmt, 4, sort);
   return store_run(st, stmt, err);
}

RdStatus person_write_keys(Store *st, const Person *p, RdError *err) {
   static const char sql[] = "DELETE FROM person_key WHERE person_id = ?1";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, p->id);
   RdStatus r = store_run(st, stmt, err);
   char *sort = person_fold(p->name);
   char *words = xstrdup(sort);
   char *save = NULL;
   for (char *w = strtok_r(words, " ", &save); w && r == RD_OK; w = strtok_r(NULL, " ", &save))
      r = person_insert_key(st, p->id, "name", w, sort, err);
   free(words);
   char *ref = person_ref_key(p->tenancy_ref);
   if (r == RD_OK && *ref)
      r = person_insert_key(st, p->id, "ref", ref, sort, err);
   free(ref);
   free(sort);
   return r;
}

static RdStatus person_insert(Store *st, const Staff *actor, Person *p, RdError *err) {
   static const char sql[] =
      "INSERT INTO person (kind, name, tenancy_ref, property, phone, email, address, preferred_contact, "
      "vulnerabilities, tenancy_ended_on, do_not_contact, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   RdInstant now = clock_now();
   person_bind_fields(stmt, p);
   store_bind_instant(stmt, 12, now);
   RdStatus r = store_run(st, stmt, err);
   if (r != RD_OK)
      return r;
   p->id = sqlite3_last_insert_rowid(store_db(st));
   p->version = 1;
   p->created_at = now;
   r = person_write_keys(st, p, err);
   if (r == RD_OK)
      r = person_event(st, actor, p->id, "added", person_kind_name(p->kind), err);
   return r;
}

RdStatus person_add(Store *st, const Staff *actor, Person *p, RdError *err) {
   RdStatus r = person_require_staff(st, actor, "add a person", err);
   if (r == RD_OK)
      r = person_validate(p, err);
   if (r != RD_OK)
      return r;
   bool own;
   if ((r = person_begin(st, &own, err)) != RD_OK)
      return r;
   int64_t id_before = p->id;
   r = person_finish(st, own, person_insert(st, actor, p, err), err);
   if (r != RD_OK) {
      p->id = id_before;
      p->version = 0;
   }
   return r;
}

RdStatus person_get(Store *st, int64_t id, Person *out, RdError *err) {
   static const char sql[] = "SELECT " PERSON_COLUMNS " FROM person p WHERE p.id = ?1";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   int rc = sqlite3_step(stmt);
   RdStatus r = RD_OK;
   if (rc == SQLITE_ROW)
      person_read_row(stmt, out);
   else if (rc == SQLITE_DONE)
      r = error_set(err, RD_ENOTFOUND, "there is no person %lld", (long long)id);
   else
      r = store_fail(st, err, "reading a person");
   sqlite3_reset(stmt);
   return r;
}

/* Names the one who last saved the person and when, from the audit log. */
static RdStatus person_conflict(Store *st, int64_t id, RdError *err) {
   static const char sql[] =
      "SELECT actor, at FROM event WHERE entity = 'person' AND entity_id = ?1 "
      "AND action IN ('added', 'updated') ORDER BY id DESC LIMIT 1";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   char *login = NULL;
   RdInstant at = RD_NO_INSTANT;
   if (sqlite3_step(stmt) == SQLITE_ROW) {
      login = store_column_dup(stmt, 0);
      at = store_column_instant(stmt, 1);
   }
   sqlite3_reset(stmt);
   Staff who;
   char *full = NULL;
   if (login && staff_by_login(st, login, &who, NULL) == RD_OK) {
      full = xstrdup(who.full_name);
      staff_clear(&who);
   }
   char when[17];
   datetime_format_local(at, when);
   error_set(err, RD_ECONFLICT, "the record of person %lld was changed by %s (%s) at %s since you read it; "
             "nothing of your change was saved: read it again and repeat your change", (long long)id,
             full ? full : "someone", login ? login : "unknown", at == RD_NO_INSTANT ? "an unknown time" : when);
   free(full);
   free(login);
   return RD_ECONFLICT;
}

static bool person_same(const char *a, const char *b) {
   return strcmp(person_text(a), person_text(b)) == 0;
}

/* "phone, email": the fields that differ between the stored record and the new one. */
static void person_changes(const Person *was, const Person *now, char *buf, size_t size) {
   const struct {
      bool differs;
      const char *field;
   } fields[] = {
      { was->kind != now->kind, "kind" },
      { !person_same(was->name, now->name), "name" },
      { !person_same(was->tenancy_ref, now->tenancy_ref), "tenancy reference" },
      { !person_same(was->property, now->property), "property" },
      { !person_same(was->phone, now->phone), "phone" },
      { !person_same(was->email, now->email), "email" },
      { !person_same(was->address, now->address), "address" },
      { !person_same(was->preferred_contact, now->preferred_contact), "preferred contact" },
      { !person_same(was->vulnerabilities, now->vulnerabilities), "vulnerabilities" },
      { was->tenancy_ended_on != now->tenancy_ended_on, "tenancy end date" },
      { !person_same(was->do_not_contact, now->do_not_contact), "people not to contact" },
   };
   buf[0] = '\0';
   for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
      if (!fields[i].differs)
         continue;
      size_t used = strlen(buf);
      snprintf(buf + used, size - used, "%s%s", used ? ", " : "", fields[i].field);
   }
}

static RdStatus person_write_update(Store *st, const Staff *actor, const Person *was, const Person *p,
                                    const char *changed, RdError *err) {
   static const char sql[] =
      "UPDATE person SET kind = ?1, name = ?2, tenancy_ref = ?3, property = ?4, phone = ?5, email = ?6, "
      "address = ?7, preferred_contact = ?8, vulnerabilities = ?9, tenancy_ended_on = ?10, "
      "do_not_contact = ?11, version = version + 1 WHERE id = ?12 AND version = ?13";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   person_bind_fields(stmt, p);
   sqlite3_bind_int64(stmt, 12, p->id);
   sqlite3_bind_int(stmt, 13, p->version);
   RdStatus r = store_run(st, stmt, err);
   if (r == RD_OK && sqlite3_changes(store_db(st)) != 1)
      r = person_conflict(st, p->id, err);
   if (r == RD_OK && (!person_same(was->name, p->name) || !person_same(was->tenancy_ref, p->tenancy_ref)))
      r = person_write_keys(st, p, err);
   if (r == RD_OK) {
      char *detail = xasprintf("changed: %s", changed);
      r = person_event(st, actor, p->id, "updated", detail, err);
      free(detail);
   }
   return r;
}

RdStatus person_update(Store *st, const Staff *actor, Person *p, RdError *err) {
   RdStatus r = person_require_staff(st, actor, "change a person's record", err);
   if (r == RD_OK)
      r = person_validate(p, err);
   bool own;
   if (r != RD_OK || (r = person_begin(st, &own, err)) != RD_OK)
      return r;
   Person was;
   person_init(&was);
   char changed[256] = "";
   r = person_get(st, p->id, &was, err);
   if (r == RD_OK && was.version != p->version)
      r = person_conflict(st, p->id, err);
   if (r == RD_OK)
      person_changes(&was, p, changed, sizeof changed);
   if (r == RD_OK && changed[0])
      r = person_write_update(st, actor, &was, p, changed, err);
   person_clear(&was);
   r = person_finish(st, own, r, err);
   if (r == RD_OK && changed[0])
      p->version++;
   return r;
}

/* --- search as you type ------------------------------------------------------------------ */

#define PERSON_FIND_WORDS 4

/* The words of a folded query, longest first (the longest narrows the search most). */
static size_t person_query_words(char *folded, char **words, size_t max) {
   size_t n = 0;
   char *save = NULL;
   for (char *w = strtok_r(folded, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
      size_t at = n < max ? n++ : max;
      if (at == max) {
         if (strlen(w) <= strlen(words[max - 1]))
            continue;
         at = max - 1;
      }
      words[at] = w;
      for (size_t i = at; i > 0 && strlen(words[i]) > strlen(words[i - 1]); i--) {
         char *t = words[i];
         words[i] = words[i - 1];
         words[i - 1] = t;
      }
   }
   return n;
}

/* Tenancy references beginning with ?1 (up to ?2), in the order shown: the exact one
 * first, then by reference. */
static const char person_find_ref_sql[] =
   "SELECT person_id, key = ?1 FROM person_key WHERE kind = 'ref' AND key >= ?1 AND key < ?2 "
   "ORDER BY key, sort, person_id";

/* Names with a word beginning with ?1 (up to ?2) and, for each further query word (?3,
 * ?5, ?7), a word beginning with that too; in the order shown: whole words first, then the
 * closest completions, each by name. The index gives this order, so reading stops after
 * the first screenful however many match. */
static const char person_find_name_sql[] =
   "SELECT k.person_id, k.key = ?1 FROM person_key k "
   "WHERE k.kind = 'name' AND k.key >= ?1 AND k.key < ?2 "
   "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM person_key w WHERE w.person_id = k.person_id "
   " AND w.kind = 'name' AND w.key >= ?3 AND w.key < ?4)) "
   "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM person_key w WHERE w.person_id = k.person_id "
   " AND w.kind = 'name' AND w.key >= ?5 AND w.key < ?6)) "
   "AND (?7 IS NULL OR EXISTS (SELECT 1 FROM person_key w WHERE w.person_id = k.person_id "
   " AND w.kind = 'name' AND w.key >= ?7 AND w.key < ?8)) "
   "ORDER BY k.key, k.sort, k.person_id";

typedef struct PersonHit {
   int64_t id;
   bool exact;        /* the whole reference or a whole word of the name */
} PersonHit;

static bool person_hit_seen(const PersonHit *hits, size_t n, int64_t id) {
   for (size_t i = 0; i < n; i++)
      if (hits[i].id == id)
         return true;
   return false;
}

static void person_bind_prefix(sqlite3_stmt *stmt, int idx, const char *prefix) {
   store_bind_text(stmt, idx, prefix);
   if (!prefix)
      return;
   char *end = person_prefix_end(prefix);
   store_bind_text(stmt, idx + 1, end);
   free(end);
}

/* Reads the first limit different persons of an ordered search into hits. */
static RdStatus person_read_hits(Store *st, sqlite3_stmt *stmt, PersonHit *hits, size_t limit, size_t *n,
                                 RdError *err) {
   int rc = SQLITE_DONE;
   *n = 0;
   while (*n < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      int64_t id = sqlite3_column_int64(stmt, 0);
      if (!person_hit_seen(hits, *n, id))
         hits[(*n)++] = (PersonHit){ id, sqlite3_column_int(stmt, 1) != 0 };
   }
   sqlite3_reset(stmt);
   return rc == SQLITE_ROW || rc == SQLITE_DONE ? RD_OK : store_fail(st, err, "searching for people");
}

/* Best first: exact references, whole words of names, references begun, words begun. */
static size_t person_merge_hits(const PersonHit *refs, size_t nrefs, const PersonHit *names, size_t nnames,
                                PersonHit *out, size_t limit) {
   const struct {
      const PersonHit *hits;
      size_t n;
      bool exact;
   } passes[] = { { refs, nrefs, true }, { names, nnames, true }, { refs, nrefs, false }, { names, nnames, false } };
   size_t n = 0;
   for (size_t p = 0; p < sizeof passes / sizeof *passes; p++)
      for (size_t i = 0; i < passes[p].n && n < limit; i++)
         if (passes[p].hits[i].exact == passes[p].exact && !person_hit_seen(out, n, passes[p].hits[i].id))
            out[n++] = passes[p].hits[i];
   return n;
}

static RdStatus person_search_refs(Store *st, const char *ref, PersonHit *hits, size_t limit, size_t *n,
                                   RdError *err) {
   sqlite3_stmt *stmt = store_stmt(st, person_find_ref_sql, err);
   if (!stmt)
      return RD_EDB;
   person_bind_prefix(stmt, 1, ref);
   return person_read_hits(st, stmt, hits, limit, n, err);
}

static RdStatus person_search_names(Store *st, char **words, size_t nwords, PersonHit *hits, size_t limit,
                                    size_t *n, RdError *err) {
   sqlite3_stmt *stmt = store_stmt(st, person_find_name_sql, err);
   if (!stmt)
      return RD_EDB;
   for (size_t i = 0; i < nwords; i++)
      person_bind_prefix(stmt, 1 + 2 * (int)i, words[i]);
   return person_read_hits(st, stmt, hits, limit, n, err);
}

static RdStatus person_load_hits(Store *st, const PersonHit *hits, size_t n, Person **out, size_t *count,
                                 RdError *err) {
   Person *list = xcalloc(n ? n : 1, sizeof *list);
   RdStatus r = RD_OK;
   size_t loaded = 0;
   for (; loaded < n && r == RD_OK; loaded++)
      r = person_get(st, hits[loaded].id, &list[loaded], err);
   if (r != RD_OK) {
      person_free_list(list, loaded);
      return r;
   }
   *out = list;
   *count = n;
   return RD_OK;
}

RdStatus person_find(Store *st, const char *query, size_t limit, Person **out, size_t *count, RdError *err) {
   *out = NULL;
   *count = 0;
   if (limit > PERSON_FIND_MAX)
      limit = PERSON_FIND_MAX;
   char *folded = person_fold(query);
   char *ref = person_ref_key(query);
   char *words[PERSON_FIND_WORDS] = { NULL };
   size_t nwords = person_query_words(folded, words, PERSON_FIND_WORDS);
   RdStatus r = RD_OK;
   if (nwords > 0 && limit > 0) {
      PersonHit *refs = xcalloc(limit, sizeof *refs), *names = xcalloc(limit, sizeof *names);
      PersonHit *best = xcalloc(limit, sizeof *best);
      size_t nrefs = 0, nnames = 0;
      r = person_search_refs(st, ref, refs, limit, &nrefs, err);
      if (r == RD_OK)
         r = person_search_names(st, words, nwords, names, limit, &nnames, err);
      if (r == RD_OK)
         r = person_load_hits(st, best, person_merge_hits(refs, nrefs, names, nnames, best, limit), out, count, err);
      free(refs);
      free(names);
      free(best);
   }
   free(folded);
   free(ref);
   return r;
}

/* --- who may complain ------------------------------------------------------------------- */

static char *person_former_tenant_warning(const Person *p, RdDate received) {
   if (p->tenancy_ended_on == RD_NO_DATE)
      return xasprintf("the date the tenancy ended is not recorded: former tenants may complain within %d "
                       "months of the tenancy ending (seed 002 2.6), so record it on the person's record",
                       PERSON_FORMER_TENANT_MONTHS);
   RdDate last = datetime_add_months(p->tenancy_ended_on, PERSON_FORMER_TENANT_MONTHS);
   if (received <= last)
      return NULL;
   char ended[RD_DATE_BUFSIZE], got[RD_DATE_BUFSIZE], until[RD_DATE_BUFSIZE];
   datetime_format_date(p->tenancy_ended_on, ended);
   datetime_format_date(received, got);
   datetime_format_date(last, until);
   return xasprintf("the tenancy ended on %s, more than %d months before a complaint received on %s: "
                    "former tenants may complain within %d months of the tenancy ending, until %s here "
                    "(seed 002 2.6)", ended, PERSON_FORMER_TENANT_MONTHS, got, PERSON_FORMER_TENANT_MONTHS, until);
}

bool person_eligibility(const Person *p, RdDate received, char **why) {
   *why = NULL;
   switch (p->kind) {
   case PERSON_FORMER_TENANT:
      *why = person_former_tenant_warning(p, received);
      break;
   case PERSON_MEMBER_OF_PUBLIC:
      *why = xstrdup("a member of the public may complain when directly affected, but has no automatic right "
                     "to take the complaint to the Housing Ombudsman (seed 002 2.5)");
      break;
   case PERSON_STAKEHOLDER:
      *why = xstrdup("an external stakeholder (a parish council, for example) has no right to take the "
                     "complaint to the Housing Ombudsman (seed 004)");
      break;
   default:
      break;
   }
   return *why == NULL;
}

/* --- reasonable adjustments ---------------------------------------------------------------- */

void adjustment_init(Adjustment *a) {
   memset(a, 0, sizeof *a);
   a->kind = ADJUST_OTHER;
   a->review_on = a->reviewed_on = a->ended_on = RD_NO_DATE;
   a->created_at = RD_NO_INSTANT;
}

void adjustment_clear(Adjustment *a) {
   free(a->detail);
   adjustment_init(a);
}

static void adjustment_clear_item(void *item) {
   adjustment_clear(item);
}

void adjustment_free_list(Adjustment *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      adjustment_clear(&list[i]);
   free(list);
}

static void adjustment_read_row(sqlite3_stmt *stmt, void *item) {
   Adjustment *a = item;
   adjustment_init(a);
   AdjustmentKind kind = ADJUST_OTHER;
   adjustment_kind_parse(store_column_text(stmt, 2), &kind, NULL);
   a->id = sqlite3_column_int64(stmt, 0);
   a->person_id = sqlite3_column_int64(stmt, 1);
   a->kind = kind;
   a->detail = store_column_dup(stmt, 3);
   a->review_on = store_column_date(stmt, 4);
   a->reviewed_on = store_column_date(stmt, 5);
   a->ended_on = store_column_date(stmt, 6);
   a->created_at = store_column_instant(stmt, 7);
}

static RdStatus adjustment_check_review(RdDate review_on, RdError *err) {
   if (review_on == RD_NO_DATE)
      return error_set(err, RD_EINPUT, "an adjustment needs a review date: adjustments are kept under review "
                       "(Code 3.1)");
   if (review_on <= clock_today()) {
      char d[RD_DATE_BUFSIZE];
      datetime_format_date(review_on, d);
      return error_set(err, RD_EINPUT, "the review date %s is not after today: give a date to come", d);
   }
   return RD_OK;
}

static RdStatus adjustment_insert(Store *st, const Staff *actor, Adjustment *a, RdError *err) {
   static const char sql[] =
      "INSERT INTO adjustment (person_id, kind, detail, review_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
   RdStatus r = person_exists(st, a->person_id, err);
   sqlite3_stmt *stmt = r == RD_OK ? store_stmt(st, sql, err) : NULL;
   if (r != RD_OK || !stmt)
      return r != RD_OK ? r : RD_EDB;
   RdInstant now = clock_now();
   sqlite3_bind_int64(stmt, 1, a->person_id);
   store_bind_text(stmt, 2, adjustment_kind_name(a->kind));
   store_bind_text(stmt, 3, a->detail);
   store_bind_date(stmt, 4, a->review_on);
   store_bind_instant(stmt, 5, now);
   if ((r = store_run(st, stmt, err)) != RD_OK)
      return r;
   a->id = sqlite3_last_insert_rowid(store_db(st));
   a->created_at = now;
   char review[RD_DATE_BUFSIZE];
   datetime_format_date(a->review_on, review);
   char *detail = xasprintf("adjustment %lld: %s, review by %s", (long long)a->id, adjustment_kind_name(a->kind),
                            review);
   r = person_event(st, actor, a->person_id, "adjustment added", detail, err);
   free(detail);
   return r;
}

RdStatus adjustment_add(Store *st, const Staff *actor, Adjustment *a, RdError *err) {
   RdStatus r = person_require_staff(st, actor, "record a reasonable adjustment", err);
   if (r == RD_OK && (a->kind < 0 || a->kind >= ADJUST_KIND_COUNT))
      r = error_set(err, RD_EINPUT, "internal: an adjustment of no known kind");
   if (r == RD_OK)
      r = person_require_text(a->detail, "detail of the adjustment (what exactly will be done)", err);
   if (r == RD_OK)
      r = adjustment_check_review(a->review_on, err);
   bool own;
   if (r != RD_OK || (r = person_begin(st, &own, err)) != RD_OK)
      return r;
   return person_finish(st, own, adjustment_insert(st, actor, a, err), err);
}

static RdStatus adjustment_get(Store *st, int64_t id, Adjustment *out, RdError *err) {
   static const char sql[] = "SELECT " ADJUSTMENT_COLUMNS " FROM adjustment WHERE id = ?1";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   int rc = sqlite3_step(stmt);
   RdStatus r = RD_OK;
   if (rc == SQLITE_ROW)
      adjustment_read_row(stmt, out);
   else if (rc == SQLITE_DONE)
      r = error_set(err, RD_ENOTFOUND, "there is no adjustment %lld", (long long)id);
   else
      r = store_fail(st, err, "reading an adjustment");
   sqlite3_reset(stmt);
   if (r == RD_OK && out->ended_on != RD_NO_DATE) {
      char d[RD_DATE_BUFSIZE];
      datetime_format_date(out->ended_on, d);
      adjustment_clear(out);
      r = error_set(err, RD_ERULE, "adjustment %lld ended on %s: record a new one if it is needed again",
                    (long long)id, d);
   }
   return r;
}

static RdStatus adjustment_write_review(Store *st, const Staff *actor, int64_t id, RdDate next, RdError *err) {
   static const char sql[] = "UPDATE adjustment SET review_on = ?1, reviewed_on = ?2 WHERE id = ?3";
   Adjustment a;
   adjustment_init(&a);
   RdStatus r = adjustment_get(st, id, &a, err);
   sqlite3_stmt *stmt = r == RD_OK ? store_stmt(st, sql, err) : NULL;
   if (r == RD_OK && !stmt)
      r = RD_EDB;
   if (r == RD_OK) {
      store_bind_date(stmt, 1, next);
      store_bind_date(stmt, 2, clock_today());
      sqlite3_bind_int64(stmt, 3, id);
      r = store_run(st, stmt, err);
   }
   if (r == RD_OK) {
      char review[RD_DATE_BUFSIZE];
      datetime_format_date(next, review);
      char *detail = xasprintf("adjustment %lld: reviewed, next review by %s", (long long)id, review);
      r = person_event(st, actor, a.person_id, "adjustment reviewed", detail, err);
      free(detail);
   }
   adjustment_clear(&a);
   return r;
}

RdStatus adjustment_review(Store *st, const Staff *actor, int64_t id, RdDate next_review, RdError *err) {
   RdStatus r = person_require_staff(st, actor, "review a reasonable adjustment", err);
   if (r == RD_OK)
      r = adjustment_check_review(next_review, err);
   bool own;
   if (r != RD_OK || (r = person_begin(st, &own, err)) != RD_OK)
      return r;
   return person_finish(st, own, adjustment_write_review(st, actor, id, next_review, err), err);
}

static RdStatus adjustment_write_end(Store *st, const Staff *actor, int64_t id, RdDate on, RdError *err) {
   static const char sql[] = "UPDATE adjustment SET ended_on = ?1 WHERE id = ?2";
   Adjustment a;
   adjustment_init(&a);
   RdStatus r = adjustment_get(st, id, &a, err);
   char d[RD_DATE_BUFSIZE];
   if (r == RD_OK && on < datetime_local_date(a.created_at))
      r = error_set(err, RD_EINPUT, "adjustment %lld was recorded on %s: it cannot end before that",
                    (long long)id, person_date(datetime_local_date(a.created_at), d));
   sqlite3_stmt *stmt = r == RD_OK ? store_stmt(st, sql, err) : NULL;
   if (r == RD_OK && !stmt)
      r = RD_EDB;
   if (r == RD_OK) {
      store_bind_date(stmt, 1, on);
      sqlite3_bind_int64(stmt, 2, id);
      r = store_run(st, stmt, err);
   }
   if (r == RD_OK) {
      char *detail = xasprintf("adjustment %lld: %s ended", (long long)id, adjustment_kind_name(a.kind));
      r = person_event(st, actor, a.person_id, "adjustment ended", detail, err);
      free(detail);
   }
   adjustment_clear(&a);
   return r;
}

/* An end date is the day it stops: not in the future (record the end when it comes). */
static RdStatus person_check_end(RdDate on, const char *what, RdError *err) {
   char d[RD_DATE_BUFSIZE];
   if (on > clock_today())
      return error_set(err, RD_EINPUT, "the end date %s is after today: end the %s on the day it ends",
                       person_date(on, d), what);
   return RD_OK;
}

RdStatus adjustment_end(Store *st, const Staff *actor, int64_t id, RdDate on, RdError *err) {
   if (on == RD_NO_DATE)
      on = clock_today();
   RdStatus r = person_require_staff(st, actor, "end a reasonable adjustment", err);
   if (r == RD_OK)
      r = person_check_end(on, "adjustment", err);
   bool own;
   if (r != RD_OK || (r = person_begin(st, &own, err)) != RD_OK)
      return r;
   return person_finish(st, own, adjustment_write_end(st, actor, id, on, err), err);
}

RdStatus adjustment_list(Store *st, int64_t person_id, bool include_ended, Adjustment **out, size_t *count,
                         RdError *err) {
   static const char sql[] = "SELECT " ADJUSTMENT_COLUMNS " FROM adjustment "
                             "WHERE person_id = ?1 AND (?2 OR ended_on IS NULL) ORDER BY id";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, person_id);
   sqlite3_bind_int(stmt, 2, include_ended);
   void *list = NULL;
   RdStatus r = person_collect(st, stmt, sizeof(Adjustment), adjustment_read_row, adjustment_clear_item, &list,
                               count, err);
   *out = list;
   return r;
}

RdStatus adjustment_overdue(Store *st, RdDate today, Adjustment **out, size_t *count, RdError *err) {
   static const char sql[] = "SELECT " ADJUSTMENT_COLUMNS " FROM adjustment "
                             "WHERE ended_on IS NULL AND review_on < ?1 ORDER BY review_on, id";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   store_bind_date(stmt, 1, today);
   void *list = NULL;
   RdStatus r = person_collect(st, stmt, sizeof(Adjustment), adjustment_read_row, adjustment_clear_item, &list,
                               count, err);
   *out = list;
   return r;
}

/* --- contact restrictions --------------------------------------------------------------------- */

void restriction_init(Restriction *r) {
   memset(r, 0, sizeof *r);
   r->approver_role = APPROVER_ROLE_COUNT;
   r->starts_on = r->review_on = r->ended_on = RD_NO_DATE;
   r->created_at = RD_NO_INSTANT;
}

void restriction_clear(Restriction *r) {
   free(r->restricts);
   free(r->reason);
   free(r->approved_by);
   restriction_init(r);
}

static void restriction_clear_item(void *item) {
   restriction_clear(item);
}

void restriction_free_list(Restriction *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      restriction_clear(&list[i]);
   free(list);
}

static void restriction_read_row(sqlite3_stmt *stmt, void *item) {
   Restriction *r = item;
   restriction_init(r);
   ApproverRole role = APPROVER_HEAD_OF_SERVICE;
   approver_role_parse(store_column_text(stmt, 5), &role, NULL);
   r->id = sqlite3_column_int64(stmt, 0);
   r->person_id = sqlite3_column_int64(stmt, 1);
   r->restricts = store_column_dup(stmt, 2);
   r->reason = store_column_dup(stmt, 3);
   r->approved_by = store_column_dup(stmt, 4);
   r->approver_role = role;
   r->starts_on = store_column_date(stmt, 6);
   r->review_on = store_column_date(stmt, 7);
   r->ended_on = store_column_date(stmt, 8);
   r->recorded_by = sqlite3_column_int64(stmt, 9);
   r->created_at = store_column_instant(stmt, 10);
}

bool restriction_active_on(const Restriction *r, RdDate on) {
   return r->starts_on <= on && (r->ended_on == RD_NO_DATE || on < r->ended_on);
}

/* A restriction is for a set period (seed 002): its review comes after the start and no
 * more than RESTRICTION_MAX_MONTHS on. */
static RdStatus restriction_check_dates(const Restriction *r, RdError *err) {
   char start[RD_DATE_BUFSIZE], review[RD_DATE_BUFSIZE], limit[RD_DATE_BUFSIZE];
   if (r->review_on == RD_NO_DATE)
      return error_set(err, RD_EINPUT, "a contact restriction needs a review date: it is for a set period, "
                       "at most %d months (seeds 002, 004)", RESTRICTION_MAX_MONTHS);
   person_date(r->starts_on, start);
   person_date(r->review_on, review);
   if (r->review_on <= r->starts_on)
      return error_set(err, RD_ERULE, "the review date %s must come after the restriction starts (%s)", review,
                       start);
   RdDate last = datetime_add_months(r->starts_on, RESTRICTION_MAX_MONTHS);
   if (r->review_on > last)
      return error_set(err, RD_ERULE, "the review date %s is more than %d months after the restriction starts "
                       "(%s): a restriction is for a set period, so review it by %s at the latest", review,
                       RESTRICTION_MAX_MONTHS, start, person_date(last, limit));
   return RD_OK;
}

static RdStatus restriction_validate(const Restriction *r, RdError *err) {
   RdStatus s = person_require_text(r->restricts, "description of what the restriction restricts", err);
   if (s == RD_OK)
      s = person_require_text(r->reason, "reason for the restriction", err);
   if (s == RD_OK)
      s = person_require_text(r->approved_by, "name of who approved the restriction", err);
   if (s == RD_OK && (r->approver_role < 0 || r->approver_role >= APPROVER_ROLE_COUNT))
      s = error_set(err, RD_ERULE, "a contact restriction must be approved by a Head of Service or above "
                    "(seed 002 4.2)");
   if (s == RD_OK)
      s = restriction_check_dates(r, err);
   return s;
}

static RdStatus restriction_insert(Store *st, const Staff *actor, Restriction *r, RdError *err) {
   static const char sql[] =
      "INSERT INTO restriction (person_id, restricts, reason, approved_by, approver_role, starts_on, review_on, "
      "recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
   RdStatus s = person_exists(st, r->person_id, err);
   sqlite3_stmt *stmt = s == RD_OK ? store_stmt(st, sql, err) : NULL;
   if (s != RD_OK || !stmt)
      return s != RD_OK ? s : RD_EDB;
   RdInstant now = clock_now();
   sqlite3_bind_int64(stmt, 1, r->person_id);
   store_bind_text(stmt, 2, r->restricts);
   store_bind_text(stmt, 3, r->reason);
   store_bind_text(stmt, 4, r->approved_by);
   store_bind_text(stmt, 5, approver_role_words[r->approver_role]);
   store_bind_date(stmt, 6, r->starts_on);
   store_bind_date(stmt, 7, r->review_on);
   store_bind_id(stmt, 8, actor->id);
   store_bind_instant(stmt, 9, now);
   if ((s = store_run(st, stmt, err)) != RD_OK)
      return s;
   r->id = sqlite3_last_insert_rowid(store_db(st));
   r->recorded_by = actor->id;
   r->created_at = now;
   char start[RD_DATE_BUFSIZE], review[RD_DATE_BUFSIZE];
   char *detail = xasprintf("restriction %lld: from %s, review by %s, approved by a %s", (long long)r->id,
                            person_date(r->starts_on, start), person_date(r->review_on, review),
                            approver_role_name(r->approver_role));
   s = person_event(st, actor, r->person_id, "restriction added", detail, err);
   free(detail);
   return s;
}

RdStatus restriction_add(Store *st, const Staff *actor, Restriction *r, RdError *err) {
   if (r->starts_on == RD_NO_DATE)
      r->starts_on = clock_today();
   RdStatus s = person_require_manager(st, actor, "record a contact restriction", err);
   if (s == RD_OK)
      s = restriction_validate(r, err);
   bool own;
   if (s != RD_OK || (s = person_begin(st, &own, err)) != RD_OK)
      return s;
   return person_finish(st, own, restriction_insert(st, actor, r, err), err);
}

static RdStatus restriction_get(Store *st, int64_t id, Restriction *out, RdError *err) {
   static const char sql[] = "SELECT " RESTRICTION_COLUMNS " FROM restriction WHERE id = ?1";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   int rc = sqlite3_step(stmt);
   RdStatus r = RD_OK;
   if (rc == SQLITE_ROW)
      restriction_read_row(stmt, out);
   else if (rc == SQLITE_DONE)
      r = error_set(err, RD_ENOTFOUND, "there is no contact restriction %lld", (long long)id);
   else
      r = store_fail(st, err, "reading a contact restriction");
   sqlite3_reset(stmt);
   return r;
}

static RdStatus restriction_write_end(Store *st, const Staff *actor, int64_t id, RdDate on, RdError *err) {
   static const char sql[] = "UPDATE restriction SET ended_on = ?1 WHERE id = ?2";
   Restriction r;
   restriction_init(&r);
   char d[RD_DATE_BUFSIZE];
   RdStatus s = restriction_get(st, id, &r, err);
   if (s == RD_OK && r.ended_on != RD_NO_DATE)
      s = error_set(err, RD_ERULE, "contact restriction %lld already ended on %s", (long long)id,
                    person_date(r.ended_on, d));
   if (s == RD_OK && on < r.starts_on && r.starts_on <= clock_today())
      s = error_set(err, RD_EINPUT, "contact restriction %lld started on %s: it cannot end before that",
                    (long long)id, person_date(r.starts_on, d));
   sqlite3_stmt *stmt = s == RD_OK ? store_stmt(st, sql, err) : NULL;
   if (s == RD_OK && !stmt)
      s = RD_EDB;
   if (s == RD_OK) {
      store_bind_date(stmt, 1, on);
      sqlite3_bind_int64(stmt, 2, id);
      s = store_run(st, stmt, err);
   }
   if (s == RD_OK) {
      char *detail = xasprintf("restriction %lld: ended on %s", (long long)id, person_date(on, d));
      s = person_event(st, actor, r.person_id, "restriction ended", detail, err);
      free(detail);
   }
   restriction_clear(&r);
   return s;
}

RdStatus restriction_end(Store *st, const Staff *actor, int64_t id, RdDate on, RdError *err) {
   if (on == RD_NO_DATE)
      on = clock_today();
   RdStatus s = person_require_manager(st, actor, "end a contact restriction", err);
   if (s == RD_OK)
      s = person_check_end(on, "restriction", err);
   bool own;
   if (s != RD_OK || (s = person_begin(st, &own, err)) != RD_OK)
      return s;
   return person_finish(st, own, restriction_write_end(st, actor, id, on, err), err);
}

RdStatus restriction_list(Store *st, int64_t person_id, bool include_ended, Restriction **out, size_t *count,
                          RdError *err) {
   static const char sql[] = "SELECT " RESTRICTION_COLUMNS " FROM restriction "
                             "WHERE person_id = ?1 AND (?2 OR ended_on IS NULL) ORDER BY starts_on, id";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, person_id);
   sqlite3_bind_int(stmt, 2, include_ended);
   void *list = NULL;
   RdStatus r = person_collect(st, stmt, sizeof(Restriction), restriction_read_row, restriction_clear_item, &list,
                               count, err);
   *out = list;
   return r;
}

RdStatus restriction_overdue(Store *st, RdDate today, Restriction **out, size_t *count, RdError *err) {
   static const char sql[] = "SELECT " RESTRICTION_COLUMNS " FROM restriction "
                             "WHERE ended_on IS NULL AND review_on < ?1 ORDER BY review_on, id";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   store_bind_date(stmt, 1, today);
   void *list = NULL;
   RdStatus r = person_collect(st, stmt, sizeof(Restriction), restriction_read_row, restriction_clear_item, &list,
                               count, err);
   *out = list;
   return r;
}

char *restriction_describe(const Restriction *r, RdDate today) {
   char start[RD_DATE_BUFSIZE], review[RD_DATE_BUFSIZE], end[RD_DATE_BUFSIZE];
   person_date(r->starts_on, start);
   person_date(r->review_on, review);
   person_date(r->ended_on, end);
   const char *when = r->ended_on != RD_NO_DATE && r->ended_on <= today ? "Contact was restricted from"
                      : r->starts_on > today                            ? "Contact will be restricted from"
                                                                        : "Contact restricted since";
   char *ended = r->ended_on != RD_NO_DATE ? xasprintf(" until %s", end) : xstrdup("");
   const char *overdue = r->ended_on == RD_NO_DATE && r->review_on < today ? " (review overdue)" : "";
   char *text = xasprintf("%s %s%s: %s. Why: %s. Approved by %s (%s). Review by %s%s. Emergencies can always "
                          "be reported: this restriction never stops that.", when, start, ended,
                          person_text(r->restricts), person_text(r->reason), person_text(r->approved_by),
                          approver_role_name(r->approver_role), review, overdue);
   free(ended);
   return text;
}

RdStatus person_restriction_warning(Store *st, int64_t person_id, RdDate on, char **text, RdError *err) {
   *text = NULL;
   Restriction *list;
   size_t n;
   RdStatus r = restriction_list(st, person_id, true, &list, &n, err);
   if (r != RD_OK)
      return r;
   for (size_t i = 0; i < n; i++) {
      if (!restriction_active_on(&list[i], on))
         continue;
      char *one = restriction_describe(&list[i], on);
      char *joined = *text ? xasprintf("%s\n%s", *text, one) : xstrdup(one);
      free(one);
      free(*text);
      *text = joined;
   }
   restriction_free_list(list, n);
   return RD_OK;
}

/* --- representatives ------------------------------------------------------------------------ */

void representative_init(Representative *r) {
   memset(r, 0, sizeof *r);
   r->relationship = REL_OTHER;
   r->given_on = RD_NO_DATE;
   r->created_at = RD_NO_INSTANT;
}

void representative_clear(Representative *r) {
   free(r->name);
   free(r->organisation);
   free(r->phone);
   free(r->email);
   free(r->authority);
   representative_init(r);
}

static void representative_clear_item(void *item) {
   representative_clear(item);
}

void representative_free_list(Representative *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      representative_clear(&list[i]);
   free(list);
}

static void representative_read_row(sqlite3_stmt *stmt, void *item) {
   Representative *r = item;
   representative_init(r);
   Relationship rel = REL_OTHER;
   relationship_parse(store_column_text(stmt, 3), &rel, NULL);
   r->id = sqlite3_column_int64(stmt, 0);
   r->person_id = sqlite3_column_int64(stmt, 1);
   r->name = store_column_dup(stmt, 2);
   r->relationship = rel;
   r->organisation = store_column_dup(stmt, 4);
   r->phone = store_column_dup(stmt, 5);
   r->email = store_column_dup(stmt, 6);
   r->authority = store_column_dup(stmt, 7);
   r->given_on = store_column_date(stmt, 8);
   r->created_at = store_column_instant(stmt, 9);
}

static RdStatus representative_validate(const Representative *r, RdError *err) {
   char d[RD_DATE_BUFSIZE];
   RdStatus s = person_require_text(r->name, "representative's name", err);
   if (s == RD_OK && (r->relationship < 0 || r->relationship >= REL_COUNT))
      s = error_set(err, RD_EINPUT, "internal: a representative of no known relationship");
   if (s == RD_OK)
      s = person_require_text(r->authority, "authority the person gave (how and in what words)", err);
   if (s == RD_OK)
      s = person_check_length(r->organisation, "organisation", err);
   if (s == RD_OK)
      s = person_check_phone(r->phone, err);
   if (s == RD_OK)
      s = person_check_email(r->email, err);
   if (s == RD_OK && r->given_on > clock_today())
      s = error_set(err, RD_EINPUT, "the authority is dated %s, after today: record it once it is given",
                    person_date(r->given_on, d));
   return s;
}

static RdStatus representative_insert(Store *st, const Staff *actor, Representative *r, RdError *err) {
   static const char sql[] =
      "INSERT INTO representative (person_id, name, relationship, organisation, phone, email, authority, given_on, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
   RdStatus s = person_exists(st, r->person_id, err);
   sqlite3_stmt *stmt = s == RD_OK ? store_stmt(st, sql, err) : NULL;
   if (s != RD_OK || !stmt)
      return s != RD_OK ? s : RD_EDB;
   RdInstant now = clock_now();
   sqlite3_bind_int64(stmt, 1, r->person_id);
   store_bind_text(stmt, 2, r->name);
   store_bind_text(stmt, 3, relationship_name(r->relationship));
   store_bind_text(stmt, 4, person_text(r->organisation));
   store_bind_text(stmt, 5, person_text(r->phone));
   store_bind_text(stmt, 6, person_text(r->email));
   store_bind_text(stmt, 7, r->authority);
   store_bind_date(stmt, 8, r->given_on);
   store_bind_instant(stmt, 9, now);
   if ((s = store_run(st, stmt, err)) != RD_OK)
      return s;
   r->id = sqlite3_last_insert_rowid(store_db(st));
   r->created_at = now;
   char *detail = xasprintf("representative %lld: %s", (long long)r->id, relationship_name(r->relationship));
   s = person_event(st, actor, r->person_id, "representative added", detail, err);
   free(detail);
   return s;
}

RdStatus representative_add(Store *st, const Staff *actor, Representative *r, RdError *err) {
   if (r->given_on == RD_NO_DATE)
      r->given_on = clock_today();
   RdStatus s = person_require_staff(st, actor, "record a representative", err);
   if (s == RD_OK)
      s = representative_validate(r, err);
   bool own;
   if (s != RD_OK || (s = person_begin(st, &own, err)) != RD_OK)
      return s;
   return person_finish(st, own, representative_insert(st, actor, r, err), err);
}

RdStatus representative_list(Store *st, int64_t person_id, Representative **out, size_t *count, RdError *err) {
   static const char sql[] = "SELECT " REPRESENTATIVE_COLUMNS " FROM representative WHERE person_id = ?1 ORDER BY id";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, person_id);
   void *list = NULL;
   RdStatus r = person_collect(st, stmt, sizeof(Representative), representative_read_row, representative_clear_item,
                               &list, count, err);
   *out = list;
   return r;
}
