/* cli_people: person add|find|show|update|adjust|adjust-review|adjust-end|restrict|
 * restrict-end|represent|reviews, and staff add|list|update. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "redress/clock.h"
#include "redress/handover.h"
#include "redress/person.h"
#include "redress/staff.h"
#include "redress/text.h"
#include "redress/xalloc.h"

#define CLI_FIND_DEFAULT 20
#define CLI_FIND_WORDS 8

/* --- printing ------------------------------------------------------------------------ */

static void cli_field(const char *label, const char *value) {
   printf("  %-19s ", label);
   cli_put_text(stdout, value && *value ? value : "-");
   putchar('\n');
}

static void cli_date_field(const char *label, RdDate date) {
   char buf[RD_DATE_BUFSIZE];
   datetime_format_date(date, buf);
   cli_field(label, buf);
}

/* --- arguments -------------------------------------------------------------------------- */

static bool cli_id_arg(const CliCommand *cmd, const char *text, const char *what, int64_t *out) {
   long id = 0;
   if (!cli_arg_int(cmd, what, text, 1, INT32_MAX, &id))
      return false;
   *out = id;
   return true;
}

/* A date that may also be cleared with "none" (or ""), which leaves RD_NO_DATE. */
static bool cli_arg_date_or_none(const CliCommand *cmd, const char *what, const char *text, RdDate *out) {
   if (text && (!*text || strcmp(text, "none") == 0)) {
      *out = RD_NO_DATE;
      return true;
   }
   return cli_arg_date(cmd, what, text, out);
}

static bool cli_require(const CliCommand *cmd, const char *value, const char *option) {
   if (value)
      return true;
   cli_usage_error(cmd, "--%s must be given", option);
   return false;
}

/* Runs the failure through cli_fail when r is not RD_OK; returns the exit status. */
static int cli_result(Cli *cli, RdStatus r) {
   return r == RD_OK ? 0 : cli_fail(cli);
}

static void cli_replace(char **field, const char *value) {
   if (!value)
      return;
   free(*field);
   *field = xstrdup(value);
}

/* --- the table ---------------------------------------------------------------------------- */

static int cli_person_add(Cli *cli, int argc, char **argv);
static int cli_person_find(Cli *cli, int argc, char **argv);
static int cli_person_show(Cli *cli, int argc, char **argv);
static int cli_person_update(Cli *cli, int argc, char **argv);
static int cli_person_adjust(Cli *cli, int argc, char **argv);
static int cli_person_adjust_review(Cli *cli, int argc, char **argv);
static int cli_person_adjust_end(Cli *cli, int argc, char **argv);
static int cli_person_restrict(Cli *cli, int argc, char **argv);
static int cli_person_restrict_end(Cli *cli, int argc, char **argv);
static int cli_person_represent(Cli *cli, int argc, char **argv);
static int cli_person_reviews(Cli *cli, int argc, char **argv);
static int cli_staff_add(Cli *cli, int argc, char **argv);
static int cli_staff_list(Cli *cli, int argc, char **argv);
static int cli_staff_update(Cli *cli, int argc, char **argv);
static int cli_staff_handover(Cli *cli, int argc, char **argv);

#define CLI_PERSON_FIELDS_HELP \
   "  --kind K               tenant (the default), leaseholder, shared-owner, former-tenant,\n" \
   "                         member-of-public, stakeholder, representative\n" \
   "  --tenancy-ref REF      tenancy or account reference\n" \
   "  --property TEXT        the home the complaint is about\n" \
   "  --phone N, --email E, --address TEXT\n" \
   "  --contact-by HOW       preferred contact: phone, email, letter, text-message, in-person\n" \
   "  --vulnerabilities TEXT as disclosed\n" \
   "  --tenancy-ended DATE   former tenants: may complain within 6 months of it (seed 002)\n" \
   "  --do-not-contact TEXT  people not to be spoken to about the complaint (seed 000)"

enum {
   CMD_PERSON_ADD, CMD_PERSON_FIND, CMD_PERSON_SHOW, CMD_PERSON_UPDATE, CMD_PERSON_ADJUST,
   CMD_PERSON_ADJUST_REVIEW, CMD_PERSON_ADJUST_END, CMD_PERSON_RESTRICT, CMD_PERSON_RESTRICT_END,
   CMD_PERSON_REPRESENT, CMD_PERSON_REVIEWS, CMD_STAFF_ADD, CMD_STAFF_LIST, CMD_STAFF_UPDATE,
   CMD_STAFF_HANDOVER
};

