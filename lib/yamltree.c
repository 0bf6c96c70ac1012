/* Parses YAML/JSON with libyaml into a small tree of nodes with their places, and checked readers. */
#include "yamltree.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "error.h"
#include "schedule/text.h"

typedef struct tree_block {
	struct tree_block *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
} tree_block;

struct sch_ytree {
	char *file;
	sch_diags *diags;
	sch_ynode *root;
	size_t errors;
	size_t n_nodes;
	tree_block *blocks;
	/* parse state */
	yaml_parser_t parser;
	int failed; /* a fatal problem was reported */
	int oom;
};

static void *tree_alloc(sch_ytree *t, size_t size)
{
	tree_block *b = t->blocks;
	size = (size + 15) & ~(size_t)15;
	if (size == 0)
		size = 16;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > 32000 ? size : 32768;
		tree_block *nb = malloc(sizeof *nb + cap);
		if (!nb) {
			t->oom = 1;
			return NULL;
		}
		nb->used = 0;
		nb->cap = cap;
		if (b && size > 32000) { /* a big one: keep filling the current block */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			t->blocks = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

static void vreport(sch_ytree *t, int severity, int line, int col, const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	if (severity == SCH_DIAG_ERROR)
		t->errors++;
	sch_diags_add(t->diags, severity, t->file, line, col, "%s", buf);
}

void sch_ytree_error(sch_ytree *t, const sch_ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(t, SCH_DIAG_ERROR, at ? at->line : 0, at ? at->col : 0, fmt, ap);
	va_end(ap);
}

void sch_ytree_warning(sch_ytree *t, const sch_ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(t, SCH_DIAG_WARNING, at ? at->line : 0, at ? at->col : 0, fmt, ap);
	va_end(ap);
}

void sch_ytree_error_at(sch_ytree *t, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(t, SCH_DIAG_ERROR, line, col, fmt, ap);
	va_end(ap);
}

void sch_ytree_place(const char *text, size_t len, size_t offset, int *line, int *col)
{
	int l = 1, c = 1;
	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xc0) != 0x80) { /* count characters, not continuation bytes */
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* A node from libyaml's 0-based mark. */
static sch_ynode *new_node(sch_ytree *t, int kind, yaml_mark_t mark)
{
	if (++t->n_nodes > SCH_YTREE_MAX_NODES) {
		if (!t->failed)
			sch_ytree_error_at(t, (int)mark.line + 1, (int)mark.column + 1,
					   "the document has more than %d values; it is too large to be a school",
					   SCH_YTREE_MAX_NODES);
		t->failed = 1;
		return NULL;
	}
	sch_ynode *n = tree_alloc(t, sizeof *n);
	if (!n)
		return NULL;
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = (int)mark.line + 1;
	n->col = (int)mark.column + 1;
	n->text = "";
	return n;
}

/* The byte at a mark's line and column of the input, or 0. */
static int char_at(const yaml_parser_t *p, yaml_mark_t mark)
{
	const unsigned char *s = p->input.string.start, *end = p->input.string.end;
	size_t line = 0, col = 0;
	while (s < end && line < mark.line)
		if (*s++ == '\n')
			line++;
	while (s < end && col < mark.column && *s != '\n') {
		s++;
		while (s < end && (*s & 0xc0) == 0x80)
			s++;
		col++;
	}
	return s < end ? *s : 0;
}

static void syntax_error(sch_ytree *t)
{
	yaml_parser_t *p = &t->parser;
	if (t->failed)
		return;
	t->failed = 1;
	if (p->error == YAML_MEMORY_ERROR) {
		t->oom = 1;
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* The reader gives a byte offset and no mark. */
		int line, col;
		sch_ytree_place((const char *)p->input.string.start,
				(size_t)(p->input.string.end - p->input.string.start), p->problem_offset, &line,
				&col);
		sch_ytree_error_at(t, line, col, "%s (byte 0x%02x)", p->problem ? p->problem : "cannot read the text",
				   (unsigned)p->problem_value & 0xffu);
		return;
	}
	const char *problem = p->problem ? p->problem : "syntax error";
	if (char_at(p, p->problem_mark) == '\t') {
		sch_ytree_error_at(t, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
				   "YAML syntax: a tab character; indent with spaces");
		return;
	}
	if (p->context && p->context_mark.line != p->problem_mark.line)
		sch_ytree_error_at(t, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
				   "YAML syntax: %s (%s at line %d)", problem, p->context,
				   (int)p->context_mark.line + 1);
	else if (p->context)
		sch_ytree_error_at(t, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
				   "YAML syntax: %s (%s)", problem, p->context);
	else
		sch_ytree_error_at(t, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
				   "YAML syntax: %s", problem);
}

/* Refuses an anchor on a node: with no aliases it is useless, and aliases are refused. */
static int check_anchor(sch_ytree *t, const yaml_char_t *anchor, yaml_mark_t mark)
{
	if (!anchor)
		return 0;
	sch_ytree_error_at(t, (int)mark.line + 1, (int)mark.column + 1,
			   "anchor &%s: anchors and aliases are not supported; write the value out in full",
			   (const char *)anchor);
	t->failed = 1;
	return -1;
}

/* Growable list of node pointers used while a container is open. */
typedef struct {
	sch_ynode **v;
	size_t n, cap;
} node_vec;

static int vec_push(sch_ytree *t, node_vec *v, sch_ynode *n)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		sch_ynode **nv = realloc(v->v, cap * sizeof *nv);
		if (!nv) {
			t->oom = 1;
			return -1;
		}
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n++] = n;
	return 0;
}

