/* Importing class lists exported by the ministry's education database (CSV or XLSX): columns by header, bad rows by line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "journal_int.h"
#include "pupils_int.h"
#include "schedule/calendar.h"

enum { C_EXT, C_CLASS, C_LAST, C_FIRST, C_MIDDLE, C_FULL, C_BIRTH, C_PARENT, C_REL, C_PHONE, C_EMAIL, C_N };

/* Header names per column (lower case: headers are folded before comparing); docs/journal.md lists them. */
static const char *const HEADS[C_N][7] = {
	[C_EXT] = {"external_id", "id", "пин", "инн", "id ученика", "код ученика", NULL},
	[C_CLASS] = {"class", "класс", NULL},
	[C_LAST] = {"last_name", "фамилия", NULL},
	[C_FIRST] = {"first_name", "имя", NULL},
	[C_MIDDLE] = {"middle_name", "отчество", NULL},
	[C_FULL] = {"name", "фио", "фио ученика", NULL},
	[C_BIRTH] = {"birth_date", "дата рождения", NULL},
	[C_PARENT] = {"parent", "родитель", "фио родителя", NULL},
	[C_REL] = {"relation", "кем приходится", "степень родства", NULL},
	[C_PHONE] = {"phone", "телефон", "телефон родителя", NULL},
	[C_EMAIL] = {"email", "e-mail", "почта", NULL},
};

/* ASCII and Cyrillic capitals to small letters (Ё too), in place; headers only. */
static void fold(char *s)
{
	unsigned char *p = (unsigned char *)s;
	while (*p) {
		if (*p >= 'A' && *p <= 'Z') {
			*p = (unsigned char)(*p + 32);
			p++;
		} else if (p[0] == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F) { /* А-П → а-п */
			p[1] = (unsigned char)(p[1] + 0x20);
			p += 2;
		} else if (p[0] == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) { /* Р-Я → р-я */
			p[0] = 0xD1;
			p[1] = (unsigned char)(p[1] - 0x20);
			p += 2;
		} else if (p[0] == 0xD0 && p[1] == 0x81) { /* Ё → ё */
			p[0] = 0xD1;
			p[1] = 0x91;
			p += 2;
		} else {
			p++;
		}
	}
}

/* A date as the ministry writes it: ISO, DD.MM.YYYY, or an Excel serial day number (an XLSX date cell). */
static int parse_birth(char out[11], const char *text)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (*text && (*end == '\0' || (*end == '.' && strspn(end + 1, "0") == strlen(end + 1))) && v > 20000 &&
	    v < 80000) {
		/* Excel's day 1 is 1900-01-01 and it counts a 29 February 1900: day v > 60 is 1899-12-30 + v. */
		sch_date d = sch_date_make(1900, 1, 1) - 2 + (sch_date)v;
		sch_date_iso(d, out);
		return 0;
	}
	return sch_journal__date(out, text, "birth date");
}

typedef struct {
	int col[C_N];     /* -1 absent */
	int n_groups;
	int gcol[16];
	char *gdiv[16];
} layout;

static int read_header(layout *L, const sch_jrow *h, const char *path, sch_diags *diags)
{
	for (int c = 0; c < C_N; c++)
		L->col[c] = -1;
	L->n_groups = 0;
	int bad = 0;
	for (int i = 0; i < h->n; i++) {
		char name[256];
		snprintf(name, sizeof name, "%s", h->cells[i]);
		fold(name);
		if (!*name)
			continue;
		int found = -1;
		for (int c = 0; c < C_N && found < 0; c++)
			for (int k = 0; HEADS[c][k]; k++)
				if (strcmp(name, HEADS[c][k]) == 0)
					found = c;
		if (found >= 0) {
			if (L->col[found] >= 0) {
				sch_diags_add(diags, SCH_DIAG_ERROR, path, h->line, i + 1, "column '%s' given twice",
					      h->cells[i]);
				bad = 1;
			}
			L->col[found] = i;
			continue;
		}
		const char *div = NULL;
		if (strncmp(name, "group:", 6) == 0)
			div = h->cells[i] + 6;
		else if (strncmp(name, "группа:", strlen("группа:")) == 0)
			div = h->cells[i] + strlen("группа:");
		if (div) {
			while (*div == ' ')
				div++;
			if (!*div || L->n_groups == 16) {
				sch_diags_add(diags, SCH_DIAG_ERROR, path, h->line, i + 1,
					      "column '%s': group:<division> expected (group:english)", h->cells[i]);
				bad = 1;
				continue;
			}
			L->gcol[L->n_groups] = i;
			L->gdiv[L->n_groups++] = (char *)div;
			continue;
		}
		sch_diags_add(diags, SCH_DIAG_WARNING, path, h->line, i + 1, "column '%s' is not used", h->cells[i]);
	}
	if (L->col[C_CLASS] < 0) {
		sch_diags_add(diags, SCH_DIAG_ERROR, path, h->line, 0, "no column 'class' (класс) in the header");
		bad = 1;
	}
	if (L->col[C_FULL] < 0 && (L->col[C_LAST] < 0 || L->col[C_FIRST] < 0)) {
		sch_diags_add(diags, SCH_DIAG_ERROR, path, h->line, 0,
			      "no name columns: last_name and first_name (фамилия, имя), or name (ФИО)");
		bad = 1;
	}
	return bad ? SCH_EINVALID : 0;
}

