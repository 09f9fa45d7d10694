/* config: reading redress.conf with libconfig, checking every value it holds. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libconfig.h>

#include "redress/config.h"
#include "redress/xalloc.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

static const char *const config_default_categories[] = {
   "repairs", "damp and mould", "anti-social behaviour handling", "staff conduct",
   "rent and charges", "estate services", "communication", "lettings and allocations", "other",
};

static const struct {
   const char *code;
   const char *label;
} config_default_exclusions[] = {
   { "out-of-time", "The issue arose outside the policy's time limit and was not raised then" },
   { "legal-proceedings", "Legal proceedings have started (a claim is filed at court)" },
   { "already-considered", "The matter has already been considered under this policy" },
   { "asb-neighbour", "Anti-social behaviour or a neighbour dispute, not our handling of it" },
   { "safeguarding", "A safeguarding matter, dealt with under the safeguarding procedure" },
   { "appeal", "An appeal against a decision (such as a warning or an allocation) with its own process" },
   { "service-charge", "A challenge to service charges, for the First-tier Tribunal" },
   { "solicitor-disrepair", "A solicitor is instructed or a disrepair claim is made" },
   { "outside-remit", "Outside our remit or control" },
   { "insurance-injury", "An insurance or personal injury claim" },
   { "first-service-request", "A first request for a service, recorded as a service request" },
};

/* Holds what a check needs to word its message. */
typedef struct ConfigReader {
   const char *file;
   RdError *err;
} ConfigReader;

static RdStatus config_fail(const ConfigReader *r, const config_setting_t *s, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));

static RdStatus config_fail(const ConfigReader *r, const config_setting_t *s, const char *fmt, ...) {
   char what[700];
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(what, sizeof what, fmt, ap);
   va_end(ap);
   int line = s ? config_setting_source_line(s) : 0;
   return error_set(r->err, RD_ECONFIG, "%s:%d: %s", r->file, line, what);
}

static char *config_expand_home(const char *path) {
   if (path[0] == '~' && path[1] == '/') {
      const char *home = getenv("HOME");
      return xasprintf("%s/%s", home ? home : "", path + 2);
   }
   return xstrdup(path);
}

char *config_find(const char *explicit_path) {
   if (explicit_path)
      return xstrdup(explicit_path);
   const char *env = getenv("REDRESS_CONFIG");
   if (env && *env)
      return xstrdup(env);
   char *candidate;
   const char *xdg = getenv("XDG_CONFIG_HOME");
   const char *home = getenv("HOME");
   if (xdg && *xdg)
      candidate = xasprintf("%s/redress/redress.conf", xdg);
   else
      candidate = xasprintf("%s/.config/redress/redress.conf", home ? home : "");
   if (access(candidate, F_OK) == 0)
      return candidate;
   free(candidate);
   candidate = xstrdup(SYSCONFDIR "/redress/redress.conf");
   if (access(candidate, F_OK) == 0)
      return candidate;
   free(candidate);
   return NULL;
}

char *config_default_database(void) {
   const char *xdg = getenv("XDG_DATA_HOME");
   const char *home = getenv("HOME");
   if (xdg && *xdg)
      return xasprintf("%s/redress/redress.db", xdg);
   return xasprintf("%s/.local/share/redress/redress.db", home ? home : "");
}

char *config_default_outbox(const char *database_path) {
   const char *slash = strrchr(database_path, '/');
   if (!slash)
      return xstrdup("letters");
   return xasprintf("%.*s/letters", (int)(slash - database_path), database_path);
}

static void config_set_defaults(Config *cfg) {
   cfg->landlord_name = xstrdup("Example Housing Association");
   cfg->division = DIVISION_ENGLAND_WALES;
   cfg->policy_name = xstrdup("ombudsman-2024");
   cfg->office = (OfficeHours){ 9 * 60, 17 * 60 };
   cfg->refresh_seconds = 30;
   cfg->retention_years = 6;
   size_t nc = sizeof config_default_categories / sizeof *config_default_categories;
   cfg->categories = xcalloc(nc, sizeof *cfg->categories);
   for (size_t i = 0; i < nc; i++)
      cfg->categories[i] = xstrdup(config_default_categories[i]);
   cfg->category_count = nc;
   size_t ne = sizeof config_default_exclusions / sizeof *config_default_exclusions;
   cfg->exclusions = xcalloc(ne, sizeof *cfg->exclusions);
   for (size_t i = 0; i < ne; i++) {
      cfg->exclusions[i].code = xstrdup(config_default_exclusions[i].code);
      cfg->exclusions[i].label = xstrdup(config_default_exclusions[i].label);
   }
   cfg->exclusion_count = ne;
}

