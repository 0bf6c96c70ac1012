/* The class-subject grid (cells, averages, topics; xlsx and pdf), bulk marks from CSV all or nothing, topics and homework of a quarter. */
#include <sys/stat.h>

#include "journal_test.h"

typedef struct {
	jfix f;
	sch_journal *j;
} gfix;

static int gsetup(void **state)
{
	jt_setup(state);
	gfix *g = realloc(*state, sizeof *g);
	assert_non_null(g);
	CT_OK(sch_journal_open(&g->j, g->f.st, NULL));
	*state = g;
	return 0;
}

static int gteardown(void **state)
{
	gfix *g = *state;
	sch_journal_free(g->j);
	return jt_teardown(state);
}

static long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static void test_journal_grid__cells_and_averages(void **state)
{
	gfix *g = *state;
	sch_journal_ref r1 = jt_ref("5А", "math", "2026-09-01"), r2 = jt_ref("5А", "math", "2026-09-03");
	CT_OK(sch_journal_mark(g->j, &r1, g->f.p[1], "5", NULL));
	CT_OK(sch_journal_mark(g->j, &r1, g->f.p[1], "4", "контрольная"));
	CT_OK(sch_journal_mark(g->j, &r2, g->f.p[1], "3", NULL));
	CT_OK(sch_journal_attend(g->j, &r1, g->f.p[2], SCH_ATTEND_ABSENT));
	CT_OK(sch_journal_attend(g->j, &r2, g->f.p[2], SCH_ATTEND_LATE));
	CT_OK(sch_journal_mark(g->j, &r2, g->f.p[2], "5", NULL));
	CT_OK(sch_journal_topic(g->j, &r1, "Натуральные числа"));
	sch_journal_grid gr;
	CT_OK(sch_journal_grid_make(&gr, g->j, "5А", "math", D("2026-09-01"), D("2026-09-30")));
	/* 5А has math on Tuesdays and Thursdays; 16 Sept is a holiday (a Wednesday: no math anyway). */
	assert_int_equal(gr.n_pupils, 3);
	assert_int_equal(gr.n_cols, 9);
	assert_int_equal(gr.col_date[0], D("2026-09-01"));
	assert_int_equal(gr.col_period[0], 2);
	assert_string_equal(gr.col_topic[0], "Натуральные числа");
	assert_string_equal(gr.pupils[0].last_name, "Асанов");
	assert_string_equal(gr.cells[0 * gr.n_cols + 0], "5/4");
	assert_string_equal(gr.cells[0 * gr.n_cols + 1], "3");
	assert_string_equal(gr.cells[1 * gr.n_cols + 0], "Н");
	assert_string_equal(gr.cells[1 * gr.n_cols + 1], "ОП 5");
	assert_string_equal(gr.cells[2 * gr.n_cols + 0], "");
	assert_int_equal(gr.n_marks[0], 3);
	assert_true(gr.average[0] > 3.99 && gr.average[0] < 4.01);
	assert_int_equal(gr.n_marks[2], 0);

	char xlsx[500], pdf[500];
	CT_OK(sch_journal_grid_export(&gr, g->j, SCH_EXPORT_XLSX, ct_path(xlsx, sizeof xlsx, "grid.xlsx")));
	CT_OK(sch_journal_grid_export(&gr, g->j, SCH_EXPORT_PDF, ct_path(pdf, sizeof pdf, "grid.pdf")));
	assert_true(file_size(xlsx) > 1000);
	assert_true(file_size(pdf) > 1000);
	CT_FAILS(sch_journal_grid_export(&gr, g->j, SCH_EXPORT_CSV, xlsx), SCH_EINVALID, "xlsx or pdf");
	sch_journal_grid_dispose(&gr);

	CT_FAILS(sch_journal_grid_make(&gr, g->j, "5А", "mathematics", D("2026-09-01"), D("2026-09-30")), SCH_ENOTFOUND,
		 "no subject 'mathematics'");
	CT_FAILS(sch_journal_grid_make(&gr, g->j, "5А", "math", D("2026-09-30"), D("2026-09-01")), SCH_EINVALID,
		 "end before they start");
}

