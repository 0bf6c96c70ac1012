/* Reading whole files and replacing files atomically (internal). */
#ifndef SCH_LIB_FILEIO_H
#define SCH_LIB_FILEIO_H

#include <stddef.h>

#include "schedule/diag.h"

/*
 * Reads a whole file (regular file or pipe) into a NUL-terminated malloc'ed buffer.
 * `what` names the expected content in messages ("a school file"). Failures are
 * SCH_EIO (cannot open/read, a directory) or SCH_EINVALID (larger than max_bytes),
 * each also added to diags (may be NULL) without a line.
 */
int sch_file_read(const char *path, size_t max_bytes, const char *what, char **out, size_t *len,
		  sch_diags *diags);

/*
 * Atomic replacement: sch_file_tmp_create() makes an empty temporary file next to
 * `path` (same file system, mode of the file it replaces or 0666 under the umask);
 * write it by name, then sch_file_tmp_commit() renames it over `path`, or
 * sch_file_tmp_abort() removes it. Both free *tmp and set it to NULL.
 */
int sch_file_tmp_create(const char *path, char **tmp);
int sch_file_tmp_commit(char **tmp, const char *path);
void sch_file_tmp_abort(char **tmp);

/* Writes data to path atomically: a failure leaves the old file (or none) in place. */
int sch_file_write_atomic(const char *path, const char *data, size_t len);

#endif
