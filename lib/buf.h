/* Growable strings and quoting shared by every writer in the library (internal). */
#ifndef SCH_LIB_BUF_H
#define SCH_LIB_BUF_H

#include <stdbool.h>
#include <stddef.h>

/* A growable NUL-terminated string; after a failed allocation `oom` is set and appends do nothing. */
typedef struct {
	char *p;
	size_t len, cap;
	bool oom;
} sch_buf;

void sch_buf_init(sch_buf *b);
void sch_buf_free(sch_buf *b);
void sch_buf_clear(sch_buf *b);
void sch_buf_add(sch_buf *b, const char *s, size_t n);
void sch_buf_puts(sch_buf *b, const char *s);
void sch_buf_printf(sch_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A double-quoted string valid in JSON and YAML alike (controls, separators and the BOM
 * escaped, other UTF-8 kept as is); NULL is written as null. */
void sch_buf_quoted(sch_buf *b, const char *s);
/* The code point at p and its byte length (a lone or truncated lead byte counts as itself). */
unsigned sch_utf8_at(const unsigned char *p, int *len);
/* Controls, C1 controls, line/paragraph separators, the BOM and non-characters: escaped in quotes. */
bool sch_char_needs_escape(unsigned cp);
/* Hands the string to the caller (free() it) and empties the buffer; NULL after out of memory. */
char *sch_buf_take(sch_buf *b, size_t *len);

#endif
