/* Loading a school from YAML, saving it back, and reading its entities. */
#ifndef SCHEDULE_SCHOOL_H
#define SCHEDULE_SCHOOL_H

#include "common.h"
#include "diag.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Loads a school from a YAML file. Every problem found is added to `diags`
 * (may be NULL) as file:line:col diagnostics, not only the first. Returns
 * SCH_EIO when the file cannot be read, SCH_EINVALID when any error was found
 * (no school is returned then), 0 otherwise (warnings may remain in diags).
 */
SCH_EXTERN(int) sch_school_load_yaml(sch_school **out, const char *path, sch_diags *diags);
/* The same from a buffer; `name` stands for the file in diagnostics. */
SCH_EXTERN(int) sch_school_load_yaml_buffer(sch_school **out, const char *text, size_t len,
					    const char *name, sch_diags *diags);
/* Writes the school as YAML that loads back to the same model (temporary file + rename). */
SCH_EXTERN(int) sch_school_save_yaml(const sch_school *school, const char *path);
/* The same into a malloc'ed string the caller frees with sch_free(). */
SCH_EXTERN(int) sch_school_to_yaml(char **out, size_t *len, const sch_school *school);

SCH_EXTERN(void) sch_school_free(sch_school *school);
/* Frees memory the library handed to the caller (strings, buffers). */
SCH_EXTERN(void) sch_free(void *ptr);

SCH_EXTERN(const char *) sch_school_name(const sch_school *school);
SCH_EXTERN(int) sch_school_days(const sch_school *school);
SCH_EXTERN(int) sch_school_periods(const sch_school *school);
SCH_EXTERN(int) sch_school_teacher_count(const sch_school *school);
SCH_EXTERN(int) sch_school_class_count(const sch_school *school);
SCH_EXTERN(int) sch_school_subject_count(const sch_school *school);
SCH_EXTERN(int) sch_school_room_count(const sch_school *school);
SCH_EXTERN(int) sch_school_lesson_count(const sch_school *school);
SCH_EXTERN(const char *) sch_school_teacher_id(const sch_school *school, int teacher);
SCH_EXTERN(const char *) sch_school_teacher_name(const sch_school *school, int teacher);
SCH_EXTERN(const char *) sch_school_class_id(const sch_school *school, int cls);
SCH_EXTERN(const char *) sch_school_subject_id(const sch_school *school, int subject);
/* lang is "ru" or "ky"; falls back to the other language, then to the id. */
SCH_EXTERN(const char *) sch_school_subject_name(const sch_school *school, int subject, const char *lang);
SCH_EXTERN(const char *) sch_school_room_id(const sch_school *school, int room);
/* Index of the entity with this id, or SCH_ENOTFOUND. */
SCH_EXTERN(int) sch_school_find_teacher(const sch_school *school, const char *id);
SCH_EXTERN(int) sch_school_find_class(const sch_school *school, const char *id);
SCH_EXTERN(int) sch_school_find_subject(const sch_school *school, const char *id);
SCH_EXTERN(int) sch_school_find_room(const sch_school *school, const char *id);
/* Short day code ("mon"); the day code of a day word (English, Russian or Kyrgyz), or SCH_ENOTFOUND. */
SCH_EXTERN(const char *) sch_day_code(int day_code);
SCH_EXTERN(int) sch_day_parse(const char *text);
/* A weekday's name and abbreviation: lang "ky" gives Kyrgyz ("Дүйшөмбү", "Дш"), anything
 * else Russian ("Понедельник", "Пн"); "?" for a code outside 0..6. */
SCH_EXTERN(const char *) sch_day_name(int day_code, const char *lang);
SCH_EXTERN(const char *) sch_day_abbrev(int day_code, const char *lang);

#ifdef __cplusplus
}
#endif

#endif
