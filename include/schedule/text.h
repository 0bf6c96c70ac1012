/* UTF-8 text helpers: validity, display width in a terminal, and "did you mean" suggestions. */
#ifndef SCHEDULE_TEXT_H
#define SCHEDULE_TEXT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Whether s[0..len) is well-formed UTF-8 (no overlong forms, no surrogates, nothing
 * above U+10FFFF). Returns 1 when valid; 0 otherwise, with the byte offset of the
 * first bad sequence in *bad_offset (may be NULL).
 */
SCH_EXTERN(int) sch_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/*
 * Columns a NUL-terminated UTF-8 string takes in a terminal: 1 per letter (Latin,
 * Cyrillic), 0 for combining marks, zero-width characters and controls, 2 for
 * East Asian wide characters (CJK, Hangul, fullwidth forms, emoji). Each byte of a
 * malformed sequence counts 1 (a terminal shows a replacement character). NULL gives 0.
 */
SCH_EXTERN(size_t) sch_utf8_width(const char *s);

/*
 * The candidate nearest to `word` by Levenshtein distance over code points,
 * ignoring case for Latin and Cyrillic letters (Kyrgyz Ң Ө Ү included); ties go to
 * the earlier candidate. Returns NULL when nothing is near: the distance is above
 * max(2, (code points of word) / 3), or is not smaller than the candidate's own
 * length (they have nothing in common). Returns a pointer from `candidates`
 * (NULL entries are skipped). Words longer than 256 code points get NULL.
 */
SCH_EXTERN(const char *) sch_suggest(const char *word, const char *const *candidates, size_t n);

#ifdef __cplusplus
}
#endif

#endif
