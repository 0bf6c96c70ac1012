/* Dates: day numbers, weekdays, ISO and DD.MM.YYYY text, and bad dates. */
#include "cal_test.h"

static void test_calendar_date__known_days(void **state)
{
	(void)state;
	int y, m, d;
	assert_int_equal(sch_date_make(1970, 1, 1), 0);
	assert_int_equal(sch_date_weekday(0), 3); /* a Thursday */
	assert_int_equal(sch_date_weekday(sch_date_make(2026, 9, 1)), 1);  /* Tuesday */
	assert_int_equal(sch_date_weekday(sch_date_make(2022, 8, 22)), 0); /* Monday, the platform's example */
	assert_int_equal(sch_date_weekday(sch_date_make(2027, 3, 21)), 6); /* Nooruz 2027: a Sunday */
	assert_int_equal(sch_date_make(2027, 3, 1) - sch_date_make(2027, 2, 28), 1);
	assert_int_equal(sch_date_make(2028, 3, 1) - sch_date_make(2028, 2, 28), 2); /* a leap year */
	assert_int_equal(sch_date_make(2100, 3, 1) - sch_date_make(2100, 2, 28), 1); /* not one */
	assert_int_equal(sch_date_make(2000, 3, 1) - sch_date_make(2000, 2, 28), 2); /* one */
	sch_date_split(sch_date_make(1999, 12, 31) + 1, &y, &m, &d);
	assert_int_equal(y, 2000);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
}

static void test_calendar_date__round_trip_every_day(void **state)
{
	(void)state;
	sch_date first = sch_date_make(1900, 1, 1), last = sch_date_make(2199, 12, 31);
	int wd = sch_date_weekday(first);
	for (sch_date x = first; x <= last; x++) {
		int y, m, d;
		sch_date_split(x, &y, &m, &d);
		assert_int_equal(sch_date_make(y, m, d), x);
		assert_int_equal(sch_date_weekday(x), wd);
		wd = (wd + 1) % 7;
	}
	assert_int_equal(last - first + 1, 300 * 365 + 73); /* 73 leap days in 1900-2199 */
}

static void test_calendar_date__text(void **state)
{
	(void)state;
	char buf[16];
	sch_date x;
	CT_OK(sch_date_parse(&x, "2026-09-01"));
	assert_int_equal(x, sch_date_make(2026, 9, 1));
	assert_string_equal(sch_date_iso(x, buf), "2026-09-01");
	assert_string_equal(sch_date_dmy(x, buf), "01.09.2026");
	CT_OK(sch_date_parse(&x, "22.08.2022"));
	assert_int_equal(x, sch_date_make(2022, 8, 22));
	assert_string_equal(sch_date_iso(SCH_DATE_NONE, buf), "----------");
}

static void test_calendar_date__bad(void **state)
{
	(void)state;
	sch_date x = 5;
	CT_FAILS(sch_date_parse(&x, "2026-02-30"), SCH_EINVALID, "month 2 has 28 days");
	assert_int_equal(x, SCH_DATE_NONE);
	CT_FAILS(sch_date_parse(&x, "2026-13-01"), SCH_EINVALID, "not a day");
	CT_FAILS(sch_date_parse(&x, "2026-9-1"), SCH_EINVALID, "expected YYYY-MM-DD");
	CT_FAILS(sch_date_parse(&x, "26-09-01"), SCH_EINVALID, "expected YYYY-MM-DD");
	CT_FAILS(sch_date_parse(&x, ""), SCH_EINVALID, "expected YYYY-MM-DD");
	CT_FAILS(sch_date_parse(&x, "2026-09-01x"), SCH_EINVALID, "expected YYYY-MM-DD");
	CT_FAILS(sch_date_parse(&x, "1800-01-01"), SCH_EINVALID, "outside 1900-2199");
	CT_FAILS(sch_date_parse(&x, NULL), SCH_EINVALID, "no date");
	assert_int_equal(sch_date_make(2026, 0, 1), SCH_DATE_NONE);
	assert_int_equal(sch_date_make(2026, 4, 31), SCH_DATE_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_date__known_days),
		cmocka_unit_test(test_calendar_date__round_trip_every_day),
		cmocka_unit_test(test_calendar_date__text),
		cmocka_unit_test(test_calendar_date__bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
