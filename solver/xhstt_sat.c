/* An XHSTT instance as weighted MaxSAT (CaDiCaL): every event's split and times at once, the objective lowered by large-neighbourhood search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <unistd.h>

#include "cnf.h"
#include "error.h"
#include "schedule/sys/model.h"
#include "xhstt_int.h"

/*
 * Variables: s(e, t, d) "a part of event e of length d starts at time t" for every start
 * whose d times are consecutive periods of one day; o(e, t) "e runs at t" and busy(r, t)
 * exactly defined from them. Every constraint's deviation at a point is built from
 * "units" (literals each adding one, or `mult`, to it): a required constraint forbids
 * them, a soft one puts weight x the cost function's step on each into the objective,
 * whose weighted sum is then bounded below the best so far (a totalizer over the units,
 * each repeated by its weight) while neighbourhoods of it are searched (search()).
 */
typedef struct {
	int lit;
	int64_t w;
} wlit;

typedef struct {
	const sch_xhstt *x;
	const sch_solve_options *o;
	sch_cnf f;
	int T, P, M;  /* times, periods a day, the longest part */
	int *slot;    /* [t]: day * P + period */
	int *s;       /* [(e * T + t) * M + d - 1]: s(e, t, d), 0 when impossible */
	int *o_;      /* [e * T + t]: o(e, t) */
	int *busy;    /* [r * T + t]: busy(r, t), 0 when no event of r can run at t */
	xh_ints *rev; /* [r]: the events holding resource r */
	char *hard_clash; /* [r]: a required AvoidClashes applies to r */
	int truth;    /* a literal fixed true */
	wlit *obj;
	int n_obj, cap_obj;
	xh_ints ulit, umult; /* the units of the point being encoded */
	int64_t ucon;        /* and its constant deviation */
	int64_t obj_const;   /* the objective's constant (deviations no solution avoids) */
	int oom;
	int too_big;  /* a point's deviation too large to count (non-linear cost) */
	int late;     /* the encoding stopped: out of time, cancelled */
	/* the search */
	struct shared *sh;
	int reports;  /* the worker that calls the progress callback */
	uint64_t seed;
	struct timespec t0, end, last_tick;
	int64_t best; /* -1 until a solution */
	xh_sat mine;  /* the worker's best (or the shared best it took) */
	int status;   /* 0, SCH_EINFEASIBLE (proved), SCH_ENOTSUP (too_big), SCH_ENOMEM */
	int optimal;  /* proved that nothing cheaper than `best` exists */
	pthread_t tid;
} xs;

/* What the workers share: the best solution so far and whether to go on. */
typedef struct shared {
	pthread_mutex_t mu;
	xh_sat best; /* objective -1: none yet */
	int over;    /* a worker proved its answer, or the progress callback stopped the run (atomic) */
	int stopped; /* the progress callback stopped it */
} shared;

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static int push(xs *z, xh_ints *l, int v)
{
	if (sch_xhstt__ints_push(l, v) < 0)
		z->oom = 1;
	return z->oom ? -1 : 0;
}

static int over(const xs *z)
{
	return __atomic_load_n(&z->sh->over, __ATOMIC_ACQUIRE);
}

/* The encoding stops when the search must (time, cancel, another worker's proof): sets z->late. */
static int late(xs *z)
{
	if (!z->late && (over(z) || (z->o->cancel && *z->o->cancel) || since(&z->end) >= 0))
		z->late = 1;
	return z->late;
}

static int unit_add(xs *z, int lit, int mult)
{
	return push(z, &z->ulit, lit) < 0 || push(z, &z->umult, mult) < 0 ? -1 : 0;
}

static int obj_add(xs *z, int lit, int64_t w)
{
	if (z->n_obj == z->cap_obj) {
		int cap = z->cap_obj ? 2 * z->cap_obj : 256;
		wlit *p = realloc(z->obj, sizeof *p * (size_t)cap);
		if (!p) {
			z->oom = 1;
			return -1;
		}
		z->obj = p;
		z->cap_obj = cap;
	}
	z->obj[z->n_obj++] = (wlit){lit, w};
	return 0;
}

/* Where s(e, t, d) is kept (1 <= d <= M). */
static size_t s_at(const xs *z, int e, int t, int d)
{
	return ((size_t)e * (size_t)z->T + (size_t)t) * (size_t)z->M + (size_t)d - 1;
}

static int s_var(const xs *z, int e, int t, int d)
{
	return d >= 1 && d <= z->M ? z->s[s_at(z, e, t, d)] : 0;
}

/* "at least k" of a count (c: its nc outputs): constant true for k <= 0, false beyond. */
static int at_least_lit(const xs *z, const int *c, int nc, int k)
{
	return k <= 0 ? z->truth : k <= nc ? c[k - 1] : -z->truth;
}

/*
 * Units for how far the count of lits lies outside [min, max]; allow_zero: none at 0. The
 * count never exceeds cap (<= 0: n), so the totalizer stops there; the deviation that no
 * reachable count avoids (min above cap) is the point's constant.
 */
