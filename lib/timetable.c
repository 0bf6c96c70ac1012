/* A timetable: the start slot of every lesson of a school and the room of every lesson part. */
#include "schedule/timetable.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"

struct sch_timetable {
	const sch_school *school;
	int n_lessons;
	int *start;    /* start slot per lesson, -1 when unplaced */
	int *part_off; /* the rooms of lesson l are room[part_off[l] .. part_off[l+1]-1] */
	int *room;     /* per lesson part, -1 for none */
	int n_parts;
};

int sch_timetable_new(sch_timetable **out, const sch_school *school)
{
	sch_timetable *tt = NULL;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_timetable_new: out is NULL");
	*out = NULL;
	if (!school)
		return sch_error_set(SCH_EINVALID, "sch_timetable_new: school is NULL");
	if (school->n_lessons > 0 && !school->lessons)
		return sch_error_set(SCH_EINVALID, "sch_timetable_new: the school is not finalized");
	tt = calloc(1, sizeof *tt);
	if (!tt)
		return sch_error_oom();
	tt->school = school;
	tt->n_lessons = school->n_lessons;
	tt->start = malloc(sizeof(int) * (size_t)(tt->n_lessons + 1));
	tt->part_off = malloc(sizeof(int) * (size_t)(tt->n_lessons + 1));
	if (!tt->start || !tt->part_off)
		goto oom;
	tt->part_off[0] = 0;
	for (int l = 0; l < tt->n_lessons; l++) {
		tt->start[l] = -1;
		tt->part_off[l + 1] = tt->part_off[l] + school->lessons[l].n_parts;
	}
	tt->n_parts = tt->part_off[tt->n_lessons];
	tt->room = malloc(sizeof(int) * (size_t)(tt->n_parts + 1));
	if (!tt->room)
		goto oom;
	for (int i = 0; i < tt->n_parts; i++)
		tt->room[i] = -1;
	*out = tt;
	return 0;
oom:
	sch_timetable_free(tt);
	return sch_error_oom();
}

int sch_timetable_copy(sch_timetable **out, const sch_timetable *src)
{
	sch_timetable *tt;
	int rc;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_timetable_copy: out is NULL");
	*out = NULL;
	if (!src)
		return sch_error_set(SCH_EINVALID, "sch_timetable_copy: src is NULL");
	rc = sch_timetable_new(&tt, src->school);
	if (rc < 0)
		return rc;
	memcpy(tt->start, src->start, sizeof(int) * (size_t)src->n_lessons);
	memcpy(tt->room, src->room, sizeof(int) * (size_t)src->n_parts);
	*out = tt;
	return 0;
}

void sch_timetable_free(sch_timetable *tt)
{
	if (!tt)
		return;
	free(tt->start);
	free(tt->part_off);
	free(tt->room);
	free(tt);
}

const sch_school *sch_timetable_school(const sch_timetable *tt)
{
	return tt ? tt->school : NULL;
}

static int check_lesson(const sch_timetable *tt, int lesson, const char *fn)
{
	if (!tt)
		return sch_error_set(SCH_EINVALID, "%s: timetable is NULL", fn);
	if (lesson < 0 || lesson >= tt->n_lessons)
		return sch_error_set(SCH_EINVALID, "%s: lesson %d does not exist (the school has %d lessons)", fn,
				     lesson, tt->n_lessons);
	return 0;
}

int sch_timetable_set(sch_timetable *tt, int lesson, int day, int period)
{
	int rc = check_lesson(tt, lesson, "sch_timetable_set");
	if (rc < 0)
		return rc;
	if (day == -1) {
		tt->start[lesson] = -1;
		return 0;
	}
	const sch_school *s = tt->school;
	if (day < 0 || day >= s->n_days)
		return sch_error_set(SCH_EINVALID, "sch_timetable_set: day %d is outside the school's days 0-%d",
				     day, s->n_days - 1);
	if (period < 0 || period >= s->n_periods)
		return sch_error_set(SCH_EINVALID,
				     "sch_timetable_set: period %d is outside the school's periods 0-%d", period,
				     s->n_periods - 1);
	/* A lesson that runs past the last bell or leaves its shift is accepted: the
	 * verifier reports it (outside_shift), and repair may pass through such states. */
	tt->start[lesson] = sch_slot(s, day, period);
	return 0;
}

int sch_timetable_get(const sch_timetable *tt, int lesson, int *day, int *period)
{
	int rc = check_lesson(tt, lesson, "sch_timetable_get");
	int d = -1, p = -1;
	if (rc < 0)
		return rc;
	if (tt->start[lesson] >= 0) {
		d = tt->start[lesson] / tt->school->n_periods;
		p = tt->start[lesson] % tt->school->n_periods;
	}
	if (day)
		*day = d;
	if (period)
		*period = p;
	return 0;
}

static int check_part(const sch_timetable *tt, int lesson, int part, const char *fn)
{
	int rc = check_lesson(tt, lesson, fn);
	if (rc < 0)
		return rc;
	int n = tt->part_off[lesson + 1] - tt->part_off[lesson];
	if (part < 0 || part >= n)
		return sch_error_set(SCH_EINVALID, "%s: lesson %d has no part %d (it has %d)", fn, lesson, part, n);
	return 0;
}

