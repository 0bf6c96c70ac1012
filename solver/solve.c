/* The solve driver: options, the solver context (clock, limits, seed, progress, best), greedy -> local | lns | mip, the result. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "coop.h"
#include "mip.h"
#include "moves.h"
#include "partial.h"
#include "sat.h"
#include "schedule/school.h"
#include "schedule/sys/solver.h"
#include "schedule/timetable.h"

/* The SAT search's budget in a run without a time limit; the shortest limit it runs in. */
#define SAT_CONFLICTS 1000000
#define SAT_MIN_LIMIT 2.0

struct sch_solver_ctx {
	const sch_solve_options *opts;
	struct timespec t0;
	uint64_t rng[4];
	uint64_t iters, budget;
	unsigned calls;
	double last_progress;
	int stopped, reason;
	const char *phase;
	int L;
	int *best;
	sch_cost best_cost;
	int64_t best_hard, best_soft;
	double feasible_at;
	/* hybrid and mip methods: a proved bound, and slices of one solver inside another */
	int64_t bound;
	double slice_end;
	uint64_t slice_iters;
	int slice_hit;
	/* the hybrid's shared annealing chain (solver/coop.h) this context's search works
	 * on; in the worker's context, the flag that stops it (read atomically) */
	sch__coop *coop;
	const int *abort;
};

typedef struct {
	int lesson;
	char *reason;
} unplaced;

struct sch_solve_result {
	int status;
	int feasible;
	sch_cost cost, initial;
	int64_t amount[SCH_T_COUNT], cost_of[SCH_T_COUNT];
	uint64_t iterations;
	double seconds, feasible_seconds;
	int64_t bound;
	int proved_infeasible; /* the SAT search proved that no timetable meets the hard rules */
	char **conflict;       /* the rules its proof needs, in words */
	size_t n_conflict;
	unplaced *items;
	size_t n_items;
};

/* ---- options ---- */

int sch_solve_options_init(sch_solve_options *opts, int version)
{
	if (!opts || version != SCH_SOLVE_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "sch_solve_options_init: unknown options version %d", version);
	sch_solve_options def = SCH_SOLVE_OPTIONS_INIT;
	*opts = def;
	return 0;
}

const char *sch_method_name(int method)
{
	switch (method) {
	case SCH_METHOD_GREEDY: return "greedy";
	case SCH_METHOD_LOCAL: return "local";
	case SCH_METHOD_HYBRID: return "hybrid";
	case SCH_METHOD_MIP: return "mip";
	default: return "?";
	}
}

int sch_method_parse(const char *name)
{
	for (int m = SCH_METHOD_GREEDY; m <= SCH_METHOD_MIP; m++)
		if (name && strcmp(name, sch_method_name(m)) == 0)
			return m;
	return sch_error_set(SCH_EINVALID, "unknown method '%s' (greedy, local, hybrid, mip)", name ? name : "");
}

/* ---- the context ---- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t sch_solver_ctx_random(sch_solver_ctx *c)
{
	/* xoshiro256** */
	uint64_t *s = c->rng, r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

uint32_t sch_solver_ctx_below(sch_solver_ctx *c, uint32_t n)
{
	if (n <= 1)
		return 0;
	return (uint32_t)(((sch_solver_ctx_random(c) >> 32) * (uint64_t)n) >> 32);
}

static double now_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

double sch_solver_ctx_elapsed(const sch_solver_ctx *c)
{
	return now_since(&c->t0);
}

double sch_solver_ctx_time_left(const sch_solver_ctx *c)
{
	double now = now_since(&c->t0), left = -1;
	if (c->opts->time_limit > 0)
		left = c->opts->time_limit - now;
	if (c->slice_end > 0 && (left < 0 || c->slice_end - now < left))
		left = c->slice_end - now;
	return left < 0 && (c->opts->time_limit > 0 || c->slice_end > 0) ? 0 : left;
}

void sch_solver_ctx_set_phase(sch_solver_ctx *c, const char *phase)
{
	c->phase = phase;
}

void sch_solver_ctx_count(sch_solver_ctx *c, uint64_t n)
{
	c->iters += n;
}

uint64_t sch_solver_ctx_iterations(const sch_solver_ctx *c)
{
	return c->iters;
}

