/* Final grades in a school database: suggestions from the fixture's marks, the teacher's grades, the year, locks, audit. */
#include "../report/fixture.h"

/* Pupil p's grade of math in period ("q1", "year"), as the grades table shows it ("" none). */
static const char *grade(sch_report_table **t, rf_db *f, const char *pupil_id, const char *period)
{
	sch_report_table_free(*t);
	*t = NULL;
	assert_int_equal(sch_report_grades(t, f->st, "5А", "math"), 0);
	for (int r = 0; r < sch_report_table_rows(*t); r++)
		if (strcmp(sch_report_table_cell(*t, r, 2), pupil_id) == 0)
			for (int c = 0; c < sch_report_table_cols(*t); c++)
				if (strcmp(sch_report_table_key(*t, c), period) == 0)
					return sch_report_table_cell(*t, r, c);
	fail_msg("no pupil %s", pupil_id);
	return NULL;
}

static void test_grades_suggest__from_marks_half_up(void **state)
{
	(void)state;
	rf_db f;
	sch_grades_info info;
	sch_report_table *t = NULL;
	rf_open(&f, 1, 1);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 1, "test"), 0);
	assert_int_equal(info.suggested, 4); /* pupil 5 has no marks; 6 is expelled */
	assert_int_equal(info.changed, 4);
	assert_int_equal(info.kept, 0);
	assert_int_equal(info.years, 0);
	assert_string_equal(grade(&t, &f, "1", "q1"), "5"); /* 5 5 4 */
	assert_string_equal(grade(&t, &f, "2", "q1"), "4"); /* 4 3: 3.5 */
	assert_string_equal(grade(&t, &f, "3", "q1"), "3"); /* 3 3 4: 3.33 */
	assert_string_equal(grade(&t, &f, "4", "q1"), "3"); /* 2 3: 2.5 */
	assert_string_equal(grade(&t, &f, "5", "q1"), "");
	assert_int_equal(sch_report_table_rows(t), 5);
	assert_string_equal(sch_report_table_cell(t, 0, 1), "Алиев Бакыт");
	/* Every value written is in the audit trail. */
	assert_int_equal(rf_int(&f, "SELECT count(*) FROM audit WHERE entity = 'final_grade' AND field = 'math:q1' "
				    "AND old IS NULL AND by = 'test'"),
			 4);
	/* Again: nothing changes. */
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 1, "test"), 0);
	assert_int_equal(info.changed, 0);
	assert_int_equal(rf_int(&f, "SELECT count(*) FROM audit"), 4);
	/* The subjects of the class. */
	char **subj = NULL;
	size_t n = 0;
	assert_int_equal(sch_grades_subjects(&subj, &n, f.st, "5А"), 0);
	assert_int_equal(n, 2);
	assert_string_equal(subj[0], "math");
	assert_string_equal(subj[1], "russian");
	assert_null(subj[2]);
	sch_free(subj);
	assert_int_equal(sch_grades_subjects(&subj, &n, f.st, "5В"), SCH_ENOTFOUND);
	assert_null(subj);
	sch_report_table_free(t);
	rf_close(&f);
}

static void test_grades_suggest__rule_point_six(void **state)
{
	(void)state;
	rf_db f;
	sch_grades_info info;
	sch_report_table *t = NULL;
	double r = 0;
	rf_open(&f, 1, 1);
	assert_int_equal(sch_grades_round_at(&r, f.st), 0);
	assert_true(r == 0.5);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", NULL, 1, NULL), 0);
	assert_int_equal(sch_grades_set_round_at(f.st, 0.6), 0);
	assert_int_equal(sch_grades_set_round_at(f.st, 0), SCH_EINVALID);
	assert_int_equal(sch_grades_round_at(&r, f.st), 0);
	assert_true(r == 0.6);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", NULL, 1, NULL), 0);
	assert_int_equal(info.changed, 3); /* math: pupils 2 and 4; russian: pupil 2 (4.5) */
	assert_string_equal(grade(&t, &f, "2", "q1"), "3"); /* 3.5 stays below 0.6 */
	assert_string_equal(grade(&t, &f, "4", "q1"), "2");
	assert_string_equal(grade(&t, &f, "1", "q1"), "5"); /* 4.67 */
	assert_int_equal(rf_int(&f, "SELECT count(*) FROM audit WHERE pupil = 2 AND field = 'math:q1' AND old = '4' "
				    "AND new = '3'"),
			 1);
	sch_report_table_free(t);
	rf_close(&f);
}

static void test_grades_suggest__teacher_grade_kept(void **state)
{
	(void)state;
	rf_db f;
	sch_grades_info info;
	sch_report_table *t = NULL;
	rf_open(&f, 1, 1);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 1, NULL), 0);
	assert_int_equal(sch_grades_set(f.st, 3, "math", 1, "4", "Асанова"), 0);
	assert_string_equal(grade(&t, &f, "3", "q1"), "4*");
	assert_int_equal(rf_int(&f, "SELECT count(*) FROM audit WHERE pupil = 3 AND old = '3' AND new = '4' "
				    "AND by = 'Асанова'"),
			 1);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 1, NULL), 0);
	assert_int_equal(info.kept, 1);
	assert_int_equal(info.changed, 0);
	assert_string_equal(grade(&t, &f, "3", "q1"), "4*");
	/* Back to the suggestion. */
	assert_int_equal(sch_grades_set(f.st, 3, "math", 1, NULL, NULL), 0);
	assert_string_equal(grade(&t, &f, "3", "q1"), "3");
	sch_report_table_free(t);
	rf_close(&f);
}

