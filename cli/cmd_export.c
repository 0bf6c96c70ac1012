/* `schedule export`: a timetable as Excel, PDF, CSV, JSON or HTML, from YAML files or a school database. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xhstt_cli.h"
#include "schedule/export.h"
#include "schedule/store.h"
#include "schedule/text.h"

static const cli_help help = {
	"export",
	"(<school.yaml> <timetable.yaml> | --db <school.db> [--version N]) -o <file> [options]",
	"Write a timetable for people or programs: Excel, PDF, CSV, JSON or one HTML page",
	"The Excel workbook has the class and teacher overviews, then a sheet per class and\n"
	"per teacher, set up to print on A4 landscape; the PDF has the same as pages, with an\n"
	"embedded DejaVu font (Debian: fonts-dejavu-core). CSV and JSON have one row per lesson\n"
	"and period for other programs (day, period, time, class, group, subject in Russian and\n"
	"Kyrgyz, teacher, room); HTML is one self-contained page.\n"
	"\n"
	"Options:\n"
	"  -o, --output <file>     where to write; '-' writes csv, json or html to stdout\n"
	"  -f, --format <fmt>      xlsx, pdf, csv, json, html or xhstt (default: from the file's extension)\n"
	"      --xhstt <archive>   the XHSTT archive the school was imported from: with --format xhstt\n"
	"                          (implied), writes that instance with the timetable as its solution\n"
	"      --view <view>       all (default), class, teacher, room, or school (the overviews)\n"
	"      --class <id>        only this class (the class view)\n"
	"      --teacher <id>      only this teacher (the teacher view)\n"
	"      --room <id>         only this room (the room view)\n"
	"      --lang <ru|ky>      language of the labels, day and subject names (default ru)\n"
	"      --bom               start a CSV with a UTF-8 byte order mark, so that Excel and\n"
	"                          LibreOffice read its Cyrillic when it is double-clicked\n"
	"      --db <school.db>    read the school and timetable from a database\n"
	"      --version <N>       the timetable version in the database (default: the active one)\n"
	"  -h, --help\n"
	"\n"
	"The file is written under a temporary name and renamed at the end: a failed export\n"
	"leaves no partial file.\n"
	"\n"
	"Exit status: 0 written, 2 bad input or usage or the file cannot be written,\n"
	"3 internal error.\n",
};

/* Which entity an id names, with "did you mean" when it names none. */
static int check_filter(const sch_school *s, int view, const char *id)
{
	int n, found;
	const char *what;
	switch (view) {
	case SCH_VIEW_CLASS:
		found = sch_school_find_class(s, id);
		n = sch_school_class_count(s);
		what = "class";
		break;
	case SCH_VIEW_TEACHER:
		found = sch_school_find_teacher(s, id);
		n = sch_school_teacher_count(s);
		what = "teacher";
		break;
	default:
		found = sch_school_find_room(s, id);
		n = sch_school_room_count(s);
		what = "room";
		break;
	}
	if (found >= 0)
		return CLI_EXIT_OK;
	const char **ids = calloc((size_t)n + 1, sizeof *ids);
	const char *near = NULL;
	if (ids) {
		for (int i = 0; i < n; i++)
			ids[i] = view == SCH_VIEW_CLASS ? sch_school_class_id(s, i)
				 : view == SCH_VIEW_TEACHER ? sch_school_teacher_id(s, i)
							    : sch_school_room_id(s, i);
		near = sch_suggest(id, ids, (size_t)n);
	}
	if (near)
		cli_error("export: the school has no %s '%s'; did you mean '%s'?", what, id, near);
	else
		cli_error("export: the school has no %s '%s'", what, id);
	free(ids);
	return CLI_EXIT_USAGE;
}

