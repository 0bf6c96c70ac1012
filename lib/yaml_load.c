/* Loads a school from YAML (docs/format.md) into the model, reporting every error with its place. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "fileio.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"
#include "yamltree.h"

/* A school file larger than this is not a school; refuse it before reading. */
#define MAX_FILE_BYTES (64u << 20)
/* Dangling references suggest the nearest id only among this many candidates (bounded work). */
#define MAX_SUGGEST_CANDIDATES 2000

/* Ids of one kind of entity, sorted for lookup. */
typedef struct {
	const char **ids; /* in definition order (candidates for suggestions) */
	int *order;       /* indexes sorted by id */
	int n;
} id_table;

typedef struct {
	sch_ytree *t;
	sch_school *s;
	int oom;
	/* What is usable, so that one broken section does not bury the file in follow-up errors. */
	bool days_ok, bells_ok, shifts_ok;
	bool have_subjects, have_teachers, have_classes, have_rooms;
	id_table shift_ids, subject_ids, teacher_ids, class_ids, room_ids;
	/* per class: false when its shift is unknown (lines then keep no pinned slots) */
	bool *class_shift_ok;
	/* per subject: whether `double` was given explicitly */
	bool *subject_double_set;
	int max_table[SCH_MAX_GRADE + 1]; /* class max_per_day by grade */
	/* ids of load lines, sorted by id: the model line, or -1 for a line left out with errors */
	struct line_id {
		const char *id;
		int line;
	} *line_ids;
	int n_line_ids;
} loader;

static const int default_max_table[SCH_MAX_GRADE + 1] = {0, 4, 5, 5, 5, 6, 6, 7, 7, 7, 7, 7, 7};

/* ---------- small helpers ---------- */

static void *lalloc(loader *L, size_t size)
{
	void *p = sch_school_alloc(L->s, size ? size : 1);
	if (!p)
		L->oom = 1;
	return p;
}

static char *lstrdup(loader *L, const char *str)
{
	char *p = sch_school_strdup(L->s, str);
	if (str && !p)
		L->oom = 1;
	return p;
}

