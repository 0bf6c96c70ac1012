/* Exports of dated lessons: the week view with dates in the day headers, and the substitution sheet with cover counts (xlsx, pdf). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_int.h"
#include "error.h"
#include "export_grid.h"
#include "fileio.h"
#include "schedule/school.h"
#include "schedule/timetable.h"

/* Words of these views that the grid's labels lack, in ru and ky. */
enum {
	W_WEEK,       /* "неделя" */
	W_FOLLOWS,    /* "по расписанию" + day */
	W_SHEET,      /* "Лист замен" */
	W_LESSON,     /* "Урок" */
	W_SUBJECT,    /* "Предмет" */
	W_ABSENT,     /* "Отсутствует" */
	W_SUBSTITUTE, /* "Заменяет" */
	W_NOTE,       /* "Примечание" */
	W_COUNTS,     /* "Замены по учителям" */
	W_TOTAL,      /* "Всего" */
	W_QUARTER,    /* "четверть" */
	W_WAS_AT,     /* "перенесён с урока" */
	W_NO_CHANGES, /* "замен нет" */
	W_COUNT_UNIT, /* "уроков замены" */
	W_N
};

static const char *const words[2][W_N] = {
	{"неделя", "по расписанию:", "Лист замен", "Урок", "Предмет", "Отсутствует", "Заменяет", "Примечание",
	 "Замены по учителям", "Всего", "четверть", "перенесён с урока", "замен нет", "уроков замены"},
	{"жума", "жадыбал боюнча:", "Алмаштыруулар баракчасы", "Сабак", "Предмет", "Жок", "Алмаштырат", "Эскертүү",
	 "Мугалимдердин алмаштыруулары", "Бардыгы", "чейрек", "сабактан жылдырылды", "алмаштыруу жок",
	 "алмаштыруу сабактары"},
};

static const char *const months[2][12] = {
	{"Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"},
	{"Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"},
};

static const char *const roman[5] = {"", "I", "II", "III", "IV"};

static const char *word(const sch_grid *g, int w)
{
	return words[g->lang][w];
}


/* Writes the grid to path through a temporary file (xlsx or pdf only). */
static int write_grid(const sch_grid *g, const sch_export_options *o, const char *path)
{
	char *tmp = NULL;
	int rc = sch_file_tmp_create(path, &tmp);
	if (rc == 0)
		rc = o->format == SCH_EXPORT_XLSX ? sch_export__xlsx(g, tmp) : sch_export__pdf(g, o, tmp);
	if (rc == 0)
		rc = sch_file_tmp_commit(&tmp, path);
	sch_file_tmp_abort(&tmp);
	return rc;
}

static int check_format(const sch_export_options *o, const char *what)
{
	if (o->version != SCH_EXPORT_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "%s: options version %u, expected %d", what, o->version,
				     SCH_EXPORT_OPTIONS_VERSION);
	if (o->format != SCH_EXPORT_XLSX && o->format != SCH_EXPORT_PDF)
		return sch_error_set(SCH_EINVALID, "%s: xlsx or pdf only, not %s", what, sch_export_format_name(o->format));
	return 0;
}

static int mark_of(const sch_dated_lesson *e)
{
	switch (e->status) {
	case SCH_DATED_COVERED: return SCH_MARK_COVER;
	case SCH_DATED_UNCOVERED: return SCH_MARK_UNCOVERED;
	case SCH_DATED_CANCELLED: return SCH_MARK_CANCELLED;
	default: return e->moved ? SCH_MARK_MOVED : SCH_MARK_NONE;
	}
}

/* ---- The week view ---- */

