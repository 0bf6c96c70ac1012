/* Schema migrations: a version-1 file (as the first release wrote it) is brought forward intact. */
#include "store_test.h"

#include <sqlite3.h>

#include "../../lib/store_int.h"

static int teardown(void **state)
{
	(void)state;
	st_cleanup();
	return 0;
}

/* Schema version 1, frozen as released: files in the field look like this. */
static const char v1_schema[] =
	"PRAGMA journal_mode = WAL;"
	"BEGIN;"
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE schools (rev INTEGER PRIMARY KEY, name TEXT NOT NULL, yaml TEXT NOT NULL,"
	"  lessons_sig TEXT NOT NULL, n_lessons INTEGER NOT NULL CHECK (n_lessons >= 0),"
	"  source TEXT NOT NULL DEFAULT '',"
	"  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
	"CREATE TABLE lessons (rev INTEGER NOT NULL REFERENCES schools(rev) ON DELETE CASCADE,"
	"  idx INTEGER NOT NULL CHECK (idx >= 0), key TEXT NOT NULL, length INTEGER NOT NULL CHECK (length >= 1),"
	"  label TEXT NOT NULL, PRIMARY KEY (rev, idx), UNIQUE (rev, key)) WITHOUT ROWID;"
	"CREATE TABLE versions (number INTEGER PRIMARY KEY, rev INTEGER NOT NULL REFERENCES schools(rev),"
	"  method TEXT NOT NULL DEFAULT '', seed INTEGER NOT NULL DEFAULT 0, seconds REAL NOT NULL DEFAULT 0,"
	"  hard INTEGER NOT NULL, soft INTEGER NOT NULL, n_lessons INTEGER NOT NULL CHECK (n_lessons >= 0),"
	"  n_placed INTEGER NOT NULL CHECK (n_placed >= 0),"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	"  created_by TEXT NOT NULL DEFAULT '', command TEXT NOT NULL DEFAULT '', UNIQUE (number, rev));"
	"CREATE INDEX versions_rev ON versions(rev);"
	"CREATE TABLE placements (version INTEGER NOT NULL, rev INTEGER NOT NULL, lesson INTEGER NOT NULL,"
	"  day INTEGER NOT NULL CHECK (day BETWEEN -1 AND 6), period INTEGER NOT NULL CHECK (period >= -1),"
	"  PRIMARY KEY (version, lesson),"
	"  FOREIGN KEY (version, rev) REFERENCES versions(number, rev) ON DELETE CASCADE,"
	"  FOREIGN KEY (rev, lesson) REFERENCES lessons(rev, idx)) WITHOUT ROWID;"
	"CREATE TABLE placement_rooms (version INTEGER NOT NULL, lesson INTEGER NOT NULL,"
	"  part INTEGER NOT NULL CHECK (part >= 0), room TEXT NOT NULL, PRIMARY KEY (version, lesson, part),"
	"  FOREIGN KEY (version, lesson) REFERENCES placements(version, lesson) ON DELETE CASCADE) WITHOUT ROWID;"
	"CREATE TABLE active (id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  version INTEGER NOT NULL REFERENCES versions(number));"
	"PRAGMA application_id = 1399023684;"
	"PRAGMA user_version = 1;"
	"INSERT INTO meta VALUES ('created_with', 'libschedule 0.1.0');"
	"COMMIT;";

static void step(sqlite3_stmt *stmt)
{
	assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_reset(stmt);
}

/* Writes a version-1 file holding school `s` and timetable `tt` as version 1 (active). */
static void make_v1(const char *path, const sch_school *s, const sch_timetable *tt, const char *extra_sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	char *yaml = NULL, **keys = NULL, **labels = NULL, sig[17];
	size_t len = 0;
	ST_OK(sch_school_to_yaml(&yaml, &len, s));
	ST_OK(sch_store__lesson_names(&keys, &labels, s));
	ST_OK(sch_store__lesson_sig(sig, keys, s));
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, v1_schema, NULL, NULL, NULL), SQLITE_OK);
	if (extra_sql)
		assert_int_equal(sqlite3_exec(db, extra_sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO schools(rev, name, yaml, lessons_sig, n_lessons) "
						"VALUES (1, ?1, ?2, ?3, ?4)",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(stmt, 1, sch_school_name(s), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, yaml, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, sig, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 4, s->n_lessons);
	step(stmt);
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO lessons VALUES (1, ?1, ?2, ?3, ?4)", -1, &stmt, NULL),
			 SQLITE_OK);
	for (int i = 0; i < s->n_lessons; i++) {
		sqlite3_bind_int(stmt, 1, i);
		sqlite3_bind_text(stmt, 2, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 3, s->lessons[i].length);
		sqlite3_bind_text(stmt, 4, labels[i], -1, SQLITE_STATIC);
		step(stmt);
	}
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO versions(number, rev, method, seed, hard, soft, n_lessons, "
						"n_placed, created_by, command) "
						"VALUES (1, 1, 'greedy', 42, 0, 77, ?1, ?2, 'оператор', 'schedule solve')",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	sqlite3_bind_int(stmt, 1, s->n_lessons);
	sqlite3_bind_int(stmt, 2, sch_timetable_placed_count(tt));
	step(stmt);
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO placements VALUES (1, 1, ?1, ?2, ?3)", -1, &stmt, NULL),
			 SQLITE_OK);
	for (int i = 0; i < s->n_lessons; i++) {
		int d, p;
		ST_OK(sch_timetable_get(tt, i, &d, &p));
		sqlite3_bind_int(stmt, 1, i);
		sqlite3_bind_int(stmt, 2, d >= 0 ? s->day_codes[d] : -1);
		sqlite3_bind_int(stmt, 3, d >= 0 ? p : -1);
		step(stmt);
	}
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO placement_rooms VALUES (1, ?1, ?2, ?3)", -1, &stmt, NULL),
			 SQLITE_OK);
	for (int i = 0; i < s->n_lessons; i++)
		for (int part = 0; part < s->lessons[i].n_parts; part++) {
			int r = sch_timetable_room(tt, i, part);
			if (r < 0)
				continue;
			sqlite3_bind_int(stmt, 1, i);
			sqlite3_bind_int(stmt, 2, part);
			sqlite3_bind_text(stmt, 3, s->rooms[r].id, -1, SQLITE_STATIC);
			step(stmt);
		}
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO active VALUES (1, 1); COMMIT;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(keys);
	free(labels);
	sch_free(yaml);
}

