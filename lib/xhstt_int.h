/* The in-memory XHSTT archive shared by the reader and the evaluator (internal). */
#ifndef SCH_LIB_XHSTT_INT_H
#define SCH_LIB_XHSTT_INT_H

#include "schedule/xhstt.h"

/* The largest archive read (and read again to write a solution into it). */
#define SCH_XHSTT_MAX_BYTES ((size_t)512 << 20)

/* A list of indices (times, resources, events, groups). */
typedef struct {
	int *v;
	int n, cap;
} xh_ints;

typedef struct {
	char *id, *name;
	xh_ints members; /* ascending indices */
	int kind;        /* time groups: XH_TG_*; event groups: 1 for a Course, else 0 */
} xh_group;

enum { XH_TG_GROUP = 0, XH_TG_DAY = 1, XH_TG_WEEK = 2 };

typedef struct {
	char *id, *name;
	int kind; /* resources: index of the resource type, -1 none; otherwise unused */
} xh_named;

/* A resource slot of an instance event: a preassigned resource or an open role. */
typedef struct {
	int resource; /* -1: to be assigned by the solution */
	char *role;   /* may be NULL */
} xh_slot;

typedef struct {
	char *id, *name;
	int duration;
	int time; /* preassigned time, -1 when none */
	xh_slot *slots;
	int nslots;
	int course; /* its Course event group, -1 none */
	int line;   /* in the file */
} xh_event;

typedef enum {
	XH_UNKNOWN = 0,
	XH_ASSIGN_TIME,
	XH_AVOID_CLASHES,
	XH_AVOID_UNAVAILABLE,
	XH_PREFER_TIMES,
	XH_SPLIT_EVENTS,
	XH_DISTRIBUTE_SPLIT,
	XH_SPREAD_EVENTS,
	XH_LIMIT_IDLE,
	XH_CLUSTER_BUSY,
	XH_LINK_EVENTS
} xh_kind;

typedef enum { XH_LINEAR = 0, XH_QUADRATIC, XH_STEP } xh_costfn;

/* A time group of a SpreadEventsConstraint with its limits. */
typedef struct {
	int group, min, max;
} xh_spread;

typedef struct {
	xh_kind kind;
	char *id, *name, *type;
	int required, weight;
	xh_costfn fn;
	xh_ints points;    /* events, resources or event groups, by kind */
	unsigned char *tmask; /* AvoidUnavailable / PreferTimes: 1 for times of the set */
	xh_ints tgroups;   /* LimitIdle / ClusterBusy: time groups */
	xh_spread *spread; /* SpreadEvents */
	int nspread;
	int duration;      /* PreferTimes / DistributeSplit: -1 when absent */
	int min, max;      /* limits of LimitIdle, ClusterBusy, DistributeSplit */
	int min_dur, max_dur, min_amount, max_amount; /* SplitEvents */
	int allow_zero;    /* ClusterBusy: zero busy groups is no deviation */
	int line;          /* in the file */
} xh_constraint;

/* A solution event: one sub-event of an instance event. */
typedef struct {
	int event, duration;
	int time;      /* -1: unassigned */
	int *res;      /* its resources (copied from the event's slots, open roles filled) */
	int nres;
} xh_sub;

typedef struct {
	int group; /* index into solution group metadata */
	char *description;
	int has_report;
	int64_t rep_inf, rep_obj;
	int line;
	xh_sub *subs;
	int nsubs;
} xh_solution;

typedef struct {
	char *id, *contributor, *description, *date;
} xh_sgroup;

struct sch_xhstt {
	char *path;
	char *id, *name;
	int skipped_instances;
	xh_named *times;
	int ntimes;
	xh_group *tgroups;
	int ntgroups;
	xh_named *rtypes;
	int nrtypes;
	xh_named *resources;
	int nresources;
	xh_group *rgroups;
	int nrgroups;
	xh_event *events;
	int nevents;
	xh_group *egroups;
	int negroups;
	xh_constraint *constraints;
	int nconstraints;
	xh_sgroup *sgroups;
	int nsgroups;
	xh_solution *solutions;
	int nsolutions;
	unsigned char *tgmask; /* [group * ntimes + time]: 1 when the time is in the group */
};

/* Appends; returns -1 when out of memory. */
int sch_xhstt__ints_push(xh_ints *l, int v);
/* Sorts ascending and drops duplicates. */
void sch_xhstt__ints_uniq(xh_ints *l);

