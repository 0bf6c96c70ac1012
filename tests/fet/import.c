/* FET import: a hand-made file with every mapped constraint type, checked field by field. */
#include "helpers.h"
#include "schedule/fet.h"
#include "schedule/sys/model.h"

#include <stdio.h>
#include <string.h>

#define FIXTURE SCH_SOURCE_DIR "/tests/cli/data/fet/all-types.fet"

static sch_school *school;
static sch_fet_report rep;

static int setup(void **state)
{
	(void)state;
	sch_diags *d = NULL;
	if (sch_diags_new(&d))
		return -1;
	int rc = sch_fet_import(&school, FIXTURE, &rep, d);
	for (size_t i = 0; i < sch_diags_count(d); i++) {
		char buf[600];
		sch_diag_format(buf, sizeof buf, sch_diags_get(d, i));
		print_message("%s\n", buf);
	}
	sch_diags_free(d);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	sch_school_free(school);
	sch_fet_report_free(&rep);
	return 0;
}

static int find_class(const char *id)
{
	int c = sch_school_find_class(school, id);
	assert_true(c >= 0);
	return c;
}

static int find_line(const char *id)
{
	for (int l = 0; l < school->n_lines; l++)
		if (school->lines[l].id && strcmp(school->lines[l].id, id) == 0)
			return l;
	fail_msg("no line %s", id);
	return -1;
}

static int slot(int day, int hour) /* hour 1-based as in the fixture's names */
{
	return sch_slot(school, day, hour - 1);
}

static const sch_constraint *con(int i)
{
	assert_true(i < school->n_constraints);
	return &school->constraints[i];
}

static void assert_slots(const sch_slotset *s, const int *v, int n)
{
	sch_slotset want = {{0, 0}};
	for (int i = 0; i < n; i++)
		sch_slotset_add(&want, v[i]);
	assert_true(s->w[0] == want.w[0] && s->w[1] == want.w[1]);
}

