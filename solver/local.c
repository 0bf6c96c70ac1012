/* Local search on the soft cost keeping hard feasibility: Kempe chains, class swaps, class-day shifts and moves under simulated annealing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coop.h"
#include "moves.h"
#include "partial.h"

typedef struct {
	sch_solution *sol;
	const sch_school *s;
	sch_solver_ctx *ctx;
	sch_moves mv;
	int L, S, P;
	int *movable; /* lessons that are not pinned */
	int n_movable;
	int *seeds;   /* L: the lessons of a teacher's day (evacuate) */
	int evacuate; /* the school caps teachers' days a week: day evacuations are tried */
} local;

static int legal(const sch_school *s, int l, int slot)
{
	return slot < 0 || sch_slotset_has(&s->lessons[l].legal, slot);
}

/* Does every change of the first n in ls->mv.buf go to a legal start? */
static int buf_legal(const local *ls, int n)
{
	for (int i = 0; i < n; i++)
		if (!legal(ls->s, ls->mv.buf[i].lesson, ls->mv.buf[i].slot))
			return 0;
	return 1;
}

/* A random slot of a lesson's legal ones, -1 when it has none. */
static int random_legal(local *ls, int l)
{
	const sch_slotset *set = &ls->s->lessons[l].legal;
	int c0 = sch__pop64(set->w[0]), n = c0 + sch__pop64(set->w[1]);
	if (n == 0)
		return -1;
	int k = (int)sch_solver_ctx_below(ls->ctx, (uint32_t)n);
	for (int w = 0; w < 2; w++) {
		int c = w == 0 ? c0 : n - c0;
		if (k >= c) {
			k -= c;
			continue;
		}
		uint64_t bits = set->w[w];
		while (k-- > 0)
			bits &= bits - 1;
		return w * 64 + __builtin_ctzll(bits);
	}
	return -1;
}

/*
 * Proposes a change into ls->mv.buf; returns its size, 0 when none. Out of 20:
 * 3 swaps with a lesson of the same shape in the class, 13 Kempe chains, 3
 * class-day shifts, 1 plain move. (At equal iterations on the bench schools
 * more Kempe chains did best; plain moves are almost never accepted, as they
 * nearly always leave a gap or a clash.)
 */
enum { MIX_SWAP = 3, MIX_KEMPE = 16, MIX_SHIFT = 19, MIX_ALL = 20 };

static int propose_kind(local *ls, int l, uint32_t kind);

static int propose(local *ls, int l)
{
	return propose_kind(ls, l, sch_solver_ctx_below(ls->ctx, MIX_ALL));
}

