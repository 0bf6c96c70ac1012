/* Teacher substitution: absences, ranked substitutes, the cover assignment program, and the day changes kept in the database. */
#ifndef SCHEDULE_SUBSTITUTE_H
#define SCHEDULE_SUBSTITUTE_H

#include "calendar.h"
#include "common.h"
#include "export.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A sch_subst holds what changes dated lessons: absences (a teacher, a date range,
 * a reason), day changes — a cover (another teacher gives one part of a lesson on a
 * date), a cancellation (the lesson is not given that day) and a move (the lesson
 * is given at another bell that day; a swap is two moves) — and the further
 * subjects each teacher may cover. Lessons are kept by their stable key in the
 * database, so changes outlive re-solves: a change whose lesson the school no
 * longer has, or is no longer given on its date, is "stale" and has no effect.
 */

typedef struct {
	int id;             /* its number in the database, 0 when not stored */
	int teacher;
	sch_date first, last;
	const char *reason; /* "" when none */
} sch_absence;

typedef enum { SCH_CHANGE_COVER = 1, SCH_CHANGE_CANCEL = 2, SCH_CHANGE_MOVE = 3 } sch_change_kind;

typedef struct {
	int id;           /* its number in the database, 0 when not stored */
	int kind;         /* sch_change_kind */
	sch_date date;
	int lesson;       /* in the school; -1 when the school has no such lesson any more */
	int part;         /* a cover: the part (teacher's share) covered; otherwise -1 (the whole lesson) */
	int teacher;      /* a cover: the substitute */
	int period;       /* a move: the new first bell (0-based); otherwise -1 */
	int absence;      /* the absence a cover answers, 0 none */
	const char *note; /* "" when none */
} sch_day_change;

/* An empty set for `school` (borrowed: it must outlive the set). */
SCH_EXTERN(int) sch_subst_new(sch_subst **out, const sch_school *school);
SCH_EXTERN(void) sch_subst_free(sch_subst *s);
SCH_EXTERN(const sch_school *) sch_subst_school(const sch_subst *s);
/* In memory only: adds an absence or a change (copied); the change's lesson must be the school's. */
SCH_EXTERN(int) sch_subst_add_absence(sch_subst *s, const sch_absence *a);
SCH_EXTERN(int) sch_subst_add_change(sch_subst *s, const sch_day_change *c);
SCH_EXTERN(size_t) sch_subst_absence_count(const sch_subst *s);
SCH_EXTERN(const sch_absence *) sch_subst_absence(const sch_subst *s, size_t i);
SCH_EXTERN(size_t) sch_subst_change_count(const sch_subst *s);
SCH_EXTERN(const sch_day_change *) sch_subst_change(const sch_subst *s, size_t i);
/* Whether the teacher is absent on the date. */
SCH_EXTERN(int) sch_subst_absent(const sch_subst *s, int teacher, sch_date date);
/* Whether the teacher may cover the subject by the cover list (own subjects aside). */
SCH_EXTERN(int) sch_subst_may_cover(const sch_subst *s, int teacher, int subject);
SCH_EXTERN(int) sch_subst_allow(sch_subst *s, int teacher, int subject);

/*
 * Whether a teacher is qualified for a subject: it is among the teacher's subjects,
 * the teacher teaches a load line of it, or the cover list allows it.
 * Returns 1 (own subject), 2 (by the cover list), 0 (not qualified).
 */
SCH_EXTERN(int) sch_subst_qualified(const sch_subst *s, int teacher, int subject);

/* ---- In the school database ---- */

/* Loads every absence, change and cover subject, matched to `school` by stable names. */
SCH_EXTERN(int) sch_subst_load(sch_subst **out, sch_store *st, const sch_school *school);
/*
 * Records, in one transaction: the absence `a` (may be NULL; its id is set), the
 * changes c[0..n) (covers answering the new absence get its id when their absence is
 * -1), after removing the changes of ids remove[0..n_remove). Nothing is written on
 * failure. Ids of the new changes are written back into c (may then not be const).
 */
SCH_EXTERN(int) sch_subst_record(sch_store *st, const sch_school *school, sch_absence *a, sch_day_change *c, size_t n,
				 const int *remove, size_t n_remove);
