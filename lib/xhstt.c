/* Reading an XHSTT archive: the first instance, its constraints and the solutions of it. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "error.h"
#include "xmlfile.h"
#include "namemap.h"
#include "xhstt_int.h"


int sch_xhstt__ints_push(xh_ints *l, int v)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 8;
		int *p = realloc(l->v, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = v;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

void sch_xhstt__ints_uniq(xh_ints *l)
{
	int k = 0;
	if (l->n > 1)
		qsort(l->v, (size_t)l->n, sizeof *l->v, cmp_int);
	for (int i = 0; i < l->n; i++)
		if (k == 0 || l->v[k - 1] != l->v[i])
			l->v[k++] = l->v[i];
	l->n = k;
}

/* ---- the reader's state ---- */

enum { M_TIME, M_TGROUP, M_RTYPE, M_RES, M_RGROUP, M_EVENT, M_EGROUP, M_COUNT };
static const char *const map_what[M_COUNT] = {"time",		"time group", "resource type", "resource",
					      "resource group", "event",      "event group"};

typedef struct {
	const char *path;
	sch_xhstt *x;
	sch_namemap maps[M_COUNT];
} loader;

static int fail(loader *ld, const xmlNode *n, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int fail(loader *ld, const xmlNode *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n)
		return sch_error_set(SCH_EINVALID, "%s:%ld: %s", ld->path, xmlGetLineNo(n), msg);
	return sch_error_set(SCH_EINVALID, "%s: %s", ld->path, msg);
}

static int line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l < INT_MAX ? (int)l : 0;
}

static int is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *first_el(xmlNode *n)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static xmlNode *next_el(xmlNode *n)
{
	return n ? first_el(n->next) : NULL;
}

static xmlNode *kid(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? first_el(n->children) : NULL; c; c = next_el(c))
		if (is(c, name))
			return c;
	return NULL;
}

#define FOR_KIDS(c, n) for (xmlNode *c = (n) ? first_el((n)->children) : NULL; c; c = next_el(c))

/* A malloc'ed copy of attribute `name`, or NULL when absent (*oom set on failure). */
static char *attr_dup(xmlNode *n, const char *name, int *oom)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = NULL;
	if (v && !(s = strdup((const char *)v)))
		*oom = 1;
	xmlFree(v);
	return s;
}

/* A malloc'ed copy of the text of child `name` with surrounding blanks trimmed; NULL when absent. */
static char *text_dup(xmlNode *n, const char *name, int *oom)
{
	xmlNode *c = kid(n, name);
	if (!c)
		return NULL;
	xmlChar *v = xmlNodeGetContent(c);
	const char *p = v ? (const char *)v : "";
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	size_t len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	char *s = malloc(len + 1);
	if (s) {
		memcpy(s, p, len);
		s[len] = 0;
	} else {
		*oom = 1;
	}
	xmlFree(v);
	return s;
}

/* The integer text of child `name`; `def` when absent and def > INT_MIN, an error otherwise. */
static int child_int(loader *ld, xmlNode *n, const char *name, int def, int *out)
{
	int oom = 0;
	char *s = text_dup(n, name, &oom), *end;
	*out = 0;
	if (oom)
		return sch_error_oom();
	if (!s) {
		if (def > INT_MIN) {
			*out = def;
			return 0;
		}
		return fail(ld, n, "<%s> lacks <%s>", (const char *)n->name, name);
	}
	errno = 0;
	long v = strtol(s, &end, 10);
	int bad = !*s || *end || errno || v < INT_MIN / 4 || v > INT_MAX / 4;
	int rc = bad ? fail(ld, kid(n, name), "<%s> is \"%s\", not an integer", name, s) : 0;
	free(s);
	if (!rc)
		*out = (int)v;
	return rc;
}

/* Resolves the Reference attribute of n in map m. */
static int ref(loader *ld, xmlNode *n, int m, int *out)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"Reference");
	int rc = 0;
	*out = -1; /* set on every path: -O3 cannot see that a failure returns < 0 */
	if (!v)
		return fail(ld, n, "<%s> lacks its Reference attribute", (const char *)n->name);
	if ((*out = sch_namemap_find(&ld->maps[m], (const char *)v)) < 0)
		rc = fail(ld, n, "<%s Reference=\"%s\">: no %s with this Id", (const char *)n->name,
			  (const char *)v, map_what[m]);
	xmlFree(v);
	return rc;
}