static int outside_units(xs *z, const int *lits, int n, int min, int max, int allow_zero, int cap)
{
	int top = cap > 0 && cap < n ? cap : n, need = max < top ? top : min < top ? min : top;
	int *c = malloc(sizeof(int) * (size_t)(need + 1));
	if (!c) {
		z->oom = 1;
		return -1;
	}
	int nc = sch__cnf_count(&z->f, lits, n, need, c);
	int rc = nc < 0 ? -1 : 0;
	/* above: max + j reached, and min (the evaluator counts a count below min as short only,
	 * also when min > max) */
	for (int j = 1; rc == 0 && j <= top - max; j++)
		rc = unit_add(z, at_least_lit(z, c, nc, max + j > min ? max + j : min), 1);
	for (int j = 1; rc == 0 && j <= min; j++) {
		if (min - j + 1 > top) { /* no reachable count gets there */
			if (!allow_zero)
				z->ucon++;
			else if (top > 0) /* short unless nothing at all: "below" is "busy somewhere" */
				rc = unit_add(z, at_least_lit(z, c, nc, 1), 1);
			continue;
		}
		int below = -at_least_lit(z, c, nc, min - j + 1);
		if (allow_zero) { /* u <-> below and busy somewhere (exact: the objective counts u) */
			if (min - j + 1 == 1)
				continue;
			int u = cnf_var(&z->f), some = at_least_lit(z, c, nc, 1);
			cnf_add(&z->f, -below);
			cnf_add(&z->f, -some);
			cnf_add(&z->f, u);
			cnf_add(&z->f, 0);
			cnf_clause2(&z->f, -u, below);
			cnf_clause2(&z->f, -u, some);
			below = u;
		}
		rc = unit_add(z, below, 1);
	}
	free(c);
	if (nc < 0)
		z->oom = 1;
	return rc;
}

static int64_t cost_fn(xh_costfn fn, int64_t d)
{
	return fn == XH_QUADRATIC ? d * d : fn == XH_STEP ? d > 0 : d;
}

/*
 * The point's units: forbidden (required) or into the objective by the cost function, with
 * the point's constant deviation z->ucon; its deviation never exceeds maxdev (<= 0: the
 * units' sum), so the count of a non-linear cost stops there.
 */
static int finish_point(xs *z, const xh_constraint *k, int64_t maxdev)
{
	int rc = 0;
	int64_t con = z->ucon;
	if (k->required) {
		if (con > 0)
			cnf_unit(&z->f, -z->truth);
		for (int i = 0; i < z->ulit.n; i++)
			cnf_unit(&z->f, -z->ulit.v[i]);
	} else if (k->fn == XH_LINEAR) {
		z->obj_const += (int64_t)k->weight * con;
		for (int i = 0; rc == 0 && i < z->ulit.n; i++)
			rc = obj_add(z, z->ulit.v[i], (int64_t)k->weight * z->umult.v[i]);
	} else { /* the deviation counted, then each step of it priced */
		xh_ints rep = {0};
		int64_t n = 0;
		for (int i = 0; i < z->umult.n; i++)
			n += z->umult.v[i];
		int64_t bound = maxdev > con && maxdev - con < n ? maxdev - con : n;
		if (n * bound > 2000000) { /* millions of clauses: too large to state */
			z->too_big = 1;
			z->ulit.n = z->umult.n = 0;
			z->ucon = 0;
			return -1;
		}
		z->obj_const += (int64_t)k->weight * cost_fn(k->fn, con);
		for (int i = 0; rc == 0 && i < z->ulit.n; i++)
			for (int m = 0; rc == 0 && m < z->umult.v[i]; m++)
				rc = push(z, &rep, z->ulit.v[i]);
		int *dev = rc == 0 ? malloc(sizeof(int) * (size_t)(bound + 1)) : NULL;
		int nd = dev ? sch__cnf_count(&z->f, rep.v, rep.n, (int)bound, dev) : -1;
		for (int j = 1; nd >= 0 && rc == 0 && j <= nd; j++) {
			int64_t step = cost_fn(k->fn, con + j) - cost_fn(k->fn, con + j - 1);
			if (step > 0)
				rc = obj_add(z, dev[j - 1], (int64_t)k->weight * step);
		}
		if (rep.n > 0 && nd < 0)
			rc = -1, z->oom = 1;
		free(dev);
		free(rep.v);
	}
	z->ulit.n = z->umult.n = 0;
	z->ucon = 0;
	return rc;
}

/* Exactly k of lits true. */
static int exactly(xs *z, const int *lits, int n, int k)
{
	int *c = malloc(sizeof(int) * (size_t)(k + 2));
	int nc = c ? sch__cnf_count(&z->f, lits, n, k + 1, c) : -1;
	if (nc >= 0) {
		cnf_unit(&z->f, at_least_lit(z, c, nc, k));
		cnf_unit(&z->f, -at_least_lit(z, c, nc, k + 1));
	}
	free(c);
	if (nc < 0)
		z->oom = 1;
	return nc < 0 ? -1 : 0;
}

