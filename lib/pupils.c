/* Pupils in the school database: add, edit, list, find, groups, parents, class teachers, expel, reactivate, transfer. */
#include "schedule/pupils.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "journal_int.h"
#include "pupils_int.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"

/* ---- Checks against the school ---- */

static int division_of(const sch_class_def *c, const char *name)
{
	for (int d = 0; d < c->n_divisions; d++)
		if (strcmp(c->divisions[d].name, name) == 0)
			return d;
	return -1;
}

static int group_of(const sch_division *dv, const char *name)
{
	for (int g = 0; g < dv->n_groups; g++)
		if (strcmp(dv->groups[g], name) == 0)
			return g;
	return -1;
}

int sch_pupils__check_group(const sch_school *s, const char *class_id, const char *division, const char *group)
{
	int c = sch_journal__class(s, class_id);
	if (c < 0)
		return sch_error_last()->code;
	const sch_class_def *cl = &s->classes[c];
	if (!division || !*division)
		return sch_error_set(SCH_EINVALID, "a group without its division (division=group, e.g. foreign=en1)");
	int d = division_of(cl, division);
	if (d < 0) {
		if (cl->n_divisions == 0)
			return sch_error_set(SCH_EINVALID, "class %s has no divisions into groups (no '%s')", class_id,
					     division);
		sch_buf b;
		sch_buf_init(&b);
		for (int i = 0; i < cl->n_divisions; i++)
			sch_buf_printf(&b, "%s%s", i ? ", " : "", cl->divisions[i].name);
		int rc = sch_error_set(SCH_EINVALID, "class %s has no division '%s' (its divisions: %s)", class_id,
				       division, b.p ? b.p : "");
		sch_buf_free(&b);
		return rc;
	}
	if (!group || !*group)
		return 0;
	if (group_of(&cl->divisions[d], group) < 0) {
		sch_buf b;
		sch_buf_init(&b);
		for (int g = 0; g < cl->divisions[d].n_groups; g++)
			sch_buf_printf(&b, "%s%s", g ? ", " : "", cl->divisions[d].groups[g]);
		int rc = sch_error_set(SCH_EINVALID, "division '%s' of class %s has no group '%s' (its groups: %s)",
				       division, class_id, group, b.p ? b.p : "");
		sch_buf_free(&b);
		return rc;
	}
	return 0;
}

static int check_name(const char *s, const char *what)
{
	if (!s || !*s)
		return sch_error_set(SCH_EINVALID, "no %s given", what);
	size_t bad;
	if (!sch_utf8_valid(s, strlen(s), &bad))
		return sch_error_set(SCH_EINVALID, "%s: not UTF-8 text", what);
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20)
			return sch_error_set(SCH_EINVALID, "%s '%s': a control character", what, s);
	return 0;
}

int sch_pupils__check_input(const sch_school *s, const sch_pupil_input *in, int add, char birth[11])
{
	int rc;
	birth[0] = '\0';
	if (!in || in->version != SCH_PUPIL_INPUT_VERSION)
		return sch_error_set(SCH_EINVALID, "pupil: input version %u, expected %d (use SCH_PUPIL_INPUT_INIT)",
				     in ? in->version : 0, SCH_PUPIL_INPUT_VERSION);
	if (add || in->class_id)
		if (sch_journal__class(s, in->class_id) < 0)
			return sch_error_last()->code;
	if ((add || in->last_name) && (rc = check_name(in->last_name, "last name")))
		return rc;
	if ((add || in->first_name) && (rc = check_name(in->first_name, "first name")))
		return rc;
	if (in->middle_name && *in->middle_name && (rc = check_name(in->middle_name, "middle name")))
		return rc;
	if (in->external_id && *in->external_id && (rc = check_name(in->external_id, "external id")))
		return rc;
	if (in->birth_date && *in->birth_date) {
		if ((rc = sch_journal__date(birth, in->birth_date, "birth date")))
			return rc;
		if (strcmp(birth, "1990-01-01") < 0 || strcmp(birth, "2030-12-31") > 0)
			return sch_error_set(SCH_EINVALID, "birth date %s: not a pupil's birth date", birth);
	}
	if (in->n_groups < 0 || (in->n_groups && !in->groups) || in->n_parents < 0 || (in->n_parents && !in->parents))
		return sch_error_set(SCH_EINVALID, "pupil: groups or parents missing");
	for (int i = 0; i < in->n_parents; i++)
		if ((rc = check_name(in->parents[i].name, "parent's name")))
			return rc;
	return 0;
}

/* ---- Reading ---- */

/* The stored class and status of pupil id; SCH_ENOTFOUND when there is none. */
int sch_pupils__state(sch_store *st, int64_t id, char *class_id, size_t n, int *status)
{
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q, "SELECT class, status FROM pupils WHERE id = ?1", "reading a pupil");
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	int s = sqlite3_step(q);
	if (s == SQLITE_ROW) {
		snprintf(class_id, n, "%s", (const char *)sqlite3_column_text(q, 0));
		if (status)
			*status = strcmp((const char *)sqlite3_column_text(q, 1), "expelled") == 0 ? SCH_PUPIL_EXPELLED
												   : SCH_PUPIL_ACTIVE;
	} else if (s == SQLITE_DONE) {
		rc = sch_error_set(SCH_ENOTFOUND, "no pupil #%lld", (long long)id);
	} else {
		rc = sch_store__fail(st, s, "reading a pupil");
	}
	sqlite3_finalize(q);
	return rc;
}

