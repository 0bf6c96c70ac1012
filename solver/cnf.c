/* Clauses for CaDiCaL: cardinality and definitions shared by the SAT encodings. */
#include <stdlib.h>

#include "cnf.h"

void sch__cnf_at_most(sch_cnf *f, const int *lits, int n, int k, int cond)
{
	if (k >= n)
		return;
	if (k <= 0) {
		for (int i = 0; i < n; i++)
			cond ? cnf_clause2(f, -cond, -lits[i]) : cnf_unit(f, -lits[i]);
		return;
	}
	if (k == 1 && n <= 6) {
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++)
				cond ? cnf_clause3(f, -cond, -lits[i], -lits[j]) : cnf_clause2(f, -lits[i], -lits[j]);
		return;
	}
	int prev = 0; /* first register of the row before: r(i-1, j) = prev + j */
	for (int i = 0; i < n - 1; i++) {
		int row = f->nv + 1;
		f->nv += k;
		cnf_clause2(f, -lits[i], row); /* one at least */
		if (i == 0) {
			for (int j = 1; j < k; j++)
				cnf_unit(f, -(row + j));
		} else {
			for (int j = 0; j < k; j++)
				cnf_clause2(f, -(prev + j), row + j);
			for (int j = 1; j < k; j++)
				cnf_clause3(f, -lits[i], -(prev + j - 1), row + j);
			if (cond)
				cnf_clause3(f, -cond, -lits[i], -(prev + k - 1));
			else
				cnf_clause2(f, -lits[i], -(prev + k - 1));
		}
		prev = row;
	}
	if (cond)
		cnf_clause3(f, -cond, -lits[n - 1], -(prev + k - 1));
	else
		cnf_clause2(f, -lits[n - 1], -(prev + k - 1));
}

void sch__cnf_at_least(sch_cnf *f, int *lits, int n, int k, int cond)
{
	if (k <= 0)
		return;
	for (int i = 0; i < n; i++)
		lits[i] = -lits[i];
	sch__cnf_at_most(f, lits, n, n - k, cond);
	for (int i = 0; i < n; i++)
		lits[i] = -lits[i];
}

void sch__cnf_define_or(sch_cnf *f, int v, const int *lits, int n)
{
	for (int i = 0; i < n; i++)
		cnf_clause2(f, -lits[i], v);
	cnf_add(f, -v);
	for (int i = 0; i < n; i++)
		cnf_add(f, lits[i]);
	cnf_add(f, 0);
}

/* Merges two counts (a: na outputs, b: nb) into out (no more than `bound`), both ways:
 * a >= i and b >= j give out >= i + j; a < i + 1 and b < j + 1 give out < i + j + 1. */
static void merge(sch_cnf *f, const int *a, int na, const int *b, int nb, const int *out, int nout)
{
	for (int i = 0; i <= na; i++)
		for (int j = 0; j <= nb; j++) {
			int k = i + j;
			if (k > 0) { /* up */
				int o = out[(k > nout ? nout : k) - 1];
				cnf_add(f, o);
				if (i > 0)
					cnf_add(f, -a[i - 1]);
				if (j > 0)
					cnf_add(f, -b[j - 1]);
				cnf_add(f, 0);
			}
			if (k < nout) { /* down */
				cnf_add(f, -out[k]);
				if (i < na)
					cnf_add(f, a[i]);
				if (j < nb)
					cnf_add(f, b[j]);
				cnf_add(f, 0);
			}
		}
}

static int count_rec(sch_cnf *f, const int *lits, int n, int bound, int *out)
{
	int nout = n < bound ? n : bound;
	if (n == 1) {
		out[0] = lits[0];
		return 1;
	}
	int h = n / 2;
	int *a = malloc(sizeof(int) * (size_t)(2 * n));
	if (!a)
		return -1;
	int *b = a + n;
	int na = count_rec(f, lits, h, bound, a), nb = na < 0 ? -1 : count_rec(f, lits + h, n - h, bound, b);
	if (nb < 0) {
		free(a);
		return -1;
	}
	for (int k = 0; k < nout; k++)
		out[k] = cnf_var(f);
	merge(f, a, na, b, nb, out, nout);
	free(a);
	return nout;
}

int sch__cnf_count(sch_cnf *f, const int *lits, int n, int bound, int *out)
{
	if (n <= 0 || bound <= 0)
		return 0;
	return count_rec(f, lits, n, bound, out);
}
