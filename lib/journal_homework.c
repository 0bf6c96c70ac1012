/* Homework of dated lessons and its files (type and size checked, content stored once by SHA-256), grading schemes as data, and the audit trail read back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "journal_core.h"
#include "schedule/text.h"

/* The day of homework `id` (ISO) and its lesson; SCH_ENOTFOUND when there is none. */
static int homework_lesson(sch_journal *j, int64_t id, char day[11], int64_t *jl, char **text, char **due)
{
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(j->st, &q,
				    "SELECT l.day, l.id, h.text, coalesce(h.due_day, '') FROM homework h "
				    "JOIN journal_lessons l ON l.id = h.journal_lesson WHERE h.id = ?1",
				    "reading homework");
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	int s = sqlite3_step(q);
	if (s == SQLITE_ROW) {
		snprintf(day, 11, "%s", (const char *)sqlite3_column_text(q, 0));
		*jl = sqlite3_column_int64(q, 1);
		if (text && !(*text = sch_store__text(q, 2)))
			rc = sch_error_oom();
		if (due && !(*due = sch_store__text(q, 3)))
			rc = sch_error_oom();
	} else if (s == SQLITE_DONE) {
		rc = sch_error_set(SCH_ENOTFOUND, "no homework #%lld", (long long)id);
	} else {
		rc = sch_store__fail(j->st, s, "reading homework");
	}
	sqlite3_finalize(q);
	return rc;
}

static int check_open_day(sch_journal *j, const char *day)
{
	sch_date d;
	if (sch_date_parse(&d, day) != 0)
		return sch_error_set(SCH_EDB, "a journal lesson dated '%s'", day);
	return sch_journal__check_open(j, d);
}

static int check_text(const char *text, const char *what)
{
	if (!text || !*text)
		return sch_error_set(SCH_EINVALID, "no %s text given", what);
	size_t bad;
	if (!sch_utf8_valid(text, strlen(text), &bad))
		return sch_error_set(SCH_EINVALID, "%s: not UTF-8 text", what);
	return 0;
}

int sch_journal_homework_add(int64_t *id, sch_journal *j, const sch_journal_ref *ref, const char *text, const char *due)
{
	size_t i;
	char due_iso[11] = "";
	if (!j)
		return sch_error_set(SCH_EINVALID, "sch_journal_homework_add: NULL journal");
	int rc = check_text(text, "homework");
	if (rc || (due && *due && (rc = sch_journal__date(due_iso, due, "homework due date"))))
		return rc;
	if ((rc = sch_journal_find(&i, j, ref, 0)))
		return rc;
	const sch_dated_lesson *l = sch_dated_get(sch_journal_dated(j), i);
	char day[11];
	sch_date_iso(l->date, day);
	if (due_iso[0] && strcmp(due_iso, day) < 0)
		return sch_error_set(SCH_EINVALID, "homework due %s, before the lesson of %s", due_iso, day);
	if ((rc = sch_journal__check_open(j, l->date)) || (rc = sch_journal__tx(j, "adding homework")))
		return rc;
	int64_t jl = 0;
	if (!(rc = sch_journal__lesson_row(j, i, 1, &jl, NULL))) {
		char jls[24];
		snprintf(jls, sizeof jls, "%lld", (long long)jl);
		const char *p[] = {jls, text, due_iso[0] ? due_iso : NULL, j->by};
		rc = sch_journal__exec(j->st, "adding homework",
				       "INSERT INTO homework(journal_lesson, text, due_day, created_by) VALUES (?1, ?2, ?3, ?4)",
				       4, p);
	}
	int64_t hid = rc ? 0 : sqlite3_last_insert_rowid(j->st->db);
	if (!rc)
		rc = sch_journal__audit_q(j, "homework", hid, 0, jl, "text", NULL, text);
	if (!rc && due_iso[0])
		rc = sch_journal__audit_q(j, "homework", hid, 0, jl, "due_day", NULL, due_iso);
	if (!rc && id)
		*id = hid;
	return sch_journal__tx_end(j, rc, "adding homework");
}

