/* Sub-MIPs over parts of a timetable: their objective moves exactly as the solution's cost does, and LNS never makes the incumbent worse. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../solver/mip.h"
#include "../solver/gen.h"
#include "schedule/solver.h"
#include "schedule/sys/model.h"
#include "tiny_school.h"
#include "con_school.h"

static unsigned rnd(unsigned *st)
{
	*st = *st * 1103515245u + 12345u;
	return (*st >> 16) & 0x7fff;
}

static sch_solution *start_solution(const sch_school *s, uint64_t seed, const sch_timetable *ref)
{
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	sch_timetable *tt = NULL;
	sch_solution *sol = NULL;
	o.method = SCH_METHOD_LOCAL;
	o.seed = seed;
	o.iterations = 2000;
	o.time_limit = 20;
	assert_int_equal(sch_solve(&tt, NULL, s, &o), 0);
	assert_int_equal(sch_solution_new(&sol, s, ref), 0);
	assert_int_equal(sch_solution_from_timetable(sol, tt), 0);
	assert_int_equal(sch_solution_hard(sol), 0);
	sch_timetable_free(tt);
	return sol;
}

/* A random neighbourhood: some classes (all days or a day mask), or lessons at random. */
static int random_free(const sch_school *s, const sch_solution *sol, unsigned *st, unsigned char *isfree,
		       uint32_t *day_mask)
{
	int n = 0, kind = (int)(rnd(st) % 3), c0 = (int)(rnd(st) % (unsigned)s->n_classes);
	memset(isfree, 0, (size_t)s->n_lessons);
	*day_mask = 0;
	if (kind == 1)
		*day_mask = (1u << (rnd(st) % (unsigned)s->n_days)) | (1u << (rnd(st) % (unsigned)s->n_days));
	for (int k = 0; k < 2 + (int)(rnd(st) % 3); k++) {
		int c = (c0 + k * 3) % s->n_classes;
		for (int i = s->by_class.off[c]; i < s->by_class.off[c + 1]; i++) {
			int l = s->by_class.idx[i], slot = sch_solution_start(sol, l);
			if (isfree[l] || s->lessons[l].pinned >= 0)
				continue;
			if (kind == 1 && !((*day_mask >> (slot / s->n_periods)) & 1u))
				continue;
			if (kind == 2 && rnd(st) % 2)
				continue;
			isfree[l] = 1;
			n++;
		}
	}
	return n;
}

/*
 * For random neighbourhoods of a feasible solution: the sub-MIP, started from the
 * solution, returns a timetable whose cost (the solution state's, the verifier's)
 * differs from the start by exactly the change of the sub-MIP's objective, and
 * never by more than 0: LNS keeps only what the state confirms, and here the state
 * confirms everything the model promises (with a reference timetable, the lessons of
 * a line may also trade slots to keep more of their reference slots: a bonus).
 */
static void check_school(const sch_school *s, uint64_t seed, int rounds, int with_reference)
{
	unsigned st = (unsigned)seed * 2654435761u + 1;
	sch_timetable *ref = NULL;
	if (with_reference) { /* a reference timetable: moving a lesson costs `moved` */
		sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
		o.method = SCH_METHOD_GREEDY;
		o.seed = seed + 99;
		assert_int_equal(sch_solve(&ref, NULL, s, &o), 0);
	}
	sch_solution *sol = start_solution(s, seed, ref);
	unsigned char *isfree = malloc((size_t)s->n_lessons + 1);
	int improved = 0, unsolved = 0;
	for (int round = 0; round < rounds; round++) {
		uint32_t days;
		int n = random_free(s, sol, &st, isfree, &days);
		if (!n)
			continue;
		sch_mip_spec spec = {.free = isfree, .day_mask = days};
		sch_mip *m = NULL;
		int rc = sch_mip_build(&m, sol, &spec);
		assert_int_equal(rc, 0);
		sch_mip_params par = {.time_limit = 0.5, .use_start = 1};
		sch_mip_result res;
		assert_int_equal(sch_mip_solve(m, sol, NULL, &par, &res), 0);
		assert_true(res.start >= 0);
		if (res.status == SCH_MIP_NONE && res.stopped) { /* out of time before the root (a slow build) */
			sch_mip_free(m);
			unsolved++;
			continue;
		}
		assert_true(res.status == SCH_MIP_OPTIMAL || res.status == SCH_MIP_FEASIBLE);
		assert_true(res.objective <= res.start + 1e-6);
		assert_true(res.bound <= res.objective + 1e-6);
		const sch_change *ch;
		sch_cost before = sch_solution_cost(sol), delta = 0;
		int nc = sch_mip_changes(m, sol, &ch);
		assert_int_equal(sch_solution_apply(sol, ch, nc, &delta), 0);
		assert_int_equal(sch_solution_hard(sol), 0);
		int64_t want = (int64_t)(res.objective - res.start + (res.objective >= res.start ? 0.5 : -0.5));
		if (sch_cost_delta_soft(delta) != want)
			print_message("round %d: %d free, model %.1f -> %.1f, state %lld -> %lld\n", round, n, res.start,
				      res.objective, (long long)SCH_COST_SOFT(before),
				      (long long)sch_solution_soft(sol));
		/* with a reference the lessons of a line are also relabelled to keep their reference
		 * slots where they can, which the model counts as done already: a bonus */
		if (ref)
			assert_true(sch_cost_delta_soft(delta) <= want);
		else
			assert_int_equal(sch_cost_delta_soft(delta), want);
		assert_true(sch_solution_cost(sol) <= before);
		improved += delta < 0;
		sch_mip_free(m);
	}
	/* and the final state is the verifier's */
	sch_timetable *tt = NULL;
	sch_report *rep = NULL;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	assert_int_equal(sch_solution_to_timetable(sol, tt), 0);
	assert_int_equal(sch_verify(&rep, tt, ref), 0);
	assert_int_equal(sch_report_hard(rep), 0);
	assert_int_equal(sch_report_soft(rep), sch_solution_soft(sol));
	print_message("%d of %d sub-MIPs improved the timetable (%d out of time)\n", improved, rounds, unsolved);
	assert_true(unsolved <= rounds / 2);
	sch_report_free(rep);
	sch_timetable_free(tt);
	sch_timetable_free(ref);
	free(isfree);
	sch_solution_free(sol);
}

