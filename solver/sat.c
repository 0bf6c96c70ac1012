/* The hard rules as a satisfiability problem (CaDiCaL): a timetable without hard violations, or a proof that none exists. */
#include <ccadical.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "cnf.h"
#include "sat.h"

/*
 * Variables: x(l, s) for each lesson and start it may take; busy(person, slot) and
 * day(person, d) for every teacher and atom, exactly defined from the x; the rest
 * (gaps, lesson-days, counters) only in the direction the rule needs. Every hard
 * term of docs/rules.md is encoded except room_clash, which room assignment never
 * makes; a school the encoding cannot say exactly (a lesson needing more than one
 * room of a kind, fixed rooms) is refused with SCH_ENOTSUP. The timetable found
 * is placed in the solution state, whose count is the verifier's: the caller sees
 * any difference between the two as hard violations left.
 */
struct sat {
	const sch_school *s;
	sch_cnf cnf;
	int D, P, S, T, A;
	int *xoff;  /* L + 1: lesson l's x variables are xoff[l] .. xoff[l+1]-1 (1-based ids) */
	int *xslot; /* start slot of each x (index: variable - 1) */
	int *tbusy; /* T*S */
	int *abusy; /* A*S */
	int *tday;  /* T*D */
	int *aday;  /* A*D */
	int *lday;  /* L*D, 0 until made */
	int *gaps[4]; /* teacher/atom x skip_unavailable, made on demand: per person S gap
		       * variables (0: no gap possible there) and a flag, 1 once made */
	int *sel;     /* n_constraints + SCH_SAT_FAMILIES selectors, 0 for rules not encoded */
	int *core;    /* the rules of a proof (see sch__sat_finish), n_core of them */
	int n_core;
	int *lits;    /* scratch */
	int n_lits, cap_lits;
	/* the thread's side */
	pthread_t tid;
	int abort;          /* set by the caller: stop (atomic) */
	int state;          /* SCH_SAT_*: RUNNING until the thread ends (atomic) */
	const volatile int *cancel;
	struct timespec end; /* no solving after it; tv_sec 0: none */
	int seed;
	int conflicts;      /* <= 0: no limit */
	double encode_s, solve_s;
	int *starts;        /* L: the timetable found */
};
typedef struct sat sat;

static int aborted(sat *st)
{
	return __atomic_load_n(&st->abort, __ATOMIC_ACQUIRE);
}

/* Starts the clauses of rule k (a constraint's index, or n_constraints + a family):
 * they hold only while its selector is assumed, so that a proof names the rules it used. */
static void guard(sat *st, int k)
{
	st->cnf.guard = st->sel[k] ? st->sel[k] : (st->sel[k] = cnf_var(&st->cnf));
}

static int push(sat *st, int lit)
{
	if (st->n_lits == st->cap_lits) {
		int cap = st->cap_lits ? 2 * st->cap_lits : 256;
		int *p = realloc(st->lits, sizeof(int) * (size_t)cap);
		if (!p)
			return sch_error_set(SCH_ENOMEM, "out of memory");
		st->lits = p;
		st->cap_lits = cap;
	}
	st->lits[st->n_lits++] = lit;
	return 0;
}

/* The starts a lesson may take: its legal starts (the model's: inside the day and the
 * shift, clear of its teachers' and classes' unavailable periods), or its pinned slot,
 * which finalize has checked against them. */
static int may_start(const sch_lesson_def *ls, int slot)
{
	return ls->pinned >= 0 ? slot == ls->pinned : sch_slotset_has(&ls->legal, slot);
}

/* Does lesson l, started as its x variable says, cover slot? */
static int covers(const sat *st, int l, int x, int slot)
{
	int start = st->xslot[x - 1];
	return start <= slot && slot < start + st->s->lessons[l].length && start / st->P == slot / st->P;
}

/* busy(person, slot) for the lessons of one index key (a teacher or an atom): exact,
 * with at most one of them covering the slot (no clash). */
