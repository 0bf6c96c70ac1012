/* A YAML (or JSON) document as a small read-only tree with places, for the loaders (internal). */
#ifndef SCH_LIB_YAMLTREE_H
#define SCH_LIB_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "schedule/diag.h"

/*
 * Usage:
 *
 *     sch_ytree *t;
 *     if (sch_ytree_parse(&t, text, len, "school.yaml", diags) < 0)
 *             return SCH_EINVALID;           // the diags say why, with places
 *     const sch_ynode *root = sch_ytree_root(t);   // NULL for an empty document
 *     const sch_ynode *grade = sch_ynode_get(cls, "grade");
 *     long g;
 *     if (grade && sch_ytree_int(t, grade, "classes.5А.grade", 1, 12, &g)) ...
 *     ...
 *     if (sch_ytree_errors(t)) ...           // errors reported through t so far
 *     sch_ytree_free(t);
 *
 * Every node and every mapping key has a 1-based line and column (columns count
 * characters, i.e. code points, as libyaml does). Nodes live as long as the tree.
 * The checked helpers (sch_ytree_int, ...) report through the tree's diags as
 * "<what>: expected ..., found ..." at the node, so callers only name the key.
 */

/* Limits that keep hostile input from exhausting memory or the stack. */
#define SCH_YTREE_MAX_DEPTH 64
#define SCH_YTREE_MAX_NODES 500000

typedef enum { SCH_YNODE_SCALAR = 0, SCH_YNODE_SEQ = 1, SCH_YNODE_MAP = 2 } sch_ynode_kind;

/* How a scalar was written: plain (may be a number, bool or null), quoted ('..' or ".."),
 * or a block (| or >). Quoted and block scalars are always text. */
typedef enum { SCH_YSTYLE_PLAIN = 0, SCH_YSTYLE_QUOTED = 1, SCH_YSTYLE_BLOCK = 2 } sch_ystyle;

typedef struct sch_ynode sch_ynode;
struct sch_ynode {
	int kind;            /* sch_ynode_kind */
	int line, col;       /* 1-based start of the node */
	int style;           /* sch_ystyle, scalars only */
	const char *text;    /* scalars: the value, NUL-terminated ("" for containers) */
	size_t len;          /* scalars: bytes of text (text may hold a NUL from a "\0" escape) */
	size_t n;            /* sequences: items; mappings: pairs */
	sch_ynode **items;   /* sequence items, or mapping values */
	sch_ynode **keys;    /* mappings only: the keys (always scalars), in file order */
};

typedef struct sch_ytree sch_ytree;

/*
 * Parses one YAML document (JSON is YAML too). Fatal problems — invalid UTF-8,
 * a syntax error, an anchor or alias (refused: "billion laughs"), nesting deeper
 * than SCH_YTREE_MAX_DEPTH, more than SCH_YTREE_MAX_NODES nodes, a non-scalar
 * mapping key, more than one document — are added to diags (may be NULL) as
 * errors at their place and make it return SCH_EINVALID with *out NULL.
 * A duplicate key in a mapping is reported as an error but is not fatal: the
 * first pair is kept, the later one dropped; sch_ytree_errors() counts it.
 * `file` names the input in diagnostics (copied). Returns SCH_ENOMEM on out of memory.
 */
int sch_ytree_parse(sch_ytree **out, const char *text, size_t len, const char *file, sch_diags *diags);
void sch_ytree_free(sch_ytree *t);

/* The document's root node, NULL for an empty document (or one holding only comments). */
const sch_ynode *sch_ytree_root(const sch_ytree *t);
const char *sch_ytree_file(const sch_ytree *t);
sch_diags *sch_ytree_diags(const sch_ytree *t);
/* Errors reported through this tree (parse and helpers); warnings are not counted. */
size_t sch_ytree_errors(const sch_ytree *t);

/* Adds an error or a warning at a node (or at line:col) in the tree's file. */
void sch_ytree_error(sch_ytree *t, const sch_ynode *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void sch_ytree_warning(sch_ytree *t, const sch_ynode *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void sch_ytree_error_at(sch_ytree *t, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* The value of `key` in a mapping, NULL when absent or when `map` is not a mapping. */
const sch_ynode *sch_ynode_get(const sch_ynode *map, const char *key);
/* The key node of `key` in a mapping (for its place), NULL when absent. */
const sch_ynode *sch_ynode_key(const sch_ynode *map, const char *key);
/* A plain empty scalar, ~, null or Null/NULL: "nothing". */
bool sch_ynode_is_null(const sch_ynode *n);
/* What the node is, for messages: "a mapping", "a list", "nothing", or the quoted scalar
 * shortened to about 40 characters ("'abc'"). Writes into buf and returns it. */
const char *sch_ynode_describe(const sch_ynode *n, char *buf, size_t size);

/*
 * Checked reading. Each returns true on success; otherwise it reports
 * "<what>: expected <...>, found <...>" at the node and returns false.
 */
/* The node is of `kind` (sch_ynode_kind). */
bool sch_ytree_expect(sch_ytree *t, const sch_ynode *n, int kind, const char *what);
/* A decimal integer (plain or quoted) within [min, max]. */
bool sch_ytree_int(sch_ytree *t, const sch_ynode *n, const char *what, long min, long max, long *out);
/* true/false (also yes/no, on/off, any case), plain only. */
bool sch_ytree_bool(sch_ytree *t, const sch_ynode *n, const char *what, bool *out);
/* A non-empty scalar without NUL bytes (numbers count as text: ids such as 1 or 201). */
const char *sch_ytree_str(sch_ytree *t, const sch_ynode *n, const char *what);
/*
 * Reports every key of `map` that is not in `allowed` as
 * "<what>: unknown key 'x'; did you mean 'y'?" (the suggestion when one is near).
 * Returns the number of unknown keys.
 */
size_t sch_ytree_check_keys(sch_ytree *t, const sch_ynode *map, const char *what,
			    const char *const *allowed, size_t n_allowed);

/* Line and 1-based column (in characters) of byte `offset` of text. */
void sch_ytree_place(const char *text, size_t len, size_t offset, int *line, int *col);

#endif
