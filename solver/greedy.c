/* Greedy construction (most constrained first, class-days built as prefixes) and tabu repair of hard violations. */
#include <stdlib.h>
#include <string.h>

#include "moves.h"

typedef struct {
	sch_solution *sol;
	const sch_school *s;
	sch_solver_ctx *ctx;
	sch_moves mv;
	int L, S, P, D;
	int *first;       /* A: first period of the atom's shift */
	int *tabu;        /* L*S: iteration until which (lesson, slot) is tabu */
	int *viol;        /* L */
	int64_t stall, repair_it;
} greedy;

/* Idle periods of an atom-day mask under the no-gap rule. */
static int idle_of(const greedy *g, uint32_t m, int first)
{
	if (!m)
		return 0;
	int hi = 31 - __builtin_clz(m);
	int lo = g->s->rules.late_start ? __builtin_ctz(m) : first;
	if (hi < lo)
		return 0;
	uint32_t range = (uint32_t)(((uint64_t)1 << (hi + 1)) - ((uint64_t)1 << lo));
	return hi - lo + 1 - __builtin_popcount(m & range);
}

/* Can lesson l start at slot without a clash and without a new pupil gap? A cheap test on the masks. */
static int frontier_ok(const greedy *g, int l, int slot)
{
	const sch_school *s = g->s;
	const sch_lesson_def *ls = &s->lessons[l];
	int d = slot / g->P, p = slot % g->P;
	if (p + ls->length > g->P)
		return 0;
	uint32_t bits = sch__cover_bits(p, ls->length, g->P);
	for (int i = 0; i < ls->n_teachers; i++)
		if (sch_solution_teacher_day(g->sol, ls->teachers[i], d) & bits)
			return 0;
	for (int i = 0; i < ls->n_atoms; i++) {
		int a = ls->atoms[i];
		uint32_t m = sch_solution_atom_day(g->sol, a, d);
		if (m & bits)
			return 0;
		if (idle_of(g, m | bits, g->first[a]) > idle_of(g, m, g->first[a]))
			return 0;
	}
	if (ls->rooms_needed > 0 && ls->room_kind >= 0)
		for (int k = 0; k < ls->length; k++)
			if (sch_solution_kind_count(g->sol, ls->room_kind, slot + k) + ls->rooms_needed >
			    s->rooms_of_kind[ls->room_kind])
				return 0;
	return 1;
}

/* Places lesson l at its best slot: a clash- and gap-free one if there is any, else the least bad. */
static void place_best(greedy *g, int l)
{
	const sch_lesson_def *ls = &g->s->lessons[l];
	sch_cost best = INT64_MAX;
	int best_slot = -1, ties = 0;
	for (int pass = 0; pass < 2 && best_slot < 0; pass++) {
		for (int slot = 0; slot < g->S; slot++) {
			if (!sch_slotset_has(&ls->legal, slot))
				continue;
			if (pass == 0 && !frontier_ok(g, l, slot))
				continue;
			sch_cost d = sch_solution_delta_move(g->sol, l, slot);
			if (pass == 0 && sch_cost_delta_hard(d) > -1)
				continue; /* a day limit or the subject twice: try the rest first */
			if (d < best) {
				best = d;
				best_slot = slot;
				ties = 1;
			} else if (d == best && sch_solver_ctx_below(g->ctx, (uint32_t)++ties) == 0) {
				best_slot = slot;
			}
		}
	}
	if (best_slot < 0) { /* no legal slot at all: the least bad slot of the week */
		for (int slot = 0; slot < g->S; slot++) {
			sch_cost d = sch_solution_delta_move(g->sol, l, slot);
			if (d < best) {
				best = d;
				best_slot = slot;
			}
		}
	}
	if (best_slot >= 0)
		sch_solution_move(g->sol, l, best_slot);
}

/* How hard a lesson is to place: lower goes first. */
static double lesson_rank(const greedy *g, int l, const int *tload, const int *tfree)
{
	const sch_lesson_def *ls = &g->s->lessons[l];
	double legal = sch_slotset_count(&ls->legal);
	double pressure = 0;
	for (int i = 0; i < ls->n_teachers; i++) {
		int t = ls->teachers[i];
		double pr = tfree[t] > 0 ? (double)tload[t] / tfree[t] : 2.0;
		if (pr > pressure)
			pressure = pr;
	}
	return legal * (1.6 - (pressure > 1.5 ? 1.5 : pressure)) - 8.0 * (ls->length - 1) - 4.0 * (ls->n_parts - 1);
}

typedef struct {
	double key;
	int lesson;
} ranked;

static int cmp_rank(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->lesson > y->lesson) - (x->lesson < y->lesson);
}

