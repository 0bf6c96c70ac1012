/* A program linking the installed libschedule: loads a school and prints its size. */
#include <stdio.h>

#include <schedule.h>

int main(int argc, char **argv)
{
	sch_school *school = NULL;
	sch_diags *diags = NULL;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s school.yaml\n", argv[0]);
		return 2;
	}
	if (sch_diags_new(&diags) < 0)
		goto done;
	if (sch_school_load_yaml(&school, argv[1], diags) < 0) {
		char line[1200];
		for (size_t i = 0; i < sch_diags_count(diags); i++) {
			sch_diag_format(line, sizeof line, sch_diags_get(diags, i));
			fprintf(stderr, "%s\n", line);
		}
		if (sch_error_last())
			fprintf(stderr, "%s\n", sch_error_last()->message);
		goto done;
	}
	printf("%s: %d classes, %d teachers, %d lessons (libschedule %s)\n", sch_school_name(school),
	       sch_school_class_count(school), sch_school_teacher_count(school),
	       sch_school_lesson_count(school), sch_version());
	rc = 0;
done:
	sch_school_free(school);
	sch_diags_free(diags);
	return rc;
}
