/* The PDF export (libharu): A4 landscape pages per class and teacher and the overviews, with an embedded DejaVu font. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "error.h"
#include "export_grid.h"
#include "schedule/school.h"

#ifndef SCH_DATADIR
#define SCH_DATADIR "/usr/local/share/schedule"
#endif

#define PAGE_W 841.89
#define PAGE_H 595.28
#define MARGIN 28.0
#define PAD 2.0
#define LEADING 1.17 /* line height / font size */
#define ASCENT 0.76  /* baseline below the line's top, / font size (DejaVu caps and x-height) */
#define MAX_WRAPPED 160

/* Where Debian, Fedora, Arch, Homebrew and our own install put DejaVu. */
static const char *const font_dirs[] = {
	"/usr/share/fonts/truetype/dejavu",
	"/usr/share/fonts/dejavu",
	"/usr/share/fonts/dejavu-sans-fonts",
	"/usr/share/fonts/TTF",
	"/usr/share/fonts/truetype/ttf-dejavu",
	"/usr/local/share/fonts",
	"/usr/local/share/fonts/dejavu",
	"/opt/homebrew/share/fonts",
	"/Library/Fonts",
	SCH_DATADIR "/fonts",
	NULL,
};

typedef struct {
	HPDF_Doc pdf;
	HPDF_Font font, bold;
	const sch_grid *g;
	HPDF_STATUS err, detail;
	int rc;
	int pages;
	sch_cell c;
	sch_buf tmp;
	char line[1024];
} pd;

/* libharu calls this instead of aborting; the first error is kept and turned into an SCH_E code. */
static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *payload)
{
	pd *p = payload;
	if (!p->err) {
		p->err = error_no;
		p->detail = detail_no;
	}
}

static int failed(pd *p, const char *what)
{
	if (p->rc)
		return p->rc;
	if (!p->err)
		return 0;
	if (p->err == HPDF_FAILD_TO_ALLOC_MEM)
		p->rc = sch_error_oom();
	else if (p->err == HPDF_FILE_IO_ERROR || p->err == HPDF_FILE_OPEN_ERROR)
		p->rc = sch_error_set(SCH_EIO, "%s: %s (libharu error 0x%04X)", what, "cannot read or write the file",
				      (unsigned)p->err);
	else
		p->rc = sch_error_set(SCH_EINTERNAL, "%s: libharu error 0x%04X (detail %u)", what, (unsigned)p->err,
				      (unsigned)p->detail);
	return p->rc;
}

static int find_font(const char *given, const char *file, char *out, size_t n)
{
	if (given) {
		if (access(given, R_OK) != 0)
			return sch_error_set(SCH_EIO, "PDF export: cannot read the font %s", given);
		snprintf(out, n, "%s", given);
		return 0;
	}
	for (int i = 0; font_dirs[i]; i++) {
		snprintf(out, n, "%s/%s", font_dirs[i], file);
		if (access(out, R_OK) == 0)
			return 0;
	}
	return sch_error_set(SCH_EIO,
			     "PDF export: the font %s was not found in /usr/share/fonts/truetype/dejavu or the other usual places; "
			     "install it (Debian: apt-get install fonts-dejavu-core)", file);
}

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/*
 * Checks that `path` is a TrueType font whose tables lie inside the file, before
 * libharu reads it: libharu trusts the table directory and crashes on anything else.
 */
