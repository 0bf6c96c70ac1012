/* The independent verifier: counts every hard violation and soft cost of docs/rules.md, term by term. */
#include "schedule/verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"

/*
 * The verifier is written for clarity, not speed: every term is computed on its
 * own from grids of "who is busy when", straight from the wording of
 * docs/rules.md. It shares no code with any solver.
 */

typedef struct {
	sch_finding pub;
	char *message;
} finding_item;

struct sch_report {
	finding_item *items;
	size_t n, cap;
	int64_t amount[SCH_T_COUNT];
	int64_t cost[SCH_T_COUNT];
	int weight[SCH_T_COUNT];
	int n_days;
	int day_codes[SCH_MAX_DAYS];
};

static const char *const term_names[SCH_T_COUNT] = {
	"missing",        "outside_shift",   "teacher_unavailable", "forbidden_period", "teacher_clash",
	"class_clash",    "room_clash",      "room_missing",        "pupil_gap",        "class_day_limit",
	"teacher_day_limit", "subject_twice", "pinned_moved",       "constraint",       "teacher_gap",      "teacher_days",
	"methodical_day", "spread",          "difficulty",          "hard_periods",     "class_balance",
	"period_pref",    "moved",           "constraint_soft",
};

const char *sch_term_name(int term)
{
	return term >= 0 && term < SCH_T_COUNT ? term_names[term] : "unknown";
}

int sch_term_is_hard(int term)
{
	return term >= 0 && term < SCH_T_FIRST_SOFT;
}

/* A message being written: appends never overflow, a long one is cut. */
typedef struct {
	char buf[1024];
	size_t n;
} msg;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void msg_add(msg *m, const char *fmt, ...)
{
	va_list ap;
	if (m->n >= sizeof m->buf - 1)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(m->buf + m->n, sizeof m->buf - m->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		m->n += (size_t)k < sizeof m->buf - m->n ? (size_t)k : sizeof m->buf - m->n - 1;
}

/* Everything one verification needs: the school, the placements and the grids. */
typedef struct {
	const sch_school *s;
	const sch_timetable *tt;
	const sch_timetable *ref;
	sch_report *rep;
	int D, P, S;
	int *day, *per;    /* per lesson: start day and period, -1 when unplaced */
	int *tcount;       /* teacher x slot: lessons of the teacher covering the slot */
	int *tfirst;       /* teacher x slot: the lowest-numbered of them, -1 none */
	int *acount;       /* atom x slot: lessons covering the atom there */
	int *rcount;       /* room x slot: lesson parts in the room there */
	int *class_off;    /* lessons covering an atom of class c: class_les[class_off[c] ..] */
	int *class_les;
	int *slot_off;     /* placed lessons covering slot k: slot_les[slot_off[k] ..], ascending */
	int *slot_les;
	int failed;        /* out of memory while adding a finding */
} vctx;

/* ---- naming things in an operator's words ---- */

static const char *day_name(const vctx *v, int d)
{
	return d >= 0 && d < v->D ? sch_day_code(v->s->day_codes[d]) : "?";
}

static const char *group_name(const sch_school *s, int cls, int division, int group)
{
	if (cls < 0 || division < 0 || group < 0 || division >= s->classes[cls].n_divisions ||
	    group >= s->classes[cls].divisions[division].n_groups)
		return "?";
	return s->classes[cls].divisions[division].groups[group];
}

/* "5А math", "10А+10Б pe", "5А english (en1)"; `part` >= 0 names that part's group too. */
static void lesson_name(msg *m, const sch_school *s, int l, int part)
{
	const sch_lesson_def *ld = &s->lessons[l];
	const sch_line_def *ln = &s->lines[ld->line];
	for (int i = 0; i < ln->n_classes; i++)
		msg_add(m, "%s%s", i ? "+" : "", s->classes[ln->classes[i]].id);
	msg_add(m, " %s", s->subjects[ld->subject].id);
	if (ld->n_parts == 1 && ld->parts[0].division >= 0)
		msg_add(m, " (%s)", group_name(s, ld->parts[0].class_of, ld->parts[0].division, ld->parts[0].group));
	else if (part >= 0 && part < ld->n_parts && ld->parts[part].division >= 0)
		msg_add(m, " (%s)",
			group_name(s, ld->parts[part].class_of, ld->parts[part].division, ld->parts[part].group));
}

/* " (lesson 2 of 3)" when the line has several lessons. */
static void lesson_number(msg *m, const sch_school *s, int l)
{
	const sch_lesson_def *ld = &s->lessons[l];
	int n = s->lines[ld->line].n_lessons;
	if (n > 1)
		msg_add(m, " (lesson %d of %d)", ld->index + 1, n);
}

static void teacher_name(msg *m, const sch_school *s, int t)
{
	const char *name = sch_school_teacher_name(s, t);
	msg_add(m, "teacher %s", name ? name : "?");
}

/* Local atom `a` of class c: its group in division d. */
static int atom_group(const sch_class_def *c, int a, int d)
{
	int stride = 1;
	for (int i = d + 1; i < c->n_divisions; i++)
		stride *= c->divisions[i].n_groups;
	return (a / stride) % c->divisions[d].n_groups;
}

/* Local atom of class c with group g in division d and the other groups of atom a. */
static int atom_with_group(const sch_class_def *c, int a, int d, int g)
{
	int stride = 1;
	for (int i = d + 1; i < c->n_divisions; i++)
		stride *= c->divisions[i].n_groups;
	return a - atom_group(c, a, d) * stride + g * stride;
}

/* ---- findings ---- */

int sch_term_weight(const sch_school *s, int term)
{
	const sch_weights *w = &s->weights;
	switch (term) {
	case SCH_T_TEACHER_GAP: return w->teacher_gap;
	case SCH_T_TEACHER_DAYS: return w->teacher_days;
	case SCH_T_METHODICAL_DAY: return w->methodical_day;
	case SCH_T_SPREAD: return w->spread;
	case SCH_T_DIFFICULTY: return w->difficulty;
	case SCH_T_HARD_PERIODS: return w->hard_periods;
	case SCH_T_CLASS_BALANCE: return w->class_balance;
	case SCH_T_PERIOD_PREF: return w->period_pref;
	case SCH_T_MOVED: return w->moved;
	default: return 1;
	}
}

/* A finding with its own weight (a soft constraint's). */
static void add_weighted(vctx *v, int term, int amount, int weight, int day, int period, int lesson, const msg *m)
{
	sch_report *r = v->rep;
	if (amount <= 0 || v->failed)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		finding_item *items = realloc(r->items, cap * sizeof *items);
		if (!items) {
			v->failed = 1;
			return;
		}
		r->items = items;
		r->cap = cap;
	}
	finding_item *it = &r->items[r->n];
	it->message = strdup(m->buf);
	if (!it->message) {
		v->failed = 1;
		return;
	}
	it->pub = (sch_finding){.term = term, .amount = amount, .weight = weight, .day = day,
				.period = period, .lesson = lesson, .message = it->message};
	r->amount[term] += amount;
	r->cost[term] += (int64_t)amount * weight;
	r->n++;
}

static void add(vctx *v, int term, int amount, int day, int period, int lesson, const msg *m)
{
	add_weighted(v, term, amount, v->rep->weight[term], day, period, lesson, m);
}

/* ---- the grids ---- */

static int placed(const vctx *v, int l)
{
	return v->day[l] >= 0;
}

/* Does placed lesson l cover period p of its day? Periods past the last bell do not exist. */
static int covers(const vctx *v, int l, int d, int p)
{
	return v->day[l] == d && p >= v->per[l] && p < v->per[l] + v->s->lessons[l].length && p < v->P;
}

