/* Pieces of the small hand-made XHSTT archives of tests/xhstt. */
#ifndef SCH_TEST_XHSTT_FIXTURE_H
#define SCH_TEST_XHSTT_FIXTURE_H

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "schedule/xhstt.h"

/* Two days (Mo, Tu) of three times each, Mo1..Tu3, and the resource types Teacher and Class:
 * what follows is the archive's ResourceGroups or Resources. */
#define XHSTT_TWO_DAYS_OF_THREE                                                                                    \
	"<Times><TimeGroups><Day Id=\"gMo\"><Name>Mo</Name></Day><Day Id=\"gTu\"><Name>Tu</Name></Day></TimeGroups>" \
	"<Time Id=\"Mo1\"><Day Reference=\"gMo\"/></Time><Time Id=\"Mo2\"><Day Reference=\"gMo\"/></Time>"          \
	"<Time Id=\"Mo3\"><Day Reference=\"gMo\"/></Time><Time Id=\"Tu1\"><Day Reference=\"gTu\"/></Time>"          \
	"<Time Id=\"Tu2\"><Day Reference=\"gTu\"/></Time><Time Id=\"Tu3\"><Day Reference=\"gTu\"/></Time></Times>"  \
	"<Resources><ResourceTypes><ResourceType Id=\"Teacher\"><Name>Teacher</Name></ResourceType>"                  \
	"<ResourceType Id=\"Class\"><Name>Class</Name></ResourceType></ResourceTypes>"

/* Writes text into a new file made from the mkstemp template `path` (its name then). */
static inline void xhstt_temp_file(char *path, const char *text)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* The archive of `text`, loaded (the test fails with the loader's message otherwise). */
static inline sch_xhstt *xhstt_load_text(const char *text)
{
	char path[] = "/tmp/sch_xhstt_test_XXXXXX";
	xhstt_temp_file(path, text);
	sch_xhstt *x = NULL;
	int rc = sch_xhstt_load(&x, path);
	unlink(path);
	if (rc)
		print_message("%s\n", sch_error_last()->message);
	assert_int_equal(rc, 0);
	return x;
}

/* The XHSTT cost of tt, added to x as a solution of solution group `group`. */
static inline void xhstt_timetable_cost(sch_xhstt *x, const sch_timetable *tt, const char *group, int64_t *inf,
					int64_t *obj)
{
	int idx = -1;
	sch_xhstt_cost c = {0};
	assert_int_equal(sch_xhstt_add_timetable(x, tt, group, &idx), 0);
	assert_int_equal(sch_xhstt_evaluate(x, idx, &c), 0);
	*inf = c.infeasibility;
	*obj = c.objective;
	sch_xhstt_cost_free(&c);
}

#endif
