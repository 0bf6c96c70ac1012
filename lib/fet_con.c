/* Importing a FET file: its time and space constraints as the model's rules and constraints. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fet_int.h"
#include "schedule/school.h"

#define FOR_KIDS(c, parent, name)                                                                          \
	for (xmlNode *c = (parent) ? (parent)->children : NULL; c; c = c->next)                            \
		if (sch_fet__is(c, name))

#define IGNORED 1 /* a handler's result: the element has no effect (weight 0%, nothing in scope) */

/* FET's weight as the model's: 100% hard; w% soft with weight round(100 / (100 - w)), so that
 * 95% costs 20 and 50% costs 2 per violation; 0% ignored (returns 0). -1 on a bad value. */
static int weight_of(fet_ctx *x, xmlNode *n, int *w)
{
	const char *t = sch_fet__ktext(x, n, "Weight_Percentage");
	char *end;
	if (!t) {
		sch_fet__error(x, n, "<%s> lacks <Weight_Percentage>", (const char *)n->name);
		return -1;
	}
	double v = strtod(t, &end);
	if (!*t || *end || !(v >= 0 && v <= 100)) {
		sch_fet__error(x, n, "<Weight_Percentage>: expected 0-100, not \"%s\"", t);
		return -1;
	}
	if (v >= 100) {
		*w = SCH_WEIGHT_HARD;
		return 1;
	}
	if (v <= 0)
		return 0;
	double s = floor(100.0 / (100.0 - v) + 0.5);
	*w = s < 1 ? 1 : s > 10000 ? 10000 : (int)s;
	return 1;
}

/* A new constraint of the school, zeroed but for the given fields; NULL when out of memory. */
static sch_constraint *con_new(fet_ctx *x, xmlNode *n, int type, int weight, int value)
{
	sch_school *s = x->s;
	if (s->n_constraints == x->max_cons) {
		int cap = x->max_cons ? x->max_cons * 2 : 64;
		sch_constraint *v = sch_school_alloc(s, sizeof *v * (size_t)cap);
		if (!v) {
			x->oom = 1;
			return NULL;
		}
		if (s->n_constraints)
			memcpy(v, s->constraints, sizeof *v * (size_t)s->n_constraints);
		s->constraints = v;
		x->max_cons = cap;
	}
	sch_constraint *c = &s->constraints[s->n_constraints++];
	memset(c, 0, sizeof *c);
	c->type = type;
	c->weight = weight;
	c->value = value;
	c->line = (int)xmlGetLineNo(n);
	char src[160];
	snprintf(src, sizeof src, "FET %s, line %d", (const char *)n->name, c->line);
	if (!(c->source = sch_school_strdup(s, src)))
		x->oom = 1;
	return c;
}

static int con_teachers_all(fet_ctx *x, sch_constraint *c)
{
	sch_school *s = x->s;
	c->teachers = sch_school_alloc(s, sizeof(int) * (size_t)(s->n_teachers + 1));
	if (!c->teachers)
		return x->oom = 1, -1;
	for (int t = 0; t < s->n_teachers; t++)
		c->teachers[t] = t;
	c->n_teachers = s->n_teachers;
	return 0;
}

/* The teacher named in child `field`; -1 after an error. */
static int teacher_of(fet_ctx *x, xmlNode *n, const char *field)
{
	const char *name = sch_fet__ktext(x, n, field);
	int t = sch_namemap_find(&x->teachers, name);
	if (t < 0)
		sch_fet__error(x, n, "<%s>: no teacher \"%s\" in <Teachers_List>", field, name ? name : "");
	return t;
}

static int con_teacher(fet_ctx *x, sch_constraint *c, int t)
{
	c->teachers = sch_school_alloc(x->s, sizeof(int));
	if (!c->teachers)
		return x->oom = 1, -1;
	c->teachers[0] = t;
	c->n_teachers = 1;
	return 0;
}

/* Students refs of classes v[0..n-1]: every FET subgroup is a whole class of the model. */
static int con_classes(fet_ctx *x, sch_constraint *c, const int *v, int n)
{
	c->students = sch_school_alloc(x->s, sizeof *c->students * (size_t)(n + 1));
	if (!c->students)
		return x->oom = 1, -1;
	for (int i = 0; i < n; i++)
		c->students[i] = (sch_students_ref){.class_of = v ? v[i] : i, .division = -1, .group = -1};
	c->n_students = n;
	return 0;
}

