/* Locked lessons of the school database: lock and unlock, the list, and pins for a solve. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "schedule/school.h"
#include "schedule/store.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"
#include "schedule/timetable.h"
#include "store_int.h"

void sch_store_lock_list_dispose(sch_store_lock_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++) {
		sch_store_lock *k = &list->items[i];
		free((char *)k->key);
		free((char *)k->label);
		free((char *)k->created_at);
		free((char *)k->created_by);
	}
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

typedef struct {
	const char *key;
	int lesson;
} key_idx;

static int cmp_key_idx(const void *a, const void *b)
{
	return strcmp(((const key_idx *)a)->key, ((const key_idx *)b)->key);
}

static int day_index(const sch_school *s, int code)
{
	for (int d = 0; d < s->n_days; d++)
		if (s->day_codes[d] == code)
			return d;
	return -1;
}

int sch_store_locks(sch_store_lock_list *out, sch_store *st, const sch_school *school)
{
	sqlite3_stmt *stmt = NULL;
	char **keys = NULL;
	key_idx *sorted = NULL;
	size_t cap = 0;
	const char *what = "listing locks";
	int rc;
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_store_locks: NULL argument");
	out->items = NULL;
	out->count = 0;
	if (school) {
		if ((rc = sch_store__lesson_names(&keys, NULL, school)))
			return rc;
		if (!(sorted = malloc(sizeof *sorted * ((size_t)school->n_lessons + 1)))) {
			rc = sch_error_oom();
			goto done;
		}
		for (int i = 0; i < school->n_lessons; i++)
			sorted[i] = (key_idx){keys[i], i};
		qsort(sorted, (size_t)school->n_lessons, sizeof *sorted, cmp_key_idx);
	}
	if ((rc = sch_store__prepare(st, &stmt,
				     "SELECT key, label, day_code, period, coalesce(from_version, 0), created_at, created_by "
				     "FROM locks ORDER BY day_code, period, label, key",
				     what)))
		goto done;
	for (;;) {
		int s = sqlite3_step(stmt);
		if (s == SQLITE_DONE)
			break;
		if (s != SQLITE_ROW) {
			rc = sch_store__fail(st, s, what);
			goto done;
		}
		if (out->count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			sch_store_lock *n = realloc(out->items, ncap * sizeof *n);
			if (!n) {
				rc = sch_error_oom();
				goto done;
			}
			out->items = n;
			cap = ncap;
		}
		sch_store_lock *k = &out->items[out->count++];
		memset(k, 0, sizeof *k);
		k->key = sch_store__text(stmt, 0);
		k->label = sch_store__text(stmt, 1);
		k->day_code = sqlite3_column_int(stmt, 2);
		k->period = sqlite3_column_int(stmt, 3);
		k->from_version = sqlite3_column_int(stmt, 4);
		k->created_at = sch_store__text(stmt, 5);
		k->created_by = sch_store__text(stmt, 6);
		k->lesson = -1;
		k->day = -1;
		if (!k->key || !k->label || !k->created_at || !k->created_by) {
			rc = sch_error_oom();
			goto done;
		}
		if (school) {
			key_idx probe = {k->key, -1};
			const key_idx *hit = bsearch(&probe, sorted, (size_t)school->n_lessons, sizeof *sorted, cmp_key_idx);
			k->lesson = hit ? hit->lesson : -1;
			k->day = day_index(school, k->day_code);
		}
	}
done:
	sqlite3_finalize(stmt);
	free(keys);
	free(sorted);
	if (rc)
		sch_store_lock_list_dispose(out);
	return rc;
}

/* Inside a transaction: records (or moves) the lock of lesson `key`. */
static int lock_insert(sch_store *st, const char *key, const char *label, int day_code, int period, int from_version)
{
	sqlite3_stmt *stmt = NULL;
	char user[256];
	const char *what = "locking a lesson";
	int rc = sch_store__prepare(
		st, &stmt,
		"INSERT INTO locks(key, day_code, period, label, from_version, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
		"ON CONFLICT(key) DO UPDATE SET day_code = excluded.day_code, period = excluded.period, "
		"label = excluded.label, from_version = excluded.from_version, created_at = excluded.created_at, "
		"created_by = excluded.created_by",
		what);
	if (rc)
		return rc;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, day_code);
	sqlite3_bind_int(stmt, 3, period);
	sqlite3_bind_text(stmt, 4, label, -1, SQLITE_STATIC);
	if (from_version > 0)
		sqlite3_bind_int(stmt, 5, from_version);
	else
		sqlite3_bind_null(stmt, 5);
	sqlite3_bind_text(stmt, 6, sch_store__user(user, sizeof user), -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(stmt);
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, what);
	sqlite3_finalize(stmt);
	return rc;
}

