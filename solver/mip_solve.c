/* Solving the integer program with GLPK: errors caught, output to the log, a time guard, the start incumbent, the bound. */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mip_model.h"

/*
 * GLPK aborts the process on an error (a bad index, out of memory) unless an
 * error hook jumps out; afterwards its environment of the thread must be freed
 * (glp_free_env), which frees every GLPK object of the thread. So every entry
 * point here installs the hooks, keeps its state on the heap (longjmp leaves
 * locals undefined), and on an error frees the environment and returns a code.
 * GLPK's terminal output goes, line by line, to the run's log at debug level.
 */

static _Thread_local int mem_limit_mb;

void sch_mip__set_mem_limit(int megabytes)
{
	mem_limit_mb = megabytes;
}

typedef struct {
	jmp_buf jb;
	sch_solver_ctx *ctx;
	char line[512];
	size_t n;
	char last[2][512]; /* the last two complete lines: GLPK's error message and where */
	/* The interior point method has no time limit, but prints a line per iteration: past
	 * stop_at (run seconds, 0 = never) or when the run must stop, the terminal hook jumps
	 * out (interrupted = 1) and the environment is freed, as after an error. */
	double stop_at;
	double last_line;  /* when the last line came (while stop_at is set) */
	const sch_solution *sol;
	int interrupted;
	int *abort;        /* another thread sets *abort (atomically) to stop the method early */
} genv;

