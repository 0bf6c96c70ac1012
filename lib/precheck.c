/* The feasibility pre-check: counting arguments that prove a school impossible, in an operator's words. */
#include "schedule/precheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"

/* A capacity counts as tight above this share of it (percent); only a warning. */
#define TIGHT_PERCENT 95
/* Groups of lessons (shift x week length) of one teacher or room kind that are combined exhaustively. */
#define MAX_GROUPS 8
#define MSG_MAX 1024

typedef struct {
	sch_precheck_finding pub;
	char *message;
} finding;

struct sch_precheck {
	finding *items;
	size_t n, cap;
	int impossible;
	int n_teachers, n_classes;
	int *teacher_load, *teacher_avail, *teacher_cap;
	int *class_load, *class_cap;
};

/* A growing message buffer: appends never overflow, they truncate. */
typedef struct {
	char s[MSG_MAX];
	size_t n;
} msgbuf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void msg_add(msgbuf *m, const char *fmt, ...)
{
	va_list ap;
	if (m->n >= sizeof m->s - 1)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(m->s + m->n, sizeof m->s - m->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		m->n += (size_t)k;
	if (m->n > sizeof m->s - 1)
		m->n = sizeof m->s - 1;
}

static int add(sch_precheck *pre, int level, const char *kind, const msgbuf *m)
{
	if (pre->n == pre->cap) {
		size_t cap = pre->cap ? pre->cap * 2 : 32;
		finding *items = realloc(pre->items, cap * sizeof *items);
		if (!items)
			return sch_error_oom();
		pre->items = items;
		pre->cap = cap;
	}
	finding *f = &pre->items[pre->n];
	f->message = strdup(m->s);
	if (!f->message)
		return sch_error_oom();
	f->pub.level = level;
	f->pub.kind = kind;
	f->pub.message = f->message;
	pre->n++;
	if (level == SCH_PRE_IMPOSSIBLE)
		pre->impossible = 1;
	return 0;
}

static int tight(long load, long cap)
{
	return cap > 0 && load <= cap && load * 100 > cap * TIGHT_PERCENT;
}

static int percent(long part, long whole)
{
	return whole > 0 ? (int)((part * 100 + whole / 2) / whole) : 0;
}

static const char *subject_name(const sch_school *s, int subject)
{
	return sch_school_subject_name(s, subject, "ru");
}

static const char *teacher_name(const sch_school *s, int t)
{
	return sch_school_teacher_name(s, t);
}

static const char *day_name(const sch_school *s, int d)
{
	return sch_day_code(s->day_codes[d]);
}

static int shift_len(const sch_shift_def *sh)
{
	return sh->last - sh->first + 1;
}

/* The slots of days 0..week-1 and the periods of a shift. */
static sch_slotset shift_grid(const sch_school *s, int shift, int week)
{
	sch_slotset g = {{0, 0}};
	if (shift < 0 || shift >= s->n_shifts)
		return g;
	const sch_shift_def *sh = &s->shifts[shift];
	for (int d = 0; d < week && d < s->n_days; d++)
		for (int p = sh->first; p <= sh->last && p < s->n_periods; p++)
			sch_slotset_add(&g, sch_slot(s, d, p));
	return g;
}

static sch_slotset set_and(sch_slotset a, sch_slotset b)
{
	a.w[0] &= b.w[0];
	a.w[1] &= b.w[1];
	return a;
}

static sch_slotset set_minus(sch_slotset a, sch_slotset b)
{
	a.w[0] &= ~b.w[0];
	a.w[1] &= ~b.w[1];
	return a;
}

static sch_slotset set_or(sch_slotset a, sch_slotset b)
{
	a.w[0] |= b.w[0];
	a.w[1] |= b.w[1];
	return a;
}

static int day_count(const sch_school *s, const sch_slotset *set, int d)
{
	int n = 0;
	for (int p = 0; p < s->n_periods; p++)
		n += sch_slotset_has(set, sch_slot(s, d, p));
	return n;
}

/*
 * Appends the unavailable slots of `unavail` inside `grid` in an operator's words:
 * "sat, mon 1-3" (whole days of the grid by name, otherwise day and bell ranges).
 * Returns the number of slots described.
 */
static int describe_slots(msgbuf *m, const sch_school *s, const sch_slotset *grid, const sch_slotset *unavail)
{
	sch_slotset u = set_and(*grid, *unavail);
	int total = sch_slotset_count(&u), first = 1;
	if (!total)
		return 0;
	for (int d = 0; d < s->n_days; d++) {
		int in_grid = day_count(s, grid, d), off = day_count(s, &u, d);
		if (!off)
			continue;
		msg_add(m, "%s%s", first ? "" : ", ", day_name(s, d));
		first = 0;
		if (off == in_grid)
			continue;
		for (int p = 0, lead = 1; p < s->n_periods; p++) {
			if (!sch_slotset_has(&u, sch_slot(s, d, p)))
				continue;
			int q = p;
			while (q + 1 < s->n_periods && sch_slotset_has(&u, sch_slot(s, d, q + 1)))
				q++;
			msg_add(m, "%s%d", lead ? " " : ",", p + 1);
			if (q > p)
				msg_add(m, "-%d", q + 1);
			lead = 0;
			p = q;
		}
	}
	return total;
}

/* "5А", "5А en1", "10А+10Б": the pupils of a lesson. */
static void lesson_pupils(msgbuf *m, const sch_school *s, const sch_lesson_def *l)
{
	const sch_line_def *ln = &s->lines[l->line];
	for (int i = 0; i < ln->n_classes; i++)
		msg_add(m, "%s%s", i ? "+" : "", s->classes[ln->classes[i]].id);
	if (ln->n_parts == 1 && ln->parts[0].division >= 0 && ln->parts[0].group >= 0) {
		const sch_class_def *cl = &s->classes[ln->parts[0].class_of >= 0 ? ln->parts[0].class_of : ln->classes[0]];
		if (ln->parts[0].division < cl->n_divisions &&
		    ln->parts[0].group < cl->divisions[ln->parts[0].division].n_groups)
			msg_add(m, " %s", cl->divisions[ln->parts[0].division].groups[ln->parts[0].group]);
	}
}

/* "5А Математика (line 12)". */
static void lesson_label(msgbuf *m, const sch_school *s, const sch_lesson_def *l)
{
	lesson_pupils(m, s, l);
	msg_add(m, " %s", subject_name(s, l->subject));
	if (s->lines[l->line].line > 0)
		msg_add(m, " (line %d)", s->lines[l->line].line);
}

/* Names the atom's groups: "en1/boys"; empty for a class without divisions. */
static void atom_groups(msgbuf *m, const sch_class_def *cl, int local)
{
	int stride = cl->n_atoms;
	for (int d = 0; d < cl->n_divisions; d++) {
		int ng = cl->divisions[d].n_groups > 0 ? cl->divisions[d].n_groups : 1;
		stride /= ng;
		int g = stride > 0 ? (local / stride) % ng : 0;
		if (g < cl->divisions[d].n_groups)
			msg_add(m, "%s%s", d ? "/" : "", cl->divisions[d].groups[g]);
	}
}

/* Lists classes named by a bitmap over classes, at most `limit` of them. */
static void class_list(msgbuf *m, const sch_school *s, const unsigned char *mark, int limit)
{
	int n = 0, total = 0;
	for (int c = 0; c < s->n_classes; c++)
		total += mark[c] != 0;
	for (int c = 0; c < s->n_classes && n < limit; c++)
		if (mark[c])
			msg_add(m, "%s%s", n++ ? ", " : "", s->classes[c].id);
	if (total > n)
		msg_add(m, " and %d more", total - n);
}

/* ---------------------------------------------------------------------------------------- */
/* Teachers: weekly load against the slots of the shifts of their classes (Hall's condition). */

typedef struct {
	int shift, week;
	long load;        /* lesson-periods */
	sch_slotset grid; /* days of the week x periods of the shift */
} lgroup;

typedef struct {
	const sch_school *s;
	sch_precheck *pre;
	unsigned char *mark; /* per class, scratch */
	unsigned char *teacher_shift_dead; /* per teacher x shift: unavailable in all of it */
	sch_slotset *tun; /* per teacher: its unavailable slots and those of hard `unavailable` constraints */
	sch_slotset *aun; /* per atom: the slots hard `unavailable` constraints keep free */
} ctx;

/* Capacity of a teacher over the slots `avail`: per day min(available, max_per_day). */
static long teacher_capacity(const sch_school *s, const sch_teacher_def *t, const sch_slotset *avail)
{
	long cap = 0;
	for (int d = 0; d < s->n_days; d++) {
		int n = day_count(s, avail, d);
		cap += t->max_per_day > 0 && n > t->max_per_day ? t->max_per_day : n;
	}
	return cap;
}

/* "in shift 2 (7А, 7Б)": the part of a teacher's week a subset of groups stands for. */
static void teacher_scope(msgbuf *m, ctx *c, int t, const lgroup *g, int ng, unsigned mask)
{
	const sch_school *s = c->s;
	unsigned shifts_in = 0;
	int nsh = 0;
	for (int i = 0; i < ng; i++)
		if ((mask >> i & 1u) && g[i].shift < 32)
			shifts_in |= 1u << g[i].shift;
	if (mask == (1u << ng) - 1)
		return;
	msg_add(m, " in shift");
	for (int sh = 0; sh < s->n_shifts && sh < 32; sh++)
		if (shifts_in >> sh & 1u)
			nsh++;
	if (nsh > 1)
		msg_add(m, "s");
	for (int sh = 0, k = 0; sh < s->n_shifts && sh < 32; sh++)
		if (shifts_in >> sh & 1u)
			msg_add(m, "%s%s", k++ ? (k == nsh ? " and " : ", ") : " ", s->shifts[sh].id);
	memset(c->mark, 0, (size_t)s->n_classes);
	for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1]; k++) {
		const sch_lesson_def *l = &s->lessons[s->by_teacher.idx[k]];
		for (int i = 0; i < ng; i++)
			if ((mask >> i & 1u) && g[i].shift == l->shift && g[i].week == l->week_days)
				for (int j = 0; j < l->n_classes; j++)
					c->mark[l->classes[j]] = 1;
	}
	msg_add(m, " (");
	class_list(m, s, c->mark, 6);
	msg_add(m, ")");
}