/* o(e, t) of the events of resource r that can run at t, into l. */
static int running_at(xs *z, int r, int t, xh_ints *l)
{
	l->n = 0;
	for (int i = 0; i < z->rev[r].n; i++) {
		int v = z->o_[(size_t)z->rev[r].v[i] * (size_t)z->T + (size_t)t];
		if (v && push(z, l, v) < 0)
			return -1;
	}
	return 0;
}

/* The parts of every event, their occupancy and the count of its duration. */
static int encode_events(xs *z)
{
	const sch_xhstt *x = z->x;
	xh_ints cov = {0}, occ = {0};
	int rc = 0;
	for (int e = 0; rc == 0 && e < x->nevents; e++) {
		int D = x->events[e].duration, pre = x->events[e].time;
		if (late(z)) {
			rc = -1;
			break;
		}
		for (int t = 0; t < z->T; t++)
			for (int d = 1; d <= z->M && d <= D; d++) {
				/* a preassigned time: one part, there (as the importer pins it) */
				int ok = t + d <= z->T && (pre < 0 || (t == pre && d == D));
				for (int i = 1; ok && i < d; i++)
					ok = z->slot[t + i] == z->slot[t] + i && z->slot[t + i] / z->P == z->slot[t] / z->P;
				if (ok)
					z->s[s_at(z, e, t, d)] = cnf_var(&z->f);
			}
		occ.n = 0;
		for (int t = 0; rc == 0 && t < z->T; t++) {
			cov.n = 0;
			for (int t0 = t; t0 >= 0 && t0 > t - z->M; t0--)
				for (int d = t - t0 + 1; d <= z->M; d++)
					if (s_var(z, e, t0, d) && push(z, &cov, s_var(z, e, t0, d)) < 0)
						rc = -1;
			if (rc || cov.n == 0)
				continue;
			int v = z->o_[(size_t)e * (size_t)z->T + (size_t)t] = cnf_var(&z->f);
			sch__cnf_define_or(&z->f, v, cov.v, cov.n);
			sch__cnf_at_most(&z->f, cov.v, cov.n, 1, 0); /* parts of one event do not overlap */
			rc = push(z, &occ, v);
		}
		if (rc == 0)
			rc = exactly(z, occ.v, occ.n, D); /* its parts last D periods in all */
	}
	free(cov.v);
	free(occ.v);
	return rc;
}

/* busy(r, t) <-> some event of r runs at t; under a required AvoidClashes, a week as long as r's events. */
static int encode_busy(xs *z)
{
	const sch_xhstt *x = z->x;
	xh_ints l = {0};
	int rc = 0;
	for (int r = 0; rc == 0 && r < x->nresources; r++) {
		int need = 0;
		if (late(z)) {
			rc = -1;
			break;
		}
		for (int i = 0; i < z->rev[r].n; i++)
			need += x->events[z->rev[r].v[i]].duration;
		xh_ints week = {0};
		for (int t = 0; rc == 0 && t < z->T; t++) {
			if ((rc = running_at(z, r, t, &l)) < 0 || l.n == 0)
				continue;
			int b = z->busy[(size_t)r * (size_t)z->T + (size_t)t] = cnf_var(&z->f);
			sch__cnf_define_or(&z->f, b, l.v, l.n);
			if (z->hard_clash[r]) {
				sch__cnf_at_most(&z->f, l.v, l.n, 1, 0);
				rc = push(z, &week, b);
			}
		}
		if (rc == 0 && z->hard_clash[r] && need > 0) /* implied: lets propagation see a full week */
			rc = exactly(z, week.v, week.n, need);
		free(week.v);
	}
	free(l.v);
	return rc;
}

static int busy_lit(const xs *z, int r, int t)
{
	int b = z->busy[(size_t)r * (size_t)z->T + (size_t)t];
	return b ? b : -z->truth;
}

/* Idle times of resource r within one time group: not busy, busy before and after. */
static int idle_units(xs *z, int r, const xh_ints *g, xh_ints *idle)
{
	int n = g->n, rc = 0;
	if (n < 3)
		return 0;
	int *before = malloc(sizeof(int) * (size_t)n * 2);
	if (!before)
		return z->oom = 1, -1;
	int *after = before + n;
	before[0] = -z->truth;
	for (int i = 1; i < n; i++) {
		int two[2] = {before[i - 1], busy_lit(z, r, g->v[i - 1])};
		before[i] = cnf_var(&z->f);
		sch__cnf_define_or(&z->f, before[i], two, 2);
	}
	after[n - 1] = -z->truth;
	for (int i = n - 2; i >= 0; i--) {
		int two[2] = {after[i + 1], busy_lit(z, r, g->v[i + 1])};
		after[i] = cnf_var(&z->f);
		sch__cnf_define_or(&z->f, after[i], two, 2);
	}
	for (int i = 1; rc == 0 && i < n - 1; i++) {
		int b = busy_lit(z, r, g->v[i]), v = cnf_var(&z->f);
		/* v <-> !b & before & after */
		cnf_clause2(&z->f, -v, -b);
		cnf_clause2(&z->f, -v, before[i]);
		cnf_clause2(&z->f, -v, after[i]);
		cnf_add(&z->f, v);
		cnf_add(&z->f, b);
		cnf_add(&z->f, -before[i]);
		cnf_add(&z->f, -after[i]);
		cnf_add(&z->f, 0);
		rc = push(z, idle, v);
	}
	free(before);
	return rc;
}

