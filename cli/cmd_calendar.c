/* `schedule calendar`: the school year of a database — generate it, show it, edit it one item at a time, lessons per quarter. */
#include <stdlib.h>
#include <string.h>

#include "dated_cli.h"
#include "schedule/sys/model.h"
#include "store_cli.h"

static const cli_help help = {
	"calendar",
	"<init|show|set|quarter|break|holiday|transfer|norm|lessons> --db <school.db> [options]",
	"Make, show and edit the school year: quarters, breaks, holidays and working-day transfers",
	"Actions:\n"
	"  init --year Y [--defaults F] [--force]   generate the year that starts in September of Y\n"
	"                                 from the Kyrgyz defaults (share/schedule/calendar-kg.yaml) or F\n"
	"  show [--json]                  the year, quarters, breaks, holidays, transfers, school weeks\n"
	"                                 per grade and what validation finds\n"
	"  set --first D --last D         move the year's first or last day (quarter 1's start and\n"
	"                                 quarter 4's end move with them)\n"
	"  quarter N --from D --to D      set quarter N (1-4)\n"
	"  break ID --from D --to D [--name N] [--grades G]   add or move a break (the quarters next\n"
	"                                 to it follow, unless --keep-quarters); break ID --remove\n"
	"  holiday D [--name N]           add a holiday (a moving one: Orozo ait, Kurman ait); holiday D --remove\n"
	"  transfer D --follows DAY [--note N]   a working day that follows DAY's timetable\n"
	"  transfer D --off [--note N]    a weekday off; transfer D --remove\n"
	"  norm --grades G --weeks N      the school weeks grades G must have (grade 1: 33, others: 34)\n"
	"  lessons [--class C] [--quarter N] [--short] [--json]   lessons given per subject, class and\n"
	"                                 quarter against weekly hours x school weeks\n"
	"\n"
	"Dates are YYYY-MM-DD. Every edit is checked first (quarters in order, not overlapping,\n"
	"inside the year, none starting on a holiday ...): a refused edit writes nothing. An\n"
	"accepted one re-derives the dated lessons of the active timetable and prints the lessons\n"
	"added or removed per class. A double lesson counts as two lessons.\n"
	"\n"
	"Options:\n"
	"      --db <file>        the school database\n"
	"      --lang <ru|ky>     names of subjects in `lessons` (default ru)\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (a bad date, an edit the calendar refuses, no\n"
	"calendar yet, missing or damaged database), 3 internal error.\n",
};

typedef struct {
	const char *db, *defaults, *first, *last, *from, *to, *name, *grades, *follows, *note, *cls, *lang;
	int year, force, json, remove, off, keep, quarter, weeks, short_only;
	const char *arg; /* the action's positional argument */
} cal_args;

enum {
	O_DB = 1000, O_YEAR, O_DEFAULTS, O_FORCE, O_JSON, O_FIRST, O_LAST, O_FROM, O_TO, O_NAME, O_GRADES, O_FOLLOWS,
	O_OFF, O_NOTE, O_REMOVE, O_KEEP, O_CLASS, O_QUARTER, O_WEEKS, O_SHORT, O_LANG
};

/* The year a school year starts in: "2026", or the start of "2026-2027"; -1 otherwise. */
static int parse_year(const char *text)
{
	int y = 0, k = 0;
	if (!text)
		return -1;
	for (; k < 4 && text[k] >= '0' && text[k] <= '9'; k++)
		y = y * 10 + (text[k] - '0');
	if (k != 4 || (text[4] && text[4] != '-' && text[4] != '/') || y < 1900 || y > 2198)
		return -1;
	return y;
}

