/* Importing a FET file: days, hours, subjects, teachers, students sets and activities. */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "error.h"
#include "fet_int.h"
#include "xmlfile.h"
#include "schedule/school.h"

#define MAX_FET_BYTES ((size_t)256 << 20)

/* ---- XML helpers ---- */

int sch_fet__is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNode *sch_fet__kid(xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		if (sch_fet__is(c, name))
			return c;
	return NULL;
}

const char *sch_fet__text(fet_ctx *x, xmlNode *n)
{
	if (!n)
		return NULL;
	xmlChar *v = xmlNodeGetContent(n);
	if (!v) {
		x->oom = 1;
		return NULL;
	}
	const char *b = (const char *)v, *e = b + strlen(b);
	while (*b && isspace((unsigned char)*b))
		b++;
	while (e > b && isspace((unsigned char)e[-1]))
		e--;
	char *out = sch_school_alloc(x->scratch, (size_t)(e - b) + 1);
	if (out)
		memcpy(out, b, (size_t)(e - b));
	else
		x->oom = 1;
	xmlFree(v);
	return out;
}

const char *sch_fet__ktext(fet_ctx *x, xmlNode *n, const char *name)
{
	return sch_fet__text(x, sch_fet__kid(n, name));
}

int sch_fet__kint(fet_ctx *x, xmlNode *n, const char *name, int lo, int hi, int *out)
{
	xmlNode *k = sch_fet__kid(n, name);
	const char *t = sch_fet__text(x, k);
	char *end;
	if (!k || !t) {
		sch_fet__error(x, n, "<%s> lacks <%s>", (const char *)n->name, name);
		return -1;
	}
	long v = strtol(t, &end, 10);
	if (!*t || *end || v < lo || v > hi) {
		sch_fet__error(x, k, "<%s>: expected a whole number %d-%d, not \"%s\"", name, lo, hi, t);
		return -1;
	}
	*out = (int)v;
	return 0;
}

void sch_fet__error(fet_ctx *x, const xmlNode *n, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int line = n ? (int)xmlGetLineNo((xmlNode *)n) : 0;
	if (line < 0)
		line = 0;
	if (!x->errors)
		snprintf(x->first_error, sizeof x->first_error, "%s:%d: %s", x->path, line, msg);
	x->errors++;
	sch_diags_add(x->diags, SCH_DIAG_ERROR, x->path, line, 0, "%s", msg);
}

void sch_fet__unsupported(fet_ctx *x, const char *what, const char *reason, int line)
{
	sch_fet_report *r = x->rep;
	for (int i = 0; i < r->n_items; i++)
		if (strcmp(r->items[i].what, what) == 0) {
			r->items[i].count++;
			return;
		}
	sch_fet_item *items = realloc(r->items, sizeof *items * (size_t)(r->n_items + 1));
	if (!items) {
		x->oom = 1;
		return;
	}
	r->items = items;
	sch_fet_item *it = &items[r->n_items];
	it->what = strdup(what);
	it->reason = strdup(reason ? reason : "");
	it->count = 1;
	it->line = line;
	if (!it->what || !it->reason) {
		free((char *)it->what);
		free((char *)it->reason);
		x->oom = 1;
		return;
	}
	r->n_items++;
}

void sch_fet__note(fet_ctx *x, const char *fmt, ...)
{
	sch_fet_report *r = x->rep;
	char buf[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char **notes = realloc(r->notes, sizeof *notes * (size_t)(r->n_notes + 1));
	if (!notes) {
		x->oom = 1;
		return;
	}
	r->notes = notes;
	if (!(notes[r->n_notes] = strdup(buf)))
		x->oom = 1;
	else
		r->n_notes++;
}

void sch_fet_report_free(sch_fet_report *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->n_items; i++) {
		free((char *)r->items[i].what);
		free((char *)r->items[i].reason);
	}
	free(r->items);
	for (int i = 0; i < r->n_notes; i++)
		free(r->notes[i]);
	free(r->notes);
	memset(r, 0, sizeof *r);
}

static int count_kids(xmlNode *n, const char *name)
{
	int k = 0;
	if (n)
		for (xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && (!name || sch_fet__is(c, name)))
				k++;
	return k;
}

#define FOR_KIDS(c, parent, name)                                                                          \
	for (xmlNode *c = (parent) ? (parent)->children : NULL; c; c = c->next)                            \
		if (sch_fet__is(c, name))

