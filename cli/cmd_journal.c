/* `schedule journal`: marks, attendance, topics and homework per dated lesson, the class–subject grid, bulk marks, closed quarters. */
#include <stdlib.h>
#include <string.h>

#include "dated_cli.h"
#include "schedule/journal.h"
#include "store_cli.h"

static const cli_help help = {
	"journal",
	"<mark|attend|topic|homework|attach|show|import|close|reopen|export|scheme|audit> --db <school.db> [options]",
	"The journal: marks, attendance, topics and homework of dated lessons; the class-subject grid",
	"Actions (LESSON is --class C --subject S --date D [--period N] [--group G]):\n"
	"  mark PUPIL VALUE LESSON [--kind K]   set a mark (--delete removes it; VALUE is then left out)\n"
	"  attend PUPIL STATUS LESSON     present, absent (н), excused, late, or clear\n"
	"  topic TEXT LESSON              the lesson's topic (\"\" clears it)\n"
	"  homework TEXT LESSON [--due D] add homework; prints its id\n"
	"  homework --id N [--text T] [--due D] | --id N --delete   change or delete homework\n"
	"  attach ID FILE [--name NAME]   attach a pdf, doc, docx, xls or xlsx (at most 10 MiB) to homework ID\n"
	"  show --class C --subject S --month YYYY-MM [--format xlsx|pdf -o FILE] [--json]\n"
	"                                 the grid: pupils x lesson dates, marks, Н absent, УП excused,\n"
	"                                 ОП late, and the average (--from D --to D instead of --month)\n"
	"  import FILE                    marks from CSV: pupil, date, subject, mark [, class, kind,\n"
	"                                 period, group]; all or nothing\n"
	"  close Q | reopen Q             close quarter Q (1-4): its journal is frozen until reopened\n"
	"  export --subject S [--class C] --quarter Q -o FILE [--format csv|xlsx]   topics and homework\n"
	"  scheme [--add ID --kind K --spec JSON] [--grades LO-HI --scheme ID]   grading schemes by\n"
	"                                 grade band (lists them without options)\n"
	"  audit [PUPIL] [--limit N] [--json]   the audit trail: when, who, what, old -> new\n"
	"\n"
	"PUPIL is #id, the ministry's external id, or \"Фамилия Имя\". A mark must be a value of the\n"
	"grading scheme of the class's grade; the pupil must be in the lesson's class (and group);\n"
	"the lesson must have been given that day; its quarter must be open. Every change is one\n"
	"transaction, recorded in the audit trail with --user (default $USER).\n"
	"\n"
	"Options:\n"
	"      --db <file>        the school database\n"
	"      --user <name>      who makes the change\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (nothing written), 3 internal error.\n",
};

typedef struct {
	const char *db, *user, *cls, *subject, *date, *group, *kind, *due, *text, *name, *month, *from, *to, *format,
		*output, *add, *scheme_kind, *spec, *grades, *scheme;
	int period, del, json, quarter, limit;
	long long id;
	int npos;
	char **pos;
} jargs;

enum {
	O_DB = 1000, O_USER, O_CLASS, O_SUBJECT, O_DATE, O_PERIOD, O_GROUP, O_KIND, O_DUE, O_TEXT, O_NAME, O_MONTH,
	O_FROM, O_TO, O_FORMAT, O_DELETE, O_JSON, O_ID, O_QUARTER, O_ADD, O_SPEC, O_GRADES, O_SCHEME, O_LIMIT
};

