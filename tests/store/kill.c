/*
 * A writer killed with SIGKILL at random points never damages the database: after each kill the
 * file passes integrity_check, every committed version is complete and exactly what was saved,
 * and the active version is valid.
 */
#include "store_test.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#define N_TIMETABLES 6

static int teardown(void **state)
{
	(void)state;
	st_cleanup();
	return 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_us(long us)
{
	struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* The child: saves the prepared timetables round and round until it is killed. No cmocka here. */
static void writer(const char *path, sch_timetable *const *tts, pid_t parent, unsigned start, volatile int *inside)
{
	sch_store *st = NULL;
	if (sch_store_open(&st, path, 0) != 0)
		_exit(3);
	double t0 = now_s();
	for (unsigned k = start;; k++) {
		unsigned which = k % N_TIMETABLES;
		char note[32];
		snprintf(note, sizeof note, "tt=%u", which);
		sch_store_save_options o = SCH_STORE_SAVE_OPTIONS_INIT;
		o.method = "kill-test";
		o.seed = which;
		o.hard = 0;
		o.soft = which;
		o.note = note;
		o.activate = k % 3 != 2; /* some versions are saved without becoming active */
		*inside = 1; /* tells the parent where the kill landed */
		if (sch_store_save_timetable(NULL, st, tts[which], &o) != 0)
			_exit(4);
		*inside = 0;
		if (getppid() != parent || now_s() - t0 > 20) /* orphaned or forgotten: stop */
			_exit(5);
	}
}

static void check_sql(const char *path, int *n_versions)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "ok");
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_finalize(stmt);
	/* Complete versions: one placement row per lesson of the version's school. */
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT v.number, v.n_lessons, s.n_lessons, "
					    "(SELECT count(*) FROM placements p WHERE p.version = v.number), "
					    "(SELECT count(*) FROM placements p WHERE p.version = v.number AND p.day >= 0) "
					    "FROM versions v JOIN schools s ON s.rev = v.rev",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	int n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		assert_int_equal(sqlite3_column_int(stmt, 1), sqlite3_column_int(stmt, 2));
		assert_int_equal(sqlite3_column_int(stmt, 1), sqlite3_column_int(stmt, 3));
		n++;
	}
	sqlite3_finalize(stmt);
	*n_versions = n;
	sqlite3_close(db);
}

/* Keeps the file small: drops all but the newest versions (and the active one). */
static void prune(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA foreign_keys = ON;"
				      "DELETE FROM versions WHERE number < (SELECT max(number) - 3 FROM versions) "
				      "AND number NOT IN (SELECT version FROM active);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
}

static void test_store_kill__sigkill_while_saving(void **state)
{
	(void)state;
	char db[300];
	const char *env = getenv("SCH_KILL_ROUNDS");
	int rounds = env && atoi(env) > 0 ? atoi(env) : 200;
	st_tmpdir();
	st_path(db, sizeof db, "school.db");
	st_params p = {.classes = 40};
	sch_school *s = st_school(&p);
	sch_timetable *tts[N_TIMETABLES];
	for (int i = 0; i < N_TIMETABLES; i++)
		tts[i] = st_timetable(s, 1000 + (unsigned)i);

	/* The file exists with the school and a first version before the first kill. */
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, db, SCH_STORE_CREATE));
	double t0 = now_s();
	ST_OK(sch_store_save_timetable(NULL, st, tts[0], NULL));
	double first = now_s() - t0;
	t0 = now_s();
	ST_OK(sch_store_save_timetable(NULL, st, tts[1], NULL));
	double save = now_s() - t0;
	sch_store_close(st);
	fprintf(stderr, "kill test: %d lessons; first save %.1f ms (with the school), next %.1f ms\n", s->n_lessons,
		first * 1e3, save * 1e3);

	/* Kill points spread over the first two saves of each writer, so that every phase of a save is hit. */
	long span_us = (long)(save * 1e6 * 2) + 2000;
	unsigned r = 20240901;
	int last_max = 0, saves_seen = 0, unchanged = 0, in_save = 0;
	double checking = 0, t_start = now_s();
	volatile int *inside = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(inside != MAP_FAILED);
	for (int round = 0; round < rounds; round++) {
		fflush(NULL);
		*inside = 0;
		pid_t parent = getpid(), pid = fork();
		assert_true(pid >= 0);
		if (pid == 0)
			writer(db, tts, parent, (unsigned)round, inside);
		unsigned hi = st_rand(&r), lo = st_rand(&r);
		sleep_us((long)((hi << 15) | lo) % span_us);
		kill(pid, SIGKILL);
		int status = 0;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		in_save += *inside;
		if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
			fail_msg("round %d: the writer stopped by itself (status %d)", round, status);

		double c0 = now_s();
		int n_sql = 0;
		check_sql(db, &n_sql);

		/* Through the library: open with the check, list, load every new version and the active one. */
		ST_OK(sch_store_open(&st, db, SCH_STORE_CHECK));
		sch_store_version_list list = {0};
		ST_OK(sch_store_versions(&list, st));
		assert_int_equal((int)list.count, n_sql);
		int active = 0, max = 0, active_seen = 0;
		ST_OK(sch_store_active(&active, st));
		assert_true(active > 0);
		for (size_t i = 0; i < list.count; i++) {
			const sch_store_version *v = &list.items[i];
			max = v->number > max ? v->number : max;
			active_seen |= v->number == active;
			assert_int_equal(v->active, v->number == active);
			if (v->number <= last_max && v->number != active)
				continue;
			unsigned which;
			assert_int_equal(sscanf(v->note, "tt=%u", &which) == 1 || v->number <= 2, 1);
			if (v->number <= 2)
				which = (unsigned)v->number - 1;
			sch_timetable *back = NULL;
			ST_OK(sch_store_load_timetable(&back, st, v->number, s, NULL));
			st_assert_same(back, tts[which]);
			assert_int_equal(v->placed, sch_timetable_placed_count(tts[which]));
			sch_timetable_free(back);
		}
		assert_true(active_seen);
		assert_true(max >= last_max); /* nothing committed is ever lost */
		saves_seen += max - last_max;
		unchanged += max == last_max;
		last_max = max;
		sch_store_version_list_dispose(&list);
		sch_store_close(st);
		if (round % 10 == 9)
			prune(db);
		checking += now_s() - c0;
	}
	fprintf(stderr,
		"kill test: %d kills, %d of them inside a save; %d versions committed between kills; "
		"%d kills before the writer's first commit\n",
		rounds, in_save, saves_seen, unchanged);
	fprintf(stderr, "kill test: %.1f s in all, %.1f s of it checking the file after the kills\n", now_s() - t_start,
		checking);
	/* The kills must have landed both between and inside saves. */
	assert_true(saves_seen > 0);
	assert_true(in_save > rounds / 4);
	munmap((void *)inside, sizeof(int));
	for (int i = 0; i < N_TIMETABLES; i++)
		sch_timetable_free(tts[i]);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_store_kill__sigkill_while_saving, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
