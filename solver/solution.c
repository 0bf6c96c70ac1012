/* The solution state: placements, flat occupancy counts and bitmasks, and the cost kept term by term. */
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "schedule/timetable.h"

/* Term slots: the public terms, then the weighted cost of the soft constraints (whose
 * amount is SCH_T_CONSTRAINT_SOFT, weight 0 here: each constraint has its own weight). */
#define NT (SCH_T_COUNT + 2)
#define X_CON_COST SCH_T_COUNT
/* The part of SCH_T_CONSTRAINT from hard min_per_day and min_days (weight 0 here): rules
 * that leaving lessons out cannot mend, which a partial timetable may break. */
#define X_CON_MIN (SCH_T_COUNT + 1)

/* A cache write recorded so that sch_solution_revert() can take it back. */
typedef struct {
	int32_t *at;
	int32_t old;
} log_entry;

struct sch_solution {
	const sch_school *s;
	int L, T, A, C, K, R, J, NL, D, P, S, NS;

	int *start;      /* L: start slot or -1 */
	int *ref;        /* L: reference start slot or -1 */
	sch_cost *stat;  /* L*S: static cost of a lesson at a slot, without pinning and moves */
	int16_t *samt;   /* L*S*N_STATIC: the amounts of static_term[] */

	/* Per lesson: the classes whose atoms it covers, with difficulty x length for each. */
	int *lcls_off, *lcls, *lcls_diff;
	int *lkind, *lkdem; /* room kind it occupies (-1 none) and how many parts */
	int *lsh;           /* shift index for teacher gaps: lesson shift, or NS when none */
	int *line_week;     /* NL: min week of the line's classes */

	/* Occupancy. */
	uint16_t *tcnt, *acnt, *kcnt, *tshcnt; /* T*S, A*S, K*S, T*(NS+1)*S */
	uint16_t *kst;                         /* K*S*ML: parts of a kind starting at a slot, by length */
	/* T*S, A*S: a lesson there (the only one unless they clash), -1 when none */
	int32_t *twho, *awho;
	int ML;                                /* the longest lesson needing a room kind */
	uint32_t *tmask, *amask, *tshmask;            /* T*D, A*D, T*(NS+1)*D */
	uint8_t *tmulti;                              /* T: teaches lessons of several shifts */
	int *tshift;                                  /* T: the one shift of its lessons, NS if none or several */
	uint16_t *asub;                               /* A*D*J: lessons of a subject per atom-day */
	int32_t *cdl;                                 /* C*D: difficulty x length sums */
	int32_t *lday, *lplaced;                      /* NL*D, NL */
	int placed;

	/* Cached term values per entity (every write is logged). */
	int32_t *tgap, *tlim, *tpop, *tdays;       /* T*D, T*D, T*D, T */
	int32_t *cgap, *clim, *cbusy, *cbal, *cdif; /* C*D x3, C x2 */
	int32_t *csub;                              /* C*D*J */
	int32_t *lspr;                              /* NL */
	int32_t *kmiss;                             /* K*D: parts left without a room */

	int64_t terms[NT];
	int weight[NT];

	/*
	 * The constraints section. Per-person rules have one "cterm" per (constraint,
	 * teacher or atom) with its amount cached, recomputed from the week's busy masks
	 * of a teacher or atom the change touched. Spread and min_days_between are
	 * cached per constraint and recomputed when one of their lessons moves;
	 * allowed_starts is a lesson's own term at a slot.
	 */
	int NC, n_ct;
	int *ct_con, *ct_ent;     /* n_ct: the constraint, the teacher or atom */
	int32_t *ct_amt;          /* n_ct */
	uint32_t *ct_offm;        /* n_ct*D: periods that are no gap (skip_unavailable), else 0 */
	int *t_ct_off, *t_ct;     /* T+1: cterms of each teacher */
	int *a_ct_off, *a_ct;     /* A+1: cterms of each atom */
	int *l_cn_off, *l_cn;     /* L+1: spread and min_days_between constraints of each lesson */
	int *l_as_off, *l_as;     /* L+1: allowed_starts constraints of each lesson */
	int32_t *cn_amt;          /* NC: cached amount of a lesson constraint */
	int32_t *cn_day;          /* NC*D: a spread constraint's lessons per day */
	uint32_t *cn_slot;        /* NC*D: a constraint's slots as period masks per day */
	int *a_week, *a_first;    /* A: days of min_per_day, first period of late_starts */

	/* Dirty entities of the change under way. */
	uint32_t epoch;
	uint32_t *st_td, *st_t, *st_cd, *st_c, *st_cs, *st_l, *st_kd;
	int *dl_td, *dl_t, *dl_cd, *dl_c, *dl_cs, *dl_l, *dl_kd;
	int n_td, n_t, n_cd, n_c, n_cs, n_l, n_kd;
	int64_t dterm[NT];
	uint32_t *st_a, *st_cn;
	int *dl_a, *dl_cn;
	int n_a, n_cn;

	/* The last change, for sch_solution_revert(). */
	log_entry *log;
	size_t n_log, cap_log;
	struct last_change {
		int lesson, slot, old;
	} *last;
	int cap_last;
	int64_t saved_terms[NT];
	size_t saved_trail;
	int can_revert;

	/* Mark/undo trail: (lesson, previous slot) pairs. */
	sch_change *trail;
	size_t n_trail, cap_trail;
	int trail_on;
};

static inline int imax(int a, int b) { return a > b ? a : b; }
static inline int imin(int a, int b) { return a < b ? a : b; }
static inline int pop32(uint32_t m) { return sch__pop32(m); }
static inline int top32(uint32_t m) { return 31 - __builtin_clz(m); }

/* Difficulty of a subject for a grade (0 for an unknown grade). */
static int subject_difficulty(const sch_school *s, int subject, int grade)
{
	if (grade < 1 || grade > SCH_MAX_GRADE)
		return 0;
	return s->subjects[subject].difficulty[grade];
}

static int lesson_first_class(const sch_school *s, const sch_lesson_def *l)
{
	const sch_line_def *ln = &s->lines[l->line];
	return ln->n_classes > 0 ? ln->classes[0] : -1;
}

/*
 * The lesson's own terms at a slot, added with `sign` into amounts[]: outside
 * shift, teacher unavailable, forbidden period, pinned moved, a fixed room of
 * the wrong kind, hard periods, period preferences, moved.
 */
