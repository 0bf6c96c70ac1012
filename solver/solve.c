/* The solve driver: options, the solver context (clock, limits, seed, progress, best), greedy -> local, the result. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "moves.h"
#include "schedule/school.h"
#include "schedule/sys/solver.h"
#include "schedule/timetable.h"

struct sch_solver_ctx {
	const sch_solve_options *opts;
	struct timespec t0;
	uint64_t rng[4];
	uint64_t iters, budget;
	unsigned calls;
	double last_progress;
	int stopped, reason;
	const char *phase;
	int L;
	int *best;
	sch_cost best_cost;
	int64_t best_hard, best_soft;
	double feasible_at;
};

typedef struct {
	int lesson;
	char *reason;
} unplaced;

struct sch_solve_result {
	int status;
	int feasible;
	sch_cost cost, initial;
	int64_t amount[SCH_T_COUNT], cost_of[SCH_T_COUNT];
	uint64_t iterations;
	double seconds, feasible_seconds;
	unplaced *items;
	size_t n_items;
};

/* ---- options ---- */

int sch_solve_options_init(sch_solve_options *opts, int version)
{
	if (!opts || version != SCH_SOLVE_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "sch_solve_options_init: unknown options version %d", version);
	sch_solve_options def = SCH_SOLVE_OPTIONS_INIT;
	*opts = def;
	return 0;
}

const char *sch_method_name(int method)
{
	switch (method) {
	case SCH_METHOD_GREEDY: return "greedy";
	case SCH_METHOD_LOCAL: return "local";
	case SCH_METHOD_HYBRID: return "hybrid";
	case SCH_METHOD_MIP: return "mip";
	default: return "?";
	}
}

int sch_method_parse(const char *name)
{
	for (int m = SCH_METHOD_GREEDY; m <= SCH_METHOD_MIP; m++)
		if (name && strcmp(name, sch_method_name(m)) == 0)
			return m;
	return sch_error_set(SCH_EINVALID, "unknown method '%s' (greedy, local)", name ? name : "");
}

/* ---- the context ---- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t sch_solver_ctx_random(sch_solver_ctx *c)
{
	/* xoshiro256** */
	uint64_t *s = c->rng, r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

uint32_t sch_solver_ctx_below(sch_solver_ctx *c, uint32_t n)
{
	if (n <= 1)
		return 0;
	return (uint32_t)(((sch_solver_ctx_random(c) >> 32) * (uint64_t)n) >> 32);
}

static double now_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

double sch_solver_ctx_elapsed(const sch_solver_ctx *c)
{
	return now_since(&c->t0);
}

void sch_solver_ctx_set_phase(sch_solver_ctx *c, const char *phase)
{
	c->phase = phase;
}

void sch_solver_ctx_count(sch_solver_ctx *c, uint64_t n)
{
	c->iters += n;
}

uint64_t sch_solver_ctx_iterations(const sch_solver_ctx *c)
{
	return c->iters;
}

uint64_t sch_solver_ctx_budget(const sch_solver_ctx *c)
{
	if (!c->budget)
		return UINT64_MAX;
	return c->iters >= c->budget ? 0 : c->budget - c->iters;
}

int sch_solver_ctx_stop_reason(const sch_solver_ctx *c)
{
	return c->stopped ? c->reason : 0;
}

sch_cost sch_solver_ctx_best_cost(const sch_solver_ctx *c)
{
	return c->best_cost;
}

static void stop(sch_solver_ctx *c, int reason)
{
	c->stopped = 1;
	c->reason = reason;
}

static int report(sch_solver_ctx *c, const sch_solution *sol, double now)
{
	const sch_solve_options *o = c->opts;
	if (!o->progress)
		return 0;
	sch_progress p = {c->phase ? c->phase : "", now, c->best_hard, c->best_soft, -1,
			  sol ? sch_solution_placed_count(sol) : 0, c->L, c->iters};
	if (c->best_cost == INT64_MAX && sol) {
		p.hard = sch_solution_hard(sol);
		p.soft = sch_solution_soft(sol);
	}
	c->last_progress = now;
	return o->progress(&p, o->progress_payload);
}

