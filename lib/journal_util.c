/* Shared by the pupils and journal files: arenas, audit rows, dates, names, CSV tables, file reading and SHA-256. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "journal_int.h"
#include "schedule/calendar.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"

/* ---- Arena ---- */

struct sch_jmem {
	struct sch_jmem *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

void *sch_jmem_alloc(sch_jmem **m, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!*m || (*m)->cap - (*m)->used < n) {
		size_t cap = n > 16384 ? n : 16384;
		sch_jmem *b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = *m;
		b->used = 0;
		b->cap = cap;
		*m = b;
	}
	void *p = (*m)->data + (*m)->used;
	(*m)->used += n;
	return p;
}

char *sch_jmem_strdup(sch_jmem **m, const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	char *d = sch_jmem_alloc(m, n + 1);
	if (d)
		memcpy(d, s, n + 1);
	return d;
}

void sch_jmem_free(sch_jmem *m)
{
	while (m) {
		sch_jmem *next = m->next;
		free(m);
		m = next;
	}
}

/* ---- Writing ---- */

const char *sch_journal__user(const char *user, char *buf, size_t n)
{
	if (user && *user) {
		snprintf(buf, n, "%s", user);
		return buf;
	}
	return sch_store__user(buf, n);
}

void sch_journal__audit_bind(sqlite3_stmt *q, const char *by, const char *entity, int64_t entity_id, int64_t pupil,
			     int64_t lesson, const char *field, const char *old, const char *new_value)
{
	sqlite3_bind_text(q, 1, by ? by : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, entity_id);
	if (pupil > 0)
		sqlite3_bind_int64(q, 4, pupil);
	if (lesson > 0)
		sqlite3_bind_int64(q, 5, lesson);
	sqlite3_bind_text(q, 6, field ? field : "", -1, SQLITE_STATIC);
	if (old)
		sqlite3_bind_text(q, 7, old, -1, SQLITE_STATIC);
	if (new_value)
		sqlite3_bind_text(q, 8, new_value, -1, SQLITE_STATIC);
}

int sch_journal__audit(sch_store *st, const char *by, const char *entity, int64_t entity_id, int64_t pupil,
		       int64_t lesson, const char *field, const char *old, const char *new_value)
{
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q,
				    "INSERT INTO audit(by, entity, entity_id, pupil, journal_lesson, field, old, new) "
				    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				    "writing the audit trail");
	if (rc)
		return rc;
	sch_journal__audit_bind(q, by, entity, entity_id, pupil, lesson, field, old, new_value);
	int s = sqlite3_step(q);
	if (s != SQLITE_DONE)
		rc = sch_store__fail(st, s, "writing the audit trail");
	sqlite3_finalize(q);
	return rc;
}

int sch_journal__exec(sch_store *st, const char *what, const char *sql, int n, const char *const *params)
{
	sqlite3_stmt *q = NULL;
	int rc = sch_store__prepare(st, &q, sql, what);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++)
		if (params[i])
			sqlite3_bind_text(q, i + 1, params[i], -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		rc = sch_store__fail(st, s, what);
	sqlite3_finalize(q);
	return rc;
}

int sch_journal__date(char out[11], const char *text, const char *what)
{
	sch_date d;
	if (!text || !*text)
		return sch_error_set(SCH_EINVALID, "%s: no date given", what);
	if (sch_date_parse(&d, text) != 0)
		return sch_error_set(SCH_EINVALID, "%s: '%s' is not a date (2026-09-01 or 01.09.2026)", what, text);
	sch_date_iso(d, out);
	return 0;
}

static int find_named(const char *kind, const char *id, const char *const *ids, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return i;
	const char *near = sch_suggest(id, ids, (size_t)n);
	if (near)
		sch_error_set(SCH_ENOTFOUND, "no %s '%s' in the school; did you mean '%s'?", kind, id, near);
	else
		sch_error_set(SCH_ENOTFOUND, "no %s '%s' in the school", kind, id);
	return -1;
}

