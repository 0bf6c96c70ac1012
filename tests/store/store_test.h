/* Helpers of the store tests: generated school YAML, seeded timetables, temporary directories. */
#ifndef SCH_TEST_STORE_H
#define SCH_TEST_STORE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "schedule/store.h"
#include "schedule/sys/model.h"

/* ---- A growing string ---- */

typedef struct {
	char *s;
	size_t len, cap;
} st_buf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static inline void st_printf(st_buf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		size_t room = b->cap - b->len;
		va_start(ap, fmt);
		int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if (b->s && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->len + (size_t)n + 1)
			cap *= 2;
		b->s = realloc(b->s, cap);
		assert_non_null(b->s);
		b->cap = cap;
	}
}

/* ---- A generated school ---- */

typedef struct {
	int classes;    /* classes, grades 5..11, letters А Б В ... */
	int variant;    /* changes one load line (a re-import with other lessons) */
	int extra_note; /* changes the name only (a re-import with the same lessons) */
} st_params;

static const char *const st_letters[] = {"А", "Б", "В", "Г", "Д", "Е", "Ж", "З"};

static inline void st_class_id(char *buf, size_t n, int c)
{
	snprintf(buf, n, "%d%s", 5 + c % 7, st_letters[(c / 7) % 8]);
}

/*
 * A school in YAML: two shifts of 6 bells, 6 days; per class 8 load lines among
 * them a split english lesson (two groups, two teachers), a double labor lesson,
 * PE in the gym (joint for pairs of classes), plus a group-only lesson.
 * About 30 lessons a class.
 */
static inline char *st_school_yaml(const st_params *p)
{
	st_buf b = {0};
	char cid[32], cid2[32];
	st_printf(&b, "school: {name: \"Тестовая школа №%d%s\", year: 2026-2027, days: [mon, tue, wed, thu, fri, sat]}\n",
		  p->classes, p->extra_note ? " (переименована)" : "");
	st_printf(&b, "bells: [\"08:00-08:45\", \"08:55-09:40\", \"09:50-10:35\", \"10:55-11:40\", \"11:50-12:35\",\n"
		      "        \"12:45-13:30\", \"13:40-14:25\", \"14:35-15:20\", \"15:30-16:15\", \"16:25-17:10\",\n"
		      "        \"17:20-18:05\", \"18:15-19:00\"]\n");
	st_printf(&b, "shifts:\n  1: {name: \"1 смена\", periods: 1-6}\n  2: {name: \"2 смена\", periods: 7-12}\n");
	st_printf(&b, "subjects:\n"
		      "  math: {name: {ru: Математика, ky: Математика}, difficulty: 10}\n"
		      "  russian: {name: {ru: Русский язык, ky: Орус тили}, difficulty: 8}\n"
		      "  kyrgyz: {name: {ru: Кыргызский язык, ky: Кыргыз тили}, difficulty: 7}\n"
		      "  english: {name: {ru: Английский язык, ky: Англис тили}, difficulty: 7}\n"
		      "  history: {name: {ru: История, ky: Тарых}, difficulty: 6}\n"
		      "  biology: {name: {ru: Биология, ky: Биология}, difficulty: 7}\n"
		      "  pe: {name: {ru: Физкультура, ky: Дене тарбия}, difficulty: 3, room: gym}\n"
		      "  labor: {name: {ru: Труд, ky: Эмгек}, difficulty: 4, double: allowed}\n"
		      "  choir: {name: {ru: Хор, ky: Хор}, difficulty: 2}\n");
	st_printf(&b, "teachers:\n");
	int groups = (p->classes + 2) / 3;
	static const char *const subj[] = {"math", "russian", "kyrgyz", "history", "biology", "labor", "choir"};
	for (int g = 0; g < groups; g++) {
		for (size_t k = 0; k < sizeof subj / sizeof subj[0]; k++)
			st_printf(&b, "  %s%d: {name: \"Учитель %s %d\", subjects: [%s]}\n", subj[k], g + 1, subj[k], g + 1,
				  subj[k]);
		st_printf(&b, "  en%da: {name: \"Смит %d\", subjects: [english]}\n", g + 1, g + 1);
		st_printf(&b, "  en%db: {name: \"Петрова %d\", subjects: [english]}\n", g + 1, g + 1);
		st_printf(&b, "  pe%d: {name: \"Бакиров %d\", subjects: [pe]}\n", g + 1, g + 1);
	}
	st_printf(&b, "classes:\n");
	for (int c = 0; c < p->classes; c++) {
		st_class_id(cid, sizeof cid, c);
		st_printf(&b, "  %s: {grade: %d, shift: %d, pupils: 25, divisions: {foreign: [en1, en2]}}\n", cid,
			  5 + c % 7, 1 + (c / 7) % 2);
	}
	st_printf(&b, "rooms:\n  gym: {kind: gym, capacity: 60}\n  gym2: {kind: gym, capacity: 40}\n"
		      "  \"201\": {capacity: 30}\n");
	st_printf(&b, "lessons:\n");
	for (int c = 0; c < p->classes; c++) {
		int g = c / 3 + 1;
		st_class_id(cid, sizeof cid, c);
		st_printf(&b, "  - {class: %s, subject: math, teacher: math%d, per_week: %d}\n", cid, g,
			  p->variant && c == 0 ? 4 : 5);
		st_printf(&b, "  - {class: %s, subject: russian, teacher: russian%d, per_week: 4}\n", cid, g);
		st_printf(&b, "  - {class: %s, subject: kyrgyz, teacher: kyrgyz%d, per_week: 3}\n", cid, g);
		st_printf(&b, "  - {class: %s, subject: english, per_week: 3, groups: {en1: en%da, en2: en%db}}\n", cid, g,
			  g);
		st_printf(&b, "  - {class: %s, subject: history, teacher: history%d, per_week: 2}\n", cid, g);
		st_printf(&b, "  - {class: %s, subject: biology, teacher: biology%d, per_week: 2}\n", cid, g);
		st_printf(&b, "  - {class: %s, subject: labor, teacher: labor%d, per_week: 3, block: 2}\n", cid, g);
		st_printf(&b, "  - {class: %s, group: en1, subject: choir, teacher: choir%d, per_week: 1}\n", cid, g);
		if (c % 2 == 0 && c + 1 < p->classes && (c / 7) == ((c + 1) / 7)) {
			st_class_id(cid2, sizeof cid2, c + 1);
			st_printf(&b, "  - {class: [%s, %s], subject: pe, teacher: pe%d, per_week: 2}\n", cid, cid2, g);
		} else if (c % 2 == 0 || (c / 7) != ((c - 1) / 7)) {
			st_printf(&b, "  - {class: %s, subject: pe, teacher: pe%d, per_week: 2}\n", cid, g);
		}
	}
	return b.s;
}

