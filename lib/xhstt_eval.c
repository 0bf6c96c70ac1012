/* Evaluating an XHSTT solution: deviations and costs of every constraint, as the specification defines them. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "xhstt_int.h"

/* What one solution looks like from the resources' and the events' side. */
typedef struct {
	const sch_xhstt *x;
	const xh_solution *s;
	int *busy;  /* [resource * ntimes + time]: solution events containing the resource at the time */
	int *first; /* [event]: its first sub-event, -1 when none */
	int *next;  /* [sub]: the next sub-event of the same event, -1 at the end */
	int *mark, *stamp; /* scratch, ntimes entries each */
} view;

static int64_t apply(xh_costfn fn, int weight, int64_t dev)
{
	switch (fn) {
	case XH_QUADRATIC:
		return (int64_t)weight * dev * dev;
	case XH_STEP:
		return dev > 0 ? weight : 0;
	default:
		return (int64_t)weight * dev;
	}
}

static int64_t outside(int64_t v, int min, int max)
{
	return v < min ? min - v : v > max ? v - max : 0;
}

/* The last time + 1 a sub-event occupies: Duration consecutive times, cut at the end of the cycle. */
static int sub_end(const sch_xhstt *x, const xh_sub *u)
{
	int64_t end = (int64_t)u->time + u->duration;
	return end > x->ntimes ? x->ntimes : (int)end;
}

static int64_t dev_assign_time(const view *v, int e)
{
	int64_t d = 0;
	for (int i = v->first[e]; i >= 0; i = v->next[i])
		if (v->s->subs[i].time < 0)
			d += v->s->subs[i].duration;
	return d;
}

static int64_t dev_prefer_times(const view *v, const xh_constraint *k, int e)
{
	int64_t d = 0;
	for (int i = v->first[e]; i >= 0; i = v->next[i]) {
		const xh_sub *u = &v->s->subs[i];
		if (u->time >= 0 && (k->duration < 0 || u->duration == k->duration) && !k->tmask[u->time])
			d += u->duration;
	}
	return d;
}

static int64_t dev_split(const view *v, const xh_constraint *k, int e)
{
	int64_t d = 0, n = 0;
	for (int i = v->first[e]; i >= 0; i = v->next[i]) {
		int dur = v->s->subs[i].duration;
		n++;
		if (dur < k->min_dur || dur > k->max_dur)
			d++;
	}
	return d + outside(n, k->min_amount, k->max_amount);
}

static int64_t dev_distribute(const view *v, const xh_constraint *k, int e)
{
	int64_t n = 0;
	for (int i = v->first[e]; i >= 0; i = v->next[i])
		if (v->s->subs[i].duration == k->duration)
			n++;
	return outside(n, k->min, k->max);
}

static int64_t dev_spread(const view *v, const xh_constraint *k, int g)
{
	const sch_xhstt *x = v->x;
	const xh_ints *ev = &x->egroups[g].members;
	int64_t d = 0;
	for (int j = 0; j < k->nspread; j++) {
		const unsigned char *in = x->tgmask + (size_t)k->spread[j].group * (size_t)x->ntimes;
		int64_t n = 0;
		for (int m = 0; m < ev->n; m++)
			for (int i = v->first[ev->v[m]]; i >= 0; i = v->next[i])
				if (v->s->subs[i].time >= 0 && in[v->s->subs[i].time])
					n++;
		d += outside(n, k->spread[j].min, k->spread[j].max);
	}
	return d;
}

/* The times at which some but not all events of the group run. */
static int64_t dev_link(const view *v, int g)
{
	const sch_xhstt *x = v->x;
	const xh_ints *ev = &x->egroups[g].members;
	int64_t d = 0;
	memset(v->mark, 0, (size_t)x->ntimes * sizeof *v->mark);
	memset(v->stamp, 0, (size_t)x->ntimes * sizeof *v->stamp);
	for (int m = 0; m < ev->n; m++) {
		for (int i = v->first[ev->v[m]]; i >= 0; i = v->next[i]) {
			const xh_sub *u = &v->s->subs[i];
			if (u->time < 0)
				continue;
			/* stamp: each event counts once per time even if two of its sub-events overlap. */
			for (int t = u->time; t < sub_end(x, u); t++) {
				if (v->stamp[t] != m + 1) {
					v->stamp[t] = m + 1;
					v->mark[t]++;
				}
			}
		}
	}
	for (int t = 0; t < x->ntimes; t++)
		if (v->mark[t] > 0 && v->mark[t] < ev->n)
			d++;
	return d;
}

static const int *busy_row(const view *v, int r)
{
	return v->busy + (size_t)r * (size_t)v->x->ntimes;
}

static int64_t dev_clashes(const view *v, int r)
{
	const int *b = busy_row(v, r);
	int64_t d = 0;
	for (int t = 0; t < v->x->ntimes; t++)
		if (b[t] > 1)
			d += b[t] - 1;
	return d;
}

static int64_t dev_unavailable(const view *v, const xh_constraint *k, int r)
{
	const int *b = busy_row(v, r);
	int64_t d = 0;
	for (int t = 0; t < v->x->ntimes; t++)
		if (b[t] > 0 && k->tmask[t])
			d++;
	return d;
}

