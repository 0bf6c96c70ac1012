/* `schedule solve archive.xml`: an XHSTT instance solved with its splits searched, written as an XHSTT solution. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xhstt_cli.h"
#include "schedule/solver.h"
#include "schedule/sys/model.h"

int cli_solve_xhstt(const char *archive, const sch_solve_options *opts, const char *output, int json, int quiet)
{
	sch_xhstt *x = NULL;
	sch_school *school = NULL;
	sch_timetable *tt = NULL;
	sch_diags *diags = NULL;
	char *text = NULL;
	size_t len = 0;
	int code, rc, solve_rc, idx = -1;
	if (sch_diags_new(&diags))
		return cli_lib_error(SCH_ENOMEM, NULL);
	if ((rc = sch_xhstt_load(&x, archive))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = solve_rc = sch_xhstt_solve(&school, &tt, x, NULL, opts, diags);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cli_progress_end();
	/* the importer's notes are about its own splits, the search's start: shown with --verbose */
	if ((!quiet && opts->log) || sch_diags_errors(diags))
		cli_print_diags(diags);
	if (!tt) {
		code = cli_lib_error(rc, "%s: solving", archive);
		goto done;
	}
	if ((rc = sch_xhstt_add_timetable(x, tt, "libschedule", &idx))) {
		code = cli_lib_error(rc, "%s: the timetable as a solution", archive);
		goto done;
	}
	if (output && strcmp(output, "-") == 0) {
		if ((rc = sch_xhstt_solution_to_string(&text, &len, x, idx))) {
			code = cli_lib_error(rc, "writing the solution");
			goto done;
		}
		fwrite(text, 1, len, stdout);
	} else if (output && (rc = sch_xhstt_write_solution(x, idx, output))) {
		code = cli_lib_error(rc, "%s", output);
		goto done;
	}
	sch_xhstt_cost c = {0};
	if ((rc = sch_xhstt_evaluate(x, idx, &c))) {
		code = cli_lib_error(rc, "%s: evaluating the solution", archive);
		goto done;
	}
	double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
	FILE *f = output && strcmp(output, "-") == 0 ? stderr : stdout;
	if (json && f == stdout) {
		printf("{\"status\": \"%s\", \"method\": \"%s\", \"seed\": %llu, \"seconds\": %.3f, \"lessons\": %d, "
		       "\"infeasibility\": %lld, \"objective\": %lld, \"output\": ",
		       solve_rc == SCH_ECANCELLED ? "cancelled" : c.infeasibility ? "infeasible" : "feasible",
		       sch_method_name(opts->method), (unsigned long long)opts->seed, seconds, school->n_lessons,
		       (long long)c.infeasibility, (long long)c.objective);
		cli_json_string(stdout, output);
		printf("}\n");
	} else if (!quiet) {
		fprintf(f, "%s: %d lessons (the events' splits searched), method %s, seed %llu, %.2f s\n",
			sch_school_name(school), school->n_lessons, sch_method_name(opts->method),
			(unsigned long long)opts->seed, seconds);
		fprintf(f, "XHSTT cost: infeasibility %lld, objective %lld%s\n", (long long)c.infeasibility,
			(long long)c.objective, solve_rc == SCH_ECANCELLED ? " (interrupted: the best so far)" : "");
		if (f == stdout) {
			int bad;
			cli_xhstt_print(x, idx, 0, &bad);
		}
	}
	code = c.infeasibility ? CLI_EXIT_FAIL : CLI_EXIT_OK;
	if (c.infeasibility)
		cli_error("%s: no solution of infeasibility 0 was found%s", archive,
			  output ? "; the best one was written" : "");
	sch_xhstt_cost_free(&c);
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
	}
done:
	sch_free(text);
	sch_timetable_free(tt);
	sch_school_free(school);
	sch_xhstt_free(x);
	sch_diags_free(diags);
	return code;
}
