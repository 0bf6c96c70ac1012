/* sch_export(): options, format dispatch, and the temporary-file-then-rename write of every export. */
#include "schedule/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fileio.h"
#include "export_grid.h"

static const char *const format_names[] = {"xlsx", "pdf", "csv", "json", "html"};
static const char *const view_names[] = {"all", "class", "teacher", "room", "school"};

void sch_export_options_init(sch_export_options *opts)
{
	if (opts) {
		sch_export_options init = SCH_EXPORT_OPTIONS_INIT;
		*opts = init;
	}
}

int sch_export_format_parse(const char *name)
{
	for (int i = 0; name && i < 5; i++)
		if (strcasecmp(name, format_names[i]) == 0)
			return i;
	if (name && strcasecmp(name, "htm") == 0)
		return SCH_EXPORT_HTML;
	return sch_error_set(SCH_EINVALID, "unknown export format \"%s\": expected xlsx, pdf, csv, json or html",
			     name ? name : "");
}

int sch_export_format_from_path(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	const char *dot = path ? strrchr(slash ? slash : path, '.') : NULL;
	if (!dot || !dot[1])
		return sch_error_set(SCH_EINVALID, "\"%s\" has no extension to tell the export format (xlsx, pdf, csv, json, html)",
				     path ? path : "");
	return sch_export_format_parse(dot + 1);
}

const char *sch_export_format_name(int format)
{
	return format >= 0 && format < 5 ? format_names[format] : "?";
}

int sch_export_view_parse(const char *name)
{
	for (int i = 0; name && i < 5; i++)
		if (strcasecmp(name, view_names[i]) == 0)
			return i;
	return sch_error_set(SCH_EINVALID, "unknown view \"%s\": expected class, teacher, room, school or all",
			     name ? name : "");
}

const char *sch_export_view_name(int view)
{
	return view >= 0 && view < 5 ? view_names[view] : "?";
}

static int text_export(const sch_grid *g, int format, sch_buf *out)
{
	switch (format) {
	case SCH_EXPORT_CSV:
		return sch_export__csv(g, out);
	case SCH_EXPORT_JSON:
		return sch_export__json(g, out);
	case SCH_EXPORT_HTML:
		return sch_export__html(g, out);
	default:
		return sch_error_set(SCH_EINVALID, "export: %s is not a text format", sch_export_format_name(format));
	}
}

int sch_export_to_string(char **out, size_t *len, const sch_timetable *tt, const sch_export_options *opts)
{
	sch_export_options defaults = SCH_EXPORT_OPTIONS_INIT;
	sch_grid g;
	sch_buf b;
	int rc;
	if (!out)
		return sch_error_set(SCH_EINVALID, "export: no output pointer");
	*out = NULL;
	if (len)
		*len = 0;
	if (!opts)
		opts = &defaults;
	sch_buf_init(&b);
	if ((rc = sch_grid_init(&g, tt, opts)) != 0)
		return rc;
	rc = text_export(&g, opts->format, &b);
	if (rc == 0 && b.oom)
		rc = sch_error_oom();
	if (rc == 0 && !b.p)
		sch_buf_puts(&b, "");
	if (rc == 0) {
		*out = b.p;
		if (len)
			*len = b.len;
		sch_buf_init(&b);
	}
	sch_buf_free(&b);
	sch_grid_free(&g);
	return rc;
}

int sch_export(const sch_timetable *tt, const sch_export_options *opts, const char *path)
{
	sch_export_options defaults = SCH_EXPORT_OPTIONS_INIT;
	sch_grid g;
	sch_buf b;
	char *tmp = NULL;
	int rc;
	if (!opts)
		opts = &defaults;
	if (!path || !*path)
		return sch_error_set(SCH_EINVALID, "export: no output file");
	if (opts->format < SCH_EXPORT_XLSX || opts->format > SCH_EXPORT_HTML)
		return sch_error_set(SCH_EINVALID, "export: unknown format %d", opts->format);
	sch_buf_init(&b);
	if ((rc = sch_grid_init(&g, tt, opts)) != 0)
		return rc;
	switch (opts->format) {
	case SCH_EXPORT_XLSX:
	case SCH_EXPORT_PDF:
		/* The writers take a file name: write a temporary file, then rename it. */
		if ((rc = sch_file_tmp_create(path, &tmp)) != 0)
			goto done;
		rc = opts->format == SCH_EXPORT_XLSX ? sch_export__xlsx(&g, tmp) : sch_export__pdf(&g, opts, tmp);
		if (rc == 0)
			rc = sch_file_tmp_commit(&tmp, path);
		break;
	default:
		rc = text_export(&g, opts->format, &b);
		if (rc == 0 && b.oom)
			rc = sch_error_oom();
		if (rc == 0)
			rc = sch_file_write_atomic(path, b.p ? b.p : "", b.len);
		break;
	}
done:
	sch_file_tmp_abort(&tmp);
	sch_buf_free(&b);
	sch_grid_free(&g);
	return rc;
}