static int occupancy(sat *st, const sch_index *ix, int key, int *busy)
{
	for (int slot = 0; slot < st->S; slot++) {
		st->n_lits = 0;
		for (int k = ix->off[key]; k < ix->off[key + 1]; k++) {
			int l = ix->idx[k];
			for (int v = st->xoff[l]; v < st->xoff[l + 1]; v++)
				if (covers(st, l, v, slot) && push(st, v))
					return SCH_ENOMEM;
		}
		busy[slot] = cnf_var(&st->cnf);
		sch__cnf_define_or(&st->cnf, busy[slot], st->lits, st->n_lits);
		sch__cnf_at_most(&st->cnf, st->lits, st->n_lits, 1, 0);
	}
	return 0;
}

static void days_of(sat *st, const int *busy, int *day)
{
	for (int d = 0; d < st->D; d++) {
		day[d] = cnf_var(&st->cnf);
		sch__cnf_define_or(&st->cnf, day[d], busy + d * st->P, st->P);
	}
}

/* lesson l on day d (pushed up by its starts that day) */
static int lesson_day(sat *st, int l, int d)
{
	int *v = &st->lday[(size_t)l * st->D + d];
	if (!*v) {
		int g = st->cnf.guard; /* shared by the rules: a definition, not one of them */
		st->cnf.guard = 0;
		*v = cnf_var(&st->cnf);
		for (int x = st->xoff[l]; x < st->xoff[l + 1]; x++)
			if (st->xslot[x - 1] / st->P == d)
				cnf_clause2(&st->cnf, -x, *v);
		st->cnf.guard = g;
	}
	return *v;
}

/* The periods a person may not have lessons in, for skip_unavailable: a teacher's
 * unavailable, and the slots of hard unavailable constraints naming the person. */
static sch_slotset blocked_of(const sch_school *s, int is_atom, int who)
{
	sch_slotset u = is_atom ? (sch_slotset){{0, 0}} : s->teachers[who].unavailable;
	for (int i = 0; i < s->n_constraints; i++) {
		const sch_constraint *c = &s->constraints[i];
		if (c->type != SCH_CON_UNAVAILABLE || c->weight != SCH_WEIGHT_HARD)
			continue;
		const int *list = is_atom ? c->atoms : c->teachers;
		int n = is_atom ? c->n_atoms : c->n_teachers;
		for (int k = 0; k < n; k++)
			if (list[k] == who) {
				u.w[0] |= c->slots.w[0];
				u.w[1] |= c->slots.w[1];
			}
	}
	return u;
}

/*
 * gap(person, slot): forced true when the period is idle with busy periods before and
 * after it on its day (not for blocked periods with skip). Made once per person and kind.
 */
static int *gaps_of(sat *st, int is_atom, int who, int skip, const int *busy)
{
	int **tab = &st->gaps[is_atom * 2 + skip];
	int n = is_atom ? st->A : st->T;
	if (!*tab && !(*tab = calloc((size_t)n * (st->S + 1), sizeof(int))))
		return NULL;
	int *g = *tab + (size_t)who * (st->S + 1);
	if (g[st->S])
		return g;
	g[st->S] = 1;
	int saved = st->cnf.guard; /* shared by the rules: a definition, not one of them */
	st->cnf.guard = 0;
	sch_slotset blocked = skip ? blocked_of(st->s, is_atom, who) : (sch_slotset){{0, 0}};
	for (int d = 0; d < st->D; d++) {
		const int *b = busy + d * st->P;
		int before = 0, after[SCH_MAX_PERIODS] = {0};
		for (int p = st->P - 2; p >= 0; p--) { /* after[p]: something busy later */
			after[p] = cnf_var(&st->cnf);
			cnf_clause2(&st->cnf, -b[p + 1], after[p]);
			if (after[p + 1])
				cnf_clause2(&st->cnf, -after[p + 1], after[p]);
		}
		for (int p = 1; p < st->P - 1; p++) {
			int nb = cnf_var(&st->cnf); /* something busy before p */
			cnf_clause2(&st->cnf, -b[p - 1], nb);
			if (before)
				cnf_clause2(&st->cnf, -before, nb);
			before = nb;
			if (sch_slotset_has(&blocked, d * st->P + p))
				continue;
			g[d * st->P + p] = cnf_var(&st->cnf);
			cnf_add(&st->cnf, -before);
			cnf_add(&st->cnf, -after[p]);
			cnf_add(&st->cnf, b[p]);
			cnf_add(&st->cnf, g[d * st->P + p]);
			cnf_add(&st->cnf, 0);
		}
	}
	st->cnf.guard = saved;
	return g;
}

