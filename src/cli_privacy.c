/* cli_privacy: person export (a subject access request) and retention. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "redress/privacy.h"
#include "redress/text.h"
#include "redress/xalloc.h"

static int cli_person_export(Cli *cli, int argc, char **argv);
static int cli_retention(Cli *cli, int argc, char **argv);

enum { CMD_PERSON_EXPORT, CMD_RETENTION };

const CliCommand cli_privacy_commands[] = {
   [CMD_PERSON_EXPORT] = { "person export", "PERSON [--format text|json] [--output FILE]",
     "Everything held about a person, for a subject access request (a manager or an admin).",
     "Their record, adjustments, restrictions and representatives, and every case where they\n"
     "complain or are one of a group, with its stages, remedies, actions, contacts, notes,\n"
     "letters and history, dated and headed. --format text (the default) is a document to\n"
     "read and print; json is the same content for another system. --output FILE writes a\n"
     "new file only you may read (an existing file is never overwritten); without it the\n"
     "document goes to standard output. Every export is recorded: who, whose, when.",
     cli_person_export },
   [CMD_RETENTION] = { "retention", "[--dry-run] [--before DATE]",
     "Anonymise closed cases past the retention period, keeping the statistics (an admin).",
     "Cases closed more than retention_years ago (redress.conf), or before --before DATE,\n"
     "lose their words: summaries, definitions, reasons, contacts, notes, remedies, actions\n"
     "and their updates become \"" PRIVACY_REMOVED "\", and their letter files\n"
     "are removed. Dates, stage, category, channel, decision, kinds, close reason and\n"
     "amounts stay, so reports count the same. A person is anonymised too when they have no\n"
     "other case still inside the period. A case with an outstanding action or an\n"
     "undetermined Ombudsman referral is left as it is. --dry-run lists what would be done,\n"
     "case by case, and changes nothing.", cli_retention },
   { NULL, NULL, NULL, NULL, NULL },
};

static int cli_person_export(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_privacy_commands[CMD_PERSON_EXPORT];
   const char *pos[1], *format_text = "text", *output = NULL;
   const CliOption opts[] = { { "format", &format_text, NULL }, { "output", &output, NULL }, { NULL, NULL, NULL } };
   long person = 0;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_int(cmd, "PERSON", pos[0], 1, INT32_MAX, &person))
      return 2;
   PrivacyFormat format;
   RdError perr;
   if (privacy_format_parse(format_text, &format, &perr) != RD_OK)
      return cli_usage_error(cmd, "--format: %s", perr.message);
   if (output && !*output)
      return cli_usage_error(cmd, "--output needs the name of a new file");
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   if (privacy_export(cli->session, person, format, output, stdout, &cli->err) != RD_OK)
      return cli_fail(cli);
   if (output)
      fprintf(stderr, "redress: wrote %s (yours only); the export is recorded\n", output);
   return 0;
}

/* Prints a line of the listing, wrapped to fit 80 columns. */
static void cli_retention_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void cli_retention_line(const char *fmt, ...) {
   va_list ap;
   va_start(ap, fmt);
   char *line = xvasprintf(fmt, ap);
   va_end(ap);
   text_wrap(stdout, line, 79);
   free(line);
}

static const char *cli_plural(int n, const char *one, const char *many) {
   return n == 1 ? one : many;
}

static void cli_retention_case(const RetentionCase *rc, bool dry_run) {
   char closed[RD_DATE_BUFSIZE];
   datetime_format_date(datetime_local_date(rc->closed_at), closed);
   printf("%-9s  closed %s (%s)\n", rc->ref, closed, rc->close_reason);
   if (rc->left_because[0]) {
      cli_retention_line("    left as it is: %s", rc->left_because);
      return;
   }
   cli_retention_line("    %s %d case %s, %d %s, %d %s, %d %s with %d %s, %d letter %s", dry_run ? "would remove"
                      : "removed", rc->texts, cli_plural(rc->texts, "text", "texts"), rc->contacts,
                      cli_plural(rc->contacts, "contact or note", "contacts and notes"), rc->remedies,
                      cli_plural(rc->remedies, "remedy", "remedies"), rc->actions,
                      cli_plural(rc->actions, "action", "actions"), rc->updates,
                      cli_plural(rc->updates, "update", "updates"), rc->letters,
                      cli_plural(rc->letters, "file", "files"));
   for (size_t i = 0; i < rc->person_count; i++) {
      const RetentionPerson *p = &rc->people[i];
      if (p->anonymised)
         cli_retention_line("    person %lld: %sanonymised (no other case in the period)", (long long)p->id,
                            dry_run ? "would be " : "");
      else
         cli_retention_line("    person %lld: kept while %s is in the period", (long long)p->id, p->kept_for);
   }
}

static void cli_retention_summary(const RetentionPlan *plan) {
   const char *would = plan->dry_run ? "would be " : "";
   cli_retention_line("%s%zu case%s %sanonymised, %zu left as %s; %zu %s %sanonymised, %zu kept; %zu text%s %s"
                      "removed.", plan->dry_run ? "Dry run, nothing was changed: " : "", plan->anonymised,
                      plan->anonymised == 1 ? "" : "s", would, plan->left, plan->left == 1 ? "it is" : "they are",
                      plan->people_anonymised, plan->people_anonymised == 1 ? "person" : "people", would,
                      plan->people_kept, plan->texts, plan->texts == 1 ? "" : "s", would);
   if (!plan->dry_run && plan->anonymised)
      printf("%zu letter file%s removed.\n", plan->files_removed, plan->files_removed == 1 ? "" : "s");
   for (size_t i = 0; i < plan->files_left_count; i++) {
      fputs("redress: warning: the letter file ", stderr);
      cli_put_text(stderr, plan->files_left[i]);
      fputs(" of an anonymised case could not be removed: remove it yourself\n", stderr);
   }
}

static int cli_retention(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_privacy_commands[CMD_RETENTION];
   const char *before_text = NULL;
   bool dry_run = false;
   const CliOption opts[] = { { "dry-run", NULL, &dry_run }, { "before", &before_text, NULL },
                              { NULL, NULL, NULL } };
   RdDate before = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0 || !cli_arg_date(cmd, "--before", before_text, &before))
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   RetentionPlan plan;
   if (privacy_retention(cli->session, before, dry_run, &plan, &cli->err) != RD_OK) {
      privacy_retention_clear(&plan);
      return cli_fail(cli);
   }
   char day[RD_DATE_BUFSIZE];
   datetime_format_date(plan.before, day);
   if (plan.count == 0) {
      printf("No case closed before %s is left to anonymise: nothing to do.\n", day);
   } else {
      if (before_text)
         printf("Closed cases before %s:\n", day);
      else
         printf("Closed cases before %s (retention_years = %d):\n", day, cli->session->config->retention_years);
      for (size_t i = 0; i < plan.count; i++)
         cli_retention_case(&plan.cases[i], plan.dry_run);
      cli_retention_summary(&plan);
   }
   privacy_retention_clear(&plan);
   return 0;
}
