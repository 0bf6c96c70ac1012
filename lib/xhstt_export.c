/* Timetables of an imported XHSTT instance as XHSTT solutions, and back; writing a solution archive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "error.h"
#include "fileio.h"
#include "xmlfile.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"
#include "xhstt_int.h"


int sch_xhstt__line_event(const sch_xhstt *x, const char *id)
{
	if (!id)
		return -1;
	for (int e = 0; e < x->nevents; e++)
		if (strcmp(x->events[e].id, id) == 0)
			return e;
	const char *hash = strrchr(id, '#');
	if (!hash || hash == id)
		return -1;
	size_t n = (size_t)(hash - id);
	for (int e = 0; e < x->nevents; e++)
		if (strlen(x->events[e].id) == n && memcmp(x->events[e].id, id, n) == 0)
			return e;
	return -1;
}

/* Does event e hold resource `id` among its preassigned resources? */
static int event_has(const sch_xhstt *x, int e, const char *id)
{
	for (int i = 0; i < x->events[e].nslots; i++) {
		int r = x->events[e].slots[i].resource;
		if (r >= 0 && strcmp(x->resources[r].id, id) == 0)
			return 1;
	}
	return 0;
}

/*
 * The event of load line l: by its id, else (a school saved without line ids) the one event
 * whose Course (or own id) is the line's subject and which holds the line's classes and
 * teachers. -1 when none or several fit.
 */
static int line_event(const sch_xhstt *x, const sch_school *s, int l)
{
	const sch_line_def *ln = &s->lines[l];
	if (ln->id)
		return sch_xhstt__line_event(x, ln->id);
	const char *subject = s->subjects[ln->subject].id;
	int found = -1;
	for (int e = 0; e < x->nevents; e++) {
		const xh_event *ev = &x->events[e];
		const char *course = ev->course >= 0 ? x->egroups[ev->course].id : ev->id;
		if (strcmp(course, subject) != 0)
			continue;
		int ok = 1;
		for (int c = 0; c < ln->n_classes && ok; c++)
			ok = event_has(x, e, s->classes[ln->classes[c]].id);
		for (int p = 0; p < ln->n_parts && ok; p++)
			ok = ln->parts[p].teacher < 0 || event_has(x, e, s->teachers[ln->parts[p].teacher].id);
		if (!ok)
			continue;
		if (found >= 0)
			return -1;
		found = e;
	}
	return found;
}

int sch_xhstt__grid_for(const sch_xhstt *x, const sch_school *s, int **time_slot, int **time_of)
{
	char why[400];
	int days[SCH_MAX_DAYS + 1], nd, np, rc;
	*time_slot = calloc((size_t)x->ntimes + 1, sizeof(int));
	*time_of = malloc(sizeof(int) * SCH_MAX_SLOTS);
	if (!*time_slot || !*time_of)
		return sch_error_oom();
	if ((rc = sch_xhstt__time_grid(x, *time_slot, days, &nd, &np, why, sizeof why)) < 0)
		return rc == SCH_EINVALID ? sch_error_set(rc, "%s: %s", x->path, why) : rc;
	if (nd != s->n_days || np != s->n_periods)
		return sch_error_set(SCH_EINVALID,
				     "%s: the instance has %d days of %d times, the school %d days of %d periods: not a school imported from it",
				     x->path, nd, np, s->n_days, s->n_periods);
	for (int i = 0; i < SCH_MAX_SLOTS; i++)
		(*time_of)[i] = -1;
	for (int t = 0; t < x->ntimes; t++)
		(*time_of)[(*time_slot)[t]] = t;
	return 0;
}

