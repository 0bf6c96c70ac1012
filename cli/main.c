/* The `schedule` command: dispatches `schedule <command> [args]` through a table of subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "schedule/text.h"

typedef struct {
	const char *name;
	cli_fn fn;
	const char *summary;
} command;

/* One line per subcommand, in the order `schedule --help` lists them. */
static const command commands[] = {
	{"check", cmd_check, "load a school, summarize it and prove it impossible if it is"},
	{"solve", cmd_solve, "build a timetable: greedy construction, then local search on the soft cost"},
	{"verify", cmd_verify, "check a timetable against every rule, term by term"},
	{"export", cmd_export, "write a timetable as Excel, PDF, CSV, JSON or HTML"},
	{"import", cmd_import, "store a school in a school database (.db), creating it when missing"},
	{"versions", cmd_versions, "list the timetable versions of a school database"},
	{"activate", cmd_activate, "make a timetable version the active one"},
	{"lock", cmd_lock, "lock a lesson of the active version in place for re-solving"},
	{"unlock", cmd_unlock, "unlock locked lessons"},
	{"show", cmd_show, "show a timetable version as a weekly grid in the terminal"},
	{"calendar", cmd_calendar, "make, show and edit the school year: quarters, breaks, holidays, transfers"},
	{"day", cmd_day, "the lessons of a date or a week, with substitutions; week views as xlsx or pdf"},
	{"substitute", cmd_substitute, "cover an absent teacher: ranked substitutes, assignment, swaps, sheets"},
	{"pupils", cmd_pupils, "pupils of a database: class lists (CSV, XLSX), groups, parents, class teachers, moves"},
	{"journal", cmd_journal, "the journal: marks, attendance, topics, homework per dated lesson; class-subject grid"},
	{"grades", cmd_grades, "final grades: suggested from the journal's marks, set by the teacher, annual"},
	{"report", cmd_report, "reports: knowledge quality, attendance, homework, lessons given against planned"},
};

#define N_COMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f)
{
	size_t width = 0;
	fprintf(f, "usage: schedule <command> [options] [args]\n"
		   "       schedule <command> --help\n"
		   "       schedule --version\n\n"
		   "School timetables: describe a school in YAML, check it, generate and verify its timetable.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strlen(commands[i].name) > width)
			width = strlen(commands[i].name);
	for (size_t i = 0; i < N_COMMANDS; i++) {
		fputs("  ", f);
		cli_print_padded(f, commands[i].name, width, 0);
		fprintf(f, "  %s\n", commands[i].summary);
	}
	fprintf(f, "\nExit status: 0 ok, 1 infeasible or violations found, 2 bad input or usage, 3 internal error.\n");
}

static const command *find(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int unknown(const char *name)
{
	const char *names[N_COMMANDS];
	const char *near;
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i].name;
	near = sch_suggest(name, names, N_COMMANDS);
	if (near)
		cli_error("'%s' is not a command; did you mean '%s'? See 'schedule --help'.", name, near);
	else
		cli_error("'%s' is not a command. See 'schedule --help'.", name);
	return CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const command *cmd;
	if (argc < 2) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("schedule %s\n", sch_version());
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0) { /* `schedule help check` = `schedule check --help` */
		char help[] = "--help";
		char *args[3] = {argv[2], help, NULL};
		if (argc < 3) {
			usage(stdout);
			return CLI_EXIT_OK;
		}
		if (!(cmd = find(argv[2])))
			return unknown(argv[2]);
		return cmd->fn(2, args);
	}
	if (argv[1][0] == '-') {
		cli_error("unknown option '%s'; options follow the command. See 'schedule --help'.", argv[1]);
		return CLI_EXIT_USAGE;
	}
	if (!(cmd = find(argv[1])))
		return unknown(argv[1]);
	return cmd->fn(argc - 1, argv + 1);
}
