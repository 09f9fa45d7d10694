/* policy: reading profiles, computing due dates, and saying them in plain English. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libconfig.h>

#include "redress/policy.h"
#include "redress/text.h"
#include "redress/xalloc.h"

typedef struct PolicyReader {
   const char *file;
   RdError *err;
} PolicyReader;

static RdStatus policy_fail(const PolicyReader *r, const config_setting_t *s, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));

static RdStatus policy_fail(const PolicyReader *r, const config_setting_t *s, const char *fmt, ...) {
   char what[700];
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(what, sizeof what, fmt, ap);
   va_end(ap);
   return error_set(r->err, RD_ECONFIG, "%s:%d: %s", r->file, s ? config_setting_source_line(s) : 0, what);
}

static RdStatus policy_only_members(const PolicyReader *r, const config_setting_t *group,
                                    const char *const *allowed) {
   if (config_setting_type(group) != CONFIG_TYPE_GROUP)
      return policy_fail(r, group, "'%s' must be a group in { braces }", config_setting_name(group));
   for (int i = 0; i < config_setting_length(group); i++) {
      const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
      bool known = false;
      for (const char *const *a = allowed; *a; a++)
         known = known || strcmp(*a, config_setting_name(m)) == 0;
      if (!known)
         return policy_fail(r, m, "unknown setting '%s' in '%s'", config_setting_name(m),
                            config_setting_name(group) ? config_setting_name(group) : "profile");
   }
   return RD_OK;
}

static RdStatus policy_int(const PolicyReader *r, const config_setting_t *group, const char *key,
                           int lo, int hi, int *out) {
   const config_setting_t *s = config_setting_get_member(group, key);
   if (!s)
      return RD_OK;
   if (config_setting_type(s) != CONFIG_TYPE_INT)
      return policy_fail(r, s, "'%s' must be a whole number", key);
   int v = config_setting_get_int(s);
   if (v < lo || v > hi)
      return policy_fail(r, s, "'%s' is %d but must be between %d and %d", key, v, lo, hi);
   *out = v;
   return RD_OK;
}

static RdStatus policy_text(const PolicyReader *r, const config_setting_t *group, const char *key,
                            char *out, size_t size) {
   const config_setting_t *s = config_setting_get_member(group, key);
   if (!s)
      return RD_OK;
   if (config_setting_type(s) != CONFIG_TYPE_STRING)
      return policy_fail(r, s, "'%s' must be a string in double quotes", key);
   if (str_copy(out, config_setting_get_string(s), size) >= size)
      return policy_fail(r, s, "'%s' is longer than %zu characters", key, size - 1);
   return RD_OK;
}

static RdStatus policy_anchor(const PolicyReader *r, const config_setting_t *s, int stage,
                              PolicyAnchor *out) {
   const char *start_word = stage == 1 ? "receipt" : "request";
   const config_setting_t *from = config_setting_get_member(s, "from");
   const char *v = from && config_setting_type(from) == CONFIG_TYPE_STRING ? config_setting_get_string(from) : NULL;
   if (v && strcmp(v, start_word) == 0)
      *out = ANCHOR_START;
   else if (v && strcmp(v, "acknowledgement") == 0)
      *out = ANCHOR_ACKNOWLEDGEMENT;
   else if (v && strcmp(v, "agreed") == 0)
      *out = ANCHOR_AGREED;
   else
      return policy_fail(r, from ? from : s, "'from' must be \"%s\", \"acknowledgement\" or \"agreed\"",
                         start_word);
   return RD_OK;
}

static RdStatus policy_timescale(const PolicyReader *r, const config_setting_t *stage_group,
                                 const char *key, int stage, PolicyTimescale *out) {
   static const char *const keys[] = { "days", "from", "source", NULL };
   const config_setting_t *s = config_setting_get_member(stage_group, key);
   if (!s)
      return RD_OK;
   RdStatus st = policy_only_members(r, s, keys);
   if (st == RD_OK)
      st = policy_anchor(r, s, stage, &out->from);
   out->days = -1;
   if (st == RD_OK)
      st = policy_int(r, s, "days", 0, 120, &out->days);
   if (st == RD_OK && out->from != ANCHOR_AGREED && out->days < 0)
      st = policy_fail(r, s, "'%s' needs 'days', the number of working days", key);
   if (st == RD_OK)
      st = policy_text(r, s, "source", out->source, sizeof out->source);
   return st;
}

static RdStatus policy_extension(const PolicyReader *r, const config_setting_t *stage_group,
                                 PolicyStage *ps) {
   static const char *const keys[] = { "days", "agreed", "source", NULL };
   const config_setting_t *s = config_setting_get_member(stage_group, "extension");
   /* Without an extension group a policy allows none, unless it sets a cap: then the
    * cap alone limits an extension. */
   ps->extension_days = config_setting_get_member(stage_group, "cap") ? -1 : 0;
   if (!s)
      return RD_OK;
   RdStatus st = policy_only_members(r, s, keys);
   ps->extension_days = -1;
   if (st == RD_OK)
      st = policy_int(r, s, "days", 0, 120, &ps->extension_days);
   const config_setting_t *agreed = config_setting_get_member(s, "agreed");
   if (st == RD_OK && agreed) {
      if (config_setting_type(agreed) != CONFIG_TYPE_BOOL)
         st = policy_fail(r, agreed, "'agreed' must be true or false");
      else
         ps->extension_agreed = config_setting_get_bool(agreed);
   }
   if (st == RD_OK)
      st = policy_text(r, s, "source", ps->extension_source, sizeof ps->extension_source);
   return st;
}

