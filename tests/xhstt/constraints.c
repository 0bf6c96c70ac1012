/* Each constraint type and cost function on a small hand-made archive whose costs are worked out by hand. */
#include "helpers.h"
#include "schedule/xhstt.h"

#include <stdio.h>
#include <string.h>

/* Two days of three times; T1, T2, T3 teachers, C1 a class; E1..E5 events. */
static const char archive[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<HighSchoolTimetableArchive><Instances><Instance Id=\"I\"><MetaData><Name>Тест</Name></MetaData>"
	"<Times><TimeGroups><Day Id=\"gD1\"><Name>D1</Name></Day><Day Id=\"gD2\"><Name>D2</Name></Day>"
	"<TimeGroup Id=\"gMorning\"><Name>m</Name></TimeGroup></TimeGroups>"
	"<Time Id=\"D1_1\"><Name>a</Name><Day Reference=\"gD1\"/><TimeGroups><TimeGroup Reference=\"gMorning\"/></TimeGroups></Time>"
	"<Time Id=\"D1_2\"><Name>b</Name><Day Reference=\"gD1\"/></Time>"
	"<Time Id=\"D1_3\"><Name>c</Name><Day Reference=\"gD1\"/></Time>"
	"<Time Id=\"D2_1\"><Name>d</Name><Day Reference=\"gD2\"/><TimeGroups><TimeGroup Reference=\"gMorning\"/></TimeGroups></Time>"
	"<Time Id=\"D2_2\"><Name>e</Name><Day Reference=\"gD2\"/></Time>"
	"<Time Id=\"D2_3\"><Name>f</Name><Day Reference=\"gD2\"/></Time></Times>"
	"<Resources><ResourceTypes><ResourceType Id=\"Teacher\"><Name>t</Name></ResourceType>"
	"<ResourceType Id=\"Class\"><Name>c</Name></ResourceType></ResourceTypes>"
	"<ResourceGroups><ResourceGroup Id=\"gT\"><Name>T</Name><ResourceType Reference=\"Teacher\"/></ResourceGroup></ResourceGroups>"
	"<Resource Id=\"T1\"><Name>T1</Name><ResourceType Reference=\"Teacher\"/><ResourceGroups><ResourceGroup Reference=\"gT\"/></ResourceGroups></Resource>"
	"<Resource Id=\"T2\"><Name>T2</Name><ResourceType Reference=\"Teacher\"/><ResourceGroups><ResourceGroup Reference=\"gT\"/></ResourceGroups></Resource>"
	"<Resource Id=\"T3\"><Name>T3</Name><ResourceType Reference=\"Teacher\"/></Resource>"
	"<Resource Id=\"C1\"><Name>C1</Name><ResourceType Reference=\"Class\"/></Resource></Resources>"
	"<Events><EventGroups><EventGroup Id=\"gAll\"><Name>all</Name></EventGroup>"
	"<Course Id=\"gLink\"><Name>link</Name></Course></EventGroups>"
	"<Event Id=\"E1\"><Name>E1</Name><Duration>2</Duration><Course Reference=\"gLink\"/>"
	"<Resources><Resource Reference=\"T1\"><Role>Teacher</Role></Resource><Resource Reference=\"C1\"><Role>Class</Role></Resource></Resources>"
	"<EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>"
	"<Event Id=\"E2\"><Name>E2</Name><Duration>2</Duration><Course Reference=\"gLink\"/>"
	"<Resources><Resource Reference=\"T1\"/></Resources><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>"
	"<Event Id=\"E3\"><Name>E3</Name><Duration>1</Duration>"
	"<Resources><Resource><Role>Teacher</Role><ResourceType Reference=\"Teacher\"/></Resource></Resources>"
	"<EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>"
	"<Event Id=\"E4\"><Name>E4</Name><Duration>1</Duration><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>"
	"<Event Id=\"E5\"><Name>E5</Name><Duration>1</Duration><Resources><Resource Reference=\"T2\"/></Resources>"
	"<EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event></Events>"
	"<Constraints>"
	/* 0: E4 unassigned: 1 */
	"<AssignTimeConstraint Id=\"c0\"><Name>n</Name><Required>true</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></AppliesTo></AssignTimeConstraint>"
	/* 1: T1 twice at D1_2: 1 */
	"<AvoidClashesConstraint Id=\"c1\"><Name>n</Name><Required>true</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><ResourceGroups><ResourceGroup Reference=\"gT\"/></ResourceGroups><Resources><Resource Reference=\"C1\"/></Resources></AppliesTo></AvoidClashesConstraint>"
	/* 2: T1 busy at D1_1, D1_2 (twice, one time), D2_3: 3 busy unavailable times, 3 x 3^2 = 27 */
	"<AvoidUnavailableTimesConstraint Id=\"c2\"><Name>n</Name><Required>false</Required><Weight>3</Weight><CostFunction>Quadratic</CostFunction>"
	"<AppliesTo><Resources><Resource Reference=\"T1\"/></Resources></AppliesTo>"
	"<Times><Time Reference=\"D1_1\"/><Time Reference=\"D1_2\"/></Times><TimeGroups><TimeGroup Reference=\"gD2\"/></TimeGroups></AvoidUnavailableTimesConstraint>"
	/* 3: only E2's duration-1 sub-events count, both outside the mornings: 2 x 2 = 4 */
	"<PreferTimesConstraint Id=\"c3\"><Name>n</Name><Required>false</Required><Weight>2</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/></Events></AppliesTo>"
	"<TimeGroups><TimeGroup Reference=\"gMorning\"/></TimeGroups><Duration>1</Duration></PreferTimesConstraint>"
	/* 4: E1 at D1_1 fine, E2 deviation 2, Step: 1 */
	"<PreferTimesConstraint Id=\"c4\"><Name>n</Name><Required>false</Required><Weight>1</Weight><CostFunction>Step</CostFunction>"
	"<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/></Events></AppliesTo>"
	"<Times><Time Reference=\"D1_1\"/></Times></PreferTimesConstraint>"
	/* 5: E1 one sub-event of duration 2: too long and one too few: 2 */
	"<SplitEventsConstraint Id=\"c5\"><Name>n</Name><Required>false</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/></Events></AppliesTo>"
	"<MinimumDuration>1</MinimumDuration><MaximumDuration>1</MaximumDuration><MinimumAmount>2</MinimumAmount><MaximumAmount>2</MaximumAmount></SplitEventsConstraint>"
	/* 6: E2 has two duration-1 sub-events, at most 1 allowed, Step weight 5: 5 */
	"<DistributeSplitEventsConstraint Id=\"c6\"><Name>n</Name><Required>false</Required><Weight>5</Weight><CostFunction>Step</CostFunction>"
	"<AppliesTo><Events><Event Reference=\"E2\"/></Events></AppliesTo><Duration>1</Duration><Minimum>0</Minimum><Maximum>1</Maximum></DistributeSplitEventsConstraint>"
	/* 7: gLink starts twice on D1 (max 1) and once on D2 (min 2): 2 */
	"<SpreadEventsConstraint Id=\"c7\"><Name>n</Name><Required>false</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><EventGroups><EventGroup Reference=\"gLink\"/></EventGroups></AppliesTo><TimeGroups>"
	"<TimeGroup Reference=\"gD1\"><Minimum>1</Minimum><Maximum>1</Maximum></TimeGroup>"
	"<TimeGroup Reference=\"gD2\"><Minimum>2</Minimum><Maximum>3</Maximum></TimeGroup></TimeGroups></SpreadEventsConstraint>"
	/* 8: T2 busy at D2_1 (E3 by role) and D2_3: idle at D2_2: 1 */
	"<LimitIdleTimesConstraint Id=\"c8\"><Name>n</Name><Required>false</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><ResourceGroups><ResourceGroup Reference=\"gT\"/></ResourceGroups></AppliesTo>"
	"<TimeGroups><TimeGroup Reference=\"gD1\"/><TimeGroup Reference=\"gD2\"/></TimeGroups><Minimum>0</Minimum><Maximum>0</Maximum></LimitIdleTimesConstraint>"
	/* 9: T1 busy on 2 days, T2 and C1 on 1 (min 2): 4 x 2 = 8 */
	"<ClusterBusyTimesConstraint Id=\"c9\"><Name>n</Name><Required>false</Required><Weight>4</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><Resources><Resource Reference=\"T1\"/><Resource Reference=\"T2\"/><Resource Reference=\"C1\"/></Resources></AppliesTo>"
	"<TimeGroups><TimeGroup Reference=\"gD1\"/><TimeGroup Reference=\"gD2\"/></TimeGroups><Minimum>2</Minimum><Maximum>2</Maximum></ClusterBusyTimesConstraint>"
	/* 10: T3 never busy, AllowZero: 0 */
	"<ClusterBusyTimesConstraint Id=\"c10\"><Name>n</Name><Required>false</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><Resources><Resource Reference=\"T3\"/></Resources></AppliesTo>"
	"<TimeGroups><TimeGroup Reference=\"gD1\"/></TimeGroups><Minimum>1</Minimum><Maximum>5</Maximum><AllowZero>true</AllowZero></ClusterBusyTimesConstraint>"
	/* 11: the same without AllowZero: 1 */
	"<ClusterBusyTimesConstraint Id=\"c11\"><Name>n</Name><Required>false</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><Resources><Resource Reference=\"T3\"/></Resources></AppliesTo>"
	"<TimeGroups><TimeGroup Reference=\"gD1\"/></TimeGroups><Minimum>1</Minimum><Maximum>5</Maximum></ClusterBusyTimesConstraint>"
	/* 12: E1 at D1_1-2, E2 at D1_2 and D2_3: D1_1 and D2_3 have one of the two: 2 */
	"<LinkEventsConstraint Id=\"c12\"><Name>n</Name><Required>false</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><EventGroups><EventGroup Reference=\"gLink\"/></EventGroups></AppliesTo></LinkEventsConstraint>"
	/* 13: a type not evaluated */
	"<LimitWorkloadConstraint Id=\"c13\"><Name>n</Name><Required>true</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>"
	"<AppliesTo><Resources><Resource Reference=\"T1\"/></Resources></AppliesTo><Minimum>0</Minimum><Maximum>1</Maximum></LimitWorkloadConstraint>"
	"</Constraints></Instance>"
	"<Instance Id=\"Other\"><Times/><Events/></Instance></Instances>"
	"<SolutionGroups><SolutionGroup Id=\"G\"><MetaData><Contributor>Ким</Contributor><Date>2026</Date><Description>group</Description></MetaData>"
	"<Solution Reference=\"Other\"><Events/></Solution>"
	"<Solution Reference=\"I\"><Description>by hand</Description><Events>"
	"<Event Reference=\"E1\"><Duration>2</Duration><Time Reference=\"D1_1\"/></Event>"
	"<Event Reference=\"E2\"><Duration>1</Duration><Time Reference=\"D1_2\"/></Event>"
	"<Event Reference=\"E2\"><Duration>1</Duration><Time Reference=\"D2_3\"/></Event>"
	"<Event Reference=\"E3\"><Time Reference=\"D2_1\"/><Resources><Resource Reference=\"T2\"><Role>Teacher</Role></Resource></Resources></Event>"
	"<Event Reference=\"E5\"><Time Reference=\"D2_3\"/></Event>"
	"</Events><Report><InfeasibilityValue>2</InfeasibilityValue><ObjectiveValue>53</ObjectiveValue></Report></Solution>"
	"</SolutionGroup></SolutionGroups></HighSchoolTimetableArchive>\n";

static sch_xhstt *load_text(const char *name, const char *text)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/xhstt_%s.xml", SCH_BINARY_DIR, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	sch_xhstt *x = NULL;
	if (sch_xhstt_load(&x, path) != 0)
		fail_msg("%s", sch_error_last()->message);
	remove(path);
	return x;
}

