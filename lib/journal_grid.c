/* The class–subject grid of the journal (pupils × lesson dates, marks and Н) and its xlsx/pdf export through the export grid's tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export_grid.h"
#include "fileio.h"
#include "journal_core.h"
#include "schedule/export.h"
#include "schedule/school.h"

typedef struct {
	sch_pupil_list pupils;
	sch_jmem *mem;
} grid_mem;

typedef struct {
	int64_t id;
	size_t row;
} prow;

static int cmp_prow(const void *a, const void *b)
{
	int64_t x = ((const prow *)a)->id, y = ((const prow *)b)->id;
	return (x > y) - (x < y);
}

/* What a cell shows of attendance: Н absent, УП excused (уважительная причина), ОП late (опоздание). */
static const char *att_mark(const char *status)
{
	if (strcmp(status, "absent") == 0)
		return "Н";
	if (strcmp(status, "excused") == 0)
		return "УП";
	if (strcmp(status, "late") == 0)
		return "ОП";
	return "";
}

int sch_journal_grid_make(sch_journal_grid *out, sch_journal *j, const char *class_id, const char *subject_id,
			  sch_date first, sch_date last)
{
	if (!out || !j)
		return sch_error_set(SCH_EINVALID, "sch_journal_grid_make: NULL argument");
	memset(out, 0, sizeof *out);
	const sch_school *s = j->school;
	int c = sch_journal__class(s, class_id);
	if (c < 0)
		return sch_error_last()->code;
	int subj = sch_journal__subject(s, subject_id);
	if (subj < 0)
		return sch_error_last()->code;
	if (last < first)
		return sch_error_set(SCH_EINVALID, "the grid's dates end before they start");
	grid_mem *gm = calloc(1, sizeof *gm);
	if (!gm)
		return sch_error_oom();
	out->mem_ = gm;
	char d0[11], d1[11];
	sch_date_iso(first, d0);
	sch_date_iso(last, d1);
	int rc = sch_pupils_list(&gm->pupils, j->st, class_id, SCH_PUPILS_EXPELLED);
	sch_buf *cellbuf = NULL;
	prow *rows = NULL;
	sqlite3_stmt *q = NULL;
	const char **colkey = NULL;
	if (rc)
		goto fail;
	/* Pupils: active ones, and those expelled inside or after the dates. */
	sch_pupil *pp = sch_jmem_alloc(&gm->mem, sizeof *pp * (gm->pupils.count + 1));
	if (!pp) {
		rc = sch_error_oom();
		goto fail;
	}
	for (size_t i = 0; i < gm->pupils.count; i++) {
		const sch_pupil *p = &gm->pupils.items[i];
		if (p->status == SCH_PUPIL_EXPELLED && strcmp(p->left_on, d0) < 0)
			continue;
		pp[out->n_pupils++] = *p;
	}
	out->pupils = pp;
	/* Columns: the class's given lessons of the subject, one per date and lesson (its group parts merged). */
	size_t nd = sch_dated_count(j->dated), cap = 0;
	for (size_t i = 0; i < nd; i++) {
		const sch_dated_lesson *l = sch_dated_get(j->dated, i);
		if (l->date < first || l->date > last || !sch_dated_given(l))
			continue;
		const sch_lesson_def *ld = &s->lessons[l->lesson];
		if (ld->subject != subj)
			continue;
		int has = 0;
		for (int k = 0; k < ld->n_classes; k++)
			has |= ld->classes[k] == c;
		if (!has)
			continue;
		if (out->n_cols && out->col_date[out->n_cols - 1] == l->date &&
		    strcmp(colkey[out->n_cols - 1], j->keys[l->lesson]) == 0)
			continue;
		if (out->n_cols == cap) {
			cap = cap ? cap * 2 : 32;
			sch_date *a = realloc(out->col_date, sizeof *a * cap);
			if (a)
				out->col_date = a;
			int *b = realloc(out->col_period, sizeof *b * cap);
			if (b)
				out->col_period = b;
			const char **k = realloc(colkey, sizeof *k * cap);
			if (k)
				colkey = k;
			if (!a || !b || !k) {
				rc = sch_error_oom();
				goto fail;
			}
		}
		out->col_date[out->n_cols] = l->date;
		out->col_period[out->n_cols] = l->period + 1;
		colkey[out->n_cols] = j->keys[l->lesson];
		out->n_cols++;
	}
	out->class_id = s->classes[c].id;
	out->subject_id = s->subjects[subj].id;
	out->subject_name = sch_school_subject_name(s, subj, "ru");
	size_t ncell = out->n_pupils * out->n_cols;
	out->col_topic = sch_jmem_alloc(&gm->mem, sizeof *out->col_topic * (out->n_cols + 1));
	out->cells = sch_jmem_alloc(&gm->mem, sizeof *out->cells * (ncell + 1));
	out->average = sch_jmem_alloc(&gm->mem, sizeof *out->average * (out->n_pupils + 1));
	out->n_marks = sch_jmem_alloc(&gm->mem, sizeof *out->n_marks * (out->n_pupils + 1));
	cellbuf = calloc(ncell + 1, sizeof *cellbuf);
	rows = malloc(sizeof *rows * (out->n_pupils + 1));
	double *sum = calloc(out->n_pupils + 1, sizeof *sum);
	const char **att = calloc(ncell + 1, sizeof *att);
	if (!out->col_topic || !out->cells || !out->average || !out->n_marks || !cellbuf || !rows || !sum || !att) {
		free(sum);
		free(att);
		rc = sch_error_oom();
		goto fail;
	}
	for (size_t k = 0; k < out->n_cols; k++)
		out->col_topic[k] = "";
	for (size_t p = 0; p < out->n_pupils; p++) {
		rows[p] = (prow){out->pupils[p].id, p};
		out->n_marks[p] = 0;
		out->average[p] = 0;
	}
	qsort(rows, out->n_pupils, sizeof *rows, cmp_prow);
	for (size_t k = 0; k < ncell; k++)
		sch_buf_init(&cellbuf[k]);
	const jscheme *sc = NULL;
	if ((rc = sch_journal__scheme(j, s->classes[c].grade, &sc))) {
		free(sum);
		free(att);
		goto fail;
	}
	/* One pass over topics, attendance and marks of the subject in the dates (kind 0, 1, 2). */
	rc = sch_store__prepare(j->st, &q,
				"SELECT 0, l.day, l.lesson_key, 0, l.topic, '' FROM journal_lessons l "
				"WHERE l.subject = ?1 AND l.day BETWEEN ?2 AND ?3 AND l.topic != '' "
				"UNION ALL SELECT 1, l.day, l.lesson_key, a.pupil, a.status, '' FROM attendance a "
				"JOIN journal_lessons l ON l.id = a.journal_lesson WHERE l.subject = ?1 AND l.day BETWEEN ?2 AND ?3 "
				"UNION ALL SELECT 2, l.day, l.lesson_key, m.pupil, m.value, m.kind FROM marks m "
				"JOIN journal_lessons l ON l.id = m.journal_lesson WHERE l.subject = ?1 AND l.day BETWEEN ?2 AND ?3 "
				"ORDER BY 1, 6",
				"reading the journal");
	if (!rc) {
		sqlite3_bind_text(q, 1, out->subject_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, d0, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, d1, -1, SQLITE_STATIC);
		int st;
		while ((st = sqlite3_step(q)) == SQLITE_ROW) {
			int kind = sqlite3_column_int(q, 0);
			sch_date d;
			if (sch_date_parse(&d, (const char *)sqlite3_column_text(q, 1)) != 0)
				continue;
			const char *key = (const char *)sqlite3_column_text(q, 2);
			size_t col = out->n_cols;
			for (size_t k = 0; k < out->n_cols; k++)
				if (out->col_date[k] == d && strcmp(colkey[k], key) == 0) {
					col = k;
					break;
				}
			if (col == out->n_cols)
				continue; /* another class's lesson of the subject */
			const char *text = (const char *)sqlite3_column_text(q, 4);
			if (kind == 0) {
				if (!out->col_topic[col][0])
					out->col_topic[col] = sch_jmem_strdup(&gm->mem, text);
				continue;
			}
			prow key_row = {sqlite3_column_int64(q, 3), 0};
			const prow *r = bsearch(&key_row, rows, out->n_pupils, sizeof *rows, cmp_prow);
			if (!r)
				continue;
			size_t cell = r->row * out->n_cols + col;
			if (kind == 1) {
				att[cell] = att_mark(text);
				continue;
			}
			sch_buf_printf(&cellbuf[cell], "%s%s", cellbuf[cell].len ? "/" : "", text);
			for (int v = 0; v < sc->n; v++)
				if (strcmp(sc->values[v], text) == 0 && sc->scores[v] >= 0) {
					sum[r->row] += sc->scores[v];
					out->n_marks[r->row]++;
				}
		}
		if (st != SQLITE_DONE)
			rc = sch_store__fail(j->st, st, "reading the journal");
	}
	for (size_t p = 0; p < out->n_pupils && !rc; p++) {
		out->average[p] = out->n_marks[p] ? sum[p] / out->n_marks[p] : 0;
		for (size_t k = 0; k < out->n_cols; k++) {
			size_t cell = p * out->n_cols + k;
			const char *a = att[cell] ? att[cell] : "";
			char *t = sch_jmem_alloc(&gm->mem, strlen(a) + cellbuf[cell].len + 2);
			if (!t) {
				rc = sch_error_oom();
				break;
			}
			snprintf(t, strlen(a) + cellbuf[cell].len + 2, "%s%s%s", a, *a && cellbuf[cell].len ? " " : "",
				 cellbuf[cell].p ? cellbuf[cell].p : "");
			out->cells[cell] = t;
		}
	}
	free(sum);
	free(att);
	for (size_t k = 0; k < ncell; k++)
		sch_buf_free(&cellbuf[k]);
	if (rc)
		goto fail;
	sqlite3_finalize(q);
	free(cellbuf);
	free(rows);
	free(colkey);
	return 0;
fail:
	if (cellbuf)
		for (size_t k = 0; k < out->n_pupils * out->n_cols; k++)
			sch_buf_free(&cellbuf[k]);
	sqlite3_finalize(q);
	free(cellbuf);
	free(rows);
	free(colkey);
	sch_journal_grid_dispose(out);
	return rc;
}