int sch_solver_ctx_should_stop(sch_solver_ctx *c, const sch_solution *sol)
{
	if (c->stopped)
		return 1;
	if (c->opts->cancel && *c->opts->cancel) {
		stop(c, SCH_ECANCELLED);
		return 1;
	}
	if (c->budget && c->iters >= c->budget) {
		stop(c, 0);
		return 1;
	}
	if ((c->calls++ & 15) != 0)
		return 0;
	double now = now_since(&c->t0);
	if (c->opts->time_limit > 0 && now >= c->opts->time_limit) {
		stop(c, SCH_ETIMEOUT);
		return 1;
	}
	if (c->opts->progress && now - c->last_progress >= 0.1 && report(c, sol, now)) {
		stop(c, SCH_ECANCELLED);
		return 1;
	}
	return 0;
}

int sch_solver_ctx_offer(sch_solver_ctx *c, const sch_solution *sol)
{
	sch_cost cost = sch_solution_cost(sol);
	if (cost >= c->best_cost)
		return 0;
	sch_solution_get_starts(sol, c->best);
	c->best_cost = cost;
	c->best_hard = sch_solution_hard(sol);
	c->best_soft = sch_solution_soft(sol);
	if (c->best_hard == 0 && c->feasible_at < 0)
		c->feasible_at = now_since(&c->t0);
	return 1;
}

int sch_solver_ctx_restore_best(sch_solver_ctx *c, sch_solution *sol)
{
	if (c->best_cost == INT64_MAX)
		return 0;
	return sch_solution_set_starts(sol, c->best);
}

void sch_solver_ctx_log(sch_solver_ctx *c, int level, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	if (!c->opts->log)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->opts->log(level, buf, c->opts->log_payload);
}

/* ---- explanations ---- */

