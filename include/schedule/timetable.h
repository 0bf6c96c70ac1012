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

/* Places a lesson at (day, period) — day and period 0-based — or unplaces it with day -1
 * (its rooms are kept). Any day and period of the school's grid is accepted, also outside
 * the lesson's shift or week: the verifier reports that. */
SCH_EXTERN(int) sch_timetable_set(sch_timetable *tt, int lesson, int day, int period);
/* The lesson's place; *day = -1 when unplaced. */
SCH_EXTERN(int) sch_timetable_get(const sch_timetable *tt, int lesson, int *day, int *period);
/* The room of part `part` of a lesson (0 .. n_parts-1), -1 for none; SCH_EINVALID for
 * a lesson, part or room out of range. */
SCH_EXTERN(int) sch_timetable_set_room(sch_timetable *tt, int lesson, int part, int room);
SCH_EXTERN(int) sch_timetable_room(const sch_timetable *tt, int lesson, int part);
SCH_EXTERN(int) sch_timetable_placed_count(const sch_timetable *tt);
/*
 * Gives rooms to the placed lessons. A part wants a room when its lesson needs a
 * room kind (rooms_needed > 0), or when it is part 0 of a load line with a fixed
 * `room`. A room of the wrong kind (or, for a part with a fixed room, another
 * room) is cleared first. Then the parts that need a kind get rooms in the order
 * of their start (day and period; at one start the longer lessons, then the
 * larger groups first), each a room free for its whole length: the room it
 * already has, else its line's fixed room, else the smallest room of its kind
 * whose capacity fits its pupils (the classes' pupils, a group's share of its
 * class), or the largest when none fits; rooms that other parts were given by
 * hand are taken last. This leaves no such part without a room as long as, at
 * every slot, the parts needing a kind are no more than the rooms of that kind.
 * Then, in the same order, the parts that need no kind keep the room they have
 * (any room) or get their fixed room when it is free. Returns the number of
 * parts left without the room they want (0 when all got one), or a negative
 * SCH_E* code.
 */
SCH_EXTERN(int) sch_timetable_assign_rooms(sch_timetable *tt);

/*
 * YAML and JSON forms. Lessons are named by class, subject, teacher/group and
 * their number within the load line, so a timetable still loads after the
 * school's load lines are reordered. Lessons of the file that match none of the
 * school's are reported in diags (warnings) and skipped. docs/timetable.md has the format.
 * Every error goes to diags (may be NULL) as file:line:col. Returns SCH_EIO when the file
 * cannot be read, SCH_EINVALID when any error was found (*out is NULL then; the last
 * error names the first), 0 otherwise (warnings may remain in diags).
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
