/* The report API: term names, totals, JSON, argument checks, and a big school's consistency. */
#include "tiny_school.h"

#include <stdlib.h>
#include <string.h>

static void test_verify_report__zero_cost_base(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = tiny_timetable(s);
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_MISSING, 0);
	assert_int_equal(sch_report_count(rep), 0);
	assert_int_equal(sch_report_hard(rep), 0);
	assert_int_equal(sch_report_soft(rep), 0);
	assert_true(sch_report_cost(rep) == 0);
	assert_null(sch_report_get(rep, 0));
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static void test_verify_report__term_names(void **state)
{
	(void)state;
	static const char *const names[SCH_T_COUNT] = {
		"missing",      "outside_shift", "teacher_unavailable", "forbidden_period", "teacher_clash",
		"class_clash",  "room_clash",    "room_missing",        "pupil_gap",        "class_day_limit",
		"teacher_day_limit", "subject_twice", "pinned_moved",  "constraint",       "teacher_gap",
		"teacher_days", "methodical_day", "spread",             "difficulty",       "hard_periods",
		"class_balance", "period_pref",  "moved",               "constraint_soft"};
	for (int t = 0; t < SCH_T_COUNT; t++) {
		assert_string_equal(sch_term_name(t), names[t]);
		assert_int_equal(sch_term_is_hard(t), t < SCH_T_FIRST_SOFT);
	}
	assert_string_equal(sch_term_name(-1), "unknown");
	assert_string_equal(sch_term_name(SCH_T_COUNT), "unknown");
	assert_false(sch_term_is_hard(SCH_T_COUNT));
}

static void test_verify_report__arguments(void **state)
{
	(void)state;
	sch_report *rep = (sch_report *)1;
	assert_int_equal(sch_verify(&rep, NULL, NULL), SCH_EINVALID);
	assert_null(rep);
	assert_non_null(sch_error_last());
	assert_int_equal(sch_verify(NULL, NULL, NULL), SCH_EINVALID);
	/* A reference of another school. */
	sch_school *s = tiny_school(), *other = ts_new(1, 1);
	ts_shift(other, "1", 0, 0);
	ts_finalize(other);
	sch_timetable *tt = tiny_timetable(s), *ref;
	assert_int_equal(sch_timetable_new(&ref, other), 0);
	assert_int_equal(sch_verify(&rep, tt, ref), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "another school"));
	/* NULL-safe accessors. */
	sch_report_free(NULL);
	assert_int_equal(sch_report_count(NULL), 0);
	assert_null(sch_report_get(NULL, 0));
	assert_int_equal(sch_report_hard(NULL), 0);
	assert_int_equal(sch_report_term_amount(NULL, 0), 0);
	char *json = NULL;
	assert_int_equal(sch_report_to_json(&json, NULL), SCH_EINVALID);
	sch_timetable_free(ref);
	sch_timetable_free(tt);
	sch_school_free(other);
	sch_school_free(s);
}

