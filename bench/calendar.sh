#!/usr/bin/env bash
# Benchmarks of the school year on the example school: calendar generation and the year's
# expansion into dated lessons, candidates for one teacher-day, and a two-week absence of the
# busiest teacher assigned by the integer program. Medians of repeated runs; results, not tests.
#
#   bench/calendar.sh [build-dir] [runs]      (default: build, 21)
#
# Bars (issue 7): generation + expansion < 200 ms; a teacher-day's candidates < 10 ms;
# the two-week absence < 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${2:-21}
[ -x "$BUILD/schedule" ] && [ -f "$BUILD/libschedule.a" ] || {
	echo "build first: cmake -S . -B $BUILD && cmake --build $BUILD -j2" >&2
	exit 2
}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT


cat >"$WORK/bench.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schedule.h"
#include "schedule/sys/model.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	return v[n / 2];
}

#define CHECK(call)                                                                                    \
	do {                                                                                           \
		if ((call) != 0) {                                                                     \
			fprintf(stderr, "%s: %s\n", #call, sch_error_last() ? sch_error_last()->message : "?"); \
			exit(1);                                                                       \
		}                                                                                      \
	} while (0)

int main(int argc, char **argv)
{
	int runs = atoi(argv[3]);
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	CHECK(sch_school_load_yaml(&s, argv[1], NULL));
	CHECK(sch_timetable_load(&tt, s, argv[2], NULL));
	double *gen = calloc((size_t)runs, sizeof *gen), *exp = calloc((size_t)runs, sizeof *exp),
	       *both = calloc((size_t)runs, sizeof *both), *cand = calloc((size_t)runs, sizeof *cand),
	       *plan = calloc((size_t)runs, sizeof *plan), *ip = calloc((size_t)runs, sizeof *ip);
	size_t n_dated = 0, n_cands = 0, n_items = 0, covered = 0;
	/* The busiest teacher: the most lessons a week. */
	int busiest = 0, most = -1;
	for (int t = 0; t < s->n_teachers; t++) {
		int k = 0;
		for (int i = s->by_teacher.off[t]; i < s->by_teacher.off[t + 1]; i++)
			k += s->lessons[s->by_teacher.idx[i]].length;
		if (k > most) {
			most = k;
			busiest = t;
		}
	}
	sch_date tue, mon;
	CHECK(sch_date_parse(&tue, "2026-12-01"));
	CHECK(sch_date_parse(&mon, "2026-11-30"));
	for (int r = 0; r < runs; r++) {
		sch_calendar *cal = NULL;
		sch_dated *d = NULL;
		double t0 = now();
		CHECK(sch_calendar_generate(&cal, 2026, NULL, NULL));
		double t1 = now();
		CHECK(sch_dated_new(&d, tt, cal, NULL, sch_calendar_first(cal), sch_calendar_last(cal)));
		double t2 = now();
		gen[r] = (t1 - t0) * 1e3;
		exp[r] = (t2 - t1) * 1e3;
		both[r] = (t2 - t0) * 1e3;
		n_dated = sch_dated_count(d);
		sch_dated_free(d);

		/* One teacher-day: the busiest teacher absent on Tuesday 1 December, every lesson's candidates. */
		sch_subst *sub = NULL;
		CHECK(sch_subst_new(&sub, s));
		sch_absence a = {.teacher = busiest, .first = tue, .last = tue, .reason = ""};
		CHECK(sch_subst_add_absence(sub, &a));
		double t3 = now();
		CHECK(sch_dated_new(&d, tt, cal, sub, tue, tue));
		size_t first, n = sch_dated_on(d, tue, &first);
		n_cands = 0;
		for (size_t i = first; i < first + n; i++) {
			if (sch_dated_get(d, i)->own_teacher != busiest)
				continue;
			sch_candidate *c = NULL;
			size_t k = 0;
			CHECK(sch_subst_candidates(&c, &k, d, i));
			n_cands += k;
			sch_free(c);
		}
		cand[r] = (now() - t3) * 1e3;
		sch_dated_free(d);
		sch_subst_free(sub);

		/* Two weeks: Monday 30 November to Saturday 12 December. */
		sch_subst *empty = NULL;
		sch_cover_plan *p = NULL;
		CHECK(sch_subst_new(&empty, s));
		sch_absence two = {.teacher = busiest, .first = mon, .last = mon + 12, .reason = ""};
		double t4 = now();
		CHECK(sch_cover_plan_new(&p, tt, cal, empty, &two, NULL));
		plan[r] = (now() - t4) * 1e3;
		ip[r] = sch_cover_plan_seconds(p) * 1e3;
		n_items = sch_cover_plan_count(p);
		covered = 0;
		for (size_t i = 0; i < n_items; i++)
			covered += sch_cover_plan_item(p, i)->teacher >= 0;
		sch_cover_plan_free(p);
		sch_subst_free(empty);
		sch_calendar_free(cal);
	}
	printf("school: %s, %d lessons a week, %d teachers; busiest teacher %s (%d lessons a week)\n",
	       sch_school_name(s), s->n_lessons, s->n_teachers, s->teachers[busiest].id, most);
	printf("median of %d runs, ms:\n", runs);
	printf("| what | ms | bar |\n|---|---:|---:|\n");
	printf("| generate the 2026/27 calendar (Kyrgyz defaults) | %.2f | |\n", median(gen, runs));
	printf("| expand the year into %zu dated lessons | %.2f | |\n", n_dated, median(exp, runs));
	printf("| generation + expansion | %.2f | 200 |\n", median(both, runs));
	printf("| candidates for one teacher-day (%zu ranked) | %.2f | 10 |\n", n_cands, median(cand, runs));
	printf("| two-week absence: %zu lessons, %zu covered, whole plan | %.2f | 1000 |\n", n_items, covered,
	       median(plan, runs));
	printf("| of it, the GLPK program | %.2f | |\n", median(ip, runs));
	sch_timetable_free(tt);
	sch_school_free(s);
	free(gen);
	free(exp);
	free(both);
	free(cand);
	free(plan);
	free(ip);
	return 0;
}
C

# shellcheck disable=SC2046
cc -O2 -std=gnu11 -I include "$WORK/bench.c" -o "$WORK/bench" "$BUILD/libschedule.a" \
	$(pkg-config --libs yaml-0.1 sqlite3 xlsxwriter libxml-2.0) -lglpk -lcadical -lstdc++ -lhpdf -lm

# Each school with its greedy timetable (feasible, found in well under a second).
bench() { # <school.yaml>
	"$BUILD/schedule" solve "$1" -m greedy -q -o "$WORK/tt.json"
	"$WORK/bench" "$1" "$WORK/tt.json" "$RUNS"
	echo
}
bench examples/school-kg.yaml
# A district's largest school for scale: bench/gen_school.py's XL (90 classes, 2433 lessons).
if python3 bench/gen_school.py --size XL --seed 1 -q -o "$WORK/xl.yaml" 2>/dev/null; then
	bench "$WORK/xl.yaml"
fi
