/* Benchmark of the journal and the reports: a synthetic year of a 1,000-pupil school written through the journal's
 * C API, final grades suggested, and the school-wide quality report. Run by bench/journal.sh; results, not tests. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "schedule.h"
#include "schedule/journal.h"
#include "schedule/pupils.h"
#include "schedule/sys/model.h"

#define CHECK(call)                                                                                              \
	do {                                                                                                     \
		int rc_ = (call);                                                                                \
		if (rc_ != 0) {                                                                                  \
			fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call,                             \
				sch_error_last() ? sch_error_last()->message : "?");                             \
			exit(3);                                                                                 \
		}                                                                                                \
	} while (0)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of the process: what a run costs when the machine is not shared. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A small deterministic generator (xorshift64*), so that every run writes the same year. */
static uint64_t rng = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned)((rng * 2685821657736338717ull) >> 33) % n;
}

typedef struct {
	int64_t id;
	int cls;
	int group[4]; /* group index per division of the class */
} pupil;

static int copy_file(const char *from, const char *to)
{
	char buf[1 << 16];
	size_t n;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if (!in || !out) {
		if (in)
			fclose(in);
		if (out)
			fclose(out);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	return fclose(out);
}


#define SQL_OK(db, call)                                                                                         \
	do {                                                                                                     \
		if ((call) != SQLITE_OK && (call) != SQLITE_DONE) {                                             \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, sqlite3_errmsg(db));                  \
			exit(3);                                                                                 \
		}                                                                                                \
	} while (0)

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		exit(3);
	}
	return q;
}

static void step(sqlite3 *db, sqlite3_stmt *q)
{
	if (sqlite3_step(q) != SQLITE_DONE) {
		fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
		exit(3);
	}
	sqlite3_reset(q);
}

/*
 * The same year written with plain SQL on the documented tables (docs/journal.md) in one
 * transaction: a journal_lessons row per dated lesson part, then its marks and attendance,
 * without the API's per-record checks and audit rows (a bulk import of trusted data).
 * Returns the seconds of the timed part; pupils are added first, untimed.
 */
