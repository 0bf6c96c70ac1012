/* The feasibility pre-check: counting arguments that prove a school impossible before solving. */
#ifndef SCHEDULE_PRECHECK_H
#define SCHEDULE_PRECHECK_H

#include "common.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { SCH_PRE_INFO = 0, SCH_PRE_WARNING = 1, SCH_PRE_IMPOSSIBLE = 2 } sch_precheck_level;

typedef struct {
	int level;           /* sch_precheck_level */
	const char *kind;    /* "teacher_capacity", "class_capacity", "subject_days", ... */
	const char *message; /* names the entities and the numbers */
} sch_precheck_finding;

/* Runs every counting argument; returns 0 even when the school is impossible
 * (sch_precheck_impossible() tells). */
SCH_EXTERN(int) sch_precheck_run(sch_precheck **out, const sch_school *school);
SCH_EXTERN(void) sch_precheck_free(sch_precheck *pre);
SCH_EXTERN(size_t) sch_precheck_count(const sch_precheck *pre);
SCH_EXTERN(const sch_precheck_finding *) sch_precheck_get(const sch_precheck *pre, size_t i);
SCH_EXTERN(int) sch_precheck_impossible(const sch_precheck *pre);

/*
 * A teacher's week as the pre-check counted it: `load` lesson-periods; `available`
 * slots (the periods of the shifts of the teacher's classes on their days, minus the
 * teacher's unavailable ones); `capacity` of those usable under max_per_day. Any
 * output may be NULL. Returns SCH_ENOTFOUND for an index out of range (outputs 0).
 */
SCH_EXTERN(int) sch_precheck_teacher_load(const sch_precheck *pre, int teacher, int *load, int *available,
					  int *capacity);
/* A class's week: `load` periods of its busiest group, `capacity` = week x min(shift length, max_per_day);
 * with hard `unavailable` constraints on its pupils, the group with the least room to spare and
 * its capacity without the periods they keep free. */
SCH_EXTERN(int) sch_precheck_class_load(const sch_precheck *pre, int cls, int *load, int *capacity);

#ifdef __cplusplus
}
#endif

#endif
