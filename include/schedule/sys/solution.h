/* The solution state shared by the solvers: placements, occupancy and the cost kept term by term. */
#ifndef SCHEDULE_SYS_SOLUTION_H
#define SCHEDULE_SYS_SOLUTION_H

#include <stddef.h>
#include <stdint.h>

#include "../common.h"
#include "../types.h"
#include "../verify.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A solution holds the start slot of every lesson of a school and, derived from
 * them, flat occupancy counts (teacher x slot, atom x slot, room kind x slot,
 * room x slot), busy-period bitmasks per teacher-day and atom-day, and every
 * term of docs/rules.md kept incrementally. The cost it reports equals the
 * verifier's (sch_verify) on the timetable sch_solution_to_timetable() writes.
 * Rooms are assigned only then (sch_timetable_assign_rooms, which never gives
 * a taken room, so room_clash stays 0); until then room_missing counts the
 * parts that assignment leaves without a room of their kind: per room kind and
 * day, the parts are taken by start period (longer lessons first), and a part
 * misses a room when all rooms of its kind are held at its start. So the count
 * is the verifier's in every state, and 0 exactly when no slot has more parts
 * needing a kind than the kind has rooms.
 *
 * Changes are lists of (lesson, new start slot) pairs; slot -1 unplaces. Any
 * slot 0 .. days*periods-1 is accepted: illegal ones cost their hard terms.
 *
 * The constraints section is kept the same way: per (constraint, teacher or atom)
 * an amount recomputed from the week's busy masks of the teachers and atoms a
 * change touches; spread and min_days_between per constraint when one of its
 * lessons moves; allowed_starts with the lesson. SCH_T_CONSTRAINT_SOFT has the
 * sum of the soft amounts, and sch_solution_term_cost() its weighted cost.
 */
typedef struct sch_solution sch_solution;

typedef struct {
	int lesson;
	int slot; /* new start slot, -1 to unplace */
} sch_change;

/* An empty solution (every lesson unplaced). `reference` (may be NULL) is the
 * warm-start timetable: lessons placed elsewhere than there cost SCH_T_MOVED.
 * The school (and the reference, which is read once) must outlive the solution. */
SCH_EXTERN(int) sch_solution_new(sch_solution **out, const sch_school *school, const sch_timetable *reference);
SCH_EXTERN(void) sch_solution_free(sch_solution *sol);
/* Copies the placements of src into dst (same school); the trail of dst is cleared. */
SCH_EXTERN(int) sch_solution_copy_from(sch_solution *dst, const sch_solution *src);
SCH_EXTERN(const sch_school *) sch_solution_school(const sch_solution *sol);

/* The start slot of a lesson, -1 when unplaced. */
SCH_EXTERN(int) sch_solution_start(const sch_solution *sol, int lesson);
SCH_EXTERN(int) sch_solution_placed_count(const sch_solution *sol);
/* The start slot a lesson has in the reference timetable, -1 when none. */
SCH_EXTERN(int) sch_solution_reference_start(const sch_solution *sol, int lesson);

/* The cost: SCH_COST(hard, soft), and its parts. */
SCH_EXTERN(sch_cost) sch_solution_cost(const sch_solution *sol);
SCH_EXTERN(int64_t) sch_solution_hard(const sch_solution *sol);
SCH_EXTERN(int64_t) sch_solution_soft(const sch_solution *sol);
/* Amount (unweighted) and cost (weighted; the amount for hard terms) of one term. */
SCH_EXTERN(int64_t) sch_solution_term_amount(const sch_solution *sol, int term);
SCH_EXTERN(int64_t) sch_solution_term_cost(const sch_solution *sol, int term);

/*
 * Changes. Each returns 0, or SCH_EINVALID for a lesson or slot out of range
 * (nothing changes then). place needs an unplaced lesson; move takes slot -1 to
 * unplace; swap exchanges the start slots of two lessons. apply performs a
 * compound change (a lesson may appear once) and stores the cost difference
 * in *delta when delta is not NULL.
 */
SCH_EXTERN(int) sch_solution_place(sch_solution *sol, int lesson, int slot);
SCH_EXTERN(int) sch_solution_unplace(sch_solution *sol, int lesson);
SCH_EXTERN(int) sch_solution_move(sch_solution *sol, int lesson, int slot);
SCH_EXTERN(int) sch_solution_swap(sch_solution *sol, int a, int b);
SCH_EXTERN(int) sch_solution_apply(sch_solution *sol, const sch_change *changes, int n, sch_cost *delta);
/* Takes back the last apply/place/move/swap (only directly after it, before any other change). */
SCH_EXTERN(void) sch_solution_revert(sch_solution *sol);

/*
 * Delta evaluation: the cost difference the change would make, leaving the
 * solution as it is. Only the teacher-days, class-days, lines and slots the
 * change touches are looked at. A bad lesson or slot gives 0.
 */
