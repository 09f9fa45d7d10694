/* letter: filling in the letter templates for a case, laying them out, writing them to the
 * outbox and recording them on the case. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lifecycle.h"
#include "redress/action.h"
#include "redress/clock.h"
#include "redress/letter.h"
#include "redress/template.h"
#include "redress/text.h"
#include "redress/xalloc.h"

#define LETTER_WIDTH 72
#define LETTER_LARGE_WIDTH 46      /* about 16 point on A4 */

static const char *const letter_kind_names[LETTER_KIND_COUNT] = {
   "acknowledgement", "extension", "stage1-response", "stage2-acknowledgement", "stage2-response", "refusal",
   "escalation-refused", "quick-resolution", "compliment-acknowledgement", "survey"
};

static const char *const letter_kind_titles[LETTER_KIND_COUNT] = {
   "acknowledgement", "extension", "stage 1 response", "stage 2 acknowledgement", "stage 2 final response",
   "refusal to accept a complaint", "refusal to escalate", "quick resolution summary",
   "compliment acknowledgement", "satisfaction survey"
};

static const char *const letter_month_names[] = {
   "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
   "November", "December"
};

const char *letter_kind_name(LetterKind kind) {
   return letter_kind_names[kind];
}

const char *letter_kind_title(LetterKind kind) {
   return letter_kind_titles[kind];
}