void sch_journal_grid_dispose(sch_journal_grid *g)
{
	if (!g)
		return;
	grid_mem *gm = g->mem_;
	if (gm) {
		sch_pupil_list_dispose(&gm->pupils);
		sch_jmem_free(gm->mem);
		free(gm);
	}
	free(g->col_date);
	free(g->col_period);
	memset(g, 0, sizeof *g);
}

static const char *const MONTHS[12] = {"январь", "февраль", "март",     "апрель",  "май",    "июнь",
				       "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};

int sch_journal_grid_export(const sch_journal_grid *g, sch_journal *j, int format, const char *path)
{
	if (!g || !j || !path || !*path)
		return sch_error_set(SCH_EINVALID, "sch_journal_grid_export: NULL argument");
	if (format != SCH_EXPORT_XLSX && format != SCH_EXPORT_PDF)
		return sch_error_set(SCH_EINVALID, "the journal grid exports to xlsx or pdf");
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.format = format;
	sch_grid eg;
	int rc = sch_grid_init_tables(&eg, &o, j->school->name, j->school->year);
	if (rc)
		return rc;
	size_t nc = 3 + g->n_cols, nt = 0;
	sch_jmem *mem = NULL;
	char *tmp = NULL;
	const char **head = sch_jmem_alloc(&mem, sizeof *head * nc);
	double *widths = sch_jmem_alloc(&mem, sizeof *widths * nc);
	char *align = sch_jmem_alloc(&mem, nc + 1);
	const char **cells = sch_jmem_alloc(&mem, sizeof *cells * (g->n_pupils * nc + 1));
	for (size_t k = 0; k < g->n_cols; k++)
		nt += g->col_topic[k][0] != 0;
	const char **tcells = sch_jmem_alloc(&mem, sizeof *tcells * (3 * nt + 1));
	if (!head || !widths || !align || !cells || !tcells) {
		rc = sch_error_oom();
		goto done;
	}
	head[0] = "№";
	head[1] = "Ученик";
	head[nc - 1] = "Ср. балл";
	widths[0] = 4;
	widths[1] = 24;
	widths[nc - 1] = 7;
	align[0] = 'n';
	align[1] = 'l';
	align[nc - 1] = 'c';
	align[nc] = '\0';
	size_t name_w = 8;
	for (size_t p = 0; p < g->n_pupils; p++) {
		char buf[400];
		const sch_pupil *pu = &g->pupils[p];
		snprintf(buf, sizeof buf, "%s %s%s", pu->last_name, pu->first_name,
			 pu->status == SCH_PUPIL_EXPELLED ? " (выбыл)" : "");
		int nl;
		size_t w = sch_grid_text_width(buf, &nl);
		if (w > name_w)
			name_w = w;
		char num[24];
		snprintf(num, sizeof num, "%zu", p + 1);
		cells[p * nc] = sch_jmem_strdup(&mem, num);
		cells[p * nc + 1] = sch_jmem_strdup(&mem, buf);
		for (size_t k = 0; k < g->n_cols; k++)
			cells[p * nc + 2 + k] = g->cells[p * g->n_cols + k];
		if (g->n_marks[p])
			snprintf(buf, sizeof buf, "%.2f", g->average[p]);
		else
			buf[0] = '\0';
		cells[p * nc + nc - 1] = sch_jmem_strdup(&mem, buf);
	}
	widths[1] = (double)(name_w > 36 ? 36 : name_w) + 4;
	for (size_t k = 0; k < g->n_cols; k++) {
		char dd[16], buf[16];
		sch_date_dmy(g->col_date[k], dd);
		snprintf(buf, sizeof buf, "%.5s", dd); /* "05.10" */
		head[2 + k] = sch_jmem_strdup(&mem, buf);
		widths[2 + k] = 6;
		align[2 + k] = 'c';
	}
	size_t r = 0;
	for (size_t k = 0; k < g->n_cols; k++) {
		if (!g->col_topic[k][0])
			continue;
		char dd[16], bell[16];
		snprintf(bell, sizeof bell, "%d", g->col_period[k]);
		tcells[3 * r] = sch_jmem_strdup(&mem, sch_date_dmy(g->col_date[k], dd));
		tcells[3 * r + 1] = sch_jmem_strdup(&mem, bell);
		tcells[3 * r + 2] = g->col_topic[k];
		r++;
	}
	int y, m, d;
	sch_date_split(g->n_cols ? g->col_date[0] : 0, &y, &m, &d);
	char title[300], subtitle[300];
	snprintf(title, sizeof title, "Журнал %s — %s", g->class_id, g->subject_name ? g->subject_name : g->subject_id);
	if (g->n_cols)
		snprintf(subtitle, sizeof subtitle, "%s · %s %d", eg.school_name, MONTHS[m - 1], y);
	else
		snprintf(subtitle, sizeof subtitle, "%s", eg.school_name);
	static const char *const thead[3] = {"Дата", "Урок", "Тема урока"};
	static const double twidth[3] = {12, 6, 70};
	for (size_t p = 0; p < g->n_pupils * nc; p++)
		if (!cells[p]) {
			rc = sch_error_oom();
			goto done;
		}
	sch_grid_table tables[2] = {
		{title, subtitle, g->class_id, (int)nc, head, widths, align, (int)g->n_pupils, cells, NULL},
		{"Темы уроков", title, "Темы", 3, thead, twidth, "lnl", (int)r, tcells, NULL},
	};
	eg.tables = tables;
	eg.n_tables = r ? 2 : 1;
	eg.footer = "Учитель: ______________________";
	if ((rc = sch_file_tmp_create(path, &tmp)) == 0)
		rc = format == SCH_EXPORT_XLSX ? sch_export__xlsx(&eg, tmp) : sch_export__pdf(&eg, &o, tmp);
	if (rc == 0)
		rc = sch_file_tmp_commit(&tmp, path);
	sch_file_tmp_abort(&tmp);
done:
	sch_jmem_free(mem);
	sch_grid_free(&eg);
	return rc;
}
