/* Importing FET (.fet) school files into the school model. */
#ifndef SCHEDULE_FET_H
#define SCHEDULE_FET_H

#include "common.h"
#include "diag.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One kind of thing the import could not carry over, with how often it occurs. */
typedef struct {
	const char *what;   /* the FET element ("ConstraintTeacherMaxSpanPerDay") or a description */
	int count;
	const char *reason; /* why it is not mapped */
	int line;           /* of its first occurrence */
} sch_fet_item;

/*
 * What an import did (docs/fet.md). Filled by sch_fet_import(), also when it fails after
 * the file was read; release it with sch_fet_report_free(). A zeroed report is empty.
 */
typedef struct {
	int activities;          /* <Activity> elements read */
	int lines;               /* load lines made: one per active activity carried over */
	int inactive_activities; /* skipped: <Active>false</Active> */
	int constraints;         /* time and space constraint elements read */
	int mapped;              /* of them, carried into the model (rules, constraints, pins) */
	int ignored;             /* of them, without effect in FET either: inactive, weight 0%, or
	                          * nothing left in scope (all its activities inactive) */
	int unsupported;         /* of them, not carried over: counted by type in `items` */
	int n_items;             /* unsupported constraint types and skipped activities, in order met */
	sch_fet_item *items;
	int n_notes;             /* guesses the import made (a grade read from no name, ...) */
	char **notes;
} sch_fet_report;

/* Frees what the report holds and zeroes it; NULL is harmless. */
SCH_EXTERN(void) sch_fet_report_free(sch_fet_report *report);

/*
 * Reads the FET file at `path` and builds a finalized school: days and hours, subjects,
 * teachers, a class per smallest students set (subgroup), a load line per activity (id
 * "a<Id>") and the supported constraints (docs/fet.md has the mapping). Unsupported
 * constraints are no error: they are counted in `report` (may be NULL). Failures:
 * SCH_EIO (unreadable file), SCH_EINVALID (not XML, not a FET file, more than 7 days or 18
 * hours, missing or duplicate names and ids, dangling references; each problem also goes
 * to `diags`, may be NULL, as file:line), SCH_ENOMEM. On failure *out is NULL.
 */
SCH_EXTERN(int) sch_fet_import(sch_school **out, const char *path, sch_fet_report *report, sch_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
