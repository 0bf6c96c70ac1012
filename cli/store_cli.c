/* Shared by the commands that use a school database (--db): opening it, day and bell options, solve --db. */
#include "store_cli.h"

#include <stdlib.h>
#include <string.h>

#include "schedule/sys/model.h"

int cli_store_open(sch_store **out, const char *path, int flags)
{
	sch_error_clear();
	int rc = sch_store_open(out, path, flags | SCH_STORE_CHECK);
	if (rc == 0)
		return CLI_EXIT_OK;
	if (rc == SCH_ENOTFOUND) {
		cli_error("%s: no such school database; create it with 'schedule import <school.yaml> --db %s'", path,
			  path);
		return CLI_EXIT_USAGE;
	}
	return cli_lib_error(rc, NULL);
}

int cli_store_require(const char *db_path, const cli_help *h)
{
	if (!db_path)
		return cli_usage_error(h, "--db <school.db> is required");
	if (!*db_path)
		return cli_usage_error(h, "--db wants a file name");
	return 0;
}

int cli_store_day(const char *text)
{
	int d = sch_day_parse(text);
	return d >= 0 ? d : -1;
}

int cli_store_positive(const char *text)
{
	char *end;
	if (!text || !*text || *text == '-' || *text == '+')
		return -1;
	long v = strtol(text, &end, 10);
	if (*end || v < 1 || v > 1000000000)
		return -1;
	return (int)v;
}

char *cli_store_command_line(int argc, char **argv)
{
	size_t n = strlen("schedule") + 1;
	for (int i = 0; i < argc; i++)
		n += strlen(argv[i]) + 3;
	char *s = malloc(n);
	if (!s)
		return NULL;
	strcpy(s, "schedule");
	for (int i = 0; i < argc; i++) {
		int quote = strchr(argv[i], ' ') != NULL || !*argv[i];
		strcat(s, quote ? " '" : " ");
		strcat(s, argv[i]);
		if (quote)
			strcat(s, "'");
	}
	return s;
}

struct cli_solve_db {
	sch_store *st;
	const char *path;
	int had_active;
};

void cli_solve_db_free(cli_solve_db *db)
{
	if (!db)
		return;
	sch_store_close(db->st);
	free(db);
}

int cli_solve_db_begin(cli_solve_db **out, const char *db_path, sch_school **school, sch_timetable **from,
		       int quiet)
{
	cli_solve_db *db = calloc(1, sizeof *db);
	sch_diags *diags = NULL;
	int code, rc, active = 0;
	*out = NULL;
	if (!db)
		return cli_lib_error(SCH_ENOMEM, NULL);
	db->path = db_path;
	if ((code = cli_store_open(&db->st, db_path, SCH_STORE_CREATE)))
		goto fail;
	if (!*school) {
		if ((rc = sch_diags_new(&diags)) == 0)
			rc = sch_store_load_school(school, db->st, diags);
		cli_print_diags(diags);
		if (rc == SCH_ENOTFOUND) {
			cli_error("%s: the database holds no school yet: give the school file, or 'schedule import' it first",
				  db_path);
			code = CLI_EXIT_USAGE;
			goto fail;
		}
		if (rc) {
			code = cli_lib_error(rc, NULL);
			goto fail;
		}
	} else {
		sch_store_import_info info;
		if ((rc = sch_store_import_school(db->st, *school, &info))) {
			code = cli_lib_error(rc, NULL);
			goto fail;
		}
		if (!info.unchanged && !quiet)
			fprintf(stderr, "schedule: %s: the school changed: stored as revision %d%s\n", db_path, info.revision,
				info.flagged ? "; versions for other lessons are flagged stale" : "");
	}
	if ((rc = sch_store_active(&active, db->st))) {
		code = cli_lib_error(rc, NULL);
		goto fail;
	}
	db->had_active = active > 0;

	/* Locked lessons become pinned for this solve. */
	int pinned = 0;
	sch_diags_free(diags);
	diags = NULL;
	if ((rc = sch_diags_new(&diags)) || (rc = sch_store_pin_locks(*school, db->st, diags, &pinned))) {
		code = cli_lib_error(rc, NULL);
		goto fail;
	}
	cli_print_diags(diags);
	if (pinned && !quiet)
		fprintf(stderr, "schedule: %s: %d locked lesson%s kept in place\n", db_path, pinned,
			pinned == 1 ? "" : "s");

	/* The active version is the warm start, unless --from gave one. */
	if (!*from && active > 0) {
		int skipped = 0;
		if ((rc = sch_store_load_timetable(from, db->st, 0, *school, &skipped))) {
			code = cli_lib_error(rc, NULL);
			goto fail;
		}
		if (!quiet)
			fprintf(stderr, "schedule: %s: starting from version %d%s\n", db_path, active,
				skipped ? " (some of its lessons are no longer in the school)" : "");
	}
	sch_diags_free(diags);
	*out = db;
	return CLI_EXIT_OK;
fail:
	sch_diags_free(diags);
	cli_solve_db_free(db);
	return code;
}

int cli_solve_db_end(cli_solve_db *db, const sch_timetable *tt, const sch_solve_result *res, const char *method,
		     uint64_t seed, int argc, char **argv, int quiet)
{
	sch_store_save_options o = SCH_STORE_SAVE_OPTIONS_INIT;
	sch_cost cost = sch_solve_result_cost(res);
	char *cmd = cli_store_command_line(argc, argv);
	int number = 0, rc;
	o.method = method;
	o.seed = seed;
	o.seconds = sch_solve_result_seconds(res);
	o.hard = SCH_COST_HARD(cost);
	o.soft = SCH_COST_SOFT(cost);
	o.command = cmd;
	/* A timetable with hard violations is kept, but does not replace a usable active one. */
	o.activate = o.hard == 0 || !db->had_active;
	rc = sch_store_save_timetable(&number, db->st, tt, &o);
	free(cmd);
	if (rc)
		return cli_lib_error(rc, NULL);
	if (!quiet)
		fprintf(stderr, "schedule: %s: saved as version %d%s\n", db->path, number,
			o.activate ? " (active)" : " (not active: it breaks hard rules)");
	return CLI_EXIT_OK;
}
