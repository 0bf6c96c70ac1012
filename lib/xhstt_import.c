/* An XHSTT instance as a school of the model: times, resources, events split into lessons, constraints. */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schedule/diag.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "xhstt_int.h"

/* Partitions of an event's duration tried when choosing its split; beyond this the event is refused. */
#define MAX_PARTITIONS 200000

/* What a resource type stands for in the model. */
enum { R_UNKNOWN = 0, R_TEACHER, R_CLASS, R_ROOM };

/* Constraint types that could not be mapped, counted for one summary line each. */
typedef struct {
	const char *type;
	const char *why;
	int count;
	char ids[160];
	int line;
} unmapped;

typedef struct {
	const sch_xhstt *x;
	const sch_xhstt_import_options *o;
	sch_diags *diags;
	sch_school *s;
	int *time_slot;   /* [time] -> slot */
	int *rtype_role;  /* [resource type] -> R_* */
	int *res_index;   /* [resource] -> teacher, class or room index, -1 */
	int *res_role;    /* [resource] -> R_* */
	int *ev_first;    /* [event] -> its first line */
	int *ev_nlines;   /* [event] -> its number of lines */
	int **ev_split;   /* [event] -> lengths, non-increasing */
	int *ev_nsplit;
	int *day_groups;  /* [day] -> its Day time group, -1 when days come from elsewhere */
	sch_constraint *cons;
	int ncons, capcons;
	unmapped un[24];
	int nun;
	const xh_split *given;        /* splits to use as they are, NULL: choose them */
	int64_t split_inf, split_obj; /* the constant cost of the fixed splits */
	int errors;
} imp;

