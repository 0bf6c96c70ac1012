/* The school's reports: knowledge quality and success, attendance, homework, lessons given against planned, final grades. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "report_int.h"
#include "schedule/calendar.h"
#include "schedule/school.h"
#include "schedule/substitute.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"

/* What every report starts with: checked options, the school (may be NULL), titles, the class. */
typedef struct {
	sch_store *st;
	sch_report_options o;
	sch_school *school;
	char *name, *year;
	int grade;
	sch_scores sc[13]; /* per grade, loaded on demand */
} ctx;

static void ctx_free(ctx *c)
{
	sch_school_free(c->school);
	free(c->name);
	free(c->year);
	for (int i = 0; i < 13; i++)
		sch_report__scores_free(&c->sc[i]);
}

static int ctx_init(ctx *c, sch_store *st, const sch_report_options *opts, int need_class)
{
	sch_report_options dflt = SCH_REPORT_OPTIONS_INIT;
	int rc;
	memset(c, 0, sizeof *c);
	c->st = st;
	c->o = opts ? *opts : dflt;
	if (!st)
		return sch_error_set(SCH_EINVALID, "report: NULL store");
	if (c->o.version != SCH_REPORT_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "report: options version %u, expected %d", c->o.version,
				     SCH_REPORT_OPTIONS_VERSION);
	if (!sch_period_name(c->o.period))
		return sch_error_set(SCH_EINVALID, "report: quarter %d: expected 1-4, or the year", c->o.period);
	if (c->o.class_id && !*c->o.class_id)
		c->o.class_id = NULL;
	if (c->o.subject_id && !*c->o.subject_id)
		c->o.subject_id = NULL;
	if (need_class && !c->o.class_id)
		return sch_error_set(SCH_EINVALID, "report: a class is needed");
	if ((rc = sch_report__load_school(&c->school, st)) || (rc = sch_report__school(st, &c->name, &c->year)))
		return rc;
	if (!*c->year && c->school && c->school->year) {
		free(c->year);
		if (!(c->year = strdup(c->school->year)))
			return sch_error_oom();
	}
	if (c->o.class_id && (rc = sch_report__class(st, c->school, c->o.class_id, &c->grade, NULL)))
		return rc;
	if (c->o.subject_id && c->school && sch_school_find_subject(c->school, c->o.subject_id) < 0)
		return sch_error_set(SCH_ENOTFOUND, "no subject \"%s\" in the school", c->o.subject_id);
	return 0;
}

static const char *subject_name(const ctx *c, const char *id)
{
	int s = c->school ? sch_school_find_subject(c->school, id) : -1;
	const char *n = s >= 0 ? sch_school_subject_name(c->school, s, "ru") : NULL;
	return n && *n ? n : id;
}

static int class_grade(const ctx *c, const char *class_id)
{
	int k = c->school ? sch_school_find_class(c->school, class_id) : -1, g = 0;
	if (k >= 0)
		return c->school->classes[k].grade;
	for (const char *p = class_id; *p >= '0' && *p <= '9' && g < 100; p++)
		g = g * 10 + (*p - '0');
	return g;
}

/* The numeric grade of a final grade's text for a class (its grading scheme); 0 when none. */
static int grade_of(ctx *c, const char *class_id, const char *value)
{
	int g = class_grade(c, class_id);
	double score;
	if (!value)
		return 0;
	if (g < 0 || g > 12)
		g = 0;
	if (!c->sc[g].items && sch_report__scores(c->st, g, &c->sc[g]))
		return 0;
	if (!sch_report__score(&c->sc[g], value, &score))
		return 0;
	return (int)(score + 0.5);
}

static void quality_cells(sch_report_table *t, const sch_quality *q)
{
	sch_report__cell(t, "%d", q->pupils);
	for (int g = 5; g >= 2; g--)
		sch_report__cell(t, "%d", q->count[g]);
	sch_report__cell(t, "%d", q->ungraded);
	sch_report__ratio(t, q->count[5] + q->count[4], q->pupils, 100);
	sch_report__ratio(t, q->count[5] + q->count[4] + q->count[3], q->pupils, 100);
	if (q->graded)
		sch_report__cell(t, "%.2f", q->sum / q->graded);
	else
		sch_report__cell(t, "%s", "");
}

static void quality_cols(sch_report_table *t)
{
	sch_report__col(t, "pupils", "Учащихся", 1);
	sch_report__col(t, "n5", "«5»", 1);
	sch_report__col(t, "n4", "«4»", 1);
	sch_report__col(t, "n3", "«3»", 1);
	sch_report__col(t, "n2", "«2»", 1);
	sch_report__col(t, "ungraded", "н/а", 1);
	sch_report__col(t, "quality", "Качество, %", 1);
	sch_report__col(t, "success", "Успеваемость, %", 1);
	sch_report__col(t, "average", "Средний балл", 1);
}

