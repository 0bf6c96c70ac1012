/* The journal of a school database: topics, homework, marks and attendance per dated lesson, closed quarters, the audit trail. */
#ifndef SCHEDULE_JOURNAL_H
#define SCHEDULE_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "common.h"
#include "diag.h"
#include "pupils.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A journal is a view of a school database: the active timetable version and
 * its school, the calendar and the day changes, expanded into dated lessons,
 * against which every write is checked (the lesson was given on that day, the
 * pupil is in its class or group, the mark is one of the grading scheme of the
 * class's grade, the quarter is not closed). Every write is one BEGIN IMMEDIATE
 * transaction (or part of the batch sch_journal_begin() opened) and writes its
 * audit rows in it. On any error nothing is written.
 *
 * docs/journal.md has the tables and the rules.
 */
typedef struct sch_journal sch_journal;

/*
 * Opens the journal of store `st` (borrowed: it must outlive the journal) as
 * `user` (NULL: $USER). SCH_ENOTFOUND when the database has no active version
 * or no calendar (the message says how to make them).
 */
SCH_EXTERN(int) sch_journal_open(sch_journal **out, sch_store *st, const char *user);
SCH_EXTERN(void) sch_journal_free(sch_journal *j);
/* The active version's school and the dated lessons of the whole year (borrowed). */
SCH_EXTERN(const sch_school *) sch_journal_school(const sch_journal *j);
SCH_EXTERN(const sch_dated *) sch_journal_dated(const sch_journal *j);

/* Groups writes into one transaction (a bulk import); commit or rollback ends it. */
SCH_EXTERN(int) sch_journal_begin(sch_journal *j);
SCH_EXTERN(int) sch_journal_commit(sch_journal *j);
SCH_EXTERN(void) sch_journal_rollback(sch_journal *j);

#define SCH_JOURNAL_REF_VERSION 1

/*
 * Which dated lesson: its date, class and subject; the bell (1-based, 0: any)
 * and the group ("en1"; NULL: any) when the class has more than one such lesson
 * that day. For marks and attendance the pupil's group chooses among the parts
 * of a split lesson.
 */
typedef struct {
	unsigned int version; /* SCH_JOURNAL_REF_VERSION */
	sch_date date;
	const char *class_id;
	const char *subject_id;
	int period;
	const char *group;
} sch_journal_ref;

#define SCH_JOURNAL_REF_INIT { SCH_JOURNAL_REF_VERSION, 0, NULL, NULL, 0, NULL }

/*
 * The index (into sch_journal_dated) of the dated lesson `ref` names, for pupil
 * `pupil` (0: none). SCH_EINVALID with the reason when there is no such lesson
 * that day, it was cancelled, or several fit (the message lists their bells and
 * groups).
 */
SCH_EXTERN(int) sch_journal_find(size_t *index, sch_journal *j, const sch_journal_ref *ref, int64_t pupil);

/* Sets (value NULL or "": deletes) the pupil's mark of `kind` ("" the ordinary mark). */
SCH_EXTERN(int) sch_journal_mark(sch_journal *j, const sch_journal_ref *ref, int64_t pupil, const char *value,
				 const char *kind);
/* The same at dated lesson `index` (sch_journal_find): for bulk writers. */
SCH_EXTERN(int) sch_journal_mark_at(sch_journal *j, size_t index, int64_t pupil, const char *value, const char *kind);

typedef enum {
	SCH_ATTEND_CLEAR = -1, /* remove the record */
	SCH_ATTEND_PRESENT = 0,
	SCH_ATTEND_ABSENT = 1,  /* Н */
	SCH_ATTEND_EXCUSED = 2, /* absent with a reason */
	SCH_ATTEND_LATE = 3
} sch_attend_status;

/* "present", "absent" (also "н"), "excused", "late" → the status; -2 for other text. */
SCH_EXTERN(int) sch_attend_parse(const char *text);
SCH_EXTERN(const char *) sch_attend_name(int status);
SCH_EXTERN(int) sch_journal_attend(sch_journal *j, const sch_journal_ref *ref, int64_t pupil, int status);
SCH_EXTERN(int) sch_journal_attend_at(sch_journal *j, size_t index, int64_t pupil, int status);

/* Sets (text "" clears) the lesson's topic. */
SCH_EXTERN(int) sch_journal_topic(sch_journal *j, const sch_journal_ref *ref, const char *text);

/* Adds homework to a lesson; due is an ISO date or NULL; *id (may be NULL) gets its id. */
SCH_EXTERN(int) sch_journal_homework_add(int64_t *id, sch_journal *j, const sch_journal_ref *ref, const char *text,
					 const char *due);
/* Changes homework `id`: text / due NULL keep them (due "" clears it). */
SCH_EXTERN(int) sch_journal_homework_edit(sch_journal *j, int64_t id, const char *text, const char *due);
/* Deletes homework `id` and its file links (the files' content stays while another homework uses it). */
SCH_EXTERN(int) sch_journal_homework_delete(sch_journal *j, int64_t id);

/* Files attached to homework: pdf, doc, docx, xls, xlsx, at most this size. */
#define SCH_ATTACH_MAX_BYTES (10 * 1024 * 1024)

/*
 * Attaches the file at `path` to homework `id` under `filename` (NULL: the path's
 * last component). The type comes from the content and must agree with the
 * extension; *hash (may be NULL; 65 bytes) gets the SHA-256 under which the
 * content is stored once.
 */
SCH_EXTERN(int) sch_journal_attach(sch_journal *j, int64_t id, const char *path, const char *filename, char *hash);
/* The MIME type of a file's content by its magic bytes and name, or NULL (and SCH_EINVALID set) when not accepted. */
SCH_EXTERN(const char *) sch_attach_type(const unsigned char *data, size_t size, const char *filename);

/* Closes quarter q (1-4): its marks, attendance, topics and homework are frozen. */
SCH_EXTERN(int) sch_journal_close_quarter(sch_journal *j, int q);
/* Reopens a closed quarter (recorded in the audit trail). */
SCH_EXTERN(int) sch_journal_reopen_quarter(sch_journal *j, int q);
/* 1 when quarter q is closed, 0 when open; negative on error. */
SCH_EXTERN(int) sch_journal_quarter_closed(sch_journal *j, int q);

/* ---- The audit trail ---- */

/* One change; strings are never NULL except old / new_value (none); they live as long as the list. */
typedef struct {
	int64_t id;
	const char *at, *by, *entity;
	int64_t entity_id, pupil, journal_lesson; /* 0: none */
	const char *field, *old, *new_value;
	const char *day, *subject; /* of the journal lesson, "" when none */
} sch_audit_entry;

typedef struct {
	sch_audit_entry *items;
	size_t count;
	void *mem_; /* private */
} sch_audit_list;

/* The newest `limit` changes (0: all), oldest first; of one pupil when pupil > 0. */
SCH_EXTERN(int) sch_journal_audit(sch_audit_list *out, sch_store *st, int64_t pupil, int limit);
SCH_EXTERN(void) sch_audit_list_dispose(sch_audit_list *list);

/* ---- Grading schemes ---- */

/*
 * The values a mark may take in a class of `grade`, as a malloc'ed text "5, 4, 3, 2"
 * (free with sch_free; "" for a scheme without marks) and the scheme's id (65 bytes).
 */
SCH_EXTERN(int) sch_journal_scheme_values(char **values, char *scheme_id, sch_store *st, int grade);
/* Adds or replaces a scheme: kind none, marks, points or criteria; spec the JSON of docs/journal.md. */
SCH_EXTERN(int) sch_grading_scheme_set(sch_store *st, const char *id, const char *kind, const char *spec,
				       const char *user);
/* Makes grades lo..hi (1-12) use scheme `id`; other grades keep theirs. */
SCH_EXTERN(int) sch_grading_band_set(sch_store *st, int lo, int hi, const char *id, const char *user);

/* ---- The class–subject grid ---- */

/* A class's lessons of a subject over some dates: a row per pupil, a column per lesson. */
typedef struct {
	const char *class_id, *subject_id, *subject_name;
	size_t n_pupils, n_cols;
	const sch_pupil *pupils; /* active in the class, and those who left it inside the dates */
	sch_date *col_date;
	int *col_period;         /* 1-based bell */
	const char **col_topic;  /* "" none */
	/* cell (pupil p, column c): marks and attendance as shown ("5", "4/5", "Н", "Н 3"; "" none) */
	const char **cells;      /* n_pupils * n_cols, row by row */
	double *average;         /* per pupil: the mean score of the marks (0 when none) */
	int *n_marks;
	void *mem_;              /* private */
} sch_journal_grid;

/* The grid of class_id and subject_id over first..last (a month: 2026-10-01 .. 2026-10-31). */
SCH_EXTERN(int) sch_journal_grid_make(sch_journal_grid *out, sch_journal *j, const char *class_id,
				      const char *subject_id, sch_date first, sch_date last);
SCH_EXTERN(void) sch_journal_grid_dispose(sch_journal_grid *g);
/* Writes the grid as xlsx or pdf (format: sch_export_format), with the school's name and year. */
SCH_EXTERN(int) sch_journal_grid_export(const sch_journal_grid *g, sch_journal *j, int format, const char *path);

/* ---- Bulk import of marks, and the topics of a quarter ---- */

typedef struct {
	int rows;    /* data rows */
	int written; /* marks set */
	int bad;     /* rows with an error */
} sch_marks_import_info;

/*
 * Imports marks from CSV with a header row: pupil (external id, "#id" or name),
 * date, subject, mark, and optionally class, kind, period, group. All or nothing:
 * every bad row goes to `diags` as path:line:column and nothing is written.
 */
SCH_EXTERN(int) sch_journal_import_marks(sch_marks_import_info *info, sch_journal *j, const char *path,
					 sch_diags *diags);

/*
 * Writes the topics and homework of a subject's lessons in quarter q (class_id
 * NULL: every class) as csv or xlsx (format: sch_export_format).
 */
SCH_EXTERN(int) sch_journal_export_topics(sch_journal *j, const char *subject_id, const char *class_id, int q,
					  int format, const char *path);

#ifdef __cplusplus
}
#endif

#endif
