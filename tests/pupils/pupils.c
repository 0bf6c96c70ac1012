/* Pupils: add, edit, find, groups checked against the school, parents, expel, reactivate, transfer, class teachers, audit rows. */
#include "../journal/journal_test.h"

static void test_pupils_pupils__add_list_find(void **state)
{
	jfix *f = *state;
	sch_pupil_list l = {0};
	CT_OK(sch_pupils_list(&l, f->st, "5А", 0));
	assert_int_equal(l.count, 3);
	assert_string_equal(l.items[0].last_name, "Асанов");
	assert_int_equal(l.items[0].n_groups, 1);
	assert_string_equal(l.items[0].groups[0].division, "foreign");
	assert_string_equal(l.items[0].groups[0].group, "en1");
	assert_string_equal(l.items[0].external_id, "KG-1");
	assert_string_equal(l.items[2].external_id, "");
	sch_pupil_list_dispose(&l);
	CT_OK(sch_pupils_list(&l, f->st, NULL, 0));
	assert_int_equal(l.count, 4);
	sch_pupil_list_dispose(&l);

	int64_t id;
	CT_OK(sch_pupil_find(&id, f->st, "KG-2", NULL));
	assert_int_equal(id, f->p[2]);
	CT_OK(sch_pupil_find(&id, f->st, "Токтогулова", NULL));
	assert_int_equal(id, f->p[3]);
	CT_OK(sch_pupil_find(&id, f->st, "Асанов Бакыт", "5А"));
	assert_int_equal(id, f->p[1]);
	CT_OK(sch_pupil_find(&id, f->st, "#4", NULL));
	assert_int_equal(id, f->p[4]);
	CT_FAILS(sch_pupil_find(&id, f->st, "Асанов Бакыт", "6Б"), SCH_ENOTFOUND, "no pupil 'Асанов Бакыт' in class 6Б");
	CT_FAILS(sch_pupil_find(&id, f->st, "Асанав", NULL), SCH_ENOTFOUND, "did you mean 'Асанов Бакыт'");
	CT_FAILS(sch_pupil_find(&id, f->st, "#99", NULL), SCH_ENOTFOUND, "no pupil #99");
	CT_FAILS(sch_pupil_find(&id, f->st, "#4", "5А"), SCH_EINVALID, "is in class 6Б, not 5А");
	jt_add(f, "6Б", "Асанов", "Нурлан", NULL, NULL);
	CT_FAILS(sch_pupil_find(&id, f->st, "Асанов", NULL), SCH_EINVALID, "fits 2 pupils");
}

