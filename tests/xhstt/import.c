/* XHSTT instances as schools: import, embedded solutions as timetables, verifier against evaluator, export. */
#include "helpers.h"
#include "xhstt_fixture.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"
#include "schedule/verify.h"
#include "schedule/xhstt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA SCH_SOURCE_DIR "/../shared/data/xhstt/"

static void path_or_skip(char *path, size_t n, const char *file)
{
	snprintf(path, n, "%s%s", DATA, file);
	if (access(path, R_OK) != 0) {
		print_message("skipped: %s is absent (the XHSTT archives live in ../shared)\n", path);
		skip();
	}
}

static const char *last_message(void)
{
	return sch_error_last() && sch_error_last()->message ? sch_error_last()->message : "?";
}

static void print_diags(const sch_diags *d)
{
	char buf[1024];
	for (size_t i = 0; i < sch_diags_count(d); i++) {
		sch_diag_format(buf, sizeof buf, sch_diags_get(d, i));
		print_message("    %s\n", buf);
	}
}

static int has_diag(const sch_diags *d, int severity, const char *what);

static int count_type(const sch_school *s, int type, int hard)
{
	int n = 0;
	for (int i = 0; i < s->n_constraints; i++)
		n += s->constraints[i].type == type && (s->constraints[i].weight == SCH_WEIGHT_HARD) == hard;
	return n;
}

/* The sizes of an imported instance. */
typedef struct {
	const char *file;
	int teachers, classes, lines, lessons, constraints;
	const char *first_line; /* the id of the first load line: the first event's */
	const char *resplit;    /* the event split otherwise so that a class's lessons fit its days, or NULL */
} sizes;

static void check_import(const sizes *want)
{
	char path[1024];
	path_or_skip(path, sizeof path, want->file);
	sch_school *s = NULL;
	sch_diags *d = NULL;
	assert_int_equal(sch_diags_new(&d), 0);
	int rc = sch_xhstt_import_school(path, NULL, &s, d);
	print_diags(d);
	if (rc != 0)
		fail_msg("importing %s: %s", path, last_message());
	print_message("%s: %d days x %d periods, %d teachers, %d classes, %d subjects, %d lines, %d lessons, %d constraints\n",
		      want->file, s->n_days, s->n_periods, s->n_teachers, s->n_classes, s->n_subjects, s->n_lines,
		      s->n_lessons, s->n_constraints);
	for (int t = 0; t < SCH_CON_COUNT; t++)
		if (count_type(s, t, 1) || count_type(s, t, 0))
			print_message("  constraint type %d: %d hard, %d soft\n", t, count_type(s, t, 1), count_type(s, t, 0));
	assert_int_equal(s->n_days, 5);
	assert_int_equal(s->n_periods, 5);
	assert_int_equal(s->day_codes[0], 0);
	assert_int_equal(s->day_codes[4], 4);
	assert_int_equal(s->n_teachers, want->teachers);
	assert_int_equal(s->n_classes, want->classes);
	assert_int_equal(s->n_lines, want->lines);
	assert_int_equal(s->n_lessons, want->lessons);
	assert_int_equal(s->n_constraints, want->constraints);
	/* The school's own soft terms are off; pupils' gaps are no hard rule. */
	assert_int_equal(s->weights.teacher_gap, 0);
	assert_int_equal(s->weights.class_balance, 0);
	assert_int_equal(s->rules.pupil_gaps, SCH_PUPIL_GAPS_ALLOWED);
	assert_false(s->rules.subject_once_a_day);
	/* Both archives map every constraint: no warning but those of a changed split. */
	assert_int_equal(sch_diags_errors(d), 0);
	assert_int_equal(sch_diags_warnings(d), want->resplit ? 2 : 0);
	if (want->resplit) {
		char what[128];
		snprintf(what, sizeof what, "event \"%s\" is split", want->resplit);
		assert_true(has_diag(d, SCH_DIAG_WARNING, what));
		assert_true(has_diag(d, SCH_DIAG_WARNING, "cost infeasibility 0 and objective 1"));
	}
	/* Line ids name the events. */
	assert_non_null(s->lines[0].id);
	assert_string_equal(s->lines[0].id, want->first_line);
	sch_school_free(s);
	sch_diags_free(d);
}