/* Seconds on a clock of this process: the run's when there is one. */
static double genv_now(const genv *e)
{
	if (e->ctx)
		return sch_solver_ctx_elapsed(e->ctx);
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void flush_line(genv *e)
{
	if (!e->n)
		return;
	e->line[e->n] = 0;
	memcpy(e->last[0], e->last[1], sizeof e->last[0]);
	snprintf(e->last[1], sizeof e->last[1], "%s", e->line);
	if (e->ctx)
		sch_solver_ctx_log(e->ctx, SCH_LOG_DEBUG, "glpk: %s", e->line);
	e->n = 0;
}

static int on_term(void *info, const char *s)
{
	genv *e = info;
	for (; *s; s++) {
		if (*s == '\n') {
			flush_line(e);
			if (e->stop_at <= 0)
				continue;
			/* a step takes about as long as the one before: one that would end past
			 * stop_at is not begun (an iteration of the Romanian FET school's LP takes
			 * over a second, and the run ended up to 1.1 s late) */
			double now = genv_now(e), step = now - e->last_line;
			e->last_line = now;
			if (now + step >= e->stop_at || (e->abort && __atomic_load_n(e->abort, __ATOMIC_ACQUIRE)) ||
			    (e->ctx && sch_solver_ctx_should_stop_now(e->ctx, e->sol))) {
				e->interrupted = 1;
				e->stop_at = 0;
				longjmp(e->jb, 1);
			}
			continue;
		}
		if (e->n + 1 < sizeof e->line)
			e->line[e->n++] = *s;
	}
	return 1; /* nothing reaches stdout */
}

static void on_error(void *info)
{
	genv *e = info;
	longjmp(e->jb, 1);
}

static void env_enter(genv *e)
{
	glp_term_hook(on_term, e);
	glp_error_hook(on_error, e);
	if (mem_limit_mb > 0)
		glp_mem_limit(mem_limit_mb);
}

static void env_leave(void)
{
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
}

/* After GLPK jumped out of an error: free its environment, say what happened. */
static int env_failed(genv *e)
{
	char msg[1100];
	flush_line(e);
	if (e->last[0][0])
		snprintf(msg, sizeof msg, "%s (%s)", e->last[0], e->last[1]);
	else
		snprintf(msg, sizeof msg, "%s", e->last[1][0] ? e->last[1] : "unknown error");
	glp_free_env();
	int code = strstr(msg, "memory") || strstr(msg, "alloc") ? SCH_ENOMEM : SCH_EINTERNAL;
	return sch_error_set(code, "GLPK failed: %s", msg);
}

/* The model as a GLPK problem. */
static glp_prob *load(const sch_mip *m)
{
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	if (m->n_rows)
		glp_add_rows(lp, m->n_rows);
	if (m->n_cols)
		glp_add_cols(lp, m->n_cols);
	for (int i = 0; i < m->n_rows; i++) {
		double r = m->rrhs[i];
		int type = m->rtype[i] == SCH_MR_LE ? GLP_UP : m->rtype[i] == SCH_MR_GE ? GLP_LO : GLP_FX;
		glp_set_row_bnds(lp, i + 1, type, r, r);
	}
	for (int j = 0; j < m->n_cols; j++) {
		int kind = m->ckind[j] == SCH_MC_BIN ? GLP_BV : m->ckind[j] == SCH_MC_INT ? GLP_IV : GLP_CV;
		glp_set_col_kind(lp, j + 1, kind);
		glp_set_col_bnds(lp, j + 1, m->clb[j] == m->cub[j] ? GLP_FX : GLP_DB, m->clb[j], m->cub[j]);
		glp_set_obj_coef(lp, j + 1, m->cobj[j]);
	}
	glp_set_obj_coef(lp, 0, m->obj_const);
	/* GLPK counts from 1: copy into its own memory, which an error frees with the environment */
	int ne = (int)m->nnz;
	int *ia = glp_alloc(ne + 1, sizeof(int)), *ja = glp_alloc(ne + 1, sizeof(int));
	double *ar = glp_alloc(ne + 1, sizeof(double));
	for (int k = 0; k < ne; k++) {
		ia[k + 1] = m->ia[k] + 1;
		ja[k + 1] = m->ja[k] + 1;
		ar[k + 1] = m->ar[k];
	}
	glp_load_matrix(lp, ne, ia, ja, ar);
	glp_free(ia);
	glp_free(ja);
	glp_free(ar);
	return lp;
}

/*
 * A lower bound from any row multipliers y, proved without trusting the solver: every
 * column is bounded, so min over the box of c·x − y·(Ax − rhs) is at most the LP's
 * optimum when y has the right signs (≥ 0 on ≥ rows, ≤ 0 on ≤ rows); wrong signs are
 * set to 0. The interior point method's last point gives good multipliers even when
 * it stops short of convergence.
 */
static double dual_bound(const sch_mip *m, const double *y_in)
{
	double *d = malloc(sizeof(double) * (size_t)(m->n_cols + 1));
	double *y = malloc(sizeof(double) * (size_t)(m->n_rows + 1));
	if (!d || !y) {
		free(d);
		free(y);
		return -1e308;
	}
	double v = m->obj_const;
	for (int i = 0; i < m->n_rows; i++) {
		y[i] = y_in[i];
		if ((m->rtype[i] == SCH_MR_GE && y[i] < 0) || (m->rtype[i] == SCH_MR_LE && y[i] > 0))
			y[i] = 0;
		v += y[i] * m->rrhs[i];
	}
	for (int j = 0; j < m->n_cols; j++)
		d[j] = m->cobj[j];
	for (size_t k = 0; k < m->nnz; k++)
		d[m->ja[k]] -= y[m->ia[k]] * m->ar[k];
	for (int j = 0; j < m->n_cols; j++)
		v += d[j] > 0 ? d[j] * m->clb[j] : d[j] * m->cub[j];
	free(d);
	free(y);
	return v - 1e-6 * (1 + fabs(v));
}

typedef struct {
	double t; /* the step at which the column's best value switches bound */
	double w; /* |a|·(ub − lb): how much the slope drops there */
} qb_break;

static int qb_cmp(const void *a, const void *b)
{
	double x = ((const qb_break *)a)->t, y = ((const qb_break *)b)->t;
	return x < y ? -1 : x > y;
}

/*
 * A bound in a fraction of a second, with no GLPK: dual coordinate ascent on the
 * Lagrangian min over the box of c·x − y·(Ax − rhs). Each row in turn gets the
 * multiplier step that raises that function most (exactly: it is concave and piecewise
 * linear in the step, its breakpoints where a column's reduced cost changes sign),
 * e.g. a group's "n lessons" row ends with each group at its n cheapest slots, a
 * clash row prices the slot several groups want. dual_bound proves the result.
 */
double sch_mip_quick_bound(const sch_mip *m, int passes, double seconds, double target)
{
	int R = m->n_rows;
	double *g = NULL, *best_y = NULL;
	double bound = -1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int *off = calloc((size_t)R + 2, sizeof(int));
	int *col = malloc(sizeof(int) * (m->nnz + 1));
	double *val = malloc(sizeof(double) * (m->nnz + 1));
	double *y = calloc((size_t)R + 1, sizeof(double));
	double *d = malloc(sizeof(double) * ((size_t)m->n_cols + 1));
	qb_break *br = NULL;
	int max_len = 0;
	if (!off || !col || !val || !y || !d)
		goto done;
	for (size_t k = 0; k < m->nnz; k++)
		off[m->ia[k] + 1]++;
	for (int i = 0; i < R; i++) {
		if (off[i + 1] > max_len)
			max_len = off[i + 1];
		off[i + 1] += off[i];
	}
	br = malloc(sizeof(qb_break) * ((size_t)max_len + 1));
	if (!br)
		goto done;
	{
		int *fill = malloc(sizeof(int) * ((size_t)R + 1));
		if (!fill)
			goto done;
		memcpy(fill, off, sizeof(int) * (size_t)R);
		for (size_t k = 0; k < m->nnz; k++) {
			int at = fill[m->ia[k]]++;
			col[at] = m->ja[k];
			val[at] = m->ar[k];
		}
		free(fill);
	}
	for (int j = 0; j < m->n_cols; j++)
		d[j] = m->cobj[j];
	for (int pass = 0; pass < passes; pass++) {
		for (int i = 0; i < R; i++) {
			int type = m->rtype[i];
			for (int sg = 1; sg >= -1; sg -= 2) {
				/* the row as σ·a·x ≥ σ·rhs (σ = −1 for ≤), a multiplier step δ ≥ 0 on it */
				if ((type == SCH_MR_GE && sg < 0) || (type == SCH_MR_LE && sg > 0))
					continue;
				double slope = sg * m->rrhs[i];
				int nb = 0;
				for (int k = off[i]; k < off[i + 1]; k++) {
					int j = col[k];
					double a = sg * val[k], lb = m->clb[j], ub = m->cub[j];
					/* the column sits at lb while d > 0, at ub while d < 0; d moves by −a·δ */
					double v = d[j] > 0 || (d[j] == 0 && a < 0) ? lb : ub;
					slope -= a * v;
					if (ub > lb && ((a > 0 && d[j] > 0) || (a < 0 && d[j] < 0)))
						br[nb++] = (qb_break){d[j] / a, fabs(a) * (ub - lb)};
				}
				if (slope <= 1e-12)
					continue;
				qsort(br, (size_t)nb, sizeof *br, qb_cmp);
				double step = -1;
				for (int b = 0; b < nb; b++) {
					slope -= br[b].w;
					if (slope <= 1e-12) {
						step = br[b].t;
						break;
					}
				}
				if (step <= 0) /* unbounded upwards (cannot happen in a feasible model) or nothing */
					continue;
				y[i] += sg * step;
				for (int k = off[i]; k < off[i + 1]; k++)
					d[col[k]] -= sg * val[k] * step;
				break;
			}
			if ((i & 1023) == 0 && seconds > 0) {
				clock_gettime(CLOCK_MONOTONIC, &t1);
				if ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9 > seconds)
					goto out;
			}
		}
	}
out:
	/* then subgradient steps (Polyak's, towards `target`), which leave the ties coordinate
	 * ascent stops at; the best multipliers are kept */
	if (target > 0 && (g = malloc(sizeof(double) * ((size_t)R + 1))) != NULL &&
	    (best_y = malloc(sizeof(double) * ((size_t)R + 1))) != NULL) {
		double best = -1e308, theta = 1.0;
		int stall = 0;
		memcpy(best_y, y, sizeof(double) * (size_t)R);
		for (int it = 0; it < 100000; it++) {
			double v = m->obj_const, norm = 0;
			for (int i = 0; i < R; i++) {
				v += y[i] * m->rrhs[i];
				g[i] = m->rrhs[i];
			}
			for (int j = 0; j < m->n_cols; j++)
				d[j] = m->cobj[j];
			for (size_t k = 0; k < m->nnz; k++)
				d[m->ja[k]] -= y[m->ia[k]] * m->ar[k];
			for (size_t k = 0; k < m->nnz; k++) {
				int j = m->ja[k];
				g[m->ia[k]] -= m->ar[k] * (d[j] > 0 ? m->clb[j] : m->cub[j]);
			}
			for (int j = 0; j < m->n_cols; j++)
				v += d[j] > 0 ? d[j] * m->clb[j] : d[j] * m->cub[j];
			if (v > best + 1e-9) {
				best = v;
				memcpy(best_y, y, sizeof(double) * (size_t)R);
				stall = 0;
			} else if (++stall >= 20) {
				theta *= 0.5;
				stall = 0;
			}
			for (int i = 0; i < R; i++) /* the part of g that can move y */
				if ((m->rtype[i] == SCH_MR_GE && y[i] <= 0 && g[i] < 0) ||
				    (m->rtype[i] == SCH_MR_LE && y[i] >= 0 && g[i] > 0))
					g[i] = 0;
			for (int i = 0; i < R; i++)
				norm += g[i] * g[i];
			if (norm < 1e-12 || theta < 1e-4 || target - v < 1e-6)
				break;
			double step = theta * (target - v) / norm;
			for (int i = 0; i < R; i++) {
				y[i] += step * g[i];
				if ((m->rtype[i] == SCH_MR_GE && y[i] < 0) || (m->rtype[i] == SCH_MR_LE && y[i] > 0))
					y[i] = 0;
			}
			if ((it & 7) == 7 && seconds > 0) {
				clock_gettime(CLOCK_MONOTONIC, &t1);
				if ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9 > seconds)
					break;
			}
		}
		memcpy(y, best_y, sizeof(double) * (size_t)R);
	}
	bound = dual_bound(m, y);
	if (bound < -1e300)
		bound = -1;