/* The last covered period that exists, +1. */
static int cover_end(const vctx *v, int l)
{
	int e = v->per[l] + v->s->lessons[l].length;
	return e < v->P ? e : v->P;
}

static int build_grids(vctx *v)
{
	const sch_school *s = v->s;
	int S = v->S;
	v->day = malloc(sizeof(int) * (size_t)(s->n_lessons + 1));
	v->per = malloc(sizeof(int) * (size_t)(s->n_lessons + 1));
	v->tcount = calloc((size_t)s->n_teachers * (size_t)S + 1, sizeof(int));
	v->tfirst = malloc(sizeof(int) * ((size_t)s->n_teachers * (size_t)S + 1));
	v->acount = calloc((size_t)s->n_atoms * (size_t)S + 1, sizeof(int));
	v->rcount = calloc((size_t)s->n_rooms * (size_t)S + 1, sizeof(int));
	v->class_off = calloc((size_t)s->n_classes + 2, sizeof(int));
	if (!v->day || !v->per || !v->tcount || !v->tfirst || !v->acount || !v->rcount || !v->class_off)
		return sch_error_oom();
	for (size_t i = 0; i < (size_t)s->n_teachers * (size_t)S; i++)
		v->tfirst[i] = -1;
	for (int l = 0; l < s->n_lessons; l++) {
		int d = -1, p = -1;
		sch_timetable_get(v->tt, l, &d, &p);
		v->day[l] = d;
		v->per[l] = d >= 0 ? p : -1;
	}
	for (int l = 0; l < s->n_lessons; l++) {
		const sch_lesson_def *ld = &s->lessons[l];
		if (!placed(v, l))
			continue;
		for (int p = v->per[l]; p < cover_end(v, l); p++) {
			int slot = sch_slot(s, v->day[l], p);
			for (int i = 0; i < ld->n_teachers; i++) {
				int k = ld->teachers[i] * S + slot;
				v->tcount[k]++;
				if (v->tfirst[k] < 0)
					v->tfirst[k] = l;
			}
			for (int i = 0; i < ld->n_atoms; i++)
				v->acount[ld->atoms[i] * S + slot]++;
			for (int k = 0; k < ld->n_parts; k++) {
				int r = sch_timetable_room(v->tt, l, k);
				if (r >= 0 && r < s->n_rooms)
					v->rcount[r * S + slot]++;
			}
		}
	}
	/* Placed lessons covering each slot, in lesson order. */
	v->slot_off = calloc((size_t)S + 2, sizeof(int));
	if (!v->slot_off)
		return sch_error_oom();
	for (int l = 0; l < s->n_lessons; l++) {
		if (!placed(v, l))
			continue;
		for (int p = v->per[l]; p < cover_end(v, l); p++)
			v->slot_off[sch_slot(s, v->day[l], p) + 1]++;
	}
	for (int k = 0; k < S; k++)
		v->slot_off[k + 1] += v->slot_off[k];
	v->slot_les = malloc(sizeof(int) * (size_t)(v->slot_off[S] + 1));
	int *fill = calloc((size_t)S + 1, sizeof(int));
	if (!v->slot_les || !fill) {
		free(fill);
		return sch_error_oom();
	}
	for (int l = 0; l < s->n_lessons; l++) {
		if (!placed(v, l))
			continue;
		for (int p = v->per[l]; p < cover_end(v, l); p++) {
			int k = sch_slot(s, v->day[l], p);
			v->slot_les[v->slot_off[k] + fill[k]++] = l;
		}
	}
	free(fill);

	/* Lessons covering any atom of each class (placed or not), each once. */
	for (int pass = 0; pass < 2; pass++) {
		int *cfill = NULL;
		if (pass == 1) {
			for (int c = 0; c < s->n_classes; c++)
				v->class_off[c + 1] += v->class_off[c];
			v->class_les = malloc(sizeof(int) * (size_t)(v->class_off[s->n_classes] + 1));
			cfill = calloc((size_t)s->n_classes + 1, sizeof(int));
			if (!v->class_les || !cfill) {
				free(cfill);
				return sch_error_oom();
			}
		}
		for (int l = 0; l < s->n_lessons; l++) {
			const sch_lesson_def *ld = &s->lessons[l];
			int last = -1;
			for (int i = 0; i < ld->n_atoms; i++) {
				int c = s->atom_class[ld->atoms[i]];
				if (c == last)
					continue;
				last = c;
				if (pass == 0)
					v->class_off[c + 1]++;
				else
					v->class_les[v->class_off[c] + cfill[c]++] = l;
			}
		}
		free(cfill);
	}
	return 0;
}

/* Bit p set when the atom is busy at period p of day d. */
static uint32_t atom_busy(const vctx *v, int atom, int d)
{
	uint32_t m = 0;
	for (int p = 0; p < v->P; p++)
		if (v->acount[atom * v->S + sch_slot(v->s, d, p)] > 0)
			m |= 1u << p;
	return m;
}

static uint32_t teacher_busy(const vctx *v, int t, int d)
{
	uint32_t m = 0;
	for (int p = 0; p < v->P; p++)
		if (v->tcount[t * v->S + sch_slot(v->s, d, p)] > 0)
			m |= 1u << p;
	return m;
}

static int popcount(uint32_t m)
{
	return __builtin_popcount(m);
}

/* Grade of class c clipped to the difficulty table. */
static int difficulty_of(const sch_school *s, int subject, int cls)
{
	int g = s->classes[cls].grade;
	if (g < 1 || g > SCH_MAX_GRADE)
		return 0;
	return s->subjects[subject].difficulty[g];
}

static int first_class(const sch_school *s, int l)
{
	const sch_line_def *ln = &s->lines[s->lessons[l].line];
	return ln->n_classes > 0 ? ln->classes[0] : -1;
}

static const sch_shift_def *lesson_shift(const sch_school *s, int l)
{
	int sh = s->lessons[l].shift;
	return sh >= 0 && sh < s->n_shifts ? &s->shifts[sh] : NULL;
}

/* Is bit k (position or bell k+1) in a mask? Positions before the first have no bit. */
static int in_mask(uint32_t mask, int k)
{
	return k >= 0 && k < 32 && ((mask >> k) & 1u);
}

/* ---- hard terms ---- */

static void check_missing(vctx *v)
{
	for (int l = 0; l < v->s->n_lessons; l++) {
		if (placed(v, l))
			continue;
		msg m = {0};
		lesson_name(&m, v->s, l, -1);
		lesson_number(&m, v->s, l);
		msg_add(&m, " is not placed");
		add(v, SCH_T_MISSING, 1, -1, -1, l, &m);
	}
}

/* Appends why placed lesson l is outside its classes' week, its shift or the day, and
 * returns 1; returns 0 when it is inside. */
static int outside_reason(const vctx *v, int l, msg *m)
{
	const sch_school *s = v->s;
	const sch_lesson_def *ld = &s->lessons[l];
	const sch_shift_def *sh = lesson_shift(s, l);
	for (int i = 0; i < ld->n_classes; i++) {
		const sch_class_def *c = &s->classes[ld->classes[i]];
		if (v->day[l] >= c->week_days) {
			msg_add(m, " is outside the week of %s (%d days)", c->id, c->week_days);
			return 1;
		}
	}
	for (int p = v->per[l]; p < v->per[l] + ld->length; p++) {
		if (p >= v->P) {
			msg_add(m, " runs past the last bell (%d)", v->P);
			return 1;
		}
		if (!sh) {
			msg_add(m, " has no shift");
			return 1;
		}
		if (p < sh->first || p > sh->last) {
			msg_add(m, " is outside shift %s (bells %d-%d)", sh->id, sh->first + 1, sh->last + 1);
			return 1;
		}
	}
	return 0;
}

