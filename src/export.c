/* export: one query per table, stepped row by row into the CSV writer or into JSON objects. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lifecycle.h"
#include "redress/audit.h"
#include "redress/clock.h"
#include "redress/csv.h"
#include "redress/export.h"
#include "redress/text.h"
#include "redress/xalloc.h"

#define COUNT_OF(a) (sizeof (a) / sizeof *(a))
#define EXPORT_PROGRESS_EVERY 1024

typedef enum ExportType {
   COL_TEXT,                  /* text, dates and instants as stored */
   COL_INT,
   COL_BOOL
} ExportType;

typedef struct ExportColumn {
   const char *name;
   ExportType type;
} ExportColumn;

typedef struct ExportSpec {
   const char *name;
   const ExportColumn *columns;
   size_t column_count;
   const char *select;        /* the columns in order; ?1, where there is one, is today */
   const char *count;
   unsigned roles;            /* who may export it (StaffRole bits) */
   bool personal;             /* holds residents' details or words: each export is in the access log */
} ExportSpec;

/* The columns issue 3 names come first, in its order; what else a report needs follows. */
static const ExportColumn export_case_columns[] = {
   { "ref", COL_TEXT }, { "status", COL_TEXT }, { "stage", COL_INT }, { "category", COL_TEXT },
   { "channel", COL_TEXT }, { "received_at", COL_TEXT }, { "ack_due", COL_TEXT }, { "acknowledged_at", COL_TEXT },
   { "response_due", COL_TEXT }, { "extended_to", COL_TEXT }, { "responded_at", COL_TEXT }, { "decision", COL_TEXT },
   { "escalated_at", COL_TEXT }, { "s2_ack_due", COL_TEXT }, { "s2_acknowledged_at", COL_TEXT },
   { "s2_response_due", COL_TEXT }, { "s2_extended_to", COL_TEXT }, { "s2_responded_at", COL_TEXT },
   { "stage1_handler", COL_TEXT }, { "stage2_handler", COL_TEXT }, { "closed_at", COL_TEXT },
   { "close_reason", COL_TEXT }, { "policy", COL_TEXT }, { "kind", COL_TEXT }, { "incident_on", COL_TEXT },
   { "s2_decision", COL_TEXT }, { "s2_declined_at", COL_TEXT }, { "exclusion_code", COL_TEXT },
   { "anonymous", COL_BOOL }, { "tenancy_ref", COL_TEXT }, { "about_team", COL_TEXT }, { "summary", COL_TEXT },
};

static const char export_case_sql[] =
   "SELECT c.ref, "
   "CASE WHEN c.closed_at IS NOT NULL THEN 'closed' "
   "WHEN c.kind IN ('untriaged', 'service-request') THEN c.kind "
   "WHEN cur.responded_at IS NOT NULL THEN 'responded' "
   "WHEN cur.extended_to IS NOT NULL THEN 'extended' "
   "WHEN cur.acknowledged_at IS NOT NULL THEN 'acknowledged' "
   "ELSE 'awaiting-acknowledgement' END, "
   "c.stage, c.category, c.channel, c.received_at, s1.ack_due, s1.acknowledged_at, s1.response_due, s1.extended_to, "
   "s1.responded_at, s1.decision, s2.requested_at, s2.ack_due, s2.acknowledged_at, s2.response_due, s2.extended_to, "
   "s2.responded_at, h1.login, h2.login, c.closed_at, c.close_reason, c.policy, c.kind, c.incident_on, s2.decision, "
   "s2.declined_at, c.exclusion_code, c.anonymous, p.tenancy_ref, c.about_team, c.summary "
   "FROM complaint c "
   "LEFT JOIN stage s1 ON s1.complaint_id = c.id AND s1.number = 1 "
   "LEFT JOIN stage s2 ON s2.complaint_id = c.id AND s2.number = 2 "
   "LEFT JOIN stage cur ON cur.complaint_id = c.id AND cur.number = c.stage "
   "LEFT JOIN staff h1 ON h1.id = s1.handler_id "
   "LEFT JOIN staff h2 ON h2.id = s2.handler_id "
   "LEFT JOIN person p ON p.id = c.person_id "
   "WHERE c.confidential = 0 OR ?2 OR s1.handler_id = ?3 OR s2.handler_id = ?3 ORDER BY c.id";