static void test_xhstt_import__instance1(void **state)
{
	(void)state;
	/* 21 events: nine of 3 (2+1), six of 5 (2+2+1), three of 4 (2+2), three of 2 (2); lines per
	 * lesson length; 18 spread rules (the courses of more than one lesson), the double lessons'
	 * allowed starts, teachers' idle times, two limits of working days. */
	static const sizes want = {"BrazilInstance1.xml", 8, 3, 36, 45, 22, "T1-S1", NULL};
	check_import(&want);
}

static void test_xhstt_import__instance2(void **state)
{
	(void)state;
	/* The cheapest split gives class S6 eleven double lessons, one more than five days of five
	 * periods hold: T2-S6 (4) is split 2+1+1 instead of 2+2, at objective 1. */
	static const sizes want = {"BrazilInstance2.xml", 14, 6, 89, 93, 35, "T1-S1", "T2-S6"};
	check_import(&want);
}

/* The cost of the split constraints in an evaluation: what a school with fixed splits leaves out. */
static void split_costs(const sch_xhstt_cost *c, int64_t *inf, int64_t *obj)
{
	*inf = *obj = 0;
	for (int k = 0; k < c->count; k++)
		if (strcmp(c->constraints[k].type, "SplitEventsConstraint") == 0 ||
		    strcmp(c->constraints[k].type, "DistributeSplitEventsConstraint") == 0)
			*(c->constraints[k].required ? inf : obj) += c->constraints[k].cost;
}

/*
 * Every embedded solution, with the school imported with that solution's splits: the
 * solution as a timetable has, by our verifier, the solution's XHSTT cost less the constant
 * cost of its splits; written back as a solution it has the same XHSTT cost again, also
 * after a round trip through a file.
 */
static void check_solutions(const char *file)
{
	char path[1024], tmp[] = "/tmp/sch_xhstt_XXXXXX";
	path_or_skip(path, sizeof path, file);
	sch_xhstt *x = NULL;
	if (sch_xhstt_load(&x, path) != 0)
		fail_msg("%s: %s", path, last_message());
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	close(fd);
	int n = sch_xhstt_solution_count(x);
	assert_true(n >= 2);
	for (int i = 0; i < n; i++) {
		sch_xhstt_import_options o = SCH_XHSTT_IMPORT_OPTIONS_INIT;
		sch_school *s = NULL;
		sch_timetable *tt = NULL;
		sch_report *rep = NULL;
		sch_xhstt_cost c = {0}, back = {0}, again = {0};
		sch_xhstt_solution si;
		int64_t sinf, sobj;
		o.split_solution = i;
		if (sch_xhstt_to_school(x, &o, &s, NULL) != 0)
			fail_msg("%s, splits of solution %d: %s", file, i, last_message());
		if (sch_xhstt_solution_timetable(x, i, s, &tt) != 0)
			fail_msg("%s, solution %d as a timetable: %s", file, i, last_message());
		assert_int_equal(sch_timetable_placed_count(tt), s->n_lessons);
		assert_int_equal(sch_xhstt_evaluate(x, i, &c), 0);
		assert_int_equal(sch_xhstt_solution_info(x, i, &si), 0);
		split_costs(&c, &sinf, &sobj);
		assert_int_equal(sch_verify(&rep, tt, NULL), 0);
		print_message("%s solution %d (%s): XHSTT %lld/%lld, splits %lld/%lld; verifier hard %lld soft %lld\n", file,
			      i, si.group, (long long)c.infeasibility, (long long)c.objective, (long long)sinf,
			      (long long)sobj, (long long)sch_report_hard(rep), (long long)sch_report_soft(rep));
		for (size_t f = 0; f < sch_report_count(rep); f++) {
			const sch_finding *fi = sch_report_get(rep, f);
			if (sch_term_is_hard(fi->term) || fi->weight)
				print_message("    %s x%d: %s\n", sch_term_name(fi->term), fi->amount, fi->message);
		}
		assert_int_equal(sch_report_hard(rep), c.infeasibility - sinf);
		assert_int_equal(sch_report_soft(rep), c.objective - sobj);
		/* Back to a solution: the same XHSTT cost. */
		int idx = -1;
		if (sch_xhstt_add_timetable(x, tt, "roundtrip", &idx) != 0)
			fail_msg("%s: %s", file, last_message());
		assert_int_equal(idx, sch_xhstt_solution_count(x) - 1);
		assert_int_equal(sch_xhstt_evaluate(x, idx, &back), 0);
		assert_int_equal(back.infeasibility, c.infeasibility);
		assert_int_equal(back.objective, c.objective);
		/* Through a file, read by the archive reader. */
		if (sch_xhstt_write_solution(x, idx, tmp) != 0)
			fail_msg("%s: %s", tmp, last_message());
		sch_xhstt *y = NULL;
		if (sch_xhstt_load(&y, tmp) != 0)
			fail_msg("%s: %s", tmp, last_message());
		assert_int_equal(sch_xhstt_solution_count(y), 1);
		assert_int_equal(sch_xhstt_evaluate(y, 0, &again), 0);
		assert_int_equal(again.infeasibility, c.infeasibility);
		assert_int_equal(again.objective, c.objective);
		sch_xhstt_free(y);
		/* A lesson left out: an unassigned sub-event, AssignTime counts its duration. */
		int len = s->lessons[0].length;
		assert_int_equal(sch_timetable_set(tt, 0, -1, 0), 0);
		assert_int_equal(sch_xhstt_add_timetable(x, tt, NULL, &idx), 0);
		sch_xhstt_cost_free(&again);
		assert_int_equal(sch_xhstt_evaluate(x, idx, &again), 0);
		assert_int_equal(again.infeasibility, c.infeasibility + len);
		sch_xhstt_cost_free(&c);
		sch_xhstt_cost_free(&back);
		sch_xhstt_cost_free(&again);
		sch_report_free(rep);
		sch_timetable_free(tt);
		sch_school_free(s);
	}
	unlink(tmp);
	sch_xhstt_free(x);
}

