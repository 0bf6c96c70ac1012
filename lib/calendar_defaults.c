/* Generating a school year from a defaults file (data/calendar-kg.yaml): rules for dates, breaks, quarters and holidays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar_int.h"
#include "error.h"
#include "fileio.h"
#include "schedule/school.h"
#include "yamltree.h"

#ifndef SCH_DATADIR
#define SCH_DATADIR "/usr/local/share/schedule"
#endif

#define DEFAULTS_FILE "calendar-kg.yaml"
#define MAX_FILE (1 << 20)

const char *sch_calendar_defaults_path(void)
{
	/* The installed copy first; then the source tree's, so that a build runs before it is installed. */
	static const char *const places[] = {
		SCH_DATADIR "/" DEFAULTS_FILE,
#ifdef SCH_SOURCE_DIR
		SCH_SOURCE_DIR "/data/" DEFAULTS_FILE,
#endif
	};
	for (size_t i = 0; i < sizeof places / sizeof places[0]; i++)
		if (access(places[i], R_OK) == 0)
			return places[i];
	return NULL;
}

typedef struct {
	sch_ytree *t;
	int year;
	sch_date first, last; /* of the year, once known */
} gen;

enum { ADJ_NONE, ADJ_NEXT_WEEKDAY, ADJ_PREV_WEEKDAY, ADJ_MONDAY, ADJ_SUNDAY, ADJ_NEXT_MONDAY, ADJ_NEXT_SUNDAY };
static const char *const adjust_names[] = {"none",   "next_weekday", "previous_weekday", "monday",
					   "sunday", "next_monday",  "next_sunday"};
#define N_ADJUST (sizeof adjust_names / sizeof adjust_names[0])

static sch_date adjust(sch_date d, int how)
{
	int wd = sch_date_weekday(d);
	switch (how) {
	case ADJ_NEXT_WEEKDAY:
		return wd >= 5 ? d + (7 - wd) : d;
	case ADJ_PREV_WEEKDAY:
		return wd >= 5 ? d - (wd - 4) : d;
	case ADJ_MONDAY:
		return d - wd;
	case ADJ_SUNDAY:
		return d + (6 - wd);
	case ADJ_NEXT_MONDAY:
		return wd == 0 ? d : d + (7 - wd);
	case ADJ_NEXT_SUNDAY:
		return d + (6 - wd);
	default:
		return d;
	}
}

/* "MM-DD" in the school year, or "YYYY-MM-DD"; *full says which. SCH_DATE_NONE when neither. */
static sch_date plain_date(const gen *G, const char *s, int *full)
{
	int y, m, d;
	char tail;
	*full = 0;
	if (strlen(s) == 5 && sscanf(s, "%2d-%2d%c", &m, &d, &tail) == 2 && s[2] == '-')
		return sch_date_make(m >= 9 ? G->year : G->year + 1, m, d);
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && s[4] == '-' && s[7] == '-') {
		*full = 1;
		return sch_date_make(y, m, d);
	}
	return SCH_DATE_NONE;
}

/* A date rule: "MM-DD", "YYYY-MM-DD" or {date: ..., adjust: ...}. */
static sch_date date_rule(gen *G, const sch_ynode *n, const char *what)
{
	static const char *const keys[] = {"date", "adjust"};
	const sch_ynode *dn = n, *an = NULL;
	int how = ADJ_NONE, full;
	if (n->kind == SCH_YNODE_MAP) {
		sch_ytree_check_keys(G->t, n, what, keys, 2);
		dn = sch_ynode_get(n, "date");
		an = sch_ynode_get(n, "adjust");
		if (!dn) {
			sch_ytree_error(G->t, n, "%s: missing key 'date' (MM-DD)", what);
			return SCH_DATE_NONE;
		}
	}
	const char *s = sch_ytree_str(G->t, dn, what);
	if (!s)
		return SCH_DATE_NONE;
	sch_date d = plain_date(G, s, &full);
	if (d == SCH_DATE_NONE) {
		sch_ytree_error(G->t, dn, "%s: expected a date MM-DD (or YYYY-MM-DD), found '%s'", what, s);
		return SCH_DATE_NONE;
	}
	if (an) {
		const char *a = sch_ytree_str(G->t, an, what);
		if (!a)
			return SCH_DATE_NONE;
		size_t k = 0;
		while (k < N_ADJUST && strcmp(adjust_names[k], a) != 0)
			k++;
		if (k == N_ADJUST) {
			sch_ytree_error(G->t, an,
					"%s: unknown adjust '%s' (none, next_weekday, previous_weekday, monday, sunday, "
					"next_monday, next_sunday)",
					what, a);
			return SCH_DATE_NONE;
		}
		how = (int)k;
	}
	return adjust(d, how);
}