static int encode_constraint(xs *z, const xh_constraint *k)
{
	const sch_xhstt *x = z->x;
	xh_ints l = {0};
	int rc = 0;
	for (int p = 0; rc == 0 && p < k->points.n; p++) {
		int pt = k->points.v[p];
		/* the event's duration bounds its parts and their deviations (event constraints) */
		int D = k->kind == XH_PREFER_TIMES || k->kind == XH_SPLIT_EVENTS || k->kind == XH_DISTRIBUTE_SPLIT
				? x->events[pt].duration
				: 0;
		int64_t maxdev = 0;
		if (late(z)) {
			rc = -1;
			break;
		}
		l.n = 0;
		switch (k->kind) {
		case XH_PREFER_TIMES:
			for (int t = 0; rc == 0 && t < z->T; t++)
				for (int d = 1; rc == 0 && d <= z->M; d++)
					if (s_var(z, pt, t, d) && (k->duration < 0 || d == k->duration) && !k->tmask[t])
						rc = unit_add(z, s_var(z, pt, t, d), d);
			maxdev = D;
			break;
		case XH_SPLIT_EVENTS:
			for (int t = 0; rc == 0 && t < z->T; t++)
				for (int d = 1; rc == 0 && d <= z->M; d++)
					if (s_var(z, pt, t, d)) {
						rc = push(z, &l, s_var(z, pt, t, d));
						if (rc == 0 && (d < k->min_dur || d > k->max_dur))
							rc = unit_add(z, s_var(z, pt, t, d), 1);
					}
			if (rc == 0)
				rc = outside_units(z, l.v, l.n, k->min_amount, k->max_amount, 0, D);
			maxdev = (int64_t)D + (k->min_amount > D ? k->min_amount : D);
			break;
		case XH_DISTRIBUTE_SPLIT:
			for (int t = 0; rc == 0 && t < z->T; t++)
				if (s_var(z, pt, t, k->duration))
					rc = push(z, &l, s_var(z, pt, t, k->duration));
			if (rc == 0)
				rc = outside_units(z, l.v, l.n, k->min, k->max, 0, k->duration > 0 ? D / k->duration : 0);
			maxdev = k->duration > 0 ? (k->min > D / k->duration ? k->min : D / k->duration) : 0;
			break;
		case XH_SPREAD_EVENTS:
			for (int j = 0; rc == 0 && j < k->nspread; j++) {
				const unsigned char *in = x->tgmask + (size_t)k->spread[j].group * (size_t)x->ntimes;
				const xh_ints *ev = &x->egroups[pt].members;
				int parts = 0; /* at most one part a time of each event */
				for (int m = 0; m < ev->n; m++)
					parts += x->events[ev->v[m]].duration;
				l.n = 0;
				for (int m = 0; rc == 0 && m < ev->n; m++)
					for (int t = 0; rc == 0 && t < z->T; t++)
						for (int d = 1; rc == 0 && d <= z->M; d++)
							if (in[t] && s_var(z, ev->v[m], t, d))
								rc = push(z, &l, s_var(z, ev->v[m], t, d));
				if (rc == 0)
					rc = outside_units(z, l.v, l.n, k->spread[j].min, k->spread[j].max, 0, parts);
			}
			break;
		case XH_AVOID_CLASHES:
			if (k->required) /* stated as at most one in encode_busy */
				break;
			for (int t = 0; rc == 0 && t < z->T; t++) {
				rc = running_at(z, pt, t, &l);
				if (rc == 0 && l.n > 1)
					rc = outside_units(z, l.v, l.n, 0, 1, 0, 0);
			}
			break;
		case XH_AVOID_UNAVAILABLE:
			for (int t = 0; rc == 0 && t < z->T; t++)
				if (k->tmask[t] && z->busy[(size_t)pt * (size_t)z->T + (size_t)t])
					rc = unit_add(z, busy_lit(z, pt, t), 1);
			break;
		case XH_LIMIT_IDLE:
			for (int j = 0; rc == 0 && j < k->tgroups.n; j++)
				rc = idle_units(z, pt, &x->tgroups[k->tgroups.v[j]].members, &l);
			if (rc == 0)
				rc = outside_units(z, l.v, l.n, k->min, k->max, 0, 0);
			break;
		case XH_CLUSTER_BUSY:
			for (int j = 0; rc == 0 && j < k->tgroups.n; j++) {
				const xh_ints *g = &x->tgroups[k->tgroups.v[j]].members;
				xh_ints b = {0};
				for (int i = 0; rc == 0 && i < g->n; i++)
					if (z->busy[(size_t)pt * (size_t)z->T + (size_t)g->v[i]])
						rc = push(z, &b, busy_lit(z, pt, g->v[i]));
				if (rc == 0 && b.n > 0) {
					int v = cnf_var(&z->f);
					sch__cnf_define_or(&z->f, v, b.v, b.n);
					rc = push(z, &l, v);
				}
				free(b.v);
			}
			if (rc == 0)
				rc = outside_units(z, l.v, l.n, k->min, k->max, k->allow_zero, 0);
			break;
		default: /* AssignTime: every part has a time; unknown types: the evaluator skips them too */
			break;
		}
		if (rc == 0)
			rc = finish_point(z, k, maxdev);
	}
	free(l.v);
	return rc;
}

