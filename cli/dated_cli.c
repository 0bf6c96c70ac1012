/* Shared by the commands of the school year (calendar, day, substitute): the year's data from a database, dates and names. */
#include "dated_cli.h"

#include <stdlib.h>
#include <string.h>

#include "schedule/sys/model.h"
#include "store_cli.h"

void cli_year_close(cli_year *y)
{
	sch_subst_free(y->subst);
	sch_calendar_free(y->cal);
	sch_timetable_free(y->tt);
	sch_school_free(y->school);
	sch_store_close(y->st);
	memset(y, 0, sizeof *y);
}

int cli_year_open(cli_year *y, const char *db, int need)
{
	int code, rc;
	memset(y, 0, sizeof *y);
	y->db = db;
	if ((code = cli_store_open(&y->st, db, 0)))
		return code;
	if (need & CLI_YEAR_CALENDAR) {
		if ((rc = sch_calendar_load(&y->cal, y->st))) {
			code = cli_lib_error(rc, NULL);
			goto fail;
		}
	}
	if ((rc = sch_store_active(&y->version, y->st))) {
		code = cli_lib_error(rc, NULL);
		goto fail;
	}
	if (y->version > 0) {
		/* The active version with the school it was made for: what is taught now. */
		if ((rc = sch_store_load_version_school(&y->school, y->st, 0, NULL)) ||
		    (rc = sch_store_load_timetable(&y->tt, y->st, 0, y->school, NULL))) {
			code = cli_lib_error(rc, NULL);
			goto fail;
		}
	} else if (need & CLI_YEAR_TIMETABLE) {
		cli_error("%s: no active timetable version: dated lessons come from it ('schedule solve --db %s' makes one)",
			  db, db);
		code = CLI_EXIT_USAGE;
		goto fail;
	} else if ((rc = sch_store_load_school(&y->school, y->st, NULL)) && rc != SCH_ENOTFOUND) {
		code = cli_lib_error(rc, NULL);
		goto fail;
	}
	if ((need & CLI_YEAR_CHANGES) && y->school && (rc = sch_subst_load(&y->subst, y->st, y->school))) {
		code = cli_lib_error(rc, NULL);
		goto fail;
	}
	return CLI_EXIT_OK;
fail:
	cli_year_close(y);
	return code;
}

int cli_date(sch_date *out, const char *text, const char *option, const cli_help *h)
{
	if (sch_date_parse(out, text) != 0) {
		cli_usage_error(h, "%s: %s", option, sch_error_last()->message);
		return -1;
	}
	return 0;
}

int cli_date_in_year(const cli_year *y, sch_date d, const char *what)
{
	char a[16], b[16], c[16];
	if (d >= sch_calendar_first(y->cal) && d <= sch_calendar_last(y->cal))
		return CLI_EXIT_OK;
	cli_error("%s %s is outside the school year %d/%d (%s .. %s)", what, sch_date_iso(d, a), sch_calendar_year(y->cal),
		  sch_calendar_year(y->cal) + 1, sch_date_iso(sch_calendar_first(y->cal), b),
		  sch_date_iso(sch_calendar_last(y->cal), c));
	return CLI_EXIT_USAGE;
}

int cli_find(const sch_school *s, const char *kind, const char *name)
{
	int n = strcmp(kind, "class") == 0     ? s->n_classes
		: strcmp(kind, "teacher") == 0 ? s->n_teachers
		: strcmp(kind, "subject") == 0 ? s->n_subjects
					       : s->n_rooms;
	const char **ids = malloc(sizeof *ids * ((size_t)n + 1));
	if (!ids) {
		cli_error("out of memory");
		return -1;
	}
	for (int i = 0; i < n; i++)
		ids[i] = strcmp(kind, "class") == 0     ? s->classes[i].id
			 : strcmp(kind, "teacher") == 0 ? s->teachers[i].id
			 : strcmp(kind, "subject") == 0 ? s->subjects[i].id
							: s->rooms[i].id;
	int found = -1;
	for (int i = 0; i < n && found < 0; i++)
		if (strcmp(ids[i], name) == 0 ||
		    (strcmp(kind, "teacher") == 0 && s->teachers[i].name && strcmp(s->teachers[i].name, name) == 0))
			found = i;
	if (found < 0) {
		const char *near = sch_suggest(name, ids, (size_t)n);
		if (!near && strcmp(kind, "teacher") == 0) { /* a full name misspelt */
			for (int i = 0; i < n; i++)
				ids[i] = s->teachers[i].name;
			near = sch_suggest(name, ids, (size_t)n);
		}
		if (near)
			cli_error("no %s '%s' in the school; did you mean '%s'?", kind, name, near);
		else
			cli_error("no %s '%s' in the school", kind, name);
	}
	free(ids);
	return found;
}

const char *cli_date_text(sch_date d, char *buf)
{
	char dmy[16];
	snprintf(buf, 32, "%s %s", sch_day_abbrev(sch_date_weekday(d), "ru"), sch_date_dmy(d, dmy));
	return buf;
}
