/* The XHSTT SAT search (solver/xhstt_sat.c) on random small archives: what it claims is what the evaluator counts. */
#include "helpers.h"
#include "xhstt_fixture.h"
#include "schedule/school.h"
#include "schedule/solver.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"
#include "schedule/verify.h"
#include "schedule/xhstt.h"
#include "../../lib/xhstt_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	char text[64 * 1024];
	size_t n;
	uint64_t rng;
	int plain; /* only what the importer maps exactly: Linear costs, clashes required, ... */
} gen;

static void put(gen *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(g->text + g->n, sizeof g->text - g->n, fmt, ap);
	va_end(ap);
	assert_true(k >= 0 && (size_t)k < sizeof g->text - g->n);
	g->n += (size_t)k;
}

static int rnd(gen *g, int n)
{
	g->rng ^= g->rng << 13, g->rng ^= g->rng >> 7, g->rng ^= g->rng << 17;
	return (int)(g->rng % (uint64_t)n);
}

static void head(gen *g, const char *type, int id, int required_pct)
{
	static const char *fns[] = {"Linear", "Quadratic", "Step"};
	put(g, "<%s Id=\"k%d\"><Name>k%d</Name><Required>%s</Required><Weight>%d</Weight><CostFunction>%s</CostFunction>",
	    type, id, id, rnd(g, 100) < required_pct ? "true" : "false", 1 + rnd(g, 3), fns[g->plain ? 0 : rnd(g, 3)]);
}

static void some_times(gen *g, int n_times)
{
	put(g, "<Times>");
	for (int t = 0; t < n_times; t++)
		if (rnd(g, 3) == 0)
			put(g, "<Time Reference=\"t%d\"/>", t);
	put(g, "</Times>");
}

static void days_groups(gen *g, int days, int spread)
{
	put(g, "<TimeGroups>");
	for (int d = 0; d < days; d++) {
		put(g, "<TimeGroup Reference=\"d%d\"", d);
		if (spread && g->plain)
			put(g, "><Minimum>0</Minimum><Maximum>1</Maximum></TimeGroup>");
		else if (spread)
			put(g, "><Minimum>%d</Minimum><Maximum>%d</Maximum></TimeGroup>", rnd(g, 2), 1 + rnd(g, 2));
		else
			put(g, "/>");
	}
	put(g, "</TimeGroups>");
}

/*
 * Days of 3-4 times, teachers and classes, events of 1-3 times with a teacher and a
 * class, and every constraint type the search states,
 * each required or not, with random weights and cost functions.
 */
