/* The journal and pupils tests' fixture: the tiny school with its timetable and calendar in a temporary database, and pupils in it. */
#ifndef SCH_TEST_JOURNAL_H
#define SCH_TEST_JOURNAL_H

#include <sqlite3.h>

#include "../calendar/cal_test.h"
#include "schedule/journal.h"
#include "schedule/pupils.h"
#include "schedule/store.h"

/*
 * The tiny school (tests/helpers/tiny_school.h) as the active version, the tiny
 * calendar (Q1 2026-09-01 .. 09-30 ...), and pupils:
 *   5А: #1 Асанов Бакыт (foreign en1, external KG-1), #2 Иванова Мария (en2, KG-2),
 *       #3 Токтогулова Айпери (no group)
 *   6Б: #4 Петров Илья (KG-4)
 * 5А: Tue 2026-09-01 english split (bell 1), math (bell 2); Mon 09-07 russian.
 */
typedef struct {
	sch_school *s;
	sch_timetable *tt;
	sch_calendar *cal;
	sch_store *st;
	char db[400];
	int64_t p[5];
} jfix;

static inline int64_t jt_add(jfix *f, const char *cls, const char *last, const char *first, const char *ext,
			     const char *grp)
{
	sch_pupil_input in = SCH_PUPIL_INPUT_INIT;
	sch_pupil_group g = {"foreign", grp};
	in.class_id = cls;
	in.last_name = last;
	in.first_name = first;
	in.external_id = ext;
	if (grp) {
		in.n_groups = 1;
		in.groups = &g;
	}
	int64_t id = 0;
	CT_OK(sch_pupil_add(&id, f->st, f->s, &in, "tester"));
	return id;
}

static inline int jt_setup(void **state)
{
	jfix *f = calloc(1, sizeof *f);
	f->s = tiny_school();
	f->tt = tiny_timetable(f->s);
	f->cal = tiny_calendar();
	ct_tmpdir();
	CT_OK(sch_store_open(&f->st, ct_path(f->db, sizeof f->db, "school.db"), SCH_STORE_CREATE));
	CT_OK(sch_store_save_timetable(NULL, f->st, f->tt, NULL));
	CT_OK(sch_calendar_save(f->st, f->cal));
	f->p[1] = jt_add(f, "5А", "Асанов", "Бакыт", "KG-1", "en1");
	f->p[2] = jt_add(f, "5А", "Иванова", "Мария", "KG-2", "en2");
	f->p[3] = jt_add(f, "5А", "Токтогулова", "Айпери", NULL, NULL);
	f->p[4] = jt_add(f, "6Б", "Петров", "Илья", "KG-4", NULL);
	*state = f;
	return 0;
}

static inline int jt_teardown(void **state)
{
	jfix *f = *state;
	sch_store_close(f->st);
	sch_calendar_free(f->cal);
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
	free(f);
	ct_cleanup();
	return 0;
}

/* One integer from SQL on the fixture's file (a separate connection). */
static inline long long jt_count(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *q = NULL;
	long long v = -1;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &q, NULL) != SQLITE_OK)
		fail_msg("SQL: %s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(h);
	return v;
}

/* Writes text to a file of the fixture's directory; returns its path in buf. */
static inline const char *jt_file(char *buf, size_t n, const char *name, const char *text, size_t len)
{
	ct_path(buf, n, name);
	FILE *fp = fopen(buf, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
	return buf;
}

static inline sch_journal_ref jt_ref(const char *cls, const char *subject, const char *date)
{
	sch_journal_ref r = SCH_JOURNAL_REF_INIT;
	r.class_id = cls;
	r.subject_id = subject;
	r.date = D(date);
	return r;
}

#endif
