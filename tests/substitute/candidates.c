/* Ranked substitutes for one lesson, by hand: who is qualified, who is free, and in which order; checks of single changes. */
#include "../calendar/cal_test.h"

/*
 * A Monday-Friday school of two classes with one lesson to cover: 5А math, Monday bell 1,
 * asanova's. The other teachers, on Monday 14 September 2026:
 *   petrova     math + history, teaches 5А history at bell 3       free; teaches the class; gap +1
 *   bakirov     math, teaches 6Б math at bell 2                      free; gap 0
 *   toktogulov  math, teaches 6Б math on Tuesday only, covered 5А math on 7 Sep   free; 1 cover
 *   smith       history only, teaches 6Б history at bell 4; math by the cover list   free; gap +2
 *   orozova     math, teaches 6Б math at bell 1                      busy (teaching)
 *   zhumabaeva  math, absent that day                                busy (absent)
 *   kim         math, unavailable Monday bell 1                      busy (unavailable)
 *   ivanova     math, at most 1 lesson a day, teaches 6Б math at bell 5   busy (daily limit)
 *   orlov       music only                                           not qualified: not listed
 * Ranking: petrova (teaches the class), bakirov (own subject, no covers), toktogulov (1 cover),
 * smith (by the cover list); then orozova, zhumabaeva, kim, ivanova by reason.
 */
enum { ASANOVA, PETROVA, BAKIROV, TOKTOGULOV, SMITH, OROZOVA, ZHUMABAEVA, KIM, IVANOVA, ORLOV };
enum { C5A, C6B };

typedef struct {
	sch_school *s;
	sch_timetable *tt;
	sch_calendar *cal;
	sch_subst *subst;
	sch_dated *d;
	int target; /* index of the dated lesson to cover */
	int math, history, music;
	int l_math5a;
} fixture;

static void add_qualification(sch_school *s, int t, int subject)
{
	sch_teacher_def *td = &s->teachers[t];
	int *v = sch_school_alloc(s, sizeof(int) * ((size_t)td->n_subjects + 1));
	for (int k = 0; k < td->n_subjects; k++)
		v[k] = td->subjects[k];
	v[td->n_subjects] = subject;
	td->subjects = v;
	td->n_subjects++;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	sch_school *s = ts_new(5, 6);
	int sh = ts_shift(s, "1", 0, 5);
	f->math = ts_subject(s, "math", 10);
	f->history = ts_subject(s, "history", 5);
	f->music = ts_subject(s, "music", 2);
	static const char *const ids[] = {"asanova", "petrova", "bakirov", "toktogulov", "smith",
					  "orozova", "zhumabaeva", "kim", "ivanova", "orlov"};
	for (int t = 0; t < 10; t++)
		ts_teacher(s, ids[t], ids[t]);
	for (int t = 0; t < 10; t++)
		if (t != SMITH && t != ORLOV)
			add_qualification(s, t, f->math);
	add_qualification(s, PETROVA, f->history);
	add_qualification(s, SMITH, f->history);
	add_qualification(s, ORLOV, f->music);
	ts_unavailable(s, KIM, 0, 0);
	s->teachers[IVANOVA].max_per_day = 1;
	int c5 = ts_class(s, "5А", 5, sh, 25), c6 = ts_class(s, "6Б", 6, sh, 25);
	/* line: class, subject, teacher, where (day, bell) */
	const int lines[][5] = {
		{c5, f->math, ASANOVA, 0, 0},   {c5, f->history, PETROVA, 0, 2}, {c6, f->math, BAKIROV, 0, 1},
		{c6, f->math, TOKTOGULOV, 1, 0}, {c6, f->history, SMITH, 0, 3},  {c6, f->math, OROZOVA, 0, 0},
		{c6, f->math, IVANOVA, 0, 4},
	};
	int n = (int)(sizeof lines / sizeof lines[0]), ln[8];
	for (int i = 0; i < n; i++)
		ln[i] = ts_line(s, lines[i][0], lines[i][1], lines[i][2], 1);
	ts_finalize(s);
	CT_OK(sch_timetable_new(&f->tt, s));
	for (int i = 0; i < n; i++)
		CT_OK(sch_timetable_set(f->tt, ts_lesson(s, ln[i], 0), lines[i][3], lines[i][4]));
	f->s = s;
	f->l_math5a = ts_lesson(s, ln[0], 0);
	CT_OK(sch_calendar_new(&f->cal, 2026, D("2026-09-01"), D("2026-10-31")));
	CT_OK(sch_calendar_set_quarter(f->cal, 1, D("2026-09-01"), D("2026-10-31")));
	CT_OK(sch_subst_new(&f->subst, s));
	sch_absence a = {.teacher = ZHUMABAEVA, .first = D("2026-09-14"), .last = D("2026-09-14"), .reason = "курсы"};
	CT_OK(sch_subst_add_absence(f->subst, &a));
	sch_day_change c = {.id = 7, .kind = SCH_CHANGE_COVER, .date = D("2026-09-07"), .lesson = f->l_math5a,
			    .part = 0, .teacher = TOKTOGULOV, .period = -1};
	CT_OK(sch_subst_add_change(f->subst, &c));
	CT_OK(sch_subst_allow(f->subst, SMITH, f->math));
	CT_OK(sch_dated_new(&f->d, f->tt, f->cal, f->subst, D("2026-09-14"), D("2026-09-14")));
	size_t first, k = sch_dated_on(f->d, D("2026-09-14"), &first);
	f->target = -1;
	for (size_t i = first; i < first + k; i++)
		if (sch_dated_get(f->d, i)->lesson == f->l_math5a)
			f->target = (int)i;
	assert_true(f->target >= 0);
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
	return 0;
}

