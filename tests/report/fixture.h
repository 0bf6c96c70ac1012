/* The hand-computed journal of tests/cli/data/report/journal.sql in a fresh school database. */
#ifndef SCH_TEST_REPORT_FIXTURE_H
#define SCH_TEST_REPORT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "../../lib/store_int.h"

typedef struct {
	char dir[64], path[96];
	sch_store *st;
} rf_db;

/* Runs SQL on the store's own connection (the fixture, locks, counts). */
static inline void rf_exec(rf_db *f, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(f->st->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("SQL failed: %s\n%s", msg ? msg : "?", sql);
}

static inline long long rf_int(rf_db *f, const char *sql)
{
	sqlite3_stmt *q = NULL;
	long long v = -1;
	assert_int_equal(sqlite3_prepare_v2(f->st->db, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* examples/small.yaml, the 2026/27 calendar (with_calendar) and, with journal, the fixture. */
static inline void rf_open(rf_db *f, int with_calendar, int journal)
{
	sch_school *s = NULL;
	sch_calendar *cal = NULL;
	memset(f, 0, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/sch-report-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/school.db", f->dir);
	assert_int_equal(sch_store_open(&f->st, f->path, SCH_STORE_CREATE), 0);
	assert_int_equal(sch_school_load_yaml(&s, SCH_SOURCE_DIR "/examples/small.yaml", NULL), 0);
	assert_int_equal(sch_store_import_school(f->st, s, NULL), 0);
	sch_school_free(s);
	if (with_calendar) {
		assert_int_equal(sch_calendar_generate(&cal, 2026, NULL, NULL), 0);
		assert_int_equal(sch_calendar_save(f->st, cal), 0);
		sch_calendar_free(cal);
	}
	if (journal) {
		char *sql = NULL;
		size_t len = 0;
		FILE *in = fopen(SCH_SOURCE_DIR "/tests/cli/data/report/journal.sql", "rb");
		assert_non_null(in);
		assert_int_equal(fseek(in, 0, SEEK_END), 0);
		len = (size_t)ftell(in);
		rewind(in);
		sql = calloc(len + 1, 1);
		assert_non_null(sql);
		assert_int_equal(fread(sql, 1, len, in), len);
		fclose(in);
		rf_exec(f, sql);
		free(sql);
	}
}

static inline void rf_close(rf_db *f)
{
	char cmd[200];
	sch_store_close(f->st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
}

/* The cell of the row whose first cells are k0 (and k1, may be NULL) in the column keyed `key`. */
static inline const char *rf_cell(const sch_report_table *t, const char *k0, const char *k1, const char *key)
{
	const char *keys[2] = {k0, k1};
	int r = sch_report_table_find(t, keys, k1 ? 2 : 1);
	if (r < 0)
		fail_msg("no row %s %s", k0, k1 ? k1 : "");
	for (int c = 0; c < sch_report_table_cols(t); c++)
		if (strcmp(sch_report_table_key(t, c), key) == 0)
			return sch_report_table_cell(t, r, c);
	fail_msg("no column %s", key);
	return NULL;
}

#endif
