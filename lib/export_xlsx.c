/* The Excel export (libxlsxwriter): class and teacher overviews, a sheet per class and teacher, printable on A4. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "error.h"
#include "export_grid.h"
#include "schedule/school.h"

#define SHEET_NAME_MAX 31 /* Excel's limit, in UTF-16 units */
#define MAX_SHEETS 4096

typedef struct {
	lxw_workbook *wb;
	const sch_grid *g;
	lxw_format *title, *subtitle, *head, *head_small, *no, *time, *time_v, *day_v, *cell, *cell_small,
		*cell_center, *off, *name, *frag_strong, *frag_plain, *frag_strong_small, *frag_plain_small, *band,
		*text, *text_mid;
	lxw_format *num[3]; /* numbers in tables, centred, with 0, 1 and 2 decimals */
	char **names; /* sheet names given, case-folded, to keep them unique */
	int n_names;
	sch_cell c;
	sch_buf tmp;
	int rc;
} xl;

/* ---- sheet names ---- */

static size_t utf8_next(const char *s, size_t i, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[i];
	int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
	unsigned v = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
	for (int k = 1; k < n; k++) {
		if ((u[i + (size_t)k] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return i + 1;
		}
		v = (v << 6) | (u[i + (size_t)k] & 0x3f);
	}
	*cp = v;
	return i + (size_t)n;
}

/* Excel compares sheet names without case, Cyrillic (Kyrgyz Ң Ө Ү too) included. */
static unsigned fold(unsigned c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	if (((c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf) || (c >= 0x4d0 && c <= 0x4ff)) && !(c & 1))
		return c + 1;
	if (c >= 0x4c1 && c <= 0x4ce && (c & 1))
		return c + 1;
	if (c == 0x4c0)
		return 0x4cf;
	return c;
}

static void put_cp(sch_buf *b, unsigned c)
{
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	sch_buf_add(b, u, n);
}

/* Copies `name` into out: no []:*?/\ or controls, no quote at either end, at most `units` UTF-16 units. */
static void clean_name(const char *name, int units, sch_buf *out)
{
	int used = 0;
	for (size_t i = 0; name[i];) {
		unsigned c;
		i = utf8_next(name, i, &c);
		if (c < 0x20 || strchr("[]:*?/\\", (int)(c < 0x80 ? c : 'x')))
			c = c < 0x20 ? ' ' : '_';
		int w = c >= 0x10000 ? 2 : 1;
		if (used + w > units)
			break;
		if (c == '\'' && out->len == 0)
			continue;
		put_cp(out, c);
		used += w;
	}
	while (out->len && (out->p[out->len - 1] == '\'' || out->p[out->len - 1] == ' '))
		out->p[--out->len] = '\0';
}

static char *folded(const char *s)
{
	sch_buf b;
	sch_buf_init(&b);
	for (size_t i = 0; s[i];) {
		unsigned c;
		i = utf8_next(s, i, &c);
		put_cp(&b, fold(c));
	}
	if (!b.p)
		sch_buf_puts(&b, "");
	return b.oom ? (sch_buf_free(&b), NULL) : b.p;
}

static int name_taken(const xl *x, const char *name)
{
	char *f = folded(name);
	if (!f)
		return -1;
	int taken = strcmp(f, "history") == 0; /* reserved by Excel */
	for (int i = 0; i < x->n_names && !taken; i++)
		taken = strcmp(x->names[i], f) == 0;
	free(f);
	return taken;
}

/* A valid, unique sheet name for `want` ("5А", "Асанова Г.К."), with " (2)" ... on a clash. */
static int sheet_name(xl *x, const char *want, sch_buf *out)
{
	char suffix[16] = "";
	for (int k = 1; k < MAX_SHEETS + 2; k++) {
		if (k > 1)
			snprintf(suffix, sizeof suffix, " (%d)", k);
		sch_buf_clear(out);
		clean_name(want, SHEET_NAME_MAX - (int)strlen(suffix), out);
		if (out->len == 0)
			sch_buf_puts(out, "Sheet");
		sch_buf_puts(out, suffix);
		if (out->oom)
			return sch_error_oom();
		int t = name_taken(x, out->p);
		if (t < 0)
			return sch_error_oom();
		if (!t) {
			char *f = folded(out->p);
			if (!f)
				return sch_error_oom();
			x->names[x->n_names++] = f;
			return 0;
		}
	}
	return sch_error_set(SCH_EINTERNAL, "export: no free sheet name for \"%s\"", want);
}

static lxw_worksheet *add_sheet(xl *x, const char *want)
{
	sch_buf name;
	sch_buf_init(&name);
	lxw_worksheet *ws = NULL;
	if (x->n_names >= MAX_SHEETS) {
		x->rc = sch_error_set(SCH_EINVALID, "export: more than %d sheets", MAX_SHEETS);
	} else if ((x->rc = sheet_name(x, want, &name)) == 0) {
		ws = workbook_add_worksheet(x->wb, name.p);
		if (!ws)
			x->rc = sch_error_set(SCH_EINTERNAL, "export: libxlsxwriter refused the sheet \"%s\"", name.p);
	}
	sch_buf_free(&name);
	return ws;
}

/* ---- formats ---- */

static lxw_format *fmt(xl *x, int size, int bold, int border, int align, int wrap, int rotation, lxw_color_t bg)
{
	lxw_format *f = workbook_add_format(x->wb);
	if (!f)
		return NULL;
	format_set_font_name(f, "Arial");
	format_set_font_size(f, size);
	if (bold)
		format_set_bold(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (align)
		format_set_align(f, (uint8_t)align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (wrap)
		format_set_text_wrap(f);
	if (rotation)
		format_set_rotation(f, (int16_t)rotation);
	if (bg)
		format_set_bg_color(f, bg);
	return f;
}

static int make_formats(xl *x)
{
	const lxw_color_t head = 0xDDE6F0, label = 0xEEF2F6;
	x->title = fmt(x, 14, 1, 0, LXW_ALIGN_LEFT, 0, 0, 0);
	x->subtitle = fmt(x, 10, 0, 0, LXW_ALIGN_LEFT, 0, 0, 0);
	x->head = fmt(x, 10, 1, 1, LXW_ALIGN_CENTER, 1, 0, head);
	x->head_small = fmt(x, 8, 1, 1, LXW_ALIGN_CENTER, 0, 0, head);
	x->no = fmt(x, 10, 1, 1, LXW_ALIGN_CENTER, 0, 0, label);
	x->time = fmt(x, 9, 0, 1, LXW_ALIGN_CENTER, 0, 0, label);
	x->time_v = fmt(x, 7, 0, 1, LXW_ALIGN_CENTER, 0, 90, label);
	x->day_v = fmt(x, 10, 1, 1, LXW_ALIGN_CENTER, 0, 90, label);
	x->cell = fmt(x, 11, 0, 1, LXW_ALIGN_LEFT, 1, 0, 0);
	x->cell_small = fmt(x, 8, 0, 1, LXW_ALIGN_LEFT, 1, 0, 0);
	x->cell_center = fmt(x, 8, 0, 1, LXW_ALIGN_CENTER, 1, 0, 0);
	x->off = fmt(x, 8, 0, 1, LXW_ALIGN_LEFT, 1, 0, 0xF0F0F0);
	x->name = fmt(x, 9, 0, 1, LXW_ALIGN_LEFT, 0, 0, label);
	x->frag_strong = fmt(x, 11, 1, 0, 0, 0, 0, 0);
	x->frag_plain = fmt(x, 10, 0, 0, 0, 0, 0, 0);
	x->frag_strong_small = fmt(x, 8, 1, 0, 0, 0, 0, 0);
	x->frag_plain_small = fmt(x, 7, 0, 0, 0, 0, 0, 0);
	x->band = fmt(x, 10, 1, 1, LXW_ALIGN_LEFT, 0, 0, label);
	x->text = fmt(x, 10, 0, 1, LXW_ALIGN_LEFT, 1, 0, 0);
	x->text_mid = fmt(x, 10, 0, 1, LXW_ALIGN_CENTER, 1, 0, 0);
	static const char *const num_formats[3] = {"0", "0.0", "0.00"};
	for (int i = 0; i < 3; i++)
		if ((x->num[i] = fmt(x, 10, 0, 1, LXW_ALIGN_CENTER, 0, 0, 0)))
			format_set_num_format(x->num[i], num_formats[i]);
		else
			return sch_error_oom();
	if (x->frag_plain)
		format_set_font_color(x->frag_plain, 0x404040);
	if (x->frag_plain_small)
		format_set_font_color(x->frag_plain_small, 0x404040);
	if (!x->title || !x->subtitle || !x->head || !x->head_small || !x->no || !x->time || !x->time_v ||
	    !x->day_v || !x->cell || !x->cell_small || !x->cell_center || !x->off || !x->name || !x->frag_strong ||
	    !x->frag_plain || !x->frag_strong_small || !x->frag_plain_small || !x->band || !x->text ||
	    !x->text_mid)
		return sch_error_oom();
	return 0;
}

/* ---- writing cells ---- */

static void check(xl *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->rc == 0)
		x->rc = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? sch_error_oom()
			: sch_error_set(SCH_EINTERNAL, "export: libxlsxwriter: %s", lxw_strerror(e));
}

#define CELL_MAX 32000 /* bytes; Excel holds 32767 characters in a cell */

static void put(xl *x, lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	if (s && strlen(s) > CELL_MAX) {
		/* Absurdly long names: cut at a letter's boundary rather than fail the export. */
		size_t n = CELL_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		char *cut = malloc(n + 4);
		if (!cut) {
			if (x->rc == 0)
				x->rc = sch_error_oom();
			return;
		}
		memcpy(cut, s, n);
		memcpy(cut + n, "\xE2\x80\xA6", 4);
		check(x, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, cut, f));
		free(cut);
	} else if (s && *s) {
		check(x, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, f));
	} else {
		check(x, worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f));
	}
}

