/* Files that are not our database: random bytes, text, truncated or damaged, foreign, newer, empty. */
#include "store_test.h"

#include <sqlite3.h>
#include <sys/stat.h>

static int teardown(void **state)
{
	(void)state;
	st_cleanup();
	return 0;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Opening `path` fails with SCH_EDB naming the file, with and without CREATE, and leaves the bytes alone. */
static void assert_refused(const char *path, const char *why)
{
	size_t before_len, after_len;
	char *before = read_file(path, &before_len);
	static const int flags[] = {0, SCH_STORE_CREATE, SCH_STORE_CHECK, SCH_STORE_READONLY};
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		sch_store *st = (sch_store *)1;
		int rc = sch_store_open(&st, path, flags[i]);
		if (rc != SCH_EDB)
			fprintf(stderr, "%s: flags %d: rc %d: %s\n", path, flags[i], rc,
				sch_error_last() ? sch_error_last()->message : "");
		assert_int_equal(rc, SCH_EDB);
		assert_null(st);
		assert_non_null(strstr(sch_error_last()->message, path));
		if (why)
			assert_non_null(strstr(sch_error_last()->message, why));
	}
	char *after = read_file(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
}

static void test_store_corrupt__random_bytes(void **state)
{
	(void)state;
	char path[300];
	st_tmpdir();
	unsigned r = 12345;
	for (int k = 0; k < 20; k++) {
		size_t n = 1 + st_rand(&r) % 20000;
		unsigned char *buf = malloc(n);
		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)st_rand(&r);
		snprintf(path, sizeof path, "%s/random%d.db", st_dir, k);
		st_write_file(path, buf, n);
		assert_refused(path, NULL);
		free(buf);
	}
}

static void test_store_corrupt__text_file(void **state)
{
	(void)state;
	char path[300];
	st_tmpdir();
	st_path(path, sizeof path, "school.yaml.db");
	const char *text = "school: {name: \"СОШ №2\", days: [mon, tue]}\nbells: [\"08:00-08:45\"]\n";
	st_write_file(path, text, strlen(text));
	assert_refused(path, "not a libschedule database");
	/* Shorter than an SQLite header, and exactly the magic string. */
	st_write_file(path, "SQLite format 3", 16);
	assert_refused(path, NULL);
}

/* An SQLite file of another application: no application_id, or another one. */
static void test_store_corrupt__foreign(void **state)
{
	(void)state;
	char path[300];
	sqlite3 *db = NULL;
	st_tmpdir();
	st_path(path, sizeof path, "other.db");
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_refused(path, "another application");

	st_path(path, sizeof path, "other2.db");
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 1234; CREATE TABLE t (x);", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_refused(path, "application_id 1234");

	/* Our id without a schema version is no file of ours either. */
	st_path(path, sizeof path, "other3.db");
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 1399023684; CREATE TABLE t (x);", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_refused(path, "damaged");
}

/* Makes a real database with a school and three versions; returns its path in buf. */
static void make_db(char *buf, size_t n, const char *name)
{
	st_path(buf, n, name);
	st_params p = {.classes = 6};
	sch_school *s = st_school(&p);
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, buf, SCH_STORE_CREATE));
	for (unsigned k = 1; k <= 3; k++) {
		sch_timetable *tt = st_timetable(s, k);
		ST_OK(sch_store_save_timetable(NULL, st, tt, NULL));
		sch_timetable_free(tt);
	}
	sch_store_close(st); /* the last close checkpoints the WAL into the file */
	sch_school_free(s);
}

static void test_store_corrupt__newer_schema(void **state)
{
	(void)state;
	char path[300];
	sqlite3 *db = NULL;
	st_tmpdir();
	make_db(path, sizeof path, "newer.db");
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 7", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_refused(path, "newer libschedule (schema version 7; this one reads up to 5)");
}

/* Every call on a store that opened is either fine or SCH_EDB/SCH_EIO: never a crash. */
static void poke(sch_store *st)
{
	sch_store_version_list list = {0};
	sch_store_lock_list locks = {0};
	sch_school *s = NULL;
	sch_timetable *tt = NULL;
	char *yaml = NULL;
	int n;
#define OK_OR_DB(call)                                                          \
	do {                                                                    \
		int rc_ = (call);                                               \
		assert_true(rc_ == 0 || rc_ == SCH_EDB || rc_ == SCH_EIO ||     \
			    rc_ == SCH_ENOTFOUND);                              \
	} while (0)
	OK_OR_DB(sch_store_versions(&list, st));
	sch_store_version_list_dispose(&list);
	OK_OR_DB(sch_store_locks(&locks, st, NULL));
	sch_store_lock_list_dispose(&locks);
	OK_OR_DB(sch_store_active(&n, st));
	OK_OR_DB(sch_store_school_yaml(&yaml, NULL, st));
	sch_free(yaml);
	int rc = sch_store_load_school(&s, st, NULL);
	assert_true(rc == 0 || rc == SCH_EDB || rc == SCH_EIO || rc == SCH_ENOTFOUND);
	if (rc == 0) {
		OK_OR_DB(sch_store_load_timetable(&tt, st, 0, s, NULL));
		sch_timetable_free(tt);
		tt = st_timetable(s, 9);
		OK_OR_DB(sch_store_save_timetable(NULL, st, tt, NULL));
		sch_timetable_free(tt);
		sch_school_free(s);
	}
	OK_OR_DB(sch_store_activate(st, 2));
#undef OK_OR_DB
}

