/* Editing the calendar one item at a time: refused edits change nothing, quarters follow moved breaks and ends, validation. */
#include "cal_test.h"

static sch_calendar *kyrgyz(void)
{
	sch_calendar *c = NULL;
	CT_OK(sch_calendar_generate(&c, 2026, NULL, NULL));
	return c;
}

/* Whether two calendars hold the same dates and names. */
static void expect_same(const sch_calendar *a, const sch_calendar *b)
{
	assert_int_equal(sch_calendar_first(a), sch_calendar_first(b));
	assert_int_equal(sch_calendar_last(a), sch_calendar_last(b));
	for (int n = 1; n <= 4; n++) {
		sch_quarter x, y;
		CT_OK(sch_calendar_quarter(a, n, &x));
		CT_OK(sch_calendar_quarter(b, n, &y));
		assert_int_equal(x.first, y.first);
		assert_int_equal(x.last, y.last);
	}
	assert_int_equal(sch_calendar_break_count(a), sch_calendar_break_count(b));
	for (size_t i = 0; i < sch_calendar_break_count(a); i++) {
		assert_string_equal(sch_calendar_break(a, i)->id, sch_calendar_break(b, i)->id);
		assert_int_equal(sch_calendar_break(a, i)->first, sch_calendar_break(b, i)->first);
		assert_int_equal(sch_calendar_break(a, i)->last, sch_calendar_break(b, i)->last);
	}
	assert_int_equal(sch_calendar_holiday_count(a), sch_calendar_holiday_count(b));
	assert_int_equal(sch_calendar_transfer_count(a), sch_calendar_transfer_count(b));
}

static void test_calendar_edit__refused_edits_change_nothing(void **state)
{
	(void)state;
	sch_calendar *c = kyrgyz(), *before = NULL;
	CT_OK(sch_calendar_copy(&before, c));
	CT_FAILS(sch_calendar_set_quarter(c, 2, D("2026-10-20"), D("2026-12-29")), SCH_EINVALID,
		 "quarter 1 (2026-09-01 .. 2026-11-01) overlaps quarter 2 (2026-10-20 .. 2026-12-29)");
	CT_FAILS(sch_calendar_set_quarter(c, 4, D("2027-03-22"), D("2027-06-15")), SCH_EINVALID,
		 "quarter 4 (2027-03-22 .. 2027-06-15) is not inside the school year (2026-09-01 .. 2027-05-31)");
	CT_FAILS(sch_calendar_set_quarter(c, 2, D("2026-08-20"), D("2026-08-30")), SCH_EINVALID, "not inside");
	CT_FAILS(sch_calendar_set_quarter(c, 3, D("2027-03-10"), D("2027-03-01")), SCH_EINVALID, "after it ends");
	CT_FAILS(sch_calendar_set_quarter(c, 5, D("2027-03-10"), D("2027-03-11")), SCH_EINVALID, "numbered 1 to 4");
	CT_FAILS(sch_calendar_set_quarter(c, 3, D("2027-01-11"), SCH_DATE_NONE), SCH_EINVALID, "no date");
	CT_FAILS(sch_calendar_set_holiday(c, D("2027-07-01"), "Лето"), SCH_EINVALID,
		 "holiday 2027-07-01 (Лето) is not inside the school year");
	CT_FAILS(sch_calendar_set_transfer(c, D("2026-08-29"), 0, NULL), SCH_EINVALID, "transfer 2026-08-29");
	CT_FAILS(sch_calendar_set_transfer(c, D("2026-11-14"), 7, NULL), SCH_EINVALID, "follows a weekday");
	CT_FAILS(sch_calendar_set_break(c, "summer", NULL, D("2027-05-20"), D("2027-06-10"), 1, 12, 0), SCH_EINVALID,
		 "break summer");
	CT_FAILS(sch_calendar_set_break(c, "x", NULL, D("2027-04-01"), D("2027-04-02"), 5, 3, 0), SCH_EINVALID,
		 "grades 5-3");
	/* The year's last day before a holiday of the year: refused, the holiday names it. */
	CT_FAILS(sch_calendar_set_range(c, D("2026-09-01"), D("2027-05-04"), 0), SCH_EINVALID, "holiday 2027-05-05");
	CT_FAILS(sch_calendar_remove_break(c, "sprng"), SCH_ENOTFOUND, "did you mean spring?");
	CT_FAILS(sch_calendar_remove_holiday(c, D("2027-04-01")), SCH_ENOTFOUND, "2027-04-01 is not a holiday");
	expect_same(c, before);
	sch_calendar_free(before);
	sch_calendar_free(c);
}

