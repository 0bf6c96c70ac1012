/* Diagnostics lists: errors and warnings with their place in the input. */
#include "schedule/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

typedef struct {
	sch_diag pub;
	char *file;
	char *message;
	size_t order;
} diag_item;

struct sch_diags {
	diag_item *items;
	size_t n, cap;
	size_t errors, warnings;
};

int sch_diags_new(sch_diags **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? 0 : sch_error_oom();
}

void sch_diags_free(sch_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	free(d);
}

size_t sch_diags_count(const sch_diags *d) { return d ? d->n : 0; }
size_t sch_diags_errors(const sch_diags *d) { return d ? d->errors : 0; }
size_t sch_diags_warnings(const sch_diags *d) { return d ? d->warnings : 0; }

const sch_diag *sch_diags_get(const sch_diags *d, size_t i)
{
	if (!d || i >= d->n)
		return NULL;
	return &d->items[i].pub;
}

int sch_diags_add(sch_diags *d, int severity, const char *file, int line, int col, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	if (!d)
		return 0;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		diag_item *items = realloc(d->items, cap * sizeof *items);
		if (!items)
			return sch_error_oom();
		d->items = items;
		d->cap = cap;
	}
	diag_item *it = &d->items[d->n];
	it->file = strdup(file ? file : "");
	it->message = strdup(buf);
	if (!it->file || !it->message) {
		free(it->file);
		free(it->message);
		return sch_error_oom();
	}
	it->order = d->n;
	it->pub.severity = severity;
	it->pub.file = it->file;
	it->pub.line = line;
	it->pub.col = col;
	it->pub.message = it->message;
	d->n++;
	if (severity == SCH_DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	return 0;
}

static int cmp_diag(const void *a, const void *b)
{
	const diag_item *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->pub.line != y->pub.line)
		return x->pub.line < y->pub.line ? -1 : 1;
	if (x->pub.col != y->pub.col)
		return x->pub.col < y->pub.col ? -1 : 1;
	return x->order < y->order ? -1 : (x->order > y->order);
}

void sch_diags_sort(sch_diags *d)
{
	if (!d || d->n < 2)
		return;
	qsort(d->items, d->n, sizeof *d->items, cmp_diag);
	for (size_t i = 0; i < d->n; i++) {
		d->items[i].pub.file = d->items[i].file;
		d->items[i].pub.message = d->items[i].message;
	}
}

int sch_diag_format(char *buf, size_t n, const sch_diag *d)
{
	const char *sev = d->severity == SCH_DIAG_ERROR ? "error" : "warning";
	const char *file = d->file ? d->file : "";
	const char *msg = d->message ? d->message : "";
	if (!*file)
		return snprintf(buf, n, "%s: %s", sev, msg);
	if (d->line <= 0)
		return snprintf(buf, n, "%s: %s: %s", file, sev, msg);
	if (d->col <= 0)
		return snprintf(buf, n, "%s:%d: %s: %s", file, d->line, sev, msg);
	return snprintf(buf, n, "%s:%d:%d: %s: %s", file, d->line, d->col, sev, msg);
}
