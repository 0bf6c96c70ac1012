/* Large-neighbourhood search: free a part of the timetable, solve it as a sub-MIP, keep what improves; adaptive, with local search around it. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coop.h"
#include "mip.h"

/*
 * The hybrid method after greedy: (1) bounds: a quick one at once (local search
 * stops by itself if it reaches it), the LP relaxation of the whole school in a thread
 * of its own (the relaxed model's, then the exact model's when it may end within half
 * the run: on the bench schools M and L the bound goes from 21 to 34 and from 117 to
 * 179) while (2) local search runs as one long slice, 95% of the time left: its
 * annealing cools once over the time it gets and ends far lower so than in many short
 * slices (measured: alternating short slices with sub-MIPs lost 5-15% on the bench
 * schools); once the LP thread has ended, a second thread works on the same annealing
 * chain (solver/coop.h); (3) sub-MIPs for the rest, each
 * improvement followed by a short local search slice around it. Measured on the bench
 * school M: from a timetable local search has converged on, 47 sub-MIPs of 100 to 370
 * free lessons in 40 s improved none (most were proved optimal at the root), while
 * local search itself gains about half a point a second late in a one-minute run; so
 * the sub-MIPs get only the tail (they polish small schools, and prove them).
 *
 * A neighbourhood frees some lessons and fixes the rest where they are:
 *   days      one or more days of classes linked by their teachers (lessons move
 *             within and between those days);
 *   classes   the whole week of classes that share teachers;
 *   teachers  the lessons of the classes a teacher (and colleagues) teach, on the days
 *             they teach there and the teacher's methodical day;
 *   shift     one day of classes of one shift;
 *   periods   the lessons at two or three bells of every day, of linked classes;
 *   random    a third of the lessons of linked classes;
 *   rins      the lessons whose slot the whole school's LP relaxation doubts (RINS);
 *   branch    twice the classes, but at most a few lessons may move (local branching).
 * Each sub-MIP is built over the free lessons and the rows they touch only, and
 * solved with a short time limit, the current placements as GLPK's first
 * incumbent. Each kind keeps a score (its recent successes) that sets how often it
 * is chosen, and a size (free lessons) that grows while its sub-MIPs are solved to
 * optimality quickly and shrinks when they run out of time. Improvements are
 * applied through the solution state and kept only when its cost (the verifier's)
 * goes down, so the incumbent never gets worse.
 */
/* The shortest local search that gets a second thread on its chain (solver/coop.h), which
 * starts when the LP thread has ended (three threads on the machine's two cores slowed
 * the annealing by a third: worse on the bench school L). */
#define COOP_MIN_SECONDS 2.0

enum { NB_DAYS, NB_CLASSES, NB_TEACHERS, NB_SHIFT, NB_PERIODS, NB_RANDOM, NB_RINS, NB_BRANCH, NB_COUNT };
static const char *const nb_names[NB_COUNT] = {"days", "classes", "teachers", "shift", "periods", "random", "rins", "branch"};

typedef struct {
	double score;  /* recent success, sets the odds of being chosen */
	double target; /* free lessons aimed at */
	int tries, wins;
	int64_t gain;
	double seconds;
} nb_stat;

typedef struct {
	sch_solution *sol;
	const sch_school *s;
	sch_solver_ctx *ctx;
	const sch_solve_options *opts;
	int L, D, P, C, T;
	unsigned char *isfree; /* L */
	int n_free;
	unsigned char *cmark;  /* C */
	unsigned char *tmark;  /* T */
	int *queue;            /* C + T */
	uint32_t day_mask;
	int max_moves;
	double sub_limit;      /* seconds per sub-MIP */
	sch_mip *whole;        /* the whole model with its LP relaxation solved, or NULL */
	void *lp;              /* lp_job: the LP relaxation while its thread runs */
	pthread_t lp_tid;
	int lp_running;
	nb_stat nb[NB_COUNT];
} lns;

static uint32_t rnd(lns *ls, uint32_t n)
{
	return sch_solver_ctx_below(ls->ctx, n);
}

static void reset(lns *ls)
{
	memset(ls->isfree, 0, (size_t)ls->L);
	memset(ls->cmark, 0, (size_t)ls->C);
	memset(ls->tmark, 0, (size_t)ls->T);
	ls->n_free = 0;
	ls->day_mask = 0;
	ls->max_moves = 0;
}

