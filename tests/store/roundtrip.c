/* The school database keeps the school and timetables exactly: YAML out equals YAML in, placements and rooms too. */
#include "store_test.h"

#include <sqlite3.h>
#include <sys/stat.h>

static int teardown(void **state)
{
	(void)state;
	st_cleanup();
	return 0;
}

static void test_store_roundtrip__school_yaml(void **state)
{
	(void)state;
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params p = {.classes = 5};
	sch_school *s = st_school(&p);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));
	assert_string_equal(sch_store_path(st), db);
	{ /* the file as others see it: ours, current schema, WAL */
		sqlite3 *raw = NULL;
		sqlite3_stmt *q = NULL;
		assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(raw, "SELECT (SELECT application_id FROM pragma_application_id), "
						    "(SELECT user_version FROM pragma_user_version), "
						    "(SELECT journal_mode FROM pragma_journal_mode)",
						    -1, &q, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(q, 0), SCH_STORE_APPLICATION_ID);
		assert_int_equal(sqlite3_column_int(q, 1), SCH_STORE_SCHEMA_VERSION);
		assert_string_equal((const char *)sqlite3_column_text(q, 2), "wal");
		sqlite3_finalize(q);
		sqlite3_close(raw);
	}

	sch_store_import_info info;
	ST_OK(sch_store_import_school(st, s, &info));
	assert_int_equal(info.revision, 1);
	assert_int_equal(info.unchanged, 0);
	assert_int_equal(info.versions, 0);

	char *want = NULL, *got = NULL;
	size_t want_len = 0, got_len = 0;
	ST_OK(sch_school_to_yaml(&want, &want_len, s));
	ST_OK(sch_store_school_yaml(&got, &got_len, st));
	assert_int_equal(got_len, want_len);
	assert_string_equal(got, want);
	sch_free(got);

	/* The same school again writes nothing new. */
	ST_OK(sch_store_import_school(st, s, &info));
	assert_int_equal(info.revision, 1);
	assert_int_equal(info.unchanged, 1);
	sch_store_close(st);

	/* Reopened without CREATE, the school loads back to the same YAML. */
	ST_OK(sch_store_open(&st, db, 0));
	sch_school *back = NULL;
	ST_OK(sch_store_load_school(&back, st, NULL));
	ST_OK(sch_school_to_yaml(&got, &got_len, back));
	assert_string_equal(got, want);
	assert_int_equal(back->n_lessons, s->n_lessons);
	sch_free(got);
	sch_free(want);
	sch_school_free(back);
	sch_store_close(st);
	sch_school_free(s);
}

static void test_store_roundtrip__example_school(void **state)
{
	(void)state;
	const char *path = SCH_SOURCE_DIR "/examples/school-kg.yaml";
	struct stat sb;
	if (stat(path, &sb) != 0)
		skip();
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "kg.db");
	sch_school *s = NULL;
	ST_OK(sch_school_load_yaml(&s, path, NULL));
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));
	ST_OK(sch_store_import_school(st, s, NULL));

	/* Export back to YAML is lossless: the stored text loads to the same school, whose YAML is the same. */
	char *stored = NULL, *orig = NULL, *again = NULL;
	size_t n_stored, n_orig, n_again;
	ST_OK(sch_store_school_yaml(&stored, &n_stored, st));
	ST_OK(sch_school_to_yaml(&orig, &n_orig, s));
	assert_string_equal(stored, orig);
	sch_school *back = NULL;
	ST_OK(sch_store_load_school(&back, st, NULL));
	ST_OK(sch_school_to_yaml(&again, &n_again, back));
	assert_string_equal(again, orig);
	assert_string_equal(sch_school_name(back), sch_school_name(s));
	assert_int_equal(back->n_lessons, s->n_lessons);

	/* A timetable of the example school survives too. */
	sch_timetable *tt = st_timetable(s, 3), *tt2 = NULL;
	int number = 0;
	ST_OK(sch_store_save_timetable(&number, st, tt, NULL));
	assert_int_equal(number, 1);
	ST_OK(sch_store_load_timetable(&tt2, st, number, back, NULL));
	st_assert_same(tt, tt2);

	sch_timetable_free(tt);
	sch_timetable_free(tt2);
	sch_free(stored);
	sch_free(orig);
	sch_free(again);
	sch_school_free(back);
	sch_school_free(s);
	sch_store_close(st);
}

