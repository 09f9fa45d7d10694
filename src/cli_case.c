/* cli_case: the lifecycle of a case from the command line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "redress/action.h"
#include "redress/casefile.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/learning.h"
#include "redress/ombudsman.h"
#include "redress/person.h"
#include "redress/queue.h"
#include "redress/survey.h"
#include "redress/xalloc.h"

static int cli_case_new(Cli *cli, int argc, char **argv);
static int cli_case_show(Cli *cli, int argc, char **argv);
static int cli_case_list(Cli *cli, int argc, char **argv);
static int cli_case_triage(Cli *cli, int argc, char **argv);
static int cli_case_ack(Cli *cli, int argc, char **argv);
static int cli_case_extend(Cli *cli, int argc, char **argv);
static int cli_case_respond(Cli *cli, int argc, char **argv);
static int cli_case_issue(Cli *cli, int argc, char **argv);
static int cli_case_escalate(Cli *cli, int argc, char **argv);
static int cli_case_decline(Cli *cli, int argc, char **argv);
static int cli_case_assign(Cli *cli, int argc, char **argv);
static int cli_case_conflict(Cli *cli, int argc, char **argv);
static int cli_case_close(Cli *cli, int argc, char **argv);
static int cli_case_reopen(Cli *cli, int argc, char **argv);
static int cli_case_note(Cli *cli, int argc, char **argv);
static int cli_case_contact(Cli *cli, int argc, char **argv);

enum {
   CASE_NEW, CASE_SHOW, CASE_LIST, CASE_TRIAGE, CASE_ACK, CASE_EXTEND, CASE_RESPOND, CASE_ISSUE, CASE_ESCALATE,
   CASE_DECLINE, CASE_ASSIGN, CASE_CONFLICT, CASE_CLOSE, CASE_REOPEN, CASE_NOTE, CASE_CONTACT
};

const CliCommand cli_case_commands[] = {
   [CASE_NEW] = { "case new", "(--person ID | --anonymous) --channel C --category C --summary TEXT [options]",
     "Log a complaint, and triage it at once with --triage.",
     "Options: --received DATETIME (default now), --incident DATE, --outcome TEXT,\n"
     "--about-staff LOGIN, --about-team TEAM, --representative ID, --confidential,\n"
     "--triage complaint|service-request|excluded|quick|untriaged (default complaint),\n"
     "--reason CODE and --detail TEXT for an exclusion, --detail TEXT for a quick resolution,\n"
     "--accept-late REASON for an issue older than the policy's time limit.\n"
     "Channels: phone, email, letter, in-person, web, social-media, other.\n"
     "Prints the new reference first on its line.", cli_case_new },
   [CASE_SHOW] = { "case show", "REF", "Show everything about a case: stages, due dates, remedies, actions, history.",
     "Also the case's referrals to the Housing Ombudsman with their orders, where its\n"
     "satisfaction survey stands, and the lessons learned from it. A confidential case is\n"
     "shown only to its handlers, managers and admins, and each view of it is recorded in\n"
     "the access log.", cli_case_show },
   [CASE_LIST] = { "case list", "[--filter F] [--search TEXT]",
     "List cases most urgent first, with what is due next and the working days left.",
     "F: all (open cases, the default), mine, team, stage1, stage2, overdue, due-soon,\n"
     "service (open service requests) or closed (the most recently closed). --search keeps\n"
     "the cases where every word appears in the reference, name, tenancy reference or summary.",
     cli_case_list },
   [CASE_TRIAGE] = { "case triage", "REF complaint|service-request|excluded|quick [--reason CODE] [--detail TEXT] "
     "[--accept-late REASON] [--at DATETIME]", "Triage a logged case, or turn a service request into a complaint.",
     NULL, cli_case_triage },
   [CASE_ACK] = { "case ack", "REF --definition TEXT [--agreed DATE] [--at DATETIME]",
     "Acknowledge the current stage, recording the complaint definition (Code 6.2, 6.11).",
     "--agreed gives the response date agreed with the resident, where the policy works that way.",
     cli_case_ack },
   [CASE_EXTEND] = { "case extend", "REF --to DATE --reason TEXT --told [--good-reason TEXT] [--at DATETIME]",
     "Extend the response date, after telling the resident why, when, and how to reach the Ombudsman.",
     "--told records that the resident was told (Code 6.5). Past the policy's limit only a\n"
     "manager may extend, with --good-reason.", cli_case_extend },
   [CASE_RESPOND] = { "case respond", "REF --decision D --reasons TEXT [--no-remedy] [--no-actions] [--at DATETIME]",
     "Issue the response of the current stage.",
     "D is upheld, partly-upheld or not-upheld. Record remedies (redress remedy add) and\n"
     "outstanding actions (redress action add) first, or say --no-remedy / --no-actions.",
     cli_case_respond },
   [CASE_ISSUE] = { "case issue", "REF --text TEXT [--unrelated] [--at DATETIME]",
     "Record a new issue the resident raised: folded into stage 1, or a new linked complaint.",
     "A related issue raised before the stage 1 response is folded into it; otherwise a new\n"
     "complaint is logged and linked (seed 001). Prints the new reference when there is one.",
     cli_case_issue },
   [CASE_ESCALATE] = { "case escalate", "REF [--why TEXT] [--late-reason TEXT] [--at DATETIME]",
     "Record the resident's request to escalate to stage 2 (no reason is needed).",
     "Outside the policy's window only a manager may accept it, with --late-reason.", cli_case_escalate },
   [CASE_DECLINE] = { "case decline", "REF --reason TEXT [--at DATETIME]",
     "Decline to escalate (a manager), giving the reason the resident is told.", NULL, cli_case_decline },
   [CASE_ASSIGN] = { "case assign", "REF LOGIN [--stage 1|2] [--at DATETIME]",
     "Assign the handler of a stage (a manager); refused with the rule when they do not qualify.", NULL,
     cli_case_assign },
   [CASE_CONFLICT] = { "case conflict", "REF LOGIN --reason TEXT",
     "Record that someone has a conflict of interest in a case.", NULL, cli_case_conflict },
   [CASE_CLOSE] = { "case close", "REF resolved|no-contact|withdrawn|final-response|service-request-done "
     "[--note TEXT] [--at DATETIME]", "Close a case with its reason.", NULL, cli_case_close },
   [CASE_REOPEN] = { "case reopen", "REF --reason TEXT [--ombudsman-order REF] [--at DATETIME]",
     "Reopen a closed case: a manager, or anyone recording a Housing Ombudsman order.", NULL, cli_case_reopen },
   [CASE_NOTE] = { "case note", "REF TEXT [--at DATETIME]", "Add an internal note to a case.", NULL, cli_case_note },
   [CASE_CONTACT] = { "case contact", "REF --direction in|out --channel C --summary TEXT [--at DATETIME]",
     "Record a call, letter, email or visit; an outgoing one counts as an update to the resident.", NULL,
     cli_case_contact },
   { NULL, NULL, NULL, NULL, NULL },
};

static int cli_done(Cli *cli, RdStatus st) {
   if (st != RD_OK)
      return cli_fail(cli);
   return 0;
}

static int64_t cli_staff_id(Cli *cli, const char *login, bool *ok) {
   *ok = true;
   if (!login)
      return 0;
   Staff st;
   if (staff_by_login(cli->session->store, login, &st, &cli->err) != RD_OK) {
      *ok = false;
      cli->err.status = RD_EINPUT;
      return 0;
   }
   int64_t id = st.id;
   staff_clear(&st);
   return id;
}

static int cli_case_new(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_NEW];
   const char *person = NULL, *channel = NULL, *received = NULL, *incident = NULL, *category = NULL,
              *summary = NULL, *outcome = NULL, *about_staff = NULL, *about_team = NULL, *triage = "complaint",
              *reason = NULL, *detail = NULL, *accept_late = NULL, *representative = NULL;
   bool anonymous = false, confidential = false;
   const CliOption opts[] = {
      { "person", &person, NULL }, { "channel", &channel, NULL }, { "received", &received, NULL },
      { "at", &received, NULL }, { "incident", &incident, NULL }, { "category", &category, NULL },
      { "summary", &summary, NULL }, { "outcome", &outcome, NULL }, { "about-staff", &about_staff, NULL },
      { "about-team", &about_team, NULL }, { "triage", &triage, NULL }, { "reason", &reason, NULL },
      { "detail", &detail, NULL }, { "accept-late", &accept_late, NULL },
      { "representative", &representative, NULL }, { "anonymous", NULL, &anonymous },
      { "confidential", NULL, &confidential }, { NULL, NULL, NULL } };
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0)
      return 2;
   NewComplaint in = { .channel = channel, .received_at = RD_NO_INSTANT, .incident_on = RD_NO_DATE,
                       .category = category, .summary = summary, .outcome_sought = outcome, .anonymous = anonymous,
                       .confidential = confidential, .about_team = about_team, .exclusion_code = reason,
                       .exclusion_detail = detail, .accept_late = accept_late, .quick_summary = detail };
   long person_id = 0, rep_id = 0;
   RdError perr;
   if (!cli_arg_int(cmd, "--person", person, 1, INT32_MAX, &person_id) ||
       !cli_arg_int(cmd, "--representative", representative, 1, INT32_MAX, &rep_id) ||
       !cli_arg_instant(cmd, "--received", received, &in.received_at) ||
       !cli_arg_date(cmd, "--incident", incident, &in.incident_on))
      return 2;
   if (complaint_kind_parse(triage, &in.triage, &perr) != RD_OK)
      return cli_usage_error(cmd, "--triage: %s", perr.message);
   in.person_id = person_id;
   in.representative_id = rep_id;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   bool ok;
   in.about_staff_id = cli_staff_id(cli, about_staff, &ok);
   if (!ok)
      return cli_fail(cli);
   Complaint c;
   complaint_init(&c);
   if (complaint_new(cli->session, &in, &c, &cli->err) != RD_OK)
      return cli_fail(cli);
   char ack[RD_DATE_BUFSIZE];
   datetime_format_date(c.stages[0].ack_due, ack);
   printf("%s %s", c.ref, complaint_kind_name(c.kind));
   if (complaint_is_open(&c) && c.stages[0].present)
      printf(", acknowledge by %s", ack);
   if (c.out_of_time)
      printf(" (older than the time limit%s)", c.accepted_late_reason ? ", accepted" : ": triage with a reason");
   putchar('\n');
   complaint_clear(&c);
   return 0;
}

static void cli_show_date(const char *label, RdDate d) {
   if (d == RD_NO_DATE)
      return;
   char buf[RD_DATE_BUFSIZE];
   datetime_format_date(d, buf);
   printf("  %-22s %s\n", label, buf);
}

static void cli_show_instant(const char *label, RdInstant t) {
   if (t == RD_NO_INSTANT)
      return;
   char buf[17];
   datetime_format_local(t, buf);
   printf("  %-22s %s\n", label, buf);
}

static void cli_show_text(const char *label, const char *text) {
   if (!text || !*text)
      return;
   printf("  %-22s ", label);
   cli_put_text(stdout, text);
   putchar('\n');
}

static void cli_show_staff(Cli *cli, const char *label, int64_t id) {
   Staff st;
   if (!id || staff_by_id(cli->session->store, id, &st, NULL) != RD_OK)
      return;
   printf("  %-22s %s (%s)\n", label, st.full_name, st.login);
   staff_clear(&st);
}

static void cli_show_days_left(Cli *cli, const char *label, RdDate due) {
   if (due == RD_NO_DATE)
      return;
   char buf[RD_DATE_BUFSIZE];
   datetime_format_date(due, buf);
   int left = calendar_workdays_between(cli->session->calendar, cli->session->config->division, clock_today(), due);
   int n = left < 0 ? -left : left;
   printf("  %-22s %s (%d working day%s %s)\n", label, buf, n, n == 1 ? "" : "s", left < 0 ? "overdue" : "left");
}

static void cli_show_stage(Cli *cli, const Complaint *c, const StageRecord *sr) {
   bool open = complaint_is_open(c) && sr->responded_at == RD_NO_INSTANT && sr->declined_at == RD_NO_INSTANT;
   printf("\nStage %d%s (policy %s)\n", sr->number, sr->late_request ? ", requested late" : "", sr->policy);
   cli_show_instant(sr->number == 1 ? "received" : "escalation requested", sr->requested_at);
   cli_show_date("counts from", sr->start_on);
   cli_show_staff(cli, "handler", sr->handler_id);
   if (open && sr->acknowledged_at == RD_NO_INSTANT)
      cli_show_days_left(cli, "acknowledge by", sr->ack_due);
   else
      cli_show_date("acknowledge by", sr->ack_due);
   cli_show_instant("acknowledged", sr->acknowledged_at);
   cli_show_text("definition", sr->definition);
   cli_show_date("agreed date", sr->agreed_on);
   if (open && sr->acknowledged_at != RD_NO_INSTANT && sr->extended_to == RD_NO_DATE)
      cli_show_days_left(cli, "respond by", sr->response_due);
   else
      cli_show_date("respond by", sr->response_due);
   cli_show_date("extension limit", sr->extension_limit);
   if (open && sr->extended_to != RD_NO_DATE)
      cli_show_days_left(cli, "extended to", sr->extended_to);
   else
      cli_show_date("extended to", sr->extended_to);
   cli_show_text("extension reason", sr->extension_reason);
   cli_show_instant("responded", sr->responded_at);
   if (sr->decision != DECISION_NONE)
      printf("  %-22s %s\n", "decision", complaint_decision_name(sr->decision));
   cli_show_text("reasons", sr->reasons);
   cli_show_instant("declined", sr->declined_at);
   cli_show_text("decline reason", sr->decline_reason);
}

static void cli_show_person(Cli *cli, const Complaint *c) {
   if (c->anonymous || !c->person_id) {
      printf("  %-22s %s\n", "complainant", "(anonymous: no response can be sent)");
      return;
   }
   Person p;
   person_init(&p);
   if (person_get(cli->session->store, c->person_id, &p, NULL) == RD_OK) {
      printf("  %-22s ", "complainant");
      cli_put_text(stdout, p.name);
      printf(" (person %lld", (long long)c->person_id);
      if (*p.tenancy_ref) {
         fputs(", tenancy ", stdout);
         cli_put_text(stdout, p.tenancy_ref);
      }
      puts(")");
   }
   person_clear(&p);
}

static void cli_show_remedies_and_actions(Cli *cli, const Complaint *c) {
   Remedy *rem = NULL;
   size_t nrem = 0;
   if (remedy_list(cli->session, c->id, &rem, &nrem, NULL) == RD_OK && nrem) {
      puts("\nRemedies");
      for (size_t i = 0; i < nrem; i++) {
         char money[32] = "", due[RD_DATE_BUFSIZE], done[RD_DATE_BUFSIZE];
         if (rem[i].amount_pence)
            remedy_format_pence(rem[i].amount_pence, money, sizeof money);
         datetime_format_date(rem[i].due_on, due);
         datetime_format_date(rem[i].done_on, done);
         printf("  #%lld stage %d %s %s ", (long long)rem[i].id, rem[i].stage, remedy_kind_name(rem[i].kind), money);
         cli_put_text(stdout, rem[i].detail);
         printf("%s%s%s%s\n", due[0] ? ", due " : "", due, done[0] ? ", done " : "", done);
      }
   }
   remedy_free_list(rem, nrem);
   Action *acts = NULL;
   size_t nacts = 0;
   ActionFilter f = { 0, NULL, c->id, true };
   if (action_list(cli->session, &f, &acts, &nacts, NULL) == RD_OK && nacts) {
      puts("\nActions");
      for (size_t i = 0; i < nacts; i++) {
         char due[RD_DATE_BUFSIZE], done[RD_DATE_BUFSIZE];
         datetime_format_date(acts[i].due_on, due);
         datetime_format_date(acts[i].done_on, done);
         printf("  #%lld %s, due %s, %s%s: ", (long long)acts[i].id, acts[i].owner_login, due,
                done[0] ? "done " : "open", done);
         cli_put_text(stdout, acts[i].what);
         putchar('\n');
      }
   }
   action_free_list(acts, nacts);
}

static void cli_show_ombudsman(Cli *cli, const Complaint *c) {
   OmbudsmanReferral *list = NULL;
   size_t n = 0;
   if (ombudsman_list(cli->session, c->id, false, &list, &n, NULL) != RD_OK || n == 0) {
      ombudsman_free_list(list, n);
      return;
   }
   puts("\nHousing Ombudsman");
   RdDate today = clock_today();
   for (size_t i = 0; i < n; i++) {
      const OmbudsmanReferral *r = &list[i];
      char referred[RD_DATE_BUFSIZE], determined[RD_DATE_BUFSIZE];
      datetime_format_date(r->referred_on, referred);
      datetime_format_date(r->determined_on, determined);
      fputs("  ", stdout);
      cli_put_text(stdout, r->their_ref);
      if (r->determination == DETERMINATION_NONE)
         printf(" referred %s: awaiting the determination\n", referred);
      else
         printf(" referred %s: %s on %s\n", referred, ombudsman_determination_name(r->determination), determined);
      for (size_t k = 0; k < r->order_count; k++) {
         const OmbudsmanOrder *o = &r->orders[k];
         char due[RD_DATE_BUFSIZE], done[RD_DATE_BUFSIZE];
         datetime_format_date(o->due_on, due);
         datetime_format_date(o->done_on, done);
         printf("    order #%lld due %s, %s%s%s (action #%lld, %s): ", (long long)o->id, due,
                ombudsman_compliance_name(ombudsman_order_compliance(o, today)), done[0] ? " " : "", done,
                (long long)o->action_id, o->owner_login);
         cli_put_text(stdout, o->text);
         putchar('\n');
      }
   }
   ombudsman_free_list(list, n);
}

static void cli_show_survey(Cli *cli, const Complaint *c) {
   SurveyStatus v;
   if (survey_status(cli->session, c->ref, &v, NULL) != RD_OK)
      return;
   char text[600];
   survey_status_words(&v, clock_today(), text, sizeof text);
   puts("\nSatisfaction survey");
   fputs("  ", stdout);
   cli_put_text(stdout, text);
   putchar('\n');
}

static void cli_show_lessons(Cli *cli, const Complaint *c) {
   LearningFilter f = { RD_NO_DATE, RD_NO_DATE, c->id };
   Lesson *list = NULL;
   size_t n = 0;
   if (learning_list(cli->session, &f, &list, &n, NULL) == RD_OK && n) {
      puts("\nLessons learned");
      for (size_t i = 0; i < n; i++) {
         char when[17];
         datetime_format_local(list[i].recorded_at, when);
         printf("  #%lld %s %s: ", (long long)list[i].id, when, list[i].recorded_by);
         cli_put_text(stdout, list[i].lesson);
         fputs("\n    improvement: ", stdout);
         cli_put_text(stdout, list[i].improvement);
         putchar('\n');
      }
   }
   learning_free_list(list, n);
}

/* Every change, contact and note of the case, oldest first, contacts and notes in full. */
static void cli_show_history(Cli *cli, const Complaint *c) {
   TimelineEntry *t = NULL;
   size_t n = 0;
   if (casefile_timeline(cli->session->store, c->id, &t, &n, NULL) != RD_OK)
      return;
   puts("\nHistory");
   for (size_t i = 0; i < n; i++) {
      char when[17];
      datetime_format_local(t[i].at, when);
      printf("  %s %-8s ", when, t[i].who);
      if (t[i].kind == TIMELINE_EVENT)
         printf("%s: ", t[i].what);
      else if (t[i].kind == TIMELINE_NOTE)
         fputs("note: ", stdout);
      else
         printf("contact %s the resident by %s: ", t[i].kind == TIMELINE_CONTACT_IN ? "from" : "to", t[i].what);
      cli_put_text(stdout, t[i].detail);
      putchar('\n');
   }
   casefile_timeline_free(t, n);
}

