/* Building small schools in C without YAML: a builder, a canned tiny school with a zero-cost timetable. */
#include "tiny_school.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Arrays of the school grow in its arena: when the count reaches a power of two
 * (or is 0) a twice larger array is allocated and the items copied. */
static void *grow(sch_school *s, void *arr, int n, size_t size)
{
	if (n > 0 && (n < 4 || (n & (n - 1)) != 0))
		return arr;
	size_t cap = n < 4 ? 4 : (size_t)n * 2;
	void *na = sch_school_alloc(s, cap * size);
	assert_non_null(na);
	if (n > 0)
		memcpy(na, arr, (size_t)n * size);
	return na;
}

#define PUSH(s, arr, n) ((arr) = grow((s), (arr), (n), sizeof *(arr)), &(arr)[(n)++])

sch_school *ts_new(int days, int periods)
{
	sch_school *s;
	assert_int_equal(sch_school_new(&s), 0);
	assert_true(days >= 1 && days <= SCH_MAX_DAYS && periods >= 1 && periods <= SCH_MAX_PERIODS);
	s->name = sch_school_strdup(s, "Tiny school №1");
	s->year = sch_school_strdup(s, "2026-2027");
	s->source_file = sch_school_strdup(s, "tiny_school");
	s->n_days = days;
	for (int d = 0; d < days; d++)
		s->day_codes[d] = d;
	s->n_periods = periods;
	for (int p = 0; p < periods; p++)
		s->bells[p] = (sch_bell){8 * 60 + p * 50, 8 * 60 + p * 50 + 45};
	return s;
}

int ts_shift(sch_school *s, const char *id, int first, int last)
{
	assert_true(first >= 0 && first <= last && last < s->n_periods);
	sch_shift_def *sh = PUSH(s, s->shifts, s->n_shifts);
	sh->id = sch_school_strdup(s, id);
	char name[64];
	snprintf(name, sizeof name, "%s смена", id);
	sh->name = sch_school_strdup(s, name);
	sh->first = first;
	sh->last = last;
	return s->n_shifts - 1;
}

int ts_subject(sch_school *s, const char *id, int difficulty)
{
	sch_subject_def *sub = PUSH(s, s->subjects, s->n_subjects);
	sub->id = sch_school_strdup(s, id);
	sub->name_ru = sub->id;
	for (int g = 0; g <= SCH_MAX_GRADE; g++)
		sub->difficulty[g] = difficulty;
	sub->room_kind = -1;
	sub->double_rule = SCH_DOUBLE_ALLOWED;
	return s->n_subjects - 1;
}

int ts_room_kind(sch_school *s, const char *kind)
{
	for (int i = 0; i < s->n_room_kinds; i++)
		if (strcmp(s->room_kinds[i], kind) == 0)
			return i;
	char **k = PUSH(s, s->room_kinds, s->n_room_kinds);
	*k = sch_school_strdup(s, kind);
	return s->n_room_kinds - 1;
}

void ts_subject_room(sch_school *s, int subject, const char *kind)
{
	assert_true(subject >= 0 && subject < s->n_subjects);
	s->subjects[subject].room_kind = ts_room_kind(s, kind);
}

int ts_teacher(sch_school *s, const char *id, const char *name)
{
	sch_teacher_def *t = PUSH(s, s->teachers, s->n_teachers);
	t->id = sch_school_strdup(s, id);
	t->name = sch_school_strdup(s, name);
	t->methodical_day = -1;
	return s->n_teachers - 1;
}

void ts_unavailable(sch_school *s, int teacher, int day, int bell)
{
	assert_true(teacher >= 0 && teacher < s->n_teachers && day >= 0 && day < s->n_days);
	for (int p = 0; p < s->n_periods; p++)
		if (bell < 0 || p == bell)
			sch_slotset_add(&s->teachers[teacher].unavailable, sch_slot(s, day, p));
}

