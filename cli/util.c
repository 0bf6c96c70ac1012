/* Helpers shared by the subcommands: options, messages, diagnostics, aligned tables, JSON, progress. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "schedule/sys/model.h"
#include "schedule/text.h"

#define TOOL "schedule"

void cli_help_print(const cli_help *h)
{
	printf("usage: " TOOL " %s %s\n\n%s.\n", h->name, h->args ? h->args : "", h->summary);
	if (h->details && *h->details)
		printf("\n%s", h->details);
}

int cli_usage_error(const cli_help *h, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, TOOL ": %s: ", h->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: " TOOL " %s %s\nTry '" TOOL " %s --help' for more.\n", h->name,
		h->args ? h->args : "", h->name);
	return CLI_EXIT_USAGE;
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts, const cli_help *h)
{
	static char **last_argv;
	char opts[64];
	int c;
	if (argv != last_argv) {
		last_argv = argv;
		optind = 0; /* GNU getopt: start over with a new argument vector */
	}
	opterr = 0;
	/* a leading ':' makes getopt tell a missing argument (':') from an unknown option ('?') */
	snprintf(opts, sizeof opts, ":%s", shortopts ? shortopts : "");
	c = getopt_long(argc, argv, opts, longopts, NULL);
	if (c == ':') {
		cli_usage_error(h, "option '%s' needs a value", argv[optind - 1]);
		return '?';
	}
	if (c == '?') {
		if (optopt && optopt != '?')
			cli_usage_error(h, "unknown option '-%c'", optopt);
		else
			cli_usage_error(h, "unknown option '%s'", argv[optind - 1]);
		return '?';
	}
	return c;
}

int cli_positional(int argc, char **argv, int min, int max, const cli_help *h)
{
	int n = argc - optind;
	if (n < min)
		return cli_usage_error(h, "%s", n == 0 ? "missing arguments" : "too few arguments");
	if (max >= 0 && n > max)
		return cli_usage_error(h, "unexpected argument '%s'", argv[optind + max]);
	return 0;
}

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
	cli_progress_end();
	fprintf(stderr, TOOL ": %s", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("warning: ", fmt, ap);
	va_end(ap);
}

int cli_exit_code(int status)
{
	switch (status) {
	case SCH_OK:
		return CLI_EXIT_OK;
	case SCH_EINVALID:
	case SCH_ENOTFOUND:
	case SCH_EIO:
	case SCH_EDB:
	case SCH_EEXISTS:
		return CLI_EXIT_USAGE;
	case SCH_EINFEASIBLE:
	case SCH_ETIMEOUT:
	case SCH_ECANCELLED:
		return CLI_EXIT_FAIL;
	default:
		return CLI_EXIT_INTERNAL;
	}
}

int cli_lib_error(int status, const char *fmt, ...)
{
	const sch_error *e = sch_error_last();
	const char *why = e && e->message && *e->message ? e->message : sch_status_name(status);
	cli_progress_end();
	fputs(TOOL ": ", stderr);
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s\n", why);
	return cli_exit_code(status);
}

void cli_print_diags(sch_diags *diags)
{
	char buf[1200];
	size_t n = sch_diags_count(diags);
	if (!n)
		return;
	cli_progress_end();
	sch_diags_sort(diags);
	for (size_t i = 0; i < n; i++) {
		const sch_diag *d = sch_diags_get(diags, i);
		int len = sch_diag_format(buf, sizeof buf, d);
		if (len < 0)
			continue;
		if ((size_t)len < sizeof buf) {
			fprintf(stderr, "%s\n", buf);
		} else { /* longer than the buffer: format it again in full */
			char *big = malloc((size_t)len + 1);
			if (big && sch_diag_format(big, (size_t)len + 1, d) >= 0)
				fprintf(stderr, "%s\n", big);
			else
				fprintf(stderr, "%s\n", buf);
			free(big);
		}
	}
}

/* Explains a failed load of `what` at `path` after its diagnostics were printed. */
static int load_failed(int rc, const char *what, const char *path, const sch_diags *diags)
{
	size_t errors = sch_diags_errors(diags);
	if (rc == SCH_EINVALID && errors > 0) {
		cli_error("%s: %zu error%s in the %s", path, errors, errors == 1 ? "" : "s", what);
		return CLI_EXIT_USAGE;
	}
	if (rc == SCH_EIO || rc == SCH_ENOTFOUND) {
		const sch_error *e = sch_error_last();
		/* the library's message names the file; add it only when it does not */
		if (e && e->message && strstr(e->message, path))
			cli_error("cannot read the %s: %s", what, e->message);
		else
			cli_error("cannot read the %s '%s'%s%s", what, path, e && e->message ? ": " : "",
				  e && e->message ? e->message : "");
		return CLI_EXIT_USAGE;
	}
	return cli_lib_error(rc, "%s: loading the %s", path, what);
}

