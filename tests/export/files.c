/* Exports as files: options, atomic writes and clean failures, CSV/JSON round trips, well-formed HTML. */
#include "helpers.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "place.h"
#include "schedule/sys/model.h"

typedef struct {
	sch_school *s;
	sch_timetable *tt;
	char dir[1024];
} fixture;

static int setup_edge(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->s = load_edge();
	assert_non_null(f->s);
	assert_int_equal(sch_timetable_new(&f->tt, f->s), 0);
	assert_int_equal(place_greedy(f->tt), 0);
	test_dir(f->dir, sizeof f->dir, "export-files");
	assert_true(f->dir[0] != '\0');
	*state = f;
	return 0;
}

static int setup_kg(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->tt = load_placed("examples/school-kg.yaml", &f->s);
	assert_non_null(f->tt);
	test_dir(f->dir, sizeof f->dir, "export-files-kg");
	assert_true(f->dir[0] != '\0');
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sch_timetable_free(f->tt);
	sch_school_free(f->s);
	free(f);
	return 0;
}

/* Names in a directory other than . and .., joined by '|', sorted. */
static char *dir_listing(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | LC_ALL=C sort | tr '\\n' '|'", dir);
	char *out = run_capture(cmd);
	assert_non_null(out);
	return out;
}

static void test_export_files__names(void **state)
{
	(void)state;
	assert_int_equal(sch_export_format_parse("xlsx"), SCH_EXPORT_XLSX);
	assert_int_equal(sch_export_format_parse("PDF"), SCH_EXPORT_PDF);
	assert_int_equal(sch_export_format_parse("htm"), SCH_EXPORT_HTML);
	assert_int_equal(sch_export_format_parse("docx"), SCH_EINVALID);
	assert_int_equal(sch_export_format_parse(NULL), SCH_EINVALID);
	assert_int_equal(sch_export_format_from_path("out/Расписание.XLSX"), SCH_EXPORT_XLSX);
	assert_int_equal(sch_export_format_from_path("a.b/timetable.json"), SCH_EXPORT_JSON);
	assert_int_equal(sch_export_format_from_path("a.b/timetable"), SCH_EINVALID);
	assert_int_equal(sch_export_format_from_path("timetable."), SCH_EINVALID);
	assert_string_equal(sch_export_format_name(SCH_EXPORT_CSV), "csv");
	assert_int_equal(sch_export_view_parse("teacher"), SCH_VIEW_TEACHER);
	assert_int_equal(sch_export_view_parse("school"), SCH_VIEW_SCHOOL);
	assert_int_equal(sch_export_view_parse("pupil"), SCH_EINVALID);
	assert_string_equal(sch_export_view_name(SCH_VIEW_ROOM), "room");
	sch_export_options o;
	memset(&o, 0x5a, sizeof o);
	sch_export_options_init(&o);
	assert_int_equal(o.version, SCH_EXPORT_OPTIONS_VERSION);
	assert_int_equal(o.format, SCH_EXPORT_XLSX);
	assert_int_equal(o.view, SCH_VIEW_ALL);
	assert_null(o.lang);
	assert_null(o.filter);
	assert_null(o.font_path);
}