int sch_dated_export_week(const sch_dated *d, sch_date any, const sch_export_options *opts, const char *path)
{
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	sch_grid g;
	sch_placement *pl = NULL;
	sch_buf titles[7], note;
	const char *title_p[7] = {0};
	int col[7], n_cols = 0, n_pl = 0, rc, grid_made = 0;
	char a[16], b[16];
	if (!d || !path)
		return sch_error_set(SCH_EINVALID, "sch_dated_export_week: NULL argument");
	if (opts)
		o = *opts;
	if ((rc = check_format(&o, "week export")))
		return rc;
	if (o.view == SCH_VIEW_SCHOOL)
		o.view = SCH_VIEW_ALL;
	const sch_school *s = d->s;
	sch_date monday = any - sch_date_weekday(any);
	for (int k = 0; k < 7; k++)
		sch_buf_init(&titles[k]);
	sch_buf_init(&note);
	/* Columns: the school's days where the dates fall; a working day outside them (a transfer) after. */
	for (int k = 0; k < 7; k++) {
		col[k] = -1;
		for (int dd = 0; dd < s->n_days; dd++)
			if (s->day_codes[dd] == k)
				col[k] = dd;
		if (col[k] >= n_cols)
			n_cols = col[k] + 1;
	}
	for (int k = 0; k < 7; k++) {
		size_t f, n = sch_dated_on(d, monday + k, &f);
		if (col[k] < 0 && n > 0)
			col[k] = n_cols++;
	}
	size_t cap = 0;
	for (int k = 0; k < 7; k++) {
		size_t f, n = sch_dated_on(d, monday + k, &f);
		for (size_t i = f; i < f + n; i++)
			cap += (size_t)d->v[i].length;
	}
	if (!(pl = calloc(cap + 1, sizeof *pl))) {
		rc = sch_error_oom();
		goto done;
	}
	for (int k = 0; k < 7; k++) {
		size_t f, n = sch_dated_on(d, monday + k, &f);
		if (col[k] < 0)
			continue;
		for (size_t i = f; i < f + n; i++) {
			const sch_dated_lesson *e = &d->v[i];
			for (int off = 0; off < e->length && e->period + off < s->n_periods; off++)
				pl[n_pl++] = (sch_placement){.lesson = e->lesson,
							     .part = e->part,
							     .day = col[k],
							     .period = e->period + off,
							     .offset = off,
							     .room = e->room,
							     .mark = mark_of(e),
							     .sub = e->teacher};
		}
	}
	if ((rc = sch_grid_init_dated(&g, d->tt, &o, pl, n_pl)))
		goto done;
	grid_made = 1;
	/* "Понедельник\n30.11.2026", then what the day is when it is no ordinary school day. */
	for (int k = 0; k < 7; k++) {
		sch_date date = monday + k;
		sch_day_info info;
		if (col[k] < 0)
			continue;
		sch_buf *t = &titles[col[k]];
		sch_calendar_day(d->cal, date, 0, &info);
		sch_buf_printf(t, "%s\n%s", sch_grid_weekday_name(&g, k), sch_date_dmy(date, a));
		if (info.kind == SCH_DAY_SCHOOL && info.follows != k)
			sch_buf_printf(t, "\n%s %s", word(&g, W_FOLLOWS), sch_grid_weekday_name(&g, info.follows));
		else if (info.kind != SCH_DAY_SCHOOL && info.kind != SCH_DAY_OUTSIDE && info.name && *info.name)
			sch_buf_printf(t, "\n%s", info.name);
		title_p[col[k]] = t->p;
	}
	sch_buf_printf(&note, "%s %s – %s", word(&g, W_WEEK), sch_date_dmy(monday, a), sch_date_dmy(monday + 6, b));
	for (int k = 0; k < 7; k++)
		if (titles[k].oom) {
			rc = sch_error_oom();
			goto done;
		}
	g.day_titles = title_p;
	g.n_day_titles = n_cols;
	g.note = note.p;
	rc = note.oom ? sch_error_oom() : write_grid(&g, &o, path);
done:
	if (grid_made)
		sch_grid_free(&g);
	for (int k = 0; k < 7; k++)
		sch_buf_free(&titles[k]);
	sch_buf_free(&note);
	free(pl);
	return rc;
}