/* A solution split otherwise than the school cannot become its timetable. */
static void test_xhstt_import__other_split(void **state)
{
	(void)state;
	char path[1024];
	path_or_skip(path, sizeof path, "BrazilInstance1.xml");
	sch_xhstt *x = NULL;
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	assert_int_equal(sch_xhstt_load(&x, path), 0);
	assert_int_equal(sch_xhstt_to_school(x, NULL, &s, NULL), 0);
	/* Haroldo's solution splits an event of 2 into 1+1 where the school has one double. */
	assert_int_equal(sch_xhstt_solution_timetable(x, 0, s, &tt), SCH_EINVALID);
	assert_null(tt);
	print_message("%s\n", last_message());
	assert_non_null(strstr(last_message(), "otherwise than the school"));
	assert_int_equal(sch_xhstt_solution_timetable(x, 7, s, &tt), SCH_EINVALID);
	sch_school_free(s);
	sch_xhstt_free(x);
}

/* SCH_XHSTT_SPLITS_BEST: the splits of Lectio's solution (objective 5, all of it from the splits). */
static void test_xhstt_import__best_splits(void **state)
{
	(void)state;
	char path[1024];
	path_or_skip(path, sizeof path, "BrazilInstance2.xml");
	sch_xhstt_import_options o = SCH_XHSTT_IMPORT_OPTIONS_INIT;
	sch_school *s = NULL;
	sch_diags *d = NULL;
	o.split_solution = SCH_XHSTT_SPLITS_BEST;
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(sch_xhstt_import_school_opts(path, &o, &s, d), 0);
	print_diags(d);
	assert_int_equal(s->n_lessons, 97);
	assert_int_equal(sch_diags_warnings(d), 1);
	assert_true(has_diag(d, SCH_DIAG_WARNING, "cost infeasibility 0 and objective 5"));
	sch_school_free(s);
	sch_diags_free(d);
}

static void test_xhstt_import__solutions1(void **state)
{
	(void)state;
	check_solutions("BrazilInstance1.xml");
}

static void test_xhstt_import__solutions2(void **state)
{
	(void)state;
	check_solutions("BrazilInstance2.xml");
}

/* ---- bad input, on small hand-made archives ---- */