int sch_journal_homework_edit(sch_journal *j, int64_t id, const char *text, const char *due)
{
	char day[11], due_iso[11] = "";
	int64_t jl;
	char *old_text = NULL, *old_due = NULL;
	if (!j)
		return sch_error_set(SCH_EINVALID, "sch_journal_homework_edit: NULL journal");
	int rc = 0;
	if ((text && (rc = check_text(text, "homework"))) ||
	    (due && *due && (rc = sch_journal__date(due_iso, due, "homework due date"))))
		return rc;
	if ((rc = sch_journal__tx(j, "changing homework")))
		return rc;
	if ((rc = homework_lesson(j, id, day, &jl, &old_text, &old_due)) || (rc = check_open_day(j, day)))
		goto done;
	if (due_iso[0] && strcmp(due_iso, day) < 0) {
		rc = sch_error_set(SCH_EINVALID, "homework due %s, before the lesson of %s", due_iso, day);
		goto done;
	}
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if (text && strcmp(text, old_text) != 0) {
		const char *p[] = {ids, text};
		if ((rc = sch_journal__exec(j->st, "changing homework", "UPDATE homework SET text = ?2 WHERE id = ?1", 2, p)) ||
		    (rc = sch_journal__audit_q(j, "homework", id, 0, jl, "text", old_text, text)))
			goto done;
	}
	if (due && strcmp(due_iso, old_due) != 0) {
		const char *p[] = {ids, due_iso[0] ? due_iso : NULL};
		if ((rc = sch_journal__exec(j->st, "changing homework", "UPDATE homework SET due_day = ?2 WHERE id = ?1", 2,
					    p)) ||
		    (rc = sch_journal__audit_q(j, "homework", id, 0, jl, "due_day", old_due[0] ? old_due : NULL,
					       due_iso[0] ? due_iso : NULL)))
			goto done;
	}
done:
	free(old_text);
	free(old_due);
	return sch_journal__tx_end(j, rc, "changing homework");
}

int sch_journal_homework_delete(sch_journal *j, int64_t id)
{
	char day[11], ids[24];
	int64_t jl;
	char *old_text = NULL;
	if (!j)
		return sch_error_set(SCH_EINVALID, "sch_journal_homework_delete: NULL journal");
	int rc = sch_journal__tx(j, "deleting homework");
	if (rc)
		return rc;
	if ((rc = homework_lesson(j, id, day, &jl, &old_text, NULL)) || (rc = check_open_day(j, day)))
		goto done;
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	const char *p[] = {ids};
	/* Files first (their audit rows), then the homework; content no other homework uses goes too. */
	sqlite3_stmt *q = NULL;
	if ((rc = sch_store__prepare(j->st, &q, "SELECT filename, hash FROM homework_files WHERE homework = ?1",
				     "deleting homework")))
		goto done;
	sqlite3_bind_int64(q, 1, id);
	while (!rc && sqlite3_step(q) == SQLITE_ROW)
		rc = sch_journal__audit_q(j, "attachment", id, 0, jl, (const char *)sqlite3_column_text(q, 0),
					  (const char *)sqlite3_column_text(q, 1), NULL);
	sqlite3_finalize(q);
	if (rc || (rc = sch_journal__exec(j->st, "deleting homework", "DELETE FROM homework_files WHERE homework = ?1", 1, p)) ||
	    (rc = sch_journal__exec(j->st, "deleting homework", "DELETE FROM homework WHERE id = ?1", 1, p)) ||
	    (rc = sch_journal__exec(j->st, "deleting homework",
				    "DELETE FROM attachments WHERE hash NOT IN (SELECT hash FROM homework_files)", 0, NULL)))
		goto done;
	rc = sch_journal__audit_q(j, "homework", id, 0, jl, "text", old_text, NULL);
done:
	free(old_text);
	return sch_journal__tx_end(j, rc, "deleting homework");
}

/* ---- Attachments ---- */

static int ends_with(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	if (n < e)
		return 0;
	for (size_t i = 0; i < e; i++) {
		char c = name[n - e + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != ext[i])
			return 0;
	}
	return 1;
}

static int has_bytes(const unsigned char *d, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (d[i] == (unsigned char)s[0] && memcmp(d + i, s, k) == 0)
			return 1;
	return 0;
}

