/* Reading the first sheet of an XLSX workbook (a zip of XML parts): a small zip reader, zlib's inflate and libxml2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "error.h"
#include "journal_int.h"

/* Parts larger than this are refused: a class list's sheet is a few hundred KiB. */
#define PART_MAX ((size_t)64 << 20)

static unsigned rd16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/*
 * Finds the entry `name` through the central directory and returns its content
 * (malloc'ed, NUL-terminated). *out NULL and 0 when the zip has no such entry.
 */
static int zip_entry(char **out, size_t *out_len, const unsigned char *z, size_t n, const char *name,
		     const char *path)
{
	*out = NULL;
	*out_len = 0;
	if (n < 22)
		return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (too short for a zip)", path);
	/* The end-of-central-directory record: within the last 64 KiB + 22 bytes. */
	size_t eocd = (size_t)-1;
	size_t lo = n > 65557 ? n - 65557 : 0;
	for (size_t i = n - 22 + 1; i-- > lo;)
		if (rd32(z + i) == 0x06054b50UL) {
			eocd = i;
			break;
		}
	if (eocd == (size_t)-1)
		return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (no zip directory)", path);
	unsigned entries = rd16(z + eocd + 10);
	unsigned long cd = rd32(z + eocd + 16);
	size_t p = cd, want = strlen(name);
	for (unsigned e = 0; e < entries; e++) {
		if (p + 46 > n || rd32(z + p) != 0x02014b50UL)
			return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (zip directory)", path);
		unsigned method = rd16(z + p + 10);
		unsigned long csize = rd32(z + p + 20), usize = rd32(z + p + 24);
		unsigned nlen = rd16(z + p + 28), xlen = rd16(z + p + 30), clen = rd16(z + p + 32);
		unsigned long local = rd32(z + p + 42);
		if (p + 46 + nlen > n)
			return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (zip directory)", path);
		if (nlen == want && memcmp(z + p + 46, name, want) == 0) {
			if (local + 30 > n || rd32(z + local) != 0x04034b50UL)
				return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (%s)", path, name);
			size_t data = local + 30 + rd16(z + local + 26) + rd16(z + local + 28);
			if (data > n || csize > n - data || usize > PART_MAX)
				return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (%s)", path, name);
			char *buf = malloc(usize + 1);
			if (!buf)
				return sch_error_oom();
			if (method == 0) {
				if (csize != usize) {
					free(buf);
					return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (%s)", path, name);
				}
				memcpy(buf, z + data, usize);
			} else if (method == 8) {
				z_stream s;
				memset(&s, 0, sizeof s);
				if (inflateInit2(&s, -MAX_WBITS) != Z_OK) {
					free(buf);
					return sch_error_oom();
				}
				s.next_in = (Bytef *)(uintptr_t)(z + data);
				s.avail_in = (uInt)csize;
				s.next_out = (Bytef *)buf;
				s.avail_out = (uInt)usize;
				int r = inflate(&s, Z_FINISH);
				size_t got = s.total_out;
				inflateEnd(&s);
				if (r != Z_STREAM_END || got != usize) {
					free(buf);
					return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (%s does not inflate)", path,
							     name);
				}
			} else {
				free(buf);
				return sch_error_set(SCH_EINVALID, "%s: %s is compressed by method %u, which is not supported",
						     path, name, method);
			}
			buf[usize] = '\0';
			*out = buf;
			*out_len = usize;
			return 0;
		}
		p += 46 + nlen + xlen + clen;
	}
	return 0;
}

static xmlDocPtr parse_xml(const char *text, size_t len)
{
	/* No network, no entities: the workbook is untrusted input. */
	return xmlReadMemory(text, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The text of every <t> under n (rich text runs are several). */
static void text_of(const xmlNode *n, sch_buf *b)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t) {
				sch_buf_puts(b, (const char *)t);
				xmlFree(t);
			}
		} else if (is(c, "r") || is(c, "is")) {
			text_of(c, b);
		}
	}
}

typedef struct {
	char **s;
	size_t n;
} shared;

static int read_shared(shared *sh, sch_jmem **mem, const char *xml, size_t len, const char *path)
{
	xmlDocPtr doc = parse_xml(xml, len);
	if (!doc)
		return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (sharedStrings.xml is not XML)", path);
	int rc = 0;
	size_t cap = 0;
	sch_buf b;
	sch_buf_init(&b);
	for (const xmlNode *si = xmlDocGetRootElement(doc)->children; si && !rc; si = si->next) {
		if (!is(si, "si"))
			continue;
		sch_buf_clear(&b);
		text_of(si, &b);
		if (sh->n == cap) {
			cap = cap ? cap * 2 : 256;
			char **s = realloc(sh->s, sizeof *s * cap);
			if (!s) {
				rc = sch_error_oom();
				break;
			}
			sh->s = s;
		}
		if (!(sh->s[sh->n++] = sch_jmem_strdup(mem, b.p ? b.p : "")))
			rc = sch_error_oom();
	}
	sch_buf_free(&b);
	xmlFreeDoc(doc);
	return rc;
}

/* "BC12" → column 54 (0-based), row 12; -1 when malformed. */
static int cell_ref(const char *r, int *row)
{
	int col = 0, k = 0;
	while (r[k] >= 'A' && r[k] <= 'Z' && k < 4)
		col = col * 26 + (r[k++] - 'A' + 1);
	if (k == 0 || k == 4)
		return -1;
	*row = atoi(r + k);
	return col - 1;
}