/* Removes a change by id, or with `absence` non-zero an absence and the covers answering it. */
SCH_EXTERN(int) sch_subst_remove(sch_store *st, int id, int absence);
/* Replaces the further subjects a teacher may cover. */
SCH_EXTERN(int) sch_subst_set_cover_subjects(sch_store *st, const sch_school *school, int teacher,
					     const int *subjects, size_t n);

/* ---- Checking a change ---- */

/*
 * Whether changes c[0..n) may be made together on top of the dated lessons `d`
 * (built with the current changes, over their dates): the lesson is given on that
 * date; a cover's substitute is qualified for the subject and free (not teaching,
 * not absent, available at that time, under the daily limit); a move keeps the
 * lesson in its class's shift and its teachers available; and after all of them no
 * teacher, class or room is double-booked that day (the dated verifier finds
 * nothing it did not find before). 0, or SCH_EINVALID with the reason.
 */
SCH_EXTERN(int) sch_subst_check(const sch_dated *d, const sch_day_change *c, size_t n);

/* ---- Candidates ---- */

typedef enum {
	SCH_CAND_FREE = 0,        /* can take it */
	SCH_CAND_TEACHING = 1,    /* teaches at that time (busy names the lesson) */
	SCH_CAND_ABSENT = 2,      /* absent that day */
	SCH_CAND_UNAVAILABLE = 3, /* outside the teacher's working hours */
	SCH_CAND_DAY_LIMIT = 4    /* would pass the teacher's daily limit */
} sch_cand_status;

typedef struct {
	int teacher;
	int status;        /* sch_cand_status */
	int own_subject;   /* 1: the teacher's own subject; 0: by the cover list */
	int teaches_class; /* 1 when the teacher already teaches the class */
	int covers;        /* covers given in the lesson's quarter */
	int gap;           /* idle periods the day gains (negative: fills a gap) */
	long busy;         /* TEACHING: the dated lesson in the way; -1 otherwise */
} sch_candidate;

/*
 * The teachers qualified to cover dated lesson `i` of `d` (its own teacher aside):
 * the free ones first, ranked — those who already teach the class, then those of
 * the same subject before those allowed by the cover list, then fewest covers this
 * quarter, then the smallest gap gained, then school order — then the busy ones
 * with the reason. *out is malloc'ed (free with sch_free(); NULL when *n is 0).
 */
SCH_EXTERN(int) sch_subst_candidates(sch_candidate **out, size_t *n, const sch_dated *d, size_t i);

/* ---- Covering an absence ---- */

typedef enum {
	SCH_NOCOVER_NONE = 0,        /* covered */
	SCH_NOCOVER_UNQUALIFIED = 1, /* nobody else is qualified for the subject */
	SCH_NOCOVER_BUSY = 2,        /* every qualified teacher is busy (why names them) */
	SCH_NOCOVER_TAKEN = 3        /* the free ones cover other lessons of this absence at that time */
} sch_nocover;

typedef struct {
	sch_date date;
	int lesson, part, period, length;
	int teacher;      /* the substitute, -1 when nobody can take it */
	int replaces;     /* id of an earlier cover this one replaces (the absent teacher was the substitute), 0 */
	int reason;       /* sch_nocover */
	const char *why;  /* in words when not covered: "all qualified teachers are busy: ..." */
	int candidates;   /* free qualified teachers there were */
	const sch_candidate *ranked; /* every qualified teacher, ranked as sch_subst_candidates() does */
	size_t n_ranked;
} sch_cover_item;

#define SCH_COVER_OPTIONS_VERSION 1
typedef struct {
	unsigned int version; /* SCH_COVER_OPTIONS_VERSION */
	int fairness;         /* weight of spreading covers evenly (per unit of the sum of squares); default 4 */
	double time_limit;    /* seconds for the integer program; 0 = none (default 10) */
} sch_cover_options;
#define SCH_COVER_OPTIONS_INIT { SCH_COVER_OPTIONS_VERSION, 4, 10.0 }