static int gap_lits(sat *st, const int *g, int d0, int d1)
{
	st->n_lits = 0;
	for (int slot = d0 * st->P; slot < d1 * st->P; slot++)
		if (g[slot] > 0 && push(st, g[slot]))
			return SCH_ENOMEM;
	return 0;
}

/* The periods a week a person's lessons last. */
static int need_of(const sat *st, int is_atom, int who)
{
	const sch_index *ix = is_atom ? &st->s->by_atom : &st->s->by_teacher;
	int need = 0;
	for (int k = ix->off[who]; k < ix->off[who + 1]; k++)
		need += st->s->lessons[ix->idx[k]].length;
	return need;
}

/* One person's share of a per-person constraint. */
static int person_rule(sat *st, const sch_constraint *c, int is_atom, int who)
{
	const sch_school *s = st->s;
	const int *busy = (is_atom ? st->abusy : st->tbusy) + (size_t)who * st->S;
	const int *day = (is_atom ? st->aday : st->tday) + (size_t)who * st->D;
	int P = st->P, v = c->value;
	const sch_class_def *cl = is_atom ? &s->classes[s->atom_class[who]] : NULL;
	int n_days = cl && c->type == SCH_CON_MIN_PER_DAY && cl->week_days < st->D ? cl->week_days : st->D;
	switch (c->type) {
	case SCH_CON_UNAVAILABLE:
		for (int slot = 0; slot < st->S; slot++)
			if (sch_slotset_has(&c->slots, slot))
				cnf_unit(&st->cnf, -busy[slot]);
		return 0;
	case SCH_CON_MAX_GAPS_DAY:
	case SCH_CON_MAX_GAPS_WEEK: {
		const int *g = gaps_of(st, is_atom, who, (c->flags & SCH_CON_SKIP_UNAVAILABLE) != 0, busy);
		if (!g)
			return sch_error_set(SCH_ENOMEM, "out of memory");
		if (c->type == SCH_CON_MAX_GAPS_WEEK) {
			if (gap_lits(st, g, 0, st->D))
				return SCH_ENOMEM;
			sch__cnf_at_most(&st->cnf, st->lits, st->n_lits, v, 0);
		} else
			for (int d = 0; d < st->D; d++) {
				if (gap_lits(st, g, d, d + 1))
					return SCH_ENOMEM;
				sch__cnf_at_most(&st->cnf, st->lits, st->n_lits, v, 0);
			}
		return 0;
	}
	case SCH_CON_MIN_PER_DAY:
	case SCH_CON_MAX_PER_DAY:
		for (int d = 0; d < n_days; d++) {
			st->n_lits = 0;
			for (int p = 0; p < P; p++)
				if (push(st, busy[d * P + p]))
					return SCH_ENOMEM;
			if (c->type == SCH_CON_MAX_PER_DAY)
				sch__cnf_at_most(&st->cnf, st->lits, P, v, 0);
			else
				sch__cnf_at_least(&st->cnf, st->lits, P, v, (c->flags & SCH_CON_EMPTY_DAYS_OK) ? day[d] : 0);
		}
		return 0;
	case SCH_CON_MAX_DAYS:
	case SCH_CON_MIN_DAYS:
		st->n_lits = 0;
		for (int d = 0; d < st->D; d++)
			if (push(st, day[d]))
				return SCH_ENOMEM;
		if (c->type == SCH_CON_MIN_DAYS) {
			sch__cnf_at_least(&st->cnf, st->lits, st->D, v, 0);
			return 0;
		}
		sch__cnf_at_most(&st->cnf, st->lits, st->D, v, 0);
		/* implied: on v days, each of them holds what the other v - 1 cannot */
		int least = v > 0 ? need_of(st, is_atom, who) - (v - 1) * P : 0;
		for (int d = 0; d < st->D && least > 1; d++) {
			st->n_lits = 0;
			for (int p = 0; p < P; p++)
				if (push(st, busy[d * P + p]))
					return SCH_ENOMEM;
			sch__cnf_at_least(&st->cnf, st->lits, P, least, day[d]);
		}
		return 0;
	case SCH_CON_MAX_CONTINUOUS:
		for (int d = 0; d < st->D; d++)
			for (int p = 0; p + v < P; p++) {
				for (int k = 0; k <= v; k++)
					cnf_add(&st->cnf, -busy[d * P + p + k]);
				cnf_add(&st->cnf, 0);
			}
		return 0;
	case SCH_CON_LATE_STARTS: {
		int first = cl && cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
		st->n_lits = 0;
		for (int d = 0; d < st->D; d++) {
			int late = cnf_var(&st->cnf);
			cnf_clause3(&st->cnf, -day[d], busy[d * P + first], late);
			if (push(st, late))
				return SCH_ENOMEM;
		}
		sch__cnf_at_most(&st->cnf, st->lits, st->D, v, 0);
		return 0;
	}
	default:
		return 0;
	}
}