static void put_number(xl *x, lxw_worksheet *ws, int r, int c, int v, lxw_format *f)
{
	check(x, worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, f));
}

/* Merges a range, or writes one cell: libxlsxwriter refuses (and prints about) a one-cell merge. */
static void merge(xl *x, lxw_worksheet *ws, int r1, int c1, int r2, int c2, const char *s, lxw_format *f)
{
	if (r1 == r2 && c1 == c2)
		put(x, ws, r1, c1, s, f);
	else
		check(x, worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2, s, f));
}

/* A cell with bold subjects and plain details when it has both; a plain string otherwise. */
static void put_cell(xl *x, lxw_worksheet *ws, int r, int col, const sch_cell *c, lxw_format *f, bool small)
{
	bool strong = false, plain = false;
	for (int i = 0; i < c->n_lines; i++) {
		strong |= c->strong[i];
		plain |= !c->strong[i];
	}
	if (!strong || !plain || c->n_lines < 2 || c->text.len > CELL_MAX) {
		put(x, ws, r, col, c->text.p, f);
		return;
	}
	lxw_rich_string_tuple frags[SCH_CELL_MAX_LINES];
	lxw_rich_string_tuple *list[SCH_CELL_MAX_LINES + 1];
	/* One fragment per line, each but the first starting with its '\n', so none is empty. */
	char *copy = malloc(c->text.len + (size_t)c->n_lines + 2);
	if (!copy) {
		if (x->rc == 0)
			x->rc = sch_error_oom();
		return;
	}
	const char *p = c->text.p;
	char *q = copy;
	int n = 0;
	for (int i = 0; i < c->n_lines; i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (i == 0 && len == 0) {
			free(copy);
			put(x, ws, r, col, c->text.p, f);
			return;
		}
		frags[n].format = c->strong[i] ? (small ? x->frag_strong_small : x->frag_strong)
					       : (small ? x->frag_plain_small : x->frag_plain);
		frags[n].string = q;
		if (i)
			*q++ = '\n';
		memcpy(q, p, len);
		q += len;
		*q++ = '\0';
		list[n] = &frags[n];
		n++;
		if (!nl)
			break;
		p = nl + 1;
	}
	list[n] = NULL;
	check(x, worksheet_write_rich_string(ws, (lxw_row_t)r, (lxw_col_t)col, list, f));
	free(copy);
}

