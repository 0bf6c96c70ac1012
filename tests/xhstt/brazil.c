/* The evaluator against the costs published for the solutions embedded in BrazilInstance1 and 2. */
#include "helpers.h"
#include "schedule/xhstt.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define DATA SCH_SOURCE_DIR "/../shared/data/xhstt/"

/* The published costs this test pins: group id, infeasibility, objective. */
typedef struct {
	const char *group;
	int64_t inf, obj;
} published;

static sch_xhstt *load_or_skip(const char *file)
{
	char path[1024];
	snprintf(path, sizeof path, "%s%s", DATA, file);
	if (access(path, R_OK) != 0) {
		print_message("skipped: %s is absent (the XHSTT archives live in ../shared)\n", path);
		skip();
	}
	sch_xhstt *x = NULL;
	int rc = sch_xhstt_load(&x, path);
	if (rc != 0)
		fail_msg("loading %s: %s", path, sch_error_last() ? sch_error_last()->message : "?");
	return x;
}

/* Evaluates every solution, reports each, and checks the pinned ones (each must be found once). */
static void check_archive(const char *file, const published *pins, int npins)
{
	sch_xhstt *x = load_or_skip(file);
	sch_xhstt_instance_info ii;
	sch_xhstt_instance(x, &ii);
	print_message("%s: instance %s: %d times, %d resources, %d events, %d constraints, %d solutions\n", file,
		      ii.id, ii.times, ii.resources, ii.events, ii.constraints, sch_xhstt_solution_count(x));
	int found[8] = {0};
	for (int i = 0; i < sch_xhstt_solution_count(x); i++) {
		sch_xhstt_solution si;
		sch_xhstt_cost c;
		assert_int_equal(sch_xhstt_solution_info(x, i, &si), 0);
		assert_int_equal(sch_xhstt_evaluate(x, i, &c), 0);
		print_message("  solution %d, group %s (%s): infeasibility %lld, objective %lld%s\n", i, si.group,
			      si.contributor ? si.contributor : "-", (long long)c.infeasibility,
			      (long long)c.objective, si.has_report ? " (a report is embedded)" : "");
		int64_t inf = 0, obj = 0;
		for (int k = 0; k < c.count; k++) {
			const sch_xhstt_constraint_cost *cc = &c.constraints[k];
			*(cc->required ? &inf : &obj) += cc->cost;
			if (cc->cost)
				print_message("    %-32s %-34s points %3d violated %3d deviation %3lld cost %3lld%s\n",
					      cc->type, cc->id, cc->points, cc->violated, (long long)cc->deviation,
					      (long long)cc->cost, cc->required ? " (required)" : "");
		}
		assert_int_equal(inf, c.infeasibility);
		assert_int_equal(obj, c.objective);
		assert_int_equal(c.unsupported, 0);
		if (si.has_report) {
			assert_int_equal(c.infeasibility, si.reported_infeasibility);
			assert_int_equal(c.objective, si.reported_objective);
		}
		for (int p = 0; p < npins; p++) {
			if (strcmp(si.group, pins[p].group) != 0)
				continue;
			found[p]++;
			assert_int_equal(c.infeasibility, pins[p].inf);
			assert_int_equal(c.objective, pins[p].obj);
		}
		sch_xhstt_cost_free(&c);
	}
	for (int p = 0; p < npins; p++)
		if (found[p] != 1)
			fail_msg("%s: %d solutions of group %s, expected 1", file, found[p], pins[p].group);
	sch_xhstt_free(x);
}

static void test_xhstt_brazil__instance1(void **state)
{
	(void)state;
	/* Haroldo 2011 and Sørensen's 2015 integer programming solution. */
	static const published pins[] = {{"Haroldo_Dec_2011", 0, 42}, {"LectioIntegerProgramming", 0, 41}};
	check_archive("BrazilInstance1.xml", pins, 2);
}

static void test_xhstt_brazil__instance2(void **state)
{
	(void)state;
	static const published pins[] = {{"Haroldo_Dec_2011", 0, 38}, {"Lectio", 0, 5}};
	check_archive("BrazilInstance2.xml", pins, 2);
}

/* The breakdown sums to the totals and names each constraint; out-of-range indices fail cleanly. */
static void test_xhstt_brazil__breakdown(void **state)
{
	(void)state;
	sch_xhstt *x = load_or_skip("BrazilInstance1.xml");
	sch_xhstt_cost c;
	sch_xhstt_solution si;
	assert_int_equal(sch_xhstt_evaluate(x, sch_xhstt_solution_count(x), &c), SCH_EINVALID);
	assert_null(c.constraints);
	assert_int_equal(sch_xhstt_evaluate(x, -1, &c), SCH_EINVALID);
	assert_int_equal(sch_xhstt_solution_info(x, 99, &si), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "no XHSTT solution 100 (the archive has 2, counted from 1)"));
	assert_int_equal(sch_xhstt_evaluate(x, 0, &c), 0);
	assert_int_equal(c.count, 18);
	assert_string_equal(c.constraints[0].id, "AssignTimes");
	assert_string_equal(c.constraints[0].type, "AssignTimeConstraint");
	assert_int_equal(c.constraints[0].points, 21);
	sch_xhstt_cost_free(&c);
	sch_xhstt_cost_free(&c); /* harmless twice */
	sch_xhstt_cost_free(NULL);
	sch_xhstt_free(x);
	sch_xhstt_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xhstt_brazil__instance1),
		cmocka_unit_test(test_xhstt_brazil__instance2),
		cmocka_unit_test(test_xhstt_brazil__breakdown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