static RdStatus policy_stage(const PolicyReader *r, const config_setting_t *root, int stage, Policy *p) {
   static const char *const keys[] = { "acknowledge", "respond", "extension", "cap", NULL };
   const char *key = stage == 1 ? "stage1" : "stage2";
   const config_setting_t *s = config_setting_get_member(root, key);
   if (!s)
      return policy_fail(r, root, "the profile has no '%s' group", key);
   PolicyStage *ps = &p->stage[stage - 1];
   RdStatus st = policy_only_members(r, s, keys);
   if (st == RD_OK)
      st = policy_timescale(r, s, "acknowledge", stage, &ps->acknowledge);
   if (st == RD_OK && ps->acknowledge.from != ANCHOR_NONE && ps->acknowledge.from != ANCHOR_START)
      st = policy_fail(r, config_setting_get_member(s, "acknowledge"),
                       "an acknowledgement can only be counted from %s", stage == 1 ? "receipt" : "the request");
   if (st == RD_OK)
      st = policy_timescale(r, s, "respond", stage, &ps->respond);
   if (st == RD_OK && ps->respond.from == ANCHOR_NONE)
      st = policy_fail(r, s, "'%s' needs a 'respond' timescale", key);
   if (st == RD_OK && ps->respond.from == ANCHOR_ACKNOWLEDGEMENT && ps->acknowledge.from == ANCHOR_NONE)
      st = policy_fail(r, s, "'%s' counts the response from the acknowledgement but sets no acknowledgement", key);
   if (st == RD_OK)
      st = policy_extension(r, s, ps);
   if (st == RD_OK)
      st = policy_timescale(r, s, "cap", stage, &ps->cap);
   if (st == RD_OK && ps->cap.from == ANCHOR_AGREED)
      st = policy_fail(r, config_setting_get_member(s, "cap"), "a cap must count from a date, not be agreed");
   return st;
}