int sch_timetable_set_room(sch_timetable *tt, int lesson, int part, int room)
{
	int rc = check_part(tt, lesson, part, "sch_timetable_set_room");
	if (rc < 0)
		return rc;
	if (room < -1 || room >= tt->school->n_rooms)
		return sch_error_set(SCH_EINVALID, "sch_timetable_set_room: room %d does not exist (the school has %d rooms)",
				     room, tt->school->n_rooms);
	tt->room[tt->part_off[lesson] + part] = room;
	return 0;
}

int sch_timetable_room(const sch_timetable *tt, int lesson, int part)
{
	int rc = check_part(tt, lesson, part, "sch_timetable_room");
	if (rc < 0)
		return rc;
	return tt->room[tt->part_off[lesson] + part];
}

int sch_timetable_placed_count(const sch_timetable *tt)
{
	int n = 0;
	if (!tt)
		return 0;
	for (int l = 0; l < tt->n_lessons; l++)
		n += tt->start[l] >= 0;
	return n;
}

/*
 * Room assignment.
 *
 * A part "wants" a room when its lesson needs a room kind (rooms_needed > 0) or
 * its load line names a fixed room (then part 0 wants that room). A room is free
 * for a part when no other part holds it in any period the lesson covers.
 */

typedef struct {
	const sch_school *s;
	sch_timetable *tt;
	int *occ; /* n_rooms x slots: how many parts hold the room there */
	int slots;
} room_ctx;

/* The slots a placed lesson covers (periods past the last bell are no slot). */
static int covered_slots(const sch_school *s, int start, int length, int *slots)
{
	int n = 0, d = start / s->n_periods, p = start % s->n_periods;
	for (int k = 0; k < length && p + k < s->n_periods; k++)
		slots[n++] = sch_slot(s, d, p + k);
	return n;
}

static int room_free(const room_ctx *c, int room, const int *slots, int n)
{
	for (int i = 0; i < n; i++)
		if (c->occ[room * c->slots + slots[i]] > 0)
			return 0;
	return 1;
}

static void room_take(room_ctx *c, int room, const int *slots, int n)
{
	for (int i = 0; i < n; i++)
		c->occ[room * c->slots + slots[i]]++;
}

/* The line's fixed room as the room of `part`, or -1. */
static int fixed_room(const sch_school *s, const sch_lesson_def *l, int part)
{
	int r = s->lines[l->line].room;
	return part == 0 && r >= 0 && r < s->n_rooms ? r : -1;
}

/* Is `room` of the kind the part needs (any room when it needs no kind)? */
static int room_fits(const sch_school *s, const sch_lesson_def *l, int room)
{
	if (room < 0 || room >= s->n_rooms)
		return 0;
	if (l->rooms_needed > 0)
		return s->rooms[room].kind == l->room_kind;
	return 1;
}

/* Is `room` a right room for the part: of its kind, and its line's fixed room when
 * that one is of the kind? */
static int room_valid(const sch_school *s, const sch_lesson_def *l, int part, int room)
{
	int fixed = fixed_room(s, l, part);
	if (!room_fits(s, l, room))
		return 0;
	return fixed < 0 || !room_fits(s, l, fixed) || room == fixed;
}

/* Pupils a part brings into its room: its classes, or its share of a divided class. */
static int part_pupils(const sch_school *s, const sch_lesson_def *l, int part)
{
	const sch_line_def *ln = &s->lines[l->line];
	const sch_part_def *p = &l->parts[part];
	if (p->division >= 0 && p->class_of >= 0) {
		const sch_class_def *c = &s->classes[p->class_of];
		int g = p->division < c->n_divisions ? c->divisions[p->division].n_groups : 1;
		return g > 0 ? (c->pupils + g - 1) / g : c->pupils;
	}
	int n = 0;
	for (int i = 0; i < ln->n_classes; i++)
		n += s->classes[ln->classes[i]].pupils;
	return n;
}

/* Is room a better than room b for `need` pupils? Fitting rooms (capacity unknown
 * or large enough) first, the smallest of them, so big rooms stay for big classes;
 * then the largest of those that are too small. */
static int room_better(const sch_school *s, int a, int b, int need)
{
	int ca = s->rooms[a].capacity, cb = s->rooms[b].capacity;
	int fa = ca <= 0 || ca >= need, fb = cb <= 0 || cb >= need;
	if (fa != fb)
		return fa;
	if (fa) {
		if (ca <= 0 || cb <= 0) /* a known fitting capacity before an unknown one */
			return ca > 0 && cb <= 0;
		return ca < cb;
	}
	return ca > cb;
}