/* Smallest subsets first: a subset is reported only when none of its reported subsets is inside it. */
static int by_popcount(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	int px = __builtin_popcount(x), py = __builtin_popcount(y);
	if (px != py)
		return px - py;
	return (x > y) - (x < y);
}

static int check_teacher(ctx *c, int t)
{
	const sch_school *s = c->s;
	const sch_teacher_def *td = &s->teachers[t];
	lgroup g[MAX_GROUPS + 1];
	int ng = 0, rc;
	long total = 0;

	for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1]; k++) {
		const sch_lesson_def *l = &s->lessons[s->by_teacher.idx[k]];
		int i;
		if (l->shift < 0)
			continue;
		total += l->length;
		for (i = 0; i < ng; i++)
			if (g[i].shift == l->shift && g[i].week == l->week_days)
				break;
		if (i == ng) {
			if (ng == MAX_GROUPS) { /* fold the rare rest into the last group */
				i = ng - 1;
				g[i].grid = set_or(g[i].grid, shift_grid(s, l->shift, l->week_days));
			} else {
				g[ng].shift = l->shift;
				g[ng].week = l->week_days;
				g[ng].load = 0;
				g[ng].grid = shift_grid(s, l->shift, l->week_days);
				ng++;
			}
		}
		g[i].load += l->length;
	}

	sch_slotset all = {{0, 0}};
	for (int i = 0; i < ng; i++)
		all = set_or(all, g[i].grid);
	sch_slotset avail_all = set_minus(all, c->tun[t]);
	c->pre->teacher_load[t] = (int)total;
	c->pre->teacher_avail[t] = sch_slotset_count(&avail_all);
	c->pre->teacher_cap[t] = (int)teacher_capacity(s, td, &avail_all);
	if (ng == 0)
		return 0;

	/* Every subset of groups: its lessons must fit in the union of its slots. */
	unsigned subsets[1 << MAX_GROUPS], reported[1 << MAX_GROUPS];
	int n_sub = 0, n_rep = 0;
	for (unsigned m = 1; m < (1u << ng); m++)
		subsets[n_sub++] = m;
	qsort(subsets, (size_t)n_sub, sizeof *subsets, by_popcount);
	for (int k = 0; k < n_sub; k++) {
		unsigned mask = subsets[k];
		int skip = 0;
		for (int r = 0; r < n_rep && !skip; r++)
			if ((reported[r] & mask) == reported[r])
				skip = 1;
		if (skip)
			continue;
		sch_slotset grid = {{0, 0}};
		long load = 0;
		for (int i = 0; i < ng; i++)
			if (mask >> i & 1u) {
				grid = set_or(grid, g[i].grid);
				load += g[i].load;
			}
		sch_slotset avail = set_minus(grid, c->tun[t]);
		long n_avail = sch_slotset_count(&avail);
		long cap = teacher_capacity(s, td, &avail);
		if (load <= cap)
			continue;
		reported[n_rep++] = mask;
		msgbuf m = {{0}, 0};
		msg_add(&m, "teacher %s: %ld lesson%s a week", teacher_name(s, t), load, load == 1 ? "" : "s");
		teacher_scope(&m, c, t, g, ng, mask);
		if (n_avail == 0) {
			msg_add(&m, " but is unavailable in every slot of shift");
			for (int i = 0, k2 = 0; i < ng; i++)
				if (mask >> i & 1u)
					msg_add(&m, "%s%s", k2++ ? ", " : " ", s->shifts[g[i].shift].id);
			msg_add(&m, " (unavailable: ");
			describe_slots(&m, s, &grid, &c->tun[t]);
			msg_add(&m, ")");
			for (int i = 0; i < ng; i++)
				if (mask >> i & 1u)
					c->teacher_shift_dead[(size_t)t * (size_t)s->n_shifts + (size_t)g[i].shift] = 1;
			rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "teacher_shift_unavailable", &m);
		} else if (load > n_avail) {
			msg_add(&m, " but only %ld available slot%s", n_avail, n_avail == 1 ? "" : "s");
			if (sch_slotset_count(&grid) > n_avail) {
				msg_add(&m, " (unavailable: ");
				describe_slots(&m, s, &grid, &c->tun[t]);
				msg_add(&m, ")");
			}
			rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "teacher_capacity", &m);
		} else {
			int days = 0, full = 1;
			for (int d = 0; d < s->n_days; d++) {
				int n = day_count(s, &avail, d);
				days += n > 0;
				if (n > 0 && n < td->max_per_day)
					full = 0;
			}
			if (full)
				msg_add(&m, " but at most %d a day × %d days = %ld", td->max_per_day, days, cap);
			else
				msg_add(&m, " but at most %ld fit with %d a day at most and %ld available slots",
					cap, td->max_per_day, n_avail);
			rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "teacher_day_limit", &m);
		}
		if (rc)
			return rc;
	}
	if (n_rep == 0 && tight(total, c->pre->teacher_cap[t])) {
		msgbuf m = {{0}, 0};
		msg_add(&m, "teacher %s: %ld lessons a week in %d places that can take them (%d%%)", teacher_name(s, t),
			total, c->pre->teacher_cap[t], percent(total, c->pre->teacher_cap[t]));
		return add(c->pre, SCH_PRE_WARNING, "teacher_capacity", &m);
	}
	return 0;
}