static RdStatus policy_escalation(const PolicyReader *r, const config_setting_t *root, Policy *p) {
   static const char *const keys[] = { "within", "unit", "from", "source", NULL };
   const config_setting_t *s = config_setting_get_member(root, "escalation");
   if (!s)
      return RD_OK;
   RdStatus st = policy_only_members(r, s, keys);
   char unit[32] = "any-time", from[32] = "response";
   if (st == RD_OK)
      st = policy_text(r, s, "unit", unit, sizeof unit);
   if (st == RD_OK)
      st = policy_text(r, s, "from", from, sizeof from);
   if (st == RD_OK)
      st = policy_int(r, s, "within", 0, 365, &p->escalation_within);
   if (st == RD_OK)
      st = policy_text(r, s, "source", p->escalation_source, sizeof p->escalation_source);
   if (st != RD_OK)
      return st;
   if (strcmp(unit, "any-time") == 0)
      p->escalation_unit = ESCALATION_ANY_TIME;
   else if (strcmp(unit, "calendar-days") == 0)
      p->escalation_unit = ESCALATION_CALENDAR_DAYS;
   else if (strcmp(unit, "working-days") == 0)
      p->escalation_unit = ESCALATION_WORKING_DAYS;
   else if (strcmp(unit, "calendar-months") == 0)
      p->escalation_unit = ESCALATION_CALENDAR_MONTHS;
   else
      return policy_fail(r, s, "escalation unit \"%s\" must be any-time, calendar-days, working-days "
                         "or calendar-months", unit);
   if (strcmp(from, "response") == 0)
      p->escalation_from = ESCALATION_FROM_RESPONSE;
   else if (strcmp(from, "closure") == 0)
      p->escalation_from = ESCALATION_FROM_CLOSURE;
   else
      return policy_fail(r, s, "escalation from \"%s\" must be response or closure", from);
   if (p->escalation_unit != ESCALATION_ANY_TIME && p->escalation_within <= 0)
      return policy_fail(r, s, "escalation needs 'within', a number above 0, unless unit is any-time");
   return RD_OK;
}

static RdStatus policy_group_ints(const PolicyReader *r, const config_setting_t *root, const char *group,
                                  const char *const *keys, int *const *outs, const int *limits,
                                  char *source, size_t source_size) {
   const config_setting_t *s = config_setting_get_member(root, group);
   if (!s)
      return RD_OK;
   const char *allowed[8];
   size_t n = 0;
   for (; keys[n]; n++)
      allowed[n] = keys[n];
   allowed[n] = "source";
   allowed[n + 1] = NULL;
   RdStatus st = policy_only_members(r, s, allowed);
   for (size_t i = 0; st == RD_OK && keys[i]; i++)
      st = policy_int(r, s, keys[i], limits[2 * i], limits[2 * i + 1], outs[i]);
   if (st == RD_OK && source)
      st = policy_text(r, s, "source", source, source_size);
   return st;
}

static RdStatus policy_read(const PolicyReader *r, const config_setting_t *root, Policy *p) {
   static const char *const top[] = { "name", "title", "source", "stage1", "stage2", "escalation",
                                       "eligibility", "quick_resolution", "no_contact_closure",
                                       "survey", "due_soon", "updates", NULL };
   RdStatus st = policy_only_members(r, root, top);
   if (st == RD_OK)
      st = policy_text(r, root, "name", p->name, sizeof p->name);
   if (st == RD_OK && !p->name[0])
      st = policy_fail(r, root, "the profile has no 'name'");
   if (st == RD_OK)
      st = policy_text(r, root, "title", p->title, sizeof p->title);
   if (st == RD_OK)
      st = policy_text(r, root, "source", p->source, sizeof p->source);
   if (st == RD_OK)
      st = policy_stage(r, root, 1, p);
   if (st == RD_OK)
      st = policy_stage(r, root, 2, p);
   if (st == RD_OK)
      st = policy_escalation(r, root, p);
   if (st == RD_OK) {
      static const char *const k[] = { "months", NULL };
      int *const o[] = { &p->eligibility_months };
      static const int lim[] = { 0, 120 };
      st = policy_group_ints(r, root, "eligibility", k, o, lim, p->eligibility_source, sizeof p->eligibility_source);
   }
   if (st == RD_OK) {
      static const char *const k[] = { "hours", NULL };
      int *const o[] = { &p->quick_resolution_hours };
      static const int lim[] = { -1, 240 };
      st = policy_group_ints(r, root, "quick_resolution", k, o, lim, p->quick_resolution_source,
                             sizeof p->quick_resolution_source);
   }
   if (st == RD_OK) {
      static const char *const k[] = { "after_raising", "after_response", NULL };
      int *const o[] = { &p->no_contact_after_raising, &p->no_contact_after_response };
      static const int lim[] = { 0, 120, 0, 120 };
      st = policy_group_ints(r, root, "no_contact_closure", k, o, lim, p->no_contact_source,
                             sizeof p->no_contact_source);
   }
   if (st == RD_OK) {
      static const char *const k[] = { "delay_days", NULL };
      int *const o[] = { &p->survey_delay_days };
      static const int lim[] = { 0, 365 };
      st = policy_group_ints(r, root, "survey", k, o, lim, p->survey_source, sizeof p->survey_source);
   }
   if (st == RD_OK) {
      static const char *const k[] = { "working_days", NULL };
      int *const o[] = { &p->due_soon_days };
      static const int lim[] = { 0, 20 };
      st = policy_group_ints(r, root, "due_soon", k, o, lim, NULL, 0);
   }
   if (st == RD_OK) {
      static const char *const k[] = { "every_working_days", NULL };
      int *const o[] = { &p->update_interval_days };
      static const int lim[] = { 1, 60 };
      st = policy_group_ints(r, root, "updates", k, o, lim, NULL, 0);
   }
   return st;
}