static void free_lesson(lns *ls, int l)
{
	if (ls->isfree[l] || ls->s->lessons[l].pinned >= 0)
		return;
	ls->isfree[l] = 1;
	ls->n_free++;
}

/* Frees the lessons of class c that start on a day of `days` (all days when 0). */
static void free_class(lns *ls, int c, uint32_t days)
{
	const sch_school *s = ls->s;
	for (int k = s->by_class.off[c]; k < s->by_class.off[c + 1]; k++) {
		int l = s->by_class.idx[k], st = sch_solution_start(ls->sol, l);
		if (st >= 0 && (!days || ((days >> (st / ls->P)) & 1u)))
			free_lesson(ls, l);
	}
}

/* Classes linked to class c through the teachers of its lessons (on `days`), pushed unmarked. */
static int push_linked(lns *ls, int c, uint32_t days, int *q, int n)
{
	const sch_school *s = ls->s;
	for (int k = s->by_class.off[c]; k < s->by_class.off[c + 1]; k++) {
		int l = s->by_class.idx[k], st = sch_solution_start(ls->sol, l);
		if (st < 0 || (days && !((days >> (st / ls->P)) & 1u)))
			continue;
		const sch_lesson_def *ld = &s->lessons[l];
		for (int i = 0; i < ld->n_teachers; i++) {
			int t = ld->teachers[i];
			if (ls->tmark[t])
				continue;
			ls->tmark[t] = 1;
			for (int j = s->by_teacher.off[t]; j < s->by_teacher.off[t + 1]; j++) {
				const sch_lesson_def *o = &s->lessons[s->by_teacher.idx[j]];
				for (int m = 0; m < o->n_classes; m++) {
					int oc = o->classes[m];
					if (!ls->cmark[oc]) {
						ls->cmark[oc] = 1;
						/* random order among the linked classes: swap with a random earlier slot */
						q[n] = oc;
						int r = n > 0 ? (int)rnd(ls, (uint32_t)n + 1) : 0;
						int tmp = q[r];
						q[r] = q[n];
						q[n] = tmp;
						n++;
					}
				}
			}
		}
	}
	return n;
}

/* Classes from a seed outwards through shared teachers, each freed on `days`, until the target. */
static void grow_classes(lns *ls, int seed, uint32_t days, double target, int shift)
{
	int *q = ls->queue, head = 0, n = 0;
	q[n++] = seed;
	ls->cmark[seed] = 1;
	while (head < n && ls->n_free < target) {
		int c = q[head++];
		if (shift >= 0 && ls->s->classes[c].shift != shift)
			continue;
		free_class(ls, c, days);
		n = push_linked(ls, c, days, q + head, n - head) + head;
	}
}

static uint32_t random_days(lns *ls, int k)
{
	uint32_t m = 0;
	int D = ls->D;
	int d0 = (int)rnd(ls, (uint32_t)D);
	m |= 1u << d0;
	if (k > 1 && D > 1) {
		int d1 = (int)rnd(ls, (uint32_t)(D - 1));
		if (d1 >= d0)
			d1++;
		m |= 1u << d1;
	}
	return m;
}

/* A teacher, preferring those with gaps or lessons on their methodical day. */
static int pick_teacher(lns *ls)
{
	int best = -1;
	for (int tries = 0; tries < 8; tries++) {
		int t = (int)rnd(ls, (uint32_t)ls->T);
		const sch_teacher_def *te = &ls->s->teachers[t];
		int bad = 0;
		for (int d = 0; d < ls->D; d++) {
			uint32_t m = sch_solution_teacher_day(ls->sol, t, d);
			if (!m)
				continue;
			int lo = __builtin_ctz(m), hi = 31 - __builtin_clz(m);
			bad += hi - lo + 1 - __builtin_popcount(m);
			if (d == te->methodical_day)
				bad++;
		}
		if (ls->s->by_teacher.off[t + 1] == ls->s->by_teacher.off[t])
			continue;
		if (best < 0 || bad > 0)
			best = t;
		if (bad > 0)
			break;
	}
	return best;
}

