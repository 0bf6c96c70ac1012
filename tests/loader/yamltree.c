/* The internal YAML tree: places, styles, refusals and the checked readers. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "../../lib/yamltree.h"

static sch_ytree *parse(const char *text, sch_diags *diags)
{
	sch_ytree *t = NULL;
	int rc = sch_ytree_parse(&t, text, strlen(text), "t.yaml", diags);
	assert_int_equal(rc == 0, t != NULL);
	return t;
}

static const char *diag_line(sch_diags *d, size_t i, char *buf, size_t n)
{
	sch_diag_format(buf, n, sch_diags_get(d, i));
	return buf;
}

static void test_loader_yamltree__places_and_styles(void **state)
{
	(void)state;
	sch_diags *d;
	assert_int_equal(sch_diags_new(&d), 0);
	sch_ytree *t = parse("a: 1\nЖж: [x, 'y', \"z\"]\nc:\n  d: |\n    text\n  e: ~\n", d);
	const sch_ynode *root = sch_ytree_root(t);
	assert_int_equal(root->kind, SCH_YNODE_MAP);
	assert_int_equal(root->n, 3);
	const sch_ynode *k = sch_ynode_key(root, "Жж");
	assert_int_equal(k->line, 2);
	assert_int_equal(k->col, 1);
	const sch_ynode *seq = sch_ynode_get(root, "Жж");
	assert_int_equal(seq->kind, SCH_YNODE_SEQ);
	assert_int_equal(seq->col, 5); /* columns count characters, not bytes */
	assert_int_equal(seq->items[1]->style, SCH_YSTYLE_QUOTED);
	assert_int_equal(seq->items[0]->style, SCH_YSTYLE_PLAIN);
	assert_int_equal(seq->items[2]->col, 14);
	const sch_ynode *c = sch_ynode_get(root, "c");
	assert_string_equal(sch_ynode_get(c, "d")->text, "text\n");
	assert_int_equal(sch_ynode_get(c, "d")->style, SCH_YSTYLE_BLOCK);
	assert_true(sch_ynode_is_null(sch_ynode_get(c, "e")));
	assert_false(sch_ynode_is_null(seq->items[1]));
	assert_null(sch_ynode_get(c, "zz"));
	assert_null(sch_ynode_get(seq, "x"));
	assert_int_equal(sch_ytree_errors(t), 0);
	assert_int_equal(sch_diags_count(d), 0);
	sch_ytree_free(t);

	t = parse("# only a comment\n", d);
	assert_null(sch_ytree_root(t));
	sch_ytree_free(t);
	sch_diags_free(d);
}

static void test_loader_yamltree__json(void **state)
{
	(void)state;
	sch_ytree *t = parse("{\"a\": [1, 2.5, true, null], \"b\": {\"c\": \"\"}}", NULL);
	const sch_ynode *a = sch_ynode_get(sch_ytree_root(t), "a");
	assert_int_equal(a->n, 4);
	assert_true(sch_ynode_is_null(a->items[3]));
	const sch_ynode *c = sch_ynode_get(sch_ynode_get(sch_ytree_root(t), "b"), "c");
	assert_false(sch_ynode_is_null(c)); /* "" quoted is text, not null */
	assert_int_equal(c->len, 0);
	sch_ytree_free(t);
}