const CliCommand cli_people_commands[] = {
   [CMD_PERSON_ADD] = { "person add", "NAME [options]", "Record a resident or other complainant.",
     CLI_PERSON_FIELDS_HELP "\n\nPrints the new person's number. A former tenant whose tenancy ended more than\n"
     "6 months ago, a member of the public or a stakeholder is recorded with a warning.", cli_person_add },
   [CMD_PERSON_FIND] = { "person find", "WORDS... [--limit N]", "Find people by name or tenancy reference.",
     "Each word finds names with a word beginning with it, ignoring case and accents\n"
     "('smi' finds Jo Smith, 'jo smi' finds only Jo Smith); a tenancy reference is found by\n"
     "its beginning. Best matches first; a person under a contact restriction is marked.\n"
     "Exit status 1 when nobody matches.", cli_person_find },
   [CMD_PERSON_SHOW] = { "person show", "PERSON", "Print everything held about a person.",
     "With reasonable adjustments, contact restrictions and representatives, and any\n"
     "warning the front desk must give at once. PERSON is the number 'person find' prints.", cli_person_show },
   [CMD_PERSON_UPDATE] = { "person update", "PERSON [--name N] [options] [--version V]", "Change a person's record.",
     "Options as for 'person add'; give \"none\" to --tenancy-ended to clear it.\n"
     "  --version V   the version you read ('person show' prints it): the change is refused,\n"
     "                naming who saved and when, if someone has saved since.", cli_person_update },
   [CMD_PERSON_ADJUST] = { "person adjust", "PERSON --kind K --detail TEXT --review DATE",
     "Record a reasonable adjustment, kept under review (Code 3.1).",
     "K is large-print, audio, other-language, translator, more-time, preferred-channel,\n"
     "easy-read, braille or other; the review date must be to come.", cli_person_adjust },
   [CMD_PERSON_ADJUST_REVIEW] = { "person adjust-review", "ADJUSTMENT --review DATE",
     "Record that an adjustment was reviewed today, and its next review date.", NULL, cli_person_adjust_review },
   [CMD_PERSON_ADJUST_END] = { "person adjust-end", "ADJUSTMENT [--on DATE]", "End a reasonable adjustment.",
     "It ends today unless --on names an earlier day.", cli_person_adjust_end },
   [CMD_PERSON_RESTRICT] = { "person restrict",
     "PERSON --restricts TEXT --reason TEXT --approved-by NAME --approver-role ROLE --review DATE [--from DATE]",
     "Record a contact restriction for unreasonable behaviour (managers only).",
     "The approver must be a Head of Service or above (seed 002 4.2): ROLE is head-of-service,\n"
     "assistant-director, director, executive-director or chief-executive. It starts today\n"
     "unless --from says otherwise, and must be reviewed within 12 months of its start.\n"
     "Emergencies can always be reported, whatever the restriction says.", cli_person_restrict },
   [CMD_PERSON_RESTRICT_END] = { "person restrict-end", "RESTRICTION [--on DATE]",
     "End a contact restriction (managers only).", "It ends today unless --on names an earlier day.",
     cli_person_restrict_end },
   [CMD_PERSON_REPRESENT] = { "person represent",
     "PERSON --name N --relationship R --authority TEXT [--given DATE] [--organisation O] [--phone N] [--email E]",
     "Record someone acting for the person, with the authority they gave.",
     "R is family, advocate, councillor, mp, social-worker, solicitor, friend or other.\n"
     "--authority says how the person gave it (\"signed consent form\", \"told us by phone\").\n"
     "MPs and councillors are recorded like anyone else: their complaints are not\n"
     "fast-tracked (seed 002 2.7).", cli_person_represent },
   [CMD_PERSON_REVIEWS] = { "person reviews", "[--on DATE]",
     "List adjustments and contact restrictions whose review date has passed.", NULL, cli_person_reviews },
   [CMD_STAFF_ADD] = { "staff add",
     "LOGIN --name N --roles R [--team T] [--grade N] [--manages TEAM] [--trained DATE] "
     "[--ombudsman-trained DATE] [--email E]", "Add a member of staff (admins only).",
     "R is a comma-separated list of front-desk, handler, manager, admin. --grade is the\n"
     "seniority, 1 (most junior) to 9. --trained is the date of the landlord's complaints\n"
     "training and --ombudsman-trained that of the Ombudsman's dispute resolution training:\n"
     "handlers need both (seed 001).", cli_staff_add },
   [CMD_STAFF_LIST] = { "staff list", "[--all]", "List the staff (--all includes inactive records).", NULL,
     cli_staff_list },
   [CMD_STAFF_UPDATE] = { "staff update", "LOGIN [options of staff add] [--inactive|--active]",
     "Change a member of staff (admins only).",
     "Only the options given change. --inactive stops the login using redress; its record\n"
     "and history are kept.", cli_staff_update },
   [CMD_STAFF_HANDOVER] = { "staff handover", "FROM TO [--dry-run]",
     "Give TO the open cases FROM handles and FROM's outstanding actions (a manager).",
     "For a leaver or a long absence. Each case and action moves as its own change, by the\n"
     "rules of assigning it by hand: one that TO may not take (the subject of the complaint,\n"
     "a declared conflict, not senior enough for stage 2) stays with FROM and is listed with\n"
     "the rule, to be assigned to someone else with 'case assign'. --dry-run lists what would\n"
     "move and what would not, changing nothing. Exit status 1 when anything stayed.",
     cli_staff_handover },
   { NULL, NULL, NULL, NULL, NULL },
};

/* --- person add, update ------------------------------------------------------------------------ */