static void check_outside_shift(vctx *v)
{
	const sch_school *s = v->s;
	for (int l = 0; l < s->n_lessons; l++) {
		msg m = {0};
		if (!placed(v, l))
			continue;
		lesson_name(&m, s, l, -1);
		msg_add(&m, " at %s %d", day_name(v, v->day[l]), v->per[l] + 1);
		if (outside_reason(v, l, &m))
			add(v, SCH_T_OUTSIDE_SHIFT, 1, v->day[l], v->per[l], l, &m);
	}
}

static void check_teacher_unavailable(vctx *v)
{
	const sch_school *s = v->s;
	for (int l = 0; l < s->n_lessons; l++) {
		const sch_lesson_def *ld = &s->lessons[l];
		if (!placed(v, l))
			continue;
		for (int i = 0; i < ld->n_teachers; i++) {
			int t = ld->teachers[i];
			for (int p = v->per[l]; p < cover_end(v, l); p++) {
				if (!sch_slotset_has(&s->teachers[t].unavailable, sch_slot(s, v->day[l], p)))
					continue;
				msg m = {0};
				teacher_name(&m, s, t);
				msg_add(&m, " is unavailable at %s %d (", day_name(v, v->day[l]), p + 1);
				lesson_name(&m, s, l, -1);
				msg_add(&m, ")");
				add(v, SCH_T_TEACHER_UNAVAILABLE, 1, v->day[l], p, l, &m);
			}
		}
	}
}

static void check_forbidden_period(vctx *v)
{
	const sch_school *s = v->s;
	for (int l = 0; l < s->n_lessons; l++) {
		const sch_shift_def *sh = lesson_shift(s, l);
		uint32_t forbid = s->subjects[s->lessons[l].subject].forbid_periods;
		if (!placed(v, l) || !sh)
			continue;
		for (int p = v->per[l]; p < cover_end(v, l); p++) {
			if (!in_mask(forbid, p - sh->first))
				continue;
			msg m = {0};
			lesson_name(&m, s, l, -1);
			msg_add(&m, " at %s %d: lesson %d of the shift is forbidden for %s", day_name(v, v->day[l]),
				p + 1, p - sh->first + 1, s->subjects[s->lessons[l].subject].id);
			add(v, SCH_T_FORBIDDEN_PERIOD, 1, v->day[l], p, l, &m);
			break;
		}
	}
}

/* Lists the lessons (in lesson order) that satisfy `pick` as "A, B and C"; returns the first. */
typedef int (*pick_fn)(const vctx *v, int l, int key, int slot);

static int list_lessons(msg *m, const vctx *v, pick_fn pick, int key, int slot)
{
	int n = 0, first = -1;
	for (int j = v->slot_off[slot]; j < v->slot_off[slot + 1]; j++)
		n += pick(v, v->slot_les[j], key, slot) ? 1 : 0;
	for (int j = v->slot_off[slot], i = 0; j < v->slot_off[slot + 1]; j++) {
		int l = v->slot_les[j];
		if (!pick(v, l, key, slot))
			continue;
		if (first < 0)
			first = l;
		msg_add(m, "%s", i == 0 ? "" : i == n - 1 ? " and " : ", ");
		lesson_name(m, v->s, l, -1);
		i++;
	}
	return first;
}

static int has_int(const int *a, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (a[i] == x)
			return 1;
	return 0;
}

static int pick_teacher(const vctx *v, int l, int t, int slot)
{
	const sch_lesson_def *ld = &v->s->lessons[l];
	return placed(v, l) && covers(v, l, slot / v->P, slot % v->P) && has_int(ld->teachers, ld->n_teachers, t);
}

static void check_teacher_clash(vctx *v)
{
	const sch_school *s = v->s;
	for (int t = 0; t < s->n_teachers; t++) {
		for (int slot = 0; slot < v->S; slot++) {
			int n = v->tcount[t * v->S + slot];
			if (n < 2)
				continue;
			msg m = {0};
			teacher_name(&m, s, t);
			msg_add(&m, " teaches ");
			int first = list_lessons(&m, v, pick_teacher, t, slot);
			msg_add(&m, " at %s %d", day_name(v, slot / v->P), slot % v->P + 1);
			add(v, SCH_T_TEACHER_CLASH, n - 1, slot / v->P, slot % v->P, first, &m);
		}
	}
}

/* A placed lesson covering, at the slot, an atom of class c that has two lessons there. */
static int pick_class_clash(const vctx *v, int l, int c, int slot)
{
	const sch_lesson_def *ld = &v->s->lessons[l];
	if (!placed(v, l) || !covers(v, l, slot / v->P, slot % v->P))
		return 0;
	for (int i = 0; i < ld->n_atoms; i++)
		if (v->s->atom_class[ld->atoms[i]] == c && v->acount[ld->atoms[i] * v->S + slot] > 1)
			return 1;
	return 0;
}

static void check_class_clash(vctx *v)
{
	const sch_school *s = v->s;
	for (int c = 0; c < s->n_classes; c++) {
		const sch_class_def *cl = &s->classes[c];
		for (int slot = 0; slot < v->S; slot++) {
			int amount = 0;
			for (int a = cl->atom_first; a < cl->atom_first + cl->n_atoms; a++)
				if (v->acount[a * v->S + slot] > 1)
					amount += v->acount[a * v->S + slot] - 1;
			if (!amount)
				continue;
			msg m = {0};
			msg_add(&m, "class %s has ", cl->id);
			int first = list_lessons(&m, v, pick_class_clash, c, slot);
			msg_add(&m, " at %s %d at once", day_name(v, slot / v->P), slot % v->P + 1);
			add(v, SCH_T_CLASS_CLASH, amount, slot / v->P, slot % v->P, first, &m);
		}
	}
}

static void check_room_clash(vctx *v)
{
	const sch_school *s = v->s;
	for (int r = 0; r < s->n_rooms; r++) {
		for (int slot = 0; slot < v->S; slot++) {
			int n = v->rcount[r * v->S + slot], i = 0, first = -1;
			if (n < 2)
				continue;
			msg m = {0};
			msg_add(&m, "room %s holds ", s->rooms[r].id);
			for (int j = v->slot_off[slot]; j < v->slot_off[slot + 1]; j++) {
				int l = v->slot_les[j];
				for (int k = 0; k < s->lessons[l].n_parts; k++) {
					if (sch_timetable_room(v->tt, l, k) != r)
						continue;
					if (first < 0)
						first = l;
					msg_add(&m, "%s", i == 0 ? "" : i == n - 1 ? " and " : ", ");
					lesson_name(&m, s, l, k);
					i++;
				}
			}
			msg_add(&m, " at %s %d", day_name(v, slot / v->P), slot % v->P + 1);
			add(v, SCH_T_ROOM_CLASH, n - 1, slot / v->P, slot % v->P, first, &m);
		}
	}
}

static void check_room_missing(vctx *v)
{
	const sch_school *s = v->s;
	for (int l = 0; l < s->n_lessons; l++) {
		const sch_lesson_def *ld = &s->lessons[l];
		if (!placed(v, l) || ld->rooms_needed <= 0 || ld->room_kind < 0)
			continue;
		const char *kind = s->room_kinds[ld->room_kind];
		for (int k = 0; k < ld->n_parts; k++) {
			int r = sch_timetable_room(v->tt, l, k);
			if (r >= 0 && r < s->n_rooms && s->rooms[r].kind == ld->room_kind)
				continue;
			msg m = {0};
			lesson_name(&m, s, l, k);
			msg_add(&m, " at %s %d", day_name(v, v->day[l]), v->per[l] + 1);
			if (r >= 0 && r < s->n_rooms)
				msg_add(&m, " is in room %s, which is not a %s", s->rooms[r].id, kind);
			else
				msg_add(&m, " has no %s room", kind);
			add(v, SCH_T_ROOM_MISSING, 1, v->day[l], v->per[l], l, &m);
		}
	}
}