/* A4 landscape; fitted `wide` pages across and `tall` down (0: as many as needed), or not fitted when wide is 0. */
static void page_setup(lxw_worksheet *ws, int wide, int tall)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
	worksheet_center_horizontally(ws);
	if (wide > 0)
		worksheet_fit_to_pages(ws, (uint16_t)wide, (uint16_t)tall);
}

/*
 * The printable area of an A4 landscape page inside the margins of page_setup(),
 * in pixels of Excel's default font (7 per character of width) and in points.
 */
#define PRINT_W_PX ((11.69 - 0.8) * 96)
#define PRINT_H_PT ((8.27 - 1.0) * 72)

/* Pixels a column of this width takes (Excel: 7 per character plus 5 of padding). */
static double px_of(double width)
{
	return (double)(int)(width * 7 + 0.5) + 5;
}

/*
 * The same where the default font's digits are wider: LibreOffice on a system
 * without Calibri falls back to DejaVu Sans, about 9-10 pixels a digit instead
 * of 7, and stored widths are in digits.
 */
static double px_wide(double width)
{
	return px_of(width) / 7.0 * 10.0;
}

/* Excel column width (characters of '0') for text of a display width. */
static double col_width(size_t w, double min, double max)
{
	double v = (double)w * 1.1 + 2.0;
	return v < min ? min : v > max ? max : v;
}

