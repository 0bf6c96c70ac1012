/* Timetables as YAML and JSON files: reading with places in diagnostics, writing atomically. */
#include "schedule/timetable.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "schedule/school.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"
#include "yamltree.h"

#define MAX_FILE_BYTES (256u << 20)

/*
 * A lesson is named in the file by its key — classes, group or groups, subject,
 * teacher(s) — and n, its 1-based number among the school's lessons with that key
 * (in load-line order). Two load lines with the same key share one numbering, so
 * the key + n of a lesson do not depend on the order of the load lines.
 */
typedef struct {
	int division, group, teacher;
} part_key;

typedef struct {
	int *classes; /* sorted */
	int n_classes;
	int subject;
	part_key *parts; /* sorted */
	int n_parts;
} lesson_key;

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmp_part(const void *a, const void *b)
{
	const part_key *x = a, *y = b;
	if (x->division != y->division)
		return x->division < y->division ? -1 : 1;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return (x->teacher > y->teacher) - (x->teacher < y->teacher);
}

static int key_equal(const lesson_key *a, const lesson_key *b)
{
	if (a->subject != b->subject || a->n_classes != b->n_classes || a->n_parts != b->n_parts)
		return 0;
	for (int i = 0; i < a->n_classes; i++)
		if (a->classes[i] != b->classes[i])
			return 0;
	for (int i = 0; i < a->n_parts; i++)
		if (cmp_part(&a->parts[i], &b->parts[i]))
			return 0;
	return 1;
}

/* The keys of the school's load lines, and where each line's numbering starts. */
typedef struct {
	lesson_key *keys;
	int *base; /* n of a lesson = base[line] + index + 1 */
	int n;
} line_keys;

static void line_keys_free(line_keys *k)
{
	for (int i = 0; k->keys && i < k->n; i++) {
		free(k->keys[i].classes);
		free(k->keys[i].parts);
	}
	free(k->keys);
	free(k->base);
	memset(k, 0, sizeof *k);
}

static int line_keys_build(line_keys *k, const sch_school *s)
{
	memset(k, 0, sizeof *k);
	k->keys = calloc((size_t)s->n_lines + 1, sizeof *k->keys);
	k->base = calloc((size_t)s->n_lines + 1, sizeof *k->base);
	if (!k->keys || !k->base)
		goto oom;
	k->n = s->n_lines;
	for (int i = 0; i < s->n_lines; i++) {
		const sch_line_def *ln = &s->lines[i];
		lesson_key *key = &k->keys[i];
		key->classes = malloc(sizeof(int) * (size_t)(ln->n_classes + 1));
		key->parts = malloc(sizeof(part_key) * (size_t)(ln->n_parts + 1));
		if (!key->classes || !key->parts)
			goto oom;
		memcpy(key->classes, ln->classes, sizeof(int) * (size_t)ln->n_classes);
		key->n_classes = ln->n_classes;
		qsort(key->classes, (size_t)key->n_classes, sizeof(int), cmp_int);
		key->subject = ln->subject;
		for (int p = 0; p < ln->n_parts; p++)
			key->parts[p] = (part_key){ln->parts[p].division, ln->parts[p].group, ln->parts[p].teacher};
		key->n_parts = ln->n_parts;
		qsort(key->parts, (size_t)key->n_parts, sizeof(part_key), cmp_part);
		for (int j = 0; j < i; j++)
			if (key_equal(&k->keys[j], key))
				k->base[i] += s->lines[j].n_lessons;
	}
	return 0;
oom:
	line_keys_free(k);
	return sch_error_oom();
}

/* The lesson with this key and number n (1-based), or -1. */
static int find_lesson(const sch_school *s, const line_keys *k, const lesson_key *key, long n)
{
	for (int i = 0; i < k->n; i++) {
		if (!key_equal(&k->keys[i], key))
			continue;
		if (n <= s->lines[i].n_lessons)
			return s->lines[i].first_lesson + (int)n - 1;
		n -= s->lines[i].n_lessons;
	}
	return -1;
}