/* Loads the school and timetable version `version` (0: the active one) from a database. */
static int load_db(const char *path, int version, sch_school **school, sch_timetable **tt)
{
	sch_store *st = NULL;
	sch_diags *diags = NULL;
	int rc, skipped = 0, code = CLI_EXIT_OK;
	if ((rc = sch_store_open(&st, path, SCH_STORE_READONLY)) != 0)
		return cli_lib_error(rc, "%s", path);
	if ((rc = sch_diags_new(&diags)) != 0) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if ((rc = sch_store_load_version_school(school, st, version, diags)) != 0) {
		cli_print_diags(diags);
		code = cli_lib_error(rc, "%s", path);
		goto done;
	}
	if ((rc = sch_store_load_timetable(tt, st, version, *school, &skipped)) != 0) {
		code = cli_lib_error(rc, "%s", path);
		goto done;
	}
	if (skipped > 0)
		cli_warning("%s: %d lesson%s of the version did not match the school and were skipped", path, skipped,
			    skipped == 1 ? "" : "s");
done:
	sch_diags_free(diags);
	sch_store_close(st);
	return code;
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
						 {"format", required_argument, NULL, 'f'},
						 {"view", required_argument, NULL, 'v'},
						 {"class", required_argument, NULL, 'C'},
						 {"teacher", required_argument, NULL, 'T'},
						 {"room", required_argument, NULL, 'R'},
						 {"lang", required_argument, NULL, 'l'},
						 {"db", required_argument, NULL, 'd'},
						 {"version", required_argument, NULL, 'V'},
						 {"bom", no_argument, NULL, 'B'},
						 {"xhstt", required_argument, NULL, 'X'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	sch_export_options opts = SCH_EXPORT_OPTIONS_INIT;
	const char *output = NULL, *format = NULL, *view = NULL, *lang = "ru", *db = NULL, *filter = NULL,
		   *filter_opt = NULL, *version_text = NULL, *xhstt = NULL;
	int filter_view = -1, version = 0, c, code;
	sch_school *school = NULL;
	sch_timetable *tt = NULL;
	char *text = NULL;

	while ((c = cli_getopt(argc, argv, "o:f:h", longopts, &help)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'f': format = optarg; break;
		case 'v': view = optarg; break;
		case 'l': lang = optarg; break;
		case 'd': db = optarg; break;
		case 'V': version_text = optarg; break;
		case 'B': opts.csv_bom = 1; break;
		case 'X': xhstt = optarg; break;
		case 'C':
		case 'T':
		case 'R':
			if (filter)
				return cli_usage_error(&help, "give one of --class, --teacher and --room");
			filter = optarg;
			filter_view = c == 'C' ? SCH_VIEW_CLASS : c == 'T' ? SCH_VIEW_TEACHER : SCH_VIEW_ROOM;
			filter_opt = c == 'C' ? "--class" : c == 'T' ? "--teacher" : "--room";
			break;
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (db) {
		if (optind < argc)
			return cli_usage_error(&help, "with --db, give no school or timetable file ('%s')", argv[optind]);
	} else {
		if (version_text)
			return cli_usage_error(&help, "--version needs --db");
		if ((code = cli_positional(argc, argv, 2, 2, &help)) != 0)
			return code;
	}
	if (version_text) {
		char *end;
		long v = strtol(version_text, &end, 10);
		if (*end || end == version_text || v < 1 || v > 1000000000)
			return cli_usage_error(&help, "--version '%s': expected a version number (1, 2, ...)", version_text);
		version = (int)v;
	}
	if (!output)
		return cli_usage_error(&help, "missing -o <file>");
	if (format && strcmp(format, "xhstt") == 0 && !xhstt)
		return cli_usage_error(&help, "--format xhstt needs --xhstt <archive.xml>, the instance the school came from");
	if (xhstt && format && strcmp(format, "xhstt") != 0)
		return cli_usage_error(&help, "--xhstt goes with --format xhstt");
	if (xhstt) {
		/* an XHSTT solution: the options of the other formats do not apply */
	} else if (format) {
		if ((opts.format = sch_export_format_parse(format)) < 0)
			return cli_usage_error(&help, "--format '%s': expected xlsx, pdf, csv, json or html", format);
	} else if (strcmp(output, "-") == 0) {
		return cli_usage_error(&help, "writing to stdout needs --format (csv, json or html)");
	} else if ((opts.format = sch_export_format_from_path(output)) < 0) {
		return cli_usage_error(&help, "cannot tell the format from '%s': give --format xlsx|pdf|csv|json|html", output);
	}
	if (!xhstt && strcmp(output, "-") == 0 && (opts.format == SCH_EXPORT_XLSX || opts.format == SCH_EXPORT_PDF))
		return cli_usage_error(&help, "%s cannot go to stdout: give -o <file>", sch_export_format_name(opts.format));
	if (view && (opts.view = sch_export_view_parse(view)) < 0)
		return cli_usage_error(&help, "--view '%s': expected all, class, teacher, room or school", view);
	if (filter) {
		if (view && opts.view != filter_view)
			return cli_usage_error(&help, "%s does not go with --view %s", filter_opt, view);
		opts.view = filter_view;
		opts.filter = filter;
	}
	if (strcmp(lang, "ru") != 0 && strcmp(lang, "ky") != 0)
		return cli_usage_error(&help, "--lang '%s': expected ru or ky", lang);
	opts.lang = lang;

	if (db)
		code = load_db(db, version, &school, &tt);
	else if ((code = cli_load_school(&school, argv[optind])) == CLI_EXIT_OK)
		code = cli_load_timetable(&tt, school, argv[optind + 1]);
	if (code != CLI_EXIT_OK)
		goto done;
	if (filter && (code = check_filter(school, filter_view, filter)) != CLI_EXIT_OK)
		goto done;
	int unplaced = sch_school_lesson_count(school) - sch_timetable_placed_count(tt);
	if (unplaced > 0)
		cli_warning("%d lesson%s of the school %s not placed and cannot be shown", unplaced,
			    unplaced == 1 ? "" : "s", unplaced == 1 ? "is" : "are");

	int rc;
	if (xhstt) {
		code = cli_xhstt_export(tt, xhstt, output, NULL);
	} else if (strcmp(output, "-") == 0) {
		size_t len = 0;
		if ((rc = sch_export_to_string(&text, &len, tt, &opts)) != 0) {
			code = cli_lib_error(rc, "export");
			goto done;
		}
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			cli_error("export: cannot write to stdout");
			code = CLI_EXIT_USAGE;
		}
	} else if ((rc = sch_export(tt, &opts, output)) != 0) {
		code = cli_lib_error(rc, "export");
	}
done:
	sch_free(text);
	sch_timetable_free(tt);
	sch_school_free(school);
	return code;
}
