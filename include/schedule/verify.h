/* The independent verifier: every hard violation and soft cost of a timetable, term by term. */
#ifndef SCHEDULE_VERIFY_H
#define SCHEDULE_VERIFY_H

#include "common.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The terms; docs/rules.md defines how each is counted. */
typedef enum {
	/* hard */
	SCH_T_MISSING = 0,         /* a lesson is not placed */
	SCH_T_OUTSIDE_SHIFT,       /* outside the class's shift or week */
	SCH_T_TEACHER_UNAVAILABLE, /* in a slot the teacher is not available */
	SCH_T_FORBIDDEN_PERIOD,    /* in a period the subject forbids */
	SCH_T_TEACHER_CLASH,       /* a teacher teaches two lessons at once */
	SCH_T_CLASS_CLASH,         /* pupils of a class or group have two lessons at once */
	SCH_T_ROOM_CLASH,          /* two lessons in one room at once */
	SCH_T_ROOM_MISSING,        /* a lesson lacks a room of the kind it needs */
	SCH_T_PUPIL_GAP,           /* pupils idle between lessons, or a late start */
	SCH_T_CLASS_DAY_LIMIT,     /* more lessons a day than the class's grade allows */
	SCH_T_TEACHER_DAY_LIMIT,   /* more lessons a day than the teacher's limit */
	SCH_T_SUBJECT_TWICE,       /* a subject twice a day for a class */
	SCH_T_PINNED_MOVED,        /* a pinned lesson not at its slot */
	SCH_T_CONSTRAINT,          /* a hard rule of the constraints section broken */
	/* soft */
	SCH_T_TEACHER_GAP,         /* idle periods between a teacher's lessons in a shift */
	SCH_T_TEACHER_DAYS,        /* working days above the teacher's wish */
	SCH_T_METHODICAL_DAY,      /* lessons on a teacher's methodical day */
	SCH_T_SPREAD,              /* a subject's lessons on neighbouring days */
	SCH_T_DIFFICULTY,          /* a class's week off the difficulty curve */
	SCH_T_HARD_PERIODS,        /* a hard subject outside the best lessons of the day */
	SCH_T_CLASS_BALANCE,       /* a class's days uneven */
	SCH_T_PERIOD_PREF,         /* a lesson in an avoided or not preferred period */
	SCH_T_MOVED,               /* a lesson moved from the reference timetable */
	SCH_T_CONSTRAINT_SOFT,     /* a soft rule of the constraints section broken (each its own weight) */
	SCH_T_COUNT
} sch_term;

#define SCH_T_FIRST_SOFT SCH_T_TEACHER_GAP

/* Cost as one value: hard violations in the high 32 bits, weighted soft cost below. */
typedef int64_t sch_cost;
#define SCH_COST(hard, soft) (((sch_cost)(hard) << 32) + (sch_cost)(soft))
#define SCH_COST_HARD(c) ((int64_t)((c) >> 32))
#define SCH_COST_SOFT(c) ((int64_t)((c) & 0xffffffff))

typedef struct {
	int term;            /* sch_term */
	int amount;          /* unweighted count (violations, idle periods, points...) */
	int weight;          /* 1 for hard terms */
	int day;             /* 0-based, -1 when the finding is not about one day */
	int period;          /* 0-based, -1 when not about one period */
	int lesson;          /* a lesson involved, -1 when none */
	const char *message; /* in an operator's words, naming the entities */
} sch_finding;

/*
 * Checks `tt` against every rule of its school. `reference` (may be NULL) is a
 * previous timetable: lessons placed elsewhere than there cost SCH_T_MOVED.
 */
SCH_EXTERN(int) sch_verify(sch_report **out, const sch_timetable *tt, const sch_timetable *reference);
SCH_EXTERN(void) sch_report_free(sch_report *report);
SCH_EXTERN(size_t) sch_report_count(const sch_report *report);
SCH_EXTERN(const sch_finding *) sch_report_get(const sch_report *report, size_t i);
/* Sum of amounts of the hard terms. */
SCH_EXTERN(int64_t) sch_report_hard(const sch_report *report);
/* Sum of amount x weight of the soft terms. */
SCH_EXTERN(int64_t) sch_report_soft(const sch_report *report);
SCH_EXTERN(sch_cost) sch_report_cost(const sch_report *report);
/* Amount (unweighted) and cost (weighted) of one term. SCH_T_CONSTRAINT_SOFT costs the sum of
 * amount x weight of each soft constraint (its findings carry that constraint's weight). */
SCH_EXTERN(int64_t) sch_report_term_amount(const sch_report *report, int term);
SCH_EXTERN(int64_t) sch_report_term_cost(const sch_report *report, int term);
/* "teacher_gap", and whether a term is hard. */
SCH_EXTERN(const char *) sch_term_name(int term);
SCH_EXTERN(int) sch_term_is_hard(int term);
/* The school's weight of a term: 1 for hard terms; for a soft term its `weights` key. The
 * soft constraints (constraint_soft) weigh each by its own weight: 1 is returned for them. */
SCH_EXTERN(int) sch_term_weight(const sch_school *school, int term);
/*
 * The report as JSON, malloc'ed; free with sch_free():
 * {"hard": N, "soft": N, "terms": {"missing": {"amount": N, "cost": N, "weight": N}, ...},
 *  "findings": [{"term": "teacher_clash", "hard": true, "amount": N, "weight": N, "cost": N,
 *                "day": "tue" or null, "period": 1-based bell or null, "lesson": index or null,
 *                "message": "..."}, ...]}
 */
SCH_EXTERN(int) sch_report_to_json(char **out, const sch_report *report);

#ifdef __cplusplus
}
#endif

#endif
