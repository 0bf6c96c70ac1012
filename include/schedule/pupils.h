/* Pupils of a school database: classes, groups, parents, class teachers, moves and the ministry's class lists. */
#ifndef SCHEDULE_PUPILS_H
#define SCHEDULE_PUPILS_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "diag.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Pupils live in the school database (docs/journal.md has the tables). Classes,
 * divisions and groups are checked against `school`, normally the school of the
 * active timetable version. Every change is one transaction and writes its rows
 * of the audit trail with `user` (NULL: $USER). Bad input gives SCH_EINVALID (or
 * SCH_ENOTFOUND for an unknown pupil, class or teacher) and writes nothing.
 */

typedef enum { SCH_PUPIL_ACTIVE = 0, SCH_PUPIL_EXPELLED = 1 } sch_pupil_status;

/* The pupil's group in one division of their class ("foreign" → "en1"). */
typedef struct {
	const char *division;
	const char *group;
} sch_pupil_group;

typedef struct {
	const char *name;
	const char *relation; /* "мать", "отец" ... free text; NULL or "" none */
	const char *phone;
	const char *email;
} sch_parent;

#define SCH_PUPIL_INPUT_VERSION 1

/*
 * A pupil as given. For sch_pupil_add: class, last and first name are required;
 * NULL strings are empty. For sch_pupil_edit: NULL keeps the stored value and ""
 * clears it (not for the required ones); groups and parents given are set (a
 * group replaces that division's group; a parent of the same name is updated).
 */
typedef struct {
	unsigned int version; /* SCH_PUPIL_INPUT_VERSION */
	const char *class_id;
	const char *last_name, *first_name, *middle_name;
	const char *birth_date;  /* "2012-03-15" or "15.03.2012" */
	const char *external_id; /* the ministry database's id */
	int n_groups;
	const sch_pupil_group *groups;
	int n_parents;
	const sch_parent *parents;
} sch_pupil_input;

#define SCH_PUPIL_INPUT_INIT { SCH_PUPIL_INPUT_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL }

/* A stored pupil; strings are never NULL ("" when empty) and live as long as their list. */
typedef struct {
	int64_t id;
	const char *class_id;
	const char *last_name, *first_name, *middle_name;
	const char *birth_date;  /* ISO, "" unknown */
	const char *external_id; /* "" unknown */
	int status;              /* sch_pupil_status */
	const char *left_on;     /* ISO date of the expulsion, "" while active */
	const char *left_reason;
	int n_groups;
	const sch_pupil_group *groups;
	int n_parents;
	const sch_parent *parents;
} sch_pupil;

typedef struct {
	sch_pupil *items;
	size_t count;
	void *mem_; /* private */
} sch_pupil_list;

/* Adds a pupil; *id (may be NULL) gets the new pupil's id. SCH_EEXISTS for a taken external id. */
SCH_EXTERN(int) sch_pupil_add(int64_t *id, sch_store *st, const sch_school *school, const sch_pupil_input *in,
			      const char *user);
/* Changes the fields given of pupil `id` (a class change here is a correction: use transfer for a move). */
SCH_EXTERN(int) sch_pupil_edit(sch_store *st, const sch_school *school, int64_t id, const sch_pupil_input *in,
			       const char *user);

/* Flags of sch_pupils_list(). */
enum { SCH_PUPILS_EXPELLED = 1 /* also list expelled pupils */, SCH_PUPILS_ONLY_EXPELLED = 2 };

/* The pupils of a class (NULL: every class), by class, last, first and middle name. */
SCH_EXTERN(int) sch_pupils_list(sch_pupil_list *out, sch_store *st, const char *class_id, int flags);
/* A list of the one pupil `id`; SCH_ENOTFOUND when there is none. */
SCH_EXTERN(int) sch_pupil_get(sch_pupil_list *out, sch_store *st, int64_t id);
/* Frees what the list holds; harmless on an empty or NULL list. */
SCH_EXTERN(void) sch_pupil_list_dispose(sch_pupil_list *list);