static void test_pupils_pupils__bad_input_writes_nothing(void **state)
{
	jfix *f = *state;
	long long before = jt_count(f->db, "SELECT count(*) FROM pupils");
	long long audit = jt_count(f->db, "SELECT count(*) FROM audit");
	sch_pupil_input in = SCH_PUPIL_INPUT_INIT;
	in.class_id = "5В";
	in.last_name = "Ким";
	in.first_name = "Олег";
	CT_FAILS(sch_pupil_add(NULL, f->st, f->s, &in, NULL), SCH_ENOTFOUND, "no class '5В' in the school; did you mean");
	in.class_id = "5А";
	in.first_name = "";
	CT_FAILS(sch_pupil_add(NULL, f->st, f->s, &in, NULL), SCH_EINVALID, "no first name");
	in.first_name = "Олег";
	in.birth_date = "31.02.2015";
	CT_FAILS(sch_pupil_add(NULL, f->st, f->s, &in, NULL), SCH_EINVALID, "birth date: '31.02.2015' is not a date");
	in.birth_date = "1900-01-01";
	CT_FAILS(sch_pupil_add(NULL, f->st, f->s, &in, NULL), SCH_EINVALID, "not a pupil's birth date");
	in.birth_date = NULL;
	in.external_id = "KG-1";
	CT_FAILS(sch_pupil_add(NULL, f->st, f->s, &in, NULL), SCH_EEXISTS, "external id KG-1 is taken by pupil #1 Асанов");
	in.external_id = NULL;
	sch_pupil_group g = {"foreign", "en3"};
	in.groups = &g;
	in.n_groups = 1;
	CT_FAILS(sch_pupil_add(NULL, f->st, f->s, &in, NULL), SCH_EINVALID, "has no group 'en3' (its groups: en1, en2)");
	g.division = "sport";
	CT_FAILS(sch_pupil_add(NULL, f->st, f->s, &in, NULL), SCH_EINVALID, "class 5А has no division 'sport' (its divisions: foreign)");
	in.class_id = "6Б";
	g.division = "foreign";
	CT_FAILS(sch_pupil_add(NULL, f->st, f->s, &in, NULL), SCH_EINVALID, "class 6Б has no divisions into groups");
	CT_FAILS(sch_pupil_set_group(f->st, f->s, f->p[1], "foreign", "en9", NULL), SCH_EINVALID, "no group 'en9'");
	CT_FAILS(sch_pupil_expel(f->st, f->p[1], "вчера", "", NULL), SCH_EINVALID, "'вчера' is not a date");
	CT_FAILS(sch_pupil_reactivate(f->st, f->s, f->p[1], "2026-10-01", "", NULL), SCH_EINVALID, "is active, not expelled");
	CT_FAILS(sch_pupil_transfer(f->st, f->s, f->p[1], "5А", "2026-10-01", NULL, 0, "", NULL), SCH_EINVALID,
		 "is in class 5А already");
	CT_FAILS(sch_pupil_transfer(f->st, f->s, 99, "6Б", "2026-10-01", NULL, 0, "", NULL), SCH_ENOTFOUND, "no pupil #99");
	CT_FAILS(sch_class_teacher_set(f->st, f->s, "5А", "nobody", NULL), SCH_ENOTFOUND, "no teacher 'nobody'");
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM pupils"), before);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM audit"), audit);
}

static void test_pupils_pupils__edit_groups_parents(void **state)
{
	jfix *f = *state;
	sch_pupil_input in = SCH_PUPIL_INPUT_INIT;
	sch_parent par = {"Асанова Айгуль", "мать", "+996 555 000111", NULL};
	in.middle_name = "Эрланович";
	in.birth_date = "12.03.2015";
	in.parents = &par;
	in.n_parents = 1;
	CT_OK(sch_pupil_edit(f->st, f->s, f->p[1], &in, "teacher1"));
	CT_OK(sch_pupil_set_group(f->st, f->s, f->p[3], "foreign", "en2", NULL));
	par.phone = "+996 700 222333";
	CT_OK(sch_pupil_set_parent(f->st, f->p[1], &par, NULL));
	sch_pupil_list l = {0};
	CT_OK(sch_pupil_get(&l, f->st, f->p[1]));
	assert_string_equal(l.items[0].middle_name, "Эрланович");
	assert_string_equal(l.items[0].birth_date, "2015-03-12");
	assert_int_equal(l.items[0].n_parents, 1);
	assert_string_equal(l.items[0].parents[0].phone, "+996 700 222333");
	assert_string_equal(l.items[0].parents[0].relation, "мать");
	sch_pupil_list_dispose(&l);
	CT_OK(sch_pupil_get(&l, f->st, f->p[3]));
	assert_string_equal(l.items[0].groups[0].group, "en2");
	sch_pupil_list_dispose(&l);
	/* Audit: who and old -> new. */
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM audit WHERE entity = 'pupil' AND field = 'middle_name' AND "
					 "new = 'Эрланович' AND old IS NULL AND by = 'teacher1'"),
			 1);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM audit WHERE entity = 'parent' AND old LIKE '%555 000111%' "
					 "AND new LIKE '%700 222333%'"),
			 1);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM audit WHERE entity = 'group' AND pupil = 3 AND new = 'en2'"), 1);
}

