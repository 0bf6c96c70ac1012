/* `schedule show`: a timetable version of a school database as a weekly grid in the terminal. */
#include <stdlib.h>
#include <string.h>

#include "store_cli.h"
#include "schedule/sys/model.h"
#include "schedule/text.h"

static const cli_help help = {
	"show",
	"--db <school.db> [--class C | --teacher T | --room R] [--version N] [--lang ru|ky] [--ascii] | --yaml",
	"Show a timetable version as a weekly grid: days across, lessons down",
	"For a class each cell holds the subject and the teacher, for a teacher or a room the\n"
	"class and the subject; the first column gives the bell times. Without --class,\n"
	"--teacher or --room a compact overview follows: a table per day, a row per class, a\n"
	"column per lesson of the class's shift. Cells too wide are cut with '…'.\n"
	"\n"
	"Options:\n"
	"      --db <file>        the school database\n"
	"  -c, --class <id>       the grid of one class, e.g. 5А\n"
	"  -t, --teacher <id>     the grid of one teacher, by id or full name\n"
	"  -r, --room <id>        the grid of one room\n"
	"  -v, --version <N>      the version to show (default: the active one)\n"
	"  -l, --lang <ru|ky>     the language of subject and day names (default ru)\n"
	"      --ascii            draw the lines with - | + instead of box-drawing characters\n"
	"  -w, --width <N>        the widest a cell may be, in columns (default 20)\n"
	"      --yaml             print the stored school as YAML instead (of --version N: the school\n"
	"                         that version was made for); it loads back to the same school\n"
	"  -h, --help\n"
	"\n"
	"Exit status: 0 ok, 2 bad input or usage (unknown class, teacher or room: the nearest\n"
	"names are suggested; no such version; missing or damaged database), 3 internal error.\n",
};


/* ---- A grid of cells, each one or more lines ---- */

typedef struct {
	int rows, cols;
	char **cells; /* rows x cols, NULL for empty; lines separated by '\n' */
	int oom;
} grid;

static int grid_init(grid *g, int rows, int cols)
{
	g->rows = rows;
	g->cols = cols;
	g->oom = 0;
	g->cells = calloc((size_t)rows * (size_t)cols + 1, sizeof *g->cells);
	return g->cells ? 0 : SCH_ENOMEM;
}

static void grid_free(grid *g)
{
	if (!g->cells)
		return;
	for (int i = 0; i < g->rows * g->cols; i++)
		free(g->cells[i]);
	free(g->cells);
	g->cells = NULL;
}

/* Appends a line to a cell; `sep` joins it to what is there ("\n" for a new line, "/" ...). */
static void grid_add(grid *g, int r, int c, const char *text, const char *sep)
{
	char **cell = &g->cells[r * g->cols + c];
	size_t old = *cell ? strlen(*cell) : 0, add = strlen(text), s = *cell ? strlen(sep) : 0;
	char *n = realloc(*cell, old + s + add + 1);
	if (!n) {
		g->oom = 1;
		return;
	}
	if (s)
		memcpy(n + old, sep, s);
	memcpy(n + old + s, text, add + 1);
	*cell = n;
}

/* Bytes of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	if (c >= 0xe0)
		return c <= 0xef ? 3 : 1;
	if (c >= 0xc2)
		return 2;
	return 1;
}

/* Copies line[0..len) cut to at most `maxw` display columns (with '…' when cut) into out. */
static void fit(char *out, size_t out_size, const char *line, size_t len, size_t maxw)
{
	char tmp[8];
	size_t w = 0, i = 0, o = 0;
	char whole[512];
	size_t n = len < sizeof whole - 1 ? len : sizeof whole - 1;
	memcpy(whole, line, n);
	whole[n] = '\0';
	if (sch_utf8_width(whole) <= maxw) {
		snprintf(out, out_size, "%s", whole);
		return;
	}
	while (i < n) {
		size_t k = seq_len((unsigned char)whole[i]);
		if (i + k > n)
			k = n - i;
		memcpy(tmp, whole + i, k);
		tmp[k] = '\0';
		size_t cw = sch_utf8_width(tmp);
		if (w + cw + 1 > maxw || o + k + 4 >= out_size)
			break;
		memcpy(out + o, tmp, k);
		o += k;
		w += cw;
		i += k;
	}
	memcpy(out + o, "…", sizeof "…");
}

