/* Bulk import of marks from CSV (all or nothing), and the export of a subject's topics and homework for a quarter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export_grid.h"
#include "fileio.h"
#include "journal_core.h"
#include "schedule/export.h"

enum { M_PUPIL, M_CLASS, M_DATE, M_SUBJECT, M_MARK, M_KIND, M_PERIOD, M_GROUP, M_N };

static const char *const MHEADS[M_N][4] = {
	[M_PUPIL] = {"pupil", "ученик", NULL},
	[M_CLASS] = {"class", "класс", NULL},
	[M_DATE] = {"date", "дата", NULL},
	[M_SUBJECT] = {"subject", "предмет", NULL},
	[M_MARK] = {"mark", "оценка", NULL},
	[M_KIND] = {"kind", "вид", NULL},
	[M_PERIOD] = {"period", "урок", NULL},
	[M_GROUP] = {"group", "группа", NULL},
};

static const char *mcell(const sch_jrow *r, int col) { return col >= 0 && col < r->n ? r->cells[col] : ""; }

int sch_journal_import_marks(sch_marks_import_info *info, sch_journal *j, const char *path, sch_diags *diags)
{
	sch_marks_import_info dummy;
	sch_jtable t = {0};
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof *info);
	if (!j || !path || !diags)
		return sch_error_set(SCH_EINVALID, "sch_journal_import_marks: NULL argument");
	if (j->batch)
		return sch_error_set(SCH_EINVALID, "sch_journal_import_marks: a batch is open");
	int rc = sch_jtable_read(&t, path);
	if (rc)
		return rc;
	int col[M_N];
	for (int c = 0; c < M_N; c++)
		col[c] = -1;
	if (t.n_rows == 0) {
		rc = sch_error_set(SCH_EINVALID, "%s: no rows: a header row (pupil, date, subject, mark) expected", path);
		goto done;
	}
	const sch_jrow *h = &t.rows[0];
	for (int i = 0; i < h->n; i++) {
		int found = -1;
		for (int c = 0; c < M_N && found < 0; c++)
			for (int k = 0; MHEADS[c][k]; k++)
				if (strcasecmp(h->cells[i], MHEADS[c][k]) == 0 ||
				    (strcmp(MHEADS[c][k], "ученик") == 0 && strcmp(h->cells[i], "Ученик") == 0))
					found = c;
		if (found >= 0)
			col[found] = i;
		else if (h->cells[i][0])
			sch_diags_add(diags, SCH_DIAG_WARNING, path, h->line, i + 1, "column '%s' is not used", h->cells[i]);
	}
	const char *need[] = {"pupil", "date", "subject", "mark"};
	int needc[] = {M_PUPIL, M_DATE, M_SUBJECT, M_MARK};
	for (int k = 0; k < 4; k++)
		if (col[needc[k]] < 0) {
			sch_diags_add(diags, SCH_DIAG_ERROR, path, h->line, 0, "no column '%s' in the header", need[k]);
			rc = SCH_EINVALID;
		}
	if (rc) {
		rc = sch_error_set(SCH_EINVALID, "%s: the header needs the columns pupil, date, subject and mark", path);
		goto done;
	}
	if ((rc = sch_journal_begin(j)))
		goto done;
	for (int i = 1; i < t.n_rows; i++) {
		const sch_jrow *r = &t.rows[i];
		info->rows++;
		const char *cls = mcell(r, col[M_CLASS]);
		int64_t pupil = 0;
		sch_date d;
		int bad_col = -1;
		char why[700] = "";
		if (sch_pupil_find(&pupil, j->st, mcell(r, col[M_PUPIL]), *cls ? cls : NULL)) {
			bad_col = col[M_PUPIL];
			snprintf(why, sizeof why, "%s", sch_error_last()->message);
		} else if (sch_date_parse(&d, mcell(r, col[M_DATE])) != 0) {
			bad_col = col[M_DATE];
			snprintf(why, sizeof why, "'%s' is not a date (2026-10-05 or 05.10.2026)", mcell(r, col[M_DATE]));
		} else if (!*mcell(r, col[M_MARK])) {
			bad_col = col[M_MARK];
			snprintf(why, sizeof why, "no mark");
		}
		jpupil p;
		if (bad_col < 0 && !*cls) {
			if (sch_journal__pupil(j, pupil, d, &p)) {
				bad_col = col[M_PUPIL];
				snprintf(why, sizeof why, "%s", sch_error_last()->message);
			} else {
				cls = p.class_id;
			}
		}
		size_t index = 0;
		if (bad_col < 0) {
			sch_journal_ref ref = SCH_JOURNAL_REF_INIT;
			ref.date = d;
			ref.class_id = cls;
			ref.subject_id = mcell(r, col[M_SUBJECT]);
			ref.period = atoi(mcell(r, col[M_PERIOD]));
			ref.group = *mcell(r, col[M_GROUP]) ? mcell(r, col[M_GROUP]) : NULL;
			if (sch_journal_find(&index, j, &ref, pupil)) {
				const char *m = sch_error_last()->message;
				bad_col = strstr(m, "subject") ? col[M_SUBJECT] : strstr(m, "pupil") ? col[M_PUPIL] : col[M_DATE];
				snprintf(why, sizeof why, "%s", m);
			}
		}
		if (bad_col < 0) {
			int r2 = sch_journal_mark_at(j, index, pupil, mcell(r, col[M_MARK]), mcell(r, col[M_KIND]));
			if (r2 == SCH_EIO || r2 == SCH_EDB || r2 == SCH_ENOMEM) {
				rc = r2;
				sch_journal_rollback(j);
				goto done;
			}
			if (r2) {
				const char *m = sch_error_last()->message;
				bad_col = strstr(m, "mark") ? col[M_MARK] : strstr(m, "quarter") ? col[M_DATE] : col[M_PUPIL];
				snprintf(why, sizeof why, "%s", m);
			}
		}
		if (bad_col >= 0) {
			sch_diags_add(diags, SCH_DIAG_ERROR, path, r->line, bad_col + 1, "%s", why);
			info->bad++;
			continue;
		}
		info->written++;
	}
	if (info->bad) {
		sch_journal_rollback(j);
		info->written = 0;
		rc = sch_error_set(SCH_EINVALID, "%s: %d of %d rows are bad: nothing written", path, info->bad, info->rows);
		goto done;
	}
	rc = sch_journal_commit(j);
done:
	sch_jtable_free(&t);
	return rc;
}

/* ---- Topics and homework of a quarter ---- */