/* ---- The substitution sheet ---- */

typedef struct {
	char **cells; /* owned strings */
	size_t n, cap;
	unsigned char *band;
	size_t n_rows, cap_rows;
	int n_cols;
	int oom;
} table;

static void cell(table *t, const char *text)
{
	if (t->oom)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		char **nc = realloc(t->cells, cap * sizeof *nc);
		if (!nc) {
			t->oom = 1;
			return;
		}
		t->cells = nc;
		t->cap = cap;
	}
	if (!(t->cells[t->n] = strdup(text ? text : ""))) {
		t->oom = 1;
		return;
	}
	t->n++;
	if (t->n % (size_t)t->n_cols == 0) { /* a row is complete */
		if (t->n_rows == t->cap_rows) {
			size_t cap = t->cap_rows ? t->cap_rows * 2 : 64;
			unsigned char *nb = realloc(t->band, cap);
			if (!nb) {
				t->oom = 1;
				return;
			}
			t->band = nb;
			t->cap_rows = cap;
		}
		t->band[t->n_rows++] = 0;
	}
}

/* A heading row: its text in the first cell, the others empty. */
static void band(table *t, const char *text)
{
	cell(t, text);
	for (int c = 1; c < t->n_cols; c++)
		cell(t, "");
	if (!t->oom)
		t->band[t->n_rows - 1] = 1;
}

static void table_free(table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->band);
}

/* "5А" or "10А, 10Б" with the group ("5А en1"). */
static void classes_text(const sch_grid *g, const sch_dated_lesson *e, sch_buf *b)
{
	sch_grid_part_classes(g, e->lesson, e->part, b);
	const char *grp = sch_grid_part_group(g, e->lesson, e->part);
	if (grp)
		sch_buf_printf(b, " (%s)", grp);
}

static const char *absence_reason(const sch_subst *s, int teacher, sch_date date)
{
	for (size_t i = 0; s && i < s->n_abs; i++)
		if (s->abs[i].teacher == teacher && date >= s->abs[i].first && date <= s->abs[i].last)
			return s->abs[i].reason;
	return "";
}

static void sheet_rows(const sch_grid *g, const sch_dated *d, sch_date first, sch_date last, table *t)
{
	const sch_school *s = d->s;
	sch_buf b;
	char a[16], tm[24];
	sch_buf_init(&b);
	for (sch_date date = first; date <= last; date++) {
		size_t f, n = sch_dated_on(d, date, &f), shown = 0;
		for (size_t i = f; i < f + n; i++)
			shown += d->v[i].status != SCH_DATED_PLANNED || d->v[i].moved;
		if (!shown)
			continue;
		sch_buf_clear(&b);
		sch_buf_printf(&b, "%s, %s", sch_grid_weekday_name(g, sch_date_weekday(date)), sch_date_dmy(date, a));
		band(t, b.p);
		for (size_t i = f; i < f + n; i++) {
			const sch_dated_lesson *e = &d->v[i];
			if (e->status == SCH_DATED_PLANNED && !e->moved)
				continue;
			sch_buf_clear(&b);
			sch_buf_printf(&b, "%d", sch_grid_row_number(g, SCH_GRID_CLASS, s->lessons[e->lesson].classes[0], e->period));
			if (e->length > 1)
				sch_buf_printf(&b, "–%d", sch_grid_row_number(g, SCH_GRID_CLASS, s->lessons[e->lesson].classes[0],
									 e->period + e->length - 1));
			cell(t, b.p);
			sch_grid_time(g, e->period, false, tm);
			cell(t, tm);
			sch_buf_clear(&b);
			classes_text(g, e, &b);
			cell(t, b.p);
			cell(t, sch_school_subject_name(s, s->lessons[e->lesson].subject, g->lang_code));
			int absent = e->status == SCH_DATED_COVERED || e->status == SCH_DATED_UNCOVERED;
			cell(t, absent && e->own_teacher >= 0 ? sch_school_teacher_name(s, e->own_teacher) : "");
			if (e->status == SCH_DATED_COVERED)
				cell(t, sch_school_teacher_name(s, e->teacher));
			else if (e->status == SCH_DATED_UNCOVERED)
				cell(t, sch_grid_label(g, SCH_L_UNCOVERED));
			else if (e->status == SCH_DATED_CANCELLED)
				cell(t, sch_grid_label(g, SCH_L_CANCELLED));
			else
				cell(t, e->teacher >= 0 ? sch_school_teacher_name(s, e->teacher) : "");
			cell(t, e->room >= 0 ? s->rooms[e->room].id : "");
			sch_buf_clear(&b);
			if (e->moved) {
				int dd, p;
				sch_timetable_get(d->tt, e->lesson, &dd, &p);
				sch_buf_printf(&b, "%s %d", word(g, W_WAS_AT),
					       sch_grid_row_number(g, SCH_GRID_CLASS, s->lessons[e->lesson].classes[0], p));
			}
			const char *why = absent ? absence_reason(d->subst, e->own_teacher, date) : "";
			if (why && *why)
				sch_buf_printf(&b, "%s%s", b.len ? "; " : "", why);
			cell(t, b.p ? b.p : "");
		}
	}
	if (b.oom)
		t->oom = 1;
	sch_buf_free(&b);
}

