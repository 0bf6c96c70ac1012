/* The grid model of the exports: placements per class, teacher and room, cell texts, labels in ru/ky. */
#include "export_grid.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schedule/school.h"
#include "schedule/text.h"


/* ---- labels ---- */

static const char *const labels[2][SCH_L_COUNT] = {
	{"Расписание уроков", "Класс", "Учитель", "Кабинет", "Классы", "Учителя", "Кабинеты", "Расписание классов",
	 "Расписание учителей", "№", "Время", "День", "учебный год", "смена", "замена", "нет замены", "отменён",
	 "перенесён"},
	{"Сабактардын жадыбалы", "Класс", "Мугалим", "Кабинет", "Класстар", "Мугалимдер", "Кабинеттер",
	 "Класстардын жадыбалы", "Мугалимдердин жадыбалы", "№", "Убакыт", "Күн", "окуу жылы", "смена", "алмаштыруу",
	 "алмаштыруу жок", "жокко чыгарылды", "жылдырылды"},
};

const char *sch_grid_label(const sch_grid *g, int label)
{
	return label >= 0 && label < SCH_L_COUNT && labels[g->lang][label] ? labels[g->lang][label] : "";
}

const char *sch_grid_day_name(const sch_grid *g, int day)
{
	if (g->day_titles && day >= 0 && day < g->n_day_titles && g->day_titles[day])
		return g->day_titles[day];
	if (day < 0 || day >= g->s->n_days)
		return "";
	return sch_day_name(g->s->day_codes[day], g->lang_code);
}

const char *sch_grid_weekday_name(const sch_grid *g, int code)
{
	return sch_day_name(code, g->lang_code);
}

const char *sch_grid_day_short(const sch_grid *g, int day)
{
	if (day < 0 || day >= g->s->n_days)
		return "";
	return sch_day_abbrev(g->s->day_codes[day], g->lang_code);
}

void sch_grid_hhmm(int minutes, char buf[8])
{
	if (minutes < 0 || minutes >= 48 * 60) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, 8, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
}

void sch_grid_time(const sch_grid *g, int bell, bool ascii, char buf[24])
{
	buf[0] = '\0';
	if (bell < 0 || bell >= g->s->n_periods)
		return;
	char a[8], b[8];
	sch_grid_hhmm(g->s->bells[bell].start_min, a);
	sch_grid_hhmm(g->s->bells[bell].end_min, b);
	snprintf(buf, 24, "%s%s%s", a, ascii ? "-" : "\xE2\x80\x93", b);
}

const char *sch_grid_entity_name(const sch_grid *g, int kind, int e)
{
	const char *n = NULL;
	if (kind == SCH_GRID_CLASS)
		n = sch_school_class_id(g->s, e);
	else if (kind == SCH_GRID_TEACHER)
		n = sch_school_teacher_name(g->s, e);
	else
		n = sch_school_room_id(g->s, e);
	return n ? n : "";
}

void sch_grid_entity_title(const sch_grid *g, int kind, int e, sch_buf *out)
{
	static const int kind_label[3] = {SCH_L_CLASS, SCH_L_TEACHER, SCH_L_ROOM};
	sch_buf_printf(out, "%s %s", sch_grid_label(g, kind_label[kind]), sch_grid_entity_name(g, kind, e));
}

void sch_grid_shift_name(const sch_grid *g, int shift, sch_buf *out)
{
	if (shift < 0 || shift >= g->s->n_shifts)
		return;
	const sch_shift_def *sh = &g->s->shifts[shift];
	if (sh->name && *sh->name)
		sch_buf_puts(out, sh->name);
	else
		sch_buf_printf(out, "%s %s", sh->id ? sh->id : "", sch_grid_label(g, SCH_L_SHIFT));
}

