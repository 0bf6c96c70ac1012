/* The hard rules as a satisfiability problem: a timetable without hard violations, or a proof that none exists. */
#ifndef SCH_SOLVER_SAT_H
#define SCH_SOLVER_SAT_H

#include "private.h"
#include "schedule/sys/solver.h"

typedef struct sat sch_sat;

enum { SCH_SAT_RUNNING = 0, SCH_SAT_FOUND, SCH_SAT_NONE, SCH_SAT_UNKNOWN };

/* The school's own hard rules as a proof names them: rule n_constraints + one of these. */
enum { SCH_SAT_PUPIL_GAPS, SCH_SAT_CLASS_DAY, SCH_SAT_SUBJECT_ONCE, SCH_SAT_TEACHER_DAY, SCH_SAT_ROOMS, SCH_SAT_FAMILIES };

/* 0 when the encoding can state every hard rule of the school exactly, else
 * SCH_ENOTSUP with the reason. */
int sch__sat_supported(const sch_school *s);

/*
 * Starts a thread that encodes the school's hard rules (every lesson placed, no clash,
 * the rules and the hard constraints; soft terms are left out) and solves them with
 * CaDiCaL for at most `seconds` and `conflicts` (<= 0: no limit; a conflict count
 * gives the same answer on any machine) or until *cancel. NULL when the school is not
 * supported or the thread could not start. The school must outlive the job.
 */
sch_sat *sch__sat_start(const sch_school *s, const volatile int *cancel, double seconds, int conflicts, uint64_t seed);

/* SCH_SAT_RUNNING while the thread works, then how it ended: FOUND, NONE (proved:
 * no timetable meets the hard rules) or UNKNOWN (stopped, out of memory). */
int sch__sat_state(const sch_sat *job);

/* Waits until one of two jobs has ended (b may be NULL) and returns it; NULL when the
 * run must stop first (cancel, the progress callback: it is called while waiting). */
sch_sat *sch__sat_first(sch_sat *a, sch_sat *b, sch_solver_ctx *ctx, const sch_solution *sol);

/* The state as an int to read atomically (sch__local_hard's found_elsewhere); NULL for NULL. */
const int *sch__sat_state_flag(const sch_sat *job);

/* Stops the thread (wait = 0) or waits for it to end, logs what it did (ctx may be
 * NULL), places a timetable it found in sol (offered to the run) and frees the job.
 * After a proof, *core (malloc'ed; when core is not NULL) lists the rules it needs, as
 * few as a short search finds: constraint indexes, and n_constraints + SCH_SAT_* for
 * the school's own rules; none when the lessons, clashes and available periods alone
 * cannot be met. Returns the state. */
int sch__sat_finish(sch_sat *job, int wait, sch_solution *sol, sch_solver_ctx *ctx, int **core, int *n_core);

#endif