/* Two lessons back to back (one ends where the other starts, same day). */
static int adjacent(const sat *st, int a, int sa, int b, int sb)
{
	if (sa / st->P != sb / st->P)
		return 0;
	return sa + st->s->lessons[a].length == sb || sb + st->s->lessons[b].length == sa;
}

static int lesson_rule(sat *st, const sch_constraint *c)
{
	const int *les = c->lessons;
	int n = c->n_lessons, v = c->value;
	switch (c->type) {
	case SCH_CON_MIN_DAYS_BETWEEN:
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) {
				for (int d1 = 0; d1 < st->D; d1++)
					for (int d2 = 0; d2 < st->D; d2++)
						if (abs(d1 - d2) < v)
							cnf_clause2(&st->cnf, -lesson_day(st, les[i], d1), -lesson_day(st, les[j], d2));
				if (v > 0 || !(c->flags & SCH_CON_SAME_DAY_ADJACENT))
					continue;
				for (int x = st->xoff[les[i]]; x < st->xoff[les[i] + 1]; x++)
					for (int y = st->xoff[les[j]]; y < st->xoff[les[j] + 1]; y++) {
						int sx = st->xslot[x - 1], sy = st->xslot[y - 1];
						if (sx / st->P == sy / st->P && !adjacent(st, les[i], sx, les[j], sy))
							cnf_clause2(&st->cnf, -x, -y);
					}
			}
		return 0;
	case SCH_CON_SPREAD:
		for (int d = 0; d < st->D; d++) {
			st->n_lits = 0;
			for (int i = 0; i < n; i++)
				if (push(st, lesson_day(st, les[i], d)))
					return SCH_ENOMEM;
			sch__cnf_at_most(&st->cnf, st->lits, n, v, 0);
		}
		return 0;
	case SCH_CON_ALLOWED_STARTS:
		for (int i = 0; i < n; i++)
			for (int x = st->xoff[les[i]]; x < st->xoff[les[i] + 1]; x++)
				if (!sch_slotset_has(&c->slots, st->xslot[x - 1]))
					cnf_unit(&st->cnf, -x);
		return 0;
	default:
		return 0;
	}
}

static int is_person_type(int type)
{
	return type != SCH_CON_MIN_DAYS_BETWEEN && type != SCH_CON_SPREAD && type != SCH_CON_ALLOWED_STARTS;
}

