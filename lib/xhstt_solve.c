/* Solving an XHSTT instance: the timetable and the events' splits into lessons searched together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>

#include "error.h"
#include "schedule/school.h"
#include "schedule/solver.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"
#include "schedule/verify.h"
#include "schedule/xhstt.h"
#include "xhstt_int.h"

/* The other splits an event may take: those of no required split cost. */
typedef struct {
	int *first; /* [event] -> its first alternative in alt */
	int *count; /* [event] -> how many */
	xh_split *alt;
	int n;
	int *events; /* events with two alternatives or more */
	int n_events;
} alternatives;

/* One state of the search: the splits, the school they make and its best timetable. */
typedef struct {
	xh_split *split;
	sch_school *school;
	sch_timetable *tt;
	int64_t split_obj;
	int64_t hard, soft; /* soft includes the split cost */
} state;

typedef struct {
	const sch_xhstt *x;
	const sch_xhstt_import_options *iopts;
	const sch_solve_options *sopts;
	struct timespec t0;
	double offset;      /* seconds spent before the current solve */
	const state *best;  /* reported in the progress line */
	sch_diags *diags;   /* the importer's notes on its splits */
} search;

static double since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) * 1e-9;
}

static void state_free(state *st)
{
	free(st->split);
	sch_school_free(st->school);
	sch_timetable_free(st->tt);
	memset(st, 0, sizeof *st);
}

static int collect_alternatives(alternatives *a, const sch_xhstt *x, int n_periods)
{
	enum { CAP = 4096 };
	int(*list)[65] = malloc(sizeof *list * CAP);
	int cap = 64, rc = 0;
	a->first = calloc((size_t)x->nevents + 1, sizeof(int));
	a->count = calloc((size_t)x->nevents + 1, sizeof(int));
	a->events = calloc((size_t)x->nevents + 1, sizeof(int));
	a->alt = malloc(sizeof *a->alt * (size_t)cap);
	if (!list || !a->first || !a->count || !a->events || !a->alt) {
		rc = sch_error_oom();
		goto done;
	}
	for (int e = 0; e < x->nevents; e++) {
		a->first[e] = a->n;
		if (x->events[e].time >= 0) /* a preassigned time pins one lesson: its split stays */
			continue;
		int np = sch_xhstt__partitions(x->events[e].duration, n_periods, list, CAP);
		for (int k = 0; k < np; k++) {
			int64_t inf, obj;
			sch_xhstt__split_cost(x, e, &list[k][1], list[k][0], &inf, &obj);
			if (inf)
				continue;
			if (a->n == cap) {
				xh_split *na = realloc(a->alt, sizeof *na * (size_t)cap * 2);
				if (!na) {
					rc = sch_error_oom();
					goto done;
				}
				a->alt = na;
				cap *= 2;
			}
			a->alt[a->n].n = list[k][0];
			memcpy(a->alt[a->n].len, &list[k][1], sizeof(int) * (size_t)list[k][0]);
			a->n++;
			a->count[e]++;
		}
		if (a->count[e] >= 2)
			a->events[a->n_events++] = e;
	}
done:
	free(list);
	return rc;
}

static void alternatives_free(alternatives *a)
{
	free(a->first);
	free(a->count);
	free(a->alt);
	free(a->events);
}

/* The event of each load line of school s (-1: none). */
static int *line_events(const sch_xhstt *x, const sch_school *s)
{
	int *ev = malloc(sizeof(int) * (size_t)(s->n_lines + 1));
	for (int i = 0; ev && i < s->n_lines; i++)
		ev[i] = sch_xhstt__line_event(x, s->lines[i].id);
	return ev;
}

/*
 * The timetable of `from` carried to school `to` (the same instance, other splits): each
 * event's lessons of `to`, longest first, go into the periods its lessons of `from` took
 * (a lesson within one old lesson's periods); what finds no room stays unplaced.
 */