static int push_sub(xh_solution *sol, int *cap, const xh_event *e, int ei, int duration, int time)
{
	if (sol->nsubs == *cap) {
		int c = *cap ? *cap * 2 : 64;
		xh_sub *p = realloc(sol->subs, sizeof *p * (size_t)c);
		if (!p)
			return sch_error_oom();
		sol->subs = p;
		*cap = c;
	}
	xh_sub *u = &sol->subs[sol->nsubs];
	memset(u, 0, sizeof *u);
	u->event = ei;
	u->duration = duration;
	u->time = time;
	if (e->nslots && !(u->res = malloc(sizeof(int) * (size_t)e->nslots)))
		return sch_error_oom();
	u->nres = e->nslots;
	for (int i = 0; i < e->nslots; i++)
		u->res[i] = e->slots[i].resource;
	sol->nsubs++;
	return 0;
}

static void free_solution(xh_solution *sol)
{
	for (int i = 0; i < sol->nsubs; i++)
		free(sol->subs[i].res);
	free(sol->subs);
	free(sol->description);
}

int sch_xhstt_add_timetable(sch_xhstt *x, const sch_timetable *tt, const char *group, int *index)
{
	const sch_school *s = sch_timetable_school(tt);
	xh_solution sol = {0};
	int *time_slot = NULL, *time_of = NULL, *total = NULL, *lev = NULL, cap = 0, rc;
	char *gid = NULL, *contrib = NULL, *date = NULL;
	if ((rc = sch_xhstt__grid_for(x, s, &time_slot, &time_of)) < 0)
		goto done;
	if (!(total = calloc((size_t)x->nevents + 1, sizeof(int))) ||
	    !(lev = calloc((size_t)s->n_lines + 1, sizeof(int)))) {
		rc = sch_error_oom();
		goto done;
	}
	for (int l = 0; l < s->n_lines; l++) {
		if ((lev[l] = line_event(x, s, l)) < 0) {
			rc = sch_error_set(SCH_EINVALID, "%s: load line %d (%s %s) names no event of instance \"%s\"",
					   x->path, l + 1, s->lines[l].id ? "id" : "subject",
					   s->lines[l].id ? s->lines[l].id : s->subjects[s->lines[l].subject].id, x->id);
			goto done;
		}
	}
	/* Lessons in the order of the events, so that a solution reads like the instance. */
	for (int e = 0; e < x->nevents; e++) {
		for (int l = 0; l < s->n_lines; l++) {
			if (lev[l] != e)
				continue;
			const sch_line_def *ln = &s->lines[l];
			for (int k = 0; k < ln->n_lessons; k++) {
				int lesson = ln->first_lesson + k, day, period, time = -1;
				sch_timetable_get(tt, lesson, &day, &period);
				if (day >= 0) {
					int slot = sch_slot(s, day, period);
					time = slot >= 0 && slot < SCH_MAX_SLOTS ? time_of[slot] : -1;
					if (time < 0) {
						rc = sch_error_set(SCH_EINVALID, "%s: no time of the instance at day %d, period %d",
								   x->path, day + 1, period + 1);
						goto done;
					}
				}
				if ((rc = push_sub(&sol, &cap, &x->events[e], e, s->lessons[lesson].length, time)) < 0)
					goto done;
				total[e] += s->lessons[lesson].length;
			}
		}
		if (total[e] == 0) {
			/* An event the school does not hold stays unassigned (AssignTime counts it). */
			if ((rc = push_sub(&sol, &cap, &x->events[e], e, x->events[e].duration, x->events[e].time)) < 0)
				goto done;
		} else if (total[e] != x->events[e].duration) {
			rc = sch_error_set(SCH_EINVALID, "%s: the lessons of event \"%s\" last %d in all, its Duration is %d",
					   x->path, x->events[e].id, total[e], x->events[e].duration);
			goto done;
		}
	}
	xh_sgroup *sg = realloc(x->sgroups, sizeof *sg * (size_t)(x->nsgroups + 1));
	if (!sg) {
		rc = sch_error_oom();
		goto done;
	}
	x->sgroups = sg;
	char datebuf[32];
	time_t now = time(NULL);
	struct tm tmv;
	if (!gmtime_r(&now, &tmv) || !strftime(datebuf, sizeof datebuf, "%Y-%m-%d", &tmv))
		snprintf(datebuf, sizeof datebuf, "?");
	if (!(gid = strdup(group && *group ? group : "libschedule")) || !(contrib = strdup("libschedule " SCH_VERSION)) ||
	    !(date = strdup(datebuf))) {
		rc = sch_error_oom();
		goto done;
	}
	xh_solution *sols = realloc(x->solutions, sizeof *sols * (size_t)(x->nsolutions + 1));
	if (!sols) {
		rc = sch_error_oom();
		goto done;
	}
	x->solutions = sols;
	sg = &x->sgroups[x->nsgroups];
	memset(sg, 0, sizeof *sg);
	sg->id = gid;
	sg->contributor = contrib;
	sg->date = date;
	gid = contrib = date = NULL;
	sol.group = x->nsgroups++;
	x->solutions[x->nsolutions] = sol;
	memset(&sol, 0, sizeof sol);
	if (index)
		*index = x->nsolutions;
	x->nsolutions++;
	rc = 0;
done:
	free_solution(&sol);
	free(gid);
	free(contrib);
	free(date);
	free(time_slot);
	free(time_of);
	free(total);
	free(lev);
	return rc;
}

