/* Teacher substitution: absences and day changes (in memory and in the database), qualification, checks, ranked candidates, the cover plan and cover counts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "calendar_int.h"
#include "error.h"
#include "schedule/school.h"
#include "schedule/timetable.h"
#include "store_int.h"

/* ---- The set ---- */

int sch_subst_new(sch_subst **out, const sch_school *school)
{
	if (!out || !school)
		return sch_error_set(SCH_EINVALID, "sch_subst_new: NULL argument");
	*out = NULL;
	sch_subst *s = calloc(1, sizeof *s);
	size_t cells = (size_t)school->n_teachers * (size_t)school->n_subjects + 1;
	if (!s || !(s->allow = calloc(cells, 1))) {
		free(s);
		return sch_error_oom();
	}
	s->school = school;
	*out = s;
	return 0;
}

void sch_subst_free(sch_subst *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_abs; i++)
		free((char *)s->abs[i].reason);
	for (size_t i = 0; i < s->n_ch; i++)
		free((char *)s->ch[i].note);
	free(s->abs);
	free(s->ch);
	free(s->allow);
	free(s);
}

const sch_school *sch_subst_school(const sch_subst *s) { return s ? s->school : NULL; }
size_t sch_subst_absence_count(const sch_subst *s) { return s ? s->n_abs : 0; }
size_t sch_subst_change_count(const sch_subst *s) { return s ? s->n_ch : 0; }

const sch_absence *sch_subst_absence(const sch_subst *s, size_t i)
{
	return s && i < s->n_abs ? &s->abs[i] : NULL;
}

const sch_day_change *sch_subst_change(const sch_subst *s, size_t i)
{
	return s && i < s->n_ch ? &s->ch[i] : NULL;
}

int sch_subst_add_absence(sch_subst *s, const sch_absence *a)
{
	if (!s || !a)
		return sch_error_set(SCH_EINVALID, "sch_subst_add_absence: NULL argument");
	if (a->teacher < 0 || a->teacher >= s->school->n_teachers)
		return sch_error_set(SCH_EINVALID, "an absence of teacher %d: the school has %d teachers", a->teacher,
				     s->school->n_teachers);
	if (a->first == SCH_DATE_NONE || a->last == SCH_DATE_NONE || a->first > a->last)
		return sch_error_set(SCH_EINVALID, "an absence must start on or before its last day");
	if (s->n_abs == s->cap_abs) {
		size_t cap = s->cap_abs ? s->cap_abs * 2 : 16;
		sch_absence *n = realloc(s->abs, cap * sizeof *n);
		if (!n)
			return sch_error_oom();
		s->abs = n;
		s->cap_abs = cap;
	}
	sch_absence *x = &s->abs[s->n_abs];
	*x = *a;
	if (!(x->reason = strdup(a->reason ? a->reason : "")))
		return sch_error_oom();
	s->n_abs++;
	return 0;
}

int sch_subst_add_change(sch_subst *s, const sch_day_change *c)
{
	if (!s || !c)
		return sch_error_set(SCH_EINVALID, "sch_subst_add_change: NULL argument");
	const sch_school *sc = s->school;
	if (c->kind < SCH_CHANGE_COVER || c->kind > SCH_CHANGE_MOVE)
		return sch_error_set(SCH_EINVALID, "a change of unknown kind %d", c->kind);
	if (c->lesson >= sc->n_lessons || c->date == SCH_DATE_NONE)
		return sch_error_set(SCH_EINVALID, "a change of lesson %d: the school has %d", c->lesson, sc->n_lessons);
	if (c->kind == SCH_CHANGE_COVER && c->lesson >= 0 &&
	    (c->teacher < 0 || c->teacher >= sc->n_teachers || c->part < 0 || c->part >= sc->lessons[c->lesson].n_parts))
		return sch_error_set(SCH_EINVALID, "a cover needs a teacher of the school and a part of the lesson");
	if (c->kind == SCH_CHANGE_MOVE && (c->period < 0 || c->period >= sc->n_periods))
		return sch_error_set(SCH_EINVALID, "a move to bell %d: the school has %d bells", c->period + 1,
				     sc->n_periods);
	if (s->n_ch == s->cap_ch) {
		size_t cap = s->cap_ch ? s->cap_ch * 2 : 64;
		sch_day_change *n = realloc(s->ch, cap * sizeof *n);
		if (!n)
			return sch_error_oom();
		s->ch = n;
		s->cap_ch = cap;
	}
	sch_day_change *x = &s->ch[s->n_ch];
	*x = *c;
	if (x->kind != SCH_CHANGE_COVER)
		x->part = -1;
	if (x->kind != SCH_CHANGE_MOVE)
		x->period = -1;
	if (!(x->note = strdup(c->note ? c->note : "")))
		return sch_error_oom();
	s->n_ch++;
	return 0;
}

/* A copy of s with the same contents, for trying changes. */
static int subst_clone(sch_subst **out, const sch_subst *src)
{
	int rc = sch_subst_new(out, src->school);
	if (rc)
		return rc;
	sch_subst *s = *out;
	size_t cells = (size_t)src->school->n_teachers * (size_t)src->school->n_subjects;
	memcpy(s->allow, src->allow, cells);
	for (size_t i = 0; i < src->n_abs && rc == 0; i++)
		rc = sch_subst_add_absence(s, &src->abs[i]);
	for (size_t i = 0; i < src->n_ch && rc == 0; i++)
		rc = sch_subst_add_change(s, &src->ch[i]);
	if (rc) {
		sch_subst_free(s);
		*out = NULL;
	}
	return rc;
}

int sch_subst_absent(const sch_subst *s, int teacher, sch_date date)
{
	for (size_t i = 0; s && teacher >= 0 && i < s->n_abs; i++)
		if (s->abs[i].teacher == teacher && date >= s->abs[i].first && date <= s->abs[i].last)
			return 1;
	return 0;
}

int sch_subst_may_cover(const sch_subst *s, int teacher, int subject)
{
	if (!s || teacher < 0 || teacher >= s->school->n_teachers || subject < 0 || subject >= s->school->n_subjects)
		return 0;
	return s->allow[(size_t)teacher * (size_t)s->school->n_subjects + (size_t)subject];
}

int sch_subst_allow(sch_subst *s, int teacher, int subject)
{
	if (!s || teacher < 0 || teacher >= s->school->n_teachers || subject < 0 || subject >= s->school->n_subjects)
		return sch_error_set(SCH_EINVALID, "sch_subst_allow: no such teacher or subject");
	s->allow[(size_t)teacher * (size_t)s->school->n_subjects + (size_t)subject] = 1;
	return 0;
}