/* A group's name as the school file writes it: "en1" when unique in the class, else "foreign.en1". */
static void group_text(char *buf, size_t size, const sch_class_def *c, int division, int group)
{
	const char *g = c->divisions[division].groups[group];
	int uses = 0;
	for (int d = 0; d < c->n_divisions; d++)
		for (int j = 0; j < c->divisions[d].n_groups; j++)
			uses += strcmp(c->divisions[d].groups[j], g) == 0;
	if (uses > 1)
		snprintf(buf, size, "%s.%s", c->divisions[division].name, g);
	else
		snprintf(buf, size, "%s", g);
}

/* ------------------------------------------------------------------ writing */

/*
 * Whether s can be written as a plain YAML scalar in flow context and read back
 * as the same text: letters (any script), digits, '_', '-', '.', not starting
 * with '-' or '.', not looking like a number, date, bool or null. Anything else
 * is quoted; quoting too much is harmless.
 */
static int plain_ok(const char *s)
{
	static const char *const words[] = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"};
	int non_ascii = 0;
	if (!*s || *s == '-' || *s == '.')
		return 0;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int len;
		uint32_t cp = sch_utf8_at(p, &len);
		if (cp >= 0x80) {
			if (sch_char_needs_escape(cp) || cp == 0xa0 || cp == 0x85 || (cp >= 0x2000 && cp <= 0x206f) ||
			    cp == 0x3000)
				return 0; /* spaces, separators, punctuation of unusual kinds */
			non_ascii = 1;
		} else if (!((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
			     cp == '_' || cp == '-' || cp == '.')) {
			return 0;
		}
		p += len;
	}
	/* "201", "1e5", "2026-09-01" would be read as numbers or dates; "5А" is text. */
	if (*s >= '0' && *s <= '9' && !non_ascii)
		return 0;
	return 1;
}

static void put_text(sch_buf *b, const char *s, int json)
{
	if (!json && plain_ok(s))
		sch_buf_puts(b, s);
	else
		sch_buf_quoted(b, s);
}

static void put_key(sch_buf *b, const char *key, int json, int first)
{
	if (!first)
		sch_buf_puts(b, ", ");
	if (json)
		sch_buf_printf(b, "\"%s\": ", key);
	else
		sch_buf_printf(b, "%s: ", key);
}