/* An id shortened for messages: at most 40 characters, cut on a character boundary. */
static const char *short_text(const char *s, char *buf, size_t size)
{
	size_t cut = 0, chars = 0, len = strlen(s);
	while (cut < len && chars < 40) {
		cut++;
		while (cut < len && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut++;
		chars++;
	}
	snprintf(buf, size, "%.*s%s", (int)cut, s, cut < len ? "..." : "");
	return buf;
}

/* Formats a path such as "classes.5А.grade" into buf. */
static const char *path(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
static const char *path(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return buf;
}

/* qsort has no context argument in C11; loads may run on several threads at once. */
static _Thread_local const id_table *sort_table_ctx;

static int cmp_id_order(const void *a, const void *b)
{
	const id_table *tb = sort_table_ctx;
	return strcmp(tb->ids[*(const int *)a], tb->ids[*(const int *)b]);
}

/* Builds the lookup order; ids are unique (the tree dropped duplicate keys). */
static int table_build(loader *L, id_table *tb, const sch_ynode *map)
{
	int n = map && map->kind == SCH_YNODE_MAP ? (int)map->n : 0;
	tb->n = n;
	tb->ids = lalloc(L, sizeof(char *) * (size_t)(n + 1));
	tb->order = lalloc(L, sizeof(int) * (size_t)(n + 1));
	if (!tb->ids || !tb->order)
		return -1;
	for (int i = 0; i < n; i++) {
		tb->ids[i] = map->keys[i]->text;
		tb->order[i] = i;
	}
	sort_table_ctx = tb;
	qsort(tb->order, (size_t)n, sizeof(int), cmp_id_order);
	return 0;
}

static int table_find(const id_table *tb, const char *id)
{
	int lo = 0, hi = tb->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		int c = strcmp(id, tb->ids[tb->order[mid]]);
		if (c == 0)
			return tb->order[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/*
 * Resolves a reference to an entity; reports "<what>: no <kind> 'x' in <section>; did you mean 'y'?"
 * when it is not defined (unless the whole section is broken). Returns the index or -1.
 */
static int resolve(loader *L, const id_table *tb, bool section_ok, const sch_ynode *n, const char *what,
		   const char *kind, const char *section)
{
	const char *id = sch_ytree_str(L->t, n, what);
	char buf[128];
	if (!id)
		return -1;
	int i = table_find(tb, id);
	if (i >= 0 || !section_ok)
		return i;
	const char *near = tb->n <= MAX_SUGGEST_CANDIDATES ? sch_suggest(id, tb->ids, (size_t)tb->n) : NULL;
	if (near)
		sch_ytree_error(L->t, n, "%s: no %s '%s' in %s; did you mean '%s'?", what, kind,
				short_text(id, buf, sizeof buf), section, near);
	else
		sch_ytree_error(L->t, n, "%s: no %s '%s' in %s", what, kind, short_text(id, buf, sizeof buf),
				section);
	return -1;
}

/* A required key: reports "<what>: missing key 'k' (<hint>)" at `at`. */
static const sch_ynode *need(loader *L, const sch_ynode *map, const sch_ynode *at, const char *key,
			     const char *what, const char *hint)
{
	const sch_ynode *v = sch_ynode_get(map, key);
	if (!v)
		sch_ytree_error(L->t, at, "%s: missing key '%s' (%s)", what, key, hint);
	return v;
}

/* A mapping, or nothing (an empty section); else reports and returns false. */
static bool map_or_null(loader *L, const sch_ynode *n, const char *what)
{
	if (!n || sch_ynode_is_null(n) || n->kind == SCH_YNODE_MAP)
		return true;
	return sch_ytree_expect(L->t, n, SCH_YNODE_MAP, what);
}

static size_t map_len(const sch_ynode *n)
{
	return n && n->kind == SCH_YNODE_MAP ? n->n : 0;
}

/* Parses "N" or "N-M" (spaces allowed around '-') with lo <= N <= M <= hi. Returns 0, -1 bad form,
 * -2 out of range. */
static int parse_range(const char *s, int lo, int hi, int *a, int *b)
{
	char *end;
	long x, y;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	x = strtol(s, &end, 10);
	if (errno)
		return -2;
	while (*end == ' ')
		end++;
	if (*end == '-') {
		s = end + 1;
		while (*s == ' ')
			s++;
		if (*s < '0' || *s > '9')
			return -1;
		y = strtol(s, &end, 10);
		if (errno)
			return -2;
		while (*end == ' ')
			end++;
	} else {
		y = x;
	}
	if (*end)
		return -1;
	if (x > y)
		return -1;
	if (x < lo || y > hi)
		return -2;
	*a = (int)x;
	*b = (int)y;
	return 0;
}

/* A range scalar with messages: "<what>: expected N or N-M within lo-hi, found ...". */
static bool range_node(loader *L, const sch_ynode *n, const char *what, const char *noun, int lo, int hi,
		       int *a, int *b)
{
	char buf[128];
	int rc = n && n->kind == SCH_YNODE_SCALAR && !sch_ynode_is_null(n) ? parse_range(n->text, lo, hi, a, b) : -1;
	if (rc == 0)
		return true;
	if (rc == -2)
		sch_ytree_error(L->t, n, "%s: %s %s is out of range %d-%d", what, noun,
				short_text(n->text, buf, sizeof buf), lo, hi);
	else
		sch_ytree_error(L->t, n, "%s: expected %s N or a range N-M (%d-%d), found %s", what, noun, lo, hi,
				sch_ynode_describe(n, buf, sizeof buf));
	return false;
}

static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* A day of the school week: index into school days, or -1 after reporting. */
static int school_day(loader *L, const sch_ynode *n, const char *text, const char *what)
{
	char buf[128];
	int code = sch_day_parse(text);
	if (code < 0) {
		const char *near = sch_suggest(text, day_names, 7);
		if (near)
			sch_ytree_error(L->t, n, "%s: unknown day '%s'; did you mean '%s'?", what,
					short_text(text, buf, sizeof buf), near);
		else
			sch_ytree_error(L->t, n, "%s: unknown day '%s' (mon tue wed thu fri sat sun)", what,
					short_text(text, buf, sizeof buf));
		return -1;
	}
	for (int d = 0; d < L->s->n_days; d++)
		if (L->s->day_codes[d] == code)
			return d;
	if (L->days_ok)
		sch_ytree_error(L->t, n, "%s: %s is not a school day (school.days)", what, day_names[code]);
	return -1;
}

/* Bitmask of periods: a list of N or "N-M", or one such scalar; bit k is number k+1. */
static bool period_mask(loader *L, const sch_ynode *n, const char *what, int hi, uint32_t *out)
{
	char p[320];
	uint32_t m = 0;
	bool ok = true;
	int a, b;
	if (n->kind == SCH_YNODE_SCALAR) {
		if (!range_node(L, n, what, "period", 1, hi, &a, &b))
			return false;
		for (int k = a; k <= b; k++)
			m |= 1u << (k - 1);
		*out = m;
		return true;
	}
	if (!sch_ytree_expect(L->t, n, SCH_YNODE_SEQ, what))
		return false;
	for (size_t i = 0; i < n->n; i++) {
		if (!range_node(L, n->items[i], path(p, sizeof p, "%s[%zu]", what, i + 1), "period", 1, hi, &a, &b)) {
			ok = false;
			continue;
		}
		for (int k = a; k <= b; k++)
			m |= 1u << (k - 1);
	}
	*out = m;
	return ok;
}

/* ---------- school, bells, shifts ---------- */

static void load_school(loader *L, const sch_ynode *root)
{
	static const char *const keys[] = {"name", "year", "days"};
	const sch_ynode *n = sch_ynode_get(root, "school");
	const sch_ynode *k = sch_ynode_key(root, "school");
	char p[320];
	if (!n) {
		sch_ytree_error(L->t, root, "missing key 'school' (its name and days)");
		return;
	}
	if (!sch_ytree_expect(L->t, n, SCH_YNODE_MAP, "school"))
		return;
	sch_ytree_check_keys(L->t, n, "school", keys, 3);
	const sch_ynode *name = need(L, n, k, "name", "school", "the school's name");
	if (name) {
		const char *s = sch_ytree_str(L->t, name, "school.name");
		if (s)
			L->s->name = lstrdup(L, s);
	}
	const sch_ynode *year = sch_ynode_get(n, "year");
	if (year && !sch_ynode_is_null(year)) {
		const char *s = sch_ytree_str(L->t, year, "school.year");
		if (s)
			L->s->year = lstrdup(L, s);
	}
	const sch_ynode *days = need(L, n, k, "days", "school", "the school days, e.g. [mon, tue, wed, thu, fri]");
	if (!days || !sch_ytree_expect(L->t, days, SCH_YNODE_SEQ, "school.days"))
		return;
	if (days->n == 0) {
		sch_ytree_error(L->t, days, "school.days: expected at least one day");
		return;
	}
	bool ok = true;
	int last = -1;
	for (size_t i = 0; i < days->n; i++) {
		const sch_ynode *d = days->items[i];
		path(p, sizeof p, "school.days[%zu]", i + 1);
		const char *s = sch_ytree_str(L->t, d, p);
		if (!s) {
			ok = false;
			continue;
		}
		int code = sch_day_parse(s);
		if (code < 0) {
			char buf[128];
			const char *near = sch_suggest(s, day_names, 7);
			if (near)
				sch_ytree_error(L->t, d, "%s: unknown day '%s'; did you mean '%s'?", p,
						short_text(s, buf, sizeof buf), near);
			else
				sch_ytree_error(L->t, d, "%s: unknown day '%s' (mon tue wed thu fri sat sun)", p,
						short_text(s, buf, sizeof buf));
			ok = false;
			continue;
		}
		if (code <= last) {
			sch_ytree_error(L->t, d, "%s: %s repeats or is out of order: days go mon, tue, ... sun", p,
					day_names[code]);
			ok = false;
			continue;
		}
		last = code;
		if (L->s->n_days < SCH_MAX_DAYS)
			L->s->day_codes[L->s->n_days++] = code;
	}
	L->days_ok = ok;
}

/* Parses "HH:MM" at *s, advancing it. Returns minutes or -1. */
static int parse_clock(const char **s)
{
	const char *p = *s;
	int h = 0, m = 0, nd = 0;
	while (*p >= '0' && *p <= '9' && nd < 3) {
		h = h * 10 + (*p++ - '0');
		nd++;
	}
	if (nd == 0 || nd > 2 || *p != ':')
		return -1;
	p++;
	if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9'))
		return -1;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	p += 2;
	if (h > 23 || m > 59)
		return -1;
	*s = p;
	return h * 60 + m;
}

static bool parse_bell(const char *text, sch_bell *b)
{
	const char *p = text;
	while (*p == ' ')
		p++;
	int start = parse_clock(&p);
	if (start < 0)
		return false;
	while (*p == ' ')
		p++;
	if (*p != '-')
		return false;
	p++;
	while (*p == ' ')
		p++;
	int end = parse_clock(&p);
	while (*p == ' ')
		p++;
	if (end < 0 || *p)
		return false;
	b->start_min = start;
	b->end_min = end;
	return true;
}

static void load_bells(loader *L, const sch_ynode *root)
{
	const sch_ynode *n = sch_ynode_get(root, "bells");
	char p[64], buf[128];
	if (!n) {
		sch_ytree_error(L->t, root, "missing key 'bells' (the periods of a day, e.g. [\"08:00-08:45\", ...])");
		return;
	}
	if (!sch_ytree_expect(L->t, n, SCH_YNODE_SEQ, "bells"))
		return;
	if (n->n == 0 || n->n > SCH_MAX_PERIODS) {
		sch_ytree_error(L->t, n, "bells: expected 1-%d bells, found %zu", SCH_MAX_PERIODS, n->n);
		return;
	}
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		const sch_ynode *b = n->items[i];
		sch_bell bell;
		path(p, sizeof p, "bells[%zu]", i + 1);
		if (b->kind != SCH_YNODE_SCALAR || sch_ynode_is_null(b) || !parse_bell(b->text, &bell)) {
			sch_ytree_error(L->t, b, "%s: expected a time range HH:MM-HH:MM, found %s", p,
					sch_ynode_describe(b, buf, sizeof buf));
			ok = false;
			continue;
		}
		if (bell.end_min <= bell.start_min) {
			sch_ytree_error(L->t, b, "%s: ends at %02d:%02d, not after it starts (%02d:%02d)", p,
					bell.end_min / 60, bell.end_min % 60, bell.start_min / 60, bell.start_min % 60);
			ok = false;
		} else if (i > 0 && L->s->bells[i - 1].end_min > 0 && bell.start_min < L->s->bells[i - 1].end_min) {
			sch_ytree_error(L->t, b, "%s: starts at %02d:%02d, before bell %zu ends (%02d:%02d)", p,
					bell.start_min / 60, bell.start_min % 60, i,
					L->s->bells[i - 1].end_min / 60, L->s->bells[i - 1].end_min % 60);
			ok = false;
		}
		L->s->bells[i] = bell;
	}
	L->s->n_periods = (int)n->n;
	L->bells_ok = ok;
}

static void load_shifts(loader *L, const sch_ynode *root)
{
	static const char *const keys[] = {"name", "periods"};
	const sch_ynode *n = sch_ynode_get(root, "shifts");
	char p[320], id[128];
	if (!n) {
		sch_ytree_error(L->t, root, "missing key 'shifts' (e.g. shifts: {1: {periods: 1-7}})");
		return;
	}
	if (!sch_ytree_expect(L->t, n, SCH_YNODE_MAP, "shifts"))
		return;
	if (n->n == 0) {
		sch_ytree_error(L->t, n, "shifts: expected at least one shift");
		return;
	}
	if (table_build(L, &L->shift_ids, n))
		return;
	L->s->n_shifts = (int)n->n;
	L->s->shifts = lalloc(L, sizeof(sch_shift_def) * n->n);
	if (!L->s->shifts)
		return;
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		const sch_ynode *k = n->keys[i], *v = n->items[i];
		sch_shift_def *sh = &L->s->shifts[i];
		short_text(k->text, id, sizeof id);
		sh->id = lstrdup(L, k->text);
		sh->first = 0;
		sh->last = L->s->n_periods > 0 ? L->s->n_periods - 1 : 0;
		path(p, sizeof p, "shifts.%s", id);
		if (!sch_ytree_expect(L->t, v, SCH_YNODE_MAP, p)) {
			ok = false;
			continue;
		}
		sch_ytree_check_keys(L->t, v, p, keys, 2);
		const sch_ynode *name = sch_ynode_get(v, "name");
		if (name && !sch_ynode_is_null(name)) {
			const char *s = sch_ytree_str(L->t, name, path(p, sizeof p, "shifts.%s.name", id));
			if (s)
				sh->name = lstrdup(L, s);
		}
		const sch_ynode *per = need(L, v, k, "periods", path(p, sizeof p, "shifts.%s", id),
					    "its bells, e.g. periods: 1-7");
		int a, b;
		if (!per) {
			ok = false;
			continue;
		}
		path(p, sizeof p, "shifts.%s.periods", id);
		if (!range_node(L, per, p, "bell", 1, SCH_MAX_PERIODS, &a, &b)) {
			ok = false;
			continue;
		}
		if (L->bells_ok && b > L->s->n_periods) {
			sch_ytree_error(L->t, per, "%s: bells %d-%d are outside the day's %d bells", p, a, b,
					L->s->n_periods);
			ok = false;
			continue;
		}
		sh->first = a - 1;
		sh->last = b - 1;
	}
	L->shifts_ok = ok;
}

/* ---------- rules, weights, max lessons per day ---------- */

static void load_rules(loader *L, const sch_ynode *root)
{
	static const char *const keys[] = {"late_start", "subject_once_a_day", "hard_difficulty", "pupil_gaps"};
	const sch_ynode *n = sch_ynode_get(root, "rules"), *v;
	bool b;
	long x;
	if (!n || sch_ynode_is_null(n) || !sch_ytree_expect(L->t, n, SCH_YNODE_MAP, "rules"))
		return;
	sch_ytree_check_keys(L->t, n, "rules", keys, 4);
	if ((v = sch_ynode_get(n, "pupil_gaps")) && !sch_ynode_is_null(v)) {
		const char *g = v->kind == SCH_YNODE_SCALAR ? v->text : NULL;
		char buf[128];
		if (g && strcmp(g, "forbidden") == 0)
			L->s->rules.pupil_gaps = SCH_PUPIL_GAPS_FORBIDDEN;
		else if (g && strcmp(g, "allowed") == 0)
			L->s->rules.pupil_gaps = SCH_PUPIL_GAPS_ALLOWED;
		else
			sch_ytree_error(L->t, v, "rules.pupil_gaps: expected forbidden or allowed, found %s",
					sch_ynode_describe(v, buf, sizeof buf));
	}
	if ((v = sch_ynode_get(n, "late_start")) && sch_ytree_bool(L->t, v, "rules.late_start", &b))
		L->s->rules.late_start = b;
	if ((v = sch_ynode_get(n, "subject_once_a_day")) && sch_ytree_bool(L->t, v, "rules.subject_once_a_day", &b))
		L->s->rules.subject_once_a_day = b;
	if ((v = sch_ynode_get(n, "hard_difficulty")) && sch_ytree_int(L->t, v, "rules.hard_difficulty", 0, 100, &x))
		L->s->rules.hard_difficulty = (int)x;
}

static void load_weights(loader *L, const sch_ynode *root)
{
	static const char *const keys[] = {"teacher_gap",  "teacher_days",  "methodical_day",
					   "spread",       "difficulty",    "hard_periods",
					   "class_balance", "period_pref", "moved"};
	sch_weights *w = &L->s->weights;
	int *fields[] = {&w->teacher_gap,  &w->teacher_days,  &w->methodical_day,
			 &w->spread,       &w->difficulty,    &w->hard_periods,
			 &w->class_balance, &w->period_pref, &w->moved};
	const sch_ynode *n = sch_ynode_get(root, "weights");
	char p[64];
	if (!n || sch_ynode_is_null(n) || !sch_ytree_expect(L->t, n, SCH_YNODE_MAP, "weights"))
		return;
	sch_ytree_check_keys(L->t, n, "weights", keys, 9);
	for (int i = 0; i < 9; i++) {
		const sch_ynode *v = sch_ynode_get(n, keys[i]);
		long x;
		if (v && sch_ytree_int(L->t, v, path(p, sizeof p, "weights.%s", keys[i]), 0, 1000000, &x))
			*fields[i] = (int)x;
	}
}

/*
 * Reads a by-grade mapping ({1-4: 8, 5: 10}) into vals[1..12] and marks given[g]. Each grade
 * may be given once. Returns false after reporting a problem.
 */
static bool grade_table(loader *L, const sch_ynode *n, const char *what, long lo, long hi, int *vals,
			bool *given)
{
	char p[320], buf[128];
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		const sch_ynode *k = n->keys[i];
		int a, b;
		long x;
		if (!range_node(L, k, what, "grade", 1, SCH_MAX_GRADE, &a, &b)) {
			ok = false;
			continue;
		}
		path(p, sizeof p, "%s.%s", what, short_text(k->text, buf, sizeof buf));
		if (!sch_ytree_int(L->t, n->items[i], p, lo, hi, &x)) {
			ok = false;
			continue;
		}
		for (int g = a; g <= b; g++) {
			if (given[g]) {
				sch_ytree_error(L->t, k, "%s: grade %d is given twice", what, g);
				ok = false;
				break;
			}
			given[g] = true;
			vals[g] = (int)x;
		}
	}
	return ok;
}

static void load_max_table(loader *L, const sch_ynode *root)
{
	const sch_ynode *n = sch_ynode_get(root, "max_lessons_per_day");
	memcpy(L->max_table, default_max_table, sizeof L->max_table);
	if (!n || sch_ynode_is_null(n) || !sch_ytree_expect(L->t, n, SCH_YNODE_MAP, "max_lessons_per_day"))
		return;
	bool given[SCH_MAX_GRADE + 1] = {false};
	grade_table(L, n, "max_lessons_per_day", 1, SCH_MAX_PERIODS, L->max_table, given);
}

/* ---------- rooms and room kinds ---------- */

static int room_kind(loader *L, const char *kind)
{
	sch_school *s = L->s;
	for (int i = 0; i < s->n_room_kinds; i++)
		if (strcmp(s->room_kinds[i], kind) == 0)
			return i;
	return -1;
}

/* Room kinds: the rooms' kinds first, then the subjects' (first seen order). */
static void collect_kinds(loader *L, const sch_ynode *rooms, const sch_ynode *subjects)
{
	sch_school *s = L->s;
	size_t cap = map_len(rooms) + map_len(subjects) + 1;
	s->room_kinds = lalloc(L, sizeof(char *) * cap);
	if (!s->room_kinds)
		return;
	const sch_ynode *secs[2] = {rooms, subjects};
	const char *keys[2] = {"kind", "room"};
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < map_len(secs[k]); i++) {
			const sch_ynode *v = sch_ynode_get(secs[k]->items[i], keys[k]);
			if (!v || v->kind != SCH_YNODE_SCALAR || sch_ynode_is_null(v) || strlen(v->text) != v->len)
				continue;
			if (room_kind(L, v->text) < 0 && s->n_room_kinds < (int)cap)
				s->room_kinds[s->n_room_kinds++] = lstrdup(L, v->text);
		}
	}
}