static void nb_teachers(lns *ls, double target)
{
	const sch_school *s = ls->s;
	int t = pick_teacher(ls);
	for (int round = 0; round < 3 && t >= 0 && ls->n_free < target; round++) {
		ls->tmark[t] = 1;
		for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1] && ls->n_free < target; k++) {
			int l = s->by_teacher.idx[k], st = sch_solution_start(ls->sol, l);
			if (st < 0)
				continue;
			uint32_t day = 1u << (st / ls->P);
			if (s->teachers[t].methodical_day >= 0)
				day |= 1u << s->teachers[t].methodical_day;
			ls->day_mask |= day;
			for (int i = 0; i < s->lessons[l].n_classes; i++)
				free_class(ls, s->lessons[l].classes[i], day);
		}
		/* a colleague who teaches one of these classes */
		int next = -1;
		for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1] && next < 0; k++) {
			const sch_lesson_def *ld = &s->lessons[s->by_teacher.idx[k]];
			int c = ld->classes[0];
			int n = s->by_class.off[c + 1] - s->by_class.off[c];
			if (n <= 0)
				continue;
			const sch_lesson_def *o = &s->lessons[s->by_class.idx[s->by_class.off[c] + (int)rnd(ls, (uint32_t)n)]];
			for (int i = 0; i < o->n_teachers; i++)
				if (!ls->tmark[o->teachers[i]])
					next = o->teachers[i];
		}
		t = next;
	}
}

/* Lessons covering some bells of the day, on every day, of classes linked to a random one. */
static void nb_periods(lns *ls, double target)
{
	const sch_school *s = ls->s;
	int c0 = (int)rnd(ls, (uint32_t)ls->C), *q = ls->queue, head = 0, n = 0;
	const sch_shift_def *sh = s->classes[c0].shift >= 0 ? &s->shifts[s->classes[c0].shift] : NULL;
	if (!sh)
		return;
	int len = sh->last - sh->first + 1;
	uint32_t bells = 0;
	for (int k = 0; k < 2 + (int)rnd(ls, 2); k++)
		bells |= 1u << (sh->first + (int)rnd(ls, (uint32_t)len));
	q[n++] = c0;
	ls->cmark[c0] = 1;
	while (head < n && ls->n_free < target) {
		int c = q[head++];
		for (int k = s->by_class.off[c]; k < s->by_class.off[c + 1]; k++) {
			int l = s->by_class.idx[k], st = sch_solution_start(ls->sol, l);
			if (st >= 0 && (sch__cover_bits(st % ls->P, s->lessons[l].length, ls->P) & bells))
				free_lesson(ls, l);
		}
		n = push_linked(ls, c, 0, q + head, n - head) + head;
	}
}

/* Random lessons of classes linked to a random one: a third of each class's. */
static void nb_random(lns *ls, double target)
{
	const sch_school *s = ls->s;
	int c0 = (int)rnd(ls, (uint32_t)ls->C), *q = ls->queue, head = 0, n = 0;
	q[n++] = c0;
	ls->cmark[c0] = 1;
	while (head < n && ls->n_free < target) {
		int c = q[head++];
		for (int k = s->by_class.off[c]; k < s->by_class.off[c + 1]; k++)
			if (rnd(ls, 3) == 0)
				free_lesson(ls, s->by_class.idx[k]);
		n = push_linked(ls, c, 0, q + head, n - head) + head;
	}
}

/*
 * RINS: the lessons where the incumbent and the whole model's LP relaxation disagree
 * (the LP puts less than 0.9 of the lesson's group at its slot), in classes linked to
 * a random one; the lessons both agree on stay.
 */
static void nb_rins(lns *ls, double target)
{
	const sch_school *s = ls->s;
	int c0 = (int)rnd(ls, (uint32_t)ls->C), *q = ls->queue, head = 0, n = 0;
	double cut = 0.5 + 0.49 * (double)rnd(ls, 1000) / 1000.0;
	q[n++] = c0;
	ls->cmark[c0] = 1;
	while (head < n && ls->n_free < target) {
		int c = q[head++];
		for (int k = s->by_class.off[c]; k < s->by_class.off[c + 1]; k++) {
			int l = s->by_class.idx[k], st = sch_solution_start(ls->sol, l);
			double v = st >= 0 ? sch_mip_lp_value(ls->whole, l, st) : 0;
			if (v >= 0 && v < cut)
				free_lesson(ls, l);
		}
		n = push_linked(ls, c, 0, q + head, n - head) + head;
	}
}

