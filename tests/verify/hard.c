/* Each hard term of docs/rules.md broken once on the tiny school's zero-cost timetable. */
#include "tiny_school.h"

#include <string.h>

typedef struct {
	sch_school *s;
	sch_timetable *tt;
} fixture;

/* The tiny school finalized as built, or changed by `tweak` before finalizing. */
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

static void late_start(sch_school *s)
{
	s->rules.late_start = true;
}

static void test_verify_hard__missing(void **state)
{
	(void)state;
	fixture f = make(NULL);
	set(f.tt, TS_6B_MATH2, -1, 0);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_MISSING, 1);
	const sch_finding *x = only(rep);
	assert_int_equal(x->lesson, TS_6B_MATH2);
	assert_int_equal(x->day, -1);
	assert_int_equal(x->period, -1);
	assert_int_equal(x->weight, 1);
	assert_string_equal(x->message, "6Б math (lesson 2 of 2) is not placed");
	assert_true(sch_report_cost(rep) == SCH_COST(1, 0));
	done(&f, rep);
}

/* Shift 1 = bells 1-2 only; with late_start a double lesson may start at bell 2. */
static void short_shift(sch_school *s)
{
	s->shifts[0].last = 1;
	s->rules.late_start = true;
}

static void test_verify_hard__outside_shift_after_its_end(void **state)
{
	(void)state;
	fixture f = make(short_shift);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_MISSING, 0); /* still zero cost */
	sch_report_free(rep);
	set(f.tt, TS_6B_LABOR, TS_THU, 1); /* covers bells 2-3; bell 3 is outside */
	rep = ts_expect_only(f.tt, NULL, SCH_T_OUTSIDE_SHIFT, 1);
	assert_int_equal(only(rep)->lesson, TS_6B_LABOR);
	assert_string_equal(only(rep)->message, "6Б labor at thu 2 is outside shift 1 (bells 1-2)");
	done(&f, rep);
}

static void test_verify_hard__outside_shift_past_last_bell(void **state)
{
	(void)state;
	fixture f = make(late_start);
	set(f.tt, TS_6B_LABOR, TS_THU, 5); /* a double lesson at the last bell */
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_OUTSIDE_SHIFT, 1);
	assert_string_equal(only(rep)->message, "6Б labor at thu 6 runs past the last bell (6)");
	done(&f, rep);
}

/* Six school days; the classes keep their five-day week. */
static void six_days(sch_school *s)
{
	s->n_days = 6;
	s->day_codes[5] = 5;
	s->rules.late_start = true;
}

static void test_verify_hard__outside_shift_week(void **state)
{
	(void)state;
	fixture f = make(six_days);
	set(f.tt, TS_6B_MATH2, 5, 1);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_OUTSIDE_SHIFT, 1);
	assert_string_equal(only(rep)->message, "6Б math at sat 2 is outside the week of 6Б (5 days)");
	assert_int_equal(only(rep)->day, 5);
	done(&f, rep);
}

static void asanova_busy_tue_1(sch_school *s)
{
	ts_unavailable(s, TS_ASANOVA, TS_TUE, 0);
}

static void test_verify_hard__teacher_unavailable(void **state)
{
	(void)state;
	fixture f = make(asanova_busy_tue_1);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_UNAVAILABLE, 1);
	const sch_finding *x = only(rep);
	assert_int_equal(x->lesson, TS_6B_HISTORY);
	assert_int_equal(x->day, TS_TUE);
	assert_int_equal(x->period, 0);
	assert_string_equal(x->message, "teacher Асанова Г.К. is unavailable at tue 1 (6Б history)");
	done(&f, rep);
}

static void bakirov_off_thursday(sch_school *s)
{
	ts_unavailable(s, TS_BAKIROV, TS_THU, -1);
}

/* One per (lesson, teacher, slot): a double lesson in two unavailable slots counts 2. */
static void test_verify_hard__teacher_unavailable_double(void **state)
{
	(void)state;
	fixture f = make(bakirov_off_thursday);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_UNAVAILABLE, 2);
	assert_int_equal(sch_report_count(rep), 2);
	done(&f, rep);
}

static void forbid_first(sch_school *s)
{
	s->subjects[TS_HISTORY].forbid_periods = 1u << 0;
	s->subjects[TS_LABOR].forbid_periods = 3u; /* both periods of the double lesson */
}

/* One per lesson, however many of its periods are forbidden. */
static void test_verify_hard__forbidden_period(void **state)
{
	(void)state;
	fixture f = make(forbid_first);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_FORBIDDEN_PERIOD, 2);
	assert_int_equal(sch_report_count(rep), 2);
	assert_string_equal(sch_report_get(rep, 0)->message,
			    "6Б history at tue 1: lesson 1 of the shift is forbidden for history");
	assert_int_equal(sch_report_get(rep, 1)->lesson, TS_6B_LABOR);
	done(&f, rep);
}

