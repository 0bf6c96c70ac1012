/* The school year: dates, the calendar object, its edits one at a time, what a date is, school weeks and validation. */
#include "schedule/calendar.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_int.h"
#include "error.h"
#include "schedule/school.h"
#include "schedule/text.h"

/* ---- Dates ---- */

#define YEAR_MIN 1900
#define YEAR_MAX 2199

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
sch_date sch_date_make(int y, int m, int d)
{
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return SCH_DATE_NONE;
	y -= m <= 2;
	int era = y / 400; /* y >= 1899 here: no negative eras */
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (sch_date)(era * 146097 + doe - 719468);
}

void sch_date_split(sch_date date, int *year, int *month, int *day)
{
	long z = (long)date + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	if (year)
		*year = (int)(y + (m <= 2));
	if (month)
		*month = (int)m;
	if (day)
		*day = (int)d;
}

int sch_date_weekday(sch_date date)
{
	/* 1970-01-01 was a Thursday (3). */
	return (int)((((long)date % 7) + 7 + 3) % 7);
}

char *sch_date_iso(sch_date date, char *buf)
{
	int y, m, d;
	if (date == SCH_DATE_NONE) {
		strcpy(buf, "----------");
		return buf;
	}
	char t[48];
	sch_date_split(date, &y, &m, &d);
	snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, d);
	memcpy(buf, t, 10);
	buf[10] = '\0';
	return buf;
}

char *sch_date_dmy(sch_date date, char *buf)
{
	int y, m, d;
	if (date == SCH_DATE_NONE) {
		strcpy(buf, "--.--.----");
		return buf;
	}
	char t[48];
	sch_date_split(date, &y, &m, &d);
	snprintf(t, sizeof t, "%02d.%02d.%04d", d, m, y);
	memcpy(buf, t, 10);
	buf[10] = '\0';
	return buf;
}

/* Reads exactly n digits. */
static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int sch_date_parse(sch_date *out, const char *text)
{
	int y = 0, m = 0, d = 0, ok = 0;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_date_parse: out is NULL");
	*out = SCH_DATE_NONE;
	if (!text)
		return sch_error_set(SCH_EINVALID, "no date given");
	size_t n = strlen(text);
	if (n == 10 && text[4] == '-' && text[7] == '-')
		ok = digits(text, 4, &y) && digits(text + 5, 2, &m) && digits(text + 8, 2, &d);
	else if (n == 10 && text[2] == '.' && text[5] == '.')
		ok = digits(text, 2, &d) && digits(text + 3, 2, &m) && digits(text + 6, 4, &y);
	if (!ok) {
		char shown[48];
		snprintf(shown, sizeof shown, "%.40s%s", text, n > 40 ? "..." : "");
		return sch_error_set(SCH_EINVALID, "'%s' is not a date: expected YYYY-MM-DD, e.g. 2026-09-01", shown);
	}
	sch_date v = sch_date_make(y, m, d);
	if (v == SCH_DATE_NONE) {
		if (y < YEAR_MIN || y > YEAR_MAX)
			return sch_error_set(SCH_EINVALID, "'%s': the year is outside %d-%d", text, YEAR_MIN, YEAR_MAX);
		return sch_error_set(SCH_EINVALID, "'%s' is not a day of the calendar (month %d has %d days)", text,
				     m >= 1 && m <= 12 ? m : 0, m >= 1 && m <= 12 ? month_days(y, m) : 0);
	}
	*out = v;
	return 0;
}

const char *sch_calendar__date_text(sch_date d, char *buf)
{
	char iso[16];
	snprintf(buf, 24, "%s (%s)", sch_date_iso(d, iso), d == SCH_DATE_NONE ? "?" : sch_day_abbrev(sch_date_weekday(d), "ru"));
	return buf;
}

/* ---- The object ---- */

static void clear(sch_calendar *c)
{
	for (size_t i = 0; i < c->n_breaks; i++) {
		free((char *)c->breaks[i].id);
		free((char *)c->breaks[i].name);
	}
	for (size_t i = 0; i < c->n_holidays; i++)
		free((char *)c->holidays[i].name);
	for (size_t i = 0; i < c->n_transfers; i++)
		free((char *)c->transfers[i].note);
	free(c->breaks);
	free(c->holidays);
	free(c->transfers);
	free(c->source);
	memset(c, 0, sizeof *c);
}

void sch_calendar_free(sch_calendar *cal)
{
	if (!cal)
		return;
	clear(cal);
	free(cal);
}