void sch_grid_subtitle(const sch_grid *g, int shift, sch_buf *out)
{
	static const char sep[] = " \xC2\xB7 "; /* a middle dot */
	bool any = false;
	if (g->school_name && *g->school_name) {
		sch_buf_puts(out, g->school_name);
		any = true;
	}
	if (shift >= 0 && shift < g->s->n_shifts) {
		if (any)
			sch_buf_puts(out, sep);
		sch_grid_shift_name(g, shift, out);
		any = true;
	}
	if (g->year && *g->year) {
		if (any)
			sch_buf_puts(out, sep);
		sch_buf_printf(out, "%s %s", g->year, sch_grid_label(g, SCH_L_YEAR));
		any = true;
	}
	if (g->note && *g->note) {
		if (any)
			sch_buf_puts(out, sep);
		sch_buf_puts(out, g->note);
	}
}

int sch_grid_row_number(const sch_grid *g, int kind, int e, int bell)
{
	if (kind == SCH_GRID_CLASS && e >= 0 && e < g->s->n_classes) {
		int sh = g->s->classes[e].shift;
		if (sh >= 0 && sh < g->s->n_shifts && bell >= g->s->shifts[sh].first)
			return bell - g->s->shifts[sh].first + 1;
	}
	return bell + 1;
}

size_t sch_grid_text_width(const char *text, int *n_lines)
{
	size_t best = 0;
	int lines = 0;
	char tmp[512];
	const char *p = text ? text : "";
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t w;
		if (n < sizeof tmp) {
			memcpy(tmp, p, n);
			tmp[n] = '\0';
			w = sch_utf8_width(tmp);
		} else {
			w = n; /* a huge line: bytes overestimate, which only makes a column wider */
		}
		if (w > best)
			best = w;
		lines++;
		if (!nl)
			break;
		p = nl + 1;
	}
	if (n_lines)
		*n_lines = lines;
	return best;
}

/* ---- parts ---- */

const char *sch_grid_part_group(const sch_grid *g, int lesson, int part)
{
	const sch_part_def *p = &g->s->lessons[lesson].parts[part];
	if (p->group < 0 || p->division < 0 || p->class_of < 0 || p->class_of >= g->s->n_classes)
		return NULL;
	const sch_class_def *c = &g->s->classes[p->class_of];
	if (p->division >= c->n_divisions || p->group >= c->divisions[p->division].n_groups)
		return NULL;
	return c->divisions[p->division].groups[p->group];
}

/* Calls fn for each distinct class a part teaches, ascending (atoms of a class are contiguous). */
static int part_classes(const sch_grid *g, const sch_part_def *p, int *out, int max)
{
	int n = 0;
	for (int a = 0; a < p->n_atoms; a++) {
		int at = p->atoms[a];
		if (at < 0 || at >= g->s->n_atoms)
			continue;
		int c = g->s->atom_class[at];
		if (n > 0 && out[n - 1] == c)
			continue;
		bool seen = false;
		for (int k = 0; k < n && !seen; k++)
			seen = out[k] == c;
		if (!seen && n < max)
			out[n++] = c;
	}
	if (n == 0 && p->class_of >= 0 && p->class_of < g->s->n_classes && max > 0)
		out[n++] = p->class_of;
	return n;
}

void sch_grid_part_classes(const sch_grid *g, int lesson, int part, sch_buf *out)
{
	int cls[64];
	int n = part_classes(g, &g->s->lessons[lesson].parts[part], cls, 64);
	for (int i = 0; i < n; i++) {
		if (i)
			sch_buf_puts(out, ", ");
		sch_buf_puts(out, g->s->classes[cls[i]].id);
	}
}

/* ---- the model ---- */

static int resolve_filter(sch_grid *g, const char *id)
{
	int e = SCH_ENOTFOUND;
	const char *what = "class";
	switch (g->view) {
	case SCH_VIEW_CLASS:
		e = sch_school_find_class(g->s, id);
		break;
	case SCH_VIEW_TEACHER:
		e = sch_school_find_teacher(g->s, id);
		what = "teacher";
		break;
	case SCH_VIEW_ROOM:
		e = sch_school_find_room(g->s, id);
		what = "room";
		break;
	default:
		return sch_error_set(SCH_EINVALID, "export: a filter (\"%s\") needs the class, teacher or room view", id);
	}
	if (e < 0)
		return sch_error_set(SCH_ENOTFOUND, "export: the school has no %s \"%s\"", what, id);
	g->filter = e;
	return 0;
}