const char *sch_attach_type(const unsigned char *data, size_t size, const char *filename)
{
	const char *name = filename ? filename : "";
	const char *ext = strrchr(name, '.');
	if (size == 0) {
		sch_error_set(SCH_EINVALID, "%s: an empty file", name);
		return NULL;
	}
	if (size > SCH_ATTACH_MAX_BYTES) {
		sch_error_set(SCH_EINVALID, "%s: %zu bytes, more than the limit of %d MiB", name, size,
			      SCH_ATTACH_MAX_BYTES >> 20);
		return NULL;
	}
	const char *type = NULL, *want = NULL;
	if (size >= 5 && memcmp(data, "%PDF-", 5) == 0) {
		type = "application/pdf";
		want = ".pdf";
	} else if (size >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
		/* OLE2: Word 97-2003 or Excel 97-2003; the extension says which. */
		if (ends_with(name, ".doc"))
			return "application/msword";
		if (ends_with(name, ".xls"))
			return "application/vnd.ms-excel";
		sch_error_set(SCH_EINVALID, "%s: an Office 97-2003 file: name it .doc or .xls", name);
		return NULL;
	} else if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
		if (has_bytes(data, size, "word/")) {
			type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
			want = ".docx";
		} else if (has_bytes(data, size, "xl/")) {
			type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
			want = ".xlsx";
		} else {
			sch_error_set(SCH_EINVALID, "%s: a zip that is neither a Word (.docx) nor an Excel (.xlsx) file", name);
			return NULL;
		}
	} else {
		sch_error_set(SCH_EINVALID, "%s: not a pdf, doc, docx, xls or xlsx file (by its content)", name);
		return NULL;
	}
	if (!ends_with(name, want)) {
		sch_error_set(SCH_EINVALID, "%s: the content is %s but the name ends in '%s'", name, want + 1,
			      ext ? ext : "(no extension)");
		return NULL;
	}
	return type;
}

int sch_journal_attach(sch_journal *j, int64_t id, const char *path, const char *filename, char *hash)
{
	unsigned char *data = NULL;
	size_t size = 0;
	char day[11], h[65];
	int64_t jl;
	if (!j || !path)
		return sch_error_set(SCH_EINVALID, "sch_journal_attach: NULL argument");
	if (!filename) {
		filename = strrchr(path, '/');
		filename = filename ? filename + 1 : path;
	}
	if (!*filename)
		return sch_error_set(SCH_EINVALID, "attachment: no file name");
	int rc = sch_journal__slurp(&data, &size, path, SCH_ATTACH_MAX_BYTES);
	if (rc)
		return rc;
	const char *mime = sch_attach_type(data, size, filename);
	if (!mime) {
		free(data);
		return SCH_EINVALID;
	}
	sch_sha256_hex(data, size, h);
	if ((rc = sch_journal__tx(j, "attaching a file")))
		goto out;
	if ((rc = homework_lesson(j, id, day, &jl, NULL, NULL)) || (rc = check_open_day(j, day)))
		goto done;
	sqlite3_stmt *q = NULL;
	if ((rc = sch_store__prepare(j->st, &q, "INSERT OR IGNORE INTO attachments(hash, mime, size, content) VALUES (?1, ?2, ?3, ?4)",
				     "attaching a file")))
		goto done;
	sqlite3_bind_text(q, 1, h, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, mime, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)size);
	sqlite3_bind_blob64(q, 4, data, size, SQLITE_STATIC);
	int s = sqlite3_step(q);
	sqlite3_finalize(q);
	if (s != SQLITE_DONE) {
		rc = sch_store__fail(j->st, s, "attaching a file");
		goto done;
	}
	if ((rc = sch_store__prepare(j->st, &q, "INSERT OR IGNORE INTO homework_files(homework, hash, filename) VALUES (?1, ?2, ?3)",
				     "attaching a file")))
		goto done;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, h, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, filename, -1, SQLITE_STATIC);
	s = sqlite3_step(q);
	sqlite3_finalize(q);
	if (s != SQLITE_DONE) {
		rc = sch_store__fail(j->st, s, "attaching a file");
		goto done;
	}
	if (sqlite3_changes(j->st->db) == 0) {
		rc = sch_error_set(SCH_EEXISTS, "%s: homework #%lld has this file already", filename, (long long)id);
		goto done;
	}
	rc = sch_journal__audit_q(j, "attachment", id, 0, jl, filename, NULL, h);
done:
	rc = sch_journal__tx_end(j, rc, "attaching a file");
out:
	if (!rc && hash)
		memcpy(hash, h, 65);
	free(data);
	return rc;
}

/* ---- Grading schemes ---- */