/* Fills ls->isfree with a neighbourhood of kind k. */
static void build_neighbourhood(lns *ls, int k)
{
	double target = ls->nb[k].target;
	reset(ls);
	switch (k) {
	case NB_DAYS: {
		/* as many days as the target asks for */
		int per_day = ls->L / (ls->D > 0 ? ls->D : 1) + 1, nd = (int)(target / per_day + 0.5);
		if (nd < 1)
			nd = 1;
		while (__builtin_popcount(ls->day_mask) < nd && __builtin_popcount(ls->day_mask) < ls->D)
			ls->day_mask |= random_days(ls, 1);
		grow_classes(ls, (int)rnd(ls, (uint32_t)ls->C), ls->day_mask, target, -1);
		break;
	}
	case NB_CLASSES:
		grow_classes(ls, (int)rnd(ls, (uint32_t)ls->C), 0, target, -1);
		break;
	case NB_TEACHERS:
		nb_teachers(ls, target);
		break;
	case NB_PERIODS:
		nb_periods(ls, target);
		break;
	case NB_RANDOM:
		nb_random(ls, target);
		break;
	case NB_RINS:
		if (ls->whole)
			nb_rins(ls, target);
		break;
	case NB_BRANCH: /* local branching: twice the classes free, a few lessons may move */
		grow_classes(ls, (int)rnd(ls, (uint32_t)ls->C), 0, 2 * target, -1);
		ls->max_moves = (int)(target / 6);
		if (ls->max_moves < 4)
			ls->max_moves = 4;
		break;
	case NB_SHIFT: {
		int c = (int)rnd(ls, (uint32_t)ls->C);
		ls->day_mask = random_days(ls, 1);
		grow_classes(ls, c, ls->day_mask, target, ls->s->classes[c].shift);
		break;
	}
	default:
		break;
	}
}

static int pick_kind(lns *ls)
{
	double sum = 0;
	for (int k = 0; k < NB_COUNT; k++)
		sum += ls->nb[k].score;
	double r = (double)(sch_solver_ctx_random(ls->ctx) >> 11) * 0x1p-53 * sum;
	for (int k = 0; k < NB_COUNT; k++) {
		r -= ls->nb[k].score;
		if (r <= 0)
			return k;
	}
	return NB_COUNT - 1;
}

/*
 * One sub-MIP of kind k from the current solution. Returns 1 when the solution
 * improved, 0 when not, or a negative code (GLPK failed: out of memory...).
 */
