/* The journal: dated lessons found by date, class and subject; marks, attendance, topics and homework checked and audited; closed quarters. */
#include "schedule/journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "journal_core.h"
#include "pupils_int.h"
#include "schedule/school.h"
#include "schedule/store.h"
#include "schedule/substitute.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"
#include "schedule/timetable.h"

/* ---- Opening ---- */

int sch_journal_open(sch_journal **out, sch_store *st, const char *user)
{
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_journal_open: NULL argument");
	*out = NULL;
	sch_journal *j = calloc(1, sizeof *j);
	if (!j)
		return sch_error_oom();
	j->st = st;
	sch_journal__user(user, j->by, sizeof j->by);
	int version = 0, rc;
	if ((rc = sch_store_active(&version, st)))
		goto fail;
	if (version == 0) {
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no active timetable version: the journal's lessons come from it "
						  "('schedule solve --db %s' makes one)",
				   sch_store_path(st), sch_store_path(st));
		goto fail;
	}
	if ((rc = sch_store_load_version_school(&j->school, st, 0, NULL)) ||
	    (rc = sch_store_load_timetable(&j->tt, st, 0, j->school, NULL)))
		goto fail;
	if ((rc = sch_calendar_load(&j->cal, st))) {
		if (rc == SCH_ENOTFOUND)
			sch_error_set(SCH_ENOTFOUND, "%s: no calendar yet: make one with 'schedule calendar init --db %s'",
				      sch_store_path(st), sch_store_path(st));
		goto fail;
	}
	if ((rc = sch_subst_load(&j->subst, st, j->school)) ||
	    (rc = sch_dated_new(&j->dated, j->tt, j->cal, j->subst, sch_calendar_first(j->cal), sch_calendar_last(j->cal))) ||
	    (rc = sch_store__lesson_names(&j->keys, &j->labels, j->school)))
		goto fail;
	*out = j;
	return 0;
fail:
	sch_journal_free(j);
	return rc;
}

void sch_journal_free(sch_journal *j)
{
	if (!j)
		return;
	if (j->batch)
		sch_journal_rollback(j);
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(j->q[i]);
	for (int g = 0; g <= 12; g++) {
		free(j->scheme[g].values);
		free(j->scheme[g].scores);
		free(j->scheme[g].text);
		free(j->scheme[g].values_mem);
	}
	free(j->pc);
	free(j->keys);
	free(j->labels);
	sch_dated_free(j->dated);
	sch_subst_free(j->subst);
	sch_calendar_free(j->cal);
	sch_timetable_free(j->tt);
	sch_school_free(j->school);
	free(j);
}

const sch_school *sch_journal_school(const sch_journal *j) { return j ? j->school : NULL; }
const sch_dated *sch_journal_dated(const sch_journal *j) { return j ? j->dated : NULL; }

/* ---- Statements and transactions ---- */

static const char *const SQL[Q_COUNT] = {
	[Q_PUPIL] = "SELECT class, status, coalesce(left_on, ''), last_name || ' ' || first_name FROM pupils WHERE id = ?1",
	[Q_MOVES] = "SELECT on_date, from_class FROM pupil_moves WHERE pupil = ?1 AND kind = 'transfer' ORDER BY on_date, id",
	[Q_GROUPS] = "SELECT division, grp FROM pupil_groups WHERE pupil = ?1",
	[Q_JL_GET] = "SELECT id, topic FROM journal_lessons WHERE day = ?1 AND lesson_key = ?2 AND part = ?3",
	[Q_JL_ADD] = "INSERT INTO journal_lessons(day, lesson_key, part, class, subject, teacher, division, grp, period) "
		     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_LOCKED] = "SELECT count(*) FROM quarter_locks WHERE quarter = ?1",
	[Q_MARK_GET] = "SELECT id, value FROM marks WHERE journal_lesson = ?1 AND pupil = ?2 AND kind = ?3",
	[Q_MARK_ADD] = "INSERT INTO marks(journal_lesson, pupil, value, kind, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
		       "coalesce(?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) "
		       "ON CONFLICT(journal_lesson, pupil, kind) DO NOTHING",
	[Q_MARK_SET] = "UPDATE marks SET value = ?2, created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), created_by = ?3 "
		       "WHERE id = ?1",
	[Q_MARK_DEL] = "DELETE FROM marks WHERE id = ?1",
	[Q_ATT_GET] = "SELECT status FROM attendance WHERE journal_lesson = ?1 AND pupil = ?2",
	[Q_ATT_SET] = "INSERT INTO attendance(journal_lesson, pupil, status) VALUES (?1, ?2, ?3) "
		      "ON CONFLICT(journal_lesson, pupil) DO UPDATE SET status = excluded.status",
	[Q_ATT_ADD] = "INSERT INTO attendance(journal_lesson, pupil, status) VALUES (?1, ?2, ?3) "
		      "ON CONFLICT(journal_lesson, pupil) DO NOTHING",
	[Q_ATT_DEL] = "DELETE FROM attendance WHERE journal_lesson = ?1 AND pupil = ?2",
	[Q_AUDIT] = "INSERT INTO audit(at, by, entity, entity_id, pupil, journal_lesson, field, old, new) "
		    "VALUES (coalesce(?9, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
};

sqlite3_stmt *sch_journal__q(sch_journal *j, int which)
{
	if (!j->q[which]) {
		if (sqlite3_prepare_v3(j->st->db, SQL[which], -1, SQLITE_PREPARE_PERSISTENT, &j->q[which], NULL) !=
		    SQLITE_OK) {
			sch_store__fail(j->st, sqlite3_errcode(j->st->db), "preparing a journal statement");
			j->q[which] = NULL;
			return NULL;
		}
	} else {
		sqlite3_reset(j->q[which]);
		sqlite3_clear_bindings(j->q[which]);
	}
	return j->q[which];
}