int sch_grading_scheme_set(sch_store *st, const char *id, const char *kind, const char *spec, const char *user)
{
	char by[256];
	static const char *const kinds[] = {"none", "marks", "points", "criteria"};
	if (!st || !id || !*id || !kind || !spec)
		return sch_error_set(SCH_EINVALID, "grading scheme: id, kind and spec are needed");
	int ok = 0;
	for (int i = 0; i < 4; i++)
		ok |= strcmp(kind, kinds[i]) == 0;
	if (!ok)
		return sch_error_set(SCH_EINVALID, "grading scheme kind '%s': none, marks, points or criteria", kind);
	sch_journal__user(user, by, sizeof by);
	/* The spec's shape: {"values": [{"value": text, "score": number or null, "label": text}, ...]}. */
	sqlite3_stmt *q = NULL;
	long long valid = 0;
	int rc = sch_store__prepare(st, &q, "SELECT json_valid(?1)", "checking a grading scheme");
	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, spec, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		valid = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (!valid)
		return sch_error_set(SCH_EINVALID, "grading scheme %s: the spec is not JSON", id);
	rc = sch_store__prepare(st, &q,
				    "SELECT json_valid(?1), json_type(?1, '$.values'), "
				    "(SELECT count(*) FROM json_each(?1, '$.values') v WHERE json_type(v.value, '$.value') "
				    "IS NOT 'text' OR json_type(v.value, '$.score') NOT IN ('integer', 'real', 'null') "
				    "AND json_type(v.value, '$.score') IS NOT NULL), "
				    "(SELECT count(*) - count(DISTINCT json_extract(v.value, '$.value')) FROM json_each(?1, '$.values') v), "
				    "(SELECT count(*) FROM json_each(?1, '$.values'))",
				    "checking a grading scheme");
	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, spec, -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	if (s == SQLITE_ROW) {
		if (!sqlite3_column_int(q, 0))
			rc = sch_error_set(SCH_EINVALID, "grading scheme %s: the spec is not JSON", id);
		else if (!sqlite3_column_text(q, 1) || strcmp((const char *)sqlite3_column_text(q, 1), "array") != 0)
			rc = sch_error_set(SCH_EINVALID, "grading scheme %s: the spec needs \"values\": [...]", id);
		else if (sqlite3_column_int(q, 2))
			rc = sch_error_set(SCH_EINVALID,
					   "grading scheme %s: each value needs \"value\" (text) and a numeric \"score\" or null", id);
		else if (sqlite3_column_int(q, 3))
			rc = sch_error_set(SCH_EINVALID, "grading scheme %s: a value is given twice", id);
		else if ((sqlite3_column_int(q, 4) == 0) != (strcmp(kind, "none") == 0))
			rc = sch_error_set(SCH_EINVALID, "grading scheme %s: kind none has no values, the others need some", id);
	} else {
		rc = sch_store__fail(st, s, "checking a grading scheme");
	}
	sqlite3_finalize(q);
	if (rc)
		return rc;
	if ((rc = sch_store__begin(st, "setting a grading scheme")))
		return rc;
	char *old = NULL;
	if (!(rc = sch_store__prepare(st, &q, "SELECT kind || ' ' || spec FROM grading_schemes WHERE id = ?1",
				      "setting a grading scheme"))) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			old = sch_store__text(q, 0);
		sqlite3_finalize(q);
	}
	const char *p[] = {id, kind, spec};
	sch_buf now;
	sch_buf_init(&now);
	sch_buf_printf(&now, "%s %s", kind, spec);
	if (!rc)
		rc = sch_journal__exec(st, "setting a grading scheme",
				       "INSERT INTO grading_schemes(id, kind, spec) VALUES (?1, ?2, ?3) "
				       "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, spec = excluded.spec",
				       3, p);
	if (!rc)
		rc = sch_journal__audit(st, by, "grading_scheme", 0, 0, 0, id, old, now.p);
	free(old);
	sch_buf_free(&now);
	if (rc) {
		sch_store__rollback(st);
		return rc;
	}
	return sch_store__commit(st, "setting a grading scheme");
}

