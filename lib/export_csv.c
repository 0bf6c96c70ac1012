/* CSV (RFC 4180, UTF-8) and JSON exports: one row per lesson placement, for other programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export_grid.h"
#include "schedule/school.h"

/* A row: a placement seen from one of the classes of its part. */
typedef struct {
	int day, period, cls, lesson, part, pl;
} row;

static int cmp_row(const void *a, const void *b)
{
	const row *x = a, *y = b;
	if (x->day != y->day)
		return x->day - y->day;
	if (x->period != y->period)
		return x->period - y->period;
	if (x->cls != y->cls)
		return x->cls - y->cls;
	if (x->lesson != y->lesson)
		return x->lesson - y->lesson;
	return x->part - y->part;
}

/* The rows the view and filter keep, sorted by day, bell and class; *out is malloc'ed. */
static int collect_rows(const sch_grid *g, row **out, int *n_out)
{
	size_t cap = (size_t)g->n_pl + 16, n = 0;
	row *rows = malloc(cap * sizeof *rows);
	if (!rows)
		return sch_error_oom();
	for (int i = 0; i < g->n_pl; i++) {
		const sch_placement *p = &g->pl[i];
		if (!sch_grid_row_wanted(g, p))
			continue;
		const sch_part_def *part = &g->s->lessons[p->lesson].parts[p->part];
		int last = -1;
		for (int a = 0; a <= part->n_atoms; a++) {
			int c;
			if (a < part->n_atoms)
				c = g->s->atom_class[part->atoms[a]];
			else if (part->n_atoms == 0)
				c = part->class_of;
			else
				break;
			if (c < 0 || c == last)
				continue;
			last = c;
			if (g->view == SCH_VIEW_CLASS && g->filter >= 0 && c != g->filter)
				continue;
			if (n == cap) {
				cap *= 2;
				row *r = realloc(rows, cap * sizeof *rows);
				if (!r) {
					free(rows);
					return sch_error_oom();
				}
				rows = r;
			}
			rows[n++] = (row){p->day, p->period, c, p->lesson, p->part, i};
		}
	}
	qsort(rows, n, sizeof *rows, cmp_row);
	*out = rows;
	*n_out = (int)n;
	return 0;
}

static void csv_field(sch_buf *b, const char *s, bool last)
{
	s = s ? s : "";
	if (strpbrk(s, ",\"\r\n")) {
		sch_buf_puts(b, "\"");
		for (const char *q = s; *q; q++) {
			if (*q == '"')
				sch_buf_puts(b, "\"");
			sch_buf_add(b, q, 1);
		}
		sch_buf_puts(b, "\"");
	} else {
		sch_buf_puts(b, s);
	}
	sch_buf_puts(b, last ? "\r\n" : ",");
}

int sch_export__csv(const sch_grid *g, sch_buf *out)
{
	row *rows = NULL;
	int n = 0, rc = collect_rows(g, &rows, &n);
	if (rc)
		return rc;
	if (g->csv_bom)
		sch_buf_puts(out, "\xEF\xBB\xBF");
	sch_buf_puts(out, "day,day_name,period,start,end,class,group,subject,subject_ru,subject_ky,teacher,teacher_name,room\r\n");
	for (int i = 0; i < n && !out->oom; i++) {
		const sch_placement *p = &g->pl[rows[i].pl];
		const sch_lesson_def *l = &g->s->lessons[p->lesson];
		const sch_part_def *part = &l->parts[p->part];
		char num[16], start[8], end[8];
		snprintf(num, sizeof num, "%d", p->period + 1);
		sch_grid_hhmm(g->s->bells[p->period].start_min, start);
		sch_grid_hhmm(g->s->bells[p->period].end_min, end);
		csv_field(out, sch_day_code(g->s->day_codes[p->day]), false);
		csv_field(out, sch_grid_day_name(g, p->day), false);
		csv_field(out, num, false);
		csv_field(out, start, false);
		csv_field(out, end, false);
		csv_field(out, g->s->classes[rows[i].cls].id, false);
		csv_field(out, rows[i].cls == part->class_of ? sch_grid_part_group(g, p->lesson, p->part) : NULL, false);
		csv_field(out, sch_school_subject_id(g->s, l->subject), false);
		csv_field(out, sch_school_subject_name(g->s, l->subject, "ru"), false);
		csv_field(out, sch_school_subject_name(g->s, l->subject, "ky"), false);
		csv_field(out, part->teacher >= 0 ? sch_school_teacher_id(g->s, part->teacher) : NULL, false);
		csv_field(out, part->teacher >= 0 ? sch_school_teacher_name(g->s, part->teacher) : NULL, false);
		csv_field(out, p->room >= 0 ? sch_school_room_id(g->s, p->room) : NULL, true);
	}
	free(rows);
	return out->oom ? sch_error_oom() : 0;
}