static int carry(sch_timetable **out, const sch_xhstt *x, const sch_timetable *from, const sch_school *to)
{
	const sch_school *fs = sch_timetable_school(from);
	int *fev = line_events(x, fs), *tev = line_events(x, to), rc;
	typedef struct {
		int day, start, room;
	} run;
	run *runs = malloc(sizeof *runs * (size_t)(fs->n_lessons + 1));
	int *order = malloc(sizeof(int) * (size_t)(to->n_lessons + 1));
	if (!fev || !tev || !runs || !order) {
		rc = sch_error_oom();
		goto done;
	}
	if ((rc = sch_timetable_new(out, to)) < 0)
		goto done;
	for (int e = 0; e < x->nevents; e++) {
		int nr = 0, no = 0;
		for (int l = 0; l < fs->n_lessons; l++) {
			int d, p;
			if (fev[fs->lessons[l].line] != e || sch_timetable_get(from, l, &d, &p) != 0 || d < 0)
				continue;
			runs[nr++] = (run){d, p, fs->lessons[l].length};
		}
		for (int l = 0; l < to->n_lessons; l++)
			if (tev[to->lessons[l].line] == e && to->lessons[l].pinned < 0)
				order[no++] = l;
		for (int i = 1; i < no; i++) /* longest first */
			for (int j = i; j > 0 && to->lessons[order[j - 1]].length < to->lessons[order[j]].length; j--) {
				int t = order[j];
				order[j] = order[j - 1];
				order[j - 1] = t;
			}
		for (int i = 0; i < no; i++) {
			int len = to->lessons[order[i]].length;
			for (int r = 0; r < nr; r++)
				if (runs[r].room >= len) {
					if ((rc = sch_timetable_set(*out, order[i], runs[r].day, runs[r].start)) < 0)
						goto done;
					runs[r].start += len;
					runs[r].room -= len;
					break;
				}
		}
	}
done:
	if (rc < 0) {
		sch_timetable_free(*out);
		*out = NULL;
	}
	free(fev);
	free(tev);
	free(runs);
	free(order);
	return rc;
}

/*
 * Marks in hot[] the events with a teacher who is idle between lessons on some day of tt:
 * a teacher's idle periods are what another split most often removes (a double that
 * leaves a hole, two singles that could be one double). Returns how many are hot.
 */
static int hot_events(const sch_xhstt *x, const sch_timetable *tt, const alternatives *a, char *hot)
{
	const sch_school *s = sch_timetable_school(tt);
	int *ev = line_events(x, s), n_hot = 0;
	uint32_t *busy = calloc((size_t)s->n_teachers * (size_t)s->n_days + 1, sizeof *busy);
	char *idle = calloc((size_t)s->n_teachers + 1, 1);
	memset(hot, 0, (size_t)x->nevents);
	if (ev && busy && idle) {
		for (int l = 0; l < s->n_lessons; l++) {
			const sch_lesson_def *ld = &s->lessons[l];
			int d, p;
			if (sch_timetable_get(tt, l, &d, &p) != 0 || d < 0)
				continue;
			for (int i = 0; i < ld->n_teachers; i++)
				busy[ld->teachers[i] * s->n_days + d] |= ((1u << ld->length) - 1) << p;
		}
		for (int t = 0; t < s->n_teachers; t++)
			for (int d = 0; d < s->n_days; d++) {
				uint32_t b = busy[t * s->n_days + d];
				if (b && (b >> __builtin_ctz(b)) + 1 != 1u << (32 - __builtin_clz(b) - __builtin_ctz(b)))
					idle[t] = 1;
			}
		for (int l = 0; l < s->n_lessons; l++) {
			int e = ev[s->lessons[l].line];
			for (int i = 0; e >= 0 && i < s->lessons[l].n_teachers; i++)
				if (idle[s->lessons[l].teachers[i]] && a->count[e] >= 2 && !hot[e]) {
					hot[e] = 1;
					n_hot++;
				}
		}
	}
	free(ev);
	free(busy);
	free(idle);
	return n_hot;
}