static void test_verify_hard__teacher_clash(void **state)
{
	(void)state;
	fixture f = make(NULL);
	set(f.tt, TS_6B_MATH1, TS_TUE, 1); /* with 5А math, both Асанова's */
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_CLASH, 1);
	const sch_finding *x = only(rep);
	assert_int_equal(x->day, TS_TUE);
	assert_int_equal(x->period, 1);
	assert_int_equal(x->lesson, TS_5A_MATH1);
	assert_string_equal(x->message, "teacher Асанова Г.К. teaches 5А math and 6Б math at tue 2");
	done(&f, rep);
}

static void test_verify_hard__class_clash(void **state)
{
	(void)state;
	fixture f = make(late_start);
	set(f.tt, TS_6B_ENGLISH2, TS_WED, 1); /* on 6Б math */
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_CLASS_CLASH, 1);
	assert_string_equal(only(rep)->message, "class 6Б has 6Б math and 6Б english at wed 2 at once");
	done(&f, rep);
}

/* Per atom: a whole-class lesson on a split lesson clashes in both groups. */
static void test_verify_hard__class_clash_per_atom(void **state)
{
	(void)state;
	fixture f = make(late_start);
	set(f.tt, TS_5A_ENGLISH1, TS_TUE, 1); /* the split english on 5А math */
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_CLASS_CLASH, 2);
	assert_int_equal(only(rep)->amount, 2);
	assert_string_equal(only(rep)->message, "class 5А has 5А math and 5А english at tue 2 at once");
	done(&f, rep);
}

static void test_verify_hard__room_clash(void **state)
{
	(void)state;
	fixture f = make(NULL);
	assert_int_equal(sch_timetable_set_room(f.tt, TS_5A_RUSSIAN, 0, TS_R201), 0);
	assert_int_equal(sch_timetable_set_room(f.tt, TS_6B_ENGLISH1, 0, TS_R201), 0);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_ROOM_CLASH, 1);
	assert_string_equal(only(rep)->message, "room 201 holds 5А russian and 6Б english at mon 1");
	done(&f, rep);
}

/* The two parts of a split lesson are two lessons in a room. */
static void test_verify_hard__room_clash_split(void **state)
{
	(void)state;
	fixture f = make(NULL);
	assert_int_equal(sch_timetable_set_room(f.tt, TS_5A_ENGLISH1, 0, TS_R202), 0);
	assert_int_equal(sch_timetable_set_room(f.tt, TS_5A_ENGLISH1, 1, TS_R202), 0);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_ROOM_CLASH, 1);
	assert_string_equal(only(rep)->message, "room 202 holds 5А english (en1) and 5А english (en2) at tue 1");
	done(&f, rep);
}

static void test_verify_hard__room_missing(void **state)
{
	(void)state;
	fixture f = make(NULL);
	assert_int_equal(sch_timetable_set_room(f.tt, TS_PE_JOINT, 0, -1), 0);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_ROOM_MISSING, 1);
	assert_string_equal(only(rep)->message, "5А+6Б pe at fri 1 has no gym room");
	sch_report_free(rep);
	assert_int_equal(sch_timetable_set_room(f.tt, TS_PE_JOINT, 0, TS_R201), 0);
	rep = ts_expect_only(f.tt, NULL, SCH_T_ROOM_MISSING, 1);
	assert_string_equal(only(rep)->message, "5А+6Б pe at fri 1 is in room 201, which is not a gym");
	done(&f, rep);
}

/* English needs a language room: each part of the split lesson needs one. */
static void language_rooms(sch_school *s)
{
	ts_subject_room(s, TS_ENGLISH, "language");
	ts_room(s, "lang1", "language", 15);
	ts_room(s, "lang2", "language", 15);
}

static void test_verify_hard__room_missing_per_part(void **state)
{
	(void)state;
	fixture f = make(language_rooms);
	int l1 = sch_school_find_room(f.s, "lang1"), l2 = sch_school_find_room(f.s, "lang2");
	/* Every english lesson gets language rooms (6Б's the second, as 6Б and group en2
	 * have english together on wed), except one group of one lesson. */
	for (int l = 0; l < TS_N_LESSONS; l++) {
		if (f.s->lessons[l].subject != TS_ENGLISH)
			continue;
		assert_int_equal(f.s->lessons[l].rooms_needed, f.s->lessons[l].n_parts);
		int own = f.s->lessons[l].classes[0] == TS_6B ? l2 : l1;
		assert_int_equal(sch_timetable_set_room(f.tt, l, 0, own), 0);
		if (f.s->lessons[l].n_parts > 1)
			assert_int_equal(sch_timetable_set_room(f.tt, l, 1, l2), 0);
	}
	assert_int_equal(sch_timetable_set_room(f.tt, TS_5A_ENGLISH2, 1, -1), 0);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_ROOM_MISSING, 1);
	assert_int_equal(only(rep)->lesson, TS_5A_ENGLISH2);
	assert_string_equal(only(rep)->message, "5А english (en2) at thu 1 has no language room");
	done(&f, rep);
}