/* A block longer than a teacher's or a class's daily limit can never be placed. */
static int check_blocks(ctx *c)
{
	const sch_school *s = c->s;
	for (int i = 0; i < s->n_lines; i++) {
		const sch_line_def *ln = &s->lines[i];
		if (ln->n_lessons == 0)
			continue;
		const sch_lesson_def *l = &s->lessons[ln->first_lesson];
		if (l->length < 2)
			continue;
		for (int k = 0; k < l->n_teachers; k++) {
			const sch_teacher_def *td = &s->teachers[l->teachers[k]];
			if (td->max_per_day > 0 && l->length > td->max_per_day) {
				msgbuf m = {{0}, 0};
				lesson_label(&m, s, l);
				msg_add(&m, ": a block of %d lessons but teacher %s gives at most %d a day", l->length,
					teacher_name(s, l->teachers[k]), td->max_per_day);
				int rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "block_too_long", &m);
				if (rc)
					return rc;
			}
		}
		for (int k = 0; k < l->n_classes; k++) {
			const sch_class_def *cl = &s->classes[l->classes[k]];
			if (cl->max_per_day > 0 && l->length > cl->max_per_day) {
				msgbuf m = {{0}, 0};
				lesson_label(&m, s, l);
				msg_add(&m, ": a block of %d lessons but class %s has at most %d a day", l->length,
					cl->id, cl->max_per_day);
				int rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "block_too_long", &m);
				if (rc)
					return rc;
			}
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* Classes and groups: weekly load against the week x the shorter of shift and daily limit. */

/* Places in an atom's week: per day of its week, its periods less those hard constraints keep
 * free, at most per_day. */
static long atom_capacity(const ctx *c, int atom, uint32_t periods, int week, int per_day)
{
	const sch_school *s = c->s;
	long cap = 0;
	for (int d = 0; d < week; d++) {
		int n = 0;
		for (int p = 0; p < s->n_periods && p < 32; p++)
			n += (periods >> p & 1u) && !sch_slotset_has(&c->aun[atom], sch_slot(s, d, p));
		cap += n < per_day ? n : per_day;
	}
	return cap;
}

static int check_class(ctx *c, int ci)
{
	const sch_school *s = c->s;
	const sch_class_def *cl = &s->classes[ci];
	long best = -1, worst = -1, loads[SCH_MAX_ATOMS_PER_CLASS] = {0};
	int best_atom = 0;
	for (int a = 0; a < cl->n_atoms; a++) {
		int atom = cl->atom_first + a;
		long load = 0;
		for (int k = s->by_atom.off[atom]; k < s->by_atom.off[atom + 1]; k++)
			load += s->lessons[s->by_atom.idx[k]].length;
		loads[a] = load;
		if (load > best) {
			best = load;
			best_atom = a;
		}
		if (worst < 0 || load < worst)
			worst = load;
	}
	if (best < 0)
		best = 0;
	/*
	 * The periods its lessons may use: its shift's, and those of other shifts when it is
	 * the second class of a joint lesson led by a class of another shift (an importer's
	 * model; the YAML loader refuses it).
	 */
	uint32_t periods = 0;
	if (cl->shift >= 0 && cl->shift < s->n_shifts)
		for (int p = s->shifts[cl->shift].first; p <= s->shifts[cl->shift].last && p < 32; p++)
			periods |= 1u << p;
	for (int k = s->by_class.off[ci]; k < s->by_class.off[ci + 1]; k++) {
		const sch_lesson_def *l = &s->lessons[s->by_class.idx[k]];
		if (l->shift >= 0 && l->shift < s->n_shifts && l->shift != cl->shift)
			for (int p = s->shifts[l->shift].first; p <= s->shifts[l->shift].last && p < 32; p++)
				periods |= 1u << p;
	}
	int len = __builtin_popcount(periods);
	int own = cl->shift >= 0 && cl->shift < s->n_shifts ? shift_len(&s->shifts[cl->shift]) : 0;
	int per_day = len;
	if (cl->max_per_day > 0 && cl->max_per_day < per_day)
		per_day = cl->max_per_day;
	int week = cl->week_days < s->n_days ? cl->week_days : s->n_days;
	long cap = (long)week * per_day;
	/* hard `unavailable` constraints of its pupils: the atom with the least room to spare */
	long short_cap = -1;
	for (int a = 0; a < cl->n_atoms && s->n_constraints > 0; a++) {
		long ac = atom_capacity(c, cl->atom_first + a, periods, week, per_day);
		if (ac < cap && (short_cap < 0 || loads[a] - ac > best - short_cap)) {
			short_cap = ac;
			best = loads[a];
			best_atom = a;
		}
	}
	if (short_cap >= 0 && best > short_cap) {
		msgbuf m = {{0}, 0};
		c->pre->class_load[ci] = (int)best;
		c->pre->class_cap[ci] = (int)short_cap;
		msg_add(&m, "class %s", cl->id);
		if (cl->n_atoms > 1) {
			msg_add(&m, " (group ");
			atom_groups(&m, cl, best_atom);
			msg_add(&m, ")");
		}
		msg_add(&m, ": %ld lessons a week but only %ld places, as hard constraints keep some periods free", best,
			short_cap);
		return add(c->pre, SCH_PRE_IMPOSSIBLE, "class_capacity", &m);
	}
	if (short_cap >= 0)
		cap = short_cap;
	c->pre->class_load[ci] = (int)best;
	c->pre->class_cap[ci] = (int)cap;
	if (best == 0 || len == 0 || own == 0) /* a class without a shift: the loader reports it */
		return 0;

	msgbuf m = {{0}, 0};
	msg_add(&m, "class %s", cl->id);
	if (cl->n_atoms > 1 && worst != best) {
		msg_add(&m, " (group ");
		atom_groups(&m, cl, best_atom);
		msg_add(&m, ")");
	}
	if (best > cap) {
		msg_add(&m, ": %ld lessons a week but ", best);
		if (per_day == len && len != own)
			msg_add(&m, "the shifts of its lessons offer %d days × %d periods = %ld", week, len, cap);
		else if (per_day == len)
			msg_add(&m, "shift %s offers %d days × %d periods = %ld", s->shifts[cl->shift].id, week, len, cap);
		else
			msg_add(&m, "at most %d days × %d a day = %ld (its daily limit; shift %s has %d periods)", week,
				per_day, cap, s->shifts[cl->shift].id, own);
		return add(c->pre, SCH_PRE_IMPOSSIBLE, "class_capacity", &m);
	}
	if (tight(best, cap)) {
		msg_add(&m, ": %ld lessons a week in %ld places (%d days × %d) (%d%%): little room to arrange them",
			best, cap, week, per_day, percent(best, cap));
		return add(c->pre, SCH_PRE_WARNING, "class_capacity", &m);
	}
	return 0;
}

/* The days (bit d) on which a lesson may start; all of its week when it may start nowhere (reported apart). */
static unsigned lesson_days(const sch_school *s, const sch_lesson_def *l)
{
	unsigned days = 0, week = 0;
	for (int d = 0; d < s->n_days; d++) {
		if (d < l->week_days)
			week |= 1u << d;
		for (int p = 0; p < s->n_periods; p++)
			if (sch_slotset_has(&l->legal, sch_slot(s, d, p))) {
				days |= 1u << d;
				break;
			}
	}
	return days ? days : week;
}

/*
 * With subject_once_a_day, the lessons of one subject that a class or group has need
 * as many days. `count` and `days` are scratch arrays over subjects, all 0 on entry and exit.
 */
static int check_subject_days(ctx *c, int ci, int *count, unsigned *days, int *worst, int *worst_days)
{
	const sch_school *s = c->s;
	const sch_class_def *cl = &s->classes[ci];
	int rc = 0;
	for (int a = 0; a < cl->n_atoms; a++) {
		int atom = cl->atom_first + a, lo = s->by_atom.off[atom], hi = s->by_atom.off[atom + 1];
		for (int k = lo; k < hi; k++) {
			const sch_lesson_def *l = &s->lessons[s->by_atom.idx[k]];
			count[l->subject]++;
			days[l->subject] |= lesson_days(s, l);
		}
		for (int k = lo; k < hi; k++) {
			int sub = s->lessons[s->by_atom.idx[k]].subject;
			if (!count[sub])
				continue;
			int nd = __builtin_popcount(days[sub]);
			if (count[sub] - nd > worst[sub] - worst_days[sub] || !worst[sub]) {
				worst[sub] = count[sub];
				worst_days[sub] = nd;
			}
			count[sub] = 0;
			days[sub] = 0;
		}
	}
	int week = cl->week_days < s->n_days ? cl->week_days : s->n_days;
	for (int a = 0; a < cl->n_atoms; a++) {
		int atom = cl->atom_first + a;
		for (int k = s->by_atom.off[atom]; k < s->by_atom.off[atom + 1]; k++) {
			int sub = s->lessons[s->by_atom.idx[k]].subject;
			if (!worst[sub])
				continue;
			if (!rc && worst[sub] > worst_days[sub]) {
				msgbuf m = {{0}, 0};
				msg_add(&m, "class %s: %d lessons of %s a week with at most one a day", cl->id, worst[sub],
					subject_name(s, sub));
				if (worst_days[sub] < week)
					msg_add(&m, ", but they can go on only %d of its %d days (their teachers' unavailable days)",
						worst_days[sub], week);
				else
					msg_add(&m, " on a %d-day week", week);
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "subject_days", &m);
			}
			worst[sub] = 0; /* once per class and subject */
			worst_days[sub] = 0;
		}
	}
	return rc;
}