static const char *cell(const sch_jrow *r, int col)
{
	return col >= 0 && col < r->n ? r->cells[col] : "";
}

/* Splits "Фамилия Имя Отчество"; a surname may be two words ("Асан уулу Адилет"), the patronymic several. */
static void split_full(char *buf, size_t n, const char *full, const char **last, const char **first,
		       const char **middle)
{
	snprintf(buf, n, "%s", full);
	char *p = buf;
	*last = *first = *middle = "";
	while (*p == ' ')
		p++;
	*last = p;
	p = strchr(p, ' ');
	if (!p)
		return;
	/* A Kyrgyz surname of two words: "Асан уулу", "Асан кызы". */
	if (strncmp(p + 1, "уулу", strlen("уулу")) == 0 || strncmp(p + 1, "кызы", strlen("кызы")) == 0) {
		char *after = p + 1 + strlen("уулу");
		if (*after == ' ' || *after == '\0')
			p = *after ? after : NULL;
		if (!p)
			return;
	}
	*p++ = '\0';
	while (*p == ' ')
		p++;
	*first = p;
	p = strchr(p, ' ');
	if (!p)
		return;
	*p++ = '\0';
	while (*p == ' ')
		p++;
	*middle = p;
}

/* The pupil with external id ext (0 when none). */
static int by_external(int64_t *id, sch_store *st, const char *ext)
{
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q, "SELECT id FROM pupils WHERE external_id = ?1", "importing pupils");
	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, ext, -1, SQLITE_STATIC);
	*id = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return 0;
}