typedef struct {
	int64_t id;
	size_t idx;
} id_idx;

static int cmp_id(const void *a, const void *b)
{
	int64_t x = ((const id_idx *)a)->id, y = ((const id_idx *)b)->id;
	return (x > y) - (x < y);
}

static sch_pupil *by_id(const id_idx *map, size_t n, sch_pupil *items, int64_t id)
{
	id_idx key = {id, 0};
	const id_idx *f = bsearch(&key, map, n, sizeof *map, cmp_id);
	return f ? &items[f->idx] : NULL;
}

#define PUPIL_COLS "p.id, p.class, p.last_name, p.first_name, p.middle_name, coalesce(p.birth_date, ''), " \
		   "coalesce(p.external_id, ''), p.status, coalesce(p.left_on, ''), p.left_reason"

/* Runs the selection (which binds ?1 class or id, per `where`) and fills the list with groups and parents. */
static int load_list(sch_pupil_list *out, sch_store *st, const char *where, const char *class_id, int64_t id,
		     int flags)
{
	sch_jmem *mem = NULL;
	sqlite3_stmt *q = NULL;
	id_idx *map = NULL;
	sch_pupil *items = NULL;
	size_t n = 0, cap = 0;
	char sql[1024];
	int rc;
	memset(out, 0, sizeof *out);
	const char *status = (flags & SCH_PUPILS_ONLY_EXPELLED) ? " AND p.status = 'expelled'"
			     : (flags & SCH_PUPILS_EXPELLED)    ? ""
								: " AND p.status = 'active'";
	snprintf(sql, sizeof sql,
		 "SELECT " PUPIL_COLS " FROM pupils p WHERE %s%s ORDER BY p.class, p.last_name, p.first_name, "
		 "p.middle_name, p.id",
		 where, status);
	if ((rc = sch_store__prepare(st, &q, sql, "listing pupils")))
		goto done;
	if (class_id)
		sqlite3_bind_text(q, 1, class_id, -1, SQLITE_STATIC);
	else if (id)
		sqlite3_bind_int64(q, 1, id);
	int s;
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			sch_pupil *ni = realloc(items, sizeof *ni * cap);
			if (!ni) {
				rc = sch_error_oom();
				goto done;
			}
			items = ni;
		}
		sch_pupil *p = &items[n++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(q, 0);
		const char **f[] = {&p->class_id,    &p->last_name,   &p->first_name, &p->middle_name,
				    &p->birth_date,  &p->external_id, NULL,           &p->left_on,
				    &p->left_reason};
		for (int c = 0; c < 9; c++) {
			if (!f[c])
				continue;
			if (!(*f[c] = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, c + 1)))) {
				rc = sch_error_oom();
				goto done;
			}
		}
		p->status = strcmp((const char *)sqlite3_column_text(q, 7), "expelled") == 0 ? SCH_PUPIL_EXPELLED
											      : SCH_PUPIL_ACTIVE;
	}
	if (s != SQLITE_DONE) {
		rc = sch_store__fail(st, s, "listing pupils");
		goto done;
	}
	sqlite3_finalize(q);
	q = NULL;
	if (n) {
		map = malloc(sizeof *map * n);
		if (!map) {
			rc = sch_error_oom();
			goto done;
		}
		for (size_t i = 0; i < n; i++)
			map[i] = (id_idx){items[i].id, i};
		qsort(map, n, sizeof *map, cmp_id);
		/* Groups, then parents: counted first, then filled in the arena. */
		for (int pass = 0; pass < 2 && !rc; pass++) {
			snprintf(sql, sizeof sql,
				 pass == 0 ? "SELECT g.pupil, g.division, g.grp, '' FROM pupil_groups g JOIN pupils p ON "
					     "p.id = g.pupil WHERE %s%s ORDER BY g.pupil, g.division"
					   : "SELECT r.pupil, r.name, r.relation, r.phone, r.email FROM parents r JOIN pupils "
					     "p ON p.id = r.pupil WHERE %s%s ORDER BY r.pupil, r.id",
				 where, status);
			for (int fill = 0; fill < 2 && !rc; fill++) {
				if ((rc = sch_store__prepare(st, &q, sql, "listing pupils")))
					goto done;
				if (class_id)
					sqlite3_bind_text(q, 1, class_id, -1, SQLITE_STATIC);
				else if (id)
					sqlite3_bind_int64(q, 1, id);
				if (fill)
					for (size_t i = 0; i < n; i++) {
						int k = pass == 0 ? items[i].n_groups : items[i].n_parents;
						if (!k)
							continue;
						void *a = sch_jmem_alloc(&mem, (pass == 0 ? sizeof(sch_pupil_group)
											  : sizeof(sch_parent)) *
										       (size_t)k);
						if (!a) {
							rc = sch_error_oom();
							goto done;
						}
						if (pass == 0) {
							items[i].groups = a;
							items[i].n_groups = 0;
						} else {
							items[i].parents = a;
							items[i].n_parents = 0;
						}
					}
				while ((s = sqlite3_step(q)) == SQLITE_ROW) {
					sch_pupil *p = by_id(map, n, items, sqlite3_column_int64(q, 0));
					if (!p)
						continue;
					if (!fill) {
						if (pass == 0)
							p->n_groups++;
						else
							p->n_parents++;
						continue;
					}
					if (pass == 0) {
						sch_pupil_group *g = (sch_pupil_group *)&p->groups[p->n_groups++];
						g->division = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 1));
						g->group = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 2));
						if (!g->division || !g->group)
							rc = sch_error_oom();
					} else {
						sch_parent *r = (sch_parent *)&p->parents[p->n_parents++];
						r->name = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 1));
						r->relation = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 2));
						r->phone = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 3));
						r->email = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 4));
						if (!r->name || !r->relation || !r->phone || !r->email)
							rc = sch_error_oom();
					}
				}
				if (!rc && s != SQLITE_DONE)
					rc = sch_store__fail(st, s, "listing pupils");
				sqlite3_finalize(q);
				q = NULL;
			}
		}
	}
