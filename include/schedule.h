/* libschedule: school timetables — the umbrella header. */
#ifndef SCHEDULE_H
#define SCHEDULE_H

#include "schedule/common.h"
#include "schedule/types.h"
#include "schedule/diag.h"
#include "schedule/school.h"
#include "schedule/timetable.h"
#include "schedule/verify.h"
#include "schedule/precheck.h"
#include "schedule/text.h"
#include "schedule/export.h"
#include "schedule/store.h"
#include "schedule/xhstt.h"
#include "schedule/fet.h"
#include "schedule/calendar.h"
#include "schedule/substitute.h"
#include "schedule/pupils.h"
#include "schedule/journal.h"
#include "schedule/grades.h"
#include "schedule/report.h"

#endif
