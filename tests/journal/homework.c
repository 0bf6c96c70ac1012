/* Topics and homework: set, edit, delete, audited; attachments checked by type and size and stored once by SHA-256. */
#include "journal_test.h"

/* Internal (lib/journal_int.h), reached through the static library. */
void sch_sha256_hex(const unsigned char *data, size_t n, char out[65]);

typedef struct {
	jfix f;
	sch_journal *j;
} hfix;

static int hsetup(void **state)
{
	jt_setup(state);
	hfix *h = realloc(*state, sizeof *h);
	assert_non_null(h);
	CT_OK(sch_journal_open(&h->j, h->f.st, "teacher2"));
	*state = h;
	return 0;
}

static int hteardown(void **state)
{
	hfix *h = *state;
	sch_journal_free(h->j);
	return jt_teardown(state);
}

static void test_journal_homework__topics(void **state)
{
	hfix *h = *state;
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	CT_OK(sch_journal_topic(h->j, &r, "Натуральные числа"));
	CT_OK(sch_journal_topic(h->j, &r, "Натуральные числа и шкалы"));
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM journal_lessons WHERE topic = 'Натуральные числа и шкалы'"), 1);
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM audit WHERE entity = 'topic' AND old = 'Натуральные числа' "
					   "AND new = 'Натуральные числа и шкалы' AND by = 'teacher2'"),
			 1);
	CT_OK(sch_journal_topic(h->j, &r, ""));
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM journal_lessons WHERE topic = ''"), 1);
	/* Clearing the topic of a lesson with no journal yet writes nothing. */
	sch_journal_ref t = jt_ref("5А", "math", "2026-09-03");
	CT_OK(sch_journal_topic(h->j, &t, ""));
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM journal_lessons"), 1);
	CT_FAILS(sch_journal_topic(h->j, &t, "\xff\xfe"), SCH_EINVALID, "not UTF-8");
}

static void test_journal_homework__add_edit_delete(void **state)
{
	hfix *h = *state;
	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	int64_t id = 0;
	CT_OK(sch_journal_homework_add(&id, h->j, &r, "№ 12, 14 на стр. 8", "2026-09-03"));
	assert_true(id > 0);
	CT_FAILS(sch_journal_homework_add(NULL, h->j, &r, "", NULL), SCH_EINVALID, "no homework text given");
	CT_FAILS(sch_journal_homework_add(NULL, h->j, &r, "№ 1", "2026-08-30"), SCH_EINVALID,
		 "homework due 2026-08-30, before the lesson of 2026-09-01");
	CT_FAILS(sch_journal_homework_add(NULL, h->j, &r, "№ 1", "завтра"), SCH_EINVALID, "'завтра' is not a date");
	CT_OK(sch_journal_homework_edit(h->j, id, "№ 12, 15 на стр. 8", NULL));
	CT_OK(sch_journal_homework_edit(h->j, id, NULL, "2026-09-08"));
	CT_OK(sch_journal_homework_edit(h->j, id, NULL, ""));
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM homework WHERE text = '№ 12, 15 на стр. 8' AND due_day IS NULL"), 1);
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM audit WHERE entity = 'homework' AND field = 'due_day'"), 3);
	CT_FAILS(sch_journal_homework_edit(h->j, 999, "x", NULL), SCH_ENOTFOUND, "no homework #999");
	CT_OK(sch_journal_homework_delete(h->j, id));
	CT_FAILS(sch_journal_homework_delete(h->j, id), SCH_ENOTFOUND, "no homework");
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM homework"), 0);
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM audit WHERE entity = 'homework' AND field = 'text' AND "
					   "new IS NULL AND old = '№ 12, 15 на стр. 8'"),
			 1);
}

static const char PDF[] = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
static const char DOCX[] = "PK\x03\x04\x14\x00\x00\x00[Content_Types].xmlword/document.xml";

