/* The rounding rule of final grades at its edges, and periods by name. */
#include <math.h>
#include <string.h>

#include "helpers.h"

static void test_grades_round__half_up_by_default(void **state)
{
	(void)state;
	assert_int_equal(sch_grades_round(3.5, SCH_GRADES_ROUND_AT_DEFAULT), 4);
	assert_int_equal(sch_grades_round(3.49, 0.5), 3);
	assert_int_equal(sch_grades_round(3.4999999, 0.5), 3);
	assert_int_equal(sch_grades_round(3.0, 0.5), 3);
	assert_int_equal(sch_grades_round(2.5, 0.5), 3);
	assert_int_equal(sch_grades_round(4.99, 0.5), 5);
	assert_int_equal(sch_grades_round(5.0, 0.5), 5);
	assert_int_equal(sch_grades_round(2.0, 0.5), 2);
}

static void test_grades_round__threshold_point_six(void **state)
{
	(void)state;
	assert_int_equal(sch_grades_round(3.5, 0.6), 3);
	assert_int_equal(sch_grades_round(3.59, 0.6), 3);
	assert_int_equal(sch_grades_round(3.6, 0.6), 4);
	assert_int_equal(sch_grades_round(3.0 + 0.6, 0.6), 4);
	assert_int_equal(sch_grades_round(18.0 / 5.0, 0.6), 4); /* 4 4 4 3 3 */
	assert_int_equal(sch_grades_round(4.61, 0.6), 5);
	/* 1: never up; a tiny threshold: up from any fraction. */
	assert_int_equal(sch_grades_round(4.99, 1.0), 4);
	assert_int_equal(sch_grades_round(4.01, 0.01), 5);
}

static void test_grades_round__averages_of_marks(void **state)
{
	(void)state;
	int g;
	double avg;
	const double a[] = {4, 3}, b[] = {5, 3, 3}, c[] = {3, 4, 3}, d[] = {2, 3}, e[] = {5, 4, 4, 3, 3},
		     f[] = {4, 4, 3, 3, 4}, h[] = {3, 4, 4, 4, 3, 4, 3}; /* 25/7 = 3.571 */
	assert_int_equal(sch_grades_suggest_value(&g, &avg, a, 2, 0.5), 0);
	assert_int_equal(g, 4);
	assert_true(avg == 3.5);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, a, 2, 0.6), 0);
	assert_int_equal(g, 3);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, b, 3, 0.5), 0);
	assert_int_equal(g, 4);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, c, 3, 0.5), 0);
	assert_int_equal(g, 3);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, d, 2, 0.5), 0);
	assert_int_equal(g, 3);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, d, 2, 0.6), 0);
	assert_int_equal(g, 2);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, e, 5, 0.6), 0); /* 3.8 */
	assert_int_equal(g, 4);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, f, 5, 0.6), 0); /* 3.6 exactly */
	assert_int_equal(g, 4);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, h, 7, 0.6), 0);
	assert_int_equal(g, 3);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, h, 7, 0.5), 0);
	assert_int_equal(g, 4);
}

static void test_grades_round__bad_input(void **state)
{
	(void)state;
	int g = -1;
	const double a[] = {4};
	assert_int_equal(sch_grades_suggest_value(&g, NULL, a, 0, 0.5), SCH_ENOTFOUND);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, a, 1, 0), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "(0, 1]"));
	assert_int_equal(sch_grades_suggest_value(&g, NULL, a, 1, 1.5), SCH_EINVALID);
	assert_int_equal(sch_grades_suggest_value(&g, NULL, a, 1, -0.5), SCH_EINVALID);
	assert_int_equal(g, -1);
}

static void test_grades_round__periods(void **state)
{
	(void)state;
	assert_int_equal(sch_period_parse("q1"), SCH_PERIOD_Q1);
	assert_int_equal(sch_period_parse("4"), SCH_PERIOD_Q4);
	assert_int_equal(sch_period_parse("year"), SCH_PERIOD_YEAR);
	assert_int_equal(sch_period_parse("5"), SCH_EINVALID);
	assert_int_equal(sch_period_parse("q5"), SCH_EINVALID);
	assert_int_equal(sch_period_parse(""), SCH_EINVALID);
	assert_int_equal(sch_period_parse(NULL), SCH_EINVALID);
	assert_string_equal(sch_period_name(SCH_PERIOD_Q2), "q2");
	assert_string_equal(sch_period_name(SCH_PERIOD_YEAR), "year");
	assert_null(sch_period_name(5));
	assert_null(sch_period_name(-1));
}

static void test_grades_round__quality_figures(void **state)
{
	(void)state;
	sch_quality q;
	memset(&q, 0, sizeof q);
	assert_true(sch_quality_percent(&q) == 0 && sch_success_percent(&q) == 0 && sch_quality_average(&q) == 0);
	const int grades[] = {5, 4, 3, 3, 0}; /* the math column of the fixture */
	for (int i = 0; i < 5; i++)
		sch_quality_add(&q, grades[i]);
	assert_int_equal(q.pupils, 5);
	assert_int_equal(q.count[5], 1);
	assert_int_equal(q.count[4], 1);
	assert_int_equal(q.count[3], 2);
	assert_int_equal(q.ungraded, 1);
	assert_true(fabs(sch_quality_percent(&q) - 40.0) < 1e-9);
	assert_true(fabs(sch_success_percent(&q) - 80.0) < 1e-9);
	assert_true(fabs(sch_quality_average(&q) - 3.75) < 1e-9);
	sch_quality_add(&q, 1); /* a 1 counts with the 2s; the average keeps it */
	assert_int_equal(q.count[2], 1);
	assert_true(fabs(sch_quality_average(&q) - 16.0 / 5.0) < 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grades_round__half_up_by_default),
		cmocka_unit_test(test_grades_round__threshold_point_six),
		cmocka_unit_test(test_grades_round__averages_of_marks),
		cmocka_unit_test(test_grades_round__bad_input),
		cmocka_unit_test(test_grades_round__periods),
		cmocka_unit_test(test_grades_round__quality_figures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