int ts_class(sch_school *s, const char *id, int grade, int shift, int pupils)
{
	assert_true(grade >= 1 && grade <= SCH_MAX_GRADE && shift >= 0 && shift < s->n_shifts);
	sch_class_def *c = PUSH(s, s->classes, s->n_classes);
	c->id = sch_school_strdup(s, id);
	c->grade = grade;
	c->shift = shift;
	c->pupils = pupils;
	c->week_days = s->n_days;
	c->max_per_day = grade == 1 ? 4 : grade <= 4 ? 5 : grade <= 6 ? 6 : 7;
	return s->n_classes - 1;
}

int ts_division(sch_school *s, int cls, const char *name, ...)
{
	va_list ap;
	assert_true(cls >= 0 && cls < s->n_classes);
	sch_class_def *c = &s->classes[cls];
	sch_division *dv = PUSH(s, c->divisions, c->n_divisions);
	dv->name = sch_school_strdup(s, name);
	va_start(ap, name);
	for (const char *g = va_arg(ap, const char *); g; g = va_arg(ap, const char *)) {
		char **slot = PUSH(s, dv->groups, dv->n_groups);
		*slot = sch_school_strdup(s, g);
	}
	va_end(ap);
	assert_true(dv->n_groups >= 2);
	return c->n_divisions - 1;
}

int ts_room(sch_school *s, const char *id, const char *kind, int capacity)
{
	int k = kind ? ts_room_kind(s, kind) : -1;
	sch_room_def *r = PUSH(s, s->rooms, s->n_rooms);
	r->id = sch_school_strdup(s, id);
	r->kind = k;
	r->capacity = capacity;
	return s->n_rooms - 1;
}

static sch_line_def *new_line(sch_school *s, const int *classes, int n_classes, int subject, int per_week,
			      int n_parts)
{
	assert_true(subject >= 0 && subject < s->n_subjects && n_classes >= 1 && per_week >= 1);
	sch_line_def *ln = PUSH(s, s->lines, s->n_lines);
	ln->classes = sch_school_alloc(s, sizeof(int) * (size_t)n_classes);
	ln->parts = sch_school_alloc(s, sizeof(sch_part_def) * (size_t)n_parts);
	assert_non_null(ln->classes);
	assert_non_null(ln->parts);
	for (int i = 0; i < n_classes; i++) {
		assert_true(classes[i] >= 0 && classes[i] < s->n_classes);
		ln->classes[i] = classes[i];
	}
	ln->n_classes = n_classes;
	ln->subject = subject;
	ln->per_week = per_week;
	ln->block = 1;
	ln->room = -1;
	ln->n_parts = n_parts;
	for (int p = 0; p < n_parts; p++)
		ln->parts[p] = (sch_part_def){.teacher = -1, .class_of = classes[0], .division = -1, .group = -1};
	ln->line = s->n_lines; /* stands for a line of a file in messages */
	return ln;
}

int ts_line(sch_school *s, int cls, int subject, int teacher, int per_week)
{
	sch_line_def *ln = new_line(s, &cls, 1, subject, per_week, 1);
	ln->parts[0].teacher = teacher;
	return s->n_lines - 1;
}

static void find_group(const sch_school *s, int cls, const char *name, int *division, int *group)
{
	const sch_class_def *c = &s->classes[cls];
	for (int d = 0; d < c->n_divisions; d++)
		for (int g = 0; g < c->divisions[d].n_groups; g++)
			if (strcmp(c->divisions[d].groups[g], name) == 0) {
				*division = d;
				*group = g;
				return;
			}
	fail_msg("class %s has no group %s", c->id, name);
}

int ts_line_group(sch_school *s, int cls, const char *group, int subject, int teacher, int per_week)
{
	sch_line_def *ln = new_line(s, &cls, 1, subject, per_week, 1);
	ln->parts[0].teacher = teacher;
	find_group(s, cls, group, &ln->parts[0].division, &ln->parts[0].group);
	return s->n_lines - 1;
}

