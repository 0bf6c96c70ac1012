/* The hybrid's second core: a second worker on the local search's annealing chain. */
#ifndef SCH_SOLVER_COOP_H
#define SCH_SOLVER_COOP_H

#include "private.h"
#include "schedule/sys/solver.h"

typedef struct sch__coop sch__coop;

/*
 * Makes the next local search run on ctx (by time, not by an iteration budget)
 * share its annealing chain with a worker thread (see coop.c): once *go != 0 (read
 * atomically; go NULL: at once) it calls ready(ready_arg, ctx) in its own thread
 * (when ready is not NULL; the hybrid takes the LP thread's bound then) and starts
 * the worker from its timetable of the moment.
 */
int sch__coop_new(sch__coop **out, sch_solver_ctx *ctx, const sch_solve_options *opts, const int *go,
		  void (*ready)(void *arg, sch_solver_ctx *ctx), void *ready_arg, int n_lessons);

/* For the local search (local.c): its cooling (start and end temperature, its start
 * and length in seconds of the run): the first search's are recorded, the worker's
 * are set to them. */
void sch__coop_cooling(sch__coop *co, sch_solver_ctx *ctx, double *temp0, double *temp_end, double *begin,
		       double *seconds);

/* For the first search, now and then: starts the worker when it is time. */
void sch__coop_poll(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx);

/* Before each move: applies the moves the other thread published; a new best (below
 * *best) is offered to ctx. Returns -1 when the worker must stop (the threads left
 * the one chain), else 0. */
int sch__coop_catch_up(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx, sch_cost *best);

/* After a move was applied and accepted: publishes it. Returns 1 when it stays, 0
 * when the caller must revert it (the other thread moved the chain meanwhile). */
int sch__coop_publish(sch__coop *co, sch_solver_ctx *ctx, const sch_change *ch, int n);

/* For tests: the ring of the coops made from now on holds this many moves (0: the
 * default), so that a thread soon falls a ring behind. Not thread-safe. */
void sch__coop_test_ring(int records);

/* ctx's best goes to the shared one, or the shared one, when better, becomes sol and
 * ctx's best (returns 1 then). */
int sch__coop_sync(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx);

/* Stops the worker and waits for it; sol becomes the better of the two best
 * timetables, offered to ctx; its iterations count in ctx's. Frees co (NULL: nothing). */
void sch__coop_finish(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx);

/* The context's side (solver/solve.c). A context for another thread: the run's clock,
 * limits and bound, its own random stream (from parent's), best and iterations, no
 * progress or log; stops once *abort != 0. Freed by sch__ctx_free_fork. */
int sch__ctx_fork(sch_solver_ctx **out, sch_solver_ctx *parent, const int *abort);
void sch__ctx_free_fork(sch_solver_ctx *c);
sch__coop *sch__ctx_coop(const sch_solver_ctx *c);
void sch__ctx_set_coop(sch_solver_ctx *c, sch__coop *co);
const int *sch__ctx_best_starts(const sch_solver_ctx *c); /* valid once a solution was offered */

#endif