done:
	sqlite3_finalize(q);
	free(map);
	if (rc) {
		free(items);
		sch_jmem_free(mem);
		return rc;
	}
	out->items = items;
	out->count = n;
	out->mem_ = mem;
	return 0;
}

int sch_pupils_list(sch_pupil_list *out, sch_store *st, const char *class_id, int flags)
{
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_pupils_list: NULL argument");
	return load_list(out, st, class_id ? "p.class = ?1" : "1", class_id, 0, flags);
}

int sch_pupil_get(sch_pupil_list *out, sch_store *st, int64_t id)
{
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_pupil_get: NULL argument");
	int rc = load_list(out, st, "p.id = ?1", NULL, id, SCH_PUPILS_EXPELLED);
	if (!rc && out->count == 0) {
		sch_pupil_list_dispose(out);
		return sch_error_set(SCH_ENOTFOUND, "no pupil #%lld", (long long)id);
	}
	return rc;
}

void sch_pupil_list_dispose(sch_pupil_list *list)
{
	if (!list)
		return;
	free(list->items);
	sch_jmem_free(list->mem_);
	memset(list, 0, sizeof *list);
}

/* "Фамилия Имя Отчество" of pupil row values. */
static void full_name(char *buf, size_t n, const char *last, const char *first, const char *middle)
{
	snprintf(buf, n, "%s %s%s%s", last, first, middle && *middle ? " " : "", middle ? middle : "");
}

