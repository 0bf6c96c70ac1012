/* Neighbourhoods shared by the repair and the local search: shapes, conflicts, Kempe chains, violations. */
#include <stdlib.h>
#include <string.h>

#include "moves.h"

static int same_shape(const sch_school *s, int a, int b)
{
	const sch_lesson_def *x = &s->lessons[a], *y = &s->lessons[b];
	return x->length == y->length && x->n_atoms == y->n_atoms &&
	       memcmp(x->atoms, y->atoms, sizeof(int) * (size_t)x->n_atoms) == 0;
}

int sch_moves_init(sch_moves *m, const sch_school *s)
{
	memset(m, 0, sizeof *m);
	m->s = s;
	m->L = s->n_lessons;
	m->P = s->n_periods;
	m->D = s->n_days;
	m->S = s->n_days * s->n_periods;
	m->shape = malloc(sizeof(int) * (size_t)(m->L + 1));
	m->lclass = malloc(sizeof(int) * (size_t)(m->L + 1));
	m->buf = malloc(sizeof(sch_change) * (size_t)(2 * m->L + 2));
	m->mark = calloc((size_t)m->L + 1, sizeof(int));
	m->queue = malloc(sizeof(int) * (size_t)(m->L + 1));
	m->whole = calloc((size_t)m->L + 1, sizeof(char));
	if (!m->shape || !m->lclass || !m->buf || !m->mark || !m->queue || !m->whole) {
		sch_moves_free(m);
		return sch_error_set(SCH_ENOMEM, "out of memory");
	}
	for (int l = 0; l < m->L; l++) {
		const sch_lesson_def *ls = &s->lessons[l];
		m->lclass[l] = ls->n_atoms > 0 ? s->atom_class[ls->atoms[0]] : -1;
		m->shape[l] = l;
		if (m->lclass[l] < 0)
			continue;
		/* does it cover every group of its (first) class? */
		const sch_class_def *cl = &s->classes[m->lclass[l]];
		int covered = 0;
		for (int i = 0; i < ls->n_atoms; i++)
			covered += ls->atoms[i] >= cl->atom_first && ls->atoms[i] < cl->atom_first + cl->n_atoms;
		m->whole[l] = covered == cl->n_atoms;
		/* the first lesson of the class with the same shape names it */
		int c = m->lclass[l];
		for (int i = s->by_class.off[c]; i < s->by_class.off[c + 1]; i++) {
			int k = s->by_class.idx[i];
			if (k >= l)
				break;
			if (m->lclass[k] == c && same_shape(s, k, l)) {
				m->shape[l] = m->shape[k];
				break;
			}
		}
	}
	return 0;
}

void sch_moves_free(sch_moves *m)
{
	free(m->shape);
	free(m->lclass);
	free(m->buf);
	free(m->mark);
	free(m->queue);
	free(m->whole);
	memset(m, 0, sizeof *m);
}

static int sorted_meet(const int *a, int na, const int *b, int nb)
{
	int i = 0, j = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			return 1;
		if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return 0;
}

int sch_moves_share_atom(const sch_school *s, int l, int k)
{
	const sch_lesson_def *x = &s->lessons[l], *y = &s->lessons[k];
	return sorted_meet(x->atoms, x->n_atoms, y->atoms, y->n_atoms);
}

int sch_moves_conflict(const sch_school *s, int l, int k)
{
	const sch_lesson_def *x = &s->lessons[l], *y = &s->lessons[k];
	return sorted_meet(x->teachers, x->n_teachers, y->teachers, y->n_teachers) ||
	       sorted_meet(x->atoms, x->n_atoms, y->atoms, y->n_atoms);
}

/*
 * Adds to the chain every lesson that conflicts with lesson x once x covers the
 * periods [q, q + len(x)) of day d: each must lie wholly inside the interval
 * [lo, lo + k) of that day (the side x moves to), so that it can move to the
 * other side at the same offset; -1 when one does not, or is pinned.
 */
