/* Locked lessons: locking by slot, ambiguity and bad names, unlocking, and pins for a re-solve. */
#include "store_test.h"

static int teardown(void **state)
{
	(void)state;
	st_cleanup();
	return 0;
}

/* The lesson number `index` (0-based) of the line of class `cls` and `subject`. */
static int find_lesson(const sch_school *s, const char *cls, const char *subject, int index)
{
	int c = sch_school_find_class(s, cls), sub = sch_school_find_subject(s, subject);
	assert_true(c >= 0 && sub >= 0);
	for (int i = 0; i < s->n_lessons; i++) {
		const sch_lesson_def *l = &s->lessons[i];
		if (l->subject == sub && l->index == index && s->lines[l->line].classes[0] == c)
			return i;
	}
	fail_msg("no lesson %s %s %d", cls, subject, index);
	return -1;
}

enum { MON, TUE, WED, THU, FRI, SAT };

/* A timetable with known places for 5А (class 0):
 * math 1 tue bell 2; labor (double) wed bells 3-4; russian 1 and kyrgyz 1 both thu bell 1 (a clash);
 * english (split en1/en2) fri bell 3; math 5 sat bell 1. */
static sch_timetable *known_timetable(const sch_school *s)
{
	sch_timetable *tt = NULL;
	ST_OK(sch_timetable_new(&tt, s));
	ST_OK(sch_timetable_set(tt, find_lesson(s, "5А", "math", 0), TUE, 1));
	ST_OK(sch_timetable_set(tt, find_lesson(s, "5А", "labor", 0), WED, 2));
	ST_OK(sch_timetable_set(tt, find_lesson(s, "5А", "russian", 0), THU, 0));
	ST_OK(sch_timetable_set(tt, find_lesson(s, "5А", "kyrgyz", 0), THU, 0));
	ST_OK(sch_timetable_set(tt, find_lesson(s, "5А", "english", 0), FRI, 2));
	ST_OK(sch_timetable_set(tt, find_lesson(s, "5А", "math", 4), SAT, 0));
	return tt;
}

static int lock_count(sch_store *st)
{
	sch_store_lock_list list = {0};
	ST_OK(sch_store_locks(&list, st, NULL));
	int n = (int)list.count;
	sch_store_lock_list_dispose(&list);
	return n;
}

static int lock_at(sch_store *st, const char *cls, const char *teacher, const char *subject, int day, int period)
{
	sch_store_slot slot = SCH_STORE_SLOT_INIT;
	slot.class_id = cls;
	slot.teacher_id = teacher;
	slot.subject_id = subject;
	slot.day_code = day;
	slot.period = period;
	return sch_store_lock_slot(st, &slot, NULL);
}

static int unlock_at(sch_store *st, const char *cls, const char *teacher, const char *subject, int day, int period,
		     int *removed)
{
	sch_store_slot slot = SCH_STORE_SLOT_INIT;
	slot.class_id = cls;
	slot.teacher_id = teacher;
	slot.subject_id = subject;
	slot.day_code = day;
	slot.period = period;
	return sch_store_unlock_slot(removed, st, &slot);
}

