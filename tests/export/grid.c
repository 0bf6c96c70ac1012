/* The grid model every export renders: which lessons go in which cell, with which text, in ru and ky. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "../../lib/export_grid.h"
#include "place.h"

typedef struct {
	sch_school *s;
	sch_timetable *tt;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->s = load_edge();
	assert_non_null(f->s);
	assert_int_equal(sch_timetable_new(&f->tt, f->s), 0);
	assert_int_equal(place_edge(f->tt), 0);
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

static sch_export_options opts_of(int view, const char *filter, const char *lang)
{
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.view = view;
	o.filter = filter;
	o.lang = lang;
	return o;
}

/* The text of cell (day, bell) of an entity's page. */
static char *cell_text(const sch_grid *g, int kind, int e, int day, int bell, int style)
{
	sch_grid_page pg;
	sch_cell c;
	int n;
	assert_int_equal(sch_grid_page_build(&pg, g, kind, e), 0);
	assert_true(bell >= pg.first && bell < pg.first + pg.n_rows);
	assert_true(day < pg.n_days);
	const int *items = sch_grid_page_cell(&pg, day, bell - pg.first, &n);
	sch_cell_init(&c);
	assert_int_equal(sch_grid_cell(g, kind, items, n, style, &c), 0);
	char *out = strdup(c.text.p ? c.text.p : "");
	sch_cell_free(&c);
	sch_grid_page_free(&pg);
	return out;
}

static void expect_cell(const sch_grid *g, int kind, int e, int day, int bell, int style, const char *want)
{
	char *got = cell_text(g, kind, e, day, bell, style);
	assert_string_equal(got, want);
	free(got);
}

static void test_export_grid__class_cells(void **state)
{
	fixture *f = *state;
	sch_export_options o = opts_of(SCH_VIEW_ALL, NULL, NULL);
	sch_grid g;
	int c5a = sch_school_find_class(f->s, "5А"), c7v = sch_school_find_class(f->s, "7В");
	assert_int_equal(sch_grid_init(&g, f->tt, &o), 0);
	/* A double lesson fills two rows. */
	expect_cell(&g, SCH_GRID_CLASS, c5a, 0, 0, SCH_CELL_FULL, "Математика\nЭңсеева Ү.Ө.");
	expect_cell(&g, SCH_GRID_CLASS, c5a, 0, 1, SCH_CELL_FULL, "Математика\nЭңсеева Ү.Ө.");
	expect_cell(&g, SCH_GRID_CLASS, c5a, 0, 2, SCH_CELL_FULL, "");
	/* A split lesson: the subject once, then each group with its teacher. */
	expect_cell(&g, SCH_GRID_CLASS, c5a, 1, 0, SCH_CELL_FULL,
		    "Английский язык\nen1: Ким, \"Алекс\"\nen2: <b>Ким & Ко</b>");
	expect_cell(&g, SCH_GRID_CLASS, c5a, 1, 0, SCH_CELL_BRIEF,
		    "Английский язык\nКим, \"Алекс\" / <b>Ким & Ко</b>");
	/* A lesson of one group names the group after the subject. */
	expect_cell(&g, SCH_GRID_CLASS, c5a, 2, 0, SCH_CELL_FULL, "Изобразительное искусство (en2)\nЭңсеева Ү.Ө.");
	/* A joint lesson shows in both classes, with its room. */
	expect_cell(&g, SCH_GRID_CLASS, c5a, 3, 0, SCH_CELL_FULL, "Физическая культура\nИванов [И]:И*?/\\, gym");
	expect_cell(&g, SCH_GRID_CLASS, c7v, 3, 0, SCH_CELL_FULL, "Физическая культура\nИванов [И]:И*?/\\, gym");
	sch_grid_free(&g);
}

