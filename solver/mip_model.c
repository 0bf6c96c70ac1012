/* Building the integer program (variables, rows, objective) over a solution, in plain arrays: no GLPK here. */
#include <stdlib.h>
#include <string.h>

#include "mip_model.h"

/*
 * The formulation (docs/rules.md names the terms; every row below holds for every
 * feasible timetable, and the objective there is exactly the verifier's soft cost):
 *
 *   x[g,s]   binary: a lesson of group g (the identical lessons of a line) starts at s;
 *            Σ_s x[g,s] = n_g. Columns only for legal starts that no fixed lesson rules
 *            out (a clash, a daily limit, the subject twice, the rooms of a kind full,
 *            past the class's daily limit when days start at the shift's first bell).
 *            Costs on x: period_pref, hard_periods, methodical_day, moved (minus the
 *            reference slots the group keeps), −teacher_gap·(periods covered).
 *   TB, AB   "teacher / atom busy at (d,p)": Σ x covering the period + fixed lessons.
 *
 *   atom-days   r[a,d,run] continuous: the atom's busy periods that day are exactly the
 *            run (from the shift's first period; any contiguous run with late_start):
 *            AB[a,d,p] = Σ_{runs ∋ p} r, Σ r ≤ 1 (= 1 when a fixed lesson is there).
 *            Runs longer than the daily limit do not exist. This is the convex hull of
 *            the gap-free days: it gives the clash, no-gap and daily-limit rules at
 *            once, and class_balance is linear in r (its cost by run length).
 *   classes  whose atoms differ (group-only lines): U[c,d,p] = max over atoms
 *            (U ≥ AB, U ≤ Σ AB), busy(d) = Σ_p U; lo = ⌊T/W⌋, hi = lo + δ integer when T
 *            can vary; e ≥ busy − hi, f ≥ lo − busy.
 *   teacher-days  per shift of the teacher's lessons (when the shifts' bells do not
 *            overlap) u[t,d,i,j] continuous: that shift's lessons span bells i..j;
 *            TB[p] ≤ Σ_{u ∋ p} u, the span's ends are busy (Σ_j u[i,j] ≤ TB[i], and at
 *            j), Σ u ≤ 1; teacher_gap = Σ |i..j|·u − Σ TB (the second part is on x).
 *            Teachers whose shifts overlap: c[i,j] ≥ TB_sh[i] + TB_sh[j] − 1 − Σ_{i<k<j} TB[k]
 *            at cost j−i−1 (an idle run between two lessons of one shift), and clash rows.
 *            w[t,d] ≥ Σ u (and ≥ TB), Σ_p TB ≤ cap·w; teacher_days e ≥ Σ_d w − max_days;
 *            daily limits Σ_p TB ≤ max.
 *   difficulty  e_0, e_last ≥ L − L1 − big·z, ≥ L − L2 − big·(1−z) (z binary picks the
 *            harder of Tuesday and Wednesday) and ≥ L − L1 − L2.
 *   spread   q[line,d] ≥ cnt[d] + cnt[d+1] − 1 (a subject once a day), or pairs of
 *            count indicators when a line may have two lessons a day.
 *   rows     a subject at most once a day per atom; rooms of a kind per slot.
 *   pupils' gaps allowed: per atom-day a clash row per period and the daily limit, no runs.
 *   constraints section (build_constraints): allowed_starts, unavailable on the columns;
 *            spread, min_days_between by day counts; per teacher or atom w[d] (works that
 *            day) and span columns for idle periods, as docs/solver.md says.
 *
 * Atoms whose lessons are the same (the groups of a division that only has split
 * lessons) share one set of rows. Identical lessons are one group, so there are no
 * symmetric copies; the moved term counts, for each group, the labelling that keeps
 * most lessons at their reference slots (sch_mip_changes labels them so).
 *
 * A sub-model (spec->free) has columns for the free lessons only, and rows and costs
 * for the teachers, atoms, classes and lines they touch; the other lessons are
 * constants. spec->relax leaves teacher gaps, difficulty and spread out: about half
 * the model (the teacher spans are most of it), whose LP is a weaker bound, still valid
 * (on the M bench school 21 against 34), and solved about five times faster.
 */

typedef struct {
	sch_mip *m;
	const sch_solution *sol;
	const sch_school *s;
	int whole;
	int relax;           /* a relaxation for a bound: teacher gaps, difficulty and spread left out */
	uint32_t day_mask;
	int L, T, A, C, K, NL, D, P, S;
	int *pos;            /* L: fixed start slot, -1 when free or unplaced */
	unsigned char *ft;   /* T*S: fixed lessons covering */
	unsigned char *fa;   /* A*S */
	int *fk;             /* K*S: fixed room demand */
	int *rep;            /* A: representative atom of each atom */
	int *nrep;           /* C: representative atoms of the class */
	int *tg_off, *tg;    /* teacher -> groups */
	int *ag_off, *ag;    /* representative atom -> groups covering it */
	int *cg_off, *cg;    /* class -> groups covering any of its atoms */
	int *lg_off, *lg;    /* line -> groups */
	/* the row being written */
	int *stamp, *spos;
	int row_id;
	int *rcols;
	double *rvals;
	int rn, rcap;
	double rconst;
	int failed;          /* out of memory */
	int infeasible;      /* a row of constants is broken */
	/* scratch */
	int *tmp;            /* for group lists */
	int *arc;            /* atom-day run columns (per day) */
	int *arlen;
	int *tshifts;        /* the shifts of one teacher's lessons */
	/* the constraints section */
	int *gstamp, gstamp_id; /* L: per group, seen in this list */
	int *pw, *pspan;        /* (T+A)*D: a person's "works that day" column, first span column;
	                         * -1 not made yet, -2 none (fixed lessons decide it) */
	uint32_t *poff;         /* (T+A)*D: a person's hard unavailable periods (skip_unavailable) */
	unsigned char *poff_done; /* T+A: poff worked out */
	int *sc_ci, *sc_per;    /* constraints: the allowed_starts and unavailable of one lesson */
} mb;

#define W_(b, field) ((b)->s->weights.field)

static uint32_t cover_bits(int p, int len, int P)
{
	return sch__cover_bits(p, len, P);
}

/* ---- growing arrays ---- */

static int grow(void **p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return 0;
	int nc = *cap ? *cap : 256;
	while (nc < need)
		nc *= 2;
	void *np = realloc(*p, (size_t)nc * size);
	if (!np)
		return -1;
	*p = np;
	*cap = nc;
	return 0;
}

static int col_new(mb *b, int kind, double lb, double ub, double obj)
{
	sch_mip *m = b->m;
	if (b->failed)
		return -1;
	if (m->n_cols + 1 > m->cap_cols) {
		int cap = m->cap_cols, cap2 = m->cap_cols, cap3 = m->cap_cols, cap4 = m->cap_cols, cap5 = m->cap_cols,
		    cap6 = m->cap_cols;
		if (grow((void **)&m->ckind, &cap, m->n_cols + 1, 1) || grow((void **)&m->clb, &cap2, m->n_cols + 1, 8) ||
		    grow((void **)&m->cub, &cap3, m->n_cols + 1, 8) || grow((void **)&m->cobj, &cap4, m->n_cols + 1, 8) ||
		    grow((void **)&b->stamp, &cap5, m->n_cols + 1, sizeof(int)) ||
		    grow((void **)&b->spos, &cap6, m->n_cols + 1, sizeof(int))) {
			b->failed = 1;
			return -1;
		}
		for (int i = m->cap_cols; i < cap5; i++)
			b->stamp[i] = 0;
		m->cap_cols = cap;
	}
	int j = m->n_cols++;
	m->ckind[j] = (unsigned char)kind;
	m->clb[j] = lb;
	m->cub[j] = ub;
	m->cobj[j] = obj;
	return j;
}

static void obj_add(mb *b, int col, double v)
{
	if (col >= 0 && !b->failed)
		b->m->cobj[col] += v;
}

static void row_start(mb *b)
{
	b->rn = 0;
	b->rconst = 0;
	b->row_id++;
}

static void row_add(mb *b, int col, double v)
{
	if (col < 0 || v == 0 || b->failed)
		return;
	if (b->stamp[col] == b->row_id) {
		b->rvals[b->spos[col]] += v;
		return;
	}
	if (b->rn + 1 > b->rcap) {
		int cap = b->rcap ? b->rcap * 2 : 256;
		int *nc = realloc(b->rcols, sizeof(int) * (size_t)cap);
		if (nc)
			b->rcols = nc;
		double *nv = realloc(b->rvals, sizeof(double) * (size_t)cap);
		if (nv)
			b->rvals = nv;
		if (!nc || !nv) {
			b->failed = 1;
			return;
		}
		b->rcap = cap;
	}
	b->stamp[col] = b->row_id;
	b->spos[col] = b->rn;
	b->rcols[b->rn] = col;
	b->rvals[b->rn] = v;
	b->rn++;
}

static void row_konst(mb *b, double c)
{
	b->rconst += c;
}

/* Ends the row `expression  sense  rhs` (the expression's constant moves right). */
static void row_end(mb *b, int sense, double rhs)
{
	sch_mip *m = b->m;
	if (b->failed)
		return;
	rhs -= b->rconst;
	int n = 0;
	for (int i = 0; i < b->rn; i++)
		if (b->rvals[i] != 0)
			n++;
	if (n == 0) {
		const double eps = 1e-9;
		if ((sense == SCH_MR_LE && 0 > rhs + eps) || (sense == SCH_MR_GE && 0 < rhs - eps) ||
		    (sense == SCH_MR_EQ && (rhs > eps || rhs < -eps)))
			b->infeasible = 1;
		return;
	}
	if (m->n_rows + 1 > m->cap_rows) {
		int cap = m->cap_rows, cap2 = m->cap_rows;
		if (grow((void **)&m->rtype, &cap, m->n_rows + 1, 1) || grow((void **)&m->rrhs, &cap2, m->n_rows + 1, 8)) {
			b->failed = 1;
			return;
		}
		m->cap_rows = cap;
	}
	if (m->nnz + (size_t)n > m->cap_nnz) {
		size_t cap = m->cap_nnz ? m->cap_nnz : 4096;
		while (cap < m->nnz + (size_t)n)
			cap *= 2;
		int *ia = realloc(m->ia, sizeof(int) * cap);
		if (ia)
			m->ia = ia;
		int *ja = realloc(m->ja, sizeof(int) * cap);
		if (ja)
			m->ja = ja;
		double *ar = realloc(m->ar, sizeof(double) * cap);
		if (ar)
			m->ar = ar;
		if (!ia || !ja || !ar) {
			b->failed = 1;
			return;
		}
		m->cap_nnz = cap;
	}
	int r = m->n_rows++;
	m->rtype[r] = (unsigned char)sense;
	m->rrhs[r] = rhs;
	for (int i = 0; i < b->rn; i++) {
		if (b->rvals[i] == 0)
			continue;
		m->ia[m->nnz] = r;
		m->ja[m->nnz] = b->rcols[i];
		m->ar[m->nnz] = b->rvals[i];
		m->nnz++;
	}
}

/* ---- what the school says about a lesson ---- */

static int subject_difficulty(const sch_school *s, int subject, int cls)
{
	int g = s->classes[cls].grade;
	return g >= 1 && g <= SCH_MAX_GRADE ? s->subjects[subject].difficulty[g] : 0;
}