/* The school's index of a day code; SCH_EINVALID when it is not one of the school's days. */
static int slot_day(const sch_school *s, int day_code, int *day)
{
	*day = day_index(s, day_code);
	if (*day < 0)
		return sch_error_set(SCH_EINVALID, "%s is not a school day (the school works %s to %s)",
				     sch_day_code(day_code), sch_day_code(s->day_codes[0]),
				     sch_day_code(s->day_codes[s->n_days - 1]));
	return 0;
}

static int check_slot(const sch_school *s, int day, int period)
{
	if (day < 0 || day >= s->n_days || period < 0 || period >= s->n_periods)
		return sch_error_set(SCH_EINVALID, "no such slot (day %d, bell %d): the school has %d days and %d bells",
				     day + 1, period + 1, s->n_days, s->n_periods);
	return 0;
}

int sch_store_lock_lesson(sch_store *st, const sch_school *school, int lesson, int day, int period)
{
	char **keys = NULL, **labels = NULL;
	int rc;
	if (!st || !school)
		return sch_error_set(SCH_EINVALID, "sch_store_lock_lesson: NULL argument");
	if (lesson < 0 || lesson >= school->n_lessons)
		return sch_error_set(SCH_EINVALID, "no lesson %d: the school has %d", lesson, school->n_lessons);
	if ((rc = check_slot(school, day, period)))
		return rc;
	if ((rc = sch_store__lesson_names(&keys, &labels, school)))
		return rc;
	if ((rc = sch_store__begin(st, "locking a lesson")))
		goto done;
	if ((rc = lock_insert(st, keys[lesson], labels[lesson], school->day_codes[day], period, 0))) {
		sch_store__rollback(st);
		goto done;
	}
	rc = sch_store__commit(st, "locking a lesson");
done:
	free(keys);
	free(labels);
	return rc;
}

static int delete_lock(sch_store *st, const char *key, int *deleted)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sch_store__prepare(st, &stmt, "DELETE FROM locks WHERE key = ?1", "unlocking a lesson");
	if (rc)
		return rc;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	int s = sqlite3_step(stmt);
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "unlocking a lesson");
	else
		*deleted += sqlite3_changes(st->db);
	sqlite3_finalize(stmt);
	return rc;
}

int sch_store_unlock_lesson(sch_store *st, const sch_school *school, int lesson)
{
	char **keys = NULL, **labels = NULL;
	int rc, deleted = 0;
	if (!st || !school)
		return sch_error_set(SCH_EINVALID, "sch_store_unlock_lesson: NULL argument");
	if (lesson < 0 || lesson >= school->n_lessons)
		return sch_error_set(SCH_EINVALID, "no lesson %d: the school has %d", lesson, school->n_lessons);
	if ((rc = sch_store__lesson_names(&keys, &labels, school)))
		return rc;
	if ((rc = sch_store__begin(st, "unlocking a lesson")))
		goto done;
	if ((rc = delete_lock(st, keys[lesson], &deleted)) == 0 && deleted == 0)
		rc = sch_error_set(SCH_ENOTFOUND, "%s: %s is not locked", st->path, labels[lesson]);
	if (rc)
		sch_store__rollback(st);
	else
		rc = sch_store__commit(st, "unlocking a lesson");
done:
	free(keys);
	free(labels);
	return rc;
}

