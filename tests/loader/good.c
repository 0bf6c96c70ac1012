/* Loading good school files: every key of docs/format.md lands in the model. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "schedule/sys/model.h"

#define FULL "tests/fixtures/good/full.yaml"

static sch_school *load_ok(const char *path)
{
	sch_diags *diags;
	sch_school *s = NULL;
	assert_int_equal(sch_diags_new(&diags), 0);
	int rc = sch_school_load_yaml(&s, path, diags);
	if (rc != 0 || sch_diags_count(diags) != 0) {
		for (size_t i = 0; i < sch_diags_count(diags); i++) {
			char line[1024];
			sch_diag_format(line, sizeof line, sch_diags_get(diags, i));
			print_error("%s\n", line);
		}
		fail_msg("%s: rc %d, %zu diagnostics", path, rc, sch_diags_count(diags));
	}
	sch_diags_free(diags);
	return s;
}

static sch_school *load_text(const char *text, sch_diags *diags, int *rc)
{
	sch_school *s = NULL;
	*rc = sch_school_load_yaml_buffer(&s, text, strlen(text), "mem.yaml", diags);
	return s;
}

static void test_loader_good__school_bells_shifts(void **state)
{
	(void)state;
	sch_school *s = load_ok(FULL);
	assert_string_equal(s->name, "СОШ №2 им. В.В. Степаненко");
	assert_string_equal(s->year, "2026-2027");
	assert_string_equal(s->source_file, FULL);
	assert_int_equal(s->n_days, 6);
	for (int d = 0; d < 6; d++)
		assert_int_equal(s->day_codes[d], d);
	assert_int_equal(s->n_periods, 12);
	assert_int_equal(s->bells[0].start_min, 8 * 60);
	assert_int_equal(s->bells[0].end_min, 8 * 60 + 45);
	assert_int_equal(s->bells[11].end_min, 18 * 60 + 30);
	assert_int_equal(s->n_shifts, 2);
	assert_string_equal(s->shifts[0].id, "1");
	assert_string_equal(s->shifts[0].name, "1 смена");
	assert_int_equal(s->shifts[0].first, 0);
	assert_int_equal(s->shifts[0].last, 5);
	assert_int_equal(s->shifts[1].first, 6);
	assert_int_equal(s->shifts[1].last, 11);
	assert_false(s->rules.late_start);
	assert_true(s->rules.subject_once_a_day);
	assert_int_equal(s->rules.hard_difficulty, 9);
	assert_int_equal(s->weights.teacher_gap, 4);
	assert_int_equal(s->weights.spread, 3);
	assert_int_equal(s->weights.moved, 10);
	sch_school_free(s);
}

static void test_loader_good__subjects(void **state)
{
	(void)state;
	sch_school *s = load_ok(FULL);
	assert_int_equal(s->n_subjects, 7);
	int math = sch_school_find_subject(s, "math");
	assert_true(math >= 0);
	const sch_subject_def *m = &s->subjects[math];
	assert_string_equal(m->name_ru, "Математика");
	assert_string_equal(m->name_ky, "Математика");
	/* {1-4: 8, 5: 10, 6: 13, 7-9: 10}: grades 10-12 take grade 9's value */
	int want[13] = {0, 8, 8, 8, 8, 10, 13, 10, 10, 10, 10, 10, 10};
	for (int g = 1; g <= 12; g++)
		assert_int_equal(m->difficulty[g], want[g]);
	assert_int_equal(m->prefer_periods, (1u << 1) | (1u << 2) | (1u << 3));
	assert_int_equal(m->room_kind, -1);
	assert_int_equal(m->double_rule, SCH_DOUBLE_NO);

	const sch_subject_def *en = &s->subjects[sch_school_find_subject(s, "english")];
	assert_int_equal(en->difficulty[4], 0); /* below the lowest grade given: unknown */
	assert_int_equal(en->difficulty[5], 9);
	assert_int_equal(en->difficulty[12], 9);
	assert_int_equal(s->subjects[sch_school_find_subject(s, "russian")].difficulty[1], 7);

	const sch_subject_def *pe = &s->subjects[sch_school_find_subject(s, "pe")];
	assert_true(pe->room_kind >= 0);
	assert_string_equal(s->room_kinds[pe->room_kind], "gym");
	assert_int_equal(pe->avoid_periods, 1u);
	const sch_subject_def *it = &s->subjects[sch_school_find_subject(s, "it")];
	assert_string_equal(s->room_kinds[it->room_kind], "computer_lab");
	assert_int_equal(it->double_rule, SCH_DOUBLE_ALLOWED);
	assert_int_equal(it->forbid_periods, 1u << 5);
	const sch_subject_def *labor = &s->subjects[sch_school_find_subject(s, "labor")];
	assert_int_equal(labor->double_rule, SCH_DOUBLE_REQUIRED);
	assert_string_equal(labor->name_ru, "Технология"); /* a plain name is the Russian one */
	assert_null(labor->name_ky);
	int music = sch_school_find_subject(s, "music");
	assert_null(s->subjects[music].name_ru);
	assert_string_equal(sch_school_subject_name(s, music, "ru"), "Музыка");
	/* kinds: the rooms' first (gym, computer_lab), then the subjects' */
	assert_int_equal(s->n_room_kinds, 2);
	assert_string_equal(s->room_kinds[0], "gym");
	assert_string_equal(s->room_kinds[1], "computer_lab");
	sch_school_free(s);
}