/* A <Name> child that is present, non-empty and new in `map` (as index val); NULL otherwise. */
static const char *unique_name(fet_ctx *x, xmlNode *n, fet_map *map, int val, const char *what)
{
	const char *name = sch_fet__ktext(x, n, "Name");
	if (!name || !*name) {
		if (!x->oom)
			sch_fet__error(x, n, "a %s without <Name>", what);
		return NULL;
	}
	int r = sch_namemap_add(map, name, val);
	if (r < 0) {
		x->oom = 1;
		return NULL;
	}
	if (r == 1) {
		sch_fet__error(x, n, "%s \"%s\" is defined twice", what, name);
		return NULL;
	}
	return name;
}

/* ---- days and hours ---- */

static void read_time(fet_ctx *x, xmlNode *root)
{
	sch_school *s = x->s;
	xmlNode *dl = sch_fet__kid(root, "Days_List"), *hl = sch_fet__kid(root, "Hours_List");
	int nd = count_kids(dl, "Day"), nh = count_kids(hl, "Hour");
	if (!dl || nd == 0) {
		sch_fet__error(x, dl ? dl : root, "the file has no days (<Days_List><Day>)");
		return;
	}
	if (!hl || nh == 0) {
		sch_fet__error(x, hl ? hl : root, "the file has no hours (<Hours_List><Hour>)");
		return;
	}
	if (nd > SCH_MAX_DAYS) {
		sch_fet__error(x, dl, "%d days a week: the school model holds at most %d", nd, SCH_MAX_DAYS);
		return;
	}
	if (nh > SCH_MAX_PERIODS) {
		sch_fet__error(x, hl, "%d hours a day: the school model holds at most %d", nh, SCH_MAX_PERIODS);
		return;
	}
	int k = 0;
	FOR_KIDS (d, dl, "Day") {
		unique_name(x, d, &x->days, k, "day");
		s->day_codes[k] = k;
		k++;
	}
	s->n_days = nd;
	k = 0;
	/* FET hours have names, not times: bells from 08:00, 45 minutes each, 5 minutes apart. */
	FOR_KIDS (h, hl, "Hour") {
		unique_name(x, h, &x->hours, k, "hour");
		s->bells[k].start_min = 8 * 60 + 50 * k;
		s->bells[k].end_min = s->bells[k].start_min + 45;
		k++;
	}
	s->n_periods = nh;
	s->shifts = sch_school_alloc(s, sizeof *s->shifts);
	if (!s->shifts) {
		x->oom = 1;
		return;
	}
	s->n_shifts = 1;
	x->max_shifts = 1;
	s->shifts[0].id = sch_school_strdup(s, "1");
	s->shifts[0].name = sch_school_strdup(s, "FET");
	s->shifts[0].first = 0;
	s->shifts[0].last = nh - 1;
}

/* ---- subjects, teachers, rooms ---- */

static void read_subjects(fet_ctx *x, xmlNode *root)
{
	sch_school *s = x->s;
	xmlNode *l = sch_fet__kid(root, "Subjects_List");
	int n = count_kids(l, "Subject");
	s->subjects = sch_school_alloc(s, sizeof *s->subjects * (size_t)(n + 1));
	if (!s->subjects) {
		x->oom = 1;
		return;
	}
	FOR_KIDS (c, l, "Subject") {
		const char *name = unique_name(x, c, &x->subjects, s->n_subjects, "subject");
		if (!name)
			continue;
		sch_subject_def *sub = &s->subjects[s->n_subjects++];
		sub->id = sch_school_strdup(s, name);
		sub->room_kind = -1;
		sub->double_rule = SCH_DOUBLE_NO;
		sub->line = (int)xmlGetLineNo(c);
		if (!sub->id)
			x->oom = 1;
	}
}

static void read_teachers(fet_ctx *x, xmlNode *root)
{
	sch_school *s = x->s;
	xmlNode *l = sch_fet__kid(root, "Teachers_List");
	int n = count_kids(l, "Teacher");
	s->teachers = sch_school_alloc(s, sizeof *s->teachers * (size_t)(n + 1));
	if (!s->teachers) {
		x->oom = 1;
		return;
	}
	FOR_KIDS (c, l, "Teacher") {
		const char *name = unique_name(x, c, &x->teachers, s->n_teachers, "teacher");
		if (!name)
			continue;
		sch_teacher_def *t = &s->teachers[s->n_teachers++];
		t->id = sch_school_strdup(s, name);
		t->name = t->id;
		t->methodical_day = -1;
		t->line = (int)xmlGetLineNo(c);
	}
}