static int grade_range(gen *G, const sch_ynode *n, const char *what, int *lo, int *hi)
{
	const char *s = sch_ytree_str(G->t, n, what);
	char tail;
	if (!s)
		return 0;
	if (sscanf(s, "%d-%d%c", lo, hi, &tail) != 2) {
		if (sscanf(s, "%d%c", lo, &tail) != 1) {
			sch_ytree_error(G->t, n, "%s: expected a grade N or a range N-M, found '%s'", what, s);
			return 0;
		}
		*hi = *lo;
	}
	if (*lo < 1 || *hi > SCH_MAX_GRADE || *lo > *hi) {
		sch_ytree_error(G->t, n, "%s: grades %s are not a range within 1-%d", what, s, SCH_MAX_GRADE);
		return 0;
	}
	return 1;
}

/* Calls a calendar edit and turns its refusal into an error at the node. */
static void edit(gen *G, const sch_ynode *at, int rc, const char *what)
{
	if (rc == SCH_ENOMEM)
		sch_ytree_error(G->t, at, "out of memory");
	else if (rc)
		sch_ytree_error(G->t, at, "%s: %s", what, sch_error_last()->message);
}

static void read_breaks(gen *G, sch_calendar *cal, const sch_ynode *n)
{
	static const char *const keys[] = {"name", "first_day", "last_day", "grades"};
	char what[200];
	if (!n || sch_ynode_is_null(n) || !sch_ytree_expect(G->t, n, SCH_YNODE_MAP, "breaks"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *id = n->keys[i]->text;
		const sch_ynode *b = n->items[i];
		snprintf(what, sizeof what, "breaks.%.60s", id);
		if (!sch_ytree_expect(G->t, b, SCH_YNODE_MAP, what))
			continue;
		sch_ytree_check_keys(G->t, b, what, keys, 4);
		const sch_ynode *nm = sch_ynode_get(b, "name"), *f = sch_ynode_get(b, "first_day"),
				*l = sch_ynode_get(b, "last_day"), *g = sch_ynode_get(b, "grades");
		const char *name = nm ? sch_ytree_str(G->t, nm, what) : id;
		if (!f || !l) {
			sch_ytree_error(G->t, b, "%s: missing key '%s'", what, f ? "last_day" : "first_day");
			continue;
		}
		sch_date a = date_rule(G, f, what), z = date_rule(G, l, what);
		int lo = 1, hi = SCH_MAX_GRADE;
		if (g && !grade_range(G, g, what, &lo, &hi))
			continue;
		if (a == SCH_DATE_NONE || z == SCH_DATE_NONE || !name)
			continue;
		edit(G, b, sch_calendar_set_break(cal, id, name, a, z, lo, hi, SCH_CALENDAR_KEEP_QUARTERS), what);
	}
}

/* A quarter's bound: first_day / last_day, a break (the day after it / before it), or a date rule. */
static sch_date quarter_bound(gen *G, const sch_calendar *cal, const sch_ynode *n, int from, const char *what)
{
	if (n->kind == SCH_YNODE_SCALAR) {
		const char *s = n->text;
		if (strcmp(s, "first_day") == 0)
			return cal->first;
		if (strcmp(s, "last_day") == 0)
			return cal->last;
		for (size_t i = 0; i < cal->n_breaks; i++)
			if (strcmp(cal->breaks[i].id, s) == 0)
				return from ? cal->breaks[i].last + 1 : cal->breaks[i].first - 1;
		int full;
		if (plain_date(G, s, &full) == SCH_DATE_NONE) {
			sch_ytree_error(G->t, n, "%s: expected first_day, last_day, a break id or a date, found '%s'", what, s);
			return SCH_DATE_NONE;
		}
	}
	return date_rule(G, n, what);
}

static void read_quarters(gen *G, sch_calendar *cal, const sch_ynode *n)
{
	static const char *const keys[] = {"from", "to"};
	char what[64];
	if (!n) {
		sch_ytree_error_at(G->t, 1, 1, "missing key 'quarters' (four items {from: ..., to: ...})");
		return;
	}
	if (!sch_ytree_expect(G->t, n, SCH_YNODE_SEQ, "quarters"))
		return;
	if (n->n != 4) {
		sch_ytree_error(G->t, n, "quarters: expected 4 quarters, found %zu", n->n);
		return;
	}
	for (size_t i = 0; i < 4; i++) {
		const sch_ynode *q = n->items[i];
		snprintf(what, sizeof what, "quarters[%zu]", i + 1);
		if (!sch_ytree_expect(G->t, q, SCH_YNODE_MAP, what))
			continue;
		sch_ytree_check_keys(G->t, q, what, keys, 2);
		const sch_ynode *f = sch_ynode_get(q, "from"), *t = sch_ynode_get(q, "to");
		if (!f || !t) {
			sch_ytree_error(G->t, q, "%s: missing key '%s'", what, f ? "to" : "from");
			continue;
		}
		sch_date a = quarter_bound(G, cal, f, 1, what), z = quarter_bound(G, cal, t, 0, what);
		if (a != SCH_DATE_NONE && z != SCH_DATE_NONE)
			edit(G, q, sch_calendar_set_quarter(cal, (int)i + 1, a, z), what);
	}
}

/* Holidays: MM-DD (every year) or YYYY-MM-DD (that date only) -> name; those outside the year are skipped. */
static void read_holidays(gen *G, sch_calendar *cal, const sch_ynode *n, const char *section)
{
	char what[200];
	if (!n || sch_ynode_is_null(n) || !sch_ytree_expect(G->t, n, SCH_YNODE_MAP, section))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const sch_ynode *k = n->keys[i];
		int full;
		snprintf(what, sizeof what, "%s.%.60s", section, k->text);
		sch_date d = plain_date(G, k->text, &full);
		if (d == SCH_DATE_NONE) {
			sch_ytree_error(G->t, k, "%s: expected a date MM-DD or YYYY-MM-DD as the key", what);
			continue;
		}
		const char *name = sch_ytree_str(G->t, n->items[i], what);
		if (!name || d < cal->first || d > cal->last)
			continue;
		/* Two holidays on one day keep both names. */
		char both[400];
		for (size_t h = 0; h < cal->n_holidays; h++)
			if (cal->holidays[h].date == d && strcmp(cal->holidays[h].name, name) != 0) {
				snprintf(both, sizeof both, "%s, %s", cal->holidays[h].name, name);
				name = both;
				break;
			}
		edit(G, k, sch_calendar_set_holiday(cal, d, name), what);
	}
}

