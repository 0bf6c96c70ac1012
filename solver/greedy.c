/* Greedy construction (fewest clean slots left first, class-days built as prefixes) and tabu repair of hard violations. */
#include <stdlib.h>
#include <string.h>

#include "moves.h"
#include "partial.h"

typedef struct {
	sch_solution *sol;
	const sch_school *s;
	sch_solver_ctx *ctx;
	sch_moves mv;
	int L, S, P, D;
	int *first;       /* A: first period of the atom's shift */
	int *tabu;        /* L*S: iteration until which (lesson, slot) is tabu */
	int *viol;        /* L */
	sch_change *chain; /* a Kempe chain of the repair (up to 2L changes) */
	int64_t stall, repair_it; /* for the log: longest run without a better hard cost, iterations */
	/* construction, most constrained first by what is left */
	int nw;           /* words of a subject set */
	uint64_t *subj;   /* A*D*nw: subjects an atom has on a day (subject_once_a_day) */
	uint16_t *cnt;    /* L*D: clean start slots of an unplaced lesson on a day */
	int *tot;         /* L: their sum */
	int *rank;        /* L: place in the static order (ties) */
	int *seen, stamp; /* L */
	int *kind_off, *kind_idx; /* lessons needing each room kind */
	int *kind_max;    /* K: the most rooms one of them needs */
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
	return hi - lo + 1 - sch__pop32(m & range);
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
		if (g->s->rules.pupil_gaps != SCH_PUPIL_GAPS_ALLOWED &&
		    idle_of(g, m | bits, g->first[a]) > idle_of(g, m, g->first[a]))
			return 0;
	}
	if (ls->rooms_needed > 0 && ls->room_kind >= 0)
		for (int k = 0; k < ls->length; k++)
			if (sch_solution_kind_count(g->sol, ls->room_kind, slot + k) + ls->rooms_needed >
			    s->rooms_of_kind[ls->room_kind])
				return 0;
	/* the constraints section: no hard limit of its teachers, pupils or set of lessons broken more */
	if (s->n_constraints > 0 && sch_solution_con_rise(g->sol, l, slot) > 0)
		return 0;
	return 1;
}

/* Could lesson l start at slot breaking no hard rule (as far as the masks tell)? */
static int clean(const greedy *g, int l, int slot)
{
	const sch_school *s = g->s;
	const sch_lesson_def *ls = &s->lessons[l];
	if (!sch_slotset_has(&ls->legal, slot) || !frontier_ok(g, l, slot))
		return 0;
	int d = slot / g->P;
	uint32_t bits = sch__cover_bits(slot % g->P, ls->length, g->P);
	for (int i = 0; i < ls->n_atoms; i++) {
		int a = ls->atoms[i];
		const sch_class_def *cl = &s->classes[s->atom_class[a]];
		if (g->subj && (g->subj[((size_t)a * g->D + d) * g->nw + ls->subject / 64] >> (ls->subject % 64)) & 1u)
			return 0;
		if (cl->max_per_day > 0 && sch__pop32(sch_solution_atom_day(g->sol, a, d) | bits) > cl->max_per_day)
			return 0;
	}
	for (int i = 0; i < ls->n_teachers; i++) {
		const sch_teacher_def *te = &s->teachers[ls->teachers[i]];
		if (te->max_per_day > 0 &&
		    sch__pop32(sch_solution_teacher_day(g->sol, ls->teachers[i], d) | bits) > te->max_per_day)
			return 0;
	}
	return 1;
}

/* Recounts the clean start slots of unplaced lesson l on day d. */
static void recount(greedy *g, int l, int d)
{
	int n = 0;
	for (int p = 0; p < g->P; p++)
		n += clean(g, l, d * g->P + p);
	g->tot[l] += n - g->cnt[(size_t)l * g->D + d];
	g->cnt[(size_t)l * g->D + d] = (uint16_t)n;
}

/* After lesson l went to day d: the subjects of its atoms, and the counts of the
 * unplaced lessons that share a teacher, pupils or a room kind with it. */