typedef struct CliPersonOptions {
   const char *name;
   const char *kind;
   const char *tenancy_ref;
   const char *property;
   const char *phone;
   const char *email;
   const char *address;
   const char *contact_by;
   const char *vulnerabilities;
   const char *tenancy_ended;
   const char *do_not_contact;
   const char *version;
} CliPersonOptions;

#define CLI_PERSON_OPTIONS(o)                                                                      \
   { "kind", &(o).kind, NULL }, { "tenancy-ref", &(o).tenancy_ref, NULL },                         \
   { "property", &(o).property, NULL }, { "phone", &(o).phone, NULL }, { "email", &(o).email, NULL }, \
   { "address", &(o).address, NULL }, { "contact-by", &(o).contact_by, NULL },                      \
   { "vulnerabilities", &(o).vulnerabilities, NULL }, { "tenancy-ended", &(o).tenancy_ended, NULL }, \
   { "do-not-contact", &(o).do_not_contact, NULL }

static bool cli_person_any_option(const CliPersonOptions *o) {
   return o->name || o->kind || o->tenancy_ref || o->property || o->phone || o->email || o->address ||
          o->contact_by || o->vulnerabilities || o->tenancy_ended || o->do_not_contact;
}

/* Puts the options given into p; false after printing a usage message. */
static bool cli_person_apply(const CliCommand *cmd, const CliPersonOptions *o, Person *p) {
   RdError err;
   PersonKind kind;
   if (o->kind) {
      if (person_kind_parse(o->kind, &kind, &err) != RD_OK) {
         cli_usage_error(cmd, "--kind: %s", err.message);
         return false;
      }
      p->kind = kind;
   }
   if (o->tenancy_ended && !cli_arg_date_or_none(cmd, "--tenancy-ended", o->tenancy_ended, &p->tenancy_ended_on))
      return false;
   cli_replace(&p->name, o->name);
   cli_replace(&p->tenancy_ref, o->tenancy_ref);
   cli_replace(&p->property, o->property);
   cli_replace(&p->phone, o->phone);
   cli_replace(&p->email, o->email);
   cli_replace(&p->address, o->address);
   cli_replace(&p->preferred_contact, o->contact_by);
   cli_replace(&p->vulnerabilities, o->vulnerabilities);
   cli_replace(&p->do_not_contact, o->do_not_contact);
   return true;
}

static void cli_warn_eligibility(const Person *p) {
   char *why;
   if (person_eligibility(p, clock_today(), &why))
      return;
   char *visible = text_visible(why, 0);
   cli_warn("%s", visible);
   free(visible);
   free(why);
}

static int cli_person_add(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_ADD];
   CliPersonOptions o = { 0 };
   const char *pos[1];
   const CliOption opts[] = { CLI_PERSON_OPTIONS(o), { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   Person p;
   person_init(&p);
   o.name = pos[0];
   if (!cli_person_apply(cmd, &o, &p)) {
      person_clear(&p);
      return 2;
   }
   int rc = 0;
   if (!cli_actor(cli)) {
      rc = error_exit_code(cli->err.status);
   } else if ((rc = cli_result(cli, person_add(cli->session->store, &cli->session->me, &p, &cli->err))) == 0) {
      printf("Added person %lld: ", (long long)p.id);
      cli_put_text(stdout, p.name);
      printf(" (%s%s", person_kind_name(p.kind), p.tenancy_ref && *p.tenancy_ref ? ", " : "");
      cli_put_text(stdout, p.tenancy_ref);
      puts(").");
      cli_warn_eligibility(&p);
   }
   person_clear(&p);
   return rc;
}

static int cli_person_update(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_UPDATE];
   CliPersonOptions o = { 0 };
   const char *pos[1];
   const CliOption opts[] = { { "name", &o.name, NULL }, { "version", &o.version, NULL }, CLI_PERSON_OPTIONS(o),
                              { NULL, NULL, NULL } };
   int64_t id;
   long version = 0;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_id_arg(cmd, pos[0], "PERSON", &id))
      return 2;
   if (!cli_person_any_option(&o))
      return cli_usage_error(cmd, "nothing to change: give at least one option");
   if (!cli_arg_int(cmd, "--version", o.version, 1, INT32_MAX, &version))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Session *s = cli->session;
   Person p;
   person_init(&p);
   int rc = cli_result(cli, person_get(s->store, id, &p, &cli->err));
   if (rc == 0 && !cli_person_apply(cmd, &o, &p))
      rc = 2;
   if (rc == 0 && version)
      p.version = (int)version;
   int read_version = p.version;
   if (rc == 0)
      rc = cli_result(cli, person_update(s->store, &s->me, &p, &cli->err));
   if (rc == 0 && p.version == read_version)
      printf("Nothing changed: person %lld already reads so (version %d).\n", (long long)id, p.version);
   else if (rc == 0)
      printf("Saved person %lld (now version %d).\n", (long long)id, p.version);
   if (rc == 0)
      cli_warn_eligibility(&p);
   person_clear(&p);
   return rc;
}

/* --- person find, show ------------------------------------------------------------------------ */

