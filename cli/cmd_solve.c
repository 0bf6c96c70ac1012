/* `schedule solve`: build a timetable for a school (greedy, local search, sub-MIPs or the whole MIP), with progress and a summary. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store_cli.h"
#include "xhstt_cli.h"
#include "schedule/precheck.h"
#include "schedule/solver.h"
#include "schedule/sys/model.h"

static const cli_help help = {
	"solve",
	"<school.yaml|school.fet|archive.xml> [-o <timetable.yaml|.json|solution.xml|->] [--time-limit S] [--seed N] [--iterations N] "
	"[--method hybrid|local|greedy|mip] [--from <old.yaml>] [--db <school.db>] [--json] [--quiet]",
	"Build a timetable for a school: greedy construction and repair, then local search and integer programs on the soft cost",
	"The greedy phase places the most constrained lessons first and repairs clashes until no\n"
	"hard rule is broken; the search then lowers the soft cost (teacher gaps first) until the\n"
	"time limit. The best timetable found is kept. On a terminal a progress line is drawn on\n"
	"stderr (with the best bound and the gap once an integer program gave one); Ctrl-C stops\n"
	"the search and the best timetable so far is written.\n"
	"\n"
	"A FET file is imported first, as `schedule import` does (docs/fet.md; what is not carried\n"
	"over is listed on stderr), and its school solved. An XHSTT archive (ITC 2011,\n"
	"docs/xhstt.md) is solved with the events' splits into lessons searched too; -o writes the\n"
	"solution as an XHSTT archive and its XHSTT cost is printed.\n"
	"\n"
	"Options:\n"
	"  -o, --output <file>   write the timetable: YAML, or JSON for a .json name; '-' for stdout\n"
	"                        (the summary then goes to stderr). Without -o only the summary is printed\n"
	"  -t, --time-limit <S>  seconds of search (default 10; greedy stops at the first feasible timetable)\n"
	"  -s, --seed <N>        seed of the search (default 1): the same seed and input give the same timetable\n"
	"  -n, --iterations <N>  stop the local search after N iterations. A time limit makes the stop point\n"
	"                        depend on the machine's speed; an iteration count makes runs reproducible\n"
	"                        byte for byte (give a generous --time-limit with it, or 0 for none)\n"
	"  -m, --method <name>   hybrid (default for a school): local search on two cores (two\n"
	"                        threads on one annealing), sub-MIPs (GLPK) over a day, some\n"
	"                        classes or teachers, and a lower bound (the gap is printed);\n"
	"                        local (default for an XHSTT archive): local search on one core;\n"
	"                        greedy: the first feasible timetable;\n"
	"                        mip: the whole school as one integer program, for small schools: it\n"
	"                        proves the timetable optimal or reports the bound and the gap\n"
	"  -f, --from <old.yaml> warm start from a timetable: moving a lesson from it costs 'moved'\n"
	"      --db <file>       a school database (created when missing): the result is stored as a new\n"
	"                        version, locked lessons stay in place, and the active version is the warm\n"
	"                        start; without <school.yaml> the school stored there is solved\n"
	"      --json            print the summary as JSON\n"
	"  -q, --quiet           no progress line, no summary (errors still go to stderr)\n"
	"  -v, --verbose         the solver's log on stderr: each phase and what it left\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 a timetable without hard violations, 1 the school is infeasible (the lessons\n"
	"left out and why are listed; the partial timetable is still written), 2 bad input or usage,\n"
	"3 internal error.\n",
};

static volatile int interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int on_progress(const sch_progress *p, void *payload)
{
	(void)payload;
	if (p->hard < 0) /* a search with nothing found yet (the SAT search's first seconds) */
		cli_progress("%-6s %6.1fs  searching", p->phase, p->elapsed);
	else if (p->best_bound >= 0)
		cli_progress("%-6s %6.1fs  hard %lld  soft %lld  bound %lld  gap %.1f%%  placed %d/%d", p->phase,
			     p->elapsed, (long long)p->hard, (long long)p->soft, (long long)p->best_bound,
			     p->gap >= 0 ? p->gap * 100 : 0.0, p->placed, p->total);
	else
		cli_progress("%-6s %6.1fs  hard %lld  soft %lld  placed %d/%d", p->phase, p->elapsed,
			     (long long)p->hard, (long long)p->soft, p->placed, p->total);
	return 0;
}

