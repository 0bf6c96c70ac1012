/* The SAT search over the hard rules (solver/sat.c): its timetables pass the verifier, its proofs agree with the heuristics. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	int state = sch__sat_finish(job, 1, sol, NULL, NULL, NULL);
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

/* What the heuristics (greedy: construction, repair, the hard phase and the SAT search
 * beside it) return on the school in `seconds`. */
static int heuristics(const sch_school *s, uint64_t seed, double seconds, sch_solve_result **res)
{
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.method = SCH_METHOD_GREEDY;
	o.time_limit = seconds;
	o.seed = seed;
	sch_timetable *tt = NULL;
	int rc = sch_solve(&tt, res, s, &o);
	sch_timetable_free(tt);
	return rc;
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
		sch_solve_result *res = NULL;
		int rc = heuristics(s, 0, 10, &res);
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

/* ---- planted rules: every type, hard and as tight as one known timetable allows ---- */

typedef struct {
	int days, gaps_week, gaps_day, most, fewest, longest, late;
} person_week;

/* What one busy mask per day gives for the per-person types (docs/rules.md). */
static person_week week_of(const uint32_t *m, int D, int first)
{
	person_week w = {0, 0, 0, 0, 99, 0, 0};
	for (int d = 0; d < D; d++) {
		if (!m[d])
			continue;
		int lo = __builtin_ctz(m[d]), hi = 31 - __builtin_clz(m[d]), n = __builtin_popcount(m[d]);
		int gaps = hi - lo + 1 - n, run = 0;
		for (int p = lo; p <= hi; p++) {
			run = (m[d] >> p) & 1 ? run + 1 : 0;
			w.longest = run > w.longest ? run : w.longest;
		}
		w.days++;
		w.gaps_week += gaps;
		w.gaps_day = gaps > w.gaps_day ? gaps : w.gaps_day;
		w.most = n > w.most ? n : w.most;
		w.fewest = n < w.fewest ? n : w.fewest;
		w.late += lo > first;
	}
	return w;
}

/* Merges an atom's week into its class's: the limits must hold for every atom. */
static void week_merge(person_week *c, const person_week *a)
{
	c->days = a->days > c->days ? a->days : c->days;
	c->gaps_week = a->gaps_week > c->gaps_week ? a->gaps_week : c->gaps_week;
	c->gaps_day = a->gaps_day > c->gaps_day ? a->gaps_day : c->gaps_day;
	c->most = a->most > c->most ? a->most : c->most;
	c->fewest = a->fewest < c->fewest ? a->fewest : c->fewest;
	c->longest = a->longest > c->longest ? a->longest : c->longest;
	c->late = a->late > c->late ? a->late : c->late;
}

/* The per-person types on one teacher (t >= 0) or class, limits from its week. */
static void plant_person(sch_school *s, int t, int cls, const person_week *w, int min_days)
{
	int types[] = {SCH_CON_MAX_GAPS_DAY, SCH_CON_MAX_GAPS_WEEK, SCH_CON_MAX_PER_DAY, SCH_CON_MIN_PER_DAY,
		       SCH_CON_MAX_DAYS, SCH_CON_MIN_DAYS, SCH_CON_MAX_CONTINUOUS, SCH_CON_LATE_STARTS};
	int values[] = {w->gaps_day, w->gaps_week, w->most, w->fewest, w->days, min_days, w->longest, w->late};
	for (int i = 0; i < 8; i++) {
		if (t < 0 && types[i] == SCH_CON_MIN_DAYS)
			continue; /* a class's atoms may work fewer days than the class */
		sch_constraint *c = gen_con(s, types[i], SCH_WEIGHT_HARD, values[i]);
		if (types[i] == SCH_CON_MIN_PER_DAY)
			c->flags = SCH_CON_EMPTY_DAYS_OK;
		if (types[i] == SCH_CON_MAX_GAPS_WEEK && (t + cls) % 2)
			c->flags = SCH_CON_SKIP_UNAVAILABLE;
		if (t >= 0)
			gen_con_teachers(s, c, t, 1);
		else
			gen_con_classes(s, c, cls, 1, -1);
	}
}

/*
 * A school with every constraint type planted on a timetable the heuristics found for it,
 * each hard and at the tightest limit that timetable meets (or the slots it keeps free).
 * So a timetable exists, and one that the encoding refuses shows a rule stated too
 * strictly; one the verifier faults, a rule stated too loosely.
 */
static sch_school *planted_school(const gen_params *gp)
{
	sch_school *a = gen_school(gp);
	assert_non_null(a);
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.method = SCH_METHOD_GREEDY;
	o.time_limit = 10;
	o.seed = gp->seed;
	sch_timetable *tt = NULL;
	assert_int_equal(sch_solve(&tt, NULL, a, &o), 0);
	int D = a->n_days, P = a->n_periods, L = a->n_lessons;
	uint32_t *tm = calloc((size_t)a->n_teachers * D, sizeof *tm), *am = calloc((size_t)a->n_atoms * D, sizeof *am);
	int *start = malloc(sizeof(int) * (size_t)L);
	for (int l = 0; l < L; l++) {
		int d, p;
		assert_int_equal(sch_timetable_get(tt, l, &d, &p), 0);
		start[l] = d * P + p;
		uint32_t bits = ((1u << a->lessons[l].length) - 1) << p;
		for (int i = 0; i < a->lessons[l].n_teachers; i++)
			tm[a->lessons[l].teachers[i] * D + d] |= bits;
		for (int i = 0; i < a->lessons[l].n_atoms; i++)
			am[a->lessons[l].atoms[i] * D + d] |= bits;
	}
	sch_school *s = gen_school_build(gp); /* the same school, numbered the same */
	assert_non_null(s);
	s->constraints = sch_school_alloc(s, sizeof(sch_constraint) * (size_t)(9 * (s->n_teachers + s->n_classes) + 3 * s->n_lines + 8));
	s->n_constraints = 0;
	for (int t = 0; t < a->n_teachers; t++) {
		person_week w = week_of(tm + t * D, D, 0);
		plant_person(s, t, 0, &w, w.days);
		sch_constraint *u = gen_con(s, SCH_CON_UNAVAILABLE, SCH_WEIGHT_HARD, 0); /* its free periods of one day */
		for (int p = 0; p < P; p++)
			if (!((tm[t * D + t % D] >> p) & 1))
				sch_slotset_add(&u->slots, (t % D) * P + p);
		gen_con_teachers(s, u, t, 1);
	}
	for (int c = 0; c < a->n_classes; c++) {
		const sch_class_def *cl = &a->classes[c];
		int first = a->shifts[cl->shift].first;
		person_week w = week_of(am + cl->atom_first * D, D, first);
		for (int k = 1; k < cl->n_atoms; k++) {
			person_week x = week_of(am + (cl->atom_first + k) * D, D, first);
			week_merge(&w, &x);
		}
		plant_person(s, -1, c, &w, 0);
	}
	for (int i = 0; i < a->n_lines; i++) { /* every third line: its days apart, a day's share, its starts */
		const sch_line_def *ln = &a->lines[i];
		if (ln->n_lessons < 2 || i % 3)
			continue;
		int apart = D, per_day[SCH_MAX_DAYS] = {0}, most = 0;
		sch_constraint *st = gen_con(s, SCH_CON_ALLOWED_STARTS, SCH_WEIGHT_HARD, 0);
		for (int k = 0; k < ln->n_lessons; k++) {
			int sk = start[ln->first_lesson + k];
			sch_slotset_add(&st->slots, sk);
			most = ++per_day[sk / P] > most ? per_day[sk / P] : most;
			for (int j = k + 1; j < ln->n_lessons; j++) {
				int dd = abs(sk / P - start[ln->first_lesson + j] / P);
				apart = dd < apart ? dd : apart;
			}
		}
		gen_con_lines(s, st, &i, 1);
		gen_con_lines(s, gen_con(s, SCH_CON_SPREAD, SCH_WEIGHT_HARD, most), &i, 1);
		sch_constraint *md = gen_con(s, SCH_CON_MIN_DAYS_BETWEEN, SCH_WEIGHT_HARD, apart);
		md->flags = apart == 0 ? SCH_CON_SAME_DAY_ADJACENT : 0;
		gen_con_lines(s, md, &i, 1);
	}
	assert_int_equal(sch_school_finalize(s, NULL), 0);
	/* the timetable meets every planted rule: the verifier says so on the new school */
	sch_timetable *check = NULL;
	sch_report *rep = NULL;
	assert_int_equal(sch_timetable_new(&check, s), 0);
	for (int l = 0; l < L; l++)
		assert_int_equal(sch_timetable_set(check, l, start[l] / P, start[l] % P), 0);
	assert_int_equal(sch_timetable_assign_rooms(check), 0);
	assert_int_equal(sch_verify(&rep, check, NULL), 0);
	if (sch_report_hard(rep))
		ts_print_report(rep);
	assert_int_equal(sch_report_hard(rep), 0);
	sch_report_free(rep);
	sch_timetable_free(check);
	sch_timetable_free(tt);
	free(tm);
	free(am);
	free(start);
	sch_school_free(a);
	return s;
}

static void test_solver_sat__planted_every_type(void **state)
{
	(void)state;
	gen_params params[] = {{8, 1, 11, 1, 1, 1, 1, 0}, {12, 2, 12, 1, 1, 1, 1, 0}};
	for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
		sch_school *s = planted_school(&params[i]);
		int64_t hard;
		assert_int_equal(sat_alone(s, 1 + i, &hard), SCH_SAT_FOUND);
		assert_int_equal(hard, 0);
		sch_school_free(s);
	}
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
	for (unsigned seed = 1; seed <= 4; seed++) {
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
			sch_solve_result *res = NULL;
			int rc = heuristics(s, seed, 3, &res);
			assert_false(sch_solve_result_feasible(res));
			/* its SAT search has half of the 3 s: the proof, where it ends in time, says so */
			assert_true(rc == (sch_solve_result_proved_infeasible(res) ? SCH_EINFEASIBLE : rc));
			assert_true(rc == SCH_EINFEASIBLE || rc == SCH_ETIMEOUT);
			none++;
			sch_solve_result_free(res);
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
	sch_solve_result *res = NULL;
	assert_int_equal(heuristics(s, 0, 5, &res), SCH_EINFEASIBLE);
	assert_true(sch_solve_result_proved_infeasible(res));
	/* the proof needs that rule alone (the school's own rules and the others are met) */
	assert_int_equal(sch_solve_result_conflict_count(res), 1);
	char want[64];
	snprintf(want, sizeof want, "constraint %d (min_days_between", s->n_constraints);
	assert_non_null(strstr(sch_solve_result_conflict(res, 0), want));
	assert_null(sch_solve_result_conflict(res, 1));
	sch_solve_result_free(res);
	/* without a time limit, after the hard phase and to a conflict count: the same */
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	sch_timetable *tt = NULL;
	o.method = SCH_METHOD_GREEDY;
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
	assert_int_equal(sch__sat_finish(job, 1, NULL, NULL, NULL, NULL), SCH_SAT_UNKNOWN);
	job = sch__sat_start(s, NULL, 0, 0, 1); /* stopped by the caller */
	assert_non_null(job);
	int st = sch__sat_finish(job, 0, NULL, NULL, NULL, NULL);
	assert_true(st == SCH_SAT_UNKNOWN || st == SCH_SAT_FOUND);
	sch_school_free(s);
}

/* What the encoding cannot state is refused: a fixed room, a lesson needing two rooms of a
 * kind (split english in the gym); a solve goes on without the SAT search. */
static void test_solver_sat__rooms_refused(void **state)
{
	(void)state;
	sch_school *s = tiny_school_build();
	ts_line_room(s, TS_L_5A_MATH, 0);
	ts_finalize(s);
	assert_int_equal(sch__sat_supported(s), SCH_ENOTSUP);
	assert_null(sch__sat_start(s, NULL, 1, 0, 1));
	sch_school_free(s);
	s = tiny_school_build();
	ts_subject_room(s, TS_ENGLISH, "gym");
	ts_finalize(s);
	assert_int_equal(s->lessons[TS_5A_ENGLISH1].rooms_needed, 2);
	assert_int_equal(sch__sat_supported(s), SCH_ENOTSUP);
	assert_null(sch__sat_start(s, NULL, 1, 0, 1));
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solver_sat__fet_like_found),
		cmocka_unit_test(test_solver_sat__school_rules_found),
		cmocka_unit_test(test_solver_sat__planted_every_type),
		cmocka_unit_test(test_solver_sat__every_type_agrees),
		cmocka_unit_test(test_solver_sat__proved_infeasible),
		cmocka_unit_test(test_solver_sat__cancel),
		cmocka_unit_test(test_solver_sat__rooms_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