static int check_ttf(const char *path)
{
	static const char *const needed[] = {"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"};
	unsigned char head[12], entry[16];
	int rc = 0, found = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return sch_error_set(SCH_EIO, "PDF export: cannot read the font %s", path);
	long size = -1;
	if (fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	rewind(f);
	if (size < 12 || fread(head, 1, 12, f) != 12 || (be32(head) != 0x00010000 && memcmp(head, "true", 4) != 0)) {
		rc = sch_error_set(SCH_EIO, "PDF export: %s is not a TrueType font", path);
		goto done;
	}
	int n = head[4] << 8 | head[5];
	for (int i = 0; i < n && rc == 0; i++) {
		if (fread(entry, 1, 16, f) != 16 || (uint64_t)be32(entry + 8) + be32(entry + 12) > (uint64_t)size) {
			rc = sch_error_set(SCH_EIO, "PDF export: the font %s is damaged (a table lies outside the file)", path);
			break;
		}
		for (size_t k = 0; k < sizeof needed / sizeof *needed; k++)
			if (memcmp(entry, needed[k], 4) == 0)
				found |= 1 << k;
	}
	if (rc == 0 && found != (1 << (sizeof needed / sizeof *needed)) - 1)
		rc = sch_error_set(SCH_EIO, "PDF export: the font %s lacks the tables of a TrueType font", path);
done:
	fclose(f);
	return rc;
}

static int load_fonts(pd *p, const sch_export_options *o)
{
	char path[1024], bold_path[1024];
	int rc = find_font(o->font_path, "DejaVuSans.ttf", path, sizeof path);
	if (rc)
		return rc;
	/* Without the bold face the regular one serves for both: headings lose weight, not letters. */
	if (o->bold_font_path) {
		if ((rc = find_font(o->bold_font_path, "DejaVuSans-Bold.ttf", bold_path, sizeof bold_path)) != 0)
			return rc;
	} else if (find_font(NULL, "DejaVuSans-Bold.ttf", bold_path, sizeof bold_path) != 0) {
		snprintf(bold_path, sizeof bold_path, "%s", path);
		sch_error_clear();
	}
	if ((rc = check_ttf(path)) != 0 || (strcmp(bold_path, path) != 0 && (rc = check_ttf(bold_path)) != 0))
		return rc;
	HPDF_UseUTFEncodings(p->pdf);
	HPDF_SetCurrentEncoder(p->pdf, "UTF-8");
	const char *name = HPDF_LoadTTFontFromFile(p->pdf, path, HPDF_TRUE);
	if (p->err == HPDF_FAILD_TO_ALLOC_MEM)
		return p->rc = sch_error_oom();
	if (p->err || !name)
		return p->rc = sch_error_set(SCH_EIO, "PDF export: cannot load the font %s: not a usable TrueType font "
						      "(libharu error 0x%04X)", path, (unsigned)p->err);
	p->font = HPDF_GetFont(p->pdf, name, "UTF-8");
	const char *bname = strcmp(bold_path, path) == 0 ? name : HPDF_LoadTTFontFromFile(p->pdf, bold_path, HPDF_TRUE);
	if (p->err == HPDF_FAILD_TO_ALLOC_MEM)
		return p->rc = sch_error_oom();
	if (p->err || !bname)
		return p->rc = sch_error_set(SCH_EIO, "PDF export: cannot load the font %s: not a usable TrueType font "
						      "(libharu error 0x%04X)", bold_path, (unsigned)p->err);
	p->bold = HPDF_GetFont(p->pdf, bname, "UTF-8");
	if (failed(p, "PDF export: fonts") || !p->font || !p->bold)
		return p->rc ? p->rc : sch_error_set(SCH_EIO, "PDF export: cannot use the font %s", path);
	return 0;
}

/* ---- text ---- */

static double text_width(HPDF_Font f, double size, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	HPDF_TextWidth tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)n);
	return tw.width * size / 1000.0;
}

static size_t cp_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
	for (size_t k = 1; k < n; k++)
		if (!s[k])
			return k;
	return n;
}

typedef struct {
	const char *s;
	size_t n;
	bool strong;
} wline;

/*
 * Wraps the cell's lines into `w` points at `size`: at spaces, and inside a word
 * only when the word alone is wider (then *broke is set). Returns the count.
 */
static int wrap(pd *p, const sch_cell *c, double size, double w, wline *out, int max, bool *broke)
{
	int n = 0;
	const char *s = c->text.p ? c->text.p : "";
	*broke = false;
	for (int i = 0; i < c->n_lines; i++) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);
		HPDF_Font f = c->strong[i] ? p->bold : p->font;
		const char *start = s;
		while (start < end) {
			while (start < end && *start == ' ')
				start++;
			if (start == end)
				break;
			/* Take words while they fit. */
			const char *fit = start, *q = start;
			while (q < end) {
				const char *we = q;
				while (we < end && *we == ' ')
					we++;
				while (we < end && *we != ' ')
					we++;
				if (text_width(f, size, start, (size_t)(we - start)) > w)
					break;
				fit = q = we;
			}
			if (fit == start) {
				/* One word wider than the cell: as many letters as fit, at least one. */
				const char *e = start + cp_len(start);
				while (e < end && *e != ' ') {
					const char *e2 = e + cp_len(e);
					if (text_width(f, size, start, (size_t)(e2 - start)) > w)
						break;
					e = e2;
				}
				fit = e;
				*broke = true;
			}
			if (n < max)
				out[n] = (wline){start, (size_t)(fit - start), c->strong[i]};
			n++;
			start = fit;
		}
		if (!nl)
			break;
		s = nl + 1;
	}
	return n;
}

