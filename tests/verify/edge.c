/* Edge cases of docs/rules.md: shifts, groups, split and double lessons, subject_twice. */
#include "tiny_school.h"

#include <string.h>

static void set(sch_timetable *tt, int lesson, int day, int period)
{
	assert_int_equal(sch_timetable_set(tt, lesson, day, period), 0);
}

static const sch_finding *only(const sch_report *rep)
{
	assert_int_equal(sch_report_count(rep), 1);
	return sch_report_get(rep, 0);
}

/*
 * A teacher in both shifts: shift 1 = bells 1-4, shift 2 = bells 5-8. Асанова
 * teaches 5А (shift 1) at bell 1 and 9Б (shift 2) at bells 5 and 7; Иванов
 * teaches 9Б at bell 6. The break between her shifts is no gap; the hole at
 * bell 6 inside shift 2 is one.
 */
static void test_verify_edge__teacher_two_shifts(void **state)
{
	(void)state;
	sch_school *s = ts_new(1, 8);
	int sh1 = ts_shift(s, "1", 0, 3), sh2 = ts_shift(s, "2", 4, 7);
	int math = ts_subject(s, "math", 5), art = ts_subject(s, "art", 2), music = ts_subject(s, "music", 2),
	    hist = ts_subject(s, "history", 4);
	int t = ts_teacher(s, "asanova", "Асанова Г.К."), u = ts_teacher(s, "ivanov", "Иванов И.И.");
	int a = ts_class(s, "5А", 5, sh1, 25), b = ts_class(s, "9Б", 9, sh2, 25);
	int l_math = ts_line(s, a, math, t, 1), l_art = ts_line(s, b, art, t, 1);
	int l_music = ts_line(s, b, music, t, 1), l_hist = ts_line(s, b, hist, u, 1);
	ts_finalize(s);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	set(tt, ts_lesson(s, l_math, 0), 0, 0);
	set(tt, ts_lesson(s, l_art, 0), 0, 4);
	set(tt, ts_lesson(s, l_hist, 0), 0, 5);
	set(tt, ts_lesson(s, l_music, 0), 0, 6);
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_TEACHER_GAP, 1);
	assert_string_equal(only(rep)->message, "teacher Асанова Г.К.: 1 idle period on mon in shift 2 (bell 6)");
	sch_report_free(rep);
	/* Without the hole only the break between the shifts remains: no cost. */
	set(tt, ts_lesson(s, l_music, 0), 0, 5);
	set(tt, ts_lesson(s, l_hist, 0), 0, 6);
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_TEACHER_GAP, 0));
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* The tiny school with one more lesson: group en1 of 5А has labor (Бакиров). */
static void en1_labor(sch_school *s)
{
	ts_line_group(s, TS_5A, "en1", TS_LABOR, TS_BAKIROV, 1);
}

static void test_verify_edge__group_idle_while_other_group_learns(void **state)
{
	(void)state;
	sch_school *s = tiny_school_build();
	en1_labor(s);
	ts_finalize(s);
	int lab = TS_N_LESSONS; /* the new lesson */
	sch_timetable *tt = tiny_timetable(s);
	/* Both groups busy at wed 1: en2 english, en1 labor. */
	set(tt, lab, TS_WED, 0);
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_PUPIL_GAP, 0));
	/* en1 comes at wed 2: idle at wed 1 while en2 has its group lesson. */
	set(tt, lab, TS_WED, 1);
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_PUPIL_GAP, 1);
	assert_int_equal(only(rep)->day, TS_WED);
	assert_int_equal(only(rep)->period, 0);
	assert_string_equal(only(rep)->message, "class 5А (group en1): idle at wed 1 before its first lesson");
	sch_report_free(rep);
	/* With late_start a group may start later. */
	s->rules.late_start = true;
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_PUPIL_GAP, 0));
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* A class with two divisions: four atoms (en1 boys, en1 girls, en2 boys, en2 girls). */
static sch_school *two_divisions(int *math, int *boys, int *girls, int *art)
{
	sch_school *s = ts_new(1, 6);
	int sh = ts_shift(s, "1", 0, 5);
	int m = ts_subject(s, "math", 5), pe = ts_subject(s, "pe", 2), a = ts_subject(s, "art", 2);
	int c = ts_class(s, "8А", 8, sh, 28);
	ts_division(s, c, "foreign", "en1", "en2", NULL);
	ts_division(s, c, "gender", "boys", "girls", NULL);
	*math = ts_line(s, c, m, ts_teacher(s, "t1", "Т1"), 1);
	*boys = ts_line_group(s, c, "boys", pe, ts_teacher(s, "t2", "Т2"), 1);
	*girls = ts_line_group(s, c, "girls", pe, ts_teacher(s, "t3", "Т3"), 1);
	*art = ts_line(s, c, a, ts_teacher(s, "t4", "Т4"), 1);
	ts_finalize(s);
	assert_int_equal(s->classes[c].n_atoms, 4);
	return s;
}

