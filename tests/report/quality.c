/* Reports on the hand-computed fixture: quality, attendance, homework, progress; files written and read back; bad input. */
#include <sys/stat.h>

#include "fixture.h"

static void suggest_q1(rf_db *f)
{
	sch_grades_info info;
	assert_int_equal(sch_grades_suggest(&info, f->st, "5А", NULL, 1, NULL), 0);
}

static void test_report_quality__class_by_subject(void **state)
{
	(void)state;
	rf_db f;
	sch_report_table *t = NULL;
	sch_report_options o = SCH_REPORT_OPTIONS_INIT;
	rf_open(&f, 1, 1);
	suggest_q1(&f);
	o.class_id = "5А";
	o.period = 1;
	assert_int_equal(sch_report_quality(&t, f.st, &o), 0);
	assert_string_equal(sch_report_table_kind(t), "quality");
	assert_non_null(strstr(sch_report_table_subtitle(t), "Школа-гимназия №5"));
	assert_non_null(strstr(sch_report_table_subtitle(t), "2026-2027"));
	assert_non_null(strstr(sch_report_table_subtitle(t), "I четверть"));
	assert_non_null(strstr(sch_report_table_footer(t), "Директор:"));
	assert_int_equal(sch_report_table_rows(t), 3);
	/* math: 5 4 3 3 and one without marks */
	assert_string_equal(rf_cell(t, "5А", "Математика", "pupils"), "5");
	assert_string_equal(rf_cell(t, "5А", "Математика", "n5"), "1");
	assert_string_equal(rf_cell(t, "5А", "Математика", "n4"), "1");
	assert_string_equal(rf_cell(t, "5А", "Математика", "n3"), "2");
	assert_string_equal(rf_cell(t, "5А", "Математика", "n2"), "0");
	assert_string_equal(rf_cell(t, "5А", "Математика", "ungraded"), "1");
	assert_string_equal(rf_cell(t, "5А", "Математика", "quality"), "40.0");
	assert_string_equal(rf_cell(t, "5А", "Математика", "success"), "80.0");
	assert_string_equal(rf_cell(t, "5А", "Математика", "average"), "3.75");
	/* russian: 5 5 4 3 4 */
	assert_string_equal(rf_cell(t, "5А", "Русский язык", "quality"), "80.0");
	assert_string_equal(rf_cell(t, "5А", "Русский язык", "success"), "100.0");
	assert_string_equal(rf_cell(t, "5А", "Русский язык", "average"), "4.20");
	/* the class: lowest grades 5 4 3 3 4; the average of all nine grades 36 / 9 */
	int r = sch_report_table_rows(t) - 1;
	assert_true(sch_report_table_total(t, r));
	assert_string_equal(rf_cell(t, "5А", "Все предметы", "n5"), "1");
	assert_string_equal(rf_cell(t, "5А", "Все предметы", "n4"), "2");
	assert_string_equal(rf_cell(t, "5А", "Все предметы", "n3"), "2");
	assert_string_equal(rf_cell(t, "5А", "Все предметы", "quality"), "60.0");
	assert_string_equal(rf_cell(t, "5А", "Все предметы", "success"), "100.0");
	assert_string_equal(rf_cell(t, "5А", "Все предметы", "average"), "4.00");
	sch_report_table_free(t);
	t = NULL;
	/* The teacher's grade counts: pupil 3's math 3 -> 4. */
	assert_int_equal(sch_grades_set(f.st, 3, "math", 1, "4", NULL), 0);
	assert_int_equal(sch_report_quality(&t, f.st, &o), 0);
	assert_string_equal(rf_cell(t, "5А", "Математика", "quality"), "60.0");
	assert_string_equal(rf_cell(t, "5А", "Математика", "average"), "4.00");
	sch_report_table_free(t);
	rf_close(&f);
}

