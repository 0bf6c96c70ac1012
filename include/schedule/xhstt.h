/* Reading XHSTT (ITC 2011) high-school timetabling archives and evaluating their solutions. */
#ifndef SCHEDULE_XHSTT_H
#define SCHEDULE_XHSTT_H

#include "common.h"
#include "diag.h"
#include "solver.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One archive: the first instance and the solutions of it; docs/xhstt.md says what is read. */
typedef struct sch_xhstt sch_xhstt;

/*
 * Reads the archive at `path`. Failures: SCH_EIO (cannot read the file), SCH_EINVALID
 * (not well-formed XML, not an XHSTT archive, a reference to an unknown id, a solution
 * whose sub-event durations do not add up), each with a "file:line: ..." message;
 * SCH_ENOMEM. On failure *out is NULL.
 */
SCH_EXTERN(int) sch_xhstt_load(sch_xhstt **out, const char *path);
/* Frees the archive; NULL is harmless. */
SCH_EXTERN(void) sch_xhstt_free(sch_xhstt *x);

/* Sizes of the instance read (borrowed strings, valid until sch_xhstt_free). */
typedef struct {
	const char *id;   /* the Instance Id */
	const char *name; /* MetaData/Name, or "" */
	int times, resources, events, constraints;
	int instances_skipped; /* further Instance elements, not read */
} sch_xhstt_instance_info;

SCH_EXTERN(void) sch_xhstt_instance(const sch_xhstt *x, sch_xhstt_instance_info *out);

/* Solutions of the first instance, in file order (solutions of other instances are skipped). */
SCH_EXTERN(int) sch_xhstt_solution_count(const sch_xhstt *x);

typedef struct {
	const char *group;       /* the SolutionGroup Id */
	const char *contributor; /* SolutionGroup MetaData/Contributor, or NULL */
	const char *description; /* the Solution's Description, else the group's, or NULL */
	const char *date;        /* SolutionGroup MetaData/Date, or NULL */
	int has_report;          /* 1 when the Solution carries a Report with both values */
	int64_t reported_infeasibility, reported_objective;
	int sub_events;          /* solution events (sub-events) read */
	int line;                /* line of the Solution element */
} sch_xhstt_solution;

/* Fills *out for solution `i`; SCH_EINVALID when i is out of range. */
SCH_EXTERN(int) sch_xhstt_solution_info(const sch_xhstt *x, int i, sch_xhstt_solution *out);

/* The cost of one constraint in one solution. */
typedef struct {
	const char *id;     /* the constraint's Id (borrowed) */
	const char *name;   /* its Name, or "" */
	const char *type;   /* its element name, "AvoidClashesConstraint" */
	int supported;      /* 0: a type this evaluator does not know; deviation and cost are 0 */
	int required;       /* 1: counts toward infeasibility, 0: toward the objective */
	int weight;
	int points;         /* points of application */
	int violated;       /* points with a non-zero deviation */
	int64_t deviation;  /* the sum of the points' deviations */
	int64_t cost;       /* the sum of weight x f(deviation) over the points */
} sch_xhstt_constraint_cost;

typedef struct {
	int64_t infeasibility; /* total cost of the required constraints */
	int64_t objective;     /* total cost of the other constraints */
	int unsupported;       /* constraints of unknown types, not evaluated */
	int count;             /* entries of `constraints`, in instance order */
	sch_xhstt_constraint_cost *constraints; /* owned: release with sch_xhstt_cost_free */
} sch_xhstt_cost;

/*
 * Evaluates solution `solution` exactly as the XHSTT specification defines it: for every
 * point of application a deviation, cost = weight x f(deviation) with f Linear (d),
 * Quadratic (d^2) or Step (d > 0). Fills *out; free it with sch_xhstt_cost_free.
 * Failures: SCH_EINVALID (bad index), SCH_ENOMEM.
 */
SCH_EXTERN(int) sch_xhstt_evaluate(const sch_xhstt *x, int solution, sch_xhstt_cost *out);
/* Frees the breakdown of *c and zeroes it; NULL is harmless. */
SCH_EXTERN(void) sch_xhstt_cost_free(sch_xhstt_cost *c);


/* ---- Into and out of the school model (lib/xhstt_import.c, lib/xhstt_export.c) ---- */

/* How an archive becomes a school; docs/xhstt.md has the mapping. */
typedef struct {
	int version;             /* SCH_XHSTT_IMPORT_OPTIONS_VERSION */
	const char *instance_id; /* NULL: the first instance (the only one read) */
	int split_solution;      /* SCH_XHSTT_SPLITS_OWN: choose each event's split (the cheapest
	                          * under the split constraints that fits the days); i >= 0: take
	                          * the splits of embedded solution i; SCH_XHSTT_SPLITS_BEST: those
	                          * of the embedded solution of least cost (own when there is none) */
	int strict;              /* 1: constraints that cannot be mapped are errors, not warnings */
} sch_xhstt_import_options;