static int propose_kind(local *ls, int l, uint32_t kind)
{
	sch_solution *sol = ls->sol;
	const sch_school *s = ls->s;
	int st = sch_solution_start(sol, l);
	if (st < 0) {
		ls->mv.buf[0] = (sch_change){l, random_legal(ls, l)};
		return ls->mv.buf[0].slot >= 0;
	}
	if (kind >= MIX_KEMPE && kind < MIX_SHIFT && ls->mv.whole[l]) {
		/* within its class's week, without gaps: to another place of its day or another day */
		int c = ls->mv.lclass[l], P = ls->P;
		const sch_class_def *cl = &s->classes[c];
		int first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
		int d = st / P, len = s->lessons[l].length;
		if (sch_solver_ctx_below(ls->ctx, 2) == 0 && cl->week_days > 1) {
			int d2 = (int)sch_solver_ctx_below(ls->ctx, (uint32_t)cl->week_days - 1);
			d = d2 >= d ? d2 + 1 : d2;
		}
		uint32_t busy = 0;
		for (int a = cl->atom_first; a < cl->atom_first + cl->n_atoms; a++)
			busy |= sch_solution_atom_day(sol, a, d);
		int end = busy ? 32 - __builtin_clz(busy) : first; /* one past the last busy period */
		if (d == st / P)
			end -= len;
		if (end < first)
			return 0;
		int q = first + (int)sch_solver_ctx_below(ls->ctx, (uint32_t)(end - first + 1));
		int n = sch_moves_shift(&ls->mv, sol, l, d * P + q);
		if (n <= 0)
			return 0;
		if (!buf_legal(ls, n))
			return 0;
		return n;
	}
	if (kind < MIX_SWAP) { /* swap with a lesson of the same shape in the class */
		int c = ls->mv.lclass[l];
		if (c < 0)
			return 0;
		int off = s->by_class.off[c], n = s->by_class.off[c + 1] - off;
		for (int tries = 0; tries < 4; tries++) {
			int k = s->by_class.idx[off + (int)sch_solver_ctx_below(ls->ctx, (uint32_t)n)];
			int sk = sch_solution_start(sol, k);
			if (k == l || ls->mv.shape[k] != ls->mv.shape[l] || s->lessons[k].pinned >= 0 || sk < 0 || sk == st)
				continue;
			if (!legal(s, l, sk) || !legal(s, k, st))
				continue;
			ls->mv.buf[0] = (sch_change){l, sk};
			ls->mv.buf[1] = (sch_change){k, st};
			return 2;
		}
		return 0;
	}
	if (kind < MIX_KEMPE) { /* Kempe chain between the lesson's periods and others of its day or week */
		int b = random_legal(ls, l);
		if (b < 0 || b == st)
			return 0;
		int n = sch_moves_kempe(&ls->mv, sol, l, st, b, 24);
		if (n <= 0)
			return 0;
		if (!buf_legal(ls, n))
			return 0;
		return n;
	}
	int slot = random_legal(ls, l);
	if (slot < 0 || slot == st)
		return 0;
	ls->mv.buf[0] = (sch_change){l, slot};
	return 1;
}

