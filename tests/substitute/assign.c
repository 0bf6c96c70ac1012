/* Covering an absence: the assignment program alone, and whole plans over the tiny school, applied to a database and verified by date. */
#include "../calendar/cal_test.h"
#include "schedule/store.h"

/* ---- The program alone ---- */

/* Two lessons at the same bell: the one only teacher 0 can take gets teacher 0, the other teacher 1;
 * a lesson nobody can take is left out. */
static void test_substitute_assign__nobody_double_booked(void **state)
{
	(void)state;
	const int first[] = {0, 2, 3, 3};
	const int teacher[] = {0, 1, 0};
	const int cost[] = {0, 5, 0}; /* item 0 prefers teacher 0, but item 1 has nobody else */
	const int day[] = {0, 0, 0};
	const uint32_t periods[] = {1, 1, 2};
	int assign[3];
	sch_cover_problem p = {.n_items = 3, .n_teachers = 2, .n_days = 1, .first = first, .teacher = teacher,
			       .cost = cost, .day = day, .periods = periods, .fairness = 1, .uncovered = 1000};
	sch_cover_result res;
	CT_OK(sch_cover_solve(assign, &p, &res));
	assert_int_equal(assign[0], 1);
	assert_int_equal(assign[1], 0);
	assert_int_equal(assign[2], -1);
	assert_true(res.optimal);
	assert_true(res.n_cols > 0 && res.n_rows > 0);
}

/* Four lessons at four bells, each open to teachers 0 and 1. Evenly when neither covered before;
 * all to teacher 1 when teacher 0 has 4 covers already ((4+0)^2 + 4^2 = 32 < (4+1)^2 + 3^2 = 34);
 * and at most 2 for teacher 1 when its day has room for 2 bells. */
static void test_substitute_assign__fair(void **state)
{
	(void)state;
	const int first[] = {0, 2, 4, 6, 8};
	const int teacher[] = {0, 1, 0, 1, 0, 1, 0, 1};
	const int cost[8] = {0};
	const int day[] = {0, 0, 0, 0};
	const uint32_t periods[] = {1, 2, 4, 8};
	int prior[2] = {0, 0}, room[2] = {-1, -1}, assign[4], n0 = 0;
	sch_cover_problem p = {.n_items = 4, .n_teachers = 2, .n_days = 1, .first = first, .teacher = teacher,
			       .cost = cost, .day = day, .periods = periods, .prior = prior, .day_room = room,
			       .fairness = 4, .uncovered = 100000};
	CT_OK(sch_cover_solve(assign, &p, NULL));
	for (int i = 0; i < 4; i++)
		n0 += assign[i] == 0;
	assert_int_equal(n0, 2);
	prior[0] = 4;
	CT_OK(sch_cover_solve(assign, &p, NULL));
	for (int i = 0; i < 4; i++)
		assert_int_equal(assign[i], 1);
	room[1] = 2;
	CT_OK(sch_cover_solve(assign, &p, NULL));
	n0 = 0;
	for (int i = 0; i < 4; i++) {
		assert_true(assign[i] >= 0);
		n0 += assign[i] == 0;
	}
	assert_int_equal(n0, 2);
	/* Nothing to do, and a malformed problem. */
	sch_cover_problem none = {.n_items = 0, .n_days = 1, .first = first};
	CT_OK(sch_cover_solve(assign, &none, NULL));
	const int bad_teacher[] = {0, 7, 0, 1, 0, 1, 0, 1};
	p.teacher = bad_teacher;
	CT_FAILS(sch_cover_solve(assign, &p, NULL), SCH_EINVALID, "candidate 1 of item 0 is malformed");
}

/* ---- Plans over the tiny school ---- */

typedef struct {
	sch_school *s;
	sch_timetable *tt;
	sch_calendar *cal;
	sch_subst *subst;
	sch_store *st;
	char db[400];
} fixture;

/*
 * asanova is absent Tue 1 - Fri 4 September 2026. Her lessons then: Tue 6Б history (bell 1) and
 * 5А math (bell 2), Wed 6Б math (2), Thu 5А math (2), Fri 6Б math (2). Nobody else teaches math
 * or history; by the cover list petrova and smith may cover math, smith history. Both are free
 * at bell 2 each day. 5А math: both teach 5А (cost equal); 6Б math: only smith teaches 6Б
 * (petrova costs more); fairness then gives each two: petrova 5А's, smith 6Б's. The history
 * lesson at bell 1 on Tuesday: smith teaches 5А english then: busy.
 */