/* A late start: the class's first lesson is not the shift's first. */
static void test_verify_hard__pupil_gap_late_start(void **state)
{
	(void)state;
	fixture f = make(NULL);
	set(f.tt, TS_6B_HISTORY, TS_TUE, 2);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_PUPIL_GAP, 2);
	const sch_finding *x = only(rep);
	assert_int_equal(x->day, TS_TUE);
	assert_int_equal(x->period, -1);
	assert_string_equal(x->message, "class 6Б: idle at tue 1, 2 before its first lesson");
	done(&f, rep);
}

/* With rules.late_start the same timetable has no gap. */
static void test_verify_hard__pupil_gap_late_start_allowed(void **state)
{
	(void)state;
	fixture f = make(late_start);
	set(f.tt, TS_6B_HISTORY, TS_TUE, 2);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_PUPIL_GAP, 0);
	done(&f, rep);
}

static void test_verify_hard__pupil_gap_between(void **state)
{
	(void)state;
	for (int ls = 0; ls < 2; ls++) {
		fixture f = make(ls ? late_start : NULL);
		set(f.tt, TS_6B_MATH1, TS_WED, 2); /* english at 1, math at 3 */
		sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_PUPIL_GAP, 1);
		assert_int_equal(only(rep)->period, 1);
		assert_string_equal(only(rep)->message, "class 6Б: idle at wed 2 between lessons");
		done(&f, rep);
	}
}

static void max_one_a_day(sch_school *s)
{
	s->classes[TS_5A].max_per_day = 1;
}

/* The maximum over the class's atoms, not their sum: two busy groups count once. */
static void test_verify_hard__class_day_limit(void **state)
{
	(void)state;
	fixture f = make(max_one_a_day);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_CLASS_DAY_LIMIT, 2);
	assert_int_equal(sch_report_count(rep), 2);
	assert_int_equal(sch_report_get(rep, 0)->day, TS_TUE);
	assert_int_equal(sch_report_get(rep, 1)->day, TS_THU);
	assert_string_equal(sch_report_get(rep, 0)->message, "class 5А: 2 lessons on tue, more than its 1 a day");
	done(&f, rep);
}

static void asanova_one_a_day(sch_school *s)
{
	s->teachers[TS_ASANOVA].max_per_day = 1;
}

static void test_verify_hard__teacher_day_limit(void **state)
{
	(void)state;
	fixture f = make(asanova_one_a_day);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_TEACHER_DAY_LIMIT, 1);
	assert_int_equal(only(rep)->day, TS_TUE);
	assert_string_equal(only(rep)->message, "teacher Асанова Г.К.: 2 lessons on tue, more than the limit of 1");
	done(&f, rep);
}

static void test_verify_hard__pinned_moved(void **state)
{
	(void)state;
	fixture f = make(NULL);
	/* The two english lessons of 6Б change places: only the pinned one is wrong. */
	set(f.tt, TS_6B_ENGLISH1, TS_WED, 0);
	set(f.tt, TS_6B_ENGLISH2, TS_MON, 0);
	sch_report *rep = ts_expect_only(f.tt, NULL, SCH_T_PINNED_MOVED, 1);
	assert_int_equal(only(rep)->lesson, TS_6B_ENGLISH1);
	assert_string_equal(only(rep)->message, "6Б english (lesson 1 of 2) is pinned to mon 1 but placed at wed 1");
	sch_report_free(rep);
	/* An unplaced pinned lesson counts as missing only (6Б's empty monday costs
	 * class_balance, a soft term). */
	set(f.tt, TS_6B_ENGLISH1, -1, 0);
	set(f.tt, TS_6B_ENGLISH2, TS_WED, 0);
	assert_int_equal(sch_verify(&rep, f.tt, NULL), 0);
	assert_int_equal(sch_report_hard(rep), 1);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_MISSING), 1);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_PINNED_MOVED), 0);
	done(&f, rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_hard__missing),
		cmocka_unit_test(test_verify_hard__outside_shift_after_its_end),
		cmocka_unit_test(test_verify_hard__outside_shift_past_last_bell),
		cmocka_unit_test(test_verify_hard__outside_shift_week),
		cmocka_unit_test(test_verify_hard__teacher_unavailable),
		cmocka_unit_test(test_verify_hard__teacher_unavailable_double),
		cmocka_unit_test(test_verify_hard__forbidden_period),
		cmocka_unit_test(test_verify_hard__teacher_clash),
		cmocka_unit_test(test_verify_hard__class_clash),
		cmocka_unit_test(test_verify_hard__class_clash_per_atom),
		cmocka_unit_test(test_verify_hard__room_clash),
		cmocka_unit_test(test_verify_hard__room_clash_split),
		cmocka_unit_test(test_verify_hard__room_missing),
		cmocka_unit_test(test_verify_hard__room_missing_per_part),
		cmocka_unit_test(test_verify_hard__pupil_gap_late_start),
		cmocka_unit_test(test_verify_hard__pupil_gap_late_start_allowed),
		cmocka_unit_test(test_verify_hard__pupil_gap_between),
		cmocka_unit_test(test_verify_hard__class_day_limit),
		cmocka_unit_test(test_verify_hard__teacher_day_limit),
		cmocka_unit_test(test_verify_hard__pinned_moved),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