static void load_rooms(loader *L, const sch_ynode *n)
{
	static const char *const keys[] = {"kind", "capacity"};
	char p[320], id[128];
	sch_school *s = L->s;
	s->n_rooms = (int)map_len(n);
	s->rooms = lalloc(L, sizeof(sch_room_def) * ((size_t)s->n_rooms + 1));
	if (!s->rooms)
		return;
	for (int i = 0; i < s->n_rooms; i++) {
		const sch_ynode *k = n->keys[i], *v = n->items[i];
		sch_room_def *r = &s->rooms[i];
		short_text(k->text, id, sizeof id);
		r->id = lstrdup(L, k->text);
		r->kind = -1;
		r->line = k->line;
		r->col = k->col;
		path(p, sizeof p, "rooms.%s", id);
		if (sch_ynode_is_null(v))
			continue;
		if (!sch_ytree_expect(L->t, v, SCH_YNODE_MAP, p))
			continue;
		sch_ytree_check_keys(L->t, v, p, keys, 2);
		const sch_ynode *kind = sch_ynode_get(v, "kind");
		if (kind && !sch_ynode_is_null(kind)) {
			const char *t = sch_ytree_str(L->t, kind, path(p, sizeof p, "rooms.%s.kind", id));
			if (t)
				r->kind = room_kind(L, t);
		}
		const sch_ynode *cap = sch_ynode_get(v, "capacity");
		long x;
		if (cap && sch_ytree_int(L->t, cap, path(p, sizeof p, "rooms.%s.capacity", id), 0, 100000, &x))
			r->capacity = (int)x;
	}
}

/* ---------- subjects ---------- */

static void load_subject_name(loader *L, sch_subject_def *sub, const sch_ynode *v, const char *id)
{
	static const char *const keys[] = {"ru", "ky"};
	char p[320];
	path(p, sizeof p, "subjects.%s.name", id);
	if (v->kind == SCH_YNODE_SCALAR) {
		const char *s = sch_ytree_str(L->t, v, p);
		if (s)
			sub->name_ru = lstrdup(L, s);
		return;
	}
	if (!sch_ytree_expect(L->t, v, SCH_YNODE_MAP, p))
		return;
	sch_ytree_check_keys(L->t, v, p, keys, 2);
	const sch_ynode *ru = sch_ynode_get(v, "ru"), *ky = sch_ynode_get(v, "ky");
	const char *s;
	if (ru && (s = sch_ytree_str(L->t, ru, path(p, sizeof p, "subjects.%s.name.ru", id))))
		sub->name_ru = lstrdup(L, s);
	if (ky && (s = sch_ytree_str(L->t, ky, path(p, sizeof p, "subjects.%s.name.ky", id))))
		sub->name_ky = lstrdup(L, s);
}

/*
 * difficulty: one number for every grade, or a by-grade mapping. A grade the mapping
 * leaves out takes the value of the nearest lower grade it gives (so {1-4: 8, 5-9: 10}
 * gives grades 10-12 the value 10); grades below the lowest given stay 0 (unknown).
 */
static void load_difficulty(loader *L, sch_subject_def *sub, const sch_ynode *v, const char *id)
{
	char p[320];
	long x;
	path(p, sizeof p, "subjects.%s.difficulty", id);
	if (v->kind == SCH_YNODE_SCALAR) {
		if (sch_ytree_int(L->t, v, p, 0, 100, &x))
			for (int g = 1; g <= SCH_MAX_GRADE; g++)
				sub->difficulty[g] = (int)x;
		return;
	}
	if (!sch_ytree_expect(L->t, v, SCH_YNODE_MAP, p))
		return;
	bool given[SCH_MAX_GRADE + 1] = {false};
	grade_table(L, v, p, 0, 100, sub->difficulty, given);
	int last = -1;
	for (int g = 1; g <= SCH_MAX_GRADE; g++) {
		if (given[g])
			last = sub->difficulty[g];
		else if (last >= 0)
			sub->difficulty[g] = last;
	}
}

static void load_subjects(loader *L, const sch_ynode *n)
{
	static const char *const keys[] = {"name",           "difficulty",    "room",          "double",
					   "prefer_periods", "avoid_periods", "forbid_periods"};
	static const char *const doubles[] = {"no", "allowed", "required"};
	char p[320], id[128], buf[128];
	sch_school *s = L->s;
	s->n_subjects = (int)map_len(n);
	s->subjects = lalloc(L, sizeof(sch_subject_def) * ((size_t)s->n_subjects + 1));
	L->subject_double_set = lalloc(L, sizeof(bool) * ((size_t)s->n_subjects + 1));
	if (!s->subjects || !L->subject_double_set)
		return;
	for (int i = 0; i < s->n_subjects; i++) {
		const sch_ynode *k = n->keys[i], *v = n->items[i], *x;
		sch_subject_def *sub = &s->subjects[i];
		short_text(k->text, id, sizeof id);
		sub->id = lstrdup(L, k->text);
		sub->room_kind = -1;
		sub->line = k->line;
		sub->col = k->col;
		path(p, sizeof p, "subjects.%s", id);
		if (sch_ynode_is_null(v))
			continue;
		if (!sch_ytree_expect(L->t, v, SCH_YNODE_MAP, p))
			continue;
		sch_ytree_check_keys(L->t, v, p, keys, 7);
		if ((x = sch_ynode_get(v, "name")) && !sch_ynode_is_null(x))
			load_subject_name(L, sub, x, id);
		if ((x = sch_ynode_get(v, "difficulty")))
			load_difficulty(L, sub, x, id);
		if ((x = sch_ynode_get(v, "room")) && !sch_ynode_is_null(x)) {
			const char *t = sch_ytree_str(L->t, x, path(p, sizeof p, "subjects.%s.room", id));
			if (t) {
				sub->room_kind = room_kind(L, t);
				if (sub->room_kind >= 0) {
					int count = 0;
					for (int r = 0; r < s->n_rooms; r++)
						count += s->rooms[r].kind == sub->room_kind;
					if (!count) {
						/* Suggest a kind the rooms do have: a typo is the likely cause. */
						const char **have = lalloc(L, sizeof(char *) * ((size_t)s->n_rooms + 1));
						int nh = 0;
						for (int r = 0; have && r < s->n_rooms; r++)
							if (s->rooms[r].kind >= 0)
								have[nh++] = s->room_kinds[s->rooms[r].kind];
						const char *near = have ? sch_suggest(t, have, (size_t)nh) : NULL;
						if (near)
							sch_ytree_warning(L->t, x,
									  "%s: no room is of kind '%s'; did you mean '%s'?",
									  p, short_text(t, buf, sizeof buf), near);
						else
							sch_ytree_warning(L->t, x,
									  "%s: no room is of kind '%s', so its lessons get no room",
									  p, short_text(t, buf, sizeof buf));
					}
				}
			}
		}
		if ((x = sch_ynode_get(v, "double"))) {
			path(p, sizeof p, "subjects.%s.double", id);
			const char *t = x->kind == SCH_YNODE_SCALAR ? x->text : "";
			int found = -1;
			for (int d = 0; d < 3; d++)
				if (strcmp(t, doubles[d]) == 0)
					found = d;
			if (found < 0 && x->kind == SCH_YNODE_SCALAR && x->style == SCH_YSTYLE_PLAIN &&
			    (strcmp(t, "false") == 0 || strcmp(t, "off") == 0))
				found = 0;
			if (found < 0) {
				const char *near = x->kind == SCH_YNODE_SCALAR ? sch_suggest(t, doubles, 3) : NULL;
				if (near)
					sch_ytree_error(L->t, x, "%s: expected no, allowed or required, found %s; did you mean '%s'?",
							p, sch_ynode_describe(x, buf, sizeof buf), near);
				else
					sch_ytree_error(L->t, x, "%s: expected no, allowed or required, found %s", p,
							sch_ynode_describe(x, buf, sizeof buf));
			} else {
				sub->double_rule = found;
				L->subject_double_set[i] = true;
			}
		}
		if ((x = sch_ynode_get(v, "prefer_periods")))
			period_mask(L, x, path(p, sizeof p, "subjects.%s.prefer_periods", id), SCH_MAX_PERIODS,
				    &sub->prefer_periods);
		if ((x = sch_ynode_get(v, "avoid_periods")))
			period_mask(L, x, path(p, sizeof p, "subjects.%s.avoid_periods", id), SCH_MAX_PERIODS,
				    &sub->avoid_periods);
		if ((x = sch_ynode_get(v, "forbid_periods")))
			period_mask(L, x, path(p, sizeof p, "subjects.%s.forbid_periods", id), SCH_MAX_PERIODS,
				    &sub->forbid_periods);
	}
}

/* ---------- teachers ---------- */

/* "mon1" -> "mon 1": a day glued to its bells, a common slip. Writes the fix; false if not that. */
static bool glued_slot(const char *text, char *out, size_t size)
{
	size_t k = 0;
	char day[16];
	int a, b;
	while (text[k] && !(text[k] >= '0' && text[k] <= '9') && text[k] != ' ')
		k++;
	if (k == 0 || k >= sizeof day || !(text[k] >= '0' && text[k] <= '9'))
		return false;
	memcpy(day, text, k);
	day[k] = '\0';
	if (sch_day_parse(day) < 0 || parse_range(text + k, 1, SCH_MAX_PERIODS, &a, &b) != 0)
		return false;
	snprintf(out, size, "%s %s", day, text + k);
	return true;
}