/* Steps a cached statement that returns no row. */
static int run(sch_journal *j, sqlite3_stmt *q, const char *what)
{
	int s = sqlite3_step(q);
	int rc = s == SQLITE_DONE || s == SQLITE_ROW ? 0 : sch_store__fail(j->st, s, what);
	sqlite3_reset(q);
	return rc;
}

int sch_journal__tx(sch_journal *j, const char *what)
{
	return j->batch ? 0 : sch_store__begin(j->st, what);
}

int sch_journal__tx_end(sch_journal *j, int rc, const char *what)
{
	if (j->batch)
		return rc;
	if (rc) {
		j->last_index = 0; /* the row it names may be rolled back */
		sch_store__rollback(j->st);
		return rc;
	}
	if ((rc = sch_store__commit(j->st, what)))
		j->last_index = 0;
	return rc;
}

static void restore_cache(sch_journal *j)
{
	if (!j->cache_size)
		return;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", j->cache_size);
	sqlite3_exec(j->st->db, sql, NULL, NULL, NULL);
	j->cache_size = 0;
}

int sch_journal_begin(sch_journal *j)
{
	if (!j)
		return sch_error_set(SCH_EINVALID, "sch_journal_begin: NULL journal");
	if (j->batch)
		return sch_error_set(SCH_EINVALID, "sch_journal_begin: a batch is open already");
	/* A batch is a bulk write: a page cache of 64 MiB (instead of SQLite's 2 MiB) keeps the
	 * growing indexes of marks, attendance and the audit in memory instead of re-reading the
	 * file. The handle's own size comes back when the batch ends. */
	long long cache = 0;
	if (!sch_store__int(j->st, "PRAGMA cache_size", -1, 0, &cache, "starting a batch") && cache > -65536) {
		j->cache_size = cache;
		sqlite3_exec(j->st->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	}
	int rc = sch_store__begin(j->st, "starting a batch");
	if (!rc) {
		/* One time for the batch's rows: it is one transaction, written at one moment. */
		time_t t = time(NULL);
		struct tm tm;
		j->now[0] = '\0';
		if (gmtime_r(&t, &tm))
			strftime(j->now, sizeof j->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		j->batch = 1;
		memset(j->lock_known, 0, sizeof j->lock_known);
		if (j->pc)
			memset(j->pc, 0, sizeof *j->pc * j->n_pc);
	}
	return rc;
}

int sch_journal_commit(sch_journal *j)
{
	if (!j || !j->batch)
		return sch_error_set(SCH_EINVALID, "sch_journal_commit: no batch is open");
	j->batch = 0;
	int rc = sch_store__commit(j->st, "writing the journal");
	if (rc)
		j->last_index = 0;
	restore_cache(j);
	return rc;
}

void sch_journal_rollback(sch_journal *j)
{
	if (!j || !j->batch)
		return;
	j->batch = 0;
	j->last_index = 0;
	sch_store__rollback(j->st);
	restore_cache(j);
}

int sch_journal__audit_q(sch_journal *j, const char *entity, int64_t entity_id, int64_t pupil, int64_t lesson,
			 const char *field, const char *old, const char *new_value)
{
	sqlite3_stmt *q = sch_journal__q(j, Q_AUDIT);
	if (!q)
		return sch_error_last()->code;
	sch_journal__audit_bind(q, j->by, entity, entity_id, pupil, lesson, field, old, new_value);
	if (j->batch && j->now[0])
		sqlite3_bind_text(q, 9, j->now, -1, SQLITE_STATIC);
	return run(j, q, "writing the audit trail");
}

/* ---- Quarters ---- */

int sch_journal__quarter_of(const sch_journal *j, sch_date d)
{
	for (int q = 1; q <= 4; q++) {
		sch_quarter qq;
		if (sch_calendar_quarter(j->cal, q, &qq) == 0 && d >= qq.first && d <= qq.last)
			return q;
	}
	return 0;
}

int sch_journal_quarter_closed(sch_journal *j, int q)
{
	if (!j || q < 1 || q > 4)
		return sch_error_set(SCH_EINVALID, "quarter %d: 1-4 expected", q);
	if (j->batch && j->lock_known[q])
		return j->lock_state[q];
	sqlite3_stmt *s = sch_journal__q(j, Q_LOCKED);
	if (!s)
		return sch_error_last()->code;
	sqlite3_bind_int(s, 1, q);
	int st = sqlite3_step(s), closed = 0;
	if (st == SQLITE_ROW)
		closed = sqlite3_column_int(s, 0) > 0;
	sqlite3_reset(s);
	if (st != SQLITE_ROW)
		return sch_store__fail(j->st, st, "reading the closed quarters");
	if (j->batch) {
		j->lock_known[q] = 1;
		j->lock_state[q] = closed;
	}
	return closed;
}

/* SCH_EINVALID when the date's quarter is closed. */
int sch_journal__check_open(sch_journal *j, sch_date d)
{
	int q = sch_journal__quarter_of(j, d);
	if (q == 0)
		return 0;
	int c = sch_journal_quarter_closed(j, q);
	if (c < 0)
		return c;
	if (c) {
		char buf[16];
		return sch_error_set(SCH_EINVALID,
				     "quarter %d is closed: %s cannot change (reopen it: schedule journal reopen %d)", q,
				     sch_date_iso(d, buf), q);
	}
	return 0;
}

static int set_quarter(sch_journal *j, int q, int close)
{
	sch_quarter qq;
	if (!j)
		return sch_error_set(SCH_EINVALID, "NULL journal");
	if (q < 1 || q > 4)
		return sch_error_set(SCH_EINVALID, "quarter %d: 1-4 expected", q);
	if (sch_calendar_quarter(j->cal, q, &qq) != 0)
		return sch_error_set(SCH_EINVALID, "quarter %d is not set in the calendar", q);
	int rc = sch_journal__tx(j, close ? "closing a quarter" : "reopening a quarter");
	if (rc)
		return rc;
	j->lock_known[q] = 0;
	int c = sch_journal_quarter_closed(j, q);
	if (c < 0) {
		rc = c;
	} else if (close && c) {
		rc = sch_error_set(SCH_EINVALID, "quarter %d is closed already", q);
	} else if (!close && !c) {
		rc = sch_error_set(SCH_EINVALID, "quarter %d is not closed", q);
	} else {
		char qs[4];
		snprintf(qs, sizeof qs, "%d", q);
		const char *p[] = {qs, j->by};
		rc = close ? sch_journal__exec(j->st, "closing a quarter",
					       "INSERT INTO quarter_locks(quarter, closed_by) VALUES (?1, ?2)", 2, p)
			   : sch_journal__exec(j->st, "reopening a quarter", "DELETE FROM quarter_locks WHERE quarter = ?1",
					       1, p);
		if (!rc)
			rc = sch_journal__audit_q(j, "quarter", q, 0, 0, "status", close ? "open" : "closed",
						  close ? "closed" : "open");
	}
	j->lock_known[q] = 0;
	return sch_journal__tx_end(j, rc, close ? "closing a quarter" : "reopening a quarter");
}

int sch_journal_close_quarter(sch_journal *j, int q) { return set_quarter(j, q, 1); }
int sch_journal_reopen_quarter(sch_journal *j, int q) { return set_quarter(j, q, 0); }

/* ---- Finding the dated lesson ---- */

static int lesson_has_class(const sch_lesson_def *l, int c)
{
	for (int i = 0; i < l->n_classes; i++)
		if (l->classes[i] == c)
			return 1;
	return 0;
}

/* The group name of a part of a split lesson, NULL for a whole-class part. */
const char *sch_journal__part_group(const sch_school *s, const sch_lesson_def *l, int part, const char **division)
{
	const sch_part_def *p = &l->parts[part];
	if (p->division < 0 || p->group < 0 || p->class_of < 0) {
		if (division)
			*division = NULL;
		return NULL;
	}
	const sch_division *dv = &s->classes[p->class_of].divisions[p->division];
	if (division)
		*division = dv->name;
	return dv->groups[p->group];
}

static int find_subject(const sch_school *s, const char *id)
{
	if (!id || !*id) {
		sch_error_set(SCH_EINVALID, "no subject given");
		return -1;
	}
	for (int i = 0; i < s->n_subjects; i++)
		if (strcmp(s->subjects[i].id, id) == 0)
			return i;
	const char **ids = malloc(sizeof *ids * ((size_t)s->n_subjects + 1));
	if (!ids) {
		sch_error_oom();
		return -1;
	}
	for (int i = 0; i < s->n_subjects; i++)
		ids[i] = s->subjects[i].id;
	const char *near = sch_suggest(id, ids, (size_t)s->n_subjects);
	if (near)
		sch_error_set(SCH_ENOTFOUND, "no subject '%s' in the school; did you mean '%s'?", id, near);
	else
		sch_error_set(SCH_ENOTFOUND, "no subject '%s' in the school", id);
	free(ids);
	return -1;
}

int sch_journal__subject(const sch_school *s, const char *id) { return find_subject(s, id); }

/* A pupil's row, transfers and groups (three reads): kept for the rest of a batch, read
 * afresh outside one (other writers may have changed them). */
static int cache_pupil(sch_journal *j, int64_t pupil, jcached **out)
{
	if (pupil <= 0 || pupil > (int64_t)1 << 24)
		return sch_error_set(SCH_ENOTFOUND, "no pupil #%lld", (long long)pupil);
	if ((size_t)pupil >= j->n_pc) {
		size_t n = j->n_pc ? j->n_pc : 1024;
		while (n <= (size_t)pupil)
			n *= 2;
		jcached *pc = realloc(j->pc, sizeof *pc * n);
		if (!pc)
			return sch_error_oom();
		memset(pc + j->n_pc, 0, sizeof *pc * (n - j->n_pc));
		j->pc = pc;
		j->n_pc = n;
	}
	jcached *c = &j->pc[pupil];
	*out = c;
	if (c->loaded && j->batch)
		return 0;
	memset(c, 0, sizeof *c);
	sqlite3_stmt *q = sch_journal__q(j, Q_PUPIL);
	if (!q)
		return sch_error_last()->code;
	sqlite3_bind_int64(q, 1, pupil);
	int s = sqlite3_step(q);
	if (s != SQLITE_ROW) {
		sqlite3_reset(q);
		return s == SQLITE_DONE ? sch_error_set(SCH_ENOTFOUND, "no pupil #%lld", (long long)pupil)
					: sch_store__fail(j->st, s, "reading a pupil");
	}
	snprintf(c->class_id, sizeof c->class_id, "%s", (const char *)sqlite3_column_text(q, 0));
	c->expelled = strcmp((const char *)sqlite3_column_text(q, 1), "expelled") == 0;
	snprintf(c->left_on, sizeof c->left_on, "%s", (const char *)sqlite3_column_text(q, 2));
	snprintf(c->name, sizeof c->name, "%s", (const char *)sqlite3_column_text(q, 3));
	sqlite3_reset(q);
	if (!(q = sch_journal__q(j, Q_MOVES)))
		return sch_error_last()->code;
	sqlite3_bind_int64(q, 1, pupil);
	while (c->n_moves < JP_MAX && sqlite3_step(q) == SQLITE_ROW) {
		snprintf(c->move_on[c->n_moves], 11, "%s", (const char *)sqlite3_column_text(q, 0));
		snprintf(c->move_from[c->n_moves], 128, "%s", (const char *)sqlite3_column_text(q, 1));
		c->n_moves++;
	}
	sqlite3_reset(q);
	if (!(q = sch_journal__q(j, Q_GROUPS)))
		return sch_error_last()->code;
	sqlite3_bind_int64(q, 1, pupil);
	while (c->n_groups < JP_MAX && sqlite3_step(q) == SQLITE_ROW) {
		snprintf(c->div[c->n_groups], 64, "%s", (const char *)sqlite3_column_text(q, 0));
		snprintf(c->grp[c->n_groups], 64, "%s", (const char *)sqlite3_column_text(q, 1));
		c->n_groups++;
	}
	sqlite3_reset(q);
	c->loaded = j->batch;
	return 0;
}

/* Reads what the journal needs of a pupil: class on the date, status, the date they left, name. */
int sch_journal__pupil(sch_journal *j, int64_t pupil, sch_date d, jpupil *out)
{
	char day[11];
	sch_date_iso(d, day);
	jcached *c;
	int rc = cache_pupil(j, pupil, &c);
	if (rc)
		return rc;
	snprintf(out->class_id, sizeof out->class_id, "%s", c->class_id);
	out->expelled = c->expelled;
	memcpy(out->left_on, c->left_on, sizeof out->left_on);
	snprintf(out->name, sizeof out->name, "%s", c->name);
	/* Moves are by date: the first transfer after the date says where they were. */
	for (int k = 0; k < c->n_moves; k++)
		if (strcmp(c->move_on[k], day) > 0) {
			snprintf(out->class_id, sizeof out->class_id, "%s", c->move_from[k]);
			break;
		}
	out->id = pupil;
	return 0;
}

/* The pupil's group in a division ("" when none). */
static int pupil_group(sch_journal *j, int64_t pupil, const char *division, char *out, size_t n)
{
	out[0] = '\0';
	jcached *c;
	int rc = cache_pupil(j, pupil, &c);
	if (rc)
		return rc;
	for (int k = 0; k < c->n_groups; k++)
		if (strcmp(c->div[k], division) == 0)
			snprintf(out, n, "%s", c->grp[k]);
	return 0;
}

/* 0 when the pupil sits in dated lesson l, else SCH_EINVALID saying why. */
int sch_journal__pupil_in(sch_journal *j, const sch_dated_lesson *l, int64_t pupil, const jpupil *p)
{
	const sch_school *s = j->school;
	const sch_lesson_def *ld = &s->lessons[l->lesson];
	char day[11];
	sch_date_iso(l->date, day);
	int c = sch_school_find_class(s, p->class_id);
	if (c < 0 || !lesson_has_class(ld, c)) {
		sch_buf b;
		sch_buf_init(&b);
		for (int i = 0; i < ld->n_classes; i++)
			sch_buf_printf(&b, "%s%s", i ? ", " : "", s->classes[ld->classes[i]].id);
		int rc = sch_error_set(SCH_EINVALID, "pupil #%lld %s is in class %s, not in %s of the %s lesson on %s",
				       (long long)pupil, p->name, p->class_id, b.p ? b.p : "?",
				       s->subjects[ld->subject].id, day);
		sch_buf_free(&b);
		return rc;
	}
	if (p->expelled && p->left_on[0] && strcmp(day, p->left_on) >= 0)
		return sch_error_set(SCH_EINVALID, "pupil #%lld %s was expelled on %s", (long long)pupil, p->name,
				     p->left_on);
	const sch_part_def *part = &ld->parts[l->part];
	/* A split part's group is of its first class only (as the school model builds its atoms). */
	if (part->division >= 0 && part->group >= 0 && part->class_of == c) {
		const char *division, *grp = sch_journal__part_group(s, ld, l->part, &division);
		char mine[128];
		int rc = pupil_group(j, pupil, division, mine, sizeof mine);
		if (rc)
			return rc;
		if (!mine[0])
			return sch_error_set(SCH_EINVALID,
					     "pupil #%lld %s has no group in division '%s' of class %s (set it: "
					     "schedule pupils set-group)",
					     (long long)pupil, p->name, division, p->class_id);
		if (strcmp(mine, grp) != 0)
			return sch_error_set(SCH_EINVALID, "pupil #%lld %s is in group %s, not in group %s of the %s lesson on %s",
					     (long long)pupil, p->name, mine, grp, s->subjects[ld->subject].id, day);
	}
	return 0;
}

int sch_journal_find(size_t *index, sch_journal *j, const sch_journal_ref *ref, int64_t pupil)
{
	if (!index || !j || !ref)
		return sch_error_set(SCH_EINVALID, "sch_journal_find: NULL argument");
	if (ref->version != SCH_JOURNAL_REF_VERSION)
		return sch_error_set(SCH_EINVALID, "journal: ref version %u, expected %d (use SCH_JOURNAL_REF_INIT)",
				     ref->version, SCH_JOURNAL_REF_VERSION);
	const sch_school *s = j->school;
	int c = sch_journal__class(s, ref->class_id);
	if (c < 0)
		return sch_error_last()->code;
	int subj = find_subject(s, ref->subject_id);
	if (subj < 0)
		return sch_error_last()->code;
	char day[11], dtext[16];
	sch_date_iso(ref->date, day);
	sch_date_dmy(ref->date, dtext);
	if (ref->date < sch_calendar_first(j->cal) || ref->date > sch_calendar_last(j->cal))
		return sch_error_set(SCH_EINVALID, "%s is outside the school year", day);
	size_t first = 0, n = sch_dated_on(j->dated, ref->date, &first);
	jpupil p;
	int have_pupil = 0;
	if (pupil > 0) {
		int rc = sch_journal__pupil(j, pupil, ref->date, &p);
		if (rc)
			return rc;
		have_pupil = 1;
	}
	size_t cand[64];
	int nc = 0, cancelled = 0, of_class = 0, wrong_period = 0, of_subject = 0;
	char why_not[600] = "";
	sch_buf others;
	sch_buf_init(&others);
	for (size_t i = first; i < first + n; i++) {
		const sch_dated_lesson *l = sch_dated_get(j->dated, i);
		const sch_lesson_def *ld = &s->lessons[l->lesson];
		if (!lesson_has_class(ld, c))
			continue;
		of_class++;
		if (ld->subject != subj) {
			if (!others.p || !strstr(others.p, s->subjects[ld->subject].id))
				sch_buf_printf(&others, "%s%s", others.len ? ", " : "", s->subjects[ld->subject].id);
			continue;
		}
		of_subject++;
		if (ref->period > 0 && (ref->period - 1 < l->period || ref->period - 1 >= l->period + l->length)) {
			wrong_period++;
			continue;
		}
		const char *grp = sch_journal__part_group(s, ld, l->part, NULL);
		if (ref->group && *ref->group && (!grp || strcmp(grp, ref->group) != 0))
			continue;
		if (!sch_dated_given(l)) {
			cancelled++;
			continue;
		}
		if (have_pupil && ld->n_parts > 1 && sch_journal__pupil_in(j, l, pupil, &p) != 0) {
			/* the other group's part; kept: why the pupil fits no part, if none */
			snprintf(why_not, sizeof why_not, "%s", sch_error_last()->message);
			continue;
		}
		if (nc < 64)
			cand[nc++] = i;
	}
	int rc = 0;
	if (nc == 1) {
		*index = cand[0];
	} else if (nc == 0) {
		if (of_class == 0)
			rc = sch_error_set(SCH_EINVALID, "class %s has no lessons on %s (a day off, a holiday or a break)",
					   ref->class_id, dtext);
		else if (of_subject == 0)
			rc = sch_error_set(SCH_EINVALID, "class %s has no %s lesson on %s (its lessons that day: %s)",
					   ref->class_id, ref->subject_id, dtext, others.p ? others.p : "");
		else if (wrong_period && !cancelled)
			rc = sch_error_set(SCH_EINVALID, "class %s has no %s lesson at bell %d on %s", ref->class_id,
					   ref->subject_id, ref->period, dtext);
		else if (cancelled)
			rc = sch_error_set(SCH_EINVALID, "the %s lesson of class %s on %s was not given (cancelled, or its "
							 "teacher absent and not covered)",
					   ref->subject_id, ref->class_id, dtext);
		else if (why_not[0])
			rc = sch_error_set(SCH_EINVALID, "%s", why_not);
		else
			rc = sch_error_set(SCH_EINVALID, "class %s has no %s lesson of group %s on %s", ref->class_id,
					   ref->subject_id, ref->group ? ref->group : "?", dtext);
		if (!rc)
			rc = SCH_EINVALID;
	} else {
		/* Several: say what tells them apart. */
		sch_buf b;
		sch_buf_init(&b);
		int same_lesson = 1;
		for (int k = 0; k < nc; k++) {
			const sch_dated_lesson *l = sch_dated_get(j->dated, cand[k]);
			if (l->lesson != sch_dated_get(j->dated, cand[0])->lesson)
				same_lesson = 0;
		}
		for (int k = 0; k < nc; k++) {
			const sch_dated_lesson *l = sch_dated_get(j->dated, cand[k]);
			const char *grp = sch_journal__part_group(s, &s->lessons[l->lesson], l->part, NULL);
			if (same_lesson)
				sch_buf_printf(&b, "%s%s", k ? ", " : "", grp ? grp : "whole class");
			else
				sch_buf_printf(&b, "%sbell %d%s%s", k ? ", " : "", l->period + 1, grp ? " " : "", grp ? grp : "");
		}
		rc = sch_error_set(SCH_EINVALID, "class %s has %d %s lessons on %s (%s): give the %s", ref->class_id, nc,
				   ref->subject_id, dtext, b.p ? b.p : "", same_lesson ? "group (--group)" : "bell (--period)");
		sch_buf_free(&b);
	}
	sch_buf_free(&others);
	return rc;
}

/* ---- The journal lesson row ---- */

int sch_journal__lesson_row(sch_journal *j, size_t index, int create, int64_t *id, char **topic)
{
	const sch_dated_lesson *l = sch_dated_get(j->dated, index);
	if (!l)
		return sch_error_set(SCH_EINVALID, "no dated lesson %zu", index);
	if (!topic && j->last_index == index + 1 && j->last_id) {
		*id = j->last_id;
		return 0;
	}
	const sch_school *s = j->school;
	const sch_lesson_def *ld = &s->lessons[l->lesson];
	char day[11];
	sch_date_iso(l->date, day);
	int part = ld->n_parts > 1 ? l->part : -1;
	sqlite3_stmt *q = sch_journal__q(j, Q_JL_GET);
	if (!q)
		return sch_error_last()->code;
	sqlite3_bind_text(q, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, j->keys[l->lesson], -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, part);
	*id = 0;
	int st = sqlite3_step(q);
	if (st == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		if (topic && !(*topic = sch_store__text(q, 1))) {
			sqlite3_reset(q);
			return sch_error_oom();
		}
	}
	sqlite3_reset(q);
	if (st != SQLITE_ROW && st != SQLITE_DONE)
		return sch_store__fail(j->st, st, "reading the journal");
	if (*id || !create) {
		if (*id) {
			j->last_index = index + 1;
			j->last_id = *id;
		}
		return 0;
	}
	sch_buf classes;
	sch_buf_init(&classes);
	for (int i = 0; i < ld->n_classes; i++)
		sch_buf_printf(&classes, "%s%s", i ? "," : "", s->classes[ld->classes[i]].id);
	const char *division = NULL, *grp = sch_journal__part_group(s, ld, l->part, &division);
	if (!(q = sch_journal__q(j, Q_JL_ADD))) {
		sch_buf_free(&classes);
		return sch_error_last()->code;
	}
	sqlite3_bind_text(q, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, j->keys[l->lesson], -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, part);
	sqlite3_bind_text(q, 4, classes.p ? classes.p : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, s->subjects[ld->subject].id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, l->teacher >= 0 ? s->teachers[l->teacher].id : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, division ? division : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 8, grp ? grp : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 9, l->period);
	int rc = run(j, q, "adding a journal lesson");
	sch_buf_free(&classes);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(j->st->db);
	j->last_index = index + 1;
	j->last_id = *id;
	if (topic && !(*topic = calloc(1, 1)))
		return sch_error_oom();
	return 0;
}

/* ---- Grading schemes ---- */

int sch_journal__scheme(sch_journal *j, int grade, const jscheme **out)
{
	if (grade < 1 || grade > 12)
		grade = grade < 1 ? 1 : 12;
	jscheme *sc = &j->scheme[grade];
	if (!sc->loaded) {
		sqlite3_stmt *q = NULL;
		int rc = sch_store__prepare(j->st, &q,
					    "SELECT s.id, s.kind, json_extract(v.value, '$.value'), json_extract(v.value, '$.score') "
					    "FROM grading_bands b JOIN grading_schemes s ON s.id = b.scheme "
					    "LEFT JOIN json_each(s.spec, '$.values') v "
					    "WHERE ?1 BETWEEN b.grade_min AND b.grade_max ORDER BY v.key",
					    "reading the grading scheme");
		if (rc)
			return rc;
		sqlite3_bind_int(q, 1, grade);
		sch_buf text;
		sch_buf_init(&text);
		int s, cap = 0;
		sc->id[0] = '\0';
		while ((s = sqlite3_step(q)) == SQLITE_ROW) {
			snprintf(sc->id, sizeof sc->id, "%s", (const char *)sqlite3_column_text(q, 0));
			snprintf(sc->kind, sizeof sc->kind, "%s", (const char *)sqlite3_column_text(q, 1));
			if (sqlite3_column_type(q, 2) == SQLITE_NULL)
				continue;
			if (sc->n == cap) {
				cap = cap ? cap * 2 : 16;
				char **v = realloc(sc->values, sizeof *v * (size_t)cap);
				double *d = realloc(sc->scores, sizeof *d * (size_t)cap);
				if (v)
					sc->values = v;
				if (d)
					sc->scores = d;
				if (!v || !d) {
					sqlite3_finalize(q);
					sch_buf_free(&text);
					return sch_error_oom();
				}
			}
			const char *v = (const char *)sqlite3_column_text(q, 2);
			sch_buf_printf(&text, "%s%s", sc->n ? ", " : "", v);
			sc->scores[sc->n] = sqlite3_column_type(q, 3) == SQLITE_NULL ? -1 : sqlite3_column_double(q, 3);
			sc->values[sc->n] = NULL; /* pointers into text, set below */
			sc->n++;
		}
		sqlite3_finalize(q);
		if (s != SQLITE_DONE) {
			sch_buf_free(&text);
			return sch_store__fail(j->st, s, "reading the grading scheme");
		}
		if (!sc->id[0]) {
			sch_buf_free(&text);
			return sch_error_set(SCH_EINVALID, "no grading scheme for grade %d (grading_bands)", grade);
		}
		sc->text = sch_buf_take(&text, NULL);
		if (!sc->text && !(sc->text = calloc(1, 1)))
			return sch_error_oom();
		/* The values are the ", "-separated words of text: split a copy in place. */
		if (sc->n) {
			char *copy = malloc(strlen(sc->text) * 2 + 2);
			if (!copy)
				return sch_error_oom();
			size_t len = strlen(sc->text);
			memcpy(copy + len + 1, sc->text, len + 1);
			char *p = copy + len + 1;
			for (int k = 0; k < sc->n; k++) {
				sc->values[k] = p;
				char *e = strstr(p, ", ");
				if (e) {
					*e = '\0';
					p = e + 2;
				}
			}
			sc->values_mem = copy;
		}
		sc->loaded = 1;
	}
	*out = sc;
	return 0;
}

int sch_journal__check_mark(sch_journal *j, int grade, const char *value, double *score)
{
	const jscheme *sc;
	int rc = sch_journal__scheme(j, grade, &sc);
	if (rc)
		return rc;
	for (int k = 0; k < sc->n; k++)
		if (strcmp(sc->values[k], value) == 0) {
			if (score)
				*score = sc->scores[k];
			return 0;
		}
	if (sc->n == 0)
		return sch_error_set(SCH_EINVALID, "grade %d gets no marks (grading scheme '%s' of kind %s)", grade, sc->id,
				     sc->kind);
	return sch_error_set(SCH_EINVALID, "mark '%s' is not in the grading scheme of grade %d (%s: %s)", value, grade,
			     sc->id, sc->text);
}

int sch_journal_scheme_values(char **values, char *scheme_id, sch_store *st, int grade)
{
	if (!values || !st)
		return sch_error_set(SCH_EINVALID, "sch_journal_scheme_values: NULL argument");
	*values = NULL;
	sch_journal tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.st = st;
	const jscheme *sc;
	int rc = sch_journal__scheme(&tmp, grade, &sc);
	if (!rc) {
		*values = tmp.scheme[grade < 1 ? 1 : grade > 12 ? 12 : grade].text;
		tmp.scheme[grade < 1 ? 1 : grade > 12 ? 12 : grade].text = NULL;
		if (scheme_id)
			snprintf(scheme_id, 65, "%s", sc->id);
	}
	for (int g = 0; g <= 12; g++) {
		free(tmp.scheme[g].values);
		free(tmp.scheme[g].scores);
		free(tmp.scheme[g].text);
		free(tmp.scheme[g].values_mem);
	}
	return rc;
}

/* ---- Marks and attendance ---- */

static int lesson_grade(const sch_journal *j, const sch_dated_lesson *l, const jpupil *p)
{
	int c = sch_school_find_class(j->school, p->class_id);
	return c >= 0 ? j->school->classes[c].grade : 0;
}

int sch_journal_mark_at(sch_journal *j, size_t index, int64_t pupil, const char *value, const char *kind)
{
	if (!j)
		return sch_error_set(SCH_EINVALID, "sch_journal_mark: NULL journal");
	const sch_dated_lesson *l = sch_dated_get(j->dated, index);
	if (!l)
		return sch_error_set(SCH_EINVALID, "no dated lesson %zu", index);
	if (!kind)
		kind = "";
	int del = !value || !*value;
	jpupil p;
	int rc = sch_journal__pupil(j, pupil, l->date, &p);
	if (rc || (rc = sch_journal__pupil_in(j, l, pupil, &p)))
		return rc;
	if (!sch_dated_given(l))
		return sch_error_set(SCH_EINVALID, "that lesson was not given (cancelled or not covered)");
	if (!del && (rc = sch_journal__check_mark(j, lesson_grade(j, l, &p), value, NULL)))
		return rc;
	if ((rc = sch_journal__check_open(j, l->date)))
		return rc;
	if ((rc = sch_journal__tx(j, "writing a mark")))
		return rc;
	int64_t jl = 0, mid = 0;
	char *old = NULL;
	if ((rc = sch_journal__lesson_row(j, index, !del, &jl, NULL)))
		goto done;
	if (jl && !del) {
		/* Most writes add a mark: try that first, and read the old one only when there is one. */
		sqlite3_stmt *q = sch_journal__q(j, Q_MARK_ADD);
		if (!q) {
			rc = sch_error_last()->code;
			goto done;
		}
		sqlite3_bind_int64(q, 1, jl);
		sqlite3_bind_int64(q, 2, pupil);
		sqlite3_bind_text(q, 3, value, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, j->by, -1, SQLITE_STATIC);
		if (j->batch && j->now[0])
			sqlite3_bind_text(q, 6, j->now, -1, SQLITE_STATIC);
		if ((rc = run(j, q, "writing a mark")))
			goto done;
		if (sqlite3_changes(j->st->db) == 1) {
			rc = sch_journal__audit_q(j, "mark", sqlite3_last_insert_rowid(j->st->db), pupil, jl,
						  *kind ? kind : "value", NULL, value);
			goto done;
		}
	}
	if (jl) {
		sqlite3_stmt *q = sch_journal__q(j, Q_MARK_GET);
		if (!q) {
			rc = sch_error_last()->code;
			goto done;
		}
		sqlite3_bind_int64(q, 1, jl);
		sqlite3_bind_int64(q, 2, pupil);
		sqlite3_bind_text(q, 3, kind, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW) {
			mid = sqlite3_column_int64(q, 0);
			old = sch_store__text(q, 1);
		}
		sqlite3_reset(q);
	}
	if (del) {
		if (!mid) {
			char buf[16];
			rc = sch_error_set(SCH_ENOTFOUND, "pupil #%lld %s has no %smark on %s to delete", (long long)pupil,
					   p.name, *kind ? "such " : "", sch_date_iso(l->date, buf));
			goto done;
		}
		sqlite3_stmt *q = sch_journal__q(j, Q_MARK_DEL);
		if (!q) {
			rc = sch_error_last()->code;
			goto done;
		}
		sqlite3_bind_int64(q, 1, mid);
		if (!(rc = run(j, q, "deleting a mark")))
			rc = sch_journal__audit_q(j, "mark", mid, pupil, jl, *kind ? kind : "value", old, NULL);
		goto done;
	}
	if (old && strcmp(old, value) == 0)
		goto done; /* nothing changes: nothing to audit */
	if (!mid) { /* the insert found a mark that is gone now: cannot happen inside the transaction */
		rc = sch_error_set(SCH_EINTERNAL, "writing a mark: the existing mark vanished");
		goto done;
	}
	sqlite3_stmt *q = sch_journal__q(j, Q_MARK_SET);
	if (!q) {
		rc = sch_error_last()->code;
		goto done;
	}
	sqlite3_bind_int64(q, 1, mid);
	sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, j->by, -1, SQLITE_STATIC);
	if ((rc = run(j, q, "writing a mark")))
		goto done;
	rc = sch_journal__audit_q(j, "mark", mid, pupil, jl, *kind ? kind : "value", old, value);
done:
	free(old);
	return sch_journal__tx_end(j, rc, "writing a mark");
}

int sch_journal_mark(sch_journal *j, const sch_journal_ref *ref, int64_t pupil, const char *value, const char *kind)
{
	size_t i;
	int rc = sch_journal_find(&i, j, ref, pupil);
	return rc ? rc : sch_journal_mark_at(j, i, pupil, value, kind);
}

static const char *const ATTEND[] = {"present", "absent", "excused", "late"};

int sch_attend_parse(const char *text)
{
	if (!text)
		return -2;
	for (int i = 0; i < 4; i++)
		if (strcmp(text, ATTEND[i]) == 0)
			return i;
	if (strcmp(text, "н") == 0 || strcmp(text, "Н") == 0)
		return SCH_ATTEND_ABSENT;
	if (strcmp(text, "clear") == 0 || strcmp(text, "none") == 0)
		return SCH_ATTEND_CLEAR;
	return -2;
}

const char *sch_attend_name(int status) { return status >= 0 && status < 4 ? ATTEND[status] : "none"; }

int sch_journal_attend_at(sch_journal *j, size_t index, int64_t pupil, int status)
{
	if (!j)
		return sch_error_set(SCH_EINVALID, "sch_journal_attend: NULL journal");
	const sch_dated_lesson *l = sch_dated_get(j->dated, index);
	if (!l)
		return sch_error_set(SCH_EINVALID, "no dated lesson %zu", index);
	if (status < SCH_ATTEND_CLEAR || status > SCH_ATTEND_LATE)
		return sch_error_set(SCH_EINVALID, "attendance %d: present, absent, excused or late expected", status);
	jpupil p;
	int rc = sch_journal__pupil(j, pupil, l->date, &p);
	if (rc || (rc = sch_journal__pupil_in(j, l, pupil, &p)))
		return rc;
	if (!sch_dated_given(l))
		return sch_error_set(SCH_EINVALID, "that lesson was not given (cancelled or not covered)");
	if ((rc = sch_journal__check_open(j, l->date)))
		return rc;
	if ((rc = sch_journal__tx(j, "writing attendance")))
		return rc;
	int64_t jl = 0;
	char *old = NULL;
	int del = status == SCH_ATTEND_CLEAR;
	if ((rc = sch_journal__lesson_row(j, index, !del, &jl, NULL)) || !jl)
		goto done;
	sqlite3_stmt *q;
	if (!del) { /* new records first, as with marks */
		if (!(q = sch_journal__q(j, Q_ATT_ADD))) {
			rc = sch_error_last()->code;
			goto done;
		}
		sqlite3_bind_int64(q, 1, jl);
		sqlite3_bind_int64(q, 2, pupil);
		sqlite3_bind_text(q, 3, ATTEND[status], -1, SQLITE_STATIC);
		if ((rc = run(j, q, "writing attendance")))
			goto done;
		if (sqlite3_changes(j->st->db) == 1) {
			rc = sch_journal__audit_q(j, "attendance", jl, pupil, jl, "status", NULL, ATTEND[status]);
			goto done;
		}
	}
	q = sch_journal__q(j, Q_ATT_GET);
	if (!q) {
		rc = sch_error_last()->code;
		goto done;
	}
	sqlite3_bind_int64(q, 1, jl);
	sqlite3_bind_int64(q, 2, pupil);
	if (sqlite3_step(q) == SQLITE_ROW)
		old = sch_store__text(q, 0);
	sqlite3_reset(q);
	if ((del && !old) || (!del && old && strcmp(old, ATTEND[status]) == 0))
		goto done;
	if (!(q = sch_journal__q(j, del ? Q_ATT_DEL : Q_ATT_SET))) {
		rc = sch_error_last()->code;
		goto done;
	}
	sqlite3_bind_int64(q, 1, jl);
	sqlite3_bind_int64(q, 2, pupil);
	if (!del)
		sqlite3_bind_text(q, 3, ATTEND[status], -1, SQLITE_STATIC);
	if (!(rc = run(j, q, "writing attendance")))
		rc = sch_journal__audit_q(j, "attendance", jl, pupil, jl, "status", old, del ? NULL : ATTEND[status]);
done:
	free(old);
	return sch_journal__tx_end(j, rc, "writing attendance");
}

int sch_journal_attend(sch_journal *j, const sch_journal_ref *ref, int64_t pupil, int status)
{
	size_t i;
	int rc = sch_journal_find(&i, j, ref, pupil);
	return rc ? rc : sch_journal_attend_at(j, i, pupil, status);
}

/* ---- Topics ---- */

int sch_journal_topic(sch_journal *j, const sch_journal_ref *ref, const char *text)
{
	size_t i;
	if (!j || !text)
		return sch_error_set(SCH_EINVALID, "sch_journal_topic: NULL argument");
	size_t bad;
	if (!sch_utf8_valid(text, strlen(text), &bad))
		return sch_error_set(SCH_EINVALID, "topic: not UTF-8 text");
	int rc = sch_journal_find(&i, j, ref, 0);
	if (rc)
		return rc;
	const sch_dated_lesson *l = sch_dated_get(j->dated, i);
	if ((rc = sch_journal__check_open(j, l->date)))
		return rc;
	if ((rc = sch_journal__tx(j, "writing a topic")))
		return rc;
	int64_t jl = 0;
	char *old = NULL;
	if ((rc = sch_journal__lesson_row(j, i, *text != '\0', &jl, &old)) || !jl)
		goto done;
	if (strcmp(old, text) == 0)
		goto done;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)jl);
	const char *p[] = {id, text};
	if (!(rc = sch_journal__exec(j->st, "writing a topic", "UPDATE journal_lessons SET topic = ?2 WHERE id = ?1", 2, p)))
		rc = sch_journal__audit_q(j, "topic", jl, 0, jl, "topic", *old ? old : NULL, *text ? text : NULL);
done:
	free(old);
	return sch_journal__tx_end(j, rc, "writing a topic");
}