/* ---------------------------------------------------------------------------------------- */
/* Lessons with no legal start at all, and why. */

static int window_ok(const sch_school *s, const sch_lesson_def *l, int d, int p, int use_forbid, int teacher)
{
	const sch_shift_def *sh = &s->shifts[l->shift];
	const sch_subject_def *sub = &s->subjects[l->subject];
	for (int k = 0; k < l->length; k++) {
		int pos = p + k - sh->first;
		if (use_forbid && pos < 32 && (sub->forbid_periods >> pos) & 1u)
			return 0;
		if (teacher >= 0 && sch_slotset_has(&s->teachers[teacher].unavailable, sch_slot(s, d, p + k)))
			return 0;
	}
	return 1;
}

/* Whether any start in the lesson's week and shift passes the given tests. */
static int any_window(const sch_school *s, const sch_lesson_def *l, int use_forbid, int teacher)
{
	const sch_shift_def *sh = &s->shifts[l->shift];
	for (int d = 0; d < l->week_days && d < s->n_days; d++)
		for (int p = sh->first; p + l->length - 1 <= sh->last && p + l->length - 1 < s->n_periods; p++)
			if (window_ok(s, l, d, p, use_forbid, teacher))
				return 1;
	return 0;
}

static void positions(msgbuf *m, uint32_t mask, int len)
{
	for (int p = 0, first = 1; p < len && p < 32; p++) {
		if (!(mask >> p & 1u))
			continue;
		int q = p;
		while (q + 1 < len && q + 1 < 32 && (mask >> (q + 1) & 1u))
			q++;
		msg_add(m, "%s%d", first ? "" : ",", p + 1);
		if (q > p)
			msg_add(m, "-%d", q + 1);
		first = 0;
		p = q;
	}
}