static void config_free_categories(Config *cfg) {
   for (size_t i = 0; i < cfg->category_count; i++)
      free(cfg->categories[i]);
   free(cfg->categories);
   cfg->categories = NULL;
   cfg->category_count = 0;
}

static void config_free_exclusions(Config *cfg) {
   for (size_t i = 0; i < cfg->exclusion_count; i++) {
      free(cfg->exclusions[i].code);
      free(cfg->exclusions[i].label);
   }
   free(cfg->exclusions);
   cfg->exclusions = NULL;
   cfg->exclusion_count = 0;
}

void config_free(Config *cfg) {
   if (!cfg)
      return;
   config_free_categories(cfg);
   config_free_exclusions(cfg);
   free(cfg->path);
   free(cfg->landlord_name);
   free(cfg->database);
   free(cfg->policy_name);
   free(cfg->policies_dir);
   free(cfg->homes);
   free(cfg->letters_outbox);
   free(cfg);
}

static RdStatus config_want_type(const ConfigReader *r, const config_setting_t *s, int type,
                                 const char *what) {
   if (config_setting_type(s) == type)
      return RD_OK;
   return config_fail(r, s, "'%s' must be %s", config_setting_name(s) ? config_setting_name(s) : "value",
                      what);
}

static RdStatus config_string(const ConfigReader *r, const config_setting_t *s, char **out) {
   RdStatus st = config_want_type(r, s, CONFIG_TYPE_STRING, "a string in double quotes");
   if (st != RD_OK)
      return st;
   const char *v = config_setting_get_string(s);
   if (!*v)
      return config_fail(r, s, "'%s' must not be empty", config_setting_name(s));
   free(*out);
   *out = xstrdup(v);
   return RD_OK;
}

static RdStatus config_int_range(const ConfigReader *r, const config_setting_t *s, int lo, int hi,
                                 int *out) {
   RdStatus st = config_want_type(r, s, CONFIG_TYPE_INT, "a whole number");
   if (st != RD_OK)
      return st;
   int v = config_setting_get_int(s);
   if (v < lo || v > hi)
      return config_fail(r, s, "'%s' is %d but must be between %d and %d", config_setting_name(s), v,
                         lo, hi);
   *out = v;
   return RD_OK;
}

/* "HH:MM" as minutes after midnight. */
static RdStatus config_clock_time(const ConfigReader *r, const config_setting_t *s, int *out) {
   RdStatus st = config_want_type(r, s, CONFIG_TYPE_STRING, "a time such as \"09:00\"");
   if (st != RD_OK)
      return st;
   const char *v = config_setting_get_string(s);
   int hh, mm;
   char tail;
   if (strlen(v) != 5 || sscanf(v, "%2d:%2d%c", &hh, &mm, &tail) != 2 || hh < 0 || hh > 23 ||
       mm < 0 || mm > 59)
      return config_fail(r, s, "'%s' is \"%s\" but must be a time such as \"09:00\"",
                         config_setting_name(s), v);
   *out = hh * 60 + mm;
   return RD_OK;
}

static RdStatus config_check_members(const ConfigReader *r, const config_setting_t *group,
                                     const char *const *allowed, const char *where) {
   for (int i = 0; i < config_setting_length(group); i++) {
      const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
      bool known = false;
      for (const char *const *a = allowed; *a; a++)
         known = known || strcmp(*a, config_setting_name(m)) == 0;
      if (!known)
         return config_fail(r, m, "unknown setting '%s' in %s", config_setting_name(m), where);
   }
   return RD_OK;
}