static int64_t dev_idle(const view *v, const xh_constraint *k, int r)
{
	const int *b = busy_row(v, r);
	int64_t idle = 0;
	for (int j = 0; j < k->tgroups.n; j++) {
		const xh_ints *tg = &v->x->tgroups[k->tgroups.v[j]].members;
		int lo = -1, hi = -1;
		for (int i = 0; i < tg->n; i++) {
			if (b[tg->v[i]] > 0) {
				if (lo < 0)
					lo = i;
				hi = i;
			}
		}
		for (int i = lo + 1; lo >= 0 && i < hi; i++)
			if (b[tg->v[i]] == 0)
				idle++;
	}
	return outside(idle, k->min, k->max);
}

static int64_t dev_cluster(const view *v, const xh_constraint *k, int r)
{
	const int *b = busy_row(v, r);
	int64_t n = 0;
	for (int j = 0; j < k->tgroups.n; j++) {
		const xh_ints *tg = &v->x->tgroups[k->tgroups.v[j]].members;
		for (int i = 0; i < tg->n; i++) {
			if (b[tg->v[i]] > 0) {
				n++;
				break;
			}
		}
	}
	if (k->allow_zero && n == 0)
		return 0;
	return outside(n, k->min, k->max);
}

static int64_t deviation(const view *v, const xh_constraint *k, int p)
{
	switch (k->kind) {
	case XH_ASSIGN_TIME:
		return dev_assign_time(v, p);
	case XH_PREFER_TIMES:
		return dev_prefer_times(v, k, p);
	case XH_SPLIT_EVENTS:
		return dev_split(v, k, p);
	case XH_DISTRIBUTE_SPLIT:
		return dev_distribute(v, k, p);
	case XH_SPREAD_EVENTS:
		return dev_spread(v, k, p);
	case XH_LINK_EVENTS:
		return dev_link(v, p);
	case XH_AVOID_CLASHES:
		return dev_clashes(v, p);
	case XH_AVOID_UNAVAILABLE:
		return dev_unavailable(v, k, p);
	case XH_LIMIT_IDLE:
		return dev_idle(v, k, p);
	case XH_CLUSTER_BUSY:
		return dev_cluster(v, k, p);
	default:
		return 0;
	}
}

static int build_view(view *v, const sch_xhstt *x, const xh_solution *s)
{
	v->x = x;
	v->s = s;
	v->busy = calloc((size_t)x->nresources * (size_t)x->ntimes + 1, sizeof *v->busy);
	v->first = malloc(((size_t)x->nevents + 1) * sizeof *v->first);
	v->next = malloc(((size_t)s->nsubs + 1) * sizeof *v->next);
	v->mark = calloc((size_t)x->ntimes + 1, sizeof *v->mark);
	v->stamp = calloc((size_t)x->ntimes + 1, sizeof *v->stamp);
	if (!v->busy || !v->first || !v->next || !v->mark || !v->stamp)
		return sch_error_oom();
	for (int e = 0; e < x->nevents; e++)
		v->first[e] = -1;
	/* Link backwards so each event's list keeps file order. */
	for (int i = s->nsubs - 1; i >= 0; i--) {
		const xh_sub *u = &s->subs[i];
		v->next[i] = v->first[u->event];
		v->first[u->event] = i;
		if (u->time < 0)
			continue;
		for (int j = 0; j < u->nres; j++) {
			if (u->res[j] < 0)
				continue;
			/* A resource listed twice in one event is still one attendance. */
			int dup = 0;
			for (int q = 0; q < j; q++)
				dup |= u->res[q] == u->res[j];
			if (dup)
				continue;
			int *row = v->busy + (size_t)u->res[j] * (size_t)x->ntimes;
			for (int t = u->time; t < sub_end(x, u); t++)
				row[t]++;
		}
	}
	return 0;
}

static void free_view(view *v)
{
	free(v->busy);
	free(v->first);
	free(v->next);
	free(v->mark);
	free(v->stamp);
}

int sch_xhstt_evaluate(const sch_xhstt *x, int solution, sch_xhstt_cost *out)
{
	view v = {0};
	int rc;
	memset(out, 0, sizeof *out);
	if (!x || solution < 0 || solution >= x->nsolutions)
		return sch_error_set(SCH_EINVALID, "no XHSTT solution %d (the archive has %d, counted from 1)", solution + 1,
				     x ? x->nsolutions : 0);
	if (!(out->constraints = calloc((size_t)x->nconstraints + 1, sizeof *out->constraints))) {
		rc = sch_error_oom();
		goto done;
	}
	if ((rc = build_view(&v, x, &x->solutions[solution])) < 0)
		goto done;
	out->count = x->nconstraints;
	for (int c = 0; c < x->nconstraints; c++) {
		const xh_constraint *k = &x->constraints[c];
		sch_xhstt_constraint_cost *cc = &out->constraints[c];
		cc->id = k->id;
		cc->name = k->name;
		cc->type = k->type;
		cc->supported = k->kind != XH_UNKNOWN;
		cc->required = k->required;
		cc->weight = k->weight;
		cc->points = k->points.n;
		if (!cc->supported)
			out->unsupported++;
		for (int p = 0; p < k->points.n; p++) {
			int64_t d = deviation(&v, k, k->points.v[p]);
			if (d > 0)
				cc->violated++;
			cc->deviation += d;
			cc->cost += apply(k->fn, k->weight, d);
		}
		if (k->required)
			out->infeasibility += cc->cost;
		else
			out->objective += cc->cost;
	}
	rc = 0;
done:
	free_view(&v);
	if (rc < 0)
		sch_xhstt_cost_free(out);
	return rc;
}

void sch_xhstt_cost_free(sch_xhstt_cost *c)
{
	if (!c)
		return;
	free(c->constraints);
	memset(c, 0, sizeof *c);
}