static long long pragma_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	long long v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

/* The tables and their columns, one line each: "table: col type notnull default pk; ...". */
static char *describe_schema(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *tables = NULL, *cols = NULL;
	st_buf b = {0};
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') "
						"ORDER BY name",
					    -1, &tables, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, type, \"notnull\", dflt_value, pk "
						"FROM pragma_table_xinfo(?1) ORDER BY cid",
					    -1, &cols, NULL),
			 SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);
		st_printf(&b, "%s:", t);
		sqlite3_bind_text(cols, 1, t, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(cols) == SQLITE_ROW)
			st_printf(&b, " %s %s %d %s %d;", sqlite3_column_text(cols, 0), sqlite3_column_text(cols, 1),
				  sqlite3_column_int(cols, 2),
				  sqlite3_column_text(cols, 3) ? (const char *)sqlite3_column_text(cols, 3) : "-",
				  sqlite3_column_int(cols, 4));
		sqlite3_reset(cols);
		st_printf(&b, "\n");
	}
	sqlite3_finalize(tables);
	sqlite3_finalize(cols);
	sqlite3_close(db);
	return b.s;
}

static void test_store_migrate__steps_are_consecutive(void **state)
{
	(void)state;
	assert_int_equal(sch_store__n_migrations, SCH_STORE_SCHEMA_VERSION);
	for (int i = 0; i < sch_store__n_migrations; i++) {
		assert_int_equal(sch_store__migrations[i].version, i + 1);
		/* Each step sets its own version. */
		char want[64];
		snprintf(want, sizeof want, "PRAGMA user_version = %d;", i + 1);
		assert_non_null(strstr(sch_store__migrations[i].sql, want));
	}
}