typedef struct {
	char *p;
	size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void sb_add(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (need < 0)
		return;
	if (b->n + (size_t)need + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 256) + (size_t)need;
		char *np = realloc(b->p, cap);
		if (!np)
			return;
		b->p = np;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	b->n += (size_t)need;
}

static void lesson_title(sbuf *b, const sch_school *s, int l)
{
	const sch_lesson_def *ls = &s->lessons[l];
	const sch_line_def *ln = &s->lines[ls->line];
	for (int i = 0; i < ln->n_classes; i++)
		sb_add(b, "%s%s", i ? "+" : "", s->classes[ln->classes[i]].id);
	for (int p = 0; p < ls->n_parts; p++) {
		const sch_part_def *pt = &ls->parts[p];
		if (pt->division >= 0 && pt->class_of >= 0 && pt->division < s->classes[pt->class_of].n_divisions &&
		    pt->group >= 0 && pt->group < s->classes[pt->class_of].divisions[pt->division].n_groups)
			sb_add(b, "%s%s", p ? "/" : " ", s->classes[pt->class_of].divisions[pt->division].groups[pt->group]);
	}
	sb_add(b, " %s", s->subjects[ls->subject].id);
	if (ls->length > 1)
		sb_add(b, " (double)");
	if (ls->n_teachers > 0) {
		sb_add(b, " (");
		for (int i = 0; i < ls->n_teachers; i++)
			sb_add(b, "%s%s", i ? ", " : "", sch_school_teacher_name(s, ls->teachers[i]));
		sb_add(b, ")");
	}
}

/* Why lesson l has no place, in an operator's words. */
static char *explain(const sch_school *s, const sch_solution *sol, int l)
{
	sbuf b = {0};
	const sch_lesson_def *ls = &s->lessons[l];
	int P = s->n_periods, D = s->n_days;
	const sch_shift_def *sh = ls->shift >= 0 && ls->shift < s->n_shifts ? &s->shifts[ls->shift] : NULL;
	int c = ls->n_classes > 0 ? ls->classes[0] : -1;
	lesson_title(&b, s, l);
	sb_add(&b, ": ");
	if (!sh) {
		sb_add(&b, "its class has no shift");
		return b.p;
	}
	int by_teacher = 0, by_class = 0, by_day = 0, by_subject = 0, by_room = 0, by_tday = 0, by_gap = 0;
	int n_slots = 0, shift_slots = 0;
	for (int d = 0; d < ls->week_days && d < D; d++)
		for (int p = sh->first; p + ls->length - 1 <= sh->last; p++) {
			int slot = d * P + p;
			shift_slots++;
			if (!sch_slotset_has(&ls->legal, slot))
				continue;
			n_slots++;
			int t_busy = 0, c_busy = 0, room = 0, full = 0, tfull = 0, twice = 0, gap = 0;
			uint32_t bits = sch__cover_bits(p, ls->length, P);
			for (int i = 0; i < ls->n_teachers; i++) {
				const sch_teacher_def *te = &s->teachers[ls->teachers[i]];
				uint32_t m = sch_solution_teacher_day(sol, ls->teachers[i], d);
				t_busy |= (m & bits) != 0;
				tfull |= te->max_per_day > 0 && __builtin_popcount(m | bits) > te->max_per_day;
			}
			for (int i = 0; i < ls->n_atoms; i++) {
				int a = ls->atoms[i];
				const sch_class_def *cl = &s->classes[s->atom_class[a]];
				uint32_t m = sch_solution_atom_day(sol, a, d), nm = m | bits;
				int first = s->rules.late_start && m ? __builtin_ctz(m) : sh->first;
				c_busy |= (m & bits) != 0;
				full |= cl->max_per_day > 0 && __builtin_popcount(nm) > cl->max_per_day;
				/* the periods from the start (or the first lesson) to it must all be busy */
				uint32_t need = (uint32_t)(((uint64_t)1 << (31 - __builtin_clz(nm) + 1)) - ((uint64_t)1 << first));
				gap |= (nm & need) != need;
			}
			for (int k = 0; k < ls->length; k++)
				if (ls->rooms_needed > 0 && ls->room_kind >= 0 &&
				    sch_solution_kind_count(sol, ls->room_kind, slot + k) + ls->rooms_needed >
					    s->rooms_of_kind[ls->room_kind])
					room = 1;
			if (s->rules.subject_once_a_day && c >= 0)
				for (int i = s->by_class.off[c]; i < s->by_class.off[c + 1]; i++) {
					int k = s->by_class.idx[i], st = sch_solution_start(sol, k);
					if (k != l && st >= 0 && st / P == d && s->lessons[k].subject == ls->subject)
						twice = 1;
				}
			if (t_busy)
				by_teacher++;
			else if (c_busy)
				by_class++;
			else if (full)
				by_day++;
			else if (tfull)
				by_tday++;
			else if (twice)
				by_subject++;
			else if (room)
				by_room++;
			else
				by_gap += gap;
		}
	const char *cls = c >= 0 ? s->classes[c].id : "?";
	int sep = 0;
	if (n_slots == 0) {
		sb_add(&b, "no slot of shift %s (bells %d-%d) is allowed for it", sh->id, sh->first + 1, sh->last + 1);
		sep = 1;
	} else {
		sb_add(&b, "of the %d slots of shift %s it may take, ", n_slots, sh->id);
		const char *parts[7];
		char tmp[7][160];
		int np = 0;
		if (by_teacher) {
			snprintf(tmp[np], sizeof tmp[np], "%d %s taken by %s's other lessons", by_teacher,
				 by_teacher == 1 ? "is" : "are", ls->n_teachers ? sch_school_teacher_name(s, ls->teachers[0]) : "the teacher");
			parts[np] = tmp[np];
			np++;
		}
		if (by_class) {
			snprintf(tmp[np], sizeof tmp[np], "%d by %s's lessons", by_class, cls);
			parts[np] = tmp[np];
			np++;
		}
		if (by_day) {
			snprintf(tmp[np], sizeof tmp[np], "%d on days %s already has its most lessons", by_day, cls);
			parts[np] = tmp[np];
			np++;
		}
		if (by_tday) {
			snprintf(tmp[np], sizeof tmp[np], "%d on days the teacher's daily limit is reached", by_tday);
			parts[np] = tmp[np];
			np++;
		}
		if (by_subject) {
			snprintf(tmp[np], sizeof tmp[np], "%d on days %s already has %s", by_subject, cls, s->subjects[ls->subject].id);
			parts[np] = tmp[np];
			np++;
		}
		if (by_room) {
			snprintf(tmp[np], sizeof tmp[np], "%d when every %s is taken", by_room, s->room_kinds[ls->room_kind]);
			parts[np] = tmp[np];
			np++;
		}
		if (by_gap) {
			snprintf(tmp[np], sizeof tmp[np], "%d would leave %s idle before it (no gaps for pupils)", by_gap, cls);
			parts[np] = tmp[np];
			np++;
		}
		for (int i = 0; i < np; i++)
			sb_add(&b, "%s%s", i == 0 ? "" : i == np - 1 ? " and " : ", ", parts[i]);
		if (np == 0)
			sb_add(&b, "none is taken, but every place breaks a rule of the day");
		sep = 1;
	}
	/* capacity arguments: the teacher's and the class's week */
	for (int i = 0; i < ls->n_teachers; i++) {
		int t = ls->teachers[i], load = 0, avail = 0;
		for (int k = s->by_teacher.off[t]; k < s->by_teacher.off[t + 1]; k++)
			load += s->lessons[s->by_teacher.idx[k]].length;
		for (int slot = 0; slot < D * P; slot++) {
			int d = slot / P, p = slot % P;
			if (d < ls->week_days && p >= sh->first && p <= sh->last &&
			    !sch_slotset_has(&s->teachers[t].unavailable, slot))
				avail++;
		}
		if (load > avail)
			sb_add(&b, "%s%s teaches %d lessons a week, more than the %d slots of shift %s they are available in", sep ? "; " : "",
			       sch_school_teacher_name(s, t), load, avail, sh->id);
		/* when the teacher is unavailable within the shift: "sat", "mon 1-4" */
		int any = 0;
		for (int d = 0; d < ls->week_days && d < D; d++) {
			int n_off = 0, lo = -1, hi = -1;
			for (int p = sh->first; p <= sh->last; p++)
				if (sch_slotset_has(&s->teachers[t].unavailable, d * P + p)) {
					n_off++;
					if (lo < 0)
						lo = p;
					hi = p;
				}
			if (!n_off)
				continue;
			sb_add(&b, "%s", any ? ", " : sep ? "; " : "");
			if (!any)
				sb_add(&b, "%s is unavailable at ", sch_school_teacher_name(s, t));
			if (n_off == sh->last - sh->first + 1)
				sb_add(&b, "%s", sch_day_code(s->day_codes[d]));
			else if (lo == hi)
				sb_add(&b, "%s %d", sch_day_code(s->day_codes[d]), lo + 1);
			else
				sb_add(&b, "%s %d-%d%s", sch_day_code(s->day_codes[d]), lo + 1, hi + 1,
				       n_off == hi - lo + 1 ? "" : " (in part)");
			any = sep = 1;
		}
	}
	if (c >= 0) {
		const sch_class_def *cl = &s->classes[c];
		int load = 0, shift_len = sh->last - sh->first + 1;
		int per_day = cl->max_per_day > 0 && cl->max_per_day < shift_len ? cl->max_per_day : shift_len;
		for (int i = 0; i < cl->n_atoms; i++) {
			int a = cl->atom_first + i, n = 0;
			for (int k = s->by_atom.off[a]; k < s->by_atom.off[a + 1]; k++)
				n += s->lessons[s->by_atom.idx[k]].length;
			if (n > load)
				load = n;
		}
		if (load > per_day * cl->week_days)
			sb_add(&b, "%s%s has %d lessons a week, more than %d days x %d", sep ? "; " : "", cl->id, load,
			       cl->week_days, per_day);
	}
	uint32_t forbid = s->subjects[ls->subject].forbid_periods;
	if (forbid)
		sb_add(&b, "; %s is forbidden at some lessons of the shift", s->subjects[ls->subject].id);
	return b.p;
}

/* Takes out lessons in hard violations until only missing lessons remain, so that
 * the partial timetable is valid. A lesson goes out with the lessons after it on
 * its class-day, so that no gap is left behind; the cheapest such cut first. */
static void strip_violations(sch_solution *sol, const sch_school *s)
{
	sch_moves mv;
	int *viol = malloc(sizeof(int) * (size_t)(s->n_lessons + 1));
	sch_change *cut = malloc(sizeof(sch_change) * (size_t)(s->n_lessons + 1));
	sch_change *best_cut = malloc(sizeof(sch_change) * (size_t)(s->n_lessons + 1));
	if (!viol || !cut || !best_cut || sch_moves_init(&mv, s) != 0)
		goto done;
	int P = s->n_periods;
	for (int round = 0; round < s->n_lessons; round++) {
		if (sch_solution_hard(sol) - sch_solution_term_amount(sol, SCH_T_MISSING) <= 0)
			break;
		int nv = sch_moves_violations(&mv, sol, viol), n_best = 0;
		sch_cost best = INT64_MAX;
		for (int i = 0; i < nv; i++) {
			int l = viol[i], st = sch_solution_start(sol, l), n = 0;
			if (st < 0)
				continue;
			cut[n++] = (sch_change){l, -1};
			for (int k = 0; k < s->n_lessons; k++) {
				int sk = sch_solution_start(sol, k);
				if (k != l && sk >= 0 && sk / P == st / P && sk > st && sch_moves_share_atom(s, l, k))
					cut[n++] = (sch_change){k, -1};
			}
			for (int pass = 0; pass < 2; pass++) { /* the lesson alone, then with its tail */
				int m = pass == 0 ? 1 : n;
				if (pass == 1 && n == 1)
					break;
				sch_cost d = sch_solution_delta(sol, cut, m);
				int64_t other = sch_cost_delta_hard(d) - m; /* hard change beside missing */
				if (other >= 0)
					continue;
				/* fewest lessons out per violation removed, then the cost */
				sch_cost key = (sch_cost)(m * 1000 / -other) * ((sch_cost)1 << 40) + d;
				if (key < best) {
					best = key;
					n_best = m;
					memcpy(best_cut, cut, sizeof *cut * (size_t)m);
				}
			}
		}
		if (n_best == 0)
			break;
		sch_solution_apply(sol, best_cut, n_best, NULL);
	}
	/* Cuts take out more than needed: put back every lesson that now fits cleanly. */
	for (int again = 1; again;) {
		again = 0;
		for (int l = 0; l < s->n_lessons; l++) {
			if (sch_solution_start(sol, l) >= 0)
				continue;
			int best_slot = -1;
			sch_cost best_d = 0;
			for (int slot = 0; slot < s->n_days * P; slot++) {
				if (!sch_slotset_has(&s->lessons[l].legal, slot))
					continue;
				sch_cost d = sch_solution_delta_move(sol, l, slot);
				if (sch_cost_delta_hard(d) == -1 && (best_slot < 0 || d < best_d)) {
					best_d = d;
					best_slot = slot;
				}
			}
			if (best_slot >= 0) {
				sch_solution_move(sol, l, best_slot);
				again = 1;
			}
		}
	}
	sch_moves_free(&mv);
done:
	free(viol);
	free(cut);
	free(best_cut);
}

/* ---- results ---- */

void sch_solve_result_free(sch_solve_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_items; i++)
		free(r->items[i].reason);
	free(r->items);
	free(r);
}