static sch_ynode **vec_finish(sch_ytree *t, node_vec *v)
{
	sch_ynode **out = tree_alloc(t, (v->n ? v->n : 1) * sizeof *out);
	if (out && v->n)
		memcpy(out, v->v, v->n * sizeof *out);
	return out;
}

static sch_ynode *parse_node(sch_ytree *t, yaml_event_t *ev, int depth);

/* Gets the next event; on a syntax error reports it and returns -1. */
static int next_event(sch_ytree *t, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&t->parser, ev)) {
		syntax_error(t);
		return -1;
	}
	return 0;
}

/* qsort has no context argument in C11; threads may parse at once, so a thread-local. */
static _Thread_local sch_ynode **dup_keys;

/* Orders key indexes by key text, then by position, so duplicates are neighbours. */
static int cmp_key_idx(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const sch_ynode *kx = dup_keys[x], *ky = dup_keys[y];
	size_t n = kx->len < ky->len ? kx->len : ky->len;
	int c = memcmp(kx->text, ky->text, n);
	if (c)
		return c;
	if (kx->len != ky->len)
		return kx->len < ky->len ? -1 : 1;
	return x < y ? -1 : (x > y);
}

/*
 * Reports later duplicates of keys and drops them (the first pair stays). Sorting
 * keeps it O(n log n), so a hostile mapping with many keys cannot stall the parse.
 */
static int drop_duplicates(sch_ytree *t, node_vec *keys, node_vec *vals)
{
	size_t n = keys->n;
	if (n < 2)
		return 0;
	size_t *idx = malloc(n * sizeof *idx);
	unsigned char *drop = calloc(n, 1);
	if (!idx || !drop) {
		free(idx);
		free(drop);
		t->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	dup_keys = keys->v;
	qsort(idx, n, sizeof *idx, cmp_key_idx);
	size_t run = 0; /* where the current run of equal keys starts in idx */
	for (size_t i = 1; i < n; i++) {
		const sch_ynode *a = keys->v[idx[i - 1]], *b = keys->v[idx[i]];
		char buf[128];
		if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0) {
			run = i;
			continue;
		}
		drop[idx[i]] = 1;
		sch_ytree_error(t, b, "duplicate key %s (first given at line %d)",
				sch_ynode_describe(b, buf, sizeof buf), keys->v[idx[run]]->line);
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (drop[i])
			continue;
		keys->v[k] = keys->v[i];
		vals->v[k] = vals->v[i];
		k++;
	}
	keys->n = vals->n = k;
	free(idx);
	free(drop);
	return 0;
}

static sch_ynode *parse_scalar(sch_ytree *t, yaml_event_t *ev)
{
	if (check_anchor(t, ev->data.scalar.anchor, ev->start_mark))
		return NULL;
	sch_ynode *n = new_node(t, SCH_YNODE_SCALAR, ev->start_mark);
	if (!n)
		return NULL;
	size_t len = ev->data.scalar.length;
	char *text = tree_alloc(t, len + 1);
	if (!text)
		return NULL;
	memcpy(text, ev->data.scalar.value, len);
	text[len] = '\0';
	n->text = text;
	n->len = len;
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->style = SCH_YSTYLE_QUOTED;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		n->style = SCH_YSTYLE_BLOCK;
		break;
	default:
		n->style = SCH_YSTYLE_PLAIN;
		break;
	}
	return n;
}