/* Whether the teacher has the subject among their own (listed, or taught in a load line). */
static int own_subject(const sch_school *s, int teacher, int subject)
{
	const sch_teacher_def *t = &s->teachers[teacher];
	for (int k = 0; k < t->n_subjects; k++)
		if (t->subjects[k] == subject)
			return 1;
	for (int k = s->by_teacher.off[teacher]; k < s->by_teacher.off[teacher + 1]; k++)
		if (s->lessons[s->by_teacher.idx[k]].subject == subject)
			return 1;
	return 0;
}

int sch_subst_qualified(const sch_subst *s, int teacher, int subject)
{
	if (!s || teacher < 0 || teacher >= s->school->n_teachers || subject < 0 || subject >= s->school->n_subjects)
		return 0;
	if (own_subject(s->school, teacher, subject))
		return 1;
	return sch_subst_may_cover(s, teacher, subject) ? 2 : 0;
}

/* The same for dated lessons built without changes (no cover lists then). */
static int qualified(const sch_dated *d, int teacher, int subject)
{
	return d->subst ? sch_subst_qualified(d->subst, teacher, subject) : own_subject(d->s, teacher, subject);
}

/* ---- In the database ---- */

static int bad_date(sch_store *st, const char *t)
{
	return sch_error_set(SCH_EDB, "%s: a stored absence or change has a bad date '%s'", st->path, t ? t : "");
}

