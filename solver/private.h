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

/* Set bits of a 32-bit mask. The library is built for any x86-64, without the
 * popcnt instruction, where __builtin_popcount is a call: this is inline. */
static inline int sch__pop32(uint32_t m)
{
	m = m - ((m >> 1) & 0x55555555u);
	m = (m & 0x33333333u) + ((m >> 2) & 0x33333333u);
	return (int)((((m + (m >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24);
}

static inline int sch__pop64(uint64_t m)
{
	return sch__pop32((uint32_t)m) + sch__pop32((uint32_t)(m >> 32));
}

/* The weight of a term (1 for hard terms). */

#endif
