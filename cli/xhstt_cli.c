/* XHSTT in the `schedule` command: writing solutions and printing XHSTT costs. */
#include <stdlib.h>
#include <string.h>

#include "xhstt_cli.h"

static int load_archive(sch_xhstt **x, const char *archive)
{
	int rc = sch_xhstt_load(x, archive);
	if (rc)
		return cli_lib_error(rc, NULL);
	return CLI_EXIT_OK;
}

int cli_xhstt_export(const sch_timetable *tt, const char *archive, const char *output, const char *group)
{
	sch_xhstt *x = NULL;
	char *text = NULL;
	size_t len = 0;
	int code, rc, idx = -1;
	if ((code = load_archive(&x, archive)))
		return code;
	if ((rc = sch_xhstt_add_timetable(x, tt, group, &idx))) {
		code = cli_lib_error(rc, "export --format xhstt");
		goto done;
	}
	if (strcmp(output, "-") == 0) {
		if ((rc = sch_xhstt_solution_to_string(&text, &len, x, idx))) {
			code = cli_lib_error(rc, "export --format xhstt");
			goto done;
		}
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			cli_error("export: cannot write to stdout");
			code = CLI_EXIT_USAGE;
			goto done;
		}
	} else if ((rc = sch_xhstt_write_solution(x, idx, output))) {
		code = cli_lib_error(rc, "export");
		goto done;
	}
	code = CLI_EXIT_OK;
done:
	sch_free(text);
	sch_xhstt_free(x);
	return code;
}

static void print_cost_text(const sch_xhstt *x, int i, const sch_xhstt_cost *c)
{
	sch_xhstt_solution si;
	cli_table *t = NULL;
	sch_xhstt_solution_info(x, i, &si);
	printf("\nXHSTT solution %d (group %s): infeasibility %lld, objective %lld\n", i + 1, si.group,
	       (long long)c->infeasibility, (long long)c->objective);
	if (c->unsupported)
		printf("  %d constraint%s of types the evaluator does not know %s not counted\n", c->unsupported,
		       c->unsupported == 1 ? "" : "s", c->unsupported == 1 ? "is" : "are");
	if (cli_table_new(&t, "llrrrrr"))
		return;
	cli_table_cell(t, "constraint");
	cli_table_cell(t, "type");
	cli_table_cell(t, "required");
	cli_table_cell(t, "points");
	cli_table_cell(t, "violated");
	cli_table_cell(t, "deviation");
	cli_table_cell(t, "cost");
	cli_table_rule(t);
	for (int k = 0; k < c->count; k++) {
		const sch_xhstt_constraint_cost *cc = &c->constraints[k];
		cli_table_cell(t, "%s", cc->id);
		cli_table_cell(t, "%s%s", cc->type, cc->supported ? "" : " (not evaluated)");
		cli_table_cell(t, "%s", cc->required ? "yes" : "no");
		cli_table_cell(t, "%d", cc->points);
		cli_table_cell(t, "%d", cc->violated);
		cli_table_cell(t, "%lld", (long long)cc->deviation);
		cli_table_cell(t, "%lld", (long long)cc->cost);
	}
	cli_table_print(t, stdout, "  ");
	cli_table_free(t);
}

static void print_cost_json(const sch_xhstt *x, int i, const sch_xhstt_cost *c)
{
	sch_xhstt_solution si;
	sch_xhstt_solution_info(x, i, &si);
	printf("{\"solution\": %d, \"group\": ", i + 1);
	cli_json_string(stdout, si.group);
	printf(", \"infeasibility\": %lld, \"objective\": %lld, \"unsupported\": %d, \"constraints\": [",
	       (long long)c->infeasibility, (long long)c->objective, c->unsupported);
	for (int k = 0; k < c->count; k++) {
		const sch_xhstt_constraint_cost *cc = &c->constraints[k];
		printf("%s{\"id\": ", k ? ", " : "");
		cli_json_string(stdout, cc->id);
		printf(", \"type\": ");
		cli_json_string(stdout, cc->type);
		printf(", \"supported\": %s, \"required\": %s, \"weight\": %d, \"points\": %d, \"violated\": %d, "
		       "\"deviation\": %lld, \"cost\": %lld}",
		       cc->supported ? "true" : "false", cc->required ? "true" : "false", cc->weight, cc->points,
		       cc->violated, (long long)cc->deviation, (long long)cc->cost);
	}
	printf("]}");
}

int cli_xhstt_prepare(sch_xhstt **x, int *first, const sch_timetable *tt, const char *archive)
{
	int code, rc;
	*first = 0;
	if ((code = load_archive(x, archive)))
		return code;
	if (tt && (rc = sch_xhstt_add_timetable(*x, tt, "timetable", first))) {
		code = cli_lib_error(rc, "verify --xhstt");
		sch_xhstt_free(*x);
		*x = NULL;
		return code;
	}
	if (!tt && sch_xhstt_solution_count(*x) == 0) {
		cli_error("%s: the archive holds no solution of its instance: give a school and a timetable", archive);
		sch_xhstt_free(*x);
		*x = NULL;
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

int cli_xhstt_print(const sch_xhstt *x, int first, int json, int *infeasible)
{
	int last = sch_xhstt_solution_count(x), rc;
	*infeasible = 0;
	if (json)
		printf("[");
	for (int i = first; i < last; i++) {
		sch_xhstt_cost c = {0};
		if ((rc = sch_xhstt_evaluate(x, i, &c)))
			return cli_lib_error(rc, "verify --xhstt");
		if (c.infeasibility > 0)
			*infeasible = 1;
		if (json) {
			printf("%s", i > first ? ", " : "");
			print_cost_json(x, i, &c);
		} else {
			print_cost_text(x, i, &c);
		}
		sch_xhstt_cost_free(&c);
	}
	if (json)
		printf("]");
	return CLI_EXIT_OK;
}
