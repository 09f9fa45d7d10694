/* store: the SQLite connection, its migrations and its prepared statements.
 *
 * Only store and the modules it serves speak SQL. Statements are prepared once per
 * connection and kept; store_stmt() hands one back reset and unbound. Writes are short
 * BEGIN IMMEDIATE transactions; the busy timeout makes a writer wait its turn rather
 * than fail. */
#ifndef REDRESS_STORE_H
#define REDRESS_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/progress.h"

typedef struct Store Store;

typedef enum StoreOpen {
   STORE_OPEN_EXISTING,   /* refuse when the file is missing */
   STORE_CREATE_NEW,      /* refuse when the file exists */
   STORE_READ_ONLY        /* open an existing database for reading only */
} StoreOpen;

/* "RDRS": stamped on every redress database so a stranger's file is never touched. */
#define STORE_APPLICATION_ID 0x52445253

/* The schema version this redress writes. */
int store_schema_version(void);

/* Opens (and migrates) the database at path. *out is owned by the caller: store_close. */
RdStatus store_open(const char *path, StoreOpen how, Store **out, RdError *err);
void store_close(Store *st);
const char *store_path(const Store *st);
bool store_read_only(const Store *st);
sqlite3 *store_db(Store *st);

/* A prepared statement for sql, which must be a string with static storage: the pointer
 * is the cache key. Returned reset with its bindings cleared; NULL on error. */
sqlite3_stmt *store_stmt(Store *st, const char *sql, RdError *err);

RdStatus store_begin(Store *st, RdError *err);     /* BEGIN IMMEDIATE */
RdStatus store_commit(Store *st, RdError *err);
void store_rollback(Store *st);
bool store_in_transaction(Store *st);

/* Runs a statement that returns no rows; RD_OK on SQLITE_DONE. */
RdStatus store_run(Store *st, sqlite3_stmt *stmt, RdError *err);
/* Turns the connection's last error into a message about what was being done. */
RdStatus store_fail(Store *st, RdError *err, const char *doing);

/* Changes whenever another connection commits (PRAGMA data_version). */
int64_t store_data_version(Store *st);

/* Binding and reading the types redress stores; NULL and RD_NO_* are SQL NULL. */
void store_bind_text(sqlite3_stmt *stmt, int idx, const char *text);
void store_bind_date(sqlite3_stmt *stmt, int idx, RdDate date);
void store_bind_instant(sqlite3_stmt *stmt, int idx, RdInstant t);
void store_bind_id(sqlite3_stmt *stmt, int idx, int64_t id);   /* 0 is NULL */
RdDate store_column_date(sqlite3_stmt *stmt, int col);
RdInstant store_column_instant(sqlite3_stmt *stmt, int col);
char *store_column_dup(sqlite3_stmt *stmt, int col);            /* caller frees; NULL stays NULL */
const char *store_column_text(sqlite3_stmt *stmt, int col);     /* "" for NULL; valid until next step */

/* Integrity check and redress's own consistency checks, each problem written to out
 * in words. *problems counts them. */
RdStatus store_check(Store *st, FILE *out, int *problems, RdError *err);

/* Copies the open database to a new file at path with SQLite's online backup, safe while
 * others work; refuses to overwrite, checks the copy's integrity, and reports its size. */
RdStatus store_backup(Store *st, const char *path, int64_t *bytes, RdError *err);
/* The same, telling progress (may be NULL) the pages copied of the pages to copy. */
RdStatus store_backup_watched(Store *st, const char *path, ProgressFn progress, void *progress_data, int64_t *bytes,
                              RdError *err);

/* Replaces the open database's contents with those of the redress database at path
 * (refusing a file that is not one, or is from a newer redress), after keeping a copy of
 * the current contents at safety_copy. The result is migrated to this schema. */
RdStatus store_restore(Store *st, const char *path, const char *safety_copy, RdError *err);

/* Whether path holds a redress database this redress can use, without changing it. */
RdStatus store_probe(const char *path, int *schema_version, RdError *err);

/* Meta values: small settings kept in the database. Caller frees the result. */
char *store_meta_get(Store *st, const char *key);
RdStatus store_meta_set(Store *st, const char *key, const char *value, RdError *err);

#endif
