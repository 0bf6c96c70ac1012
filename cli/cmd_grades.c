/* `schedule grades`: final grades suggested from the journal, set by the teacher, shown per class and subject. */
#include <stdlib.h>
#include <string.h>

#include "report_cli.h"
#include "store_cli.h"

static const cli_help help = {
	"grades",
	"suggest|set|show|rule --db <school.db> [options]",
	"Final grades: quarter grades from the journal's marks, the teacher's grades, the annual grade",
	"Actions:\n"
	"  suggest --class <id> [--subject <id>] [--quarter N]\n"
	"        recompute the suggested quarter grades (all four quarters without --quarter) from\n"
	"        the marks, and the annual grades; grades a teacher set are kept\n"
	"  set --pupil <id> --subject <id> (--quarter N | --year) (--value <mark> | --auto)\n"
	"        the teacher's grade, or --auto to follow the suggestion again\n"
	"  show --class <id> [--subject <id> [-f fmt] [-o file]]\n"
	"        the class's final grades: a row per pupil, I-IV and the year (* set by the teacher);\n"
	"        a table per subject without --subject\n"
	"  rule [--round-at <fraction>]\n"
	"        show or set the rounding rule: an average rounds up when its fraction is at least\n"
	"        this (default 0.5: 3.5 gives 4, 3.49 gives 3)\n"
	"\n"
	"Options:\n"
	"      --db <file>       the school database\n"
	"      --by <name>       who makes the change, for the audit trail (default: the user)\n"
	"  -f, --format <fmt>    show: xlsx, pdf, csv or json (default: the terminal)\n"
	"  -o, --output <file>   show: where to write; '-' for csv or json on stdout\n"
	"      --json            suggest: the counts as JSON\n"
	"  -h, --help\n"
	"\n"
	"Grades of a closed quarter are frozen (the year's once quarter 4 is closed).\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (unknown class, pupil or subject, a mark outside\n"
	"the grading scheme, a closed quarter), 3 internal error.\n",
};