/* Reads the Id attribute and Name child of an entity and registers it in map m as index idx. */
static int named(loader *ld, xmlNode *n, int m, int idx, char **id, char **name)
{
	int oom = 0;
	*id = attr_dup(n, "Id", &oom);
	*name = text_dup(n, "Name", &oom);
	if (oom)
		return sch_error_oom();
	if (!*id)
		return fail(ld, n, "<%s> lacks its Id attribute", (const char *)n->name);
	if (!*name && !(*name = strdup("")))
		return sch_error_oom();
	int r = sch_namemap_add(&ld->maps[m], *id, idx);
	if (r < 0)
		return sch_error_oom();
	if (r > 0)
		return fail(ld, n, "%s Id \"%s\" is defined twice", map_what[m], *id);
	return 0;
}

/* Grows an array of `size`-byte items so that index n fits. */
static int grow(void *pp, int n, int *cap, size_t size)
{
	if (n < *cap)
		return 0;
	int c = *cap ? *cap * 2 : 16;
	void *p = realloc(*(void **)pp, (size_t)c * size);
	if (!p)
		return sch_error_oom();
	memset((char *)p + (size_t)*cap * size, 0, (size_t)(c - *cap) * size);
	*(void **)pp = p;
	*cap = c;
	return 0;
}

#define PUSH(ld, arr, n, cap)                                                                      \
	do {                                                                                       \
		int rc_ = grow(&(arr), (n), &(cap), sizeof *(arr));                                \
		if (rc_ < 0)                                                                       \
			return rc_;                                                                \
	} while (0)

static int push_member(xh_ints *l, int v)
{
	return sch_xhstt__ints_push(l, v) < 0 ? sch_error_oom() : 0;
}

/* ---- Times ---- */

static int read_times(loader *ld, xmlNode *times)
{
	sch_xhstt *x = ld->x;
	int cap = 0, gcap = 0, rc;
	FOR_KIDS (c, kid(times, "TimeGroups")) {
		if (!is(c, "TimeGroup") && !is(c, "Day") && !is(c, "Week"))
			continue;
		PUSH(ld, x->tgroups, x->ntgroups, gcap);
		xh_group *g = &x->tgroups[x->ntgroups++];
		if ((rc = named(ld, c, M_TGROUP, x->ntgroups - 1, &g->id, &g->name)) < 0)
			return rc;
		g->kind = is(c, "Day") ? XH_TG_DAY : is(c, "Week") ? XH_TG_WEEK : XH_TG_GROUP;
	}
	FOR_KIDS (c, times) {
		if (!is(c, "Time"))
			continue;
		PUSH(ld, x->times, x->ntimes, cap);
		xh_named *t = &x->times[x->ntimes++];
		if ((rc = named(ld, c, M_TIME, x->ntimes - 1, &t->id, &t->name)) < 0)
			return rc;
		int g;
		FOR_KIDS (r, c) {
			if (is(r, "Day") || is(r, "Week")) {
				if ((rc = ref(ld, r, M_TGROUP, &g)) < 0 ||
				    (rc = push_member(&x->tgroups[g].members, x->ntimes - 1)) < 0)
					return rc;
			}
		}
		FOR_KIDS (r, kid(c, "TimeGroups")) {
			if (!is(r, "TimeGroup"))
				continue;
			if ((rc = ref(ld, r, M_TGROUP, &g)) < 0 ||
			    (rc = push_member(&x->tgroups[g].members, x->ntimes - 1)) < 0)
				return rc;
		}
	}
	for (int g = 0; g < x->ntgroups; g++)
		sch_xhstt__ints_uniq(&x->tgroups[g].members);
	return 0;
}

/* ---- Resources ---- */