int sch_subst_export_sheet(const sch_dated *d, sch_date first, sch_date last, const sch_export_options *opts,
			   const char *path)
{
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	sch_grid g;
	sch_dated *year = NULL;
	sch_cover_count *counts = NULL;
	size_t n_counts = 0;
	table t1 = {.n_cols = 8}, t2 = {0};
	sch_buf title1, sub1, title2, sub2;
	char a[16], b[16], num[32];
	int rc, grid_made = 0;
	if (!d || !path)
		return sch_error_set(SCH_EINVALID, "sch_subst_export_sheet: NULL argument");
	if (opts)
		o = *opts;
	if ((rc = check_format(&o, "substitution sheet")))
		return rc;
	if (first == SCH_DATE_NONE || last == SCH_DATE_NONE || first > last)
		return sch_error_set(SCH_EINVALID, "substitution sheet: no date range");
	o.view = SCH_VIEW_CLASS;
	o.filter = NULL;
	sch_buf_init(&title1);
	sch_buf_init(&sub1);
	sch_buf_init(&title2);
	sch_buf_init(&sub2);
	if ((rc = sch_grid_init_dated(&g, d->tt, &o, NULL, 0)))
		goto done;
	grid_made = 1;
	g.view = -1; /* no grids: the tables only */

	/* The changes of each date. */
	const char *head1[8] = {word(&g, W_LESSON),  sch_grid_label(&g, SCH_L_TIME), sch_grid_label(&g, SCH_L_CLASS),
				word(&g, W_SUBJECT), word(&g, W_ABSENT),             word(&g, W_SUBSTITUTE),
				sch_grid_label(&g, SCH_L_ROOM), word(&g, W_NOTE)};
	static const double widths1[8] = {6, 12, 9, 22, 20, 20, 10, 24};
	sheet_rows(&g, d, first, last, &t1);
	if (t1.n_rows == 0)
		band(&t1, word(&g, W_NO_CHANGES));
	sch_buf_printf(&title1, "%s", word(&g, W_SHEET));
	if (first == last)
		sch_buf_printf(&title1, " — %s %s", sch_grid_weekday_name(&g, sch_date_weekday(first)), sch_date_dmy(first, a));
	else
		sch_buf_printf(&title1, " — %s – %s", sch_date_dmy(first, a), sch_date_dmy(last, b));
	sch_grid_subtitle(&g, -1, &sub1);

	/* Cover counts of the whole year, per month of the year and per quarter. */
	if ((rc = sch_dated_new(&year, d->tt, d->cal, d->subst, d->cal->first, d->cal->last)) ||
	    (rc = sch_subst_cover_counts(&counts, &n_counts, year)))
		goto done;
	int m_first, m_last, y_first, y_last, n_months;
	sch_date_split(d->cal->first, &y_first, &m_first, NULL);
	sch_date_split(d->cal->last, &y_last, &m_last, NULL);
	n_months = (y_last - y_first) * 12 + m_last - m_first + 1;
	if (n_months > 12)
		n_months = 12;
	t2.n_cols = 1 + n_months + 4 + 1;
	const char **head2 = calloc((size_t)t2.n_cols + 1, sizeof *head2);
	double *widths2 = calloc((size_t)t2.n_cols + 1, sizeof *widths2);
	char align2[32];
	memset(align2, 'c', sizeof align2);
	align2[0] = 'l';
	align2[t2.n_cols] = '\0';
	if (!head2 || !widths2) {
		free(head2);
		free(widths2);
		rc = sch_error_oom();
		goto done;
	}
	head2[0] = sch_grid_label(&g, SCH_L_TEACHER);
	widths2[0] = 24;
	for (int k = 0; k < n_months; k++) {
		head2[1 + k] = months[g.lang][(m_first - 1 + k) % 12];
		widths2[1 + k] = 5;
	}
	for (int q = 1; q <= 4; q++) {
		head2[n_months + q] = roman[q];
		widths2[n_months + q] = 5;
	}
	head2[t2.n_cols - 1] = word(&g, W_TOTAL);
	widths2[t2.n_cols - 1] = 7;
	for (size_t r = 0; r < n_counts; r++) {
		const sch_cover_count *c = &counts[r];
		if (c->quarter[0] == 0)
			continue;
		cell(&t2, sch_school_teacher_name(d->s, c->teacher));
		for (int k = 0; k < n_months; k++) {
			int m = (m_first - 1 + k) % 12 + 1, v = c->month[m];
			snprintf(num, sizeof num, "%d", v);
			cell(&t2, v ? num : "");
		}
		for (int q = 1; q <= 4; q++) {
			snprintf(num, sizeof num, "%d", c->quarter[q]);
			cell(&t2, c->quarter[q] ? num : "");
		}
		snprintf(num, sizeof num, "%d", c->quarter[0]);
		cell(&t2, num);
	}
	if (t2.n_rows == 0)
		band(&t2, word(&g, W_NO_CHANGES));
	sch_buf_printf(&title2, "%s", word(&g, W_COUNTS));
	sch_grid_subtitle(&g, -1, &sub2);
	sch_buf_printf(&sub2, " \xC2\xB7 %s (%s – %s)", word(&g, W_COUNT_UNIT), sch_date_dmy(d->cal->first, a),
		       sch_date_dmy(d->cal->last, b));
	if (t1.oom || t2.oom || title1.oom || sub1.oom || title2.oom || sub2.oom) {
		free(head2);
		free(widths2);
		rc = sch_error_oom();
		goto done;
	}
	sch_grid_table tables[2] = {
		{title1.p, sub1.p, word(&g, W_SHEET), 8, head1, widths1, "ccclllcl", (int)t1.n_rows,
		 (const char *const *)t1.cells, t1.band},
		{title2.p, sub2.p, word(&g, W_COUNTS), t2.n_cols, head2, widths2, align2, (int)t2.n_rows,
		 (const char *const *)t2.cells, t2.band},
	};
	g.tables = tables;
	g.n_tables = 2;
	rc = write_grid(&g, &o, path);
	free(head2);
	free(widths2);
done:
	if (grid_made)
		sch_grid_free(&g);
	sch_dated_free(year);
	free(counts);
	table_free(&t1);
	table_free(&t2);
	sch_buf_free(&title1);
	sch_buf_free(&sub1);
	sch_buf_free(&title2);
	sch_buf_free(&sub2);
	return rc;
}