static int first_class(const sch_school *s, int l)
{
	const sch_line_def *ln = &s->lines[s->lessons[l].line];
	return ln->n_classes > 0 ? ln->classes[0] : -1;
}

/* The lesson's own soft cost at a slot, moved aside: period preferences and hard periods (rules.md). */
static double static_soft(const sch_school *s, int l, int slot)
{
	const sch_lesson_def *ls = &s->lessons[l];
	const sch_subject_def *sub = &s->subjects[ls->subject];
	int P = s->n_periods, p = slot % P;
	int has_shift = ls->shift >= 0 && ls->shift < s->n_shifts;
	int first = has_shift ? s->shifts[ls->shift].first : 0;
	int fc = first_class(s, l);
	int grade = fc >= 0 ? s->classes[fc].grade : 0;
	int is_hard = fc >= 0 && subject_difficulty(s, ls->subject, fc) >= s->rules.hard_difficulty;
	int hi_pos = grade <= 4 ? 3 : 4, pref = 0, hardp = 0;
	for (int k = 0; k < ls->length && p + k < P; k++) {
		int q = p + k, pos = q - first;
		for (int t = 0; t < ls->n_teachers; t++) {
			const sch_teacher_def *te = &s->teachers[ls->teachers[t]];
			if ((te->avoid_periods >> q) & 1u)
				pref++;
			if (te->prefer_periods && !((te->prefer_periods >> q) & 1u))
				pref++;
		}
		if (!has_shift)
			continue;
		if (pos >= 0 && pos < 32) {
			if ((sub->avoid_periods >> pos) & 1u)
				pref++;
			if (sub->prefer_periods && !((sub->prefer_periods >> pos) & 1u))
				pref++;
		} else if (sub->prefer_periods) {
			pref++;
		}
		if (is_hard && (pos + 1 < 2 || pos + 1 > hi_pos))
			hardp++;
	}
	return (double)pref * s->weights.period_pref + (double)hardp * s->weights.hard_periods;
}

static int static_cons(mb *b, int l);
static double static_cost(const mb *b, int l, int slot, int n, int *hard);

static const sch_shift_def *class_shift(const sch_school *s, int c)
{
	int sh = s->classes[c].shift;
	return sh >= 0 && sh < s->n_shifts ? &s->shifts[sh] : NULL;
}

static int class_week(const mb *b, int c)
{
	int w = b->s->classes[c].week_days;
	return w < b->D ? w : b->D;
}

/* ---- covering expressions ---- */

/* First index of an ascending array a[0..n) whose value is >= x (n when none). */
static int lower_bound(const int *a, int n, int x)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (a[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First column of g with a start slot >= slot. */
static int first_ge(const sch_mip_group *g, int slot)
{
	return lower_bound(g->slot, g->n_cols, slot);
}

/* Adds coef * x for the columns of groups gl[0..ng) covering period p of day d; to
 * the objective instead of the row when `to_obj`. Returns how many. */
static int add_cover(mb *b, const int *gl, int ng, int d, int p, double coef, int to_obj)
{
	int P = b->P, n = 0;
	for (int i = 0; i < ng; i++) {
		const sch_mip_group *g = &b->m->groups[gl[i]];
		int lo = d * P + p - g->length + 1, hi = d * P + p;
		if (lo < d * P)
			lo = d * P;
		for (int k = first_ge(g, lo); k < g->n_cols && g->slot[k] <= hi; k++) {
			if (to_obj)
				obj_add(b, g->col0 + k, coef);
			else
				row_add(b, g->col0 + k, coef);
			n++;
		}
	}
	return n;
}

/* Adds coef * x for the columns of the groups starting on day d (each lesson once). */
static int add_day(mb *b, const int *gl, int ng, int d, const double *coef_of_group, double scale)
{
	int P = b->P, n = 0;
	for (int i = 0; i < ng; i++) {
		const sch_mip_group *g = &b->m->groups[gl[i]];
		double c = (coef_of_group ? coef_of_group[i] : 1.0) * scale;
		for (int k = first_ge(g, d * P); k < g->n_cols && g->slot[k] < (d + 1) * P; k++) {
			row_add(b, g->col0 + k, c);
			n++;
		}
	}
	return n;
}

/* Periods of day d the groups' columns may cover. */
static uint32_t cols_mask(const mb *b, const int *gl, int ng, int d)
{
	int P = b->P;
	uint32_t m = 0;
	for (int i = 0; i < ng; i++) {
		const sch_mip_group *g = &b->m->groups[gl[i]];
		for (int k = first_ge(g, d * P); k < g->n_cols && g->slot[k] < (d + 1) * P; k++)
			m |= cover_bits(g->slot[k] % P, g->length, P);
	}
	return m;
}

static uint32_t fixed_mask(const mb *b, const unsigned char *grid, int key, int d)
{
	uint32_t m = 0;
	const unsigned char *row = grid + (size_t)key * b->S + (size_t)d * b->P;
	for (int p = 0; p < b->P; p++)
		if (row[p])
			m |= 1u << p;
	return m;
}

static int lesson_pos(const mb *b, int l)
{
	return b->pos[l];
}

/* ---- preparation ---- */

/* Atoms with the same lessons (the groups of a division with only split lessons) share rows. */
static int build_reps(mb *b)
{
	const sch_school *s = b->s;
	b->rep = malloc(sizeof(int) * (size_t)(b->A + 1));
	b->nrep = calloc((size_t)b->C + 1, sizeof(int));
	if (!b->rep || !b->nrep)
		return -1;
	for (int c = 0; c < b->C; c++) {
		const sch_class_def *cl = &s->classes[c];
		for (int i = 0; i < cl->n_atoms; i++) {
			int a = cl->atom_first + i, na = s->by_atom.off[a + 1] - s->by_atom.off[a];
			b->rep[a] = a;
			for (int k = 0; k < i; k++) {
				int r = cl->atom_first + k;
				if (b->rep[r] != r)
					continue;
				int nr = s->by_atom.off[r + 1] - s->by_atom.off[r];
				if (nr == na && memcmp(s->by_atom.idx + s->by_atom.off[a], s->by_atom.idx + s->by_atom.off[r],
						       sizeof(int) * (size_t)na) == 0) {
					b->rep[a] = r;
					break;
				}
			}
			if (b->rep[a] == a)
				b->nrep[c]++;
		}
	}
	return 0;
}

/* CSR lists key -> groups from a function giving a group's keys. */
typedef int (*keys_fn)(const mb *b, const sch_mip_group *g, int *out);

static int teacher_keys(const mb *b, const sch_mip_group *g, int *out)
{
	const sch_lesson_def *ls = &b->s->lessons[g->lessons[0]];
	memcpy(out, ls->teachers, sizeof(int) * (size_t)ls->n_teachers);
	return ls->n_teachers;
}

static int dedupe(int *a, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		int seen = 0;
		for (int j = 0; j < k && !seen; j++)
			seen = a[j] == a[i];
		if (!seen)
			a[k++] = a[i];
	}
	return k;
}

static int atom_keys(const mb *b, const sch_mip_group *g, int *out)
{
	const sch_lesson_def *ls = &b->s->lessons[g->lessons[0]];
	for (int i = 0; i < ls->n_atoms; i++)
		out[i] = b->rep[ls->atoms[i]];
	return dedupe(out, ls->n_atoms);
}

static int class_keys(const mb *b, const sch_mip_group *g, int *out)
{
	const sch_lesson_def *ls = &b->s->lessons[g->lessons[0]];
	for (int i = 0; i < ls->n_atoms; i++)
		out[i] = b->s->atom_class[ls->atoms[i]];
	return dedupe(out, ls->n_atoms);
}

static int line_keys(const mb *b, const sch_mip_group *g, int *out)
{
	(void)b;
	out[0] = g->line;
	return 1;
}

static int build_index(mb *b, int n_keys, keys_fn fn, int **off_out, int **idx_out)
{
	int maxk = 1;
	for (int l = 0; l < b->L; l++) {
		const sch_lesson_def *ls = &b->s->lessons[l];
		if (ls->n_atoms > maxk)
			maxk = ls->n_atoms;
		if (ls->n_teachers > maxk)
			maxk = ls->n_teachers;
	}
	int *keys = malloc(sizeof(int) * (size_t)(maxk + 1));
	int *off = calloc((size_t)n_keys + 2, sizeof(int));
	if (!keys || !off) {
		free(keys);
		free(off);
		return -1;
	}
	for (int g = 0; g < b->m->n_groups; g++) {
		int n = fn(b, &b->m->groups[g], keys);
		for (int i = 0; i < n; i++)
			off[keys[i] + 1]++;
	}
	for (int k = 0; k < n_keys; k++)
		off[k + 1] += off[k];
	int *idx = malloc(sizeof(int) * (size_t)(off[n_keys] + 1));
	int *fill = calloc((size_t)n_keys + 1, sizeof(int));
	if (!idx || !fill) {
		free(keys);
		free(off);
		free(idx);
		free(fill);
		return -1;
	}
	for (int g = 0; g < b->m->n_groups; g++) {
		int n = fn(b, &b->m->groups[g], keys);
		for (int i = 0; i < n; i++)
			idx[off[keys[i]] + fill[keys[i]]++] = g;
	}
	free(keys);
	free(fill);
	*off_out = off;
	*idx_out = idx;
	return 0;
}

/* Fixed occupancy of the lessons that are not free. */
static int build_fixed(mb *b, const unsigned char *isfree)
{
	const sch_school *s = b->s;
	b->pos = malloc(sizeof(int) * (size_t)(b->L + 1));
	b->ft = calloc((size_t)b->T * b->S + 1, 1);
	b->fa = calloc((size_t)b->A * b->S + 1, 1);
	b->fk = calloc((size_t)b->K * b->S + 1, sizeof(int));
	if (!b->pos || !b->ft || !b->fa || !b->fk)
		return -1;
	for (int l = 0; l < b->L; l++) {
		const sch_lesson_def *ls = &s->lessons[l];
		int st = sch_solution_start(b->sol, l);
		if (isfree[l]) {
			b->pos[l] = -1;
			continue;
		}
		if (b->whole && ls->pinned >= 0)
			st = ls->pinned;
		b->pos[l] = st;
		if (st < 0)
			continue;
		int d = st / b->P, p = st % b->P;
		for (int q = p; q < p + ls->length && q < b->P; q++) {
			int slot = d * b->P + q;
			for (int i = 0; i < ls->n_teachers; i++)
				b->ft[(size_t)ls->teachers[i] * b->S + slot]++;
			for (int i = 0; i < ls->n_atoms; i++)
				b->fa[(size_t)ls->atoms[i] * b->S + slot]++;
			if (ls->rooms_needed > 0 && ls->room_kind >= 0)
				b->fk[(size_t)ls->room_kind * b->S + slot] += ls->rooms_needed;
		}
	}
	return 0;
}

/* May a lesson of the group start at slot, given the fixed lessons? */
static int slot_open(const mb *b, int l, int slot)
{
	const sch_school *s = b->s;
	const sch_lesson_def *ls = &s->lessons[l];
	int d = slot / b->P, p = slot % b->P;
	if (b->day_mask && !((b->day_mask >> d) & 1u))
		return 0;
	uint32_t bits = cover_bits(p, ls->length, b->P);
	for (int i = 0; i < ls->n_teachers; i++) {
		int t = ls->teachers[i];
		uint32_t fm = fixed_mask(b, b->ft, t, d);
		if (fm & bits)
			return 0;
		int max = s->teachers[t].max_per_day;
		if (max > 0 && __builtin_popcount(fm | bits) > max)
			return 0;
	}
	for (int i = 0; i < ls->n_atoms; i++) {
		int a = ls->atoms[i];
		const sch_class_def *cl = &s->classes[s->atom_class[a]];
		uint32_t fm = fixed_mask(b, b->fa, a, d);
		if (fm & bits)
			return 0;
		if (cl->max_per_day > 0 && __builtin_popcount(fm | bits) > cl->max_per_day)
			return 0;
		const sch_shift_def *sh = class_shift(s, s->atom_class[a]);
		/* without late_start a day is a prefix of the shift: it ends by the daily limit */
		if (!s->rules.late_start && s->rules.pupil_gaps != SCH_PUPIL_GAPS_ALLOWED && sh && cl->max_per_day > 0 &&
		    p + ls->length - 1 - sh->first >= cl->max_per_day)
			return 0;
	}
	if (ls->rooms_needed > 0 && ls->room_kind >= 0)
		for (int q = p; q < p + ls->length && q < b->P; q++)
			if (b->fk[(size_t)ls->room_kind * b->S + d * b->P + q] + ls->rooms_needed >
			    s->rooms_of_kind[ls->room_kind])
				return 0;
	if (s->rules.subject_once_a_day)
		for (int i = 0; i < ls->n_atoms; i++) {
			int a = ls->atoms[i];
			for (int k = s->by_atom.off[a]; k < s->by_atom.off[a + 1]; k++) {
				int o = s->by_atom.idx[k], st = lesson_pos(b, o);
				if (o != l && st >= 0 && st / b->P == d && s->lessons[o].subject == ls->subject)
					return 0;
			}
		}
	return 1;
}

static int build_groups(mb *b, const unsigned char *isfree)
{
	const sch_school *s = b->s;
	sch_mip *m = b->m;
	m->lgroup = malloc(sizeof(int) * (size_t)(b->L + 1));
	m->groups = calloc((size_t)b->L + 1, sizeof(sch_mip_group));
	if (!m->lgroup || !m->groups)
		return -1;
	for (int l = 0; l < b->L; l++)
		m->lgroup[l] = -1;
	for (int i = 0; i < s->n_lines; i++) {
		const sch_line_def *ln = &s->lines[i];
		for (int k = ln->first_lesson; k < ln->first_lesson + ln->n_lessons; k++) {
			if (!isfree[k] || m->lgroup[k] >= 0)
				continue;
			sch_mip_group *g = &m->groups[m->n_groups];
			g->line = i;
			g->length = s->lessons[k].length;
			g->lessons = malloc(sizeof(int) * (size_t)ln->n_lessons);
			if (!g->lessons)
				return -1;
			for (int j = k; j < ln->first_lesson + ln->n_lessons; j++)
				if (isfree[j] && m->lgroup[j] < 0 && s->lessons[j].length == g->length) {
					g->lessons[g->n++] = j;
					m->lgroup[j] = m->n_groups;
				}
			m->n_free += g->n;
			m->n_groups++;
		}
	}
	/* the x columns: one per open start slot of each group */
	for (int gi = 0; gi < m->n_groups; gi++) {
		sch_mip_group *g = &m->groups[gi];
		int l = g->lessons[0];
		g->slot = malloc(sizeof(int) * (size_t)(b->S + 1));
		if (!g->slot)
			return -1;
		g->col0 = m->n_cols;
		int n_sc = s->n_constraints > 0 ? static_cons(b, l) : 0;
		for (int slot = 0; slot < b->S; slot++) {
			if (!sch_slotset_has(&s->lessons[l].legal, slot) || !slot_open(b, l, slot))
				continue;
			double c = static_soft(s, l, slot);
			int hard = 0;
			if (n_sc)
				c += static_cost(b, l, slot, n_sc, &hard);
			if (hard)
				continue;
			if (col_new(b, SCH_MC_BIN, 0, 1, c) < 0)
				return -1;
			g->slot[g->n_cols++] = slot;
		}
		if (g->n_cols < g->n)
			b->infeasible = 1;
	}
	m->n_x = m->n_cols;
	return 0;
}

/* ---- rows of each entity ---- */

static void group_rows(mb *b)
{
	sch_mip *m = b->m;
	for (int gi = 0; gi < m->n_groups; gi++) {
		sch_mip_group *g = &m->groups[gi];
		row_start(b);
		for (int k = 0; k < g->n_cols; k++)
			row_add(b, g->col0 + k, 1);
		row_end(b, SCH_MR_EQ, g->n);
	}
}

/* Gaps of a teacher-day made of fixed lessons only, as the verifier counts them. */
static int fixed_teacher_gap(const mb *b, int t, int d)
{
	const sch_school *s = b->s;
	int shift_at[SCH_MAX_PERIODS];
	for (int p = 0; p < b->P; p++)
		shift_at[p] = -2;
	for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1]; k++) {
		int l = s->by_teacher.idx[k], st = lesson_pos(b, l);
		if (st < 0 || st / b->P != d)
			continue;
		for (int q = st % b->P; q < st % b->P + s->lessons[l].length && q < b->P; q++)
			if (shift_at[q] == -2)
				shift_at[q] = s->lessons[l].shift;
	}
	int prev = -1, gaps = 0;
	for (int q = 0; q < b->P; q++) {
		if (shift_at[q] == -2)
			continue;
		if (prev >= 0 && q - prev - 1 > 0 && shift_at[prev] == shift_at[q])
			gaps += q - prev - 1;
		prev = q;
	}
	return gaps;
}

