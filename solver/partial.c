/* Infeasible schools: the partial timetable that leaves out the fewest lessons (penalty tabu search, ejections, cuts), and why each is out. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moves.h"
#include "partial.h"
#include "schedule/school.h"

/* Hard violations other than lessons left out. The hard min_per_day and min_days of the
 * constraints section are left out too: leaving lessons out only breaks them more, so a
 * partial timetable is judged without them. */
static int64_t other_hard(const sch_solution *sol)
{
	return sch_solution_hard(sol) - sch_solution_term_amount(sol, SCH_T_MISSING) - sch_solution_con_min_hard(sol);
}

/* What a change would do to other_hard(), and its cost difference into *d; nothing changes. */
static int64_t other_delta(sch_solution *sol, const sch_change *ch, int n, sch_cost *d)
{
	int64_t before = other_hard(sol);
	if (sch_solution_apply(sol, ch, n, d) != 0)
		return 0;
	int64_t after = other_hard(sol);
	sch_solution_revert(sol);
	return after - before;
}

typedef struct {
	sch_solution *sol;
	const sch_school *s;
	sch_solver_ctx *ctx;
	sch_moves mv;
	int L, S, P;
	int *viol;           /* L */
	sch_change *cut;     /* L: a candidate cut */
	sch_change *best_cut; /* L */
	int *seen;           /* L: stamps */
	int stamp;
	double quick_after;  /* seconds into the run after which cuts are quick; 0 never */
} cutter;

static int cutter_init(cutter *c, sch_solution *sol, sch_solver_ctx *ctx, double time_limit)
{
	memset(c, 0, sizeof *c);
	/* past the time limit, cuts take out every lesson in violation at once:
	 * the overrun stays within a few per cent */
	c->quick_after = time_limit > 0 ? time_limit * 1.03 : 0;
	c->sol = sol;
	c->s = sch_solution_school(sol);
	c->ctx = ctx;
	c->L = c->s->n_lessons;
	c->P = c->s->n_periods;
	c->S = c->s->n_days * c->P;
	if (sch_moves_init(&c->mv, c->s) != 0)
		return -1;
	c->viol = malloc(sizeof(int) * (size_t)(c->L + 1));
	c->cut = malloc(sizeof(sch_change) * (size_t)(c->L + 1));
	c->best_cut = malloc(sizeof(sch_change) * (size_t)(c->L + 1));
	c->seen = calloc((size_t)c->L + 1, sizeof(int));
	return c->viol && c->cut && c->best_cut && c->seen ? 0 : -1;
}

static void cutter_free(cutter *c)
{
	sch_moves_free(&c->mv);
	free(c->viol);
	free(c->cut);
	free(c->best_cut);
	free(c->seen);
}

/* Lesson l and the lessons after it on its day that share a pupil with it, into
 * c->cut: taking them out together leaves no gap behind. Returns how many. */
static int tail_of(cutter *c, int l)
{
	const sch_school *s = c->s;
	const sch_lesson_def *ls = &s->lessons[l];
	int st = sch_solution_start(c->sol, l), n = 0;
	if (++c->stamp == 0) {
		memset(c->seen, 0, sizeof(int) * (size_t)c->L);
		c->stamp = 1;
	}
	c->seen[l] = c->stamp;
	c->cut[n++] = (sch_change){l, -1};
	for (int i = 0; i < ls->n_atoms; i++) {
		int a = ls->atoms[i];
		for (int j = s->by_atom.off[a]; j < s->by_atom.off[a + 1]; j++) {
			int k = s->by_atom.idx[j], sk = sch_solution_start(c->sol, k);
			if (c->seen[k] == c->stamp || sk < 0 || sk / c->P != st / c->P || sk <= st)
				continue;
			c->seen[k] = c->stamp;
			c->cut[n++] = (sch_change){k, -1};
		}
	}
	return n;
}

/* Puts back every unplaced lesson that fits without any other violation, at its
 * cheapest such slot, until none fits. Returns how many went back. */