/* The students set named in child `field`; -1 after an error. */
static int set_of(fet_ctx *x, xmlNode *n, const char *field)
{
	const char *name = sch_fet__ktext(x, n, field);
	int k = sch_namemap_find(&x->sets, name);
	if (k < 0)
		sch_fet__error(x, n, "<%s>: no students set \"%s\" in <Students_List>", field, name ? name : "");
	return k;
}

/* The model line of activity `id`: >= 0, -1 when it was skipped, -2 (error) when unknown. */
static int line_of_id(fet_ctx *x, xmlNode *n, const char *id)
{
	int a = sch_namemap_find(&x->acts, id);
	if (a < 0) {
		sch_fet__error(x, n, "no activity with id %s", id ? id : "");
		return -2;
	}
	return x->act[a].line;
}

/* Reads (day, hour) pairs of the children `item` into slots; -1 after an error. */
static int read_slots(fet_ctx *x, xmlNode *n, const char *item, const char *day_f, const char *hour_f,
		      sch_slotset *out)
{
	memset(out, 0, sizeof *out);
	int bad = 0;
	FOR_KIDS (k, n, item) {
		const char *dn = sch_fet__ktext(x, k, day_f), *hn = sch_fet__ktext(x, k, hour_f);
		int d = sch_namemap_find(&x->days, dn), h = sch_namemap_find(&x->hours, hn);
		if (d < 0 || h < 0) {
			sch_fet__error(x, k, "no %s \"%s\" in <%s>", d < 0 ? "day" : "hour", d < 0 ? (dn ? dn : "") : hn ? hn : "",
				       d < 0 ? "Days_List" : "Hours_List");
			bad = 1;
			continue;
		}
		sch_slotset_add(out, sch_slot(x->s, d, h));
	}
	return bad ? -1 : 0;
}

/* Start slots of a lesson of `len` periods whose every period is in `cover`. */
static sch_slotset starts_within(const sch_school *s, const sch_slotset *cover, int len)
{
	sch_slotset r = {{0, 0}};
	for (int d = 0; d < s->n_days; d++)
		for (int p = 0; p + len <= s->n_periods; p++) {
			int ok = 1;
			for (int k = 0; k < len && ok; k++)
				ok = sch_slotset_has(cover, sch_slot(s, d, p + k));
			if (ok)
				sch_slotset_add(&r, sch_slot(s, d, p));
		}
	return r;
}

/* n ints copied into the school's memory; NULL when out of memory. */
static int *copy_ints(fet_ctx *x, const int *v, int n)
{
	int *p = sch_school_alloc(x->s, sizeof(int) * (size_t)(n + 1));
	if (!p) {
		x->oom = 1;
		return NULL;
	}
	memcpy(p, v, sizeof(int) * (size_t)n);
	return p;
}

static int count_kids(xmlNode *n, const char *name)
{
	int k = 0;
	FOR_KIDS (c, n, name)
		k++;
	return k;
}

/* ---- students and teachers limits ---- */

typedef struct {
	const char *element;
	int type;          /* sch_con_type */
	int who;           /* 0 one teacher, 1 all teachers, 2 one students set, 3 all students */
	const char *field; /* the limit's element */
	const char *empty; /* Allow_Empty_Days, for min_per_day */
} limit_kind;