static int lns_step(lns *ls, int k)
{
	nb_stat *st = &ls->nb[k];
	sch_mip *m = NULL;
	sch_mip_result res;
	int improved = 0, rc;
	build_neighbourhood(ls, k);
	if (ls->n_free == 0)
		return 0;
	sch_mip_spec spec = {.free = ls->isfree, .day_mask = ls->day_mask, .max_moves = ls->max_moves};
	double t0 = sch_solver_ctx_elapsed(ls->ctx);
	rc = sch_mip_build(&m, ls->sol, &spec);
	if (rc == SCH_EINFEASIBLE) /* a free lesson has no place but its own: nothing to gain */
		return 0;
	if (rc)
		return rc;
	double limit = ls->sub_limit;
	double run_left = sch_solver_ctx_time_left(ls->ctx); /* of the run, or of its slice */
	if (run_left >= 0 && limit > run_left)
		limit = run_left;
	sch_mip_params par = {.time_limit = limit > 0.05 ? limit : 0.05, .use_start = 1};
	sch_cost before = sch_solution_cost(ls->sol);
	rc = sch_mip_solve(m, ls->sol, ls->ctx, &par, &res);
	if (rc) {
		sch_mip_free(m);
		return rc;
	}
	if ((res.status == SCH_MIP_OPTIMAL || res.status == SCH_MIP_FEASIBLE) && res.start >= 0 &&
	    res.objective < res.start - 0.5) {
		const sch_change *ch;
		sch_cost delta = 0;
		int n = sch_mip_changes(m, ls->sol, &ch);
		if (n > 0 && sch_solution_apply(ls->sol, ch, n, &delta) == 0) {
			if (sch_cost_delta_hard(delta) <= 0 && delta < 0) {
				improved = 1;
				st->gain += before - sch_solution_cost(ls->sol);
				sch_solver_ctx_offer(ls->ctx, ls->sol);
				if ((int64_t)floor(res.start - res.objective + 0.5) != -delta)
					sch_solver_ctx_log(ls->ctx, SCH_LOG_DEBUG,
							   "lns: the model promised %.0f, the timetable gained %lld",
							   res.start - res.objective, (long long)-delta);
			} else {
				sch_solution_revert(ls->sol);
				sch_solver_ctx_log(ls->ctx, SCH_LOG_DEBUG,
						   "lns: a sub-MIP solution of objective %.0f (start %.0f) changed the cost by %lld; not kept",
						   res.objective, res.start, (long long)sch_cost_delta_soft(delta));
			}
		}
	}
	double secs = sch_solver_ctx_elapsed(ls->ctx) - t0;
	st->tries++;
	st->seconds += secs;
	st->wins += improved;
	st->score = 0.8 * st->score + 0.2 * (improved ? 1.0 : 0.0);
	if (st->score < 0.05)
		st->score = 0.05;
	if (k == NB_RINS && !ls->whole)
		st->score = 0;
	/* the size follows how hard the sub-MIPs are: solved quickly, grow; out of time, shrink */
	if (res.status == SCH_MIP_OPTIMAL && secs < 0.5 * ls->sub_limit)
		st->target *= 1.3;
	else if (res.stopped && res.status != SCH_MIP_OPTIMAL)
		st->target *= 0.85;
	if (st->target < 8)
		st->target = 8;
	if (st->target > ls->L)
		st->target = ls->L;
	sch_solver_ctx_log(ls->ctx, SCH_LOG_DEBUG, "lns %s: %d free, %d cols, %d rows, %.2f s, %s%s", nb_names[k],
			   res.n_free, res.n_cols, res.n_rows, secs,
			   res.status == SCH_MIP_OPTIMAL ? "optimal" : res.status == SCH_MIP_FEASIBLE ? "feasible" : "no solution",
			   improved ? ", improved" : "");
	sch_solver_ctx_count(ls->ctx, 1);
	sch_mip_free(m);
	return improved;
}

/* The exact model's relaxation runs after the relaxed one's when its estimated time is
 * within this share of the run (M: 24k columns, bound 34 in about 9 s where the
 * relaxed model gives 21). */
#define EXACT_LP_SHARE 0.5

/* The LP relaxation of the whole school, solved in a thread of its own (GLPK keeps its
 * environment per thread): the model, its parameters and what came out; then, when
 * there is one, the exact model's relaxation, a tighter bound that takes longer. */
typedef struct {
	sch_mip *m, *exact;      /* exact: NULL, or solved after m in the time left */
	const sch_solution *sol; /* not read: no start, no run context in the thread */
	sch_mip_params par;
	sch_mip_result res, res_exact;
	int rc, rc_exact;        /* rc_exact: 1 when the exact model was not solved */
	int abort;               /* set by the search's thread, read by GLPK's terminal hook */
	int threaded;            /* runs in a thread of its own (which frees its GLPK environment) */
	int done;                /* set by the thread when it ends (atomic): the second core is free */
	char err[256];
} lp_job;