/* The progress of a solve inside the search, as the whole search's. */
static int relay_progress(const sch_progress *p, void *payload)
{
	const search *se = payload;
	sch_progress q = *p;
	q.elapsed += se->offset;
	if (se->best && se->best->tt) {
		q.phase = "splits";
		q.hard = se->best->hard;
		q.soft = se->best->soft;
		q.best_bound = -1;
		q.gap = -1;
	}
	return se->sopts->progress(&q, se->sopts->progress_payload);
}

/* The SAT search's progress as the whole solve's: seconds since its start, and the
 * timetable so far until the search has a cheaper one. */
static int relay_sat_progress(const sch_progress *p, void *payload)
{
	const search *se = payload;
	sch_progress q = *p;
	q.elapsed = since(&se->t0);
	if (se->best && se->best->tt) {
		if (q.hard < 0 || q.soft > se->best->soft) {
			q.hard = se->best->hard;
			q.soft = se->best->soft;
		}
		q.placed = q.total = se->best->school->n_lessons;
	}
	return se->sopts->progress(&q, se->sopts->progress_payload);
}

/* The SAT search (solver/xhstt_sat.c) for `seconds`, from `start` (may be NULL). */
static int sat_search(search *se, double seconds, const xh_sat *start, xh_sat *out)
{
	sch_solve_options o = *se->sopts;
	o.progress = se->sopts->progress ? relay_sat_progress : NULL;
	o.progress_payload = se;
	return sch__xhstt_sat(se->x, &o, seconds, start, out);
}

/*
 * Builds the school of st->split and solves it for `seconds` from `warm_from` (may be NULL).
 * Only the solve that `reports` (one at a time) relays progress: others run in threads of
 * their own.
 */
static int solve_state(search *se, state *st, const sch_timetable *warm_from, int method, double seconds, uint64_t seed,
		       int reports)
{
	sch_timetable *warm = NULL;
	sch_solve_result *res = NULL;
	int64_t inf = 0;
	/* the first solve (no warm start) takes the importer's splits, with its notes */
	int rc = sch_xhstt__to_school_splits(se->x, se->iopts, warm_from ? st->split : NULL, warm_from ? NULL : st->split,
					     &inf, &st->split_obj, &st->school, warm_from ? NULL : se->diags);
	if (rc < 0)
		return rc;
	if (warm_from && (rc = carry(&warm, se->x, warm_from, st->school)) < 0)
		return rc;
	sch_solve_options o = *se->sopts;
	o.method = method;
	o.time_limit = seconds;
	o.iterations = 0;
	o.seed = seed;
	o.from = warm;
	o.progress_payload = se;
	o.progress = se->sopts->progress && reports ? relay_progress : NULL;
	if (reports)
		se->offset = since(&se->t0);
	if (warm_from) /* the search's short solves: only the changes kept are logged (log_change) */
		o.log = NULL;
	rc = sch_solve(&st->tt, &res, st->school, &o);
	if (st->tt && res) {
		sch_cost c = sch_solve_result_cost(res);
		st->hard = SCH_COST_HARD(c) + inf;
		st->soft = SCH_COST_SOFT(c) + st->split_obj;
	}
	sch_solve_result_free(res);
	sch_timetable_free(warm);
	return rc == SCH_EINFEASIBLE || rc == SCH_ETIMEOUT ? 0 : rc;
}

