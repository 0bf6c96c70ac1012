/* Each soft term of docs/rules.md costed once on the tiny school's zero-cost timetable. */
#include "tiny_school.h"

#include <string.h>

typedef struct {
	sch_school *s;
	sch_timetable *tt;
} fixture;

static fixture make(void (*tweak)(sch_school *s))
{
	fixture f;
	f.s = tiny_school_build();
	if (tweak)
		tweak(f.s);
	ts_finalize(f.s);
	f.tt = tiny_timetable(f.s);
	return f;
}

static void done(fixture *f, sch_report *rep)
{
	sch_report_free(rep);
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
}

static const sch_finding *only(const sch_report *rep)
{
	assert_int_equal(sch_report_count(rep), 1);
	return sch_report_get(rep, 0);
}

static void set(sch_timetable *tt, int lesson, int day, int period)
{
	assert_int_equal(sch_timetable_set(tt, lesson, day, period), 0);
}

/* Checks the single finding's weight and the report's soft cost. */
static void expect_cost(const sch_report *rep, int term, int weight, int64_t cost)
{
	assert_int_equal(only(rep)->weight, weight);
	assert_int_equal(sch_report_term_cost(rep, term), cost);
	assert_int_equal(sch_report_soft(rep), cost);
	assert_int_equal(sch_report_hard(rep), 0);
	assert_true(sch_report_cost(rep) == SCH_COST(0, cost));
}

static void late_start(sch_school *s)
{
	s->rules.late_start = true;
}

static void test_verify_soft__teacher_gap(void **state)
{
	(void)state;
	fixture f = make(late_start);
	set(f.tt, TS_6B_HISTORY, TS_TUE, 3); /* Асанова: 5А math at 2, history at 4 */
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_GAP, 1);
	expect_cost(rep, SCH_T_TEACHER_GAP, 3, 3);
	assert_int_equal(only(rep)->day, TS_TUE);
	assert_int_equal(only(rep)->period, 2);
	assert_string_equal(only(rep)->message, "teacher Асанова Г.К.: 1 idle period on tue in shift 1 (bell 3)");
	done(&f, rep);
}

static void test_verify_soft__teacher_gap_two(void **state)
{
	(void)state;
	fixture f = make(late_start);
	set(f.tt, TS_6B_HISTORY, TS_TUE, 4);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_GAP, 2);
	expect_cost(rep, SCH_T_TEACHER_GAP, 3, 6);
	assert_int_equal(only(rep)->period, -1);
	assert_string_equal(only(rep)->message, "teacher Асанова Г.К.: 2 idle periods on tue in shift 1 (bells 3, 4)");
	done(&f, rep);
}

static void asanova_three_days(sch_school *s)
{
	s->teachers[TS_ASANOVA].max_days = 3;
}

static void test_verify_soft__teacher_days(void **state)
{
	(void)state;
	fixture f = make(asanova_three_days);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_DAYS, 1);
	expect_cost(rep, SCH_T_TEACHER_DAYS, 2, 2);
	assert_string_equal(only(rep)->message, "teacher Асанова Г.К.: works 4 days, wishes at most 3");
	done(&f, rep);
}

static void bakirov_free_thursday(sch_school *s)
{
	s->teachers[TS_BAKIROV].methodical_day = TS_THU;
}

/* Busy periods on the day: the double lesson counts 2. */
static void test_verify_soft__methodical_day(void **state)
{
	(void)state;
	fixture f = make(bakirov_free_thursday);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_METHODICAL_DAY, 2);
	expect_cost(rep, SCH_T_METHODICAL_DAY, 5, 10);
	assert_int_equal(only(rep)->day, TS_THU);
	assert_string_equal(only(rep)->message, "teacher Бакиров Н.Т.: 2 lessons on thu, the methodical day");
	done(&f, rep);
}

/* A one-class school of `days` days with one line of `n` biology lessons. */
static sch_school *one_line_school(int days, int n)
{
	sch_school *s = ts_new(days, 6);
	int sh = ts_shift(s, "1", 0, 5);
	int bio = ts_subject(s, "bio", 5);
	int t = ts_teacher(s, "orozova", "Орозова Б.");
	int c = ts_class(s, "7А", 7, sh, 25);
	ts_line(s, c, bio, t, n);
	s->rules.subject_once_a_day = false;
	ts_finalize(s);
	return s;
}