static int reinsert_clean(cutter *c, int passes)
{
	int back = 0;
	for (int again = 1, pass = 0; again && pass < passes; pass++) {
		again = 0;
		for (int l = 0; l < c->L; l++) {
			if (sch_solution_start(c->sol, l) >= 0)
				continue;
			const sch_lesson_def *ls = &c->s->lessons[l];
			int best_slot = -1;
			sch_cost best_d = 0;
			for (int slot = 0; slot < c->S; slot++) {
				if (!sch_slotset_has(&ls->legal, slot) || (ls->pinned >= 0 && slot != ls->pinned))
					continue;
				sch_cost d;
				sch_change ch = {l, slot};
				if (c->s->n_constraints > 0) { /* a hard min_per_day or min_days mended is no harm */
					if (other_delta(c->sol, &ch, 1, &d) != 0)
						continue;
				} else if (sch_cost_delta_hard(d = sch_solution_delta_move(c->sol, l, slot)) != -1) {
					continue;
				}
				if (best_slot < 0 || d < best_d) {
					best_d = d;
					best_slot = slot;
				}
			}
			if (best_slot >= 0) {
				sch_solution_move(c->sol, l, best_slot);
				again = 1;
				back++;
			}
		}
	}
	return back;
}

/*
 * One greedy cut: among the lessons in violation (but `protect`), taking out the
 * lesson alone or with its tail, the cut that removes the most violations per
 * lesson taken out (then the cheapest). Returns the lessons taken out, 0 when no
 * cut lowers the violations.
 */
static int cut_once(cutter *c, int protect)
{
	int nv = sch_moves_violations(&c->mv, c->sol, c->viol), n_best = 0;
	int64_t best_m = 1, best_gain = 0;
	sch_cost best_d = 0;
	for (int i = 0; i < nv; i++) {
		int l = c->viol[i];
		if (l == protect || sch_solution_start(c->sol, l) < 0)
			continue;
		int n = tail_of(c, l);
		for (int pass = 0; pass < 2; pass++) { /* the lesson alone, then with its tail */
			int m = pass == 0 ? 1 : n;
			if (pass == 1 && n == 1)
				break;
			int bad = 0;
			for (int k = 0; k < m; k++)
				bad |= c->cut[k].lesson == protect;
			if (bad)
				continue;
			sch_cost d;
			int64_t gain; /* violations removed */
			if (c->s->n_constraints > 0) /* a hard min_per_day or min_days broken more is no harm */
				gain = -other_delta(c->sol, c->cut, m, &d);
			else
				gain = -(sch_cost_delta_hard(d = sch_solution_delta(c->sol, c->cut, m)) - m);
			if (gain <= 0)
				continue;
			/* fewest lessons per violation removed: m / gain lowest */
			if (n_best == 0 || m * best_gain < best_m * gain ||
			    (m * best_gain == best_m * gain && d < best_d)) {
				n_best = m;
				best_m = m;
				best_gain = gain;
				best_d = d;
				memcpy(c->best_cut, c->cut, sizeof *c->cut * (size_t)m);
			}
		}
	}
	if (n_best > 0)
		sch_solution_apply(c->sol, c->best_cut, n_best, NULL);
	return n_best;
}

/* Takes out every lesson in violation at once (with `protect` kept): quick. */
static int cut_all(cutter *c, int protect)
{
	int nv = sch_moves_violations(&c->mv, c->sol, c->viol), n = 0;
	for (int i = 0; i < nv; i++) {
		int l = c->viol[i];
		if (l != protect && sch_solution_start(c->sol, l) >= 0)
			c->best_cut[n++] = (sch_change){l, -1};
	}
	if (n > 0)
		sch_solution_apply(c->sol, c->best_cut, n, NULL);
	return n;
}

/* Cuts until no violation but missing is left (or only `protect` is in one). */
static void cut_until_clean(cutter *c, int protect, int reinsert)
{
	for (int round = 0; round <= c->L && other_hard(c->sol) > 0; round++) {
		int quick = c->quick_after > 0 && sch_solver_ctx_elapsed(c->ctx) >= c->quick_after;
		if ((quick ? cut_all(c, protect) : cut_once(c, protect)) == 0 && cut_all(c, protect) == 0)
			break;
	}
	if (reinsert && (c->quick_after <= 0 || sch_solver_ctx_elapsed(c->ctx) < c->quick_after))
		reinsert_clean(c, 4);
}

