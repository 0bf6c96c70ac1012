/* The grid model shared by every export format (internal): who has which lesson when, and its texts. */
#ifndef SCH_LIB_EXPORT_GRID_H
#define SCH_LIB_EXPORT_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "schedule/export.h"
#include "schedule/sys/model.h"
#include "schedule/timetable.h"

typedef enum { SCH_GRID_CLASS = 0, SCH_GRID_TEACHER = 1, SCH_GRID_ROOM = 2, SCH_GRID_KINDS = 3 } sch_grid_kind;

/* How a dated lesson differs from the timetable (dated views only). */
typedef enum {
	SCH_MARK_NONE = 0,
	SCH_MARK_COVER = 1,     /* another teacher (sub) gives it */
	SCH_MARK_UNCOVERED = 2, /* its teacher is absent, nobody covers it */
	SCH_MARK_CANCELLED = 3,
	SCH_MARK_MOVED = 4      /* swapped to another bell that day */
} sch_mark;

/* One lesson part at one covered period: the unit every format shows. */
typedef struct {
	int lesson, part;
	int day, period; /* 0-based; period is the bell; in dated views day is the column */
	int offset;      /* 0 at the lesson's first period, 1.. inside a block */
	int room;        /* -1 when the part has no room */
	int mark;        /* sch_mark */
	int sub;         /* the teacher who covers it, when mark is SCH_MARK_COVER */
} sch_placement;

/* Labels in the export's language. */
typedef enum {
	SCH_L_TIMETABLE,     /* "Расписание уроков" */
	SCH_L_CLASS,         /* "Класс" */
	SCH_L_TEACHER,       /* "Учитель" */
	SCH_L_ROOM,          /* "Кабинет" */
	SCH_L_CLASSES,       /* "Классы": the class overview's sheet */
	SCH_L_TEACHERS,      /* "Учителя" */
	SCH_L_ROOMS,         /* "Кабинеты" */
	SCH_L_CLASSES_TITLE, /* "Расписание классов" */
	SCH_L_TEACHERS_TITLE,/* "Расписание учителей" */
	SCH_L_NO,            /* "№" */
	SCH_L_TIME,          /* "Время" */
	SCH_L_DAY,           /* "День" */
	SCH_L_YEAR,          /* "учебный год", after the year */
	SCH_L_SHIFT,         /* "смена", for shifts without a name */
	SCH_L_COVER,         /* "замена": marks of dated lessons */
	SCH_L_UNCOVERED,     /* "нет замены" */
	SCH_L_CANCELLED,     /* "отменён" */
	SCH_L_MOVED,         /* "перенесён" */
	SCH_L_COUNT
} sch_label;

typedef enum {
	SCH_CELL_FULL = 0,    /* subject, then teacher / classes and room per part */
	SCH_CELL_BRIEF = 1,   /* subject and teachers: the class overview */
	SCH_CELL_CLASSES = 2  /* class names, each group under its class: the teacher overview */
} sch_cell_style;

#define SCH_CELL_MAX_LINES 64

/* A cell's text as lines; strong lines (subjects) may be drawn bold. */
typedef struct {
	sch_buf text; /* lines separated by '\n' */
	int n_lines;
	bool strong[SCH_CELL_MAX_LINES];
} sch_cell;

/* Everything a format needs, built once per export. */
typedef struct {
	const sch_school *s;
	const sch_timetable *tt;
	int lang; /* 0 ru, 1 ky */
	const char *lang_code;
	const char *school_name, *year;
	int view;
	int filter; /* entity index for view's kind, -1 for all */
	bool csv_bom;
	sch_placement *pl;
	int n_pl;
	/* Placements of each entity: idx[kind][off[kind][e] .. off[kind][e+1]-1], in placement order. */
	int *off[SCH_GRID_KINDS], *idx[SCH_GRID_KINDS];
	int n_entities[SCH_GRID_KINDS];
	int bell_first, bell_last; /* bells inside any shift, or holding a lesson */
	/* Dated views (sch_grid_init_dated): no overviews, day headers and tables given. */
	bool dated;
	const char *const *day_titles; /* per column; NULL entries fall back to the day's name */
	int n_day_titles;
	const char *note;              /* appended to the subtitle ("неделя 30.11 – 05.12.2026") */
	const struct sch_grid_table *tables; /* written after the grids, a sheet (pages) each */
	int n_tables;
	const char *footer; /* a line under every table (a signature line: "Директор: ____"); NULL none */
} sch_grid;

/* A plain table for people (the substitution sheet): a header row, then rows of texts. */
typedef struct sch_grid_table {
	const char *title, *subtitle, *sheet; /* sheet: the xlsx sheet's name */
	int n_cols;
	const char *const *head;   /* n_cols column titles */
	const double *widths;      /* n_cols relative widths (characters) */
	const char *align;         /* n_cols letters: 'l' left, 'c' centred, 'n' centred and written to
				    * xlsx as a number when the whole text is one; NULL: all left */
	int n_rows;
	const char *const *cells;  /* n_rows x n_cols texts ('\n' breaks a line) */
	const unsigned char *band; /* per row: 1 = a heading row (its first cell spans the table) */
} sch_grid_table;