/* ---- a class's, teacher's or room's week ---- */

static void entity_sheet(xl *x, int kind, int e)
{
	const sch_grid *g = x->g;
	sch_grid_page pg;
	if ((x->rc = sch_grid_page_build(&pg, g, kind, e)) != 0)
		return;
	lxw_worksheet *ws = add_sheet(x, sch_grid_entity_name(g, kind, e));
	if (!ws) {
		sch_grid_page_free(&pg);
		return;
	}
	int ncols = 2 + pg.n_days, head = 3;
	sch_buf_clear(&x->tmp);
	sch_buf_printf(&x->tmp, "%s \xE2\x80\x94 ", sch_grid_label(g, SCH_L_TIMETABLE));
	sch_grid_entity_title(g, kind, e, &x->tmp);
	merge(x, ws, 0, 0, 0, ncols - 1, x->tmp.p, x->title);
	sch_buf_clear(&x->tmp);
	sch_grid_subtitle(g, kind == SCH_GRID_CLASS ? g->s->classes[e].shift : -1, &x->tmp);
	merge(x, ws, 1, 0, 1, ncols - 1, x->tmp.p, x->subtitle);
	worksheet_set_row(ws, 0, 22, NULL);

	put(x, ws, 2, 0, sch_grid_label(g, SCH_L_NO), x->head);
	put(x, ws, 2, 1, sch_grid_label(g, SCH_L_TIME), x->head);
	size_t widest[SCH_MAX_DAYS] = {0};
	int head_lines = 1;
	for (int d = 0; d < pg.n_days; d++) {
		int nl;
		put(x, ws, 2, 2 + d, sch_grid_day_name(g, d), x->head);
		widest[d] = sch_grid_text_width(sch_grid_day_name(g, d), &nl) + 1;
		if (nl > head_lines)
			head_lines = nl; /* dated views: the date under the day's name */
	}
	worksheet_set_row(ws, 2, head_lines > 1 ? 13.5 * head_lines + 4 : 18, NULL);
	int *lines = calloc((size_t)pg.n_rows * (size_t)pg.n_days + 1, sizeof *lines);
	if (!lines) {
		x->rc = sch_error_oom();
		sch_grid_page_free(&pg);
		return;
	}
	for (int r = 0; r < pg.n_rows && x->rc == 0; r++) {
		char t[24];
		int bell = pg.first + r;
		sch_grid_time(g, bell, false, t);
		put_number(x, ws, head + r, 0, sch_grid_row_number(g, kind, e, bell), x->no);
		put(x, ws, head + r, 1, t, x->time);
		for (int d = 0; d < pg.n_days && x->rc == 0; d++) {
			int n;
			const int *items = sch_grid_page_cell(&pg, d, r, &n);
			if ((x->rc = sch_grid_cell(g, kind, items, n, SCH_CELL_FULL, &x->c)) != 0)
				break;
			put_cell(x, ws, head + r, 2 + d, &x->c, x->cell, false);
			int nl;
			size_t w = sch_grid_text_width(x->c.text.p, &nl);
			if (w > widest[d])
				widest[d] = w;
			lines[r * pg.n_days + d] = x->c.n_lines ? nl : 1;
		}
	}
	/* Fill the width of an A4 landscape page at 100%: the days share what the first columns leave. */
	double day_share = ((PRINT_W_PX - px_of(4) - px_of(12.5)) / pg.n_days - 5) / 7.0;
	if (day_share < 14)
		day_share = 14;
	double row_share = (PRINT_H_PT - 60) / (pg.n_rows > 0 ? pg.n_rows : 1);
	if (row_share > 60)
		row_share = 60;
	double widths[SCH_MAX_DAYS];
	for (int d = 0; d < pg.n_days; d++) {
		widths[d] = col_width(widest[d], day_share, 38);
		worksheet_set_column(ws, (lxw_col_t)(2 + d), (lxw_col_t)(2 + d), widths[d], NULL);
	}
	for (int r = 0; r < pg.n_rows && x->rc == 0; r++) {
		/* Rows as tall as their fullest cell; a line wider than its column wraps once more. */
		int most = 1;
		for (int d = 0; d < pg.n_days; d++) {
			int n;
			const int *items = sch_grid_page_cell(&pg, d, r, &n);
			int l = lines[r * pg.n_days + d];
			if (n > 0 && sch_grid_cell(g, kind, items, n, SCH_CELL_FULL, &x->c) == 0) {
				size_t w = sch_grid_text_width(x->c.text.p, NULL);
				if ((double)w * 1.1 > widths[d])
					l += (int)((double)w * 1.1 / widths[d]);
			}
			if (l > most)
				most = l;
		}
		double h = 14.5 * most + 4;
		worksheet_set_row(ws, (lxw_row_t)(head + r), h > row_share ? h : row_share, NULL);
	}
	free(lines);
	worksheet_set_column(ws, 0, 0, 4, NULL);
	worksheet_set_column(ws, 1, 1, 12.5, NULL);
	worksheet_freeze_panes(ws, (lxw_row_t)head, 2);
	page_setup(ws, 1, 1);
	sch_grid_page_free(&pg);
}

