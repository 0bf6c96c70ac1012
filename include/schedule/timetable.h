/* A timetable: where each lesson of a school is placed (day, period, rooms). */
#ifndef SCHEDULE_TIMETABLE_H
#define SCHEDULE_TIMETABLE_H

#include "common.h"
#include "diag.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An empty timetable for `school` (borrowed: it must outlive the timetable). */
SCH_EXTERN(int) sch_timetable_new(sch_timetable **out, const sch_school *school);
SCH_EXTERN(int) sch_timetable_copy(sch_timetable **out, const sch_timetable *src);
SCH_EXTERN(void) sch_timetable_free(sch_timetable *tt);
SCH_EXTERN(const sch_school *) sch_timetable_school(const sch_timetable *tt);

/* Places a lesson at (day, period) — day and period 0-based — or unplaces it with day -1. */
SCH_EXTERN(int) sch_timetable_set(sch_timetable *tt, int lesson, int day, int period);
/* The lesson's place; *day = -1 when unplaced. */
SCH_EXTERN(int) sch_timetable_get(const sch_timetable *tt, int lesson, int *day, int *period);
/* The room of part `part` of a lesson, -1 for none. */
SCH_EXTERN(int) sch_timetable_set_room(sch_timetable *tt, int lesson, int part, int room);
SCH_EXTERN(int) sch_timetable_room(const sch_timetable *tt, int lesson, int part);
SCH_EXTERN(int) sch_timetable_placed_count(const sch_timetable *tt);
/* Gives every part that needs a room kind a free room of that kind, largest
 * capacity first; parts that keep a valid room keep it. Returns the number of
 * parts left without a room (0 when all got one). */
SCH_EXTERN(int) sch_timetable_assign_rooms(sch_timetable *tt);

/*
 * YAML and JSON forms. Lessons are named by class, subject, teacher/group and
 * their number within the load line, so a timetable still loads after the
 * school's load lines are reordered. Lessons of the file that match none of the
 * school's are reported in diags (warnings) and skipped.
 */
SCH_EXTERN(int) sch_timetable_load(sch_timetable **out, const sch_school *school, const char *path,
				   sch_diags *diags);
SCH_EXTERN(int) sch_timetable_load_buffer(sch_timetable **out, const sch_school *school,
					  const char *text, size_t len, const char *name,
					  sch_diags *diags);
typedef enum { SCH_FORMAT_YAML = 0, SCH_FORMAT_JSON = 1 } sch_tt_format;
/* Writes atomically (temporary file + rename): a failure leaves no partial file. */
SCH_EXTERN(int) sch_timetable_save(const sch_timetable *tt, const char *path, int format);
SCH_EXTERN(int) sch_timetable_to_string(char **out, size_t *len, const sch_timetable *tt, int format);

#ifdef __cplusplus
}
#endif

#endif
