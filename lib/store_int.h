/* The school database's internals, shared by lib/store*.c and the store tests (internal). */
#ifndef SCH_LIB_STORE_INT_H
#define SCH_LIB_STORE_INT_H

#include <sqlite3.h>

#include "schedule/school.h"
#include "schedule/store.h"

struct sch_store {
	sqlite3 *db;
	char *path;
	int flags;
};

/* One forward migration: `sql` takes a file from schema version - 1 to `version`
 * (static text only: no values are ever pasted into SQL). */
typedef struct {
	int version;
	const char *sql;
} sch_store__migration;

extern const sch_store__migration sch_store__migrations[];
extern const int sch_store__n_migrations;

/*
 * Brings the open database up to SCH_STORE_SCHEMA_VERSION in one transaction per
 * step; `create` allows initialising an empty file. Refuses foreign and newer files.
 */
int sch_store__migrate(sch_store *st, int create);

/* Records an SQLite failure of `what` with the path and SQLite's message; returns the SCH_E code. */
int sch_store__fail(sch_store *st, int rc, const char *what);
/* Prepares a statement; on failure records the error and returns its code. */
int sch_store__prepare(sch_store *st, sqlite3_stmt **out, const char *sql, const char *what);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK (rollback never fails loudly). */
int sch_store__begin(sch_store *st, const char *what);
int sch_store__commit(sch_store *st, const char *what);
void sch_store__rollback(sch_store *st);
/* Runs a statement of one row of one integer column; *value = dflt when no row. */
int sch_store__int(sch_store *st, const char *sql, int arg, long long dflt, long long *value, const char *what);
/* A copy of a column's text ("" for NULL); NULL on out of memory. */
char *sch_store__text(sqlite3_stmt *stmt, int col);
/* The user to record: $USER, $LOGNAME, the passwd name, or "uid N"; written into buf. */
const char *sch_store__user(char *buf, size_t n);

/*
 * Stable names of a school's lessons: key[i] names lesson i by its classes (and
 * group), subject, teachers and number within its load line, so that the same
 * lesson has the same key in any revision of the school. label[i] is a short
 * text for people. Both arrays and their strings are one allocation each: free
 * them with free(). Returns 0 or SCH_ENOMEM.
 */
int sch_store__lesson_names(char ***keys, char ***labels, const sch_school *school);
/* A hash (16 hex digits) of the sorted lesson keys and lengths: equal when the lessons match. */
int sch_store__lesson_sig(char out[17], char *const *keys, const sch_school *school);

/* The current school revision (0 when none). */
int sch_store__current_rev(sch_store *st, int *rev);
/* Loads the school of revision `rev`. */
int sch_store__load_rev(sch_school **out, sch_store *st, int rev, sch_diags *diags);

#endif