void sch__partial_cut(sch_solution *sol, sch_solver_ctx *ctx, double time_limit)
{
	cutter c;
	if (other_hard(sol) <= 0)
		return;
	if (cutter_init(&c, sol, ctx, time_limit) == 0)
		cut_until_clean(&c, -1, 1);
	cutter_free(&c);
}

/* ---- the search ---- */

typedef struct {
	cutter c;
	sch_solution *sol;
	const sch_school *s;
	sch_solver_ctx *ctx;
	int L, S, P;
	sch_change *ej;  /* L+1: an insertion with its ejections */
	int *ej_seen, ej_stamp;
	int W;           /* the weight of a lesson left out; other violations weigh 1 */
	int *tabu;       /* L*(S+1): iteration until which (lesson, slot) is tabu; slot S = unplaced */
	int *best;       /* L: the best partial timetable */
	int best_out;    /* its lessons left out */
	sch_cost best_cost;
	int *viol;
	int nv;
} search;

/* The search's objective of a change: W per lesson left out, 1 per other violation. */
static int64_t weigh(const search *p, sch_cost d, int dmissing)
{
	return (sch_cost_delta_hard(d) - dmissing) + (int64_t)p->W * dmissing;
}

/* Keeps sol as the best partial timetable when it breaks nothing but missing and
 * leaves fewer lessons out (returns 2), or as many at a lower cost (returns 1). */
static int keep_if_better(search *p)
{
	if (other_hard(p->sol) > 0)
		return 0;
	int out = (int)sch_solution_term_amount(p->sol, SCH_T_MISSING);
	sch_cost cost = sch_solution_cost(p->sol);
	if (p->best_out >= 0 && (out > p->best_out || (out == p->best_out && cost >= p->best_cost)))
		return 0;
	int fewer = p->best_out < 0 || out < p->best_out;
	p->best_out = out;
	p->best_cost = cost;
	sch_solution_get_starts(p->sol, p->best);
	return fewer ? 2 : 1;
}

/* What the state would give: cut its violations (on a trial basis) and compare
 * (returns as keep_if_better). */
static int try_cut(search *p)
{
	size_t mark = sch_solution_mark(p->sol);
	cut_until_clean(&p->c, -1, 1);
	int kept = keep_if_better(p);
	sch_solution_undo(p->sol, mark);
	sch_solution_trail_clear(p->sol);
	return kept;
}

static inline int tslot(const search *p, int slot)
{
	return slot < 0 ? p->S : slot;
}

/* Unplaced lesson l at slot, and out every lesson that clashes with it there
 * (shares a teacher or pupils in a covered period): into p->ej; returns its
 * size, 0 when a pinned lesson is in the way (it is not pushed out). */
static int ejection(search *p, int l, int slot)
{
	const sch_school *s = p->s;
	const sch_lesson_def *ls = &s->lessons[l];
	int n = 0, d = slot / p->P, a0 = slot % p->P, a1 = a0 + ls->length;
	if (++p->ej_stamp == 0) {
		memset(p->ej_seen, 0, sizeof(int) * (size_t)p->L);
		p->ej_stamp = 1;
	}
	p->ej[n++] = (sch_change){l, slot};
	for (int pass = 0; pass < 2; pass++) {
		const sch_index *ix = pass == 0 ? &s->by_teacher : &s->by_atom;
		const int *keys = pass == 0 ? ls->teachers : ls->atoms;
		int nk = pass == 0 ? ls->n_teachers : ls->n_atoms;
		for (int i = 0; i < nk; i++)
			for (int j = ix->off[keys[i]]; j < ix->off[keys[i] + 1]; j++) {
				int k = ix->idx[j], sk = sch_solution_start(p->sol, k);
				if (k == l || sk < 0 || sk / p->P != d || p->ej_seen[k] == p->ej_stamp)
					continue;
				int b0 = sk % p->P, b1 = b0 + s->lessons[k].length;
				if (b1 <= a0 || a1 <= b0)
					continue;
				if (s->lessons[k].pinned >= 0)
					return 0;
				p->ej_seen[k] = p->ej_stamp;
				p->ej[n++] = (sch_change){k, -1};
			}
	}
	return n;
}

