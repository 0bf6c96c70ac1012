/* Final grades: quarter grades suggested from the journal's marks or set by the teacher, the annual grade from the quarters. */
#ifndef SCHEDULE_GRADES_H
#define SCHEDULE_GRADES_H

#include "common.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A final grade belongs to a pupil, a subject and a period: one of the four
 * quarters or the year. docs/reports.md has the whole rule; in short:
 *
 * - the suggested quarter grade is the average of the numeric values (from the
 *   grading scheme of the class's grade band) of the pupil's marks of that
 *   subject dated inside the quarter, rounded by the school's rule;
 * - the rule rounds up when the average's fractional part is at least
 *   `round_at` (default 0.5: 3.5 gives 4, 3.49 gives 3; a school may ask for 0.6);
 * - a grade the teacher sets (source "teacher") is kept by later suggestions;
 *   otherwise the grade follows the suggestion (source "auto");
 * - the annual grade is the same rule applied to the four quarter grades, once
 *   all four have a numeric value, unless the teacher set it;
 * - the grades of a closed quarter (the journal's quarter_locks) are frozen, and
 *   those of the year once quarter 4 is closed.
 *
 * Every change of a grade writes a row to the journal's audit trail.
 */

/* Periods of a final grade. */
typedef enum {
	SCH_PERIOD_YEAR = 0, /* the annual grade */
	SCH_PERIOD_Q1 = 1,
	SCH_PERIOD_Q2 = 2,
	SCH_PERIOD_Q3 = 3,
	SCH_PERIOD_Q4 = 4
} sch_period;

/* "q1".."q4", "1".."4", "year" to a sch_period; SCH_EINVALID (message names the text) otherwise. */
SCH_EXTERN(int) sch_period_parse(const char *text);
/* "q1".."q4", "year" as stored; NULL for another value. */
SCH_EXTERN(const char *) sch_period_name(int period);

/* The default of the rounding rule: an average rounds up from .5 on. */
#define SCH_GRADES_ROUND_AT_DEFAULT 0.5

/*
 * Rounds an average by the rule: up when its fractional part is at least
 * round_at (0 < round_at <= 1), down otherwise. Fractions are compared with a
 * tolerance of 1e-9, so that 3.6 (stored as 3.5999...) meets 0.6.
 */
SCH_EXTERN(int) sch_grades_round(double average, double round_at);

/*
 * The grade suggested by values[0..n): their average rounded by the rule, in
 * *grade (and the average in *average; either may be NULL). SCH_ENOTFOUND when
 * n is 0 (nothing to suggest), SCH_EINVALID for round_at outside (0, 1].
 */
SCH_EXTERN(int) sch_grades_suggest_value(int *grade, double *average, const double *values, size_t n,
					 double round_at);

/* The school's rounding threshold (the meta key grades.round_at; the default when unset). */
SCH_EXTERN(int) sch_grades_round_at(double *out, sch_store *st);
/* Sets it; SCH_EINVALID outside (0, 1]. */
SCH_EXTERN(int) sch_grades_set_round_at(sch_store *st, double round_at);

/* What sch_grades_suggest() did. */
typedef struct {
	int suggested; /* grades whose suggestion was (re)computed */
	int changed;   /* of them, grades whose value changed */
	int kept;      /* teacher-set grades kept although the suggestion differs */
	int years;     /* annual grades (re)computed */
} sch_grades_info;

/*
 * Recomputes the suggested grades of the active pupils of class `class_id` for
 * `subject` (NULL: every subject the class has marks or grades in) and quarter
 * `quarter` (1-4; 0: all four), then their annual grades; all of it one
 * transaction. `by` names who did it in the audit trail (NULL: the user).
 * SCH_ENOTFOUND for a class without pupils or an unknown subject, SCH_EINVALID
 * for a closed quarter (nothing is written), SCH_EDB for a database without the
 * journal. `info` may be NULL.
 */
SCH_EXTERN(int) sch_grades_suggest(sch_grades_info *info, sch_store *st, const char *class_id, const char *subject,
				   int quarter, const char *by);

/*
 * Sets a pupil's grade (`value` a mark of the pupil's grading scheme, e.g. "5")
 * as the teacher's, or with value NULL hands it back to the suggestion. The
 * annual grade follows when a quarter changed. SCH_ENOTFOUND for an unknown
 * pupil, SCH_EINVALID for a value outside the scheme or a closed period.
 */
SCH_EXTERN(int) sch_grades_set(sch_store *st, long long pupil, const char *subject, int period, const char *value,
			       const char *by);

/*
 * The subjects the active pupils of a class have marks or final grades in, sorted by
 * id: *out is an array of *n strings in one allocation, freed with sch_free().
 * SCH_ENOTFOUND / SCH_EINVALID for an unknown or empty class.
 */
SCH_EXTERN(int) sch_grades_subjects(char ***out, size_t *n, sch_store *st, const char *class_id);

#ifdef __cplusplus
}
#endif

#endif
