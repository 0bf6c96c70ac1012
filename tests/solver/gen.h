/* A generator of synthetic schools for the solver tests: feasible by construction, seeded. */
#ifndef SCH_TEST_SOLVER_GEN_H
#define SCH_TEST_SOLVER_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schedule.h"
#include "schedule/sys/model.h"

typedef struct {
	int classes;       /* number of classes */
	int shifts;        /* 1, 2 or 3 */
	unsigned seed;
	int divisions;     /* classes of grade 5+ split for english */
	int doubles;       /* labor as a double lesson */
	int rooms;         /* gyms and computer labs */
	int unavailable;   /* some teachers unavailable a day */
	int workshops;     /* with doubles and rooms: labor needs one of this many workshops */
} gen_params;

static unsigned gen_rand(unsigned *st)
{
	*st = *st * 1103515245u + 12345u;
	return (*st >> 16) & 0x7fff;
}

typedef struct {
	const char *id;
	int per_week[12]; /* by grade 1..11 (index grade-1) */
	int difficulty;
	int kind;         /* 0 none, 1 gym, 2 computer lab */
	int split;        /* split into the english groups */
	int block;
} gen_subject;

static const gen_subject gen_subjects[] = {
	{"math", {4, 4, 4, 4, 5, 5, 5, 5, 5, 4, 4}, 10, 0, 0, 1},
	{"russian", {4, 4, 4, 4, 4, 4, 3, 3, 3, 2, 2}, 8, 0, 0, 1},
	{"kyrgyz", {3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2}, 7, 0, 0, 1},
	{"reading", {3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2}, 5, 0, 0, 1},
	{"english", {0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3}, 7, 0, 1, 1},
	{"history", {0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2}, 6, 0, 0, 1},
	{"geography", {0, 0, 0, 0, 0, 1, 2, 2, 2, 1, 1}, 6, 0, 0, 1},
	{"biology", {0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2}, 7, 0, 0, 1},
	{"physics", {0, 0, 0, 0, 0, 0, 2, 2, 3, 3, 3}, 11, 0, 0, 1},
	{"chemistry", {0, 0, 0, 0, 0, 0, 0, 2, 2, 3, 3}, 11, 0, 0, 1},
	{"informatics", {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1}, 8, 2, 0, 1},
	{"pe", {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, 3, 1, 0, 1},
	{"art", {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}, 3, 0, 0, 1},
	{"music", {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}, 2, 0, 0, 1},
	{"labor", {1, 1, 1, 1, 2, 2, 2, 2, 1, 0, 0}, 4, 0, 0, 2},
	{"nature", {0, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0}, 6, 0, 0, 1},
	{"ethics", {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1}, 3, 0, 0, 1},
	{"algebra2", {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2}, 10, 0, 0, 1},
};
#define GEN_N_SUBJECTS ((int)(sizeof gen_subjects / sizeof gen_subjects[0]))

/* ---- the constraints section ---- */

static inline sch_constraint *gen_con(sch_school *s, int type, int weight, int value)
{
	sch_constraint *c = &s->constraints[s->n_constraints++];
	c->type = type;
	c->weight = weight;
	c->value = value;
	return c;
}

static inline void gen_con_teachers(sch_school *s, sch_constraint *c, int first, int n)
{
	if (first < 0) { /* all */
		first = 0;
		n = s->n_teachers;
	}
	c->teachers = sch_school_alloc(s, sizeof(int) * (size_t)(n + 1));
	for (int i = 0; i < n && first + i < s->n_teachers; i++)
		c->teachers[c->n_teachers++] = first + i;
}

/* Classes first .. first+n-1 (first < 0: all); group >= 0: that group of the first division where there is one. */
static inline void gen_con_classes(sch_school *s, sch_constraint *c, int first, int n, int group)
{
	if (first < 0) {
		first = 0;
		n = s->n_classes;
	}
	c->students = sch_school_alloc(s, sizeof(sch_students_ref) * (size_t)(n + 1));
	for (int i = 0; i < n && first + i < s->n_classes; i++) {
		int k = first + i, g = group >= 0 && s->classes[k].n_divisions > 0 ? group : -1;
		c->students[c->n_students++] = (sch_students_ref){k, g >= 0 ? 0 : -1, g};
	}
}

static inline void gen_con_lines(sch_school *s, sch_constraint *c, const int *lines, int n)
{
	c->lines = sch_school_alloc(s, sizeof(int) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		c->lines[c->n_lines++] = lines[i];
}

static inline int gen_weight(unsigned *st)
{
	return gen_rand(st) % 2 ? SCH_WEIGHT_HARD : 1 + (int)(gen_rand(st) % 5);
}

static inline void gen_constraints(sch_school *s, int mode, unsigned *st)
{
	int T = s->n_teachers, C = s->n_classes, P = s->n_periods;
	s->constraints = sch_school_alloc(s, sizeof(sch_constraint) * (size_t)(s->n_lines + 64));
	s->n_constraints = 0;
	if (mode == 2) { /* FET-like: what the importers bring, feasible for the generated schools */
		s->rules.pupil_gaps = SCH_PUPIL_GAPS_ALLOWED;
		for (int i = 0; i < s->n_lines; i++) {
			const sch_line_def *ln = &s->lines[i];
			int n = ln->per_week / (ln->block > 0 ? ln->block : 1);
			if (n < 2)
				continue;
			sch_constraint *c = gen_con(s, SCH_CON_MIN_DAYS_BETWEEN, i % 3 ? SCH_WEIGHT_HARD : 3, 1);
			c->flags = SCH_CON_SAME_DAY_ADJACENT;
			gen_con_lines(s, c, &i, 1);
		}
		gen_con_teachers(s, gen_con(s, SCH_CON_MAX_GAPS_WEEK, SCH_WEIGHT_HARD, 6), -1, 0);
		gen_con_teachers(s, gen_con(s, SCH_CON_MAX_GAPS_DAY, 2, 1), -1, 0);
		gen_con_classes(s, gen_con(s, SCH_CON_MAX_GAPS_WEEK, SCH_WEIGHT_HARD, 0), -1, 0, -1);
		gen_con_classes(s, gen_con(s, SCH_CON_LATE_STARTS, SCH_WEIGHT_HARD, 0), -1, 0, -1);
		gen_con_classes(s, gen_con(s, SCH_CON_MIN_PER_DAY, SCH_WEIGHT_HARD, 3), -1, 0, -1);
		gen_con_teachers(s, gen_con(s, SCH_CON_MAX_DAYS, 2, 5), -1, 0);
		sch_constraint *u = gen_con(s, SCH_CON_UNAVAILABLE, SCH_WEIGHT_HARD, 0);
		gen_con_teachers(s, u, T / 2, T / 8);
		for (int d = 0; d < 6; d++)
			sch_slotset_add(&u->slots, sch_slot(s, d, P - 1));
		return;
	}
	/* every type, hard and soft, on teachers, classes and groups */
	for (int i = 0; i < s->n_lines; i += 3) {
		const sch_line_def *ln = &s->lines[i];
		if (ln->per_week < 2)
			continue;
		sch_constraint *c = gen_con(s, SCH_CON_MIN_DAYS_BETWEEN, gen_weight(st), 1 + (int)(gen_rand(st) % 3));
		c->flags = gen_rand(st) % 2 ? SCH_CON_SAME_DAY_ADJACENT : 0;
		int two[2] = {i, i + 1 < s->n_lines ? i + 1 : i};
		gen_con_lines(s, c, two, gen_rand(st) % 4 == 0 && two[1] != i ? 2 : 1);
	}
	for (int i = 0; i + 2 < s->n_lines; i += 7) {
		int three[3] = {i, i + 1, i + 2};
		gen_con_lines(s, gen_con(s, SCH_CON_SPREAD, gen_weight(st), 1 + (int)(gen_rand(st) % 2)), three, 3);
	}
	for (int i = 1; i < s->n_lines; i += 9) {
		sch_constraint *c = gen_con(s, SCH_CON_ALLOWED_STARTS, i % 2 ? 4 : SCH_WEIGHT_HARD, 0);
		for (int d = 0; d < 6; d++)
			for (int p = 0; p < P; p++)
				if (p % 7 < 4)
					sch_slotset_add(&c->slots, sch_slot(s, d, p));
		gen_con_lines(s, c, &i, 1);
	}
	for (int k = 0; k < 3; k++) {
		sch_constraint *c = gen_con(s, SCH_CON_UNAVAILABLE, k == 1 ? 3 : SCH_WEIGHT_HARD, 0);
		if (k == 0)
			gen_con_teachers(s, c, 1, 3);
		else
			gen_con_classes(s, c, k, 2, k == 2 ? 1 : -1);
		for (int d = 0; d < 6; d++)
			if (gen_rand(st) % 3 == 0)
				sch_slotset_add(&c->slots, sch_slot(s, d, (int)(gen_rand(st) % (unsigned)P)));
		sch_slotset_add(&c->slots, sch_slot(s, 4, P - 1));
	}
	gen_con_teachers(s, gen_con(s, SCH_CON_MAX_GAPS_DAY, 2, 1), -1, 0);
	s->constraints[s->n_constraints - 1].flags = SCH_CON_SKIP_UNAVAILABLE;
	gen_con_classes(s, gen_con(s, SCH_CON_MAX_GAPS_DAY, SCH_WEIGHT_HARD, 0), 0, C / 2, -1);
	gen_con_teachers(s, gen_con(s, SCH_CON_MAX_GAPS_WEEK, SCH_WEIGHT_HARD, 3), 0, T / 2);
	s->constraints[s->n_constraints - 1].flags = SCH_CON_SKIP_UNAVAILABLE;
	gen_con_classes(s, gen_con(s, SCH_CON_MAX_GAPS_WEEK, 5, 1), C / 2, C, 1);
	s->constraints[s->n_constraints - 1].flags = SCH_CON_SKIP_UNAVAILABLE;
	sch_constraint *c = gen_con(s, SCH_CON_MIN_PER_DAY, SCH_WEIGHT_HARD, 2);
	c->flags = SCH_CON_EMPTY_DAYS_OK;
	gen_con_teachers(s, c, 2, T / 3);
	gen_con_classes(s, gen_con(s, SCH_CON_MIN_PER_DAY, 2, 3), -1, 0, 0);
	gen_con_classes(s, gen_con(s, SCH_CON_MAX_PER_DAY, 3, 5), -1, 0, -1);
	gen_con_teachers(s, gen_con(s, SCH_CON_MAX_PER_DAY, SCH_WEIGHT_HARD, 4), 0, T);
	gen_con_teachers(s, gen_con(s, SCH_CON_MAX_DAYS, SCH_WEIGHT_HARD, 4), T / 3, T / 3);
	gen_con_teachers(s, gen_con(s, SCH_CON_MIN_DAYS, 2, 3), 0, T / 2);
	gen_con_classes(s, gen_con(s, SCH_CON_MIN_DAYS, SCH_WEIGHT_HARD, 5), 0, C, -1);
	gen_con_teachers(s, gen_con(s, SCH_CON_MAX_CONTINUOUS, SCH_WEIGHT_HARD, 3), 0, T);
	gen_con_classes(s, gen_con(s, SCH_CON_MAX_CONTINUOUS, 2, 4), 0, C, 1);
	gen_con_classes(s, gen_con(s, SCH_CON_LATE_STARTS, 4, 1), -1, 0, -1);
	gen_con_teachers(s, gen_con(s, SCH_CON_LATE_STARTS, SCH_WEIGHT_HARD, 2), 0, 4);
}

/* Builds a school, not finalized; returns NULL on failure. */
static inline sch_school *gen_school_build(const gen_params *gp)
{
	sch_school *s = NULL;
	unsigned st = gp->seed * 2654435761u + 7;
	if (sch_school_new(&s))
		return NULL;
	int shifts = gp->shifts < 1 ? 1 : gp->shifts > 3 ? 3 : gp->shifts;
	int per_shift = shifts == 3 ? 6 : 7;
	char buf[64];
	s->name = sch_school_strdup(s, "Generated school");
	s->source_file = sch_school_strdup(s, "generated");
	s->n_days = 6;
	for (int d = 0; d < 6; d++)
		s->day_codes[d] = d;
	s->n_periods = per_shift * shifts;
	for (int p = 0; p < s->n_periods; p++)
		s->bells[p] = (sch_bell){8 * 60 + p * 50, 8 * 60 + p * 50 + 45};
	s->n_shifts = shifts;
	s->shifts = sch_school_alloc(s, sizeof(sch_shift_def) * (size_t)shifts);
	for (int k = 0; k < shifts; k++) {
		snprintf(buf, sizeof buf, "%d", k + 1);
		s->shifts[k].id = sch_school_strdup(s, buf);
		snprintf(buf, sizeof buf, "%d смена", k + 1);
		s->shifts[k].name = sch_school_strdup(s, buf);
		s->shifts[k].first = k * per_shift;
		s->shifts[k].last = k * per_shift + per_shift - 1;
	}
	s->n_subjects = GEN_N_SUBJECTS;
	s->subjects = sch_school_alloc(s, sizeof(sch_subject_def) * GEN_N_SUBJECTS);
	int workshops = gp->rooms && gp->workshops > 0 ? gp->workshops : 0;
	s->n_room_kinds = gp->rooms ? (workshops ? 3 : 2) : 0;
	if (gp->rooms) {
		s->room_kinds = sch_school_alloc(s, sizeof(char *) * 3);
		s->room_kinds[0] = sch_school_strdup(s, "gym");
		s->room_kinds[1] = sch_school_strdup(s, "computer_lab");
		s->room_kinds[2] = sch_school_strdup(s, "workshop");
	}
	for (int j = 0; j < GEN_N_SUBJECTS; j++) {
		sch_subject_def *sub = &s->subjects[j];
		sub->id = sch_school_strdup(s, gen_subjects[j].id);
		sub->name_ru = sub->id;
		for (int g = 1; g <= SCH_MAX_GRADE; g++)
			sub->difficulty[g] = gen_subjects[j].difficulty + (g >= 7 ? 1 : 0);
		sub->room_kind = gp->rooms && gen_subjects[j].kind ? gen_subjects[j].kind - 1 : -1;
		if (workshops && strcmp(sub->id, "labor") == 0)
			sub->room_kind = 2;
		sub->double_rule = gen_subjects[j].block > 1 ? SCH_DOUBLE_ALLOWED : SCH_DOUBLE_NO;
		if (strcmp(sub->id, "pe") == 0)
			sub->avoid_periods = 1u; /* not first */
	}
	/* classes */
	s->n_classes = gp->classes;
	s->classes = sch_school_alloc(s, sizeof(sch_class_def) * (size_t)gp->classes);
	static const char *letters[] = {"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И"};
	for (int c = 0; c < gp->classes; c++) {
		sch_class_def *cl = &s->classes[c];
		int grade = 1 + c % 11;
		snprintf(buf, sizeof buf, "%d%s", grade, letters[(c / 11) % 9]);
		cl->id = sch_school_strdup(s, buf);
		cl->grade = grade;
		cl->shift = (c / 11 + (grade >= 5 && grade <= 8 ? 1 : 0)) % shifts;
		cl->pupils = 25;
		cl->week_days = grade == 1 ? 5 : 6;
		cl->max_per_day = grade == 1 ? 4 : grade <= 4 ? 5 : grade <= 6 ? 6 : 7;
		if (cl->max_per_day > per_shift)
			cl->max_per_day = per_shift;
		if (gp->divisions && grade >= 5) {
			cl->n_divisions = 1;
			cl->divisions = sch_school_alloc(s, sizeof(sch_division));
			cl->divisions[0].name = sch_school_strdup(s, "foreign");
			cl->divisions[0].n_groups = 2;
			cl->divisions[0].groups = sch_school_alloc(s, sizeof(char *) * 2);
			cl->divisions[0].groups[0] = sch_school_strdup(s, "en1");
			cl->divisions[0].groups[1] = sch_school_strdup(s, "en2");
		}
	}
	/* teachers: assigned greedily, each up to a weekly capacity */
	int cap_t = 16 + gp->classes * 30 / 2 + 64;
	s->teachers = sch_school_alloc(s, sizeof(sch_teacher_def) * (size_t)cap_t);
	int *load = calloc((size_t)cap_t, sizeof(int));
	int *tsub = calloc((size_t)cap_t, sizeof(int));
	int *tshift = calloc((size_t)cap_t, sizeof(int));
	s->n_teachers = 0;
	int cap_l = gp->classes * GEN_N_SUBJECTS + 1;
	s->lines = sch_school_alloc(s, sizeof(sch_line_def) * (size_t)cap_l);
	s->n_lines = 0;
	for (int c = 0; c < gp->classes; c++) {
		sch_class_def *cl = &s->classes[c];
		int homeroom = -1;
		for (int j = 0; j < GEN_N_SUBJECTS; j++) {
			int pw = gen_subjects[j].per_week[cl->grade - 1];
			if (pw <= 0)
				continue;
			int split = gen_subjects[j].split && cl->n_divisions > 0;
			int nt = split ? 2 : 1, tt[2] = {-1, -1};
			for (int k = 0; k < nt; k++) {
				/* primary grades: one teacher for the core subjects */
				int core = cl->grade <= 4 && gen_subjects[j].kind == 0 && !gen_subjects[j].split &&
					   strcmp(gen_subjects[j].id, "music") != 0 && strcmp(gen_subjects[j].id, "art") != 0;
				if (core && homeroom >= 0) {
					tt[k] = homeroom;
					continue;
				}
				int best = -1;
				int cap = 24;
				for (int t = 0; t < s->n_teachers; t++)
					if (tsub[t] == j && t != tt[0] && load[t] + pw <= cap &&
					    (best < 0 || load[t] < load[best]) && (tshift[t] == cl->shift || gen_rand(&st) % 4 == 0))
						best = t;
				if (best < 0 || core) {
					best = s->n_teachers++;
					sch_teacher_def *te = &s->teachers[best];
					snprintf(buf, sizeof buf, "t%d", best + 1);
					te->id = sch_school_strdup(s, buf);
					snprintf(buf, sizeof buf, "Учитель %d %s", best + 1, gen_subjects[j].id);
					te->name = sch_school_strdup(s, buf);
					te->n_subjects = 1;
					te->subjects = sch_school_alloc(s, sizeof(int));
					te->subjects[0] = j;
					te->methodical_day = -1;
					tsub[best] = core ? -1 : j;
					tshift[best] = cl->shift;
					if (core)
						homeroom = best;
				}
				tt[k] = best;
			}
			for (int k = 0; k < nt; k++)
				load[tt[k]] += pw;
			sch_line_def *ln = &s->lines[s->n_lines++];
			ln->n_classes = 1;
			ln->classes = sch_school_alloc(s, sizeof(int));
			ln->classes[0] = c;
			ln->subject = j;
			ln->per_week = pw;
			ln->block = gp->doubles && gen_subjects[j].block > 1 && pw >= 2 ? 2 : 1;
			ln->room = -1;
			ln->n_parts = nt;
			ln->parts = sch_school_alloc(s, sizeof(sch_part_def) * (size_t)nt);
			for (int k = 0; k < nt; k++) {
				ln->parts[k].teacher = tt[k];
				ln->parts[k].class_of = c;
				ln->parts[k].division = split ? 0 : -1;
				ln->parts[k].group = split ? k : -1;
			}
			ln->line = 100 + s->n_lines;
		}
	}
	for (int t = 0; t < s->n_teachers; t++) {
		sch_teacher_def *te = &s->teachers[t];
		unsigned r = gen_rand(&st) % 10;
		if (gp->unavailable && r == 0 && load[t] <= 20)
			for (int p = 0; p < s->n_periods; p++)
				sch_slotset_add(&te->unavailable, sch_slot(s, 5, p)); /* not on saturday */
		if (r == 1 || r == 2)
			te->methodical_day = (int)(gen_rand(&st) % 5);
		if (load[t] <= 18 && r >= 7)
			te->max_days = 5;
		te->max_per_day = load[t] > 24 ? 0 : 7;
	}
	if (gp->rooms) {
		int slots = 6 * per_shift;
		int pe = 0, inf = 0;
		for (int i = 0; i < s->n_lines; i++) {
			if (strcmp(gen_subjects[s->lines[i].subject].id, "pe") == 0)
				pe += s->lines[i].per_week;
			if (strcmp(gen_subjects[s->lines[i].subject].id, "informatics") == 0)
				inf += s->lines[i].per_week;
		}
		int gyms = (pe + slots * shifts / 2 - 1) / (slots * shifts / 2) + 1;
		int labs = (inf + slots * shifts / 2 - 1) / (slots * shifts / 2) + 1;
		s->n_rooms = gyms + labs + workshops + 2;
		s->rooms = sch_school_alloc(s, sizeof(sch_room_def) * (size_t)s->n_rooms);
		for (int r = 0; r < s->n_rooms; r++) {
			int kind = r < gyms ? 0 : r < gyms + labs ? 1 : r < gyms + labs + workshops ? 2 : -1;
			static const char *names[] = {"room", "gym", "lab", "workshop"};
			snprintf(buf, sizeof buf, "%s%d", names[kind + 1], r + 1);
			s->rooms[r].id = sch_school_strdup(s, buf);
			s->rooms[r].kind = kind;
			s->rooms[r].capacity = 30;
		}
	}
	free(load);
	free(tsub);
	free(tshift);
	return s;
}

/* Builds a school; returns NULL on failure. */
static sch_school *gen_school(const gen_params *gp)
{
	sch_school *s = gen_school_build(gp);
	if (s && sch_school_finalize(s, NULL)) {
		sch_school_free(s);
		return NULL;
	}
	return s;
}

/*
 * A school with the constraints section: mode 1 every type at random (hard and soft, on
 * teachers, classes and groups), mode 2 FET-like and feasible (pupils' gaps allowed, their
 * limits as constraints). Finalized; NULL on failure.
 */
static inline sch_school *gen_school_constraints(const gen_params *gp, int mode)
{
	sch_school *s = gen_school_build(gp);
	unsigned st = gp->seed * 7919u + 3;
	if (!s)
		return NULL;
	gen_constraints(s, mode, &st);
	if (sch_school_finalize(s, NULL)) {
		sch_school_free(s);
		return NULL;
	}
	return s;
}

#endif