/* Describes local atom a of class c for a message: "class 5А", "class 5А (group en1)",
 * "class 5А (group en1, boys)". A division is left out when every group of it has
 * the same key (what the finding is about: idle periods, lessons...) as the atom:
 * then the whole class, or a group of another division, is meant. */
static void atom_name(msg *m, const vctx *v, int c, int a, const uint32_t *key)
{
	const sch_class_def *cl = &v->s->classes[c];
	int named = 0;
	msg_add(m, "class %s", cl->id);
	for (int dv = 0; dv < cl->n_divisions; dv++) {
		int same = 1;
		for (int g = 0; g < cl->divisions[dv].n_groups && same; g++)
			if (key[atom_with_group(cl, a, dv, g)] != key[a])
				same = 0;
		if (same)
			continue;
		msg_add(m, "%s%s", named ? ", " : " (group ", cl->divisions[dv].groups[atom_group(cl, a, dv)]);
		named++;
	}
	if (named)
		msg_add(m, ")");
}

/* Appends the bells of a mask: "3", "3, 4". */
static void bells(msg *m, uint32_t mask)
{
	int first = 1;
	for (int p = 0; p < 32; p++) {
		if (!(mask >> p & 1u))
			continue;
		msg_add(m, "%s%d", first ? "" : ", ", p + 1);
		first = 0;
	}
}

static void check_pupil_gap(vctx *v)
{
	const sch_school *s = v->s;
	for (int c = 0; c < s->n_classes; c++) {
		const sch_class_def *cl = &s->classes[c];
		int shift_first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
		for (int d = 0; d < v->D; d++) {
			int worst = 0, worst_atom = -1;
			uint32_t worst_idle = 0, worst_busy = 0, idles[SCH_MAX_ATOMS_PER_CLASS] = {0};
			for (int a = 0; a < cl->n_atoms; a++) {
				uint32_t busy = atom_busy(v, cl->atom_first + a, d), idle = 0;
				if (!busy)
					continue;
				int lo = __builtin_ctz(busy), hi = 31 - __builtin_clz(busy);
				int from = s->rules.late_start ? lo + 1 : shift_first;
				for (int p = from; p < hi; p++)
					if (!(busy >> p & 1u))
						idle |= 1u << p;
				idles[a] = idle;
				if (popcount(idle) > worst) {
					worst = popcount(idle);
					worst_atom = a;
					worst_idle = idle;
					worst_busy = busy;
				}
			}
			if (!worst)
				continue;
			msg m = {0};
			atom_name(&m, v, c, worst_atom, idles);
			uint32_t before = worst_idle & ((1u << __builtin_ctz(worst_busy)) - 1u);
			uint32_t between = worst_idle & ~before;
			msg_add(&m, ": idle at %s ", day_name(v, d));
			if (before) {
				bells(&m, before);
				msg_add(&m, " before its first lesson");
			}
			if (before && between)
				msg_add(&m, " and at ");
			if (between) {
				bells(&m, between);
				msg_add(&m, " between lessons");
			}
			add(v, SCH_T_PUPIL_GAP, worst, d, worst == 1 ? __builtin_ctz(worst_idle) : -1, -1, &m);
		}
	}
}

static void check_class_day_limit(vctx *v)
{
	const sch_school *s = v->s;
	for (int c = 0; c < s->n_classes; c++) {
		const sch_class_def *cl = &s->classes[c];
		if (cl->max_per_day <= 0)
			continue;
		for (int d = 0; d < v->D; d++) {
			int worst = 0, worst_atom = -1, busy_n = 0;
			uint32_t counts[SCH_MAX_ATOMS_PER_CLASS];
			for (int a = 0; a < cl->n_atoms; a++) {
				int n = popcount(atom_busy(v, cl->atom_first + a, d));
				counts[a] = (uint32_t)n;
				if (n - cl->max_per_day > worst) {
					worst = n - cl->max_per_day;
					worst_atom = a;
					busy_n = n;
				}
			}
			if (!worst)
				continue;
			msg m = {0};
			atom_name(&m, v, c, worst_atom, counts);
			msg_add(&m, ": %d lessons on %s, more than its %d a day", busy_n, day_name(v, d), cl->max_per_day);
			add(v, SCH_T_CLASS_DAY_LIMIT, worst, d, -1, -1, &m);
		}
	}
}

static void check_teacher_day_limit(vctx *v)
{
	const sch_school *s = v->s;
	for (int t = 0; t < s->n_teachers; t++) {
		int max = s->teachers[t].max_per_day;
		if (max <= 0)
			continue;
		for (int d = 0; d < v->D; d++) {
			int n = popcount(teacher_busy(v, t, d));
			if (n <= max)
				continue;
			msg m = {0};
			teacher_name(&m, s, t);
			msg_add(&m, ": %d lessons on %s, more than the limit of %d", n, day_name(v, d), max);
			add(v, SCH_T_TEACHER_DAY_LIMIT, n - max, d, -1, -1, &m);
		}
	}
}

static void check_subject_twice(vctx *v)
{
	const sch_school *s = v->s;
	int *count;
	if (!s->rules.subject_once_a_day)
		return;
	count = calloc((size_t)SCH_MAX_ATOMS_PER_CLASS * (size_t)s->n_subjects + 1, sizeof(int));
	if (!count) {
		v->failed = 1;
		return;
	}
	for (int c = 0; c < s->n_classes; c++) {
		const sch_class_def *cl = &s->classes[c];
		for (int d = 0; d < v->D; d++) {
			memset(count, 0, sizeof(int) * (size_t)cl->n_atoms * (size_t)s->n_subjects);
			/* Each lesson once per atom it covers: a double lesson is one lesson. */
			for (int i = v->class_off[c]; i < v->class_off[c + 1]; i++) {
				int l = v->class_les[i];
				const sch_lesson_def *ld = &s->lessons[l];
				if (v->day[l] != d)
					continue;
				for (int k = 0; k < ld->n_atoms; k++)
					if (s->atom_class[ld->atoms[k]] == c)
						count[(ld->atoms[k] - cl->atom_first) * s->n_subjects + ld->subject]++;
			}
			for (int sub = 0; sub < s->n_subjects; sub++) {
				int worst = 0, worst_atom = -1;
				uint32_t counts[SCH_MAX_ATOMS_PER_CLASS];
				for (int a = 0; a < cl->n_atoms; a++) {
					counts[a] = (uint32_t)count[a * s->n_subjects + sub];
					if (count[a * s->n_subjects + sub] - 1 > worst) {
						worst = count[a * s->n_subjects + sub] - 1;
						worst_atom = a;
					}
				}
				if (!worst)
					continue;
				msg m = {0};
				int first = -1;
				for (int i = v->class_off[c]; i < v->class_off[c + 1] && first < 0; i++) {
					int l = v->class_les[i];
					if (v->day[l] == d && s->lessons[l].subject == sub)
						first = l;
				}
				atom_name(&m, v, c, worst_atom, counts);
				msg_add(&m, ": %s %d times on %s", s->subjects[sub].id, worst + 1, day_name(v, d));
				add(v, SCH_T_SUBJECT_TWICE, worst, d, -1, first, &m);
			}
		}
	}
	free(count);
}

