/* The whole-school integer program as a solver: starts from the solution it is given, proves optimality or reports its bound. */
#include <math.h>

#include "mip.h"

int sch_mip_supported(const sch_school *s)
{
	/* soft min_days_between beyond one day or "adjacent when on one day" counts pairs of
	 * lessons, which the model's per-day and per-start counts cannot tell apart */
	for (int ci = 0; ci < s->n_constraints; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		if (c->type != SCH_CON_MIN_DAYS_BETWEEN)
			continue;
		int adjacent = (c->flags & SCH_CON_SAME_DAY_ADJACENT) != 0;
		if (c->weight != SCH_WEIGHT_HARD && (c->value > 1 || adjacent))
			return sch_error_set(SCH_ENOTSUP,
					     "the integer program does not model constraint %d (min_days_between, soft, %d "
					     "day%s apart%s%s%s) yet (use --method local or hybrid)",
					     ci + 1, c->value, c->value == 1 ? "" : "s", adjacent ? ", adjacent on one day" : "",
					     c->source ? ": " : "", c->source ? c->source : "");
	}
	return 0;
}

/*
 * A quick bound, then the LP relaxation's (interrupted at 30% of the time). Then the
 * hybrid's search (local search, sub-MIPs) for an incumbent, which stops by itself once
 * it reaches the bound (the timetable is then proved optimal), for up to 70% of the time
 * left; then branch and cut from that incumbent for the rest.
 */
static int mip_run(sch_solution *sol, const sch_solve_options *opts, sch_solver_ctx *ctx)
{
	sch_mip *m = NULL;
	sch_mip_result res;
	int rc;
	sch_solver_ctx_set_phase(ctx, "mip");
	if ((rc = sch_mip_supported(sch_solution_school(sol))) != 0)
		return rc;
	if (sch_solver_ctx_should_stop_now(ctx, sol))
		return sch_solver_ctx_stop_reason(ctx);
	rc = sch_mip_build(&m, sol, NULL);
	if (rc == SCH_EINFEASIBLE) {
		/* a lesson has no slot at all: nothing for the MIP to do, the driver explains */
		sch_solver_ctx_log(ctx, SCH_LOG_INFO, "mip: %s", "a lesson has no legal slot; the model is infeasible");
		return 0;
	}
	if (rc)
		return rc;
	sch_solver_ctx_log(ctx, SCH_LOG_INFO, "mip: %d columns, %d rows, %d free lessons", sch_mip_cols(m),
			   sch_mip_rows(m), sch_solution_placed_count(sol));
	double limit = opts->time_limit, t0 = sch_solver_ctx_elapsed(ctx);
	double lp_time = limit > 0 ? 0.3 * (limit - t0) : 0;
	/* a quick bound first (no GLPK), of the relaxed model (the exact one's teacher-gap costs
	 * keep it far below zero): the LP below may be interrupted by its time guard. Then the
	 * bound of the model's LP relaxation, or the relaxed model's when the model's would
	 * not fit in its share of the time */
	sch_mip *bm = m, *relaxed = NULL;
	sch_mip_spec rs = {.relax = 1};
	if (sch_mip_build(&relaxed, sol, &rs) != 0)
		relaxed = NULL;
	if (relaxed) {
		double qb = sch_mip_quick_bound(relaxed, 3, lp_time > 0 ? 0.1 * lp_time : 1, (double)sch_solution_soft(sol));
		if (qb > -0.5)
			sch_solver_ctx_set_bound(ctx, (int64_t)ceil(qb - 1e-6));
		sch_solver_ctx_log(ctx, SCH_LOG_INFO, "mip: quick bound %.2f", qb);
		if (lp_time > 0 && sch_mip_cols(m) > sch_mip_lp_rate(m) * lp_time)
			bm = relaxed;
	}
	sch_mip_params lp = {.time_limit = lp_time, .report_bound = 1, .lp_only = 1};
	rc = sch_mip_solve(bm, sol, ctx, &lp, &res);
	sch_mip_free(relaxed);
	if (rc)
		goto done;
	if (res.bound > -0.5)
		sch_solver_ctx_set_bound(ctx, (int64_t)ceil(res.bound - 1e-6));
	sch_solver_ctx_log(ctx, SCH_LOG_INFO, "mip: LP relaxation%s %.2f after %.1f s", bm == m ? "" : " (relaxed model)",
			   res.bound, sch_solver_ctx_elapsed(ctx) - t0);
	if (sch_solution_hard(sol) == 0 && !sch_solver_ctx_should_stop_now(ctx, sol)) {
		double left = limit > 0 ? limit - sch_solver_ctx_elapsed(ctx) : 0;
		/* the hybrid's search (local search, then sub-MIPs) as the slice: on small schools
		 * its sub-MIPs find the optimum that local search alone may miss */
		rc = sch_solver_ctx_run_slice(ctx, sch_solver_lns(), sol, opts, left > 0 ? 0.7 * left : 10, 0);
		sch_solver_ctx_restore_best(ctx, sol);
		sch_solver_ctx_set_phase(ctx, "mip");
		if (rc)
			goto done;
	}
	if (sch_solver_ctx_should_stop_now(ctx, sol)) {
		rc = sch_solver_ctx_stop_reason(ctx);
		goto done;
	}
	double left = limit > 0 ? limit - sch_solver_ctx_elapsed(ctx) : 0;
	sch_mip_params bc = {.time_limit = left > 0 ? left : 0, .cuts = 1, .use_start = sch_solution_hard(sol) == 0,
			      .offer = 1, .report_bound = 1, .reference = opts->from};
	if ((rc = sch_mip_solve(m, sol, ctx, &bc, &res)) != 0)
		goto done;
	if (res.bound > -0.5)
		sch_solver_ctx_set_bound(ctx, (int64_t)ceil(res.bound - 1e-6));
	if (res.status == SCH_MIP_OPTIMAL || res.status == SCH_MIP_FEASIBLE) {
		const sch_change *ch;
		sch_cost delta = 0;
		int n = sch_mip_changes(m, sol, &ch);
		if (n > 0 && sch_solution_apply(sol, ch, n, &delta) == 0 && delta > 0)
			sch_solution_revert(sol); /* never worse than the start */
		sch_solver_ctx_offer(ctx, sol);
		if (res.status == SCH_MIP_OPTIMAL && sch_solution_hard(sol) == 0)
			sch_solver_ctx_set_bound(ctx, sch_solution_soft(sol));
	}
	sch_solver_ctx_log(ctx, SCH_LOG_INFO, "mip: %s, objective %.0f, bound %.2f after %.1f s",
			   res.status == SCH_MIP_OPTIMAL      ? "optimal"
			   : res.status == SCH_MIP_FEASIBLE   ? "feasible"
			   : res.status == SCH_MIP_INFEASIBLE ? "infeasible"
							      : "no solution",
			   res.objective, res.bound, res.seconds);
	rc = sch_solver_ctx_stop_reason(ctx);
done:
	sch_mip_free(m);
	return rc;
}

static const sch_solver mip_solver = {SCH_SOLVER_VERSION, "mip", mip_run};

const sch_solver *sch_solver_mip(void)
{
	return &mip_solver;
}