static void read_rooms(fet_ctx *x, xmlNode *root)
{
	sch_school *s = x->s;
	xmlNode *l = sch_fet__kid(root, "Rooms_List");
	int n = count_kids(l, "Room");
	if (n == 0)
		return;
	s->rooms = sch_school_alloc(s, sizeof *s->rooms * (size_t)(n + 1));
	/* at most one room kind per room (a subject's preferred room) */
	s->room_kinds = sch_school_alloc(s, sizeof *s->room_kinds * (size_t)(n + 1));
	if (!s->rooms || !s->room_kinds) {
		x->oom = 1;
		return;
	}
	FOR_KIDS (c, l, "Room") {
		const char *name = unique_name(x, c, &x->rooms, s->n_rooms, "room");
		if (!name)
			continue;
		sch_room_def *r = &s->rooms[s->n_rooms++];
		r->id = sch_school_strdup(s, name);
		r->kind = -1;
		const char *cap = sch_fet__ktext(x, c, "Capacity");
		long v = cap ? strtol(cap, NULL, 10) : 0;
		r->capacity = v > 0 && v <= 100000 ? (int)v : 0;
		r->line = (int)xmlGetLineNo(c);
	}
}

/* ---- students ---- */

/* A grade 1-12 from the first number in a name ("Lớp 10" 10, "5 A" 5, "101" 1), or 0. */
static int grade_of(const char *name)
{
	if (!name)
		return 0;
	for (const char *p = name; *p; p++) {
		if (!isdigit((unsigned char)*p))
			continue;
		long v = strtol(p, NULL, 10);
		if (v >= 1 && v <= SCH_MAX_GRADE)
			return (int)v;
		if (*p >= '1' && *p <= '9')
			return *p - '0';
		return 0;
	}
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int p = *(const int *)a, q = *(const int *)b;
	return (p > q) - (p < q);
}

static int uniq(int *v, int n)
{
	if (n < 2)
		return n;
	qsort(v, (size_t)n, sizeof *v, cmp_int);
	int k = 1;
	for (int i = 1; i < n; i++)
		if (v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

/*
 * Each smallest students set (a subgroup, a group without subgroups, a year without
 * groups) becomes a class: FET counts gaps, hours and clashes per subgroup, and the
 * model's joint lessons of whole classes can then hold any students set of an activity.
 */
static int add_class(fet_ctx *x, xmlNode *n, const char *name, const char *year_name)
{
	sch_school *s = x->s;
	int c = sch_namemap_find(&x->sets, name);
	if (c >= 0 && x->set[c].kind == FET_SUBGROUP) /* a subgroup shared by groups (categories) */
		return x->set[c].classes[0];
	sch_class_def *cl = &s->classes[s->n_classes];
	cl->id = sch_school_strdup(s, name);
	if (!cl->id) {
		x->oom = 1;
		return -1;
	}
	cl->grade = grade_of(name);
	if (!cl->grade)
		cl->grade = grade_of(year_name);
	if (!cl->grade) {
		cl->grade = 1;
		sch_fet__note(x, "class %s: no grade in its name or its year's, grade 1 assumed", name);
	}
	cl->shift = 0;
	cl->week_days = s->n_days;
	cl->max_per_day = s->n_periods; /* FET limits come from its constraints */
	const char *np = sch_fet__ktext(x, n, "Number_of_Students");
	long v = np ? strtol(np, NULL, 10) : 0;
	cl->pupils = v > 0 && v <= 100000 ? (int)v : 0;
	cl->line = (int)xmlGetLineNo(n);
	return s->n_classes++;
}

/* Registers a students set named in <Name> of n holding classes[0..k-1]. */
static void add_set(fet_ctx *x, xmlNode *n, const char *name, int kind, const int *classes, int k)
{
	int old = sch_namemap_find(&x->sets, name);
	if (old >= 0) {
		fet_set *o = &x->set[old];
		if (o->kind == FET_SUBGROUP && kind == FET_SUBGROUP)
			return; /* the same subgroup under another group */
		if (o->kind == FET_GROUP && kind == FET_GROUP) {
			/* a group shared by years (FET allows it): the same students */
			int *v = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(o->n_classes + k + 1));
			if (!v) {
				x->oom = 1;
				return;
			}
			memcpy(v, o->classes, sizeof(int) * (size_t)o->n_classes);
			memcpy(v + o->n_classes, classes, sizeof(int) * (size_t)k);
			o->classes = v;
			o->n_classes = uniq(v, o->n_classes + k);
			return;
		}
		sch_fet__error(x, n, "students set \"%s\" is defined twice (also at line %d)", name, o->line);
		return;
	}
	fet_set *st = &x->set[x->n_sets];
	st->name = name;
	st->kind = kind;
	st->line = (int)xmlGetLineNo(n);
	st->classes = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(k + 1));
	if (!st->classes) {
		x->oom = 1;
		return;
	}
	memcpy(st->classes, classes, sizeof(int) * (size_t)k);
	st->n_classes = uniq(st->classes, k);
	if (sch_namemap_add(&x->sets, name, x->n_sets) < 0) {
		x->oom = 1;
		return;
	}
	x->n_sets++;
}