int sch_xhstt__sat_timetable(const sch_xhstt *x, const sch_xhstt_import_options *iopts, const xh_sat *sat,
			     sch_diags *diags, sch_school **school, sch_timetable **tt, int64_t *split_inf,
			     int64_t *split_obj)
{
	int *slot = NULL, *time_of = NULL, *ev = NULL, rc;
	char *used = NULL;
	*tt = NULL;
	if ((rc = sch_xhstt__to_school_splits(x, iopts, sat->split, NULL, split_inf, split_obj, school, diags)) < 0)
		return rc;
	int n_periods = (*school)->n_periods;
	ev = line_events(x, *school);
	used = calloc((size_t)x->nevents * 64 + 1, 1);
	if (!ev || !used) {
		rc = sch_error_oom();
		goto done;
	}
	if ((rc = sch_xhstt__grid_for(x, *school, &slot, &time_of)) < 0 || (rc = sch_timetable_new(tt, *school)) < 0)
		goto done;
	for (int l = 0; l < (*school)->n_lessons; l++) {
		int e = ev[(*school)->lessons[l].line], len = (*school)->lessons[l].length;
		for (int i = 0; e >= 0 && i < sat->split[e].n; i++)
			if (!used[e * 64 + i] && sat->split[e].len[i] == len) {
				int t = slot[sat->time[e * 64 + i]];
				used[e * 64 + i] = 1;
				if ((rc = sch_timetable_set(*tt, l, t / n_periods, t % n_periods)) < 0)
					goto done;
				break;
			}
	}
done:
	if (rc < 0) {
		sch_timetable_free(*tt);
		sch_school_free(*school);
		*tt = NULL;
		*school = NULL;
	}
	free(slot);
	free(time_of);
	free(ev);
	free(used);
	return rc;
}

/* The state of the SAT search's solution, its cost as the verifier counts it. */
static int sat_state(search *se, state *st, const xh_sat *sat)
{
	int64_t inf = 0;
	sch_report *rep = NULL;
	memcpy(st->split, sat->split, sizeof *st->split * (size_t)se->x->nevents);
	int rc = sch_xhstt__sat_timetable(se->x, se->iopts, sat, se->diags, &st->school, &st->tt, &inf, &st->split_obj);
	if (rc < 0 || (rc = sch_verify(&rep, st->tt, NULL)) < 0)
		return rc;
	st->hard = sch_report_hard(rep) + inf;
	st->soft = sch_report_soft(rep) + st->split_obj;
	sch_report_free(rep);
	return 0;
}

/* The splits and the times of st's timetable, as the SAT search takes a start (free with sch__xhstt_sat_free). */
static int sat_start(const search *se, const state *st, xh_sat *out)
{
	const sch_xhstt *x = se->x;
	int *slot = NULL, *time_of = NULL, rc;
	int *ev = line_events(x, st->school);
	memset(out, 0, sizeof *out);
	out->split = calloc((size_t)x->nevents + 1, sizeof *out->split);
	out->time = calloc((size_t)x->nevents * 64 + 1, sizeof(int));
	if (!ev || !out->split || !out->time) {
		rc = sch_error_oom();
		goto done;
	}
	if ((rc = sch_xhstt__grid_for(x, st->school, &slot, &time_of)) < 0)
		goto done;
	for (int l = 0; l < st->school->n_lessons; l++) {
		int e = ev[st->school->lessons[l].line], d, p;
		if (e < 0 || sch_timetable_get(st->tt, l, &d, &p) != 0 || d < 0 || out->split[e].n >= 64)
			continue;
		out->time[e * 64 + out->split[e].n] = time_of[sch_slot(st->school, d, p)];
		out->split[e].len[out->split[e].n++] = st->school->lessons[l].length;
	}
done:
	free(slot);
	free(ev);
	free(time_of);
	if (rc < 0)
		sch__xhstt_sat_free(out);
	return rc;
}

