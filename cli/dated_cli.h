/* Shared by the commands of the school year (calendar, day, substitute): the year's data from a database, dates and names. */
#ifndef SCH_CLI_DATED_H
#define SCH_CLI_DATED_H

#include "cli.h"

/* What a command needs opened: the calendar, the active timetable and the changes. */
enum { CLI_YEAR_CALENDAR = 1, CLI_YEAR_TIMETABLE = 2, CLI_YEAR_CHANGES = 4 };

typedef struct {
	sch_store *st;
	const char *db;
	int version;        /* the active version, 0 when there is none (without CLI_YEAR_TIMETABLE) */
	sch_school *school; /* the active version's school, or the stored school without one (may be NULL) */
	sch_timetable *tt;
	sch_calendar *cal;
	sch_subst *subst;
} cli_year;

/*
 * Opens the database and loads what `need` asks for; a missing calendar or active
 * version gets a message saying how to make it. Returns CLI_EXIT_OK, or the exit
 * code after printing why (y is then closed).
 */
int cli_year_open(cli_year *y, const char *db, int need);
void cli_year_close(cli_year *y);

/* Parses a date option; a usage error (and -1) for a bad one. */
int cli_date(sch_date *out, const char *text, const char *option, const cli_help *h);
/* SCH_EINVALID-style message and exit 2 when the date is outside the calendar's year. */
int cli_date_in_year(const cli_year *y, sch_date d, const char *what);

/* An entity by id (or a teacher by full name): its index, or -1 after printing
 * "no class '5Б' in the school; did you mean '5А'?" (kind: class, teacher, subject, room). */
int cli_find(const sch_school *s, const char *kind, const char *name);

/* "вт 01.12.2026" */
const char *cli_date_text(sch_date d, char *buf);

#endif
