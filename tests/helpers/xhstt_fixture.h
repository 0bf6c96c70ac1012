/* Pieces of the small hand-made XHSTT archives of tests/xhstt. */
#ifndef SCH_TEST_XHSTT_FIXTURE_H
#define SCH_TEST_XHSTT_FIXTURE_H

/* Two days (Mo, Tu) of three times each, Mo1..Tu3, and the resource types Teacher and Class:
 * what follows is the archive's ResourceGroups or Resources. */
#define XHSTT_TWO_DAYS_OF_THREE                                                                                    \
	"<Times><TimeGroups><Day Id=\"gMo\"><Name>Mo</Name></Day><Day Id=\"gTu\"><Name>Tu</Name></Day></TimeGroups>" \
	"<Time Id=\"Mo1\"><Day Reference=\"gMo\"/></Time><Time Id=\"Mo2\"><Day Reference=\"gMo\"/></Time>"          \
	"<Time Id=\"Mo3\"><Day Reference=\"gMo\"/></Time><Time Id=\"Tu1\"><Day Reference=\"gTu\"/></Time>"          \
	"<Time Id=\"Tu2\"><Day Reference=\"gTu\"/></Time><Time Id=\"Tu3\"><Day Reference=\"gTu\"/></Time></Times>"  \
	"<Resources><ResourceTypes><ResourceType Id=\"Teacher\"><Name>Teacher</Name></ResourceType>"                  \
	"<ResourceType Id=\"Class\"><Name>Class</Name></ResourceType></ResourceTypes>"

#endif