static int read_resources(loader *ld, xmlNode *res)
{
	sch_xhstt *x = ld->x;
	int tcap = 0, gcap = 0, cap = 0, rc, k;
	FOR_KIDS (c, kid(res, "ResourceTypes")) {
		if (!is(c, "ResourceType"))
			continue;
		PUSH(ld, x->rtypes, x->nrtypes, tcap);
		xh_named *t = &x->rtypes[x->nrtypes++];
		if ((rc = named(ld, c, M_RTYPE, x->nrtypes - 1, &t->id, &t->name)) < 0)
			return rc;
	}
	FOR_KIDS (c, kid(res, "ResourceGroups")) {
		if (!is(c, "ResourceGroup"))
			continue;
		PUSH(ld, x->rgroups, x->nrgroups, gcap);
		xh_group *g = &x->rgroups[x->nrgroups++];
		if ((rc = named(ld, c, M_RGROUP, x->nrgroups - 1, &g->id, &g->name)) < 0)
			return rc;
		xmlNode *t = kid(c, "ResourceType");
		if (t && (rc = ref(ld, t, M_RTYPE, &k)) < 0)
			return rc;
	}
	FOR_KIDS (c, res) {
		if (!is(c, "Resource"))
			continue;
		PUSH(ld, x->resources, x->nresources, cap);
		xh_named *r = &x->resources[x->nresources++];
		if ((rc = named(ld, c, M_RES, x->nresources - 1, &r->id, &r->name)) < 0)
			return rc;
		r->kind = -1;
		xmlNode *t = kid(c, "ResourceType");
		if (t && (rc = ref(ld, t, M_RTYPE, &k)) < 0)
			return rc;
		if (t)
			r->kind = k;
		FOR_KIDS (g, kid(c, "ResourceGroups")) {
			if (!is(g, "ResourceGroup"))
				continue;
			if ((rc = ref(ld, g, M_RGROUP, &k)) < 0 ||
			    (rc = push_member(&x->rgroups[k].members, x->nresources - 1)) < 0)
				return rc;
		}
	}
	for (int g = 0; g < x->nrgroups; g++)
		sch_xhstt__ints_uniq(&x->rgroups[g].members);
	return 0;
}

/* ---- Events ---- */

static int add_slot(xh_event *e, int resource, char *role, int *cap)
{
	if (e->nslots == *cap) {
		int c = *cap ? *cap * 2 : 4;
		xh_slot *p = realloc(e->slots, (size_t)c * sizeof *p);
		if (!p) {
			free(role);
			return sch_error_oom();
		}
		e->slots = p;
		*cap = c;
	}
	e->slots[e->nslots].resource = resource;
	e->slots[e->nslots++].role = role;
	return 0;
}

static int read_event(loader *ld, xmlNode *c)
{
	sch_xhstt *x = ld->x;
	int ei = x->nevents - 1, rc, k, scap = 0, oom = 0;
	xh_event *e = &x->events[ei];
	e->time = -1;
	e->course = -1;
	e->line = line_of(c);
	if ((rc = named(ld, c, M_EVENT, ei, &e->id, &e->name)) < 0)
		return rc;
	if ((rc = child_int(ld, c, "Duration", INT_MIN, &e->duration)) < 0)
		return rc;
	if (e->duration < 1)
		return fail(ld, kid(c, "Duration"), "event \"%s\": Duration %d is not positive", e->id, e->duration);
	xmlNode *t = kid(c, "Time");
	if (t && (rc = ref(ld, t, M_TIME, &e->time)) < 0)
		return rc;
	xmlNode *course = kid(c, "Course");
	if (course && ((rc = ref(ld, course, M_EGROUP, &k)) < 0 ||
		       (rc = push_member(&x->egroups[k].members, ei)) < 0))
		return rc;
	if (course)
		e->course = k;
	FOR_KIDS (g, kid(c, "EventGroups")) {
		if (!is(g, "EventGroup"))
			continue;
		if ((rc = ref(ld, g, M_EGROUP, &k)) < 0 || (rc = push_member(&x->egroups[k].members, ei)) < 0)
			return rc;
	}
	FOR_KIDS (r, kid(c, "Resources")) {
		if (!is(r, "Resource"))
			continue;
		int res = -1;
		if (xmlHasProp(r, (const xmlChar *)"Reference") && (rc = ref(ld, r, M_RES, &res)) < 0)
			return rc;
		char *role = text_dup(r, "Role", &oom);
		if (oom)
			return sch_error_oom();
		if ((rc = add_slot(e, res, role, &scap)) < 0)
			return rc;
	}
	/* An event's ResourceGroups preassign every resource of each group. */
	FOR_KIDS (g, kid(c, "ResourceGroups")) {
		if (!is(g, "ResourceGroup"))
			continue;
		if ((rc = ref(ld, g, M_RGROUP, &k)) < 0)
			return rc;
		for (int i = 0; i < x->rgroups[k].members.n; i++)
			if ((rc = add_slot(e, x->rgroups[k].members.v[i], NULL, &scap)) < 0)
				return rc;
	}
	return 0;
}

static int read_events(loader *ld, xmlNode *events)
{
	sch_xhstt *x = ld->x;
	int gcap = 0, cap = 0, rc;
	FOR_KIDS (c, kid(events, "EventGroups")) {
		if (!is(c, "EventGroup") && !is(c, "Course"))
			continue;
		PUSH(ld, x->egroups, x->negroups, gcap);
		xh_group *g = &x->egroups[x->negroups++];
		if ((rc = named(ld, c, M_EGROUP, x->negroups - 1, &g->id, &g->name)) < 0)
			return rc;
		g->kind = is(c, "Course");
	}
	FOR_KIDS (c, events) {
		if (!is(c, "Event"))
			continue;
		PUSH(ld, x->events, x->nevents, cap);
		x->nevents++;
		if ((rc = read_event(ld, c)) < 0)
			return rc;
	}
	for (int g = 0; g < x->negroups; g++)
		sch_xhstt__ints_uniq(&x->egroups[g].members);
	return 0;
}