/* The school's own hard rules beyond clashes: pupils' gaps, daily limits, a subject once a day, rooms. */
static int school_rules(sat *st)
{
	const sch_school *s = st->s;
	int P = st->P;
	for (int a = 0; a < st->A; a++) {
		const sch_class_def *cl = &s->classes[s->atom_class[a]];
		const int *busy = st->abusy + (size_t)a * st->S;
		int first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
		for (int d = 0; d < st->D; d++) {
			const int *b = busy + d * P;
			int fam = s->n_constraints;
			if (s->rules.pupil_gaps != SCH_PUPIL_GAPS_ALLOWED) {
				guard(st, fam + SCH_SAT_PUPIL_GAPS);
				if (!s->rules.late_start) { /* busy periods: a prefix of the shift */
					for (int q = first + 1; q < P; q++)
						for (int p = first; p < q; p++)
							cnf_clause2(&st->cnf, -b[q], b[p]);
				} else /* a contiguous run */
					for (int p = 0; p < P; p++)
						for (int q = p + 2; q < P; q++)
							for (int r = p + 1; r < q; r++)
								cnf_clause3(&st->cnf, -b[p], -b[q], b[r]);
			}
			if (cl->max_per_day > 0 && cl->max_per_day < P) {
				guard(st, fam + SCH_SAT_CLASS_DAY);
				st->n_lits = 0;
				for (int p = 0; p < P; p++)
					if (push(st, b[p]))
						return SCH_ENOMEM;
				sch__cnf_at_most(&st->cnf, st->lits, P, cl->max_per_day, 0);
			}
			if (s->rules.subject_once_a_day)
				for (int sub = 0; sub < s->n_subjects; sub++) {
					guard(st, fam + SCH_SAT_SUBJECT_ONCE);
					st->n_lits = 0;
					for (int k = s->by_atom.off[a]; k < s->by_atom.off[a + 1]; k++) {
						int l = s->by_atom.idx[k];
						if (s->lessons[l].subject == sub && push(st, lesson_day(st, l, d)))
							return SCH_ENOMEM;
					}
					sch__cnf_at_most(&st->cnf, st->lits, st->n_lits, 1, 0);
				}
			st->cnf.guard = 0;
		}
	}
	for (int t = 0; t < st->T; t++) {
		int m = s->teachers[t].max_per_day;
		if (m <= 0 || m >= P)
			continue;
		guard(st, s->n_constraints + SCH_SAT_TEACHER_DAY);
		for (int d = 0; d < st->D; d++) {
			st->n_lits = 0;
			for (int p = 0; p < P; p++)
				if (push(st, st->tbusy[(size_t)t * st->S + d * P + p]))
					return SCH_ENOMEM;
			sch__cnf_at_most(&st->cnf, st->lits, P, m, 0);
		}
	}
	/* rooms of a kind: at most as many parts needing one at a slot as the kind has */
	for (int kind = 0; kind < s->n_room_kinds; kind++) {
		int have = s->rooms_of_kind[kind];
		if (have <= 0)
			continue;
		guard(st, s->n_constraints + SCH_SAT_ROOMS);
		for (int slot = 0; slot < st->S; slot++) {
			st->n_lits = 0;
			for (int l = 0; l < s->n_lessons; l++) {
				const sch_lesson_def *ls = &s->lessons[l];
				if (ls->room_kind != kind || ls->rooms_needed <= 0)
					continue;
				for (int x = st->xoff[l]; x < st->xoff[l + 1]; x++)
					if (covers(st, l, x, slot) && push(st, x))
						return SCH_ENOMEM;
			}
			sch__cnf_at_most(&st->cnf, st->lits, st->n_lits, have, 0);
		}
	}
	st->cnf.guard = 0;
	return 0;
}