static void draw_string(pd *p, HPDF_Page page, HPDF_Font f, double size, double x, double y, const char *s, size_t n)
{
	if (n >= sizeof p->line)
		n = sizeof p->line - 1;
	memcpy(p->line, s, n);
	p->line[n] = '\0';
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, f, (HPDF_REAL)size);
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, p->line);
	HPDF_Page_EndText(page);
}

enum { LEFT = 0, CENTER = 1 };

/*
 * Draws a cell's text inside the box (x, y) - (x+w, y+h), y the bottom: the
 * largest size from max_size down to min_size at which the wrapped lines fit;
 * at min_size what does not fit is cut with an ellipsis. Nothing overflows.
 */
static void fit_text(pd *p, HPDF_Page page, const sch_cell *c, double x, double y, double w, double h,
		     double max_size, double min_size, int align, double shrink)
{
	wline lines[MAX_WRAPPED];
	double iw = w - 2 * PAD, ih = h - 2 * PAD, size = max_size;
	int n = 0;
	bool broke = false;
	if (c->n_lines == 0 || iw <= 1 || ih <= 1)
		return;
	/* Down to `shrink` x max_size, smaller rather than wrapped: a name or a time on one line reads better. */
	bool found = false;
	for (size = max_size; size >= max_size * shrink && size >= min_size - 1e-9; size -= 0.25) {
		n = wrap(p, c, size, iw, lines, MAX_WRAPPED, &broke);
		if (n == c->n_lines && n * size * LEADING <= ih + 0.01) {
			found = true;
			break;
		}
	}
	if (!found) {
		for (size = max_size; size >= min_size - 1e-9; size -= 0.25) {
			n = wrap(p, c, size, iw, lines, MAX_WRAPPED, &broke);
			if (n <= MAX_WRAPPED && n * size * LEADING <= ih + 0.01 && (!broke || size - 0.25 < min_size - 1e-9))
				break;
		}
	}
	if (size < min_size)
		size = min_size;
	n = wrap(p, c, size, iw, lines, MAX_WRAPPED, &broke);
	if (n > MAX_WRAPPED)
		n = MAX_WRAPPED;
	int fits = (int)(ih / (size * LEADING) + 1e-6);
	bool cut = n > fits;
	if (fits < 1) {
		/* Even one line is taller than the box: shrink to the box. */
		size = ih / LEADING;
		fits = 1;
		cut = n > 1;
	}
	if (n > fits)
		n = fits;
	double total = n * size * LEADING;
	double top = y + h - PAD - (ih - total) / 2;
	HPDF_Page_SetRGBFill(page, 0.08, 0.08, 0.08);
	for (int i = 0; i < n; i++) {
		HPDF_Font f = lines[i].strong ? p->bold : p->font;
		double fs = lines[i].strong ? size : size * 0.94;
		size_t len = lines[i].n;
		bool ell = cut && i == n - 1;
		char buf[512];
		if (len > sizeof buf - 8)
			len = sizeof buf - 8;
		memcpy(buf, lines[i].s, len);
		if (ell) {
			/* Drop letters until the text and "…" fit. */
			while (len > 0 && text_width(f, fs, buf, len) + text_width(f, fs, "\xE2\x80\xA6", 3) > iw) {
				len--;
				while (len > 0 && ((unsigned char)buf[len] & 0xc0) == 0x80)
					len--;
			}
			memcpy(buf + len, "\xE2\x80\xA6", 3);
			len += 3;
		}
		double tw = text_width(f, fs, buf, len);
		double tx = align == CENTER && tw < iw ? x + (w - tw) / 2 : x + PAD;
		double by = top - i * size * LEADING - size * ASCENT - (size * LEADING - size) / 2;
		if (!lines[i].strong)
			HPDF_Page_SetRGBFill(page, 0.25, 0.25, 0.25);
		draw_string(p, page, f, fs, tx, by, buf, len);
		if (!lines[i].strong)
			HPDF_Page_SetRGBFill(page, 0.08, 0.08, 0.08);
	}
}

/* A one-line label (or several '\n'-separated plain ones) fitted into a box. */
static void fit_label(pd *p, HPDF_Page page, const char *text, bool strong, double x, double y, double w, double h,
		      double max_size, double min_size, int align)
{
	sch_cell c;
	sch_cell_init(&c);
	sch_buf_puts(&c.text, text ? text : "");
	c.n_lines = 1;
	for (const char *q = text ? text : ""; *q; q++)
		if (*q == '\n' && c.n_lines < SCH_CELL_MAX_LINES)
			c.strong[c.n_lines++] = strong;
	c.strong[0] = strong;
	if (!c.text.oom)
		fit_text(p, page, &c, x, y, w, h, max_size, min_size, align, 0.7);
	sch_cell_free(&c);
}

