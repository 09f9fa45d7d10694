/* store: opening, migrating and checking the database; the statement cache. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "redress/store.h"
#include "redress/xalloc.h"

/* From schema.c, generated from data/schema/ at build time. */
extern const char *const store_schema_sql[];
extern const int store_schema_count;

typedef struct StoreCached {
   const char *sql;
   sqlite3_stmt *stmt;
} StoreCached;

struct Store {
   sqlite3 *db;
   char *path;
   bool read_only;
   StoreCached *cache;
   size_t cached;
   size_t cache_capacity;
};

int store_schema_version(void) {
   return store_schema_count;
}

RdStatus store_fail(Store *st, RdError *err, const char *doing) {
   int code = sqlite3_extended_errcode(st->db);
   RdStatus status = RD_EDB;
   const char *hint = "";
   switch (code & 0xff) {
   case SQLITE_BUSY:
   case SQLITE_LOCKED:
      hint = " (others are saving; try again in a moment)";
      break;
   case SQLITE_FULL:
      hint = " (the disk is full: nothing was saved; free space and try again)";
      break;
   case SQLITE_READONLY:
      hint = " (the database is read-only for you: nothing was saved)";
      break;
   case SQLITE_CONSTRAINT:
      status = RD_EINPUT;
      break;
   default:
      break;
   }
   return error_set(err, status, "%s: %s%s", doing, sqlite3_errmsg(st->db), hint);
}

/* Refuses a file that is not an SQLite database before SQLite opens it. */
static RdStatus store_check_header(const char *path, RdError *err) {
   int fd = open(path, O_RDONLY | O_CLOEXEC);
   if (fd < 0)
      return error_set(err, errno == ENOENT ? RD_ENOTFOUND : RD_EIO,
                       errno == ENOENT ? "there is no database at %s: create one with 'redress init --db %s'"
                                       : "cannot open %s: %m", path, path);
   char magic[16] = { 0 };
   ssize_t n = read(fd, magic, sizeof magic);
   close(fd);
   if (n != (ssize_t)sizeof magic || memcmp(magic, "SQLite format 3", 16) != 0)
      return error_set(err, RD_EINPUT, "%s is not a redress database (it is not SQLite at all); "
                       "it was left untouched", path);
   return RD_OK;
}

static RdStatus store_exec(Store *st, const char *sql, RdError *err, const char *doing) {
   char *msg = NULL;
   if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
      RdStatus s = error_set(err, RD_EDB, "%s: %s", doing, msg ? msg : sqlite3_errmsg(st->db));
      sqlite3_free(msg);
      return s;
   }
   return RD_OK;
}

static int64_t store_pragma_int(Store *st, const char *pragma) {
   sqlite3_stmt *stmt = NULL;
   int64_t v = -1;
   char *sql = xasprintf("PRAGMA %s", pragma);
   if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
      v = sqlite3_column_int64(stmt, 0);
   sqlite3_finalize(stmt);
   free(sql);
   return v;
}

static int store_table_count(Store *st) {
   sqlite3_stmt *stmt = NULL;
   int n = -1;
   if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_step(stmt) == SQLITE_ROW)
      n = sqlite3_column_int(stmt, 0);
   sqlite3_finalize(stmt);
   return n;
}

/* A database is ours when it carries our application id; a brand-new empty one is
 * accepted only when we are creating it. */
static RdStatus store_check_identity(Store *st, bool creating, RdError *err) {
   int tables = store_table_count(st);
   if (tables < 0)
      return error_set(err, RD_EINPUT, "%s is not a redress database (%s); it was left untouched",
                       st->path, sqlite3_errmsg(st->db));
   int64_t app = store_pragma_int(st, "application_id");
   int64_t version = store_pragma_int(st, "user_version");
   if (creating && tables == 0 && app == 0)
      return RD_OK;
   if (app != STORE_APPLICATION_ID)
      return error_set(err, RD_EINPUT, "%s is an SQLite database but not a redress one; it was left "
                       "untouched", st->path);
   if (version > store_schema_count)
      return error_set(err, RD_EDB, "%s was made by a newer redress (schema version %lld; this redress "
                       "knows up to %d): upgrade redress before using it", st->path, (long long)version,
                       store_schema_count);
   return RD_OK;
}