int sch_store_unlock_all(int *removed, sch_store *st)
{
	int deleted = 0;
	if (removed)
		*removed = 0;
	if (!st)
		return sch_error_set(SCH_EINVALID, "sch_store_unlock_all: NULL argument");
	sqlite3_stmt *stmt = NULL;
	int rc = sch_store__begin(st, "unlocking every lesson");
	if (rc)
		return rc;
	if ((rc = sch_store__prepare(st, &stmt, "DELETE FROM locks", "unlocking every lesson"))) {
		sch_store__rollback(st);
		return rc;
	}
	int s = sqlite3_step(stmt);
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "unlocking every lesson");
	else
		deleted = sqlite3_changes(st->db);
	sqlite3_finalize(stmt);
	if (rc)
		sch_store__rollback(st);
	else
		rc = sch_store__commit(st, "unlocking every lesson");
	if (removed && !rc)
		*removed = deleted;
	return rc;
}

/* ---- Finding lessons by slot ---- */

typedef int (*find_fn)(const sch_school *, const char *);
typedef const char *(*id_fn)(const sch_school *, int);

/* The index of a named entity, or SCH_ENOTFOUND with the nearest name suggested. */
static int find_named(const sch_school *s, const char *kind, const char *name, find_fn find, id_fn id_of, int count)
{
	int i = find(s, name);
	if (i >= 0)
		return i;
	if (find == sch_school_find_teacher) /* a teacher may be named by name too: "Асанова Г.К." */
		for (int t = 0; t < s->n_teachers; t++)
			if (s->teachers[t].name && strcmp(s->teachers[t].name, name) == 0)
				return t;
	const char **cands = malloc(sizeof *cands * ((size_t)count + 1));
	if (!cands)
		return sch_error_oom();
	for (int k = 0; k < count; k++)
		cands[k] = id_of(s, k);
	const char *near = sch_suggest(name, cands, (size_t)count);
	int rc;
	if (near)
		rc = sch_error_set(SCH_ENOTFOUND, "no %s '%s' in the school (did you mean %s?)", kind, name, near);
	else
		rc = sch_error_set(SCH_ENOTFOUND, "no %s '%s' in the school", kind, name);
	free(cands);
	return rc;
}

typedef struct {
	int cls, teacher, subject; /* -1: any */
} filter;

static int resolve_filter(const sch_school *s, const sch_store_slot *slot, filter *f)
{
	int i;
	f->cls = f->teacher = f->subject = -1;
	if (!slot->class_id && !slot->teacher_id)
		return sch_error_set(SCH_EINVALID, "name a class or a teacher for the slot");
	if (slot->class_id) {
		if ((i = find_named(s, "class", slot->class_id, sch_school_find_class, sch_school_class_id,
				    s->n_classes)) < 0)
			return i;
		f->cls = i;
	}
	if (slot->teacher_id) {
		if ((i = find_named(s, "teacher", slot->teacher_id, sch_school_find_teacher, sch_school_teacher_id,
				    s->n_teachers)) < 0)
			return i;
		f->teacher = i;
	}
	if (slot->subject_id) {
		if ((i = find_named(s, "subject", slot->subject_id, sch_school_find_subject, sch_school_subject_id,
				    s->n_subjects)) < 0)
			return i;
		f->subject = i;
	}
	return 0;
}

static int has(const int *v, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

static int matches(const sch_lesson_def *l, const filter *f)
{
	return (f->cls < 0 || has(l->classes, l->n_classes, f->cls)) &&
	       (f->teacher < 0 || has(l->teachers, l->n_teachers, f->teacher)) &&
	       (f->subject < 0 || l->subject == f->subject);
}

/* "class 5А, teacher asanova, subject math" from the filter. */
static void describe(char *buf, size_t n, const sch_school *s, const filter *f)
{
	size_t k = 0;
	buf[0] = '\0';
	if (f->cls >= 0)
		k += (size_t)snprintf(buf + k, k < n ? n - k : 0, "class %s", s->classes[f->cls].id);
	if (f->teacher >= 0 && k < n)
		k += (size_t)snprintf(buf + k, n - k, "%steacher %s", k ? ", " : "", s->teachers[f->teacher].id);
	if (f->subject >= 0 && k < n)
		snprintf(buf + k, n - k, "%ssubject %s", k ? ", " : "", s->subjects[f->subject].id);
}

static char *now_utc(void)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return strdup(buf);
}