static void test_verify_soft__spread(void **state)
{
	(void)state;
	sch_school *s = one_line_school(5, 2);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	set(tt, 0, TS_MON, 0);
	set(tt, 1, TS_WED, 0);
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_SPREAD, 0));
	set(tt, 1, TS_TUE, 0);
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_SPREAD, 1);
	expect_cost(rep, SCH_T_SPREAD, 2, 2);
	assert_string_equal(only(rep)->message, "7А bio: lessons on neighbouring days (mon-tue)");
	sch_report_free(rep);
	/* Two lessons on one day are no pair of neighbouring days (the heavy monday
	 * costs difficulty and class_balance). */
	set(tt, 1, TS_MON, 1);
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_SPREAD), 0);
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* Only lines with 2n <= week: three lessons in a five-day week may touch. */
static void test_verify_soft__spread_dense_line(void **state)
{
	(void)state;
	sch_school *s = one_line_school(5, 3);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	for (int l = 0; l < 3; l++)
		set(tt, l, TS_MON + l, 0);
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_SPREAD, 0));
	sch_timetable_free(tt);
	sch_school_free(s);

	/* In a six-day week they may not: mon-tue and tue-wed. */
	s = one_line_school(6, 3);
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	for (int l = 0; l < 3; l++)
		set(tt, l, TS_MON + l, 0);
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_SPREAD, 2);
	assert_string_equal(only(rep)->message, "7А bio: lessons on neighbouring days (mon-tue, tue-wed)");
	sch_report_free(rep);
	/* Unplacing one leaves n = 2 placed: still counted. */
	set(tt, 2, -1, 0);
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_SPREAD), 1);
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static void heavy_russian(sch_school *s)
{
	for (int g = 0; g <= SCH_MAX_GRADE; g++)
		s->subjects[TS_RUSSIAN].difficulty[g] = 20;
	s->rules.hard_difficulty = 21; /* nothing is hard: only the curve is looked at */
}

static void test_verify_soft__difficulty_monday(void **state)
{
	(void)state;
	fixture f = make(heavy_russian);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_DIFFICULTY, 3);
	expect_cost(rep, SCH_T_DIFFICULTY, 1, 3);
	assert_int_equal(only(rep)->day, TS_MON);
	assert_string_equal(only(rep)->message, "class 5А: mon is harder (difficulty 20) than the harder of tue and wed (17)");
	done(&f, rep);
}

static void heavy_pe(sch_school *s)
{
	for (int g = 0; g <= SCH_MAX_GRADE; g++)
		s->subjects[TS_PE].difficulty[g] = 10;
	s->rules.hard_difficulty = 21;
}

/* The last day of the week: 6Б's friday is pe 10 + math 10 = 20 > 17; 5А's pe alone is 10. */
static void test_verify_soft__difficulty_last_day(void **state)
{
	(void)state;
	fixture f = make(heavy_pe);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_DIFFICULTY, 3);
	assert_int_equal(only(rep)->day, TS_FRI);
	assert_string_equal(only(rep)->message, "class 6Б: fri is harder (difficulty 20) than the harder of tue and wed (17)");
	done(&f, rep);
}

/* Difficulty x length: a double lesson counts twice. */
static void test_verify_soft__difficulty_double(void **state)
{
	(void)state;
	sch_school *s = ts_new(4, 6);
	int sh = ts_shift(s, "1", 0, 5);
	int labor = ts_subject(s, "labor", 3), art = ts_subject(s, "art", 5);
	int t = ts_teacher(s, "ivanov", "Иванов И.И.");
	int c = ts_class(s, "8В", 8, sh, 20);
	int dbl = ts_line(s, c, labor, t, 2);
	ts_line_block(s, dbl, 2);
	int single = ts_line(s, c, art, t, 1);
	ts_finalize(s);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	set(tt, ts_lesson(s, dbl, 0), TS_MON, 0);    /* L(mon) = 3 x 2 = 6 */
	set(tt, ts_lesson(s, single, 0), TS_TUE, 0); /* M = 5 */
	sch_report *rep;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_DIFFICULTY), 1);
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static void test_verify_soft__hard_periods(void **state)
{
	(void)state;
	fixture f = make(NULL);
	set(f.tt, TS_6B_MATH1, TS_WED, 0);
	set(f.tt, TS_6B_ENGLISH2, TS_WED, 1);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_HARD_PERIODS, 1);
	expect_cost(rep, SCH_T_HARD_PERIODS, 1, 1);
	assert_int_equal(only(rep)->lesson, TS_6B_MATH1);
	assert_string_equal(only(rep)->message, "6Б math (difficulty 10) at wed 1: outside lessons 2-4 of the shift");
	done(&f, rep);
}