static void test_loader_good__teachers(void **state)
{
	(void)state;
	sch_school *s = load_ok(FULL);
	assert_int_equal(s->n_teachers, 6);
	const sch_teacher_def *t = &s->teachers[sch_school_find_teacher(s, "asanova")];
	assert_string_equal(t->name, "Асанова Г.К.");
	assert_int_equal(t->n_subjects, 1);
	assert_int_equal(t->subjects[0], sch_school_find_subject(s, "math"));
	/* sat whole day (12 bells), mon 1, tue 1-3 */
	assert_int_equal(sch_slotset_count(&t->unavailable), 12 + 1 + 3);
	assert_true(sch_slotset_has(&t->unavailable, sch_slot(s, 0, 0)));
	assert_false(sch_slotset_has(&t->unavailable, sch_slot(s, 0, 1)));
	assert_true(sch_slotset_has(&t->unavailable, sch_slot(s, 1, 2)));
	assert_false(sch_slotset_has(&t->unavailable, sch_slot(s, 1, 3)));
	assert_true(sch_slotset_has(&t->unavailable, sch_slot(s, 5, 11)));
	assert_int_equal(t->max_per_day, 6);
	assert_int_equal(t->max_days, 5);
	assert_int_equal(t->methodical_day, 2);
	assert_int_equal(t->prefer_periods, 0xfu);
	assert_int_equal(t->avoid_periods, 1u << 5);
	const sch_teacher_def *p = &s->teachers[sch_school_find_teacher(s, "petrova")];
	assert_int_equal(p->n_subjects, 2);
	assert_int_equal(p->max_per_day, 0);
	assert_int_equal(p->methodical_day, -1);
	assert_int_equal(sch_slotset_count(&p->unavailable), 0);
	sch_school_free(s);
}

static void test_loader_good__classes_and_rooms(void **state)
{
	(void)state;
	sch_school *s = load_ok(FULL);
	assert_int_equal(s->n_classes, 4);
	const sch_class_def *c = &s->classes[sch_school_find_class(s, "5А")];
	assert_int_equal(c->grade, 5);
	assert_int_equal(c->shift, 0);
	assert_int_equal(c->pupils, 28);
	assert_int_equal(c->week_days, 6);
	assert_int_equal(c->max_per_day, 6); /* max_lessons_per_day 5-6: 6 */
	assert_int_equal(c->n_divisions, 2);
	assert_string_equal(c->divisions[0].name, "foreign");
	assert_string_equal(c->divisions[0].groups[1], "en2");
	assert_string_equal(c->divisions[1].groups[0], "boys");
	assert_int_equal(c->n_atoms, 4);
	assert_int_equal(s->classes[sch_school_find_class(s, "10А")].max_per_day, 7); /* its own */
	assert_int_equal(s->classes[sch_school_find_class(s, "10Б")].max_per_day, 6); /* the table's 7-11 */
	const sch_class_def *one = &s->classes[sch_school_find_class(s, "1А")];
	assert_int_equal(one->max_per_day, 4);
	assert_int_equal(one->week_days, 5);
	assert_int_equal(one->shift, 1);

	assert_int_equal(s->n_rooms, 3);
	const sch_room_def *r = &s->rooms[sch_school_find_room(s, "201")];
	assert_int_equal(r->kind, -1);
	assert_int_equal(r->capacity, 30);
	assert_int_equal(s->rooms[sch_school_find_room(s, "gym")].kind, 0);
	assert_int_equal(s->rooms_of_kind[0], 1);
	assert_int_equal(s->rooms_of_kind[1], 1);
	sch_school_free(s);
}

