/* The school model's layout: flat, read-only arrays for solvers, the verifier and importers. */
#ifndef SCHEDULE_SYS_MODEL_H
#define SCHEDULE_SYS_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "../common.h"
#include "../types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Time is a grid of days x periods. A slot is day * n_periods + period, 0-based.
 * Every index below is 0-based into the school's arrays; -1 means "none".
 * A school built by sch_school_finalize() is immutable: the arrays may be read
 * from several threads at once.
 */
#define SCH_MAX_DAYS 7
#define SCH_MAX_PERIODS 18
#define SCH_MAX_SLOTS 128
#define SCH_MAX_GRADE 12
#define SCH_MAX_ATOMS_PER_CLASS 64

typedef struct {
	uint64_t w[2];
} sch_slotset;

static inline bool sch_slotset_has(const sch_slotset *s, int slot)
{
	return (s->w[slot >> 6] >> (slot & 63)) & 1u;
}
static inline void sch_slotset_add(sch_slotset *s, int slot)
{
	s->w[slot >> 6] |= (uint64_t)1 << (slot & 63);
}
static inline void sch_slotset_del(sch_slotset *s, int slot)
{
	s->w[slot >> 6] &= ~((uint64_t)1 << (slot & 63));
}
static inline int sch_slotset_count(const sch_slotset *s)
{
	return __builtin_popcountll(s->w[0]) + __builtin_popcountll(s->w[1]);
}

/* A bell: one period of the day, minutes after midnight. */
typedef struct {
	int start_min, end_min;
} sch_bell;

/* A shift is a contiguous range of periods [first, last]. */
typedef struct {
	char *id;   /* "1", "2" */
	char *name; /* "1 смена" */
	int first, last;
} sch_shift_def;

typedef enum {
	SCH_DOUBLE_NO = 0,      /* lessons are single */
	SCH_DOUBLE_ALLOWED = 1, /* a line may ask for blocks */
	SCH_DOUBLE_REQUIRED = 2 /* lessons come in pairs (block 2 by default) */
} sch_double_rule;

typedef struct {
	char *id;
	char *name_ru, *name_ky;
	int difficulty[SCH_MAX_GRADE + 1]; /* by grade 1..12; 0 when unknown */
	int room_kind;                     /* index into room_kinds, -1 none */
	int double_rule;                   /* sch_double_rule */
	/* Positions in the class's shift: bit k is position k+1 (docs/rules.md). */
	uint32_t prefer_periods;           /* soft; 0 = no preference */
	uint32_t avoid_periods;            /* soft */
	uint32_t forbid_periods;           /* hard */
	int line, col;                     /* where it was defined */
} sch_subject_def;

typedef struct {
	char *id;
	char *name;
	int *subjects; /* qualifications */
	int n_subjects;
	sch_slotset unavailable; /* hard */
	int max_per_day;         /* hard; 0 = no limit */
	int max_days;            /* soft: working days above it cost; 0 = no limit */
	int methodical_day;      /* soft: a wanted free day, -1 none */
	uint32_t prefer_periods; /* soft; bit k is bell k+1 of the day */
	uint32_t avoid_periods;
	int line, col;
} sch_teacher_def;

/* A division splits a class into groups (foreign: en1, en2). */
typedef struct {
	char *name;
	char **groups;
	int n_groups;
} sch_division;

/*
 * The pupils of a class are partitioned into atoms: one per combination of the
 * groups of its divisions (a class without divisions has one atom). A lesson
 * occupies a set of atoms; two lessons clash when their atoms meet. Atoms are
 * numbered across the school: class c owns atoms atom_first .. atom_first+n_atoms-1.
 */
typedef struct {
	char *id; /* "5А" */
	int grade;
	int shift;
	int pupils;
	int week_days; /* the class has lessons on days 0 .. week_days-1 */
	int max_per_day;
	sch_division *divisions;
	int n_divisions;
	int atom_first, n_atoms;
	int line, col;
} sch_class_def;

typedef struct {
	char *id;
	int kind; /* index into room_kinds, -1 for an ordinary room */
	int capacity;
	int line, col;
} sch_room_def;

/* One teacher's share of a lesson: a split lesson has one part per group. */
typedef struct {
	int teacher;          /* -1 when the line names no teacher */
	int *atoms;           /* the atoms this part teaches, ascending */
	int n_atoms;
	int class_of;         /* the class of the atoms (first class for joint lessons) */
	int division, group;  /* the group taught, -1/-1 for whole classes */
} sch_part_def;