/* The placement order; pinned lessons are placed before it. */
static int build_order(greedy *g, int *order)
{
	const sch_school *s = g->s;
	int *tload = calloc((size_t)s->n_teachers + 1, sizeof(int));
	int *tfree = calloc((size_t)s->n_teachers + 1, sizeof(int));
	ranked *key = malloc(sizeof(ranked) * (size_t)(g->L + 1));
	if (!tload || !tfree || !key) {
		free(tload);
		free(tfree);
		free(key);
		return sch_error_set(SCH_ENOMEM, "out of memory");
	}
	for (int l = 0; l < g->L; l++)
		for (int i = 0; i < s->lessons[l].n_teachers; i++)
			tload[s->lessons[l].teachers[i]] += s->lessons[l].length;
	for (int t = 0; t < s->n_teachers; t++) {
		/* slots of the teacher's shifts and week where it is available */
		sch_slotset any = {{0, 0}};
		for (int i = s->by_teacher.off[t]; i < s->by_teacher.off[t + 1]; i++) {
			const sch_lesson_def *ls = &s->lessons[s->by_teacher.idx[i]];
			any.w[0] |= ls->legal.w[0];
			any.w[1] |= ls->legal.w[1];
		}
		tfree[t] = sch_slotset_count(&any);
	}
	int n = g->L;
	for (int l = 0; l < n; l++)
		key[l] = (ranked){lesson_rank(g, l, tload, tfree), l};
	qsort(key, (size_t)n, sizeof *key, cmp_rank);
	for (int l = 0; l < n; l++)
		order[l] = key[l].lesson;
	free(tload);
	free(tfree);
	free(key);
	return n;
}

/*
 * Tabu repair: while hard violations remain, take a lesson in violation and
 * make the best non-tabu move among moving it to a legal slot and swapping it
 * with a lesson of its class; (lesson, slot) pairs left are tabu for a while.
 */
static int repair(greedy *g, int64_t max_iter, double until)
{
	sch_solution *sol = g->sol;
	const sch_school *s = g->s;
	int nv = 0;
	/* a feasible school's repair rarely stalls for more than a few hundred
	 * iterations; an infeasible one goes on in solver/partial.c */
	int64_t listed_at = 0, it = 0, last_better = 0, patience = 1000 + 2 * (int64_t)g->L;
	sch_cost best_cost = sch_solution_cost(sol);
	sch_solver_ctx_offer(g->ctx, sol);
	while (sch_solution_hard(sol) > 0 && it < max_iter && it - last_better < patience) {
		if (sch_solver_ctx_should_stop(g->ctx, sol))
			return sch_solver_ctx_stop_reason(g->ctx);
		if (until > 0 && (it & 63) == 0 && sch_solver_ctx_elapsed(g->ctx) >= until)
			break;
		it++;
		/* the list of lessons in violation is refreshed when it runs dry or grows stale */
		int l = -1;
		while (l < 0) {
			if (nv == 0 || it - listed_at > 64) {
				nv = sch_moves_violations(&g->mv, sol, g->viol);
				listed_at = it;
				if (nv == 0)
					break;
			}
			int i = (int)sch_solver_ctx_below(g->ctx, (uint32_t)nv);
			if (sch_moves_violating(&g->mv, sol, g->viol[i]))
				l = g->viol[i];
			else
				g->viol[i] = g->viol[--nv];
		}
		if (l < 0)
			break; /* only terms no single lesson is blamed for: leave them to the local search */
		const sch_lesson_def *ls = &s->lessons[l];
		int old = sch_solution_start(sol, l);
		sch_cost cur = sch_solution_cost(sol), best = INT64_MAX;
		int best_kind = 0, best_arg = -1, ties = 0;
		if (ls->pinned >= 0 && old != ls->pinned) {
			sch_solution_move(sol, l, ls->pinned);
			continue;
		}
		for (int slot = 0; slot < g->S && ls->pinned < 0; slot++) {
			if (slot == old || !sch_slotset_has(&ls->legal, slot))
				continue;
			sch_cost d = sch_solution_delta_move(sol, l, slot);
			int tabu = g->tabu[(size_t)l * g->S + slot] > it && cur + d >= best_cost;
			if (tabu)
				continue;
			if (d < best || (d == best && sch_solver_ctx_below(g->ctx, (uint32_t)++ties) == 0)) {
				if (d < best)
					ties = 1;
				best = d;
				best_kind = 1;
				best_arg = slot;
			}
		}
		int c = g->mv.lclass[l];
		for (int i = c >= 0 ? s->by_class.off[c] : 0; c >= 0 && i < s->by_class.off[c + 1]; i++) {
			int k = s->by_class.idx[i], sk = sch_solution_start(sol, k);
			if (k == l || sk == old || s->lessons[k].pinned >= 0 || ls->pinned >= 0)
				continue;
			if (sk >= 0 && !sch_slotset_has(&ls->legal, sk))
				continue;
			if (old >= 0 && !sch_slotset_has(&s->lessons[k].legal, old))
				continue;
			sch_cost d = sch_solution_delta_swap(sol, l, k);
			int tabu = sk >= 0 && g->tabu[(size_t)l * g->S + sk] > it && cur + d >= best_cost;
			if (tabu)
				continue;
			if (d < best || (d == best && sch_solver_ctx_below(g->ctx, (uint32_t)++ties) == 0)) {
				if (d < best)
					ties = 1;
				best = d;
				best_kind = 2;
				best_arg = k;
			}
		}
		if (best_kind == 0)
			continue;
		int tenure = 7 + (int)sch_solver_ctx_below(g->ctx, 10);
		if (old >= 0)
			g->tabu[(size_t)l * g->S + old] = (int)(it + tenure);
		if (best_kind == 1) {
			sch_solution_move(sol, l, best_arg);
		} else {
			int k = best_arg, sk = sch_solution_start(sol, k);
			if (sk >= 0)
				g->tabu[(size_t)k * g->S + sk] = (int)(it + tenure);
			sch_solution_swap(sol, l, k);
		}
		if (sch_solution_cost(sol) < best_cost) {
			if (SCH_COST_HARD(sch_solution_cost(sol)) < SCH_COST_HARD(best_cost)) {
				if (it - last_better > g->stall)
					g->stall = it - last_better;
				last_better = it;
			}
			best_cost = sch_solution_cost(sol);
			sch_solver_ctx_offer(g->ctx, sol);
		}
	}
	g->repair_it = it;
	return 0;
}