/* One step: a lesson in violation (or left out) makes the best non-tabu move among
 * going to each legal slot, going out, swapping with a lesson of its class and,
 * when it is out, going in at a slot with every lesson clashing there going out
 * (a step of an ejection chain: those come back in later steps). */
static void step(search *p, int64_t it, int64_t f, int64_t best_f)
{
	sch_solution *sol = p->sol;
	const sch_school *s = p->s;
	int l = -1;
	while (l < 0) {
		if (p->nv == 0 || it % 64 == 0) {
			p->nv = sch_moves_violations(&p->c.mv, sol, p->viol);
			if (p->nv == 0)
				return;
		}
		int i = (int)sch_solver_ctx_below(p->ctx, (uint32_t)p->nv);
		if (sch_moves_violating(&p->c.mv, sol, p->viol[i]))
			l = p->viol[i];
		else
			p->viol[i] = p->viol[--p->nv];
	}
	const sch_lesson_def *ls = &s->lessons[l];
	if (ls->pinned >= 0 && sch_solution_start(sol, l) == ls->pinned && sch_solver_ctx_below(p->ctx, 2)) {
		/* pinned where it breaks a rule: move a lesson beside it */
		int k = sch_moves_neighbour(&p->c.mv, l, p->ctx);
		if (k >= 0)
			ls = &s->lessons[l = k];
	}
	int old = sch_solution_start(sol, l), ties = 0, kind = 0, arg = -1;
	int64_t best = INT64_MAX;
	sch_cost best_soft = 0;
#define CONSIDER(fd, dsoft, k, a)                                                                   \
	do {                                                                                        \
		if ((fd) < best || ((fd) == best && (dsoft) < best_soft)) {                          \
			best = (fd), best_soft = (dsoft), kind = (k), arg = (a), ties = 1;           \
		} else if ((fd) == best && (dsoft) == best_soft &&                                  \
			   sch_solver_ctx_below(p->ctx, (uint32_t)++ties) == 0) {                    \
			kind = (k), arg = (a);                                                      \
		}                                                                                   \
	} while (0)
	if (ls->pinned >= 0) { /* a pinned lesson is at its slot or out */
		int to = old == ls->pinned ? -1 : ls->pinned;
		sch_cost d = sch_solution_delta_move(sol, l, to);
		int64_t fd = weigh(p, d, to < 0 ? 1 : old < 0 ? -1 : 0);
		if (p->tabu[(size_t)l * (p->S + 1) + tslot(p, to)] <= it || f + fd < best_f)
			CONSIDER(fd, sch_cost_delta_soft(d), 1, to);
	} else {
		for (int slot = 0; slot < p->S; slot++) {
			if (slot == old || !sch_slotset_has(&ls->legal, slot))
				continue;
			sch_cost d = sch_solution_delta_move(sol, l, slot);
			int64_t fd = weigh(p, d, old < 0 ? -1 : 0);
			if (p->tabu[(size_t)l * (p->S + 1) + slot] > it && f + fd >= best_f)
				continue;
			CONSIDER(fd, sch_cost_delta_soft(d), 1, slot);
			if (old < 0 && sch_cost_delta_hard(d) > -1) { /* in, and out what clashes with it */
				int n = ejection(p, l, slot);
				if (n > 1) {
					d = sch_solution_delta(sol, p->ej, n);
					fd = weigh(p, d, n - 2);
					CONSIDER(fd, sch_cost_delta_soft(d), 3, slot);
				}
			}
		}
		if (old >= 0) {
			sch_cost d = sch_solution_delta_move(sol, l, -1);
			int64_t fd = weigh(p, d, 1);
			if (p->tabu[(size_t)l * (p->S + 1) + p->S] <= it || f + fd < best_f)
				CONSIDER(fd, sch_cost_delta_soft(d), 1, -1);
		}
		int c = p->c.mv.lclass[l];
		for (int i = c >= 0 ? s->by_class.off[c] : 0; c >= 0 && i < s->by_class.off[c + 1]; i++) {
			int k = s->by_class.idx[i], sk = sch_solution_start(sol, k);
			if (k == l || sk == old || s->lessons[k].pinned >= 0 || (sk < 0 && old < 0))
				continue;
			if ((sk >= 0 && !sch_slotset_has(&ls->legal, sk)) || (old >= 0 && !sch_slotset_has(&s->lessons[k].legal, old)))
				continue;
			sch_cost d = sch_solution_delta_swap(sol, l, k);
			int64_t fd = weigh(p, d, 0);
			if (p->tabu[(size_t)l * (p->S + 1) + tslot(p, sk)] > it && f + fd >= best_f)
				continue;
			CONSIDER(fd, sch_cost_delta_soft(d), 2, k);
		}
	}
#undef CONSIDER
	if (kind == 0)
		return;
	int tenure = 7 + (int)sch_solver_ctx_below(p->ctx, 10);
	p->tabu[(size_t)l * (p->S + 1) + tslot(p, old)] = (int)(it + tenure);
	if (kind == 1) {
		sch_solution_move(sol, l, arg);
	} else if (kind == 3) {
		int n = ejection(p, l, arg);
		for (int i = 1; i < n; i++)
			p->tabu[(size_t)p->ej[i].lesson * (p->S + 1) + sch_solution_start(sol, p->ej[i].lesson)] =
				(int)(it + tenure);
		sch_solution_apply(sol, p->ej, n, NULL);
	} else {
		int sk = sch_solution_start(sol, arg);
		p->tabu[(size_t)arg * (p->S + 1) + tslot(p, sk)] = (int)(it + tenure);
		sch_solution_swap(sol, l, arg);
	}
}