static void static_terms(const sch_school *s, const int *ref, int l, int slot, int sign, int64_t *amounts)
{
	if (slot < 0)
		return;
	const sch_lesson_def *ls = &s->lessons[l];
	const sch_subject_def *sub = &s->subjects[ls->subject];
	int P = s->n_periods, d = slot / P, p = slot % P;
	int first = 0, last = P - 1, outside = 0, forbidden = 0, hardp = 0, pref = 0, unav = 0;
	int has_shift = ls->shift >= 0 && ls->shift < s->n_shifts;
	if (has_shift) {
		first = s->shifts[ls->shift].first;
		last = s->shifts[ls->shift].last;
	} else {
		outside = 1;
	}
	if (d >= ls->week_days || p + ls->length - 1 > last || p < first || p + ls->length > P)
		outside = 1;
	int fc = lesson_first_class(s, ls);
	int grade = fc >= 0 ? s->classes[fc].grade : 0;
	int is_hard = fc >= 0 && subject_difficulty(s, ls->subject, grade) >= s->rules.hard_difficulty;
	int hi_pos = grade <= 4 ? 3 : 4;
	for (int k = 0; k < ls->length && p + k < P; k++) {
		int q = p + k, pos = q - first; /* bit index: position pos+1 */
		for (int t = 0; t < ls->n_teachers; t++) {
			const sch_teacher_def *te = &s->teachers[ls->teachers[t]];
			if (sch_slotset_has(&te->unavailable, d * P + q))
				unav++;
			if ((te->avoid_periods >> q) & 1u)
				pref++;
			if (te->prefer_periods && !((te->prefer_periods >> q) & 1u))
				pref++;
		}
		if (!has_shift)
			continue; /* no positions without a shift */
		if (pos >= 0 && pos < 32) {
			if ((sub->forbid_periods >> pos) & 1u)
				forbidden = 1;
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
	amounts[SCH_T_OUTSIDE_SHIFT] += sign * outside;
	amounts[SCH_T_TEACHER_UNAVAILABLE] += sign * unav;
	amounts[SCH_T_FORBIDDEN_PERIOD] += sign * forbidden;
	amounts[SCH_T_HARD_PERIODS] += sign * hardp;
	amounts[SCH_T_PERIOD_PREF] += sign * pref;
	if (ls->pinned >= 0 && slot != ls->pinned)
		amounts[SCH_T_PINNED_MOVED] += sign;
	if (ref && ref[l] >= 0 && ref[l] != slot)
		amounts[SCH_T_MOVED] += sign;
}

static sch_cost pack_terms(const int64_t *amounts, const int *weight)
{
	int64_t hard = 0, soft = 0;
	for (int t = 0; t < SCH_T_FIRST_SOFT; t++)
		hard += amounts[t];
	for (int t = SCH_T_FIRST_SOFT; t < NT; t++)
		soft += amounts[t] * weight[t];
	return SCH_COST(hard, soft);
}

void sch_solution_free(sch_solution *sol)
{
	if (!sol)
		return;
	void *ptrs[] = {sol->start, sol->ref, sol->stat, sol->samt, sol->lcls_off, sol->lcls, sol->lcls_diff,
			sol->lkind, sol->lkdem, sol->lsh, sol->line_week, sol->tcnt, sol->acnt,
			sol->kcnt, sol->tshcnt, sol->tmask, sol->amask, sol->tshmask, sol->tmulti, sol->tshift,
			sol->asub, sol->cdl, sol->lday, sol->lplaced, sol->tgap, sol->tlim, sol->tpop,
			sol->tdays, sol->cgap, sol->clim, sol->cbusy, sol->cbal, sol->cdif, sol->csub, sol->lspr,
			sol->st_td, sol->st_t, sol->st_cd, sol->st_c, sol->st_cs, sol->st_l, sol->dl_td,
			sol->dl_t, sol->dl_cd, sol->dl_c, sol->dl_cs, sol->dl_l, sol->log, sol->last,
			sol->kst, sol->kmiss, sol->st_kd, sol->dl_kd, sol->twho, sol->awho,
			sol->trail, sol->ct_con, sol->ct_ent, sol->ct_amt, sol->ct_offm, sol->t_ct_off, sol->t_ct,
			sol->a_ct_off, sol->a_ct, sol->l_cn_off, sol->l_cn, sol->l_as_off, sol->l_as,
			sol->cn_amt, sol->cn_day, sol->cn_slot, sol->a_week, sol->a_first, sol->st_a,
			sol->st_cn, sol->dl_a, sol->dl_cn};
	for (size_t i = 0; i < sizeof ptrs / sizeof ptrs[0]; i++)
		free(ptrs[i]);
	free(sol);
}

#define ALLOC(ptr, n) ((ptr) = calloc((size_t)(n) + 1, sizeof *(ptr))) == NULL

/* Per-lesson data the hot loops read: covered classes, room demand, shift index. */
static int build_lesson_data(sch_solution *sol)
{
	const sch_school *s = sol->s;
	int total = 0;
	for (int l = 0; l < sol->L; l++)
		total += s->lessons[l].n_atoms;
	if (ALLOC(sol->lcls_off, sol->L + 1) || ALLOC(sol->lcls, total) || ALLOC(sol->lcls_diff, total))
		return -1;
	int n = 0;
	for (int l = 0; l < sol->L; l++) {
		const sch_lesson_def *ls = &s->lessons[l];
		sol->lcls_off[l] = n;
		for (int i = 0; i < ls->n_atoms; i++) {
			int c = s->atom_class[ls->atoms[i]], seen = 0;
			for (int k = sol->lcls_off[l]; k < n; k++)
				seen |= sol->lcls[k] == c;
			if (seen)
				continue;
			sol->lcls[n] = c;
			sol->lcls_diff[n] = subject_difficulty(s, ls->subject, s->classes[c].grade) * ls->length;
			n++;
		}
		/* Rooms as sch_timetable_assign_rooms() gives them: every part needing
		 * a kind takes a room of it. A fixed room of a line that needs no kind
		 * is given only after those parts, so it takes no room from them and
		 * counts for nothing here (the verifier has no rule for it). */
		sol->lkind[l] = -1;
		if (ls->rooms_needed > 0 && ls->room_kind >= 0) {
			sol->lkind[l] = ls->room_kind;
			sol->lkdem[l] = ls->rooms_needed;
			sol->ML = imax(sol->ML, ls->length);
		}
		sol->lsh[l] = ls->shift >= 0 && ls->shift < sol->NS ? ls->shift : sol->NS;
	}
	sol->lcls_off[sol->L] = n;
	for (int i = 0; i < sol->NL; i++) {
		const sch_line_def *ln = &s->lines[i];
		int w = s->n_days;
		for (int c = 0; c < ln->n_classes; c++)
			w = imin(w, s->classes[ln->classes[c]].week_days);
		sol->line_week[i] = w;
	}
	for (int t = 0; t < sol->T; t++) {
		int sh = -1;
		for (int i = s->by_teacher.off[t]; i < s->by_teacher.off[t + 1]; i++) {
			int ls = sol->lsh[s->by_teacher.idx[i]];
			if (sh >= 0 && ls != sh)
				sol->tmulti[t] = 1;
			sh = ls;
		}
		sol->tshift[t] = sh >= 0 && !sol->tmulti[t] ? sh : sol->NS;
	}
	return 0;
}

/* ---- the constraints section ---- */

static inline void log_set(sch_solution *sol, int32_t *at, int32_t v);

static int con_is_person(int type)
{
	return type != SCH_CON_MIN_DAYS_BETWEEN && type != SCH_CON_SPREAD && type != SCH_CON_ALLOWED_STARTS;
}

/* Adds a change of a constraint's amount to the terms: hard, or soft with its own weight. */
static inline void con_term(int64_t *amounts, const sch_constraint *c, int64_t dv)
{
	if (c->weight == SCH_WEIGHT_HARD) {
		amounts[SCH_T_CONSTRAINT] += dv;
		if (c->type == SCH_CON_MIN_PER_DAY || c->type == SCH_CON_MIN_DAYS)
			amounts[X_CON_MIN] += dv;
	} else {
		int weight = c->weight;
		amounts[SCH_T_CONSTRAINT_SOFT] += dv;
		amounts[X_CON_COST] += dv * weight;
	}
}

/* Idle periods between the first and the last of m, but those in off. */
static inline int gaps32(uint32_t m, uint32_t off)
{
	if (!m)
		return 0;
	int hi = top32(m), lo = __builtin_ctz(m);
	uint32_t span = (hi == 31 ? ~0u : (1u << (hi + 1)) - 1) & ~((1u << lo) - 1);
	return pop32(span & ~m & ~off);
}

/* The amount of a per-person constraint for one teacher or atom from its week of busy masks:
 * `week` days count for min_per_day, `first` is the period after which a day starts late. */
static int con_person(const sch_constraint *c, const uint32_t *m, int D, int week, int first, const uint32_t *slots,
		      const uint32_t *offm)
{
	int v = c->value, a = 0, n = 0;
	switch (c->type) {
	case SCH_CON_UNAVAILABLE:
		for (int d = 0; d < D; d++)
			a += pop32(m[d] & slots[d]);
		return a;
	case SCH_CON_MAX_GAPS_DAY:
		for (int d = 0; d < D; d++)
			a += imax(0, gaps32(m[d], offm[d]) - v);
		return a;
	case SCH_CON_MAX_GAPS_WEEK:
		for (int d = 0; d < D; d++)
			n += gaps32(m[d], offm[d]);
		return imax(0, n - v);
	case SCH_CON_MIN_PER_DAY:
		for (int d = 0; d < week; d++)
			if (m[d] || !(c->flags & SCH_CON_EMPTY_DAYS_OK))
				a += imax(0, v - pop32(m[d]));
		return a;
	case SCH_CON_MAX_PER_DAY:
		for (int d = 0; d < D; d++)
			a += imax(0, pop32(m[d]) - v);
		return a;
	case SCH_CON_MAX_DAYS:
	case SCH_CON_MIN_DAYS:
		for (int d = 0; d < D; d++)
			n += m[d] != 0;
		return c->type == SCH_CON_MAX_DAYS ? imax(0, n - v) : imax(0, v - n);
	case SCH_CON_MAX_CONTINUOUS:
		for (int d = 0; d < D; d++) {
			uint32_t x = m[d];
			while (x) {
				int lo = __builtin_ctz(x), len = __builtin_ctz(~(x >> lo));
				a += imax(0, len - v);
				x &= ~((((uint32_t)1 << len) - 1) << lo);
			}
		}
		return a;
	case SCH_CON_LATE_STARTS:
		for (int d = 0; d < D; d++)
			n += m[d] && __builtin_ctz(m[d]) > first;
		return imax(0, n - v);
	default:
		return 0;
	}
}

/* The amount of a spread or min_days_between constraint from the starts (spread: day counts). */
static int con_lessons(const sch_solution *sol, int ci, const int32_t *per_day)
{
	const sch_school *s = sol->s;
	const sch_constraint *c = &s->constraints[ci];
	int a = 0, P = sol->P;
	if (c->type == SCH_CON_SPREAD) {
		for (int d = 0; d < sol->D; d++)
			a += imax(0, per_day[d] - c->value);
		return a;
	}
	for (int i = 0; i < c->n_lessons; i++) {
		int x = c->lessons[i], sx = sol->start[x];
		if (sx < 0)
			continue;
		for (int j = i + 1; j < c->n_lessons; j++) {
			int y = c->lessons[j], sy = sol->start[y];
			if (sy < 0)
				continue;
			int dd = abs(sx / P - sy / P);
			a += dd < c->value;
			if (dd == 0 && (c->flags & SCH_CON_SAME_DAY_ADJACENT) && sx + s->lessons[x].length != sy &&
			    sy + s->lessons[y].length != sx)
				a++;
		}
	}
	return a;
}

/* allowed_starts of lesson l at a slot, added with `sign`. */
static inline void con_static(const sch_solution *sol, int l, int slot, int sign, int64_t *amounts)
{
	if (slot < 0)
		return;
	for (int i = sol->l_as_off[l]; i < sol->l_as_off[l + 1]; i++) {
		const sch_constraint *c = &sol->s->constraints[sol->l_as[i]];
		if (!sch_slotset_has(&c->slots, slot))
			con_term(amounts, c, sign);
	}
}

/* Builds the indexes of the constraints: cterms by teacher and atom, constraints by lesson. */
static int build_con_data(sch_solution *sol)
{
	const sch_school *s = sol->s;
	int NC = sol->NC, D = sol->D, L = sol->L, n_ct = 0, n_cn = 0, n_as = 0;
	for (int ci = 0; ci < NC; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		if (con_is_person(c->type))
			n_ct += c->n_teachers + c->n_atoms;
		else if (c->type == SCH_CON_ALLOWED_STARTS)
			n_as += c->n_lessons;
		else
			n_cn += c->n_lessons;
	}
	sol->n_ct = n_ct;
	if (ALLOC(sol->ct_con, n_ct) || ALLOC(sol->ct_ent, n_ct) || ALLOC(sol->ct_amt, n_ct) ||
	    ALLOC(sol->ct_offm, (size_t)n_ct * D) ||
	    ALLOC(sol->t_ct_off, sol->T + 1) || ALLOC(sol->t_ct, n_ct) || ALLOC(sol->a_ct_off, sol->A + 1) ||
	    ALLOC(sol->a_ct, n_ct) || ALLOC(sol->l_cn_off, L + 1) || ALLOC(sol->l_cn, n_cn) ||
	    ALLOC(sol->l_as_off, L + 1) || ALLOC(sol->l_as, n_as) || ALLOC(sol->cn_amt, NC) ||
	    ALLOC(sol->cn_day, (size_t)NC * D) || ALLOC(sol->cn_slot, (size_t)NC * D) || ALLOC(sol->a_week, sol->A) ||
	    ALLOC(sol->a_first, sol->A) || ALLOC(sol->st_a, sol->A) || ALLOC(sol->dl_a, sol->A) ||
	    ALLOC(sol->st_cn, NC) || ALLOC(sol->dl_cn, NC))
		return -1;
	for (int a = 0; a < sol->A; a++) {
		const sch_class_def *cl = &s->classes[s->atom_class[a]];
		sol->a_week[a] = imin(cl->week_days, D);
		sol->a_first[a] = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
	}
	/* counts, offsets, then fill (in constraint order, so the sums run the same every time) */
	n_ct = 0;
	for (int ci = 0; ci < NC; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		for (int d = 0; d < D; d++)
			for (int p = 0; p < sol->P; p++)
				if (sch_slotset_has(&c->slots, d * sol->P + p))
					sol->cn_slot[ci * D + d] |= 1u << p;
		if (con_is_person(c->type)) {
			for (int i = 0; i < c->n_teachers; i++) {
				sol->ct_con[n_ct] = ci;
				sol->ct_ent[n_ct++] = c->teachers[i];
				sol->t_ct_off[c->teachers[i] + 1]++;
			}
			for (int i = 0; i < c->n_atoms; i++) {
				sol->ct_con[n_ct] = ci;
				sol->ct_ent[n_ct++] = ~c->atoms[i]; /* atoms are kept as ~index */
				sol->a_ct_off[c->atoms[i] + 1]++;
			}
		} else {
			int *off = c->type == SCH_CON_ALLOWED_STARTS ? sol->l_as_off : sol->l_cn_off;
			for (int i = 0; i < c->n_lessons; i++)
				off[c->lessons[i] + 1]++;
		}
	}
	for (int t = 0; t < sol->T; t++)
		sol->t_ct_off[t + 1] += sol->t_ct_off[t];
	for (int a = 0; a < sol->A; a++)
		sol->a_ct_off[a + 1] += sol->a_ct_off[a];
	for (int l = 0; l < L; l++) {
		sol->l_cn_off[l + 1] += sol->l_cn_off[l];
		sol->l_as_off[l + 1] += sol->l_as_off[l];
	}
	int *ft = calloc((size_t)sol->T + 1, sizeof(int)), *fa = calloc((size_t)sol->A + 1, sizeof(int));
	int *fc = calloc((size_t)L + 1, sizeof(int)), *fs = calloc((size_t)L + 1, sizeof(int));
	if (!ft || !fa || !fc || !fs) {
		free(ft);
		free(fa);
		free(fc);
		free(fs);
		return -1;
	}
	for (int k = 0; k < n_ct; k++) {
		int e = sol->ct_ent[k];
		if (e >= 0)
			sol->t_ct[sol->t_ct_off[e] + ft[e]++] = k;
		else
			sol->a_ct[sol->a_ct_off[~e] + fa[~e]++] = k;
	}
	for (int ci = 0; ci < NC; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		if (con_is_person(c->type))
			continue;
		for (int i = 0; i < c->n_lessons; i++) {
			int l = c->lessons[i];
			if (c->type == SCH_CON_ALLOWED_STARTS)
				sol->l_as[sol->l_as_off[l] + fs[l]++] = ci;
			else
				sol->l_cn[sol->l_cn_off[l] + fc[l]++] = ci;
		}
	}
	free(ft);
	free(fa);
	free(fc);
	free(fs);
	/* periods that are no gap: hard unavailability of the teacher or atom (skip_unavailable) */
	for (int k = 0; k < sol->n_ct; k++) {
		const sch_constraint *c = &s->constraints[sol->ct_con[k]];
		if (!(c->flags & SCH_CON_SKIP_UNAVAILABLE) ||
		    (c->type != SCH_CON_MAX_GAPS_DAY && c->type != SCH_CON_MAX_GAPS_WEEK))
			continue;
		int e = sol->ct_ent[k];
		for (int d = 0; d < D; d++)
			for (int p = 0; p < sol->P; p++) {
				int slot = d * sol->P + p, off = e >= 0 && sch_slotset_has(&s->teachers[e].unavailable, slot);
				for (int u = 0; u < NC && !off; u++) {
					const sch_constraint *cu = &s->constraints[u];
					if (cu->type != SCH_CON_UNAVAILABLE || cu->weight != SCH_WEIGHT_HARD ||
					    !sch_slotset_has(&cu->slots, slot))
						continue;
					const int *ids = e >= 0 ? cu->teachers : cu->atoms;
					int n = e >= 0 ? cu->n_teachers : cu->n_atoms;
					for (int i = 0; i < n && !off; i++)
						off = ids[i] == (e >= 0 ? e : ~e);
				}
				if (off)
					sol->ct_offm[(size_t)k * D + d] |= 1u << p;
			}
	}
	/* amounts with nothing placed (min_days, min_per_day count from the start) */
	uint32_t zero[SCH_MAX_DAYS] = {0};
	for (int k = 0; k < sol->n_ct; k++) {
		const sch_constraint *c = &s->constraints[sol->ct_con[k]];
		int e = sol->ct_ent[k];
		int v = con_person(c, zero, D, e >= 0 ? D : sol->a_week[~e], e >= 0 ? 0 : sol->a_first[~e],
				   sol->cn_slot + (size_t)sol->ct_con[k] * D, sol->ct_offm + (size_t)k * D);
		sol->ct_amt[k] = v;
		con_term(sol->terms, c, v);
	}
	return 0;
}

/* Recomputes the cterms of a teacher (e >= 0) or atom (~e), the differences into dterm. */
static void con_refresh_person(sch_solution *sol, int e)
{
	const sch_school *s = sol->s;
	int D = sol->D, t = e >= 0, x = t ? e : ~e;
	const int *off = t ? sol->t_ct_off : sol->a_ct_off, *idx = t ? sol->t_ct : sol->a_ct;
	const uint32_t *m = (t ? sol->tmask : sol->amask) + (size_t)x * D;
	int week = t ? D : sol->a_week[x], first = t ? 0 : sol->a_first[x];
	for (int i = off[x]; i < off[x + 1]; i++) {
		int k = idx[i], ci = sol->ct_con[k];
		const sch_constraint *c = &s->constraints[ci];
		int v = con_person(c, m, D, week, first, sol->cn_slot + (size_t)ci * D, sol->ct_offm + (size_t)k * D);
		if (v != sol->ct_amt[k]) {
			con_term(sol->dterm, c, v - sol->ct_amt[k]);
			log_set(sol, &sol->ct_amt[k], v);
		}
	}
}

/* The terms a lesson has at a slot by itself, but pinning and moves (which are
 * its own, not its line's): kept per (lesson, slot) in samt. */
static const int static_term[] = {SCH_T_OUTSIDE_SHIFT, SCH_T_TEACHER_UNAVAILABLE, SCH_T_FORBIDDEN_PERIOD,
				  SCH_T_HARD_PERIODS, SCH_T_PERIOD_PREF};
#define N_STATIC ((int)(sizeof static_term / sizeof static_term[0]))

/* The static terms of every lesson at every slot. Lessons of one line with one
 * length have the same ones (pinning and moves aside): computed once per line. */
static void fill_static(sch_solution *sol)
{
	const sch_school *s = sol->s;
	int64_t am[NT];
	int S = sol->S;
	for (int l = 0; l < sol->L; l++) {
		const sch_lesson_def *ls = &s->lessons[l];
		int twin = -1;
		for (int k = s->lines[ls->line].first_lesson; k < l && twin < 0; k++)
			if (s->lessons[k].length == ls->length)
				twin = k;
		if (twin >= 0) {
			memcpy(sol->stat + (size_t)l * S, sol->stat + (size_t)twin * S, sizeof(sch_cost) * (size_t)S);
			memcpy(sol->samt + (size_t)l * S * N_STATIC, sol->samt + (size_t)twin * S * N_STATIC,
			       sizeof(int16_t) * (size_t)S * N_STATIC);
			continue;
		}
		for (int slot = 0; slot < S; slot++) {
			memset(am, 0, sizeof am);
			static_terms(s, NULL, l, slot, 1, am);
			con_static(sol, l, slot, 1, am);
			am[SCH_T_PINNED_MOVED] = 0; /* its own: added where it is used */
			sol->stat[(size_t)l * S + slot] = pack_terms(am, sol->weight);
			for (int i = 0; i < N_STATIC; i++)
				sol->samt[((size_t)l * S + slot) * N_STATIC + i] = (int16_t)am[static_term[i]];
		}
	}
}

/* Adds (sign +1) or removes (sign -1) the static terms of lesson l at slot into amounts[]. */
static inline void static_add(const sch_solution *sol, int l, int slot, int sign, int64_t *amounts)
{
	if (slot < 0)
		return;
	const int16_t *a = sol->samt + ((size_t)l * sol->S + slot) * N_STATIC;
	for (int i = 0; i < N_STATIC; i++)
		amounts[static_term[i]] += sign * a[i];
	int pin = sol->s->lessons[l].pinned;
	if (pin >= 0 && slot != pin)
		amounts[SCH_T_PINNED_MOVED] += sign;
	if (sol->ref[l] >= 0 && sol->ref[l] != slot)
		amounts[SCH_T_MOVED] += sign;
	con_static(sol, l, slot, sign, amounts);
}

int sch_solution_new(sch_solution **out, const sch_school *s, const sch_timetable *reference)
{
	*out = NULL;
	if (!s)
		return sch_error_set(SCH_EINVALID, "sch_solution_new: no school");
	if (reference && sch_timetable_school(reference) != s)
		return sch_error_set(SCH_EINVALID, "sch_solution_new: the reference timetable is of another school");
	sch_solution *sol = calloc(1, sizeof *sol);
	if (!sol)
		return sch_error_set(SCH_ENOMEM, "out of memory");
	sol->s = s;
	sol->L = s->n_lessons;
	sol->T = s->n_teachers;
	sol->A = s->n_atoms;
	sol->C = s->n_classes;
	sol->K = s->n_room_kinds;
	sol->R = s->n_rooms;
	sol->J = s->n_subjects;
	sol->NL = s->n_lines;
	sol->D = s->n_days;
	sol->P = s->n_periods;
	sol->S = s->n_days * s->n_periods;
	sol->NS = s->n_shifts;
	sol->NC = s->n_constraints;
	int L = sol->L, T = sol->T, A = sol->A, C = sol->C, D = sol->D, S = sol->S, NS1 = sol->NS + 1;
	int JS = s->rules.subject_once_a_day ? sol->J : 0;
	if (ALLOC(sol->start, L) || ALLOC(sol->ref, L) || ALLOC(sol->stat, (size_t)L * S) ||
	    ALLOC(sol->samt, (size_t)L * S * N_STATIC) || ALLOC(sol->lkind, L) || ALLOC(sol->lkdem, L) || ALLOC(sol->lsh, L) ||
	    ALLOC(sol->line_week, sol->NL) || ALLOC(sol->tcnt, (size_t)T * S) || ALLOC(sol->acnt, (size_t)A * S) ||
	    ALLOC(sol->kcnt, (size_t)sol->K * S) ||
	    ALLOC(sol->tshcnt, (size_t)T * NS1 * S) || ALLOC(sol->tmask, T * D) || ALLOC(sol->amask, A * D) ||
	    ALLOC(sol->tshmask, T * NS1 * D) || ALLOC(sol->tmulti, T) || ALLOC(sol->tshift, T) || ALLOC(sol->asub, (size_t)A * D * JS) ||
	    ALLOC(sol->cdl, C * D) || ALLOC(sol->lday, sol->NL * D) || ALLOC(sol->lplaced, sol->NL) ||
	    ALLOC(sol->tgap, T * D) || ALLOC(sol->tlim, T * D) || ALLOC(sol->tpop, T * D) || ALLOC(sol->tdays, T) ||
	    ALLOC(sol->cgap, C * D) || ALLOC(sol->clim, C * D) || ALLOC(sol->cbusy, C * D) || ALLOC(sol->cbal, C) ||
	    ALLOC(sol->cdif, C) || ALLOC(sol->csub, (size_t)C * D * JS) || ALLOC(sol->lspr, sol->NL) ||
	    ALLOC(sol->st_td, T * D) || ALLOC(sol->st_t, T) || ALLOC(sol->st_cd, C * D) || ALLOC(sol->st_c, C) ||
	    ALLOC(sol->st_cs, (size_t)C * D * JS) || ALLOC(sol->st_l, sol->NL) || ALLOC(sol->dl_td, T * D) ||
	    ALLOC(sol->dl_t, T) || ALLOC(sol->dl_cd, C * D) || ALLOC(sol->dl_c, C) ||
	    ALLOC(sol->dl_cs, (size_t)C * D * JS) || ALLOC(sol->dl_l, sol->NL) || build_lesson_data(sol) ||
	    ALLOC(sol->kst, (size_t)sol->K * S * imax(sol->ML, 1)) || ALLOC(sol->kmiss, sol->K * D) ||
	    ALLOC(sol->st_kd, sol->K * D) || ALLOC(sol->dl_kd, sol->K * D) || ALLOC(sol->twho, (size_t)T * S) ||
	    ALLOC(sol->awho, (size_t)A * S) || build_con_data(sol)) {
		sch_solution_free(sol);
		return sch_error_set(SCH_ENOMEM, "out of memory");
	}
	for (int l = 0; l < L; l++) {
		sol->start[l] = -1;
		sol->ref[l] = -1;
		if (reference) {
			int d = -1, p = -1;
			if (sch_timetable_get(reference, l, &d, &p) == 0 && d >= 0 && d < D && p >= 0 && p < sol->P)
				sol->ref[l] = d * sol->P + p;
		}
	}
	for (int t = 0; t < SCH_T_COUNT; t++)
		sol->weight[t] = t == SCH_T_CONSTRAINT_SOFT ? 0 : sch_term_weight(s, t); /* its cost is kept apart */
	sol->weight[SCH_T_CONSTRAINT_SOFT] = 0; /* each its own weight: X_CON_COST holds the cost */
	sol->weight[X_CON_COST] = 1;
	sol->weight[X_CON_MIN] = 0;
	for (size_t i = 0; i < (size_t)T * S; i++)
		sol->twho[i] = -1;
	for (size_t i = 0; i < (size_t)A * S; i++)
		sol->awho[i] = -1;
	fill_static(sol);
	sol->terms[SCH_T_MISSING] = L;
	*out = sol;
	return 0;
}

/* ---- dirty marks ---- */

/* In occupy() only: `mark` 0 (a revert, whose terms come back from the log) marks nothing. */
#define MARK_DIRTY(st, dl, n, idx)                     \
	do {                                           \
		if (mark && sol->st[idx] != sol->epoch) { \
			sol->st[idx] = sol->epoch;     \
			sol->dl[sol->n++] = (int)(idx); \
		}                                      \
	} while (0)

static void new_epoch(sch_solution *sol)
{
	if (++sol->epoch == 0) { /* wrapped: old stamps could match again */
		int D = sol->D, JS = sol->s->rules.subject_once_a_day ? sol->J : 0;
		memset(sol->st_td, 0, sizeof(uint32_t) * (size_t)sol->T * D);
		memset(sol->st_t, 0, sizeof(uint32_t) * (size_t)sol->T);
		memset(sol->st_cd, 0, sizeof(uint32_t) * (size_t)sol->C * D);
		memset(sol->st_c, 0, sizeof(uint32_t) * (size_t)sol->C);
		memset(sol->st_cs, 0, sizeof(uint32_t) * (size_t)sol->C * D * JS);
		memset(sol->st_l, 0, sizeof(uint32_t) * (size_t)sol->NL);
		memset(sol->st_kd, 0, sizeof(uint32_t) * (size_t)sol->K * D);
		memset(sol->st_a, 0, sizeof(uint32_t) * (size_t)sol->A);
		memset(sol->st_cn, 0, sizeof(uint32_t) * (size_t)sol->NC);
		sol->epoch = 1;
	}
	sol->n_td = sol->n_t = sol->n_cd = sol->n_c = sol->n_cs = sol->n_l = sol->n_kd = 0;
	sol->n_a = sol->n_cn = 0;
	memset(sol->dterm, 0, sizeof sol->dterm);
}

/* A lesson of an index list (by_teacher, by_atom) other than `not` covering a slot, -1 none. */
static int covering(const sch_solution *sol, const sch_index *ix, int key, int slot, int not)
{
	int d = slot / sol->P, q = slot % sol->P;
	for (int i = ix->off[key]; i < ix->off[key + 1]; i++) {
		int l = ix->idx[i], st = sol->start[l];
		if (l != not && st >= 0 && st / sol->P == d && st % sol->P <= q &&
		    q < st % sol->P + sol->s->lessons[l].length)
			return l;
	}
	return -1;
}

/* Adds (sign +1) or removes (sign -1) a lesson's occupancy at a slot; direct
 * terms (clashes, missing) change here, the rest is marked dirty. When it
 * removes, the starts of the other lessons must match their occupancy (the
 * `who` of a slot it leaves to others is looked up from them). */
static void occupy(sch_solution *sol, int l, int slot, int sign, int mark)
{
	const sch_school *s = sol->s;
	const sch_lesson_def *ls = &s->lessons[l];
	int D = sol->D, P = sol->P, S = sol->S;
	int d = slot / P, p = slot % P, end = imin(p + ls->length, P);
	uint32_t bits = sch__cover_bits(p, ls->length, P);
	int base = d * P;
	for (int i = 0; i < ls->n_teachers; i++) {
		int t = ls->teachers[i];
		uint16_t *c = sol->tcnt + (size_t)t * S + base;
		int32_t *who = sol->twho + (size_t)t * S + base;
		uint32_t *m = &sol->tmask[t * D + d];
		for (int q = p; q < end; q++) {
			if (sign > 0) {
				if (c[q]++ >= 1) {
					sol->dterm[SCH_T_TEACHER_CLASH]++;
				} else {
					*m |= 1u << q;
					who[q] = l;
				}
			} else {
				if (--c[q] >= 1) {
					sol->dterm[SCH_T_TEACHER_CLASH]--;
					if (who[q] == l)
						who[q] = covering(sol, &s->by_teacher, t, base + q, l);
				} else {
					*m &= ~(1u << q);
					who[q] = -1;
				}
			}
		}
		if (sol->tmulti[t]) {
			int k = t * (sol->NS + 1) + sol->lsh[l];
			uint16_t *sc = sol->tshcnt + (size_t)k * S + base;
			uint32_t *sm = &sol->tshmask[k * D + d];
			for (int q = p; q < end; q++) {
				if (sign > 0) {
					if (sc[q]++ == 0)
						*sm |= 1u << q;
				} else if (--sc[q] == 0) {
					*sm &= ~(1u << q);
				}
			}
		}
		MARK_DIRTY(st_td, dl_td, n_td, t * D + d);
		MARK_DIRTY(st_t, dl_t, n_t, t);
	}
	int once = s->rules.subject_once_a_day;
	for (int i = 0; i < ls->n_atoms; i++) {
		int a = ls->atoms[i];
		uint16_t *c = sol->acnt + (size_t)a * S + base;
		int32_t *who = sol->awho + (size_t)a * S + base;
		uint32_t *m = &sol->amask[a * D + d];
		for (int q = p; q < end; q++) {
			if (sign > 0) {
				if (c[q]++ >= 1) {
					sol->dterm[SCH_T_CLASS_CLASH]++;
				} else {
					*m |= 1u << q;
					who[q] = l;
				}
			} else {
				if (--c[q] >= 1) {
					sol->dterm[SCH_T_CLASS_CLASH]--;
					if (who[q] == l)
						who[q] = covering(sol, &s->by_atom, a, base + q, l);
				} else {
					*m &= ~(1u << q);
					who[q] = -1;
				}
			}
		}
		if (sol->a_ct_off[a + 1] > sol->a_ct_off[a])
			MARK_DIRTY(st_a, dl_a, n_a, a);
		if (once) {
			sol->asub[((size_t)a * D + d) * sol->J + ls->subject] += sign;
			size_t cs = ((size_t)s->atom_class[a] * D + d) * sol->J + ls->subject;
			MARK_DIRTY(st_cs, dl_cs, n_cs, cs);
		}
	}
	(void)bits;
	for (int i = sol->lcls_off[l]; i < sol->lcls_off[l + 1]; i++) {
		int c = sol->lcls[i];
		sol->cdl[c * D + d] += sign * sol->lcls_diff[i];
		MARK_DIRTY(st_cd, dl_cd, n_cd, c * D + d);
		MARK_DIRTY(st_c, dl_c, n_c, c);
	}
	if (sol->lkind[l] >= 0) {
		int k = sol->lkind[l], dem = sol->lkdem[l];
		uint16_t *c = sol->kcnt + (size_t)k * S + base;
		for (int q = p; q < end; q++)
			c[q] = (uint16_t)(c[q] + sign * dem);
		sol->kst[((size_t)k * S + slot) * sol->ML + (end - p - 1)] += (uint16_t)(sign * dem);
		MARK_DIRTY(st_kd, dl_kd, n_kd, k * D + d);
	}
	for (int i = sol->l_cn_off[l]; i < sol->l_cn_off[l + 1]; i++) {
		int ci = sol->l_cn[i];
		sol->cn_day[ci * D + d] += sign;
		MARK_DIRTY(st_cn, dl_cn, n_cn, ci);
	}
	sol->lday[ls->line * D + d] += sign;
	sol->lplaced[ls->line] += sign;
	MARK_DIRTY(st_l, dl_l, n_l, ls->line);
	sol->placed += sign;
	sol->dterm[SCH_T_MISSING] -= sign;
}

/* ---- term values of one entity, from the occupancy ---- */

/* The shift of the lesson at (teacher, day, period) for the gap rule: the
 * lowest-numbered lesson of the teacher covering it. */
static int shift_at(const sch_solution *sol, int t, int d, int q)
{
	int NS1 = sol->NS + 1, found = -1, n = 0;
	for (int k = 0; k < NS1; k++)
		if ((sol->tshmask[(t * NS1 + k) * sol->D + d] >> q) & 1u) {
			found = k;
			n++;
		}
	if (n <= 1)
		return found;
	const sch_school *s = sol->s;
	for (int i = s->by_teacher.off[t]; i < s->by_teacher.off[t + 1]; i++) {
		int l = s->by_teacher.idx[i], st = sol->start[l];
		if (st < 0 || st / sol->P != d)
			continue;
		int p = st % sol->P;
		if (p <= q && q < p + s->lessons[l].length)
			return sol->lsh[l];
	}
	return found;
}

static int teacher_gap(const sch_solution *sol, int t, int d, uint32_t m)
{
	if (!m)
		return 0;
	if (!sol->tmulti[t]) /* lessons without a shift have no gaps */
		return sol->tshift[t] < sol->NS ? top32(m) - __builtin_ctz(m) + 1 - pop32(m) : 0;
	int gap = 0, prev = -1, prev_sh = -1;
	while (m) {
		int q = __builtin_ctz(m);
		m &= m - 1;
		int sh = shift_at(sol, t, d, q);
		if (prev >= 0 && q - prev - 1 > 0 && sh == prev_sh && sh < sol->NS)
			gap += q - prev - 1;
		prev = q;
		prev_sh = sh;
	}
	return gap;
}

static inline void log_set(sch_solution *sol, int32_t *at, int32_t v)
{
	if (*at == v)
		return;
	if (sol->n_log == sol->cap_log) {
		size_t cap = sol->cap_log ? sol->cap_log * 2 : 256;
		log_entry *nl = realloc(sol->log, cap * sizeof *nl);
		if (!nl)
			abort(); /* cannot keep the revert log: the state would be inconsistent */
		sol->log = nl;
		sol->cap_log = cap;
	}
	sol->log[sol->n_log].at = at;
	sol->log[sol->n_log].old = *at;
	sol->n_log++;
	*at = v;
}

/* Pupil gap, class day limit and busy periods of a class-day. */
static void class_day_values(const sch_solution *sol, int c, int d, int *gap, int *lim, int *busy)
{
	const sch_school *s = sol->s;
	const sch_class_def *cl = &s->classes[c];
	int first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
	int g = 0, li = 0;
	uint32_t any = 0;
	for (int i = 0; i < cl->n_atoms; i++) {
		uint32_t m = sol->amask[(cl->atom_first + i) * sol->D + d];
		if (!m)
			continue;
		any |= m;
		int hi = top32(m), n = pop32(m), idle;
		if (s->rules.late_start) {
			idle = hi - __builtin_ctz(m) + 1 - n;
		} else if (hi < first) {
			idle = 0;
		} else {
			uint32_t range = (uint32_t)(((uint64_t)1 << (hi + 1)) - ((uint64_t)1 << first));
			idle = hi - first + 1 - pop32(m & range);
		}
		g = imax(g, idle);
		if (cl->max_per_day > 0)
			li = imax(li, n - cl->max_per_day);
	}
	*gap = g;
	*lim = li;
	*busy = pop32(any);
}

static int class_balance(const sch_school *s, const int32_t *busy_days, int week)
{
	if (week <= 0)
		return 0;
	int total = 0, v = 0;
	for (int d = 0; d < week; d++)
		total += busy_days[d];
	int lo = total / week, hi = (total + week - 1) / week;
	for (int d = 0; d < week; d++)
		v += imax(0, busy_days[d] - hi) + imax(0, lo - busy_days[d]);
	(void)s;
	return v;
}

static int class_difficulty(const int32_t *load, int week)
{
	if (week < 4)
		return 0;
	int m = imax(load[1], load[2]);
	return imax(0, load[0] - m) + imax(0, load[week - 1] - m);
}

static int line_spread(const int32_t *lday, int D, int n, int week)
{
	if (2 * n > week)
		return 0;
	int v = 0;
	for (int d = 0; d + 1 < D; d++)
		v += lday[d] * lday[d + 1];
	return v;
}

static int class_week(const sch_solution *sol, int c)
{
	return imin(sol->s->classes[c].week_days, sol->D);
}

/*
 * Parts of room kind k that sch_timetable_assign_rooms() leaves without a room on
 * day d, from st[p * ml + n - 1] = parts starting at period p covering n periods:
 * it gives rooms by start, longer lessons first, and a part gets one exactly when
 * fewer parts than there are rooms of the kind hold one at its start period.
 */
static int kind_day_missing(const uint16_t *st, int ml, int P, int rooms)
{
	int held[SCH_MAX_PERIODS] = {0}, miss = 0;
	for (int p = 0; p < P; p++)
		for (int n = imin(ml, P - p); n >= 1; n--) {
			int want = st[p * ml + n - 1];
			if (!want)
				continue;
			int take = imin(want, imax(0, rooms - held[p]));
			miss += want - take;
			for (int q = p; q < p + n; q++)
				held[q] += take;
		}
	return miss;
}

/* Brings the cached values of every dirty entity up to date; the differences go to dterm. */
static void refresh_dirty(sch_solution *sol)
{
	const sch_school *s = sol->s;
	int D = sol->D;
	for (int i = 0; i < sol->n_td; i++) {
		int idx = sol->dl_td[i], t = idx / D, d = idx % D;
		const sch_teacher_def *te = &s->teachers[t];
		uint32_t m = sol->tmask[idx];
		int pop = pop32(m);
		int g = teacher_gap(sol, t, d, m);
		int li = te->max_per_day > 0 ? imax(0, pop - te->max_per_day) : 0;
		sol->dterm[SCH_T_TEACHER_GAP] += g - sol->tgap[idx];
		sol->dterm[SCH_T_TEACHER_DAY_LIMIT] += li - sol->tlim[idx];
		if (d == te->methodical_day)
			sol->dterm[SCH_T_METHODICAL_DAY] += pop - sol->tpop[idx];
		log_set(sol, &sol->tgap[idx], g);
		log_set(sol, &sol->tlim[idx], li);
		log_set(sol, &sol->tpop[idx], pop);
	}
	for (int i = 0; i < sol->n_t; i++) {
		int t = sol->dl_t[i], days = 0, maxd = s->teachers[t].max_days;
		for (int d = 0; d < D; d++)
			days += sol->tmask[t * D + d] != 0;
		if (maxd > 0)
			sol->dterm[SCH_T_TEACHER_DAYS] += imax(0, days - maxd) - imax(0, sol->tdays[t] - maxd);
		log_set(sol, &sol->tdays[t], days);
	}
	for (int i = 0; i < sol->n_cd; i++) {
		int idx = sol->dl_cd[i], g, li, busy;
		class_day_values(sol, idx / D, idx % D, &g, &li, &busy);
		if (s->rules.pupil_gaps == SCH_PUPIL_GAPS_ALLOWED)
			g = 0;
		sol->dterm[SCH_T_PUPIL_GAP] += g - sol->cgap[idx];
		sol->dterm[SCH_T_CLASS_DAY_LIMIT] += li - sol->clim[idx];
		log_set(sol, &sol->cgap[idx], g);
		log_set(sol, &sol->clim[idx], li);
		log_set(sol, &sol->cbusy[idx], busy);
	}
	for (int i = 0; i < sol->n_c; i++) {
		int c = sol->dl_c[i], w = class_week(sol, c);
		int bal = class_balance(s, sol->cbusy + c * D, w);
		int dif = class_difficulty(sol->cdl + c * D, w);
		sol->dterm[SCH_T_CLASS_BALANCE] += bal - sol->cbal[c];
		sol->dterm[SCH_T_DIFFICULTY] += dif - sol->cdif[c];
		log_set(sol, &sol->cbal[c], bal);
		log_set(sol, &sol->cdif[c], dif);
	}
	for (int i = 0; i < sol->n_cs; i++) {
		int idx = sol->dl_cs[i], J = sol->J;
		int j = idx % J, cd = idx / J, c = cd / D, d = cd % D;
		const sch_class_def *cl = &s->classes[c];
		int v = 0;
		for (int a = cl->atom_first; a < cl->atom_first + cl->n_atoms; a++)
			v = imax(v, sol->asub[((size_t)a * D + d) * J + j] - 1);
		sol->dterm[SCH_T_SUBJECT_TWICE] += v - sol->csub[idx];
		log_set(sol, &sol->csub[idx], v);
	}
	for (int i = 0; i < sol->n_kd; i++) {
		int idx = sol->dl_kd[i], k = idx / D, d = idx % D;
		int v = kind_day_missing(sol->kst + ((size_t)k * sol->S + d * sol->P) * sol->ML, sol->ML, sol->P,
					 s->rooms_of_kind[k]);
		sol->dterm[SCH_T_ROOM_MISSING] += v - sol->kmiss[idx];
		log_set(sol, &sol->kmiss[idx], v);
	}
	for (int i = 0; i < sol->n_l; i++) {
		int ln = sol->dl_l[i];
		int v = line_spread(sol->lday + ln * D, D, sol->lplaced[ln], sol->line_week[ln]);
		sol->dterm[SCH_T_SPREAD] += v - sol->lspr[ln];
		log_set(sol, &sol->lspr[ln], v);
	}
	if (sol->NC == 0)
		return;
	for (int i = 0; i < sol->n_t; i++)
		if (sol->t_ct_off[sol->dl_t[i] + 1] > sol->t_ct_off[sol->dl_t[i]])
			con_refresh_person(sol, sol->dl_t[i]);
	for (int i = 0; i < sol->n_a; i++)
		con_refresh_person(sol, ~sol->dl_a[i]);
	for (int i = 0; i < sol->n_cn; i++) {
		int ci = sol->dl_cn[i];
		int v = con_lessons(sol, ci, sol->cn_day + (size_t)ci * D);
		if (v != sol->cn_amt[ci]) {
			con_term(sol->dterm, &s->constraints[ci], v - sol->cn_amt[ci]);
			log_set(sol, &sol->cn_amt[ci], v);
		}
	}
}

/* ---- changes ---- */

static int check_changes(const sch_solution *sol, const sch_change *ch, int n)
{
	for (int i = 0; i < n; i++) {
		if (ch[i].lesson < 0 || ch[i].lesson >= sol->L || ch[i].slot < -1 || ch[i].slot >= sol->S)
			return sch_error_set(SCH_EINVALID, "lesson %d or slot %d out of range", ch[i].lesson,
					     ch[i].slot);
		for (int k = 0; k < i; k++)
			if (ch[k].lesson == ch[i].lesson)
				return sch_error_set(SCH_EINVALID, "lesson %d appears twice in one change",
						     ch[i].lesson);
	}
	return 0;
}

static int reserve(void **p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return 0;
	int cap2 = *cap ? *cap : 8;
	while (cap2 < need)
		cap2 *= 2;
	void *np = realloc(*p, (size_t)cap2 * size);
	if (!np)
		return -1;
	*p = np;
	*cap = cap2;
	return 0;
}

static int trail_push(sch_solution *sol, int lesson, int old)
{
	if (sol->n_trail == sol->cap_trail) {
		size_t cap = sol->cap_trail ? sol->cap_trail * 2 : 1024;
		sch_change *nt = realloc(sol->trail, cap * sizeof *nt);
		if (!nt)
			return -1;
		sol->trail = nt;
		sol->cap_trail = cap;
	}
	sol->trail[sol->n_trail].lesson = lesson;
	sol->trail[sol->n_trail].slot = old;
	sol->n_trail++;
	return 0;
}

/* The unchecked core of every change. */
static int apply_raw(sch_solution *sol, const sch_change *ch, int n, sch_cost *delta)
{
	if (reserve((void **)&sol->last, &sol->cap_last, n, sizeof *sol->last))
		return sch_error_set(SCH_ENOMEM, "out of memory");
	sch_cost before = pack_terms(sol->terms, sol->weight);
	memcpy(sol->saved_terms, sol->terms, sizeof sol->terms);
	sol->saved_trail = sol->n_trail;
	sol->n_log = 0;
	new_epoch(sol);
	for (int i = 0; i < n; i++) {
		int l = ch[i].lesson, old = sol->start[l];
		sol->last[i].lesson = l;
		sol->last[i].slot = ch[i].slot;
		sol->last[i].old = old;
		if (old != ch[i].slot && old >= 0) {
			occupy(sol, l, old, -1, 1);
			sol->start[l] = -1; /* its occupancy is gone: see occupy() */
		}
	}
	for (int i = 0; i < n; i++) {
		int l = ch[i].lesson, old = sol->last[i].old;
		if (old == ch[i].slot)
			continue;
		if (ch[i].slot >= 0)
			occupy(sol, l, ch[i].slot, +1, 1);
		sol->start[l] = ch[i].slot;
		static_add(sol, l, old, -1, sol->dterm);
		static_add(sol, l, ch[i].slot, +1, sol->dterm);
		if (sol->trail_on && trail_push(sol, l, old))
			abort(); /* the trail cannot grow: an undo would be wrong */
	}
	sol->can_revert = n;
	refresh_dirty(sol);
	for (int t = 0; t < NT; t++)
		sol->terms[t] += sol->dterm[t];
	if (delta)
		*delta = pack_terms(sol->terms, sol->weight) - before;
	return 0;
}

void sch_solution_revert(sch_solution *sol)
{
	if (!sol || !sol->can_revert)
		return;
	int n = sol->can_revert;
	while (sol->n_log > 0) {
		log_entry *e = &sol->log[--sol->n_log];
		*e->at = e->old;
	}
	new_epoch(sol);
	/* all out, then all in: no passing clash (see occupy()) */
	for (int i = n - 1; i >= 0; i--) {
		int l = sol->last[i].lesson, old = sol->last[i].old, now = sol->start[l];
		if (old == now)
			continue;
		if (now >= 0)
			occupy(sol, l, now, -1, 0);
		sol->start[l] = -1;
	}
	for (int i = n - 1; i >= 0; i--) {
		int l = sol->last[i].lesson, old = sol->last[i].old;
		if (sol->start[l] == old)
			continue;
		if (old >= 0)
			occupy(sol, l, old, +1, 0);
		sol->start[l] = old;
	}
	memcpy(sol->terms, sol->saved_terms, sizeof sol->terms);
	sol->n_trail = sol->saved_trail;
	sol->can_revert = 0;
}

int sch_solution_apply(sch_solution *sol, const sch_change *changes, int n, sch_cost *delta)
{
	if (delta)
		*delta = 0;
	if (!sol || n < 0 || (n > 0 && !changes))
		return sch_error_set(SCH_EINVALID, "sch_solution_apply: bad arguments");
	int rc = check_changes(sol, changes, n);
	if (rc)
		return rc;
	return apply_raw(sol, changes, n, delta);
}

int sch_solution_move(sch_solution *sol, int lesson, int slot)
{
	sch_change c = {lesson, slot};
	return sch_solution_apply(sol, &c, 1, NULL);
}

int sch_solution_place(sch_solution *sol, int lesson, int slot)
{
	if (!sol || lesson < 0 || lesson >= sol->L || slot < 0)
		return sch_error_set(SCH_EINVALID, "sch_solution_place: bad lesson or slot");
	if (sol->start[lesson] >= 0)
		return sch_error_set(SCH_EINVALID, "sch_solution_place: lesson %d is already placed", lesson);
	return sch_solution_move(sol, lesson, slot);
}

int sch_solution_unplace(sch_solution *sol, int lesson)
{
	return sch_solution_move(sol, lesson, -1);
}

int sch_solution_swap(sch_solution *sol, int a, int b)
{
	if (!sol || a < 0 || a >= sol->L || b < 0 || b >= sol->L || a == b)
		return sch_error_set(SCH_EINVALID, "sch_solution_swap: bad lessons");
	sch_change c[2] = {{a, sol->start[b]}, {b, sol->start[a]}};
	return apply_raw(sol, c, 2, NULL);
}

sch_cost sch_solution_delta(sch_solution *sol, const sch_change *changes, int n)
{
	sch_cost d = 0;
	if (sch_solution_apply(sol, changes, n, &d))
		return 0;
	sch_solution_revert(sol);
	return d;
}

sch_cost sch_solution_delta_move(sch_solution *sol, int lesson, int slot)
{
	sch_change c = {lesson, slot};
	return sch_solution_delta(sol, &c, 1);
}

sch_cost sch_solution_delta_swap(sch_solution *sol, int a, int b)
{
	if (!sol || a < 0 || a >= sol->L || b < 0 || b >= sol->L || a == b)
		return 0;
	sch_change c[2] = {{a, sol->start[b]}, {b, sol->start[a]}};
	return sch_solution_delta(sol, c, 2);
}

/* ---- mark / undo ---- */

size_t sch_solution_mark(sch_solution *sol)
{
	sol->trail_on = 1;
	sol->can_revert = 0;
	return sol->n_trail;
}

void sch_solution_undo(sch_solution *sol, size_t mark)
{
	int on = sol->trail_on;
	sol->trail_on = 0;
	while (sol->n_trail > mark) {
		sch_change c = sol->trail[--sol->n_trail];
		apply_raw(sol, &c, 1, NULL);
	}
	sol->trail_on = on;
	sol->can_revert = 0;
}

void sch_solution_trail_clear(sch_solution *sol)
{
	sol->n_trail = 0;
	sol->trail_on = 0;
	sol->can_revert = 0;
}

int sch_solution_set_starts(sch_solution *sol, const int *starts)
{
	sch_solution_trail_clear(sol);
	for (int l = 0; l < sol->L; l++)
		if (sol->start[l] >= 0 && sol->start[l] != starts[l]) {
			sch_change c = {l, -1};
			apply_raw(sol, &c, 1, NULL);
		}
	for (int l = 0; l < sol->L; l++)
		if (starts[l] != sol->start[l]) {
			if (starts[l] < -1 || starts[l] >= sol->S)
				return sch_error_set(SCH_EINVALID, "slot %d of lesson %d out of range", starts[l], l);
			sch_change c = {l, starts[l]};
			apply_raw(sol, &c, 1, NULL);
		}
	sol->can_revert = 0;
	return 0;
}

void sch_solution_get_starts(const sch_solution *sol, int *starts)
{
	memcpy(starts, sol->start, sizeof(int) * (size_t)sol->L);
}

int sch_solution_copy_from(sch_solution *dst, const sch_solution *src)
{
	if (!dst || !src || dst->s != src->s)
		return sch_error_set(SCH_EINVALID, "sch_solution_copy_from: solutions of different schools");
	return sch_solution_set_starts(dst, src->start);
}

/* ---- accessors ---- */

const sch_school *sch_solution_school(const sch_solution *sol) { return sol->s; }
int sch_solution_placed_count(const sch_solution *sol) { return sol->placed; }
sch_cost sch_solution_cost(const sch_solution *sol) { return pack_terms(sol->terms, sol->weight); }

int sch_solution_start(const sch_solution *sol, int lesson)
{
	return lesson >= 0 && lesson < sol->L ? sol->start[lesson] : -1;
}

int sch_solution_reference_start(const sch_solution *sol, int lesson)
{
	return lesson >= 0 && lesson < sol->L ? sol->ref[lesson] : -1;
}

int64_t sch_solution_hard(const sch_solution *sol)
{
	int64_t h = 0;
	for (int t = 0; t < SCH_T_FIRST_SOFT; t++)
		h += sol->terms[t];
	return h;
}

int64_t sch_solution_soft(const sch_solution *sol)
{
	int64_t v = 0;
	for (int t = SCH_T_FIRST_SOFT; t < NT; t++)
		v += sol->terms[t] * sol->weight[t];
	return v;
}

int64_t sch_solution_term_amount(const sch_solution *sol, int term)
{
	return term >= 0 && term < SCH_T_COUNT ? sol->terms[term] : 0;
}

int64_t sch_solution_term_cost(const sch_solution *sol, int term)
{
	if (term == SCH_T_CONSTRAINT_SOFT)
		return sol->terms[X_CON_COST];
	return term >= 0 && term < SCH_T_COUNT ? sol->terms[term] * sol->weight[term] : 0;
}

uint32_t sch_solution_teacher_day(const sch_solution *sol, int t, int d) { return sol->tmask[t * sol->D + d]; }
uint32_t sch_solution_atom_day(const sch_solution *sol, int a, int d) { return sol->amask[a * sol->D + d]; }
int sch_solution_teacher_count(const sch_solution *sol, int t, int slot) { return sol->tcnt[(size_t)t * sol->S + slot]; }
int sch_solution_atom_count(const sch_solution *sol, int a, int slot) { return sol->acnt[(size_t)a * sol->S + slot]; }

int sch_solution_teacher_lesson(const sch_solution *sol, int t, int slot)
{
	size_t i = (size_t)t * sol->S + slot;
	return sol->tcnt[i] == 1 ? sol->twho[i] : -1;
}

int sch_solution_atom_lesson(const sch_solution *sol, int a, int slot)
{
	size_t i = (size_t)a * sol->S + slot;
	return sol->acnt[i] == 1 ? sol->awho[i] : -1;
}

int sch_solution_subject_count(const sch_solution *sol, int atom, int day, int subject)
{
	if (!sol->s->rules.subject_once_a_day)
		return 0;
	return sol->asub[((size_t)atom * sol->D + day) * sol->J + subject];
}

int sch_solution_kind_count(const sch_solution *sol, int kind, int slot)
{
	return kind >= 0 && kind < sol->K ? sol->kcnt[(size_t)kind * sol->S + slot] : 0;
}

sch_cost sch_solution_static_cost(const sch_solution *sol, int lesson, int slot)
{
	if (slot < 0)
		return 0;
	sch_cost c = sol->stat[(size_t)lesson * sol->S + slot];
	int pin = sol->s->lessons[lesson].pinned;
	if (pin >= 0 && slot != pin)
		c += SCH_COST(1, 0);
	if (sol->ref[lesson] >= 0 && sol->ref[lesson] != slot)
		c += SCH_COST(0, sol->weight[SCH_T_MOVED]);
	return c;
}

int64_t sch_solution_con_min_hard(const sch_solution *sol)
{
	return sol->terms[X_CON_MIN];
}

int sch_solution_con_violating(const sch_solution *sol, int l)
{
	const sch_school *s = sol->s;
	int st = l >= 0 && l < sol->L ? sol->start[l] : -1, D = sol->D;
	if (st < 0 || sol->NC == 0)
		return 0;
	int d = st / sol->P;
	for (int i = sol->l_as_off[l]; i < sol->l_as_off[l + 1]; i++) {
		const sch_constraint *c = &s->constraints[sol->l_as[i]];
		if (c->weight == SCH_WEIGHT_HARD && !sch_slotset_has(&c->slots, st))
			return 1;
	}
	for (int i = sol->l_cn_off[l]; i < sol->l_cn_off[l + 1]; i++)
		if (s->constraints[sol->l_cn[i]].weight == SCH_WEIGHT_HARD && sol->cn_amt[sol->l_cn[i]] > 0)
			return 1;
	const sch_lesson_def *ls = &s->lessons[l];
	for (int pass = 0; pass < 2; pass++) {
		int n = pass == 0 ? ls->n_teachers : ls->n_atoms;
		for (int j = 0; j < n; j++) {
			int x = pass == 0 ? ls->teachers[j] : ls->atoms[j];
			const int *off = pass == 0 ? sol->t_ct_off : sol->a_ct_off, *idx = pass == 0 ? sol->t_ct : sol->a_ct;
			const uint32_t *m = (pass == 0 ? sol->tmask : sol->amask) + (size_t)x * D;
			for (int i = off[x]; i < off[x + 1]; i++) {
				int k = idx[i], ci = sol->ct_con[k];
				const sch_constraint *c = &s->constraints[ci];
				if (c->weight != SCH_WEIGHT_HARD || sol->ct_amt[k] == 0)
					continue;
				switch (c->type) {
				case SCH_CON_UNAVAILABLE:
				case SCH_CON_MAX_GAPS_DAY:
				case SCH_CON_MAX_PER_DAY:
				case SCH_CON_MAX_CONTINUOUS: /* this day's share */
					if (con_person(c, m + d, 1, 1, pass == 0 ? 0 : sol->a_first[x], sol->cn_slot + (size_t)ci * D + d,
						       sol->ct_offm + (size_t)k * D + d))
						return 1;
					break;
				default: /* over the week (min_per_day too: a short day needs lessons from others) */
					return 1;
				}
			}
		}
	}
	return 0;
}

int sch_solution_con_rise(const sch_solution *sol, int l, int slot)
{
	const sch_school *s = sol->s;
	if (sol->NC == 0 || l < 0 || l >= sol->L || slot < 0 || slot >= sol->S)
		return 0;
	const sch_lesson_def *ls = &s->lessons[l];
	int D = sol->D, P = sol->P, d = slot / P, rise = 0;
	uint32_t bits = sch__cover_bits(slot % P, ls->length, P);
	for (int pass = 0; pass < 2; pass++) {
		int n = pass == 0 ? ls->n_teachers : ls->n_atoms;
		for (int j = 0; j < n; j++) {
			int x = pass == 0 ? ls->teachers[j] : ls->atoms[j];
			const int *off = pass == 0 ? sol->t_ct_off : sol->a_ct_off, *idx = pass == 0 ? sol->t_ct : sol->a_ct;
			if (off[x] == off[x + 1])
				continue;
			uint32_t m[SCH_MAX_DAYS];
			memcpy(m, (pass == 0 ? sol->tmask : sol->amask) + (size_t)x * D, sizeof(uint32_t) * (size_t)D);
			m[d] |= bits;
			for (int i = off[x]; i < off[x + 1]; i++) {
				int k = idx[i], ci = sol->ct_con[k];
				const sch_constraint *c = &s->constraints[ci];
				if (c->weight != SCH_WEIGHT_HARD || c->type == SCH_CON_MIN_PER_DAY || c->type == SCH_CON_MIN_DAYS)
					continue;
				int v = con_person(c, m, D, pass == 0 ? D : sol->a_week[x], pass == 0 ? 0 : sol->a_first[x],
						   sol->cn_slot + (size_t)ci * D, sol->ct_offm + (size_t)k * D);
				rise += imax(0, v - sol->ct_amt[k]);
			}
		}
	}
	for (int i = sol->l_cn_off[l]; i < sol->l_cn_off[l + 1]; i++) {
		int ci = sol->l_cn[i];
		const sch_constraint *c = &s->constraints[ci];
		if (c->weight != SCH_WEIGHT_HARD)
			continue;
		if (c->type == SCH_CON_SPREAD) {
			rise += sol->cn_day[ci * D + d] >= c->value;
			continue;
		}
		for (int k = 0; k < c->n_lessons; k++) {
			int y = c->lessons[k], sy = sol->start[y];
			if (y == l || sy < 0)
				continue;
			int dd = abs(sy / P - d);
			rise += dd < c->value;
			if (dd == 0 && (c->flags & SCH_CON_SAME_DAY_ADJACENT) && slot + ls->length != sy &&
			    sy + s->lessons[y].length != slot)
				rise++;
		}
	}
	return rise;
}

/* ---- timetables ---- */

int sch_solution_from_timetable(sch_solution *sol, const sch_timetable *tt)
{
	if (!sol || !tt || sch_timetable_school(tt) != sol->s)
		return sch_error_set(SCH_EINVALID, "sch_solution_from_timetable: a timetable of another school");
	int *starts = malloc(sizeof(int) * (size_t)(sol->L + 1));
	if (!starts)
		return sch_error_set(SCH_ENOMEM, "out of memory");
	for (int l = 0; l < sol->L; l++) {
		int d = -1, p = -1;
		starts[l] = -1;
		if (sch_timetable_get(tt, l, &d, &p) == 0 && d >= 0 && d < sol->D && p >= 0 && p < sol->P)
			starts[l] = d * sol->P + p;
	}
	int rc = sch_solution_set_starts(sol, starts);
	free(starts);
	return rc;
}

int sch_solution_to_timetable(const sch_solution *sol, sch_timetable *tt)
{
	if (!sol || !tt || sch_timetable_school(tt) != sol->s)
		return sch_error_set(SCH_EINVALID, "sch_solution_to_timetable: a timetable of another school");
	const sch_school *s = sol->s;
	for (int l = 0; l < sol->L; l++) {
		int st = sol->start[l], rc;
		rc = st >= 0 ? sch_timetable_set(tt, l, st / sol->P, st % sol->P) : sch_timetable_set(tt, l, -1, 0);
		if (rc)
			return rc;
		for (int p = 0; p < s->lessons[l].n_parts; p++)
			if ((rc = sch_timetable_set_room(tt, l, p, -1)) != 0)
				return rc;
	}
	int left = sch_timetable_assign_rooms(tt);
	return left < 0 ? left : 0;
}

/* ---- recomputation from scratch ---- */

int sch_solution_recompute(const sch_solution *sol, int64_t *out)
{
	int64_t terms[NT];
	const sch_school *s = sol->s;
	int D = sol->D, P = sol->P, S = sol->S, rc = 0;
	int *tc = calloc((size_t)sol->T * S + 1, sizeof(int));
	int *ac = calloc((size_t)sol->A * S + 1, sizeof(int));
	int ML = imax(sol->ML, 1);
	uint16_t *kc = calloc((size_t)sol->K * S * ML + 1, sizeof(uint16_t));
	int *first_lesson = malloc(sizeof(int) * ((size_t)sol->T * S + 1));
	if (!tc || !ac || !kc || !first_lesson) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	memset(terms, 0, sizeof terms);
	for (size_t i = 0; i < (size_t)sol->T * S; i++)
		first_lesson[i] = -1;
	for (int l = 0; l < sol->L; l++) {
		const sch_lesson_def *ls = &s->lessons[l];
		int st = sol->start[l];
		if (st < 0) {
			terms[SCH_T_MISSING]++;
			continue;
		}
		static_terms(s, sol->ref, l, st, 1, terms);
		con_static(sol, l, st, 1, terms);
		int d = st / P, p = st % P;
		if (sol->lkind[l] >= 0) /* by start and covered periods */
			kc[((size_t)sol->lkind[l] * S + st) * ML + imin(ls->length, P - p) - 1] += (uint16_t)sol->lkdem[l];
		for (int q = p; q < p + ls->length && q < P; q++) {
			for (int i = 0; i < ls->n_teachers; i++) {
				size_t k = (size_t)ls->teachers[i] * S + d * P + q;
				tc[k]++;
				if (first_lesson[k] < 0)
					first_lesson[k] = l;
			}
			for (int i = 0; i < ls->n_atoms; i++)
				ac[(size_t)ls->atoms[i] * S + d * P + q]++;
		}
	}
	for (int t = 0; t < sol->T; t++) {
		const sch_teacher_def *te = &s->teachers[t];
		int days = 0;
		for (int d = 0; d < D; d++) {
			int busy = 0, prev = -1;
			for (int q = 0; q < P; q++) {
				int n = tc[(size_t)t * S + d * P + q];
				if (n > 1)
					terms[SCH_T_TEACHER_CLASH] += n - 1;
				if (!n)
					continue;
				busy++;
				int shp = prev >= 0 ? s->lessons[first_lesson[(size_t)t * S + d * P + prev]].shift : -1;
				int shq = s->lessons[first_lesson[(size_t)t * S + d * P + q]].shift;
				if (prev >= 0 && q - prev - 1 > 0 && shp == shq && shp >= 0 && shp < s->n_shifts)
					terms[SCH_T_TEACHER_GAP] += q - prev - 1;
				prev = q;
			}
			days += busy > 0;
			if (te->max_per_day > 0 && busy > te->max_per_day)
				terms[SCH_T_TEACHER_DAY_LIMIT] += busy - te->max_per_day;
			if (d == te->methodical_day)
				terms[SCH_T_METHODICAL_DAY] += busy;
		}
		if (te->max_days > 0 && days > te->max_days)
			terms[SCH_T_TEACHER_DAYS] += days - te->max_days;
	}
	for (size_t i = 0; i < (size_t)sol->A * S; i++)
		if (ac[i] > 1)
			terms[SCH_T_CLASS_CLASH] += ac[i] - 1;
	for (int k = 0; k < sol->K; k++)
		for (int d = 0; d < D; d++)
			terms[SCH_T_ROOM_MISSING] +=
				kind_day_missing(kc + ((size_t)k * S + d * P) * ML, ML, P, s->rooms_of_kind[k]);
	for (int c = 0; c < sol->C; c++) {
		const sch_class_def *cl = &s->classes[c];
		int first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
		int32_t busy[SCH_MAX_DAYS] = {0}, load[SCH_MAX_DAYS] = {0};
		for (int d = 0; d < D; d++) {
			int gmax = 0, lmax = 0;
			for (int a = cl->atom_first; a < cl->atom_first + cl->n_atoms; a++) {
				int lo = -1, hi = -1, n = 0;
				for (int q = 0; q < P; q++)
					if (ac[(size_t)a * S + d * P + q]) {
						if (lo < 0)
							lo = q;
						hi = q;
						n++;
					}
				if (n == 0)
					continue;
				int idle = 0, from = s->rules.late_start ? lo : first;
				for (int q = from; q <= hi; q++)
					idle += ac[(size_t)a * S + d * P + q] == 0;
				gmax = imax(gmax, idle);
				if (cl->max_per_day > 0)
					lmax = imax(lmax, n - cl->max_per_day);
			}
			if (s->rules.pupil_gaps != SCH_PUPIL_GAPS_ALLOWED)
				terms[SCH_T_PUPIL_GAP] += gmax;
			terms[SCH_T_CLASS_DAY_LIMIT] += lmax;
			for (int q = 0; q < P; q++) {
				int any = 0;
				for (int a = cl->atom_first; a < cl->atom_first + cl->n_atoms; a++)
					any |= ac[(size_t)a * S + d * P + q] != 0;
				busy[d] += any;
			}
			/* lessons covering any atom of the class that day, each once */
			for (int i = s->by_class.off[c]; i < s->by_class.off[c + 1]; i++) {
				int l = s->by_class.idx[i], st = sol->start[l];
				if (st < 0 || st / P != d)
					continue;
				const sch_lesson_def *ls = &s->lessons[l];
				int covers = 0;
				for (int k = 0; k < ls->n_atoms; k++)
					covers |= s->atom_class[ls->atoms[k]] == c;
				if (covers)
					load[d] += subject_difficulty(s, ls->subject, cl->grade) * ls->length;
			}
			if (s->rules.subject_once_a_day)
				for (int j = 0; j < sol->J; j++) {
					int worst = 0;
					for (int a = cl->atom_first; a < cl->atom_first + cl->n_atoms; a++) {
						int n = 0;
						for (int i = s->by_atom.off[a]; i < s->by_atom.off[a + 1]; i++) {
							int l = s->by_atom.idx[i], st = sol->start[l];
							n += st >= 0 && st / P == d && s->lessons[l].subject == j;
						}
						worst = imax(worst, n - 1);
					}
					terms[SCH_T_SUBJECT_TWICE] += worst;
				}
		}
		int w = class_week(sol, c);
		terms[SCH_T_CLASS_BALANCE] += class_balance(s, busy, w);
		terms[SCH_T_DIFFICULTY] += class_difficulty(load, w);
	}
	for (int i = 0; i < sol->NL; i++) {
		const sch_line_def *ln = &s->lines[i];
		int32_t per_day[SCH_MAX_DAYS] = {0};
		int n = 0;
		for (int k = 0; k < ln->n_lessons; k++) {
			int st = sol->start[ln->first_lesson + k];
			if (st >= 0) {
				per_day[st / P]++;
				n++;
			}
		}
		terms[SCH_T_SPREAD] += line_spread(per_day, D, n, sol->line_week[i]);
	}
	/* the constraints from the counts and the starts */
	for (int k = 0; k < sol->n_ct; k++) {
		int ci = sol->ct_con[k], e = sol->ct_ent[k], x = e >= 0 ? e : ~e;
		const int *cnt = (e >= 0 ? tc : ac) + (size_t)x * S;
		uint32_t m[SCH_MAX_DAYS] = {0};
		for (int d = 0; d < D; d++)
			for (int q = 0; q < P; q++)
				if (cnt[d * P + q])
					m[d] |= 1u << q;
		con_term(terms, &s->constraints[ci],
			 con_person(&s->constraints[ci], m, D, e >= 0 ? D : sol->a_week[x], e >= 0 ? 0 : sol->a_first[x],
				    sol->cn_slot + (size_t)ci * D, sol->ct_offm + (size_t)k * D));
	}
	for (int ci = 0; ci < sol->NC; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		int32_t per_day[SCH_MAX_DAYS] = {0};
		if (c->type != SCH_CON_SPREAD && c->type != SCH_CON_MIN_DAYS_BETWEEN)
			continue;
		for (int i = 0; i < c->n_lessons; i++)
			if (sol->start[c->lessons[i]] >= 0)
				per_day[sol->start[c->lessons[i]] / P]++;
		con_term(terms, c, con_lessons(sol, ci, per_day));
	}
	memcpy(out, terms, sizeof(int64_t) * SCH_T_COUNT);
done:
	free(tc);
	free(ac);
	free(kc);
	free(first_lesson);
	return rc;
}
