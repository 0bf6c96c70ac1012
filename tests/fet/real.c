/* FET import of the real school files in ../shared/data/fet: sizes and the unsupported summary. */
#include "helpers.h"
#include "schedule/fet.h"
#include "schedule/sys/model.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define DATA SCH_SOURCE_DIR "/../shared/data/fet/"

/*
 * What each file holds, counted from its XML apart from the importer: smallest students
 * sets (subgroups, groups without subgroups, years without groups), <Teacher> entries,
 * active activities, and activities without students (each gets a class of its own).
 */
typedef struct {
	const char *file;
	int classes, teachers, activities, lessons, constraints;
	int pupil_gaps;
	const char *unsupported; /* "Type=count;..." in order met, "" for none */
} expected;

static const expected files[] = {
	{"brazil-1.fet", 16, 27, 400, 400, 199, SCH_PUPIL_GAPS_ALLOWED, ""},
	{"greece-gymnasio.fet", 10 + 9, 29, 327, 327, 216, SCH_PUPIL_GAPS_FORBIDDEN, "ConstraintSubjectPreferredRoom=4;"},
	{"romania-medgidia-2013.fet", 16, 30, 423, 423, 214, SCH_PUPIL_GAPS_ALLOWED, ""},
	{"spain-primaria.fet", 10, 17, 254, 254, 91, SCH_PUPIL_GAPS_ALLOWED, ""},
	{"vietnam-afternoon-shift.fet", 23 + 4, 51, 288, 288, 157, SCH_PUPIL_GAPS_ALLOWED,
	 "ConstraintStudentsSetIntervalMaxDaysPerWeek=1;"},
};

static void check(const expected *e)
{
	char path[1024], got[1024] = "";
	snprintf(path, sizeof path, "%s%s", DATA, e->file);
	if (access(path, R_OK) != 0) {
		print_message("skipped: %s is absent (the FET files live in ../shared)\n", path);
		skip();
	}
	sch_school *s = NULL;
	sch_fet_report rep = {0};
	sch_diags *d = NULL;
	assert_int_equal(sch_diags_new(&d), 0);
	int rc = sch_fet_import(&s, path, &rep, d);
	if (rc)
		fail_msg("%s: %s", e->file, sch_error_last()->message);
	assert_int_equal(sch_diags_errors(d), 0);
	print_message("%s: %d classes, %d teachers, %d lessons, %d constraints; FET: %d read, %d mapped, %d without "
		      "effect, %d unsupported\n",
		      e->file, s->n_classes, s->n_teachers, s->n_lessons, s->n_constraints, rep.constraints, rep.mapped,
		      rep.ignored, rep.unsupported);
	assert_int_equal(s->n_classes, e->classes);
	assert_int_equal(s->n_teachers, e->teachers);
	assert_int_equal(rep.activities, e->activities);
	assert_int_equal(s->n_lines, e->lessons);
	assert_int_equal(s->n_lessons, e->lessons); /* one lesson per activity, of its duration */
	assert_int_equal(rep.constraints, e->constraints);
	assert_int_equal(rep.mapped + rep.ignored + rep.unsupported, rep.constraints);
	assert_int_equal(s->rules.pupil_gaps, e->pupil_gaps);
	for (int i = 0; i < rep.n_items; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s=%d;", rep.items[i].what, rep.items[i].count);
	assert_string_equal(got, e->unsupported);
	/* every lesson's length is its activity's duration; every line is named a<Id> */
	for (int l = 0; l < s->n_lines; l++) {
		assert_non_null(s->lines[l].id);
		assert_int_equal(s->lines[l].id[0], 'a');
		assert_int_equal(s->lessons[s->lines[l].first_lesson].length, s->lines[l].per_week);
	}
	/* the school saves as YAML */
	char *yaml = NULL;
	size_t len = 0;
	assert_int_equal(sch_school_to_yaml(&yaml, &len, s), 0);
	assert_true(len > 0);
	sch_free(yaml);
	sch_fet_report_free(&rep);
	sch_diags_free(d);
	sch_school_free(s);
}

static void test_fet_real__brazil(void **state)
{
	(void)state;
	check(&files[0]);
}

static void test_fet_real__greece(void **state)
{
	(void)state;
	check(&files[1]);
}

static void test_fet_real__romania(void **state)
{
	(void)state;
	check(&files[2]);
}

static void test_fet_real__spain(void **state)
{
	(void)state;
	check(&files[3]);
}

static void test_fet_real__vietnam(void **state)
{
	(void)state;
	check(&files[4]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fet_real__brazil),
		cmocka_unit_test(test_fet_real__greece),
		cmocka_unit_test(test_fet_real__romania),
		cmocka_unit_test(test_fet_real__spain),
		cmocka_unit_test(test_fet_real__vietnam),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
