/* Export tests: a timetable made by placing lessons greedily (no solver needed), and file helpers. */
#ifndef SCH_TEST_EXPORT_PLACE_H
#define SCH_TEST_EXPORT_PLACE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schedule.h"
#include "schedule/sys/model.h"

/*
 * Places each lesson at the first legal start slot where none of its teachers
 * and atoms is busy, then gives rooms. Not a good timetable, but a clash-free
 * one, which is all rendering needs. Returns the number of lessons left out.
 */
static inline int place_greedy(sch_timetable *tt)
{
	const sch_school *s = sch_timetable_school(tt);
	int slots = s->n_days * s->n_periods, left = 0;
	unsigned char *teacher_busy = calloc((size_t)(s->n_teachers + 1) * (size_t)slots, 1);
	unsigned char *atom_busy = calloc((size_t)(s->n_atoms + 1) * (size_t)slots, 1);
	if (!teacher_busy || !atom_busy) {
		free(teacher_busy);
		free(atom_busy);
		return -1;
	}
	for (int i = 0; i < s->n_lessons; i++) {
		const sch_lesson_def *l = &s->lessons[i];
		int placed = 0;
		/* Spread a class's lessons: try the days from a different one for each lesson. */
		for (int k = 0; k < slots && !placed; k++) {
			int d = (k / s->n_periods + i) % s->n_days, p = k % s->n_periods, slot = d * s->n_periods + p;
			if (!sch_slotset_has(&l->legal, slot))
				continue;
			int ok = 1;
			for (int j = 0; j < l->length && ok; j++) {
				for (int t = 0; t < l->n_teachers && ok; t++)
					ok = !teacher_busy[(size_t)l->teachers[t] * (size_t)slots + (size_t)(slot + j)];
				for (int a = 0; a < l->n_atoms && ok; a++)
					ok = !atom_busy[(size_t)l->atoms[a] * (size_t)slots + (size_t)(slot + j)];
			}
			if (!ok)
				continue;
			for (int j = 0; j < l->length; j++) {
				for (int t = 0; t < l->n_teachers; t++)
					teacher_busy[(size_t)l->teachers[t] * (size_t)slots + (size_t)(slot + j)] = 1;
				for (int a = 0; a < l->n_atoms; a++)
					atom_busy[(size_t)l->atoms[a] * (size_t)slots + (size_t)(slot + j)] = 1;
			}
			sch_timetable_set(tt, i, d, p);
			placed = 1;
		}
		left += !placed;
	}
	sch_timetable_assign_rooms(tt);
	free(teacher_busy);
	free(atom_busy);
	return left;
}

/* Loads a school from the source tree and places it; NULL on failure. */
static inline sch_timetable *load_placed(const char *rel_path, sch_school **school)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", SCH_SOURCE_DIR, rel_path);
	sch_timetable *tt = NULL;
	*school = NULL;
	if (sch_school_load_yaml(school, path, NULL) != 0)
		return NULL;
	if (sch_timetable_new(&tt, *school) != 0) {
		sch_school_free(*school);
		*school = NULL;
		return NULL;
	}
	place_greedy(tt);
	return tt;
}

/*
 * A school made to break exports: Kyrgyz letters (ң ө ү), a name with a comma
 * and quotes (CSV), HTML markup in names, names too long or invalid for an Excel
 * sheet, two teachers of one name, a teacher whose name clashes with a class's
 * id but for case, two shifts, a split lesson, a group lesson, a joint lesson,
 * a double lesson and a subject name too long for any cell.
 */