static int local_run(sch_solution *sol, const sch_solve_options *opts, sch_solver_ctx *ctx)
{
	local ls = {0};
	int rc = 0;
	(void)opts;
	ls.sol = sol;
	ls.s = sch_solution_school(sol);
	ls.ctx = ctx;
	ls.L = ls.s->n_lessons;
	ls.P = ls.s->n_periods;
	ls.S = ls.s->n_days * ls.P;
	if ((rc = sch_moves_init(&ls.mv, ls.s)) != 0)
		return rc;
	ls.movable = malloc(sizeof(int) * (size_t)(ls.L + 1));
	if (!ls.movable) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	for (int l = 0; l < ls.L; l++)
		if (ls.s->lessons[l].pinned < 0)
			ls.movable[ls.n_movable++] = l;
	if (ls.n_movable == 0)
		goto done;
	sch_solver_ctx_set_phase(ctx, "local");

	/* The starting temperature: a third of the mean soft worsening of a sample of feasible moves. */
	double sum = 0;
	int cnt = 0;
	for (int i = 0; i < 400; i++) {
		int l = ls.movable[sch_solver_ctx_below(ctx, (uint32_t)ls.n_movable)];
		int n = propose(&ls, l);
		if (n <= 0)
			continue;
		sch_cost d = sch_solution_delta(sol, ls.mv.buf, n);
		if (sch_cost_delta_hard(d) == 0 && sch_cost_delta_soft(d) > 0) {
			sum += (double)sch_cost_delta_soft(d);
			cnt++;
		}
	}
	double t0 = cnt ? sum / cnt * 0.3 : 1.0;
	if (t0 < 0.5)
		t0 = 0.5;
	double t_start = t0, t_end = t0 / 100.0;
	/*
	 * One slow cooling from t0 down to t_end over all that is left of the run:
	 * on the bench schools it ends far lower than many short cycles (ten times
	 * more cycles of a tenth the length cost 20-40% more soft cost). Measured
	 * in iterations when the run has an iteration budget (reproducible), else
	 * in seconds when it, or the slice of it this is, has a time limit. With
	 * neither, cycles restart from the best so far at 0.6 t0, each twice as
	 * long as the one before.
	 */
	uint64_t budget = sch_solver_ctx_budget(ctx);
	double left = budget == UINT64_MAX ? sch_solver_ctx_time_left(ctx) : -1;
	int by_time = left > 0;
	uint64_t cycle = 16 * (40000 + (uint64_t)ls.L * 60);
	if (budget != UINT64_MAX)
		cycle = budget > 1000 ? budget : 1000;
	double cycle_sec = left, cycle_t0 = sch_solver_ctx_elapsed(ctx);
	/* the hybrid's second worker on this chain (coop.h) takes its cooling */
	sch__coop *co = by_time ? sch__ctx_coop(ctx) : NULL;
	if (co) {
		sch__coop_cooling(co, ctx, &t0, &t_end, &cycle_t0, &cycle_sec);
		t_start = t0;
	}
	double log_ratio = log(t_end / t0), temp = t0, frac = 0;
	uint64_t i_cycle = 0;
	sch_cost best = sch_solver_ctx_best_cost(ctx);
	while (!sch_solver_ctx_should_stop(ctx, sol)) {
		sch_solver_ctx_count(ctx, 1);
		if (by_time && (i_cycle & 127) == 0) {
			frac = (sch_solver_ctx_elapsed(ctx) - cycle_t0) / cycle_sec;
			if (co)
				sch__coop_poll(co, sol, ctx);
		} else if (!by_time)
			frac = (double)i_cycle / (double)cycle;
		if (co && sch__coop_catch_up(co, sol, ctx, &best) < 0)
			break;
		if (frac >= 1 && co) /* the one cooling of a slice with a worker is over */
			break;
		if (frac >= 1) { /* reheat, from the best so far */
			i_cycle = 0;
			frac = 0;
			cycle_t0 = sch_solver_ctx_elapsed(ctx);
			if (!by_time && budget == UINT64_MAX)
				cycle *= 2;
			sch_solver_ctx_restore_best(ctx, sol);
			t0 = t_start * 0.6;
		}
		i_cycle++;
		if ((i_cycle & 127) == 1 || !by_time)
			temp = t0 * exp(log_ratio * frac);
		int l = ls.movable[sch_solver_ctx_below(ctx, (uint32_t)ls.n_movable)];
		int placing = sch_solution_start(sol, l) < 0;
		int n = propose(&ls, l);
		if (n <= 0)
			continue;
		sch_cost d;
		if (sch_solution_apply(sol, ls.mv.buf, n, &d) != 0)
			continue;
		/* a partial timetable (an infeasible school) stays free of every violation
		 * but missing: a lesson goes in only where it breaks nothing */
		int64_t dh = sch_cost_delta_hard(d), ds = sch_cost_delta_soft(d), dother = dh + placing;
		int accept = dother <= 0 &&
			     (dh < 0 || (dh == 0 && (ds <= 0 || (double)(sch_solver_ctx_random(ctx) >> 11) * 0x1p-53 <
									exp(-(double)ds / temp))));
		if (!accept || (co && !sch__coop_publish(co, ctx, ls.mv.buf, n))) {
			sch_solution_revert(sol);
			continue;
		}
		if (sch_solution_cost(sol) < best) {
			best = sch_solution_cost(sol);
			sch_solver_ctx_offer(ctx, sol);
		}
	}
	rc = sch_solver_ctx_stop_reason(ctx);
done:
	sch_moves_free(&ls.mv);
	free(ls.movable);
	return rc;
}

/*
 * What the hard phase lowers: hard violations, a clash (teacher or pupils) three
 * times. Once clashes are gone they stay gone, and the day rules (days a week,
 * lessons a day, gaps, days apart) are worked on by Kempe chains and day
 * evacuations, which never make a clash; at equal weights the search trades
 * clashes for day rules back and forth. On the Vietnamese FET school this and
 * the day evacuations took the hard violations left from 5-11 to 2-8 (10 seeds).
 */
enum { CLASH_WEIGHT = 3, NEAR_FEASIBLE = 20 };

