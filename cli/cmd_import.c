/* `schedule import`: load a school (YAML, FET or XHSTT) into a school database or a YAML file. */
#include <stdlib.h>
#include <string.h>

#include "schedule/fet.h"
#include "schedule/sys/model.h"
#include "store_cli.h"

static const cli_help help = {
	"import",
	"<school.yaml> --db <school.db> [--timetable <timetable.yaml>] [--note TEXT] [--json]\n"
	"       schedule import <school.fet|archive.xml> [-o <school.yaml>] [--db <school.db>] [--strict] [--json]",
	"Store a school in a school database (created when missing), or convert a FET or XHSTT file into a school",
	"The database keeps the school as canonical YAML, every timetable version made for it\n"
	"(`schedule solve --db`), the active version and the locked lessons. Importing a changed\n"
	"school keeps the old versions; those whose lessons no longer match are flagged stale in\n"
	"`schedule versions`. Importing the same school again changes nothing.\n"
	"\n"
	"The kind of file is told by its content: an XML file whose root is <fet> (or any *.fet\n"
	"file) is read as FET, one whose root is <HighSchoolTimetableArchive> as XHSTT, anything\n"
	"else as a YAML school. FET and XHSTT files become a school (docs/fet.md, docs/xhstt.md)\n"
	"that is written with -o as YAML and/or stored with --db; what could not be carried over\n"
	"is listed on stderr by constraint type with its count.\n"
	"\n"
	"Options:\n"
	"      --db <file>          the school database (created when missing)\n"
	"  -o, --output <file>      FET/XHSTT: write the school as YAML\n"
	"      --strict             FET/XHSTT: refuse a file with constraints that cannot be carried over\n"
	"      --xhstt-splits <N>   XHSTT: split the events into lessons as embedded solution N (1, 2, ...)\n"
	"                           does ('best': the embedded solution of least cost), instead of the\n"
	"                           cheapest split under the split constraints\n"
	"      --timetable <file>   also store this timetable of the school as a new, active version\n"
	"      --note <text>        a note for that version\n"
	"      --json               print what was done as JSON\n"
	"  -h, --help\n"
	"\n"
	"Nothing is written when the school or the timetable has errors.\n"
	"Exit status: 0 stored, 2 bad input or usage (invalid school, unreadable or damaged\n"
	"database, unsupported constraints under --strict), 3 internal error.\n",
};

/* --xhstt-splits: the embedded solution whose splits the events take, 0-based, or SCH_XHSTT_SPLITS_*. */
static int xhstt_splits = SCH_XHSTT_SPLITS_OWN;

/* XHSTT: lib/xhstt_import.c builds the school; its warnings (constraints not mapped) are printed. */
static int import_xhstt(const char *path, int strict, sch_school **out, sch_diags *diags)
{
	sch_xhstt_import_options o = SCH_XHSTT_IMPORT_OPTIONS_INIT;
	o.strict = strict;
	o.split_solution = xhstt_splits;
	sch_error_clear();
	int rc = sch_xhstt_import_school_opts(path, &o, out, diags);
	cli_print_diags(diags);
	if (rc == 0)
		return CLI_EXIT_OK;
	size_t n = sch_diags_errors(diags);
	if ((rc == SCH_EINVALID || rc == SCH_EIO) && n > 0) {
		cli_error("%s: %zu error%s in the XHSTT archive%s; nothing was written", path, n, n == 1 ? "" : "s",
			  strict ? " (--strict)" : "");
		return CLI_EXIT_USAGE;
	}
	return cli_lib_error(rc, "%s: importing", path);
}

static void json_report(const sch_fet_report *r)
{
	printf("\"activities\": %d, \"lines\": %d, \"inactive_activities\": %d, \"constraints_read\": %d, "
	       "\"mapped\": %d, \"ignored\": %d, \"unsupported\": %d, \"unsupported_types\": [",
	       r->activities, r->lines, r->inactive_activities, r->constraints, r->mapped, r->ignored, r->unsupported);
	for (int i = 0; i < r->n_items; i++) {
		printf("%s{\"type\": ", i ? ", " : "");
		cli_json_string(stdout, r->items[i].what);
		printf(", \"count\": %d, \"line\": %d, \"reason\": ", r->items[i].count, r->items[i].line);
		cli_json_string(stdout, r->items[i].reason);
		printf("}");
	}
	printf("], \"notes\": [");
	for (int i = 0; i < r->n_notes; i++) {
		printf("%s", i ? ", " : "");
		cli_json_string(stdout, r->notes[i]);
	}
	printf("]");
}