/* SCH_ENOTSUP when the archive holds what this encoding cannot state. */
static int supported(const sch_xhstt *x, char *why, size_t n)
{
	for (int e = 0; e < x->nevents; e++) {
		const xh_event *ev = &x->events[e];
		if (ev->duration > 64)
			return snprintf(why, n, "event %s lasts more than 64 times", ev->id), SCH_ENOTSUP;
		for (int i = 0; i < ev->nslots; i++)
			if (ev->slots[i].resource < 0)
				return snprintf(why, n, "event %s has a resource to assign", ev->id), SCH_ENOTSUP;
	}
	for (int c = 0; c < x->nconstraints; c++)
		if (x->constraints[c].kind == XH_LINK_EVENTS)
			return snprintf(why, n, "LinkEventsConstraint %s", x->constraints[c].id), SCH_ENOTSUP;
	/* every event gets its times here: exact only where leaving one out is infeasible anyway */
	char *timed = calloc((size_t)x->nevents + 1, 1);
	if (!timed)
		return SCH_ENOMEM;
	for (int c = 0; c < x->nconstraints; c++)
		if (x->constraints[c].kind == XH_ASSIGN_TIME && x->constraints[c].required)
			for (int p = 0; p < x->constraints[c].points.n; p++)
				timed[x->constraints[c].points.v[p]] = 1;
	for (int e = 0; e < x->nevents; e++)
		if (!timed[e]) {
			snprintf(why, n, "event %s is not required to have a time (no required AssignTimeConstraint)",
				 x->events[e].id);
			free(timed);
			return SCH_ENOTSUP;
		}
	free(timed);
	return 0;
}

static int encode(xs *z)
{
	const sch_xhstt *x = z->x;
	z->truth = cnf_var(&z->f);
	cnf_unit(&z->f, z->truth);
	for (int e = 0; e < x->nevents; e++) {
		const xh_event *ev = &x->events[e];
		for (int i = 0; i < ev->nslots; i++) {
			int r = ev->slots[i].resource, dup = 0;
			for (int j = 0; j < i; j++)
				dup |= ev->slots[j].resource == r;
			if (!dup && push(z, &z->rev[r], e) < 0)
				return -1;
		}
	}
	for (int c = 0; c < x->nconstraints; c++)
		if (x->constraints[c].kind == XH_AVOID_CLASHES && x->constraints[c].required)
			for (int p = 0; p < x->constraints[c].points.n; p++)
				z->hard_clash[x->constraints[c].points.v[p]] = 1;
	if (encode_events(z) < 0 || encode_busy(z) < 0)
		return -1;
	for (int c = 0; c < x->nconstraints; c++)
		if (encode_constraint(z, &x->constraints[c]) < 0)
			return -1;
	return z->oom || z->f.oom ? -1 : 0;
}

static void end_all(xs *z)
{
	__atomic_store_n(&z->sh->over, 1, __ATOMIC_RELEASE);
}

static int terminate(void *arg)
{
	xs *z = arg;
	const sch_solve_options *o = z->o;
	if (over(z) || (o->cancel && *o->cancel) || since(&z->end) >= 0)
		return 1;
	if (z->reports && o->progress && since(&z->last_tick) >= 0.1) {
		clock_gettime(CLOCK_MONOTONIC, &z->last_tick);
		int64_t best = __atomic_load_n(&z->sh->best.objective, __ATOMIC_ACQUIRE);
		sch_progress p = {.phase = "sat", .elapsed = since(&z->t0), .hard = best < 0 ? -1 : 0,
				  .soft = best, .best_bound = -1, .gap = -1};
		if (o->progress(&p, o->progress_payload) != 0) {
			z->sh->stopped = 1;
			end_all(z);
		}
	}
	return over(z);
}

static int64_t model_cost(const xs *z)
{
	int64_t c = z->obj_const;
	for (int i = 0; i < z->n_obj; i++)
		if (ccadical_val(z->f.cc, z->obj[i].lit) > 0)
			c += z->obj[i].w;
	return c;
}