int ts_line_split(sch_school *s, int cls, const char *division, int subject, const int *teachers, int per_week)
{
	const sch_class_def *c = &s->classes[cls];
	int d = -1;
	for (int i = 0; i < c->n_divisions; i++)
		if (strcmp(c->divisions[i].name, division) == 0)
			d = i;
	assert_true(d >= 0);
	sch_line_def *ln = new_line(s, &cls, 1, subject, per_week, c->divisions[d].n_groups);
	for (int g = 0; g < ln->n_parts; g++) {
		ln->parts[g].teacher = teachers[g];
		ln->parts[g].division = d;
		ln->parts[g].group = g;
	}
	return s->n_lines - 1;
}

int ts_line_joint(sch_school *s, const int *classes, int n_classes, int subject, int teacher, int per_week)
{
	sch_line_def *ln = new_line(s, classes, n_classes, subject, per_week, 1);
	ln->parts[0].teacher = teacher;
	return s->n_lines - 1;
}

void ts_line_block(sch_school *s, int line, int block)
{
	assert_true(line >= 0 && line < s->n_lines && block >= 1);
	s->lines[line].block = block;
}

void ts_line_pin(sch_school *s, int line, int day, int bell)
{
	assert_true(line >= 0 && line < s->n_lines);
	sch_line_def *ln = &s->lines[line];
	int *slot = PUSH(s, ln->pinned, ln->n_pinned);
	*slot = sch_slot(s, day, bell);
}

void ts_line_room(sch_school *s, int line, int room)
{
	assert_true(line >= 0 && line < s->n_lines && room >= -1 && room < s->n_rooms);
	s->lines[line].room = room;
}

void ts_finalize(sch_school *s)
{
	sch_diags *d;
	assert_int_equal(sch_diags_new(&d), 0);
	int rc = sch_school_finalize(s, d);
	for (size_t i = 0; i < sch_diags_count(d); i++)
		print_error("tiny school: %s\n", sch_diags_get(d, i)->message);
	sch_diags_free(d);
	assert_int_equal(rc, 0);
}

int ts_lesson(const sch_school *s, int line, int index)
{
	assert_true(line >= 0 && line < s->n_lines && index >= 0 && index < s->lines[line].n_lessons);
	return s->lines[line].first_lesson + index;
}

/* ---- the tiny school ---- */

sch_school *tiny_school_build(void)
{
	sch_school *s = ts_new(5, 6);
	int sh = ts_shift(s, "1", 0, 5);
	ts_subject(s, "math", 10);
	ts_subject(s, "english", 7);
	ts_subject(s, "history", 5);
	ts_subject(s, "pe", 3);
	ts_subject(s, "labor", 2);
	ts_subject(s, "russian", 6);
	s->subjects[TS_MATH].name_ru = sch_school_strdup(s, "Математика");
	s->subjects[TS_RUSSIAN].name_ru = sch_school_strdup(s, "Русский язык");
	ts_subject_room(s, TS_PE, "gym");
	ts_teacher(s, "asanova", "Асанова Г.К.");
	ts_teacher(s, "smith", "Smith J.");
	ts_teacher(s, "petrova", "Петрова А.И.");
	ts_teacher(s, "bakirov", "Бакиров Н.Т.");
	ts_class(s, "5А", 5, sh, 24);
	ts_class(s, "6Б", 6, sh, 26);
	ts_division(s, TS_5A, "foreign", "en1", "en2", NULL);
	ts_room(s, "201", NULL, 30);
	ts_room(s, "202", NULL, 30);
	ts_room(s, "gym", "gym", 60);

	ts_line(s, TS_5A, TS_MATH, TS_ASANOVA, 2);
	ts_line_split(s, TS_5A, "foreign", TS_ENGLISH, (const int[]){TS_SMITH, TS_PETROVA}, 2);
	ts_line_joint(s, (const int[]){TS_5A, TS_6B}, 2, TS_PE, TS_BAKIROV, 1);
	ts_line_group(s, TS_5A, "en2", TS_ENGLISH, TS_PETROVA, 1);
	ts_line(s, TS_5A, TS_RUSSIAN, TS_PETROVA, 1);
	ts_line(s, TS_6B, TS_MATH, TS_ASANOVA, 2);
	int eng = ts_line(s, TS_6B, TS_ENGLISH, TS_SMITH, 2);
	ts_line_pin(s, eng, TS_MON, 0);
	ts_line(s, TS_6B, TS_HISTORY, TS_ASANOVA, 1);
	int labor = ts_line(s, TS_6B, TS_LABOR, TS_BAKIROV, 2);
	ts_line_block(s, labor, 2);
	return s;
}