static void random_archive(gen *g, uint64_t seed)
{
	g->n = 0;
	g->rng = seed * 0x9E3779B97F4A7C15ull + 3;
	g->plain = seed % 3 == 0;
	int days = 2 + rnd(g, 2), per = 3 + rnd(g, 2), n_times = days * per, nt = 2 + rnd(g, 2), nc = 2 + rnd(g, 2);
	int ne = 3 + rnd(g, 4), id = 0;
	put(g, "<HighSchoolTimetableArchive><Instances><Instance Id=\"R%llu\"><MetaData><Name>r</Name></MetaData><Times><TimeGroups>",
	    (unsigned long long)seed);
	for (int d = 0; d < days; d++)
		put(g, "<Day Id=\"d%d\"><Name>d%d</Name></Day>", d, d);
	put(g, "</TimeGroups>");
	for (int t = 0; t < n_times; t++)
		put(g, "<Time Id=\"t%d\"><Day Reference=\"d%d\"/></Time>", t, t / per);
	put(g, "</Times><Resources><ResourceTypes><ResourceType Id=\"Teacher\"><Name>T</Name></ResourceType>"
	       "<ResourceType Id=\"Class\"><Name>C</Name></ResourceType></ResourceTypes><ResourceGroups>"
	       "<ResourceGroup Id=\"gT\"><Name>T</Name><ResourceType Reference=\"Teacher\"/></ResourceGroup>"
	       "<ResourceGroup Id=\"gC\"><Name>C</Name><ResourceType Reference=\"Class\"/></ResourceGroup></ResourceGroups>");
	for (int i = 0; i < nt; i++)
		put(g, "<Resource Id=\"T%d\"><Name>Учитель %d</Name><ResourceType Reference=\"Teacher\"/>"
		       "<ResourceGroups><ResourceGroup Reference=\"gT\"/></ResourceGroups></Resource>", i, i);
	for (int i = 0; i < nc; i++)
		put(g, "<Resource Id=\"C%d\"><Name>%dа</Name><ResourceType Reference=\"Class\"/>"
		       "<ResourceGroups><ResourceGroup Reference=\"gC\"/></ResourceGroups></Resource>", i, 5 + i);
	put(g, "</Resources><Events><EventGroups><EventGroup Id=\"gAll\"><Name>all</Name></EventGroup>"
	       "<EventGroup Id=\"gS\"><Name>s</Name></EventGroup></EventGroups>");
	for (int e = 0; e < ne; e++) {
		/* now and then a single time, preassigned (the importer pins it: one lesson), with
		 * T1, who has no unavailable times, and not E0 or E1, which prefer times (a school
		 * cannot pin a lesson where a hard rule forbids it) */
		int pre = e >= 2 && rnd(g, 6) == 0, dur = pre ? 1 : 1 + rnd(g, 3);
		put(g, "<Event Id=\"E%d\"><Name>e%d</Name><Duration>%d</Duration>", e, e, dur);
		if (pre)
			put(g, "<Time Reference=\"t%d\"/>", rnd(g, n_times));
		put(g, "<Resources><Resource Reference=\"T%d\"/><Resource Reference=\"C%d\"/></Resources>"
		       "<EventGroups><EventGroup Reference=\"gAll\"/>%s</EventGroups></Event>",
		    pre ? 1 : rnd(g, nt), rnd(g, nc), e < 2 ? "<EventGroup Reference=\"gS\"/>" : "");
	}
	put(g, "</Events><Constraints>");
	head(g, "AssignTimeConstraint", id++, 100);
	put(g, "<AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></AppliesTo></AssignTimeConstraint>");
	head(g, "AvoidClashesConstraint", id++, g->plain ? 100 : 70);
	put(g, "<AppliesTo><ResourceGroups><ResourceGroup Reference=\"gT\"/><ResourceGroup Reference=\"gC\"/></ResourceGroups>"
	       "</AppliesTo></AvoidClashesConstraint>");
	head(g, "SplitEventsConstraint", id++, 20);
	put(g, "<AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></AppliesTo><MinimumDuration>1</MinimumDuration>"
	       "<MaximumDuration>%d</MaximumDuration><MinimumAmount>%d</MinimumAmount><MaximumAmount>%d</MaximumAmount>"
	       "</SplitEventsConstraint>", 2 + rnd(g, 2), 1 + rnd(g, 4), 2 + rnd(g, 2)); /* a minimum past the parts possible: a constant */
	head(g, "DistributeSplitEventsConstraint", id++, 20);
	put(g, "<AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></AppliesTo><Duration>2</Duration>"
	    "<Minimum>%d</Minimum><Maximum>1</Maximum></DistributeSplitEventsConstraint>", rnd(g, 2));
	head(g, "PreferTimesConstraint", id++, 20);
	put(g, "<AppliesTo><Events><Event Reference=\"E0\"/><Event Reference=\"E1\"/></Events></AppliesTo>");
	some_times(g, n_times);
	if (rnd(g, 2))
		put(g, "<Duration>%d</Duration>", 1 + rnd(g, 2));
	put(g, "</PreferTimesConstraint>");
	head(g, "SpreadEventsConstraint", id++, 30);
	put(g, "<AppliesTo><EventGroups><EventGroup Reference=\"gS\"/></EventGroups></AppliesTo>");
	days_groups(g, days, 1);
	put(g, "</SpreadEventsConstraint>");
	head(g, "AvoidUnavailableTimesConstraint", id++, 30);
	put(g, "<AppliesTo><Resources><Resource Reference=\"T0\"/></Resources></AppliesTo>");
	some_times(g, n_times);
	put(g, "</AvoidUnavailableTimesConstraint>");
	head(g, "LimitIdleTimesConstraint", id++, 20);
	put(g, "<AppliesTo><ResourceGroups><ResourceGroup Reference=\"gT\"/></ResourceGroups></AppliesTo>");
	days_groups(g, days, 0);
	put(g, "<Minimum>%d</Minimum><Maximum>%d</Maximum></LimitIdleTimesConstraint>", g->plain ? 0 : rnd(g, 3), 1);
	head(g, "ClusterBusyTimesConstraint", id++, 20);
	put(g, "<AppliesTo><ResourceGroups><ResourceGroup Reference=\"%s\"/></ResourceGroups></AppliesTo>", rnd(g, 2) ? "gT" : "gC");
	days_groups(g, days, 0);
	put(g, "<Minimum>%d</Minimum><Maximum>%d</Maximum>%s</ClusterBusyTimesConstraint>", 1 + rnd(g, 4), 1 + rnd(g, 2),
	    rnd(g, 2) && !g->plain ? "<AllowZero>true</AllowZero>" : "");
	put(g, "</Constraints></Instance></Instances></HighSchoolTimetableArchive>");
}