int sch__sat_supported(const sch_school *s)
{
	for (int i = 0; i < s->n_lines; i++)
		if (s->lines[i].room >= 0)
			return sch_error_set(SCH_ENOTSUP, "line %d has a fixed room", i + 1);
	for (int l = 0; l < s->n_lessons; l++)
		if (s->lessons[l].rooms_needed > 1)
			return sch_error_set(SCH_ENOTSUP, "a lesson needs %d rooms of a kind", s->lessons[l].rooms_needed);
	if (s->n_periods > SCH_MAX_PERIODS)
		return sch_error_set(SCH_ENOTSUP, "too many periods");
	return 0;
}

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static int terminate(void *arg)
{
	sat *st = arg;
	return aborted(st) || (st->cancel && *st->cancel) || (st->end.tv_sec && since(&st->end) >= 0);
}

/* Implied: a person is busy exactly as many periods a week as its lessons last (no clash);
 * stated as a count, it lets propagation see a full week. */
static int week_count(sat *st, int is_atom, int key, const int *busy)
{
	int need = need_of(st, is_atom, key);
	st->n_lits = 0;
	for (int slot = 0; slot < st->S; slot++)
		if (push(st, busy[slot]))
			return SCH_ENOMEM;
	sch__cnf_at_least(&st->cnf, st->lits, st->S, need, 0);
	return 0;
}

/* A teacher's or an atom's busy and day variables, and its week's count. */
static int person(sat *st, const sch_index *ix, int key, int *busy, int *day)
{
	int rc;
	if (aborted(st))
		return SCH_ECANCELLED;
	if ((rc = occupancy(st, ix, key, busy)) != 0)
		return rc;
	days_of(st, busy, day);
	return week_count(st, ix == &st->s->by_atom, key, busy);
}

static int encode(sat *st)
{
	const sch_school *s = st->s;
	int L = s->n_lessons, rc;
	/* x: the starts of each lesson, exactly one */
	size_t nx = 0;
	for (int l = 0; l < L; l++)
		for (int slot = 0; slot < st->S; slot++)
			nx += (size_t)may_start(&s->lessons[l], slot);
	st->xslot = malloc(sizeof(int) * (nx + 1));
	if (!st->xslot)
		return sch_error_set(SCH_ENOMEM, "out of memory");
	for (int l = 0; l < L; l++) {
		st->xoff[l] = st->cnf.nv + 1;
		for (int slot = 0; slot < st->S; slot++)
			if (may_start(&s->lessons[l], slot))
				st->xslot[cnf_var(&st->cnf) - 1] = slot;
		st->xoff[l + 1] = st->cnf.nv + 1;
	}
	for (int l = 0; l < L; l++) { /* the x first: their ids index xslot */
		st->n_lits = 0;
		for (int x = st->xoff[l]; x < st->xoff[l + 1]; x++) {
			cnf_add(&st->cnf, x);
			if (push(st, x))
				return SCH_ENOMEM;
		}
		cnf_add(&st->cnf, 0); /* none: the empty clause, unsatisfiable */
		sch__cnf_at_most(&st->cnf, st->lits, st->n_lits, 1, 0);
	}
	for (int t = 0; t < st->T; t++)
		if ((rc = person(st, &s->by_teacher, t, st->tbusy + (size_t)t * st->S, st->tday + (size_t)t * st->D)) != 0)
			return rc;
	for (int a = 0; a < st->A; a++)
		if ((rc = person(st, &s->by_atom, a, st->abusy + (size_t)a * st->S, st->aday + (size_t)a * st->D)) != 0)
			return rc;
	if ((rc = school_rules(st)) != 0)
		return rc;
	for (int i = 0; i < s->n_constraints; i++) {
		const sch_constraint *c = &s->constraints[i];
		if (aborted(st))
			return SCH_ECANCELLED;
		if (c->weight != SCH_WEIGHT_HARD)
			continue;
		guard(st, i);
		if (!is_person_type(c->type)) {
			if ((rc = lesson_rule(st, c)) != 0)
				return rc;
			continue;
		}
		for (int k = 0; k < c->n_teachers; k++)
			if ((rc = person_rule(st, c, 0, c->teachers[k])) != 0)
				return rc;
		for (int k = 0; k < c->n_atoms; k++)
			if ((rc = person_rule(st, c, 1, c->atoms[k])) != 0)
				return rc;
	}
	st->cnf.guard = 0;
	return 0;
}