/* ---- Constraints ---- */

static const struct {
	const char *name;
	xh_kind kind;
} kinds[] = {
	{"AssignTimeConstraint", XH_ASSIGN_TIME},
	{"AvoidClashesConstraint", XH_AVOID_CLASHES},
	{"AvoidUnavailableTimesConstraint", XH_AVOID_UNAVAILABLE},
	{"PreferTimesConstraint", XH_PREFER_TIMES},
	{"SplitEventsConstraint", XH_SPLIT_EVENTS},
	{"DistributeSplitEventsConstraint", XH_DISTRIBUTE_SPLIT},
	{"SpreadEventsConstraint", XH_SPREAD_EVENTS},
	{"LimitIdleTimesConstraint", XH_LIMIT_IDLE},
	{"ClusterBusyTimesConstraint", XH_CLUSTER_BUSY},
	{"LinkEventsConstraint", XH_LINK_EVENTS},
};

static int on_events(xh_kind k)
{
	return k == XH_ASSIGN_TIME || k == XH_PREFER_TIMES || k == XH_SPLIT_EVENTS || k == XH_DISTRIBUTE_SPLIT;
}

static int on_event_groups(xh_kind k)
{
	return k == XH_SPREAD_EVENTS || k == XH_LINK_EVENTS;
}

/* The points of application: events, event groups or resources, by kind, without duplicates. */
static int read_applies(loader *ld, xh_constraint *k, xmlNode *c)
{
	sch_xhstt *x = ld->x;
	xmlNode *a = kid(c, "AppliesTo");
	int rc, i;
	if (!a)
		return fail(ld, c, "constraint \"%s\" lacks <AppliesTo>", k->id);
	if (on_events(k->kind) || on_event_groups(k->kind)) {
		FOR_KIDS (e, kid(a, "Events")) {
			if (!is(e, "Event"))
				continue;
			if ((rc = ref(ld, e, M_EVENT, &i)) < 0)
				return rc;
			if (on_event_groups(k->kind))
				return fail(ld, e, "%s \"%s\" applies to event groups, not events", k->type, k->id);
			if ((rc = push_member(&k->points, i)) < 0)
				return rc;
		}
		FOR_KIDS (g, kid(a, "EventGroups")) {
			if (!is(g, "EventGroup"))
				continue;
			if ((rc = ref(ld, g, M_EGROUP, &i)) < 0)
				return rc;
			if (on_event_groups(k->kind)) {
				if ((rc = push_member(&k->points, i)) < 0)
					return rc;
				continue;
			}
			for (int j = 0; j < x->egroups[i].members.n; j++)
				if ((rc = push_member(&k->points, x->egroups[i].members.v[j])) < 0)
					return rc;
		}
	} else {
		FOR_KIDS (r, kid(a, "Resources")) {
			if (!is(r, "Resource"))
				continue;
			if ((rc = ref(ld, r, M_RES, &i)) < 0 || (rc = push_member(&k->points, i)) < 0)
				return rc;
		}
		FOR_KIDS (g, kid(a, "ResourceGroups")) {
			if (!is(g, "ResourceGroup"))
				continue;
			if ((rc = ref(ld, g, M_RGROUP, &i)) < 0)
				return rc;
			for (int j = 0; j < x->rgroups[i].members.n; j++)
				if ((rc = push_member(&k->points, x->rgroups[i].members.v[j])) < 0)
					return rc;
		}
	}
	sch_xhstt__ints_uniq(&k->points);
	return 0;
}

/* The time set of AvoidUnavailableTimes and PreferTimes: <Times> and <TimeGroups> together. */
static int read_time_set(loader *ld, xh_constraint *k, xmlNode *c)
{
	sch_xhstt *x = ld->x;
	int rc, i;
	if (!(k->tmask = calloc((size_t)x->ntimes + 1, 1)))
		return sch_error_oom();
	FOR_KIDS (t, kid(c, "Times")) {
		if (!is(t, "Time"))
			continue;
		if ((rc = ref(ld, t, M_TIME, &i)) < 0)
			return rc;
		k->tmask[i] = 1;
	}
	FOR_KIDS (g, kid(c, "TimeGroups")) {
		if (!is(g, "TimeGroup"))
			continue;
		if ((rc = ref(ld, g, M_TGROUP, &i)) < 0)
			return rc;
		for (int j = 0; j < x->tgroups[i].members.n; j++)
			k->tmask[x->tgroups[i].members.v[j]] = 1;
	}
	return 0;
}