static void test_verify_report__json(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = tiny_timetable(s);
	assert_int_equal(sch_timetable_set(tt, TS_6B_MATH1, TS_TUE, 1), 0); /* Асанова twice at tue 2 */
	assert_int_equal(sch_timetable_set(tt, TS_6B_MATH2, -1, 0), 0);
	s->teachers[TS_ASANOVA].name = "Асанова \"Г.К.\"\t"; /* quotes and a tab to escape */
	s->teachers[TS_ASANOVA].max_days = 1;                 /* she works tue and thu */
	sch_report *rep;
	char *json;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_to_json(&json, rep), 0);
	assert_non_null(strstr(json, "{\"hard\": 2, \"soft\": 2, \"terms\": {\n"
				     "  \"missing\": {\"amount\": 1, \"cost\": 1, \"weight\": 1},\n"));
	assert_non_null(strstr(json, "  \"teacher_days\": {\"amount\": 1, \"cost\": 2, \"weight\": 2},\n"));
	assert_non_null(strstr(json, "  \"moved\": {\"amount\": 0, \"cost\": 0, \"weight\": 10},\n"
				     "  \"constraint_soft\": {\"amount\": 0, \"cost\": 0, \"weight\": 1}\n}, \"findings\": [\n"));
	assert_non_null(strstr(json, "  {\"term\": \"missing\", \"hard\": true, \"amount\": 1, \"weight\": 1, \"cost\": 1, "
				     "\"day\": null, \"period\": null, \"lesson\": 8, "
				     "\"message\": \"6Б math (lesson 2 of 2) is not placed\"},\n"));
	assert_non_null(strstr(json, "  {\"term\": \"teacher_clash\", \"hard\": true, \"amount\": 1, \"weight\": 1, "
				     "\"cost\": 1, \"day\": \"tue\", \"period\": 2, \"lesson\": 0, "
				     "\"message\": \"teacher Асанова \\\"Г.К.\\\"\\t teaches 5А math and 6Б math at tue 2\"}"));
	assert_non_null(strstr(json, "\"term\": \"teacher_days\", \"hard\": false, \"amount\": 1, \"weight\": 2, \"cost\": 2, "
				     "\"day\": null, \"period\": null, \"lesson\": null"));
	assert_string_equal(json + strlen(json) - 5, "}\n]}\n");
	sch_free(json);
	sch_report_free(rep);
	/* No findings: an empty list. */
	assert_int_equal(sch_timetable_set(tt, TS_6B_MATH1, TS_WED, 1), 0);
	assert_int_equal(sch_timetable_set(tt, TS_6B_MATH2, TS_FRI, 1), 0);
	s->teachers[TS_ASANOVA].max_days = 0;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_to_json(&json, rep), 0);
	assert_non_null(strstr(json, "\"findings\": []}\n"));
	sch_free(json);
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* On a big random timetable the findings add up to the term totals. */
static void test_verify_report__big_school_adds_up(void **state)
{
	(void)state;
	sch_school *s = ts_big_school(90, 7);
	assert_true(s->n_lessons >= 3000);
	sch_timetable *tt = ts_random_timetable(s, 11), *ref = ts_random_timetable(s, 12);
	sch_report *rep;
	assert_int_equal(sch_verify(&rep, tt, ref), 0);
	int64_t amount[SCH_T_COUNT] = {0}, cost = 0, hard = 0;
	for (size_t i = 0; i < sch_report_count(rep); i++) {
		const sch_finding *f = sch_report_get(rep, i);
		assert_true(f->term >= 0 && f->term < SCH_T_COUNT);
		assert_true(f->amount > 0);
		assert_non_null(f->message);
		assert_true(f->lesson >= -1 && f->lesson < s->n_lessons);
		assert_true(f->day >= -1 && f->day < s->n_days);
		amount[f->term] += f->amount;
		if (sch_term_is_hard(f->term))
			hard += f->amount;
		else
			cost += (int64_t)f->amount * f->weight;
	}
	for (int t = 0; t < SCH_T_COUNT; t++)
		assert_int_equal(amount[t], sch_report_term_amount(rep, t));
	assert_int_equal(hard, sch_report_hard(rep));
	assert_int_equal(cost, sch_report_soft(rep));
	assert_true(sch_report_hard(rep) > 0);
	assert_true(sch_report_term_amount(rep, SCH_T_MOVED) > 0);
	char *json;
	assert_int_equal(sch_report_to_json(&json, rep), 0);
	sch_free(json);
	sch_report_free(rep);
	sch_timetable_free(ref);
	sch_timetable_free(tt);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_report__zero_cost_base),
		cmocka_unit_test(test_verify_report__term_names),
		cmocka_unit_test(test_verify_report__arguments),
		cmocka_unit_test(test_verify_report__json),
		cmocka_unit_test(test_verify_report__big_school_adds_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