static void check_pinned_moved(vctx *v)
{
	const sch_school *s = v->s;
	for (int l = 0; l < s->n_lessons; l++) {
		int pin = s->lessons[l].pinned;
		if (pin < 0 || !placed(v, l) || sch_slot(s, v->day[l], v->per[l]) == pin)
			continue;
		msg m = {0};
		lesson_name(&m, s, l, -1);
		lesson_number(&m, s, l);
		msg_add(&m, " is pinned to %s %d but placed at %s %d", day_name(v, pin / v->P), pin % v->P + 1,
			day_name(v, v->day[l]), v->per[l] + 1);
		add(v, SCH_T_PINNED_MOVED, 1, v->day[l], v->per[l], l, &m);
	}
}

/* ---- soft terms ---- */

static void check_teacher_gap(vctx *v)
{
	const sch_school *s = v->s;
	for (int t = 0; t < s->n_teachers; t++) {
		for (int d = 0; d < v->D; d++) {
			uint32_t busy = teacher_busy(v, t, d);
			/* Idle periods per shift of the lessons around them. */
			for (int sh = 0; sh < s->n_shifts; sh++) {
				uint32_t idle = 0;
				int prev = -1;
				for (int q = 0; q < v->P; q++) {
					if (!(busy >> q & 1u))
						continue;
					if (prev >= 0 && q - prev - 1 > 0) {
						int lp = v->tfirst[t * v->S + sch_slot(s, d, prev)];
						int lq = v->tfirst[t * v->S + sch_slot(s, d, q)];
						if (s->lessons[lp].shift == sh && s->lessons[lq].shift == sh)
							for (int p = prev + 1; p < q; p++)
								idle |= 1u << p;
					}
					prev = q;
				}
				if (!idle)
					continue;
				int n = popcount(idle);
				msg m = {0};
				teacher_name(&m, s, t);
				msg_add(&m, ": %d idle period%s on %s in shift %s (bell%s ", n, n == 1 ? "" : "s",
					day_name(v, d), s->shifts[sh].id, n == 1 ? "" : "s");
				bells(&m, idle);
				msg_add(&m, ")");
				add(v, SCH_T_TEACHER_GAP, n, d, n == 1 ? __builtin_ctz(idle) : -1, -1, &m);
			}
		}
	}
}

static void check_teacher_days(vctx *v)
{
	const sch_school *s = v->s;
	for (int t = 0; t < s->n_teachers; t++) {
		int max = s->teachers[t].max_days, days = 0;
		if (max <= 0)
			continue;
		for (int d = 0; d < v->D; d++)
			days += teacher_busy(v, t, d) != 0;
		if (days <= max)
			continue;
		msg m = {0};
		teacher_name(&m, s, t);
		msg_add(&m, ": works %d days, wishes at most %d", days, max);
		add(v, SCH_T_TEACHER_DAYS, days - max, -1, -1, -1, &m);
	}
}

static void check_methodical_day(vctx *v)
{
	const sch_school *s = v->s;
	for (int t = 0; t < s->n_teachers; t++) {
		int d = s->teachers[t].methodical_day;
		if (d < 0 || d >= v->D)
			continue;
		int n = popcount(teacher_busy(v, t, d));
		if (!n)
			continue;
		msg m = {0};
		teacher_name(&m, s, t);
		msg_add(&m, ": %d lesson%s on %s, the methodical day", n, n == 1 ? "" : "s", day_name(v, d));
		add(v, SCH_T_METHODICAL_DAY, n, d, -1, -1, &m);
	}
}

static void check_spread(vctx *v)
{
	const sch_school *s = v->s;
	for (int i = 0; i < s->n_lines; i++) {
		const sch_line_def *ln = &s->lines[i];
		int n = 0, week = s->n_days, pairs = 0, first = -1;
		for (int c = 0; c < ln->n_classes; c++)
			if (s->classes[ln->classes[c]].week_days < week)
				week = s->classes[ln->classes[c]].week_days;
		for (int l = ln->first_lesson; l < ln->first_lesson + ln->n_lessons; l++)
			n += placed(v, l);
		if (2 * n > week)
			continue;
		msg m = {0};
		lesson_name(&m, s, ln->first_lesson, -1);
		msg_add(&m, ": lessons on neighbouring days (");
		for (int a = ln->first_lesson; a < ln->first_lesson + ln->n_lessons; a++) {
			for (int b = a + 1; b < ln->first_lesson + ln->n_lessons; b++) {
				if (!placed(v, a) || !placed(v, b) || abs(v->day[a] - v->day[b]) != 1)
					continue;
				int lo = v->day[a] < v->day[b] ? v->day[a] : v->day[b];
				msg_add(&m, "%s%s-%s", pairs ? ", " : "", day_name(v, lo), day_name(v, lo + 1));
				if (first < 0)
					first = a;
				pairs++;
			}
		}
		msg_add(&m, ")");
		add(v, SCH_T_SPREAD, pairs, -1, -1, first, &m);
	}
}

static void check_difficulty(vctx *v)
{
	const sch_school *s = v->s;
	for (int c = 0; c < s->n_classes; c++) {
		const sch_class_def *cl = &s->classes[c];
		int W = cl->week_days < v->D ? cl->week_days : v->D;
		int L[SCH_MAX_DAYS] = {0};
		if (W < 4)
			continue;
		for (int i = v->class_off[c]; i < v->class_off[c + 1]; i++) {
			int l = v->class_les[i];
			if (placed(v, l) && v->day[l] < W)
				L[v->day[l]] += difficulty_of(s, s->lessons[l].subject, c) * s->lessons[l].length;
		}
		int M = L[1] > L[2] ? L[1] : L[2];
		int ends[2] = {0, W - 1};
		for (int e = 0; e < 2; e++) {
			int d = ends[e];
			if (L[d] <= M)
				continue;
			msg m = {0};
			msg_add(&m, "class %s: %s is harder (difficulty %d) than the harder of %s and %s (%d)", cl->id,
				day_name(v, d), L[d], day_name(v, 1), day_name(v, 2), M);
			add(v, SCH_T_DIFFICULTY, L[d] - M, d, -1, -1, &m);
		}
	}
}

static void check_hard_periods(vctx *v)
{
	const sch_school *s = v->s;
	for (int l = 0; l < s->n_lessons; l++) {
		int c = first_class(s, l);
		const sch_shift_def *sh = lesson_shift(s, l);
		if (!placed(v, l) || c < 0 || !sh)
			continue;
		int diff = difficulty_of(s, s->lessons[l].subject, c);
		if (diff < s->rules.hard_difficulty)
			continue;
		int best_last = s->classes[c].grade <= 4 ? 3 : 4;
		uint32_t out = 0;
		for (int p = v->per[l]; p < cover_end(v, l); p++) {
			int pos = p - sh->first + 1;
			if (pos < 2 || pos > best_last)
				out |= 1u << p;
		}
		if (!out)
			continue;
		msg m = {0};
		lesson_name(&m, s, l, -1);
		msg_add(&m, " (difficulty %d) at %s %d: outside lessons 2-%d of the shift", diff, day_name(v, v->day[l]),
			v->per[l] + 1, best_last);
		add(v, SCH_T_HARD_PERIODS, popcount(out), v->day[l], v->per[l], l, &m);
	}
}

static void check_class_balance(vctx *v)
{
	const sch_school *s = v->s;
	for (int c = 0; c < s->n_classes; c++) {
		const sch_class_def *cl = &s->classes[c];
		int W = cl->week_days < v->D ? cl->week_days : v->D, T = 0;
		int busy[SCH_MAX_DAYS] = {0};
		if (W < 1)
			continue;
		for (int d = 0; d < W; d++) {
			uint32_t any = 0;
			for (int a = cl->atom_first; a < cl->atom_first + cl->n_atoms; a++)
				any |= atom_busy(v, a, d);
			busy[d] = popcount(any);
			T += busy[d];
		}
		int lo = T / W, hi = (T + W - 1) / W;
		for (int d = 0; d < W; d++) {
			msg m = {0};
			if (busy[d] > hi) {
				msg_add(&m, "class %s: %d lessons on %s, more than the even share of %d", cl->id, busy[d],
					day_name(v, d), hi);
				add(v, SCH_T_CLASS_BALANCE, busy[d] - hi, d, -1, -1, &m);
			} else if (busy[d] < lo) {
				msg_add(&m, "class %s: %d lessons on %s, fewer than the even share of %d", cl->id, busy[d],
					day_name(v, d), lo);
				add(v, SCH_T_CLASS_BALANCE, lo - busy[d], d, -1, -1, &m);
			}
		}
	}
}