static int build_placements(sch_grid *g)
{
	const sch_school *s = g->s;
	size_t n = 0;
	for (int l = 0; l < s->n_lessons; l++) {
		int d = -1, p = -1;
		if (sch_timetable_get(g->tt, l, &d, &p) != 0 || d < 0)
			continue;
		n += (size_t)s->lessons[l].n_parts * (size_t)(s->lessons[l].length > 0 ? s->lessons[l].length : 1);
	}
	g->pl = calloc(n + 1, sizeof *g->pl);
	if (!g->pl)
		return sch_error_oom();
	for (int l = 0; l < s->n_lessons; l++) {
		const sch_lesson_def *ls = &s->lessons[l];
		int d = -1, p = -1;
		if (sch_timetable_get(g->tt, l, &d, &p) != 0 || d < 0 || d >= s->n_days || p < 0)
			continue;
		int len = ls->length > 0 ? ls->length : 1;
		for (int part = 0; part < ls->n_parts; part++) {
			int room = sch_timetable_room(g->tt, l, part);
			if (room < 0 && ls->line >= 0 && ls->line < s->n_lines)
				room = s->lines[ls->line].room;
			if (room >= s->n_rooms)
				room = -1;
			for (int k = 0; k < len && p + k < s->n_periods; k++)
				g->pl[g->n_pl++] = (sch_placement){
					.lesson = l, .part = part, .day = d, .period = p + k, .offset = k, .room = room};
		}
	}
	return 0;
}

int sch_grid_placement_teacher(const sch_grid *g, const sch_placement *p)
{
	if (p->mark == SCH_MARK_COVER)
		return p->sub;
	return g->s->lessons[p->lesson].parts[p->part].teacher;
}

/* Entities of a kind a placement belongs to. */
static int placement_keys(const sch_grid *g, int kind, const sch_placement *p, int *keys, int max)
{
	const sch_part_def *part = &g->s->lessons[p->lesson].parts[p->part];
	int t;
	switch (kind) {
	case SCH_GRID_CLASS:
		return part_classes(g, part, keys, max);
	case SCH_GRID_TEACHER:
		t = sch_grid_placement_teacher(g, p);
		if (t < 0 || t >= g->s->n_teachers)
			return 0;
		keys[0] = t;
		return 1;
	default:
		if (p->room < 0)
			return 0;
		keys[0] = p->room;
		return 1;
	}
}

static int build_index(sch_grid *g, int kind)
{
	int n_ent = g->n_entities[kind];
	int keys[64];
	int *off = calloc((size_t)n_ent + 2, sizeof *off);
	int *fill = calloc((size_t)n_ent + 1, sizeof *fill);
	if (!off || !fill) {
		free(off);
		free(fill);
		return sch_error_oom();
	}
	for (int i = 0; i < g->n_pl; i++) {
		int k = placement_keys(g, kind, &g->pl[i], keys, 64);
		for (int j = 0; j < k; j++)
			off[keys[j] + 1]++;
	}
	for (int e = 0; e < n_ent; e++)
		off[e + 1] += off[e];
	int *idx = calloc((size_t)off[n_ent] + 1, sizeof *idx);
	if (!idx) {
		free(off);
		free(fill);
		return sch_error_oom();
	}
	for (int i = 0; i < g->n_pl; i++) {
		int k = placement_keys(g, kind, &g->pl[i], keys, 64);
		for (int j = 0; j < k; j++)
			idx[off[keys[j]] + fill[keys[j]]++] = i;
	}
	free(fill);
	g->off[kind] = off;
	g->idx[kind] = idx;
	return 0;
}

static int grid_init(sch_grid *g, const sch_timetable *tt, const sch_export_options *o, bool dated,
		     const sch_placement *pl, int n_pl);

int sch_grid_init(sch_grid *g, const sch_timetable *tt, const sch_export_options *o)
{
	return grid_init(g, tt, o, false, NULL, 0);
}

int sch_grid_init_dated(sch_grid *g, const sch_timetable *tt, const sch_export_options *o, const sch_placement *pl,
			int n_pl)
{
	return grid_init(g, tt, o, true, pl, n_pl);
}

