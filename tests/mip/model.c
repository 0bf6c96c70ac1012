/* The integer program's objective equals the verifier's soft cost on feasible timetables, term by term of the rules. */
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

/* Every weight random in 0..5 (0 switches a term off). */
static void random_weights(sch_school *s, unsigned seed)
{
	unsigned st = seed * 7919u + 1;
	int *w[] = {&s->weights.teacher_gap, &s->weights.teacher_days, &s->weights.methodical_day,
		    &s->weights.spread, &s->weights.difficulty, &s->weights.hard_periods,
		    &s->weights.class_balance, &s->weights.period_pref, &s->weights.moved};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		*w[i] = (int)(rnd(&st) % 6);
}

/* A feasible timetable: greedy (high soft cost, every term present) or a short local search. */
static sch_timetable *feasible_timetable(const sch_school *s, int method, uint64_t seed, uint64_t iterations)
{
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	sch_timetable *tt = NULL;
	o.method = method;
	o.seed = seed;
	o.iterations = iterations;
	o.time_limit = 20;
	int rc = sch_solve(&tt, NULL, s, &o);
	if (rc != 0) {
		sch_timetable_free(tt);
		return NULL;
	}
	return tt;
}

/*
 * Identical lessons of a line (same length, not pinned) are one thing to the model:
 * it counts `moved` for the labelling that keeps most of them at their reference
 * slots, as a solver reports its timetable. Relabels tt so.
 */
static void canonical(const sch_school *s, sch_timetable *tt, const sch_timetable *ref)
{
	int P = s->n_periods;
	for (int i = 0; i < s->n_lines; i++) {
		const sch_line_def *ln = &s->lines[i];
		int slot[64], n = 0, les[64], used[64] = {0}, done[64] = {0};
		for (int len = 1; len <= SCH_MAX_PERIODS; len++) {
			n = 0;
			for (int l = ln->first_lesson; l < ln->first_lesson + ln->n_lessons && n < 64; l++) {
				int d, p;
				if (s->lessons[l].length != len || s->lessons[l].pinned >= 0)
					continue;
				sch_timetable_get(tt, l, &d, &p);
				les[n] = l;
				slot[n] = d >= 0 ? d * P + p : -1;
				used[n] = done[n] = 0;
				n++;
			}
			int give[64];
			for (int k = 0; k < n; k++) {
				int d, p, r;
				sch_timetable_get(ref, les[k], &d, &p);
				r = d >= 0 ? d * P + p : -2;
				give[k] = -1;
				for (int j = 0; j < n; j++)
					if (!used[j] && slot[j] == r) {
						used[j] = 1;
						give[k] = j;
						break;
					}
			}
			for (int k = 0; k < n; k++)
				for (int j = 0; j < n && give[k] < 0; j++)
					if (!used[j]) {
						used[j] = 1;
						give[k] = j;
					}
			for (int k = 0; k < n; k++) {
				int sl = slot[give[k]];
				sch_timetable_set(tt, les[k], sl >= 0 ? sl / P : -1, sl >= 0 ? sl % P : 0);
			}
		}
	}
	sch_timetable_assign_rooms(tt);
}

/*
 * The whole model's objective at tt (its variables fixed there) against the
 * verifier's soft cost, with `ref` as the reference timetable (moved). Returns how
 * many timetables were compared (0 or 1).
 */
static int check_timetable(const sch_school *s, const sch_timetable *tt_in, const sch_timetable *ref,
			   const char *what)
{
	sch_report *rep = NULL;
	sch_solution *sol = NULL;
	sch_mip *m = NULL;
	sch_timetable *tt = NULL;
	double obj = -1;
	assert_int_equal(sch_timetable_copy(&tt, tt_in), 0);
	if (ref)
		canonical(s, tt, ref);
	assert_int_equal(sch_verify(&rep, tt, ref), 0);
	if (sch_report_hard(rep) != 0) {
		sch_report_free(rep);
		sch_timetable_free(tt);
		return 0;
	}
	assert_int_equal(sch_solution_new(&sol, s, ref), 0);
	assert_int_equal(sch_solution_from_timetable(sol, tt), 0);
	assert_int_equal(sch_mip_build(&m, sol, NULL), 0);
	int rc = sch_mip_evaluate(m, sol, &obj);
	if (rc || (int64_t)(obj + 0.5) != sch_report_soft(rep)) {
		print_message("%s: model %.3f (rc %d), verifier soft %lld\n", what, obj, rc,
			      (long long)sch_report_soft(rep));
		for (int t = SCH_T_FIRST_SOFT; t < SCH_T_COUNT; t++)
			if (sch_report_term_cost(rep, t))
				print_message("  %s %lld\n", sch_term_name(t), (long long)sch_report_term_cost(rep, t));
	}
	assert_int_equal(rc, 0);
	assert_true(obj > sch_report_soft(rep) - 1e-6 && obj < sch_report_soft(rep) + 1e-6);
	sch_mip_free(m);
	sch_solution_free(sol);
	sch_report_free(rep);
	sch_timetable_free(tt);
	return 1;
}