static void test_journal_grid__import_marks(void **state)
{
	gfix *g = *state;
	char path[500];
	static const char GOOD[] = "pupil,date,subject,mark,kind\n"
				   "KG-1,2026-09-01,math,5,\n"
				   "Иванова Мария,01.09.2026,math,4,\n"
				   "#4,2026-09-02,math,3,\n"
				   "KG-1,2026-09-01,english,5,\n"
				   "KG-2,2026-09-01,english,4,устно\n";
	sch_diags *d = NULL;
	sch_marks_import_info info;
	CT_OK(sch_diags_new(&d));
	CT_OK(sch_journal_import_marks(&info, g->j, jt_file(path, sizeof path, "marks.csv", GOOD, sizeof GOOD - 1), d));
	assert_int_equal(info.rows, 5);
	assert_int_equal(info.written, 5);
	assert_int_equal(jt_count(g->f.db, "SELECT count(*) FROM marks"), 5);
	sch_diags_free(d);

	static const char BAD[] = "ученик;дата;предмет;оценка\n"
				  "KG-1;2026-09-03;math;4\n"
				  "KG-1;2026-09-05;math;4\n"     /* line 3: a Saturday */
				  "KG-9;2026-09-03;math;4\n"     /* line 4: no such pupil */
				  "KG-2;2026-09-03;math;7\n"     /* line 5: outside the scheme */
				  "KG-4;2026-09-03;math;5\n"     /* line 6: 6Б has no math on Thursday */
				  "KG-2;3 сентября;math;5\n"     /* line 7: not a date */
				  "KG-2;2026-09-03;algebra;5\n"; /* line 8: no such subject */
	CT_OK(sch_diags_new(&d));
	CT_FAILS(sch_journal_import_marks(&info, g->j, jt_file(path, sizeof path, "bad.csv", BAD, sizeof BAD - 1), d),
		 SCH_EINVALID, "6 of 7 rows are bad: nothing written");
	assert_int_equal(sch_diags_errors(d), 6);
	char all[4000] = "";
	for (size_t i = 0; i < sch_diags_count(d); i++) {
		char line[600];
		sch_diag_format(line, sizeof line, sch_diags_get(d, i));
		strncat(all, line, sizeof all - strlen(all) - 2);
		strcat(all, "\n");
	}
	assert_non_null(strstr(all, "bad.csv:3:2: error: class 5А has no lessons on 05.09.2026"));
	assert_non_null(strstr(all, "bad.csv:4:1: error: no pupil 'KG-9'"));
	assert_non_null(strstr(all, "bad.csv:5:4: error: mark '7' is not in the grading scheme"));
	assert_non_null(strstr(all, "bad.csv:6:2: error: class 6Б has no math lesson on 03.09.2026"));
	assert_non_null(strstr(all, "bad.csv:7:2: error: '3 сентября' is not a date"));
	assert_non_null(strstr(all, "bad.csv:8:3: error: no subject 'algebra'"));
	assert_int_equal(jt_count(g->f.db, "SELECT count(*) FROM marks"), 5);
	sch_diags_free(d);

	static const char NOCOL[] = "pupil,date,mark\nKG-1,2026-09-01,5\n";
	CT_OK(sch_diags_new(&d));
	CT_FAILS(sch_journal_import_marks(&info, g->j, jt_file(path, sizeof path, "nocol.csv", NOCOL, sizeof NOCOL - 1), d),
		 SCH_EINVALID, "the header needs the columns pupil, date, subject and mark");
	sch_diags_free(d);
}

static void test_journal_grid__topics_export(void **state)
{
	gfix *g = *state;
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	CT_OK(sch_journal_topic(g->j, &r, "Натуральные числа, шкалы"));
	CT_OK(sch_journal_homework_add(NULL, g->j, &r, "№ 12 \"а\"", "2026-09-03"));
	char csv[500], xlsx[500];
	CT_OK(sch_journal_export_topics(g->j, "math", "5А", 1, SCH_EXPORT_CSV, ct_path(csv, sizeof csv, "topics.csv")));
	CT_OK(sch_journal_export_topics(g->j, "math", NULL, 1, SCH_EXPORT_XLSX, ct_path(xlsx, sizeof xlsx, "topics.xlsx")));
	assert_true(file_size(xlsx) > 1000);
	FILE *fp = fopen(csv, "r");
	assert_non_null(fp);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_non_null(strstr(buf, "date,period,class,group,teacher,topic,homework\n"));
	assert_non_null(strstr(buf, "2026-09-01,2,5А,,Асанова Г.К.,\"Натуральные числа, шкалы\",\"№ 12 \"\"а\"\" (до 2026-09-03)\"\n"));
	assert_non_null(strstr(buf, "2026-09-03,2,5А,,Асанова Г.К.,,\n"));
	CT_FAILS(sch_journal_export_topics(g->j, "math", NULL, 5, SCH_EXPORT_CSV, csv), SCH_EINVALID, "quarter 5");
	CT_FAILS(sch_journal_export_topics(g->j, "math", NULL, 1, SCH_EXPORT_PDF, csv), SCH_EINVALID, "csv or xlsx");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_journal_grid__cells_and_averages, gsetup, gteardown),
		cmocka_unit_test_setup_teardown(test_journal_grid__import_marks, gsetup, gteardown),
		cmocka_unit_test_setup_teardown(test_journal_grid__topics_export, gsetup, gteardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