/*
 * Plans the cover of absence `a` (not yet in `s`): every lesson the teacher would
 * give on its school days — their own, and those they were to cover — is assigned
 * at once by a small integer program (GLPK): every lesson covered if anyone can
 * take it, nobody double-booked or over the daily limit, covers spread fairly (the
 * sum of squares of each teacher's covers this quarter), and the ranking's
 * preferences as costs. SCH_EINVALID for an absence outside the year or one that
 * overlaps another of the same teacher.
 */
SCH_EXTERN(int) sch_cover_plan_new(sch_cover_plan **out, const sch_timetable *tt, const sch_calendar *cal,
				   const sch_subst *s, const sch_absence *a, const sch_cover_options *opts);
SCH_EXTERN(void) sch_cover_plan_free(sch_cover_plan *p);
SCH_EXTERN(size_t) sch_cover_plan_count(const sch_cover_plan *p);
SCH_EXTERN(const sch_cover_item *) sch_cover_plan_item(const sch_cover_plan *p, size_t i);
SCH_EXTERN(const sch_absence *) sch_cover_plan_absence(const sch_cover_plan *p);
/* Seconds the integer program took, and whether it proved its assignment optimal. */
SCH_EXTERN(double) sch_cover_plan_seconds(const sch_cover_plan *p);
SCH_EXTERN(int) sch_cover_plan_optimal(const sch_cover_plan *p);
/* Stores the absence and the covers found; the absence's id goes to *absence_id (may be NULL). */
SCH_EXTERN(int) sch_cover_plan_apply(sch_store *st, const sch_cover_plan *p, int *absence_id);

/* ---- Cover counts and the substitution sheet ---- */

/* Covers given by a teacher: per quarter (index 1-4; 0 the year) and per calendar month (1-12). */
typedef struct {
	int teacher;
	int quarter[5];
	int month[13];
} sch_cover_count;

/* A row per teacher of the school, from the covered lessons of `d`; free *rows with sch_free(). */
SCH_EXTERN(int) sch_subst_cover_counts(sch_cover_count **rows, size_t *n, const sch_dated *d);

/*
 * The substitution sheet of dates first..last (xlsx or pdf): per date, each
 * covered, uncovered, cancelled or moved lesson with its bell and time, class,
 * subject, absent teacher, substitute and room; then the cover counts per
 * teacher per month and quarter.
 */
SCH_EXTERN(int) sch_subst_export_sheet(const sch_dated *d, sch_date first, sch_date last,
				       const sch_export_options *opts, const char *path);

/* ---- The assignment integer program (solver/cover.c) ---- */

/*
 * Items (lessons to cover) each with candidate teachers and a cost per candidate.
 * Two items of one day with a common period never share a teacher; a teacher's
 * periods of a day stay within day_room; each item is covered or left out at
 * cost `uncovered`; a teacher's k-th cover costs fairness x (2 (prior + k) - 1), so
 * that the sum of squares of covers is as small as it can be.
 */
typedef struct {
	int n_items, n_teachers, n_days;
	const int *first;           /* item i's candidates: first[i] .. first[i+1]-1 (n_items + 1 entries) */
	const int *teacher;         /* per candidate */
	const int *cost;            /* per candidate, >= 0 */
	const int *day;             /* per item: 0 .. n_days-1 */
	const uint32_t *periods;    /* per item: bit p for each bell it takes */
	const int *prior;           /* per teacher: covers before (fairness), may be NULL */
	const int *day_room;        /* per teacher x day (t * n_days + day): bells left under the daily limit, -1 unlimited; may be NULL */
	int fairness;
	int uncovered;              /* cost of an item without cover (make it dominate) */
	double time_limit;          /* seconds, 0 none */
} sch_cover_problem;

typedef struct {
	int optimal;      /* 1 when GLPK proved the assignment optimal */
	double objective;
	double seconds;
	int n_cols, n_rows;
} sch_cover_result;

/* Solves it: assign[i] = the teacher of item i, or -1. SCH_ETIMEOUT without any
 * assignment in time; SCH_EINTERNAL / SCH_ENOMEM when GLPK fails (it never prints or aborts). */
SCH_EXTERN(int) sch_cover_solve(int *assign, const sch_cover_problem *p, sch_cover_result *res);

#ifdef __cplusplus
}
#endif

#endif