/* Two days of three times, teachers T1 T2, class C1; events E1 (3 times) and E2 (1), and `extra`. */
static char *small_archive(const char *extra_events, const char *constraints)
{
	static const char head[] =
		"<HighSchoolTimetableArchive><Instances><Instance Id=\"I\"><MetaData><Name>Малая</Name></MetaData>"
		XHSTT_TWO_DAYS_OF_THREE
		"<Resource Id=\"T1\"><Name>T1</Name><ResourceType Reference=\"Teacher\"/></Resource>"
		"<Resource Id=\"T2\"><Name>T2</Name><ResourceType Reference=\"Teacher\"/></Resource>"
		"<Resource Id=\"C1\"><Name>7a</Name><ResourceType Reference=\"Class\"/></Resource></Resources>"
		"<Events><EventGroups><EventGroup Id=\"gAll\"><Name>all</Name></EventGroup></EventGroups>"
		"<Event Id=\"E1\"><Duration>3</Duration><Resources><Resource Reference=\"T1\"/><Resource Reference=\"C1\"/></Resources>"
		"<EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>"
		"<Event Id=\"E2\"><Duration>1</Duration><Resources><Resource Reference=\"T2\"/><Resource Reference=\"C1\"/></Resources>"
		"<EventGroups><EventGroup Reference=\"gAll\"/></EventGroups></Event>";
	size_t n = strlen(head) + strlen(extra_events) + strlen(constraints) + 200;
	char *text = malloc(n);
	assert_non_null(text);
	snprintf(text, n, "%s%s</Events><Constraints>%s</Constraints></Instance></Instances></HighSchoolTimetableArchive>",
		 head, extra_events, constraints);
	return text;
}

#define LINK(id)                                                                                         \
	"<LinkEventsConstraint Id=\"" id "\"><Name>l</Name><Required>true</Required><Weight>1</Weight>"  \
	"<CostFunction>Linear</CostFunction><AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/>"       \
	"</EventGroups></AppliesTo></LinkEventsConstraint>"
#define UNKNOWN(id)                                                                                           \
	"<LimitWorkloadConstraint Id=\"" id "\"><Name>w</Name><Required>false</Required><Weight>2</Weight>"   \
	"<CostFunction>Linear</CostFunction><AppliesTo/></LimitWorkloadConstraint>"
#define SPLIT                                                                                                   \
	"<SplitEventsConstraint Id=\"split\"><Name>s</Name><Required>true</Required><Weight>1</Weight>"          \
	"<CostFunction>Linear</CostFunction><AppliesTo><EventGroups><EventGroup Reference=\"gAll\"/></EventGroups>" \
	"</AppliesTo><MinimumDuration>1</MinimumDuration><MaximumDuration>2</MaximumDuration>"                    \
	"<MinimumAmount>1</MinimumAmount><MaximumAmount>9</MaximumAmount></SplitEventsConstraint>"

static int import_text(const char *text, const sch_xhstt_import_options *o, sch_school **s, sch_diags *d)
{
	char path[] = "/tmp/sch_xhstt_bad_XXXXXX";
	xhstt_temp_file(path, text);
	int rc = sch_xhstt_import_school_opts(path, o, s, d);
	unlink(path);
	return rc;
}

/* Some diagnostic of the severity contains `what`. */
static int has_diag(const sch_diags *d, int severity, const char *what)
{
	for (size_t i = 0; i < sch_diags_count(d); i++)
		if (sch_diags_get(d, i)->severity == severity && strstr(sch_diags_get(d, i)->message, what))
			return 1;
	return 0;
}

static void test_xhstt_import__small(void **state)
{
	(void)state;
	char *text = small_archive("", SPLIT);
	sch_school *s = NULL;
	sch_diags *d = NULL;
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(import_text(text, NULL, &s, d), 0);
	print_diags(d);
	/* E1 of 3 under "lessons of 1-2": 2 + 1, fewest lessons first; days Mo, Tu read as mon, tue. */
	assert_int_equal(s->n_days, 2);
	assert_int_equal(s->n_periods, 3);
	assert_int_equal(s->day_codes[1], 1);
	assert_int_equal(s->n_lines, 3);
	assert_string_equal(s->lines[0].id, "E1");
	assert_int_equal(s->lines[0].block, 2);
	assert_string_equal(s->lines[1].id, "E1#1");
	assert_string_equal(s->lines[2].id, "E2");
	assert_int_equal(s->n_lessons, 3);
	assert_int_equal(s->classes[0].grade, 7);
	assert_int_equal(sch_diags_count(d), 0);
	sch_school_free(s);
	sch_diags_free(d);
	free(text);
}