int sch__partial_run(sch_solution *sol, sch_solver_ctx *ctx, double time_limit, double seconds)
{
	search p;
	int rc = 0;
	memset(&p, 0, sizeof p);
	p.sol = sol;
	p.s = sch_solution_school(sol);
	p.ctx = ctx;
	p.L = p.s->n_lessons;
	p.P = p.s->n_periods;
	p.S = p.s->n_days * p.P;
	p.W = 1;
	p.best_out = -1;
	if (cutter_init(&p.c, sol, ctx, time_limit) != 0) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	p.tabu = calloc((size_t)p.L * (p.S + 1) + 1, sizeof(int));
	p.best = malloc(sizeof(int) * (size_t)(p.L + 1));
	p.viol = malloc(sizeof(int) * (size_t)(p.L + 1));
	p.ej = malloc(sizeof(sch_change) * (size_t)(p.L + 1));
	p.ej_seen = calloc((size_t)p.L + 1, sizeof(int));
	if (!p.tabu || !p.best || !p.viol || !p.ej || !p.ej_seen) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	sch_solver_ctx_set_phase(ctx, "partial");
	double end = seconds > 0 ? sch_solver_ctx_elapsed(ctx) + seconds : 0;
	try_cut(&p);
	/* Strategic oscillation of the weight of a lesson left out: low, the search
	 * takes lessons out to clear violations; high, it keeps them in and moves
	 * the others around them. */
	static const int levels[] = {1, 2, 4, 2};
	int64_t period = 4000 + 2 * (int64_t)p.L;
	int64_t it = 0, last_better = 0, patience = 30000 + 10 * (int64_t)p.L, best_f = INT64_MAX;
	while (p.best_out > 0 && it - last_better < patience) {
		if (sch_solver_ctx_should_stop(ctx, sol) || (end > 0 && (it & 63) == 0 && sch_solver_ctx_elapsed(ctx) >= end))
			break;
		if (it % period == 0) {
			p.W = levels[(it / period) % 4];
			best_f = INT64_MAX;
		}
		it++;
		int64_t f = other_hard(sol) + (int64_t)p.W * sch_solution_term_amount(sol, SCH_T_MISSING);
		if (f < best_f)
			best_f = f;
		step(&p, it, f, best_f);
		f = other_hard(sol) + (int64_t)p.W * sch_solution_term_amount(sol, SCH_T_MISSING);
		int kept = 0;
		if (f < best_f) {
			best_f = f;
			kept = try_cut(&p);
		} else if (other_hard(sol) == 0) {
			kept = keep_if_better(&p);
		} else if (it % 1000 == 0) {
			kept = try_cut(&p);
		}
		if (kept == 2)
			last_better = it;
	}
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "partial: %d lessons left out after %lld iterations (%.3f s)",
			   p.best_out, (long long)it, sch_solver_ctx_elapsed(ctx));
	if (p.best_out >= 0)
		sch_solution_set_starts(sol, p.best);
	else
		cut_until_clean(&p.c, -1, 1);
	sch__ctx_reset_best(ctx, sol);
	rc = sch_solver_ctx_stop_reason(ctx);