static void test_loader_good__lessons(void **state)
{
	(void)state;
	sch_school *s = load_ok(FULL);
	assert_int_equal(s->n_lines, 10);
	const sch_line_def *ln = &s->lines[0];
	assert_int_equal(ln->n_classes, 1);
	assert_int_equal(ln->per_week, 5);
	assert_int_equal(ln->block, 1);
	assert_int_equal(ln->n_lessons, 5);
	assert_int_equal(ln->n_parts, 1);
	assert_int_equal(ln->parts[0].teacher, sch_school_find_teacher(s, "asanova"));
	assert_int_equal(ln->parts[0].division, -1);
	assert_int_equal(ln->line, 81);
	assert_int_equal(ln->col, 5);

	ln = &s->lines[1]; /* joint classes */
	assert_int_equal(ln->n_classes, 2);
	assert_int_equal(ln->classes[1], sch_school_find_class(s, "10Б"));
	assert_int_equal(s->lessons[ln->first_lesson].n_classes, 2);

	ln = &s->lines[2]; /* one group */
	assert_int_equal(ln->parts[0].division, 0);
	assert_int_equal(ln->parts[0].group, 0);
	assert_int_equal(ln->parts[0].n_atoms, 2);

	ln = &s->lines[3]; /* split lesson */
	assert_int_equal(ln->n_parts, 2);
	assert_int_equal(ln->parts[0].teacher, sch_school_find_teacher(s, "smith"));
	assert_int_equal(ln->parts[1].teacher, sch_school_find_teacher(s, "petrova"));
	assert_int_equal(ln->parts[1].group, 1);
	assert_int_equal(s->lessons[ln->first_lesson].n_teachers, 2);

	ln = &s->lines[4]; /* labor: double: required gives block 2 by default; 3 = one double + one single */
	assert_int_equal(ln->block, 2);
	assert_int_equal(ln->n_lessons, 2);
	assert_int_equal(s->lessons[ln->first_lesson].length, 2);
	assert_int_equal(s->lessons[ln->first_lesson + 1].length, 1);

	ln = &s->lines[5];
	assert_int_equal(ln->block, 2);
	assert_int_equal(ln->n_lessons, 1);

	ln = &s->lines[6]; /* pinned and room */
	assert_int_equal(ln->room, sch_school_find_room(s, "201"));
	assert_int_equal(ln->n_pinned, 1);
	assert_int_equal(ln->pinned[0], sch_slot(s, 4, 2));
	assert_int_equal(s->lessons[ln->first_lesson].pinned, sch_slot(s, 4, 2));

	ln = &s->lines[7]; /* division.group, block 1 overrides the default 2 */
	assert_int_equal(ln->parts[0].division, 1);
	assert_int_equal(ln->parts[0].group, 0);
	assert_int_equal(ln->block, 1);
	assert_int_equal(ln->n_lessons, 2);
	assert_int_equal(s->n_lessons, 5 + 2 + 1 + 3 + 2 + 1 + 1 + 2 + 4 + 4);
	sch_school_free(s);
}

