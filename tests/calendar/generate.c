/* Generating the year from the Kyrgyz defaults (data/calendar-kg.yaml) and from files of one's own, with hand-counted weeks. */
#include "cal_test.h"

static int teardown(void **state)
{
	(void)state;
	ct_cleanup();
	return 0;
}

static void expect_quarter(const sch_calendar *c, int n, const char *first, const char *last)
{
	sch_quarter q;
	CT_OK(sch_calendar_quarter(c, n, &q));
	assert_int_equal(q.first, D(first));
	assert_int_equal(q.last, D(last));
}

static void expect_break(const sch_calendar *c, size_t i, const char *id, const char *first, const char *last, int lo,
			 int hi)
{
	const sch_break *b = sch_calendar_break(c, i);
	assert_non_null(b);
	assert_string_equal(b->id, id);
	assert_int_equal(b->first, D(first));
	assert_int_equal(b->last, D(last));
	assert_int_equal(b->grade_min, lo);
	assert_int_equal(b->grade_max, hi);
}

static void expect_days(const sch_calendar *c, int grade, int week, int year, int q1, int q2, int q3, int q4)
{
	sch_calendar_weeks w;
	CT_OK(sch_calendar_grade_weeks(c, NULL, grade, &w));
	assert_int_equal(w.week_days, week);
	assert_int_equal(w.days[0], year);
	assert_int_equal(w.days[1], q1);
	assert_int_equal(w.days[2], q2);
	assert_int_equal(w.days[3], q3);
	assert_int_equal(w.days[4], q4);
}

/*
 * 2026/27 by hand. Sep 1 2026 is a Tuesday; May 31 2027 a Monday. Autumn break: the week of
 * Sat 7 Nov (2-8 Nov); winter: Wed 30 Dec to Sun 10 Jan; spring: the week of Sun 21 Mar
 * (15-21 Mar); grade 1: the week of Mon 15 Feb. Quarters lie between.
 * Sunday holidays give the next Monday off: Nov 8 -> Nov 9, Mar 21 -> Mar 22, May 9 -> May 10,
 * Kurman ait May 16 -> May 17; so quarter 2 starts on Nov 10 and quarter 4 on Mar 23.
 * Grades 2-11 (Mon-Sat): Q1 Sep 1-5 (5) + 8 weeks (48) = 53; Q2 7 weeks (42) - Nov 9 + Dec 28,
 * 29 = 43; Q3 9 weeks (54) - Mar 8 (Mon) - Orozo ait Mar 10 (Wed) = 52; Q4 10 weeks (60) - Mar 22
 * + May 31 - May 1 (Sat) - May 5 (Wed) - May 10 - May 17 = 56: 204 = 34.0 weeks.
 * Grade 1 (Mon-Fri): Q1 4 + 40 = 44; Q2 35 - 1 + 2 = 36; Q3 45 - 5 (its break) - 2 = 38;
 * Q4 50 - 1 + 1 - 1 (May 5) - 2 = 47: 165 = 33.0 weeks.
 */
