/* `schedule verify`: check a timetable against every rule of its school, term by term. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xhstt_cli.h"
#include "schedule/sys/model.h"

static const cli_help help = {
	"verify",
	"<school.yaml> <timetable.yaml> [--reference <old.yaml>] [--xhstt <archive.xml>] [--json]\n"
	"       schedule verify --xhstt <archive.xml> [--json]",
	"Check a timetable against every rule of its school: list each hard violation and the soft cost term by term",
	"Hard rules (every lesson placed, no clash of a teacher, class, group or room, the\n"
	"class's shift and week, teacher availability, no gaps for pupils, daily limits, a\n"
	"subject once a day, pinned lessons) are listed one violation a line. The soft cost is\n"
	"given per term as amount x weight; docs/rules.md defines how each term is counted.\n"
	"\n"
	"Options:\n"
	"  --reference <old.yaml>  a previous timetable: lessons moved from it cost 'moved'\n"
	"  --json                  print the verifier's report as JSON\n"
	"  --xhstt <archive.xml>   also give the timetable's cost as XHSTT defines it (infeasibility,\n"
	"                          objective, per constraint) in the archive the school was imported\n"
	"                          from; without a school and timetable, the costs of the solutions\n"
	"                          the archive holds. With --json: {\"verify\": report, \"xhstt\": [costs]}\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 no hard violation (nor XHSTT infeasibility), 1 hard violations found,\n"
	"2 bad input or usage,\n"
	"3 internal error.\n",
};

static int print_text(const sch_school *s, const sch_timetable *tt, const sch_report *rep, int with_reference)
{
	cli_table *t = NULL;
	size_t n = sch_report_count(rep);
	int64_t hard = sch_report_hard(rep), soft = sch_report_soft(rep);
	int rc;

	printf("%d of %d lessons placed\n\n", sch_timetable_placed_count(tt), s->n_lessons);
	if (hard == 0) {
		printf("Hard rules: no violation\n");
	} else {
		printf("Hard rules: %lld violation%s\n", (long long)hard, hard == 1 ? "" : "s");
		for (size_t i = 0; i < n; i++) {
			const sch_finding *f = sch_report_get(rep, i);
			if (!sch_term_is_hard(f->term))
				continue;
			printf("  %s: %s", sch_term_name(f->term), f->message ? f->message : "");
			if (f->amount > 1)
				printf(" (%d)", f->amount);
			printf("\n");
		}
		if ((rc = cli_table_new(&t, "lr")))
			return rc;
		cli_table_cell(t, "term");
		cli_table_cell(t, "count");
		cli_table_rule(t);
		for (int term = 0; term < SCH_T_FIRST_SOFT; term++) {
			int64_t a = sch_report_term_amount(rep, term);
			if (!a)
				continue;
			cli_table_cell(t, "%s", sch_term_name(term));
			cli_table_cell(t, "%lld", (long long)a);
		}
		cli_table_rule(t);
		cli_table_cell(t, "total");
		cli_table_cell(t, "%lld", (long long)hard);
		printf("\n");
		cli_table_print(t, stdout, "  ");
		cli_table_free(t);
		t = NULL;
	}

	int64_t amount[SCH_T_COUNT], cost[SCH_T_COUNT];
	for (int term = 0; term < SCH_T_COUNT; term++) {
		amount[term] = sch_report_term_amount(rep, term);
		cost[term] = sch_report_term_cost(rep, term);
	}
	if (!(t = cli_soft_table(s, amount, cost, with_reference, soft)))
		return SCH_ENOMEM;
	printf("\nSoft cost\n");
	cli_table_print(t, stdout, "  ");
	cli_table_free(t);
	printf("\nTotal: %lld hard violation%s, soft cost %lld\n", (long long)hard, hard == 1 ? "" : "s",
	       (long long)soft);
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
						 {"reference", required_argument, NULL, 'r'},
						 {"xhstt", required_argument, NULL, 'X'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	sch_school *school = NULL;
	sch_timetable *tt = NULL, *ref = NULL;
	sch_report *rep = NULL;
	char *json_text = NULL;
	sch_xhstt *xh = NULL;
	int xh_first = 0;
	const char *ref_path = NULL, *xhstt = NULL;
	int json = 0, c, code, rc, xh_infeasible = 0;

	while ((c = cli_getopt(argc, argv, "hr:", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		case 'j':
			json = 1;
			break;
		case 'r':
			ref_path = optarg;
			break;
		case 'X':
			xhstt = optarg;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (xhstt && optind == argc) {
		/* the costs of the solutions the archive holds */
		sch_xhstt *x = NULL;
		int first;
		if ((code = cli_xhstt_prepare(&x, &first, NULL, xhstt)))
			return code;
		code = cli_xhstt_print(x, first, json, &xh_infeasible);
		sch_xhstt_free(x);
		if (code)
			return code;
		if (json)
			printf("\n");
		if (fflush(stdout) != 0) {
			cli_error("writing the output failed");
			return CLI_EXIT_INTERNAL;
		}
		return xh_infeasible ? CLI_EXIT_FAIL : CLI_EXIT_OK;
	}
	if ((code = cli_positional(argc, argv, 2, 2, &help)))
		return code;
	const char *school_path = argv[optind], *tt_path = argv[optind + 1];
	if ((code = cli_load_school(&school, school_path)))
		goto done;
	if ((code = cli_load_timetable(&tt, school, tt_path)))
		goto done;
	if (ref_path && (code = cli_load_timetable(&ref, school, ref_path)))
		goto done;
	rc = sch_verify(&rep, tt, ref);
	if (rc) {
		code = cli_lib_error(rc, "%s: verifying", tt_path);
		goto done;
	}
	if (xhstt && (code = cli_xhstt_prepare(&xh, &xh_first, tt, xhstt)))
		goto done;
	if (json) {
		rc = sch_report_to_json(&json_text, rep);
		if (rc) {
			code = cli_lib_error(rc, "%s: the report as JSON", tt_path);
			goto done;
		}
		if (xhstt) {
			size_t n = strlen(json_text);
			while (n && json_text[n - 1] == '\n')
				json_text[--n] = 0;
			printf("{\"verify\": %s, \"xhstt\": ", json_text);
			if ((code = cli_xhstt_print(xh, xh_first, 1, &xh_infeasible)))
				goto done;
			printf("}");
		} else {
			fputs(json_text, stdout);
		}
		if (!*json_text || json_text[strlen(json_text) - 1] != '\n' || xhstt)
			fputc('\n', stdout);
	} else if ((rc = print_text(school, tt, rep, ref != NULL))) {
		code = cli_lib_error(rc, "%s", tt_path);
		goto done;
	} else if (xhstt && (code = cli_xhstt_print(xh, xh_first, 0, &xh_infeasible))) {
		goto done;
	}
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	code = sch_report_hard(rep) > 0 || xh_infeasible ? CLI_EXIT_FAIL : CLI_EXIT_OK;
done:
	sch_free(json_text);
	sch_xhstt_free(xh);
	sch_report_free(rep);
	sch_timetable_free(ref);
	sch_timetable_free(tt);
	sch_school_free(school);
	return code;
}