uint64_t sch_solver_ctx_budget(const sch_solver_ctx *c)
{
	if (!c->budget)
		return UINT64_MAX;
	return c->iters >= c->budget ? 0 : c->budget - c->iters;
}

int sch_solver_ctx_stop_reason(const sch_solver_ctx *c)
{
	return c->stopped ? c->reason : 0;
}

sch_cost sch_solver_ctx_best_cost(const sch_solver_ctx *c)
{
	return c->best_cost;
}

static void stop(sch_solver_ctx *c, int reason)
{
	c->stopped = 1;
	c->reason = reason;
}

static int report(sch_solver_ctx *c, const sch_solution *sol, double now)
{
	const sch_solve_options *o = c->opts;
	if (!o->progress)
		return 0;
	sch_progress p = {c->phase ? c->phase : "", now, c->best_hard, c->best_soft, -1,
			  sol ? sch_solution_placed_count(sol) : 0, c->L, c->iters, -1};
	if (c->best_cost == INT64_MAX && sol) {
		p.hard = sch_solution_hard(sol);
		p.soft = sch_solution_soft(sol);
	}
	p.best_bound = c->bound;
	if (c->bound >= 0 && p.hard == 0)
		p.gap = p.soft > 0 ? (double)(p.soft - (c->bound < p.soft ? c->bound : p.soft)) / (double)p.soft : 0;
	c->last_progress = now;
	return o->progress(&p, o->progress_payload);
}

int sch_solver_ctx_should_stop(sch_solver_ctx *c, const sch_solution *sol)
{
	if (c->stopped)
		return 1;
	if (c->abort && __atomic_load_n(c->abort, __ATOMIC_ACQUIRE)) {
		stop(c, 0);
		return 1;
	}
	if (c->opts->cancel && *c->opts->cancel) {
		stop(c, SCH_ECANCELLED);
		return 1;
	}
	if (c->budget && c->iters >= c->budget) {
		stop(c, 0);
		return 1;
	}
	/* a timetable at a proved bound is optimal: nothing is left to search */
	if (c->bound >= 0 && c->best_hard == 0 && c->best_soft <= c->bound && c->best_cost != INT64_MAX) {
		stop(c, 0);
		return 1;
	}
	if (c->slice_iters && c->iters >= c->slice_iters) {
		c->slice_hit = 1;
		stop(c, 0);
		return 1;
	}
	if ((c->calls++ & 15) != 0)
		return 0;
	double now = now_since(&c->t0);
	if (c->opts->time_limit > 0 && now >= c->opts->time_limit) {
		stop(c, SCH_ETIMEOUT);
		return 1;
	}
	if (c->slice_end > 0 && now >= c->slice_end) {
		c->slice_hit = 1;
		stop(c, 0);
		return 1;
	}
	if (c->opts->progress && now - c->last_progress >= 0.1 && report(c, sol, now)) {
		stop(c, SCH_ECANCELLED);
		return 1;
	}
	return 0;
}

int sch_solver_ctx_should_stop_now(sch_solver_ctx *c, const sch_solution *sol)
{
	c->calls = 0; /* the next check reads the clock (and reports when due) */
	return sch_solver_ctx_should_stop(c, sol);
}

int sch_solver_ctx_offer(sch_solver_ctx *c, const sch_solution *sol)
{
	sch_cost cost = sch_solution_cost(sol);
	if (cost >= c->best_cost)
		return 0;
	sch_solution_get_starts(sol, c->best);
	c->best_cost = cost;
	c->best_hard = sch_solution_hard(sol);
	c->best_soft = sch_solution_soft(sol);
	if (c->best_hard == 0 && c->feasible_at < 0)
		c->feasible_at = now_since(&c->t0);
	return 1;
}

int sch_solver_ctx_restore_best(sch_solver_ctx *c, sch_solution *sol)
{
	if (c->best_cost == INT64_MAX)
		return 0;
	return sch_solution_set_starts(sol, c->best);
}