int sch_grid_init_tables(sch_grid *g, const sch_export_options *o, const char *school_name, const char *year)
{
	memset(g, 0, sizeof *g);
	g->filter = -1;
	g->view = -1; /* no grids, no overviews: the tables only */
	if (o->version != SCH_EXPORT_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "export: options version %u, expected %d (use SCH_EXPORT_OPTIONS_INIT)",
				     o->version, SCH_EXPORT_OPTIONS_VERSION);
	if (!o->lang || strcmp(o->lang, "ru") == 0) {
		g->lang = 0;
		g->lang_code = "ru";
	} else if (strcmp(o->lang, "ky") == 0) {
		g->lang = 1;
		g->lang_code = "ky";
	} else {
		return sch_error_set(SCH_EINVALID, "export: language \"%s\": expected ru or ky", o->lang);
	}
	g->csv_bom = o->csv_bom != 0;
	g->school_name = o->school_name ? o->school_name : school_name ? school_name : "";
	g->year = o->year ? o->year : year ? year : "";
	return 0;
}

/* Not dated: the placements of tt; dated: pl[0..n_pl) instead. */
static int grid_init(sch_grid *g, const sch_timetable *tt, const sch_export_options *o, bool dated,
		     const sch_placement *pl, int n_pl)
{
	memset(g, 0, sizeof *g);
	g->filter = -1;
	if (!tt)
		return sch_error_set(SCH_EINVALID, "export: no timetable");
	g->tt = tt;
	g->s = sch_timetable_school(tt);
	if (!g->s)
		return sch_error_set(SCH_EINVALID, "export: the timetable has no school");
	if (o->version != SCH_EXPORT_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "export: options version %u, expected %d (use SCH_EXPORT_OPTIONS_INIT)",
				     o->version, SCH_EXPORT_OPTIONS_VERSION);
	if (!o->lang || strcmp(o->lang, "ru") == 0) {
		g->lang = 0;
		g->lang_code = "ru";
	} else if (strcmp(o->lang, "ky") == 0) {
		g->lang = 1;
		g->lang_code = "ky";
	} else {
		return sch_error_set(SCH_EINVALID, "export: language \"%s\": expected ru or ky", o->lang);
	}
	if (o->view < SCH_VIEW_ALL || o->view > SCH_VIEW_SCHOOL)
		return sch_error_set(SCH_EINVALID, "export: unknown view %d", o->view);
	g->view = o->view;
	g->csv_bom = o->csv_bom != 0;
	g->school_name = o->school_name ? o->school_name : g->s->name;
	g->year = o->year ? o->year : g->s->year;
	int rc;
	if (o->filter && *o->filter && (rc = resolve_filter(g, o->filter)) != 0)
		return rc;
	g->n_entities[SCH_GRID_CLASS] = g->s->n_classes;
	g->n_entities[SCH_GRID_TEACHER] = g->s->n_teachers;
	g->n_entities[SCH_GRID_ROOM] = g->s->n_rooms;
	if (dated) {
		g->dated = true;
		if (!(g->pl = calloc((size_t)n_pl + 1, sizeof *g->pl))) {
			rc = sch_error_oom();
			goto fail;
		}
		for (int i = 0; pl && i < n_pl; i++)
			if (pl[i].lesson >= 0 && pl[i].lesson < g->s->n_lessons && pl[i].part >= 0 &&
			    pl[i].part < g->s->lessons[pl[i].lesson].n_parts && pl[i].day >= 0 && pl[i].day < SCH_MAX_DAYS &&
			    pl[i].period >= 0 && pl[i].period < g->s->n_periods)
				g->pl[g->n_pl++] = pl[i];
	} else if ((rc = build_placements(g)) != 0) {
		goto fail;
	}
	for (int k = 0; k < SCH_GRID_KINDS; k++)
		if ((rc = build_index(g, k)) != 0)
			goto fail;

	g->bell_first = g->s->n_periods - 1;
	g->bell_last = 0;
	for (int i = 0; i < g->s->n_shifts; i++) {
		const sch_shift_def *sh = &g->s->shifts[i];
		if (sh->first >= 0 && sh->first < g->bell_first)
			g->bell_first = sh->first;
		if (sh->last > g->bell_last)
			g->bell_last = sh->last;
	}
	for (int i = 0; i < g->n_pl; i++) {
		if (g->pl[i].period < g->bell_first)
			g->bell_first = g->pl[i].period;
		if (g->pl[i].period > g->bell_last)
			g->bell_last = g->pl[i].period;
	}
	if (g->bell_last >= g->s->n_periods)
		g->bell_last = g->s->n_periods - 1;
	if (g->bell_first > g->bell_last) {
		g->bell_first = 0;
		g->bell_last = g->s->n_periods - 1;
	}
	return 0;
fail:
	sch_grid_free(g);
	return rc;
}