static void policy_defaults(Policy *p) {
   memset(p, 0, sizeof *p);
   p->quick_resolution_hours = -1;
   p->due_soon_days = 2;
   p->update_interval_days = 10;
}

RdStatus policy_load_file(const char *path, Policy *out, RdError *err) {
   config_t cf;
   config_init(&cf);
   PolicyReader r = { path, err };
   Policy p;
   policy_defaults(&p);
   RdStatus st;
   if (!config_read_file(&cf, path)) {
      if (config_error_type(&cf) == CONFIG_ERR_FILE_IO)
         st = error_set(err, RD_ECONFIG, "%s: cannot be read: %m", path);
      else
         st = error_set(err, RD_ECONFIG, "%s:%d: %s", path, config_error_line(&cf), config_error_text(&cf));
   } else {
      st = policy_read(&r, config_root_setting(&cf), &p);
   }
   config_destroy(&cf);
   if (st == RD_OK)
      *out = p;
   return st;
}

static bool policy_valid_name(const char *name) {
   if (!name || !*name || strlen(name) > 60)
      return false;
   for (const char *c = name; *c; c++)
      if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '-'))
         return false;
   return true;
}

RdStatus policy_load(const char *name, const char *dir_first, const char *datadir, Policy *out,
                     RdError *err) {
   if (!policy_valid_name(name))
      return error_set(err, RD_ENOTFOUND, "\"%s\" is not a policy profile name (lower-case letters, digits "
                       "and '-')", name ? name : "");
   char *path = NULL;
   if (dir_first) {
      path = xasprintf("%s/%s.conf", dir_first, name);
      if (access(path, F_OK) != 0) {
         free(path);
         path = NULL;
      }
   }
   if (!path)
      path = xasprintf("%s/policies/%s.conf", datadir, name);
   RdStatus st;
   if (access(path, F_OK) != 0) {
      size_t n;
      char **names = policy_list(dir_first, datadir, &n);
      char known[512] = "";
      for (size_t i = 0; i < n; i++) {
         size_t used = strlen(known);
         snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", names[i]);
         free(names[i]);
      }
      free(names);
      st = error_set(err, RD_ENOTFOUND, "no policy profile called \"%s\" (known: %s)", name,
                     *known ? known : "none found");
   } else {
      st = policy_load_file(path, out, err);
      if (st == RD_OK && strcmp(out->name, name) != 0)
         st = error_set(err, RD_ECONFIG, "%s: its name is \"%s\" but the file is called %s.conf", path,
                        out->name, name);
   }
   free(path);
   return st;
}

static int policy_compare_names(const void *a, const void *b) {
   return strcmp(*(char *const *)a, *(char *const *)b);
}

