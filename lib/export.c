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

/*
 * Creates an empty temporary file in the directory of `path`, so the final
 * rename stays on one file system and is atomic. Fails with SCH_EIO when the
 * directory cannot be written.
 */
static int tmp_create(const char *path, char **tmp_out)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = slash ? slash + 1 : path;
	size_t n = dirlen + strlen(base) + 32;
	char *tmp = malloc(n);
	if (!tmp)
		return sch_error_oom();
	snprintf(tmp, n, "%.*s.%s.tmp-XXXXXX", (int)dirlen, path, base);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return sch_error_set(SCH_EIO, "cannot write %s: %s", path, strerror(e));
	}
	/* mkstemp gives 0600; an export is a document to share: the usual mode under the umask. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		/* harmless: the file stays private to its owner */
	}
	close(fd);
	*tmp_out = tmp;
	return 0;
}

static int write_all(const char *tmp, const char *path, const sch_buf *b)
{
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return sch_error_set(SCH_EIO, "cannot write %s: %s", path, strerror(errno));
	size_t w = b->len ? fwrite(b->p, 1, b->len, f) : 0;
	int err = w != b->len || fflush(f) != 0 || fsync(fileno(f)) != 0;
	int e = errno;
	if (fclose(f) != 0 && !err) {
		err = 1;
		e = errno;
	}
	return err ? sch_error_set(SCH_EIO, "cannot write %s: %s", path, strerror(e)) : 0;
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
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = sch_error_set(SCH_EIO, "cannot write %s: it is a directory", path);
		goto done;
	}
	if ((rc = tmp_create(path, &tmp)) != 0)
		goto done;
	switch (opts->format) {
	case SCH_EXPORT_XLSX:
		rc = sch_export__xlsx(&g, tmp);
		break;
	case SCH_EXPORT_PDF:
		rc = sch_export__pdf(&g, opts, tmp);
		break;
	default:
		rc = text_export(&g, opts->format, &b);
		if (rc == 0 && b.oom)
			rc = sch_error_oom();
		if (rc == 0)
			rc = write_all(tmp, path, &b);
		break;
	}
	if (rc == 0 && rename(tmp, path) != 0)
		rc = sch_error_set(SCH_EIO, "cannot write %s: %s", path, strerror(errno));
done:
	if (tmp) {
		if (rc != 0)
			unlink(tmp);
		free(tmp);
	}
	sch_buf_free(&b);
	sch_grid_free(&g);
	return rc;
}