static void *lp_thread(void *arg)
{
	lp_job *job = arg;
	job->rc = sch_mip_solve(job->m, job->sol, NULL, &job->par, &job->res);
	if (job->rc)
		snprintf(job->err, sizeof job->err, "%s", sch_error_last() ? sch_error_last()->message : "?");
	job->rc_exact = 1;
	sch_mip_params par = job->par;
	par.time_limit -= job->res.seconds;
	if (job->rc == 0 && job->exact && par.time_limit > 0 && !__atomic_load_n(&job->abort, __ATOMIC_ACQUIRE))
		job->rc_exact = sch_mip_solve(job->exact, job->sol, NULL, &par, &job->res_exact);
	if (job->threaded)
		sch_mip_thread_done();
	__atomic_store_n(&job->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * The bounds of the run, proved: first a quick one (no GLPK, a fraction of a second,
 * so that even a 10 s run prints one), then the LP relaxation of the whole school, the
 * better bound and the guide of RINS, solved by the interior point method in a thread
 * of its own while local search runs (measured on the bench schools: the LP took 2-9 s
 * of a one-minute run from local search when solved first, and the sub-MIPs cannot win
 * that time back). The relaxed model (no teacher gaps, difficulty, spread: a weaker
 * bound, about five times faster) unless the exact one is small; then the exact one
 * when it may end within EXACT_LP_SHARE of the run (a stopped one's multipliers still
 * prove a bound; the better of the two is taken). The thread stops at
 * 90% of the time, or earlier when lp_finish asks; a GLPK failure only costs the bound.
 */
static void lp_start(lns *ls, double total)
{
	double t0 = sch_solver_ctx_elapsed(ls->ctx), budget = total > 0 ? total : 60;
	sch_mip *exact = NULL;
	for (int relax = 0; relax <= 1 && !ls->whole; relax++) {
		sch_mip_spec spec = {.relax = relax};
		if (sch_mip_build(&ls->whole, ls->sol, &spec) != 0) {
			ls->whole = NULL;
			break;
		}
		double secs = sch_mip_cols(ls->whole) / sch_mip_lp_rate(ls->whole);
		if (secs > budget * (relax ? 0.9 : 0.1) || sch_mip_cols(ls->whole) > 60000) {
			/* the exact one goes second in the thread when it may end within half the run */
			if (!relax && secs <= budget * EXACT_LP_SHARE && sch_mip_cols(ls->whole) <= 60000)
				exact = ls->whole;
			else
				sch_mip_free(ls->whole);
			ls->whole = NULL;
		}
	}
	if (ls->whole && exact && !sch_mip_priced(ls->whole)) {
		/* the relaxed model leaves out all that costs (imported schools whose soft cost is
		 * in gap rules): its bound is its constant, so the exact model goes first */
		sch_mip_free(ls->whole);
		ls->whole = exact;
		exact = NULL;
	}
	if (!ls->whole) {
		sch_mip_free(exact);
		exact = NULL;
	}
	sch_mip *qm = ls->whole;
	sch_mip_spec qs = {.relax = 1};
	if (!qm && sch_mip_build(&qm, ls->sol, &qs) != 0)
		qm = NULL;
	if (qm) {
		/* the bound of short runs and of the progress line: up to a second of a minute's run */
		double qb = sch_mip_quick_bound(qm, 3, budget * 0.05 < 0.9 ? budget * 0.05 + 0.1 : 1.0,
						(double)sch_solution_soft(ls->sol));
		if (qb > -0.5)
			sch_solver_ctx_set_bound(ls->ctx, (int64_t)ceil(qb - 1e-6));
		sch_solver_ctx_log(ls->ctx, SCH_LOG_INFO, "lns: quick bound %.2f in %.2f s", qb,
				   sch_solver_ctx_elapsed(ls->ctx) - t0);
		if (qm != ls->whole)
			sch_mip_free(qm);
	}
	if (!ls->whole) {
		sch_solver_ctx_log(ls->ctx, SCH_LOG_INFO, "lns: the school is too big for an LP bound in this time");
		ls->nb[NB_RINS].score = 0;
		return;
	}
	lp_job *job = calloc(1, sizeof *job);
	if (!job) {
		sch_mip_free(ls->whole);
		sch_mip_free(exact);
		ls->whole = NULL;
		ls->nb[NB_RINS].score = 0;
		return;
	}
	job->m = ls->whole;
	job->exact = exact;
	job->sol = ls->sol;
	job->par = (sch_mip_params){.time_limit = budget * 0.9, .lp_only = 1, .abort = &job->abort};
	ls->lp = job;
	job->threaded = 1;
	ls->lp_running = pthread_create(&ls->lp_tid, NULL, lp_thread, job) == 0;
	if (!ls->lp_running) { /* no thread: solve it here, in a tenth of the time */
		job->threaded = 0;
		job->par.time_limit = budget * 0.1;
		lp_thread(job);
	}
}

/* The ended LP thread's (arg: its lp_job) proved bound, the better of its relaxations',
 * into ctx; also the coop's ready callback, so that the bound holds as soon as the thread
 * ends and local search stops once it reaches it (a proved optimum). */
static void lp_take_bound(void *arg, sch_solver_ctx *ctx)
{
	const lp_job *job = arg;
	double b = job->rc == 0 ? job->res.bound : -1;
	if (job->rc == 0 && job->rc_exact == 0 && job->res_exact.bound > b)
		b = job->res_exact.bound;
	if (b > -0.5)
		sch_solver_ctx_set_bound(ctx, (int64_t)ceil(b - 1e-6));
}

/* Stops the LP's thread (if it still runs), waits for it, and takes its bound. */
static void lp_finish(lns *ls)
{
	lp_job *job = ls->lp;
	if (!job)
		return;
	if (ls->lp_running) {
		__atomic_store_n(&job->abort, 1, __ATOMIC_RELEASE);
		pthread_join(ls->lp_tid, NULL);
		ls->lp_running = 0;
	}
	sch_solver_ctx_log(ls->ctx, SCH_LOG_INFO,
			   "lns: LP relaxation of the school (%d columns, %d rows): %.2f in %.1f s%s%s",
			   sch_mip_cols(job->m), sch_mip_rows(job->m), job->res.bound, job->res.seconds,
			   job->res.stopped ? " (stopped)" : "", job->rc ? "; GLPK failed: " : "");
	if (job->rc)
		sch_solver_ctx_log(ls->ctx, SCH_LOG_WARN, "lns: no LP bound: %s", job->err);
	if (job->exact && job->rc_exact <= 0)
		sch_solver_ctx_log(ls->ctx, SCH_LOG_INFO, "lns: LP relaxation of the exact model (%d columns, %d rows): %.2f in %.1f s%s%s",
				   sch_mip_cols(job->exact), sch_mip_rows(job->exact), job->res_exact.bound,
				   job->res_exact.seconds, job->res_exact.stopped ? " (stopped)" : "",
				   job->rc_exact ? "; GLPK failed" : "");
	lp_take_bound(job, ls->ctx);
	if (job->rc_exact == 0 && job->res_exact.bound > job->res.bound) { /* the tighter bound's values, for RINS */
		sch_mip_free(ls->whole);
		ls->whole = job->exact;
		job->exact = NULL;
		job->res = job->res_exact;
	}
	sch_mip_free(job->exact);
	if (job->rc || job->res.bound < -0.5) {
		sch_mip_free(ls->whole);
		ls->whole = NULL;
		ls->nb[NB_RINS].score = 0;
	}
	free(job);
	ls->lp = NULL;
}

static int lns_run(sch_solution *sol, const sch_solve_options *opts, sch_solver_ctx *ctx)
{
	lns ls = {0};
	int rc = 0;
	ls.sol = sol;
	ls.s = sch_solution_school(sol);
	ls.ctx = ctx;
	ls.opts = opts;
	ls.L = ls.s->n_lessons;
	ls.D = ls.s->n_days;
	ls.P = ls.s->n_periods;
	ls.C = ls.s->n_classes;
	ls.T = ls.s->n_teachers;
	if (ls.L == 0 || ls.C == 0 || ls.T == 0)
		return 0;
	ls.isfree = calloc((size_t)ls.L + 1, 1);
	ls.cmark = calloc((size_t)ls.C + 1, 1);
	ls.tmark = calloc((size_t)ls.T + 1, 1);
	ls.queue = malloc(sizeof(int) * (size_t)(ls.C + ls.T + 1));
	if (!ls.isfree || !ls.cmark || !ls.tmark || !ls.queue) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	double total = sch_solver_ctx_time_left(ctx); /* of the run, or of the slice this is */
	if (total < 0)
		total = 60;
	ls.sub_limit = total / 20;
	if (ls.sub_limit < 0.5)
		ls.sub_limit = 0.5;
	if (ls.sub_limit > 5)
		ls.sub_limit = 5;
	for (int k = 0; k < NB_COUNT; k++) {
		ls.nb[k].score = 1.0;
		ls.nb[k].target = 100;
	}
	if (sch_mip_supported(ls.s) != 0) {
		/* sub-MIPs could break a rule the model does not know: local search alone */
		sch_solver_ctx_log(ctx, SCH_LOG_INFO, "hybrid: local search only, no sub-MIPs: %s",
				   sch_error_last() ? sch_error_last()->message : "the school has rules the model lacks");
		sch_error_clear();
		rc = sch_solver_local()->run(sol, opts, ctx);
		goto done;
	}
	if (sch_solution_hard(sol) > 0) { /* no feasible timetable to improve: local search only */
		rc = sch_solver_local()->run(sol, opts, ctx);
		goto done;
	}
	/* the bound first: local search then stops by itself if it reaches it */
	sch_solver_ctx_set_phase(ctx, "lns");
	if (sch_solver_ctx_bound(ctx) >= 0) /* a slice of method mip, which has its bound */
		ls.nb[NB_RINS].score = 0;
	else
		lp_start(&ls, total);
	/*
	 * Local search first, as one long slice: its simulated annealing cools once over
	 * the time it is given, and ends far lower that way than in many short slices.
	 * It takes the gains one move at a time finds; the sub-MIPs then polish what is
	 * left, where several lessons of several classes must move at once.
	 */
	double frac = 0.95;
	double left = sch_solver_ctx_time_left(ctx) >= 0 ? sch_solver_ctx_time_left(ctx) : total;
	sch__coop *co = NULL;
	if (!opts->iterations && sch_solver_ctx_time_left(ctx) >= COOP_MIN_SECONDS &&
	    (rc = sch__coop_new(&co, ctx, opts, ls.lp_running ? &((lp_job *)ls.lp)->done : NULL,
				ls.lp_running ? lp_take_bound : NULL, ls.lp, ls.L)) != 0)
		goto done;
	rc = sch_solver_ctx_run_slice(ctx, sch_solver_local(), sol, opts, left * frac, 0);
	sch__coop_finish(co, sol, ctx);
	sch_solver_ctx_restore_best(ctx, sol);
	sch_solver_ctx_set_phase(ctx, "lns");
	lp_finish(&ls); /* its bound, and its values for RINS */
	if (rc)
		goto done;
	while (!sch_solver_ctx_should_stop_now(ctx, sol)) {
		int r = lns_step(&ls, pick_kind(&ls));
		if (r == SCH_ENOMEM || r == SCH_EINTERNAL) { /* GLPK failed: go on with local search alone */
			sch_solver_ctx_log(ctx, SCH_LOG_WARN, "lns: %s; local search only from here",
					   sch_error_last() ? sch_error_last()->message : "GLPK failed");
			rc = sch_solver_local()->run(sol, opts, ctx);
			goto done;
		}
		if (r < 0) {
			rc = r;
			goto done;
		}
		if (r > 0) { /* single moves may follow up what the sub-MIP changed */
			left = sch_solver_ctx_time_left(ctx) >= 0 ? sch_solver_ctx_time_left(ctx) : total;
			rc = sch_solver_ctx_run_slice(ctx, sch_solver_local(), sol, opts, left < 4 ? left / 4 : 1, 0);
			sch_solver_ctx_restore_best(ctx, sol);
			sch_solver_ctx_set_phase(ctx, "lns");
			if (rc)
				goto done;
		}
	}
	rc = sch_solver_ctx_stop_reason(ctx);
done:
	lp_finish(&ls);
	for (int k = 0; k < NB_COUNT; k++)
		if (ls.nb[k].tries)
			sch_solver_ctx_log(ctx, SCH_LOG_INFO, "lns %s: %d sub-MIPs, %d improved (-%lld), %.1f s, size %.0f",
					   nb_names[k], ls.nb[k].tries, ls.nb[k].wins, (long long)ls.nb[k].gain,
					   ls.nb[k].seconds, ls.nb[k].target);
	sch_mip_free(ls.whole);
	free(ls.isfree);
	free(ls.cmark);
	free(ls.tmark);
	free(ls.queue);
	return rc;
}

static const sch_solver lns_solver = {SCH_SOLVER_VERSION, "lns", lns_run};

const sch_solver *sch_solver_lns(void)
{
	return &lns_solver;
}