static RdStatus config_read_landlord(const ConfigReader *r, const config_setting_t *s, Config *cfg) {
   static const char *const keys[] = { "name", NULL };
   RdStatus st = config_want_type(r, s, CONFIG_TYPE_GROUP, "a group: landlord = { name = \"...\"; }");
   if (st == RD_OK)
      st = config_check_members(r, s, keys, "landlord");
   const config_setting_t *name = config_setting_get_member(s, "name");
   if (st == RD_OK && name)
      st = config_string(r, name, &cfg->landlord_name);
   return st;
}

static RdStatus config_read_office_hours(const ConfigReader *r, const config_setting_t *s, Config *cfg) {
   static const char *const keys[] = { "open", "close", NULL };
   RdStatus st = config_want_type(r, s, CONFIG_TYPE_GROUP, "a group: { open = \"09:00\"; close = \"17:00\"; }");
   if (st == RD_OK)
      st = config_check_members(r, s, keys, "office_hours");
   const config_setting_t *open = config_setting_get_member(s, "open");
   const config_setting_t *close = config_setting_get_member(s, "close");
   if (st == RD_OK && open)
      st = config_clock_time(r, open, &cfg->office.open_minute);
   if (st == RD_OK && close)
      st = config_clock_time(r, close, &cfg->office.close_minute);
   if (st == RD_OK && cfg->office.close_minute <= cfg->office.open_minute)
      st = config_fail(r, close ? close : s, "office_hours: close must be later than open");
   return st;
}

static RdStatus config_read_categories(const ConfigReader *r, const config_setting_t *s, Config *cfg) {
   int type = config_setting_type(s);
   if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST)
      return config_fail(r, s, "'categories' must be a list of strings: [ \"repairs\", \"damp and mould\" ]");
   int n = config_setting_length(s);
   if (n == 0)
      return config_fail(r, s, "'categories' must name at least one category");
   config_free_categories(cfg);
   cfg->categories = xcalloc((size_t)n, sizeof *cfg->categories);
   for (int i = 0; i < n; i++) {
      const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
      if (config_setting_type(e) != CONFIG_TYPE_STRING || !*config_setting_get_string(e))
         return config_fail(r, e, "category %d must be a non-empty string", i + 1);
      const char *name = config_setting_get_string(e);
      for (size_t j = 0; j < cfg->category_count; j++)
         if (strcasecmp(cfg->categories[j], name) == 0)
            return config_fail(r, e, "category \"%s\" is listed twice", name);
      cfg->categories[cfg->category_count++] = xstrdup(name);
   }
   return RD_OK;
}

static bool config_is_code(const char *s) {
   if (!*s)
      return false;
   for (; *s; s++)
      if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
         return false;
   return true;
}

static RdStatus config_read_exclusions(const ConfigReader *r, const config_setting_t *s, Config *cfg) {
   if (config_setting_type(s) != CONFIG_TYPE_LIST)
      return config_fail(r, s, "'exclusions' must be a list: ( { code = \"...\"; label = \"...\"; }, ... )");
   int n = config_setting_length(s);
   if (n == 0)
      return config_fail(r, s, "'exclusions' must list at least one reason");
   config_free_exclusions(cfg);
   cfg->exclusions = xcalloc((size_t)n, sizeof *cfg->exclusions);
   for (int i = 0; i < n; i++) {
      const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
      static const char *const keys[] = { "code", "label", NULL };
      const char *code = NULL, *label = NULL;
      if (config_setting_type(e) == CONFIG_TYPE_GROUP && config_check_members(r, e, keys, "an exclusion") != RD_OK)
         return RD_ECONFIG;
      if (config_setting_type(e) != CONFIG_TYPE_GROUP ||
          !config_setting_lookup_string(e, "code", &code) ||
          !config_setting_lookup_string(e, "label", &label))
         return config_fail(r, e, "exclusion %d needs a code and a label string", i + 1);
      if (!config_is_code(code))
         return config_fail(r, e, "exclusion code \"%s\" may hold only a-z, 0-9 and '-'", code);
      if (config_exclusion(cfg, code))
         return config_fail(r, e, "exclusion code \"%s\" is listed twice", code);
      cfg->exclusions[cfg->exclusion_count].code = xstrdup(code);
      cfg->exclusions[cfg->exclusion_count].label = xstrdup(label);
      cfg->exclusion_count++;
   }
   return RD_OK;
}