/* ---- the overviews ---- */

/* All classes side by side, days down with their lessons; one block per shift. */
static void class_overview(xl *x)
{
	const sch_grid *g = x->g;
	const sch_school *s = g->s;
	int *cls = malloc(sizeof(int) * ((size_t)s->n_classes + 1));
	size_t *widest = calloc((size_t)s->n_classes + 4, sizeof *widest);
	lxw_row_t *breaks = calloc((size_t)s->n_shifts + 2, sizeof *breaks);
	if (!cls || !widest || !breaks) {
		x->rc = sch_error_oom();
		goto done;
	}
	lxw_worksheet *ws = add_sheet(x, sch_grid_label(g, SCH_L_CLASSES));
	if (!ws)
		goto done;
	int max_cols = 3, blocks = 0, row = 3, first_head = -1, items[32], n_breaks = 0;
	for (int sh = 0; sh < s->n_shifts; sh++) {
		int n = sch_grid_shift_classes(g, sh, cls);
		if (n + 3 > max_cols)
			max_cols = n + 3;
		blocks += n > 0;
	}
	sch_buf_clear(&x->tmp);
	sch_buf_puts(&x->tmp, sch_grid_label(g, SCH_L_CLASSES_TITLE));
	merge(x, ws, 0, 0, 0, max_cols - 1, x->tmp.p, x->title);
	sch_buf_clear(&x->tmp);
	sch_grid_subtitle(g, -1, &x->tmp);
	merge(x, ws, 1, 0, 1, max_cols - 1, x->tmp.p, x->subtitle);
	worksheet_set_row(ws, 0, 22, NULL);
	for (int sh = 0; sh < s->n_shifts && x->rc == 0; sh++) {
		int n = sch_grid_shift_classes(g, sh, cls);
		if (n == 0)
			continue;
		const sch_shift_def *sd = &s->shifts[sh];
		int rows = sd->last - sd->first + 1, days = sch_grid_shift_days(g, sh);
		if (blocks > 1) {
			if (first_head >= 0 && n_breaks < s->n_shifts)
				breaks[n_breaks++] = (lxw_row_t)row;
			sch_buf_clear(&x->tmp);
			sch_grid_shift_name(g, sh, &x->tmp);
			put(x, ws, row, 0, x->tmp.p, x->title);
			worksheet_set_row(ws, (lxw_row_t)row, 20, NULL);
			row++;
		}
		if (first_head < 0)
			first_head = row;
		put(x, ws, row, 0, sch_grid_label(g, SCH_L_DAY), x->head_small);
		put(x, ws, row, 1, sch_grid_label(g, SCH_L_NO), x->head_small);
		put(x, ws, row, 2, sch_grid_label(g, SCH_L_TIME), x->head_small);
		for (int i = 0; i < n; i++) {
			put(x, ws, row, 3 + i, s->classes[cls[i]].id, x->head);
			size_t w = sch_grid_text_width(s->classes[cls[i]].id, NULL);
			if (w > widest[3 + i])
				widest[3 + i] = w;
		}
		worksheet_set_row(ws, (lxw_row_t)row, 18, NULL);
		row++;
		for (int d = 0; d < days && x->rc == 0; d++) {
			merge(x, ws, row, 0, row + rows - 1, 0, sch_grid_day_name(g, d), x->day_v);
			for (int r = 0; r < rows && x->rc == 0; r++, row++) {
				int bell = sd->first + r, most = 1;
				char t[24];
				sch_grid_time(g, bell, false, t);
				put_number(x, ws, row, 1, r + 1, x->no);
				put(x, ws, row, 2, t, x->time);
				for (int i = 0; i < n && x->rc == 0; i++) {
					const sch_class_def *c = &s->classes[cls[i]];
					int k = sch_grid_slot_items(g, SCH_GRID_CLASS, cls[i], d, bell, items, 32);
					if ((x->rc = sch_grid_cell(g, SCH_GRID_CLASS, items, k, SCH_CELL_BRIEF, &x->c)) != 0)
						break;
					bool off = c->week_days > 0 && d >= c->week_days && k == 0;
					put_cell(x, ws, row, 3 + i, &x->c, off ? x->off : x->cell_small, true);
					int nl;
					size_t w = sch_grid_text_width(x->c.text.p, &nl);
					if (w > widest[3 + i])
						widest[3 + i] = w;
					if (nl > most)
						most = nl;
				}
				worksheet_set_row(ws, (lxw_row_t)row, 10.5 * most + 3, NULL);
			}
		}
		row++; /* a blank row between shifts */
	}
	worksheet_set_column(ws, 0, 0, 4, NULL);
	worksheet_set_column(ws, 1, 1, 3.5, NULL);
	worksheet_set_column(ws, 2, 2, 10.5, NULL);
	for (int i = 3; i < max_cols; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, col_width(widest[i], 8, 22) * 0.85, NULL);
	/* One block: its header row stays in view; several: the day, number and time columns do. */
	worksheet_freeze_panes(ws, blocks == 1 && first_head >= 0 ? (lxw_row_t)(first_head + 1) : 0, 3);
	page_setup(ws, 1, 0);
	if (n_breaks > 0) {
		breaks[n_breaks] = 0;
		check(x, worksheet_set_h_pagebreaks(ws, breaks));
	}
done:
	free(cls);
	free(widest);
	free(breaks);
}

