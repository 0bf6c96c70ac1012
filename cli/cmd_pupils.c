/* `schedule pupils`: the pupils of a school database — import class lists, add, edit, list, show, expel, reactivate, transfer, groups, class teachers. */
#include <stdlib.h>
#include <string.h>

#include "dated_cli.h"
#include "schedule/pupils.h"
#include "store_cli.h"

static const cli_help help = {
	"pupils",
	"<import|add|edit|list|show|expel|reactivate|transfer|set-group|parent|class-teacher> --db <school.db> [options]",
	"Pupils of a school database: class lists, groups, parents, class teachers, moves",
	"Actions:\n"
	"  import FILE [--keep-good] [--dry-run]   a class list (CSV or XLSX) from the ministry's\n"
	"                                 database: columns in docs/journal.md; bad rows are listed by\n"
	"                                 line and column and nothing is written unless --keep-good\n"
	"  add --class C --last L --first F [--middle M] [--birth D] [--external-id X]\n"
	"      [--group DIV=GRP]... [--parent NAME [--relation R] [--phone P] [--email E]]\n"
	"  edit PUPIL [the options of add]  change what is given\n"
	"  list [--class C] [--all | --expelled] [--json]   active pupils (--all: also expelled)\n"
	"  show PUPIL [--json]            one pupil with groups and parents\n"
	"  expel PUPIL --date D [--reason R]        marks are kept\n"
	"  reactivate PUPIL --date D [--reason R]\n"
	"  transfer PUPIL --to C --date D [--group DIV=GRP]... [--reason R]\n"
	"  set-group PUPIL --group DIV=GRP  (DIV= removes the pupil from the division's groups)\n"
	"  parent PUPIL --parent NAME [--relation R] [--phone P] [--email E]\n"
	"  class-teacher [--class C] [--teacher T] [--remove] [--json]   set (class and teacher),\n"
	"                                 remove, or list (a teacher's classes: \"Мои классы\")\n"
	"\n"
	"PUPIL is #id, the ministry's external id, or \"Фамилия Имя\" (with --class when the name\n"
	"is not unique). Classes, divisions, groups and teachers are checked against the school of\n"
	"the active timetable version. Every change is recorded in the audit trail.\n"
	"\n"
	"Options:\n"
	"      --db <file>        the school database\n"
	"      --user <name>      who makes the change (default $USER)\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (nothing written), 3 internal error.\n",
};

typedef struct {
	const char *db, *user, *cls, *last, *first, *middle, *birth, *ext, *parent, *relation, *phone, *email, *date,
		*reason, *to, *teacher;
	int json, keep_good, dry_run, all, expelled, remove;
	sch_pupil_group groups[16];
	char group_text[16][256];
	int n_groups;
	const char *arg;
} pupils_args;

enum {
	O_DB = 1000, O_USER, O_CLASS, O_LAST, O_FIRST, O_MIDDLE, O_BIRTH, O_EXT, O_GROUP, O_PARENT, O_RELATION, O_PHONE,
	O_EMAIL, O_DATE, O_REASON, O_TO, O_TEACHER, O_JSON, O_KEEP, O_DRY, O_ALL, O_EXPELLED, O_REMOVE
};

