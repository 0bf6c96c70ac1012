/* Pre-check: weekly loads of teachers, classes and groups against the slots they have. */
#include "precheck_util.h"

static void test_precheck_capacity__teacher_unavailable_days(void **state)
{
	(void)state;
	/* 3 classes x 3 = 9 lessons; shift 1 has 2 bells x 4 days once Friday is off = 8 */
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n"
				 "  asanova: {name: Асанова Г.К., subjects: [math], unavailable: [fri]}\n"
				 "classes:\n"
				 "  5А: {grade: 5, shift: 1}\n  5Б: {grade: 5, shift: 1}\n  5В: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: asanova, per_week: 3}\n"
				 "  - {class: 5Б, subject: math, teacher: asanova, per_week: 3}\n"
				 "  - {class: 5В, subject: math, teacher: asanova, per_week: 3}\n");
	sch_precheck *pre = pre_run(s);
	assert_true(sch_precheck_impossible(pre));
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "teacher_capacity",
		       "teacher Асанова Г.К.: 9 lessons a week but only 8 available slots (unavailable: fri)");
	int load, avail, cap;
	assert_int_equal(sch_precheck_teacher_load(pre, 0, &load, &avail, &cap), 0);
	assert_int_equal(load, 9);
	assert_int_equal(avail, 8);
	assert_int_equal(cap, 8);
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_capacity__teacher_partial_days(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n"
				 "  asanova: {name: Асанова Г.К., subjects: [math, history],"
				 " unavailable: ['mon 1', 'tue 1-2', wed, thu, fri]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: asanova, per_week: 1}\n"
				 "  - {class: 5А, subject: history, teacher: asanova, per_week: 1}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "teacher_capacity",
		       "2 lessons a week but only 1 available slot (unavailable: mon 1, tue, wed, thu, fri)");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_capacity__teacher_max_per_day(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n"
				 "  asanova: {name: Асанова Г.К., subjects: [math, history], max_per_day: 1}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  5Б: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: asanova, per_week: 3}\n"
				 "  - {class: 5Б, subject: math, teacher: asanova, per_week: 3}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "teacher_day_limit",
		       "teacher Асанова Г.К.: 6 lessons a week but at most 1 a day × 5 days = 5");
	assert_null(pre_find(pre, SCH_PRE_IMPOSSIBLE, "teacher_capacity", NULL));
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_capacity__teacher_one_shift_of_two(void **state)
{
	(void)state;
	/* 4 lessons in 16 slots overall, but the 3 of shift 1 have only its 2 free slots */
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n"
				 "  asanova: {name: Асанова Г.К., subjects: [math, history],"
				 " unavailable: ['mon 1-2', 'tue 1-2', 'wed 1-2', 'thu 1', 'fri 1']}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  6А: {grade: 6, shift: 2}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: asanova, per_week: 2}\n"
				 "  - {class: 5А, subject: history, teacher: asanova, per_week: 1}\n"
				 "  - {class: 6А, subject: math, teacher: asanova, per_week: 1}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "teacher_capacity",
		       "teacher Асанова Г.К.: 3 lessons a week in shift 1 (5А) but only 2 available slots");
	/* the whole week is not reported again: the shift says it */
	assert_int_equal(pre_count(pre, SCH_PRE_IMPOSSIBLE, "teacher_capacity"), 1);
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_capacity__teacher_unavailable_whole_shift(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n"
				 "  asanova: {name: Асанова Г.К., subjects: [math],"
				 " unavailable: ['mon 3-4', 'tue 3-4', 'wed 3-4', 'thu 3-4', 'fri 3-4']}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  6А: {grade: 6, shift: 2}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: asanova, per_week: 2}\n"
				 "  - {class: 6А, subject: math, teacher: asanova, per_week: 2}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "teacher_shift_unavailable",
		       "teacher Асанова Г.К.: 2 lessons a week in shift 2 (6А) but is unavailable in every slot of shift 2");
	/* the lessons without a slot are explained by that finding, not once more */
	assert_null(pre_find(pre, SCH_PRE_IMPOSSIBLE, "no_legal_slot", NULL));
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_capacity__class_over_shift(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n"
				 "  a: {name: A, subjects: [math]}\n  b: {name: B, subjects: [history]}\n"
				 "  c: {name: C, subjects: [russian]}\n  d: {name: D, subjects: [art]}\n"
				 "classes:\n  7Б: {grade: 7, shift: 2}\n"
				 "lessons:\n"
				 "  - {class: 7Б, subject: math, teacher: a, per_week: 3}\n"
				 "  - {class: 7Б, subject: history, teacher: b, per_week: 3}\n"
				 "  - {class: 7Б, subject: russian, teacher: c, per_week: 3}\n"
				 "  - {class: 7Б, subject: art, teacher: d, per_week: 2}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "class_capacity",
		       "class 7Б: 11 lessons a week but shift 2 offers 5 days × 2 periods = 10");
	int load, cap;
	assert_int_equal(sch_precheck_class_load(pre, 0, &load, &cap), 0);
	assert_int_equal(load, 11);
	assert_int_equal(cap, 10);
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_capacity__class_daily_limit(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: A, subjects: [math]}\n  b: {name: B, subjects: [history]}\n"
				 "classes:\n  1А: {grade: 1, shift: 1, max_per_day: 1}\n"
				 "lessons:\n"
				 "  - {class: 1А, subject: math, teacher: a, per_week: 4}\n"
				 "  - {class: 1А, subject: history, teacher: b, per_week: 2}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "class_capacity",
		       "class 1А: 6 lessons a week but at most 5 days × 1 a day = 5 (its daily limit; shift 1 has 2 periods)");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_capacity__group_over_shift(void **state)
{
	(void)state;
	/* the whole class has 8 lessons; group en1 has 3 more of its own */
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: A, subjects: [math, history]}\n  b: {name: B, subjects: [english]}\n"
				 "  c: {name: C, subjects: [russian]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1, divisions: {foreign: [en1, en2]}}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: a, per_week: 4}\n"
				 "  - {class: 5А, subject: history, teacher: a, per_week: 4}\n"
				 "  - {class: 5А, group: en1, subject: english, teacher: b, per_week: 3}\n"
				 "  - {class: 5А, group: en2, subject: russian, teacher: c, per_week: 1}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "class_capacity",
		       "class 5А (group en1): 11 lessons a week but shift 1 offers 5 days × 2 periods = 10");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_capacity__tight_is_a_warning(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: A, subjects: [math, history, russian, art]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: a, per_week: 5}\n"
				 "  - {class: 5А, subject: history, teacher: a, per_week: 5}\n");
	sch_precheck *pre = pre_run(s);
	assert_false(sch_precheck_impossible(pre));
	assert_finding(pre, SCH_PRE_WARNING, "class_capacity", "class 5А: 10 lessons a week in 10 places");
	assert_finding(pre, SCH_PRE_WARNING, "teacher_capacity", "teacher A: 10 lessons a week in 10 places");
	sch_precheck_free(pre);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precheck_capacity__teacher_unavailable_days),
		cmocka_unit_test(test_precheck_capacity__teacher_partial_days),
		cmocka_unit_test(test_precheck_capacity__teacher_max_per_day),
		cmocka_unit_test(test_precheck_capacity__teacher_one_shift_of_two),
		cmocka_unit_test(test_precheck_capacity__teacher_unavailable_whole_shift),
		cmocka_unit_test(test_precheck_capacity__class_over_shift),
		cmocka_unit_test(test_precheck_capacity__class_daily_limit),
		cmocka_unit_test(test_precheck_capacity__group_over_shift),
		cmocka_unit_test(test_precheck_capacity__tight_is_a_warning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