/* "sat", "mon 1", "tue 1-3": whole day, or day and bells. */
static bool unavailable_spec(loader *L, const sch_ynode *n, const char *what, sch_slotset *set)
{
	char buf[128], day[64];
	const char *text = n->kind == SCH_YNODE_SCALAR && !sch_ynode_is_null(n) ? n->text : NULL;
	size_t dl = 0;
	int a = 1, b = L->s->n_periods;
	if (text) {
		while (text[dl] && text[dl] != ' ')
			dl++;
	}
	if (!text || dl == 0 || dl >= sizeof day ||
	    (text[dl] == ' ' && parse_range(text + dl, 1, SCH_MAX_PERIODS, &a, &b) == -1)) {
		sch_ytree_error(L->t, n,
				"%s: expected a day, or a day and bells ('sat', 'mon 1', 'tue 1-3'), found %s",
				what, sch_ynode_describe(n, buf, sizeof buf));
		return false;
	}
	memcpy(day, text, dl);
	day[dl] = '\0';
	if (sch_day_parse(day) < 0) {
		/* "mon1", "3": say what the form is; a lone misspelt day gets a suggestion below. */
		char fixed[80];
		if (glued_slot(text, fixed, sizeof fixed)) {
			sch_ytree_error(L->t, n, "%s: expected a day and bells apart, found %s; did you mean '%s'?",
					what, sch_ynode_describe(n, buf, sizeof buf), fixed);
			return false;
		}
		if (text[dl] != '\0' || sch_suggest(day, day_names, 7) == NULL ||
		    strspn(day, "0123456789") == dl) {
			sch_ytree_error(L->t, n,
					"%s: expected a day, or a day and bells ('sat', 'mon 1', 'tue 1-3'), found %s",
					what, sch_ynode_describe(n, buf, sizeof buf));
			return false;
		}
	}
	if (text[dl] == ' ') {
		int rc = parse_range(text + dl, 1, L->bells_ok ? L->s->n_periods : SCH_MAX_PERIODS, &a, &b);
		if (rc) {
			sch_ytree_error(L->t, n, "%s: bells %s are outside the day's %d bells", what,
					text + dl + strspn(text + dl, " "), L->s->n_periods);
			return false;
		}
	}
	int d = school_day(L, n, day, what);
	if (d < 0)
		return false;
	if (L->bells_ok)
		for (int k = a; k <= b; k++)
			sch_slotset_add(set, sch_slot(L->s, d, k - 1));
	return true;
}

static void load_teachers(loader *L, const sch_ynode *n)
{
	static const char *const keys[] = {"name",           "subjects",      "unavailable",  "max_per_day",
					   "max_days",       "methodical_day", "prefer_periods", "avoid_periods"};
	char p[320], id[128];
	sch_school *s = L->s;
	int max_bells = L->bells_ok ? s->n_periods : SCH_MAX_PERIODS;
	s->n_teachers = (int)map_len(n);
	s->teachers = lalloc(L, sizeof(sch_teacher_def) * ((size_t)s->n_teachers + 1));
	if (!s->teachers)
		return;
	for (int i = 0; i < s->n_teachers; i++) {
		const sch_ynode *k = n->keys[i], *v = n->items[i], *x;
		sch_teacher_def *te = &s->teachers[i];
		long num;
		short_text(k->text, id, sizeof id);
		te->id = lstrdup(L, k->text);
		te->methodical_day = -1;
		te->line = k->line;
		te->col = k->col;
		path(p, sizeof p, "teachers.%s", id);
		if (sch_ynode_is_null(v))
			continue;
		if (!sch_ytree_expect(L->t, v, SCH_YNODE_MAP, p))
			continue;
		sch_ytree_check_keys(L->t, v, p, keys, 8);
		if ((x = sch_ynode_get(v, "name")) && !sch_ynode_is_null(x)) {
			const char *t = sch_ytree_str(L->t, x, path(p, sizeof p, "teachers.%s.name", id));
			if (t)
				te->name = lstrdup(L, t);
		}
		if ((x = sch_ynode_get(v, "subjects")) && !sch_ynode_is_null(x) &&
		    sch_ytree_expect(L->t, x, SCH_YNODE_SEQ, path(p, sizeof p, "teachers.%s.subjects", id))) {
			te->subjects = lalloc(L, sizeof(int) * (x->n + 1));
			for (size_t j = 0; te->subjects && j < x->n; j++) {
				path(p, sizeof p, "teachers.%s.subjects[%zu]", id, j + 1);
				int sub = resolve(L, &L->subject_ids, L->have_subjects, x->items[j], p, "subject",
						  "subjects");
				if (sub < 0)
					continue;
				bool dup = false;
				for (int q = 0; q < te->n_subjects; q++)
					dup |= te->subjects[q] == sub;
				if (dup)
					sch_ytree_warning(L->t, x->items[j], "%s: subject '%s' is listed twice", p,
							  s->subjects[sub].id);
				else
					te->subjects[te->n_subjects++] = sub;
			}
		}
		if ((x = sch_ynode_get(v, "unavailable")) && !sch_ynode_is_null(x)) {
			path(p, sizeof p, "teachers.%s.unavailable", id);
			if (x->kind == SCH_YNODE_SCALAR) {
				unavailable_spec(L, x, p, &te->unavailable);
			} else if (sch_ytree_expect(L->t, x, SCH_YNODE_SEQ, p)) {
				for (size_t j = 0; j < x->n; j++)
					unavailable_spec(L, x->items[j],
							 path(p, sizeof p, "teachers.%s.unavailable[%zu]", id, j + 1),
							 &te->unavailable);
			}
		}
		if ((x = sch_ynode_get(v, "max_per_day")) &&
		    sch_ytree_int(L->t, x, path(p, sizeof p, "teachers.%s.max_per_day", id), 0, max_bells, &num))
			te->max_per_day = (int)num;
		if ((x = sch_ynode_get(v, "max_days")) &&
		    sch_ytree_int(L->t, x, path(p, sizeof p, "teachers.%s.max_days", id), 0,
				  L->days_ok ? s->n_days : SCH_MAX_DAYS, &num))
			te->max_days = (int)num;
		if ((x = sch_ynode_get(v, "methodical_day")) && !sch_ynode_is_null(x)) {
			const char *t = sch_ytree_str(L->t, x, path(p, sizeof p, "teachers.%s.methodical_day", id));
			if (t)
				te->methodical_day = school_day(L, x, t, p);
		}
		if ((x = sch_ynode_get(v, "prefer_periods")))
			period_mask(L, x, path(p, sizeof p, "teachers.%s.prefer_periods", id), max_bells,
				    &te->prefer_periods);
		if ((x = sch_ynode_get(v, "avoid_periods")))
			period_mask(L, x, path(p, sizeof p, "teachers.%s.avoid_periods", id), max_bells,
				    &te->avoid_periods);
	}
}

/* ---------- classes ---------- */

static bool plain_name(loader *L, const sch_ynode *n, const char *what, const char **out)
{
	const char *t = sch_ytree_str(L->t, n, what);
	if (!t)
		return false;
	if (strchr(t, '.')) {
		char buf[128];
		sch_ytree_error(L->t, n, "%s: '%s' may not contain a dot (groups are named division.group)",
				what, short_text(t, buf, sizeof buf));
		return false;
	}
	*out = t;
	return true;
}

static void load_divisions(loader *L, sch_class_def *cl, const sch_ynode *v, const char *id)
{
	char p[320], buf[128];
	path(p, sizeof p, "classes.%s.divisions", id);
	if (sch_ynode_is_null(v) || !sch_ytree_expect(L->t, v, SCH_YNODE_MAP, p))
		return;
	cl->divisions = lalloc(L, sizeof(sch_division) * (v->n + 1));
	if (!cl->divisions)
		return;
	for (size_t d = 0; d < v->n; d++) {
		const sch_ynode *k = v->keys[d], *g = v->items[d];
		sch_division *dv = &cl->divisions[cl->n_divisions];
		const char *name;
		memset(dv, 0, sizeof *dv); /* the slot of a division dropped for errors is reused */
		if (!plain_name(L, k, p, &name))
			continue;
		char gp[320];
		path(gp, sizeof gp, "classes.%s.divisions.%s", id, short_text(name, buf, sizeof buf));
		if (!sch_ytree_expect(L->t, g, SCH_YNODE_SEQ, gp))
			continue;
		if (g->n < 2) {
			sch_ytree_error(L->t, g, "%s: a division needs at least two groups", gp);
			continue;
		}
		dv->name = lstrdup(L, name);
		dv->groups = lalloc(L, sizeof(char *) * (g->n + 1));
		if (!dv->groups)
			return;
		bool ok = true;
		for (size_t j = 0; j < g->n; j++) {
			const char *gn;
			char ip[320];
			if (!plain_name(L, g->items[j], path(ip, sizeof ip, "%s[%zu]", gp, j + 1), &gn)) {
				ok = false;
				continue;
			}
			for (int q = 0; q < dv->n_groups; q++)
				if (strcmp(dv->groups[q], gn) == 0) {
					sch_ytree_error(L->t, g->items[j], "%s: group '%s' is listed twice", ip,
							short_text(gn, buf, sizeof buf));
					ok = false;
				}
			if (ok)
				dv->groups[dv->n_groups++] = lstrdup(L, gn);
		}
		if (ok)
			cl->n_divisions++;
	}
}

static void load_classes(loader *L, const sch_ynode *n)
{
	static const char *const keys[] = {"grade", "shift", "pupils", "week", "max_per_day", "divisions"};
	char p[320], id[128];
	sch_school *s = L->s;
	s->n_classes = (int)map_len(n);
	s->classes = lalloc(L, sizeof(sch_class_def) * ((size_t)s->n_classes + 1));
	L->class_shift_ok = lalloc(L, sizeof(bool) * ((size_t)s->n_classes + 1));
	if (!s->classes || !L->class_shift_ok)
		return;
	for (int i = 0; i < s->n_classes; i++) {
		const sch_ynode *k = n->keys[i], *v = n->items[i], *x;
		sch_class_def *cl = &s->classes[i];
		long num;
		short_text(k->text, id, sizeof id);
		cl->id = lstrdup(L, k->text);
		cl->grade = 1;
		cl->shift = 0;
		cl->week_days = s->n_days;
		cl->line = k->line;
		cl->col = k->col;
		path(p, sizeof p, "classes.%s", id);
		if (!sch_ytree_expect(L->t, v, SCH_YNODE_MAP, p))
			continue;
		sch_ytree_check_keys(L->t, v, p, keys, 6);
		if ((x = need(L, v, k, "grade", p, "1-12")) &&
		    sch_ytree_int(L->t, x, path(p, sizeof p, "classes.%s.grade", id), 1, SCH_MAX_GRADE, &num))
			cl->grade = (int)num;
		path(p, sizeof p, "classes.%s", id);
		if ((x = need(L, v, k, "shift", p, "an id from shifts"))) {
			int sh = resolve(L, &L->shift_ids, L->shifts_ok || L->shift_ids.n > 0, x,
					 path(p, sizeof p, "classes.%s.shift", id), "shift", "shifts");
			if (sh >= 0) {
				cl->shift = sh;
				L->class_shift_ok[i] = true;
			}
		}
		if ((x = sch_ynode_get(v, "pupils")) &&
		    sch_ytree_int(L->t, x, path(p, sizeof p, "classes.%s.pupils", id), 0, 100000, &num))
			cl->pupils = (int)num;
		if ((x = sch_ynode_get(v, "week")) &&
		    sch_ytree_int(L->t, x, path(p, sizeof p, "classes.%s.week", id), 1,
				  L->days_ok ? s->n_days : SCH_MAX_DAYS, &num))
			cl->week_days = (int)num;
		cl->max_per_day = L->max_table[cl->grade];
		if ((x = sch_ynode_get(v, "max_per_day")) &&
		    sch_ytree_int(L->t, x, path(p, sizeof p, "classes.%s.max_per_day", id), 1,
				  L->bells_ok ? s->n_periods : SCH_MAX_PERIODS, &num))
			cl->max_per_day = (int)num;
		if ((x = sch_ynode_get(v, "divisions")))
			load_divisions(L, cl, x, id);
	}
}