static int parse(int argc, char **argv, pupils_args *a, int min_pos, int max_pos)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, O_DB},		{"user", required_argument, NULL, O_USER},
		{"class", required_argument, NULL, O_CLASS},	{"last", required_argument, NULL, O_LAST},
		{"first", required_argument, NULL, O_FIRST},	{"middle", required_argument, NULL, O_MIDDLE},
		{"birth", required_argument, NULL, O_BIRTH},	{"external-id", required_argument, NULL, O_EXT},
		{"group", required_argument, NULL, O_GROUP},	{"parent", required_argument, NULL, O_PARENT},
		{"relation", required_argument, NULL, O_RELATION}, {"phone", required_argument, NULL, O_PHONE},
		{"email", required_argument, NULL, O_EMAIL},	{"date", required_argument, NULL, O_DATE},
		{"reason", required_argument, NULL, O_REASON},	{"to", required_argument, NULL, O_TO},
		{"teacher", required_argument, NULL, O_TEACHER}, {"json", no_argument, NULL, O_JSON},
		{"keep-good", no_argument, NULL, O_KEEP},	{"dry-run", no_argument, NULL, O_DRY},
		{"all", no_argument, NULL, O_ALL},		{"expelled", no_argument, NULL, O_EXPELLED},
		{"remove", no_argument, NULL, O_REMOVE},	{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c, code;
	memset(a, 0, sizeof *a);
	while ((c = cli_getopt(argc, argv, "h", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return -1;
		case O_DB: a->db = optarg; break;
		case O_USER: a->user = optarg; break;
		case O_CLASS: a->cls = optarg; break;
		case O_LAST: a->last = optarg; break;
		case O_FIRST: a->first = optarg; break;
		case O_MIDDLE: a->middle = optarg; break;
		case O_BIRTH: a->birth = optarg; break;
		case O_EXT: a->ext = optarg; break;
		case O_GROUP: {
			const char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg || a->n_groups == 16 || strlen(optarg) >= sizeof a->group_text[0])
				return cli_usage_error(&help, "--group is DIVISION=GROUP (english=en1), not '%s'", optarg);
			char *t = a->group_text[a->n_groups];
			strcpy(t, optarg);
			t[eq - optarg] = '\0';
			a->groups[a->n_groups++] = (sch_pupil_group){t, t + (eq - optarg) + 1};
			break;
		}
		case O_PARENT: a->parent = optarg; break;
		case O_RELATION: a->relation = optarg; break;
		case O_PHONE: a->phone = optarg; break;
		case O_EMAIL: a->email = optarg; break;
		case O_DATE: a->date = optarg; break;
		case O_REASON: a->reason = optarg; break;
		case O_TO: a->to = optarg; break;
		case O_TEACHER: a->teacher = optarg; break;
		case O_JSON: a->json = 1; break;
		case O_KEEP: a->keep_good = 1; break;
		case O_DRY: a->dry_run = 1; break;
		case O_ALL: a->all = 1; break;
		case O_EXPELLED: a->expelled = 1; break;
		case O_REMOVE: a->remove = 1; break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(a->db, &help)) || (code = cli_positional(argc, argv, min_pos, max_pos, &help)))
		return code;
	if (optind < argc)
		a->arg = argv[optind];
	if ((a->relation || a->phone || a->email) && !a->parent)
		return cli_usage_error(&help, "--relation, --phone and --email belong to a --parent");
	return 0;
}

/* Opens the database with the school of the active version (or the stored school). */
static int open_school(cli_year *y, const pupils_args *a)
{
	int code = cli_year_open(y, a->db, 0);
	if (code)
		return code;
	if (!y->school) {
		cli_error("%s: no school stored yet ('schedule import school.yaml --db %s')", a->db, a->db);
		cli_year_close(y);
		return CLI_EXIT_USAGE;
	}
	return 0;
}

static int find_pupil(int64_t *id, cli_year *y, const pupils_args *a)
{
	int rc = sch_pupil_find(id, y->st, a->arg, a->cls);
	return rc ? cli_lib_error(rc, NULL) : 0;
}

static void json_pupil(FILE *f, const sch_pupil *p)
{
	fprintf(f, "{\"id\": %lld, \"class\": ", (long long)p->id);
	cli_json_string(f, p->class_id);
	fprintf(f, ", \"last_name\": ");
	cli_json_string(f, p->last_name);
	fprintf(f, ", \"first_name\": ");
	cli_json_string(f, p->first_name);
	fprintf(f, ", \"middle_name\": ");
	cli_json_string(f, p->middle_name);
	fprintf(f, ", \"birth_date\": ");
	cli_json_string(f, *p->birth_date ? p->birth_date : NULL);
	fprintf(f, ", \"external_id\": ");
	cli_json_string(f, *p->external_id ? p->external_id : NULL);
	fprintf(f, ", \"status\": \"%s\", \"left_on\": ", p->status == SCH_PUPIL_EXPELLED ? "expelled" : "active");
	cli_json_string(f, *p->left_on ? p->left_on : NULL);
	fprintf(f, ", \"left_reason\": ");
	cli_json_string(f, p->left_reason);
	fprintf(f, ", \"groups\": {");
	for (int g = 0; g < p->n_groups; g++) {
		fprintf(f, "%s", g ? ", " : "");
		cli_json_string(f, p->groups[g].division);
		fprintf(f, ": ");
		cli_json_string(f, p->groups[g].group);
	}
	fprintf(f, "}, \"parents\": [");
	for (int k = 0; k < p->n_parents; k++) {
		fprintf(f, "%s{\"name\": ", k ? ", " : "");
		cli_json_string(f, p->parents[k].name);
		fprintf(f, ", \"relation\": ");
		cli_json_string(f, p->parents[k].relation);
		fprintf(f, ", \"phone\": ");
		cli_json_string(f, p->parents[k].phone);
		fprintf(f, ", \"email\": ");
		cli_json_string(f, p->parents[k].email);
		fprintf(f, "}");
	}
	fprintf(f, "]}");
}