/* 2025/26: the Ministry moved the year's end from the 25th to the 29th of May. */
static void test_calendar_edit__year_end_moves_quarter_4(void **state)
{
	(void)state;
	sch_calendar *c = kyrgyz();
	sch_quarter q;
	CT_OK(sch_calendar_set_range(c, D("2026-09-01"), D("2027-05-25"), 0));
	CT_OK(sch_calendar_quarter(c, 4, &q));
	assert_int_equal(q.last, D("2027-05-25"));
	assert_string_equal(sch_calendar_source(c), "edited");
	/* With KEEP_QUARTERS quarter 4 stays; it must then still fit. */
	CT_OK(sch_calendar_set_range(c, D("2026-09-01"), D("2027-05-29"), SCH_CALENDAR_KEEP_QUARTERS));
	CT_OK(sch_calendar_quarter(c, 4, &q));
	assert_int_equal(q.last, D("2027-05-25"));
	CT_OK(sch_calendar_set_range(c, D("2026-08-31"), D("2027-05-29"), 0)); /* quarter 1 starts with the year */
	CT_OK(sch_calendar_quarter(c, 1, &q));
	assert_int_equal(q.first, D("2026-08-31"));
	sch_calendar_free(c);
}

/* Moving the spring break drags the end of quarter 3 and the start of quarter 4 with it. */
static void test_calendar_edit__break_moves_its_quarters(void **state)
{
	(void)state;
	sch_calendar *c = kyrgyz();
	sch_quarter q3, q4;
	CT_OK(sch_calendar_set_break(c, "spring", NULL, D("2027-03-20"), D("2027-03-28"), 1, 12, 0));
	CT_OK(sch_calendar_quarter(c, 3, &q3));
	CT_OK(sch_calendar_quarter(c, 4, &q4));
	assert_int_equal(q3.last, D("2027-03-19"));
	assert_int_equal(q4.first, D("2027-03-29"));
	assert_string_equal(sch_calendar_break(c, 3)->name, "Весенние каникулы"); /* the name is kept */
	/* Kept quarters: the break overlaps nothing here, so it is accepted as it is. */
	CT_OK(sch_calendar_set_break(c, "spring", "Весна", D("2027-03-22"), D("2027-03-28"), 1, 12,
				     SCH_CALENDAR_KEEP_QUARTERS));
	CT_OK(sch_calendar_quarter(c, 3, &q3));
	assert_int_equal(q3.last, D("2027-03-19"));
	assert_string_equal(sch_calendar_break(c, 3)->name, "Весна");
	/* A break moved into a quarter's middle is accepted, with a warning of the overlap. */
	CT_OK(sch_calendar_set_break(c, "extra", "Карантин", D("2027-02-01"), D("2027-02-06"), 1, 12, 0));
	sch_diags *diags = NULL;
	CT_OK(sch_diags_new(&diags));
	CT_OK(sch_calendar_validate(c, NULL, diags));
	assert_int_equal(sch_diags_errors(diags), 0);
	int found = 0;
	for (size_t i = 0; i < sch_diags_count(diags); i++)
		found |= strstr(sch_diags_get(diags, i)->message, "the break extra (2027-02-01 .. 2027-02-06) overlaps quarter 3") != NULL;
	assert_true(found);
	sch_diags_free(diags);
	sch_calendar_free(c);
}