static int parse(int argc, char **argv, cal_args *a, int positional)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, O_DB},	       {"year", required_argument, NULL, O_YEAR},
		{"defaults", required_argument, NULL, O_DEFAULTS}, {"force", no_argument, NULL, O_FORCE},
		{"json", no_argument, NULL, O_JSON},	       {"first", required_argument, NULL, O_FIRST},
		{"last", required_argument, NULL, O_LAST},	       {"from", required_argument, NULL, O_FROM},
		{"to", required_argument, NULL, O_TO},	       {"name", required_argument, NULL, O_NAME},
		{"grades", required_argument, NULL, O_GRADES},     {"follows", required_argument, NULL, O_FOLLOWS},
		{"off", no_argument, NULL, O_OFF},		       {"note", required_argument, NULL, O_NOTE},
		{"remove", no_argument, NULL, O_REMOVE},	       {"keep-quarters", no_argument, NULL, O_KEEP},
		{"class", required_argument, NULL, O_CLASS},       {"quarter", required_argument, NULL, O_QUARTER},
		{"weeks", required_argument, NULL, O_WEEKS},       {"short", no_argument, NULL, O_SHORT},
		{"lang", required_argument, NULL, O_LANG},	       {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c, code;
	memset(a, 0, sizeof *a);
	a->lang = "ru";
	while ((c = cli_getopt(argc, argv, "h", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return -1;
		case O_DB: a->db = optarg; break;
		case O_YEAR:
			if ((a->year = parse_year(optarg)) < 0)
				return cli_usage_error(&help, "--year is the year the school year starts in (2026 for 2026/27), not '%s'",
						       optarg);
			break;
		case O_DEFAULTS: a->defaults = optarg; break;
		case O_FORCE: a->force = 1; break;
		case O_JSON: a->json = 1; break;
		case O_FIRST: a->first = optarg; break;
		case O_LAST: a->last = optarg; break;
		case O_FROM: a->from = optarg; break;
		case O_TO: a->to = optarg; break;
		case O_NAME: a->name = optarg; break;
		case O_GRADES: a->grades = optarg; break;
		case O_FOLLOWS: a->follows = optarg; break;
		case O_OFF: a->off = 1; break;
		case O_NOTE: a->note = optarg; break;
		case O_REMOVE: a->remove = 1; break;
		case O_KEEP: a->keep = 1; break;
		case O_CLASS: a->cls = optarg; break;
		case O_QUARTER:
			if ((a->quarter = atoi(optarg)) < 1 || a->quarter > 4 || strlen(optarg) != 1)
				return cli_usage_error(&help, "--quarter is 1, 2, 3 or 4, not '%s'", optarg);
			break;
		case O_WEEKS: {
			char *end;
			long w = strtol(optarg, &end, 10);
			if (*end || !*optarg || w < 0 || w > 53)
				return cli_usage_error(&help, "--weeks is a number of weeks 0-53, not '%s'", optarg);
			a->weeks = (int)w;
			break;
		}
		case O_SHORT: a->short_only = 1; break;
		case O_LANG:
			if (strcmp(optarg, "ru") != 0 && strcmp(optarg, "ky") != 0)
				return cli_usage_error(&help, "--lang is ru or ky, not '%s'", optarg);
			a->lang = optarg;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(a->db, &help)) || (code = cli_positional(argc, argv, positional, positional, &help)))
		return code;
	if (positional)
		a->arg = argv[optind];
	return 0;
}

/* "2-11" or "1" into a range; 0 or a usage error. */
static int grade_range(const char *text, int *lo, int *hi)
{
	char tail;
	if (sscanf(text, "%d-%d%c", lo, hi, &tail) == 2 || (sscanf(text, "%d%c", lo, &tail) == 1 && (*hi = *lo, 1)))
		if (*lo >= 1 && *hi <= SCH_MAX_GRADE && *lo <= *hi)
			return 0;
	return cli_usage_error(&help, "--grades is a grade or a range within 1-%d (1, 2-11), not '%s'", SCH_MAX_GRADE, text);
}

/* ---- show ---- */

static const char *day_short(int code)
{
	return sch_day_abbrev(code, "ru");
}

static const char *day_english(int code)
{
	static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
	return code >= 0 && code < 7 ? names[code] : "?";
}

/* The grades to report: those of the school's classes, or 1-11. */
static uint32_t grades_of(const sch_school *s)
{
	uint32_t g = 0;
	for (int c = 0; s && c < s->n_classes; c++)
		g |= 1u << s->classes[c].grade;
	return g ? g : 0xffe;
}

static void print_diags_plain(sch_diags *diags)
{
	for (size_t i = 0; i < sch_diags_count(diags); i++) {
		const sch_diag *d = sch_diags_get(diags, i);
		if (d->severity == SCH_DIAG_ERROR)
			cli_error("%s", d->message);
		else
			cli_warning("%s", d->message);
	}
}

static void show_json(const sch_calendar *cal, const sch_school *school, sch_diags *diags)
{
	char a[16], b[16];
	printf("{\"year\": %d, \"first\": \"%s\", \"last\": \"%s\", \"source\": ", sch_calendar_year(cal),
	       sch_date_iso(sch_calendar_first(cal), a), sch_date_iso(sch_calendar_last(cal), b));
	cli_json_string(stdout, sch_calendar_source(cal));
	printf(",\n \"quarters\": [");
	for (int n = 1; n <= 4; n++) {
		sch_quarter q;
		if (sch_calendar_quarter(cal, n, &q) == 0)
			printf("%s{\"n\": %d, \"first\": \"%s\", \"last\": \"%s\"}", n > 1 ? ", " : "", n,
			       sch_date_iso(q.first, a), sch_date_iso(q.last, b));
		else
			printf("%snull", n > 1 ? ", " : "");
	}
	printf("],\n \"breaks\": [");
	for (size_t i = 0; i < sch_calendar_break_count(cal); i++) {
		const sch_break *br = sch_calendar_break(cal, i);
		printf("%s{\"id\": ", i ? ", " : "");
		cli_json_string(stdout, br->id);
		printf(", \"name\": ");
		cli_json_string(stdout, br->name);
		printf(", \"first\": \"%s\", \"last\": \"%s\", \"grades\": [%d, %d]}", sch_date_iso(br->first, a),
		       sch_date_iso(br->last, b), br->grade_min, br->grade_max);
	}
	printf("],\n \"holidays\": [");
	for (size_t i = 0; i < sch_calendar_holiday_count(cal); i++) {
		const sch_holiday *h = sch_calendar_holiday(cal, i);
		printf("%s{\"date\": \"%s\", \"name\": ", i ? ", " : "", sch_date_iso(h->date, a));
		cli_json_string(stdout, h->name);
		printf("}");
	}
	printf("],\n \"transfers\": [");
	for (size_t i = 0; i < sch_calendar_transfer_count(cal); i++) {
		const sch_transfer *x = sch_calendar_transfer(cal, i);
		printf("%s{\"date\": \"%s\", \"follows\": ", i ? ", " : "", sch_date_iso(x->date, a));
		if (x->follows == SCH_TRANSFER_OFF)
			printf("null, \"off\": true");
		else
			printf("\"%s\", \"off\": false", sch_day_code(x->follows));
		printf(", \"note\": ");
		cli_json_string(stdout, x->note);
		printf("}");
	}
	printf("],\n \"grades\": [");
	uint32_t grades = grades_of(school);
	int first = 1;
	for (int g = 1; g <= SCH_MAX_GRADE; g++) {
		sch_calendar_weeks w;
		if (!(grades & (1u << g)) || sch_calendar_grade_weeks(cal, school, g, &w))
			continue;
		printf("%s{\"grade\": %d, \"week_days\": %d, \"days\": [%d, %d, %d, %d, %d], \"weeks\": %.2f, \"norm\": %d}",
		       first ? "" : ", ", g, w.week_days, w.days[0], w.days[1], w.days[2], w.days[3], w.days[4], w.weeks[0],
		       w.norm);
		first = 0;
	}
	printf("],\n \"diagnostics\": [");
	for (size_t i = 0; i < sch_diags_count(diags); i++) {
		const sch_diag *d = sch_diags_get(diags, i);
		printf("%s{\"severity\": \"%s\", \"message\": ", i ? ", " : "",
		       d->severity == SCH_DIAG_ERROR ? "error" : "warning");
		cli_json_string(stdout, d->message);
		printf("}");
	}
	printf("]}\n");
}

static int show_text(const sch_calendar *cal, const sch_school *school)
{
	char a[16], b[16];
	cli_table *t = NULL;
	printf("School year %d/%d: %s .. %s (%s)\n\n", sch_calendar_year(cal), sch_calendar_year(cal) + 1,
	       sch_date_iso(sch_calendar_first(cal), a), sch_date_iso(sch_calendar_last(cal), b), sch_calendar_source(cal));
	/* Quarters, with the school days of each grade. */
	uint32_t grades = grades_of(school);
	if (cli_table_new(&t, "lllrrrr"))
		return CLI_EXIT_INTERNAL;
	cli_table_cell(t, "quarter");
	cli_table_cell(t, "first");
	cli_table_cell(t, "last");
	cli_table_cell(t, "grade");
	cli_table_cell(t, "week");
	cli_table_cell(t, "days");
	cli_table_cell(t, "weeks");
	cli_table_rule(t);
	for (int n = 0; n <= 4; n++) {
		sch_quarter q = {SCH_DATE_NONE, SCH_DATE_NONE};
		if (n > 0 && sch_calendar_quarter(cal, n, &q) != 0) {
			cli_table_cell(t, "%d", n);
			cli_table_cell(t, "(not set)");
			for (int k = 0; k < 5; k++)
				cli_table_cell(t, "%s", "");
			continue;
		}
		int shown = 0;
		for (int g = 1; g <= SCH_MAX_GRADE; g++) {
			sch_calendar_weeks w;
			if (!(grades & (1u << g)) || sch_calendar_grade_weeks(cal, school, g, &w))
				continue;
			/* Grades alike are one line: "2-11". */
			int next = g + 1;
			while (next <= SCH_MAX_GRADE) {
				sch_calendar_weeks w2;
				if (!(grades & (1u << next)) || sch_calendar_grade_weeks(cal, school, next, &w2) ||
				    w2.days[n] != w.days[n] || w2.week_days != w.week_days)
					break;
				next++;
			}
			cli_table_cell(t, "%s", shown ? "" : n == 0 ? "year" : n == 1 ? "1" : n == 2 ? "2" : n == 3 ? "3" : "4");
			cli_table_cell(t, "%s", shown ? "" : n == 0 ? sch_date_iso(sch_calendar_first(cal), a) : sch_date_iso(q.first, a));
			cli_table_cell(t, "%s", shown ? "" : n == 0 ? sch_date_iso(sch_calendar_last(cal), b) : sch_date_iso(q.last, b));
			if (next - 1 > g)
				cli_table_cell(t, "%d-%d", g, next - 1);
			else
				cli_table_cell(t, "%d", g);
			cli_table_cell(t, "%d-day", w.week_days);
			cli_table_cell(t, "%d", w.days[n]);
			if (n == 0 && w.norm)
				cli_table_cell(t, "%.1f of %d%s", w.weeks[n], w.norm, w.weeks[n] + 1e-9 < w.norm ? " (short)" : "");
			else
				cli_table_cell(t, "%.1f", w.weeks[n]);
			shown = 1;
			g = next - 1;
		}
		if (n == 0)
			cli_table_rule(t);
	}
	cli_table_print(t, stdout, "  ");
	cli_table_free(t);

	printf("\nBreaks:\n");
	if (sch_calendar_break_count(cal) == 0)
		printf("  none\n");
	else if (cli_table_new(&t, "lllll") == 0) {
		for (size_t i = 0; i < sch_calendar_break_count(cal); i++) {
			const sch_break *br = sch_calendar_break(cal, i);
			cli_table_cell(t, "%s", br->id);
			cli_table_cell(t, "%s", sch_date_iso(br->first, a));
			cli_table_cell(t, "%s", sch_date_iso(br->last, b));
			if (br->grade_min == 1 && br->grade_max == SCH_MAX_GRADE)
				cli_table_cell(t, "all grades");
			else if (br->grade_min == br->grade_max)
				cli_table_cell(t, "grade %d", br->grade_min);
			else
				cli_table_cell(t, "grades %d-%d", br->grade_min, br->grade_max);
			cli_table_cell(t, "%s", br->name);
		}
		cli_table_print(t, stdout, "  ");
		cli_table_free(t);
	}
	printf("\nHolidays:\n");
	if (sch_calendar_holiday_count(cal) == 0)
		printf("  none\n");
	else if (cli_table_new(&t, "lll") == 0) {
		for (size_t i = 0; i < sch_calendar_holiday_count(cal); i++) {
			const sch_holiday *h = sch_calendar_holiday(cal, i);
			sch_day_info info;
			sch_calendar_day(cal, h->date, 0, &info);
			cli_table_cell(t, "%s", sch_date_iso(h->date, a));
			cli_table_cell(t, "%s", day_short(sch_date_weekday(h->date)));
			const char *where = "";
			for (size_t k = 0; k < sch_calendar_break_count(cal) && !*where; k++) {
				const sch_break *br = sch_calendar_break(cal, k);
				if (h->date >= br->first && h->date <= br->last && br->grade_min <= 1 && br->grade_max >= 11)
					where = "  (in a break)";
			}
			if (!*where && info.quarter == 0)
				where = "  (outside the quarters)";
			cli_table_cell(t, "%s%s", h->name, where);
		}
		cli_table_print(t, stdout, "  ");
		cli_table_free(t);
	}
	printf("\nTransfers:\n");
	if (sch_calendar_transfer_count(cal) == 0)
		printf("  none\n");
	else if (cli_table_new(&t, "llll") == 0) {
		for (size_t i = 0; i < sch_calendar_transfer_count(cal); i++) {
			const sch_transfer *x = sch_calendar_transfer(cal, i);
			cli_table_cell(t, "%s", sch_date_iso(x->date, a));
			cli_table_cell(t, "%s", day_short(sch_date_weekday(x->date)));
			if (x->follows == SCH_TRANSFER_OFF)
				cli_table_cell(t, "day off");
			else
				cli_table_cell(t, "follows %s's timetable", day_english(x->follows));
			cli_table_cell(t, "%s", x->note);
		}
		cli_table_print(t, stdout, "  ");
		cli_table_free(t);
	}
	return CLI_EXIT_OK;
}

/* Validates with the school of the database; prints the findings unless quiet. Returns the error count. */
static size_t validate(const sch_calendar *cal, const sch_school *school, sch_diags *diags, int print)
{
	sch_calendar_validate(cal, school, diags);
	if (print)
		print_diags_plain(diags);
	return sch_diags_errors(diags);
}

static int do_show(const cal_args *a)
{
	cli_year y;
	sch_diags *diags = NULL;
	int code = cli_year_open(&y, a->db, CLI_YEAR_CALENDAR);
	if (code)
		return code;
	if (sch_diags_new(&diags)) {
		cli_year_close(&y);
		return cli_lib_error(SCH_ENOMEM, NULL);
	}
	validate(y.cal, y.school, diags, 0);
	if (a->json) {
		show_json(y.cal, y.school, diags);
	} else {
		code = show_text(y.cal, y.school);
		if (sch_diags_count(diags))
			printf("\n");
		fflush(stdout);
		print_diags_plain(diags);
	}
	sch_diags_free(diags);
	cli_year_close(&y);
	return code;
}

/* ---- What an edit changes ---- */

/* Given lessons per class and quarter of the year (NULL when there is no active timetable). */
static int class_counts(const cli_year *y, const sch_calendar *cal, int **counts)
{
	sch_dated *d = NULL;
	*counts = NULL;
	if (!y->tt)
		return 0;
	int rc = sch_dated_new(&d, y->tt, cal, y->subst, sch_calendar_first(cal), sch_calendar_last(cal));
	if (rc == 0)
		rc = sch_dated_class_counts(counts, d);
	sch_dated_free(d);
	return rc;
}

/* Prints the lessons added or removed per class. */
static void print_changes(const cli_year *y, const int *before, const int *after)
{
	cli_table *t = NULL;
	int changed = 0;
	if (!before || !after) {
		printf("No active timetable: no dated lessons to compare.\n");
		return;
	}
	if (cli_table_new(&t, "lrrrrrrr"))
		return;
	cli_table_cell(t, "class");
	cli_table_cell(t, "before");
	cli_table_cell(t, "after");
	cli_table_cell(t, "change");
	for (int q = 1; q <= 4; q++)
		cli_table_cell(t, "Q%d", q);
	cli_table_rule(t);
	for (int c = 0; c < y->school->n_classes; c++) {
		const int *b = before + c * 5, *a = after + c * 5;
		if (memcmp(b, a, sizeof *a * 5) == 0)
			continue;
		changed++;
		cli_table_cell(t, "%s", y->school->classes[c].id);
		cli_table_cell(t, "%d", b[0]);
		cli_table_cell(t, "%d", a[0]);
		cli_table_cell(t, "%+d", a[0] - b[0]);
		for (int q = 1; q <= 4; q++)
			if (a[q] != b[q])
				cli_table_cell(t, "%+d", a[q] - b[q]);
			else
				cli_table_cell(t, ".");
	}
	if (changed) {
		printf("Lessons per class in the year (active version %d):\n", y->version);
		cli_table_print(t, stdout, "  ");
	} else {
		printf("No class gains or loses a lesson (active version %d).\n", y->version);
	}
	cli_table_free(t);
}

/* Applies an edit (already made on `cal`, a copy of y->cal): validates, saves, says what changed
 * (compared with y->cal, when there is one). */
static int finish_edit(cli_year *y, sch_calendar *cal, const char *done)
{
	sch_diags *diags = NULL;
	int *before = NULL, *after = NULL, rc, code = CLI_EXIT_OK;
	if ((rc = sch_diags_new(&diags))) {
		code = cli_lib_error(rc, NULL);
		goto out;
	}
	if (validate(cal, y->school, diags, 1) > 0) {
		cli_error("%s: the calendar would not be valid: nothing written", y->db);
		code = CLI_EXIT_USAGE;
		goto out;
	}
	if ((y->cal && (rc = class_counts(y, y->cal, &before))) || (rc = class_counts(y, cal, &after)) ||
	    (rc = sch_calendar_save(y->st, cal))) {
		code = cli_lib_error(rc, NULL);
		goto out;
	}
	printf("%s: %s\n", y->db, done);
	if (y->cal)
		print_changes(y, before, after);
out:
	free(before);
	free(after);
	sch_diags_free(diags);
	return code;
}


/* Opens the year for an edit and copies its calendar; the caller edits the copy. */
static int begin_edit(cli_year *y, const cal_args *a, sch_calendar **cal)
{
	int code = cli_year_open(y, a->db, CLI_YEAR_CALENDAR | CLI_YEAR_CHANGES), rc;
	if (code)
		return code;
	if ((rc = sch_calendar_copy(cal, y->cal))) {
		cli_year_close(y);
		return cli_lib_error(rc, NULL);
	}
	return 0;
}

/* A refused edit: the library's reason, exit 2. */
static int refused(const cli_year *y, int rc)
{
	return cli_lib_error(rc, "%s", y->db);
}

/* The end of every edit: refused (nothing written) or saved, then the year closed. */
static int end_edit(cli_year *y, sch_calendar *cal, int rc, const char *msg)
{
	int code = rc ? refused(y, rc) : finish_edit(y, cal, msg);
	sch_calendar_free(cal);
	cli_year_close(y);
	return code;
}

static int do_init(cal_args *a)
{
	cli_year y;
	sch_calendar *cal = NULL, *old = NULL;
	sch_diags *diags = NULL;
	int code = cli_year_open(&y, a->db, CLI_YEAR_CHANGES), rc;
	char buf[160];
	if (code)
		return code;
	if (!a->year && y.school && y.school->year)
		a->year = parse_year(y.school->year); /* "2026-2027" */
	if (a->year <= 0) {
		cli_year_close(&y);
		return cli_usage_error(&help, "give the year: --year 2026 for the school year 2026/27");
	}
	if ((rc = sch_calendar_load(&old, y.st)) == 0 && !a->force) {
		cli_error("%s: a calendar of %d/%d is there already; --force replaces it (absences and substitutions stay)",
			  a->db, sch_calendar_year(old), sch_calendar_year(old) + 1);
		code = CLI_EXIT_USAGE;
		goto out;
	}
	if (rc && rc != SCH_ENOTFOUND) {
		code = cli_lib_error(rc, NULL);
		goto out;
	}
	if ((rc = sch_diags_new(&diags))) {
		code = cli_lib_error(rc, NULL);
		goto out;
	}
	if ((rc = sch_calendar_generate(&cal, a->year, a->defaults, diags))) {
		cli_print_diags(diags);
		code = cli_lib_error(rc, NULL);
		goto out;
	}
	cli_print_diags(diags); /* warnings of the file */
	y.cal = old; /* what it replaces, if anything: the lessons are compared with it */
	old = NULL;
	snprintf(buf, sizeof buf, "made the school year %d/%d from %s", a->year, a->year + 1, sch_calendar_source(cal));
	code = finish_edit(&y, cal, buf);
	if (code == CLI_EXIT_OK) {
		printf("\n");
		sch_calendar_free(y.cal);
		y.cal = cal;
		cal = NULL;
		code = show_text(y.cal, y.school);
	}
out:
	sch_calendar_free(cal);
	sch_calendar_free(old);
	sch_diags_free(diags);
	cli_year_close(&y);
	return code;
}

static int do_set(const cal_args *a)
{
	cli_year y;
	sch_calendar *cal = NULL;
	sch_date first, last;
	char msg[160], d1[16], d2[16];
	if (!a->first && !a->last)
		return cli_usage_error(&help, "calendar set: give --first and/or --last");
	int code = begin_edit(&y, a, &cal), rc;
	if (code)
		return code;
	first = sch_calendar_first(cal);
	last = sch_calendar_last(cal);
	if ((a->first && cli_date(&first, a->first, "--first", &help)) || (a->last && cli_date(&last, a->last, "--last", &help))) {
		code = CLI_EXIT_USAGE;
		goto out;
	}
	if ((rc = sch_calendar_set_range(cal, first, last, a->keep ? SCH_CALENDAR_KEEP_QUARTERS : 0))) {
		code = refused(&y, rc);
		goto out;
	}
	snprintf(msg, sizeof msg, "the school year is now %s .. %s", sch_date_iso(first, d1), sch_date_iso(last, d2));
	code = finish_edit(&y, cal, msg);
out:
	sch_calendar_free(cal);
	cli_year_close(&y);
	return code;
}

static int do_quarter(const cal_args *a)
{
	cli_year y;
	sch_calendar *cal = NULL;
	sch_date first, last;
	char msg[160], d1[16], d2[16];
	int n = atoi(a->arg);
	if (n < 1 || n > 4 || strlen(a->arg) != 1)
		return cli_usage_error(&help, "calendar quarter: the quarter is 1, 2, 3 or 4, not '%s'", a->arg);
	if (!a->from || !a->to)
		return cli_usage_error(&help, "calendar quarter: give --from and --to");
	if (cli_date(&first, a->from, "--from", &help) || cli_date(&last, a->to, "--to", &help))
		return CLI_EXIT_USAGE;
	int code = begin_edit(&y, a, &cal), rc;
	if (code)
		return code;
	if ((rc = sch_calendar_set_quarter(cal, n, first, last))) {
		code = refused(&y, rc);
		goto out;
	}
	snprintf(msg, sizeof msg, "quarter %d is now %s .. %s", n, sch_date_iso(first, d1), sch_date_iso(last, d2));
	code = finish_edit(&y, cal, msg);
out:
	sch_calendar_free(cal);
	cli_year_close(&y);
	return code;
}

static int do_break(const cal_args *a)
{
	cli_year y;
	sch_calendar *cal = NULL;
	sch_date first = SCH_DATE_NONE, last = SCH_DATE_NONE;
	char msg[300], d1[16], d2[16];
	int lo = 1, hi = SCH_MAX_GRADE, code, rc;
	if (a->remove && (a->from || a->to || a->name || a->grades))
		return cli_usage_error(&help, "calendar break --remove takes no other option");
	if (!a->remove && (!a->from || !a->to))
		return cli_usage_error(&help, "calendar break: give --from and --to (or --remove)");
	if (!a->remove && (cli_date(&first, a->from, "--from", &help) || cli_date(&last, a->to, "--to", &help)))
		return CLI_EXIT_USAGE;
	if (a->grades && (code = grade_range(a->grades, &lo, &hi)))
		return code;
	if ((code = begin_edit(&y, a, &cal)))
		return code;
	if (a->remove) {
		rc = sch_calendar_remove_break(cal, a->arg);
		snprintf(msg, sizeof msg, "removed the break %s", a->arg);
	} else {
		/* An existing break keeps its grades unless new ones are given. */
		for (size_t i = 0; !a->grades && i < sch_calendar_break_count(cal); i++)
			if (strcmp(sch_calendar_break(cal, i)->id, a->arg) == 0) {
				lo = sch_calendar_break(cal, i)->grade_min;
				hi = sch_calendar_break(cal, i)->grade_max;
			}
		rc = sch_calendar_set_break(cal, a->arg, a->name, first, last, lo, hi,
					    a->keep ? SCH_CALENDAR_KEEP_QUARTERS : 0);
		snprintf(msg, sizeof msg, "the break %s is now %s .. %s", a->arg, sch_date_iso(first, d1),
			 sch_date_iso(last, d2));
	}
	return end_edit(&y, cal, rc, msg);
}

static int do_holiday(const cal_args *a)
{
	cli_year y;
	sch_calendar *cal = NULL;
	sch_date date;
	char msg[300], d1[16];
	int code, rc;
	if (a->remove && a->name)
		return cli_usage_error(&help, "calendar holiday --remove takes no --name");
	if (cli_date(&date, a->arg, "the holiday", &help))
		return CLI_EXIT_USAGE;
	if ((code = begin_edit(&y, a, &cal)))
		return code;
	if (a->remove) {
		rc = sch_calendar_remove_holiday(cal, date);
		snprintf(msg, sizeof msg, "%s is no longer a holiday", sch_date_iso(date, d1));
	} else {
		rc = sch_calendar_set_holiday(cal, date, a->name);
		snprintf(msg, sizeof msg, "%s is a holiday (%s)", sch_date_iso(date, d1), a->name ? a->name : "праздник");
	}
	return end_edit(&y, cal, rc, msg);
}

static int do_transfer(const cal_args *a)
{
	cli_year y;
	sch_calendar *cal = NULL;
	sch_date date;
	char msg[300], d1[16];
	int code, rc, follows = SCH_TRANSFER_OFF;
	if (a->remove + a->off + (a->follows != NULL) != 1)
		return cli_usage_error(&help, "calendar transfer: give one of --follows DAY, --off and --remove");
	if (cli_date(&date, a->arg, "the transfer", &help))
		return CLI_EXIT_USAGE;
	if (a->follows && (follows = sch_day_parse(a->follows)) < 0)
		return cli_usage_error(&help, "--follows is a day: mon, tue, wed, thu, fri, sat or sun (пн, вт ...), not '%s'",
				       a->follows);
	if ((code = begin_edit(&y, a, &cal)))
		return code;
	if (a->remove) {
		rc = sch_calendar_remove_transfer(cal, date);
		snprintf(msg, sizeof msg, "%s has no transfer any more", sch_date_iso(date, d1));
	} else {
		rc = sch_calendar_set_transfer(cal, date, follows, a->note);
		if (follows == SCH_TRANSFER_OFF)
			snprintf(msg, sizeof msg, "%s is a day off", sch_date_iso(date, d1));
		else
			snprintf(msg, sizeof msg, "%s follows %s's timetable", sch_date_iso(date, d1), day_english(follows));
	}
	return end_edit(&y, cal, rc, msg);
}

static int do_norm(const cal_args *a)
{
	cli_year y;
	sch_calendar *cal = NULL;
	char msg[160];
	int lo, hi, code, rc;
	if (!a->grades)
		return cli_usage_error(&help, "calendar norm: give --grades and --weeks");
	if ((code = grade_range(a->grades, &lo, &hi)))
		return code;
	if ((code = begin_edit(&y, a, &cal)))
		return code;
	rc = sch_calendar_set_norm_weeks(cal, lo, hi, a->weeks);
	snprintf(msg, sizeof msg, "grades %d-%d need %d school weeks", lo, hi, a->weeks);
	return end_edit(&y, cal, rc, msg);
}

/* ---- lessons ---- */

/* "Английский язык (en1)" */
static void line_title(const sch_school *s, const sch_line_def *ln, const char *lang, char *buf, size_t n)
{
	const char *subj = sch_school_subject_name(s, ln->subject, lang);
	const sch_part_def *p = &ln->parts[0];
	if (ln->n_parts == 1 && p->division >= 0 && p->group >= 0 && p->class_of >= 0)
		snprintf(buf, n, "%s (%s)", subj, s->classes[p->class_of].divisions[p->division].groups[p->group]);
	else
		snprintf(buf, n, "%s", subj);
}

static void line_teachers(const sch_school *s, const sch_line_def *ln, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int p = 0; p < ln->n_parts && k < n; p++)
		if (ln->parts[p].teacher >= 0)
			k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? "/" : "", s->teachers[ln->parts[p].teacher].id);
}