static const char EDGE_YAML[] =
	"school: {name: \"Школа <№1> & \\\"Ала-Тоо\\\"\", year: 2026-2027, days: [mon, tue, wed, thu, fri]}\n"
	"bells: [\"08:00-08:45\", \"08:55-09:40\", \"09:50-10:35\", \"13:00-13:45\", \"13:55-14:40\", \"14:50-15:35\"]\n"
	"shifts:\n"
	"  1: {name: \"1 смена\", periods: 1-3}\n"
	"  2: {name: \"2 смена\", periods: 4-6}\n"
	"rules: {subject_once_a_day: false}\n"
	"subjects:\n"
	"  math: {name: {ru: Математика, ky: Математика}, difficulty: 5}\n"
	"  art: {name: {ru: Изобразительное искусство, ky: Көркөм өнөр}, difficulty: 3}\n"
	"  nature: {name: {ru: Природоведение, ky: Жаратылыш таануу}, difficulty: 3}\n"
	"  english: {name: {ru: Английский язык, ky: Англис тили}, difficulty: 5}\n"
	"  pe: {name: {ru: Физическая культура, ky: Дене тарбия}, difficulty: 2, room: gym}\n"
	"  long: {name: {ru: \"Основы безопасности жизнедеятельности и гражданской обороны населения в чрезвычайных ситуациях\", ky: Коопсуздук}, difficulty: 2}\n"
	"teachers:\n"
	"  enseeva: {name: \"Эңсеева Ү.Ө.\", subjects: [math, art]}\n"
	"  kim: {name: \"Ким, \\\"Алекс\\\"\", subjects: [english]}\n"
	"  html: {name: \"<b>Ким & Ко</b>\", subjects: [english]}\n"
	"  long: {name: \"Абдыкадырова-Жээнбекова Гүлнара Токтосуновна\", subjects: [nature, long]}\n"
	"  bad: {name: \"Иванов [И]:И*?/\\\\\", subjects: [pe]}\n"
	"  petrov1: {name: \"Петров П.П.\", subjects: [nature]}\n"
	"  petrov2: {name: \"Петров П.П.\", subjects: [nature]}\n"
	"  case: {name: \"5а\", subjects: [math]}\n"
	"classes:\n"
	"  5А: {grade: 5, shift: 1, pupils: 25, divisions: {foreign: [en1, en2]}}\n"
	"  7В: {grade: 7, shift: 1, pupils: 20}\n"
	"  6Б: {grade: 6, shift: 2, pupils: 22}\n"
	"rooms:\n"
	"  \"201\": {capacity: 30}\n"
	"  gym: {kind: gym, capacity: 60}\n"
	"lessons:\n"
	"  - {class: 5А, subject: math, teacher: enseeva, per_week: 2, block: 2}\n"
	"  - {class: 5А, subject: english, per_week: 1, groups: {en1: kim, en2: html}}\n"
	"  - {class: 5А, group: en2, subject: art, teacher: enseeva, per_week: 1}\n"
	"  - {class: [5А, 7В], subject: pe, teacher: bad, per_week: 1}\n"
	"  - {class: 7В, subject: long, teacher: long, per_week: 1, room: \"201\"}\n"
	"  - {class: 6Б, subject: nature, teacher: petrov1, per_week: 1}\n"
	"  - {class: 6Б, subject: nature, teacher: petrov2, per_week: 1}\n"
	"  - {class: 6Б, subject: math, teacher: case, per_week: 1}\n";

/* Loads EDGE_YAML; NULL on failure. */
static inline sch_school *load_edge(void)
{
	sch_school *s = NULL;
	if (sch_school_load_yaml_buffer(&s, EDGE_YAML, strlen(EDGE_YAML), "edge.yaml", NULL) != 0)
		return NULL;
	return s;
}

/*
 * A fixed placement of EDGE_YAML: 5А math double mon 1-2, english split tue 1,
 * art (en2) wed 1, pe 5А+7В thu 1 (gym), long 7В fri 1 (201), nature 6Б mon 4
 * and tue 4, math 6Б wed 5. Returns 0 when every call succeeded.
 */
static inline int place_edge(sch_timetable *tt)
{
	const sch_school *s = sch_timetable_school(tt);
	static const int at[8][3] = {{0, 0, 0}, {1, 1, 0}, {2, 2, 0}, {3, 3, 0}, {4, 4, 0}, {5, 0, 3}, {6, 1, 3}, {7, 2, 4}};
	int rc = 0;
	for (int i = 0; i < 8; i++)
		rc |= sch_timetable_set(tt, s->lines[at[i][0]].first_lesson, at[i][1], at[i][2]);
	return rc | sch_timetable_assign_rooms(tt);
}

/* A file's whole content, NUL-terminated; NULL when it cannot be read. */
static inline char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (n + 1 < cap)
			break;
		cap *= 2;
		char *nb = realloc(buf, cap);
		if (!nb) {
			free(buf);
			buf = NULL;
		}
		buf = nb;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* The output of a shell command (for unzip -p, pdftotext); NULL when it fails. */
static inline char *run_capture(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n - 1, p);
		n += r;
		if (r == 0)
			break;
		if (n + 1 >= cap) {
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	int st = pclose(p);
	if (buf)
		buf[n] = '\0';
	if (st != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* A fresh directory under the build tree for a test's files. */
static inline void test_dir(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/test-output/%s", SCH_BINARY_DIR, name);
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", out, out);
	if (system(cmd) != 0)
		out[0] = '\0';
}

#endif