static void policy_scan_dir(const char *dir, char ***names, size_t *count, size_t *cap) {
   DIR *d = dir ? opendir(dir) : NULL;
   if (!d)
      return;
   struct dirent *e;
   while ((e = readdir(d))) {
      size_t len = strlen(e->d_name);
      if (len < 6 || strcmp(e->d_name + len - 5, ".conf") != 0)
         continue;
      char *name = xstrndup(e->d_name, len - 5);
      bool seen = !policy_valid_name(name);
      for (size_t i = 0; i < *count && !seen; i++)
         seen = strcmp((*names)[i], name) == 0;
      if (seen) {
         free(name);
         continue;
      }
      if (*count == *cap) {
         *cap = *cap ? *cap * 2 : 8;
         *names = xreallocarray(*names, *cap, sizeof **names);
      }
      (*names)[(*count)++] = name;
   }
   closedir(d);
}

char **policy_list(const char *dir_first, const char *datadir, size_t *count) {
   char **names = NULL;
   size_t cap = 0;
   *count = 0;
   policy_scan_dir(dir_first, &names, count, &cap);
   char *shipped = xasprintf("%s/policies", datadir);
   policy_scan_dir(shipped, &names, count, &cap);
   free(shipped);
   if (*count)
      qsort(names, *count, sizeof *names, policy_compare_names);
   return names;
}

/* --- due dates -------------------------------------------------------------------- */

static RdDate policy_earlier(RdDate a, RdDate b) {
   if (a == RD_NO_DATE)
      return b;
   if (b == RD_NO_DATE)
      return a;
   return a < b ? a : b;
}

void policy_stage_due(const Policy *p, const Calendar *cal, Division div, int stage,
                      const StageDates *dates, StageDue *out) {
   const PolicyStage *ps = &p->stage[stage - 1];
   out->acknowledge = RD_NO_DATE;
   out->respond = RD_NO_DATE;
   out->respond_provisional = false;
   out->extension_limit = RD_NO_DATE;
   if (ps->acknowledge.from == ANCHOR_START)
      out->acknowledge = calendar_add_workdays(cal, div, dates->start, ps->acknowledge.days);

   RdDate ack_base = dates->acknowledged;
   if (ack_base == RD_NO_DATE) {
      ack_base = out->acknowledge != RD_NO_DATE ? out->acknowledge : dates->start;
      out->respond_provisional = ps->respond.from == ANCHOR_ACKNOWLEDGEMENT;
   }
   switch (ps->respond.from) {
   case ANCHOR_START:
      out->respond = calendar_add_workdays(cal, div, dates->start, ps->respond.days);
      break;
   case ANCHOR_ACKNOWLEDGEMENT:
      out->respond = calendar_add_workdays(cal, div, ack_base, ps->respond.days);
      break;
   case ANCHOR_AGREED:
      out->respond = dates->agreed;
      break;
   case ANCHOR_NONE:
      break;
   }

   if (ps->extension_agreed || out->respond == RD_NO_DATE)
      return;
   RdDate limit = RD_NO_DATE;
   if (ps->extension_days >= 0)
      limit = calendar_add_workdays(cal, div, out->respond, ps->extension_days);
   if (ps->cap.from != ANCHOR_NONE) {
      RdDate anchor = ps->cap.from == ANCHOR_START ? dates->start : ack_base;
      RdDate cap = calendar_add_workdays(cal, div, anchor, ps->cap.days);
      limit = policy_earlier(limit, cap);
   }
   if (limit != RD_NO_DATE && limit < out->respond)
      limit = out->respond;
   out->extension_limit = limit;
}