static int parse_double(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (!*s || *end || v < 0 || v != v)
		return -1;
	*out = v;
	return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	if (!*s || *s == '-')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end)
		return -1;
	*out = v;
	return 0;
}

static const char *status_word(int rc, int feasible)
{
	if (rc == SCH_ECANCELLED)
		return "cancelled";
	if (feasible)
		return "feasible";
	return rc == SCH_ETIMEOUT ? "timeout" : "infeasible";
}

static void print_json(FILE *f, const sch_school *s, const sch_solve_result *r, int rc, const char *method,
		       uint64_t seed, const char *output, const sch_precheck *pre)
{
	sch_cost cost = sch_solve_result_cost(r);
	fprintf(f, "{\"status\": \"%s\", \"method\": \"%s\", \"seed\": %llu, \"hard\": %lld, \"soft\": %lld, ",
		status_word(rc, sch_solve_result_feasible(r)), method, (unsigned long long)seed,
		(long long)SCH_COST_HARD(cost), (long long)SCH_COST_SOFT(cost));
	fprintf(f, "\"initial_soft\": %lld, \"seconds\": %.3f, \"feasible_seconds\": %.3f, \"iterations\": %llu, ",
		(long long)SCH_COST_SOFT(sch_solve_result_initial_cost(r)), sch_solve_result_seconds(r),
		sch_solve_result_feasible_seconds(r), (unsigned long long)sch_solve_result_iterations(r));
	fprintf(f, "\"bound\": %lld, \"gap\": %.4f, ", (long long)sch_solve_result_bound(r), sch_solve_result_gap(r));
	fprintf(f, "\"proved_impossible\": %s, ",
		(pre && sch_precheck_impossible(pre)) || sch_solve_result_proved_infeasible(r) ? "true" : "false");
	fprintf(f, "\"conflicting_rules\": [");
	for (size_t i = 0; i < sch_solve_result_conflict_count(r); i++) {
		fprintf(f, i ? ", " : "");
		cli_json_string(f, sch_solve_result_conflict(r, i));
	}
	fprintf(f, "], ");
	fprintf(f, "\"lessons\": %d, \"output\": ", s->n_lessons);
	cli_json_string(f, output);
	fprintf(f, ", \"terms\": {");
	for (int t = 0; t < SCH_T_COUNT; t++) {
		int64_t a = sch_solve_result_term_amount(r, t), c = sch_solve_result_term_cost(r, t);
		fprintf(f, "%s\"%s\": {\"hard\": %s, \"amount\": %lld, \"weight\": %lld, \"cost\": %lld}", t ? ", " : "",
			sch_term_name(t), sch_term_is_hard(t) ? "true" : "false", (long long)a,
			(long long)(a ? c / a : (t < SCH_T_FIRST_SOFT ? 1 : 0)), (long long)c);
	}
	fprintf(f, "}, \"unplaced\": [");
	for (size_t i = 0; i < sch_solve_result_unplaced_count(r); i++) {
		fprintf(f, "%s{\"lesson\": %d, \"reason\": ", i ? ", " : "", sch_solve_result_unplaced_lesson(r, i));
		cli_json_string(f, sch_solve_result_unplaced_reason(r, i));
		fprintf(f, "}");
	}
	fprintf(f, "]}\n");
}

/* Why no timetable came out: proved by the pre-check or by the SAT search, or the search's limit. */
static void explain_infeasible(const sch_precheck *pre, const sch_solve_result *r, const char *school_path)
{
	if (!pre)
		return;
	if (!sch_precheck_impossible(pre) && sch_solve_result_proved_infeasible(r)) {
		size_t n = sch_solve_result_conflict_count(r);
		if (n == 0) {
			fprintf(stderr, "  it cannot be done as described: the search over the hard rules proved that the "
					"lessons cannot all be placed without a clash in the periods their teachers and classes "
					"may take ('schedule check %s' shows the tightest teachers and classes)\n", school_path);
			return;
		}
		fprintf(stderr, "  it cannot be done as described: the search over the hard rules proved that no timetable "
				"meets %s together with the lessons and their available periods:\n", n == 1 ? "this rule" : "these rules");
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "    %s\n", sch_solve_result_conflict(r, i));
		fprintf(stderr, "  (the lessons above are those a timetable without them leaves out)\n");
		return;
	}
	if (!sch_precheck_impossible(pre)) {
		fprintf(stderr, "  the pre-check finds no reason why it cannot be done, so the search may have missed a "
				"timetable: a longer --time-limit or other --seed values may find one "
				"('schedule check %s' shows the tightest teachers and classes)\n", school_path);
		return;
	}
	fprintf(stderr, "  it cannot be done as described; the pre-check shows why:\n");
	for (size_t i = 0; i < sch_precheck_count(pre); i++) {
		const sch_precheck_finding *f = sch_precheck_get(pre, i);
		if (f->level == SCH_PRE_IMPOSSIBLE)
			fprintf(stderr, "    %s\n", f->message);
	}
}