/* Timetables of several seeds and both methods, under random weights, each also against
 * another one as the reference; returns how many were compared. */
static int check_school(sch_school *s, const char *name, unsigned seed)
{
	int n = 0;
	char what[128];
	for (int k = 0; k < 4; k++) {
		random_weights(s, seed + (unsigned)k);
		sch_timetable *a = feasible_timetable(s, k % 2 ? SCH_METHOD_LOCAL : SCH_METHOD_GREEDY, seed + k, 300 * (k + 1));
		sch_timetable *b = feasible_timetable(s, SCH_METHOD_GREEDY, seed + k + 100, 0);
		if (a) {
			snprintf(what, sizeof what, "%s seed %u/%d", name, seed, k);
			n += check_timetable(s, a, NULL, what);
			if (b) {
				snprintf(what, sizeof what, "%s seed %u/%d with a reference", name, seed, k);
				n += check_timetable(s, a, b, what);
			}
		}
		sch_timetable_free(a);
		sch_timetable_free(b);
	}
	return n;
}

static void test_mip_model__objective_is_verifier_soft_cost(void **state)
{
	(void)state;
	int n = 0;
	for (unsigned seed = 1; seed <= 3; seed++) {
		gen_params gp = {.classes = 4 + (int)seed, .shifts = (int)seed, .seed = seed, .divisions = 1, .doubles = 1,
				 .rooms = 1, .unavailable = 1};
		sch_school *s = gen_school(&gp);
		assert_non_null(s);
		n += check_school(s, "generated", seed);
		sch_school_free(s);
	}
	sch_school *s = NULL;
	assert_int_equal(sch_school_load_yaml(&s, "examples/small.yaml", NULL), 0);
	n += check_school(s, "small.yaml", 11);
	sch_school_free(s);
	print_message("%d timetables compared\n", n);
	assert_true(n >= 12);
}

static void test_mip_model__rules_variants(void **state)
{
	(void)state;
	int n = 0;
	for (int v = 0; v < 4; v++) {
		sch_school *s = tiny_school_build();
		if (v == 1)
			s->rules.late_start = true;
		if (v == 2)
			s->rules.subject_once_a_day = false;
		if (v == 3) {
			s->rules.late_start = true;
			s->rules.subject_once_a_day = false;
		}
		ts_finalize(s);
		n += check_school(s, v == 1 ? "tiny late_start" : v == 2 ? "tiny subject twice" : v ? "tiny both" : "tiny", 20 + v);
		sch_school_free(s);
	}
	for (unsigned seed = 1; seed <= 2; seed++) {
		gen_params gp = {.classes = 6, .shifts = 2, .seed = seed + 40, .divisions = 1, .doubles = 1, .rooms = 1,
				 .unavailable = 1};
		sch_school *s = gen_school(&gp);
		s->rules.late_start = seed == 1;
		s->rules.subject_once_a_day = seed == 2;
		n += check_school(s, "generated variant", seed + 40);
		sch_school_free(s);
	}
	assert_true(n >= 8);
}

/*
 * Shifts whose bells overlap (a mixed shift) with a teacher in both, joint classes,
 * a group-only line (the class's atoms then differ: class_balance by the union of its
 * groups), a double lesson, a pinned lesson, a room kind and an unavailable bell.
 */