static sch_ynode *parse_sequence(sch_ytree *t, yaml_event_t *start, int depth)
{
	node_vec items = {0};
	sch_ynode *n = NULL, *result = NULL;
	yaml_event_t ev;
	if (check_anchor(t, start->data.sequence_start.anchor, start->start_mark))
		return NULL;
	n = new_node(t, SCH_YNODE_SEQ, start->start_mark);
	if (!n)
		return NULL;
	for (;;) {
		if (next_event(t, &ev))
			goto done;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		sch_ynode *item = parse_node(t, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!item || vec_push(t, &items, item))
			goto done;
	}
	n->items = vec_finish(t, &items);
	n->n = items.n;
	if (n->items)
		result = n;
done:
	free(items.v);
	return result;
}

static sch_ynode *parse_mapping(sch_ytree *t, yaml_event_t *start, int depth)
{
	node_vec keys = {0}, vals = {0};
	sch_ynode *n = NULL, *result = NULL;
	yaml_event_t ev;
	if (check_anchor(t, start->data.mapping_start.anchor, start->start_mark))
		return NULL;
	n = new_node(t, SCH_YNODE_MAP, start->start_mark);
	if (!n)
		return NULL;
	for (;;) {
		if (next_event(t, &ev))
			goto done;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			/* Complex keys ({a: 1}: x, [a]: x, ? ...) name nothing in a school. */
			if (ev.type == YAML_ALIAS_EVENT) {
				sch_ynode *bad = parse_node(t, &ev, depth + 1); /* reports the alias */
				(void)bad;
			} else {
				sch_ytree_error_at(t, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1,
						   "a mapping key must be a plain name, not a %s",
						   ev.type == YAML_MAPPING_START_EVENT ? "mapping" : "list");
				t->failed = 1;
			}
			yaml_event_delete(&ev);
			goto done;
		}
		sch_ynode *key = parse_scalar(t, &ev);
		yaml_event_delete(&ev);
		if (!key || vec_push(t, &keys, key))
			goto done;
		if (next_event(t, &ev))
			goto done;
		sch_ynode *val = parse_node(t, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!val || vec_push(t, &vals, val))
			goto done;
	}
	if (drop_duplicates(t, &keys, &vals))
		goto done;
	n->keys = vec_finish(t, &keys);
	n->items = vec_finish(t, &vals);
	n->n = keys.n;
	if (n->keys && n->items)
		result = n;
done:
	free(keys.v);
	free(vals.v);
	return result;
}

/* Builds the node that starts with event `ev` (which the caller deletes). */
static sch_ynode *parse_node(sch_ytree *t, yaml_event_t *ev, int depth)
{
	if (depth > SCH_YTREE_MAX_DEPTH) {
		sch_ytree_error_at(t, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
				   "values are nested more than %d deep", SCH_YTREE_MAX_DEPTH);
		t->failed = 1;
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return parse_scalar(t, ev);
	case YAML_SEQUENCE_START_EVENT:
		return parse_sequence(t, ev, depth);
	case YAML_MAPPING_START_EVENT:
		return parse_mapping(t, ev, depth);
	case YAML_ALIAS_EVENT:
		sch_ytree_error_at(t, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
				   "alias *%s: anchors and aliases are not supported; write the value out in full",
				   (const char *)ev->data.alias.anchor);
		t->failed = 1;
		return NULL;
	default:
		sch_ytree_error_at(t, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
				   "unexpected YAML event");
		t->failed = 1;
		return NULL;
	}
}

static void free_blocks(tree_block *b)
{
	while (b) {
		tree_block *next = b->next;
		free(b);
		b = next;
	}
}

void sch_ytree_free(sch_ytree *t)
{
	if (!t)
		return;
	free_blocks(t->blocks);
	free(t->file);
	free(t);
}