/* "jo smith" from the words given, so the name need not be quoted. Caller frees. */
static char *cli_join_words(const char **words, int n) {
   char *joined = xstrdup("");
   for (int i = 0; i < n; i++) {
      char *next = xasprintf("%s%s%s", joined, i ? " " : "", words[i]);
      free(joined);
      joined = next;
   }
   return joined;
}

static bool cli_is_restricted(Store *st, int64_t person_id) {
   char *text = NULL;
   RdError err;
   bool restricted = person_restriction_warning(st, person_id, clock_today(), &text, &err) == RD_OK && text;
   free(text);
   return restricted;
}

static void cli_print_match(Store *st, const Person *p) {
   printf("%6lld  ", (long long)p->id);
   cli_put_column(stdout, p->name, 28);
   printf("  ");
   cli_put_column(stdout, p->tenancy_ref, 12);
   printf("  %-16s  ", person_kind_name(p->kind));
   cli_put_text(stdout, p->property);
   puts(cli_is_restricted(st, p->id) ? "  [contact restricted]" : "");
}

static int cli_person_find(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_FIND];
   const char *limit_text = NULL, *pos[CLI_FIND_WORDS];
   const CliOption opts[] = { { "limit", &limit_text, NULL }, { NULL, NULL, NULL } };
   int n = cli_parse(cmd, argc, argv, opts, pos, 1, CLI_FIND_WORDS);
   if (n < 0)
      return 2;
   long limit = CLI_FIND_DEFAULT;
   if (!cli_arg_int(cmd, "--limit", limit_text, 1, PERSON_FIND_MAX, &limit))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Store *st = cli->session->store;
   char *query = cli_join_words(pos, n);
   Person *list;
   size_t count;
   int rc = cli_result(cli, person_find(st, query, (size_t)limit, &list, &count, &cli->err));
   if (rc == 0) {
      for (size_t i = 0; i < count; i++)
         cli_print_match(st, &list[i]);
      person_free_list(list, count);
      if (count == 0) {
         fputs("redress: nobody's name or tenancy reference matches '", stderr);
         cli_put_text(stderr, query);
         fputs("'\n", stderr);
         rc = 1;
      }
   }
   free(query);
   return rc;
}

static void cli_show_fields(const Person *p) {
   char added[17];
   datetime_format_local(p->created_at, added);
   printf("Person %lld (version %d)\n", (long long)p->id, p->version);
   cli_field("Name:", p->name);
   cli_field("Kind:", person_kind_name(p->kind));
   cli_field("Tenancy reference:", p->tenancy_ref);
   cli_field("Property:", p->property);
   cli_field("Phone:", p->phone);
   cli_field("Email:", p->email);
   cli_field("Address:", p->address);
   cli_field("Preferred contact:", p->preferred_contact);
   cli_field("Vulnerabilities:", p->vulnerabilities);
   if (p->kind == PERSON_FORMER_TENANT)
      cli_date_field("Tenancy ended:", p->tenancy_ended_on);
   cli_field("Do not contact:", p->do_not_contact);
   cli_field("Added:", added);
}

static RdStatus cli_show_warnings(Store *st, const Person *p, RdError *err) {
   char *why, *restricted;
   if (!person_eligibility(p, clock_today(), &why)) {
      fputs("WARNING: ", stdout);
      cli_put_text(stdout, why);
      putchar('\n');
      free(why);
   }
   RdStatus r = person_restriction_warning(st, p->id, clock_today(), &restricted, err);
   if (r == RD_OK && restricted) {
      fputs("CONTACT RESTRICTED: ", stdout);
      cli_put_text(stdout, restricted);
      putchar('\n');
      free(restricted);
   }
   return r;
}

static RdStatus cli_show_adjustments(Store *st, int64_t id, RdError *err) {
   Adjustment *list;
   size_t n;
   RdStatus r = adjustment_list(st, id, true, &list, &n, err);
   if (r != RD_OK)
      return r;
   puts("Reasonable adjustments:");
   if (n == 0)
      puts("  none recorded");
   RdDate today = clock_today();
   for (size_t i = 0; i < n; i++) {
      const Adjustment *a = &list[i];
      char review[RD_DATE_BUFSIZE], reviewed[RD_DATE_BUFSIZE], ended[RD_DATE_BUFSIZE];
      datetime_format_date(a->review_on, review);
      datetime_format_date(a->reviewed_on, reviewed);
      datetime_format_date(a->ended_on, ended);
      printf("  %lld  %s: ", (long long)a->id, adjustment_kind_name(a->kind));
      cli_put_text(stdout, a->detail);
      if (a->ended_on != RD_NO_DATE)
         printf(" (ended %s)\n", ended);
      else
         printf(" (review by %s%s%s%s)\n", review, a->review_on < today ? ", OVERDUE" : "",
                a->reviewed_on != RD_NO_DATE ? "; last reviewed " : "", reviewed);
   }
   adjustment_free_list(list, n);
   return RD_OK;
}

