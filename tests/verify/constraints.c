/* Each type of the constraints section broken on the tiny school's timetable, hard and soft. */
#include "tiny_school.h"

#include <string.h>

/* All soft weights off, pupils' gaps allowed and no subject rule: moves break only what they aim at. */
static void quiet(sch_school *s)
{
	memset(&s->weights, 0, sizeof s->weights);
	s->rules.pupil_gaps = SCH_PUPIL_GAPS_ALLOWED;
	s->rules.subject_once_a_day = false;
}

static sch_constraint *con(sch_school *s, int type, int weight, int value)
{
	s->constraints = sch_school_alloc(s, sizeof(sch_constraint));
	assert_non_null(s->constraints);
	s->n_constraints = 1;
	sch_constraint *c = &s->constraints[0];
	c->type = type;
	c->weight = weight;
	c->value = value;
	return c;
}

static void con_teacher(sch_school *s, sch_constraint *c, int t)
{
	c->teachers = sch_school_alloc(s, sizeof(int));
	c->teachers[0] = t;
	c->n_teachers = 1;
}

/* A class (group NULL) or one group of its first division. */
static void con_class(sch_school *s, sch_constraint *c, int cls, int group)
{
	c->students = sch_school_alloc(s, sizeof(sch_students_ref));
	c->students[0] = (sch_students_ref){cls, group < 0 ? -1 : 0, group};
	c->n_students = 1;
}

static void con_lines(sch_school *s, sch_constraint *c, int a, int b)
{
	c->lines = sch_school_alloc(s, 2 * sizeof(int));
	c->lines[0] = a;
	c->lines[1] = b;
	c->n_lines = b >= 0 ? 2 : 1;
}

static void slot(sch_constraint *c, int day, int bell)
{
	sch_slotset_add(&c->slots, day * 6 + bell);
}

typedef struct {
	sch_school *s;
	sch_timetable *tt;
} fixture;

/* Builds the tiny school with `quiet` rules, adds the constraint of `build` with `weight`,
 * applies `move` to the zero-cost timetable, and checks that only the constraint term
 * counts `amount` (at cost amount x weight when soft); returns the report. */
static sch_report *run(fixture *f, void (*build)(sch_school *, int), int weight,
		       void (*move)(sch_timetable *), int amount)
{
	f->s = tiny_school_build();
	quiet(f->s);
	build(f->s, weight);
	ts_finalize(f->s);
	f->tt = tiny_timetable(f->s);
	if (move)
		move(f->tt);
	int term = weight == SCH_WEIGHT_HARD ? SCH_T_CONSTRAINT : SCH_T_CONSTRAINT_SOFT;
	sch_report *rep = ts_expect_only(f->tt, NULL, term, amount);
	int64_t cost = weight == SCH_WEIGHT_HARD ? amount : (int64_t)amount * weight;
	assert_int_equal(sch_report_term_cost(rep, term), cost);
	if (weight == SCH_WEIGHT_HARD)
		assert_true(sch_report_cost(rep) == SCH_COST(amount, 0));
	else
		assert_true(sch_report_cost(rep) == SCH_COST(0, cost));
	for (size_t i = 0; i < sch_report_count(rep); i++)
		assert_int_equal(sch_report_get(rep, i)->weight, weight == SCH_WEIGHT_HARD ? 1 : weight);
	return rep;
}

static void done(fixture *f, sch_report *rep)
{
	sch_report_free(rep);
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
}

/* Runs a case hard and soft (weight 5); the first finding's message is checked once. */
static void both(void (*build)(sch_school *, int), void (*move)(sch_timetable *), int amount, const char *message)
{
	fixture f;
	sch_report *rep = run(&f, build, SCH_WEIGHT_HARD, move, amount);
	if (message)
		assert_string_equal(sch_report_get(rep, 0)->message, message);
	done(&f, rep);
	rep = run(&f, build, 5, move, amount);
	done(&f, rep);
}

static void set(sch_timetable *tt, int lesson, int day, int period)
{
	assert_int_equal(sch_timetable_set(tt, lesson, day, period), 0);
}

/* ---- unavailable ---- */

