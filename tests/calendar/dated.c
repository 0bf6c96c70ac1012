/* Dated lessons of the tiny school over its fixed calendar: counts per class and quarter, per load line, dates and the verifier. */
#include "cal_test.h"

/*
 * The tiny timetable (tests/helpers/tiny_school.h) gives, per weekday, these bells:
 *   5А: Mon 1 (russian), Tue 2 (english split, math), Wed 1 (english en2), Thu 2 (english split,
 *       math), Fri 1 (pe, joint with 6Б) = 7 a week
 *   6Б: Mon 1 (english), Tue 1 (history), Wed 2 (english, math), Thu 2 (labor double), Fri 2
 *       (pe joint, math) = 8 a week
 * The calendar's Q1 follows Mon 3, Tue 5, Wed 4, Thu 4, Fri 5 times:
 *   5А: 3 + 10 + 4 + 8 + 5 = 30; 6Б: 3 + 5 + 8 + 8 + 10 = 34.
 * Q2 has two weeks, the second a break of grade 6: 6Б 8, and 5А 7 + 6 = 13 (its pe is joint
 * with 6Б: not given that Friday). Q3 and Q4: a week each.
 */
typedef struct {
	sch_school *s;
	sch_timetable *tt;
	sch_calendar *cal;
	sch_dated *d;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->s = tiny_school();
	f->tt = tiny_timetable(f->s);
	f->cal = tiny_calendar();
	CT_OK(sch_dated_new(&f->d, f->tt, f->cal, NULL, sch_calendar_first(f->cal), sch_calendar_last(f->cal)));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sch_dated_free(f->d);
	sch_calendar_free(f->cal);
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
	free(f);
	return 0;
}

static void test_calendar_dated__class_counts(void **state)
{
	fixture *f = *state;
	int *c = NULL;
	CT_OK(sch_dated_class_counts(&c, f->d));
	const int want_5a[5] = {30 + 13 + 7 + 7, 30, 13, 7, 7};
	const int want_6b[5] = {34 + 8 + 8 + 8, 34, 8, 8, 8};
	for (int q = 0; q < 5; q++) {
		assert_int_equal(c[TS_5A * 5 + q], want_5a[q]);
		assert_int_equal(c[TS_6B * 5 + q], want_6b[q]);
	}
	sch_free(c);
}

/* What each date holds: a holiday, a day off, a Saturday by Friday's timetable, a grade's break. */
static void test_calendar_dated__dates(void **state)
{
	fixture *f = *state;
	size_t first, n;
	assert_int_equal(sch_dated_on(f->d, D("2026-09-16"), &first), 0); /* the holiday */
	assert_int_equal(sch_dated_on(f->d, D("2026-09-21"), &first), 0); /* the day off */
	assert_int_equal(sch_dated_on(f->d, D("2026-09-20"), &first), 0); /* a Sunday */
	assert_int_equal(sch_dated_on(f->d, D("2026-10-01"), &first), 0); /* in no quarter */
	/* Saturday the 19th: Friday's pe (joint: one part) and 6Б's math, by bell. */
	n = sch_dated_on(f->d, D("2026-09-19"), &first);
	assert_int_equal(n, 2);
	const sch_dated_lesson *e = sch_dated_get(f->d, first);
	assert_int_equal(e->lesson, TS_PE_JOINT);
	assert_int_equal(e->day, TS_FRI);
	assert_int_equal(e->period, 0);
	assert_int_equal(e->quarter, 1);
	assert_int_equal(e->status, SCH_DATED_PLANNED);
	assert_int_equal(sch_dated_get(f->d, first + 1)->lesson, TS_6B_MATH2);
	/* Tuesday 1 September: 5А english (two parts, two teachers) and math, 6Б history. */
	n = sch_dated_on(f->d, D("2026-09-01"), &first);
	assert_int_equal(n, 4);
	assert_int_equal(sch_dated_get(f->d, first)->lesson, TS_5A_ENGLISH1);
	assert_int_equal(sch_dated_get(f->d, first)->teacher, TS_SMITH);
	assert_int_equal(sch_dated_get(f->d, first + 1)->teacher, TS_PETROVA);
	/* The grade 6 break: 5А alone on Monday 12 October; the joint pe lesson is not given that Friday. */
	n = sch_dated_on(f->d, D("2026-10-12"), &first);
	assert_int_equal(n, 1);
	assert_int_equal(sch_dated_get(f->d, first)->lesson, TS_5A_RUSSIAN);
	assert_int_equal(sch_dated_on(f->d, D("2026-10-16"), &first), 0);
	/* A range outside the year is empty; one partly outside is clipped. */
	sch_dated *d2 = NULL;
	CT_OK(sch_dated_new(&d2, f->tt, f->cal, NULL, D("2027-01-01"), D("2027-01-31")));
	assert_int_equal(sch_dated_count(d2), 0);
	sch_dated_free(d2);
	CT_OK(sch_dated_new(&d2, f->tt, f->cal, NULL, D("2026-08-01"), D("2026-09-01")));
	assert_int_equal(sch_dated_count(d2), 4);
	sch_dated_free(d2);
}

