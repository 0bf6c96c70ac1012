/* The school year: dates, quarters, breaks, holidays and transfers; the weekly timetable expanded into dated lessons. */
#ifndef SCHEDULE_CALENDAR_H
#define SCHEDULE_CALENDAR_H

#include "common.h"
#include "diag.h"
#include "export.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Dates ---- */

/*
 * A date is a day number: days since 1970-01-01 (day 0, a Thursday). Files and
 * the command line write dates as ISO YYYY-MM-DD; Russian-style views show
 * DD.MM.YYYY. Years 1900-2199 are accepted.
 */
typedef int32_t sch_date;
#define SCH_DATE_NONE INT32_MIN

/* The date of a year, month (1-12) and day (1-31); SCH_DATE_NONE when there is no such day. */
SCH_EXTERN(sch_date) sch_date_make(int year, int month, int day);
/* Parses "2026-09-01" (also DD.MM.YYYY); SCH_EINVALID with a message naming the text otherwise. */
SCH_EXTERN(int) sch_date_parse(sch_date *out, const char *text);
SCH_EXTERN(void) sch_date_split(sch_date date, int *year, int *month, int *day);
/* 0 = Monday .. 6 = Sunday: the day codes of sch_day_code(). */
SCH_EXTERN(int) sch_date_weekday(sch_date date);
/* "2026-09-01" into buf (at least 11 bytes); returns buf. */
SCH_EXTERN(char *) sch_date_iso(sch_date date, char *buf);
/* "01.09.2026" into buf (at least 11 bytes); returns buf. */
SCH_EXTERN(char *) sch_date_dmy(sch_date date, char *buf);

/* ---- The calendar ---- */

/*
 * A school year runs from its first to its last day and has four quarters inside
 * it. Lessons are given on the days of a quarter that are not a holiday, not in a
 * break of the class's grade and not a day off; the timetable of a date is that
 * of its weekday, or of the weekday a transfer names (a Saturday that follows
 * Monday's timetable). Whether the weekday is one of the class's days decides
 * the rest (grade 1 has a five-day week).
 */

/* A quarter: number 1-4 and its first and last day. */
typedef struct {
	sch_date first, last;
} sch_quarter;

/* A break (каникулы) for a range of grades: 1-12 means every grade. */
typedef struct {
	const char *id;   /* "autumn", "winter", "spring", "grade1" or the operator's own */
	const char *name; /* "Осенние каникулы" */
	sch_date first, last;
	int grade_min, grade_max;
} sch_break;

typedef struct {
	sch_date date;
	const char *name; /* "Нооруз" */
} sch_holiday;

/* A transfer: a working day that follows another weekday's timetable, or a weekday off. */
#define SCH_TRANSFER_OFF (-1)
typedef struct {
	sch_date date;
	int follows;      /* day code 0 (Monday) .. 6, or SCH_TRANSFER_OFF */
	const char *note; /* "" when none */
} sch_transfer;

/* An empty calendar of the school year that starts in `year` (2026 for 2026/27):
 * no quarters, breaks or holidays yet; first and last day as given. */
SCH_EXTERN(int) sch_calendar_new(sch_calendar **out, int year, sch_date first, sch_date last);
SCH_EXTERN(int) sch_calendar_copy(sch_calendar **out, const sch_calendar *cal);
/* NULL is harmless. */
SCH_EXTERN(void) sch_calendar_free(sch_calendar *cal);

/*
 * Generates the school year that starts in `year` from a defaults file (docs/calendar.md
 * has the format). `defaults` NULL takes the Kyrgyz defaults that ship with the
 * project (calendar-kg.yaml: the installed copy under share/schedule when there is one,
 * else the copy compiled into the library). Problems of the file go to
 * `diags` (may be NULL) as file:line:col; SCH_EINVALID when there is any error, SCH_EIO
 * when the file cannot be read.
 */
