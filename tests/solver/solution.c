/* The solution state: incremental cost = recomputation = the verifier, after thousands of random changes. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

#include "gen.h"
#include "schedule/sys/model.h"
#include "schedule/sys/solution.h"

static unsigned rnd(unsigned *st)
{
	*st = *st * 1664525u + 1013904223u;
	return *st >> 8;
}

/* Every term of the incremental state against a recomputation and against sch_verify. */
static void check_terms(sch_solution *sol, const sch_timetable *ref)
{
	const sch_school *s = sch_solution_school(sol);
	int64_t terms[SCH_T_COUNT];
	assert_int_equal(sch_solution_recompute(sol, terms), 0);
	for (int t = 0; t < SCH_T_COUNT; t++) {
		if (terms[t] != sch_solution_term_amount(sol, t))
			fprintf(stderr, "term %s: incremental %lld, recomputed %lld\n", sch_term_name(t),
				(long long)sch_solution_term_amount(sol, t), (long long)terms[t]);
		assert_int_equal(terms[t], sch_solution_term_amount(sol, t));
	}
	/* the one lesson of a teacher or an atom at a slot */
	int S = s->n_days * s->n_periods, P = s->n_periods;
	for (int pass = 0; pass < 2; pass++) {
		const sch_index *ix = pass == 0 ? &s->by_teacher : &s->by_atom;
		int keys = pass == 0 ? s->n_teachers : s->n_atoms;
		for (int key = 0; key < keys; key++)
			for (int slot = 0; slot < S; slot++) {
				int n = 0, who = -1;
				for (int i = ix->off[key]; i < ix->off[key + 1]; i++) {
					int l = ix->idx[i], st = sch_solution_start(sol, l);
					if (st >= 0 && st / P == slot / P && st % P <= slot % P &&
					    slot % P < st % P + s->lessons[l].length) {
						n++;
						who = l;
					}
				}
				int got = pass == 0 ? sch_solution_teacher_lesson(sol, key, slot) : sch_solution_atom_lesson(sol, key, slot);
				assert_int_equal(got, n == 1 ? who : -1);
			}
	}
	sch_timetable *tt = NULL;
	sch_report *rep = NULL;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	assert_int_equal(sch_solution_to_timetable(sol, tt), 0);
	assert_int_equal(sch_verify(&rep, tt, ref), 0);
	/* every term, room_missing too: the solution counts the parts the room
	 * assignment leaves out (sys/solution.h), also for double lessons */
	for (int t = 0; t < SCH_T_COUNT; t++) {
		if (sch_report_term_amount(rep, t) != sch_solution_term_amount(sol, t))
			fprintf(stderr, "term %s: incremental %lld, verifier %lld\n", sch_term_name(t),
				(long long)sch_solution_term_amount(sol, t), (long long)sch_report_term_amount(rep, t));
		assert_int_equal(sch_report_term_amount(rep, t), sch_solution_term_amount(sol, t));
	}
	assert_int_equal(sch_report_cost(rep), sch_solution_cost(sol));
	sch_report_free(rep);
	sch_timetable_free(tt);
}

/* A random slot: mostly legal ones (as a solver picks), some anywhere. */
static int random_slot(const sch_school *s, int l, unsigned *st)
{
	int S = s->n_days * s->n_periods;
	if (rnd(st) % 8 == 0)
		return (int)(rnd(st) % (unsigned)S);
	int n = sch_slotset_count(&s->lessons[l].legal);
	if (n == 0)
		return (int)(rnd(st) % (unsigned)S);
	int k = (int)(rnd(st) % (unsigned)n);
	for (int slot = 0; slot < S; slot++)
		if (sch_slotset_has(&s->lessons[l].legal, slot) && k-- == 0)
			return slot;
	return 0;
}