static int cli_case_show(Cli *cli, int argc, char **argv) {
   const char *pos[1];
   if (cli_parse(&cli_case_commands[CASE_SHOW], argc, argv, NULL, pos, 1, 1) < 0)
      return 2;
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Complaint c;
   complaint_init(&c);
   if (complaint_view(cli->session, pos[0], &c, &cli->err) != RD_OK)
      return cli_fail(cli);
   printf("%s  %s, stage %d, %s%s\n", c.ref, complaint_kind_name(c.kind), c.stage,
          complaint_is_open(&c) ? "open" : "closed", c.confidential ? ", confidential (this view is recorded)" : "");
   cli_show_person(cli, &c);
   printf("  %-22s %s\n", "channel", c.channel);
   cli_show_instant("received", c.received_at);
   cli_show_date("incident", c.incident_on);
   cli_show_text("category", c.category);
   cli_show_text("summary", c.summary);
   cli_show_text("outcome sought", c.outcome_sought);
   cli_show_staff(cli, "about", c.about_staff_id);
   cli_show_text("about the team", c.about_team);
   if (c.out_of_time)
      printf("  %-22s %s\n", "time limit", "older than the policy's limit");
   cli_show_text("accepted because", c.accepted_late_reason);
   cli_show_text("excluded", c.exclusion_code);
   cli_show_text("exclusion detail", c.exclusion_detail);
   cli_show_instant("last update sent", c.last_update_at);
   cli_show_instant("closed", c.closed_at);
   if (c.close_reason != CLOSE_NONE)
      printf("  %-22s %s\n", "closed as", complaint_close_reason_name(c.close_reason));
   cli_show_text("closing note", c.close_note);
   cli_show_instant("anonymised", c.anonymised_at);
   for (int i = 0; i < 2; i++)
      if (c.stages[i].present)
         cli_show_stage(cli, &c, &c.stages[i]);
   cli_show_remedies_and_actions(cli, &c);
   cli_show_ombudsman(cli, &c);
   cli_show_survey(cli, &c);
   cli_show_lessons(cli, &c);
   cli_show_history(cli, &c);
   complaint_clear(&c);
   return 0;
}

