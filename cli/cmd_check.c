/* `schedule check`: load a school, summarize it, and run the feasibility pre-check. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "schedule/sys/model.h"

#define BUSIEST 10

static const cli_help help = {
	"check",
	"<school.yaml> [--json]",
	"Load a school, print a summary of it and prove it impossible when counting shows it is",
	"The summary gives the classes per shift, the lessons and their periods per shift,\n"
	"how full each shift is (class-periods used of classes x week x shift length), and the\n"
	"busiest teachers with their load against the slots they can teach in. Then come the\n"
	"pre-check's findings: reasons the school cannot be scheduled at all (a teacher with\n"
	"more lessons than available slots, a class over its shift, a subject with more lessons\n"
	"than days, ...), warnings for tight spots, and notes.\n"
	"\n"
	"Options:\n"
	"  --json    print the summary and the findings as JSON\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 no reason found why it cannot be scheduled, 1 impossible,\n"
	"2 bad input or usage, 3 internal error.\n",
};

typedef struct {
	int classes, lessons, periods;
	long used, cap;
} shift_sum;

static const char *level_name(int level)
{
	switch (level) {
	case SCH_PRE_IMPOSSIBLE: return "impossible";
	case SCH_PRE_WARNING: return "warning";
	default: return "info";
	}
}

static int week_of(const sch_school *s, const sch_class_def *cl)
{
	return cl->week_days < s->n_days ? cl->week_days : s->n_days;
}

static void shift_sums(const sch_school *s, const sch_precheck *pre, shift_sum *sum)
{
	memset(sum, 0, sizeof *sum * (size_t)(s->n_shifts + 1));
	for (int c = 0; c < s->n_classes; c++) {
		const sch_class_def *cl = &s->classes[c];
		int load = 0;
		if (cl->shift < 0 || cl->shift >= s->n_shifts)
			continue;
		sch_precheck_class_load(pre, c, &load, NULL);
		sum[cl->shift].classes++;
		sum[cl->shift].used += load;
		sum[cl->shift].cap += (long)week_of(s, cl) * (s->shifts[cl->shift].last - s->shifts[cl->shift].first + 1);
	}
	for (int l = 0; l < s->n_lessons; l++) {
		int sh = s->lessons[l].shift;
		if (sh < 0 || sh >= s->n_shifts)
			continue;
		sum[sh].lessons++;
		sum[sh].periods += s->lessons[l].length;
	}
}

static int pct(long part, long whole)
{
	return whole > 0 ? (int)((part * 100 + whole / 2) / whole) : 0;
}

/* Teachers by load (descending), then by share of capacity, then in file order. */
static const sch_precheck *sort_pre;
static int by_load(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b, lx, ly, cx, cy;
	sch_precheck_teacher_load(sort_pre, x, &lx, NULL, &cx);
	sch_precheck_teacher_load(sort_pre, y, &ly, NULL, &cy);
	if (lx != ly)
		return ly - lx;
	if ((long)lx * cy != (long)ly * cx) /* larger share of capacity first */
		return (long)lx * cy < (long)ly * cx ? 1 : -1;
	return x - y;
}