int sch_pupil_find(int64_t *id, sch_store *st, const char *text, const char *class_id)
{
	if (!id || !st || !text)
		return sch_error_set(SCH_EINVALID, "sch_pupil_find: NULL argument");
	*id = 0;
	while (*text == ' ')
		text++;
	if (!*text)
		return sch_error_set(SCH_EINVALID, "no pupil given");
	sqlite3_stmt *q = NULL;
	int rc;
	if (text[0] == '#') {
		char *end;
		long long v = strtoll(text + 1, &end, 10);
		if (*end || v <= 0)
			return sch_error_set(SCH_EINVALID, "pupil '%s': # and a number expected", text);
		char cls[128];
		if ((rc = sch_pupils__state(st, v, cls, sizeof cls, NULL)))
			return rc;
		if (class_id && strcmp(cls, class_id) != 0)
			return sch_error_set(SCH_EINVALID, "pupil #%lld is in class %s, not %s", v, cls, class_id);
		*id = v;
		return 0;
	}
	if ((rc = sch_store__prepare(st, &q, "SELECT id, class FROM pupils WHERE external_id = ?1", "finding a pupil")))
		return rc;
	sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(q, 0);
		const char *cls = (const char *)sqlite3_column_text(q, 1);
		if (class_id && strcmp(cls, class_id) != 0)
			rc = sch_error_set(SCH_EINVALID, "pupil %s is in class %s, not %s", text, cls, class_id);
		else
			*id = v;
		sqlite3_finalize(q);
		return rc;
	}
	sqlite3_finalize(q);
	/* By name: the words given must be the start of "last first middle". */
	char want[512];
	size_t k = 0;
	for (const char *p = text; *p && k + 1 < sizeof want; p++)
		if (!(*p == ' ' && (k == 0 || want[k - 1] == ' ')))
			want[k++] = *p;
	while (k && want[k - 1] == ' ')
		k--;
	want[k] = '\0';
	if ((rc = sch_store__prepare(st, &q,
				     "SELECT id, class, last_name, first_name, middle_name, status FROM pupils "
				     "WHERE (?1 IS NULL OR class = ?1) ORDER BY status, class, last_name, first_name",
				     "finding a pupil")))
		return rc;
	if (class_id)
		sqlite3_bind_text(q, 1, class_id, -1, SQLITE_STATIC);
	int found = 0;
	char first_found[1024] = "", other[1024] = "";
	const char **names = NULL;
	size_t n_names = 0, cap = 0;
	sch_jmem *mem = NULL;
	while (sqlite3_step(q) == SQLITE_ROW) {
		char nm[600];
		full_name(nm, sizeof nm, (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
			  (const char *)sqlite3_column_text(q, 4));
		size_t wl = strlen(want);
		if (strncmp(nm, want, wl) == 0 && (nm[wl] == '\0' || nm[wl] == ' ')) {
			if (found == 0) {
				*id = sqlite3_column_int64(q, 0);
				snprintf(first_found, sizeof first_found, "%s (%s)", nm,
					 (const char *)sqlite3_column_text(q, 1));
			} else if (found == 1) {
				snprintf(other, sizeof other, "%s (%s)", nm, (const char *)sqlite3_column_text(q, 1));
			}
			found++;
		}
		if (n_names == cap) {
			cap = cap ? cap * 2 : 64;
			const char **nn = realloc(names, sizeof *nn * cap);
			if (!nn)
				break;
			names = nn;
		}
		/* Full names, then last names alone (a misspelt surname): n_names pairs. */
		names[n_names] = sch_jmem_strdup(&mem, nm);
		if (names[n_names])
			n_names++;
		if (n_names == cap) {
			cap *= 2;
			const char **nn = realloc(names, sizeof *nn * cap);
			if (!nn)
				break;
			names = nn;
		}
		names[n_names] = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 2));
		if (names[n_names])
			n_names++;
	}
	sqlite3_finalize(q);
	if (found == 1) {
		rc = 0;
	} else if (found > 1) {
		*id = 0;
		rc = sch_error_set(SCH_EINVALID, "'%s' fits %d pupils (%s, %s%s): give more of the name, the class or #id",
				   want, found, first_found, other, found > 2 ? ", ..." : "");
	} else {
		const char *near = sch_suggest(want, names, n_names);
		for (size_t m = 1; near && m < n_names; m += 2)
			if (names[m] == near)
				near = names[m - 1]; /* a surname matched: show the whole name */
		if (near)
			rc = sch_error_set(SCH_ENOTFOUND, "no pupil '%s'%s%s; did you mean '%s'?", want,
					   class_id ? " in class " : "", class_id ? class_id : "", near);
		else
			rc = sch_error_set(SCH_ENOTFOUND, "no pupil '%s'%s%s", want, class_id ? " in class " : "",
					   class_id ? class_id : "");
	}
	free(names);
	sch_jmem_free(mem);
	return rc;
}

/* ---- Writing ---- */

/* The old value of a column, malloc'ed ("" for NULL). */
static char *old_value(sch_store *st, const char *sql, int64_t id)
{
	sqlite3_stmt *q = NULL;
	if (sch_store__prepare(st, &q, sql, "reading a pupil"))
		return NULL;
	sqlite3_bind_int64(q, 1, id);
	char *v = sqlite3_step(q) == SQLITE_ROW ? sch_store__text(q, 0) : NULL;
	sqlite3_finalize(q);
	return v;
}

static int set_group_locked(sch_store *st, int64_t id, const char *division, const char *group, const char *by)
{
	char sql[] = "SELECT grp FROM pupil_groups WHERE pupil = ?1 AND division = ?2";
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q, sql, "setting a group");
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, division, -1, SQLITE_STATIC);
	char *old = sqlite3_step(q) == SQLITE_ROW ? sch_store__text(q, 0) : NULL;
	sqlite3_finalize(q);
	if (old && group && strcmp(old, group) == 0) {
		free(old);
		return 0;
	}
	if (group && *group) {
		rc = sch_store__prepare(st, &q,
					"INSERT INTO pupil_groups(pupil, division, grp) VALUES (?1, ?2, ?3) "
					"ON CONFLICT(pupil, division) DO UPDATE SET grp = excluded.grp",
					"setting a group");
	} else {
		rc = sch_store__prepare(st, &q, "DELETE FROM pupil_groups WHERE pupil = ?1 AND division = ?2",
					"setting a group");
	}
	if (!rc) {
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, division, -1, SQLITE_STATIC);
		if (group && *group)
			sqlite3_bind_text(q, 3, group, -1, SQLITE_STATIC);
		int s = sqlite3_step(q);
		if (s != SQLITE_DONE)
			rc = sch_store__fail(st, s, "setting a group");
		sqlite3_finalize(q);
	}
	if (!rc && (old || (group && *group)))
		rc = sch_journal__audit(st, by, "group", id, id, 0, division, old, group && *group ? group : NULL);
	free(old);
	return rc;
}