static void check_period_pref(vctx *v)
{
	const sch_school *s = v->s;
	for (int l = 0; l < s->n_lessons; l++) {
		const sch_lesson_def *ld = &s->lessons[l];
		const sch_subject_def *sub = &s->subjects[ld->subject];
		const sch_shift_def *sh = lesson_shift(s, l);
		if (!placed(v, l) || !sh)
			continue;
		for (int p = v->per[l]; p < cover_end(v, l); p++) {
			int pos = p - sh->first, n = 0;
			msg m = {0};
			lesson_name(&m, s, l, -1);
			msg_add(&m, " at %s %d:", day_name(v, v->day[l]), p + 1);
			if (in_mask(sub->avoid_periods, pos)) {
				msg_add(&m, "%s lesson %d of the shift is avoided for %s", n ? ";" : "", pos + 1, sub->id);
				n++;
			}
			if (sub->prefer_periods && !in_mask(sub->prefer_periods, pos)) {
				msg_add(&m, "%s lesson %d of the shift is not preferred for %s", n ? ";" : "", pos + 1,
					sub->id);
				n++;
			}
			for (int i = 0; i < ld->n_teachers; i++) {
				const sch_teacher_def *t = &s->teachers[ld->teachers[i]];
				if (in_mask(t->avoid_periods, p)) {
					msg_add(&m, "%s bell %d is avoided by ", n ? ";" : "", p + 1);
					teacher_name(&m, s, ld->teachers[i]);
					n++;
				}
				if (t->prefer_periods && !in_mask(t->prefer_periods, p)) {
					msg_add(&m, "%s bell %d is not preferred by ", n ? ";" : "", p + 1);
					teacher_name(&m, s, ld->teachers[i]);
					n++;
				}
			}
			add(v, SCH_T_PERIOD_PREF, n, v->day[l], p, l, &m);
		}
	}
}

static void check_moved(vctx *v)
{
	const sch_school *s = v->s;
	if (!v->ref)
		return;
	for (int l = 0; l < s->n_lessons; l++) {
		int d = -1, p = -1;
		sch_timetable_get(v->ref, l, &d, &p);
		if (!placed(v, l) || d < 0 || (d == v->day[l] && p == v->per[l]))
			continue;
		msg m = {0};
		lesson_name(&m, s, l, -1);
		lesson_number(&m, s, l);
		msg_add(&m, " moved from %s %d to %s %d", day_name(v, d), p + 1, day_name(v, v->day[l]), v->per[l] + 1);
		add(v, SCH_T_MOVED, 1, v->day[l], v->per[l], l, &m);
	}
}

/* ---- the constraints section ---- */

/* "constraint 3 (max_gaps_per_day, FET ConstraintTeacherMaxGapsPerDay #2)" */
static void con_name(msg *m, const sch_school *s, int ci)
{
	const sch_constraint *c = &s->constraints[ci];
	msg_add(m, "constraint %d (%s", ci + 1, sch_con_type_name(c->type));
	if (c->source && *c->source)
		msg_add(m, ", %s", c->source);
	msg_add(m, ")");
}

/* "class 5А", or with divisions "class 5А (group en1, boys)": every group of the atom. */
static void con_atom_name(msg *m, const sch_school *s, int atom)
{
	int c = s->atom_class[atom];
	const sch_class_def *cl = &s->classes[c];
	msg_add(m, "class %s", cl->id);
	for (int dv = 0; dv < cl->n_divisions; dv++)
		msg_add(m, "%s%s", dv ? ", " : " (group ", cl->divisions[dv].groups[atom_group(cl, atom - cl->atom_first, dv)]);
	if (cl->n_divisions)
		msg_add(m, ")");
}

/* The lowest-numbered placed lesson covering (teacher or atom, slot), -1 none. */
static int con_lesson_at(const vctx *v, int is_atom, int e, int slot)
{
	for (int j = v->slot_off[slot]; j < v->slot_off[slot + 1]; j++) {
		const sch_lesson_def *ld = &v->s->lessons[v->slot_les[j]];
		const int *keys = is_atom ? ld->atoms : ld->teachers;
		int n = is_atom ? ld->n_atoms : ld->n_teachers;
		for (int i = 0; i < n; i++)
			if (keys[i] == e)
				return v->slot_les[j];
	}
	return -1;
}

static void con_add(vctx *v, int ci, int amount, int day, int period, int lesson, const msg *m)
{
	const sch_constraint *c = &v->s->constraints[ci];
	if (c->weight == SCH_WEIGHT_HARD)
		add_weighted(v, SCH_T_CONSTRAINT, amount, 1, day, period, lesson, m);
	else
		add_weighted(v, SCH_T_CONSTRAINT_SOFT, amount, c->weight, day, period, lesson, m);
}

/* Idle periods between the first and the last busy period of a day, but those in `off`. */
static int con_gaps(uint32_t busy, uint32_t off)
{
	if (!busy)
		return 0;
	int lo = __builtin_ctz(busy), hi = 31 - __builtin_clz(busy);
	uint32_t span = (hi == 31 ? ~0u : (1u << (hi + 1)) - 1) & ~((1u << lo) - 1);
	return popcount(span & ~busy & ~off);
}

/* Periods of day d a teacher (is_atom 0) or atom may not have lessons in by a hard rule: the
 * teacher's `unavailable` and the hard `unavailable` constraints naming them. */
static uint32_t person_off(const sch_school *s, int is_atom, int e, int d)
{
	uint32_t off = 0;
	for (int p = 0; p < s->n_periods; p++) {
		int slot = sch_slot(s, d, p);
		if (!is_atom && sch_slotset_has(&s->teachers[e].unavailable, slot))
			off |= 1u << p;
		for (int k = 0; k < s->n_constraints && !(off >> p & 1u); k++) {
			const sch_constraint *u = &s->constraints[k];
			if (u->type != SCH_CON_UNAVAILABLE || u->weight != SCH_WEIGHT_HARD || !sch_slotset_has(&u->slots, slot))
				continue;
			const int *ids = is_atom ? u->atoms : u->teachers;
			int n = is_atom ? u->n_atoms : u->n_teachers;
			for (int i = 0; i < n; i++)
				if (ids[i] == e) {
					off |= 1u << p;
					break;
				}
		}
	}
	return off;
}