static void test_substitute_candidates__ranking(void **state)
{
	fixture *f = *state;
	sch_candidate *c = NULL;
	size_t n = 0;
	CT_OK(sch_subst_candidates(&c, &n, f->d, (size_t)f->target));
	const struct {
		int teacher, status, own, teaches, covers, gap;
	} want[] = {
		{PETROVA, SCH_CAND_FREE, 1, 1, 0, 1},       {BAKIROV, SCH_CAND_FREE, 1, 0, 0, 0},
		{TOKTOGULOV, SCH_CAND_FREE, 1, 0, 1, 0},    {SMITH, SCH_CAND_FREE, 0, 0, 0, 2},
		{OROZOVA, SCH_CAND_TEACHING, 1, 0, 0, 0},   {ZHUMABAEVA, SCH_CAND_ABSENT, 1, 0, 0, 0},
		{KIM, SCH_CAND_UNAVAILABLE, 1, 0, 0, 0},    {IVANOVA, SCH_CAND_DAY_LIMIT, 1, 0, 0, 0},
	};
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++) {
		if (c[i].teacher != want[i].teacher)
			fail_msg("rank %zu: %s, expected %s", i + 1, f->s->teachers[c[i].teacher].id,
				 f->s->teachers[want[i].teacher].id);
		assert_int_equal(c[i].status, want[i].status);
		assert_int_equal(c[i].own_subject, want[i].own);
		assert_int_equal(c[i].teaches_class, want[i].teaches);
		assert_int_equal(c[i].covers, want[i].covers);
		if (c[i].status == SCH_CAND_FREE)
			assert_int_equal(c[i].gap, want[i].gap);
	}
	/* The busy one names the lesson in the way: orozova's 6Б math. */
	const sch_dated_lesson *b = sch_dated_get(f->d, (size_t)c[4].busy);
	assert_non_null(b);
	assert_int_equal(b->own_teacher, OROZOVA);
	sch_free(c);
	/* Without the cover list smith is not qualified. */
	sch_subst *plain = NULL;
	sch_dated *d = NULL;
	CT_OK(sch_subst_new(&plain, f->s));
	CT_OK(sch_dated_new(&d, f->tt, f->cal, plain, D("2026-09-14"), D("2026-09-14")));
	CT_OK(sch_subst_candidates(&c, &n, d, (size_t)f->target));
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(c[i].teacher, SMITH);
	assert_int_equal(n, 7); /* seven of math, zhumabaeva among them: not absent there */
	sch_free(c);
	sch_dated_free(d);
	sch_subst_free(plain);
}