static const limit_kind limits[] = {
	{"ConstraintTeacherMaxGapsPerWeek", SCH_CON_MAX_GAPS_WEEK, 0, "Max_Gaps", NULL},
	{"ConstraintTeachersMaxGapsPerWeek", SCH_CON_MAX_GAPS_WEEK, 1, "Max_Gaps", NULL},
	{"ConstraintTeacherMaxGapsPerDay", SCH_CON_MAX_GAPS_DAY, 0, "Max_Gaps", NULL},
	{"ConstraintTeachersMaxGapsPerDay", SCH_CON_MAX_GAPS_DAY, 1, "Max_Gaps", NULL},
	{"ConstraintStudentsSetMaxGapsPerWeek", SCH_CON_MAX_GAPS_WEEK, 2, "Max_Gaps", NULL},
	{"ConstraintStudentsMaxGapsPerWeek", SCH_CON_MAX_GAPS_WEEK, 3, "Max_Gaps", NULL},
	{"ConstraintStudentsSetMaxGapsPerDay", SCH_CON_MAX_GAPS_DAY, 2, "Max_Gaps", NULL},
	{"ConstraintStudentsMaxGapsPerDay", SCH_CON_MAX_GAPS_DAY, 3, "Max_Gaps", NULL},
	{"ConstraintTeacherMaxHoursDaily", SCH_CON_MAX_PER_DAY, 0, "Maximum_Hours_Daily", NULL},
	{"ConstraintTeachersMaxHoursDaily", SCH_CON_MAX_PER_DAY, 1, "Maximum_Hours_Daily", NULL},
	{"ConstraintStudentsSetMaxHoursDaily", SCH_CON_MAX_PER_DAY, 2, "Maximum_Hours_Daily", NULL},
	{"ConstraintStudentsMaxHoursDaily", SCH_CON_MAX_PER_DAY, 3, "Maximum_Hours_Daily", NULL},
	{"ConstraintTeacherMinHoursDaily", SCH_CON_MIN_PER_DAY, 0, "Minimum_Hours_Daily", "Allow_Empty_Days"},
	{"ConstraintTeachersMinHoursDaily", SCH_CON_MIN_PER_DAY, 1, "Minimum_Hours_Daily", "Allow_Empty_Days"},
	{"ConstraintStudentsSetMinHoursDaily", SCH_CON_MIN_PER_DAY, 2, "Minimum_Hours_Daily", "Allow_Empty_Days"},
	{"ConstraintStudentsMinHoursDaily", SCH_CON_MIN_PER_DAY, 3, "Minimum_Hours_Daily", "Allow_Empty_Days"},
	{"ConstraintTeacherMaxDaysPerWeek", SCH_CON_MAX_DAYS, 0, "Max_Days_Per_Week", NULL},
	{"ConstraintTeachersMaxDaysPerWeek", SCH_CON_MAX_DAYS, 1, "Max_Days_Per_Week", NULL},
	{"ConstraintTeacherMinDaysPerWeek", SCH_CON_MIN_DAYS, 0, "Minimum_Days_Per_Week", NULL},
	{"ConstraintTeachersMinDaysPerWeek", SCH_CON_MIN_DAYS, 1, "Minimum_Days_Per_Week", NULL},
	{"ConstraintTeacherMaxHoursContinuously", SCH_CON_MAX_CONTINUOUS, 0, "Maximum_Hours_Continuously", NULL},
	{"ConstraintTeachersMaxHoursContinuously", SCH_CON_MAX_CONTINUOUS, 1, "Maximum_Hours_Continuously", NULL},
	{"ConstraintStudentsSetMaxHoursContinuously", SCH_CON_MAX_CONTINUOUS, 2, "Maximum_Hours_Continuously", NULL},
	{"ConstraintStudentsMaxHoursContinuously", SCH_CON_MAX_CONTINUOUS, 3, "Maximum_Hours_Continuously", NULL},
	{"ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour", SCH_CON_LATE_STARTS, 2, "Max_Beginnings_At_Second_Hour", NULL},
	{"ConstraintStudentsEarlyMaxBeginningsAtSecondHour", SCH_CON_LATE_STARTS, 3, "Max_Beginnings_At_Second_Hour", NULL},
};