static RdStatus store_migrate(Store *st, RdError *err) {
   RdStatus s = store_begin(st, err);
   if (s != RD_OK)
      return s;
   /* Read again inside the transaction: another process may have migrated meanwhile. */
   int64_t version = store_pragma_int(st, "user_version");
   for (int v = (int)version; v < store_schema_count && s == RD_OK; v++) {
      char doing[64];
      snprintf(doing, sizeof doing, "upgrading the database to schema version %d", v + 1);
      s = store_exec(st, store_schema_sql[v], err, doing);
   }
   if (s == RD_OK && version < store_schema_count) {
      char *sql = xasprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", STORE_APPLICATION_ID,
                            store_schema_count);
      s = store_exec(st, sql, err, "stamping the schema version");
      free(sql);
   }
   if (s == RD_OK)
      return store_commit(st, err);
   store_rollback(st);
   return s;
}

static RdStatus store_configure(Store *st, RdError *err) {
   sqlite3_busy_timeout(st->db, 10000);
   sqlite3_extended_result_codes(st->db, 1);
   RdStatus s = store_exec(st, "PRAGMA foreign_keys = ON", err, "enabling foreign keys");
   if (s == RD_OK && !st->read_only)
      s = store_exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", err, "enabling WAL");
   return s;
}

static RdStatus store_prepare_file(const char *path, StoreOpen how, RdError *err) {
   if (how != STORE_CREATE_NEW)
      return store_check_header(path, err);
   if (access(path, F_OK) == 0)
      return error_set(err, RD_ERULE, "%s already exists: redress will not overwrite a database "
                       "(choose another path with --db, or remove it yourself)", path);
   char *dir = xstrdup(path);
   char *slash = strrchr(dir, '/');
   RdStatus s = RD_OK;
   if (slash && slash != dir) {
      *slash = '\0';
      for (char *p = dir + 1; *p; p++) {
         if (*p != '/')
            continue;
         *p = '\0';
         mkdir(dir, 0770);
         *p = '/';
      }
      if (mkdir(dir, 0770) != 0 && errno != EEXIST)
         s = error_set(err, RD_EIO, "cannot create the folder %s: %m", dir);
   }
   free(dir);
   return s;
}

RdStatus store_open(const char *path, StoreOpen how, Store **out, RdError *err) {
   RdStatus s = store_prepare_file(path, how, err);
   if (s != RD_OK)
      return s;
   Store *st = xcalloc(1, sizeof *st);
   st->path = xstrdup(path);
   st->read_only = how == STORE_READ_ONLY;
   int flags = st->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
   if (how == STORE_CREATE_NEW)
      flags |= SQLITE_OPEN_CREATE;
   if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
      s = error_set(err, RD_EDB, "cannot open the database %s: %s", path,
                    st->db ? sqlite3_errmsg(st->db) : "out of memory");
      goto fail;
   }
   /* SQLite creates files 0644 less the umask; the office's staff group writes too. */
   if (how == STORE_CREATE_NEW && chmod(path, 0660) != 0) {
      s = error_set(err, RD_EIO, "cannot make %s writable by its group: %m", path);
      goto fail;
   }
   /* Before the first read: a colleague's commit or checkpoint in progress is waited for,
    * not mistaken for a file that is not a redress database. */
   sqlite3_busy_timeout(st->db, 10000);
   s = store_check_identity(st, how == STORE_CREATE_NEW, err);
   if (s == RD_OK)
      s = store_configure(st, err);
   if (s == RD_OK && !st->read_only)
      s = store_migrate(st, err);
   if (s == RD_OK && st->read_only && store_pragma_int(st, "user_version") < store_schema_count)
      s = error_set(err, RD_EDB, "%s needs upgrading, which a read-only open cannot do", path);
   if (s != RD_OK)
      goto fail;
   *out = st;
   return RD_OK;
fail:
   store_close(st);
   return s;
}

void store_close(Store *st) {
   if (!st)
      return;
   for (size_t i = 0; i < st->cached; i++)
      sqlite3_finalize(st->cache[i].stmt);
   free(st->cache);
   sqlite3_close(st->db);
   free(st->path);
   free(st);
}

const char *store_path(const Store *st) {
   return st->path;
}

bool store_read_only(const Store *st) {
   return st->read_only;
}

sqlite3 *store_db(Store *st) {
   return st->db;
}

sqlite3_stmt *store_stmt(Store *st, const char *sql, RdError *err) {
   for (size_t i = 0; i < st->cached; i++) {
      if (st->cache[i].sql == sql) {
         sqlite3_reset(st->cache[i].stmt);
         sqlite3_clear_bindings(st->cache[i].stmt);
         return st->cache[i].stmt;
      }
   }
   sqlite3_stmt *stmt = NULL;
   if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
      store_fail(st, err, "preparing a query");
      return NULL;
   }
   if (st->cached == st->cache_capacity) {
      st->cache_capacity = st->cache_capacity ? st->cache_capacity * 2 : 32;
      st->cache = xreallocarray(st->cache, st->cache_capacity, sizeof *st->cache);
   }
   st->cache[st->cached++] = (StoreCached){ sql, stmt };
   return stmt;
}

