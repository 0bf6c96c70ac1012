/* Two processes write marks to one database at the same time, each mark its own transaction: nothing is lost. */
#include <sys/wait.h>

#include "journal_test.h"

#define KINDS 6

/* A child: opens its own handles, waits for the start, writes a mark per math lesson of September and kind. */
static int writer(const char *db, int64_t pupil, int start_fd, const char *user)
{
	sch_store *st = NULL;
	sch_journal *j = NULL;
	char go;
	if (sch_store_open(&st, db, 0) || sch_journal_open(&j, st, user))
		return 10;
	if (read(start_fd, &go, 1) != 1)
		return 11;
	static const char *const days[] = {"2026-09-01", "2026-09-03", "2026-09-08", "2026-09-10", "2026-09-15",
					   "2026-09-17", "2026-09-22", "2026-09-24", "2026-09-29"};
	int failed = 0;
	for (int k = 0; k < KINDS; k++)
		for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
			sch_journal_ref r = SCH_JOURNAL_REF_INIT;
			char kind[8];
			snprintf(kind, sizeof kind, "k%d", k);
			r.class_id = "5А";
			r.subject_id = "math";
			if (sch_date_parse(&r.date, days[d]))
				return 12;
			int rc = sch_journal_mark(j, &r, pupil, (k + (int)d) % 2 ? "5" : "4", kind);
			if (rc) {
				fprintf(stderr, "%s: %s\n", user, sch_error_last()->message);
				failed++;
			}
		}
	sch_journal_free(j);
	sch_store_close(st);
	return failed ? 1 : 0;
}

static void test_journal_concurrent__two_writers(void **state)
{
	jfix *f = *state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t kids[2];
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			close(fds[1]);
			_exit(writer(f->db, f->p[1 + i], fds[0], i ? "teacher-b" : "teacher-a"));
		}
	}
	close(fds[0]);
	/* Both are ready and blocked on the pipe: start them together. */
	assert_int_equal(write(fds[1], "gg", 2), 2);
	close(fds[1]);
	for (int i = 0; i < 2; i++) {
		int status = 0;
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM marks"), 2 * 9 * KINDS);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM marks WHERE pupil = 1 AND created_by = 'teacher-a'"), 9 * KINDS);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM marks WHERE pupil = 2 AND created_by = 'teacher-b'"), 9 * KINDS);
	/* One journal lesson per date, made by whichever writer came first. */
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM journal_lessons"), 9);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM audit WHERE entity = 'mark'"), 2 * 9 * KINDS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_journal_concurrent__two_writers, jt_setup, jt_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