static int do_limit(fet_ctx *x, xmlNode *n, const limit_kind *k, int w)
{
	sch_school *s = x->s;
	int v, t = -1, set = -1;
	int hi = k->type == SCH_CON_MAX_DAYS || k->type == SCH_CON_MIN_DAYS ? SCH_MAX_DAYS : SCH_MAX_SLOTS;
	if (sch_fet__kint(x, n, k->field, 0, hi, &v) < 0)
		return -1;
	if (k->who == 0 && (t = teacher_of(x, n, "Teacher_Name")) < 0)
		return -1;
	if (k->who == 2 && (set = set_of(x, n, "Students")) < 0)
		return -1;
	/* Both "students: no gaps, start at the first hour" rules make the model's own no-gap rule. */
	if (s->rules.pupil_gaps == SCH_PUPIL_GAPS_FORBIDDEN && (n == x->students_week_gaps0 || n == x->early0))
		return 0;
	/* Hard daily maxima are the model's own limits, which every solver knows. */
	if (k->type == SCH_CON_MAX_PER_DAY && w == SCH_WEIGHT_HARD && v >= 1) {
		if (k->who <= 1) {
			for (int i = 0; i < s->n_teachers; i++)
				if (k->who == 1 || i == t)
					if (s->teachers[i].max_per_day == 0 || s->teachers[i].max_per_day > v)
						s->teachers[i].max_per_day = v;
		} else {
			for (int i = 0; i < x->n_real_classes; i++) {
				int in = k->who == 3;
				for (int j = 0; !in && j < x->set[set].n_classes; j++)
					in = x->set[set].classes[j] == i;
				if (in && s->classes[i].max_per_day > v)
					s->classes[i].max_per_day = v;
			}
		}
		return 0;
	}
	if (k->type == SCH_CON_LATE_STARTS && v > 0)
		sch_fet__note(x, "line %d: %s with %d: FET also forbids a first lesson after the second hour; "
				 "the import only limits late days to %d", (int)xmlGetLineNo(n), k->element, v, v);
	sch_constraint *c = con_new(x, n, k->type, w, v);
	if (!c)
		return -1;
	if (k->empty) {
		const char *e = sch_fet__ktext(x, n, k->empty);
		/* FET's teachers' minimum allows empty days when the field is absent (older files) */
		if (e ? strcmp(e, "true") == 0 : k->who <= 1)
			c->flags |= SCH_CON_EMPTY_DAYS_OK;
	}
	/* FET counts no gap in a period the person is not available or in a break */
	if (k->type == SCH_CON_MAX_GAPS_DAY || k->type == SCH_CON_MAX_GAPS_WEEK)
		c->flags |= SCH_CON_SKIP_UNAVAILABLE;
	switch (k->who) {
	case 0: return con_teacher(x, c, t);
	case 1: return con_teachers_all(x, c);
	case 2: return con_classes(x, c, x->set[set].classes, x->set[set].n_classes);
	default: return con_classes(x, c, NULL, x->n_real_classes);
	}
}

/* ---- availability ---- */

static int do_not_available(fet_ctx *x, xmlNode *n, int w, int students, int brk)
{
	sch_school *s = x->s;
	sch_slotset slots;
	int t = -1, set = -1;
	if (brk ? read_slots(x, n, "Break_Time", "Day", "Hour", &slots) < 0
		: read_slots(x, n, "Not_Available_Time", "Day", "Hour", &slots) < 0)
		return -1;
	if (!brk && !students && (t = teacher_of(x, n, "Teacher")) < 0)
		return -1;
	if (students && (set = set_of(x, n, "Students")) < 0)
		return -1;
	if (sch_slotset_count(&slots) == 0)
		return IGNORED;
	/* A hard teacher unavailability is the teacher's own: solvers keep those slots out. */
	if (!students && w == SCH_WEIGHT_HARD) {
		for (int i = 0; i < s->n_teachers; i++)
			if (brk || i == t) {
				s->teachers[i].unavailable.w[0] |= slots.w[0];
				s->teachers[i].unavailable.w[1] |= slots.w[1];
			}
		if (!brk)
			return 0;
	}
	sch_constraint *c = con_new(x, n, SCH_CON_UNAVAILABLE, w, 0);
	if (!c)
		return -1;
	c->slots = slots;
	if (brk && w != SCH_WEIGHT_HARD && con_teachers_all(x, c) < 0)
		return -1;
	if (!students && !brk)
		return con_teacher(x, c, t);
	if (brk)
		return con_classes(x, c, NULL, s->n_classes);
	return con_classes(x, c, x->set[set].classes, x->set[set].n_classes);
}

/* ---- activities' days and times ---- */

/*
 * MinDaysBetweenActivities. FET holds "consecutive if same day" as a hard rule whatever the
 * weight (a 0% constraint with it only asks that lessons on one day be back to back): the
 * import then gives a hard min_days_between of 0 days with same_day_adjacent, and the
 * weighted days apart as its own constraint. w is 0 for a 0% constraint.
 */
