/* Dated lessons: the active timetable expanded over the school days of the year, with covers, cancellations and swaps; counts and the dated verifier. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_int.h"
#include "error.h"
#include "schedule/school.h"
#include "schedule/timetable.h"

void sch_dated_free(sch_dated *d)
{
	if (!d)
		return;
	free(d->v);
	free(d->date_off);
	free(d->days);
	free(d);
}

size_t sch_dated_count(const sch_dated *d) { return d ? d->n : 0; }
const sch_timetable *sch_dated_timetable(const sch_dated *d) { return d ? d->tt : NULL; }
const sch_calendar *sch_dated_calendar(const sch_dated *d) { return d ? d->cal : NULL; }
const sch_subst *sch_dated_subst(const sch_dated *d) { return d ? d->subst : NULL; }

const sch_dated_lesson *sch_dated_get(const sch_dated *d, size_t i)
{
	return d && i < d->n ? &d->v[i] : NULL;
}

size_t sch_dated_on(const sch_dated *d, sch_date date, size_t *first)
{
	*first = 0;
	if (!d || d->empty || date < d->first || date > d->last)
		return 0;
	size_t k = (size_t)(date - d->first);
	*first = d->date_off[k];
	return d->date_off[k + 1] - d->date_off[k];
}

int sch_dated_given(const sch_dated_lesson *l)
{
	return l && (l->status == SCH_DATED_PLANNED || l->status == SCH_DATED_COVERED);
}

/* Changes ordered by date and lesson, for lookup while expanding. */
typedef struct {
	sch_date date;
	int lesson;
	const sch_day_change *c;
} change_ref;

static int cmp_change_ref(const void *a, const void *b)
{
	const change_ref *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->lesson != y->lesson)
		return x->lesson < y->lesson ? -1 : 1;
	return (x->c->id > y->c->id) - (x->c->id < y->c->id);
}

static int cmp_dated(const void *a, const void *b)
{
	const sch_dated_lesson *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	if (x->lesson != y->lesson)
		return x->lesson < y->lesson ? -1 : 1;
	return (x->part > y->part) - (x->part < y->part);
}

/* Applies the changes of (date, lesson) to the entries of one part. */
static void apply_changes(sch_dated_lesson *e, const change_ref *refs, size_t n_refs)
{
	size_t lo = 0, hi = n_refs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (refs[mid].date < e->date || (refs[mid].date == e->date && refs[mid].lesson < e->lesson))
			lo = mid + 1;
		else
			hi = mid;
	}
	int cancelled = 0;
	for (size_t i = lo; i < n_refs && refs[i].date == e->date && refs[i].lesson == e->lesson; i++) {
		const sch_day_change *c = refs[i].c;
		switch (c->kind) {
		case SCH_CHANGE_MOVE:
			e->period = c->period;
			e->moved = 1;
			if (!e->change)
				e->change = c->id;
			break;
		case SCH_CHANGE_CANCEL:
			cancelled = c->id ? c->id : -1;
			break;
		case SCH_CHANGE_COVER:
			if (c->part == e->part && !cancelled) {
				e->teacher = c->teacher;
				e->status = SCH_DATED_COVERED;
				e->change = c->id;
			}
			break;
		default:
			break;
		}
	}
	if (cancelled) {
		e->status = SCH_DATED_CANCELLED;
		e->teacher = e->own_teacher;
		e->change = cancelled > 0 ? cancelled : 0;
	}
}