static void unavailable_teacher(sch_school *s, int w)
{
	sch_constraint *c = con(s, SCH_CON_UNAVAILABLE, w, 0);
	con_teacher(s, c, TS_ASANOVA);
	slot(c, TS_TUE, 1); /* 5А math */
	slot(c, TS_MON, 0); /* free */
	c->source = "FET ConstraintTeacherNotAvailableTimes #1";
}

static void unavailable_class(sch_school *s, int w)
{
	sch_constraint *c = con(s, SCH_CON_UNAVAILABLE, w, 0);
	con_class(s, c, TS_5A, -1);
	slot(c, TS_MON, 0); /* 5А russian: both atoms of 5А */
}

static void unavailable_group(sch_school *s, int w)
{
	sch_constraint *c = con(s, SCH_CON_UNAVAILABLE, w, 0);
	con_class(s, c, TS_5A, 1); /* en2 */
	slot(c, TS_WED, 0);        /* 5А english en2 */
	slot(c, TS_WED, 1);
}

static void test_verify_constraints__unavailable(void **state)
{
	(void)state;
	both(unavailable_teacher, NULL, 1,
	     "constraint 1 (unavailable, FET ConstraintTeacherNotAvailableTimes #1): teacher Асанова Г.К. has a lesson "
	     "at tue 2 (5А math), which the constraint keeps free");
	both(unavailable_class, NULL, 2,
	     "constraint 1 (unavailable): class 5А (group en1) has a lesson at mon 1 (5А russian), which the "
	     "constraint keeps free");
	both(unavailable_group, NULL, 1, "constraint 1 (unavailable): class 5А (group en2) has a lesson at wed 1 "
					 "(5А english (en2)), which the constraint keeps free");
}

/* A hard unavailability takes the slots from the lessons' legal starts, for a lesson of
 * any length: a double lesson may not start where its second period is unavailable. */
static void test_verify_constraints__unavailable_folds_into_legal(void **state)
{
	(void)state;
	sch_school *s = tiny_school_build();
	sch_constraint *c = con(s, SCH_CON_UNAVAILABLE, SCH_WEIGHT_HARD, 0);
	con_class(s, c, TS_6B, -1);
	slot(c, TS_THU, 3);
	ts_finalize(s);
	const sch_lesson_def *labor = &s->lessons[TS_6B_LABOR], *hist = &s->lessons[TS_6B_HISTORY];
	assert_false(sch_slotset_has(&labor->legal, TS_THU * 6 + 2));
	assert_false(sch_slotset_has(&labor->legal, TS_THU * 6 + 3));
	assert_true(sch_slotset_has(&labor->legal, TS_THU * 6 + 1));
	assert_true(sch_slotset_has(&labor->legal, TS_THU * 6 + 4));
	assert_false(sch_slotset_has(&hist->legal, TS_THU * 6 + 3));
	assert_true(sch_slotset_has(&hist->legal, TS_THU * 6 + 2));
	/* the 5А lessons keep it */
	assert_true(sch_slotset_has(&s->lessons[TS_5A_MATH1].legal, TS_THU * 6 + 3));
	assert_int_equal(c->n_atoms, 1);
	sch_school_free(s);
}

/* ---- gaps ---- */

static void gaps_6b_day(sch_school *s, int w)
{
	con_class(s, con(s, SCH_CON_MAX_GAPS_DAY, w, 0), TS_6B, -1);
}

static void gaps_6b_week(sch_school *s, int w)
{
	con_class(s, con(s, SCH_CON_MAX_GAPS_WEEK, w, 1), TS_6B, -1);
}

static void gap_6b_wed(sch_timetable *tt)
{
	set(tt, TS_6B_MATH1, TS_WED, 3); /* english 1, math 4: two idle periods */
}

static void gaps_teacher(sch_school *s, int w)
{
	con_teacher(s, con(s, SCH_CON_MAX_GAPS_DAY, w, 1), TS_ASANOVA);
}

/* As FET counts: Асанова may not teach at tue 3, so that period is no gap. */
static void gaps_teacher_skip(sch_school *s, int w)
{
	con_teacher(s, con(s, SCH_CON_MAX_GAPS_DAY, w, 1), TS_ASANOVA);
	s->constraints[s->n_constraints - 1].flags |= SCH_CON_SKIP_UNAVAILABLE;
	sch_slotset_add(&s->teachers[TS_ASANOVA].unavailable, TS_TUE * 6 + 2);
}

