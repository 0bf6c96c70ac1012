/* The constraints section: what the loader makes of each type, and what finalize derives. */
#include "helpers.h"

#include <string.h>

#include "schedule/sys/model.h"

#define FIXTURE "tests/fixtures/good/constraints.yaml"

static sch_school *load(void)
{
	sch_school *s = NULL;
	if (sch_school_load_yaml(&s, FIXTURE, NULL))
		fail_msg("%s: %s", FIXTURE, sch_error_last()->message);
	return s;
}

static void test_loader_constraints__fields(void **state)
{
	(void)state;
	sch_school *s = load();
	assert_int_equal(s->rules.pupil_gaps, SCH_PUPIL_GAPS_ALLOWED);
	assert_int_equal(s->n_constraints, 12);
	assert_string_equal(s->lines[0].id, "a12");
	assert_string_equal(s->lines[2].id, "14");
	assert_null(s->lines[3].id);

	const sch_constraint *c = &s->constraints[0];
	assert_int_equal(c->type, SCH_CON_MIN_DAYS_BETWEEN);
	assert_int_equal(c->weight, SCH_WEIGHT_HARD);
	assert_int_equal(c->value, 1);
	assert_int_equal(c->flags, SCH_CON_SAME_DAY_ADJACENT);
	assert_string_equal(c->source, "FET ConstraintMinDaysBetweenActivities #3");
	assert_int_equal(c->n_lines, 2);
	assert_int_equal(c->lines[1], 2);
	assert_int_equal(c->n_lessons, 3 + 2); /* 3 singles of a12, 2 doubles of "14" */
	assert_int_equal(c->line, 27);
	assert_int_equal(c->col, 5);

	c = &s->constraints[1];
	assert_int_equal(c->type, SCH_CON_SPREAD);
	assert_int_equal(c->weight, 5);
	assert_int_equal(c->n_lessons, 5);

	/* unavailable: 5А whole (4 atoms) + 5А.en1 (within) + 6Б.a.g1 (2 of its 4 atoms) */
	c = &s->constraints[3];
	assert_int_equal(c->type, SCH_CON_UNAVAILABLE);
	assert_int_equal(c->n_students, 3);
	assert_int_equal(c->students[1].division, 0);
	assert_int_equal(c->students[1].group, 0);
	assert_int_equal(c->students[2].class_of, 1);
	assert_int_equal(c->students[2].division, 0);
	assert_int_equal(c->n_atoms, 4 + 2);
	assert_int_equal(sch_slotset_count(&c->slots), 1 + 6);

	c = &s->constraints[4];
	assert_int_equal(c->type, SCH_CON_MAX_GAPS_DAY);
	assert_int_equal(c->n_teachers, s->n_teachers);
	assert_int_equal(c->n_atoms, 0);
	c = &s->constraints[5];
	assert_int_equal(c->n_students, s->n_classes);
	assert_int_equal(c->n_atoms, s->n_atoms);
	assert_int_equal(s->constraints[6].flags, SCH_CON_EMPTY_DAYS_OK);
	assert_int_equal(s->constraints[7].weight, 2);
	/* teachers are kept ascending and distinct */
	c = &s->constraints[9];
	assert_int_equal(c->n_teachers, 2);
	assert_true(c->teachers[0] < c->teachers[1]);
	c = &s->constraints[10];
	assert_int_equal(c->n_atoms, 2); /* 5А girls: en1 and en2 */
	assert_int_equal(s->constraints[11].weight, 1000000);
	sch_school_free(s);
}

/* Hard unavailable and allowed_starts narrow the legal starts; soft ones do not. */
static void test_loader_constraints__legal(void **state)
{
	(void)state;
	sch_school *s = load();
	const sch_line_def *h5 = &s->lines[4], *m14 = &s->lines[2];
	for (int k = 0; k < h5->n_lessons; k++) {
		const sch_lesson_def *l = &s->lessons[h5->first_lesson + k];
		/* mon 1-3 and tue; but not sat (unavailable for 5А) */
		assert_int_equal(sch_slotset_count(&l->legal), 3 + 6);
		assert_true(sch_slotset_has(&l->legal, sch_slot(s, 0, 2)));
		assert_false(sch_slotset_has(&l->legal, sch_slot(s, 0, 3)));
	}
	/* 6Б math doubles: asanova unavailable mon 6 and sat, so no start at mon 5 either */
	const sch_lesson_def *d = &s->lessons[m14->first_lesson];
	assert_int_equal(d->length, 2);
	assert_false(sch_slotset_has(&d->legal, sch_slot(s, 0, 4)));
	assert_true(sch_slotset_has(&d->legal, sch_slot(s, 0, 3)));
	assert_false(sch_slotset_has(&d->legal, sch_slot(s, 5, 0)));
	assert_true(sch_slotset_has(&d->legal, sch_slot(s, 4, 4)));
	/* 6Б history covers the pupils of 6Б.a.g1, so it loses sat too */
	assert_false(sch_slotset_has(&s->lessons[s->lines[3].first_lesson].legal, sch_slot(s, 5, 0)));
	sch_school_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader_constraints__fields),
		cmocka_unit_test(test_loader_constraints__legal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