static void assert_teachers(const sch_constraint *c, const char *const *ids, int n)
{
	assert_int_equal(c->n_teachers, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(school->teachers[c->teachers[i]].id, ids[i]);
}

static void assert_classes(const sch_constraint *c, const char *const *ids, int n)
{
	assert_int_equal(c->n_students, n);
	for (int i = 0; i < n; i++) {
		assert_string_equal(school->classes[c->students[i].class_of].id, ids[i]);
		assert_int_equal(c->students[i].division, -1);
	}
}

static void test_fet_import__report(void **state)
{
	(void)state;
	assert_int_equal(rep.activities, 9);
	assert_int_equal(rep.inactive_activities, 1);
	assert_int_equal(rep.lines, 7);
	assert_int_equal(rep.constraints, 33);
	assert_int_equal(rep.mapped, 28);
	assert_int_equal(rep.ignored, 2); /* inactive and 0% */
	assert_int_equal(rep.unsupported, 3);
	assert_int_equal(rep.n_items, 3);
	assert_string_equal(rep.items[0].what, "Activity without students");
	assert_int_equal(rep.items[0].count, 1);
	assert_string_equal(rep.items[1].what, "ConstraintTeacherMaxSpanPerDay");
	assert_int_equal(rep.items[1].count, 2);
	assert_string_equal(rep.items[2].what, "ConstraintActivityPreferredRoom");
	assert_int_equal(rep.items[2].count, 1);
}

static void test_fet_import__entities(void **state)
{
	(void)state;
	const sch_school *s = school;
	assert_string_equal(s->name, "Tiny FET school");
	assert_int_equal(s->n_days, 5);
	assert_int_equal(s->n_periods, 6);
	assert_int_equal(s->bells[0].start_min, 8 * 60);
	assert_int_equal(s->bells[1].start_min, 8 * 60 + 50);
	assert_int_equal(s->bells[1].end_min, 8 * 60 + 95);
	assert_int_equal(s->n_shifts, 2); /* all hours; the locked activity's hour */
	assert_int_equal(s->shifts[0].last, 5);
	/* a class per smallest students set: group 5 A, subgroups 5 B1 and 5 B2, year Clasa 6; and
	 * one for the locked activity 7 without students, whose shift is its locked hour */
	assert_int_equal(s->n_classes, 5);
	const sch_class_def *a7 = &s->classes[find_class("fet-a7")];
	assert_int_equal(s->shifts[a7->shift].first, 3);
	assert_int_equal(s->shifts[a7->shift].last, 3);
	assert_int_equal(s->classes[find_class("5 A")].grade, 5);
	assert_int_equal(s->classes[find_class("5 B2")].pupils, 13);
	assert_int_equal(s->classes[find_class("Clasa 6")].grade, 6);
	assert_int_equal(s->n_teachers, 3);
	/* FET's rules only: no gaps and early starts for all students make the model's own rule */
	assert_int_equal(s->rules.pupil_gaps, SCH_PUPIL_GAPS_FORBIDDEN);
	assert_false(s->rules.late_start);
	assert_false(s->rules.subject_once_a_day);
	assert_int_equal(s->weights.teacher_gap, 0);
	assert_int_equal(s->weights.spread, 0);
	assert_int_equal(s->weights.difficulty, 0);
	/* hard maxima of hours daily are the model's own limits */
	assert_int_equal(s->teachers[sch_school_find_teacher(s, "Bob")].max_per_day, 4);
	assert_int_equal(s->classes[find_class("5 A")].max_per_day, 5);
	/* hard unavailability: Ana's own and the break for all */
	const sch_teacher_def *ana = &s->teachers[sch_school_find_teacher(s, "Ana")];
	const sch_teacher_def *cai = &s->teachers[sch_school_find_teacher(s, "Cai")];
	int ana_na[] = {slot(0, 1), slot(0, 2), slot(4, 6)}, cai_na[] = {slot(4, 6)};
	assert_slots(&ana->unavailable, ana_na, 3);
	assert_slots(&cai->unavailable, cai_na, 1);
	/* a subject's hard preferred room: a room kind of that room */
	int lit = sch_school_find_subject(s, "lit");
	assert_true(s->subjects[lit].room_kind >= 0);
	assert_int_equal(s->rooms[0].kind, s->subjects[lit].room_kind);
}

static void test_fet_import__lines(void **state)
{
	(void)state;
	const sch_school *s = school;
	assert_int_equal(s->n_lines, 7);
	/* the locked activity without students: pinned in its class's one-hour shift */
	const sch_line_def *l7 = &s->lines[find_line("a7")];
	assert_int_equal(l7->n_pinned, 1);
	assert_int_equal(l7->pinned[0], slot(4, 4));
	/* a split activity: one line per sub-activity */
	const sch_line_def *a1 = &s->lines[find_line("a1")];
	assert_int_equal(a1->per_week, 1);
	assert_int_equal(a1->n_classes, 1);
	/* a group with subgroups: a joint lesson of its subgroups; duration 2: one double lesson */
	const sch_line_def *a3 = &s->lines[find_line("a3")];
	assert_int_equal(a3->n_classes, 2);
	assert_int_equal(a3->block, 2);
	assert_int_equal(a3->n_lessons, 1);
	assert_int_equal(s->lessons[a3->first_lesson].length, 2);
	/* two years, two teachers: joint classes, co-teaching, pinned by a 100% starting time */
	const sch_line_def *a4 = &s->lines[find_line("a4")];
	assert_int_equal(a4->n_classes, 4);
	assert_int_equal(a4->n_parts, 2);
	assert_int_equal(a4->n_pinned, 1);
	assert_int_equal(a4->pinned[0], slot(3, 3));
	assert_int_equal(s->lessons[a4->first_lesson].n_teachers, 2);
	/* the inactive activity 6 is left out */
	for (int l = 0; l < s->n_lines; l++)
		assert_string_not_equal(s->lines[l].id, "a6");
}

static void test_fet_import__constraints(void **state)
{
	(void)state;
	const char *all_t[] = {"Ana", "Bob", "Cai"}, *all_c[] = {"5 A", "5 B1", "5 B2", "Clasa 6", "fet-a7"};
	const char *bob[] = {"Bob"}, *ana[] = {"Ana"}, *cai[] = {"Cai"}, *b[] = {"5 B1", "5 B2"}, *a[] = {"5 A"},
		   *c6[] = {"Clasa 6"};
	const sch_constraint *c;
	int k = 0;
	assert_int_equal(school->n_constraints, 20);

	c = con(k++); /* ConstraintBreakTimes: every class, the activity's own too (teachers have it as their own) */
	assert_int_equal(c->type, SCH_CON_UNAVAILABLE);
	assert_int_equal(c->weight, SCH_WEIGHT_HARD);
	assert_classes(c, all_c, 5);
	assert_int_equal(c->n_teachers, 0);
	int brk[] = {slot(4, 6)};
	assert_slots(&c->slots, brk, 1);
	assert_non_null(strstr(c->source, "ConstraintBreakTimes"));

	c = con(k++); /* TeacherNotAvailableTimes 95%: soft, weight 100 / (100 - 95) */
	assert_int_equal(c->type, SCH_CON_UNAVAILABLE);
	assert_int_equal(c->weight, 20);
	assert_teachers(c, bob, 1);
	int tue6[] = {slot(1, 6)};
	assert_slots(&c->slots, tue6, 1);

	c = con(k++); /* StudentsSetNotAvailableTimes of a group: its subgroups */
	assert_int_equal(c->type, SCH_CON_UNAVAILABLE);
	assert_int_equal(c->weight, SCH_WEIGHT_HARD);
	assert_classes(c, b, 2);
	int wed1[] = {slot(2, 1)};
	assert_slots(&c->slots, wed1, 1);

	/* MinDaysBetweenActivities 95%, consecutive if same day: FET holds the "back to back on one
	 * day" part hard whatever the weight, so it is a hard rule of its own */
	c = con(k++);
	assert_int_equal(c->type, SCH_CON_MIN_DAYS_BETWEEN);
	assert_int_equal(c->weight, SCH_WEIGHT_HARD);
	assert_int_equal(c->value, 0);
	assert_int_equal(c->flags, SCH_CON_SAME_DAY_ADJACENT);
	assert_int_equal(c->n_lines, 2);
	c = con(k++);
	assert_int_equal(c->type, SCH_CON_MIN_DAYS_BETWEEN);
	assert_int_equal(c->weight, 20);
	assert_int_equal(c->value, 1);
	assert_int_equal(c->flags, 0);
	assert_int_equal(c->n_lines, 2);
	assert_int_equal(c->lines[0], find_line("a1"));
	assert_int_equal(c->lines[1], find_line("a2"));

	c = con(k++); /* TeacherMaxGapsPerWeek */
	assert_int_equal(c->type, SCH_CON_MAX_GAPS_WEEK);
	assert_int_equal(c->value, 3);
	assert_int_equal(c->weight, SCH_WEIGHT_HARD);
	assert_teachers(c, ana, 1);

	c = con(k++); /* TeachersMaxGapsPerDay: all teachers */
	assert_int_equal(c->type, SCH_CON_MAX_GAPS_DAY);
	assert_int_equal(c->value, 1);
	assert_teachers(c, all_t, 3);

	/* StudentsMaxGapsPerWeek 0 went into rules.pupil_gaps */
	c = con(k++); /* StudentsSetMaxGapsPerDay 90% */
	assert_int_equal(c->type, SCH_CON_MAX_GAPS_DAY);
	assert_int_equal(c->value, 0);
	assert_int_equal(c->weight, 10);
	assert_classes(c, a, 1);

	/* TeacherMaxHoursDaily 100% went into Bob's max_per_day */
	c = con(k++); /* TeachersMaxHoursDaily 80% */
	assert_int_equal(c->type, SCH_CON_MAX_PER_DAY);
	assert_int_equal(c->value, 5);
	assert_int_equal(c->weight, 5);
	assert_teachers(c, all_t, 3);

	/* StudentsMaxHoursDaily 100% went into the classes' max_per_day */
	c = con(k++); /* TeacherMinHoursDaily, empty days allowed */
	assert_int_equal(c->type, SCH_CON_MIN_PER_DAY);
	assert_int_equal(c->value, 2);
	assert_int_equal(c->flags, SCH_CON_EMPTY_DAYS_OK);
	assert_teachers(c, cai, 1);

	c = con(k++); /* StudentsSetMinHoursDaily, no empty days */
	assert_int_equal(c->type, SCH_CON_MIN_PER_DAY);
	assert_int_equal(c->value, 1);
	assert_int_equal(c->flags, 0);
	assert_classes(c, c6, 1);

	c = con(k++); /* TeacherMaxDaysPerWeek */
	assert_int_equal(c->type, SCH_CON_MAX_DAYS);
	assert_int_equal(c->value, 4);
	assert_teachers(c, ana, 1);

	c = con(k++); /* TeachersMinDaysPerWeek */
	assert_int_equal(c->type, SCH_CON_MIN_DAYS);
	assert_int_equal(c->value, 1);
	assert_teachers(c, all_t, 3);

	c = con(k++); /* TeacherMaxHoursContinuously */
	assert_int_equal(c->type, SCH_CON_MAX_CONTINUOUS);
	assert_int_equal(c->value, 3);
	assert_teachers(c, bob, 1);

	/* StudentsEarlyMaxBeginningsAtSecondHour 0 went into rules.pupil_gaps; the two
	 * ActivityPreferredStartingTime pinned a4 and a7 */
	c = con(k++); /* ActivityPreferredStartingTimes 90% */
	assert_int_equal(c->type, SCH_CON_ALLOWED_STARTS);
	assert_int_equal(c->weight, 10);
	assert_int_equal(c->n_lines, 1);
	assert_int_equal(c->lines[0], find_line("a3"));
	int starts3[] = {slot(0, 1), slot(1, 3)};
	assert_slots(&c->slots, starts3, 2);

	c = con(k++); /* ActivityPreferredTimeSlots: a double lesson fits only mon 1-2 */
	assert_int_equal(c->type, SCH_CON_ALLOWED_STARTS);
	assert_int_equal(c->weight, SCH_WEIGHT_HARD);
	assert_int_equal(c->lines[0], find_line("a3"));
	int mon1[] = {slot(0, 1)};
	assert_slots(&c->slots, mon1, 1);

	c = con(k++); /* ActivitiesPreferredStartingTimes by tag */
	assert_int_equal(c->type, SCH_CON_ALLOWED_STARTS);
	assert_int_equal(c->n_lines, 1);
	assert_int_equal(c->lines[0], find_line("a5"));
	int tag[] = {slot(0, 1), slot(1, 1)};
	assert_slots(&c->slots, tag, 2);

	c = con(k++); /* ActivitiesPreferredTimeSlots by teacher, 95%: one constraint per length */
	assert_int_equal(c->type, SCH_CON_ALLOWED_STARTS);
	assert_int_equal(c->weight, 20);
	assert_int_equal(c->n_lines, 1);
	assert_int_equal(c->lines[0], find_line("a4"));
	int thu34[] = {slot(3, 3), slot(3, 4)};
	assert_slots(&c->slots, thu34, 2);
	c = con(k++);
	assert_int_equal(c->n_lines, 1);
	assert_int_equal(c->lines[0], find_line("a3"));
	int thu3[] = {slot(3, 3)};
	assert_slots(&c->slots, thu3, 1);

	c = con(k++); /* SubactivitiesPreferredStartingTimes: component 2 of math's split activity */
	assert_int_equal(c->type, SCH_CON_ALLOWED_STARTS);
	assert_int_equal(c->weight, SCH_WEIGHT_HARD);
	assert_int_equal(c->n_lines, 1);
	assert_int_equal(c->lines[0], find_line("a2"));
	int wed2[] = {slot(2, 2)};
	assert_slots(&c->slots, wed2, 1);
	assert_int_equal(k, school->n_constraints);

	/* finalize derived the atoms and lessons */
	c = con(2);
	assert_int_equal(c->n_atoms, 2);
	c = con(4);
	assert_int_equal(c->n_lessons, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fet_import__report),
		cmocka_unit_test(test_fet_import__entities),
		cmocka_unit_test(test_fet_import__lines),
		cmocka_unit_test(test_fet_import__constraints),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
