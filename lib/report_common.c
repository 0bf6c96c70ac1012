/* What grades and reports share: the school's titles, period dates, grading schemes, classes and quarter locks. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "report_int.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"

int sch_period_parse(const char *text)
{
	static const char *const names[5] = {"year", "q1", "q2", "q3", "q4"};
	if (text) {
		for (int i = 0; i < 5; i++)
			if (strcmp(text, names[i]) == 0)
				return i;
		if (text[0] >= '1' && text[0] <= '4' && !text[1])
			return text[0] - '0';
	}
	return sch_error_set(SCH_EINVALID, "period \"%s\": expected a quarter 1-4 (q1-q4) or year", text ? text : "");
}

const char *sch_period_name(int period)
{
	static const char *const names[5] = {"year", "q1", "q2", "q3", "q4"};
	return period >= 0 && period <= 4 ? names[period] : NULL;
}

int sch_report__school(sch_store *st, char **name, char **year)
{
	sqlite3_stmt *q = NULL;
	int rc = 0, s;
	*name = *year = NULL;
	/* The school's name is a column; its year is the calendar's, else the YAML's "year:". */
	if ((rc = sch_store__prepare(st, &q,
				     "SELECT (SELECT name FROM schools ORDER BY rev DESC LIMIT 1),"
				     "       (SELECT year || '-' || (year + 1) FROM calendar WHERE id = 1)",
				     "reading the school's name")))
		return rc;
	s = sqlite3_step(q);
	if (s != SQLITE_ROW) {
		rc = sch_store__fail(st, s, "reading the school's name");
		goto done;
	}
	*name = sch_store__text(q, 0);
	*year = sch_store__text(q, 1);
	if (!*name || !*year)
		rc = sch_error_oom();
done:
	sqlite3_finalize(q);
	if (rc) {
		free(*name);
		free(*year);
		*name = *year = NULL;
	}
	return rc;
}

int sch_report__period_dates(sch_store *st, int period, char first[11], char last[11])
{
	sqlite3_stmt *q = NULL;
	int rc;
	const char *sql = period == SCH_PERIOD_YEAR
				  ? "SELECT min(first_day), max(last_day), count(*) FROM calendar_quarters WHERE ?1 = 0"
				  : "SELECT first_day, last_day, 1 FROM calendar_quarters WHERE n = ?1";
	if (period < 0 || period > 4)
		return sch_error_set(SCH_EINVALID, "quarter %d: expected 1-4 or the year", period);
	if ((rc = sch_store__prepare(st, &q, sql, "reading the calendar")))
		return rc;
	sqlite3_bind_int(q, 1, period);
	int s = sqlite3_step(q);
	if (s == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL) {
		snprintf(first, 11, "%s", (const char *)sqlite3_column_text(q, 0));
		snprintf(last, 11, "%s", (const char *)sqlite3_column_text(q, 1));
	} else if (s == SQLITE_ROW || s == SQLITE_DONE) {
		rc = sch_error_set(SCH_ENOTFOUND,
				   "%s: no calendar with quarters: make one with 'schedule calendar generate --db %s'",
				   sch_store_path(st), sch_store_path(st));
	} else {
		rc = sch_store__fail(st, s, "reading the calendar");
	}
	sqlite3_finalize(q);
	return rc;
}

int sch_report__quarter_closed(sch_store *st, int q, int *closed)
{
	long long v = 0;
	int rc = sch_store__int(st, "SELECT count(*) FROM quarter_locks WHERE quarter = ?1", q, 0, &v,
				"reading the quarter locks");
	*closed = v > 0;
	return rc;
}

/* ---- grading schemes ---- */

void sch_report__scores_free(sch_scores *s)
{
	if (s) {
		free(s->items);
		memset(s, 0, sizeof *s);
	}
}

int sch_report__scores(sch_store *st, int grade, sch_scores *out)
{
	sqlite3_stmt *q = NULL;
	int rc, s, cap = 0;
	memset(out, 0, sizeof *out);
	if ((rc = sch_store__prepare(st, &q,
				     "SELECT b.scheme, json_extract(v.value, '$.value'), json_extract(v.value, '$.score') "
				     "FROM grading_bands b JOIN grading_schemes g ON g.id = b.scheme, "
				     "     json_each(g.spec, '$.values') v "
				     "WHERE ?1 BETWEEN b.grade_min AND b.grade_max ORDER BY v.key",
				     "reading the grading scheme")))
		return rc;
	sqlite3_bind_int(q, 1, grade);
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 8;
			sch_score_item *it = realloc(out->items, sizeof *it * (size_t)cap);
			if (!it) {
				rc = sch_error_oom();
				goto done;
			}
			out->items = it;
		}
		sch_score_item *it = &out->items[out->n++];
		snprintf(out->scheme, sizeof out->scheme, "%s", (const char *)sqlite3_column_text(q, 0));
		const unsigned char *v = sqlite3_column_text(q, 1);
		snprintf(it->value, sizeof it->value, "%s", v ? (const char *)v : "");
		it->has_score = sqlite3_column_type(q, 2) == SQLITE_INTEGER || sqlite3_column_type(q, 2) == SQLITE_FLOAT;
		it->score = it->has_score ? sqlite3_column_double(q, 2) : 0;
	}
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "reading the grading scheme");
	else if (out->n == 0)
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no grading scheme for grade %d (grading_bands)", sch_store_path(st),
				   grade);