static sch_school *mixed_school(void)
{
	sch_school *s = ts_new(5, 8);
	int sh1 = ts_shift(s, "1", 0, 4), sh2 = ts_shift(s, "2", 3, 7);
	int math = ts_subject(s, "math", 10), rus = ts_subject(s, "russian", 8), eng = ts_subject(s, "english", 7);
	int pe = ts_subject(s, "pe", 3), art = ts_subject(s, "art", 2);
	ts_subject_room(s, pe, "gym");
	s->subjects[art].avoid_periods = 1u;
	s->subjects[math].prefer_periods = 0xeu;
	int a = ts_teacher(s, "a", "A"), b = ts_teacher(s, "b", "B"), c = ts_teacher(s, "c", "C"), d = ts_teacher(s, "d", "D");
	s->teachers[a].max_days = 3;
	s->teachers[b].methodical_day = 2;
	s->teachers[c].avoid_periods = 1u << 4;
	ts_unavailable(s, d, 4, -1);
	ts_room(s, "gym", "gym", 60);
	int c5 = ts_class(s, "5А", 5, sh1, 25), c6 = ts_class(s, "6Б", 6, sh1, 25), c7 = ts_class(s, "7В", 7, sh2, 25);
	ts_division(s, c5, "foreign", "en1", "en2", NULL);
	ts_line(s, c5, math, a, 4);
	ts_line(s, c6, math, a, 3);
	ts_line(s, c7, math, a, 4); /* a teaches in both shifts, whose bells overlap */
	ts_line(s, c5, rus, b, 3);
	ts_line(s, c7, rus, b, 3);
	ts_line_group(s, c5, "en1", eng, c, 2);
	ts_line(s, c6, eng, c, 2);
	int joint[2] = {c5, c6};
	ts_line_joint(s, joint, 2, pe, d, 2);
	int lab = ts_line(s, c7, art, d, 3);
	ts_line_block(s, lab, 2);
	int pin = ts_line(s, c6, art, b, 1);
	ts_line_pin(s, pin, 0, 2);
	ts_line(s, c7, pe, d, 1);
	ts_finalize(s);
	return s;
}

static void test_mip_model__mixed_shifts_joint_groups(void **state)
{
	(void)state;
	int n = 0;
	for (unsigned seed = 1; seed <= 3; seed++) {
		sch_school *s = mixed_school();
		s->rules.late_start = seed == 3;
		n += check_school(s, "mixed", 60 + seed);
		sch_school_free(s);
	}
	assert_true(n >= 6);
}

/* Placements that break a hard rule are rejected by the whole model (1); the others are
 * priced as the verifier does (0). */
static int judge_placements(const sch_school *s, const sch_timetable *tt)
{
	sch_report *rep = NULL;
	sch_solution *sol = NULL;
	sch_mip *m = NULL;
	double obj = -1;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	assert_int_equal(sch_solution_new(&sol, s, NULL), 0);
	assert_int_equal(sch_solution_from_timetable(sol, tt), 0);
	assert_int_equal(sch_mip_build(&m, sol, NULL), 0);
	int rc = sch_mip_evaluate(m, sol, &obj), broken = sch_report_hard(rep) > 0;
	if (broken) {
		assert_int_equal(rc, SCH_EINFEASIBLE);
	} else {
		assert_int_equal(rc, 0);
		assert_true(obj > sch_report_soft(rep) - 1e-6 && obj < sch_report_soft(rep) + 1e-6);
	}
	sch_mip_free(m);
	sch_solution_free(sol);
	sch_report_free(rep);
	return broken;
}

/* Every constraint type the model takes, hard and soft, and pupils' gaps allowed: at every
 * timetable without hard violations the objective is the verifier's soft cost, and the
 * rows of the hard ones let every such timetable through. */
static void test_mip_model__constraints_section(void **state)
{
	(void)state;
	int n = 0, mixed = 0;
	char name[64];
	for (unsigned seed = 1; seed <= 3; seed++)
		for (int v = 0; v < 3; v++) {
			sch_school *s = mip_constraint_school(seed + 10 * (unsigned)v, v == 0 ? 1 : 2, v < 2);
			snprintf(name, sizeof name, "constraints mode %d%s", v == 0 ? 1 : 2, v < 2 ? " soft" : "");
			int k = check_school(s, name, seed + 10 * (unsigned)v);
			n += k;
			if (v == 2)
				mixed += k;
			sch_school_free(s);
		}
	print_message("%d timetables compared (%d with hard constraints)\n", n, mixed);
	assert_true(n >= 24);
	assert_true(mixed >= 1);
}

/* Feasible timetables of a FET-like school (hard and soft rules of the constraints section,
 * pupils' gaps allowed) with one lesson moved at random: whatever the move breaks (a clash
 * or any hard rule of the section) the model rejects; what stays feasible it prices as the
 * verifier does. */