/* Line `k` of a cell (empty past its end), fitted to maxw. */
static void cell_line(char *out, size_t out_size, const char *cell, int k, size_t maxw)
{
	out[0] = '\0';
	if (!cell)
		return;
	const char *p = cell;
	for (int i = 0; i < k; i++) {
		p = strchr(p, '\n');
		if (!p)
			return;
		p++;
	}
	const char *e = strchr(p, '\n');
	fit(out, out_size, p, e ? (size_t)(e - p) : strlen(p), maxw);
}

static int cell_lines(const char *cell)
{
	int n = 1;
	for (const char *p = cell; p && *p; p++)
		n += *p == '\n';
	return n;
}

typedef struct {
	const char *h, *v, *tl, *tm, *tr, *ml, *mm, *mr, *bl, *bm, *br;
} box_style;

static const box_style box_unicode = {"─", "│", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘"};
static const box_style box_ascii = {"-", "|", "+", "+", "+", "+", "+", "+", "+", "+", "+"};

static void rule(const box_style *b, const size_t *width, int cols, const char *l, const char *m, const char *r)
{
	fputs(l, stdout);
	for (int c = 0; c < cols; c++) {
		for (size_t k = 0; k < width[c] + 2; k++)
			fputs(b->h, stdout);
		fputs(c < cols - 1 ? m : r, stdout);
	}
	fputc('\n', stdout);
}

/* Raises width[c] to the widest line of column c (cut to maxw; the label column to 64). */
static void grid_widths(const grid *g, size_t maxw, size_t *width)
{
	char line[600];
	for (int r = 0; r < g->rows; r++)
		for (int c = 0; c < g->cols; c++) {
			const char *cell = g->cells[r * g->cols + c];
			for (int k = 0; k < cell_lines(cell); k++) {
				cell_line(line, sizeof line, cell, k, c == 0 ? 64 : maxw);
				size_t w = sch_utf8_width(line);
				if (w > width[c])
					width[c] = w;
			}
		}
}

/*
 * Prints the grid; row 0 is the header. Rules between all rows, or only under the header.
 * `shared` (may be NULL) gives widths to keep, so that several grids line up.
 */
static void grid_print(const grid *g, const box_style *b, size_t maxw, int rule_every_row, const size_t *shared)
{
	size_t *width = calloc((size_t)g->cols, sizeof *width);
	char line[600];
	if (!width)
		return;
	if (shared)
		memcpy(width, shared, sizeof *width * (size_t)g->cols);
	grid_widths(g, maxw, width);
	rule(b, width, g->cols, b->tl, b->tm, b->tr);
	for (int r = 0; r < g->rows; r++) {
		int h = 1;
		for (int c = 0; c < g->cols; c++) {
			int n = cell_lines(g->cells[r * g->cols + c]);
			h = n > h ? n : h;
		}
		for (int k = 0; k < h; k++) {
			fputs(b->v, stdout);
			for (int c = 0; c < g->cols; c++) {
				cell_line(line, sizeof line, g->cells[r * g->cols + c], k, c == 0 ? 64 : maxw);
				fputc(' ', stdout);
				cli_print_padded(stdout, line, width[c], 0);
				fputc(' ', stdout);
				fputs(b->v, stdout);
			}
			fputc('\n', stdout);
		}
		if (r < g->rows - 1 && (rule_every_row || r == 0))
			rule(b, width, g->cols, b->ml, b->mm, b->mr);
	}
	rule(b, width, g->cols, b->bl, b->bm, b->br);
	free(width);
}

/* ---- What goes into the cells ---- */

typedef struct {
	const sch_school *s;
	const sch_timetable *tt;
	const char *lang;
} view;

static const char *day_name(const view *v, int day)
{
	return sch_day_abbrev(v->s->day_codes[day], v->lang);
}

static const char *group_of(const sch_school *s, const sch_part_def *p)
{
	if (p->class_of < 0 || p->class_of >= s->n_classes)
		return NULL;
	const sch_class_def *c = &s->classes[p->class_of];
	if (p->division < 0 || p->division >= c->n_divisions || p->group < 0 ||
	    p->group >= c->divisions[p->division].n_groups)
		return NULL;
	return c->divisions[p->division].groups[p->group];
}

/* "5А", "10А+10Б", "5А (en1)": the classes of a lesson, with the group of one part. */
static void class_label(char *buf, size_t n, const view *v, const sch_lesson_def *l, const sch_part_def *part)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < l->n_classes && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? "+" : "", v->s->classes[l->classes[i]].id);
	const char *g = part ? group_of(v->s, part) : NULL;
	if (g && k < n)
		snprintf(buf + k, n - k, " (%s)", g);
}