done:
	free(off);
	free(col);
	free(val);
	free(y);
	free(d);
	free(br);
	free(g);
	free(best_y);
	return bound;
}

static void restore_x_bounds(glp_prob *lp, const sch_mip *m)
{
	for (int j = 0; j < m->n_x; j++)
		glp_set_col_bnds(lp, j + 1, GLP_DB, m->clb[j], m->cub[j]);
}

/*
 * Every column's value at placements x (the x columns fixed there, the rest at
 * their best): the incumbent GLPK is handed, and the model's objective there.
 * Returns 0, or 1 when the placements break a row.
 */
static int complete(glp_prob *lp, const sch_mip *m, const double *x, double *full, double *obj, int ms)
{
	for (int j = 0; j < m->n_x; j++)
		glp_set_col_bnds(lp, j + 1, GLP_FX, x[j], x[j]);
	glp_iocp p;
	glp_init_iocp(&p);
	p.msg_lev = GLP_MSG_OFF;
	p.presolve = GLP_ON;
	p.tm_lim = ms;
	int r = glp_intopt(lp, &p), st = glp_mip_status(lp), bad = 1;
	if (r == 0 && st == GLP_OPT) {
		bad = 0;
		*obj = glp_mip_obj_val(lp);
		for (int j = 0; j < m->n_cols; j++) {
			double v = glp_mip_col_val(lp, j + 1);
			full[j + 1] = m->ckind[j] == SCH_MC_CONT ? v : floor(v + 0.5);
		}
	}
	restore_x_bounds(lp, m);
	return bad;
}