static void write_lesson(sch_buf *b, const sch_timetable *tt, const line_keys *k, int l, int json)
{
	const sch_school *s = sch_timetable_school(tt);
	const sch_lesson_def *ld = &s->lessons[l];
	const sch_line_def *ln = &s->lines[ld->line];
	const sch_class_def *c0 = ln->n_classes ? &s->classes[ln->classes[0]] : NULL;
	char g[256];
	int day, period;
	sch_buf_puts(b, "{");
	put_key(b, "class", json, 1);
	if (ln->n_classes == 1) {
		put_text(b, s->classes[ln->classes[0]].id, json);
	} else {
		sch_buf_puts(b, "[");
		for (int i = 0; i < ln->n_classes; i++) {
			if (i)
				sch_buf_puts(b, ", ");
			put_text(b, s->classes[ln->classes[i]].id, json);
		}
		sch_buf_puts(b, "]");
	}
	if (ld->n_parts == 1 && ld->parts[0].division >= 0 && c0) {
		group_text(g, sizeof g, c0, ld->parts[0].division, ld->parts[0].group);
		put_key(b, "group", json, 0);
		put_text(b, g, json);
	}
	put_key(b, "subject", json, 0);
	put_text(b, s->subjects[ld->subject].id, json);
	int whole = 1; /* co-teaching: every part teaches the whole class */
	for (int p = 0; p < ld->n_parts; p++)
		whole &= ld->parts[p].division < 0 && ld->parts[p].teacher >= 0;
	if (ld->n_parts == 1 && ld->parts[0].teacher >= 0) {
		put_key(b, "teacher", json, 0);
		put_text(b, s->teachers[ld->parts[0].teacher].id, json);
	} else if (ld->n_parts > 1 && whole) {
		put_key(b, "teacher", json, 0);
		sch_buf_puts(b, "[");
		for (int p = 0; p < ld->n_parts; p++) {
			if (p)
				sch_buf_puts(b, ", ");
			put_text(b, s->teachers[ld->parts[p].teacher].id, json);
		}
		sch_buf_puts(b, "]");
	} else if (ld->n_parts > 1 && c0) {
		put_key(b, "groups", json, 0);
		sch_buf_puts(b, "{");
		for (int p = 0; p < ld->n_parts; p++) {
			if (p)
				sch_buf_puts(b, ", ");
			if (ld->parts[p].division >= 0)
				group_text(g, sizeof g, c0, ld->parts[p].division, ld->parts[p].group);
			else
				snprintf(g, sizeof g, "?");
			put_text(b, g, json);
			sch_buf_puts(b, ": ");
			if (ld->parts[p].teacher >= 0)
				put_text(b, s->teachers[ld->parts[p].teacher].id, json);
			else
				sch_buf_puts(b, json ? "null" : "~");
		}
		sch_buf_puts(b, "}");
	}
	put_key(b, "n", json, 0);
	sch_buf_printf(b, "%d", k->base[ld->line] + ld->index + 1);
	sch_timetable_get(tt, l, &day, &period);
	put_key(b, "day", json, 0);
	if (day < 0) {
		sch_buf_puts(b, json ? "null" : "~");
	} else {
		put_text(b, sch_day_code(s->day_codes[day]), json);
		put_key(b, "period", json, 0);
		sch_buf_printf(b, "%d", period + 1);
		int any = 0;
		for (int p = 0; p < ld->n_parts; p++)
			any |= sch_timetable_room(tt, l, p) >= 0;
		if (any) {
			put_key(b, "rooms", json, 0);
			sch_buf_puts(b, "[");
			for (int p = 0; p < ld->n_parts; p++) {
				int r = sch_timetable_room(tt, l, p);
				if (p)
					sch_buf_puts(b, ", ");
				if (r >= 0)
					put_text(b, s->rooms[r].id, json);
				else
					sch_buf_puts(b, json ? "null" : "~");
			}
			sch_buf_puts(b, "]");
		}
	}
	sch_buf_puts(b, "}");
}

int sch_timetable_to_string(char **out, size_t *len, const sch_timetable *tt, int format)
{
	sch_buf b;
	sch_buf_init(&b);
	line_keys k;
	int rc, json = format == SCH_FORMAT_JSON;
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_timetable_to_string: out is NULL");
	*out = NULL;
	if (len)
		*len = 0;
	if (!tt)
		return sch_error_set(SCH_EINVALID, "sch_timetable_to_string: timetable is NULL");
	if (format != SCH_FORMAT_YAML && format != SCH_FORMAT_JSON)
		return sch_error_set(SCH_EINVALID, "sch_timetable_to_string: unknown format %d", format);
	const sch_school *s = sch_timetable_school(tt);
	if ((rc = line_keys_build(&k, s)) < 0)
		return rc;
	if (json) {
		sch_buf_puts(&b, "{\"timetable\": {\"school\": ");
		sch_buf_quoted(&b, sch_school_name(s));
		sch_buf_puts(&b, ", \"lessons\": [");
	} else {
		sch_buf_printf(&b, "# libschedule %s timetable: %d of %d lessons placed\ntimetable:\n  school: ", SCH_VERSION,
			  sch_timetable_placed_count(tt), s->n_lessons);
		sch_buf_quoted(&b, sch_school_name(s));
		sch_buf_puts(&b, s->n_lessons ? "\n  lessons:\n" : "\n  lessons: []\n");
	}
	for (int l = 0; l < s->n_lessons; l++) {
		sch_buf_puts(&b, json ? (l ? ",\n  " : "\n  ") : "    - ");
		write_lesson(&b, tt, &k, l, json);
		if (!json)
			sch_buf_puts(&b, "\n");
	}
	if (json)
		sch_buf_puts(&b, s->n_lessons ? "\n]}}\n" : "]}}\n");
	line_keys_free(&k);
	if (!(*out = sch_buf_take(&b, len)))
		return sch_error_oom();
	return 0;
}