static RdStatus cli_show_restrictions(Store *st, int64_t id, RdError *err) {
   Restriction *list;
   size_t n;
   RdStatus r = restriction_list(st, id, true, &list, &n, err);
   if (r != RD_OK)
      return r;
   puts("Contact restrictions:");
   if (n == 0)
      puts("  none recorded");
   for (size_t i = 0; i < n; i++) {
      char *text = restriction_describe(&list[i], clock_today());
      printf("  %lld  ", (long long)list[i].id);
      cli_put_text(stdout, text);
      putchar('\n');
      free(text);
   }
   restriction_free_list(list, n);
   return RD_OK;
}

static void cli_show_representative(const Representative *r) {
   char given[RD_DATE_BUFSIZE];
   datetime_format_date(r->given_on, given);
   printf("  %lld  ", (long long)r->id);
   cli_put_text(stdout, r->name);
   printf(", %s", relationship_name(r->relationship));
   const char *const labels[] = { "organisation", "phone", "email" };
   const char *const values[] = { r->organisation, r->phone, r->email };
   for (size_t i = 0; i < 3; i++) {
      if (!values[i] || !*values[i])
         continue;
      printf("; %s ", labels[i]);
      cli_put_text(stdout, values[i]);
   }
   fputs("; authority: ", stdout);
   cli_put_text(stdout, r->authority);
   printf(", given %s\n", given);
}

static RdStatus cli_show_representatives(Store *st, int64_t id, RdError *err) {
   Representative *list;
   size_t n;
   RdStatus r = representative_list(st, id, &list, &n, err);
   if (r != RD_OK)
      return r;
   puts("Representatives:");
   if (n == 0)
      puts("  none recorded");
   for (size_t i = 0; i < n; i++)
      cli_show_representative(&list[i]);
   representative_free_list(list, n);
   return RD_OK;
}

static int cli_person_show(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_SHOW];
   const char *pos[1];
   int64_t id;
   if (cli_parse(cmd, argc, argv, NULL, pos, 1, 1) < 0 || !cli_id_arg(cmd, pos[0], "PERSON", &id))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Store *st = cli->session->store;
   Person p;
   person_init(&p);
   RdStatus r = person_get(st, id, &p, &cli->err);
   if (r == RD_OK) {
      cli_show_fields(&p);
      r = cli_show_warnings(st, &p, &cli->err);
   }
   if (r == RD_OK)
      r = cli_show_adjustments(st, id, &cli->err);
   if (r == RD_OK)
      r = cli_show_restrictions(st, id, &cli->err);
   if (r == RD_OK)
      r = cli_show_representatives(st, id, &cli->err);
   person_clear(&p);
   return cli_result(cli, r);
}

/* --- adjustments --------------------------------------------------------------------------------- */

static int cli_person_adjust(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_ADJUST];
   const char *kind = NULL, *detail = NULL, *review = NULL, *pos[1];
   const CliOption opts[] = { { "kind", &kind, NULL }, { "detail", &detail, NULL }, { "review", &review, NULL },
                              { NULL, NULL, NULL } };
   Adjustment a;
   adjustment_init(&a);
   RdError err;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_id_arg(cmd, pos[0], "PERSON", &a.person_id) ||
       !cli_require(cmd, kind, "kind") || !cli_require(cmd, detail, "detail") ||
       !cli_require(cmd, review, "review") || !cli_arg_date(cmd, "--review", review, &a.review_on))
      return 2;
   if (adjustment_kind_parse(kind, &a.kind, &err) != RD_OK)
      return cli_usage_error(cmd, "--kind: %s", err.message);
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   a.detail = xstrdup(detail);
   int rc = cli_result(cli, adjustment_add(cli->session->store, &cli->session->me, &a, &cli->err));
   if (rc == 0)
      printf("Added adjustment %lld for person %lld: %s, review by %s.\n", (long long)a.id, (long long)a.person_id,
             adjustment_kind_name(a.kind), review);
   adjustment_clear(&a);
   return rc;
}

static int cli_person_adjust_review(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_ADJUST_REVIEW];
   const char *review = NULL, *pos[1];
   const CliOption opts[] = { { "review", &review, NULL }, { NULL, NULL, NULL } };
   int64_t id;
   RdDate next = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_id_arg(cmd, pos[0], "ADJUSTMENT", &id) ||
       !cli_require(cmd, review, "review") || !cli_arg_date(cmd, "--review", review, &next))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   int rc = cli_result(cli, adjustment_review(cli->session->store, &cli->session->me, id, next, &cli->err));
   if (rc == 0)
      printf("Adjustment %lld reviewed; next review by %s.\n", (long long)id, review);
   return rc;
}

static int cli_person_adjust_end(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_ADJUST_END];
   const char *on_text = NULL, *pos[1];
   const CliOption opts[] = { { "on", &on_text, NULL }, { NULL, NULL, NULL } };
   int64_t id;
   RdDate on = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_id_arg(cmd, pos[0], "ADJUSTMENT", &id) ||
       !cli_arg_date(cmd, "--on", on_text, &on))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   if (on == RD_NO_DATE)
      on = clock_today();
   int rc = cli_result(cli, adjustment_end(cli->session->store, &cli->session->me, id, on, &cli->err));
   char d[RD_DATE_BUFSIZE];
   datetime_format_date(on, d);
   if (rc == 0)
      printf("Adjustment %lld ended on %s.\n", (long long)id, d);
   return rc;
}