void sch__ctx_log_hard(sch_solver_ctx *ctx, const sch_solution *sol, const char *phase)
{
	if (!ctx->opts->log)
		return;
	char buf[512];
	int n = snprintf(buf, sizeof buf, "%lld hard, %lld soft (%.3f s)", (long long)sch_solution_hard(sol),
			 (long long)sch_solution_soft(sol), sch_solver_ctx_elapsed(ctx));
	for (int t = 0; t < SCH_T_FIRST_SOFT && n > 0 && (size_t)n < sizeof buf; t++)
		if (sch_solution_term_amount(sol, t) > 0)
			n += snprintf(buf + n, sizeof buf - (size_t)n, "%s %s %lld", n > 0 && buf[n - 1] == ')' ? ":" : ",",
				      sch_term_name(t), (long long)sch_solution_term_amount(sol, t));
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "%s: %s", phase, buf);
}

void sch__ctx_reset_best(sch_solver_ctx *c, const sch_solution *sol)
{
	c->best_cost = INT64_MAX;
	sch_solver_ctx_offer(c, sol);
}

/* A context for a search in another thread: the run's clock, limits (and the slice
 * running) and bound; its own random stream, iterations and best; no progress reports
 * or log (their callbacks are not for other threads); stops when *abort is set. */
typedef struct {
	sch_solver_ctx ctx;
	sch_solve_options opts;
} forked_ctx;

int sch__ctx_fork(sch_solver_ctx **out, sch_solver_ctx *parent, const int *abort)
{
	forked_ctx *f = calloc(1, sizeof *f);
	int *best = malloc(sizeof(int) * (size_t)(parent->L + 1));
	if (!f || !best) {
		free(f);
		free(best);
		return sch_error_set(SCH_ENOMEM, "out of memory");
	}
	f->opts = *parent->opts;
	f->opts.progress = NULL;
	f->opts.log = NULL;
	f->opts.iterations = 0;
	f->ctx = *parent;
	f->ctx.opts = &f->opts;
	f->ctx.budget = 0;
	f->ctx.iters = 0;
	f->ctx.slice_iters = 0; /* an iteration cap of the parent's slice counts the parent's */
	f->ctx.calls = 0;
	f->ctx.best = best;
	f->ctx.best_cost = INT64_MAX;
	f->ctx.abort = abort;
	uint64_t seed = sch_solver_ctx_random(parent);
	for (int i = 0; i < 4; i++)
		f->ctx.rng[i] = splitmix(&seed);
	*out = &f->ctx;
	return 0;
}

void sch__ctx_free_fork(sch_solver_ctx *c)
{
	if (!c)
		return;
	free(c->best);
	free((forked_ctx *)c);
}

sch__coop *sch__ctx_coop(const sch_solver_ctx *c)
{
	return c->coop;
}

const int *sch__ctx_best_starts(const sch_solver_ctx *c)
{
	return c->best;
}

void sch__ctx_set_coop(sch_solver_ctx *c, sch__coop *co)
{
	c->coop = co;
}

void sch_solver_ctx_set_bound(sch_solver_ctx *c, int64_t bound)
{
	if (bound > c->bound)
		c->bound = bound;
}

int64_t sch_solver_ctx_bound(const sch_solver_ctx *c)
{
	return c->bound;
}

int sch_solver_ctx_run_slice(sch_solver_ctx *c, const sch_solver *solver, sch_solution *sol,
			     const sch_solve_options *opts, double seconds, uint64_t iterations)
{
	if (c->stopped)
		return c->reason;
	double saved_end = c->slice_end, end = now_since(&c->t0) + (seconds > 0 ? seconds : 0);
	uint64_t saved_iters = c->slice_iters, iters = iterations ? c->iters + iterations : 0;
	if (saved_end <= 0 || end < saved_end)
		c->slice_end = end;
	if (iters && (!saved_iters || iters < saved_iters))
		c->slice_iters = iters;
	c->slice_hit = 0;
	int rc = solver->run(sol, opts, c);
	if (c->stopped && c->reason == 0 && c->slice_hit) { /* the slice ran out, not the run */
		c->stopped = 0;
		rc = 0;
	}
	c->slice_hit = 0;
	c->slice_end = saved_end;
	c->slice_iters = saved_iters;
	return rc;
}

void sch_solver_ctx_log(sch_solver_ctx *c, int level, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	if (!c->opts->log)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->opts->log(level, buf, c->opts->log_payload);
}

/* ---- results ---- */

void sch_solve_result_free(sch_solve_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_items; i++)
		free(r->items[i].reason);
	free(r->items);
	for (size_t i = 0; i < r->n_conflict; i++)
		free(r->conflict[i]);
	free(r->conflict);
	free(r);
}