SCH_EXTERN(int) sch_calendar_generate(sch_calendar **out, int year, const char *defaults, sch_diags *diags);
/* The path of the shipped defaults file that sch_calendar_generate() reads, or NULL when
 * none is found (the compiled-in copy is used then). */
SCH_EXTERN(const char *) sch_calendar_defaults_path(void);

SCH_EXTERN(int) sch_calendar_year(const sch_calendar *cal);
SCH_EXTERN(sch_date) sch_calendar_first(const sch_calendar *cal);
SCH_EXTERN(sch_date) sch_calendar_last(const sch_calendar *cal);
/* Where it came from ("calendar-kg.yaml", "edited"); never NULL. */
SCH_EXTERN(const char *) sch_calendar_source(const sch_calendar *cal);
/* Quarter n (1-4); SCH_EINVALID for another n, SCH_ENOTFOUND when it is not set. */
SCH_EXTERN(int) sch_calendar_quarter(const sch_calendar *cal, int n, sch_quarter *out);
/* Breaks by first day, holidays and transfers by date; borrowed until the next edit. */
SCH_EXTERN(size_t) sch_calendar_break_count(const sch_calendar *cal);
SCH_EXTERN(const sch_break *) sch_calendar_break(const sch_calendar *cal, size_t i);
SCH_EXTERN(size_t) sch_calendar_holiday_count(const sch_calendar *cal);
SCH_EXTERN(const sch_holiday *) sch_calendar_holiday(const sch_calendar *cal, size_t i);
SCH_EXTERN(size_t) sch_calendar_transfer_count(const sch_calendar *cal);
SCH_EXTERN(const sch_transfer *) sch_calendar_transfer(const sch_calendar *cal, size_t i);
/* The school weeks a grade must have in the year (0: no norm). */
SCH_EXTERN(int) sch_calendar_norm_weeks(const sch_calendar *cal, int grade);

/*
 * Edits, one at a time. Each checks its own dates (inside the year, quarters in
 * order and not overlapping, a break not before its start ...) and on failure
 * returns SCH_EINVALID with the reason, leaving the calendar as it was.
 *
 * Moving the year's first (last) day moves the first day of quarter 1 (last of
 * quarter 4) with it when they were equal. Moving a break moves the quarters next
 * to it (the one ending just before it, the one starting just after it; only
 * Sundays and holidays may lie between) unless SCH_CALENDAR_KEEP_QUARTERS is given.
 */
#define SCH_CALENDAR_KEEP_QUARTERS 1
SCH_EXTERN(int) sch_calendar_set_range(sch_calendar *cal, sch_date first, sch_date last, int flags);
SCH_EXTERN(int) sch_calendar_set_quarter(sch_calendar *cal, int n, sch_date first, sch_date last);
/* Adds or changes the break `id`; name NULL keeps the old name (or takes the id). */
SCH_EXTERN(int) sch_calendar_set_break(sch_calendar *cal, const char *id, const char *name, sch_date first,
				       sch_date last, int grade_min, int grade_max, int flags);
SCH_EXTERN(int) sch_calendar_remove_break(sch_calendar *cal, const char *id);
SCH_EXTERN(int) sch_calendar_set_holiday(sch_calendar *cal, sch_date date, const char *name);
SCH_EXTERN(int) sch_calendar_remove_holiday(sch_calendar *cal, sch_date date);
SCH_EXTERN(int) sch_calendar_set_transfer(sch_calendar *cal, sch_date date, int follows, const char *note);
SCH_EXTERN(int) sch_calendar_remove_transfer(sch_calendar *cal, sch_date date);
/* Sets the norm of school weeks for grades lo..hi (0 clears it). */
SCH_EXTERN(int) sch_calendar_set_norm_weeks(sch_calendar *cal, int grade_lo, int grade_hi, int weeks);

