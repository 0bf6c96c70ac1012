/* Solving: building a timetable for a school (greedy construction, local search, the GLPK integer program), with options and a result. */
#ifndef SCHEDULE_SOLVER_H
#define SCHEDULE_SOLVER_H

#include <stdint.h>

#include "common.h"
#include "types.h"
#include "verify.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sch_solve_result sch_solve_result; /* what a solve found, term by term */

typedef enum {
	SCH_METHOD_GREEDY = 0, /* construction and repair only: the first hard-feasible timetable */
	SCH_METHOD_LOCAL = 1,  /* greedy, then local search on the soft cost until the limit */
	SCH_METHOD_HYBRID = 2, /* greedy, local search, then large-neighbourhood search: sub-MIPs
				* (GLPK) over a day, some classes or teachers, alternating with local search */
	SCH_METHOD_MIP = 3     /* greedy and a short local search, then the whole school as one integer
				* program (GLPK): proves optimality on small schools, else a bound and a gap */
} sch_method;

/* Where a long solve stands; handed to the progress callback. */
typedef struct {
	const char *phase;   /* "greedy", "repair", "hard", "sat", "partial", "local", "lns", "mip" */
	double elapsed;      /* seconds since the solve began */
	int64_t hard;        /* hard violations of the best timetable so far */
	int64_t soft;        /* its soft cost */
	int64_t best_bound;  /* a proved lower bound on the soft cost, -1 when unknown */
	int placed;          /* lessons placed in the current state */
	int total;           /* lessons of the school */
	uint64_t iterations; /* iterations of the current phase */
	double gap;          /* (soft - best_bound) / soft: 0 proves the timetable optimal; -1 unknown */
} sch_progress;

/* Called at least every ~100 ms during a solve; a non-zero return cancels
 * (SCH_ECANCELLED), and the best timetable found so far is still returned. */
typedef int (*sch_progress_cb)(const sch_progress *progress, void *payload);

#define SCH_SOLVE_OPTIONS_VERSION 1

typedef struct {
	int version;                /* SCH_SOLVE_OPTIONS_VERSION */
	int method;                 /* sch_method; default SCH_METHOD_LOCAL */
	double time_limit;          /* seconds; <= 0: no limit (then set iterations) */
	uint64_t seed;              /* the same seed and input give the same timetable */
	uint64_t iterations;        /* local search iterations; 0 = until the time limit. Unlike a
				     * time limit, whose stop point depends on the machine's speed,
				     * a count makes runs reproducible byte for byte. */
	volatile int *cancel;       /* set non-zero (from a signal handler, another thread) to stop */
	sch_progress_cb progress;   /* may be NULL */
	void *progress_payload;
	sch_log_cb log;             /* may be NULL */
	void *log_payload;
	const sch_timetable *from;  /* warm start: begin here; moving a lesson costs `moved` */
} sch_solve_options;

#define SCH_SOLVE_OPTIONS_INIT {SCH_SOLVE_OPTIONS_VERSION, SCH_METHOD_LOCAL, 10.0, 1, 0, NULL, NULL, NULL, NULL, NULL, NULL}

/* Fills opts with the defaults (as SCH_SOLVE_OPTIONS_INIT). */
SCH_EXTERN(int) sch_solve_options_init(sch_solve_options *opts, int version);

/*
 * Builds a timetable for `school`. *out receives the best timetable found
 * (rooms assigned), *result (may be NULL) what the solve found. Returns 0 when
 * the timetable has no hard violation; SCH_EINFEASIBLE when none was found
 * (*out is the best partial timetable: lessons that could not be placed are
 * left out, and the result explains why); SCH_ECANCELLED when the cancel flag
 * or the progress callback stopped the solve and SCH_ETIMEOUT when the time
 * ran out before a hard-feasible timetable was found (both still give the
 * best timetable so far in *out; a school proved infeasible gives SCH_EINFEASIBLE
 * even so); SCH_EINVALID for bad arguments, SCH_ENOMEM.
 * `opts` may be NULL for the defaults.
 */
SCH_EXTERN(int) sch_solve(sch_timetable **out, sch_solve_result **result, const sch_school *school,
			  const sch_solve_options *opts);

SCH_EXTERN(void) sch_solve_result_free(sch_solve_result *result);
/* 1 when the timetable has no hard violation. */
SCH_EXTERN(int) sch_solve_result_feasible(const sch_solve_result *result);
/* The status sch_solve returned. */
SCH_EXTERN(int) sch_solve_result_status(const sch_solve_result *result);
SCH_EXTERN(sch_cost) sch_solve_result_cost(const sch_solve_result *result);
/* Amount (unweighted) and cost (weighted) of a term in the final timetable. */
SCH_EXTERN(int64_t) sch_solve_result_term_amount(const sch_solve_result *result, int term);
SCH_EXTERN(int64_t) sch_solve_result_term_cost(const sch_solve_result *result, int term);
/* The cost of the first complete timetable (after construction and repair). */
SCH_EXTERN(sch_cost) sch_solve_result_initial_cost(const sch_solve_result *result);
SCH_EXTERN(uint64_t) sch_solve_result_iterations(const sch_solve_result *result);
/* A proved lower bound on the soft cost of any timetable of the school (from the integer
 * program's relaxation: methods mip and hybrid), -1 when none is known. */
SCH_EXTERN(int64_t) sch_solve_result_bound(const sch_solve_result *result);
/* The relative gap (soft - bound) / soft of the result (0 when soft = bound: proved
 * optimal), -1 when no bound is known. */
SCH_EXTERN(double) sch_solve_result_gap(const sch_solve_result *result);
/* 1 when the search proved that no timetable meets every hard rule of the school (the
 * SAT search over the hard rules, which runs where repair leaves violations and the
 * run has a time limit or no hard phase finds a timetable), else 0. Without that proof an infeasible result may only mean
 * that the search ran out of time. */
SCH_EXTERN(int) sch_solve_result_proved_infeasible(const sch_solve_result *result);
/* With such a proof: the hard rules it needs, in words ("constraint 3 (min_days_between,
 * FET ConstraintMinDaysBetweenActivities, line 4567)", "pupils without idle periods
 * (rules: pupil_gaps)"), as few as a short search finds; together with the lessons, their
 * clashes and the available periods they cannot all be met. None when those alone cannot. */
SCH_EXTERN(size_t) sch_solve_result_conflict_count(const sch_solve_result *result);
SCH_EXTERN(const char *) sch_solve_result_conflict(const sch_solve_result *result, size_t i);
/* Seconds the solve took, and when the first hard-feasible timetable appeared (-1: never). */
SCH_EXTERN(double) sch_solve_result_seconds(const sch_solve_result *result);
SCH_EXTERN(double) sch_solve_result_feasible_seconds(const sch_solve_result *result);
/* Lessons that could not be placed (or stay in a hard violation), each with
 * the rules and entities that block it, in an operator's words. */
SCH_EXTERN(size_t) sch_solve_result_unplaced_count(const sch_solve_result *result);
SCH_EXTERN(int) sch_solve_result_unplaced_lesson(const sch_solve_result *result, size_t i);
SCH_EXTERN(const char *) sch_solve_result_unplaced_reason(const sch_solve_result *result, size_t i);
/* The method's name ("greedy", "local", "hybrid", "mip"). */
SCH_EXTERN(const char *) sch_method_name(int method);
/* Parses "greedy", "local"...; SCH_EINVALID when unknown. */
SCH_EXTERN(int) sch_method_parse(const char *name);

#ifdef __cplusplus
}
#endif

#endif
