/* `schedule day`: the dated lessons of a date or a week (with substitutions), the week view as xlsx/pdf, and the dated verifier. */
#include <stdlib.h>
#include <string.h>

#include "dated_cli.h"
#include "schedule/sys/model.h"
#include "store_cli.h"

static const cli_help help = {
	"day",
	"--db <school.db> --date D [--week] [--class C | --teacher T | --room R] [--json] [-o week.xlsx|.pdf]"
	" | --verify [--from D] [--to D]",
	"Show the lessons of a date or a week: the active timetable on the school days of the calendar",
	"A date's lessons follow its weekday's timetable (or the weekday a transfer names); holidays,\n"
	"breaks and days off have none. Covers, cancellations and swaps are marked: (замена: X),\n"
	"(нет замены), (отменён), (перенесён). A class's view lists its lessons; a teacher's the\n"
	"lessons they give and their own lessons others cover; a room's those held in it.\n"
	"\n"
	"Options:\n"
	"      --db <file>        the school database\n"
	"  -d, --date <D>         the date, YYYY-MM-DD\n"
	"  -w, --week             the whole week (Monday to Sunday) of the date\n"
	"  -c, --class <id>       one class, e.g. 5А\n"
	"  -t, --teacher <id>     one teacher, by id or full name\n"
	"  -r, --room <id>        one room\n"
	"  -o, --output <file>    write the week view (days across, with their dates; bells down) as\n"
	"                         .xlsx or .pdf: the class, teacher or room given, or every class and teacher\n"
	"  -l, --lang <ru|ky>     names of subjects and days (default ru)\n"
	"      --json             the lessons as JSON\n"
	"      --verify           check every date (or --from .. --to): no teacher, class or room\n"
	"                         double-booked, no absent teacher teaching\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 1 the dated verifier found a problem, 2 bad input or usage (a date\n"
	"outside the year, an unknown class, teacher or room: the nearest names are suggested; no\n"
	"calendar or active version), 3 internal error.\n",
};

/* The words of the day view, Russian and Kyrgyz. */
enum { W_QUARTER, W_FOLLOWS, W_COVER, W_SCHEDULED, W_UNCOVERED, W_CANCELLED, W_MOVED, W_NO_LESSONS, W_N };
static const char *const words[2][W_N] = {
	{"четверть", "по расписанию", "замена", "по расписанию", "нет замены", "отменён", "перенесён", "уроков нет"},
	{"чейрек", "жадыбал боюнча", "алмаштыруу", "жадыбал боюнча", "алмаштыруу жок", "жокко чыгарылды",
	 "жылдырылды", "сабак жок"},
};
static const char *const day_kinds[2][6] = {
	{"", "вне учебного года", "вне четвертей", "каникулы", "праздник", "выходной"},
	{"", "окуу жылынан тышкары", "чейректерден тышкары", "каникул", "майрам", "дем алыш"},
};

enum { WHO_ALL = -1, WHO_CLASS, WHO_TEACHER, WHO_ROOM };

typedef struct {
	const cli_year *y;
	const sch_dated *d;
	int who, id;
	const char *lang;
	int json;
	int first_json;
} view;

static int shown(const view *v, const sch_dated_lesson *e)
{
	const sch_lesson_def *l = &v->y->school->lessons[e->lesson];
	switch (v->who) {
	case WHO_CLASS:
		for (int c = 0; c < l->n_classes; c++)
			if (l->classes[c] == v->id)
				return 1;
		return 0;
	case WHO_TEACHER:
		return e->teacher == v->id || e->own_teacher == v->id;
	case WHO_ROOM:
		return e->room == v->id;
	default:
		return 1;
	}
}

static const char *group_of(const sch_school *s, const sch_dated_lesson *e)
{
	const sch_part_def *p = &s->lessons[e->lesson].parts[e->part];
	if (p->division < 0 || p->group < 0 || p->class_of < 0)
		return NULL;
	return s->classes[p->class_of].divisions[p->division].groups[p->group];
}