int cli_load_school(sch_school **out, const char *path)
{
	sch_diags *diags = NULL;
	int rc, code = CLI_EXIT_OK;
	*out = NULL;
	rc = sch_diags_new(&diags);
	if (rc)
		return cli_lib_error(rc, NULL);
	sch_error_clear();
	rc = sch_school_load_yaml(out, path, diags);
	if (rc != SCH_EIO && rc != SCH_ENOTFOUND) /* an unreadable file: one message below says it */
		cli_print_diags(diags);
	if (rc) {
		sch_school_free(*out);
		*out = NULL;
		code = load_failed(rc, "school", path, diags);
	}
	sch_diags_free(diags);
	return code;
}

int cli_load_timetable(sch_timetable **out, const sch_school *school, const char *path)
{
	sch_diags *diags = NULL;
	int rc, code = CLI_EXIT_OK;
	*out = NULL;
	rc = sch_diags_new(&diags);
	if (rc)
		return cli_lib_error(rc, NULL);
	sch_error_clear();
	rc = sch_timetable_load(out, school, path, diags);
	if (rc != SCH_EIO && rc != SCH_ENOTFOUND)
		cli_print_diags(diags);
	if (rc) {
		sch_timetable_free(*out);
		*out = NULL;
		code = load_failed(rc, "timetable", path, diags);
	}
	sch_diags_free(diags);
	return code;
}

/* ---- tables ---- */

struct cli_table {
	int ncols;
	char align[32];
	char **cells; /* row-major */
	size_t n, cap;
	unsigned char *rule_after; /* per row */
	size_t rule_cap;
};

int cli_table_new(cli_table **out, const char *align)
{
	cli_table *t = calloc(1, sizeof *t);
	if (!t)
		return SCH_ENOMEM;
	t->ncols = (int)strlen(align);
	if (t->ncols < 1 || t->ncols >= (int)sizeof t->align) {
		free(t);
		return SCH_EINVALID;
	}
	memcpy(t->align, align, (size_t)t->ncols + 1);
	*out = t;
	return 0;
}

int cli_table_cell(cli_table *t, const char *fmt, ...)
{
	va_list ap, again;
	char *cell = NULL;
	int len;
	va_start(ap, fmt);
	va_copy(again, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	if (len >= 0 && (cell = malloc((size_t)len + 1)))
		vsnprintf(cell, (size_t)len + 1, fmt, again);
	va_end(again);
	va_end(ap);
	if (!cell)
		return SCH_ENOMEM;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **cells = realloc(t->cells, cap * sizeof *cells);
		if (!cells) {
			free(cell);
			return SCH_ENOMEM;
		}
		t->cells = cells;
		t->cap = cap;
	}
	t->cells[t->n++] = cell;
	return 0;
}

void cli_table_rule(cli_table *t)
{
	size_t rows = t->n / (size_t)t->ncols;
	if (!rows)
		return;
	if (rows > t->rule_cap) {
		size_t cap = rows * 2;
		unsigned char *r = realloc(t->rule_after, cap);
		if (!r)
			return; /* a missing rule is only cosmetic */
		memset(r + t->rule_cap, 0, cap - t->rule_cap);
		t->rule_after = r;
		t->rule_cap = cap;
	}
	t->rule_after[rows - 1] = 1;
}

void cli_print_padded(FILE *f, const char *s, size_t width, int right)
{
	size_t w = sch_utf8_width(s);
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
}

void cli_table_print(const cli_table *t, FILE *f, const char *indent)
{
	size_t width[32] = {0};
	size_t rows = (t->n + (size_t)t->ncols - 1) / (size_t)t->ncols;
	for (size_t i = 0; i < t->n; i++) {
		size_t w = sch_utf8_width(t->cells[i]);
		if (w > width[i % (size_t)t->ncols])
			width[i % (size_t)t->ncols] = w;
	}
	for (size_t r = 0; r < rows; r++) {
		fputs(indent ? indent : "", f);
		for (int c = 0; c < t->ncols; c++) {
			size_t i = r * (size_t)t->ncols + (size_t)c;
			const char *cell = i < t->n ? t->cells[i] : "";
			int last = c == t->ncols - 1;
			if (last && t->align[c] != 'r') /* no trailing blanks */
				fputs(cell, f);
			else
				cli_print_padded(f, cell, width[c], t->align[c] == 'r');
			if (!last)
				fputs("  ", f);
		}
		fputc('\n', f);
		if (r < t->rule_cap && t->rule_after[r]) {
			fputs(indent ? indent : "", f);
			for (int c = 0; c < t->ncols; c++) {
				for (size_t k = 0; k < width[c]; k++)
					fputc('-', f);
				if (c < t->ncols - 1)
					fputs("  ", f);
			}
			fputc('\n', f);
		}
	}
}

void cli_table_free(cli_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->rule_after);
	free(t);
}

/* ---- JSON ---- */

void cli_json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f); /* UTF-8 passes through: JSON text is UTF-8 */
		}
	}
	fputc('"', f);
}

/* ---- progress ---- */

static int progress_drawn;