static int do_lessons(const cal_args *a)
{
	cli_year y;
	sch_dated *d = NULL;
	sch_dated_line_report *rows = NULL;
	size_t n = 0;
	int code = cli_year_open(&y, a->db, CLI_YEAR_CALENDAR | CLI_YEAR_TIMETABLE | CLI_YEAR_CHANGES), rc, cls = -1;
	char title[200], who[200];
	if (code)
		return code;
	if (a->cls && (cls = cli_find(y.school, "class", a->cls)) < 0) {
		code = CLI_EXIT_USAGE;
		goto out;
	}
	if ((rc = sch_dated_new(&d, y.tt, y.cal, y.subst, sch_calendar_first(y.cal), sch_calendar_last(y.cal))) ||
	    (rc = sch_dated_lines(&rows, &n, d))) {
		code = cli_lib_error(rc, NULL);
		goto out;
	}
	if (a->json) {
		printf("[");
		int first = 1;
		for (size_t i = 0; i < n; i++) {
			const sch_dated_line_report *r = &rows[i];
			if (cls >= 0 && r->cls != cls)
				continue;
			line_title(y.school, &y.school->lines[r->line], a->lang, title, sizeof title);
			line_teachers(y.school, &y.school->lines[r->line], who, sizeof who);
			printf("%s\n {\"class\": ", first ? "" : ",");
			cli_json_string(stdout, y.school->classes[r->cls].id);
			printf(", \"subject\": ");
			cli_json_string(stdout, y.school->subjects[y.school->lines[r->line].subject].id);
			printf(", \"title\": ");
			cli_json_string(stdout, title);
			printf(", \"teachers\": ");
			cli_json_string(stdout, who);
			printf(", \"per_week\": %d, \"given\": [%d, %d, %d, %d, %d], \"planned\": [%d, %d, %d, %d, %d], "
			       "\"weeks\": [%.2f, %.2f, %.2f, %.2f, %.2f]}",
			       r->per_week, r->given[0], r->given[1], r->given[2], r->given[3], r->given[4], r->planned[0],
			       r->planned[1], r->planned[2], r->planned[3], r->planned[4], r->weeks[0], r->weeks[1],
			       r->weeks[2], r->weeks[3], r->weeks[4]);
			first = 0;
		}
		printf("\n]\n");
		goto out;
	}
	printf("Lessons given / planned (weekly hours x school weeks of the class), school year %d/%d, active version %d\n",
	       sch_calendar_year(y.cal), sch_calendar_year(y.cal) + 1, y.version);
	int shown_any = 0;
	for (int c = 0; c < y.school->n_classes; c++) {
		if (cls >= 0 && c != cls)
			continue;
		cli_table *t = NULL;
		int shown = 0;
		if (cli_table_new(&t, a->quarter ? "llrr" : "llrrrrrr")) /* one quarter, or four and the year */
			break;
		cli_table_cell(t, "subject");
		cli_table_cell(t, "teacher");
		cli_table_cell(t, "a week");
		for (int q = 1; q <= 4; q++)
			if (a->quarter == 0 || a->quarter == q)
				cli_table_cell(t, "Q%d", q);
		if (a->quarter == 0)
			cli_table_cell(t, "year");
		cli_table_rule(t);
		const sch_dated_line_report *any = NULL;
		for (size_t i = 0; i < n; i++) {
			const sch_dated_line_report *r = &rows[i];
			if (r->cls != c)
				continue;
			any = r;
			int short_q = 0;
			for (int q = a->quarter ? a->quarter : 0; q <= (a->quarter ? a->quarter : 4); q++)
				short_q |= r->given[q] < r->planned[q];
			if (a->short_only && !short_q)
				continue;
			line_title(y.school, &y.school->lines[r->line], a->lang, title, sizeof title);
			line_teachers(y.school, &y.school->lines[r->line], who, sizeof who);
			cli_table_cell(t, "%s", title);
			cli_table_cell(t, "%s", who);
			cli_table_cell(t, "%d", r->per_week);
			for (int q = 1; q <= 4; q++)
				if (a->quarter == 0 || a->quarter == q) {
					if (r->given[q] < r->planned[q])
						cli_table_cell(t, "%d/%d %d", r->given[q], r->planned[q], r->given[q] - r->planned[q]);
					else
						cli_table_cell(t, "%d/%d", r->given[q], r->planned[q]);
				}
			if (a->quarter == 0) {
				if (r->given[0] < r->planned[0])
					cli_table_cell(t, "%d/%d %d", r->given[0], r->planned[0], r->given[0] - r->planned[0]);
				else
					cli_table_cell(t, "%d/%d", r->given[0], r->planned[0]);
			}
			shown++;
		}
		if (shown) {
			printf("\n%s (grade %d, weeks: Q1 %.1f, Q2 %.1f, Q3 %.1f, Q4 %.1f, year %.1f):\n", y.school->classes[c].id,
			       y.school->classes[c].grade, any->weeks[1], any->weeks[2], any->weeks[3], any->weeks[4],
			       any->weeks[0]);
			cli_table_print(t, stdout, "  ");
			shown_any = 1;
		}
		cli_table_free(t);
	}
	if (!shown_any)
		printf("\n%s\n", a->short_only ? "No subject is short of its planned lessons." : "No lessons.");
	else
		printf("\n\"43/44 -1\": 43 lessons given of 44 planned. The year's plan is weekly hours x the grade's norm of "
		       "school weeks.\n");
out:
	free(rows);
	sch_dated_free(d);
	cli_year_close(&y);
	return code;
}

int cmd_calendar(int argc, char **argv)
{
	static const struct {
		const char *name;
		int positional;
	} actions[] = {{"init", 0},	{"show", 0},	 {"set", 0},  {"quarter", 1}, {"break", 1},
		       {"holiday", 1}, {"transfer", 1}, {"norm", 0}, {"lessons", 0}};
	const size_t n_actions = sizeof actions / sizeof actions[0];
	cal_args a;
	size_t k;
	int code = cli_action(argc, argv, actions, n_actions, sizeof actions[0], &help, &k);
	if (code >= 0)
		return code;
	code = parse(argc - 1, argv + 1, &a, actions[k].positional);
	if (code)
		return code < 0 ? CLI_EXIT_OK : code;
	switch (k) {
	case 0: return do_init(&a);
	case 1: return do_show(&a);
	case 2: return do_set(&a);
	case 3: return do_quarter(&a);
	case 4: return do_break(&a);
	case 5: return do_holiday(&a);
	case 6: return do_transfer(&a);
	case 7: return do_norm(&a);
	default: return do_lessons(&a);
	}
}