/* --- restrictions ---------------------------------------------------------------------------------- */

typedef struct CliRestrictOptions {
   const char *restricts, *reason, *approved_by, *role, *review, *from;
} CliRestrictOptions;

/* Fills r from the options; false after printing a usage message. */
static bool cli_restriction_from(const CliCommand *cmd, const CliRestrictOptions *o, Restriction *r) {
   if (!cli_require(cmd, o->restricts, "restricts") || !cli_require(cmd, o->reason, "reason") ||
       !cli_require(cmd, o->approved_by, "approved-by") || !cli_require(cmd, o->role, "approver-role") ||
       !cli_require(cmd, o->review, "review") || !cli_arg_date(cmd, "--review", o->review, &r->review_on) ||
       !cli_arg_date(cmd, "--from", o->from, &r->starts_on))
      return false;
   r->restricts = xstrdup(o->restricts);
   r->reason = xstrdup(o->reason);
   r->approved_by = xstrdup(o->approved_by);
   return true;
}

static int cli_person_restrict(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_RESTRICT];
   CliRestrictOptions o = { 0 };
   const char *pos[1];
   const CliOption opts[] = { { "restricts", &o.restricts, NULL }, { "reason", &o.reason, NULL },
                              { "approved-by", &o.approved_by, NULL }, { "approver-role", &o.role, NULL },
                              { "review", &o.review, NULL }, { "from", &o.from, NULL }, { NULL, NULL, NULL } };
   Restriction r;
   restriction_init(&r);
   int rc = 0;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_id_arg(cmd, pos[0], "PERSON", &r.person_id) ||
       !cli_restriction_from(cmd, &o, &r))
      rc = 2;
   /* A role below Head of Service is a rule refusing, not a typing mistake: exit 1. */
   if (rc == 0 && approver_role_parse(o.role, &r.approver_role, &cli->err) != RD_OK)
      rc = cli_fail(cli);
   if (rc == 0 && !cli_actor(cli))
      rc = error_exit_code(cli->err.status);
   if (rc == 0)
      rc = cli_result(cli, restriction_add(cli->session->store, &cli->session->me, &r, &cli->err));
   if (rc == 0) {
      char *text = restriction_describe(&r, clock_today());
      printf("Recorded contact restriction %lld for person %lld: ", (long long)r.id, (long long)r.person_id);
      cli_put_text(stdout, text);
      putchar('\n');
      free(text);
   }
   restriction_clear(&r);
   return rc;
}

static int cli_person_restrict_end(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_RESTRICT_END];
   const char *on_text = NULL, *pos[1];
   const CliOption opts[] = { { "on", &on_text, NULL }, { NULL, NULL, NULL } };
   int64_t id;
   RdDate on = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_id_arg(cmd, pos[0], "RESTRICTION", &id) ||
       !cli_arg_date(cmd, "--on", on_text, &on))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   if (on == RD_NO_DATE)
      on = clock_today();
   int rc = cli_result(cli, restriction_end(cli->session->store, &cli->session->me, id, on, &cli->err));
   char d[RD_DATE_BUFSIZE];
   datetime_format_date(on, d);
   if (rc == 0)
      printf("Contact restriction %lld ended on %s.\n", (long long)id, d);
   return rc;
}

/* --- representatives ------------------------------------------------------------------------------ */

static int cli_person_represent(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_REPRESENT];
   const char *name = NULL, *rel = NULL, *authority = NULL, *given = NULL, *org = NULL, *phone = NULL;
   const char *email = NULL, *pos[1];
   const CliOption opts[] = { { "name", &name, NULL }, { "relationship", &rel, NULL },
                              { "authority", &authority, NULL }, { "given", &given, NULL },
                              { "organisation", &org, NULL }, { "phone", &phone, NULL }, { "email", &email, NULL },
                              { NULL, NULL, NULL } };
   Representative r;
   representative_init(&r);
   RdError err;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_id_arg(cmd, pos[0], "PERSON", &r.person_id) ||
       !cli_require(cmd, name, "name") || !cli_require(cmd, rel, "relationship") ||
       !cli_require(cmd, authority, "authority") || !cli_arg_date(cmd, "--given", given, &r.given_on))
      return 2;
   if (relationship_parse(rel, &r.relationship, &err) != RD_OK)
      return cli_usage_error(cmd, "--relationship: %s", err.message);
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   r.name = xstrdup(name);
   r.authority = xstrdup(authority);
   r.organisation = xstrdup(org ? org : "");
   r.phone = xstrdup(phone ? phone : "");
   r.email = xstrdup(email ? email : "");
   int rc = cli_result(cli, representative_add(cli->session->store, &cli->session->me, &r, &cli->err));
   if (rc == 0) {
      printf("Added representative %lld for person %lld: ", (long long)r.id, (long long)r.person_id);
      cli_put_text(stdout, r.name);
      printf(" (%s).\n", relationship_name(r.relationship));
   }
   representative_clear(&r);
   return rc;
}