static int check_legal(ctx *c)
{
	const sch_school *s = c->s;
	for (int i = 0; i < s->n_lines; i++) {
		const sch_line_def *ln = &s->lines[i];
		for (int k = 0; k < ln->n_lessons; k++) {
			const sch_lesson_def *l = &s->lessons[ln->first_lesson + k];
			if (sch_slotset_count(&l->legal))
				continue;
			int known = 0;
			for (int t = 0; t < l->n_teachers && l->shift >= 0; t++)
				if (c->teacher_shift_dead[(size_t)l->teachers[t] * (size_t)s->n_shifts + (size_t)l->shift])
					known = 1;
			if (known) /* the teacher's finding already says it */
				break;
			msgbuf m = {{0}, 0};
			lesson_label(&m, s, l);
			msg_add(&m, ": no slot is allowed for %s", ln->n_lessons > 1 ? "its lessons" : "it");
			if (l->shift < 0 || l->shift >= s->n_shifts) {
				msg_add(&m, ": its class has no shift");
			} else if (l->week_days <= 0) {
				msg_add(&m, ": its class has no school day");
			} else if (l->length > shift_len(&s->shifts[l->shift])) {
				msg_add(&m, ": a block of %d lessons is longer than shift %s (%d periods)", l->length,
					s->shifts[l->shift].id, shift_len(&s->shifts[l->shift]));
			} else if (!any_window(s, l, 1, -1)) {
				int len = shift_len(&s->shifts[l->shift]);
				msg_add(&m, ": %s forbids periods ", subject_name(s, l->subject));
				positions(&m, s->subjects[l->subject].forbid_periods, len);
				msg_add(&m, " of the shift's %d", len);
				if (l->length > 1)
					msg_add(&m, ", leaving no %d periods in a row", l->length);
			} else {
				int named = 0;
				for (int t = 0; t < l->n_teachers; t++) {
					if (any_window(s, l, 0, l->teachers[t]))
						continue;
					sch_slotset grid = shift_grid(s, l->shift, l->week_days);
					msg_add(&m, "%steacher %s is unavailable (", named++ ? "; " : ": ",
						teacher_name(s, l->teachers[t]));
					describe_slots(&m, s, &grid, &s->teachers[l->teachers[t]].unavailable);
					msg_add(&m, ")");
					if (l->length > 1)
						msg_add(&m, ", leaving no %d periods in a row", l->length);
				}
				if (!named) {
					msg_add(&m, ": together, ");
					if (s->subjects[l->subject].forbid_periods) {
						msg_add(&m, "the forbidden periods ");
						positions(&m, s->subjects[l->subject].forbid_periods,
							  shift_len(&s->shifts[l->shift]));
						msg_add(&m, " and ");
					}
					msg_add(&m, "the unavailable slots of ");
					for (int t = 0; t < l->n_teachers; t++)
						msg_add(&m, "%s%s", t ? (t + 1 == l->n_teachers ? " and " : ", ") : "",
							teacher_name(s, l->teachers[t]));
					msg_add(&m, " leave no start");
				}
			}
			int rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "no_legal_slot", &m);
			if (rc)
				return rc;
			break; /* once per line */
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* Rooms of a kind: lessons needing them against rooms x slots of a shift. */

static int check_rooms(ctx *c)
{
	const sch_school *s = c->s;
	int rc = 0;
	for (int kind = 0; kind < s->n_room_kinds && !rc; kind++) {
		int rooms = s->rooms_of_kind[kind];
		if (rooms <= 0) {
			/* subjects asking for a kind the school lacks: the rule is off for them */
			for (int sub = 0; sub < s->n_subjects && !rc; sub++)
				if (s->subjects[sub].room_kind == kind) {
					int used = 0;
					for (int l = 0; l < s->n_lessons && !used; l++)
						used = s->lessons[l].subject == sub;
					if (!used)
						continue;
					msgbuf m = {{0}, 0};
					msg_add(&m, "%s needs a room of kind %s but the school has none: its lessons go in any room",
						subject_name(s, sub), s->room_kinds[kind]);
					rc = add(c->pre, SCH_PRE_INFO, "room_kind_missing", &m);
				}
			continue;
		}
		/* A split lesson needing more rooms at once than exist. */
		for (int i = 0; i < s->n_lines && !rc; i++) {
			const sch_line_def *ln = &s->lines[i];
			if (!ln->n_lessons)
				continue;
			const sch_lesson_def *l = &s->lessons[ln->first_lesson];
			if (l->room_kind == kind && l->rooms_needed > rooms) {
				msgbuf m = {{0}, 0};
				lesson_label(&m, s, l);
				msg_add(&m, ": its %d groups need %d %s rooms at once but the school has %d", l->n_parts,
					l->rooms_needed, s->room_kinds[kind], rooms);
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "room_capacity", &m);
			}
		}
		/* Demand per shift, and for every set of shifts (they may overlap in a mixed shift). */
		int nsh = s->n_shifts < MAX_GROUPS ? s->n_shifts : MAX_GROUPS;
		long demand[MAX_GROUPS] = {0};
		sch_slotset grid[MAX_GROUPS];
		memset(grid, 0, sizeof grid);
		for (int l = 0; l < s->n_lessons; l++) {
			const sch_lesson_def *ls = &s->lessons[l];
			if (ls->room_kind != kind || ls->rooms_needed <= 0 || ls->shift < 0 || ls->shift >= nsh)
				continue;
			demand[ls->shift] += (long)ls->rooms_needed * ls->length;
			grid[ls->shift] = set_or(grid[ls->shift], shift_grid(s, ls->shift, ls->week_days));
		}
		unsigned subsets[1 << MAX_GROUPS], reported[1 << MAX_GROUPS];
		int n_sub = 0, n_rep = 0;
		for (unsigned mk = 1; mk < (1u << nsh); mk++)
			subsets[n_sub++] = mk;
		qsort(subsets, (size_t)n_sub, sizeof *subsets, by_popcount);
		for (int k = 0; k < n_sub && !rc; k++) {
			unsigned mask = subsets[k];
			int skip = 0;
			for (int r = 0; r < n_rep && !skip; r++)
				skip = (reported[r] & mask) == reported[r];
			long d = 0;
			sch_slotset g = {{0, 0}};
			for (int i = 0; i < nsh; i++)
				if (mask >> i & 1u) {
					if (!demand[i])
						skip = 1; /* a smaller subset says the same */
					d += demand[i];
					g = set_or(g, grid[i]);
				}
			if (skip)
				continue;
			long slots = sch_slotset_count(&g), cap = slots * rooms;
			msgbuf m = {{0}, 0};
			msg_add(&m, "%s rooms: %ld lesson-periods a week in shift%s", s->room_kinds[kind], d,
				__builtin_popcount(mask) > 1 ? "s" : "");
			for (int i = 0, j = 0; i < nsh; i++)
				if (mask >> i & 1u)
					msg_add(&m, "%s%s", j++ ? " and " : " ", s->shifts[i].id);
			if (d > cap) {
				reported[n_rep++] = mask;
				msg_add(&m, " but %d room%s × %ld slots = %ld", rooms, rooms > 1 ? "s" : "", slots, cap);
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "room_capacity", &m);
			} else if (__builtin_popcount(mask) == 1) {
				msg_add(&m, " in %d room%s × %ld slots (%d%%)", rooms, rooms > 1 ? "s" : "", slots,
					percent(d, cap));
				rc = add(c->pre, tight(d, cap) ? SCH_PRE_WARNING : SCH_PRE_INFO, "room_capacity", &m);
			}
		}
	}
	return rc;
}

