/* Timetable versions: numbering, the active version, activation errors, costs from the verifier. */
#include "store_test.h"

static int teardown(void **state)
{
	(void)state;
	st_cleanup();
	return 0;
}

static int active_of(sch_store *st)
{
	int n = -1;
	ST_OK(sch_store_active(&n, st));
	return n;
}

static void test_store_versions__numbering_and_activation(void **state)
{
	(void)state;
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params p = {.classes = 3};
	sch_school *s = st_school(&p);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));
	assert_int_equal(active_of(st), 0);

	sch_timetable *tt[4];
	int num[4];
	for (int i = 0; i < 4; i++) {
		tt[i] = st_timetable(s, 100 + (unsigned)i);
		sch_store_save_options o = SCH_STORE_SAVE_OPTIONS_INIT;
		o.activate = i != 3; /* the last one is kept aside */
		o.hard = 0;
		o.soft = i;
		ST_OK(sch_store_save_timetable(&num[i], st, tt[i], &o));
		assert_int_equal(num[i], i + 1);
	}
	assert_int_equal(active_of(st), 3);

	/* The active version (0) is version 3. */
	sch_timetable *x = NULL;
	ST_OK(sch_store_load_timetable(&x, st, 0, s, NULL));
	st_assert_same(x, tt[2]);
	sch_timetable_free(x);

	ST_OK(sch_store_activate(st, 1));
	assert_int_equal(active_of(st), 1);
	ST_OK(sch_store_load_timetable(&x, st, 0, s, NULL));
	st_assert_same(x, tt[0]);
	sch_timetable_free(x);

	/* A version that does not exist: a clear error, and nothing changes. */
	assert_int_equal(sch_store_activate(st, 9), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "no version 9"));
	assert_non_null(strstr(sch_error_last()->message, "1 to 4"));
	assert_int_equal(sch_store_activate(st, -1), SCH_ENOTFOUND);
	assert_int_equal(sch_store_activate(st, 0), SCH_ENOTFOUND);
	assert_int_equal(active_of(st), 1);
	assert_int_equal(sch_store_load_timetable(&x, st, 9, s, NULL), SCH_ENOTFOUND);
	assert_null(x);

	sch_store_version_list list = {0};
	ST_OK(sch_store_versions(&list, st));
	assert_int_equal(list.count, 4);
	for (size_t i = 0; i < list.count; i++) {
		assert_int_equal(list.items[i].number, (int)i + 1);
		assert_int_equal(list.items[i].active, i == 0);
		assert_int_equal(list.items[i].soft, (int)i);
	}
	sch_store_version_list_dispose(&list);

	for (int i = 0; i < 4; i++)
		sch_timetable_free(tt[i]);
	sch_school_free(s);
	sch_store_close(st);
}

static void test_store_versions__cost_from_verifier(void **state)
{
	(void)state;
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params p = {.classes = 3};
	sch_school *s = st_school(&p);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));
	sch_timetable *tt = st_timetable(s, 5);
	ST_OK(sch_store_save_timetable(NULL, st, tt, NULL)); /* hard < 0 in the defaults: verify */

	sch_report *rep = NULL;
	ST_OK(sch_verify(&rep, tt, NULL));
	sch_store_version_list list = {0};
	ST_OK(sch_store_versions(&list, st));
	assert_int_equal(list.count, 1);
	assert_int_equal(list.items[0].hard, sch_report_hard(rep));
	assert_int_equal(list.items[0].soft, sch_report_soft(rep));
	assert_true(list.items[0].hard > 0); /* random placements break rules */
	assert_true(list.items[0].created_by[0] != '\0'); /* from the environment */
	sch_store_version_list_dispose(&list);
	sch_report_free(rep);

	/* Wrong options version: refused, nothing saved. */
	sch_store_save_options o = SCH_STORE_SAVE_OPTIONS_INIT;
	o.version = 99;
	assert_int_equal(sch_store_save_timetable(NULL, st, tt, &o), SCH_EINVALID);
	ST_OK(sch_store_versions(&list, st));
	assert_int_equal(list.count, 1);
	sch_store_version_list_dispose(&list);

	sch_timetable_free(tt);
	sch_school_free(s);
	sch_store_close(st);
}

static void test_store_versions__two_handles(void **state)
{
	(void)state;
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params p = {.classes = 2};
	sch_school *s = st_school(&p);
	sch_store *a = NULL, *b = NULL;
	ST_OK(sch_store_open(&a, db, SCH_STORE_CREATE));
	ST_OK(sch_store_open(&b, db, 0));
	sch_timetable *tt = st_timetable(s, 1);
	int n1 = 0, n2 = 0;
	ST_OK(sch_store_save_timetable(&n1, a, tt, NULL));
	ST_OK(sch_store_save_timetable(&n2, b, tt, NULL));
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 2);
	int act = 0;
	ST_OK(sch_store_active(&act, a));
	assert_int_equal(act, 2);
	sch_timetable_free(tt);
	sch_school_free(s);
	sch_store_close(a);
	sch_store_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_store_versions__numbering_and_activation, teardown),
		cmocka_unit_test_teardown(test_store_versions__cost_from_verifier, teardown),
		cmocka_unit_test_teardown(test_store_versions__two_handles, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