/* The optimal basis of the LP with the x columns fixed at x, into stat; 1 when found.
 * The x columns are left free again. */
static int start_basis(glp_prob *lp, const sch_mip *m, const double *x, int *stat, int ms)
{
	for (int j = 0; j < m->n_x; j++)
		glp_set_col_bnds(lp, j + 1, GLP_FX, x[j], x[j]);
	glp_smcp p;
	glp_init_smcp(&p);
	p.msg_lev = GLP_MSG_OFF;
	p.presolve = GLP_OFF;
	p.tm_lim = ms;
	int ok = glp_simplex(lp, &p) == 0 && glp_get_status(lp) == GLP_OPT;
	if (ok) {
		for (int i = 0; i < m->n_rows; i++)
			stat[i] = glp_get_row_stat(lp, i + 1);
		for (int j = 0; j < m->n_cols; j++)
			stat[m->n_rows + j] = glp_get_col_stat(lp, j + 1);
	}
	restore_x_bounds(lp, m);
	return ok;
}

/* Installs a basis from start_basis: x columns out of the basis sit at their value's bound,
 * which keeps the basis primal feasible now that they are free. */
static void set_basis(glp_prob *lp, const sch_mip *m, const double *x, const int *stat)
{
	for (int i = 0; i < m->n_rows; i++)
		glp_set_row_stat(lp, i + 1, stat[i]);
	for (int j = 0; j < m->n_cols; j++) {
		int st = stat[m->n_rows + j];
		if (st != GLP_BS && j < m->n_x && m->clb[j] != m->cub[j])
			st = x[j] > 0.5 ? GLP_NU : GLP_NL;
		glp_set_col_stat(lp, j + 1, st);
	}
}