static void diag(imp *m, int severity, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void diag(imp *m, int severity, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (severity == SCH_DIAG_ERROR && !m->errors++) {
		if (line > 0)
			sch_error_set(SCH_EINVALID, "%s:%d: %s", m->x->path, line, msg);
		else /* about the instance as a whole */
			sch_error_set(SCH_EINVALID, "%s: %s", m->x->path, msg);
	}
	sch_diags_add(m->diags, severity, m->x->path, line, 0, "%s", msg);
}

/* Notes a constraint (or part of one) that the model cannot hold; summarised per type and reason. */
static void not_mapped(imp *m, const xh_constraint *k, const char *why)
{
	unmapped *u = NULL;
	for (int i = 0; i < m->nun; i++)
		if (strcmp(m->un[i].type, k->type) == 0 && strcmp(m->un[i].why, why) == 0)
			u = &m->un[i];
	if (!u) {
		if (m->nun == (int)(sizeof m->un / sizeof m->un[0]))
			u = &m->un[m->nun - 1];
		else
			u = &m->un[m->nun++];
		if (!u->type) {
			u->type = k->type;
			u->why = why;
			u->line = k->line;
		}
	}
	size_t n = strlen(u->ids);
	if (u->count < 4 && n + strlen(k->id) + 3 < sizeof u->ids)
		snprintf(u->ids + n, sizeof u->ids - n, "%s%s", n ? ", " : "", k->id);
	else if (u->count == 4 && n + 5 < sizeof u->ids)
		snprintf(u->ids + n, sizeof u->ids - n, ", ...");
	u->count++;
}

/* ---- times ---- */

static int lower_has(const char *s, const char *word)
{
	char buf[128];
	size_t i = 0;
	for (; s && s[i] && i + 1 < sizeof buf; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[i] = 0;
	return strstr(buf, word) != NULL;
}

/* The day code a Day's name or id suggests ("Mo", "Monday", "gr_Tu", "Пн"), or -1. */
static int guess_day_code(const char *name)
{
	static const char *const en[7] = {"mo", "tu", "we", "th", "fr", "sa", "su"};
	if (!name)
		return -1;
	int code = sch_day_parse(name);
	if (code >= 0)
		return code;
	const char *p = strrchr(name, '_');
	p = p ? p + 1 : name;
	if ((code = sch_day_parse(p)) >= 0)
		return code;
	for (int d = 0; d < 7; d++)
		if (tolower((unsigned char)p[0]) == en[d][0] && tolower((unsigned char)p[1]) == en[d][1])
			return d;
	return -1;
}

int sch_xhstt__time_grid(const sch_xhstt *x, int *time_slot, int *day_groups, int *n_days, int *n_periods,
			 char *why, size_t whyn)
{
	int nd = 0, maxp = 0, rc = SCH_EINVALID;
	int count[SCH_MAX_DAYS + 1] = {0}, groups[SCH_MAX_DAYS + 1], ng = 0;
	int *day_of = malloc(((size_t)x->ntimes + 1) * sizeof(int));
	if (!day_of)
		return sch_error_oom();
	for (int t = 0; t < x->ntimes; t++)
		day_of[t] = -1;
	if (x->ntimes == 0) {
		snprintf(why, whyn, "instance \"%s\" has no times", x->id);
		goto done;
	}
	for (int g = 0; g < x->ntgroups; g++) {
		if (x->tgroups[g].kind != XH_TG_DAY || x->tgroups[g].members.n == 0)
			continue;
		if (ng == SCH_MAX_DAYS) {
			snprintf(why, whyn, "instance \"%s\" has more than %d days", x->id, SCH_MAX_DAYS);
			goto done;
		}
		groups[ng++] = g;
	}
	/* Insertion sort by first time: the days in the order of the cycle. */
	for (int i = 1; i < ng; i++)
		for (int j = i; j > 0 && x->tgroups[groups[j - 1]].members.v[0] > x->tgroups[groups[j]].members.v[0]; j--) {
			int t = groups[j];
			groups[j] = groups[j - 1];
			groups[j - 1] = t;
		}
	if (ng == 0) {
		/* No days: the whole cycle is one day. */
		for (int t = 0; t < x->ntimes; t++)
			day_of[t] = 0;
		nd = 1;
		day_groups[0] = -1;
	} else {
		for (int i = 0; i < ng; i++) {
			const xh_group *g = &x->tgroups[groups[i]];
			day_groups[i] = groups[i];
			for (int j = 0; j < g->members.n; j++) {
				int t = g->members.v[j];
				if (day_of[t] >= 0) {
					snprintf(why, whyn, "time \"%s\" is in two days (\"%s\" and \"%s\")", x->times[t].id,
						 x->tgroups[groups[day_of[t]]].id, g->id);
					goto done;
				}
				day_of[t] = i;
			}
		}
		nd = ng;
		for (int t = 0; t < x->ntimes; t++)
			if (day_of[t] < 0) {
				snprintf(why, whyn, "time \"%s\" belongs to no Day", x->times[t].id);
				goto done;
			}
	}
	for (int t = 0; t < x->ntimes; t++) {
		int p = count[day_of[t]]++;
		time_slot[t] = p; /* the period for now */
		if (p + 1 > maxp)
			maxp = p + 1;
	}
	if (maxp > SCH_MAX_PERIODS || nd * maxp > SCH_MAX_SLOTS) {
		snprintf(why, whyn, "instance \"%s\": %d days of up to %d times do not fit the model (%d periods a day, %d slots at most)",
			 x->id, nd, maxp, SCH_MAX_PERIODS, SCH_MAX_SLOTS);
		goto done;
	}
	for (int d = 0; d < nd; d++)
		if (count[d] != maxp) {
			snprintf(why, whyn, "instance \"%s\": day \"%s\" has %d times, another %d: days of different lengths are not supported",
				 x->id, day_groups[d] >= 0 ? x->tgroups[day_groups[d]].id : "?", count[d], maxp);
			goto done;
		}
	for (int t = 0; t < x->ntimes; t++)
		time_slot[t] = day_of[t] * maxp + time_slot[t];
	*n_days = nd;
	*n_periods = maxp;
	rc = 0;
done:
	free(day_of);
	return rc;
}

/* Days and periods of the school from the instance's times. */
static int map_times(imp *m)
{
	const sch_xhstt *x = m->x;
	sch_school *s = m->s;
	char why[400];
	int nd, maxp, rc;
	if (!(m->time_slot = calloc((size_t)x->ntimes + 1, sizeof(int))) ||
	    !(m->day_groups = calloc(SCH_MAX_DAYS + 1, sizeof(int))))
		return sch_error_oom();
	if ((rc = sch_xhstt__time_grid(x, m->time_slot, m->day_groups, &nd, &maxp, why, sizeof why)) < 0) {
		if (rc == SCH_EINVALID)
			diag(m, SCH_DIAG_ERROR, 0, "%s", why);
		return rc;
	}
	s->n_days = nd;
	s->n_periods = maxp;
	/* Day codes from the names when they all read as distinct, increasing days; else Monday on. */
	int ok = 1, prev = -1;
	for (int d = 0; d < nd && ok; d++) {
		int c = -1;
		if (m->day_groups[d] >= 0) {
			c = guess_day_code(x->tgroups[m->day_groups[d]].name);
			if (c < 0)
				c = guess_day_code(x->tgroups[m->day_groups[d]].id);
		}
		if (c <= prev)
			ok = 0;
		s->day_codes[d] = c;
		prev = c;
	}
	for (int d = 0; d < nd && !ok; d++)
		s->day_codes[d] = d;
	/* XHSTT times have no clock: 45-minute lessons from 08:00 with 5-minute breaks. */
	for (int p = 0; p < maxp; p++) {
		s->bells[p].start_min = 8 * 60 + p * 50;
		s->bells[p].end_min = s->bells[p].start_min + 45;
	}
	return 0;
}

/* The time group as a day index when it holds exactly one day's times, else -1. */
static int group_day(const imp *m, int g)
{
	const sch_xhstt *x = m->x;
	const xh_ints *mem = &x->tgroups[g].members;
	if (mem->n != m->s->n_periods)
		return -1;
	int d = m->time_slot[mem->v[0]] / m->s->n_periods;
	for (int j = 0; j < mem->n; j++)
		if (m->time_slot[mem->v[j]] / m->s->n_periods != d)
			return -1;
	return d;
}

/* ---- resources ---- */

static int map_resources(imp *m)
{
	const sch_xhstt *x = m->x;
	sch_school *s = m->s;
	if (!(m->rtype_role = calloc((size_t)x->nrtypes + 1, sizeof(int))) ||
	    !(m->res_index = calloc((size_t)x->nresources + 1, sizeof(int))) ||
	    !(m->res_role = calloc((size_t)x->nresources + 1, sizeof(int))))
		return sch_error_oom();
	for (int t = 0; t < x->nrtypes; t++) {
		const char *names[2] = {x->rtypes[t].id, x->rtypes[t].name};
		for (int k = 0; k < 2 && !m->rtype_role[t]; k++) {
			if (lower_has(names[k], "teacher"))
				m->rtype_role[t] = R_TEACHER;
			else if (lower_has(names[k], "room"))
				m->rtype_role[t] = R_ROOM;
			else if (lower_has(names[k], "class") || lower_has(names[k], "student") ||
				 lower_has(names[k], "group") || lower_has(names[k], "form") || lower_has(names[k], "pupil"))
				m->rtype_role[t] = R_CLASS;
		}
	}
	int nt = 0, nc = 0, nr = 0;
	for (int r = 0; r < x->nresources; r++) {
		int t = x->resources[r].kind;
		m->res_role[r] = t >= 0 ? m->rtype_role[t] : R_UNKNOWN;
		nt += m->res_role[r] == R_TEACHER;
		nc += m->res_role[r] == R_CLASS;
		nr += m->res_role[r] == R_ROOM;
	}
	s->teachers = sch_school_alloc(s, sizeof(sch_teacher_def) * (size_t)(nt + 1));
	s->classes = sch_school_alloc(s, sizeof(sch_class_def) * (size_t)(nc + 1));
	s->rooms = sch_school_alloc(s, sizeof(sch_room_def) * (size_t)(nr + 1));
	if (!s->teachers || !s->classes || !s->rooms)
		return sch_error_oom();
	for (int r = 0; r < x->nresources; r++) {
		const xh_named *res = &x->resources[r];
		m->res_index[r] = -1;
		switch (m->res_role[r]) {
		case R_TEACHER: {
			sch_teacher_def *t = &s->teachers[s->n_teachers];
			t->id = sch_school_strdup(s, res->id);
			t->name = sch_school_strdup(s, res->name && *res->name ? res->name : res->id);
			t->methodical_day = -1;
			if (!t->id || !t->name)
				return sch_error_oom();
			m->res_index[r] = s->n_teachers++;
			break;
		}
		case R_CLASS: {
			sch_class_def *c = &s->classes[s->n_classes];
			c->id = sch_school_strdup(s, res->id);
			if (!c->id)
				return sch_error_oom();
			/* The grade is a guess: the first number of the name or id when it is 1-11, else 5. */
			c->grade = 5;
			const char *names[2] = {res->name, res->id};
			for (int k = 0; k < 2; k++) {
				const char *p = names[k];
				while (p && *p && !isdigit((unsigned char)*p))
					p++;
				if (p && *p) {
					long g = strtol(p, NULL, 10);
					if (g >= 1 && g <= 11) {
						c->grade = (int)g;
						break;
					}
				}
			}
			c->shift = 0;
			c->week_days = s->n_days;
			c->max_per_day = s->n_periods;
			m->res_index[r] = s->n_classes++;
			break;
		}
		case R_ROOM: {
			sch_room_def *rm = &s->rooms[s->n_rooms];
			rm->id = sch_school_strdup(s, res->id);
			rm->kind = -1;
			if (!rm->id)
				return sch_error_oom();
			m->res_index[r] = s->n_rooms++;
			break;
		}
		default:
			break;
		}
	}
	s->shifts = sch_school_alloc(s, sizeof(sch_shift_def));
	if (!s->shifts || !(s->shifts[0].id = sch_school_strdup(s, "1")) ||
	    !(s->shifts[0].name = sch_school_strdup(s, "1")))
		return sch_error_oom();
	s->shifts[0].first = 0;
	s->shifts[0].last = s->n_periods - 1;
	s->n_shifts = 1;
	return 0;
}

/* ---- splits ---- */

static int64_t apply_fn(xh_costfn fn, int weight, int64_t dev)
{
	return fn == XH_QUADRATIC ? (int64_t)weight * dev * dev : fn == XH_STEP ? (dev > 0 ? weight : 0) : (int64_t)weight * dev;
}

static int64_t outside(int64_t v, int min, int max)
{
	return v < min ? min - v : v > max ? v - max : 0;
}

static int has_point(const xh_ints *l, int v)
{
	int lo = 0, hi = l->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (l->v[mid] == v)
			return 1;
		if (l->v[mid] < v)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

void sch_xhstt__split_cost(const sch_xhstt *x, int e, const int *parts, int n, int64_t *inf, int64_t *obj)
{
	*inf = *obj = 0;
	for (int c = 0; c < x->nconstraints; c++) {
		const xh_constraint *k = &x->constraints[c];
		int64_t d = 0;
		if ((k->kind != XH_SPLIT_EVENTS && k->kind != XH_DISTRIBUTE_SPLIT) || !has_point(&k->points, e))
			continue;
		if (k->kind == XH_SPLIT_EVENTS) {
			for (int i = 0; i < n; i++)
				d += parts[i] < k->min_dur || parts[i] > k->max_dur;
			d += outside(n, k->min_amount, k->max_amount);
		} else {
			int64_t cnt = 0;
			for (int i = 0; i < n; i++)
				cnt += parts[i] == k->duration;
			d = outside(cnt, k->min, k->max);
		}
		*(k->required ? inf : obj) += apply_fn(k->fn, k->weight, d);
	}
}

typedef struct {
	const imp *m;
	int e;
	int cur[64], ncur;
	int best[64], nbest;
	int64_t binf, bobj;
	int bused;
	long visited;
} split_search;

/* How many embedded solutions split event e exactly into parts (non-increasing). */
static int solutions_using(const sch_xhstt *x, int e, const int *parts, int n)
{
	int uses = 0;
	for (int si = 0; si < x->nsolutions; si++) {
		const xh_solution *sol = &x->solutions[si];
		int got[64], ng = 0, ok = 1;
		for (int i = 0; i < sol->nsubs && ok; i++)
			if (sol->subs[i].event == e) {
				if (ng == 64)
					ok = 0;
				else
					got[ng++] = sol->subs[i].duration;
			}
		if (!ok || ng != n)
			continue;
		for (int i = 1; i < ng; i++)
			for (int j = i; j > 0 && got[j - 1] < got[j]; j--) {
				int t = got[j];
				got[j] = got[j - 1];
				got[j - 1] = t;
			}
		if (memcmp(got, parts, sizeof(int) * (size_t)n) == 0)
			uses++;
	}
	return uses;
}

static void split_visit(split_search *ss, int left, int maxpart)
{
	if (++ss->visited > MAX_PARTITIONS)
		return;
	if (left == 0) {
		int64_t inf, obj;
		sch_xhstt__split_cost(ss->m->x, ss->e, ss->cur, ss->ncur, &inf, &obj);
		int better = ss->nbest == 0 || inf < ss->binf || (inf == ss->binf && obj < ss->bobj);
		int used = -1;
		if (!better && inf == ss->binf && obj == ss->bobj) {
			/* A tie: the split more published solutions use, then the one of fewer lessons. */
			used = solutions_using(ss->m->x, ss->e, ss->cur, ss->ncur);
			better = used > ss->bused || (used == ss->bused && ss->ncur < ss->nbest);
		}
		if (better) {
			if (used < 0)
				used = solutions_using(ss->m->x, ss->e, ss->cur, ss->ncur);
			memcpy(ss->best, ss->cur, sizeof(int) * (size_t)ss->ncur);
			ss->nbest = ss->ncur;
			ss->binf = inf;
			ss->bobj = obj;
			ss->bused = used;
		}
		return;
	}
	if (ss->ncur == 64)
		return;
	for (int p = left < maxpart ? left : maxpart; p >= 1; p--) {
		ss->cur[ss->ncur++] = p;
		split_visit(ss, left - p, p);
		ss->ncur--;
	}
}

/*
 * Splits that leave a class or teacher more lessons than its days can hold. A lesson lies
 * within one day, so a class with eleven double lessons in a week of five 5-period days has
 * no timetable however they are arranged (BrazilInstance2, class S6, under the cheapest
 * split). Whether a resource's lessons fit is judged by first-fit decreasing into its days
 * (exact for lessons of 1 and 2 periods); the misfit is the periods left over.
 */
static int resource_misfit(const imp *m, int r, int e_alt, const int *alt, int nalt)
{
	const sch_xhstt *x = m->x;
	int lens[512], n = 0, room[SCH_MAX_DAYS], misfit = 0;
	for (int e = 0; e < x->nevents; e++) {
		int has = 0;
		for (int i = 0; i < x->events[e].nslots && !has; i++)
			has = x->events[e].slots[i].resource == r;
		if (!has)
			continue;
		const int *parts = e == e_alt ? alt : m->ev_split[e];
		int np = e == e_alt ? nalt : m->ev_nsplit[e];
		for (int i = 0; i < np && n < 512; i++)
			lens[n++] = parts[i];
	}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && lens[j - 1] < lens[j]; j--) {
			int t = lens[j];
			lens[j] = lens[j - 1];
			lens[j - 1] = t;
		}
	for (int d = 0; d < m->s->n_days; d++)
		room[d] = m->s->n_periods;
	for (int i = 0; i < n; i++) {
		int d = 0;
		while (d < m->s->n_days && room[d] < lens[i])
			d++;
		if (d < m->s->n_days)
			room[d] -= lens[i];
		else
			misfit += lens[i];
	}
	return misfit;
}

/* The misfit of event e's resources (classes and teachers) with e split as alt (NULL: as now). */
static int event_misfit(const imp *m, int e, const int *alt, int nalt)
{
	const xh_event *ev = &m->x->events[e];
	int total = 0;
	for (int i = 0; i < ev->nslots; i++) {
		int r = ev->slots[i].resource, dup = 0;
		if (r < 0 || (m->res_role[r] != R_CLASS && m->res_role[r] != R_TEACHER))
			continue;
		for (int j = 0; j < i && !dup; j++)
			dup = ev->slots[j].resource == r;
		if (!dup)
			total += alt ? resource_misfit(m, r, e, alt, nalt) : resource_misfit(m, r, -1, NULL, 0);
	}
	return total;
}

/* Collects every partition of `left` into parts of at most maxpart (non-increasing). */
typedef struct {
	int (*list)[65]; /* list[i][0] = number of parts, then the parts */
	int n, cap;
	int cur[64], ncur;
} partitions;

static void collect(partitions *ps, int left, int maxpart)
{
	if (ps->n == ps->cap)
		return;
	if (left == 0) {
		ps->list[ps->n][0] = ps->ncur;
		memcpy(&ps->list[ps->n][1], ps->cur, sizeof(int) * (size_t)ps->ncur);
		ps->n++;
		return;
	}
	if (ps->ncur == 64)
		return;
	for (int p = left < maxpart ? left : maxpart; p >= 1; p--) {
		ps->cur[ps->ncur++] = p;
		collect(ps, left - p, p);
		ps->ncur--;
	}
}

int sch_xhstt__partitions(int total, int maxpart, int (*list)[65], int cap)
{
	partitions ps = {.list = list, .cap = cap};
	collect(&ps, total, maxpart);
	return ps.n;
}

/*
 * While some class or teacher has lessons that cannot fit its days, re-splits the event
 * whose change lowers the misfit at the least extra split cost (required cost first), and
 * says so; a misfit that no change lowers is warned about.
 */
static int repair_splits(imp *m)
{
	const sch_xhstt *x = m->x;
	enum { CAP = 4096 };
	int(*list)[65] = malloc(sizeof *list * CAP);
	int rc = 0;
	if (!list)
		return sch_error_oom();
	for (int round = 0; round < 4 * x->nevents + 8; round++) {
		int best_e = -1, best_gain = 0, best_parts[65] = {0};
		int64_t best_inf = 0, best_obj = 0;
		for (int e = 0; e < x->nevents; e++) {
			int now = event_misfit(m, e, NULL, 0);
			if (now == 0)
				continue;
			int64_t inf0, obj0;
			sch_xhstt__split_cost(x, e, m->ev_split[e], m->ev_nsplit[e], &inf0, &obj0);
			int nparts = sch_xhstt__partitions(x->events[e].duration, m->s->n_periods, list, CAP);
			for (int k = 0; k < nparts; k++) {
				const int *parts = &list[k][1];
				int np = list[k][0];
				int gain = now - event_misfit(m, e, parts, np);
				if (gain <= 0)
					continue;
				int64_t inf, obj;
				sch_xhstt__split_cost(x, e, parts, np, &inf, &obj);
				inf -= inf0;
				obj -= obj0;
				if (best_e < 0 || inf < best_inf || (inf == best_inf && obj < best_obj) ||
				    (inf == best_inf && obj == best_obj && gain > best_gain)) {
					best_e = e;
					best_gain = gain;
					best_inf = inf;
					best_obj = obj;
					memcpy(best_parts, list[k], sizeof best_parts);
				}
			}
		}
		if (best_e < 0)
			break;
		char was[96] = "", now[96] = "";
		for (int i = 0; i < m->ev_nsplit[best_e]; i++)
			snprintf(was + strlen(was), sizeof was - strlen(was), "%s%d", i ? "+" : "", m->ev_split[best_e][i]);
		for (int i = 0; i < best_parts[0]; i++)
			snprintf(now + strlen(now), sizeof now - strlen(now), "%s%d", i ? "+" : "", best_parts[i + 1]);
		diag(m, SCH_DIAG_WARNING, x->events[best_e].line,
		     "event \"%s\" is split %s, not %s: so its class's and teachers' lessons fit their days (split cost +%lld infeasibility, +%lld objective)",
		     x->events[best_e].id, now, was, (long long)best_inf, (long long)best_obj);
		memcpy(m->ev_split[best_e], &best_parts[1], sizeof(int) * (size_t)best_parts[0]);
		m->ev_nsplit[best_e] = best_parts[0];
	}
	for (int r = 0; r < x->nresources; r++) {
		if (m->res_role[r] != R_CLASS && m->res_role[r] != R_TEACHER)
			continue;
		int misfit = resource_misfit(m, r, -1, NULL, 0);
		if (misfit)
			diag(m, SCH_DIAG_WARNING, 0,
			     "%s \"%s\": %d periods of lessons do not fit its %d days of %d periods as the events are split",
			     m->res_role[r] == R_CLASS ? "class" : "teacher", x->resources[r].id, misfit, m->s->n_days,
			     m->s->n_periods);
	}
	free(list);
	return rc;
}

/* Chooses each event's lengths: from the solution asked for, else the cheapest split. */
static int choose_splits(imp *m)
{
	const sch_xhstt *x = m->x;
	int np = m->s->n_periods;
	if (!(m->ev_split = calloc((size_t)x->nevents + 1, sizeof(int *))) ||
	    !(m->ev_nsplit = calloc((size_t)x->nevents + 1, sizeof(int))))
		return sch_error_oom();
	const xh_solution *from = NULL;
	int want = m->o->split_solution;
	if (want == SCH_XHSTT_SPLITS_BEST) {
		/* The embedded solution of least cost, by this library's evaluator. */
		int64_t bi = 0, bo = 0;
		want = SCH_XHSTT_SPLITS_OWN;
		for (int i = 0; i < x->nsolutions; i++) {
			sch_xhstt_cost c = {0};
			int rc = sch_xhstt_evaluate(x, i, &c);
			if (rc < 0)
				return rc;
			if (want < 0 || c.infeasibility < bi || (c.infeasibility == bi && c.objective < bo)) {
				want = i;
				bi = c.infeasibility;
				bo = c.objective;
			}
			sch_xhstt_cost_free(&c);
		}
		if (want < 0)
			diag(m, SCH_DIAG_WARNING, 0, "the archive holds no solution to take the splits from: the importer chooses them");
	}
	if (want >= 0) {
		if (want >= x->nsolutions)
			return sch_error_set(SCH_EINVALID, "%s: no solution %d to take the splits from (the archive has %d, counted from 1)",
					     x->path, want + 1, x->nsolutions);
		from = &x->solutions[want];
	}
	for (int e = 0; e < x->nevents; e++) {
		const xh_event *ev = &x->events[e];
		int parts[64], n = 0;
		if (m->given) {
			const xh_split *g = &m->given[e];
			int sum = 0;
			for (int i = 0; i < g->n; i++)
				sum += g->len[i];
			if (g->n < 1 || g->n > 64 || sum != ev->duration || g->len[0] > np)
				return sch_error_set(SCH_EINVALID, "event \"%s\": the given split is not a split of Duration %d into lessons of at most %d periods",
						     ev->id, ev->duration, np);
			memcpy(parts, g->len, sizeof(int) * (size_t)g->n);
			n = g->n;
		} else if (from) {
			for (int i = 0; i < from->nsubs; i++) {
				if (from->subs[i].event != e)
					continue;
				if (n == 64 || from->subs[i].duration > np) {
					diag(m, SCH_DIAG_ERROR, ev->line,
					     "event \"%s\": solution %d splits it into a sub-event of %d times or into more than 64: a lesson fits one day of %d periods",
					     ev->id, want + 1, from->subs[i].duration, np);
					return SCH_EINVALID;
				}
				parts[n++] = from->subs[i].duration;
			}
			for (int i = 1; i < n; i++)
				for (int j = i; j > 0 && parts[j - 1] < parts[j]; j--) {
					int t = parts[j];
					parts[j] = parts[j - 1];
					parts[j - 1] = t;
				}
		} else {
			split_search ss = {.m = m, .e = e};
			split_visit(&ss, ev->duration, np);
			if (ss.nbest == 0 || ss.visited > MAX_PARTITIONS) {
				diag(m, SCH_DIAG_ERROR, ev->line,
				     "event \"%s\": Duration %d cannot be split into lessons of at most %d periods", ev->id,
				     ev->duration, np);
				return SCH_EINVALID;
			}
			memcpy(parts, ss.best, sizeof(int) * (size_t)ss.nbest);
			n = ss.nbest;
		}
		if (!(m->ev_split[e] = malloc(sizeof(int) * 65)))
			return sch_error_oom();
		memcpy(m->ev_split[e], parts, sizeof(int) * (size_t)n);
		m->ev_nsplit[e] = n;
	}
	int rc = from || m->given ? 0 : repair_splits(m);
	for (int e = 0; e < x->nevents && !rc; e++) {
		int64_t inf, obj;
		sch_xhstt__split_cost(x, e, m->ev_split[e], m->ev_nsplit[e], &inf, &obj);
		m->split_inf += inf;
		m->split_obj += obj;
	}
	return rc;
}

/* ---- events ---- */

static int map_events(imp *m)
{
	const sch_xhstt *x = m->x;
	sch_school *s = m->s;
	int nlines = 0;
	/* Subjects: one per Course, and one per event without a Course. */
	int *course_subject = calloc((size_t)x->negroups + 1, sizeof(int));
	int rc = 0;
	if (!course_subject || !(m->ev_first = calloc((size_t)x->nevents + 1, sizeof(int))) ||
	    !(m->ev_nlines = calloc((size_t)x->nevents + 1, sizeof(int)))) {
		free(course_subject);
		return sch_error_oom();
	}
	s->subjects = sch_school_alloc(s, sizeof(sch_subject_def) * (size_t)(x->negroups + x->nevents + 1));
	for (int e = 0; e < x->nevents; e++) {
		int distinct = 0;
		for (int i = 0; i < m->ev_nsplit[e]; i++)
			distinct += i == 0 || m->ev_split[e][i] != m->ev_split[e][i - 1];
		nlines += distinct;
	}
	s->lines = sch_school_alloc(s, sizeof(sch_line_def) * (size_t)(nlines + 1));
	if (!s->subjects || !s->lines) {
		rc = sch_error_oom();
		goto done;
	}
	for (int g = 0; g < x->negroups; g++)
		course_subject[g] = -1;
	for (int e = 0; e < x->nevents && !rc; e++) {
		const xh_event *ev = &x->events[e];
		int subject;
		const char *sid = ev->course >= 0 ? x->egroups[ev->course].id : ev->id;
		const char *sname = ev->course >= 0 ? x->egroups[ev->course].name : ev->name;
		if (ev->course >= 0 && course_subject[ev->course] >= 0) {
			subject = course_subject[ev->course];
		} else {
			sch_subject_def *sub = &s->subjects[s->n_subjects];
			sub->id = sch_school_strdup(s, sid);
			sub->name_ru = sch_school_strdup(s, sname && *sname ? sname : sid);
			sub->room_kind = -1;
			if (!sub->id || !sub->name_ru) {
				rc = sch_error_oom();
				break;
			}
			subject = s->n_subjects++;
			if (ev->course >= 0)
				course_subject[ev->course] = subject;
		}
		if (m->ev_nsplit[e] && m->ev_split[e][0] > 1)
			s->subjects[subject].double_rule = SCH_DOUBLE_ALLOWED;
		/* Resources: every slot preassigned, one class at least. */
		int teachers[16], nt = 0, classes[16], nc = 0, room = -1;
		for (int i = 0; i < ev->nslots; i++) {
			int r = ev->slots[i].resource;
			if (r < 0) {
				diag(m, SCH_DIAG_ERROR, ev->line,
				     "event \"%s\": a resource to be assigned (role \"%s\"): only preassigned resources are supported",
				     ev->id, ev->slots[i].role ? ev->slots[i].role : "");
				rc = SCH_EINVALID;
				break;
			}
			int idx = m->res_index[r];
			switch (m->res_role[r]) {
			case R_TEACHER:
				if (nt < 16)
					teachers[nt++] = idx;
				break;
			case R_CLASS:
				if (nc < 16)
					classes[nc++] = idx;
				break;
			case R_ROOM:
				if (room < 0)
					room = idx;
				break;
			default:
				diag(m, SCH_DIAG_ERROR, ev->line,
				     "event \"%s\": resource \"%s\" is of a type that is neither teachers, classes nor rooms (%s)",
				     ev->id, x->resources[r].id,
				     x->resources[r].kind >= 0 ? x->rtypes[x->resources[r].kind].id : "no type");
				rc = SCH_EINVALID;
				break;
			}
		}
		if (rc)
			break;
		if (nc == 0) {
			diag(m, SCH_DIAG_ERROR, ev->line, "event \"%s\" has no class among its resources: events without pupils are not supported",
			     ev->id);
			rc = SCH_EINVALID;
			break;
		}
		m->ev_first[e] = s->n_lines;
		for (int i = 0; i < m->ev_nsplit[e];) {
			int len = m->ev_split[e][i], cnt = 0;
			while (i < m->ev_nsplit[e] && m->ev_split[e][i] == len) {
				cnt++;
				i++;
			}
			sch_line_def *ln = &s->lines[s->n_lines];
			char idbuf[512];
			if (m->ev_nlines[e] == 0)
				snprintf(idbuf, sizeof idbuf, "%s", ev->id);
			else
				snprintf(idbuf, sizeof idbuf, "%s#%d", ev->id, len);
			ln->id = sch_school_strdup(s, idbuf);
			ln->classes = sch_school_alloc(s, sizeof(int) * (size_t)nc);
			ln->n_parts = nt > 0 ? nt : 1;
			ln->parts = sch_school_alloc(s, sizeof(sch_part_def) * (size_t)ln->n_parts);
			if (!ln->id || !ln->classes || !ln->parts) {
				rc = sch_error_oom();
				break;
			}
			memcpy(ln->classes, classes, sizeof(int) * (size_t)nc);
			ln->n_classes = nc;
			ln->subject = subject;
			ln->per_week = cnt * len;
			ln->block = len;
			ln->room = room;
			ln->line = ev->line;
			for (int p = 0; p < ln->n_parts; p++) {
				ln->parts[p].teacher = nt > 0 ? teachers[p] : -1;
				ln->parts[p].class_of = classes[0];
				ln->parts[p].division = ln->parts[p].group = -1;
			}
			/* A preassigned time pins the event when it is a single lesson. */
			if (ev->time >= 0 && m->ev_nsplit[e] == 1) {
				if (!(ln->pinned = sch_school_alloc(s, sizeof(int))))
					rc = sch_error_oom();
				else {
					ln->pinned[0] = m->time_slot[ev->time];
					ln->n_pinned = 1;
				}
			} else if (ev->time >= 0 && m->ev_nlines[e] == 0) {
				diag(m, SCH_DIAG_WARNING, ev->line,
				     "event \"%s\": its preassigned time is not kept, as it is split into %d lessons", ev->id,
				     m->ev_nsplit[e]);
			}
			s->n_lines++;
			m->ev_nlines[e]++;
		}
		if (room >= 0 && !rc)
			diag(m, SCH_DIAG_WARNING, ev->line,
			     "event \"%s\": preassigned room \"%s\" becomes the load line's fixed room; room clashes are not checked as hard rules",
			     ev->id, s->rooms[room].id);
	}
	/* Teachers are qualified for the subjects of their events. */
	for (int t = 0; t < s->n_teachers && !rc; t++) {
		int n = 0;
		sch_teacher_def *te = &s->teachers[t];
		if (!(te->subjects = sch_school_alloc(s, sizeof(int) * (size_t)(s->n_subjects + 1)))) {
			rc = sch_error_oom();
			break;
		}
		for (int sub = 0; sub < s->n_subjects; sub++) {
			int teaches = 0;
			for (int l = 0; l < s->n_lines && !teaches; l++)
				for (int p = 0; p < s->lines[l].n_parts && !teaches; p++)
					teaches = s->lines[l].subject == sub && s->lines[l].parts[p].teacher == t;
			if (teaches)
				te->subjects[n++] = sub;
		}
		te->n_subjects = n;
	}
done:
	free(course_subject);
	return rc;
}

/* ---- constraints ---- */

static sch_constraint *new_con(imp *m, const xh_constraint *k, int type, int weight, int value)
{
	if (m->ncons == m->capcons) {
		int cap = m->capcons ? m->capcons * 2 : 32;
		sch_constraint *p = realloc(m->cons, sizeof *p * (size_t)cap);
		if (!p) {
			sch_error_oom();
			return NULL;
		}
		m->cons = p;
		m->capcons = cap;
	}
	sch_constraint *c = &m->cons[m->ncons++];
	memset(c, 0, sizeof *c);
	c->type = type;
	c->weight = weight;
	c->value = value;
	c->line = k->line;
	char src[320];
	snprintf(src, sizeof src, "XHSTT %s %s", k->type, k->id);
	if (!(c->source = sch_school_strdup(m->s, src))) {
		sch_error_oom();
		return NULL;
	}
	return c;
}

/* The weight of a mapped constraint: hard, or the XHSTT weight times `scale` for a Linear soft one. */
static int con_weight(imp *m, const xh_constraint *k, int scale)
{
	if (k->required)
		return SCH_WEIGHT_HARD;
	if (k->fn != XH_LINEAR)
		not_mapped(m, k, "a soft cost function other than Linear is taken as Linear");
	return k->weight * scale;
}

/* Scope from resource points: teachers and whole classes; rooms are not mapped. */
static int resource_scope(imp *m, const xh_constraint *k, sch_constraint *c)
{
	sch_school *s = m->s;
	c->teachers = sch_school_alloc(s, sizeof(int) * (size_t)(k->points.n + 1));
	c->students = sch_school_alloc(s, sizeof(sch_students_ref) * (size_t)(k->points.n + 1));
	if (!c->teachers || !c->students)
		return sch_error_oom();
	int rooms = 0;
	for (int i = 0; i < k->points.n; i++) {
		int r = k->points.v[i];
		if (m->res_role[r] == R_TEACHER)
			c->teachers[c->n_teachers++] = m->res_index[r];
		else if (m->res_role[r] == R_CLASS)
			c->students[c->n_students++] = (sch_students_ref){m->res_index[r], -1, -1};
		else
			rooms++;
	}
	if (rooms)
		not_mapped(m, k, "rooms among its resources (left out)");
	return 0;
}

/* Lines of the points (events) of k, only those of lessons of length `len` when len > 0. */
static int event_lines(imp *m, const xh_ints *events, int len, int **out, int *n)
{
	int total = 0;
	for (int i = 0; i < events->n; i++)
		total += m->ev_nlines[events->v[i]];
	*out = sch_school_alloc(m->s, sizeof(int) * (size_t)(total + 1));
	*n = 0;
	if (!*out)
		return sch_error_oom();
	for (int i = 0; i < events->n; i++) {
		int e = events->v[i];
		for (int j = 0; j < m->ev_nlines[e]; j++) {
			int l = m->ev_first[e] + j;
			if (len <= 0 || m->s->lines[l].block == len)
				(*out)[(*n)++] = l;
		}
	}
	return 0;
}

/* The days of the time groups of k when each is a whole day, in *mask; 0 when one is not. */
static int groups_are_days(imp *m, const int *groups, int n, unsigned *mask)
{
	*mask = 0;
	for (int i = 0; i < n; i++) {
		int d = group_day(m, groups[i]);
		if (d < 0)
			return 0;
		*mask |= 1u << d;
	}
	return 1;
}

static int map_prefer_times(imp *m, const xh_constraint *k)
{
	sch_school *s = m->s;
	sch_slotset slots = {{0, 0}};
	for (int t = 0; t < m->x->ntimes; t++)
		if (k->tmask[t])
			sch_slotset_add(&slots, m->time_slot[t]);
	/* Soft: one rule per lesson length, as XHSTT counts the duration of each lesson starting
	 * outside; hard: one rule (any amount is infeasible). */
	for (int len = k->required ? 0 : 1; len <= s->n_periods; len++) {
		int want = k->duration > 0 ? k->duration : len;
		if (k->duration > 0 && len != 0 && len != k->duration)
			continue;
		int *lines, n, rc;
		if ((rc = event_lines(m, &k->points, want, &lines, &n)) < 0)
			return rc;
		if (n == 0 || (!k->required && k->weight == 0))
			continue;
		sch_constraint *c = new_con(m, k, SCH_CON_ALLOWED_STARTS, con_weight(m, k, want > 0 ? want : 1), 0);
		if (!c)
			return SCH_ENOMEM;
		c->lines = lines;
		c->n_lines = n;
		c->slots = slots;
		if (k->required)
			break;
	}
	return 0;
}

static int map_spread(imp *m, const xh_constraint *k)
{
	const sch_xhstt *x = m->x;
	int nd = m->s->n_days, maxv = -1, rc;
	unsigned days = 0;
	for (int i = 0; i < k->nspread; i++) {
		int d = group_day(m, k->spread[i].group);
		if (d < 0) {
			not_mapped(m, k, "time groups that are not days");
			return 0;
		}
		if (k->spread[i].min > 0)
			not_mapped(m, k, "a Minimum above 0 (left out)");
		if (maxv >= 0 && k->spread[i].max != maxv) {
			not_mapped(m, k, "different maxima on different days");
			return 0;
		}
		maxv = k->spread[i].max;
		days |= 1u << d;
	}
	if (maxv < 0)
		return 0;
	for (int g = 0; g < k->points.n; g++) {
		const xh_ints *events = &x->egroups[k->points.v[g]].members;
		int *lines, n, lessons = 0;
		if ((rc = event_lines(m, events, 0, &lines, &n)) < 0)
			return rc;
		for (int i = 0; i < n; i++) {
			const sch_line_def *ln = &m->s->lines[lines[i]];
			lessons += ln->per_week / ln->block + (ln->per_week % ln->block != 0);
		}
		if (n == 0 || lessons <= maxv)
			continue;
		if (days != (1u << nd) - 1u) {
			not_mapped(m, k, "a limit on some days only");
			return 0;
		}
		sch_constraint *c = new_con(m, k, SCH_CON_SPREAD, con_weight(m, k, 1), maxv);
		if (!c)
			return SCH_ENOMEM;
		c->lines = lines;
		c->n_lines = n;
	}
	return 0;
}

static int map_unavailable(imp *m, const xh_constraint *k)
{
	sch_school *s = m->s;
	sch_slotset slots = {{0, 0}};
	int any = 0;
	for (int t = 0; t < m->x->ntimes; t++)
		if (k->tmask[t]) {
			sch_slotset_add(&slots, m->time_slot[t]);
			any = 1;
		}
	if (!any || k->points.n == 0 || (!k->required && k->weight == 0))
		return 0;
	sch_constraint *c = new_con(m, k, SCH_CON_UNAVAILABLE, con_weight(m, k, 1), 0);
	if (!c)
		return SCH_ENOMEM;
	c->slots = slots;
	int rc = resource_scope(m, k, c);
	if (rc < 0)
		return rc;
	/* Hard teacher unavailability is the teachers' own rule: solvers then never try those slots. */
	if (k->required && c->n_students == 0) {
		for (int i = 0; i < c->n_teachers; i++) {
			sch_teacher_def *t = &s->teachers[c->teachers[i]];
			t->unavailable.w[0] |= slots.w[0];
			t->unavailable.w[1] |= slots.w[1];
		}
		m->ncons--;
	}
	return 0;
}

static int map_idle(imp *m, const xh_constraint *k)
{
	unsigned days;
	int all = (1u << m->s->n_days) - 1u;
	if (!groups_are_days(m, k->tgroups.v, k->tgroups.n, &days)) {
		not_mapped(m, k, "time groups that are not days");
		return 0;
	}
	if (k->min > 0)
		not_mapped(m, k, "a Minimum above 0 (left out)");
	int type;
	if (k->max == 0 && days != 0)
		type = SCH_CON_MAX_GAPS_DAY; /* no idle time on the listed days: per day is the same */
	else if ((int)days == all)
		type = SCH_CON_MAX_GAPS_WEEK;
	else {
		not_mapped(m, k, "a Maximum above 0 over some days only");
		return 0;
	}
	if ((int)days != all && type == SCH_CON_MAX_GAPS_DAY) {
		not_mapped(m, k, "some days only");
		return 0;
	}
	if ((!k->required && k->weight == 0) || k->points.n == 0)
		return 0;
	sch_constraint *c = new_con(m, k, type, con_weight(m, k, 1), k->max);
	if (!c)
		return SCH_ENOMEM;
	return resource_scope(m, k, c);
}

static int map_cluster(imp *m, const xh_constraint *k)
{
	unsigned days;
	int nd = m->s->n_days, rc;
	if (!groups_are_days(m, k->tgroups.v, k->tgroups.n, &days) || (int)days != (1 << nd) - 1 ||
	    k->tgroups.n != nd) {
		not_mapped(m, k, "time groups other than the days of the week");
		return 0;
	}
	if ((!k->required && k->weight == 0) || k->points.n == 0)
		return 0;
	if (k->max < nd) {
		sch_constraint *c = new_con(m, k, SCH_CON_MAX_DAYS, con_weight(m, k, 1), k->max);
		if (!c)
			return SCH_ENOMEM;
		if ((rc = resource_scope(m, k, c)) < 0)
			return rc;
	}
	if (k->min > 0) {
		if (k->allow_zero)
			not_mapped(m, k, "AllowZero with a Minimum (a resource without lessons is counted short)");
		sch_constraint *c = new_con(m, k, SCH_CON_MIN_DAYS, con_weight(m, k, 1), k->min);
		if (!c)
			return SCH_ENOMEM;
		if ((rc = resource_scope(m, k, c)) < 0)
			return rc;
	}
	return 0;
}

static int map_constraints(imp *m)
{
	const sch_xhstt *x = m->x;
	int rc = 0;
	for (int i = 0; i < x->nconstraints && !rc; i++) {
		const xh_constraint *k = &x->constraints[i];
		switch (k->kind) {
		case XH_ASSIGN_TIME:
			/* Every lesson placed is a hard rule of the model. */
			if (!k->required)
				not_mapped(m, k, "soft: taken as hard (every lesson is placed)");
			break;
		case XH_AVOID_CLASHES:
			/* Teacher and class clashes are hard rules of the model. */
			if (!k->required)
				not_mapped(m, k, "soft: taken as hard (no teacher or class clash)");
			break;
		case XH_SPLIT_EVENTS:
		case XH_DISTRIBUTE_SPLIT:
			break; /* met by the fixed splits; their cost is noted once */
		case XH_AVOID_UNAVAILABLE:
			rc = map_unavailable(m, k);
			break;
		case XH_PREFER_TIMES:
			rc = map_prefer_times(m, k);
			break;
		case XH_SPREAD_EVENTS:
			rc = map_spread(m, k);
			break;
		case XH_LIMIT_IDLE:
			rc = map_idle(m, k);
			break;
		case XH_CLUSTER_BUSY:
			rc = map_cluster(m, k);
			break;
		case XH_LINK_EVENTS:
			not_mapped(m, k, "the model has no rule for linked events");
			break;
		default:
			not_mapped(m, k, "a constraint type this importer does not know");
			break;
		}
	}
	if (rc)
		return rc;
	sch_school *s = m->s;
	if (m->ncons) {
		s->constraints = sch_school_alloc(s, sizeof(sch_constraint) * (size_t)m->ncons);
		if (!s->constraints)
			return sch_error_oom();
		memcpy(s->constraints, m->cons, sizeof(sch_constraint) * (size_t)m->ncons);
		s->n_constraints = m->ncons;
	}
	return 0;
}

/* ---- the whole ---- */

int sch_xhstt__to_school_splits(const sch_xhstt *x, const sch_xhstt_import_options *opts, const xh_split *given,
				xh_split *chosen, int64_t *split_inf, int64_t *split_obj, sch_school **out,
				sch_diags *diags)
{
	sch_xhstt_import_options def = SCH_XHSTT_IMPORT_OPTIONS_INIT;
	imp m = {0};
	int rc;
	if (!out || !x)
		return sch_error_set(SCH_EINVALID, "sch_xhstt_to_school: no archive or output");
	*out = NULL;
	if (!opts)
		opts = &def;
	if (opts->version != SCH_XHSTT_IMPORT_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "sch_xhstt_import_options: version %d, expected %d", opts->version,
				     SCH_XHSTT_IMPORT_OPTIONS_VERSION);
	if (opts->instance_id && strcmp(opts->instance_id, x->id) != 0)
		return sch_error_set(SCH_ENOTFOUND, "%s: no instance \"%s\" (the first instance, the only one read, is \"%s\")",
				     x->path, opts->instance_id, x->id);
	m.x = x;
	m.o = opts;
	m.given = given;
	m.diags = diags;
	if ((rc = sch_school_new(&m.s)) < 0)
		return rc;
	sch_school *s = m.s;
	/* The school's own soft terms are off: its soft cost is the XHSTT objective of the mapped constraints. */
	memset(&s->weights, 0, sizeof s->weights);
	s->rules.pupil_gaps = SCH_PUPIL_GAPS_ALLOWED;
	s->rules.late_start = true;
	s->rules.subject_once_a_day = false;
	if (!(s->name = sch_school_strdup(s, x->name && *x->name ? x->name : x->id)) ||
	    !(s->source_file = sch_school_strdup(s, x->path))) {
		rc = sch_error_oom();
		goto done;
	}
	if ((rc = map_times(&m)) < 0 || (rc = map_resources(&m)) < 0 || (rc = choose_splits(&m)) < 0 ||
	    (rc = map_events(&m)) < 0 || (rc = map_constraints(&m)) < 0)
		goto done;
	for (int i = 0; i < m.nun; i++) {
		const unmapped *u = &m.un[i];
		diag(&m, opts->strict ? SCH_DIAG_ERROR : SCH_DIAG_WARNING, u->line, "%d %s%s not mapped exactly: %s (%s)",
		     u->count, u->type, u->count == 1 ? "" : "s", u->why, u->ids);
	}
	if ((m.split_inf || m.split_obj) && !given)
		diag(&m, SCH_DIAG_WARNING, 0,
		     "the events' fixed splits into lessons cost infeasibility %lld and objective %lld in the split constraints; the school's costs leave this constant out",
		     (long long)m.split_inf, (long long)m.split_obj);
	if (m.errors) {
		rc = SCH_EINVALID;
		goto done;
	}
	if ((rc = sch_school_finalize(s, diags)) < 0)
		goto done;
	for (int e = 0; chosen && e < x->nevents; e++) {
		chosen[e].n = m.ev_nsplit[e];
		memcpy(chosen[e].len, m.ev_split[e], sizeof(int) * (size_t)m.ev_nsplit[e]);
	}
	if (split_inf)
		*split_inf = m.split_inf;
	if (split_obj)
		*split_obj = m.split_obj;
	*out = s;
	s = m.s = NULL;
	rc = 0;
done:
	sch_school_free(m.s);
	free(m.time_slot);
	free(m.day_groups);
	free(m.rtype_role);
	free(m.res_index);
	free(m.res_role);
	free(m.ev_first);
	free(m.ev_nlines);
	if (m.ev_split)
		for (int e = 0; e < x->nevents; e++)
			free(m.ev_split[e]);
	free(m.ev_split);
	free(m.ev_nsplit);
	free(m.cons);
	return rc;
}

int sch_xhstt_to_school(const sch_xhstt *x, const sch_xhstt_import_options *opts, sch_school **out, sch_diags *diags)
{
	return sch_xhstt__to_school_splits(x, opts, NULL, NULL, NULL, NULL, out, diags);
}

int sch_xhstt_import_school_opts(const char *path, const sch_xhstt_import_options *opts, sch_school **out,
				 sch_diags *diags)
{
	sch_xhstt *x = NULL;
	int rc;
	if (out)
		*out = NULL;
	if (!path || !out)
		return sch_error_set(SCH_EINVALID, "sch_xhstt_import_school: no path or output");
	if ((rc = sch_xhstt_load(&x, path)) < 0) {
		const sch_error *e = sch_error_last();
		sch_diags_add(diags, SCH_DIAG_ERROR, "", 0, 0, "%s", e && e->message ? e->message : "cannot read the archive");
		return rc;
	}
	rc = sch_xhstt_to_school(x, opts, out, diags);
	sch_xhstt_free(x);
	return rc;
}

int sch_xhstt_import_school(const char *path, const char *instance_id, sch_school **out, sch_diags *diags)
{
	sch_xhstt_import_options o = SCH_XHSTT_IMPORT_OPTIONS_INIT;
	o.instance_id = instance_id;
	return sch_xhstt_import_school_opts(path, &o, out, diags);
}