static void random_walk(const sch_school *s, const sch_timetable *ref, int steps, unsigned seed)
{
	sch_solution *sol = NULL;
	unsigned st = seed;
	assert_int_equal(sch_solution_new(&sol, s, ref), 0);
	check_terms(sol, ref);
	int L = s->n_lessons;
	for (int l = 0; l < L; l++)
		assert_int_equal(sch_solution_place(sol, l, random_slot(s, l, &st)), 0);
	check_terms(sol, ref);
	for (int i = 1; i <= steps; i++) {
		int a = (int)(rnd(&st) % (unsigned)L), b = (int)(rnd(&st) % (unsigned)L);
		unsigned kind = rnd(&st) % 10;
		sch_cost before = sch_solution_cost(sol), delta;
		if (kind < 5) {
			int slot = rnd(&st) % 20 == 0 ? -1 : random_slot(s, a, &st);
			delta = sch_solution_delta_move(sol, a, slot);
			assert_int_equal(sch_solution_cost(sol), before);
			assert_int_equal(sch_solution_move(sol, a, slot), 0);
		} else if (kind < 8 && a != b) {
			delta = sch_solution_delta_swap(sol, a, b);
			assert_int_equal(sch_solution_cost(sol), before);
			assert_int_equal(sch_solution_swap(sol, a, b), 0);
		} else {
			/* a compound change, then taken back by revert */
			sch_change ch[3] = {{a, random_slot(s, a, &st)}, {b, -1}, {(a + 1) % L, random_slot(s, (a + 1) % L, &st)}};
			int n = (a == b || (a + 1) % L == b) ? 1 : 3;
			delta = sch_solution_delta(sol, ch, n);
			sch_cost d2 = 0;
			assert_int_equal(sch_solution_apply(sol, ch, n, &d2), 0);
			assert_int_equal(d2, delta);
			assert_int_equal(sch_solution_cost(sol), before + delta);
			sch_solution_revert(sol);
			delta = 0;
		}
		assert_int_equal(sch_solution_cost(sol), before + delta);
		if (i % 300 == 0)
			check_terms(sol, ref);
	}
	check_terms(sol, ref);
	if (getenv("SCH_TEST_VERBOSE"))
		fprintf(stderr, "constraint %lld, constraint_soft %lld (cost %lld), pupil_gap %lld\n",
			(long long)sch_solution_term_amount(sol, SCH_T_CONSTRAINT),
			(long long)sch_solution_term_amount(sol, SCH_T_CONSTRAINT_SOFT),
			(long long)sch_solution_term_cost(sol, SCH_T_CONSTRAINT_SOFT),
			(long long)sch_solution_term_amount(sol, SCH_T_PUPIL_GAP));
	sch_solution_free(sol);
}

static sch_school *gen(int classes, int shifts, unsigned seed)
{
	gen_params gp = {classes, shifts, seed, 1, 1, 1, 1, 0};
	sch_school *s = gen_school(&gp);
	assert_non_null(s);
	return s;
}

static void test_solver_solution__random_moves_small(void **state)
{
	(void)state;
	sch_school *s = gen(11, 1, 1);
	random_walk(s, NULL, 3000, 11);
	sch_school_free(s);
}

static void test_solver_solution__random_moves_two_shifts(void **state)
{
	(void)state;
	sch_school *s = gen(24, 2, 2);
	random_walk(s, NULL, 3000, 12);
	sch_school_free(s);
}

/* Labor as double and single lessons in one or two workshops: parts short of a
 * room count as the room assignment leaves them out, not per period. */
static void test_solver_solution__random_moves_room_doubles(void **state)
{
	(void)state;
	for (int w = 1; w <= 2; w++) {
		gen_params gp = {22, 2, 20 + (unsigned)w, 1, 1, 1, 1, w};
		sch_school *s = gen_school(&gp);
		assert_non_null(s);
		int doubles = 0;
		for (int l = 0; l < s->n_lessons; l++)
			doubles += s->lessons[l].rooms_needed > 0 && s->lessons[l].length > 1;
		assert_true(doubles > 0);
		random_walk(s, NULL, 3000, 30 + (unsigned)w);
		sch_school_free(s);
	}
}

static void test_solver_solution__random_moves_late_start(void **state)
{
	(void)state;
	sch_school *s = gen(14, 3, 3);
	s->rules.late_start = true;
	s->rules.subject_once_a_day = false;
	random_walk(s, NULL, 2000, 13);
	sch_school_free(s);
}

static void test_solver_solution__random_moves_with_reference(void **state)
{
	(void)state;
	sch_school *s = gen(11, 2, 4);
	sch_timetable *ref = NULL;
	unsigned st = 5;
	assert_int_equal(sch_timetable_new(&ref, s), 0);
	for (int l = 0; l < s->n_lessons; l += 2) {
		int slot = random_slot(s, l, &st);
		assert_int_equal(sch_timetable_set(ref, l, slot / s->n_periods, slot % s->n_periods), 0);
	}
	random_walk(s, ref, 2000, 14);
	sch_timetable_free(ref);
	sch_school_free(s);
}