static void fill_input(sch_pupil_input *in, sch_parent *parent, const pupils_args *a)
{
	in->class_id = a->cls;
	in->last_name = a->last;
	in->first_name = a->first;
	in->middle_name = a->middle;
	in->birth_date = a->birth;
	in->external_id = a->ext;
	in->n_groups = a->n_groups;
	in->groups = a->groups;
	if (a->parent) {
		*parent = (sch_parent){a->parent, a->relation, a->phone, a->email};
		in->n_parents = 1;
		in->parents = parent;
	}
}

static int do_import(pupils_args *a)
{
	cli_year y;
	sch_diags *diags = NULL;
	int code = open_school(&y, a);
	if (code)
		return code;
	if (sch_diags_new(&diags)) {
		cli_year_close(&y);
		return cli_lib_error(SCH_ENOMEM, NULL);
	}
	sch_pupil_import_info info;
	int flags = (a->keep_good ? SCH_PUPILS_IMPORT_KEEP_GOOD : 0) | (a->dry_run ? SCH_PUPILS_IMPORT_DRY_RUN : 0);
	int rc = sch_pupils_import(&info, y.st, y.school, a->arg, flags, diags, a->user);
	cli_print_diags(diags);
	if (rc) {
		code = cli_lib_error(rc, NULL);
	} else if (a->json) {
		printf("{\"rows\": %d, \"added\": %d, \"updated\": %d, \"unchanged\": %d, \"bad\": %d, \"written\": %s}\n",
		       info.rows, info.added, info.updated, info.same, info.bad, a->dry_run ? "false" : "true");
	} else {
		printf("%s %d rows: %d added, %d updated, %d unchanged\n", a->dry_run ? "checked" : "imported", info.rows,
		       info.added, info.updated, info.same);
		if (info.bad)
			printf("%d bad rows not written (listed above)\n", info.bad);
	}
	sch_diags_free(diags);
	cli_year_close(&y);
	return code;
}

static int do_add_edit(pupils_args *a, int add)
{
	cli_year y;
	int code = open_school(&y, a);
	if (code)
		return code;
	sch_pupil_input in = SCH_PUPIL_INPUT_INIT;
	sch_parent parent;
	int64_t id = 0;
	int rc;
	if (add) {
		fill_input(&in, &parent, a);
		rc = sch_pupil_add(&id, y.st, y.school, &in, a->user);
	} else {
		const char *cls = a->cls; /* --class of edit is the new class, not a filter */
		a->cls = NULL;
		if ((code = find_pupil(&id, &y, a))) {
			cli_year_close(&y);
			return code;
		}
		a->cls = cls;
		fill_input(&in, &parent, a);
		rc = sch_pupil_edit(y.st, y.school, id, &in, a->user);
	}
	if (rc)
		code = cli_lib_error(rc, NULL);
	else if (a->json)
		printf("{\"id\": %lld}\n", (long long)id);
	else
		printf("%s pupil #%lld\n", add ? "added" : "changed", (long long)id);
	cli_year_close(&y);
	return code;
}