int sch_journal__class(const sch_school *s, const char *id)
{
	if (!id || !*id) {
		sch_error_set(SCH_EINVALID, "no class given");
		return -1;
	}
	const char **ids = malloc(sizeof *ids * ((size_t)s->n_classes + 1));
	if (!ids) {
		sch_error_oom();
		return -1;
	}
	for (int i = 0; i < s->n_classes; i++)
		ids[i] = s->classes[i].id;
	int r = find_named("class", id, ids, s->n_classes);
	free(ids);
	return r;
}

int sch_journal__teacher(const sch_school *s, const char *id)
{
	if (!id || !*id) {
		sch_error_set(SCH_EINVALID, "no teacher given");
		return -1;
	}
	for (int i = 0; i < s->n_teachers; i++)
		if (s->teachers[i].name && strcmp(s->teachers[i].name, id) == 0)
			return i;
	const char **ids = malloc(sizeof *ids * ((size_t)s->n_teachers + 1));
	if (!ids) {
		sch_error_oom();
		return -1;
	}
	for (int i = 0; i < s->n_teachers; i++)
		ids[i] = s->teachers[i].id;
	int r = find_named("teacher", id, ids, s->n_teachers);
	free(ids);
	return r;
}

/* ---- Files ---- */

int sch_journal__slurp(unsigned char **data, size_t *size, const char *path, size_t max)
{
	*data = NULL;
	*size = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return sch_error_set(errno == ENOENT ? SCH_ENOTFOUND : SCH_EIO, "%s: %s", path, strerror(errno));
	sch_buf b;
	sch_buf_init(&b);
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			rc = sch_error_set(SCH_EINVALID, "%s: larger than %zu bytes (%zu MiB)", path, max, max >> 20);
			break;
		}
		sch_buf_add(&b, chunk, n);
	}
	if (!rc && ferror(f))
		rc = sch_error_set(SCH_EIO, "%s: %s", path, strerror(errno));
	fclose(f);
	if (!rc && b.oom)
		rc = sch_error_oom();
	if (rc) {
		sch_buf_free(&b);
		return rc;
	}
	*size = b.len;
	*data = (unsigned char *)sch_buf_take(&b, NULL);
	if (!*data) { /* an empty file: still a valid, empty buffer */
		*data = calloc(1, 1);
		if (!*data)
			return sch_error_oom();
	}
	return 0;
}

/* ---- CSV ---- */

static char *trimmed(sch_jmem **m, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	char *d = sch_jmem_alloc(m, n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* The separator the first line uses most (outside quotes): ',' ';' or tab. */
static char guess_sep(const char *s, size_t n)
{
	int c = 0, sc = 0, t = 0, q = 0;
	for (size_t i = 0; i < n && (q || (s[i] != '\n')); i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && s[i] == ',')
			c++;
		else if (!q && s[i] == ';')
			sc++;
		else if (!q && s[i] == '\t')
			t++;
	}
	if (sc > c && sc >= t)
		return ';';
	if (t > c && t > sc)
		return '\t';
	return ',';
}

typedef struct {
	char **cells;
	int n, cap;
} row_acc;

static int acc_push(row_acc *a, char *cell)
{
	if (!cell)
		return sch_error_oom();
	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 16;
		char **c = realloc(a->cells, sizeof *c * (size_t)cap);
		if (!c)
			return sch_error_oom();
		a->cells = c;
		a->cap = cap;
	}
	a->cells[a->n++] = cell;
	return 0;
}

static int table_push(sch_jtable *t, int *cap, int line, row_acc *a)
{
	int empty = 1;
	for (int i = 0; i < a->n; i++)
		if (a->cells[i][0])
			empty = 0;
	if (empty) {
		a->n = 0;
		return 0;
	}
	if (t->n_rows == *cap) {
		int c = *cap ? *cap * 2 : 64;
		sch_jrow *r = realloc(t->rows, sizeof *r * (size_t)c);
		if (!r)
			return sch_error_oom();
		t->rows = r;
		*cap = c;
	}
	char **cells = sch_jmem_alloc(&t->mem, sizeof *cells * (size_t)a->n);
	if (!cells)
		return sch_error_oom();
	memcpy(cells, a->cells, sizeof *cells * (size_t)a->n);
	t->rows[t->n_rows++] = (sch_jrow){.line = line, .n = a->n, .cells = cells};
	a->n = 0;
	return 0;
}