static void test_store_corrupt__truncated(void **state)
{
	(void)state;
	char good[300], path[300];
	size_t len;
	st_tmpdir();
	make_db(good, sizeof good, "good.db");
	char *bytes = read_file(good, &len);
	assert_true(len > 8 * 4096);
	const size_t cuts[] = {10, 99, 100, 512, 4096, 4096 + 100, 2 * 4096, len / 3, len / 2, len - 4096, len - 1};
	int refused_with_check = 0;
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		snprintf(path, sizeof path, "%s/cut%zu.db", st_dir, i);
		st_write_file(path, bytes, cuts[i]);
		sch_store *st = NULL;
		int rc = sch_store_open(&st, path, SCH_STORE_CHECK);
		assert_true(rc == 0 || rc == SCH_EDB);
		if (rc == SCH_EDB) {
			assert_non_null(strstr(sch_error_last()->message, path));
			refused_with_check++;
		}
		sch_store_close(st);
		/* Without the check the damage shows on use, as SCH_EDB. */
		st = NULL;
		if (sch_store_open(&st, path, 0) == 0)
			poke(st);
		sch_store_close(st);
	}
	/* Every cut past the header loses pages the file needs. */
	assert_true(refused_with_check >= (int)(sizeof cuts / sizeof cuts[0]) - 1);
	free(bytes);
}

static void test_store_corrupt__damaged_pages(void **state)
{
	(void)state;
	char good[300], path[300];
	size_t len;
	st_tmpdir();
	make_db(good, sizeof good, "good.db");
	char *bytes = read_file(good, &len);
	unsigned r = 777;
	int refused = 0;
	for (int k = 0; k < 12; k++) {
		char *bad = malloc(len);
		memcpy(bad, bytes, len);
		/* Scribble over a few whole pages after the first. */
		for (int j = 0; j < 3; j++) {
			size_t page = 1 + st_rand(&r) % (len / 4096 - 1);
			for (size_t i = 0; i < 4096; i++)
				bad[page * 4096 + i] = (char)st_rand(&r);
		}
		snprintf(path, sizeof path, "%s/bad%d.db", st_dir, k);
		st_write_file(path, bad, len);
		sch_store *st = NULL;
		int rc = sch_store_open(&st, path, SCH_STORE_CHECK);
		assert_true(rc == 0 || rc == SCH_EDB);
		refused += rc == SCH_EDB;
		sch_store_close(st);
		st = NULL;
		if (sch_store_open(&st, path, 0) == 0)
			poke(st);
		sch_store_close(st);
		free(bad);
	}
	assert_true(refused >= 10);
	free(bytes);
}

static void test_store_corrupt__empty_and_odd_paths(void **state)
{
	(void)state;
	char path[300];
	st_tmpdir();
	st_path(path, sizeof path, "empty.db");
	st_write_file(path, "", 0);
	sch_store *st = NULL;
	assert_int_equal(sch_store_open(&st, path, 0), SCH_EDB);
	assert_non_null(strstr(sch_error_last()->message, "empty"));
	/* CREATE makes an empty file a new database. */
	ST_OK(sch_store_open(&st, path, SCH_STORE_CREATE | SCH_STORE_CHECK));
	sch_store_close(st);
	ST_OK(sch_store_open(&st, path, SCH_STORE_READONLY));
	sch_store_close(st);

	/* A directory, a path in a missing directory, no path. */
	assert_int_equal(sch_store_open(&st, st_dir, SCH_STORE_CREATE), SCH_EIO);
	assert_null(st);
	st_path(path, sizeof path, "no/such/dir/school.db");
	assert_int_equal(sch_store_open(&st, path, SCH_STORE_CREATE), SCH_EIO);
	assert_int_equal(sch_store_open(&st, "", SCH_STORE_CREATE), SCH_EINVALID);
	assert_int_equal(sch_store_open(&st, NULL, 0), SCH_EINVALID);
	assert_int_equal(sch_store_open(NULL, path, 0), SCH_EINVALID);
}

static void test_store_corrupt__readonly_file(void **state)
{
	(void)state;
	char path[300];
	st_tmpdir();
	make_db(path, sizeof path, "ro.db");
	sch_store *st = NULL;
	ST_OK(sch_store_open(&st, path, SCH_STORE_READONLY | SCH_STORE_CHECK));
	sch_store_version_list list = {0};
	ST_OK(sch_store_versions(&list, st));
	assert_int_equal(list.count, 3);
	sch_store_version_list_dispose(&list);
	/* Writes through a read-only handle fail cleanly. */
	int rc = sch_store_activate(st, 1);
	assert_int_equal(rc, SCH_EIO);
	assert_non_null(strstr(sch_error_last()->message, path));
	sch_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_store_corrupt__random_bytes, teardown),
		cmocka_unit_test_teardown(test_store_corrupt__text_file, teardown),
		cmocka_unit_test_teardown(test_store_corrupt__foreign, teardown),
		cmocka_unit_test_teardown(test_store_corrupt__newer_schema, teardown),
		cmocka_unit_test_teardown(test_store_corrupt__truncated, teardown),
		cmocka_unit_test_teardown(test_store_corrupt__damaged_pages, teardown),
		cmocka_unit_test_teardown(test_store_corrupt__empty_and_odd_paths, teardown),
		cmocka_unit_test_teardown(test_store_corrupt__readonly_file, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