/* One teacher (is_atom 0) or atom under a constraint of a per-person type. */
static void con_entity(vctx *v, int ci, int is_atom, int e)
{
	const sch_school *s = v->s;
	const sch_constraint *c = &s->constraints[ci];
	uint32_t busy[SCH_MAX_DAYS] = {0};
	int W = v->D, first = 0, val = c->value;
	if (is_atom) {
		const sch_class_def *cl = &s->classes[s->atom_class[e]];
		W = cl->week_days < v->D ? cl->week_days : v->D;
		first = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
	}
	uint32_t off[SCH_MAX_DAYS] = {0}; /* periods that are no gap */
	for (int d = 0; d < v->D; d++) {
		busy[d] = is_atom ? atom_busy(v, e, d) : teacher_busy(v, e, d);
		if (c->flags & SCH_CON_SKIP_UNAVAILABLE)
			off[d] = person_off(s, is_atom, e, d);
	}
#define WHO(m)                                   \
	do {                                     \
		con_name(m, s, ci);              \
		msg_add(m, ": ");                \
		if (is_atom)                     \
			con_atom_name(m, s, e);  \
		else                             \
			teacher_name(m, s, e);   \
	} while (0)
	int total = 0, days = 0;
	switch (c->type) {
	case SCH_CON_UNAVAILABLE:
		for (int d = 0; d < v->D; d++)
			for (int p = 0; p < v->P; p++) {
				int slot = sch_slot(s, d, p);
				if (!(busy[d] >> p & 1u) || !sch_slotset_has(&c->slots, slot))
					continue;
				int l = con_lesson_at(v, is_atom, e, slot);
				msg m = {0};
				WHO(&m);
				msg_add(&m, " has a lesson at %s %d (", day_name(v, d), p + 1);
				if (l >= 0)
					lesson_name(&m, s, l, -1);
				msg_add(&m, "), which the constraint keeps free");
				con_add(v, ci, 1, d, p, l, &m);
			}
		break;
	case SCH_CON_MAX_GAPS_DAY:
		for (int d = 0; d < v->D; d++) {
			int g = con_gaps(busy[d], off[d]);
			if (g <= val)
				continue;
			msg m = {0};
			WHO(&m);
			msg_add(&m, ": %d idle period%s on %s, at most %d", g, g == 1 ? "" : "s", day_name(v, d), val);
			con_add(v, ci, g - val, d, -1, -1, &m);
		}
		break;
	case SCH_CON_MAX_GAPS_WEEK:
		for (int d = 0; d < v->D; d++)
			total += con_gaps(busy[d], off[d]);
		if (total > val) {
			msg m = {0};
			WHO(&m);
			msg_add(&m, ": %d idle periods in the week, at most %d", total, val);
			con_add(v, ci, total - val, -1, -1, -1, &m);
		}
		break;
	case SCH_CON_MIN_PER_DAY:
		for (int d = 0; d < W; d++) {
			int n = popcount(busy[d]);
			if ((!busy[d] && (c->flags & SCH_CON_EMPTY_DAYS_OK)) || n >= val)
				continue;
			msg m = {0};
			WHO(&m);
			msg_add(&m, ": %d lesson%s on %s, at least %d", n, n == 1 ? "" : "s", day_name(v, d), val);
			con_add(v, ci, val - n, d, -1, -1, &m);
		}
		break;
	case SCH_CON_MAX_PER_DAY:
		for (int d = 0; d < v->D; d++) {
			int n = popcount(busy[d]);
			if (n <= val)
				continue;
			msg m = {0};
			WHO(&m);
			msg_add(&m, ": %d lessons on %s, at most %d", n, day_name(v, d), val);
			con_add(v, ci, n - val, d, -1, -1, &m);
		}
		break;
	case SCH_CON_MAX_DAYS:
	case SCH_CON_MIN_DAYS:
		for (int d = 0; d < v->D; d++)
			days += busy[d] != 0;
		if (c->type == SCH_CON_MAX_DAYS ? days > val : days < val) {
			msg m = {0};
			WHO(&m);
			msg_add(&m, ": %d day%s with lessons, at %s %d", days, days == 1 ? "" : "s",
				c->type == SCH_CON_MAX_DAYS ? "most" : "least", val);
			con_add(v, ci, c->type == SCH_CON_MAX_DAYS ? days - val : val - days, -1, -1, -1, &m);
		}
		break;
	case SCH_CON_MAX_CONTINUOUS:
		for (int d = 0; d < v->D; d++)
			for (int p = 0; p < v->P;) {
				if (!(busy[d] >> p & 1u)) {
					p++;
					continue;
				}
				int q = p;
				while (q < v->P && (busy[d] >> q & 1u))
					q++;
				if (q - p > val) {
					msg m = {0};
					WHO(&m);
					msg_add(&m, ": %d lessons in a row on %s from bell %d, at most %d", q - p, day_name(v, d),
						p + 1, val);
					con_add(v, ci, q - p - val, d, p, -1, &m);
				}
				p = q;
			}
		break;
	case SCH_CON_LATE_STARTS: {
		msg m = {0};
		WHO(&m);
		msg_add(&m, ": starts after bell %d on", first + 1);
		for (int d = 0; d < v->D; d++)
			if (busy[d] && __builtin_ctz(busy[d]) > first) {
				msg_add(&m, "%s %s", days ? "," : "", day_name(v, d));
				days++;
			}
		msg_add(&m, ", at most %d day%s", val, val == 1 ? "" : "s");
		if (days > val)
			con_add(v, ci, days - val, -1, -1, -1, &m);
		break;
	}
	default:
		break;
	}
#undef WHO
}

static void con_lessons(vctx *v, int ci)
{
	const sch_school *s = v->s;
	const sch_constraint *c = &s->constraints[ci];
	switch (c->type) {
	case SCH_CON_MIN_DAYS_BETWEEN:
		for (int i = 0; i < c->n_lessons; i++)
			for (int j = i + 1; j < c->n_lessons; j++) {
				int a = c->lessons[i], b = c->lessons[j];
				if (!placed(v, a) || !placed(v, b))
					continue;
				int dd = abs(v->day[a] - v->day[b]);
				int adjacent = v->per[a] + s->lessons[a].length == v->per[b] ||
					       v->per[b] + s->lessons[b].length == v->per[a];
				int near = dd < c->value;
				int apart = (c->flags & SCH_CON_SAME_DAY_ADJACENT) && dd == 0 && !adjacent;
				if (!near && !apart)
					continue;
				msg m = {0};
				con_name(&m, s, ci);
				msg_add(&m, ": ");
				lesson_name(&m, s, a, -1);
				lesson_number(&m, s, a);
				msg_add(&m, " on %s and ", day_name(v, v->day[a]));
				lesson_name(&m, s, b, -1);
				lesson_number(&m, s, b);
				msg_add(&m, " on %s", day_name(v, v->day[b]));
				if (near)
					msg_add(&m, " are %d day%s apart, at least %d", dd, dd == 1 ? "" : "s", c->value);
				if (apart)
					msg_add(&m, "%s not back to back on one day", near ? ", and" : " are");
				con_add(v, ci, near + apart, v->day[a], -1, a, &m);
			}
		break;
	case SCH_CON_SPREAD:
		for (int d = 0; d < v->D; d++) {
			int n = 0, first = -1;
			for (int i = 0; i < c->n_lessons; i++)
				if (placed(v, c->lessons[i]) && v->day[c->lessons[i]] == d) {
					n++;
					if (first < 0)
						first = c->lessons[i];
				}
			if (n <= c->value)
				continue;
			msg m = {0};
			con_name(&m, s, ci);
			msg_add(&m, ": %d of its lessons on %s (", n, day_name(v, d));
			lesson_name(&m, s, first, -1);
			msg_add(&m, "...), at most %d", c->value);
			con_add(v, ci, n - c->value, d, -1, first, &m);
		}
		break;
	case SCH_CON_ALLOWED_STARTS:
		for (int i = 0; i < c->n_lessons; i++) {
			int l = c->lessons[i];
			if (!placed(v, l) || sch_slotset_has(&c->slots, sch_slot(s, v->day[l], v->per[l])))
				continue;
			msg m = {0};
			con_name(&m, s, ci);
			msg_add(&m, ": ");
			lesson_name(&m, s, l, -1);
			lesson_number(&m, s, l);
			msg_add(&m, " starts at %s %d, not one of the allowed starts", day_name(v, v->day[l]), v->per[l] + 1);
			con_add(v, ci, 1, v->day[l], v->per[l], l, &m);
		}
		break;
	default:
		break;
	}
}