/* A reporting year written "2025/26". */
static bool config_parse_year(const char *text, int *start) {
   int a, b;
   char tail;
   if (sscanf(text, "%4d/%2d%c", &a, &b, &tail) != 2 || strlen(text) != 7)
      return false;
   if (a < 2000 || a > 2200 || (a + 1) % 100 != b)
      return false;
   *start = a;
   return true;
}

static RdStatus config_read_homes(const ConfigReader *r, const config_setting_t *s, Config *cfg) {
   if (config_setting_type(s) != CONFIG_TYPE_LIST)
      return config_fail(r, s, "'homes' must be a list: ( { year = \"2025/26\"; lcra = 1200; lcho = 40; } )");
   int n = config_setting_length(s);
   free(cfg->homes);
   cfg->homes = xcalloc((size_t)(n ? n : 1), sizeof *cfg->homes);
   cfg->homes_count = 0;
   for (int i = 0; i < n; i++) {
      const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
      const char *year = NULL;
      int lcra = 0, lcho = 0;
      if (config_setting_type(e) != CONFIG_TYPE_GROUP || !config_setting_lookup_string(e, "year", &year))
         return config_fail(r, e, "homes entry %d needs year = \"YYYY/YY\"", i + 1);
      int start;
      if (!config_parse_year(year, &start))
         return config_fail(r, e, "homes year \"%s\" must be a reporting year such as \"2025/26\"", year);
      static const char *const keys[] = { "year", "lcra", "lcho", NULL };
      if (config_check_members(r, e, keys, "a homes entry") != RD_OK)
         return RD_ECONFIG;
      for (int k = 1; k <= 2; k++) {
         const config_setting_t *m = config_setting_get_member(e, keys[k]);
         if (m && config_setting_type(m) != CONFIG_TYPE_INT)
            return config_fail(r, m, "homes %s: %s must be a whole number of homes", year, keys[k]);
      }
      config_setting_lookup_int(e, "lcra", &lcra);
      config_setting_lookup_int(e, "lcho", &lcho);
      if (lcra < 0 || lcho < 0 || lcra + lcho == 0)
         return config_fail(r, e, "homes %s: lcra and lcho must be whole numbers, not both 0", year);
      if (config_homes_for(cfg, start))
         return config_fail(r, e, "homes year %s is listed twice", year);
      cfg->homes[cfg->homes_count++] = (HomesYear){ start, lcra, lcho };
   }
   return RD_OK;
}

static RdStatus config_read_group_string(const ConfigReader *r, const config_setting_t *s,
                                         const char *group, const char *key, char **out) {
   const char *const keys[] = { key, NULL };
   char shape[128];
   snprintf(shape, sizeof shape, "a group: %s = { %s = \"...\"; }", group, key);
   RdStatus st = config_want_type(r, s, CONFIG_TYPE_GROUP, shape);
   if (st == RD_OK)
      st = config_check_members(r, s, keys, group);
   const config_setting_t *m = config_setting_get_member(s, key);
   char *raw = NULL;
   if (st == RD_OK && m)
      st = config_string(r, m, &raw);
   if (raw) {
      free(*out);
      *out = config_expand_home(raw);
      free(raw);
   }
   return st;
}