static void test_export_grid__teacher_and_room_cells(void **state)
{
	fixture *f = *state;
	sch_export_options o = opts_of(SCH_VIEW_ALL, NULL, NULL);
	sch_grid g;
	int bad = sch_school_find_teacher(f->s, "bad"), html = sch_school_find_teacher(f->s, "html");
	int gym = sch_school_find_room(f->s, "gym"), r201 = sch_school_find_room(f->s, "201");
	assert_int_equal(sch_grid_init(&g, f->tt, &o), 0);
	expect_cell(&g, SCH_GRID_TEACHER, bad, 3, 0, SCH_CELL_FULL, "Физическая культура\n5А, 7В, gym");
	expect_cell(&g, SCH_GRID_TEACHER, bad, 3, 0, SCH_CELL_CLASSES, "5А, 7В");
	/* A teacher of one group sees only that group, under the class in the overview. */
	expect_cell(&g, SCH_GRID_TEACHER, html, 1, 0, SCH_CELL_FULL, "Английский язык\n5А en2");
	expect_cell(&g, SCH_GRID_TEACHER, html, 1, 0, SCH_CELL_CLASSES, "5А\nen2");
	expect_cell(&g, SCH_GRID_ROOM, gym, 3, 0, SCH_CELL_FULL, "Физическая культура\n5А, 7В, Иванов [И]:И*?/\\");
	/* A fixed room of a load line counts as the lesson's room. */
	expect_cell(&g, SCH_GRID_ROOM, r201, 4, 0, SCH_CELL_FULL,
		    "Основы безопасности жизнедеятельности и гражданской обороны населения в чрезвычайных ситуациях\n"
		    "7В, Абдыкадырова-Жээнбекова Гүлнара Токтосуновна");
	sch_grid_free(&g);
}

static void test_export_grid__rows_follow_shifts(void **state)
{
	fixture *f = *state;
	sch_export_options o = opts_of(SCH_VIEW_ALL, NULL, NULL);
	sch_grid g;
	sch_grid_page pg;
	int c6b = sch_school_find_class(f->s, "6Б"), petrov = sch_school_find_teacher(f->s, "petrov1");
	int enseeva = sch_school_find_teacher(f->s, "enseeva");
	assert_int_equal(sch_grid_init(&g, f->tt, &o), 0);
	/* A second-shift class: bells 4-6, numbered 1-3 within the shift. */
	assert_int_equal(sch_grid_page_build(&pg, &g, SCH_GRID_CLASS, c6b), 0);
	assert_int_equal(pg.first, 3);
	assert_int_equal(pg.n_rows, 3);
	assert_int_equal(pg.n_days, 5);
	assert_int_equal(sch_grid_row_number(&g, SCH_GRID_CLASS, c6b, 3), 1);
	sch_grid_page_free(&pg);
	char t[24];
	sch_grid_time(&g, 3, false, t);
	assert_string_equal(t, "13:00\xE2\x80\x93" "13:45");
	sch_grid_time(&g, 3, true, t);
	assert_string_equal(t, "13:00-13:45");
	/* A teacher's rows: the shifts of the lessons, numbered by bell. */
	assert_int_equal(sch_grid_page_build(&pg, &g, SCH_GRID_TEACHER, petrov), 0);
	assert_int_equal(pg.first, 3);
	assert_int_equal(pg.n_rows, 3);
	assert_int_equal(sch_grid_row_number(&g, SCH_GRID_TEACHER, petrov, 3), 4);
	sch_grid_page_free(&pg);
	/* Both shifts for a teacher with lessons in both. */
	assert_int_equal(sch_grid_page_build(&pg, &g, SCH_GRID_TEACHER, enseeva), 0);
	assert_int_equal(pg.first, 0);
	assert_int_equal(pg.n_rows, 3);
	sch_grid_page_free(&pg);
	sch_grid_free(&g);
}

