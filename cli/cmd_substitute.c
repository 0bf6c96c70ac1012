/* `schedule substitute`: cover an absent teacher (ranked substitutes, the assignment program), single covers, cancellations, swaps, the sheet and counts. */
#include <stdlib.h>
#include <string.h>

#include "dated_cli.h"
#include "schedule/sys/model.h"
#include "store_cli.h"

static const cli_help help = {
	"substitute",
	"--db <school.db> --teacher T --from D [--to D] [--reason R] [--apply] [--json]\n"
	"       schedule substitute <set|cancel|swap|candidates|list|undo|sheet|counts|may-cover> --db <school.db> ...",
	"Cover absent teachers: propose and record substitutes, cancellations and one-day swaps",
	"Without an action: the teacher is absent from --from to --to (default: that day). Every\n"
	"lesson they would give — their own and those they were to cover — gets a substitute, all\n"
	"at once by a small integer program (GLPK): every lesson covered if anyone can take it,\n"
	"nobody double-booked or over their daily limit, covers spread fairly. A substitute teaches\n"
	"the subject (it is among their subjects, they teach it, or the cover list allows it) and is\n"
	"free then: not teaching, not absent, within their working hours and daily limit; those who\n"
	"already teach the class, who covered least this quarter and whose day gains no gap come\n"
	"first. A lesson nobody can take is listed with the reason. --apply records the absence and\n"
	"the covers; without it nothing is written.\n"
	"\n"
	"Actions (the lesson is named by --date, --class and --period; --subject or --teacher, the\n"
	"lesson's own teacher, tell apart lessons of groups at the same bell):\n"
	"  set --date D --class C --period N --by T     T covers that lesson (checked by the same rules)\n"
	"  cancel --date D --class C --period N         the lesson is not given that day\n"
	"  swap --date D --class C --period N --with M  the class's lessons at bells N and M change places\n"
	"                                               that day (M may be free: a move)\n"
	"  candidates --date D --class C --period N     the ranked substitutes for that lesson, and who is busy\n"
	"  list [--from D] [--to D] [--json]            absences and changes\n"
	"  undo ID... [--absence]                       remove changes (or absences with their covers)\n"
	"  sheet --date D [--to D] -o sheet.xlsx|.pdf   the substitution sheet and cover counts\n"
	"  counts [--json]                              covers per teacher, per month and quarter\n"
	"  may-cover --teacher T [--add S,...] [--remove S,...]   further subjects T may cover\n"
	"\n"
	"Options:\n"
	"      --db <file>        the school database\n"
	"  -t, --teacher <id>     the absent teacher (by id or full name); with set/cancel/swap: the\n"
	"                         lesson's own teacher\n"
	"  -f, --from <D>, --to <D>   dates, YYYY-MM-DD\n"
	"      --reason <text>    why the teacher is absent (болезнь, курсы ...)\n"
	"      --apply            record the absence and the covers\n"
	"  -d, --date <D>  -c, --class <id>  -p, --period <N>  -s, --subject <id>\n"
	"  -b, --by <id>          the substitute\n"
	"      --with <N>         the other bell of a swap\n"
	"  -o, --output <file>    the sheet, .xlsx or .pdf\n"
	"  -l, --lang <ru|ky>     of the sheet (default ru)\n"
	"      --json             machine-readable output\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (a date outside the year, an unknown teacher or\n"
	"class — the nearest names are suggested —, a substitute who is not qualified or busy, a\n"
	"swap that double-books; nothing is written then), 3 internal error.\n",
};

typedef struct {
	const char *db, *teacher, *from, *to, *reason, *date, *cls, *period, *by, *subject, *with, *out, *lang, *add,
		*remove, *note;
	int apply, json, absence;
	int n_pos;
	char **pos;
} sub_args;

enum {
	O_DB = 1000, O_REASON, O_APPLY, O_JSON, O_WITH, O_ABSENCE, O_ADD, O_REMOVE, O_TO, O_NOTE
};

static int parse(int argc, char **argv, sub_args *a, int max_pos)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, O_DB},	     {"teacher", required_argument, NULL, 't'},
		{"from", required_argument, NULL, 'f'},	     {"to", required_argument, NULL, O_TO},
		{"reason", required_argument, NULL, O_REASON}, {"apply", no_argument, NULL, O_APPLY},
		{"json", no_argument, NULL, O_JSON},	     {"date", required_argument, NULL, 'd'},
		{"class", required_argument, NULL, 'c'},	     {"period", required_argument, NULL, 'p'},
		{"by", required_argument, NULL, 'b'},	     {"subject", required_argument, NULL, 's'},
		{"with", required_argument, NULL, O_WITH},     {"output", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'l'},	     {"absence", no_argument, NULL, O_ABSENCE},
		{"add", required_argument, NULL, O_ADD},	     {"remove", required_argument, NULL, O_REMOVE},
		{"note", required_argument, NULL, O_NOTE},     {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c, code;
	memset(a, 0, sizeof *a);
	a->lang = "ru";
	while ((c = cli_getopt(argc, argv, "ht:f:d:c:p:b:s:o:l:", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return -1;
		case O_DB: a->db = optarg; break;
		case 't': a->teacher = optarg; break;
		case 'f': a->from = optarg; break;
		case O_TO: a->to = optarg; break;
		case O_REASON: a->reason = optarg; break;
		case O_APPLY: a->apply = 1; break;
		case O_JSON: a->json = 1; break;
		case 'd': a->date = optarg; break;
		case 'c': a->cls = optarg; break;
		case 'p': a->period = optarg; break;
		case 'b': a->by = optarg; break;
		case 's': a->subject = optarg; break;
		case O_WITH: a->with = optarg; break;
		case 'o': a->out = optarg; break;
		case 'l':
			if (strcmp(optarg, "ru") != 0 && strcmp(optarg, "ky") != 0)
				return cli_usage_error(&help, "--lang is ru or ky, not '%s'", optarg);
			a->lang = optarg;
			break;
		case O_ABSENCE: a->absence = 1; break;
		case O_ADD: a->add = optarg; break;
		case O_REMOVE: a->remove = optarg; break;
		case O_NOTE: a->note = optarg; break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(a->db, &help)) || (code = cli_positional(argc, argv, 0, max_pos, &help)))
		return code;
	a->n_pos = argc - optind;
	a->pos = argv + optind;
	return 0;
}

/* Options an action does not take: a usage error naming the first. */
static int only(const sub_args *a, const char *action, const char *allowed)
{
	const struct {
		const char *name;
		const void *set;
	} opts[] = {{"teacher", a->teacher}, {"from", a->from},	      {"to", a->to},	   {"reason", a->reason},
		    {"date", a->date},	     {"class", a->cls},	      {"period", a->period}, {"by", a->by},
		    {"subject", a->subject}, {"with", a->with},	      {"output", a->out},    {"add", a->add},
		    {"remove", a->remove},   {"note", a->note}};
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		char key[24];
		snprintf(key, sizeof key, " %s ", opts[i].name);
		if (opts[i].set && !strstr(allowed, key))
			return cli_usage_error(&help, "%s takes no --%s", action, opts[i].name);
	}
	if (a->apply && !strstr(allowed, " apply "))
		return cli_usage_error(&help, "%s takes no --apply", action);
	if (a->json && !strstr(allowed, " json "))
		return cli_usage_error(&help, "%s takes no --json", action);
	if (a->absence && !strstr(allowed, " absence "))
		return cli_usage_error(&help, "%s takes no --absence", action);
	return 0;
}