typedef struct {
	genv env;
	sch_mip *m;
	const sch_solution *sol;
	const sch_mip_params *par;
	sch_solver_ctx *ctx;
	double deadline;     /* run seconds at which to stop */
	double *x0;          /* the start placements (x columns) */
	int *stat;           /* a basis: rows then columns */
	double *xstart;      /* 1-based full start vector, or NULL */
	int given;
	int have_start;       /* the start placements were completed into xstart */
	double bound;
	int proved, stopped;
	sch_solution *scratch; /* for offering incumbents to the run */
	int found;
} run;

/* Seconds on the run's clock, or on our own when there is no run (tests). */
static double now(const run *r)
{
	if (r->ctx)
		return sch_solver_ctx_elapsed(r->ctx);
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void offer_incumbent(run *r, glp_prob *P)
{
	sch_mip *m = r->m;
	if (!r->ctx)
		return;
	if (!r->scratch) {
		if (sch_solution_new(&r->scratch, m->s, r->par->reference) != 0)
			return;
	}
	if (sch_solution_copy_from(r->scratch, r->sol) != 0)
		return;
	for (int j = 0; j < m->n_x; j++)
		m->x[j] = glp_mip_col_val(P, j + 1);
	m->has_x = 1;
	const sch_change *ch;
	int n = sch_mip_changes(m, r->scratch, &ch);
	if (n > 0 && sch_solution_apply(r->scratch, ch, n, NULL) == 0)
		sch_solver_ctx_offer(r->ctx, r->scratch);
}

static void on_tree(glp_tree *T, void *info)
{
	run *r = info;
	glp_prob *P = glp_ios_get_prob(T);
	int reason = glp_ios_reason(T);
	if (reason == GLP_IHEUR && r->xstart && !r->given) {
		r->given = 1;
		if (glp_ios_heur_sol(T, r->xstart) != 0 && r->ctx)
			sch_solver_ctx_log(r->ctx, SCH_LOG_DEBUG, "mip: GLPK refused the start solution");
	}
	int best = glp_ios_best_node(T);
	if (best) {
		double b = glp_ios_node_bound(T, best);
		if (isfinite(b) && b > r->bound)
			r->bound = b;
	}
	int has_inc = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
	if (reason == GLP_IBINGO) {
		r->found++;
		if (r->par->offer)
			offer_incumbent(r, P);
	}
	if (r->par->report_bound && r->bound > -1e300 && r->ctx)
		sch_solver_ctx_set_bound(r->ctx, (int64_t)ceil(r->bound - 1e-6));
	/* the objective is integral: a bound within 1 of the incumbent proves it */
	if (has_inc && ceil(r->bound - 1e-6) >= glp_mip_obj_val(P) - 1e-6) {
		r->proved = 1;
		glp_ios_terminate(T);
		return;
	}
	if ((r->ctx && sch_solver_ctx_should_stop_now(r->ctx, r->sol)) || now(r) >= r->deadline) {
		r->stopped = 1;
		glp_ios_terminate(T);
	}
}

static int ms_left(const run *r)
{
	double left = r->deadline - now(r);
	if (left < 0.001)
		left = 0.001;
	return left > 2e6 ? 2000000000 : (int)(left * 1000);
}

int sch_mip_solve(sch_mip *m, const sch_solution *sol, sch_solver_ctx *ctx, const sch_mip_params *par,
		  sch_mip_result *res)
{
	run *r = calloc(1, sizeof *r);
	glp_prob *volatile lp = NULL;
	volatile int rc = 0;
	memset(res, 0, sizeof *res);
	res->start = -1;
	res->bound = -1;
	res->n_cols = m->n_cols;
	res->n_rows = m->n_rows;
	res->n_free = m->n_free;
	m->has_x = 0;
	if (!r)
		return sch_error_set(SCH_ENOMEM, "out of memory");
	r->ctx = ctx;
	double t0 = now(r);
	r->m = m;
	r->sol = sol;
	r->par = par;
	r->ctx = ctx;
	r->env.ctx = ctx;
	r->bound = -1e308;
	r->deadline = t0 + (par->time_limit > 0 ? par->time_limit : 1e9);
	if (m->n_x == 0) { /* nothing free: the placements are the only solution */
		res->status = SCH_MIP_OPTIMAL;
		goto done;
	}
	r->x0 = malloc(sizeof(double) * (size_t)(m->n_cols + 1));
	r->xstart = malloc(sizeof(double) * (size_t)(m->n_cols + 2));
	r->stat = malloc(sizeof(int) * (size_t)(m->n_rows + m->n_cols + 2));
	if (!r->x0 || !r->xstart || !r->stat) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	if (setjmp(r->env.jb)) {
		lp = NULL; /* freed with the environment */
		if (r->env.interrupted) { /* out of time in the interior point method: no bound */
			glp_free_env();
			if (ctx)
				sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "mip: interior point interrupted by the time guard");
			r->stopped = 1;
			res->stopped = 1;
			res->status = r->have_start ? SCH_MIP_FEASIBLE : SCH_MIP_NONE;
			res->objective = res->start;
			goto done;
		}
		rc = env_failed(&r->env);
		goto done;
	}
	env_enter(&r->env);
	lp = load(m);
	int have_start = 0, warm = 0;
	if (par->use_start && sch_mip__start_x(m, sol, r->x0) == 0) {
		double obj;
		/* a basis at the start placements lets the LP below begin from a feasible point */
		warm = !par->lp_only && start_basis(lp, m, r->x0, r->stat, ms_left(r));
		if (complete(lp, m, r->x0, r->xstart, &obj, ms_left(r)) == 0) {
			have_start = 1;
			r->have_start = 1;
			res->start = obj;
		} else {
			warm = 0;
			if (ctx)
				sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "mip: the start solution breaks a row of the model");
		}
		if (warm)
			set_basis(lp, m, r->x0, r->stat);
	}
	if (!have_start) {
		free(r->xstart);
		r->xstart = NULL;
	}

	if (par->lp_only && m->n_cols > 4000) {
		/* large relaxations: the interior point method is many times faster than the simplex
		 * here; it has no time limit of its own: the terminal hook stops it at the deadline */
		glp_iptcp ipp;
		glp_init_iptcp(&ipp);
		ipp.msg_lev = GLP_MSG_ON;
		r->env.sol = sol;
		r->env.stop_at = r->deadline;
		r->env.last_line = genv_now(&r->env);
		r->env.abort = par->abort;
		int ir = glp_interior(lp, &ipp), is = glp_ipt_status(lp);
		r->env.stop_at = 0;
		if (ctx)
			sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "mip: interior point: return %d, status %d", ir, is);
		/* the multipliers give a proved bound whatever the status (a weak one when poor) */
		double *y = malloc(sizeof(double) * (size_t)(m->n_rows + 1));
		if (y) {
			for (int i = 0; i < m->n_rows; i++)
				y[i] = glp_ipt_row_dual(lp, i + 1);
			r->bound = dual_bound(m, y);
			free(y);
		}
		for (int j = 0; j < m->n_cols; j++)
			m->lpx[j] = glp_ipt_col_prim(lp, j + 1);
		m->has_lpx = 1;
		res->status = have_start ? SCH_MIP_FEASIBLE : SCH_MIP_NONE;
		res->objective = res->start;
		goto finish;
	}
	glp_smcp sp;
	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_ERR;
	sp.presolve = GLP_OFF;
	sp.tm_lim = ms_left(r);
	int lr = glp_simplex(lp, &sp);
	int ls = glp_get_status(lp);
	if (lr != 0 || ls != GLP_OPT) {
		if (ls == GLP_NOFEAS) {
			res->status = SCH_MIP_INFEASIBLE;
		} else {
			r->stopped = 1;
			res->status = have_start ? SCH_MIP_FEASIBLE : SCH_MIP_NONE;
			res->objective = res->start;
		}
		goto finish;
	}
	if (glp_get_obj_val(lp) > r->bound)
		r->bound = glp_get_obj_val(lp);
	if (par->lp_only) { /* the relaxation's values guide neighbourhoods (RINS) */
		for (int j = 0; j < m->n_cols; j++)
			m->lpx[j] = glp_get_col_prim(lp, j + 1);
		m->has_lpx = 1;
		res->status = have_start ? SCH_MIP_FEASIBLE : SCH_MIP_NONE;
		res->objective = res->start;
		goto finish;
	}

	glp_iocp ip;
	glp_init_iocp(&ip);
	ip.msg_lev = GLP_MSG_ON;
	ip.out_frq = 5000;
	ip.presolve = GLP_OFF; /* the callback hands in a solution of the original columns */
	ip.br_tech = GLP_BR_DTH; /* pseudocost branching starts with long, uninterruptible strong branching */
	ip.bt_tech = GLP_BT_BLB;
	ip.pp_tech = GLP_PP_ROOT;
	ip.cb_func = on_tree;
	ip.cb_info = r;
	ip.tm_lim = ms_left(r);
	if (par->cuts) {
		ip.gmi_cuts = GLP_ON;
		ip.mir_cuts = GLP_ON;
		ip.cov_cuts = GLP_ON;
		ip.clq_cuts = GLP_ON;
	}
	int ir = glp_intopt(lp, &ip);
	int ms = glp_mip_status(lp);
	if (ir == GLP_ETMLIM)
		r->stopped = 1;
	if (ms == GLP_OPT || ((ms == GLP_FEAS) && (r->proved || ir == 0))) {
		res->status = SCH_MIP_OPTIMAL;
	} else if (ms == GLP_FEAS) {
		res->status = SCH_MIP_FEASIBLE;
	} else if (ms == GLP_NOFEAS && ir == 0) {
		res->status = SCH_MIP_INFEASIBLE;
	} else {
		res->status = SCH_MIP_NONE;
	}
	if (ms == GLP_OPT || ms == GLP_FEAS) {
		res->objective = glp_mip_obj_val(lp);
		for (int j = 0; j < m->n_cols; j++)
			m->x[j] = glp_mip_col_val(lp, j + 1);
		m->has_x = 1;
	}