static void test_export_grid__kyrgyz(void **state)
{
	fixture *f = *state;
	sch_export_options o = opts_of(SCH_VIEW_ALL, NULL, "ky");
	sch_grid g;
	sch_buf b;
	int c5a = sch_school_find_class(f->s, "5А");
	assert_int_equal(sch_grid_init(&g, f->tt, &o), 0);
	assert_string_equal(sch_grid_day_name(&g, 0), "Дүйшөмбү");
	assert_string_equal(sch_grid_day_name(&g, 4), "Жума");
	assert_string_equal(sch_grid_label(&g, SCH_L_TEACHER), "Мугалим");
	expect_cell(&g, SCH_GRID_CLASS, c5a, 2, 0, SCH_CELL_FULL, "Көркөм өнөр (en2)\nЭңсеева Ү.Ө.");
	sch_buf_init(&b);
	sch_grid_subtitle(&g, 0, &b);
	assert_string_equal(b.p, "Школа <№1> & \"Ала-Тоо\" \xC2\xB7 1 смена \xC2\xB7 2026-2027 окуу жылы");
	sch_buf_free(&b);
	/* Every label exists in both languages. */
	for (int l = 0; l < SCH_L_COUNT; l++)
		assert_true(strlen(sch_grid_label(&g, l)) > 0);
	sch_grid_free(&g);
	o.lang = "ru";
	assert_int_equal(sch_grid_init(&g, f->tt, &o), 0);
	for (int l = 0; l < SCH_L_COUNT; l++)
		assert_true(strlen(sch_grid_label(&g, l)) > 0);
	assert_string_equal(sch_grid_day_name(&g, 0), "Понедельник");
	sch_grid_free(&g);
}

static void test_export_grid__views_and_filters(void **state)
{
	fixture *f = *state;
	sch_grid g;
	int c5a = sch_school_find_class(f->s, "5А"), c7v = sch_school_find_class(f->s, "7В");
	sch_export_options o = opts_of(SCH_VIEW_CLASS, "7В", NULL);
	assert_int_equal(sch_grid_init(&g, f->tt, &o), 0);
	assert_false(sch_grid_wants_overview(&g));
	assert_true(sch_grid_wants(&g, SCH_GRID_CLASS, c7v));
	assert_false(sch_grid_wants(&g, SCH_GRID_CLASS, c5a));
	assert_false(sch_grid_wants(&g, SCH_GRID_TEACHER, 0));
	sch_grid_free(&g);

	o = opts_of(SCH_VIEW_ALL, NULL, NULL);
	assert_int_equal(sch_grid_init(&g, f->tt, &o), 0);
	assert_true(sch_grid_wants_overview(&g));
	assert_true(sch_grid_wants(&g, SCH_GRID_CLASS, c5a));
	assert_true(sch_grid_wants(&g, SCH_GRID_TEACHER, 0));
	assert_false(sch_grid_wants(&g, SCH_GRID_ROOM, 0));
	sch_grid_free(&g);

	o = opts_of(SCH_VIEW_SCHOOL, NULL, NULL);
	assert_int_equal(sch_grid_init(&g, f->tt, &o), 0);
	assert_true(sch_grid_wants_overview(&g));
	assert_false(sch_grid_wants(&g, SCH_GRID_CLASS, c5a));
	sch_grid_free(&g);

	o = opts_of(SCH_VIEW_TEACHER, "nobody", NULL);
	assert_int_equal(sch_grid_init(&g, f->tt, &o), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "nobody"));
	o = opts_of(SCH_VIEW_ALL, "5А", NULL);
	assert_int_equal(sch_grid_init(&g, f->tt, &o), SCH_EINVALID);
	o = opts_of(SCH_VIEW_ALL, NULL, "en");
	assert_int_equal(sch_grid_init(&g, f->tt, &o), SCH_EINVALID);
	o = opts_of(SCH_VIEW_ALL, NULL, NULL);
	o.version = 99;
	assert_int_equal(sch_grid_init(&g, f->tt, &o), SCH_EINVALID);
}

static void test_export_grid__text_width(void **state)
{
	(void)state;
	int lines;
	/* Display columns, not bytes: a Cyrillic letter is two bytes and one column. */
	assert_int_equal(sch_grid_text_width("Математика\nЭңсеева Ү.Ө.", &lines), 12);
	assert_int_equal(lines, 2);
	assert_int_equal(sch_grid_text_width("", &lines), 0);
	assert_int_equal(lines, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_grid__class_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_grid__teacher_and_room_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_grid__rows_follow_shifts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_grid__kyrgyz, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_grid__views_and_filters, setup, teardown),
		cmocka_unit_test(test_export_grid__text_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