static const ExportColumn export_action_columns[] = {
   { "id", COL_INT }, { "ref", COL_TEXT }, { "what", COL_TEXT }, { "owner", COL_TEXT }, { "owner_team", COL_TEXT },
   { "due_on", COL_TEXT }, { "source", COL_TEXT }, { "status", COL_TEXT }, { "done_on", COL_TEXT },
   { "created_at", COL_TEXT }, { "updates", COL_INT }, { "last_update_at", COL_TEXT },
};

static const char export_action_sql[] =
   "SELECT a.id, c.ref, a.what, s.login, s.team, a.due_on, a.source, "
   "CASE WHEN a.done_on IS NOT NULL THEN 'done' WHEN a.due_on < ?1 THEN 'overdue' ELSE 'open' END, "
   "a.done_on, a.created_at, "
   "(SELECT count(*) FROM action_update u WHERE u.action_id = a.id), "
   "(SELECT max(u.at) FROM action_update u WHERE u.action_id = a.id) "
   "FROM action a JOIN staff s ON s.id = a.owner_id LEFT JOIN complaint c ON c.id = a.complaint_id "
   "WHERE c.id IS NULL OR c.confidential = 0 OR ?2 OR a.owner_id = ?3 OR EXISTS (SELECT 1 FROM stage h "
   "WHERE h.complaint_id = c.id AND h.handler_id = ?3) ORDER BY a.id";

static const ExportColumn export_event_columns[] = {
   { "id", COL_INT }, { "at", COL_TEXT }, { "actor", COL_TEXT }, { "ref", COL_TEXT }, { "entity", COL_TEXT },
   { "entity_id", COL_INT }, { "action", COL_TEXT }, { "detail", COL_TEXT },
};

static const char export_event_sql[] =
   "SELECT e.id, e.at, e.actor, c.ref, e.entity, e.entity_id, e.action, e.detail "
   "FROM event e LEFT JOIN complaint c ON c.id = e.complaint_id ORDER BY e.id";

static const ExportColumn export_person_columns[] = {
   { "id", COL_INT }, { "kind", COL_TEXT }, { "name", COL_TEXT }, { "tenancy_ref", COL_TEXT },
   { "property", COL_TEXT }, { "phone", COL_TEXT }, { "email", COL_TEXT }, { "address", COL_TEXT },
   { "preferred_contact", COL_TEXT }, { "vulnerabilities", COL_TEXT }, { "tenancy_ended_on", COL_TEXT },
   { "do_not_contact", COL_TEXT }, { "created_at", COL_TEXT }, { "anonymised_at", COL_TEXT }, { "cases", COL_INT },
};

static const char export_person_sql[] =
   "SELECT p.id, p.kind, p.name, p.tenancy_ref, p.property, p.phone, p.email, p.address, p.preferred_contact, "
   "p.vulnerabilities, p.tenancy_ended_on, p.do_not_contact, p.created_at, p.anonymised_at, "
   "(SELECT count(*) FROM complaint c WHERE c.person_id = p.id) "
   "FROM person p ORDER BY p.id";

static const char export_case_count[] = "SELECT count(*) FROM complaint";
static const char export_action_count[] = "SELECT count(*) FROM action";
static const char export_event_count[] = "SELECT count(*) FROM event";
static const char export_person_count[] = "SELECT count(*) FROM person";

#define STAFF_ROLES (ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER | ROLE_ADMIN)

static const ExportSpec export_specs[] = {
   [EXPORT_CASES] = { "cases", export_case_columns, COUNT_OF(export_case_columns), export_case_sql,
                      export_case_count, STAFF_ROLES, true },
   [EXPORT_ACTIONS] = { "actions", export_action_columns, COUNT_OF(export_action_columns), export_action_sql,
                        export_action_count, STAFF_ROLES, true },
   [EXPORT_EVENTS] = { "events", export_event_columns, COUNT_OF(export_event_columns), export_event_sql,
                       export_event_count, ROLE_MANAGER | ROLE_ADMIN, false },
   [EXPORT_PEOPLE] = { "people", export_person_columns, COUNT_OF(export_person_columns), export_person_sql,
                       export_person_count, ROLE_MANAGER | ROLE_ADMIN, true },
};