sch_school *tiny_school(void)
{
	sch_school *s = tiny_school_build();
	ts_finalize(s);
	assert_int_equal(s->n_lessons, TS_N_LESSONS);
	return s;
}

sch_timetable *tiny_timetable(const sch_school *s)
{
	static const int place[TS_N_LESSONS][2] = {
		[TS_5A_MATH1] = {TS_TUE, 1},    [TS_5A_MATH2] = {TS_THU, 1},    [TS_5A_ENGLISH1] = {TS_TUE, 0},
		[TS_5A_ENGLISH2] = {TS_THU, 0}, [TS_PE_JOINT] = {TS_FRI, 0},    [TS_5A_EN2] = {TS_WED, 0},
		[TS_5A_RUSSIAN] = {TS_MON, 0},  [TS_6B_MATH1] = {TS_WED, 1},    [TS_6B_MATH2] = {TS_FRI, 1},
		[TS_6B_ENGLISH1] = {TS_MON, 0}, [TS_6B_ENGLISH2] = {TS_WED, 0}, [TS_6B_HISTORY] = {TS_TUE, 0},
		[TS_6B_LABOR] = {TS_THU, 0},
	};
	sch_timetable *tt;
	assert_true(sch_school_lesson_count(s) >= TS_N_LESSONS);
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	for (int l = 0; l < TS_N_LESSONS; l++)
		assert_int_equal(sch_timetable_set(tt, l, place[l][0], place[l][1]), 0);
	assert_int_equal(sch_timetable_set_room(tt, TS_PE_JOINT, 0, TS_GYM), 0);
	return tt;
}

/* ---- a big random school ---- */