static void box(HPDF_Page page, double x, double y, double w, double h, double shade)
{
	/* Colours first: libharu refuses them once a path is open. */
	HPDF_Page_SetLineWidth(page, 0.5);
	HPDF_Page_SetRGBStroke(page, 0.45, 0.47, 0.5);
	if (shade > 0)
		HPDF_Page_SetRGBFill(page, (HPDF_REAL)(0.80 + 0.2 * (1 - shade)), (HPDF_REAL)(0.86 + 0.14 * (1 - shade)),
				     (HPDF_REAL)(0.94 + 0.06 * (1 - shade)));
	HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	if (shade > 0)
		HPDF_Page_FillStroke(page);
	else
		HPDF_Page_Stroke(page);
}

/* A new A4 landscape page with a title and a subtitle; returns the top of the area below them. */
static HPDF_Page new_page(pd *p, const char *title, const char *subtitle, double *top)
{
	HPDF_Page page = HPDF_AddPage(p->pdf);
	if (!page || failed(p, "PDF export"))
		return NULL;
	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
	p->pages++;
	double y = PAGE_H - MARGIN;
	fit_label(p, page, title, true, MARGIN - PAD, y - 22, PAGE_W - 2 * MARGIN + 2 * PAD, 22, 15, 8, LEFT);
	fit_label(p, page, subtitle, false, MARGIN - PAD, y - 38, PAGE_W - 2 * MARGIN + 2 * PAD, 15, 10, 6, LEFT);
	*top = y - 44;
	return page;
}

/* ---- a class's, teacher's or room's week ---- */

static void entity_page(pd *p, int kind, int e)
{
	const sch_grid *g = p->g;
	sch_grid_page pg;
	if ((p->rc = sch_grid_page_build(&pg, g, kind, e)) != 0)
		return;
	sch_buf title, sub;
	sch_buf_init(&title);
	sch_buf_init(&sub);
	sch_buf_printf(&title, "%s \xE2\x80\x94 ", sch_grid_label(g, SCH_L_TIMETABLE));
	sch_grid_entity_title(g, kind, e, &title);
	sch_grid_subtitle(g, kind == SCH_GRID_CLASS ? g->s->classes[e].shift : -1, &sub);
	double top;
	HPDF_Page page = new_page(p, title.p, sub.p, &top);
	sch_buf_free(&title);
	sch_buf_free(&sub);
	if (!page) {
		sch_grid_page_free(&pg);
		return;
	}
	double w_no = 22, w_time = 58, head_h = 20;
	for (int d = 0; d < pg.n_days; d++) {
		int nl;
		sch_grid_text_width(sch_grid_day_name(g, d), &nl);
		if (11.5 * nl + 6 > head_h)
			head_h = 11.5 * nl + 6; /* dated views: the date under the day's name */
	}
	double col_w = (PAGE_W - 2 * MARGIN - w_no - w_time) / (pg.n_days > 0 ? pg.n_days : 1);
	double row_h = (top - MARGIN - head_h) / (pg.n_rows > 0 ? pg.n_rows : 1);
	if (row_h > 80)
		row_h = 80;
	double x0 = MARGIN, y = top - head_h;
	box(page, x0, y, w_no, head_h, 1);
	fit_label(p, page, sch_grid_label(g, SCH_L_NO), true, x0, y, w_no, head_h, 9, 5, CENTER);
	box(page, x0 + w_no, y, w_time, head_h, 1);
	fit_label(p, page, sch_grid_label(g, SCH_L_TIME), true, x0 + w_no, y, w_time, head_h, 9, 5, CENTER);
	for (int d = 0; d < pg.n_days; d++) {
		double x = x0 + w_no + w_time + d * col_w;
		box(page, x, y, col_w, head_h, 1);
		fit_label(p, page, sch_grid_day_name(g, d), true, x, y, col_w, head_h, 10, 5, CENTER);
	}
	for (int r = 0; r < pg.n_rows && p->rc == 0; r++) {
		int bell = pg.first + r;
		char no[12], t[24];
		y -= row_h;
		snprintf(no, sizeof no, "%d", sch_grid_row_number(g, kind, e, bell));
		sch_grid_time(g, bell, false, t);
		box(page, x0, y, w_no, row_h, 0.5);
		fit_label(p, page, no, true, x0, y, w_no, row_h, 10, 5, CENTER);
		box(page, x0 + w_no, y, w_time, row_h, 0.5);
		fit_label(p, page, t, false, x0 + w_no, y, w_time, row_h, 8.5, 4, CENTER);
		for (int d = 0; d < pg.n_days && p->rc == 0; d++) {
			double x = x0 + w_no + w_time + d * col_w;
			int n;
			const int *items = sch_grid_page_cell(&pg, d, r, &n);
			box(page, x, y, col_w, row_h, 0);
			if (n == 0)
				continue;
			if ((p->rc = sch_grid_cell(g, kind, items, n, SCH_CELL_FULL, &p->c)) != 0)
				break;
			fit_text(p, page, &p->c, x, y, col_w, row_h, 11, 4, LEFT, 0.9);
		}
	}
	failed(p, "PDF export");
	sch_grid_page_free(&pg);
}