void sch_grid_free(sch_grid *g)
{
	if (!g)
		return;
	free(g->pl);
	for (int k = 0; k < SCH_GRID_KINDS; k++) {
		free(g->off[k]);
		free(g->idx[k]);
	}
	memset(g, 0, sizeof *g);
	g->filter = -1;
}

bool sch_grid_wants_overview(const sch_grid *g)
{
	return !g->dated && (g->view == SCH_VIEW_ALL || g->view == SCH_VIEW_SCHOOL);
}

bool sch_grid_wants(const sch_grid *g, int kind, int e)
{
	switch (g->view) {
	case SCH_VIEW_ALL:
		return kind == SCH_GRID_CLASS || kind == SCH_GRID_TEACHER;
	case SCH_VIEW_CLASS:
		return kind == SCH_GRID_CLASS && (g->filter < 0 || g->filter == e);
	case SCH_VIEW_TEACHER:
		return kind == SCH_GRID_TEACHER && (g->filter < 0 || g->filter == e);
	case SCH_VIEW_ROOM:
		return kind == SCH_GRID_ROOM && (g->filter < 0 || g->filter == e);
	default:
		return false;
	}
}

bool sch_grid_row_wanted(const sch_grid *g, const sch_placement *p)
{
	if (g->filter < 0)
		return true;
	int keys[64];
	int kind = g->view == SCH_VIEW_CLASS ? SCH_GRID_CLASS : g->view == SCH_VIEW_TEACHER ? SCH_GRID_TEACHER : SCH_GRID_ROOM;
	int n = placement_keys(g, kind, p, keys, 64);
	for (int i = 0; i < n; i++)
		if (keys[i] == g->filter)
			return true;
	return false;
}

int sch_grid_slot_items(const sch_grid *g, int kind, int e, int day, int bell, int *out, int max)
{
	int n = 0;
	for (int i = g->off[kind][e]; i < g->off[kind][e + 1] && n < max; i++) {
		const sch_placement *p = &g->pl[g->idx[kind][i]];
		if (p->day == day && p->period == bell)
			out[n++] = g->idx[kind][i];
	}
	return n;
}

int sch_grid_shift_classes(const sch_grid *g, int shift, int *out)
{
	int n = 0;
	for (int c = 0; c < g->s->n_classes; c++)
		if (g->s->classes[c].shift == shift)
			out[n++] = c;
	return n;
}

int sch_grid_shift_days(const sch_grid *g, int shift)
{
	int days = 0;
	for (int c = 0; c < g->s->n_classes; c++) {
		const sch_class_def *cl = &g->s->classes[c];
		if (cl->shift != shift)
			continue;
		int w = cl->week_days > 0 ? cl->week_days : g->s->n_days;
		if (w > days)
			days = w;
		for (int i = g->off[SCH_GRID_CLASS][c]; i < g->off[SCH_GRID_CLASS][c + 1]; i++)
			if (g->pl[g->idx[SCH_GRID_CLASS][i]].day + 1 > days)
				days = g->pl[g->idx[SCH_GRID_CLASS][i]].day + 1;
	}
	return days > g->s->n_days ? g->s->n_days : days;
}

/* ---- pages ---- */