/* TB[t,d,p] into the current row: the teacher's columns covering it and the fixed lessons. */
static void add_tb(mb *b, const int *gl, int ng, int t, int d, int p, double coef)
{
	add_cover(b, gl, ng, d, p, coef, 0);
	row_konst(b, coef * b->ft[(size_t)t * b->S + d * b->P + p]);
}

/* Fixed lessons of shift sh covering (t, d, p). */
static int fixed_shift_cover(const mb *b, int t, int d, int p, int sh)
{
	const sch_school *s = b->s;
	int n = 0;
	for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1]; k++) {
		int l = s->by_teacher.idx[k], st = lesson_pos(b, l);
		if (st < 0 || st / b->P != d || s->lessons[l].shift != sh)
			continue;
		if (p >= st % b->P && p < st % b->P + s->lessons[l].length)
			n++;
	}
	return n;
}

static void build_teacher(mb *b, int t)
{
	const sch_school *s = b->s;
	const sch_teacher_def *te = &s->teachers[t];
	const int *gl = b->tg + b->tg_off[t];
	int ng = b->tg_off[t + 1] - b->tg_off[t];
	int wg = b->relax ? 0 : W_(b, teacher_gap), wtd = W_(b, teacher_days), wmd = W_(b, methodical_day);
	int any = 0;
	for (int i = 0; i < ng; i++)
		any |= b->m->groups[gl[i]].n_cols > 0;
	if (!any && !b->whole)
		return;
	/* the shifts of its lessons, and whether their bells overlap */
	int *shifts = b->tshifts, nsh = 0, overlap = 0;
	for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1]; k++) {
		int sh = s->lessons[s->by_teacher.idx[k]].shift, seen = 0;
		if (sh < 0 || sh >= s->n_shifts)
			continue;
		for (int i = 0; i < nsh; i++)
			seen |= shifts[i] == sh;
		if (!seen)
			shifts[nsh++] = sh;
	}
	for (int i = 0; i < nsh; i++)
		for (int j = i + 1; j < nsh; j++) {
			const sch_shift_def *x = &s->shifts[shifts[i]], *y = &s->shifts[shifts[j]];
			if (x->first <= y->last && y->first <= x->last)
				overlap = 1;
		}
	int want_days = wtd > 0 && te->max_days > 0;
	int wcol[SCH_MAX_DAYS], wconst = 0;
	int *shl = b->tmp; /* groups of one shift */
	for (int d = 0; d < b->D; d++) {
		wcol[d] = -1;
		uint32_t fm = fixed_mask(b, b->ft, t, d), cm = any ? cols_mask(b, gl, ng, d) : 0, maybe = fm | cm;
		if (d == te->methodical_day && wmd > 0) {
			for (int p = 0; p < b->P; p++)
				if ((cm >> p) & 1u)
					add_cover(b, gl, ng, d, p, wmd, 1);
			if (b->whole || cm)
				b->m->obj_const += (double)wmd * __builtin_popcount(fm);
		}
		if (!cm) {
			if (fm)
				wconst++;
			if (b->whole && wg > 0 && fm)
				b->m->obj_const += (double)wg * fixed_teacher_gap(b, t, d);
			continue;
		}
		int modelled = 0; /* periods covered by span variables */
		int span_cols[512], n_span = 0;
		if (wg > 0 && !overlap) {
			for (int i = 0; i < nsh; i++) {
				const sch_shift_def *sh = &s->shifts[shifts[i]];
				uint32_t R = cover_bits(sh->first, sh->last - sh->first + 1, b->P), mr = maybe & R, fr = fm & R;
				if (!mr)
					continue;
				if (!(cm & R)) { /* fixed lessons only in this shift today */
					if (fr) {
						int lo = __builtin_ctz(fr), hi = 31 - __builtin_clz(fr);
						b->m->obj_const += (double)wg * (hi - lo + 1 - __builtin_popcount(fr));
					}
					continue;
				}
				modelled |= (int)R;
				int flo = fr ? __builtin_ctz(fr) : 99, fhi = fr ? 31 - __builtin_clz(fr) : -1;
				int ucol[SCH_MAX_PERIODS * SCH_MAX_PERIODS], ui[SCH_MAX_PERIODS * SCH_MAX_PERIODS],
				    uj[SCH_MAX_PERIODS * SCH_MAX_PERIODS], nu = 0;
				for (int a = 0; a < b->P; a++) {
					if (!((mr >> a) & 1u) || a > flo)
						continue;
					for (int c = a; c < b->P; c++) {
						if (!((mr >> c) & 1u) || c < fhi)
							continue;
						int col = col_new(b, SCH_MC_CONT, 0, 1, (double)wg * (c - a + 1));
						if (col < 0)
							return;
						ucol[nu] = col;
						ui[nu] = a;
						uj[nu] = c;
						nu++;
					}
				}
				/* teacher_gap = Σ span − Σ busy: the busy part is on x and the fixed lessons */
				for (int p = 0; p < b->P; p++)
					if ((mr >> p) & 1u) {
						add_cover(b, gl, ng, d, p, -(double)wg, 1);
						b->m->obj_const -= (double)wg * b->ft[(size_t)t * b->S + d * b->P + p];
					}
				for (int p = 0; p < b->P; p++) {
					if (!((mr >> p) & 1u))
						continue;
					/* busy periods lie in the span */
					row_start(b);
					add_tb(b, gl, ng, t, d, p, 1);
					for (int k = 0; k < nu; k++)
						if (ui[k] <= p && p <= uj[k])
							row_add(b, ucol[k], -1);
					row_end(b, SCH_MR_LE, 0);
					/* the span starts and ends at busy periods */
					row_start(b);
					for (int k = 0; k < nu; k++)
						if (ui[k] == p)
							row_add(b, ucol[k], 1);
					add_tb(b, gl, ng, t, d, p, -1);
					row_end(b, SCH_MR_LE, 0);
					row_start(b);
					for (int k = 0; k < nu; k++)
						if (uj[k] == p)
							row_add(b, ucol[k], 1);
					add_tb(b, gl, ng, t, d, p, -1);
					row_end(b, SCH_MR_LE, 0);
				}
				row_start(b);
				for (int k = 0; k < nu; k++)
					row_add(b, ucol[k], 1);
				row_end(b, fr ? SCH_MR_EQ : SCH_MR_LE, 1);
				for (int k = 0; k < nu; k++)
					span_cols[n_span++] = ucol[k];
				span_cols[n_span++] = -1; /* end of a shift's list */
			}
		} else if (wg > 0) {
			/* overlapping shifts: an idle run between two lessons of one shift, exactly */
			for (int i = 0; i < nsh; i++) {
				int sh = shifts[i], nsg = 0;
				for (int k = 0; k < ng; k++)
					if (s->lessons[b->m->groups[gl[k]].lessons[0]].shift == sh)
						shl[nsg++] = gl[k];
				uint32_t ms = cols_mask(b, shl, nsg, d);
				for (int p = 0; p < b->P; p++)
					if (fixed_shift_cover(b, t, d, p, sh))
						ms |= 1u << p;
				for (int p = 0; p < b->P; p++) {
					if (!((ms >> p) & 1u))
						continue;
					for (int q = p + 2; q < b->P; q++) {
						if (!((ms >> q) & 1u))
							continue;
						int col = col_new(b, SCH_MC_CONT, 0, 1, (double)wg * (q - p - 1));
						row_start(b);
						row_add(b, col, 1);
						add_cover(b, shl, nsg, d, p, -1, 0);
						row_konst(b, -fixed_shift_cover(b, t, d, p, sh));
						add_cover(b, shl, nsg, d, q, -1, 0);
						row_konst(b, -fixed_shift_cover(b, t, d, q, sh));
						for (int k = p + 1; k < q; k++)
							add_tb(b, gl, ng, t, d, k, 1);
						row_end(b, SCH_MR_GE, -1);
					}
				}
			}
		}
		/* clashes where no span covers */
		for (int p = 0; p < b->P; p++) {
			if (!((cm >> p) & 1u) || ((modelled >> p) & 1))
				continue;
			row_start(b);
			int n = add_cover(b, gl, ng, d, p, 1, 0);
			if (n + b->ft[(size_t)t * b->S + d * b->P + p] < 2)
				continue;
			row_konst(b, b->ft[(size_t)t * b->S + d * b->P + p]);
			row_end(b, SCH_MR_LE, 1);
		}
		if (te->max_per_day > 0 && __builtin_popcount(maybe) > te->max_per_day) {
			row_start(b);
			for (int p = 0; p < b->P; p++)
				if ((maybe >> p) & 1u)
					add_tb(b, gl, ng, t, d, p, 1);
			row_end(b, SCH_MR_LE, te->max_per_day);
		}
		if (want_days) {
			if (fm) {
				wconst++;
				continue;
			}
			int col = col_new(b, SCH_MC_CONT, 0, 1, 0);
			wcol[d] = col;
			/* worked when any span is, or any period busy */
			int k = 0;
			while (k < n_span) {
				row_start(b);
				row_add(b, col, 1);
				while (k < n_span && span_cols[k] >= 0)
					row_add(b, span_cols[k++], -1);
				k++;
				row_end(b, SCH_MR_GE, 0);
			}
			for (int p = 0; p < b->P; p++) {
				if (!((cm >> p) & 1u) || ((modelled >> p) & 1))
					continue;
				row_start(b);
				row_add(b, col, 1);
				add_tb(b, gl, ng, t, d, p, -1);
				row_end(b, SCH_MR_GE, 0);
			}
			/* and it holds at most cap lessons: Σ busy ≤ cap·w */
			int cap = __builtin_popcount(maybe);
			if (te->max_per_day > 0 && te->max_per_day < cap)
				cap = te->max_per_day;
			row_start(b);
			for (int p = 0; p < b->P; p++)
				if ((maybe >> p) & 1u)
					add_tb(b, gl, ng, t, d, p, 1);
			row_add(b, col, -cap);
			row_end(b, SCH_MR_LE, 0);
		}
	}
	if (want_days) {
		int nw = 0;
		for (int d = 0; d < b->D; d++)
			nw += wcol[d] >= 0;
		if (nw == 0) {
			if (wconst > te->max_days)
				b->m->obj_const += (double)wtd * (wconst - te->max_days);
			return;
		}
		int e = col_new(b, SCH_MC_CONT, 0, b->D, wtd);
		row_start(b);
		row_add(b, e, 1);
		for (int d = 0; d < b->D; d++)
			row_add(b, wcol[d], -1);
		row_end(b, SCH_MR_GE, wconst - te->max_days);
	}
}

