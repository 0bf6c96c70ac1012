/* The GLPK integer program as seen by the rest of solver/: build a (sub-)model, solve it, read it back; no glpk.h here. */
#ifndef SCH_SOLVER_MIP_H
#define SCH_SOLVER_MIP_H

#include <stdint.h>

#include "private.h"
#include "schedule/sys/solver.h"

/*
 * A model is built over a solution: the lessons it frees become variables, every
 * other placed lesson stays where it is and counts as a constant. Only solver/mip*.c
 * include glpk.h; lns.c and the driver use this interface.
 *
 * The objective is the soft cost of docs/rules.md restricted to what the free
 * lessons can change (every term of every teacher, class, atom and line they
 * touch, the fixed lessons' share included). A whole model (spec NULL or
 * spec->free NULL) takes every term of the school, so that its objective at a
 * feasible timetable equals the verifier's soft cost.
 */
typedef struct sch_mip sch_mip;

typedef struct {
	const unsigned char *free; /* per lesson, 1 when the model may move it; NULL: every lesson not pinned */
	uint32_t day_mask;         /* bit d: free lessons may start on day d; 0 = every day */
	int max_moves;             /* > 0: at most this many free lessons leave their slot (local branching) */
	int relax;                 /* leave out teacher gaps, difficulty and spread: a smaller model whose
				    * LP relaxation still bounds the soft cost from below */
} sch_mip_spec;

typedef struct {
	double time_limit;  /* seconds for this solve; the run's own limits still apply */
	int cuts;           /* GLPK's cut generators (Gomory, MIR, cover, clique) */
	int use_start;      /* hand the solution's placements to GLPK as the first incumbent */
	int offer;          /* offer every improving incumbent to the run (whole models) */
	int report_bound;   /* the model is whole: its bound is a bound of the run */
	int lp_only;        /* solve the LP relaxation only: its bound, and its values for sch_mip_lp_value */
	const sch_timetable *reference; /* the solution's reference timetable (offer: costs must compare) */
	int *abort;         /* lp_only, ctx NULL (another thread): set to 1 with __atomic_store_n to stop
			     * the interior point method at its next iteration; may be NULL */
} sch_mip_params;

typedef enum {
	SCH_MIP_NONE = 0,   /* no integer solution known */
	SCH_MIP_FEASIBLE,   /* a solution, not proved optimal */
	SCH_MIP_OPTIMAL,    /* proved optimal */
	SCH_MIP_INFEASIBLE  /* the model has no solution */
} sch_mip_status;

typedef struct {
	int status;        /* sch_mip_status */
	double objective;  /* of the best solution (when any) */
	double start;      /* of the start solution, -1 when none was given or it did not fit */
	double bound;      /* lower bound of the objective (-1 unknown) */
	int stopped;       /* the run's limits or the time guard ended the search */
	int n_cols, n_rows, n_free;
	double seconds;
} sch_mip_result;

/*
 * 0 when the integer program models every rule of the school; SCH_ENOTSUP (message set)
 * when it does not: a soft min_days_between beyond one day or with same_day_adjacent
 * (pairs of lessons). The methods that use sub-MIPs must not run on such a school: their
 * timetables could break a rule the model does not know.
 */
int sch_mip_supported(const sch_school *s);

/* Builds the model; SCH_EINFEASIBLE when a free lesson has no slot left, SCH_ENOMEM. */
int sch_mip_build(sch_mip **out, const sch_solution *sol, const sch_mip_spec *spec);
void sch_mip_free(sch_mip *m);
int sch_mip_cols(const sch_mip *m);
int sch_mip_rows(const sch_mip *m);

/*
 * Solves the model with GLPK. Returns 0 (see res->status for what was found),
 * or SCH_ENOMEM / SCH_EINTERNAL when GLPK failed (its error is caught: the
 * process never aborts, and GLPK's environment of the thread is freed). `sol`
 * must hold the placements the model was built over. `ctx` (the run: its clock,
 * limits, log, best and bound) may be NULL: then only par->time_limit stops it.
 */
int sch_mip_solve(sch_mip *m, const sch_solution *sol, sch_solver_ctx *ctx, const sch_mip_params *par,
		  sch_mip_result *res);

/*
 * The changes that bring `sol` to the model's best solution (after a solve that
 * found one): *out points into the model, valid until the next call on it.
 * Lessons of a line keep their slot (or their reference slot) when the new
 * timetable still uses it. Returns the number of changes.
 */
int sch_mip_changes(sch_mip *m, const sch_solution *sol, const sch_change **out);

/* Columns a second the LP relaxation of this model is solved at (interior point method),
 * roughly: to judge whether a bound fits in the time. */
double sch_mip_lp_rate(const sch_mip *m);

/* 1 when some column has a cost; 0 when the objective is a constant (a relaxed model of a
 * school whose soft cost lies all in the terms it leaves out): its LP bound says nothing. */
int sch_mip_priced(const sch_mip *m);

/* A proved lower bound of the model's objective (of the soft cost, for a whole model) found
 * without GLPK in a fraction of a second (dual coordinate ascent, `passes` over the rows,
 * then subgradient steps towards `target`, the objective of a known solution, when > 0;
 * at most about `seconds` when > 0); weaker than the LP's. -1 when out of memory. */
double sch_mip_quick_bound(const sch_mip *m, int passes, double seconds, double target);

/* After an lp_only solve: the relaxation's value of "a lesson of l's group starts at slot"
 * (0 when the slot is not in the model), or -1 when l is fixed or no LP was solved. */
double sch_mip_lp_value(const sch_mip *m, int lesson, int slot);

/* The objective of the model at the placements of `sol` (the free lessons fixed
 * there, every other variable at its best): 0, or SCH_EINFEASIBLE when the
 * placements break a row of the model, or a GLPK failure. */
int sch_mip_evaluate(sch_mip *m, const sch_solution *sol, double *objective);

/* Frees GLPK's environment of the calling thread: a thread that solved a model calls it
 * before it ends (its environment would leak with the thread). */
void sch_mip_thread_done(void);

/* Tests only: a memory limit (MB) for GLPK in this thread, 0 for none, to make it fail. */
void sch_mip__set_mem_limit(int megabytes);

#endif