/* Solves under the selectors of `keep` (n of them); the others' rules are off. */
static int solve_with(sat *st, const int *keep, int n, int conflicts)
{
	for (int i = 0; i < n; i++)
		if (sch__cadical_assume(st->cnf.cc, st->sel[keep[i]]) != 0)
			return -1;
	if (conflicts > 0)
		ccadical_limit(st->cnf.cc, "conflicts", conflicts);
	return sch__cadical_solve(st->cnf.cc);
}

/*
 * After a proof: the rules it used (CaDiCaL's failed assumptions), then made smaller:
 * a rule goes when the others alone are proved impossible too (a short search each).
 */
static void find_core(sat *st, int n_rules)
{
	st->n_core = 0;
	for (int k = 0; k < n_rules; k++)
		if (st->sel[k] && ccadical_failed(st->cnf.cc, st->sel[k]))
			st->core[st->n_core++] = k;
	for (int i = 0; i < st->n_core && i < 40 && !aborted(st);) {
		int k = st->core[i];
		st->core[i] = st->core[--st->n_core];
		if (solve_with(st, st->core, st->n_core, 20000) == 20) /* not needed */
			continue;
		st->core[st->n_core++] = st->core[i];
		st->core[i++] = k;
	}
}

static void *sat_thread(void *arg)
{
	sat *st = arg;
	const sch_school *s = st->s;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int state = SCH_SAT_UNKNOWN;
	/* quiet: the library never prints; the "sat" configuration (stable mode, less
	 * elimination) and false first: most x are false (measured on the Vietnamese FET school) */
	const char *names[] = {"quiet", "seed", "stabilizeonly", "elimreleff", "subsumereleff", "phase"};
	const int values[] = {1, st->seed, 1, 10, 60, 0};
	st->cnf.cc = sch__cadical_init(names, values, 6);
	if (!st->cnf.cc)
		goto done;
	if (encode(st) != 0 || st->cnf.oom)
		goto done;
	st->encode_s = since(&t0);
	ccadical_set_terminate(st->cnf.cc, st, terminate);
	int n_rules = s->n_constraints + SCH_SAT_FAMILIES, n_sel = 0;
	for (int k = 0; k < n_rules; k++)
		if (st->sel[k])
			st->core[n_sel++] = k;
	int res = solve_with(st, st->core, n_sel, st->conflicts);
	st->cnf.oom |= res < 0;
	st->solve_s = since(&t0) - st->encode_s;
	if (res == 20) {
		state = SCH_SAT_NONE;
		find_core(st, n_rules);
	}
	if (res != 10)
		goto done;
	for (int l = 0; l < s->n_lessons; l++)
		for (int x = st->xoff[l]; x < st->xoff[l + 1]; x++)
			if (ccadical_val(st->cnf.cc, x) > 0) {
				st->starts[l] = st->xslot[x - 1];
				break;
			}
	state = SCH_SAT_FOUND;
done:
	if (st->cnf.cc)
		ccadical_release(st->cnf.cc);
	st->cnf.cc = NULL;
	__atomic_store_n(&st->state, state, __ATOMIC_RELEASE);
	return NULL;
}

static void sat_free(sat *st)
{
	free(st->xoff);
	free(st->xslot);
	free(st->tbusy);
	free(st->abusy);
	free(st->tday);
	free(st->aday);
	free(st->lday);
	for (int i = 0; i < 4; i++)
		free(st->gaps[i]);
	free(st->lits);
	free(st->starts);
	free(st->sel);
	free(st->core);
	free(st);
}

