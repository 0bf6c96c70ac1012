/* Shared bits of the pre-check tests: load a school from YAML text, find a finding. */
#ifndef SCH_TEST_PRECHECK_UTIL_H
#define SCH_TEST_PRECHECK_UTIL_H

#include <stdio.h>
#include <string.h>

#include "helpers.h"

/* Five days, four bells, two shifts of two bells, and a few subjects. */
#define PRE_HEAD                                                                                 \
	"school: {name: Тест, days: [mon, tue, wed, thu, fri]}\n"                                \
	"bells: ['08:00-08:45', '08:55-09:40', '09:50-10:35', '10:45-11:30']\n"                   \
	"shifts:\n"                                                                              \
	"  1: {name: '1 смена', periods: 1-2}\n"                                                 \
	"  2: {name: '2 смена', periods: 3-4}\n"                                                 \
	"subjects:\n"                                                                            \
	"  math: {name: {ru: Математика}, difficulty: 10}\n"                                     \
	"  history: {name: {ru: История}, difficulty: 5}\n"                                      \
	"  russian: {name: {ru: Русский язык}, difficulty: 7}\n"                                 \
	"  art: {name: {ru: ИЗО}, difficulty: 3}\n"                                              \
	"  english: {name: {ru: Английский язык}, difficulty: 9}\n"

/* Loads a school from YAML text; fails the test with the diagnostics when it does not load. */
static inline sch_school *pre_load(const char *yaml)
{
	sch_school *s = NULL;
	sch_diags *d = NULL;
	assert_int_equal(sch_diags_new(&d), 0);
	int rc = sch_school_load_yaml_buffer(&s, yaml, strlen(yaml), "test.yaml", d);
	if (rc != 0) {
		char buf[1200];
		for (size_t i = 0; i < sch_diags_count(d); i++) {
			sch_diag_format(buf, sizeof buf, sch_diags_get(d, i));
			fprintf(stderr, "%s\n", buf);
		}
	}
	sch_diags_free(d);
	assert_int_equal(rc, 0);
	assert_non_null(s);
	return s;
}

static inline sch_precheck *pre_run(const sch_school *s)
{
	sch_precheck *pre = NULL;
	assert_int_equal(sch_precheck_run(&pre, s), 0);
	assert_non_null(pre);
	return pre;
}

/* The first finding of this level and kind whose message contains `text` (NULL: any), or NULL. */
static inline const sch_precheck_finding *pre_find(const sch_precheck *pre, int level, const char *kind,
						   const char *text)
{
	for (size_t i = 0; i < sch_precheck_count(pre); i++) {
		const sch_precheck_finding *f = sch_precheck_get(pre, i);
		if (f->level == level && strcmp(f->kind, kind) == 0 && (!text || strstr(f->message, text)))
			return f;
	}
	return NULL;
}

static inline size_t pre_count(const sch_precheck *pre, int level, const char *kind)
{
	size_t n = 0;
	for (size_t i = 0; i < sch_precheck_count(pre); i++) {
		const sch_precheck_finding *f = sch_precheck_get(pre, i);
		n += f->level == level && (!kind || strcmp(f->kind, kind) == 0);
	}
	return n;
}

/* Prints every finding: shown by cmocka when an assertion after it fails. */
static inline void pre_dump(const sch_precheck *pre)
{
	for (size_t i = 0; i < sch_precheck_count(pre); i++) {
		const sch_precheck_finding *f = sch_precheck_get(pre, i);
		fprintf(stderr, "  [%d %s] %s\n", f->level, f->kind, f->message);
	}
}

/* Asserts a finding exists, printing all of them first when it does not. */
#define assert_finding(pre, level, kind, text)                                \
	do {                                                                  \
		if (!pre_find((pre), (level), (kind), (text)))                \
			pre_dump(pre);                                        \
		assert_non_null(pre_find((pre), (level), (kind), (text)));    \
	} while (0)

#endif