static void classes_of(const sch_school *s, const sch_dated_lesson *e, char *buf, size_t n)
{
	const sch_lesson_def *l = &s->lessons[e->lesson];
	size_t k = 0;
	buf[0] = '\0';
	for (int c = 0; c < l->n_classes && k < n; c++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", c ? "+" : "", s->classes[l->classes[c]].id);
}

static const char *status_name(int st)
{
	switch (st) {
	case SCH_DATED_COVERED: return "covered";
	case SCH_DATED_UNCOVERED: return "uncovered";
	case SCH_DATED_CANCELLED: return "cancelled";
	default: return "planned";
	}
}

static void hhmm(int minutes, char *buf)
{
	snprintf(buf, 8, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
}

static void lesson_json(view *v, const sch_dated_lesson *e)
{
	const sch_school *s = v->y->school;
	char a[16], t1[8], t2[8], cls[200];
	const char *grp = group_of(s, e);
	hhmm(s->bells[e->period].start_min, t1);
	hhmm(s->bells[e->period + e->length - 1 < s->n_periods ? e->period + e->length - 1 : e->period].end_min, t2);
	classes_of(s, e, cls, sizeof cls);
	printf("%s\n  {\"date\": \"%s\", \"bell\": %d, \"length\": %d, \"start\": \"%s\", \"end\": \"%s\", \"class\": ",
	       v->first_json ? "" : ",", sch_date_iso(e->date, a), e->period + 1, e->length, t1, t2);
	v->first_json = 0;
	cli_json_string(stdout, cls);
	printf(", \"group\": ");
	cli_json_string(stdout, grp);
	printf(", \"subject\": ");
	cli_json_string(stdout, s->subjects[s->lessons[e->lesson].subject].id);
	printf(", \"subject_name\": ");
	cli_json_string(stdout, sch_school_subject_name(s, s->lessons[e->lesson].subject, v->lang));
	printf(", \"teacher\": ");
	cli_json_string(stdout, e->teacher >= 0 ? s->teachers[e->teacher].id : NULL);
	printf(", \"teacher_name\": ");
	cli_json_string(stdout, e->teacher >= 0 ? sch_school_teacher_name(s, e->teacher) : NULL);
	printf(", \"own_teacher\": ");
	cli_json_string(stdout, e->own_teacher >= 0 ? s->teachers[e->own_teacher].id : NULL);
	printf(", \"room\": ");
	cli_json_string(stdout, e->room >= 0 ? s->rooms[e->room].id : NULL);
	printf(", \"status\": \"%s\", \"moved\": %s, \"quarter\": %d}", status_name(e->status), e->moved ? "true" : "false",
	       e->quarter);
}

/* The lines of one date: a heading, then a row per lesson (or why there are none). */
static void print_date(view *v, sch_date date, int always)
{
	const sch_school *s = v->y->school;
	size_t first, n = sch_dated_on(v->d, date, &first), k = 0;
	sch_day_info info;
	char dmy[16], t[24], cls[200], who[300];
	sch_calendar_day(v->y->cal, date, 0, &info);
	for (size_t i = first; i < first + n; i++)
		k += shown(v, sch_dated_get(v->d, i));
	if (v->json) {
		for (size_t i = first; i < first + n; i++)
			if (shown(v, sch_dated_get(v->d, i)))
				lesson_json(v, sch_dated_get(v->d, i));
		return;
	}
	if (!k && !always && (info.kind == SCH_DAY_SCHOOL || info.kind == SCH_DAY_NO_QUARTER))
		return; /* a Sunday of a week view */
	int wd = sch_date_weekday(date);
	int ky = strcmp(v->lang, "ky") == 0;
	printf("%s, %s", sch_day_name(wd, v->lang), sch_date_dmy(date, dmy));
	if (info.quarter)
		printf(" — %d %s", info.quarter, words[ky][W_QUARTER]);
	if (info.kind == SCH_DAY_SCHOOL && info.follows != wd)
		printf(" — %s: %s", words[ky][W_FOLLOWS], sch_day_name(info.follows, v->lang));
	if (info.kind != SCH_DAY_SCHOOL)
		printf(" — %s%s%s", day_kinds[ky][info.kind], *info.name ? ": " : "", info.name);
	printf("\n");
	if (!k) {
		printf("  %s\n", words[ky][W_NO_LESSONS]);
		return;
	}
	cli_table *tb = NULL;
	int rooms = s->n_rooms > 0; /* no room column for a school without rooms */
	if (cli_table_new(&tb, v->who == WHO_CLASS ? (rooms ? "rllll" : "rlll") : (rooms ? "rlllll" : "rllll")))
		return;
	for (size_t i = first; i < first + n; i++) {
		const sch_dated_lesson *e = sch_dated_get(v->d, i);
		if (!shown(v, e))
			continue;
		char t1[8], t2[8];
		int last = e->period + e->length - 1 < s->n_periods ? e->period + e->length - 1 : e->period;
		hhmm(s->bells[e->period].start_min, t1);
		hhmm(s->bells[last].end_min, t2);
		if (e->length > 1)
			cli_table_cell(tb, "%d-%d", e->period + 1, last + 1);
		else
			cli_table_cell(tb, "%d", e->period + 1);
		snprintf(t, sizeof t, "%s-%s", t1, t2);
		cli_table_cell(tb, "%s", t);
		classes_of(s, e, cls, sizeof cls);
		const char *grp = group_of(s, e);
		if (v->who != WHO_CLASS)
			cli_table_cell(tb, "%s%s%s%s", cls, grp ? " (" : "", grp ? grp : "", grp ? ")" : "");
		const char *subj = sch_school_subject_name(s, s->lessons[e->lesson].subject, v->lang);
		if (v->who == WHO_CLASS)
			cli_table_cell(tb, "%s%s%s%s", subj, grp ? " (" : "", grp ? grp : "", grp ? ")" : "");
		else
			cli_table_cell(tb, "%s", subj);
		const char *own = e->own_teacher >= 0 ? sch_school_teacher_name(s, e->own_teacher) : "—";
		switch (e->status) {
		case SCH_DATED_COVERED:
			snprintf(who, sizeof who, "%s (%s; %s %s)", sch_school_teacher_name(s, e->teacher), words[ky][W_COVER],
				 words[ky][W_SCHEDULED], own);
			break;
		case SCH_DATED_UNCOVERED:
			snprintf(who, sizeof who, "%s (%s)", own, words[ky][W_UNCOVERED]);
			break;
		case SCH_DATED_CANCELLED:
			snprintf(who, sizeof who, "%s (%s)", own, words[ky][W_CANCELLED]);
			break;
		default:
			if (e->moved)
				snprintf(who, sizeof who, "%s (%s)", own, words[ky][W_MOVED]);
			else
				snprintf(who, sizeof who, "%s", own);
		}
		cli_table_cell(tb, "%s", who);
		if (rooms)
			cli_table_cell(tb, "%s", e->room >= 0 ? s->rooms[e->room].id : "");
	}
	cli_table_print(tb, stdout, "  ");
	cli_table_free(tb);
}

static int verify(const cli_year *y, sch_date from, sch_date to)
{
	sch_dated *d = NULL;
	sch_dv_finding *f = NULL;
	size_t n = 0;
	int rc;
	if ((rc = sch_dated_new(&d, y->tt, y->cal, y->subst, from, to)) || (rc = sch_dated_verify(&f, &n, d))) {
		sch_dated_free(d);
		return cli_lib_error(rc, NULL);
	}
	for (size_t i = 0; i < n; i++)
		printf("%s\n", f[i].message);
	size_t days = 0;
	for (size_t i = 0; i < sch_dated_count(d); i++)
		days += i == 0 || sch_dated_get(d, i)->date != sch_dated_get(d, i - 1)->date;
	char a[16], b[16];
	printf("%s%zu dated lessons on %zu school days (%s .. %s): %s\n", n ? "\n" : "", sch_dated_count(d), days,
	       sch_date_iso(from, a), sch_date_iso(to, b),
	       n ? "the findings above" : "no teacher, class or room double-booked, no absent teacher teaching");
	free(f);
	sch_dated_free(d);
	return n ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

int cmd_day(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'D'},
						 {"date", required_argument, NULL, 'd'},
						 {"week", no_argument, NULL, 'w'},
						 {"class", required_argument, NULL, 'c'},
						 {"teacher", required_argument, NULL, 't'},
						 {"room", required_argument, NULL, 'r'},
						 {"output", required_argument, NULL, 'o'},
						 {"lang", required_argument, NULL, 'l'},
						 {"json", no_argument, NULL, 'J'},
						 {"verify", no_argument, NULL, 'V'},
						 {"from", required_argument, NULL, 'F'},
						 {"to", required_argument, NULL, 'T'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db = NULL, *date_s = NULL, *name = NULL, *out = NULL, *lang = "ru", *from_s = NULL, *to_s = NULL;
	int who = WHO_ALL, week = 0, json = 0, check = 0, c, code, rc;
	sch_date date = SCH_DATE_NONE, from = SCH_DATE_NONE, to = SCH_DATE_NONE;
	while ((c = cli_getopt(argc, argv, "hd:wc:t:r:o:l:", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		case 'D': db = optarg; break;
		case 'd': date_s = optarg; break;
		case 'w': week = 1; break;
		case 'c':
		case 't':
		case 'r':
			if (name)
				return cli_usage_error(&help, "give one of --class, --teacher and --room");
			name = optarg;
			who = c == 'c' ? WHO_CLASS : c == 't' ? WHO_TEACHER : WHO_ROOM;
			break;
		case 'o': out = optarg; break;
		case 'l':
			if (strcmp(optarg, "ru") != 0 && strcmp(optarg, "ky") != 0)
				return cli_usage_error(&help, "--lang is ru or ky, not '%s'", optarg);
			lang = optarg;
			break;
		case 'J': json = 1; break;
		case 'V': check = 1; break;
		case 'F': from_s = optarg; break;
		case 'T': to_s = optarg; break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(db, &help)) || (code = cli_positional(argc, argv, 0, 0, &help)))
		return code;
	if (check && (date_s || name || out || week || json))
		return cli_usage_error(&help, "--verify takes only --from and --to");
	if (!check && (from_s || to_s))
		return cli_usage_error(&help, "--from and --to go with --verify");
	if (!check && !date_s)
		return cli_usage_error(&help, "give --date YYYY-MM-DD (or --verify)");
	if (out && json)
		return cli_usage_error(&help, "give -o or --json, not both");
	if ((date_s && cli_date(&date, date_s, "--date", &help)) || (from_s && cli_date(&from, from_s, "--from", &help)) ||
	    (to_s && cli_date(&to, to_s, "--to", &help)))
		return CLI_EXIT_USAGE;
	int format = -1;
	if (out) {
		format = sch_export_format_from_path(out);
		if (format != SCH_EXPORT_XLSX && format != SCH_EXPORT_PDF)
			return cli_usage_error(&help, "-o writes .xlsx or .pdf, not '%s'", out);
		week = 1;
	}
	cli_year y;
	if ((code = cli_year_open(&y, db, CLI_YEAR_CALENDAR | CLI_YEAR_TIMETABLE | CLI_YEAR_CHANGES)))
		return code;
	sch_dated *d = NULL;
	if (check) {
		if (from == SCH_DATE_NONE)
			from = sch_calendar_first(y.cal);
		if (to == SCH_DATE_NONE)
			to = sch_calendar_last(y.cal);
		if ((code = cli_date_in_year(&y, from, "--from")) || (code = cli_date_in_year(&y, to, "--to")))
			goto done;
		code = verify(&y, from, to);
		goto done;
	}
	if ((code = cli_date_in_year(&y, date, "the date")))
		goto done;
	const char *kinds[3] = {"class", "teacher", "room"};
	int id = -1;
	if (name && (id = cli_find(y.school, kinds[who], name)) < 0) {
		code = CLI_EXIT_USAGE;
		goto done;
	}
	sch_date lo = week ? date - sch_date_weekday(date) : date, hi = week ? lo + 6 : date;
	if ((rc = sch_dated_new(&d, y.tt, y.cal, y.subst, lo, hi))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (out) {
		sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
		o.format = format;
		o.lang = lang;
		o.view = who == WHO_CLASS ? SCH_VIEW_CLASS : who == WHO_TEACHER ? SCH_VIEW_TEACHER : who == WHO_ROOM ? SCH_VIEW_ROOM : SCH_VIEW_ALL;
		o.filter = name ? (who == WHO_CLASS ? y.school->classes[id].id : who == WHO_TEACHER ? y.school->teachers[id].id
												 : y.school->rooms[id].id)
				: NULL;
		if ((rc = sch_dated_export_week(d, date, &o, out))) {
			code = cli_lib_error(rc, "%s", out);
			goto done;
		}
		char a[16], b[16];
		printf("%s: the week %s .. %s\n", out, sch_date_iso(lo, a), sch_date_iso(hi, b));
		code = CLI_EXIT_OK;
		goto done;
	}
	view v = {&y, d, who, id, lang, json, 1};
	if (json)
		printf("[");
	else if (name)
		printf("%s — %s %s\n\n", sch_school_name(y.school), kinds[who],
		       who == WHO_TEACHER ? sch_school_teacher_name(y.school, id) : name);
	for (sch_date k = lo; k <= hi; k++) {
		print_date(&v, k, !week || sch_date_weekday(k) != 6);
		if (!json && week && k < hi)
			printf("\n");
	}
	if (json)
		printf("\n]\n");
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	code = CLI_EXIT_OK;
done:
	sch_dated_free(d);
	cli_year_close(&y);
	return code;
}