int sch_subst_load(sch_subst **out, sch_store *st, const sch_school *school)
{
	sqlite3_stmt *stmt = NULL;
	sch_subst *s = NULL;
	char **keys = NULL;
	int rc;
	const char *what = "reading absences and substitutions";
	if (!out || !st || !school)
		return sch_error_set(SCH_EINVALID, "sch_subst_load: NULL argument");
	*out = NULL;
	if ((rc = sch_subst_new(&s, school)) || (rc = sch_store__lesson_names(&keys, NULL, school)))
		goto done;
	if ((rc = sch_store__prepare(st, &stmt, "SELECT id, teacher, first_day, last_day, reason FROM absences ORDER BY id",
				     what)))
		goto done;
	for (;;) {
		int x = sqlite3_step(stmt);
		if (x == SQLITE_DONE)
			break;
		if (x != SQLITE_ROW) {
			rc = sch_store__fail(st, x, what);
			goto done;
		}
		sch_absence a = {.id = sqlite3_column_int(stmt, 0), .reason = (const char *)sqlite3_column_text(stmt, 4)};
		const char *f = (const char *)sqlite3_column_text(stmt, 2), *l = (const char *)sqlite3_column_text(stmt, 3);
		if (sch_date_parse(&a.first, f ? f : "") || sch_date_parse(&a.last, l ? l : "")) {
			rc = bad_date(st, f);
			goto done;
		}
		a.teacher = sch_school_find_teacher(school, (const char *)sqlite3_column_text(stmt, 1));
		if (a.teacher < 0) { /* a teacher the school no longer has: nothing to do with its lessons */
			s->stale++;
			continue;
		}
		if ((rc = sch_subst_add_absence(s, &a)))
			goto done;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if ((rc = sch_store__prepare(st, &stmt,
				     "SELECT id, kind, day, lesson_key, part, coalesce(teacher, ''), period, "
				     "coalesce(absence, 0), note FROM day_changes ORDER BY id",
				     what)))
		goto done;
	for (;;) {
		int x = sqlite3_step(stmt);
		if (x == SQLITE_DONE)
			break;
		if (x != SQLITE_ROW) {
			rc = sch_store__fail(st, x, what);
			goto done;
		}
		sch_day_change c = {.id = sqlite3_column_int(stmt, 0),
				.kind = sqlite3_column_int(stmt, 1),
				.lesson = -1,
				.part = sqlite3_column_int(stmt, 4),
				.teacher = -1,
				.period = sqlite3_column_int(stmt, 6),
				.absence = sqlite3_column_int(stmt, 7),
				.note = (const char *)sqlite3_column_text(stmt, 8)};
		const char *day = (const char *)sqlite3_column_text(stmt, 2);
		const char *key = (const char *)sqlite3_column_text(stmt, 3);
		if (sch_date_parse(&c.date, day ? day : "")) {
			rc = bad_date(st, day);
			goto done;
		}
		for (int i = 0; key && i < school->n_lessons; i++)
			if (strcmp(keys[i], key) == 0) {
				c.lesson = i;
				break;
			}
		if (c.kind == SCH_CHANGE_COVER)
			c.teacher = sch_school_find_teacher(school, (const char *)sqlite3_column_text(stmt, 5));
		/* A change of a lesson (or by a teacher) the school no longer has is kept as stale. */
		if (c.lesson < 0 || (c.kind == SCH_CHANGE_COVER && (c.teacher < 0 || c.part < 0 ||
								     c.part >= school->lessons[c.lesson].n_parts)) ||
		    (c.kind == SCH_CHANGE_MOVE && (c.period < 0 || c.period >= school->n_periods))) {
			c.lesson = -1;
			c.teacher = -1;
			s->stale++;
		}
		if ((rc = sch_subst_add_change(s, &c)))
			goto done;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if ((rc = sch_store__prepare(st, &stmt, "SELECT teacher, subject FROM cover_subjects", what)))
		goto done;
	for (;;) {
		int x = sqlite3_step(stmt);
		if (x == SQLITE_DONE)
			break;
		if (x != SQLITE_ROW) {
			rc = sch_store__fail(st, x, what);
			goto done;
		}
		int t = sch_school_find_teacher(school, (const char *)sqlite3_column_text(stmt, 0));
		int sub = sch_school_find_subject(school, (const char *)sqlite3_column_text(stmt, 1));
		if (t >= 0 && sub >= 0)
			sch_subst_allow(s, t, sub);
	}
	*out = s;
	s = NULL;
done:
	sqlite3_finalize(stmt);
	sch_subst_free(s);
	free(keys);
	return rc;
}

static int step_done(sch_store *st, sqlite3_stmt *stmt, const char *what)
{
	int x = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (x == SQLITE_DONE)
		return 0;
	if ((x & 0xff) == SQLITE_CONSTRAINT)
		return sch_error_set(SCH_EEXISTS, "%s: such a change is already recorded for that lesson and day", st->path);
	return sch_store__fail(st, x, what);
}

int sch_subst_record(sch_store *st, const sch_school *school, sch_absence *a, sch_day_change *c, size_t n,
		     const int *remove, size_t n_remove)
{
	sqlite3_stmt *stmt = NULL;
	char **keys = NULL, **labels = NULL, d1[16], d2[16], user[256];
	const char *what = "recording substitutions";
	int rc, in_tx = 0;
	long long absence_id = 0;
	if (!st || !school || (n && !c) || (n_remove && !remove))
		return sch_error_set(SCH_EINVALID, "sch_subst_record: NULL argument");
	if (a && (a->teacher < 0 || a->teacher >= school->n_teachers || a->first == SCH_DATE_NONE || a->first > a->last))
		return sch_error_set(SCH_EINVALID, "the absence needs a teacher of the school and a date range");
	for (size_t i = 0; i < n; i++) {
		const sch_day_change *x = &c[i];
		if (x->lesson < 0 || x->lesson >= school->n_lessons || x->date == SCH_DATE_NONE ||
		    x->kind < SCH_CHANGE_COVER || x->kind > SCH_CHANGE_MOVE)
			return sch_error_set(SCH_EINVALID, "change %zu: no such lesson, date or kind", i + 1);
		if (x->kind == SCH_CHANGE_COVER &&
		    (x->teacher < 0 || x->teacher >= school->n_teachers || x->part < 0 ||
		     x->part >= school->lessons[x->lesson].n_parts))
			return sch_error_set(SCH_EINVALID, "change %zu: a cover needs a teacher and a part of the lesson", i + 1);
		if (x->kind == SCH_CHANGE_MOVE && (x->period < 0 || x->period >= school->n_periods))
			return sch_error_set(SCH_EINVALID, "change %zu: no bell %d", i + 1, x->period + 1);
	}
	sch_store__user(user, sizeof user);
	if ((rc = sch_store__lesson_names(&keys, &labels, school)))
		return rc;
	if ((rc = sch_store__begin(st, what)))
		goto done;
	in_tx = 1;
	if (n_remove) {
		if ((rc = sch_store__prepare(st, &stmt, "DELETE FROM day_changes WHERE id = ?1", what)))
			goto done;
		for (size_t i = 0; i < n_remove; i++) {
			sqlite3_bind_int(stmt, 1, remove[i]);
			if ((rc = step_done(st, stmt, what)))
				goto done;
		}
		sqlite3_finalize(stmt);
		stmt = NULL;
	}
	if (a) {
		/* The same teacher absent twice over a day would make two absences answer one lesson. */
		long long overlap = 0;
		if ((rc = sch_store__prepare(st, &stmt,
					     "SELECT count(*) FROM absences WHERE teacher = ?1 AND first_day <= ?3 AND "
					     "last_day >= ?2",
					     what)))
			goto done;
		sqlite3_bind_text(stmt, 1, school->teachers[a->teacher].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, sch_date_iso(a->first, d1), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 3, sch_date_iso(a->last, d2), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			overlap = sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
		stmt = NULL;
		if (overlap) {
			rc = sch_error_set(SCH_EEXISTS, "%s: %s is already recorded absent on some of %s .. %s", st->path,
					   school->teachers[a->teacher].id, d1, d2);
			goto done;
		}
		if ((rc = sch_store__prepare(st, &stmt,
					     "INSERT INTO absences(teacher, first_day, last_day, reason, created_by) "
					     "VALUES (?1, ?2, ?3, ?4, ?5)",
					     what)))
			goto done;
		sqlite3_bind_text(stmt, 1, school->teachers[a->teacher].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, d1, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 3, d2, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 4, a->reason ? a->reason : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, user, -1, SQLITE_STATIC);
		if ((rc = step_done(st, stmt, what)))
			goto done;
		absence_id = sqlite3_last_insert_rowid(st->db);
		sqlite3_finalize(stmt);
		stmt = NULL;
	}
	if (n) {
		if ((rc = sch_store__prepare(st, &stmt,
					     "INSERT INTO day_changes(kind, day, lesson_key, part, teacher, period, absence, "
					     "label, note, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
					     what)))
			goto done;
		for (size_t i = 0; i < n; i++) {
			const sch_day_change *x = &c[i];
			long long ab = x->absence < 0 ? absence_id : x->absence;
			sqlite3_bind_int(stmt, 1, x->kind);
			sqlite3_bind_text(stmt, 2, sch_date_iso(x->date, d1), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(stmt, 3, keys[x->lesson], -1, SQLITE_STATIC);
			sqlite3_bind_int(stmt, 4, x->kind == SCH_CHANGE_COVER ? x->part : -1);
			if (x->kind == SCH_CHANGE_COVER)
				sqlite3_bind_text(stmt, 5, school->teachers[x->teacher].id, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(stmt, 5);
			sqlite3_bind_int(stmt, 6, x->kind == SCH_CHANGE_MOVE ? x->period : -1);
			if (ab > 0)
				sqlite3_bind_int64(stmt, 7, ab);
			else
				sqlite3_bind_null(stmt, 7);
			sqlite3_bind_text(stmt, 8, labels[x->lesson], -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 9, x->note ? x->note : "", -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 10, user, -1, SQLITE_STATIC);
			if ((rc = step_done(st, stmt, what)))
				goto done;
			c[i].id = (int)sqlite3_last_insert_rowid(st->db);
			if (x->absence < 0)
				c[i].absence = (int)absence_id;
		}
	}
	in_tx = 0;
	if ((rc = sch_store__commit(st, what)))
		goto done;
	if (a)
		a->id = (int)absence_id;
done:
	sqlite3_finalize(stmt);
	if (in_tx)
		sch_store__rollback(st);
	free(keys);
	free(labels);
	return rc;
}

int sch_subst_remove(sch_store *st, int id, int absence)
{
	sqlite3_stmt *stmt = NULL;
	const char *what = absence ? "removing an absence" : "removing a change";
	if (!st)
		return sch_error_set(SCH_EINVALID, "sch_subst_remove: NULL argument");
	int rc = sch_store__begin(st, what);
	if (rc)
		return rc;
	if ((rc = sch_store__prepare(st, &stmt,
				     absence ? "DELETE FROM absences WHERE id = ?1" : "DELETE FROM day_changes WHERE id = ?1",
				     what)))
		goto fail;
	sqlite3_bind_int(stmt, 1, id);
	int x = sqlite3_step(stmt);
	if (x != SQLITE_DONE) {
		rc = sch_store__fail(st, x, what);
		goto fail;
	}
	if (sqlite3_changes(st->db) == 0) {
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no %s %d", st->path, absence ? "absence" : "change", id);
		goto fail;
	}
	sqlite3_finalize(stmt);
	return sch_store__commit(st, what);
fail:
	sqlite3_finalize(stmt);
	sch_store__rollback(st);
	return rc;
}

int sch_subst_set_cover_subjects(sch_store *st, const sch_school *school, int teacher, const int *subjects, size_t n)
{
	sqlite3_stmt *stmt = NULL;
	const char *what = "saving the cover subjects";
	if (!st || !school || (n && !subjects))
		return sch_error_set(SCH_EINVALID, "sch_subst_set_cover_subjects: NULL argument");
	if (teacher < 0 || teacher >= school->n_teachers)
		return sch_error_set(SCH_EINVALID, "no teacher %d in the school", teacher);
	for (size_t i = 0; i < n; i++)
		if (subjects[i] < 0 || subjects[i] >= school->n_subjects)
			return sch_error_set(SCH_EINVALID, "no subject %d in the school", subjects[i]);
	int rc = sch_store__begin(st, what);
	if (rc)
		return rc;
	if ((rc = sch_store__prepare(st, &stmt, "DELETE FROM cover_subjects WHERE teacher = ?1", what)))
		goto fail;
	sqlite3_bind_text(stmt, 1, school->teachers[teacher].id, -1, SQLITE_STATIC);
	if ((rc = step_done(st, stmt, what)))
		goto fail;
	sqlite3_finalize(stmt);
	if ((rc = sch_store__prepare(st, &stmt, "INSERT OR IGNORE INTO cover_subjects(teacher, subject) VALUES (?1, ?2)",
				     what)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(stmt, 1, school->teachers[teacher].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, school->subjects[subjects[i]].id, -1, SQLITE_STATIC);
		if ((rc = step_done(st, stmt, what)))
			goto fail;
	}
	sqlite3_finalize(stmt);
	return sch_store__commit(st, what);
fail:
	sqlite3_finalize(stmt);
	sch_store__rollback(st);
	return rc;
}

/* ---- A teacher's day ---- */

/* What the teachers do on one date of d: busy bells and who holds them. */
typedef struct {
	const sch_dated *d;
	sch_date date;
	size_t first, n;  /* the date's dated lessons */
	uint32_t *busy;   /* per teacher: bells taught */
	int *count;       /* per teacher: bells taught */
	long *holder;     /* per teacher x bell: the dated lesson, -1 */
} day_view;

static void day_free(day_view *v)
{
	free(v->busy);
	free(v->count);
	free(v->holder);
	memset(v, 0, sizeof *v);
}

static uint32_t bells(int period, int length)
{
	uint32_t m = 0;
	for (int p = period; p < period + length && p < 32; p++)
		if (p >= 0)
			m |= 1u << p;
	return m;
}

/* The teachers' day on `date`, leaving out dated lesson `skip` (the one to cover). */
static int day_build(day_view *v, const sch_dated *d, sch_date date, long skip)
{
	const sch_school *s = d->s;
	memset(v, 0, sizeof *v);
	v->d = d;
	v->date = date;
	v->n = sch_dated_on(d, date, &v->first);
	v->busy = calloc((size_t)s->n_teachers + 1, sizeof *v->busy);
	v->count = calloc((size_t)s->n_teachers + 1, sizeof *v->count);
	v->holder = malloc(sizeof *v->holder * ((size_t)s->n_teachers * (size_t)s->n_periods + 1));
	if (!v->busy || !v->count || !v->holder) {
		day_free(v);
		return sch_error_oom();
	}
	for (size_t i = 0; i < (size_t)s->n_teachers * (size_t)s->n_periods; i++)
		v->holder[i] = -1;
	for (size_t i = v->first; i < v->first + v->n; i++) {
		const sch_dated_lesson *e = &d->v[i];
		if ((long)i == skip || e->teacher < 0 || !sch_dated_given(e))
			continue;
		uint32_t m = bells(e->period, e->length);
		v->count[e->teacher] += __builtin_popcount(m & ~v->busy[e->teacher]);
		v->busy[e->teacher] |= m;
		for (int p = e->period; p < e->period + e->length && p < s->n_periods; p++)
			if (p >= 0 && v->holder[(size_t)e->teacher * (size_t)s->n_periods + (size_t)p] < 0)
				v->holder[(size_t)e->teacher * (size_t)s->n_periods + (size_t)p] = (long)i;
	}
	return 0;
}

/* Idle bells between the first and last busy bell of a mask. */
static int gaps(uint32_t m)
{
	if (!m)
		return 0;
	int lo = __builtin_ctz(m), hi = 31 - __builtin_clz(m);
	return hi - lo + 1 - __builtin_popcount(m);
}

/* Covers (in bells) each teacher gives in quarter q of the calendar, from the stored changes. */
static int *quarter_covers(const sch_subst *s, const sch_calendar *cal, int q)
{
	const sch_school *sc = s ? s->school : NULL;
	int *v = calloc(sc ? (size_t)sc->n_teachers + 1 : 1, sizeof *v);
	if (!v || !s || q < 1 || q > 4 || cal->q[q - 1].first == SCH_DATE_NONE)
		return v;
	for (size_t i = 0; i < s->n_ch; i++) {
		const sch_day_change *c = &s->ch[i];
		if (c->kind == SCH_CHANGE_COVER && c->lesson >= 0 && c->teacher >= 0 && c->date >= cal->q[q - 1].first &&
		    c->date <= cal->q[q - 1].last)
			v[c->teacher] += sc->lessons[c->lesson].length;
	}
	return v;
}

/* Whether teacher t teaches any of the lesson's classes in the timetable. */
static int teaches_class(const sch_school *s, int t, const sch_lesson_def *l)
{
	for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1]; k++) {
		const sch_lesson_def *o = &s->lessons[s->by_teacher.idx[k]];
		for (int a = 0; a < o->n_classes; a++)
			for (int b = 0; b < l->n_classes; b++)
				if (o->classes[a] == l->classes[b])
					return 1;
	}
	return 0;
}

/* Why teacher t cannot give dated lesson e on the day v (SCH_CAND_FREE when they can). */
static int teacher_status(const day_view *v, const sch_dated_lesson *e, int t, long *busy)
{
	const sch_school *s = v->d->s;
	const sch_teacher_def *td = &s->teachers[t];
	*busy = -1;
	if (sch_subst_absent(v->d->subst, t, e->date))
		return SCH_CAND_ABSENT;
	for (int p = e->period; p < e->period + e->length && p < s->n_periods; p++) {
		if (p < 0)
			continue;
		if (sch_slotset_has(&td->unavailable, sch_slot(s, e->day, p)))
			return SCH_CAND_UNAVAILABLE;
	}
	uint32_t m = bells(e->period, e->length);
	if (v->busy[t] & m) {
		for (int p = e->period; p < e->period + e->length && *busy < 0; p++)
			if (p >= 0 && p < s->n_periods)
				*busy = v->holder[(size_t)t * (size_t)s->n_periods + (size_t)p];
		return SCH_CAND_TEACHING;
	}
	if (td->max_per_day > 0 && v->count[t] + __builtin_popcount(m) > td->max_per_day)
		return SCH_CAND_DAY_LIMIT;
	return SCH_CAND_FREE;
}

/* The gap a lesson adds to a teacher's day, within the lesson's shift. */
static int gap_gain(const day_view *v, const sch_dated_lesson *e, int t)
{
	const sch_school *s = v->d->s;
	int sh = s->lessons[e->lesson].shift;
	uint32_t mask = sh >= 0 && sh < s->n_shifts ? bells(s->shifts[sh].first, s->shifts[sh].last - s->shifts[sh].first + 1)
						    : 0xffffffffu;
	uint32_t before = v->busy[t] & mask;
	if (!before)
		return 0;
	return gaps(before | bells(e->period, e->length)) - gaps(before);
}

static int cmp_cand(const void *a, const void *b)
{
	const sch_candidate *x = a, *y = b;
	if ((x->status == SCH_CAND_FREE) != (y->status == SCH_CAND_FREE))
		return x->status == SCH_CAND_FREE ? -1 : 1;
	if (x->status == SCH_CAND_FREE) {
		if (x->teaches_class != y->teaches_class)
			return x->teaches_class ? -1 : 1;
		if (x->own_subject != y->own_subject)
			return x->own_subject ? -1 : 1;
		if (x->covers != y->covers)
			return x->covers < y->covers ? -1 : 1;
		if (x->gap != y->gap)
			return x->gap < y->gap ? -1 : 1;
	} else if (x->status != y->status) {
		return x->status < y->status ? -1 : 1;
	}
	return (x->teacher > y->teacher) - (x->teacher < y->teacher);
}

/* Candidates of dated lesson i with the day already built (leaving i out) and the quarter's covers. */
static int candidates(sch_candidate **out, size_t *n_out, const day_view *v, size_t i, const int *covers)
{
	const sch_dated *d = v->d;
	const sch_school *s = d->s;
	const sch_dated_lesson *e = &d->v[i];
	const sch_lesson_def *l = &s->lessons[e->lesson];
	sch_candidate *c = calloc((size_t)s->n_teachers + 1, sizeof *c);
	size_t n = 0;
	if (!c)
		return sch_error_oom();
	for (int t = 0; t < s->n_teachers; t++) {
		if (t == e->own_teacher)
			continue;
		int q = qualified(d, t, l->subject);
		if (!q)
			continue;
		sch_candidate *x = &c[n++];
		x->teacher = t;
		x->status = teacher_status(v, e, t, &x->busy);
		x->own_subject = q == 1;
		x->teaches_class = teaches_class(s, t, l);
		x->covers = covers ? covers[t] : 0;
		x->gap = x->status == SCH_CAND_FREE ? gap_gain(v, e, t) : 0;
	}
	qsort(c, n, sizeof *c, cmp_cand);
	if (n == 0) {
		free(c);
		c = NULL;
	}
	*out = c;
	*n_out = n;
	return 0;
}

int sch_subst_candidates(sch_candidate **out, size_t *n, const sch_dated *d, size_t i)
{
	day_view v;
	if (!out || !n || !d)
		return sch_error_set(SCH_EINVALID, "sch_subst_candidates: NULL argument");
	*out = NULL;
	*n = 0;
	if (i >= d->n)
		return sch_error_set(SCH_EINVALID, "no dated lesson %zu (there are %zu)", i, d->n);
	int rc = day_build(&v, d, d->v[i].date, (long)i);
	if (rc)
		return rc;
	int *covers = quarter_covers(d->subst, d->cal, d->v[i].quarter);
	if (!covers)
		rc = sch_error_oom();
	else
		rc = candidates(out, n, &v, i, covers);
	free(covers);
	day_free(&v);
	return rc;
}

/* ---- Checking changes ---- */

/* "5А математика (bell 3)" for messages. */
static const char *lesson_text(const sch_school *s, int lesson, char *buf, size_t n)
{
	const sch_lesson_def *l = &s->lessons[lesson];
	size_t k = 0;
	buf[0] = '\0';
	for (int c = 0; c < l->n_classes && k < n; c++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", c ? "+" : "", s->classes[l->classes[c]].id);
	if (k < n)
		snprintf(buf + k, n - k, " %s", sch_school_subject_name(s, l->subject, "ru"));
	return buf;
}

/* Why a free-looking teacher is not: the message of a candidate status. */
static void status_text(const sch_dated *d, const sch_dated_lesson *e, int t, int status, long busy, char *buf, size_t n)
{
	const sch_school *s = d->s;
	const sch_teacher_def *td = &s->teachers[t];
	char what[120];
	switch (status) {
	case SCH_CAND_TEACHING:
		if (busy >= 0)
			snprintf(buf, n, "teaches %s at bell %d", lesson_text(s, d->v[busy].lesson, what, sizeof what),
				 d->v[busy].period + 1);
		else
			snprintf(buf, n, "teaches at that time");
		break;
	case SCH_CAND_ABSENT:
		snprintf(buf, n, "absent");
		break;
	case SCH_CAND_UNAVAILABLE:
		snprintf(buf, n, "does not work at bell %d on %s", e->period + 1, sch_day_code(s->day_codes[e->day]));
		break;
	case SCH_CAND_DAY_LIMIT:
		snprintf(buf, n, "at the daily limit of %d lessons", td->max_per_day);
		break;
	default:
		snprintf(buf, n, "free");
	}
}

/* The dated lessons of (date, lesson), as [first, first + n). */
static size_t entries_of(const sch_dated *d, sch_date date, int lesson, size_t *first)
{
	size_t f, n = sch_dated_on(d, date, &f), k = 0, start = 0;
	for (size_t i = f; i < f + n; i++)
		if (d->v[i].lesson == lesson) {
			if (!k)
				start = i;
			k++;
		}
	*first = start;
	return k;
}

int sch_subst_check(const sch_dated *d, const sch_day_change *c, size_t n)
{
	sch_subst *trial = NULL;
	sch_dated *after = NULL, *before = NULL;
	sch_dv_finding *fa = NULL, *fb = NULL;
	size_t nfa = 0, nfb = 0;
	char date_s[24], what[120], why[200];
	int rc = 0;
	if (!d || (n && !c))
		return sch_error_set(SCH_EINVALID, "sch_subst_check: NULL argument");
	const sch_school *s = d->s;
	sch_date lo = SCH_DATE_NONE, hi = SCH_DATE_NONE;
	for (size_t k = 0; k < n; k++) {
		const sch_day_change *x = &c[k];
		size_t first, m;
		if (x->lesson < 0 || x->lesson >= s->n_lessons)
			return sch_error_set(SCH_EINVALID, "no such lesson (%d)", x->lesson);
		sch_calendar__date_text(x->date, date_s);
		lesson_text(s, x->lesson, what, sizeof what);
		m = entries_of(d, x->date, x->lesson, &first);
		if (m == 0)
			return sch_error_set(SCH_EINVALID, "%s is not given on %s", what, date_s);
		const sch_dated_lesson *e = &d->v[first];
		if (e->status == SCH_DATED_CANCELLED && x->kind != SCH_CHANGE_CANCEL)
			return sch_error_set(SCH_EINVALID, "%s on %s is cancelled", what, date_s);
		if (x->kind == SCH_CHANGE_CANCEL && e->status == SCH_DATED_CANCELLED)
			return sch_error_set(SCH_EINVALID, "%s on %s is already cancelled", what, date_s);
		if (x->kind == SCH_CHANGE_COVER) {
			if (x->part < 0 || x->part >= (int)m || x->teacher < 0 || x->teacher >= s->n_teachers)
				return sch_error_set(SCH_EINVALID, "a cover of %s needs a part of the lesson and a teacher", what);
			const sch_dated_lesson *pe = &d->v[first + (size_t)x->part];
			const char *name = sch_school_teacher_name(s, x->teacher);
			if (x->teacher == pe->own_teacher)
				return sch_error_set(SCH_EINVALID, "%s is the teacher of %s: no cover needed", name, what);
			if (!qualified(d, x->teacher, s->lessons[x->lesson].subject))
				return sch_error_set(SCH_EINVALID,
						     "%s is not qualified for %s: not among the teacher's subjects "
						     "(allow it with 'schedule substitute may-cover --teacher %s --add %s')",
						     name, sch_school_subject_name(s, s->lessons[x->lesson].subject, "ru"),
						     s->teachers[x->teacher].id, s->subjects[s->lessons[x->lesson].subject].id);
			day_view v;
			long busy;
			if ((rc = day_build(&v, d, x->date, (long)(first + (size_t)x->part))))
				return rc;
			int st = teacher_status(&v, pe, x->teacher, &busy);
			if (st != SCH_CAND_FREE)
				status_text(d, pe, x->teacher, st, busy, why, sizeof why);
			day_free(&v);
			if (st != SCH_CAND_FREE)
				return sch_error_set(SCH_EINVALID, "%s cannot cover %s at bell %d on %s: %s", name, what,
						     pe->period + 1, date_s, why);
		}
		if (x->kind == SCH_CHANGE_MOVE) {
			const sch_lesson_def *l = &s->lessons[x->lesson];
			int sh = l->shift;
			if (x->period < 0 || x->period + l->length > s->n_periods ||
			    (sh >= 0 && sh < s->n_shifts &&
			     (x->period < s->shifts[sh].first || x->period + l->length - 1 > s->shifts[sh].last)))
				return sch_error_set(SCH_EINVALID, "%s cannot move to bell %d: outside the class's shift%s%s",
						     what, x->period + 1, sh >= 0 && sh < s->n_shifts ? " " : "",
						     sh >= 0 && sh < s->n_shifts ? s->shifts[sh].name ? s->shifts[sh].name : s->shifts[sh].id
										 : "");
			for (size_t k2 = first; k2 < first + m; k2++) {
				const sch_dated_lesson *pe = &d->v[k2];
				if (pe->teacher < 0 || !sch_dated_given(pe))
					continue;
				for (int p = x->period; p < x->period + l->length; p++)
					if (sch_slotset_has(&s->teachers[pe->teacher].unavailable, sch_slot(s, pe->day, p)))
						return sch_error_set(SCH_EINVALID, "%s cannot move to bell %d: %s does not work then",
								     what, x->period + 1, sch_school_teacher_name(s, pe->teacher));
			}
		}
		if (lo == SCH_DATE_NONE || x->date < lo)
			lo = x->date;
		if (hi == SCH_DATE_NONE || x->date > hi)
			hi = x->date;
	}
	if (n == 0)
		return 0;
	/* The same dates before and after: anything the verifier finds only after is the changes' doing. */
	if (d->subst)
		rc = subst_clone(&trial, d->subst);
	else
		rc = sch_subst_new(&trial, s);
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = sch_subst_add_change(trial, &c[k]);
	if (rc || (rc = sch_dated_new(&before, d->tt, d->cal, d->subst, lo, hi)) ||
	    (rc = sch_dated_new(&after, d->tt, d->cal, trial, lo, hi)) || (rc = sch_dated_verify(&fb, &nfb, before)) ||
	    (rc = sch_dated_verify(&fa, &nfa, after)))
		goto done;
	for (size_t k = 0; k < nfa; k++) {
		int known = 0;
		for (size_t j = 0; j < nfb && !known; j++)
			known = fb[j].kind == fa[k].kind && fb[j].date == fa[k].date && fb[j].period == fa[k].period &&
				fb[j].entity == fa[k].entity;
		if (!known) {
			rc = sch_error_set(SCH_EINVALID, "that would double-book: %s", fa[k].message);
			goto done;
		}
	}
done:
	free(fa);
	free(fb);
	sch_dated_free(before);
	sch_dated_free(after);
	sch_subst_free(trial);
	return rc;
}

/* ---- The cover plan ---- */

struct sch_cover_plan {
	const sch_school *s;
	sch_absence absence;
	sch_cover_item *items;
	size_t n;
	double seconds;
	int optimal;
};

void sch_cover_plan_free(sch_cover_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free((char *)p->items[i].why);
		free((void *)p->items[i].ranked);
	}
	free(p->items);
	free((char *)p->absence.reason);
	free(p);
}

size_t sch_cover_plan_count(const sch_cover_plan *p) { return p ? p->n : 0; }
const sch_absence *sch_cover_plan_absence(const sch_cover_plan *p) { return p ? &p->absence : NULL; }
double sch_cover_plan_seconds(const sch_cover_plan *p) { return p ? p->seconds : 0; }
int sch_cover_plan_optimal(const sch_cover_plan *p) { return p ? p->optimal : 0; }

const sch_cover_item *sch_cover_plan_item(const sch_cover_plan *p, size_t i)
{
	return p && i < p->n ? &p->items[i] : NULL;
}

/* Costs of a candidate in the program: the ranking's preferences, small next to fairness. */
static int candidate_cost(const sch_candidate *c)
{
	int gap = c->gap < -1 ? -1 : c->gap;
	return 2 + 6 * !c->teaches_class + 3 * !c->own_subject + 2 * gap;
}

#define UNCOVERED_COST 1000000

/* Grows a list of names: "Петрова А.И. (absent), ...". */
static void why_busy(sch_buf *b, const sch_dated *d, const sch_dated_lesson *e, const sch_candidate *c, size_t n)
{
	char why[200];
	sch_buf_puts(b, "all qualified teachers are busy: ");
	for (size_t k = 0; k < n; k++) {
		status_text(d, e, c[k].teacher, c[k].status, c[k].busy, why, sizeof why);
		sch_buf_printf(b, "%s%s (%s)", k ? ", " : "", sch_school_teacher_name(d->s, c[k].teacher), why);
	}
}

int sch_cover_plan_new(sch_cover_plan **out, const sch_timetable *tt, const sch_calendar *cal, const sch_subst *s,
		       const sch_absence *a, const sch_cover_options *opts)
{
	sch_cover_options o = SCH_COVER_OPTIONS_INIT;
	sch_cover_plan *plan = NULL;
	sch_subst *trial = NULL;
	sch_dated *d = NULL;
	size_t *item_entry = NULL;
	sch_candidate **cands = NULL;
	size_t *n_cands = NULL, n_items = 0;
	int *first = NULL, *teacher = NULL, *cost = NULL, *day = NULL, *day_room = NULL, *assign = NULL, *prior = NULL;
	uint32_t *periods = NULL;
	day_view *views = NULL;
	char d1[24], d2[24];
	int rc;
	if (!out || !tt || !cal || !a)
		return sch_error_set(SCH_EINVALID, "sch_cover_plan_new: NULL argument");
	*out = NULL;
	if (opts) {
		if (opts->version != SCH_COVER_OPTIONS_VERSION)
			return sch_error_set(SCH_EINVALID, "sch_cover_plan_new: options version %u, expected %d",
					     opts->version, SCH_COVER_OPTIONS_VERSION);
		o = *opts;
	}
	const sch_school *sc = sch_timetable_school(tt);
	if (s && s->school != sc)
		return sch_error_set(SCH_EINVALID, "sch_cover_plan_new: the changes were loaded for another school");
	if (a->teacher < 0 || a->teacher >= sc->n_teachers)
		return sch_error_set(SCH_EINVALID, "an absence needs a teacher of the school");
	if (a->first == SCH_DATE_NONE || a->last == SCH_DATE_NONE || a->first > a->last)
		return sch_error_set(SCH_EINVALID, "the absence's first day must come on or before its last");
	if (a->first < cal->first || a->last > cal->last) {
		char y1[16], y2[16];
		return sch_error_set(SCH_EINVALID, "the absence %s .. %s is not inside the school year (%s .. %s)",
				     sch_date_iso(a->first, d1), sch_date_iso(a->last, d2), sch_date_iso(cal->first, y1),
				     sch_date_iso(cal->last, y2));
	}
	for (size_t i = 0; s && i < s->n_abs; i++)
		if (s->abs[i].teacher == a->teacher && s->abs[i].first <= a->last && a->first <= s->abs[i].last)
			return sch_error_set(SCH_EEXISTS,
					     "%s is already recorded absent %s .. %s (absence %d): remove it first with "
					     "'schedule substitute undo --absence %d'",
					     sch_school_teacher_name(sc, a->teacher), sch_date_iso(s->abs[i].first, d1),
					     sch_date_iso(s->abs[i].last, d2), s->abs[i].id, s->abs[i].id);
	rc = s ? subst_clone(&trial, s) : sch_subst_new(&trial, sc);
	if (rc || (rc = sch_subst_add_absence(trial, a)) ||
	    (rc = sch_dated_new(&d, tt, cal, trial, a->first, a->last)))
		goto done;
	if (!(plan = calloc(1, sizeof *plan)) || !(item_entry = malloc(sizeof *item_entry * (d->n + 1)))) {
		rc = sch_error_oom();
		goto done;
	}
	plan->s = sc;
	plan->absence = *a;
	if (!(plan->absence.reason = strdup(a->reason ? a->reason : ""))) {
		rc = sch_error_oom();
		goto done;
	}
	/* The lessons to cover: the teacher's own, and those they were to cover. */
	for (size_t i = 0; i < d->n; i++) {
		const sch_dated_lesson *e = &d->v[i];
		if ((e->status == SCH_DATED_UNCOVERED && e->own_teacher == a->teacher) ||
		    (e->status == SCH_DATED_COVERED && e->teacher == a->teacher))
			item_entry[n_items++] = i;
	}
	int n_days = (int)(d->empty ? 1 : d->last - d->first + 1);
	plan->items = calloc(n_items + 1, sizeof *plan->items);
	cands = calloc(n_items + 1, sizeof *cands);
	n_cands = calloc(n_items + 1, sizeof *n_cands);
	views = calloc((size_t)n_days + 1, sizeof *views);
	first = calloc(n_items + 2, sizeof *first);
	day = calloc(n_items + 1, sizeof *day);
	periods = calloc(n_items + 1, sizeof *periods);
	assign = calloc(n_items + 1, sizeof *assign);
	day_room = malloc(sizeof *day_room * ((size_t)sc->n_teachers * (size_t)n_days + 1));
	/* Fairness counts the covers of the quarter the absence starts in. */
	prior = quarter_covers(trial, cal, n_items ? d->v[item_entry[0]].quarter : 0);
	if (!plan->items || !cands || !n_cands || !views || !first || !day || !periods || !assign || !day_room || !prior) {
		rc = sch_error_oom();
		goto done;
	}
	plan->n = n_items;
	/* Each day of the absence as the others see it (the absent teacher's lessons left out). */
	for (int k = 0; k < n_days && !d->empty; k++) {
		if ((rc = day_build(&views[k], d, d->first + k, -1)))
			goto done;
		for (int t = 0; t < sc->n_teachers; t++) {
			int lim = sc->teachers[t].max_per_day;
			day_room[(size_t)t * (size_t)n_days + (size_t)k] = lim > 0 ? lim - views[k].count[t] : -1;
		}
	}
	size_t total = 0;
	for (size_t i = 0; i < n_items; i++) {
		const sch_dated_lesson *e = &d->v[item_entry[i]];
		int k = (int)(e->date - d->first);
		/* The day as the others see it: the item keeps nobody else busy (an uncovered lesson is
		 * not given; a cover by the absent teacher makes only them busy), so one view serves the day. */
		if ((rc = candidates(&cands[i], &n_cands[i], &views[k], item_entry[i], prior)))
			goto done;
		first[i] = (int)total;
		for (size_t c = 0; c < n_cands[i]; c++)
			total += cands[i][c].status == SCH_CAND_FREE;
		day[i] = k;
		periods[i] = bells(e->period, e->length);
		sch_cover_item *it = &plan->items[i];
		*it = (sch_cover_item){.date = e->date,
				       .lesson = e->lesson,
				       .part = e->part,
				       .period = e->period,
				       .length = e->length,
				       .teacher = -1,
				       .replaces = e->status == SCH_DATED_COVERED ? e->change : 0};
	}
	first[n_items] = (int)total;
	teacher = malloc(sizeof *teacher * (total + 1));
	cost = malloc(sizeof *cost * (total + 1));
	if (!teacher || !cost) {
		rc = sch_error_oom();
		goto done;
	}
	for (size_t i = 0, j = 0; i < n_items; i++)
		for (size_t c = 0; c < n_cands[i]; c++)
			if (cands[i][c].status == SCH_CAND_FREE) {
				teacher[j] = cands[i][c].teacher;
				cost[j] = candidate_cost(&cands[i][c]);
				j++;
			}
	if (n_items > 0) {
		sch_cover_problem pr = {.n_items = (int)n_items,
					.n_teachers = sc->n_teachers,
					.n_days = n_days,
					.first = first,
					.teacher = teacher,
					.cost = cost,
					.day = day,
					.periods = periods,
					.prior = prior,
					.day_room = day_room,
					.fairness = o.fairness,
					.uncovered = UNCOVERED_COST,
					.time_limit = o.time_limit};
		sch_cover_result res;
		if ((rc = sch_cover_solve(assign, &pr, &res)))
			goto done;
		plan->seconds = res.seconds;
		plan->optimal = res.optimal;
	} else {
		plan->optimal = 1;
	}
	/* Who covers, or why nobody does. */
	for (size_t i = 0; i < n_items; i++) {
		sch_cover_item *it = &plan->items[i];
		const sch_dated_lesson *e = &d->v[item_entry[i]];
		sch_buf why;
		sch_buf_init(&why);
		it->teacher = assign[i];
		it->candidates = first[i + 1] - first[i];
		if (it->teacher >= 0) {
			it->reason = SCH_NOCOVER_NONE;
		} else if (n_cands[i] == 0) {
			it->reason = SCH_NOCOVER_UNQUALIFIED;
			sch_buf_printf(&why, "nobody else is qualified for %s",
				       sch_school_subject_name(sc, sc->lessons[e->lesson].subject, "ru"));
		} else if (it->candidates == 0) {
			it->reason = SCH_NOCOVER_BUSY;
			why_busy(&why, d, e, cands[i], n_cands[i]);
		} else {
			it->reason = SCH_NOCOVER_TAKEN;
			sch_buf_puts(&why, "the free qualified teachers cover other lessons of this absence then: ");
			for (size_t c = 0, k = 0; c < n_cands[i]; c++)
				if (cands[i][c].status == SCH_CAND_FREE)
					sch_buf_printf(&why, "%s%s", k++ ? ", " : "",
						       sch_school_teacher_name(sc, cands[i][c].teacher));
		}
		if (why.oom) {
			sch_buf_free(&why);
			rc = sch_error_oom();
			goto done;
		}
		it->why = why.p ? why.p : NULL;
		it->ranked = cands[i];
		it->n_ranked = n_cands[i];
		cands[i] = NULL; /* the plan owns them now */
	}
	*out = plan;
	plan = NULL;
done:
	for (size_t i = 0; cands && i < n_items; i++)
		free(cands[i]);
	for (int k = 0; views && d && k < n_days; k++)
		day_free(&views[k]);
	free(cands);
	free(n_cands);
	free(views);
	free(item_entry);
	free(first);
	free(teacher);
	free(cost);
	free(day);
	free(periods);
	free(assign);
	free(day_room);
	free(prior);
	sch_cover_plan_free(plan);
	sch_dated_free(d);
	sch_subst_free(trial);
	return rc;
}

int sch_cover_plan_apply(sch_store *st, const sch_cover_plan *p, int *absence_id)
{
	if (absence_id)
		*absence_id = 0;
	if (!st || !p)
		return sch_error_set(SCH_EINVALID, "sch_cover_plan_apply: NULL argument");
	sch_day_change *c = calloc(p->n + 1, sizeof *c);
	int *remove = calloc(p->n + 1, sizeof *remove);
	size_t n = 0, nr = 0;
	sch_absence a = p->absence;
	if (!c || !remove) {
		free(c);
		free(remove);
		return sch_error_oom();
	}
	for (size_t i = 0; i < p->n; i++) {
		const sch_cover_item *it = &p->items[i];
		/* A cover the absent teacher was to give goes, whether or not someone else takes it. */
		if (it->replaces > 0)
			remove[nr++] = it->replaces;
		if (it->teacher >= 0)
			c[n++] = (sch_day_change){.kind = SCH_CHANGE_COVER,
					      .date = it->date,
					      .lesson = it->lesson,
					      .part = it->part,
					      .teacher = it->teacher,
					      .period = -1,
					      .absence = -1,
					      .note = ""};
	}
	int rc = sch_subst_record(st, p->s, &a, c, n, remove, nr);
	if (rc == 0 && absence_id)
		*absence_id = a.id;
	free(c);
	free(remove);
	return rc;
}

/* ---- Cover counts ---- */

int sch_subst_cover_counts(sch_cover_count **rows, size_t *n, const sch_dated *d)
{
	if (!rows || !n || !d)
		return sch_error_set(SCH_EINVALID, "sch_subst_cover_counts: NULL argument");
	const sch_school *s = d->s;
	sch_cover_count *v = calloc((size_t)s->n_teachers + 1, sizeof *v);
	if (!v)
		return sch_error_oom();
	for (int t = 0; t < s->n_teachers; t++)
		v[t].teacher = t;
	for (size_t i = 0; i < d->n; i++) {
		const sch_dated_lesson *e = &d->v[i];
		if (e->status != SCH_DATED_COVERED || e->teacher < 0)
			continue;
		int m;
		sch_date_split(e->date, NULL, &m, NULL);
		v[e->teacher].quarter[0] += e->length;
		v[e->teacher].quarter[e->quarter] += e->length;
		v[e->teacher].month[m] += e->length;
	}
	*rows = v;
	*n = (size_t)s->n_teachers;
	return 0;
}