static int grow(sch_moves *m, const sch_solution *sol, int x, int d, int q, int lo, int k, int *n, int max_len)
{
	const sch_school *s = m->s;
	const sch_lesson_def *lx = &s->lessons[x];
	int q_end = q + lx->length;
	for (int pass = 0; pass < 2; pass++) {
		const int *keys = pass == 0 ? lx->teachers : lx->atoms;
		int nk = pass == 0 ? lx->n_teachers : lx->n_atoms;
		int q1 = q_end < m->P ? q_end : m->P;
		for (int i = 0; i < nk; i++) {
			int key = keys[i];
			for (int r = q; r < q1; r++) {
				int slot = d * m->P + r;
				int cnt = pass == 0 ? sch_solution_teacher_count(sol, key, slot) : sch_solution_atom_count(sol, key, slot);
				if (cnt == 0)
					continue;
				if (cnt > 1)
					return -1; /* a clash there already: no chain */
				int y = pass == 0 ? sch_solution_teacher_lesson(sol, key, slot) : sch_solution_atom_lesson(sol, key, slot);
				if (y < 0 || m->mark[y] == m->stamp)
					continue;
				int p = sch_solution_start(sol, y) % m->P, len = s->lessons[y].length;
				if (p < lo || p + len > lo + k || s->lessons[y].pinned >= 0)
					return -1; /* sticks out of the interval, or pinned: no chain */
				if (*n >= max_len)
					return -1;
				m->mark[y] = m->stamp;
				m->queue[(*n)++] = y;
			}
		}
	}
	return 0;
}

int sch_moves_kempe(sch_moves *m, const sch_solution *sol, int l, int a, int b, int max_len)
{
	if (a == b || a < 0 || b < 0)
		return 0;
	int st = sch_solution_start(sol, l);
	if (st != a && st != b)
		return 0;
	if (st == b) { /* the chain is the same from either end */
		int t = a;
		a = b;
		b = t;
	}
	const sch_lesson_def *ll = &m->s->lessons[l];
	int k = ll->length, P = m->P, da = a / P, pa = a % P, db = b / P, pb = b % P;
	if (ll->pinned >= 0)
		return -1;
	if (pa + k > P || pb + k > P || (da == db && pa < pb + k && pb < pa + k))
		return 0; /* past the last bell, or the two intervals overlap */
	if (++m->stamp == 0) {
		memset(m->mark, 0, sizeof(int) * (size_t)m->L);
		m->stamp = 1;
	}
	int n = 0, head = 0;
	m->mark[l] = m->stamp;
	m->queue[n++] = l;
	while (head < n) {
		int x = m->queue[head++], sx = sch_solution_start(sol, x);
		int on_a = sx / P == da && sx % P >= pa && sx % P < pa + k;
		int dest = on_a ? sx - a + b : sx - b + a;
		m->buf[head - 1].lesson = x;
		m->buf[head - 1].slot = dest;
		if (grow(m, sol, x, dest / P, dest % P, on_a ? pb : pa, k, &n, max_len) < 0)
			return -1;
	}
	return n;
}

/* The class-day of class c on day d: its lessons (those covering any of its
 * atoms) into out, sorted by start; returns how many, -1 when over `cap`. */
static int class_day(const sch_moves *m, const sch_solution *sol, int c, int d, int *out, int cap)
{
	const sch_school *s = m->s;
	int n = 0;
	for (int i = s->by_class.off[c]; i < s->by_class.off[c + 1]; i++) {
		int x = s->by_class.idx[i], st = sch_solution_start(sol, x);
		if (st < 0 || st / m->P != d)
			continue;
		if (n >= cap)
			return -1;
		int j = n++;
		while (j > 0 && sch_solution_start(sol, out[j - 1]) > st) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = x;
	}
	return n;
}

int sch_moves_shift(sch_moves *m, const sch_solution *sol, int l, int t)
{
	const sch_school *s = m->s;
	int c = m->lclass[l], st = sch_solution_start(sol, l), P = m->P;
	if (c < 0 || st < 0 || t < 0 || t == st || !m->whole[l] || s->lessons[l].pinned >= 0)
		return 0;
	int k = s->lessons[l].length, d1 = st / P, p = st % P, d2 = t / P, q = t % P;
	if (q + k > P)
		return -1;
	int day1[SCH_MAX_PERIODS * 4], day2[SCH_MAX_PERIODS * 4];
	int n1 = class_day(m, sol, c, d1, day1, SCH_MAX_PERIODS * 4);
	int n2 = d2 == d1 ? 0 : class_day(m, sol, c, d2, day2, SCH_MAX_PERIODS * 4);
	if (n1 < 0 || n2 < 0)
		return -1;
	int n = 0;
	m->buf[n++] = (sch_change){l, t};
	/* the old day closes up behind l; the new day opens at q (on one day: the
	 * positions after l closed up) */
	for (int i = 0; i < n1; i++) {
		int x = day1[i], sx = sch_solution_start(sol, x), px = sx % P, lx = s->lessons[x].length;
		if (x == l)
			continue;
		if (px < p + k && px + lx > p)
			return -1; /* overlaps l: not a plain class-day */
		int np = px >= p + k ? px - k : px;
		if (d2 == d1) {
			if (np < q && np + lx > q)
				return -1; /* would be cut by l */
			if (np >= q)
				np += k;
		}
		if (np != px) {
			if (s->lessons[x].pinned >= 0)
				return -1;
			m->buf[n++] = (sch_change){x, d1 * P + np};
		}
	}
	for (int i = 0; i < n2; i++) {
		int x = day2[i], sx = sch_solution_start(sol, x), px = sx % P, lx = s->lessons[x].length;
		if (px < q && px + lx > q)
			return -1;
		if (px >= q) {
			if (s->lessons[x].pinned >= 0 || px + k + lx > P)
				return -1;
			m->buf[n++] = (sch_change){x, d2 * P + px + k};
		}
	}
	return n;
}