RdStatus export_table_parse(const char *text, ExportTable *out, RdError *err) {
   for (size_t i = 0; i < COUNT_OF(export_specs); i++) {
      if (text && strcmp(text, export_specs[i].name) == 0) {
         *out = (ExportTable)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_EINPUT, "'%s' cannot be exported: choose cases, actions, events or people",
                    text ? text : "");
}

RdStatus export_format_parse(const char *text, ExportFormat *out, RdError *err) {
   if (text && strcmp(text, "csv") == 0)
      *out = EXPORT_CSV;
   else if (text && strcmp(text, "json") == 0)
      *out = EXPORT_JSON;
   else
      return error_set(err, RD_EINPUT, "'%s' is not a format: use csv or json", text ? text : "");
   return RD_OK;
}

const char *export_table_name(ExportTable table) {
   return export_specs[table].name;
}

size_t export_column_count(ExportTable table) {
   return export_specs[table].column_count;
}

const char *export_column_name(ExportTable table, size_t index) {
   return index < export_specs[table].column_count ? export_specs[table].columns[index].name : NULL;
}

/* --- writing rows -------------------------------------------------------------------------- */

static void export_csv_header(CsvWriter *w, const ExportSpec *spec) {
   for (size_t i = 0; i < spec->column_count; i++)
      csv_write_field(w, spec->columns[i].name);
   csv_end_row(w);
}

static void export_csv_row(CsvWriter *w, const ExportSpec *spec, sqlite3_stmt *q) {
   for (size_t i = 0; i < spec->column_count; i++) {
      int col = (int)i;
      if (sqlite3_column_type(q, col) == SQLITE_NULL)
         csv_write_field(w, "");
      else if (spec->columns[i].type == COL_INT)
         csv_write_integer(w, sqlite3_column_int64(q, col));
      else if (spec->columns[i].type == COL_BOOL)
         csv_write_field(w, sqlite3_column_int(q, col) ? "yes" : "no");
      else
         csv_write_field(w, store_column_text(q, col));
   }
   csv_end_row(w);
}

/* A JSON string of text, a new reference the caller owns; bytes that are not UTF-8 (which
 * redress never stores, but an older tool might have) become U+FFFD rather than making the
 * whole file invalid. */
static json_t *export_json_string(const char *text) {
   size_t len = strlen(text);
   if (text_utf8_valid(text, len, NULL))
      return json_stringn(text, len);
   TextBuf b = { 0 };
   for (size_t i = 0; i < len;) {
      uint32_t cp;
      size_t n = text_utf8_decode(text + i, len - i, &cp);
      if (n == 0) {
         text_buf_adds(&b, "\357\277\275");
         i++;
      } else {
         text_buf_add(&b, text + i, n);
         i += n;
      }
   }
   char *clean = text_buf_take(&b);
   json_t *s = json_string(clean);
   free(clean);
   return s;
}

/* The value of one column of the current row; a new reference the caller owns. */
static json_t *export_json_value(const ExportColumn *column, sqlite3_stmt *q, int col) {
   if (sqlite3_column_type(q, col) == SQLITE_NULL)
      return json_null();
   switch (column->type) {
   case COL_INT:
      return json_integer((json_int_t)sqlite3_column_int64(q, col));
   case COL_BOOL:
      return json_boolean(sqlite3_column_int(q, col) != 0);
   default:
      return export_json_string(store_column_text(q, col));
   }
}

static void export_json_row(FILE *out, const ExportSpec *spec, sqlite3_stmt *q, size_t row) {
   json_t *obj = json_object();
   for (size_t i = 0; i < spec->column_count; i++)
      json_object_set_new(obj, spec->columns[i].name, export_json_value(&spec->columns[i], q, (int)i));
   fputs(row ? ",\n  " : "[\n  ", out);
   json_dumpf(obj, out, JSON_PRESERVE_ORDER);
   json_decref(obj);
}

static size_t export_total(Session *s, const ExportSpec *spec) {
   sqlite3_stmt *q = store_stmt(s->store, spec->count, NULL);
   if (!q)
      return 0;
   size_t n = sqlite3_step(q) == SQLITE_ROW ? (size_t)sqlite3_column_int64(q, 0) : 0;
   sqlite3_reset(q);
   return n;
}

static RdStatus export_rows(Session *s, const ExportOptions *opts, const ExportSpec *spec, FILE *out, size_t *rows,
                            RdError *err) {
   size_t total = opts->progress ? export_total(s, spec) : 0;
   sqlite3_stmt *q = store_stmt(s->store, spec->select, err);
   if (!q)
      return RD_EDB;
   /* ?1 today; ?2 whether the exporter sees every confidential case; ?3 who they are. */
   int params = sqlite3_bind_parameter_count(q);
   if (params >= 1)
      store_bind_date(q, 1, clock_today());
   if (params >= 3) {
      sqlite3_bind_int(q, 2, (s->me.roles & (ROLE_MANAGER | ROLE_ADMIN)) != 0);
      sqlite3_bind_int64(q, 3, s->me.id);
   }
   CsvWriter w;
   if (opts->format == EXPORT_CSV) {
      csv_writer_init(&w, out, opts->bom ? CSV_BOM : 0);
      export_csv_header(&w, spec);
   }
   size_t n = 0;
   int rc;
   while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (opts->format == EXPORT_CSV)
         export_csv_row(&w, spec, q);
      else
         export_json_row(out, spec, q, n);
      n++;
      if (opts->progress && n % EXPORT_PROGRESS_EVERY == 0)
         opts->progress(opts->progress_data, n, total > n ? total : n);
   }
   sqlite3_reset(q);
   if (rc != SQLITE_DONE)
      return store_fail(s->store, err, "reading what to export");
   if (opts->format == EXPORT_JSON)
      fputs(n ? "\n]\n" : "[]\n", out);
   if (opts->progress)
      opts->progress(opts->progress_data, n, n);
   *rows = n;
   return RD_OK;
}

