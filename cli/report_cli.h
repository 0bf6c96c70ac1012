/* Shared by `schedule report` and `schedule grades`: a report table on the terminal or into a file. */
#ifndef SCH_CLI_REPORT_H
#define SCH_CLI_REPORT_H

#include "cli.h"
#include "schedule/report.h"

/* Columns shown on the terminal at most. */
#define SCH_REPORT_MAX_COLS_CLI 31

/*
 * Prints the table aligned by display width (title, subtitle, rows, the signature line),
 * or writes it: format NULL and output NULL print it; a format with output NULL or "-"
 * prints csv or json to stdout; otherwise the file is written (format NULL: from the
 * extension). Returns an exit code after printing any error.
 */
int cli_report_emit(const sch_report_table *t, const char *format, const char *output, const cli_help *h);
/* Checks --format/-o before any work is done: a usage error when they cannot go together. */
int cli_report_check_output(const char *format, const char *output, const cli_help *h);

#endif