static void test_export_files__failures_leave_nothing(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	char path[2048], old[1200];
	/* A directory that does not exist, and a path that is a directory. */
	snprintf(path, sizeof path, "%s/no/such/dir/t.xlsx", f->dir);
	assert_int_equal(sch_export(f->tt, &o, path), SCH_EIO);
	assert_non_null(strstr(sch_error_last()->message, path));
	assert_int_equal(sch_export(f->tt, &o, f->dir), SCH_EIO);
	for (int fmt = SCH_EXPORT_XLSX; fmt <= SCH_EXPORT_HTML; fmt++) {
		o.format = fmt;
		snprintf(path, sizeof path, "%s/no/t.out", f->dir);
		assert_int_equal(sch_export(f->tt, &o, path), SCH_EIO);
	}
	/* A read-only directory (root writes anyway, so only checked for others). */
	if (geteuid() != 0) {
		char ro[1100];
		snprintf(ro, sizeof ro, "%s/ro", f->dir);
		assert_int_equal(mkdir(ro, 0555), 0);
		snprintf(path, sizeof path, "%s/t.csv", ro);
		o.format = SCH_EXPORT_CSV;
		assert_int_equal(sch_export(f->tt, &o, path), SCH_EIO);
		char *l = dir_listing(ro);
		assert_string_equal(l, "");
		free(l);
		chmod(ro, 0755);
		rmdir(ro);
	}
	/* A PDF without its font: SCH_EIO, the old file untouched, no temporary file left. */
	snprintf(old, sizeof old, "%s/t.pdf", f->dir);
	FILE *fp = fopen(old, "w");
	assert_non_null(fp);
	fputs("old content", fp);
	fclose(fp);
	o.format = SCH_EXPORT_PDF;
	o.font_path = "/nonexistent/DejaVuSans.ttf";
	assert_int_equal(sch_export(f->tt, &o, old), SCH_EIO);
	assert_non_null(strstr(sch_error_last()->message, "/nonexistent/DejaVuSans.ttf"));
	/* A file that is no font at all. */
	o.font_path = old;
	assert_int_equal(sch_export(f->tt, &o, old), SCH_EIO);
	char *content = slurp(old, NULL);
	assert_string_equal(content, "old content");
	free(content);
	/* Bad options fail before anything is written. */
	o = (sch_export_options)SCH_EXPORT_OPTIONS_INIT;
	o.format = 42;
	assert_int_equal(sch_export(f->tt, &o, old), SCH_EINVALID);
	o = (sch_export_options)SCH_EXPORT_OPTIONS_INIT;
	o.view = SCH_VIEW_CLASS;
	o.filter = "9Я";
	assert_int_equal(sch_export(f->tt, &o, old), SCH_ENOTFOUND);
	assert_int_equal(sch_export(NULL, NULL, old), SCH_EINVALID);
	char *l = dir_listing(f->dir);
	assert_string_equal(l, "t.pdf|");
	free(l);
}

static void test_export_files__replaces_atomically(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	char path[2048];
	snprintf(path, sizeof path, "%s/Расписание.csv", f->dir);
	o.format = SCH_EXPORT_CSV;
	assert_int_equal(sch_export(f->tt, &o, path), 0);
	assert_int_equal(sch_export(f->tt, &o, path), 0); /* over an existing file */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_mode & S_IRUSR);
	char *l = dir_listing(f->dir);
	assert_string_equal(l, "Расписание.csv|");
	free(l);
	/* Every format, then nothing but the files. */
	static const char *const ext[] = {"xlsx", "pdf", "csv", "json", "html"};
	for (int fmt = 0; fmt < 5; fmt++) {
		o.format = fmt;
		snprintf(path, sizeof path, "%s/all.%s", f->dir, ext[fmt]);
		assert_int_equal(sch_export(f->tt, &o, path), 0);
		assert_int_equal(stat(path, &st), 0);
		assert_true(st.st_size > 100);
	}
	l = dir_listing(f->dir);
	assert_string_equal(l, "all.csv|all.html|all.json|all.pdf|all.xlsx|Расписание.csv|");
	free(l);
	/* Text formats also into memory, the same bytes. */
	char *text = NULL, *file;
	size_t len = 0, flen = 0;
	o.format = SCH_EXPORT_JSON;
	assert_int_equal(sch_export_to_string(&text, &len, f->tt, &o), 0);
	snprintf(path, sizeof path, "%s/all.json", f->dir);
	file = slurp(path, &flen);
	assert_int_equal(len, flen);
	assert_memory_equal(text, file, len);
	sch_free(text);
	free(file);
	o.format = SCH_EXPORT_PDF;
	assert_int_equal(sch_export_to_string(&text, &len, f->tt, &o), SCH_EINVALID);
	assert_null(text);
}