static void test_xhstt_constraints__each_type(void **state)
{
	(void)state;
	static const struct {
		int64_t dev, cost;
		int points, violated;
	} want[] = {
		{1, 1, 5, 1},   {1, 1, 3, 1}, {3, 27, 1, 1}, {2, 4, 2, 1}, {2, 1, 2, 1},
		{2, 2, 2, 1},   {1, 5, 1, 1}, {2, 2, 1, 1},  {1, 1, 2, 1}, {2, 8, 3, 2},
		{0, 0, 1, 0},   {1, 1, 1, 1}, {2, 2, 1, 1},  {0, 0, 0, 0},
	};
	sch_xhstt *x = load_text("each_type", archive);
	sch_xhstt_instance_info ii;
	sch_xhstt_instance(x, &ii);
	assert_string_equal(ii.id, "I");
	assert_string_equal(ii.name, "Тест");
	assert_int_equal(ii.times, 6);
	assert_int_equal(ii.resources, 4);
	assert_int_equal(ii.events, 5);
	assert_int_equal(ii.constraints, 14);
	assert_int_equal(ii.instances_skipped, 1);
	/* The solution of the other instance is not read. */
	assert_int_equal(sch_xhstt_solution_count(x), 1);
	sch_xhstt_solution si;
	assert_int_equal(sch_xhstt_solution_info(x, 0, &si), 0);
	assert_string_equal(si.group, "G");
	assert_string_equal(si.contributor, "Ким");
	assert_string_equal(si.description, "by hand");
	assert_string_equal(si.date, "2026");
	assert_int_equal(si.has_report, 1);
	assert_int_equal(si.sub_events, 6); /* five read, E4 added unassigned */
	sch_xhstt_cost c;
	assert_int_equal(sch_xhstt_evaluate(x, 0, &c), 0);
	assert_int_equal(c.count, 14);
	for (int k = 0; k < c.count; k++) {
		const sch_xhstt_constraint_cost *cc = &c.constraints[k];
		print_message("%-4s %-32s points %d violated %d deviation %lld cost %lld\n", cc->id, cc->type, cc->points,
			      cc->violated, (long long)cc->deviation, (long long)cc->cost);
		assert_int_equal(cc->deviation, want[k].dev);
		assert_int_equal(cc->cost, want[k].cost);
		assert_int_equal(cc->points, want[k].points);
		assert_int_equal(cc->violated, want[k].violated);
	}
	assert_int_equal(c.constraints[13].supported, 0);
	assert_int_equal(c.unsupported, 1);
	assert_int_equal(c.infeasibility, 2);
	assert_int_equal(c.objective, 53);
	assert_int_equal(c.infeasibility, si.reported_infeasibility);
	assert_int_equal(c.objective, si.reported_objective);
	sch_xhstt_cost_free(&c);
	sch_xhstt_free(x);
}

