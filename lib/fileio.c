/* Whole-file reads and atomic file replacement (temporary file + fsync + rename). */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

/* Reports one reading failure as a diagnostic and as the last error. */
static int read_fail(sch_diags *diags, const char *path, int code, const char *what, const char *detail)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s%s", what, detail);
	sch_diags_add(diags, SCH_DIAG_ERROR, path, 0, 0, "%s", msg);
	return sch_error_set(code, "%s: %s", path, msg);
}

int sch_file_read(const char *path, size_t max_bytes, const char *what, char **out, size_t *len_out,
		  sch_diags *diags)
{
	char *buf = NULL, big[96], not[96];
	size_t len = 0, cap = 65536;
	struct stat st;
	int rc = 0;
	FILE *f = fopen(path, "rb");
	snprintf(big, sizeof big, "the file is larger than %zu MiB: not ", max_bytes >> 20);
	snprintf(not, sizeof not, "is a directory, not ");
	*out = NULL;
	if (!f || fstat(fileno(f), &st) != 0) {
		rc = read_fail(diags, path, SCH_EIO, "cannot open: ", strerror(errno));
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = read_fail(diags, path, SCH_EIO, not, what);
		goto done;
	}
	if (S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > max_bytes) {
			rc = read_fail(diags, path, SCH_EINVALID, big, what);
			goto done;
		}
		cap = (size_t)st.st_size + 1;
	}
	/* Read in chunks: pipes and special files have no size. */
	if (!(buf = malloc(cap))) {
		rc = sch_error_oom();
		goto done;
	}
	for (;;) {
		if (len + 1 >= cap) {
			if (cap > max_bytes) {
				rc = read_fail(diags, path, SCH_EINVALID, big, what);
				goto done;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				rc = sch_error_oom();
				goto done;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0) {
			if (ferror(f)) {
				rc = read_fail(diags, path, SCH_EIO, "cannot read: ", strerror(errno));
				goto done;
			}
			break;
		}
	}
	if (len > max_bytes) {
		rc = read_fail(diags, path, SCH_EINVALID, big, what);
		goto done;
	}
	buf[len] = '\0';
	*out = buf;
	*len_out = len;
	buf = NULL;
done:
	if (f)
		fclose(f);
	free(buf);
	return rc;
}

int sch_file_tmp_create(const char *path, char **tmp_out)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = slash ? slash + 1 : path;
	size_t n = dirlen + strlen(base) + 32;
	struct stat st;
	char *tmp;
	int fd;

	*tmp_out = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return sch_error_set(SCH_EIO, "cannot write %s: it is a directory", path);
	if (!(tmp = malloc(n)))
		return sch_error_oom();
	/* A hidden name next to the target, so rename() stays on one file system and is atomic. */
	snprintf(tmp, n, "%.*s.%s.tmp-XXXXXX", (int)dirlen, path, base);
	fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return sch_error_set(SCH_EIO, "cannot write %s: %s", path, strerror(e));
	}
	/* mkstemp gives 0600: keep the mode of the file replaced, else the usual mode under the umask. */
	if (stat(path, &st) == 0) {
		(void)fchmod(fd, st.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
	close(fd);
	*tmp_out = tmp;
	return 0;
}

int sch_file_tmp_commit(char **tmp, const char *path)
{
	int rc = 0;
	if (rename(*tmp, path) != 0) {
		rc = sch_error_set(SCH_EIO, "cannot write %s: %s", path, strerror(errno));
		unlink(*tmp);
	}
	free(*tmp);
	*tmp = NULL;
	return rc;
}

void sch_file_tmp_abort(char **tmp)
{
	if (*tmp) {
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
}

int sch_file_write_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = NULL;
	size_t done = 0;
	int rc, fd = -1;
	if ((rc = sch_file_tmp_create(path, &tmp)) != 0)
		return rc;
	if ((fd = open(tmp, O_WRONLY | O_TRUNC)) < 0)
		goto fail;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		done += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return sch_file_tmp_commit(&tmp, path);
fail:
	rc = sch_error_set(SCH_EIO, "cannot write %s: %s", path, errno ? strerror(errno) : "short write");
	if (fd >= 0)
		close(fd);
	sch_file_tmp_abort(&tmp);
	return rc;
}
