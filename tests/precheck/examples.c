/* Pre-check: the example schools, the order of findings, and the API's edges. */
#include "precheck_util.h"

static sch_school *load_example(const char *name)
{
	char path[512];
	sch_school *s = NULL;
	snprintf(path, sizeof path, "%s/examples/%s", SCH_SOURCE_DIR, name);
	assert_int_equal(sch_school_load_yaml(&s, path, NULL), 0);
	return s;
}

static void test_precheck_examples__feasible_schools(void **state)
{
	static const char *const names[] = {"small.yaml", "school-kg.yaml"};
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		sch_school *s = load_example(names[i]);
		sch_precheck *pre = pre_run(s);
		if (pre_count(pre, SCH_PRE_IMPOSSIBLE, NULL) || pre_count(pre, SCH_PRE_WARNING, NULL))
			pre_dump(pre);
		/* feasible, and comfortably so: not even a tight spot */
		assert_false(sch_precheck_impossible(pre));
		assert_int_equal(pre_count(pre, SCH_PRE_IMPOSSIBLE, NULL), 0);
		assert_int_equal(pre_count(pre, SCH_PRE_WARNING, NULL), 0);
		assert_non_null(pre_find(pre, SCH_PRE_INFO, "shift_load", NULL));
		/* every teacher of the example teaches, within what the week gives */
		for (int t = 0; t < sch_school_teacher_count(s); t++) {
			int load, avail, cap;
			assert_int_equal(sch_precheck_teacher_load(pre, t, &load, &avail, &cap), 0);
			assert_true(load > 0);
			assert_true(load <= 24);
			assert_true(cap <= avail);
			assert_true(load * 100 <= cap * 80);
		}
		sch_precheck_free(pre);
		sch_school_free(s);
	}
}

static void test_precheck_examples__infeasible_school(void **state)
{
	(void)state;
	sch_school *s = load_example("infeasible.yaml");
	sch_precheck *pre = pre_run(s);
	assert_true(sch_precheck_impossible(pre));
	assert_int_equal(pre_count(pre, SCH_PRE_IMPOSSIBLE, NULL), 2);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "teacher_capacity",
		       "teacher Асанова Г.К.: 15 lessons a week but only 14 available slots (unavailable: mon 1-4, "
		       "tue 1-3, wed 1-3, thu 1-3, fri 1-3)");
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "subject_days",
		       "class 6А: 6 lessons of Русский язык a week with at most one a day on a 5-day week");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_examples__impossible_first(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: A, subjects: [math, history]}\n  b: {name: B, subjects: [art]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  5Б: {grade: 5, shift: 2}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: a, per_week: 5}\n"
				 "  - {class: 5А, subject: history, teacher: a, per_week: 5}\n"
				 "  - {class: 5Б, subject: math, teacher: b, per_week: 6}\n");
	sch_precheck *pre = pre_run(s);
	int last = SCH_PRE_IMPOSSIBLE;
	assert_true(sch_precheck_count(pre) >= 3);
	for (size_t i = 0; i < sch_precheck_count(pre); i++) {
		const sch_precheck_finding *f = sch_precheck_get(pre, i);
		assert_true(f->level <= last);
		assert_non_null(f->kind);
		assert_non_null(f->message);
		last = f->level;
	}
	assert_int_equal(sch_precheck_get(pre, 0)->level, SCH_PRE_IMPOSSIBLE);
	assert_null(sch_precheck_get(pre, sch_precheck_count(pre)));
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_examples__api_edges(void **state)
{
	(void)state;
	sch_precheck *pre = (sch_precheck *)1;
	int load = -1, avail = -1, cap = -1;
	assert_int_equal(sch_precheck_run(&pre, NULL), SCH_EINVALID);
	assert_null(pre);
	assert_non_null(sch_error_last());
	assert_int_equal(sch_precheck_run(NULL, NULL), SCH_EINVALID);
	sch_precheck_free(NULL);
	assert_int_equal(sch_precheck_count(NULL), 0);
	assert_null(sch_precheck_get(NULL, 0));
	assert_int_equal(sch_precheck_impossible(NULL), 0);
	assert_int_equal(sch_precheck_teacher_load(NULL, 0, &load, &avail, &cap), SCH_ENOTFOUND);
	assert_int_equal(load, 0);
	assert_int_equal(avail, 0);
	assert_int_equal(cap, 0);
	assert_int_equal(sch_precheck_class_load(NULL, 0, &load, &cap), SCH_ENOTFOUND);

	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: A, subjects: [math]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n"
				 "lessons:\n  - {class: 5А, subject: math, teacher: a, per_week: 2}\n");
	pre = pre_run(s);
	assert_int_equal(sch_precheck_teacher_load(pre, 1, &load, NULL, NULL), SCH_ENOTFOUND);
	assert_int_equal(sch_precheck_teacher_load(pre, -1, NULL, NULL, NULL), SCH_ENOTFOUND);
	assert_int_equal(sch_precheck_teacher_load(pre, 0, NULL, NULL, NULL), 0);
	assert_int_equal(sch_precheck_class_load(pre, 1, &load, &cap), SCH_ENOTFOUND);
	assert_int_equal(sch_precheck_class_load(pre, 0, &load, &cap), 0);
	assert_int_equal(load, 2);
	assert_int_equal(cap, 10);
	assert_false(sch_precheck_impossible(pre));
	sch_precheck_free(pre);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precheck_examples__feasible_schools),
		cmocka_unit_test(test_precheck_examples__infeasible_school),
		cmocka_unit_test(test_precheck_examples__impossible_first),
		cmocka_unit_test(test_precheck_examples__api_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