/* Given against planned per load line: 5А math (2 a week: Tue and Thu) in Q1 is 5 + 4 = 9 of 2 x 21/5 = 8.4 -> 8. */
static void test_calendar_dated__line_report(void **state)
{
	fixture *f = *state;
	sch_dated_line_report *rows = NULL;
	size_t n = 0;
	CT_OK(sch_dated_lines(&rows, &n, f->d));
	assert_int_equal(n, 10); /* 9 lines, the joint pe line once per class */
	const sch_dated_line_report *math = NULL, *pe6 = NULL, *labor = NULL;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].line == TS_L_5A_MATH)
			math = &rows[i];
		if (rows[i].line == TS_L_PE && rows[i].cls == TS_6B)
			pe6 = &rows[i];
		if (rows[i].line == TS_L_6B_LABOR)
			labor = &rows[i];
	}
	assert_non_null(math);
	assert_int_equal(rows[0].cls, TS_5A); /* classes first */
	assert_int_equal(math->given[1], 9);
	assert_int_equal(math->planned[1], 8);
	assert_int_equal(math->given[2], 4);
	assert_int_equal(math->planned[2], 4);
	assert_int_equal(math->given[0], 9 + 4 + 2 + 2);
	/* No norm of weeks: the year's plan is 2 x 41/5 = 16.4 -> 16. */
	assert_int_equal(math->planned[0], 16);
	/* pe of 6Б: Fridays only; in Q2 its break takes the second Friday. */
	assert_int_equal(pe6->given[1], 5);
	assert_int_equal(pe6->given[2], 1);
	assert_int_equal(pe6->planned[2], 1); /* 1 x 5/5 */
	/* The double labor lesson counts two a Thursday: 4 Thursdays in Q1. */
	assert_int_equal(labor->given[1], 8);
	assert_int_equal(labor->planned[1], 8); /* 2 x 21/5 = 8.4 */
	sch_free(rows);
	/* With a norm of 34 weeks the year's plan is per week x 34. */
	CT_OK(sch_calendar_set_norm_weeks(f->cal, 1, 12, 34));
	CT_OK(sch_dated_lines(&rows, &n, f->d));
	for (size_t i = 0; i < n; i++)
		if (rows[i].line == TS_L_5A_MATH)
			assert_int_equal(rows[i].planned[0], 68);
	sch_free(rows);
}

/* The tiny timetable has no clash on any date; a swap that puts a lesson onto another is found. */
static void test_calendar_dated__verifier(void **state)
{
	fixture *f = *state;
	sch_dv_finding *v = NULL;
	size_t n = 9;
	CT_OK(sch_dated_verify(&v, &n, f->d));
	assert_int_equal(n, 0);
	free(v);
	sch_subst *s = NULL;
	CT_OK(sch_subst_new(&s, f->s));
	/* Tue 1 Sep: 5А math moves onto bell 1, where 5А has english: a class clash. */
	sch_day_change c = {.kind = SCH_CHANGE_MOVE, .date = D("2026-09-01"), .lesson = TS_5A_MATH1, .part = -1,
			    .teacher = -1, .period = 0};
	CT_OK(sch_subst_add_change(s, &c));
	/* Wed 2 Sep: asanova covers both 5А en2 english and 6Б english at bell 1: a teacher clash. */
	sch_day_change c1 = {.kind = SCH_CHANGE_COVER, .date = D("2026-09-02"), .lesson = TS_5A_EN2, .part = 0,
			     .teacher = TS_ASANOVA, .period = -1};
	sch_day_change c2 = {.kind = SCH_CHANGE_COVER, .date = D("2026-09-02"), .lesson = TS_6B_ENGLISH2, .part = 0,
			     .teacher = TS_ASANOVA, .period = -1};
	CT_OK(sch_subst_add_change(s, &c1));
	CT_OK(sch_subst_add_change(s, &c2));
	sch_dated *d = NULL;
	CT_OK(sch_dated_new(&d, f->tt, f->cal, s, D("2026-09-01"), D("2026-09-02")));
	CT_OK(sch_dated_verify(&v, &n, d));
	/* The moved math meets 5А's english (its groups: one finding) and its teacher's 6Б history. */
	assert_int_equal(n, 3);
	assert_int_equal(v[0].kind, SCH_DV_CLASS_CLASH);
	assert_int_equal(v[0].entity, TS_5A);
	assert_int_equal(v[0].date, D("2026-09-01"));
	assert_non_null(strstr(v[0].message, "2026-09-01: class 5А has two lessons at bell 1"));
	assert_int_equal(v[1].kind, SCH_DV_TEACHER_CLASH);
	assert_int_equal(v[1].entity, TS_ASANOVA);
	assert_int_equal(v[1].date, D("2026-09-01"));
	assert_int_equal(v[2].kind, SCH_DV_TEACHER_CLASH);
	assert_int_equal(v[2].date, D("2026-09-02"));
	assert_non_null(strstr(v[2].message, "2026-09-02: teacher Асанова Г.К. has two lessons at bell 1"));
	free(v);
	sch_dated_free(d);
	sch_subst_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_calendar_dated__class_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_dated__dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_dated__line_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_dated__verifier, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