/* Loads the generated school, failing the test on any error. */
static inline sch_school *st_school(const st_params *p)
{
	char *yaml = st_school_yaml(p);
	sch_diags *diags = NULL;
	sch_school *s = NULL;
	assert_int_equal(sch_diags_new(&diags), 0);
	int rc = sch_school_load_yaml_buffer(&s, yaml, strlen(yaml), "generated.yaml", diags);
	if (rc) {
		for (size_t i = 0; i < sch_diags_count(diags); i++)
			fprintf(stderr, "%d:%d: %s\n", sch_diags_get(diags, i)->line, sch_diags_get(diags, i)->col,
				sch_diags_get(diags, i)->message);
	}
	assert_int_equal(rc, 0);
	sch_diags_free(diags);
	free(yaml);
	return s;
}

static inline unsigned st_rand(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

/*
 * A timetable of `s` determined by `seed`: each lesson at a legal start slot
 * chosen at random (some left unplaced), rooms given to the parts needing one.
 * It need not be feasible: the store keeps what it is given.
 */
static inline sch_timetable *st_timetable(const sch_school *s, unsigned seed)
{
	sch_timetable *tt = NULL;
	unsigned r = seed * 2654435761u + 1;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	for (int i = 0; i < s->n_lessons; i++) {
		const sch_lesson_def *l = &s->lessons[i];
		int n = sch_slotset_count(&l->legal);
		if (n == 0 || st_rand(&r) % 20 == 0)
			continue;
		int k = (int)(st_rand(&r) % (unsigned)n);
		for (int slot = 0; slot < s->n_days * s->n_periods; slot++)
			if (sch_slotset_has(&l->legal, slot) && k-- == 0) {
				assert_int_equal(sch_timetable_set(tt, i, slot / s->n_periods, slot % s->n_periods), 0);
				break;
			}
		for (int part = 0; part < l->n_parts; part++)
			if (l->room_kind >= 0 && s->n_rooms > 0) {
				int room = (int)(st_rand(&r) % (unsigned)s->n_rooms);
				if (s->rooms[room].kind == l->room_kind)
					assert_int_equal(sch_timetable_set_room(tt, i, part, room), 0);
			}
	}
	return tt;
}

/* Whether two timetables of schools with the same lessons place everything alike. */
static inline void st_assert_same(const sch_timetable *a, const sch_timetable *b)
{
	const sch_school *sa = sch_timetable_school(a), *sb = sch_timetable_school(b);
	assert_int_equal(sa->n_lessons, sb->n_lessons);
	for (int i = 0; i < sa->n_lessons; i++) {
		int da, pa, db, pb;
		assert_int_equal(sch_timetable_get(a, i, &da, &pa), 0);
		assert_int_equal(sch_timetable_get(b, i, &db, &pb), 0);
		assert_int_equal(da, db);
		if (da >= 0)
			assert_int_equal(pa, pb);
		for (int part = 0; part < sa->lessons[i].n_parts; part++) {
			int ra = sch_timetable_room(a, i, part), rb = sch_timetable_room(b, i, part);
			if (ra >= 0 && rb >= 0)
				assert_string_equal(sa->rooms[ra].id, sb->rooms[rb].id);
			else
				assert_int_equal(ra < 0, rb < 0);
		}
	}
}

/* ---- Temporary files ---- */

static char st_dir[256];

/* A fresh temporary directory for the test (removed by st_cleanup). */
static inline const char *st_tmpdir(void)
{
	snprintf(st_dir, sizeof st_dir, "/tmp/sch-store-XXXXXX");
	assert_non_null(mkdtemp(st_dir));
	return st_dir;
}

/* Removes the temporary directory and the files in it (the tests make no subdirectories). */
static inline void st_cleanup(void)
{
	char path[600];
	DIR *d;
	struct dirent *e;
	if (!st_dir[0])
		return;
	if ((d = opendir(st_dir))) {
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
				snprintf(path, sizeof path, "%s/%s", st_dir, e->d_name);
				unlink(path);
			}
		closedir(d);
	}
	rmdir(st_dir);
	st_dir[0] = '\0';
}

/* A path inside the temporary directory (a static buffer per call site's slot). */
static inline const char *st_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", st_dir, name);
	return buf;
}

static inline void st_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Prints the last error when a call failed, then asserts success. */
#define ST_OK(call)                                                                      \
	do {                                                                             \
		int st_rc_ = (call);                                                     \
		if (st_rc_ != 0)                                                         \
			fprintf(stderr, "%s -> %d: %s\n", #call, st_rc_,                 \
				sch_error_last() ? sch_error_last()->message : "(no message)"); \
		assert_int_equal(st_rc_, 0);                                             \
	} while (0)

#endif
