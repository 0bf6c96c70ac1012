/* Importing class lists: CSV (separators, BOM, quotes, Russian headers), XLSX, bad rows by line and column, all or nothing, --keep-good, updates by external id. */
#include <xlsxwriter.h>

#include "../journal/journal_test.h"

static const char GOOD[] =
	"\xEF\xBB\xBF"
	"ID;Класс;Фамилия;Имя;Отчество;Дата рождения;Группа: foreign;ФИО родителя;Кем приходится;Телефон;Примечание\n"
	"KG-10;5А;Жумабеков;Нурсултан;Асанович;05.04.2015;en1;Жумабекова Гульнара;мать;+996 555 101010;\n"
	"KG-11;5А;\"Ким\";\"Виктория\";;2015-11-30;en2;;;;\"с 1 сентября; новая\"\n"
	"KG-12;6Б;Садыров;Эмир;Бакытович;;;Садыров Бакыт;отец;+996 700 121212;\n";

static void test_pupils_import__csv_good(void **state)
{
	jfix *f = *state;
	char path[500];
	sch_diags *d = NULL;
	sch_pupil_import_info info;
	CT_OK(sch_diags_new(&d));
	CT_OK(sch_pupils_import(&info, f->st, f->s, jt_file(path, sizeof path, "good.csv", GOOD, sizeof GOOD - 1), 0, d,
				"secretary"));
	assert_int_equal(info.rows, 3);
	assert_int_equal(info.added, 3);
	assert_int_equal(info.bad, 0);
	assert_int_equal(sch_diags_errors(d), 0);
	assert_int_equal(sch_diags_warnings(d), 1); /* Примечание is not used */
	int64_t id;
	CT_OK(sch_pupil_find(&id, f->st, "KG-10", NULL));
	sch_pupil_list l = {0};
	CT_OK(sch_pupil_get(&l, f->st, id));
	assert_string_equal(l.items[0].last_name, "Жумабеков");
	assert_string_equal(l.items[0].middle_name, "Асанович");
	assert_string_equal(l.items[0].birth_date, "2015-04-05");
	assert_string_equal(l.items[0].groups[0].group, "en1");
	assert_string_equal(l.items[0].parents[0].name, "Жумабекова Гульнара");
	assert_string_equal(l.items[0].parents[0].phone, "+996 555 101010");
	sch_pupil_list_dispose(&l);
	sch_diags_free(d);

	/* The same list again changes nothing; a changed row updates its pupil. */
	CT_OK(sch_diags_new(&d));
	CT_OK(sch_pupils_import(&info, f->st, f->s, path, 0, d, NULL));
	assert_int_equal(info.same, 3);
	assert_int_equal(info.added + info.updated, 0);
	sch_diags_free(d);
	static const char MOVED[] = "external_id,class,last_name,first_name,group:foreign\nKG-11,5А,Ким,Виктория,en1\n";
	CT_OK(sch_diags_new(&d));
	CT_OK(sch_pupils_import(&info, f->st, f->s, jt_file(path, sizeof path, "moved.csv", MOVED, sizeof MOVED - 1), 0, d,
				NULL));
	assert_int_equal(info.updated, 1);
	CT_OK(sch_pupil_find(&id, f->st, "KG-11", NULL));
	CT_OK(sch_pupil_get(&l, f->st, id));
	assert_string_equal(l.items[0].groups[0].group, "en1");
	sch_pupil_list_dispose(&l);
	sch_diags_free(d);
}

static const char BAD[] =
	"external_id,class,last_name,first_name,birth_date,group:foreign,parent,phone\n"
	"KG-20,5А,Алиев,Тимур,2015-01-01,en1,,\n"
	"KG-21,5В,Бекова,Айша,2015-01-01,en1,,\n"       /* line 3: no class 5В (column 2) */
	"KG-22,5А,,Айдай,2015-01-01,en2,,\n"            /* line 4: no last name (3) */
	"KG-23,5А,Осмонов,Бек,32.01.2015,en2,,\n"       /* line 5: bad date (5) */
	"KG-24,5А,Орозова,Ая,2015-01-01,en7,,\n"        /* line 6: no group en7 (6) */
	"KG-20,5А,Алиев,Тимур,2015-01-01,en1,,\n"       /* line 7: external id twice (1) */
	"KG-25,5А,Маматов,Эрлан,,en1,,+996 555\n"       /* line 8: phone without parent (7) */
	"KG-26,6Б,Уметова,Жаркын,2014-02-02,,,\n";

