/* The SAT search over the hard rules (solver/sat.c): its timetables pass the verifier, its proofs agree with the heuristics. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

#include "../../solver/sat.h"
#include "gen.h"
#include "schedule/solver.h"
#include "schedule/sys/model.h"
#include "tiny_school.h"

/* The SAT search alone, to its end: its state, and in *hard the verifier's hard count of
 * the timetable it found (-1 when none). */
static int sat_alone(const sch_school *s, uint64_t seed, int64_t *hard)
{
	sch_sat *job = sch__sat_start(s, NULL, 60, 0, seed);
	assert_non_null(job);
	sch_solution *sol = NULL;
	assert_int_equal(sch_solution_new(&sol, s, NULL), 0);
	int state = sch__sat_finish(job, 1, sol, NULL);
	*hard = -1;
	if (state == SCH_SAT_FOUND) {
		sch_timetable *tt = NULL;
		sch_report *rep = NULL;
		assert_int_equal(sch_solution_placed_count(sol), s->n_lessons);
		assert_int_equal(sch_timetable_new(&tt, s), 0);
		assert_int_equal(sch_solution_to_timetable(sol, tt), 0);
		assert_int_equal(sch_verify(&rep, tt, NULL), 0);
		if (sch_report_hard(rep))
			ts_print_report(rep);
		*hard = sch_report_hard(rep);
		assert_int_equal(*hard, sch_solution_hard(sol)); /* the state counts as the verifier */
		sch_report_free(rep);
		sch_timetable_free(tt);
	}
	sch_solution_free(sol);
	return state;
}

/* FET-like schools (pupils' gaps as constraints, min_days_between, gap and day limits,
 * unavailable periods; groups, doubles, rooms): where the heuristics find a timetable,
 * so does the SAT search, without hard violations. */
static void test_solver_sat__fet_like_found(void **state)
{
	(void)state;
	gen_params params[] = {{11, 1, 1, 1, 1, 1, 1, 0}, {16, 1, 2, 1, 1, 1, 1, 0}, {20, 2, 3, 1, 1, 1, 1, 2}};
	int checked = 0;
	for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
		sch_school *s = gen_school_constraints(&params[i], 2);
		assert_non_null(s);
		assert_int_equal(sch__sat_supported(s), 0);
		sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
		o.method = SCH_METHOD_GREEDY;
		o.time_limit = 10;
		sch_timetable *tt = NULL;
		sch_solve_result *res = NULL;
		int rc = sch_solve(&tt, &res, s, &o);
		int64_t hard;
		int st = sat_alone(s, 1 + i, &hard);
		if (getenv("SCH_TEST_VERBOSE"))
			fprintf(stderr, "school %zu: heuristics rc %d, sat %d\n", i, rc, st);
		if (rc == 0) {
			assert_int_equal(st, SCH_SAT_FOUND);
			checked++;
		}
		if (st == SCH_SAT_FOUND)
			assert_int_equal(hard, 0);
		if (st == SCH_SAT_NONE)
			assert_int_not_equal(rc, 0);
		sch_solve_result_free(res);
		sch_timetable_free(tt);
		sch_school_free(s);
	}
	assert_true(checked > 0);
}

/* Schools without a constraints section (pupils' gaps hard, shifts, a subject once a day,
 * class and teacher daily limits): the school's own rules are encoded too. */
static void test_solver_sat__school_rules_found(void **state)
{
	(void)state;
	gen_params gp = {12, 2, 4, 1, 1, 1, 1, 0};
	sch_school *s = gen_school(&gp);
	assert_non_null(s);
	int64_t hard;
	assert_int_equal(sat_alone(s, 3, &hard), SCH_SAT_FOUND);
	assert_int_equal(hard, 0);
	sch_school_free(s);
	sch_school *t = tiny_school();
	assert_int_equal(sat_alone(t, 3, &hard), SCH_SAT_FOUND);
	assert_int_equal(hard, 0);
	sch_school_free(t);
}

/*
 * Every constraint type at random, hard and soft: whatever the SAT search says agrees
 * with the verifier (a timetable it finds has no hard violation) and with the heuristics
 * (where it proves that none exists, the solve finds none either, and says it is proved).
 */