static int read_min_max(loader *ld, xh_constraint *k, xmlNode *c)
{
	int rc;
	if ((rc = child_int(ld, c, "Minimum", 0, &k->min)) < 0 ||
	    (rc = child_int(ld, c, "Maximum", INT_MAX / 4, &k->max)) < 0)
		return rc;
	return 0;
}

static int read_constraint(loader *ld, xh_constraint *k, xmlNode *c)
{
	int rc, oom = 0, i;
	k->duration = -1;
	k->line = line_of(c);
	k->type = strdup((const char *)c->name);
	k->id = attr_dup(c, "Id", &oom);
	k->name = text_dup(c, "Name", &oom);
	if (!k->type || oom || (!k->name && !(k->name = strdup(""))))
		return sch_error_oom();
	if (!k->id)
		return fail(ld, c, "<%s> lacks its Id attribute", k->type);
	for (size_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++)
		if (strcmp(kinds[j].name, k->type) == 0)
			k->kind = kinds[j].kind;
	char *req = text_dup(c, "Required", &oom), *fn = text_dup(c, "CostFunction", &oom);
	if (oom) {
		free(req);
		free(fn);
		return sch_error_oom();
	}
	rc = 0;
	if (!req || (strcmp(req, "true") && strcmp(req, "false")))
		rc = fail(ld, c, "constraint \"%s\": <Required> must be true or false", k->id);
	else
		k->required = strcmp(req, "true") == 0;
	if (!rc && fn && strcmp(fn, "Linear") == 0)
		k->fn = XH_LINEAR;
	else if (!rc && fn && strcmp(fn, "Quadratic") == 0)
		k->fn = XH_QUADRATIC;
	else if (!rc && fn && strcmp(fn, "Step") == 0)
		k->fn = XH_STEP;
	else if (!rc)
		rc = fail(ld, c, "constraint \"%s\": <CostFunction> must be Linear, Quadratic or Step", k->id);
	free(req);
	free(fn);
	if (rc < 0 || (rc = child_int(ld, c, "Weight", INT_MIN, &k->weight)) < 0)
		return rc;
	if (k->weight < 0)
		return fail(ld, kid(c, "Weight"), "constraint \"%s\": negative <Weight>", k->id);
	if (k->kind == XH_UNKNOWN)
		return 0;
	if ((rc = read_applies(ld, k, c)) < 0)
		return rc;
	switch (k->kind) {
	case XH_AVOID_UNAVAILABLE:
		return read_time_set(ld, k, c);
	case XH_PREFER_TIMES:
		if ((rc = read_time_set(ld, k, c)) < 0)
			return rc;
		return child_int(ld, c, "Duration", -1, &k->duration);
	case XH_SPLIT_EVENTS:
		if ((rc = child_int(ld, c, "MinimumDuration", INT_MIN, &k->min_dur)) < 0 ||
		    (rc = child_int(ld, c, "MaximumDuration", INT_MIN, &k->max_dur)) < 0 ||
		    (rc = child_int(ld, c, "MinimumAmount", INT_MIN, &k->min_amount)) < 0 ||
		    (rc = child_int(ld, c, "MaximumAmount", INT_MIN, &k->max_amount)) < 0)
			return rc;
		return 0;
	case XH_DISTRIBUTE_SPLIT:
		if ((rc = child_int(ld, c, "Duration", INT_MIN, &k->duration)) < 0 ||
		    (rc = child_int(ld, c, "Minimum", INT_MIN, &k->min)) < 0 ||
		    (rc = child_int(ld, c, "Maximum", INT_MIN, &k->max)) < 0)
			return rc;
		return 0;
	case XH_SPREAD_EVENTS: {
		int cap = 0;
		FOR_KIDS (g, kid(c, "TimeGroups")) {
			if (!is(g, "TimeGroup"))
				continue;
			PUSH(ld, k->spread, k->nspread, cap);
			xh_spread *s = &k->spread[k->nspread++];
			if ((rc = ref(ld, g, M_TGROUP, &s->group)) < 0 ||
			    (rc = child_int(ld, g, "Minimum", 0, &s->min)) < 0 ||
			    (rc = child_int(ld, g, "Maximum", INT_MAX / 4, &s->max)) < 0)
				return rc;
		}
		return 0;
	}
	case XH_LIMIT_IDLE:
	case XH_CLUSTER_BUSY: {
		FOR_KIDS (g, kid(c, "TimeGroups")) {
			if (!is(g, "TimeGroup"))
				continue;
			if ((rc = ref(ld, g, M_TGROUP, &i)) < 0 || (rc = push_member(&k->tgroups, i)) < 0)
				return rc;
		}
		if ((rc = read_min_max(ld, k, c)) < 0)
			return rc;
		char *az = text_dup(c, "AllowZero", &oom);
		if (oom)
			return sch_error_oom();
		k->allow_zero = az && strcmp(az, "true") == 0;
		free(az);
		return 0;
	}
	default:
		return 0;
	}
}