static int set_parent_locked(sch_store *st, int64_t id, const sch_parent *p, const char *by)
{
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q, "SELECT id, relation, phone, email FROM parents WHERE pupil = ?1 AND name = ?2",
				    "setting a parent");
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, p->name, -1, SQLITE_STATIC);
	int64_t pid = 0;
	char old[600] = "";
	if (sqlite3_step(q) == SQLITE_ROW) {
		pid = sqlite3_column_int64(q, 0);
		snprintf(old, sizeof old, "%s; %s; %s", (const char *)sqlite3_column_text(q, 1),
			 (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3));
	}
	sqlite3_finalize(q);
	char now[600];
	snprintf(now, sizeof now, "%s; %s; %s", p->relation ? p->relation : "", p->phone ? p->phone : "",
		 p->email ? p->email : "");
	if (pid) {
		if (strcmp(old, now) == 0)
			return 0;
		rc = sch_store__prepare(st, &q,
					"UPDATE parents SET relation = coalesce(?3, relation), phone = coalesce(?4, phone), "
					"email = coalesce(?5, email) WHERE pupil = ?1 AND name = ?2",
					"setting a parent");
	} else {
		rc = sch_store__prepare(st, &q,
					"INSERT INTO parents(pupil, name, relation, phone, email) VALUES "
					"(?1, ?2, coalesce(?3, ''), coalesce(?4, ''), coalesce(?5, ''))",
					"setting a parent");
	}
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, p->name, -1, SQLITE_STATIC);
	if (p->relation)
		sqlite3_bind_text(q, 3, p->relation, -1, SQLITE_STATIC);
	if (p->phone)
		sqlite3_bind_text(q, 4, p->phone, -1, SQLITE_STATIC);
	if (p->email)
		sqlite3_bind_text(q, 5, p->email, -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "setting a parent");
	sqlite3_finalize(q);
	if (!rc)
		rc = sch_journal__audit(st, by, "parent", pid ? pid : sqlite3_last_insert_rowid(st->db), id, 0, p->name,
					pid ? old : NULL, now);
	return rc;
}

/* SCH_EEXISTS when another pupil has the external id. */
static int check_external(sch_store *st, const char *ext, int64_t self)
{
	if (!ext || !*ext)
		return 0;
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q,
				    "SELECT id, last_name, first_name, class FROM pupils WHERE external_id = ?1 AND id != ?2",
				    "checking the external id");
	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, ext, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, self);
	if (sqlite3_step(q) == SQLITE_ROW)
		rc = sch_error_set(SCH_EEXISTS, "external id %s is taken by pupil #%lld %s %s (%s)", ext,
				   (long long)sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1),
				   (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3));
	sqlite3_finalize(q);
	return rc;
}