static void test_store_migrate__v1_file_forward(void **state)
{
	(void)state;
	char v1[300], fresh[300];
	st_tmpdir();
	st_path(v1, sizeof v1, "v1.db");
	st_path(fresh, sizeof fresh, "fresh.db");
	st_params p = {.classes = 4};
	sch_school *s = st_school(&p);
	sch_timetable *tt = st_timetable(s, 11);
	make_v1(v1, s, tt, NULL);
	assert_int_equal(pragma_int(v1, "PRAGMA user_version"), 1);

	/* Read-only, the old file cannot be upgraded: refused, untouched. */
	sch_store *st = NULL;
	assert_int_equal(sch_store_open(&st, v1, SCH_STORE_READONLY), SCH_EDB);
	assert_non_null(strstr(sch_error_last()->message, "older"));
	assert_int_equal(pragma_int(v1, "PRAGMA user_version"), 1);

	ST_OK(sch_store_open(&st, v1, SCH_STORE_CHECK));
	assert_int_equal(pragma_int(v1, "PRAGMA user_version"), SCH_STORE_SCHEMA_VERSION);
	assert_int_equal(pragma_int(v1, "PRAGMA application_id"), SCH_STORE_APPLICATION_ID);

	/* The old data is all there ... */
	sch_store_version_list list = {0};
	ST_OK(sch_store_versions(&list, st));
	assert_int_equal(list.count, 1);
	assert_int_equal(list.items[0].active, 1);
	assert_int_equal(list.items[0].stale, 0);
	assert_string_equal(list.items[0].method, "greedy");
	assert_int_equal(list.items[0].seed, 42);
	assert_int_equal(list.items[0].soft, 77);
	assert_string_equal(list.items[0].created_by, "оператор");
	assert_string_equal(list.items[0].note, ""); /* the new column's default */
	sch_store_version_list_dispose(&list);
	sch_timetable *back = NULL;
	ST_OK(sch_store_load_timetable(&back, st, 1, s, NULL));
	st_assert_same(back, tt);
	sch_timetable_free(back);

	/* ... and what version 2 brought works on it: locks and notes. */
	int l = -1, d = -1, per = -1;
	for (int i = 0; i < s->n_lessons && l < 0; i++) {
		ST_OK(sch_timetable_get(tt, i, &d, &per));
		if (d >= 0)
			l = i;
	}
	assert_true(l >= 0);
	ST_OK(sch_store_lock_lesson(st, s, l, d, per));
	sch_store_save_options o = SCH_STORE_SAVE_OPTIONS_INIT;
	o.note = "после обновления";
	int n = 0;
	ST_OK(sch_store_save_timetable(&n, st, tt, &o));
	assert_int_equal(n, 2);
	sch_store_close(st);

	/* The migrated file has the same tables and columns as a new one. */
	ST_OK(sch_store_open(&st, fresh, SCH_STORE_CREATE));
	sch_store_close(st);
	char *a = describe_schema(v1), *b = describe_schema(fresh);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "locks:"));
	free(a);
	free(b);

	/* Opening again changes nothing. */
	ST_OK(sch_store_open(&st, v1, 0));
	sch_store_close(st);
	assert_int_equal(pragma_int(v1, "PRAGMA user_version"), SCH_STORE_SCHEMA_VERSION);

	sch_timetable_free(tt);
	sch_school_free(s);
}

static void test_store_migrate__failed_step_leaves_v1(void **state)
{
	(void)state;
	char v1[300];
	st_tmpdir();
	st_path(v1, sizeof v1, "v1.db");
	st_params p = {.classes = 2};
	sch_school *s = st_school(&p);
	sch_timetable *tt = st_timetable(s, 1);
	/* Something in the way of step 2: it must fail as a whole. */
	make_v1(v1, s, tt, "CREATE TABLE locks (x);");
	sch_store *st = NULL;
	assert_int_equal(sch_store_open(&st, v1, 0), SCH_EDB);
	assert_non_null(strstr(sch_error_last()->message, "cannot upgrade the schema from version 1 to 2"));
	assert_non_null(strstr(sch_error_last()->message, v1));
	assert_int_equal(pragma_int(v1, "PRAGMA user_version"), 1);
	/* The ALTER TABLE of the step was rolled back with it. */
	assert_int_equal(pragma_int(v1, "SELECT count(*) FROM pragma_table_info('versions') WHERE name = 'note'"), 0);
	assert_int_equal(pragma_int(v1, "SELECT count(*) FROM placements"), s->n_lessons);
	sch_timetable_free(tt);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_migrate__steps_are_consecutive),
		cmocka_unit_test_teardown(test_store_migrate__v1_file_forward, teardown),
		cmocka_unit_test_teardown(test_store_migrate__failed_step_leaves_v1, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