/* ---- the overviews ---- */

/* Splits n items into chunks of at most max, evenly: returns the chunk count. */
static int chunks(int n, int max)
{
	if (max < 1)
		max = 1;
	return n <= 0 ? 1 : (n + max - 1) / max;
}

/* All classes of a shift side by side, days down: as many pages as keep the text readable. */
static void class_overview(pd *p, int shift)
{
	const sch_grid *g = p->g;
	const sch_school *s = g->s;
	int *cls = malloc(sizeof(int) * ((size_t)s->n_classes + 1)), items[32];
	if (!cls) {
		p->rc = sch_error_oom();
		return;
	}
	int n = sch_grid_shift_classes(g, shift, cls);
	if (n == 0) {
		free(cls);
		return;
	}
	const sch_shift_def *sd = &s->shifts[shift];
	int rows = sd->last - sd->first + 1, days = sch_grid_shift_days(g, shift);
	double w_day = 16, w_no = 14, w_time = 42, head_h = 16;
	double avail_w = PAGE_W - 2 * MARGIN - w_day - w_no - w_time, avail_h = PAGE_H - 2 * MARGIN - 44 - head_h;
	int col_chunks = chunks(n, (int)(avail_w / 60));
	int per_cols = (n + col_chunks - 1) / col_chunks;
	int day_chunks = chunks(days, (int)(avail_h / (rows * 19.0)));
	int per_days = (days + day_chunks - 1) / day_chunks;
	sch_buf title, sub;
	sch_buf_init(&title);
	sch_buf_init(&sub);
	sch_grid_subtitle(g, -1, &sub);
	for (int cc = 0; cc < col_chunks && p->rc == 0; cc++) {
		int c0 = cc * per_cols, c1 = c0 + per_cols < n ? c0 + per_cols : n;
		for (int dc = 0; dc < day_chunks && p->rc == 0; dc++) {
			int d0 = dc * per_days, d1 = d0 + per_days < days ? d0 + per_days : days;
			sch_buf_clear(&title);
			sch_buf_printf(&title, "%s \xC2\xB7 ", sch_grid_label(g, SCH_L_CLASSES_TITLE));
			sch_grid_shift_name(g, shift, &title);
			if (col_chunks * day_chunks > 1)
				sch_buf_printf(&title, " (%d/%d)", cc * day_chunks + dc + 1, col_chunks * day_chunks);
			double top;
			HPDF_Page page = new_page(p, title.p, sub.p, &top);
			if (!page)
				break;
			double col_w = avail_w / (c1 - c0);
			if (col_w > 180)
				col_w = 180;
			double row_h = (top - MARGIN - head_h) / ((d1 - d0) * rows);
			if (row_h > 40)
				row_h = 40;
			double x0 = MARGIN, y = top - head_h, xc = x0 + w_day + w_no + w_time;
			box(page, x0, y, w_day + w_no + w_time, head_h, 1);
			for (int i = c0; i < c1; i++) {
				double x = xc + (i - c0) * col_w;
				box(page, x, y, col_w, head_h, 1);
				fit_label(p, page, s->classes[cls[i]].id, true, x, y, col_w, head_h, 9, 5, CENTER);
			}
			for (int d = d0; d < d1 && p->rc == 0; d++) {
				box(page, x0, y - rows * row_h, w_day, rows * row_h, 0.8);
				/* The day's name runs up the narrow first column. */
				const char *dn = sch_grid_day_name(g, d);
				double fs = 8;
				double tw = text_width(p->bold, fs, dn, strlen(dn));
				if (tw > rows * row_h - 4) {
					fs = fs * (rows * row_h - 4) / tw;
					tw = rows * row_h - 4;
				}
				HPDF_Page_SetRGBFill(page, 0.08, 0.08, 0.08);
				HPDF_Page_BeginText(page);
				HPDF_Page_SetFontAndSize(page, p->bold, (HPDF_REAL)fs);
				HPDF_Page_SetTextMatrix(page, 0, 1, -1, 0, (HPDF_REAL)(x0 + w_day / 2 + fs * 0.35),
							(HPDF_REAL)(y - rows * row_h + (rows * row_h - tw) / 2));
				HPDF_Page_ShowText(page, dn);
				HPDF_Page_EndText(page);
				for (int r = 0; r < rows && p->rc == 0; r++) {
					int bell = sd->first + r;
					char no[12], t[24];
					y -= row_h;
					snprintf(no, sizeof no, "%d", r + 1);
					sch_grid_time(g, bell, false, t);
					box(page, x0 + w_day, y, w_no, row_h, 0.5);
					fit_label(p, page, no, true, x0 + w_day, y, w_no, row_h, 8, 4, CENTER);
					box(page, x0 + w_day + w_no, y, w_time, row_h, 0.5);
					fit_label(p, page, t, false, x0 + w_day + w_no, y, w_time, row_h, 7, 3.5, CENTER);
					for (int i = c0; i < c1 && p->rc == 0; i++) {
						double x = xc + (i - c0) * col_w;
						const sch_class_def *c = &s->classes[cls[i]];
						int k = sch_grid_slot_items(g, SCH_GRID_CLASS, cls[i], d, bell, items, 32);
						box(page, x, y, col_w, row_h, c->week_days > 0 && d >= c->week_days && k == 0 ? 0.3 : 0);
						if (k == 0)
							continue;
						if ((p->rc = sch_grid_cell(g, SCH_GRID_CLASS, items, k, SCH_CELL_BRIEF, &p->c)) != 0)
							break;
						fit_text(p, page, &p->c, x, y, col_w, row_h, 7, 3.5, LEFT, 0.9);
					}
				}
			}
			failed(p, "PDF export");
		}
	}
	sch_buf_free(&title);
	sch_buf_free(&sub);
	free(cls);
}

