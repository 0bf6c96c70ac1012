/* Marks and attendance: the dated lesson found and checked, pupils of the class or group only, the scheme's values, closed quarters, moves, audit. */
#include "journal_test.h"

typedef struct {
	jfix f;
	sch_journal *j;
} mfix;

static int msetup(void **state)
{
	jt_setup(state);
	mfix *m = realloc(*state, sizeof *m);
	assert_non_null(m);
	CT_OK(sch_journal_open(&m->j, m->f.st, "teacher1"));
	*state = m;
	return 0;
}

static int mteardown(void **state)
{
	mfix *m = *state;
	sch_journal_free(m->j);
	return jt_teardown(state);
}

static long long marks_of(const mfix *m, const char *where)
{
	char sql[400];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM marks WHERE %s", where);
	return jt_count(m->f.db, sql);
}

static void test_journal_marks__set_change_delete(void **state)
{
	mfix *m = *state;
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "5", NULL));
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "4", NULL));
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "4", NULL)); /* the same: nothing written */
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "5", "контрольная"));
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[2], "3", ""));
	assert_int_equal(marks_of(m, "1"), 3);
	assert_int_equal(marks_of(m, "pupil = 1 AND kind = '' AND value = '4' AND created_by = 'teacher1'"), 1);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM journal_lessons WHERE day = '2026-09-01' AND "
					   "subject = 'math' AND class = '5А' AND part = -1 AND period = 1 AND teacher = 'asanova'"),
			 1);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM audit WHERE entity = 'mark' AND pupil = 1 AND "
					   "field = 'value' AND old = '5' AND new = '4' AND by = 'teacher1'"),
			 1);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM audit WHERE entity = 'mark'"), 4);
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], NULL, NULL));
	assert_int_equal(marks_of(m, "pupil = 1"), 1);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM audit WHERE entity = 'mark' AND old = '4' AND new IS NULL"), 1);
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[1], NULL, NULL), SCH_ENOTFOUND, "has no mark on 2026-09-01 to delete");
	sch_audit_list al = {0};
	CT_OK(sch_journal_audit(&al, m->f.st, m->f.p[1], 2));
	assert_int_equal(al.count, 2);
	assert_string_equal(al.items[1].entity, "mark");
	assert_string_equal(al.items[1].old, "4");
	assert_null(al.items[1].new_value);
	assert_string_equal(al.items[1].day, "2026-09-01");
	assert_string_equal(al.items[1].subject, "math");
	assert_string_equal(al.items[1].by, "teacher1");
	sch_audit_list_dispose(&al);
	/* Bell given: the same lesson. */
	r.period = 2;
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[3], "2", NULL));
	r.period = 3;
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[3], "2", NULL), SCH_EINVALID, "class 5А has no math lesson at bell 3");
}

static void test_journal_marks__bad_input_writes_nothing(void **state)
{
	mfix *m = *state;
	long long audit = jt_count(m->f.db, "SELECT count(*) FROM audit");
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	/* A mark outside the scheme names the allowed values. */
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[1], "6", NULL), SCH_EINVALID,
		 "mark '6' is not in the grading scheme of grade 5 (marks5: 5, 4, 3, 2)");
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[1], "5+", NULL), SCH_EINVALID, "mark '5+'");
	/* A pupil of another class. */
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[4], "5", NULL), SCH_EINVALID,
		 "pupil #4 Петров Илья is in class 6Б, not in 5А of the math lesson on 2026-09-01");
	CT_FAILS(sch_journal_mark(m->j, &r, 99, "5", NULL), SCH_ENOTFOUND, "no pupil #99");
	/* A date without the lesson: a Saturday, a holiday, a day of other subjects, outside the year. */
	sch_journal_ref sat = jt_ref("5А", "math", "2026-09-05");
	CT_FAILS(sch_journal_mark(m->j, &sat, m->f.p[1], "5", NULL), SCH_EINVALID, "class 5А has no lessons on 05.09.2026");
	sch_journal_ref hol = jt_ref("5А", "math", "2026-09-16");
	CT_FAILS(sch_journal_mark(m->j, &hol, m->f.p[1], "5", NULL), SCH_EINVALID, "has no lessons on 16.09.2026");
	sch_journal_ref mon = jt_ref("5А", "math", "2026-09-07");
	CT_FAILS(sch_journal_mark(m->j, &mon, m->f.p[1], "5", NULL), SCH_EINVALID,
		 "class 5А has no math lesson on 07.09.2026 (its lessons that day: russian)");
	sch_journal_ref out = jt_ref("5А", "math", "2027-06-15");
	CT_FAILS(sch_journal_mark(m->j, &out, m->f.p[1], "5", NULL), SCH_EINVALID, "outside the school year");
	sch_journal_ref subj = jt_ref("5А", "maths", "2026-09-01");
	CT_FAILS(sch_journal_mark(m->j, &subj, m->f.p[1], "5", NULL), SCH_ENOTFOUND, "did you mean 'math'");
	sch_journal_ref cls = jt_ref("5Б", "math", "2026-09-01");
	CT_FAILS(sch_journal_mark(m->j, &cls, m->f.p[1], "5", NULL), SCH_ENOTFOUND, "no class '5Б'");
	CT_FAILS(sch_journal_attend(m->j, &r, m->f.p[1], 7), SCH_EINVALID, "attendance 7");
	assert_int_equal(marks_of(m, "1"), 0);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM journal_lessons"), 0);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM audit"), audit);
}