static void test_store_roundtrip__timetable(void **state)
{
	(void)state;
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params p = {.classes = 8};
	sch_school *s = st_school(&p);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));

	sch_timetable *tt = st_timetable(s, 7);
	sch_store_save_options o = SCH_STORE_SAVE_OPTIONS_INIT;
	o.method = "local";
	o.seed = 0xfedcba9876543210ull; /* above INT64_MAX: stored and read back as is */
	o.seconds = 1.25;
	o.hard = 3;
	o.soft = 117;
	o.command = "schedule solve --method local";
	o.user = "асанова";
	o.note = "первая версия";
	int number = 0;
	ST_OK(sch_store_save_timetable(&number, st, tt, &o));
	assert_int_equal(number, 1);
	sch_store_close(st);

	ST_OK(sch_store_open(&st, db, 0));
	sch_store_version_list list = {0};
	ST_OK(sch_store_versions(&list, st));
	assert_int_equal(list.count, 1);
	const sch_store_version *v = &list.items[0];
	assert_int_equal(v->number, 1);
	assert_int_equal(v->active, 1);
	assert_int_equal(v->stale, 0);
	assert_int_equal(v->revision, 1);
	assert_string_equal(v->method, "local");
	assert_true(v->seed == 0xfedcba9876543210ull);
	assert_true(v->seconds == 1.25);
	assert_int_equal(v->hard, 3);
	assert_int_equal(v->soft, 117);
	assert_string_equal(v->command, "schedule solve --method local");
	assert_string_equal(v->created_by, "асанова");
	assert_string_equal(v->note, "первая версия");
	assert_int_equal(strlen(v->created_at), 20); /* 2026-09-01T08:30:00Z */
	assert_int_equal(v->lessons, s->n_lessons);
	assert_int_equal(v->placed, sch_timetable_placed_count(tt));
	assert_true(v->placed > 0 && v->placed < v->lessons);
	sch_store_version_list_dispose(&list);
	sch_store_version_list_dispose(&list); /* harmless twice */

	/* Loaded onto the school in memory and onto the school loaded from the file. */
	sch_timetable *a = NULL, *b = NULL;
	sch_school *back = NULL;
	int skipped = -1;
	ST_OK(sch_store_load_timetable(&a, st, 1, s, &skipped));
	assert_int_equal(skipped, 0);
	st_assert_same(tt, a);
	ST_OK(sch_store_load_version_school(&back, st, 1, NULL));
	ST_OK(sch_store_load_timetable(&b, st, 0, back, NULL));
	st_assert_same(tt, b);

	/* The stored rooms are there: at least one part got a gym. */
	int rooms = 0;
	for (int i = 0; i < s->n_lessons; i++)
		for (int part = 0; part < s->lessons[i].n_parts; part++)
			rooms += sch_timetable_room(b, i, part) >= 0;
	assert_true(rooms > 0);

	sch_timetable_free(a);
	sch_timetable_free(b);
	sch_timetable_free(tt);
	sch_school_free(back);
	sch_school_free(s);
	sch_store_close(st);
}