int sch_grid_page_build(sch_grid_page *pg, const sch_grid *g, int kind, int e)
{
	const sch_school *s = g->s;
	memset(pg, 0, sizeof *pg);
	pg->kind = kind;
	pg->entity = e;
	const int *items = g->idx[kind] + g->off[kind][e];
	int n_items = g->off[kind][e + 1] - g->off[kind][e];
	int first = s->n_periods, last = -1, days = s->n_days;

	if (kind == SCH_GRID_CLASS) {
		const sch_class_def *c = &s->classes[e];
		if (c->shift >= 0 && c->shift < s->n_shifts) {
			first = s->shifts[c->shift].first;
			last = s->shifts[c->shift].last;
		}
		days = c->week_days > 0 && c->week_days < s->n_days ? c->week_days : s->n_days;
	} else {
		/* A teacher's or room's rows: the shifts of the lessons shown, so a first-shift teacher's page has no empty second shift. */
		for (int i = 0; i < n_items; i++) {
			int sh = s->lessons[g->pl[items[i]].lesson].shift;
			if (sh >= 0 && sh < s->n_shifts) {
				if (s->shifts[sh].first < first)
					first = s->shifts[sh].first;
				if (s->shifts[sh].last > last)
					last = s->shifts[sh].last;
			}
		}
	}
	for (int i = 0; i < n_items; i++) {
		const sch_placement *p = &g->pl[items[i]];
		if (p->period < first)
			first = p->period;
		if (p->period > last)
			last = p->period;
		if (p->day + 1 > days)
			days = p->day + 1;
	}
	if (last < 0 || first > last) {
		first = g->bell_first;
		last = g->bell_last;
	}
	if (first < 0)
		first = 0;
	if (last >= s->n_periods)
		last = s->n_periods - 1;
	pg->first = first;
	pg->n_rows = last - first + 1;
	pg->n_days = days;

	int cells = pg->n_days * pg->n_rows;
	pg->off = calloc((size_t)cells + 2, sizeof *pg->off);
	pg->cell_idx = calloc((size_t)n_items + 1, sizeof *pg->cell_idx);
	int *fill = calloc((size_t)cells + 1, sizeof *fill);
	if (!pg->off || !pg->cell_idx || !fill) {
		free(fill);
		sch_grid_page_free(pg);
		return sch_error_oom();
	}
	for (int i = 0; i < n_items; i++) {
		const sch_placement *p = &g->pl[items[i]];
		pg->off[p->day * pg->n_rows + (p->period - first) + 1]++;
	}
	for (int k = 0; k < cells; k++)
		pg->off[k + 1] += pg->off[k];
	for (int i = 0; i < n_items; i++) {
		const sch_placement *p = &g->pl[items[i]];
		int k = p->day * pg->n_rows + (p->period - first);
		pg->cell_idx[pg->off[k] + fill[k]++] = items[i];
	}
	free(fill);
	return 0;
}

void sch_grid_page_free(sch_grid_page *pg)
{
	if (!pg)
		return;
	free(pg->off);
	free(pg->cell_idx);
	memset(pg, 0, sizeof *pg);
}

/* ---- cell texts ---- */

void sch_cell_init(sch_cell *c)
{
	memset(c, 0, sizeof *c);
	sch_buf_init(&c->text);
}

void sch_cell_free(sch_cell *c)
{
	sch_buf_free(&c->text);
}

static void cell_line(sch_cell *c, const char *text, bool strong)
{
	if (c->n_lines >= SCH_CELL_MAX_LINES)
		return;
	if (c->n_lines)
		sch_buf_puts(&c->text, "\n");
	sch_buf_puts(&c->text, text);
	c->strong[c->n_lines++] = strong;
}

/* "10А, 10Б en1": the classes of a part and its group. */
static void classes_and_group(const sch_grid *g, int lesson, int part, sch_buf *b)
{
	sch_grid_part_classes(g, lesson, part, b);
	const char *grp = sch_grid_part_group(g, lesson, part);
	if (grp)
		sch_buf_printf(b, " %s", grp);
}

