/* The `schedule` command: a table of subcommands. */
#include <stdio.h>
#include "schedule.h"
int main(int argc, char **argv)
{
	(void)argc; (void)argv;
	printf("schedule %s\n", sch_version());
	return 0;
}