static void test_loader_yamltree__refusals(void **state)
{
	(void)state;
	struct {
		const char *text;
		const char *line;
	} cases[] = {
		{"a: &x 1\nb: *x\n", "t.yaml:1:4: error: anchor &x: anchors and aliases are not supported; write the value out in full"},
		{"a: [1, *y]\n", "t.yaml:1:8: error: alias *y: anchors and aliases are not supported; write the value out in full"},
		{"a:\n\tb: 1\n", "t.yaml:2:1: error: YAML syntax: a tab character; indent with spaces"},
		{"a: 1\n---\nb: 2\n", "t.yaml:2:1: error: a second YAML document (---): a file holds one school"},
		{"? [a]\n: 1\n", "t.yaml:1:3: error: a mapping key must be a plain name, not a list"},
		{"a: \"x\n", "t.yaml:2:1: error: YAML syntax: found unexpected end of stream (while scanning a quoted scalar at line 1)"},
		{"a: b\xd0\n", "t.yaml:1:5: error: invalid UTF-8 (byte 0xd0): save the file as UTF-8"},
		{"ab: \x01\n", "t.yaml:1:5: error: control characters are not allowed (byte 0x01)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		sch_diags *d;
		sch_ytree *t = (sch_ytree *)1;
		char buf[512];
		assert_int_equal(sch_diags_new(&d), 0);
		assert_int_equal(sch_ytree_parse(&t, cases[i].text, strlen(cases[i].text), "t.yaml", d), SCH_EINVALID);
		assert_null(t);
		assert_int_equal(sch_diags_count(d), 1);
		assert_string_equal(diag_line(d, 0, buf, sizeof buf), cases[i].line);
		sch_diags_free(d);
	}
}

static void test_loader_yamltree__limits(void **state)
{
	(void)state;
	/* nesting: 64 levels load, 65 do not */
	char deep[300];
	for (int depth = 64; depth <= 65; depth++) {
		int n = 0;
		for (int i = 0; i < depth; i++)
			deep[n++] = '[';
		for (int i = 0; i < depth; i++)
			deep[n++] = ']';
		deep[n] = '\0';
		sch_ytree *t = NULL;
		int rc = sch_ytree_parse(&t, deep, (size_t)n, "d.yaml", NULL);
		assert_int_equal(rc, depth <= SCH_YTREE_MAX_DEPTH ? 0 : SCH_EINVALID);
		sch_ytree_free(t);
	}
	/* too many nodes */
	size_t count = SCH_YTREE_MAX_NODES + 10, len = 1 + 2 * count + 2;
	char *big = malloc(len + 1);
	assert_non_null(big);
	size_t n = 0;
	big[n++] = '[';
	for (size_t i = 0; i < count; i++) {
		big[n++] = '1';
		big[n++] = ',';
	}
	big[n++] = '1';
	big[n++] = ']';
	big[n] = '\0';
	sch_diags *d;
	sch_ytree *t = NULL;
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(sch_ytree_parse(&t, big, n, "big.yaml", d), SCH_EINVALID);
	assert_non_null(strstr(sch_diags_get(d, 0)->message, "too large"));
	sch_diags_free(d);
	free(big);
}

static void test_loader_yamltree__duplicate_keys(void **state)
{
	(void)state;
	sch_diags *d;
	char buf[512];
	assert_int_equal(sch_diags_new(&d), 0);
	sch_ytree *t = parse("a: 1\nb: 2\na: 3\n1: x\n\"1\": y\na: 4\n", d);
	const sch_ynode *root = sch_ytree_root(t);
	assert_int_equal(root->n, 3);
	assert_string_equal(sch_ynode_get(root, "a")->text, "1"); /* the first stays */
	assert_int_equal(sch_ytree_errors(t), 3);
	sch_diags_sort(d);
	assert_string_equal(diag_line(d, 0, buf, sizeof buf), "t.yaml:3:1: error: duplicate key 'a' (first given at line 1)");
	assert_string_equal(diag_line(d, 1, buf, sizeof buf), "t.yaml:5:1: error: duplicate key '1' (first given at line 4)");
	assert_string_equal(diag_line(d, 2, buf, sizeof buf), "t.yaml:6:1: error: duplicate key 'a' (first given at line 1)");
	sch_ytree_free(t);
	sch_diags_free(d);
}

static void test_loader_yamltree__checked_readers(void **state)
{
	(void)state;
	sch_diags *d;
	char buf[512];
	long v;
	bool b;
	assert_int_equal(sch_diags_new(&d), 0);
	sch_ytree *t = parse("n: 12\nq: \"7\"\nneg: -3\nbig: 99999999999999999999\nf: 1.5\n"
			     "yes: Yes\nno: off\nqb: \"true\"\ns: text\ne: \"\"\nm: {x: 1}\nl: [1]\nnul: ~\n",
			     d);
	const sch_ynode *r = sch_ytree_root(t);
	assert_true(sch_ytree_int(t, sch_ynode_get(r, "n"), "n", 1, 12, &v));
	assert_int_equal(v, 12);
	assert_true(sch_ytree_int(t, sch_ynode_get(r, "q"), "q", 0, 10, &v));
	assert_int_equal(v, 7);
	assert_true(sch_ytree_int(t, sch_ynode_get(r, "neg"), "neg", -5, 0, &v));
	assert_false(sch_ytree_int(t, sch_ynode_get(r, "n"), "n", 1, 11, &v));
	assert_false(sch_ytree_int(t, sch_ynode_get(r, "big"), "big", 0, 10, &v));
	assert_false(sch_ytree_int(t, sch_ynode_get(r, "f"), "f", 0, 10, &v));
	assert_false(sch_ytree_int(t, sch_ynode_get(r, "m"), "m", 0, 10, &v));
	assert_true(sch_ytree_bool(t, sch_ynode_get(r, "yes"), "yes", &b) && b);
	assert_true(sch_ytree_bool(t, sch_ynode_get(r, "no"), "no", &b) && !b);
	assert_false(sch_ytree_bool(t, sch_ynode_get(r, "qb"), "qb", &b)); /* quoted is text */
	assert_string_equal(sch_ytree_str(t, sch_ynode_get(r, "s"), "s"), "text");
	assert_string_equal(sch_ytree_str(t, sch_ynode_get(r, "n"), "n"), "12"); /* numbers are ids too */
	assert_null(sch_ytree_str(t, sch_ynode_get(r, "e"), "e"));
	assert_null(sch_ytree_str(t, sch_ynode_get(r, "nul"), "nul"));
	assert_null(sch_ytree_str(t, sch_ynode_get(r, "l"), "l"));
	assert_true(sch_ytree_expect(t, sch_ynode_get(r, "m"), SCH_YNODE_MAP, "m"));
	assert_false(sch_ytree_expect(t, sch_ynode_get(r, "l"), SCH_YNODE_MAP, "l"));
	const char *allowed[] = {"n", "q", "neg", "big", "float", "yes", "no", "qb", "s", "e", "m", "l"};
	assert_int_equal(sch_ytree_check_keys(t, r, "top", allowed, 12), 2);
	const char *want[] = {
		"t.yaml:1:4: error: n: 12 is out of range 1-11",
		"t.yaml:4:6: error: big: 99999999999999999999 is out of range 0-10",
		"t.yaml:5:1: error: top: unknown key 'f'",
		"t.yaml:5:4: error: f: expected a whole number 0-10, found '1.5'",
		"t.yaml:8:5: error: qb: expected true or false, found 'true'",
		"t.yaml:10:4: error: e: expected text, found ''",
		"t.yaml:11:4: error: m: expected a whole number 0-10, found a mapping",
		"t.yaml:12:4: error: l: expected text, found a list",
		"t.yaml:12:4: error: l: expected a mapping (key: value), found a list",
		"t.yaml:13:1: error: top: unknown key 'nul'; did you mean 'neg'?",
		"t.yaml:13:6: error: nul: expected text, found nothing",
	};
	sch_diags_sort(d);
	assert_int_equal(sch_diags_count(d), sizeof want / sizeof *want);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		assert_string_equal(diag_line(d, i, buf, sizeof buf), want[i]);
	assert_int_equal(sch_ytree_errors(t), sizeof want / sizeof *want);
	sch_ytree_free(t);
	sch_diags_free(d);
}

static void test_loader_yamltree__diag_format(void **state)
{
	(void)state;
	char buf[256];
	sch_diag dg = {SCH_DIAG_ERROR, "a.yaml", 3, 7, "bad"};
	assert_int_equal(sch_diag_format(buf, sizeof buf, &dg), (int)strlen("a.yaml:3:7: error: bad"));
	assert_string_equal(buf, "a.yaml:3:7: error: bad");
	dg.severity = SCH_DIAG_WARNING;
	dg.col = 0;
	sch_diag_format(buf, sizeof buf, &dg);
	assert_string_equal(buf, "a.yaml:3: warning: bad");
	dg.line = 0;
	sch_diag_format(buf, sizeof buf, &dg);
	assert_string_equal(buf, "a.yaml: warning: bad");
	dg.file = "";
	sch_diag_format(buf, sizeof buf, &dg);
	assert_string_equal(buf, "warning: bad");
	/* truncation is snprintf's: the full length comes back */
	dg = (sch_diag){SCH_DIAG_ERROR, "a.yaml", 3, 7, "bad"};
	assert_int_equal(sch_diag_format(buf, 5, &dg), 22);
	assert_string_equal(buf, "a.ya");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader_yamltree__places_and_styles),
		cmocka_unit_test(test_loader_yamltree__json),
		cmocka_unit_test(test_loader_yamltree__refusals),
		cmocka_unit_test(test_loader_yamltree__limits),
		cmocka_unit_test(test_loader_yamltree__duplicate_keys),
		cmocka_unit_test(test_loader_yamltree__checked_readers),
		cmocka_unit_test(test_loader_yamltree__diag_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