/*
 * Finds a pupil by what an operator types: "#12" (the id), an external id, or a
 * name "Фамилия Имя [Отчество]" (case as stored), within class_id when it is not
 * NULL. SCH_ENOTFOUND (with the nearest name) or SCH_EINVALID when a name fits
 * several pupils.
 */
SCH_EXTERN(int) sch_pupil_find(int64_t *id, sch_store *st, const char *text, const char *class_id);

/* Sets (group NULL or "": removes) the pupil's group in a division of their class. */
SCH_EXTERN(int) sch_pupil_set_group(sch_store *st, const sch_school *school, int64_t id, const char *division,
				    const char *group, const char *user);
/* Adds a parent, or updates the parent of the same name. */
SCH_EXTERN(int) sch_pupil_set_parent(sch_store *st, int64_t id, const sch_parent *parent, const char *user);

/* Expels an active pupil on `on` (an ISO date) for `reason`; their marks stay. */
SCH_EXTERN(int) sch_pupil_expel(sch_store *st, int64_t id, const char *on, const char *reason, const char *user);
/* Makes an expelled pupil active again, in the class they left. */
SCH_EXTERN(int) sch_pupil_reactivate(sch_store *st, const sch_school *school, int64_t id, const char *on,
				     const char *reason, const char *user);
/*
 * Moves an active pupil to class `to_class` on `on`. Groups: those given are set;
 * of the old ones, a group whose division and group exist in the new class is kept;
 * the rest are dropped. Marks stay with the lessons they were given at.
 */
SCH_EXTERN(int) sch_pupil_transfer(sch_store *st, const sch_school *school, int64_t id, const char *to_class,
				   const char *on, const sch_pupil_group *groups, int n_groups, const char *reason,
				   const char *user);

/* Sets (teacher NULL or "": removes) the class teacher of a class. */
SCH_EXTERN(int) sch_class_teacher_set(sch_store *st, const sch_school *school, const char *class_id,
				      const char *teacher_id, const char *user);

typedef struct {
	const char *class_id, *teacher_id;
} sch_class_teacher;

typedef struct {
	sch_class_teacher *items;
	size_t count;
	void *mem_; /* private */
} sch_class_teacher_list;

/* Class teachers by class; teacher_id not NULL: that teacher's classes ("Мои классы"). */
SCH_EXTERN(int) sch_class_teachers(sch_class_teacher_list *out, sch_store *st, const char *teacher_id);
SCH_EXTERN(void) sch_class_teacher_list_dispose(sch_class_teacher_list *list);

/* ---- Importing the ministry's class lists ---- */

/* Flags of sch_pupils_import(). */
enum {
	SCH_PUPILS_IMPORT_KEEP_GOOD = 1, /* write the good rows even when some are bad */
	SCH_PUPILS_IMPORT_DRY_RUN = 2    /* check only, write nothing */
};

typedef struct {
	int rows;    /* data rows read */
	int added;   /* new pupils */
	int updated; /* pupils found by external id and changed */
	int same;    /* pupils found by external id, nothing to change */
	int bad;     /* rows with an error (not written) */
} sch_pupil_import_info;

/*
 * Imports a class list, CSV (comma, semicolon or tab separated, UTF-8, a BOM
 * allowed) or XLSX (the first sheet), with a header row naming the columns
 * (docs/journal.md lists them). A pupil with an external id already stored is
 * updated, every other row adds a pupil. Every bad row is reported to `diags`
 * as path:line:column with the field; then nothing is written (SCH_EINVALID)
 * unless SCH_PUPILS_IMPORT_KEEP_GOOD is given, which writes the good rows. All
 * that is written is one transaction.
 */
SCH_EXTERN(int) sch_pupils_import(sch_pupil_import_info *info, sch_store *st, const sch_school *school,
				  const char *path, int flags, sch_diags *diags, const char *user);

#ifdef __cplusplus
}
#endif

#endif