static int exact_count; /* solutions of archives the importer maps exactly */

/* The SAT search's solution as an archive solution, evaluated. */
static void evaluate(sch_xhstt *x, const xh_sat *r, int64_t *inf, int64_t *obj)
{
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	sch_diags *d = NULL;
	int64_t split_inf, split_obj;
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(sch_xhstt__sat_timetable(x, NULL, r, d, &s, &tt, &split_inf, &split_obj), 0);
	assert_int_equal(sch_timetable_placed_count(tt), s->n_lessons); /* every part has its time */
	xhstt_timetable_cost(x, tt, "sat", inf, obj);
	/* the verifier agrees on hard where the importer maps every constraint exactly (its
	 * warnings name the others: a soft AvoidClashes taken as hard, AllowZero with a Minimum...) */
	int exact = 1;
	for (size_t i = 0; i < sch_diags_count(d); i++)
		exact &= strstr(sch_diags_get(d, i)->message, "not mapped exactly") == NULL;
	sch_report *rep = NULL;
	assert_int_equal(sch_verify(&rep, tt, NULL), 0);
	if (exact)
		assert_int_equal(sch_report_hard(rep) == 0 && split_inf == 0, *inf == 0);
	exact_count += exact;
	sch_report_free(rep);
	sch_diags_free(d);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/*
 * Random archives with every constraint type, cost function and requiredness: a solution
 * the search returns has infeasibility 0 and the objective it claims, as the evaluator
 * counts it (and no hard violation by the verifier where the import is exact: one archive
 * in three draws only what it maps exactly); a proved optimum is no worse than what the heuristic split search finds; a
 * proof that the required constraints cannot be met is not contradicted by it.
 */
static void test_random_archives(void **state)
{
	(void)state;
	static gen g;
	int found = 0, optimal = 0, none = 0;
	for (uint64_t seed = 1; seed <= 60; seed++) {
		random_archive(&g, seed);
		sch_xhstt *x = xhstt_load_text(g.text);
		sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
		o.seed = seed;
		xh_sat r;
		int rc = sch__xhstt_sat(x, &o, 2, NULL, &r);
		assert_true(rc == 0 || rc == SCH_EINFEASIBLE || rc == SCH_ETIMEOUT);
		sch_school *s = NULL;
		sch_timetable *tt = NULL;
		o.method = SCH_METHOD_LOCAL;
		o.time_limit = 0.3;
		sch_xhstt_import_options io = SCH_XHSTT_IMPORT_OPTIONS_INIT;
		io.split_solution = SCH_XHSTT_SPLITS_OWN;
		/* the heuristics alone: the importer's splits, local search */
		int hrc = sch_xhstt__to_school_splits(x, &io, NULL, NULL, NULL, NULL, &s, NULL);
		assert_int_equal(hrc, 0);
		hrc = sch_solve(&tt, NULL, s, &o);
		int64_t hinf = -1, hobj = -1;
		if (tt)
			xhstt_timetable_cost(x, tt, "local", &hinf, &hobj);
		if (rc == 0) {
			int64_t inf, obj;
			evaluate(x, &r, &inf, &obj);
			if (inf != 0 || obj != r.objective)
				print_message("seed %d: evaluator %lld / %lld, the search claimed 0 / %lld\n", (int)seed,
					      (long long)inf, (long long)obj, (long long)r.objective);
			assert_int_equal(inf, 0);
			assert_int_equal(obj, r.objective);
			found++;
			if (r.optimal) {
				optimal++;
				if (hinf == 0)
					assert_true(r.objective <= hobj);
			}
			sch__xhstt_sat_free(&r);
		} else if (rc == SCH_EINFEASIBLE) {
			none++;
			assert_true(hinf != 0); /* proved: no solution of infeasibility 0 */
		}
		sch_timetable_free(tt);
		sch_school_free(s);
		sch_xhstt_free(x);
	}
	print_message("random archives: %d solved (%d proved optimal, %d mapped exactly), %d proved infeasible\n", found,
		      optimal, exact_count, none);
	assert_true(found >= 15);
	assert_true(optimal >= 8);
	assert_true(none >= 3);
	assert_true(exact_count >= 5);
}

/* A random archive with a LinkEventsConstraint added before </Constraints>. */
static sch_xhstt *linked_archive(gen *g, uint64_t seed)
{
	random_archive(g, seed);
	char *end = strstr(g->text, "</Constraints>");
	assert_non_null(end);
	char tail[256];
	snprintf(tail, sizeof tail, "%s", end);
	g->n = (size_t)(end - g->text);
	put(g, "<LinkEventsConstraint Id=\"link\"><Name>l</Name><Required>true</Required><Weight>1</Weight>"
	       "<CostFunction>Linear</CostFunction><AppliesTo><EventGroups><EventGroup Reference=\"gS\"/>"
	       "</EventGroups></AppliesTo></LinkEventsConstraint>%s", tail);
	return xhstt_load_text(g->text);
}

/* What the encoding cannot state is refused by name; solving the archive falls back to the split search. */
static void test_unsupported(void **state)
{
	(void)state;
	static gen g;
	static char text[sizeof g.text + 8];
	sch_xhstt *x = linked_archive(&g, 2);
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	xh_sat r;
	assert_int_equal(sch__xhstt_sat(x, &o, 5, NULL, &r), SCH_ENOTSUP);
	assert_non_null(strstr(sch_error_last()->message, "LinkEventsConstraint link"));
	assert_null(r.split);
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	o.time_limit = 1;
	int rc = sch_xhstt_solve(&s, &tt, x, NULL, &o, NULL);
	assert_true(rc == 0 || rc == SCH_EINFEASIBLE);
	assert_non_null(tt);
	sch_timetable_free(tt);
	sch_school_free(s);
	sch_xhstt_free(x);

	/* AssignTime soft: leaving an event out may be the cheapest, which the encoding cannot say */
	random_archive(&g, 2);
	const char *req = strstr(g.text, "<Required>true</Required>"); /* AssignTime's: the first constraint */
	assert_non_null(req);
	snprintf(text, sizeof text, "%.*s<Required>false</Required>%s", (int)(req - g.text), g.text,
		 req + strlen("<Required>true</Required>"));
	x = xhstt_load_text(text);
	assert_int_equal(sch__xhstt_sat(x, &o, 5, NULL, &r), SCH_ENOTSUP);
	assert_non_null(strstr(sch_error_last()->message, "not required to have a time"));
	sch_xhstt_free(x);
}

/* A Quadratic deviation of thousands of units would need millions of clauses: refused. */
static void test_too_large(void **state)
{
	(void)state;
	static gen g;
	g.n = 0;
	/* 200 single-time events of one class on 2 days of 9 times, clashes soft and Quadratic:
	 * a deviation of up to 18 x 199 units */
	put(&g, "<HighSchoolTimetableArchive><Instances><Instance Id=\"big\"><Times><TimeGroups>"
		"<Day Id=\"d0\"><Name>d</Name></Day><Day Id=\"d1\"><Name>d</Name></Day></TimeGroups>");
	for (int t = 0; t < 18; t++)
		put(&g, "<Time Id=\"t%d\"><Day Reference=\"d%d\"/></Time>", t, t / 9);
	put(&g, "</Times><Resources><ResourceTypes><ResourceType Id=\"Class\"><Name>C</Name></ResourceType></ResourceTypes>"
		"<Resource Id=\"C\"><Name>C</Name><ResourceType Reference=\"Class\"/></Resource></Resources><Events>"
		"<EventGroups><EventGroup Id=\"gAll\"><Name>all</Name></EventGroup></EventGroups>");
	for (int e = 0; e < 200; e++)
		put(&g, "<Event Id=\"E%d\"><Name>e</Name><Duration>1</Duration><Resources><Resource Reference=\"C\"/>"
			"</Resources><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>", e);
	put(&g, "</Events><Constraints><AssignTimeConstraint Id=\"a\"><Name>a</Name><Required>true</Required>"
		"<Weight>1</Weight><CostFunction>Linear</CostFunction><AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/>"
		"</EventGroups></AppliesTo></AssignTimeConstraint><AvoidClashesConstraint Id=\"k\"><Name>k</Name><Required>false</Required>"
		"<Weight>1</Weight><CostFunction>Quadratic</CostFunction><AppliesTo><Resources><Resource Reference=\"C\"/>"
		"</Resources></AppliesTo></AvoidClashesConstraint></Constraints></Instance></Instances>"
		"</HighSchoolTimetableArchive>");
	sch_xhstt *x = xhstt_load_text(g.text);
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	xh_sat r;
	assert_int_equal(sch__xhstt_sat(x, &o, 5, NULL, &r), SCH_ENOTSUP);
	assert_non_null(strstr(sch_error_last()->message, "Quadratic"));
	sch_xhstt_free(x);
}

/* A cancel flag already set: the encoding stops, nothing comes back (and nothing leaks). */
static void test_cancel_flag(void **state)
{
	(void)state;
	static gen g;
	random_archive(&g, 5);
	sch_xhstt *x = xhstt_load_text(g.text);
	volatile int cancel = 1;
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.cancel = &cancel;
	xh_sat r;
	assert_int_equal(sch__xhstt_sat(x, &o, 5, NULL, &r), SCH_ECANCELLED);
	assert_null(r.split);
	assert_int_equal(r.objective, -1);
	sch_xhstt_free(x);
}

static int cancel_in_sat(const sch_progress *p, void *payload)
{
	int *calls = payload;
	/* in the SAT search from the heuristics' timetable (after the probe: it has one) */
	if (strcmp(p->phase, "sat") != 0 || p->hard < 0 || p->elapsed < 3)
		return 0;
	++*calls;
	return 1;
}

/* The progress callback stops the run during the SAT search: cancelled, the best timetable so far returned. */
static void test_cancel_in_sat(void **state)
{
	(void)state;
	sch_xhstt *x = NULL;
	char path[1024];
	snprintf(path, sizeof path, "%s/../shared/data/xhstt/BrazilInstance2.xml", SCH_SOURCE_DIR);
	if (access(path, R_OK) != 0)
		skip();
	assert_int_equal(sch_xhstt_load(&x, path), 0);
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	int calls = 0;
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.time_limit = 20; /* probe 1 s, the importer's splits 2 s, then the SAT search */
	o.progress = cancel_in_sat;
	o.progress_payload = &calls;
	assert_int_equal(sch_xhstt_solve(&s, &tt, x, NULL, &o, NULL), SCH_ECANCELLED);
	assert_int_equal(calls, 1);
	assert_non_null(tt);
	int64_t inf, obj;
	xhstt_timetable_cost(x, tt, "cancelled", &inf, &obj);
	assert_int_equal(inf, 0);
	assert_true(obj > 0);
	sch_timetable_free(tt);
	sch_school_free(s);
	sch_xhstt_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_archives),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_cancel_flag),
		cmocka_unit_test(test_cancel_in_sat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
