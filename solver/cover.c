/* The cover assignment integer program (GLPK): who covers which lesson of an absence, nobody double-booked, covers spread fairly. */
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "private.h"
#include "schedule/substitute.h"

/*
 * Columns: x[j] (binary) per candidate j of an item, u[i] (binary) per item left
 * without cover, z[t][k] (continuous in [0, 1]) per bell k a teacher might cover.
 * Rows: each item covered once or left out; per teacher, day and bell at most one
 * of the items there; per teacher and day the bells under the daily limit; per
 * teacher the bells covered equal the z's taken. z[t][k] costs fairness x
 * (2 (prior + k) - 1), which grows with k, so the LP takes them in order and
 * their sum is the growth of the square of the teacher's covers: the program
 * minimises the sum of squares, i.e. spreads cover as evenly as it can.
 *
 * GLPK aborts the process on an error unless an error hook jumps out, and prints
 * unless a terminal hook swallows it: both are installed for the call, the state
 * lives on the heap (longjmp leaves locals undefined), and after an error GLPK's
 * environment of the thread is freed (glp_free_env), which frees its objects too.
 */

typedef struct {
	jmp_buf jb;
	char last[256]; /* the last line GLPK printed: its error message */
	size_t n;
	glp_prob *lp;
	int *ia, *ja;
	double *ar;
	int *z_first; /* per teacher: its first z column (0-based among the z's) */
	int *z_count;
	int *item_of; /* per candidate: its item */
	int *list;    /* scratch: a teacher's candidates of a day */
} state;

static int on_term(void *info, const char *s)
{
	state *st = info;
	for (; *s; s++) {
		if (*s == '\n') {
			st->n = 0;
			continue;
		}
		if (st->n == 0)
			st->last[0] = '\0';
		if (st->n + 1 < sizeof st->last) {
			st->last[st->n++] = *s;
			st->last[st->n] = '\0';
		}
	}
	return 1; /* nothing reaches stdout */
}

