/* Report tables: building them, reading them, and writing them as xlsx, pdf (through the export grid), csv and json. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "export_grid.h"
#include "fileio.h"
#include "report_int.h"
#include "schedule/text.h"

static char *dup_or_oom(sch_report_table *t, const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		t->oom = 1;
	return d;
}

const char *sch_report__period_title(int period)
{
	static const char *const names[5] = {"год", "I четверть", "II четверть", "III четверть", "IV четверть"};
	return period >= 0 && period <= 4 ? names[period] : "";
}

sch_report_table *sch_report__new(const char *kind, const char *title, const char *school, const char *year,
				  int period, const char *what)
{
	sch_report_table *t = calloc(1, sizeof *t);
	sch_buf sub;
	if (!t)
		return NULL;
	t->period = period;
	t->kind = dup_or_oom(t, kind);
	t->title = dup_or_oom(t, title);
	t->school = dup_or_oom(t, school);
	t->year = dup_or_oom(t, year);
	t->footer = dup_or_oom(t, "Директор: ______________________");
	sch_buf_init(&sub);
	if (school && *school)
		sch_buf_puts(&sub, school);
	if (year && *year)
		sch_buf_printf(&sub, "%s%s учебный год", sub.len ? " · " : "", year);
	if (period >= 0)
		sch_buf_printf(&sub, "%s%s", sub.len ? " · " : "", sch_report__period_title(period));
	if (what && *what)
		sch_buf_printf(&sub, "%s%s", sub.len ? " · " : "", what);
	t->subtitle = sub.oom ? NULL : sch_buf_take(&sub, NULL);
	if (!t->subtitle)
		t->oom = 1;
	sch_buf_free(&sub);
	if (t->oom) {
		sch_report_table_free(t);
		return NULL;
	}
	return t;
}

void sch_report__col(sch_report_table *t, const char *key, const char *head, int numeric)
{
	if (t->n_cols >= SCH_REPORT_MAX_COLS || t->n_rows > 0) {
		t->oom = 1; /* a programming error: reported as out of memory rather than a crash */
		return;
	}
	t->key[t->n_cols] = dup_or_oom(t, key);
	t->head[t->n_cols] = dup_or_oom(t, head);
	t->numeric[t->n_cols] = (unsigned char)(numeric == 1 ? 1 : numeric == 2 ? 2 : 0);
	t->n_cols++;
}

void sch_report__row(sch_report_table *t, int total)
{
	if (t->n_rows == t->cap_rows) {
		int cap = t->cap_rows ? t->cap_rows * 2 : 32;
		char **cells = realloc(t->cells, sizeof *cells * (size_t)cap * (size_t)t->n_cols);
		if (!cells) {
			t->oom = 1;
			return;
		}
		t->cells = cells;
		unsigned char *tot = realloc(t->total, (size_t)cap);
		if (!tot) {
			t->oom = 1;
			return;
		}
		t->total = tot;
		t->cap_rows = cap;
	}
	memset(t->cells + (size_t)t->n_rows * (size_t)t->n_cols, 0, sizeof *t->cells * (size_t)t->n_cols);
	t->total[t->n_rows] = total != 0;
	t->n_rows++;
	t->fill = 0;
}

void sch_report__cell(sch_report_table *t, const char *fmt, ...)
{
	va_list ap;
	char small[64], *s;
	if (t->oom || t->n_rows == 0 || t->fill >= t->n_cols)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = malloc((size_t)n + 1))) {
		t->oom = 1;
		return;
	}
	if ((size_t)n < sizeof small) {
		memcpy(s, small, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	t->cells[(size_t)(t->n_rows - 1) * (size_t)t->n_cols + (size_t)t->fill++] = s;
}

void sch_report__ratio(sch_report_table *t, double num, double den, double scale)
{
	if (den <= 0)
		sch_report__cell(t, "%s", "");
	else
		sch_report__cell(t, "%.1f", num * scale / den);
}

int sch_report__check(const sch_report_table *t)
{
	return t->oom ? sch_error_oom() : 0;
}

void sch_report_table_free(sch_report_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; t->cells && i < (size_t)t->n_rows * (size_t)t->n_cols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->total);
	for (int c = 0; c < t->n_cols; c++) {
		free(t->key[c]);
		free(t->head[c]);
	}
	free(t->kind);
	free(t->title);
	free(t->subtitle);
	free(t->school);
	free(t->year);
	free(t->footer);
	free(t);
}

const char *sch_report_table_kind(const sch_report_table *t) { return t ? t->kind : NULL; }
const char *sch_report_table_title(const sch_report_table *t) { return t ? t->title : NULL; }
const char *sch_report_table_subtitle(const sch_report_table *t) { return t ? t->subtitle : NULL; }
const char *sch_report_table_school(const sch_report_table *t) { return t ? t->school : NULL; }
const char *sch_report_table_year(const sch_report_table *t) { return t ? t->year : NULL; }
const char *sch_report_table_footer(const sch_report_table *t) { return t ? t->footer : NULL; }
int sch_report_table_period(const sch_report_table *t) { return t ? t->period : -1; }
int sch_report_table_cols(const sch_report_table *t) { return t ? t->n_cols : 0; }
int sch_report_table_rows(const sch_report_table *t) { return t ? t->n_rows : 0; }