int sch_solve_result_feasible(const sch_solve_result *r) { return r ? r->feasible : 0; }
int sch_solve_result_status(const sch_solve_result *r) { return r ? r->status : SCH_EINVALID; }
sch_cost sch_solve_result_cost(const sch_solve_result *r) { return r ? r->cost : 0; }
sch_cost sch_solve_result_initial_cost(const sch_solve_result *r) { return r ? r->initial : 0; }
uint64_t sch_solve_result_iterations(const sch_solve_result *r) { return r ? r->iterations : 0; }
double sch_solve_result_seconds(const sch_solve_result *r) { return r ? r->seconds : 0; }
double sch_solve_result_feasible_seconds(const sch_solve_result *r) { return r ? r->feasible_seconds : -1; }
size_t sch_solve_result_unplaced_count(const sch_solve_result *r) { return r ? r->n_items : 0; }

int64_t sch_solve_result_term_amount(const sch_solve_result *r, int term)
{
	return r && term >= 0 && term < SCH_T_COUNT ? r->amount[term] : 0;
}

int64_t sch_solve_result_term_cost(const sch_solve_result *r, int term)
{
	return r && term >= 0 && term < SCH_T_COUNT ? r->cost_of[term] : 0;
}

int sch_solve_result_unplaced_lesson(const sch_solve_result *r, size_t i)
{
	return r && i < r->n_items ? r->items[i].lesson : -1;
}