/* A load line as written in the input. */
typedef struct {
	int *classes; /* one, or several for joint lessons */
	int n_classes;
	int subject;
	int per_week;
	int block;        /* lessons per block: 1 single, 2 double ... */
	int room;         /* a fixed room, -1 none */
	int n_parts;
	sch_part_def *parts;
	int *pinned;      /* n_pinned start slots, given to the line's lessons in order */
	int n_pinned;
	char *id;         /* optional name, for constraints and importers (FET activity id); NULL none */
	int first_lesson; /* its lessons are first_lesson .. first_lesson+n_lessons-1 */
	int n_lessons;
	int line, col;    /* in the input */
} sch_line_def;

/* A lesson: the unit the solver places, `length` consecutive periods on one day. */
typedef struct {
	int line;         /* its load line */
	int index;        /* its number within the line, 0-based */
	int subject;
	int length;
	int pinned;       /* start slot, -1 when free */
	int n_parts;
	const sch_part_def *parts; /* borrowed from the line */
	int *atoms;       /* union of the parts' atoms, ascending */
	int n_atoms;
	int *teachers;    /* distinct teachers of the parts, ascending */
	int n_teachers;
	int *classes;     /* distinct classes, ascending */
	int n_classes;
	int shift;        /* of its (first) class */
	int week_days;    /* min over its classes */
	int rooms_needed; /* parts needing a room of room_kind */
	int room_kind;    /* -1 none */
	sch_slotset legal; /* start slots meeting shift, week, availability, forbidden periods */
} sch_lesson_def;

/* Weights of the soft terms; 0 switches a term off. */
typedef struct {
	int teacher_gap;      /* per idle period of a teacher between lessons in one shift */
	int teacher_days;     /* per working day above a teacher's max_days */
	int methodical_day;   /* per lesson on a teacher's methodical day */
	int spread;           /* per pair of a line's lessons on neighbouring days */
	int difficulty;       /* per point the daily difficulty curve is off shape */
	int hard_periods;     /* per hard lesson outside the best periods of the day */
	int class_balance;    /* per lesson a class's day is above or below its even share */
	int period_pref;      /* per lesson in an avoided or not preferred period */
	int moved;            /* per lesson moved from the warm-start timetable */
} sch_weights;

/* How pupils' idle periods are treated (rules.pupil_gaps). */
typedef enum {
	SCH_PUPIL_GAPS_FORBIDDEN = 0, /* the hard pupil_gap term (default) */
	SCH_PUPIL_GAPS_ALLOWED = 1    /* no pupil_gap term; limits come from constraints */
} sch_pupil_gaps;

/* Rules that change hard constraints. */
typedef struct {
	int pupil_gaps;          /* sch_pupil_gaps */
	bool late_start;         /* pupils may start after the shift's first period (no gaps still) */
	bool subject_once_a_day; /* a subject at most once a day for a class (a block is one) */
	int hard_difficulty;     /* difficulty at or above which a lesson counts as hard */
} sch_rules;

/*
 * The `constraints` section (docs/format.md, docs/rules.md): further rules, most of them
 * imported from FET and XHSTT. Each has a scope (teachers, students sets, load lines), a
 * limit `value` and a weight: SCH_WEIGHT_HARD makes it a hard rule, a positive weight a
 * soft one costing weight x amount.
 */
#define SCH_WEIGHT_HARD (-1)

typedef enum {
	SCH_CON_MIN_DAYS_BETWEEN = 0, /* lessons of `lines` at least `value` days apart, per pair */
	SCH_CON_SPREAD,         /* at most `value` lessons of `lines` on one day */
	SCH_CON_ALLOWED_STARTS, /* lessons of `lines` start in `slots` */
	SCH_CON_UNAVAILABLE,    /* teachers / students sets busy in no slot of `slots` */
	SCH_CON_MAX_GAPS_DAY,   /* idle periods of a teacher / atom a day, at most `value` */
	SCH_CON_MAX_GAPS_WEEK,  /* idle periods of a teacher / atom a week, at most `value` */
	SCH_CON_MIN_PER_DAY,    /* busy periods a day at least `value` (flag: empty days allowed) */
	SCH_CON_MAX_PER_DAY,    /* busy periods a day at most `value` */
	SCH_CON_MAX_DAYS,       /* days with lessons at most `value` */
	SCH_CON_MIN_DAYS,       /* days with lessons at least `value` */
	SCH_CON_MAX_CONTINUOUS, /* consecutive busy periods at most `value` */
	SCH_CON_LATE_STARTS,    /* students: days starting after the shift's first period at most `value` */
	SCH_CON_COUNT
} sch_con_type;