int cli_load_fet(sch_school **out, const char *path, int strict, sch_fet_report *rep, sch_diags *diags)
{
	sch_error_clear();
	int rc = sch_fet_import(out, path, rep, diags);
	if (rc == SCH_EIO) {
		const sch_error *e = sch_error_last();
		cli_error("cannot read the FET file: %s", e && e->message ? e->message : path);
		return CLI_EXIT_USAGE;
	}
	cli_print_diags(diags);
	if (rc) {
		size_t n = sch_diags_errors(diags);
		if (rc == SCH_EINVALID && n > 0) {
			cli_error("%s: %zu error%s in the FET file; nothing was written", path, n, n == 1 ? "" : "s");
			return CLI_EXIT_USAGE;
		}
		return cli_lib_error(rc, "%s: importing", path);
	}
	if (rep->n_items) {
		int total = 0;
		for (int i = 0; i < rep->n_items; i++)
			total += rep->items[i].count;
		fprintf(stderr, "schedule: %s: %s %d item%s not carried over:\n", path, strict ? "error:" : "warning:",
			total, total == 1 ? "" : "s");
		for (int i = 0; i < rep->n_items; i++)
			fprintf(stderr, "  %s: %d (%s; first at line %d)\n", rep->items[i].what, rep->items[i].count,
				rep->items[i].reason, rep->items[i].line);
	}
	for (int i = 0; i < rep->n_notes; i++)
		fprintf(stderr, "schedule: %s: note: %s\n", path, rep->notes[i]);
	if (strict && rep->n_items) {
		cli_error("%s: --strict: refused, nothing was written", path);
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

/* `import` of a FET or XHSTT file: into YAML (-o) and/or a database (--db). */
static int import_foreign(int kind, const char *path, const char *out_path, const char *db_path, int strict,
			  int json)
{
	sch_school *school = NULL;
	sch_diags *diags = NULL;
	sch_store *st = NULL;
	sch_fet_report rep = {0};
	sch_store_import_info info = {0};
	int rc, code;
	if ((rc = sch_diags_new(&diags))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (kind == CLI_KIND_XHSTT) {
		if ((code = import_xhstt(path, strict, &school, diags)))
			goto done;
	} else {
		if ((code = cli_load_fet(&school, path, strict, &rep, diags)))
			goto done;
	}
	if (out_path && (rc = sch_school_save_yaml(school, out_path))) {
		code = cli_lib_error(rc, "%s", out_path);
		goto done;
	}
	if (db_path) {
		if ((code = cli_store_open(&st, db_path, SCH_STORE_CREATE)))
			goto done;
		if ((rc = sch_store_import_school(st, school, &info))) {
			code = cli_lib_error(rc, NULL);
			goto done;
		}
	}
	int n_con = school->n_constraints;
	if (json) {
		printf("{\"file\": ");
		cli_json_string(stdout, path);
		printf(", \"format\": \"%s\", \"school\": ", kind == CLI_KIND_FET ? "fet" : "xhstt");
		cli_json_string(stdout, sch_school_name(school));
		printf(", \"classes\": %d, \"teachers\": %d, \"subjects\": %d, \"rooms\": %d, \"lessons\": %d, "
		       "\"constraints\": %d, ",
		       sch_school_class_count(school), sch_school_teacher_count(school), sch_school_subject_count(school),
		       sch_school_room_count(school), sch_school_lesson_count(school), n_con);
		if (kind == CLI_KIND_FET)
			json_report(&rep);
		else
			printf("\"unsupported\": null");
		printf(", \"output\": ");
		cli_json_string(stdout, out_path);
		printf(", \"db\": ");
		cli_json_string(stdout, db_path);
		printf(", \"revision\": %d}\n", db_path ? info.revision : 0);
	} else {
		printf("%s: \"%s\": %d classes, %d teachers, %d subjects, %d lessons, %d constraints\n", path,
		       sch_school_name(school), sch_school_class_count(school), sch_school_teacher_count(school),
		       sch_school_subject_count(school), sch_school_lesson_count(school), n_con);
		if (kind == CLI_KIND_FET)
			printf("FET: %d activities (%d inactive skipped), %d constraints read: %d mapped, %d without "
			       "effect, %d not carried over\n",
			       rep.activities, rep.inactive_activities, rep.constraints, rep.mapped, rep.ignored,
			       rep.unsupported);
		if (out_path)
			printf("%s: written\n", out_path);
		if (db_path)
			printf("%s: %s school revision %d\n", db_path, info.unchanged ? "already holds" : "stored as",
			       info.revision);
	}
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	code = CLI_EXIT_OK;
done:
	sch_store_close(st);
	sch_school_free(school);
	sch_diags_free(diags);
	sch_fet_report_free(&rep);
	return code;
}

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'D'},
						 {"output", required_argument, NULL, 'o'},
						 {"strict", no_argument, NULL, 'S'},
						 {"xhstt-splits", required_argument, NULL, 'X'},
						 {"timetable", required_argument, NULL, 'T'},
						 {"note", required_argument, NULL, 'N'},
						 {"json", no_argument, NULL, 'j'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db_path = NULL, *tt_path = NULL, *note = NULL, *out_path = NULL;
	sch_school *school = NULL;
	sch_timetable *tt = NULL;
	sch_store *st = NULL;
	sch_store_import_info info = {0};
	char *cmd = NULL;
	int json = 0, strict = 0, c, code, rc, number = 0;
	char root[64];

	while ((c = cli_getopt(argc, argv, "ho:", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		case 'D':
			db_path = optarg;
			break;
		case 'T':
			tt_path = optarg;
			break;
		case 'N':
			note = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'S':
			strict = 1;
			break;
		case 'X': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (strcmp(optarg, "best") == 0)
				v = SCH_XHSTT_SPLITS_BEST + 1;
			else if (*end || end == optarg || v < 1 || v > 1000000)
				return cli_usage_error(&help, "--xhstt-splits wants a solution number (1, 2, ...) or 'best', not '%s'", optarg);
			xhstt_splits = (int)v - 1;
			break;
		}
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_positional(argc, argv, 1, 1, &help)))
		return code;
	/* Dispatch by content: FET, XHSTT, or a YAML school. */
	int kind = cli_file_kind(argv[optind], root, sizeof root);
	if (kind == CLI_KIND_XML_OTHER) {
		cli_error("%s: an XML file whose root is <%s>: neither FET (<fet>) nor XHSTT "
			  "(<HighSchoolTimetableArchive>)", argv[optind], root);
		return CLI_EXIT_USAGE;
	}
	if (kind != CLI_KIND_XHSTT && xhstt_splits != SCH_XHSTT_SPLITS_OWN)
		return cli_usage_error(&help, "--xhstt-splits goes with an XHSTT archive");
	if (kind != CLI_KIND_YAML) {
		if (tt_path || note)
			return cli_usage_error(&help, "--timetable and --note go with a YAML school");
		if (!out_path && !db_path)
			return cli_usage_error(&help, "give -o <school.yaml> and/or --db <school.db> for the imported school");
		return import_foreign(kind, argv[optind], out_path, db_path, strict, json);
	}
	if (out_path || strict)
		return cli_usage_error(&help, "-o and --strict go with a FET or XHSTT file");
	if ((code = cli_store_require(db_path, &help)))
		return code;
	if (note && !tt_path)
		return cli_usage_error(&help, "--note goes with --timetable");
	const char *school_path = argv[optind];
	/* Everything is read and checked before the database is touched. */
	if ((code = cli_load_school(&school, school_path)))
		goto done;
	if (tt_path && (code = cli_load_timetable(&tt, school, tt_path)))
		goto done;
	if ((code = cli_store_open(&st, db_path, SCH_STORE_CREATE)))
		goto done;
	if ((rc = sch_store_import_school(st, school, &info))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (tt) {
		sch_store_save_options o = SCH_STORE_SAVE_OPTIONS_INIT;
		o.method = "import";
		o.note = note;
		o.command = cmd = cli_store_command_line(argc, argv);
		if ((rc = sch_store_save_timetable(&number, st, tt, &o))) {
			code = cli_lib_error(rc, NULL);
			goto done;
		}
	}
	if (json) {
		printf("{\"db\": ");
		cli_json_string(stdout, db_path);
		printf(", \"school\": ");
		cli_json_string(stdout, sch_school_name(school));
		printf(", \"revision\": %d, \"unchanged\": %s, \"lessons\": %d, \"versions\": %d, \"stale\": %d, "
		       "\"version\": %d}\n",
		       info.revision, info.unchanged ? "true" : "false", sch_school_lesson_count(school),
		       info.versions + (number > 0), info.flagged, number);
	} else {
		if (info.unchanged)
			printf("%s: \"%s\" is already stored (school revision %d), nothing changed\n", db_path,
			       sch_school_name(school), info.revision);
		else
			printf("%s: stored \"%s\" as school revision %d: %d classes, %d teachers, %d lessons\n", db_path,
			       sch_school_name(school), info.revision, sch_school_class_count(school),
			       sch_school_teacher_count(school), sch_school_lesson_count(school));
		if (!info.unchanged && info.flagged)
			printf("%d of %d timetable versions were made for other lessons: kept, flagged stale\n",
			       info.flagged, info.versions);
		if (number)
			printf("%s: stored the timetable as version %d (active)\n", db_path, number);
	}
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	code = CLI_EXIT_OK;
done:
	free(cmd);
	sch_store_close(st);
	sch_timetable_free(tt);
	sch_school_free(school);
	return code;
}
