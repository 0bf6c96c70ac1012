/* XHSTT in the `schedule` command: solutions for `export --format xhstt`, costs for `verify --xhstt`. */
#ifndef SCH_CLI_XHSTT_H
#define SCH_CLI_XHSTT_H

#include "cli.h"

/*
 * Writes `tt` (a timetable of a school imported from `archive`) as an XHSTT archive: the
 * instance with one solution of group `group` (NULL: "libschedule"); output "-" is stdout.
 * Returns an exit code, after printing why on failure.
 */
int cli_xhstt_export(const sch_timetable *tt, const char *archive, const char *output, const char *group);

/*
 * Loads `archive` and adds `tt` (a timetable of a school imported from it; may be NULL) as a
 * solution: *first is the first solution to print (tt's, or 0 for all the archive holds).
 * Prints why and returns an exit code on failure (*x is NULL then).
 */
int cli_xhstt_prepare(sch_xhstt **x, int *first, const sch_timetable *tt, const char *archive);
/*
 * Prints the XHSTT cost (infeasibility, objective, per constraint) of solutions first.. of
 * the archive, as a JSON array with `json`. *infeasible is set when some infeasibility is
 * above 0. Returns an exit code.
 */
int cli_xhstt_print(const sch_xhstt *x, int first, int json, int *infeasible);

/*
 * `schedule solve archive.xml`: solves the instance with the events' splits searched
 * (sch_xhstt_solve), writes the solution as an XHSTT archive to `output` (may be NULL; "-"
 * is stdout) and prints its XHSTT cost (JSON with `json`, nothing with `quiet`). Returns an
 * exit code: 0 infeasibility 0, 1 above 0 (the best solution is still written).
 */
int cli_solve_xhstt(const char *archive, const sch_solve_options *opts, const char *output, int json, int quiet);

#endif
