/* Diagnostics: errors and warnings with file, line and column, collected in a list. */
#ifndef SCHEDULE_DIAG_H
#define SCHEDULE_DIAG_H

#include "common.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { SCH_DIAG_WARNING = 1, SCH_DIAG_ERROR = 2 } sch_diag_severity;

typedef struct {
	int severity;        /* sch_diag_severity */
	const char *file;    /* the input file, or "" */
	int line;            /* 1-based; 0 when unknown */
	int col;             /* 1-based; 0 when unknown */
	const char *message; /* UTF-8, without the location */
} sch_diag;

SCH_EXTERN(int) sch_diags_new(sch_diags **out);
SCH_EXTERN(void) sch_diags_free(sch_diags *diags);
SCH_EXTERN(size_t) sch_diags_count(const sch_diags *diags);
SCH_EXTERN(size_t) sch_diags_errors(const sch_diags *diags);
SCH_EXTERN(size_t) sch_diags_warnings(const sch_diags *diags);
/* The i-th diagnostic, in the order they were found; borrowed. */
SCH_EXTERN(const sch_diag *) sch_diags_get(const sch_diags *diags, size_t i);
/* Adds one diagnostic; the message is printf-formatted. */
SCH_EXTERN(int) sch_diags_add(sch_diags *diags, int severity, const char *file, int line, int col,
			      const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
/* Sorts by file, line and column, keeping the order of equal places. */
SCH_EXTERN(void) sch_diags_sort(sch_diags *diags);
/*
 * Formats one diagnostic as the line the CLI prints, without a newline:
 * "file:line:col: error: message" (or "warning:"); the place shrinks to
 * "file:line:", "file:" or nothing when col, line or file is unknown. Like
 * snprintf: writes at most n bytes (NUL included) and returns the full length.
 */
SCH_EXTERN(int) sch_diag_format(char *buf, size_t n, const sch_diag *d);

#ifdef __cplusplus
}
#endif

#endif