/* ---- CSV and JSON read back ---- */

/* "day|period|class|group|subject|teacher|room" for every row the timetable must give. */
static char **expected_rows(const sch_school *s, const sch_timetable *tt, int only_class, int *n_out)
{
	int cap = 64, n = 0;
	char **rows = malloc(sizeof(char *) * (size_t)cap);
	for (int l = 0; l < s->n_lessons; l++) {
		int d, p;
		assert_int_equal(sch_timetable_get(tt, l, &d, &p), 0);
		if (d < 0)
			continue;
		const sch_lesson_def *ls = &s->lessons[l];
		for (int part = 0; part < ls->n_parts; part++) {
			const sch_part_def *pd = &ls->parts[part];
			int room = sch_timetable_room(tt, l, part);
			if (room < 0)
				room = s->lines[ls->line].room;
			for (int k = 0; k < ls->length; k++) {
				int last = -1;
				for (int a = 0; a < pd->n_atoms; a++) {
					int c = s->atom_class[pd->atoms[a]];
					if (c == last || (only_class >= 0 && c != only_class))
						continue;
					last = c;
					const char *grp = NULL;
					if (c == pd->class_of && pd->group >= 0)
						grp = s->classes[c].divisions[pd->division].groups[pd->group];
					char buf[1024];
					snprintf(buf, sizeof buf, "%s|%d|%s|%s|%s|%s|%s", sch_day_code(s->day_codes[d]), p + k + 1,
						 s->classes[c].id, grp ? grp : "", s->subjects[ls->subject].id,
						 pd->teacher >= 0 ? s->teachers[pd->teacher].id : "",
						 room >= 0 ? s->rooms[room].id : "");
					if (n == cap) {
						cap *= 2;
						rows = realloc(rows, sizeof(char *) * (size_t)cap);
					}
					rows[n++] = strdup(buf);
				}
			}
		}
	}
	*n_out = n;
	return rows;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One RFC 4180 record from *p; fields are malloc'ed. Returns the field count, 0 at the end. */
static int csv_record(const char **p, char **fields, int max)
{
	const char *s = *p;
	int n = 0;
	if (!*s)
		return 0;
	for (;;) {
		char buf[4096];
		size_t len = 0;
		if (*s == '"') {
			s++;
			for (;;) {
				assert_true(*s != '\0'); /* an unterminated quote */
				if (*s == '"' && s[1] == '"') {
					buf[len++] = '"';
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					buf[len++] = *s++;
				}
			}
		} else {
			while (*s && *s != ',' && *s != '\r' && *s != '\n')
				buf[len++] = *s++;
		}
		buf[len] = '\0';
		assert_true(n < max);
		fields[n++] = strdup(buf);
		if (*s == ',') {
			s++;
			continue;
		}
		assert_true(s[0] == '\r' && s[1] == '\n'); /* records end in CRLF */
		s += 2;
		break;
	}
	*p = s;
	return n;
}

static void check_csv(const char *text, const sch_school *s, const sch_timetable *tt, int only_class)
{
	const char *p = text;
	char *fields[32];
	int nf = csv_record(&p, fields, 32);
	assert_int_equal(nf, 13);
	static const char *const head[13] = {"day", "day_name", "period", "start", "end", "class", "group",
					      "subject", "subject_ru", "subject_ky", "teacher", "teacher_name", "room"};
	for (int i = 0; i < nf; i++) {
		assert_string_equal(fields[i], head[i]);
		free(fields[i]);
	}
	int n_exp, n_got = 0, cap = 64;
	char **exp = expected_rows(s, tt, only_class, &n_exp);
	char **got = malloc(sizeof(char *) * (size_t)cap);
	while ((nf = csv_record(&p, fields, 32)) > 0) {
		assert_int_equal(nf, 13);
		char buf[2048];
		snprintf(buf, sizeof buf, "%s|%s|%s|%s|%s|%s|%s", fields[0], fields[2], fields[5], fields[6], fields[7],
			 fields[10], fields[12]);
		/* The names agree with the ids. */
		int sub = sch_school_find_subject(s, fields[7]);
		assert_true(sub >= 0);
		assert_string_equal(fields[8], sch_school_subject_name(s, sub, "ru"));
		assert_string_equal(fields[9], sch_school_subject_name(s, sub, "ky"));
		if (*fields[10])
			assert_string_equal(fields[11], sch_school_teacher_name(s, sch_school_find_teacher(s, fields[10])));
		int bell = atoi(fields[2]) - 1;
		char t[16];
		snprintf(t, sizeof t, "%02d:%02d", s->bells[bell].start_min / 60, s->bells[bell].start_min % 60);
		assert_string_equal(fields[3], t);
		for (int i = 0; i < nf; i++)
			free(fields[i]);
		if (n_got == cap) {
			cap *= 2;
			got = realloc(got, sizeof(char *) * (size_t)cap);
		}
		got[n_got++] = strdup(buf);
	}
	assert_int_equal(n_got, n_exp);
	qsort(exp, (size_t)n_exp, sizeof *exp, cmp_str);
	qsort(got, (size_t)n_got, sizeof *got, cmp_str);
	for (int i = 0; i < n_exp; i++) {
		assert_string_equal(got[i], exp[i]);
		free(got[i]);
		free(exp[i]);
	}
	free(got);
	free(exp);
}

/* The JSON's placements as the same "day|period|..." lines, by Python's json module. */
static void check_json(const char *path, const sch_school *s, const sch_timetable *tt, int only_class)
{
	char cmd[4096]; /* the script plus a path of up to PATH_MAX */
	snprintf(cmd, sizeof cmd,
		 "python3 -c 'import json,sys\n"
		 "d = json.load(open(sys.argv[1], encoding=\"utf-8\"))\n"
		 "assert d[\"school\"][\"name\"] and len(d[\"days\"]) > 0 and len(d[\"bells\"]) > 0\n"
		 "for p in d[\"placements\"]:\n"
		 "    t = p[\"teacher\"]\n"
		 "    print(\"|\".join([p[\"day\"], str(p[\"period\"]), p[\"class\"], p[\"group\"] or \"\", p[\"subject\"][\"id\"],"
		 " t[\"id\"] if t else \"\", p[\"room\"] or \"\"]))\n' '%s'",
		 path);
	char *out = run_capture(cmd);
	assert_non_null(out);
	int n_exp, n_got = 0;
	char **exp = expected_rows(s, tt, only_class, &n_exp);
	char **got = malloc(sizeof(char *) * ((size_t)n_exp + 2));
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		assert_true(n_got <= n_exp);
		got[n_got++] = line;
	}
	assert_int_equal(n_got, n_exp);
	qsort(exp, (size_t)n_exp, sizeof *exp, cmp_str);
	qsort(got, (size_t)n_got, sizeof *got, cmp_str);
	for (int i = 0; i < n_exp; i++) {
		assert_string_equal(got[i], exp[i]);
		free(exp[i]);
	}
	free(got);
	free(exp);
	free(out);
}

