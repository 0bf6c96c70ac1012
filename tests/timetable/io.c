/* Timetable files: YAML and JSON round trips, matching lessons by key, bad files, atomic saving. */
#include "tiny_school.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void assert_same(const sch_timetable *a, const sch_timetable *b)
{
	const sch_school *s = sch_timetable_school(a);
	for (int l = 0; l < s->n_lessons; l++) {
		int da, pa, db, pb;
		assert_int_equal(sch_timetable_get(a, l, &da, &pa), 0);
		assert_int_equal(sch_timetable_get(b, l, &db, &pb), 0);
		assert_int_equal(da, db);
		assert_int_equal(pa, pb);
		for (int k = 0; k < s->lessons[l].n_parts; k++)
			assert_int_equal(sch_timetable_room(a, l, k), da >= 0 ? sch_timetable_room(b, l, k) : -1);
	}
}

/* The tiny timetable with an unplaced lesson and a room on one group of the split lesson. */
static sch_timetable *sample(const sch_school *s)
{
	sch_timetable *tt = tiny_timetable(s);
	assert_int_equal(sch_timetable_set(tt, TS_6B_MATH2, -1, 0), 0);
	assert_int_equal(sch_timetable_set_room(tt, TS_5A_ENGLISH1, 1, TS_R202), 0);
	return tt;
}

static const char tiny_yaml[] =
	"# libschedule " SCH_VERSION " timetable: 12 of 13 lessons placed\n"
	"timetable:\n"
	"  school: \"Tiny school №1\"\n"
	"  lessons:\n"
	"    - {class: 5А, subject: math, teacher: asanova, n: 1, day: tue, period: 2}\n"
	"    - {class: 5А, subject: math, teacher: asanova, n: 2, day: thu, period: 2}\n"
	"    - {class: 5А, subject: english, groups: {en1: smith, en2: petrova}, n: 1, day: tue, period: 1, rooms: [~, \"202\"]}\n"
	"    - {class: 5А, subject: english, groups: {en1: smith, en2: petrova}, n: 2, day: thu, period: 1}\n"
	"    - {class: [5А, 6Б], subject: pe, teacher: bakirov, n: 1, day: fri, period: 1, rooms: [gym]}\n"
	"    - {class: 5А, group: en2, subject: english, teacher: petrova, n: 1, day: wed, period: 1}\n"
	"    - {class: 5А, subject: russian, teacher: petrova, n: 1, day: mon, period: 1}\n"
	"    - {class: 6Б, subject: math, teacher: asanova, n: 1, day: wed, period: 2}\n"
	"    - {class: 6Б, subject: math, teacher: asanova, n: 2, day: ~}\n"
	"    - {class: 6Б, subject: english, teacher: smith, n: 1, day: mon, period: 1}\n"
	"    - {class: 6Б, subject: english, teacher: smith, n: 2, day: wed, period: 1}\n"
	"    - {class: 6Б, subject: history, teacher: asanova, n: 1, day: tue, period: 1}\n"
	"    - {class: 6Б, subject: labor, teacher: bakirov, n: 1, day: thu, period: 1}\n";