static void print_summary(FILE *f, const sch_school *s, const sch_solve_result *r, int rc, const char *method,
			  uint64_t seed, int warm)
{
	sch_cost cost = sch_solve_result_cost(r);
	int64_t hard = SCH_COST_HARD(cost);
	cli_table *t = NULL;
	fprintf(f, "%s: %d lessons, method %s, seed %llu, %.2f s, %llu iterations%s\n", sch_school_name(s),
		s->n_lessons, method, (unsigned long long)seed, sch_solve_result_seconds(r),
		(unsigned long long)sch_solve_result_iterations(r), rc == SCH_ECANCELLED ? " (cancelled)" : "");
	if (hard == 0) {
		fprintf(f, "Hard rules: no violation (first feasible timetable after %.3f s)\n",
			sch_solve_result_feasible_seconds(r));
	} else {
		fprintf(f, "Hard rules: %lld violation%s\n", (long long)hard, hard == 1 ? "" : "s");
		for (int term = 0; term < SCH_T_FIRST_SOFT; term++)
			if (sch_solve_result_term_amount(r, term))
				fprintf(f, "  %s: %lld\n", sch_term_name(term), (long long)sch_solve_result_term_amount(r, term));
		size_t n = sch_solve_result_unplaced_count(r);
		if (n)
			fprintf(f, "Lessons left out (%zu):\n", n);
		for (size_t i = 0; i < n;) { /* the lessons of a line often share their reason */
			const char *why = sch_solve_result_unplaced_reason(r, i);
			size_t k = i + 1;
			while (k < n && strcmp(sch_solve_result_unplaced_reason(r, k), why) == 0)
				k++;
			if (k - i > 1)
				fprintf(f, "  %zu lessons: %s\n", k - i, why);
			else
				fprintf(f, "  %s\n", why);
			i = k;
		}
	}
	int64_t amount[SCH_T_COUNT], term_cost[SCH_T_COUNT];
	for (int term = 0; term < SCH_T_COUNT; term++) {
		amount[term] = sch_solve_result_term_amount(r, term);
		term_cost[term] = sch_solve_result_term_cost(r, term);
	}
	if ((t = cli_soft_table(s, amount, term_cost, warm, SCH_COST_SOFT(cost)))) {
		fprintf(f, "\nSoft cost (the greedy start had %lld)", (long long)SCH_COST_SOFT(sch_solve_result_initial_cost(r)));
		if (sch_solve_result_bound(r) >= 0)
			fprintf(f, "; lower bound %lld, gap %.1f%%%s", (long long)sch_solve_result_bound(r),
				sch_solve_result_gap(r) * 100, sch_solve_result_gap(r) == 0 ? " (optimal)" : "");
		fprintf(f, "\n");
		cli_table_print(t, f, "  ");
		cli_table_free(t);
	}
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* --verbose: the solver's phases and what each left, on stderr. */
static void on_log(int level, const char *message, void *payload)
{
	(void)payload;
	cli_progress_end();
	fprintf(stderr, "%s: %s\n", level == SCH_LOG_WARN ? "warning" : level == SCH_LOG_INFO ? "info" : "debug", message);
}

/* Ctrl-C cancels the solve (opts->cancel); 1 when the handler is set (restore *old after). */
static int catch_sigint(sch_solve_options *opts, struct sigaction *old)
{
	struct sigaction sa;
	interrupted = 0;
	opts->cancel = &interrupted;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGINT, &sa, old) == 0;
}

