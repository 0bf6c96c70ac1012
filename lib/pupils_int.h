/* Pupils' internals shared by lib/pupils*.c and lib/journal*.c (internal): checks and writes inside an open transaction. */
#ifndef SCH_LIB_PUPILS_INT_H
#define SCH_LIB_PUPILS_INT_H

#include "journal_int.h"

/* Whether the class has the division (and, when group is not empty, the group); SCH_EINVALID says which exist. */
int sch_pupils__check_group(const sch_school *s, const char *class_id, const char *division, const char *group);
/* Checks an input (add: the required fields too); birth gets the ISO birth date or "". */
int sch_pupils__check_input(const sch_school *s, const sch_pupil_input *in, int add, char birth[11]);
/* The stored class and status of a pupil; SCH_ENOTFOUND when there is none. status may be NULL. */
int sch_pupils__state(sch_store *st, int64_t id, char *class_id, size_t n, int *status);
/* Add and edit inside the caller's transaction; *changed (may be NULL) set when anything changed. */
int sch_pupils__add_locked(int64_t *id, sch_store *st, const sch_school *school, const sch_pupil_input *in,
			   const char *by);
int sch_pupils__edit_locked(sch_store *st, const sch_school *school, int64_t id, const sch_pupil_input *in,
			    const char *by, int *changed);

#endif