static char *trim_copy(sch_jmem **mem, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	char *d = sch_jmem_alloc(mem, n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int read_sheet(sch_jtable *t, const shared *sh, const char *xml, size_t len, const char *path)
{
	xmlDocPtr doc = parse_xml(xml, len);
	if (!doc)
		return sch_error_set(SCH_EINVALID, "%s: a damaged workbook (the sheet is not XML)", path);
	int rc = 0, cap = 0;
	const xmlNode *data = NULL;
	for (const xmlNode *c = xmlDocGetRootElement(doc)->children; c; c = c->next)
		if (is(c, "sheetData"))
			data = c;
	sch_buf b;
	sch_buf_init(&b);
	int next_row = 1;
	for (const xmlNode *r = data ? data->children : NULL; r && !rc; r = r->next) {
		if (!is(r, "row"))
			continue;
		int rownum = next_row;
		xmlChar *ra = xmlGetProp(r, (const xmlChar *)"r");
		if (ra) {
			rownum = atoi((const char *)ra);
			xmlFree(ra);
		}
		next_row = rownum + 1;
		/* Cells by column: count first, then fill (missing cells are empty). */
		int ncols = 0, implicit = 0;
		for (const xmlNode *c = r->children; c; c = c->next) {
			if (!is(c, "c"))
				continue;
			xmlChar *ref = xmlGetProp(c, (const xmlChar *)"r");
			int rr, col = ref ? cell_ref((const char *)ref, &rr) : implicit;
			xmlFree(ref);
			if (col < 0 || col > 16383) {
				rc = sch_error_set(SCH_EINVALID, "%s: a damaged workbook (a cell reference in row %d)", path,
						   rownum);
				break;
			}
			implicit = col + 1;
			if (col + 1 > ncols)
				ncols = col + 1;
		}
		if (rc || ncols == 0)
			continue;
		char **cells = sch_jmem_alloc(&t->mem, sizeof *cells * (size_t)ncols);
		if (!cells) {
			rc = sch_error_oom();
			break;
		}
		for (int i = 0; i < ncols; i++)
			cells[i] = "";
		implicit = 0;
		int any = 0;
		for (const xmlNode *c = r->children; c && !rc; c = c->next) {
			if (!is(c, "c"))
				continue;
			xmlChar *ref = xmlGetProp(c, (const xmlChar *)"r");
			int rr, col = ref ? cell_ref((const char *)ref, &rr) : implicit;
			xmlFree(ref);
			implicit = col + 1;
			xmlChar *type = xmlGetProp(c, (const xmlChar *)"t");
			sch_buf_clear(&b);
			if (type && strcmp((const char *)type, "inlineStr") == 0) {
				for (const xmlNode *k = c->children; k; k = k->next)
					if (is(k, "is"))
						text_of(k, &b);
			} else {
				for (const xmlNode *k = c->children; k; k = k->next) {
					if (!is(k, "v"))
						continue;
					xmlChar *v = xmlNodeGetContent(k);
					if (!v)
						continue;
					if (type && strcmp((const char *)type, "s") == 0) {
						long idx = strtol((const char *)v, NULL, 10);
						if (idx < 0 || (size_t)idx >= sh->n)
							rc = sch_error_set(SCH_EINVALID,
									   "%s: a damaged workbook (string %ld of row %d)",
									   path, idx, rownum);
						else
							sch_buf_puts(&b, sh->s[idx]);
					} else {
						sch_buf_puts(&b, (const char *)v);
					}
					xmlFree(v);
				}
			}
			xmlFree(type);
			if (b.oom)
				rc = sch_error_oom();
			if (rc)
				break;
			if (!(cells[col] = trim_copy(&t->mem, b.p ? b.p : "")))
				rc = sch_error_oom();
			else if (cells[col][0])
				any = 1;
		}
		if (rc || !any)
			continue;
		if (t->n_rows == cap) {
			cap = cap ? cap * 2 : 64;
			sch_jrow *nr = realloc(t->rows, sizeof *nr * (size_t)cap);
			if (!nr) {
				rc = sch_error_oom();
				break;
			}
			t->rows = nr;
		}
		t->rows[t->n_rows++] = (sch_jrow){.line = rownum, .n = ncols, .cells = cells};
	}
	sch_buf_free(&b);
	xmlFreeDoc(doc);
	return rc;
}

int sch_xlsx__read(sch_jtable *t, const unsigned char *data, size_t size, const char *path)
{
	char *sheet = NULL, *strings = NULL;
	size_t sheet_len, strings_len;
	shared sh = {0};
	int rc = zip_entry(&sheet, &sheet_len, data, size, "xl/worksheets/sheet1.xml", path);
	if (rc)
		goto done;
	if (!sheet) {
		rc = sch_error_set(SCH_EINVALID, "%s: a zip without xl/worksheets/sheet1.xml: not an Excel workbook", path);
		goto done;
	}
	if ((rc = zip_entry(&strings, &strings_len, data, size, "xl/sharedStrings.xml", path)))
		goto done;
	if (strings && (rc = read_shared(&sh, &t->mem, strings, strings_len, path)))
		goto done;
	rc = read_sheet(t, &sh, sheet, sheet_len, path);
done:
	free(sh.s);
	free(sheet);
	free(strings);
	return rc;
}
