/* The PDF export read back with poppler's pdftotext, pdffonts and pdfinfo: Cyrillic text, embedded fonts, pages, fit. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "place.h"
#include "schedule/sys/model.h"

typedef struct {
	sch_school *s;
	sch_timetable *tt;
	char dir[1024];
	char path[1200];
} fixture;

static int setup_edge(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->s = load_edge();
	assert_non_null(f->s);
	assert_int_equal(sch_timetable_new(&f->tt, f->s), 0);
	assert_int_equal(place_edge(f->tt), 0);
	test_dir(f->dir, sizeof f->dir, "export-pdf");
	snprintf(f->path, sizeof f->path, "%s/edge.pdf", f->dir);
	*state = f;
	return 0;
}

static int setup_kg(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->tt = load_placed("examples/school-kg.yaml", &f->s);
	assert_non_null(f->tt);
	test_dir(f->dir, sizeof f->dir, "export-pdf-kg");
	snprintf(f->path, sizeof f->path, "%s/kg.pdf", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
	free(f);
	return 0;
}

/* `tool` run on the PDF, its output (stderr dropped: poppler warns about libharu's ToUnicode maps). */
static char *poppler(const char *tool, const char *args, const char *pdf)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "%s %s '%s' %s 2>/dev/null", tool, args, pdf,
		 strcmp(tool, "pdftotext") == 0 ? "-" : "");
	return run_capture(cmd);
}

static int page_count(const char *pdf)
{
	char *info = poppler("pdfinfo", "", pdf);
	assert_non_null(info);
	char *p = strstr(info, "Pages:");
	assert_non_null(p);
	int n = atoi(p + 6);
	free(info);
	return n;
}

static void test_export_pdf__example_school(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.format = SCH_EXPORT_PDF;
	assert_int_equal(sch_export(f->tt, &o, f->path), 0);
	/* A page per class and per teacher after the overviews. */
	int pages = page_count(f->path);
	assert_true(pages > f->s->n_classes + f->s->n_teachers + 2);
	char *text = poppler("pdftotext", "-layout", f->path);
	assert_non_null(text);
	assert_non_null(strstr(text, "Расписание классов"));
	assert_non_null(strstr(text, "Расписание учителей"));
	assert_non_null(strstr(text, "СОШ №14 им. Ч. Айтматова"));
	assert_non_null(strstr(text, "2026-2027 учебный год"));
	assert_non_null(strstr(text, "2 смена"));
	char want[256];
	for (int c = 0; c < f->s->n_classes; c++) {
		snprintf(want, sizeof want, "Расписание уроков \xE2\x80\x94 Класс %s", f->s->classes[c].id);
		assert_non_null(strstr(text, want));
	}
	for (int t = 0; t < f->s->n_teachers; t++)
		assert_non_null(strstr(text, sch_school_teacher_name(f->s, t)));
	assert_non_null(strstr(text, "Математика"));
	assert_non_null(strstr(text, "Понедельник"));
	free(text);
	/* The DejaVu fonts are embedded (subset), with Unicode maps. */
	char *fonts = poppler("pdffonts", "", f->path);
	assert_non_null(fonts);
	assert_non_null(strstr(fonts, "DejaVuSans-Bold"));
	assert_non_null(strstr(fonts, "CID TrueType"));
	assert_null(strstr(fonts, " no  "));
	free(fonts);
}

static void test_export_pdf__kyrgyz_letters(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.format = SCH_EXPORT_PDF;
	o.lang = "ky";
	assert_int_equal(sch_export(f->tt, &o, f->path), 0);
	char *text = poppler("pdftotext", "", f->path);
	assert_non_null(text);
	/* ң ө ү from names, subjects and labels. */
	assert_non_null(strstr(text, "Эңсеева Ү.Ө."));
	assert_non_null(strstr(text, "Көркөм өнөр"));
	assert_non_null(strstr(text, "Дүйшөмбү"));
	assert_non_null(strstr(text, "Сабактардын жадыбалы"));
	assert_non_null(strstr(text, "окуу жылы"));
	assert_non_null(strstr(text, "Школа <№1> & \"Ала-Тоо\""));
	free(text);
	/* Overviews of both shifts and of the teachers, then classes and teachers. */
	assert_int_equal(page_count(f->path), 3 + f->s->n_classes + f->s->n_teachers);
}

/*
 * Nothing overflows: on 7В's page every word of the Friday column lies inside
 * that column and inside its first row, where a subject name far too long for
 * the cell is shrunk and wrapped.
 */
static void test_export_pdf__text_fits_cells(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.format = SCH_EXPORT_PDF;
	o.view = SCH_VIEW_CLASS;
	o.filter = "7В";
	assert_int_equal(sch_export(f->tt, &o, f->path), 0);
	assert_int_equal(page_count(f->path), 1);
	char cmd[2048];
	/* Geometry of export_pdf.c: margins 28, columns 22 and 58, five days; rows under a 44 + 20 header. */
	snprintf(cmd, sizeof cmd,
		 "pdftotext -bbox '%s' - 2>/dev/null | python3 -c '\n"
		 "import re, sys\n"
		 "W, H, M = 841.89, 595.28, 28.0\n"
		 "col = (W - 2 * M - 80) / 5; x0 = M + 80 + 4 * col; x1 = x0 + col\n"
		 "top = M + 44 + 20; row = min(80.0, (H - M - 44 - 20 - M) / 3)\n"
		 "words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in\n"
		 "         re.findall(r\"xMin=\\\"([\\d.]+)\\\" yMin=\\\"([\\d.]+)\\\" xMax=\\\"([\\d.]+)\\\" yMax=\\\"([\\d.]+)\\\">([^<]*)<\", sys.stdin.read())]\n"
		 "inside = [w for w in words if w[0] >= x0 - 1 and w[1] >= top - 1]\n"
		 "assert len(inside) >= 8, inside\n"
		 "for a, b, c, d, w in inside:\n"
		 "    assert c <= x1 + 0.5 and d <= top + row + 0.5, (w, a, b, c, d, x1, top + row)\n"
		 "for a, b, c, d, w in words:\n"
		 "    assert a >= M - 3 and c <= W - M + 3 and b >= M - 3 and d <= H - M + 3, w\n"
		 "print(\" \".join(w[4] for w in inside))\n'",
		 f->path);
	char *out = run_capture(cmd);
	assert_non_null(out);
	assert_non_null(strstr(out, "Основы"));
	assert_non_null(strstr(out, "Абдыкадырова-Жээнбекова"));
	free(out);
}

static void test_export_pdf__missing_font(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.format = SCH_EXPORT_PDF;
	o.font_path = "/nonexistent/fonts/DejaVuSans.ttf";
	assert_int_equal(sch_export(f->tt, &o, f->path), SCH_EIO);
	assert_non_null(strstr(sch_error_last()->message, "DejaVuSans.ttf"));
	/* A bold font that is given must exist; any TrueType font can serve as the bold one. */
	o.font_path = NULL;
	o.bold_font_path = "/nonexistent/fonts/DejaVuSans-Bold.ttf";
	assert_int_equal(sch_export(f->tt, &o, f->path), SCH_EIO);
	o.bold_font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
	assert_int_equal(sch_export(f->tt, &o, f->path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_pdf__kyrgyz_letters, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_pdf__text_fits_cells, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_pdf__missing_font, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_pdf__example_school, setup_kg, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