/* Teachers down; days across, each over its bells; the classes taught in the cells. */
static void teacher_overview(xl *x)
{
	const sch_grid *g = x->g;
	const sch_school *s = g->s;
	lxw_worksheet *ws = add_sheet(x, sch_grid_label(g, SCH_L_TEACHERS));
	if (!ws)
		return;
	int bells = g->bell_last - g->bell_first + 1, ncols = 1 + s->n_days * bells, items[32];
	size_t name_w = sch_grid_text_width(sch_grid_label(g, SCH_L_TEACHER), NULL), cell_w = 3;
	sch_buf_clear(&x->tmp);
	sch_buf_puts(&x->tmp, sch_grid_label(g, SCH_L_TEACHERS_TITLE));
	merge(x, ws, 0, 0, 0, ncols < 12 ? ncols - 1 : 11, x->tmp.p, x->title);
	sch_buf_clear(&x->tmp);
	sch_grid_subtitle(g, -1, &x->tmp);
	merge(x, ws, 1, 0, 1, ncols < 12 ? ncols - 1 : 11, x->tmp.p, x->subtitle);
	worksheet_set_row(ws, 0, 22, NULL);
	merge(x, ws, 2, 0, 4, 0, sch_grid_label(g, SCH_L_TEACHER), x->head);
	for (int d = 0; d < s->n_days; d++) {
		int c0 = 1 + d * bells;
		merge(x, ws, 2, c0, 2, c0 + bells - 1, sch_grid_day_name(g, d), x->head);
		for (int b = 0; b < bells; b++) {
			char t[24];
			sch_grid_time(g, g->bell_first + b, false, t);
			put_number(x, ws, 3, c0 + b, g->bell_first + b + 1, x->head_small);
			put(x, ws, 4, c0 + b, t, x->time_v);
		}
	}
	worksheet_set_row(ws, 4, 52, NULL);
	for (int t = 0; t < s->n_teachers && x->rc == 0; t++) {
		int row = 5 + t, most = 1;
		const char *name = sch_school_teacher_name(s, t);
		put(x, ws, row, 0, name, x->name);
		size_t w = sch_grid_text_width(name, NULL);
		if (w > name_w)
			name_w = w;
		for (int d = 0; d < s->n_days && x->rc == 0; d++)
			for (int b = 0; b < bells && x->rc == 0; b++) {
				int k = sch_grid_slot_items(g, SCH_GRID_TEACHER, t, d, g->bell_first + b, items, 32);
				if ((x->rc = sch_grid_cell(g, SCH_GRID_TEACHER, items, k, SCH_CELL_CLASSES, &x->c)) != 0)
					break;
				put_cell(x, ws, row, 1 + d * bells + b, &x->c, x->cell_center, true);
				int nl;
				w = sch_grid_text_width(x->c.text.p, &nl);
				if (w > cell_w)
					cell_w = w;
				if (nl > most)
					most = nl;
			}
		worksheet_set_row(ws, (lxw_row_t)row, 10.5 * most + 3, NULL);
	}
	double name_width = col_width(name_w, 12, 40), cell_width = col_width(cell_w, 4, 14) * 0.8;
	worksheet_set_column(ws, 0, 0, name_width, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(ncols - 1), cell_width, NULL);
	worksheet_freeze_panes(ws, 5, 1);
	check(x, worksheet_repeat_rows(ws, 2, 4));
	/*
	 * A week of bells is too wide for one readable page: print as many whole days
	 * side by side as stay at 70% or more, the names repeated on every page.
	 */
	int per_page = s->n_days;
	double scale = 100;
	for (; per_page >= 1; per_page--) {
		/* Measured wide (px_wide), so that a day never spills over its page. */
		double width = px_wide(name_width) + per_page * bells * px_wide(cell_width);
		scale = PRINT_W_PX / width * 100;
		if (scale >= 65 || per_page == 1)
			break;
	}
	if (per_page >= s->n_days) {
		page_setup(ws, 1, 0);
		return;
	}
	page_setup(ws, 0, 0);
	worksheet_set_print_scale(ws, (uint16_t)(scale > 100 ? 100 : scale < 10 ? 10 : scale - 1));
	check(x, worksheet_repeat_columns(ws, 0, 0));
	lxw_col_t breaks[SCH_MAX_DAYS + 1];
	int nb = 0;
	for (int d = per_page; d < s->n_days; d += per_page)
		breaks[nb++] = (lxw_col_t)(1 + d * bells);
	breaks[nb] = 0;
	if (nb)
		check(x, worksheet_set_v_pagebreaks(ws, breaks));
}

