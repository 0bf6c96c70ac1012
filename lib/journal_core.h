/* The journal handle and what lib/journal*.c share about it (internal). */
#ifndef SCH_LIB_JOURNAL_CORE_H
#define SCH_LIB_JOURNAL_CORE_H

#include "journal_int.h"
#include "schedule/calendar.h"
#include "schedule/sys/model.h"

/* Cached statements of the hot paths (marks and attendance in bulk). */
enum {
	Q_PUPIL, Q_MOVES, Q_GROUPS, Q_JL_GET, Q_JL_ADD, Q_LOCKED, Q_MARK_GET, Q_MARK_ADD, Q_MARK_SET, Q_MARK_DEL,
	Q_ATT_GET, Q_ATT_ADD, Q_ATT_SET, Q_ATT_DEL, Q_AUDIT, Q_COUNT
};

/* The grading scheme of a grade, loaded once. */
typedef struct {
	int loaded;
	char id[65], kind[16];
	int n;
	char **values;    /* into values_mem */
	double *scores;   /* -1: not averaged */
	char *text;       /* "5, 4, 3, 2" */
	char *values_mem;
} jscheme;

/* A pupil as the journal checks them, cached inside a batch (bulk writes read each pupil once). */
#define JP_MAX 8
typedef struct {
	int loaded;
	char class_id[128];
	int expelled;
	char left_on[11];
	char name[300];
	int n_moves;                    /* transfers: before on_date the pupil was in from_class */
	char move_on[JP_MAX][11], move_from[JP_MAX][128];
	int n_groups;
	char div[JP_MAX][64], grp[JP_MAX][64];
} jcached;

struct sch_journal {
	sch_store *st;
	char by[256];
	sch_school *school;
	sch_timetable *tt;
	sch_calendar *cal;
	sch_subst *subst;
	sch_dated *dated;
	char **keys, **labels; /* stable lesson names of school */
	sqlite3_stmt *q[Q_COUNT];
	int batch;
	int lock_known[5], lock_state[5]; /* closed quarters, cached inside a batch */
	size_t last_index;                /* dated index + 1 of last_id's lesson, 0 none */
	int64_t last_id;
	jscheme scheme[13];
	char now[24];         /* the batch's time for created_at and audit.at */
	long long cache_size; /* the page cache size to restore after a batch, 0 none */
	jcached *pc; /* by pupil id, inside a batch only */
	size_t n_pc;
};

/* What the journal checks of a pupil. */
typedef struct {
	int64_t id;
	char class_id[128]; /* on the date asked about */
	int expelled;
	char left_on[11];
	char name[300];
} jpupil;

sqlite3_stmt *sch_journal__q(sch_journal *j, int which);
int sch_journal__tx(sch_journal *j, const char *what);
int sch_journal__tx_end(sch_journal *j, int rc, const char *what);
int sch_journal__audit_q(sch_journal *j, const char *entity, int64_t entity_id, int64_t pupil, int64_t lesson,
			 const char *field, const char *old, const char *new_value);
int sch_journal__quarter_of(const sch_journal *j, sch_date d);
int sch_journal__check_open(sch_journal *j, sch_date d);
const char *sch_journal__part_group(const sch_school *s, const sch_lesson_def *l, int part, const char **division);
int sch_journal__subject(const sch_school *s, const char *id);
int sch_journal__pupil(sch_journal *j, int64_t pupil, sch_date d, jpupil *out);
int sch_journal__pupil_in(sch_journal *j, const sch_dated_lesson *l, int64_t pupil, const jpupil *p);
/* The journal_lessons row of dated lesson `index` (made when create); *topic (may be NULL) malloc'ed. */
int sch_journal__lesson_row(sch_journal *j, size_t index, int create, int64_t *id, char **topic);
int sch_journal__scheme(sch_journal *j, int grade, const jscheme **out);
int sch_journal__check_mark(sch_journal *j, int grade, const char *value, double *score);

#endif