static int read_csv(sch_jtable *t, const char *s, size_t n, const char *path)
{
	size_t bad;
	if (!sch_utf8_valid(s, n, &bad)) {
		int line = 1;
		for (size_t i = 0; i < bad; i++)
			line += s[i] == '\n';
		return sch_error_set(SCH_EINVALID, "%s:%d: not UTF-8 text (save the file as CSV UTF-8)", path, line);
	}
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	char sep = guess_sep(s, n);
	row_acc a = {0};
	sch_buf cell;
	sch_buf_init(&cell);
	int cap = 0, rc = 0, line = 1, row_line = 1;
	size_t i = 0;
	while (i <= n && !rc) {
		/* one field */
		sch_buf_clear(&cell);
		int quoted = 0;
		if (i < n && s[i] == '"') {
			quoted = 1;
			int start_line = line;
			i++;
			for (;;) {
				if (i >= n) {
					rc = sch_error_set(SCH_EINVALID, "%s:%d: a quoted field is not closed", path,
							   start_line);
					break;
				}
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						sch_buf_add(&cell, "\"", 1);
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (s[i] == '\n')
					line++;
				sch_buf_add(&cell, s + i, 1);
				i++;
			}
			if (rc)
				break;
		}
		size_t start = i;
		while (i < n && s[i] != sep && s[i] != '\n')
			i++;
		if (!quoted)
			sch_buf_add(&cell, s + start, i - start);
		else if (i > start) { /* text after the closing quote: keep it, as spreadsheets do */
			sch_buf_add(&cell, s + start, i - start);
		}
		if (cell.oom) {
			rc = sch_error_oom();
			break;
		}
		if ((rc = acc_push(&a, trimmed(&t->mem, cell.p ? cell.p : "", cell.len))))
			break;
		if (i >= n || s[i] == '\n') {
			rc = table_push(t, &cap, row_line, &a);
			line++;
			row_line = line;
			if (i >= n)
				break;
		}
		i++;
	}
	sch_buf_free(&cell);
	free(a.cells);
	return rc;
}

int sch_jtable_read(sch_jtable *t, const char *path)
{
	memset(t, 0, sizeof *t);
	unsigned char *data = NULL;
	size_t size = 0;
	int rc = sch_journal__slurp(&data, &size, path, (size_t)64 << 20);
	if (rc)
		return rc;
	if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		rc = sch_xlsx__read(t, data, size, path);
	else if (size >= 4 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0)
		rc = sch_error_set(SCH_EINVALID, "%s: an old Excel (.xls) workbook: save it as .xlsx or CSV UTF-8", path);
	else
		rc = read_csv(t, (const char *)data, size, path);
	free(data);
	if (rc)
		sch_jtable_free(t);
	return rc;
}

void sch_jtable_free(sch_jtable *t)
{
	if (!t)
		return;
	free(t->rows);
	sch_jmem_free(t->mem);
	memset(t, 0, sizeof *t);
}

/* ---- SHA-256 (FIPS 180-4): content addresses of attachments ---- */

static const uint32_t K256[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
		       (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = k + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += k;
}

void sch_sha256_hex(const unsigned char *data, size_t n, char out[65])
{
	uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	size_t i = 0;
	for (; i + 64 <= n; i += 64)
		sha_block(h, data + i);
	unsigned char tail[128] = {0};
	size_t rest = n - i;
	if (rest)
		memcpy(tail, data + i, rest);
	tail[rest] = 0x80;
	size_t len = rest + 1 + 8 <= 64 ? 64 : 128;
	uint64_t bits = (uint64_t)n * 8;
	for (int b = 0; b < 8; b++)
		tail[len - 1 - (size_t)b] = (unsigned char)(bits >> (8 * b));
	sha_block(h, tail);
	if (len == 128)
		sha_block(h, tail + 64);
	for (int k = 0; k < 8; k++)
		snprintf(out + 8 * k, 9, "%08x", h[k]);
}
