/* Exporting a timetable for people and programs: Excel, PDF, CSV, JSON and HTML. */
#ifndef SCHEDULE_EXPORT_H
#define SCHEDULE_EXPORT_H

#include "common.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	SCH_EXPORT_XLSX = 0, /* a workbook: overview sheets, a sheet per class and per teacher */
	SCH_EXPORT_PDF = 1,  /* A4 landscape pages with an embedded DejaVu font */
	SCH_EXPORT_CSV = 2,  /* one row per lesson placement, RFC 4180, UTF-8 */
	SCH_EXPORT_JSON = 3, /* the CSV's rows as objects, with the school's days and bells */
	SCH_EXPORT_HTML = 4  /* one self-contained page: inline CSS, no external resources */
} sch_export_format;

/*
 * What to show. For xlsx, pdf and html: the grids (pages, sheets, tables) to
 * produce. For csv and json: SCH_VIEW_CLASS/TEACHER/ROOM with a filter keep the
 * rows of that class, teacher or room; every other view gives all rows.
 */
typedef enum {
	SCH_VIEW_ALL = 0,     /* the overviews, then every class, then every teacher */
	SCH_VIEW_CLASS = 1,   /* a grid per class (or only the filtered one) */
	SCH_VIEW_TEACHER = 2, /* a grid per teacher */
	SCH_VIEW_ROOM = 3,    /* a grid per room */
	SCH_VIEW_SCHOOL = 4   /* the overviews only: all classes side by side, all teachers */
} sch_export_view;

#define SCH_EXPORT_OPTIONS_VERSION 1

typedef struct {
	unsigned int version; /* SCH_EXPORT_OPTIONS_VERSION */
	int format;           /* sch_export_format */
	int view;             /* sch_export_view */
	const char *lang;     /* "ru" (NULL means ru) or "ky": labels, day names, subject names */
	/*
	 * The id of one class, teacher or room to export alone, or NULL for all.
	 * Needs view SCH_VIEW_CLASS, SCH_VIEW_TEACHER or SCH_VIEW_ROOM; an id the
	 * school does not have gives SCH_ENOTFOUND.
	 */
	const char *filter;
	/* Titles; NULL takes them from the school (its name and academic year). */
	const char *school_name;
	const char *year;
	/*
	 * PDF fonts (TrueType); NULL searches the usual places of Debian's
	 * fonts-dejavu-core (DejaVuSans.ttf, DejaVuSans-Bold.ttf). A font that
	 * cannot be found or loaded gives SCH_EIO.
	 */
	const char *font_path;
	const char *bold_font_path;
	/*
	 * Non-zero: the CSV starts with a UTF-8 byte order mark, which Excel and
	 * LibreOffice need to read it as UTF-8 when it is double-clicked; programs
	 * usually want it off (the default).
	 */
	int csv_bom;
} sch_export_options;

#define SCH_EXPORT_OPTIONS_INIT \
	{ SCH_EXPORT_OPTIONS_VERSION, SCH_EXPORT_XLSX, SCH_VIEW_ALL, NULL, NULL, NULL, NULL, NULL, NULL, 0 }

/* Fills `opts` with the defaults of SCH_EXPORT_OPTIONS_INIT. */
SCH_EXTERN(void) sch_export_options_init(sch_export_options *opts);

/*
 * Writes `tt` to `path` in the format and view of `opts` (NULL: the defaults).
 * The file is written next to `path` under a temporary name and renamed over it
 * at the end, so a failure never leaves a partial or damaged file behind.
 * Returns 0, SCH_EINVALID for bad options, SCH_ENOTFOUND for an unknown filter
 * id, SCH_EIO when the file cannot be written or a PDF font is missing, or
 * SCH_ENOMEM; the message is in sch_error_last().
 */
SCH_EXTERN(int) sch_export(const sch_timetable *tt, const sch_export_options *opts, const char *path);

/*
 * The text formats (csv, json, html) into a malloc'ed NUL-terminated buffer the
 * caller frees with sch_free(); SCH_EINVALID for xlsx and pdf.
 */
SCH_EXTERN(int) sch_export_to_string(char **out, size_t *len, const sch_timetable *tt,
				     const sch_export_options *opts);

/* "xlsx", "pdf", "csv", "json", "html" to a sch_export_format; SCH_EINVALID otherwise. */
SCH_EXTERN(int) sch_export_format_parse(const char *name);
/* The format a file name's extension asks for (".xlsx", ".PDF", ".htm" ...); SCH_EINVALID if none. */
SCH_EXTERN(int) sch_export_format_from_path(const char *path);
SCH_EXTERN(const char *) sch_export_format_name(int format);
/* "all", "class", "teacher", "room", "school" to a sch_export_view; SCH_EINVALID otherwise. */
SCH_EXTERN(int) sch_export_view_parse(const char *name);
SCH_EXTERN(const char *) sch_export_view_name(int view);

#ifdef __cplusplus
}
#endif

#endif
