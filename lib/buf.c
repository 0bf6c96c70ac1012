/* Growable strings and JSON/YAML quoting. */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sch_buf_init(sch_buf *b)
{
	memset(b, 0, sizeof *b);
}

void sch_buf_free(sch_buf *b)
{
	free(b->p);
	sch_buf_init(b);
}

void sch_buf_clear(sch_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

static bool buf_grow(sch_buf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (b->len + extra + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void sch_buf_add(sch_buf *b, const char *s, size_t n)
{
	if (!buf_grow(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sch_buf_puts(sch_buf *b, const char *s)
{
	if (s)
		sch_buf_add(b, s, strlen(s));
}

void sch_buf_printf(sch_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *sch_buf_take(sch_buf *b, size_t *len)
{
	char *p = b->oom ? NULL : b->p;
	if (!p && !b->oom) {
		p = calloc(1, 1);
	}
	if (len)
		*len = p ? b->len : 0;
	if (b->oom)
		free(b->p);
	sch_buf_init(b);
	return p;
}

unsigned sch_utf8_at(const unsigned char *p, int *len)
{
	if (p[0] < 0x80 || !p[1]) {
		*len = 1;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0) {
		*len = 2;
		return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	}
	if ((p[0] & 0xf0) == 0xe0 && p[2]) {
		*len = 3;
		return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	}
	if ((p[0] & 0xf8) == 0xf0 && p[2] && p[3]) {
		*len = 4;
		return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 | (uint32_t)(p[2] & 0x3f) << 6 |
		       (p[3] & 0x3f);
	}
	*len = 1;
	return p[0];
}

bool sch_char_needs_escape(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
}

void sch_buf_quoted(sch_buf *b, const char *s)
{
	if (!s) {
		sch_buf_puts(b, "null");
		return;
	}
	sch_buf_add(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int len;
		unsigned cp = sch_utf8_at(p, &len);
		if (cp == '"' || cp == '\\') {
			char e[2] = {'\\', (char)cp};
			sch_buf_add(b, e, 2);
		} else if (cp == '\n') {
			sch_buf_add(b, "\\n", 2);
		} else if (cp == '\t') {
			sch_buf_add(b, "\\t", 2);
		} else if (sch_char_needs_escape(cp)) {
			sch_buf_printf(b, "\\u%04x", (unsigned)cp);
		} else {
			sch_buf_add(b, (const char *)p, (size_t)len);
		}
		p += len;
	}
	sch_buf_add(b, "\"", 1);
}
