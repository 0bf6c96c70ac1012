/* Building small schools in C without YAML: a builder, a canned tiny school with a zero-cost timetable. */
#ifndef SCH_TEST_TINY_SCHOOL_H
#define SCH_TEST_TINY_SCHOOL_H

#include "helpers.h"
#include "schedule/sys/model.h"

/*
 * The builder fills an unfinalized school; every index is 0-based, days and
 * bells too (bell 0 = the first lesson of the day). Each ts_* call returns the
 * new entity's index and fails the running test on out of memory or bad
 * arguments. Change any field of the school directly before ts_finalize()
 * (rules and weights also after it).
 *
 *     sch_school *s = ts_new(5, 6);                 // mon-fri, 6 bells, no shifts yet
 *     int sh = ts_shift(s, "1", 0, 5);
 *     int math = ts_subject(s, "math", 10);
 *     int t = ts_teacher(s, "asanova", "Асанова Г.К.");
 *     int c = ts_class(s, "5А", 5, sh, 25);
 *     ts_division(s, c, "foreign", "en1", "en2", NULL);
 *     int ln = ts_line(s, c, math, t, 4);
 *     ts_finalize(s);
 *     int lesson = ts_lesson(s, ln, 0);
 */
sch_school *ts_new(int days, int periods);
int ts_shift(sch_school *s, const char *id, int first, int last);
/* A subject with one difficulty for every grade. */
int ts_subject(sch_school *s, const char *id, int difficulty);
/* The subject needs a room of this kind (the kind is added when new). */
void ts_subject_room(sch_school *s, int subject, const char *kind);
int ts_room_kind(sch_school *s, const char *kind);
int ts_teacher(sch_school *s, const char *id, const char *name);
/* Marks the teacher unavailable at (day, bell); bell -1 for the whole day. */
void ts_unavailable(sch_school *s, int teacher, int day, int bell);
/* A class of all the school's days, max_per_day from the sanitary table by grade. */
int ts_class(sch_school *s, const char *id, int grade, int shift, int pupils);
/* A division of a class into the groups named after `name` (NULL-terminated). */
int ts_division(sch_school *s, int cls, const char *name, ...);
/* A room; kind NULL for an ordinary room. */
int ts_room(sch_school *s, const char *id, const char *kind, int capacity);
/* Load lines; teacher -1 for none. Each returns the line's index. */
int ts_line(sch_school *s, int cls, int subject, int teacher, int per_week);
int ts_line_group(sch_school *s, int cls, const char *group, int subject, int teacher, int per_week);
/* A split lesson: one part per group of the division, teachers[i] for group i. */
int ts_line_split(sch_school *s, int cls, const char *division, int subject, const int *teachers, int per_week);
int ts_line_joint(sch_school *s, const int *classes, int n_classes, int subject, int teacher, int per_week);
void ts_line_block(sch_school *s, int line, int block);
/* Appends a pinned start slot to the line (given to its lessons in order). */
void ts_line_pin(sch_school *s, int line, int day, int bell);
void ts_line_room(sch_school *s, int line, int room);
/* Finalizes; fails the test when the school has errors. */
void ts_finalize(sch_school *s);
/* The index of lesson `index` (0-based) of a load line; only after ts_finalize. */
int ts_lesson(const sch_school *s, int line, int index);

/*
 * The tiny school: mon-fri, 6 bells, shift "1" = bells 1-6 (0-5 here),
 * rules and weights at their defaults (teacher_gap 3, ..., subject_once_a_day,
 * hard_difficulty 8).
 *
 *   classes  5А (grade 5, 24 pupils, divisions foreign: en1 en2), 6Б (grade 6, 26 pupils); max 6 a day
 *   teachers asanova "Асанова Г.К.", smith "Smith J.", petrova "Петрова А.И.", bakirov "Бакиров Н.Т."
 *   subjects math 10 (hard), english 7, history 5, pe 3 (room kind gym), labor 2, russian 6
 *   rooms    201 (30), 202 (30), gym (kind gym, 60)
 *   lines    0 5А math asanova x2            lessons 0 1
 *            1 5А english split en1 smith / en2 petrova x2   2 3
 *            2 5А+6Б pe bakirov x1 (joint)   4
 *            3 5А group en2 english petrova x1   5
 *            4 5А russian petrova x1          6
 *            5 6Б math asanova x2             7 8
 *            6 6Б english smith x2, the first pinned at mon 1   9 10
 *            7 6Б history asanova x1          11
 *            8 6Б labor bakirov, one double lesson (block 2)   12
 *
 * tiny_timetable() places them at zero cost (no hard violation, soft cost 0):
 *
 *        mon            tue               wed              thu              fri
 *   5А   1 russian      1 english (split) 1 english (en2)  1 english split  1 pe (gym)
 *                       2 math                              2 math
 *   6Б   1 english (p)  1 history         1 english        1-2 labor        1 pe (gym)
 *                                         2 math                            2 math
 */
enum { TS_MON, TS_TUE, TS_WED, TS_THU, TS_FRI };
enum { TS_ASANOVA, TS_SMITH, TS_PETROVA, TS_BAKIROV };
enum { TS_5A, TS_6B };
enum { TS_MATH, TS_ENGLISH, TS_HISTORY, TS_PE, TS_LABOR, TS_RUSSIAN };
enum { TS_R201, TS_R202, TS_GYM };
enum {
	TS_L_5A_MATH, TS_L_5A_ENGLISH, TS_L_PE, TS_L_5A_EN2, TS_L_5A_RUSSIAN,
	TS_L_6B_MATH, TS_L_6B_ENGLISH, TS_L_6B_HISTORY, TS_L_6B_LABOR
};
enum {
	TS_5A_MATH1, TS_5A_MATH2, TS_5A_ENGLISH1, TS_5A_ENGLISH2, TS_PE_JOINT, TS_5A_EN2, TS_5A_RUSSIAN,
	TS_6B_MATH1, TS_6B_MATH2, TS_6B_ENGLISH1, TS_6B_ENGLISH2, TS_6B_HISTORY, TS_6B_LABOR,
	TS_N_LESSONS
};

/* The tiny school, not finalized (change it, then ts_finalize), or finalized. */
sch_school *tiny_school_build(void);
sch_school *tiny_school(void);
/* The zero-cost timetable of the tiny school (pe in the gym); lessons of lines
 * added after the tiny school's own are left unplaced. */
sch_timetable *tiny_timetable(const sch_school *s);

/*
 * A big random school for speed and stress: n_classes classes of grades 5-11 in
 * two shifts (7 bells each, 14 bells, 6 days), a division into two groups in
 * every class, ~33 lessons a class (split, joint and double lessons among them),
 * about n_classes * 2 teachers, a gym. Finalized. The same seed gives the same school.
 */
sch_school *ts_big_school(int n_classes, unsigned seed);
/* Places every lesson of a school at a random legal start slot (clashes allowed). */
sch_timetable *ts_random_timetable(const sch_school *s, unsigned seed);

/* Verifies tt and fails the test unless the report has exactly the findings of
 * `term` summing to `amount` and nothing else (amount 0: no finding at all).
 * Returns the report (caller frees). */
sch_report *ts_expect_only(const sch_timetable *tt, const sch_timetable *ref, int term, int amount);
/* Prints a report's findings (for failing tests). */
void ts_print_report(const sch_report *rep);

#endif