static int print_text(const sch_school *s, const sch_precheck *pre, const char *path)
{
	shift_sum *sum = calloc((size_t)s->n_shifts + 1, sizeof *sum);
	int *order = calloc((size_t)s->n_teachers + 1, sizeof *order);
	cli_table *t = NULL;
	long total_periods = 0;
	int rc = 0;
	if (!sum || !order) {
		rc = SCH_ENOMEM;
		goto done;
	}
	for (int l = 0; l < s->n_lessons; l++)
		total_periods += s->lessons[l].length;

	printf("%s", s->name && *s->name ? s->name : path);
	if (s->year && *s->year)
		printf(" (%s)", s->year);
	printf("\n  %d day%s (", s->n_days, s->n_days == 1 ? "" : "s");
	for (int d = 0; d < s->n_days; d++)
		printf("%s%s", d ? " " : "", sch_day_code(s->day_codes[d]));
	printf("), %d bells, %d shift%s\n", s->n_periods, s->n_shifts, s->n_shifts == 1 ? "" : "s");
	printf("  %d classes, %d teachers, %d subjects, %d rooms", s->n_classes, s->n_teachers, s->n_subjects,
	       s->n_rooms);
	for (int k = 0; k < s->n_room_kinds; k++)
		printf("%s%d %s", k ? ", " : " (", s->rooms_of_kind[k], s->room_kinds[k]);
	printf("%s\n", s->n_room_kinds ? ")" : "");
	printf("  %d lessons (%ld periods) from %d load lines\n\n", s->n_lessons, total_periods, s->n_lines);

	/* Shifts */
	shift_sums(s, pre, sum);
	if ((rc = cli_table_new(&t, "lllrrrrr")))
		goto done;
	cli_table_cell(t, "shift");
	cli_table_cell(t, "name");
	cli_table_cell(t, "bells");
	cli_table_cell(t, "classes");
	cli_table_cell(t, "lessons");
	cli_table_cell(t, "periods");
	cli_table_cell(t, "class-periods");
	cli_table_cell(t, "use");
	cli_table_rule(t);
	for (int sh = 0; sh < s->n_shifts; sh++) {
		const sch_shift_def *d = &s->shifts[sh];
		cli_table_cell(t, "%s", d->id);
		cli_table_cell(t, "%s", d->name ? d->name : "");
		cli_table_cell(t, "%d-%d", d->first + 1, d->last + 1);
		cli_table_cell(t, "%d", sum[sh].classes);
		cli_table_cell(t, "%d", sum[sh].lessons);
		cli_table_cell(t, "%d", sum[sh].periods);
		cli_table_cell(t, "%ld/%ld", sum[sh].used, sum[sh].cap);
		cli_table_cell(t, "%d%%", pct(sum[sh].used, sum[sh].cap));
	}
	printf("Shifts\n");
	cli_table_print(t, stdout, "  ");
	for (int sh = 0; sh < s->n_shifts; sh++) {
		int n = 0;
		printf("  shift %s:", s->shifts[sh].id);
		for (int c = 0; c < s->n_classes; c++)
			if (s->classes[c].shift == sh)
				printf("%s %s", n++ ? "," : "", s->classes[c].id);
		printf("%s\n", n ? "" : " no classes");
	}
	cli_table_free(t);
	t = NULL;

	/* Busiest teachers */
	for (int i = 0; i < s->n_teachers; i++)
		order[i] = i;
	sort_pre = pre;
	qsort(order, (size_t)s->n_teachers, sizeof *order, by_load);
	if (s->n_teachers) {
		int shown = s->n_teachers < BUSIEST ? s->n_teachers : BUSIEST;
		if ((rc = cli_table_new(&t, "llrrrr")))
			goto done;
		cli_table_cell(t, "teacher");
		cli_table_cell(t, "id");
		cli_table_cell(t, "load");
		cli_table_cell(t, "available");
		cli_table_cell(t, "max/day");
		cli_table_cell(t, "use");
		cli_table_rule(t);
		for (int i = 0; i < shown; i++) {
			int tt = order[i], load, avail, cap;
			sch_precheck_teacher_load(pre, tt, &load, &avail, &cap);
			cli_table_cell(t, "%s", sch_school_teacher_name(s, tt));
			cli_table_cell(t, "%s", s->teachers[tt].id);
			cli_table_cell(t, "%d", load);
			cli_table_cell(t, "%d", avail);
			if (s->teachers[tt].max_per_day > 0)
				cli_table_cell(t, "%d", s->teachers[tt].max_per_day);
			else
				cli_table_cell(t, "-");
			cli_table_cell(t, "%d%%", pct(load, cap));
		}
		printf("\nBusiest teachers (lesson-periods a week against the slots of their shifts)\n");
		cli_table_print(t, stdout, "  ");
		if (shown < s->n_teachers)
			printf("  ... and %d more\n", s->n_teachers - shown);
	}

	/* Findings */
	size_t n = sch_precheck_count(pre), counts[3] = {0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		int lv = sch_precheck_get(pre, i)->level;
		if (lv >= 0 && lv <= 2)
			counts[lv]++;
	}
	printf("\n");
	if (sch_precheck_impossible(pre))
		printf("Impossible: the school cannot be scheduled as described (%zu reason%s)\n",
		       counts[SCH_PRE_IMPOSSIBLE], counts[SCH_PRE_IMPOSSIBLE] == 1 ? "" : "s");
	else
		printf("Pre-check: no reason found why the school cannot be scheduled\n");
	for (size_t i = 0; i < n; i++) {
		const sch_precheck_finding *f = sch_precheck_get(pre, i);
		/* the shifts table above already says it; --json keeps it */
		if (f->kind && strcmp(f->kind, "shift_load") == 0)
			continue;
		printf("  %s: %s\n", level_name(f->level), f->message);
	}
done:
	cli_table_free(t);
	free(sum);
	free(order);
	return rc;
}