/* ---------------------------------------------------------------------------------------- */
/* Pinned lessons that clash with each other. */

static int share(const int *a, int na, const int *b, int nb, int *which)
{
	for (int i = 0, j = 0; i < na && j < nb;) {
		if (a[i] == b[j]) {
			*which = a[i];
			return 1;
		}
		if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return 0;
}

static int check_pinned(ctx *c)
{
	const sch_school *s = c->s;
	int n_slots = s->n_days * s->n_periods, rc = 0;
	int *head = malloc(sizeof(int) * (size_t)(n_slots + 1));
	int *next = NULL, *who = NULL, n = 0;
	size_t cap = 0;
	if (!head)
		return sch_error_oom();
	for (int i = 0; i < n_slots; i++)
		head[i] = -1;
	for (int l = 0; l < s->n_lessons; l++) {
		const sch_lesson_def *ls = &s->lessons[l];
		if (ls->pinned < 0)
			continue;
		int d = ls->pinned / s->n_periods, p = ls->pinned % s->n_periods;
		for (int k = 0; k < ls->length && p + k < s->n_periods; k++) {
			int slot = sch_slot(s, d, p + k);
			if ((size_t)n == cap) {
				cap = cap ? cap * 2 : 64;
				int *nn = realloc(next, cap * sizeof *nn), *nw = nn ? realloc(who, cap * sizeof *nw) : NULL;
				if (nn)
					next = nn;
				if (nw)
					who = nw;
				if (!nn || !nw) {
					rc = sch_error_oom();
					goto done;
				}
			}
			who[n] = l;
			next[n] = head[slot];
			head[slot] = n++;
		}
	}
	for (int slot = 0; slot < n_slots && !rc; slot++) {
		for (int i = head[slot]; i >= 0 && !rc; i = next[i]) {
			for (int j = next[i]; j >= 0 && !rc; j = next[j]) {
				const sch_lesson_def *a = &s->lessons[who[i]], *b = &s->lessons[who[j]];
				/* report a pair once: at the first slot both cover */
				int first = a->pinned > b->pinned ? a->pinned : b->pinned;
				if (slot != first)
					continue;
				int x, kind = 0;
				if (share(a->teachers, a->n_teachers, b->teachers, b->n_teachers, &x))
					kind = 1;
				else if (share(a->atoms, a->n_atoms, b->atoms, b->n_atoms, &x))
					kind = 2;
				if (!kind)
					continue;
				msgbuf m = {{0}, 0};
				msg_add(&m, "pinned lessons clash at %s %d: ", day_name(s, slot / s->n_periods),
					slot % s->n_periods + 1);
				lesson_label(&m, s, b);
				msg_add(&m, " and ");
				lesson_label(&m, s, a);
				if (kind == 1)
					msg_add(&m, " are both taught by %s", teacher_name(s, x));
				else
					msg_add(&m, " are both for class %s", s->classes[s->atom_class[x]].id);
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "pinned_clash", &m);
			}
		}
		/* rooms of a kind asked for by pinned lessons at one slot */
		for (int kind = 0; kind < s->n_room_kinds && !rc; kind++) {
			int need = 0;
			for (int i = head[slot]; i >= 0; i = next[i])
				if (s->lessons[who[i]].room_kind == kind)
					need += s->lessons[who[i]].rooms_needed;
			if (need > 0 && need > s->rooms_of_kind[kind]) {
				msgbuf m = {{0}, 0};
				msg_add(&m, "pinned lessons at %s %d need %d %s rooms but the school has %d",
					day_name(s, slot / s->n_periods), slot % s->n_periods + 1, need, s->room_kinds[kind],
					s->rooms_of_kind[kind]);
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "pinned_clash", &m);
			}
		}
	}
done:
	free(head);
	free(next);
	free(who);
	return rc;
}

/* ---------------------------------------------------------------------------------------- */
/* Joint lines across shifts, teachers without lessons, and shift summaries. */