int sch_solve_result_feasible(const sch_solve_result *r) { return r ? r->feasible : 0; }
int sch_solve_result_status(const sch_solve_result *r) { return r ? r->status : SCH_EINVALID; }
sch_cost sch_solve_result_cost(const sch_solve_result *r) { return r ? r->cost : 0; }
sch_cost sch_solve_result_initial_cost(const sch_solve_result *r) { return r ? r->initial : 0; }
uint64_t sch_solve_result_iterations(const sch_solve_result *r) { return r ? r->iterations : 0; }
double sch_solve_result_seconds(const sch_solve_result *r) { return r ? r->seconds : 0; }
double sch_solve_result_feasible_seconds(const sch_solve_result *r) { return r ? r->feasible_seconds : -1; }
int64_t sch_solve_result_bound(const sch_solve_result *r) { return r ? r->bound : -1; }
int sch_solve_result_proved_infeasible(const sch_solve_result *r) { return r ? r->proved_infeasible : 0; }
size_t sch_solve_result_conflict_count(const sch_solve_result *r) { return r ? r->n_conflict : 0; }
const char *sch_solve_result_conflict(const sch_solve_result *r, size_t i)
{
	return r && i < r->n_conflict ? r->conflict[i] : NULL;
}

/* The rules of a proof (solver/sat.h: constraint indexes, then the school's own) in words. */
static int conflict_words(sch_solve_result *res, const sch_school *s, const int *core, int n)
{
	static const char *const own[SCH_SAT_FAMILIES] = {
		[SCH_SAT_PUPIL_GAPS] = "pupils without idle periods (rules: pupil_gaps)",
		[SCH_SAT_CLASS_DAY] = "the classes' lessons a day (max_per_day of the classes)",
		[SCH_SAT_SUBJECT_ONCE] = "a subject at most once a day (rules: subject_once_a_day)",
		[SCH_SAT_TEACHER_DAY] = "the teachers' lessons a day (max_per_day of the teachers)",
		[SCH_SAT_ROOMS] = "the rooms of each kind",
	};
	res->conflict = calloc((size_t)n + 1, sizeof *res->conflict);
	if (!res->conflict)
		return sch_error_set(SCH_ENOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		char buf[512];
		int k = core[i];
		if (k >= s->n_constraints) {
			snprintf(buf, sizeof buf, "%s", own[k - s->n_constraints]);
		} else {
			const sch_constraint *c = &s->constraints[k];
			if (c->source && *c->source)
				snprintf(buf, sizeof buf, "constraint %d (%s, %s)", k + 1, sch_con_type_name(c->type), c->source);
			else
				snprintf(buf, sizeof buf, "constraint %d (%s, line %d)", k + 1, sch_con_type_name(c->type), c->line);
		}
		if (!(res->conflict[res->n_conflict] = strdup(buf)))
			return sch_error_set(SCH_ENOMEM, "out of memory");
		res->n_conflict++;
	}
	return 0;
}

/*
 * Ends the SAT searches of a run (solver/sat.h): `first` waited for when `wait`, `second`
 * (may be NULL) stopped unless the first ran out of time without an answer. A timetable
 * found goes into sol (when not NULL) and to the run; a proof, with the rules it needs,
 * into res.
 */
static int sat_collect(sch_solve_result *res, sch_solver_ctx *ctx, const sch_school *school, sch_solution *sol,
		       sch_sat *first, sch_sat *second, int wait)
{
	int *core = NULL, n_core = 0;
	int st = sch__sat_finish(first, wait, sol, ctx, &core, &n_core), st2 = SCH_SAT_UNKNOWN;
	if (second)
		st2 = sch__sat_finish(second, wait && st == SCH_SAT_UNKNOWN, st == SCH_SAT_FOUND ? NULL : sol, ctx,
				      core ? NULL : &core, core ? NULL : &n_core);
	int rc = 0;
	if (st == SCH_SAT_NONE || st2 == SCH_SAT_NONE) {
		res->proved_infeasible = 1;
		rc = conflict_words(res, school, core, n_core);
		sch_solver_ctx_log(ctx, SCH_LOG_INFO, "sat: no timetable meets every hard rule (proved)");
	}
	free(core);
	if (sol)
		sch__ctx_log_hard(ctx, sol, "sat");
	return rc;
}

