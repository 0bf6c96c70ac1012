/* "Did you mean" suggestions: nearest candidate by edit distance over code points. */
#include "helpers.h"

#include <string.h>

static const char *const keys[] = {"class", "group", "groups", "subject", "teacher", "per_week", "block", "room", "pinned"};
#define NKEYS (sizeof keys / sizeof *keys)

static void test_text_suggest__near_misses(void **state)
{
	(void)state;
	assert_string_equal(sch_suggest("per_weak", keys, NKEYS), "per_week");
	assert_string_equal(sch_suggest("perweek", keys, NKEYS), "per_week");
	assert_string_equal(sch_suggest("techer", keys, NKEYS), "teacher");
	assert_string_equal(sch_suggest("clas", keys, NKEYS), "class");
	assert_string_equal(sch_suggest("grops", keys, NKEYS), "groups"); /* 1 edit; group needs 2 */
	assert_string_equal(sch_suggest("Subject", keys, NKEYS), "subject"); /* case is ignored */
	assert_string_equal(sch_suggest("PINNED", keys, NKEYS), "pinned");
}

static void test_text_suggest__nothing_near(void **state)
{
	(void)state;
	assert_null(sch_suggest("lunch", keys, NKEYS));
	assert_null(sch_suggest("x", keys, NKEYS));
	assert_null(sch_suggest("weights_and_measures", keys, NKEYS));
	assert_null(sch_suggest("class", NULL, 0));
	assert_null(sch_suggest(NULL, keys, NKEYS));
	const char *none[] = {NULL, NULL};
	assert_null(sch_suggest("abc", none, 2));
	/* two letters against a different two: nothing in common */
	const char *ab[] = {"ab"};
	assert_null(sch_suggest("xy", ab, 1));
}

static void test_text_suggest__cyrillic(void **state)
{
	(void)state;
	const char *classes[] = {"5А", "5Б", "10А", "11Б"};
	assert_string_equal(sch_suggest("5а", classes, 4), "5А");   /* lower-case Cyrillic а */
	assert_string_equal(sch_suggest("10а", classes, 4), "10А");
	const char *teachers[] = {"Асанова", "Бакиров", "Өмүрова"};
	assert_string_equal(sch_suggest("асанва", teachers, 3), "Асанова");
	assert_string_equal(sch_suggest("ӨМҮРОВА", teachers, 3), "Өмүрова"); /* Kyrgyz letters fold too */
	assert_string_equal(sch_suggest("Ёлка", (const char *const[]){"ёлка"}, 1), "ёлка");
	/* code points, not bytes: one Cyrillic letter off is distance 1 */
	assert_string_equal(sch_suggest("Бакиро", teachers, 3), "Бакиров");
	/* the limit grows with the word: max(2, len/3) */
	const char *longs[] = {"methodical_day"};
	assert_string_equal(sch_suggest("methodikal_dey", longs, 1), "methodical_day");
	assert_string_equal(sch_suggest("metodicl_dy", longs, 1), "methodical_day"); /* 3 edits, 11/3 = 3 */
	assert_null(sch_suggest("mthdcl_dy", longs, 1));                           /* 5 edits */
}

static void test_text_suggest__long_words(void **state)
{
	(void)state;
	char big[2000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_null(sch_suggest(big, keys, NKEYS));
	const char *cands[] = {big, "aaa"};
	assert_string_equal(sch_suggest("aab", cands, 2), "aaa");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_suggest__near_misses),
		cmocka_unit_test(test_text_suggest__nothing_near),
		cmocka_unit_test(test_text_suggest__cyrillic),
		cmocka_unit_test(test_text_suggest__long_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