RdStatus store_begin(Store *st, RdError *err) {
   if (st->read_only)
      return error_set(err, RD_EDB, "the database is open for reading only: nothing was saved");
   return store_exec(st, "BEGIN IMMEDIATE", err, "starting to save");
}

RdStatus store_commit(Store *st, RdError *err) {
   RdStatus s = store_exec(st, "COMMIT", err, "saving");
   if (s != RD_OK)
      store_rollback(st);
   return s;
}

void store_rollback(Store *st) {
   if (!sqlite3_get_autocommit(st->db))
      sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

bool store_in_transaction(Store *st) {
   return !sqlite3_get_autocommit(st->db);
}

RdStatus store_run(Store *st, sqlite3_stmt *stmt, RdError *err) {
   int rc = sqlite3_step(stmt);
   RdStatus s = RD_OK;
   if (rc != SQLITE_DONE && rc != SQLITE_ROW)
      s = store_fail(st, err, "saving");
   sqlite3_reset(stmt);
   return s;
}

int64_t store_data_version(Store *st) {
   return store_pragma_int(st, "data_version");
}

void store_bind_text(sqlite3_stmt *stmt, int idx, const char *text) {
   if (text)
      sqlite3_bind_text(stmt, idx, text, -1, SQLITE_TRANSIENT);
   else
      sqlite3_bind_null(stmt, idx);
}

void store_bind_date(sqlite3_stmt *stmt, int idx, RdDate date) {
   if (date == RD_NO_DATE) {
      sqlite3_bind_null(stmt, idx);
      return;
   }
   char buf[RD_DATE_BUFSIZE];
   datetime_format_date(date, buf);
   sqlite3_bind_text(stmt, idx, buf, -1, SQLITE_TRANSIENT);
}

void store_bind_instant(sqlite3_stmt *stmt, int idx, RdInstant t) {
   if (t == RD_NO_INSTANT) {
      sqlite3_bind_null(stmt, idx);
      return;
   }
   char buf[RD_INSTANT_BUFSIZE];
   datetime_format_instant(t, buf);
   sqlite3_bind_text(stmt, idx, buf, -1, SQLITE_TRANSIENT);
}

void store_bind_id(sqlite3_stmt *stmt, int idx, int64_t id) {
   if (id > 0)
      sqlite3_bind_int64(stmt, idx, id);
   else
      sqlite3_bind_null(stmt, idx);
}

RdDate store_column_date(sqlite3_stmt *stmt, int col) {
   const char *text = (const char *)sqlite3_column_text(stmt, col);
   RdDate d;
   if (!text || datetime_parse_date(text, &d, NULL) != RD_OK)
      return RD_NO_DATE;
   return d;
}

RdInstant store_column_instant(sqlite3_stmt *stmt, int col) {
   const char *text = (const char *)sqlite3_column_text(stmt, col);
   RdInstant t;
   if (!text || datetime_parse_instant(text, &t, NULL) != RD_OK)
      return RD_NO_INSTANT;
   return t;
}

char *store_column_dup(sqlite3_stmt *stmt, int col) {
   const char *text = (const char *)sqlite3_column_text(stmt, col);
   return text ? xstrdup(text) : NULL;
}

const char *store_column_text(sqlite3_stmt *stmt, int col) {
   const char *text = (const char *)sqlite3_column_text(stmt, col);
   return text ? text : "";
}

char *store_meta_get(Store *st, const char *key) {
   static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
   sqlite3_stmt *stmt = store_stmt(st, sql, NULL);
   if (!stmt)
      return NULL;
   sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
   char *value = sqlite3_step(stmt) == SQLITE_ROW ? store_column_dup(stmt, 0) : NULL;
   sqlite3_reset(stmt);
   return value;
}

RdStatus store_meta_set(Store *st, const char *key, const char *value, RdError *err) {
   static const char sql[] = "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
   sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
   return store_run(st, stmt, err);
}

/* --- backup and restore ------------------------------------------------------------- */

static RdStatus store_copy(sqlite3 *from, sqlite3 *to, const char *doing, RdError *err) {
   sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
   if (!b)
      return error_set(err, RD_EDB, "%s: %s", doing, sqlite3_errmsg(to));
   int rc;
   /* Small steps with pauses let colleagues' writes through during a long copy. */
   while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
      if (rc != SQLITE_OK)
         sqlite3_sleep(20);
   sqlite3_backup_finish(b);
   if (rc != SQLITE_DONE)
      return error_set(err, RD_EDB, "%s: %s", doing, sqlite3_errstr(rc));
   return RD_OK;
}

static RdStatus store_integrity_of(sqlite3 *db, const char *path, RdError *err) {
   sqlite3_stmt *q = NULL;
   RdStatus st = RD_OK;
   if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW ||
       strcmp((const char *)sqlite3_column_text(q, 0), "ok") != 0)
      st = error_set(err, RD_EDB, "%s failed its integrity check", path);
   sqlite3_finalize(q);
   return st;
}