static void test_solver_solution__random_moves_examples(void **state)
{
	(void)state;
	const char *files[] = {"examples/small.yaml", "examples/school-kg.yaml"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		sch_school *s = NULL;
		if (sch_school_load_yaml(&s, files[i], NULL) != 0) {
			fprintf(stderr, "skipping %s: %s\n", files[i],
				sch_error_last() ? sch_error_last()->message : "?");
			continue;
		}
		random_walk(s, NULL, 2000, 15 + (unsigned)i);
		sch_school_free(s);
	}
}

/* The constraints section: every type, hard and soft, on teachers, classes and groups. */
static void test_solver_solution__random_moves_constraints(void **state)
{
	(void)state;
	for (int k = 0; k < 3; k++) {
		gen_params gp = {k == 2 ? 11 : 22, k == 1 ? 2 : 1, 40 + (unsigned)k, 1, 1, 1, 1, k};
		sch_school *s = gen_school_constraints(&gp, 1);
		assert_non_null(s);
		assert_true(s->n_constraints > 20);
		if (k == 1)
			s->rules.pupil_gaps = SCH_PUPIL_GAPS_ALLOWED;
		if (k == 2)
			s->rules.late_start = true;
		random_walk(s, NULL, 3000, 50 + (unsigned)k);
		sch_school_free(s);
	}
	gen_params gp = {14, 1, 7, 1, 1, 1, 1, 0};
	sch_school *s = gen_school_constraints(&gp, 2);
	assert_non_null(s);
	random_walk(s, NULL, 2000, 60);
	sch_school_free(s);
}

static void test_solver_solution__mark_undo(void **state)
{
	(void)state;
	sch_school *s = gen(11, 1, 6);
	sch_solution *sol = NULL;
	unsigned st = 7;
	int L = s->n_lessons;
	int *saved = malloc(sizeof(int) * (size_t)L), *now = malloc(sizeof(int) * (size_t)L);
	assert_int_equal(sch_solution_new(&sol, s, NULL), 0);
	for (int l = 0; l < L; l += 3)
		assert_int_equal(sch_solution_place(sol, l, random_slot(s, l, &st)), 0);
	sch_cost c0 = sch_solution_cost(sol);
	sch_solution_get_starts(sol, saved);
	size_t m0 = sch_solution_mark(sol);
	for (int i = 0; i < 500; i++)
		assert_int_equal(sch_solution_move(sol, (int)(rnd(&st) % (unsigned)L), random_slot(s, 0, &st) % 7), 0);
	size_t m1 = sch_solution_mark(sol);
	sch_cost c1 = sch_solution_cost(sol);
	for (int i = 0; i < 300; i++) {
		int a = (int)(rnd(&st) % (unsigned)L), b = (int)(rnd(&st) % (unsigned)L);
		if (a != b)
			assert_int_equal(sch_solution_swap(sol, a, b), 0);
	}
	sch_solution_undo(sol, m1);
	assert_int_equal(sch_solution_cost(sol), c1);
	sch_solution_undo(sol, m0);
	assert_int_equal(sch_solution_cost(sol), c0);
	sch_solution_get_starts(sol, now);
	assert_memory_equal(saved, now, sizeof(int) * (size_t)L);
	check_terms(sol, NULL);
	/* bad arguments change nothing */
	assert_int_equal(sch_solution_move(sol, L, 0), SCH_EINVALID);
	assert_int_equal(sch_solution_move(sol, 0, 10000), SCH_EINVALID);
	assert_int_equal(sch_solution_cost(sol), c0);
	free(saved);
	free(now);
	sch_solution_free(sol);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solver_solution__random_moves_small),
		cmocka_unit_test(test_solver_solution__random_moves_two_shifts),
		cmocka_unit_test(test_solver_solution__random_moves_room_doubles),
		cmocka_unit_test(test_solver_solution__random_moves_late_start),
		cmocka_unit_test(test_solver_solution__random_moves_constraints),
		cmocka_unit_test(test_solver_solution__random_moves_with_reference),
		cmocka_unit_test(test_solver_solution__random_moves_examples),
		cmocka_unit_test(test_solver_solution__mark_undo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
