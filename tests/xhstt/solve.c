/* Solving an XHSTT archive with the events' splits searched (sch_xhstt_solve). */
#include "helpers.h"
#include "xhstt_fixture.h"
#include "schedule/school.h"
#include "schedule/solver.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"
#include "schedule/verify.h"
#include "schedule/xhstt.h"
#include "../../lib/xhstt_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CON_HEAD(type, id, req, w) \
	"<" type " Id=\"" id "\"><Name>n</Name><Required>" req "</Required><Weight>" w "</Weight><CostFunction>Linear</CostFunction>"

/*
 * Two days of three times. Teacher T2 teaches class C1 at Mo2 and Tu2 (preassigned) and
 * class C2 event A of two times. A double lesson of A clashes with T2's lesson whatever its
 * place, so the importer's split (2: the cheapest, no split cost) has no timetable; split
 * 1+1 (split cost 1) fits around Mo2 or Tu2 without an idle time: the optimum is
 * infeasibility 0, objective 1.
 */
static const char archive_text[] =
	"<HighSchoolTimetableArchive><Instances><Instance Id=\"I\"><MetaData><Name>Сплит</Name></MetaData>"
	XHSTT_TWO_DAYS_OF_THREE
	"<ResourceGroups><ResourceGroup Id=\"gAllR\"><Name>all</Name><ResourceType Reference=\"Teacher\"/></ResourceGroup></ResourceGroups>"
	"<Resource Id=\"T2\"><Name>T2</Name><ResourceType Reference=\"Teacher\"/><ResourceGroups><ResourceGroup Reference=\"gAllR\"/></ResourceGroups></Resource>"
	"<Resource Id=\"C1\"><Name>7a</Name><ResourceType Reference=\"Class\"/></Resource>"
	"<Resource Id=\"C2\"><Name>7б</Name><ResourceType Reference=\"Class\"/></Resource></Resources>"
	"<Events><EventGroups><EventGroup Id=\"gAll\"><Name>all</Name></EventGroup></EventGroups>"
	"<Event Id=\"P1\"><Duration>1</Duration><Time Reference=\"Mo2\"/><Resources><Resource Reference=\"T2\"/><Resource Reference=\"C1\"/></Resources>"
	"<EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>"
	"<Event Id=\"P2\"><Duration>1</Duration><Time Reference=\"Tu2\"/><Resources><Resource Reference=\"T2\"/><Resource Reference=\"C1\"/></Resources>"
	"<EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>"
	"<Event Id=\"A\"><Duration>2</Duration><Resources><Resource Reference=\"T2\"/><Resource Reference=\"C2\"/></Resources>"
	"<EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event></Events>"
	"<Constraints>" CON_HEAD("AssignTimeConstraint", "assign", "true", "1")
	"<AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></AppliesTo></AssignTimeConstraint>"
	CON_HEAD("AvoidClashesConstraint", "clash", "true", "1")
	"<AppliesTo><Resources><Resource Reference=\"T2\"/><Resource Reference=\"C1\"/><Resource Reference=\"C2\"/></Resources></AppliesTo></AvoidClashesConstraint>"
	CON_HEAD("SplitEventsConstraint", "split", "true", "1")
	"<AppliesTo><Events><Event Reference=\"A\"/></Events></AppliesTo><MinimumDuration>1</MinimumDuration>"
	"<MaximumDuration>2</MaximumDuration><MinimumAmount>1</MinimumAmount><MaximumAmount>2</MaximumAmount></SplitEventsConstraint>"
	CON_HEAD("DistributeSplitEventsConstraint", "dist", "false", "1")
	"<AppliesTo><Events><Event Reference=\"A\"/></Events></AppliesTo><Duration>2</Duration><Minimum>1</Minimum><Maximum>1</Maximum></DistributeSplitEventsConstraint>"
	CON_HEAD("LimitIdleTimesConstraint", "idle", "false", "3")
	"<AppliesTo><ResourceGroups><ResourceGroup Reference=\"gAllR\"/></ResourceGroups></AppliesTo>"
	"<TimeGroups><TimeGroup Reference=\"gMo\"/><TimeGroup Reference=\"gTu\"/></TimeGroups><Minimum>0</Minimum><Maximum>0</Maximum></LimitIdleTimesConstraint>"
	"</Constraints></Instance></Instances></HighSchoolTimetableArchive>";

static sch_xhstt *load_archive(void)
{
	return xhstt_load_text(archive_text);
}

/* The archive with a LinkEventsConstraint (of weight 0: it costs nothing), which the SAT
 * search cannot state: solving it is the split search's. */
static sch_xhstt *load_linked_archive(void)
{
	static char text[sizeof archive_text + 512];
	const char *end = strstr(archive_text, "</Constraints>");
	snprintf(text, sizeof text, "%.*s" CON_HEAD("LinkEventsConstraint", "link", "false", "0")
		 "<AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></AppliesTo></LinkEventsConstraint>%s",
		 (int)(end - archive_text), archive_text, end);
	return xhstt_load_text(text);
}

/* The XHSTT cost of tt as a solution of x; the verifier's hard count of tt is checked too. */
static void xhstt_cost(sch_xhstt *x, const sch_timetable *tt, int64_t *inf, int64_t *obj)
{
	xhstt_timetable_cost(x, tt, "test", inf, obj);
	sch_report *r = NULL;
	assert_int_equal(sch_verify(&r, tt, NULL), 0);
	/* the school's hard count is zero exactly when the XHSTT infeasibility is */
	assert_int_equal(sch_report_hard(r) == 0, *inf == 0);
	sch_report_free(r);
}