static int check_joint(ctx *c)
{
	const sch_school *s = c->s;
	for (int i = 0; i < s->n_lines; i++) {
		const sch_line_def *ln = &s->lines[i];
		for (int k = 1; k < ln->n_classes; k++) {
			const sch_class_def *a = &s->classes[ln->classes[0]], *b = &s->classes[ln->classes[k]];
			if (a->shift == b->shift)
				continue;
			msgbuf m = {{0}, 0};
			msg_add(&m, "joint lesson ");
			for (int j = 0; j < ln->n_classes; j++)
				msg_add(&m, "%s%s", j ? "+" : "", s->classes[ln->classes[j]].id);
			msg_add(&m, " %s", subject_name(s, ln->subject));
			if (ln->line > 0)
				msg_add(&m, " (line %d)", ln->line);
			msg_add(&m, ": class %s is in shift %s but %s in shift %s; the lessons go in shift %s", a->id,
				a->shift >= 0 ? s->shifts[a->shift].id : "?", b->id,
				b->shift >= 0 ? s->shifts[b->shift].id : "?", a->shift >= 0 ? s->shifts[a->shift].id : "?");
			int rc = add(c->pre, SCH_PRE_WARNING, "joint_shifts", &m);
			if (rc)
				return rc;
			break;
		}
	}
	return 0;
}

static int info_summary(ctx *c)
{
	const sch_school *s = c->s;
	sch_precheck *pre = c->pre;
	int rc = 0;
	for (int sh = 0; sh < s->n_shifts && !rc; sh++) {
		int classes = 0, lessons = 0;
		long periods = 0, used = 0, cap = 0;
		for (int ci = 0; ci < s->n_classes; ci++)
			if (s->classes[ci].shift == sh) {
				classes++;
				used += pre->class_load[ci];
				cap += (long)(s->classes[ci].week_days < s->n_days ? s->classes[ci].week_days : s->n_days) *
				       shift_len(&s->shifts[sh]);
			}
		for (int l = 0; l < s->n_lessons; l++)
			if (s->lessons[l].shift == sh) {
				lessons++;
				periods += s->lessons[l].length;
			}
		if (!classes && !lessons)
			continue;
		msgbuf m = {{0}, 0};
		msg_add(&m, "shift %s", s->shifts[sh].id);
		if (s->shifts[sh].name && *s->shifts[sh].name)
			msg_add(&m, " (%s)", s->shifts[sh].name);
		msg_add(&m, ": %d class%s, %d lesson%s (%ld period%s); the classes are busy %ld of %ld class-periods (%d%%)",
			classes, classes == 1 ? "" : "es", lessons, lessons == 1 ? "" : "s", periods, periods == 1 ? "" : "s",
			used, cap, percent(used, cap));
		rc = add(pre, SCH_PRE_INFO, "shift_load", &m);
	}
	for (int t = 0; t < s->n_teachers && !rc; t++)
		if (s->by_teacher.off[t] == s->by_teacher.off[t + 1]) {
			msgbuf m = {{0}, 0};
			msg_add(&m, "teacher %s has no lessons", teacher_name(s, t));
			rc = add(pre, SCH_PRE_INFO, "teacher_idle", &m);
		}
	return rc;
}

/* Impossible first, then warnings, then notes; the order of discovery within a level. */
static void sort_findings(sch_precheck *pre)
{
	/* qsort is not stable: a counting pass by level keeps the discovery order */
	finding *out;
	size_t k = 0;
	if (pre->n < 2)
		return;
	out = malloc(pre->n * sizeof *out);
	if (!out)
		return; /* unsorted but complete */
	for (int level = SCH_PRE_IMPOSSIBLE; level >= SCH_PRE_INFO; level--)
		for (size_t i = 0; i < pre->n; i++)
			if (pre->items[i].pub.level == level)
				out[k++] = pre->items[i];
	for (size_t i = 0; i < pre->n; i++)
		if (pre->items[i].pub.level < SCH_PRE_INFO || pre->items[i].pub.level > SCH_PRE_IMPOSSIBLE)
			out[k++] = pre->items[i];
	memcpy(pre->items, out, pre->n * sizeof *out);
	for (size_t i = 0; i < pre->n; i++)
		pre->items[i].pub.message = pre->items[i].message;
	free(out);
}

/*
 * Hard min_days and min_per_day that a teacher's or atom's load cannot meet: min_days v needs
 * v lessons on v days; min_per_day v needs v periods on each day of the week (or, with
 * empty_days, v on some day).
 */
static int check_constraints(ctx *c)
{
	const sch_school *s = c->s;
	int rc = 0;
	for (int ci = 0; ci < s->n_constraints && !rc; ci++) {
		const sch_constraint *k = &s->constraints[ci];
		if (k->weight != SCH_WEIGHT_HARD || (k->type != SCH_CON_MIN_DAYS && k->type != SCH_CON_MIN_PER_DAY))
			continue;
		int n = k->n_teachers + k->n_atoms;
		for (int i = 0; i < n && !rc; i++) {
			int atom = i >= k->n_teachers, e = atom ? k->atoms[i - k->n_teachers] : k->teachers[i];
			const sch_index *ix = atom ? &s->by_atom : &s->by_teacher;
			long lessons = ix->off[e + 1] - ix->off[e], periods = 0;
			for (int j = ix->off[e]; j < ix->off[e + 1]; j++)
				periods += s->lessons[ix->idx[j]].length;
			int week = s->n_days;
			if (atom && s->classes[s->atom_class[e]].week_days < week)
				week = s->classes[s->atom_class[e]].week_days;
			msgbuf m = {{0}, 0};
			if (atom) {
				const sch_class_def *cl = &s->classes[s->atom_class[e]];
				msg_add(&m, "class %s", cl->id);
				if (cl->n_atoms > 1) {
					msg_add(&m, " (group ");
					atom_groups(&m, cl, e - cl->atom_first);
					msg_add(&m, ")");
				}
			} else {
				msg_add(&m, "teacher %s", teacher_name(s, e));
			}
			msg_add(&m, ": constraint %d (%s%s%s) ", ci + 1, sch_con_type_name(k->type),
				k->source && *k->source ? ", " : "", k->source && *k->source ? k->source : "");
			if (k->type == SCH_CON_MIN_DAYS && lessons < k->value) {
				msg_add(&m, "asks for lessons on at least %d days, but there %s only %ld lesson%s a week", k->value,
					lessons == 1 ? "is" : "are", lessons, lessons == 1 ? "" : "s");
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "constraint_load", &m);
			} else if (k->type == SCH_CON_MIN_DAYS && week < k->value) {
				msg_add(&m, "asks for lessons on at least %d days, but the week has %d", k->value, week);
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "constraint_load", &m);
			} else if (k->type == SCH_CON_MIN_PER_DAY && !(k->flags & SCH_CON_EMPTY_DAYS_OK) &&
				   periods < (long)k->value * week) {
				msg_add(&m, "asks for at least %d lessons on each of %d days (%ld), but there are %ld a week",
					k->value, week, (long)k->value * week, periods);
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "constraint_load", &m);
			} else if (k->type == SCH_CON_MIN_PER_DAY && (k->flags & SCH_CON_EMPTY_DAYS_OK) && periods > 0 &&
				   periods < k->value) {
				msg_add(&m, "asks for at least %d lessons on a day with lessons, but there %s only %ld a week",
					k->value, periods == 1 ? "is" : "are", periods);
				rc = add(c->pre, SCH_PRE_IMPOSSIBLE, "constraint_load", &m);
			}
		}
	}
	return rc;
}

