/* Generated schools with a constraints section as the integer program takes them (tests/mip). */
#ifndef SCH_TESTS_MIP_CON_SCHOOL_H
#define SCH_TESTS_MIP_CON_SCHOOL_H

#include "../solver/gen.h"
#include "../../solver/mip.h"

/* A generated school with a constraints section (tests/solver/gen.h: mode 1 every type on
 * teachers, classes and groups; mode 2 FET-like, pupils' gaps allowed), all of it soft at
 * random weights when `all_soft`; soft min_days_between as the model takes it (pairs on
 * one day, sch_mip_supported), half the hard ones "adjacent when on one day" (0 days). */
static inline sch_school *mip_constraint_school(unsigned seed, int mode, int all_soft)
{
	gen_params gp = {.classes = 5 + (int)(seed % 3), .shifts = 1 + (int)(seed % 2), .seed = seed, .divisions = 1,
			 .doubles = 1, .rooms = 1, .unavailable = 1};
	sch_school *s = gen_school_build(&gp);
	assert_non_null(s);
	unsigned st = seed * 7919u + 3;
	gen_constraints(s, mode, &st);
	for (int i = 0; i < s->n_constraints; i++) {
		sch_constraint *c = &s->constraints[i];
		if (all_soft && c->weight == SCH_WEIGHT_HARD)
			c->weight = 1 + (int)(gen_rand(&st) % 5);
		if (c->type == SCH_CON_MIN_DAYS_BETWEEN && c->weight != SCH_WEIGHT_HARD) {
			c->flags = 0;
			c->value = 1;
		} else if (c->type == SCH_CON_MIN_DAYS_BETWEEN && i % 2) { /* FET's "consecutive if on one day" */
			c->flags = SCH_CON_SAME_DAY_ADJACENT;
			c->value = 0;
		}
	}
	assert_int_equal(sch_school_finalize(s, NULL), 0);
	assert_int_equal(sch_mip_supported(s), 0);
	return s;
}

#endif