/* sch_xhstt_solve reaches the optimum: infeasibility 0, objective 1, A as two singles. */
static void expect_optimum(sch_xhstt *x, const sch_solve_options *o)
{
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	int64_t inf, obj;
	assert_int_equal(sch_xhstt_solve(&s, &tt, x, NULL, o, NULL), 0);
	assert_non_null(s);
	assert_ptr_equal(sch_timetable_school(tt), s);
	assert_int_equal(s->n_lessons, 4); /* P1, P2 and A as two singles */
	xhstt_cost(x, tt, &inf, &obj);
	assert_int_equal(inf, 0);
	assert_int_equal(obj, 1);
	sch_timetable_free(tt);
	sch_school_free(s);
}

/* The importer's split alone leaves the double lesson out; the search splits it and reaches the optimum. */
static void test_search_finds_the_split(void **state)
{
	(void)state;
	sch_xhstt *x = load_archive();
	sch_school *fixed = NULL;
	sch_timetable *tt = NULL;
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.time_limit = 0.5;
	assert_int_equal(sch_xhstt_to_school(x, NULL, &fixed, NULL), 0);
	assert_int_equal(sch_solve(&tt, NULL, fixed, &o), SCH_EINFEASIBLE);
	sch_timetable_free(tt);
	sch_school_free(fixed);
	sch_xhstt_free(x);

	/* the split search itself (the SAT search refuses the archive with a link) */
	x = load_linked_archive();
	xh_sat r;
	assert_int_equal(sch__xhstt_sat(x, &o, 5, NULL, &r), SCH_ENOTSUP);
	for (uint64_t seed = 1; seed <= 3; seed++) {
		o.time_limit = 1.5;
		o.seed = seed;
		expect_optimum(x, &o);
	}
	sch_xhstt_free(x);
}

/* The SAT search proves the optimum (objective 1, A split 1+1 around T2's lessons) and stops there. */
static void test_sat_proves_the_optimum(void **state)
{
	(void)state;
	sch_xhstt *x = load_archive();
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	xh_sat r;
	assert_int_equal(sch__xhstt_sat(x, &o, 30, NULL, &r), 0);
	assert_int_equal(r.objective, 1);
	assert_int_equal(r.optimal, 1);
	assert_int_equal(r.split[2].n, 2); /* A: 1+1 */
	assert_int_equal(r.split[2].len[0] + r.split[2].len[1], 2);
	sch__xhstt_sat_free(&r);

	/* the whole solve ends on the proof, its timetable the proved one */
	o.time_limit = 20;
	expect_optimum(x, &o);
	sch_xhstt_free(x);
}

/* Greedy and splits taken from the archive: one solve of the fixed splits, no search. */
static void test_no_search(void **state)
{
	(void)state;
	sch_xhstt *x = load_archive();
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.method = SCH_METHOD_GREEDY;
	o.time_limit = 1;
	assert_int_equal(sch_xhstt_solve(&s, &tt, x, NULL, &o, NULL), SCH_EINFEASIBLE);
	assert_non_null(tt); /* the partial timetable comes back */
	assert_int_equal(s->n_lessons, 3);
	int64_t inf, obj;
	xhstt_cost(x, tt, &inf, &obj);
	assert_true(inf > 0);
	sch_timetable_free(tt);
	sch_school_free(s);
	sch_xhstt_free(x);
}

/* A cancel flag set before the start: the best so far (the first solve's) comes back. */
static void test_cancel(void **state)
{
	(void)state;
	sch_xhstt *x = load_archive();
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	volatile int cancel = 1;
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	o.time_limit = 30;
	o.cancel = &cancel;
	assert_int_equal(sch_xhstt_solve(&s, &tt, x, NULL, &o, NULL), SCH_ECANCELLED);
	assert_non_null(tt);
	assert_non_null(s);
	sch_timetable_free(tt);
	sch_school_free(s);
	sch_xhstt_free(x);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	sch_xhstt *x = load_archive();
	sch_school *s = (sch_school *)1;
	sch_timetable *tt = (sch_timetable *)1;
	sch_solve_options o = SCH_SOLVE_OPTIONS_INIT;
	assert_int_equal(sch_xhstt_solve(NULL, &tt, x, NULL, &o, NULL), SCH_EINVALID);
	assert_int_equal(sch_xhstt_solve(&s, &tt, NULL, NULL, &o, NULL), SCH_EINVALID);
	assert_null(s);
	assert_null(tt);
	o.time_limit = 0; /* the search stops on time only */
	assert_int_equal(sch_xhstt_solve(&s, &tt, x, NULL, &o, NULL), SCH_EINVALID);
	assert_non_null(strstr(sch_error_last()->message, "time limit"));
	o = (sch_solve_options)SCH_SOLVE_OPTIONS_INIT;
	o.version = 99;
	assert_int_equal(sch_xhstt_solve(&s, &tt, x, NULL, &o, NULL), SCH_EINVALID);
	sch_xhstt_import_options io = SCH_XHSTT_IMPORT_OPTIONS_INIT;
	io.instance_id = "nope";
	o = (sch_solve_options)SCH_SOLVE_OPTIONS_INIT;
	assert_int_equal(sch_xhstt_solve(&s, &tt, x, &io, &o, NULL), SCH_ENOTFOUND);
	assert_null(s);
	assert_null(tt);
	sch_xhstt_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_finds_the_split),
		cmocka_unit_test(test_sat_proves_the_optimum),
		cmocka_unit_test(test_no_search),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