const char *sch_report_table_key(const sch_report_table *t, int col)
{
	return t && col >= 0 && col < t->n_cols ? t->key[col] : NULL;
}

const char *sch_report_table_head(const sch_report_table *t, int col)
{
	return t && col >= 0 && col < t->n_cols ? t->head[col] : NULL;
}

int sch_report_table_numeric(const sch_report_table *t, int col)
{
	return t && col >= 0 && col < t->n_cols && t->numeric[col] == 1;
}

const char *sch_report_table_cell(const sch_report_table *t, int row, int col)
{
	if (!t || row < 0 || row >= t->n_rows || col < 0 || col >= t->n_cols)
		return NULL;
	const char *s = t->cells[(size_t)row * (size_t)t->n_cols + (size_t)col];
	return s ? s : "";
}

int sch_report_table_total(const sch_report_table *t, int row)
{
	return t && row >= 0 && row < t->n_rows ? t->total[row] : 0;
}

int sch_report_table_find(const sch_report_table *t, const char *const *keys, int n)
{
	if (!t || n > t->n_cols)
		return -1;
	for (int r = 0; r < t->n_rows; r++) {
		int ok = 1;
		for (int c = 0; c < n && ok; c++)
			ok = !keys[c] || strcmp(keys[c], sch_report_table_cell(t, r, c)) == 0;
		if (ok)
			return r;
	}
	return -1;
}

/* ---- csv and json ---- */

static void csv_field(sch_buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		sch_buf_puts(b, s);
		return;
	}
	sch_buf_add(b, "\"", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			sch_buf_add(b, "\"", 1);
		sch_buf_add(b, p, 1);
	}
	sch_buf_add(b, "\"", 1);
}

static void to_csv(const sch_report_table *t, int bom, sch_buf *b)
{
	if (bom)
		sch_buf_puts(b, "\xEF\xBB\xBF");
	for (int c = 0; c < t->n_cols; c++) {
		if (c)
			sch_buf_add(b, ",", 1);
		csv_field(b, t->head[c]);
	}
	sch_buf_puts(b, "\r\n");
	for (int r = 0; r < t->n_rows; r++) {
		for (int c = 0; c < t->n_cols; c++) {
			if (c)
				sch_buf_add(b, ",", 1);
			csv_field(b, sch_report_table_cell(t, r, c));
		}
		sch_buf_puts(b, "\r\n");
	}
}

static void to_json(const sch_report_table *t, sch_buf *b)
{
	sch_buf_puts(b, "{\"report\": ");
	sch_buf_quoted(b, t->kind);
	sch_buf_puts(b, ", \"title\": ");
	sch_buf_quoted(b, t->title);
	sch_buf_puts(b, ", \"school\": ");
	sch_buf_quoted(b, t->school);
	sch_buf_puts(b, ", \"year\": ");
	sch_buf_quoted(b, t->year);
	sch_buf_puts(b, ", \"period\": ");
	sch_buf_quoted(b, t->period >= 0 ? sch_period_name(t->period) : NULL);
	sch_buf_puts(b, ",\n \"columns\": [");
	for (int c = 0; c < t->n_cols; c++) {
		sch_buf_puts(b, c ? ", {\"key\": " : "{\"key\": ");
		sch_buf_quoted(b, t->key[c]);
		sch_buf_puts(b, ", \"title\": ");
		sch_buf_quoted(b, t->head[c]);
		sch_buf_puts(b, "}");
	}
	sch_buf_puts(b, "],\n \"rows\": [");
	for (int r = 0; r < t->n_rows; r++) {
		sch_buf_puts(b, r ? ",\n  {" : "\n  {");
		for (int c = 0; c < t->n_cols; c++) {
			const char *s = sch_report_table_cell(t, r, c);
			if (c)
				sch_buf_puts(b, ", ");
			sch_buf_quoted(b, t->key[c]);
			sch_buf_puts(b, ": ");
			if (t->numeric[c] != 1)
				sch_buf_quoted(b, s);
			else if (!*s)
				sch_buf_puts(b, "null");
			else
				sch_buf_puts(b, s); /* built by printf("%d"/"%.1f"): a JSON number */
		}
		sch_buf_puts(b, t->total[r] ? ", \"total\": true}" : "}");
	}
	sch_buf_puts(b, t->n_rows ? "\n ]}\n" : "]}\n");
}

static int text_format(sch_buf *b, const sch_report_table *t, const sch_export_options *o)
{
	if (o->format == SCH_EXPORT_CSV)
		to_csv(t, o->csv_bom, b);
	else if (o->format == SCH_EXPORT_JSON)
		to_json(t, b);
	else
		return sch_error_set(SCH_EINVALID, "report: %s is not a text format (csv or json)",
				     sch_export_format_name(o->format) ? sch_export_format_name(o->format) : "?");
	return b->oom ? sch_error_oom() : 0;
}