static int do_min_days(fet_ctx *x, xmlNode *n, int w)
{
	int v, nl = 0, bad = 0;
	if (sch_fet__kint(x, n, "MinDays", 0, SCH_MAX_DAYS, &v) < 0)
		return -1;
	int *lines = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(count_kids(n, "Activity_Id") + 1));
	if (!lines)
		return x->oom = 1, -1;
	FOR_KIDS (k, n, "Activity_Id") {
		int l = line_of_id(x, k, sch_fet__text(x, k));
		if (l == -2)
			bad = 1;
		if (l < 0)
			continue;
		int dup = 0;
		for (int i = 0; i < nl; i++)
			dup |= lines[i] == l;
		if (!dup)
			lines[nl++] = l;
	}
	if (bad)
		return -1;
	const char *cons = sch_fet__ktext(x, n, "Consecutive_If_Same_Day");
	int adjacent = cons && strcmp(cons, "true") == 0;
	int days = w != 0 && v > 0;
	if (nl < 2 || (!days && !adjacent))
		return IGNORED;
	if (!(lines = copy_ints(x, lines, nl)))
		return -1;
	if (adjacent && (w != SCH_WEIGHT_HARD || !days)) {
		sch_constraint *c = con_new(x, n, SCH_CON_MIN_DAYS_BETWEEN, SCH_WEIGHT_HARD, 0);
		if (!c)
			return -1;
		c->flags |= SCH_CON_SAME_DAY_ADJACENT;
		c->lines = lines;
		c->n_lines = nl;
	}
	if (days) {
		sch_constraint *c = con_new(x, n, SCH_CON_MIN_DAYS_BETWEEN, w, v);
		if (!c)
			return -1;
		if (adjacent && w == SCH_WEIGHT_HARD)
			c->flags |= SCH_CON_SAME_DAY_ADJACENT;
		c->lines = lines;
		c->n_lines = nl;
	}
	return 0;
}

/* Does activity a pass the filters of an Activities/Subactivities constraint? */
static int act_matches(fet_ctx *x, const fet_act *a, const char *teacher, const char *students, const char *subject,
		       const char *tag, int duration, int component)
{
	if (teacher && *teacher) {
		int t = sch_namemap_find(&x->teachers, teacher), ok = 0;
		for (int i = 0; i < a->n_teachers; i++)
			ok |= a->teachers[i] == t;
		if (!ok)
			return 0;
	}
	if (students && *students) {
		/* FET: the activity's students share students with that set (a year selects its groups' activities) */
		const fet_set *want = &x->set[sch_namemap_find(&x->sets, students)];
		int ok = 0;
		for (int i = 0; i < a->n_sets && !ok; i++) {
			const fet_set *have = &x->set[a->sets[i]];
			for (int p = 0, q = 0; p < have->n_classes && q < want->n_classes && !ok;) {
				if (have->classes[p] == want->classes[q])
					ok = 1;
				else if (have->classes[p] < want->classes[q])
					p++;
				else
					q++;
			}
		}
		if (!ok)
			return 0;
	}
	if (subject && *subject && a->subject != sch_namemap_find(&x->subjects, subject))
		return 0;
	if (tag && *tag) {
		int ok = 0;
		for (int i = 0; i < a->n_tags; i++)
			ok |= strcmp(a->tags[i], tag) == 0;
		if (!ok)
			return 0;
	}
	if (duration > 0 && a->duration != duration)
		return 0;
	/* FET's component number: a split activity's place in its group (ids are consecutive) */
	if (component > 0 && (a->group_id == 0 ? component != 1 : a->id - a->group_id + 1 != component))
		return 0;
	return 1;
}

/*
 * Preferred starting times or time slots of one activity (by id) or of the activities the
 * filters select. `slots_mode`: the set lists time slots every covered hour must be in,
 * else starting times. A hard single starting time of one activity pins it.
 */
