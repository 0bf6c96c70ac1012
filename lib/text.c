/* UTF-8 text helpers: validity, terminal display width, nearest-word suggestions. */
#include "schedule/text.h"

#include <stdint.h>
#include <string.h>

/*
 * Decodes one code point at s (n bytes left). Returns its length in bytes and the
 * code point in *cp, or 0 for a malformed sequence (overlong, surrogate, > U+10FFFF,
 * truncated, stray continuation byte).
 */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	uint32_t v;
	size_t len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

int sch_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t k;
		if (p[i] < 0x80) { /* fast path for ASCII runs */
			i++;
			continue;
		}
		k = decode(p + i, len - i, &cp);
		if (!k) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += k;
	}
	return 1;
}

typedef struct {
	uint32_t lo, hi;
} range;

/* Zero-width: combining marks (Latin, Cyrillic, others common in names), joiners, BOM. */
static const range zero_width[] = {
	{0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd}, {0x0610, 0x061a}, {0x064b, 0x065f},
	{0x0e31, 0x0e31}, {0x0e34, 0x0e3a}, {0x0e47, 0x0e4e}, {0x1ab0, 0x1aff}, {0x1dc0, 0x1dff},
	{0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x2064}, {0x20d0, 0x20ff}, {0xfe00, 0xfe0f},
	{0xfe20, 0xfe2f}, {0xfeff, 0xfeff}, {0xe0100, 0xe01ef},
};

/* East Asian wide and fullwidth. */
static const range wide[] = {
	{0x1100, 0x115f},   {0x231a, 0x231b},   {0x2329, 0x232a},   {0x23e9, 0x23ec},
	{0x2e80, 0x303e},   {0x3041, 0x33ff},   {0x3400, 0x4dbf},   {0x4e00, 0x9fff},
	{0xa000, 0xa4cf},   {0xa960, 0xa97f},   {0xac00, 0xd7a3},   {0xf900, 0xfaff},
	{0xfe10, 0xfe19},   {0xfe30, 0xfe6f},   {0xff00, 0xff60},   {0xffe0, 0xffe6},
	{0x1f300, 0x1f64f}, {0x1f900, 0x1f9ff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
};

static int in_ranges(uint32_t cp, const range *r, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

size_t sch_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, n;
	if (!s)
		return 0;
	n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = decode(p + i, n - i, &cp);
		if (!k) {
			w++;
			i++;
			continue;
		}
		i += k;
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		if (in_ranges(cp, zero_width, sizeof zero_width / sizeof *zero_width))
			continue;
		w += in_ranges(cp, wide, sizeof wide / sizeof *wide) ? 2 : 1;
	}
	return w;
}

/* Lower case for Latin and Cyrillic (basic, Ѐ-Џ, and the paired extended letters). */
static uint32_t fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	if (((c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf) || (c >= 0x4d0 && c <= 0x52f)) &&
	    c % 2 == 0)
		return c + 1;
	if (c >= 0x4c1 && c <= 0x4ce && c % 2 == 1)
		return c + 1;
	return c;
}

#define SUGGEST_MAX 256

/* Folded code points of s; returns the count, or SIZE_MAX when too long. Bad bytes count as themselves. */
static size_t to_points(const char *s, uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = decode(p + i, n - i, &cp);
		if (!len) {
			cp = p[i];
			len = 1;
		}
		if (k == SUGGEST_MAX)
			return SIZE_MAX;
		out[k++] = fold(cp);
		i += len;
	}
	return k;
}

static size_t levenshtein(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t row[SUGGEST_MAX + 1];
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

const char *sch_suggest(const char *word, const char *const *candidates, size_t n)
{
	uint32_t w[SUGGEST_MAX], c[SUGGEST_MAX];
	size_t nw, limit, best_d = SIZE_MAX;
	const char *best = NULL;
	if (!word || !candidates)
		return NULL;
	nw = to_points(word, w);
	if (nw == SIZE_MAX)
		return NULL;
	limit = nw / 3 > 2 ? nw / 3 : 2;
	for (size_t i = 0; i < n; i++) {
		size_t nc, d;
		if (!candidates[i])
			continue;
		nc = to_points(candidates[i], c);
		if (nc == SIZE_MAX)
			continue;
		/* The distance is at least the difference of lengths: skip hopeless ones cheaply. */
		if ((nc > nw ? nc - nw : nw - nc) > limit)
			continue;
		d = levenshtein(w, nw, c, nc);
		if (d <= limit && (d < nc || d == 0) && d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best;
}