RdStatus letter_kind_parse(const char *text, LetterKind *out, RdError *err) {
   for (int i = 0; text && i < LETTER_KIND_COUNT; i++) {
      if (strcmp(text, letter_kind_names[i]) == 0) {
         *out = (LetterKind)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_EINPUT, "'%s' is not a letter: use acknowledgement, extension, stage1-response, "
                    "stage2-acknowledgement, stage2-response, refusal, escalation-refused, quick-resolution, "
                    "compliment-acknowledgement or survey", text ? text : "");
}

void letter_clear(Letter *l) {
   free(l->text);
   free(l->send_by);
   free(l->needs);
   memset(l, 0, sizeof *l);
}

bool letter_for_step(const Complaint *c, const char *step, LetterKind *out) {
   if (!step)
      return false;
   if (strcmp(step, "logged") == 0 || strcmp(step, "triaged") == 0) {
      if (c->kind == KIND_EXCLUDED)
         *out = LETTER_REFUSAL;
      else if (c->kind == KIND_QUICK)
         *out = LETTER_QUICK_RESOLUTION;
      else
         return false;
      return !c->anonymous;
   }
   if (strcmp(step, "acknowledged") == 0)
      *out = c->stage == 2 ? LETTER_STAGE2_ACKNOWLEDGEMENT : LETTER_ACKNOWLEDGEMENT;
   else if (strcmp(step, "extended") == 0)
      *out = LETTER_EXTENSION;
   else if (strcmp(step, "responded") == 0)
      *out = c->stage == 2 ? LETTER_STAGE2_RESPONSE : LETTER_STAGE1_RESPONSE;
   else if (strcmp(step, "escalation declined") == 0)
      *out = LETTER_ESCALATION_REFUSED;
   else
      return false;
   return !c->anonymous;
}

/* --- words ---------------------------------------------------------------------------- */

static void letter_long_date(RdDate d, char *buf, size_t size) {
   int y, m, day;
   if (d == RD_NO_DATE) {
      snprintf(buf, size, "(no date)");
      return;
   }
   datetime_to_ymd(d, &y, &m, &day);
   snprintf(buf, size, "%d %s %d", day, letter_month_names[m - 1], y);
}

static void letter_set_date(TemplateValues *v, const char *name, RdDate d) {
   char buf[32];
   if (d == RD_NO_DATE)
      return;
   letter_long_date(d, buf, sizeof buf);
   template_set(v, name, buf);
}

static const char *letter_decision_words(Decision d) {
   switch (d) {
   case DECISION_UPHELD: return "upheld";
   case DECISION_PARTLY_UPHELD: return "partly upheld";
   case DECISION_NOT_UPHELD: return "not upheld";
   default: return NULL;
   }
}

/* "goodwill-payment" and the like as words a resident reads. */
static char *letter_words(const char *code) {
   char *w = xstrdup(code);
   for (char *p = w; *p; p++)
      if (*p == '-')
         *p = ' ';
   if (w[0] >= 'a' && w[0] <= 'z')
      w[0] = (char)(w[0] - 'a' + 'A');
   return w;
}

/* --- layout ----------------------------------------------------------------------------- */

/* Code points, not bytes: a £ takes one column. */
static size_t letter_columns(const char *s, size_t len) {
   size_t n = 0;
   for (size_t i = 0; i < len;) {
      uint32_t cp;
      size_t k = text_utf8_decode(s + i, len - i, &cp);
      i += k ? k : 1;
      n++;
   }
   return n;
}

/* The byte length of the first count code points of s. */
static size_t letter_bytes(const char *s, size_t len, size_t count) {
   size_t i = 0;
   for (size_t n = 0; i < len && n < count; n++) {
      uint32_t cp;
      size_t k = text_utf8_decode(s + i, len - i, &cp);
      i += k ? k : 1;
   }
   return i;
}

/* One line, broken at spaces to width; continuation lines keep the line's indentation,
 * and hang under the text of a "- " item. */
static void letter_layout_line(TextBuf *b, const char *line, size_t len, size_t width) {
   size_t indent = strspn(line, " ");
   if (indent > len)
      indent = len;
   size_t hang = indent + (len - indent > 2 && strncmp(line + indent, "- ", 2) == 0 ? 2 : 0);
   if (hang + 8 > width)
      indent = hang = 0;
   const char *p = line + indent;
   size_t rest = len - indent, lead = indent;
   do {
      size_t take = rest, room = width - lead;
      if (letter_columns(p, rest) > room) {
         size_t fit = letter_bytes(p, rest, room);
         size_t space = fit;
         while (space > 0 && p[space] != ' ')
            space--;
         take = space > 0 ? space : fit;
      }
      for (size_t i = 0; i < lead; i++)
         text_buf_addc(b, ' ');
      text_buf_add(b, p, take);
      text_buf_addc(b, '\n');
      p += take;
      rest -= take;
      while (rest && *p == ' ') {
         p++;
         rest--;
      }
      lead = hang;
   } while (rest);
}

/* The letter with every line laid out to width; caller frees. */
static char *letter_layout(const char *text, size_t width) {
   TextBuf b = { 0 };
   const char *p = text;
   while (*p) {
      const char *nl = strchr(p, '\n');
      size_t len = nl ? (size_t)(nl - p) : strlen(p);
      while (len && p[len - 1] == ' ')
         len--;
      if (!len)
         text_buf_addc(&b, '\n');
      else
         letter_layout_line(&b, p, len, width);
      p = nl ? nl + 1 : p + strlen(p);
   }
   return text_buf_take(&b);
}

/* --- templates -------------------------------------------------------------------------- */

/* The landlord's copy beside the configuration file, else the shipped one. Caller frees. */
static char *letter_template_path(const Session *s, const char *name) {
   if (s->config->path) {
      const char *slash = strrchr(s->config->path, '/');
      char *own = slash ? xasprintf("%.*s/templates/%s.txt", (int)(slash - s->config->path), s->config->path, name)
                        : xasprintf("templates/%s.txt", name);
      if (access(own, R_OK) == 0)
         return own;
      free(own);
   }
   return xasprintf("%s/templates/%s.txt", s->datadir, name);
}

static RdStatus letter_fill(const Session *s, const char *name, const TemplateValues *v, char **out, RdError *err) {
   char *path = letter_template_path(s, name);
   Template *t = NULL;
   RdStatus st = template_load(path, &t, err);
   if (st == RD_OK)
      st = template_render(t, v, out, err);
   template_free(t);
   free(path);
   return st;
}

/* --- values ----------------------------------------------------------------------------- */

static void letter_common(Session *s, TemplateValues *v, const char *signatory) {
   char today[32];
   letter_long_date(clock_today(), today, sizeof today);
   template_set(v, "landlord", s->config->landlord_name && *s->config->landlord_name ? s->config->landlord_name
                                                                                   : "Your landlord");
   template_set(v, "date", today);
   template_set(v, "signatory", signatory && *signatory ? signatory : s->me.full_name);
   template_set(v, "survey_question", "Were you satisfied with how your complaint was handled?");
}

static RdStatus letter_ombudsman(Session *s, TemplateValues *v, RdError *err) {
   char *path = letter_template_path(s, "ombudsman");
   char *text = NULL;
   size_t len;
   RdStatus st = text_read_file(path, &text, &len, err);
   free(path);
   if (st != RD_OK)
      return st;
   while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
      text[--len] = '\0';
   template_set(v, "ombudsman_contact", text);
   free(text);
   return RD_OK;
}

/* The adjustments in force: large print, the channel to send by, and the rest in words. */
static RdStatus letter_adjustments(Session *s, int64_t person_id, const char *preferred, Letter *l,
                                   RdError *err) {
   static const char sql[] =
      "SELECT kind, detail FROM adjustment WHERE person_id = ?1 AND (ended_on IS NULL OR ended_on > ?2) "
      "ORDER BY id";
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, person_id);
   store_bind_date(q, 2, clock_today());
   TextBuf needs = { 0 };
   char *channel = preferred && *preferred ? xstrdup(preferred) : NULL;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      const char *kind = store_column_text(q, 0), *detail = store_column_text(q, 1);
      if (strcmp(kind, "large-print") == 0) {
         l->large_print = true;
      } else if (strcmp(kind, "preferred-channel") == 0 && *detail) {
         free(channel);
         channel = xstrdup(detail);
      } else if (strcmp(kind, "more-time") != 0) {
         text_buf_addf(&needs, "%s%s%s%s", needs.len ? "; " : "", kind, *detail ? ": " : "", detail);
      }
   }
   RdStatus st = rc == SQLITE_DONE ? RD_OK : store_fail(s->store, err, "reading the resident's adjustments");
   sqlite3_reset(q);
   l->send_by = channel ? channel : xstrdup("post");
   l->needs = needs.len ? text_buf_take(&needs) : NULL;
   text_buf_free(&needs);
   return st;
}