static void test_journal_homework__attachments(void **state)
{
	hfix *h = *state;
	char pdf[500], docx[500], bad[500], big[500], empty[500], wrong[500];
	jt_file(pdf, sizeof pdf, "задание.pdf", PDF, sizeof PDF - 1);
	jt_file(docx, sizeof docx, "task.docx", DOCX, sizeof DOCX - 1);
	jt_file(bad, sizeof bad, "virus.pdf", "MZ\x90\x00 an executable", 18);
	jt_file(wrong, sizeof wrong, "task.xlsx", DOCX, sizeof DOCX - 1);
	jt_file(empty, sizeof empty, "empty.pdf", "", 0);
	ct_path(big, sizeof big, "big.pdf");
	FILE *fp = fopen(big, "wb");
	assert_non_null(fp);
	fwrite("%PDF-", 1, 5, fp);
	assert_int_equal(fseek(fp, SCH_ATTACH_MAX_BYTES + 10, SEEK_SET), 0);
	fputc('\n', fp);
	fclose(fp);

	sch_journal_ref r = jt_ref("5А", "math", "2026-09-01");
	sch_journal_ref r2 = jt_ref("5А", "math", "2026-09-03");
	int64_t a = 0, b = 0;
	CT_OK(sch_journal_homework_add(&a, h->j, &r, "Прочитать § 1", NULL));
	CT_OK(sch_journal_homework_add(&b, h->j, &r2, "Прочитать § 2", NULL));
	char hash[65];
	CT_OK(sch_journal_attach(h->j, a, pdf, NULL, hash));
	char want[65];
	sch_sha256_hex((const unsigned char *)PDF, sizeof PDF - 1, want);
	assert_string_equal(hash, want);
	CT_OK(sch_journal_attach(h->j, b, pdf, "параграф.pdf", NULL)); /* the same content: stored once */
	CT_OK(sch_journal_attach(h->j, a, docx, NULL, NULL));
	CT_FAILS(sch_journal_attach(h->j, a, pdf, NULL, NULL), SCH_EEXISTS, "homework #1 has this file already");
	CT_FAILS(sch_journal_attach(h->j, a, bad, NULL, NULL), SCH_EINVALID, "not a pdf, doc, docx, xls or xlsx file");
	CT_FAILS(sch_journal_attach(h->j, a, wrong, NULL, NULL), SCH_EINVALID, "the content is docx but the name ends in '.xlsx'");
	CT_FAILS(sch_journal_attach(h->j, a, big, NULL, NULL), SCH_EINVALID, "larger than 10485760 bytes");
	CT_FAILS(sch_journal_attach(h->j, a, empty, NULL, NULL), SCH_EINVALID, "an empty file");
	CT_FAILS(sch_journal_attach(h->j, 77, pdf, NULL, NULL), SCH_ENOTFOUND, "no homework #77");
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM attachments"), 2);
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM homework_files"), 3);
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM attachments WHERE mime = 'application/pdf' AND size = 50"), 1);
	/* Deleting homework a keeps the pdf (b uses it) and drops the docx. */
	CT_OK(sch_journal_homework_delete(h->j, a));
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM attachments"), 1);
	assert_int_equal(jt_count(h->f.db, "SELECT count(*) FROM audit WHERE entity = 'attachment' AND new IS NULL"), 2);
	/* Types by magic bytes. */
	assert_string_equal(sch_attach_type((const unsigned char *)"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1xx", 10, "old.DOC"),
			    "application/msword");
	assert_null(sch_attach_type((const unsigned char *)"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1xx", 10, "old.ppt"));
}

static void test_journal_homework__sha256(void **state)
{
	(void)state;
	char h[65];
	sch_sha256_hex((const unsigned char *)"", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sch_sha256_hex((const unsigned char *)"abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *l56 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sch_sha256_hex((const unsigned char *)l56, strlen(l56), h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_journal_homework__topics, hsetup, hteardown),
		cmocka_unit_test_setup_teardown(test_journal_homework__add_edit_delete, hsetup, hteardown),
		cmocka_unit_test_setup_teardown(test_journal_homework__attachments, hsetup, hteardown),
		cmocka_unit_test(test_journal_homework__sha256),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