int sch_pupils__add_locked(int64_t *out_id, sch_store *st, const sch_school *school, const sch_pupil_input *in,
			   const char *by)
{
	char birth[11];
	int rc = sch_pupils__check_input(school, in, 1, birth);
	if (rc)
		return rc;
	for (int i = 0; i < in->n_groups; i++)
		if ((rc = sch_pupils__check_group(school, in->class_id, in->groups[i].division, in->groups[i].group)))
			return rc;
	if ((rc = check_external(st, in->external_id, 0)))
		return rc;
	sqlite3_stmt *q = NULL;
	if ((rc = sch_store__prepare(st, &q,
				     "INSERT INTO pupils(class, last_name, first_name, middle_name, birth_date, external_id, "
				     "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				     "adding a pupil")))
		return rc;
	sqlite3_bind_text(q, 1, in->class_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, in->last_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, in->first_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, in->middle_name ? in->middle_name : "", -1, SQLITE_STATIC);
	if (birth[0])
		sqlite3_bind_text(q, 5, birth, -1, SQLITE_STATIC);
	if (in->external_id && *in->external_id)
		sqlite3_bind_text(q, 6, in->external_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, by, -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	sqlite3_finalize(q);
	if (s != SQLITE_DONE)
		return sch_store__fail(st, s, "adding a pupil");
	int64_t id = sqlite3_last_insert_rowid(st->db);
	char nm[600];
	full_name(nm, sizeof nm, in->last_name, in->first_name, in->middle_name);
	if ((rc = sch_journal__audit(st, by, "pupil", id, id, 0, "class", NULL, in->class_id)) ||
	    (rc = sch_journal__audit(st, by, "pupil", id, id, 0, "name", NULL, nm)))
		return rc;
	for (int i = 0; i < in->n_groups && !rc; i++)
		rc = set_group_locked(st, id, in->groups[i].division, in->groups[i].group, by);
	for (int i = 0; i < in->n_parents && !rc; i++)
		rc = set_parent_locked(st, id, &in->parents[i], by);
	if (!rc && out_id)
		*out_id = id;
	return rc;
}

int sch_pupil_add(int64_t *id, sch_store *st, const sch_school *school, const sch_pupil_input *in, const char *user)
{
	char by[256];
	if (!st || !school)
		return sch_error_set(SCH_EINVALID, "sch_pupil_add: NULL argument");
	sch_journal__user(user, by, sizeof by);
	int rc = sch_store__begin(st, "adding a pupil");
	if (rc)
		return rc;
	if ((rc = sch_pupils__add_locked(id, st, school, in, by))) {
		sch_store__rollback(st);
		return rc;
	}
	return sch_store__commit(st, "adding a pupil");
}

/* Sets one text column of a pupil, with its audit row, when it changes. val NULL: SQL NULL. */
static int set_column(sch_store *st, int64_t id, const char *col, const char *val, const char *by, int *changed)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT coalesce(%s, '') FROM pupils WHERE id = ?1", col);
	char *old = old_value(st, sql, id);
	if (!old)
		return sch_error_set(SCH_ENOTFOUND, "no pupil #%lld", (long long)id);
	if (strcmp(old, val ? val : "") == 0) {
		free(old);
		return 0;
	}
	sqlite3_stmt *q = NULL;
	snprintf(sql, sizeof sql, "UPDATE pupils SET %s = ?2 WHERE id = ?1", col);
	int rc = sch_store__prepare(st, &q, sql, "changing a pupil");
	if (!rc) {
		sqlite3_bind_int64(q, 1, id);
		if (val)
			sqlite3_bind_text(q, 2, val, -1, SQLITE_STATIC);
		int s = sqlite3_step(q);
		if (s != SQLITE_DONE)
			rc = sch_store__fail(st, s, "changing a pupil");
		sqlite3_finalize(q);
	}
	if (!rc)
		rc = sch_journal__audit(st, by, "pupil", id, id, 0, col, *old ? old : NULL, val && *val ? val : NULL);
	if (!rc && changed)
		*changed = 1;
	free(old);
	return rc;
}

int sch_pupils__edit_locked(sch_store *st, const sch_school *school, int64_t id, const sch_pupil_input *in,
			    const char *by, int *changed)
{
	char birth[11], cls[128];
	int rc = sch_pupils__check_input(school, in, 0, birth);
	if (rc || (rc = sch_pupils__state(st, id, cls, sizeof cls, NULL)))
		return rc;
	const char *class_now = in->class_id ? in->class_id : cls;
	for (int i = 0; i < in->n_groups; i++)
		if ((rc = sch_pupils__check_group(school, class_now, in->groups[i].division, in->groups[i].group)))
			return rc;
	if (in->external_id && (rc = check_external(st, in->external_id, id)))
		return rc;
	if (in->class_id && (rc = set_column(st, id, "class", in->class_id, by, changed)))
		return rc;
	if (in->last_name && (rc = set_column(st, id, "last_name", in->last_name, by, changed)))
		return rc;
	if (in->first_name && (rc = set_column(st, id, "first_name", in->first_name, by, changed)))
		return rc;
	if (in->middle_name && (rc = set_column(st, id, "middle_name", in->middle_name, by, changed)))
		return rc;
	if (in->birth_date && (rc = set_column(st, id, "birth_date", birth[0] ? birth : NULL, by, changed)))
		return rc;
	if (in->external_id &&
	    (rc = set_column(st, id, "external_id", *in->external_id ? in->external_id : NULL, by, changed)))
		return rc;
	long long before = sqlite3_total_changes(st->db);
	for (int i = 0; i < in->n_groups && !rc; i++)
		rc = set_group_locked(st, id, in->groups[i].division, in->groups[i].group, by);
	for (int i = 0; i < in->n_parents && !rc; i++)
		rc = set_parent_locked(st, id, &in->parents[i], by);
	if (!rc && changed && sqlite3_total_changes(st->db) != before)
		*changed = 1;
	return rc;
}

int sch_pupil_edit(sch_store *st, const sch_school *school, int64_t id, const sch_pupil_input *in, const char *user)
{
	char by[256];
	if (!st || !school)
		return sch_error_set(SCH_EINVALID, "sch_pupil_edit: NULL argument");
	sch_journal__user(user, by, sizeof by);
	int rc = sch_store__begin(st, "changing a pupil");
	if (rc)
		return rc;
	if ((rc = sch_pupils__edit_locked(st, school, id, in, by, NULL))) {
		sch_store__rollback(st);
		return rc;
	}
	return sch_store__commit(st, "changing a pupil");
}

int sch_pupil_set_group(sch_store *st, const sch_school *school, int64_t id, const char *division, const char *group,
			const char *user)
{
	char by[256], cls[128];
	if (!st || !school)
		return sch_error_set(SCH_EINVALID, "sch_pupil_set_group: NULL argument");
	sch_journal__user(user, by, sizeof by);
	int rc = sch_store__begin(st, "setting a group");
	if (rc)
		return rc;
	if ((rc = sch_pupils__state(st, id, cls, sizeof cls, NULL)) ||
	    (rc = sch_pupils__check_group(school, cls, division, group)) ||
	    (rc = set_group_locked(st, id, division, group, by))) {
		sch_store__rollback(st);
		return rc;
	}
	return sch_store__commit(st, "setting a group");
}

int sch_pupil_set_parent(sch_store *st, int64_t id, const sch_parent *parent, const char *user)
{
	char by[256], cls[128];
	if (!st || !parent)
		return sch_error_set(SCH_EINVALID, "sch_pupil_set_parent: NULL argument");
	int rc = check_name(parent->name, "parent's name");
	if (rc)
		return rc;
	sch_journal__user(user, by, sizeof by);
	if ((rc = sch_store__begin(st, "setting a parent")))
		return rc;
	if ((rc = sch_pupils__state(st, id, cls, sizeof cls, NULL)) || (rc = set_parent_locked(st, id, parent, by))) {
		sch_store__rollback(st);
		return rc;
	}
	return sch_store__commit(st, "setting a parent");
}

static int add_move(sch_store *st, int64_t id, const char *kind, const char *from, const char *to, const char *on,
		    const char *reason, const char *by)
{
	const char *p[] = {kind, from, to, on, reason ? reason : "", by};
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q,
				    "INSERT INTO pupil_moves(pupil, kind, from_class, to_class, on_date, reason, created_by) "
				    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				    "recording a move");
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	for (int i = 0; i < 6; i++)
		sqlite3_bind_text(q, i + 2, p[i], -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "recording a move");
	sqlite3_finalize(q);
	return rc;
}

int sch_pupil_expel(sch_store *st, int64_t id, const char *on, const char *reason, const char *user)
{
	char by[256], cls[128], day[11];
	int status, rc;
	if (!st)
		return sch_error_set(SCH_EINVALID, "sch_pupil_expel: NULL argument");
	if ((rc = sch_journal__date(day, on, "expel")))
		return rc;
	sch_journal__user(user, by, sizeof by);
	if ((rc = sch_store__begin(st, "expelling a pupil")))
		return rc;
	if ((rc = sch_pupils__state(st, id, cls, sizeof cls, &status)))
		goto fail;
	if (status == SCH_PUPIL_EXPELLED) {
		rc = sch_error_set(SCH_EINVALID, "pupil #%lld is expelled already", (long long)id);
		goto fail;
	}
	if ((rc = set_column(st, id, "status", "expelled", by, NULL)) || (rc = set_column(st, id, "left_on", day, by, NULL)) ||
	    (rc = set_column(st, id, "left_reason", reason ? reason : "", by, NULL)) ||
	    (rc = add_move(st, id, "expel", cls, cls, day, reason, by)))
		goto fail;
	return sch_store__commit(st, "expelling a pupil");
fail:
	sch_store__rollback(st);
	return rc;
}

int sch_pupil_reactivate(sch_store *st, const sch_school *school, int64_t id, const char *on, const char *reason,
			 const char *user)
{
	char by[256], cls[128], day[11];
	int status, rc;
	if (!st || !school)
		return sch_error_set(SCH_EINVALID, "sch_pupil_reactivate: NULL argument");
	if ((rc = sch_journal__date(day, on, "reactivate")))
		return rc;
	sch_journal__user(user, by, sizeof by);
	if ((rc = sch_store__begin(st, "reactivating a pupil")))
		return rc;
	if ((rc = sch_pupils__state(st, id, cls, sizeof cls, &status)))
		goto fail;
	if (status != SCH_PUPIL_EXPELLED) {
		rc = sch_error_set(SCH_EINVALID, "pupil #%lld is active, not expelled", (long long)id);
		goto fail;
	}
	if (sch_journal__class(school, cls) < 0) {
		rc = sch_error_set(SCH_EINVALID, "pupil #%lld left class %s, which the school no longer has: transfer them",
				   (long long)id, cls);
		goto fail;
	}
	if ((rc = set_column(st, id, "status", "active", by, NULL)) || (rc = set_column(st, id, "left_on", NULL, by, NULL)) ||
	    (rc = set_column(st, id, "left_reason", "", by, NULL)) ||
	    (rc = add_move(st, id, "reactivate", cls, cls, day, reason, by)))
		goto fail;
	return sch_store__commit(st, "reactivating a pupil");
fail:
	sch_store__rollback(st);
	return rc;
}

int sch_pupil_transfer(sch_store *st, const sch_school *school, int64_t id, const char *to_class, const char *on,
		       const sch_pupil_group *groups, int n_groups, const char *reason, const char *user)
{
	char by[256], cls[128], day[11];
	int status, rc;
	sch_pupil_list cur = {0};
	if (!st || !school || (n_groups && !groups))
		return sch_error_set(SCH_EINVALID, "sch_pupil_transfer: NULL argument");
	if ((rc = sch_journal__date(day, on, "transfer")))
		return rc;
	int c = sch_journal__class(school, to_class);
	if (c < 0)
		return sch_error_last()->code;
	for (int i = 0; i < n_groups; i++)
		if ((rc = sch_pupils__check_group(school, to_class, groups[i].division, groups[i].group)))
			return rc;
	sch_journal__user(user, by, sizeof by);
	if ((rc = sch_store__begin(st, "transferring a pupil")))
		return rc;
	if ((rc = sch_pupils__state(st, id, cls, sizeof cls, &status)))
		goto fail;
	if (status == SCH_PUPIL_EXPELLED) {
		rc = sch_error_set(SCH_EINVALID, "pupil #%lld is expelled: reactivate them first", (long long)id);
		goto fail;
	}
	if (strcmp(cls, to_class) == 0) {
		rc = sch_error_set(SCH_EINVALID, "pupil #%lld is in class %s already", (long long)id, cls);
		goto fail;
	}
	if ((rc = sch_pupil_get(&cur, st, id)))
		goto fail;
	const sch_class_def *to = &school->classes[c];
	/* Old groups: kept where the new class has the same division and group, else dropped. */
	for (int i = 0; i < cur.items[0].n_groups; i++) {
		const sch_pupil_group *g = &cur.items[0].groups[i];
		int d = division_of(to, g->division);
		int keep = d >= 0 && group_of(&to->divisions[d], g->group) >= 0;
		for (int k = 0; k < n_groups; k++)
			if (strcmp(groups[k].division, g->division) == 0)
				keep = 0; /* given anew below */
		if (!keep && (rc = set_group_locked(st, id, g->division, NULL, by)))
			goto fail;
	}
	if ((rc = set_column(st, id, "class", to_class, by, NULL)))
		goto fail;
	for (int k = 0; k < n_groups; k++)
		if ((rc = set_group_locked(st, id, groups[k].division, groups[k].group, by)))
			goto fail;
	if ((rc = add_move(st, id, "transfer", cls, to_class, day, reason, by)))
		goto fail;
	sch_pupil_list_dispose(&cur);
	return sch_store__commit(st, "transferring a pupil");
fail:
	sch_pupil_list_dispose(&cur);
	sch_store__rollback(st);
	return rc;
}

/* ---- Class teachers ---- */

int sch_class_teacher_set(sch_store *st, const sch_school *school, const char *class_id, const char *teacher_id,
			  const char *user)
{
	char by[256];
	if (!st || !school)
		return sch_error_set(SCH_EINVALID, "sch_class_teacher_set: NULL argument");
	if (sch_journal__class(school, class_id) < 0)
		return sch_error_last()->code;
	const char *tid = NULL;
	if (teacher_id && *teacher_id) {
		int t = sch_journal__teacher(school, teacher_id);
		if (t < 0)
			return sch_error_last()->code;
		tid = school->teachers[t].id;
	}
	sch_journal__user(user, by, sizeof by);
	int rc = sch_store__begin(st, "setting a class teacher");
	if (rc)
		return rc;
	sqlite3_stmt *q = NULL;
	char *old = NULL;
	if ((rc = sch_store__prepare(st, &q, "SELECT teacher FROM class_teachers WHERE class = ?1", "setting a class teacher")))
		goto fail;
	sqlite3_bind_text(q, 1, class_id, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		old = sch_store__text(q, 0);
	sqlite3_finalize(q);
	const char *p[] = {class_id, tid};
	if (tid)
		rc = sch_journal__exec(st, "setting a class teacher",
				       "INSERT INTO class_teachers(class, teacher) VALUES (?1, ?2) "
				       "ON CONFLICT(class) DO UPDATE SET teacher = excluded.teacher",
				       2, p);
	else
		rc = sch_journal__exec(st, "setting a class teacher", "DELETE FROM class_teachers WHERE class = ?1", 1, p);
	if (!rc)
		rc = sch_journal__audit(st, by, "class_teacher", 0, 0, 0, class_id, old, tid);
	free(old);
	if (rc)
		goto fail;
	return sch_store__commit(st, "setting a class teacher");
fail:
	sch_store__rollback(st);
	return rc;
}

int sch_class_teachers(sch_class_teacher_list *out, sch_store *st, const char *teacher_id)
{
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_class_teachers: NULL argument");
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q,
				    "SELECT class, teacher FROM class_teachers WHERE ?1 IS NULL OR teacher = ?1 ORDER BY class",
				    "listing class teachers");
	if (rc)
		return rc;
	if (teacher_id)
		sqlite3_bind_text(q, 1, teacher_id, -1, SQLITE_STATIC);
	sch_jmem *mem = NULL;
	size_t cap = 0;
	int s;
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? cap * 2 : 32;
			sch_class_teacher *n = realloc(out->items, sizeof *n * cap);
			if (!n) {
				rc = sch_error_oom();
				break;
			}
			out->items = n;
		}
		sch_class_teacher *ct = &out->items[out->count++];
		ct->class_id = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 0));
		ct->teacher_id = sch_jmem_strdup(&mem, (const char *)sqlite3_column_text(q, 1));
		if (!ct->class_id || !ct->teacher_id) {
			rc = sch_error_oom();
			break;
		}
	}
	if (!rc && s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "listing class teachers");
	sqlite3_finalize(q);
	out->mem_ = mem;
	if (rc)
		sch_class_teacher_list_dispose(out);
	return rc;
}

void sch_class_teacher_list_dispose(sch_class_teacher_list *list)
{
	if (!list)
		return;
	free(list->items);
	sch_jmem_free(list->mem_);
	memset(list, 0, sizeof *list);
}