/* Teachers down; days across over their bells; the classes taught in the cells. */
static void teacher_overview(pd *p)
{
	const sch_grid *g = p->g;
	const sch_school *s = g->s;
	int bells = g->bell_last - g->bell_first + 1, items[32];
	double w_name = 0, head1 = 16, head2 = 22, row_min = 13;
	for (int t = 0; t < s->n_teachers; t++) {
		const char *nm = sch_school_teacher_name(s, t);
		double w = text_width(p->font, 7.5, nm, strlen(nm));
		if (w > w_name)
			w_name = w;
	}
	w_name += 2 * PAD + 4;
	if (w_name < 70)
		w_name = 70;
	if (w_name > 150)
		w_name = 150;
	double avail_w = PAGE_W - 2 * MARGIN - w_name, avail_h = PAGE_H - 2 * MARGIN - 44 - head1 - head2;
	int day_chunks = chunks(s->n_days, (int)(avail_w / (bells * 16.0)));
	int per_days = (s->n_days + day_chunks - 1) / day_chunks;
	int row_chunks = chunks(s->n_teachers, (int)(avail_h / row_min));
	int per_rows = (s->n_teachers + row_chunks - 1) / row_chunks;
	if (per_rows < 1)
		per_rows = 1;
	sch_buf title, sub;
	sch_buf_init(&title);
	sch_buf_init(&sub);
	sch_grid_subtitle(g, -1, &sub);
	for (int rc = 0; rc < row_chunks && p->rc == 0; rc++) {
		int t0 = rc * per_rows, t1 = t0 + per_rows < s->n_teachers ? t0 + per_rows : s->n_teachers;
		for (int dc = 0; dc < day_chunks && p->rc == 0; dc++) {
			int d0 = dc * per_days, d1 = d0 + per_days < s->n_days ? d0 + per_days : s->n_days;
			sch_buf_clear(&title);
			sch_buf_puts(&title, sch_grid_label(g, SCH_L_TEACHERS_TITLE));
			if (row_chunks * day_chunks > 1)
				sch_buf_printf(&title, " (%d/%d)", rc * day_chunks + dc + 1, row_chunks * day_chunks);
			double top;
			HPDF_Page page = new_page(p, title.p, sub.p, &top);
			if (!page)
				break;
			double col_w = avail_w / ((d1 - d0) * bells);
			if (col_w > 40)
				col_w = 40;
			double row_h = (top - MARGIN - head1 - head2) / (t1 - t0 > 0 ? t1 - t0 : 1);
			if (row_h > 24)
				row_h = 24;
			double x0 = MARGIN, y = top - head1;
			box(page, x0, y - head2, w_name, head1 + head2, 1);
			fit_label(p, page, sch_grid_label(g, SCH_L_TEACHER), true, x0, y - head2, w_name, head1 + head2, 9, 5,
				  CENTER);
			for (int d = d0; d < d1; d++) {
				double x = x0 + w_name + (d - d0) * bells * col_w;
				box(page, x, y, bells * col_w, head1, 1);
				fit_label(p, page, sch_grid_day_name(g, d), true, x, y, bells * col_w, head1, 9, 5, CENTER);
				for (int b = 0; b < bells; b++) {
					char lab[40], t[8];
					sch_grid_hhmm(s->bells[g->bell_first + b].start_min, t);
					snprintf(lab, sizeof lab, "%d\n%s", g->bell_first + b + 1, t);
					box(page, x + b * col_w, y - head2, col_w, head2, 0.5);
					fit_label(p, page, lab, false, x + b * col_w, y - head2, col_w, head2, 7, 3, CENTER);
				}
			}
			y -= head2;
			for (int t = t0; t < t1 && p->rc == 0; t++) {
				y -= row_h;
				box(page, x0, y, w_name, row_h, 0.5);
				fit_label(p, page, sch_school_teacher_name(s, t), false, x0, y, w_name, row_h, 7.5, 4, LEFT);
				for (int d = d0; d < d1 && p->rc == 0; d++)
					for (int b = 0; b < bells && p->rc == 0; b++) {
						double x = x0 + w_name + ((d - d0) * bells + b) * col_w;
						box(page, x, y, col_w, row_h, 0);
						int k = sch_grid_slot_items(g, SCH_GRID_TEACHER, t, d, g->bell_first + b, items, 32);
						if (k == 0)
							continue;
						if ((p->rc = sch_grid_cell(g, SCH_GRID_TEACHER, items, k, SCH_CELL_CLASSES, &p->c)) != 0)
							break;
						fit_text(p, page, &p->c, x, y, col_w, row_h, 7, 3, CENTER, 0.9);
					}
			}
			failed(p, "PDF export");
		}
	}
	sch_buf_free(&title);
	sch_buf_free(&sub);
}