int sch_dated_new(sch_dated **out, const sch_timetable *tt, const sch_calendar *cal, const sch_subst *subst,
		  sch_date first, sch_date last)
{
	sch_dated *d = NULL;
	int *by_day = NULL, *day_off = NULL, *open = NULL;
	change_ref *refs = NULL;
	size_t n_refs = 0, cap = 0;
	int rc = 0;
	if (!out || !tt || !cal)
		return sch_error_set(SCH_EINVALID, "sch_dated_new: NULL argument");
	*out = NULL;
	const sch_school *s = sch_timetable_school(tt);
	if (subst && subst->school != s)
		return sch_error_set(SCH_EINVALID, "sch_dated_new: the changes were loaded for another school");
	if (first == SCH_DATE_NONE || last == SCH_DATE_NONE)
		return sch_error_set(SCH_EINVALID, "sch_dated_new: no date range");
	if (!(d = calloc(1, sizeof *d)))
		return sch_error_oom();
	d->tt = tt;
	d->s = s;
	d->cal = cal;
	d->subst = subst;
	d->first = first < cal->first ? cal->first : first;
	d->last = last > cal->last ? cal->last : last;
	if (d->first > d->last) {
		d->empty = 1;
		*out = d;
		return 0;
	}
	size_t n_dates = (size_t)(d->last - d->first + 1);
	if ((rc = sch_calendar__days(cal, d->first, d->last, &d->days)))
		goto fail;
	/* Placed lessons by school day. */
	by_day = malloc(sizeof *by_day * ((size_t)s->n_lessons + 1));
	day_off = calloc((size_t)s->n_days + 2, sizeof *day_off);
	open = malloc(sizeof *open * ((size_t)s->n_classes + 1));
	d->date_off = calloc(n_dates + 1, sizeof *d->date_off);
	if (!by_day || !day_off || !open || !d->date_off) {
		rc = sch_error_oom();
		goto fail;
	}
	for (int l = 0; l < s->n_lessons; l++) {
		int dd, p;
		if (sch_timetable_get(tt, l, &dd, &p) == 0 && dd >= 0 && dd < s->n_days)
			day_off[dd + 1]++;
	}
	for (int k = 0; k < s->n_days; k++)
		day_off[k + 1] += day_off[k];
	{
		int *fill = calloc((size_t)s->n_days + 1, sizeof *fill);
		if (!fill) {
			rc = sch_error_oom();
			goto fail;
		}
		for (int l = 0; l < s->n_lessons; l++) {
			int dd, p;
			if (sch_timetable_get(tt, l, &dd, &p) == 0 && dd >= 0 && dd < s->n_days)
				by_day[day_off[dd] + fill[dd]++] = l;
		}
		free(fill);
	}
	/* The changes inside the range, by date and lesson. */
	for (size_t i = 0; subst && i < subst->n_ch; i++) {
		const sch_day_change *c = &subst->ch[i];
		if (c->lesson < 0 || c->lesson >= s->n_lessons || c->date < d->first || c->date > d->last)
			continue;
		if (n_refs == cap) {
			cap = cap ? cap * 2 : 64;
			change_ref *nr = realloc(refs, cap * sizeof *nr);
			if (!nr) {
				rc = sch_error_oom();
				goto fail;
			}
			refs = nr;
		}
		refs[n_refs++] = (change_ref){c->date, c->lesson, c};
	}
	if (n_refs)
		qsort(refs, n_refs, sizeof *refs, cmp_change_ref);

	/* Two passes: count, then fill. */
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0;
		for (size_t k = 0; k < n_dates; k++) {
			const sch_cal_day *cd = &d->days[k];
			sch_date date = d->first + (sch_date)k;
			int day = -1;
			for (int c = 0; c < s->n_classes; c++) {
				int cday;
				open[c] = sch_calendar__class_open(s, c, cd, &cday);
				if (open[c])
					day = cday;
			}
			if (pass == 1)
				d->date_off[k] = n;
			if (day < 0)
				continue;
			for (int i = day_off[day]; i < day_off[day + 1]; i++) {
				int l = by_day[i], held = 1, dd, p;
				const sch_lesson_def *ls = &s->lessons[l];
				for (int c = 0; c < ls->n_classes && held; c++)
					held = open[ls->classes[c]];
				if (!held)
					continue;
				if (pass == 0) {
					n += (size_t)ls->n_parts;
					continue;
				}
				sch_timetable_get(tt, l, &dd, &p);
				for (int part = 0; part < ls->n_parts; part++) {
					sch_dated_lesson *e = &d->v[n++];
					int room = sch_timetable_room(tt, l, part);
					if (room < 0 && part == 0 && ls->line >= 0 && s->lines[ls->line].room >= 0)
						room = s->lines[ls->line].room;
					*e = (sch_dated_lesson){.date = date,
								.lesson = l,
								.part = part,
								.day = day,
								.period = p,
								.length = ls->length,
								.teacher = ls->parts[part].teacher,
								.own_teacher = ls->parts[part].teacher,
								.room = room,
								.quarter = cd->quarter,
								.status = SCH_DATED_PLANNED};
					if (n_refs)
						apply_changes(e, refs, n_refs);
					if (e->status == SCH_DATED_PLANNED && e->own_teacher >= 0 &&
					    sch_subst_absent(subst, e->own_teacher, date))
						e->status = SCH_DATED_UNCOVERED;
				}
			}
		}
		if (pass == 0) {
			d->v = calloc(n + 1, sizeof *d->v);
			if (!d->v) {
				rc = sch_error_oom();
				goto fail;
			}
		} else {
			d->n = n;
			d->date_off[n_dates] = n;
		}
	}
	/* By bell within a date (moves change the timetable's order too). */
	for (size_t k = 0; k < n_dates; k++)
		qsort(d->v + d->date_off[k], d->date_off[k + 1] - d->date_off[k], sizeof *d->v, cmp_dated);
	*out = d;
	d = NULL;
