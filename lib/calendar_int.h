/* Internals of the calendar, dated lessons and substitution, shared by lib/calendar*.c, dated.c, substitute.c and export_dated.c. */
#ifndef SCH_LIB_CALENDAR_INT_H
#define SCH_LIB_CALENDAR_INT_H

#include "schedule/calendar.h"
#include "schedule/substitute.h"
#include "schedule/sys/model.h"

struct sch_calendar {
	int year;
	sch_date first, last;
	sch_quarter q[4]; /* first == SCH_DATE_NONE: not set */
	sch_break *breaks;
	size_t n_breaks;
	sch_holiday *holidays; /* sorted by date, unique */
	size_t n_holidays;
	sch_transfer *transfers; /* sorted by date, unique */
	size_t n_transfers;
	int weeks[SCH_MAX_GRADE + 1];
	char *source;
};

/* What one date of the year is: built for a range by sch_calendar__days(). */
typedef struct {
	int quarter;            /* 1-4, 0 none (also outside the year) */
	int follows;            /* day code of the timetable of the date */
	int closed;             /* a holiday, a day off, or outside the year */
	uint32_t break_grades;  /* bit g set: in a break of grade g */
} sch_cal_day;

/* The facts of dates first..last (last - first + 1 entries, malloc'ed). */
int sch_calendar__days(const sch_calendar *cal, sch_date first, sch_date last, sch_cal_day **out);

/* The school day index of a class for a day code: the class has lessons on days
 * 0 .. week_days-1 of the school's days; -1 when that code is not one of them. */
int sch_calendar__class_day(const sch_school *s, int cls, int code);
/* Whether a class has lessons on a date of that description (and which school day). */
static inline int sch_calendar__class_open(const sch_school *s, int cls, const sch_cal_day *cd, int *day)
{
	*day = -1;
	if (cd->quarter == 0 || cd->closed)
		return 0;
	if (cd->break_grades & (1u << s->classes[cls].grade))
		return 0;
	*day = sch_calendar__class_day(s, cls, cd->follows);
	return *day >= 0;
}

struct sch_subst {
	const sch_school *school;
	sch_absence *abs;
	size_t n_abs, cap_abs;
	sch_day_change *ch;
	size_t n_ch, cap_ch;
	unsigned char *allow; /* n_teachers x n_subjects: may cover by the cover list */
	size_t stale;          /* stored changes whose lesson the school lacks */
};

struct sch_dated {
	const sch_timetable *tt;
	const sch_school *s;
	const sch_calendar *cal;
	const sch_subst *subst;
	sch_date first, last;      /* the range asked (clipped to the year) */
	sch_dated_lesson *v;
	size_t n;
	size_t *date_off;          /* lessons of date first+k: v[date_off[k] .. date_off[k+1]) */
	sch_cal_day *days;         /* per date */
	int empty;                 /* the range holds no date of the year */
};

/* The text of a date for messages: "2026-12-01 (вт)" style, into buf (>= 24 bytes). */
const char *sch_calendar__date_text(sch_date d, char *buf);

/* d itself, or the nearest date from d in the direction of step (+1 / -1) that is neither a
 * Sunday nor a holiday: where a quarter next to a break starts or ends. */
sch_date sch_calendar__work_day(const sch_calendar *c, sch_date d, int step);

#endif