static void round_trip(fixture *f)
{
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	char path[2048];
	o.format = SCH_EXPORT_CSV;
	snprintf(path, sizeof path, "%s/t.csv", f->dir);
	assert_int_equal(sch_export(f->tt, &o, path), 0);
	char *text = slurp(path, NULL);
	check_csv(text, f->s, f->tt, -1);
	free(text);
	o.format = SCH_EXPORT_JSON;
	snprintf(path, sizeof path, "%s/t.json", f->dir);
	assert_int_equal(sch_export(f->tt, &o, path), 0);
	check_json(path, f->s, f->tt, -1);

	/* One class only. */
	int c = sch_school_find_class(f->s, f->s->classes[0].id);
	o.view = SCH_VIEW_CLASS;
	o.filter = f->s->classes[0].id;
	o.format = SCH_EXPORT_CSV;
	assert_int_equal(sch_export_to_string(&text, NULL, f->tt, &o), 0);
	check_csv(text, f->s, f->tt, c);
	sch_free(text);
	o.format = SCH_EXPORT_JSON;
	snprintf(path, sizeof path, "%s/one.json", f->dir);
	assert_int_equal(sch_export(f->tt, &o, path), 0);
	check_json(path, f->s, f->tt, c);
}

static void test_export_files__csv_json_round_trip(void **state)
{
	fixture *f = *state;
	round_trip(f);
	/* Quotes and commas in names are quoted by RFC 4180. */
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	char *text;
	o.format = SCH_EXPORT_CSV;
	assert_int_equal(sch_export_to_string(&text, NULL, f->tt, &o), 0);
	assert_non_null(strstr(text, ",\"Ким, \"\"Алекс\"\"\","));
	assert_non_null(strstr(text, "Эңсеева Ү.Ө."));
	assert_memory_equal(text, "day,", 4); /* no byte order mark unless asked */
	sch_free(text);
	o.csv_bom = 1;
	assert_int_equal(sch_export_to_string(&text, NULL, f->tt, &o), 0);
	assert_memory_equal(text, "\xEF\xBB\xBF" "day,", 7);
	sch_free(text);
}