/* The model's parts into out: each event's parts longest first (earliest first among equals). */
static void take_model(const xs *z, xh_sat *out)
{
	for (int e = 0; e < z->x->nevents; e++) {
		xh_split *sp = &out->split[e];
		int *tm = out->time + (size_t)e * 64;
		sp->n = 0;
		for (int d = z->M; d >= 1; d--)
			for (int t = 0; t < z->T; t++)
				if (s_var(z, e, t, d) && ccadical_val(z->f.cc, s_var(z, e, t, d)) > 0 && sp->n < 64) {
					tm[sp->n] = t;
					sp->len[sp->n++] = d;
				}
	}
}

/* --verbose: "sat: <what> <n> at <t>s" */
static void log_line(const xs *z, const char *what, long long n)
{
	char msg[160];
	if (!z->o->log)
		return;
	snprintf(msg, sizeof msg, "sat: %s %lld at %.2fs", what, n, since(&z->t0));
	z->o->log(SCH_LOG_INFO, msg, z->o->log_payload);
}

static void copy_solution(xh_sat *to, const xh_sat *from, int n_events)
{
	memcpy(to->split, from->split, sizeof *to->split * (size_t)n_events);
	memcpy(to->time, from->time, sizeof(int) * (size_t)n_events * 64);
	__atomic_store_n(&to->objective, from->objective, __ATOMIC_RELEASE);
}

/* The worker's best offered to the others (kept when cheaper than the shared one). */
static void publish(xs *z)
{
	shared *sh = z->sh;
	pthread_mutex_lock(&sh->mu);
	if (sh->best.objective < 0 || z->best < sh->best.objective) {
		z->mine.objective = z->best;
		copy_solution(&sh->best, &z->mine, z->x->nevents);
		sh->best.solutions++;
		log_line(z, "objective", (long long)z->best);
	}
	pthread_mutex_unlock(&sh->mu);
}

/* The shared best taken when it is cheaper than the worker's own. */
static void adopt(xs *z)
{
	shared *sh = z->sh;
	pthread_mutex_lock(&sh->mu);
	if (sh->best.objective >= 0 && (z->best < 0 || sh->best.objective < z->best)) {
		copy_solution(&z->mine, &sh->best, z->x->nevents);
		z->best = sh->best.objective;
	}
	pthread_mutex_unlock(&sh->mu);
}

/* The objective bounded: "at least k" over the units, each repeated by its weight, up to `bound`. */
static int objective_counter(xs *z, int64_t bound, int **out, int *n_out)
{
	xh_ints rep = {0};
	int64_t total = 0;
	for (int i = 0; i < z->n_obj; i++)
		total += z->obj[i].w;
	/* the totalizer's clauses grow with units x bound: past ~2 x 10^6 (0.2 s to build) the
	 * first solution stands */
	if (total > 200000 || total * (bound < total ? bound : total) > 2000000)
		return 1;
	for (int i = 0; i < z->n_obj; i++)
		for (int64_t m = 0; m < z->obj[i].w; m++)
			if (push(z, &rep, z->obj[i].lit) < 0) {
				free(rep.v);
				return -1;
			}
	*out = malloc(sizeof(int) * (size_t)(bound + 1));
	*n_out = *out ? sch__cnf_count(&z->f, rep.v, rep.n, (int)bound, *out) : -1;
	free(rep.v);
	if (*n_out < 0)
		z->oom = 1;
	return *n_out < 0 ? -1 : 0;
}

static uint64_t next_random(uint64_t *rng)
{
	*rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
	return *rng;
}

/* Frees the events of a random resource, then of resources of the freed events, until k are free. */
static int neighbourhood(const xs *z, char *freed, int k, uint64_t *rng)
{
	const sch_xhstt *x = z->x;
	int n = 0, ne = x->nevents;
	memset(freed, 0, (size_t)ne);
	for (int tries = 0; n < k && tries < 4 * ne; tries++) {
		int r = -1;
		if (n > 0 && next_random(rng) % 4 != 0) { /* a resource of a freed event */
			int pick = (int)(next_random(rng) % (uint64_t)n), e = 0;
			for (; e < ne; e++)
				if (freed[e] && pick-- == 0)
					break;
			if (e < ne && x->events[e].nslots > 0)
				r = x->events[e].slots[next_random(rng) % (uint64_t)x->events[e].nslots].resource;
		}
		if (r < 0)
			r = (int)(next_random(rng) % (uint64_t)x->nresources);
		for (int i = 0; i < z->rev[r].n && n < k; i++)
			if (!freed[z->rev[r].v[i]])
				freed[z->rev[r].v[i]] = 1, n++;
	}
	return n;
}

/* The cost of `start` (every event held there: one propagation) as the worker's best. */
static void take_start(xs *z, const xh_sat *start)
{
	for (int e = 0; e < z->x->nevents; e++) /* all parts valid first: assumptions stay until a solve */
		for (int i = 0; i < start->split[e].n; i++) {
			int t = start->time[e * 64 + i], d = start->split[e].len[i];
			if (t < 0 || t >= z->T || !s_var(z, e, t, d))
				return;
		}
	for (int e = 0; e < z->x->nevents; e++)
		for (int i = 0; i < start->split[e].n; i++)
			sch__cadical_assume(z->f.cc, s_var(z, e, start->time[e * 64 + i], start->split[e].len[i]));
	if (sch__cadical_solve(z->f.cc) == 10) {
		z->best = model_cost(z);
		take_model(z, &z->mine);
		publish(z);
	}
}