static void read_students(fet_ctx *x, xmlNode *root)
{
	sch_school *s = x->s;
	xmlNode *l = sch_fet__kid(root, "Students_List");
	int n_el = 0;
	/* every year, group and subgroup element: an upper bound of sets and classes */
	FOR_KIDS (y, l, "Year") {
		n_el++;
		FOR_KIDS (g, y, "Group") {
			n_el++;
			n_el += count_kids(g, "Subgroup");
		}
	}
	if (n_el == 0) {
		sch_fet__error(x, l ? l : root, "the file has no students (<Students_List><Year>)");
		return;
	}
	/* room for a class per activity without students, too */
	s->classes = sch_school_alloc(s, sizeof *s->classes * (size_t)(n_el + count_kids(sch_fet__kid(root, "Activities_List"), "Activity") + 1));
	x->set = sch_school_alloc(x->scratch, sizeof *x->set * (size_t)(n_el + 1));
	int *yc = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(n_el + 1));
	int *gc = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(n_el + 1));
	if (!s->classes || !x->set || !yc || !gc) {
		x->oom = 1;
		return;
	}
	FOR_KIDS (y, l, "Year") {
		const char *yname = sch_fet__ktext(x, y, "Name");
		int ny = 0;
		if (!yname || !*yname) {
			sch_fet__error(x, y, "a year without <Name>");
			continue;
		}
		if (sch_fet__kid(y, "Group") == NULL) {
			int c = add_class(x, y, yname, NULL);
			if (c >= 0)
				yc[ny++] = c;
		}
		FOR_KIDS (g, y, "Group") {
			const char *gname = sch_fet__ktext(x, g, "Name");
			int ng = 0;
			if (!gname || !*gname) {
				sch_fet__error(x, g, "a group of year \"%s\" without <Name>", yname);
				continue;
			}
			if (sch_fet__kid(g, "Subgroup") == NULL) {
				int old = sch_namemap_find(&x->sets, gname);
				int c = old >= 0 && x->set[old].kind == FET_GROUP ? x->set[old].classes[0]
										 : add_class(x, g, gname, yname);
				if (c >= 0)
					gc[ng++] = c;
			}
			FOR_KIDS (sg, g, "Subgroup") {
				const char *sname = sch_fet__ktext(x, sg, "Name");
				if (!sname || !*sname) {
					sch_fet__error(x, sg, "a subgroup of group \"%s\" without <Name>", gname);
					continue;
				}
				int c = add_class(x, sg, sname, yname);
				if (c < 0)
					continue;
				gc[ng++] = c;
				add_set(x, sg, sname, FET_SUBGROUP, &c, 1);
			}
			add_set(x, g, gname, FET_GROUP, gc, ng);
			memcpy(yc + ny, gc, sizeof(int) * (size_t)ng);
			ny += ng;
			ny = uniq(yc, ny);
		}
		add_set(x, y, yname, FET_YEAR, yc, ny);
	}
}

/* ---- activities ---- */

