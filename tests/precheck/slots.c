/* Pre-check: lessons per day of a subject, lessons with no allowed slot, blocks, rooms, pins, joint lines. */
#include "precheck_util.h"

#include "schedule/sys/model.h"

static void test_precheck_slots__subject_once_a_day(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: A, subjects: [math]}\n"
				 "classes:\n  2А: {grade: 2, shift: 1}\n"
				 "lessons:\n  - {class: 2А, subject: math, teacher: a, per_week: 7}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "subject_days",
		       "class 2А: 7 lessons of Математика a week with at most one a day on a 5-day week");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__subject_days_rule_off(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "rules: {subject_once_a_day: false}\n"
				 "teachers:\n  a: {name: A, subjects: [math]}\n"
				 "classes:\n  2А: {grade: 2, shift: 1}\n"
				 "lessons:\n  - {class: 2А, subject: math, teacher: a, per_week: 7}\n");
	sch_precheck *pre = pre_run(s);
	assert_null(pre_find(pre, SCH_PRE_IMPOSSIBLE, "subject_days", NULL));
	assert_false(sch_precheck_impossible(pre));
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__subject_days_of_the_teacher(void **state)
{
	(void)state;
	/* 4 lessons on 5 days, but the teacher comes on three of them; 5Б's double lessons count once a day */
	sch_school *s = pre_load("school: {name: Тест, days: [mon, tue, wed, thu, fri]}\n"
				 "bells: ['08:00-08:45', '08:55-09:40']\n"
				 "shifts: {1: {periods: 1-2}}\n"
				 "subjects:\n  math: {name: {ru: Математика}, double: allowed}\n"
				 "teachers:\n  a: {name: A, subjects: [math], unavailable: [mon, tue]}\n"
				 "  b: {name: B, subjects: [math], unavailable: [mon, tue]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  5Б: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: a, per_week: 4}\n"
				 "  - {class: 5Б, subject: math, teacher: b, per_week: 4, block: 2}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "subject_days",
		       "class 5А: 4 lessons of Математика a week with at most one a day, but they can go on only 3 of "
		       "its 5 days");
	assert_int_equal(pre_count(pre, SCH_PRE_IMPOSSIBLE, "subject_days"), 1);
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__forbidden_periods(void **state)
{
	(void)state;
	sch_school *s = pre_load("school: {name: Тест, days: [mon, tue]}\n"
				 "bells: ['08:00-08:45', '08:55-09:40', '09:50-10:35']\n"
				 "shifts: {1: {periods: 1-3}}\n"
				 "subjects:\n  pe: {name: {ru: Физкультура}, forbid_periods: [1, 3]}\n"
				 "teachers:\n  a: {name: Бакиров Н.С., subjects: [pe]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n"
				 "lessons:\n  - {class: 5А, subject: pe, teacher: a, per_week: 2, block: 2}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "no_legal_slot",
		       "5А Физкультура (line 11): no slot is allowed for it: Физкультура forbids periods 1,3 of the "
		       "shift's 3, leaving no 2 periods in a row");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__teacher_blocks_the_block(void **state)
{
	(void)state;
	sch_school *s = pre_load("school: {name: Тест, days: [mon, tue]}\n"
				 "bells: ['08:00-08:45', '08:55-09:40', '09:50-10:35']\n"
				 "shifts: {1: {periods: 1-3}}\n"
				 "subjects:\n  labour: {name: {ru: Технология}, double: allowed}\n"
				 "teachers:\n  a: {name: Усенов К.М., subjects: [labour], unavailable: ['mon 2', 'tue 2']}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n"
				 "lessons:\n  - {class: 5А, subject: labour, teacher: a, per_week: 2, block: 2}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "no_legal_slot",
		       "no slot is allowed for it: teacher Усенов К.М. is unavailable (mon 2, tue 2), leaving no 2 "
		       "periods in a row");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__forbidden_and_unavailable_together(void **state)
{
	(void)state;
	sch_school *s = pre_load("school: {name: Тест, days: [mon]}\n"
				 "bells: ['08:00-08:45', '08:55-09:40']\n"
				 "shifts: {1: {periods: 1-2}}\n"
				 "subjects:\n  pe: {name: {ru: Физкультура}, forbid_periods: [1]}\n"
				 "teachers:\n  a: {name: Бакиров Н.С., subjects: [pe], unavailable: ['mon 2']}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n"
				 "lessons:\n  - {class: 5А, subject: pe, teacher: a, per_week: 1}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "no_legal_slot",
		       "together, the forbidden periods 1 and the unavailable slots of Бакиров Н.С. leave no start");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__block_longer_than_a_day(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: Усенов К.М., subjects: [art], max_per_day: 1}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  1А: {grade: 1, shift: 2, max_per_day: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: art, teacher: a, per_week: 2, block: 2}\n"
				 "  - {class: 1А, subject: math, per_week: 2, block: 2}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "block_too_long",
		       "5А ИЗО (line 18): a block of 2 lessons but teacher Усенов К.М. gives at most 1 a day");
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "block_too_long", "a block of 2 lessons but class 1А has at most 1 a day");
	sch_precheck_free(pre);
	sch_school_free(s);
}

#define ROOMS_HEAD                                                                       \
	"school: {name: Тест, days: [mon, tue]}\n"                                       \
	"bells: ['08:00-08:45', '08:55-09:40']\n"                                        \
	"shifts: {1: {periods: 1-2}}\n"                                                  \
	"subjects:\n"                                                                    \
	"  pe: {name: {ru: Физкультура}, room: gym}\n"                                   \
	"  it: {name: {ru: Информатика}, room: computer_lab}\n"                          \
	"  music: {name: {ru: Музыка}, room: music_hall}\n"                              \
	"teachers:\n"                                                                    \
	"  a: {name: A, subjects: [pe, it, music]}\n  b: {name: B, subjects: [pe, it]}\n" \
	"  c: {name: C, subjects: [pe]}\n"                                               \
	"rooms:\n  спортзал: {kind: gym}\n  каб-31: {kind: computer_lab}\n"

static void test_precheck_slots__rooms_of_a_kind(void **state)
{
	(void)state;
	/* 5 PE lessons, 1 gym x 2 days x 2 bells = 4 */
	sch_school *s = pre_load(ROOMS_HEAD
				 "classes:\n  5А: {grade: 5, shift: 1}\n  5Б: {grade: 5, shift: 1}\n"
				 "  5В: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: pe, teacher: a, per_week: 2}\n"
				 "  - {class: 5Б, subject: pe, teacher: b, per_week: 2}\n"
				 "  - {class: 5В, subject: pe, teacher: c, per_week: 1}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "room_capacity",
		       "gym rooms: 5 lesson-periods a week in shift 1 but 1 room × 4 slots = 4");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__split_lesson_needs_two_rooms(void **state)
{
	(void)state;
	sch_school *s = pre_load(ROOMS_HEAD
				 "classes:\n  7А: {grade: 7, shift: 1, divisions: {it: [g1, g2]}}\n"
				 "lessons:\n"
				 "  - {class: 7А, subject: it, per_week: 1, groups: {g1: a, g2: b}}\n"
				 "  - {class: 7А, subject: music, teacher: a, per_week: 1}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "room_capacity",
		       "7А Информатика (line 18): its 2 groups need 2 computer_lab rooms at once but the school has 1");
	/* no music hall at all: the rule is off, and the check says so */
	assert_finding(pre, SCH_PRE_INFO, "room_kind_missing", "Музыка needs a room of kind music_hall but the school has none");
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__pinned_clash(void **state)
{
	(void)state;
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: Асанова Г.К., subjects: [math, history]}\n"
				 "  b: {name: B, subjects: [russian]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  5Б: {grade: 5, shift: 1}\n"
				 "lessons:\n"
				 "  - {class: 5А, subject: math, teacher: a, per_week: 2, pinned: ['mon 1']}\n"
				 "  - {class: 5Б, subject: math, teacher: a, per_week: 2, pinned: ['tue 2', 'mon 1']}\n"
				 "  - {class: 5Б, subject: russian, teacher: b, per_week: 2, pinned: ['tue 2']}\n");
	sch_precheck *pre = pre_run(s);
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "pinned_clash",
		       "pinned lessons clash at mon 1: 5А Математика (line 19) and 5Б Математика (line 20) are both "
		       "taught by Асанова Г.К.");
	assert_finding(pre, SCH_PRE_IMPOSSIBLE, "pinned_clash",
		       "pinned lessons clash at tue 2: 5Б Математика (line 20) and 5Б Русский язык (line 21) are both "
		       "for class 5Б");
	assert_int_equal(pre_count(pre, SCH_PRE_IMPOSSIBLE, "pinned_clash"), 2);
	sch_precheck_free(pre);
	sch_school_free(s);
}