int sch_timetable_save(const sch_timetable *tt, const char *path, int format)
{
	char *text = NULL;
	size_t len = 0;
	int rc;
	if (!path)
		return sch_error_set(SCH_EINVALID, "sch_timetable_save: path is NULL");
	if ((rc = sch_timetable_to_string(&text, &len, tt, format)) < 0)
		return rc;
	rc = sch_file_write_atomic(path, text, len);
	free(text);
	return rc;
}

/* ------------------------------------------------------------------ reading */

typedef struct {
	const sch_school *s;
	sch_ytree *t;
	sch_timetable *tt;
	line_keys keys;
	int *given_at; /* per lesson: the line of the file entry that placed it, 0 none */
	int oom;
} reader;

/* Copies at most ~40 characters of text for a message. */
static const char *short_text(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);
	if (n < 48 && n < size) {
		memcpy(buf, s, n + 1);
		return buf;
	}
	size_t cut = 40 < size - 4 ? 40 : size - 4;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	memcpy(buf, s, cut);
	memcpy(buf + cut, "...", 4);
	return buf;
}

static int find_group(const sch_class_def *c, const char *name, int *division, int *group)
{
	const char *dot = strchr(name, '.');
	int found = 0;
	for (int d = 0; d < c->n_divisions; d++) {
		const sch_division *dv = &c->divisions[d];
		if (dot && (strlen(dv->name) != (size_t)(dot - name) || strncmp(dv->name, name, (size_t)(dot - name))))
			continue;
		for (int g = 0; g < dv->n_groups; g++)
			if (strcmp(dv->groups[g], dot ? dot + 1 : name) == 0) {
				*division = d;
				*group = g;
				found++;
			}
	}
	return found == 1;
}

/* Why an entry matches no lesson, for the warning; empty when it may match. */
typedef struct {
	char why[256];
} mismatch;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void no_match(mismatch *m, const char *fmt, ...)
{
	va_list ap;
	if (m->why[0])
		return; /* the first reason is enough */
	va_start(ap, fmt);
	vsnprintf(m->why, sizeof m->why, fmt, ap);
	va_end(ap);
}

/* Reads the optional room list of an entry; returns false after an error. */
static int read_rooms(reader *R, const sch_ynode *x, const char *w, int *rooms, int *n_rooms, int cap)
{
	char p[160], buf[128];
	int ok = 1;
	*n_rooms = 0;
	snprintf(p, sizeof p, "%s.rooms", w);
	if (!sch_ytree_expect(R->t, x, SCH_YNODE_SEQ, p))
		return 0;
	for (size_t i = 0; i < x->n; i++) {
		const sch_ynode *it = x->items[i];
		char ip[200];
		int r = -1;
		snprintf(ip, sizeof ip, "%s[%zu]", p, i + 1);
		if (!sch_ynode_is_null(it)) {
			const char *id = sch_ytree_str(R->t, it, ip);
			if (!id) {
				ok = 0;
				continue;
			}
			r = sch_school_find_room(R->s, id);
			if (r < 0) {
				const char *ids[256];
				size_t n = 0;
				for (int q = 0; q < R->s->n_rooms && n < 256; q++)
					ids[n++] = R->s->rooms[q].id;
				const char *near = sch_suggest(id, ids, n);
				if (near)
					sch_ytree_error(R->t, it, "%s: unknown room '%s'; did you mean '%s'?", ip,
							short_text(id, buf, sizeof buf), near);
				else
					sch_ytree_error(R->t, it, "%s: unknown room '%s'", ip, short_text(id, buf, sizeof buf));
				ok = 0;
				continue;
			}
		}
		if (*n_rooms < cap)
			rooms[(*n_rooms)++] = r;
		else
			*n_rooms = cap + 1;
	}
	return ok;
}

/* A class, subject or teacher id, or -1 with a reason in m. */
static int read_id(reader *R, const sch_ynode *x, const char *what, const char *kind, int (*find)(const sch_school *, const char *),
		   mismatch *m, int *ok)
{
	char buf[128];
	const char *id = sch_ytree_str(R->t, x, what);
	if (!id) {
		*ok = 0;
		return -1;
	}
	int i = find(R->s, id);
	if (i < 0)
		no_match(m, "the school has no %s '%s'", kind, short_text(id, buf, sizeof buf));
	return i;
}

