/* The reports a school sends up: knowledge quality, attendance, homework and lessons given, as tables for xlsx, pdf, csv and json. */
#ifndef SCHEDULE_REPORT_H
#define SCHEDULE_REPORT_H

#include "common.h"
#include "export.h"
#include "grades.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A report is a table: a title, a subtitle (school, year, period), columns with
 * a key (for JSON) and a title (for people), rows of texts, some of them totals,
 * and the signature line "Директор: ____". Reports are computed from the school
 * database (final grades, journal, calendar); docs/reports.md defines each figure.
 */
typedef struct sch_report_table sch_report_table;

SCH_EXTERN(void) sch_report_table_free(sch_report_table *t);
/* "quality", "attendance", "homework", "progress", "grades". */
SCH_EXTERN(const char *) sch_report_table_kind(const sch_report_table *t);
SCH_EXTERN(const char *) sch_report_table_title(const sch_report_table *t);
/* "СОШ №5 · 2026-2027 учебный год · I четверть · 9Б" */
SCH_EXTERN(const char *) sch_report_table_subtitle(const sch_report_table *t);
SCH_EXTERN(const char *) sch_report_table_school(const sch_report_table *t);
SCH_EXTERN(const char *) sch_report_table_year(const sch_report_table *t);
/* The signature line under the table. */
SCH_EXTERN(const char *) sch_report_table_footer(const sch_report_table *t);
SCH_EXTERN(int) sch_report_table_period(const sch_report_table *t);
SCH_EXTERN(int) sch_report_table_cols(const sch_report_table *t);
SCH_EXTERN(int) sch_report_table_rows(const sch_report_table *t);
SCH_EXTERN(const char *) sch_report_table_key(const sch_report_table *t, int col);
SCH_EXTERN(const char *) sch_report_table_head(const sch_report_table *t, int col);
/* 1 when the column holds numbers (an empty cell: no value). */
SCH_EXTERN(int) sch_report_table_numeric(const sch_report_table *t, int col);
/* The text of a cell, "" when empty; NULL out of range. */
SCH_EXTERN(const char *) sch_report_table_cell(const sch_report_table *t, int row, int col);
/* 1 for a total row (a class's, the school's). */
SCH_EXTERN(int) sch_report_table_total(const sch_report_table *t, int row);
/* The row whose first cells equal keys[0..n) (NULL entries match anything); -1 when none. */
SCH_EXTERN(int) sch_report_table_find(const sch_report_table *t, const char *const *keys, int n);

/*
 * Writes the table to `path` in opts->format: xlsx (a sheet), pdf (A4 landscape,
 * embedded DejaVu), csv or json. Written through a temporary file renamed at the
 * end: a failure leaves nothing behind. opts NULL: xlsx with the defaults.
 */
SCH_EXTERN(int) sch_report_table_write(const sch_report_table *t, const sch_export_options *opts, const char *path);
/* csv or json into a malloc'ed NUL-terminated string (free with sch_free()); SCH_EINVALID for xlsx, pdf. */
SCH_EXTERN(int) sch_report_table_to_string(char **out, size_t *len, const sch_report_table *t,
					   const sch_export_options *opts);

#define SCH_REPORT_OPTIONS_VERSION 1

typedef struct {
	unsigned int version;   /* SCH_REPORT_OPTIONS_VERSION */
	const char *class_id;   /* one class ("9Б"), or NULL for the whole school */
	const char *subject_id; /* one subject, or NULL for all */
	int period;             /* sch_period: 1-4 a quarter, SCH_PERIOD_YEAR the year */
} sch_report_options;

#define SCH_REPORT_OPTIONS_INIT { SCH_REPORT_OPTIONS_VERSION, NULL, NULL, SCH_PERIOD_YEAR }

/*
 * Knowledge quality and success on the final grades of the period (the grade in
 * force: the teacher's, else the suggestion). For one class: a row per subject
 * and the class's row; for the school: a row per class and the school's row.
 * Columns: pupils, 5, 4, 3, 2, not graded, quality %, success %, average.
 * SCH_ENOTFOUND for an unknown class or subject, SCH_EINVALID for an empty class
 * or a bad period, SCH_EDB for a database without the journal.
 */
SCH_EXTERN(int) sch_report_quality(sch_report_table **out, sch_store *st, const sch_report_options *opts);
/* Absences (Н), excused, late per pupil of a class (with lessons missed per subject), or per class. */
SCH_EXTERN(int) sch_report_attendance(sch_report_table **out, sch_store *st, const sch_report_options *opts);
/* Homework set per subject (and class), per quarter and the year; needs the calendar's quarters. */
SCH_EXTERN(int) sch_report_homework(sch_report_table **out, sch_store *st, const sch_report_options *opts);
/*
 * Lessons given against planned per teacher, class and subject: planned are the
 * dated lessons of the period (active timetable + calendar + substitutions) that
 * are given; given are the journal's lessons with a topic recorded.
 * SCH_ENOTFOUND without a calendar or an active timetable.
 */
SCH_EXTERN(int) sch_report_progress(sch_report_table **out, sch_store *st, const sch_report_options *opts);
/* The final grades of a class and subject ("итоговые оценки"): a row per pupil, q1..q4 and the year. */
SCH_EXTERN(int) sch_report_grades(sch_report_table **out, sch_store *st, const char *class_id,
				  const char *subject_id);

/* Counts of one group of final grades, and the figures of the quality report. */
typedef struct {
	int pupils;       /* the denominator: pupils of the class (or pupil-subject pairs) */
	int count[6];     /* count[5], [4], [3], [2]: grades; [1] and [0] unused */
	int ungraded;     /* pupils without a numeric grade */
	double sum;       /* of the grades counted, for the average */
	int graded;       /* grades in sum */
} sch_quality;

/* quality % = (5s + 4s) / pupils x 100; 0 when pupils is 0. */
SCH_EXTERN(double) sch_quality_percent(const sch_quality *q);
/* success % = (5s + 4s + 3s) / pupils x 100. */
SCH_EXTERN(double) sch_success_percent(const sch_quality *q);
/* The average grade of those graded; 0 when none. */
SCH_EXTERN(double) sch_quality_average(const sch_quality *q);
/* Counts a grade (2..5; a lower value counts as 2, a higher as 5; values < 1 as ungraded). */
SCH_EXTERN(void) sch_quality_add(sch_quality *q, int grade);

#ifdef __cplusplus
}
#endif

#endif