static void test_xhstt_import__unsupported(void **state)
{
	(void)state;
	char *text = small_archive("", LINK("link1") UNKNOWN("w1") UNKNOWN("w2"));
	sch_school *s = NULL;
	sch_diags *d = NULL;
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(import_text(text, NULL, &s, d), 0);
	print_diags(d);
	assert_true(has_diag(d, SCH_DIAG_WARNING, "1 LinkEventsConstraint not mapped"));
	assert_true(has_diag(d, SCH_DIAG_WARNING, "2 LimitWorkloadConstraints not mapped"));
	assert_true(has_diag(d, SCH_DIAG_WARNING, "w1, w2"));
	assert_int_equal(sch_diags_errors(d), 0);
	sch_school_free(s);
	sch_diags_free(d);
	/* --strict: the same are errors, and nothing is built. */
	sch_xhstt_import_options o = SCH_XHSTT_IMPORT_OPTIONS_INIT;
	o.strict = 1;
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(import_text(text, &o, &s, d), SCH_EINVALID);
	assert_null(s);
	assert_int_equal(sch_diags_errors(d), 2);
	assert_true(has_diag(d, SCH_DIAG_ERROR, "LinkEventsConstraint"));
	sch_diags_free(d);
	free(text);
}

static void test_xhstt_import__bad(void **state)
{
	(void)state;
	sch_school *s = NULL;
	sch_diags *d = NULL;
	/* Not XHSTT at all. */
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(import_text("school: {name: x}\n", NULL, &s, d), SCH_EINVALID);
	assert_null(s);
	assert_true(sch_diags_errors(d) >= 1);
	print_message("not XML: %s\n", last_message());
	sch_diags_free(d);
	/* Well-formed XML of another kind. */
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(import_text("<fet version=\"6\"></fet>", NULL, &s, d), SCH_EINVALID);
	assert_non_null(strstr(last_message(), "not an XHSTT archive"));
	sch_diags_free(d);
	/* An unknown reference. */
	char *text = small_archive("<Event Id=\"E3\"><Duration>1</Duration><Resources><Resource Reference=\"T9\"/></Resources></Event>", "");
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(import_text(text, NULL, &s, d), SCH_EINVALID);
	print_message("unknown reference: %s\n", last_message());
	assert_non_null(strstr(last_message(), "T9"));
	sch_diags_free(d);
	free(text);
	/* A resource left to the solver: not supported. */
	text = small_archive("<Event Id=\"E3\"><Duration>1</Duration><Resources><Resource Reference=\"C1\"/>"
			     "<Resource><Role>Room</Role></Resource></Resources></Event>", "");
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(import_text(text, NULL, &s, d), SCH_EINVALID);
	assert_true(has_diag(d, SCH_DIAG_ERROR, "only preassigned resources"));
	sch_diags_free(d);
	free(text);
	/* An event without pupils. */
	text = small_archive("<Event Id=\"E3\"><Duration>1</Duration><Resources><Resource Reference=\"T1\"/></Resources></Event>", "");
	assert_int_equal(sch_diags_new(&d), 0);
	assert_int_equal(import_text(text, NULL, &s, d), SCH_EINVALID);
	assert_true(has_diag(d, SCH_DIAG_ERROR, "has no class"));
	sch_diags_free(d);
	free(text);
	/* Another instance, splits of a solution that is not there. */
	text = small_archive("", "");
	sch_xhstt_import_options o = SCH_XHSTT_IMPORT_OPTIONS_INIT;
	o.instance_id = "J";
	assert_int_equal(import_text(text, &o, &s, NULL), SCH_ENOTFOUND);
	o.instance_id = "I";
	o.split_solution = 0;
	assert_int_equal(import_text(text, &o, &s, NULL), SCH_EINVALID);
	o.split_solution = -1;
	o.version = 99;
	assert_int_equal(import_text(text, &o, &s, NULL), SCH_EINVALID);
	assert_null(s);
	free(text);
	/* A file that is not there. */
	assert_int_equal(sch_xhstt_import_school("/nonexistent/x.xml", NULL, &s, NULL), SCH_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xhstt_import__instance1),
		cmocka_unit_test(test_xhstt_import__instance2),
		cmocka_unit_test(test_xhstt_import__other_split),
		cmocka_unit_test(test_xhstt_import__best_splits),
		cmocka_unit_test(test_xhstt_import__solutions1),
		cmocka_unit_test(test_xhstt_import__solutions2),
		cmocka_unit_test(test_xhstt_import__small),
		cmocka_unit_test(test_xhstt_import__unsupported),
		cmocka_unit_test(test_xhstt_import__bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
