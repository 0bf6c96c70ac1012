/* Shared by the pupils and journal files (internal): string arenas, the audit trail, and tables read from CSV and XLSX. */
#ifndef SCH_LIB_JOURNAL_INT_H
#define SCH_LIB_JOURNAL_INT_H

#include <stddef.h>
#include <stdint.h>

#include "schedule/journal.h"
#include "schedule/pupils.h"
#include "buf.h"
#include "store_int.h"

/* ---- An arena: many small allocations freed at once (the strings of a list) ---- */

typedef struct sch_jmem sch_jmem;
void *sch_jmem_alloc(sch_jmem **m, size_t n);
/* A copy of s (NULL gives ""); NULL on out of memory. */
char *sch_jmem_strdup(sch_jmem **m, const char *s);
void sch_jmem_free(sch_jmem *m);

/* ---- Writing ---- */

/* The user to record: `user` when given, else $USER (sch_store__user). */
const char *sch_journal__user(const char *user, char *buf, size_t n);

/* Binds ?1..?8 of an audit row: by, entity, entity id, pupil and lesson (0: none), field,
 * old and new (NULL: none). The one binding of both statements that write the trail. */
void sch_journal__audit_bind(sqlite3_stmt *q, const char *by, const char *entity, int64_t entity_id, int64_t pupil,
			     int64_t lesson, const char *field, const char *old, const char *new_value);

/* One row of the audit trail (pupil / lesson 0: none; old / new NULL: none). */
int sch_journal__audit(sch_store *st, const char *by, const char *entity, int64_t entity_id, int64_t pupil,
		       int64_t lesson, const char *field, const char *old, const char *new_value);

/* Runs one statement with text parameters (NULL binds NULL); for the rare writes. */
int sch_journal__exec(sch_store *st, const char *what, const char *sql, int n, const char *const *params);

/* A date in ISO form: parses text (ISO or DD.MM.YYYY) into out (11 bytes); SCH_EINVALID naming `what`. */
int sch_journal__date(char out[11], const char *text, const char *what);

/* Index of the class / teacher / division of a school, -1 with SCH_ENOTFOUND set (with a suggestion). */
int sch_journal__class(const sch_school *s, const char *id);
int sch_journal__teacher(const sch_school *s, const char *id);

/* ---- Tables read from CSV and XLSX ---- */

typedef struct {
	int line;     /* 1-based: the CSV line where the row starts, the sheet's row number */
	int n;
	char **cells; /* trimmed UTF-8 */
} sch_jrow;

typedef struct {
	sch_jrow *rows;
	int n_rows;
	sch_jmem *mem;
} sch_jtable;

/*
 * Reads a table: XLSX (by its zip signature; the first sheet) or CSV (UTF-8,
 * a BOM allowed; the separator among , ; and tab that the first line uses most).
 * Empty rows are skipped. SCH_EIO when the file cannot be read, SCH_EINVALID for
 * text that is not UTF-8 (with the line) or a damaged workbook.
 */
int sch_jtable_read(sch_jtable *t, const char *path);
void sch_jtable_free(sch_jtable *t);

/* The first sheet of an XLSX workbook (journal_xlsx.c): rows of cells as the table above. */
int sch_xlsx__read(sch_jtable *t, const unsigned char *data, size_t size, const char *path);

/* Reads a whole file (at most max bytes; SCH_EINVALID when larger). free() *data. */
int sch_journal__slurp(unsigned char **data, size_t *size, const char *path, size_t max);

/* SHA-256 of data as 64 hex digits. */
void sch_sha256_hex(const unsigned char *data, size_t n, char out[65]);

#endif
