/* Bad input: missing files, broken XML, foreign XML and dangling references fail with clear messages. */
#include "helpers.h"
#include "schedule/xhstt.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A minimal archive; %s is the body of its one Solution. */
static const char archive_fmt[] =
	"<HighSchoolTimetableArchive>\n"
	"<Instances><Instance Id=\"I\">\n"
	"<Times><Time Id=\"t1\"><Name>1</Name></Time><Time Id=\"t2\"><Name>2</Name></Time></Times>\n"
	"<Resources><Resource Id=\"R\"><Name>R</Name></Resource></Resources>\n"
	"<Events><Event Id=\"A\"><Name>A</Name><Duration>2</Duration><Resources><Resource Reference=\"R\"/></Resources></Event></Events>\n"
	"<Constraints>%s</Constraints>\n"
	"</Instance></Instances>\n"
	"<SolutionGroups><SolutionGroup Id=\"G\"><MetaData/><Solution Reference=\"I\">\n"
	"<Events>%s</Events>\n"
	"</Solution></SolutionGroup></SolutionGroups></HighSchoolTimetableArchive>\n";

static char path[1024];

/*
 * Writes text to a file, loads it with stderr sent to a second file, and returns the
 * status; asserts that nothing was printed and that a failure left *out NULL.
 */