/* AB[a,d,p] into the current row. */
static void add_ab(mb *b, int a, int d, int p, double coef)
{
	const int *gl = b->ag + b->ag_off[a];
	int ng = b->ag_off[a + 1] - b->ag_off[a];
	add_cover(b, gl, ng, d, p, coef, 0);
	row_konst(b, coef * b->fa[(size_t)a * b->S + d * b->P + p]);
}

/* Class balance cost of a day with k busy periods. */
static int balance_cost(int k, int lo, int hi)
{
	return (k > hi ? k - hi : 0) + (k < lo ? lo - k : 0);
}

/*
 * The atom-days of a class (runs), then its class-level terms: class_balance and
 * difficulty. `aff` says whether any of its atom-days has columns.
 */
static void build_class(mb *b, int c)
{
	const sch_school *s = b->s;
	const sch_class_def *cl = &s->classes[c];
	const sch_shift_def *sh = class_shift(s, c);
	int W = class_week(b, c), late = s->rules.late_start;
	int maxpd = cl->max_per_day > 0 ? cl->max_per_day : b->P;
	int wb = W_(b, class_balance), wd = W_(b, difficulty);
	int gaps_ok = s->rules.pupil_gaps == SCH_PUPIL_GAPS_ALLOWED;
	int single = b->nrep[c] == 1 && !gaps_ok; /* class_balance from run lengths */
	/* per day: the run columns of the (single) representative atom, for class_balance */
	int run_first[SCH_MAX_DAYS + 1], n_runs = 0;
	int busy_const[SCH_MAX_DAYS];
	int any = 0;
	int *rc = b->arc, *rl = b->arlen;
	for (int d = 0; d <= b->D; d++)
		run_first[d] = 0;
	for (int d = 0; d < b->D; d++) {
		busy_const[d] = -1;
		run_first[d] = n_runs;
		uint32_t union_fixed = 0;
		for (int i = 0; i < cl->n_atoms; i++) {
			int a = cl->atom_first + i;
			if (b->rep[a] != a)
				continue;
			const int *gl = b->ag + b->ag_off[a];
			int ng = b->ag_off[a + 1] - b->ag_off[a];
			uint32_t fm = fixed_mask(b, b->fa, a, d), cm = cols_mask(b, gl, ng, d), maybe = fm | cm;
			union_fixed |= fm;
			if (!cm)
				continue;
			any = 1;
			if (!sh) {
				b->infeasible = 1;
				continue;
			}
			if (gaps_ok) { /* no runs: a clash row a period, and the daily limit */
				for (int p = 0; p < b->P; p++) {
					if (!((cm >> p) & 1u))
						continue;
					row_start(b);
					add_ab(b, a, d, p, 1);
					row_end(b, SCH_MR_LE, 1);
				}
				if (__builtin_popcount(maybe) > maxpd) {
					row_start(b);
					for (int p = 0; p < b->P; p++)
						if ((maybe >> p) & 1u)
							add_ab(b, a, d, p, 1);
					row_end(b, SCH_MR_LE, maxpd);
				}
				continue;
			}
			/* the runs that hold every fixed period and only periods that can be busy */
			int cols[SCH_MAX_PERIODS * SCH_MAX_PERIODS], lens[SCH_MAX_PERIODS * SCH_MAX_PERIODS];
			uint32_t bits[SCH_MAX_PERIODS * SCH_MAX_PERIODS];
			int nr = 0;
			for (int i0 = sh->first; i0 <= sh->last; i0++) {
				if (!late && i0 != sh->first)
					break;
				for (int j = i0; j <= sh->last && j - i0 + 1 <= maxpd; j++) {
					uint32_t run = cover_bits(i0, j - i0 + 1, b->P);
					if ((run & maybe) != run)
						break;
					if ((fm & run) != fm)
						continue;
					int col = col_new(b, SCH_MC_CONT, 0, 1, 0);
					if (col < 0)
						return;
					cols[nr] = col;
					lens[nr] = j - i0 + 1;
					bits[nr] = run;
					nr++;
				}
			}
			for (int p = 0; p < b->P; p++) {
				if (!((maybe >> p) & 1u))
					continue;
				row_start(b);
				add_ab(b, a, d, p, 1);
				for (int k = 0; k < nr; k++)
					if ((bits[k] >> p) & 1u)
						row_add(b, cols[k], -1);
				row_end(b, SCH_MR_EQ, 0);
			}
			row_start(b);
			for (int k = 0; k < nr; k++)
				row_add(b, cols[k], 1);
			row_end(b, fm ? SCH_MR_EQ : SCH_MR_LE, 1);
			if (single)
				for (int k = 0; k < nr; k++) {
					rc[n_runs] = cols[k];
					rl[n_runs] = lens[k];
					n_runs++;
				}
		}
		if (run_first[d] == n_runs)
			busy_const[d] = __builtin_popcount(union_fixed);
	}
	run_first[b->D] = n_runs;
	if (!any && !b->whole)
		return;

	/* class_balance */
	if (wb > 0 && W >= 1) {
		if (single) {
			int a = -1, T = 0;
			for (int i = 0; i < cl->n_atoms && a < 0; i++)
				if (b->rep[cl->atom_first + i] == cl->atom_first + i)
					a = cl->atom_first + i;
			for (int k = s->by_atom.off[a]; k < s->by_atom.off[a + 1]; k++) {
				int l = s->by_atom.idx[k];
				if (b->m->lgroup[l] >= 0 || lesson_pos(b, l) >= 0)
					T += s->lessons[l].length;
			}
			int lo = T / W, hi = (T + W - 1) / W;
			for (int d = 0; d < W; d++) {
				if (busy_const[d] >= 0) {
					b->m->obj_const += (double)wb * balance_cost(busy_const[d], lo, hi);
					continue;
				}
				double c0 = balance_cost(0, lo, hi);
				b->m->obj_const += (double)wb * c0;
				for (int k = run_first[d]; k < run_first[d + 1]; k++)
					obj_add(b, rc[k], (double)wb * (balance_cost(rl[k], lo, hi) - c0));
			}
		} else {
			/* several kinds of atoms: U[d,p] = max over them, busy(d) = Σ_p U */
			int Tmin = 0, Tmax = 0, ucol[SCH_MAX_DAYS][SCH_MAX_PERIODS];
			for (int i = 0; i < cl->n_atoms; i++) {
				int a = cl->atom_first + i, Ta = 0;
				if (b->rep[a] != a)
					continue;
				for (int k = s->by_atom.off[a]; k < s->by_atom.off[a + 1]; k++)
					Ta += s->lessons[s->by_atom.idx[k]].length;
				if (Ta > Tmin)
					Tmin = Ta;
			}
			for (int k = s->by_class.off[c]; k < s->by_class.off[c + 1]; k++)
				Tmax += s->lessons[s->by_class.idx[k]].length;
			if (sh && Tmax > W * (sh->last - sh->first + 1))
				Tmax = W * (sh->last - sh->first + 1);
			if (Tmax < Tmin)
				Tmax = Tmin;
			for (int d = 0; d < W; d++)
				for (int p = 0; p < b->P; p++) {
					ucol[d][p] = -1;
					uint32_t maybe = 0;
					for (int i = 0; i < cl->n_atoms; i++) {
						int a = cl->atom_first + i;
						if (b->rep[a] != a)
							continue;
						maybe |= fixed_mask(b, b->fa, a, d) |
							 cols_mask(b, b->ag + b->ag_off[a], b->ag_off[a + 1] - b->ag_off[a], d);
					}
					if (!((maybe >> p) & 1u))
						continue;
					int u = col_new(b, SCH_MC_CONT, 0, 1, 0);
					ucol[d][p] = u;
					row_start(b);
					row_add(b, u, 1);
					for (int i = 0; i < cl->n_atoms; i++) {
						int a = cl->atom_first + i;
						if (b->rep[a] == a)
							add_ab(b, a, d, p, -1);
					}
					row_end(b, SCH_MR_LE, 0);
					for (int i = 0; i < cl->n_atoms; i++) {
						int a = cl->atom_first + i;
						if (b->rep[a] != a)
							continue;
						row_start(b);
						row_add(b, u, 1);
						add_ab(b, a, d, p, -1);
						row_end(b, SCH_MR_GE, 0);
					}
				}
			int lo_c = Tmin / W, hi_c = (Tmin + W - 1) / W, vary = lo_c != Tmax / W || hi_c != (Tmax + W - 1) / W;
			int lo = -1, dl = -1;
			if (vary) { /* lo = ⌊T/W⌋, hi = lo + δ with δ = [W does not divide T] */
				lo = col_new(b, SCH_MC_INT, Tmin / W, Tmax / W, 0);
				dl = col_new(b, SCH_MC_BIN, 0, 1, 0);
				row_start(b);
				for (int d = 0; d < W; d++)
					for (int p = 0; p < b->P; p++)
						row_add(b, ucol[d][p], 1);
				row_add(b, lo, -W);
				row_add(b, dl, -1);
				row_end(b, SCH_MR_GE, 0);
				row_start(b);
				for (int d = 0; d < W; d++)
					for (int p = 0; p < b->P; p++)
						row_add(b, ucol[d][p], 1);
				row_add(b, lo, -W);
				row_add(b, dl, -(W - 1));
				row_end(b, SCH_MR_LE, 0);
			}
			for (int d = 0; d < W; d++) {
				int e = col_new(b, SCH_MC_CONT, 0, b->P, wb), f = col_new(b, SCH_MC_CONT, 0, b->P, wb);
				row_start(b); /* e ≥ busy − hi */
				row_add(b, e, 1);
				for (int p = 0; p < b->P; p++)
					row_add(b, ucol[d][p], -1);
				if (vary) {
					row_add(b, lo, 1);
					row_add(b, dl, 1);
					row_end(b, SCH_MR_GE, 0);
				} else {
					row_end(b, SCH_MR_GE, -hi_c);
				}
				row_start(b); /* f ≥ lo − busy */
				row_add(b, f, 1);
				for (int p = 0; p < b->P; p++)
					row_add(b, ucol[d][p], 1);
				if (vary) {
					row_add(b, lo, -1);
					row_end(b, SCH_MR_GE, 0);
				} else {
					row_end(b, SCH_MR_GE, lo_c);
				}
			}
		}
	}

	/* difficulty: e_0, e_last ≥ L − max(L(1), L(2)), the max picked by a binary */
	if (wd > 0 && W >= 4 && !b->relax) {
		const int *gl = b->cg + b->cg_off[c];
		int ng = b->cg_off[c + 1] - b->cg_off[c];
		int days[4] = {0, 1, 2, W - 1};
		double konst[4] = {0, 0, 0, 0}, maxv[4] = {0, 0, 0, 0};
		int varies[4] = {0, 0, 0, 0};
		double *coef = malloc(sizeof(double) * (size_t)(ng + 1));
		if (!coef) {
			b->failed = 1;
			return;
		}
		for (int i = 0; i < ng; i++) {
			const sch_mip_group *g = &b->m->groups[gl[i]];
			coef[i] = (double)subject_difficulty(s, s->lines[g->line].subject, c) * g->length;
		}
		for (int k = s->by_class.off[c]; k < s->by_class.off[c + 1]; k++) {
			int l = s->by_class.idx[k], st = lesson_pos(b, l);
			if (st < 0)
				continue;
			for (int e = 0; e < 4; e++)
				if (st / b->P == days[e])
					konst[e] += (double)subject_difficulty(s, s->lessons[l].subject, c) * s->lessons[l].length;
		}
		for (int e = 0; e < 4; e++) {
			maxv[e] = konst[e];
			for (int i = 0; i < ng; i++) {
				const sch_mip_group *g = &b->m->groups[gl[i]];
				int n = 0;
				for (int k = first_ge(g, days[e] * b->P); k < g->n_cols && g->slot[k] < (days[e] + 1) * b->P; k++)
					n++;
				if (n) {
					varies[e] = 1;
					maxv[e] += coef[i] * (n < g->n ? n : g->n);
				}
			}
		}
		if (!varies[0] && !varies[1] && !varies[2] && !varies[3]) {
			double M = konst[1] > konst[2] ? konst[1] : konst[2];
			for (int e = 0; e < 4; e += 3)
				if (konst[e] > M)
					b->m->obj_const += wd * (konst[e] - M);
		} else {
			double big = maxv[0] > maxv[3] ? maxv[0] : maxv[3];
			int z = col_new(b, SCH_MC_BIN, 0, 1, 0);
			for (int e = 0; e < 4; e += 3) {
				int ev = col_new(b, SCH_MC_CONT, 0, big, wd);
				for (int which = 0; which < 3; which++) {
					/* 0: e ≥ L − L1 − big·z; 1: e ≥ L − L2 − big·(1−z); 2: e ≥ L − L1 − L2 */
					row_start(b);
					row_add(b, ev, 1);
					add_day(b, gl, ng, days[e], coef, -1);
					row_konst(b, -konst[e]);
					if (which != 1) {
						add_day(b, gl, ng, 1, coef, 1);
						row_konst(b, konst[1]);
					}
					if (which != 0) {
						add_day(b, gl, ng, 2, coef, 1);
						row_konst(b, konst[2]);
					}
					if (which == 0) {
						row_add(b, z, big);
					} else if (which == 1) {
						row_add(b, z, -big);
						row_konst(b, big);
					}
					row_end(b, SCH_MR_GE, 0);
				}
			}
		}
		free(coef);
	}
}