static void quality_sum(sch_quality *to, const sch_quality *q)
{
	to->pupils += q->pupils;
	for (int g = 0; g < 6; g++)
		to->count[g] += q->count[g];
	to->ungraded += q->ungraded;
	to->sum += q->sum;
	to->graded += q->graded;
}

/* One grade of the period: pupil, class, subject (NULL when the pupil has none), its numeric grade. */
typedef struct {
	long long pupil;
	char *cls, *subject;
	int grade;
} fg_row;

static int load_grades(ctx *c, fg_row **out, int *n)
{
	sqlite3_stmt *q = NULL;
	int rc, s, cap = 0;
	*out = NULL;
	*n = 0;
	/* Every active pupil (a row with a NULL subject when they have no grade of the period), so
	 * that the ungraded are counted; the grade in force is the teacher's, else the suggestion. */
	if ((rc = sch_store__prepare(c->st, &q,
				     "SELECT p.id, p.class, f.subject, coalesce(f.value, f.suggested) FROM pupils p "
				     "LEFT JOIN final_grades f ON f.pupil = p.id AND f.period = ?1 "
				     "AND (?2 IS NULL OR f.subject = ?2) "
				     "WHERE p.status = 'active' AND (?3 IS NULL OR p.class = ?3) ORDER BY p.class, p.id",
				     "reading final grades")))
		return rc;
	sqlite3_bind_text(q, 1, sch_period_name(c->o.period), -1, SQLITE_STATIC);
	c->o.subject_id ? sqlite3_bind_text(q, 2, c->o.subject_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 2);
	c->o.class_id ? sqlite3_bind_text(q, 3, c->o.class_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 3);
	char *last_cls = NULL;
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			fg_row *v = realloc(*out, sizeof *v * (size_t)cap);
			if (!v) {
				rc = sch_error_oom();
				goto done;
			}
			*out = v;
		}
		fg_row *r = &(*out)[*n];
		memset(r, 0, sizeof *r);
		r->pupil = sqlite3_column_int64(q, 0);
		const char *cls = (const char *)sqlite3_column_text(q, 1);
		/* Rows come ordered by class: consecutive rows share one copy of its name. */
		if (!last_cls || strcmp(last_cls, cls) != 0)
			last_cls = strdup(cls);
		r->cls = last_cls;
		if (sqlite3_column_type(q, 2) != SQLITE_NULL)
			r->subject = sch_store__text(q, 2);
		(*n)++;
		if (!r->cls || (sqlite3_column_type(q, 2) != SQLITE_NULL && !r->subject)) {
			rc = sch_error_oom();
			goto done;
		}
		r->grade = grade_of(c, r->cls, (const char *)sqlite3_column_text(q, 3));
	}
	if (s != SQLITE_DONE)
		rc = sch_store__fail(c->st, s, "reading final grades");
done:
	sqlite3_finalize(q);
	return rc;
}