static void test_store_locks__lock_by_slot(void **state)
{
	(void)state;
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params p = {.classes = 3};
	sch_school *s = st_school(&p);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));

	/* Nothing to lock before a version is saved. */
	assert_int_equal(lock_at(st, "5А", NULL, NULL, TUE, 1), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "no active version"));

	sch_timetable *tt = known_timetable(s);
	ST_OK(sch_store_save_timetable(NULL, st, tt, NULL));

	sch_store_slot slot = SCH_STORE_SLOT_INIT;
	slot.class_id = "5А";
	slot.day_code = TUE;
	slot.period = 1;
	sch_store_lock_list made = {0};
	ST_OK(sch_store_lock_slot(st, &slot, &made));
	assert_int_equal(made.count, 1);
	assert_string_equal(made.items[0].key, "5А|math|math1|1");
	assert_string_equal(made.items[0].label, "5А math math1");
	assert_int_equal(made.items[0].day_code, TUE);
	assert_int_equal(made.items[0].period, 1);
	assert_int_equal(made.items[0].from_version, 1);
	assert_int_equal(made.items[0].lesson, find_lesson(s, "5А", "math", 0));
	sch_store_lock_list_dispose(&made);

	/* The second bell of a double lesson locks the lesson at its start. */
	ST_OK(lock_at(st, "5А", NULL, NULL, WED, 3));
	/* Locking the same lesson twice keeps one lock. */
	ST_OK(lock_at(st, "5А", NULL, "math", TUE, 1));
	assert_int_equal(lock_count(st), 2);

	/* No lesson there: a clear error, nothing written. */
	assert_int_equal(lock_at(st, "5А", NULL, NULL, MON, 0), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "no lesson of class 5А on mon at bell 1"));
	assert_int_equal(lock_at(st, "6А", NULL, NULL, TUE, 1), SCH_ENOTFOUND);
	/* A slot outside the week. */
	assert_int_equal(lock_at(st, "5А", NULL, NULL, 6, 0), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "sun is not a school day (the school works mon to sat)"));
	assert_int_equal(lock_at(st, "5А", NULL, NULL, -1, 0), SCH_EINVALID);
	assert_int_equal(lock_at(st, "5А", NULL, NULL, TUE, 12), SCH_EINVALID);

	/* Two lessons there: refused until the subject or teacher decides. */
	assert_int_equal(lock_at(st, "5А", NULL, NULL, THU, 0), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "russian"));
	assert_non_null(strstr(sch_error_last()->message, "kyrgyz"));
	assert_int_equal(lock_count(st), 2);
	ST_OK(lock_at(st, "5А", NULL, "kyrgyz", THU, 0));
	ST_OK(lock_at(st, NULL, "russian1", NULL, THU, 0));

	/* A teacher alone names the slot too, by id or by name; a split lesson is one lesson. */
	ST_OK(lock_at(st, NULL, "en1b", NULL, FRI, 2));
	ST_OK(lock_at(st, NULL, "Смит 1", NULL, FRI, 2));
	assert_int_equal(lock_count(st), 5);

	/* Unknown names suggest the nearest. */
	assert_int_equal(lock_at(st, "5a", NULL, NULL, TUE, 1), SCH_ENOTFOUND); /* Latin a */
	assert_non_null(strstr(sch_error_last()->message, "did you mean 5А?"));
	assert_int_equal(lock_at(st, "5А", "mth1", NULL, TUE, 1), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "did you mean math1?"));
	assert_int_equal(lock_at(st, "5А", NULL, "matematika", TUE, 1), SCH_ENOTFOUND);
	assert_int_equal(lock_at(st, NULL, NULL, "math", TUE, 1), SCH_EINVALID);
	assert_int_equal(lock_count(st), 5);

	sch_store_close(st);
	ST_OK(sch_store_open(&st, db, 0));
	sch_store_lock_list list = {0};
	ST_OK(sch_store_locks(&list, st, s));
	assert_int_equal(list.count, 5);
	for (size_t i = 0; i < list.count; i++) {
		assert_true(list.items[i].lesson >= 0);
		assert_int_equal(list.items[i].day, list.items[i].day_code);
		assert_true(list.items[i].created_at[0] != '\0');
	}
	/* Sorted by day and bell: tue math first. */
	assert_int_equal(list.items[0].day_code, TUE);
	assert_int_equal(list.items[1].day_code, WED);
	assert_int_equal(list.items[1].period, 2);
	sch_store_lock_list_dispose(&list);

	sch_timetable_free(tt);
	sch_school_free(s);
	sch_store_close(st);
}