static const char *teacher_name(const sch_school *s, int t)
{
	return t >= 0 ? sch_school_teacher_name(s, t) : "—";
}

static void room_suffix(char *buf, size_t n, const view *v, int lesson, int part)
{
	int r = sch_timetable_room(v->tt, lesson, part);
	if (r >= 0)
		snprintf(buf, n, " [%s]", v->s->rooms[r].id);
	else
		buf[0] = '\0';
}

/* The lines a lesson shows in a class's grid: subject (and group), then teacher(s) and room. */
static void class_entry(grid *g, int r, int c, const view *v, int lesson)
{
	const sch_lesson_def *l = &v->s->lessons[lesson];
	char buf[400], room[80];
	const char *subj = sch_school_subject_name(v->s, l->subject, v->lang);
	if (l->n_parts == 1 && group_of(v->s, &l->parts[0]))
		snprintf(buf, sizeof buf, "%s (%s)", subj, group_of(v->s, &l->parts[0]));
	else
		snprintf(buf, sizeof buf, "%s", subj);
	grid_add(g, r, c, buf, "\n");
	for (int p = 0; p < l->n_parts; p++) {
		room_suffix(room, sizeof room, v, lesson, p);
		if (l->n_parts > 1 && group_of(v->s, &l->parts[p]))
			snprintf(buf, sizeof buf, "%s: %s%s", group_of(v->s, &l->parts[p]),
				 teacher_name(v->s, l->parts[p].teacher), room);
		else
			snprintf(buf, sizeof buf, "%s%s", teacher_name(v->s, l->parts[p].teacher), room);
		grid_add(g, r, c, buf, "\n");
	}
}

/* Lines for a teacher's or a room's grid: the class (and group), the subject, and the teacher for rooms. */
static void part_entry(grid *g, int r, int c, const view *v, int lesson, int part, int with_teacher)
{
	const sch_lesson_def *l = &v->s->lessons[lesson];
	char buf[400], room[80];
	class_label(buf, sizeof buf, v, l, &l->parts[part]);
	grid_add(g, r, c, buf, "\n");
	room_suffix(room, sizeof room, v, lesson, part);
	snprintf(buf, sizeof buf, "%s%s", sch_school_subject_name(v->s, l->subject, v->lang), with_teacher ? "" : room);
	grid_add(g, r, c, buf, "\n");
	if (with_teacher)
		grid_add(g, r, c, teacher_name(v->s, l->parts[part].teacher), "\n");
}

enum { WHO_CLASS, WHO_TEACHER, WHO_ROOM };

/* Does part `p` of lesson l belong in the grid of (who, id)? */
static int part_shown(const view *v, int lesson, int p, int who, int id)
{
	const sch_lesson_def *l = &v->s->lessons[lesson];
	if (who == WHO_TEACHER)
		return l->parts[p].teacher == id;
	if (who == WHO_ROOM)
		return sch_timetable_room(v->tt, lesson, p) == id;
	return 0;
}

static int lesson_shown(const view *v, int lesson, int who, int id)
{
	const sch_lesson_def *l = &v->s->lessons[lesson];
	if (who == WHO_CLASS) {
		for (int i = 0; i < l->n_classes; i++)
			if (l->classes[i] == id)
				return 1;
		return 0;
	}
	for (int p = 0; p < l->n_parts; p++)
		if (part_shown(v, lesson, p, who, id))
			return 1;
	return 0;
}

