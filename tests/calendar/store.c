/* The calendar in the school database: none yet, saved and loaded back alike, replaced, and a damaged row refused. */
#include <sqlite3.h>

#include "cal_test.h"
#include "schedule/store.h"

static int teardown(void **state)
{
	(void)state;
	ct_cleanup();
	return 0;
}

static void test_calendar_store__round_trip(void **state)
{
	(void)state;
	char path[400];
	sch_store *st = NULL;
	sch_calendar *c = NULL, *back = NULL;
	ct_tmpdir();
	CT_OK(sch_store_open(&st, ct_path(path, sizeof path, "school.db"), SCH_STORE_CREATE));
	CT_FAILS(sch_calendar_load(&back, st), SCH_ENOTFOUND, "no calendar yet");
	assert_null(back);
	CT_OK(sch_calendar_generate(&c, 2026, NULL, NULL));
	CT_OK(sch_calendar_set_transfer(c, D("2026-11-14"), 0, "за 9 ноября"));
	CT_OK(sch_calendar_set_holiday(c, D("2027-05-17"), "Курман айт (перенос)"));
	CT_OK(sch_calendar_save(st, c));
	sch_store_close(st);

	CT_OK(sch_store_open(&st, path, SCH_STORE_CHECK));
	CT_OK(sch_calendar_load(&back, st));
	assert_int_equal(sch_calendar_year(back), 2026);
	assert_string_equal(sch_calendar_source(back), sch_calendar_source(c));
	assert_int_equal(sch_calendar_first(back), sch_calendar_first(c));
	assert_int_equal(sch_calendar_last(back), sch_calendar_last(c));
	for (int n = 1; n <= 4; n++) {
		sch_quarter a, b;
		CT_OK(sch_calendar_quarter(c, n, &a));
		CT_OK(sch_calendar_quarter(back, n, &b));
		assert_int_equal(a.first, b.first);
		assert_int_equal(a.last, b.last);
	}
	assert_int_equal(sch_calendar_break_count(back), 4);
	for (size_t i = 0; i < 4; i++) {
		const sch_break *x = sch_calendar_break(c, i), *y = sch_calendar_break(back, i);
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->name, y->name);
		assert_int_equal(x->first, y->first);
		assert_int_equal(x->last, y->last);
		assert_int_equal(x->grade_min, y->grade_min);
		assert_int_equal(x->grade_max, y->grade_max);
	}
	assert_int_equal(sch_calendar_holiday_count(back), 15);
	for (size_t i = 0; i < 15; i++) {
		assert_int_equal(sch_calendar_holiday(c, i)->date, sch_calendar_holiday(back, i)->date);
		assert_string_equal(sch_calendar_holiday(c, i)->name, sch_calendar_holiday(back, i)->name);
	}
	assert_int_equal(sch_calendar_transfer_count(back), 1);
	assert_int_equal(sch_calendar_transfer(back, 0)->follows, 0);
	assert_string_equal(sch_calendar_transfer(back, 0)->note, "за 9 ноября");
	for (int g = 1; g <= SCH_MAX_GRADE; g++)
		assert_int_equal(sch_calendar_norm_weeks(back, g), sch_calendar_norm_weeks(c, g));
	sch_calendar_free(back);

	/* Saving replaces everything: a calendar without holidays has none after. */
	sch_calendar *bare = NULL;
	CT_OK(sch_calendar_new(&bare, 2027, D("2027-09-01"), D("2028-05-31")));
	CT_OK(sch_calendar_save(st, bare));
	CT_OK(sch_calendar_load(&back, st));
	assert_int_equal(sch_calendar_year(back), 2027);
	assert_int_equal(sch_calendar_holiday_count(back), 0);
	assert_int_equal(sch_calendar_break_count(back), 0);
	sch_quarter q;
	assert_int_equal(sch_calendar_quarter(back, 1, &q), SCH_ENOTFOUND);
	sch_calendar_free(back);
	sch_calendar_free(bare);
	sch_calendar_free(c);
	sch_store_close(st);
}

/* A date damaged by hand in the file: the load is refused, naming it. */
static void test_calendar_store__damaged_row(void **state)
{
	(void)state;
	char path[400];
	sch_store *st = NULL;
	sch_calendar *c = NULL, *back = NULL;
	sqlite3 *db = NULL;
	ct_tmpdir();
	CT_OK(sch_store_open(&st, ct_path(path, sizeof path, "school.db"), SCH_STORE_CREATE));
	CT_OK(sch_calendar_generate(&c, 2026, NULL, NULL));
	CT_OK(sch_calendar_save(st, c));
	sch_store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE calendar_holidays SET day = '2027-02-30' WHERE day = '2027-03-08'", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	CT_OK(sch_store_open(&st, path, 0));
	CT_FAILS(sch_calendar_load(&back, st), SCH_EDB, "bad date '2027-02-30'");
	assert_null(back);
	sch_store_close(st);
	/* A quarter moved outside the year by hand: not valid, refused as a whole. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE calendar_holidays SET day = '2027-03-08' WHERE day = '2027-02-30';"
				      "UPDATE calendar_quarters SET last_day = '2027-07-01' WHERE n = 4",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	CT_OK(sch_store_open(&st, path, 0));
	CT_FAILS(sch_calendar_load(&back, st), SCH_EDB, "the stored calendar is not valid: quarter 4");
	sch_store_close(st);
	sch_calendar_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_calendar_store__round_trip, teardown),
		cmocka_unit_test_teardown(test_calendar_store__damaged_row, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