/*
 * Lowers the objective: each round frees the events of a few related resources (their
 * splits and times), holds the others where the best solution has them (assumptions) and
 * asks for a cheaper solution within a conflict budget; a neighbourhood proved to hold
 * nothing cheaper grows the next one, a budget run out shrinks it. Once it spans every
 * event, "nothing cheaper" is a proof of optimality. Sets z->status, z->optimal.
 */
static void search(xs *z, const xh_sat *start)
{
	const sch_xhstt *x = z->x;
	/* 500 conflicts a neighbourhood, the first of 20 events: BrazilInstance2 at 30 s reached
	 * its optimum on 3 seeds of 4 with these, as with 1000 / 20, 2000 / 8 and 8000 / 8 */
	int ne = x->nevents, k = 20, *bound = NULL, n_bound = 0, bounded = -1;
	char *freed = malloc((size_t)ne + 1);
	uint64_t rng = z->seed * 0x9E3779B97F4A7C15ull + 7;
	if (!freed) {
		z->status = SCH_ENOMEM;
		return;
	}
	if (start && start->split)
		take_start(z, start);
	while (!terminate(z)) {
		int full = 1;
		adopt(z);
		int64_t var = z->best - z->obj_const; /* what the units carry */
		if (z->best >= 0 && var <= 0) {
			z->optimal = 1;
			end_all(z);
			break;
		}
		if (var > 0) {
			if (!bound || 2 * var < n_bound) { /* a counter as tight as the best */
				free(bound);
				int c = objective_counter(z, var, &bound, &n_bound);
				if (c != 0) {
					z->status = c < 0 ? SCH_ENOMEM : 0;
					break;
				}
			}
			if (bounded != var)
				cnf_unit(&z->f, -bound[var - 1]), bounded = (int)var;
			full = neighbourhood(z, freed, k, &rng) >= ne;
			for (int e = 0; !full && e < ne; e++)
				for (int i = 0; !freed[e] && i < z->mine.split[e].n; i++)
					sch__cadical_assume(z->f.cc,
							    s_var(z, e, z->mine.time[e * 64 + i], z->mine.split[e].len[i]));
			if (!full)
				ccadical_limit(z->f.cc, "conflicts", 500);
		}
		int res = z->f.oom ? -1 : sch__cadical_solve(z->f.cc);
		if (res < 0) {
			z->status = SCH_ENOMEM;
			break;
		}
		if (res == 10) {
			z->best = model_cost(z);
			take_model(z, &z->mine);
			publish(z);
		} else if (res == 20 && full) { /* nothing (cheaper) exists */
			z->optimal = z->best >= 0;
			if (z->optimal)
				log_line(z, "proved optimal: objective", (long long)z->best);
			z->status = z->best >= 0 ? 0 : SCH_EINFEASIBLE;
			if (z->best < 0 && z->o->log)
				z->o->log(SCH_LOG_INFO,
					  "sat: proved that no solution meets every required constraint (every part "
					  "within one day); the search goes on for the least infeasibility",
					  z->o->log_payload);
			end_all(z);
		} else if (res == 20) {
			k = k < ne ? k + 1 : ne;
		} else {
			k = k > 3 ? k - 1 : 3; /* the budget ran out */
		}
	}
	free(bound);
	free(freed);
}

static int alloc_solution(xh_sat *r, int n_events)
{
	r->split = calloc((size_t)n_events + 1, sizeof *r->split);
	r->time = calloc((size_t)n_events * 64 + 1, sizeof(int));
	r->objective = -1;
	return r->split && r->time ? 0 : -1;
}

static void worker_free(xs *z)
{
	if (z->f.cc)
		ccadical_release(z->f.cc);
	for (int r = 0; z->rev && r < z->x->nresources; r++)
		free(z->rev[r].v);
	free(z->rev);
	free(z->s);
	free(z->o_);
	free(z->busy);
	free(z->hard_clash);
	free(z->obj);
	free(z->ulit.v);
	free(z->umult.v);
	sch__xhstt_sat_free(&z->mine);
}

typedef struct {
	xs *z;
	const xh_sat *start;
} work;