/* A subject at most once a day per atom (rules.subject_once_a_day). */
static void build_subject_rows(mb *b)
{
	const sch_school *s = b->s;
	if (!s->rules.subject_once_a_day)
		return;
	int *gl = b->tmp;
	for (int a = 0; a < b->A; a++) {
		if (b->rep[a] != a)
			continue;
		const int *ag = b->ag + b->ag_off[a];
		int ng = b->ag_off[a + 1] - b->ag_off[a];
		for (int i = 0; i < ng; i++) {
			int subj = s->lines[b->m->groups[ag[i]].line].subject, first = 1, n = 0;
			for (int k = 0; k < i; k++)
				if (s->lines[b->m->groups[ag[k]].line].subject == subj)
					first = 0;
			if (!first)
				continue;
			for (int k = i; k < ng; k++)
				if (s->lines[b->m->groups[ag[k]].line].subject == subj)
					gl[n++] = ag[k];
			for (int d = 0; d < b->D; d++) {
				row_start(b);
				int nc = add_day(b, gl, n, d, NULL, 1);
				if (nc < 2)
					continue;
				row_end(b, SCH_MR_LE, 1);
			}
		}
	}
}

static void build_room_rows(mb *b)
{
	const sch_school *s = b->s;
	for (int k = 0; k < b->K; k++) {
		int cap = s->rooms_of_kind[k];
		if (cap <= 0)
			continue;
		int n = 0;
		for (int g = 0; g < b->m->n_groups; g++) {
			const sch_lesson_def *ls = &s->lessons[b->m->groups[g].lessons[0]];
			if (ls->room_kind == k && ls->rooms_needed > 0)
				b->tmp[n++] = g;
		}
		if (!n)
			continue;
		for (int slot = 0; slot < b->S; slot++) {
			int d = slot / b->P, p = slot % b->P, demand = b->fk[(size_t)k * b->S + slot];
			row_start(b);
			for (int i = 0; i < n; i++) {
				const sch_mip_group *g = &b->m->groups[b->tmp[i]];
				int need = s->lessons[g->lessons[0]].rooms_needed;
				int c = add_cover(b, &b->tmp[i], 1, d, p, need, 0);
				demand += need * (c < g->n ? c : g->n);
			}
			if (demand <= cap)
				continue;
			row_konst(b, b->fk[(size_t)k * b->S + slot]);
			row_end(b, SCH_MR_LE, cap);
		}
	}
}

/* spread and moved, per load line */
static void build_lines(mb *b)
{
	const sch_school *s = b->s;
	int ws = W_(b, spread), wm = W_(b, moved);
	for (int i = 0; i < s->n_lines; i++) {
		const sch_line_def *ln = &s->lines[i];
		const int *gl = b->lg + b->lg_off[i];
		int ng = b->lg_off[i + 1] - b->lg_off[i];
		if (!ng && !b->whole)
			continue;
		/* moved: r_g − Σ x at the reference slots of the group's lessons */
		if (wm > 0) {
			for (int k = 0; k < ng; k++) {
				const sch_mip_group *g = &b->m->groups[gl[k]];
				for (int j = 0; j < g->n; j++) {
					int ref = sch_solution_reference_start(b->sol, g->lessons[j]), dup = 0;
					if (ref < 0)
						continue;
					b->m->obj_const += wm;
					for (int q = 0; q < j; q++)
						dup |= sch_solution_reference_start(b->sol, g->lessons[q]) == ref;
					int c = first_ge(g, ref);
					if (!dup && c < g->n_cols && g->slot[c] == ref)
						obj_add(b, g->col0 + c, -(double)wm);
				}
			}
		}
		if (ws <= 0 || b->relax)
			continue;
		int week = s->n_days, n = ln->n_lessons;
		for (int c = 0; c < ln->n_classes; c++)
			if (s->classes[ln->classes[c]].week_days < week)
				week = s->classes[ln->classes[c]].week_days;
		if (2 * n > week)
			continue;
		int fixed_cnt[SCH_MAX_DAYS] = {0}, var[SCH_MAX_DAYS] = {0};
		for (int l = ln->first_lesson; l < ln->first_lesson + ln->n_lessons; l++)
			if (lesson_pos(b, l) >= 0)
				fixed_cnt[lesson_pos(b, l) / b->P]++;
		for (int d = 0; d < b->D; d++)
			for (int k = 0; k < ng; k++) {
				const sch_mip_group *g = &b->m->groups[gl[k]];
				int c = first_ge(g, d * b->P);
				if (c < g->n_cols && g->slot[c] < (d + 1) * b->P)
					var[d] = 1;
			}
		if (s->rules.subject_once_a_day) {
			for (int d = 0; d + 1 < b->D; d++) {
				if (!var[d] && !var[d + 1]) {
					b->m->obj_const += (double)ws * fixed_cnt[d] * fixed_cnt[d + 1];
					continue;
				}
				int q = col_new(b, SCH_MC_CONT, 0, 1, ws);
				row_start(b);
				row_add(b, q, 1);
				add_day(b, gl, ng, d, NULL, -1);
				add_day(b, gl, ng, d + 1, NULL, -1);
				row_konst(b, -fixed_cnt[d] - fixed_cnt[d + 1]);
				row_end(b, SCH_MR_GE, -1);
			}
		} else {
			/* counts can exceed 1: v[d,k] = [cnt(d) ≥ k], pairs = Σ v[d,k]·v[d+1,k'] */
			int v[SCH_MAX_DAYS][4];
			for (int d = 0; d < b->D; d++) {
				for (int k = 0; k < n && k < 4; k++)
					v[d][k] = col_new(b, SCH_MC_BIN, 0, 1, 0);
				row_start(b);
				for (int k = 0; k < n && k < 4; k++)
					row_add(b, v[d][k], 1);
				add_day(b, gl, ng, d, NULL, -1);
				row_konst(b, -fixed_cnt[d]);
				row_end(b, SCH_MR_EQ, 0);
				for (int k = 0; k + 1 < n && k + 1 < 4; k++) {
					row_start(b);
					row_add(b, v[d][k], 1);
					row_add(b, v[d][k + 1], -1);
					row_end(b, SCH_MR_GE, 0);
				}
			}
			for (int d = 0; d + 1 < b->D; d++)
				for (int k = 0; k < n && k < 4; k++)
					for (int k2 = 0; k2 < n && k2 < 4; k2++) {
						int q = col_new(b, SCH_MC_CONT, 0, 1, ws);
						row_start(b);
						row_add(b, q, 1);
						row_add(b, v[d][k], -1);
						row_add(b, v[d + 1][k2], -1);
						row_end(b, SCH_MR_GE, -1);
					}
		}
	}
}