static int parse(int argc, char **argv, jargs *a, int min_pos, int max_pos)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, O_DB},	       {"user", required_argument, NULL, O_USER},
		{"class", required_argument, NULL, O_CLASS},     {"subject", required_argument, NULL, O_SUBJECT},
		{"date", required_argument, NULL, O_DATE},       {"period", required_argument, NULL, O_PERIOD},
		{"group", required_argument, NULL, O_GROUP},     {"kind", required_argument, NULL, O_KIND},
		{"due", required_argument, NULL, O_DUE},	       {"text", required_argument, NULL, O_TEXT},
		{"name", required_argument, NULL, O_NAME},       {"month", required_argument, NULL, O_MONTH},
		{"from", required_argument, NULL, O_FROM},       {"to", required_argument, NULL, O_TO},
		{"format", required_argument, NULL, O_FORMAT},   {"output", required_argument, NULL, 'o'},
		{"delete", no_argument, NULL, O_DELETE},	       {"json", no_argument, NULL, O_JSON},
		{"id", required_argument, NULL, O_ID},	       {"quarter", required_argument, NULL, O_QUARTER},
		{"add", required_argument, NULL, O_ADD},	       {"spec", required_argument, NULL, O_SPEC},
		{"grades", required_argument, NULL, O_GRADES},   {"scheme", required_argument, NULL, O_SCHEME},
		{"limit", required_argument, NULL, O_LIMIT},     {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c, code;
	memset(a, 0, sizeof *a);
	while ((c = cli_getopt(argc, argv, "ho:", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return -1;
		case O_DB: a->db = optarg; break;
		case O_USER: a->user = optarg; break;
		case O_CLASS: a->cls = optarg; break;
		case O_SUBJECT: a->subject = optarg; break;
		case O_DATE: a->date = optarg; break;
		case O_PERIOD:
			if ((a->period = cli_store_positive(optarg)) < 1)
				return cli_usage_error(&help, "--period is a bell number from 1, not '%s'", optarg);
			break;
		case O_GROUP: a->group = optarg; break;
		case O_KIND: a->kind = optarg; break;
		case O_DUE: a->due = optarg; break;
		case O_TEXT: a->text = optarg; break;
		case O_NAME: a->name = optarg; break;
		case O_MONTH: a->month = optarg; break;
		case O_FROM: a->from = optarg; break;
		case O_TO: a->to = optarg; break;
		case O_FORMAT: a->format = optarg; break;
		case 'o': a->output = optarg; break;
		case O_DELETE: a->del = 1; break;
		case O_JSON: a->json = 1; break;
		case O_ID: {
			char *end;
			a->id = strtoll(optarg, &end, 10);
			if (*end || a->id <= 0)
				return cli_usage_error(&help, "--id is a homework number, not '%s'", optarg);
			break;
		}
		case O_QUARTER:
			if ((a->quarter = atoi(optarg)) < 1 || a->quarter > 4 || strlen(optarg) != 1)
				return cli_usage_error(&help, "--quarter is 1, 2, 3 or 4, not '%s'", optarg);
			break;
		case O_ADD: a->add = optarg; break;
		case O_SPEC: a->spec = optarg; break;
		case O_GRADES: a->grades = optarg; break;
		case O_SCHEME: a->scheme = optarg; break;
		case O_LIMIT:
			if ((a->limit = cli_store_positive(optarg)) < 1)
				return cli_usage_error(&help, "--limit is a number from 1, not '%s'", optarg);
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	a->scheme_kind = a->kind; /* scheme --add takes --kind for the scheme's kind */
	if ((code = cli_store_require(a->db, &help)) || (code = cli_positional(argc, argv, min_pos, max_pos, &help)))
		return code;
	a->npos = argc - optind;
	a->pos = argv + optind;
	return 0;
}

static int open_journal(sch_store **st, sch_journal **j, const jargs *a)
{
	int code = cli_store_open(st, a->db, 0);
	if (code)
		return code;
	int rc = sch_journal_open(j, *st, a->user);
	if (rc) {
		code = cli_lib_error(rc, NULL);
		sch_store_close(*st);
		*st = NULL;
	}
	return code;
}

/* The lesson options into a ref; a usage error when one is missing. */
static int make_ref(sch_journal_ref *ref, const jargs *a)
{
	if (!a->cls || !a->subject || !a->date)
		return cli_usage_error(&help, "name the lesson: --class C --subject S --date D");
	if (cli_date(&ref->date, a->date, "--date", &help))
		return CLI_EXIT_USAGE;
	ref->class_id = a->cls;
	ref->subject_id = a->subject;
	ref->period = a->period;
	ref->group = a->group;
	return 0;
}

static int do_pupil_write(jargs *a, int attend)
{
	sch_journal_ref ref = SCH_JOURNAL_REF_INIT;
	int code = make_ref(&ref, a);
	if (code)
		return code;
	int need = attend || !a->del ? 2 : 1;
	if (a->npos != need)
		return cli_usage_error(&help, attend ? "attend takes PUPIL and STATUS"
					       : a->del ? "mark --delete takes PUPIL only"
							: "mark takes PUPIL and VALUE");
	int status = 0;
	if (attend && (status = sch_attend_parse(a->pos[1])) == -2)
		return cli_usage_error(&help, "attendance '%s': present, absent (н), excused, late or clear", a->pos[1]);
	sch_store *st = NULL;
	sch_journal *j = NULL;
	if ((code = open_journal(&st, &j, a)))
		return code;
	int64_t pupil = 0;
	int rc = sch_pupil_find(&pupil, st, a->pos[0], a->cls);
	if (!rc)
		rc = attend ? sch_journal_attend(j, &ref, pupil, status)
			    : sch_journal_mark(j, &ref, pupil, a->del ? NULL : a->pos[1], a->kind);
	if (rc)
		code = cli_lib_error(rc, NULL);
	else if (a->json)
		printf("{\"pupil\": %lld, \"%s\": \"%s\"}\n", (long long)pupil, attend ? "attendance" : "mark",
		       attend ? sch_attend_name(status) : a->del ? "" : a->pos[1]);
	else
		printf("pupil #%lld: %s %s\n", (long long)pupil, attend ? "attendance" : "mark",
		       attend ? sch_attend_name(status) : a->del ? "deleted" : a->pos[1]);
	sch_journal_free(j);
	sch_store_close(st);
	return code;
}

static int do_topic(jargs *a)
{
	sch_journal_ref ref = SCH_JOURNAL_REF_INIT;
	int code = make_ref(&ref, a);
	if (code)
		return code;
	if (a->npos != 1)
		return cli_usage_error(&help, "topic takes the TEXT");
	sch_store *st = NULL;
	sch_journal *j = NULL;
	if ((code = open_journal(&st, &j, a)))
		return code;
	int rc = sch_journal_topic(j, &ref, a->pos[0]);
	if (rc)
		code = cli_lib_error(rc, NULL);
	else
		printf("topic %s\n", *a->pos[0] ? "set" : "cleared");
	sch_journal_free(j);
	sch_store_close(st);
	return code;
}

static int do_homework(jargs *a)
{
	sch_store *st = NULL;
	sch_journal *j = NULL;
	int code, rc;
	if (a->id) {
		if (a->npos)
			return cli_usage_error(&help, "homework --id takes --text, --due or --delete, not a positional text");
		if (!a->del && !a->text && !a->due)
			return cli_usage_error(&help, "homework --id N needs --text, --due or --delete");
		if ((code = open_journal(&st, &j, a)))
			return code;
		rc = a->del ? sch_journal_homework_delete(j, a->id) : sch_journal_homework_edit(j, a->id, a->text, a->due);
		if (rc)
			code = cli_lib_error(rc, NULL);
		else
			printf("homework #%lld %s\n", a->id, a->del ? "deleted" : "changed");
	} else {
		sch_journal_ref ref = SCH_JOURNAL_REF_INIT;
		if ((code = make_ref(&ref, a)))
			return code;
		if (a->npos != 1)
			return cli_usage_error(&help, "homework takes the TEXT (or --id N to change one)");
		if ((code = open_journal(&st, &j, a)))
			return code;
		int64_t id = 0;
		rc = sch_journal_homework_add(&id, j, &ref, a->pos[0], a->due);
		if (rc)
			code = cli_lib_error(rc, NULL);
		else if (a->json)
			printf("{\"homework\": %lld}\n", (long long)id);
		else
			printf("homework #%lld added\n", (long long)id);
	}
	sch_journal_free(j);
	sch_store_close(st);
	return code;
}

static int do_attach(jargs *a)
{
	char *end;
	long long id = strtoll(a->pos[0], &end, 10);
	if (*end || id <= 0)
		return cli_usage_error(&help, "attach takes a homework number, not '%s'", a->pos[0]);
	sch_store *st = NULL;
	sch_journal *j = NULL;
	int code = open_journal(&st, &j, a);
	if (code)
		return code;
	char hash[65];
	int rc = sch_journal_attach(j, id, a->pos[1], a->name, hash);
	if (rc)
		code = cli_lib_error(rc, NULL);
	else
		printf("attached to homework #%lld (sha256 %.16s…)\n", id, hash);
	sch_journal_free(j);
	sch_store_close(st);
	return code;
}

static int do_show(jargs *a)
{
	sch_date first, last;
	if (!a->cls || !a->subject)
		return cli_usage_error(&help, "show needs --class C and --subject S");
	if (a->month) {
		int y = 0, m = 0;
		char extra;
		if (sscanf(a->month, "%4d-%2d%c", &y, &m, &extra) != 2 || m < 1 || m > 12 ||
		    (first = sch_date_make(y, m, 1)) == SCH_DATE_NONE)
			return cli_usage_error(&help, "--month is YYYY-MM (2026-10), not '%s'", a->month);
		last = sch_date_make(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	} else if (a->from && a->to) {
		if (cli_date(&first, a->from, "--from", &help) || cli_date(&last, a->to, "--to", &help))
			return CLI_EXIT_USAGE;
	} else {
		return cli_usage_error(&help, "show needs --month YYYY-MM (or --from D --to D)");
	}
	int format = -1;
	if (a->format) {
		if (strcmp(a->format, "xlsx") == 0)
			format = SCH_EXPORT_XLSX;
		else if (strcmp(a->format, "pdf") == 0)
			format = SCH_EXPORT_PDF;
		else
			return cli_usage_error(&help, "--format is xlsx or pdf, not '%s'", a->format);
		if (!a->output)
			return cli_usage_error(&help, "--format %s needs -o FILE", a->format);
	}
	sch_store *st = NULL;
	sch_journal *j = NULL;
	int code = open_journal(&st, &j, a);
	if (code)
		return code;
	sch_journal_grid g;
	int rc = sch_journal_grid_make(&g, j, a->cls, a->subject, first, last);
	if (rc) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (format >= 0) {
		if ((rc = sch_journal_grid_export(&g, j, format, a->output)))
			code = cli_lib_error(rc, "%s", a->output);
		else
			printf("wrote %s: %zu pupils x %zu lessons\n", a->output, g.n_pupils, g.n_cols);
	} else if (a->json) {
		printf("{\"class\": ");
		cli_json_string(stdout, g.class_id);
		printf(", \"subject\": ");
		cli_json_string(stdout, g.subject_id);
		printf(", \"lessons\": [");
		for (size_t k = 0; k < g.n_cols; k++) {
			char d[16];
			printf("%s{\"date\": \"%s\", \"period\": %d, \"topic\": ", k ? ", " : "", sch_date_iso(g.col_date[k], d),
			       g.col_period[k]);
			cli_json_string(stdout, g.col_topic[k]);
			printf("}");
		}
		printf("],\n \"pupils\": [");
		for (size_t p = 0; p < g.n_pupils; p++) {
			printf("%s\n  {\"id\": %lld, \"name\": ", p ? "," : "", (long long)g.pupils[p].id);
			char nm[400];
			snprintf(nm, sizeof nm, "%s %s", g.pupils[p].last_name, g.pupils[p].first_name);
			cli_json_string(stdout, nm);
			printf(", \"cells\": [");
			for (size_t k = 0; k < g.n_cols; k++) {
				printf("%s", k ? ", " : "");
				cli_json_string(stdout, g.cells[p * g.n_cols + k]);
			}
			if (g.n_marks[p])
				printf("], \"average\": %.2f}", g.average[p]);
			else
				printf("], \"average\": null}");
		}
		printf("\n]}\n");
	} else {
		char *align = malloc(g.n_cols + 4);
		cli_table *t = NULL;
		if (!align || cli_table_new(&t, (memset(align, 'c', g.n_cols + 3), align[0] = 'r', align[1] = 'l',
						  align[g.n_cols + 2] = 'r', align[g.n_cols + 3] = '\0', align))) {
			free(align);
			code = cli_lib_error(SCH_ENOMEM, NULL);
			sch_journal_grid_dispose(&g);
			goto done;
		}
		cli_table_cell(t, "№");
		cli_table_cell(t, "%s, %s", g.class_id, g.subject_name ? g.subject_name : g.subject_id);
		for (size_t k = 0; k < g.n_cols; k++) {
			char d[16];
			cli_table_cell(t, "%.5s", sch_date_dmy(g.col_date[k], d));
		}
		cli_table_cell(t, "ср.");
		cli_table_rule(t);
		for (size_t p = 0; p < g.n_pupils; p++) {
			cli_table_cell(t, "%zu", p + 1);
			cli_table_cell(t, "%s %s%s", g.pupils[p].last_name, g.pupils[p].first_name,
				       g.pupils[p].status == SCH_PUPIL_EXPELLED ? " (выбыл)" : "");
			for (size_t k = 0; k < g.n_cols; k++)
				cli_table_cell(t, "%s", g.cells[p * g.n_cols + k]);
			if (g.n_marks[p])
				cli_table_cell(t, "%.2f", g.average[p]);
			else
				cli_table_cell(t, "%s", "");
		}
		cli_table_print(t, stdout, "");
		cli_table_free(t);
		free(align);
		int any = 0;
		for (size_t k = 0; k < g.n_cols; k++)
			if (g.col_topic[k][0]) {
				char d[16];
				if (!any++)
					printf("\nТемы:\n");
				printf("  %s  %s\n", sch_date_dmy(g.col_date[k], d), g.col_topic[k]);
			}
	}
	sch_journal_grid_dispose(&g);
done:
	sch_journal_free(j);
	sch_store_close(st);
	return code;
}

static int do_import(jargs *a)
{
	sch_store *st = NULL;
	sch_journal *j = NULL;
	sch_diags *diags = NULL;
	int code = open_journal(&st, &j, a);
	if (code)
		return code;
	if (sch_diags_new(&diags)) {
		code = cli_lib_error(SCH_ENOMEM, NULL);
		goto done;
	}
	sch_marks_import_info info;
	int rc = sch_journal_import_marks(&info, j, a->pos[0], diags);
	cli_print_diags(diags);
	if (rc)
		code = cli_lib_error(rc, NULL);
	else if (a->json)
		printf("{\"rows\": %d, \"written\": %d}\n", info.rows, info.written);
	else
		printf("imported %d marks from %d rows\n", info.written, info.rows);
done:
	sch_diags_free(diags);
	sch_journal_free(j);
	sch_store_close(st);
	return code;
}

static int do_quarter(jargs *a, int close)
{
	const char *q = a->pos[0];
	if (strlen(q) != 1 || q[0] < '1' || q[0] > '4')
		return cli_usage_error(&help, "the quarter is 1, 2, 3 or 4, not '%s'", q);
	sch_store *st = NULL;
	sch_journal *j = NULL;
	int code = open_journal(&st, &j, a);
	if (code)
		return code;
	int rc = close ? sch_journal_close_quarter(j, q[0] - '0') : sch_journal_reopen_quarter(j, q[0] - '0');
	if (rc)
		code = cli_lib_error(rc, NULL);
	else
		printf("quarter %c %s\n", q[0], close ? "closed" : "reopened");
	sch_journal_free(j);
	sch_store_close(st);
	return code;
}

static int do_export(jargs *a)
{
	if (!a->subject || !a->quarter || !a->output)
		return cli_usage_error(&help, "export needs --subject S --quarter Q -o FILE");
	int format = SCH_EXPORT_CSV;
	const char *f = a->format;
	if (!f) {
		size_t n = strlen(a->output);
		f = n > 5 && strcmp(a->output + n - 5, ".xlsx") == 0 ? "xlsx" : "csv";
	}
	if (strcmp(f, "xlsx") == 0)
		format = SCH_EXPORT_XLSX;
	else if (strcmp(f, "csv") != 0)
		return cli_usage_error(&help, "--format is csv or xlsx, not '%s'", f);
	sch_store *st = NULL;
	sch_journal *j = NULL;
	int code = open_journal(&st, &j, a);
	if (code)
		return code;
	int rc = sch_journal_export_topics(j, a->subject, a->cls, a->quarter, format, a->output);
	if (rc)
		code = cli_lib_error(rc, NULL);
	else
		printf("wrote %s\n", a->output);
	sch_journal_free(j);
	sch_store_close(st);
	return code;
}

static int do_scheme(jargs *a)
{
	sch_store *st = NULL;
	int code = cli_store_open(&st, a->db, 0), rc = 0;
	if (code)
		return code;
	if (a->add) {
		if (!a->scheme_kind || !a->spec) {
			sch_store_close(st);
			return cli_usage_error(&help, "scheme --add ID needs --kind K and --spec JSON");
		}
		if ((rc = sch_grading_scheme_set(st, a->add, a->scheme_kind, a->spec, a->user)))
			goto fail;
		printf("grading scheme %s set\n", a->add);
	}
	if (a->grades) {
		int lo, hi;
		char extra;
		int n = sscanf(a->grades, "%d-%d%c", &lo, &hi, &extra);
		if (n == 1)
			hi = lo;
		if ((n != 1 && n != 2) || !a->scheme) {
			sch_store_close(st);
			return cli_usage_error(&help, "--grades LO-HI with --scheme ID (e.g. --grades 1-3 --scheme none)");
		}
		if ((rc = sch_grading_band_set(st, lo, hi, a->scheme, a->user)))
			goto fail;
		printf("grades %d-%d use %s\n", lo, hi, a->scheme);
	}
	if (!a->add && !a->grades) {
		if (a->json)
			printf("{\"grades\": [");
		for (int g = 1; g <= 12; g++) {
			char *values = NULL, id[65];
			if ((rc = sch_journal_scheme_values(&values, id, st, g)))
				goto fail;
			if (a->json) {
				printf("%s{\"grade\": %d, \"scheme\": ", g > 1 ? ", " : "", g);
				cli_json_string(stdout, id);
				printf(", \"values\": ");
				cli_json_string(stdout, values);
				printf("}");
			} else {
				printf("grade %2d  %-10s %s\n", g, id, *values ? values : "(no marks)");
			}
			sch_free(values);
		}
		if (a->json)
			printf("]}\n");
	}
	sch_store_close(st);
	return CLI_EXIT_OK;
fail:
	code = cli_lib_error(rc, NULL);
	sch_store_close(st);
	return code;
}

static int do_audit(jargs *a)
{
	sch_store *st = NULL;
	int code = cli_store_open(&st, a->db, 0);
	if (code)
		return code;
	int64_t pupil = 0;
	int rc = a->npos ? sch_pupil_find(&pupil, st, a->pos[0], a->cls) : 0;
	sch_audit_list list = {0};
	if (!rc)
		rc = sch_journal_audit(&list, st, pupil, a->limit);
	if (rc) {
		sch_store_close(st);
		return cli_lib_error(rc, NULL);
	}
	if (a->json)
		printf("{\"audit\": [");
	for (size_t i = 0; i < list.count; i++) {
		const sch_audit_entry *e = &list.items[i];
		if (a->json) {
			printf("%s\n  {\"id\": %lld, \"at\": ", i ? "," : "", (long long)e->id);
			cli_json_string(stdout, e->at);
			printf(", \"by\": ");
			cli_json_string(stdout, e->by);
			printf(", \"entity\": ");
			cli_json_string(stdout, e->entity);
			printf(", \"entity_id\": %lld, \"pupil\": %lld, \"day\": ", (long long)e->entity_id,
			       (long long)e->pupil);
			cli_json_string(stdout, *e->day ? e->day : NULL);
			printf(", \"subject\": ");
			cli_json_string(stdout, *e->subject ? e->subject : NULL);
			printf(", \"field\": ");
			cli_json_string(stdout, e->field);
			printf(", \"old\": ");
			cli_json_string(stdout, e->old);
			printf(", \"new\": ");
			cli_json_string(stdout, e->new_value);
			printf("}");
		} else {
			printf("%s  ", e->at);
			cli_print_padded(stdout, e->by, 10, 0);
			printf(" ");
			cli_print_padded(stdout, e->entity, 10, 0);
			if (e->pupil)
				printf(" #%lld", (long long)e->pupil);
			if (*e->day)
				printf(" %s %s", e->day, e->subject);
			printf(" %s: %s -> %s\n", e->field, e->old ? e->old : "(none)", e->new_value ? e->new_value : "(none)");
		}
	}
	if (a->json)
		printf("\n]}\n");
	sch_audit_list_dispose(&list);
	sch_store_close(st);
	return CLI_EXIT_OK;
}

int cmd_journal(int argc, char **argv)
{
	static const struct {
		const char *name;
		int min, max;
	} actions[] = {{"mark", 1, 2},	 {"attend", 2, 2}, {"topic", 1, 1},  {"homework", 0, 1},
		       {"attach", 2, 2}, {"show", 0, 0},   {"import", 1, 1}, {"close", 1, 1},
		       {"reopen", 1, 1}, {"export", 0, 0}, {"scheme", 0, 0}, {"audit", 0, 1}};
	const size_t n_actions = sizeof actions / sizeof actions[0];
	jargs a;
	size_t k;
	int code = cli_action(argc, argv, actions, n_actions, sizeof actions[0], &help, &k);
	if (code >= 0)
		return code;
	code = parse(argc - 1, argv + 1, &a, actions[k].min, actions[k].max);
	if (code)
		return code < 0 ? CLI_EXIT_OK : code;
	switch (k) {
	case 0: return do_pupil_write(&a, 0);
	case 1: return do_pupil_write(&a, 1);
	case 2: return do_topic(&a);
	case 3: return do_homework(&a);
	case 4: return do_attach(&a);
	case 5: return do_show(&a);
	case 6: return do_import(&a);
	case 7: return do_quarter(&a, 1);
	case 8: return do_quarter(&a, 0);
	case 9: return do_export(&a);
	case 10: return do_scheme(&a);
	default: return do_audit(&a);
	}
}
