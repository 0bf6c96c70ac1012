/* Saving a school as YAML and loading it back gives the same model; saving is stable and atomic. */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schedule/sys/model.h"

static sch_school *load_path(const char *path)
{
	sch_school *s = NULL;
	int rc = sch_school_load_yaml(&s, path, NULL);
	if (rc)
		fail_msg("%s: %s", path, sch_error_last()->message);
	return s;
}

static sch_school *load_buf(const char *text, size_t len)
{
	sch_school *s = NULL;
	int rc = sch_school_load_yaml_buffer(&s, text, len, "saved.yaml", NULL);
	if (rc)
		fail_msg("reloading saved YAML: %s\n%s", sch_error_last()->message, text);
	return s;
}

static void same_str(const char *a, const char *b)
{
	/* NULL and "" are the same to the format: an absent optional name */
	assert_string_equal(a ? a : "", b ? b : "");
}

static void same_kind(const sch_school *a, int ka, const sch_school *b, int kb)
{
	assert_int_equal(ka < 0, kb < 0);
	if (ka >= 0)
		assert_string_equal(a->room_kinds[ka], b->room_kinds[kb]);
}

/* Compares every field of the input and derived lessons that the format describes. */
static void assert_same_school(const sch_school *a, const sch_school *b)
{
	same_str(a->name, b->name);
	same_str(a->year, b->year);
	assert_int_equal(a->n_days, b->n_days);
	assert_memory_equal(a->day_codes, b->day_codes, sizeof(int) * (size_t)a->n_days);
	assert_int_equal(a->n_periods, b->n_periods);
	assert_memory_equal(a->bells, b->bells, sizeof(sch_bell) * (size_t)a->n_periods);
	assert_int_equal(a->n_shifts, b->n_shifts);
	for (int i = 0; i < a->n_shifts; i++) {
		assert_string_equal(a->shifts[i].id, b->shifts[i].id);
		same_str(a->shifts[i].name, b->shifts[i].name);
		assert_int_equal(a->shifts[i].first, b->shifts[i].first);
		assert_int_equal(a->shifts[i].last, b->shifts[i].last);
	}
	assert_memory_equal(&a->weights, &b->weights, sizeof a->weights);
	assert_int_equal(a->rules.late_start, b->rules.late_start);
	assert_int_equal(a->rules.subject_once_a_day, b->rules.subject_once_a_day);
	assert_int_equal(a->rules.hard_difficulty, b->rules.hard_difficulty);
	assert_int_equal(a->rules.pupil_gaps, b->rules.pupil_gaps);

	assert_int_equal(a->n_subjects, b->n_subjects);
	for (int i = 0; i < a->n_subjects; i++) {
		const sch_subject_def *x = &a->subjects[i], *y = &b->subjects[i];
		assert_string_equal(x->id, y->id);
		same_str(x->name_ru, y->name_ru);
		same_str(x->name_ky, y->name_ky);
		assert_memory_equal(x->difficulty, y->difficulty, sizeof x->difficulty);
		same_kind(a, x->room_kind, b, y->room_kind);
		assert_int_equal(x->double_rule, y->double_rule);
		assert_int_equal(x->prefer_periods, y->prefer_periods);
		assert_int_equal(x->avoid_periods, y->avoid_periods);
		assert_int_equal(x->forbid_periods, y->forbid_periods);
	}
	assert_int_equal(a->n_teachers, b->n_teachers);
	for (int i = 0; i < a->n_teachers; i++) {
		const sch_teacher_def *x = &a->teachers[i], *y = &b->teachers[i];
		assert_string_equal(x->id, y->id);
		same_str(x->name, y->name);
		assert_int_equal(x->n_subjects, y->n_subjects);
		assert_memory_equal(x->subjects, y->subjects, sizeof(int) * (size_t)x->n_subjects);
		assert_memory_equal(&x->unavailable, &y->unavailable, sizeof x->unavailable);
		assert_int_equal(x->max_per_day, y->max_per_day);
		assert_int_equal(x->max_days, y->max_days);
		assert_int_equal(x->methodical_day, y->methodical_day);
		assert_int_equal(x->prefer_periods, y->prefer_periods);
		assert_int_equal(x->avoid_periods, y->avoid_periods);
	}
	assert_int_equal(a->n_classes, b->n_classes);
	for (int i = 0; i < a->n_classes; i++) {
		const sch_class_def *x = &a->classes[i], *y = &b->classes[i];
		assert_string_equal(x->id, y->id);
		assert_int_equal(x->grade, y->grade);
		assert_int_equal(x->shift, y->shift);
		assert_int_equal(x->pupils, y->pupils);
		assert_int_equal(x->week_days, y->week_days);
		assert_int_equal(x->max_per_day, y->max_per_day);
		assert_int_equal(x->n_divisions, y->n_divisions);
		for (int d = 0; d < x->n_divisions; d++) {
			assert_string_equal(x->divisions[d].name, y->divisions[d].name);
			assert_int_equal(x->divisions[d].n_groups, y->divisions[d].n_groups);
			for (int g = 0; g < x->divisions[d].n_groups; g++)
				assert_string_equal(x->divisions[d].groups[g], y->divisions[d].groups[g]);
		}
		assert_int_equal(x->atom_first, y->atom_first);
		assert_int_equal(x->n_atoms, y->n_atoms);
	}
	assert_int_equal(a->n_rooms, b->n_rooms);
	for (int i = 0; i < a->n_rooms; i++) {
		assert_string_equal(a->rooms[i].id, b->rooms[i].id);
		same_kind(a, a->rooms[i].kind, b, b->rooms[i].kind);
		assert_int_equal(a->rooms[i].capacity, b->rooms[i].capacity);
	}
	assert_int_equal(a->n_lines, b->n_lines);
	for (int i = 0; i < a->n_lines; i++) {
		const sch_line_def *x = &a->lines[i], *y = &b->lines[i];
		assert_int_equal(x->n_classes, y->n_classes);
		assert_memory_equal(x->classes, y->classes, sizeof(int) * (size_t)x->n_classes);
		assert_int_equal(x->subject, y->subject);
		assert_int_equal(x->per_week, y->per_week);
		assert_int_equal(x->block, y->block);
		assert_int_equal(x->room, y->room);
		assert_int_equal(x->n_pinned, y->n_pinned);
		if (x->n_pinned)
			assert_memory_equal(x->pinned, y->pinned, sizeof(int) * (size_t)x->n_pinned);
		same_str(x->id, y->id);
		assert_int_equal(x->n_parts, y->n_parts);
		for (int p = 0; p < x->n_parts; p++) {
			assert_int_equal(x->parts[p].teacher, y->parts[p].teacher);
			assert_int_equal(x->parts[p].division, y->parts[p].division);
			assert_int_equal(x->parts[p].group, y->parts[p].group);
			assert_int_equal(x->parts[p].n_atoms, y->parts[p].n_atoms);
			assert_memory_equal(x->parts[p].atoms, y->parts[p].atoms, sizeof(int) * (size_t)x->parts[p].n_atoms);
		}
	}
	assert_int_equal(a->n_constraints, b->n_constraints);
	for (int i = 0; i < a->n_constraints; i++) {
		const sch_constraint *x = &a->constraints[i], *y = &b->constraints[i];
		assert_int_equal(x->type, y->type);
		assert_int_equal(x->weight, y->weight);
		assert_int_equal(x->value, y->value);
		assert_int_equal(x->flags, y->flags);
		assert_int_equal(x->n_teachers, y->n_teachers);
		assert_memory_equal(x->teachers, y->teachers, sizeof(int) * (size_t)x->n_teachers);
		assert_int_equal(x->n_students, y->n_students);
		assert_memory_equal(x->students, y->students, sizeof(sch_students_ref) * (size_t)x->n_students);
		assert_int_equal(x->n_lines, y->n_lines);
		assert_memory_equal(x->lines, y->lines, sizeof(int) * (size_t)x->n_lines);
		assert_memory_equal(&x->slots, &y->slots, sizeof x->slots);
		same_str(x->source, y->source);
		assert_int_equal(x->n_atoms, y->n_atoms);
		assert_memory_equal(x->atoms, y->atoms, sizeof(int) * (size_t)x->n_atoms);
		assert_int_equal(x->n_lessons, y->n_lessons);
		assert_memory_equal(x->lessons, y->lessons, sizeof(int) * (size_t)x->n_lessons);
	}
	assert_int_equal(a->n_lessons, b->n_lessons);
	for (int i = 0; i < a->n_lessons; i++) {
		assert_int_equal(a->lessons[i].length, b->lessons[i].length);
		assert_int_equal(a->lessons[i].pinned, b->lessons[i].pinned);
		assert_memory_equal(&a->lessons[i].legal, &b->lessons[i].legal, sizeof(sch_slotset));
	}
}