static void test_grades_suggest__annual_from_quarters(void **state)
{
	(void)state;
	rf_db f;
	sch_grades_info info;
	sch_report_table *t = NULL;
	rf_open(&f, 1, 1);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 1, NULL), 0);
	assert_int_equal(sch_grades_set(f.st, 1, "math", 2, "4", NULL), 0);
	assert_int_equal(sch_grades_set(f.st, 1, "math", 3, "4", NULL), 0);
	assert_string_equal(grade(&t, &f, "1", "year"), ""); /* three quarters: no annual grade yet */
	assert_int_equal(sch_grades_set(f.st, 1, "math", 4, "5", NULL), 0);
	assert_string_equal(grade(&t, &f, "1", "year"), "5"); /* 5 4 4 5: 4.5 */
	assert_int_equal(sch_grades_set_round_at(f.st, 0.6), 0);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 2, NULL), 0);
	assert_string_equal(grade(&t, &f, "1", "year"), "4"); /* 4.5 is below 0.6 */
	assert_int_equal(info.years, 1);
	/* The teacher's annual grade stands. */
	assert_int_equal(sch_grades_set(f.st, 1, "math", SCH_PERIOD_YEAR, "5", NULL), 0);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 0, NULL), 0);
	assert_string_equal(grade(&t, &f, "1", "year"), "5*");
	sch_report_table_free(t);
	rf_close(&f);
}

static void test_grades_suggest__closed_quarter_frozen(void **state)
{
	(void)state;
	rf_db f;
	sch_grades_info info;
	sch_report_table *t = NULL;
	rf_open(&f, 1, 1);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 1, NULL), 0);
	long long audit = rf_int(&f, "SELECT count(*) FROM audit");
	rf_exec(&f, "INSERT INTO quarter_locks(quarter) VALUES (1)");
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 1, NULL), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "quarter 1 is closed"));
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 0, NULL), SCH_EINVALID);
	assert_int_equal(sch_grades_set(f.st, 2, "math", 1, "5", NULL), SCH_EINVALID);
	assert_string_equal(grade(&t, &f, "2", "q1"), "4");
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", "math", 2, NULL), 0); /* other quarters go on */
	rf_exec(&f, "INSERT INTO quarter_locks(quarter) VALUES (4)");
	assert_int_equal(sch_grades_set(f.st, 2, "math", SCH_PERIOD_YEAR, "5", NULL), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "annual"));
	assert_int_equal(rf_int(&f, "SELECT count(*) FROM audit"), audit);
	sch_report_table_free(t);
	rf_close(&f);
}

static void test_grades_suggest__bad_input_writes_nothing(void **state)
{
	(void)state;
	rf_db f;
	sch_grades_info info;
	rf_open(&f, 1, 1);
	assert_int_equal(sch_grades_set(f.st, 2, "math", 1, "6", NULL), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "5, 4, 3, 2"));
	assert_int_equal(sch_grades_set(f.st, 99, "math", 1, "5", NULL), SCH_ENOTFOUND);
	assert_int_equal(sch_grades_set(f.st, 6, "math", 1, "5", NULL), SCH_EINVALID); /* expelled */
	assert_int_equal(sch_grades_set(f.st, 2, "maht", 1, "5", NULL), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "did you mean \"math\""));
	assert_int_equal(sch_grades_set(f.st, 2, "math", 5, "5", NULL), SCH_EINVALID);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5В", NULL, 1, NULL), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "did you mean"));
	assert_int_equal(sch_grades_suggest(&info, f.st, "6А", NULL, 1, NULL), SCH_EINVALID); /* no pupils */
	assert_non_null(strstr(sch_error_last()->message, "has no pupils"));
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", NULL, 5, NULL), SCH_EINVALID);
	assert_int_equal(rf_int(&f, "SELECT count(*) FROM final_grades"), 0);
	assert_int_equal(rf_int(&f, "SELECT count(*) FROM audit"), 0);
	rf_close(&f);
	/* No calendar: no quarters to take marks from. */
	rf_open(&f, 0, 1);
	assert_int_equal(sch_grades_suggest(&info, f.st, "5А", NULL, 1, NULL), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "no calendar"));
	rf_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grades_suggest__from_marks_half_up),
		cmocka_unit_test(test_grades_suggest__rule_point_six),
		cmocka_unit_test(test_grades_suggest__teacher_grade_kept),
		cmocka_unit_test(test_grades_suggest__annual_from_quarters),
		cmocka_unit_test(test_grades_suggest__closed_quarter_frozen),
		cmocka_unit_test(test_grades_suggest__bad_input_writes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