static bool cli_queue_filter(const char *name, QueueFilter *out) {
   static const char *const names[QUEUE_FILTER_COUNT] = {
      [QUEUE_ALL] = "all", [QUEUE_MINE] = "mine", [QUEUE_TEAM] = "team", [QUEUE_STAGE1] = "stage1",
      [QUEUE_STAGE2] = "stage2", [QUEUE_OVERDUE] = "overdue", [QUEUE_DUE_SOON] = "due-soon",
      [QUEUE_SERVICE] = "service", [QUEUE_CLOSED] = "closed",
   };
   for (int i = 0; i < QUEUE_FILTER_COUNT; i++) {
      if (strcmp(name, names[i]) == 0) {
         *out = (QueueFilter)i;
         return true;
      }
   }
   return false;
}

/* The same text markers as the screens, so a listing reads on any printer. */
static const char *cli_list_marker(const QueueRow *r) {
   if (r->next == QUEUE_NEXT_NONE)
      return "  ";
   switch (r->cls) {
   case TIMER_OVERDUE:
      return "!!";
   case TIMER_DUE_TODAY:
      return "! ";
   case TIMER_DUE_SOON:
      return "~ ";
   default:
      return "  ";
   }
}

/* 79 columns: marker, reference, complainant, stage, next, due, days left, handler, status. */
static void cli_list_row(const QueueRow *r) {
   char due[RD_DATE_BUFSIZE] = "", left[16] = "";
   datetime_format_date(r->due, due);
   if (r->days_left != QUEUE_NO_DAYS)
      snprintf(left, sizeof left, "%d", r->days_left);
   printf("%s %-9s ", cli_list_marker(r), r->ref);
   cli_put_column(stdout, r->complainant, 16);
   printf(" %d %-6s %-10s %4s ", r->stage, queue_next_label(r->next, r->stage),
          r->awaiting_agreed_date ? "to agree" : due, left);
   cli_put_column(stdout, r->handler_login[0] ? r->handler_login : "-", 8);
   putchar(' ');
   cli_put_column(stdout, r->status, 15);
   putchar('\n');
}