static void test_calendar_generate__kyrgyz_2026(void **state)
{
	(void)state;
	sch_calendar *c = NULL;
	sch_diags *diags = NULL;
	CT_OK(sch_calendar_generate(&c, 2026, NULL, NULL));
	assert_string_equal(sch_calendar_source(c), "calendar-kg.yaml");
	assert_int_equal(sch_calendar_year(c), 2026);
	assert_int_equal(sch_calendar_first(c), D("2026-09-01"));
	assert_int_equal(sch_calendar_last(c), D("2027-05-31"));
	expect_quarter(c, 1, "2026-09-01", "2026-11-01");
	expect_quarter(c, 2, "2026-11-10", "2026-12-29");
	expect_quarter(c, 3, "2027-01-11", "2027-03-14");
	expect_quarter(c, 4, "2027-03-23", "2027-05-31");
	assert_int_equal(sch_calendar_break_count(c), 4);
	expect_break(c, 0, "autumn", "2026-11-02", "2026-11-08", 1, 12);
	expect_break(c, 1, "winter", "2026-12-30", "2027-01-10", 1, 12);
	expect_break(c, 2, "grade1", "2027-02-15", "2027-02-21", 1, 1);
	expect_break(c, 3, "spring", "2027-03-15", "2027-03-21", 1, 12);
	/* Nov 7, 8 (+9); Jan 1, 7; Mar 8, 10 (Orozo ait), 21 (+22); May 1, 5, 9 (+10), 16 (Kurman
	 * ait, +17); not Aug 31. */
	assert_int_equal(sch_calendar_holiday_count(c), 15);
	assert_string_equal(sch_calendar_holiday(c, 6)->name, "Орозо айт");
	assert_int_equal(sch_calendar_holiday(c, 6)->date, D("2027-03-10"));
	assert_string_equal(sch_calendar_holiday(c, 2)->name, "Дни истории и памяти предков (перенос с 08.11)");
	assert_int_equal(sch_calendar_holiday(c, 2)->date, D("2026-11-09"));
	assert_int_equal(sch_calendar_holiday(c, 14)->date, D("2027-05-17"));
	assert_int_equal(sch_calendar_transfer_count(c), 0);
	assert_int_equal(sch_calendar_norm_weeks(c, 1), 33);
	assert_int_equal(sch_calendar_norm_weeks(c, 2), 34);
	assert_int_equal(sch_calendar_norm_weeks(c, 11), 34);
	assert_int_equal(sch_calendar_norm_weeks(c, 12), 0);
	expect_days(c, 1, 5, 165, 44, 36, 38, 47);
	expect_days(c, 5, 6, 204, 53, 43, 52, 56);
	expect_days(c, 11, 6, 204, 53, 43, 52, 56);
	/* Valid, and every grade has its weeks: nothing to say. */
	CT_OK(sch_diags_new(&diags));
	CT_OK(sch_calendar_validate(c, NULL, diags));
	assert_int_equal(sch_diags_count(diags), 0);
	sch_diags_free(diags);
	/* What dates are. */
	sch_day_info info;
	CT_OK(sch_calendar_day(c, D("2027-03-08"), 5, &info));
	assert_int_equal(info.kind, SCH_DAY_HOLIDAY);
	assert_int_equal(info.quarter, 3);
	assert_string_equal(info.name, "Международный женский день");
	CT_OK(sch_calendar_day(c, D("2027-02-16"), 1, &info));
	assert_int_equal(info.kind, SCH_DAY_BREAK);
	CT_OK(sch_calendar_day(c, D("2027-02-16"), 2, &info));
	assert_int_equal(info.kind, SCH_DAY_SCHOOL);
	assert_int_equal(info.follows, 1);
	CT_OK(sch_calendar_day(c, D("2027-06-01"), 2, &info));
	assert_int_equal(info.kind, SCH_DAY_OUTSIDE);
	sch_calendar_free(c);
}