static RdStatus letter_person(Session *s, const Complaint *c, TemplateValues *v, Letter *l, RdError *err) {
   static const char person_sql[] =
      "SELECT name, address, preferred_contact, anonymised_at FROM person WHERE id = ?1";
   static const char rep_sql[] =
      "SELECT name, relationship, organisation FROM representative WHERE id = ?1";
   sqlite3_stmt *q = store_stmt(s->store, person_sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, c->person_id);
   RdStatus st = RD_OK;
   char *preferred = NULL;
   if (sqlite3_step(q) != SQLITE_ROW) {
      st = error_set(err, RD_ENOTFOUND, "the resident of %s is not on record, so no letter can be addressed", c->ref);
   } else if (sqlite3_column_type(q, 3) != SQLITE_NULL) {
      st = error_set(err, RD_ERULE, "the resident of %s has been anonymised, so no letter can be addressed", c->ref);
   } else {
      template_set(v, "name", store_column_text(q, 0));
      if (*store_column_text(q, 1))
         template_set(v, "address", store_column_text(q, 1));
      preferred = store_column_dup(q, 2);
   }
   sqlite3_reset(q);
   if (st == RD_OK)
      st = letter_adjustments(s, c->person_id, preferred, l, err);
   free(preferred);
   if (st != RD_OK || !c->representative_id)
      return st;
   if (!(q = store_stmt(s->store, rep_sql, err)))
      return RD_EDB;
   sqlite3_bind_int64(q, 1, c->representative_id);
   if (sqlite3_step(q) == SQLITE_ROW) {
      const char *org = store_column_text(q, 2);
      template_setf(v, "representative", "%s (%s%s%s)", store_column_text(q, 0), store_column_text(q, 1),
                    *org ? ", " : "", org);
   }
   sqlite3_reset(q);
   return RD_OK;
}

static void letter_handler(Session *s, const StageRecord *sr, TemplateValues *v) {
   Staff h;
   if (sr->handler_id && staff_by_id(s->store, sr->handler_id, &h, NULL) == RD_OK) {
      template_set(v, "handler", h.full_name);
      template_set(v, "signatory", h.full_name);
      staff_clear(&h);
   } else {
      template_set(v, "handler", s->me.full_name);
   }
}