int cli_progress_enabled(void)
{
	const char *off = getenv("SCH_NO_PROGRESS");
	return isatty(STDERR_FILENO) && !(off && *off);
}

void cli_progress(const char *fmt, ...)
{
	va_list ap;
	if (!cli_progress_enabled())
		return;
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	progress_drawn = 1;
}

void cli_progress_end(void)
{
	if (!progress_drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	progress_drawn = 0;
}

cli_table *cli_soft_table(const sch_school *s, const int64_t *amount, const int64_t *cost, int with_moved,
			  int64_t total)
{
	cli_table *t = NULL;
	if (cli_table_new(&t, "lrrr"))
		return NULL;
	cli_table_cell(t, "term");
	cli_table_cell(t, "amount");
	cli_table_cell(t, "weight");
	cli_table_cell(t, "cost");
	cli_table_rule(t);
	for (int term = SCH_T_FIRST_SOFT; term < SCH_T_COUNT; term++) {
		if ((term == SCH_T_MOVED && !with_moved) || (term == SCH_T_CONSTRAINT_SOFT && s->n_constraints == 0))
			continue;
		cli_table_cell(t, "%s", sch_term_name(term));
		cli_table_cell(t, "%lld", (long long)amount[term]);
		if (term == SCH_T_CONSTRAINT_SOFT)
			cli_table_cell(t, "each");
		else
			cli_table_cell(t, "%d", sch_term_weight(s, term));
		cli_table_cell(t, "%lld", (long long)cost[term]);
	}
	cli_table_rule(t);
	cli_table_cell(t, "total");
	cli_table_cell(t, "%s", "");
	cli_table_cell(t, "%s", "");
	cli_table_cell(t, "%lld", (long long)total);
	return t;
}

/* "a, b or c" */
static void name_list(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
}

int cli_choose(const char *word, const char *const *names, size_t n, const char *what, const cli_help *h, size_t *k)
{
	char all[512];
	for (*k = 0; *k < n; (*k)++)
		if (strcmp(names[*k], word) == 0)
			return 0;
	const char *near = sch_suggest(word, names, n);
	if (near)
		return cli_usage_error(h, "unknown %s '%s'; did you mean '%s'?", what, word, near);
	name_list(all, sizeof all, names, n);
	return cli_usage_error(h, "unknown %s '%s': %s", what, word, all);
}

int cli_action(int argc, char **argv, const void *table, size_t n, size_t stride, const cli_help *h, size_t *k)
{
	const char *names[32];
	char all[512];
	if (n > 32)
		n = 32;
	for (size_t i = 0; i < n; i++)
		names[i] = *(const char *const *)((const char *)table + i * stride);
	if (argc < 2) {
		name_list(all, sizeof all, names, n);
		return cli_usage_error(h, "name an action: %s", all);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_help_print(h);
		return CLI_EXIT_OK;
	}
	return cli_choose(argv[1], names, n, "action", h, k) ? CLI_EXIT_USAGE : -1;
}

int cli_quarter_or_year(const char *quarter, int year, const cli_help *h, int *period)
{
	if (quarter && year)
		return cli_usage_error(h, "give --quarter or --year, not both");
	if (quarter) {
		if (strlen(quarter) != 1 || quarter[0] < '1' || quarter[0] > '4')
			return cli_usage_error(h, "--quarter '%s': expected 1, 2, 3 or 4", quarter);
		*period = quarter[0] - '0';
	} else if (year) {
		*period = 0;
	}
	return 0;
}

/* The name of the first element of an XML file, after a BOM, declarations and comments. */
static int sniff(const char *path, char *root, size_t n)
{
	char buf[8192];
	FILE *f = fopen(path, "rb");
	size_t len;
	root[0] = 0;
	if (!f)
		return -1;
	len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = 0;
	const char *p = buf;
	if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
		p += 3;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p != '<')
			return 0;
		if (p[1] == '?' || p[1] == '!') { /* a declaration, comment or DOCTYPE */
			const char *e = strncmp(p, "<!--", 4) == 0 ? strstr(p, "-->") : strchr(p, '>');
			if (!e)
				return 1;
			p = e + 1;
			continue;
		}
		size_t k = 0;
		for (p++; *p && !strchr(" \t\r\n/>", *p) && k + 1 < n; p++)
			root[k++] = *p;
		root[k] = 0;
		return 1;
	}
}

int cli_file_kind(const char *path, char *root, size_t n)
{
	size_t len = strlen(path);
	int xml = sniff(path, root, n);
	if (strcmp(root, "fet") == 0)
		return CLI_KIND_FET;
	if (strcmp(root, "HighSchoolTimetableArchive") == 0 || strcmp(root, "InstanceArchive") == 0)
		return CLI_KIND_XHSTT;
	/* a .fet name that is no XML: the FET reader says what is wrong with it */
	if (len > 4 && strcmp(path + len - 4, ".fet") == 0)
		return CLI_KIND_FET;
	return xml == 1 ? CLI_KIND_XML_OTHER : CLI_KIND_YAML;
}