static double sql_year(const char *path, const sch_school *s, const sch_dated *d, int want_pupils, long want_marks,
		       long want_att, long *n_marks, long *n_att, double *cpu_s)
{
	sqlite3 *db = NULL;
	char key[64], day[16];
	SQL_OK(db, sqlite3_open(path, &db));
	sqlite3_busy_timeout(db, 5000);
	/* A bulk import's page cache: the transaction's pages stay in memory until the commit. */
	SQL_OK(db, sqlite3_exec(db, "PRAGMA cache_size = -131072", NULL, NULL, NULL));
	SQL_OK(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL));
	sqlite3_stmt *ins_p = prep(db, "INSERT INTO pupils(id, class, last_name, first_name) VALUES (?1, ?2, ?3, ?4)"),
		     *ins_g = prep(db, "INSERT INTO pupil_groups(pupil, division, grp) VALUES (?1, ?2, ?3)");
	pupil *pp = calloc((size_t)want_pupils, sizeof *pp);
	for (int i = 0; i < want_pupils; i++) {
		int c = i % s->n_classes;
		const sch_class_def *cd = &s->classes[c];
		char last[32];
		snprintf(last, sizeof last, "Ученик%04d", i);
		pp[i].id = 100000 + i;
		pp[i].cls = c;
		sqlite3_bind_int64(ins_p, 1, pp[i].id);
		sqlite3_bind_text(ins_p, 2, cd->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 3, last, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins_p, 4, "Имя", -1, SQLITE_STATIC);
		step(db, ins_p);
		for (int k = 0; k < cd->n_divisions && k < 4; k++) {
			pp[i].group[k] = (i / s->n_classes) % cd->divisions[k].n_groups;
			sqlite3_bind_int64(ins_g, 1, pp[i].id);
			sqlite3_bind_text(ins_g, 2, cd->divisions[k].name, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins_g, 3, cd->divisions[k].groups[pp[i].group[k]], -1, SQLITE_STATIC);
			step(db, ins_g);
		}
	}
	SQL_OK(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL));
	sqlite3_finalize(ins_p);
	sqlite3_finalize(ins_g);
	int *off = calloc((size_t)s->n_classes + 2, sizeof *off), *idx = calloc((size_t)want_pupils + 1, sizeof *idx);
	int *fill = calloc((size_t)s->n_classes + 1, sizeof *fill);
	for (int i = 0; i < want_pupils; i++)
		off[pp[i].cls + 1]++;
	for (int c = 0; c < s->n_classes; c++)
		off[c + 1] += off[c];
	for (int i = 0; i < want_pupils; i++)
		idx[off[pp[i].cls] + fill[pp[i].cls]++] = i;
	size_t n_dated = sch_dated_count(d);
	double per_mark = (double)want_marks / (double)n_dated, per_att = (double)want_att / (double)n_dated;
	double owe_m = 0, owe_a = 0;
	static const char *const values[8] = {"5", "4", "4", "3", "5", "4", "3", "2"};
	static const char *const statuses[8] = {"absent", "present", "late", "excused", "present", "absent", "present",
						"present"};
	*n_marks = *n_att = 0;
	rng = 88172645463325252ull;
	double t0 = now(), c0 = cpu();
	SQL_OK(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL));
	sqlite3_stmt *ins_l = prep(db, "INSERT INTO journal_lessons(day, lesson_key, part, class, subject, teacher, "
				       "division, grp, period, topic) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
		     *ins_m = prep(db, "INSERT INTO marks(journal_lesson, pupil, value, kind, created_by) "
				       "VALUES (?1, ?2, ?3, '', 'bench')"),
		     *ins_a = prep(db, "INSERT INTO attendance(journal_lesson, pupil, status) VALUES (?1, ?2, ?3)");
	for (size_t i = 0; i < n_dated; i++) {
		const sch_dated_lesson *l = sch_dated_get(d, i);
		if (!sch_dated_given(l))
			continue;
		const sch_lesson_def *ld = &s->lessons[l->lesson];
		const sch_part_def *pd = &ld->parts[l->part];
		int c = pd->class_of, cand[256], nc = 0;
		for (int k = off[c]; k < off[c + 1] && nc < 256; k++)
			if (pd->division < 0 || pp[idx[k]].group[pd->division] == pd->group)
				cand[nc++] = idx[k];
		if (nc == 0)
			continue;
		snprintf(key, sizeof key, "L%d", l->lesson);
		sch_date_iso(l->date, day);
		sqlite3_bind_text(ins_l, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins_l, 2, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(ins_l, 3, l->part);
		sqlite3_bind_text(ins_l, 4, s->classes[c].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_l, 5, s->subjects[ld->subject].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_l, 6, l->teacher >= 0 ? s->teachers[l->teacher].id : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_l, 7, pd->division >= 0 ? s->classes[c].divisions[pd->division].name : "", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(ins_l, 8,
				  pd->division >= 0 ? s->classes[c].divisions[pd->division].groups[pd->group] : "", -1,
				  SQLITE_STATIC);
		sqlite3_bind_int(ins_l, 9, l->period + 1);
		sqlite3_bind_text(ins_l, 10, "Тема урока", -1, SQLITE_STATIC);
		step(db, ins_l);
		sqlite3_int64 jl = sqlite3_last_insert_rowid(db);
		owe_m += per_mark;
		owe_a += per_att;
		int start = (int)rnd((unsigned)nc);
		for (int k = 0; owe_m >= 1 && k < nc; k++, owe_m -= 1) {
			sqlite3_bind_int64(ins_m, 1, jl);
			sqlite3_bind_int64(ins_m, 2, pp[cand[(start + k) % nc]].id);
			sqlite3_bind_text(ins_m, 3, values[rnd(8)], -1, SQLITE_STATIC);
			step(db, ins_m);
			(*n_marks)++;
		}
		start = (int)rnd((unsigned)nc);
		for (int k = 0; owe_a >= 1 && k < nc; k++, owe_a -= 1) {
			sqlite3_bind_int64(ins_a, 1, jl);
			sqlite3_bind_int64(ins_a, 2, pp[cand[(start + k) % nc]].id);
			sqlite3_bind_text(ins_a, 3, statuses[rnd(8)], -1, SQLITE_STATIC);
			step(db, ins_a);
			(*n_att)++;
		}
	}
	SQL_OK(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL));
	double t = now() - t0;
	*cpu_s = cpu() - c0;
	sqlite3_finalize(ins_l);
	sqlite3_finalize(ins_m);
	sqlite3_finalize(ins_a);
	sqlite3_close(db);
	free(pp);
	free(off);
	free(idx);
	free(fill);
	return t;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: journal_bench <base.db> <work-dir> <runs> [pupils] [marks] [attendance]\n");
		return 2;
	}
	const char *base = argv[1], *work = argv[2];
	int runs = atoi(argv[3]), want_pupils = argc > 4 ? atoi(argv[4]) : 1000;
	long want_marks = argc > 5 ? atol(argv[5]) : 200000, want_att = argc > 6 ? atol(argv[6]) : 150000;
	double *t_pupils = calloc((size_t)runs, sizeof(double)), *t_open = calloc((size_t)runs, sizeof(double)),
	       *t_write = calloc((size_t)runs, sizeof(double)), *t_suggest = calloc((size_t)runs, sizeof(double)),
	       *t_year = calloc((size_t)runs, sizeof(double)), *t_q1 = calloc((size_t)runs, sizeof(double)),
	       *t_class = calloc((size_t)runs, sizeof(double)), *t_sql = calloc((size_t)runs, sizeof(double)),
	       *c_write = calloc((size_t)runs, sizeof(double)), *c_sql = calloc((size_t)runs, sizeof(double));
	long sql_marks = 0, sql_att = 0;
	long n_marks = 0, n_att = 0, n_lessons_used = 0, n_grades = 0;
	int n_classes = 0, n_pupils = 0;
	size_t n_dated = 0;
	char school_name[256] = "";
	for (int r = 0; r < runs; r++) {
		char db[512];
		sch_store *st = NULL;
		sch_school *s = NULL;
		sch_journal *j = NULL;
		rng = 88172645463325252ull;
		snprintf(db, sizeof db, "%s/run%d.db", work, r);
		remove(db);
		if (copy_file(base, db)) {
			fprintf(stderr, "cannot copy %s to %s\n", base, db);
			return 3;
		}
		CHECK(sch_store_open(&st, db, 0));
		CHECK(sch_store_load_version_school(&s, st, 0, NULL));
		snprintf(school_name, sizeof school_name, "%s", sch_school_name(s));
		n_classes = s->n_classes;

		/* Pupils, spread over the classes, a group in every division (set up, timed apart). */
		pupil *pp = calloc((size_t)want_pupils, sizeof *pp);
		double t0 = now();
		for (int i = 0; i < want_pupils; i++) {
			int c = i % s->n_classes;
			const sch_class_def *cd = &s->classes[c];
			char last[32], first[32];
			sch_pupil_group groups[4];
			sch_pupil_input in = SCH_PUPIL_INPUT_INIT;
			snprintf(last, sizeof last, "Ученик%04d", i);
			snprintf(first, sizeof first, "Имя%d", i % 37);
			in.class_id = cd->id;
			in.last_name = last;
			in.first_name = first;
			for (int d = 0; d < cd->n_divisions && d < 4; d++) {
				pp[i].group[d] = (i / s->n_classes) % cd->divisions[d].n_groups;
				groups[d].division = cd->divisions[d].name;
				groups[d].group = cd->divisions[d].groups[pp[i].group[d]];
			}
			in.n_groups = cd->n_divisions < 4 ? cd->n_divisions : 4;
			in.groups = groups;
			pp[i].cls = c;
			CHECK(sch_pupil_add(&pp[i].id, st, s, &in, "bench"));
		}
		t_pupils[r] = now() - t0;
		n_pupils = want_pupils;

		/* Pupils of each class, for the lessons. */
		int *off = calloc((size_t)s->n_classes + 2, sizeof *off), *idx = calloc((size_t)want_pupils + 1, sizeof *idx);
		for (int i = 0; i < want_pupils; i++)
			off[pp[i].cls + 1]++;
		for (int c = 0; c < s->n_classes; c++)
			off[c + 1] += off[c];
		int *fill = calloc((size_t)s->n_classes + 1, sizeof *fill);
		for (int i = 0; i < want_pupils; i++)
			idx[off[pp[i].cls] + fill[pp[i].cls]++] = i;
		free(fill);

		t0 = now();
		CHECK(sch_journal_open(&j, st, "bench"));
		t_open[r] = now() - t0;
		const sch_dated *d = sch_journal_dated(j);
		const sch_school *js = sch_journal_school(j);
		n_dated = sch_dated_count(d);
		/* Marks and attendance records per dated lesson part, so that the year holds the totals asked. */
		double per_mark = (double)want_marks / (double)n_dated, per_att = (double)want_att / (double)n_dated;
		double owe_m = 0, owe_a = 0;
		static const char *const values[8] = {"5", "4", "4", "3", "5", "4", "3", "2"};
		static const int statuses[8] = {SCH_ATTEND_ABSENT, SCH_ATTEND_PRESENT, SCH_ATTEND_LATE, SCH_ATTEND_EXCUSED,
						SCH_ATTEND_PRESENT, SCH_ATTEND_ABSENT, SCH_ATTEND_PRESENT, SCH_ATTEND_PRESENT};
		n_marks = n_att = n_lessons_used = 0;
		t0 = now();
		double c0 = cpu();
		CHECK(sch_journal_begin(j));
		for (size_t i = 0; i < n_dated; i++) {
			const sch_dated_lesson *l = sch_dated_get(d, i);
			if (!sch_dated_given(l))
				continue;
			const sch_lesson_def *ld = &js->lessons[l->lesson];
			const sch_part_def *pd = &ld->parts[l->part];
			int c = pd->class_of;
			/* The pupils of the part: the class's, in the part's group. */
			int cand[256], nc = 0;
			for (int k = off[c]; k < off[c + 1] && nc < 256; k++) {
				const pupil *p = &pp[idx[k]];
				if (pd->division < 0 || p->group[pd->division] == pd->group)
					cand[nc++] = idx[k];
			}
			if (nc == 0)
				continue;
			n_lessons_used++;
			owe_m += per_mark;
			owe_a += per_att;
			int start = (int)rnd((unsigned)nc);
			for (int k = 0; owe_m >= 1 && k < nc; k++, owe_m -= 1) {
				CHECK(sch_journal_mark_at(j, i, pp[cand[(start + k) % nc]].id, values[rnd(8)], ""));
				n_marks++;
			}
			start = (int)rnd((unsigned)nc);
			for (int k = 0; owe_a >= 1 && k < nc; k++, owe_a -= 1) {
				CHECK(sch_journal_attend_at(j, i, pp[cand[(start + k) % nc]].id, statuses[rnd(8)]));
				n_att++;
			}
		}
		CHECK(sch_journal_commit(j));
		t_write[r] = now() - t0;
		c_write[r] = cpu() - c0;
		{
			/* The SQL variant on another copy, with the same dated lessons. */
			char db2[512];
			snprintf(db2, sizeof db2, "%s/sql%d.db", work, r);
			remove(db2);
			if (copy_file(base, db2)) {
				fprintf(stderr, "cannot copy %s to %s\n", base, db2);
				return 3;
			}
			t_sql[r] = sql_year(db2, js, d, want_pupils, want_marks, want_att, &sql_marks, &sql_att, &c_sql[r]);
			remove(db2);
		}
		sch_journal_free(j);

		/* Final grades: every class, all four quarters and the year. */
		t0 = now();
		n_grades = 0;
		for (int c = 0; c < s->n_classes; c++) {
			sch_grades_info info;
			CHECK(sch_grades_suggest(&info, st, s->classes[c].id, NULL, 0, "bench"));
			n_grades += info.suggested;
		}
		t_suggest[r] = now() - t0;

		/* The school-wide quality report of the year and of quarter 1, and one class's. */
		sch_report_options o = SCH_REPORT_OPTIONS_INIT;
		sch_report_table *t = NULL;
		t0 = now();
		CHECK(sch_report_quality(&t, st, &o));
		t_year[r] = now() - t0;
		if (r == 0)
			printf("school row of the year: pupils %s, quality %s %%, success %s %%, average %s\n",
			       sch_report_table_cell(t, sch_report_table_rows(t) - 1, 1),
			       sch_report_table_cell(t, sch_report_table_rows(t) - 1, 7),
			       sch_report_table_cell(t, sch_report_table_rows(t) - 1, 8),
			       sch_report_table_cell(t, sch_report_table_rows(t) - 1, 9));
		sch_report_table_free(t);
		o.period = 1;
		t0 = now();
		CHECK(sch_report_quality(&t, st, &o));
		t_q1[r] = now() - t0;
		sch_report_table_free(t);
		o.class_id = s->classes[0].id;
		t0 = now();
		CHECK(sch_report_quality(&t, st, &o));
		t_class[r] = now() - t0;
		sch_report_table_free(t);

		free(pp);
		free(off);
		free(idx);
		sch_school_free(s);
		sch_store_close(st);
		if (r + 1 < runs)
			remove(db);
	}
	printf("school: %s, %d classes, %d pupils; %zu dated lessons in the year, %ld used\n", school_name, n_classes,
	       n_pupils, n_dated, n_lessons_used);
	printf("written: %ld marks, %ld attendance records (one transaction, with their audit rows); %ld grades "
	       "suggested\n",
	       n_marks, n_att, n_grades);
	printf("median of %d runs:\n\n", runs);
	printf("| what | time | CPU | bar |\n|---|---:|---:|---:|\n");
	printf("| add %d pupils (sch_pupil_add, a transaction each; set-up) | %.2f s | | |\n", n_pupils, median(t_pupils, runs));
	printf("| open the journal (active timetable + calendar → the year's dated lessons) | %.0f ms | | |\n",
	       median(t_open, runs) * 1e3);
	printf("| write %ld marks + %ld attendance records (sch_journal_mark_at / _attend_at, one batch) | %.2f s | %.2f s | < 3 s |\n",
	       n_marks, n_att, median(t_write, runs), median(c_write, runs));
	printf("| write %ld marks + %ld attendance records + their %ld journal lessons (plain SQL, one transaction) | %.2f s | %.2f s | < 3 s |\n",
	       sql_marks, sql_att, n_lessons_used, median(t_sql, runs), median(c_sql, runs));
	printf("| suggest final grades of every class (4 quarters + year) | %.2f s | | |\n", median(t_suggest, runs));
	printf("| quality report, whole school, the year | %.1f ms | | < 200 ms |\n", median(t_year, runs) * 1e3);
	printf("| quality report, whole school, quarter 1 | %.1f ms | | < 200 ms |\n", median(t_q1, runs) * 1e3);
	printf("| quality report, one class by subject, quarter 1 | %.1f ms | | |\n", median(t_class, runs) * 1e3);
	free(t_pupils);
	free(t_open);
	free(t_write);
	free(t_suggest);
	free(t_year);
	free(t_q1);
	free(t_class);
	free(t_sql);
	free(c_write);
	free(c_sql);
	return 0;
}