static void test_loader_good__json(void **state)
{
	(void)state;
	const char *json =
		"{\"school\": {\"name\": \"Школа\", \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]},\n"
		" \"bells\": [\"08:00-08:45\", \"08:50-09:35\", \"09:45-10:30\"],\n"
		" \"shifts\": {\"1\": {\"periods\": \"1-3\"}},\n"
		" \"rules\": {\"late_start\": true},\n"
		" \"subjects\": {\"math\": {\"difficulty\": 8, \"prefer_periods\": [1, 2]}},\n"
		" \"teachers\": {\"t1\": {\"subjects\": [\"math\"], \"max_per_day\": 3}},\n"
		" \"classes\": {\"1А\": {\"grade\": 1, \"shift\": 1}},\n"
		" \"rooms\": null,\n"
		" \"lessons\": [{\"class\": \"1А\", \"subject\": \"math\", \"teacher\": \"t1\", \"per_week\": 4}]}\n";
	sch_diags *diags;
	int rc;
	assert_int_equal(sch_diags_new(&diags), 0);
	sch_school *s = load_text(json, diags, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(sch_diags_count(diags), 0);
	assert_true(s->rules.late_start);
	assert_int_equal(s->n_lessons, 4);
	assert_int_equal(s->teachers[0].max_per_day, 3);
	assert_int_equal(s->subjects[0].prefer_periods, 3u);
	sch_school_free(s);
	sch_diags_free(diags);
}

static void test_loader_good__coteaching_and_defaults(void **state)
{
	(void)state;
	const char *yaml =
		"school: {name: S, days: [mon, tue, wed, thu, fri, sat]}\n"
		"bells: [\"8:00-8:45\", \"8:50 - 9:35\", \"09:45-10:30\", \"10:40-11:25\"]\n"
		"shifts: {1: {periods: 1-4}}\n"
		"max_lessons_per_day: {1: 3}\n"
		"subjects: {math: {difficulty: {5: 9}}, pe: {room: gym}}\n"
		"teachers: {a: {subjects: [pe], unavailable: tue}, b: {subjects: [pe]}}\n"
		"classes:\n"
		"  1А: {grade: 1, shift: 1}\n"
		"  7А: {grade: 7, shift: 1}\n"
		"lessons:\n"
		"  - {class: 7А, subject: pe, teacher: [a, b], per_week: 2, pinned: \"wed 2\"}\n"
		"  - {class: 1А, subject: math, per_week: 1}\n";
	sch_diags *diags;
	int rc;
	assert_int_equal(sch_diags_new(&diags), 0);
	sch_school *s = load_text(yaml, diags, &rc);
	assert_int_equal(rc, 0);
	/* pe needs a gym and the school has none: a warning only */
	assert_int_equal(sch_diags_errors(diags), 0);
	assert_int_equal(sch_diags_warnings(diags), 1);
	assert_string_equal(sch_diags_get(diags, 0)->message,
			    "subjects.pe.room: no room is of kind 'gym', so its lessons get no room");
	assert_int_equal(s->bells[1].start_min, 8 * 60 + 50);
	assert_int_equal(s->classes[0].max_per_day, 3);
	assert_int_equal(s->classes[1].max_per_day, 7);
	assert_int_equal(s->subjects[0].difficulty[4], 0);
	assert_int_equal(s->subjects[0].difficulty[11], 9);
	assert_int_equal(s->lines[0].n_parts, 2);
	assert_int_equal(s->lessons[0].n_teachers, 2);
	assert_int_equal(s->lines[0].n_pinned, 1);
	assert_int_equal(s->lines[1].parts[0].teacher, -1);
	assert_int_equal(sch_slotset_count(&s->teachers[0].unavailable), 4);
	assert_int_equal(s->rules.hard_difficulty, 8); /* default */
	assert_int_equal(s->weights.teacher_gap, 3);  /* default */
	sch_school_free(s);
	sch_diags_free(diags);
}

static void test_loader_good__missing_file_is_eio(void **state)
{
	(void)state;
	sch_diags *diags;
	sch_school *s = (sch_school *)1;
	assert_int_equal(sch_diags_new(&diags), 0);
	assert_int_equal(sch_school_load_yaml(&s, "tests/fixtures/good/no-such-file.yaml", diags), SCH_EIO);
	assert_null(s);
	assert_int_equal(sch_error_last()->code, SCH_EIO);
	assert_non_null(strstr(sch_error_last()->message, "no-such-file.yaml: cannot open"));
	assert_int_equal(sch_diags_errors(diags), 1);
	assert_int_equal(sch_school_load_yaml(&s, "tests/fixtures/good", diags), SCH_EIO);
	/* diags may be NULL */
	assert_int_equal(sch_school_load_yaml(&s, "tests/fixtures/bad/11-grade-13.yaml", NULL), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "classes.5А.grade: 13 is out of range 1-12"));
	sch_diags_free(diags);
}

static void test_loader_good__error_message_names_first_error(void **state)
{
	(void)state;
	sch_school *s = NULL;
	assert_int_equal(sch_school_load_yaml(&s, "tests/fixtures/bad/28-many-errors.yaml", NULL), SCH_EINVALID);
	assert_string_equal(sch_error_last()->message,
			    "tests/fixtures/bad/28-many-errors.yaml:1:61: error: school: unknown key 'yaer'; "
			    "did you mean 'year'? (and 13 more errors)");
}

int main(void)
{
	/* fixture paths, and the file names in the diagnostics, are relative to the source root */
	if (chdir(SCH_SOURCE_DIR) != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader_good__school_bells_shifts),
		cmocka_unit_test(test_loader_good__subjects),
		cmocka_unit_test(test_loader_good__teachers),
		cmocka_unit_test(test_loader_good__classes_and_rooms),
		cmocka_unit_test(test_loader_good__lessons),
		cmocka_unit_test(test_loader_good__json),
		cmocka_unit_test(test_loader_good__coteaching_and_defaults),
		cmocka_unit_test(test_loader_good__missing_file_is_eio),
		cmocka_unit_test(test_loader_good__error_message_names_first_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