/* --- reviews -------------------------------------------------------------------------------------- */

static void cli_print_person_name(Store *st, int64_t id) {
   Person p;
   person_init(&p);
   if (person_get(st, id, &p, NULL) == RD_OK)
      cli_put_column(stdout, p.name, 24);
   person_clear(&p);
}

static RdStatus cli_overdue_adjustments(Store *st, RdDate on, size_t *shown, RdError *err) {
   Adjustment *list;
   size_t n;
   RdStatus r = adjustment_overdue(st, on, &list, &n, err);
   for (size_t i = 0; r == RD_OK && i < n; i++) {
      char review[RD_DATE_BUFSIZE];
      datetime_format_date(list[i].review_on, review);
      printf("adjustment %-5lld review was due %s  person %-5lld ", (long long)list[i].id, review,
             (long long)list[i].person_id);
      cli_print_person_name(st, list[i].person_id);
      printf("  %s: ", adjustment_kind_name(list[i].kind));
      cli_put_text(stdout, list[i].detail);
      putchar('\n');
   }
   if (r == RD_OK) {
      *shown += n;
      adjustment_free_list(list, n);
   }
   return r;
}

static RdStatus cli_overdue_restrictions(Store *st, RdDate on, size_t *shown, RdError *err) {
   Restriction *list;
   size_t n;
   RdStatus r = restriction_overdue(st, on, &list, &n, err);
   for (size_t i = 0; r == RD_OK && i < n; i++) {
      char review[RD_DATE_BUFSIZE];
      datetime_format_date(list[i].review_on, review);
      printf("restriction %-4lld review was due %s  person %-5lld ", (long long)list[i].id, review,
             (long long)list[i].person_id);
      cli_print_person_name(st, list[i].person_id);
      fputs("  ", stdout);
      cli_put_text(stdout, list[i].restricts);
      putchar('\n');
   }
   if (r == RD_OK) {
      *shown += n;
      restriction_free_list(list, n);
   }
   return r;
}

static int cli_person_reviews(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_PERSON_REVIEWS];
   const char *on_text = NULL;
   const CliOption opts[] = { { "on", &on_text, NULL }, { NULL, NULL, NULL } };
   RdDate on = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0 || !cli_arg_date(cmd, "--on", on_text, &on))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   if (on == RD_NO_DATE)
      on = clock_today();
   size_t shown = 0;
   Store *st = cli->session->store;
   RdStatus r = cli_overdue_adjustments(st, on, &shown, &cli->err);
   if (r == RD_OK)
      r = cli_overdue_restrictions(st, on, &shown, &cli->err);
   if (r == RD_OK && shown == 0) {
      char d[RD_DATE_BUFSIZE];
      datetime_format_date(on, d);
      printf("No adjustment or contact restriction was due for review before %s.\n", d);
   }
   return cli_result(cli, r);
}

/* --- staff ------------------------------------------------------------------------------------------ */

typedef struct CliStaffOptions {
   const char *name, *roles, *team, *grade, *manages, *trained, *ombudsman_trained, *email;
   bool inactive, active;
} CliStaffOptions;

#define CLI_STAFF_OPTIONS(o)                                                                         \
   { "name", &(o).name, NULL }, { "roles", &(o).roles, NULL }, { "team", &(o).team, NULL },          \
   { "grade", &(o).grade, NULL }, { "manages", &(o).manages, NULL }, { "trained", &(o).trained, NULL }, \
   { "ombudsman-trained", &(o).ombudsman_trained, NULL }, { "email", &(o).email, NULL }

/* Puts the options given into s; false after printing a usage message. */
static bool cli_staff_apply(const CliCommand *cmd, const CliStaffOptions *o, Staff *s) {
   RdError err;
   if (o->roles && staff_parse_roles(o->roles, &s->roles, &err) != RD_OK) {
      cli_usage_error(cmd, "--roles: %s", err.message);
      return false;
   }
   long grade = s->grade;
   if (!cli_arg_int(cmd, "--grade", o->grade, 1, 9, &grade))
      return false;
   s->grade = (int)grade;
   if ((o->trained && !cli_arg_date_or_none(cmd, "--trained", o->trained, &s->complaints_trained_on)) ||
       (o->ombudsman_trained &&
        !cli_arg_date_or_none(cmd, "--ombudsman-trained", o->ombudsman_trained, &s->ombudsman_trained_on)))
      return false;
   if (o->inactive && o->active) {
      cli_usage_error(cmd, "give --inactive or --active, not both");
      return false;
   }
   if (o->inactive || o->active)
      s->active = o->active;
   cli_replace(&s->full_name, o->name);
   cli_replace(&s->team, o->team);
   cli_replace(&s->manages_team, o->manages);
   cli_replace(&s->email, o->email);
   return true;
}

