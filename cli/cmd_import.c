/* `schedule import`: load a school (and optionally a timetable) into a school database. */
#include <stdlib.h>
#include <string.h>

#include "store_cli.h"

static const cli_help help = {
	"import",
	"<school.yaml> --db <school.db> [--timetable <timetable.yaml>] [--note TEXT] [--json]",
	"Store a school in a school database, creating the file when it does not exist",
	"The database keeps the school as canonical YAML, every timetable version made for it\n"
	"(`schedule solve --db`), the active version and the locked lessons. Importing a changed\n"
	"school keeps the old versions; those whose lessons no longer match are flagged stale in\n"
	"`schedule versions`. Importing the same school again changes nothing.\n"
	"\n"
	"Options:\n"
	"      --db <file>          the school database (created when missing)\n"
	"      --timetable <file>   also store this timetable of the school as a new, active version\n"
	"      --note <text>        a note for that version\n"
	"      --json               print what was done as JSON\n"
	"  -h, --help\n"
	"\n"
	"Nothing is written when the school or the timetable has errors.\n"
	"Exit status: 0 stored, 2 bad input or usage (invalid school, unreadable or damaged\n"
	"database), 3 internal error.\n",
};

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'D'},
						 {"timetable", required_argument, NULL, 'T'},
						 {"note", required_argument, NULL, 'N'},
						 {"json", no_argument, NULL, 'j'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db_path = NULL, *tt_path = NULL, *note = NULL;
	sch_school *school = NULL;
	sch_timetable *tt = NULL;
	sch_store *st = NULL;
	sch_store_import_info info = {0};
	char *cmd = NULL;
	int json = 0, c, code, rc, number = 0;

	while ((c = cli_getopt(argc, argv, "h", longopts, &help)) != -1) {
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
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(db_path, &help)) || (code = cli_positional(argc, argv, 1, 1, &help)))
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