static void test_journal_marks__groups_and_joint_lessons(void **state)
{
	mfix *m = *state;
	/* Tuesday's English is split en1 / en2: each pupil's group picks the part. */
	sch_journal_ref r = jt_ref("5А", "english", "2026-09-01");
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "5", NULL));
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[2], "4", NULL));
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM journal_lessons WHERE subject = 'english' AND "
					   "division = 'foreign' AND ((grp = 'en1' AND teacher = 'smith' AND part = 0) OR "
					   "(grp = 'en2' AND teacher = 'petrova' AND part = 1))"),
			 2);
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[3], "5", NULL), SCH_EINVALID,
		 "pupil #3 Токтогулова Айпери has no group in division 'foreign' of class 5А");
	r.group = "en2";
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[1], "5", NULL), SCH_EINVALID, "is in group en1, not in group en2");
	/* A topic of a split lesson needs the group. */
	sch_journal_ref t = jt_ref("5А", "english", "2026-09-01");
	CT_FAILS(sch_journal_topic(m->j, &t, "Present Simple"), SCH_EINVALID,
		 "class 5А has 2 english lessons on 01.09.2026 (en1, en2): give the group (--group)");
	t.group = "en1";
	CT_OK(sch_journal_topic(m->j, &t, "Present Simple"));
	/* Wednesday's English is the en2 group's own lesson. */
	sch_journal_ref w = jt_ref("5А", "english", "2026-09-02");
	CT_OK(sch_journal_mark(m->j, &w, m->f.p[2], "5", NULL));
	CT_FAILS(sch_journal_mark(m->j, &w, m->f.p[1], "5", NULL), SCH_EINVALID,
		 "is in group en1, not in group en2 of the english lesson on 2026-09-02");
	/* Friday's PE is joint 5А + 6Б: one journal lesson for both classes. */
	sch_journal_ref pe = jt_ref("6Б", "pe", "2026-09-04");
	CT_OK(sch_journal_mark(m->j, &pe, m->f.p[4], "5", NULL));
	pe.class_id = "5А";
	CT_OK(sch_journal_attend(m->j, &pe, m->f.p[3], SCH_ATTEND_ABSENT));
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM journal_lessons WHERE subject = 'pe' AND class = '5А,6Б'"), 1);
}