/* Text of a scalar node for a message, "?" for anything else. */
static const char *node_text(const sch_ynode *n)
{
	return n && n->kind == SCH_YNODE_SCALAR && !sch_ynode_is_null(n) ? n->text : "?";
}

/* An entry as the file names it, for messages: "5А math asanova n=1",
 * "5А+6Б pe bakirov n=2", "5А (en1) english smith n=1", "5А english en1:smith/en2:petrova n=1". */
static void entry_name(const sch_ynode *item, long n, char *buf, size_t size)
{
	const sch_ynode *x = sch_ynode_get(item, "class");
	size_t k = 0;
#define PUT(...) (k += (size_t)snprintf(buf + (k < size ? k : size), k < size ? size - k : 0, __VA_ARGS__))
	buf[0] = '\0';
	if (x && x->kind == SCH_YNODE_SEQ)
		for (size_t i = 0; i < x->n; i++)
			PUT("%s%s", i ? "+" : "", node_text(x->items[i]));
	else
		PUT("%s", node_text(x));
	if ((x = sch_ynode_get(item, "group")))
		PUT(" (%s)", node_text(x));
	PUT(" %s", node_text(sch_ynode_get(item, "subject")));
	if ((x = sch_ynode_get(item, "teacher")) && !sch_ynode_is_null(x))
		PUT(" %s", node_text(x));
	if ((x = sch_ynode_get(item, "groups")) && x->kind == SCH_YNODE_MAP)
		for (size_t i = 0; i < x->n; i++)
			PUT("%s%s:%s", i ? "/" : " ", node_text(x->keys[i]),
			    sch_ynode_is_null(x->items[i]) ? "~" : node_text(x->items[i]));
	PUT(" n=%ld", n);
#undef PUT
}