/*
 * The instance's times as a grid of days x periods (lib/xhstt_import.c): time_slot[t] =
 * day * n_periods + period; day_groups[d] the Day time group of day d (-1 when the
 * instance has no days: then all times are one day); both arrays sized by the caller
 * (ntimes, SCH_MAX_DAYS). SCH_EINVALID with the reason in `why` when the times do not
 * fit (more than 7 days, days of different lengths, a time in no day or two).
 */
int sch_xhstt__time_grid(const sch_xhstt *x, int *time_slot, int *day_groups, int *n_days, int *n_periods,
			 char *why, size_t whyn);

/*
 * The instance's grid checked against school s's (lib/xhstt_export.c): *time_slot[t] is
 * time t's slot, *time_of[slot] (SCH_MAX_SLOTS entries) the time there or -1; both
 * malloc'ed, the caller frees them, also on failure (SCH_EINVALID naming the file, SCH_ENOMEM).
 */
int sch_xhstt__grid_for(const sch_xhstt *x, const sch_school *s, int **time_slot, int **time_of);

/* An event's split into lessons: their lengths, non-increasing. */
typedef struct {
	int n;
	int len[64];
} xh_split;

/*
 * sch_xhstt_to_school with the events' splits given (`given`, one per event, used as they
 * are: no re-split to fit the days) or chosen by the importer (`given` NULL). `chosen`
 * (may be NULL; one per event) receives the splits used, *split_obj (may be NULL) their
 * soft cost in the split constraints (their required cost is *split_inf, may be NULL).
 */
int sch_xhstt__to_school_splits(const sch_xhstt *x, const sch_xhstt_import_options *opts, const xh_split *given,
				xh_split *chosen, int64_t *split_inf, int64_t *split_obj, sch_school **out,
				sch_diags *diags);
/* The cost the split constraints give event e split into `parts` (as the evaluator counts it). */
void sch_xhstt__split_cost(const sch_xhstt *x, int e, const int *parts, int n, int64_t *inf, int64_t *obj);
/* Every partition of `total` into parts of at most maxpart, non-increasing, up to cap of them:
 * list[i][0] is the number of parts, then the parts. Returns how many. */
int sch_xhstt__partitions(int total, int maxpart, int (*list)[65], int cap);

/* The best solution of the instance's SAT search (solver/xhstt_sat.c). */
typedef struct {
	xh_split *split;   /* [event]: its parts, longest first */
	int *time;         /* [event * 64 + part]: the part's time */
	int64_t objective; /* of the best solution found (its infeasibility is 0), -1 none */
	int optimal;       /* 1: proved that no cheaper solution exists */
	int solutions;     /* solutions found, each cheaper than the one before */
} xh_sat;

/*
 * The whole instance (every event's split and the times of its parts) as weighted MaxSAT:
 * the required constraints as clauses, the objective lowered one solution at a time until
 * nothing cheaper exists or `seconds` (o: cancel, progress with phase "sat", log, seed)
 * run out, from `start` (may be NULL; ignored when it breaks a required constraint).
 * Parts stay within a day; an event with a preassigned time is one part there, as the
 * importer pins it. Returns 0 with a solution in *out (free it with sch__xhstt_sat_free);
 * SCH_ECANCELLED (cancel, the progress callback) with the best so far in *out when there
 * is one (out->objective >= 0); SCH_EINFEASIBLE (proved: the required constraints cannot
 * all be met), SCH_ETIMEOUT (none found), SCH_ENOTSUP (resources to assign, linked events,
 * times that make no grid of days, an event no required AssignTime covers, a non-linear
 * deviation too large to count), SCH_ENOMEM: then nothing is in *out.
 */
int sch__xhstt_sat(const sch_xhstt *x, const sch_solve_options *o, double seconds, const xh_sat *start, xh_sat *out);
void sch__xhstt_sat_free(xh_sat *r);
/* The school of sat's splits (their split costs in *split_inf, *split_obj) and a timetable
 * with every part at the time the search gave it (lib/xhstt_solve.c). */
int sch_xhstt__sat_timetable(const sch_xhstt *x, const sch_xhstt_import_options *iopts, const xh_sat *sat,
			     sch_diags *diags, sch_school **school, sch_timetable **tt, int64_t *split_inf,
			     int64_t *split_obj);

/* The event a load line id names: the event's id, or its id + "#<length>"; -1 when none. */
int sch_xhstt__line_event(const sch_xhstt *x, const char *line_id);

#endif
