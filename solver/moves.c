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
	if (!m->shape || !m->lclass || !m->buf || !m->mark || !m->queue) {
		sch_moves_free(m);
		return sch_error_set(SCH_ENOMEM, "out of memory");
	}
	for (int l = 0; l < m->L; l++) {
		const sch_lesson_def *ls = &s->lessons[l];
		m->lclass[l] = ls->n_atoms > 0 ? s->atom_class[ls->atoms[0]] : -1;
		m->shape[l] = l;
		if (m->lclass[l] < 0)
			continue;
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

/* Adds to the chain every lesson starting at `slot` that conflicts with lesson l. */
static int grow(sch_moves *m, const sch_solution *sol, int l, int slot, int *n, int max_len)
{
	const sch_school *s = m->s;
	const sch_lesson_def *ls = &s->lessons[l];
	for (int pass = 0; pass < 2; pass++) {
		const sch_index *ix = pass == 0 ? &s->by_teacher : &s->by_atom;
		const int *keys = pass == 0 ? ls->teachers : ls->atoms;
		int nk = pass == 0 ? ls->n_teachers : ls->n_atoms;
		for (int i = 0; i < nk; i++) {
			int key = keys[i];
			for (int j = ix->off[key]; j < ix->off[key + 1]; j++) {
				int k = ix->idx[j];
				if (m->mark[k] == m->stamp)
					continue;
				int st = sch_solution_start(sol, k);
				if (st < 0 || st / m->P != slot / m->P)
					continue;
				int p = st % m->P, q = slot % m->P;
				if (q < p || q >= p + s->lessons[k].length)
					continue;
				if (st != slot || s->lessons[k].length != 1 || s->lessons[k].pinned >= 0)
					return -1; /* a double lesson or a pinned one: no simple chain */
				if (*n >= max_len)
					return -1;
				m->mark[k] = m->stamp;
				m->queue[(*n)++] = k;
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
	if (m->s->lessons[l].length != 1 || m->s->lessons[l].pinned >= 0)
		return -1;
	if (++m->stamp == 0) {
		memset(m->mark, 0, sizeof(int) * (size_t)m->L);
		m->stamp = 1;
	}
	int n = 0, head = 0;
	m->mark[l] = m->stamp;
	m->queue[n++] = l;
	while (head < n) {
		int k = m->queue[head++];
		int other = sch_solution_start(sol, k) == a ? b : a;
		if (grow(m, sol, k, other, &n, max_len) < 0)
			return -1;
	}
	for (int i = 0; i < n; i++) {
		int k = m->queue[i];
		m->buf[i].lesson = k;
		m->buf[i].slot = sch_solution_start(sol, k) == a ? b : a;
	}
	return n;
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
		      __builtin_popcount(sch_solution_teacher_day(sol, ls->teachers[i], d)) > te->max_per_day;
	}
	for (int i = 0; i < ls->n_atoms && !bad; i++) {
		int a = ls->atoms[i];
		const sch_class_def *cl = &s->classes[s->atom_class[a]];
		uint32_t mk = sch_solution_atom_day(sol, a, d);
		int first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
		int hi = 31 - __builtin_clz(mk);
		int lo = s->rules.late_start ? __builtin_ctz(mk) : first;
		if (hi >= lo) {
			uint32_t range = (uint32_t)(((uint64_t)1 << (hi + 1)) - ((uint64_t)1 << lo));
			bad = (mk & range) != range;
		}
		if (!bad && cl->max_per_day > 0)
			bad = __builtin_popcount(mk) > cl->max_per_day;
	}
	if (!bad && s->rules.subject_once_a_day) {
		int c = m->lclass[l];
		for (int i = c >= 0 ? s->by_class.off[c] : 0; c >= 0 && i < s->by_class.off[c + 1] && !bad; i++) {
			int k = s->by_class.idx[i], sk = sch_solution_start(sol, k);
			bad = k != l && sk >= 0 && sk / m->P == d && s->lessons[k].subject == ls->subject &&
			      sch_moves_share_atom(s, l, k);
		}
	}
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