/* Taking residents' details away is recorded before the first row is written, so nothing
 * leaves that was not recorded (an export that then fails stays recorded as tried). */
static RdStatus export_record(Session *s, const ExportOptions *opts, const ExportSpec *spec, RdError *err) {
   if (store_read_only(s->store))
      return error_set(err, RD_ERULE, "every export of %s is recorded in the access log, which cannot be done while "
                       "the database is read-only: open it without --read-only", spec->name);
   RdStatus st = store_begin(s->store, err);
   if (st != RD_OK)
      return st;
   char detail[96];
   snprintf(detail, sizeof detail, "every %s the exporter may see, %s, %s",
            opts->table == EXPORT_PEOPLE ? "person" : opts->table == EXPORT_CASES ? "case" : "action",
            opts->format == EXPORT_JSON ? "JSON" : "CSV", opts->to_file ? "to a file" : "on the screen or a pipe");
   AccessRecord rec = { ACCESS_EXPORT, 0, 0, detail };
   st = audit_access(s->store, s->me.login, clock_now(), &rec, err);
   if (st == RD_OK)
      return store_commit(s->store, err);
   store_rollback(s->store);
   return st;
}

RdStatus export_write(Session *s, const ExportOptions *opts, FILE *out, const char *name, size_t *rows,
                      RdError *err) {
   const ExportSpec *spec = &export_specs[opts->table];
   char doing[64];
   snprintf(doing, sizeof doing, "export %s", spec->name);
   RdStatus st = lifecycle_require(s, spec->roles, doing, err);
   if (st != RD_OK)
      return st;
   if (opts->bom && opts->format != EXPORT_CSV)
      return error_set(err, RD_EINPUT, "a byte order mark is for CSV files that Excel opens, not for JSON");
   if (spec->personal && (st = export_record(s, opts, spec, err)) != RD_OK)
      return st;
   size_t n = 0;
   st = export_rows(s, opts, spec, out, &n, err);
   if (rows)
      *rows = n;
   if (st == RD_OK && (fflush(out) != 0 || ferror(out)))
      st = error_set(err, RD_EIO, "error writing %s: the export is incomplete (is the disk full?)", name);
   return st;
}