int sch_store_lock_slot(sch_store *st, const sch_store_slot *slot, sch_store_lock_list *locked)
{
	sch_school *school = NULL;
	sch_timetable *tt = NULL;
	char **keys = NULL, **labels = NULL;
	char who[160], user[256];
	int number = 0, rc, found = -1, n_match = 0, day = -1;
	filter f;
	if (locked) {
		locked->items = NULL;
		locked->count = 0;
	}
	if (!st || !slot)
		return sch_error_set(SCH_EINVALID, "sch_store_lock_slot: NULL argument");
	if (slot->version != SCH_STORE_SLOT_VERSION)
		return sch_error_set(SCH_EINVALID, "sch_store_lock_slot: slot version %u, expected %d", slot->version,
				     SCH_STORE_SLOT_VERSION);
	if (!slot->class_id && !slot->teacher_id)
		return sch_error_set(SCH_EINVALID, "name a class or a teacher for the slot");
	if ((rc = sch_store_active(&number, st)))
		return rc;
	if (number == 0)
		return sch_error_set(SCH_ENOTFOUND, "%s: no active version to lock a lesson of (save a timetable first)",
				     st->path);
	if ((rc = sch_store_load_version_school(&school, st, number, NULL)) ||
	    (rc = sch_store_load_timetable(&tt, st, number, school, NULL)) || (rc = resolve_filter(school, slot, &f)) ||
	    (rc = slot_day(school, slot->day_code, &day)) || (rc = check_slot(school, day, slot->period)) ||
	    (rc = sch_store__lesson_names(&keys, &labels, school)))
		goto done;
	char list[600] = "";
	size_t used = 0;
	for (int i = 0; i < school->n_lessons; i++) {
		int d, p;
		const sch_lesson_def *l = &school->lessons[i];
		if (sch_timetable_get(tt, i, &d, &p) != 0 || d != day || slot->period < p ||
		    slot->period >= p + l->length || !matches(l, &f))
			continue;
		n_match++;
		found = i;
		if (used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? "; " : "", labels[i]);
	}
	describe(who, sizeof who, school, &f);
	const char *day_name = sch_day_code(slot->day_code);
	if (n_match == 0) {
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no lesson of %s on %s at bell %d in version %d", st->path, who,
				   day_name, slot->period + 1, number);
		goto done;
	}
	if (n_match > 1) {
		rc = sch_error_set(SCH_EINVALID,
				   "%s: %d lessons of %s are on %s at bell %d in version %d (%s): name the teacher or "
				   "the subject too",
				   st->path, n_match, who, day_name, slot->period + 1, number, list);
		goto done;
	}
	int d, p;
	sch_timetable_get(tt, found, &d, &p);
	if ((rc = sch_store__begin(st, "locking a lesson")))
		goto done;
	if ((rc = lock_insert(st, keys[found], labels[found], school->day_codes[d], p, number))) {
		sch_store__rollback(st);
		goto done;
	}
	if ((rc = sch_store__commit(st, "locking a lesson")))
		goto done;
	if (locked) {
		sch_store_lock *k = calloc(1, sizeof *k);
		if (!k) {
			rc = sch_error_oom();
			goto done;
		}
		locked->items = k;
		locked->count = 1;
		k->key = strdup(keys[found]);
		k->label = strdup(labels[found]);
		k->day_code = school->day_codes[d];
		k->period = p;
		k->from_version = number;
		k->created_at = now_utc();
		k->created_by = strdup(sch_store__user(user, sizeof user));
		k->lesson = found;
		k->day = d;
		if (!k->key || !k->label || !k->created_at || !k->created_by) {
			sch_store_lock_list_dispose(locked);
			rc = sch_error_oom(); /* the lock itself was made */
		}
	}
done:
	free(keys);
	free(labels);
	sch_timetable_free(tt);
	sch_school_free(school);
	return rc;
}