finish:
	res->stopped = r->stopped;
	if (res->status == SCH_MIP_OPTIMAL)
		res->bound = res->objective;
	else if (r->bound > -1e300)
		res->bound = r->bound;
	glp_delete_prob(lp);
	lp = NULL;
	env_leave();
done:
	if (r)
		res->seconds = now(r) - t0;
	if (r) {
		free(r->x0);
		free(r->stat);
		free(r->xstart);
		sch_solution_free(r->scratch);
	}
	free(r);
	return rc;
}

void sch_mip_thread_done(void)
{
	glp_free_env();
}

double sch_mip_lp_rate(const sch_mip *m)
{
	/* measured on the bench schools (M, L, XL) on a loaded 2-core machine, with a margin */
	return m->relax ? 5000 : 2000;
}

int sch_mip_priced(const sch_mip *m)
{
	for (int j = 0; m && j < m->n_cols; j++)
		if (m->cobj[j] != 0)
			return 1;
	return 0;
}

int sch_mip_evaluate(sch_mip *m, const sch_solution *sol, double *objective)
{
	genv *e = calloc(1, sizeof *e);
	double *x0 = malloc(sizeof(double) * (size_t)(m->n_cols + 1));
	double *full = malloc(sizeof(double) * (size_t)(m->n_cols + 2));
	int rc = 0;
	*objective = 0;
	if (!e || !x0 || !full) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	if (sch_mip__start_x(m, sol, x0) != 0) {
		rc = sch_error_set(SCH_EINFEASIBLE, "the placements are not among the model's slots");
		goto done;
	}
	if (m->n_x == 0) {
		*objective = m->obj_const;
		goto done;
	}
	if (setjmp(e->jb)) {
		rc = env_failed(e);
		goto done;
	}
	env_enter(e);
	glp_prob *lp = load(m);
	if (complete(lp, m, x0, full, objective, INT_MAX) != 0)
		rc = sch_error_set(SCH_EINFEASIBLE, "the placements break a row of the model");
	glp_delete_prob(lp);
	env_leave();
done:
	free(e);
	free(x0);
	free(full);
	return rc;
}
