/* Writing a solver: a small versioned table of functions over a solution, and the services of the driver. */
#ifndef SCHEDULE_SYS_SOLVER_H
#define SCHEDULE_SYS_SOLVER_H

#include <stdint.h>

#include "../solver.h"
#include "solution.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The driver's side of a run: clock, limits, randomness, progress, the best solution. */
typedef struct sch_solver_ctx sch_solver_ctx;

#define SCH_SOLVER_VERSION 1

/*
 * A solver improves a solution in place. run returns 0 when it stopped on its
 * own, SCH_ETIMEOUT or SCH_ECANCELLED when the context told it to stop (the
 * solution may then be any state: the driver keeps the best it was offered),
 * or another negative code on failure.
 */
typedef struct {
	int version; /* SCH_SOLVER_VERSION */
	const char *name;
	int (*run)(sch_solution *sol, const sch_solve_options *opts, sch_solver_ctx *ctx);
} sch_solver;

/* The built-in solvers. */
SCH_EXTERN(const sch_solver *) sch_solver_greedy(void);
SCH_EXTERN(const sch_solver *) sch_solver_local(void);
/* The whole school as one GLPK integer program, started from the solution it gets. */
SCH_EXTERN(const sch_solver *) sch_solver_mip(void);
/* Large-neighbourhood search: sub-MIPs over parts of the school, alternating with local search. */
SCH_EXTERN(const sch_solver *) sch_solver_lns(void);

/* Non-zero when the solver must stop: time limit, cancel flag, a cancelling
 * progress callback. Cheap: the clock is read at most every few calls, and
 * progress is reported from here about every 100 ms. */
SCH_EXTERN(int) sch_solver_ctx_should_stop(sch_solver_ctx *ctx, const sch_solution *sol);
/* The same, reading the clock every time: for solvers whose steps take long (sub-MIPs,
 * GLPK's callbacks), so that limits and progress reports are on time. */
SCH_EXTERN(int) sch_solver_ctx_should_stop_now(sch_solver_ctx *ctx, const sch_solution *sol);
/* SCH_ETIMEOUT or SCH_ECANCELLED after should_stop said stop, else 0. */
SCH_EXTERN(int) sch_solver_ctx_stop_reason(const sch_solver_ctx *ctx);
/* The phase shown in progress reports ("greedy", "local"). */
SCH_EXTERN(void) sch_solver_ctx_set_phase(sch_solver_ctx *ctx, const char *phase);
SCH_EXTERN(double) sch_solver_ctx_elapsed(const sch_solver_ctx *ctx);
/* Seconds left before the run, or the slice of it (sch_solver_ctx_run_slice) that is
 * running, must stop: 0 when past it, -1 when neither has a time limit. */
SCH_EXTERN(double) sch_solver_ctx_time_left(const sch_solver_ctx *ctx);
/* The next pseudo-random number of the run (derived from the seed only). */
SCH_EXTERN(uint64_t) sch_solver_ctx_random(sch_solver_ctx *ctx);
/* A pseudo-random integer in [0, n). */
SCH_EXTERN(uint32_t) sch_solver_ctx_below(sch_solver_ctx *ctx, uint32_t n);
/* Counts iterations; the iteration budget (opts->iterations) is checked against this. */
SCH_EXTERN(void) sch_solver_ctx_count(sch_solver_ctx *ctx, uint64_t iterations);
SCH_EXTERN(uint64_t) sch_solver_ctx_iterations(const sch_solver_ctx *ctx);
/* Iterations left of the budget (UINT64_MAX without one). */
SCH_EXTERN(uint64_t) sch_solver_ctx_budget(const sch_solver_ctx *ctx);
/* Offers the current solution: kept as the best when its cost is lower. Returns 1 when kept. */
SCH_EXTERN(int) sch_solver_ctx_offer(sch_solver_ctx *ctx, const sch_solution *sol);
/* The best cost offered so far (INT64_MAX before any). */
SCH_EXTERN(sch_cost) sch_solver_ctx_best_cost(const sch_solver_ctx *ctx);
/* Copies the best solution offered into sol. */
SCH_EXTERN(int) sch_solver_ctx_restore_best(sch_solver_ctx *ctx, sch_solution *sol);
/* Records a proved lower bound on the soft cost of every timetable of the school (for
 * progress reports and the result); a bound lower than the one known is ignored. */
SCH_EXTERN(void) sch_solver_ctx_set_bound(sch_solver_ctx *ctx, int64_t bound);
/* The best bound recorded, -1 when none. */
SCH_EXTERN(int64_t) sch_solver_ctx_bound(const sch_solver_ctx *ctx);
/*
 * Runs another solver on sol as a slice of this run: it stops after `seconds`
 * (> 0) or, when `iterations` > 0, after that many more iterations, whichever
 * comes first, and the run's own limits still apply. Returns what the solver
 * returned (0 when the slice ran out): the building block of hybrid solvers.
 */
SCH_EXTERN(int) sch_solver_ctx_run_slice(sch_solver_ctx *ctx, const sch_solver *solver, sch_solution *sol,
					 const sch_solve_options *opts, double seconds, uint64_t iterations);
/* A message to the caller's log callback. */
SCH_EXTERN(void) sch_solver_ctx_log(sch_solver_ctx *ctx, int level, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

#ifdef __cplusplus
}
#endif

#endif