static void test_export_files__round_trip_example(void **state)
{
	round_trip(*state);
}

static void test_export_files__teacher_filter(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	char *text;
	o.format = SCH_EXPORT_CSV;
	o.view = SCH_VIEW_TEACHER;
	o.filter = "kim";
	assert_int_equal(sch_export_to_string(&text, NULL, f->tt, &o), 0);
	/* The header and kim's part of the split lesson only, not the other group's. */
	const char *p = text;
	char *fields[32];
	int rows = 0, nf;
	while ((nf = csv_record(&p, fields, 32)) > 0) {
		if (rows > 0) {
			assert_string_equal(fields[10], "kim");
			assert_string_equal(fields[6], "en1");
		}
		for (int i = 0; i < nf; i++)
			free(fields[i]);
		rows++;
	}
	assert_int_equal(rows, 2);
	sch_free(text);
}

/* ---- HTML ---- */

static char *html_check(const char *path)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
		 "python3 -c 'import sys\n"
		 "from html.parser import HTMLParser\n"
		 "VOID = {\"br\", \"meta\", \"hr\", \"img\", \"input\", \"link\", \"col\", \"wbr\"}\n"
		 "class P(HTMLParser):\n"
		 "    def __init__(s):\n"
		 "        super().__init__(convert_charrefs=True); s.stack = []; s.tables = 0; s.text = []; s.bad = []\n"
		 "    def handle_starttag(s, tag, attrs):\n"
		 "        if tag in (\"script\", \"link\", \"img\", \"iframe\", \"object\"): s.bad.append(tag)\n"
		 "        for k, v in attrs:\n"
		 "            if k == \"src\" or (k == \"href\" and not (v or \"\").startswith(\"#\")): s.bad.append(k + \"=\" + str(v))\n"
		 "        if tag == \"table\": s.tables += 1\n"
		 "        if tag not in VOID: s.stack.append(tag)\n"
		 "    def handle_endtag(s, tag):\n"
		 "        if tag in VOID: return\n"
		 "        assert s.stack and s.stack[-1] == tag, (\"unbalanced\", tag, s.stack[-3:])\n"
		 "        s.stack.pop()\n"
		 "    def handle_data(s, d): s.text.append(d)\n"
		 "p = P(); src = open(sys.argv[1], encoding=\"utf-8\").read(); p.feed(src); p.close()\n"
		 "assert not p.stack, p.stack\n"
		 "assert not p.bad, p.bad\n"
		 "assert \"url(\" not in src and \"@import\" not in src\n"
		 "print(p.tables)\n"
		 "print(\"\".join(p.text))\n' '%s'",
		 path);
	return run_capture(cmd);
}