int sch_calendar_new(sch_calendar **out, int year, sch_date first, sch_date last)
{
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_calendar_new: out is NULL");
	*out = NULL;
	if (year < YEAR_MIN || year >= YEAR_MAX)
		return sch_error_set(SCH_EINVALID, "school year %d: expected a year from %d to %d", year, YEAR_MIN,
				     YEAR_MAX - 1);
	if (first == SCH_DATE_NONE || last == SCH_DATE_NONE || first > last) {
		char a[16], b[16];
		return sch_error_set(SCH_EINVALID, "the school year's first day (%s) must come before its last (%s)",
				     sch_date_iso(first, a), sch_date_iso(last, b));
	}
	if (last - first > 400)
		return sch_error_set(SCH_EINVALID, "a school year of %d days: at most 400", (int)(last - first + 1));
	sch_calendar *c = calloc(1, sizeof *c);
	if (!c || !(c->source = strdup("")))
		return free(c), sch_error_oom();
	c->year = year;
	c->first = first;
	c->last = last;
	for (int i = 0; i < 4; i++)
		c->q[i].first = c->q[i].last = SCH_DATE_NONE;
	*out = c;
	return 0;
}

int sch_calendar_copy(sch_calendar **out, const sch_calendar *src)
{
	if (!out || !src)
		return sch_error_set(SCH_EINVALID, "sch_calendar_copy: NULL argument");
	*out = NULL;
	sch_calendar *c = calloc(1, sizeof *c);
	if (!c)
		return sch_error_oom();
	*c = *src;
	c->breaks = NULL;
	c->holidays = NULL;
	c->transfers = NULL;
	c->n_breaks = c->n_holidays = c->n_transfers = 0;
	c->source = strdup(src->source ? src->source : "");
	if (!c->source)
		goto oom;
	if (src->n_breaks && !(c->breaks = calloc(src->n_breaks, sizeof *c->breaks)))
		goto oom;
	for (; c->n_breaks < src->n_breaks; c->n_breaks++) {
		sch_break *b = &c->breaks[c->n_breaks];
		*b = src->breaks[c->n_breaks];
		b->id = strdup(b->id);
		b->name = strdup(b->name);
		if (!b->id || !b->name) {
			c->n_breaks++;
			goto oom;
		}
	}
	if (src->n_holidays && !(c->holidays = calloc(src->n_holidays, sizeof *c->holidays)))
		goto oom;
	for (; c->n_holidays < src->n_holidays; c->n_holidays++) {
		c->holidays[c->n_holidays] = src->holidays[c->n_holidays];
		if (!(c->holidays[c->n_holidays].name = strdup(src->holidays[c->n_holidays].name))) {
			c->n_holidays++;
			goto oom;
		}
	}
	if (src->n_transfers && !(c->transfers = calloc(src->n_transfers, sizeof *c->transfers)))
		goto oom;
	for (; c->n_transfers < src->n_transfers; c->n_transfers++) {
		c->transfers[c->n_transfers] = src->transfers[c->n_transfers];
		if (!(c->transfers[c->n_transfers].note = strdup(src->transfers[c->n_transfers].note))) {
			c->n_transfers++;
			goto oom;
		}
	}
	*out = c;
	return 0;
oom:
	sch_calendar_free(c);
	return sch_error_oom();
}

int sch_calendar_year(const sch_calendar *cal) { return cal ? cal->year : 0; }
sch_date sch_calendar_first(const sch_calendar *cal) { return cal ? cal->first : SCH_DATE_NONE; }
sch_date sch_calendar_last(const sch_calendar *cal) { return cal ? cal->last : SCH_DATE_NONE; }
const char *sch_calendar_source(const sch_calendar *cal) { return cal && cal->source ? cal->source : ""; }
size_t sch_calendar_break_count(const sch_calendar *cal) { return cal ? cal->n_breaks : 0; }
size_t sch_calendar_holiday_count(const sch_calendar *cal) { return cal ? cal->n_holidays : 0; }
size_t sch_calendar_transfer_count(const sch_calendar *cal) { return cal ? cal->n_transfers : 0; }

const sch_break *sch_calendar_break(const sch_calendar *cal, size_t i)
{
	return cal && i < cal->n_breaks ? &cal->breaks[i] : NULL;
}

const sch_holiday *sch_calendar_holiday(const sch_calendar *cal, size_t i)
{
	return cal && i < cal->n_holidays ? &cal->holidays[i] : NULL;
}

const sch_transfer *sch_calendar_transfer(const sch_calendar *cal, size_t i)
{
	return cal && i < cal->n_transfers ? &cal->transfers[i] : NULL;
}

int sch_calendar_norm_weeks(const sch_calendar *cal, int grade)
{
	return cal && grade >= 1 && grade <= SCH_MAX_GRADE ? cal->weeks[grade] : 0;
}

int sch_calendar_quarter(const sch_calendar *cal, int n, sch_quarter *out)
{
	if (!cal || !out || n < 1 || n > 4)
		return sch_error_set(SCH_EINVALID, "quarter %d: quarters are numbered 1 to 4", n);
	*out = cal->q[n - 1];
	if (out->first == SCH_DATE_NONE)
		return sch_error_set(SCH_ENOTFOUND, "quarter %d is not set", n);
	return 0;
}