static void test_store_locks__unlock(void **state)
{
	(void)state;
	char db[300];
	int removed = -1;
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params p = {.classes = 3};
	sch_school *s = st_school(&p);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));
	sch_timetable *tt = known_timetable(s);
	ST_OK(sch_store_save_timetable(NULL, st, tt, NULL));
	ST_OK(lock_at(st, "5А", NULL, NULL, TUE, 1));
	ST_OK(lock_at(st, "5А", NULL, NULL, WED, 2));
	ST_OK(lock_at(st, "5А", NULL, "russian", THU, 0));
	ST_OK(lock_at(st, "5А", NULL, "kyrgyz", THU, 0));

	ST_OK(unlock_at(st, "5А", NULL, NULL, TUE, 1, &removed));
	assert_int_equal(removed, 1);
	assert_int_equal(unlock_at(st, "5А", NULL, NULL, TUE, 1, &removed), SCH_ENOTFOUND);
	assert_non_null(strstr(sch_error_last()->message, "no locked lesson of class 5А on tue at bell 2"));
	/* Any bell of a double lesson names it. */
	ST_OK(unlock_at(st, "5А", NULL, NULL, WED, 3, &removed));
	assert_int_equal(removed, 1);
	/* Without the subject both locks at thu 1 go. */
	ST_OK(unlock_at(st, "5А", NULL, NULL, THU, 0, &removed));
	assert_int_equal(removed, 2);
	assert_int_equal(lock_count(st), 0);
	assert_int_equal(unlock_at(st, "5Я", NULL, NULL, THU, 0, &removed), SCH_ENOTFOUND);

	/* By lesson, and all at once. */
	int l = find_lesson(s, "6А", "history", 1);
	ST_OK(sch_store_lock_lesson(st, s, l, SAT, 4));
	ST_OK(sch_store_lock_lesson(st, s, find_lesson(s, "6А", "history", 0), MON, 3));
	assert_int_equal(lock_count(st), 2);
	ST_OK(sch_store_unlock_lesson(st, s, l));
	assert_int_equal(sch_store_unlock_lesson(st, s, l), SCH_ENOTFOUND);
	assert_int_equal(sch_store_lock_lesson(st, s, l, 7, 0), SCH_EINVALID);
	assert_int_equal(sch_store_lock_lesson(st, s, s->n_lessons, 0, 0), SCH_EINVALID);
	ST_OK(lock_at(st, "5А", NULL, NULL, TUE, 1));
	ST_OK(sch_store_unlock_all(&removed, st));
	assert_int_equal(removed, 2);
	assert_int_equal(lock_count(st), 0);
	ST_OK(sch_store_unlock_all(&removed, st));
	assert_int_equal(removed, 0);

	sch_timetable_free(tt);
	sch_school_free(s);
	sch_store_close(st);
}

static void test_store_locks__pins_for_solving(void **state)
{
	(void)state;
	char db[300];
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params pa = {.classes = 3}, pb = {.classes = 3, .variant = 1};
	sch_school *a = st_school(&pa);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));
	sch_timetable *tt = known_timetable(a);
	ST_OK(sch_store_save_timetable(NULL, st, tt, NULL));
	ST_OK(lock_at(st, "5А", NULL, NULL, TUE, 1));  /* math 1 */
	ST_OK(lock_at(st, "5А", NULL, NULL, WED, 2));  /* labor double */
	ST_OK(lock_at(st, "5А", NULL, NULL, SAT, 0));  /* math 5 */

	/* A fresh copy of the school gets the three lessons pinned. */
	sch_school *fresh = st_school(&pa);
	sch_diags *diags = NULL;
	int pinned = -1;
	ST_OK(sch_diags_new(&diags));
	ST_OK(sch_store_pin_locks(fresh, st, diags, &pinned));
	assert_int_equal(pinned, 3);
	assert_int_equal(sch_diags_count(diags), 0);
	assert_int_equal(fresh->lessons[find_lesson(fresh, "5А", "math", 0)].pinned, sch_slot(fresh, TUE, 1));
	assert_int_equal(fresh->lessons[find_lesson(fresh, "5А", "labor", 0)].pinned, sch_slot(fresh, WED, 2));
	assert_int_equal(fresh->lessons[find_lesson(fresh, "5А", "math", 4)].pinned, sch_slot(fresh, SAT, 0));
	assert_int_equal(fresh->lessons[find_lesson(fresh, "5А", "math", 1)].pinned, -1);
	sch_diags_free(diags);
	sch_school_free(fresh);

	/* After a re-import with four math lessons for 5А, the lock of the fifth is kept but
	 * skipped with a warning; the others still pin. */
	sch_school *b = st_school(&pb);
	ST_OK(sch_store_import_school(st, b, NULL));
	ST_OK(sch_diags_new(&diags));
	ST_OK(sch_store_pin_locks(b, st, diags, &pinned));
	assert_int_equal(pinned, 2);
	assert_int_equal(sch_diags_count(diags), 1);
	assert_int_equal(sch_diags_get(diags, 0)->severity, SCH_DIAG_WARNING);
	assert_non_null(strstr(sch_diags_get(diags, 0)->message, "5А math math1"));
	assert_non_null(strstr(sch_diags_get(diags, 0)->message, "no such lesson"));
	sch_diags_free(diags);
	assert_int_equal(lock_count(st), 3);

	/* The active version is now stale, yet its lessons can still be locked by slot. */
	ST_OK(lock_at(st, "5А", NULL, "english", FRI, 2));
	assert_int_equal(lock_count(st), 4);

	sch_timetable_free(tt);
	sch_school_free(a);
	sch_school_free(b);
	sch_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_store_locks__lock_by_slot, teardown),
		cmocka_unit_test_teardown(test_store_locks__unlock, teardown),
		cmocka_unit_test_teardown(test_store_locks__pins_for_solving, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