/* Every constraint: per teacher and per atom of its students sets, or over its lessons. */
static void check_constraints(vctx *v)
{
	const sch_school *s = v->s;
	for (int ci = 0; ci < s->n_constraints; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		if (c->type == SCH_CON_MIN_DAYS_BETWEEN || c->type == SCH_CON_SPREAD || c->type == SCH_CON_ALLOWED_STARTS) {
			con_lessons(v, ci);
			continue;
		}
		for (int i = 0; i < c->n_teachers; i++)
			if (c->teachers[i] >= 0 && c->teachers[i] < s->n_teachers)
				con_entity(v, ci, 0, c->teachers[i]);
		for (int i = 0; i < c->n_atoms; i++)
			con_entity(v, ci, 1, c->atoms[i]);
	}
}

/* ---- the API ---- */

int sch_verify(sch_report **out, const sch_timetable *tt, const sch_timetable *reference)
{
	vctx v = {0};
	sch_report *rep = NULL;
	int rc = 0;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_verify: out is NULL");
	*out = NULL;
	if (!tt)
		return sch_error_set(SCH_EINVALID, "sch_verify: timetable is NULL");
	v.s = sch_timetable_school(tt);
	if (reference) {
		const sch_school *rs = sch_timetable_school(reference);
		if (rs != v.s && (rs->n_lessons != v.s->n_lessons || rs->n_days != v.s->n_days ||
				  rs->n_periods != v.s->n_periods))
			return sch_error_set(SCH_EINVALID,
					     "sch_verify: the reference timetable is of another school (%d lessons, not %d)",
					     rs->n_lessons, v.s->n_lessons);
	}
	rep = calloc(1, sizeof *rep);
	if (!rep)
		return sch_error_oom();
	v.tt = tt;
	v.ref = reference;
	v.rep = rep;
	v.D = v.s->n_days;
	v.P = v.s->n_periods;
	v.S = v.D * v.P;
	rep->n_days = v.D;
	memcpy(rep->day_codes, v.s->day_codes, sizeof rep->day_codes);
	for (int t = 0; t < SCH_T_COUNT; t++)
		rep->weight[t] = sch_term_weight(v.s, t);
	rc = build_grids(&v);
	if (rc < 0)
		goto done;

	check_missing(&v);
	check_outside_shift(&v);
	check_teacher_unavailable(&v);
	check_forbidden_period(&v);
	check_teacher_clash(&v);
	check_class_clash(&v);
	check_room_clash(&v);
	check_room_missing(&v);
	if (v.s->rules.pupil_gaps != SCH_PUPIL_GAPS_ALLOWED)
		check_pupil_gap(&v);
	check_class_day_limit(&v);
	check_teacher_day_limit(&v);
	check_subject_twice(&v);
	check_pinned_moved(&v);
	check_constraints(&v);
	/* A soft term with weight 0 is switched off: it is not evaluated at all. */
	if (rep->weight[SCH_T_TEACHER_GAP])
		check_teacher_gap(&v);
	if (rep->weight[SCH_T_TEACHER_DAYS])
		check_teacher_days(&v);
	if (rep->weight[SCH_T_METHODICAL_DAY])
		check_methodical_day(&v);
	if (rep->weight[SCH_T_SPREAD])
		check_spread(&v);
	if (rep->weight[SCH_T_DIFFICULTY])
		check_difficulty(&v);
	if (rep->weight[SCH_T_HARD_PERIODS])
		check_hard_periods(&v);
	if (rep->weight[SCH_T_CLASS_BALANCE])
		check_class_balance(&v);
	if (rep->weight[SCH_T_PERIOD_PREF])
		check_period_pref(&v);
	if (rep->weight[SCH_T_MOVED])
		check_moved(&v);
	if (v.failed)
		rc = sch_error_oom();
done:
	free(v.day);
	free(v.per);
	free(v.tcount);
	free(v.tfirst);
	free(v.acount);
	free(v.rcount);
	free(v.class_off);
	free(v.class_les);
	free(v.slot_off);
	free(v.slot_les);
	if (rc < 0) {
		sch_report_free(rep);
		return rc;
	}
	*out = rep;
	return 0;
}

void sch_report_free(sch_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->items[i].message);
	free(r->items);
	free(r);
}

size_t sch_report_count(const sch_report *r)
{
	return r ? r->n : 0;
}

const sch_finding *sch_report_get(const sch_report *r, size_t i)
{
	return r && i < r->n ? &r->items[i].pub : NULL;
}

int64_t sch_report_hard(const sch_report *r)
{
	int64_t n = 0;
	for (int t = 0; r && t < SCH_T_FIRST_SOFT; t++)
		n += r->amount[t];
	return n;
}

int64_t sch_report_soft(const sch_report *r)
{
	int64_t n = 0;
	for (int t = SCH_T_FIRST_SOFT; r && t < SCH_T_COUNT; t++)
		n += r->cost[t];
	return n;
}

sch_cost sch_report_cost(const sch_report *r)
{
	return SCH_COST(sch_report_hard(r), sch_report_soft(r));
}

int64_t sch_report_term_amount(const sch_report *r, int term)
{
	return r && term >= 0 && term < SCH_T_COUNT ? r->amount[term] : 0;
}

int64_t sch_report_term_cost(const sch_report *r, int term)
{
	return r && term >= 0 && term < SCH_T_COUNT ? r->cost[term] : 0;
}

/* ---- JSON ---- */

int sch_report_to_json(char **out, const sch_report *r)
{
	sch_buf b;
	sch_buf_init(&b);
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_report_to_json: out is NULL");
	*out = NULL;
	if (!r)
		return sch_error_set(SCH_EINVALID, "sch_report_to_json: report is NULL");
	sch_buf_printf(&b, "{\"hard\": %lld, \"soft\": %lld, \"terms\": {", (long long)sch_report_hard(r),
		  (long long)sch_report_soft(r));
	for (int t = 0; t < SCH_T_COUNT; t++)
		sch_buf_printf(&b, "%s\n  \"%s\": {\"amount\": %lld, \"cost\": %lld, \"weight\": %d}", t ? "," : "",
			  term_names[t], (long long)r->amount[t], (long long)r->cost[t], r->weight[t]);
	sch_buf_printf(&b, "\n}, \"findings\": [");
	for (size_t i = 0; i < r->n; i++) {
		const sch_finding *f = &r->items[i].pub;
		sch_buf_printf(&b, "%s\n  {\"term\": \"%s\", \"hard\": %s, \"amount\": %d, \"weight\": %d, \"cost\": %lld, ",
			  i ? "," : "", term_names[f->term], sch_term_is_hard(f->term) ? "true" : "false", f->amount,
			  f->weight, (long long)f->amount * f->weight);
		if (f->day >= 0 && f->day < r->n_days)
			sch_buf_printf(&b, "\"day\": \"%s\", ", sch_day_code(r->day_codes[f->day]));
		else
			sch_buf_printf(&b, "\"day\": null, ");
		if (f->period >= 0)
			sch_buf_printf(&b, "\"period\": %d, ", f->period + 1);
		else
			sch_buf_printf(&b, "\"period\": null, ");
		if (f->lesson >= 0)
			sch_buf_printf(&b, "\"lesson\": %d, ", f->lesson);
		else
			sch_buf_printf(&b, "\"lesson\": null, ");
		sch_buf_add(&b, "\"message\": ", 11);
		sch_buf_quoted(&b, f->message);
		sch_buf_add(&b, "}", 1);
	}
	sch_buf_printf(&b, "%s]}\n", r->n ? "\n" : "");
	if (!(*out = sch_buf_take(&b, NULL)))
		return sch_error_oom();
	return 0;
}