static void test_timetable_io__yaml_text(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = sample(s);
	char *text;
	size_t len;
	assert_int_equal(sch_timetable_to_string(&text, &len, tt, SCH_FORMAT_YAML), 0);
	assert_string_equal(text, tiny_yaml);
	assert_int_equal(len, strlen(tiny_yaml));
	sch_free(text);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static void test_timetable_io__json_text(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = sample(s);
	char *text;
	assert_int_equal(sch_timetable_to_string(&text, NULL, tt, SCH_FORMAT_JSON), 0);
	assert_non_null(strstr(text, "{\"timetable\": {\"school\": \"Tiny school №1\", \"lessons\": [\n"
				     "  {\"class\": \"5А\", \"subject\": \"math\", \"teacher\": \"asanova\", \"n\": 1, "
				     "\"day\": \"tue\", \"period\": 2},\n"));
	assert_non_null(strstr(text, "  {\"class\": \"5А\", \"subject\": \"english\", \"groups\": {\"en1\": \"smith\", "
				     "\"en2\": \"petrova\"}, \"n\": 1, \"day\": \"tue\", \"period\": 1, \"rooms\": [null, \"202\"]},\n"));
	assert_non_null(strstr(text, "  {\"class\": [\"5А\", \"6Б\"], \"subject\": \"pe\", \"teacher\": \"bakirov\", \"n\": 1, "
				     "\"day\": \"fri\", \"period\": 1, \"rooms\": [\"gym\"]},\n"));
	assert_non_null(strstr(text, "  {\"class\": \"6Б\", \"subject\": \"math\", \"teacher\": \"asanova\", \"n\": 2, \"day\": null},\n"));
	assert_string_equal(text + strlen(text) - 5, "\n]}}\n");
	sch_free(text);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static void round_trip(const sch_timetable *tt, int format)
{
	char *text;
	size_t len;
	sch_timetable *back;
	sch_diags *d;
	assert_int_equal(sch_timetable_to_string(&text, &len, tt, format), 0);
	assert_int_equal(sch_diags_new(&d), 0);
	int rc = sch_timetable_load_buffer(&back, sch_timetable_school(tt), text, len, "rt", d);
	if (rc || sch_diags_count(d)) {
		print_error("%s\n", text);
		for (size_t i = 0; i < sch_diags_count(d); i++)
			print_error("%d:%d: %s\n", sch_diags_get(d, i)->line, sch_diags_get(d, i)->col,
				    sch_diags_get(d, i)->message);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(sch_diags_count(d), 0);
	assert_same(tt, back);
	sch_timetable_free(back);
	sch_diags_free(d);
	sch_free(text);
}

static void test_timetable_io__round_trips(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = sample(s);
	round_trip(tt, SCH_FORMAT_YAML);
	round_trip(tt, SCH_FORMAT_JSON);
	sch_timetable_free(tt);
	/* Nothing placed at all. */
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	round_trip(tt, SCH_FORMAT_YAML);
	round_trip(tt, SCH_FORMAT_JSON);
	sch_timetable_free(tt);
	sch_school_free(s);
	/* A big school. */
	s = ts_big_school(20, 3);
	tt = ts_random_timetable(s, 5);
	round_trip(tt, SCH_FORMAT_YAML);
	round_trip(tt, SCH_FORMAT_JSON);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* Ids and names that need quoting in YAML, escaping in JSON. */
static void test_timetable_io__odd_names(void **state)
{
	(void)state;
	sch_school *s = ts_new(6, 8);
	s->name = "Школа \"Ак-Жол\"\n№ 5\\7\t";
	int sh = ts_shift(s, "1", 0, 7);
	const char *subjects[] = {"a: b", "x #y", "[1]", "-", "yes", "null", "~", "1e5", "2026-09-01", "'q'", "tab\there"};
	const char *teachers[] = {"No", "on", "Иванов И.И.", "a,b", "{t}", "@t", "%t", "t&", "*t", "!t", "|t"};
	int c1 = ts_class(s, "10 А", 10, sh, 20), c2 = ts_class(s, "201", 10, sh, 20);
	ts_division(s, c1, "foreign", "en 1", "en:2", NULL);
	ts_division(s, c1, "gender", "en 1", "g2", NULL); /* a group name in two divisions: foreign.en 1 */
	ts_room(s, "#1", NULL, 10);
	ts_room(s, "201", NULL, 10);
	ts_room(s, "спортзал", NULL, 10);
	for (int i = 0; i < 11; i++) {
		int sub = ts_subject(s, subjects[i], 3);
		int t = ts_teacher(s, teachers[i], teachers[i]);
		ts_line(s, i % 2 ? c1 : c2, sub, t, 1);
	}
	int split = ts_line_split(s, c1, "foreign", 0, (const int[]){0, -1}, 1);
	int group = ts_line_group(s, c1, "g2", 1, 2, 1);
	int joint = ts_line_joint(s, (const int[]){c2, c1}, 2, 2, 3, 1);
	s->lines[group].parts[0].division = 0; /* "en 1" of foreign: named foreign.en 1 in files */
	s->lines[group].parts[0].group = 0;
	ts_finalize(s);
	sch_timetable *tt;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	for (int l = 0; l < s->n_lessons; l++)
		assert_int_equal(sch_timetable_set(tt, l, l % 6, l % 8), 0);
	assert_int_equal(sch_timetable_set_room(tt, 0, 0, 0), 0);
	assert_int_equal(sch_timetable_set_room(tt, 1, 0, 1), 0);
	assert_int_equal(sch_timetable_set_room(tt, ts_lesson(s, split, 0), 1, 2), 0);
	assert_int_equal(sch_timetable_set(tt, ts_lesson(s, joint, 0), -1, 0), 0);
	round_trip(tt, SCH_FORMAT_YAML);
	round_trip(tt, SCH_FORMAT_JSON);
	char *text;
	assert_int_equal(sch_timetable_to_string(&text, NULL, tt, SCH_FORMAT_YAML), 0);
	assert_non_null(strstr(text, "  school: \"Школа \\\"Ак-Жол\\\"\\n№ 5\\\\7\\t\"\n"));
	assert_non_null(strstr(text, "{class: \"201\", subject: \"a: b\", teacher: \"No\", n: 1"));
	assert_non_null(strstr(text, "{class: \"10 А\", group: \"foreign.en 1\", subject: \"x #y\", teacher: \"Иванов И.И.\""));
	assert_non_null(strstr(text, "groups: {\"foreign.en 1\": \"No\", \"en:2\": ~}"));
	assert_non_null(strstr(text, "rooms: [\"#1\"]"));
	assert_non_null(strstr(text, "rooms: [~, спортзал]"));
	sch_free(text);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* The load lines of a school in reverse order: lesson indices change, the file still loads. */
static sch_school *reversed_tiny(void)
{
	sch_school *s = tiny_school_build();
	for (int i = 0, j = s->n_lines - 1; i < j; i++, j--) {
		sch_line_def tmp = s->lines[i];
		s->lines[i] = s->lines[j];
		s->lines[j] = tmp;
	}
	ts_finalize(s);
	return s;
}

static void test_timetable_io__reordered_lines(void **state)
{
	(void)state;
	sch_school *s = tiny_school(), *r = reversed_tiny();
	sch_timetable *tt = tiny_timetable(s), *back;
	char *text;
	size_t len;
	for (int format = SCH_FORMAT_YAML; format <= SCH_FORMAT_JSON; format++) {
		assert_int_equal(sch_timetable_to_string(&text, &len, tt, format), 0);
		assert_int_equal(sch_timetable_load_buffer(&back, r, text, len, "tt", NULL), 0);
		/* Every lesson sits where its twin (same line content, same number) sat. */
		for (int l = 0; l < s->n_lessons; l++) {
			const sch_lesson_def *a = &s->lessons[l];
			int twin = r->lines[s->n_lines - 1 - a->line].first_lesson + a->index;
			int d1, p1, d2, p2;
			sch_timetable_get(tt, l, &d1, &p1);
			sch_timetable_get(back, twin, &d2, &p2);
			assert_int_equal(d1, d2);
			assert_int_equal(p1, p2);
			assert_int_equal(sch_timetable_room(tt, l, 0), sch_timetable_room(back, twin, 0));
		}
		/* Still zero cost: the pinned lesson is where it is pinned. */
		sch_report_free(ts_expect_only(back, NULL, SCH_T_MISSING, 0));
		sch_timetable_free(back);
		sch_free(text);
	}
	sch_timetable_free(tt);
	sch_school_free(r);
	sch_school_free(s);
}

/* Two lines with the same key share one numbering: n = 1, 2 on the first, 3 on the second. */
static void test_timetable_io__same_key_lines(void **state)
{
	(void)state;
	sch_school *s = tiny_school_build();
	ts_line(s, TS_6B, TS_ENGLISH, TS_SMITH, 1);
	ts_finalize(s);
	sch_timetable *tt = tiny_timetable(s), *back;
	assert_int_equal(sch_timetable_set(tt, TS_N_LESSONS, TS_THU, 2), 0);
	char *text;
	size_t len;
	assert_int_equal(sch_timetable_to_string(&text, &len, tt, SCH_FORMAT_YAML), 0);
	assert_non_null(strstr(text, "{class: 6Б, subject: english, teacher: smith, n: 3, day: thu, period: 3}"));
	assert_int_equal(sch_timetable_load_buffer(&back, s, text, len, "tt", NULL), 0);
	assert_same(tt, back);
	sch_timetable_free(back);
	sch_free(text);
	sch_timetable_free(tt);
	sch_school_free(s);
}

typedef struct {
	int severity, line, col;
	const char *message;
} want;

/* Loads `text`, expects the return code and exactly the diagnostics in `w`. */
static sch_timetable *load_expect(const sch_school *s, const char *text, int rc_want, const want *w, size_t n)
{
	sch_diags *d;
	sch_timetable *tt = (sch_timetable *)1;
	assert_int_equal(sch_diags_new(&d), 0);
	int rc = sch_timetable_load_buffer(&tt, s, text, strlen(text), "tt.yaml", d);
	int bad = rc != rc_want || sch_diags_count(d) != n;
	for (size_t i = 0; i < n && !bad; i++) {
		const sch_diag *x = sch_diags_get(d, i);
		bad = x->severity != w[i].severity || x->line != w[i].line || x->col != w[i].col ||
		      strcmp(x->message, w[i].message) != 0 || strcmp(x->file, "tt.yaml") != 0;
	}
	if (bad) {
		print_error("rc %d, diagnostics:\n", rc);
		for (size_t i = 0; i < sch_diags_count(d); i++) {
			char buf[600];
			sch_diag_format(buf, sizeof buf, sch_diags_get(d, i));
			print_error("  %s\n", buf);
		}
		fail();
	}
	if (rc_want < 0) {
		assert_null(tt);
		assert_int_equal(sch_error_last()->code, rc_want);
	}
	sch_diags_free(d);
	return rc_want < 0 ? NULL : tt;
}

#define E SCH_DIAG_ERROR
#define W SCH_DIAG_WARNING
#define N(a) (sizeof(a) / sizeof *(a))

static void test_timetable_io__bad_places(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	static const char text[] =
		"timetable:\n"
		"  school: \"Tiny school №1\"\n"
		"  lessons:\n"
		"    - {class: 5А, subject: math, teacher: asanova, n: 1, day: mun, period: 2}\n"
		"    - {class: 5А, subject: math, teacher: asanova, n: 2, day: sat, period: 7}\n"
		"    - {class: 6Б, subject: math, teacher: asanova, n: 1, day: tue, period: 0}\n"
		"    - {class: 6Б, subject: math, teacher: asanova, n: 2, day: tue}\n"
		"    - {class: 6Б, subject: history, teacher: asanova, period: 2}\n"
		"    - {class: 6Б, subject: labor, teacher: bakirov, day: 3, period: two}\n";
	static const want w[] = {
		{E, 4, 63, "timetable.lessons[1].day: unknown day 'mun'; did you mean 'mon'?"},
		{E, 5, 63, "timetable.lessons[2].day: sat is not a school day"},
		{E, 5, 76, "timetable.lessons[2].period: 7 is out of range 1-6"},
		{E, 6, 76, "timetable.lessons[3].period: 0 is out of range 1-6"},
		{E, 7, 7, "timetable.lessons[4].period: missing: a placed lesson needs the bell it starts at (1-6)"},
		{E, 8, 63, "timetable.lessons[5].period: a lesson without a day has no period"},
		{E, 9, 58, "timetable.lessons[6].day: unknown day '3' (mon tue wed thu fri sat sun)"},
		{E, 9, 69, "timetable.lessons[6].period: expected a whole number 1-6, found 'two'"},
	};
	load_expect(s, text, SCH_EINVALID, w, N(w));
	assert_string_equal(sch_error_last()->message,
			    "tt.yaml:4:63: error: timetable.lessons[1].day: unknown day 'mun'; did you mean 'mon'? "
			    "(and 7 more errors)");
	sch_school_free(s);
}

static void test_timetable_io__bad_rooms_types_keys(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	static const char text[] =
		"timetable:\n"
		"  lessons:\n"
		"    - {class: [5А, 6Б], subject: pe, teacher: bakirov, day: fri, period: 1, rooms: [gim]}\n"
		"    - {class: 5А, subject: math, teacher: asanova, n: 1, day: tue, period: 2, perod: 3}\n"
		"    - {class: 5А, subject: english, groups: {en1: smith, en2: petrova}, day: tue, period: 1, rooms: [\"201\"]}\n"
		"    - {class: {a: 1}, subject: math, n: two}\n"
		"    - {class: 5А, subject: [math], teacher: asanova, rooms: gym}\n"
		"    - {class: 5А, subject: english, teacher: smith, groups: {en1: smith}}\n"
		"    - 5\n"
		"  extra: 1\n";
	static const want w[] = {
		{E, 3, 85, "timetable.lessons[1].rooms[1]: unknown room 'gim'; did you mean 'gym'?"},
		{E, 4, 79, "timetable.lessons[2]: unknown key 'perod'; did you mean 'period'?"},
		{E, 5, 101, "timetable.lessons[3].rooms: expected 2 rooms (one per part of the lesson, ~ for none), found 1"},
		{E, 6, 15, "timetable.lessons[4].class: expected text, found a mapping"},
		{E, 6, 41, "timetable.lessons[4].n: expected a whole number 1-126, found 'two'"},
		{E, 7, 28, "timetable.lessons[5].subject: expected text, found a list"},
		{E, 7, 61, "timetable.lessons[5].rooms: expected a list, found 'gym'"},
		{E, 8, 61, "timetable.lessons[6]: give either groups (a split lesson) or teacher and group"},
		{E, 9, 7, "timetable.lessons[7]: expected a mapping (key: value), found '5'"},
		{E, 10, 3, "timetable: unknown key 'extra'"},
	};
	load_expect(s, text, SCH_EINVALID, w, N(w));
	sch_school_free(s);
}

static void test_timetable_io__duplicate_lesson(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	static const char text[] =
		"timetable:\n"
		"  lessons:\n"
		"    - {class: 5А, subject: math, teacher: asanova, n: 1, day: tue, period: 2}\n"
		"    - {class: 5А, subject: math, teacher: asanova, n: 1, day: thu, period: 2}\n"
		"    - {class: 5А, subject: math, teacher: asanova, day: wed, period: 2}\n";
	static const want w[] = {
		{E, 4, 7, "timetable.lessons[2]: lesson 5А math asanova n=1 is given twice (first at line 3)"},
		{E, 5, 7, "timetable.lessons[3]: lesson 5А math asanova n=1 is given twice (first at line 3)"},
	};
	load_expect(s, text, SCH_EINVALID, w, N(w));
	sch_school_free(s);
}

static void test_timetable_io__bad_documents(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	static const want empty[] = {{E, 1, 1, "the file is empty: expected 'timetable:' with the school's lessons"}};
	load_expect(s, "", SCH_EINVALID, empty, 1);
	load_expect(s, "# only a comment\n", SCH_EINVALID, empty, 1);
	static const want list[] = {{E, 1, 12, "timetable: expected a mapping (key: value), found a list"}};
	load_expect(s, "timetable: [1, 2]\n", SCH_EINVALID, list, 1);
	static const want top[] = {{E, 1, 1, "the file: unknown key 'lessons'"},
				   {E, 1, 1, "timetable: missing: the file holds 'timetable:' with the school's lessons"}};
	load_expect(s, "lessons: []\n", SCH_EINVALID, top, 2);
	static const want nolessons[] = {{E, 1, 12, "timetable.lessons: missing: the list of the school's lessons"}};
	load_expect(s, "timetable: {school: \"Tiny school №1\"}\n", SCH_EINVALID, nolessons, 1);
	static const want syntax[] = {{E, 2, 1, "YAML syntax: did not find expected node content (while parsing a flow node)"}};
	load_expect(s, "timetable: {lessons: [\n", SCH_EINVALID, syntax, 1);
	sch_school_free(s);
}

/* Lessons of the file the school does not have are warnings; the rest loads. */
static void test_timetable_io__unmatched_lessons(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	static const char text[] =
		"timetable:\n"
		"  school: СОШ №2\n"
		"  lessons:\n"
		"    - {class: 7В, subject: math, teacher: asanova, n: 1, day: tue, period: 2}\n"
		"    - {class: 5А, subject: math, teacher: asanova, n: 3, day: tue, period: 2}\n"
		"    - {class: 5А, subject: math, teacher: smith, n: 1, day: tue, period: 2}\n"
		"    - {class: 5А, group: en3, subject: english, teacher: smith, day: ~}\n"
		"    - {class: 5А, subject: chess, teacher: asanova, day: ~}\n"
		"    - {class: 5А, subject: math, teacher: asanova, n: 2, day: thu, period: 2}\n"
		"    - {class: 5А, subject: english, groups: {en1: smith, en2: petrova}, n: 1, day: tue, period: 1, rooms: [\"201\", ~]}\n";
	static const want w[] = {
		{W, 2, 11, "timetable.school: the timetable is of 'СОШ №2', not of 'Tiny school №1'"},
		{W, 4, 7, "timetable.lessons[1]: matches no lesson of the school (the school has no class '7В'); skipped"},
		{W, 5, 7, "timetable.lessons[2]: matches no lesson of the school (the school has no lesson 5А math asanova n=3); skipped"},
		{W, 6, 7, "timetable.lessons[3]: matches no lesson of the school (the school has no lesson 5А math smith n=1); skipped"},
		{W, 7, 7, "timetable.lessons[4]: matches no lesson of the school (class 5А has no group 'en3'); skipped"},
		{W, 8, 7, "timetable.lessons[5]: matches no lesson of the school (the school has no subject 'chess'); skipped"},
	};
	sch_timetable *tt = load_expect(s, text, 0, w, N(w));
	assert_non_null(tt);
	assert_int_equal(sch_timetable_placed_count(tt), 2); /* lessons absent from the file stay unplaced */
	int d, p;
	sch_timetable_get(tt, TS_5A_MATH2, &d, &p);
	assert_int_equal(d, TS_THU);
	assert_int_equal(p, 1);
	assert_int_equal(sch_timetable_room(tt, TS_5A_ENGLISH1, 0), TS_R201);
	assert_int_equal(sch_timetable_room(tt, TS_5A_ENGLISH1, 1), -1);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* A school name in the file that differs only in how it is written is still a warning; no
 * diags list given: the outcome is the same. */
static void test_timetable_io__no_diags_list(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt;
	const char *bad = "timetable: {lessons: [{class: 5А, subject: math, teacher: asanova, day: xx, period: 1}]}";
	assert_int_equal(sch_timetable_load_buffer(&tt, s, bad, strlen(bad), NULL, NULL), SCH_EINVALID);
	assert_null(tt);
	assert_string_equal(sch_error_last()->message,
			    "<buffer>:1:73: error: timetable.lessons[1].day: unknown day 'xx' (mon tue wed thu fri sat sun)");
	const char *json = "{\"timetable\": {\"lessons\": [{\"class\": \"5А\", \"subject\": \"math\", \"teacher\": \"asanova\", "
			   "\"n\": 1, \"day\": \"tue\", \"period\": 2}]}}";
	assert_int_equal(sch_timetable_load_buffer(&tt, s, json, strlen(json), "tt.json", NULL), 0);
	assert_int_equal(sch_timetable_placed_count(tt), 1);
	sch_timetable_free(tt);
	assert_int_equal(sch_timetable_load_buffer(&tt, NULL, json, strlen(json), "tt.json", NULL), SCH_EINVALID);
	assert_int_equal(sch_timetable_load_buffer(NULL, s, json, strlen(json), "tt.json", NULL), SCH_EINVALID);
	sch_school_free(s);
}

/* JSON as other tools write it: tab indentation, \uXXXX escapes, "\/", keys in any order. */
static void test_timetable_io__foreign_json(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	static const char text[] =
		"{\n\t\"timetable\": {\n\t\t\"lessons\": [\n"
		"\t\t\t{\"period\": 2, \"day\": \"tue\", \"n\": 1, \"teacher\": \"asanova\", \"subject\": \"math\", \"class\": \"5\\u0410\"},\n"
		"\t\t\t{\"class\": [\"5\\u0410\", \"6\\u0411\"], \"subject\": \"pe\", \"teacher\": \"bakirov\", \"day\": \"fri\", "
		"\"period\": 1, \"rooms\": [\"gym\"]}\n"
		"\t\t],\n\t\t\"school\": \"Tiny school \\u21161\\/\"\n\t}\n}\n";
	static const want w[] = {{W, 7, 13, "timetable.school: the timetable is of 'Tiny school №1/', not of 'Tiny school №1'"}};
	sch_timetable *tt = load_expect(s, text, 0, w, 1);
	assert_int_equal(sch_timetable_placed_count(tt), 2);
	assert_int_equal(sch_timetable_room(tt, TS_PE_JOINT, 0), TS_GYM);
	sch_timetable_free(tt);
	sch_school_free(s);
}

static char *make_dir(void)
{
	char *dir = strdup("/tmp/sch_timetable_XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void remove_dir(char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

static void test_timetable_io__save_and_load_files(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = sample(s), *back;
	char *dir = make_dir(), path[512];
	sch_diags *d;
	assert_int_equal(sch_diags_new(&d), 0);
	snprintf(path, sizeof path, "%s/tt.yaml", dir);
	assert_int_equal(sch_timetable_save(tt, path, SCH_FORMAT_YAML), 0);
	assert_int_equal(sch_timetable_load(&back, s, path, d), 0);
	assert_same(tt, back);
	sch_timetable_free(back);
	/* Overwriting keeps the file's mode and leaves nothing else behind. */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(sch_timetable_set(tt, TS_6B_MATH2, TS_FRI, 1), 0);
	assert_int_equal(sch_timetable_save(tt, path, SCH_FORMAT_JSON), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(count_entries(dir), 1);
	assert_int_equal(sch_timetable_load(&back, s, path, d), 0);
	assert_same(tt, back);
	assert_int_equal(sch_diags_count(d), 0);
	sch_timetable_free(back);
	/* A file that is not there. */
	snprintf(path, sizeof path, "%s/none.yaml", dir);
	assert_int_equal(sch_timetable_load(&back, s, path, d), SCH_EIO);
	assert_null(back);
	assert_int_equal(sch_diags_count(d), 1);
	assert_string_equal(sch_diags_get(d, 0)->message, "cannot open: No such file or directory");
	sch_diags_free(d);
	sch_timetable_free(tt);
	sch_school_free(s);
	remove_dir(dir);
}

/* A failed save leaves no file: not the target, not a temporary one. */
static void test_timetable_io__unwritable(void **state)
{
	(void)state;
	sch_school *s = tiny_school();
	sch_timetable *tt = sample(s);
	char *dir = make_dir(), path[512];
	snprintf(path, sizeof path, "%s/missing/tt.yaml", dir);
	assert_int_equal(sch_timetable_save(tt, path, SCH_FORMAT_YAML), SCH_EIO);
	assert_non_null(strstr(sch_error_last()->message, "missing/tt.yaml: No such file or directory"));
	assert_int_equal(count_entries(dir), 0);
	/* The target is a directory: rename fails after the temporary file was written. */
	snprintf(path, sizeof path, "%s/sub", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(sch_timetable_save(tt, path, SCH_FORMAT_JSON), SCH_EIO);
	assert_int_equal(count_entries(dir), 1);
	assert_int_equal(count_entries(path), 0);
	/* A directory without write permission (root may write anyway). */
	if (geteuid() != 0) {
		assert_int_equal(chmod(path, 0555), 0);
		char file[600];
		snprintf(file, sizeof file, "%s/tt.yaml", path);
		assert_int_equal(sch_timetable_save(tt, file, SCH_FORMAT_YAML), SCH_EIO);
		assert_int_equal(count_entries(path), 0);
		chmod(path, 0755);
	}
	assert_int_equal(sch_timetable_save(tt, NULL, SCH_FORMAT_YAML), SCH_EINVALID);
	snprintf(path, sizeof path, "%s/tt.yaml", dir);
	assert_int_equal(sch_timetable_save(tt, path, 7), SCH_EINVALID);
	assert_int_equal(count_entries(dir), 1);
	sch_timetable_free(tt);
	sch_school_free(s);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timetable_io__yaml_text),
		cmocka_unit_test(test_timetable_io__json_text),
		cmocka_unit_test(test_timetable_io__round_trips),
		cmocka_unit_test(test_timetable_io__odd_names),
		cmocka_unit_test(test_timetable_io__reordered_lines),
		cmocka_unit_test(test_timetable_io__same_key_lines),
		cmocka_unit_test(test_timetable_io__bad_places),
		cmocka_unit_test(test_timetable_io__bad_rooms_types_keys),
		cmocka_unit_test(test_timetable_io__duplicate_lesson),
		cmocka_unit_test(test_timetable_io__bad_documents),
		cmocka_unit_test(test_timetable_io__unmatched_lessons),
		cmocka_unit_test(test_timetable_io__no_diags_list),
		cmocka_unit_test(test_timetable_io__foreign_json),
		cmocka_unit_test(test_timetable_io__save_and_load_files),
		cmocka_unit_test(test_timetable_io__unwritable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
