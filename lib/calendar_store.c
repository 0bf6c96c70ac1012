/* The calendar in the school database: loading it and replacing it in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_int.h"
#include "error.h"
#include "store_int.h"

/* A stored date; SCH_EDB when the text is not one (the file was edited by hand, or damaged). */
static int column_date(sch_store *st, sqlite3_stmt *stmt, int col, sch_date *out)
{
	const char *t = (const char *)sqlite3_column_text(stmt, col);
	if (sch_date_parse(out, t ? t : "") != 0)
		return sch_error_set(SCH_EDB, "%s: the calendar holds a bad date '%s'", st->path, t ? t : "");
	return 0;
}

/* Runs `sql` and hands each row to fn; stops at the first non-zero return. */
static int each_row(sch_store *st, const char *sql, int (*fn)(sch_store *, sqlite3_stmt *, sch_calendar *),
		    sch_calendar *cal)
{
	sqlite3_stmt *stmt;
	int rc = sch_store__prepare(st, &stmt, sql, "reading the calendar");
	if (rc)
		return rc;
	for (;;) {
		int s = sqlite3_step(stmt);
		if (s == SQLITE_DONE)
			break;
		if (s != SQLITE_ROW) {
			rc = sch_store__fail(st, s, "reading the calendar");
			break;
		}
		if ((rc = fn(st, stmt, cal)))
			break;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Rows are taken as stored; a file that breaks the calendar's rules is refused as a whole. */
static int edit_failed(sch_store *st, int rc)
{
	char why[1024];
	if (rc == SCH_ENOMEM)
		return rc;
	snprintf(why, sizeof why, "%s", sch_error_last()->message); /* the message is rewritten below */
	return sch_error_set(SCH_EDB, "%s: the stored calendar is not valid: %s", st->path, why);
}

static int row_quarter(sch_store *st, sqlite3_stmt *stmt, sch_calendar *cal)
{
	sch_date a, b;
	int rc;
	if ((rc = column_date(st, stmt, 1, &a)) || (rc = column_date(st, stmt, 2, &b)))
		return rc;
	rc = sch_calendar_set_quarter(cal, sqlite3_column_int(stmt, 0), a, b);
	return rc ? edit_failed(st, rc) : 0;
}

static int row_break(sch_store *st, sqlite3_stmt *stmt, sch_calendar *cal)
{
	sch_date a, b;
	int rc;
	if ((rc = column_date(st, stmt, 2, &a)) || (rc = column_date(st, stmt, 3, &b)))
		return rc;
	rc = sch_calendar_set_break(cal, (const char *)sqlite3_column_text(stmt, 0),
				    (const char *)sqlite3_column_text(stmt, 1), a, b, sqlite3_column_int(stmt, 4),
				    sqlite3_column_int(stmt, 5), SCH_CALENDAR_KEEP_QUARTERS);
	return rc ? edit_failed(st, rc) : 0;
}

static int row_holiday(sch_store *st, sqlite3_stmt *stmt, sch_calendar *cal)
{
	sch_date a;
	int rc;
	if ((rc = column_date(st, stmt, 0, &a)))
		return rc;
	rc = sch_calendar_set_holiday(cal, a, (const char *)sqlite3_column_text(stmt, 1));
	return rc ? edit_failed(st, rc) : 0;
}

static int row_transfer(sch_store *st, sqlite3_stmt *stmt, sch_calendar *cal)
{
	sch_date a;
	int rc;
	if ((rc = column_date(st, stmt, 0, &a)))
		return rc;
	rc = sch_calendar_set_transfer(cal, a, sqlite3_column_int(stmt, 1), (const char *)sqlite3_column_text(stmt, 2));
	return rc ? edit_failed(st, rc) : 0;
}

static int row_weeks(sch_store *st, sqlite3_stmt *stmt, sch_calendar *cal)
{
	int g = sqlite3_column_int(stmt, 0);
	int rc = sch_calendar_set_norm_weeks(cal, g, g, sqlite3_column_int(stmt, 1));
	return rc ? edit_failed(st, rc) : 0;
}

int sch_calendar_load(sch_calendar **out, sch_store *st)
{
	sqlite3_stmt *stmt = NULL;
	sch_calendar *cal = NULL;
	char *source = NULL;
	int rc;
	if (!out || !st)
		return sch_error_set(SCH_EINVALID, "sch_calendar_load: NULL argument");
	*out = NULL;
	if ((rc = sch_store__prepare(st, &stmt, "SELECT year, first_day, last_day, source FROM calendar WHERE id = 1",
				     "reading the calendar")))
		return rc;
	int s = sqlite3_step(stmt);
	if (s == SQLITE_DONE) {
		rc = sch_error_set(SCH_ENOTFOUND, "%s: no calendar yet: make one with 'schedule calendar init --db %s --year YYYY'",
				   st->path, st->path);
		goto done;
	}
	if (s != SQLITE_ROW) {
		rc = sch_store__fail(st, s, "reading the calendar");
		goto done;
	}
	sch_date a, b;
	if ((rc = column_date(st, stmt, 1, &a)) || (rc = column_date(st, stmt, 2, &b)))
		goto done;
	if ((rc = sch_calendar_new(&cal, sqlite3_column_int(stmt, 0), a, b))) {
		rc = edit_failed(st, rc);
		goto done;
	}
	if (!(source = sch_store__text(stmt, 3))) {
		rc = sch_error_oom();
		goto done;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	/* Holidays before breaks: a break's quarters are kept as stored (KEEP_QUARTERS), and holidays
	 * before quarters, which only check dates. */
	if ((rc = each_row(st, "SELECT day, name FROM calendar_holidays ORDER BY day", row_holiday, cal)) ||
	    (rc = each_row(st, "SELECT day, follows, note FROM calendar_transfers ORDER BY day", row_transfer, cal)) ||
	    (rc = each_row(st, "SELECT id, name, first_day, last_day, grade_min, grade_max FROM calendar_breaks", row_break,
			   cal)) ||
	    (rc = each_row(st, "SELECT n, first_day, last_day FROM calendar_quarters ORDER BY n", row_quarter, cal)) ||
	    (rc = each_row(st, "SELECT grade, weeks FROM calendar_weeks", row_weeks, cal)))
		goto done;
	free(cal->source);
	cal->source = source;
	source = NULL;
	*out = cal;
	cal = NULL;
done:
	sqlite3_finalize(stmt);
	sch_calendar_free(cal);
	free(source);
	return rc;
}

static int exec(sch_store *st, const char *sql)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sch_store__fail(st, rc, "saving the calendar");
}

static int step(sch_store *st, sqlite3_stmt *stmt)
{
	int s = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return s == SQLITE_DONE ? 0 : sch_store__fail(st, s, "saving the calendar");
}

int sch_calendar_save(sch_store *st, const sch_calendar *cal)
{
	sqlite3_stmt *stmt = NULL;
	char a[16], b[16], user[256];
	int rc, in_tx = 0;
	if (!st || !cal)
		return sch_error_set(SCH_EINVALID, "sch_calendar_save: NULL argument");
	if ((rc = sch_store__begin(st, "saving the calendar")))
		return rc;
	in_tx = 1;
	if ((rc = exec(st, "DELETE FROM calendar; DELETE FROM calendar_quarters; DELETE FROM calendar_breaks;"
			   "DELETE FROM calendar_holidays; DELETE FROM calendar_transfers; DELETE FROM calendar_weeks;")))
		goto done;
	if ((rc = sch_store__prepare(st, &stmt,
				     "INSERT INTO calendar(id, year, first_day, last_day, source, updated_by) "
				     "VALUES (1, ?1, ?2, ?3, ?4, ?5)",
				     "saving the calendar")))
		goto done;
	sqlite3_bind_int(stmt, 1, cal->year);
	sqlite3_bind_text(stmt, 2, sch_date_iso(cal->first, a), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, sch_date_iso(cal->last, b), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, cal->source ? cal->source : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, sch_store__user(user, sizeof user), -1, SQLITE_TRANSIENT);
	if ((rc = step(st, stmt)))
		goto done;
	sqlite3_finalize(stmt);
	if ((rc = sch_store__prepare(st, &stmt, "INSERT INTO calendar_quarters(n, first_day, last_day) VALUES (?1, ?2, ?3)",
				     "saving the calendar")))
		goto done;
	for (int i = 0; i < 4; i++) {
		if (cal->q[i].first == SCH_DATE_NONE)
			continue;
		sqlite3_bind_int(stmt, 1, i + 1);
		sqlite3_bind_text(stmt, 2, sch_date_iso(cal->q[i].first, a), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 3, sch_date_iso(cal->q[i].last, b), -1, SQLITE_TRANSIENT);
		if ((rc = step(st, stmt)))
			goto done;
	}
	sqlite3_finalize(stmt);
	if ((rc = sch_store__prepare(st, &stmt,
				     "INSERT INTO calendar_breaks(id, name, first_day, last_day, grade_min, grade_max) "
				     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				     "saving the calendar")))
		goto done;
	for (size_t i = 0; i < cal->n_breaks; i++) {
		const sch_break *br = &cal->breaks[i];
		sqlite3_bind_text(stmt, 1, br->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, br->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, sch_date_iso(br->first, a), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 4, sch_date_iso(br->last, b), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(stmt, 5, br->grade_min);
		sqlite3_bind_int(stmt, 6, br->grade_max);
		if ((rc = step(st, stmt)))
			goto done;
	}
	sqlite3_finalize(stmt);
	if ((rc = sch_store__prepare(st, &stmt, "INSERT INTO calendar_holidays(day, name) VALUES (?1, ?2)",
				     "saving the calendar")))
		goto done;
	for (size_t i = 0; i < cal->n_holidays; i++) {
		sqlite3_bind_text(stmt, 1, sch_date_iso(cal->holidays[i].date, a), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 2, cal->holidays[i].name, -1, SQLITE_STATIC);
		if ((rc = step(st, stmt)))
			goto done;
	}
	sqlite3_finalize(stmt);
	if ((rc = sch_store__prepare(st, &stmt, "INSERT INTO calendar_transfers(day, follows, note) VALUES (?1, ?2, ?3)",
				     "saving the calendar")))
		goto done;
	for (size_t i = 0; i < cal->n_transfers; i++) {
		sqlite3_bind_text(stmt, 1, sch_date_iso(cal->transfers[i].date, a), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(stmt, 2, cal->transfers[i].follows);
		sqlite3_bind_text(stmt, 3, cal->transfers[i].note, -1, SQLITE_STATIC);
		if ((rc = step(st, stmt)))
			goto done;
	}
	sqlite3_finalize(stmt);
	if ((rc = sch_store__prepare(st, &stmt, "INSERT INTO calendar_weeks(grade, weeks) VALUES (?1, ?2)",
				     "saving the calendar")))
		goto done;
	for (int g = 1; g <= SCH_MAX_GRADE; g++) {
		if (!cal->weeks[g])
			continue;
		sqlite3_bind_int(stmt, 1, g);
		sqlite3_bind_int(stmt, 2, cal->weeks[g]);
		if ((rc = step(st, stmt)))
			goto done;
	}
	in_tx = 0;
	rc = sch_store__commit(st, "saving the calendar");
done:
	sqlite3_finalize(stmt);
	if (in_tx)
		sch_store__rollback(st);
	return rc;
}