/* Parses the stream: STREAM-START, at most one DOCUMENT, STREAM-END. */
static void parse_stream(sch_ytree *t)
{
	yaml_event_t ev;
	int docs = 0;
	for (;;) {
		if (next_event(t, &ev))
			return;
		yaml_event_type_t type = ev.type;
		yaml_mark_t mark = ev.start_mark;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			return;
		if (type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_END_EVENT)
			continue;
		if (type != YAML_DOCUMENT_START_EVENT) {
			t->failed = 1;
			return;
		}
		if (++docs > 1) {
			sch_ytree_error_at(t, (int)mark.line + 1, (int)mark.column + 1,
					   "a second YAML document (---): a file holds one school");
			t->failed = 1;
			return;
		}
		if (next_event(t, &ev))
			return;
		t->root = parse_node(t, &ev, 1);
		yaml_event_delete(&ev);
		if (!t->root)
			return;
	}
}

int sch_ytree_parse(sch_ytree **out, const char *text, size_t len, const char *file, sch_diags *diags)
{
	sch_ytree *t = calloc(1, sizeof *t);
	size_t bad;
	int rc = 0;
	*out = NULL;
	if (!t)
		return sch_error_oom();
	t->diags = diags;
	t->file = strdup(file ? file : "");
	if (!t->file) {
		free(t);
		return sch_error_oom();
	}
	/* Check UTF-8 ourselves: libyaml's message has no line or column. */
	if (!sch_utf8_valid(text, len, &bad)) {
		int line, col;
		sch_ytree_place(text, len, bad, &line, &col);
		sch_ytree_error_at(t, line, col, "invalid UTF-8 (byte 0x%02x): save the file as UTF-8",
				   (unsigned)(unsigned char)text[bad]);
		rc = sch_error_set(SCH_EINVALID, "%s:%d:%d: invalid UTF-8", t->file, line, col);
		goto done;
	}
	if (!yaml_parser_initialize(&t->parser)) {
		rc = sch_error_oom();
		goto done;
	}
	yaml_parser_set_input_string(&t->parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&t->parser, YAML_UTF8_ENCODING);
	parse_stream(t);
	yaml_parser_delete(&t->parser);
	if (t->oom) {
		rc = sch_error_oom();
		goto done;
	}
	if (t->failed) {
		rc = sch_error_set(SCH_EINVALID, "%s: the YAML cannot be read", t->file);
		goto done;
	}
	*out = t;
	return 0;
done:
	sch_ytree_free(t);
	return rc;
}

const sch_ynode *sch_ytree_root(const sch_ytree *t) { return t ? t->root : NULL; }
const char *sch_ytree_file(const sch_ytree *t) { return t ? t->file : ""; }
sch_diags *sch_ytree_diags(const sch_ytree *t) { return t ? t->diags : NULL; }
size_t sch_ytree_errors(const sch_ytree *t) { return t ? t->errors : 0; }

static long find_key(const sch_ynode *map, const char *key)
{
	if (!map || map->kind != SCH_YNODE_MAP || !key)
		return -1;
	size_t klen = strlen(key);
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->len == klen && memcmp(map->keys[i]->text, key, klen) == 0)
			return (long)i;
	return -1;
}

const sch_ynode *sch_ynode_get(const sch_ynode *map, const char *key)
{
	long i = find_key(map, key);
	return i < 0 ? NULL : map->items[i];
}

const sch_ynode *sch_ynode_key(const sch_ynode *map, const char *key)
{
	long i = find_key(map, key);
	return i < 0 ? NULL : map->keys[i];
}

bool sch_ynode_is_null(const sch_ynode *n)
{
	if (!n || n->kind != SCH_YNODE_SCALAR || n->style != SCH_YSTYLE_PLAIN)
		return false;
	return n->len == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
	       strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}

const char *sch_ynode_describe(const sch_ynode *n, char *buf, size_t size)
{
	if (!n || sch_ynode_is_null(n)) {
		snprintf(buf, size, "nothing");
	} else if (n->kind == SCH_YNODE_MAP) {
		snprintf(buf, size, "a mapping");
	} else if (n->kind == SCH_YNODE_SEQ) {
		snprintf(buf, size, "a list");
	} else {
		/* Shorten long values to 40 characters, cutting on a character boundary. */
		size_t cut = 0, chars = 0;
		while (cut < n->len && chars < 40) {
			cut++;
			while (cut < n->len && ((unsigned char)n->text[cut] & 0xc0) == 0x80)
				cut++;
			chars++;
		}
		char *nl = memchr(n->text, '\n', cut);
		if (nl)
			cut = (size_t)(nl - n->text);
		snprintf(buf, size, "'%.*s%s'", (int)cut, n->text, cut < n->len ? "..." : "");
	}
	return buf;
}

