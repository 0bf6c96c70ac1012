/* Internal helpers shared by the files of solver/ (not installed). */
#ifndef SCH_SOLVER_PRIVATE_H
#define SCH_SOLVER_PRIVATE_H

#include "schedule/sys/model.h"
#include "schedule/sys/solution.h"

/* The library's error setter. solver/ builds on the public and sys/ headers
 * only (the KHE rule), so it declares this one library service itself
 * instead of including lib/error.h; the definition is in lib/error.c. */
int sch_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Covered periods of a lesson starting at period p: the bits p .. p+len-1 within the day. */
static inline uint32_t sch__cover_bits(int p, int len, int n_periods)
{
	int end = p + len < n_periods ? p + len : n_periods;
	return end > p ? (((uint32_t)1 << (end - p)) - 1) << p : 0;
}

/* The weight of a term (1 for hard terms). */
int sch__term_weight(const sch_school *s, int term);

#endif
