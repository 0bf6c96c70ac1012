/* Helpers of the calendar and substitution tests: dates, checked calls, a temporary database, the fixed calendar of the tiny school. */
#ifndef SCH_TEST_CAL_H
#define SCH_TEST_CAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "schedule/calendar.h"
#include "schedule/substitute.h"
#include "schedule/sys/model.h"
#include "tiny_school.h"

/* Prints the last error when a call failed, then asserts success. */
#define CT_OK(call)                                                                      \
	do {                                                                             \
		int ct_rc_ = (call);                                                     \
		if (ct_rc_ != 0)                                                         \
			fprintf(stderr, "%s -> %d: %s\n", #call, ct_rc_,                 \
				sch_error_last() ? sch_error_last()->message : "(no message)"); \
		assert_int_equal(ct_rc_, 0);                                             \
	} while (0)

/* Asserts a failure with `code` whose message contains `text`. */
#define CT_FAILS(call, code, text)                                                                     \
	do {                                                                                           \
		int ct_rc_ = (call);                                                                   \
		if (ct_rc_ != (code) || !sch_error_last() || !strstr(sch_error_last()->message, (text))) \
			fprintf(stderr, "%s -> %d: %s (wanted %d and '%s')\n", #call, ct_rc_,           \
				sch_error_last() ? sch_error_last()->message : "(no message)", (code), (text)); \
		assert_int_equal(ct_rc_, (code));                                                      \
		assert_non_null(strstr(sch_error_last()->message, (text)));                             \
	} while (0)

static inline sch_date D(const char *iso)
{
	sch_date d;
	if (sch_date_parse(&d, iso) != 0)
		fail_msg("bad date in a test: %s", iso);
	return d;
}

/*
 * The fixed calendar of the tiny school (Monday-Friday), hand-made:
 *   year 2026-09-01 .. 2026-10-31
 *   Q1 2026-09-01 .. 2026-09-30   holiday Wed 2026-09-16, day off Mon 2026-09-21,
 *                                 Sat 2026-09-19 follows Friday's timetable
 *   (Thu 1 and Fri 2 October are in no quarter)
 *   Q2 2026-10-05 .. 2026-10-16   break "g6" 2026-10-12 .. 2026-10-18 for grade 6 only
 *   Q3 2026-10-19 .. 2026-10-23
 *   Q4 2026-10-26 .. 2026-10-30
 * School days of Q1 by the timetable they follow: Mon 3, Tue 5, Wed 4, Thu 4, Fri 5 (21).
 */
static inline sch_calendar *tiny_calendar(void)
{
	sch_calendar *c = NULL;
	CT_OK(sch_calendar_new(&c, 2026, D("2026-09-01"), D("2026-10-31")));
	CT_OK(sch_calendar_set_quarter(c, 1, D("2026-09-01"), D("2026-09-30")));
	CT_OK(sch_calendar_set_quarter(c, 2, D("2026-10-05"), D("2026-10-16")));
	CT_OK(sch_calendar_set_quarter(c, 3, D("2026-10-19"), D("2026-10-23")));
	CT_OK(sch_calendar_set_quarter(c, 4, D("2026-10-26"), D("2026-10-30")));
	CT_OK(sch_calendar_set_holiday(c, D("2026-09-16"), "Тестовый праздник"));
	CT_OK(sch_calendar_set_transfer(c, D("2026-09-21"), SCH_TRANSFER_OFF, "перенос на субботу"));
	CT_OK(sch_calendar_set_transfer(c, D("2026-09-19"), 4, "по расписанию пятницы"));
	CT_OK(sch_calendar_set_break(c, "g6", "Каникулы 6 классов", D("2026-10-12"), D("2026-10-18"), 6, 6,
				     SCH_CALENDAR_KEEP_QUARTERS));
	return c;
}

/* ---- A temporary directory for databases and exports ---- */

static char ct_dir[256];

static inline const char *ct_tmpdir(void)
{
	snprintf(ct_dir, sizeof ct_dir, "/tmp/sch-calendar-XXXXXX");
	assert_non_null(mkdtemp(ct_dir));
	return ct_dir;
}

static inline const char *ct_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", ct_dir, name);
	return buf;
}

static inline void ct_cleanup(void)
{
	char cmd[400];
	if (!ct_dir[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", ct_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", ct_dir);
	ct_dir[0] = '\0';
}

#endif