/* ---------- lessons ---------- */

/*
 * Finds a group of class cl named "g" (unique among its divisions) or "division.g".
 * Reports and returns false when there is none or the name is ambiguous.
 */
static bool find_group_name(loader *L, const sch_class_def *cl, const sch_ynode *n, const char *name,
			    const char *what, int *div, int *grp);

static bool find_group(loader *L, const sch_class_def *cl, const sch_ynode *n, const char *what, int *div,
		       int *grp)
{
	const char *name = sch_ytree_str(L->t, n, what);
	if (!name)
		return false;
	return find_group_name(L, cl, n, name, what, div, grp);
}

/* A group of class cl named `name` ("en1" or "foreign.en1"), reported at n when there is none. */
static bool find_group_name(loader *L, const sch_class_def *cl, const sch_ynode *n, const char *name,
			    const char *what, int *div, int *grp)
{
	char buf[128];
	const char *dot = strchr(name, '.');
	int found = 0;
	for (int d = 0; d < cl->n_divisions; d++) {
		const sch_division *dv = &cl->divisions[d];
		const char *g = name;
		if (dot) {
			if (strlen(dv->name) != (size_t)(dot - name) || strncmp(dv->name, name, (size_t)(dot - name)))
				continue;
			g = dot + 1;
		}
		for (int j = 0; j < dv->n_groups; j++) {
			if (strcmp(dv->groups[j], g) == 0) {
				if (found++ == 0) {
					*div = d;
					*grp = j;
				} else {
					sch_ytree_error(L->t, n,
							"%s: group '%s' is in divisions '%s' and '%s' of class %s: "
							"write '%s.%s'",
							what, g, cl->divisions[*div].name, dv->name, cl->id,
							cl->divisions[*div].name, g);
					return false;
				}
			}
		}
	}
	if (found)
		return true;
	/* Suggest among all groups of the class, in both spellings. */
	const char *cands[2 * SCH_MAX_ATOMS_PER_CLASS + 2];
	char full[2 * SCH_MAX_ATOMS_PER_CLASS][96];
	size_t nc = 0;
	for (int d = 0; d < cl->n_divisions; d++)
		for (int j = 0; j < cl->divisions[d].n_groups && nc + 2 <= 2 * SCH_MAX_ATOMS_PER_CLASS; j++) {
			cands[nc] = cl->divisions[d].groups[j];
			snprintf(full[nc], sizeof full[nc], "%s.%s", cl->divisions[d].name, cl->divisions[d].groups[j]);
			cands[nc + 1] = full[nc];
			nc += 2;
		}
	const char *near = sch_suggest(name, cands, nc);
	if (cl->n_divisions == 0)
		sch_ytree_error(L->t, n, "%s: class %s has no divisions, so no group '%s' (classes.%s.divisions)",
				what, cl->id, short_text(name, buf, sizeof buf), cl->id);
	else if (near)
		sch_ytree_error(L->t, n, "%s: class %s has no group '%s'; did you mean '%s'?", what, cl->id,
				short_text(name, buf, sizeof buf), near);
	else
		sch_ytree_error(L->t, n, "%s: class %s has no group '%s' (classes.%s.divisions)", what, cl->id,
				short_text(name, buf, sizeof buf), cl->id);
	return false;
}

static int pinned_slot(loader *L, const sch_ynode *n, const char *what)
{
	char buf[128], day[64];
	const char *text = n->kind == SCH_YNODE_SCALAR && !sch_ynode_is_null(n) ? n->text : NULL;
	size_t dl = 0;
	int a, b;
	if (text)
		while (text[dl] && text[dl] != ' ')
			dl++;
	char fixed[80];
	if (text && glued_slot(text, fixed, sizeof fixed)) {
		sch_ytree_error(L->t, n, "%s: expected a day and a bell apart, found %s; did you mean '%s'?", what,
				sch_ynode_describe(n, buf, sizeof buf), fixed);
		return -1;
	}
	if (!text || dl == 0 || dl >= sizeof day || text[dl] != ' ' ||
	    parse_range(text + dl, 1, SCH_MAX_PERIODS, &a, &b) == -1 || a != b) {
		sch_ytree_error(L->t, n, "%s: expected a day and a bell ('fri 3'), found %s", what,
				sch_ynode_describe(n, buf, sizeof buf));
		return -1;
	}
	memcpy(day, text, dl);
	day[dl] = '\0';
	if (parse_range(text + dl, 1, L->bells_ok ? L->s->n_periods : SCH_MAX_PERIODS, &a, &b)) {
		sch_ytree_error(L->t, n, "%s: bell %s is outside the day's %d bells", what,
				text + dl + strspn(text + dl, " "), L->s->n_periods);
		return -1;
	}
	int d = school_day(L, n, day, what);
	if (d < 0 || !L->bells_ok)
		return -1;
	return sch_slot(L->s, d, a - 1);
}

static bool teacher_qualified(const sch_teacher_def *te, int subject)
{
	for (int i = 0; i < te->n_subjects; i++)
		if (te->subjects[i] == subject)
			return true;
	return false;
}

static int line_teacher(loader *L, const sch_ynode *n, const char *what, int subject)
{
	int te = resolve(L, &L->teacher_ids, L->have_teachers, n, what, "teacher", "teachers");
	if (te >= 0 && subject >= 0 && !teacher_qualified(&L->s->teachers[te], subject)) {
		char buf[128];
		sch_ytree_warning(L->t, n, "%s: %s is not qualified for %s (not in teachers.%s.subjects)", what,
				  L->s->teachers[te].id, L->s->subjects[subject].id,
				  short_text(L->s->teachers[te].id, buf, sizeof buf));
	}
	return te;
}