/* The gap of the boys (in both english groups) is named by their group. */
static void test_verify_edge__group_named_across_divisions(void **state)
{
	(void)state;
	int math, boys, girls, art;
	sch_school *s = two_divisions(&math, &boys, &girls, &art);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	set(tt, ts_lesson(s, math, 0), 0, 0);
	set(tt, ts_lesson(s, girls, 0), 0, 1);
	set(tt, ts_lesson(s, boys, 0), 0, 2);
	set(tt, ts_lesson(s, art, 0), 0, 3);
	/* girls: 1 2 . 4 -> idle at 3; boys: 1 . 3 4 -> idle at 2. Both 1: the first atom named. */
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_PUPIL_GAP, 1);
	assert_string_equal(only(rep)->message, "class 8А (group boys): idle at mon 2 between lessons");
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* A clash of two whole-class lessons counts once per atom: 4 here. */
static void test_verify_edge__class_clash_four_atoms(void **state)
{
	(void)state;
	int math, boys, girls, art;
	sch_school *s = two_divisions(&math, &boys, &girls, &art);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	set(tt, ts_lesson(s, math, 0), 0, 0);
	set(tt, ts_lesson(s, art, 0), 0, 0);
	set(tt, ts_lesson(s, girls, 0), 0, 1);
	set(tt, ts_lesson(s, boys, 0), 0, 1); /* the two groups at once: no clash */
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_CLASS_CLASH, 4);
	assert_string_equal(only(rep)->message, "class 8А has 8А math and 8А art at mon 1 at once");
	sch_report_free(rep);
	/* A group lesson on a whole-class one: 2 atoms (the boys of en1 and of en2). */
	set(tt, ts_lesson(s, art, 0), 0, 2);
	set(tt, ts_lesson(s, boys, 0), 0, 0);
	set(tt, ts_lesson(s, girls, 0), 0, 1);
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_CLASS_CLASH), 2);
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/*
 * subject_twice: math twice on a day counts 1 (the maximum over the atoms, not
 * their sum); a double lesson is one lesson; group en1 has english in the split
 * lesson and in its own lesson.
 */