/* The shift of bells first..last: the school's one shift, or one made for them; -1 when out of memory. */
static int shift_of(fet_ctx *x, int first, int last)
{
	sch_school *s = x->s;
	for (int i = 0; i < s->n_shifts; i++)
		if (s->shifts[i].first == first && s->shifts[i].last == last)
			return i;
	if (s->n_shifts == x->max_shifts) {
		int cap = x->max_shifts * 2 + 4;
		sch_shift_def *v = sch_school_alloc(s, sizeof *v * (size_t)cap);
		if (!v) {
			x->oom = 1;
			return -1;
		}
		memcpy(v, s->shifts, sizeof *v * (size_t)s->n_shifts);
		s->shifts = v;
		x->max_shifts = cap;
	}
	char id[32], name[96];
	sch_shift_def *sh = &s->shifts[s->n_shifts];
	snprintf(id, sizeof id, "h%d-%d", first + 1, last + 1);
	snprintf(name, sizeof name, "FET hours %d-%d (a locked activity without students)", first + 1, last + 1);
	sh->id = sch_school_strdup(s, id);
	sh->name = sch_school_strdup(s, name);
	sh->first = first;
	sh->last = last;
	if (!sh->id || !sh->name) {
		x->oom = 1;
		return -1;
	}
	return s->n_shifts++;
}

static int resolve_set(fet_ctx *x, xmlNode *n, const char *name)
{
	int k = sch_namemap_find(&x->sets, name);
	if (k < 0)
		sch_fet__error(x, n, "no students set \"%s\" in <Students_List>", name ? name : "");
	return k;
}