/*
 * The parts to give rooms, in the order they get them. Parts that need a room
 * kind come first, by day and start period, longer lessons first at a start:
 * rooms of a kind are interchangeable for them, and taking intervals by start
 * time is optimal for interval colouring. When a part's turn comes every room
 * taken so far is held by a part that started no later and so covers the part's
 * start, hence a room free at its start is free for its whole length, and a
 * part is left without one only when all rooms of its kind are taken at its
 * start. So no part is left out while, at every slot, the parts needing a kind
 * are no more than its rooms; and how many are left out depends only on the
 * starts and lengths, which is what the solver counts (solver/solution.c).
 * At one start and length the parts that have a right room already go first,
 * in lesson order, so that a room set by hand stays when it can. Parts that need no kind (a
 * line's fixed room, a room set by hand) come after them and never take a room
 * from one that needs it.
 */
typedef struct {
	int lesson, part;
	int other;      /* 0: needs a room kind, 1: wants a fixed room or holds one */
	int start, len; /* start slot, covered periods */
	int kept;       /* 1 when it has a right room already */
	int need;       /* pupils */
} room_want;

static int cmp_want(const void *a, const void *b)
{
	const room_want *x = a, *y = b;
	if (x->other != y->other)
		return x->other - y->other;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	if (x->kept != y->kept) /* of two parts holding one room, the lower lesson keeps it */
		return x->kept ? -1 : 1;
	if (x->need != y->need && !x->kept)
		return x->need > y->need ? -1 : 1;
	if (x->lesson != y->lesson)
		return x->lesson < y->lesson ? -1 : 1;
	return (x->part > y->part) - (x->part < y->part);
}

/* Does a room set by hand claim `room` somewhere in these slots? Such rooms are
 * avoided by parts choosing a new room, so that the hand's choice can stay. */
static int room_claimed(const room_ctx *c, const int *claim, int room, const int *slots, int n)
{
	for (int i = 0; i < n; i++)
		if (claim[room * c->slots + slots[i]] > 0)
			return 1;
	return 0;
}

int sch_timetable_assign_rooms(sch_timetable *tt)
{
	room_ctx c = {0};
	room_want *wants = NULL;
	int *claim = NULL;
	int n_wants = 0, left = 0, rc = 0;
	int slots[SCH_MAX_PERIODS];
	if (!tt)
		return sch_error_set(SCH_EINVALID, "sch_timetable_assign_rooms: timetable is NULL");
	const sch_school *s = tt->school;
	c.s = s;
	c.tt = tt;
	c.slots = s->n_days * s->n_periods;
	c.occ = calloc((size_t)s->n_rooms * (size_t)c.slots + 1, sizeof(int));
	claim = calloc((size_t)s->n_rooms * (size_t)c.slots + 1, sizeof(int));
	wants = malloc(sizeof *wants * (size_t)(tt->n_parts + 1));
	if (!c.occ || !claim || !wants) {
		rc = sch_error_oom();
		goto done;
	}
	/* Every placed part that wants a room or holds one; a room of the wrong kind is
	 * dropped, a right one stays as the part's first choice and claims its slots. */
	for (int l = 0; l < tt->n_lessons; l++) {
		const sch_lesson_def *ld = &s->lessons[l];
		if (tt->start[l] < 0)
			continue;
		int n = covered_slots(s, tt->start[l], ld->length, slots);
		for (int k = 0; k < ld->n_parts; k++) {
			int *r = &tt->room[tt->part_off[l] + k];
			int needs = ld->rooms_needed > 0, wanted = needs || fixed_room(s, ld, k) >= 0;
			if (*r >= 0 && wanted && !room_valid(s, ld, k, *r))
				*r = -1;
			for (int i = 0; *r >= 0 && i < n; i++)
				claim[*r * c.slots + slots[i]]++;
			if (*r >= 0 || wanted)
				wants[n_wants++] = (room_want){l, k, !needs, tt->start[l], n, *r >= 0,
								 part_pupils(s, ld, k)};
		}
	}
	qsort(wants, (size_t)n_wants, sizeof *wants, cmp_want);
	for (int i = 0; i < n_wants; i++) {
		int l = wants[i].lesson, k = wants[i].part, best = -1, best_claimed = 0;
		const sch_lesson_def *ld = &s->lessons[l];
		int *r = &tt->room[tt->part_off[l] + k];
		int n = covered_slots(s, tt->start[l], ld->length, slots);
		int fixed = fixed_room(s, ld, k);
		if (*r >= 0 && room_free(&c, *r, slots, n))
			best = *r;
		else if (fixed >= 0 && room_fits(s, ld, fixed) && room_free(&c, fixed, slots, n))
			best = fixed;
		else if (ld->rooms_needed > 0)
			for (int q = 0; q < s->n_rooms; q++) {
				if (s->rooms[q].kind != ld->room_kind || !room_free(&c, q, slots, n))
					continue;
				int cl = room_claimed(&c, claim, q, slots, n);
				if (best < 0 || cl < best_claimed ||
				    (cl == best_claimed && room_better(s, q, best, wants[i].need))) {
					best = q;
					best_claimed = cl;
				}
			}
		if (best >= 0)
			room_take(&c, best, slots, n);
		else if (ld->rooms_needed > 0 || fixed >= 0)
			left++;
		*r = best;
	}
	rc = left;
done:
	free(c.occ);
	free(claim);
	free(wants);
	return rc;
}
