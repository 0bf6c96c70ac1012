/* Writes a school model back as YAML (docs/format.md) that loads to the same model. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <regex.h>
#include <yaml.h>

#include "error.h"
#include "fileio.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"

/* The loader's default class max_per_day by grade; a class that differs writes its own. */
static const int default_max_table[SCH_MAX_GRADE + 1] = {0, 4, 5, 5, 5, 6, 6, 7, 7, 7, 7, 7, 7};

typedef struct {
	char *buf;
	size_t len, cap;
	int oom;
} out_buf;

typedef struct {
	yaml_emitter_t em;
	out_buf out;
	int failed;
	const sch_school *s;
	regex_t typed[6]; /* typed_patterns, compiled */
	const char **line_id; /* the id written for each load line, NULL none */
	char *id_buf;         /* ids made up for lines that constraints name but that have none */
} writer;

static int write_handler(void *data, unsigned char *bytes, size_t size)
{
	out_buf *o = data;
	if (o->len + size + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (o->len + size + 1 > cap)
			cap *= 2;
		char *nb = realloc(o->buf, cap);
		if (!nb) {
			o->oom = 1;
			return 0;
		}
		o->buf = nb;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, bytes, size);
	o->len += size;
	o->buf[o->len] = '\0';
	return 1;
}

static void emit(writer *w, yaml_event_t *ev, int ok)
{
	if (w->failed)
		return;
	if (!ok || !yaml_emitter_emit(&w->em, ev))
		w->failed = 1;
}

/*
 * The implicit types of YAML 1.1 (PyYAML's resolvers, which the Python bindings' users will
 * read our files with): text matching one of these is written double-quoted so that it stays
 * a string there. Our own loader reads either form the same.
 */
static const char *const typed_patterns[] = {
	"^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$",
	"^(~|null|Null|NULL|)$",
	"^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$",
	"^([-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9_]+([eE][-+][0-9]+)?|"
	"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$",
	"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}.*)$",
	"^(=|<<)$",
};
#define N_TYPED (sizeof typed_patterns / sizeof *typed_patterns)

static bool looks_typed(writer *w, const char *s)
{
	for (size_t i = 0; i < N_TYPED; i++)
		if (regexec(&w->typed[i], s, 0, NULL, 0) == 0)
			return true;
	return false;
}

/* A text value: plain when that reads back as the same string everywhere, else double-quoted. */
static void text(writer *w, const char *s)
{
	yaml_event_t ev;
	if (!s)
		s = "";
	yaml_scalar_style_t style = looks_typed(w, s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE;
	emit(w, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1, style));
}

/* A token we build ourselves (numbers, "1-4", "mon 3", "08:00-08:45", true): always plain. */
static void plain(writer *w, const char *s)
{
	yaml_event_t ev;
	emit(w, &ev,
	     yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
					  YAML_PLAIN_SCALAR_STYLE));
}

static void num(writer *w, long v)
{
	char b[32];
	snprintf(b, sizeof b, "%ld", v);
	plain(w, b);
}

static void map_start(writer *w, int flow)
{
	yaml_event_t ev;
	emit(w, &ev,
	     yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						 flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE));
}

