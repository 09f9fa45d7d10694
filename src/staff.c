/* staff: reading and writing staff records. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/audit.h"
#include "redress/clock.h"
#include "redress/staff.h"
#include "redress/xalloc.h"

#define STAFF_COLUMNS \
   "id, login, full_name, team, grade, is_front_desk, is_handler, is_manager, is_admin, " \
   "manages_team, complaints_trained_on, ombudsman_trained_on, email, active, version"

static const struct {
   StaffRole role;
   const char *word;
} staff_role_words[] = {
   { ROLE_FRONT_DESK, "front-desk" },
   { ROLE_HANDLER, "handler" },
   { ROLE_MANAGER, "manager" },
   { ROLE_ADMIN, "admin" },
};
#define STAFF_ROLE_COUNT (sizeof staff_role_words / sizeof *staff_role_words)

void staff_init(Staff *s) {
   memset(s, 0, sizeof *s);
   s->grade = 1;
   s->active = true;
   s->complaints_trained_on = RD_NO_DATE;
   s->ombudsman_trained_on = RD_NO_DATE;
}

void staff_clear(Staff *s) {
   free(s->login);
   free(s->full_name);
   free(s->team);
   free(s->manages_team);
   free(s->email);
   staff_init(s);
}

RdStatus staff_parse_roles(const char *text, unsigned *out, RdError *err) {
   unsigned roles = 0;
   char *copy = xstrdup(text ? text : "");
   char *save = NULL;
   RdStatus st = RD_OK;
   for (char *w = strtok_r(copy, ", ", &save); w && st == RD_OK; w = strtok_r(NULL, ", ", &save)) {
      bool found = false;
      for (size_t i = 0; i < STAFF_ROLE_COUNT; i++) {
         if (strcmp(w, staff_role_words[i].word) == 0) {
            roles |= staff_role_words[i].role;
            found = true;
         }
      }
      if (!found)
         st = error_set(err, RD_EINPUT, "'%s' is not a role: use front-desk, handler, manager, admin", w);
   }
   free(copy);
   if (st == RD_OK && roles == 0)
      st = error_set(err, RD_EINPUT, "give at least one role: front-desk, handler, manager, admin");
   if (st == RD_OK)
      *out = roles;
   return st;
}

void staff_format_roles(unsigned roles, char *buf, size_t size) {
   buf[0] = '\0';
   for (size_t i = 0; i < STAFF_ROLE_COUNT; i++) {
      if (!(roles & staff_role_words[i].role))
         continue;
      size_t used = strlen(buf);
      snprintf(buf + used, size - used, "%s%s", used ? "," : "", staff_role_words[i].word);
   }
}

bool staff_has(const Staff *s, StaffRole role) {
   return s && s->active && (s->roles & role);
}

bool staff_sees_every_confidential_case(const Staff *s) {
   return staff_has(s, ROLE_MANAGER) || staff_has(s, ROLE_ADMIN);
}

bool staff_is_trained(const Staff *s) {
   return s->complaints_trained_on != RD_NO_DATE && s->ombudsman_trained_on != RD_NO_DATE;
}

static void staff_read_row(sqlite3_stmt *stmt, Staff *s) {
   staff_init(s);
   s->id = sqlite3_column_int64(stmt, 0);
   s->login = store_column_dup(stmt, 1);
   s->full_name = store_column_dup(stmt, 2);
   s->team = store_column_dup(stmt, 3);
   s->grade = sqlite3_column_int(stmt, 4);
   s->roles = (sqlite3_column_int(stmt, 5) ? ROLE_FRONT_DESK : 0) | (sqlite3_column_int(stmt, 6) ? ROLE_HANDLER : 0) |
              (sqlite3_column_int(stmt, 7) ? ROLE_MANAGER : 0) | (sqlite3_column_int(stmt, 8) ? ROLE_ADMIN : 0);
   s->manages_team = store_column_dup(stmt, 9);
   s->complaints_trained_on = store_column_date(stmt, 10);
   s->ombudsman_trained_on = store_column_date(stmt, 11);
   s->email = store_column_dup(stmt, 12);
   s->active = sqlite3_column_int(stmt, 13) != 0;
   s->version = sqlite3_column_int(stmt, 14);
}

static RdStatus staff_fetch_one(Store *st, sqlite3_stmt *stmt, Staff *out, const char *what, RdError *err) {
   int rc = sqlite3_step(stmt);
   RdStatus s = RD_OK;
   if (rc == SQLITE_ROW)
      staff_read_row(stmt, out);
   else if (rc == SQLITE_DONE)
      s = error_set(err, RD_ENOTFOUND, "%s", what);
   else
      s = store_fail(st, err, "reading staff");
   sqlite3_reset(stmt);
   return s;
}

RdStatus staff_by_login(Store *st, const char *login, Staff *out, RdError *err) {
   static const char sql[] = "SELECT " STAFF_COLUMNS " FROM staff WHERE login = ?1";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   store_bind_text(stmt, 1, login);
   char what[200];
   snprintf(what, sizeof what, "no staff member has the login '%s'", login);
   return staff_fetch_one(st, stmt, out, what, err);
}

RdStatus staff_by_id(Store *st, int64_t id, Staff *out, RdError *err) {
   static const char sql[] = "SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?1";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int64(stmt, 1, id);
   char what[64];
   snprintf(what, sizeof what, "no staff record %lld", (long long)id);
   return staff_fetch_one(st, stmt, out, what, err);
}

RdStatus staff_list(Store *st, bool include_inactive, Staff **out, size_t *count, RdError *err) {
   static const char sql[] = "SELECT " STAFF_COLUMNS " FROM staff WHERE active = 1 OR ?1 ORDER BY login";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_int(stmt, 1, include_inactive);
   Staff *list = NULL;
   size_t n = 0, cap = 0;
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (n == cap) {
         cap = cap ? cap * 2 : 16;
         list = xreallocarray(list, cap, sizeof *list);
      }
      staff_read_row(stmt, &list[n++]);
   }
   sqlite3_reset(stmt);
   if (rc != SQLITE_DONE) {
      staff_free_list(list, n);
      return store_fail(st, err, "listing staff");
   }
   *out = list;
   *count = n;
   return RD_OK;
}

void staff_free_list(Staff *list, size_t count) {
   for (size_t i = 0; i < count; i++)
      staff_clear(&list[i]);
   free(list);
}

static RdStatus staff_validate(const Staff *s, RdError *err) {
   if (!s->login || !*s->login || strchr(s->login, ' ') || strlen(s->login) > 32)
      return error_set(err, RD_EINPUT, "a login must be given, without spaces, at most 32 characters");
   if (!s->full_name || !*s->full_name)
      return error_set(err, RD_EINPUT, "a full name must be given for %s", s->login);
   if (s->grade < 1 || s->grade > 9)
      return error_set(err, RD_EINPUT, "grade %d is out of range: 1 (most junior) to 9 (most senior)", s->grade);
   if (s->roles == 0)
      return error_set(err, RD_EINPUT, "%s needs at least one role", s->login);
   return RD_OK;
}

static void staff_bind_fields(sqlite3_stmt *stmt, const Staff *s) {
   store_bind_text(stmt, 1, s->login);
   store_bind_text(stmt, 2, s->full_name);
   store_bind_text(stmt, 3, s->team ? s->team : "");
   sqlite3_bind_int(stmt, 4, s->grade);
   sqlite3_bind_int(stmt, 5, (s->roles & ROLE_FRONT_DESK) != 0);
   sqlite3_bind_int(stmt, 6, (s->roles & ROLE_HANDLER) != 0);
   sqlite3_bind_int(stmt, 7, (s->roles & ROLE_MANAGER) != 0);
   sqlite3_bind_int(stmt, 8, (s->roles & ROLE_ADMIN) != 0);
   store_bind_text(stmt, 9, s->manages_team ? s->manages_team : "");
   store_bind_date(stmt, 10, s->complaints_trained_on);
   store_bind_date(stmt, 11, s->ombudsman_trained_on);
   store_bind_text(stmt, 12, s->email ? s->email : "");
   sqlite3_bind_int(stmt, 13, s->active);
}

static RdStatus staff_require_admin(Store *st, const Staff *actor, const char *doing, RdError *err) {
   if (staff_has(actor, ROLE_ADMIN))
      return RD_OK;
   error_set(err, RD_EDENIED, "only an admin may %s (%s is not an admin)", doing, actor ? actor->login : "nobody");
   audit_refusal(st, actor ? actor->login : "nobody", doing, err->message);
   return RD_EDENIED;
}

static RdStatus staff_insert(Store *st, const char *actor_login, Staff *s, RdError *err) {
   static const char sql[] =
      "INSERT INTO staff (login, full_name, team, grade, is_front_desk, is_handler, is_manager, "
      "is_admin, manages_team, complaints_trained_on, ombudsman_trained_on, email, active, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   staff_bind_fields(stmt, s);
   store_bind_instant(stmt, 14, clock_now());
   RdStatus r = store_run(st, stmt, err);
   if (r == RD_EINPUT)
      return error_set(err, RD_ERULE, "there is already a staff member with the login '%s'", s->login);
   if (r != RD_OK)
      return r;
   s->id = sqlite3_last_insert_rowid(store_db(st));
   s->version = 1;
   char roles[64], detail[256];
   staff_format_roles(s->roles, roles, sizeof roles);
   snprintf(detail, sizeof detail, "%s (%s), team '%s', grade %d, roles %s", s->login, s->full_name,
            s->team ? s->team : "", s->grade, roles);
   AuditEvent ev = { 0, "staff", s->id, "added", detail };
   return audit_record(st, actor_login, clock_now(), &ev, err);
}

RdStatus staff_add(Store *st, const Staff *actor, Staff *s, RdError *err) {
   RdStatus r = actor ? staff_require_admin(st, actor, "add staff", err) : RD_OK;
   if (r == RD_OK)
      r = staff_validate(s, err);
   if (r != RD_OK)
      return r;
   bool own_tx = !store_in_transaction(st);
   if (own_tx && (r = store_begin(st, err)) != RD_OK)
      return r;
   r = staff_insert(st, actor ? actor->login : s->login, s, err);
   if (!own_tx)
      return r;
   if (r == RD_OK)
      return store_commit(st, err);
   store_rollback(st);
   return r;
}

RdStatus staff_update(Store *st, const Staff *actor, Staff *s, RdError *err) {
   static const char sql[] =
      "UPDATE staff SET login = ?1, full_name = ?2, team = ?3, grade = ?4, is_front_desk = ?5, "
      "is_handler = ?6, is_manager = ?7, is_admin = ?8, manages_team = ?9, complaints_trained_on = ?10, "
      "ombudsman_trained_on = ?11, email = ?12, active = ?13, version = version + 1 "
      "WHERE id = ?14 AND version = ?15";
   RdStatus r = staff_require_admin(st, actor, "change staff records", err);
   if (r == RD_OK)
      r = staff_validate(s, err);
   if (r == RD_OK)
      r = store_begin(st, err);
   if (r != RD_OK)
      return r;
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt) {
      store_rollback(st);
      return RD_EDB;
   }
   staff_bind_fields(stmt, s);
   sqlite3_bind_int64(stmt, 14, s->id);
   sqlite3_bind_int(stmt, 15, s->version);
   r = store_run(st, stmt, err);
   if (r == RD_OK && sqlite3_changes(store_db(st)) == 0)
      r = error_set(err, RD_ECONFLICT, "the staff record of %s was changed by someone else since you "
                    "read it: read it again and repeat your change", s->login);
   if (r == RD_OK) {
      char roles[64], detail[256];
      staff_format_roles(s->roles, roles, sizeof roles);
      snprintf(detail, sizeof detail, "%s: team '%s', grade %d, roles %s%s", s->login, s->team ? s->team : "",
               s->grade, roles, s->active ? "" : ", inactive");
      AuditEvent ev = { 0, "staff", s->id, "updated", detail };
      r = audit_record(st, actor->login, clock_now(), &ev, err);
   }
   if (r == RD_OK && (r = store_commit(st, err)) == RD_OK) {
      s->version++;
      return RD_OK;
   }
   store_rollback(st);
   return r;
}