static void read_entry(reader *R, const sch_ynode *item, size_t idx)
{
	static const char *const keys[] = {"class", "group", "groups", "subject", "teacher",
					   "n",     "day",   "period", "rooms"};
	const sch_school *s = R->s;
	char w[64], p[160], buf[128];
	const sch_ynode *x;
	int ok = 1, day = -1, period = -1, n_rooms = 0, has_rooms = 0;
	long n = 1, num;
	int rooms[SCH_MAX_ATOMS_PER_CLASS + 1];
	mismatch m = {{0}};
	lesson_key key = {0};
	int classes[64];
	part_key parts[SCH_MAX_ATOMS_PER_CLASS];

	snprintf(w, sizeof w, "timetable.lessons[%zu]", idx + 1);
	if (!sch_ytree_expect(R->t, item, SCH_YNODE_MAP, w))
		return;
	if (sch_ytree_check_keys(R->t, item, w, keys, sizeof keys / sizeof *keys))
		ok = 0;

	/* Where: day, period and rooms are checked whether or not the lesson matches. */
	x = sch_ynode_get(item, "day");
	if (x && !sch_ynode_is_null(x)) {
		snprintf(p, sizeof p, "%s.day", w);
		const char *text = sch_ytree_str(R->t, x, p);
		int code = text ? sch_day_parse(text) : -1;
		if (!text) {
			ok = 0;
		} else if (code < 0) {
			static const char *const names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
			const char *near = sch_suggest(text, names, 7);
			if (near)
				sch_ytree_error(R->t, x, "%s: unknown day '%s'; did you mean '%s'?", p,
						short_text(text, buf, sizeof buf), near);
			else
				sch_ytree_error(R->t, x, "%s: unknown day '%s' (mon tue wed thu fri sat sun)", p,
						short_text(text, buf, sizeof buf));
			ok = 0;
		} else {
			for (int d = 0; d < s->n_days; d++)
				if (s->day_codes[d] == code)
					day = d;
			if (day < 0) {
				sch_ytree_error(R->t, x, "%s: %s is not a school day", p, sch_day_code(code));
				ok = 0;
			}
		}
		x = sch_ynode_get(item, "period");
		snprintf(p, sizeof p, "%s.period", w);
		if (!x || sch_ynode_is_null(x)) {
			sch_ytree_error(R->t, x ? x : item, "%s: missing: a placed lesson needs the bell it starts at (1-%d)",
					p, s->n_periods);
			ok = 0;
		} else if (sch_ytree_int(R->t, x, p, 1, s->n_periods, &num)) {
			period = (int)num - 1;
		} else {
			ok = 0;
		}
	} else if ((x = sch_ynode_get(item, "period")) && !sch_ynode_is_null(x)) {
		sch_ytree_error(R->t, x, "%s.period: a lesson without a day has no period", w);
		ok = 0;
	}
	if ((x = sch_ynode_get(item, "rooms")) && !sch_ynode_is_null(x)) {
		has_rooms = 1;
		if (!read_rooms(R, x, w, rooms, &n_rooms, SCH_MAX_ATOMS_PER_CLASS))
			ok = 0;
	}
	if ((x = sch_ynode_get(item, "n"))) {
		snprintf(p, sizeof p, "%s.n", w);
		if (!sch_ytree_int(R->t, x, p, 1, SCH_MAX_DAYS * SCH_MAX_PERIODS, &n))
			ok = 0;
	}

	/* Which lesson: the key. */
	x = sch_ynode_get(item, "class");
	snprintf(p, sizeof p, "%s.class", w);
	if (!x) {
		sch_ytree_error(R->t, item, "%s: missing: the class id (a list for joint classes)", p);
		ok = 0;
	} else if (x->kind == SCH_YNODE_SEQ) {
		if (x->n == 0 || x->n > 64) {
			sch_ytree_error(R->t, x, "%s: expected 1-64 class ids", p);
			ok = 0;
		}
		for (size_t i = 0; i < x->n && i < 64; i++) {
			char ip[200];
			snprintf(ip, sizeof ip, "%s[%zu]", p, i + 1);
			classes[key.n_classes++] = read_id(R, x->items[i], ip, "class", sch_school_find_class, &m, &ok);
		}
	} else {
		classes[key.n_classes++] = read_id(R, x, p, "class", sch_school_find_class, &m, &ok);
	}
	x = sch_ynode_get(item, "subject");
	snprintf(p, sizeof p, "%s.subject", w);
	if (!x) {
		sch_ytree_error(R->t, item, "%s: missing: the subject id", p);
		ok = 0;
		key.subject = -1;
	} else {
		key.subject = read_id(R, x, p, "subject", sch_school_find_subject, &m, &ok);
	}
	const sch_class_def *c0 = key.n_classes > 0 && classes[0] >= 0 ? &s->classes[classes[0]] : NULL;
	const sch_ynode *tx = sch_ynode_get(item, "teacher");
	const sch_ynode *gx = sch_ynode_get(item, "group");
	const sch_ynode *gsx = sch_ynode_get(item, "groups");
	int teacher = -1;
	if (tx && tx->kind == SCH_YNODE_SEQ && !gsx) { /* co-teaching: a part per teacher */
		if (gx) {
			sch_ytree_error(R->t, tx, "%s: several teachers teach the whole class: no group", w);
			ok = 0;
		}
		for (size_t i = 0; i < tx->n && i < SCH_MAX_ATOMS_PER_CLASS; i++) {
			char ip[224];
			snprintf(ip, sizeof ip, "%s.teacher[%zu]", w, i + 1);
			parts[key.n_parts++] = (part_key){-1, -1, read_id(R, tx->items[i], ip, "teacher",
									 sch_school_find_teacher, &m, &ok)};
		}
		if (tx->n == 0) {
			sch_ytree_error(R->t, tx, "%s.teacher: an empty list", w);
			ok = 0;
		}
	} else if (tx && !sch_ynode_is_null(tx)) {
		snprintf(p, sizeof p, "%s.teacher", w);
		teacher = read_id(R, tx, p, "teacher", sch_school_find_teacher, &m, &ok);
	}
	if (key.n_parts > 0) {
		/* the teachers' list made the parts */
	} else if (gsx) {
		snprintf(p, sizeof p, "%s.groups", w);
		if (tx || gx) {
			sch_ytree_error(R->t, gsx, "%s: give either groups (a split lesson) or teacher and group", w);
			ok = 0;
		} else if (sch_ytree_expect(R->t, gsx, SCH_YNODE_MAP, p)) {
			for (size_t i = 0; i < gsx->n && i < SCH_MAX_ATOMS_PER_CLASS; i++) {
				char ip[224];
				const sch_ynode *v = gsx->items[i];
				part_key *pk = &parts[key.n_parts++];
				*pk = (part_key){-1, -1, -1};
				snprintf(ip, sizeof ip, "%s.%s", p, short_text(gsx->keys[i]->text, buf, sizeof buf));
				if (c0 && !find_group(c0, gsx->keys[i]->text, &pk->division, &pk->group))
					no_match(&m, "class %s has no group '%s'", c0->id, short_text(gsx->keys[i]->text, buf, sizeof buf));
				if (!sch_ynode_is_null(v))
					pk->teacher = read_id(R, v, ip, "teacher", sch_school_find_teacher, &m, &ok);
			}
		} else {
			ok = 0;
		}
	} else {
		part_key *pk = &parts[key.n_parts++];
		*pk = (part_key){-1, -1, teacher};
		if (gx) {
			snprintf(p, sizeof p, "%s.group", w);
			const char *g = sch_ytree_str(R->t, gx, p);
			if (!g)
				ok = 0;
			else if (c0 && !find_group(c0, g, &pk->division, &pk->group))
				no_match(&m, "class %s has no group '%s'", c0->id, short_text(g, buf, sizeof buf));
		}
	}
	if (!ok)
		return;

	/* Match it to a lesson of the school. */
	int lesson = -1;
	char name[300];
	entry_name(item, n, name, sizeof name);
	if (!m.why[0]) {
		qsort(classes, (size_t)key.n_classes, sizeof(int), cmp_int);
		qsort(parts, (size_t)key.n_parts, sizeof(part_key), cmp_part);
		key.classes = classes;
		key.parts = parts;
		lesson = find_lesson(s, &R->keys, &key, n);
		if (lesson < 0)
			no_match(&m, "the school has no lesson %s", name);
	}
	if (lesson < 0) {
		sch_ytree_warning(R->t, item, "%s: matches no lesson of the school (%s); skipped", w, m.why);
		return;
	}
	if (R->given_at[lesson]) {
		sch_ytree_error(R->t, item, "%s: lesson %s is given twice (first at line %d)", w, name,
				R->given_at[lesson]);
		return;
	}
	R->given_at[lesson] = item->line > 0 ? item->line : 1;
	const sch_lesson_def *ld = &s->lessons[lesson];
	if (has_rooms && n_rooms != ld->n_parts) {
		sch_ytree_error(R->t, sch_ynode_get(item, "rooms"),
				"%s.rooms: expected %d room%s (one per part of the lesson, ~ for none), found %d", w,
				ld->n_parts, ld->n_parts == 1 ? "" : "s", n_rooms);
		return;
	}
	if (day >= 0 && sch_timetable_set(R->tt, lesson, day, period) < 0) {
		R->oom = 1;
		return;
	}
	for (int i = 0; i < n_rooms; i++)
		sch_timetable_set_room(R->tt, lesson, i, rooms[i]);
}

