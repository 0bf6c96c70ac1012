/* The week view and the substitution sheet as xlsx and pdf, read back (Python's zipfile, poppler's pdftotext). */
#include "cal_test.h"

typedef struct {
	sch_school *s;
	sch_timetable *tt;
	sch_calendar *cal;
	sch_subst *subst;
	sch_dated *d;
} fixture;

/* The tiny school in the week of Monday 14 September 2026 (holiday on Wednesday, Saturday by
 * Friday's timetable), petrova absent on Monday with smith covering 5А's russian, 6Б's english of
 * Tuesday cancelled. */
static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->s = tiny_school();
	f->tt = tiny_timetable(f->s);
	f->cal = tiny_calendar();
	CT_OK(sch_subst_new(&f->subst, f->s));
	sch_absence a = {.teacher = TS_PETROVA, .first = D("2026-09-14"), .last = D("2026-09-14"), .reason = "курсы"};
	CT_OK(sch_subst_add_absence(f->subst, &a));
	sch_day_change c = {.kind = SCH_CHANGE_COVER, .date = D("2026-09-14"), .lesson = TS_5A_RUSSIAN, .part = 0,
			    .teacher = TS_SMITH, .period = -1};
	CT_OK(sch_subst_add_change(f->subst, &c));
	sch_day_change x = {.kind = SCH_CHANGE_CANCEL, .date = D("2026-09-15"), .lesson = TS_6B_HISTORY, .part = -1,
			    .teacher = -1, .period = -1};
	CT_OK(sch_subst_add_change(f->subst, &x));
	CT_OK(sch_dated_new(&f->d, f->tt, f->cal, f->subst, sch_calendar_first(f->cal), sch_calendar_last(f->cal)));
	ct_tmpdir();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sch_dated_free(f->d);
	sch_subst_free(f->subst);
	sch_calendar_free(f->cal);
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
	free(f);
	ct_cleanup();
	return 0;
}

static char *capture(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (size_t k; (k = fread(buf + n, 1, cap - n - 1, p)) > 0;) {
		n += k;
		if (cap - n < 1024)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	pclose(p);
	return buf;
}

/* The sheet names, then every shared string of a workbook, one a line ("\n" inside a cell as \n). */
static char *xlsx_text(const char *path)
{
	char cmd[2000];
	snprintf(cmd, sizeof cmd,
		 "python3 -c '\n"
		 "import sys, zipfile, xml.etree.ElementTree as ET\n"
		 "NS = \"{http://schemas.openxmlformats.org/spreadsheetml/2006/main}\"\n"
		 "z = zipfile.ZipFile(sys.argv[1])\n"
		 "for sh in ET.fromstring(z.read(\"xl/workbook.xml\")).iter(NS + \"sheet\"): print(\"sheet:\", sh.get(\"name\"))\n"
		 "for si in ET.fromstring(z.read(\"xl/sharedStrings.xml\")):\n"
		 "    print(\"\".join(t.text or \"\" for t in si.iter(NS + \"t\")).replace(\"\\n\", \"\\\\n\"))\n"
		 "' '%s'",
		 path);
	return capture(cmd);
}

static char *pdf_text(const char *path)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>/dev/null", path);
	return capture(cmd);
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("'%s' not found in:\n%s", want, text);
}