static void test_pupils_pupils__expel_reactivate_transfer(void **state)
{
	jfix *f = *state;
	CT_OK(sch_pupil_expel(f->st, f->p[2], "2026-09-20", "переезд в Ош", NULL));
	CT_FAILS(sch_pupil_expel(f->st, f->p[2], "2026-09-21", "", NULL), SCH_EINVALID, "expelled already");
	sch_pupil_list l = {0};
	CT_OK(sch_pupils_list(&l, f->st, "5А", 0));
	assert_int_equal(l.count, 2);
	sch_pupil_list_dispose(&l);
	CT_OK(sch_pupils_list(&l, f->st, "5А", SCH_PUPILS_ONLY_EXPELLED));
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].left_on, "2026-09-20");
	assert_string_equal(l.items[0].left_reason, "переезд в Ош");
	sch_pupil_list_dispose(&l);
	CT_FAILS(sch_pupil_transfer(f->st, f->s, f->p[2], "6Б", "2026-09-25", NULL, 0, "", NULL), SCH_EINVALID,
		 "expelled: reactivate them first");
	CT_OK(sch_pupil_reactivate(f->st, f->s, f->p[2], "2026-10-01", "вернулась", NULL));
	CT_OK(sch_pupils_list(&l, f->st, "5А", 0));
	assert_int_equal(l.count, 3);
	sch_pupil_list_dispose(&l);
	/* Transfer 5А -> 6Б: 6Б has no division foreign, so the group goes. */
	CT_OK(sch_pupil_transfer(f->st, f->s, f->p[1], "6Б", "2026-10-05", NULL, 0, "по заявлению", NULL));
	CT_OK(sch_pupil_get(&l, f->st, f->p[1]));
	assert_string_equal(l.items[0].class_id, "6Б");
	assert_int_equal(l.items[0].n_groups, 0);
	sch_pupil_list_dispose(&l);
	/* ... and back with a new group given. */
	sch_pupil_group g = {"foreign", "en2"};
	CT_OK(sch_pupil_transfer(f->st, f->s, f->p[1], "5А", "2026-10-12", &g, 1, "", NULL));
	CT_OK(sch_pupil_get(&l, f->st, f->p[1]));
	assert_string_equal(l.items[0].groups[0].group, "en2");
	sch_pupil_list_dispose(&l);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM pupil_moves"), 4);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM pupil_moves WHERE kind = 'transfer' AND from_class = '5А' "
					 "AND to_class = '6Б' AND on_date = '2026-10-05'"),
			 1);
}

static void test_pupils_pupils__class_teachers(void **state)
{
	jfix *f = *state;
	CT_OK(sch_class_teacher_set(f->st, f->s, "5А", "petrova", NULL));
	CT_OK(sch_class_teacher_set(f->st, f->s, "6Б", "Петрова А.И.", NULL)); /* by full name */
	sch_class_teacher_list l = {0};
	CT_OK(sch_class_teachers(&l, f->st, "petrova"));
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0].class_id, "5А");
	assert_string_equal(l.items[1].class_id, "6Б");
	sch_class_teacher_list_dispose(&l);
	CT_OK(sch_class_teacher_set(f->st, f->s, "6Б", "asanova", NULL));
	CT_OK(sch_class_teachers(&l, f->st, "petrova"));
	assert_int_equal(l.count, 1);
	sch_class_teacher_list_dispose(&l);
	CT_OK(sch_class_teacher_set(f->st, f->s, "5А", NULL, NULL));
	CT_OK(sch_class_teachers(&l, f->st, NULL));
	assert_int_equal(l.count, 1);
	sch_class_teacher_list_dispose(&l);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM audit WHERE entity = 'class_teacher' AND field = '6Б' AND "
					 "old = 'petrova' AND new = 'asanova'"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pupils_pupils__add_list_find, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_pupils_pupils__bad_input_writes_nothing, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_pupils_pupils__edit_groups_parents, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_pupils_pupils__expel_reactivate_transfer, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_pupils_pupils__class_teachers, jt_setup, jt_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