bool sch_ytree_expect(sch_ytree *t, const sch_ynode *n, int kind, const char *what)
{
	static const char *const names[] = {"a single value", "a list", "a mapping (key: value)"};
	char buf[128];
	if (n && n->kind == kind && !(kind == SCH_YNODE_SCALAR && sch_ynode_is_null(n)))
		return true;
	sch_ytree_error(t, n, "%s: expected %s, found %s", what, names[kind], sch_ynode_describe(n, buf, sizeof buf));
	return false;
}

bool sch_ytree_int(sch_ytree *t, const sch_ynode *n, const char *what, long min, long max, long *out)
{
	char buf[128];
	const char *s;
	int digits = 0;
	if (!n || n->kind != SCH_YNODE_SCALAR || sch_ynode_is_null(n))
		goto bad;
	s = n->text;
	if (*s == '+' || *s == '-')
		s++;
	for (; *s; s++, digits++)
		if (*s < '0' || *s > '9')
			goto bad;
	if (!digits || n->len != strlen(n->text))
		goto bad;
	errno = 0;
	long v = strtol(n->text, NULL, 10);
	if (errno == ERANGE || v < min || v > max) {
		sch_ynode_describe(n, buf, sizeof buf);
		buf[strlen(buf) - 1] = '\0'; /* a number reads better without the quotes */
		sch_ytree_error(t, n, "%s: %s is out of range %ld-%ld", what, buf + 1, min, max);
		return false;
	}
	*out = v;
	return true;
bad:
	sch_ytree_error(t, n, "%s: expected a whole number %ld-%ld, found %s", what, min, max,
			sch_ynode_describe(n, buf, sizeof buf));
	return false;
}

bool sch_ytree_bool(sch_ytree *t, const sch_ynode *n, const char *what, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
	char buf[128];
	if (n && n->kind == SCH_YNODE_SCALAR && n->style == SCH_YSTYLE_PLAIN) {
		for (int i = 0; i < 3; i++) {
			if (strcasecmp(n->text, yes[i]) == 0) {
				*out = true;
				return true;
			}
			if (strcasecmp(n->text, no[i]) == 0) {
				*out = false;
				return true;
			}
		}
	}
	sch_ytree_error(t, n, "%s: expected true or false, found %s", what, sch_ynode_describe(n, buf, sizeof buf));
	return false;
}

const char *sch_ytree_str(sch_ytree *t, const sch_ynode *n, const char *what)
{
	char buf[128];
	if (n && n->kind == SCH_YNODE_SCALAR && !sch_ynode_is_null(n) && n->len > 0) {
		if (strlen(n->text) != n->len) {
			sch_ytree_error(t, n, "%s: the text holds a NUL character", what);
			return NULL;
		}
		return n->text;
	}
	sch_ytree_error(t, n, "%s: expected text, found %s", what, sch_ynode_describe(n, buf, sizeof buf));
	return NULL;
}

size_t sch_ytree_check_keys(sch_ytree *t, const sch_ynode *map, const char *what,
			    const char *const *allowed, size_t n_allowed)
{
	size_t unknown = 0;
	if (!map || map->kind != SCH_YNODE_MAP)
		return 0;
	for (size_t i = 0; i < map->n; i++) {
		const sch_ynode *k = map->keys[i];
		size_t j;
		for (j = 0; j < n_allowed; j++)
			if (strcmp(k->text, allowed[j]) == 0)
				break;
		if (j < n_allowed)
			continue;
		unknown++;
		char buf[128];
		const char *near = sch_suggest(k->text, allowed, n_allowed);
		if (near)
			sch_ytree_error(t, k, "%s: unknown key %s; did you mean '%s'?", what,
					sch_ynode_describe(k, buf, sizeof buf), near);
		else
			sch_ytree_error(t, k, "%s: unknown key %s", what, sch_ynode_describe(k, buf, sizeof buf));
	}
	return unknown;
}
