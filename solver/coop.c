/* The hybrid's second core: a second worker on the local search's one annealing chain. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coop.h"

/*
 * Two threads advance one simulated annealing chain. Each holds a copy of the
 * timetable and draws its own moves; a move one accepts is published to a log and
 * kept only when the thread had applied every move published before (its move was
 * judged on the chain's current timetable), else it is undone as if rejected. Before
 * each move a thread applies what the other published. Late in a cooling nine moves
 * in ten are rejected, so two threads judge nearly twice the moves a second of one
 * chain; the log holds the accepted ones only.
 *
 * The log is a ring of records (a move's changes, in a ring of changes that a record
 * never wraps around). The thread
 * that falls a whole ring behind (descheduled on a busy machine) leaves the chain:
 * the other goes on alone.
 */
enum { REC_CAP = 1 << 15, CHG_CAP = 1 << 18, MAIN = 0, WORKER = 1 };
static int ring_records = REC_CAP; /* tests shrink it (sch__coop_test_ring) */

typedef struct {
	uint64_t pos; /* its first change in the ring of changes (counted from the start) */
	int n;
} record;

struct sch__coop {
	pthread_mutex_t mu; /* one publisher at a time; the best */
	int L;
	int *starts;        /* the better best, at the end */
	sch_cost cost;      /* its cost, INT64_MAX before any */
	const int *go;      /* the worker starts once *go != 0 (atomic); NULL: at once */
	void (*ready)(void *arg, sch_solver_ctx *ctx); /* called then, in the first search's thread */
	void *ready_arg;
	uint64_t rec_cap;   /* records the ring holds */
	int launched;       /* 0 not yet, 1 running, -1 not to be */
	int abort;          /* stops the worker's run (atomic) */
	int broken;         /* the threads left the one chain: each goes on alone (atomic) */
	/* the log */
	record *rec;
	sch_change *chg;
	uint64_t n_rec;     /* records published (atomic) */
	uint64_t n_chg;     /* changes published (under mu) */
	uint64_t seen[2];   /* records applied or published by each thread (atomic) */
	/* the cooling, as the first search set it */
	double temp0, temp_end, begin, seconds;
	/* the worker's side */
	pthread_t tid;
	const sch_solve_options *opts;
	sch_solution *sol;
	sch_solver_ctx *ctx;
};

int sch__coop_new(sch__coop **out, sch_solver_ctx *ctx, const sch_solve_options *opts, const int *go,
		  void (*ready)(void *arg, sch_solver_ctx *ctx), void *ready_arg, int n_lessons)
{
	*out = NULL;
	sch__coop *co = calloc(1, sizeof *co);
	int *starts = malloc(sizeof(int) * (size_t)(n_lessons + 1));
	record *rec = malloc(sizeof(record) * (size_t)ring_records);
	sch_change *chg = malloc(sizeof(sch_change) * CHG_CAP);
	if (!co || !starts || !rec || !chg || pthread_mutex_init(&co->mu, NULL) != 0) {
		free(co);
		free(starts);
		free(rec);
		free(chg);
		return sch_error_set(SCH_ENOMEM, "out of memory");
	}
	co->L = n_lessons;
	co->starts = starts;
	co->rec = rec;
	co->rec_cap = (uint64_t)ring_records;
	co->chg = chg;
	co->cost = INT64_MAX;
	co->go = go;
	co->ready = ready;
	co->ready_arg = ready_arg;
	co->opts = opts;
	sch__ctx_set_coop(ctx, co);
	*out = co;
	return 0;
}

void sch__coop_cooling(sch__coop *co, sch_solver_ctx *ctx, double *temp0, double *temp_end, double *begin,
		       double *seconds)
{
	if (ctx == co->ctx) { /* the worker follows the first search */
		*temp0 = co->temp0;
		*temp_end = co->temp_end;
		*begin = co->begin;
		*seconds = co->seconds;
	} else {
		co->temp0 = *temp0;
		co->temp_end = *temp_end;
		co->begin = *begin;
		co->seconds = *seconds;
	}
}

static void *coop_thread(void *arg)
{
	sch__coop *co = arg;
	sch_solver_local()->run(co->sol, co->opts, co->ctx);
	return NULL;
}

/* Starts the worker from sol, the first search's timetable of the moment. */
static void launch(sch__coop *co, const sch_solution *sol, sch_solver_ctx *ctx)
{
	co->launched = -1; /* tried; 1 once it runs */
	if (sch__ctx_fork(&co->ctx, ctx, &co->abort) != 0)
		goto fail;
	if (sch_solution_new(&co->sol, sch_solution_school(sol), co->opts->from) != 0 ||
	    sch_solution_copy_from(co->sol, sol) != 0)
		goto fail;
	sch_solver_ctx_offer(co->ctx, co->sol);
	sch__ctx_set_coop(co->ctx, co);
	co->launched = 1; /* before the thread, which reads it; nothing is published yet */
	if (pthread_create(&co->tid, NULL, coop_thread, co) != 0) {
		co->launched = -1;
		goto fail;
	}
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "coop: a second worker on the annealing from %.1f s",
			   sch_solver_ctx_elapsed(ctx));
	return;
fail:
	sch_error_clear();
	sch_solution_free(co->sol);
	sch__ctx_free_fork(co->ctx);
	co->sol = NULL;
	co->ctx = NULL;
}

void sch__coop_poll(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx)
{
	if (ctx == co->ctx || co->launched || (co->go && !__atomic_load_n(co->go, __ATOMIC_ACQUIRE)))
		return;
	if (co->ready)
		co->ready(co->ready_arg, ctx);
	launch(co, sol, ctx);
}