done:
	sqlite3_finalize(q);
	if (rc)
		sch_report__scores_free(out);
	return rc;
}

int sch_report__score(const sch_scores *s, const char *value, double *score)
{
	for (int i = 0; value && i < s->n; i++)
		if (strcmp(s->items[i].value, value) == 0) {
			if (!s->items[i].has_score)
				return 0;
			*score = s->items[i].score;
			return 1;
		}
	return 0;
}

int sch_report__in_scheme(const sch_scores *s, const char *value)
{
	for (int i = 0; value && i < s->n; i++)
		if (strcmp(s->items[i].value, value) == 0)
			return 1;
	return 0;
}

void sch_report__scheme_marks(const sch_scores *s, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < s->n && len + 1 < n; i++) {
		int k = snprintf(buf + len, n - len, "%s%s", i ? ", " : "", s->items[i].value);
		if (k < 0)
			break;
		len += (size_t)k;
	}
}

/* ---- classes ---- */

int sch_report__load_school(sch_school **out, sch_store *st)
{
	int rev = 0, rc;
	*out = NULL;
	if ((rc = sch_store__current_rev(st, &rev)) || rev == 0)
		return rc;
	return sch_store__load_rev(out, st, rev, NULL);
}

/* Up to 200 class names that have pupils, for suggestions. */
static int pupil_classes(sch_store *st, char ***names, int *n)
{
	sqlite3_stmt *q = NULL;
	int rc, s;
	*names = NULL;
	*n = 0;
	if ((rc = sch_store__prepare(st, &q, "SELECT DISTINCT class FROM pupils ORDER BY class LIMIT 200",
				     "reading the classes")))
		return rc;
	char **v = calloc(201, sizeof *v);
	if (!v) {
		sqlite3_finalize(q);
		return sch_error_oom();
	}
	while ((s = sqlite3_step(q)) == SQLITE_ROW)
		if (!(v[(*n)++] = sch_store__text(q, 0))) {
			rc = sch_error_oom();
			break;
		}
	if (rc == 0 && s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "reading the classes");
	sqlite3_finalize(q);
	*names = v;
	return rc;
}

int sch_report__class(sch_store *st, const sch_school *school, const char *class_id, int *grade, int *pupils)
{
	long long n = 0;
	sqlite3_stmt *q = NULL;
	int rc, c = school ? sch_school_find_class(school, class_id) : -1;
	if (!class_id || !*class_id)
		return sch_error_set(SCH_EINVALID, "no class given");
	if ((rc = sch_store__prepare(st, &q, "SELECT count(*), sum(status = 'active') FROM pupils WHERE class = ?1",
				     "reading the pupils")))
		return rc;
	sqlite3_bind_text(q, 1, class_id, -1, SQLITE_STATIC);
	long long all = 0;
	int s = sqlite3_step(q);
	if (s == SQLITE_ROW) {
		all = sqlite3_column_int64(q, 0);
		n = sqlite3_column_int64(q, 1);
	} else {
		rc = sch_store__fail(st, s, "reading the pupils");
	}
	sqlite3_finalize(q);
	if (rc)
		return rc;
	if (c < 0 && all == 0) {
		/* Neither the school nor the pupils know it: suggest the nearest name. */
		char **names = NULL;
		int k = 0;
		const char *near = NULL;
		if (school) {
			int nc = sch_school_class_count(school);
			const char **ids = calloc((size_t)nc + 1, sizeof *ids);
			for (int i = 0; ids && i < nc; i++)
				ids[i] = sch_school_class_id(school, i);
			near = ids ? sch_suggest(class_id, ids, (size_t)nc) : NULL;
			rc = near ? sch_error_set(SCH_ENOTFOUND, "no class \"%s\"; did you mean \"%s\"?", class_id, near)
				  : sch_error_set(SCH_ENOTFOUND, "no class \"%s\" in the school", class_id);
			free(ids);
			return rc;
		}
		if ((rc = pupil_classes(st, &names, &k)) == 0) {
			near = sch_suggest(class_id, (const char *const *)names, (size_t)k);
			rc = near ? sch_error_set(SCH_ENOTFOUND, "no class \"%s\"; did you mean \"%s\"?", class_id, near)
				  : sch_error_set(SCH_ENOTFOUND, "no class \"%s\": no pupils are in it", class_id);
		}
		for (int i = 0; names && i < k; i++)
			free(names[i]);
		free(names);
		return rc;
	}
	if (n == 0)
		return sch_error_set(SCH_EINVALID, "class %s has no pupils (add them with 'schedule pupils')", class_id);
	if (grade) {
		*grade = 0;
		if (c >= 0)
			*grade = school->classes[c].grade;
		else
			for (const char *p = class_id; isdigit((unsigned char)*p) && *grade < 100; p++)
				*grade = *grade * 10 + (*p - '0');
	}
	if (pupils)
		*pupils = (int)n;
	return 0;
}