static int cli_case_list(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_LIST];
   const char *filter_name = "all", *search = NULL;
   const CliOption opts[] = { { "filter", &filter_name, NULL }, { "search", &search, NULL }, { NULL, NULL, NULL } };
   QueueFilter filter;
   if (cli_parse(cmd, argc, argv, opts, NULL, 0, 0) < 0)
      return 2;
   if (!cli_queue_filter(filter_name, &filter))
      return cli_usage_error(cmd, "'%s' is not a filter", filter_name);
   if (!cli_actor(cli))
      return error_exit_code(cli->err.status);
   Session *s = cli->session;
   Queue *q = queue_new(s->store, s->calendar, s->config->division, session_due_soon_days, s);
   QueueViewer viewer = { s->me.id, s->me.team, s->me.manages_team, staff_sees_every_confidential_case(&s->me) };
   RdStatus st = queue_load(q, filter, &viewer, clock_today(), &cli->err);
   if (st == RD_OK && search)
      st = queue_search(q, search, &cli->err);
   if (st != RD_OK) {
      queue_free(q);
      return cli_fail(cli);
   }
   printf("   %-9s %-16s %s %-6s %-10s %4s %-8s %s\n", "ref", "complainant", "S", "next", "due", "left",
          "handler", "status");
   for (size_t i = 0; i < queue_count(q); i++)
      cli_list_row(queue_row(q, i));
   QueueCounts n = queue_counts(q);
   printf("%zu shown: %zu overdue (!!), %zu due today (!), %zu due soon (~), %zu open\n", n.shown, n.overdue,
          n.due_today, n.due_soon, n.open);
   queue_free(q);
   return 0;
}

