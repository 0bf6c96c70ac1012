/* Opaque handles of the public API. */
#ifndef SCHEDULE_TYPES_H
#define SCHEDULE_TYPES_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sch_school sch_school;       /* a loaded school model (read-only once built) */
typedef struct sch_timetable sch_timetable; /* placements of a school's lessons */
typedef struct sch_diags sch_diags;         /* diagnostics of loading and checking */
typedef struct sch_report sch_report;       /* the verifier's findings */
typedef struct sch_precheck sch_precheck;   /* findings of the feasibility pre-check */
typedef struct sch_store sch_store;         /* a school database (SQLite file) */
typedef struct sch_calendar sch_calendar;   /* a school year: quarters, breaks, holidays, transfers */
typedef struct sch_dated sch_dated;         /* the lessons of a date range, derived */
typedef struct sch_subst sch_subst;         /* absences, covers, cancellations and swaps */
typedef struct sch_cover_plan sch_cover_plan; /* proposed covers for an absence */

#ifdef __cplusplus
}
#endif

#endif