static RdStatus letter_remedies(Session *s, const Complaint *c, int stage, TemplateValues *v, RdError *err) {
   Remedy *list = NULL;
   size_t n = 0;
   RdStatus st = remedy_list(s, c->id, &list, &n, err);
   if (st != RD_OK)
      return st;
   template_set_list(v, "remedies");
   for (size_t i = 0; i < n; i++) {
      if (list[i].stage != stage)
         continue;
      TemplateValues *item = template_add_item(v, "remedies");
      char *kind = letter_words(remedy_kind_name(list[i].kind));
      template_set(item, "kind", kind);
      free(kind);
      template_set(item, "detail", list[i].detail);
      if (list[i].amount_pence > 0) {
         char money[32];
         remedy_format_pence(list[i].amount_pence, money, sizeof money);
         template_set(item, "amount", money);
      }
      letter_set_date(item, "due", list[i].due_on);
   }
   remedy_free_list(list, n);
   return RD_OK;
}

static RdStatus letter_actions(Session *s, const Complaint *c, TemplateValues *v, RdError *err) {
   ActionFilter f = { 0, NULL, c->id, false };
   Action *list = NULL;
   size_t n = 0;
   RdStatus st = action_list(s, &f, &list, &n, err);
   if (st != RD_OK)
      return st;
   template_set_list(v, "actions");
   for (size_t i = 0; i < n; i++) {
      if (list[i].source == ACTION_FROM_HR_NOTICE)
         continue;   /* internal: the resident is not told of an HR notice */
      TemplateValues *item = template_add_item(v, "actions");
      template_set(item, "what", list[i].what);
      letter_set_date(item, "due", list[i].due_on);
   }
   action_free_list(list, n);
   return RD_OK;
}

/* How to escalate after a stage 1 response, in the words of the case's policy. */
static RdStatus letter_escalation(Session *s, const Complaint *c, TemplateValues *v, RdError *err) {
   Policy p;
   RdStatus st = RD_OK;
   if (!*c->policy || strcmp(c->policy, s->policy.name) == 0)
      p = s->policy;
   else if ((st = session_policy(s, c->policy, &p, err)) != RD_OK)
      return st;
   RdDate responded = datetime_local_date(c->stages[0].responded_at);
   RdDate by = policy_escalation_deadline(&p, s->calendar, s->config->division, responded, RD_NO_DATE);
   if (by == RD_NO_DATE) {
      template_set(v, "escalate_by", "at any time");
   } else {
      char day[32];
      letter_long_date(by, day, sizeof day);
      template_setf(v, "escalate_by", "by %s", day);
   }
   return RD_OK;
}

static RdStatus letter_need(bool reached, RdError *err, const char *ref, const char *what) {
   if (reached)
      return RD_OK;
   return error_set(err, RD_ERULE, "%s %s, so that letter does not fit it yet", ref, what);
}

RdStatus letter_case_allows(const Complaint *c, RdError *err) {
   if (!c->anonymous)
      return RD_OK;
   return error_set(err, RD_ERULE, "%s is anonymous: no response can be sent to an anonymous complaint (seeds 000, "
                    "004), so no letter is written; record on the case what was done instead", c->ref);
}

/* The stage a letter of kind is about: 1 or 2. */
static int letter_stage(const Complaint *c, LetterKind kind) {
   if (kind == LETTER_STAGE2_ACKNOWLEDGEMENT || kind == LETTER_STAGE2_RESPONSE || kind == LETTER_ESCALATION_REFUSED)
      return 2;
   return (kind == LETTER_EXTENSION || kind == LETTER_SURVEY) && c->stage == 2 ? 2 : 1;
}

