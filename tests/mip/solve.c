/* Methods mip and hybrid through sch_solve: known optima, bounds, limits, cancelling, GLPK failures, verified results. */
#include "helpers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../solver/coop.h"
#include "../../solver/mip.h"
#include "../solver/gen.h"
#include "schedule/solver.h"
#include "schedule/sys/model.h"
#include "tiny_school.h"

/* Checks a returned timetable against the verifier: no hard violation, the result's cost. */
static void expect_verified(const sch_timetable *tt, const sch_solve_result *res)
{
	sch_report *rep = NULL;
	assert_non_null(tt);
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	if (sch_report_hard(rep))
		ts_print_report(rep);
	assert_int_equal(sch_report_hard(rep), 0);
	assert_int_equal(sch_report_cost(rep), sch_solve_result_cost(res));
	sch_report_free(rep);
}

static sch_solve_options opts_for(int method, double limit)
{
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.method = method;
	o.time_limit = limit;
	return o;
}

/*
 * Worked out by hand: one class of grade 5 (best bells 2-4 for hard subjects), two
 * days of four bells; math (10) and russian (8), both hard, and art (3), two lessons
 * each, a subject at most once a day. So each day has exactly math, russian and art,
 * on bells 1-3 (no gaps). The art teacher is away at bell 1, so bell 1 holds math or
 * russian every day: hard_periods ≥ 2, and math 1, art 2, russian 3 on both days
 * reaches it; every other term is 0 (one lesson a day per teacher, 3 + 3 lessons,
 * 2·2 > 2 days for spread, a 2-day week has no difficulty curve). Optimum: 2.
 */
static sch_school *hand_school(void)
{
	sch_school *s = ts_new(2, 4);
	int sh = ts_shift(s, "1", 0, 3);
	int math = ts_subject(s, "math", 10), rus = ts_subject(s, "russian", 8), art = ts_subject(s, "art", 3);
	int a = ts_teacher(s, "a", "A"), b = ts_teacher(s, "b", "B"), c = ts_teacher(s, "c", "C");
	ts_unavailable(s, c, 0, 0);
	ts_unavailable(s, c, 1, 0);
	int cls = ts_class(s, "5А", 5, sh, 25);
	ts_line(s, cls, math, a, 2);
	ts_line(s, cls, rus, b, 2);
	ts_line(s, cls, art, c, 2);
	ts_finalize(s);
	return s;
}

static void test_mip_solve__hand_worked_optimum(void **state)
{
	(void)state;
	sch_school *s = hand_school();
	for (int method = SCH_METHOD_HYBRID; method <= SCH_METHOD_MIP; method++) {
		sch_solve_options o = opts_for(method, 30);
		sch_timetable *tt = NULL;
		sch_solve_result *res = NULL;
		assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
		expect_verified(tt, res);
		assert_int_equal(SCH_COST_SOFT(sch_solve_result_cost(res)), 2);
		assert_int_equal(sch_solve_result_term_amount(res, SCH_T_HARD_PERIODS), 2);
		/* the bound proves it, so the solve stops long before its limit */
		assert_int_equal(sch_solve_result_bound(res), 2);
		assert_true(sch_solve_result_gap(res) == 0);
		print_message("%s: proved optimal after %.2f s of 30\n", sch_method_name(method), sch_solve_result_seconds(res));
		assert_true(sch_solve_result_seconds(res) < 15);
		sch_solve_result_free(res);
		sch_timetable_free(tt);
	}
	sch_school_free(s);
}

