/* The school database: one SQLite file per school with its timetable versions and locks. */
#ifndef SCHEDULE_STORE_H
#define SCHEDULE_STORE_H

#include "common.h"
#include "diag.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A store is one SQLite file holding one school: every revision of the school
 * imported into it (as canonical YAML plus a table of its lessons), every
 * timetable saved as a numbered version, which version is active, and the
 * locked lessons. Every change is one transaction: a process that dies in the
 * middle of a write leaves the file as it was before that write.
 *
 * Errors name the file and carry SQLite's message. A file that is not a
 * libschedule database (random bytes, a text file, a truncated or otherwise
 * damaged database, an SQLite file of another application) gives SCH_EDB, as
 * does a file written by a newer libschedule whose schema this one does not
 * know. A store handle is used by one thread at a time.
 */

/* The schema version this library writes (PRAGMA user_version of the file). */
#define SCH_STORE_SCHEMA_VERSION 5
/* PRAGMA application_id of every libschedule database: "SchD". */
#define SCH_STORE_APPLICATION_ID 0x53636844

/* Flags of sch_store_open(). */
typedef enum {
	SCH_STORE_CREATE = 1 << 0,   /* create the file when it does not exist (or is empty) */
	SCH_STORE_READONLY = 1 << 1, /* never write; an older schema then gives SCH_EDB */
	SCH_STORE_CHECK = 1 << 2     /* run PRAGMA quick_check on opening (reads the whole file) */
} sch_store_flag;

/*
 * Opens the database at `path`, bringing an older schema up to date. Returns
 * SCH_ENOTFOUND when the file does not exist and SCH_STORE_CREATE is not given,
 * SCH_EDB for a corrupt, foreign or newer file, SCH_EIO when it cannot be
 * opened (permissions, locked by another process past the busy timeout).
 */
SCH_EXTERN(int) sch_store_open(sch_store **out, const char *path, int flags);
/* Closes the store; NULL is harmless. */
SCH_EXTERN(void) sch_store_close(sch_store *st);
/* The path the store was opened with (borrowed). */
SCH_EXTERN(const char *) sch_store_path(const sch_store *st);

/* ---- The school ---- */

typedef struct {
	int revision;  /* the school's revision in the file after the import (1, 2, ...) */
	int unchanged; /* 1 when the school equals the stored one: nothing was written */
	int versions;  /* timetable versions in the file */
	int flagged;   /* of them, versions whose lessons do not match this school */
} sch_store_import_info;

/*
 * Stores `school` as the file's current school (a new revision, unless it is
 * equal to the current one). Versions made for an earlier school whose lessons
 * do not match the new one are kept, and flagged stale (sch_store_version).
 * `info` may be NULL. The school is stored as the YAML sch_school_to_yaml()
 * writes; SCH_EINTERNAL when that YAML does not load back to the same lessons.
 */
SCH_EXTERN(int) sch_store_import_school(sch_store *st, const sch_school *school, sch_store_import_info *info);
/* Loads the current school; SCH_ENOTFOUND when none was imported. `diags` may be NULL. */
SCH_EXTERN(int) sch_store_load_school(sch_school **out, sch_store *st, sch_diags *diags);
/* The current school's YAML, malloc'ed and NUL-terminated; free it with sch_free(). */
SCH_EXTERN(int) sch_store_school_yaml(char **out, size_t *len, sch_store *st);

/* ---- Timetable versions ---- */

#define SCH_STORE_SAVE_OPTIONS_VERSION 1

/* What is recorded with a saved timetable. */
typedef struct {
	unsigned int version; /* SCH_STORE_SAVE_OPTIONS_VERSION */
	const char *method;   /* "greedy", "local", "mip", "lns", "import" ...; NULL: "" */
	uint64_t seed;
	double seconds;       /* time the solver took */
	int64_t hard, soft;   /* the cost; hard < 0: the verifier computes both */
	const char *command;  /* what produced it, e.g. "schedule solve --method local" */
	const char *user;     /* who; NULL: $USER, then $LOGNAME, then the uid */
	const char *note;     /* free text, may be NULL */
	int activate;         /* non-zero: the new version becomes the active one */
} sch_store_save_options;

#define SCH_STORE_SAVE_OPTIONS_INIT \
	{ SCH_STORE_SAVE_OPTIONS_VERSION, NULL, 0, 0.0, -1, -1, NULL, NULL, NULL, 1 }

/*
 * Saves `tt` as a new version (numbers grow from 1 and are never reused) and
 * stores the number in *number (may be NULL). The timetable's school becomes the
 * current school first when it differs from it (as sch_store_import_school()).
 * `opts` may be NULL (the defaults). All of it is one transaction.
 */
SCH_EXTERN(int) sch_store_save_timetable(int *number, sch_store *st, const sch_timetable *tt,
					 const sch_store_save_options *opts);

/* One version as listed; the strings live as long as the list. */
typedef struct {
	int number;
	int active;             /* 1 for the active version */
	int stale;              /* 1 when its lessons do not match the current school */
	int revision;           /* the school revision it was made for */
	const char *method;     /* "" when unknown */
	uint64_t seed;
	double seconds;
	int64_t hard, soft;
	const char *created_at; /* UTC, "2026-09-01T08:30:00Z" */
	const char *created_by; /* user name, "" when unknown */
	const char *command;    /* "" when unknown */
	const char *note;       /* "" when none */
	int lessons;            /* lessons of its school */
	int placed;             /* of them, placed */
} sch_store_version;

