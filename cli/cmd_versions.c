/* `schedule versions` and `schedule activate`: the timetable versions of a school database. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_cli.h"

static const cli_help versions_help = {
	"versions",
	"--db <school.db> [--json]",
	"List the timetable versions of a school database, the active one marked with *",
	"Columns: the version number, * for the active version, when it was made (local time),\n"
	"by whom, the method and seed of the solve, its hard violations and soft cost, and its\n"
	"note. A version marked [stale] was made for lessons that the current school no longer\n"
	"has (the school was re-imported since); it is kept and can still be shown.\n"
	"\n"
	"Options:\n"
	"      --db <file>   the school database\n"
	"      --json        the versions as a JSON array\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (missing or damaged database), 3 internal error.\n",
};

static const cli_help activate_help = {
	"activate",
	"<N> --db <school.db>",
	"Make version N the active timetable of a school database",
	"The active version is the one `schedule show` and `schedule lock` work on, and the\n"
	"warm start of the next `schedule solve --db`.\n"
	"\n"
	"Options:\n"
	"      --db <file>   the school database\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (no such version, missing or damaged database),\n"
	"3 internal error.\n",
};

/* "2026-09-01T08:30:00Z" in local time as "2026-09-01 14:30"; the text itself when it does not parse. */
static void local_time(char *buf, size_t n, const char *utc)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec) != 6) {
		snprintf(buf, n, "%s", utc);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	struct tm local;
	if (t == (time_t)-1 || !localtime_r(&t, &local) || !strftime(buf, n, "%Y-%m-%d %H:%M", &local))
		snprintf(buf, n, "%s", utc);
}

static void print_json(const sch_store_version_list *list)
{
	printf("[");
	for (size_t i = 0; i < list->count; i++) {
		const sch_store_version *v = &list->items[i];
		printf("%s\n  {\"number\": %d, \"active\": %s, \"stale\": %s, \"revision\": %d, \"created_at\": ", i ? "," : "",
		       v->number, v->active ? "true" : "false", v->stale ? "true" : "false", v->revision);
		cli_json_string(stdout, v->created_at);
		printf(", \"created_by\": ");
		cli_json_string(stdout, v->created_by);
		printf(", \"method\": ");
		cli_json_string(stdout, v->method);
		printf(", \"seed\": %llu, \"seconds\": %.3f, \"hard\": %lld, \"soft\": %lld, \"lessons\": %d, "
		       "\"placed\": %d, \"command\": ",
		       (unsigned long long)v->seed, v->seconds, (long long)v->hard, (long long)v->soft, v->lessons,
		       v->placed);
		cli_json_string(stdout, v->command);
		printf(", \"note\": ");
		cli_json_string(stdout, v->note);
		printf("}");
	}
	printf("%s]\n", list->count ? "\n" : "");
}

static int print_table(const sch_store_version_list *list)
{
	cli_table *t = NULL;
	char when[64];
	int rc = cli_table_new(&t, "rlllrrrrl"), any_stale = 0;
	if (rc)
		return rc;
	cli_table_cell(t, "#");
	cli_table_cell(t, "%s", "");
	cli_table_cell(t, "created");
	cli_table_cell(t, "by");
	cli_table_cell(t, "method");
	cli_table_cell(t, "seed");
	cli_table_cell(t, "hard");
	cli_table_cell(t, "soft");
	cli_table_cell(t, "note");
	cli_table_rule(t);
	for (size_t i = 0; i < list->count; i++) {
		const sch_store_version *v = &list->items[i];
		local_time(when, sizeof when, v->created_at);
		cli_table_cell(t, "%d", v->number);
		cli_table_cell(t, "%s", v->active ? "*" : "");
		cli_table_cell(t, "%s", when);
		cli_table_cell(t, "%s", v->created_by);
		cli_table_cell(t, "%s", *v->method ? v->method : "-");
		cli_table_cell(t, "%llu", (unsigned long long)v->seed);
		cli_table_cell(t, "%lld", (long long)v->hard);
		cli_table_cell(t, "%lld", (long long)v->soft);
		cli_table_cell(t, "%s%s%s", v->stale ? "[stale]" : "", v->stale && *v->note ? " " : "", v->note);
		any_stale |= v->stale;
	}
	cli_table_print(t, stdout, "");
	cli_table_free(t);
	printf("\n* active version");
	if (any_stale)
		printf("; [stale]: made for lessons the current school no longer has");
	printf("\n");
	return 0;
}

int cmd_versions(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'D'},
						 {"json", no_argument, NULL, 'j'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db_path = NULL;
	sch_store *st = NULL;
	sch_store_version_list list = {0};
	int json = 0, c, code, rc;

	while ((c = cli_getopt(argc, argv, "h", longopts, &versions_help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&versions_help);
			return CLI_EXIT_OK;
		case 'D':
			db_path = optarg;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(db_path, &versions_help)) ||
	    (code = cli_positional(argc, argv, 0, 0, &versions_help)))
		return code;
	if ((code = cli_store_open(&st, db_path, 0)))
		return code;
	if ((rc = sch_store_versions(&list, st))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (json)
		print_json(&list);
	else if (list.count == 0)
		printf("%s: no timetable versions yet; 'schedule solve <school.yaml> --db %s' makes one\n", db_path,
		       db_path);
	else if ((rc = print_table(&list))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	code = CLI_EXIT_OK;
done:
	sch_store_version_list_dispose(&list);
	sch_store_close(st);
	return code;
}

int cmd_activate(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'D'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db_path = NULL;
	sch_store *st = NULL;
	sch_store_version_list list = {0};
	int c, code, rc;

	while ((c = cli_getopt(argc, argv, "h", longopts, &activate_help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&activate_help);
			return CLI_EXIT_OK;
		case 'D':
			db_path = optarg;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(db_path, &activate_help)) ||
	    (code = cli_positional(argc, argv, 1, 1, &activate_help)))
		return code;
	int number = cli_store_positive(argv[optind]);
	if (number < 0)
		return cli_usage_error(&activate_help, "the version is a number >= 1, not '%s'", argv[optind]);
	if ((code = cli_store_open(&st, db_path, 0)))
		return code;
	if ((rc = sch_store_activate(st, number))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	printf("%s: version %d is active\n", db_path, number);
	if (sch_store_versions(&list, st) == 0)
		for (size_t i = 0; i < list.count; i++)
			if (list.items[i].number == number && list.items[i].stale)
				cli_warning("version %d was made for lessons the current school no longer has; "
					    "a re-solve starts from it as far as they match",
					    number);
	code = CLI_EXIT_OK;
done:
	sch_store_version_list_dispose(&list);
	sch_store_close(st);
	return code;
}