/* Grades 1-4 have their best lessons at 2-3, grades 5+ at 2-4. */
static void test_verify_soft__hard_periods_by_grade(void **state)
{
	(void)state;
	sch_school *s = ts_new(1, 6);
	int sh = ts_shift(s, "1", 0, 5);
	int math = ts_subject(s, "math", 9), art = ts_subject(s, "art", 1);
	int c4 = ts_class(s, "4А", 4, sh, 20), c5 = ts_class(s, "5А", 5, sh, 20);
	int a4 = ts_line(s, c4, art, ts_teacher(s, "a", "A"), 3);
	int m4 = ts_line(s, c4, math, ts_teacher(s, "b", "B"), 1);
	int a5 = ts_line(s, c5, art, ts_teacher(s, "c", "C"), 3);
	int m5 = ts_line(s, c5, math, ts_teacher(s, "d", "D"), 1);
	s->rules.subject_once_a_day = false;
	ts_finalize(s);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	for (int k = 0; k < 3; k++) {
		set(tt, ts_lesson(s, a4, k), 0, k);
		set(tt, ts_lesson(s, a5, k), 0, k);
	}
	/* Math at bell 4: outside 2-3 for grade 4, inside 2-4 for grade 5. */
	set(tt, ts_lesson(s, m4, 0), 0, 3);
	set(tt, ts_lesson(s, m5, 0), 0, 3);
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_HARD_PERIODS, 1);
	assert_string_equal(only(rep)->message, "4А math (difficulty 9) at mon 4: outside lessons 2-3 of the shift");
	sch_report_free(rep);
	/* At bell 5 grade 5 is outside too (5А idles at bell 4: a pupil gap besides). */
	set(tt, ts_lesson(s, m5, 0), 0, 4);
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_HARD_PERIODS), 2);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_PUPIL_GAP), 1);
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static void test_verify_soft__class_balance(void **state)
{
	(void)state;
	fixture f = make(NULL);
	set(f.tt, TS_6B_HISTORY, TS_MON, 1); /* tue empty */
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_CLASS_BALANCE, 1);
	expect_cost(rep, SCH_T_CLASS_BALANCE, 2, 2);
	assert_int_equal(only(rep)->day, TS_TUE);
	assert_string_equal(only(rep)->message, "class 6Б: 0 lessons on tue, fewer than the even share of 1");
	done(&f, rep);
}

static void avoid_first(sch_school *s)
{
	s->subjects[TS_HISTORY].avoid_periods = 1u << 0;
}

static void test_verify_soft__period_pref_subject_avoid(void **state)
{
	(void)state;
	fixture f = make(avoid_first);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_PERIOD_PREF, 1);
	expect_cost(rep, SCH_T_PERIOD_PREF, 1, 1);
	assert_string_equal(only(rep)->message, "6Б history at tue 1: lesson 1 of the shift is avoided for history");
	done(&f, rep);
}

static void math_prefers_third(sch_school *s)
{
	s->subjects[TS_MATH].prefer_periods = 1u << 2;
}

/* Every covered period off the preferred positions: the four math lessons at 2. */
static void test_verify_soft__period_pref_subject_prefer(void **state)
{
	(void)state;
	fixture f = make(math_prefers_third);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_PERIOD_PREF, 4);
	assert_int_equal(sch_report_count(rep), 4);
	assert_string_equal(sch_report_get(rep, 0)->message, "5А math at tue 2: lesson 2 of the shift is not preferred for math");
	done(&f, rep);
}