static int print_grid(const view *v, int who, int id, const box_style *b, size_t maxw)
{
	const sch_school *s = v->s;
	int first = s->n_periods, last = -1, days = s->n_days, unplaced = 0;
	char label[64], unplaced_list[600] = "";
	size_t ul = 0;
	grid g = {0};
	if (who == WHO_CLASS) { /* a class: its shift and its week, widened to what is placed outside them */
		const sch_class_def *cl = &s->classes[id];
		if (cl->shift >= 0 && cl->shift < s->n_shifts) {
			first = s->shifts[cl->shift].first;
			last = s->shifts[cl->shift].last;
		}
		days = cl->week_days > 0 && cl->week_days <= s->n_days ? cl->week_days : s->n_days;
	}
	for (int i = 0; i < s->n_lessons; i++) {
		int d, p;
		if (!lesson_shown(v, i, who, id))
			continue;
		if (sch_timetable_get(v->tt, i, &d, &p) != 0 || d < 0) {
			unplaced++;
			if (ul < sizeof unplaced_list)
				ul += (size_t)snprintf(unplaced_list + ul, sizeof unplaced_list - ul, "%s%s", ul ? ", " : "",
						       sch_school_subject_name(s, s->lessons[i].subject, v->lang));
			continue;
		}
		int end = p + s->lessons[i].length - 1;
		first = p < first ? p : first;
		last = end > last ? end : last;
		days = d + 1 > days ? d + 1 : days;
	}
	if (last < 0) { /* nothing placed: show the whole day */
		first = 0;
		last = s->n_periods - 1;
	}
	if (last >= s->n_periods)
		last = s->n_periods - 1;
	if (grid_init(&g, last - first + 2, days + 1))
		return SCH_ENOMEM;
	for (int d = 0; d < days; d++)
		grid_add(&g, 0, d + 1, day_name(v, d), "");
	for (int p = first; p <= last; p++) {
		const sch_bell *bell = &s->bells[p];
		snprintf(label, sizeof label, "%d", p + 1);
		grid_add(&g, p - first + 1, 0, label, "");
		snprintf(label, sizeof label, "%02d:%02d-%02d:%02d", bell->start_min / 60, bell->start_min % 60,
			 bell->end_min / 60, bell->end_min % 60);
		grid_add(&g, p - first + 1, 0, label, "\n");
	}
	for (int i = 0; i < s->n_lessons; i++) {
		int d, p;
		if (!lesson_shown(v, i, who, id) || sch_timetable_get(v->tt, i, &d, &p) != 0 || d < 0)
			continue;
		for (int k = 0; k < s->lessons[i].length; k++) {
			int row = p + k - first + 1;
			if (row < 1 || row >= g.rows)
				continue;
			if (who == WHO_CLASS) {
				class_entry(&g, row, d + 1, v, i);
			} else {
				for (int part = 0; part < s->lessons[i].n_parts; part++)
					if (part_shown(v, i, part, who, id))
						part_entry(&g, row, d + 1, v, i, part, who == WHO_ROOM);
			}
		}
	}
	int rc = g.oom ? SCH_ENOMEM : 0;
	if (!rc)
		grid_print(&g, b, maxw, 1, NULL);
	if (!rc && unplaced)
		printf("Not placed (%d): %s\n", unplaced, unplaced_list);
	grid_free(&g);
	return rc;
}

/* The compact overview: a table per day, a row per class, a column per lesson of the shift. */
static int print_overview(const view *v, const box_style *b, size_t maxw)
{
	const sch_school *s = v->s;
	int cols = 1, rc = 0;
	char buf[64];
	grid *days = calloc((size_t)s->n_days, sizeof *days);
	size_t *width = NULL;
	for (int k = 0; k < s->n_shifts; k++)
		if (s->shifts[k].last - s->shifts[k].first + 1 > cols)
			cols = s->shifts[k].last - s->shifts[k].first + 1;
	if (!days || !(width = calloc((size_t)cols + 1, sizeof *width))) {
		rc = SCH_ENOMEM;
		goto done;
	}
	for (int d = 0; d < s->n_days && !rc; d++) {
		grid *g = &days[d];
		if (grid_init(g, s->n_classes + 1, cols + 1)) {
			rc = SCH_ENOMEM;
			break;
		}
		grid_add(g, 0, 0, day_name(v, d), "");
		for (int k = 0; k < cols; k++) {
			snprintf(buf, sizeof buf, "%d", k + 1);
			grid_add(g, 0, k + 1, buf, "");
		}
		for (int c = 0; c < s->n_classes; c++) {
			const sch_class_def *cl = &s->classes[c];
			int sf = cl->shift >= 0 && cl->shift < s->n_shifts ? s->shifts[cl->shift].first : 0;
			grid_add(g, c + 1, 0, cl->id, "");
			for (int j = s->by_class.off[c]; j < s->by_class.off[c + 1]; j++) {
				int i = s->by_class.idx[j], dd, p;
				if (sch_timetable_get(v->tt, i, &dd, &p) != 0 || dd != d)
					continue;
				const sch_lesson_def *l = &s->lessons[i];
				for (int k = 0; k < l->length; k++) {
					int pos = p + k - sf; /* lessons outside the shift are left out here */
					if (pos < 0 || pos >= cols)
						continue;
					const char *name = sch_school_subject_name(s, l->subject, v->lang);
					const char *cell = g->cells[(c + 1) * g->cols + pos + 1];
					if (!cell || !strstr(cell, name)) /* groups with the same subject: once */
						grid_add(g, c + 1, pos + 1, name, "/");
				}
			}
		}
		rc = g->oom ? SCH_ENOMEM : 0;
		if (!rc)
			grid_widths(g, maxw, width);
	}
	if (!rc) {
		printf("Columns: the lessons of each class's shift (1 = its first lesson)\n");
		for (int d = 0; d < s->n_days; d++) {
			grid_print(&days[d], b, maxw, 0, width);
			printf("\n");
		}
	}
done:
	for (int d = 0; days && d < s->n_days; d++)
		grid_free(&days[d]);
	free(days);
	free(width);
	return rc;
}