int sch_pupils_import(sch_pupil_import_info *info, sch_store *st, const sch_school *school, const char *path,
		      int flags, sch_diags *diags, const char *user)
{
	sch_pupil_import_info dummy;
	sch_jtable t = {0};
	char by[256];
	int rc, open_tx = 0;
	char **seen = NULL;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof *info);
	if (!st || !school || !path || !diags)
		return sch_error_set(SCH_EINVALID, "sch_pupils_import: NULL argument");
	sch_journal__user(user, by, sizeof by);
	if ((rc = sch_jtable_read(&t, path)))
		return rc;
	if (t.n_rows == 0) {
		rc = sch_error_set(SCH_EINVALID, "%s: no rows: a header row and a row per pupil expected", path);
		goto done;
	}
	layout L;
	if ((rc = read_header(&L, &t.rows[0], path, diags))) {
		rc = sch_error_set(SCH_EINVALID, "%s: the header row is not a class list (see docs/journal.md)", path);
		goto done;
	}
	seen = calloc((size_t)t.n_rows, sizeof *seen);
	if (!seen) {
		rc = sch_error_oom();
		goto done;
	}
	if ((rc = sch_store__begin(st, "importing pupils")))
		goto done;
	open_tx = 1;
	for (int i = 1; i < t.n_rows; i++) {
		const sch_jrow *r = &t.rows[i];
		info->rows++;
		char full[512], birth[11] = "";
		const char *last = cell(r, L.col[C_LAST]), *first = cell(r, L.col[C_FIRST]),
			   *middle = cell(r, L.col[C_MIDDLE]);
		int name_col = L.col[C_LAST];
		if (L.col[C_FULL] >= 0 && !*last) {
			split_full(full, sizeof full, cell(r, L.col[C_FULL]), &last, &first, &middle);
			name_col = L.col[C_FULL];
		}
		const char *cls = cell(r, L.col[C_CLASS]), *ext = cell(r, L.col[C_EXT]);
		int bad_col = -1;
		char why[600] = "";
		/* Field by field, so that the message names the column. */
		if (!*cls) {
			bad_col = L.col[C_CLASS];
			snprintf(why, sizeof why, "no class");
		} else if (sch_journal__class(school, cls) < 0) {
			bad_col = L.col[C_CLASS];
			snprintf(why, sizeof why, "%s", sch_error_last()->message);
		} else if (!*last) {
			bad_col = name_col;
			snprintf(why, sizeof why, "no last name");
		} else if (!*first) {
			bad_col = L.col[C_FULL] >= 0 && name_col == L.col[C_FULL] ? name_col : L.col[C_FIRST];
			snprintf(why, sizeof why, "no first name");
		} else if (*cell(r, L.col[C_BIRTH]) && parse_birth(birth, cell(r, L.col[C_BIRTH]))) {
			bad_col = L.col[C_BIRTH];
			snprintf(why, sizeof why, "%s", sch_error_last()->message);
		} else if (*cell(r, L.col[C_PARENT]) == '\0' &&
			   (*cell(r, L.col[C_PHONE]) || *cell(r, L.col[C_EMAIL]) || *cell(r, L.col[C_REL]))) {
			bad_col = L.col[C_PARENT];
			snprintf(why, sizeof why, "a parent's phone, e-mail or relation without the parent's name");
		}
		for (int g = 0; g < L.n_groups && bad_col < 0; g++) {
			const char *grp = cell(r, L.gcol[g]);
			if (*grp && sch_pupils__check_group(school, cls, L.gdiv[g], grp)) {
				bad_col = L.gcol[g];
				snprintf(why, sizeof why, "%s", sch_error_last()->message);
			}
		}
		if (bad_col < 0 && *ext)
			for (int k = 1; k < i; k++)
				if (seen[k] && strcmp(seen[k], ext) == 0) {
					bad_col = L.col[C_EXT];
					snprintf(why, sizeof why, "external id %s is given twice (line %d too)", ext,
						 t.rows[k].line);
					break;
				}
		if (bad_col >= 0) {
			sch_diags_add(diags, SCH_DIAG_ERROR, path, r->line, bad_col + 1, "%s", why);
			info->bad++;
			continue;
		}
		seen[i] = (char *)ext;
		sch_pupil_group groups[16];
		int ng = 0;
		for (int g = 0; g < L.n_groups; g++)
			if (*cell(r, L.gcol[g]))
				groups[ng++] = (sch_pupil_group){L.gdiv[g], cell(r, L.gcol[g])};
		sch_parent parent = {cell(r, L.col[C_PARENT]), cell(r, L.col[C_REL]), cell(r, L.col[C_PHONE]),
				     cell(r, L.col[C_EMAIL])};
		sch_pupil_input in = SCH_PUPIL_INPUT_INIT;
		in.class_id = cls;
		in.last_name = last;
		in.first_name = first;
		in.middle_name = middle;
		in.birth_date = birth[0] ? birth : NULL;
		in.external_id = *ext ? ext : NULL;
		in.n_groups = ng;
		in.groups = groups;
		in.n_parents = *parent.name ? 1 : 0;
		in.parents = &parent;
		int64_t id = 0;
		if (*ext && (rc = by_external(&id, st, ext)))
			goto done;
		if ((rc = sch_journal__exec(st, "importing pupils", "SAVEPOINT pupil_row", 0, NULL)))
			goto done;
		int changed = 0;
		int r2 = id ? sch_pupils__edit_locked(st, school, id, &in, by, &changed)
			    : sch_pupils__add_locked(NULL, st, school, &in, by);
		if (r2) {
			if (r2 == SCH_EIO || r2 == SCH_EDB || r2 == SCH_ENOMEM) {
				rc = r2;
				goto done;
			}
			sch_diags_add(diags, SCH_DIAG_ERROR, path, r->line, 0, "%s", sch_error_last()->message);
			info->bad++;
			if ((rc = sch_journal__exec(st, "importing pupils", "ROLLBACK TO pupil_row", 0, NULL)))
				goto done;
		} else if (id) {
			if (changed)
				info->updated++;
			else
				info->same++;
		} else {
			info->added++;
		}
		if ((rc = sch_journal__exec(st, "importing pupils", "RELEASE pupil_row", 0, NULL)))
			goto done;
	}
	if (info->bad && !(flags & SCH_PUPILS_IMPORT_KEEP_GOOD)) {
		rc = sch_error_set(SCH_EINVALID, "%s: %d of %d rows are bad: nothing written (--keep-good writes the %d good ones)",
				   path, info->bad, info->rows, info->rows - info->bad);
		goto done;
	}
	if (flags & SCH_PUPILS_IMPORT_DRY_RUN)
		goto done;
	rc = sch_store__commit(st, "importing pupils");
	open_tx = 0;
done:
	if (open_tx)
		sch_store__rollback(st);
	free(seen);
	sch_jtable_free(&t);
	return rc;
}