static void read_transfers(gen *G, sch_calendar *cal, const sch_ynode *n)
{
	static const char *const keys[] = {"follows", "off", "note"};
	char what[200];
	if (!n || sch_ynode_is_null(n) || !sch_ytree_expect(G->t, n, SCH_YNODE_MAP, "transfers"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const sch_ynode *k = n->keys[i], *v = n->items[i];
		int full;
		snprintf(what, sizeof what, "transfers.%.60s", k->text);
		sch_date d = plain_date(G, k->text, &full);
		if (d == SCH_DATE_NONE) {
			sch_ytree_error(G->t, k, "%s: expected a date MM-DD or YYYY-MM-DD as the key", what);
			continue;
		}
		if (!sch_ytree_expect(G->t, v, SCH_YNODE_MAP, what))
			continue;
		sch_ytree_check_keys(G->t, v, what, keys, 3);
		const sch_ynode *fo = sch_ynode_get(v, "follows"), *off = sch_ynode_get(v, "off"),
				*note = sch_ynode_get(v, "note");
		bool is_off = false;
		int follows = SCH_TRANSFER_OFF;
		if (off && !sch_ytree_bool(G->t, off, what, &is_off))
			continue;
		if (fo && is_off) {
			sch_ytree_error(G->t, v, "%s: give either follows or off: true", what);
			continue;
		}
		if (fo) {
			const char *s = sch_ytree_str(G->t, fo, what);
			if (!s)
				continue;
			if ((follows = sch_day_parse(s)) < 0) {
				sch_ytree_error(G->t, fo, "%s: unknown day '%s' (mon tue wed thu fri sat sun)", what, s);
				continue;
			}
		} else if (!is_off) {
			sch_ytree_error(G->t, v, "%s: give follows: <day> or off: true", what);
			continue;
		}
		const char *nt = note ? sch_ytree_str(G->t, note, what) : "";
		if (!nt || d < cal->first || d > cal->last)
			continue;
		edit(G, k, sch_calendar_set_transfer(cal, d, follows, nt), what);
	}
}

static void read_weeks(gen *G, sch_calendar *cal, const sch_ynode *n)
{
	char what[200];
	if (!n || sch_ynode_is_null(n) || !sch_ytree_expect(G->t, n, SCH_YNODE_MAP, "weeks"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		int lo, hi;
		long w;
		snprintf(what, sizeof what, "weeks.%.60s", n->keys[i]->text);
		if (grade_range(G, n->keys[i], what, &lo, &hi) && sch_ytree_int(G->t, n->items[i], what, 0, 53, &w))
			sch_calendar_set_norm_weeks(cal, lo, hi, (int)w);
	}
}

/* SCH_EINVALID naming the first error of diags, formatted as the CLI prints it. */
static int first_error(sch_diags *diags, const char *path, size_t errors)
{
	char line[700] = "";
	for (size_t i = 0; i < sch_diags_count(diags); i++)
		if (sch_diags_get(diags, i)->severity == SCH_DIAG_ERROR) {
			sch_diag_format(line, sizeof line, sch_diags_get(diags, i));
			break;
		}
	return sch_error_set(SCH_EINVALID, "%s: %zu error%s in the calendar defaults%s%s", path, errors,
			     errors == 1 ? "" : "s", line[0] ? "; the first: " : "", line);
}

int sch_calendar_generate(sch_calendar **out, int year, const char *path, sch_diags *diags)
{
	static const char *const keys[] = {"first_day", "last_day", "weeks",           "breaks",
					   "quarters",  "holidays", "moving_holidays", "transfers"};
	sch_calendar *cal = NULL;
	sch_diags *own = NULL;
	char *text = NULL;
	size_t len = 0;
	gen G = {NULL, year, SCH_DATE_NONE, SCH_DATE_NONE};
	int rc;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_calendar_generate: out is NULL");
	*out = NULL;
	if (year < 1900 || year >= 2199)
		return sch_error_set(SCH_EINVALID, "school year %d: expected a year from 1900 to 2198", year);
	if (!path && !(path = sch_calendar_defaults_path()))
		return sch_error_set(SCH_EIO, "the calendar defaults (%s) were not found in %s: give a file with --defaults",
				     DEFAULTS_FILE, SCH_DATADIR);
	if (!diags) { /* the first error goes into the message: keep them somewhere */
		if ((rc = sch_diags_new(&own)))
			return rc;
		diags = own;
	}
	if ((rc = sch_file_read(path, MAX_FILE, "a calendar defaults file", &text, &len, diags)))
		goto done;
	if ((rc = sch_ytree_parse(&G.t, text, len, path, diags))) {
		if (rc == SCH_EINVALID)
			rc = first_error(diags, path, 1);
		goto done;
	}
	const sch_ynode *root = sch_ytree_root(G.t);
	if (!root || root->kind != SCH_YNODE_MAP) {
		sch_ytree_error_at(G.t, 1, 1, "expected a mapping of first_day, last_day, breaks, quarters, holidays ...");
		goto check;
	}
	sch_ytree_check_keys(G.t, root, "", keys, sizeof keys / sizeof keys[0]);
	const sch_ynode *f = sch_ynode_get(root, "first_day"), *l = sch_ynode_get(root, "last_day");
	if (!f || !l) {
		sch_ytree_error(G.t, root, "missing key '%s'", f ? "last_day" : "first_day");
		goto check;
	}
	G.first = date_rule(&G, f, "first_day");
	G.last = date_rule(&G, l, "last_day");
	if (G.first == SCH_DATE_NONE || G.last == SCH_DATE_NONE)
		goto check;
	if ((rc = sch_calendar_new(&cal, year, G.first, G.last))) {
		if (rc == SCH_ENOMEM)
			goto done;
		sch_ytree_error(G.t, f, "%s", sch_error_last()->message);
		rc = 0;
		goto check;
	}
	read_weeks(&G, cal, sch_ynode_get(root, "weeks"));
	read_holidays(&G, cal, sch_ynode_get(root, "holidays"), "holidays");
	read_holidays(&G, cal, sch_ynode_get(root, "moving_holidays"), "moving_holidays");
	read_breaks(&G, cal, sch_ynode_get(root, "breaks"));
	read_transfers(&G, cal, sch_ynode_get(root, "transfers"));
	read_quarters(&G, cal, sch_ynode_get(root, "quarters"));
check:
	if (sch_ytree_errors(G.t) > 0) {
		rc = first_error(diags, path, sch_ytree_errors(G.t));
		goto done;
	}
	if (!cal) {
		rc = sch_error_set(SCH_EINVALID, "%s: no calendar", path);
		goto done;
	}
	const char *base = strrchr(path, '/');
	char *src = strdup(base ? base + 1 : path);
	if (!src) {
		rc = sch_error_oom();
		goto done;
	}
	free(cal->source);
	cal->source = src;
	*out = cal;
	cal = NULL;
done:
	sch_calendar_free(cal);
	sch_ytree_free(G.t);
	sch_diags_free(own);
	free(text);
	return rc;
}
