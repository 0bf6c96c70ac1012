/* FET import of bad files: each fails with a file:line message, prints nothing and returns no school. */
#include "helpers.h"
#include "schedule/fet.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The parts of a small valid file; a case replaces one of them. */
#define DAYS "<Days_List><Day><Name>d1</Name></Day><Day><Name>d2</Name></Day></Days_List>\n"
#define HOURS "<Hours_List><Hour><Name>h1</Name></Hour><Hour><Name>h2</Name></Hour></Hours_List>\n"
#define SUBJECTS "<Subjects_List><Subject><Name>math</Name></Subject></Subjects_List>\n"
#define TEACHERS "<Teachers_List><Teacher><Name>T</Name></Teacher></Teachers_List>\n"
#define STUDENTS "<Students_List><Year><Name>5</Name></Year></Students_List>\n"
#define ACTIVITY(id, teacher) \
	"<Activity><Teacher>" teacher "</Teacher><Subject>math</Subject><Students>5</Students><Duration>1</Duration>" \
	"<Id>" id "</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>\n"
#define ACTIVITIES "<Activities_List>" ACTIVITY("1", "T") "</Activities_List>\n"

static char path[1024];
static char message[1024];
static sch_diags *diags;

/* Writes text, imports it with stderr captured; asserts nothing was printed and no school came back. */
static int import_text(const char *name, const char *text)
{
	char errpath[1100];
	snprintf(path, sizeof path, "%s/fet_bad_%s.fet", SCH_BINARY_DIR, name);
	snprintf(errpath, sizeof errpath, "%s/fet_bad_%s.stderr", SCH_BINARY_DIR, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	fflush(stderr);
	int saved = dup(2), fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	sch_school *s = (sch_school *)&s; /* not NULL: the call must reset it */
	sch_fet_report rep = {0};
	sch_diags_free(diags);
	assert_int_equal(sch_diags_new(&diags), 0);
	int rc = sch_fet_import(&s, path, &rep, diags);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	struct stat st;
	assert_int_equal(stat(errpath, &st), 0);
	assert_int_equal(st.st_size, 0);
	if (rc) {
		assert_null(s);
		snprintf(message, sizeof message, "%s", sch_error_last()->message);
		print_message("%s: %s\n", name, message);
	} else {
		sch_school_free(s);
	}
	sch_fet_report_free(&rep);
	return rc;
}

static void expect(const char *name, const char *text, int code, int line, const char *needle)
{
	int rc = import_text(name, text);
	assert_int_equal(rc, code);
	assert_non_null(strstr(message, path));
	if (needle && !strstr(message, needle))
		fail_msg("%s: \"%s\" not in \"%s\"", name, needle, message);
	if (line > 0) {
		char at[1200];
		snprintf(at, sizeof at, "%s:%d:", path, line);
		if (!strstr(message, at))
			fail_msg("%s: expected line %d in \"%s\"", name, line, message);
		assert_true(sch_diags_errors(diags) > 0);
		assert_int_equal(sch_diags_get(diags, 0)->line, line);
	}
}

static void test_fet_bad__valid_base(void **state)
{
	(void)state;
	assert_int_equal(import_text("valid", "<fet>\n" DAYS HOURS SUBJECTS TEACHERS STUDENTS ACTIVITIES "</fet>\n"), 0);
}

static void test_fet_bad__missing_file(void **state)
{
	(void)state;
	sch_school *s = NULL;
	assert_int_equal(sch_fet_import(&s, SCH_BINARY_DIR "/no/such/file.fet", NULL, NULL), SCH_EIO);
	assert_null(s);
}

static void test_fet_bad__not_xml(void **state)
{
	(void)state;
	expect("not_xml", "school: {name: x}\n", SCH_EINVALID, 1, "not well-formed XML");
}

static void test_fet_bad__broken_xml(void **state)
{
	(void)state;
	expect("broken", "<fet>\n" DAYS "<Hours_List>\n<Hour><Name>h1</Name>\n</Hours_List>\n</fet>\n", SCH_EINVALID, 5,
	       "not well-formed XML");
}

static void test_fet_bad__not_fet(void **state)
{
	(void)state;
	expect("not_fet", "<?xml version=\"1.0\"?>\n\n<school/>\n", SCH_EINVALID, 3, "not a FET file");
}

static void test_fet_bad__too_many_days(void **state)
{
	(void)state;
	expect("days",
	       "<fet>\n<Days_List>"
	       "<Day><Name>1</Name></Day><Day><Name>2</Name></Day><Day><Name>3</Name></Day><Day><Name>4</Name></Day>"
	       "<Day><Name>5</Name></Day><Day><Name>6</Name></Day><Day><Name>7</Name></Day><Day><Name>8</Name></Day>"
	       "</Days_List>\n" HOURS SUBJECTS TEACHERS STUDENTS ACTIVITIES "</fet>\n",
	       SCH_EINVALID, 2, "8 days a week: the school model holds at most 7");
}

static void test_fet_bad__too_many_hours(void **state)
{
	(void)state;
	char text[4096] = "<fet>\n" DAYS "<Hours_List>";
	for (int h = 0; h < 19; h++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "<Hour><Name>h%d</Name></Hour>", h);
	strcat(text, "</Hours_List>\n" SUBJECTS TEACHERS STUDENTS ACTIVITIES "</fet>\n");
	expect("hours", text, SCH_EINVALID, 3, "19 hours a day: the school model holds at most 18");
}

static void test_fet_bad__duplicate_teacher(void **state)
{
	(void)state;
	expect("dup_teacher",
	       "<fet>\n" DAYS HOURS SUBJECTS "<Teachers_List>\n<Teacher><Name>T</Name></Teacher>\n"
	       "<Teacher><Name>T</Name></Teacher>\n</Teachers_List>\n" STUDENTS ACTIVITIES "</fet>\n",
	       SCH_EINVALID, 7, "teacher \"T\" is defined twice");
}

static void test_fet_bad__dangling_teacher(void **state)
{
	(void)state;
	expect("dangling_teacher",
	       "<fet>\n" DAYS HOURS SUBJECTS TEACHERS STUDENTS "<Activities_List>\n" ACTIVITY("1", "X") "</Activities_List>\n</fet>\n",
	       SCH_EINVALID, 8, "no teacher \"X\"");
}

static void test_fet_bad__missing_id(void **state)
{
	(void)state;
	expect("missing_id",
	       "<fet>\n" DAYS HOURS SUBJECTS TEACHERS STUDENTS "<Activities_List>\n<Activity><Subject>math</Subject>"
	       "<Students>5</Students><Duration>1</Duration></Activity>\n</Activities_List>\n</fet>\n",
	       SCH_EINVALID, 8, "lacks <Id>");
}

static void test_fet_bad__duplicate_activity(void **state)
{
	(void)state;
	expect("dup_activity",
	       "<fet>\n" DAYS HOURS SUBJECTS TEACHERS STUDENTS "<Activities_List>\n" ACTIVITY("1", "T") ACTIVITY("1", "T")
	       "</Activities_List>\n</fet>\n",
	       SCH_EINVALID, 9, "activity id 1 is used twice");
}

static void test_fet_bad__dangling_activity_in_constraint(void **state)
{
	(void)state;
	expect("dangling_activity",
	       "<fet>\n" DAYS HOURS SUBJECTS TEACHERS STUDENTS ACTIVITIES "<Time_Constraints_List>\n"
	       "<ConstraintMinDaysBetweenActivities><Weight_Percentage>100</Weight_Percentage>"
	       "<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day><Number_of_Activities>2</Number_of_Activities>"
	       "<Activity_Id>1</Activity_Id><Activity_Id>99</Activity_Id><MinDays>1</MinDays><Active>true</Active>"
	       "</ConstraintMinDaysBetweenActivities>\n</Time_Constraints_List>\n</fet>\n",
	       SCH_EINVALID, 10, "no activity with id 99");
}

static void test_fet_bad__unknown_day_in_constraint(void **state)
{
	(void)state;
	expect("unknown_day",
	       "<fet>\n" DAYS HOURS SUBJECTS TEACHERS STUDENTS ACTIVITIES "<Time_Constraints_List>\n"
	       "<ConstraintTeacherNotAvailableTimes><Weight_Percentage>100</Weight_Percentage><Teacher>T</Teacher>"
	       "<Not_Available_Time><Day>Sunday</Day><Hour>h1</Hour></Not_Available_Time><Active>true</Active>"
	       "</ConstraintTeacherNotAvailableTimes>\n</Time_Constraints_List>\n</fet>\n",
	       SCH_EINVALID, 10, "no day \"Sunday\"");
}

static void test_fet_bad__duplicate_students_set(void **state)
{
	(void)state;
	expect("dup_students",
	       "<fet>\n" DAYS HOURS SUBJECTS TEACHERS "<Students_List>\n<Year><Name>5</Name></Year>\n"
	       "<Year><Name>5</Name></Year>\n</Students_List>\n" ACTIVITIES "</fet>\n",
	       SCH_EINVALID, 8, "students set \"5\" is defined twice");
}

static void test_fet_bad__bad_weight(void **state)
{
	(void)state;
	expect("bad_weight",
	       "<fet>\n" DAYS HOURS SUBJECTS TEACHERS STUDENTS ACTIVITIES "<Time_Constraints_List>\n"
	       "<ConstraintTeachersMaxGapsPerWeek><Weight_Percentage>lots</Weight_Percentage><Max_Gaps>1</Max_Gaps>"
	       "<Active>true</Active></ConstraintTeachersMaxGapsPerWeek>\n</Time_Constraints_List>\n</fet>\n",
	       SCH_EINVALID, 10, "Weight_Percentage");
}

static int teardown(void **state)
{
	(void)state;
	sch_diags_free(diags);
	diags = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fet_bad__valid_base),
		cmocka_unit_test(test_fet_bad__missing_file),
		cmocka_unit_test(test_fet_bad__not_xml),
		cmocka_unit_test(test_fet_bad__broken_xml),
		cmocka_unit_test(test_fet_bad__not_fet),
		cmocka_unit_test(test_fet_bad__too_many_days),
		cmocka_unit_test(test_fet_bad__too_many_hours),
		cmocka_unit_test(test_fet_bad__duplicate_teacher),
		cmocka_unit_test(test_fet_bad__dangling_teacher),
		cmocka_unit_test(test_fet_bad__missing_id),
		cmocka_unit_test(test_fet_bad__duplicate_activity),
		cmocka_unit_test(test_fet_bad__dangling_activity_in_constraint),
		cmocka_unit_test(test_fet_bad__unknown_day_in_constraint),
		cmocka_unit_test(test_fet_bad__duplicate_students_set),
		cmocka_unit_test(test_fet_bad__bad_weight),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