static void free_grades(fg_row *v, int n)
{
	for (int i = 0; i < n; i++) {
		if (i == 0 || v[i].cls != v[i - 1].cls)
			free(v[i].cls);
		free(v[i].subject);
	}
	free(v);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A class's row over the grades v[a..b): each pupil counts once, by their lowest grade
 * (all 5s: a "5"; 4s and 5s: a "4"; a 3: a "3"; a 2: a "2"; no grade: ungraded), so that
 * quality is the share of pupils learning at 4 and 5, as schools report it; the average
 * is that of every grade.
 */
static void class_quality(const fg_row *v, int a, int b, sch_quality *q)
{
	double sum = 0;
	int graded = 0;
	memset(q, 0, sizeof *q);
	for (int i = a; i < b;) {
		int j = i, low = 0;
		for (; j < b && v[j].pupil == v[i].pupil; j++)
			if (v[j].grade > 0) {
				low = low == 0 || v[j].grade < low ? v[j].grade : low;
				sum += v[j].grade;
				graded++;
			}
		sch_quality_add(q, low);
		i = j;
	}
	q->sum = sum;
	q->graded = graded;
}

int sch_report_quality(sch_report_table **out, sch_store *st, const sch_report_options *opts)
{
	ctx c;
	fg_row *v = NULL;
	int n = 0, rc;
	sch_report_table *t = NULL;
	char **subj = NULL;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_report_quality: NULL argument");
	*out = NULL;
	if ((rc = ctx_init(&c, st, opts, 0)) || (rc = load_grades(&c, &v, &n)))
		goto done;
	if (n == 0) {
		rc = sch_error_set(SCH_EINVALID, "no pupils in the school yet (add them with 'schedule pupils')");
		goto done;
	}
	if (!(t = sch_report__new("quality", "Качество знаний и успеваемость", c.name, c.year, c.o.period,
				  c.o.class_id ? c.o.class_id : c.o.subject_id ? subject_name(&c, c.o.subject_id) : NULL))) {
		rc = sch_error_oom();
		goto done;
	}
	sch_report__col(t, "class", "Класс", 0);
	if (c.o.class_id)
		sch_report__col(t, "subject", "Предмет", 0);
	quality_cols(t);
	if (c.o.class_id) {
		/* A row per subject: every active pupil of the class counts, graded or not. */
		int pupils = 0, ns = 0;
		for (int i = 0; i < n; i++)
			pupils += i == 0 || v[i].pupil != v[i - 1].pupil;
		if (!(subj = calloc((size_t)n + 1, sizeof *subj))) {
			rc = sch_error_oom();
			goto done;
		}
		for (int i = 0; i < n; i++)
			if (v[i].subject)
				subj[ns++] = v[i].subject;
		qsort(subj, (size_t)ns, sizeof *subj, cmp_str);
		for (int k = 0; k < ns; k++) {
			if (k > 0 && strcmp(subj[k], subj[k - 1]) == 0)
				continue;
			sch_quality q;
			memset(&q, 0, sizeof q);
			for (int i = 0; i < n; i++)
				if (v[i].subject && strcmp(v[i].subject, subj[k]) == 0)
					sch_quality_add(&q, v[i].grade);
			q.ungraded += pupils - q.pupils;
			q.pupils = pupils;
			sch_report__row(t, 0);
			sch_report__cell(t, "%s", c.o.class_id);
			sch_report__cell(t, "%s", subject_name(&c, subj[k]));
			quality_cells(t, &q);
		}
		sch_quality q;
		class_quality(v, 0, n, &q);
		sch_report__row(t, 1);
		sch_report__cell(t, "%s", c.o.class_id);
		sch_report__cell(t, "%s", c.o.subject_id ? subject_name(&c, c.o.subject_id) : "Все предметы");
		quality_cells(t, &q);
	} else {
		sch_quality all;
		memset(&all, 0, sizeof all);
		for (int a = 0; a < n;) {
			int b = a;
			while (b < n && v[b].cls == v[a].cls)
				b++;
			sch_quality q;
			class_quality(v, a, b, &q);
			quality_sum(&all, &q);
			sch_report__row(t, 0);
			sch_report__cell(t, "%s", v[a].cls);
			quality_cells(t, &q);
			a = b;
		}
		sch_report__row(t, 1);
		sch_report__cell(t, "%s", "Школа");
		quality_cells(t, &all);
	}
	if ((rc = sch_report__check(t)))
		goto done;
	*out = t;
	t = NULL;
done:
	sch_report_table_free(t);
	free(subj);
	free_grades(v, n);
	ctx_free(&c);
	return rc;
}

/* ---- attendance ---- */

typedef struct {
	long long pupil;
	char *name;
	int absent, excused, late;
	int *missed; /* per subject of the table */
} att_pupil;

int sch_report_attendance(sch_report_table **out, sch_store *st, const sch_report_options *opts)
{
	ctx c;
	sch_report_table *t = NULL;
	sqlite3_stmt *q = NULL;
	char first[11], last[11];
	char **subj = NULL;
	att_pupil *p = NULL;
	int np = 0, ns = 0, rc, s;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_report_attendance: NULL argument");
	*out = NULL;
	if ((rc = ctx_init(&c, st, opts, 0)) || (rc = sch_report__period_dates(st, c.o.period, first, last)))
		goto done;
	if (!c.o.class_id) {
		/* The school: a row per class. */
		if ((rc = sch_store__prepare(st, &q,
					     "SELECT p.class, count(DISTINCT p.id), "
					     "  (SELECT count(*) FROM attendance a JOIN journal_lessons jl ON jl.id = a.journal_lesson "
					     "   JOIN pupils x ON x.id = a.pupil WHERE x.class = p.class AND x.status = 'active' "
					     "   AND jl.day BETWEEN ?1 AND ?2 AND a.status = 'absent' AND (?3 IS NULL OR jl.subject = ?3)), "
					     "  (SELECT count(*) FROM attendance a JOIN journal_lessons jl ON jl.id = a.journal_lesson "
					     "   JOIN pupils x ON x.id = a.pupil WHERE x.class = p.class AND x.status = 'active' "
					     "   AND jl.day BETWEEN ?1 AND ?2 AND a.status = 'excused' AND (?3 IS NULL OR jl.subject = ?3)), "
					     "  (SELECT count(*) FROM attendance a JOIN journal_lessons jl ON jl.id = a.journal_lesson "
					     "   JOIN pupils x ON x.id = a.pupil WHERE x.class = p.class AND x.status = 'active' "
					     "   AND jl.day BETWEEN ?1 AND ?2 AND a.status = 'late' AND (?3 IS NULL OR jl.subject = ?3)) "
					     "FROM pupils p WHERE p.status = 'active' GROUP BY p.class ORDER BY p.class",
					     "reading attendance")))
			goto done;
		sqlite3_bind_text(q, 1, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, last, -1, SQLITE_STATIC);
		c.o.subject_id ? sqlite3_bind_text(q, 3, c.o.subject_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 3);
		if (!(t = sch_report__new("attendance", "Посещаемость", c.name, c.year, c.o.period,
					  c.o.subject_id ? subject_name(&c, c.o.subject_id) : NULL))) {
			rc = sch_error_oom();
			goto done;
		}
		sch_report__col(t, "class", "Класс", 0);
		sch_report__col(t, "pupils", "Учащихся", 1);
		sch_report__col(t, "absent", "Н (без причины)", 1);
		sch_report__col(t, "excused", "По уважительной", 1);
		sch_report__col(t, "late", "Опоздания", 1);
		sch_report__col(t, "missed", "Пропущено уроков", 1);
		long long tot[5] = {0};
		while ((s = sqlite3_step(q)) == SQLITE_ROW) {
			sch_report__row(t, 0);
			sch_report__cell(t, "%s", (const char *)sqlite3_column_text(q, 0));
			for (int k = 1; k <= 4; k++) {
				sch_report__cell(t, "%lld", (long long)sqlite3_column_int64(q, k));
				tot[k] += sqlite3_column_int64(q, k);
			}
			sch_report__cell(t, "%lld", (long long)(sqlite3_column_int64(q, 2) + sqlite3_column_int64(q, 3)));
		}
		if (s != SQLITE_DONE) {
			rc = sch_store__fail(st, s, "reading attendance");
			goto done;
		}
		if (t->n_rows == 0) {
			rc = sch_error_set(SCH_EINVALID, "no pupils in the school yet (add them with 'schedule pupils')");
			goto done;
		}
		sch_report__row(t, 1);
		sch_report__cell(t, "%s", "Школа");
		for (int k = 1; k <= 4; k++)
			sch_report__cell(t, "%lld", tot[k]);
		sch_report__cell(t, "%lld", tot[2] + tot[3]);
	} else {
		/* A class: a row per pupil, lessons missed per subject. */
		if ((rc = sch_store__prepare(st, &q,
					     "SELECT id, last_name || ' ' || first_name || CASE WHEN middle_name = '' THEN '' "
					     "ELSE ' ' || middle_name END FROM pupils WHERE class = ?1 AND status = 'active' "
					     "ORDER BY last_name, first_name, middle_name, id",
					     "reading the pupils")))
			goto done;
		sqlite3_bind_text(q, 1, c.o.class_id, -1, SQLITE_STATIC);
		int cap = 0;
		while ((s = sqlite3_step(q)) == SQLITE_ROW) {
			if (np == cap) {
				cap = cap ? cap * 2 : 32;
				att_pupil *v = realloc(p, sizeof *v * (size_t)cap);
				if (!v) {
					rc = sch_error_oom();
					goto done;
				}
				p = v;
			}
			memset(&p[np], 0, sizeof p[np]);
			p[np].pupil = sqlite3_column_int64(q, 0);
			if (!(p[np++].name = sch_store__text(q, 1))) {
				rc = sch_error_oom();
				goto done;
			}
		}
		sqlite3_finalize(q);
		q = NULL;
		/* Subjects with a miss in the class, in order. */
		if ((rc = sch_store__prepare(st, &q,
					     "SELECT DISTINCT jl.subject FROM attendance a JOIN journal_lessons jl ON jl.id = "
					     "a.journal_lesson JOIN pupils x ON x.id = a.pupil WHERE x.class = ?1 AND x.status = "
					     "'active' AND jl.day BETWEEN ?2 AND ?3 AND a.status IN ('absent', 'excused') "
					     "AND (?4 IS NULL OR jl.subject = ?4) ORDER BY 1",
					     "reading attendance")))
			goto done;
		sqlite3_bind_text(q, 1, c.o.class_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, last, -1, SQLITE_STATIC);
		c.o.subject_id ? sqlite3_bind_text(q, 4, c.o.subject_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 4);
		if (!(subj = calloc(SCH_REPORT_MAX_COLS, sizeof *subj))) {
			rc = sch_error_oom();
			goto done;
		}
		while ((s = sqlite3_step(q)) == SQLITE_ROW && ns < SCH_REPORT_MAX_COLS - 8)
			if (!(subj[ns++] = sch_store__text(q, 0))) {
				rc = sch_error_oom();
				goto done;
			}
		sqlite3_finalize(q);
		q = NULL;
		for (int i = 0; i < np; i++)
			if (!(p[i].missed = calloc((size_t)ns + 1, sizeof *p[i].missed))) {
				rc = sch_error_oom();
				goto done;
			}
		if ((rc = sch_store__prepare(st, &q,
					     "SELECT a.pupil, jl.subject, a.status, count(*) FROM attendance a "
					     "JOIN journal_lessons jl ON jl.id = a.journal_lesson JOIN pupils x ON x.id = a.pupil "
					     "WHERE x.class = ?1 AND x.status = 'active' AND jl.day BETWEEN ?2 AND ?3 "
					     "AND a.status != 'present' AND (?4 IS NULL OR jl.subject = ?4) "
					     "GROUP BY a.pupil, jl.subject, a.status",
					     "reading attendance")))
			goto done;
		sqlite3_bind_text(q, 1, c.o.class_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, last, -1, SQLITE_STATIC);
		c.o.subject_id ? sqlite3_bind_text(q, 4, c.o.subject_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 4);
		while ((s = sqlite3_step(q)) == SQLITE_ROW) {
			long long id = sqlite3_column_int64(q, 0);
			const char *sj = (const char *)sqlite3_column_text(q, 1), *status = (const char *)sqlite3_column_text(q, 2);
			int k = (int)sqlite3_column_int(q, 3), i = 0, j = 0;
			while (i < np && p[i].pupil != id)
				i++;
			while (j < ns && strcmp(subj[j], sj) != 0)
				j++;
			if (i == np)
				continue;
			if (strcmp(status, "absent") == 0)
				p[i].absent += k;
			else if (strcmp(status, "excused") == 0)
				p[i].excused += k;
			else
				p[i].late += k;
			if (j < ns && strcmp(status, "late") != 0)
				p[i].missed[j] += k;
		}
		if (s != SQLITE_DONE) {
			rc = sch_store__fail(st, s, "reading attendance");
			goto done;
		}
		if (!(t = sch_report__new("attendance", "Посещаемость", c.name, c.year, c.o.period, c.o.class_id))) {
			rc = sch_error_oom();
			goto done;
		}
		sch_report__col(t, "pupil", "Учащийся", 0);
		sch_report__col(t, "absent", "Н", 1);
		sch_report__col(t, "excused", "Уваж.", 1);
		sch_report__col(t, "late", "Опозд.", 1);
		sch_report__col(t, "missed", "Пропущено", 1);
		for (int j = 0; j < ns; j++)
			sch_report__col(t, subj[j], subject_name(&c, subj[j]), 1);
		att_pupil tot;
		memset(&tot, 0, sizeof tot);
		int tot_missed[SCH_REPORT_MAX_COLS] = {0};
		for (int i = 0; i < np; i++) {
			sch_report__row(t, 0);
			sch_report__cell(t, "%s", p[i].name);
			sch_report__cell(t, "%d", p[i].absent);
			sch_report__cell(t, "%d", p[i].excused);
			sch_report__cell(t, "%d", p[i].late);
			sch_report__cell(t, "%d", p[i].absent + p[i].excused);
			for (int j = 0; j < ns; j++) {
				sch_report__cell(t, "%d", p[i].missed[j]);
				tot_missed[j] += p[i].missed[j];
			}
			tot.absent += p[i].absent;
			tot.excused += p[i].excused;
			tot.late += p[i].late;
		}
		sch_report__row(t, 1);
		sch_report__cell(t, "Класс %s", c.o.class_id);
		sch_report__cell(t, "%d", tot.absent);
		sch_report__cell(t, "%d", tot.excused);
		sch_report__cell(t, "%d", tot.late);
		sch_report__cell(t, "%d", tot.absent + tot.excused);
		for (int j = 0; j < ns; j++)
			sch_report__cell(t, "%d", tot_missed[j]);
	}
	if ((rc = sch_report__check(t)))
		goto done;
	*out = t;
	t = NULL;
done:
	sqlite3_finalize(q);
	sch_report_table_free(t);
	for (int i = 0; i < np; i++) {
		free(p[i].name);
		free(p[i].missed);
	}
	free(p);
	for (int j = 0; subj && j < ns; j++)
		free(subj[j]);
	free(subj);
	ctx_free(&c);
	return rc;
}

/* ---- homework ---- */

int sch_report_homework(sch_report_table **out, sch_store *st, const sch_report_options *opts)
{
	ctx c;
	sch_report_table *t = NULL;
	sqlite3_stmt *q = NULL;
	char first[11], last[11];
	int rc, s;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_report_homework: NULL argument");
	*out = NULL;
	if ((rc = ctx_init(&c, st, opts, 0)) || (rc = sch_report__period_dates(st, SCH_PERIOD_YEAR, first, last)))
		goto done;
	/* A joint lesson's class is "9А,9Б": a class matches any of its names. */
	if ((rc = sch_store__prepare(st, &q,
				     "SELECT jl.subject, jl.class, "
				     "  sum(jl.day BETWEEN q1.first_day AND q1.last_day), "
				     "  sum(jl.day BETWEEN q2.first_day AND q2.last_day), "
				     "  sum(jl.day BETWEEN q3.first_day AND q3.last_day), "
				     "  sum(jl.day BETWEEN q4.first_day AND q4.last_day), count(*) "
				     "FROM homework h JOIN journal_lessons jl ON jl.id = h.journal_lesson "
				     "JOIN calendar_quarters q1 ON q1.n = 1 JOIN calendar_quarters q2 ON q2.n = 2 "
				     "JOIN calendar_quarters q3 ON q3.n = 3 JOIN calendar_quarters q4 ON q4.n = 4 "
				     "WHERE jl.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR ',' || jl.class || ',' LIKE '%,' || ?3 || ',%') "
				     "AND (?4 IS NULL OR jl.subject = ?4) "
				     "GROUP BY jl.subject, jl.class ORDER BY jl.subject, jl.class",
				     "reading homework")))
		goto done;
	sqlite3_bind_text(q, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, last, -1, SQLITE_STATIC);
	c.o.class_id ? sqlite3_bind_text(q, 3, c.o.class_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 3);
	c.o.subject_id ? sqlite3_bind_text(q, 4, c.o.subject_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 4);
	if (!(t = sch_report__new("homework", "Домашние задания", c.name, c.year, -1, c.o.class_id))) {
		rc = sch_error_oom();
		goto done;
	}
	sch_report__col(t, "subject", "Предмет", 0);
	sch_report__col(t, "class", "Класс", 0);
	static const char *const qk[4] = {"q1", "q2", "q3", "q4"}, *const qh[4] = {"I", "II", "III", "IV"};
	for (int k = 0; k < 4; k++)
		sch_report__col(t, qk[k], qh[k], 1);
	sch_report__col(t, "year", "Год", 1);
	long long tot[5] = {0};
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		sch_report__row(t, 0);
		sch_report__cell(t, "%s", subject_name(&c, (const char *)sqlite3_column_text(q, 0)));
		sch_report__cell(t, "%s", (const char *)sqlite3_column_text(q, 1));
		for (int k = 0; k < 5; k++) {
			sch_report__cell(t, "%lld", (long long)sqlite3_column_int64(q, 2 + k));
			tot[k] += sqlite3_column_int64(q, 2 + k);
		}
	}
	if (s != SQLITE_DONE) {
		rc = sch_store__fail(st, s, "reading homework");
		goto done;
	}
	sch_report__row(t, 1);
	sch_report__cell(t, "%s", "Всего");
	sch_report__cell(t, "%s", c.o.class_id ? c.o.class_id : "");
	for (int k = 0; k < 5; k++)
		sch_report__cell(t, "%lld", tot[k]);
	if ((rc = sch_report__check(t)))
		goto done;
	*out = t;
	t = NULL;
done:
	sqlite3_finalize(q);
	sch_report_table_free(t);
	ctx_free(&c);
	return rc;
}

