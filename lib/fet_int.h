/* The FET importer's shared state: the parsed file's names and activities (internal). */
#ifndef SCH_LIB_FET_INT_H
#define SCH_LIB_FET_INT_H

#include <libxml/tree.h>

#include "schedule/fet.h"
#include "schedule/sys/model.h"

#include "namemap.h"

typedef sch_namemap fet_map;

enum { FET_YEAR = 0, FET_GROUP = 1, FET_SUBGROUP = 2 };

/* A students set: a year, group or subgroup, as the classes (smallest sets) it holds. */
typedef struct {
	const char *name;
	int kind;
	int *classes; /* ascending, distinct */
	int n_classes;
	int line;
} fet_set;

typedef struct {
	int id;
	int group_id;     /* Activity_Group_Id, 0 when not split */
	int duration;
	int line;         /* the model's load line, -1 when skipped */
	int xml_line;
	int subject;
	int *teachers;
	int n_teachers;
	int *sets;        /* its students sets as named (indexes into sets) */
	int n_sets;
	const char **tags;
	int n_tags;
} fet_act;

typedef struct {
	const char *path;
	sch_school *s;       /* the school being built */
	sch_school *scratch; /* an arena for the import's own data, freed at the end */
	sch_diags *diags;
	sch_fet_report *rep;
	int errors, oom;
	char first_error[512];

	fet_map days, hours, subjects, teachers, sets, acts, rooms;
	fet_map locked;      /* activity id -> its slot, for hard single preferred starting times */
	int n_real_classes;  /* classes of students sets; after them one per activity without students */
	fet_set *set;
	int n_sets;
	fet_act *act;
	int n_acts;
	int max_cons, max_shifts; /* capacities of the school's constraints and shifts */

	/* pupil_gaps decision: both hard, for all students, with limit 0 */
	xmlNode *students_week_gaps0, *early0;
} fet_ctx;

/* XML helpers: the first child element named `name`, its trimmed text (scratch), an integer. */
xmlNode *sch_fet__kid(xmlNode *n, const char *name);
int sch_fet__is(const xmlNode *n, const char *name);
const char *sch_fet__text(fet_ctx *x, xmlNode *n);
const char *sch_fet__ktext(fet_ctx *x, xmlNode *n, const char *name);
/* Reads child `name` as an integer in [lo, hi]; a missing or bad one is an error. */
int sch_fet__kint(fet_ctx *x, xmlNode *n, const char *name, int lo, int hi, int *out);

/* An error (file:line) in the diags; counted. */
void sch_fet__error(fet_ctx *x, const xmlNode *n, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Counts an unsupported or skipped thing in the report's items. */
void sch_fet__unsupported(fet_ctx *x, const char *what, const char *reason, int line);
void sch_fet__note(fet_ctx *x, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Before the activities: the pupil-gap rule and the locked activities (lib/fet_con.c). */
void sch_fet__prescan(fet_ctx *x, xmlNode *time_list);
/* Maps the time and space constraints (lib/fet_con.c). */
int sch_fet__constraints(fet_ctx *x, xmlNode *time_list, xmlNode *space_list);

#endif