static int has_diag(sch_diags *d, int line, int col, const char *text)
{
	for (size_t i = 0; i < sch_diags_count(d); i++) {
		const sch_diag *g = sch_diags_get(d, i);
		if (g->line == line && g->col == col && strstr(g->message, text))
			return 1;
	}
	return 0;
}

static void test_pupils_import__bad_rows(void **state)
{
	jfix *f = *state;
	char path[500];
	sch_diags *d = NULL;
	sch_pupil_import_info info;
	long long before = jt_count(f->db, "SELECT count(*) FROM pupils");
	long long audit = jt_count(f->db, "SELECT count(*) FROM audit");
	CT_OK(sch_diags_new(&d));
	jt_file(path, sizeof path, "bad.csv", BAD, sizeof BAD - 1);
	CT_FAILS(sch_pupils_import(&info, f->st, f->s, path, 0, d, NULL), SCH_EINVALID,
		 "6 of 8 rows are bad: nothing written (--keep-good writes the 2 good ones)");
	assert_int_equal(sch_diags_errors(d), 6);
	assert_true(has_diag(d, 3, 2, "no class '5В'"));
	assert_true(has_diag(d, 4, 3, "no last name"));
	assert_true(has_diag(d, 5, 5, "'32.01.2015' is not a date"));
	assert_true(has_diag(d, 6, 6, "no group 'en7'"));
	assert_true(has_diag(d, 7, 1, "external id KG-20 is given twice (line 2 too)"));
	assert_true(has_diag(d, 8, 7, "without the parent's name"));
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM pupils"), before);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM audit"), audit);
	sch_diags_free(d);

	CT_OK(sch_diags_new(&d));
	CT_OK(sch_pupils_import(&info, f->st, f->s, path, SCH_PUPILS_IMPORT_DRY_RUN | SCH_PUPILS_IMPORT_KEEP_GOOD, d, NULL));
	assert_int_equal(info.added, 2);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM pupils"), before);
	sch_diags_free(d);

	CT_OK(sch_diags_new(&d));
	CT_OK(sch_pupils_import(&info, f->st, f->s, path, SCH_PUPILS_IMPORT_KEEP_GOOD, d, NULL));
	assert_int_equal(info.added, 2);
	assert_int_equal(info.bad, 6);
	assert_int_equal(jt_count(f->db, "SELECT count(*) FROM pupils"), before + 2);
	sch_diags_free(d);
}

static void test_pupils_import__bad_files(void **state)
{
	jfix *f = *state;
	char path[500];
	sch_diags *d = NULL;
	CT_OK(sch_diags_new(&d));
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, "/nonexistent/list.csv", 0, d, NULL), SCH_ENOTFOUND, "list.csv");
	static const char NOHEAD[] = "KG-1,5А,Асанов,Бакыт\n";
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, jt_file(path, sizeof path, "nohead.csv", NOHEAD, sizeof NOHEAD - 1), 0,
				   d, NULL),
		 SCH_EINVALID, "the header row is not a class list");
	static const char LATIN1[] = "class,last_name,first_name\n5\xC0,\xC0sanov,Bakyt\n";
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, jt_file(path, sizeof path, "latin1.csv", LATIN1, sizeof LATIN1 - 1), 0,
				   d, NULL),
		 SCH_EINVALID, "latin1.csv:2: not UTF-8 text");
	static const char QUOTE[] = "class,last_name,first_name\n5А,\"Асанов,Бакыт\n";
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, jt_file(path, sizeof path, "quote.csv", QUOTE, sizeof QUOTE - 1), 0, d,
				   NULL),
		 SCH_EINVALID, "quote.csv:2: a quoted field is not closed");
	static const char EMPTY[] = "";
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, jt_file(path, sizeof path, "empty.csv", EMPTY, 0), 0, d, NULL),
		 SCH_EINVALID, "no rows");
	static const char FAKEZIP[] = "PK\x03\x04garbage that is not a zip";
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, jt_file(path, sizeof path, "fake.xlsx", FAKEZIP, sizeof FAKEZIP - 1), 0,
				   d, NULL),
		 SCH_EINVALID, "a damaged workbook");
	static const char OLE[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old excel";
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, jt_file(path, sizeof path, "old.xls", OLE, sizeof OLE - 1), 0, d, NULL),
		 SCH_EINVALID, "save it as .xlsx or CSV UTF-8");
	sch_diags_free(d);
}