RdStatus letter_fits(const Complaint *c, LetterKind kind, RdError *err) {
   RdStatus st = letter_case_allows(c, err);
   if (st != RD_OK)
      return st;
   int n = letter_stage(c, kind);
   const StageRecord *s2 = &c->stages[1], *sr = n == 2 ? s2 : &c->stages[0];
   switch (kind) {
   case LETTER_ACKNOWLEDGEMENT:
   case LETTER_STAGE2_ACKNOWLEDGEMENT:
      return letter_need(sr->present && sr->acknowledged_at != RD_NO_INSTANT, err, c->ref,
                         n == 1 ? "has no stage 1 acknowledgement recorded"
                                : "has no stage 2 acknowledgement recorded");
   case LETTER_EXTENSION:
      return letter_need(sr->present && sr->extended_to != RD_NO_DATE, err, c->ref,
                         "has no extension recorded at its current stage");
   case LETTER_STAGE1_RESPONSE:
   case LETTER_STAGE2_RESPONSE:
      return letter_need(sr->present && sr->responded_at != RD_NO_INSTANT, err, c->ref,
                         n == 1 ? "has no stage 1 response recorded" : "has no stage 2 response recorded");
   case LETTER_REFUSAL:
      return letter_need(c->kind == KIND_EXCLUDED, err, c->ref, "was not refused (excluded)");
   case LETTER_ESCALATION_REFUSED:
      return letter_need(s2->present && s2->declined_at != RD_NO_INSTANT, err, c->ref,
                         "has no declined request to escalate");
   case LETTER_QUICK_RESOLUTION:
      return letter_need(c->kind == KIND_QUICK, err, c->ref, "was not resolved at first contact");
   case LETTER_SURVEY:
      return letter_need(!complaint_is_open(c) || (sr->present && sr->responded_at != RD_NO_INSTANT), err, c->ref,
                         "has neither a response nor a closure");
   case LETTER_COMPLIMENT:
      return error_set(err, RD_EINPUT, "a compliment acknowledgement is written for a compliment, named by its "
                       "number, not for case %s", c->ref);
   default:
      return error_set(err, RD_EINPUT, "there is no such letter");
   }
}

/* Checks that the case has reached the step the letter is about, and fills in its values. */
static RdStatus letter_case_values(Session *s, const Complaint *c, LetterKind kind, TemplateValues *v,
                                   RdError *err) {
   int n = letter_stage(c, kind);
   const StageRecord *sr = n == 2 ? &c->stages[1] : &c->stages[0];
   RdStatus st = letter_fits(c, kind, err);
   if (st != RD_OK)
      return st;
   char received[32];
   letter_long_date(datetime_local_date(c->received_at), received, sizeof received);
   template_set(v, "ref", c->ref);
   template_set(v, "received", received);
   template_set(v, "summary", c->summary);
   template_setf(v, "stage", "%d", n);
   if (sr->present) {
      letter_handler(s, sr, v);
      template_set(v, "definition", sr->definition);
      letter_set_date(v, "response_due", sr->agreed_on != RD_NO_DATE ? sr->agreed_on : sr->response_due);
      letter_set_date(v, "extended_to", sr->extended_to);
      template_set(v, "extension_reason", sr->extension_reason);
      template_set(v, "decision", letter_decision_words(sr->decision));
      template_set(v, "reasons", sr->reasons);
      template_set(v, "decline_reason", sr->decline_reason);
      if (sr->requested_at != RD_NO_INSTANT)
         letter_set_date(v, "requested", datetime_local_date(sr->requested_at));
   }
   if (kind == LETTER_REFUSAL) {
      const ExclusionReason *r = config_exclusion(s->config, c->exclusion_code ? c->exclusion_code : "");
      template_set(v, "exclusion", r ? r->label : c->exclusion_code);
      if (c->exclusion_detail && *c->exclusion_detail)
         template_set(v, "exclusion_detail", c->exclusion_detail);
   }
   if (kind == LETTER_QUICK_RESOLUTION)
      template_set(v, "resolution", c->close_note);
   if (kind == LETTER_STAGE1_RESPONSE || kind == LETTER_STAGE2_RESPONSE) {
      st = letter_remedies(s, c, n, v, err);
      if (st == RD_OK)
         st = letter_actions(s, c, v, err);
      if (st == RD_OK && kind == LETTER_STAGE1_RESPONSE)
         st = letter_escalation(s, c, v, err);
   }
   return st;
}