fail:
	sch_dated_free(d);
	free(by_day);
	free(day_off);
	free(open);
	free(refs);
	return rc;
}

/* ---- Counts ---- */

/* Whether entry i is the first given part of its lesson on its date (parts of a lesson are adjacent). */
static int first_given_part(const sch_dated *d, size_t i)
{
	const sch_dated_lesson *e = &d->v[i];
	if (!sch_dated_given(e))
		return 0;
	for (size_t j = i; j-- > 0;) {
		const sch_dated_lesson *f = &d->v[j];
		if (f->date != e->date || f->lesson != e->lesson)
			break;
		if (sch_dated_given(f))
			return 0;
	}
	return 1;
}

int sch_dated_class_counts(int **counts, const sch_dated *d)
{
	if (!counts || !d)
		return sch_error_set(SCH_EINVALID, "sch_dated_class_counts: NULL argument");
	const sch_school *s = d->s;
	int *c = calloc((size_t)s->n_classes * 5 + 1, sizeof *c);
	if (!c)
		return sch_error_oom();
	for (size_t i = 0; i < d->n; i++) {
		if (!first_given_part(d, i))
			continue;
		const sch_dated_lesson *e = &d->v[i];
		const sch_lesson_def *l = &s->lessons[e->lesson];
		for (int k = 0; k < l->n_classes; k++) {
			c[l->classes[k] * 5] += e->length;
			c[l->classes[k] * 5 + e->quarter] += e->length;
		}
	}
	*counts = c;
	return 0;
}

int sch_dated_lines(sch_dated_line_report **rows_out, size_t *n_out, const sch_dated *d)
{
	if (!rows_out || !n_out || !d)
		return sch_error_set(SCH_EINVALID, "sch_dated_lines: NULL argument");
	*rows_out = NULL;
	*n_out = 0;
	const sch_school *s = d->s;
	size_t n = 0;
	for (int ln = 0; ln < s->n_lines; ln++)
		n += (size_t)s->lines[ln].n_classes;
	sch_dated_line_report *rows = calloc(n + 1, sizeof *rows);
	int *line_first = calloc((size_t)s->n_lines + 1, sizeof *line_first); /* (line, k) -> row_at[line_first[line] + k] */
	int *row_at = calloc(n + 1, sizeof *row_at);
	int *days = calloc((size_t)s->n_classes * 5 + 1, sizeof *days);
	if (!rows || !line_first || !row_at || !days) {
		free(rows);
		free(line_first);
		free(row_at);
		free(days);
		return sch_error_oom();
	}
	for (int ln = 0; ln < s->n_lines; ln++)
		line_first[ln + 1] = line_first[ln] + s->lines[ln].n_classes;
	/* Rows in class order, then line order. */
	size_t r = 0;
	for (int c = 0; c < s->n_classes; c++)
		for (int ln = 0; ln < s->n_lines; ln++)
			for (int k = 0; k < s->lines[ln].n_classes; k++)
				if (s->lines[ln].classes[k] == c) {
					rows[r].line = ln;
					rows[r].cls = c;
					rows[r].per_week = s->lines[ln].per_week;
					row_at[line_first[ln] + k] = (int)r++;
				}
	/* School days of each class per quarter, over the whole range of d. */
	for (size_t k = 0; !d->empty && k < (size_t)(d->last - d->first + 1); k++)
		for (int c = 0; c < s->n_classes; c++) {
			int day;
			if (sch_calendar__class_open(s, c, &d->days[k], &day)) {
				days[c * 5]++;
				days[c * 5 + d->days[k].quarter]++;
			}
		}
	for (size_t i = 0; i < d->n; i++) {
		if (!first_given_part(d, i))
			continue;
		const sch_dated_lesson *e = &d->v[i];
		int ln = s->lessons[e->lesson].line;
		for (int k = line_first[ln]; k < line_first[ln + 1]; k++) {
			rows[row_at[k]].given[0] += e->length;
			rows[row_at[k]].given[e->quarter] += e->length;
		}
	}
	for (size_t j = 0; j < n; j++) {
		const sch_class_def *cl = &s->classes[rows[j].cls];
		int week = cl->week_days > 0 && cl->week_days <= s->n_days ? cl->week_days : s->n_days;
		for (int q = 0; q < 5; q++) {
			rows[j].weeks[q] = (double)days[rows[j].cls * 5 + q] / week;
			rows[j].planned[q] = (int)floor(rows[j].per_week * rows[j].weeks[q] + 0.5);
		}
		int norm = sch_calendar_norm_weeks(d->cal, cl->grade);
		if (norm > 0)
			rows[j].planned[0] = rows[j].per_week * norm;
	}
	free(line_first);
	free(row_at);
	free(days);
	*rows_out = rows;
	*n_out = n;
	return 0;
}

