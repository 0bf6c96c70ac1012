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

/* Builds a school; returns NULL on failure. */
static sch_school *gen_school(const gen_params *gp)
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
	if (sch_school_finalize(s, NULL)) {
		sch_school_free(s);
		return NULL;
	}
	return s;
}

#endif