/* Reads --at and finds the acting staff member; false after printing why. */
static bool cli_ready(Cli *cli, const CliCommand *cmd, const char *at_text, RdInstant *at) {
   if (!cli_arg_instant(cmd, "--at", at_text, at)) {
      cli->err.status = RD_EUSAGE;
      return false;
   }
   return cli_actor(cli);
}

static int cli_case_triage(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_TRIAGE];
   const char *pos[2], *reason = NULL, *detail = NULL, *accept_late = NULL, *at_text = NULL;
   const CliOption opts[] = { { "reason", &reason, NULL }, { "detail", &detail, NULL },
                              { "accept-late", &accept_late, NULL }, { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0)
      return 2;
   ComplaintKind kind;
   RdError perr;
   if (complaint_kind_parse(pos[1], &kind, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_triage(cli->session, pos[0], 0, kind, reason, detail, accept_late, at, &cli->err));
}

static int cli_case_ack(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_ACK];
   const char *pos[1], *definition = NULL, *agreed_text = NULL, *at_text = NULL;
   const CliOption opts[] = { { "definition", &definition, NULL }, { "agreed", &agreed_text, NULL },
                              { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   RdDate agreed = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_date(cmd, "--agreed", agreed_text, &agreed))
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   RdStatus st = complaint_acknowledge(cli->session, pos[0], 0, definition, agreed, at, &cli->err);
   if (st != RD_OK)
      return cli_fail(cli);
   Complaint c;
   complaint_init(&c);
   if (complaint_get(cli->session, pos[0], &c, &cli->err) == RD_OK) {
      char due[RD_DATE_BUFSIZE];
      datetime_format_date(complaint_current_stage(&c)->response_due, due);
      printf("%s stage %d acknowledged; respond by %s\n", c.ref, c.stage, due);
   }
   complaint_clear(&c);
   return 0;
}

static int cli_case_extend(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_EXTEND];
   const char *pos[1], *to = NULL, *reason = NULL, *good = NULL, *at_text = NULL;
   bool told = false;
   const CliOption opts[] = { { "to", &to, NULL }, { "reason", &reason, NULL }, { "good-reason", &good, NULL },
                              { "told", NULL, &told }, { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   RdDate new_date = RD_NO_DATE;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0 || !cli_arg_date(cmd, "--to", to, &new_date))
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_extend(cli->session, pos[0], 0, new_date, reason, told, good, at, &cli->err));
}