static int read_constraints(loader *ld, xmlNode *cons)
{
	sch_xhstt *x = ld->x;
	int cap = 0, rc;
	FOR_KIDS (c, cons) {
		PUSH(ld, x->constraints, x->nconstraints, cap);
		if ((rc = read_constraint(ld, &x->constraints[x->nconstraints++], c)) < 0)
			return rc;
	}
	return 0;
}

/* ---- Solutions ---- */

/* Fills an open role of the sub-event with a resource the solution assigns. */
static int assign_role(loader *ld, xh_sub *s, const xh_event *e, xmlNode *r)
{
	int res, rc, oom = 0;
	if ((rc = ref(ld, r, M_RES, &res)) < 0)
		return rc;
	char *role = text_dup(r, "Role", &oom);
	if (oom)
		return sch_error_oom();
	for (int i = 0; i < e->nslots; i++) {
		if (e->slots[i].role && role && strcmp(e->slots[i].role, role) == 0) {
			free(role);
			s->res[i] = res;
			return 0;
		}
	}
	rc = fail(ld, r, "event \"%s\" has no resource with role \"%s\"", e->id, role ? role : "");
	free(role);
	return rc;
}

static int read_solution(loader *ld, xmlNode *sol, int group)
{
	sch_xhstt *x = ld->x;
	int rc, scap = 0, oom = 0, *total = NULL;
	xh_solution *s = &x->solutions[x->nsolutions - 1];
	s->group = group;
	s->line = line_of(sol);
	s->description = text_dup(sol, "Description", &oom);
	if (oom)
		return sch_error_oom();
	if (s->description && !*s->description) {
		free(s->description);
		s->description = NULL;
	}
	xmlNode *rep = kid(sol, "Report");
	if (rep && kid(rep, "InfeasibilityValue") && kid(rep, "ObjectiveValue")) {
		int inf, obj;
		if ((rc = child_int(ld, rep, "InfeasibilityValue", 0, &inf)) < 0 ||
		    (rc = child_int(ld, rep, "ObjectiveValue", 0, &obj)) < 0)
			return rc;
		s->has_report = 1;
		s->rep_inf = inf;
		s->rep_obj = obj;
	}
	if (!(total = calloc((size_t)x->nevents + 1, sizeof *total)))
		return sch_error_oom();
	FOR_KIDS (ev, kid(sol, "Events")) {
		if (!is(ev, "Event"))
			continue;
		int ei;
		if ((rc = ref(ld, ev, M_EVENT, &ei)) < 0)
			goto done;
		const xh_event *e = &x->events[ei];
		if ((rc = grow(&s->subs, s->nsubs, &scap, sizeof *s->subs)) < 0)
			goto done;
		xh_sub *sub = &s->subs[s->nsubs++];
		sub->event = ei;
		sub->time = e->time;
		if ((rc = child_int(ld, ev, "Duration", e->duration, &sub->duration)) < 0)
			goto done;
		if (sub->duration < 1) {
			rc = fail(ld, ev, "solution event of \"%s\": Duration %d is not positive", e->id,
				  sub->duration);
			goto done;
		}
		xmlNode *t = kid(ev, "Time");
		if (t && (rc = ref(ld, t, M_TIME, &sub->time)) < 0)
			goto done;
		if (e->nslots && !(sub->res = malloc((size_t)e->nslots * sizeof *sub->res))) {
			rc = sch_error_oom();
			goto done;
		}
		sub->nres = e->nslots;
		for (int i = 0; i < e->nslots; i++)
			sub->res[i] = e->slots[i].resource;
		FOR_KIDS (r, kid(ev, "Resources")) {
			if (is(r, "Resource") && (rc = assign_role(ld, sub, e, r)) < 0)
				goto done;
		}
		total[ei] += sub->duration;
		if (total[ei] > e->duration) {
			rc = fail(ld, ev, "the solution events of \"%s\" last longer than its Duration %d", e->id,
				  e->duration);
			goto done;
		}
	}
	/* An event the solution does not mention is one unassigned sub-event (or at its preassigned time). */
	for (int ei = 0; ei < x->nevents; ei++) {
		const xh_event *e = &x->events[ei];
		if (total[ei] == e->duration)
			continue;
		if (total[ei] != 0) {
			rc = fail(ld, sol, "the solution events of \"%s\" last %d in all, not its Duration %d", e->id,
				  total[ei], e->duration);
			goto done;
		}
		if ((rc = grow(&s->subs, s->nsubs, &scap, sizeof *s->subs)) < 0)
			goto done;
		xh_sub *sub = &s->subs[s->nsubs++];
		sub->event = ei;
		sub->time = e->time;
		sub->duration = e->duration;
		if (e->nslots && !(sub->res = malloc((size_t)e->nslots * sizeof *sub->res))) {
			rc = sch_error_oom();
			goto done;
		}
		sub->nres = e->nslots;
		for (int i = 0; i < e->nslots; i++)
			sub->res[i] = e->slots[i].resource;
	}
	rc = 0;
done:
	free(total);
	return rc;
}