static int do_preferred(fet_ctx *x, xmlNode *n, int w, int by_id, int slots_mode, int sub)
{
	sch_school *s = x->s;
	sch_slotset set;
	int rc;
	if (by_id && sch_fet__is(n, "ConstraintActivityPreferredStartingTime")) {
		const char *dn = sch_fet__ktext(x, n, "Preferred_Day"), *hn = sch_fet__ktext(x, n, "Preferred_Hour");
		int d = dn && *dn ? sch_namemap_find(&x->days, dn) : -1, h = hn && *hn ? sch_namemap_find(&x->hours, hn) : -1;
		if ((dn && *dn && d < 0) || (hn && *hn && h < 0)) {
			sch_fet__error(x, n, "no %s \"%s\"", d < 0 && dn && *dn ? "day" : "hour", d < 0 && dn && *dn ? dn : hn);
			return -1;
		}
		memset(&set, 0, sizeof set);
		for (int dd = 0; dd < s->n_days; dd++)
			for (int hh = 0; hh < s->n_periods; hh++)
				if ((d < 0 || d == dd) && (h < 0 || h == hh))
					sch_slotset_add(&set, sch_slot(s, dd, hh));
	} else if (slots_mode) {
		rc = read_slots(x, n, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour", &set);
		if (rc < 0)
			return -1;
	} else {
		rc = read_slots(x, n, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour", &set);
		if (rc < 0)
			return -1;
	}
	int *lines = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(x->n_acts + 1));
	int *durs = sch_school_alloc(x->scratch, sizeof(int) * (size_t)(x->n_acts + 1));
	int nl = 0;
	if (!lines || !durs)
		return x->oom = 1, -1;
	if (by_id) {
		const char *id = sch_fet__ktext(x, n, "Activity_Id");
		int a = sch_namemap_find(&x->acts, id);
		if (a < 0) {
			sch_fet__error(x, n, "no activity with id %s", id ? id : "");
			return -1;
		}
		if (x->act[a].line >= 0) {
			durs[nl] = x->act[a].duration;
			lines[nl++] = x->act[a].line;
		}
	} else {
		const char *te = sch_fet__ktext(x, n, "Teacher_Name"), *st = sch_fet__ktext(x, n, "Students_Name"),
			   *su = sch_fet__ktext(x, n, "Subject_Name"), *tg = sch_fet__ktext(x, n, "Activity_Tag_Name"),
			   *du = sch_fet__ktext(x, n, "Duration");
		int comp = 0, dur = du && *du ? atoi(du) : 0;
		if (te && *te && sch_namemap_find(&x->teachers, te) < 0) {
			sch_fet__error(x, n, "<Teacher_Name>: no teacher \"%s\"", te);
			return -1;
		}
		if (st && *st && sch_namemap_find(&x->sets, st) < 0) {
			sch_fet__error(x, n, "<Students_Name>: no students set \"%s\"", st);
			return -1;
		}
		if (su && *su && sch_namemap_find(&x->subjects, su) < 0) {
			sch_fet__error(x, n, "<Subject_Name>: no subject \"%s\"", su);
			return -1;
		}
		if (sub && sch_fet__kint(x, n, "Component_Number", 1, 1000, &comp) < 0)
			return -1;
		for (int a = 0; a < x->n_acts; a++)
			if (x->act[a].line >= 0 && act_matches(x, &x->act[a], te, st, su, tg, dur, comp)) {
				durs[nl] = x->act[a].duration;
				lines[nl++] = x->act[a].line;
			}
	}
	if (nl == 0)
		return IGNORED;
	/* A hard single start of one activity: the line's pinned slot. */
	if (by_id && !slots_mode && w == SCH_WEIGHT_HARD && sch_slotset_count(&set) == 1 &&
	    s->lines[lines[0]].n_pinned == 0) {
		int slot = set.w[0] ? __builtin_ctzll(set.w[0]) : 64 + __builtin_ctzll(set.w[1]);
		sch_line_def *ln = &s->lines[lines[0]];
		if (!(ln->pinned = sch_school_alloc(s, sizeof(int))))
			return x->oom = 1, -1;
		ln->pinned[0] = slot;
		ln->n_pinned = 1;
		return 0;
	}
	if (!slots_mode) {
		sch_constraint *c = con_new(x, n, SCH_CON_ALLOWED_STARTS, w, 0);
		if (!c || !(lines = copy_ints(x, lines, nl)))
			return -1;
		c->slots = set;
		c->lines = lines;
		c->n_lines = nl;
		return 0;
	}
	/* Time slots: the allowed starts depend on the length, so one constraint per length. */
	for (int len = 1; len <= s->n_periods; len++) {
		int k = 0;
		for (int i = 0; i < nl; i++)
			k += durs[i] == len;
		if (!k)
			continue;
		sch_constraint *c = con_new(x, n, SCH_CON_ALLOWED_STARTS, w, 0);
		if (!c)
			return -1;
		c->slots = starts_within(s, &set, len);
		if (!(c->lines = sch_school_alloc(s, sizeof(int) * (size_t)k)))
			return x->oom = 1, -1;
		for (int i = 0; i < nl; i++)
			if (durs[i] == len)
				c->lines[c->n_lines++] = lines[i];
	}
	return 0;
}

/* ---- rooms ---- */

/* A subject's one preferred room (100%): the room gets a kind of its own that the subject needs. */
static int do_subject_room(fet_ctx *x, xmlNode *n, int w)
{
	sch_school *s = x->s;
	const char *sn = sch_fet__ktext(x, n, "Subject"), *rn = sch_fet__ktext(x, n, "Room");
	int sub = sch_namemap_find(&x->subjects, sn), r = sch_namemap_find(&x->rooms, rn);
	if (sub < 0 || r < 0) {
		sch_fet__error(x, n, "no %s \"%s\"", sub < 0 ? "subject" : "room", sub < 0 ? (sn ? sn : "") : rn ? rn : "");
		return -1;
	}
	if (w != SCH_WEIGHT_HARD)
		return 2;
	/* the model asks a room per part (teacher): a co-taught lesson would need two rooms */
	for (int l = 0; l < s->n_lines; l++)
		if (s->lines[l].subject == sub && s->lines[l].n_parts > 1)
			return 2;
	if (s->subjects[sub].room_kind >= 0 && s->subjects[sub].room_kind != s->rooms[r].kind)
		return 2;
	if (s->rooms[r].kind < 0) {
		char kind[200];
		snprintf(kind, sizeof kind, "room %s", s->rooms[r].id);
		if (!(s->room_kinds[s->n_room_kinds] = sch_school_strdup(s, kind)))
			return x->oom = 1, -1;
		s->rooms[r].kind = s->n_room_kinds++;
	}
	s->subjects[sub].room_kind = s->rooms[r].kind;
	return 0;
}

/* ---- dispatch ---- */

enum {
	H_NONE,
	H_BASIC,
	H_TEACHER_NA,
	H_STUDENTS_NA,
	H_BREAK,
	H_MIN_DAYS,
	H_ACT_START,   /* ActivityPreferredStartingTime */
	H_ACT_STARTS,  /* ActivityPreferredStartingTimes */
	H_ACT_SLOTS,   /* ActivityPreferredTimeSlots */
	H_ACTS_STARTS, /* ActivitiesPreferredStartingTimes */
	H_ACTS_SLOTS,  /* ActivitiesPreferredTimeSlots */
	H_SUB_STARTS,  /* SubactivitiesPreferredStartingTimes */
	H_SUB_SLOTS,   /* SubactivitiesPreferredTimeSlots */
	H_SUBJECT_ROOM
};

static const struct {
	const char *element;
	int handler;
} handlers[] = {
	{"ConstraintBasicCompulsoryTime", H_BASIC},
	{"ConstraintBasicCompulsorySpace", H_BASIC},
	{"ConstraintTeacherNotAvailableTimes", H_TEACHER_NA},
	{"ConstraintStudentsSetNotAvailableTimes", H_STUDENTS_NA},
	{"ConstraintBreakTimes", H_BREAK},
	{"ConstraintMinDaysBetweenActivities", H_MIN_DAYS},
	{"ConstraintActivityPreferredStartingTime", H_ACT_START},
	{"ConstraintActivityPreferredStartingTimes", H_ACT_STARTS},
	{"ConstraintActivityPreferredTimeSlots", H_ACT_SLOTS},
	{"ConstraintActivitiesPreferredStartingTimes", H_ACTS_STARTS},
	{"ConstraintActivitiesPreferredTimeSlots", H_ACTS_SLOTS},
	{"ConstraintSubactivitiesPreferredStartingTimes", H_SUB_STARTS},
	{"ConstraintSubactivitiesPreferredTimeSlots", H_SUB_SLOTS},
	{"ConstraintSubjectPreferredRoom", H_SUBJECT_ROOM},
};

static int hard_zero_for_all(fet_ctx *x, xmlNode *n, const char *field)
{
	const char *a = sch_fet__ktext(x, n, "Active"), *w = sch_fet__ktext(x, n, "Weight_Percentage"),
		   *v = sch_fet__ktext(x, n, field);
	return !(a && strcmp(a, "false") == 0) && w && strtod(w, NULL) >= 100 && v && strcmp(v, "0") == 0;
}

static void one(fet_ctx *x, xmlNode *n)
{
	const char *name = (const char *)n->name;
	int errs = x->errors, w = 0, rc = -1;
	sch_fet_report *rep = x->rep;
	rep->constraints++;
	const char *active = sch_fet__ktext(x, n, "Active");
	if (active && strcmp(active, "false") == 0) {
		rep->ignored++;
		return;
	}
	const limit_kind *lk = NULL;
	int h = H_NONE;
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++)
		if (strcmp(limits[i].element, name) == 0)
			lk = &limits[i];
	for (size_t i = 0; i < sizeof handlers / sizeof *handlers; i++)
		if (strcmp(handlers[i].element, name) == 0)
			h = handlers[i].handler;
	if (!lk && h == H_NONE) {
		rep->unsupported++;
		sch_fet__unsupported(x, name, "no such rule in the school model yet", (int)xmlGetLineNo(n));
		return;
	}
	int wr = weight_of(x, n, &w);
	if (wr < 0)
		return;
	if (wr == 0 && h != H_MIN_DAYS) {
		rep->ignored++;
		return;
	}
	if (lk) {
		rc = do_limit(x, n, lk, w);
	} else {
		switch (h) {
		case H_BASIC: rc = 0; break;
		case H_TEACHER_NA: rc = do_not_available(x, n, w, 0, 0); break;
		case H_STUDENTS_NA: rc = do_not_available(x, n, w, 1, 0); break;
		case H_BREAK: rc = do_not_available(x, n, w, 0, 1); break;
		case H_MIN_DAYS: rc = do_min_days(x, n, w); break;
		case H_ACT_START: rc = do_preferred(x, n, w, 1, 0, 0); break;
		case H_ACT_STARTS: rc = do_preferred(x, n, w, 1, 0, 0); break;
		case H_ACT_SLOTS: rc = do_preferred(x, n, w, 1, 1, 0); break;
		case H_ACTS_STARTS: rc = do_preferred(x, n, w, 0, 0, 0); break;
		case H_ACTS_SLOTS: rc = do_preferred(x, n, w, 0, 1, 0); break;
		case H_SUB_STARTS: rc = do_preferred(x, n, w, 0, 0, 1); break;
		case H_SUB_SLOTS: rc = do_preferred(x, n, w, 0, 1, 1); break;
		case H_SUBJECT_ROOM: rc = do_subject_room(x, n, w); break;
		default: break;
		}
	}
	if (rc < 0 || x->errors != errs)
		return;
	if (rc == 2) {
		rep->unsupported++;
		sch_fet__unsupported(x, name,
				     "only a hard preferred room of subjects taught by one teacher at a time is mapped",
				     (int)xmlGetLineNo(n));
		return;
	}
	if (rc == IGNORED)
		rep->ignored++;
	else
		rep->mapped++;
}

