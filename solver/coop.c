/* The hybrid's second core: a second local search in a thread, the two sharing their best. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coop.h"

/*
 * Two simulated annealings of one school, each with its own random stream, cool on
 * one schedule (the first one's: the second starts from the first one's timetable of
 * the moment, at its temperature of the moment, once the hybrid's LP thread has left
 * the second core); at a few points of the cooling the one whose best is worse goes
 * on from the other's best. Meeting lets both search the better basin for the rest.
 */
static const double meet_at[] = {0.5, 0.7, 0.85}; /* fractions of the cooling */
enum { N_MEET = sizeof meet_at / sizeof meet_at[0], MAIN = 0, WORKER = 1 };

struct sch__coop {
	pthread_mutex_t mu;
	int L;
	int *starts;        /* the shared best */
	sch_cost cost;      /* its cost, INT64_MAX before any */
	const int *go;      /* the second search starts once *go != 0 (atomic); NULL: at once */
	void (*ready)(void *arg, sch_solver_ctx *ctx); /* called then, in the first search's thread */
	void *ready_arg;
	int launched, abort; /* abort stops the thread (atomic) */
	size_t met[2];      /* meeting points passed, by each */
	/* the cooling, as the first search set it */
	double temp0, temp_end, begin, seconds;
	/* the thread's side */
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
	if (!co || !starts || pthread_mutex_init(&co->mu, NULL) != 0) {
		free(co);
		free(starts);
		return sch_error_set(SCH_ENOMEM, "out of memory");
	}
	co->L = n_lessons;
	co->starts = starts;
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
	if (ctx == co->ctx) { /* the second search follows the first */
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
	sch_solver_ctx_restore_best(co->ctx, co->sol);
	sch__coop_sync(co, co->sol, co->ctx);
	return NULL;
}

/* Starts the second search from sol, the first one's timetable of the moment. */
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
	co->met[WORKER] = co->met[MAIN];
	co->launched = 1; /* before the thread, which reads it */
	if (pthread_create(&co->tid, NULL, coop_thread, co) != 0) {
		co->launched = -1;
		goto fail;
	}
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "coop: a second local search from %.1f s", sch_solver_ctx_elapsed(ctx));
	return;
fail:
	sch_error_clear();
	sch_solution_free(co->sol);
	sch__ctx_free_fork(co->ctx);
	co->sol = NULL;
	co->ctx = NULL;
}

int sch__coop_poll(sch__coop *co, sch_solution *sol, sch_solver_ctx *ctx, double frac)
{
	int who = ctx == co->ctx ? WORKER : MAIN;
	if (who == MAIN && !co->launched && (!co->go || __atomic_load_n(co->go, __ATOMIC_ACQUIRE))) {
		if (co->ready)
			co->ready(co->ready_arg, ctx);
		if (frac < meet_at[N_MEET - 1])
			launch(co, sol, ctx);
		else
			co->launched = -1; /* too late for a second search */
	}
	if (co->met[who] >= N_MEET || frac < meet_at[co->met[who]])
		return 0;
	while (co->met[who] < N_MEET && frac >= meet_at[co->met[who]])
		co->met[who]++;
	return co->launched == 1 ? sch__coop_sync(co, sol, ctx) : 0;
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
	sch_solver_ctx_log(ctx, SCH_LOG_DEBUG, "coop: met at %.1f s: best %lld here, %lld there%s",
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
		sch_solver_ctx_restore_best(ctx, sol);
		sch__coop_sync(co, sol, ctx);
	}
	sch_solution_free(co->sol);
	sch__ctx_free_fork(co->ctx);
	free(co->starts);
	pthread_mutex_destroy(&co->mu);
	free(co);
}