static void test_mip_model__constraints_reject_broken(void **state)
{
	(void)state;
	int rejected = 0, priced = 0;
	unsigned st = 12345;
	for (unsigned seed = 1; seed <= 3; seed++) {
		sch_school *s = mip_constraint_school(seed + 30, 2, 0);
		sch_timetable *tt = feasible_timetable(s, SCH_METHOD_GREEDY, seed, 0);
		sch_report *rep = NULL;
		if (!tt || (sch_verify(&rep, tt, NULL), sch_report_hard(rep) != 0)) {
			sch_report_free(rep);
			sch_timetable_free(tt);
			sch_school_free(s);
			continue;
		}
		sch_report_free(rep);
		for (int k = 0; k < 40; k++) {
			sch_timetable *t2 = NULL;
			assert_int_equal(sch_timetable_copy(&t2, tt), 0);
			int l = (int)(rnd(&st) % (unsigned)s->n_lessons);
			if (s->lessons[l].pinned < 0)
				sch_timetable_set(t2, l, (int)(rnd(&st) % (unsigned)s->n_days),
						  (int)(rnd(&st) % (unsigned)s->n_periods));
			if (judge_placements(s, t2))
				rejected++;
			else
				priced++;
			sch_timetable_free(t2);
		}
		sch_timetable_free(tt);
		sch_school_free(s);
	}
	print_message("%d moved timetables rejected, %d priced\n", rejected, priced);
	assert_true(rejected >= 20);
	assert_true(priced >= 1); /* a random move seldom keeps a tight school feasible */
}

/* Random placements (clashes and gaps allowed) are not timetables of the model: the
 * evaluation says so instead of giving a number. */
static void test_mip_model__infeasible_placements_rejected(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	int rejected = 0;
	for (unsigned seed = 1; seed <= 10; seed++) {
		sch_timetable *tt = ts_random_timetable(s, seed);
		rejected += judge_placements(s, tt);
		sch_timetable_free(tt);
	}
	assert_true(rejected > 0);
	sch_school_free(s);
}

/*
 * The quick bound (no GLPK) is a bound: never above the soft cost of a feasible
 * timetable, whatever the weights, on the exact and the relaxed model, and never above
 * the LP relaxation's optimum (it bounds the same LP from below). On small.yaml, with
 * its own weights, it is a useful one: above 0 (the optimum there is 22).
 */
static void test_mip_model__quick_bound(void **state)
{
	(void)state;
	int n = 0;
	for (unsigned seed = 1; seed <= 4; seed++) {
		sch_school *s = NULL;
		if (seed < 4) {
			gen_params gp = {.classes = 4 + (int)seed, .shifts = (int)seed, .seed = seed, .divisions = 1,
					 .doubles = 1, .rooms = 1, .unavailable = 1};
			s = gen_school(&gp);
			random_weights(s, seed);
		} else {
			assert_int_equal(sch_school_load_yaml(&s, "examples/small.yaml", NULL), 0);
		}
		assert_non_null(s);
		sch_timetable *tt = feasible_timetable(s, SCH_METHOD_LOCAL, seed, 2000);
		if (!tt) {
			sch_school_free(s);
			continue;
		}
		sch_solution *sol = NULL;
		assert_int_equal(sch_solution_new(&sol, s, NULL), 0);
		assert_int_equal(sch_solution_from_timetable(sol, tt), 0);
		double soft = (double)sch_solution_soft(sol);
		for (int relax = 0; relax <= 1; relax++) {
			sch_mip *m = NULL;
			sch_mip_spec spec = {.relax = relax};
			assert_int_equal(sch_mip_build(&m, sol, &spec), 0);
			double qb = sch_mip_quick_bound(m, 3, 5, soft);
			sch_mip_params par = {.time_limit = 30, .lp_only = 1};
			sch_mip_result res;
			assert_int_equal(sch_mip_solve(m, sol, NULL, &par, &res), 0);
			print_message("seed %u relax %d: soft %.0f, quick bound %.2f, LP %.2f\n", seed, relax, soft, qb,
				      res.bound);
			assert_true(qb <= soft + 1e-6);
			if (res.bound > -0.5)
				assert_true(qb <= res.bound + 1e-6 * (1 + res.bound));
			if (seed == 4 && relax)
				assert_true(qb > 0);
			sch_mip_free(m);
			n++;
		}
		sch_solution_free(sol);
		sch_timetable_free(tt);
		sch_school_free(s);
	}
	assert_true(n >= 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mip_model__objective_is_verifier_soft_cost),
		cmocka_unit_test(test_mip_model__rules_variants),
		cmocka_unit_test(test_mip_model__mixed_shifts_joint_groups),
		cmocka_unit_test(test_mip_model__constraints_section),
		cmocka_unit_test(test_mip_model__constraints_reject_broken),
		cmocka_unit_test(test_mip_model__infeasible_placements_rejected),
		cmocka_unit_test(test_mip_model__quick_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
