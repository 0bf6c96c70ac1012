/* Runs a command and writes its exit status and peak memory (ru_maxrss via wait4) to a file. */
/*
 * bench/run.py measures children through this helper because Linux carries the
 * resident-set high-water mark of a process across fork and exec: a command
 * started straight from the Python harness reports at least the harness's own
 * size (tens of MB). Forked from this small program, the command's ru_maxrss is
 * its own to within a few hundred KB.
 *
 *     spawn RESULT_FILE COMMAND [ARG...]
 *
 * RESULT_FILE receives "status <exit code or -signal> maxrss_kb <n>". The command
 * inherits stdin, stdout, stderr and the process group (the harness kills the
 * group on a timeout).
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: spawn RESULT_FILE COMMAND [ARG...]\n");
		return 125;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("spawn: fork");
		return 125;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "spawn: cannot run %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("spawn: wait4");
			return 125;
		}
	}
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
	FILE *f = fopen(argv[1], "w");
	if (!f) {
		perror("spawn: result file");
		return 125;
	}
	fprintf(f, "status %d maxrss_kb %ld\n", code, ru.ru_maxrss);
	if (fclose(f) != 0)
		return 125;
	return code < 0 ? 128 - code : code;
}
