/* Exit codes of the `schedule` command, the same for every subcommand. */
#ifndef SCH_CLI_EXITCODES_H
#define SCH_CLI_EXITCODES_H

#define CLI_EXIT_OK 0       /* done; the school is feasible, the timetable has no hard violation */
#define CLI_EXIT_FAIL 1     /* the school is infeasible, or the timetable has hard violations */
#define CLI_EXIT_USAGE 2    /* bad input: wrong arguments, unreadable or invalid files */
#define CLI_EXIT_INTERNAL 3 /* an internal error (out of memory, a bug) */

#endif
