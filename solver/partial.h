/* Infeasible schools: the partial timetable that leaves out the fewest lessons, and why each is left out. */
#ifndef SCH_SOLVER_PARTIAL_H
#define SCH_SOLVER_PARTIAL_H

#include "private.h"
#include "schedule/sys/solver.h"

/*
 * Called when construction and repair found no timetable without hard
 * violations (sol holds the best one found). Searches for a timetable of as
 * many lessons as it can that breaks no hard rule but `missing`: an unplaced
 * lesson costs a weight, every other hard violation 1, lessons are moved,
 * taken out and put back (ejection chains under a tabu list), and lessons are
 * cut only to clear what violations remain, the fewest first. Stops after
 * `seconds` (<= 0: no limit of its own), when the run must stop (its time
 * limit is `time_limit`, <= 0 none), or when the
 * count has not improved for a while. Leaves the best partial timetable in sol
 * and makes it the run's best (sch__ctx_reset_best). Returns 0, or what
 * sch_solver_ctx_stop_reason says.
 */
int sch__partial_run(sch_solution *sol, sch_solver_ctx *ctx, double time_limit, double seconds);

/* Takes out lessons until no hard violation but `missing` is left, the fewest
 * it can find (a lesson goes with the lessons after it on its class-day when
 * that leaves no gap), then puts back every lesson that fits cleanly. Past the
 * run's time limit (seconds, <= 0 none) it takes out every lesson in violation
 * at once instead, so that it always finishes soon. */
void sch__partial_cut(sch_solution *sol, sch_solver_ctx *ctx, double time_limit);

/* Why lesson l is not placed in sol, in an operator's words (malloc'ed). */
char *sch__partial_explain(const sch_school *s, const sch_solution *sol, int l);

/* The hard phase (solver/local.c): annealing on the hard cost from a complete timetable
 * with violations, until none is left, max_iter iterations, `until` seconds into the
 * run (<= 0: none) or *found_elsewhere turns 1 (NULL: never; read atomically: the SAT
 * thread's state, SCH_SAT_FOUND in solver/sat.h). Leaves the best timetable found in sol and offers
 * it to the run. Returns 0, or what sch_solver_ctx_stop_reason says. */
int sch__local_hard(sch_solution *sol, sch_solver_ctx *ctx, uint64_t max_iter, double until, const int *found_elsewhere);

/* Makes sol the run's best solution whatever its cost (solver/solve.c): the
 * partial timetable replaces a complete one with violations. */
void sch__ctx_reset_best(sch_solver_ctx *ctx, const sch_solution *sol);

/* Logs (debug) what phase left: its hard cost, time and each hard term still broken (solver/solve.c). */
void sch__ctx_log_hard(sch_solver_ctx *ctx, const sch_solution *sol, const char *phase);

#endif