SCH_EXTERN(sch_cost) sch_solution_delta_move(sch_solution *sol, int lesson, int slot);
SCH_EXTERN(sch_cost) sch_solution_delta_swap(sch_solution *sol, int a, int b);
SCH_EXTERN(sch_cost) sch_solution_delta(sch_solution *sol, const sch_change *changes, int n);
/* Hard and soft parts of a cost difference (the soft part may be negative). */
static inline int64_t sch_cost_delta_hard(sch_cost delta)
{
	return (delta + ((sch_cost)1 << 31)) >> 32;
}
static inline int64_t sch_cost_delta_soft(sch_cost delta)
{
	return delta - sch_cost_delta_hard(delta) * ((sch_cost)1 << 32); /* no shift of a negative value */
}

/*
 * Mark and undo: every change after a mark is recorded on a trail, and undo
 * rolls the solution back to the mark, the basis of repair and large
 * neighbourhood search. Marks nest: undo to an older mark drops newer ones.
 */
SCH_EXTERN(size_t) sch_solution_mark(sch_solution *sol);
SCH_EXTERN(void) sch_solution_undo(sch_solution *sol, size_t mark);
/* Forgets the trail (keeps the placements): marks taken before are void. */
SCH_EXTERN(void) sch_solution_trail_clear(sch_solution *sol);

/* Sets every lesson to starts[lesson] (-1 unplaced); the trail is cleared. */
SCH_EXTERN(int) sch_solution_set_starts(sch_solution *sol, const int *starts);
/* Copies the start slots into starts[0 .. lessons-1]. */
SCH_EXTERN(void) sch_solution_get_starts(const sch_solution *sol, int *starts);

/* Places the lessons as in `tt` (rooms are not read). Lessons unplaced there are unplaced. */
SCH_EXTERN(int) sch_solution_from_timetable(sch_solution *sol, const sch_timetable *tt);
/* Writes the placements into `tt` (a timetable of the same school), gives the
 * fixed rooms of load lines and assigns the other rooms (sch_timetable_assign_rooms). */
SCH_EXTERN(int) sch_solution_to_timetable(const sch_solution *sol, sch_timetable *tt);

/* Recomputes every term from scratch into terms[SCH_T_COUNT] (amounts), without
 * touching the incremental state: a check of the incremental bookkeeping. */
SCH_EXTERN(int) sch_solution_recompute(const sch_solution *sol, int64_t *terms);

/* Occupancy read by the solvers. Masks have bit p for period p of the day. */
SCH_EXTERN(uint32_t) sch_solution_teacher_day(const sch_solution *sol, int teacher, int day);
SCH_EXTERN(uint32_t) sch_solution_atom_day(const sch_solution *sol, int atom, int day);
SCH_EXTERN(int) sch_solution_teacher_count(const sch_solution *sol, int teacher, int slot);
SCH_EXTERN(int) sch_solution_atom_count(const sch_solution *sol, int atom, int slot);
/* The lesson a teacher (an atom) has at a slot when there is exactly one, else -1
 * (none, or a clash: see the counts above). */
SCH_EXTERN(int) sch_solution_teacher_lesson(const sch_solution *sol, int teacher, int slot);
SCH_EXTERN(int) sch_solution_atom_lesson(const sch_solution *sol, int atom, int slot);
/* Lessons of a subject an atom has on a day; 0 unless rules.subject_once_a_day. */
SCH_EXTERN(int) sch_solution_subject_count(const sch_solution *sol, int atom, int day, int subject);
/* Parts needing room kind k at a slot (a line's fixed room counts only when the
 * lesson needs a kind). */
SCH_EXTERN(int) sch_solution_kind_count(const sch_solution *sol, int kind, int slot);
/* The part of the hard SCH_T_CONSTRAINT amount from min_per_day and min_days: what a
 * partial timetable cannot mend by leaving lessons out. */
SCH_EXTERN(int64_t) sch_solution_con_min_hard(const sch_solution *sol);
/* Does placed lesson l take part in a broken hard constraint of the constraints section (one
 * of its own, or of its teachers or atoms on its day, or over their week)? */
SCH_EXTERN(int) sch_solution_con_violating(const sch_solution *sol, int lesson);
/* How much the hard constraints that only grow as lessons are added (unavailable, the max_*
 * limits, late_starts, min_days_between, spread) would rise if unplaced lesson l started at
 * slot, from the busy masks and the starts, without changing anything: a cheap filter for
 * construction (0 when the school has no constraints). */
SCH_EXTERN(int) sch_solution_con_rise(const sch_solution *sol, int lesson, int slot);
/* Hard and soft cost of a lesson's own terms at a slot (shift, availability,
 * forbidden and preferred periods, pinning, moves): a cheap filter. */
SCH_EXTERN(sch_cost) sch_solution_static_cost(const sch_solution *sol, int lesson, int slot);

#ifdef __cplusplus
}
#endif

#endif