int sch_grading_band_set(sch_store *st, int lo, int hi, const char *id, const char *user)
{
	char by[256], scheme[13][65];
	if (!st || !id)
		return sch_error_set(SCH_EINVALID, "sch_grading_band_set: NULL argument");
	if (lo < 1 || hi > 12 || lo > hi)
		return sch_error_set(SCH_EINVALID, "grades %d-%d: a range within 1-12 expected", lo, hi);
	sch_journal__user(user, by, sizeof by);
	int rc = sch_store__begin(st, "setting a grade band");
	if (rc)
		return rc;
	long long exists = 0;
	sqlite3_stmt *q = NULL;
	if ((rc = sch_store__prepare(st, &q, "SELECT count(*) FROM grading_schemes WHERE id = ?1", "setting a grade band")))
		goto fail;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		exists = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (!exists) {
		rc = sch_error_set(SCH_ENOTFOUND, "no grading scheme '%s' (add it first)", id);
		goto fail;
	}
	/* Per grade, then back into bands of equal neighbours. */
	for (int g = 1; g <= 12; g++)
		scheme[g][0] = '\0';
	if ((rc = sch_store__prepare(st, &q, "SELECT grade_min, grade_max, scheme FROM grading_bands", "setting a grade band")))
		goto fail;
	while (sqlite3_step(q) == SQLITE_ROW)
		for (int g = sqlite3_column_int(q, 0); g <= sqlite3_column_int(q, 1) && g <= 12; g++)
			if (g >= 1)
				snprintf(scheme[g], 65, "%s", (const char *)sqlite3_column_text(q, 2));
	sqlite3_finalize(q);
	char old[80];
	snprintf(old, sizeof old, "%s", scheme[lo]);
	for (int g = lo; g <= hi; g++)
		snprintf(scheme[g], 65, "%s", id);
	if ((rc = sch_journal__exec(st, "setting a grade band", "DELETE FROM grading_bands", 0, NULL)))
		goto fail;
	for (int g = 1; g <= 12;) {
		int e = g;
		while (e < 12 && strcmp(scheme[e + 1], scheme[g]) == 0)
			e++;
		if (scheme[g][0]) {
			char a[16], b[16];
			snprintf(a, sizeof a, "%d", g);
			snprintf(b, sizeof b, "%d", e);
			const char *p[] = {a, b, scheme[g]};
			if ((rc = sch_journal__exec(st, "setting a grade band",
						    "INSERT INTO grading_bands(grade_min, grade_max, scheme) VALUES (?1, ?2, ?3)", 3, p)))
				goto fail;
		}
		g = e + 1;
	}
	char field[32];
	snprintf(field, sizeof field, "%d-%d", lo, hi);
	if ((rc = sch_journal__audit(st, by, "grading_band", lo, 0, 0, field, old[0] ? old : NULL, id)))
		goto fail;
	return sch_store__commit(st, "setting a grade band");
fail:
	sch_store__rollback(st);
	return rc;
}

/* ---- The audit trail ---- */

int sch_journal_audit(sch_audit_list *out, sch_store *st, int64_t pupil, int limit)
{
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_journal_audit: NULL argument");
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q,
				    "SELECT * FROM (SELECT a.id, a.at, a.by, a.entity, coalesce(a.entity_id, 0), "
				    "coalesce(a.pupil, 0), coalesce(a.journal_lesson, 0), a.field, a.old, a.new, "
				    "coalesce(l.day, ''), coalesce(l.subject, '') FROM audit a "
				    "LEFT JOIN journal_lessons l ON l.id = a.journal_lesson "
				    "WHERE ?1 <= 0 OR a.pupil = ?1 ORDER BY a.id DESC LIMIT ?2) ORDER BY 1",
				    "reading the audit trail");
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, pupil);
	sqlite3_bind_int(q, 2, limit > 0 ? limit : -1);
	sch_jmem *mem = NULL;
	size_t cap = 0;
	int s;
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? cap * 2 : 64;
			sch_audit_entry *n = realloc(out->items, sizeof *n * cap);
			if (!n) {
				rc = sch_error_oom();
				break;
			}
			out->items = n;
		}
		sch_audit_entry *e = &out->items[out->count++];
		e->id = sqlite3_column_int64(q, 0);
		e->at = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 1));
		e->by = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 2));
		e->entity = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 3));
		e->entity_id = sqlite3_column_int64(q, 4);
		e->pupil = sqlite3_column_int64(q, 5);
		e->journal_lesson = sqlite3_column_int64(q, 6);
		e->field = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 7));
		e->old = sqlite3_column_type(q, 8) == SQLITE_NULL ? NULL
								  : sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 8));
		e->new_value = sqlite3_column_type(q, 9) == SQLITE_NULL
				       ? NULL
				       : sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 9));
		e->day = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 10));
		e->subject = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 11));
		if (!e->at || !e->by || !e->entity || !e->field || !e->day || !e->subject ||
		    (sqlite3_column_type(q, 8) != SQLITE_NULL && !e->old) ||
		    (sqlite3_column_type(q, 9) != SQLITE_NULL && !e->new_value)) {
			rc = sch_error_oom();
			break;
		}
	}
	if (!rc && s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "reading the audit trail");
	sqlite3_finalize(q);
	out->mem_ = mem;
	if (rc)
		sch_audit_list_dispose(out);
	return rc;
}

void sch_audit_list_dispose(sch_audit_list *list)
{
	if (!list)
		return;
	free(list->items);
	sch_jmem_free(list->mem_);
	memset(list, 0, sizeof *list);
}