static RdStatus letter_compliment_values(Session *s, const char *ref, TemplateValues *v, Letter *l, RdError *err) {
   static const char sql[] =
      "SELECT id, from_name, summary, about_team, received_at FROM compliment WHERE id = ?1";
   char *end;
   long long id = ref ? strtoll(ref, &end, 10) : 0;
   if (!ref || !*ref || *end || id <= 0)
      return error_set(err, RD_EINPUT, "a compliment is named by its number, e.g. 12, not '%s'", ref ? ref : "");
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      return RD_EDB;
   sqlite3_bind_int64(q, 1, id);
   RdStatus st = RD_OK;
   if (sqlite3_step(q) != SQLITE_ROW) {
      st = error_set(err, RD_ENOTFOUND, "there is no compliment %lld", id);
   } else if (!*store_column_text(q, 1)) {
      st = error_set(err, RD_ERULE, "compliment %lld has no name to write to", id);
   } else {
      l->compliment_id = sqlite3_column_int64(q, 0);
      template_set(v, "name", store_column_text(q, 1));
      template_set(v, "summary", store_column_text(q, 2));
      if (*store_column_text(q, 3))
         template_set(v, "team", store_column_text(q, 3));
      RdInstant at = store_column_instant(q, 4);
      letter_set_date(v, "received", at != RD_NO_INSTANT ? datetime_local_date(at) : store_column_date(q, 4));
      template_setf(v, "ref", "compliment %lld", id);
      l->send_by = xstrdup("post");
   }
   sqlite3_reset(q);
   return st;
}

RdStatus letter_render(Session *s, const char *ref, LetterKind kind, Letter *out, RdError *err) {
   memset(out, 0, sizeof *out);
   out->kind = kind;
   TemplateValues *v = template_values_new();
   Complaint c;
   complaint_init(&c);
   letter_common(s, v, NULL);
   RdStatus st = letter_ombudsman(s, v, err);
   if (st == RD_OK && kind == LETTER_COMPLIMENT) {
      st = letter_compliment_values(s, ref, v, out, err);
   } else if (st == RD_OK) {
      st = complaint_get(s, ref, &c, err);
      if (st == RD_OK)
         st = letter_case_allows(&c, err);
      if (st == RD_OK) {
         str_copy(out->ref, c.ref, sizeof out->ref);
         out->complaint_id = c.id;
         st = letter_case_values(s, &c, kind, v, err);
      }
      if (st == RD_OK)
         st = letter_person(s, &c, v, out, err);
   }
   if (st == RD_OK) {
      template_set_flag(v, "large_print", out->large_print);
      if (strcmp(out->send_by, "post") != 0)
         template_set(v, "sent_by", out->send_by);
   }
   char *filled = NULL;
   if (st == RD_OK)
      st = letter_fill(s, letter_kind_names[kind], v, &filled, err);
   if (st == RD_OK)
      out->text = letter_layout(filled, out->large_print ? LETTER_LARGE_WIDTH : LETTER_WIDTH);
   free(filled);
   complaint_clear(&c);
   template_values_free(v);
   if (st != RD_OK)
      letter_clear(out);
   return st;
}

/* --- the outbox --------------------------------------------------------------------------- */

static RdStatus letter_make_outbox(const char *dir, RdError *err) {
   struct stat sb;
   if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
      return RD_OK;
   if (mkdir(dir, 0770) == 0 || errno == EEXIST)
      return RD_OK;
   return error_set(err, RD_EIO, "the letters folder %s could not be made: %s (set letters = { outbox = \"...\"; } "
                    "in redress.conf to a folder that exists)", dir, strerror(errno));
}

static RdStatus letter_put(int fd, const char *text, const char *path, RdError *err) {
   size_t len = strlen(text), done = 0;
   while (done < len) {
      ssize_t n = write(fd, text + done, len - done);
      if (n < 0 && errno == EINTR)
         continue;
      if (n <= 0)
         return error_set(err, RD_EIO, "%s could not be written: %s", path, strerror(errno));
      done += (size_t)n;
   }
   return RD_OK;
}