static RdStatus config_read_setting(const ConfigReader *r, const config_setting_t *s, Config *cfg) {
   const char *name = config_setting_name(s);
   char *text = NULL;
   RdStatus st;
   if (strcmp(name, "landlord") == 0)
      return config_read_landlord(r, s, cfg);
   if (strcmp(name, "database") == 0) {
      st = config_string(r, s, &text);
      if (st == RD_OK) {
         free(cfg->database);
         cfg->database = config_expand_home(text);
      }
      free(text);
      return st;
   }
   if (strcmp(name, "division") == 0) {
      st = config_want_type(r, s, CONFIG_TYPE_STRING, "a string");
      if (st == RD_OK && calendar_division_parse(config_setting_get_string(s), &cfg->division, NULL) != RD_OK)
         st = config_fail(r, s, "division \"%s\" is not one of england-and-wales, scotland, northern-ireland",
                          config_setting_get_string(s));
      return st;
   }
   if (strcmp(name, "policy") == 0) {
      cfg->policy_line = config_setting_source_line(s);
      return config_string(r, s, &cfg->policy_name);
   }
   if (strcmp(name, "policies_dir") == 0) {
      st = config_string(r, s, &text);
      if (st == RD_OK) {
         free(cfg->policies_dir);
         cfg->policies_dir = config_expand_home(text);
      }
      free(text);
      return st;
   }
   if (strcmp(name, "office_hours") == 0)
      return config_read_office_hours(r, s, cfg);
   if (strcmp(name, "timer") == 0) {
      static const char *const keys[] = { "refresh_seconds", NULL };
      st = config_want_type(r, s, CONFIG_TYPE_GROUP, "a group: timer = { refresh_seconds = 30; }");
      if (st == RD_OK)
         st = config_check_members(r, s, keys, "timer");
      const config_setting_t *m = config_setting_get_member(s, "refresh_seconds");
      if (st == RD_OK && m)
         st = config_int_range(r, m, 1, 3600, &cfg->refresh_seconds);
      return st;
   }
   if (strcmp(name, "categories") == 0)
      return config_read_categories(r, s, cfg);
   if (strcmp(name, "exclusions") == 0)
      return config_read_exclusions(r, s, cfg);
   if (strcmp(name, "homes") == 0)
      return config_read_homes(r, s, cfg);
   if (strcmp(name, "letters") == 0)
      return config_read_group_string(r, s, "letters", "outbox", &cfg->letters_outbox);
   if (strcmp(name, "retention_years") == 0)
      return config_int_range(r, s, 1, 100, &cfg->retention_years);
   return config_fail(r, s, "unknown setting '%s' (see redress.conf(5) for the settings there are)", name);
}

static RdStatus config_read_path(const char *path, Config *cfg, RdError *err) {
   config_t cf;
   config_init(&cf);
   RdStatus st = RD_OK;
   ConfigReader r = { path, err };
   if (!config_read_file(&cf, path)) {
      if (config_error_type(&cf) == CONFIG_ERR_FILE_IO)
         st = error_set(err, RD_ECONFIG, "%s: cannot be read: %m", path);
      else
         st = error_set(err, RD_ECONFIG, "%s:%d: %s", config_error_file(&cf) ? config_error_file(&cf) : path,
                        config_error_line(&cf), config_error_text(&cf));
      goto out;
   }
   const config_setting_t *root = config_root_setting(&cf);
   for (int i = 0; i < config_setting_length(root) && st == RD_OK; i++)
      st = config_read_setting(&r, config_setting_get_elem(root, (unsigned)i), cfg);
out:
   config_destroy(&cf);
   return st;
}

RdStatus config_load(const char *path, Config **out, RdError *err) {
   Config *cfg = xcalloc(1, sizeof *cfg);
   config_set_defaults(cfg);
   RdStatus st = RD_OK;
   if (path) {
      cfg->path = xstrdup(path);
      st = config_read_path(path, cfg, err);
   }
   if (st != RD_OK) {
      config_free(cfg);
      return st;
   }
   *out = cfg;
   return RD_OK;
}

const ExclusionReason *config_exclusion(const Config *cfg, const char *code) {
   for (size_t i = 0; i < cfg->exclusion_count; i++)
      if (cfg->exclusions[i].code && strcmp(cfg->exclusions[i].code, code) == 0)
         return &cfg->exclusions[i];
   return NULL;
}

const char *config_category(const Config *cfg, const char *name) {
   for (size_t i = 0; i < cfg->category_count; i++)
      if (strcasecmp(cfg->categories[i], name) == 0)
         return cfg->categories[i];
   return NULL;
}

const HomesYear *config_homes_for(const Config *cfg, int start_year) {
   for (size_t i = 0; i < cfg->homes_count; i++)
      if (cfg->homes[i].start_year == start_year)
         return &cfg->homes[i];
   return NULL;
}
