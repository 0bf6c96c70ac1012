/* Room assignment as the solver counts it: no part without a room while no slot has more parts needing a kind than rooms. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

#include "gen.h"
#include "schedule/sys/model.h"
#include "schedule/sys/solution.h"
#include "tiny_school.h"

/*
 * Two gyms, a big one (60) and a small one (30), and at mon 1-2: a double PE
 * lesson (20 pupils) over both bells, a class of 50 at bell 1 and one of 20 at
 * bell 2. At most two parts need a gym at each bell, so both gyms suffice: the
 * double must take the small gym, the class of 50 the big one at bell 1, and the
 * class of 20 the big one at bell 2. Giving rooms largest groups first (then in
 * lesson order) sent the class of 20 to the small gym at bell 2, which left no
 * gym free over both bells for the double.
 */
static void test_solver_rooms__tight_doubles(void **state)
{
	(void)state;
	sch_school *s = ts_new(5, 6);
	int sh = ts_shift(s, "1", 0, 5);
	int pe = ts_subject(s, "pe", 3);
	ts_subject_room(s, pe, "gym");
	int big_gym = ts_room(s, "gym1", "gym", 60), small_gym = ts_room(s, "gym2", "gym", 30);
	int t1 = ts_teacher(s, "t1", "Т1"), t2 = ts_teacher(s, "t2", "Т2"), t3 = ts_teacher(s, "t3", "Т3");
	int c_big = ts_class(s, "9А", 9, sh, 50), c_late = ts_class(s, "6А", 6, sh, 20);
	int c_double = ts_class(s, "5А", 5, sh, 20);
	int l_big = ts_line(s, c_big, pe, t1, 1), l_late = ts_line(s, c_late, pe, t2, 1);
	int l_double = ts_line(s, c_double, pe, t3, 2);
	ts_line_block(s, l_double, 2);
	ts_finalize(s);
	int big = ts_lesson(s, l_big, 0), late = ts_lesson(s, l_late, 0), dbl = ts_lesson(s, l_double, 0);
	assert_true(late < dbl); /* the order that failed: the single of bell 2 before the double */
	assert_int_equal(s->lessons[dbl].length, 2);
	sch_timetable *tt = NULL;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	assert_int_equal(sch_timetable_set(tt, big, TS_MON, 0), 0);
	assert_int_equal(sch_timetable_set(tt, late, TS_MON, 1), 0);
	assert_int_equal(sch_timetable_set(tt, dbl, TS_MON, 0), 0);
	assert_int_equal(sch_timetable_assign_rooms(tt), 0);
	assert_int_equal(sch_timetable_room(tt, dbl, 0), small_gym);
	assert_int_equal(sch_timetable_room(tt, big, 0), big_gym);
	assert_int_equal(sch_timetable_room(tt, late, 0), big_gym);
	sch_report *rep = NULL;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_ROOM_MISSING), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_ROOM_CLASH), 0);
	sch_report_free(rep);
	/* the solution agrees: no room short */
	sch_solution *sol = NULL;
	assert_int_equal(sch_solution_new(&sol, s, NULL), 0);
	assert_int_equal(sch_solution_from_timetable(sol, tt), 0);
	assert_int_equal(sch_solution_term_amount(sol, SCH_T_ROOM_MISSING), 0);
	/* a third lesson at bell 2 is one part too many: one part is short, here and in the verifier */
	assert_int_equal(sch_solution_move(sol, big, sch_slot(s, TS_MON, 1)), 0);
	assert_int_equal(sch_solution_term_amount(sol, SCH_T_ROOM_MISSING), 1);
	assert_int_equal(sch_solution_to_timetable(sol, tt), 0);
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_report_term_amount(rep, SCH_T_ROOM_MISSING), 1);
	sch_report_free(rep);
	sch_solution_free(sol);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static unsigned rnd(unsigned *st)
{
	*st = *st * 1664525u + 1013904223u;
	return *st >> 8;
}

/*
 * Random timetables of schools whose labor lessons (doubles and singles) need
 * one of one or two workshops, PE a gym and informatics a lab: every lesson
 * needing a room goes to a random slot where no covered period would have more
 * parts of its kind than rooms (the others anywhere). Then no part may be left
 * without a room.
 */
static void test_solver_rooms__never_short_within_the_count(void **state)
{
	(void)state;
	for (int w = 1; w <= 2; w++) {
		gen_params gp = {33, 2, 40 + (unsigned)w, 1, 1, 1, 0, w};
		sch_school *s = gen_school(&gp);
		assert_non_null(s);
		int S = s->n_days * s->n_periods;
		unsigned st = 77 + (unsigned)w;
		for (int round = 0; round < 20; round++) {
			sch_solution *sol = NULL;
			assert_int_equal(sch_solution_new(&sol, s, NULL), 0);
			int placed_rooms = 0;
			for (int l = 0; l < s->n_lessons; l++) {
				const sch_lesson_def *ls = &s->lessons[l];
				for (int tries = 0; tries < 40; tries++) {
					int slot = (int)(rnd(&st) % (unsigned)S), p = slot % s->n_periods, fits = 1;
					if (p + ls->length > s->n_periods)
						continue;
					for (int k = 0; k < ls->length && ls->rooms_needed > 0; k++)
						fits &= sch_solution_kind_count(sol, ls->room_kind, slot + k) + ls->rooms_needed <=
							s->rooms_of_kind[ls->room_kind];
					if (!fits)
						continue;
					assert_int_equal(sch_solution_place(sol, l, slot), 0);
					placed_rooms += ls->rooms_needed > 0;
					break;
				}
			}
			assert_true(placed_rooms > 0);
			assert_int_equal(sch_solution_term_amount(sol, SCH_T_ROOM_MISSING), 0);
			sch_timetable *tt = NULL;
			sch_report *rep = NULL;
			assert_int_equal(sch_timetable_new(&tt, s), 0);
			assert_int_equal(sch_solution_to_timetable(sol, tt), 0);
			assert_int_equal(sch_timetable_assign_rooms(tt), 0);
			assert_int_equal(sch_verify(&rep, tt, NULL), 0);
			assert_int_equal(sch_report_term_amount(rep, SCH_T_ROOM_MISSING), 0);
			assert_int_equal(sch_report_term_amount(rep, SCH_T_ROOM_CLASH), 0);
			sch_report_free(rep);
			sch_timetable_free(tt);
			sch_solution_free(sol);
		}
		sch_school_free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solver_rooms__tight_doubles),
		cmocka_unit_test(test_solver_rooms__never_short_within_the_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