/* An array of versions, oldest first. */
typedef struct {
	sch_store_version *items;
	size_t count;
} sch_store_version_list;

SCH_EXTERN(int) sch_store_versions(sch_store_version_list *out, sch_store *st);
/* Frees what the list holds (not the struct itself); harmless on an empty or NULL list. */
SCH_EXTERN(void) sch_store_version_list_dispose(sch_store_version_list *list);
/* The active version's number in *number, 0 when there is none. */
SCH_EXTERN(int) sch_store_active(int *number, sch_store *st);
/* Makes version `number` the active one; SCH_ENOTFOUND when there is no such version. */
SCH_EXTERN(int) sch_store_activate(sch_store *st, int number);

/*
 * Loads the school version `number` was made for (0: the active version), so
 * that the timetable can be read exactly as it was saved, even when it is stale.
 */
SCH_EXTERN(int) sch_store_load_version_school(sch_school **out, sch_store *st, int number, sch_diags *diags);

/*
 * Loads version `number` (0: the active one) onto `school`, which must outlive
 * the timetable. Lessons are matched by their stable names (class, subject,
 * teachers, number within the load line), so any school works: lessons of the
 * version that `school` lacks are skipped and counted in *skipped (may be NULL),
 * and lessons of `school` the version lacks stay unplaced. This is how a stored
 * version becomes the warm start of a new solve. SCH_ENOTFOUND when there is no
 * such version (or no active one).
 */
SCH_EXTERN(int) sch_store_load_timetable(sch_timetable **out, sch_store *st, int number,
					 const sch_school *school, int *skipped);

/* ---- Locked lessons ---- */

/* One lock as listed; the strings live as long as the list. */
typedef struct {
	const char *key;        /* the lesson's stable name, e.g. "5А|math|asanova|2" */
	const char *label;      /* for people: "5А math asanova" */
	int day_code;           /* 0 = Monday .. 6 = Sunday */
	int period;             /* 0-based bell of the lesson's start */
	int from_version;       /* the version it was taken from, 0 when unknown */
	const char *created_at; /* UTC */
	const char *created_by;
	/* Resolved against the school given to sch_store_locks() (-1 without one): */
	int lesson;             /* its lesson there, -1 when that school has no such lesson */
	int day;                /* index of day_code among that school's days, -1 when not a school day */
} sch_store_lock;

typedef struct {
	sch_store_lock *items;
	size_t count;
} sch_store_lock_list;

/* Lists the locks, resolved against `school` when it is not NULL. */
SCH_EXTERN(int) sch_store_locks(sch_store_lock_list *out, sch_store *st, const sch_school *school);
SCH_EXTERN(void) sch_store_lock_list_dispose(sch_store_lock_list *list);

/* Locks lesson `lesson` of `school` at (day, period), 0-based indexes of the school's
 * days and bells; a lesson already locked is moved to the new slot. */
SCH_EXTERN(int) sch_store_lock_lesson(sch_store *st, const sch_school *school, int lesson, int day, int period);
/* Removes the lock of a lesson; SCH_ENOTFOUND when it is not locked. */
SCH_EXTERN(int) sch_store_unlock_lesson(sch_store *st, const sch_school *school, int lesson);

#define SCH_STORE_SLOT_VERSION 1

/* A slot and the lessons meant there: the class and/or the teacher, optionally the subject. */
typedef struct {
	unsigned int version;   /* SCH_STORE_SLOT_VERSION */
	const char *class_id;   /* at least one of class_id and teacher_id */
	const char *teacher_id;
	const char *subject_id; /* may be NULL */
	int day_code;           /* 0 = Monday .. 6 = Sunday (sch_day_parse) */
	int period;             /* 0-based bell */
} sch_store_slot;

#define SCH_STORE_SLOT_INIT { SCH_STORE_SLOT_VERSION, NULL, NULL, NULL, -1, -1 }

/*
 * Locks the lesson of the active version that covers the slot, where it is
 * (a double lesson is locked at its start). SCH_ENOTFOUND when there is no
 * active version, a named class, teacher or subject does not exist (the message
 * suggests the nearest name) or no lesson is there; SCH_EINVALID when several
 * lessons match (the message lists them). `locked` (may be NULL) receives the
 * lock made. Nothing is written on failure.
 */
SCH_EXTERN(int) sch_store_lock_slot(sch_store *st, const sch_store_slot *slot, sch_store_lock_list *locked);
/*
 * Removes the locks of the current school's lessons that cover the slot and
 * match the class, teacher and subject given; *removed (may be NULL) gets their
 * number. SCH_ENOTFOUND when no lock matches, or a name does not exist.
 */
SCH_EXTERN(int) sch_store_unlock_slot(int *removed, sch_store *st, const sch_store_slot *slot);
/* Removes every lock. */
SCH_EXTERN(int) sch_store_unlock_all(int *removed, sch_store *st);

/*
 * Pins every locked lesson of `school` to its locked slot (sets the lesson's
 * `pinned` in the model, see sys/model.h), so that a solver keeps it there.
 * Call it on a school of one's own before sharing it. Locks of lessons the school
 * lacks, of slots the lesson cannot take, or of lessons the school already pins
 * elsewhere are skipped with a warning in `diags` (may be NULL). *pinned (may be
 * NULL) gets the number of lessons pinned.
 */
SCH_EXTERN(int) sch_store_pin_locks(sch_school *school, sch_store *st, sch_diags *diags, int *pinned);

#ifdef __cplusplus
}
#endif

#endif