static void map_end(writer *w)
{
	yaml_event_t ev;
	emit(w, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(writer *w, int flow)
{
	yaml_event_t ev;
	emit(w, &ev,
	     yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						  flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

static void seq_end(writer *w)
{
	yaml_event_t ev;
	emit(w, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void key_num(writer *w, const char *key, long v)
{
	plain(w, key);
	num(w, v);
}

static void key_text(writer *w, const char *key, const char *v)
{
	plain(w, key);
	text(w, v);
}

static void key_bool(writer *w, const char *key, bool v)
{
	plain(w, key);
	plain(w, v ? "true" : "false");
}

/* A period mask as a list of numbers: bit k is number k+1. */
static void key_mask(writer *w, const char *key, uint32_t mask)
{
	if (!mask)
		return;
	plain(w, key);
	seq_start(w, 1);
	for (int k = 0; k < 32; k++)
		if (mask & (1u << k))
			num(w, k + 1);
	seq_end(w);
}

static void range_text(char *b, size_t n, int a, int z)
{
	if (a == z)
		snprintf(b, n, "%d", a);
	else
		snprintf(b, n, "%d-%d", a, z);
}

static void write_school(writer *w)
{
	const sch_school *s = w->s;
	plain(w, "school");
	map_start(w, 0);
	key_text(w, "name", s->name);
	if (s->year && *s->year)
		key_text(w, "year", s->year);
	plain(w, "days");
	seq_start(w, 1);
	for (int d = 0; d < s->n_days; d++)
		plain(w, sch_day_code(s->day_codes[d]));
	seq_end(w);
	map_end(w);

	plain(w, "bells");
	seq_start(w, 1);
	for (int p = 0; p < s->n_periods; p++) {
		char b[32];
		const sch_bell *bl = &s->bells[p];
		snprintf(b, sizeof b, "%02d:%02d-%02d:%02d", (bl->start_min / 60) % 100, bl->start_min % 60,
			 (bl->end_min / 60) % 100, bl->end_min % 60);
		plain(w, b);
	}
	seq_end(w);

	plain(w, "shifts");
	map_start(w, 0);
	for (int i = 0; i < s->n_shifts; i++) {
		char b[32];
		text(w, s->shifts[i].id);
		map_start(w, 1);
		if (s->shifts[i].name && *s->shifts[i].name)
			key_text(w, "name", s->shifts[i].name);
		range_text(b, sizeof b, s->shifts[i].first + 1, s->shifts[i].last + 1);
		plain(w, "periods");
		plain(w, b);
		map_end(w);
	}
	map_end(w);

	plain(w, "rules");
	map_start(w, 1);
	key_bool(w, "late_start", s->rules.late_start);
	key_bool(w, "subject_once_a_day", s->rules.subject_once_a_day);
	key_num(w, "hard_difficulty", s->rules.hard_difficulty);
	plain(w, "pupil_gaps");
	plain(w, s->rules.pupil_gaps == SCH_PUPIL_GAPS_ALLOWED ? "allowed" : "forbidden");
	map_end(w);

	const sch_weights *wt = &s->weights;
	plain(w, "weights");
	map_start(w, 1);
	key_num(w, "teacher_gap", wt->teacher_gap);
	key_num(w, "teacher_days", wt->teacher_days);
	key_num(w, "methodical_day", wt->methodical_day);
	key_num(w, "spread", wt->spread);
	key_num(w, "difficulty", wt->difficulty);
	key_num(w, "hard_periods", wt->hard_periods);
	key_num(w, "class_balance", wt->class_balance);
	key_num(w, "period_pref", wt->period_pref);
	key_num(w, "moved", wt->moved);
	map_end(w);
}

/*
 * Difficulty: one number when all grades agree; else runs of equal values from the
 * first non-zero grade (the loader fills a grade left out from the one below, so
 * leading zeros are left out and inner zeros are written).
 */
static void write_difficulty(writer *w, const sch_subject_def *sub)
{
	const int *d = sub->difficulty;
	int first = 1;
	bool same = true;
	for (int g = 2; g <= SCH_MAX_GRADE; g++)
		same &= d[g] == d[1];
	if (same) {
		if (d[1])
			key_num(w, "difficulty", d[1]);
		return;
	}
	while (first <= SCH_MAX_GRADE && d[first] == 0)
		first++;
	plain(w, "difficulty");
	map_start(w, 1);
	for (int g = first; g <= SCH_MAX_GRADE;) {
		int z = g;
		char b[32];
		while (z + 1 <= SCH_MAX_GRADE && d[z + 1] == d[g])
			z++;
		/* The last run may stop early: the loader carries its value up to grade 12. */
		range_text(b, sizeof b, g, z);
		key_num(w, b, d[g]);
		g = z + 1;
	}
	map_end(w);
}

static void write_subjects(writer *w)
{
	static const char *const doubles[] = {"no", "allowed", "required"};
	const sch_school *s = w->s;
	plain(w, "subjects");
	map_start(w, 0);
	for (int i = 0; i < s->n_subjects; i++) {
		const sch_subject_def *sub = &s->subjects[i];
		text(w, sub->id);
		map_start(w, 0);
		if ((sub->name_ru && *sub->name_ru) || (sub->name_ky && *sub->name_ky)) {
			plain(w, "name");
			map_start(w, 1);
			if (sub->name_ru && *sub->name_ru)
				key_text(w, "ru", sub->name_ru);
			if (sub->name_ky && *sub->name_ky)
				key_text(w, "ky", sub->name_ky);
			map_end(w);
		}
		write_difficulty(w, sub);
		if (sub->room_kind >= 0 && sub->room_kind < s->n_room_kinds)
			key_text(w, "room", s->room_kinds[sub->room_kind]);
		if (sub->double_rule > 0 && sub->double_rule <= 2) {
			plain(w, "double");
			plain(w, doubles[sub->double_rule]);
		}
		key_mask(w, "prefer_periods", sub->prefer_periods);
		key_mask(w, "avoid_periods", sub->avoid_periods);
		key_mask(w, "forbid_periods", sub->forbid_periods);
		map_end(w);
	}
	map_end(w);
}

/* Slots under `key` as "sat" (the whole day) or "mon 1-3" runs. */
static void write_slots(writer *w, const char *key, const sch_slotset *set)
{
	const sch_school *s = w->s;
	if (sch_slotset_count(set) == 0)
		return;
	plain(w, key);
	seq_start(w, 1);
	for (int d = 0; d < s->n_days; d++) {
		int busy = 0;
		for (int p = 0; p < s->n_periods; p++)
			busy += sch_slotset_has(set, sch_slot(s, d, p));
		if (busy == s->n_periods) {
			plain(w, sch_day_code(s->day_codes[d]));
			continue;
		}
		for (int p = 0; p < s->n_periods;) {
			if (!sch_slotset_has(set, sch_slot(s, d, p))) {
				p++;
				continue;
			}
			int z = p;
			while (z + 1 < s->n_periods && sch_slotset_has(set, sch_slot(s, d, z + 1)))
				z++;
			char r[32], b[64];
			range_text(r, sizeof r, p + 1, z + 1);
			snprintf(b, sizeof b, "%s %s", sch_day_code(s->day_codes[d]), r);
			plain(w, b);
			p = z + 1;
		}
	}
	seq_end(w);
}

static void write_teachers(writer *w)
{
	const sch_school *s = w->s;
	plain(w, "teachers");
	map_start(w, 0);
	for (int i = 0; i < s->n_teachers; i++) {
		const sch_teacher_def *t = &s->teachers[i];
		text(w, t->id);
		map_start(w, 0);
		if (t->name && *t->name)
			key_text(w, "name", t->name);
		plain(w, "subjects");
		seq_start(w, 1);
		for (int k = 0; k < t->n_subjects; k++)
			text(w, s->subjects[t->subjects[k]].id);
		seq_end(w);
		write_slots(w, "unavailable", &t->unavailable);
		if (t->max_per_day > 0)
			key_num(w, "max_per_day", t->max_per_day);
		if (t->max_days > 0)
			key_num(w, "max_days", t->max_days);
		if (t->methodical_day >= 0 && t->methodical_day < s->n_days) {
			plain(w, "methodical_day");
			plain(w, sch_day_code(s->day_codes[t->methodical_day]));
		}
		key_mask(w, "prefer_periods", t->prefer_periods);
		key_mask(w, "avoid_periods", t->avoid_periods);
		map_end(w);
	}
	map_end(w);
}

static void write_classes(writer *w)
{
	const sch_school *s = w->s;
	plain(w, "classes");
	map_start(w, 0);
	for (int i = 0; i < s->n_classes; i++) {
		const sch_class_def *c = &s->classes[i];
		text(w, c->id);
		map_start(w, 1);
		key_num(w, "grade", c->grade);
		if (c->shift >= 0 && c->shift < s->n_shifts)
			key_text(w, "shift", s->shifts[c->shift].id);
		if (c->pupils > 0)
			key_num(w, "pupils", c->pupils);
		if (c->week_days != s->n_days)
			key_num(w, "week", c->week_days);
		if (c->grade < 1 || c->grade > SCH_MAX_GRADE || c->max_per_day != default_max_table[c->grade])
			key_num(w, "max_per_day", c->max_per_day);
		if (c->n_divisions > 0) {
			plain(w, "divisions");
			map_start(w, 1);
			for (int d = 0; d < c->n_divisions; d++) {
				text(w, c->divisions[d].name);
				seq_start(w, 1);
				for (int g = 0; g < c->divisions[d].n_groups; g++)
					text(w, c->divisions[d].groups[g]);
				seq_end(w);
			}
			map_end(w);
		}
		map_end(w);
	}
	map_end(w);

	if (s->n_rooms > 0) {
		plain(w, "rooms");
		map_start(w, 0);
		for (int i = 0; i < s->n_rooms; i++) {
			const sch_room_def *r = &s->rooms[i];
			text(w, r->id);
			map_start(w, 1);
			if (r->kind >= 0 && r->kind < s->n_room_kinds)
				key_text(w, "kind", s->room_kinds[r->kind]);
			if (r->capacity > 0)
				key_num(w, "capacity", r->capacity);
			map_end(w);
		}
		map_end(w);
	}
}

/* A group as the loader reads it: its bare name when unique in the class, else division.group. */
static void group_name(const sch_class_def *c, int d, int g, char *b, size_t n)
{
	const char *name = c->divisions[d].groups[g];
	int count = 0;
	for (int dd = 0; dd < c->n_divisions; dd++)
		for (int gg = 0; gg < c->divisions[dd].n_groups; gg++)
			count += strcmp(c->divisions[dd].groups[gg], name) == 0;
	if (count == 1)
		snprintf(b, n, "%s", name);
	else
		snprintf(b, n, "%s.%s", c->divisions[d].name, name);
}

static bool part_has_group(const sch_school *s, const sch_line_def *ln, const sch_part_def *p)
{
	if (p->division < 0 || p->group < 0 || ln->n_classes < 1)
		return false;
	const sch_class_def *c = &s->classes[ln->classes[0]];
	return p->division < c->n_divisions && p->group < c->divisions[p->division].n_groups;
}

static int write_line(writer *w, int index)
{
	const sch_school *s = w->s;
	const sch_line_def *ln = &s->lines[index];
	const sch_class_def *c = ln->n_classes > 0 ? &s->classes[ln->classes[0]] : NULL;
	char b[512];
	int grouped = 0, same_group = 1;
	for (int p = 0; p < ln->n_parts; p++) {
		grouped += part_has_group(s, ln, &ln->parts[p]);
		same_group &= ln->parts[p].division == ln->parts[0].division && ln->parts[p].group == ln->parts[0].group;
	}
	/* split: a teacher per group; otherwise every part has the same pupils (one teacher, or co-teaching) */
	int split = grouped == ln->n_parts && ln->n_parts > 1 && !same_group;
	if (!c || (grouped && grouped != ln->n_parts) || (grouped && ln->n_classes > 1) || ln->n_parts < 1)
		return sch_error_set(SCH_EINVALID, "load line %d (%s %s) has a shape the YAML format cannot hold",
				     index + 1, c ? c->id : "?", s->subjects[ln->subject].id);

	map_start(w, 1);
	if (w->line_id[index])
		key_text(w, "id", w->line_id[index]);
	plain(w, "class");
	if (ln->n_classes == 1) {
		text(w, c->id);
	} else {
		seq_start(w, 1);
		for (int i = 0; i < ln->n_classes; i++)
			text(w, s->classes[ln->classes[i]].id);
		seq_end(w);
	}
	if (grouped && !split) {
		group_name(c, ln->parts[0].division, ln->parts[0].group, b, sizeof b);
		key_text(w, "group", b);
	}
	key_text(w, "subject", s->subjects[ln->subject].id);
	if (split) {
		/* the teachers go with the groups below */
	} else if (ln->n_parts == 1) {
		if (ln->parts[0].teacher >= 0)
			key_text(w, "teacher", s->teachers[ln->parts[0].teacher].id);
	} else {
		plain(w, "teacher");
		seq_start(w, 1);
		for (int p = 0; p < ln->n_parts; p++)
			text(w, ln->parts[p].teacher >= 0 ? s->teachers[ln->parts[p].teacher].id : "");
		seq_end(w);
	}
	key_num(w, "per_week", ln->per_week);
	int def_block = s->subjects[ln->subject].double_rule == SCH_DOUBLE_REQUIRED ? 2 : 1;
	if (ln->block != def_block)
		key_num(w, "block", ln->block);
	if (split) {
		plain(w, "groups");
		map_start(w, 1);
		for (int p = 0; p < ln->n_parts; p++) {
			group_name(c, ln->parts[p].division, ln->parts[p].group, b, sizeof b);
			text(w, b);
			if (ln->parts[p].teacher >= 0)
				text(w, s->teachers[ln->parts[p].teacher].id);
			else
				plain(w, "~");
		}
		map_end(w);
	}
	if (ln->room >= 0 && ln->room < s->n_rooms)
		key_text(w, "room", s->rooms[ln->room].id);
	if (ln->n_pinned > 0) {
		plain(w, "pinned");
		seq_start(w, 1);
		for (int k = 0; k < ln->n_pinned; k++) {
			int slot = ln->pinned[k];
			snprintf(b, sizeof b, "%s %d", sch_day_code(s->day_codes[slot / s->n_periods]),
				 slot % s->n_periods + 1);
			plain(w, b);
		}
		seq_end(w);
	}
	map_end(w);
	return 0;
}

/*
 * The id of each load line: its own, or, for a line a constraint names that has none,
 * "line<N>" (N its 1-based number; more underscores while another line has that id).
 */
static int line_ids(writer *w)
{
	const sch_school *s = w->s;
	int n = s->n_lines;
	w->line_id = calloc((size_t)n + 1, sizeof *w->line_id);
	w->id_buf = calloc((size_t)n + 1, 48);
	char *need = calloc((size_t)n + 1, 1);
	if (!w->line_id || !w->id_buf || !need) {
		free(need);
		return sch_error_oom();
	}
	for (int ci = 0; ci < s->n_constraints; ci++)
		for (int i = 0; i < s->constraints[ci].n_lines; i++)
			if (s->constraints[ci].lines[i] >= 0 && s->constraints[ci].lines[i] < n)
				need[s->constraints[ci].lines[i]] = 1;
	for (int i = 0; i < n; i++)
		w->line_id[i] = s->lines[i].id && *s->lines[i].id ? s->lines[i].id : NULL;
	for (int i = 0; i < n; i++) {
		if (w->line_id[i] || !need[i])
			continue;
		char *b = w->id_buf + (size_t)i * 48;
		int taken = 1;
		snprintf(b, 48, "line%d", i + 1);
		while (taken && strlen(b) < 46) {
			taken = 0;
			for (int k = 0; k < n && !taken; k++)
				taken = k != i && w->line_id[k] && strcmp(w->line_id[k], b) == 0;
			if (taken)
				strcat(b, "_");
		}
		w->line_id[i] = b;
	}
	free(need);
	return 0;
}

/* A students set as the loader reads it: "5А", "5А.en1" or "5А.foreign.en1". */
static void write_students(writer *w, const sch_students_ref *r)
{
	const sch_class_def *c = &w->s->classes[r->class_of];
	char g[256], b[512];
	if (r->division < 0) {
		text(w, c->id);
		return;
	}
	group_name(c, r->division, r->group, g, sizeof g);
	snprintf(b, sizeof b, "%s.%s", c->id, g);
	text(w, b);
}

static int write_constraint(writer *w, int index)
{
	const sch_school *s = w->s;
	const sch_constraint *c = &s->constraints[index];
	static const char *const limit[SCH_CON_COUNT] = {
		[SCH_CON_MIN_DAYS_BETWEEN] = "days", [SCH_CON_SPREAD] = "max",        [SCH_CON_MAX_GAPS_DAY] = "max",
		[SCH_CON_MAX_GAPS_WEEK] = "max",     [SCH_CON_MIN_PER_DAY] = "min",   [SCH_CON_MAX_PER_DAY] = "max",
		[SCH_CON_MAX_DAYS] = "max",          [SCH_CON_MIN_DAYS] = "min",      [SCH_CON_MAX_CONTINUOUS] = "max",
		[SCH_CON_LATE_STARTS] = "max",
	};
	if (c->type < 0 || c->type >= SCH_CON_COUNT)
		return sch_error_set(SCH_EINVALID, "constraint %d has an unknown type %d", index + 1, c->type);
	int lessons = c->type == SCH_CON_MIN_DAYS_BETWEEN || c->type == SCH_CON_SPREAD || c->type == SCH_CON_ALLOWED_STARTS;
	map_start(w, 1);
	key_text(w, "type", sch_con_type_name(c->type));
	if (lessons) {
		plain(w, "lessons");
		seq_start(w, 1);
		for (int i = 0; i < c->n_lines; i++)
			text(w, w->line_id[c->lines[i]]);
		seq_end(w);
	} else {
		int all = c->n_teachers == s->n_teachers && s->n_teachers > 0;
		for (int i = 0; i < c->n_teachers && all; i++)
			all = c->teachers[i] == i; /* finalized: ascending, distinct */
		if (c->n_teachers > 0) {
			plain(w, "teachers");
			if (all) {
				plain(w, "all");
			} else {
				seq_start(w, 1);
				for (int i = 0; i < c->n_teachers; i++)
					text(w, s->teachers[c->teachers[i]].id);
				seq_end(w);
			}
		}
		all = c->n_students == s->n_classes && s->n_classes > 0;
		for (int i = 0; i < c->n_students && all; i++)
			all = c->students[i].class_of == i && c->students[i].division < 0;
		if (c->n_students > 0) {
			plain(w, "classes");
			if (all) {
				plain(w, "all");
			} else {
				seq_start(w, 1);
				for (int i = 0; i < c->n_students; i++)
					write_students(w, &c->students[i]);
				seq_end(w);
			}
		}
	}
	if (c->type == SCH_CON_ALLOWED_STARTS || c->type == SCH_CON_UNAVAILABLE) {
		if (sch_slotset_count(&c->slots) == 0) { /* no slot at all: the loader wants the key */
			plain(w, "slots");
			seq_start(w, 1);
			seq_end(w);
		}
		write_slots(w, "slots", &c->slots);
	}
	if (limit[c->type])
		key_num(w, limit[c->type], c->value);
	if (c->type == SCH_CON_MIN_DAYS_BETWEEN && (c->flags & SCH_CON_SAME_DAY_ADJACENT))
		key_bool(w, "same_day_adjacent", true);
	if (c->type == SCH_CON_MIN_PER_DAY && (c->flags & SCH_CON_EMPTY_DAYS_OK))
		key_bool(w, "empty_days", true);
	if ((c->type == SCH_CON_MAX_GAPS_DAY || c->type == SCH_CON_MAX_GAPS_WEEK) && (c->flags & SCH_CON_SKIP_UNAVAILABLE))
		key_bool(w, "skip_unavailable", true);
	if (c->weight != SCH_WEIGHT_HARD)
		key_num(w, "weight", c->weight);
	if (c->source && *c->source)
		key_text(w, "source", c->source);
	map_end(w);
	return 0;
}

int sch_school_to_yaml(char **out, size_t *len, const sch_school *s)
{
	writer w;
	yaml_event_t ev;
	int rc = 0;
	if (!out || !s)
		return sch_error_set(SCH_EINVALID, "sch_school_to_yaml: out and school must not be NULL");
	*out = NULL;
	if (len)
		*len = 0;
	if (s->n_periods < 1 || s->n_days < 1)
		return sch_error_set(SCH_EINVALID, "sch_school_to_yaml: the school has no days or bells");
	memset(&w, 0, sizeof w);
	w.s = s;
	_Static_assert(sizeof w.typed / sizeof *w.typed == N_TYPED, "one regex per pattern");
	for (size_t i = 0; i < N_TYPED; i++) {
		if (regcomp(&w.typed[i], typed_patterns[i], REG_EXTENDED | REG_NOSUB) != 0) {
			for (size_t k = 0; k < i; k++)
				regfree(&w.typed[k]);
			return sch_error_set(SCH_EINTERNAL, "sch_school_to_yaml: a pattern does not compile");
		}
	}
	if (!yaml_emitter_initialize(&w.em)) {
		for (size_t i = 0; i < N_TYPED; i++)
			regfree(&w.typed[i]);
		return sch_error_oom();
	}
	if ((rc = line_ids(&w)) != 0)
		goto done;
	yaml_emitter_set_output(&w.em, write_handler, &w.out);
	yaml_emitter_set_unicode(&w.em, 1); /* keep Cyrillic readable, not \u escapes */
	yaml_emitter_set_width(&w.em, -1);   /* no folding of long lines */
	yaml_emitter_set_indent(&w.em, 2);
	yaml_emitter_set_break(&w.em, YAML_LN_BREAK);

	emit(&w, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	emit(&w, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	map_start(&w, 0);
	write_school(&w);
	write_subjects(&w);
	write_teachers(&w);
	write_classes(&w);
	plain(&w, "lessons");
	seq_start(&w, 0);
	for (int i = 0; i < s->n_lines && !w.failed; i++)
		if ((rc = write_line(&w, i)))
			goto done;
	seq_end(&w);
	if (s->n_constraints > 0) {
		plain(&w, "constraints");
		seq_start(&w, 0);
		for (int i = 0; i < s->n_constraints && !w.failed; i++)
			if ((rc = write_constraint(&w, i)))
				goto done;
		seq_end(&w);
	}
	map_end(&w);
	emit(&w, &ev, yaml_document_end_event_initialize(&ev, 1));
	emit(&w, &ev, yaml_stream_end_event_initialize(&ev));
	if (!w.failed && !yaml_emitter_flush(&w.em))
		w.failed = 1;
	if (w.out.oom) {
		rc = sch_error_oom();
		goto done;
	}
	if (w.failed) {
		rc = sch_error_set(SCH_EINTERNAL, "sch_school_to_yaml: the YAML emitter failed: %s",
				   w.em.problem ? w.em.problem : "unknown problem");
		goto done;
	}
	*out = w.out.buf;
	if (len)
		*len = w.out.len;
	w.out.buf = NULL;
done:
	yaml_emitter_delete(&w.em);
	for (size_t i = 0; i < N_TYPED; i++)
		regfree(&w.typed[i]);
	free(w.out.buf);
	free(w.line_id);
	free(w.id_buf);
	return rc;
}

int sch_school_save_yaml(const sch_school *s, const char *path)
{
	char *text = NULL;
	size_t len;
	int rc;
	if (!path)
		return sch_error_set(SCH_EINVALID, "sch_school_save_yaml: path is NULL");
	if ((rc = sch_school_to_yaml(&text, &len, s)))
		return rc;
	rc = sch_file_write_atomic(path, text, len);
	free(text);
	return rc;
}