static void print_json(const sch_school *s, const sch_precheck *pre)
{
	shift_sum *sum = calloc((size_t)s->n_shifts + 1, sizeof *sum);
	long total_periods = 0;
	if (!sum)
		return;
	for (int l = 0; l < s->n_lessons; l++)
		total_periods += s->lessons[l].length;
	shift_sums(s, pre, sum);
	printf("{\n  \"school\": {\"name\": ");
	cli_json_string(stdout, s->name);
	printf(", \"year\": ");
	cli_json_string(stdout, s->year);
	printf(", \"days\": %d, \"bells\": %d, \"classes\": %d, \"teachers\": %d, \"subjects\": %d, \"rooms\": %d, "
	       "\"lines\": %d, \"lessons\": %d, \"periods\": %ld},\n",
	       s->n_days, s->n_periods, s->n_classes, s->n_teachers, s->n_subjects, s->n_rooms, s->n_lines,
	       s->n_lessons, total_periods);
	printf("  \"shifts\": [");
	for (int sh = 0; sh < s->n_shifts; sh++) {
		printf("%s\n    {\"id\": ", sh ? "," : "");
		cli_json_string(stdout, s->shifts[sh].id);
		printf(", \"name\": ");
		cli_json_string(stdout, s->shifts[sh].name);
		printf(", \"first_bell\": %d, \"last_bell\": %d, \"classes\": [", s->shifts[sh].first + 1,
		       s->shifts[sh].last + 1);
		for (int c = 0, k = 0; c < s->n_classes; c++)
			if (s->classes[c].shift == sh) {
				printf("%s", k++ ? ", " : "");
				cli_json_string(stdout, s->classes[c].id);
			}
		printf("], \"lessons\": %d, \"periods\": %d, \"class_periods\": %ld, \"class_capacity\": %ld, "
		       "\"use_percent\": %d}",
		       sum[sh].lessons, sum[sh].periods, sum[sh].used, sum[sh].cap, pct(sum[sh].used, sum[sh].cap));
	}
	printf("\n  ],\n  \"teachers\": [");
	for (int t = 0; t < s->n_teachers; t++) {
		int load, avail, cap;
		sch_precheck_teacher_load(pre, t, &load, &avail, &cap);
		printf("%s\n    {\"id\": ", t ? "," : "");
		cli_json_string(stdout, s->teachers[t].id);
		printf(", \"name\": ");
		cli_json_string(stdout, sch_school_teacher_name(s, t));
		printf(", \"load\": %d, \"available\": %d, \"capacity\": %d}", load, avail, cap);
	}
	printf("\n  ],\n  \"classes\": [");
	for (int c = 0; c < s->n_classes; c++) {
		int load, cap;
		sch_precheck_class_load(pre, c, &load, &cap);
		printf("%s\n    {\"id\": ", c ? "," : "");
		cli_json_string(stdout, s->classes[c].id);
		printf(", \"shift\": ");
		cli_json_string(stdout, s->classes[c].shift >= 0 && s->classes[c].shift < s->n_shifts
						? s->shifts[s->classes[c].shift].id
						: NULL);
		printf(", \"load\": %d, \"capacity\": %d}", load, cap);
	}
	printf("\n  ],\n  \"impossible\": %s,\n  \"findings\": [", sch_precheck_impossible(pre) ? "true" : "false");
	for (size_t i = 0; i < sch_precheck_count(pre); i++) {
		const sch_precheck_finding *f = sch_precheck_get(pre, i);
		printf("%s\n    {\"level\": \"%s\", \"kind\": ", i ? "," : "", level_name(f->level));
		cli_json_string(stdout, f->kind);
		printf(", \"message\": ");
		cli_json_string(stdout, f->message);
		printf("}");
	}
	printf("\n  ]\n}\n");
	free(sum);
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	sch_school *school = NULL;
	sch_precheck *pre = NULL;
	int json = 0, c, code, rc;

	while ((c = cli_getopt(argc, argv, "h", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		case 'j':
			json = 1;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_positional(argc, argv, 1, 1, &help)))
		return code;
	const char *path = argv[optind];
	if ((code = cli_load_school(&school, path)))
		return code;
	rc = sch_precheck_run(&pre, school);
	if (rc) {
		code = cli_lib_error(rc, "%s: pre-check", path);
		goto done;
	}
	if (json) {
		print_json(school, pre);
	} else if ((rc = print_text(school, pre, path))) {
		code = cli_lib_error(rc, "%s", path);
		goto done;
	}
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	code = sch_precheck_impossible(pre) ? CLI_EXIT_FAIL : CLI_EXIT_OK;
done:
	sch_precheck_free(pre);
	sch_school_free(school);
	return code;
}