/* Creates a new file for the letter in dir, never replacing one. *path is the caller's. */
static RdStatus letter_create_in(const char *dir, const Letter *l, char **path, RdError *err) {
   RdStatus st = RD_OK;
   char day[RD_DATE_BUFSIZE], base[96];
   datetime_format_date(clock_today(), day);
   if (l->compliment_id)
      snprintf(base, sizeof base, "compliment-%lld-%s-%s", (long long)l->compliment_id, letter_kind_names[l->kind],
               day);
   else
      snprintf(base, sizeof base, "%s-%s-%s", l->ref, letter_kind_names[l->kind], day);
   for (int n = 1; n < 1000; n++) {
      char *p = n == 1 ? xasprintf("%s/%s.txt", dir, base) : xasprintf("%s/%s-%d.txt", dir, base, n);
      int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
      if (fd < 0 && errno == EEXIST) {
         free(p);
         continue;
      }
      if (fd < 0) {
         st = error_set(err, RD_EIO, "%s could not be created: %s", p, strerror(errno));
         free(p);
         return st;
      }
      /* The umask must not hide a letter from the rest of the staff group. */
      if (fchmod(fd, 0660) != 0)
         st = error_set(err, RD_EIO, "%s could not be made group-readable: %s", p, strerror(errno));
      if (st == RD_OK)
         st = letter_put(fd, l->text, p, err);
      if (close(fd) != 0 && st == RD_OK)
         st = error_set(err, RD_EIO, "%s could not be written: %s", p, strerror(errno));
      if (st != RD_OK) {
         unlink(p);
         free(p);
         return st;
      }
      *path = p;
      return RD_OK;
   }
   return error_set(err, RD_EIO, "%s/%s.txt and 998 numbered copies exist already: clear the outbox", dir, base);
}

/* The outbox as a path from the root: the letter's path is kept on the case, and retention
 * must find the file again whatever folder it is run from. */
static char *letter_outbox_path(const char *dir) {
   if (dir[0] == '/')
      return xstrdup(dir);
   char *cwd = getcwd(NULL, 0);
   if (!cwd)
      return xstrdup(dir);   /* the folder it is in is gone: kept as given */
   char *abs = xasprintf("%s/%s", cwd, strncmp(dir, "./", 2) == 0 ? dir + 2 : dir);
   free(cwd);
   return abs;
}

/* Creates a new file for the letter, never replacing one. *path is the caller's. */
static RdStatus letter_create_file(Session *s, const Letter *l, char **path, RdError *err) {
   RdStatus st = letter_make_outbox(s->config->letters_outbox, err);
   if (st != RD_OK)
      return st;
   char *dir = letter_outbox_path(s->config->letters_outbox);
   st = letter_create_in(dir, l, path, err);
   free(dir);
   return st;
}

static RdStatus letter_record(Session *s, const Letter *l, const char *path, RdError *err) {
   static const char sql[] =
      "INSERT INTO letter (complaint_id, kind, path, created_at, staff_id) VALUES (?1, ?2, ?3, ?4, ?5)";
   RdStatus st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   sqlite3_stmt *q = store_stmt(s->store, sql, err);
   if (!q)
      st = RD_EDB;
   int64_t id = 0;
   if (st == RD_OK) {
      store_bind_id(q, 1, l->complaint_id);
      store_bind_text(q, 2, letter_kind_names[l->kind]);
      store_bind_text(q, 3, path);
      store_bind_instant(q, 4, clock_now());
      store_bind_id(q, 5, s->me.id);
      st = store_run(s->store, q, err);
      id = sqlite3_last_insert_rowid(store_db(s->store));
   }
   /* The channel and the other needs come from the resident's adjustments, in their words:
    * the event says that they were applied, not what they are. */
   char detail[700];
   snprintf(detail, sizeof detail, "%s letter%s written to %s%s, to send by %s%s", letter_kind_titles[l->kind],
            l->compliment_id ? " for a compliment" : "", path, l->large_print ? " in large print" : "",
            strcmp(l->send_by, "post") == 0 ? "post" : "the channel the resident asked for",
            l->needs ? "; the resident's other adjustments are noted on the letter" : "");
   AuditEvent ev = { l->complaint_id, "letter", id, "letter written", detail };
   return lifecycle_finish(s, st, &ev, RD_NO_INSTANT, err);
}

RdStatus letter_write(Session *s, const char *ref, LetterKind kind, char **path, Letter *out, RdError *err) {
   RdStatus st = lifecycle_require(s, ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER, "write a letter", err);
   if (st != RD_OK)
      return st;
   Letter l;
   st = letter_render(s, ref, kind, &l, err);
   if (st != RD_OK)
      return st;
   char *file = NULL;
   st = letter_create_file(s, &l, &file, err);
   if (st == RD_OK) {
      st = letter_record(s, &l, file, err);
      if (st != RD_OK)
         unlink(file);
   }
   if (st == RD_OK) {
      *path = file;
      file = NULL;
   }
   free(file);
   if (st == RD_OK && out)
      *out = l;
   else
      letter_clear(&l);
   return st;
}