/* ---- The dated verifier ---- */

typedef struct {
	sch_dv_finding *v;
	size_t n, cap;
	int oom;
} findings;

static void finding(findings *f, int kind, sch_date date, int period, int entity, long a, long b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 8, 9)))
#endif
	;

static void finding(findings *f, int kind, sch_date date, int period, int entity, long a, long b, const char *fmt, ...)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		sch_dv_finding *nv = realloc(f->v, cap * sizeof *nv);
		if (!nv) {
			f->oom = 1;
			return;
		}
		f->v = nv;
		f->cap = cap;
	}
	sch_dv_finding *x = &f->v[f->n++];
	x->kind = kind;
	x->date = date;
	x->period = period;
	x->entity = entity;
	x->a = (int)a;
	x->b = (int)b;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->message, sizeof x->message, fmt, ap);
	va_end(ap);
}

/* "5А математика" for messages. */
static const char *what(const sch_dated *d, const sch_dated_lesson *e, char *buf, size_t n)
{
	const sch_lesson_def *l = &d->s->lessons[e->lesson];
	size_t k = 0;
	buf[0] = '\0';
	for (int c = 0; c < l->n_classes && k < n; c++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", c ? "+" : "", d->s->classes[l->classes[c]].id);
	if (k < n)
		snprintf(buf + k, n - k, " %s", sch_school_subject_name(d->s, l->subject, "ru"));
	return buf;
}

int sch_dated_verify(sch_dv_finding **out, size_t *n_out, const sch_dated *d)
{
	if (!out || !n_out || !d)
		return sch_error_set(SCH_EINVALID, "sch_dated_verify: NULL argument");
	*out = NULL;
	*n_out = 0;
	const sch_school *s = d->s;
	int np = s->n_periods;
	/* Who holds each (teacher | atom | room, bell) on the current date: a dated lesson index + 1, 0 free. */
	size_t nt = (size_t)s->n_teachers * (size_t)np, na = (size_t)s->n_atoms * (size_t)np,
	       nr = (size_t)s->n_rooms * (size_t)np;
	long *held = calloc(nt + na + nr + 1, sizeof *held);
	/* A class's clash at a bell is told once, however many of its groups meet there. */
	unsigned char *told = calloc((size_t)s->n_classes * (size_t)np + 1, 1);
	findings f = {0};
	if (!held || !told) {
		free(held);
		free(told);
		return sch_error_oom();
	}
	long *th = held, *ah = held + nt, *rh = held + nt + na;
	char ab[96], bb[96], date_s[16];
	for (size_t i0 = 0; i0 < d->n;) {
		sch_date date = d->v[i0].date;
		size_t i1 = i0;
		while (i1 < d->n && d->v[i1].date == date)
			i1++;
		sch_date_iso(date, date_s);
		for (size_t i = i0; i < i1; i++) {
			const sch_dated_lesson *e = &d->v[i];
			if (e->status == SCH_DATED_CANCELLED)
				continue;
			const sch_part_def *part = &s->lessons[e->lesson].parts[e->part];
			if (e->period + e->length > np)
				finding(&f, SCH_DV_OUTSIDE_DAY, date, e->period, -1, (long)i, -1,
					"%s: %s at bell %d runs past the last bell", date_s, what(d, e, ab, sizeof ab),
					e->period + 1);
			if (e->status == SCH_DATED_COVERED && sch_subst_absent(d->subst, e->teacher, date))
				finding(&f, SCH_DV_ABSENT, date, e->period, e->teacher, (long)i, -1,
					"%s: %s covers %s at bell %d while absent", date_s,
					sch_school_teacher_name(s, e->teacher), what(d, e, ab, sizeof ab), e->period + 1);
			for (int p = e->period; p < e->period + e->length && p < np; p++) {
				if (p < 0)
					continue;
				if (e->teacher >= 0 && e->status != SCH_DATED_UNCOVERED) {
					long *h = &th[(size_t)e->teacher * (size_t)np + (size_t)p];
					if (*h)
						finding(&f, SCH_DV_TEACHER_CLASH, date, p, e->teacher, *h - 1, (long)i,
							"%s: teacher %s has two lessons at bell %d (%s; %s)", date_s,
							sch_school_teacher_name(s, e->teacher), p + 1,
							what(d, &d->v[*h - 1], ab, sizeof ab), what(d, e, bb, sizeof bb));
					else
						*h = (long)i + 1;
				}
				for (int a = 0; a < part->n_atoms; a++) {
					long *h = &ah[(size_t)part->atoms[a] * (size_t)np + (size_t)p];
					if (*h && (d->v[*h - 1].lesson != e->lesson)) {
						int cls = s->atom_class[part->atoms[a]];
						if (!told[(size_t)cls * (size_t)np + (size_t)p]++)
							finding(&f, SCH_DV_CLASS_CLASH, date, p, cls, *h - 1, (long)i,
								"%s: class %s has two lessons at bell %d (%s; %s)", date_s,
								s->classes[cls].id, p + 1, what(d, &d->v[*h - 1], ab, sizeof ab),
								what(d, e, bb, sizeof bb));
						break; /* one finding per part and bell */
					}
					*h = (long)i + 1;
				}
				if (e->room >= 0) {
					long *h = &rh[(size_t)e->room * (size_t)np + (size_t)p];
					if (*h && d->v[*h - 1].lesson != e->lesson)
						finding(&f, SCH_DV_ROOM_CLASH, date, p, e->room, *h - 1, (long)i,
							"%s: room %s has two lessons at bell %d (%s; %s)", date_s,
							s->rooms[e->room].id, p + 1, what(d, &d->v[*h - 1], ab, sizeof ab),
							what(d, e, bb, sizeof bb));
					else
						*h = (long)i + 1;
				}
			}
		}
		/* Clear what this date held. */
		for (size_t i = i0; i < i1; i++) {
			const sch_dated_lesson *e = &d->v[i];
			const sch_part_def *part = &s->lessons[e->lesson].parts[e->part];
			for (int p = e->period; p < e->period + e->length && p < np; p++) {
				if (p < 0)
					continue;
				if (e->teacher >= 0)
					th[(size_t)e->teacher * (size_t)np + (size_t)p] = 0;
				for (int a = 0; a < part->n_atoms; a++)
					ah[(size_t)part->atoms[a] * (size_t)np + (size_t)p] = 0;
				if (e->room >= 0)
					rh[(size_t)e->room * (size_t)np + (size_t)p] = 0;
			}
			for (int k = 0; k < s->lessons[e->lesson].n_classes; k++)
				for (int p = 0; p < np; p++)
					told[(size_t)s->lessons[e->lesson].classes[k] * (size_t)np + (size_t)p] = 0;
		}
		i0 = i1;
	}
	free(held);
	free(told);
	if (f.oom) {
		free(f.v);
		return sch_error_oom();
	}
	*out = f.v;
	*n_out = f.n;
	return 0;
}