static void placed_update(greedy *g, int l, int d)
{
	const sch_school *s = g->s;
	const sch_lesson_def *ls = &s->lessons[l];
	if (g->subj)
		for (int i = 0; i < ls->n_atoms; i++)
			g->subj[((size_t)ls->atoms[i] * g->D + d) * g->nw + ls->subject / 64] |= (uint64_t)1 << (ls->subject % 64);
	if (++g->stamp == 0) {
		memset(g->seen, 0, sizeof(int) * (size_t)g->L);
		g->stamp = 1;
	}
	/* the lessons of its room kind only when the kind may now be short for one of them */
	int kind_full = 0;
	if (ls->rooms_needed > 0 && ls->room_kind >= 0) {
		int st = sch_solution_start(g->sol, l), k = ls->room_kind;
		for (int q = 0; q < ls->length && st % g->P + q < g->P; q++)
			kind_full |= sch_solution_kind_count(g->sol, k, st + q) + g->kind_max[k] > s->rooms_of_kind[k];
	}
	for (int pass = 0; pass < 3; pass++) {
		const int *keys = pass == 0 ? ls->teachers : pass == 1 ? ls->atoms : &ls->room_kind;
		int nk = pass == 0 ? ls->n_teachers : pass == 1 ? ls->n_atoms : kind_full;
		for (int i = 0; i < nk; i++) {
			const int *off = pass == 0 ? s->by_teacher.off : pass == 1 ? s->by_atom.off : g->kind_off;
			const int *idx = pass == 0 ? s->by_teacher.idx : pass == 1 ? s->by_atom.idx : g->kind_idx;
			for (int j = off[keys[i]]; j < off[keys[i] + 1]; j++) {
				int k = idx[j];
				if (g->seen[k] == g->stamp || sch_solution_start(g->sol, k) >= 0)
					continue;
				g->seen[k] = g->stamp;
				recount(g, k, d);
			}
		}
	}
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
	 * iterations; an infeasible one goes on in solver/partial.c. The plateaus of
	 * the constraints section's counting rules (a late start is one, however
	 * late) are left soon to the hard phase's annealing (solver/local.c), which
	 * crosses them faster (FET files, medians to the first timetable: romania
	 * 0.11 -> 0.04 s, brazil 0.16 -> 0.10 s; docs/solver.md) */
	int64_t listed_at = 0, it = 0, last_better = 0;
	int64_t patience = s->n_constraints > 0 ? 300 : 1000 + 2 * (int64_t)g->L;
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
		if (ls->pinned >= 0 && sch_solution_start(sol, l) != ls->pinned) {
			sch_solution_move(sol, l, ls->pinned);
			continue;
		}
		if (ls->pinned >= 0) { /* at its slot: a lesson beside it has to move */
			if ((l = sch_moves_neighbour(&g->mv, l, g->ctx)) < 0)
				continue;
			ls = &s->lessons[l];
		}
		int old = sch_solution_start(sol, l);
		sch_cost cur = sch_solution_cost(sol), best = INT64_MAX;
		int best_kind = 0, best_arg = -1, ties = 0;
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
		/* The constraints section's day rules (late starts, gaps, lessons a day) often need
		 * lessons of several classes to trade periods at once: Kempe chains from l's
		 * periods to a few random legal starts, when no plain move or swap gains. */
		int n_chain = 0;
		if (s->n_constraints > 0 && old >= 0 && ls->pinned < 0 && best >= 0) {
			int n_legal = sch_slotset_count(&ls->legal);
			for (int tries = 0; tries < 16 && n_legal > 0; tries++) {
				int k = (int)sch_solver_ctx_below(g->ctx, (uint32_t)n_legal), b = -1;
				for (int slot = 0; slot < g->S && b < 0; slot++)
					if (sch_slotset_has(&ls->legal, slot) && k-- == 0)
						b = slot;
				int n = b >= 0 && b != old ? sch_moves_kempe(&g->mv, sol, l, old, b, 24) : 0;
				int ok = n > 0;
				for (int i = 0; i < n && ok; i++)
					ok = sch_slotset_has(&s->lessons[g->mv.buf[i].lesson].legal, g->mv.buf[i].slot);
				if (!ok)
					continue;
				sch_cost d = sch_solution_delta(sol, g->mv.buf, n);
				if (d < best) {
					best = d;
					best_kind = 3;
					memcpy(g->chain, g->mv.buf, sizeof(sch_change) * (size_t)n);
					n_chain = n;
				}
			}
		}
		if (best_kind == 0)
			continue;
		int tenure = 7 + (int)sch_solver_ctx_below(g->ctx, 10);
		if (old >= 0)
			g->tabu[(size_t)l * g->S + old] = (int)(it + tenure);
		if (best_kind == 1) {
			sch_solution_move(sol, l, best_arg);
		} else if (best_kind == 3) {
			sch_solution_apply(sol, g->chain, n_chain, NULL);
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

/* Free the construction's data. */
static void construct_free(greedy *g)
{
	free(g->subj);
	free(g->cnt);
	free(g->tot);
	free(g->rank);
	free(g->seen);
	free(g->kind_off);
	free(g->kind_idx);
	free(g->kind_max);
	g->kind_max = NULL;
	g->subj = NULL;
	g->cnt = NULL;
	g->tot = g->rank = g->seen = g->kind_off = g->kind_idx = NULL;
}

/*
 * Places the unplaced lessons, each time the one with the fewest clean start
 * slots left (ties: the static order), at its best slot. Only the counts of the
 * lessons that share a teacher, pupils or a room kind with the one placed
 * change, and only on its day.
 */
static int construct(greedy *g, const int *order, int n)
{
	const sch_school *s = g->s;
	int rc = 0, K = s->n_room_kinds, *rem = NULL, *fill = NULL, n_rem = 0;
	g->nw = (s->n_subjects + 63) / 64;
	if (s->rules.subject_once_a_day)
		g->subj = calloc((size_t)s->n_atoms * g->D * g->nw + 1, sizeof(uint64_t));
	g->cnt = calloc((size_t)g->L * g->D + 1, sizeof(uint16_t));
	g->tot = calloc((size_t)g->L + 1, sizeof(int));
	g->rank = malloc(sizeof(int) * (size_t)(g->L + 1));
	g->seen = calloc((size_t)g->L + 1, sizeof(int));
	g->kind_off = calloc((size_t)K + 2, sizeof(int));
	g->kind_idx = malloc(sizeof(int) * (size_t)(g->L + 1));
	g->kind_max = calloc((size_t)K + 1, sizeof(int));
	rem = malloc(sizeof(int) * (size_t)(g->L + 1));
	fill = calloc((size_t)K + 1, sizeof(int));
	if ((s->rules.subject_once_a_day && !g->subj) || !g->cnt || !g->tot || !g->rank || !g->seen || !g->kind_off ||
	    !g->kind_idx || !g->kind_max || !rem || !fill) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	for (int l = 0; l < g->L; l++)
		if (s->lessons[l].rooms_needed > 0 && s->lessons[l].room_kind >= 0)
			g->kind_off[s->lessons[l].room_kind + 1]++;
	for (int k = 0; k < K; k++)
		g->kind_off[k + 1] += g->kind_off[k];
	for (int l = 0; l < g->L; l++)
		if (s->lessons[l].rooms_needed > 0 && s->lessons[l].room_kind >= 0) {
			int k = s->lessons[l].room_kind;
			g->kind_idx[g->kind_off[k] + fill[k]++] = l;
			if (s->lessons[l].rooms_needed > g->kind_max[k])
				g->kind_max[k] = s->lessons[l].rooms_needed;
		}
	for (int i = 0; i < n; i++)
		g->rank[order[i]] = i;
	/* what is placed already (pinned, a warm start) */
	for (int l = 0; l < g->L; l++) {
		int st = sch_solution_start(g->sol, l);
		if (st >= 0 && g->subj)
			for (int i = 0; i < s->lessons[l].n_atoms; i++)
				g->subj[((size_t)s->lessons[l].atoms[i] * g->D + st / g->P) * g->nw + s->lessons[l].subject / 64] |=
					(uint64_t)1 << (s->lessons[l].subject % 64);
	}
	for (int i = 0; i < n; i++) {
		int l = order[i];
		if (sch_solution_start(g->sol, l) >= 0)
			continue;
		rem[n_rem++] = l;
		for (int d = 0; d < g->D; d++)
			recount(g, l, d);
	}
	for (int step = 0; n_rem > 0; step++) {
		int bi = 0;
		for (int i = 1; i < n_rem; i++) {
			int a = rem[i], b = rem[bi];
			if (g->tot[a] < g->tot[b] || (g->tot[a] == g->tot[b] && g->rank[a] < g->rank[b]))
				bi = i;
		}
		int l = rem[bi];
		rem[bi] = rem[--n_rem];
		place_best(g, l);
		int st = sch_solution_start(g->sol, l);
		if (st >= 0)
			placed_update(g, l, st / g->P);
		if ((step & 63) == 0 && sch_solver_ctx_should_stop(g->ctx, g->sol)) {
			rc = sch_solver_ctx_stop_reason(g->ctx);
			goto done;
		}
	}
done:
	free(rem);
	free(fill);
	construct_free(g);
	return rc;
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
	g.chain = malloc(sizeof(sch_change) * (size_t)(2 * g.L + 2));
	order = malloc(sizeof(int) * (size_t)(g.L + 1));
	if (!g.first || !g.tabu || !g.viol || !g.chain || !order) {
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
	if ((rc = construct(&g, order, n)) != 0)
		goto done;
	sch__ctx_log_hard(ctx, sol, "construction");
	sch_solver_ctx_set_phase(ctx, "repair");
	/* with a time limit, repair has at most 40% of it: what is left over then
	 * belongs to an infeasible school, whose search (solver/partial.c) needs time too */
	rc = repair(&g, (int64_t)200 * g.L + 20000, opts->time_limit > 0 ? opts->time_limit * 0.4 : 0);
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "repair: %lld iterations, longest stall %lld", (long long)g.repair_it,
			   (long long)g.stall);
	sch__ctx_log_hard(ctx, sol, "repair");
done:
	sch_moves_free(&g.mv);
	free(g.first);
	free(g.tabu);
	free(g.viol);
	free(g.chain);
	free(order);
	return rc;
}

static const sch_solver greedy_solver = {SCH_SOLVER_VERSION, "greedy", greedy_run};

const sch_solver *sch_solver_greedy(void)
{
	return &greedy_solver;
}