static int64_t weighted_hard(const sch_solution *sol)
{
	int64_t c = sch_solution_term_amount(sol, SCH_T_TEACHER_CLASH) + sch_solution_term_amount(sol, SCH_T_CLASS_CLASH);
	return sch_solution_hard(sol) + (CLASH_WEIGHT - 1) * c;
}

/*
 * Empties teacher t's day da: each of its lessons there goes, by a Kempe chain, to a
 * period of day db where the teacher is free, the chains one after another; with
 * db < 0, to a free period of any other day the teacher works that leaves it no gap
 * there (a teacher whose days are all but full has one free period on each: no
 * single day takes a whole day's lessons). Days a week and lessons a day count
 * whole days, so a teacher's day moves at once or not at all; a lesson at a time
 * passes through worse states (a day of one lesson). Applies the chains and returns
 * how many, -1 when one fails (the caller undoes).
 */
static int evacuate(local *ls, int t, int da, int db)
{
	const sch_school *s = ls->s;
	int P = ls->P, n = 0;
	for (int i = s->by_teacher.off[t]; i < s->by_teacher.off[t + 1]; i++) {
		int k = s->by_teacher.idx[i], sk = sch_solution_start(ls->sol, k);
		if (sk >= 0 && sk / P == da) {
			if (s->lessons[k].pinned >= 0)
				return -1;
			ls->seeds[n++] = k;
		}
	}
	for (int i = 0; i < n; i++) {
		int x = ls->seeds[i], sx = sch_solution_start(ls->sol, x), len = s->lessons[x].length, pick = -1, seen = 0;
		if (sx / P != da)
			continue; /* an earlier chain took it along */
		int spread = db < 0, e0 = spread ? 0 : db, e1 = spread ? s->n_days : db + 1;
		for (int e = e0; e < e1; e++) {
			uint32_t tday = sch_solution_teacher_day(ls->sol, t, e);
			if (e == da || (spread && !tday))
				continue; /* spread: to the other days the teacher works */
			for (int q = 0; q + len <= P; q++) {
				uint32_t cover = sch__cover_bits(q, len, P), run = (tday | cover) >> __builtin_ctz(tday | cover);
				if ((tday & cover) || !legal(s, x, e * P + q))
					continue;
				if (spread && (run & (run + 1)) != 0)
					continue; /* spread: no new gap in the teacher's day */
				if (sch_solver_ctx_below(ls->ctx, (uint32_t)++seen) == 0)
					pick = e * P + q;
			}
		}
		if (pick < 0)
			return -1;
		int m = sch_moves_kempe(&ls->mv, ls->sol, x, sx, pick, 24);
		if (m <= 0)
			return -1;
		if (!buf_legal(ls, m) || sch_solution_apply(ls->sol, ls->mv.buf, m, NULL) != 0)
			return -1;
	}
	return n;
}

enum { EVACUATE_PER_20 = 4 };

/* One of lesson l's teachers leaves l's day: its lessons there go to another day,
 * one it works on when there is one (three times in four); when that day has fewer
 * free periods than lessons to take, they are spread over the days it works instead.
 * Applies the chains and returns how many, <= 0 when none was made or one failed
 * (the caller undoes). */
static int evacuate_move(local *ls, int l)
{
	const sch_lesson_def *ld = &ls->s->lessons[l];
	int st = sch_solution_start(ls->sol, l), D = ls->s->n_days;
	if (ld->n_teachers == 0 || st < 0 || D < 2)
		return 0;
	int t = ld->teachers[sch_solver_ctx_below(ls->ctx, (uint32_t)ld->n_teachers)], da = st / ls->P, db = -1, seen = 0;
	for (int d = 0; d < D; d++)
		if (d != da && sch_solution_teacher_day(ls->sol, t, d) && sch_solver_ctx_below(ls->ctx, (uint32_t)++seen) == 0)
			db = d;
	if (db < 0 || sch_solver_ctx_below(ls->ctx, 4) == 0) {
		db = (int)sch_solver_ctx_below(ls->ctx, (uint32_t)D - 1);
		db += db >= da;
	}
	int busy_a = sch__pop64(sch_solution_teacher_day(ls->sol, t, da));
	int free_b = ls->P - sch__pop64(sch_solution_teacher_day(ls->sol, t, db));
	return evacuate(ls, t, da, free_b < busy_a ? -1 : db);
}