static void gap_asanova_tue(sch_timetable *tt)
{
	set(tt, TS_5A_MATH1, TS_TUE, 4); /* history 1, math 5 */
}

static void test_verify_constraints__max_gaps(void **state)
{
	(void)state;
	both(gaps_6b_day, gap_6b_wed, 2, "constraint 1 (max_gaps_per_day): class 6Б: 2 idle periods on wed, at most 0");
	both(gaps_6b_week, gap_6b_wed, 1, "constraint 1 (max_gaps_per_week): class 6Б: 2 idle periods in the week, at most 1");
	both(gaps_teacher, gap_asanova_tue, 2,
	     "constraint 1 (max_gaps_per_day): teacher Асанова Г.К.: 3 idle periods on tue, at most 1");
	both(gaps_teacher_skip, gap_asanova_tue, 1,
	     "constraint 1 (max_gaps_per_day): teacher Асанова Г.К.: 2 idle periods on tue, at most 1");
}

/* ---- per day, days ---- */

static void min_per_day_teacher(sch_school *s, int w)
{
	con_teacher(s, con(s, SCH_CON_MIN_PER_DAY, w, 2), TS_ASANOVA);
}

static void min_per_day_teacher_empty(sch_school *s, int w)
{
	sch_constraint *c = con(s, SCH_CON_MIN_PER_DAY, w, 2);
	c->flags = SCH_CON_EMPTY_DAYS_OK;
	con_teacher(s, c, TS_ASANOVA);
}

static void min_per_day_class(sch_school *s, int w)
{
	con_class(s, con(s, SCH_CON_MIN_PER_DAY, w, 2), TS_6B, -1);
}

static void max_per_day_class(sch_school *s, int w)
{
	con_class(s, con(s, SCH_CON_MAX_PER_DAY, w, 1), TS_6B, -1);
}

static void test_verify_constraints__per_day(void **state)
{
	(void)state;
	/* asanova: mon none, tue 2, wed 1, thu 1, fri 1 */
	both(min_per_day_teacher, NULL, 5, "constraint 1 (min_per_day): teacher Асанова Г.К.: 0 lessons on mon, at least 2");
	both(min_per_day_teacher_empty, NULL, 3, "constraint 1 (min_per_day): teacher Асанова Г.К.: 1 lesson on wed, at least 2");
	/* 6Б: mon 1, tue 1, wed 2, thu 2, fri 2 */
	both(min_per_day_class, NULL, 2, "constraint 1 (min_per_day): class 6Б: 1 lesson on mon, at least 2");
	both(max_per_day_class, NULL, 3, "constraint 1 (max_per_day): class 6Б: 2 lessons on wed, at most 1");
}

static void max_days_teacher(sch_school *s, int w)
{
	con_teacher(s, con(s, SCH_CON_MAX_DAYS, w, 3), TS_ASANOVA);
}

static void min_days_teacher(sch_school *s, int w)
{
	con_teacher(s, con(s, SCH_CON_MIN_DAYS, w, 3), TS_BAKIROV);
}

static void test_verify_constraints__days(void **state)
{
	(void)state;
	both(max_days_teacher, NULL, 1, "constraint 1 (max_days): teacher Асанова Г.К.: 4 days with lessons, at most 3");
	both(min_days_teacher, NULL, 1, "constraint 1 (min_days): teacher Бакиров Н.Т.: 2 days with lessons, at least 3");
}

static void max_continuous_class(sch_school *s, int w)
{
	con_class(s, con(s, SCH_CON_MAX_CONTINUOUS, w, 1), TS_6B, -1);
}

static void late_starts_class(sch_school *s, int w)
{
	con_class(s, con(s, SCH_CON_LATE_STARTS, w, 0), TS_6B, -1);
}

static void history_late(sch_timetable *tt)
{
	set(tt, TS_6B_HISTORY, TS_TUE, 2); /* asanova: math 2, history 3 */
}

static void test_verify_constraints__continuous_and_late(void **state)
{
	(void)state;
	both(max_continuous_class, NULL, 3, "constraint 1 (max_continuous): class 6Б: 2 lessons in a row on wed from bell 1, at most 1");
	both(late_starts_class, history_late, 1, "constraint 1 (late_starts): class 6Б: starts after bell 1 on tue, at most 0 days");
}

