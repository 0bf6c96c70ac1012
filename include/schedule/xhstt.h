/* Reading XHSTT (ITC 2011) high-school timetabling archives and evaluating their solutions. */
#ifndef SCHEDULE_XHSTT_H
#define SCHEDULE_XHSTT_H

#include "common.h"

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

#ifdef __cplusplus
}
#endif

#endif