/* Loads one load line; returns false when it has errors (it is then left out of the model). */
static bool load_line(loader *L, const sch_ynode *item, size_t idx, sch_line_def *ln)
{
	static const char *const keys[] = {"class",  "group", "groups", "subject", "teacher",
					   "per_week", "block", "room",   "pinned",  "id"};
	sch_school *s = L->s;
	char p[320], w[64], buf[128];
	bool ok = true;
	const sch_ynode *x;
	long num;
	path(w, sizeof w, "lessons[%zu]", idx + 1);
	if (!sch_ytree_expect(L->t, item, SCH_YNODE_MAP, w))
		return false;
	sch_ytree_check_keys(L->t, item, w, keys, 10);
	memset(ln, 0, sizeof *ln);
	if ((x = sch_ynode_get(item, "id")) && !sch_ynode_is_null(x)) {
		const char *id = sch_ytree_str(L->t, x, path(p, sizeof p, "%s.id", w));
		if (id)
			ln->id = lstrdup(L, id);
		else
			ok = false;
	}
	ln->line = item->line;
	ln->col = item->col;
	ln->subject = -1;
	ln->room = -1;

	/* class: one id or a list (joint classes) */
	x = need(L, item, item, "class", w, "a class id, or a list of them for joint classes");
	if (x) {
		const sch_ynode *const *ids = (const sch_ynode *const *)&x;
		size_t n_ids = 1;
		path(p, sizeof p, "%s.class", w);
		if (x->kind == SCH_YNODE_SEQ) {
			ids = (const sch_ynode *const *)x->items;
			n_ids = x->n;
			if (n_ids == 0) {
				sch_ytree_error(L->t, x, "%s: expected at least one class", p);
				ok = false;
			}
		}
		ln->classes = lalloc(L, sizeof(int) * (n_ids + 1));
		if (!ln->classes)
			return false;
		for (size_t i = 0; i < n_ids; i++) {
			char ip[320];
			if (x->kind == SCH_YNODE_SEQ)
				path(ip, sizeof ip, "%s[%zu]", p, i + 1);
			else
				path(ip, sizeof ip, "%s", p);
			int c = resolve(L, &L->class_ids, L->have_classes, ids[i], ip, "class", "classes");
			if (c < 0) {
				ok = false;
				continue;
			}
			for (int q = 0; q < ln->n_classes; q++)
				if (ln->classes[q] == c) {
					sch_ytree_error(L->t, ids[i], "%s: class %s is listed twice", ip, s->classes[c].id);
					ok = false;
					c = -1;
					break;
				}
			if (c < 0)
				continue;
			if (!L->class_shift_ok[c])
				ok = false; /* already reported at the class */
			else if (ln->n_classes > 0 && L->class_shift_ok[ln->classes[0]] &&
				 s->classes[c].shift != s->classes[ln->classes[0]].shift) {
				sch_ytree_error(L->t, ids[i],
						"%s: joint classes must share a shift: %s is in shift %s, %s in shift %s", ip,
						s->classes[ln->classes[0]].id, s->shifts[s->classes[ln->classes[0]].shift].id,
						s->classes[c].id, s->shifts[s->classes[c].shift].id);
				ok = false;
			}
			ln->classes[ln->n_classes++] = c;
		}
	} else {
		ok = false;
	}

	/* subject */
	x = need(L, item, item, "subject", w, "a subject id");
	if (x)
		ln->subject = resolve(L, &L->subject_ids, L->have_subjects, x, path(p, sizeof p, "%s.subject", w),
				      "subject", "subjects");
	if (ln->subject < 0)
		ok = false;

	/* per_week */
	int max_week = L->days_ok && L->bells_ok ? s->n_days * s->n_periods : SCH_MAX_DAYS * SCH_MAX_PERIODS;
	x = need(L, item, item, "per_week", w, "lessons a week");
	if (x && sch_ytree_int(L->t, x, path(p, sizeof p, "%s.per_week", w), 1, max_week, &num))
		ln->per_week = (int)num;
	else
		ok = false;

	/* block: default 1, or 2 when the subject requires double lessons */
	ln->block = ln->subject >= 0 && s->subjects[ln->subject].double_rule == SCH_DOUBLE_REQUIRED ? 2 : 1;
	if ((x = sch_ynode_get(item, "block"))) {
		path(p, sizeof p, "%s.block", w);
		if (sch_ytree_int(L->t, x, p, 1, SCH_MAX_PERIODS, &num)) {
			ln->block = (int)num;
			if (num > 1 && ln->subject >= 0 && s->subjects[ln->subject].double_rule == SCH_DOUBLE_NO &&
			    L->subject_double_set[ln->subject])
				sch_ytree_warning(L->t, x, "%s: subject %s has double: no, but this line asks for blocks of %ld",
						  p, s->subjects[ln->subject].id, num);
		} else {
			ok = false;
		}
	}
	if (ln->n_classes > 0 && L->class_shift_ok[ln->classes[0]] && L->shifts_ok) {
		const sch_class_def *cl = &s->classes[ln->classes[0]];
		const sch_shift_def *sh = &s->shifts[cl->shift];
		int len = sh->last - sh->first + 1;
		if (ln->block > len) {
			const sch_ynode *at = sch_ynode_get(item, "block");
			sch_ytree_error(L->t, at ? at : item, "%s.block: %d is longer than shift %s of class %s (%d bells)",
					w, ln->block, sh->id, cl->id, len);
			ok = false;
		}
	}

	/* teacher / group / groups: the parts */
	const sch_ynode *tx = sch_ynode_get(item, "teacher");
	const sch_ynode *gx = sch_ynode_get(item, "group");
	const sch_ynode *gsx = sch_ynode_get(item, "groups");
	const sch_class_def *cl1 = ln->n_classes > 0 ? &s->classes[ln->classes[0]] : NULL;
	if (gsx) {
		path(p, sizeof p, "%s.groups", w);
		if (tx) {
			sch_ytree_error(L->t, sch_ynode_key(item, "teacher"),
					"%s: give either teacher or groups (a split lesson names a teacher per group)", w);
			ok = false;
		}
		if (gx) {
			sch_ytree_error(L->t, sch_ynode_key(item, "group"), "%s: give either group or groups", w);
			ok = false;
		}
		if (!sch_ytree_expect(L->t, gsx, SCH_YNODE_MAP, p))
			return false;
		if (gsx->n == 0) {
			sch_ytree_error(L->t, gsx, "%s: expected at least one group: teacher", p);
			return false;
		}
		if (ln->n_classes > 1) {
			sch_ytree_error(L->t, sch_ynode_key(item, "groups"),
					"%s: a split lesson is for one class, not joint classes", p);
			return false;
		}
		if (!cl1)
			return false;
		ln->parts = lalloc(L, sizeof(sch_part_def) * (gsx->n + 1));
		if (!ln->parts)
			return false;
		for (size_t i = 0; i < gsx->n; i++) {
			const sch_ynode *gk = gsx->keys[i], *gv = gsx->items[i];
			int d, g;
			char gp[320];
			path(gp, sizeof gp, "%s.groups.%s", w, short_text(gk->text, buf, sizeof buf));
			int te = -1;
			if (!sch_ynode_is_null(gv))
				te = line_teacher(L, gv, gp, ln->subject);
			if (!find_group(L, cl1, gk, p, &d, &g)) {
				ok = false;
				continue;
			}
			bool bad = false;
			for (int q = 0; q < ln->n_parts; q++) {
				const sch_part_def *o = &ln->parts[q];
				if (o->division == d && o->group == g) {
					sch_ytree_error(L->t, gk, "%s: group %s.%s is named twice", p,
							cl1->divisions[d].name, cl1->divisions[d].groups[g]);
					bad = true;
					break;
				}
				if (o->division != d) {
					sch_ytree_error(L->t, gk,
							"%s: the groups of a split lesson must be of one division: %s is in %s, %s in %s",
							p, cl1->divisions[o->division].groups[o->group],
							cl1->divisions[o->division].name, cl1->divisions[d].groups[g],
							cl1->divisions[d].name);
					bad = true;
					break;
				}
			}
			if (bad) {
				ok = false;
				continue;
			}
			sch_part_def *pt = &ln->parts[ln->n_parts++];
			pt->teacher = te;
			pt->class_of = ln->classes[0];
			pt->division = d;
			pt->group = g;
		}
	} else {
		int d = -1, g = -1;
		/* teacher: one id, or a list for co-teaching (every teacher with the whole class or group) */
		const sch_ynode *const *tids = (const sch_ynode *const *)&tx;
		size_t n_t = tx && !sch_ynode_is_null(tx) ? 1 : 0;
		if (tx && tx->kind == SCH_YNODE_SEQ) {
			tids = (const sch_ynode *const *)tx->items;
			n_t = tx->n;
		}
		int *tv = lalloc(L, sizeof(int) * (n_t + 1));
		if (!tv)
			return false;
		tv[0] = -1;
		for (size_t i = 0; i < n_t; i++) {
			char tp[320];
			if (tx->kind == SCH_YNODE_SEQ)
				path(tp, sizeof tp, "%s.teacher[%zu]", w, i + 1);
			else
				path(tp, sizeof tp, "%s.teacher", w);
			tv[i] = line_teacher(L, tids[i], tp, ln->subject);
			if (tv[i] < 0) {
				ok = false;
				continue;
			}
			for (size_t q = 0; q < i; q++)
				if (tv[q] == tv[i]) {
					sch_ytree_error(L->t, tids[i], "%s: teacher %s is listed twice", tp,
							s->teachers[tv[i]].id);
					ok = false;
				}
		}
		if (gx) {
			path(p, sizeof p, "%s.group", w);
			if (ln->n_classes > 1) {
				sch_ytree_error(L->t, gx, "%s: a group cannot be given for joint classes", p);
				ok = false;
			} else if (cl1 && !find_group(L, cl1, gx, p, &d, &g)) {
				ok = false;
			}
		}
		ln->n_parts = n_t > 1 ? (int)n_t : 1;
		ln->parts = lalloc(L, sizeof(sch_part_def) * (size_t)ln->n_parts);
		if (!ln->parts)
			return false;
		for (int i = 0; i < ln->n_parts; i++) {
			ln->parts[i].teacher = tv[i];
			ln->parts[i].class_of = ln->n_classes > 0 ? ln->classes[0] : -1;
			ln->parts[i].division = d;
			ln->parts[i].group = g;
		}
	}

	/* room: a fixed room */
	if ((x = sch_ynode_get(item, "room")) && !sch_ynode_is_null(x)) {
		ln->room = resolve(L, &L->room_ids, L->have_rooms || L->room_ids.n == 0, x,
				   path(p, sizeof p, "%s.room", w), "room", "rooms");
		if (ln->room < 0)
			ok = false;
	}

	/* pinned: start slots for the line's lessons, in order */
	if ((x = sch_ynode_get(item, "pinned")) && !sch_ynode_is_null(x)) {
		path(p, sizeof p, "%s.pinned", w);
		const sch_ynode *const *slots = (const sch_ynode *const *)&x;
		size_t n_slots = 1;
		if (x->kind == SCH_YNODE_SEQ) {
			slots = (const sch_ynode *const *)x->items;
			n_slots = x->n;
		}
		ln->pinned = lalloc(L, sizeof(int) * (n_slots + 1));
		if (!ln->pinned)
			return false;
		for (size_t i = 0; i < n_slots; i++) {
			char ip[320];
			if (x->kind == SCH_YNODE_SEQ)
				path(ip, sizeof ip, "%s[%zu]", p, i + 1);
			else
				path(ip, sizeof ip, "%s", p);
			int slot = pinned_slot(L, slots[i], ip);
			if (slot < 0)
				ok = false;
			else
				ln->pinned[ln->n_pinned++] = slot;
		}
	}
	return ok;
}

