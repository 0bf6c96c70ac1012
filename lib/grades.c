/* Final grades: the rounding rule, suggestions from the journal's marks, the teacher's grades, the annual grade, the audit trail. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "report_int.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"

#define ROUND_AT_KEY "grades.round_at"

int sch_grades_round(double average, double round_at)
{
	double whole = floor(average);
	/* The tolerance makes 3.6 (3.5999... in binary) meet 0.6, and keeps 3.49 below 0.5. */
	return (int)whole + (average - whole + 1e-9 >= round_at ? 1 : 0);
}

static int check_round_at(double round_at)
{
	if (!(round_at > 0 && round_at <= 1))
		return sch_error_set(SCH_EINVALID, "rounding threshold %g: expected a fraction in (0, 1], e.g. 0.5 or 0.6",
				     round_at);
	return 0;
}

int sch_grades_suggest_value(int *grade, double *average, const double *values, size_t n, double round_at)
{
	int rc = check_round_at(round_at);
	if (rc)
		return rc;
	if (n == 0)
		return sch_error_set(SCH_ENOTFOUND, "no marks to average");
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += values[i];
	if (average)
		*average = sum / (double)n;
	if (grade)
		*grade = sch_grades_round(sum / (double)n, round_at);
	return 0;
}

int sch_grades_round_at(double *out, sch_store *st)
{
	sqlite3_stmt *q = NULL;
	int rc;
	*out = SCH_GRADES_ROUND_AT_DEFAULT;
	if (!st)
		return sch_error_set(SCH_EINVALID, "sch_grades_round_at: NULL store");
	if ((rc = sch_store__prepare(st, &q, "SELECT value FROM meta WHERE key = '" ROUND_AT_KEY "'",
				     "reading the rounding rule")))
		return rc;
	int s = sqlite3_step(q);
	if (s == SQLITE_ROW) {
		char *end;
		const char *v = (const char *)sqlite3_column_text(q, 0);
		double d = v ? strtod(v, &end) : 0;
		if (v && *end == '\0' && d > 0 && d <= 1)
			*out = d;
		else
			rc = sch_error_set(SCH_EDB, "%s: meta %s = \"%s\" is not a fraction in (0, 1]", sch_store_path(st),
					   ROUND_AT_KEY, v ? v : "");
	} else if (s != SQLITE_DONE) {
		rc = sch_store__fail(st, s, "reading the rounding rule");
	}
	sqlite3_finalize(q);
	return rc;
}