static void test_calendar_export__week_xlsx(void **state)
{
	fixture *f = *state;
	char path[400];
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.view = SCH_VIEW_CLASS;
	o.filter = "5А";
	CT_OK(sch_dated_export_week(f->d, D("2026-09-17"), &o, ct_path(path, sizeof path, "week.xlsx")));
	char *t = xlsx_text(path);
	has(t, "sheet: 5А");
	has(t, "Понедельник\\n14.09.2026");
	has(t, "Среда\\n16.09.2026\\nТестовый праздник");
	has(t, "Суббота\\n19.09.2026\\nпо расписанию: Пятница");
	has(t, "Русский язык\\nSmith J. (замена)");
	has(t, "неделя 14.09.2026 – 20.09.2026");
	assert_null(strstr(t, "sheet: 6Б"));
	free(t);
	/* Every class and teacher; the teacher who covers sees the lesson, the absent one does not. */
	o.view = SCH_VIEW_ALL;
	o.filter = NULL;
	CT_OK(sch_dated_export_week(f->d, D("2026-09-14"), &o, path));
	t = xlsx_text(path);
	has(t, "sheet: 6Б");
	has(t, "sheet: Smith J.");
	has(t, "Русский язык\\n5А (замена)");
	has(t, "history\\nАсанова Г.К. (отменён)");
	free(t);
	/* In Kyrgyz. */
	o.lang = "ky";
	CT_OK(sch_dated_export_week(f->d, D("2026-09-14"), &o, path));
	t = xlsx_text(path);
	has(t, "Дүйшөмбү\\n14.09.2026");
	has(t, "(алмаштыруу)");
	free(t);
}

static void test_calendar_export__week_pdf(void **state)
{
	fixture *f = *state;
	char path[400];
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.format = SCH_EXPORT_PDF;
	o.view = SCH_VIEW_TEACHER;
	o.filter = "smith";
	CT_OK(sch_dated_export_week(f->d, D("2026-09-14"), &o, ct_path(path, sizeof path, "week.pdf")));
	char *t = pdf_text(path);
	has(t, "Расписание уроков — Учитель Smith J.");
	has(t, "14.09.2026");
	has(t, "Тестовый праздник");
	has(t, "(замена)");
	free(t);
}

static void test_calendar_export__sheet(void **state)
{
	fixture *f = *state;
	char path[400];
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	CT_OK(sch_subst_export_sheet(f->d, D("2026-09-14"), D("2026-09-15"), &o, ct_path(path, sizeof path, "sheet.xlsx")));
	char *t = xlsx_text(path);
	has(t, "sheet: Лист замен");
	has(t, "sheet: Замены по учителям");
	has(t, "Лист замен — 14.09.2026 – 15.09.2026");
	has(t, "Понедельник, 14.09.2026");
	has(t, "Вторник, 15.09.2026");
	has(t, "Петрова А.И."); /* absent */
	has(t, "Smith J.");     /* covers */
	has(t, "курсы");        /* the reason */
	has(t, "отменён");      /* the cancelled history */
	has(t, "Сен");
	free(t);
	o.format = SCH_EXPORT_PDF;
	CT_OK(sch_subst_export_sheet(f->d, D("2026-09-14"), D("2026-09-14"), &o, ct_path(path, sizeof path, "sheet.pdf")));
	t = pdf_text(path);
	has(t, "Лист замен — Понедельник 14.09.2026");
	has(t, "Smith J.");
	has(t, "Замены по учителям");
	free(t);
}

static void test_calendar_export__bad(void **state)
{
	fixture *f = *state;
	char path[400];
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	ct_path(path, sizeof path, "bad.csv");
	o.format = SCH_EXPORT_CSV;
	CT_FAILS(sch_dated_export_week(f->d, D("2026-09-14"), &o, path), SCH_EINVALID, "xlsx or pdf only");
	CT_FAILS(sch_subst_export_sheet(f->d, D("2026-09-14"), D("2026-09-14"), &o, path), SCH_EINVALID, "xlsx or pdf only");
	o.format = SCH_EXPORT_XLSX;
	o.view = SCH_VIEW_CLASS;
	o.filter = "5Х";
	CT_FAILS(sch_dated_export_week(f->d, D("2026-09-14"), &o, path), SCH_ENOTFOUND, "no class \"5Х\"");
	assert_int_equal(access(path, F_OK), -1); /* nothing written */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_calendar_export__week_xlsx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_export__week_pdf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_export__sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_export__bad, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
