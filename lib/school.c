/* The school model: memory, defaults, derived lessons and indexes, and accessors. */
#include "schedule/school.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "schedule/sys/model.h"

typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
} arena_block;

void *sch_school_alloc(sch_school *s, size_t size)
{
	arena_block *b = s->arena;
	size = (size + 15) & ~(size_t)15;
	if (size == 0)
		size = 16;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > 60000 ? size : 65536 - sizeof(arena_block);
		arena_block *nb = malloc(sizeof *nb + cap);
		if (!nb)
			return NULL;
		nb->used = 0;
		nb->cap = cap;
		if (b && size > 60000) { /* a big one: keep filling the current block */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			s->arena = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

char *sch_school_strdup(sch_school *s, const char *str)
{
	if (!str)
		return NULL;
	size_t n = strlen(str) + 1;
	char *p = sch_school_alloc(s, n);
	if (p)
		memcpy(p, str, n);
	return p;
}

int sch_school_new(sch_school **out)
{
	sch_school *s = calloc(1, sizeof *s);
	if (!s)
		return sch_error_oom();
	s->weights = (sch_weights){
		.teacher_gap = 3,
		.teacher_days = 2,
		.methodical_day = 5,
		.spread = 2,
		.difficulty = 1,
		.hard_periods = 1,
		.class_balance = 2,
		.period_pref = 1,
		.moved = 10,
	};
	s->rules = (sch_rules){.late_start = false, .subject_once_a_day = true, .hard_difficulty = 8};
	*out = s;
	return 0;
}

void sch_school_free(sch_school *s)
{
	if (!s)
		return;
	arena_block *b = s->arena;
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(s);
}

void sch_free(void *ptr)
{
	free(ptr);
}

/* Does local atom `a` of class c belong to group g of division d? */
static int atom_in_group(const sch_class_def *c, int a, int d, int g)
{
	int stride = 1;
	for (int i = d + 1; i < c->n_divisions; i++)
		stride *= c->divisions[i].n_groups;
	return (a / stride) % c->divisions[d].n_groups == g;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Sorts and removes duplicates in place; returns the new count. */
static int uniq(int *v, int n)
{
	if (n < 2)
		return n;
	qsort(v, (size_t)n, sizeof *v, cmp_int);
	int k = 1;
	for (int i = 1; i < n; i++)
		if (v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

static int build_atoms(sch_school *s, sch_diags *diags)
{
	int total = 0, bad = 0;
	for (int c = 0; c < s->n_classes; c++) {
		sch_class_def *cl = &s->classes[c];
		long n = 1;
		for (int d = 0; d < cl->n_divisions; d++) {
			n *= cl->divisions[d].n_groups > 0 ? cl->divisions[d].n_groups : 1;
			if (n > SCH_MAX_ATOMS_PER_CLASS)
				break;
		}
		if (n > SCH_MAX_ATOMS_PER_CLASS) {
			sch_diags_add(diags, SCH_DIAG_ERROR, s->source_file, cl->line, cl->col,
				      "class %s: its divisions split it into more than %d combinations of groups",
				      cl->id, SCH_MAX_ATOMS_PER_CLASS);
			bad = 1;
			n = 1;
		}
		cl->atom_first = total;
		cl->n_atoms = (int)n;
		total += (int)n;
	}
	s->n_atoms = total;
	s->atom_class = sch_school_alloc(s, sizeof(int) * (size_t)(total + 1));
	if (!s->atom_class)
		return sch_error_oom();
	for (int c = 0; c < s->n_classes; c++)
		for (int a = 0; a < s->classes[c].n_atoms; a++)
			s->atom_class[s->classes[c].atom_first + a] = c;
	return bad ? SCH_EINVALID : 0;
}

static int build_part_atoms(sch_school *s, sch_line_def *ln, sch_part_def *p)
{
	int n = 0;
	for (int i = 0; i < ln->n_classes; i++)
		n += s->classes[ln->classes[i]].n_atoms;
	p->atoms = sch_school_alloc(s, sizeof(int) * (size_t)(n + 1));
	if (!p->atoms)
		return sch_error_oom();
	p->n_atoms = 0;
	for (int i = 0; i < ln->n_classes; i++) {
		const sch_class_def *cl = &s->classes[ln->classes[i]];
		for (int a = 0; a < cl->n_atoms; a++) {
			if (p->division >= 0 && p->division < cl->n_divisions && p->group >= 0 &&
			    (i > 0 || !atom_in_group(cl, a, p->division, p->group)))
				continue;
			p->atoms[p->n_atoms++] = cl->atom_first + a;
		}
	}
	if (p->class_of < 0 && ln->n_classes > 0)
		p->class_of = ln->classes[0];
	return 0;
}

/* Legal start slots of a lesson: week, shift, forbidden positions, teacher availability. */
static void compute_legal(const sch_school *s, sch_lesson_def *l)
{
	memset(&l->legal, 0, sizeof l->legal);
	if (l->shift < 0 || l->shift >= s->n_shifts)
		return;
	const sch_shift_def *sh = &s->shifts[l->shift];
	const sch_subject_def *sub = &s->subjects[l->subject];
	for (int d = 0; d < l->week_days && d < s->n_days; d++) {
		for (int p = sh->first; p + l->length - 1 <= sh->last && p + l->length - 1 < s->n_periods; p++) {
			int ok = 1;
			for (int k = 0; k < l->length && ok; k++) {
				int pos = p + k - sh->first;
				if (pos < 32 && (sub->forbid_periods >> pos) & 1u)
					ok = 0;
				for (int t = 0; t < l->n_teachers && ok; t++)
					if (sch_slotset_has(&s->teachers[l->teachers[t]].unavailable,
							    sch_slot(s, d, p + k)))
						ok = 0;
			}
			if (ok)
				sch_slotset_add(&l->legal, sch_slot(s, d, p));
		}
	}
}

static char *slot_text(const sch_school *s, int slot, char *buf, size_t n)
{
	int d = slot / s->n_periods, p = slot % s->n_periods;
	snprintf(buf, n, "%s %d", sch_day_code(s->day_codes[d]), p + 1);
	return buf;
}

/* Says which rule keeps a lesson from its pinned slot. */
static void pinned_reason(const sch_school *s, const sch_lesson_def *l, char *why, size_t n)
{
	int d = l->pinned / s->n_periods, p = l->pinned % s->n_periods;
	const sch_shift_def *sh = l->shift >= 0 ? &s->shifts[l->shift] : NULL;
	const sch_subject_def *sub = &s->subjects[l->subject];
	if (d >= l->week_days) {
		snprintf(why, n, "the class has a %d-day week", l->week_days);
		return;
	}
	if (!sh || p < sh->first || p + l->length - 1 > sh->last) {
		if (sh)
			snprintf(why, n, "outside shift %s (bells %d-%d)%s", sh->id, sh->first + 1, sh->last + 1,
				 l->length > 1 ? " for a block of that length" : "");
		else
			snprintf(why, n, "the class has no shift");
		return;
	}
	for (int k = 0; k < l->length; k++) {
		int pos = p + k - sh->first;
		if (pos < 32 && (sub->forbid_periods >> pos) & 1u) {
			snprintf(why, n, "subject %s forbids lesson %d of the shift", sub->id, pos + 1);
			return;
		}
		for (int t = 0; t < l->n_teachers; t++) {
			const sch_teacher_def *te = &s->teachers[l->teachers[t]];
			if (sch_slotset_has(&te->unavailable, sch_slot(s, d, p + k))) {
				snprintf(why, n, "teacher %s is unavailable then", te->name && *te->name ? te->name : te->id);
				return;
			}
		}
	}
	snprintf(why, n, "not a legal start");
}

static int build_lessons(sch_school *s, sch_diags *diags)
{
	int total = 0, bad = 0;
	for (int i = 0; i < s->n_lines; i++) {
		sch_line_def *ln = &s->lines[i];
		int b = ln->block > 0 ? ln->block : 1;
		ln->n_lessons = ln->per_week > 0 ? ln->per_week / b + (ln->per_week % b ? 1 : 0) : 0;
		ln->first_lesson = total;
		total += ln->n_lessons;
	}
	s->n_lessons = total;
	s->lessons = sch_school_alloc(s, sizeof(sch_lesson_def) * (size_t)(total + 1));
	if (!s->lessons)
		return sch_error_oom();
	for (int i = 0; i < s->n_lines; i++) {
		sch_line_def *ln = &s->lines[i];
		int b = ln->block > 0 ? ln->block : 1;
		for (int p = 0; p < ln->n_parts; p++)
			if (build_part_atoms(s, ln, &ln->parts[p]))
				return SCH_ENOMEM;
		if (ln->n_pinned > ln->n_lessons) {
			sch_diags_add(diags, SCH_DIAG_ERROR, s->source_file, ln->line, ln->col,
				      "lessons[%d].pinned: %d pinned slots for a line of %d lessons", i + 1,
				      ln->n_pinned, ln->n_lessons);
			bad = 1;
		}
		for (int k = 0; k < ln->n_lessons; k++) {
			sch_lesson_def *l = &s->lessons[ln->first_lesson + k];
			int n_atoms = 0, n_teach = 0;
			l->line = i;
			l->index = k;
			l->subject = ln->subject;
			l->length = (k == ln->n_lessons - 1 && ln->per_week % b) ? ln->per_week % b : b;
			l->pinned = k < ln->n_pinned ? ln->pinned[k] : -1;
			l->n_parts = ln->n_parts;
			l->parts = ln->parts;
			for (int p = 0; p < ln->n_parts; p++)
				n_atoms += ln->parts[p].n_atoms;
			l->atoms = sch_school_alloc(s, sizeof(int) * (size_t)(n_atoms + 1));
			l->teachers = sch_school_alloc(s, sizeof(int) * (size_t)(ln->n_parts + 1));
			l->classes = sch_school_alloc(s, sizeof(int) * (size_t)(ln->n_classes + 1));
			if (!l->atoms || !l->teachers || !l->classes)
				return sch_error_oom();
			n_atoms = 0;
			for (int p = 0; p < ln->n_parts; p++) {
				memcpy(l->atoms + n_atoms, ln->parts[p].atoms, sizeof(int) * (size_t)ln->parts[p].n_atoms);
				n_atoms += ln->parts[p].n_atoms;
				if (ln->parts[p].teacher >= 0)
					l->teachers[n_teach++] = ln->parts[p].teacher;
			}
			l->n_atoms = uniq(l->atoms, n_atoms);
			l->n_teachers = uniq(l->teachers, n_teach);
			memcpy(l->classes, ln->classes, sizeof(int) * (size_t)ln->n_classes);
			l->n_classes = uniq(l->classes, ln->n_classes);
			l->shift = ln->n_classes ? s->classes[ln->classes[0]].shift : -1;
			l->week_days = s->n_days;
			for (int c = 0; c < ln->n_classes; c++)
				if (s->classes[ln->classes[c]].week_days < l->week_days)
					l->week_days = s->classes[ln->classes[c]].week_days;
			l->room_kind = s->subjects[ln->subject].room_kind;
			l->rooms_needed = 0;
			if (l->room_kind >= 0 && s->rooms_of_kind[l->room_kind] > 0)
				l->rooms_needed = ln->n_parts;
			compute_legal(s, l);
			if (l->pinned >= 0 && !sch_slotset_has(&l->legal, l->pinned)) {
				char buf[32], why[160];
				pinned_reason(s, l, why, sizeof why);
				sch_diags_add(diags, SCH_DIAG_ERROR, s->source_file, ln->line, ln->col,
					      "lessons[%d].pinned: slot %s is not allowed for %s %s: %s", i + 1,
					      slot_text(s, l->pinned, buf, sizeof buf),
					      ln->n_classes ? s->classes[ln->classes[0]].id : "?",
					      s->subjects[ln->subject].id, why);
				bad = 1;
			}
		}
	}
	return bad ? SCH_EINVALID : 0;
}

typedef int (*keys_of_fn)(const sch_lesson_def *l, const int **keys);

static int teacher_keys(const sch_lesson_def *l, const int **keys) { *keys = l->teachers; return l->n_teachers; }
static int atom_keys(const sch_lesson_def *l, const int **keys) { *keys = l->atoms; return l->n_atoms; }
static int class_keys(const sch_lesson_def *l, const int **keys) { *keys = l->classes; return l->n_classes; }

static int build_index(sch_school *s, sch_index *ix, int n_keys, keys_of_fn keys_of)
{
	ix->off = sch_school_alloc(s, sizeof(int) * (size_t)(n_keys + 2));
	if (!ix->off)
		return sch_error_oom();
	for (int i = 0; i < s->n_lessons; i++) {
		const int *k;
		int n = keys_of(&s->lessons[i], &k);
		for (int j = 0; j < n; j++)
			ix->off[k[j] + 1]++;
	}
	for (int k = 0; k < n_keys; k++)
		ix->off[k + 1] += ix->off[k];
	ix->idx = sch_school_alloc(s, sizeof(int) * (size_t)(ix->off[n_keys] + 1));
	int *fill = calloc((size_t)n_keys + 1, sizeof(int));
	if (!ix->idx || !fill) {
		free(fill);
		return sch_error_oom();
	}
	for (int i = 0; i < s->n_lessons; i++) {
		const int *k;
		int n = keys_of(&s->lessons[i], &k);
		for (int j = 0; j < n; j++)
			ix->idx[ix->off[k[j]] + fill[k[j]]++] = i;
	}
	free(fill);
	return 0;
}

static const char *const con_type_names[SCH_CON_COUNT] = {
	"min_days_between", "spread",      "allowed_starts", "unavailable", "max_gaps_per_day", "max_gaps_per_week",
	"min_per_day",      "max_per_day", "max_days",       "min_days",    "max_continuous",   "late_starts",
};

const char *sch_con_type_name(int type)
{
	return type >= 0 && type < SCH_CON_COUNT ? con_type_names[type] : "?";
}

int sch_con_type_parse(const char *name)
{
	for (int i = 0; name && i < SCH_CON_COUNT; i++)
		if (strcmp(name, con_type_names[i]) == 0)
			return i;
	return SCH_ENOTFOUND;
}

/* "constraints[3] (unavailable, FET ...)" for diagnostics. */
static void con_label(const sch_school *s, int ci, char *buf, size_t n)
{
	const sch_constraint *c = &s->constraints[ci];
	snprintf(buf, n, "constraints[%d] (%s%s%s)", ci + 1, sch_con_type_name(c->type),
		 c->source && *c->source ? ", " : "", c->source && *c->source ? c->source : "");
}

/* Does a hard constraint apply to a lesson through its teachers or atoms? */
static int con_touches(const sch_constraint *c, const sch_lesson_def *l)
{
	for (int i = 0; i < c->n_teachers; i++)
		for (int k = 0; k < l->n_teachers; k++)
			if (c->teachers[i] == l->teachers[k])
				return 1;
	for (int i = 0, k = 0; i < c->n_atoms && k < l->n_atoms;) {
		if (c->atoms[i] == l->atoms[k])
			return 1;
		if (c->atoms[i] < l->atoms[k])
			i++;
		else
			k++;
	}
	return 0;
}

/* Says which hard constraint keeps a pinned lesson from its slot, at the constraint. */
static void pinned_by_constraint(const sch_school *s, sch_diags *diags, int l)
{
	const sch_lesson_def *ld = &s->lessons[l];
	const sch_line_def *ln = &s->lines[ld->line];
	int P = s->n_periods, d = ld->pinned / P, p = ld->pinned % P;
	char label[256], at[32];
	slot_text(s, ld->pinned, at, sizeof at);
	for (int ci = 0; ci < s->n_constraints; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		int hit = 0;
		if (c->weight != SCH_WEIGHT_HARD)
			continue;
		if (c->type == SCH_CON_ALLOWED_STARTS) {
			for (int i = 0; i < c->n_lessons && !hit; i++)
				hit = c->lessons[i] == l && !sch_slotset_has(&c->slots, ld->pinned);
		} else if (c->type == SCH_CON_UNAVAILABLE && con_touches(c, ld)) {
			for (int k = 0; k < ld->length && p + k < P && !hit; k++)
				hit = sch_slotset_has(&c->slots, sch_slot(s, d, p + k));
		}
		if (!hit)
			continue;
		con_label(s, ci, label, sizeof label);
		sch_diags_add(diags, SCH_DIAG_ERROR, s->source_file, c->line, c->col,
			      "%s: lesson %d of %s %s is pinned at %s, where this hard constraint does not allow it",
			      label, ld->index + 1, ln->n_classes ? s->classes[ln->classes[0]].id : "?",
			      s->subjects[ld->subject].id, at);
		return;
	}
}

/*
 * Derives the constraints' atoms and lessons, checks their references, and folds hard
 * `unavailable` and `allowed_starts` into the lessons' legal starts.
 */
static int build_constraints(sch_school *s, sch_diags *diags)
{
	int bad = 0, P = s->n_periods;
	char label[256];
	for (int ci = 0; ci < s->n_constraints; ci++) {
		sch_constraint *c = &s->constraints[ci];
		int n = 0, cbad = 0;
		con_label(s, ci, label, sizeof label);
		if (c->type < 0 || c->type >= SCH_CON_COUNT || (c->weight != SCH_WEIGHT_HARD && c->weight <= 0)) {
			sch_diags_add(diags, SCH_DIAG_ERROR, s->source_file, c->line, c->col,
				      "%s: type %d or weight %d out of range", label, c->type, c->weight);
			bad = cbad = 1;
		}
		for (int i = 0; i < c->n_teachers; i++)
			cbad |= c->teachers[i] < 0 || c->teachers[i] >= s->n_teachers;
		for (int i = 0; i < c->n_lines; i++)
			cbad |= c->lines[i] < 0 || c->lines[i] >= s->n_lines;
		for (int i = 0; i < c->n_students; i++) {
			const sch_students_ref *r = &c->students[i];
			if (r->class_of < 0 || r->class_of >= s->n_classes) {
				cbad = 1;
				continue;
			}
			const sch_class_def *cl = &s->classes[r->class_of];
			if (r->division >= 0 && (r->division >= cl->n_divisions || r->group < 0 ||
						 r->group >= cl->divisions[r->division].n_groups))
				cbad = 1;
			n += cl->n_atoms;
		}
		if (cbad) {
			if (!bad)
				sch_diags_add(diags, SCH_DIAG_ERROR, s->source_file, c->line, c->col,
					      "%s: a teacher, class, group or load line out of range", label);
			bad = 1;
			c->n_atoms = c->n_lessons = 0;
			continue;
		}
		c->n_teachers = uniq(c->teachers, c->n_teachers);
		c->atoms = sch_school_alloc(s, sizeof(int) * (size_t)(n + 1));
		if (!c->atoms)
			return sch_error_oom();
		c->n_atoms = 0;
		for (int i = 0; i < c->n_students; i++) {
			const sch_students_ref *r = &c->students[i];
			const sch_class_def *cl = &s->classes[r->class_of];
			for (int a = 0; a < cl->n_atoms; a++)
				if (r->division < 0 || atom_in_group(cl, a, r->division, r->group))
					c->atoms[c->n_atoms++] = cl->atom_first + a;
		}
		c->n_atoms = uniq(c->atoms, c->n_atoms);
		n = 0;
		for (int i = 0; i < c->n_lines; i++)
			n += s->lines[c->lines[i]].n_lessons;
		c->lessons = sch_school_alloc(s, sizeof(int) * (size_t)(n + 1));
		if (!c->lessons)
			return sch_error_oom();
		c->n_lessons = 0;
		for (int i = 0; i < c->n_lines; i++) {
			const sch_line_def *ln = &s->lines[c->lines[i]];
			for (int k = 0; k < ln->n_lessons; k++)
				c->lessons[c->n_lessons++] = ln->first_lesson + k;
		}
		c->n_lessons = uniq(c->lessons, c->n_lessons);
	}

	/* Hard unavailability per teacher and atom, then each lesson's legal starts. */
	sch_slotset *tun = calloc((size_t)s->n_teachers + 1, sizeof *tun);
	sch_slotset *aun = calloc((size_t)s->n_atoms + 1, sizeof *aun);
	sch_slotset *allow = calloc((size_t)s->n_lessons + 1, sizeof *allow);
	if (!tun || !aun || !allow) {
		free(tun);
		free(aun);
		free(allow);
		return sch_error_oom();
	}
	for (int l = 0; l < s->n_lessons; l++)
		allow[l] = (sch_slotset){{~(uint64_t)0, ~(uint64_t)0}};
	for (int ci = 0; ci < s->n_constraints; ci++) {
		const sch_constraint *c = &s->constraints[ci];
		if (c->weight != SCH_WEIGHT_HARD)
			continue;
		if (c->type == SCH_CON_UNAVAILABLE) {
			for (int i = 0; i < c->n_teachers; i++)
				for (int w = 0; w < 2; w++)
					tun[c->teachers[i]].w[w] |= c->slots.w[w];
			for (int i = 0; i < c->n_atoms; i++)
				for (int w = 0; w < 2; w++)
					aun[c->atoms[i]].w[w] |= c->slots.w[w];
		} else if (c->type == SCH_CON_ALLOWED_STARTS) {
			for (int i = 0; i < c->n_lessons; i++)
				for (int w = 0; w < 2; w++)
					allow[c->lessons[i]].w[w] &= c->slots.w[w];
		}
	}
	for (int l = 0; l < s->n_lessons; l++) {
		sch_lesson_def *ld = &s->lessons[l];
		sch_slotset off = {{0, 0}};
		for (int i = 0; i < ld->n_teachers; i++)
			for (int w = 0; w < 2; w++)
				off.w[w] |= tun[ld->teachers[i]].w[w];
		for (int i = 0; i < ld->n_atoms; i++)
			for (int w = 0; w < 2; w++)
				off.w[w] |= aun[ld->atoms[i]].w[w];
		int was = ld->pinned >= 0 && sch_slotset_has(&ld->legal, ld->pinned);
		for (int w = 0; w < 2; w++)
			ld->legal.w[w] &= allow[l].w[w];
		if (sch_slotset_count(&off) > 0)
			for (int st = 0; st < s->n_days * P; st++) {
				if (!sch_slotset_has(&ld->legal, st))
					continue;
				for (int k = 0; k < ld->length && st % P + k < P; k++)
					if (sch_slotset_has(&off, st + k)) {
						sch_slotset_del(&ld->legal, st);
						break;
					}
			}
		if (was && !sch_slotset_has(&ld->legal, ld->pinned)) {
			pinned_by_constraint(s, diags, l);
			bad = 1;
		}
	}
	free(tun);
	free(aun);
	free(allow);
	return bad ? SCH_EINVALID : 0;
}

int sch_school_finalize(sch_school *s, sch_diags *diags)
{
	int rc, bad = 0;
	if (s->n_days < 1 || s->n_days > SCH_MAX_DAYS || s->n_periods < 1 || s->n_periods > SCH_MAX_PERIODS)
		return sch_error_set(SCH_EINVALID, "%s: a school needs 1-%d days and 1-%d bells",
				     s->source_file ? s->source_file : "school", SCH_MAX_DAYS, SCH_MAX_PERIODS);
	s->rooms_of_kind = sch_school_alloc(s, sizeof(int) * (size_t)(s->n_room_kinds + 1));
	if (!s->rooms_of_kind)
		return sch_error_oom();
	for (int r = 0; r < s->n_rooms; r++)
		if (s->rooms[r].kind >= 0)
			s->rooms_of_kind[s->rooms[r].kind]++;
	rc = build_atoms(s, diags);
	if (rc == SCH_ENOMEM)
		return rc;
	bad |= rc != 0;
	rc = build_lessons(s, diags);
	if (rc == SCH_ENOMEM)
		return rc;
	bad |= rc != 0;
	if (build_index(s, &s->by_teacher, s->n_teachers, teacher_keys) ||
	    build_index(s, &s->by_atom, s->n_atoms, atom_keys) ||
	    build_index(s, &s->by_class, s->n_classes, class_keys))
		return SCH_ENOMEM;
	rc = build_constraints(s, diags);
	if (rc == SCH_ENOMEM)
		return rc;
	bad |= rc != 0;
	if (bad)
		return sch_error_set(SCH_EINVALID, "%s: the school has errors",
				     s->source_file ? s->source_file : "school");
	return 0;
}

/* Accessors. Out-of-range indexes give NULL or 0, never a crash. */

const char *sch_school_name(const sch_school *s) { return s && s->name ? s->name : ""; }
int sch_school_days(const sch_school *s) { return s ? s->n_days : 0; }
int sch_school_periods(const sch_school *s) { return s ? s->n_periods : 0; }
int sch_school_teacher_count(const sch_school *s) { return s ? s->n_teachers : 0; }
int sch_school_class_count(const sch_school *s) { return s ? s->n_classes : 0; }
int sch_school_subject_count(const sch_school *s) { return s ? s->n_subjects : 0; }
int sch_school_room_count(const sch_school *s) { return s ? s->n_rooms : 0; }
int sch_school_lesson_count(const sch_school *s) { return s ? s->n_lessons : 0; }

const char *sch_school_teacher_id(const sch_school *s, int i)
{
	return s && i >= 0 && i < s->n_teachers ? s->teachers[i].id : NULL;
}

const char *sch_school_teacher_name(const sch_school *s, int i)
{
	if (!s || i < 0 || i >= s->n_teachers)
		return NULL;
	return s->teachers[i].name && *s->teachers[i].name ? s->teachers[i].name : s->teachers[i].id;
}

const char *sch_school_class_id(const sch_school *s, int i)
{
	return s && i >= 0 && i < s->n_classes ? s->classes[i].id : NULL;
}

const char *sch_school_subject_id(const sch_school *s, int i)
{
	return s && i >= 0 && i < s->n_subjects ? s->subjects[i].id : NULL;
}

const char *sch_school_subject_name(const sch_school *s, int i, const char *lang)
{
	if (!s || i < 0 || i >= s->n_subjects)
		return NULL;
	const sch_subject_def *sub = &s->subjects[i];
	const char *first = sub->name_ru, *second = sub->name_ky;
	if (lang && strcmp(lang, "ky") == 0) {
		first = sub->name_ky;
		second = sub->name_ru;
	}
	if (first && *first)
		return first;
	if (second && *second)
		return second;
	return sub->id;
}

const char *sch_school_room_id(const sch_school *s, int i)
{
	return s && i >= 0 && i < s->n_rooms ? s->rooms[i].id : NULL;
}

#define FIND_BY_ID(arr, n)                                              \
	do {                                                            \
		if (!s || !id)                                          \
			return SCH_ENOTFOUND;                           \
		for (int i = 0; i < s->n; i++)                          \
			if (s->arr[i].id && strcmp(s->arr[i].id, id) == 0) \
				return i;                               \
		return SCH_ENOTFOUND;                                   \
	} while (0)

int sch_school_find_teacher(const sch_school *s, const char *id) { FIND_BY_ID(teachers, n_teachers); }
int sch_school_find_class(const sch_school *s, const char *id) { FIND_BY_ID(classes, n_classes); }
int sch_school_find_subject(const sch_school *s, const char *id) { FIND_BY_ID(subjects, n_subjects); }
int sch_school_find_room(const sch_school *s, const char *id) { FIND_BY_ID(rooms, n_rooms); }

static const char *const day_codes[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

const char *sch_day_code(int code)
{
	return code >= 0 && code < 7 ? day_codes[code] : "?";
}

static const char *const day_names[2][7] = {
	{"Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"},
	{"Дүйшөмбү", "Шейшемби", "Шаршемби", "Бейшемби", "Жума", "Ишемби", "Жекшемби"},
};
static const char *const day_abbrevs[2][7] = {
	{"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"},
	{"Дш", "Шш", "Шр", "Бш", "Жм", "Иш", "Жк"},
};

const char *sch_day_name(int code, const char *lang)
{
	return code >= 0 && code < 7 ? day_names[lang && strcmp(lang, "ky") == 0][code] : "?";
}

const char *sch_day_abbrev(int code, const char *lang)
{
	return code >= 0 && code < 7 ? day_abbrevs[lang && strcmp(lang, "ky") == 0][code] : "?";
}

int sch_day_parse(const char *text)
{
	static const char *const alt[7][4] = {
		{"monday", "пн", "понедельник", "дүйшөмбү"}, {"tuesday", "вт", "вторник", "шейшемби"},
		{"wednesday", "ср", "среда", "шаршемби"},   {"thursday", "чт", "четверг", "бейшемби"},
		{"friday", "пт", "пятница", "жума"},        {"saturday", "сб", "суббота", "ишемби"},
		{"sunday", "вс", "воскресенье", "жекшемби"}};
	if (!text)
		return SCH_ENOTFOUND;
	for (int d = 0; d < 7; d++) {
		if (strcasecmp(text, day_codes[d]) == 0)
			return d;
		for (int k = 0; k < 4; k++)
			if (strcasecmp(text, alt[d][k]) == 0)
				return d;
	}
	return SCH_ENOTFOUND;
}