static int read_solutions(loader *ld, xmlNode *groups)
{
	sch_xhstt *x = ld->x;
	int gcap = 0, cap = 0, rc, oom = 0;
	FOR_KIDS (g, groups) {
		if (!is(g, "SolutionGroup"))
			continue;
		PUSH(ld, x->sgroups, x->nsgroups, gcap);
		xh_sgroup *sg = &x->sgroups[x->nsgroups++];
		xmlNode *meta = kid(g, "MetaData");
		sg->id = attr_dup(g, "Id", &oom);
		sg->contributor = text_dup(meta, "Contributor", &oom);
		sg->description = text_dup(meta, "Description", &oom);
		sg->date = text_dup(meta, "Date", &oom);
		if (oom)
			return sch_error_oom();
		if (!sg->id)
			return fail(ld, g, "<SolutionGroup> lacks its Id attribute");
		FOR_KIDS (s, g) {
			if (!is(s, "Solution"))
				continue;
			xmlChar *r = xmlGetProp(s, (const xmlChar *)"Reference");
			int mine = r && strcmp((const char *)r, x->id) == 0;
			xmlFree(r);
			if (!mine)
				continue;
			PUSH(ld, x->solutions, x->nsolutions, cap);
			x->nsolutions++;
			if ((rc = read_solution(ld, s, x->nsgroups - 1)) < 0)
				return rc;
		}
	}
	return 0;
}

/* ---- XML errors and the archive ---- */

static int read_archive(loader *ld, xmlDoc *doc)
{
	sch_xhstt *x = ld->x;
	xmlNode *root = xmlDocGetRootElement(doc), *inst = NULL;
	int rc, oom = 0;
	if (!is(root, "HighSchoolTimetableArchive"))
		return fail(ld, root, "not an XHSTT archive: the root element is <%s>, not <HighSchoolTimetableArchive>",
			    root ? (const char *)root->name : "");
	FOR_KIDS (c, kid(root, "Instances")) {
		if (!is(c, "Instance"))
			continue;
		if (!inst)
			inst = c;
		else
			x->skipped_instances++;
	}
	if (!inst)
		return fail(ld, root, "the archive has no <Instances><Instance>");
	x->id = attr_dup(inst, "Id", &oom);
	x->name = text_dup(kid(inst, "MetaData"), "Name", &oom);
	if (oom || (!x->name && !(x->name = strdup(""))))
		return sch_error_oom();
	if (!x->id)
		return fail(ld, inst, "<Instance> lacks its Id attribute");
	xmlNode *times = kid(inst, "Times"), *res = kid(inst, "Resources"), *ev = kid(inst, "Events");
	if (!times || !ev)
		return fail(ld, inst, "instance \"%s\" lacks <%s>", x->id, times ? "Events" : "Times");
	if ((rc = read_times(ld, times)) < 0 || (res && (rc = read_resources(ld, res)) < 0) ||
	    (rc = read_events(ld, ev)) < 0)
		return rc;
	if (!(x->tgmask = calloc((size_t)x->ntgroups * (size_t)x->ntimes + 1, 1)))
		return sch_error_oom();
	for (int g = 0; g < x->ntgroups; g++)
		for (int j = 0; j < x->tgroups[g].members.n; j++)
			x->tgmask[(size_t)g * (size_t)x->ntimes + (size_t)x->tgroups[g].members.v[j]] = 1;
	xmlNode *cons = kid(inst, "Constraints");
	if (cons && (rc = read_constraints(ld, cons)) < 0)
		return rc;
	xmlNode *sg = kid(root, "SolutionGroups");
	if (sg && (rc = read_solutions(ld, sg)) < 0)
		return rc;
	return 0;
}

