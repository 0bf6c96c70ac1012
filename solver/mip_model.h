/* The integer program's arrays, shared by the builder (mip_model.c) and the GLPK side (mip_solve.c). */
#ifndef SCH_SOLVER_MIP_MODEL_H
#define SCH_SOLVER_MIP_MODEL_H

#include <stddef.h>

#include "mip.h"

/* Column kinds and row senses, translated to GLPK's only in mip_solve.c. */
enum { SCH_MC_BIN = 0, SCH_MC_CONT = 1, SCH_MC_INT = 2 };
enum { SCH_MR_LE = 0, SCH_MR_GE = 1, SCH_MR_EQ = 2 };

/*
 * Identical lessons of a load line (same length, free) are one group: their
 * variable x[g, s] says "a lesson of g starts at slot s", and the group's row
 * says that n of them do. There are no symmetric copies to branch over.
 */
typedef struct {
	int line, length;
	int n;         /* lessons to place */
	int *lessons;  /* the free lessons of the group */
	int col0;      /* its columns are col0 .. col0+n_cols-1, one per start slot */
	int n_cols;
	int *slot;     /* start slot of each column, ascending */
} sch_mip_group;

struct sch_mip {
	const sch_school *s;
	int whole;
	int relax; /* teacher gaps, difficulty and spread left out (a relaxation for a bound) */

	/* Columns (0-based here; GLPK's are +1). x columns come first, one per group slot. */
	int n_cols, cap_cols, n_x;
	unsigned char *ckind;
	double *clb, *cub, *cobj;
	double obj_const;

	/* Rows and the matrix (row and column indices 0-based). */
	int n_rows, cap_rows;
	unsigned char *rtype;
	double *rrhs;
	size_t nnz, cap_nnz;
	int *ia, *ja;
	double *ar;

	sch_mip_group *groups;
	int n_groups;
	int *lgroup;   /* per lesson: its group, -1 when fixed */
	int n_free;

	/* Results read back. */
	double *x;     /* n_cols values of the best solution */
	int has_x;
	double *lpx;   /* n_cols values of the LP relaxation (lp_only solves) */
	int has_lpx;
	sch_change *changes;
	int *scratch;  /* per lesson */
};

/* Start vector: x columns at the solution's placements (1 = some lesson of the
 * group starts there). Returns 0, or -1 when a free lesson is unplaced or at a
 * slot the model does not offer. */
int sch_mip__start_x(const sch_mip *m, const sch_solution *sol, double *x);

#endif
