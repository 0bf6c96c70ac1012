/* Building report tables, shared by lib/report*.c and lib/grades*.c (internal). */
#ifndef SCH_LIB_REPORT_INT_H
#define SCH_LIB_REPORT_INT_H

#include "schedule/report.h"
#include "store_int.h"

#define SCH_REPORT_MAX_COLS 64

struct sch_report_table {
	char *kind, *title, *subtitle, *school, *year, *footer;
	int period;
	int n_cols;
	char *key[SCH_REPORT_MAX_COLS], *head[SCH_REPORT_MAX_COLS];
	unsigned char numeric[SCH_REPORT_MAX_COLS];
	int n_rows, cap_rows;
	char **cells;          /* n_rows x n_cols, NULL = "" */
	unsigned char *total;  /* per row */
	int fill;              /* cells of the last row filled */
	int oom;
};

/* A table of `kind` with a title; school, year and period go into the subtitle with `what`
 * (a class name, may be NULL). NULL on out of memory. */
sch_report_table *sch_report__new(const char *kind, const char *title, const char *school, const char *year,
				  int period, const char *what);
/* Adds a column; numeric 1: cells are numbers (or empty); 2: short texts shown centred (grades). */
void sch_report__col(sch_report_table *t, const char *key, const char *head, int numeric);
/* Starts a row (a total row when total is non-zero). */
void sch_report__row(sch_report_table *t, int total);
/* The next cell of the current row. */
void sch_report__cell(sch_report_table *t, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A percentage or average with one decimal ("83.3"), "" when den is 0. */
void sch_report__ratio(sch_report_table *t, double num, double den, double scale);
/* Returns 0, or SCH_ENOMEM (freeing nothing) when an allocation failed while building. */
int sch_report__check(const sch_report_table *t);

/* The school's name and year for titles (the current school, the calendar's year): malloc'ed, "" when none. */
int sch_report__school(sch_store *st, char **name, char **year);
/* "I четверть", "год" for subtitles. */
const char *sch_report__period_title(int period);
/* First and last date (ISO) of a period from the calendar; SCH_ENOTFOUND without a calendar or quarter. */
int sch_report__period_dates(sch_store *st, int period, char first[11], char last[11]);

/* The marks of a grading scheme with their numeric scores (grading_schemes.spec). */
typedef struct {
	char value[32];
	double score;
	int has_score; /* 0: a mark that is not averaged */
} sch_score_item;

typedef struct {
	sch_score_item *items;
	int n;
	char scheme[64];
} sch_scores;

/* The scheme of the band holding `grade`; SCH_ENOTFOUND when no band holds it. */
int sch_report__scores(sch_store *st, int grade, sch_scores *out);
void sch_report__scores_free(sch_scores *s);
/* 1 with *score set for a mark of the scheme that has a score, 0 otherwise. */
int sch_report__score(const sch_scores *s, const char *value, double *score);
/* 1 for any mark of the scheme. */
int sch_report__in_scheme(const sch_scores *s, const char *value);
/* "5, 4, 3, 2": the scheme's marks for messages, into buf. */
void sch_report__scheme_marks(const sch_scores *s, char *buf, size_t n);

/*
 * A class named in a request: its grade (from the school when one is stored, else the
 * leading digits of the id) and its active pupils. SCH_ENOTFOUND for a class neither
 * the school nor the pupils know (with the nearest name), SCH_EINVALID for a class
 * without active pupils. `school` may be NULL.
 */
int sch_report__class(sch_store *st, const sch_school *school, const char *class_id, int *grade, int *pupils);
/* The current school or NULL (no school stored); errors other than "none" are returned. */
int sch_report__load_school(sch_school **out, sch_store *st);
/* 1 when quarter q (1-4) is closed in quarter_locks. */
int sch_report__quarter_closed(sch_store *st, int q, int *closed);

#endif