/* ---- lessons given against planned ---- */

typedef struct {
	char *teacher, *cls, *subject;
	const char *name; /* the teacher's name, for sorting and showing */
	int planned, given;
} prog_row;

typedef struct {
	prog_row *v;
	int n, cap;
} prog;

static prog_row *prog_find(prog *p, const char *teacher, const char *cls, const char *subject)
{
	for (int i = p->n - 1; i >= 0; i--)
		if (strcmp(p->v[i].teacher, teacher) == 0 && strcmp(p->v[i].cls, cls) == 0 &&
		    strcmp(p->v[i].subject, subject) == 0)
			return &p->v[i];
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 64;
		prog_row *v = realloc(p->v, sizeof *v * (size_t)cap);
		if (!v)
			return NULL;
		p->v = v;
		p->cap = cap;
	}
	prog_row *r = &p->v[p->n];
	memset(r, 0, sizeof *r);
	r->teacher = strdup(teacher);
	r->cls = strdup(cls);
	r->subject = strdup(subject);
	if (!r->teacher || !r->cls || !r->subject) {
		free(r->teacher);
		free(r->cls);
		free(r->subject);
		return NULL;
	}
	p->n++;
	return r;
}

static int cmp_prog(const void *a, const void *b)
{
	const prog_row *x = a, *y = b;
	int d = strcmp(x->name, y->name);
	if (!d)
		d = strcmp(x->cls, y->cls);
	return d ? d : strcmp(x->subject, y->subject);
}