/* ---- the constraints section (docs/rules.md "constraints") ---- */

static int has_int(const int *v, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/* Is lesson l in the scope of c (its lessons, ascending)? */
static int con_has_lesson(const sch_constraint *c, int l)
{
	int i = lower_bound(c->lessons, c->n_lessons, l);
	return i < c->n_lessons && c->lessons[i] == l;
}

/*
 * allowed_starts and unavailable are a lesson's own at a slot. static_cons lists those
 * that concern lesson l (into b->sc_ci, with b->sc_per its teachers and atoms in the scope
 * of an unavailable, 0 for allowed_starts); static_cost prices them at a slot: the soft
 * cost, *hard set when a hard one is broken (the slot gets no column). unavailable counts
 * a covered period once per teacher and atom in its scope, as the busy masks do in a
 * timetable without clashes.
 */
static int static_cons(mb *b, int l)
{
	const sch_school *s = b->s;
	const sch_lesson_def *ls = &s->lessons[l];
	int n = 0;
	for (int ci = 0; ci < s->n_constraints; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		int persons = 0;
		if (c->type == SCH_CON_ALLOWED_STARTS && !con_has_lesson(c, l))
			continue;
		if (c->type == SCH_CON_UNAVAILABLE) {
			for (int i = 0; i < ls->n_teachers; i++)
				persons += has_int(c->teachers, c->n_teachers, ls->teachers[i]);
			for (int i = 0; i < ls->n_atoms; i++)
				persons += has_int(c->atoms, c->n_atoms, ls->atoms[i]);
			if (!persons)
				continue;
		} else if (c->type != SCH_CON_ALLOWED_STARTS) {
			continue;
		}
		b->sc_ci[n] = ci;
		b->sc_per[n++] = persons;
	}
	return n;
}

static double static_cost(const mb *b, int l, int slot, int n, int *hard)
{
	const sch_school *s = b->s;
	int P = b->P, d = slot / P, p = slot % P, len = s->lessons[l].length;
	double cost = 0;
	for (int i = 0; i < n; i++) {
		const sch_constraint *c = &s->constraints[b->sc_ci[i]];
		int amount = 0;
		if (c->type == SCH_CON_ALLOWED_STARTS)
			amount = !sch_slotset_has(&c->slots, slot);
		else
			for (int q = p; q < p + len && q < P; q++)
				amount += b->sc_per[i] * sch_slotset_has(&c->slots, d * P + q);
		if (!amount)
			continue;
		if (c->weight == SCH_WEIGHT_HARD)
			*hard = 1;
		else
			cost += (double)c->weight * amount;
	}
	return cost;
}

/* The free groups of c's lessons, each once, into b->tmp; returns how many. */
static int con_groups(mb *b, const sch_constraint *c)
{
	int n = 0, seen = ++b->gstamp_id;
	for (int i = 0; i < c->n_lessons; i++) {
		int g = b->m->lgroup[c->lessons[i]];
		if (g >= 0 && b->gstamp[g] != seen) {
			b->gstamp[g] = seen;
			b->tmp[n++] = g;
		}
	}
	return n;
}

/* The lessons of c starting on day d into the current row, coef each: the columns of its
 * groups gl[0..ng) (con_groups), the fixed ones as a constant. Returns the number of columns. */
static int add_con_day(mb *b, const sch_constraint *c, const int *gl, int ng, int d, double coef)
{
	for (int i = 0; i < c->n_lessons; i++) {
		int l = c->lessons[i];
		if (b->m->lgroup[l] < 0 && lesson_pos(b, l) >= 0 && lesson_pos(b, l) / b->P == d)
			row_konst(b, coef);
	}
	return add_day(b, gl, ng, d, NULL, coef);
}

/* A soft constraint's excess column (cost weight each), -1 for a hard one. */
static int excess_col(mb *b, const sch_constraint *c, double ub)
{
	return c->weight == SCH_WEIGHT_HARD ? -1 : col_new(b, SCH_MC_CONT, 0, ub, c->weight);
}

/* The lessons of c of length len starting at slot into the current row, coef each (gl[0..ng):
 * its free groups); the number of columns. */
static int add_con_start(mb *b, const sch_constraint *c, const int *gl, int ng, int slot, int len, double coef)
{
	int n = 0;
	for (int i = 0; i < ng; i++) {
		const sch_mip_group *g = &b->m->groups[gl[i]];
		int k = first_ge(g, slot);
		if (g->length == len && k < g->n_cols && g->slot[k] == slot) {
			row_add(b, g->col0 + k, coef);
			n++;
		}
	}
	for (int i = 0; i < c->n_lessons; i++) {
		int l = c->lessons[i];
		if (b->m->lgroup[l] < 0 && lesson_pos(b, l) == slot && b->s->lessons[l].length == len)
			row_konst(b, coef);
	}
	return n;
}

/*
 * Hard min_days_between of 0 days with same_day_adjacent: two of the lessons on one day
 * must be adjacent. For every two (start, length) of a day at which two lessons would not
 * be adjacent (the same start included): at most one of them is taken.
 */
static void build_con_adjacent(mb *b, const sch_constraint *c, const int *gl, int ng)
{
	int P = b->P, lens[SCH_MAX_PERIODS + 1] = {0}, nl = 0;
	for (int i = 0; i < c->n_lessons; i++) {
		int len = b->s->lessons[c->lessons[i]].length, seen = 0;
		for (int k = 0; k < nl; k++)
			seen |= lens[k] == len;
		if (!seen && nl < SCH_MAX_PERIODS)
			lens[nl++] = len;
	}
	for (int d = 0; d < b->D; d++)
		for (int p1 = 0; p1 < P; p1++)
			for (int k1 = 0; k1 < nl; k1++)
				for (int p2 = p1; p2 < P; p2++)
					for (int k2 = p2 == p1 ? k1 : 0; k2 < nl; k2++) {
						if (p1 + lens[k1] == p2 || p2 + lens[k2] == p1)
							continue; /* adjacent */
						row_start(b);
						int n = add_con_start(b, c, gl, ng, d * P + p1, lens[k1], 1);
						if (p2 != p1 || k2 != k1)
							n += add_con_start(b, c, gl, ng, d * P + p2, lens[k2], 1);
						if (n || b->whole)
							row_end(b, SCH_MR_LE, 1);
					}
}

/* spread (at most v of the lessons a day) and min_days_between (pairs fewer than v days apart) */
static void build_con_lessons(mb *b, const sch_constraint *c)
{
	int D = b->D, P = b->P, v = c->value, n = c->n_lessons;
	int ng = con_groups(b, c), cols[SCH_MAX_DAYS], any = b->whole;
	int *gl = b->tmp;
	for (int d = 0; d < D; d++) {
		cols[d] = 0;
		for (int i = 0; i < ng; i++) {
			const sch_mip_group *g = &b->m->groups[gl[i]];
			int k = first_ge(g, d * P);
			cols[d] += k < g->n_cols && g->slot[k] < (d + 1) * P;
		}
		any |= cols[d] > 0;
	}
	if (!any || n < 2)
		return;
	if (c->type == SCH_CON_SPREAD) {
		for (int d = 0; d < D; d++) {
			if (!cols[d] && !b->whole)
				continue;
			int e = excess_col(b, c, n);
			row_start(b); /* cnt(d) − e ≤ v */
			add_con_day(b, c, gl, ng, d, 1);
			row_add(b, e, -1);
			row_end(b, SCH_MR_LE, v);
		}
		return;
	}
	if (v < 1) { /* only same_day_adjacent (hard, sch_mip_supported): two on a day must be adjacent */
		if (c->weight == SCH_WEIGHT_HARD && (c->flags & SCH_CON_SAME_DAY_ADJACENT))
			build_con_adjacent(b, c, gl, ng);
		return;
	}
	if (c->weight == SCH_WEIGHT_HARD) {
		/* no two within any v consecutive days */
		for (int d0 = 0; d0 == 0 || d0 + v <= D; d0++) {
			row_start(b);
			int nc = 0;
			for (int d = d0; d < d0 + v && d < D; d++)
				nc += add_con_day(b, c, gl, ng, d, 1);
			if (nc || b->whole)
				row_end(b, SCH_MR_LE, 1);
		}
		return;
	}
	/* soft, v = 1: pairs on one day, C(cnt, 2) ≥ k·cnt − k(k+1)/2 for every k */
	for (int d = 0; d < D; d++) {
		if (!cols[d] && !b->whole)
			continue;
		int e = excess_col(b, c, (double)n * n);
		for (int k = 1; k < n; k++) {
			row_start(b);
			row_add(b, e, 1);
			add_con_day(b, c, gl, ng, d, -k);
			row_end(b, SCH_MR_GE, -(double)k * (k + 1) / 2);
		}
	}
}

/* A teacher (t >= 0) or an atom (a) of a constraint's scope, with the groups that cover it. */
typedef struct {
	int t, a, key; /* key: t, or T + a (the caches) */
	const int *gl;
	int ng;
} person;

static person person_of(const mb *b, int t, int a)
{
	person e = {t, a, t >= 0 ? t : b->T + a, NULL, 0};
	if (t >= 0) {
		e.gl = b->tg + b->tg_off[t];
		e.ng = b->tg_off[t + 1] - b->tg_off[t];
	} else {
		int r = b->rep[a];
		e.gl = b->ag + b->ag_off[r];
		e.ng = b->ag_off[r + 1] - b->ag_off[r];
	}
	return e;
}

static uint32_t person_fixed(const mb *b, const person *e, int d)
{
	return e->t >= 0 ? fixed_mask(b, b->ft, e->t, d) : fixed_mask(b, b->fa, e->a, d);
}

/* busy at (d, p) into the current row */
static void add_busy(mb *b, const person *e, int d, int p, double coef)
{
	add_cover(b, e->gl, e->ng, d, p, coef, 0);
	const unsigned char *grid = e->t >= 0 ? b->ft + (size_t)e->t * b->S : b->fa + (size_t)e->a * b->S;
	row_konst(b, coef * grid[d * b->P + p]);
}

/*
 * The "works on day d" column of e, made once with its rows (w ≥ busy(p) for every p, w ≤
 * Σ_p busy(p): 0 or 1 at a timetable); not when fixed lessons decide it. Called while no
 * row is being written.
 */
static void make_worked(mb *b, const person *e, int d)
{
	int *w = &b->pw[(size_t)e->key * b->D + d];
	uint32_t cm = cols_mask(b, e->gl, e->ng, d);
	if (*w != -1)
		return;
	*w = -2; /* a constant */
	if (person_fixed(b, e, d) || !cm || (*w = col_new(b, SCH_MC_CONT, 0, 1, 0)) < 0)
		return;
	row_start(b);
	row_add(b, *w, 1);
	for (int p = 0; p < b->P; p++)
		if ((cm >> p) & 1u)
			add_busy(b, e, d, p, -1);
	row_end(b, SCH_MR_LE, 0);
	for (int p = 0; p < b->P; p++) {
		if (!((cm >> p) & 1u))
			continue;
		row_start(b);
		row_add(b, *w, 1);
		add_busy(b, e, d, p, -1);
		row_end(b, SCH_MR_GE, 0);
	}
}

/* "works on day d" into the current row (make_worked first). */
static void add_worked(mb *b, const person *e, int d, double coef)
{
	int w = b->pw[(size_t)e->key * b->D + d];
	if (w >= 0)
		row_add(b, w, coef);
	else if (person_fixed(b, e, d))
		row_konst(b, coef);
}

/* Σ_p busy(d, p) into the current row. */
static void add_pop(mb *b, const person *e, int d, double coef)
{
	uint32_t maybe = person_fixed(b, e, d) | cols_mask(b, e->gl, e->ng, d);
	for (int p = 0; p < b->P; p++)
		if ((maybe >> p) & 1u)
			add_busy(b, e, d, p, coef);
}

/* Idle periods of a mask between its first and last bit, but those in off (the verifier's count). */
static int idle_in(uint32_t m, uint32_t off)
{
	if (!m)
		return 0;
	int lo = __builtin_ctz(m), hi = 31 - __builtin_clz(m);
	return __builtin_popcount(cover_bits(lo, hi - lo + 1, 32) & ~m & ~off);
}

/* The spans u[i,j] a day of e can have: its busy periods run from i to j (both can be busy,
 * every fixed period inside); into ui/uj, returns how many. */
static int day_spans(const mb *b, const person *e, int d, int *ui, int *uj)
{
	uint32_t fm = person_fixed(b, e, d), maybe = fm | cols_mask(b, e->gl, e->ng, d);
	int flo = fm ? __builtin_ctz(fm) : 99, fhi = fm ? 31 - __builtin_clz(fm) : -1, n = 0;
	for (int i = 0; i < b->P && i <= flo; i++)
		for (int j = i > fhi ? i : fhi; j < b->P; j++)
			if (((maybe >> i) & 1u) && ((maybe >> j) & 1u)) {
				ui[n] = i;
				uj[n++] = j;
			}
	return n;
}

/*
 * The span columns of day d of e, made once with their rows: busy(p) ≤ Σ_{u ∋ p} u, a span
 * starts and ends at busy periods and Σ u = works(d), so at a timetable exactly the day's
 * span is 1. Called while no row is being written (after make_worked).
 */
static void make_spans(mb *b, const person *e, int d)
{
	int *first = &b->pspan[(size_t)e->key * b->D + d], ui[SCH_MAX_PERIODS * SCH_MAX_PERIODS],
	    uj[SCH_MAX_PERIODS * SCH_MAX_PERIODS];
	uint32_t maybe = person_fixed(b, e, d) | cols_mask(b, e->gl, e->ng, d);
	if (*first != -1)
		return;
	*first = -2; /* fixed lessons only: the idle periods are a constant */
	if (!cols_mask(b, e->gl, e->ng, d))
		return;
	int nu = day_spans(b, e, d, ui, uj);
	*first = b->m->n_cols;
	for (int k = 0; k < nu; k++)
		col_new(b, SCH_MC_CONT, 0, 1, 0);
	for (int p = 0; p < b->P; p++) {
		if (!((maybe >> p) & 1u))
			continue;
		row_start(b); /* busy periods lie in the span */
		add_busy(b, e, d, p, 1);
		for (int k = 0; k < nu; k++)
			if (ui[k] <= p && p <= uj[k])
				row_add(b, *first + k, -1);
		row_end(b, SCH_MR_LE, 0);
		for (int end = 0; end < 2; end++) { /* it starts and ends at busy periods */
			row_start(b);
			for (int k = 0; k < nu; k++)
				if ((end ? uj[k] : ui[k]) == p)
					row_add(b, *first + k, 1);
			add_busy(b, e, d, p, -1);
			row_end(b, SCH_MR_LE, 0);
		}
	}
	row_start(b); /* one span on a day worked */
	for (int k = 0; k < nu; k++)
		row_add(b, *first + k, 1);
	add_worked(b, e, d, -1);
	row_end(b, SCH_MR_EQ, 0);
}

/* The idle periods of day d of e (but those in off), coef each, into the current row:
 * Σ u·|i..j \ off| − Σ_{p ∉ off} busy(p) (make_spans first). */
static void add_idle(mb *b, const person *e, int d, uint32_t off, double coef)
{
	uint32_t fm = person_fixed(b, e, d), maybe = fm | cols_mask(b, e->gl, e->ng, d);
	int first = b->pspan[(size_t)e->key * b->D + d], ui[SCH_MAX_PERIODS * SCH_MAX_PERIODS],
	    uj[SCH_MAX_PERIODS * SCH_MAX_PERIODS];
	if (first < 0) {
		row_konst(b, coef * idle_in(fm, off));
		return;
	}
	int nu = day_spans(b, e, d, ui, uj);
	for (int k = 0; k < nu; k++)
		row_add(b, first + k, coef * __builtin_popcount(cover_bits(ui[k], uj[k] - ui[k] + 1, b->P) & ~off));
	for (int p = 0; p < b->P; p++)
		if (((maybe >> p) & 1u) && !((off >> p) & 1u))
			add_busy(b, e, d, p, -coef);
}

/* Periods of person e that are no gap for c (skip_unavailable): its hard unavailability,
 * worked out once per person (b->poff). */
static uint32_t off_periods(mb *b, const sch_constraint *c, const person *e, int d)
{
	const sch_school *s = b->s;
	uint32_t *off = b->poff + (size_t)e->key * b->D;
	if (!(c->flags & SCH_CON_SKIP_UNAVAILABLE))
		return 0;
	if (!b->poff_done[e->key]) {
		b->poff_done[e->key] = 1;
		for (int slot = 0; slot < b->S; slot++) {
			int is_off = e->t >= 0 && sch_slotset_has(&s->teachers[e->t].unavailable, slot);
			for (int u = 0; u < s->n_constraints && !is_off; u++) {
				const sch_constraint *cu = &s->constraints[u];
				if (cu->type == SCH_CON_UNAVAILABLE && cu->weight == SCH_WEIGHT_HARD &&
				    sch_slotset_has(&cu->slots, slot))
					is_off = e->t >= 0 ? has_int(cu->teachers, cu->n_teachers, e->t)
							   : has_int(cu->atoms, cu->n_atoms, e->a);
			}
			if (is_off)
				off[slot / b->P] |= 1u << (slot % b->P);
		}
	}
	return off[d];
}

/* One per-person rule of c for teacher or atom e (docs/rules.md): its amount ≤ value, or the excess at weight. */
static void build_con_person(mb *b, const sch_constraint *c, const person *e)
{
	const sch_school *s = b->s;
	int D = b->D, P = b->P, v = c->value;
	int week = D, first = 0;
	if (e->t < 0) {
		const sch_class_def *cl = &s->classes[s->atom_class[e->a]];
		week = cl->week_days < D ? cl->week_days : D;
		first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
	}
	int gaps = c->type == SCH_CON_MAX_GAPS_DAY || c->type == SCH_CON_MAX_GAPS_WEEK;
	if (gaps || c->type == SCH_CON_MAX_DAYS || c->type == SCH_CON_MIN_DAYS || c->type == SCH_CON_LATE_STARTS ||
	    (c->type == SCH_CON_MIN_PER_DAY && (c->flags & SCH_CON_EMPTY_DAYS_OK)))
		for (int d = 0; d < D; d++) { /* the day columns first: no row is open yet */
			make_worked(b, e, d);
			if (gaps)
				make_spans(b, e, d);
		}
	switch (c->type) {
	case SCH_CON_MAX_DAYS:
	case SCH_CON_MIN_DAYS:
	case SCH_CON_LATE_STARTS:
	case SCH_CON_MAX_GAPS_WEEK: { /* one row over the week */
		int x = excess_col(b, c, 4.0 * b->S);
		row_start(b);
		for (int d = 0; d < D; d++) {
			if (c->type == SCH_CON_MAX_GAPS_WEEK) {
				add_idle(b, e, d, off_periods(b, c, e, d), 1);
			} else {
				add_worked(b, e, d, 1);
				if (c->type == SCH_CON_LATE_STARTS) /* late = works and not busy at the first period */
					for (int p = 0; p <= first && p < P; p++)
						add_busy(b, e, d, p, -1);
			}
		}
		row_add(b, x, c->type == SCH_CON_MIN_DAYS ? 1 : -1);
		row_end(b, c->type == SCH_CON_MIN_DAYS ? SCH_MR_GE : SCH_MR_LE, v);
		break;
	}
	case SCH_CON_MAX_PER_DAY:
	case SCH_CON_MIN_PER_DAY:
	case SCH_CON_MAX_GAPS_DAY:
		for (int d = 0; d < (c->type == SCH_CON_MIN_PER_DAY ? week : D); d++) {
			if (c->type == SCH_CON_MAX_PER_DAY &&
			    __builtin_popcount(person_fixed(b, e, d) | cols_mask(b, e->gl, e->ng, d)) <= v)
				continue; /* never more than v */
			int x = excess_col(b, c, 4.0 * b->S);
			row_start(b);
			if (c->type == SCH_CON_MAX_GAPS_DAY) {
				add_idle(b, e, d, off_periods(b, c, e, d), 1);
			} else if (c->type == SCH_CON_MAX_PER_DAY) {
				add_pop(b, e, d, 1);
			} else { /* v·works(d) − Σ busy ≤ x, or v − Σ busy ≤ x without empty days */
				add_pop(b, e, d, -1);
				if (c->flags & SCH_CON_EMPTY_DAYS_OK)
					add_worked(b, e, d, v);
				else
					row_konst(b, v);
			}
			row_add(b, x, -1);
			row_end(b, SCH_MR_LE, c->type == SCH_CON_MIN_PER_DAY ? 0 : v);
		}
		break;
	case SCH_CON_MAX_CONTINUOUS: /* every v+1 periods in a row busy: one over */
		for (int d = 0; d < D; d++) {
			uint32_t maybe = person_fixed(b, e, d) | cols_mask(b, e->gl, e->ng, d);
			for (int p = v; p < P; p++) {
				uint32_t win = cover_bits(p - v, v + 1, P);
				if ((maybe & win) != win)
					continue;
				int x = excess_col(b, c, 1);
				row_start(b);
				for (int q = p - v; q <= p; q++)
					add_busy(b, e, d, q, 1);
				row_add(b, x, -1);
				row_end(b, SCH_MR_LE, v);
			}
		}
		break;
	default:
		break;
	}
}

static int is_person_rule(int type)
{
	return type != SCH_CON_MIN_DAYS_BETWEEN && type != SCH_CON_SPREAD && type != SCH_CON_ALLOWED_STARTS &&
	       type != SCH_CON_UNAVAILABLE;
}

static void build_constraints(mb *b)
{
	const sch_school *s = b->s;
	for (int ci = 0; ci < s->n_constraints && !b->failed; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		if (b->relax && c->weight != SCH_WEIGHT_HARD)
			continue; /* a relaxation: soft costs are ≥ 0 */
		if (c->type == SCH_CON_SPREAD || c->type == SCH_CON_MIN_DAYS_BETWEEN) {
			build_con_lessons(b, c);
			continue;
		}
		if (!is_person_rule(c->type))
			continue; /* allowed_starts and unavailable: on the columns (con_static) */
		for (int i = 0; i < c->n_teachers + c->n_atoms && !b->failed; i++) {
			person e = i < c->n_teachers ? person_of(b, c->teachers[i], -1)
						     : person_of(b, -1, c->atoms[i - c->n_teachers]);
			if (!e.ng && !b->whole)
				continue; /* nothing of it is free: a constant */
			build_con_person(b, c, &e);
		}
	}
}

/* The fixed lessons' own costs, so that a whole model's objective is the full soft cost. */
static void fixed_static(mb *b)
{
	const sch_school *s = b->s;
	for (int l = 0; l < b->L; l++) {
		int st = lesson_pos(b, l);
		if (st < 0)
			continue;
		b->m->obj_const += static_soft(s, l, st);
		int hard = 0, n_sc = s->n_constraints > 0 ? static_cons(b, l) : 0;
		if (n_sc)
			b->m->obj_const += static_cost(b, l, st, n_sc, &hard);
		int ref = sch_solution_reference_start(b->sol, l);
		if (W_(b, moved) > 0 && ref >= 0 && ref != st)
			b->m->obj_const += W_(b, moved);
	}
}

static void mb_free(mb *b)
{
	void *p[] = {b->pos, b->ft, b->fa, b->fk, b->rep, b->nrep, b->tg_off, b->tg, b->ag_off, b->ag, b->cg_off,
		     b->cg, b->lg_off, b->lg, b->stamp, b->spos, b->rcols, b->rvals, b->tmp, b->arc, b->arlen,
		     b->tshifts, b->gstamp, b->pw, b->pspan, b->poff, b->poff_done, b->sc_ci, b->sc_per};
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
		free(p[i]);
}

void sch_mip_free(sch_mip *m)
{
	if (!m)
		return;
	for (int g = 0; g < m->n_groups; g++) {
		free(m->groups[g].lessons);
		free(m->groups[g].slot);
	}
	void *p[] = {m->ckind, m->clb, m->cub, m->cobj, m->rtype, m->rrhs, m->ia, m->ja, m->ar, m->groups, m->lgroup,
		     m->x, m->lpx, m->changes, m->scratch};
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
		free(p[i]);
	free(m);
}

int sch_mip_cols(const sch_mip *m)
{
	return m ? m->n_cols : 0;
}

int sch_mip_rows(const sch_mip *m)
{
	return m ? m->n_rows : 0;
}

int sch_mip_build(sch_mip **out, const sch_solution *sol, const sch_mip_spec *spec)
{
	mb b = {0};
	sch_mip *m = NULL;
	unsigned char *isfree = NULL;
	int rc = 0;
	*out = NULL;
	b.s = sch_solution_school(sol);
	b.sol = sol;
	b.whole = !spec || !spec->free;
	b.relax = spec && spec->relax;
	b.day_mask = spec ? spec->day_mask : 0;
	b.L = b.s->n_lessons;
	b.T = b.s->n_teachers;
	b.A = b.s->n_atoms;
	b.C = b.s->n_classes;
	b.K = b.s->n_room_kinds;
	b.NL = b.s->n_lines;
	b.D = b.s->n_days;
	b.P = b.s->n_periods;
	b.S = b.D * b.P;
	m = calloc(1, sizeof *m);
	isfree = calloc((size_t)b.L + 1, 1);
	b.tmp = malloc(sizeof(int) * (size_t)(b.L + 1));
	b.arc = malloc(sizeof(int) * (size_t)(SCH_MAX_DAYS * SCH_MAX_PERIODS * SCH_MAX_PERIODS * 4 + 1));
	b.arlen = malloc(sizeof(int) * (size_t)(SCH_MAX_DAYS * SCH_MAX_PERIODS * SCH_MAX_PERIODS * 4 + 1));
	b.tshifts = malloc(sizeof(int) * (size_t)(b.s->n_shifts + 1));
	if (!m || !isfree || !b.tmp || !b.arc || !b.arlen || !b.tshifts)
		goto oom;
	m->s = b.s;
	m->whole = b.whole;
	m->relax = b.relax;
	b.m = m;
	for (int l = 0; l < b.L; l++)
		isfree[l] = b.s->lessons[l].pinned < 0 && (b.whole || spec->free[l]);
	if (b.s->n_constraints > 0) {
		size_t np = (size_t)(b.T + b.A) * (size_t)b.D + 1;
		b.gstamp = calloc((size_t)b.L + 1, sizeof(int));
		b.pw = malloc(sizeof(int) * np);
		b.pspan = malloc(sizeof(int) * np);
		b.poff = calloc(np, sizeof(uint32_t));
		b.poff_done = calloc((size_t)(b.T + b.A) + 1, 1);
		b.sc_ci = malloc(sizeof(int) * (size_t)(b.s->n_constraints + 1));
		b.sc_per = malloc(sizeof(int) * (size_t)(b.s->n_constraints + 1));
		if (!b.gstamp || !b.pw || !b.pspan || !b.poff || !b.poff_done || !b.sc_ci || !b.sc_per)
			goto oom;
		for (size_t i = 0; i < np; i++)
			b.pw[i] = b.pspan[i] = -1;
	}
	if (build_fixed(&b, isfree) || build_reps(&b) || build_groups(&b, isfree))
		goto oom;
	if (b.infeasible) {
		rc = sch_error_set(SCH_EINFEASIBLE, "a free lesson has no open slot");
		goto done;
	}
	if (build_index(&b, b.T, teacher_keys, &b.tg_off, &b.tg) || build_index(&b, b.A, atom_keys, &b.ag_off, &b.ag) ||
	    build_index(&b, b.C, class_keys, &b.cg_off, &b.cg) || build_index(&b, b.NL, line_keys, &b.lg_off, &b.lg))
		goto oom;
	group_rows(&b);
	for (int t = 0; t < b.T && !b.failed; t++)
		build_teacher(&b, t);
	for (int c = 0; c < b.C && !b.failed; c++)
		build_class(&b, c);
	build_subject_rows(&b);
	build_room_rows(&b);
	build_lines(&b);
	if (b.s->n_constraints > 0)
		build_constraints(&b);
	if (b.whole)
		fixed_static(&b);
	if (spec && spec->max_moves > 0) {
		/* local branching: Σ x at the lessons' slots ≥ free lessons − max_moves */
		row_start(&b);
		for (int l = 0; l < b.L; l++) {
			int g = m->lgroup[l], st = sch_solution_start(sol, l);
			if (g < 0 || st < 0)
				continue;
			int c = first_ge(&m->groups[g], st);
			if (c < m->groups[g].n_cols && m->groups[g].slot[c] == st)
				row_add(&b, m->groups[g].col0 + c, 1);
		}
		row_end(&b, SCH_MR_GE, m->n_free - spec->max_moves);
	}
	if (b.failed)
		goto oom;
	if (b.infeasible) {
		rc = sch_error_set(SCH_EINFEASIBLE, "the fixed lessons break a rule of the model");
		goto done;
	}
	m->x = calloc((size_t)m->n_cols + 1, sizeof(double));
	m->lpx = calloc((size_t)m->n_cols + 1, sizeof(double));
	m->changes = malloc(sizeof(sch_change) * (size_t)(b.L + 1));
	m->scratch = malloc(sizeof(int) * (size_t)(b.L + 1));
	if (!m->x || !m->lpx || !m->changes || !m->scratch)
		goto oom;
	*out = m;
	m = NULL;
	goto done;
oom:
	rc = sch_error_set(SCH_ENOMEM, "out of memory building the integer program");
done:
	mb_free(&b);
	free(isfree);
	sch_mip_free(m);
	return rc;
}

int sch_mip__start_x(const sch_mip *m, const sch_solution *sol, double *x)
{
	for (int j = 0; j < m->n_x; j++)
		x[j] = 0;
	for (int gi = 0; gi < m->n_groups; gi++) {
		const sch_mip_group *g = &m->groups[gi];
		for (int k = 0; k < g->n; k++) {
			int st = sch_solution_start(sol, g->lessons[k]);
			if (st < 0)
				return -1;
			int c = first_ge(g, st);
			if (c >= g->n_cols || g->slot[c] != st || x[g->col0 + c] != 0)
				return -1;
			x[g->col0 + c] = 1;
		}
	}
	return 0;
}

double sch_mip_lp_value(const sch_mip *m, int lesson, int slot)
{
	if (!m->has_lpx || lesson < 0 || m->lgroup[lesson] < 0)
		return -1;
	const sch_mip_group *g = &m->groups[m->lgroup[lesson]];
	int c = first_ge(g, slot);
	return c < g->n_cols && g->slot[c] == slot ? m->lpx[g->col0 + c] : 0;
}

int sch_mip_changes(sch_mip *m, const sch_solution *sol, const sch_change **out)
{
	int n = 0;
	*out = m->changes;
	if (!m->has_x)
		return 0;
	const sch_school *s = m->s;
	int *taken = m->scratch; /* per lesson: 1 when already given a slot */
	for (int gi = 0; gi < m->n_groups; gi++) {
		const sch_mip_group *g = &m->groups[gi];
		for (int k = 0; k < g->n; k++)
			taken[g->lessons[k]] = 0;
		/* chosen slots, matched first to the lessons whose reference slot it is, then to the
		 * lessons already there, then in order */
		int chosen[SCH_MAX_SLOTS], nc = 0;
		for (int c = 0; c < g->n_cols && nc < SCH_MAX_SLOTS; c++)
			if (m->x[g->col0 + c] > 0.5)
				chosen[nc++] = g->slot[c];
		int given[SCH_MAX_SLOTS];
		for (int i = 0; i < nc; i++)
			given[i] = -1;
		for (int pass = 0; pass < 3; pass++)
			for (int i = 0; i < nc; i++) {
				if (given[i] >= 0)
					continue;
				for (int k = 0; k < g->n; k++) {
					int l = g->lessons[k];
					if (taken[l])
						continue;
					int want = pass == 0 ? sch_solution_reference_start(sol, l) : sch_solution_start(sol, l);
					if (pass < 2 && want != chosen[i])
						continue;
					given[i] = l;
					taken[l] = 1;
					break;
				}
			}
		for (int i = 0; i < nc; i++)
			if (given[i] >= 0 && sch_solution_start(sol, given[i]) != chosen[i])
				m->changes[n++] = (sch_change){given[i], chosen[i]};
		(void)s;
	}
	return n;
}
