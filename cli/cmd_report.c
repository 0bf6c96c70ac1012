/* `schedule report`: knowledge quality, attendance, homework and lessons given, on the terminal or as xlsx, pdf, csv, json. */
#include <stdlib.h>
#include <string.h>

#include "report_cli.h"
#include "store_cli.h"

static const cli_help help = {
	"report",
	"quality|attendance|homework|progress --db <school.db> [--class <id>] [--quarter N|--year] [-f fmt] [-o file]",
	"The reports a school sends up, from the journal and the final grades",
	"Reports (docs/reports.md defines every figure):\n"
	"  quality     pupils, counts of 5, 4, 3 and 2, quality % = (5s + 4s) / pupils,\n"
	"              success % = (5s + 4s + 3s) / pupils and the average, on the final grades\n"
	"              of the period: per subject for a class, per class for the school\n"
	"  attendance  absences (Н), excused and late per pupil of a class with lessons missed\n"
	"              per subject, or per class for the school\n"
	"  homework    homework set per subject and class, per quarter and the year\n"
	"  progress    lessons planned (dated lessons of the active timetable and calendar)\n"
	"              against given (journal lessons with a topic) per teacher, class, subject\n"
	"\n"
	"Options:\n"
	"      --db <file>         the school database\n"
	"      --class <id>        one class (default: the whole school)\n"
	"      --subject <id>      one subject\n"
	"      --quarter <1-4>     a quarter; --year the whole year (the default)\n"
	"  -f, --format <fmt>      xlsx, pdf, csv or json (default: a table on the terminal, or\n"
	"                          from the extension of -o)\n"
	"  -o, --output <file>     where to write; '-' writes csv or json to stdout\n"
	"      --bom               start a CSV with a UTF-8 byte order mark (for Excel)\n"
	"  -h, --help\n"
	"\n"
	"Files are written under a temporary name and renamed at the end: a failure leaves none.\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (unknown class, quarter, no calendar, empty\n"
	"class), 3 internal error.\n",
};

static int csv_bom;

int cli_report_check_output(const char *format, const char *output, const cli_help *h)
{
	int f;
	if (format) {
		f = sch_export_format_parse(format);
		if (f != SCH_EXPORT_XLSX && f != SCH_EXPORT_PDF && f != SCH_EXPORT_CSV && f != SCH_EXPORT_JSON)
			return cli_usage_error(h, "--format '%s': expected xlsx, pdf, csv or json", format);
		if ((f == SCH_EXPORT_XLSX || f == SCH_EXPORT_PDF) && (!output || strcmp(output, "-") == 0))
			return cli_usage_error(h, "%s cannot go to the terminal: give -o <file>", format);
	} else if (output && strcmp(output, "-") == 0) {
		return cli_usage_error(h, "writing to stdout needs --format (csv or json)");
	} else if (output) {
		f = sch_export_format_from_path(output);
		if (f != SCH_EXPORT_XLSX && f != SCH_EXPORT_PDF && f != SCH_EXPORT_CSV && f != SCH_EXPORT_JSON)
			return cli_usage_error(h, "cannot tell the format from '%s': give --format xlsx|pdf|csv|json", output);
	}
	sch_error_clear();
	return 0;
}

static void print_table(const sch_report_table *t)
{
	cli_table *ct = NULL;
	char align[SCH_REPORT_MAX_COLS_CLI + 1];
	int nc = sch_report_table_cols(t), nr = sch_report_table_rows(t);
	if (nc > SCH_REPORT_MAX_COLS_CLI)
		nc = SCH_REPORT_MAX_COLS_CLI;
	for (int c = 0; c < nc; c++)
		align[c] = sch_report_table_numeric(t, c) ? 'r' : 'l';
	align[nc] = '\0';
	printf("%s\n%s\n\n", sch_report_table_title(t), sch_report_table_subtitle(t));
	if (cli_table_new(&ct, align) != 0) {
		cli_error("out of memory");
		return;
	}
	for (int c = 0; c < nc; c++)
		cli_table_cell(ct, "%s", sch_report_table_head(t, c));
	cli_table_rule(ct);
	for (int r = 0; r < nr; r++) {
		if (sch_report_table_total(t, r) && r > 0 && !sch_report_table_total(t, r - 1))
			cli_table_rule(ct);
		for (int c = 0; c < nc; c++)
			cli_table_cell(ct, "%s", sch_report_table_cell(t, r, c));
	}
	cli_table_print(ct, stdout, "");
	cli_table_free(ct);
	printf("\n%s\n", sch_report_table_footer(t));
}