static void test_report_quality__school_by_class(void **state)
{
	(void)state;
	rf_db f;
	sch_report_table *t = NULL;
	sch_report_options o = SCH_REPORT_OPTIONS_INIT;
	rf_open(&f, 1, 1);
	suggest_q1(&f);
	o.period = 1;
	assert_int_equal(sch_report_quality(&t, f.st, &o), 0);
	assert_string_equal(rf_cell(t, "5А", NULL, "quality"), "60.0");
	assert_string_equal(rf_cell(t, "5Б", NULL, "ungraded"), "1"); /* no suggestion made for 5Б */
	assert_string_equal(rf_cell(t, "Школа", NULL, "pupils"), "6");
	assert_string_equal(rf_cell(t, "Школа", NULL, "quality"), "50.0");
	assert_string_equal(rf_cell(t, "Школа", NULL, "success"), "83.3");
	sch_report_table_free(t);
	t = NULL;
	/* One subject over the school; the year has no grades yet. */
	o.subject_id = "russian";
	assert_int_equal(sch_report_quality(&t, f.st, &o), 0);
	assert_string_equal(rf_cell(t, "5А", NULL, "quality"), "80.0");
	sch_report_table_free(t);
	t = NULL;
	o.subject_id = NULL;
	o.period = SCH_PERIOD_YEAR;
	assert_int_equal(sch_report_quality(&t, f.st, &o), 0);
	assert_string_equal(rf_cell(t, "Школа", NULL, "ungraded"), "6");
	assert_string_equal(rf_cell(t, "Школа", NULL, "average"), "");
	sch_report_table_free(t);
	rf_close(&f);
}

static void test_report_quality__attendance_homework_progress(void **state)
{
	(void)state;
	rf_db f;
	sch_report_table *t = NULL;
	sch_report_options o = SCH_REPORT_OPTIONS_INIT;
	rf_open(&f, 1, 1);
	o.class_id = "5А";
	o.period = 1;
	assert_int_equal(sch_report_attendance(&t, f.st, &o), 0);
	assert_string_equal(rf_cell(t, "Алиев Бакыт", NULL, "absent"), "2");
	assert_string_equal(rf_cell(t, "Алиев Бакыт", NULL, "excused"), "1");
	assert_string_equal(rf_cell(t, "Алиев Бакыт", NULL, "missed"), "3");
	assert_string_equal(rf_cell(t, "Алиев Бакыт", NULL, "math"), "2");
	assert_string_equal(rf_cell(t, "Алиев Бакыт", NULL, "russian"), "1");
	assert_string_equal(rf_cell(t, "Бекова Айгуль", NULL, "late"), "1");
	assert_string_equal(rf_cell(t, "Класс 5А", NULL, "absent"), "3");
	assert_string_equal(rf_cell(t, "Класс 5А", NULL, "excused"), "1");
	assert_string_equal(rf_cell(t, "Класс 5А", NULL, "late"), "1");
	assert_string_equal(rf_cell(t, "Класс 5А", NULL, "missed"), "4");
	assert_int_equal(sch_report_table_rows(t), 6); /* five active pupils and the class */
	sch_report_table_free(t);
	t = NULL;
	o.period = 2;
	assert_int_equal(sch_report_attendance(&t, f.st, &o), 0);
	assert_string_equal(rf_cell(t, "Класс 5А", NULL, "missed"), "0");
	sch_report_table_free(t);
	t = NULL;

	o.class_id = NULL;
	assert_int_equal(sch_report_homework(&t, f.st, &o), 0);
	assert_string_equal(rf_cell(t, "Математика", "5А", "q1"), "3");
	assert_string_equal(rf_cell(t, "Математика", "5А", "q2"), "1");
	assert_string_equal(rf_cell(t, "Математика", "5А", "year"), "4");
	assert_string_equal(rf_cell(t, "Русский язык", "5А", "q1"), "2");
	assert_string_equal(rf_cell(t, "Математика", "5Б", "year"), "1");
	assert_string_equal(rf_cell(t, "Всего", NULL, "year"), "7");
	sch_report_table_free(t);
	t = NULL;

	/* Progress needs the active timetable. */
	o.period = 1;
	assert_int_equal(sch_report_progress(&t, f.st, &o), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "no active timetable"));
	rf_close(&f);
}