static void test_journal_marks__attendance(void **state)
{
	mfix *m = *state;
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-03");
	assert_int_equal(sch_attend_parse("н"), SCH_ATTEND_ABSENT);
	assert_int_equal(sch_attend_parse("late"), SCH_ATTEND_LATE);
	assert_int_equal(sch_attend_parse("maybe"), -2);
	CT_OK(sch_journal_attend(m->j, &r, m->f.p[1], SCH_ATTEND_ABSENT));
	CT_OK(sch_journal_attend(m->j, &r, m->f.p[1], SCH_ATTEND_EXCUSED));
	CT_OK(sch_journal_attend(m->j, &r, m->f.p[2], SCH_ATTEND_LATE));
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM attendance WHERE status = 'excused' AND pupil = 1"), 1);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM audit WHERE entity = 'attendance' AND old = 'absent' AND "
					   "new = 'excused'"),
			 1);
	CT_OK(sch_journal_attend(m->j, &r, m->f.p[2], SCH_ATTEND_CLEAR));
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM attendance"), 1);
}

static void test_journal_marks__closed_quarter(void **state)
{
	mfix *m = *state;
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "5", NULL));
	CT_OK(sch_journal_close_quarter(m->j, 1));
	assert_int_equal(sch_journal_quarter_closed(m->j, 1), 1);
	assert_int_equal(sch_journal_quarter_closed(m->j, 2), 0);
	CT_FAILS(sch_journal_close_quarter(m->j, 1), SCH_EINVALID, "quarter 1 is closed already");
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[1], "4", NULL), SCH_EINVALID,
		 "quarter 1 is closed: 2026-09-01 cannot change (reopen it");
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[1], NULL, NULL), SCH_EINVALID, "quarter 1 is closed");
	CT_FAILS(sch_journal_attend(m->j, &r, m->f.p[2], SCH_ATTEND_ABSENT), SCH_EINVALID, "quarter 1 is closed");
	CT_FAILS(sch_journal_topic(m->j, &r, "Дроби"), SCH_EINVALID, "quarter 1 is closed");
	CT_FAILS(sch_journal_homework_add(NULL, m->j, &r, "№ 12", NULL), SCH_EINVALID, "quarter 1 is closed");
	/* Quarter 2 is open. */
	sch_journal_ref q2 = jt_ref("5А", "math", "2026-10-06");
	CT_OK(sch_journal_mark(m->j, &q2, m->f.p[1], "3", NULL));
	CT_FAILS(sch_journal_reopen_quarter(m->j, 2), SCH_EINVALID, "quarter 2 is not closed");
	CT_FAILS(sch_journal_close_quarter(m->j, 5), SCH_EINVALID, "quarter 5: 1-4 expected");
	CT_OK(sch_journal_reopen_quarter(m->j, 1));
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "4", NULL));
	assert_int_equal(marks_of(m, "pupil = 1 AND value = '4'"), 1);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM audit WHERE entity = 'quarter' AND entity_id = 1 AND "
					   "by = 'teacher1' AND ((old = 'open' AND new = 'closed') OR (old = 'closed' AND new = 'open'))"),
			 2);
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM quarter_locks"), 0);
}

static void test_journal_marks__expelled_and_transferred(void **state)
{
	mfix *m = *state;
	CT_OK(sch_pupil_expel(m->f.st, m->f.p[2], "2026-09-03", "переезд", NULL));
	sch_journal_ref before = jt_ref("5А", "math", "2026-09-01");
	sch_journal_ref after = jt_ref("5А", "math", "2026-09-03");
	CT_OK(sch_journal_mark(m->j, &before, m->f.p[2], "4", NULL));
	CT_FAILS(sch_journal_mark(m->j, &after, m->f.p[2], "4", NULL), SCH_EINVALID, "was expelled on 2026-09-03");
	/* Pupil 1 moves to 6Б on 2026-09-10: earlier 5А lessons still take their marks, later ones not. */
	CT_OK(sch_pupil_transfer(m->f.st, m->f.s, m->f.p[1], "6Б", "2026-09-10", NULL, 0, "", NULL));
	CT_OK(sch_journal_mark(m->j, &after, m->f.p[1], "5", NULL));
	sch_journal_ref later = jt_ref("5А", "math", "2026-09-15");
	CT_FAILS(sch_journal_mark(m->j, &later, m->f.p[1], "5", NULL), SCH_EINVALID, "is in class 6Б, not in 5А");
	sch_journal_ref six = jt_ref("6Б", "math", "2026-09-16"); /* a holiday */
	CT_FAILS(sch_journal_mark(m->j, &six, m->f.p[1], "5", NULL), SCH_EINVALID, "no lessons");
	six.date = D("2026-09-23");
	CT_OK(sch_journal_mark(m->j, &six, m->f.p[1], "5", NULL));
	/* The marks of an expelled pupil stay. */
	assert_int_equal(marks_of(m, "pupil = 2"), 1);
}