static int active(const sch__coop *co)
{
	return co->launched == 1 && !__atomic_load_n(&co->broken, __ATOMIC_ACQUIRE);
}

int sch__coop_catch_up(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx, sch_cost *best)
{
	int who = ctx == co->ctx ? WORKER : MAIN;
	if (!active(co))
		return who == WORKER ? -1 : 0;
	uint64_t i = co->seen[who], n = __atomic_load_n(&co->n_rec, __ATOMIC_ACQUIRE);
	for (; i < n; i++) {
		const record *r = &co->rec[i % co->rec_cap];
		if (sch_solution_apply(sol, co->chg + r->pos % CHG_CAP, r->n, NULL) != 0) {
			/* cannot happen on an equal timetable; never go on on a different one */
			sch_error_clear();
			__atomic_store_n(&co->broken, 1, __ATOMIC_RELEASE);
			return who == WORKER ? -1 : 0;
		}
		__atomic_store_n(&co->seen[who], i + 1, __ATOMIC_RELEASE);
		if (sch_solution_cost(sol) < *best) {
			*best = sch_solution_cost(sol);
			sch_solver_ctx_offer(ctx, sol);
		}
	}
	return 0;
}

int sch__coop_publish(sch__coop *co, sch_solver_ctx *ctx, const sch_change *ch, int n)
{
	int who = ctx == co->ctx ? WORKER : MAIN;
	if (!active(co))
		return who == MAIN; /* alone now: the worker stops */
	int kept = 0;
	pthread_mutex_lock(&co->mu);
	uint64_t at = co->n_rec, mine = co->seen[who], other = __atomic_load_n(&co->seen[!who], __ATOMIC_ACQUIRE);
	if (at == mine) { /* judged on the chain's timetable */
		uint64_t start = co->n_chg;
		if (start % CHG_CAP + (uint64_t)n > CHG_CAP) /* a record never wraps: it is applied in place */
			start += CHG_CAP - start % CHG_CAP;
		uint64_t free_from = other < at ? co->rec[other % co->rec_cap].pos : start;
		if (at - other >= co->rec_cap || start + (uint64_t)n - free_from > CHG_CAP) {
			__atomic_store_n(&co->broken, 1, __ATOMIC_RELEASE); /* the other is a ring behind */
			kept = who == MAIN;
		} else {
			record *r = &co->rec[at % co->rec_cap];
			r->pos = start;
			r->n = n;
			memcpy(co->chg + start % CHG_CAP, ch, sizeof *ch * (size_t)n);
			co->n_chg = start + (uint64_t)n;
			__atomic_store_n(&co->seen[who], at + 1, __ATOMIC_RELEASE);
			__atomic_store_n(&co->n_rec, at + 1, __ATOMIC_RELEASE);
			kept = 1;
		}
	}
	pthread_mutex_unlock(&co->mu);
	return kept;
}

void sch__coop_test_ring(int records)
{
	ring_records = records > 0 ? records : REC_CAP;
}

int sch__coop_sync(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx)
{
	sch_cost own = sch_solver_ctx_best_cost(ctx);
	int adopt = 0;
	pthread_mutex_lock(&co->mu);
	sch_cost other = co->cost;
	if (own < co->cost) {
		memcpy(co->starts, sch__ctx_best_starts(ctx), sizeof(int) * (size_t)co->L);
		co->cost = own;
	} else if (co->cost < own) {
		adopt = sch_solution_set_starts(sol, co->starts) == 0;
	}
	pthread_mutex_unlock(&co->mu);
	if (adopt)
		sch_solver_ctx_offer(ctx, sol);
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "coop: at %.1f s: best %lld here, %lld there%s",
			   sch_solver_ctx_elapsed(ctx), (long long)SCH_COST_SOFT(own),
			   (long long)(other == INT64_MAX ? -1 : SCH_COST_SOFT(other)), adopt ? ", taken" : "");
	return adopt;
}

void sch__coop_finish(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx)
{
	if (!co)
		return;
	sch__ctx_set_coop(ctx, NULL);
	if (co->launched == 1) {
		__atomic_store_n(&co->abort, 1, __ATOMIC_RELEASE);
		pthread_join(co->tid, NULL);
		sch_solver_ctx_count(ctx, sch_solver_ctx_iterations(co->ctx));
		if (!co->broken) { /* both apply all that was published: their copies must agree */
			sch_cost b = INT64_MIN; /* nothing below it: no offers */
			sch__coop_catch_up(co, sol, ctx, &b);
			sch__coop_catch_up(co, co->sol, co->ctx, &b);
			int agree = !co->broken;
			for (int l = 0; l < co->L && agree; l++)
				agree = sch_solution_start(sol, l) == sch_solution_start(co->sol, l);
			sch_solver_ctx_log(ctx, agree ? SCH_LOG_DEBUG : SCH_LOG_WARN,
					   "coop: %llu moves shared, one chain to the end; the copies %s",
					   (unsigned long long)co->n_rec, agree ? "agree" : "DIFFER");
		} else {
			sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "coop: %llu moves shared, then each alone",
					   (unsigned long long)co->n_rec);
		}
		sch_solver_ctx_restore_best(co->ctx, co->sol);
		sch__coop_sync(co, co->sol, co->ctx);
		sch_solver_ctx_restore_best(ctx, sol);
		sch__coop_sync(co, sol, ctx);
	}
	sch_solution_free(co->sol);
	sch__ctx_free_fork(co->ctx);
	free(co->starts);
	free(co->rec);
	free(co->chg);
	pthread_mutex_destroy(&co->mu);
	free(co);
}