/* ---- tables (the substitution sheet) ---- */

/* Writes text that is wholly a number ("12", "83.3") as a number cell, so that a sheet can sum it;
 * false (nothing written) for any other text. */
static bool put_numeric(xl *x, lxw_worksheet *ws, int r, int c, const char *s)
{
	char *end;
	if (!s || !*s || strlen(s) > 30)
		return false;
	double v = strtod(s, &end);
	if (*end || end == s)
		return false;
	/* As many decimals as the text has ("83.3" stays 83.3, "4.00" stays 4.00). */
	const char *dot = strchr(s, '.');
	size_t dec = dot ? strlen(dot + 1) : 0;
	check(x, worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, x->num[dec > 2 ? 2 : dec]));
	return true;
}

static void table_sheet(xl *x, const sch_grid_table *t)
{
	lxw_worksheet *ws = add_sheet(x, t->sheet ? t->sheet : t->title);
	if (!ws)
		return;
	int nc = t->n_cols, head = 3;
	merge(x, ws, 0, 0, 0, nc - 1, t->title, x->title);
	merge(x, ws, 1, 0, 1, nc - 1, t->subtitle, x->subtitle);
	worksheet_set_row(ws, 0, 22, NULL);
	int most = 1;
	for (int c = 0; c < nc; c++) {
		int nl;
		put(x, ws, 2, c, t->head[c], x->head);
		sch_grid_text_width(t->head[c], &nl);
		if (nl > most)
			most = nl;
	}
	worksheet_set_row(ws, 2, 13.5 * most + 4, NULL);
	for (int r = 0; r < t->n_rows && x->rc == 0; r++) {
		const char *const *row = t->cells + (size_t)r * (size_t)nc;
		if (t->band && t->band[r]) {
			merge(x, ws, head + r, 0, head + r, nc - 1, row[0], x->band);
			worksheet_set_row(ws, (lxw_row_t)(head + r), 18, NULL);
			continue;
		}
		most = 1;
		for (int c = 0; c < nc; c++) {
			int nl;
			char al = t->align ? t->align[c] : 'l';
			if (al == 'n' && put_numeric(x, ws, head + r, c, row[c]))
				continue;
			put(x, ws, head + r, c, row[c], al == 'c' || al == 'n' ? x->text_mid : x->text);
			size_t w = sch_grid_text_width(row[c], &nl);
			/* A line wider than its column wraps (10-point text: about a character a width unit). */
			nl += (int)((double)w / t->widths[c]);
			if (nl > most)
				most = nl;
		}
		worksheet_set_row(ws, (lxw_row_t)(head + r), 13.5 * most + 4, NULL);
	}
	for (int c = 0; c < nc; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->widths[c], NULL);
	if (x->g->footer) /* the signature line, a blank row under the table */
		put(x, ws, head + t->n_rows + 1, 0, x->g->footer, x->subtitle);
	worksheet_freeze_panes(ws, (lxw_row_t)head, 0);
	check(x, worksheet_repeat_rows(ws, 2, 2));
	page_setup(ws, 1, 0);
}