/*
 * The hard phase (solver/partial.h): simulated annealing on the hard cost alone,
 * from a complete timetable with violations. The counting rules of the
 * constraints section (gaps and lessons a day, days a week, pairs days apart)
 * form plateaus and ridges that a descent that never worsens gets stuck on:
 * here a worsening by dh is taken with probability exp(-dh / T), moves that
 * keep the hard cost are always taken, and two lessons in three are drawn
 * from those in violation. T cools from 0.6 to 0.05 over a cycle of
 * iterations and the cycle restarts from the best timetable, longer each time.
 * From a nearly feasible start (at most NEAR_FEASIBLE violations) T starts at
 * 0.15 instead: the few left go faster without the climbs (FET files, 10 and 6
 * seeds to the first timetable: brazil-1 median 0.29 -> 0.21 s and the slowest
 * 1.24 -> 0.41 s, the Greek file 1.35 s with one in 20 s missed -> 0.72 s; the
 * Vietnamese school, which starts with 40-60, needs the climbs).
 * Stops at the first timetable without hard violations, after `max_iter`
 * iterations, when the best has not improved for 30 first cycles' worth of
 * iterations, at `until` seconds (<= 0: none) or when the run must stop.
 * Counted in iterations (the run's budget belongs to the soft search), so a
 * seed gives the same timetable however fast the machine is.
 */
