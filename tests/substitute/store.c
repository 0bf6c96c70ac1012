/* Day changes in the database: recorded and loaded by stable names, all or nothing, stale ones kept harmless; cover counts. */
#include <sqlite3.h>

#include "../calendar/cal_test.h"
#include "schedule/store.h"

typedef struct {
	sch_school *s;
	sch_timetable *tt;
	sch_calendar *cal;
	sch_store *st;
	char db[400];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->s = tiny_school();
	f->tt = tiny_timetable(f->s);
	f->cal = tiny_calendar();
	ct_tmpdir();
	CT_OK(sch_store_open(&f->st, ct_path(f->db, sizeof f->db, "school.db"), SCH_STORE_CREATE));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sch_store_close(f->st);
	sch_calendar_free(f->cal);
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
	free(f);
	ct_cleanup();
	return 0;
}

static long long count(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *q = NULL;
	long long v = -1;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(h);
	return v;
}

static void test_substitute_store__round_trip(void **state)
{
	fixture *f = *state;
	sch_subst *s = NULL;
	sch_day_change c[3] = {
		{.kind = SCH_CHANGE_COVER, .date = D("2026-09-01"), .lesson = TS_5A_ENGLISH1, .part = 1,
		 .teacher = TS_ASANOVA, .note = "заменяет"},
		{.kind = SCH_CHANGE_CANCEL, .date = D("2026-09-02"), .lesson = TS_6B_MATH1, .part = 0, .teacher = 3},
		{.kind = SCH_CHANGE_MOVE, .date = D("2026-09-03"), .lesson = TS_5A_MATH2, .part = 0, .period = 4},
	};
	CT_OK(sch_subst_record(f->st, f->s, NULL, c, 3, NULL, 0));
	assert_true(c[0].id > 0 && c[1].id > c[0].id && c[2].id > c[1].id);
	CT_OK(sch_subst_load(&s, f->st, f->s));
	assert_int_equal(sch_subst_change_count(s), 3);
	const sch_day_change *x = sch_subst_change(s, 0);
	assert_int_equal(x->kind, SCH_CHANGE_COVER);
	assert_int_equal(x->date, D("2026-09-01"));
	assert_int_equal(x->lesson, TS_5A_ENGLISH1);
	assert_int_equal(x->part, 1);
	assert_int_equal(x->teacher, TS_ASANOVA);
	assert_string_equal(x->note, "заменяет");
	x = sch_subst_change(s, 1);
	assert_int_equal(x->kind, SCH_CHANGE_CANCEL);
	assert_int_equal(x->part, -1); /* a cancellation is of the whole lesson */
	assert_int_equal(x->teacher, -1);
	x = sch_subst_change(s, 2);
	assert_int_equal(x->period, 4);
	assert_int_equal(x->lesson, TS_5A_MATH2);
	sch_subst_free(s);
	/* The stored keys are the lessons' stable names. */
	assert_int_equal(count(f->db, "SELECT count(*) FROM day_changes WHERE lesson_key = '5А|math|asanova|2'"), 1);
}

/* All or nothing: a duplicate in the batch leaves nothing written. */
static void test_substitute_store__all_or_nothing(void **state)
{
	fixture *f = *state;
	sch_day_change c[2] = {
		{.kind = SCH_CHANGE_CANCEL, .date = D("2026-09-02"), .lesson = TS_6B_MATH1, .part = -1},
		{.kind = SCH_CHANGE_CANCEL, .date = D("2026-09-02"), .lesson = TS_6B_MATH1, .part = -1},
	};
	CT_FAILS(sch_subst_record(f->st, f->s, NULL, c, 2, NULL, 0), SCH_EEXISTS, "already recorded");
	assert_int_equal(count(f->db, "SELECT count(*) FROM day_changes"), 0);
	sch_absence a = {.teacher = TS_SMITH, .first = D("2026-09-01"), .last = D("2026-09-03")};
	CT_FAILS(sch_subst_record(f->st, f->s, &a, c, 2, NULL, 0), SCH_EEXISTS, "already recorded");
	assert_int_equal(count(f->db, "SELECT count(*) FROM absences"), 0);
	/* Bad changes are refused before anything is written. */
	sch_day_change bad = {.kind = SCH_CHANGE_COVER, .date = D("2026-09-02"), .lesson = TS_6B_MATH1, .part = 3,
			      .teacher = TS_SMITH};
	CT_FAILS(sch_subst_record(f->st, f->s, NULL, &bad, 1, NULL, 0), SCH_EINVALID, "a part of the lesson");
	bad = (sch_day_change){.kind = SCH_CHANGE_MOVE, .date = D("2026-09-02"), .lesson = TS_6B_MATH1, .period = 6};
	CT_FAILS(sch_subst_record(f->st, f->s, NULL, &bad, 1, NULL, 0), SCH_EINVALID, "no bell 7");
	bad = (sch_day_change){.kind = 9, .date = D("2026-09-02"), .lesson = TS_6B_MATH1};
	CT_FAILS(sch_subst_record(f->st, f->s, NULL, &bad, 1, NULL, 0), SCH_EINVALID, "no such lesson, date or kind");
	/* An absence alone, then one overlapping it. */
	CT_OK(sch_subst_record(f->st, f->s, &a, NULL, 0, NULL, 0));
	assert_true(a.id > 0);
	sch_absence b = {.teacher = TS_SMITH, .first = D("2026-09-03"), .last = D("2026-09-10")};
	CT_FAILS(sch_subst_record(f->st, f->s, &b, NULL, 0, NULL, 0), SCH_EEXISTS, "smith is already recorded absent");
}