int sch_export__json(const sch_grid *g, sch_buf *out)
{
	const sch_school *s = g->s;
	row *rows = NULL;
	int n = 0, rc = collect_rows(g, &rows, &n);
	if (rc)
		return rc;
	char t1[8], t2[8];
	sch_buf_puts(out, "{\n  \"school\": {\"name\": ");
	sch_buf_quoted(out, g->school_name);
	sch_buf_puts(out, ", \"year\": ");
	sch_buf_quoted(out, g->year && *g->year ? g->year : NULL);
	sch_buf_printf(out, "},\n  \"lang\": \"%s\",\n  \"view\": \"%s\",\n  \"filter\": ", g->lang_code,
		       sch_export_view_name(g->view));
	if (g->filter >= 0) {
		int kind = g->view == SCH_VIEW_CLASS ? SCH_GRID_CLASS : g->view == SCH_VIEW_TEACHER ? SCH_GRID_TEACHER : SCH_GRID_ROOM;
		sch_buf_quoted(out, kind == SCH_GRID_TEACHER ? s->teachers[g->filter].id : sch_grid_entity_name(g, kind, g->filter));
	} else {
		sch_buf_puts(out, "null");
	}
	sch_buf_puts(out, ",\n  \"days\": [");
	for (int d = 0; d < s->n_days; d++) {
		sch_buf_printf(out, "%s{\"day\": \"%s\", \"name\": ", d ? ", " : "", sch_day_code(s->day_codes[d]));
		sch_buf_quoted(out, sch_grid_day_name(g, d));
		sch_buf_puts(out, "}");
	}
	sch_buf_puts(out, "],\n  \"bells\": [");
	for (int p = 0; p < s->n_periods; p++) {
		sch_grid_hhmm(s->bells[p].start_min, t1);
		sch_grid_hhmm(s->bells[p].end_min, t2);
		sch_buf_printf(out, "%s{\"period\": %d, \"start\": \"%s\", \"end\": \"%s\"}", p ? ", " : "", p + 1, t1, t2);
	}
	sch_buf_puts(out, "],\n  \"placements\": [");
	for (int i = 0; i < n && !out->oom; i++) {
		const sch_placement *p = &g->pl[rows[i].pl];
		const sch_lesson_def *l = &s->lessons[p->lesson];
		const sch_part_def *part = &l->parts[p->part];
		sch_grid_hhmm(s->bells[p->period].start_min, t1);
		sch_grid_hhmm(s->bells[p->period].end_min, t2);
		sch_buf_printf(out, "%s\n    {\"day\": \"%s\", \"day_name\": ", i ? "," : "", sch_day_code(s->day_codes[p->day]));
		sch_buf_quoted(out, sch_grid_day_name(g, p->day));
		sch_buf_printf(out, ", \"period\": %d, \"start\": \"%s\", \"end\": \"%s\", \"class\": ", p->period + 1, t1, t2);
		sch_buf_quoted(out, s->classes[rows[i].cls].id);
		sch_buf_puts(out, ", \"group\": ");
		sch_buf_quoted(out, rows[i].cls == part->class_of ? sch_grid_part_group(g, p->lesson, p->part) : NULL);
		sch_buf_puts(out, ", \"subject\": {\"id\": ");
		sch_buf_quoted(out, sch_school_subject_id(s, l->subject));
		sch_buf_puts(out, ", \"ru\": ");
		sch_buf_quoted(out, sch_school_subject_name(s, l->subject, "ru"));
		sch_buf_puts(out, ", \"ky\": ");
		sch_buf_quoted(out, sch_school_subject_name(s, l->subject, "ky"));
		sch_buf_puts(out, "}, \"teacher\": ");
		if (part->teacher >= 0) {
			sch_buf_puts(out, "{\"id\": ");
			sch_buf_quoted(out, sch_school_teacher_id(s, part->teacher));
			sch_buf_puts(out, ", \"name\": ");
			sch_buf_quoted(out, sch_school_teacher_name(s, part->teacher));
			sch_buf_puts(out, "}");
		} else {
			sch_buf_puts(out, "null");
		}
		sch_buf_puts(out, ", \"room\": ");
		sch_buf_quoted(out, p->room >= 0 ? sch_school_room_id(s, p->room) : NULL);
		sch_buf_puts(out, "}");
	}
	sch_buf_puts(out, n ? "\n  ]\n}\n" : "]\n}\n");
	free(rows);
	return out->oom ? sch_error_oom() : 0;
}