static void cli_print_staff_line(const Staff *s) {
   char roles[64], trained[RD_DATE_BUFSIZE], ombudsman[RD_DATE_BUFSIZE];
   staff_format_roles(s->roles, roles, sizeof roles);
   datetime_format_date(s->complaints_trained_on, trained);
   datetime_format_date(s->ombudsman_trained_on, ombudsman);
   cli_put_column(stdout, s->login, 12);
   putchar(' ');
   cli_put_column(stdout, s->full_name, 24);
   putchar(' ');
   cli_put_column(stdout, *s->team ? s->team : "-", 14);
   printf(" %5d  %-28s ", s->grade, roles);
   cli_put_column(stdout, *s->manages_team ? s->manages_team : "-", 12);
   printf(" %-10s %s%s\n", *trained ? trained : "-", *ombudsman ? ombudsman : "-", s->active ? "" : "  inactive");
}

static int cli_staff_add(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_STAFF_ADD];
   CliStaffOptions o = { 0 };
   const char *pos[1];
   const CliOption opts[] = { CLI_STAFF_OPTIONS(o), { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_require(cmd, o.name, "name") ||
       !cli_require(cmd, o.roles, "roles"))
      return 2;
   Staff s;
   staff_init(&s);
   s.login = xstrdup(pos[0]);
   s.team = xstrdup("");
   s.manages_team = xstrdup("");
   s.email = xstrdup("");
   int rc = cli_staff_apply(cmd, &o, &s) ? 0 : 2;
   if (rc == 0 && !cli_actor(cli))
      rc = error_exit_code(cli->err.status);
   if (rc == 0)
      rc = cli_result(cli, staff_add(cli->session->store, &cli->session->me, &s, &cli->err));
   if (rc == 0) {
      printf("Added %s: ", s.login);
      cli_put_text(stdout, s.full_name);
      puts(".");
      if ((s.roles & ROLE_HANDLER) && !staff_is_trained(&s))
         cli_warn("%s is a handler without both trainings recorded (--trained, --ombudsman-trained): "
                  "handlers need both (seed 001)", s.login);
   }
   staff_clear(&s);
   return rc;
}

static int cli_staff_list(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_STAFF_LIST];
   bool all = false;
   const CliOption opts[] = { { "all", NULL, &all }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0)
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Staff *list;
   size_t n;
   if (staff_list(cli->session->store, all, &list, &n, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("%-12s %-24s %-14s %5s  %-28s %-12s %-10s %s\n", "LOGIN", "NAME", "TEAM", "GRADE", "ROLES", "MANAGES",
          "TRAINED", "OMBUDSMAN");
   for (size_t i = 0; i < n; i++)
      cli_print_staff_line(&list[i]);
   staff_free_list(list, n);
   return 0;
}

static int cli_staff_update(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_STAFF_UPDATE];
   CliStaffOptions o = { 0 };
   const char *pos[1];
   const CliOption opts[] = { CLI_STAFF_OPTIONS(o), { "inactive", NULL, &o.inactive }, { "active", NULL, &o.active },
                              { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   if (!(o.name || o.roles || o.team || o.grade || o.manages || o.trained || o.ombudsman_trained || o.email ||
         o.inactive || o.active))
      return cli_usage_error(cmd, "nothing to change: give at least one option");
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Staff s;
   Store *st = cli->session->store;
   int rc = cli_result(cli, staff_by_login(st, pos[0], &s, &cli->err));
   if (rc != 0)
      return rc;
   if (!cli_staff_apply(cmd, &o, &s))
      rc = 2;
   if (rc == 0)
      rc = cli_result(cli, staff_update(st, &cli->session->me, &s, &cli->err));
   if (rc == 0) {
      printf("Saved %s%s.\n", s.login, s.active ? "" : " (inactive: the login can no longer use redress)");
      if ((s.roles & ROLE_HANDLER) && !staff_is_trained(&s))
         cli_warn("%s is a handler without both trainings recorded: handlers need both (seed 001)", s.login);
   }
   staff_clear(&s);
   return rc;
}

/* --- staff handover -------------------------------------------------------------------------- */

static int cli_staff_handover(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_people_commands[CMD_STAFF_HANDOVER];
   bool dry_run = false;
   const char *pos[2];
   const CliOption opts[] = { { "dry-run", NULL, &dry_run }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0)
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Handover h;
   int rc = cli_result(cli, handover_run(cli->session, pos[0], pos[1], dry_run, &h, &cli->err));
   if (rc != 0)
      return rc;
   for (size_t i = 0; i < h.count; i++) {
      const HandoverItem *it = &h.items[i];
      if (it->moved)
         printf("%s %s\n", dry_run ? "would move" : "moved     ", it->what);
      else
         printf("stays      %s: %s\n", it->what, it->why);
   }
   if (h.count == 0)
      printf("%s has no open cases and no outstanding actions: nothing to hand over.\n", pos[0]);
   else
      printf("%zu %s to %s, %zu stay%s with %s.\n", h.moved, dry_run ? "would move" : "moved", pos[1], h.refused,
             h.refused == 1 ? "s" : "", pos[0]);
   if (h.refused)
      cli_warn("assign what stays to someone who qualifies: redress case assign REF LOGIN");
   rc = h.refused ? 1 : 0;
   handover_clear(&h);
   return rc;
}