static void test_verify_edge__subject_twice(void **state)
{
	(void)state;
	sch_school *s = ts_new(1, 6);
	int sh = ts_shift(s, "1", 0, 5);
	int math = ts_subject(s, "math", 5), labor = ts_subject(s, "labor", 2), eng = ts_subject(s, "english", 4);
	int c = ts_class(s, "5А", 5, sh, 25);
	ts_division(s, c, "foreign", "en1", "en2", NULL);
	int t3 = ts_teacher(s, "smith", "Smith J."), t4 = ts_teacher(s, "petrova", "Петрова А.И.");
	int l_math = ts_line(s, c, math, ts_teacher(s, "asanova", "Асанова Г.К."), 2);
	int l_labor = ts_line(s, c, labor, ts_teacher(s, "bakirov", "Бакиров Н.Т."), 2);
	ts_line_block(s, l_labor, 2);
	int l_split = ts_line_split(s, c, "foreign", eng, (const int[]){t3, t4}, 1);
	int l_en1 = ts_line_group(s, c, "en1", eng, t3, 1);
	ts_finalize(s);
	assert_int_equal(s->lines[l_labor].n_lessons, 1);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	set(tt, ts_lesson(s, l_labor, 0), 0, 0); /* bells 1-2: one lesson */
	set(tt, ts_lesson(s, l_math, 0), 0, 2);
	set(tt, ts_lesson(s, l_split, 0), 0, 3);
	set(tt, ts_lesson(s, l_en1, 0), 0, 4);
	set(tt, ts_lesson(s, l_math, 1), 0, 5); /* en2 idles at bell 5: a pupil gap */
	sch_report *rep;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_SUBJECT_TWICE), 2);
	int seen = 0;
	for (size_t i = 0; i < sch_report_count(rep); i++) {
		const sch_finding *f = sch_report_get(rep, i);
		if (f->term != SCH_T_SUBJECT_TWICE)
			continue;
		assert_int_equal(f->amount, 1);
		if (seen++ == 0)
			assert_string_equal(f->message, "class 5А: math 2 times on mon");
		else
			assert_string_equal(f->message, "class 5А (group en1): english 2 times on mon");
	}
	assert_int_equal(seen, 2);
	sch_report_free(rep);
	/* Without the rule nothing is counted. */
	s->rules.subject_once_a_day = false;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_SUBJECT_TWICE), 0);
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* The double lesson alone on a day is no subject_twice, wherever it is. */
static void test_verify_edge__double_lesson_once(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = tiny_timetable(s);
	assert_int_equal(s->lessons[TS_6B_LABOR].length, 2);
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_SUBJECT_TWICE, 0));
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* Three lessons of one teacher at once: amount 2, all named. */
static void test_verify_edge__teacher_clash_three(void **state)
{
	(void)state;
	sch_school *s = ts_new(1, 6);
	int sh = ts_shift(s, "1", 0, 5);
	int math = ts_subject(s, "math", 5);
	int t = ts_teacher(s, "asanova", "Асанова Г.К.");
	const char *ids[3] = {"5А", "5Б", "5В"};
	for (int i = 0; i < 3; i++)
		ts_line(s, ts_class(s, ids[i], 5, sh, 25), math, t, 1);
	ts_finalize(s);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	for (int l = 0; l < 3; l++)
		set(tt, l, 0, 0);
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_TEACHER_CLASH, 2);
	assert_string_equal(only(rep)->message, "teacher Асанова Г.К. teaches 5А math, 5Б math and 5В math at mon 1");
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* A split lesson with one teacher in both groups is one lesson of that teacher. */
static void test_verify_edge__split_same_teacher(void **state)
{
	(void)state;
	sch_school *s = ts_new(1, 6);
	int sh = ts_shift(s, "1", 0, 5);
	int eng = ts_subject(s, "english", 5);
	int t = ts_teacher(s, "smith", "Smith J.");
	int c = ts_class(s, "5А", 5, sh, 25);
	ts_division(s, c, "foreign", "en1", "en2", NULL);
	ts_line_split(s, c, "foreign", eng, (const int[]){t, t}, 1);
	ts_finalize(s);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	set(tt, 0, 0, 0);
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_TEACHER_CLASH, 0));
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* A lesson of a joint line counts in both classes: a clash in 6Б via the joint pe. */
static void test_verify_edge__joint_lesson(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	s->rules.late_start = true;
	sch_timetable *tt = tiny_timetable(s);
	set(tt, TS_PE_JOINT, TS_FRI, 1); /* on 6Б math */
	sch_report *rep;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_CLASS_CLASH), 1);
	assert_int_equal(sch_report_hard(rep), 1);
	for (size_t i = 0; i < sch_report_count(rep); i++)
		if (sch_report_get(rep, i)->term == SCH_T_CLASS_CLASH)
			assert_string_equal(sch_report_get(rep, i)->message,
					    "class 6Б has 5А+6Б pe and 6Б math at fri 2 at once");
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_edge__teacher_two_shifts),
		cmocka_unit_test(test_verify_edge__group_idle_while_other_group_learns),
		cmocka_unit_test(test_verify_edge__group_named_across_divisions),
		cmocka_unit_test(test_verify_edge__class_clash_four_atoms),
		cmocka_unit_test(test_verify_edge__subject_twice),
		cmocka_unit_test(test_verify_edge__double_lesson_once),
		cmocka_unit_test(test_verify_edge__teacher_clash_three),
		cmocka_unit_test(test_verify_edge__split_same_teacher),
		cmocka_unit_test(test_verify_edge__joint_lesson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