int sch_xhstt_load(sch_xhstt **out, const char *path)
{
	loader ld = {0};
	xmlDoc *doc = NULL;
	int rc;
	*out = NULL;
	ld.path = path;
	if (!(ld.x = calloc(1, sizeof *ld.x)) || !(ld.x->path = strdup(path))) {
		rc = sch_error_oom();
		goto done;
	}
	if ((rc = sch_xml_read_file(&doc, path, SCH_XHSTT_MAX_BYTES, "an XHSTT archive", NULL)) < 0)
		goto done;
	if ((rc = read_archive(&ld, doc)) < 0)
		goto done;
	*out = ld.x;
	ld.x = NULL;
	rc = 0;
done:
	for (int m = 0; m < M_COUNT; m++)
		sch_namemap_free(&ld.maps[m]);
	xmlFreeDoc(doc);
	sch_xhstt_free(ld.x);
	return rc;
}

static void free_groups(xh_group *g, int n)
{
	for (int i = 0; i < n; i++) {
		free(g[i].id);
		free(g[i].name);
		free(g[i].members.v);
	}
	free(g);
}

static void free_named(xh_named *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
	}
	free(v);
}

void sch_xhstt_free(sch_xhstt *x)
{
	if (!x)
		return;
	free_named(x->times, x->ntimes);
	free_groups(x->tgroups, x->ntgroups);
	free_named(x->rtypes, x->nrtypes);
	free_named(x->resources, x->nresources);
	free_groups(x->rgroups, x->nrgroups);
	for (int i = 0; i < x->nevents; i++) {
		free(x->events[i].id);
		free(x->events[i].name);
		for (int j = 0; j < x->events[i].nslots; j++)
			free(x->events[i].slots[j].role);
		free(x->events[i].slots);
	}
	free(x->events);
	free_groups(x->egroups, x->negroups);
	for (int i = 0; i < x->nconstraints; i++) {
		xh_constraint *k = &x->constraints[i];
		free(k->id);
		free(k->name);
		free(k->type);
		free(k->points.v);
		free(k->tmask);
		free(k->tgroups.v);
		free(k->spread);
	}
	free(x->constraints);
	for (int i = 0; i < x->nsgroups; i++) {
		free(x->sgroups[i].id);
		free(x->sgroups[i].contributor);
		free(x->sgroups[i].description);
		free(x->sgroups[i].date);
	}
	free(x->sgroups);
	for (int i = 0; i < x->nsolutions; i++) {
		for (int j = 0; j < x->solutions[i].nsubs; j++)
			free(x->solutions[i].subs[j].res);
		free(x->solutions[i].subs);
		free(x->solutions[i].description);
	}
	free(x->solutions);
	free(x->tgmask);
	free(x->id);
	free(x->name);
	free(x->path);
	free(x);
}

void sch_xhstt_instance(const sch_xhstt *x, sch_xhstt_instance_info *out)
{
	memset(out, 0, sizeof *out);
	if (!x)
		return;
	out->id = x->id;
	out->name = x->name;
	out->times = x->ntimes;
	out->resources = x->nresources;
	out->events = x->nevents;
	out->constraints = x->nconstraints;
	out->instances_skipped = x->skipped_instances;
}

int sch_xhstt_solution_count(const sch_xhstt *x)
{
	return x ? x->nsolutions : 0;
}

int sch_xhstt_solution_info(const sch_xhstt *x, int i, sch_xhstt_solution *out)
{
	memset(out, 0, sizeof *out);
	if (!x || i < 0 || i >= x->nsolutions)
		return sch_error_set(SCH_EINVALID, "no XHSTT solution %d (the archive has %d, counted from 1)", i + 1,
				     x ? x->nsolutions : 0);
	const xh_solution *s = &x->solutions[i];
	const xh_sgroup *g = &x->sgroups[s->group];
	out->group = g->id;
	out->contributor = g->contributor;
	out->description = s->description ? s->description : g->description;
	out->date = g->date;
	out->has_report = s->has_report;
	out->reported_infeasibility = s->rep_inf;
	out->reported_objective = s->rep_obj;
	out->sub_events = s->nsubs;
	out->line = s->line;
	return 0;
}