int sch__local_hard(sch_solution *sol, sch_solver_ctx *ctx, uint64_t max_iter, double until, const int *found_elsewhere)
{
	local ls = {0};
	int rc = 0, nv = 0, *viol = NULL, *best = NULL;
	ls.sol = sol;
	ls.s = sch_solution_school(sol);
	ls.ctx = ctx;
	ls.L = ls.s->n_lessons;
	ls.P = ls.s->n_periods;
	ls.S = ls.s->n_days * ls.P;
	if (sch_solution_hard(sol) == 0)
		return 0;
	if ((rc = sch_moves_init(&ls.mv, ls.s)) != 0)
		return rc;
	ls.movable = malloc(sizeof(int) * (size_t)(ls.L + 1));
	viol = malloc(sizeof(int) * (size_t)(ls.L + 1));
	best = malloc(sizeof(int) * (size_t)(ls.L + 1));
	ls.seeds = malloc(sizeof(int) * (size_t)(ls.L + 1));
	if (!ls.movable || !viol || !best || !ls.seeds) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	for (int l = 0; l < ls.L; l++)
		if (ls.s->lessons[l].pinned < 0)
			ls.movable[ls.n_movable++] = l;
	if (ls.n_movable == 0)
		goto done;
	sch_solver_ctx_set_phase(ctx, "hard");
	for (int i = 0; i < ls.s->n_constraints && !ls.evacuate; i++) {
		const sch_constraint *c = &ls.s->constraints[i];
		ls.evacuate = c->type == SCH_CON_MAX_DAYS && c->weight == SCH_WEIGHT_HARD && c->n_teachers > 0;
	}
	int64_t best_hard = weighted_hard(sol);
	sch_solution_get_starts(sol, best);
	uint64_t cycle = 20000 + (uint64_t)ls.L * 200, i_cycle = 0, last_better = 0;
	/* an infeasible school never gets there: stop once the best has not moved for
	 * a few cycles' worth, and leave the time to solver/partial.c */
	const uint64_t patience = 30 * cycle;
	const double t_hi = sch_solution_hard(sol) <= NEAR_FEASIBLE ? 0.15 : 0.6, t_lo = 0.05;
	double log_ratio = log(t_lo / t_hi), temp = t_hi;
	uint64_t it = 0;
	for (; it < max_iter && sch_solution_hard(sol) > 0 && it - last_better < patience; it++) {
		if ((it & 255) == 0) {
			if (sch_solver_ctx_should_stop(ctx, sol)) {
				rc = sch_solver_ctx_stop_reason(ctx);
				break;
			}
			if (until > 0 && sch_solver_ctx_elapsed(ctx) >= until)
				break;
			if (found_elsewhere && __atomic_load_n(found_elsewhere, __ATOMIC_ACQUIRE) == 1)
				break;
			temp = t_hi * exp(log_ratio * (double)i_cycle / (double)cycle);
		}
		if (++i_cycle >= cycle) { /* reheat from the best so far */
			i_cycle = 0;
			cycle += cycle / 2;
			sch_solution_set_starts(sol, best);
			nv = 0;
		}
		if ((it & 63) == 0 || nv == 0)
			nv = sch_moves_violations(&ls.mv, sol, viol);
		int l;
		if (nv > 0 && sch_solver_ctx_below(ctx, 3) < 2) {
			l = viol[sch_solver_ctx_below(ctx, (uint32_t)nv)];
			if (ls.s->lessons[l].pinned >= 0 && (l = sch_moves_neighbour(&ls.mv, l, ctx)) < 0)
				continue;
		} else {
			l = ls.movable[sch_solver_ctx_below(ctx, (uint32_t)ls.n_movable)];
		}
		/* Out of 20: 3 swaps within a class, 9 Kempe chains, 3 class-day shifts and
		 * 5 plain moves, which matter more here than in the soft search (a Kempe
		 * chain does not start where a clash is). Where teachers' days are capped,
		 * 4 day evacuations instead of the swaps and a Kempe chain (measured on the
		 * FET schools: the swaps did not help there; elsewhere evacuations cost,
		 * as they take days away from teachers who must work a number of them). */
		uint32_t r = sch_solver_ctx_below(ctx, 20);
		int64_t f0 = weighted_hard(sol);
		int evac = ls.evacuate && r < EVACUATE_PER_20, applied;
		size_t mark = evac ? sch_solution_mark(sol) : 0; /* an evacuation is several changes */
		if (evac) {
			applied = evacuate_move(&ls, l) > 0;
		} else {
			uint32_t kind = r < 3 && !ls.evacuate ? 0 : r < 12 ? MIX_SWAP : r < 15 ? MIX_KEMPE : MIX_SHIFT;
			int n = propose_kind(&ls, l, kind);
			if (n <= 0 || sch_solution_apply(sol, ls.mv.buf, n, NULL) != 0)
				continue;
			applied = 1;
		}
		int64_t dh = weighted_hard(sol) - f0;
		int keep = applied && (dh <= 0 || (double)(sch_solver_ctx_random(ctx) >> 11) * 0x1p-53 < exp(-(double)dh / temp));
		if (evac) {
			if (!keep)
				sch_solution_undo(sol, mark);
			sch_solution_trail_clear(sol);
		} else if (!keep) {
			sch_solution_revert(sol);
		}
		if (keep && weighted_hard(sol) < best_hard) {
			best_hard = weighted_hard(sol);
			last_better = it;
			sch_solution_get_starts(sol, best);
			sch_solver_ctx_offer(ctx, sol);
		}
	}
	if (weighted_hard(sol) > best_hard)
		sch_solution_set_starts(sol, best);
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "hard phase: %llu iterations, the best after %llu", (unsigned long long)it,
			   (unsigned long long)last_better);
	sch__ctx_log_hard(ctx, sol, "hard phase");
	sch_solver_ctx_offer(ctx, sol);
done:
	sch_moves_free(&ls.mv);
	free(ls.movable);
	free(ls.seeds);
	free(viol);
	free(best);
	return rc;
}

static const sch_solver local_solver = {SCH_SOLVER_VERSION, "local", local_run};

const sch_solver *sch_solver_local(void)
{
	return &local_solver;
}
