/* Grading schemes are data: the new standard's no marks (1-3), points (4-6) and criteria (7-12) fit without code; bad specs refused. */
#include "journal_test.h"

static void test_journal_schemes__default_marks5(void **state)
{
	jfix *f = *state;
	char *values = NULL, id[65];
	for (int g = 1; g <= 12; g++) {
		CT_OK(sch_journal_scheme_values(&values, id, f->st, g));
		assert_string_equal(id, "marks5");
		assert_string_equal(values, "5, 4, 3, 2");
		sch_free(values);
	}
}

static void test_journal_schemes__new_standard_by_data(void **state)
{
	jfix *f = *state;
	CT_OK(sch_grading_scheme_set(f->st, "none", "none", "{\"values\": []}", NULL));
	CT_OK(sch_grading_scheme_set(f->st, "points10", "points",
				     "{\"values\": [{\"value\": \"10\", \"score\": 10}, {\"value\": \"9\", \"score\": 9}, "
				     "{\"value\": \"8\", \"score\": 8}, {\"value\": \"7\", \"score\": 7}, {\"value\": \"6\", \"score\": 6}, "
				     "{\"value\": \"5\", \"score\": 5}, {\"value\": \"4\", \"score\": 4}, {\"value\": \"3\", \"score\": 3}, "
				     "{\"value\": \"2\", \"score\": 2}, {\"value\": \"1\", \"score\": 1}]}",
				     NULL));
	CT_OK(sch_grading_scheme_set(f->st, "criteria", "criteria",
				     "{\"values\": [{\"value\": \"A\", \"score\": 5, \"label\": \"высокий\"}, "
				     "{\"value\": \"B\", \"score\": 4}, {\"value\": \"C\", \"score\": 3}, {\"value\": \"D\", \"score\": 2}, "
				     "{\"value\": \"зачёт\", \"score\": null}]}",
				     NULL));
	CT_OK(sch_grading_band_set(f->st, 1, 3, "none", NULL));
	CT_OK(sch_grading_band_set(f->st, 4, 5, "points10", NULL));
	CT_OK(sch_grading_band_set(f->st, 6, 12, "criteria", NULL));
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM grading_bands"), 3);
	char *values = NULL, id[65];
	CT_OK(sch_journal_scheme_values(&values, id, f->st, 2));
	assert_string_equal(id, "none");
	assert_string_equal(values, "");
	sch_free(values);
	CT_OK(sch_journal_scheme_values(&values, id, f->st, 7));
	assert_string_equal(values, "A, B, C, D, зачёт");
	sch_free(values);

	/* The journal takes them: 5А is grade 5 (points), 6Б grade 6 (criteria). */
	sch_journal *j = NULL;
	CT_OK(sch_journal_open(&j, f->st, NULL));
	sch_journal_ref r5 = jt_ref("5А", "math", "2026-09-01");
	CT_OK(sch_journal_mark(j, &r5, f->p[1], "9", NULL));
	CT_FAILS(sch_journal_mark(j, &r5, f->p[1], "A", NULL), SCH_EINVALID,
		 "mark 'A' is not in the grading scheme of grade 5 (points10: 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)");
	sch_journal_ref r6 = jt_ref("6Б", "math", "2026-09-02");
	CT_OK(sch_journal_mark(j, &r6, f->p[4], "B", NULL));
	CT_OK(sch_journal_mark(j, &r6, f->p[4], "зачёт", "зачёт"));
	CT_FAILS(sch_journal_mark(j, &r6, f->p[4], "9", NULL), SCH_EINVALID, "(criteria: A, B, C, D, зачёт)");
	sch_journal_free(j);
	/* Grade 5 without marks. */
	CT_OK(sch_grading_band_set(f->st, 5, 5, "none", NULL));
	CT_OK(sch_journal_open(&j, f->st, NULL));
	CT_FAILS(sch_journal_mark(j, &r5, f->p[2], "5", NULL), SCH_EINVALID, "grade 5 gets no marks (grading scheme 'none' of kind none)");
	CT_OK(sch_journal_attend(j, &r5, f->p[2], SCH_ATTEND_ABSENT)); /* attendance still is kept */
	sch_journal_free(j);
}

static void test_journal_schemes__bad_specs(void **state)
{
	jfix *f = *state;
	long long before = jt_count(f->db, "SELECT count(*) FROM grading_schemes");
	CT_FAILS(sch_grading_scheme_set(f->st, "x", "stars", "{\"values\": []}", NULL), SCH_EINVALID, "kind 'stars'");
	CT_FAILS(sch_grading_scheme_set(f->st, "x", "marks", "{values: [}", NULL), SCH_EINVALID, "the spec is not JSON");
	CT_FAILS(sch_grading_scheme_set(f->st, "x", "marks", "{\"list\": []}", NULL), SCH_EINVALID, "needs \"values\"");
	CT_FAILS(sch_grading_scheme_set(f->st, "x", "marks", "{\"values\": [{\"score\": 5}]}", NULL), SCH_EINVALID,
		 "each value needs \"value\" (text)");
	CT_FAILS(sch_grading_scheme_set(f->st, "x", "marks", "{\"values\": [{\"value\": \"5\", \"score\": \"five\"}]}", NULL),
		 SCH_EINVALID, "a numeric \"score\"");
	CT_FAILS(sch_grading_scheme_set(f->st, "x", "marks",
					"{\"values\": [{\"value\": \"5\", \"score\": 5}, {\"value\": \"5\", \"score\": 4}]}", NULL),
		 SCH_EINVALID, "a value is given twice");
	CT_FAILS(sch_grading_scheme_set(f->st, "x", "marks", "{\"values\": []}", NULL), SCH_EINVALID, "need some");
	CT_FAILS(sch_grading_scheme_set(f->st, "x", "none", "{\"values\": [{\"value\": \"5\", \"score\": 5}]}", NULL),
		 SCH_EINVALID, "kind none has no values");
	CT_FAILS(sch_grading_band_set(f->st, 0, 3, "marks5", NULL), SCH_EINVALID, "a range within 1-12");
	CT_FAILS(sch_grading_band_set(f->st, 5, 3, "marks5", NULL), SCH_EINVALID, "a range within 1-12");
	CT_FAILS(sch_grading_band_set(f->st, 1, 3, "nothing", NULL), SCH_ENOTFOUND, "no grading scheme 'nothing'");
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM grading_schemes"), before);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM grading_bands"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_journal_schemes__default_marks5, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_journal_schemes__new_standard_by_data, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_journal_schemes__bad_specs, jt_setup, jt_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