/* "2+1+1" */
static void split_text(const xh_split *sp, char *buf, size_t n)
{
	buf[0] = 0;
	for (int i = 0; i < sp->n; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%d", i ? "+" : "", sp->len[i]);
}

static int better_or_equal(const state *a, const state *b)
{
	return a->hard < b->hard || (a->hard == b->hard && a->soft <= b->soft);
}

/* Two workers (the machines this runs on have two cores or more): twice the changes tried. */
#define MAX_WORKERS 2

/* One change of split tried: its state, solved in a thread of its own or the caller's. */
typedef struct {
	search *se;
	state st;
	const sch_timetable *from;
	double seconds;
	uint64_t seed;
	int event; /* the event changed, -1: nothing to try */
	int reports, threaded, rc;
	pthread_t tid;
	char message[256]; /* the error of a failed solve, from the thread that had it */
} job;

static void *run_job(void *p)
{
	job *j = p;
	j->rc = solve_state(j->se, &j->st, j->from, SCH_METHOD_LOCAL, j->seconds, j->seed, j->reports);
	if (j->rc < 0)
		snprintf(j->message, sizeof j->message, "%s",
			 sch_error_last() && sch_error_last()->message ? sch_error_last()->message : "the split search failed");
	return NULL;
}

static uint64_t next_random(uint64_t *rng)
{
	*rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
	return *rng;
}

/* A change to try: event *e (three in four from the hot ones) and its alternative *k. */
static void pick_change(const alternatives *a, const char *hot, int n_hot, uint64_t *rng, int *e, int *k)
{
	uint64_t r = next_random(rng);
	*e = a->events[r % (uint64_t)a->n_events];
	if (n_hot > 0 && r % 4 != 0) {
		int pick = (int)((r >> 8) % (uint64_t)n_hot);
		for (*e = 0; !hot[*e] || pick-- > 0; (*e)++)
			;
	}
	*k = a->first[*e] + (int)(next_random(rng) % (uint64_t)a->count[*e]);
}

/* --verbose: a change kept. */
static void log_change(const search *se, const state *was, const state *now, int e)
{
	char a[96], b[96], msg[320];
	if (!se->sopts->log)
		return;
	split_text(&was->split[e], a, sizeof a);
	split_text(&now->split[e], b, sizeof b);
	snprintf(msg, sizeof msg, "splits %.1fs: event %s %s -> %s kept: hard %lld, soft %lld (was %lld, %lld)",
		 since(&se->t0), se->x->events[e].id, a, b, (long long)now->hard, (long long)now->soft,
		 (long long)was->hard, (long long)was->soft);
	se->sopts->log(SCH_LOG_INFO, msg, se->sopts->log_payload);
}

/* Gives each worker a change of an event no other worker changes (event -1: none found). */
static void assign_changes(job *jobs, int n_workers, const alternatives *a, const char *hot, int n_hot,
			   const state *cur, int n_events, uint64_t *rng)
{
	for (int w = 0; w < n_workers; w++) {
		job *j = &jobs[w];
		j->event = -1;
		for (int tries = 0; tries < 8 && j->event < 0; tries++) {
			int e, k;
			pick_change(a, hot, n_hot, rng, &e, &k);
			int same = a->alt[k].n == cur->split[e].n &&
				   memcmp(a->alt[k].len, cur->split[e].len, sizeof(int) * (size_t)cur->split[e].n) == 0;
			for (int v = 0; v < w && !same; v++)
				same = jobs[v].event == e;
			if (same)
				continue;
			j->event = e;
			memcpy(j->st.split, cur->split, sizeof *cur->split * (size_t)n_events);
			j->st.split[e] = a->alt[k];
		}
	}
}

/* Solves the workers' changes at once: the first in this thread, the others in threads of their own. */
static void run_jobs(job *jobs, int n_workers)
{
	for (int w = 0; w < n_workers; w++) {
		jobs[w].rc = 0;
		jobs[w].threaded = w > 0 && jobs[w].event >= 0 && pthread_create(&jobs[w].tid, NULL, run_job, &jobs[w]) == 0;
	}
	for (int w = 0; w < n_workers; w++)
		if (!jobs[w].threaded && jobs[w].event >= 0)
			run_job(&jobs[w]);
	for (int w = 1; w < n_workers; w++)
		if (jobs[w].threaded)
			pthread_join(jobs[w].tid, NULL);
}

/* The best change no worse than cur, NULL when none; a worker's error goes to *rc (when it has none). */
static job *best_job(job *jobs, int n_workers, const state *cur, int *rc)
{
	job *won = NULL;
	for (int w = 0; w < n_workers; w++) {
		job *j = &jobs[w];
		if (j->event < 0)
			continue;
		if (j->rc < 0 && j->rc != SCH_ECANCELLED && *rc >= 0)
			*rc = sch_error_set(j->rc, "%s", j->message);
		if ((j->rc == 0 || j->rc == SCH_ECANCELLED) && j->st.tt && better_or_equal(&j->st, cur) &&
		    (!won || !better_or_equal(&won->st, &j->st)))
			won = j;
	}
	return won;
}

int sch_xhstt_solve(sch_school **school_out, sch_timetable **tt_out, const sch_xhstt *x,
		    const sch_xhstt_import_options *iopts, const sch_solve_options *sopts, sch_diags *diags)
{
	sch_xhstt_import_options idef = SCH_XHSTT_IMPORT_OPTIONS_INIT;
	sch_solve_options sdef = SCH_SOLVE_OPTIONS_INIT;
	search se = {.x = x};
	alternatives alts = {0};
	state cur = {0};
	job jobs[MAX_WORKERS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n_workers = cpus >= MAX_WORKERS ? MAX_WORKERS : cpus > 1 ? (int)cpus : 1;
	memset(jobs, 0, sizeof jobs);
	int rc;
	if (school_out)
		*school_out = NULL;
	if (tt_out)
		*tt_out = NULL;
	if (!school_out || !tt_out || !x)
		return sch_error_set(SCH_EINVALID, "sch_xhstt_solve: no archive or output");
	se.iopts = iopts ? iopts : &idef;
	se.sopts = sopts ? sopts : &sdef;
	if (se.sopts->version != SCH_SOLVE_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "sch_xhstt_solve: unknown options version %d", se.sopts->version);
	if (se.sopts->time_limit <= 0 && se.sopts->method != SCH_METHOD_GREEDY)
		return sch_error_set(SCH_EINVALID, "sch_xhstt_solve: the search of splits needs a time limit");
	clock_gettime(CLOCK_MONOTONIC, &se.t0);

	/* The importer's splits first (with its warnings), solved for a part of the time. */
	if (!(cur.split = calloc((size_t)x->nevents + 1, sizeof *cur.split))) {
		rc = sch_error_oom();
		goto done;
	}
	for (int w = 0; w < n_workers; w++)
		if (!(jobs[w].st.split = calloc((size_t)x->nevents + 1, sizeof *cur.split))) {
			rc = sch_error_oom();
			goto done;
		}
	se.diags = diags;
	int search_splits = se.sopts->method != SCH_METHOD_GREEDY && se.iopts->split_solution == SCH_XHSTT_SPLITS_OWN;
	double limit = se.sopts->time_limit;
	/* A tenth of the time (at least half a second) for the first timetable: on BrazilInstance2
	 * at 60 s a tenth left objective 10-12 (4 seeds), a quarter 7-20. */
	double first = limit * 0.1 < 0.5 ? (limit < 0.5 ? limit : 0.5) : limit * 0.1;
	/* A short SAT search first: on a small instance it proves the optimum at once. */
	xh_sat probe = {0};
	int probe_rc = search_splits ? sat_search(&se, limit * 0.05 < 1 ? limit * 0.05 : 1, NULL, &probe) : SCH_ENOTSUP;
	if (probe_rc == 0 && probe.optimal) {
		rc = sat_state(&se, &cur, &probe);
		sch__xhstt_sat_free(&probe);
		goto done;
	}
	sch__xhstt_sat_free(&probe); /* cancelled: the first solve below returns a timetable */
	rc = solve_state(&se, &cur, NULL, se.sopts->method, search_splits ? first : limit, se.sopts->seed, 1);
	se.best = &cur; /* the progress line's timetable from here on */
	if (rc == 0 && search_splits && cur.tt && probe_rc != SCH_ENOTSUP && probe_rc != SCH_EINFEASIBLE) {
		xh_sat start = {0}, sat = {0};
		if ((rc = sat_start(&se, &cur, &start)) < 0)
			goto done;
		int sat_rc = sat_search(&se, limit - since(&se.t0), &start, &sat);
		sch__xhstt_sat_free(&start);
		if ((sat_rc == 0 || sat_rc == SCH_ECANCELLED) && sat.objective >= 0) {
			state st = {.split = calloc((size_t)x->nevents + 1, sizeof *cur.split)};
			rc = st.split ? sat_state(&se, &st, &sat) : sch_error_oom();
			if (rc == 0 && better_or_equal(&st, &cur)) {
				state t = cur;
				cur = st;
				st = t;
			}
			state_free(&st);
		}
		sch__xhstt_sat_free(&sat);
		if (rc == 0 && sat_rc == SCH_ECANCELLED)
			rc = sch_error_set(SCH_ECANCELLED, "the solve was cancelled; the best timetable so far is returned");
		if (rc < 0)
			goto done;
	}
	if (rc < 0 || !search_splits || !cur.school)
		goto done;
	if ((rc = collect_alternatives(&alts, x, cur.school->n_periods)) < 0)
		goto done;
	char *hot = calloc((size_t)x->nevents + 1, 1);
	int n_hot = 0, hot_of = -1, accepted = 0; /* hot[] is of the timetable after `hot_of` changes */
	if (!hot) {
		rc = sch_error_oom();
		goto done;
	}

	/* Then one event's split at a time: a short solve from the timetable so far, kept when no worse. */
	uint64_t rng = se.sopts->seed * 0x9E3779B97F4A7C15ull + 1;
	/* Slices of limit/120 (0.25 s to 2 s): at 60 s on BrazilInstance2, 0.5 s slices left objective
	 * 7-17 (median 11, 5 seeds), 1 s slices 9-25, 0.25 s 10-20; ending with one long solve of
	 * the splits found (the last 30%) did worse (12-21). */
	double slice = limit / 120 < 0.25 ? 0.25 : limit / 120 > 2 ? 2 : limit / 120;
	for (int round = 1; alts.n_events > 0 && since(&se.t0) + slice <= limit; round++) {
		if (se.sopts->cancel && *se.sopts->cancel) {
			rc = sch_error_set(SCH_ECANCELLED, "the solve was cancelled; the best timetable so far is returned");
			break;
		}
		if (hot_of != accepted)
			n_hot = hot_events(x, cur.tt, &alts, hot), hot_of = accepted;
		assign_changes(jobs, n_workers, &alts, hot, n_hot, &cur, x->nevents, &rng);
		for (int w = 0; w < n_workers; w++) {
			jobs[w].se = &se;
			jobs[w].from = cur.tt;
			jobs[w].seconds = slice;
			jobs[w].seed = se.sopts->seed + (uint64_t)round * 8 + (uint64_t)w;
			jobs[w].reports = w == 0;
		}
		run_jobs(jobs, n_workers);
		job *won = best_job(jobs, n_workers, &cur, &rc);
		if (won) {
			log_change(&se, &cur, &won->st, won->event);
			state t = cur;
			cur = won->st;
			won->st = t;
			accepted++;
		}
		for (int w = 0; w < n_workers; w++) {
			xh_split *keep = jobs[w].st.split;
			jobs[w].st.split = NULL;
			state_free(&jobs[w].st);
			jobs[w].st.split = keep;
			if (jobs[w].rc == SCH_ECANCELLED && rc >= 0)
				rc = SCH_ECANCELLED;
		}
		if (rc < 0)
			break;
	}
	free(hot);
done:
	if (cur.tt && (rc == 0 || rc == SCH_ECANCELLED)) {
		*school_out = cur.school;
		*tt_out = cur.tt;
		cur.school = NULL;
		cur.tt = NULL;
		if (rc == 0 && cur.hard > 0)
			rc = sch_error_set(SCH_EINFEASIBLE, "no timetable without hard violations was found");
	}
	state_free(&cur);
	for (int w = 0; w < MAX_WORKERS; w++)
		state_free(&jobs[w].st);
	alternatives_free(&alts);
	return rc;
}