static void test_export_files__html(void **state)
{
	fixture *f = *state;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	char path[2048];
	o.format = SCH_EXPORT_HTML;
	snprintf(path, sizeof path, "%s/t.html", f->dir);
	assert_int_equal(sch_export(f->tt, &o, path), 0);
	char *src = slurp(path, NULL);
	/* Names are escaped, never markup. */
	assert_non_null(strstr(src, "&lt;b&gt;Ким &amp; Ко&lt;/b&gt;"));
	assert_null(strstr(src, "<b>Ким"));
	assert_non_null(strstr(src, "<style>"));
	free(src);
	char *out = html_check(path);
	assert_non_null(out);
	/* Two shift overviews, the teacher overview (6 bells: the week in one table), a grid per class and teacher. */
	int tables = atoi(out);
	assert_int_equal(tables, 2 + 1 + f->s->n_classes + f->s->n_teachers);
	assert_non_null(strstr(out, "<b>Ким & Ко</b>")); /* the text as a browser shows it */
	assert_non_null(strstr(out, "Эңсеева Ү.Ө."));
	assert_non_null(strstr(out, "Понедельник"));
	assert_non_null(strstr(out, "Изобразительное искусство"));
	free(out);

	/* One teacher, in Kyrgyz. */
	o.view = SCH_VIEW_TEACHER;
	o.filter = "enseeva";
	o.lang = "ky";
	assert_int_equal(sch_export(f->tt, &o, path), 0);
	out = html_check(path);
	assert_non_null(out);
	assert_int_equal(atoi(out), 1);
	assert_non_null(strstr(out, "Дүйшөмбү"));
	assert_non_null(strstr(out, "Көркөм өнөр"));
	assert_null(strstr(out, "Понедельник"));
	free(out);
}

/* Nothing placed, or a school without rooms in the room view: every format still writes a valid file. */
static void test_export_files__empty(void **state)
{
	fixture *f = *state;
	sch_timetable *empty = NULL;
	static const char *const ext[] = {"xlsx", "pdf", "csv", "json", "html"};
	char path[2048];
	assert_int_equal(sch_timetable_new(&empty, f->s), 0);
	for (int view = SCH_VIEW_ALL; view <= SCH_VIEW_SCHOOL; view++)
		for (int fmt = 0; fmt < 5; fmt++) {
			sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
			o.format = fmt;
			o.view = view;
			snprintf(path, sizeof path, "%s/empty-%d.%s", f->dir, view, ext[fmt]);
			assert_int_equal(sch_export(empty, &o, path), 0);
			struct stat st;
			assert_int_equal(stat(path, &st), 0);
			assert_true(st.st_size > 0);
		}
	char *text;
	sch_export_options o = SCH_EXPORT_OPTIONS_INIT;
	o.format = SCH_EXPORT_JSON;
	assert_int_equal(sch_export_to_string(&text, NULL, empty, &o), 0);
	assert_non_null(strstr(text, "\"placements\": []"));
	sch_free(text);
	snprintf(path, sizeof path, "%s/empty-0.pdf", f->dir);
	char cmd[2200];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' >/dev/null 2>&1 && echo ok", path);
	char *out = run_capture(cmd);
	assert_non_null(out);
	assert_string_equal(out, "ok\n");
	free(out);
	sch_timetable_free(empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_files__names),
		cmocka_unit_test_setup_teardown(test_export_files__failures_leave_nothing, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_files__replaces_atomically, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_files__csv_json_round_trip, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_files__teacher_filter, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_files__html, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_files__empty, setup_edge, teardown),
		cmocka_unit_test_setup_teardown(test_export_files__round_trip_example, setup_kg, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
