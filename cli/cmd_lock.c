/* `schedule lock` and `schedule unlock`: keep lessons of the active version in place for re-solving. */
#include <stdlib.h>
#include <string.h>

#include "store_cli.h"

static const cli_help lock_help = {
	"lock",
	"--db <school.db> (--class C | --teacher T) [--subject S] --day D --period N | --list",
	"Lock the lesson of the active version at a slot, so that re-solving keeps it there",
	"The lesson that the active version has at the slot for the class (or the teacher) is\n"
	"locked where it is; a double lesson is locked at its start, whichever of its bells is\n"
	"named. When two lessons match (groups of a class, say), name the teacher or subject too.\n"
	"`schedule solve --db` pins every locked lesson and starts from the active version.\n"
	"\n"
	"Options:\n"
	"      --db <file>        the school database\n"
	"  -c, --class <id>       the class, e.g. 5А\n"
	"  -t, --teacher <id>     the teacher, by id or full name\n"
	"  -s, --subject <id>     the subject, to tell apart lessons at the same slot\n"
	"  -d, --day <day>        mon tue wed thu fri sat sun (or пн вт ... / дүйшөмбү ...)\n"
	"  -p, --period <N>       the bell, 1 = the first lesson of the day\n"
	"  -l, --list             list the locked lessons instead\n"
	"  -h, --help\n"
	"\n"
	"Nothing is written when no lesson (or more than one) matches.\n"
	"Exit status: 0 ok, 2 bad input or usage (unknown name, no lesson there, missing or\n"
	"damaged database), 3 internal error.\n",
};

static const cli_help unlock_help = {
	"unlock",
	"--db <school.db> (--class C | --teacher T) [--subject S] --day D --period N | --all",
	"Unlock the locked lessons at a slot, or all of them",
	"Removes the locks of the lessons of the current school that cover the slot and match\n"
	"the class, teacher and subject given.\n"
	"\n"
	"Options:\n"
	"      --db <file>        the school database\n"
	"  -c, --class <id>       the class\n"
	"  -t, --teacher <id>     the teacher, by id or full name\n"
	"  -s, --subject <id>     the subject\n"
	"  -d, --day <day>        mon tue wed thu fri sat sun (or пн вт ... / дүйшөмбү ...)\n"
	"  -p, --period <N>       the bell, 1 = the first lesson of the day\n"
	"  -a, --all              remove every lock\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (unknown name, no lock there, missing or\n"
	"damaged database), 3 internal error.\n",
};

typedef struct {
	const char *db, *cls, *teacher, *subject, *day, *period;
	int all, list;
} lock_args;

static int parse(int argc, char **argv, const cli_help *h, int unlock, lock_args *a)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'D'},
						 {"class", required_argument, NULL, 'c'},
						 {"teacher", required_argument, NULL, 't'},
						 {"subject", required_argument, NULL, 's'},
						 {"day", required_argument, NULL, 'd'},
						 {"period", required_argument, NULL, 'p'},
						 {"all", no_argument, NULL, 'a'},
						 {"list", no_argument, NULL, 'l'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	int c, code;
	memset(a, 0, sizeof *a);
	while ((c = cli_getopt(argc, argv, "hc:t:s:d:p:al", longopts, h)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(h);
			return -1;
		case 'D': a->db = optarg; break;
		case 'c': a->cls = optarg; break;
		case 't': a->teacher = optarg; break;
		case 's': a->subject = optarg; break;
		case 'd': a->day = optarg; break;
		case 'p': a->period = optarg; break;
		case 'a':
			if (!unlock)
				return cli_usage_error(h, "--all is an option of 'schedule unlock'");
			a->all = 1;
			break;
		case 'l':
			if (unlock)
				return cli_usage_error(h, "--list is an option of 'schedule lock'");
			a->list = 1;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(a->db, h)) || (code = cli_positional(argc, argv, 0, 0, h)))
		return code;
	int slot_given = a->cls || a->teacher || a->subject || a->day || a->period;
	if (a->all || a->list) {
		if (slot_given)
			return cli_usage_error(h, "%s takes no slot", a->all ? "--all" : "--list");
		return 0;
	}
	if (!a->cls && !a->teacher)
		return cli_usage_error(h, "name the class (--class) or the teacher (--teacher)%s",
				       unlock ? ", or give --all" : "");
	if (!a->day || !a->period)
		return cli_usage_error(h, "give the slot: --day and --period");
	return 0;
}