int sch_store_unlock_slot(int *removed, sch_store *st, const sch_store_slot *slot)
{
	sch_school *school = NULL;
	sch_store_lock_list locks = {0};
	char who[160];
	int rc, deleted = 0, in_tx = 0, day = -1;
	filter f;
	if (removed)
		*removed = 0;
	if (!st || !slot)
		return sch_error_set(SCH_EINVALID, "sch_store_unlock_slot: NULL argument");
	if (slot->version != SCH_STORE_SLOT_VERSION)
		return sch_error_set(SCH_EINVALID, "sch_store_unlock_slot: slot version %u, expected %d", slot->version,
				     SCH_STORE_SLOT_VERSION);
	if ((rc = sch_store_load_school(&school, st, NULL)) || (rc = resolve_filter(school, slot, &f)) ||
	    (rc = slot_day(school, slot->day_code, &day)) || (rc = check_slot(school, day, slot->period)))
		goto done;
	if ((rc = sch_store__begin(st, "unlocking lessons")))
		goto done;
	in_tx = 1;
	if ((rc = sch_store_locks(&locks, st, school)))
		goto done;
	for (size_t i = 0; i < locks.count; i++) {
		const sch_store_lock *k = &locks.items[i];
		if (k->lesson < 0 || k->day != day)
			continue;
		const sch_lesson_def *l = &school->lessons[k->lesson];
		if (slot->period < k->period || slot->period >= k->period + l->length || !matches(l, &f))
			continue;
		if ((rc = delete_lock(st, k->key, &deleted)))
			goto done;
	}
	if (deleted == 0) {
		describe(who, sizeof who, school, &f);
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no locked lesson of %s on %s at bell %d", st->path, who,
				   sch_day_code(slot->day_code), slot->period + 1);
		goto done;
	}
	in_tx = 0;
	if ((rc = sch_store__commit(st, "unlocking lessons")))
		goto done;
	if (removed)
		*removed = deleted;
done:
	if (in_tx)
		sch_store__rollback(st);
	sch_store_lock_list_dispose(&locks);
	sch_school_free(school);
	return rc;
}

int sch_store_pin_locks(sch_school *school, sch_store *st, sch_diags *diags, int *pinned)
{
	sch_store_lock_list locks = {0};
	int n = 0;
	if (pinned)
		*pinned = 0;
	if (!school || !st)
		return sch_error_set(SCH_EINVALID, "sch_store_pin_locks: NULL argument");
	int rc = sch_store_locks(&locks, st, school);
	if (rc)
		return rc;
	for (size_t i = 0; i < locks.count; i++) {
		const sch_store_lock *k = &locks.items[i];
		const char *day = sch_day_code(k->day_code);
		if (k->lesson < 0) {
			sch_diags_add(diags, SCH_DIAG_WARNING, st->path, 0, 0,
				      "lock of %s (%s bell %d) skipped: the school has no such lesson any more", k->label,
				      day, k->period + 1);
			continue;
		}
		sch_lesson_def *l = &school->lessons[k->lesson];
		if (k->day < 0 || k->period + l->length > school->n_periods) {
			sch_diags_add(diags, SCH_DIAG_WARNING, st->path, 0, 0,
				      "lock of %s (%s bell %d) skipped: the school has no such slot any more", k->label,
				      day, k->period + 1);
			continue;
		}
		int slot = sch_slot(school, k->day, k->period);
		if (l->pinned >= 0 && l->pinned != slot) {
			sch_diags_add(diags, SCH_DIAG_WARNING, st->path, 0, 0,
				      "lock of %s (%s bell %d) skipped: the school file pins it elsewhere", k->label, day,
				      k->period + 1);
			continue;
		}
		if (!sch_slotset_has(&l->legal, slot)) {
			sch_diags_add(diags, SCH_DIAG_WARNING, st->path, 0, 0,
				      "lock of %s (%s bell %d) skipped: the lesson cannot be there now (outside its "
				      "shift or week, a teacher unavailable, or a forbidden period)",
				      k->label, day, k->period + 1);
			continue;
		}
		l->pinned = slot;
		n++;
	}
	sch_store_lock_list_dispose(&locks);
	if (pinned)
		*pinned = n;
	return 0;
}