int sch_report_progress(sch_report_table **out, sch_store *st, const sch_report_options *opts)
{
	ctx c;
	sch_report_table *t = NULL;
	sqlite3_stmt *q = NULL;
	sch_school *vs = NULL;
	sch_timetable *tt = NULL;
	sch_calendar *cal = NULL;
	sch_subst *subst = NULL;
	sch_dated *d = NULL;
	prog p = {NULL, 0, 0};
	char first[11], last[11];
	int rc, s, number = 0;
	sch_buf cls;
	sch_buf_init(&cls);
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_report_progress: NULL argument");
	*out = NULL;
	if ((rc = ctx_init(&c, st, opts, 0)) || (rc = sch_report__period_dates(st, c.o.period, first, last)))
		goto done;
	if ((rc = sch_store_active(&number, st)))
		goto done;
	if (number == 0) {
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no active timetable: the planned lessons come from it",
				   sch_store_path(st));
		goto done;
	}
	sch_date d1, d2;
	if ((rc = sch_store_load_version_school(&vs, st, 0, NULL)) ||
	    (rc = sch_store_load_timetable(&tt, st, 0, vs, NULL)) || (rc = sch_calendar_load(&cal, st)) ||
	    (rc = sch_subst_load(&subst, st, vs)) || (rc = sch_date_parse(&d1, first)) ||
	    (rc = sch_date_parse(&d2, last)) || (rc = sch_dated_new(&d, tt, cal, subst, d1, d2)))
		goto done;
	/* Planned: the dated lessons given (not cancelled, not left uncovered), by who gives them. */
	for (size_t i = 0; i < sch_dated_count(d); i++) {
		const sch_dated_lesson *l = sch_dated_get(d, i);
		if (!sch_dated_given(l) || l->teacher < 0)
			continue;
		const sch_lesson_def *ld = &vs->lessons[l->lesson];
		const sch_part_def *pd = &ld->parts[l->part];
		sch_buf_clear(&cls);
		if (pd->division >= 0) {
			sch_buf_puts(&cls, sch_school_class_id(vs, pd->class_of));
		} else {
			for (int k = 0; k < ld->n_classes; k++)
				sch_buf_printf(&cls, "%s%s", k ? "," : "", sch_school_class_id(vs, ld->classes[k]));
		}
		if (cls.oom) {
			rc = sch_error_oom();
			goto done;
		}
		const char *sj = sch_school_subject_id(vs, ld->subject);
		if (c.o.subject_id && strcmp(sj, c.o.subject_id) != 0)
			continue;
		if (c.o.class_id && !strstr(cls.p, c.o.class_id))
			continue;
		prog_row *r = prog_find(&p, sch_school_teacher_id(vs, l->teacher), cls.p, sj);
		if (!r) {
			rc = sch_error_oom();
			goto done;
		}
		r->planned++;
	}
	/* Given: the journal's lessons of the period with a topic recorded. */
	if ((rc = sch_store__prepare(st, &q,
				     "SELECT teacher, class, subject, count(*) FROM journal_lessons "
				     "WHERE day BETWEEN ?1 AND ?2 AND topic != '' AND (?3 IS NULL OR subject = ?3) "
				     "AND (?4 IS NULL OR ',' || class || ',' LIKE '%,' || ?4 || ',%') "
				     "GROUP BY teacher, class, subject",
				     "reading the journal")))
		goto done;
	sqlite3_bind_text(q, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, last, -1, SQLITE_STATIC);
	c.o.subject_id ? sqlite3_bind_text(q, 3, c.o.subject_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 3);
	c.o.class_id ? sqlite3_bind_text(q, 4, c.o.class_id, -1, SQLITE_STATIC) : sqlite3_bind_null(q, 4);
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		prog_row *r = prog_find(&p, (const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1),
					(const char *)sqlite3_column_text(q, 2));
		if (!r) {
			rc = sch_error_oom();
			goto done;
		}
		r->given += sqlite3_column_int(q, 3);
	}
	if (s != SQLITE_DONE) {
		rc = sch_store__fail(st, s, "reading the journal");
		goto done;
	}
	for (int i = 0; i < p.n; i++) {
		int k = sch_school_find_teacher(vs, p.v[i].teacher);
		p.v[i].name = k >= 0 ? sch_school_teacher_name(vs, k) : p.v[i].teacher;
	}
	qsort(p.v, (size_t)p.n, sizeof *p.v, cmp_prog);
	if (!(t = sch_report__new("progress", "Выполнение программы: уроки по плану и проведённые", c.name, c.year,
				  c.o.period, c.o.class_id))) {
		rc = sch_error_oom();
		goto done;
	}
	sch_report__col(t, "teacher", "Учитель", 0);
	sch_report__col(t, "class", "Класс", 0);
	sch_report__col(t, "subject", "Предмет", 0);
	sch_report__col(t, "planned", "По плану", 1);
	sch_report__col(t, "given", "Проведено", 1);
	sch_report__col(t, "percent", "Выполнено, %", 1);
	long long tp = 0, tg = 0;
	for (int i = 0; i < p.n; i++) {
		sch_report__row(t, 0);
		sch_report__cell(t, "%s", p.v[i].name);
		sch_report__cell(t, "%s", p.v[i].cls);
		sch_report__cell(t, "%s", subject_name(&c, p.v[i].subject));
		sch_report__cell(t, "%d", p.v[i].planned);
		sch_report__cell(t, "%d", p.v[i].given);
		sch_report__ratio(t, p.v[i].given, p.v[i].planned, 100);
		tp += p.v[i].planned;
		tg += p.v[i].given;
	}
	sch_report__row(t, 1);
	sch_report__cell(t, "%s", "Всего");
	sch_report__cell(t, "%s", c.o.class_id ? c.o.class_id : "");
	sch_report__cell(t, "%s", "");
	sch_report__cell(t, "%lld", tp);
	sch_report__cell(t, "%lld", tg);
	sch_report__ratio(t, (double)tg, (double)tp, 100);
	if ((rc = sch_report__check(t)))
		goto done;
	*out = t;
	t = NULL;