static void on_error(void *info)
{
	state *st = info;
	longjmp(st->jb, 1);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Adds a matrix entry (1-based row and column). */
static void put(state *st, int *ne, int row, int col, double v)
{
	++*ne;
	st->ia[*ne] = row;
	st->ja[*ne] = col;
	st->ar[*ne] = v;
}

static int check(const sch_cover_problem *p)
{
	if (p->n_items < 0 || p->n_teachers < 0 || p->n_days < 1 || !p->first || (p->n_items && (!p->day || !p->periods)))
		return sch_error_set(SCH_EINVALID, "sch_cover_solve: an incomplete problem");
	int nc = p->first[p->n_items];
	if (p->first[0] != 0 || nc < 0 || (nc && (!p->teacher || !p->cost)))
		return sch_error_set(SCH_EINVALID, "sch_cover_solve: an incomplete problem");
	for (int i = 0; i < p->n_items; i++) {
		if (p->first[i] > p->first[i + 1] || p->day[i] < 0 || p->day[i] >= p->n_days)
			return sch_error_set(SCH_EINVALID, "sch_cover_solve: item %d is malformed", i);
		for (int j = p->first[i]; j < p->first[i + 1]; j++)
			if (p->teacher[j] < 0 || p->teacher[j] >= p->n_teachers || p->cost[j] < 0)
				return sch_error_set(SCH_EINVALID, "sch_cover_solve: candidate %d of item %d is malformed", j, i);
	}
	return 0;
}

/* Builds and solves the program; GLPK's errors come back here by longjmp. */
static int run(state *st, const sch_cover_problem *p, int *assign, sch_cover_result *res, int ni, int nc, int nt,
	       int nd, int nz)
{
	int rc = 0, *item_of = st->item_of, *list = st->list;
	int col_x = 1, col_u = 1 + nc, col_z = 1 + nc + ni, n_cols = nc + ni + nz;
	if (setjmp(st->jb)) {
		/* GLPK failed: everything it allocated goes with its environment. */
		st->lp = NULL;
		glp_error_hook(NULL, NULL);
		glp_term_hook(NULL, NULL);
		glp_free_env();
		return sch_error_set(strstr(st->last, "memory") ? SCH_ENOMEM : SCH_EINTERNAL, "GLPK failed: %s",
				     st->last[0] ? st->last : "unknown error");
	}
	glp_term_hook(on_term, st);
	glp_error_hook(on_error, st);
	st->lp = glp_create_prob();
	glp_set_obj_dir(st->lp, GLP_MIN);
	glp_add_cols(st->lp, n_cols);
	for (int j = 0; j < nc; j++) {
		glp_set_col_kind(st->lp, col_x + j, GLP_BV);
		glp_set_obj_coef(st->lp, col_x + j, p->cost[j]);
	}
	for (int i = 0; i < ni; i++) {
		glp_set_col_kind(st->lp, col_u + i, GLP_BV);
		glp_set_obj_coef(st->lp, col_u + i, p->uncovered);
	}
	for (int t = 0; t < nt; t++) {
		int prior = p->prior ? p->prior[t] : 0;
		for (int k = 0; k < st->z_count[t]; k++) {
			int c = col_z + st->z_first[t] + k;
			glp_set_col_bnds(st->lp, c, GLP_DB, 0.0, 1.0);
			glp_set_obj_coef(st->lp, c, (double)p->fairness * (2.0 * (prior + k + 1) - 1.0));
		}
	}
	int ne = 0, row = 0;
	/* Each item: covered once, or left out. */
	glp_add_rows(st->lp, ni);
	for (int i = 0; i < ni; i++) {
		row++;
		glp_set_row_bnds(st->lp, row, GLP_FX, 1.0, 1.0);
		for (int j = p->first[i]; j < p->first[i + 1]; j++)
			put(st, &ne, row, col_x + j, 1.0);
		put(st, &ne, row, col_u + i, 1.0);
	}
	/* Per teacher and day: at most one item a bell, and the daily limit. The candidates of a
	 * teacher on a day are few: collect them, then one row per bell that two of them share. */
	for (int t = 0; t < nt; t++)
		for (int dd = 0; dd < nd; dd++) {
			int n = 0, total = 0;
			for (int j = 0; j < nc; j++)
				if (p->teacher[j] == t && p->day[item_of[j]] == dd) {
					list[n++] = j;
					total += __builtin_popcount(p->periods[item_of[j]]);
				}
			if (n == 0)
				continue;
			for (int b = 0; b < 32 && n > 1; b++) {
				int k = 0;
				for (int a = 0; a < n; a++)
					k += (p->periods[item_of[list[a]]] >> b) & 1;
				if (k < 2)
					continue;
				glp_add_rows(st->lp, 1);
				row++;
				glp_set_row_bnds(st->lp, row, GLP_UP, 0.0, 1.0);
				for (int a = 0; a < n; a++)
					if ((p->periods[item_of[list[a]]] >> b) & 1)
						put(st, &ne, row, col_x + list[a], 1.0);
			}
			int room = p->day_room ? p->day_room[(size_t)t * (size_t)nd + (size_t)dd] : -1;
			if (room >= 0 && total > room) {
				glp_add_rows(st->lp, 1);
				row++;
				glp_set_row_bnds(st->lp, row, GLP_UP, 0.0, room);
				for (int a = 0; a < n; a++)
					put(st, &ne, row, col_x + list[a], __builtin_popcount(p->periods[item_of[list[a]]]));
			}
		}
	/* Fairness: the bells a teacher covers are the z's it takes. */
	for (int t = 0; t < nt; t++) {
		if (!st->z_count[t])
			continue;
		glp_add_rows(st->lp, 1);
		row++;
		glp_set_row_bnds(st->lp, row, GLP_FX, 0.0, 0.0);
		for (int j = 0; j < nc; j++)
			if (p->teacher[j] == t)
				put(st, &ne, row, col_x + j, -__builtin_popcount(p->periods[item_of[j]]));
		for (int k = 0; k < st->z_count[t]; k++)
			put(st, &ne, row, col_z + st->z_first[t] + k, 1.0);
	}
	glp_load_matrix(st->lp, ne, st->ia, st->ja, st->ar);
	res->n_cols = n_cols;
	res->n_rows = row;

	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	if (p->time_limit > 0)
		parm.tm_lim = p->time_limit * 1000 > 2e9 ? 2000000000 : (int)(p->time_limit * 1000);
	int ret = glp_intopt(st->lp, &parm), status = glp_mip_status(st->lp);
	if (status == GLP_OPT || status == GLP_FEAS) {
		for (int j = 0; j < nc; j++)
			if (glp_mip_col_val(st->lp, col_x + j) > 0.5)
				assign[item_of[j]] = p->teacher[j];
		res->optimal = status == GLP_OPT && ret == 0;
		res->objective = glp_mip_obj_val(st->lp);
		rc = 0;
	} else if (ret == GLP_ETMLIM) {
		rc = sch_error_set(SCH_ETIMEOUT, "the cover program found no assignment within %.1f s", p->time_limit);
	} else {
		/* Leaving every item out is always feasible: anything else is GLPK's failure. */
		rc = sch_error_set(SCH_EINTERNAL, "GLPK could not solve the cover program (status %d, return %d)", status, ret);
	}
	if (st->lp)
		glp_delete_prob(st->lp);
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
	return rc;
}

int sch_cover_solve(int *assign, const sch_cover_problem *p, sch_cover_result *res)
{
	sch_cover_result r0 = {0};
	state *st = NULL;
	int rc;
	double t0 = now();
	if (!res)
		res = &r0;
	memset(res, 0, sizeof *res);
	if (!assign || !p)
		return sch_error_set(SCH_EINVALID, "sch_cover_solve: NULL argument");
	if ((rc = check(p)))
		return rc;
	for (int i = 0; i < p->n_items; i++)
		assign[i] = -1;
	int nc = p->first[p->n_items], ni = p->n_items, nt = p->n_teachers, nd = p->n_days;
	if (ni == 0) {
		res->optimal = 1;
		return 0;
	}
	if (!(st = calloc(1, sizeof *st)))
		return sch_error_set(SCH_ENOMEM, "out of memory");
	st->z_first = calloc((size_t)nt + 1, sizeof *st->z_first);
	st->z_count = calloc((size_t)nt + 1, sizeof *st->z_count);
	if (!st->z_first || !st->z_count) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	st->item_of = malloc(sizeof *st->item_of * ((size_t)nc + 1));
	st->list = malloc(sizeof *st->list * ((size_t)nc + 1));
	if (!st->item_of || !st->list) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	int *item_of = st->item_of;
	for (int i = 0; i < p->n_items; i++)
		for (int j = p->first[i]; j < p->first[i + 1]; j++)
			item_of[j] = i;
	/* The z's: as many per teacher as the bells it could cover. */
	for (int j = 0; j < nc; j++)
		st->z_count[p->teacher[j]] += __builtin_popcount(p->periods[item_of[j]]);
	int nz = 0;
	for (int t = 0; t < nt; t++) {
		st->z_first[t] = nz;
		nz += st->z_count[t];
	}
	/* Rows: items, then (teacher, day, bell) clashes and (teacher, day) limits, then fairness links. */
	size_t max_ne = (size_t)nc * 40 + (size_t)ni + (size_t)nz + 16;
	st->ia = malloc(sizeof *st->ia * (max_ne + 1));
	st->ja = malloc(sizeof *st->ja * (max_ne + 1));
	st->ar = malloc(sizeof *st->ar * (max_ne + 1));
	if (!st->ia || !st->ja || !st->ar) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}

	rc = run(st, p, assign, res, ni, nc, nt, nd, nz);
done:
	res->seconds = now() - t0;
	if (st) {
		free(st->ia);
		free(st->ja);
		free(st->ar);
		free(st->z_first);
		free(st->z_count);
		free(st->item_of);
		free(st->list);
		free(st);
	}
	return rc;
}