static int bell(const char *text, const char *opt, const sch_school *s)
{
	char *end;
	long v = text ? strtol(text, &end, 10) : 0;
	if (!text || !*text || *end || v < 1 || v > s->n_periods) {
		cli_usage_error(&help, "%s is a bell from 1 to %d, not '%s'", opt, s->n_periods, text ? text : "");
		return -1;
	}
	return (int)v - 1;
}

/* ---- Finding the lesson named by --date, --class, --period ---- */

typedef struct {
	cli_year y;
	sch_dated *d;
	sch_date date;
	int cls, period, subject, own; /* -1: not given */
} target;

static void target_free(target *t)
{
	sch_dated_free(t->d);
	cli_year_close(&t->y);
}

/* Opens the year and builds the date's lessons; the lesson's class, bell and filters resolved. */
static int target_open(target *t, const sub_args *a, const char *action)
{
	int code;
	memset(t, 0, sizeof *t);
	t->subject = t->own = -1;
	if (!a->date || !a->cls || !a->period)
		return cli_usage_error(&help, "%s: name the lesson with --date, --class and --period", action);
	if (cli_date(&t->date, a->date, "--date", &help))
		return CLI_EXIT_USAGE;
	if ((code = cli_year_open(&t->y, a->db, CLI_YEAR_CALENDAR | CLI_YEAR_TIMETABLE | CLI_YEAR_CHANGES)))
		return code;
	const sch_school *s = t->y.school;
	int rc;
	if ((code = cli_date_in_year(&t->y, t->date, "the date")) || (t->cls = cli_find(s, "class", a->cls)) < 0 ||
	    (a->subject && (t->subject = cli_find(s, "subject", a->subject)) < 0) ||
	    (a->teacher && (t->own = cli_find(s, "teacher", a->teacher)) < 0) ||
	    (t->period = bell(a->period, "--period", s)) < 0) {
		target_free(t);
		return code ? code : CLI_EXIT_USAGE;
	}
	if ((rc = sch_dated_new(&t->d, t->y.tt, t->y.cal, t->y.subst, t->date, t->date))) {
		target_free(t);
		return cli_lib_error(rc, NULL);
	}
	return 0;
}

static int matches(const target *t, const sch_dated_lesson *e, int period)
{
	const sch_lesson_def *l = &t->y.school->lessons[e->lesson];
	int in = 0;
	for (int c = 0; c < l->n_classes; c++)
		in |= l->classes[c] == t->cls;
	return in && period >= e->period && period < e->period + e->length &&
	       (t->subject < 0 || l->subject == t->subject) && (t->own < 0 || e->own_teacher == t->own);
}