int sch_xhstt_solution_timetable(const sch_xhstt *x, int solution, const sch_school *s, sch_timetable **out)
{
	int *time_slot = NULL, *time_of = NULL, *used = NULL, *ev_of = NULL, rc;
	sch_timetable *tt = NULL;
	*out = NULL;
	if (solution < 0 || solution >= x->nsolutions)
		return sch_error_set(SCH_EINVALID, "%s: no solution %d (the archive has %d, counted from 1)", x->path, solution + 1,
				     x->nsolutions);
	const xh_solution *sol = &x->solutions[solution];
	if ((rc = sch_xhstt__grid_for(x, s, &time_slot, &time_of)) < 0)
		goto done;
	if (!(used = calloc((size_t)s->n_lessons + 1, sizeof(int))) ||
	    !(ev_of = calloc((size_t)s->n_lines + 1, sizeof(int)))) {
		rc = sch_error_oom();
		goto done;
	}
	for (int l = 0; l < s->n_lines; l++)
		ev_of[l] = line_event(x, s, l);
	if ((rc = sch_timetable_new(&tt, s)) < 0)
		goto done;
	for (int i = 0; i < sol->nsubs; i++) {
		const xh_sub *u = &sol->subs[i];
		const xh_event *e = &x->events[u->event];
		int lesson = -1;
		for (int l = 0; l < s->n_lines && lesson < 0; l++) {
			const sch_line_def *ln = &s->lines[l];
			if (ev_of[l] != u->event)
				continue;
			for (int k = 0; k < ln->n_lessons && lesson < 0; k++)
				if (!used[ln->first_lesson + k] && s->lessons[ln->first_lesson + k].length == u->duration)
					lesson = ln->first_lesson + k;
		}
		if (lesson < 0) {
			rc = sch_error_set(SCH_EINVALID,
					   "%s: solution %d splits event \"%s\" otherwise than the school: it has no further lesson of %d periods",
					   x->path, solution + 1, e->id, u->duration);
			goto done;
		}
		used[lesson] = 1;
		if (u->time >= 0) {
			int slot = time_slot[u->time];
			if ((rc = sch_timetable_set(tt, lesson, slot / s->n_periods, slot % s->n_periods)) < 0)
				goto done;
		}
	}
	for (int l = 0; l < s->n_lessons; l++)
		if (!used[l] && ev_of[s->lessons[l].line] >= 0) {
			rc = sch_error_set(SCH_EINVALID, "%s: solution %d splits event \"%s\" otherwise than the school",
					   x->path, solution + 1, x->events[ev_of[s->lessons[l].line]].id);
			goto done;
		}
	*out = tt;
	tt = NULL;
	rc = 0;
done:
	sch_timetable_free(tt);
	free(time_slot);
	free(time_of);
	free(used);
	free(ev_of);
	return rc;
}

/* ---- writing ---- */