#define SCH_XHSTT_SPLITS_OWN (-1)
#define SCH_XHSTT_SPLITS_BEST (-2)
#define SCH_XHSTT_IMPORT_OPTIONS_VERSION 1
#define SCH_XHSTT_IMPORT_OPTIONS_INIT {SCH_XHSTT_IMPORT_OPTIONS_VERSION, NULL, -1, 0}

/*
 * Reads the XHSTT archive at `path` and builds a finalized school of its instance: days and
 * periods from the times, teachers / classes / rooms from the resources, a load line per
 * event (per lesson length of its split; line id = event id), the constraints mapped to the
 * school's `constraints`, the school's own soft weights off. What cannot be mapped is
 * reported in `diags` (may be NULL): a warning per constraint type with its count (an error
 * under `strict`), plus a note of the split cost the fixed splits incur. Failures: SCH_EIO,
 * SCH_EINVALID (not an archive, unknown references, a shape the model cannot hold: a diag
 * and the message say which), SCH_ENOTFOUND (no such instance), SCH_ENOMEM. *out is NULL then.
 */
SCH_EXTERN(int) sch_xhstt_import_school(const char *path, const char *instance_id, sch_school **out,
					sch_diags *diags);
SCH_EXTERN(int) sch_xhstt_import_school_opts(const char *path, const sch_xhstt_import_options *opts,
					     sch_school **out, sch_diags *diags);
/* The same from an archive already loaded; `x` is only read. */
SCH_EXTERN(int) sch_xhstt_to_school(const sch_xhstt *x, const sch_xhstt_import_options *opts,
				    sch_school **out, sch_diags *diags);

/*
 * Solves the instance with the events' splits searched too (lib/xhstt_solve.c): a short SAT
 * search (a twentieth of sopts->time_limit, at most 1 s), which ends the solve when it proves
 * the optimum; the importer's splits solved for a tenth of the limit; then the whole instance
 * as weighted MaxSAT (every event's split and times), lowered by large-neighbourhood search
 * from that timetable until the limit, in two threads (docs/xhstt.md). Archives the SAT
 * search cannot state (LinkEvents, resources to assign) take the split search instead: one
 * event at a time takes another split of no required cost, the timetable so far is carried
 * over and solved again briefly, and the change is kept when the XHSTT cost (the school's
 * cost plus the splits' own) is no worse; with two cores two changes are tried at once.
 * *school and *tt receive the school of the splits found and its timetable (write it with
 * sch_xhstt_add_timetable). Splits taken from an embedded solution (iopts->split_solution)
 * or method greedy: no search, one solve. sopts (may be NULL) as for sch_solve, with a time
 * limit; its progress line shows phase "sat" or "splits" and the best cost. Returns 0,
 * SCH_EINFEASIBLE (a timetable is still returned), SCH_ECANCELLED (the best so far is
 * returned), or the import's and the solver's errors (then nothing is returned).
 */
SCH_EXTERN(int) sch_xhstt_solve(sch_school **school, sch_timetable **tt, const sch_xhstt *x,
				const sch_xhstt_import_options *iopts, const sch_solve_options *sopts,
				sch_diags *diags);

/*
 * Appends to the archive a solution made from `tt`, a timetable of a school imported from
 * this archive (its load lines name the events by id; lines without an id are matched by
 * subject = Course, classes and teachers): each lesson is a sub-event of its event
 * with the lesson's length, at the time of its day and period, or without a time when it
 * is unplaced; events with no lesson in the school are left unassigned. *index (may be
 * NULL) receives the new solution's index, to evaluate or write. Failures: SCH_EINVALID
 * (a line naming no event of the archive, a day or period without a time), SCH_ENOMEM.
 */
SCH_EXTERN(int) sch_xhstt_add_timetable(sch_xhstt *x, const sch_timetable *tt, const char *group,
					int *index);

/*
 * The timetable of solution `solution` for `school` (imported from this archive): each
 * sub-event is placed on a lesson of its event's lines of the same length. Fails with
 * SCH_EINVALID when the solution's split of an event differs from the school's (the
 * message names the event), or a time is not on the school's grid. Unassigned sub-events
 * leave their lessons unplaced.
 */
SCH_EXTERN(int) sch_xhstt_solution_timetable(const sch_xhstt *x, int solution, const sch_school *school,
					     sch_timetable **out);

/*
 * Writes the archive's instance (as read from its file) with one SolutionGroup holding
 * solution `solution` to `path` (temporary file + rename).
 * The result is an archive that XHSTT evaluators (and sch_xhstt_load) read.
 * Failures: SCH_EIO, SCH_EINVALID (bad index), SCH_ENOMEM.
 */
SCH_EXTERN(int) sch_xhstt_write_solution(const sch_xhstt *x, int solution, const char *path);
/* The same into a malloc'ed string (free with sch_free). */
SCH_EXTERN(int) sch_xhstt_solution_to_string(char **out, size_t *len, const sch_xhstt *x, int solution);

#ifdef __cplusplus
}
#endif

#endif