/* The mark of a dated placement in words ("замена"), NULL for none. */
static const char *mark_label(const sch_grid *g, int mark)
{
	switch (mark) {
	case SCH_MARK_COVER: return sch_grid_label(g, SCH_L_COVER);
	case SCH_MARK_UNCOVERED: return sch_grid_label(g, SCH_L_UNCOVERED);
	case SCH_MARK_CANCELLED: return sch_grid_label(g, SCH_L_CANCELLED);
	case SCH_MARK_MOVED: return sch_grid_label(g, SCH_L_MOVED);
	default: return NULL;
	}
}

static void detail_line(const sch_grid *g, int kind, const sch_placement *p, bool many_parts, sch_buf *b)
{
	int t = sch_grid_placement_teacher(g, p);
	const char *teacher = t >= 0 ? sch_school_teacher_name(g->s, t) : NULL;
	const char *room = p->room >= 0 ? sch_school_room_id(g->s, p->room) : NULL;
	const char *grp = sch_grid_part_group(g, p->lesson, p->part);
	const char *second = NULL;
	if (kind == SCH_GRID_CLASS) {
		if (many_parts && grp)
			sch_buf_printf(b, "%s: ", grp);
		if (teacher)
			sch_buf_puts(b, teacher);
		second = room;
	} else {
		classes_and_group(g, p->lesson, p->part, b);
		second = kind == SCH_GRID_TEACHER ? room : teacher;
	}
	if (second && *second)
		sch_buf_printf(b, b->len ? ", %s" : "%s", second);
	const char *mark = mark_label(g, p->mark);
	if (mark)
		sch_buf_printf(b, b->len ? " (%s)" : "(%s)", mark);
}

int sch_grid_cell(const sch_grid *g, int kind, const int *items, int n, int style, sch_cell *out)
{
	sch_buf_clear(&out->text);
	out->n_lines = 0;
	sch_buf line;
	sch_buf_init(&line);
	for (int i = 0; i < n;) {
		int lesson = g->pl[items[i]].lesson, j = i;
		while (j < n && g->pl[items[j]].lesson == lesson)
			j++;
		const sch_lesson_def *ls = &g->s->lessons[lesson];
		sch_buf_clear(&line);
		if (style == SCH_CELL_CLASSES) {
			/* The group goes under its class, to keep the overview's columns narrow. */
			for (int k = i; k < j; k++) {
				sch_buf_clear(&line);
				sch_grid_part_classes(g, lesson, g->pl[items[k]].part, &line);
				cell_line(out, line.p ? line.p : "", true);
				const char *grp = sch_grid_part_group(g, lesson, g->pl[items[k]].part);
				if (grp)
					cell_line(out, grp, false);
			}
		} else {
			sch_buf_puts(&line, sch_school_subject_name(g->s, ls->subject, g->lang_code));
			const char *grp = sch_grid_part_group(g, lesson, g->pl[items[i]].part);
			if (j - i == 1 && grp && kind == SCH_GRID_CLASS)
				sch_buf_printf(&line, " (%s)", grp);
			cell_line(out, line.p ? line.p : "", true);
			if (style == SCH_CELL_BRIEF) {
				sch_buf_clear(&line);
				for (int k = i; k < j; k++) {
					int t = sch_grid_placement_teacher(g, &g->pl[items[k]]);
					const char *name = t >= 0 ? sch_school_teacher_name(g->s, t) : NULL;
					const char *mark = mark_label(g, g->pl[items[k]].mark);
					if (!name && !mark)
						continue;
					if (line.len)
						sch_buf_puts(&line, " / ");
					sch_buf_puts(&line, name ? name : "");
					if (mark)
						sch_buf_printf(&line, name ? " (%s)" : "(%s)", mark);
				}
				if (line.len)
					cell_line(out, line.p, false);
			} else {
				for (int k = i; k < j; k++) {
					sch_buf_clear(&line);
					detail_line(g, kind, &g->pl[items[k]], j - i > 1, &line);
					if (line.len)
						cell_line(out, line.p, false);
				}
			}
		}
		i = j;
	}
	bool oom = line.oom || out->text.oom;
	sch_buf_free(&line);
	if (!out->text.p)
		sch_buf_puts(&out->text, "");
	return oom ? sch_error_oom() : 0;
}
