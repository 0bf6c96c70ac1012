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

#endif
