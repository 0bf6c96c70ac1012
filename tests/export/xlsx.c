/* The Excel export read back: an .xlsx is a zip of XML, opened here with unzip and Python's XML parser. */
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
	test_dir(f->dir, sizeof f->dir, "export-xlsx");
	snprintf(f->path, sizeof f->path, "%s/edge.xlsx", f->dir);
	*state = f;
	return 0;
}

static int setup_kg(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->tt = load_placed("examples/school-kg.yaml", &f->s);
	assert_non_null(f->tt);
	test_dir(f->dir, sizeof f->dir, "export-xlsx-kg");
	snprintf(f->path, sizeof f->path, "%s/kg.xlsx", f->dir);
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

/*
 * Runs a Python snippet on the workbook: `book` maps each sheet name to its
 * parsed XML root (in sheet order), `strings` is the list of shared strings with
 * rich-text runs joined. Returns what it prints.
 */
static char *py(const char *xlsx, const char *code)
{
	char *cmd = malloc(strlen(code) + 4096);
	sprintf(cmd,
		"python3 -c '\n"
		"import sys, zipfile, xml.etree.ElementTree as ET\n"
		"NS = \"{http://schemas.openxmlformats.org/spreadsheetml/2006/main}\"\n"
		"RNS = \"{http://schemas.openxmlformats.org/officeDocument/2006/relationships}\"\n"
		"z = zipfile.ZipFile(sys.argv[1])\n"
		"wb = ET.fromstring(z.read(\"xl/workbook.xml\"))\n"
		"rels = ET.fromstring(z.read(\"xl/_rels/workbook.xml.rels\"))\n"
		"target = {r.get(\"Id\"): r.get(\"Target\") for r in rels}\n"
		"book = {}\n"
		"for sh in wb.iter(NS + \"sheet\"):\n"
		"    book[sh.get(\"name\")] = ET.fromstring(z.read(\"xl/\" + target[sh.get(RNS + \"id\")]))\n"
		"strings = [\"\".join(t.text or \"\" for t in si.iter(NS + \"t\")) for si in ET.fromstring(z.read(\"xl/sharedStrings.xml\"))]\n"
		"def cells(root):\n"
		"    out = {}\n"
		"    for c in root.iter(NS + \"c\"):\n"
		"        v = c.find(NS + \"v\")\n"
		"        if v is not None and c.get(\"t\") == \"s\": out[c.get(\"r\")] = strings[int(v.text)]\n"
		"    return out\n"
		"%s\n' '%s'",
		code, xlsx);
	char *out = run_capture(cmd);
	free(cmd);
	return out;
}

static void export_xlsx(fixture *f, const char *lang)
{
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.lang = lang;
	assert_int_equal(sch_export(f->tt, &o, f->path), 0);
}

static void test_export_xlsx__sheet_names(void **state)
{
	fixture *f = *state;
	export_xlsx(f, NULL);
	/* Every name valid for Excel: at most 31 characters, none of []:*?/\, no quote at the ends, unique ignoring case. */
	char *out = py(f->path, "names = list(book)\n"
				"for n in names:\n"
				"    assert 0 < len(n) <= 31 and not any(ch in n for ch in \"[]:*?/\\\\\"), n\n"
				"    assert n[0] != chr(39) and n[-1] != chr(39), n\n"
				"assert len(set(n.casefold() for n in names)) == len(names), names\n"
				"print(\"|\".join(names))");
	assert_non_null(out);
	assert_string_equal(out, "Классы|Учителя|5А|7В|6Б|Эңсеева Ү.Ө.|Ким, \"Алекс\"|<b>Ким & Ко<_b>|"
				 "Абдыкадырова-Жээнбекова Гүлнара|Иванов _И__И____|Петров П.П.|Петров П.П. (2)|5а (2)\n");
	free(out);
}

static void test_export_xlsx__cells(void **state)
{
	fixture *f = *state;
	export_xlsx(f, NULL);
	/* The class sheet: title, day names across, lesson times down, subjects with teachers in the cells. */
	char *out = py(f->path, "c = cells(book[\"5А\"])\n"
				"print(c[\"A1\"]); print(c[\"C3\"], c[\"G3\"]); print(c[\"A4\"] if \"A4\" in c else \"-\", c[\"B4\"])\n"
				"print(repr(c[\"C4\"]), repr(c[\"C5\"]), repr(c[\"D4\"]))");
	assert_non_null(out);
	assert_string_equal(out, "Расписание уроков \xE2\x80\x94 Класс 5А\n"
				 "Понедельник Пятница\n"
				 "- 08:00\xE2\x80\x93" "08:45\n" /* the lesson number is a number */
				 "'Математика\\nЭңсеева Ү.Ө.' 'Математика\\nЭңсеева Ү.Ө.' "
				 "'Английский язык\\nen1: Ким, \"Алекс\"\\nen2: <b>Ким & Ко</b>'\n");
	free(out);
	/* The overview: classes across, days down (merged), with the teachers; a teacher's classes. */
	out = py(f->path, "c = cells(book[\"Классы\"])\n"
			  "print(c[\"A1\"]); print(c[\"D5\"], c[\"E5\"]); print(repr(c[\"D6\"]))\n"
			  "m = [x.get(\"ref\") for x in book[\"Классы\"].iter(NS + \"mergeCell\")]\n"
			  "print(\"A6:A8\" in m)\n"
			  "t = cells(book[\"Учителя\"])\n"
			  "print(t[\"A1\"], t[\"B3\"], t[\"A6\"])");
	assert_non_null(out);
	assert_string_equal(out, "Расписание классов\n"
				 "5А 7В\n"
				 "'Математика\\nЭңсеева Ү.Ө.'\n"
				 "True\n"
				 "Расписание учителей Понедельник Эңсеева Ү.Ө.\n");
	free(out);
}

static void test_export_xlsx__print_setup(void **state)
{
	fixture *f = *state;
	export_xlsx(f, NULL);
	/* A4 landscape fitted to a page (the teachers' week: whole days a page at 65% or more), frozen headers, day names merged across, widths from display width. */
	char *out = py(f->path,
		       "for name in (\"5А\", \"Классы\", \"Учителя\"):\n"
		       "    r = book[name]\n"
		       "    ps = r.find(NS + \"pageSetup\"); pr = r.find(NS + \"sheetPr\")\n"
		       "    fit = pr is not None and pr.find(NS + \"pageSetUpPr\") is not None\n"
		       "    fit = fit or (r.find(NS + \"colBreaks\") is not None and int(ps.get(\"scale\")) >= 65)\n"
		       "    pane = r.find(\".//\" + NS + \"pane\")\n"
		       "    print(name, ps.get(\"paperSize\"), ps.get(\"orientation\"), fit, pane.get(\"state\"), pane.get(\"topLeftCell\"))\n"
		       "cols = {int(c.get(\"min\")): float(c.get(\"width\")) for c in book[\"5А\"].iter(NS + \"col\")}\n"
		       "print(21 <= cols[5] < 40)\n"
		       "print([x.get(\"ref\") for x in book[\"Учителя\"].iter(NS + \"mergeCell\")][:2])");
	assert_non_null(out);
	assert_string_equal(out, "5А 9 landscape True frozen C4\n"
				 "Классы 9 landscape True frozen D1\n"
				 "Учителя 9 landscape True frozen B6\n"
				 "True\n"
				 "['A1:L1', 'A2:L2']\n");
	free(out);
}

static void test_export_xlsx__kyrgyz(void **state)
{
	fixture *f = *state;
	export_xlsx(f, "ky");
	char *out = py(f->path, "c = cells(book[\"5А\"])\n"
				"print(\"|\".join(list(book)[:2])); print(c[\"C3\"], c[\"B3\"]); print(repr(c[\"E4\"]))");
	assert_non_null(out);
	assert_string_equal(out, "Класстар|Мугалимдер\n"
				 "Дүйшөмбү Убакыт\n"
				 "'Көркөм өнөр (en2)\\nЭңсеева Ү.Ө.'\n");
	free(out);
}

static void test_export_xlsx__views(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.view = SCH_VIEW_TEACHER;
	o.filter = "long";
	assert_int_equal(sch_export(f->tt, &o, f->path), 0);
	char *out = py(f->path, "print(\"|\".join(book))");
	assert_string_equal(out, "Абдыкадырова-Жээнбекова Гүлнара\n");
	free(out);
	o.view = SCH_VIEW_ROOM;
	o.filter = NULL;
	assert_int_equal(sch_export(f->tt, &o, f->path), 0);
	out = py(f->path, "print(\"|\".join(book)); print(cells(book[\"gym\"])[\"F4\"].split(chr(10))[0])");
	assert_string_equal(out, "201|gym\nФизическая культура\n");
	free(out);
	o.view = SCH_VIEW_SCHOOL;
	assert_int_equal(sch_export(f->tt, &o, f->path), 0);
	out = py(f->path, "print(\"|\".join(book))");
	assert_string_equal(out, "Классы|Учителя\n");
	free(out);
}

static void test_export_xlsx__example_school(void **state)
{
	fixture *f = *state;
	export_xlsx(f, NULL);
	/* Every class and teacher has a sheet; the week of teachers prints in whole days per page. */
	char *out = py(f->path,
		       "print(len(book))\n"
		       "print(sum(1 for s in strings if \"Математика\" in s) > 0, sum(1 for s in strings if \"Асанова Г.К.\" in s) > 0)\n"
		       "print(book[\"Учителя\"].find(NS + \"colBreaks\") is not None)\n"
		       "print(cells(book[\"5А\"])[\"A1\"])");
	assert_non_null(out);
	char want[256];
	snprintf(want, sizeof want, "%d\nTrue True\nTrue\nРасписание уроков \xE2\x80\x94 Класс 5А\n",
		 2 + f->s->n_classes + f->s->n_teachers);
	assert_string_equal(out, want);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_xlsx__sheet_names, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_xlsx__cells, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_xlsx__print_setup, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_xlsx__kyrgyz, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_xlsx__views, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_xlsx__example_school, setup_kg, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