/* The tiny school of the helpers has a timetable of cost 0 (tiny_school.h). */
static void test_mip_solve__tiny_school_zero(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_solve_options o = opts_for(SCH_METHOD_MIP, 30);
	sch_timetable *tt = NULL;
	sch_solve_result *res = NULL;
	assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
	expect_verified(tt, res);
	assert_int_equal(SCH_COST_SOFT(sch_solve_result_cost(res)), 0);
	assert_int_equal(sch_solve_result_bound(res), 0);
	sch_solve_result_free(res);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* The example school (optimum 22, LP bound 21.25) in a few seconds: a bound at or below
 * the cost, and both are reported. */
static void test_mip_solve__bound_and_gap(void **state)
{
	(void)state;
	sch_school *s = NULL;
	assert_int_equal(sch_school_load_yaml(&s, "examples/small.yaml", NULL), 0);
	for (int method = SCH_METHOD_HYBRID; method <= SCH_METHOD_MIP; method++) {
		sch_solve_options o = opts_for(method, 3);
		sch_timetable *tt = NULL;
		sch_solve_result *res = NULL;
		assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
		expect_verified(tt, res);
		int64_t soft = SCH_COST_SOFT(sch_solve_result_cost(res)), bound = sch_solve_result_bound(res);
		print_message("%s: soft %lld, bound %lld, gap %.3f\n", sch_method_name(method), (long long)soft,
			      (long long)bound, sch_solve_result_gap(res));
		assert_true(bound >= 0 && bound <= soft && bound <= 22);
		assert_true(sch_solve_result_gap(res) >= 0 && sch_solve_result_gap(res) <= 1);
		assert_true(sch_solve_result_cost(res) <= sch_solve_result_initial_cost(res));
		sch_solve_result_free(res);
		sch_timetable_free(tt);
	}
	sch_school_free(s);
}

typedef struct {
	const char *cancel_in; /* cancel once this phase reports */
	double cancel_after;   /* or once this many seconds have passed (> 0) */
	int calls, in_phase;
	double last;
	int64_t last_bound;
	int bound_seen;
	double cancel_at; /* when the callback asked to cancel, -1 never */
} watch;

static int on_progress(const sch_progress *p, void *payload)
{
	watch *w = payload;
	w->calls++;
	w->last = p->elapsed;
	if (p->best_bound >= 0) {
		w->bound_seen = 1;
		assert_true(p->best_bound >= w->last_bound); /* a bound only rises */
		w->last_bound = p->best_bound;
		assert_true(p->gap >= -1e-9 && p->gap <= 1);
	}
	if ((w->cancel_in && strcmp(p->phase, w->cancel_in) == 0 && ++w->in_phase >= 1) ||
	    (w->cancel_after > 0 && p->elapsed >= w->cancel_after)) {
		if (w->cancel_at < 0)
			w->cancel_at = p->elapsed;
		return 1;
	}
	return 0;
}

/* The whole model of a bigger school cannot be solved in its limit: the solve stops on
 * time with the heuristic's timetable (or better), never later than the limit allows. */
static void test_mip_solve__time_limit(void **state)
{
	(void)state;
	gen_params gp = {.classes = 20, .shifts = 2, .seed = 7, .divisions = 1, .doubles = 1, .rooms = 1, .unavailable = 1};
	sch_school *s = gen_school(&gp);
	for (int method = SCH_METHOD_HYBRID; method <= SCH_METHOD_MIP; method++) {
		watch w = {0};
		sch_solve_options o = opts_for(method, 3);
		o.progress = on_progress;
		o.progress_payload = &w;
		sch_timetable *tt = NULL;
		sch_solve_result *res = NULL;
		assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
		expect_verified(tt, res);
		print_message("%s, limit 3 s: %.2f s, soft %lld\n", sch_method_name(method), sch_solve_result_seconds(res),
			      (long long)SCH_COST_SOFT(sch_solve_result_cost(res)));
		/* generous: the point is that GLPK's passes do not run on (no timing precision) */
		assert_true(sch_solve_result_seconds(res) < 3 + 30);
		assert_true(w.calls > 0);
		sch_solve_result_free(res);
		sch_timetable_free(tt);
	}
	sch_school_free(s);
}

static void test_mip_solve__cancel(void **state)
{
	(void)state;
	gen_params gp = {.classes = 20, .shifts = 2, .seed = 9, .divisions = 1, .doubles = 1, .rooms = 1, .unavailable = 1};
	sch_school *s = gen_school(&gp);
	for (int method = SCH_METHOD_HYBRID; method <= SCH_METHOD_MIP; method++) {
		watch w = {0};
		w.cancel_at = -1;
		/* mip: in GLPK's own search; hybrid: after 2 s, wherever it is (its sub-MIPs come
		 * only in the last 5% of the time, which a loaded machine may never report) */
		if (method == SCH_METHOD_MIP)
			w.cancel_in = "mip";
		else
			w.cancel_after = 2.0;
		double limit = method == SCH_METHOD_HYBRID ? 20 : 10;
		sch_solve_options o = opts_for(method, limit);
		o.progress = on_progress;
		o.progress_payload = &w;
		sch_timetable *tt = NULL;
		sch_solve_result *res = NULL;
		int rc = sch_solve(&tt, &res, s, &o);
		print_message("%s: cancelled in %s after %.2f s (rc %d)\n", sch_method_name(method),
			      w.cancel_in ? w.cancel_in : "any phase", sch_solve_result_seconds(res), rc);
		/* either the phase was reached and cancelled, or the solve proved optimality first,
		 * or the cancel came in the last half second (the time limit may win that race) */
		assert_true(rc == SCH_ECANCELLED || (rc == 0 && sch_solve_result_gap(res) == 0) ||
			    (rc == 0 && w.cancel_at >= limit - 0.5));
		if (rc == SCH_ECANCELLED)
			assert_true(sch_solve_result_seconds(res) < w.cancel_at + 2.0); /* promptly */
		expect_verified(tt, res);
		sch_solve_result_free(res);
		sch_timetable_free(tt);
	}
	/* the flag, set before the call */
	volatile int flag = 1;
	sch_solve_options o = opts_for(SCH_METHOD_MIP, 60);
	o.cancel = &flag;
	sch_timetable *tt = NULL;
	assert_int_equal(sch_solve(&tt, NULL, s, &o), SCH_ECANCELLED);
	assert_non_null(tt);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* GLPK running out of memory (a tiny limit) comes back as SCH_ENOMEM, not an abort; the
 * next solve in the thread works again; hybrid goes on with local search alone. */
static void test_mip_solve__glpk_errors(void **state)
{
	(void)state;
	gen_params gp = {.classes = 6, .shifts = 1, .seed = 3, .divisions = 1, .doubles = 1, .rooms = 1, .unavailable = 1};
	sch_school *s = gen_school(&gp);
	sch_timetable *tt = NULL;
	sch_solve_result *res = NULL;
	sch_solve_options o = opts_for(SCH_METHOD_MIP, 10);

	sch_mip__set_mem_limit(1);
	assert_int_equal(sch_solve(&tt, &res, s, &o), SCH_ENOMEM);
	assert_null(tt);
	assert_non_null(sch_error_last());
	assert_non_null(strstr(sch_error_last()->message, "GLPK"));
	print_message("%s\n", sch_error_last()->message);

	o = opts_for(SCH_METHOD_HYBRID, 3);
	assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
	expect_verified(tt, res);
	sch_solve_result_free(res);
	sch_timetable_free(tt);
	sch_mip__set_mem_limit(0);

	o = opts_for(SCH_METHOD_MIP, 5);
	assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
	expect_verified(tt, res);
	sch_solve_result_free(res);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* A warm start: re-solving from a timetable counts `moved` in the integer programs as the
 * verifier does (the result's cost is the verifier's with that reference). */
static void test_mip_solve__warm_start(void **state)
{
	(void)state;
	gen_params gp = {.classes = 5, .shifts = 1, .seed = 13, .divisions = 1, .doubles = 1, .rooms = 1, .unavailable = 1};
	sch_school *s = gen_school(&gp);
	sch_solve_options o = opts_for(SCH_METHOD_LOCAL, 2);
	sch_timetable *first = NULL;
	assert_int_equal(sch_solve(&first, NULL, s, &o), 0);
	for (int method = SCH_METHOD_HYBRID; method <= SCH_METHOD_MIP; method++) {
		o = opts_for(method, 4);
		o.from = first;
		sch_timetable *tt = NULL;
		sch_solve_result *res = NULL;
		sch_report *rep = NULL;
		assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
		assert_int_equal(sch_verify(&rep, tt, first), 0);
		assert_int_equal(sch_report_hard(rep), 0);
		assert_int_equal(sch_report_cost(rep), sch_solve_result_cost(res));
		assert_int_equal(sch_report_term_amount(rep, SCH_T_MOVED), sch_solve_result_term_amount(res, SCH_T_MOVED));
		assert_true(sch_solve_result_bound(res) <= sch_report_soft(rep));
		sch_report_free(rep);
		sch_solve_result_free(res);
		sch_timetable_free(tt);
	}
	sch_timetable_free(first);
	sch_school_free(s);
}

/* An infeasible school: mip and hybrid still return the partial timetable and say why. */
static void test_mip_solve__infeasible(void **state)
{
	(void)state;
	sch_school *s = tiny_school_build();
	for (int d = 0; d < 5; d++)
		for (int p = 0; p < 6; p++)
			if (!(p == 0 && d < 2))
				sch_slotset_add(&s->teachers[TS_ASANOVA].unavailable, sch_slot(s, d, p));
	ts_finalize(s);
	for (int method = SCH_METHOD_HYBRID; method <= SCH_METHOD_MIP; method++) {
		sch_solve_options o = opts_for(method, 3);
		sch_timetable *tt = NULL;
		sch_solve_result *res = NULL;
		assert_int_equal(sch_solve(&tt, &res, s, &o), SCH_EINFEASIBLE);
		assert_non_null(tt);
		assert_true(sch_solve_result_unplaced_count(res) > 0);
		sch_report *rep = NULL;
		assert_int_equal(sch_verify(&rep, tt, NULL), 0);
		assert_int_equal(sch_report_hard(rep), sch_report_term_amount(rep, SCH_T_MISSING));
		sch_report_free(rep);
		sch_solve_result_free(res);
		sch_timetable_free(tt);
	}
	sch_school_free(s);
}

static void test_mip_solve__methods(void **state)
{
	(void)state;
	assert_int_equal(sch_method_parse("hybrid"), SCH_METHOD_HYBRID);
	assert_int_equal(sch_method_parse("mip"), SCH_METHOD_MIP);
	assert_string_equal(sch_method_name(SCH_METHOD_HYBRID), "hybrid");
	assert_string_equal(sch_method_name(SCH_METHOD_MIP), "mip");
	sch_school *s = tiny_school();
	sch_timetable *tt = NULL;
	sch_solve_options o = opts_for(SCH_METHOD_MIP + 1, 1);
	assert_int_equal(sch_solve(&tt, NULL, s, &o), SCH_EINVALID);
	/* hybrid, like local, needs something to stop it */
	o = opts_for(SCH_METHOD_HYBRID, 0);
	assert_int_equal(sch_solve(&tt, NULL, s, &o), SCH_EINVALID);
	assert_null(tt);
	assert_int_equal(sch_solve_result_bound(NULL), -1);
	assert_true(sch_solve_result_gap(NULL) < 0);
	sch_school_free(s);
}

/* Collects the log, to find what the solver said it did. */
static void collect_log(int level, const char *message, void *payload)
{
	char *buf = payload;
	(void)level;
	size_t n = strlen(buf);
	if (n + strlen(message) + 2 < 8192) {
		strcat(buf, message);
		strcat(buf, "\n");
	}
}

/* Gives school s one rule: a soft cap of teacher 0's days at one day, weight w (a day
 * rule: a row of the exact model, which the relaxed one leaves out). Undo with
 * s->constraints = NULL, s->n_constraints = 0 before freeing s. */
static void soft_day_cap(sch_school *s, sch_constraint *con, int *teacher0, int w)
{
	*teacher0 = 0;
	memset(con, 0, sizeof *con);
	con->type = SCH_CON_MAX_DAYS;
	con->weight = w;
	con->value = 1;
	con->teachers = teacher0;
	con->n_teachers = 1;
	s->constraints = con;
	s->n_constraints = 1;
}

/*
 * The constraints section and pupils' gaps allowed are in the model: mip solves such a
 * school and its timetable passes the verifier. A rule the model cannot hold (a soft
 * min_days_between two days apart: pairs of lessons) makes mip refuse the school
 * (SCH_ENOTSUP, before any work) and hybrid run local search alone and say so, so that
 * no sub-MIP can break it.
 */
static void test_mip_solve__constraints_and_unmodelled_rules(void **state)
{
	(void)state;
	static char logbuf[8192];
	sch_school *s = tiny_school();
	sch_timetable *tt = NULL;
	sch_solve_result *res = NULL;
	assert_int_equal(sch_mip_supported(s), 0);

	/* a soft cap of teacher 0's days that binds, and pupils' gaps allowed */
	int teacher0;
	sch_constraint con;
	soft_day_cap(s, &con, &teacher0, 1);
	s->rules.pupil_gaps = SCH_PUPIL_GAPS_ALLOWED;
	assert_int_equal(sch_mip_supported(s), 0);
	sch_solve_options o = opts_for(SCH_METHOD_MIP, 5);
	assert_true(sch_solve(&tt, &res, s, &o) >= 0);
	expect_verified(tt, res);
	sch_timetable_free(tt);
	sch_solve_result_free(res);
	tt = NULL;
	res = NULL;

	/* soft, two days apart: pairs of lessons, not in the model */
	int line0 = 0;
	con.type = SCH_CON_MIN_DAYS_BETWEEN;
	con.value = 2;
	con.n_teachers = 0;
	con.lines = &line0;
	con.n_lines = 1;
	assert_int_equal(sch_mip_supported(s), SCH_ENOTSUP);
	o = opts_for(SCH_METHOD_MIP, 5);
	assert_int_equal(sch_solve(&tt, &res, s, &o), SCH_ENOTSUP);
	assert_null(tt);
	assert_non_null(strstr(sch_error_last()->message, "does not model constraint 1 (min_days_between, soft, 2 days apart)"));
	logbuf[0] = '\0';
	o = opts_for(SCH_METHOD_HYBRID, 1);
	o.log = collect_log;
	o.log_payload = logbuf;
	assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
	assert_non_null(strstr(logbuf, "local search only, no sub-MIPs"));
	assert_null(strstr(logbuf, "lns "));
	expect_verified(tt, res);
	sch_timetable_free(tt);
	sch_solve_result_free(res);
	s->constraints = NULL;
	s->n_constraints = 0;
	sch_school_free(s);
}

/* The bound the log gives for a model: the number after "<what> (...): ", -1 when absent. */
static double logged_bound(const char *log, const char *what)
{
	const char *at = strstr(log, what);
	if (!at || !(at = strstr(at, "): ")))
		return -1;
	return atof(at + 3);
}

/* The whole school's exact and relaxed models, as the hybrid sizes them: columns, the
 * estimated seconds of their LPs, and whether each has any cost. */
typedef struct {
	int cols_exact;
	double t_exact, t_relaxed;
	int exact_priced, relaxed_priced;
} lp_sizes;

static lp_sizes lp_sizes_of(const sch_school *s)
{
	sch_solution *sol = NULL;
	sch_mip *exact = NULL, *relaxed = NULL;
	sch_mip_spec rs = {.relax = 1};
	assert_int_equal(sch_solution_new(&sol, s, NULL), 0);
	assert_int_equal(sch_mip_build(&exact, sol, NULL), 0);
	assert_int_equal(sch_mip_build(&relaxed, sol, &rs), 0);
	lp_sizes z = {sch_mip_cols(exact), sch_mip_cols(exact) / sch_mip_lp_rate(exact),
		      sch_mip_cols(relaxed) / sch_mip_lp_rate(relaxed), sch_mip_priced(exact), sch_mip_priced(relaxed)};
	sch_mip_free(exact);
	sch_mip_free(relaxed);
	sch_solution_free(sol);
	return z;
}

/* Method hybrid for `limit` seconds with its log in `log` (8192 bytes): the result, verified. */
static sch_solve_result *hybrid_logged(const sch_school *s, double limit, char *log)
{
	log[0] = '\0';
	sch_solve_options o = opts_for(SCH_METHOD_HYBRID, limit);
	o.log = collect_log;
	o.log_payload = log;
	sch_timetable *tt = NULL;
	sch_solve_result *res = NULL;
	assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
	expect_verified(tt, res);
	sch_timetable_free(tt);
	return res;
}

/*
 * When the exact model's LP is too slow to go first but may end within half the run,
 * the hybrid's LP thread solves the relaxed model, then the exact one, and the run's
 * bound is the better of the two: still at most the optimum (22 on small.yaml) and the
 * cost. The time limit puts the exact model's estimated time at 30% of the run.
 */
static void test_mip_solve__exact_lp_after_relaxed(void **state)
{
	(void)state;
	static char logbuf[8192];
	sch_school *s = NULL;
	assert_int_equal(sch_school_load_yaml(&s, "examples/small.yaml", NULL), 0);
	lp_sizes z = lp_sizes_of(s);
	double limit = z.t_exact / 0.3;
	assert_true(z.t_relaxed <= 0.9 * limit);
	sch_solve_result *res = hybrid_logged(s, limit, logbuf);
	double b_relaxed = logged_bound(logbuf, "LP relaxation of the school"),
	       b_exact = logged_bound(logbuf, "LP relaxation of the exact model");
	int64_t soft = SCH_COST_SOFT(sch_solve_result_cost(res)), bound = sch_solve_result_bound(res);
	print_message("limit %.1f s: relaxed %.2f, exact %.2f, bound %lld, soft %lld\n", limit, b_relaxed, b_exact,
		      (long long)bound, (long long)soft);
	assert_true(b_relaxed >= 0);
	assert_true(b_exact >= 0); /* it ran */
	assert_true(bound >= (int64_t)ceil(b_relaxed - 1e-6) && bound >= (int64_t)ceil(b_exact - 1e-6));
	assert_true(bound <= 22 && bound <= soft);
	sch_solve_result_free(res);
	sch_school_free(s);
}

/*
 * An imported school's soft cost lies in its constraints section (the school's own weights
 * are 0): the relaxed model, which leaves those out, has no cost at all, so the hybrid's LP
 * thread solves the exact model first (its only LP) and the bound comes from it.
 */
static void test_mip_solve__unpriced_relaxation_skipped(void **state)
{
	(void)state;
	static char logbuf[8192];
	sch_school *s = tiny_school();
	s->weights = (sch_weights){0};
	int teacher0;
	sch_constraint con;
	soft_day_cap(s, &con, &teacher0, 3);
	lp_sizes z = lp_sizes_of(s);
	assert_int_equal(z.relaxed_priced, 0);
	assert_int_equal(z.exact_priced, 1);
	double limit = z.t_exact / 0.3; /* too slow to go first as the exact one */
	sch_solve_result *res = hybrid_logged(s, limit, logbuf);
	char want[64];
	snprintf(want, sizeof want, "LP relaxation of the school (%d columns", z.cols_exact);
	print_message("limit %.1f s, %d columns: bound %lld, soft %lld\n", limit, z.cols_exact,
		      (long long)sch_solve_result_bound(res), (long long)SCH_COST_SOFT(sch_solve_result_cost(res)));
	assert_non_null(strstr(logbuf, want));
	assert_null(strstr(logbuf, "exact model"));
	assert_true(sch_solve_result_bound(res) <= SCH_COST_SOFT(sch_solve_result_cost(res)));
	sch_solve_result_free(res);
	s->constraints = NULL;
	s->n_constraints = 0;
	sch_school_free(s);
}

/* What the log says of the hybrid's second worker (solver/coop.c): [0] starts, [1] ends
 * on one chain with the two copies agreeing, [2] ends after the two went apart (one fell
 * a ring behind), [3] copies that differ, [4] the moves the two shared. */
static void count_coop(int level, const char *message, void *payload)
{
	(void)level;
	int *n = payload;
	if (strncmp(message, "coop: a second worker", 21) == 0)
		__atomic_add_fetch(&n[0], 1, __ATOMIC_RELAXED);
	if (strstr(message, "one chain to the end; the copies agree"))
		__atomic_add_fetch(&n[1], 1, __ATOMIC_RELAXED);
	if (strstr(message, "then each alone"))
		__atomic_add_fetch(&n[2], 1, __ATOMIC_RELAXED);
	if (strstr(message, "DIFFER"))
		__atomic_add_fetch(&n[3], 1, __ATOMIC_RELAXED);
	if (strstr(message, " moves shared"))
		n[4] = (int)strtol(message + 6, NULL, 10);
}

/* Sets the cancel flag (the payload) as soon as the second worker has started. */
static void cancel_on_worker(int level, const char *message, void *payload)
{
	(void)level;
	if (strncmp(message, "coop: a second worker", 21) == 0)
		*(volatile int *)payload = 1;
}

static int same_timetable(const sch_timetable *a, const sch_timetable *b)
{
	const sch_school *s = sch_timetable_school(a);
	for (int l = 0; l < s->n_lessons; l++) {
		int da, pa, db, pb;
		if (sch_timetable_get(a, l, &da, &pa) != sch_timetable_get(b, l, &db, &pb) || da != db || pa != pb)
			return 0;
	}
	return 1;
}

/*
 * The hybrid's second worker on the annealing chain (solver/coop.h): with a time limit it
 * starts once, the two threads share their accepted moves to the end (unless one fell a
 * whole ring of moves behind), and then both copies of the timetable, brought up to the
 * last published move, agree lesson by lesson; the timetable returned is verified and no
 * worse than the greedy start, also when the threads went apart or the run is cancelled
 * while both work. With an iteration budget (a reproducible run) there is no
 * worker, and a seed gives one timetable.
 */
static void test_mip_solve__second_worker(void **state)
{
	(void)state;
	gen_params gp = {.classes = 16, .shifts = 2, .seed = 12, .divisions = 1, .doubles = 1, .rooms = 1, .unavailable = 1};
	sch_school *s = gen_school(&gp);
	int seen[5] = {0, 0, 0, 0, 0};
	sch_solve_options o = opts_for(SCH_METHOD_HYBRID, 6);
	o.log = count_coop;
	o.log_payload = seen;
	sch_timetable *tt = NULL, *again = NULL;
	sch_solve_result *res = NULL;
	assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
	expect_verified(tt, res);
	print_message("6 s: worker started %d, one chain %d, apart %d, %d moves shared; soft %lld (greedy %lld)\n",
		      seen[0], seen[1], seen[2], seen[4], (long long)SCH_COST_SOFT(sch_solve_result_cost(res)),
		      (long long)SCH_COST_SOFT(sch_solve_result_initial_cost(res)));
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[1] + seen[2], 1);
	assert_int_equal(seen[3], 0);
	assert_true(seen[4] > 0);
	assert_true(sch_solve_result_cost(res) <= sch_solve_result_initial_cost(res));
	sch_solve_result_free(res);
	sch_timetable_free(tt);

	/* a ring of one move: a thread that publishes twice before the other has applied the
	 * first leaves the chain at once; each goes on alone, and the result is still checked */
	memset(seen, 0, sizeof seen);
	sch__coop_test_ring(1);
	o = opts_for(SCH_METHOD_HYBRID, 4);
	o.log = count_coop;
	o.log_payload = seen;
	assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
	sch__coop_test_ring(0);
	expect_verified(tt, res);
	print_message("ring of 1: one chain %d, apart %d, %d moves shared\n", seen[1], seen[2], seen[4]);
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[2], 1);
	assert_int_equal(seen[1] + seen[3], 0);
	assert_true(sch_solve_result_cost(res) <= sch_solve_result_initial_cost(res));
	sch_solve_result_free(res);
	sch_timetable_free(tt);

	/* cancelled while the two threads share the chain: stops promptly with a checked timetable */
	volatile int flag = 0;
	o = opts_for(SCH_METHOD_HYBRID, 30);
	o.cancel = &flag;
	o.log = cancel_on_worker;
	o.log_payload = (void *)&flag;
	int rc = sch_solve(&tt, &res, s, &o);
	print_message("cancelled with the worker running: rc %d after %.2f s\n", rc, sch_solve_result_seconds(res));
	assert_int_equal(flag, 1);
	assert_int_equal(rc, SCH_ECANCELLED);
	assert_true(sch_solve_result_seconds(res) < 15); /* the worker started within a few seconds */
	expect_verified(tt, res);
	assert_true(sch_solve_result_cost(res) <= sch_solve_result_initial_cost(res));
	sch_solve_result_free(res);
	sch_timetable_free(tt);

	memset(seen, 0, sizeof seen);
	o = opts_for(SCH_METHOD_HYBRID, 60);
	o.iterations = 300000;
	o.log = count_coop;
	o.log_payload = seen;
	o.seed = 7;
	assert_int_equal(sch_solve(&tt, &res, s, &o), 0);
	expect_verified(tt, res);
	sch_solve_result_free(res);
	assert_int_equal(sch_solve(&again, NULL, s, &o), 0);
	assert_int_equal(seen[0] + seen[1] + seen[2] + seen[3] + seen[4], 0);
	assert_true(same_timetable(tt, again));
	sch_timetable_free(tt);
	sch_timetable_free(again);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mip_solve__hand_worked_optimum),
		cmocka_unit_test(test_mip_solve__tiny_school_zero),
		cmocka_unit_test(test_mip_solve__bound_and_gap),
		cmocka_unit_test(test_mip_solve__time_limit),
		cmocka_unit_test(test_mip_solve__cancel),
		cmocka_unit_test(test_mip_solve__glpk_errors),
		cmocka_unit_test(test_mip_solve__warm_start),
		cmocka_unit_test(test_mip_solve__infeasible),
		cmocka_unit_test(test_mip_solve__methods),
		cmocka_unit_test(test_mip_solve__constraints_and_unmodelled_rules),
		cmocka_unit_test(test_mip_solve__exact_lp_after_relaxed),
		cmocka_unit_test(test_mip_solve__unpriced_relaxation_skipped),
		cmocka_unit_test(test_mip_solve__second_worker),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