static void read_activities(fet_ctx *x, xmlNode *root)
{
	sch_school *s = x->s;
	xmlNode *l = sch_fet__kid(root, "Activities_List");
	int n = count_kids(l, "Activity");
	x->act = sch_school_alloc(x->scratch, sizeof *x->act * (size_t)(n + 1));
	s->lines = sch_school_alloc(s, sizeof *s->lines * (size_t)(n + 1));
	int *qual = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(s->n_teachers * s->n_subjects + 1));
	int *cls = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(s->n_classes + 1));
	if (!x->act || !s->lines || !qual || !cls) {
		x->oom = 1;
		return;
	}
	int no_students = 0;
	FOR_KIDS (a, l, "Activity") {
		fet_act *ac = &x->act[x->n_acts];
		int errs = x->errors;
		x->rep->activities++;
		ac->xml_line = (int)xmlGetLineNo(a);
		ac->line = -1;
		if (sch_fet__kint(x, a, "Id", 0, INT_MAX, &ac->id) < 0)
			continue;
		if (sch_fet__kid(a, "Activity_Group_Id") &&
		    sch_fet__kint(x, a, "Activity_Group_Id", 0, INT_MAX, &ac->group_id) < 0)
			continue;
		sch_fet__kint(x, a, "Duration", 1, s->n_periods > 0 ? s->n_periods : SCH_MAX_PERIODS, &ac->duration);
		const char *sub = sch_fet__ktext(x, a, "Subject");
		ac->subject = sch_namemap_find(&x->subjects, sub);
		if (ac->subject < 0)
			sch_fet__error(x, a, "activity %d: no subject \"%s\" in <Subjects_List>", ac->id, sub ? sub : "");
		int nt = count_kids(a, "Teacher"), ns = count_kids(a, "Students"), ntag = count_kids(a, "Activity_Tag");
		ac->teachers = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(nt + 1));
		ac->sets = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(ns + 1));
		ac->tags = sch_school_alloc(x->scratch, sizeof(char *) * (size_t)(ntag + 1));
		if (!ac->teachers || !ac->sets || !ac->tags) {
			x->oom = 1;
			return;
		}
		FOR_KIDS (t, a, "Teacher") {
			const char *tn = sch_fet__text(x, t);
			int k = sch_namemap_find(&x->teachers, tn);
			if (k < 0) {
				sch_fet__error(x, t, "activity %d: no teacher \"%s\" in <Teachers_List>", ac->id, tn ? tn : "");
				continue;
			}
			int dup = 0;
			for (int i = 0; i < ac->n_teachers; i++)
				dup |= ac->teachers[i] == k;
			if (!dup)
				ac->teachers[ac->n_teachers++] = k;
		}
		FOR_KIDS (t, a, "Students") {
			int k = resolve_set(x, t, sch_fet__text(x, t));
			if (k >= 0)
				ac->sets[ac->n_sets++] = k;
		}
		FOR_KIDS (t, a, "Activity_Tag") {
			const char *tn = sch_fet__text(x, t);
			if (tn)
				ac->tags[ac->n_tags++] = tn;
		}
		char idbuf[24];
		snprintf(idbuf, sizeof idbuf, "%d", ac->id);
		const char *key = sch_school_strdup(x->scratch, idbuf);
		int r = key ? sch_namemap_add(&x->acts, key, x->n_acts) : -1;
		if (r < 0) {
			x->oom = 1;
			return;
		}
		if (r == 1) {
			sch_fet__error(x, a, "activity id %d is used twice", ac->id);
			continue;
		}
		x->n_acts++;
		if (x->errors != errs)
			continue;
		const char *active = sch_fet__ktext(x, a, "Active");
		if (active && strcmp(active, "false") == 0) {
			x->rep->inactive_activities++;
			continue;
		}
		int nc = 0;
		for (int i = 0; i < ac->n_sets; i++) {
			const fet_set *st = &x->set[ac->sets[i]];
			memcpy(cls + nc, st->classes, sizeof(int) * (size_t)st->n_classes);
			nc = uniq(cls, nc + st->n_classes);
		}
		if (nc == 0) {
			/* It only keeps its teachers busy (and counts in their hours and gaps): it becomes
			 * the one lesson of a class of its own, which no students' rule sees. When locked,
			 * that class's shift is just the locked hours, so that the no-gap rule holds. */
			int slot = sch_namemap_find(&x->locked, sch_school_strdup(x->scratch, idbuf)), shift = 0;
			if (slot >= 0 && slot % s->n_periods + ac->duration <= s->n_periods)
				shift = shift_of(x, slot % s->n_periods, slot % s->n_periods + ac->duration - 1);
			else if (s->rules.pupil_gaps == SCH_PUPIL_GAPS_FORBIDDEN)
				shift = -1;
			if (shift < 0) {
				if (!x->oom)
					sch_fet__unsupported(x, "Activity without students",
							     "a lesson needs a class, and a class of its own would have gaps",
							     ac->xml_line);
				continue;
			}
			char cid[40];
			snprintf(cid, sizeof cid, "fet-a%d", ac->id);
			if (sch_namemap_find(&x->sets, cid) >= 0) {
				sch_fet__error(x, a, "activity %d has no students, and the class name %s is taken", ac->id, cid);
				continue;
			}
			int c = add_class(x, a, cid, NULL);
			if (c < 0)
				return;
			s->classes[c].shift = shift;
			cls[nc++] = c;
			no_students++;
		}
		sch_line_def *ln = &s->lines[s->n_lines];
		ln->classes = sch_school_alloc(s, sizeof(int) * (size_t)nc);
		ln->n_parts = ac->n_teachers > 1 ? ac->n_teachers : 1;
		ln->parts = sch_school_alloc(s, sizeof *ln->parts * (size_t)ln->n_parts);
		snprintf(idbuf, sizeof idbuf, "a%d", ac->id);
		ln->id = sch_school_strdup(s, idbuf);
		if (!ln->classes || !ln->parts || !ln->id) {
			x->oom = 1;
			return;
		}
		memcpy(ln->classes, cls, sizeof(int) * (size_t)nc);
		ln->n_classes = nc;
		ln->subject = ac->subject;
		ln->per_week = ac->duration; /* one lesson of `duration` periods */
		ln->block = ac->duration;
		ln->room = -1;
		for (int i = 0; i < ln->n_parts; i++) {
			ln->parts[i].teacher = ac->n_teachers ? ac->teachers[i] : -1;
			ln->parts[i].class_of = cls[0];
			ln->parts[i].division = -1;
			ln->parts[i].group = -1;
			if (ac->n_teachers)
				qual[ac->teachers[i] * s->n_subjects + ac->subject] = 1;
		}
		if (ac->duration > 1)
			s->subjects[ac->subject].double_rule = SCH_DOUBLE_ALLOWED;
		ln->line = ac->xml_line;
		ac->line = s->n_lines++;
	}
	x->rep->lines = s->n_lines;
	if (no_students)
		sch_fet__note(x, "%d activit%s without students became the one lesson of a class of %s own (fet-a<Id>)",
			      no_students, no_students == 1 ? "y" : "ies", no_students == 1 ? "its" : "their");
	/* Teachers are qualified for the subjects they teach, so that no line draws a warning. */
	for (int t = 0; t < s->n_teachers; t++) {
		int k = 0;
		for (int j = 0; j < s->n_subjects; j++)
			k += qual[t * s->n_subjects + j];
		s->teachers[t].subjects = sch_school_alloc(s, sizeof(int) * (size_t)(k + 1));
		if (!s->teachers[t].subjects) {
			x->oom = 1;
			return;
		}
		for (int j = 0; j < s->n_subjects; j++)
			if (qual[t * s->n_subjects + j])
				s->teachers[t].subjects[s->teachers[t].n_subjects++] = j;
	}
}