static unsigned next_rand(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

sch_school *ts_big_school(int n_classes, unsigned seed)
{
	static const char *const subj[] = {"math", "algebra", "russian", "kyrgyz", "english", "history",
					   "biology", "physics", "chemistry", "geography", "pe", "labor",
					   "music", "art", "informatics"};
	static const int diff[] = {10, 11, 8, 7, 7, 6, 7, 9, 10, 6, 3, 2, 2, 3, 7};
	static const int load[] = {4, 3, 4, 3, 0, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0};
	enum { N_SUBJ = 15 };
	unsigned st = seed ? seed : 1;
	char id[32], name[64];
	sch_school *s = ts_new(6, 14);
	int sh[2] = {ts_shift(s, "1", 0, 6), ts_shift(s, "2", 7, 13)};
	for (int i = 0; i < N_SUBJ; i++)
		ts_subject(s, subj[i], diff[i]);
	ts_subject_room(s, 10, "gym");
	ts_room(s, "gym1", "gym", 60);
	ts_room(s, "gym2", "gym", 60);
	int n_teachers = n_classes * 2 > 4 ? n_classes * 2 : 4;
	for (int t = 0; t < n_teachers; t++) {
		snprintf(id, sizeof id, "t%d", t);
		snprintf(name, sizeof name, "Учитель %d", t);
		ts_teacher(s, id, name);
		if (next_rand(&st) % 4 == 0)
			ts_unavailable(s, t, (int)(next_rand(&st) % 6), -1);
	}
	for (int c = 0; c < n_classes; c++) {
		snprintf(id, sizeof id, "%d%s", 5 + c % 7, (const char *[]){"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К", "Л", "М", "Н"}[(c / 7) % 13]);
		if (c >= 7 * 13)
			snprintf(id + strlen(id), sizeof id - strlen(id), "%d", c / 91);
		ts_class(s, id, 5 + c % 7, sh[c % 2], 20 + (int)(next_rand(&st) % 12));
		ts_division(s, c, "foreign", "en1", "en2", NULL);
	}
	for (int c = 0; c < n_classes; c++) {
		for (int i = 0; i < N_SUBJ; i++) {
			int t = (int)(next_rand(&st) % (unsigned)n_teachers);
			if (i == 4) { /* english: split between two teachers */
				int t2 = (t + 1) % n_teachers;
				ts_line_split(s, c, "foreign", i, (const int[]){t, t2}, 3);
			} else if (i == 14) { /* informatics: one group only */
				ts_line_group(s, c, "en1", i, t, 1);
			} else if (i == 10 && c + 2 < n_classes && c % 4 == 0) { /* pe: joint with a class of the same shift */
				ts_line_joint(s, (const int[]){c, c + 2}, 2, i, t, 2);
			} else if (i == 10 && c % 4 == 2) {
				continue; /* its pe is the joint one */
			} else if (i == 11) { /* labor: a double lesson */
				int ln = ts_line(s, c, i, t, 2);
				ts_line_block(s, ln, 2);
			} else {
				ts_line(s, c, i, t, load[i] + (i < 4 ? 1 : 0));
			}
		}
	}
	ts_finalize(s);
	return s;
}

sch_timetable *ts_random_timetable(const sch_school *s, unsigned seed)
{
	sch_timetable *tt;
	unsigned st = seed ? seed : 1;
	assert_int_equal(sch_timetable_new(&tt, s), 0);
	for (int l = 0; l < s->n_lessons; l++) {
		const sch_lesson_def *ld = &s->lessons[l];
		int n = sch_slotset_count(&ld->legal);
		if (!n)
			continue;
		int k = (int)(next_rand(&st) % (unsigned)n);
		for (int slot = 0; slot < s->n_days * s->n_periods; slot++)
			if (sch_slotset_has(&ld->legal, slot) && k-- == 0) {
				assert_int_equal(sch_timetable_set(tt, l, slot / s->n_periods, slot % s->n_periods), 0);
				break;
			}
	}
	sch_timetable_assign_rooms(tt);
	return tt;
}

/* ---- checking reports ---- */

void ts_print_report(const sch_report *rep)
{
	for (size_t i = 0; i < sch_report_count(rep); i++) {
		const sch_finding *f = sch_report_get(rep, i);
		print_message("  %s %d x%d day %d period %d lesson %d: %s\n", sch_term_name(f->term), f->amount,
			      f->weight, f->day, f->period, f->lesson, f->message);
	}
}

sch_report *ts_expect_only(const sch_timetable *tt, const sch_timetable *ref, int term, int amount)
{
	sch_report *rep;
	int bad = 0;
	assert_int_equal(sch_verify(&rep, tt, ref), 0);
	for (size_t i = 0; i < sch_report_count(rep); i++)
		if (sch_report_get(rep, i)->term != term)
			bad = 1;
	for (int t = 0; t < SCH_T_COUNT; t++)
		if (sch_report_term_amount(rep, t) != (t == term ? amount : 0))
			bad = 1;
	if (bad) {
		print_message("expected only %s = %d, found:\n", sch_term_name(term), amount);
		ts_print_report(rep);
		sch_report_free(rep);
		fail();
	}
	return rep;
}