sch_sat *sch__sat_start(const sch_school *s, const volatile int *cancel, double seconds, int conflicts, uint64_t seed)
{
	if (sch__sat_supported(s) != 0 || s->n_lessons == 0)
		return NULL;
	sat *st = calloc(1, sizeof *st);
	if (!st)
		return NULL;
	st->s = s;
	st->D = s->n_days;
	st->P = s->n_periods;
	st->S = st->D * st->P;
	st->T = s->n_teachers;
	st->A = s->n_atoms;
	st->cancel = cancel;
	st->seed = (int)(seed & 0x7fffffff);
	st->conflicts = conflicts;
	if (seconds > 0) {
		clock_gettime(CLOCK_MONOTONIC, &st->end);
		double whole = (double)st->end.tv_sec + 1e-9 * (double)st->end.tv_nsec + seconds;
		st->end.tv_sec = (time_t)whole;
		st->end.tv_nsec = (long)((whole - (double)st->end.tv_sec) * 1e9);
	}
	st->xoff = malloc(sizeof(int) * (size_t)(s->n_lessons + 1));
	st->tbusy = malloc(sizeof(int) * ((size_t)st->T * st->S + 1));
	st->abusy = malloc(sizeof(int) * ((size_t)st->A * st->S + 1));
	st->tday = malloc(sizeof(int) * ((size_t)st->T * st->D + 1));
	st->aday = malloc(sizeof(int) * ((size_t)st->A * st->D + 1));
	st->lday = calloc((size_t)s->n_lessons * st->D + 1, sizeof(int));
	st->starts = malloc(sizeof(int) * (size_t)(s->n_lessons + 1));
	st->sel = calloc((size_t)s->n_constraints + SCH_SAT_FAMILIES, sizeof(int));
	st->core = malloc(sizeof(int) * ((size_t)s->n_constraints + SCH_SAT_FAMILIES));
	if (!st->xoff || !st->tbusy || !st->abusy || !st->tday || !st->aday || !st->lday || !st->starts || !st->sel ||
	    !st->core ||
	    pthread_create(&st->tid, NULL, sat_thread, st) != 0) {
		sat_free(st);
		return NULL;
	}
	return st;
}

int sch__sat_state(const sch_sat *st)
{
	return __atomic_load_n(&st->state, __ATOMIC_ACQUIRE);
}

sch_sat *sch__sat_first(sch_sat *a, sch_sat *b, sch_solver_ctx *ctx, const sch_solution *sol)
{
	const struct timespec ms = {0, 1000000};
	for (;;) {
		if (sch__sat_state(a) != SCH_SAT_RUNNING)
			return a;
		if (b && sch__sat_state(b) != SCH_SAT_RUNNING)
			return b;
		if (sch_solver_ctx_should_stop(ctx, sol))
			return NULL;
		nanosleep(&ms, NULL);
	}
}

const int *sch__sat_state_flag(const sch_sat *st)
{
	return st ? &st->state : NULL;
}

int sch__sat_finish(sch_sat *st, int wait, sch_solution *sol, sch_solver_ctx *ctx, int **core, int *n_core)
{
	if (core)
		*core = NULL;
	if (n_core)
		*n_core = 0;
	if (!st)
		return SCH_SAT_UNKNOWN;
	if (!wait)
		__atomic_store_n(&st->abort, 1, __ATOMIC_RELEASE);
	pthread_join(st->tid, NULL);
	int state = sch__sat_state(st);
	if (ctx)
		sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "sat: %d variables; encoded in %.3f s, %s after %.3f s more", st->cnf.nv,
			   st->encode_s, state == SCH_SAT_FOUND  ? "a timetable"
				   : state == SCH_SAT_NONE ? "proved: none"
				   : st->cnf.oom               ? "out of memory"
							   : "stopped",
			   st->solve_s);
	if (state == SCH_SAT_NONE && core && n_core) {
		*core = st->core; /* handed over */
		*n_core = st->n_core;
		st->core = NULL;
	}
	if (state == SCH_SAT_FOUND && sol) {
		sch_solution_set_starts(sol, st->starts);
		if (ctx)
			sch_solver_ctx_offer(ctx, sol);
	}
	sat_free(st);
	return state;
}