static int cli_case_respond(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_RESPOND];
   const char *pos[1], *decision = NULL, *reasons = NULL, *at_text = NULL;
   bool no_remedy = false, no_actions = false;
   const CliOption opts[] = { { "decision", &decision, NULL }, { "reasons", &reasons, NULL },
                              { "no-remedy", NULL, &no_remedy }, { "no-actions", NULL, &no_actions },
                              { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   Response r = { DECISION_NONE, reasons, no_remedy, no_actions };
   RdError perr;
   if (decision && complaint_decision_parse(decision, &r.decision, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_respond(cli->session, pos[0], 0, &r, at, &cli->err));
}

static int cli_case_issue(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_ISSUE];
   const char *pos[1], *text = NULL, *at_text = NULL;
   bool unrelated = false;
   const CliOption opts[] = { { "text", &text, NULL }, { "unrelated", NULL, &unrelated }, { "at", &at_text, NULL },
                              { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   char new_ref[16];
   if (complaint_new_issue(cli->session, pos[0], 0, text, !unrelated, at, new_ref, &cli->err) != RD_OK)
      return cli_fail(cli);
   if (new_ref[0])
      printf("%s new complaint, linked to %s\n", new_ref, pos[0]);
   else
      printf("%s the issue was folded into the stage 1 response\n", pos[0]);
   return 0;
}

static int cli_case_escalate(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_ESCALATE];
   const char *pos[1], *why = NULL, *late = NULL, *at_text = NULL;
   const CliOption opts[] = { { "why", &why, NULL }, { "late-reason", &late, NULL }, { "at", &at_text, NULL },
                              { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_escalate(cli->session, pos[0], 0, why, late, at, &cli->err));
}

static int cli_case_decline(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_DECLINE];
   const char *pos[1], *reason = NULL, *at_text = NULL;
   const CliOption opts[] = { { "reason", &reason, NULL }, { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_decline(cli->session, pos[0], 0, reason, at, &cli->err));
}

static int cli_case_assign(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_ASSIGN];
   const char *pos[2], *stage_text = NULL, *at_text = NULL;
   const CliOption opts[] = { { "stage", &stage_text, NULL }, { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   long stage = 0;
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0 ||
       !cli_arg_int(cmd, "--stage", stage_text, 1, 2, &stage))
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   if (stage == 0) {
      Complaint c;
      complaint_init(&c);
      if (complaint_get(cli->session, pos[0], &c, &cli->err) != RD_OK)
         return cli_fail(cli);
      stage = c.stage;
      complaint_clear(&c);
   }
   return cli_done(cli, complaint_assign(cli->session, pos[0], 0, (int)stage, pos[1], at, &cli->err));
}

static int cli_case_conflict(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_CONFLICT];
   const char *pos[2], *reason = NULL, *at_text = NULL;
   const CliOption opts[] = { { "reason", &reason, NULL }, { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0)
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_declare_conflict(cli->session, pos[0], pos[1], reason, at, &cli->err));
}

static int cli_case_close(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_CLOSE];
   const char *pos[2], *note = NULL, *at_text = NULL;
   const CliOption opts[] = { { "note", &note, NULL }, { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0)
      return 2;
   CloseReason reason;
   RdError perr;
   if (complaint_close_reason_parse(pos[1], &reason, &perr) != RD_OK)
      return cli_usage_error(cmd, "%s", perr.message);
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_close(cli->session, pos[0], 0, reason, note, at, &cli->err));
}

static int cli_case_reopen(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_REOPEN];
   const char *pos[1], *reason = NULL, *order = NULL, *at_text = NULL;
   const CliOption opts[] = { { "reason", &reason, NULL }, { "ombudsman-order", &order, NULL },
                              { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_reopen(cli->session, pos[0], 0, reason, order, at, &cli->err));
}

static int cli_case_note(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_NOTE];
   const char *pos[2], *at_text = NULL;
   const CliOption opts[] = { { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 2, 2) < 0)
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_contact(cli->session, pos[0], "note", NULL, pos[1], at, &cli->err));
}

static int cli_case_contact(Cli *cli, int argc, char **argv) {
   const CliCommand *cmd = &cli_case_commands[CASE_CONTACT];
   const char *pos[1], *direction = NULL, *channel = NULL, *summary = NULL, *at_text = NULL;
   const CliOption opts[] = { { "direction", &direction, NULL }, { "channel", &channel, NULL },
                              { "summary", &summary, NULL }, { "at", &at_text, NULL }, { NULL, NULL, NULL } };
   RdInstant at = RD_NO_INSTANT;
   if (cli_parse(cmd, argc, argv, opts, pos, 1, 1) < 0)
      return 2;
   if (!cli_ready(cli, cmd, at_text, &at))
      return error_exit_code(cli->err.status);
   return cli_done(cli, complaint_contact(cli->session, pos[0], direction, channel, summary, at, &cli->err));
}