/* What a date is in the calendar. */
typedef enum {
	SCH_DAY_SCHOOL = 0,     /* lessons, for the classes whose week has `follows` */
	SCH_DAY_OUTSIDE = 1,    /* before the first or after the last day of the year */
	SCH_DAY_NO_QUARTER = 2, /* inside the year, in no quarter */
	SCH_DAY_BREAK = 3,      /* in a break of the grade asked */
	SCH_DAY_HOLIDAY = 4,
	SCH_DAY_OFF = 5         /* a weekday off by a transfer */
} sch_day_kind;

typedef struct {
	int kind;         /* sch_day_kind */
	int quarter;      /* 1-4, 0 when in none */
	int follows;      /* day code of the timetable the date follows (its weekday, or a transfer's) */
	const char *name; /* the holiday's or break's name, or the transfer's note; "" otherwise */
} sch_day_info;

/* What `date` is for pupils of `grade` (0: breaks of any grade count). */
SCH_EXTERN(int) sch_calendar_day(const sch_calendar *cal, sch_date date, int grade, sch_day_info *out);

/* School days and weeks of a grade: index 0 is the year, 1-4 the quarters. */
typedef struct {
	int grade;
	int week_days;   /* days a week of the grade's classes (the longest week among them) */
	int days[5];
	double weeks[5]; /* days / week_days */
	int norm;        /* weeks the calendar asks for, 0 none */
} sch_calendar_weeks;

/*
 * Counts the school days of `grade` with the week of the school's classes of that
 * grade (school NULL, or no class of that grade: Monday-Saturday, and Monday-Friday
 * for grade 1).
 */
SCH_EXTERN(int) sch_calendar_grade_weeks(const sch_calendar *cal, const sch_school *school, int grade,
					 sch_calendar_weeks *out);

/*
 * Checks the whole calendar: quarters set, in order, not overlapping, inside the
 * year; no quarter starting on a holiday, a break or a day off; breaks, holidays and
 * transfers inside the year; school weeks of each grade of the school (1-11 when
 * school is NULL) against the norm (a warning where a grade falls short). Findings go to
 * diags (not NULL) as errors and warnings without a place; SCH_EINVALID when any is an error.
 */
SCH_EXTERN(int) sch_calendar_validate(const sch_calendar *cal, const sch_school *school, sch_diags *diags);

/* ---- In the school database ---- */

/* Loads the calendar of the database; SCH_ENOTFOUND when none was made yet. */
SCH_EXTERN(int) sch_calendar_load(sch_calendar **out, sch_store *st);
/* Replaces the database's calendar by `cal`, in one transaction. */
SCH_EXTERN(int) sch_calendar_save(sch_store *st, const sch_calendar *cal);

/* ---- Dated lessons ---- */

typedef enum {
	SCH_DATED_PLANNED = 0,   /* as the timetable says */
	SCH_DATED_COVERED = 1,   /* its teacher is absent; a substitute gives it */
	SCH_DATED_UNCOVERED = 2, /* its teacher is absent and nobody covers it yet */
	SCH_DATED_CANCELLED = 3  /* cancelled for that day */
} sch_dated_status;

/* One part of a lesson on one date (a split lesson has a part per group). */
typedef struct {
	sch_date date;
	int lesson, part;  /* in the school */
	int day;           /* index of the school day whose timetable the date follows */
	int period;        /* first bell (0-based) that day, after a swap */
	int length;
	int teacher;       /* who gives it: the substitute when covered; the part's teacher otherwise (-1 none) */
	int own_teacher;   /* the part's teacher in the timetable */
	int room;          /* -1 none */
	int quarter;       /* 1-4 */
	int status;        /* sch_dated_status */
	int moved;         /* 1 when a swap put it at another bell that day */
	int change;        /* id of the stored cover, cancellation or swap, 0 none */
} sch_dated_lesson;

/*
 * Expands a timetable over the school days first..last of the calendar (dates
 * outside the year are left out), with the absences, covers, cancellations and
 * swaps of `subst` (may be NULL). The timetable and its school, the calendar and
 * subst must outlive the result. Lessons are ordered by date, bell, lesson, part.
 */
