/* Every tests/fixtures/bad/NN-name.yaml gives exactly the diagnostics of its .expected file. */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BAD_DIR "tests/fixtures/bad"

/* Reads a whole file; NULL when it cannot be read. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		if (buf)
			buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

static void test_loader_bad_fixtures__each(void **state)
{
	const char *name = *state;
	char yaml[512], expected_path[512];
	snprintf(yaml, sizeof yaml, BAD_DIR "/%s", name);
	snprintf(expected_path, sizeof expected_path, BAD_DIR "/%.*s.expected", (int)(strlen(name) - 5), name);

	char *expected = slurp(expected_path);
	if (!expected)
		fail_msg("%s: missing %s", yaml, expected_path);

	sch_diags *diags;
	sch_school *school = NULL;
	assert_int_equal(sch_diags_new(&diags), 0);
	int rc = sch_school_load_yaml(&school, yaml, diags);

	/* The actual lines, joined as the .expected file holds them. */
	size_t cap = 4096, len = 0;
	char *actual = malloc(cap);
	assert_non_null(actual);
	actual[0] = '\0';
	for (size_t i = 0; i < sch_diags_count(diags); i++) {
		char line[2048];
		int n = sch_diag_format(line, sizeof line, sch_diags_get(diags, i));
		assert_true(n > 0 && (size_t)n < sizeof line);
		while (len + (size_t)n + 2 > cap) {
			cap *= 2;
			actual = realloc(actual, cap);
			assert_non_null(actual);
		}
		memcpy(actual + len, line, (size_t)n);
		len += (size_t)n;
		actual[len++] = '\n';
		actual[len] = '\0';
	}
	if (strcmp(actual, expected) != 0)
		fail_msg("%s: diagnostics differ\n--- expected\n%s--- actual\n%s", yaml, expected, actual);

	if (strstr(expected, ": error: ")) {
		assert_int_equal(rc, SCH_EINVALID);
		assert_null(school);
		assert_non_null(sch_error_last());
		assert_int_equal(sch_error_last()->code, SCH_EINVALID);
	} else {
		/* Warnings only: the school loads. */
		assert_int_equal(rc, 0);
		assert_non_null(school);
	}
	sch_school_free(school);
	sch_diags_free(diags);
	free(actual);
	free(expected);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	/* fixture paths, and the file names in the diagnostics, are relative to the source root */
	if (chdir(SCH_SOURCE_DIR) != 0)
		return 1;
	DIR *dir = opendir(BAD_DIR);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	if (!dir) {
		fprintf(stderr, "cannot open %s: run from the source root\n", BAD_DIR);
		return 1;
	}
	while ((e = readdir(dir)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof *names);
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, cmp_str);
	if (n < 35) {
		fprintf(stderr, "expected at least 35 fixtures in %s, found %zu\n", BAD_DIR, n);
		return 1;
	}
	struct CMUnitTest *tests = calloc(n, sizeof *tests);
	for (size_t i = 0; i < n; i++) {
		tests[i].name = names[i];
		tests[i].test_func = test_loader_bad_fixtures__each;
		tests[i].initial_state = names[i];
	}
	int failed = _cmocka_run_group_tests("loader/bad_fixtures", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(tests);
	return failed;
}