static void *worker(void *arg)
{
	work *w = arg;
	xs *z = w->z;
	const sch_xhstt *x = z->x;
	size_t ne = (size_t)x->nevents, nt = (size_t)z->T;
	z->best = -1;
	z->s = calloc(ne * nt * (size_t)z->M + 1, sizeof(int));
	z->o_ = calloc(ne * nt + 1, sizeof(int));
	z->busy = calloc((size_t)x->nresources * nt + 1, sizeof(int));
	z->rev = calloc((size_t)x->nresources + 1, sizeof *z->rev);
	z->hard_clash = calloc((size_t)x->nresources + 1, 1);
	/* quiet: the library never prints; false first: most parts and every unit are false */
	const char *names[] = {"quiet", "seed", "phase"};
	const int values[] = {1, (int)(z->seed & 0x7fffffff), 0};
	z->f.cc = sch__cadical_init(names, values, 3);
	if (!z->s || !z->o_ || !z->busy || !z->rev || !z->hard_clash || !z->f.cc ||
	    alloc_solution(&z->mine, x->nevents) < 0) {
		z->status = SCH_ENOMEM;
		return NULL;
	}
	if (encode(z) < 0) {
		z->status = z->late ? 0 : z->too_big ? SCH_ENOTSUP : SCH_ENOMEM;
		return NULL;
	}
	if (z->reports)
		log_line(z, "encoded, variables", z->f.nv);
	ccadical_set_terminate(z->f.cc, z, terminate);
	search(z, w->start);
	return NULL;
}

/* Two workers on two cores (different seeds and neighbourhoods, one best solution). */
#define SAT_WORKERS 2

int sch__xhstt_sat(const sch_xhstt *x, const sch_solve_options *o, double seconds, const xh_sat *start, xh_sat *out)
{
	shared sh = {.mu = PTHREAD_MUTEX_INITIALIZER};
	xs z[SAT_WORKERS];
	work w[SAT_WORKERS];
	int day_groups[SCH_MAX_DAYS], n_days = 0, n_periods = 0, rc;
	char why[200];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = cpus >= SAT_WORKERS ? SAT_WORKERS : 1;
	memset(out, 0, sizeof *out);
	memset(z, 0, sizeof z);
	out->objective = -1;
	int *slot = malloc(sizeof(int) * (size_t)(x->ntimes + 1));
	if (!slot || alloc_solution(&sh.best, x->nevents) < 0) {
		rc = sch_error_oom();
		goto done;
	}
	if (sch_xhstt__time_grid(x, slot, day_groups, &n_days, &n_periods, why, sizeof why) < 0 ||
	    (rc = supported(x, why, sizeof why)) != 0) {
		rc = rc == SCH_ENOMEM ? sch_error_oom()
				      : sch_error_set(SCH_ENOTSUP, "the SAT search cannot state this archive: %s", why);
		goto done;
	}
	struct timespec t0, end;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	double whole = (double)t0.tv_sec + 1e-9 * (double)t0.tv_nsec + seconds;
	end.tv_sec = (time_t)whole;
	end.tv_nsec = (long)((whole - (double)end.tv_sec) * 1e9);
	for (int i = 0; i < n; i++) {
		z[i] = (xs){.x = x, .o = o, .T = x->ntimes, .P = n_periods, .M = n_periods, .slot = slot, .sh = &sh,
			    .reports = i == 0, .seed = o->seed + (uint64_t)i * 1000003, .t0 = t0, .end = end,
			    .last_tick = t0};
		w[i] = (work){&z[i], start};
	}
	int threaded = n > 1 && pthread_create(&z[1].tid, NULL, worker, &w[1]) == 0;
	worker(&w[0]);
	if (threaded)
		pthread_join(z[1].tid, NULL);
	int proved_none = 0, oom = 0, optimal = 0, too_big = 0;
	for (int i = 0; i < n; i++) {
		too_big |= z[i].status == SCH_ENOTSUP;
		optimal |= z[i].optimal;
		proved_none |= z[i].status == SCH_EINFEASIBLE;
		oom |= z[i].status == SCH_ENOMEM;
	}
	int cancelled = sh.stopped || (o->cancel && *o->cancel);
	if (sh.best.objective >= 0) {
		*out = sh.best;
		out->optimal = optimal;
		memset(&sh.best, 0, sizeof sh.best);
		rc = cancelled && !optimal ? sch_error_set(SCH_ECANCELLED, "the SAT search was cancelled") : 0;
	} else if (too_big)
		rc = sch_error_set(SCH_ENOTSUP, "the SAT search cannot state this archive: counting a deviation with a "
						"Quadratic or Step cost would take millions of clauses");
	else if (proved_none)
		rc = sch_error_set(SCH_EINFEASIBLE, "no solution meets the required constraints (with every part within one day)");
	else if (oom)
		rc = sch_error_oom();
	else if (cancelled)
		rc = sch_error_set(SCH_ECANCELLED, "the SAT search was cancelled");
	else
		rc = sch_error_set(SCH_ETIMEOUT, "the SAT search found no solution in %.1fs", seconds);
done:
	for (int i = 0; i < SAT_WORKERS; i++)
		if (z[i].x)
			worker_free(&z[i]);
	sch__xhstt_sat_free(&sh.best);
	free(slot);
	return rc;
}

void sch__xhstt_sat_free(xh_sat *r)
{
	free(r->split);
	free(r->time);
	r->split = NULL;
	r->time = NULL;
}