done:
	sqlite3_finalize(q);
	sch_report_table_free(t);
	for (int i = 0; i < p.n; i++) {
		free(p.v[i].teacher);
		free(p.v[i].cls);
		free(p.v[i].subject);
	}
	free(p.v);
	sch_buf_free(&cls);
	sch_dated_free(d);
	sch_subst_free(subst);
	sch_calendar_free(cal);
	sch_timetable_free(tt);
	sch_school_free(vs);
	ctx_free(&c);
	return rc;
}

/* ---- the final grades of a class and subject ---- */

int sch_report_grades(sch_report_table **out, sch_store *st, const char *class_id, const char *subject_id)
{
	ctx c;
	sch_report_options o = SCH_REPORT_OPTIONS_INIT;
	sch_report_table *t = NULL;
	sqlite3_stmt *q = NULL;
	int rc, s;
	if (!out || !class_id || !subject_id)
		return sch_error_set(SCH_EINVALID, "sch_report_grades: NULL argument");
	*out = NULL;
	o.class_id = class_id;
	o.subject_id = subject_id;
	if ((rc = ctx_init(&c, st, &o, 1)))
		goto done;
	if ((rc = sch_store__prepare(st, &q,
				     "SELECT p.last_name || ' ' || p.first_name || CASE WHEN p.middle_name = '' THEN '' "
				     "ELSE ' ' || p.middle_name END, p.id, "
				     "  (SELECT coalesce(value, '') || CASE WHEN source = 'teacher' THEN '*' ELSE '' END "
				     "   FROM final_grades WHERE pupil = p.id AND subject = ?2 AND period = 'q1'), "
				     "  (SELECT coalesce(value, '') || CASE WHEN source = 'teacher' THEN '*' ELSE '' END "
				     "   FROM final_grades WHERE pupil = p.id AND subject = ?2 AND period = 'q2'), "
				     "  (SELECT coalesce(value, '') || CASE WHEN source = 'teacher' THEN '*' ELSE '' END "
				     "   FROM final_grades WHERE pupil = p.id AND subject = ?2 AND period = 'q3'), "
				     "  (SELECT coalesce(value, '') || CASE WHEN source = 'teacher' THEN '*' ELSE '' END "
				     "   FROM final_grades WHERE pupil = p.id AND subject = ?2 AND period = 'q4'), "
				     "  (SELECT coalesce(value, '') || CASE WHEN source = 'teacher' THEN '*' ELSE '' END "
				     "   FROM final_grades WHERE pupil = p.id AND subject = ?2 AND period = 'year') "
				     "FROM pupils p WHERE p.class = ?1 AND p.status = 'active' "
				     "ORDER BY p.last_name, p.first_name, p.middle_name, p.id",
				     "reading final grades")))
		goto done;
	sqlite3_bind_text(q, 1, class_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, subject_id, -1, SQLITE_STATIC);
	char what[256];
	snprintf(what, sizeof what, "%s · %s", class_id, subject_name(&c, subject_id));
	if (!(t = sch_report__new("grades", "Итоговые оценки", c.name, c.year, -1, what))) {
		rc = sch_error_oom();
		goto done;
	}
	sch_report__col(t, "n", "№", 1);
	sch_report__col(t, "pupil", "Учащийся", 0);
	sch_report__col(t, "id", "Код", 1);
	static const char *const qk[5] = {"q1", "q2", "q3", "q4", "year"},
				 *const qh[5] = {"I", "II", "III", "IV", "Год"};
	for (int k = 0; k < 5; k++)
		sch_report__col(t, qk[k], qh[k], 2);
	int n = 0;
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		sch_report__row(t, 0);
		sch_report__cell(t, "%d", ++n);
		sch_report__cell(t, "%s", (const char *)sqlite3_column_text(q, 0));
		sch_report__cell(t, "%lld", (long long)sqlite3_column_int64(q, 1));
		for (int k = 0; k < 5; k++) {
			const unsigned char *v = sqlite3_column_text(q, 2 + k);
			sch_report__cell(t, "%s", v ? (const char *)v : "");
		}
	}
	if (s != SQLITE_DONE) {
		rc = sch_store__fail(st, s, "reading final grades");
		goto done;
	}
	if ((rc = sch_report__check(t)))
		goto done;
	*out = t;
	t = NULL;
done:
	sqlite3_finalize(q);
	sch_report_table_free(t);
	ctx_free(&c);
	return rc;
}