#define SCH_CON_EMPTY_DAYS_OK 1u    /* min_per_day: a day with no lesson is no violation */
#define SCH_CON_SAME_DAY_ADJACENT 2u /* min_days_between: two on one day must be adjacent */
#define SCH_CON_SKIP_UNAVAILABLE 4u  /* max_gaps: a hard unavailable period of the person is no gap (FET) */

/* A students set: a whole class (division -1) or one group of one of its divisions. */
typedef struct {
	int class_of;
	int division, group;
} sch_students_ref;

typedef struct {
	int type;     /* sch_con_type */
	int weight;   /* SCH_WEIGHT_HARD, or a soft weight > 0 */
	int value;    /* the limit */
	unsigned flags;
	int *teachers;                /* scope: teachers */
	int n_teachers;
	sch_students_ref *students;   /* scope: students sets */
	int n_students;
	int *lines;                   /* scope: load lines (all their lessons) */
	int n_lines;
	sch_slotset slots;            /* allowed_starts, unavailable */
	char *source;                 /* where it came from ("FET ConstraintMinDaysBetweenActivities #12"), or NULL */
	int line, col;                /* in the input */
	/* Derived by sch_school_finalize(). */
	int *atoms;                   /* atoms of the students sets, ascending, distinct */
	int n_atoms;
	int *lessons;                 /* lessons of the lines, ascending */
	int n_lessons;
} sch_constraint;

/* The YAML name of a constraint type ("min_days_between"), "?" when out of range; and back
 * (SCH_ENOTFOUND when unknown). */
SCH_EXTERN(const char *) sch_con_type_name(int type);
SCH_EXTERN(int) sch_con_type_parse(const char *name);

/* Offsets into flat index arrays: items of key k are idx[off[k] .. off[k+1]-1]. */
typedef struct {
	int *off;
	int *idx;
} sch_index;

struct sch_school {
	char *name;
	char *year;
	char *source_file;
	int n_days;
	int day_codes[SCH_MAX_DAYS]; /* 0 = mon .. 6 = sun */
	int n_periods;
	sch_bell bells[SCH_MAX_PERIODS];

	sch_shift_def *shifts;
	int n_shifts;
	sch_subject_def *subjects;
	int n_subjects;
	sch_teacher_def *teachers;
	int n_teachers;
	sch_class_def *classes;
	int n_classes;
	char **room_kinds;
	int n_room_kinds;
	sch_room_def *rooms;
	int n_rooms;
	sch_line_def *lines;
	int n_lines;
	sch_weights weights;
	sch_rules rules;
	sch_constraint *constraints;
	int n_constraints;

	/* Derived by sch_school_finalize(). */
	int n_atoms;
	int *atom_class; /* class of each atom */
	sch_lesson_def *lessons;
	int n_lessons;
	sch_index by_teacher; /* lessons of each teacher */
	sch_index by_atom;    /* lessons of each atom */
	sch_index by_class;   /* lessons of each class */
	int *rooms_of_kind;   /* count per room kind */

	void *arena;          /* allocations owned by the school */
};

static inline int sch_slot(const sch_school *s, int day, int period)
{
	return day * s->n_periods + period;
}

/*
 * Builds what is derived from the input arrays: atoms, lessons, indexes and
 * legal slots. Findings about the model (a group outside its class's divisions,
 * a pinned slot outside the shift, ...) go to `diags`; returns SCH_EINVALID if
 * any of them is an error.
 */
SCH_EXTERN(int) sch_school_finalize(sch_school *school, sch_diags *diags);

/* Allocation owned by the school: freed with it. Returns NULL on out of memory. */
SCH_EXTERN(void *) sch_school_alloc(sch_school *school, size_t size);
SCH_EXTERN(char *) sch_school_strdup(sch_school *school, const char *s);

/* An empty school to fill in (importers); default weights and rules are set. */
SCH_EXTERN(int) sch_school_new(sch_school **out);

#ifdef __cplusplus
}
#endif

#endif