static void test_substitute_candidates__qualified(void **state)
{
	fixture *f = *state;
	assert_int_equal(sch_subst_qualified(f->subst, PETROVA, f->history), 1);
	assert_int_equal(sch_subst_qualified(f->subst, SMITH, f->math), 2);
	assert_int_equal(sch_subst_qualified(f->subst, SMITH, f->music), 0);
	assert_int_equal(sch_subst_qualified(f->subst, ORLOV, f->math), 0);
	assert_int_equal(sch_subst_absent(f->subst, ZHUMABAEVA, D("2026-09-14")), 1);
	assert_int_equal(sch_subst_absent(f->subst, ZHUMABAEVA, D("2026-09-15")), 0);
}

/* A single cover is checked by the same rules, with the reason in words. */
static void test_substitute_candidates__check(void **state)
{
	fixture *f = *state;
	sch_day_change c = {.kind = SCH_CHANGE_COVER, .date = D("2026-09-14"), .lesson = f->l_math5a, .part = 0,
			    .teacher = PETROVA, .period = -1};
	CT_OK(sch_subst_check(f->d, &c, 1));
	c.teacher = OROZOVA;
	CT_FAILS(sch_subst_check(f->d, &c, 1), SCH_EINVALID, "orozova cannot cover 5А math at bell 1 on 2026-09-14 (Пн): teaches 6Б math at bell 1");
	c.teacher = ORLOV;
	CT_FAILS(sch_subst_check(f->d, &c, 1), SCH_EINVALID, "orlov is not qualified for math");
	c.teacher = ZHUMABAEVA;
	CT_FAILS(sch_subst_check(f->d, &c, 1), SCH_EINVALID, "absent");
	c.teacher = KIM;
	CT_FAILS(sch_subst_check(f->d, &c, 1), SCH_EINVALID, "does not work at bell 1 on mon");
	c.teacher = IVANOVA;
	CT_FAILS(sch_subst_check(f->d, &c, 1), SCH_EINVALID, "at the daily limit of 1 lessons");
	c.teacher = ASANOVA;
	CT_FAILS(sch_subst_check(f->d, &c, 1), SCH_EINVALID, "asanova is the teacher of 5А math");
	/* Not given that day: a Sunday. */
	c.teacher = PETROVA;
	c.date = D("2026-09-13");
	CT_FAILS(sch_subst_check(f->d, &c, 1), SCH_EINVALID, "5А math is not given on 2026-09-13 (Вс)");
	/* A move into 5А's history bell clashes: the verifier names it. */
	sch_day_change m = {.kind = SCH_CHANGE_MOVE, .date = D("2026-09-14"), .lesson = f->l_math5a, .part = -1,
			    .teacher = -1, .period = 2};
	CT_FAILS(sch_subst_check(f->d, &m, 1), SCH_EINVALID, "class 5А has two lessons at bell 3");
	/* Swapped with it, both moves together are fine. */
	int hist = -1;
	for (int i = 0; i < f->s->n_lessons; i++)
		if (f->s->lessons[i].subject == f->history && f->s->lessons[i].classes[0] == C5A)
			hist = i;
	sch_day_change swap[2] = {m, {.kind = SCH_CHANGE_MOVE, .date = D("2026-09-14"), .lesson = hist, .part = -1,
				      .teacher = -1, .period = 0}};
	CT_OK(sch_subst_check(f->d, swap, 2));
	/* The last bell is free for 5А and its teacher. */
	m.period = 5;
	CT_OK(sch_subst_check(f->d, &m, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_substitute_candidates__ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_substitute_candidates__qualified, setup, teardown),
		cmocka_unit_test_setup_teardown(test_substitute_candidates__check, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