/* A change of a lesson a later school lacks is loaded as stale: kept, and without effect. */
static void test_substitute_store__stale(void **state)
{
	fixture *f = *state;
	sch_subst *s = NULL;
	sch_day_change c = {.kind = SCH_CHANGE_COVER, .date = D("2026-09-01"), .lesson = TS_6B_HISTORY, .part = 0,
			    .teacher = TS_SMITH};
	CT_OK(sch_subst_record(f->st, f->s, NULL, &c, 1, NULL, 0));
	CT_OK(sch_subst_set_cover_subjects(f->st, f->s, TS_SMITH, (const int[]){TS_HISTORY}, 1));
	/* The same school but the history line taught by bakirov: another key. */
	sch_school *other = tiny_school_build();
	other->lines[TS_L_6B_HISTORY].parts[0].teacher = TS_BAKIROV;
	ts_finalize(other);
	CT_OK(sch_subst_load(&s, f->st, other));
	assert_int_equal(sch_subst_change_count(s), 1);
	assert_int_equal(sch_subst_change(s, 0)->lesson, -1);
	assert_int_equal(sch_subst_qualified(s, TS_SMITH, TS_HISTORY), 2);
	sch_timetable *tt = tiny_timetable(other);
	sch_dated *d = NULL;
	CT_OK(sch_dated_new(&d, tt, f->cal, s, D("2026-09-01"), D("2026-09-01")));
	for (size_t i = 0; i < sch_dated_count(d); i++)
		assert_int_equal(sch_dated_get(d, i)->status, SCH_DATED_PLANNED);
	sch_dated_free(d);
	sch_timetable_free(tt);
	sch_subst_free(s);
	sch_school_free(other);
}

/* Covers per teacher: two in September (Q1), one in October (Q2), a cancellation not counted. */
static void test_substitute_store__cover_counts(void **state)
{
	fixture *f = *state;
	sch_subst *s = NULL;
	sch_dated *d = NULL;
	sch_cover_count *rows = NULL;
	size_t n = 0;
	CT_OK(sch_subst_new(&s, f->s));
	const sch_day_change c[] = {
		{.kind = SCH_CHANGE_COVER, .date = D("2026-09-01"), .lesson = TS_6B_HISTORY, .part = 0, .teacher = TS_SMITH},
		{.kind = SCH_CHANGE_COVER, .date = D("2026-09-08"), .lesson = TS_6B_HISTORY, .part = 0, .teacher = TS_SMITH},
		{.kind = SCH_CHANGE_COVER, .date = D("2026-10-08"), .lesson = TS_6B_LABOR, .part = 0, .teacher = TS_SMITH},
		{.kind = SCH_CHANGE_CANCEL, .date = D("2026-09-15"), .lesson = TS_6B_HISTORY, .part = -1},
		{.kind = SCH_CHANGE_COVER, .date = D("2026-09-15"), .lesson = TS_6B_HISTORY, .part = 0, .teacher = TS_PETROVA},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		CT_OK(sch_subst_add_change(s, &c[i]));
	CT_OK(sch_dated_new(&d, f->tt, f->cal, s, sch_calendar_first(f->cal), sch_calendar_last(f->cal)));
	CT_OK(sch_subst_cover_counts(&rows, &n, d));
	assert_int_equal(n, 4);
	const sch_cover_count *sm = &rows[TS_SMITH];
	assert_int_equal(sm->quarter[1], 2);
	assert_int_equal(sm->quarter[2], 2); /* the double labor lesson counts two */
	assert_int_equal(sm->quarter[0], 4);
	assert_int_equal(sm->month[9], 2);
	assert_int_equal(sm->month[10], 2);
	assert_int_equal(rows[TS_PETROVA].quarter[0], 0); /* her cover was of a cancelled lesson */
	sch_free(rows);
	sch_dated_free(d);
	sch_subst_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_substitute_store__round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_substitute_store__all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_substitute_store__stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_substitute_store__cover_counts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
