/* Clauses for CaDiCaL, shared by the SAT encodings (solver/sat.c, solver/xhstt_sat.c). */
#ifndef SCH_SOLVER_CNF_H
#define SCH_SOLVER_CNF_H

#include <ccadical.h>

/* solver/sat_guard.cc: CaDiCaL's allocating calls, its exceptions caught */
/* a solver with its options set (names[i] = values[i]); NULL when out of memory */
CCaDiCaL *sch__cadical_init(const char *const *names, const int *values, int n);
int sch__cadical_add(CCaDiCaL *cc, int lit);
int sch__cadical_solve(CCaDiCaL *cc);
int sch__cadical_assume(CCaDiCaL *cc, int lit);

typedef struct {
	CCaDiCaL *cc;
	int nv;    /* variables made (1-based ids) */
	int oom;   /* CaDiCaL ran out of memory: the formula is incomplete */
	int guard; /* nonzero: every clause holds only while this literal is true */
} sch_cnf;

static inline void cnf_add(sch_cnf *f, int lit)
{
	if (lit == 0 && f->guard && sch__cadical_add(f->cc, -f->guard) != 0)
		f->oom = 1;
	if (sch__cadical_add(f->cc, lit) != 0)
		f->oom = 1;
}

static inline int cnf_var(sch_cnf *f)
{
	return ++f->nv;
}

static inline void cnf_unit(sch_cnf *f, int a)
{
	cnf_add(f, a);
	cnf_add(f, 0);
}

static inline void cnf_clause2(sch_cnf *f, int a, int b)
{
	cnf_add(f, a);
	cnf_add(f, b);
	cnf_add(f, 0);
}

static inline void cnf_clause3(sch_cnf *f, int a, int b, int c)
{
	cnf_add(f, a);
	cnf_add(f, b);
	cnf_add(f, c);
	cnf_add(f, 0);
}

/*
 * At most k of lits true (Sinz's sequential counter); when cond != 0 only while cond
 * is true. The counter's registers are pushed up by the literals only, so leaving
 * the overflow clauses off (cond false) leaves the literals free.
 */
void sch__cnf_at_most(sch_cnf *f, const int *lits, int n, int k, int cond);
/* At least k of lits true (when cond is, if cond != 0); lits is restored. */
void sch__cnf_at_least(sch_cnf *f, int *lits, int n, int k, int cond);
/* v <-> OR of lits[0 .. n-1] */
void sch__cnf_define_or(sch_cnf *f, int v, const int *lits, int n);
/*
 * A totalizer: out[k-1] <-> "at least k of lits are true" for k = 1 .. min(n, bound)
 * (out sized so). Returns how many outputs it made, -1 when out of memory.
 */
int sch__cnf_count(sch_cnf *f, const int *lits, int n, int bound, int *out);

#endif