static int greedy_run(sch_solution *sol, const sch_solve_options *opts, sch_solver_ctx *ctx)
{
	greedy g = {0};
	int rc = 0, *order = NULL;
	g.sol = sol;
	g.s = sch_solution_school(sol);
	g.ctx = ctx;
	g.L = g.s->n_lessons;
	g.P = g.s->n_periods;
	g.D = g.s->n_days;
	g.S = g.D * g.P;
	if ((rc = sch_moves_init(&g.mv, g.s)) != 0)
		return rc;
	g.first = malloc(sizeof(int) * (size_t)(g.s->n_atoms + 1));
	g.tabu = calloc((size_t)g.L * g.S + 1, sizeof(int));
	g.viol = malloc(sizeof(int) * (size_t)(g.L + 1));
	order = malloc(sizeof(int) * (size_t)(g.L + 1));
	if (!g.first || !g.tabu || !g.viol || !order) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	for (int a = 0; a < g.s->n_atoms; a++) {
		const sch_class_def *cl = &g.s->classes[g.s->atom_class[a]];
		g.first[a] = cl->shift >= 0 && cl->shift < g.s->n_shifts ? g.s->shifts[cl->shift].first : 0;
	}
	sch_solver_ctx_set_phase(ctx, "greedy");
	/* pinned lessons first, at their slots */
	for (int l = 0; l < g.L; l++)
		if (g.s->lessons[l].pinned >= 0 && sch_solution_start(sol, l) != g.s->lessons[l].pinned)
			sch_solution_move(sol, l, g.s->lessons[l].pinned);
	int n = build_order(&g, order);
	if (n < 0) {
		rc = n;
		goto done;
	}
	for (int i = 0; i < n; i++) {
		int l = order[i];
		if (sch_solution_start(sol, l) >= 0)
			continue;
		place_best(&g, l);
		if ((i & 63) == 0 && sch_solver_ctx_should_stop(ctx, sol)) {
			rc = sch_solver_ctx_stop_reason(ctx);
			goto done;
		}
	}
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "greedy: %lld hard, %lld soft after construction (%.3f s)",
			   (long long)sch_solution_hard(sol), (long long)sch_solution_soft(sol), sch_solver_ctx_elapsed(ctx));
	sch_solver_ctx_set_phase(ctx, "repair");
	/* with a time limit, repair has at most 40% of it: what is left over then
	 * belongs to an infeasible school, whose search (solver/partial.c) needs time too */
	rc = repair(&g, (int64_t)200 * g.L + 20000, opts->time_limit > 0 ? opts->time_limit * 0.4 : 0);
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "repair: %lld hard, %lld soft (%.3f s, %lld iterations, longest stall %lld)",
			   (long long)sch_solution_hard(sol), (long long)sch_solution_soft(sol), sch_solver_ctx_elapsed(ctx),
			   (long long)g.repair_it, (long long)g.stall);
done:
	sch_moves_free(&g.mv);
	free(g.first);
	free(g.tabu);
	free(g.viol);
	free(order);
	return rc;
}

static const sch_solver greedy_solver = {SCH_SOLVER_VERSION, "greedy", greedy_run};

const sch_solver *sch_solver_greedy(void)
{
	return &greedy_solver;
}