/* load(x) == load(save(load(x))) field by field, and save(load(save(load(x)))) == save(load(x)) byte by byte. */
static void round_trip(const char *path)
{
	sch_school *a = load_path(path);
	char *t1 = NULL, *t2 = NULL;
	size_t n1, n2;
	assert_int_equal(sch_school_to_yaml(&t1, &n1, a), 0);
	assert_int_equal(strlen(t1), n1);
	sch_school *b = load_buf(t1, n1);
	assert_same_school(a, b);
	assert_int_equal(sch_school_to_yaml(&t2, &n2, b), 0);
	assert_int_equal(n1, n2);
	assert_string_equal(t1, t2);
	sch_free(t1);
	sch_free(t2);
	sch_school_free(a);
	sch_school_free(b);
}

static void test_loader_roundtrip__full(void **state)
{
	(void)state;
	round_trip("tests/fixtures/good/full.yaml");
}

static void test_loader_roundtrip__good_fixtures_and_examples(void **state)
{
	(void)state;
	const char *dirs[] = {"tests/fixtures/good", "examples"};
	int count = 0;
	for (int k = 0; k < 2; k++) {
		DIR *d = opendir(dirs[k]);
		struct dirent *e;
		if (!d)
			continue;
		while ((e = readdir(d)) != NULL) {
			size_t l = strlen(e->d_name);
			char path[512];
			if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dirs[k], e->d_name);
			/* only school files: a timetable or another YAML in examples/ is not one */
			sch_school *s = NULL;
			if (k == 1 && sch_school_load_yaml(&s, path, NULL) != 0)
				continue;
			sch_school_free(s);
			round_trip(path);
			count++;
		}
		closedir(d);
	}
	assert_true(count >= 2);
}