/* A FET file: imported in memory, one process from the file to the timetable. */
static int load_fet(sch_school **out, const char *path)
{
	sch_diags *diags = NULL;
	sch_fet_report rep = {0};
	int rc = sch_diags_new(&diags);
	int code = rc ? cli_lib_error(rc, NULL) : cli_load_fet(out, path, 0, &rep, diags);
	sch_fet_report_free(&rep);
	sch_diags_free(diags);
	return code;
}

/* An XHSTT archive: progress line and Ctrl-C as for a school, then cli/solve_xhstt.c. */
static int solve_xhstt(const char *archive, sch_solve_options *opts, const char *output, int json, int quiet)
{
	struct sigaction old_sa;
	int sig_set = catch_sigint(opts, &old_sa);
	if (!quiet && cli_progress_enabled())
		opts->progress = on_progress;
	int code = cli_solve_xhstt(archive, opts, output, json, quiet);
	if (sig_set)
		sigaction(SIGINT, &old_sa, NULL);
	return code;
}

int cmd_solve(int argc, char **argv)
{
	static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
						 {"time-limit", required_argument, NULL, 't'},
						 {"seed", required_argument, NULL, 's'},
						 {"iterations", required_argument, NULL, 'n'},
						 {"method", required_argument, NULL, 'm'},
						 {"from", required_argument, NULL, 'f'},
						 {"db", required_argument, NULL, 'D'},
						 {"json", no_argument, NULL, 'j'},
						 {"quiet", no_argument, NULL, 'q'},
						 {"verbose", no_argument, NULL, 'v'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	sch_solve_options opts = SCH_SOLVE_OPTIONS_INIT;
	/* hybrid by default: on the benchmark schools M, L and XL it is cheaper than local search
	 * at 10 s and 60 s (README); an XHSTT archive's split search runs local search */
	opts.method = SCH_METHOD_HYBRID;
	int method_given = 0;
	sch_school *school = NULL;
	sch_timetable *tt = NULL, *from = NULL;
	sch_solve_result *res = NULL;
	sch_precheck *pre = NULL;
	const char *output = NULL, *from_path = NULL;
	const char *db_path = NULL; /* --db: the school database (cli/store_cli.c) */
	cli_solve_db *db = NULL;
	int json = 0, quiet = 0, c, code, rc, time_given = 0;
	struct sigaction old_sa;
	int sig_set = 0;

	while ((c = cli_getopt(argc, argv, "ho:t:s:n:m:f:qv", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		case 'o':
			output = optarg;
			break;
		case 't':
			if (parse_double(optarg, &opts.time_limit))
				return cli_usage_error(&help, "--time-limit wants seconds (a number >= 0), not '%s'", optarg);
			time_given = 1;
			break;
		case 's':
			if (parse_u64(optarg, &opts.seed))
				return cli_usage_error(&help, "--seed wants a whole number >= 0, not '%s'", optarg);
			break;
		case 'n':
			if (parse_u64(optarg, &opts.iterations) || opts.iterations == 0)
				return cli_usage_error(&help, "--iterations wants a whole number > 0, not '%s'", optarg);
			break;
		case 'm':
			rc = sch_method_parse(optarg);
			if (rc < 0)
				return cli_usage_error(&help, "--method is local, hybrid, greedy or mip, not '%s'", optarg);
			opts.method = rc;
			method_given = 1;
			break;
		case 'f':
			from_path = optarg;
			break;
		case 'D':
			db_path = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'v':
			opts.log = on_log;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_positional(argc, argv, db_path ? 0 : 1, 1, &help)))
		return code;
	if ((code = db_path ? cli_store_require(db_path, &help) : 0))
		return code;
	if (from_path && optind >= argc)
		return cli_usage_error(&help, "--from needs the school file");
	const char *school_path = optind < argc ? argv[optind] : db_path;
	char root[64];
	int kind = optind < argc ? cli_file_kind(school_path, root, sizeof root) : CLI_KIND_YAML;
	if (kind == CLI_KIND_XML_OTHER)
		return cli_usage_error(&help, "%s is XML with root <%s>: neither a school nor an XHSTT archive",
				       school_path, root);
	if (kind == CLI_KIND_XHSTT) {
		if (!method_given)
			opts.method = SCH_METHOD_LOCAL;
		if (from_path || db_path || opts.iterations)
			return cli_usage_error(&help, "an XHSTT archive is solved on its own: --from, --db and --iterations go with a school file");
		if (opts.method == SCH_METHOD_MIP)
			return cli_usage_error(&help, "--method mip solves a school: import the archive first (schedule import)");
		if (opts.time_limit <= 0 && opts.method != SCH_METHOD_GREEDY)
			return cli_usage_error(&help, "an XHSTT archive needs a time limit above 0 (its splits are searched until then)");
		return solve_xhstt(school_path, &opts, output, json, quiet);
	}
	if (opts.iterations && !time_given)
		opts.time_limit = 0; /* a count alone: reproducible, no clock */
	if (optind < argc && (code = kind == CLI_KIND_FET ? load_fet(&school, school_path)
							 : cli_load_school(&school, school_path)))
		goto done;
	if (from_path) {
		if ((code = cli_load_timetable(&from, school, from_path)))
			goto done;
		opts.from = from;
	}
	/* --db: the stored school when none was given, locks pinned, the active version as warm start. */
	if (db_path) {
		if ((code = cli_solve_db_begin(&db, db_path, &school, &from, quiet)))
			goto done;
		opts.from = from;
	}
	sig_set = catch_sigint(&opts, &old_sa);
	if (!quiet && cli_progress_enabled())
		opts.progress = on_progress;

	rc = sch_solve(&tt, &res, school, &opts);
	cli_progress_end();
	if (sig_set)
		sigaction(SIGINT, &old_sa, NULL);
	if (!tt) {
		code = cli_lib_error(rc, "%s: solving", school_path);
		goto done;
	}
	/* --db: the result becomes a new version. */
	if (db && (code = cli_solve_db_end(db, tt, res, sch_method_name(opts.method), opts.seed, argc, argv, quiet)))
		goto done;
	if (output) {
		int fmt = has_suffix(output, ".json") || (strcmp(output, "-") == 0 && json) ? SCH_FORMAT_JSON : SCH_FORMAT_YAML;
		if (strcmp(output, "-") == 0) {
			char *text = NULL;
			size_t len = 0;
			int wrc = sch_timetable_to_string(&text, &len, tt, fmt);
			if (wrc) {
				code = cli_lib_error(wrc, "writing the timetable");
				goto done;
			}
			fwrite(text, 1, len, stdout);
			sch_free(text);
		} else {
			int wrc = sch_timetable_save(tt, output, fmt);
			if (wrc) {
				code = cli_lib_error(wrc, "%s", output);
				goto done;
			}
		}
	}
	FILE *sf = output && strcmp(output, "-") == 0 ? stderr : stdout;
	const char *method = sch_method_name(opts.method);
	/* without a timetable: whether the counting arguments prove that none exists */
	if (!sch_solve_result_feasible(res) && sch_precheck_run(&pre, school) != 0)
		pre = NULL;
	if (json && !(output && strcmp(output, "-") == 0))
		print_json(stdout, school, res, rc, method, opts.seed, output, pre);
	else if (!quiet)
		print_summary(sf, school, res, rc, method, opts.seed, from != NULL);
	if (!sch_solve_result_feasible(res)) {
		size_t n = sch_solve_result_unplaced_count(res);
		cli_error("%s: no timetable without hard violations%s (%zu lesson%s left out%s)", school_path,
			  rc == SCH_ETIMEOUT ? " within the time limit" : "", n, n == 1 ? "" : "s",
			  output ? "; the partial timetable was written" : "");
		if (quiet)
			for (size_t i = 0; i < n; i++)
				fprintf(stderr, "  %s\n", sch_solve_result_unplaced_reason(res, i));
		explain_infeasible(pre, res, school_path);
	} else if (rc == SCH_ECANCELLED && !quiet) {
		cli_warning("interrupted: the best timetable found so far was kept");
	}
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	code = sch_solve_result_feasible(res) ? CLI_EXIT_OK : CLI_EXIT_FAIL;
done:
	sch_precheck_free(pre);
	cli_solve_db_free(db);
	sch_solve_result_free(res);
	sch_timetable_free(tt);
	sch_timetable_free(from);
	sch_school_free(school);
	return code;
}