static void test_mip_lns__sub_mip_objective_moves_with_cost(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 2; seed++) {
		gen_params gp = {.classes = 8, .shifts = (int)seed, .seed = seed + 20, .divisions = 1, .doubles = 1,
				 .rooms = 1, .unavailable = 1};
		sch_school *s = gen_school(&gp);
		assert_non_null(s);
		check_school(s, seed, 12, seed == 2);
		sch_school_free(s);
	}
	sch_school *s = NULL;
	assert_int_equal(sch_school_load_yaml(&s, "examples/small.yaml", NULL), 0);
	check_school(s, 5, 12, 0);
	sch_school_free(s);
}

/* The local branching row: at most k free lessons leave their slot. */
static void test_mip_lns__local_branching(void **state)
{
	(void)state;
	gen_params gp = {.classes = 6, .shifts = 1, .seed = 31, .divisions = 1, .doubles = 1, .rooms = 1, .unavailable = 1};
	sch_school *s = gen_school(&gp);
	sch_solution *sol = start_solution(s, 3, NULL);
	unsigned char *isfree = calloc((size_t)s->n_lessons + 1, 1);
	for (int l = 0; l < s->n_lessons; l++)
		isfree[l] = s->lessons[l].pinned < 0;
	for (int k = 2; k <= 6; k += 4) {
		sch_mip_spec spec = {.free = isfree, .max_moves = k};
		sch_mip *m = NULL;
		assert_int_equal(sch_mip_build(&m, sol, &spec), 0);
		sch_mip_params par = {.time_limit = 1.0, .use_start = 1};
		sch_mip_result res;
		assert_int_equal(sch_mip_solve(m, sol, NULL, &par, &res), 0);
		const sch_change *ch;
		int n = sch_mip_changes(m, sol, &ch);
		assert_true(n <= k);
		sch_cost delta;
		assert_int_equal(sch_solution_apply(sol, ch, n, &delta), 0);
		assert_true(delta <= 0);
		sch_mip_free(m);
	}
	free(isfree);
	sch_solution_free(sol);
	sch_school_free(s);
}

/* The same with a constraints section: FET-like (pupils' gaps allowed, hard and soft
 * rules) and every type the model takes, soft. */
static void test_mip_lns__sub_mip_constraints_section(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 2; seed++) {
		sch_school *s = mip_constraint_school(seed + 70, seed == 1 ? 2 : 1, seed != 1);
		check_school(s, seed, 12, 0);
		sch_school_free(s);
	}
}

/* Hybrid end to end on generated schools: verified, never worse than its greedy start
 * or than its local search phase (the best is kept), with a bound below the cost. */
static void test_mip_lns__hybrid_verified(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 2; seed++) {
		gen_params gp = {.classes = 10 + 5 * (int)seed, .shifts = (int)seed + 1, .seed = seed + 50, .divisions = 1,
				 .doubles = 1, .rooms = 1, .unavailable = 1};
		sch_school *s = gen_school(&gp);
		sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
		o.method = SCH_METHOD_HYBRID;
		o.time_limit = 4;
		o.seed = seed;
		sch_timetable *tt = NULL;
		sch_solve_result *res = NULL;
		sch_report *rep = NULL;
		assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
		assert_int_equal(sch_verify(&rep, tt, NULL), 0);
		assert_int_equal(sch_report_hard(rep), 0);
		assert_int_equal(sch_report_cost(rep), sch_solve_result_cost(res));
		assert_true(sch_solve_result_cost(res) <= sch_solve_result_initial_cost(res));
		int64_t bound = sch_solve_result_bound(res);
		assert_true(bound <= sch_report_soft(rep));
		print_message("hybrid %d classes: soft %lld (greedy %lld), bound %lld\n", gp.classes,
			      (long long)sch_report_soft(rep), (long long)SCH_COST_SOFT(sch_solve_result_initial_cost(res)),
			      (long long)bound);
		sch_report_free(rep);
		sch_solve_result_free(res);
		sch_timetable_free(tt);
		sch_school_free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mip_lns__sub_mip_objective_moves_with_cost),
		cmocka_unit_test(test_mip_lns__local_branching),
		cmocka_unit_test(test_mip_lns__sub_mip_constraints_section),
		cmocka_unit_test(test_mip_lns__hybrid_verified),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