/* A sub-event running past the last time occupies only the times that exist. */
static void test_xhstt_constraints__past_the_end(void **state)
{
	(void)state;
	static const char text[] =
		"<HighSchoolTimetableArchive><Instances><Instance Id=\"I\">"
		"<Times><Time Id=\"t1\"><Name>1</Name></Time><Time Id=\"t2\"><Name>2</Name></Time></Times>"
		"<Resources><Resource Id=\"R\"><Name>R</Name></Resource></Resources>"
		"<Events><Event Id=\"A\"><Name>A</Name><Duration>3</Duration><Resources><Resource Reference=\"R\"/></Resources></Event>"
		"<Event Id=\"B\"><Name>B</Name><Duration>1</Duration><Time Reference=\"t2\"/><Resources><Resource Reference=\"R\"/></Resources></Event></Events>"
		"<Constraints><AvoidClashesConstraint Id=\"k\"><Name>k</Name><Required>true</Required><Weight>10</Weight>"
		"<CostFunction>Linear</CostFunction><AppliesTo><Resources><Resource Reference=\"R\"/></Resources></AppliesTo></AvoidClashesConstraint>"
		"</Constraints></Instance></Instances>"
		"<SolutionGroups><SolutionGroup Id=\"G\"><MetaData/><Solution Reference=\"I\"><Events>"
		"<Event Reference=\"A\"><Duration>3</Duration><Time Reference=\"t1\"/></Event>"
		"</Events></Solution></SolutionGroup></SolutionGroups></HighSchoolTimetableArchive>";
	sch_xhstt *x = load_text("past_the_end", text);
	sch_xhstt_cost c;
	sch_xhstt_solution si;
	assert_int_equal(sch_xhstt_solution_info(x, 0, &si), 0);
	assert_null(si.contributor);
	assert_null(si.description);
	assert_int_equal(si.has_report, 0);
	assert_int_equal(sch_xhstt_evaluate(x, 0, &c), 0);
	/* A at t1-t2 (t3 does not exist), B keeps its preassigned t2: one clash. */
	assert_int_equal(c.constraints[0].deviation, 1);
	assert_int_equal(c.infeasibility, 10);
	assert_int_equal(c.objective, 0);
	sch_xhstt_cost_free(&c);
	sch_xhstt_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xhstt_constraints__each_type),
		cmocka_unit_test(test_xhstt_constraints__past_the_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