static void test_store_roundtrip__reimport_flags_stale_versions(void **state)
{
	(void)state;
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params pa = {.classes = 4}, pb = {.classes = 4, .variant = 1}, pc = {.classes = 4, .variant = 1, .extra_note = 1};
	sch_school *a = st_school(&pa), *b = st_school(&pb), *c = st_school(&pc);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));

	sch_timetable *t1 = st_timetable(a, 1), *t2 = st_timetable(a, 2);
	ST_OK(sch_store_save_timetable(NULL, st, t1, NULL));
	ST_OK(sch_store_save_timetable(NULL, st, t2, NULL));

	/* School b has one math lesson less: both versions are kept, and flagged. */
	sch_store_import_info info;
	ST_OK(sch_store_import_school(st, b, &info));
	assert_int_equal(info.revision, 2);
	assert_int_equal(info.unchanged, 0);
	assert_int_equal(info.versions, 2);
	assert_int_equal(info.flagged, 2);

	sch_timetable *t3 = st_timetable(b, 3);
	int n3 = 0;
	ST_OK(sch_store_save_timetable(&n3, st, t3, NULL));
	assert_int_equal(n3, 3);

	/* School c differs from b by its name only: the same lessons, nothing new is flagged. */
	ST_OK(sch_store_import_school(st, c, &info));
	assert_int_equal(info.revision, 3);
	assert_int_equal(info.versions, 3);
	assert_int_equal(info.flagged, 2);

	sch_store_version_list list = {0};
	ST_OK(sch_store_versions(&list, st));
	assert_int_equal(list.count, 3);
	assert_int_equal(list.items[0].stale, 1);
	assert_int_equal(list.items[1].stale, 1);
	assert_int_equal(list.items[2].stale, 0);
	assert_int_equal(list.items[2].active, 1);
	assert_int_equal(list.items[0].revision, 1);
	assert_int_equal(list.items[2].revision, 2);
	sch_store_version_list_dispose(&list);

	/* A stale version still loads exactly with its own school ... */
	sch_school *own = NULL;
	sch_timetable *x = NULL;
	ST_OK(sch_store_load_version_school(&own, st, 1, NULL));
	assert_int_equal(own->n_lessons, a->n_lessons);
	ST_OK(sch_store_load_timetable(&x, st, 1, own, NULL));
	st_assert_same(t1, x);
	sch_timetable_free(x);
	/* ... and onto the new school as far as the lessons match (a warm start). */
	int skipped = 0;
	ST_OK(sch_store_load_timetable(&x, st, 1, c, &skipped));
	assert_int_equal(skipped, 1); /* the fifth math lesson of 5А is gone */
	sch_timetable_free(x);

	/* Going back to school a makes versions 1 and 2 match again. */
	ST_OK(sch_store_import_school(st, a, &info));
	assert_int_equal(info.flagged, 1);

	sch_school_free(own);
	sch_timetable_free(t1);
	sch_timetable_free(t2);
	sch_timetable_free(t3);
	sch_school_free(a);
	sch_school_free(b);
	sch_school_free(c);
	sch_store_close(st);
}

static void test_store_roundtrip__missing_file(void **state)
{
	(void)state;
	char db[300];
	struct stat sb;
	st_tmpdir();
	st_path(db, sizeof db, "none.db");
	sch_store *st = (sch_store *)1;
	assert_int_equal(sch_store_open(&st, db, 0), SCH_ENOTFOUND);
	assert_null(st);
	assert_non_null(strstr(sch_error_last()->message, db));
	assert_int_equal(stat(db, &sb), -1); /* not created */
	assert_int_equal(sch_store_open(&st, db, SCH_STORE_READONLY | SCH_STORE_CREATE), SCH_ENOTFOUND);

	/* A new file has no school and no versions yet. */
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));
	sch_school *s = NULL;
	char *yaml = NULL;
	int active = -1;
	assert_int_equal(sch_store_load_school(&s, st, NULL), SCH_ENOTFOUND);
	assert_int_equal(sch_store_school_yaml(&yaml, NULL, st), SCH_ENOTFOUND);
	ST_OK(sch_store_active(&active, st));
	assert_int_equal(active, 0);
	sch_store_version_list list = {0};
	ST_OK(sch_store_versions(&list, st));
	assert_int_equal(list.count, 0);
	sch_store_close(st);
	sch_store_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_store_roundtrip__school_yaml, teardown),
		cmocka_unit_test_teardown(test_store_roundtrip__example_school, teardown),
		cmocka_unit_test_teardown(test_store_roundtrip__timetable, teardown),
		cmocka_unit_test_teardown(test_store_roundtrip__reimport_flags_stale_versions, teardown),
		cmocka_unit_test_teardown(test_store_roundtrip__missing_file, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