static int has_diag(sch_diags *d, int severity, const char *text)
{
	for (size_t i = 0; i < sch_diags_count(d); i++)
		if (sch_diags_get(d, i)->severity == severity && strstr(sch_diags_get(d, i)->message, text))
			return 1;
	return 0;
}

static void test_calendar_edit__validation(void **state)
{
	(void)state;
	sch_calendar *c = kyrgyz();
	sch_diags *diags = NULL;
	/* A quarter starting on a holiday is an error; losing days makes grades short. */
	CT_OK(sch_calendar_set_quarter(c, 3, D("2027-01-07"), D("2027-03-14")));
	CT_OK(sch_diags_new(&diags));
	assert_int_equal(sch_calendar_validate(c, NULL, diags), SCH_EINVALID);
	assert_true(has_diag(diags, SCH_DIAG_ERROR, "quarter 3 starts on 2027-01-07, a holiday (Рождество Христово)"));
	sch_diags_free(diags);
	CT_OK(sch_calendar_set_quarter(c, 3, D("2027-01-18"), D("2027-03-14")));
	CT_OK(sch_diags_new(&diags));
	CT_OK(sch_calendar_validate(c, NULL, diags));
	/* Jan 11-16 are lost: grades 2-11 have 198 days (33.0 weeks), grade 1 has 160 (32.0). */
	assert_true(has_diag(diags, SCH_DIAG_WARNING, "6 days from 2027-01-11 are in no quarter and no break"));
	assert_true(has_diag(diags, SCH_DIAG_WARNING,
			     "grades 2-11 have 33.0 school weeks (198 days of a 6-day week), short of the 34 they need"));
	assert_true(has_diag(diags, SCH_DIAG_WARNING,
			     "grade 1 has 32.0 school weeks (160 days of a 5-day week), short of the 33 it needs"));
	sch_diags_free(diags);
	/* A quarter not set is an error. */
	sch_calendar *e = NULL;
	CT_OK(sch_calendar_new(&e, 2026, D("2026-09-01"), D("2027-05-31")));
	CT_OK(sch_diags_new(&diags));
	assert_int_equal(sch_calendar_validate(e, NULL, diags), SCH_EINVALID);
	assert_true(has_diag(diags, SCH_DIAG_ERROR, "quarter 4 is not set"));
	sch_diags_free(diags);
	sch_calendar_free(e);
	sch_calendar_free(c);
}

/* The weeks of a grade follow the school's classes: the tiny school's classes have a 5-day week. */
static void test_calendar_edit__weeks_of_the_school(void **state)
{
	(void)state;
	sch_calendar *c = tiny_calendar();
	sch_school *s = tiny_school();
	sch_calendar_weeks w;
	CT_OK(sch_calendar_grade_weeks(c, s, 5, &w));
	assert_int_equal(w.week_days, 5);
	assert_int_equal(w.days[1], 21); /* Mon 3, Tue 5, Wed 4, Thu 4, Fri 5 (Saturday 19th included) */
	assert_int_equal(w.days[2], 10);
	assert_int_equal(w.days[0], 21 + 10 + 5 + 5);
	assert_true(w.weeks[1] > 4.19 && w.weeks[1] < 4.21);
	CT_OK(sch_calendar_grade_weeks(c, s, 6, &w));
	assert_int_equal(w.days[2], 5); /* its break takes the second week of quarter 2 */
	/* A grade the school lacks: the Kyrgyz week (Mon-Sat). */
	CT_OK(sch_calendar_grade_weeks(c, s, 9, &w));
	assert_int_equal(w.week_days, 6);
	sch_calendar_free(c);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_edit__refused_edits_change_nothing),
		cmocka_unit_test(test_calendar_edit__year_end_moves_quarter_4),
		cmocka_unit_test(test_calendar_edit__break_moves_its_quarters),
		cmocka_unit_test(test_calendar_edit__validation),
		cmocka_unit_test(test_calendar_edit__weeks_of_the_school),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