static void lesson_label(const sch_school *s, const sch_dated_lesson *e, char *buf, size_t n)
{
	const sch_lesson_def *l = &s->lessons[e->lesson];
	const sch_part_def *p = &l->parts[e->part];
	size_t k = 0;
	buf[0] = '\0';
	for (int c = 0; c < l->n_classes && k < n; c++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", c ? "+" : "", s->classes[l->classes[c]].id);
	if (p->division >= 0 && p->group >= 0 && k < n)
		k += (size_t)snprintf(buf + k, n - k, " (%s)", s->classes[p->class_of].divisions[p->division].groups[p->group]);
	if (k < n)
		k += (size_t)snprintf(buf + k, n - k, " %s", sch_school_subject_name(s, l->subject, "ru"));
	if (e->own_teacher >= 0 && k < n)
		snprintf(buf + k, n - k, ", %s", sch_school_teacher_name(s, e->own_teacher));
}

/* The dated lessons (parts) of the target at `period`: their indexes in out; an error message when none. */
static size_t target_parts(const target *t, int period, size_t *out, size_t max, int quiet)
{
	size_t f, n = sch_dated_on(t->d, t->date, &f), k = 0;
	char ds[32];
	for (size_t i = f; i < f + n; i++)
		if (matches(t, sch_dated_get(t->d, i), period) && k < max)
			out[k++] = i;
	if (k == 0 && !quiet) {
		sch_day_info info;
		sch_calendar_day(t->y.cal, t->date, t->y.school->classes[t->cls].grade, &info);
		if (info.kind != SCH_DAY_SCHOOL)
			cli_error("%s: %s has no lessons on %s (%s%s%s)", t->y.db, t->y.school->classes[t->cls].id,
				  cli_date_text(t->date, ds),
				  info.kind == SCH_DAY_HOLIDAY ? "a holiday" : info.kind == SCH_DAY_BREAK ? "a break"
					  : info.kind == SCH_DAY_OFF ? "a day off" : "in no quarter",
				  *info.name ? ": " : "", info.name);
		else
			cli_error("%s: %s has no lesson%s%s at bell %d on %s", t->y.db, t->y.school->classes[t->cls].id,
				  t->subject >= 0 || t->own >= 0 ? " matching" : "",
				  t->subject >= 0 || t->own >= 0 ? " --subject/--teacher" : "", period + 1,
				  cli_date_text(t->date, ds));
	}
	return k;
}

/* Exactly one part at the target's bell, or an error listing them. */
static int one_part(const target *t, size_t *part)
{
	size_t idx[64], k = target_parts(t, t->period, idx, 64, 0);
	char lab[300];
	if (k == 0)
		return CLI_EXIT_USAGE;
	if (k > 1) {
		cli_error("%s: %zu lessons of %s at bell %d: name the lesson's --teacher or --subject:", t->y.db, k,
			  t->y.school->classes[t->cls].id, t->period + 1);
		for (size_t i = 0; i < k; i++) {
			lesson_label(t->y.school, sch_dated_get(t->d, idx[i]), lab, sizeof lab);
			fprintf(stderr, "  %s\n", lab);
		}
		return CLI_EXIT_USAGE;
	}
	*part = idx[0];
	return 0;
}

/* The distinct lessons among parts. */
static size_t distinct_lessons(const target *t, const size_t *idx, size_t k, size_t *out)
{
	size_t n = 0;
	for (size_t i = 0; i < k; i++) {
		int seen = 0;
		for (size_t j = 0; j < n && !seen; j++)
			seen = sch_dated_get(t->d, out[j])->lesson == sch_dated_get(t->d, idx[i])->lesson;
		if (!seen)
			out[n++] = idx[i];
	}
	return n;
}

/* The absence (id) that has the teacher away on the date, 0 none. */
static int absence_of(const sch_subst *s, int teacher, sch_date date)
{
	for (size_t i = 0; i < sch_subst_absence_count(s); i++) {
		const sch_absence *a = sch_subst_absence(s, i);
		if (a->teacher == teacher && date >= a->first && date <= a->last)
			return a->id;
	}
	return 0;
}

/* The stored change of a kind for (date, lesson[, part]); 0 none. */
static int change_of(const sch_subst *s, int kind, sch_date date, int lesson, int part)
{
	for (size_t i = 0; i < sch_subst_change_count(s); i++) {
		const sch_day_change *c = sch_subst_change(s, i);
		if (c->kind == kind && c->date == date && c->lesson == lesson && (part < 0 || c->part == part))
			return c->id;
	}
	return 0;
}

/* Checks and records changes; prints the outcome. */
static int record(target *t, sch_day_change *c, size_t n, const int *remove, size_t n_remove, const char *done)
{
	int rc;
	if ((rc = sch_subst_check(t->d, c, n)))
		return cli_lib_error(rc, "%s: refused, nothing written", t->y.db);
	if ((rc = sch_subst_record(t->y.st, t->y.school, NULL, c, n, remove, n_remove)))
		return cli_lib_error(rc, NULL);
	printf("%s: %s", t->y.db, done);
	for (size_t i = 0; i < n; i++)
		printf("%s%d", i ? ", " : " (change ", c[i].id);
	printf("%s\n", n ? ")" : "");
	return CLI_EXIT_OK;
}

static int do_set(const sub_args *a)
{
	target t;
	size_t part;
	char lab[300], ds[32], msg[600];
	int code = only(a, "substitute set", " date class period by subject teacher note ");
	if (code)
		return code;
	if (!a->by)
		return cli_usage_error(&help, "substitute set: give the substitute with --by");
	if ((code = target_open(&t, a, "substitute set")))
		return code;
	int by = cli_find(t.y.school, "teacher", a->by);
	if (by < 0 || (code = one_part(&t, &part))) {
		target_free(&t);
		return by < 0 ? CLI_EXIT_USAGE : code;
	}
	const sch_dated_lesson *e = sch_dated_get(t.d, part);
	sch_day_change c = {.kind = SCH_CHANGE_COVER,
			    .date = t.date,
			    .lesson = e->lesson,
			    .part = e->part,
			    .teacher = by,
			    .period = -1,
			    .absence = absence_of(t.y.subst, e->own_teacher, t.date),
			    .note = a->note ? a->note : ""};
	int old = change_of(t.y.subst, SCH_CHANGE_COVER, t.date, e->lesson, e->part);
	lesson_label(t.y.school, e, lab, sizeof lab);
	snprintf(msg, sizeof msg, "%s covers %s at bell %d on %s", sch_school_teacher_name(t.y.school, by), lab,
		 e->period + 1, cli_date_text(t.date, ds));
	code = record(&t, &c, 1, old ? &old : NULL, old ? 1 : 0, msg);
	target_free(&t);
	return code;
}

static int do_cancel(const sub_args *a)
{
	target t;
	size_t idx[64], les[64];
	char ds[32], msg[300];
	int code = only(a, "substitute cancel", " date class period subject teacher note ");
	if (code)
		return code;
	if ((code = target_open(&t, a, "substitute cancel")))
		return code;
	size_t k = target_parts(&t, t.period, idx, 64, 0);
	if (k == 0) {
		target_free(&t);
		return CLI_EXIT_USAGE;
	}
	size_t n = distinct_lessons(&t, idx, k, les);
	sch_day_change c[64];
	for (size_t i = 0; i < n; i++)
		c[i] = (sch_day_change){.kind = SCH_CHANGE_CANCEL,
					.date = t.date,
					.lesson = sch_dated_get(t.d, les[i])->lesson,
					.part = -1,
					.teacher = -1,
					.period = -1,
					.note = a->note ? a->note : ""};
	snprintf(msg, sizeof msg, "cancelled %zu lesson%s of %s at bell %d on %s", n, n == 1 ? "" : "s",
		 t.y.school->classes[t.cls].id, t.period + 1, cli_date_text(t.date, ds));
	code = record(&t, c, n, NULL, 0, msg);
	target_free(&t);
	return code;
}

static int do_swap(const sub_args *a)
{
	target t;
	size_t ia[64], ib[64], la[64], lb[64];
	char ds[32], msg[300];
	int code = only(a, "substitute swap", " date class period with note ");
	if (code)
		return code;
	if (!a->with)
		return cli_usage_error(&help, "substitute swap: give the other bell with --with");
	if ((code = target_open(&t, a, "substitute swap")))
		return code;
	int other = bell(a->with, "--with", t.y.school);
	if (other < 0 || other == t.period) {
		if (other == t.period)
			cli_usage_error(&help, "--with names the same bell as --period");
		target_free(&t);
		return CLI_EXIT_USAGE;
	}
	size_t na = distinct_lessons(&t, ia, target_parts(&t, t.period, ia, 64, 0), la);
	size_t nb = distinct_lessons(&t, ib, target_parts(&t, other, ib, 64, 1), lb);
	if (na == 0) {
		target_free(&t);
		return CLI_EXIT_USAGE;
	}
	/* Whole lessons only: a double lesson is named by its first bell. */
	for (size_t i = 0; i < na + nb; i++) {
		const sch_dated_lesson *e = sch_dated_get(t.d, i < na ? la[i] : lb[i - na]);
		int want = i < na ? t.period : other;
		if (e->period != want) {
			cli_error("%s: the lesson at bell %d starts at bell %d (a double lesson): name its first bell", t.y.db,
				  want + 1, e->period + 1);
			target_free(&t);
			return CLI_EXIT_USAGE;
		}
	}
	sch_day_change c[128];
	int remove[128];
	size_t n = 0, nr = 0;
	for (size_t i = 0; i < na + nb; i++) {
		const sch_dated_lesson *e = sch_dated_get(t.d, i < na ? la[i] : lb[i - na]);
		int to = i < na ? other : t.period, dd, p;
		int old = change_of(t.y.subst, SCH_CHANGE_MOVE, t.date, e->lesson, -1);
		if (old)
			remove[nr++] = old;
		sch_timetable_get(t.y.tt, e->lesson, &dd, &p);
		if (to == p)
			continue; /* back where the timetable has it: no move needed */
		c[n++] = (sch_day_change){.kind = SCH_CHANGE_MOVE,
					  .date = t.date,
					  .lesson = e->lesson,
					  .part = -1,
					  .teacher = -1,
					  .period = to,
					  .note = a->note ? a->note : ""};
	}
	snprintf(msg, sizeof msg, "%s: bells %d and %d swapped on %s", t.y.school->classes[t.cls].id, t.period + 1,
		 other + 1, cli_date_text(t.date, ds));
	if (n == 0) { /* only undoing earlier moves */
		int rc = 0;
		for (size_t i = 0; i < nr && rc == 0; i++)
			rc = sch_subst_remove(t.y.st, remove[i], 0);
		code = rc ? cli_lib_error(rc, NULL) : (printf("%s: %s (back as in the timetable)\n", t.y.db, msg), CLI_EXIT_OK);
	} else {
		/* The check must see the lessons as they are without the moves being replaced. */
		code = record(&t, c, n, remove, nr, msg);
	}
	target_free(&t);
	return code;
}

static int do_candidates(const sub_args *a)
{
	target t;
	size_t part, n = 0;
	sch_candidate *c = NULL;
	char lab[300], ds[32];
	int code = only(a, "substitute candidates", " date class period subject teacher json ");
	if (code)
		return code;
	if ((code = target_open(&t, a, "substitute candidates")))
		return code;
	if ((code = one_part(&t, &part))) {
		target_free(&t);
		return code;
	}
	int rc = sch_subst_candidates(&c, &n, t.d, part);
	if (rc) {
		target_free(&t);
		return cli_lib_error(rc, NULL);
	}
	const sch_school *s = t.y.school;
	const sch_dated_lesson *e = sch_dated_get(t.d, part);
	static const char *const st_names[] = {"free", "teaching", "absent", "unavailable", "daily limit"};
	if (a->json) {
		printf("[");
		for (size_t i = 0; i < n; i++) {
			printf("%s\n {\"teacher\": ", i ? "," : "");
			cli_json_string(stdout, s->teachers[c[i].teacher].id);
			printf(", \"name\": ");
			cli_json_string(stdout, sch_school_teacher_name(s, c[i].teacher));
			printf(", \"status\": \"%s\", \"own_subject\": %s, \"teaches_class\": %s, \"covers\": %d, \"gap\": %d}",
			       st_names[c[i].status], c[i].own_subject ? "true" : "false", c[i].teaches_class ? "true" : "false",
			       c[i].covers, c[i].gap);
		}
		printf("\n]\n");
	} else {
		lesson_label(s, e, lab, sizeof lab);
		printf("%s, bell %d, %s\n", lab, e->period + 1, cli_date_text(t.date, ds));
		if (n == 0) {
			printf("  nobody else is qualified for %s\n", sch_school_subject_name(s, s->lessons[e->lesson].subject, "ru"));
		} else {
			cli_table *tb = NULL;
			if (cli_table_new(&tb, "rlllrrl") == 0) {
				cli_table_cell(tb, "#");
				cli_table_cell(tb, "teacher");
				cli_table_cell(tb, "status");
				cli_table_cell(tb, "class");
				cli_table_cell(tb, "covers");
				cli_table_cell(tb, "gap");
				cli_table_cell(tb, "qualified by");
				cli_table_rule(tb);
				for (size_t i = 0; i < n; i++) {
					const sch_candidate *x = &c[i];
					if (x->status == SCH_CAND_FREE)
						cli_table_cell(tb, "%zu", i + 1);
					else
						cli_table_cell(tb, "-");
					cli_table_cell(tb, "%s", sch_school_teacher_name(s, x->teacher));
					if (x->status == SCH_CAND_TEACHING && x->busy >= 0) {
						const sch_dated_lesson *b = sch_dated_get(t.d, x->busy);
						cli_table_cell(tb, "teaches %s at bell %d",
							       s->classes[s->lessons[b->lesson].classes[0]].id, b->period + 1);
					} else {
						cli_table_cell(tb, "%s", st_names[x->status]);
					}
					cli_table_cell(tb, "%s", x->teaches_class ? "teaches it" : "");
					cli_table_cell(tb, "%d", x->covers);
					if (x->status == SCH_CAND_FREE)
						cli_table_cell(tb, "%+d", x->gap);
					else
						cli_table_cell(tb, "%s", "");
					cli_table_cell(tb, "%s", x->own_subject ? "own subject" : "cover list");
				}
				cli_table_print(tb, stdout, "  ");
				cli_table_free(tb);
			}
		}
	}
	sch_free(c);
	target_free(&t);
	return CLI_EXIT_OK;
}

/* ---- Absence: propose and apply ---- */

static void plan_json(const cli_year *y, const sch_cover_plan *p, int applied, int absence_id)
{
	const sch_school *s = y->school;
	const sch_absence *ab = sch_cover_plan_absence(p);
	char a[16], b[16];
	size_t covered = 0;
	printf("{\"teacher\": ");
	cli_json_string(stdout, s->teachers[ab->teacher].id);
	printf(", \"from\": \"%s\", \"to\": \"%s\", \"reason\": ", sch_date_iso(ab->first, a), sch_date_iso(ab->last, b));
	cli_json_string(stdout, ab->reason);
	printf(", \"lessons\": [");
	for (size_t i = 0; i < sch_cover_plan_count(p); i++) {
		const sch_cover_item *it = sch_cover_plan_item(p, i);
		const sch_lesson_def *l = &s->lessons[it->lesson];
		covered += it->teacher >= 0;
		printf("%s\n  {\"date\": \"%s\", \"bell\": %d, \"length\": %d, \"class\": ", i ? "," : "",
		       sch_date_iso(it->date, a), it->period + 1, it->length);
		cli_json_string(stdout, s->classes[l->classes[0]].id);
		printf(", \"subject\": ");
		cli_json_string(stdout, s->subjects[l->subject].id);
		printf(", \"substitute\": ");
		cli_json_string(stdout, it->teacher >= 0 ? s->teachers[it->teacher].id : NULL);
		printf(", \"why\": ");
		cli_json_string(stdout, it->why);
		printf(", \"candidates\": [");
		for (size_t k = 0, m = 0; k < it->n_ranked; k++)
			if (it->ranked[k].status == SCH_CAND_FREE) {
				printf("%s", m++ ? ", " : "");
				cli_json_string(stdout, s->teachers[it->ranked[k].teacher].id);
			}
		printf("]}");
	}
	printf("\n ], \"covered\": %zu, \"uncovered\": %zu, \"optimal\": %s, \"seconds\": %.3f, \"applied\": %s, "
	       "\"absence\": %d}\n",
	       covered, sch_cover_plan_count(p) - covered, sch_cover_plan_optimal(p) ? "true" : "false",
	       sch_cover_plan_seconds(p), applied ? "true" : "false", absence_id);
}

static void plan_text(const cli_year *y, const sch_cover_plan *p)
{
	const sch_school *s = y->school;
	const sch_absence *ab = sch_cover_plan_absence(p);
	char ds[32], a[16], b[16];
	size_t n = sch_cover_plan_count(p), covered = 0, days = 0;
	int *by = calloc((size_t)s->n_teachers + 1, sizeof *by);
	for (size_t i = 0; i < n; i++)
		days += i == 0 || sch_cover_plan_item(p, i)->date != sch_cover_plan_item(p, i - 1)->date;
	printf("Absence of %s, %s .. %s%s%s%s: %zu lesson%s on %zu school day%s\n", sch_school_teacher_name(s, ab->teacher),
	       sch_date_iso(ab->first, a), sch_date_iso(ab->last, b), *ab->reason ? " (" : "", ab->reason,
	       *ab->reason ? ")" : "", n, n == 1 ? "" : "s", days, days == 1 ? "" : "s");
	for (size_t i = 0; i < n;) {
		sch_date date = sch_cover_plan_item(p, i)->date;
		cli_table *t = NULL;
		printf("\n%s\n", cli_date_text(date, ds));
		if (cli_table_new(&t, "rlll"))
			break;
		for (; i < n && sch_cover_plan_item(p, i)->date == date; i++) {
			const sch_cover_item *it = sch_cover_plan_item(p, i);
			const sch_lesson_def *l = &s->lessons[it->lesson];
			const sch_part_def *pt = &l->parts[it->part];
			char cls[160];
			size_t k = 0;
			cls[0] = '\0';
			for (int c = 0; c < l->n_classes && k < sizeof cls; c++)
				k += (size_t)snprintf(cls + k, sizeof cls - k, "%s%s", c ? "+" : "", s->classes[l->classes[c]].id);
			if (pt->division >= 0 && pt->group >= 0 && k < sizeof cls)
				snprintf(cls + k, sizeof cls - k, " (%s)",
					 s->classes[pt->class_of].divisions[pt->division].groups[pt->group]);
			if (it->length > 1)
				cli_table_cell(t, "%d-%d", it->period + 1, it->period + it->length);
			else
				cli_table_cell(t, "%d", it->period + 1);
			cli_table_cell(t, "%s", cls);
			cli_table_cell(t, "%s", sch_school_subject_name(s, l->subject, "ru"));
			if (it->teacher >= 0) {
				covered++;
				by[it->teacher]++;
				/* The next free candidates, for the operator who prefers another. */
				char others[400] = "";
				size_t o = 0;
				int shown = 0;
				for (size_t c = 0; c < it->n_ranked && shown < 3; c++) {
					const sch_candidate *x = &it->ranked[c];
					if (x->status != SCH_CAND_FREE || x->teacher == it->teacher)
						continue;
					if (o < sizeof others)
						o += (size_t)snprintf(others + o, sizeof others - o, "%s%s",
								      shown ? ", " : "   (also free: ",
								      sch_school_teacher_name(s, x->teacher));
					shown++;
				}
				cli_table_cell(t, "-> %s%s%s", sch_school_teacher_name(s, it->teacher), others, shown ? ")" : "");
			} else {
				cli_table_cell(t, "no cover: %s", it->why ? it->why : "");
			}
		}
		cli_table_print(t, stdout, "  ");
		cli_table_free(t);
	}
	int teachers = 0;
	for (int k = 0; by && k < s->n_teachers; k++)
		teachers += by[k] > 0;
	printf("\n%zu lesson%s: %zu covered by %d teacher%s, %zu without cover (the program took %.3f s%s)\n", n,
	       n == 1 ? "" : "s", covered, teachers, teachers == 1 ? "" : "s", n - covered, sch_cover_plan_seconds(p),
	       sch_cover_plan_optimal(p) ? ", optimal" : "");
	free(by);
}

static int do_absence(const sub_args *a)
{
	cli_year y;
	sch_cover_plan *plan = NULL;
	sch_absence ab = {0};
	int code = only(a, "substitute", " teacher from to reason apply json "), rc, id = 0;
	if (code)
		return code;
	if (!a->teacher || !a->from)
		return cli_usage_error(&help, "give the absent --teacher and the first day --from (or an action)");
	if (cli_date(&ab.first, a->from, "--from", &help) || cli_date(&ab.last, a->to ? a->to : a->from, "--to", &help))
		return CLI_EXIT_USAGE;
	if (ab.last < ab.first)
		return cli_usage_error(&help, "--to (%s) comes before --from (%s)", a->to, a->from);
	if ((code = cli_year_open(&y, a->db, CLI_YEAR_CALENDAR | CLI_YEAR_TIMETABLE | CLI_YEAR_CHANGES)))
		return code;
	if ((code = cli_date_in_year(&y, ab.first, "--from")) || (code = cli_date_in_year(&y, ab.last, "--to")))
		goto done;
	if ((ab.teacher = cli_find(y.school, "teacher", a->teacher)) < 0) {
		code = CLI_EXIT_USAGE;
		goto done;
	}
	ab.reason = a->reason ? a->reason : "";
	if ((rc = sch_cover_plan_new(&plan, y.tt, y.cal, y.subst, &ab, NULL))) {
		code = cli_lib_error(rc, "%s", a->db);
		goto done;
	}
	if (a->apply && (rc = sch_cover_plan_apply(y.st, plan, &id))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (a->json) {
		plan_json(&y, plan, a->apply, id);
	} else {
		plan_text(&y, plan);
		if (a->apply)
			printf("%s: recorded absence %d and its covers\n", a->db, id);
		else
			printf("Nothing written: add --apply to record the absence and these covers.\n");
	}
	code = CLI_EXIT_OK;
done:
	sch_cover_plan_free(plan);
	cli_year_close(&y);
	return code;
}

/* ---- list, undo, counts, sheet, may-cover ---- */

static int do_list(const sub_args *a)
{
	cli_year y;
	sch_date from = SCH_DATE_NONE, to = SCH_DATE_NONE;
	char d1[16], d2[16];
	int code = only(a, "substitute list", " from to json teacher ");
	if (code)
		return code;
	if ((a->from && cli_date(&from, a->from, "--from", &help)) || (a->to && cli_date(&to, a->to, "--to", &help)))
		return CLI_EXIT_USAGE;
	if ((code = cli_year_open(&y, a->db, CLI_YEAR_TIMETABLE | CLI_YEAR_CHANGES)))
		return code;
	const sch_school *s = y.school;
	int teacher = -1;
	if (a->teacher && (teacher = cli_find(s, "teacher", a->teacher)) < 0) {
		cli_year_close(&y);
		return CLI_EXIT_USAGE;
	}
	if (from == SCH_DATE_NONE)
		from = INT32_MIN + 1;
	if (to == SCH_DATE_NONE)
		to = INT32_MAX;
	static const char *const kinds[] = {"", "cover", "cancel", "move"};
	if (a->json)
		printf("{\"absences\": [");
	else
		printf("Absences:\n");
	int any = 0;
	for (size_t i = 0; i < sch_subst_absence_count(y.subst); i++) {
		const sch_absence *ab = sch_subst_absence(y.subst, i);
		if (ab->last < from || ab->first > to || (teacher >= 0 && ab->teacher != teacher))
			continue;
		if (a->json) {
			printf("%s\n  {\"id\": %d, \"teacher\": ", any ? "," : "", ab->id);
			cli_json_string(stdout, s->teachers[ab->teacher].id);
			printf(", \"from\": \"%s\", \"to\": \"%s\", \"reason\": ", sch_date_iso(ab->first, d1),
			       sch_date_iso(ab->last, d2));
			cli_json_string(stdout, ab->reason);
			printf("}");
		} else {
			printf("  %d  %s  %s .. %s  %s\n", ab->id, sch_school_teacher_name(s, ab->teacher),
			       sch_date_iso(ab->first, d1), sch_date_iso(ab->last, d2), ab->reason);
		}
		any = 1;
	}
	if (!any && !a->json)
		printf("  none\n");
	if (a->json)
		printf("], \"changes\": [");
	else
		printf("\nChanges:\n");
	any = 0;
	for (size_t i = 0; i < sch_subst_change_count(y.subst); i++) {
		const sch_day_change *c = sch_subst_change(y.subst, i);
		if (c->date < from || c->date > to)
			continue;
		const sch_lesson_def *l = c->lesson >= 0 ? &s->lessons[c->lesson] : NULL;
		if (teacher >= 0 && !(c->teacher == teacher || (l && c->part >= 0 && l->parts[c->part].teacher == teacher)))
			continue;
		char what[300] = "(no such lesson in the active timetable any more)";
		if (l) {
			size_t k = 0;
			for (int cl = 0; cl < l->n_classes && k < sizeof what; cl++)
				k += (size_t)snprintf(what + k, sizeof what - k, "%s%s", cl ? "+" : "", s->classes[l->classes[cl]].id);
			if (k < sizeof what)
				snprintf(what + k, sizeof what - k, " %s", s->subjects[l->subject].id);
		}
		if (a->json) {
			printf("%s\n  {\"id\": %d, \"kind\": \"%s\", \"date\": \"%s\", \"lesson\": ", any ? "," : "", c->id,
			       kinds[c->kind], sch_date_iso(c->date, d1));
			cli_json_string(stdout, l ? what : NULL);
			printf(", \"substitute\": ");
			cli_json_string(stdout, c->teacher >= 0 ? s->teachers[c->teacher].id : NULL);
			printf(", \"bell\": %d, \"absence\": %d, \"stale\": %s}", c->period >= 0 ? c->period + 1 : 0, c->absence,
			       c->lesson < 0 ? "true" : "false");
		} else {
			printf("  %d  %s  %-6s  %s", c->id, sch_date_iso(c->date, d1), kinds[c->kind], what);
			if (c->kind == SCH_CHANGE_COVER && l)
				printf(": %s for %s", sch_school_teacher_name(s, c->teacher),
				       l->parts[c->part].teacher >= 0 ? sch_school_teacher_name(s, l->parts[c->part].teacher) : "—");
			if (c->kind == SCH_CHANGE_MOVE)
				printf(" to bell %d", c->period + 1);
			if (c->absence)
				printf("  [absence %d]", c->absence);
			printf("\n");
		}
		any = 1;
	}
	if (a->json)
		printf("\n]}\n");
	else if (!any)
		printf("  none\n");
	cli_year_close(&y);
	return CLI_EXIT_OK;
}

static int do_undo(const sub_args *a)
{
	sch_store *st = NULL;
	int code = only(a, "substitute undo", " absence ");
	if (code)
		return code;
	if (a->n_pos == 0)
		return cli_usage_error(&help, "substitute undo: give the ids to remove (see 'substitute list')");
	for (int i = 0; i < a->n_pos; i++) {
		char *end;
		long v = strtol(a->pos[i], &end, 10);
		if (*end || v < 1 || v > 2000000000)
			return cli_usage_error(&help, "substitute undo: '%s' is not an id", a->pos[i]);
	}
	if ((code = cli_store_open(&st, a->db, 0)))
		return code;
	for (int i = 0; i < a->n_pos; i++) {
		int id = atoi(a->pos[i]), rc = sch_subst_remove(st, id, a->absence);
		if (rc) {
			code = cli_lib_error(rc, NULL);
			break;
		}
		printf("%s: removed %s %d%s\n", a->db, a->absence ? "absence" : "change", id,
		       a->absence ? " and the covers answering it" : "");
	}
	sch_store_close(st);
	return code;
}

static int do_counts(const sub_args *a)
{
	cli_year y;
	sch_dated *d = NULL;
	sch_cover_count *rows = NULL;
	size_t n = 0;
	int code = only(a, "substitute counts", " json "), rc;
	if (code)
		return code;
	if ((code = cli_year_open(&y, a->db, CLI_YEAR_CALENDAR | CLI_YEAR_TIMETABLE | CLI_YEAR_CHANGES)))
		return code;
	if ((rc = sch_dated_new(&d, y.tt, y.cal, y.subst, sch_calendar_first(y.cal), sch_calendar_last(y.cal))) ||
	    (rc = sch_subst_cover_counts(&rows, &n, d))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	static const char *const month[13] = {"", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int m0, y0, m1, y1;
	sch_date_split(sch_calendar_first(y.cal), &y0, &m0, NULL);
	sch_date_split(sch_calendar_last(y.cal), &y1, &m1, NULL);
	int nm = (y1 - y0) * 12 + m1 - m0 + 1;
	if (nm > 12)
		nm = 12;
	if (a->json) {
		printf("[");
		int first = 1;
		for (size_t i = 0; i < n; i++) {
			if (!rows[i].quarter[0])
				continue;
			printf("%s\n {\"teacher\": ", first ? "" : ",");
			cli_json_string(stdout, y.school->teachers[rows[i].teacher].id);
			printf(", \"quarters\": [%d, %d, %d, %d], \"total\": %d, \"months\": {", rows[i].quarter[1],
			       rows[i].quarter[2], rows[i].quarter[3], rows[i].quarter[4], rows[i].quarter[0]);
			for (int k = 0; k < nm; k++)
				printf("%s\"%02d\": %d", k ? ", " : "", (m0 - 1 + k) % 12 + 1, rows[i].month[(m0 - 1 + k) % 12 + 1]);
			printf("}}");
			first = 0;
		}
		printf("\n]\n");
		goto done;
	}
	cli_table *t = NULL;
	char align[24] = "l";
	memset(align + 1, 'r', (size_t)nm + 5);
	align[nm + 6] = '\0';
	if (cli_table_new(&t, align)) {
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	cli_table_cell(t, "teacher");
	for (int k = 0; k < nm; k++)
		cli_table_cell(t, "%s", month[(m0 - 1 + k) % 12 + 1]);
	for (int q = 1; q <= 4; q++)
		cli_table_cell(t, "Q%d", q);
	cli_table_cell(t, "total");
	cli_table_rule(t);
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].quarter[0])
			continue;
		cli_table_cell(t, "%s", sch_school_teacher_name(y.school, rows[i].teacher));
		for (int k = 0; k < nm; k++) {
			int v = rows[i].month[(m0 - 1 + k) % 12 + 1];
			if (v)
				cli_table_cell(t, "%d", v);
			else
				cli_table_cell(t, ".");
		}
		for (int q = 1; q <= 4; q++)
			cli_table_cell(t, "%d", rows[i].quarter[q]);
		cli_table_cell(t, "%d", rows[i].quarter[0]);
		any = 1;
	}
	if (any) {
		printf("Covers per teacher (lessons), school year %d/%d:\n", sch_calendar_year(y.cal),
		       sch_calendar_year(y.cal) + 1);
		cli_table_print(t, stdout, "  ");
	} else {
		printf("No covers this school year.\n");
	}
	cli_table_free(t);
done:
	free(rows);
	sch_dated_free(d);
	cli_year_close(&y);
	return code;
}

static int do_sheet(const sub_args *a)
{
	cli_year y;
	sch_dated *d = NULL;
	sch_date first, last;
	char d1[16], d2[16];
	int code = only(a, "substitute sheet", " date to output "), rc;
	if (code)
		return code;
	if (!a->date || !a->out)
		return cli_usage_error(&help, "substitute sheet: give --date and -o sheet.xlsx (or .pdf)");
	int format = sch_export_format_from_path(a->out);
	if (format != SCH_EXPORT_XLSX && format != SCH_EXPORT_PDF)
		return cli_usage_error(&help, "-o writes .xlsx or .pdf, not '%s'", a->out);
	if (cli_date(&first, a->date, "--date", &help) || cli_date(&last, a->to ? a->to : a->date, "--to", &help))
		return CLI_EXIT_USAGE;
	if (last < first)
		return cli_usage_error(&help, "--to comes before --date");
	if ((code = cli_year_open(&y, a->db, CLI_YEAR_CALENDAR | CLI_YEAR_TIMETABLE | CLI_YEAR_CHANGES)))
		return code;
	if ((code = cli_date_in_year(&y, first, "--date")) || (code = cli_date_in_year(&y, last, "--to")))
		goto done;
	if ((rc = sch_dated_new(&d, y.tt, y.cal, y.subst, first, last))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.format = format;
	o.lang = a->lang;
	if ((rc = sch_subst_export_sheet(d, first, last, &o, a->out))) {
		code = cli_lib_error(rc, "%s", a->out);
		goto done;
	}
	printf("%s: the substitution sheet of %s .. %s\n", a->out, sch_date_iso(first, d1), sch_date_iso(last, d2));
done:
	sch_dated_free(d);
	cli_year_close(&y);
	return code;
}

/* Subjects of a comma-separated list into ids; -1 after an error. */
static int subject_list(const sch_school *s, const char *text, int *out, int max)
{
	int n = 0;
	char buf[512];
	snprintf(buf, sizeof buf, "%s", text);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (!*tok)
			continue;
		int k = cli_find(s, "subject", tok);
		if (k < 0)
			return -1;
		if (n < max)
			out[n++] = k;
	}
	return n;
}

static int do_may_cover(const sub_args *a)
{
	cli_year y;
	int code = only(a, "substitute may-cover", " teacher add remove json "), rc;
	if (code)
		return code;
	if (!a->teacher)
		return cli_usage_error(&help, "substitute may-cover: give the --teacher");
	if ((code = cli_year_open(&y, a->db, CLI_YEAR_TIMETABLE | CLI_YEAR_CHANGES)))
		return code;
	const sch_school *s = y.school;
	int t = cli_find(s, "teacher", a->teacher), add[256], rem[256], na = 0, nr = 0;
	if (t < 0 || (a->add && (na = subject_list(s, a->add, add, 256)) < 0) ||
	    (a->remove && (nr = subject_list(s, a->remove, rem, 256)) < 0)) {
		cli_year_close(&y);
		return CLI_EXIT_USAGE;
	}
	int *list = calloc((size_t)s->n_subjects + 1, sizeof *list), n = 0;
	if (!list) {
		cli_year_close(&y);
		return cli_lib_error(SCH_ENOMEM, NULL);
	}
	for (int k = 0; k < s->n_subjects; k++) {
		int keep = sch_subst_may_cover(y.subst, t, k);
		for (int i = 0; i < na; i++)
			keep |= add[i] == k;
		for (int i = 0; i < nr; i++)
			keep &= rem[i] != k;
		if (keep) {
			list[n++] = k;
			sch_subst_allow(y.subst, t, k);
		}
	}
	if ((a->add || a->remove) && (rc = sch_subst_set_cover_subjects(y.st, s, t, list, (size_t)n))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (a->json) {
		printf("{\"teacher\": ");
		cli_json_string(stdout, s->teachers[t].id);
		printf(", \"own\": [");
		for (int k = 0, m = 0; k < s->n_subjects; k++)
			if (sch_subst_qualified(y.subst, t, k) == 1) {
				printf("%s", m++ ? ", " : "");
				cli_json_string(stdout, s->subjects[k].id);
			}
		printf("], \"listed\": [");
		for (int i = 0; i < n; i++) {
			printf("%s", i ? ", " : "");
			cli_json_string(stdout, s->subjects[list[i]].id);
		}
		printf("]}\n");
	} else {
		printf("%s may cover:", sch_school_teacher_name(s, t));
		int any = 0;
		for (int k = 0; k < s->n_subjects; k++) {
			int q = sch_subst_qualified(y.subst, t, k);
			int listed = 0;
			for (int i = 0; i < n; i++)
				listed |= list[i] == k;
			if (q == 1 || listed) {
				printf("%s %s (%s)", any ? "," : "", s->subjects[k].id, q == 1 ? "own" : "listed");
				any = 1;
			}
		}
		printf("%s\n", any ? "" : " nothing");
	}
done:
	free(list);
	cli_year_close(&y);
	return code;
}

int cmd_substitute(int argc, char **argv)
{
	static const char *const actions[] = {"set",  "cancel", "swap",   "candidates", "list",
					      "undo", "sheet",  "counts", "may-cover"};
	const size_t n_actions = sizeof actions / sizeof actions[0];
	sub_args a;
	size_t k = n_actions;
	if (argc >= 2 && argv[1][0] != '-') {
		if (cli_choose(argv[1], actions, n_actions, "action", &help, &k))
			return CLI_EXIT_USAGE;
		argc--;
		argv++;
	}
	int code = parse(argc, argv, &a, k == 5 ? -1 : 0);
	if (code)
		return code < 0 ? CLI_EXIT_OK : code;
	switch (k) {
	case 0: return do_set(&a);
	case 1: return do_cancel(&a);
	case 2: return do_swap(&a);
	case 3: return do_candidates(&a);
	case 4: return do_list(&a);
	case 5: return do_undo(&a);
	case 6: return do_sheet(&a);
	case 7: return do_counts(&a);
	case 8: return do_may_cover(&a);
	default: return do_absence(&a);
	}
}