done:
	cutter_free(&p.c);
	free(p.tabu);
	free(p.best);
	free(p.viol);
	free(p.ej);
	free(p.ej_seen);
	return rc;
}

/* ---- explanations ---- */

typedef struct {
	char *p;
	size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void sb_add(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (need < 0)
		return;
	if (b->n + (size_t)need + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 256) + (size_t)need;
		char *np = realloc(b->p, cap);
		if (!np)
			return;
		b->p = np;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	b->n += (size_t)need;
}

static void lesson_title(sbuf *b, const sch_school *s, int l)
{
	const sch_lesson_def *ls = &s->lessons[l];
	const sch_line_def *ln = &s->lines[ls->line];
	for (int i = 0; i < ln->n_classes; i++)
		sb_add(b, "%s%s", i ? "+" : "", s->classes[ln->classes[i]].id);
	for (int p = 0; p < ls->n_parts; p++) {
		const sch_part_def *pt = &ls->parts[p];
		if (pt->division >= 0 && pt->class_of >= 0 && pt->division < s->classes[pt->class_of].n_divisions &&
		    pt->group >= 0 && pt->group < s->classes[pt->class_of].divisions[pt->division].n_groups)
			sb_add(b, "%s%s", p ? "/" : " ", s->classes[pt->class_of].divisions[pt->division].groups[pt->group]);
	}
	sb_add(b, " %s", s->subjects[ls->subject].id);
	if (ls->length > 1)
		sb_add(b, " (double)");
	if (ls->n_teachers > 0) {
		sb_add(b, " (");
		for (int i = 0; i < ls->n_teachers; i++)
			sb_add(b, "%s%s", i ? ", " : "", sch_school_teacher_name(s, ls->teachers[i]));
		sb_add(b, ")");
	}
}

/* Why lesson l has no place, in an operator's words. */
char *sch__partial_explain(const sch_school *s, const sch_solution *sol, int l)
{
	sbuf b = {0};
	const sch_lesson_def *ls = &s->lessons[l];
	int P = s->n_periods, D = s->n_days;
	const sch_shift_def *sh = ls->shift >= 0 && ls->shift < s->n_shifts ? &s->shifts[ls->shift] : NULL;
	int c = ls->n_classes > 0 ? ls->classes[0] : -1;
	lesson_title(&b, s, l);
	sb_add(&b, ": ");
	if (!sh) {
		sb_add(&b, "its class has no shift");
		return b.p;
	}
	int by_teacher = 0, by_class = 0, by_day = 0, by_subject = 0, by_room = 0, by_tday = 0, by_gap = 0, by_con = 0;
	int n_slots = 0, shift_slots = 0;
	for (int d = 0; d < ls->week_days && d < D; d++)
		for (int p = sh->first; p + ls->length - 1 <= sh->last; p++) {
			int slot = d * P + p;
			shift_slots++;
			if (!sch_slotset_has(&ls->legal, slot))
				continue;
			n_slots++;
			int t_busy = 0, c_busy = 0, room = 0, full = 0, tfull = 0, twice = 0, gap = 0;
			uint32_t bits = sch__cover_bits(p, ls->length, P);
			for (int i = 0; i < ls->n_teachers; i++) {
				const sch_teacher_def *te = &s->teachers[ls->teachers[i]];
				uint32_t m = sch_solution_teacher_day(sol, ls->teachers[i], d);
				t_busy |= (m & bits) != 0;
				tfull |= te->max_per_day > 0 && sch__pop32(m | bits) > te->max_per_day;
			}
			for (int i = 0; i < ls->n_atoms; i++) {
				int a = ls->atoms[i];
				const sch_class_def *cl = &s->classes[s->atom_class[a]];
				uint32_t m = sch_solution_atom_day(sol, a, d), nm = m | bits;
				int first = s->rules.late_start && m ? __builtin_ctz(m) : sh->first;
				c_busy |= (m & bits) != 0;
				full |= cl->max_per_day > 0 && sch__pop32(nm) > cl->max_per_day;
				/* the periods from the start (or the first lesson) to it must all be busy */
				uint32_t need = (uint32_t)(((uint64_t)1 << (31 - __builtin_clz(nm) + 1)) - ((uint64_t)1 << first));
				gap |= (nm & need) != need;
			}
			for (int k = 0; k < ls->length; k++)
				if (ls->rooms_needed > 0 && ls->room_kind >= 0 &&
				    sch_solution_kind_count(sol, ls->room_kind, slot + k) + ls->rooms_needed >
					    s->rooms_of_kind[ls->room_kind])
					room = 1;
			if (s->rules.subject_once_a_day && c >= 0)
				for (int i = s->by_class.off[c]; i < s->by_class.off[c + 1]; i++) {
					int k = s->by_class.idx[i], st = sch_solution_start(sol, k);
					if (k != l && st >= 0 && st / P == d && s->lessons[k].subject == ls->subject)
						twice = 1;
				}
			if (t_busy)
				by_teacher++;
			else if (c_busy)
				by_class++;
			else if (full)
				by_day++;
			else if (tfull)
				by_tday++;
			else if (twice)
				by_subject++;
			else if (room)
				by_room++;
			else if (gap && s->rules.pupil_gaps != SCH_PUPIL_GAPS_ALLOWED)
				by_gap++;
			else if (s->n_constraints > 0 && sch_solution_con_rise(sol, l, slot) > 0)
				by_con++;
		}
	const char *cls = c >= 0 ? s->classes[c].id : "?";
	int sep = 0;
	if (n_slots == 0) {
		sb_add(&b, "no slot of shift %s (bells %d-%d) is allowed for it", sh->id, sh->first + 1, sh->last + 1);
		sep = 1;
	} else {
		sb_add(&b, "of the %d slots of shift %s it may take, ", n_slots, sh->id);
		const char *parts[8];
		char tmp[8][160];
		int np = 0;
		if (by_teacher) {
			snprintf(tmp[np], sizeof tmp[np], "%d %s taken by %s's other lessons", by_teacher,
				 by_teacher == 1 ? "is" : "are", ls->n_teachers ? sch_school_teacher_name(s, ls->teachers[0]) : "the teacher");
			parts[np] = tmp[np];
			np++;
		}
		if (by_class) {
			snprintf(tmp[np], sizeof tmp[np], "%d by %s's lessons", by_class, cls);
			parts[np] = tmp[np];
			np++;
		}
		if (by_day) {
			snprintf(tmp[np], sizeof tmp[np], "%d on days %s already has its most lessons", by_day, cls);
			parts[np] = tmp[np];
			np++;
		}
		if (by_tday) {
			snprintf(tmp[np], sizeof tmp[np], "%d on days the teacher's daily limit is reached", by_tday);
			parts[np] = tmp[np];
			np++;
		}
		if (by_subject) {
			snprintf(tmp[np], sizeof tmp[np], "%d on days %s already has %s", by_subject, cls, s->subjects[ls->subject].id);
			parts[np] = tmp[np];
			np++;
		}
		if (by_room) {
			snprintf(tmp[np], sizeof tmp[np], "%d when every %s is taken", by_room, s->room_kinds[ls->room_kind]);
			parts[np] = tmp[np];
			np++;
		}
		if (by_gap) {
			snprintf(tmp[np], sizeof tmp[np], "%d would leave %s idle before it (no gaps for pupils)", by_gap, cls);
			parts[np] = tmp[np];
			np++;
		}
		if (by_con) {
			snprintf(tmp[np], sizeof tmp[np], "%d would break a hard rule of the constraints section", by_con);
			parts[np] = tmp[np];
			np++;
		}
		for (int i = 0; i < np; i++)
			sb_add(&b, "%s%s", i == 0 ? "" : i == np - 1 ? " and " : ", ", parts[i]);
		if (np == 0)
			sb_add(&b, "none is taken, but every place breaks a rule of the day");
		sep = 1;
	}
	/* capacity arguments: the teacher's and the class's week */
	for (int i = 0; i < ls->n_teachers; i++) {
		int t = ls->teachers[i], load = 0, avail = 0;
		for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1]; k++)
			load += s->lessons[s->by_teacher.idx[k]].length;
		for (int slot = 0; slot < D * P; slot++) {
			int d = slot / P, p = slot % P;
			if (d < ls->week_days && p >= sh->first && p <= sh->last &&
			    !sch_slotset_has(&s->teachers[t].unavailable, slot))
				avail++;
		}
		if (load > avail)
			sb_add(&b, "%s%s teaches %d lessons a week, more than the %d slots of shift %s they are available in", sep ? "; " : "",
			       sch_school_teacher_name(s, t), load, avail, sh->id);
		/* when the teacher is unavailable within the shift: "sat", "mon 1-4" */
		int any = 0;
		for (int d = 0; d < ls->week_days && d < D; d++) {
			int n_off = 0, lo = -1, hi = -1;
			for (int p = sh->first; p <= sh->last; p++)
				if (sch_slotset_has(&s->teachers[t].unavailable, d * P + p)) {
					n_off++;
					if (lo < 0)
						lo = p;
					hi = p;
				}
			if (!n_off)
				continue;
			sb_add(&b, "%s", any ? ", " : sep ? "; " : "");
			if (!any)
				sb_add(&b, "%s is unavailable at ", sch_school_teacher_name(s, t));
			if (n_off == sh->last - sh->first + 1)
				sb_add(&b, "%s", sch_day_code(s->day_codes[d]));
			else if (lo == hi)
				sb_add(&b, "%s %d", sch_day_code(s->day_codes[d]), lo + 1);
			else
				sb_add(&b, "%s %d-%d%s", sch_day_code(s->day_codes[d]), lo + 1, hi + 1,
				       n_off == hi - lo + 1 ? "" : " (in part)");
			any = sep = 1;
		}
	}
	if (c >= 0) {
		const sch_class_def *cl = &s->classes[c];
		int load = 0, shift_len = sh->last - sh->first + 1;
		int per_day = cl->max_per_day > 0 && cl->max_per_day < shift_len ? cl->max_per_day : shift_len;
		for (int i = 0; i < cl->n_atoms; i++) {
			int a = cl->atom_first + i, n = 0;
			for (int k = s->by_atom.off[a]; k < s->by_atom.off[a + 1]; k++)
				n += s->lessons[s->by_atom.idx[k]].length;
			if (n > load)
				load = n;
		}
		if (load > per_day * cl->week_days)
			sb_add(&b, "%s%s has %d lessons a week, more than %d days x %d", sep ? "; " : "", cl->id, load,
			       cl->week_days, per_day);
	}
	uint32_t forbid = s->subjects[ls->subject].forbid_periods;
	if (forbid)
		sb_add(&b, "; %s is forbidden at some lessons of the shift", s->subjects[ls->subject].id);
	return b.p;
}