static void asanova_prefers_2_3(sch_school *s)
{
	s->teachers[TS_ASANOVA].prefer_periods = (1u << 1) | (1u << 2);
	s->teachers[TS_BAKIROV].avoid_periods = 1u << 1; /* bell 2: the second half of labor */
}

static void test_verify_soft__period_pref_teacher(void **state)
{
	(void)state;
	fixture f = make(asanova_prefers_2_3);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_PERIOD_PREF, 2);
	assert_int_equal(sch_report_count(rep), 2);
	assert_string_equal(sch_report_get(rep, 0)->message,
			    "6Б history at tue 1: bell 1 is not preferred by teacher Асанова Г.К.");
	assert_string_equal(sch_report_get(rep, 1)->message, "6Б labor at thu 2: bell 2 is avoided by teacher Бакиров Н.Т.");
	assert_int_equal(sch_report_get(rep, 1)->period, 1);
	done(&f, rep);
}

static void test_verify_soft__moved(void **state)
{
	(void)state;
	fixture f = make(NULL);
	sch_timetable *ref;
	assert_int_equal(sch_timetable_copy(&ref, f.tt), 0);
	sch_report_free(ts_expect_only(f.tt, ref, SCH_T_MOVED, 0));
	set(f.tt, TS_6B_MATH2, TS_MON, 1);
	sch_report *rep = ts_expect_only(f.tt, ref, SCH_T_MOVED, 1);
	expect_cost(rep, SCH_T_MOVED, 10, 10);
	assert_string_equal(only(rep)->message, "6Б math (lesson 2 of 2) moved from fri 2 to mon 2");
	sch_report_free(rep);
	/* Without a reference nothing moved. */
	sch_report_free(ts_expect_only(f.tt, NULL, SCH_T_MOVED, 0));
	/* Lessons unplaced in the reference do not count. */
	set(ref, TS_6B_MATH2, -1, 0);
	sch_report_free(ts_expect_only(f.tt, ref, SCH_T_MOVED, 0));
	sch_timetable_free(ref);
	done(&f, NULL);
}

static void no_teacher_days_weight(sch_school *s)
{
	s->teachers[TS_ASANOVA].max_days = 3;
	s->weights.teacher_days = 0;
}

/* Weight 0 switches a term off: no finding at all. */
static void test_verify_soft__weight_zero(void **state)
{
	(void)state;
	fixture f = make(no_teacher_days_weight);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_DAYS, 0);
	assert_int_equal(sch_report_count(rep), 0);
	done(&f, rep);
}

/* Weights scale costs, not amounts. */
static void test_verify_soft__weights(void **state)
{
	(void)state;
	fixture f = make(asanova_three_days);
	f.s->weights.teacher_days = 7;
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_DAYS, 1);
	expect_cost(rep, SCH_T_TEACHER_DAYS, 7, 7);
	done(&f, rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_soft__teacher_gap),
		cmocka_unit_test(test_verify_soft__teacher_gap_two),
		cmocka_unit_test(test_verify_soft__teacher_days),
		cmocka_unit_test(test_verify_soft__methodical_day),
		cmocka_unit_test(test_verify_soft__spread),
		cmocka_unit_test(test_verify_soft__spread_dense_line),
		cmocka_unit_test(test_verify_soft__difficulty_monday),
		cmocka_unit_test(test_verify_soft__difficulty_last_day),
		cmocka_unit_test(test_verify_soft__difficulty_double),
		cmocka_unit_test(test_verify_soft__hard_periods),
		cmocka_unit_test(test_verify_soft__hard_periods_by_grade),
		cmocka_unit_test(test_verify_soft__class_balance),
		cmocka_unit_test(test_verify_soft__period_pref_subject_avoid),
		cmocka_unit_test(test_verify_soft__period_pref_subject_prefer),
		cmocka_unit_test(test_verify_soft__period_pref_teacher),
		cmocka_unit_test(test_verify_soft__moved),
		cmocka_unit_test(test_verify_soft__weight_zero),
		cmocka_unit_test(test_verify_soft__weights),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