/* ---- the whole file ---- */

int sch_fet_import(sch_school **out, const char *path, sch_fet_report *report, sch_diags *diags)
{
	fet_ctx x;
	sch_fet_report own = {0};
	xmlDoc *doc = NULL;
	sch_school *s = NULL;
	int rc;
	memset(&x, 0, sizeof x);
	*out = NULL;
	if (report)
		sch_fet_report_free(report);
	x.path = path;
	x.diags = diags;
	x.rep = report ? report : &own;
	if ((rc = sch_xml_read_file(&doc, path, MAX_FET_BYTES, "a FET file", diags)) < 0)
		goto done;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!sch_fet__is(root, "fet")) {
		int line = root ? (int)xmlGetLineNo(root) : 0;
		sch_diags_add(diags, SCH_DIAG_ERROR, path, line, 0, "not a FET file: the root element is <%s>, not <fet>",
			      root ? (const char *)root->name : "");
		rc = sch_error_set(SCH_EINVALID, "%s:%d: not a FET file: the root element is <%s>, not <fet>", path,
				   line, root ? (const char *)root->name : "");
		goto done;
	}
	if ((rc = sch_school_new(&s)) < 0 || (rc = sch_school_new(&x.scratch)) < 0)
		goto done;
	x.s = s;
	s->source_file = sch_school_strdup(s, path);
	const char *name = sch_fet__ktext(&x, root, "Institution_Name");
	s->name = sch_school_strdup(s, name && *name ? name : "FET school");
	/* Only FET's rules cost: the model's own soft terms are off, its daily subject rule too. */
	s->weights = (sch_weights){.moved = s->weights.moved};
	s->rules.subject_once_a_day = false;
	s->rules.pupil_gaps = SCH_PUPIL_GAPS_ALLOWED;
	s->rules.late_start = true;
	read_time(&x, root);
	if (x.errors || x.oom)
		goto check;
	read_subjects(&x, root);
	read_teachers(&x, root);
	read_rooms(&x, root);
	read_students(&x, root);
	if (x.errors || x.oom)
		goto check;
	x.n_real_classes = s->n_classes;
	sch_fet__prescan(&x, sch_fet__kid(root, "Time_Constraints_List"));
	read_activities(&x, root);
	if (x.errors || x.oom)
		goto check;
	if ((rc = sch_fet__constraints(&x, sch_fet__kid(root, "Time_Constraints_List"),
				       sch_fet__kid(root, "Space_Constraints_List"))) < 0 && rc != SCH_EINVALID)
		goto done;
check:
	if (x.oom) {
		rc = sch_error_oom();
		goto done;
	}
	if (x.errors) {
		rc = sch_error_set(SCH_EINVALID, "%s%s", x.first_error,
				   x.errors > 1 ? " (and further errors)" : "");
		goto done;
	}
	if (s->n_lines == 0) {
		sch_diags_add(diags, SCH_DIAG_ERROR, path, 0, 0, "the file has no activity to import");
		rc = sch_error_set(SCH_EINVALID, "%s: the file has no activity to import", path);
		goto done;
	}
	if ((rc = sch_school_finalize(s, diags)) < 0)
		goto done;
	*out = s;
	s = NULL;
	rc = 0;
done:
	sch_namemap_free(&x.days);
	sch_namemap_free(&x.hours);
	sch_namemap_free(&x.subjects);
	sch_namemap_free(&x.teachers);
	sch_namemap_free(&x.sets);
	sch_namemap_free(&x.acts);
	sch_namemap_free(&x.rooms);
	sch_namemap_free(&x.locked);
	sch_school_free(x.scratch);
	sch_school_free(s);
	xmlFreeDoc(doc);
	sch_fet_report_free(&own);
	return rc;
}