RdDate policy_escalation_deadline(const Policy *p, const Calendar *cal, Division div,
                                  RdDate response, RdDate closed) {
   RdDate base = p->escalation_from == ESCALATION_FROM_CLOSURE && closed != RD_NO_DATE ? closed : response;
   if (base == RD_NO_DATE)
      return RD_NO_DATE;
   switch (p->escalation_unit) {
   case ESCALATION_ANY_TIME:
      return RD_NO_DATE;
   case ESCALATION_CALENDAR_DAYS:
      return base + p->escalation_within;
   case ESCALATION_WORKING_DAYS:
      return calendar_add_workdays(cal, div, base, p->escalation_within);
   case ESCALATION_CALENDAR_MONTHS:
      return datetime_add_months(base, p->escalation_within);
   }
   return RD_NO_DATE;
}

RdDate policy_eligibility_cutoff(const Policy *p, RdDate received) {
   if (p->eligibility_months <= 0)
      return RD_NO_DATE;
   return datetime_add_months(received, -p->eligibility_months);
}

/* --- plain English ----------------------------------------------------------------- */

static const char *policy_plural(int n, const char *one, const char *many) {
   return n == 1 ? one : many;
}

static void policy_cite(FILE *out, const char *source) {
   if (source && *source)
      fprintf(out, " [%s]", source);
   fputc('\n', out);
}

static const char *policy_anchor_words(PolicyAnchor a, int stage) {
   switch (a) {
   case ANCHOR_START:
      return stage == 1 ? "receipt of the complaint" : "the request to escalate";
   case ANCHOR_ACKNOWLEDGEMENT:
      return "the acknowledgement";
   default:
      return "";
   }
}

static void policy_describe_stage(const Policy *p, int stage, FILE *out) {
   const PolicyStage *ps = &p->stage[stage - 1];
   fprintf(out, "Stage %d%s\n", stage, stage == 2 ? " (review after a request to escalate)" : "");
   if (ps->acknowledge.from == ANCHOR_NONE)
      fputs("  Acknowledge: this policy sets no time.\n", out);
   else {
      fprintf(out, "  Acknowledge within %d working %s of %s.", ps->acknowledge.days,
              policy_plural(ps->acknowledge.days, "day", "days"), policy_anchor_words(ANCHOR_START, stage));
      policy_cite(out, ps->acknowledge.source);
   }
   if (ps->respond.from == ANCHOR_AGREED)
      fputs("  Respond by a date agreed with the resident.", out);
   else
      fprintf(out, "  Respond within %d working %s of %s.", ps->respond.days,
              policy_plural(ps->respond.days, "day", "days"), policy_anchor_words(ps->respond.from, stage));
   policy_cite(out, ps->respond.source);
   if (ps->extension_agreed) {
      fputs("  Extend: a new date may be agreed with the resident, who is kept informed.", out);
      policy_cite(out, ps->extension_source);
   } else if (ps->extension_days == 0 && ps->cap.from == ANCHOR_NONE) {
      fputs("  Extend: this policy allows no extension.\n", out);
   } else if (ps->extension_days > 0) {
      fprintf(out, "  Extend by at most %d more working %s, with the reason told to the resident.",
              ps->extension_days, policy_plural(ps->extension_days, "day", "days"));
      policy_cite(out, ps->extension_source);
   } else {
      fputs("  Extend when the investigation needs longer, keeping the resident informed.", out);
      policy_cite(out, ps->extension_source);
   }
   if (ps->cap.from != ANCHOR_NONE) {
      fprintf(out, "  In all, no later than %d working %s after %s without good reason.", ps->cap.days,
              policy_plural(ps->cap.days, "day", "days"), policy_anchor_words(ps->cap.from, stage));
      policy_cite(out, ps->cap.source);
   }
}

static void policy_describe_escalation(const Policy *p, FILE *out) {
   const char *from = p->escalation_from == ESCALATION_FROM_CLOSURE ? "the complaint's closure"
                                                                    : "the stage 1 response";
   switch (p->escalation_unit) {
   case ESCALATION_ANY_TIME:
      fputs("Escalation: the resident may ask for stage 2 at any time, with no reason needed.", out);
      break;
   case ESCALATION_CALENDAR_DAYS:
      fprintf(out, "Escalation: within %d %s of %s; later requests go to a manager.", p->escalation_within,
              policy_plural(p->escalation_within, "day", "days"), from);
      break;
   case ESCALATION_WORKING_DAYS:
      fprintf(out, "Escalation: within %d working %s of %s; later requests go to a manager.",
              p->escalation_within, policy_plural(p->escalation_within, "day", "days"), from);
      break;
   case ESCALATION_CALENDAR_MONTHS:
      fprintf(out, "Escalation: within %d calendar %s of %s; later requests go to a manager.",
              p->escalation_within, policy_plural(p->escalation_within, "month", "months"), from);
      break;
   }
   policy_cite(out, p->escalation_source);
}