static void test_journal_marks__batch(void **state)
{
	mfix *m = *state;
	CT_OK(sch_journal_begin(m->j));
	CT_FAILS(sch_journal_begin(m->j), SCH_EINVALID, "a batch is open already");
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "5", NULL));
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[2], "4", NULL));
	sch_journal_rollback(m->j);
	assert_int_equal(marks_of(m, "1"), 0);
	CT_OK(sch_journal_begin(m->j));
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "5", NULL));
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[2], "4", NULL));
	CT_OK(sch_journal_commit(m->j));
	assert_int_equal(marks_of(m, "1"), 2);
	CT_FAILS(sch_journal_commit(m->j), SCH_EINVALID, "no batch is open");
}

static void test_journal_marks__cancelled_and_covered(void **state)
{
	mfix *m = *state;
	/* 5А math of Tue 2026-09-01 cancelled; Thu 09-03 math covered by petrova. */
	sch_day_change c[2] = {
		{.kind = SCH_CHANGE_CANCEL, .date = D("2026-09-01"), .lesson = TS_5A_MATH1, .part = -1},
		{.kind = SCH_CHANGE_COVER, .date = D("2026-09-03"), .lesson = TS_5A_MATH2, .part = 0, .teacher = TS_PETROVA},
	};
	CT_OK(sch_subst_record(m->f.st, m->f.s, NULL, c, 2, NULL, 0));
	sch_journal_free(m->j);
	CT_OK(sch_journal_open(&m->j, m->f.st, NULL));
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	CT_FAILS(sch_journal_mark(m->j, &r, m->f.p[1], "5", NULL), SCH_EINVALID,
		 "the math lesson of class 5А on 01.09.2026 was not given (cancelled");
	r.date = D("2026-09-03");
	CT_OK(sch_journal_mark(m->j, &r, m->f.p[1], "5", NULL));
	assert_int_equal(jt_count(m->f.db, "SELECT count(*) FROM journal_lessons WHERE day = '2026-09-03' AND teacher = 'petrova'"), 1);
}

static void test_journal_marks__no_timetable_or_calendar(void **state)
{
	(void)state;
	char db[400];
	sch_store *st = NULL;
	sch_journal *j = NULL;
	ct_tmpdir();
	CT_OK(sch_store_open(&st, ct_path(db, sizeof db, "empty.db"), SCH_STORE_CREATE));
	CT_FAILS(sch_journal_open(&j, st, NULL), SCH_ENOTFOUND, "no active timetable version");
	sch_school *s = tiny_school();
	sch_timetable *tt = tiny_timetable(s);
	CT_OK(sch_store_save_timetable(NULL, st, tt, NULL));
	CT_FAILS(sch_journal_open(&j, st, NULL), SCH_ENOTFOUND, "no calendar yet");
	assert_null(j);
	sch_timetable_free(tt);
	sch_school_free(s);
	sch_store_close(st);
	ct_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_journal_marks__set_change_delete, msetup, mteardown),
		cmocka_unit_test_setup_teardown(test_journal_marks__bad_input_writes_nothing, msetup, mteardown),
		cmocka_unit_test_setup_teardown(test_journal_marks__groups_and_joint_lessons, msetup, mteardown),
		cmocka_unit_test_setup_teardown(test_journal_marks__attendance, msetup, mteardown),
		cmocka_unit_test_setup_teardown(test_journal_marks__closed_quarter, msetup, mteardown),
		cmocka_unit_test_setup_teardown(test_journal_marks__expelled_and_transferred, msetup, mteardown),
		cmocka_unit_test_setup_teardown(test_journal_marks__batch, msetup, mteardown),
		cmocka_unit_test_setup_teardown(test_journal_marks__cancelled_and_covered, msetup, mteardown),
		cmocka_unit_test(test_journal_marks__no_timetable_or_calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