/* ---- tables (the substitution sheet) ---- */

/* Lines a plain text takes wrapped into `w` points at `size`. */
static int text_lines(pd *p, const char *text, double size, double w)
{
	wline lines[MAX_WRAPPED];
	bool broke;
	sch_cell c;
	sch_cell_init(&c);
	sch_buf_puts(&c.text, text ? text : "");
	c.n_lines = 1;
	for (const char *q = text ? text : ""; *q; q++)
		if (*q == '\n' && c.n_lines < SCH_CELL_MAX_LINES)
			c.n_lines++;
	int n = c.text.oom ? 1 : wrap(p, &c, size, w - 2 * PAD, lines, MAX_WRAPPED, &broke);
	sch_cell_free(&c);
	return n < 1 ? 1 : n;
}

static HPDF_Page table_head(pd *p, const sch_grid_table *t, const double *col_w, double head_h, double *y)
{
	double top;
	HPDF_Page page = new_page(p, t->title, t->subtitle, &top);
	if (!page)
		return NULL;
	double x = MARGIN;
	*y = top - head_h;
	for (int c = 0; c < t->n_cols; c++) {
		box(page, x, *y, col_w[c], head_h, 1);
		fit_label(p, page, t->head[c], true, x, *y, col_w[c], head_h, 9.5, 5, CENTER);
		x += col_w[c];
	}
	return page;
}