static void policy_describe_other(const Policy *p, FILE *out) {
   if (p->eligibility_months > 0)
      fprintf(out, "Time limit: issues that arose more than %d %s before the complaint are outside the "
              "policy, unless there is good reason (such as a recurring problem).",
              p->eligibility_months, policy_plural(p->eligibility_months, "month", "months"));
   else
      fputs("Time limit: this policy sets none.", out);
   policy_cite(out, p->eligibility_source);

   if (p->quick_resolution_hours < 0)
      fputs("Quick resolution: this policy sets no time.\n", out);
   else {
      if (p->quick_resolution_hours == 0)
         fputs("Quick resolution: try to resolve at first contact, and log it with a letter.", out);
      else
         fprintf(out, "Quick resolution: contact the resident within %d %s to try to resolve it quickly.",
                 p->quick_resolution_hours, policy_plural(p->quick_resolution_hours, "hour", "hours"));
      policy_cite(out, p->quick_resolution_source);
   }

   if (p->no_contact_after_raising || p->no_contact_after_response) {
      fputs("Closure for no contact:", out);
      if (p->no_contact_after_raising)
         fprintf(out, " %d working %s after the complaint was raised", p->no_contact_after_raising,
                 policy_plural(p->no_contact_after_raising, "day", "days"));
      if (p->no_contact_after_raising && p->no_contact_after_response)
         fputs(", or", out);
      if (p->no_contact_after_response)
         fprintf(out, " %d working %s after the last response", p->no_contact_after_response,
                 policy_plural(p->no_contact_after_response, "day", "days"));
      fputs(", with contact attempted.", out);
      policy_cite(out, p->no_contact_source);
   } else {
      fputs("Closure for no contact: not used by this policy.\n", out);
   }

   if (p->survey_delay_days > 0) {
      fprintf(out, "Satisfaction survey: sent %d %s after the last correspondence or final resolution.",
              p->survey_delay_days, policy_plural(p->survey_delay_days, "day", "days"));
      policy_cite(out, p->survey_source);
   } else {
      fputs("Satisfaction survey: not part of this policy.\n", out);
   }
   fprintf(out, "Due soon: a deadline is highlighted when %d working %s or fewer are left.\n",
           p->due_soon_days, policy_plural(p->due_soon_days, "day", "days"));
   fprintf(out, "Updates: a resident with an open complaint hears from us at least every %d working %s.\n",
           p->update_interval_days, policy_plural(p->update_interval_days, "day", "days"));
}

static void policy_describe_unwrapped(const Policy *p, FILE *out) {
   fprintf(out, "%s: %s\n", p->name, p->title[0] ? p->title : "(no title)");
   if (p->source[0])
      fprintf(out, "Source: %s\n", p->source);
   fputc('\n', out);
   policy_describe_stage(p, 1, out);
   policy_describe_stage(p, 2, out);
   fputc('\n', out);
   policy_describe_escalation(p, out);
   policy_describe_other(p, out);
   fputs("\nWorking days are Monday to Friday, not bank holidays; the day something is received is "
         "day 0.\n", out);
}

void policy_describe(const Policy *p, FILE *out) {
   char *text = NULL;
   size_t len = 0;
   FILE *mem = open_memstream(&text, &len);
   if (!mem) {
      policy_describe_unwrapped(p, out);
      return;
   }
   policy_describe_unwrapped(p, mem);
   fclose(mem);
   text_wrap(out, text, 79);
   free(text);
}