int sch_precheck_run(sch_precheck **out, const sch_school *s)
{
	sch_precheck *pre = NULL;
	ctx c = {0};
	int *count = NULL, *worst = NULL, *worst_days = NULL;
	unsigned *days = NULL;
	int rc = 0;
	if (out)
		*out = NULL;
	if (!out || !s)
		return sch_error_set(SCH_EINVALID, "sch_precheck_run: %s is NULL", out ? "school" : "out");
	if (!s->lessons && s->n_lessons)
		return sch_error_set(SCH_EINVALID, "sch_precheck_run: the school is not finalized");
	pre = calloc(1, sizeof *pre);
	if (!pre)
		return sch_error_oom();
	pre->n_teachers = s->n_teachers;
	pre->n_classes = s->n_classes;
	size_t nt = (size_t)s->n_teachers + 1, nc = (size_t)s->n_classes + 1, ns = (size_t)s->n_subjects + 1;
	pre->teacher_load = calloc(nt, sizeof(int));
	pre->teacher_avail = calloc(nt, sizeof(int));
	pre->teacher_cap = calloc(nt, sizeof(int));
	pre->class_load = calloc(nc, sizeof(int));
	pre->class_cap = calloc(nc, sizeof(int));
	c.s = s;
	c.pre = pre;
	c.mark = calloc(nc, 1);
	c.teacher_shift_dead = calloc(nt * ((size_t)s->n_shifts + 1), 1);
	count = calloc(ns, sizeof(int));
	worst = calloc(ns, sizeof(int));
	worst_days = calloc(ns, sizeof(int));
	days = calloc(ns, sizeof(unsigned));
	c.tun = calloc(nt, sizeof(sch_slotset));
	c.aun = calloc((size_t)s->n_atoms + 1, sizeof(sch_slotset));
	if (!c.tun || !c.aun) {
		rc = sch_error_oom();
		goto done;
	}
	for (int t = 0; t < s->n_teachers; t++)
		c.tun[t] = s->teachers[t].unavailable;
	for (int ci = 0; ci < s->n_constraints; ci++) {
		const sch_constraint *k = &s->constraints[ci];
		if (k->weight != SCH_WEIGHT_HARD || k->type != SCH_CON_UNAVAILABLE)
			continue;
		for (int i = 0; i < k->n_teachers; i++)
			c.tun[k->teachers[i]] = set_or(c.tun[k->teachers[i]], k->slots);
		for (int i = 0; i < k->n_atoms; i++)
			c.aun[k->atoms[i]] = set_or(c.aun[k->atoms[i]], k->slots);
	}
	if (!pre->teacher_load || !pre->teacher_avail || !pre->teacher_cap || !pre->class_load || !pre->class_cap ||
	    !c.mark || !c.teacher_shift_dead || !count || !worst || !worst_days ||
	    !days) {
		rc = sch_error_oom();
		goto done;
	}
	for (int t = 0; t < s->n_teachers && !rc; t++)
		rc = check_teacher(&c, t);
	for (int ci = 0; ci < s->n_classes && !rc; ci++)
		rc = check_class(&c, ci);
	if (!rc && s->rules.subject_once_a_day)
		for (int ci = 0; ci < s->n_classes && !rc; ci++)
			rc = check_subject_days(&c, ci, count, days, worst, worst_days);
	if (!rc)
		rc = check_constraints(&c);
	if (!rc)
		rc = check_blocks(&c);
	if (!rc)
		rc = check_legal(&c);
	if (!rc)
		rc = check_rooms(&c);
	if (!rc)
		rc = check_pinned(&c);
	if (!rc)
		rc = check_joint(&c);
	if (!rc)
		rc = info_summary(&c);
	if (!rc) {
		sort_findings(pre);
		*out = pre;
		pre = NULL;
	}
done:
	free(c.mark);
	free(c.teacher_shift_dead);
	free(c.tun);
	free(c.aun);
	free(count);
	free(worst);
	free(worst_days);
	free(days);
	sch_precheck_free(pre);
	return rc;
}

void sch_precheck_free(sch_precheck *pre)
{
	if (!pre)
		return;
	for (size_t i = 0; i < pre->n; i++)
		free(pre->items[i].message);
	free(pre->items);
	free(pre->teacher_load);
	free(pre->teacher_avail);
	free(pre->teacher_cap);
	free(pre->class_load);
	free(pre->class_cap);
	free(pre);
}

size_t sch_precheck_count(const sch_precheck *pre)
{
	return pre ? pre->n : 0;
}

const sch_precheck_finding *sch_precheck_get(const sch_precheck *pre, size_t i)
{
	return pre && i < pre->n ? &pre->items[i].pub : NULL;
}

int sch_precheck_impossible(const sch_precheck *pre)
{
	return pre ? pre->impossible : 0;
}

int sch_precheck_teacher_load(const sch_precheck *pre, int teacher, int *load, int *available, int *capacity)
{
	if (load)
		*load = 0;
	if (available)
		*available = 0;
	if (capacity)
		*capacity = 0;
	if (!pre || teacher < 0 || teacher >= pre->n_teachers)
		return sch_error_set(SCH_ENOTFOUND, "no teacher %d", teacher);
	if (load)
		*load = pre->teacher_load[teacher];
	if (available)
		*available = pre->teacher_avail[teacher];
	if (capacity)
		*capacity = pre->teacher_cap[teacher];
	return 0;
}

int sch_precheck_class_load(const sch_precheck *pre, int cls, int *load, int *capacity)
{
	if (load)
		*load = 0;
	if (capacity)
		*capacity = 0;
	if (!pre || cls < 0 || cls >= pre->n_classes)
		return sch_error_set(SCH_ENOTFOUND, "no class %d", cls);
	if (load)
		*load = pre->class_load[cls];
	if (capacity)
		*capacity = pre->class_cap[cls];
	return 0;
}