const char *sch_solve_result_unplaced_reason(const sch_solve_result *r, size_t i)
{
	return r && i < r->n_items ? r->items[i].reason : NULL;
}

/* ---- the driver ---- */

int sch_solve(sch_timetable **out, sch_solve_result **result, const sch_school *school,
	      const sch_solve_options *opts)
{
	sch_solve_options def = SCH_SOLVE_OPTIONS_INIT;
	sch_solver_ctx ctx = {0};
	sch_solution *sol = NULL;
	sch_timetable *tt = NULL;
	sch_solve_result *res = NULL;
	int rc = 0;
	if (out)
		*out = NULL;
	if (result)
		*result = NULL;
	if (!out || !school)
		return sch_error_set(SCH_EINVALID, "sch_solve: out and school are required");
	if (!opts)
		opts = &def;
	if (opts->version != SCH_SOLVE_OPTIONS_VERSION)
		return sch_error_set(SCH_EINVALID, "sch_solve: unknown options version %d", opts->version);
	if (opts->method == SCH_METHOD_HYBRID || opts->method == SCH_METHOD_MIP)
		return sch_error_set(SCH_EINVALID, "sch_solve: method %s is not built in this version",
				     sch_method_name(opts->method));
	if (opts->method != SCH_METHOD_GREEDY && opts->method != SCH_METHOD_LOCAL)
		return sch_error_set(SCH_EINVALID, "sch_solve: unknown method %d", opts->method);
	if (opts->method == SCH_METHOD_LOCAL && opts->time_limit <= 0 && !opts->iterations && !opts->cancel &&
	    !opts->progress)
		return sch_error_set(SCH_EINVALID, "sch_solve: the local search needs a time limit, an iteration "
						   "count, a cancel flag or a progress callback to stop");
	if (opts->from && sch_timetable_school(opts->from) != school)
		return sch_error_set(SCH_EINVALID, "sch_solve: the warm-start timetable is of another school");

	clock_gettime(CLOCK_MONOTONIC, &ctx.t0);
	ctx.opts = opts;
	ctx.budget = opts->iterations;
	ctx.L = school->n_lessons;
	ctx.best_cost = INT64_MAX;
	ctx.feasible_at = -1;
	uint64_t seed = opts->seed;
	for (int i = 0; i < 4; i++)
		ctx.rng[i] = splitmix(&seed);
	ctx.best = malloc(sizeof(int) * (size_t)(school->n_lessons + 1));
	res = calloc(1, sizeof *res);
	if (!ctx.best || !res) {
		rc = sch_error_set(SCH_ENOMEM, "out of memory");
		goto done;
	}
	if ((rc = sch_solution_new(&sol, school, opts->from)) != 0)
		goto done;
	if (opts->from && (rc = sch_solution_from_timetable(sol, opts->from)) != 0)
		goto done;

	int stop_rc = sch_solver_greedy()->run(sol, opts, &ctx);
	sch_solver_ctx_offer(&ctx, sol);
	res->initial = ctx.best_cost;
	if (stop_rc < 0 && stop_rc != SCH_ETIMEOUT && stop_rc != SCH_ECANCELLED) {
		rc = stop_rc;
		goto done;
	}
	if (stop_rc == 0 && opts->method == SCH_METHOD_LOCAL) {
		sch_solver_ctx_restore_best(&ctx, sol);
		stop_rc = sch_solver_local()->run(sol, opts, &ctx);
		sch_solver_ctx_offer(&ctx, sol);
		if (stop_rc < 0 && stop_rc != SCH_ETIMEOUT && stop_rc != SCH_ECANCELLED) {
			rc = stop_rc;
			goto done;
		}
	}
	sch_solver_ctx_restore_best(&ctx, sol);
	if (sch_solution_hard(sol) > 0) {
		strip_violations(sol, school);
		for (int l = 0; l < school->n_lessons; l++)
			if (sch_solution_start(sol, l) < 0)
				res->n_items++;
		res->items = calloc(res->n_items + 1, sizeof *res->items);
		if (!res->items) {
			rc = sch_error_set(SCH_ENOMEM, "out of memory");
			goto done;
		}
		size_t k = 0;
		for (int l = 0; l < school->n_lessons; l++)
			if (sch_solution_start(sol, l) < 0) {
				res->items[k].lesson = l;
				res->items[k].reason = explain(school, sol, l);
				k++;
			}
	}
	if ((rc = sch_timetable_new(&tt, school)) != 0 || (rc = sch_solution_to_timetable(sol, tt)) != 0)
		goto done;
	res->feasible = sch_solution_hard(sol) == 0;
	res->cost = sch_solution_cost(sol);
	for (int t = 0; t < SCH_T_COUNT; t++) {
		res->amount[t] = sch_solution_term_amount(sol, t);
		res->cost_of[t] = sch_solution_term_cost(sol, t);
	}
	res->iterations = ctx.iters;
	res->seconds = now_since(&ctx.t0);
	res->feasible_seconds = ctx.feasible_at;
	if (ctx.opts->progress) {
		ctx.phase = "done";
		ctx.best_cost = res->cost;
		ctx.best_hard = sch_solution_hard(sol);
		ctx.best_soft = sch_solution_soft(sol);
		report(&ctx, sol, res->seconds);
	}
	if (stop_rc == SCH_ECANCELLED)
		rc = sch_error_set(SCH_ECANCELLED, "the solve was cancelled; the best timetable so far is returned");
	else if (!res->feasible && stop_rc == SCH_ETIMEOUT)
		rc = sch_error_set(SCH_ETIMEOUT, "the time limit ran out before every lesson had a place (%zu left out)",
				   res->n_items);
	else if (!res->feasible)
		rc = sch_error_set(SCH_EINFEASIBLE, "no timetable without hard violations was found: %zu lesson%s left out%s%s",
				   res->n_items, res->n_items == 1 ? "" : "s", res->n_items ? "; first: " : "",
				   res->n_items ? res->items[0].reason : "");
	res->status = rc;
	*out = tt;
	tt = NULL;
	if (result) {
		*result = res;
		res = NULL;
	}
done:
	if (rc && rc != SCH_EINFEASIBLE && rc != SCH_ECANCELLED && rc != SCH_ETIMEOUT && out && *out) {
		sch_timetable_free(*out);
		*out = NULL;
	}
	sch_timetable_free(tt);
	sch_solve_result_free(res);
	sch_solution_free(sol);
	free(ctx.best);
	return rc;
}
