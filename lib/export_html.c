/* The HTML export: one self-contained page (inline CSS, no external resources) with the overviews and a grid per class and teacher. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export_grid.h"
#include "schedule/school.h"

static void esc(sch_buf *b, const char *s)
{
	const char *run = s ? s : "";
	for (const char *q = run; *q; q++) {
		const char *rep = NULL;
		switch (*q) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		sch_buf_add(b, run, (size_t)(q - run));
		sch_buf_puts(b, rep);
		run = q + 1;
	}
	sch_buf_puts(b, run);
}

/* A cell's lines: strong ones (subjects) bold, the others in a smaller grey font. */
static void cell_html(sch_buf *b, const sch_cell *c)
{
	const char *p = c->text.p ? c->text.p : "";
	for (int i = 0; i < c->n_lines; i++) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, n);
		if (!line) {
			b->oom = true;
			return;
		}
		if (i)
			sch_buf_puts(b, "<br>");
		sch_buf_puts(b, c->strong[i] ? "<b>" : "<span>");
		esc(b, line);
		sch_buf_puts(b, c->strong[i] ? "</b>" : "</span>");
		free(line);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static const char css[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:13px;margin:16px;color:#111}"
	"h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:18px 0 2px}"
	"p.sub{margin:0 0 6px;color:#444}"
	"nav{margin:8px 0;line-height:1.8}nav a{margin-right:8px;text-decoration:none;color:#1a4f8b}"
	"table{border-collapse:collapse;margin-bottom:8px}"
	"th,td{border:1px solid #888;padding:3px 5px;vertical-align:middle}"
	"thead th{background:#dde6f0}"
	"td{min-width:90px}td span{color:#444;font-size:11px}"
	"th.no{background:#eef2f6;width:24px}td.time{background:#eef2f6;white-space:nowrap;font-size:11px;min-width:0}"
	"th.day{background:#eef2f6;writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}"
	"table.ov td{min-width:60px;font-size:11px}table.ov td span{font-size:10px}"
	"table.tov{margin-bottom:14px}table.tov td{min-width:26px;font-size:11px;text-align:center;padding:2px}"
	"table.tov th{font-size:11px;padding:2px}th.name{text-align:left;white-space:nowrap;background:#eef2f6}"
	"td.off{background:#f3f3f3}"
	"section{page-break-inside:avoid}"
	"@page{size:A4 landscape;margin:10mm}"
	"@media print{nav{display:none}section{page-break-before:always}body{margin:0}}";

static void entity_anchor(sch_buf *b, int kind, int e)
{
	static const char k[3] = {'c', 't', 'r'};
	sch_buf_printf(b, "%c%d", k[kind], e);
}

static int grid_table(sch_buf *b, const sch_grid *g, int kind, int e, sch_cell *cell)
{
	sch_grid_page pg;
	int rc = sch_grid_page_build(&pg, g, kind, e);
	if (rc)
		return rc;
	sch_buf title;
	sch_buf_init(&title);
	sch_grid_entity_title(g, kind, e, &title);
	sch_buf_puts(b, "<section id=\"");
	entity_anchor(b, kind, e);
	sch_buf_puts(b, "\"><h2>");
	esc(b, title.p);
	sch_buf_puts(b, "</h2><p class=\"sub\">");
	sch_buf_clear(&title);
	sch_grid_subtitle(g, kind == SCH_GRID_CLASS ? g->s->classes[e].shift : -1, &title);
	esc(b, title.p);
	sch_buf_free(&title);
	sch_buf_printf(b, "</p>\n<table class=\"grid\"><thead><tr><th class=\"no\">%s</th><th>%s</th>",
		       sch_grid_label(g, SCH_L_NO), sch_grid_label(g, SCH_L_TIME));
	for (int d = 0; d < pg.n_days; d++) {
		sch_buf_puts(b, "<th>");
		esc(b, sch_grid_day_name(g, d));
		sch_buf_puts(b, "</th>");
	}
	sch_buf_puts(b, "</tr></thead><tbody>\n");
	for (int r = 0; r < pg.n_rows && rc == 0; r++) {
		char t[24];
		int bell = pg.first + r;
		sch_grid_time(g, bell, false, t);
		sch_buf_printf(b, "<tr><th class=\"no\">%d</th><td class=\"time\">%s</td>",
			       sch_grid_row_number(g, kind, e, bell), t);
		for (int d = 0; d < pg.n_days && rc == 0; d++) {
			int n;
			const int *items = sch_grid_page_cell(&pg, d, r, &n);
			rc = sch_grid_cell(g, kind, items, n, SCH_CELL_FULL, cell);
			sch_buf_puts(b, "<td>");
			cell_html(b, cell);
			sch_buf_puts(b, "</td>");
		}
		sch_buf_puts(b, "</tr>\n");
	}
	sch_buf_puts(b, "</tbody></table></section>\n");
	sch_grid_page_free(&pg);
	return rc;
}

/* All classes of a shift side by side, days down with their lessons: the platform's "Class" view. */
static int class_overview(sch_buf *b, const sch_grid *g, int shift, sch_cell *cell)
{
	const sch_school *s = g->s;
	int *cls = malloc(sizeof(int) * ((size_t)s->n_classes + 1));
	if (!cls)
		return sch_error_oom();
	int n = sch_grid_shift_classes(g, shift, cls), rc = 0;
	if (n == 0) {
		free(cls);
		return 0;
	}
	const sch_shift_def *sh = &s->shifts[shift];
	int days = sch_grid_shift_days(g, shift);
	sch_buf t;
	sch_buf_init(&t);
	sch_grid_shift_name(g, shift, &t);
	sch_buf_printf(b, "<section id=\"ov-c%d\"><h2>", shift);
	esc(b, sch_grid_label(g, SCH_L_CLASSES_TITLE));
	sch_buf_puts(b, " \xC2\xB7 ");
	esc(b, t.p);
	sch_buf_free(&t);
	sch_buf_printf(b, "</h2>\n<table class=\"ov\"><thead><tr><th>%s</th><th class=\"no\">%s</th><th>%s</th>",
		       sch_grid_label(g, SCH_L_DAY), sch_grid_label(g, SCH_L_NO), sch_grid_label(g, SCH_L_TIME));
	for (int i = 0; i < n; i++) {
		sch_buf_puts(b, "<th>");
		esc(b, s->classes[cls[i]].id);
		sch_buf_puts(b, "</th>");
	}
	sch_buf_puts(b, "</tr></thead><tbody>\n");
	int rows = sh->last - sh->first + 1, items[32];
	for (int d = 0; d < days && rc == 0; d++) {
		for (int r = 0; r < rows && rc == 0; r++) {
			int bell = sh->first + r;
			char tm[24];
			sch_grid_time(g, bell, false, tm);
			sch_buf_puts(b, "<tr>");
			if (r == 0) {
				sch_buf_printf(b, "<th class=\"day\" rowspan=\"%d\">", rows);
				esc(b, sch_grid_day_name(g, d));
				sch_buf_puts(b, "</th>");
			}
			sch_buf_printf(b, "<th class=\"no\">%d</th><td class=\"time\">%s</td>", r + 1, tm);
			for (int i = 0; i < n && rc == 0; i++) {
				const sch_class_def *c = &s->classes[cls[i]];
				int k = sch_grid_slot_items(g, SCH_GRID_CLASS, cls[i], d, bell, items, 32);
				rc = sch_grid_cell(g, SCH_GRID_CLASS, items, k, SCH_CELL_BRIEF, cell);
				sch_buf_puts(b, c->week_days > 0 && d >= c->week_days && k == 0 ? "<td class=\"off\">" : "<td>");
				cell_html(b, cell);
				sch_buf_puts(b, "</td>");
			}
			sch_buf_puts(b, "</tr>\n");
		}
	}
	sch_buf_puts(b, "</tbody></table></section>\n");
	free(cls);
	return rc;
}

/*
 * Teachers down, days and bells across, class names in the cells: the platform's
 * "Teacher" view. A week of bells is split into tables of a few days each, so
 * that one fits a screen and a printed page.
 */
static int teacher_overview(sch_buf *b, const sch_grid *g, sch_cell *cell)
{
	const sch_school *s = g->s;
	int bells = g->bell_last - g->bell_first + 1, items[32], rc = 0;
	int per_table = bells > 0 && bells < 36 ? 36 / bells : 1;
	sch_buf_puts(b, "<section id=\"ov-t\"><h2>");
	esc(b, sch_grid_label(g, SCH_L_TEACHERS_TITLE));
	sch_buf_puts(b, "</h2>\n");
	for (int d0 = 0; d0 < s->n_days && rc == 0; d0 += per_table) {
		int d1 = d0 + per_table < s->n_days ? d0 + per_table : s->n_days;
		sch_buf_printf(b, "<table class=\"tov\"><thead><tr><th rowspan=\"2\">%s</th>",
			       sch_grid_label(g, SCH_L_TEACHER));
		for (int d = d0; d < d1; d++) {
			sch_buf_printf(b, "<th colspan=\"%d\">", bells);
			esc(b, sch_grid_day_name(g, d));
			sch_buf_puts(b, "</th>");
		}
		sch_buf_puts(b, "</tr><tr>");
		for (int d = d0; d < d1; d++)
			for (int p = g->bell_first; p <= g->bell_last; p++) {
				char tm[24];
				sch_grid_time(g, p, false, tm);
				sch_buf_printf(b, "<th title=\"%s\">%d</th>", tm, p + 1);
			}
		sch_buf_puts(b, "</tr></thead><tbody>\n");
		for (int t = 0; t < s->n_teachers && rc == 0; t++) {
			sch_buf_puts(b, "<tr><th class=\"name\">");
			esc(b, sch_school_teacher_name(s, t));
			sch_buf_puts(b, "</th>");
			for (int d = d0; d < d1 && rc == 0; d++)
				for (int p = g->bell_first; p <= g->bell_last && rc == 0; p++) {
					int k = sch_grid_slot_items(g, SCH_GRID_TEACHER, t, d, p, items, 32);
					rc = sch_grid_cell(g, SCH_GRID_TEACHER, items, k, SCH_CELL_CLASSES, cell);
					sch_buf_puts(b, "<td>");
					cell_html(b, cell);
					sch_buf_puts(b, "</td>");
				}
			sch_buf_puts(b, "</tr>\n");
		}
		sch_buf_puts(b, "</tbody></table>\n");
	}
	sch_buf_puts(b, "</section>\n");
	return rc;
}

int sch_export__html(const sch_grid *g, sch_buf *b)
{
	const sch_school *s = g->s;
	sch_cell cell;
	int rc = 0;
	sch_cell_init(&cell);

	sch_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>", g->lang_code);
	esc(b, sch_grid_label(g, SCH_L_TIMETABLE));
	sch_buf_puts(b, " \xE2\x80\x94 ");
	esc(b, g->school_name);
	sch_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>", css);
	esc(b, g->school_name);
	sch_buf_puts(b, "</h1><p class=\"sub\">");
	esc(b, sch_grid_label(g, SCH_L_TIMETABLE));
	if (g->year && *g->year) {
		sch_buf_puts(b, " \xC2\xB7 ");
		esc(b, g->year);
		sch_buf_puts(b, " ");
		esc(b, sch_grid_label(g, SCH_L_YEAR));
	}
	sch_buf_puts(b, "</p></header>\n<nav>");
	static const int kinds[3] = {SCH_GRID_CLASS, SCH_GRID_TEACHER, SCH_GRID_ROOM};
	static const int kind_labels[3] = {SCH_L_CLASSES, SCH_L_TEACHERS, SCH_L_ROOMS};
	for (int k = 0; k < 3; k++) {
		bool any = false;
		for (int e = 0; e < g->n_entities[kinds[k]]; e++) {
			if (!sch_grid_wants(g, kinds[k], e))
				continue;
			if (!any)
				sch_buf_printf(b, "<div><b>%s:</b> ", sch_grid_label(g, kind_labels[k]));
			any = true;
			sch_buf_puts(b, "<a href=\"#");
			entity_anchor(b, kinds[k], e);
			sch_buf_puts(b, "\">");
			esc(b, sch_grid_entity_name(g, kinds[k], e));
			sch_buf_puts(b, "</a> ");
		}
		if (any)
			sch_buf_puts(b, "</div>");
	}
	sch_buf_puts(b, "</nav>\n");

	if (sch_grid_wants_overview(g)) {
		for (int sh = 0; sh < s->n_shifts && rc == 0; sh++)
			rc = class_overview(b, g, sh, &cell);
		if (rc == 0)
			rc = teacher_overview(b, g, &cell);
	}
	for (int k = 0; k < 3; k++)
		for (int e = 0; e < g->n_entities[kinds[k]] && rc == 0; e++)
			if (sch_grid_wants(g, kinds[k], e))
				rc = grid_table(b, g, kinds[k], e, &cell);
	sch_buf_puts(b, "</body>\n</html>\n");
	sch_cell_free(&cell);
	if (rc == 0 && b->oom)
		rc = sch_error_oom();
	return rc;
}
