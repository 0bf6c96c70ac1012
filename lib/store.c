/* The school database: opening, lesson names, the school's revisions and timetable versions. */
#include "schedule/store.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"
#include "schedule/verify.h"
#include "store_int.h"

/* How long a writer waits for another process's transaction before giving up. */
#define BUSY_TIMEOUT_MS 5000

/* ---- Errors and statement helpers ---- */

static int map_code(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return SCH_ENOMEM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_FULL:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return SCH_EIO;
	default: /* CORRUPT, NOTADB, FORMAT, a missing table or column ...: not a database we can trust */
		return SCH_EDB;
	}
}

int sch_store__fail(sch_store *st, int rc, const char *what)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	const char *hint = "";
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
	case SQLITE_FORMAT:
		hint = " (not a libschedule database, or a damaged one)";
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		hint = " (another process is writing it; try again)";
		break;
	default:
		break;
	}
	return sch_error_set(map_code(rc), "%s: %s: %s%s", st && st->path ? st->path : "database", what, msg, hint);
}

int sch_store__prepare(sch_store *st, sqlite3_stmt **out, const char *sql, const char *what)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
	if (rc != SQLITE_OK) {
		*out = NULL;
		return sch_store__fail(st, rc, what);
	}
	return 0;
}

static int exec_static(sch_store *st, const char *sql, const char *what)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sch_store__fail(st, rc, what);
}

int sch_store__begin(sch_store *st, const char *what)
{
	/* IMMEDIATE takes the write lock now, so that a reader never has to upgrade
	 * (which in WAL mode can fail with SQLITE_BUSY instead of waiting). */
	return exec_static(st, "BEGIN IMMEDIATE", what);
}

int sch_store__commit(sch_store *st, const char *what)
{
	int rc = exec_static(st, "COMMIT", what);
	if (rc)
		sch_store__rollback(st);
	return rc;
}

void sch_store__rollback(sch_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int sch_store__int(sch_store *st, const char *sql, int arg, long long dflt, long long *value, const char *what)
{
	sqlite3_stmt *stmt;
	int rc = sch_store__prepare(st, &stmt, sql, what);
	if (rc)
		return rc;
	if (arg >= 0)
		sqlite3_bind_int(stmt, 1, arg);
	int s = sqlite3_step(stmt);
	if (s == SQLITE_ROW)
		*value = sqlite3_column_int64(stmt, 0);
	else if (s == SQLITE_DONE)
		*value = dflt;
	else
		rc = sch_store__fail(st, s, what);
	sqlite3_finalize(stmt);
	return rc;
}

char *sch_store__text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	size_t n = t ? (size_t)sqlite3_column_bytes(stmt, col) : 0;
	char *s = malloc(n + 1);
	if (!s)
		return NULL;
	if (n)
		memcpy(s, t, n);
	s[n] = '\0';
	return s;
}

const char *sch_store__user(char *buf, size_t n)
{
	const char *u = getenv("USER");
	if (!u || !*u)
		u = getenv("LOGNAME");
	if (u && *u) {
		snprintf(buf, n, "%s", u);
		return buf;
	}
	struct passwd pw, *res = NULL;
	char tmp[1024];
	if (getpwuid_r(getuid(), &pw, tmp, sizeof tmp, &res) == 0 && res && res->pw_name)
		snprintf(buf, n, "%s", res->pw_name);
	else
		snprintf(buf, n, "uid %u", (unsigned)getuid());
	return buf;
}

/* ---- Opening ---- */

static void remove_files(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char buf[4096];
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++)
		if (snprintf(buf, sizeof buf, "%s%s", path, suffix[i]) < (int)sizeof buf)
			unlink(buf);
}

static int quick_check(sch_store *st)
{
	sqlite3_stmt *stmt;
	int rc = sch_store__prepare(st, &stmt, "PRAGMA quick_check(1)", "checking the file");
	if (rc)
		return rc;
	int s = sqlite3_step(stmt);
	if (s == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(stmt, 0);
		if (!r || strcmp(r, "ok") != 0)
			rc = sch_error_set(SCH_EDB, "%s: the database is damaged: %s", st->path, r ? r : "?");
	} else {
		rc = sch_store__fail(st, s, "checking the file");
	}
	sqlite3_finalize(stmt);
	return rc;
}

