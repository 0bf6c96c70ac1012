/* Neighbourhoods shared by the repair and the local search: swaps within a class, Kempe chains. */
#ifndef SCH_SOLVER_MOVES_H
#define SCH_SOLVER_MOVES_H

#include "private.h"
#include "schedule/sys/solver.h"

/* What the move code keeps about a school beyond the model. */
typedef struct {
	const sch_school *s;
	int L, S, P, D;
	int *shape;     /* L: lessons of equal shape (same atoms, same length) share the number */
	int *lclass;    /* L: class of the lesson's first atom, -1 none */
	sch_change *buf; /* scratch for compound changes, 2*L */
	int *mark;      /* L: stamps for Kempe chains */
	int stamp;
	int *queue;     /* L */
	char *whole;    /* L: covers every group of its class (lclass) */
} sch_moves;

int sch_moves_init(sch_moves *m, const sch_school *s);
void sch_moves_free(sch_moves *m);

/* Does lesson l share a teacher or an atom with lesson k? */
int sch_moves_conflict(const sch_school *s, int l, int k);
/* Do lessons l and k share an atom (pupils)? */
int sch_moves_share_atom(const sch_school *s, int l, int k);

/*
 * The Kempe chain that swaps the periods [a, a+k) and [b, b+k) starting from
 * lesson l of length k (which must start at a or b; a double lesson swaps two
 * pairs of periods): every lesson that would clash (a teacher or an atom) with
 * a lesson of the chain where that one goes joins it, and each moves to the
 * other interval at the same offset. A joining lesson that sticks out of its
 * interval, or is pinned, ends the attempt. Fills m->buf and returns the number
 * of changes, 0 when there is no chain (overlapping intervals, past the last
 * bell), or -1 when it fails or grows past max_len.
 */
int sch_moves_kempe(sch_moves *m, const sch_solution *sol, int l, int a, int b, int max_len);

/*
 * Moves lesson l (which covers every group of its class) to start slot t and
 * keeps its class's days gap-free: on its old day the class's lessons after it
 * close up, on the new day those from t on move later by l's length (on one
 * day: a rotation of the lessons between). Fills m->buf (l first) and returns
 * the number of changes, 0 when there is nothing to do, -1 when a lesson of
 * the class straddles the cut, is pinned or would run past the last bell.
 */
int sch_moves_shift(sch_moves *m, const sch_solution *sol, int l, int t);

/* A random lesson that is not pinned and shares pupils with lesson l, -1 when
 * none turns up: what to move when l itself is pinned where it breaks a rule
 * (a gap before it, which only another lesson can fill). */
int sch_moves_neighbour(const sch_moves *m, int l, sch_solver_ctx *ctx);

/* Does lesson l take part in a hard violation (or is it unplaced)? */
int sch_moves_violating(const sch_moves *m, const sch_solution *sol, int l);
/* Lessons whose placement takes part in a hard violation (or are unplaced), into out; returns how many. */
int sch_moves_violations(const sch_moves *m, const sch_solution *sol, int *out);

#endif