static int do_list(pupils_args *a, int one)
{
	cli_year y;
	int code = cli_year_open(&y, a->db, 0), rc;
	if (code)
		return code;
	sch_pupil_list list = {0};
	if (one) {
		int64_t id;
		if ((code = find_pupil(&id, &y, a))) {
			cli_year_close(&y);
			return code;
		}
		rc = sch_pupil_get(&list, y.st, id);
	} else {
		int flags = a->expelled ? SCH_PUPILS_ONLY_EXPELLED : a->all ? SCH_PUPILS_EXPELLED : 0;
		rc = sch_pupils_list(&list, y.st, a->cls, flags);
	}
	if (rc) {
		cli_year_close(&y);
		return cli_lib_error(rc, NULL);
	}
	if (a->json) {
		printf(one ? "" : "{\"pupils\": [");
		for (size_t i = 0; i < list.count; i++) {
			printf(i ? ",\n  " : one ? "" : "\n  ");
			json_pupil(stdout, &list.items[i]);
		}
		printf(one ? "\n" : "\n]}\n");
	} else if (one) {
		const sch_pupil *p = &list.items[0];
		printf("#%lld %s %s%s%s, class %s%s\n", (long long)p->id, p->last_name, p->first_name, *p->middle_name ? " " : "",
		       p->middle_name, p->class_id, p->status == SCH_PUPIL_EXPELLED ? " (expelled)" : "");
		if (*p->birth_date)
			printf("  born        %s\n", p->birth_date);
		if (*p->external_id)
			printf("  external id %s\n", p->external_id);
		if (p->status == SCH_PUPIL_EXPELLED)
			printf("  expelled    %s %s\n", p->left_on, p->left_reason);
		for (int g = 0; g < p->n_groups; g++)
			printf("  group       %s = %s\n", p->groups[g].division, p->groups[g].group);
		for (int k = 0; k < p->n_parents; k++)
			printf("  parent      %s%s%s%s%s%s%s\n", p->parents[k].name, *p->parents[k].relation ? " (" : "",
			       p->parents[k].relation, *p->parents[k].relation ? ")" : "", *p->parents[k].phone ? ", " : "",
			       p->parents[k].phone, *p->parents[k].email ? ", " : "");
	} else {
		cli_table *t = NULL;
		if (cli_table_new(&t, "rllllll")) {
			sch_pupil_list_dispose(&list);
			cli_year_close(&y);
			return cli_lib_error(SCH_ENOMEM, NULL);
		}
		cli_table_cell(t, "#");
		cli_table_cell(t, "class");
		cli_table_cell(t, "name");
		cli_table_cell(t, "born");
		cli_table_cell(t, "groups");
		cli_table_cell(t, "external id");
		cli_table_cell(t, "status");
		cli_table_rule(t);
		for (size_t i = 0; i < list.count; i++) {
			const sch_pupil *p = &list.items[i];
			char groups[256] = "";
			size_t k = 0;
			for (int g = 0; g < p->n_groups && k < sizeof groups; g++)
				k += (size_t)snprintf(groups + k, sizeof groups - k, "%s%s", g ? " " : "", p->groups[g].group);
			cli_table_cell(t, "%lld", (long long)p->id);
			cli_table_cell(t, "%s", p->class_id);
			cli_table_cell(t, "%s %s%s%s", p->last_name, p->first_name, *p->middle_name ? " " : "", p->middle_name);
			cli_table_cell(t, "%s", p->birth_date);
			cli_table_cell(t, "%s", groups);
			cli_table_cell(t, "%s", p->external_id);
			cli_table_cell(t, "%s", p->status == SCH_PUPIL_EXPELLED ? "expelled" : "");
		}
		cli_table_print(t, stdout, "");
		cli_table_free(t);
		printf("%zu pupils\n", list.count);
	}
	sch_pupil_list_dispose(&list);
	cli_year_close(&y);
	return CLI_EXIT_OK;
}

static int do_move(pupils_args *a, int kind)
{
	cli_year y;
	if (!a->date)
		return cli_usage_error(&help, "--date D is needed");
	if (kind == 2 && !a->to)
		return cli_usage_error(&help, "transfer needs --to CLASS");
	int code = open_school(&y, a);
	if (code)
		return code;
	int64_t id;
	if ((code = find_pupil(&id, &y, a))) {
		cli_year_close(&y);
		return code;
	}
	int rc = kind == 0   ? sch_pupil_expel(y.st, id, a->date, a->reason, a->user)
		 : kind == 1 ? sch_pupil_reactivate(y.st, y.school, id, a->date, a->reason, a->user)
			     : sch_pupil_transfer(y.st, y.school, id, a->to, a->date, a->groups, a->n_groups, a->reason,
						  a->user);
	if (rc)
		code = cli_lib_error(rc, NULL);
	else
		printf("pupil #%lld %s\n", (long long)id, kind == 0 ? "expelled" : kind == 1 ? "active again" : "transferred");
	cli_year_close(&y);
	return code;
}