static int cmp_line_id(const void *a, const void *b)
{
	const struct line_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static void load_lessons(loader *L, const sch_ynode *n)
{
	sch_school *s = L->s;
	if (!n || sch_ynode_is_null(n))
		return;
	if (!sch_ytree_expect(L->t, n, SCH_YNODE_SEQ, "lessons"))
		return;
	s->lines = lalloc(L, sizeof(sch_line_def) * (n->n + 1));
	L->line_ids = lalloc(L, sizeof *L->line_ids * (n->n + 1));
	const sch_ynode **id_node = lalloc(L, sizeof *id_node * (n->n + 1));
	size_t *id_item = lalloc(L, sizeof *id_item * (n->n + 1));
	if (!s->lines || !L->line_ids || !id_node || !id_item)
		return;
	for (size_t i = 0; i < n->n && !L->oom; i++) {
		sch_line_def *ln = &s->lines[s->n_lines];
		bool ok = load_line(L, n->items[i], i, ln);
		/* the id of a line with errors still names it, so that references to it do not report again */
		const sch_ynode *x = n->items[i]->kind == SCH_YNODE_MAP ? sch_ynode_get(n->items[i], "id") : NULL;
		if (x && x->kind == SCH_YNODE_SCALAR && !sch_ynode_is_null(x) && *x->text) {
			id_node[L->n_line_ids] = x;
			id_item[L->n_line_ids] = i;
			L->line_ids[L->n_line_ids++] = (struct line_id){x->text, ok ? s->n_lines : -1};
		}
		if (ok)
			s->n_lines++;
	}
	/* ids are unique among lines: the later one is the error (lines are in file order) */
	for (int i = 0; i < L->n_line_ids; i++)
		for (int k = 0; k < i; k++)
			if (strcmp(L->line_ids[i].id, L->line_ids[k].id) == 0) {
				char buf[128];
				sch_ytree_error(L->t, id_node[i], "lessons[%zu].id: id '%s' is given to lessons[%zu] as well",
						id_item[i] + 1, short_text(L->line_ids[i].id, buf, sizeof buf), id_item[k] + 1);
				break;
			}
	qsort(L->line_ids, (size_t)L->n_line_ids, sizeof *L->line_ids, cmp_line_id);
}

/* ---------- constraints ---------- */

/* The keys each type takes besides type, weight and source; the first is its limit. */
static const struct con_keys {
	const char *limit;   /* days, max or min */
	const char *flag;    /* a boolean, or NULL */
	bool lessons, people, slots;
} con_keys[SCH_CON_COUNT] = {
	[SCH_CON_MIN_DAYS_BETWEEN] = {"days", "same_day_adjacent", true, false, false},
	[SCH_CON_SPREAD] = {"max", NULL, true, false, false},
	[SCH_CON_ALLOWED_STARTS] = {NULL, NULL, true, false, true},
	[SCH_CON_UNAVAILABLE] = {NULL, NULL, false, true, true},
	[SCH_CON_MAX_GAPS_DAY] = {"max", "skip_unavailable", false, true, false},
	[SCH_CON_MAX_GAPS_WEEK] = {"max", "skip_unavailable", false, true, false},
	[SCH_CON_MIN_PER_DAY] = {"min", "empty_days", false, true, false},
	[SCH_CON_MAX_PER_DAY] = {"max", NULL, false, true, false},
	[SCH_CON_MAX_DAYS] = {"max", NULL, false, true, false},
	[SCH_CON_MIN_DAYS] = {"min", NULL, false, true, false},
	[SCH_CON_MAX_CONTINUOUS] = {"max", NULL, false, true, false},
	[SCH_CON_LATE_STARTS] = {"max", NULL, false, true, false},
};

static const char *const con_all_keys[] = {"type",  "weight",  "source", "lessons", "teachers",
					   "classes", "slots", "days",   "max",     "min",
					   "same_day_adjacent", "empty_days", "skip_unavailable"};
#define N_CON_ALL_KEYS (sizeof con_all_keys / sizeof *con_all_keys)

/* Does key k belong to a constraint of type `type`? */
static bool con_key_ok(int type, const char *k)
{
	const struct con_keys *ck = &con_keys[type];
	if (!strcmp(k, "type") || !strcmp(k, "weight") || !strcmp(k, "source"))
		return true;
	if (!strcmp(k, "lessons"))
		return ck->lessons;
	if (!strcmp(k, "teachers") || !strcmp(k, "classes"))
		return ck->people;
	if (!strcmp(k, "slots"))
		return ck->slots;
	return (ck->limit && !strcmp(k, ck->limit)) || (ck->flag && !strcmp(k, ck->flag));
}

/* "what it takes" for messages: "lessons, days, same_day_adjacent, weight, source". */
static void con_takes(int type, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = '\0';
	for (size_t i = 3; i < N_CON_ALL_KEYS; i++)
		if (con_key_ok(type, con_all_keys[i]) && k < n)
			k += (size_t)snprintf(buf + k, n - k, "%s, ", con_all_keys[i]);
	if (k < n)
		snprintf(buf + k, n - k, "weight, source");
}

/* A list of ids, `all` (a scalar), or one id, into items/n; false after reporting. */
static bool con_list(loader *L, const sch_ynode *x, const char *what, bool *all, const sch_ynode ***items, size_t *n)
{
	static const sch_ynode *single[1];
	*all = false;
	if (x->kind == SCH_YNODE_SCALAR && !sch_ynode_is_null(x) && strcmp(x->text, "all") == 0) {
		*all = true;
		*items = NULL;
		*n = 0;
		return true;
	}
	if (x->kind == SCH_YNODE_SEQ) {
		*items = (const sch_ynode **)x->items;
		*n = x->n;
		if (x->n == 0) {
			sch_ytree_error(L->t, x, "%s: expected at least one item, or all", what);
			return false;
		}
		return true;
	}
	if (x->kind == SCH_YNODE_SCALAR && !sch_ynode_is_null(x)) {
		single[0] = x;
		*items = single;
		*n = 1;
		return true;
	}
	char buf[128];
	sch_ytree_error(L->t, x, "%s: expected a list of ids or all, found %s", what, sch_ynode_describe(x, buf, sizeof buf));
	return false;
}

/* "5А", "5А.en1", "5А.foreign.en1": a class, or one group of it. */
static bool students_ref(loader *L, const sch_ynode *n, const char *what, sch_students_ref *r)
{
	char buf[128];
	const char *text = sch_ytree_str(L->t, n, what);
	if (!text)
		return false;
	r->division = r->group = -1;
	r->class_of = table_find(&L->class_ids, text);
	if (r->class_of >= 0)
		return true;
	const char *dot = strchr(text, '.');
	if (dot) {
		char cls[256];
		size_t len = (size_t)(dot - text);
		if (len < sizeof cls) {
			memcpy(cls, text, len);
			cls[len] = '\0';
			int c = table_find(&L->class_ids, cls);
			if (c >= 0) {
				r->class_of = c;
				return find_group_name(L, &L->s->classes[c], n, dot + 1, what, &r->division, &r->group);
			}
		}
	}
	if (!L->have_classes)
		return false;
	const char *near = L->class_ids.n <= MAX_SUGGEST_CANDIDATES ? sch_suggest(text, L->class_ids.ids, (size_t)L->class_ids.n) : NULL;
	if (near)
		sch_ytree_error(L->t, n, "%s: no class '%s' in classes; did you mean '%s'?", what, short_text(text, buf, sizeof buf), near);
	else
		sch_ytree_error(L->t, n, "%s: no class '%s' in classes (a students set is class, class.group or "
				"class.division.group)", what, short_text(text, buf, sizeof buf));
	return false;
}

/* A load line by its id: the model line, -1 when left out (reported there), -2 after reporting. */
static int line_by_id(loader *L, const sch_ynode *n, const char *what)
{
	char buf[128];
	const char *id = sch_ytree_str(L->t, n, what);
	if (!id)
		return -2;
	int lo = 0, hi = L->n_line_ids;
	while (lo < hi) {
		int mid = (lo + hi) / 2, c = strcmp(id, L->line_ids[mid].id);
		if (c == 0)
			return L->line_ids[mid].line;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	const char *near = NULL;
	if (L->n_line_ids <= MAX_SUGGEST_CANDIDATES) {
		const char **ids = malloc(sizeof(char *) * (size_t)(L->n_line_ids + 1));
		if (ids) {
			for (int i = 0; i < L->n_line_ids; i++)
				ids[i] = L->line_ids[i].id;
			near = sch_suggest(id, ids, (size_t)L->n_line_ids);
			free(ids);
		}
	}
	if (near)
		sch_ytree_error(L->t, n, "%s: no load line with id '%s' in lessons; did you mean '%s'?", what,
				short_text(id, buf, sizeof buf), near);
	else
		sch_ytree_error(L->t, n, "%s: no load line with id '%s' in lessons (lines are named by their id key)",
				what, short_text(id, buf, sizeof buf));
	return -2;
}

static bool load_constraint(loader *L, const sch_ynode *item, size_t idx, sch_constraint *c)
{
	sch_school *s = L->s;
	char w[64], p[320], ip[360], buf[256];
	const sch_ynode *x, **items;
	size_t n;
	bool ok = true, all;
	long num;
	path(w, sizeof w, "constraints[%zu]", idx + 1);
	if (!sch_ytree_expect(L->t, item, SCH_YNODE_MAP, w))
		return false;
	sch_ytree_check_keys(L->t, item, w, con_all_keys, N_CON_ALL_KEYS);
	memset(c, 0, sizeof *c);
	c->line = item->line;
	c->col = item->col;
	c->weight = SCH_WEIGHT_HARD;
	x = need(L, item, item, "type", w, "min_days_between, spread, allowed_starts, unavailable, ...");
	if (!x)
		return false;
	const char *type = sch_ytree_str(L->t, x, path(p, sizeof p, "%s.type", w));
	if (!type)
		return false;
	c->type = sch_con_type_parse(type);
	if (c->type < 0) {
		const char *names[SCH_CON_COUNT];
		for (int i = 0; i < SCH_CON_COUNT; i++)
			names[i] = sch_con_type_name(i);
		const char *near = sch_suggest(type, names, SCH_CON_COUNT);
		if (near)
			sch_ytree_error(L->t, x, "%s: unknown constraint type '%s'; did you mean '%s'?", p,
					short_text(type, buf, sizeof buf), near);
		else
			sch_ytree_error(L->t, x, "%s: unknown constraint type '%s'", p, short_text(type, buf, sizeof buf));
		return false;
	}
	const struct con_keys *ck = &con_keys[c->type];
	for (size_t i = 0; i < item->n; i++) {
		const char *k = item->keys[i]->text;
		bool known = false;
		for (size_t j = 0; j < N_CON_ALL_KEYS; j++)
			known |= strcmp(k, con_all_keys[j]) == 0;
		if (known && !con_key_ok(c->type, k)) {
			char takes[200];
			con_takes(c->type, takes, sizeof takes);
			sch_ytree_error(L->t, item->keys[i], "%s: key '%s' does not belong to type %s (it takes %s)", w, k,
					type, takes);
			ok = false;
		}
	}
	/* weight: hard (the default) or a positive number */
	if ((x = sch_ynode_get(item, "weight")) && !sch_ynode_is_null(x)) {
		path(p, sizeof p, "%s.weight", w);
		if (x->kind == SCH_YNODE_SCALAR && strcmp(x->text, "hard") == 0)
			c->weight = SCH_WEIGHT_HARD;
		else if (x->kind == SCH_YNODE_SCALAR && x->text[0] >= '0' && x->text[0] <= '9' &&
			 sch_ytree_int(L->t, x, p, 1, 1000000, &num))
			c->weight = (int)num;
		else {
			if (!(x->kind == SCH_YNODE_SCALAR && x->text[0] >= '0' && x->text[0] <= '9'))
				sch_ytree_error(L->t, x, "%s: expected hard or a soft weight 1-1000000, found %s", p,
						sch_ynode_describe(x, buf, sizeof buf));
			ok = false;
		}
	}
	if ((x = sch_ynode_get(item, "source")) && !sch_ynode_is_null(x)) {
		const char *src = sch_ytree_str(L->t, x, path(p, sizeof p, "%s.source", w));
		if (src)
			c->source = lstrdup(L, src);
		else
			ok = false;
	}
	/* the limit */
	if (ck->limit) {
		int hi = L->days_ok && L->bells_ok ? s->n_days * s->n_periods : SCH_MAX_DAYS * SCH_MAX_PERIODS;
		if (!strcmp(ck->limit, "days") || c->type == SCH_CON_MAX_DAYS || c->type == SCH_CON_MIN_DAYS ||
		    c->type == SCH_CON_LATE_STARTS)
			hi = L->days_ok ? s->n_days : SCH_MAX_DAYS;
		else if (c->type != SCH_CON_MAX_GAPS_WEEK && c->type != SCH_CON_SPREAD)
			hi = L->bells_ok ? s->n_periods : SCH_MAX_PERIODS;
		snprintf(buf, sizeof buf, "a number 0-%d", hi);
		x = need(L, item, item, ck->limit, w, buf);
		if (x && sch_ytree_int(L->t, x, path(p, sizeof p, "%s.%s", w, ck->limit), 0, hi, &num))
			c->value = (int)num;
		else
			ok = false;
	}
	if (ck->flag && (x = sch_ynode_get(item, ck->flag))) {
		bool b;
		if (sch_ytree_bool(L->t, x, path(p, sizeof p, "%s.%s", w, ck->flag), &b)) {
			if (b)
				c->flags |= c->type == SCH_CON_MIN_PER_DAY        ? SCH_CON_EMPTY_DAYS_OK
					    : c->type == SCH_CON_MIN_DAYS_BETWEEN ? SCH_CON_SAME_DAY_ADJACENT
										  : SCH_CON_SKIP_UNAVAILABLE;
		} else {
			ok = false;
		}
	}
	/* slots */
	if (ck->slots) {
		x = need(L, item, item, "slots", w, "days, or days and bells: [sat, \"mon 1\", \"tue 1-3\"]");
		if (x) {
			path(p, sizeof p, "%s.slots", w);
			if (x->kind == SCH_YNODE_SEQ) {
				for (size_t i = 0; i < x->n; i++)
					ok &= unavailable_spec(L, x->items[i], path(ip, sizeof ip, "%s[%zu]", p, i + 1), &c->slots);
			} else {
				ok &= unavailable_spec(L, x, p, &c->slots);
			}
		} else {
			ok = false;
		}
	}
	/* lessons: line ids */
	if (ck->lessons) {
		x = need(L, item, item, "lessons", w, "ids of load lines: [a12, a13]");
		path(p, sizeof p, "%s.lessons", w);
		if (x && con_list(L, x, p, &all, &items, &n) && !all) {
			c->lines = lalloc(L, sizeof(int) * (n + 1));
			if (!c->lines)
				return false;
			for (size_t i = 0; i < n; i++) {
				const char *ipath = x->kind == SCH_YNODE_SEQ ? path(ip, sizeof ip, "%s[%zu]", p, i + 1) : p;
				int ln = line_by_id(L, items[i], ipath);
				if (ln < 0) {
					ok = false;
					continue;
				}
				bool dup = false;
				for (int q = 0; q < c->n_lines; q++)
					dup |= c->lines[q] == ln;
				if (!dup)
					c->lines[c->n_lines++] = ln;
			}
		} else {
			if (x && all)
				sch_ytree_error(L->t, x, "%s: name the load lines by their ids (all is for teachers and classes)", p);
			ok = false;
		}
	}
	/* teachers and classes */
	if (ck->people) {
		const sch_ynode *tx = sch_ynode_get(item, "teachers"), *cx = sch_ynode_get(item, "classes");
		if ((!tx || sch_ynode_is_null(tx)) && (!cx || sch_ynode_is_null(cx))) {
			sch_ytree_error(L->t, item, "%s: missing key 'teachers' or 'classes' (whom the rule is for: ids, or all)", w);
			ok = false;
		}
		if (tx && !sch_ynode_is_null(tx)) {
			path(p, sizeof p, "%s.teachers", w);
			if (con_list(L, tx, p, &all, &items, &n)) {
				size_t cap = all ? (size_t)s->n_teachers : n;
				c->teachers = lalloc(L, sizeof(int) * (cap + 1));
				if (!c->teachers)
					return false;
				for (size_t i = 0; i < cap; i++) {
					int te = (int)i;
					if (!all) {
						const char *ipath = tx->kind == SCH_YNODE_SEQ ? path(ip, sizeof ip, "%s[%zu]", p, i + 1) : p;
						te = resolve(L, &L->teacher_ids, L->have_teachers, items[i], ipath, "teacher", "teachers");
						if (te < 0) {
							ok = false;
							continue;
						}
					}
					c->teachers[c->n_teachers++] = te;
				}
			} else {
				ok = false;
			}
		}
		if (cx && !sch_ynode_is_null(cx)) {
			path(p, sizeof p, "%s.classes", w);
			if (con_list(L, cx, p, &all, &items, &n)) {
				size_t cap = all ? (size_t)s->n_classes : n;
				c->students = lalloc(L, sizeof(sch_students_ref) * (cap + 1));
				if (!c->students)
					return false;
				for (size_t i = 0; i < cap; i++) {
					sch_students_ref r = {(int)i, -1, -1};
					if (!all) {
						const char *ipath = cx->kind == SCH_YNODE_SEQ ? path(ip, sizeof ip, "%s[%zu]", p, i + 1) : p;
						if (!students_ref(L, items[i], ipath, &r)) {
							ok = false;
							continue;
						}
					}
					c->students[c->n_students++] = r;
				}
			} else {
				ok = false;
			}
		}
	}
	return ok;
}

static void load_constraints(loader *L, const sch_ynode *n)
{
	sch_school *s = L->s;
	if (!n || sch_ynode_is_null(n))
		return;
	if (!sch_ytree_expect(L->t, n, SCH_YNODE_SEQ, "constraints"))
		return;
	s->constraints = lalloc(L, sizeof(sch_constraint) * (n->n + 1));
	if (!s->constraints)
		return;
	for (size_t i = 0; i < n->n && !L->oom; i++)
		if (load_constraint(L, n->items[i], i, &s->constraints[s->n_constraints]))
			s->n_constraints++;
}

/* ---------- the whole file ---------- */

static const char *const top_keys[] = {"school",   "bells",    "shifts",  "rules",   "weights", "max_lessons_per_day",
				       "subjects", "teachers", "classes", "rooms",   "lessons", "constraints"};

/* A required collection: reports when missing; gives NULL when unusable. */
static const sch_ynode *section(loader *L, const sch_ynode *root, const char *key, bool required,
				const char *hint, bool *usable)
{
	const sch_ynode *n = sch_ynode_get(root, key);
	*usable = false;
	if (!n) {
		if (required)
			sch_ytree_error(L->t, root, "missing key '%s' (%s)", key, hint);
		else
			*usable = true;
		return NULL;
	}
	if (!map_or_null(L, n, key))
		return NULL;
	*usable = true;
	return n;
}

static int load_tree(loader *L)
{
	const sch_ynode *root = sch_ytree_root(L->t);
	char buf[128];
	if (!root) {
		sch_ytree_error_at(L->t, 1, 1,
				   "the file is empty: expected a school (school, bells, shifts, subjects, teachers, "
				   "classes, lessons)");
		return 0;
	}
	if (root->kind != SCH_YNODE_MAP) {
		sch_ytree_error(L->t, root,
				"expected a mapping with school, bells, shifts, subjects, teachers, classes and lessons, "
				"found %s",
				sch_ynode_describe(root, buf, sizeof buf));
		return 0;
	}
	sch_ytree_check_keys(L->t, root, "the school file", top_keys, sizeof top_keys / sizeof *top_keys);
	load_school(L, root);
	load_bells(L, root);
	load_shifts(L, root);
	load_rules(L, root);
	load_weights(L, root);
	load_max_table(L, root);

	const sch_ynode *subjects = section(L, root, "subjects", true, "id: {name: ...}", &L->have_subjects);
	const sch_ynode *teachers = section(L, root, "teachers", true, "id: {name: ..., subjects: [...]}",
					    &L->have_teachers);
	const sch_ynode *classes = section(L, root, "classes", true, "id: {grade: ..., shift: ...}", &L->have_classes);
	const sch_ynode *rooms = section(L, root, "rooms", false, "", &L->have_rooms);
	if (table_build(L, &L->subject_ids, subjects) || table_build(L, &L->teacher_ids, teachers) ||
	    table_build(L, &L->class_ids, classes) || table_build(L, &L->room_ids, rooms))
		return SCH_ENOMEM;
	collect_kinds(L, rooms, subjects);
	load_rooms(L, rooms);
	load_subjects(L, subjects);
	load_teachers(L, teachers);
	load_classes(L, classes);
	const sch_ynode *lessons = sch_ynode_get(root, "lessons");
	if (!lessons)
		sch_ytree_error(L->t, root, "missing key 'lessons' (the load: - {class: ..., subject: ..., teacher: ..., per_week: ...})");
	load_lessons(L, lessons);
	load_constraints(L, sch_ynode_get(root, "constraints"));
	return L->oom ? SCH_ENOMEM : 0;
}

/* Sets the last error from the first error of the sorted diagnostics. */
static int fail_invalid(sch_diags *diags, const char *name, size_t errors)
{
	for (size_t i = 0; i < sch_diags_count(diags); i++) {
		const sch_diag *d = sch_diags_get(diags, i);
		if (d->severity != SCH_DIAG_ERROR)
			continue;
		char line[1200];
		sch_diag_format(line, sizeof line, d);
		if (errors > 1)
			return sch_error_set(SCH_EINVALID, "%s (and %zu more errors)", line, errors - 1);
		return sch_error_set(SCH_EINVALID, "%s", line);
	}
	return sch_error_set(SCH_EINVALID, "%s: the school has %zu errors", name, errors);
}

int sch_school_load_yaml_buffer(sch_school **out, const char *text, size_t len, const char *name,
				sch_diags *diags)
{
	loader L;
	sch_diags *own = NULL;
	int rc;
	size_t errors;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_school_load_yaml_buffer: out is NULL");
	*out = NULL;
	if (!text && len)
		return sch_error_set(SCH_EINVALID, "sch_school_load_yaml_buffer: text is NULL");
	if (!name)
		name = "<buffer>";
	/* Diagnostics decide the outcome, so keep our own list when the caller passes none. */
	if (!diags) {
		if ((rc = sch_diags_new(&own)))
			return rc;
		diags = own;
	}
	size_t errors_before = sch_diags_errors(diags);
	memset(&L, 0, sizeof L);
	rc = sch_ytree_parse(&L.t, text ? text : "", len, name, diags);
	if (rc == SCH_ENOMEM)
		goto done;
	if (rc == 0) {
		if ((rc = sch_school_new(&L.s)))
			goto done;
		L.s->source_file = lstrdup(&L, name);
		rc = load_tree(&L);
		bool clean = sch_ytree_errors(L.t) == 0;
		if (rc == 0 && !L.oom && (clean || (L.days_ok && L.bells_ok && L.shifts_ok))) {
			/*
			 * Finalizing finds more (a pinned slot outside its shift...). When the file has
			 * errors already, finalize what loaded anyway so that one pass reports them all:
			 * lines with errors were left out, and pinned slots of classes without a valid
			 * shift are dropped so they do not report again.
			 */
			for (int i = 0; !clean && i < L.s->n_lines; i++)
				for (int c = 0; c < L.s->lines[i].n_classes; c++)
					if (!L.class_shift_ok[L.s->lines[i].classes[c]])
						L.s->lines[i].n_pinned = 0;
			rc = sch_school_finalize(L.s, diags);
			if (rc == SCH_EINVALID)
				rc = 0; /* counted below from the diagnostics */
		}
		if (L.oom)
			rc = sch_error_oom();
		if (rc)
			goto done;
	}
	sch_diags_sort(diags);
	errors = sch_diags_errors(diags) - errors_before;
	if (errors) {
		rc = fail_invalid(diags, name, errors);
		goto done;
	}
	*out = L.s;
	L.s = NULL;
	rc = 0;
done:
	sch_school_free(L.s);
	sch_ytree_free(L.t);
	sch_diags_free(own);
	return rc;
}

int sch_school_load_yaml(sch_school **out, const char *path_, sch_diags *diags)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;
	if (!out || !path_)
		return sch_error_set(SCH_EINVALID, "sch_school_load_yaml: out and path must not be NULL");
	*out = NULL;
	if ((rc = sch_file_read(path_, MAX_FILE_BYTES, "a school file", &buf, &len, diags)) != 0)
		return rc;
	rc = sch_school_load_yaml_buffer(out, buf, len, path_, diags);
	free(buf);
	return rc;
}