int cmd_grades(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"class", required_argument, NULL, 'C'},
						 {"subject", required_argument, NULL, 'S'},
						 {"quarter", required_argument, NULL, 'Q'},
						 {"year", no_argument, NULL, 'Y'},
						 {"pupil", required_argument, NULL, 'P'},
						 {"value", required_argument, NULL, 'v'},
						 {"auto", no_argument, NULL, 'A'},
						 {"round-at", required_argument, NULL, 'R'},
						 {"by", required_argument, NULL, 'b'},
						 {"format", required_argument, NULL, 'f'},
						 {"output", required_argument, NULL, 'o'},
						 {"json", no_argument, NULL, 'J'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db = NULL, *cls = NULL, *subject = NULL, *quarter = NULL, *pupil_text = NULL, *value = NULL,
		   *round_text = NULL, *by = NULL, *format = NULL, *output = NULL;
	int c, code, year = 0, autov = 0, json = 0, rc, period = -1;
	sch_store *st = NULL;
	sch_report_table *t = NULL;
	while ((c = cli_getopt(argc, argv, "f:o:h", longopts, &help)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'C': cls = optarg; break;
		case 'S': subject = optarg; break;
		case 'Q': quarter = optarg; break;
		case 'Y': year = 1; break;
		case 'P': pupil_text = optarg; break;
		case 'v': value = optarg; break;
		case 'A': autov = 1; break;
		case 'R': round_text = optarg; break;
		case 'b': by = optarg; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case 'J': json = 1; break;
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_positional(argc, argv, 1, 1, &help)) != 0)
		return code;
	const char *action = argv[optind];
	static const char *const actions[4] = {"suggest", "set", "show", "rule"};
	size_t a;
	if ((code = cli_choose(action, actions, 4, "action", &help, &a)) != 0)
		return code;
	if ((code = cli_store_require(db, &help)) != 0)
		return code;
	if ((code = cli_quarter_or_year(quarter, year, &help, &period)) != 0)
		return code;
	double round_at = 0;
	if (round_text) {
		char *end;
		round_at = strtod(round_text, &end);
		if (*end || end == round_text || !(round_at > 0 && round_at <= 1))
			return cli_usage_error(&help, "--round-at '%s': expected a fraction in (0, 1], e.g. 0.5 or 0.6",
					       round_text);
		if (a != 3)
			return cli_usage_error(&help, "--round-at goes with 'rule'");
	}
	long long pupil = 0;
	switch (a) {
	case 0:
		if (!cls)
			return cli_usage_error(&help, "suggest needs --class");
		if (year)
			return cli_usage_error(&help, "suggest takes --quarter; the annual grades follow the quarters");
		break;
	case 1: {
		char *end;
		if (!pupil_text || !subject || period < 0)
			return cli_usage_error(&help, "set needs --pupil, --subject and --quarter or --year");
		pupil = strtoll(pupil_text, &end, 10);
		if (*end || end == pupil_text || pupil < 1)
			return cli_usage_error(&help, "--pupil '%s': expected a pupil's id (a number)", pupil_text);
		if (!value == !autov)
			return cli_usage_error(&help, "set needs --value <mark> or --auto");
		break;
	}
	case 2:
		if (!cls)
			return cli_usage_error(&help, "show needs --class");
		if (!subject && (format || output))
			return cli_usage_error(&help, "show writes one subject to a file: give --subject");
		if ((code = cli_report_check_output(format, output, &help)) != 0)
			return code;
		break;
	default:
		break;
	}
	if ((code = cli_store_open(&st, db, 0)) != CLI_EXIT_OK)
		return code;
	if (a == 0) {
		sch_grades_info info;
		if ((rc = sch_grades_suggest(&info, st, cls, subject, period < 0 ? 0 : period, by)) != 0) {
			code = cli_lib_error(rc, "grades suggest");
		} else if (json) {
			printf("{\"suggested\": %d, \"changed\": %d, \"kept\": %d, \"years\": %d}\n", info.suggested,
			       info.changed, info.kept, info.years);
		} else {
			printf("%s: %d grade%s suggested, %d changed, %d teacher grade%s kept, %d annual grade%s\n", cls,
			       info.suggested, info.suggested == 1 ? "" : "s", info.changed, info.kept,
			       info.kept == 1 ? "" : "s", info.years, info.years == 1 ? "" : "s");
		}
	} else if (a == 1) {
		if ((rc = sch_grades_set(st, pupil, subject, period, autov ? NULL : value, by)) != 0)
			code = cli_lib_error(rc, "grades set");
		else
			printf("pupil %lld, %s, %s: %s\n", pupil, subject, sch_period_name(period),
			       autov ? "follows the suggestion" : value);
	} else if (a == 2 && subject) {
		if ((rc = sch_report_grades(&t, st, cls, subject)) != 0)
			code = cli_lib_error(rc, "grades show");
		else
			code = cli_report_emit(t, format, output, &help);
	} else if (a == 2) {
		/* Every subject of the class, a table each. */
		char **subjects = NULL;
		size_t n = 0;
		if ((rc = sch_grades_subjects(&subjects, &n, st, cls)) != 0)
			code = cli_lib_error(rc, "grades show");
		else if (n == 0)
			printf("%s: no marks or final grades yet\n", cls);
		for (size_t i = 0; i < n && code == CLI_EXIT_OK; i++) {
			if (i)
				printf("\n");
			if ((rc = sch_report_grades(&t, st, cls, subjects[i])) != 0)
				code = cli_lib_error(rc, "grades show");
			else
				code = cli_report_emit(t, NULL, NULL, &help);
			sch_report_table_free(t);
			t = NULL;
		}
		sch_free(subjects);
	} else {
		if (round_text && (rc = sch_grades_set_round_at(st, round_at)) != 0)
			code = cli_lib_error(rc, "grades rule");
		else if ((rc = sch_grades_round_at(&round_at, st)) != 0)
			code = cli_lib_error(rc, "grades rule");
		else
			printf("an average rounds up when its fraction is at least %g (3.%02d gives 4, 3.%02d gives 3)\n",
			       round_at, (int)(round_at * 100 + 0.5) > 99 ? 99 : (int)(round_at * 100 + 0.5),
			       (int)(round_at * 100 + 0.5) - 1);
	}
	sch_report_table_free(t);
	sch_store_close(st);
	return code;
}