void sch_fet__prescan(fet_ctx *x, xmlNode *time_list)
{
	sch_school *s = x->s;
	/* Pupils' gaps: forbidden (the model's own rule) when FET asks for no gaps and no late start. */
	FOR_KIDS (n, time_list, "ConstraintStudentsMaxGapsPerWeek")
		if (hard_zero_for_all(x, n, "Max_Gaps"))
			x->students_week_gaps0 = n;
	FOR_KIDS (n, time_list, "ConstraintStudentsEarlyMaxBeginningsAtSecondHour")
		if (hard_zero_for_all(x, n, "Max_Beginnings_At_Second_Hour"))
			x->early0 = n;
	if (x->students_week_gaps0 && x->early0) {
		s->rules.pupil_gaps = SCH_PUPIL_GAPS_FORBIDDEN;
		s->rules.late_start = false;
	}
	/* Activities locked to one slot: an activity without students then only blocks its teachers. */
	FOR_KIDS (n, time_list, "ConstraintActivityPreferredStartingTime") {
		const char *a = sch_fet__ktext(x, n, "Active"), *w = sch_fet__ktext(x, n, "Weight_Percentage");
		const char *id = sch_fet__ktext(x, n, "Activity_Id"), *dn = sch_fet__ktext(x, n, "Preferred_Day"),
			   *hn = sch_fet__ktext(x, n, "Preferred_Hour");
		int d = sch_namemap_find(&x->days, dn), h = sch_namemap_find(&x->hours, hn);
		if ((a && strcmp(a, "false") == 0) || !w || strtod(w, NULL) < 100 || d < 0 || h < 0 || !id)
			continue;
		if (sch_namemap_add(&x->locked, id, sch_slot(s, d, h)) < 0)
			x->oom = 1;
	}
}

int sch_fet__constraints(fet_ctx *x, xmlNode *time_list, xmlNode *space_list)
{
	for (xmlNode *n = time_list ? time_list->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			one(x, n);
	for (xmlNode *n = space_list ? space_list->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			one(x, n);
	return x->oom ? sch_error_oom() : x->errors ? SCH_EINVALID : 0;
}