static void table_pages(pd *p, const sch_grid_table *t)
{
	const double size = 10, band_h = 18;
	double total = 0, head_h = 0, y;
	double *col_w = malloc(sizeof *col_w * ((size_t)t->n_cols + 1));
	if (!col_w) {
		p->rc = sch_error_oom();
		return;
	}
	for (int c = 0; c < t->n_cols; c++)
		total += t->widths[c];
	for (int c = 0; c < t->n_cols; c++) {
		col_w[c] = (PAGE_W - 2 * MARGIN) * t->widths[c] / (total > 0 ? total : 1);
		double h = text_lines(p, t->head[c], 9.5, col_w[c]) * 9.5 * LEADING + 2 * PAD + 6;
		if (h > head_h)
			head_h = h;
	}
	HPDF_Page page = table_head(p, t, col_w, head_h, &y);
	for (int r = 0; r < t->n_rows && page && p->rc == 0; r++) {
		const char *const *row = t->cells + (size_t)r * (size_t)t->n_cols;
		bool band = t->band && t->band[r];
		double h = band_h;
		if (!band)
			for (int c = 0; c < t->n_cols; c++) {
				double hc = text_lines(p, row[c], size, col_w[c]) * size * LEADING + 2 * PAD + 5;
				if (hc > h)
					h = hc;
			}
		if (h > PAGE_H / 2)
			h = PAGE_H / 2;
		/* A heading row never ends a page: it goes over with the row after it. */
		if (y - h - (band ? band_h : 0) < MARGIN && !(page = table_head(p, t, col_w, head_h, &y)))
			break;
		y -= h;
		if (band) {
			box(page, MARGIN, y, PAGE_W - 2 * MARGIN, h, 0.6);
			fit_label(p, page, row[0], true, MARGIN, y, PAGE_W - 2 * MARGIN, h, 9.5, 5, LEFT);
			continue;
		}
		double x = MARGIN;
		for (int c = 0; c < t->n_cols; c++) {
			box(page, x, y, col_w[c], h, 0);
			if (row[c] && *row[c])
				fit_label(p, page, row[c], false, x, y, col_w[c], h, size, 5,
					  t->align && (t->align[c] == 'c' || t->align[c] == 'n') ? CENTER : LEFT);
			x += col_w[c];
		}
	}
	if (page && p->rc == 0 && p->g->footer) { /* the signature line, under the table */
		if (y - 40 < MARGIN && !(page = table_head(p, t, col_w, head_h, &y)))
			goto out;
		fit_label(p, page, p->g->footer, false, MARGIN - PAD, y - 40, PAGE_W - 2 * MARGIN, 16, 11, 6, LEFT);
	}
out:
	failed(p, "PDF export");
	free(col_w);
}

int sch_export__pdf(const sch_grid *g, const sch_export_options *o, const char *path)
{
	pd p;
	memset(&p, 0, sizeof p);
	p.g = g;
	sch_cell_init(&p.c);
	sch_buf_init(&p.tmp);
	p.pdf = HPDF_New(on_error, &p);
	if (!p.pdf) {
		p.rc = sch_error_oom();
		goto done;
	}
	HPDF_SetCompressionMode(p.pdf, HPDF_COMP_ALL);
	HPDF_SetInfoAttr(p.pdf, HPDF_INFO_CREATOR, "libschedule " SCH_VERSION);
	if (failed(&p, "PDF export") || (p.rc = load_fonts(&p, o)) != 0)
		goto done;
	if (sch_grid_wants_overview(g)) {
		for (int sh = 0; sh < g->s->n_shifts && p.rc == 0; sh++)
			class_overview(&p, sh);
		if (p.rc == 0 && g->s->n_teachers > 0)
			teacher_overview(&p);
	}
	static const int kinds[3] = {SCH_GRID_CLASS, SCH_GRID_TEACHER, SCH_GRID_ROOM};
	for (int k = 0; k < 3 && p.rc == 0; k++)
		for (int e = 0; e < g->n_entities[kinds[k]] && p.rc == 0; e++)
			if (sch_grid_wants(g, kinds[k], e))
				entity_page(&p, kinds[k], e);
	for (int i = 0; i < g->n_tables && p.rc == 0; i++)
		table_pages(&p, &g->tables[i]);
	if (p.rc == 0 && p.pages == 0) {
		/* Nothing to show (a school without rooms, say): a titled page, not an empty document. */
		double top;
		sch_buf_clear(&p.tmp);
		sch_grid_subtitle(g, -1, &p.tmp);
		new_page(&p, sch_grid_label(g, SCH_L_TIMETABLE), p.tmp.p, &top);
	}
	if (p.rc == 0 && failed(&p, "PDF export") == 0) {
		HPDF_SaveToFile(p.pdf, path);
		if (p.err)
			p.rc = sch_error_set(SCH_EIO, "cannot write %s (libharu error 0x%04X)", path, (unsigned)p.err);
	}
done:
	if (p.pdf)
		HPDF_Free(p.pdf);
	sch_cell_free(&p.c);
	sch_buf_free(&p.tmp);
	return p.rc;
}