int cli_report_emit(const sch_report_table *t, const char *format, const char *output, const cli_help *h)
{
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	int rc;
	o.csv_bom = csv_bom;
	if (!format && !output) {
		print_table(t);
		return CLI_EXIT_OK;
	}
	o.format = format ? sch_export_format_parse(format) : sch_export_format_from_path(output);
	if (!output || strcmp(output, "-") == 0) {
		char *text = NULL;
		size_t len = 0;
		if ((rc = sch_report_table_to_string(&text, &len, t, &o)) != 0)
			return cli_lib_error(rc, "report");
		fwrite(text, 1, len, stdout);
		sch_free(text);
		return CLI_EXIT_OK;
	}
	if ((rc = sch_report_table_write(t, &o, output)) != 0)
		return cli_lib_error(rc, "report");
	return CLI_EXIT_OK; /* silent, like `schedule export` */
}

int cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"class", required_argument, NULL, 'C'},
						 {"subject", required_argument, NULL, 'S'},
						 {"quarter", required_argument, NULL, 'Q'},
						 {"year", no_argument, NULL, 'Y'},
						 {"format", required_argument, NULL, 'f'},
						 {"output", required_argument, NULL, 'o'},
						 {"bom", no_argument, NULL, 'B'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	sch_report_options o = SCH_REPORT_OPTIONS_INIT;
	const char *db = NULL, *format = NULL, *output = NULL, *quarter = NULL;
	int c, code, year = 0, rc;
	sch_store *st = NULL;
	sch_report_table *t = NULL;
	csv_bom = 0;
	while ((c = cli_getopt(argc, argv, "f:o:h", longopts, &help)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'C': o.class_id = optarg; break;
		case 'S': o.subject_id = optarg; break;
		case 'Q': quarter = optarg; break;
		case 'Y': year = 1; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case 'B': csv_bom = 1; break;
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_positional(argc, argv, 1, 1, &help)) != 0)
		return code;
	const char *kind = argv[optind];
	static const char *const kinds[4] = {"quality", "attendance", "homework", "progress"};
	size_t k;
	if ((code = cli_choose(kind, kinds, 4, "report", &help, &k)) != 0)
		return code;
	if ((code = cli_store_require(db, &help)) != 0)
		return code;
	if ((code = cli_quarter_or_year(quarter, year, &help, &o.period)) != 0)
		return code;
	if ((code = cli_report_check_output(format, output, &help)) != 0)
		return code;
	/* Not cli_store_open(): its whole-file check would cost more than the report on a year's
	 * journal; a damaged file still fails on the queries with SCH_EDB. */
	sch_error_clear();
	if ((rc = sch_store_open(&st, db, 0)) != 0) {
		if (rc == SCH_ENOTFOUND) {
			cli_error("%s: no such school database; create it with 'schedule import <school.yaml> --db %s'", db,
				  db);
			return CLI_EXIT_USAGE;
		}
		return cli_lib_error(rc, NULL);
	}
	switch (k) {
	case 0: rc = sch_report_quality(&t, st, &o); break;
	case 1: rc = sch_report_attendance(&t, st, &o); break;
	case 2: rc = sch_report_homework(&t, st, &o); break;
	default: rc = sch_report_progress(&t, st, &o); break;
	}
	if (rc != 0)
		code = cli_lib_error(rc, "report %s", kind);
	else
		code = cli_report_emit(t, format, output, &help);
	sch_report_table_free(t);
	sch_store_close(st);
	return code;
}
