/* The timetable object: placing lessons, rooms, argument checks and room assignment. */
#include "tiny_school.h"

#include <string.h>

static void expect_error(int rc, const char *fragment)
{
	assert_int_equal(rc, SCH_EINVALID);
	assert_non_null(sch_error_last());
	if (!strstr(sch_error_last()->message, fragment)) {
		print_error("message '%s' lacks '%s'\n", sch_error_last()->message, fragment);
		fail();
	}
}

static void test_timetable_api__new_set_get(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt, *copy;
	int d = 7, p = 7;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	assert_ptr_equal(sch_timetable_school(tt), s);
	assert_int_equal(sch_timetable_placed_count(tt), 0);
	assert_int_equal(sch_timetable_get(tt, 0, &d, &p), 0);
	assert_int_equal(d, -1);
	assert_int_equal(p, -1);
	assert_int_equal(sch_timetable_room(tt, TS_PE_JOINT, 0), -1);

	assert_int_equal(sch_timetable_set(tt, TS_6B_LABOR, TS_THU, 5), 0); /* past the last bell: accepted */
	assert_int_equal(sch_timetable_get(tt, TS_6B_LABOR, &d, &p), 0);
	assert_int_equal(d, TS_THU);
	assert_int_equal(p, 5);
	assert_int_equal(sch_timetable_set_room(tt, TS_5A_ENGLISH1, 1, TS_R202), 0);
	assert_int_equal(sch_timetable_placed_count(tt), 1);

	assert_int_equal(sch_timetable_copy(&copy, tt), 0);
	assert_int_equal(sch_timetable_set(tt, TS_6B_LABOR, -1, 0), 0); /* the copy is separate */
	assert_int_equal(sch_timetable_placed_count(tt), 0);
	assert_int_equal(sch_timetable_placed_count(copy), 1);
	assert_int_equal(sch_timetable_room(copy, TS_5A_ENGLISH1, 1), TS_R202);
	assert_int_equal(sch_timetable_get(copy, TS_6B_LABOR, &d, NULL), 0);
	assert_int_equal(d, TS_THU);
	sch_timetable_free(copy);
	sch_timetable_free(tt);
	sch_timetable_free(NULL);
	sch_school_free(s);
}

static void test_timetable_api__bad_arguments(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = NULL;
	expect_error(sch_timetable_new(&tt, NULL), "school is NULL");
	assert_null(tt);
	expect_error(sch_timetable_new(NULL, s), "out is NULL");
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	expect_error(sch_timetable_set(tt, -1, 0, 0), "lesson -1 does not exist (the school has 13 lessons)");
	expect_error(sch_timetable_set(tt, 13, 0, 0), "lesson 13 does not exist");
	expect_error(sch_timetable_set(tt, 0, 5, 0), "day 5 is outside the school's days 0-4");
	expect_error(sch_timetable_set(tt, 0, -2, 0), "day -2 is outside");
	expect_error(sch_timetable_set(tt, 0, 0, 6), "period 6 is outside the school's periods 0-5");
	expect_error(sch_timetable_set(tt, 0, 0, -1), "period -1 is outside");
	expect_error(sch_timetable_set(NULL, 0, 0, 0), "timetable is NULL");
	expect_error(sch_timetable_get(tt, 99, NULL, NULL), "lesson 99 does not exist");
	expect_error(sch_timetable_set_room(tt, 0, 1, 0), "lesson 0 has no part 1 (it has 1)");
	expect_error(sch_timetable_set_room(tt, TS_5A_ENGLISH1, 2, 0), "has no part 2 (it has 2)");
	expect_error(sch_timetable_set_room(tt, 0, 0, 3), "room 3 does not exist (the school has 3 rooms)");
	expect_error(sch_timetable_set_room(tt, 0, 0, -2), "room -2 does not exist");
	expect_error(sch_timetable_room(tt, 0, 5), "no part 5");
	sch_timetable *copy = (sch_timetable *)1;
	expect_error(sch_timetable_copy(&copy, NULL), "src is NULL");
	assert_null(copy);
	expect_error(sch_timetable_assign_rooms(NULL), "timetable is NULL");
	assert_int_equal(sch_timetable_placed_count(NULL), 0);
	assert_null(sch_timetable_school(NULL));
	sch_timetable_free(tt);
	sch_school_free(s);
}

static void test_timetable_api__assign_gym(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = tiny_timetable(s);
	assert_int_equal(sch_timetable_set_room(tt, TS_PE_JOINT, 0, -1), 0);
	assert_int_equal(sch_timetable_assign_rooms(tt), 0);
	assert_int_equal(sch_timetable_room(tt, TS_PE_JOINT, 0), TS_GYM);
	/* A room of the wrong kind is replaced. */
	assert_int_equal(sch_timetable_set_room(tt, TS_PE_JOINT, 0, TS_R201), 0);
	assert_int_equal(sch_timetable_assign_rooms(tt), 0);
	assert_int_equal(sch_timetable_room(tt, TS_PE_JOINT, 0), TS_GYM);
	/* Lessons that need no room kind get none. */
	assert_int_equal(sch_timetable_room(tt, TS_5A_MATH1, 0), -1);
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_MISSING, 0));
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* English needs a language room: two small ones and a big one. */
static sch_school *language_school(int n_rooms)
{
	sch_school *s = tiny_school_build();
	ts_subject_room(s, TS_ENGLISH, "language");
	ts_room(s, "lang1", "language", 15);
	if (n_rooms > 1)
		ts_room(s, "lang2", "language", 15);
	if (n_rooms > 2)
		ts_room(s, "lang3", "language", 30);
	ts_finalize(s);
	return s;
}