static int fail_invalid(sch_diags *diags, size_t from, const char *name, size_t errors)
{
	for (size_t i = from; i < sch_diags_count(diags); i++) {
		const sch_diag *d = sch_diags_get(diags, i);
		if (d->severity != SCH_DIAG_ERROR)
			continue;
		char line[1200];
		sch_diag_format(line, sizeof line, d);
		if (errors > 1)
			return sch_error_set(SCH_EINVALID, "%s (and %zu more errors)", line, errors - 1);
		return sch_error_set(SCH_EINVALID, "%s", line);
	}
	return sch_error_set(SCH_EINVALID, "%s: the timetable has %zu errors", name, errors);
}

int sch_timetable_load_buffer(sch_timetable **out, const sch_school *school, const char *text, size_t len,
			      const char *name, sch_diags *diags)
{
	reader R;
	sch_diags *own = NULL;
	int rc;
	char buf[128];
	if (!out)
		return sch_error_set(SCH_EINVALID, "sch_timetable_load_buffer: out is NULL");
	*out = NULL;
	if (!school)
		return sch_error_set(SCH_EINVALID, "sch_timetable_load_buffer: school is NULL");
	if (!text && len)
		return sch_error_set(SCH_EINVALID, "sch_timetable_load_buffer: text is NULL");
	if (!name)
		name = "<buffer>";
	/* The diagnostics decide the outcome: keep our own list when the caller passes none. */
	if (!diags) {
		if ((rc = sch_diags_new(&own)) < 0)
			return rc;
		diags = own;
	}
	size_t first_diag = sch_diags_count(diags), errors_before = sch_diags_errors(diags);
	memset(&R, 0, sizeof R);
	R.s = school;
	rc = sch_ytree_parse(&R.t, text ? text : "", len, name, diags);
	if (rc < 0)
		goto done;
	if ((rc = sch_timetable_new(&R.tt, school)) < 0 || (rc = line_keys_build(&R.keys, school)) < 0)
		goto done;
	R.given_at = calloc((size_t)school->n_lessons + 1, sizeof(int));
	if (!R.given_at) {
		rc = sch_error_oom();
		goto done;
	}
	const sch_ynode *root = sch_ytree_root(R.t), *top = NULL, *x;
	if (!root) {
		sch_ytree_error_at(R.t, 1, 1, "the file is empty: expected 'timetable:' with the school's lessons");
	} else if (sch_ytree_expect(R.t, root, SCH_YNODE_MAP, "the file")) {
		static const char *const root_keys[] = {"timetable"};
		static const char *const tt_keys[] = {"school", "lessons"};
		sch_ytree_check_keys(R.t, root, "the file", root_keys, 1);
		top = sch_ynode_get(root, "timetable");
		if (!top)
			sch_ytree_error(R.t, root, "timetable: missing: the file holds 'timetable:' with the school's lessons");
		else if (sch_ytree_expect(R.t, top, SCH_YNODE_MAP, "timetable"))
			sch_ytree_check_keys(R.t, top, "timetable", tt_keys, 2);
		else
			top = NULL;
	}
	if (top && (x = sch_ynode_get(top, "school")) && !sch_ynode_is_null(x)) {
		const char *sn = sch_ytree_str(R.t, x, "timetable.school");
		if (sn && strcmp(sn, sch_school_name(school)) != 0)
			sch_ytree_warning(R.t, x, "timetable.school: the timetable is of '%s', not of '%s'",
					  short_text(sn, buf, sizeof buf), sch_school_name(school));
	}
	if (top) {
		x = sch_ynode_get(top, "lessons");
		if (!x)
			sch_ytree_error(R.t, top, "timetable.lessons: missing: the list of the school's lessons");
		else if (sch_ynode_is_null(x))
			; /* no lessons: everything unplaced */
		else if (sch_ytree_expect(R.t, x, SCH_YNODE_SEQ, "timetable.lessons"))
			for (size_t i = 0; i < x->n && !R.oom; i++)
				read_entry(&R, x->items[i], i);
	}
	if (R.oom) {
		rc = sch_error_oom();
		goto done;
	}
	rc = 0;
done:
	if (rc == 0 || rc == SCH_EINVALID) {
		size_t errors = sch_diags_errors(diags) - errors_before;
		sch_diags_sort(diags);
		if (errors) {
			rc = fail_invalid(diags, first_diag, name, errors);
		} else if (rc == 0) {
			*out = R.tt;
			R.tt = NULL;
		}
	}
	sch_timetable_free(R.tt);
	line_keys_free(&R.keys);
	free(R.given_at);
	sch_ytree_free(R.t);
	sch_diags_free(own);
	return rc;
}

int sch_timetable_load(sch_timetable **out, const sch_school *school, const char *path, sch_diags *diags)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;
	if (!out || !path)
		return sch_error_set(SCH_EINVALID, "sch_timetable_load: out and path must not be NULL");
	*out = NULL;
	if ((rc = sch_file_read(path, MAX_FILE_BYTES, "a timetable file", &buf, &len, diags)) != 0)
		return rc;
	rc = sch_timetable_load_buffer(out, school, buf, len, path, diags);
	free(buf);
	return rc;
}