double sch_solve_result_gap(const sch_solve_result *r)
{
	if (!r || r->bound < 0 || !r->feasible)
		return -1;
	int64_t soft = SCH_COST_SOFT(r->cost), b = r->bound < soft ? r->bound : soft;
	return soft > 0 ? (double)(soft - b) / (double)soft : 0;
}
size_t sch_solve_result_unplaced_count(const sch_solve_result *r) { return r ? r->n_items : 0; }

int64_t sch_solve_result_term_amount(const sch_solve_result *r, int term)
{
	return r && term >= 0 && term < SCH_T_COUNT ? r->amount[term] : 0;
}

int64_t sch_solve_result_term_cost(const sch_solve_result *r, int term)
{
	return r && term >= 0 && term < SCH_T_COUNT ? r->cost_of[term] : 0;
}

int sch_solve_result_unplaced_lesson(const sch_solve_result *r, size_t i)
{
	return r && i < r->n_items ? r->items[i].lesson : -1;
}

const char *sch_solve_result_unplaced_reason(const sch_solve_result *r, size_t i)
{
	return r && i < r->n_items ? r->items[i].reason : NULL;
}

/* ---- the driver ---- */

int sch_solve(sch_timetable **out, sch_solve_result **result, const sch_school *school,
	      const sch_solve_options *opts)
{
	sch_solve_options def = SCH_SOLVE_OPTIONS_INIT;
	sch_solver_ctx ctx = {0};
	sch_solution *sol = NULL;
	sch_timetable *tt = NULL;
	sch_solve_result *res = NULL;
	sch_sat *beside = NULL; /* a SAT search running beside the partial search */
	int rc = 0;
	if (out)
		*out = NULL;
	if (result)
		*result = NULL;
	if (!out || !school)
		return sch_error_set(SCH_EINVALID, "sch_solve: out and school are required");
	if (!opts)
		opts = &def;
	if (opts->version != SCH_SOLVE_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "sch_solve: unknown options version %d", opts->version);
	if (opts->method < SCH_METHOD_GREEDY || opts->method > SCH_METHOD_MIP)
		return sch_error_set(SCH_EINVALID, "sch_solve: unknown method %d", opts->method);
	if ((opts->method == SCH_METHOD_LOCAL || opts->method == SCH_METHOD_HYBRID) && opts->time_limit <= 0 &&
	    !opts->iterations && !opts->cancel && !opts->progress)
		return sch_error_set(SCH_EINVALID, "sch_solve: the local search needs a time limit, an iteration "
						   "count, a cancel flag or a progress callback to stop");
	/* mip: refused before any work when the model lacks a rule of the school (solver/mip.c) */
	if (opts->method == SCH_METHOD_MIP && (rc = sch_mip_supported(school)) != 0)
		return rc;
	if (opts->from && sch_timetable_school(opts->from) != school)
		return sch_error_set(SCH_EINVALID, "sch_solve: the warm-start timetable is of another school");

	clock_gettime(CLOCK_MONOTONIC, &ctx.t0);
	ctx.opts = opts;
	ctx.budget = opts->iterations;
	ctx.L = school->n_lessons;
	ctx.best_cost = INT64_MAX;
	ctx.feasible_at = -1;
	ctx.bound = -1;
	uint64_t seed = opts->seed;
	for (int i = 0; i < 4; i++)
		ctx.rng[i] = splitmix(&seed);
	ctx.best = malloc(sizeof(int) * (size_t)(school->n_lessons + 1));
	res = calloc(1, sizeof *res);
	if (!ctx.best || !res) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	if ((rc = sch_solution_new(&sol, school, opts->from)) != 0)
		goto done;
	if (opts->from && (rc = sch_solution_from_timetable(sol, opts->from)) != 0)
		goto done;

	int stop_rc = sch_solver_greedy()->run(sol, opts, &ctx), partial_done = 0;
	sch_solver_ctx_offer(&ctx, sol);
	res->initial = ctx.best_cost;
	if (stop_rc < 0 && stop_rc != SCH_ETIMEOUT && stop_rc != SCH_ECANCELLED) {
		rc = stop_rc;
		goto done;
	}
	/* Repair left violations. The constraints section's counting rules leave it stuck on
	 * plateaus: the hard phase (solver/local.c) anneals on the hard cost first. The hard
	 * rules also go to a SAT solver (solver/sat.c), which finds the timetables of schools
	 * whose rules leave few (the Vietnamese FET school) or proves that there is none: with
	 * a time limit in a thread beside the hard phase, on the second core, the first to
	 * find a timetable stopping the other; without one after the hard phase, to a
	 * conflict count, so that a seed gives the same timetable on any machine. */
	if (stop_rc == 0 && ctx.best_hard > 0) {
		sch_solver_ctx_restore_best(&ctx, sol);
		uint64_t sat_seed = opts->seed ^ 0x5a7u; /* not from the run's stream: the hard phase's stays */
		double sat_end = sch_solver_ctx_elapsed(&ctx) + opts->time_limit * 0.5;
		/* not in short runs (the XHSTT split search's slices of 0.5 s, two at a time):
		 * there it has no time to finish and would take a core from the search */
		sch_sat *sat = opts->time_limit >= SAT_MIN_LIMIT
				       ? sch__sat_start(school, opts->cancel, opts->time_limit * 0.5, 0, sat_seed)
				       : NULL;
		if (school->n_constraints > 0)
			stop_rc = sch__local_hard(sol, &ctx, (uint64_t)10000 * (uint64_t)school->n_lessons + 2000000,
						  opts->time_limit > 0 ? opts->time_limit * 0.35 : 0, sch__sat_state_flag(sat));
		int failed = stop_rc == 0 && ctx.best_hard > 0;
		if (!sat && failed && opts->time_limit <= 0)
			sat = sch__sat_start(school, opts->cancel, 0, SAT_CONFLICTS, sat_seed);
		if (sat && school->n_constraints == 0 && opts->time_limit > 0) {
			/* no hard phase: the partial search, which often completes such a school,
			 * runs at once with the SAT search beside it */
			beside = sat;
			sat = NULL;
		}
		if (sat) {
			/* the hard phase gave up and its core is free: a second SAT search with
			 * another seed beside the first (their times vary 2-8 s on the same school) */
			sch_sat *other = NULL;
			double left = sat_end - sch_solver_ctx_elapsed(&ctx);
			if (failed && opts->time_limit > 0 && left > 0.5 && sch__sat_state(sat) == SCH_SAT_RUNNING)
				other = sch__sat_start(school, opts->cancel, left, 0, sat_seed + 1);
			sch_solver_ctx_set_phase(&ctx, "sat");
			sch_sat *first = failed ? sch__sat_first(sat, other, &ctx, sol) : sat;
			if (!first) { /* cancelled while waiting */
				stop_rc = sch_solver_ctx_stop_reason(&ctx);
				first = sat;
				failed = 0;
			}
			if ((rc = sat_collect(res, &ctx, school, sol, first, first == sat ? other : sat, failed)) != 0)
				goto done;
		}
		if (stop_rc < 0 && stop_rc != SCH_ETIMEOUT && stop_rc != SCH_ECANCELLED) {
			rc = stop_rc;
			goto done;
		}
	}
	/* No timetable without hard violations: the one that leaves out the fewest
	 * lessons (solver/partial.c), then the method's search goes on from it. */
	if (stop_rc == 0 && ctx.best_hard > 0) {
		sch_solver_ctx_restore_best(&ctx, sol);
		stop_rc = sch__partial_run(sol, &ctx, opts->time_limit,
					   opts->method == SCH_METHOD_GREEDY ? 0 : opts->time_limit * 0.5);
		partial_done = stop_rc == 0;
		if (stop_rc < 0 && stop_rc != SCH_ETIMEOUT && stop_rc != SCH_ECANCELLED) {
			rc = stop_rc;
			goto done;
		}
	}
	if (beside) { /* its timetable when the partial search left lessons out, else stopped */
		sch_sat *b = beside;
		beside = NULL;
		if ((rc = sat_collect(res, &ctx, school, ctx.best_hard > 0 ? sol : NULL, b, NULL, 0)) != 0)
			goto done;
	}
	if (stop_rc == 0 && opts->method == SCH_METHOD_LOCAL) {
		sch_solver_ctx_restore_best(&ctx, sol);
		stop_rc = sch_solver_local()->run(sol, opts, &ctx);
		sch_solver_ctx_offer(&ctx, sol);
		if (stop_rc < 0 && stop_rc != SCH_ETIMEOUT && stop_rc != SCH_ECANCELLED) {
			rc = stop_rc;
			goto done;
		}
	}
	/* hybrid: local search and large-neighbourhood search (solver/lns.c); mip: the whole
	 * integer program, its incumbent from local search (solver/mip.c) */
	if (stop_rc == 0 && (opts->method == SCH_METHOD_HYBRID || opts->method == SCH_METHOD_MIP)) {
		const sch_solver *next = opts->method == SCH_METHOD_HYBRID ? sch_solver_lns() : sch_solver_mip();
		sch_solver_ctx_restore_best(&ctx, sol);
		stop_rc = next->run(sol, opts, &ctx);
		sch_solver_ctx_offer(&ctx, sol);
		if (stop_rc < 0 && stop_rc != SCH_ETIMEOUT && stop_rc != SCH_ECANCELLED) {
			rc = stop_rc;
			goto done;
		}
	}
	sch_solver_ctx_restore_best(&ctx, sol);
	if (sch_solution_hard(sol) > 0) {
		sch__partial_cut(sol, &ctx, opts->time_limit);
		for (int l = 0; l < school->n_lessons; l++)
			if (sch_solution_start(sol, l) < 0)
				res->n_items++;
		res->items = calloc(res->n_items + 1, sizeof *res->items);
		if (!res->items) {
			rc = sch_error_set(SCH_ENOMEM, "out of memory");
			goto done;
		}
		size_t k = 0;
		for (int l = 0; l < school->n_lessons; l++)
			if (sch_solution_start(sol, l) < 0) {
				res->items[k].lesson = l;
				res->items[k].reason = sch__partial_explain(school, sol, l);
				k++;
			}
	}
	if ((rc = sch_timetable_new(&tt, school)) != 0 || (rc = sch_solution_to_timetable(sol, tt)) != 0)
		goto done;
	res->feasible = sch_solution_hard(sol) == 0;
	res->cost = sch_solution_cost(sol);
	for (int t = 0; t < SCH_T_COUNT; t++) {
		res->amount[t] = sch_solution_term_amount(sol, t);
		res->cost_of[t] = sch_solution_term_cost(sol, t);
	}
	res->iterations = ctx.iters;
	res->seconds = now_since(&ctx.t0);
	res->feasible_seconds = ctx.feasible_at;
	res->bound = ctx.bound >= 0 && res->feasible && ctx.bound > SCH_COST_SOFT(res->cost) ? SCH_COST_SOFT(res->cost)
											 : ctx.bound;
	if (ctx.opts->progress) {
		ctx.phase = "done";
		ctx.best_cost = res->cost;
		ctx.best_hard = sch_solution_hard(sol);
		ctx.best_soft = sch_solution_soft(sol);
		report(&ctx, sol, res->seconds);
	}
	if (stop_rc == SCH_ECANCELLED)
		rc = sch_error_set(SCH_ECANCELLED, "the solve was cancelled; the best timetable so far is returned");
	else if (!res->feasible && stop_rc == SCH_ETIMEOUT && !partial_done && !res->proved_infeasible)
		rc = sch_error_set(SCH_ETIMEOUT, "the time limit ran out before every lesson had a place (%zu left out)",
				   res->n_items);
	else if (!res->feasible)
		rc = sch_error_set(SCH_EINFEASIBLE, "%s: %zu lesson%s left out%s%s",
				   res->proved_infeasible ? "no timetable meets every hard rule (proved)"
							  : "no timetable without hard violations was found",
				   res->n_items, res->n_items == 1 ? "" : "s", res->n_items ? "; first: " : "",
				   res->n_items ? res->items[0].reason : "");
	res->status = rc;
	*out = tt;
	tt = NULL;
	if (result) {
		*result = res;
		res = NULL;
	}
done:
	sch__sat_finish(beside, 0, NULL, NULL, NULL, NULL); /* stopped: an error cut the run short */
	if (rc && rc != SCH_EINFEASIBLE && rc != SCH_ECANCELLED && rc != SCH_ETIMEOUT && out && *out) {
		sch_timetable_free(*out);
		*out = NULL;
	}
	sch_timetable_free(tt);
	sch_solve_result_free(res);
	sch_solution_free(sol);
	free(ctx.best);
	return rc;
}