/* An XLSX as Excel writes one: shared strings, a date cell as a serial number, an empty cell skipped. */
static void test_pupils_import__xlsx(void **state)
{
	jfix *f = *state;
	char path[500];
	ct_path(path, sizeof path, "list.xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Ученики");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd.mm.yyyy");
	const char *head[] = {"ПИН", "Класс", "ФИО", "Дата рождения", "Группа: foreign"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "21503201500123", NULL);
	worksheet_write_string(ws, 1, 1, "5А", NULL);
	worksheet_write_string(ws, 1, 2, "Исаков Тилек Маратович", NULL);
	lxw_datetime dt = {2015, 3, 20, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 3, &dt, date);
	worksheet_write_string(ws, 1, 4, "en2", NULL);
	worksheet_write_string(ws, 3, 0, "21503201500124", NULL); /* row 4: row 3 is empty */
	worksheet_write_string(ws, 3, 1, "6Б", NULL);
	worksheet_write_string(ws, 3, 2, "Асан уулу Адилет", NULL);
	worksheet_write_number(ws, 3, 3, 41000, date);
	worksheet_write_string(ws, 4, 0, "21503201500125", NULL);
	worksheet_write_string(ws, 4, 1, "5А", NULL);
	worksheet_write_string(ws, 4, 2, "Белова", NULL); /* no first name: row 5, column 3 */
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	sch_diags *d = NULL;
	sch_pupil_import_info info;
	CT_OK(sch_diags_new(&d));
	CT_FAILS(sch_pupils_import(&info, f->st, f->s, path, 0, d, NULL), SCH_EINVALID, "1 of 3 rows are bad");
	assert_true(has_diag(d, 5, 3, "no first name"));
	CT_OK(sch_pupils_import(&info, f->st, f->s, path, SCH_PUPILS_IMPORT_KEEP_GOOD, d, NULL));
	assert_int_equal(info.added, 2);
	sch_diags_free(d);
	int64_t id;
	sch_pupil_list l = {0};
	CT_OK(sch_pupil_find(&id, f->st, "21503201500123", NULL));
	CT_OK(sch_pupil_get(&l, f->st, id));
	assert_string_equal(l.items[0].last_name, "Исаков");
	assert_string_equal(l.items[0].first_name, "Тилек");
	assert_string_equal(l.items[0].middle_name, "Маратович");
	assert_string_equal(l.items[0].birth_date, "2015-03-20");
	assert_string_equal(l.items[0].groups[0].group, "en2");
	sch_pupil_list_dispose(&l);
	/* A damaged copy: cut in the middle (its zip directory gone), and a zip of other parts. */
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, in);
	fclose(in);
	char cut[500];
	CT_OK(sch_diags_new(&d));
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, jt_file(cut, sizeof cut, "cut.xlsx", buf, n / 2), 0, d, NULL),
		 SCH_EINVALID, "cut.xlsx: a damaged workbook");
	/* The sheet's compressed data follows its name in its local header: spoil it. */
	const char *sheet = "xl/worksheets/sheet1.xml";
	for (size_t k = 0; k + strlen(sheet) < n; k++)
		if (memcmp(buf + k, sheet, strlen(sheet)) == 0) {
			memset(buf + k + strlen(sheet) + 4, 0xFF, 64);
			break;
		}
	CT_FAILS(sch_pupils_import(NULL, f->st, f->s, jt_file(cut, sizeof cut, "spoilt.xlsx", buf, n), 0, d, NULL),
		 SCH_EINVALID, "spoilt.xlsx: a damaged workbook");
	sch_diags_free(d);
	CT_OK(sch_pupil_find(&id, f->st, "21503201500124", NULL));
	CT_OK(sch_pupil_get(&l, f->st, id));
	assert_string_equal(l.items[0].last_name, "Асан уулу");
	assert_string_equal(l.items[0].first_name, "Адилет");
	assert_string_equal(l.items[0].birth_date, "2012-04-01"); /* Excel day 41000 */
	sch_pupil_list_dispose(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pupils_import__csv_good, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_pupils_import__bad_rows, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_pupils_import__bad_files, jt_setup, jt_teardown),
		cmocka_unit_test_setup_teardown(test_pupils_import__xlsx, jt_setup, jt_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