/* The slot of the arguments; a usage error for a bad day or bell. */
static int make_slot(const lock_args *a, const cli_help *h, sch_store_slot *slot)
{
	sch_store_slot init = SCH_STORE_SLOT_INIT;
	*slot = init;
	slot->class_id = a->cls;
	slot->teacher_id = a->teacher;
	slot->subject_id = a->subject;
	if ((slot->day_code = cli_store_day(a->day)) < 0)
		return cli_usage_error(h, "--day is mon, tue, wed, thu, fri, sat or sun (or пн, вт, ...), not '%s'", a->day);
	int p = cli_store_positive(a->period);
	if (p < 0)
		return cli_usage_error(h, "--period is a bell number >= 1, not '%s'", a->period);
	slot->period = p - 1;
	return 0;
}

static int list_locks(sch_store *st, const char *db)
{
	sch_school *school = NULL;
	sch_store_lock_list locks = {0};
	cli_table *t = NULL;
	int rc = sch_store_load_school(&school, st, NULL), stale = 0;
	if (rc && rc != SCH_ENOTFOUND)
		return cli_lib_error(rc, NULL);
	if ((rc = sch_store_locks(&locks, st, school))) {
		sch_school_free(school);
		return cli_lib_error(rc, NULL);
	}
	if (locks.count == 0) {
		printf("%s: no locked lessons\n", db);
	} else if (cli_table_new(&t, "lrlrl") == 0) {
		cli_table_cell(t, "day");
		cli_table_cell(t, "bell");
		cli_table_cell(t, "lesson");
		cli_table_cell(t, "from");
		cli_table_cell(t, "by");
		cli_table_rule(t);
		for (size_t i = 0; i < locks.count; i++) {
			const sch_store_lock *k = &locks.items[i];
			int gone = school && k->lesson < 0;
			stale |= gone;
			cli_table_cell(t, "%s", sch_day_code(k->day_code));
			cli_table_cell(t, "%d", k->period + 1);
			cli_table_cell(t, "%s%s", k->label, gone ? " [not in the school]" : "");
			if (k->from_version)
				cli_table_cell(t, "v%d", k->from_version);
			else
				cli_table_cell(t, "%s", "-");
			cli_table_cell(t, "%s", k->created_by);
		}
		cli_table_print(t, stdout, "");
		cli_table_free(t);
		printf("\n%zu locked lesson%s", locks.count, locks.count == 1 ? "" : "s");
		if (stale)
			printf("; [not in the school]: the current school has no such lesson (unlock --all clears them)");
		printf("\n");
	}
	sch_store_lock_list_dispose(&locks);
	sch_school_free(school);
	return CLI_EXIT_OK;
}

int cmd_lock(int argc, char **argv)
{
	lock_args a;
	sch_store *st = NULL;
	sch_store_slot slot;
	sch_store_lock_list made = {0};
	int code = parse(argc, argv, &lock_help, 0, &a), rc;
	if (code)
		return code < 0 ? CLI_EXIT_OK : code;
	if (!a.list && (code = make_slot(&a, &lock_help, &slot)))
		return code;
	if ((code = cli_store_open(&st, a.db, 0)))
		return code;
	if (a.list) {
		code = list_locks(st, a.db);
		goto done;
	}
	if ((rc = sch_store_lock_slot(st, &slot, &made))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (made.count == 1)
		printf("%s: locked %s on %s at bell %d (as in version %d)\n", a.db, made.items[0].label,
		       sch_day_code(made.items[0].day_code), made.items[0].period + 1, made.items[0].from_version);
	code = CLI_EXIT_OK;
done:
	sch_store_lock_list_dispose(&made);
	sch_store_close(st);
	return code;
}

int cmd_unlock(int argc, char **argv)
{
	lock_args a;
	sch_store *st = NULL;
	sch_store_slot slot;
	int removed = 0, rc;
	int code = parse(argc, argv, &unlock_help, 1, &a);
	if (code)
		return code < 0 ? CLI_EXIT_OK : code;
	if (!a.all && (code = make_slot(&a, &unlock_help, &slot)))
		return code;
	if ((code = cli_store_open(&st, a.db, 0)))
		return code;
	rc = a.all ? sch_store_unlock_all(&removed, st) : sch_store_unlock_slot(&removed, st, &slot);
	if (rc) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	printf("%s: unlocked %d lesson%s\n", a.db, removed, removed == 1 ? "" : "s");
	code = CLI_EXIT_OK;
done:
	sch_store_close(st);
	return code;
}