static int do_set_group(pupils_args *a, int parent)
{
	cli_year y;
	if (!parent && a->n_groups == 0)
		return cli_usage_error(&help, "set-group needs --group DIVISION=GROUP");
	if (parent && !a->parent)
		return cli_usage_error(&help, "parent needs --parent NAME");
	int code = open_school(&y, a);
	if (code)
		return code;
	int64_t id;
	if ((code = find_pupil(&id, &y, a))) {
		cli_year_close(&y);
		return code;
	}
	int rc = 0;
	if (parent) {
		sch_parent p = {a->parent, a->relation, a->phone, a->email};
		rc = sch_pupil_set_parent(y.st, id, &p, a->user);
	}
	for (int g = 0; g < a->n_groups && !rc; g++)
		rc = sch_pupil_set_group(y.st, y.school, id, a->groups[g].division, a->groups[g].group, a->user);
	if (rc)
		code = cli_lib_error(rc, NULL);
	else
		printf("pupil #%lld changed\n", (long long)id);
	cli_year_close(&y);
	return code;
}

static int do_class_teacher(pupils_args *a)
{
	cli_year y;
	int code = open_school(&y, a);
	if (code)
		return code;
	int rc = 0;
	if (a->cls && (a->teacher || a->remove)) {
		rc = sch_class_teacher_set(y.st, y.school, a->cls, a->remove ? NULL : a->teacher, a->user);
		if (rc)
			code = cli_lib_error(rc, NULL);
		else
			printf("class %s: class teacher %s\n", a->cls, a->remove ? "removed" : a->teacher);
		cli_year_close(&y);
		return code;
	}
	const char *tid = NULL;
	if (a->teacher) {
		int t = cli_find(y.school, "teacher", a->teacher);
		if (t < 0) {
			cli_year_close(&y);
			return CLI_EXIT_USAGE;
		}
		tid = sch_school_teacher_id(y.school, t);
	}
	sch_class_teacher_list list = {0};
	if ((rc = sch_class_teachers(&list, y.st, tid))) {
		cli_year_close(&y);
		return cli_lib_error(rc, NULL);
	}
	if (a->json) {
		printf("{\"class_teachers\": [");
		for (size_t i = 0; i < list.count; i++) {
			printf("%s{\"class\": ", i ? ", " : "");
			cli_json_string(stdout, list.items[i].class_id);
			printf(", \"teacher\": ");
			cli_json_string(stdout, list.items[i].teacher_id);
			printf("}");
		}
		printf("]}\n");
	} else {
		for (size_t i = 0; i < list.count; i++) {
			int t = sch_school_find_teacher(y.school, list.items[i].teacher_id);
			cli_print_padded(stdout, list.items[i].class_id, 6, 0);
			printf(" %s%s%s%s\n", list.items[i].teacher_id, t >= 0 ? " (" : "",
			       t >= 0 ? sch_school_teacher_name(y.school, t) : "", t >= 0 ? ")" : "");
		}
		if (list.count == 0)
			printf("no class teachers%s%s\n", tid ? " for " : "", tid ? tid : "");
	}
	sch_class_teacher_list_dispose(&list);
	cli_year_close(&y);
	return CLI_EXIT_OK;
}

int cmd_pupils(int argc, char **argv)
{
	static const struct {
		const char *name;
		int min, max;
	} actions[] = {{"import", 1, 1},     {"add", 0, 0},	  {"edit", 1, 1},      {"list", 0, 0},
		       {"show", 1, 1},	     {"expel", 1, 1},	  {"reactivate", 1, 1}, {"transfer", 1, 1},
		       {"set-group", 1, 1},  {"parent", 1, 1},	  {"class-teacher", 0, 0}};
	const size_t n_actions = sizeof actions / sizeof actions[0];
	pupils_args a;
	size_t k;
	int code = cli_action(argc, argv, actions, n_actions, sizeof actions[0], &help, &k);
	if (code >= 0)
		return code;
	code = parse(argc - 1, argv + 1, &a, actions[k].min, actions[k].max);
	if (code)
		return code < 0 ? CLI_EXIT_OK : code;
	switch (k) {
	case 0: return do_import(&a);
	case 1: return do_add_edit(&a, 1);
	case 2: return do_add_edit(&a, 0);
	case 3: return do_list(&a, 0);
	case 4: return do_list(&a, 1);
	case 5: return do_move(&a, 0);
	case 6: return do_move(&a, 1);
	case 7: return do_move(&a, 2);
	case 8: return do_set_group(&a, 0);
	case 9: return do_set_group(&a, 1);
	default: return do_class_teacher(&a);
	}
}