int sch_store_open(sch_store **out, const char *path, int flags)
{
	sch_store *st = NULL;
	struct stat sb;
	int rc, created = 0;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_store_open: out is NULL");
	*out = NULL;
	if (!path || !*path)
		return sch_error_set(SCH_EINVALID, "sch_store_open: no database path given");
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return sch_error_set(SCH_EIO, "%s: %s", path, strerror(errno));
		if (!(flags & SCH_STORE_CREATE) || (flags & SCH_STORE_READONLY))
			return sch_error_set(SCH_ENOTFOUND, "%s: no such database file", path);
		created = 1;
	} else if (S_ISDIR(sb.st_mode)) {
		return sch_error_set(SCH_EIO, "%s: a directory, not a database file", path);
	}
	st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(path))) {
		free(st);
		return sch_error_oom();
	}
	st->flags = flags;
	int oflags = SQLITE_OPEN_NOMUTEX; /* a handle serves one thread at a time */
	if (flags & SCH_STORE_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE | (created ? SQLITE_OPEN_CREATE : 0);
	int s = sqlite3_open_v2(path, &st->db, oflags, NULL);
	if (s != SQLITE_OK) {
		rc = sch_store__fail(st, s, "cannot open the database");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	/* The file may come from anywhere: SQLite's advice for untrusted databases. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	if ((rc = exec_static(st,
			      "PRAGMA cell_size_check = ON;"
			      "PRAGMA foreign_keys = ON;"
			      "PRAGMA synchronous = FULL;",
			      "setting up the connection")))
		goto fail;
	if ((rc = sch_store__migrate(st, (flags & SCH_STORE_CREATE) && !(flags & SCH_STORE_READONLY))))
		goto fail;
	if ((flags & SCH_STORE_CHECK) && (rc = quick_check(st)))
		goto fail;
	*out = st;
	return 0;
fail:
	sch_store_close(st);
	if (created)
		remove_files(path);
	return rc;
}

void sch_store_close(sch_store *st)
{
	if (!st)
		return;
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

const char *sch_store_path(const sch_store *st)
{
	return st ? st->path : NULL;
}

/* ---- Lesson names ---- */

static const char *group_name(const sch_school *s, const sch_part_def *p)
{
	if (p->class_of < 0 || p->class_of >= s->n_classes)
		return NULL;
	const sch_class_def *c = &s->classes[p->class_of];
	if (p->division < 0 || p->division >= c->n_divisions)
		return NULL;
	const sch_division *d = &c->divisions[p->division];
	if (p->group < 0 || p->group >= d->n_groups)
		return NULL;
	return d->groups[p->group];
}

static const char *division_name(const sch_school *s, const sch_part_def *p)
{
	if (!group_name(s, p))
		return NULL;
	return s->classes[p->class_of].divisions[p->division].name;
}

static const char *teacher_id(const sch_school *s, int t)
{
	return t >= 0 && t < s->n_teachers ? s->teachers[t].id : "-";
}

/* "5А+5Б/foreign.en1|english|smith" or "5А|english|en1=smith,en2=petrova". */
static void line_key(sch_buf *b, const sch_school *s, const sch_line_def *ln)
{
	for (int c = 0; c < ln->n_classes; c++) {
		if (c)
			sch_buf_puts(b, "+");
		sch_buf_puts(b, ln->classes[c] >= 0 && ln->classes[c] < s->n_classes ? s->classes[ln->classes[c]].id : "?");
	}
	if (ln->n_parts == 1 && group_name(s, &ln->parts[0])) {
		sch_buf_puts(b, "/");
		sch_buf_puts(b, division_name(s, &ln->parts[0]));
		sch_buf_puts(b, ".");
		sch_buf_puts(b, group_name(s, &ln->parts[0]));
	}
	sch_buf_puts(b, "|");
	sch_buf_puts(b, ln->subject >= 0 && ln->subject < s->n_subjects ? s->subjects[ln->subject].id : "?");
	sch_buf_puts(b, "|");
	for (int p = 0; p < ln->n_parts; p++) {
		if (p)
			sch_buf_puts(b, ",");
		if (ln->n_parts > 1 && group_name(s, &ln->parts[p])) {
			sch_buf_puts(b, group_name(s, &ln->parts[p]));
			sch_buf_puts(b, "=");
		}
		sch_buf_puts(b, teacher_id(s, ln->parts[p].teacher));
	}
}

/* "5А math asanova", "5А (en1) english smith", "5А english smith/petrova". */
static void line_label(sch_buf *b, const sch_school *s, const sch_line_def *ln)
{
	for (int c = 0; c < ln->n_classes; c++) {
		if (c)
			sch_buf_puts(b, "+");
		sch_buf_puts(b, ln->classes[c] >= 0 && ln->classes[c] < s->n_classes ? s->classes[ln->classes[c]].id : "?");
	}
	if (ln->n_parts == 1 && group_name(s, &ln->parts[0])) {
		sch_buf_puts(b, " (");
		sch_buf_puts(b, group_name(s, &ln->parts[0]));
		sch_buf_puts(b, ")");
	}
	sch_buf_puts(b, " ");
	sch_buf_puts(b, ln->subject >= 0 && ln->subject < s->n_subjects ? s->subjects[ln->subject].id : "?");
	int any = 0;
	for (int p = 0; p < ln->n_parts; p++) {
		if (ln->parts[p].teacher < 0)
			continue;
		sch_buf_puts(b, any ? "/" : " ");
		sch_buf_puts(b, teacher_id(s, ln->parts[p].teacher));
		any = 1;
	}
}

typedef struct {
	const char *key;
	int line;
} key_line;

static int cmp_key_line(const void *a, const void *b)
{
	const key_line *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Turns n strings laid end to end in `text` (each NUL-terminated, starting at off[i]) into one
 * allocation: n pointers followed by the characters. */
static char **pack(const sch_buf *text, const size_t *off, int n)
{
	size_t head = sizeof(char *) * ((size_t)n + 1);
	char **v = malloc(head + text->len + 1);
	if (!v)
		return NULL;
	char *chars = (char *)v + head;
	if (text->len)
		memcpy(chars, text->p, text->len);
	chars[text->len] = '\0';
	for (int i = 0; i < n; i++)
		v[i] = chars + off[i];
	v[n] = NULL;
	return v;
}

int sch_store__lesson_names(char ***keys_out, char ***labels_out, const sch_school *s)
{
	int rc = SCH_ENOMEM, nl = s->n_lines, n = s->n_lessons;
	sch_buf lk, keys, labels;
	size_t *line_off = calloc((size_t)nl + 1, sizeof *line_off);
	int *dup = calloc((size_t)nl + 1, sizeof *dup);
	key_line *order = calloc((size_t)nl + 1, sizeof *order);
	size_t *koff = calloc((size_t)n + 1, sizeof *koff), *loff = calloc((size_t)n + 1, sizeof *loff);
	sch_buf_init(&lk);
	sch_buf_init(&keys);
	sch_buf_init(&labels);
	*keys_out = NULL;
	if (labels_out)
		*labels_out = NULL;
	if (!line_off || !dup || !order || !koff || !loff)
		goto done;
	for (int i = 0; i < nl; i++) {
		line_off[i] = lk.len;
		line_key(&lk, s, &s->lines[i]);
		sch_buf_add(&lk, "\0", 1); /* keep the terminator inside the buffer */
	}
	if (lk.oom)
		goto done;
	/* Identical lines get "~2", "~3" in the order they appear, so keys stay unique. */
	for (int i = 0; i < nl; i++)
		order[i] = (key_line){lk.p + line_off[i], i};
	qsort(order, (size_t)nl, sizeof *order, cmp_key_line);
	for (int i = 1; i < nl; i++)
		if (strcmp(order[i].key, order[i - 1].key) == 0)
			dup[order[i].line] = dup[order[i - 1].line] + 1;
	for (int i = 0; i < n; i++) {
		const sch_lesson_def *l = &s->lessons[i];
		const sch_line_def *ln = &s->lines[l->line];
		koff[i] = keys.len;
		sch_buf_puts(&keys, lk.p + line_off[l->line]);
		if (dup[l->line]) {
			sch_buf_puts(&keys, "~");
			sch_buf_printf(&keys, "%d", dup[l->line] + 1);
		}
		sch_buf_puts(&keys, "|");
		sch_buf_printf(&keys, "%d", l->index + 1);
		sch_buf_add(&keys, "\0", 1);
		loff[i] = labels.len;
		line_label(&labels, s, ln);
		sch_buf_add(&labels, "\0", 1);
	}
	if (keys.oom || labels.oom)
		goto done;
	if (!(*keys_out = pack(&keys, koff, n)))
		goto done;
	if (labels_out && !(*labels_out = pack(&labels, loff, n))) {
		free(*keys_out);
		*keys_out = NULL;
		goto done;
	}
	rc = 0;
done:
	if (rc)
		sch_error_oom();
	sch_buf_free(&lk);
	sch_buf_free(&keys);
	sch_buf_free(&labels);
	free(line_off);
	free(dup);
	free(order);
	free(koff);
	free(loff);
	return rc;
}

typedef struct {
	const char *key;
	int lesson;
} key_idx;

static int cmp_key_idx(const void *a, const void *b)
{
	const key_idx *x = a, *y = b;
	return strcmp(x->key, y->key);
}

int sch_store__lesson_sig(char out[17], char *const *keys, const sch_school *s)
{
	key_idx *v = malloc(sizeof *v * ((size_t)s->n_lessons + 1));
	if (!v)
		return sch_error_oom();
	for (int i = 0; i < s->n_lessons; i++)
		v[i] = (key_idx){keys[i], i};
	qsort(v, (size_t)s->n_lessons, sizeof *v, cmp_key_idx);
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (int i = 0; i < s->n_lessons; i++) {
		char tail[32];
		snprintf(tail, sizeof tail, "\t%d\n", s->lessons[v[i].lesson].length);
		for (const char *p = v[i].key; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ull;
		for (const char *p = tail; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ull;
	}
	free(v);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return 0;
}

/* ---- The school ---- */

int sch_store__current_rev(sch_store *st, int *rev)
{
	long long v = 0;
	int rc = sch_store__int(st, "SELECT max(rev) FROM schools", -1, 0, &v, "reading the school");
	*rev = rc ? 0 : (int)v;
	return rc;
}

int sch_store__load_rev(sch_school **out, sch_store *st, int rev, sch_diags *diags)
{
	sqlite3_stmt *stmt;
	char name[4200];
	*out = NULL;
	int rc = sch_store__prepare(st, &stmt, "SELECT yaml FROM schools WHERE rev = ?1", "reading the school");
	if (rc)
		return rc;
	sqlite3_bind_int(stmt, 1, rev);
	int s = sqlite3_step(stmt);
	if (s == SQLITE_ROW) {
		const char *yaml = (const char *)sqlite3_column_text(stmt, 0);
		size_t len = yaml ? (size_t)sqlite3_column_bytes(stmt, 0) : 0;
		snprintf(name, sizeof name, "%s (school revision %d)", st->path, rev);
		rc = sch_school_load_yaml_buffer(out, yaml ? yaml : "", len, name, diags);
		if (rc) {
			const sch_error *e = sch_error_last();
			rc = sch_error_set(rc == SCH_ENOMEM ? SCH_ENOMEM : SCH_EDB,
					   "%s: the stored school (revision %d) does not load: %s", st->path, rev,
					   e && e->message ? e->message : "?");
		}
	} else if (s == SQLITE_DONE) {
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no school revision %d", st->path, rev);
	} else {
		rc = sch_store__fail(st, s, "reading the school");
	}
	sqlite3_finalize(stmt);
	return rc;
}

int sch_store_load_school(sch_school **out, sch_store *st, sch_diags *diags)
{
	int rev, rc;
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_store_load_school: NULL argument");
	*out = NULL;
	if ((rc = sch_store__current_rev(st, &rev)))
		return rc;
	if (rev == 0)
		return sch_error_set(SCH_ENOTFOUND, "%s: no school imported yet", st->path);
	return sch_store__load_rev(out, st, rev, diags);
}

int sch_store_school_yaml(char **out, size_t *len, sch_store *st)
{
	sqlite3_stmt *stmt;
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_store_school_yaml: NULL argument");
	*out = NULL;
	if (len)
		*len = 0;
	int rc = sch_store__prepare(st, &stmt, "SELECT yaml FROM schools ORDER BY rev DESC LIMIT 1", "reading the school");
	if (rc)
		return rc;
	int s = sqlite3_step(stmt);
	if (s == SQLITE_ROW) {
		if (!(*out = sch_store__text(stmt, 0)))
			rc = sch_error_oom();
		else if (len)
			*len = strlen(*out);
	} else if (s == SQLITE_DONE) {
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no school imported yet", st->path);
	} else {
		rc = sch_store__fail(st, s, "reading the school");
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Checks that the YAML loads back to the same lessons as `school`: the file must hold what was meant. */
static int check_round_trip(sch_store *st, const sch_school *school, const char *yaml, size_t len,
			    char **keys)
{
	sch_school *back = NULL;
	char **back_keys = NULL;
	int rc = sch_school_load_yaml_buffer(&back, yaml, len, "the school's YAML", NULL);
	if (rc) {
		const sch_error *e = sch_error_last();
		rc = sch_error_set(rc == SCH_ENOMEM ? rc : SCH_EINTERNAL,
				   "%s: the school's YAML does not load back (%s): please report this", st->path,
				   e && e->message ? e->message : "?");
		goto done;
	}
	if ((rc = sch_store__lesson_names(&back_keys, NULL, back)))
		goto done;
	if (back->n_lessons != school->n_lessons || back->n_days != school->n_days ||
	    back->n_periods != school->n_periods) {
		rc = sch_error_set(SCH_EINTERNAL, "%s: the school's YAML loads back with other lessons: please report this",
				   st->path);
		goto done;
	}
	for (int i = 0; i < school->n_lessons; i++)
		if (strcmp(keys[i], back_keys[i]) != 0 || back->lessons[i].length != school->lessons[i].length) {
			rc = sch_error_set(SCH_EINTERNAL,
					   "%s: the school's YAML loads back with another lesson %d (%s, not %s): "
					   "please report this",
					   st->path, i + 1, back_keys[i], keys[i]);
			goto done;
		}
done:
	free(back_keys);
	sch_school_free(back);
	return rc;
}

static int step_done(sch_store *st, sqlite3_stmt *stmt, const char *what)
{
	int s = sqlite3_step(stmt);
	int rc = s == SQLITE_DONE || s == SQLITE_ROW ? 0 : sch_store__fail(st, s, what);
	sqlite3_reset(stmt);
	return rc;
}

/*
 * Inside a write transaction: the revision holding `school` (its canonical YAML
 * is `yaml`), a new one when it differs from the current school. *created tells.
 */
static int ensure_rev(sch_store *st, const sch_school *school, const char *yaml, size_t len, int *rev,
		      int *created)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	char **keys = NULL, **labels = NULL;
	char sig[17];
	const char *what = "storing the school";
	int rc;
	*created = 0;
	if (len > INT_MAX)
		return sch_error_set(SCH_EINVALID, "%s: the school is too large", st->path);
	if ((rc = sch_store__prepare(st, &sel, "SELECT rev, yaml = ?1, n_lessons FROM schools ORDER BY rev DESC LIMIT 1",
				     what)))
		goto done;
	sqlite3_bind_text(sel, 1, yaml, (int)len, SQLITE_STATIC);
	int s = sqlite3_step(sel);
	if (s == SQLITE_ROW && sqlite3_column_int(sel, 1)) {
		*rev = sqlite3_column_int(sel, 0);
		if (sqlite3_column_int(sel, 2) != school->n_lessons)
			rc = sch_error_set(SCH_EDB, "%s: the stored school has %d lessons where its YAML gives %d",
					   st->path, sqlite3_column_int(sel, 2), school->n_lessons);
		goto done;
	}
	if (s != SQLITE_ROW && s != SQLITE_DONE) {
		rc = sch_store__fail(st, s, what);
		goto done;
	}
	if ((rc = sch_store__lesson_names(&keys, &labels, school)) || (rc = sch_store__lesson_sig(sig, keys, school)) ||
	    (rc = check_round_trip(st, school, yaml, len, keys)))
		goto done;
	if ((rc = sch_store__prepare(st, &ins,
				     "INSERT INTO schools(name, yaml, lessons_sig, n_lessons, source) "
				     "VALUES (?1, ?2, ?3, ?4, ?5)",
				     what)))
		goto done;
	sqlite3_bind_text(ins, 1, sch_school_name(school), -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, yaml, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, sig, -1, SQLITE_STATIC);
	sqlite3_bind_int(ins, 4, school->n_lessons);
	sqlite3_bind_text(ins, 5, school->source_file ? school->source_file : "", -1, SQLITE_STATIC);
	if ((rc = step_done(st, ins, what)))
		goto done;
	*rev = (int)sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(ins);
	if ((rc = sch_store__prepare(st, &ins,
				     "INSERT INTO lessons(rev, idx, key, length, label) VALUES (?1, ?2, ?3, ?4, ?5)",
				     what)))
		goto done;
	for (int i = 0; i < school->n_lessons; i++) {
		sqlite3_bind_int(ins, 1, *rev);
		sqlite3_bind_int(ins, 2, i);
		sqlite3_bind_text(ins, 3, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 4, school->lessons[i].length);
		sqlite3_bind_text(ins, 5, labels[i], -1, SQLITE_STATIC);
		if ((rc = step_done(st, ins, what)))
			goto done;
	}
	*created = 1;
done:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	free(keys);
	free(labels);
	return rc;
}

/* Versions in the file, and of them those whose school's lessons differ from revision `rev`'s. */
static int count_flagged(sch_store *st, int rev, int *versions, int *flagged)
{
	long long v;
	int rc = sch_store__int(st, "SELECT count(*) FROM versions", -1, 0, &v, "counting versions");
	if (rc)
		return rc;
	*versions = (int)v;
	rc = sch_store__int(st,
			    "SELECT count(*) FROM versions v JOIN schools s ON s.rev = v.rev "
			    "WHERE s.lessons_sig <> (SELECT lessons_sig FROM schools WHERE rev = ?1)",
			    rev, 0, &v, "counting versions");
	*flagged = rc ? 0 : (int)v;
	return rc;
}

int sch_store_import_school(sch_store *st, const sch_school *school, sch_store_import_info *info)
{
	char *yaml = NULL;
	size_t len = 0;
	int rc, rev = 0, created = 0;
	sch_store_import_info tmp = {0};
	if (!st || !school)
		return sch_error_set(SCH_EINVALID, "sch_store_import_school: NULL argument");
	if ((rc = sch_school_to_yaml(&yaml, &len, school)))
		return rc;
	if ((rc = sch_store__begin(st, "importing the school")))
		goto done;
	if ((rc = ensure_rev(st, school, yaml, len, &rev, &created)) ||
	    (rc = count_flagged(st, rev, &tmp.versions, &tmp.flagged))) {
		sch_store__rollback(st);
		goto done;
	}
	if ((rc = sch_store__commit(st, "importing the school")))
		goto done;
	tmp.revision = rev;
	tmp.unchanged = !created;
	if (info)
		*info = tmp;
done:
	sch_free(yaml);
	return rc;
}

/* ---- Versions ---- */

int sch_store_save_timetable(int *number, sch_store *st, const sch_timetable *tt, const sch_store_save_options *opts)
{
	sch_store_save_options o = SCH_STORE_SAVE_OPTIONS_INIT;
	sqlite3_stmt *ins = NULL, *place = NULL, *room = NULL;
	const sch_school *school = tt ? sch_timetable_school(tt) : NULL;
	const char *what = "saving the timetable";
	char *yaml = NULL, user[256];
	size_t len = 0;
	int rc, rev = 0, created = 0, num = 0, placed = 0, in_tx = 0;
	if (number)
		*number = 0;
	if (!st || !tt || !school)
		return sch_error_set(SCH_EINVALID, "sch_store_save_timetable: NULL argument");
	if (opts) {
		if (opts->version != SCH_STORE_SAVE_OPTIONS_VERSION)
			return sch_error_set(SCH_EINVALID, "sch_store_save_timetable: options version %u, expected %d",
					     opts->version, SCH_STORE_SAVE_OPTIONS_VERSION);
		o = *opts;
	}
	if (o.hard < 0) {
		sch_report *rep = NULL;
		if ((rc = sch_verify(&rep, tt, NULL)))
			return rc;
		o.hard = sch_report_hard(rep);
		o.soft = sch_report_soft(rep);
		sch_report_free(rep);
	}
	if (!o.user)
		o.user = sch_store__user(user, sizeof user);
	/* The YAML is made before the transaction: no lock is held while it is written. */
	if ((rc = sch_school_to_yaml(&yaml, &len, school)))
		return rc;
	for (int i = 0; i < school->n_lessons; i++) {
		int d, p;
		if (sch_timetable_get(tt, i, &d, &p) == 0 && d >= 0)
			placed++;
	}
	if ((rc = sch_store__begin(st, what)))
		goto done;
	in_tx = 1;
	if ((rc = ensure_rev(st, school, yaml, len, &rev, &created)))
		goto done;
	long long max;
	if ((rc = sch_store__int(st, "SELECT coalesce(max(number), 0) FROM versions", -1, 0, &max, what)))
		goto done;
	num = (int)max + 1;
	if ((rc = sch_store__prepare(st, &ins,
				     "INSERT INTO versions(number, rev, method, seed, seconds, hard, soft, n_lessons, "
				     "n_placed, created_by, command, note) "
				     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
				     what)))
		goto done;
	sqlite3_bind_int(ins, 1, num);
	sqlite3_bind_int(ins, 2, rev);
	sqlite3_bind_text(ins, 3, o.method ? o.method : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 4, (sqlite3_int64)o.seed);
	sqlite3_bind_double(ins, 5, o.seconds);
	sqlite3_bind_int64(ins, 6, o.hard);
	sqlite3_bind_int64(ins, 7, o.soft < 0 ? 0 : o.soft);
	sqlite3_bind_int(ins, 8, school->n_lessons);
	sqlite3_bind_int(ins, 9, placed);
	sqlite3_bind_text(ins, 10, o.user, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 11, o.command ? o.command : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 12, o.note ? o.note : "", -1, SQLITE_STATIC);
	if ((rc = step_done(st, ins, what)))
		goto done;
	if ((rc = sch_store__prepare(st, &place,
				     "INSERT INTO placements(version, rev, lesson, day, period) VALUES (?1, ?2, ?3, ?4, ?5)",
				     what)) ||
	    (rc = sch_store__prepare(st, &room,
				     "INSERT INTO placement_rooms(version, lesson, part, room) VALUES (?1, ?2, ?3, ?4)",
				     what)))
		goto done;
	for (int i = 0; i < school->n_lessons; i++) {
		int d = -1, p = -1;
		if (sch_timetable_get(tt, i, &d, &p) != 0 || d < 0 || d >= school->n_days)
			d = p = -1;
		sqlite3_bind_int(place, 1, num);
		sqlite3_bind_int(place, 2, rev);
		sqlite3_bind_int(place, 3, i);
		sqlite3_bind_int(place, 4, d >= 0 ? school->day_codes[d] : -1);
		sqlite3_bind_int(place, 5, p);
		if ((rc = step_done(st, place, what)))
			goto done;
		for (int part = 0; part < school->lessons[i].n_parts; part++) {
			int r = sch_timetable_room(tt, i, part);
			if (r < 0 || r >= school->n_rooms)
				continue;
			sqlite3_bind_int(room, 1, num);
			sqlite3_bind_int(room, 2, i);
			sqlite3_bind_int(room, 3, part);
			sqlite3_bind_text(room, 4, school->rooms[r].id, -1, SQLITE_STATIC);
			if ((rc = step_done(st, room, what)))
				goto done;
		}
	}
	if (o.activate) {
		sqlite3_finalize(ins);
		if ((rc = sch_store__prepare(st, &ins,
					     "INSERT INTO active(id, version) VALUES (1, ?1) "
					     "ON CONFLICT(id) DO UPDATE SET version = excluded.version",
					     what)))
			goto done;
		sqlite3_bind_int(ins, 1, num);
		if ((rc = step_done(st, ins, what)))
			goto done;
	}
	in_tx = 0;
	if ((rc = sch_store__commit(st, what)))
		goto done;
	if (number)
		*number = num;
done:
	if (in_tx)
		sch_store__rollback(st);
	sqlite3_finalize(ins);
	sqlite3_finalize(place);
	sqlite3_finalize(room);
	sch_free(yaml);
	return rc;
}

void sch_store_version_list_dispose(sch_store_version_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++) {
		sch_store_version *v = &list->items[i];
		free((char *)v->method);
		free((char *)v->created_at);
		free((char *)v->created_by);
		free((char *)v->command);
		free((char *)v->note);
	}
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

int sch_store_versions(sch_store_version_list *out, sch_store *st)
{
	sqlite3_stmt *stmt = NULL;
	size_t cap = 0;
	const char *what = "listing versions";
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_store_versions: NULL argument");
	out->items = NULL;
	out->count = 0;
	int rc = sch_store__prepare(
		st, &stmt,
		"SELECT v.number, v.rev, v.method, v.seed, v.seconds, v.hard, v.soft, v.created_at, v.created_by, "
		"v.command, v.note, v.n_lessons, v.n_placed, "
		"EXISTS (SELECT 1 FROM active a WHERE a.version = v.number), "
		"s.lessons_sig <> (SELECT lessons_sig FROM schools ORDER BY rev DESC LIMIT 1) "
		"FROM versions v JOIN schools s ON s.rev = v.rev ORDER BY v.number",
		what);
	if (rc)
		return rc;
	for (;;) {
		int s = sqlite3_step(stmt);
		if (s == SQLITE_DONE)
			break;
		if (s != SQLITE_ROW) {
			rc = sch_store__fail(st, s, what);
			break;
		}
		if (out->count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			sch_store_version *n = realloc(out->items, ncap * sizeof *n);
			if (!n) {
				rc = sch_error_oom();
				break;
			}
			out->items = n;
			cap = ncap;
		}
		sch_store_version *v = &out->items[out->count];
		memset(v, 0, sizeof *v);
		v->number = sqlite3_column_int(stmt, 0);
		v->revision = sqlite3_column_int(stmt, 1);
		v->seed = (uint64_t)sqlite3_column_int64(stmt, 3);
		v->seconds = sqlite3_column_double(stmt, 4);
		v->hard = sqlite3_column_int64(stmt, 5);
		v->soft = sqlite3_column_int64(stmt, 6);
		v->lessons = sqlite3_column_int(stmt, 11);
		v->placed = sqlite3_column_int(stmt, 12);
		v->active = sqlite3_column_int(stmt, 13) != 0;
		v->stale = sqlite3_column_int(stmt, 14) != 0;
		v->method = sch_store__text(stmt, 2);
		v->created_at = sch_store__text(stmt, 7);
		v->created_by = sch_store__text(stmt, 8);
		v->command = sch_store__text(stmt, 9);
		v->note = sch_store__text(stmt, 10);
		out->count++;
		if (!v->method || !v->created_at || !v->created_by || !v->command || !v->note) {
			rc = sch_error_oom();
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc)
		sch_store_version_list_dispose(out);
	return rc;
}

int sch_store_active(int *number, sch_store *st)
{
	long long v = 0;
	if (!number || !st)
		return sch_error_set(SCH_EINVALID, "sch_store_active: NULL argument");
	int rc = sch_store__int(st, "SELECT version FROM active WHERE id = 1", -1, 0, &v, "reading the active version");
	*number = rc ? 0 : (int)v;
	return rc;
}

/* SCH_ENOTFOUND naming the versions that exist. */
static int no_such_version(sch_store *st, int number)
{
	long long lo = 0, hi = 0;
	if (sch_store__int(st, "SELECT min(number) FROM versions", -1, 0, &lo, "listing versions") ||
	    sch_store__int(st, "SELECT max(number) FROM versions", -1, 0, &hi, "listing versions") || hi == 0)
		return sch_error_set(SCH_ENOTFOUND, "%s: no version %d: the file has no versions yet", st->path, number);
	return sch_error_set(SCH_ENOTFOUND, "%s: no version %d (the file has versions %lld to %lld)", st->path, number,
			     lo, hi);
}

int sch_store_activate(sch_store *st, int number)
{
	sqlite3_stmt *stmt = NULL;
	long long found = 0;
	const char *what = "activating a version";
	if (!st)
		return sch_error_set(SCH_EINVALID, "sch_store_activate: NULL argument");
	int rc = sch_store__begin(st, what);
	if (rc)
		return rc;
	if ((rc = sch_store__int(st, "SELECT count(*) FROM versions WHERE number = ?1", number, 0, &found, what)))
		goto fail;
	if (!found) {
		rc = no_such_version(st, number);
		goto fail;
	}
	if ((rc = sch_store__prepare(st, &stmt,
				     "INSERT INTO active(id, version) VALUES (1, ?1) "
				     "ON CONFLICT(id) DO UPDATE SET version = excluded.version",
				     what)))
		goto fail;
	sqlite3_bind_int(stmt, 1, number);
	if ((rc = step_done(st, stmt, what)))
		goto fail;
	sqlite3_finalize(stmt);
	return sch_store__commit(st, what);
fail:
	sqlite3_finalize(stmt);
	sch_store__rollback(st);
	return rc;
}

/* The version meant by `number` (0: the active one) and its school revision. */
static int resolve_version(sch_store *st, int *number, int *rev)
{
	long long v = 0;
	int rc;
	if (*number == 0) {
		if ((rc = sch_store_active(number, st)))
			return rc;
		if (*number == 0)
			return sch_error_set(SCH_ENOTFOUND, "%s: no active version (save a timetable first)", st->path);
	}
	if ((rc = sch_store__int(st, "SELECT rev FROM versions WHERE number = ?1", *number, 0, &v, "reading a version")))
		return rc;
	if (v == 0)
		return no_such_version(st, *number);
	*rev = (int)v;
	return 0;
}

int sch_store_load_version_school(sch_school **out, sch_store *st, int number, sch_diags *diags)
{
	int rev = 0, rc;
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_store_load_version_school: NULL argument");
	*out = NULL;
	if ((rc = resolve_version(st, &number, &rev)))
		return rc;
	return sch_store__load_rev(out, st, rev, diags);
}

static int day_index(const sch_school *s, int code)
{
	for (int d = 0; d < s->n_days; d++)
		if (s->day_codes[d] == code)
			return d;
	return -1;
}

int sch_store_load_timetable(sch_timetable **out, sch_store *st, int number, const sch_school *school, int *skipped)
{
	sqlite3_stmt *stmt = NULL;
	sch_timetable *tt = NULL;
	char **keys = NULL;
	key_idx *sorted = NULL;
	int *map = NULL;
	long long n_stored = 0;
	int rev = 0, skip = 0, rc;
	const char *what = "reading a version";
	if (!out || !st || !school)
		return sch_error_set(SCH_EINVALID, "sch_store_load_timetable: NULL argument");
	*out = NULL;
	if (skipped)
		*skipped = 0;
	if ((rc = resolve_version(st, &number, &rev)))
		return rc;
	if ((rc = sch_store__int(st, "SELECT n_lessons FROM versions WHERE number = ?1", number, 0, &n_stored, what)))
		return rc;
	if ((rc = sch_store__lesson_names(&keys, NULL, school)))
		goto done;
	sorted = malloc(sizeof *sorted * ((size_t)school->n_lessons + 1));
	map = malloc(sizeof *map * ((size_t)n_stored + 1));
	if (!sorted || !map) {
		rc = sch_error_oom();
		goto done;
	}
	for (long long i = 0; i < n_stored; i++)
		map[i] = -1;
	for (int i = 0; i < school->n_lessons; i++)
		sorted[i] = (key_idx){keys[i], i};
	qsort(sorted, (size_t)school->n_lessons, sizeof *sorted, cmp_key_idx);
	if ((rc = sch_timetable_new(&tt, school)))
		goto done;
	if ((rc = sch_store__prepare(st, &stmt,
				     "SELECT l.key, p.day, p.period, p.lesson FROM placements p "
				     "JOIN lessons l ON l.rev = p.rev AND l.idx = p.lesson WHERE p.version = ?1",
				     what)))
		goto done;
	sqlite3_bind_int(stmt, 1, number);
	for (;;) {
		int s = sqlite3_step(stmt);
		if (s == SQLITE_DONE)
			break;
		if (s != SQLITE_ROW) {
			rc = sch_store__fail(st, s, what);
			goto done;
		}
		key_idx probe = {(const char *)sqlite3_column_text(stmt, 0), -1};
		int code = sqlite3_column_int(stmt, 1), period = sqlite3_column_int(stmt, 2);
		int stored = sqlite3_column_int(stmt, 3);
		const key_idx *hit = probe.key ? bsearch(&probe, sorted, (size_t)school->n_lessons, sizeof *sorted,
							 cmp_key_idx)
					       : NULL;
		if (!hit) {
			skip++;
			continue;
		}
		if (stored >= 0 && stored < n_stored)
			map[stored] = hit->lesson;
		if (code < 0)
			continue;
		int d = day_index(school, code);
		const sch_lesson_def *l = &school->lessons[hit->lesson];
		if (d < 0 || period < 0 || period + l->length > school->n_periods ||
		    sch_timetable_set(tt, hit->lesson, d, period) != 0) {
			skip++;
			continue;
		}
	}
	sqlite3_finalize(stmt);
	if ((rc = sch_store__prepare(st, &stmt, "SELECT lesson, part, room FROM placement_rooms WHERE version = ?1",
				     what)))
		goto done;
	sqlite3_bind_int(stmt, 1, number);
	for (;;) {
		int s = sqlite3_step(stmt);
		if (s == SQLITE_DONE)
			break;
		if (s != SQLITE_ROW) {
			rc = sch_store__fail(st, s, what);
			goto done;
		}
		int stored = sqlite3_column_int(stmt, 0), part = sqlite3_column_int(stmt, 1);
		int l = stored >= 0 && stored < n_stored ? map[stored] : -1;
		int r = sch_school_find_room(school, (const char *)sqlite3_column_text(stmt, 2));
		if (l >= 0 && r >= 0 && part < school->lessons[l].n_parts)
			sch_timetable_set_room(tt, l, part, r);
	}
	*out = tt;
	tt = NULL;
	if (skipped)
		*skipped = skip;
done:
	sqlite3_finalize(stmt);
	sch_timetable_free(tt);
	free(keys);
	free(sorted);
	free(map);
	return rc;
}
