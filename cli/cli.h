/* Shared parts of the `schedule` command: the subcommands, options, messages, tables and JSON. */
#ifndef SCH_CLI_H
#define SCH_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "exitcodes.h"
#include "schedule.h"

/* A subcommand: argv[0] is its name ("check"); returns an exit code of exitcodes.h. */
typedef int (*cli_fn)(int argc, char **argv);

/* The subcommands, one cli/cmd_<name>.c each, listed in the table of cli/main.c. */
int cmd_check(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_versions(int argc, char **argv);
int cmd_activate(int argc, char **argv);
int cmd_lock(int argc, char **argv);
int cmd_unlock(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_day(int argc, char **argv);
int cmd_substitute(int argc, char **argv);
int cmd_pupils(int argc, char **argv);
int cmd_journal(int argc, char **argv);
int cmd_grades(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* How a command is called: printed by --help (stdout) and after usage errors (stderr). */
typedef struct {
	const char *name;    /* "check" */
	const char *args;    /* "<school.yaml> [--json]" */
	const char *summary; /* one line, lower case, no full stop */
	const char *details; /* options and exit codes, lines ending in \n; may be NULL */
} cli_help;

/* The full help of a command on stdout. */
void cli_help_print(const cli_help *h);
/* "schedule: <cmd>: <message>", the usage line and a hint on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(const cli_help *h, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/*
 * getopt_long with the tool's own messages: returns the next option, -1 after the
 * last one (positional arguments are then argv[optind..argc-1]), or '?' after it
 * printed a usage error for an unknown option or a missing argument (the command
 * then returns CLI_EXIT_USAGE). Starts afresh for every new argv. Every command
 * should accept "help" in longopts with the value 'h'.
 */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts, const cli_help *h);
/*
 * The action a command with actions ("calendar init", "journal mark") is given in argv[1]:
 * the names are read from a table of structs whose first member is the name (`stride` is
 * the struct's size). Returns -1 with its index in *k; or an exit code to return at once:
 * the help printed for --help (CLI_EXIT_OK), or a usage error for no or an unknown action
 * (with the nearest name).
 */
int cli_action(int argc, char **argv, const void *table, size_t n, size_t stride, const cli_help *h, size_t *k);
/* `word` among `names`: 0 with its index in *k, or a usage error naming `what` ("action",
 * "report") with the nearest name or the list of names (CLI_EXIT_USAGE). */
int cli_choose(const char *word, const char *const *names, size_t n, const char *what, const cli_help *h, size_t *k);
/* --quarter N (1-4) or --year into *period (the quarter, or 0 for the year); neither: *period
 * is left alone. Both, or a bad quarter: a usage error (CLI_EXIT_USAGE); else 0. */
int cli_quarter_or_year(const char *quarter, int year, const cli_help *h, int *period);
/* Checks the count of positional arguments; prints a usage error and returns CLI_EXIT_USAGE when off, else 0. */
int cli_positional(int argc, char **argv, int min, int max, const cli_help *h);

/* The tool's own messages on stderr: "schedule: <message>". */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
void cli_warning(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* The exit code for a library status: 2 for bad input, 1 for infeasible or timeout, 3 otherwise. */
int cli_exit_code(int status);
/*
 * Reports a failed library call: "schedule: <context>: <sch_error_last() message>" and
 * returns cli_exit_code(status). The context is printf-formatted and may be NULL.
 */
int cli_lib_error(int status, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Prints every diagnostic as "file:line:col: error: message" on stderr, sorted by place. */
void cli_print_diags(sch_diags *diags);
/*
 * Loads a school, printing all its diagnostics. Returns CLI_EXIT_OK with *out set,
 * or the exit code after printing why (CLI_EXIT_USAGE for unreadable or invalid input).
 */
int cli_load_school(sch_school **out, const char *path);
/* The same for a timetable of `school`. */
int cli_load_timetable(sch_timetable **out, const sch_school *school, const char *path);
/*
 * Imports a FET file (cli/cmd_import.c), printing its diagnostics, what was not carried
 * over and the notes on stderr; `strict` refuses a file with items not carried over.
 * Returns CLI_EXIT_OK with *out set, or the exit code after printing why. `rep` is the
 * caller's to free (sch_fet_report_free), as is *out.
 */
int cli_load_fet(sch_school **out, const char *path, int strict, sch_fet_report *rep, sch_diags *diags);

/* An aligned table whose cells may hold Cyrillic: columns are measured in display width. */
typedef struct cli_table cli_table;
/* `align` has one letter per column: 'l' left, 'r' right. The first row is the header. */
int cli_table_new(cli_table **out, const char *align);
/* Appends a cell to the current row; a row ends when it has a cell per column. */
int cli_table_cell(cli_table *t, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* The soft cost by term (amount, weight, cost; `amount` and `cost` indexed by term) and the
 * total: `moved` only with a reference timetable, `constraint_soft` only for a school with
 * constraints (its weight column says "each": they weigh each by its own). NULL when out of memory. */
cli_table *cli_soft_table(const struct sch_school *s, const int64_t *amount, const int64_t *cost, int with_moved,
			  int64_t total);
/* A dashed line under the last complete row (the header, a total). */
void cli_table_rule(cli_table *t);
/* Prints the rows, each line starting with `indent`. */
void cli_table_print(const cli_table *t, FILE *f, const char *indent);
void cli_table_free(cli_table *t);

/* Pads `s` to `width` display columns (left-aligned) or right-aligns it. */
void cli_print_padded(FILE *f, const char *s, size_t width, int right);

/* Writes s as a JSON string, quotes included; NULL gives null. */
void cli_json_string(FILE *f, const char *s);

/* Whether progress lines should be drawn: stderr is a terminal and SCH_NO_PROGRESS is unset. */
int cli_progress_enabled(void);
/* Redraws the one progress line on stderr (only when enabled). */
void cli_progress(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Clears the progress line, if one was drawn. */
void cli_progress_end(void);

/* What an input file is: by its XML root element (fet, an XHSTT archive), else by name. root
 * (n bytes) receives the root element's name, "" when the file is not XML. */
enum { CLI_KIND_YAML, CLI_KIND_FET, CLI_KIND_XHSTT, CLI_KIND_XML_OTHER };
int cli_file_kind(const char *path, char *root, size_t n);

#endif