static void test_precheck_slots__joint_line_across_shifts(void **state)
{
	(void)state;
	/*
	 * The YAML loader refuses joint classes of different shifts; an importer may
	 * still build such a model, so move 6А to shift 2 after loading.
	 */
	sch_school *s = pre_load(PRE_HEAD
				 "teachers:\n  a: {name: A, subjects: [art]}\n  b: {name: B, subjects: [math, history]}\n"
				 "  c: {name: C, subjects: [math, history]}\n"
				 "classes:\n  5А: {grade: 5, shift: 1}\n  6А: {grade: 6, shift: 1}\n"
				 "lessons:\n  - {class: [5А, 6А], subject: art, teacher: a, per_week: 1}\n"
				 "  - {class: 6А, subject: math, teacher: b, per_week: 5}\n"
				 "  - {class: 6А, subject: history, teacher: c, per_week: 5}\n");
	s->classes[1].shift = 1;
	for (int l = 0; l < s->n_lessons; l++) /* 6А's own lessons follow it; the joint one stays with 5А */
		if (s->lessons[l].classes[0] == 1)
			s->lessons[l].shift = 1;
	sch_precheck *pre = pre_run(s);
	/* 6А fills shift 2 (10 of 10) and has its joint lesson in shift 1: 11 lessons can fit */
	if (sch_precheck_impossible(pre))
		pre_dump(pre);
	assert_false(sch_precheck_impossible(pre));
	assert_finding(pre, SCH_PRE_WARNING, "joint_shifts",
		       "joint lesson 5А+6А ИЗО (line 20): class 5А is in shift 1 but 6А in shift 2; the lessons go in shift 1");
	sch_precheck_free(pre);
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precheck_slots__subject_once_a_day),
		cmocka_unit_test(test_precheck_slots__subject_days_rule_off),
		cmocka_unit_test(test_precheck_slots__subject_days_of_the_teacher),
		cmocka_unit_test(test_precheck_slots__forbidden_periods),
		cmocka_unit_test(test_precheck_slots__teacher_blocks_the_block),
		cmocka_unit_test(test_precheck_slots__forbidden_and_unavailable_together),
		cmocka_unit_test(test_precheck_slots__block_longer_than_a_day),
		cmocka_unit_test(test_precheck_slots__rooms_of_a_kind),
		cmocka_unit_test(test_precheck_slots__split_lesson_needs_two_rooms),
		cmocka_unit_test(test_precheck_slots__pinned_clash),
		cmocka_unit_test(test_precheck_slots__joint_line_across_shifts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