/* Groups of 12 get the small rooms, 6Б (26 pupils) the big one. */
static void test_timetable_api__assign_by_capacity(void **state)
{
	(void)state;
	sch_school *s = language_school(3);
	int l1 = sch_school_find_room(s, "lang1"), l2 = sch_school_find_room(s, "lang2"),
	    l3 = sch_school_find_room(s, "lang3");
	sch_timetable *tt = tiny_timetable(s);
	assert_int_equal(sch_timetable_assign_rooms(tt), 0);
	int a = sch_timetable_room(tt, TS_5A_ENGLISH1, 0), b = sch_timetable_room(tt, TS_5A_ENGLISH1, 1);
	assert_true((a == l1 && b == l2) || (a == l2 && b == l1));
	assert_int_equal(sch_timetable_room(tt, TS_6B_ENGLISH1, 0), l3);
	assert_int_equal(sch_timetable_room(tt, TS_6B_ENGLISH2, 0), l3);
	assert_true(sch_timetable_room(tt, TS_5A_EN2, 0) == l1 || sch_timetable_room(tt, TS_5A_EN2, 0) == l2);
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_MISSING, 0));
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* A valid room set by hand is kept even when another lesson would fit it better;
 * of two parts holding one room at once the later loses it. */
static void test_timetable_api__assign_keeps_valid(void **state)
{
	(void)state;
	sch_school *s = language_school(3);
	int l1 = sch_school_find_room(s, "lang1"), l3 = sch_school_find_room(s, "lang3");
	sch_timetable *tt = tiny_timetable(s);
	/* wed 1: group en2 and 6Б have english together. */
	assert_int_equal(sch_timetable_set_room(tt, TS_5A_EN2, 0, l3), 0);
	assert_int_equal(sch_timetable_set_room(tt, TS_6B_ENGLISH2, 0, l3), 0);
	assert_int_equal(sch_timetable_assign_rooms(tt), 0);
	assert_int_equal(sch_timetable_room(tt, TS_5A_EN2, 0), l3);
	assert_int_equal(sch_timetable_room(tt, TS_6B_ENGLISH2, 0), l1); /* the largest of the small ones, first */
	sch_report_free(ts_expect_only(tt, NULL, SCH_T_MISSING, 0));
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* One language room: the split lessons and wed 1 leave a part each without one. */
static void test_timetable_api__assign_not_enough(void **state)
{
	(void)state;
	sch_school *s = language_school(1);
	sch_timetable *tt = tiny_timetable(s);
	assert_int_equal(sch_timetable_assign_rooms(tt), 3);
	sch_report *rep = ts_expect_only(tt, NULL, SCH_T_ROOM_MISSING, 3);
	sch_report_free(rep);
	/* Unplaced lessons want no room. */
	assert_int_equal(sch_timetable_set(tt, TS_5A_ENGLISH1, -1, 0), 0);
	assert_int_equal(sch_timetable_set(tt, TS_5A_ENGLISH2, -1, 0), 0);
	assert_int_equal(sch_timetable_assign_rooms(tt), 1);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static void history_in_202(sch_school *s)
{
	ts_line_room(s, TS_L_6B_HISTORY, TS_R202);
}

/* A line's fixed room is given when free; taken, the part is left without one. */
static void test_timetable_api__assign_fixed_room(void **state)
{
	(void)state;
	sch_school *s = tiny_school_build();
	history_in_202(s);
	ts_finalize(s);
	sch_timetable *tt = tiny_timetable(s);
	assert_int_equal(sch_timetable_assign_rooms(tt), 0);
	assert_int_equal(sch_timetable_room(tt, TS_6B_HISTORY, 0), TS_R202);
	/* Another room set by hand is replaced by the fixed one. */
	assert_int_equal(sch_timetable_set_room(tt, TS_6B_HISTORY, 0, TS_R201), 0);
	assert_int_equal(sch_timetable_assign_rooms(tt), 0);
	assert_int_equal(sch_timetable_room(tt, TS_6B_HISTORY, 0), TS_R202);
	/* tue 1: the split english takes 202 first (a lower lesson). */
	assert_int_equal(sch_timetable_set_room(tt, TS_6B_HISTORY, 0, -1), 0);
	assert_int_equal(sch_timetable_set_room(tt, TS_5A_ENGLISH1, 0, TS_R202), 0);
	assert_int_equal(sch_timetable_assign_rooms(tt), 1);
	assert_int_equal(sch_timetable_room(tt, TS_6B_HISTORY, 0), -1);
	assert_int_equal(sch_timetable_room(tt, TS_5A_ENGLISH1, 0), TS_R202);
	sch_timetable_free(tt);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timetable_api__new_set_get),
		cmocka_unit_test(test_timetable_api__bad_arguments),
		cmocka_unit_test(test_timetable_api__assign_gym),
		cmocka_unit_test(test_timetable_api__assign_by_capacity),
		cmocka_unit_test(test_timetable_api__assign_keeps_valid),
		cmocka_unit_test(test_timetable_api__assign_not_enough),
		cmocka_unit_test(test_timetable_api__assign_fixed_room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