int sch_moves_neighbour(const sch_moves *m, int l, sch_solver_ctx *ctx)
{
	const sch_school *s = m->s;
	const sch_lesson_def *ls = &s->lessons[l];
	if (ls->n_atoms == 0)
		return -1;
	int a = ls->atoms[sch_solver_ctx_below(ctx, (uint32_t)ls->n_atoms)];
	int off = s->by_atom.off[a], n = s->by_atom.off[a + 1] - off;
	for (int tries = 0; tries < 8 && n > 0; tries++) {
		int k = s->by_atom.idx[off + (int)sch_solver_ctx_below(ctx, (uint32_t)n)];
		if (k != l && s->lessons[k].pinned < 0)
			return k;
	}
	return -1;
}

int sch_moves_violating(const sch_moves *m, const sch_solution *sol, int l)
{
	const sch_school *s = m->s;
	const sch_lesson_def *ls = &s->lessons[l];
	int st = sch_solution_start(sol, l), bad = 0;
	if (st < 0 || SCH_COST_HARD(sch_solution_static_cost(sol, l, st)) > 0)
		return 1;
	int d = st / m->P, p = st % m->P;
	for (int k = 0; k < ls->length && p + k < m->P && !bad; k++) {
		for (int i = 0; i < ls->n_teachers && !bad; i++)
			bad = sch_solution_teacher_count(sol, ls->teachers[i], st + k) > 1;
		for (int i = 0; i < ls->n_atoms && !bad; i++)
			bad = sch_solution_atom_count(sol, ls->atoms[i], st + k) > 1;
		if (!bad && ls->rooms_needed > 0 && ls->room_kind >= 0)
			bad = sch_solution_kind_count(sol, ls->room_kind, st + k) > s->rooms_of_kind[ls->room_kind];
	}
	/* pupil gaps, day limits, the subject twice: the lesson's teacher- and class-days */
	for (int i = 0; i < ls->n_teachers && !bad; i++) {
		const sch_teacher_def *te = &s->teachers[ls->teachers[i]];
		bad = te->max_per_day > 0 &&
		      sch__pop32(sch_solution_teacher_day(sol, ls->teachers[i], d)) > te->max_per_day;
	}
	for (int i = 0; i < ls->n_atoms && !bad; i++) {
		int a = ls->atoms[i];
		const sch_class_def *cl = &s->classes[s->atom_class[a]];
		uint32_t mk = sch_solution_atom_day(sol, a, d);
		int first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
		int hi = 31 - __builtin_clz(mk);
		int lo = s->rules.late_start ? __builtin_ctz(mk) : first;
		if (hi >= lo && s->rules.pupil_gaps != SCH_PUPIL_GAPS_ALLOWED) {
			uint32_t range = (uint32_t)(((uint64_t)1 << (hi + 1)) - ((uint64_t)1 << lo));
			bad = (mk & range) != range;
		}
		if (!bad && cl->max_per_day > 0)
			bad = sch__pop32(mk) > cl->max_per_day;
	}
	for (int i = 0; i < ls->n_atoms && !bad && s->rules.subject_once_a_day; i++)
		bad = sch_solution_subject_count(sol, ls->atoms[i], d, ls->subject) > 1;
	/* the constraints section's hard rules */
	if (!bad && s->n_constraints > 0)
		bad = sch_solution_con_violating(sol, l);
	return bad;
}

int sch_moves_violations(const sch_moves *m, const sch_solution *sol, int *out)
{
	int n = 0;
	for (int l = 0; l < m->L; l++)
		if (sch_moves_violating(m, sol, l))
			out[n++] = l;
	return n;
}