SCH_EXTERN(int) sch_dated_new(sch_dated **out, const sch_timetable *tt, const sch_calendar *cal,
			      const sch_subst *subst, sch_date first, sch_date last);
SCH_EXTERN(void) sch_dated_free(sch_dated *d);
SCH_EXTERN(size_t) sch_dated_count(const sch_dated *d);
SCH_EXTERN(const sch_dated_lesson *) sch_dated_get(const sch_dated *d, size_t i);
/* The lessons of one date: indexes [*first, *first + n). Returns n. */
SCH_EXTERN(size_t) sch_dated_on(const sch_dated *d, sch_date date, size_t *first);
SCH_EXTERN(const sch_timetable *) sch_dated_timetable(const sch_dated *d);
SCH_EXTERN(const sch_calendar *) sch_dated_calendar(const sch_dated *d);
SCH_EXTERN(const sch_subst *) sch_dated_subst(const sch_dated *d);
/* Whether dated lesson i is given (not cancelled, not left uncovered). */
SCH_EXTERN(int) sch_dated_given(const sch_dated_lesson *l);

/* Lessons per class and quarter: counts[c * 5 + q], q 0 = the year, 1-4 the quarters.
 * A lesson counts once per class however many parts it has; only given lessons count.
 * The caller frees *counts with sch_free(). */
SCH_EXTERN(int) sch_dated_class_counts(int **counts, const sch_dated *d);

/* Lessons of a load line for one class: given and planned per quarter (0 = the year). */
typedef struct {
	int line;        /* the load line */
	int cls;         /* the class (a joint line has a row per class) */
	int per_week;
	int given[5];
	int planned[5];  /* per_week x school weeks of the class (quarters); the year: per_week x norm weeks */
	double weeks[5];
} sch_dated_line_report;

/* A row per load line and class, in class order then line order; free *rows with sch_free(). */
SCH_EXTERN(int) sch_dated_lines(sch_dated_line_report **rows, size_t *n, const sch_dated *d);

/* ---- The dated verifier ---- */

typedef enum {
	SCH_DV_TEACHER_CLASH = 0, /* a teacher has two lessons at once */
	SCH_DV_CLASS_CLASH = 1,   /* pupils of a class (or group) have two lessons at once */
	SCH_DV_ROOM_CLASH = 2,    /* two lessons in one room at once */
	SCH_DV_ABSENT = 3,        /* an absent teacher gives a lesson (as substitute, or a swapped one) */
	SCH_DV_OUTSIDE_DAY = 4    /* a swapped lesson runs past the last bell */
} sch_dv_kind;

typedef struct {
	int kind;       /* sch_dv_kind */
	sch_date date;
	int period;     /* bell, 0-based */
	int entity;     /* the teacher, class or room */
	int a, b;       /* the dated lessons involved (b -1 when one) */
	char message[200];
} sch_dv_finding;

/*
 * Checks every date of `d`: no teacher, class (group) or room double-booked, no absent
 * teacher teaching. *findings (free with sch_free(); may be NULL when *n is 0) lists them.
 */
SCH_EXTERN(int) sch_dated_verify(sch_dv_finding **findings, size_t *n, const sch_dated *d);

/* ---- Exports ---- */

/*
 * The week of `monday` (any date of the week) as grids with the dates in the day
 * headers ("Понедельник 22.08.2022"): for opts->view SCH_VIEW_CLASS, _TEACHER or
 * _ROOM (with opts->filter for one), a sheet (page) each; SCH_VIEW_ALL gives every
 * class and teacher. xlsx and pdf only. Covers, cancellations and uncovered lessons
 * are marked in the cells; holidays and breaks are named in the day headers.
 */
SCH_EXTERN(int) sch_dated_export_week(const sch_dated *d, sch_date monday, const sch_export_options *opts,
				      const char *path);

#ifdef __cplusplus
}
#endif

#endif
