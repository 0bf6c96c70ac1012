/* Shared by the commands that use a school database (--db): opening it, day and bell options, solve --db. */
#ifndef SCH_CLI_STORE_H
#define SCH_CLI_STORE_H

#include "cli.h"
#include "schedule/solver.h"
#include "schedule/store.h"

/*
 * Opens the database for a command, checking the whole file first. A missing file
 * (without SCH_STORE_CREATE) gets a hint to create it with `schedule import`.
 * Returns CLI_EXIT_OK with *out set, or the exit code after printing why.
 */
int cli_store_open(sch_store **out, const char *path, int flags);

/* The --db option is required: a usage error when it is missing. */
int cli_store_require(const char *db_path, const cli_help *h);

/* Parses --day ("tue", "вт", "вторник", "шейшемби") into a day code; -1 when unknown. */
int cli_store_day(const char *text);
/* Parses --period / --version: a whole number >= 1; -1 when not one. */
int cli_store_positive(const char *text);

/* The command line as one string, for the record of who made a version; malloc'ed. */
char *cli_store_command_line(int argc, char **argv);

/*
 * `schedule solve --db FILE`. Before the solve: opens (or creates) the database,
 * loads the stored school when *school is NULL (no school file given), otherwise
 * stores the given school when it differs from the stored one; pins the locked
 * lessons; and, when *from is NULL, takes the active version as the warm start.
 * Returns an exit code (CLI_EXIT_OK to go on).
 */
typedef struct cli_solve_db cli_solve_db;
int cli_solve_db_begin(cli_solve_db **out, const char *db_path, sch_school **school, sch_timetable **from,
		       int quiet);
/*
 * After the solve: saves `tt` as a new version, active when it has no hard
 * violation (or when no version is active yet). Returns an exit code.
 */
int cli_solve_db_end(cli_solve_db *db, const sch_timetable *tt, const sch_solve_result *res, const char *method,
		     uint64_t seed, int argc, char **argv, int quiet);
void cli_solve_db_free(cli_solve_db *db);

#endif