/* The index of a named class, teacher or room, or an error with the nearest names suggested. */
static int find_entity(const sch_school *s, int who, const char *name)
{
	int n = who == WHO_CLASS ? s->n_classes : who == WHO_TEACHER ? s->n_teachers : s->n_rooms;
	const char *kind = who == WHO_CLASS ? "class" : who == WHO_TEACHER ? "teacher" : "room";
	for (int i = 0; i < n; i++) {
		const char *id = who == WHO_CLASS ? s->classes[i].id : who == WHO_TEACHER ? s->teachers[i].id : s->rooms[i].id;
		if (id && strcmp(id, name) == 0)
			return i;
		if (who == WHO_TEACHER && s->teachers[i].name && strcmp(s->teachers[i].name, name) == 0)
			return i;
	}
	const char **cands = malloc(sizeof *cands * ((size_t)n * 2 + 1));
	if (!cands)
		return SCH_ENOMEM;
	int k = 0;
	for (int i = 0; i < n; i++)
		cands[k++] = who == WHO_CLASS ? s->classes[i].id : who == WHO_TEACHER ? s->teachers[i].id : s->rooms[i].id;
	const char *near = sch_suggest(name, cands, (size_t)k);
	if (!near && who == WHO_TEACHER) { /* a full name misspelt: suggest by names */
		for (int i = 0; i < n; i++)
			cands[i] = s->teachers[i].name;
		near = sch_suggest(name, cands, (size_t)n);
	}
	if (near)
		cli_error("no %s '%s' in the school; did you mean '%s'?", kind, name, near);
	else if (n == 0)
		cli_error("no %s '%s': the school has no %ss", kind, name, kind);
	else
		cli_error("no %s '%s' in the school (it has %d %ss, e.g. '%s')", kind, name, n, kind, cands[0]);
	free(cands);
	return SCH_ENOTFOUND;
}

/* The stored school's YAML (that of version `number`'s school when number > 0). */
static int print_yaml(sch_store *st, int number)
{
	sch_school *school = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc;
	if (number > 0) {
		if ((rc = sch_store_load_version_school(&school, st, number, NULL)) == 0)
			rc = sch_school_to_yaml(&text, &len, school);
	} else {
		rc = sch_store_school_yaml(&text, &len, st);
	}
	sch_school_free(school);
	if (rc)
		return cli_lib_error(rc, NULL);
	fwrite(text, 1, len, stdout);
	sch_free(text);
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		return CLI_EXIT_INTERNAL;
	}
	return CLI_EXIT_OK;
}

int cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'D'},
						 {"class", required_argument, NULL, 'c'},
						 {"teacher", required_argument, NULL, 't'},
						 {"room", required_argument, NULL, 'r'},
						 {"version", required_argument, NULL, 'v'},
						 {"lang", required_argument, NULL, 'l'},
						 {"ascii", no_argument, NULL, 'A'},
						 {"width", required_argument, NULL, 'w'},
						 {"yaml", no_argument, NULL, 'Y'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db_path = NULL, *name = NULL, *lang = "ru";
	int who = -1, number = 0, ascii = 0, width = 20, yaml = 0, c, code, rc;
	sch_store *st = NULL;
	sch_school *school = NULL;
	sch_timetable *tt = NULL;
	sch_store_version_list list = {0};

	while ((c = cli_getopt(argc, argv, "hc:t:r:v:l:w:", longopts, &help)) != -1) {
		switch (c) {
		case 'h':
			cli_help_print(&help);
			return CLI_EXIT_OK;
		case 'D':
			db_path = optarg;
			break;
		case 'c':
		case 't':
		case 'r':
			if (name)
				return cli_usage_error(&help, "give one of --class, --teacher and --room");
			name = optarg;
			who = c == 'c' ? WHO_CLASS : c == 't' ? WHO_TEACHER : WHO_ROOM;
			break;
		case 'v':
			if ((number = cli_store_positive(optarg)) < 0)
				return cli_usage_error(&help, "--version is a number >= 1, not '%s'", optarg);
			break;
		case 'l':
			if (strcmp(optarg, "ru") != 0 && strcmp(optarg, "ky") != 0)
				return cli_usage_error(&help, "--lang is ru or ky, not '%s'", optarg);
			lang = optarg;
			break;
		case 'A':
			ascii = 1;
			break;
		case 'Y':
			yaml = 1;
			break;
		case 'w':
			if ((width = cli_store_positive(optarg)) < 4 || width > 200)
				return cli_usage_error(&help, "--width is a number of columns from 4 to 200, not '%s'", optarg);
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if ((code = cli_store_require(db_path, &help)) || (code = cli_positional(argc, argv, 0, 0, &help)))
		return code;
	if (yaml && name)
		return cli_usage_error(&help, "--yaml prints the whole school: no --class, --teacher or --room");
	if ((code = cli_store_open(&st, db_path, 0)))
		return code;
	if (yaml) {
		code = print_yaml(st, number);
		goto done;
	}
	if (number == 0) {
		if ((rc = sch_store_active(&number, st))) {
			code = cli_lib_error(rc, NULL);
			goto done;
		}
		if (number == 0) {
			cli_error("%s: no timetable versions yet; 'schedule solve <school.yaml> --db %s' makes one", db_path,
				  db_path);
			code = CLI_EXIT_USAGE;
			goto done;
		}
	}
	/* A version is shown with the school it was made for: exactly as saved, even when stale. */
	if ((rc = sch_store_load_version_school(&school, st, number, NULL)) ||
	    (rc = sch_store_load_timetable(&tt, st, number, school, NULL))) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	int id = -1;
	if (name && (id = find_entity(school, who, name)) < 0) {
		code = id == SCH_ENOMEM ? CLI_EXIT_INTERNAL : CLI_EXIT_USAGE;
		goto done;
	}
	const sch_store_version *ver = NULL;
	if (sch_store_versions(&list, st) == 0)
		for (size_t i = 0; i < list.count; i++)
			if (list.items[i].number == number)
				ver = &list.items[i];
	view v = {school, tt, lang};
	printf("%s", sch_school_name(school));
	if (who == WHO_CLASS)
		printf(" — class %s", school->classes[id].id);
	else if (who == WHO_TEACHER)
		printf(" — teacher %s", sch_school_teacher_name(school, id));
	else if (who == WHO_ROOM)
		printf(" — room %s", school->rooms[id].id);
	printf(" — version %d", number);
	if (ver)
		printf(" (%s%s%s, hard %lld, soft %lld)%s", ver->active ? "active, " : "", *ver->method ? ver->method : "",
		       *ver->method ? "" : "-", (long long)ver->hard, (long long)ver->soft, ver->stale ? " [stale]" : "");
	printf("\n");
	const box_style *b = ascii ? &box_ascii : &box_unicode;
	rc = who < 0 ? print_overview(&v, b, (size_t)(width < 12 ? width : 12)) : print_grid(&v, who, id, b, (size_t)width);
	if (rc) {
		code = cli_lib_error(rc, NULL);
		goto done;
	}
	if (fflush(stdout) != 0) {
		cli_error("writing the output failed");
		code = CLI_EXIT_INTERNAL;
		goto done;
	}
	code = CLI_EXIT_OK;
done:
	sch_store_version_list_dispose(&list);
	sch_timetable_free(tt);
	sch_school_free(school);
	sch_store_close(st);
	return code;
}