/* One entity's week: rows are bells first .. first+n_rows-1, columns days 0 .. n_days-1. */
typedef struct {
	int kind, entity;
	int n_days, first, n_rows;
	int *off; /* cell (d, r): placements cell_idx[off[d*n_rows+r] .. off[d*n_rows+r+1]-1] */
	int *cell_idx;
} sch_grid_page;

/* Builds the model; SCH_EINVALID/SCH_ENOTFOUND for bad options, SCH_ENOMEM. */
int sch_grid_init(sch_grid *g, const sch_timetable *tt, const sch_export_options *opts);
/* The same for a dated view: the placements are given (copied) instead of taken from tt. */
int sch_grid_init_dated(sch_grid *g, const sch_timetable *tt, const sch_export_options *opts, const sch_placement *pl,
			int n_pl);
/* A grid with no timetable, for tables only (reports): titles and language from opts, the school's
 * name and year as given. Only tables, footer and the label functions may be used with it. */
int sch_grid_init_tables(sch_grid *g, const sch_export_options *opts, const char *school_name, const char *year);
/* The teacher who gives a placement: its substitute when covered, else its part's teacher (-1 none). */
int sch_grid_placement_teacher(const sch_grid *g, const sch_placement *p);
void sch_grid_free(sch_grid *g);

/* Whether the export shows the overviews, and whether it shows entity e of a kind. */
bool sch_grid_wants_overview(const sch_grid *g);
bool sch_grid_wants(const sch_grid *g, int kind, int e);

int sch_grid_page_build(sch_grid_page *pg, const sch_grid *g, int kind, int e);
void sch_grid_page_free(sch_grid_page *pg);
static inline const int *sch_grid_page_cell(const sch_grid_page *pg, int d, int r, int *n)
{
	int k = d * pg->n_rows + r;
	*n = pg->off[k + 1] - pg->off[k];
	return pg->cell_idx + pg->off[k];
}

/*
 * The text of a cell holding placements items[0..n) seen from an entity of `kind`.
 * Returns 0 or SCH_ENOMEM. cell must be initialised with sch_cell_init.
 */
void sch_cell_init(sch_cell *c);
void sch_cell_free(sch_cell *c);
int sch_grid_cell(const sch_grid *g, int kind, const int *items, int n, int style, sch_cell *out);

const char *sch_grid_label(const sch_grid *g, int label);
const char *sch_grid_day_name(const sch_grid *g, int day);  /* "Понедельник" */
const char *sch_grid_weekday_name(const sch_grid *g, int code); /* the same by day code (0 = Monday) */
const char *sch_grid_day_short(const sch_grid *g, int day); /* "Пн" */
/* "08:00–08:45" with an en dash, or "08:00-08:45" when ascii; "" for a bell out of range. */
void sch_grid_time(const sch_grid *g, int bell, bool ascii, char buf[24]);
void sch_grid_hhmm(int minutes, char buf[8]);
/* Class id, teacher name or room id. */
const char *sch_grid_entity_name(const sch_grid *g, int kind, int e);
/* "Класс 5А", "Учитель Асанова Г.К.", "Кабинет 201". */
void sch_grid_entity_title(const sch_grid *g, int kind, int e, sch_buf *out);
/* The shift of class c as shown ("1 смена"). */
void sch_grid_shift_name(const sch_grid *g, int shift, sch_buf *out);
/* "СОШ №2 · 1 смена · 2026-2027 учебный год": school, the class's shift (shift -1: none), year. */
void sch_grid_subtitle(const sch_grid *g, int shift, sch_buf *out);
/* Label of a row: the class's lesson number in its shift, or the bell number. */
int sch_grid_row_number(const sch_grid *g, int kind, int e, int bell);
/* Classes of a lesson part ("10А, 10Б") and its group ("en1"; NULL for the whole class). */
void sch_grid_part_classes(const sch_grid *g, int lesson, int part, sch_buf *out);
const char *sch_grid_part_group(const sch_grid *g, int lesson, int part);

/* Placements of entity e of a kind at (day, bell), in placement order, at most max; returns the count. */
int sch_grid_slot_items(const sch_grid *g, int kind, int e, int day, int bell, int *out, int max);

/* Shifts that have classes, and the classes of a shift in school order. */
int sch_grid_shift_classes(const sch_grid *g, int shift, int *out_classes);
/* Days shown for the classes of a shift (the longest week among them). */
int sch_grid_shift_days(const sch_grid *g, int shift);

/* Writers of each format (export_*.c); text formats append to a buffer. */
int sch_export__xlsx(const sch_grid *g, const char *path);
int sch_export__pdf(const sch_grid *g, const sch_export_options *opts, const char *path);
int sch_export__csv(const sch_grid *g, sch_buf *out);
int sch_export__json(const sch_grid *g, sch_buf *out);
int sch_export__html(const sch_grid *g, sch_buf *out);

/* The rows of csv and json: placements the view and filter keep, one per class of the part. */
bool sch_grid_row_wanted(const sch_grid *g, const sch_placement *p);

/* Display width (sch_utf8_width, not bytes) of the widest '\n'-separated line, and the line count. */
size_t sch_grid_text_width(const char *text, int *n_lines);

#endif