/* Odd text survives: names that look like numbers, nulls or bools, quotes, Cyrillic, a shift id 1. */
static void test_loader_roundtrip__odd_text(void **state)
{
	(void)state;
	const char *yaml =
		"school: {name: \"null\", year: \"2026\", days: [mon, tue, wed, thu, fri]}\n"
		"bells: [\"08:00-08:45\", \"08:50-09:35\", \"09:45-10:30\"]\n"
		"shifts: {1: {name: \"yes\", periods: 1-3}}\n"
		"subjects:\n"
		"  \"007\": {name: {ru: \"Алгебра: 'углублённо'\", ky: \"#1 \\\"Алгебра\\\"\"}, difficulty: {3: 0, 4: 5, 6: 0}}\n"
		"  \"~\": {name: \"- dash\"}\n"
		"teachers:\n"
		"  \"true\": {name: \"Ы ы ӨҮҢ\", subjects: [\"007\", \"~\"], unavailable: [\"mon 1\", \"mon 3\", wed, \"fri 2-3\"]}\n"
		"classes:\n"
		"  \"1\": {grade: 3, shift: 1, divisions: {\"no\": [\"1\", \"2\"], b: [\"1\", x]}}\n"
		"lessons:\n"
		"  - {class: 1, subject: \"007\", teacher: \"true\", per_week: 2, group: \"no.1\"}\n"
		"  - {class: 1, subject: \"~\", per_week: 2, groups: {x: \"true\", b.1: ~}}\n";
	sch_school *a = load_buf(yaml, strlen(yaml));
	char *t1, *t2;
	size_t n1, n2;
	assert_int_equal(a->subjects[0].difficulty[5], 5);
	assert_int_equal(a->subjects[0].difficulty[6], 0);
	assert_int_equal(a->subjects[0].difficulty[12], 0);
	assert_int_equal(sch_school_to_yaml(&t1, &n1, a), 0);
	sch_school *b = load_buf(t1, n1);
	assert_same_school(a, b);
	assert_int_equal(sch_school_to_yaml(&t2, &n2, b), 0);
	assert_string_equal(t1, t2);
	/* Cyrillic is written as is, not as \u escapes */
	assert_non_null(strstr(t1, "Ы ы ӨҮҢ"));
	sch_free(t1);
	sch_free(t2);
	sch_school_free(a);
	sch_school_free(b);
}

static void test_loader_roundtrip__save_file_is_atomic(void **state)
{
	(void)state;
	char dir[] = "/tmp/sch-save-XXXXXX";
	char path[256], bad[300];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/school.yaml", dir);
	sch_school *a = load_path("tests/fixtures/good/full.yaml");
	assert_int_equal(sch_school_save_yaml(a, path), 0);
	/* again over the existing file */
	assert_int_equal(sch_school_save_yaml(a, path), 0);
	sch_school *b = load_path(path);
	assert_same_school(a, b);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);

	/* a directory that does not exist: SCH_EIO, and nothing is left behind */
	snprintf(bad, sizeof bad, "%s/missing/school.yaml", dir);
	assert_int_equal(sch_school_save_yaml(a, bad), SCH_EIO);
	assert_int_equal(sch_error_last()->code, SCH_EIO);
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			files++;
	closedir(d);
	assert_int_equal(files, 1); /* school.yaml only, no temporary file */
	/* the target is a directory: rename fails, the temporary file is removed */
	snprintf(bad, sizeof bad, "%s/sub", dir);
	assert_int_equal(mkdir(bad, 0755), 0);
	assert_int_equal(sch_school_save_yaml(a, bad), SCH_EIO);
	d = opendir(dir);
	files = 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			files++;
	closedir(d);
	assert_int_equal(files, 2);
	rmdir(bad);
	unlink(path);
	rmdir(dir);
	sch_school_free(a);
	sch_school_free(b);
}

int main(void)
{
	/* fixture paths, and the file names in the diagnostics, are relative to the source root */
	if (chdir(SCH_SOURCE_DIR) != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader_roundtrip__full),
		cmocka_unit_test(test_loader_roundtrip__good_fixtures_and_examples),
		cmocka_unit_test(test_loader_roundtrip__odd_text),
		cmocka_unit_test(test_loader_roundtrip__save_file_is_atomic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