/* The first weekday of September and the last of May move with the weekdays. */
static void test_calendar_generate__other_years(void **state)
{
	(void)state;
	sch_calendar *c = NULL;
	CT_OK(sch_calendar_generate(&c, 2024, NULL, NULL));
	assert_int_equal(sch_calendar_first(c), D("2024-09-02")); /* Sep 1 2024: a Sunday */
	assert_int_equal(sch_calendar_last(c), D("2025-05-30"));  /* May 31 2025: a Saturday */
	expect_quarter(c, 1, "2024-09-02", "2024-11-03");
	sch_calendar_free(c);
	CT_OK(sch_calendar_generate(&c, 2025, NULL, NULL));
	assert_int_equal(sch_calendar_first(c), D("2025-09-01"));
	assert_int_equal(sch_calendar_last(c), D("2026-05-29")); /* May 31 2026: a Sunday */
	sch_calendar_free(c);
	CT_FAILS(sch_calendar_generate(&c, 1800, NULL, NULL), SCH_EINVALID, "school year 1800");
	assert_null(c);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* A file of one's own: full dates, a transfer, a break for some grades. */
static void test_calendar_generate__own_file(void **state)
{
	(void)state;
	char path[400];
	sch_calendar *c = NULL;
	ct_tmpdir();
	write_file(ct_path(path, sizeof path, "own.yaml"),
		   "first_day: 09-01\n"
		   "last_day: {date: 06-01, adjust: previous_weekday}\n"
		   "weeks: {1-4: 30, 5-12: 35}\n"
		   "breaks:\n"
		   "  mid: {first_day: 2027-01-04, last_day: 2027-01-10, grades: 1-4}\n"
		   "quarters:\n"
		   "  - {from: first_day, to: 10-31}\n"
		   "  - {from: 11-02, to: 12-31}\n"
		   "  - {from: 2027-01-04, to: 03-31}\n"
		   "  - {from: 04-01, to: last_day}\n"
		   "holidays: {01-01: Новый год}\n"
		   "transfers:\n"
		   "  2026-11-14: {follows: mon, note: отработка}\n"
		   "  2026-11-16: {off: true}\n");
	CT_OK(sch_calendar_generate(&c, 2026, path, NULL));
	assert_string_equal(sch_calendar_source(c), "own.yaml");
	assert_int_equal(sch_calendar_last(c), D("2027-06-01")); /* a Tuesday */
	expect_quarter(c, 3, "2027-01-04", "2027-03-31");
	expect_break(c, 0, "mid", "2027-01-04", "2027-01-10", 1, 4);
	assert_string_equal(sch_calendar_break(c, 0)->name, "mid");
	assert_int_equal(sch_calendar_norm_weeks(c, 4), 30);
	assert_int_equal(sch_calendar_norm_weeks(c, 12), 35);
	assert_int_equal(sch_calendar_transfer_count(c), 2);
	assert_int_equal(sch_calendar_transfer(c, 0)->follows, 0);
	assert_string_equal(sch_calendar_transfer(c, 0)->note, "отработка");
	assert_int_equal(sch_calendar_transfer(c, 1)->follows, SCH_TRANSFER_OFF);
	sch_day_info info;
	CT_OK(sch_calendar_day(c, D("2026-11-14"), 5, &info));
	assert_int_equal(info.kind, SCH_DAY_SCHOOL);
	assert_int_equal(info.follows, 0);
	CT_OK(sch_calendar_day(c, D("2026-11-16"), 5, &info));
	assert_int_equal(info.kind, SCH_DAY_OFF);
	sch_calendar_free(c);
}

/* Every error of a file, with its place; no calendar. */
static void test_calendar_generate__bad_file(void **state)
{
	(void)state;
	char path[400];
	sch_calendar *c = NULL;
	sch_diags *diags = NULL;
	ct_tmpdir();
	write_file(ct_path(path, sizeof path, "bad.yaml"),
		   "first_day: 09-01\n"
		   "last_day: 05-31\n"
		   "breaks:\n"
		   "  autumn: {first_day: {date: 11-07, adjust: mondey}, last_day: 11-08, grade: 1}\n"
		   "quarters:\n"
		   "  - {from: first_day, to: autum}\n"
		   "  - {from: 11-09, to: last_day}\n"
		   "holidays: {13-01: x}\n"
		   "colour: blue\n");
	CT_OK(sch_diags_new(&diags));
	CT_FAILS(sch_calendar_generate(&c, 2026, path, diags), SCH_EINVALID, "errors in the calendar defaults");
	assert_null(c);
	const char *want[] = {"unknown key 'colour'", "unknown adjust 'mondey'", "unknown key 'grade'; did you mean 'grades'?",
			      "expected 4 quarters, found 2", "expected a date MM-DD or YYYY-MM-DD as the key"};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		int found = 0;
		for (size_t i = 0; i < sch_diags_count(diags) && !found; i++) {
			const sch_diag *d = sch_diags_get(diags, i);
			found = strstr(d->message, want[k]) != NULL && d->line > 0 && d->col > 0 &&
				strstr(d->file, "bad.yaml") != NULL;
		}
		if (!found)
			fail_msg("no diagnostic '%s'", want[k]);
	}
	sch_diags_free(diags);
	CT_FAILS(sch_calendar_generate(&c, 2026, "/nonexistent/cal.yaml", NULL), SCH_EIO, "/nonexistent/cal.yaml");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_generate__kyrgyz_2026),
		cmocka_unit_test(test_calendar_generate__other_years),
		cmocka_unit_test_teardown(test_calendar_generate__own_file, teardown),
		cmocka_unit_test_teardown(test_calendar_generate__bad_file, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