int sch_report_table_to_string(char **out, size_t *len, const sch_report_table *t, const sch_export_options *opts)
{
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	sch_buf b;
	if (!out || !t)
		return sch_error_set(SCH_EINVALID, "sch_report_table_to_string: NULL argument");
	*out = NULL;
	if (opts)
		o = *opts;
	sch_buf_init(&b);
	int rc = text_format(&b, t, &o);
	if (rc == 0 && !(*out = sch_buf_take(&b, len)))
		rc = sch_error_oom();
	sch_buf_free(&b);
	return rc;
}

/* xlsx and pdf: the table as one sheet of the export grid (tables only, no timetable). */
static int write_grid(const sch_report_table *t, const sch_export_options *o, const char *path)
{
	sch_grid g;
	char *tmp = NULL;
	double widths[SCH_REPORT_MAX_COLS];
	char align[SCH_REPORT_MAX_COLS + 1];
	int rc = sch_grid_init_tables(&g, o, t->school, t->year);
	if (rc)
		return rc;
	for (int c = 0; c < t->n_cols; c++) {
		/* Wide enough for the widest cell, the title's words wrapping; numbers centred. */
		int nl;
		size_t w = sch_grid_text_width(t->head[c], &nl);
		size_t head_w = w;
		for (int r = 0; r < t->n_rows; r++) {
			size_t cw = sch_grid_text_width(sch_report_table_cell(t, r, c), &nl);
			if (cw > head_w)
				head_w = cw;
		}
		widths[c] = (double)(head_w < 4 ? 4 : head_w > 40 ? 40 : head_w) + 2.5;
		align[c] = t->numeric[c] == 1 ? 'n' : t->numeric[c] == 2 ? 'c' : 'l';
	}
	align[t->n_cols] = '\0';
	const char **cells = calloc((size_t)t->n_rows * (size_t)t->n_cols + 1, sizeof *cells);
	if (!cells)
		return sch_error_oom();
	for (int r = 0; r < t->n_rows; r++)
		for (int c = 0; c < t->n_cols; c++)
			cells[(size_t)r * (size_t)t->n_cols + (size_t)c] = sch_report_table_cell(t, r, c);
	sch_grid_table gt = {t->title, t->subtitle, t->title, t->n_cols, (const char *const *)t->head,
			     widths, align, t->n_rows, cells, NULL};
	g.tables = &gt;
	g.n_tables = 1;
	g.footer = t->footer;
	if ((rc = sch_file_tmp_create(path, &tmp)) == 0)
		rc = o->format == SCH_EXPORT_XLSX ? sch_export__xlsx(&g, tmp) : sch_export__pdf(&g, o, tmp);
	if (rc == 0)
		rc = sch_file_tmp_commit(&tmp, path);
	sch_file_tmp_abort(&tmp);
	free(cells);
	sch_grid_free(&g);
	return rc;
}

int sch_report_table_write(const sch_report_table *t, const sch_export_options *opts, const char *path)
{
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	if (!t || !path || !*path)
		return sch_error_set(SCH_EINVALID, "sch_report_table_write: NULL argument");
	if (opts)
		o = *opts;
	if (o.version != SCH_EXPORT_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "report: options version %u, expected %d", o.version,
				     SCH_EXPORT_OPTIONS_VERSION);
	if (o.format == SCH_EXPORT_XLSX || o.format == SCH_EXPORT_PDF)
		return write_grid(t, &o, path);
	if (o.format != SCH_EXPORT_CSV && o.format != SCH_EXPORT_JSON)
		return sch_error_set(SCH_EINVALID, "report: format %s: expected xlsx, pdf, csv or json",
				     sch_export_format_name(o.format) ? sch_export_format_name(o.format) : "?");
	sch_buf b;
	sch_buf_init(&b);
	int rc = text_format(&b, t, &o);
	if (rc == 0)
		rc = sch_file_write_atomic(path, b.p, b.len);
	sch_buf_free(&b);
	return rc;
}

/* ---- the quality figures ---- */

void sch_quality_add(sch_quality *q, int grade)
{
	q->pupils++;
	if (grade < 1) {
		q->ungraded++;
		return;
	}
	/* The 5-point scale: a 1 is unsatisfactory like a 2; the average keeps the grade itself. */
	q->count[grade < 2 ? 2 : grade > 5 ? 5 : grade]++;
	q->sum += grade;
	q->graded++;
}

double sch_quality_percent(const sch_quality *q)
{
	return q->pupils > 0 ? 100.0 * (q->count[5] + q->count[4]) / q->pupils : 0;
}

double sch_success_percent(const sch_quality *q)
{
	return q->pupils > 0 ? 100.0 * (q->count[5] + q->count[4] + q->count[3]) / q->pupils : 0;
}

double sch_quality_average(const sch_quality *q)
{
	return q->graded > 0 ? q->sum / q->graded : 0;
}