RdStatus store_backup(Store *st, const char *path, int64_t *bytes, RdError *err) {
   if (access(path, F_OK) == 0)
      return error_set(err, RD_ERULE, "%s already exists: redress will not overwrite it (choose a new name, "
                       "e.g. with the date in it)", path);
   sqlite3 *to = NULL;
   RdStatus s = RD_OK;
   int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
   if (fd < 0)
      return error_set(err, RD_EIO, "cannot create %s: %m", path);
   close(fd);
   if (sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
      s = error_set(err, RD_EIO, "cannot open %s for the backup: %s", path, to ? sqlite3_errmsg(to) : "no memory");
   if (s == RD_OK)
      s = store_copy(st->db, to, "copying the database", err);
   if (s == RD_OK)
      s = store_integrity_of(to, path, err);
   /* A backup is one self-contained file, not a database with -wal and -shm beside it. */
   if (s == RD_OK && sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
      s = error_set(err, RD_EDB, "finishing the backup %s: %s", path, sqlite3_errmsg(to));
   sqlite3_close(to);
   struct stat sb;
   if (s == RD_OK && stat(path, &sb) == 0 && bytes)
      *bytes = (int64_t)sb.st_size;
   if (s != RD_OK)
      unlink(path);
   return s;
}

RdStatus store_probe(const char *path, int *schema_version, RdError *err) {
   RdStatus s = store_check_header(path, err);
   if (s != RD_OK)
      return s;
   Store probe = { 0 };
   probe.path = xstrdup(path);
   if (sqlite3_open_v2(path, &probe.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
      s = error_set(err, RD_EINPUT, "%s cannot be opened as a database", path);
   } else {
      s = store_check_identity(&probe, false, err);
      if (s == RD_OK && schema_version)
         *schema_version = (int)store_pragma_int(&probe, "user_version");
      if (s == RD_OK)
         s = store_integrity_of(probe.db, path, err);
   }
   sqlite3_close(probe.db);
   free(probe.path);
   return s;
}

RdStatus store_restore(Store *st, const char *path, const char *safety_copy, RdError *err) {
   RdStatus s = store_probe(path, NULL, err);
   if (s != RD_OK)
      return s;
   s = store_backup(st, safety_copy, NULL, err);
   if (s != RD_OK) {
      error_prefix(err, "keeping a copy of the current database before restoring");
      return s;
   }
   sqlite3 *from = NULL;
   if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
      s = error_set(err, RD_EIO, "cannot open %s: %s", path, from ? sqlite3_errmsg(from) : "no memory");
   /* The statement cache holds the old schema's plans; drop them before the copy. */
   for (size_t i = 0; i < st->cached; i++)
      sqlite3_finalize(st->cache[i].stmt);
   st->cached = 0;
   if (s == RD_OK)
      s = store_copy(from, st->db, "restoring the database", err);
   sqlite3_close(from);
   if (s == RD_OK)
      s = store_migrate(st, err);
   return s;
}

/* --- redress check ----------------------------------------------------------------- */

typedef struct StoreRule {
   const char *sql;     /* returns one row per problem: a reference and a detail */
   const char *words;   /* what is wrong, said to a person */
} StoreRule;

static const StoreRule store_rules[] = {
   { "SELECT ref, kind FROM complaint c WHERE kind = 'complaint' AND NOT EXISTS "
     "(SELECT 1 FROM stage s WHERE s.complaint_id = c.id AND s.number = 1)",
     "is a complaint with no stage 1 record" },
   { "SELECT ref, stage FROM complaint c WHERE stage = 2 AND NOT EXISTS "
     "(SELECT 1 FROM stage s WHERE s.complaint_id = c.id AND s.number = 2)",
     "is at stage 2 with no stage 2 record" },
   { "SELECT ref, closed_at FROM complaint WHERE closed_at IS NOT NULL AND close_reason IS NULL",
     "is closed without a reason" },
   { "SELECT c.ref, s.number FROM stage s JOIN complaint c ON c.id = s.complaint_id "
     "WHERE s.responded_at IS NOT NULL AND (s.decision IS NULL OR s.reasons IS NULL OR s.reasons = '')",
     "has a response without a decision and reasons (stage shown)" },
   { "SELECT c.ref, s.number FROM stage s JOIN complaint c ON c.id = s.complaint_id "
     "WHERE s.response_due IS NULL AND s.agreed_on IS NULL AND s.declined_at IS NULL "
     "AND c.closed_at IS NULL AND c.kind = 'complaint'",
     "is open with no response due date stored (stage shown)" },
   { "SELECT ref, exclusion_code FROM complaint WHERE kind = 'excluded' AND "
     "(exclusion_code IS NULL OR exclusion_code = '')",
     "was excluded without a recorded reason" },
   { "SELECT c.ref, r.their_ref FROM ombudsman_order o JOIN ombudsman_referral r ON r.id = o.referral_id "
     "JOIN complaint c ON c.id = r.complaint_id WHERE r.determination IS NULL OR r.determination NOT IN "
     "('service-failure', 'maladministration', 'severe-maladministration')",
     "has an Ombudsman order without a finding of failure (their reference shown)" },
   { "SELECT c.ref, o.id FROM ombudsman_order o JOIN ombudsman_referral r ON r.id = o.referral_id "
     "JOIN complaint c ON c.id = r.complaint_id JOIN action a ON a.id = o.action_id "
     "WHERE a.source <> 'ombudsman-order' OR a.complaint_id IS NOT r.complaint_id OR a.due_on <> o.due_on",
     "has an Ombudsman order not carried by its own action (order shown)" },
   { "SELECT c.ref, v.answered_on FROM survey v JOIN complaint c ON c.id = v.complaint_id "
     "WHERE v.satisfied IS NOT NULL AND v.sent_on IS NULL",
     "has a survey answer but no survey sent (answer date shown)" },
   { "SELECT 'audit log', name FROM (SELECT 'event_no_update' AS name UNION ALL "
     "SELECT 'event_no_delete') WHERE name NOT IN (SELECT name FROM sqlite_schema WHERE type = 'trigger')",
     "is missing its protecting trigger" },
   { "SELECT 'access log', name FROM (SELECT 'access_log_no_update' AS name UNION ALL "
     "SELECT 'access_log_no_delete') WHERE name NOT IN (SELECT name FROM sqlite_schema WHERE type = 'trigger')",
     "is missing its protecting trigger" },
};

static RdStatus store_check_pragma(Store *st, const char *sql, const char *label, FILE *out,
                                   int *problems, RdError *err) {
   sqlite3_stmt *stmt = NULL;
   if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
      return store_fail(st, err, label);
   int rc;
   while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const char *text = (const char *)sqlite3_column_text(stmt, 0);
      if (text && strcmp(text, "ok") == 0)
         continue;
      (*problems)++;
      fprintf(out, "%s: %s", label, text ? text : "problem");
      for (int c = 1; c < sqlite3_column_count(stmt); c++)
         fprintf(out, " %s", sqlite3_column_text(stmt, c) ? (const char *)sqlite3_column_text(stmt, c) : "");
      fputc('\n', out);
   }
   sqlite3_finalize(stmt);
   return rc == SQLITE_DONE ? RD_OK : store_fail(st, err, label);
}

RdStatus store_check(Store *st, FILE *out, int *problems, RdError *err) {
   *problems = 0;
   RdStatus s = store_check_pragma(st, "PRAGMA integrity_check", "SQLite integrity", out, problems, err);
   if (s == RD_OK)
      s = store_check_pragma(st, "PRAGMA foreign_key_check", "a record points at one that does not exist",
                             out, problems, err);
   for (size_t i = 0; s == RD_OK && i < sizeof store_rules / sizeof *store_rules; i++) {
      sqlite3_stmt *stmt = NULL;
      if (sqlite3_prepare_v2(st->db, store_rules[i].sql, -1, &stmt, NULL) != SQLITE_OK)
         return store_fail(st, err, "checking consistency");
      int rc;
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
         (*problems)++;
         fprintf(out, "%s %s (%s)\n", store_column_text(stmt, 0), store_rules[i].words,
                 store_column_text(stmt, 1));
      }
      sqlite3_finalize(stmt);
      if (rc != SQLITE_DONE)
         s = store_fail(st, err, "checking consistency");
   }
   return s;
}
