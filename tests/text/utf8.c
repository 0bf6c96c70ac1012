/* UTF-8 validity and terminal display width. */
#include "helpers.h"

#include <string.h>

static void test_text_utf8__valid(void **state)
{
	(void)state;
	size_t bad = 99;
	const char *ok[] = {"", "abc", "5А класс", "Өнер Үй Ң", "日本語", "😀", "e\xcc\x81"};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		assert_int_equal(sch_utf8_valid(ok[i], strlen(ok[i]), &bad), 1);
	assert_int_equal(sch_utf8_valid("a\0b", 3, NULL), 1); /* NUL is a valid character */
}

static void test_text_utf8__invalid_with_offset(void **state)
{
	(void)state;
	struct {
		const char *s;
		size_t off;
	} cases[] = {
		{"ab\xff", 2},              /* never valid */
		{"\xc0\xaf", 0},            /* overlong '/' */
		{"\xe0\x80\xaf", 0},        /* overlong, 3 bytes */
		{"Я\xed\xa0\x80", 2},       /* a UTF-16 surrogate */
		{"\xf4\x90\x80\x80", 0},    /* above U+10FFFF */
		{"abc\xd0", 3},             /* truncated at the end */
		{"x\x80", 1},               /* stray continuation byte */
		{"\xd0\xd0\x90", 0},        /* lead byte without continuation */
		{"\xc0\xd0\xf1\xe0", 0},    /* cp1251 "АСса" */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t bad = 99;
		assert_int_equal(sch_utf8_valid(cases[i].s, strlen(cases[i].s), &bad), 0);
		assert_int_equal(bad, cases[i].off);
	}
	/* the length bounds the check */
	assert_int_equal(sch_utf8_valid("ab\xff", 2, NULL), 1);
}

static void test_text_utf8__width(void **state)
{
	(void)state;
	assert_int_equal(sch_utf8_width(NULL), 0);
	assert_int_equal(sch_utf8_width(""), 0);
	assert_int_equal(sch_utf8_width("abc"), 3);
	assert_int_equal(sch_utf8_width("Математика"), 10);
	assert_int_equal(sch_utf8_width("Дене тарбия"), 11);
	assert_int_equal(sch_utf8_width("ӨҮҢ өүң"), 7);
	assert_int_equal(sch_utf8_width("e\xcc\x81"), 1);     /* e + combining acute */
	assert_int_equal(sch_utf8_width("и\xcc\x86"), 1);     /* и + combining breve */
	assert_int_equal(sch_utf8_width("日本"), 4);
	assert_int_equal(sch_utf8_width("한국어"), 6);
	assert_int_equal(sch_utf8_width("ＡＢ"), 4);          /* fullwidth forms */
	assert_int_equal(sch_utf8_width("😀"), 2);
	assert_int_equal(sch_utf8_width("a\tb"), 2);          /* controls take no column */
	assert_int_equal(sch_utf8_width("a\xe2\x80\x8b" "b"), 2); /* zero-width space */
	assert_int_equal(sch_utf8_width("a\xffz"), 3);        /* a bad byte shows as one */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_utf8__valid),
		cmocka_unit_test(test_text_utf8__invalid_with_offset),
		cmocka_unit_test(test_text_utf8__width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