/* ---- lessons ---- */

static void min_days_math(sch_school *s, int w)
{
	con_lines(s, con(s, SCH_CON_MIN_DAYS_BETWEEN, w, 3), TS_L_5A_MATH, -1);
}

static void min_days_adjacent(sch_school *s, int w)
{
	sch_constraint *c = con(s, SCH_CON_MIN_DAYS_BETWEEN, w, 1);
	c->flags = SCH_CON_SAME_DAY_ADJACENT;
	c->source = "FET #7";
	con_lines(s, c, TS_L_6B_MATH, -1);
}

static void math_same_day_apart(sch_timetable *tt)
{
	set(tt, TS_6B_MATH2, TS_WED, 3); /* math wed 2 and wed 4 */
}

static void math_same_day_adjacent(sch_timetable *tt)
{
	set(tt, TS_6B_MATH2, TS_WED, 2); /* math wed 2 and wed 3 */
}

static void test_verify_constraints__min_days_between(void **state)
{
	(void)state;
	both(min_days_math, NULL, 1,
	     "constraint 1 (min_days_between): 5А math (lesson 1 of 2) on tue and 5А math (lesson 2 of 2) on thu are 2 "
	     "days apart, at least 3");
	both(min_days_adjacent, NULL, 0, NULL);
	both(min_days_adjacent, math_same_day_apart, 2,
	     "constraint 1 (min_days_between, FET #7): 6Б math (lesson 1 of 2) on wed and 6Б math (lesson 2 of 2) on wed "
	     "are 0 days apart, at least 1, and not back to back on one day");
	both(min_days_adjacent, math_same_day_adjacent, 1, NULL);
}

static void spread_two_lines(sch_school *s, int w)
{
	con_lines(s, con(s, SCH_CON_SPREAD, w, 1), TS_L_5A_MATH, TS_L_6B_HISTORY);
}

static void allowed_russian(sch_school *s, int w)
{
	sch_constraint *c = con(s, SCH_CON_ALLOWED_STARTS, w, 0);
	con_lines(s, c, TS_L_5A_RUSSIAN, -1);
	for (int p = 0; p < 6; p++)
		slot(c, TS_TUE, p);
}

static void test_verify_constraints__spread_and_starts(void **state)
{
	(void)state;
	both(spread_two_lines, NULL, 1, "constraint 1 (spread): 2 of its lessons on tue (5А math...), at most 1");
	both(allowed_russian, NULL, 1, "constraint 1 (allowed_starts): 5А russian starts at mon 1, not one of the allowed starts");
}

/* Unplaced lessons count in no constraint; pupil gaps count again when forbidden. */
static void test_verify_constraints__unplaced_and_pupil_gaps(void **state)
{
	(void)state;
	fixture f;
	sch_report *rep = run(&f, min_days_math, SCH_WEIGHT_HARD, NULL, 1);
	sch_report_free(rep);
	set(f.tt, TS_5A_MATH2, -1, 0);
	rep = ts_expect_only(f.tt, NULL, SCH_T_MISSING, 1);
	done(&f, rep);

	rep = run(&f, gaps_6b_day, SCH_WEIGHT_HARD, gap_6b_wed, 2);
	sch_report_free(rep);
	f.s->rules.pupil_gaps = SCH_PUPIL_GAPS_FORBIDDEN;
	assert_int_equal(sch_verify(&rep, f.tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_PUPIL_GAP), 2);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_CONSTRAINT), 2);
	done(&f, rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_constraints__unavailable),
		cmocka_unit_test(test_verify_constraints__unavailable_folds_into_legal),
		cmocka_unit_test(test_verify_constraints__max_gaps),
		cmocka_unit_test(test_verify_constraints__per_day),
		cmocka_unit_test(test_verify_constraints__days),
		cmocka_unit_test(test_verify_constraints__continuous_and_late),
		cmocka_unit_test(test_verify_constraints__min_days_between),
		cmocka_unit_test(test_verify_constraints__spread_and_starts),
		cmocka_unit_test(test_verify_constraints__unplaced_and_pupil_gaps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