static xmlNode *add_text(xmlNode *parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

int sch_xhstt_solution_to_string(char **out, size_t *len, const sch_xhstt *x, int solution)
{
	xmlDoc *doc = NULL;
	xmlChar *mem = NULL;
	int rc, size = 0;
	*out = NULL;
	if (len)
		*len = 0;
	if (solution < 0 || solution >= x->nsolutions)
		return sch_error_set(SCH_EINVALID, "%s: no solution %d (the archive has %d, counted from 1)", x->path, solution + 1,
				     x->nsolutions);
	const xh_solution *sol = &x->solutions[solution];
	const xh_sgroup *sg = &x->sgroups[sol->group];
	/* The instance is copied from its file as it is, so that nothing the reader skips is lost. */
	if (sch_xml_read_file(&doc, x->path, SCH_XHSTT_MAX_BYTES, "an XHSTT archive", NULL) < 0) {
		rc = sch_error_set(SCH_EINVALID, "%s: cannot read the archive again: %s", x->path, sch_error_last()->message);
		goto done;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root) {
		rc = sch_error_set(SCH_EINVALID, "%s: cannot read the archive again", x->path);
		goto done;
	}
	for (xmlNode *c = root->children, *next; c; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "SolutionGroups") == 0) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	xmlNode *groups = xmlNewChild(root, NULL, (const xmlChar *)"SolutionGroups", NULL);
	xmlNode *g = groups ? xmlNewChild(groups, NULL, (const xmlChar *)"SolutionGroup", NULL) : NULL;
	xmlNode *meta = g ? xmlNewChild(g, NULL, (const xmlChar *)"MetaData", NULL) : NULL;
	if (!meta || !xmlNewProp(g, (const xmlChar *)"Id", (const xmlChar *)sg->id) ||
	    !add_text(meta, "Contributor", sg->contributor ? sg->contributor : "libschedule") ||
	    !add_text(meta, "Date", sg->date ? sg->date : "") ||
	    !add_text(meta, "Description", sg->description ? sg->description : "A timetable made by libschedule")) {
		rc = sch_error_oom();
		goto done;
	}
	xmlNode *s = xmlNewChild(g, NULL, (const xmlChar *)"Solution", NULL);
	xmlNode *events = s ? xmlNewChild(s, NULL, (const xmlChar *)"Events", NULL) : NULL;
	if (!events || !xmlNewProp(s, (const xmlChar *)"Reference", (const xmlChar *)x->id)) {
		rc = sch_error_oom();
		goto done;
	}
	for (int i = 0; i < sol->nsubs; i++) {
		const xh_sub *u = &sol->subs[i];
		char dur[16];
		snprintf(dur, sizeof dur, "%d", u->duration);
		xmlNode *ev = xmlNewChild(events, NULL, (const xmlChar *)"Event", NULL);
		if (!ev || !xmlNewProp(ev, (const xmlChar *)"Reference", (const xmlChar *)x->events[u->event].id) ||
		    !add_text(ev, "Duration", dur)) {
			rc = sch_error_oom();
			goto done;
		}
		if (u->time >= 0) {
			xmlNode *t = xmlNewChild(ev, NULL, (const xmlChar *)"Time", NULL);
			if (!t || !xmlNewProp(t, (const xmlChar *)"Reference", (const xmlChar *)x->times[u->time].id)) {
				rc = sch_error_oom();
				goto done;
			}
		}
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (!mem || size <= 0) {
		rc = sch_error_oom();
		goto done;
	}
	if (!(*out = malloc((size_t)size + 1))) {
		rc = sch_error_oom();
		goto done;
	}
	memcpy(*out, mem, (size_t)size);
	(*out)[size] = 0;
	if (len)
		*len = (size_t)size;
	rc = 0;
done:
	xmlFree(mem);
	xmlFreeDoc(doc);
	return rc;
}

int sch_xhstt_write_solution(const sch_xhstt *x, int solution, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int rc = sch_xhstt_solution_to_string(&text, &len, x, solution);
	if (rc < 0)
		return rc;
	rc = sch_file_write_atomic(path, text, len);
	free(text);
	return rc;
}