static const sch_holiday *find_holiday(const sch_calendar *c, sch_date d)
{
	size_t lo = 0, hi = c->n_holidays;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->holidays[mid].date < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n_holidays && c->holidays[lo].date == d ? &c->holidays[lo] : NULL;
}

static const sch_transfer *find_transfer(const sch_calendar *c, sch_date d)
{
	for (size_t i = 0; i < c->n_transfers; i++)
		if (c->transfers[i].date == d)
			return &c->transfers[i];
	return NULL;
}

static int find_break(const sch_calendar *c, const char *id)
{
	for (size_t i = 0; i < c->n_breaks; i++)
		if (strcmp(c->breaks[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* ---- Structural checks (every edit keeps these true) ---- */

static int in_year(const sch_calendar *c, sch_date d)
{
	return d >= c->first && d <= c->last;
}

/* "the school year (2026-09-01 .. 2027-05-31)" */
static const char *year_text(const sch_calendar *c, char *buf)
{
	char a[16], b[16];
	snprintf(buf, 64, "the school year (%s .. %s)", sch_date_iso(c->first, a), sch_date_iso(c->last, b));
	return buf;
}

/* The first structural error as SCH_EINVALID with a message, or 0. */
static int check_structure(const sch_calendar *c)
{
	char a[16], b[16], e[16], f[16], yt[64];
	if (c->first > c->last)
		return sch_error_set(SCH_EINVALID, "the year's first day %s comes after its last day %s",
				     sch_date_iso(c->first, a), sch_date_iso(c->last, b));
	if (c->last - c->first > 400)
		return sch_error_set(SCH_EINVALID, "a school year of %d days: at most 400", (int)(c->last - c->first + 1));
	for (int i = 0; i < 4; i++) {
		const sch_quarter *q = &c->q[i];
		if (q->first == SCH_DATE_NONE)
			continue;
		if (q->first > q->last)
			return sch_error_set(SCH_EINVALID, "quarter %d starts on %s, after it ends (%s)", i + 1,
					     sch_date_iso(q->first, a), sch_date_iso(q->last, b));
		if (!in_year(c, q->first) || !in_year(c, q->last))
			return sch_error_set(SCH_EINVALID, "quarter %d (%s .. %s) is not inside %s", i + 1,
					     sch_date_iso(q->first, a), sch_date_iso(q->last, b), year_text(c, yt));
	}
	for (int i = 0; i < 4; i++) {
		const sch_quarter *q = &c->q[i];
		if (q->first == SCH_DATE_NONE)
			continue;
		for (int j = i + 1; j < 4; j++) {
			const sch_quarter *r = &c->q[j];
			if (r->first == SCH_DATE_NONE)
				continue;
			if (r->first <= q->last && q->first <= r->last)
				return sch_error_set(SCH_EINVALID, "quarter %d (%s .. %s) overlaps quarter %d (%s .. %s)",
						     i + 1, sch_date_iso(q->first, a), sch_date_iso(q->last, b), j + 1,
						     sch_date_iso(r->first, e), sch_date_iso(r->last, f));
			if (r->first < q->first)
				return sch_error_set(SCH_EINVALID,
						     "quarter %d (%s .. %s) comes before quarter %d (%s .. %s): quarters go "
						     "in order",
						     j + 1, sch_date_iso(r->first, a), sch_date_iso(r->last, b), i + 1,
						     sch_date_iso(q->first, e), sch_date_iso(q->last, f));
		}
	}
	for (size_t i = 0; i < c->n_breaks; i++) {
		const sch_break *br = &c->breaks[i];
		if (br->first > br->last)
			return sch_error_set(SCH_EINVALID, "break %s starts on %s, after it ends (%s)", br->id,
					     sch_date_iso(br->first, a), sch_date_iso(br->last, b));
		if (!in_year(c, br->first) || !in_year(c, br->last))
			return sch_error_set(SCH_EINVALID, "break %s (%s .. %s) is not inside %s", br->id,
					     sch_date_iso(br->first, a), sch_date_iso(br->last, b), year_text(c, yt));
		if (br->grade_min < 1 || br->grade_max > SCH_MAX_GRADE || br->grade_min > br->grade_max)
			return sch_error_set(SCH_EINVALID, "break %s: grades %d-%d (expected a range within 1-%d)", br->id,
					     br->grade_min, br->grade_max, SCH_MAX_GRADE);
	}
	for (size_t i = 0; i < c->n_holidays; i++)
		if (!in_year(c, c->holidays[i].date))
			return sch_error_set(SCH_EINVALID, "holiday %s (%s) is not inside %s",
					     sch_date_iso(c->holidays[i].date, a), c->holidays[i].name, year_text(c, yt));
	for (size_t i = 0; i < c->n_transfers; i++)
		if (!in_year(c, c->transfers[i].date))
			return sch_error_set(SCH_EINVALID, "transfer %s is not inside %s",
					     sch_date_iso(c->transfers[i].date, a), year_text(c, yt));
	return 0;
}

/*
 * Edits work on a copy: the copy is changed and checked, and only then does it
 * replace the calendar's contents, so that a refused edit changes nothing.
 */
static int begin(sch_calendar **tmp, const sch_calendar *cal)
{
	if (!cal)
		return sch_error_set(SCH_EINVALID, "no calendar");
	return sch_calendar_copy(tmp, cal);
}

/* A calendar changed by hand no longer is what its source made. */
static int mark_edited(sch_calendar *cal)
{
	char *src = strdup("edited");
	if (!src)
		return sch_error_oom();
	free(cal->source);
	cal->source = src;
	return 0;
}

static int commit(sch_calendar *cal, sch_calendar *tmp)
{
	int rc = check_structure(tmp);
	if (rc == 0) {
		char *src = strdup("edited");
		if (!src) {
			rc = sch_error_oom();
		} else {
			free(tmp->source);
			tmp->source = src;
			clear(cal);
			*cal = *tmp;
			free(tmp); /* its contents now belong to cal */
			return 0;
		}
	}
	sch_calendar_free(tmp);
	return rc;
}

static int date_given(sch_date d, const char *what)
{
	if (d == SCH_DATE_NONE)
		return sch_error_set(SCH_EINVALID, "%s: no date given", what);
	return 0;
}

int sch_calendar_set_range(sch_calendar *cal, sch_date first, sch_date last, int flags)
{
	sch_calendar *t;
	int rc;
	if ((rc = date_given(first, "the year's first day")) || (rc = date_given(last, "the year's last day")) ||
	    (rc = begin(&t, cal)))
		return rc;
	if (!(flags & SCH_CALENDAR_KEEP_QUARTERS)) {
		if (t->q[0].first == t->first)
			t->q[0].first = first;
		if (t->q[3].last == t->last)
			t->q[3].last = last;
	}
	t->first = first;
	t->last = last;
	return commit(cal, t);
}

int sch_calendar_set_quarter(sch_calendar *cal, int n, sch_date first, sch_date last)
{
	sch_calendar *t;
	int rc;
	if (n < 1 || n > 4)
		return sch_error_set(SCH_EINVALID, "quarter %d: quarters are numbered 1 to 4", n);
	if ((rc = date_given(first, "the quarter's first day")) || (rc = date_given(last, "the quarter's last day")) ||
	    (rc = begin(&t, cal)))
		return rc;
	t->q[n - 1].first = first;
	t->q[n - 1].last = last;
	return commit(cal, t);
}

/* Whether every date strictly between a and b is a Sunday or a holiday (nothing is lost between them). */
static int only_rest_between(const sch_calendar *c, sch_date a, sch_date b)
{
	for (sch_date d = a + 1; d < b; d++)
		if (sch_date_weekday(d) != 6 && !find_holiday(c, d))
			return 0;
	return 1;
}

sch_date sch_calendar__work_day(const sch_calendar *c, sch_date d, int step)
{
	for (int tries = 0; tries < 14 && (sch_date_weekday(d) == 6 || find_holiday(c, d)); tries++)
		d += step;
	return d;
}

static int cmp_break(const void *x, const void *y)
{
	const sch_break *a = x, *b = y;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return strcmp(a->id, b->id);
}

int sch_calendar_set_break(sch_calendar *cal, const char *id, const char *name, sch_date first, sch_date last,
			   int grade_min, int grade_max, int flags)
{
	sch_calendar *t;
	int rc;
	if (!id || !*id)
		return sch_error_set(SCH_EINVALID, "a break needs an id (autumn, winter, spring, grade1 ...)");
	if ((rc = date_given(first, "the break's first day")) || (rc = date_given(last, "the break's last day")) ||
	    (rc = begin(&t, cal)))
		return rc;
	int i = find_break(t, id);
	if (i >= 0 && !(flags & SCH_CALENDAR_KEEP_QUARTERS)) {
		/* Quarters that ended just before the old break or began just after it follow it. */
		const sch_break *old = &t->breaks[i];
		for (int k = 0; k < 4; k++) {
			sch_quarter *q = &t->q[k];
			if (q->first == SCH_DATE_NONE)
				continue;
			if (q->last < old->first && only_rest_between(t, q->last, old->first))
				q->last = sch_calendar__work_day(t, first - 1, -1);
			else if (q->first > old->last && only_rest_between(t, old->last, q->first))
				q->first = sch_calendar__work_day(t, last + 1, 1);
		}
	}
	if (i < 0) {
		sch_break *nb = realloc(t->breaks, (t->n_breaks + 1) * sizeof *nb);
		if (!nb) {
			sch_calendar_free(t);
			return sch_error_oom();
		}
		t->breaks = nb;
		i = (int)t->n_breaks++;
		memset(&nb[i], 0, sizeof nb[i]);
		nb[i].id = strdup(id);
		nb[i].name = strdup(name ? name : id);
	} else if (name) {
		free((char *)t->breaks[i].name);
		t->breaks[i].name = strdup(name);
	}
	if (!t->breaks[i].id || !t->breaks[i].name) {
		sch_calendar_free(t);
		return sch_error_oom();
	}
	t->breaks[i].first = first;
	t->breaks[i].last = last;
	t->breaks[i].grade_min = grade_min;
	t->breaks[i].grade_max = grade_max;
	qsort(t->breaks, t->n_breaks, sizeof *t->breaks, cmp_break);
	return commit(cal, t);
}

int sch_calendar_remove_break(sch_calendar *cal, const char *id)
{
	if (!cal || !id)
		return sch_error_set(SCH_EINVALID, "sch_calendar_remove_break: NULL argument");
	int i = find_break(cal, id);
	if (i < 0) {
		const char *ids[64];
		size_t n = 0;
		for (size_t k = 0; k < cal->n_breaks && n < 64; k++)
			ids[n++] = cal->breaks[k].id;
		const char *near = sch_suggest(id, ids, n);
		if (near)
			return sch_error_set(SCH_ENOTFOUND, "no break '%s' in the calendar (did you mean %s?)", id, near);
		return sch_error_set(SCH_ENOTFOUND, "no break '%s' in the calendar", id);
	}
	free((char *)cal->breaks[i].id);
	free((char *)cal->breaks[i].name);
	memmove(&cal->breaks[i], &cal->breaks[i + 1], (cal->n_breaks - (size_t)i - 1) * sizeof *cal->breaks);
	cal->n_breaks--;
	return mark_edited(cal);
}

int sch_calendar_set_holiday(sch_calendar *cal, sch_date date, const char *name)
{
	sch_calendar *t;
	int rc;
	if ((rc = date_given(date, "the holiday")) || (rc = begin(&t, cal)))
		return rc;
	char *nm = strdup(name && *name ? name : "праздник");
	if (!nm) {
		sch_calendar_free(t);
		return sch_error_oom();
	}
	sch_holiday *h = (sch_holiday *)find_holiday(t, date);
	if (h) {
		free((char *)h->name);
		h->name = nm;
	} else {
		sch_holiday *nh = realloc(t->holidays, (t->n_holidays + 1) * sizeof *nh);
		if (!nh) {
			free(nm);
			sch_calendar_free(t);
			return sch_error_oom();
		}
		t->holidays = nh;
		size_t at = 0;
		while (at < t->n_holidays && nh[at].date < date)
			at++;
		memmove(&nh[at + 1], &nh[at], (t->n_holidays - at) * sizeof *nh);
		nh[at] = (sch_holiday){date, nm};
		t->n_holidays++;
	}
	return commit(cal, t);
}

int sch_calendar_remove_holiday(sch_calendar *cal, sch_date date)
{
	char a[16];
	if (!cal)
		return sch_error_set(SCH_EINVALID, "no calendar");
	const sch_holiday *h = find_holiday(cal, date);
	if (!h)
		return sch_error_set(SCH_ENOTFOUND, "%s is not a holiday in the calendar", sch_date_iso(date, a));
	size_t i = (size_t)(h - cal->holidays);
	free((char *)h->name);
	memmove(&cal->holidays[i], &cal->holidays[i + 1], (cal->n_holidays - i - 1) * sizeof *cal->holidays);
	cal->n_holidays--;
	return mark_edited(cal);
}

int sch_calendar_set_transfer(sch_calendar *cal, sch_date date, int follows, const char *note)
{
	sch_calendar *t;
	int rc;
	if (follows < SCH_TRANSFER_OFF || follows > 6)
		return sch_error_set(SCH_EINVALID, "a transfer follows a weekday (mon .. sun) or makes the day off");
	if ((rc = date_given(date, "the transfer")) || (rc = begin(&t, cal)))
		return rc;
	char *nt = strdup(note ? note : "");
	if (!nt) {
		sch_calendar_free(t);
		return sch_error_oom();
	}
	sch_transfer *x = (sch_transfer *)find_transfer(t, date);
	if (x) {
		free((char *)x->note);
		x->note = nt;
		x->follows = follows;
	} else {
		sch_transfer *nx = realloc(t->transfers, (t->n_transfers + 1) * sizeof *nx);
		if (!nx) {
			free(nt);
			sch_calendar_free(t);
			return sch_error_oom();
		}
		t->transfers = nx;
		size_t at = 0;
		while (at < t->n_transfers && nx[at].date < date)
			at++;
		memmove(&nx[at + 1], &nx[at], (t->n_transfers - at) * sizeof *nx);
		nx[at] = (sch_transfer){date, follows, nt};
		t->n_transfers++;
	}
	return commit(cal, t);
}

int sch_calendar_remove_transfer(sch_calendar *cal, sch_date date)
{
	char a[16];
	if (!cal)
		return sch_error_set(SCH_EINVALID, "no calendar");
	const sch_transfer *x = find_transfer(cal, date);
	if (!x)
		return sch_error_set(SCH_ENOTFOUND, "%s has no transfer in the calendar", sch_date_iso(date, a));
	size_t i = (size_t)(x - cal->transfers);
	free((char *)x->note);
	memmove(&cal->transfers[i], &cal->transfers[i + 1], (cal->n_transfers - i - 1) * sizeof *cal->transfers);
	cal->n_transfers--;
	return mark_edited(cal);
}

int sch_calendar_set_norm_weeks(sch_calendar *cal, int lo, int hi, int weeks)
{
	if (!cal)
		return sch_error_set(SCH_EINVALID, "no calendar");
	if (lo < 1 || hi > SCH_MAX_GRADE || lo > hi)
		return sch_error_set(SCH_EINVALID, "grades %d-%d: expected a range within 1-%d", lo, hi, SCH_MAX_GRADE);
	if (weeks < 0 || weeks > 53)
		return sch_error_set(SCH_EINVALID, "%d school weeks: expected 0-53", weeks);
	for (int g = lo; g <= hi; g++)
		cal->weeks[g] = weeks;
	return 0;
}

/* ---- What a date is ---- */

int sch_calendar_day(const sch_calendar *cal, sch_date date, int grade, sch_day_info *out)
{
	if (!cal || !out)
		return sch_error_set(SCH_EINVALID, "sch_calendar_day: NULL argument");
	memset(out, 0, sizeof *out);
	out->name = "";
	out->follows = date == SCH_DATE_NONE ? 0 : sch_date_weekday(date);
	if (!in_year(cal, date)) {
		out->kind = SCH_DAY_OUTSIDE;
		return 0;
	}
	for (int i = 0; i < 4; i++)
		if (cal->q[i].first != SCH_DATE_NONE && date >= cal->q[i].first && date <= cal->q[i].last)
			out->quarter = i + 1;
	const sch_transfer *x = find_transfer(cal, date);
	const sch_holiday *h = find_holiday(cal, date);
	if (x && x->follows != SCH_TRANSFER_OFF)
		out->follows = x->follows;
	if (h) {
		out->kind = SCH_DAY_HOLIDAY;
		out->name = h->name;
		return 0;
	}
	if (x && x->follows == SCH_TRANSFER_OFF) {
		out->kind = SCH_DAY_OFF;
		out->name = x->note;
		return 0;
	}
	for (size_t i = 0; i < cal->n_breaks; i++) {
		const sch_break *b = &cal->breaks[i];
		if (date >= b->first && date <= b->last && (grade <= 0 || (grade >= b->grade_min && grade <= b->grade_max))) {
			out->kind = SCH_DAY_BREAK;
			out->name = b->name;
			return 0;
		}
	}
	if (out->quarter == 0) {
		out->kind = SCH_DAY_NO_QUARTER;
		return 0;
	}
	out->kind = SCH_DAY_SCHOOL;
	if (x)
		out->name = x->note;
	return 0;
}

int sch_calendar__days(const sch_calendar *cal, sch_date first, sch_date last, sch_cal_day **out)
{
	size_t n = last >= first ? (size_t)(last - first + 1) : 0;
	sch_cal_day *v = calloc(n + 1, sizeof *v);
	*out = NULL;
	if (!v)
		return sch_error_oom();
	for (size_t k = 0; k < n; k++) {
		sch_date d = first + (sch_date)k;
		v[k].follows = sch_date_weekday(d);
		v[k].closed = !in_year(cal, d);
	}
	for (int i = 0; i < 4; i++) {
		const sch_quarter *q = &cal->q[i];
		if (q->first == SCH_DATE_NONE)
			continue;
		for (sch_date d = q->first > first ? q->first : first; d <= q->last && d <= last; d++)
			v[d - first].quarter = i + 1;
	}
	for (size_t i = 0; i < cal->n_holidays; i++) {
		sch_date d = cal->holidays[i].date;
		if (d >= first && d <= last)
			v[d - first].closed = 1;
	}
	for (size_t i = 0; i < cal->n_transfers; i++) {
		const sch_transfer *x = &cal->transfers[i];
		if (x->date < first || x->date > last)
			continue;
		if (x->follows == SCH_TRANSFER_OFF)
			v[x->date - first].closed = 1;
		else
			v[x->date - first].follows = x->follows;
	}
	for (size_t i = 0; i < cal->n_breaks; i++) {
		const sch_break *b = &cal->breaks[i];
		uint32_t mask = 0;
		for (int g = b->grade_min; g <= b->grade_max && g <= SCH_MAX_GRADE; g++)
			mask |= 1u << g;
		for (sch_date d = b->first > first ? b->first : first; d <= b->last && d <= last; d++)
			v[d - first].break_grades |= mask;
	}
	*out = v;
	return 0;
}

int sch_calendar__class_day(const sch_school *s, int cls, int code)
{
	const sch_class_def *c = &s->classes[cls];
	int week = c->week_days > 0 && c->week_days <= s->n_days ? c->week_days : s->n_days;
	for (int d = 0; d < week; d++)
		if (s->day_codes[d] == code)
			return d;
	return -1;
}

/* ---- School weeks ---- */

/* The day codes (bit per code) of a grade's week: the longest week among its classes. */
static int grade_week(const sch_school *s, int grade, uint32_t *codes)
{
	int best = 0;
	*codes = 0;
	for (int c = 0; s && c < s->n_classes; c++) {
		if (s->classes[c].grade != grade)
			continue;
		int week = s->classes[c].week_days > 0 && s->classes[c].week_days <= s->n_days ? s->classes[c].week_days
												  : s->n_days;
		if (week > best) {
			best = week;
			*codes = 0;
			for (int d = 0; d < week; d++)
				*codes |= 1u << s->day_codes[d];
		}
	}
	if (best == 0) { /* no such class: the Kyrgyz weeks */
		best = grade == 1 ? 5 : 6;
		*codes = grade == 1 ? 0x1f : 0x3f;
	}
	return best;
}

int sch_calendar_grade_weeks(const sch_calendar *cal, const sch_school *school, int grade, sch_calendar_weeks *out)
{
	if (!cal || !out)
		return sch_error_set(SCH_EINVALID, "sch_calendar_grade_weeks: NULL argument");
	if (grade < 1 || grade > SCH_MAX_GRADE)
		return sch_error_set(SCH_EINVALID, "grade %d: expected 1-%d", grade, SCH_MAX_GRADE);
	memset(out, 0, sizeof *out);
	uint32_t codes;
	out->grade = grade;
	out->week_days = grade_week(school, grade, &codes);
	out->norm = cal->weeks[grade];
	sch_cal_day *days = NULL;
	int rc = sch_calendar__days(cal, cal->first, cal->last, &days);
	if (rc)
		return rc;
	for (sch_date d = cal->first; d <= cal->last; d++) {
		const sch_cal_day *cd = &days[d - cal->first];
		if (cd->quarter == 0 || cd->closed || (cd->break_grades & (1u << grade)) || !(codes & (1u << cd->follows)))
			continue;
		out->days[0]++;
		out->days[cd->quarter]++;
	}
	free(days);
	for (int i = 0; i < 5; i++)
		out->weeks[i] = (double)out->days[i] / out->week_days;
	return 0;
}

/* ---- Validation ---- */

static void add(sch_diags *diags, int severity, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void add(sch_diags *diags, int severity, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sch_diags_add(diags, severity, "", 0, 0, "%s", msg);
}

/* Why a date is not a good first day of a quarter (NULL when it is). */
static const char *bad_start(const sch_calendar *c, sch_date d, char *why, size_t n)
{
	const sch_holiday *h = find_holiday(c, d);
	const sch_transfer *x = find_transfer(c, d);
	if (h) {
		snprintf(why, n, "a holiday (%s)", h->name);
		return why;
	}
	if (x && x->follows == SCH_TRANSFER_OFF) {
		snprintf(why, n, "a day off by a transfer");
		return why;
	}
	for (size_t i = 0; i < c->n_breaks; i++) {
		const sch_break *b = &c->breaks[i];
		if (d >= b->first && d <= b->last && b->grade_min <= 1 && b->grade_max >= 11) {
			snprintf(why, n, "in the break %s (%s)", b->id, b->name);
			return why;
		}
	}
	return NULL;
}

int sch_calendar_validate(const sch_calendar *c, const sch_school *school, sch_diags *diags)
{
	char a[16], b[16], e[16], f[16], why[200];
	if (!c || !diags)
		return sch_error_set(SCH_EINVALID, "sch_calendar_validate: NULL argument");
	size_t errors_before = sch_diags_errors(diags);
	if (check_structure(c)) {
		add(diags, SCH_DIAG_ERROR, "%s", sch_error_last()->message);
		return SCH_EINVALID;
	}
	int all_set = 1;
	for (int i = 0; i < 4; i++) {
		const sch_quarter *q = &c->q[i];
		if (q->first == SCH_DATE_NONE) {
			add(diags, SCH_DIAG_ERROR, "quarter %d is not set (calendar quarter %d --from ... --to ...)", i + 1,
			    i + 1);
			all_set = 0;
			continue;
		}
		if (bad_start(c, q->first, why, sizeof why))
			add(diags, SCH_DIAG_ERROR, "quarter %d starts on %s, %s", i + 1, sch_date_iso(q->first, a), why);
		else if (sch_date_weekday(q->first) == 6 && !find_transfer(c, q->first))
			add(diags, SCH_DIAG_WARNING, "quarter %d starts on a Sunday (%s)", i + 1, sch_date_iso(q->first, a));
		for (size_t k = 0; k < c->n_breaks; k++) {
			const sch_break *br = &c->breaks[k];
			if (br->grade_min <= 1 && br->grade_max >= 11 && br->first <= q->last && q->first <= br->last)
				add(diags, SCH_DIAG_WARNING, "the break %s (%s .. %s) overlaps quarter %d (%s .. %s)", br->id,
				    sch_date_iso(br->first, a), sch_date_iso(br->last, b), i + 1,
				    sch_date_iso(q->first, e), sch_date_iso(q->last, f));
		}
	}
	/* Days that would be school days but belong to no quarter and no break. */
	if (all_set) {
		for (int i = -1; i < 4; i++) {
			sch_date from = i < 0 ? c->first : c->q[i].last + 1;
			sch_date to = i == 3 ? c->last : c->q[i + 1].first - 1;
			int lost = 0;
			sch_date first_lost = SCH_DATE_NONE;
			for (sch_date d = from; d <= to; d++) {
				sch_day_info info;
				sch_calendar_day(c, d, 0, &info);
				if (info.kind == SCH_DAY_NO_QUARTER && sch_date_weekday(d) != 6) {
					if (!lost)
						first_lost = d;
					lost++;
				}
			}
			if (lost)
				add(diags, SCH_DIAG_WARNING,
				    "%d day%s from %s %s in no quarter and no break: no lessons are given there", lost,
				    lost == 1 ? "" : "s", sch_date_iso(first_lost, a), lost == 1 ? "is" : "are");
		}
	}
	for (size_t i = 0; i < c->n_transfers; i++) {
		const sch_transfer *x = &c->transfers[i];
		if (x->follows == SCH_TRANSFER_OFF)
			continue;
		const sch_holiday *h = find_holiday(c, x->date);
		sch_day_info info;
		sch_calendar_day(c, x->date, 0, &info);
		if (h)
			add(diags, SCH_DIAG_WARNING, "%s is a holiday (%s): its transfer to a working day has no effect",
			    sch_date_iso(x->date, a), h->name);
		else if (info.kind == SCH_DAY_NO_QUARTER || info.kind == SCH_DAY_BREAK)
			add(diags, SCH_DIAG_WARNING, "%s works by a transfer but is %s: no lessons are given there",
			    sch_date_iso(x->date, a), info.kind == SCH_DAY_BREAK ? "in a break" : "in no quarter");
	}
	/* School weeks per grade. */
	uint32_t grades = 0;
	for (int k = 0; school && k < school->n_classes; k++)
		grades |= 1u << school->classes[k].grade;
	if (!school)
		grades = 0xffe; /* grades 1-11 */
	for (int g = 1; g <= SCH_MAX_GRADE && all_set; g++) {
		sch_calendar_weeks w, w2;
		if (!(grades & (1u << g)))
			continue;
		if (sch_calendar_grade_weeks(c, school, g, &w))
			return sch_error_last()->code;
		if (w.norm <= 0 || w.weeks[0] + 1e-9 >= w.norm)
			continue;
		/* Grades alike make one warning: "grades 2-11 have ...". */
		int last = g;
		while (last + 1 <= SCH_MAX_GRADE && (grades & (1u << (last + 1))) &&
		       sch_calendar_grade_weeks(c, school, last + 1, &w2) == 0 && w2.days[0] == w.days[0] &&
		       w2.week_days == w.week_days && w2.norm == w.norm)
			last++;
		if (last > g)
			add(diags, SCH_DIAG_WARNING,
			    "grades %d-%d have %.1f school weeks (%d days of a %d-day week), short of the %d they need", g,
			    last, w.weeks[0], w.days[0], w.week_days, w.norm);
		else
			add(diags, SCH_DIAG_WARNING,
			    "grade %d has %.1f school weeks (%d days of a %d-day week), short of the %d it needs", g,
			    w.weeks[0], w.days[0], w.week_days, w.norm);
		g = last;
	}
	return sch_diags_errors(diags) > errors_before ? SCH_EINVALID : 0;
}