int sch_export__xlsx(const sch_grid *g, const char *path)
{
	xl x;
	memset(&x, 0, sizeof x);
	x.g = g;
	sch_cell_init(&x.c);
	sch_buf_init(&x.tmp);
	x.names = calloc(MAX_SHEETS + 1, sizeof *x.names);
	lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	if (!x.names) {
		x.rc = sch_error_oom();
		goto done;
	}
	x.wb = workbook_new_opt(path, &wo);
	if (!x.wb) {
		x.rc = sch_error_oom();
		goto done;
	}
	if ((x.rc = make_formats(&x)) != 0)
		goto done;
	sch_buf_clear(&x.tmp);
	sch_buf_printf(&x.tmp, "%s \xE2\x80\x94 %s", sch_grid_label(g, SCH_L_TIMETABLE), g->school_name ? g->school_name : "");
	lxw_doc_properties props = {.title = x.tmp.p, .author = "libschedule", .company = (char *)g->school_name};
	workbook_set_properties(x.wb, &props);

	if (sch_grid_wants_overview(g)) {
		class_overview(&x);
		if (x.rc == 0)
			teacher_overview(&x);
	}
	static const int kinds[3] = {SCH_GRID_CLASS, SCH_GRID_TEACHER, SCH_GRID_ROOM};
	for (int k = 0; k < 3 && x.rc == 0; k++)
		for (int e = 0; e < g->n_entities[kinds[k]] && x.rc == 0; e++)
			if (sch_grid_wants(g, kinds[k], e))
				entity_sheet(&x, kinds[k], e);
	for (int i = 0; i < g->n_tables && x.rc == 0; i++)
		table_sheet(&x, &g->tables[i]);
	if (x.rc == 0 && x.n_names == 0)
		add_sheet(&x, sch_grid_label(g, SCH_L_CLASSES)); /* a workbook needs a sheet */
done:
	if (x.wb) {
		lxw_error e = workbook_close(x.wb); /* frees the workbook, also after a failure */
		if (x.rc == 0 && e != LXW_NO_ERROR)
			x.rc = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? sch_error_oom()
			       : sch_error_set(SCH_EIO, "cannot write %s: %s", path, lxw_strerror(e));
	}
	for (int i = 0; x.names && i < x.n_names; i++)
		free(x.names[i]);
	free(x.names);
	sch_cell_free(&x.c);
	sch_buf_free(&x.tmp);
	return x.rc;
}