static int load_text(const char *name, const char *text)
{
	char errpath[1100];
	snprintf(path, sizeof path, "%s/xhstt_bad_%s.xml", SCH_BINARY_DIR, name);
	snprintf(errpath, sizeof errpath, "%s/xhstt_bad_%s.stderr", SCH_BINARY_DIR, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	fflush(stderr);
	int saved = dup(2), fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	sch_xhstt *x = (sch_xhstt *)&x; /* not NULL: the call must reset it */
	int rc = sch_xhstt_load(&x, path);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	struct stat st;
	assert_int_equal(stat(errpath, &st), 0);
	assert_int_equal(st.st_size, 0); /* libxml2 printed nothing */
	remove(errpath);
	remove(path);
	if (rc == 0)
		sch_xhstt_free(x);
	else
		assert_null(x);
	return rc;
}

static int load_archive(const char *name, const char *constraints, const char *solution)
{
	char text[8192];
	snprintf(text, sizeof text, archive_fmt, constraints, solution);
	return load_text(name, text);
}

/* The last message starts with "path:" and contains `what`. */
static void expect_message(const char *what)
{
	const sch_error *e = sch_error_last();
	assert_non_null(e);
	print_message("%s\n", e->message);
	assert_true(strncmp(e->message, path, strlen(path)) == 0);
	if (!strstr(e->message, what))
		fail_msg("\"%s\" lacks \"%s\"", e->message, what);
}

static void test_xhstt_bad__missing_file(void **state)
{
	(void)state;
	sch_xhstt *x = (sch_xhstt *)&x;
	snprintf(path, sizeof path, "%s/xhstt_no_such_file.xml", SCH_BINARY_DIR);
	assert_int_equal(sch_xhstt_load(&x, path), SCH_EIO);
	assert_null(x);
	expect_message("cannot open");
	snprintf(path, sizeof path, "%s", SCH_BINARY_DIR);
	assert_int_equal(sch_xhstt_load(&x, path), SCH_EIO);
	expect_message("directory");
}

static void test_xhstt_bad__not_xml(void **state)
{
	(void)state;
	assert_int_equal(load_text("not_xml", "Time;Event\nMo_1;T1-S1\n"), SCH_EINVALID);
	expect_message(":1: not well-formed XML: ");
	assert_int_equal(load_text("empty", ""), SCH_EINVALID);
	expect_message("not well-formed XML");
	assert_int_equal(load_text("truncated", "<HighSchoolTimetableArchive>\n<Instances>\n<Instance Id=\"x\">\n"),
			 SCH_EINVALID);
	expect_message("not well-formed XML");
	assert_int_equal(load_text("mismatch", "<a>\n\n<b></a>\n"), SCH_EINVALID);
	expect_message(":3: not well-formed XML: ");
	/* No network and no external entities: a DTD pointing elsewhere is not fetched. */
	assert_int_equal(load_text("entity", "<!DOCTYPE a SYSTEM \"http://example.invalid/a.dtd\"><a>&x;</a>"),
			 SCH_EINVALID);
	expect_message("not well-formed XML");
}

/* The archive changed on disk between loading it and writing a solution into it. */
static void test_xhstt_bad__changed_before_write(void **state)
{
	(void)state;
	char text[8192];
	snprintf(text, sizeof text, archive_fmt, "", "");
	snprintf(path, sizeof path, "%s/xhstt_bad_changed.xml", SCH_BINARY_DIR);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	sch_xhstt *x = NULL;
	assert_int_equal(sch_xhstt_load(&x, path), 0);
	assert_true(sch_xhstt_solution_count(x) >= 1);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("<HighSchoolTimetableArchive>\n<Instances>\n", f);
	assert_int_equal(fclose(f), 0);
	char *out = (char *)&out; /* not NULL: the call must reset it */
	size_t len = 1;
	assert_int_equal(sch_xhstt_solution_to_string(&out, &len, x, 0), SCH_EINVALID);
	expect_message("cannot read the archive again");
	expect_message("not well-formed XML");
	assert_null(out);
	assert_int_equal(len, 0);
	sch_xhstt_free(x);
	remove(path);
}

static void test_xhstt_bad__not_xhstt(void **state)
{
	(void)state;
	assert_int_equal(load_text("html", "<html><body>timetable</body></html>"), SCH_EINVALID);
	expect_message("not an XHSTT archive: the root element is <html>");
	assert_int_equal(load_text("no_instance", "<HighSchoolTimetableArchive><Instances/></HighSchoolTimetableArchive>"),
			 SCH_EINVALID);
	expect_message("no <Instances><Instance>");
	assert_int_equal(load_text("no_times", "<HighSchoolTimetableArchive><Instances><Instance Id=\"I\"><Events/>"
					      "</Instance></Instances></HighSchoolTimetableArchive>"),
			 SCH_EINVALID);
	expect_message("instance \"I\" lacks <Times>");
}

static void test_xhstt_bad__unknown_event(void **state)
{
	(void)state;
	assert_int_equal(load_archive("good", "", "<Event Reference=\"A\"><Time Reference=\"t1\"/></Event>"), 0);
	assert_int_equal(load_archive("unknown_event", "", "<Event Reference=\"Nope\"><Time Reference=\"t1\"/></Event>"),
			 SCH_EINVALID);
	expect_message(":9: <Event Reference=\"Nope\">: no event with this Id");
}

static void test_xhstt_bad__unknown_time(void **state)
{
	(void)state;
	assert_int_equal(load_archive("unknown_time", "", "<Event Reference=\"A\"><Time Reference=\"Mo_9\"/></Event>"),
			 SCH_EINVALID);
	expect_message(":9: <Time Reference=\"Mo_9\">: no time with this Id");
}

static void test_xhstt_bad__durations(void **state)
{
	(void)state;
	assert_int_equal(load_archive("too_long", "",
				      "<Event Reference=\"A\"><Duration>1</Duration><Time Reference=\"t1\"/></Event>"
				      "<Event Reference=\"A\"><Duration>2</Duration><Time Reference=\"t2\"/></Event>"),
			 SCH_EINVALID);
	expect_message("the solution events of \"A\" last longer than its Duration 2");
	assert_int_equal(load_archive("too_short", "", "<Event Reference=\"A\"><Duration>1</Duration></Event>"),
			 SCH_EINVALID);
	expect_message("the solution events of \"A\" last 1 in all, not its Duration 2");
	assert_int_equal(load_archive("zero", "", "<Event Reference=\"A\"><Duration>0</Duration></Event>"), SCH_EINVALID);
	expect_message("Duration 0 is not positive");
	assert_int_equal(load_archive("not_int", "", "<Event Reference=\"A\"><Duration>two</Duration></Event>"),
			 SCH_EINVALID);
	expect_message("<Duration> is \"two\", not an integer");
}

static void test_xhstt_bad__constraints(void **state)
{
	(void)state;
	assert_int_equal(load_archive("constraint_ref",
				      "<AvoidClashesConstraint Id=\"k\"><Name>k</Name><Required>true</Required><Weight>1</Weight>"
				      "<CostFunction>Linear</CostFunction><AppliesTo><Resources><Resource Reference=\"Q\"/>"
				      "</Resources></AppliesTo></AvoidClashesConstraint>",
				      ""),
			 SCH_EINVALID);
	expect_message(":6: <Resource Reference=\"Q\">: no resource with this Id");
	assert_int_equal(load_archive("cost_function",
				      "<AvoidClashesConstraint Id=\"k\"><Name>k</Name><Required>true</Required><Weight>1</Weight>"
				      "<CostFunction>Cubic</CostFunction><AppliesTo/></AvoidClashesConstraint>",
				      ""),
			 SCH_EINVALID);
	expect_message("constraint \"k\": <CostFunction> must be Linear, Quadratic or Step");
	assert_int_equal(load_archive("required",
				      "<AvoidClashesConstraint Id=\"k\"><Name>k</Name><Weight>1</Weight>"
				      "<CostFunction>Linear</CostFunction><AppliesTo/></AvoidClashesConstraint>",
				      ""),
			 SCH_EINVALID);
	expect_message("<Required> must be true or false");
}

static void test_xhstt_bad__duplicate_id(void **state)
{
	(void)state;
	assert_int_equal(load_text("duplicate", "<HighSchoolTimetableArchive><Instances><Instance Id=\"I\">\n<Times>\n"
						"<Time Id=\"t\"><Name>1</Name></Time>\n<Time Id=\"t\"><Name>2</Name></Time>"
						"</Times><Events/></Instance></Instances></HighSchoolTimetableArchive>"),
			 SCH_EINVALID);
	expect_message(":4: time Id \"t\" is defined twice");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xhstt_bad__missing_file),  cmocka_unit_test(test_xhstt_bad__not_xml),
		cmocka_unit_test(test_xhstt_bad__not_xhstt),     cmocka_unit_test(test_xhstt_bad__unknown_event),
		cmocka_unit_test(test_xhstt_bad__unknown_time),  cmocka_unit_test(test_xhstt_bad__durations),
		cmocka_unit_test(test_xhstt_bad__constraints),   cmocka_unit_test(test_xhstt_bad__duplicate_id),
		cmocka_unit_test(test_xhstt_bad__changed_before_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