static void test_solver_sat__every_type_agrees(void **state)
{
	(void)state;
	int found = 0, none = 0;
	for (unsigned seed = 1; seed <= 6; seed++) {
		gen_params gp = {8, 1, seed, 1, 1, 0, 1, 0};
		sch_school *s = gen_school_constraints(&gp, 1);
		assert_non_null(s);
		if (sch__sat_supported(s) != 0) {
			sch_school_free(s);
			continue;
		}
		int64_t hard;
		int st = sat_alone(s, seed, &hard);
		assert_true(st == SCH_SAT_FOUND || st == SCH_SAT_NONE);
		if (st == SCH_SAT_FOUND) {
			assert_int_equal(hard, 0);
			found++;
		} else {
			sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
			o.method = SCH_METHOD_GREEDY;
			o.time_limit = 5;
			o.seed = seed;
			sch_timetable *tt = NULL;
			sch_solve_result *res = NULL;
			int rc = sch_solve(&tt, &res, s, &o);
			assert_true(rc == SCH_EINFEASIBLE || rc == SCH_ETIMEOUT);
			assert_false(sch_solve_result_feasible(res));
			none++;
			sch_solve_result_free(res);
			sch_timetable_free(tt);
		}
		sch_school_free(s);
	}
	if (getenv("SCH_TEST_VERBOSE"))
		fprintf(stderr, "found %d, proved none %d\n", found, none);
	assert_true(found + none > 0);
}

/* A FET-like school with a rule no timetable can meet (a line's lessons six days apart in
 * a week of five): the solve proves it and says so. */
static void test_solver_sat__proved_infeasible(void **state)
{
	(void)state;
	gen_params gp = {11, 1, 1, 1, 1, 1, 1, 0};
	sch_school *s = gen_school_build(&gp);
	assert_non_null(s);
	unsigned st = gp.seed * 7919u + 3;
	gen_constraints(s, 2, &st);
	int line = -1;
	for (int i = 0; i < s->n_lines && line < 0; i++)
		if (s->lines[i].per_week >= 3 && s->lines[i].block <= 1)
			line = i;
	assert_true(line >= 0);
	sch_constraint *c = gen_con(s, SCH_CON_MIN_DAYS_BETWEEN, SCH_WEIGHT_HARD, 6);
	gen_con_lines(s, c, &line, 1);
	assert_int_equal(sch_school_finalize(s, NULL), 0);
	int64_t hard;
	assert_int_equal(sat_alone(s, 1, &hard), SCH_SAT_NONE);
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.method = SCH_METHOD_GREEDY;
	o.time_limit = 5;
	sch_timetable *tt = NULL;
	sch_solve_result *res = NULL;
	assert_int_equal(sch_solve(&tt, &res, s, &o), SCH_EINFEASIBLE);
	assert_true(sch_solve_result_proved_infeasible(res));
	sch_solve_result_free(res);
	sch_timetable_free(tt);
	/* without a time limit, after the hard phase and to a conflict count: the same */
	o.time_limit = 0;
	o.iterations = 200000;
	assert_int_equal(sch_solve(&tt, &res, s, &o), SCH_EINFEASIBLE);
	assert_true(sch_solve_result_proved_infeasible(res));
	sch_solve_result_free(res);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* A cancel flag already set stops the search at once. */
static void test_solver_sat__cancel(void **state)
{
	(void)state;
	gen_params gp = {20, 2, 3, 1, 1, 1, 1, 0};
	sch_school *s = gen_school_constraints(&gp, 2);
	volatile int cancel = 1;
	sch_sat *job = sch__sat_start(s, &cancel, 0, 0, 1);
	assert_non_null(job);
	assert_int_equal(sch__sat_finish(job, 1, NULL, NULL), SCH_SAT_UNKNOWN);
	job = sch__sat_start(s, NULL, 0, 0, 1); /* stopped by the caller */
	assert_non_null(job);
	int st = sch__sat_finish(job, 0, NULL, NULL);
	assert_true(st == SCH_SAT_UNKNOWN || st == SCH_SAT_FOUND);
	sch_school_free(s);
}

/* A fixed room is not encoded: refused, and the solve goes on without it. */
static void test_solver_sat__fixed_room_refused(void **state)
{
	(void)state;
	sch_school *s = tiny_school_build();
	ts_line_room(s, TS_L_5A_MATH, 0);
	ts_finalize(s);
	assert_int_equal(sch__sat_supported(s), SCH_ENOTSUP);
	assert_null(sch__sat_start(s, NULL, 1, 0, 1));
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solver_sat__fet_like_found),
		cmocka_unit_test(test_solver_sat__school_rules_found),
		cmocka_unit_test(test_solver_sat__every_type_agrees),
		cmocka_unit_test(test_solver_sat__proved_infeasible),
		cmocka_unit_test(test_solver_sat__cancel),
		cmocka_unit_test(test_solver_sat__fixed_room_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