int sch_grades_set_round_at(sch_store *st, double round_at)
{
	sqlite3_stmt *q = NULL;
	char text[32];
	int rc;
	if (!st)
		return sch_error_set(SCH_EINVALID, "sch_grades_set_round_at: NULL store");
	if ((rc = check_round_at(round_at)))
		return rc;
	snprintf(text, sizeof text, "%g", round_at);
	if ((rc = sch_store__prepare(st, &q,
				     "INSERT INTO meta(key, value) VALUES ('" ROUND_AT_KEY "', ?1) "
				     "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				     "setting the rounding rule")))
		return rc;
	sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "setting the rounding rule");
	sqlite3_finalize(q);
	return rc;
}

/* ---- writing grades ---- */

typedef struct {
	sch_store *st;
	char by[128];
	double round_at;
	sch_scores sc;
	int q4_closed;
	sch_grades_info info;
	sqlite3_stmt *get, *put, *audit, *quarters;
} gctx;

static void gctx_free(gctx *g)
{
	sqlite3_finalize(g->get);
	sqlite3_finalize(g->put);
	sqlite3_finalize(g->audit);
	sqlite3_finalize(g->quarters);
	sch_report__scores_free(&g->sc);
}

static int gctx_init(gctx *g, sch_store *st, const char *by, int grade)
{
	int rc;
	memset(g, 0, sizeof *g);
	g->st = st;
	if (by && *by)
		snprintf(g->by, sizeof g->by, "%s", by);
	else
		sch_store__user(g->by, sizeof g->by);
	if ((rc = sch_grades_round_at(&g->round_at, st)) || (rc = sch_report__scores(st, grade, &g->sc)) ||
	    (rc = sch_report__quarter_closed(st, 4, &g->q4_closed)))
		return rc;
	if ((rc = sch_store__prepare(st, &g->get,
				     "SELECT value, suggested, source FROM final_grades "
				     "WHERE pupil = ?1 AND subject = ?2 AND period = ?3",
				     "reading final grades")) ||
	    (rc = sch_store__prepare(st, &g->put,
				     "INSERT INTO final_grades(pupil, subject, period, value, suggested, source, set_at, set_by) "
				     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?7) "
				     "ON CONFLICT(pupil, subject, period) DO UPDATE SET value = excluded.value, "
				     "suggested = excluded.suggested, source = excluded.source, set_at = excluded.set_at, "
				     "set_by = excluded.set_by",
				     "writing final grades")) ||
	    (rc = sch_store__prepare(st, &g->audit,
				     "INSERT INTO audit(by, entity, entity_id, pupil, field, old, new) VALUES (?1, "
				     "'final_grade', (SELECT rowid FROM final_grades WHERE pupil = ?2 AND subject = ?3 "
				     "AND period = ?4), ?2, ?3 || ':' || ?4, ?5, ?6)",
				     "writing the audit trail")) ||
	    (rc = sch_store__prepare(st, &g->quarters,
				     "SELECT period, value FROM final_grades WHERE pupil = ?1 AND subject = ?2 "
				     "AND period IN ('q1', 'q2', 'q3', 'q4')",
				     "reading final grades")))
		return rc;
	return 0;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The mark of the scheme whose score is `grade` ("4"), or the number itself. */
static void grade_text(const gctx *g, int grade, char out[32])
{
	for (int i = 0; i < g->sc.n; i++)
		if (g->sc.items[i].has_score && g->sc.items[i].score == (double)grade) {
			snprintf(out, 32, "%s", g->sc.items[i].value);
			return;
		}
	snprintf(out, 32, "%d", grade);
}

static char *col_dup(sqlite3_stmt *q, int col)
{
	return sqlite3_column_type(q, col) == SQLITE_NULL ? NULL : sch_store__text(q, col);
}

/*
 * Writes one grade. teacher 0: a new suggestion (the value follows it unless the
 * teacher set it); teacher 1: the teacher's value; teacher 2: back to the suggestion.
 */
static int apply(gctx *g, long long pupil, const char *subject, const char *period, const char *suggested,
		 int teacher, const char *value)
{
	char *old_value = NULL, *old_sugg = NULL, *old_source = NULL;
	int rc = 0, exists = 0, s;
	const char *nv, *ns, *nsrc;
	sqlite3_reset(g->get);
	sqlite3_bind_int64(g->get, 1, pupil);
	sqlite3_bind_text(g->get, 2, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(g->get, 3, period, -1, SQLITE_STATIC);
	if ((s = sqlite3_step(g->get)) == SQLITE_ROW) {
		exists = 1;
		old_value = col_dup(g->get, 0);
		old_sugg = col_dup(g->get, 1);
		old_source = col_dup(g->get, 2);
		if (!old_source) {
			rc = sch_error_oom();
			goto done;
		}
	} else if (s != SQLITE_DONE) {
		rc = sch_store__fail(g->st, s, "reading final grades");
		goto done;
	}
	sqlite3_reset(g->get);
	int was_teacher = exists && strcmp(old_source, "teacher") == 0;
	if (teacher == 0) {
		ns = suggested;
		nsrc = was_teacher ? "teacher" : "auto";
		nv = was_teacher ? old_value : suggested;
		g->info.suggested += suggested != NULL;
		if (was_teacher && !same(old_value, suggested))
			g->info.kept++;
	} else {
		ns = exists ? old_sugg : NULL;
		nsrc = teacher == 1 ? "teacher" : "auto";
		nv = teacher == 1 ? value : ns;
	}
	if (!exists && !nv && !ns)
		goto done;
	if (exists && same(old_value, nv) && same(old_sugg, ns) && strcmp(old_source, nsrc) == 0)
		goto done;
	sqlite3_reset(g->put);
	sqlite3_bind_int64(g->put, 1, pupil);
	sqlite3_bind_text(g->put, 2, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(g->put, 3, period, -1, SQLITE_STATIC);
	nv ? sqlite3_bind_text(g->put, 4, nv, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(g->put, 4);
	ns ? sqlite3_bind_text(g->put, 5, ns, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(g->put, 5);
	sqlite3_bind_text(g->put, 6, nsrc, -1, SQLITE_STATIC);
	sqlite3_bind_text(g->put, 7, g->by, -1, SQLITE_STATIC);
	if ((s = sqlite3_step(g->put)) != SQLITE_DONE) {
		rc = sch_store__fail(g->st, s, "writing final grades");
		goto done;
	}
	sqlite3_reset(g->put);
	if (!same(old_value, nv)) {
		g->info.changed++;
		sqlite3_reset(g->audit);
		sqlite3_bind_text(g->audit, 1, g->by, -1, SQLITE_STATIC);
		sqlite3_bind_int64(g->audit, 2, pupil);
		sqlite3_bind_text(g->audit, 3, subject, -1, SQLITE_STATIC);
		sqlite3_bind_text(g->audit, 4, period, -1, SQLITE_STATIC);
		old_value ? sqlite3_bind_text(g->audit, 5, old_value, -1, SQLITE_STATIC) : sqlite3_bind_null(g->audit, 5);
		nv ? sqlite3_bind_text(g->audit, 6, nv, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(g->audit, 6);
		if ((s = sqlite3_step(g->audit)) != SQLITE_DONE)
			rc = sch_store__fail(g->st, s, "writing the audit trail");
		sqlite3_reset(g->audit);
	}
done:
	free(old_value);
	free(old_sugg);
	free(old_source);
	return rc;
}

/* The annual grade of a pupil and subject from the four quarter grades (frozen once quarter 4 is closed). */
static int year_grade(gctx *g, long long pupil, const char *subject)
{
	double scores[4];
	size_t n = 0;
	int s, rc = 0;
	if (g->q4_closed)
		return 0;
	sqlite3_reset(g->quarters);
	sqlite3_bind_int64(g->quarters, 1, pupil);
	sqlite3_bind_text(g->quarters, 2, subject, -1, SQLITE_STATIC);
	while ((s = sqlite3_step(g->quarters)) == SQLITE_ROW)
		if (n < 4 && sch_report__score(&g->sc, (const char *)sqlite3_column_text(g->quarters, 1), &scores[n]))
			n++;
	sqlite3_reset(g->quarters);
	if (s != SQLITE_DONE)
		return sch_store__fail(g->st, s, "reading final grades");
	char text[32];
	int grade;
	const char *sugg = NULL;
	if (n == 4 && sch_grades_suggest_value(&grade, NULL, scores, n, g->round_at) == 0) {
		grade_text(g, grade, text);
		sugg = text;
	}
	rc = apply(g, pupil, subject, "year", sugg, 0, NULL);
	g->info.years += rc == 0 && sugg != NULL;
	return rc;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* Active pupils of a class, sorted by id. */
static int class_pupils(sch_store *st, const char *class_id, long long **ids, int *n)
{
	sqlite3_stmt *q = NULL;
	int rc, s, cap = 0;
	*ids = NULL;
	*n = 0;
	if ((rc = sch_store__prepare(st, &q, "SELECT id FROM pupils WHERE class = ?1 AND status = 'active' ORDER BY id",
				     "reading the pupils")))
		return rc;
	sqlite3_bind_text(q, 1, class_id, -1, SQLITE_STATIC);
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			long long *v = realloc(*ids, sizeof *v * (size_t)cap);
			if (!v) {
				rc = sch_error_oom();
				goto done;
			}
			*ids = v;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "reading the pupils");
done:
	sqlite3_finalize(q);
	return rc;
}

/* Subjects the class's pupils have marks or final grades in. */
static int class_subjects(sch_store *st, const char *class_id, char ***out, int *n)
{
	sqlite3_stmt *q = NULL;
	int rc, s, cap = 0;
	*out = NULL;
	*n = 0;
	if ((rc = sch_store__prepare(st, &q,
				     "SELECT jl.subject FROM marks m JOIN journal_lessons jl ON jl.id = m.journal_lesson "
				     "JOIN pupils p ON p.id = m.pupil WHERE p.class = ?1 AND p.status = 'active' "
				     "UNION SELECT f.subject FROM final_grades f JOIN pupils p ON p.id = f.pupil "
				     "WHERE p.class = ?1 AND p.status = 'active' ORDER BY 1",
				     "reading the subjects")))
		return rc;
	sqlite3_bind_text(q, 1, class_id, -1, SQLITE_STATIC);
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **v = realloc(*out, sizeof *v * (size_t)cap);
			if (!v) {
				rc = sch_error_oom();
				goto done;
			}
			*out = v;
		}
		if (!((*out)[*n] = sch_store__text(q, 0))) {
			rc = sch_error_oom();
			goto done;
		}
		(*n)++;
	}
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "reading the subjects");
done:
	sqlite3_finalize(q);
	return rc;
}

/* SCH_ENOTFOUND for a subject neither the school nor the journal knows. */
static int check_subject(sch_store *st, const sch_school *school, const char *subject)
{
	long long n = 0;
	sqlite3_stmt *q = NULL;
	if (school && sch_school_find_subject(school, subject) >= 0)
		return 0;
	int rc = sch_store__prepare(st, &q,
				    "SELECT EXISTS(SELECT 1 FROM journal_lessons WHERE subject = ?1) OR "
				    "EXISTS(SELECT 1 FROM final_grades WHERE subject = ?1)",
				    "reading the subjects");
	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, subject, -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	if (s == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	else
		rc = sch_store__fail(st, s, "reading the subjects");
	sqlite3_finalize(q);
	if (rc || n)
		return rc;
	if (school) {
		int ns = sch_school_subject_count(school);
		const char **ids = calloc((size_t)ns + 1, sizeof *ids);
		for (int i = 0; ids && i < ns; i++)
			ids[i] = sch_school_subject_id(school, i);
		const char *near = ids ? sch_suggest(subject, ids, (size_t)ns) : NULL;
		rc = near ? sch_error_set(SCH_ENOTFOUND, "no subject \"%s\"; did you mean \"%s\"?", subject, near)
			  : sch_error_set(SCH_ENOTFOUND, "no subject \"%s\" in the school", subject);
		free(ids);
		return rc;
	}
	return sch_error_set(SCH_ENOTFOUND, "no subject \"%s\" in the journal", subject);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Suggestions of the quarters asked (quarter 0: all four) for the pupils ids[0..n)
 * (sorted) and subjects subj[0..ns) (sorted): one pass over the class's marks.
 */
static int suggest_class(gctx *g, const char *class_id, const long long *ids, int n, char *const *subj, int ns,
			 int quarter)
{
	char first[5][11], last[5][11], text[32];
	sqlite3_stmt *m = NULL;
	size_t cells = (size_t)ns * (size_t)n * 4 + 1;
	double *sum = calloc(cells, sizeof *sum);
	int *cnt = calloc(cells, sizeof *cnt);
	int rc = 0, s;
	if (!sum || !cnt) {
		rc = sch_error_oom();
		goto done;
	}
	for (int q = 1; q <= 4 && rc == 0; q++)
		if (quarter == 0 || quarter == q)
			rc = sch_report__period_dates(g->st, q, first[q], last[q]);
	if (rc)
		goto done;
	int q_lo = quarter ? quarter : 1, q_hi = quarter ? quarter : 4;
	if ((rc = sch_store__prepare(g->st, &m,
				     "SELECT m.pupil, jl.subject, jl.day, m.value FROM pupils p "
				     "JOIN marks m ON m.pupil = p.id JOIN journal_lessons jl ON jl.id = m.journal_lesson "
				     "WHERE p.class = ?1 AND p.status = 'active' AND jl.day BETWEEN ?2 AND ?3 "
				     "AND (?4 IS NULL OR jl.subject = ?4)",
				     "reading marks")))
		goto done;
	sqlite3_bind_text(m, 1, class_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(m, 2, first[q_lo], -1, SQLITE_STATIC);
	sqlite3_bind_text(m, 3, last[q_hi], -1, SQLITE_STATIC);
	ns == 1 ? sqlite3_bind_text(m, 4, subj[0], -1, SQLITE_STATIC) : sqlite3_bind_null(m, 4);
	while ((s = sqlite3_step(m)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(m, 0);
		const char *sj = (const char *)sqlite3_column_text(m, 1), *day = (const char *)sqlite3_column_text(m, 2);
		double score;
		int q = q_lo;
		while (q <= q_hi && !(strcmp(day, first[q]) >= 0 && strcmp(day, last[q]) <= 0))
			q++;
		const long long *at = bsearch(&id, ids, (size_t)n, sizeof *ids, cmp_ll);
		char *const *k = sj ? bsearch(&sj, subj, (size_t)ns, sizeof *subj, cmp_str) : NULL;
		if (q > q_hi || !at || !k || !sch_report__score(&g->sc, (const char *)sqlite3_column_text(m, 3), &score))
			continue;
		size_t cell = ((size_t)(k - subj) * (size_t)n + (size_t)(at - ids)) * 4 + (size_t)(q - 1);
		sum[cell] += score;
		cnt[cell]++;
	}
	if (s != SQLITE_DONE) {
		rc = sch_store__fail(g->st, s, "reading marks");
		goto done;
	}
	for (int k = 0; k < ns && rc == 0; k++)
		for (int q = q_lo; q <= q_hi && rc == 0; q++)
			for (int i = 0; i < n && rc == 0; i++) {
				size_t cell = ((size_t)k * (size_t)n + (size_t)i) * 4 + (size_t)(q - 1);
				const char *sugg = NULL;
				if (cnt[cell]) {
					grade_text(g, sch_grades_round(sum[cell] / cnt[cell], g->round_at), text);
					sugg = text;
				}
				rc = apply(g, ids[i], subj[k], sch_period_name(q), sugg, 0, NULL);
			}
done:
	sqlite3_finalize(m);
	free(sum);
	free(cnt);
	return rc;
}

int sch_grades_suggest(sch_grades_info *info, sch_store *st, const char *class_id, const char *subject,
		       int quarter, const char *by)
{
	gctx g;
	sch_school *school = NULL;
	long long *ids = NULL;
	char **subjects = NULL;
	int n_ids = 0, n_subj = 0, grade = 0, rc, in_tx = 0;
	char d1[11], d2[11];
	memset(&g, 0, sizeof g);
	if (info)
		memset(info, 0, sizeof *info);
	if (!st || !class_id)
		return sch_error_set(SCH_EINVALID, "sch_grades_suggest: NULL argument");
	if (quarter < 0 || quarter > 4)
		return sch_error_set(SCH_EINVALID, "quarter %d: expected 1-4 (0: all four)", quarter);
	if ((rc = sch_report__load_school(&school, st)) || (rc = sch_report__class(st, school, class_id, &grade, NULL)))
		goto done;
	if (subject && (rc = check_subject(st, school, subject)))
		goto done;
	if ((rc = sch_report__period_dates(st, quarter, d1, d2)))
		goto done;
	for (int q = 1; q <= 4; q++) {
		int closed = 0;
		if ((quarter == 0 || quarter == q) && (rc = sch_report__quarter_closed(st, q, &closed)))
			goto done;
		if (closed) {
			rc = sch_error_set(SCH_EINVALID, "quarter %d is closed: its grades are frozen until it is reopened",
					   q);
			goto done;
		}
	}
	if ((rc = sch_store__begin(st, "suggesting final grades")))
		goto done;
	in_tx = 1;
	if ((rc = gctx_init(&g, st, by, grade)) || (rc = class_pupils(st, class_id, &ids, &n_ids)))
		goto done;
	if (subject) {
		if (!(subjects = calloc(1, sizeof *subjects)) || !(subjects[0] = strdup(subject))) {
			rc = sch_error_oom();
			goto done;
		}
		n_subj = 1;
	} else if ((rc = class_subjects(st, class_id, &subjects, &n_subj))) {
		goto done;
	}
	if (n_subj > 0)
		rc = suggest_class(&g, class_id, ids, n_ids, subjects, n_subj, quarter);
	for (int k = 0; k < n_subj && rc == 0; k++)
		for (int i = 0; i < n_ids && rc == 0; i++)
			rc = year_grade(&g, ids[i], subjects[k]);
	if (rc == 0) {
		rc = sch_store__commit(st, "suggesting final grades");
		in_tx = 0;
	}
	if (rc == 0 && info)
		*info = g.info;
done:
	gctx_free(&g);
	if (in_tx)
		sch_store__rollback(st);
	for (int k = 0; k < n_subj; k++)
		free(subjects[k]);
	free(subjects);
	free(ids);
	sch_school_free(school);
	return rc;
}

int sch_grades_set(sch_store *st, long long pupil, const char *subject, int period, const char *value,
		   const char *by)
{
	gctx g;
	sch_school *school = NULL;
	char *class_id = NULL, *status = NULL;
	sqlite3_stmt *q = NULL;
	int rc, grade = 0, closed = 0, in_tx = 0, s;
	memset(&g, 0, sizeof g);
	if (!st || !subject || !*subject)
		return sch_error_set(SCH_EINVALID, "sch_grades_set: NULL argument");
	if (!sch_period_name(period))
		return sch_error_set(SCH_EINVALID, "period %d: expected 1-4 or the year (0)", period);
	if ((rc = sch_store__prepare(st, &q, "SELECT class, status FROM pupils WHERE id = ?1", "reading the pupil")))
		return rc;
	sqlite3_bind_int64(q, 1, pupil);
	if ((s = sqlite3_step(q)) == SQLITE_ROW) {
		class_id = sch_store__text(q, 0);
		status = sch_store__text(q, 1);
		if (!class_id || !status)
			rc = sch_error_oom();
	} else if (s == SQLITE_DONE) {
		rc = sch_error_set(SCH_ENOTFOUND, "no pupil with id %lld", pupil);
	} else {
		rc = sch_store__fail(st, s, "reading the pupil");
	}
	sqlite3_finalize(q);
	if (rc)
		goto done;
	if (strcmp(status, "active") != 0) {
		rc = sch_error_set(SCH_EINVALID, "pupil %lld is %s: reactivate them before setting grades", pupil, status);
		goto done;
	}
	if ((rc = sch_report__load_school(&school, st)) || (rc = check_subject(st, school, subject)))
		goto done;
	if (school && sch_school_find_class(school, class_id) >= 0)
		grade = school->classes[sch_school_find_class(school, class_id)].grade;
	else
		for (const char *p = class_id; *p >= '0' && *p <= '9' && grade < 100; p++)
			grade = grade * 10 + (*p - '0');
	if ((rc = sch_report__quarter_closed(st, period == SCH_PERIOD_YEAR ? 4 : period, &closed)))
		goto done;
	if (closed) {
		rc = period == SCH_PERIOD_YEAR
			     ? sch_error_set(SCH_EINVALID, "quarter 4 is closed: the annual grades are frozen")
			     : sch_error_set(SCH_EINVALID, "quarter %d is closed: its grades are frozen until it is reopened",
					     period);
		goto done;
	}
	if ((rc = sch_store__begin(st, "setting a final grade")))
		goto done;
	in_tx = 1;
	if ((rc = gctx_init(&g, st, by, grade)))
		goto done;
	if (value && !sch_report__in_scheme(&g.sc, value)) {
		char marks[256];
		sch_report__scheme_marks(&g.sc, marks, sizeof marks);
		rc = sch_error_set(SCH_EINVALID, "grade \"%s\" is not a mark of the scheme %s (%s)", value, g.sc.scheme,
				   marks);
		goto done;
	}
	if ((rc = apply(&g, pupil, subject, sch_period_name(period), NULL, value ? 1 : 2, value)))
		goto done;
	if (period != SCH_PERIOD_YEAR && (rc = year_grade(&g, pupil, subject)))
		goto done;
	rc = sch_store__commit(st, "setting a final grade");
	in_tx = 0;
done:
	gctx_free(&g);
	if (in_tx)
		sch_store__rollback(st);
	free(class_id);
	free(status);
	sch_school_free(school);
	return rc;
}

int sch_grades_subjects(char ***out, size_t *n, sch_store *st, const char *class_id)
{
	sch_school *school = NULL;
	char **v = NULL, **all = NULL;
	int k = 0, rc;
	size_t bytes = 0;
	if (!out || !n || !st || !class_id)
		return sch_error_set(SCH_EINVALID, "sch_grades_subjects: NULL argument");
	*out = NULL;
	*n = 0;
	if ((rc = sch_report__load_school(&school, st)) || (rc = sch_report__class(st, school, class_id, NULL, NULL)) ||
	    (rc = class_subjects(st, class_id, &v, &k)))
		goto done;
	/* One block: the pointers, then the strings. */
	for (int i = 0; i < k; i++)
		bytes += strlen(v[i]) + 1;
	if (!(all = malloc(sizeof *all * ((size_t)k + 1) + bytes + 1))) {
		rc = sch_error_oom();
		goto done;
	}
	char *p = (char *)(all + k + 1);
	for (int i = 0; i < k; i++) {
		size_t len = strlen(v[i]) + 1;
		memcpy(p, v[i], len);
		all[i] = p;
		p += len;
	}
	all[k] = NULL;
	*out = all;
	*n = (size_t)k;
done:
	for (int i = 0; i < k; i++)
		free(v[i]);
	free(v);
	sch_school_free(school);
	return rc;
}