static void test_report_quality__files(void **state)
{
	(void)state;
	rf_db f;
	sch_report_table *t = NULL;
	sch_report_options o = SCH_REPORT_OPTIONS_INIT;
	sch_export_options e = SCH_EXPORT_OPTIONS_INIT;
	char path[160], *text = NULL;
	struct stat sb;
	rf_open(&f, 1, 1);
	suggest_q1(&f);
	o.class_id = "5А";
	o.period = 1;
	assert_int_equal(sch_report_quality(&t, f.st, &o), 0);
	e.format = SCH_EXPORT_CSV;
	assert_int_equal(sch_report_table_to_string(&text, NULL, t, &e), 0);
	assert_non_null(strstr(text, "Класс,Предмет,Учащихся,«5»,«4»,«3»,«2»,н/а,\"Качество, %\""));
	assert_non_null(strstr(text, "5А,Математика,5,1,1,2,0,1,40.0,80.0,3.75\r\n"));
	sch_free(text);
	e.format = SCH_EXPORT_JSON;
	assert_int_equal(sch_report_table_to_string(&text, NULL, t, &e), 0);
	assert_non_null(strstr(text, "\"report\": \"quality\""));
	assert_non_null(strstr(text, "\"period\": \"q1\""));
	assert_non_null(strstr(text, "\"subject\": \"Математика\", \"pupils\": 5, \"n5\": 1"));
	assert_non_null(strstr(text, "\"average\": 4.00, \"total\": true}"));
	sch_free(text);
	e.format = SCH_EXPORT_XLSX;
	assert_int_equal(sch_report_table_to_string(&text, NULL, t, &e), SCH_EINVALID);
	static const int formats[4] = {SCH_EXPORT_XLSX, SCH_EXPORT_PDF, SCH_EXPORT_CSV, SCH_EXPORT_JSON};
	static const char *const ext[4] = {"xlsx", "pdf", "csv", "json"};
	for (int i = 0; i < 4; i++) {
		e.format = formats[i];
		snprintf(path, sizeof path, "%s/q.%s", f.dir, ext[i]);
		assert_int_equal(sch_report_table_write(t, &e, path), 0);
		assert_int_equal(stat(path, &sb), 0);
		assert_true(sb.st_size > 100);
		FILE *in = fopen(path, "rb");
		char head[5] = {0};
		assert_int_equal(fread(head, 1, 4, in), 4);
		fclose(in);
		if (i == 0)
			assert_memory_equal(head, "PK\x03\x04", 4);
		if (i == 1)
			assert_memory_equal(head, "%PDF", 4);
	}
	/* A directory that does not exist: an error, and no file. */
	e.format = SCH_EXPORT_XLSX;
	snprintf(path, sizeof path, "%s/no/such/q.xlsx", f.dir);
	assert_int_not_equal(sch_report_table_write(t, &e, path), 0);
	assert_int_not_equal(stat(path, &sb), 0);
	e.format = SCH_EXPORT_HTML;
	snprintf(path, sizeof path, "%s/q.html", f.dir);
	assert_int_equal(sch_report_table_write(t, &e, path), SCH_EINVALID);
	assert_int_not_equal(stat(path, &sb), 0);
	sch_report_table_free(t);
	rf_close(&f);
}

static void test_report_quality__bad_input(void **state)
{
	(void)state;
	rf_db f;
	sch_report_table *t = NULL;
	sch_report_options o = SCH_REPORT_OPTIONS_INIT;
	rf_open(&f, 1, 1);
	o.class_id = "5В";
	assert_int_equal(sch_report_quality(&t, f.st, &o), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "did you mean"));
	assert_null(t);
	o.class_id = "6А"; /* in the school, no pupils */
	assert_int_equal(sch_report_quality(&t, f.st, &o), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "has no pupils"));
	assert_int_equal(sch_report_attendance(&t, f.st, &o), SCH_EINVALID);
	o.class_id = "5А";
	o.period = 5;
	assert_int_equal(sch_report_quality(&t, f.st, &o), SCH_EINVALID);
	assert_int_equal(sch_report_attendance(&t, f.st, &o), SCH_EINVALID);
	o.period = 1;
	o.subject_id = "chemistry";
	assert_int_equal(sch_report_quality(&t, f.st, &o), SCH_ENOTFOUND);
	assert_null(t);
	rf_close(&f);
	/* No calendar: attendance, homework and progress need the quarters. */
	rf_open(&f, 0, 1);
	o.subject_id = NULL;
	assert_int_equal(sch_report_attendance(&t, f.st, &o), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "no calendar"));
	assert_int_equal(sch_report_homework(&t, f.st, &o), SCH_ENOTFOUND);
	assert_int_equal(sch_report_progress(&t, f.st, &o), SCH_ENOTFOUND);
	assert_null(t);
	rf_close(&f);
	/* No pupils at all. */
	rf_open(&f, 1, 0);
	o.class_id = NULL;
	assert_int_equal(sch_report_quality(&t, f.st, &o), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "no pupils"));
	rf_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_quality__class_by_subject),
		cmocka_unit_test(test_report_quality__school_by_class),
		cmocka_unit_test(test_report_quality__attendance_homework_progress),
		cmocka_unit_test(test_report_quality__files),
		cmocka_unit_test(test_report_quality__bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