static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->s = tiny_school();
	f->tt = tiny_timetable(f->s);
	f->cal = tiny_calendar();
	CT_OK(sch_subst_new(&f->subst, f->s));
	CT_OK(sch_subst_allow(f->subst, TS_PETROVA, TS_MATH));
	CT_OK(sch_subst_allow(f->subst, TS_SMITH, TS_MATH));
	CT_OK(sch_subst_allow(f->subst, TS_SMITH, TS_HISTORY));
	ct_tmpdir();
	CT_OK(sch_store_open(&f->st, ct_path(f->db, sizeof f->db, "school.db"), SCH_STORE_CREATE));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sch_store_close(f->st);
	sch_subst_free(f->subst);
	sch_calendar_free(f->cal);
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
	free(f);
	ct_cleanup();
	return 0;
}

static const sch_cover_item *item_of(const sch_cover_plan *p, const char *date, int lesson)
{
	for (size_t i = 0; i < sch_cover_plan_count(p); i++)
		if (sch_cover_plan_item(p, i)->date == D(date) && sch_cover_plan_item(p, i)->lesson == lesson)
			return sch_cover_plan_item(p, i);
	fail_msg("no item %s lesson %d", date, lesson);
	return NULL;
}

static void expect_no_findings(const fixture *f, const sch_subst *s)
{
	sch_dated *d = NULL;
	sch_dv_finding *v = NULL;
	size_t n = 0;
	CT_OK(sch_dated_new(&d, f->tt, f->cal, s, sch_calendar_first(f->cal), sch_calendar_last(f->cal)));
	CT_OK(sch_dated_verify(&v, &n, d));
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s\n", v[i].message);
	assert_int_equal(n, 0);
	free(v);
	sch_dated_free(d);
}

static void test_substitute_assign__plan(void **state)
{
	fixture *f = *state;
	sch_cover_plan *p = NULL;
	sch_absence a = {.teacher = TS_ASANOVA, .first = D("2026-09-01"), .last = D("2026-09-04"), .reason = "болезнь"};
	CT_OK(sch_cover_plan_new(&p, f->tt, f->cal, f->subst, &a, NULL));
	assert_int_equal(sch_cover_plan_count(p), 5);
	assert_true(sch_cover_plan_optimal(p));
	assert_int_equal(item_of(p, "2026-09-01", TS_5A_MATH1)->teacher, TS_PETROVA);
	assert_int_equal(item_of(p, "2026-09-03", TS_5A_MATH2)->teacher, TS_PETROVA);
	assert_int_equal(item_of(p, "2026-09-02", TS_6B_MATH1)->teacher, TS_SMITH);
	assert_int_equal(item_of(p, "2026-09-04", TS_6B_MATH2)->teacher, TS_SMITH);
	const sch_cover_item *h = item_of(p, "2026-09-01", TS_6B_HISTORY);
	assert_int_equal(h->teacher, -1);
	assert_int_equal(h->reason, SCH_NOCOVER_BUSY);
	assert_string_equal(h->why, "all qualified teachers are busy: Smith J. (teaches 5А english at bell 1)");
	assert_int_equal(h->n_ranked, 1);
	assert_int_equal(h->ranked[0].status, SCH_CAND_TEACHING);
	/* The ranking each item carries: for 6Б math smith (teaches 6Б) before petrova. */
	const sch_cover_item *m6 = item_of(p, "2026-09-02", TS_6B_MATH1);
	assert_int_equal(m6->n_ranked, 2);
	assert_int_equal(m6->ranked[0].teacher, TS_SMITH);
	assert_int_equal(m6->ranked[0].teaches_class, 1);
	assert_int_equal(m6->ranked[1].teacher, TS_PETROVA);
	assert_int_equal(m6->candidates, 2);
	sch_cover_plan_free(p);

	/* Without the cover list nobody is qualified. */
	sch_subst *plain = NULL;
	CT_OK(sch_subst_new(&plain, f->s));
	CT_OK(sch_cover_plan_new(&p, f->tt, f->cal, plain, &a, NULL));
	for (size_t i = 0; i < sch_cover_plan_count(p); i++) {
		const sch_cover_item *it = sch_cover_plan_item(p, i);
		assert_int_equal(it->teacher, -1);
		assert_int_equal(it->reason, SCH_NOCOVER_UNQUALIFIED);
		assert_non_null(strstr(it->why, "nobody else is qualified for "));
	}
	sch_cover_plan_free(p);
	sch_subst_free(plain);

	/* Bad absences. */
	sch_absence out = a;
	out.last = D("2026-11-03");
	CT_FAILS(sch_cover_plan_new(&p, f->tt, f->cal, f->subst, &out, NULL), SCH_EINVALID,
		 "not inside the school year (2026-09-01 .. 2026-10-31)");
	out.first = D("2026-09-05");
	out.last = D("2026-09-01");
	CT_FAILS(sch_cover_plan_new(&p, f->tt, f->cal, f->subst, &out, NULL), SCH_EINVALID, "on or before");
	assert_null(p);
}

