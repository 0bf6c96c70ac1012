/* Pre-check and the constraints section: hard unavailability of classes, loads below hard minimums. */
#include "precheck_util.h"

/* 5А has 2 bells x 5 days = 10 places; a hard constraint keeps mon and tue free: 6 are left. */
static void test_precheck_constraints__class_unavailable(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n"
				 "  asanova: {name: Асанова Г.К., subjects: [math]}\n"
				 "  petrova: {name: Петрова А.И., subjects: [history]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1, divisions: {foreign: [en1, en2]}}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: asanova, per_week: 5}\n"
				 "  - {class: 5А, group: en2, subject: history, teacher: petrova, per_week: 2}\n"
				 "constraints:\n"
				 "  - {type: unavailable, classes: [5А.en2], slots: [mon, tue]}\n"
				 "  - {type: unavailable, classes: [5А], slots: [wed], weight: 3}\n");
	sch_precheck *pre = pre_run(s);
	assert_true(sch_precheck_impossible(pre));
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "class_capacity",
		       "class 5А (group en2): 7 lessons a week but only 6 places, as hard constraints keep some periods free");
	int load, cap;
	assert_int_equal(sch_precheck_class_load(pre, 0, &load, &cap), 0);
	assert_int_equal(load, 7);
	assert_int_equal(cap, 6);
	sch_precheck_free(pre);
	sch_school_free(s);
}

/* The same with the soft constraint only: nothing impossible. */
static void test_precheck_constraints__soft_unavailable_is_no_limit(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  asanova: {name: Асанова Г.К., subjects: [math]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n"
				 "lessons:\n  - {class: 5А, subject: math, teacher: asanova, per_week: 5}\n"
				 "constraints:\n  - {type: unavailable, classes: [5А], slots: [mon, tue, wed, thu], weight: 3}\n");
	sch_precheck *pre = pre_run(s);
	assert_false(sch_precheck_impossible(pre));
	sch_precheck_free(pre);
	sch_school_free(s);
}

/* A teacher's hard unavailability from a constraint counts like her own. */
static void test_precheck_constraints__teacher_unavailable(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  asanova: {name: Асанова Г.К., subjects: [math]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  5Б: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: asanova, per_week: 3}\n"
				 "  - {class: 5Б, subject: math, teacher: asanova, per_week: 3}\n"
				 "constraints:\n  - {type: unavailable, teachers: [asanova], slots: [mon, tue, wed]}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "teacher_capacity",
		       "teacher Асанова Г.К.: 6 lessons a week but only 4 available slots (unavailable: mon, tue, wed)");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_constraints__minimums(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n"
				 "  asanova: {name: Асанова Г.К., subjects: [math]}\n"
				 "  petrova: {name: Петрова А.И., subjects: [history]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: asanova, per_week: 2}\n"
				 "  - {class: 5А, subject: history, teacher: petrova, per_week: 1}\n"
				 "constraints:\n"
				 "  - {type: min_days, teachers: [asanova], min: 3, source: 'FET #1'}\n"
				 "  - {type: min_per_day, classes: [5А], min: 1}\n"
				 "  - {type: min_per_day, teachers: [petrova], min: 2, empty_days: true}\n"
				 "  - {type: min_days, teachers: [petrova], min: 1}\n"
				 "  - {type: min_days, teachers: [petrova], min: 4, weight: 2}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "constraint_load",
		       "teacher Асанова Г.К.: constraint 1 (min_days, FET #1) asks for lessons on at least 3 days, but "
		       "there are only 2 lessons a week");
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "constraint_load",
		       "class 5А: constraint 2 (min_per_day) asks for at least 1 lessons on each of 5 days (5), but there "
		       "are 3 a week");
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "constraint_load",
		       "teacher Петрова А.И.: constraint 3 (min_per_day) asks for at least 2 lessons on a day with "
		       "lessons, but there is only 1 a week");
	size_t n = 0;
	for (size_t i = 0; i < sch_precheck_count(pre); i++)
		n += strcmp(sch_precheck_get(pre, i)->kind, "constraint_load") == 0;
	assert_int_equal(n, 3); /* the met min_days and the soft one say nothing */
	sch_precheck_free(pre);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precheck_constraints__class_unavailable),
		cmocka_unit_test(test_precheck_constraints__soft_unavailable_is_no_limit),
		cmocka_unit_test(test_precheck_constraints__teacher_unavailable),
		cmocka_unit_test(test_precheck_constraints__minimums),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