static void csv_field(sch_buf *b, const char *s)
{
	if (strpbrk(s, ",\"\n\r")) {
		sch_buf_add(b, "\"", 1);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				sch_buf_add(b, "\"", 1);
			sch_buf_add(b, p, 1);
		}
		sch_buf_add(b, "\"", 1);
	} else {
		sch_buf_puts(b, s);
	}
}

int sch_journal_export_topics(sch_journal *j, const char *subject_id, const char *class_id, int quarter, int format,
			      const char *path)
{
	if (!j || !path || !*path)
		return sch_error_set(SCH_EINVALID, "sch_journal_export_topics: NULL argument");
	if (format != SCH_EXPORT_CSV && format != SCH_EXPORT_XLSX)
		return sch_error_set(SCH_EINVALID, "topics export to csv or xlsx");
	const sch_school *s = j->school;
	int subj = sch_journal__subject(s, subject_id);
	if (subj < 0)
		return sch_error_last()->code;
	int c = -1;
	if (class_id && (c = sch_journal__class(s, class_id)) < 0)
		return sch_error_last()->code;
	sch_quarter qq;
	if (quarter < 1 || quarter > 4 || sch_calendar_quarter(j->cal, quarter, &qq) != 0)
		return sch_error_set(SCH_EINVALID, "quarter %d is not in the calendar (1-4)", quarter);
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(j->st, &q,
				    "SELECT l.topic, coalesce((SELECT group_concat(h.text || CASE WHEN h.due_day IS NULL THEN '' "
				    "ELSE ' (до ' || h.due_day || ')' END || coalesce((SELECT ' [' || group_concat(f.filename, ', ') "
				    "|| ']' FROM homework_files f WHERE f.homework = h.id), ''), '; ') FROM homework h "
				    "WHERE h.journal_lesson = l.id), '') FROM journal_lessons l "
				    "WHERE l.day = ?1 AND l.lesson_key = ?2 AND l.part = ?3",
				    "exporting topics");
	if (rc)
		return rc;
	enum { NC = 7 };
	static const char *const head[NC] = {"Дата", "Урок", "Класс", "Группа", "Учитель", "Тема", "Домашнее задание"};
	sch_jmem *mem = NULL;
	const char **cells = NULL;
	size_t n = 0, cap = 0;
	sch_buf csv;
	sch_buf_init(&csv);
	size_t nd = sch_dated_count(j->dated);
	for (size_t i = 0; i < nd && !rc; i++) {
		const sch_dated_lesson *l = sch_dated_get(j->dated, i);
		if (l->date < qq.first || l->date > qq.last || !sch_dated_given(l))
			continue;
		const sch_lesson_def *ld = &s->lessons[l->lesson];
		if (ld->subject != subj)
			continue;
		if (c >= 0) {
			int has = 0;
			for (int k = 0; k < ld->n_classes; k++)
				has |= ld->classes[k] == c;
			if (!has)
				continue;
		}
		char day[11], dmy[11], bell[16];
		sch_date_iso(l->date, day);
		sch_date_dmy(l->date, dmy);
		snprintf(bell, sizeof bell, "%d", l->period + 1);
		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, j->keys[l->lesson], -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 3, ld->n_parts > 1 ? l->part : -1);
		const char *topic = "", *hw = "";
		if (sqlite3_step(q) == SQLITE_ROW) {
			topic = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 0));
			hw = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 1));
		}
		sch_buf cls;
		sch_buf_init(&cls);
		for (int k = 0; k < ld->n_classes; k++)
			sch_buf_printf(&cls, "%s%s", k ? ", " : "", s->classes[ld->classes[k]].id);
		const char *grp = sch_journal__part_group(s, ld, l->part, NULL);
		const char *row[NC] = {format == SCH_EXPORT_CSV ? day : dmy, bell, cls.p ? cls.p : "", grp ? grp : "",
				       l->teacher >= 0 ? (s->teachers[l->teacher].name ? s->teachers[l->teacher].name
										   : s->teachers[l->teacher].id)
						       : "",
				       topic, hw};
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			const char **nc = realloc(cells, sizeof *nc * cap * NC);
			if (!nc) {
				rc = sch_error_oom();
				sch_buf_free(&cls);
				break;
			}
			cells = nc;
		}
		for (int k = 0; k < NC; k++)
			if (!row[k] || !(cells[n * NC + (size_t)k] = sch_jmem_strdup(&mem, row[k])))
				rc = sch_error_oom();
		n++;
		sch_buf_free(&cls);
	}
	sqlite3_finalize(q);
	if (rc)
		goto done;
	if (format == SCH_EXPORT_CSV) {
		static const char *const chead[NC] = {"date", "period", "class", "group", "teacher", "topic", "homework"};
		for (int k = 0; k < NC; k++) {
			if (k)
				sch_buf_add(&csv, ",", 1);
			csv_field(&csv, chead[k]);
		}
		sch_buf_add(&csv, "\n", 1);
		for (size_t r = 0; r < n; r++) {
			for (int k = 0; k < NC; k++) {
				if (k)
					sch_buf_add(&csv, ",", 1);
				csv_field(&csv, cells[r * NC + (size_t)k]);
			}
			sch_buf_add(&csv, "\n", 1);
		}
		rc = csv.oom ? sch_error_oom() : sch_file_write_atomic(path, csv.p ? csv.p : "", csv.len);
		goto done;
	}
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	sch_grid eg;
	if ((rc = sch_grid_init_tables(&eg, &o, s->name, s->year)))
		goto done;
	static const double widths[NC] = {11, 5, 8, 7, 18, 40, 40};
	char title[300];
	snprintf(title, sizeof title, "Темы и домашние задания: %s%s%s, %d четверть",
		 sch_school_subject_name(s, subj, "ru"), class_id ? ", " : "", class_id ? class_id : "", quarter);
	sch_grid_table gt = {title, eg.school_name, "Темы", NC, head, widths, "lnllll" "l", (int)n, cells, NULL};
	eg.tables = &gt;
	eg.n_tables = 1;
	char *tmp = NULL;
	if ((rc = sch_file_tmp_create(path, &tmp)) == 0)
		rc = sch_export__xlsx(&eg, tmp);
	if (rc == 0)
		rc = sch_file_tmp_commit(&tmp, path);
	sch_file_tmp_abort(&tmp);
	sch_grid_free(&eg);
done:
	sch_buf_free(&csv);
	free(cells);
	sch_jmem_free(mem);
	return rc;
}