/* Applied: stored, loaded back the same, nobody double-booked on any date; then the substitute
 * falls ill too and the cover they were to give goes to someone else. */
static void test_substitute_assign__apply_and_replace(void **state)
{
	fixture *f = *state;
	sch_cover_plan *p = NULL;
	sch_subst *back = NULL;
	int id = 0;
	CT_OK(sch_subst_set_cover_subjects(f->st, f->s, TS_PETROVA, (const int[]){TS_MATH}, 1));
	CT_OK(sch_subst_set_cover_subjects(f->st, f->s, TS_SMITH, (const int[]){TS_MATH, TS_HISTORY}, 2));
	sch_absence a = {.teacher = TS_ASANOVA, .first = D("2026-09-01"), .last = D("2026-09-04"), .reason = "болезнь"};
	CT_OK(sch_cover_plan_new(&p, f->tt, f->cal, f->subst, &a, NULL));
	CT_OK(sch_cover_plan_apply(f->st, p, &id));
	assert_true(id > 0);
	sch_cover_plan_free(p);

	CT_OK(sch_subst_load(&back, f->st, f->s));
	assert_int_equal(sch_subst_absence_count(back), 1);
	assert_int_equal(sch_subst_absence(back, 0)->id, id);
	assert_string_equal(sch_subst_absence(back, 0)->reason, "болезнь");
	assert_int_equal(sch_subst_change_count(back), 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(sch_subst_change(back, i)->kind, SCH_CHANGE_COVER);
		assert_int_equal(sch_subst_change(back, i)->absence, id);
	}
	assert_int_equal(sch_subst_qualified(back, TS_SMITH, TS_HISTORY), 2);
	expect_no_findings(f, back);
	/* An overlapping absence of the same teacher is refused, naming the first. */
	CT_FAILS(sch_cover_plan_new(&p, f->tt, f->cal, back, &a, NULL), SCH_EEXISTS, "already recorded absent");

	/* smith is absent on Wednesday: his english and the 6Б math he was to cover. */
	int smith_cover = 0;
	for (size_t i = 0; i < 4; i++)
		if (sch_subst_change(back, i)->teacher == TS_SMITH && sch_subst_change(back, i)->date == D("2026-09-02"))
			smith_cover = sch_subst_change(back, i)->id;
	assert_true(smith_cover > 0);
	sch_absence b = {.teacher = TS_SMITH, .first = D("2026-09-02"), .last = D("2026-09-02"), .reason = ""};
	CT_OK(sch_cover_plan_new(&p, f->tt, f->cal, back, &b, NULL));
	assert_int_equal(sch_cover_plan_count(p), 2);
	const sch_cover_item *m = item_of(p, "2026-09-02", TS_6B_MATH1);
	assert_int_equal(m->replaces, smith_cover);
	assert_int_equal(m->teacher, TS_PETROVA);
	/* His own 6Б english: petrova, the other english teacher, has 5А's en2 group then. */
	const sch_cover_item *e = item_of(p, "2026-09-02", TS_6B_ENGLISH2);
	assert_int_equal(e->teacher, -1);
	assert_int_equal(e->reason, SCH_NOCOVER_BUSY);
	assert_non_null(strstr(e->why, "Петрова А.И. (teaches 5А english at bell 1)"));
	CT_OK(sch_cover_plan_apply(f->st, p, &id));
	sch_cover_plan_free(p);
	sch_subst_free(back);
	CT_OK(sch_subst_load(&back, f->st, f->s));
	for (size_t i = 0; i < sch_subst_change_count(back); i++)
		assert_int_not_equal(sch_subst_change(back, i)->id, smith_cover);
	expect_no_findings(f, back);
	sch_subst_free(back);

	/* Undoing the first absence takes its covers with it. */
	CT_OK(sch_subst_remove(f->st, 1, 1));
	CT_OK(sch_subst_load(&back, f->st, f->s));
	assert_int_equal(sch_subst_absence_count(back), 1);
	for (size_t i = 0; i < sch_subst_change_count(back); i++)
		assert_int_not_equal(sch_subst_change(back, i)->absence, 1);
	sch_subst_free(back);
	CT_FAILS(sch_subst_remove(f->st, 1, 1), SCH_ENOTFOUND, "no absence 1");
	CT_FAILS(sch_subst_remove(f->st, 999, 0), SCH_ENOTFOUND, "no change 999");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_substitute_assign__nobody_double_booked),
		cmocka_unit_test(test_substitute_assign__fair),
		cmocka_unit_test_setup_teardown(test_substitute_assign__plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_substitute_assign__apply_and_replace, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
