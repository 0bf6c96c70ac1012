/* The school database's schema: forward migrations by PRAGMA user_version, and opening checks. */
#include <string.h>

#include "error.h"
#include "store_int.h"

/*
 * Step k takes a file from schema k-1 to k. A released step is never edited:
 * a change is a new step (files in the field are at every earlier version).
 * Each step ends by setting user_version, inside the step's transaction.
 *
 * Placements hold a day code (0 = Monday) rather than a day index so that a
 * version keeps its meaning when the school's days change; -1 = unplaced. Every
 * lesson of a version's school has a placement row, so a version is complete
 * when its row count equals n_lessons.
 */
const sch_store__migration sch_store__migrations[] = {
	{1,
	 "CREATE TABLE meta ("
	 "  key TEXT PRIMARY KEY,"
	 "  value TEXT NOT NULL"
	 ") WITHOUT ROWID;"
	 /* Every school imported; the newest revision is the current school. */
	 "CREATE TABLE schools ("
	 "  rev INTEGER PRIMARY KEY,"
	 "  name TEXT NOT NULL,"
	 "  yaml TEXT NOT NULL,"
	 "  lessons_sig TEXT NOT NULL,"
	 "  n_lessons INTEGER NOT NULL CHECK (n_lessons >= 0),"
	 "  source TEXT NOT NULL DEFAULT '',"
	 "  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
	 ");"
	 "CREATE TABLE lessons ("
	 "  rev INTEGER NOT NULL REFERENCES schools(rev) ON DELETE CASCADE,"
	 "  idx INTEGER NOT NULL CHECK (idx >= 0),"
	 "  key TEXT NOT NULL,"
	 "  length INTEGER NOT NULL CHECK (length >= 1),"
	 "  label TEXT NOT NULL,"
	 "  PRIMARY KEY (rev, idx),"
	 "  UNIQUE (rev, key)"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE versions ("
	 "  number INTEGER PRIMARY KEY,"
	 "  rev INTEGER NOT NULL REFERENCES schools(rev),"
	 "  method TEXT NOT NULL DEFAULT '',"
	 "  seed INTEGER NOT NULL DEFAULT 0,"
	 "  seconds REAL NOT NULL DEFAULT 0,"
	 "  hard INTEGER NOT NULL,"
	 "  soft INTEGER NOT NULL,"
	 "  n_lessons INTEGER NOT NULL CHECK (n_lessons >= 0),"
	 "  n_placed INTEGER NOT NULL CHECK (n_placed >= 0),"
	 "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  created_by TEXT NOT NULL DEFAULT '',"
	 "  command TEXT NOT NULL DEFAULT '',"
	 "  UNIQUE (number, rev)"
	 ");"
	 "CREATE INDEX versions_rev ON versions(rev);"
	 "CREATE TABLE placements ("
	 "  version INTEGER NOT NULL,"
	 "  rev INTEGER NOT NULL,"
	 "  lesson INTEGER NOT NULL,"
	 "  day INTEGER NOT NULL CHECK (day BETWEEN -1 AND 6),"
	 "  period INTEGER NOT NULL CHECK (period >= -1),"
	 "  PRIMARY KEY (version, lesson),"
	 "  FOREIGN KEY (version, rev) REFERENCES versions(number, rev) ON DELETE CASCADE,"
	 "  FOREIGN KEY (rev, lesson) REFERENCES lessons(rev, idx)"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE placement_rooms ("
	 "  version INTEGER NOT NULL,"
	 "  lesson INTEGER NOT NULL,"
	 "  part INTEGER NOT NULL CHECK (part >= 0),"
	 "  room TEXT NOT NULL,"
	 "  PRIMARY KEY (version, lesson, part),"
	 "  FOREIGN KEY (version, lesson) REFERENCES placements(version, lesson) ON DELETE CASCADE"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE active ("
	 "  id INTEGER PRIMARY KEY CHECK (id = 1),"
	 "  version INTEGER NOT NULL REFERENCES versions(number)"
	 ");"
	 "PRAGMA application_id = 1399023684;" /* SCH_STORE_APPLICATION_ID */
	 "PRAGMA user_version = 1;"},
	{2,
	 /* Version 2: notes on versions, and locked lessons. A lock names the
	  * lesson by its stable key so that it outlives school revisions. */
	 "ALTER TABLE versions ADD COLUMN note TEXT NOT NULL DEFAULT '';"
	 "CREATE TABLE locks ("
	 "  key TEXT PRIMARY KEY,"
	 "  day_code INTEGER NOT NULL CHECK (day_code BETWEEN 0 AND 6),"
	 "  period INTEGER NOT NULL CHECK (period >= 0),"
	 "  label TEXT NOT NULL,"
	 "  from_version INTEGER REFERENCES versions(number) ON DELETE SET NULL,"
	 "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  created_by TEXT NOT NULL DEFAULT ''"
	 ") WITHOUT ROWID;"
	 "PRAGMA user_version = 2;"},
	{3,
	 /* Version 3: the school year and what changes dated lessons. Dates are ISO
	  * text (YYYY-MM-DD), so that they sort and read as dates. Dated lessons
	  * themselves are derived (active version + calendar + these changes), not
	  * stored. Teachers, subjects and lessons are named by id and stable key, so
	  * that the changes outlive re-imports and re-solves. */
	 "CREATE TABLE calendar ("
	 "  id INTEGER PRIMARY KEY CHECK (id = 1),"
	 "  year INTEGER NOT NULL,"
	 "  first_day TEXT NOT NULL,"
	 "  last_day TEXT NOT NULL,"
	 "  source TEXT NOT NULL DEFAULT '',"
	 "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  updated_by TEXT NOT NULL DEFAULT ''"
	 ");"
	 "CREATE TABLE calendar_quarters ("
	 "  n INTEGER PRIMARY KEY CHECK (n BETWEEN 1 AND 4),"
	 "  first_day TEXT NOT NULL,"
	 "  last_day TEXT NOT NULL"
	 ");"
	 "CREATE TABLE calendar_breaks ("
	 "  id TEXT PRIMARY KEY,"
	 "  name TEXT NOT NULL,"
	 "  first_day TEXT NOT NULL,"
	 "  last_day TEXT NOT NULL,"
	 "  grade_min INTEGER NOT NULL DEFAULT 1,"
	 "  grade_max INTEGER NOT NULL DEFAULT 12"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE calendar_holidays ("
	 "  day TEXT PRIMARY KEY,"
	 "  name TEXT NOT NULL"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE calendar_transfers ("
	 "  day TEXT PRIMARY KEY,"
	 "  follows INTEGER NOT NULL CHECK (follows BETWEEN -1 AND 6),"
	 "  note TEXT NOT NULL DEFAULT ''"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE calendar_weeks ("
	 "  grade INTEGER PRIMARY KEY CHECK (grade BETWEEN 1 AND 12),"
	 "  weeks INTEGER NOT NULL CHECK (weeks BETWEEN 0 AND 53)"
	 ");"
	 /* Further subjects a teacher may cover (besides their own). */
	 "CREATE TABLE cover_subjects ("
	 "  teacher TEXT NOT NULL,"
	 "  subject TEXT NOT NULL,"
	 "  PRIMARY KEY (teacher, subject)"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE absences ("
	 "  id INTEGER PRIMARY KEY,"
	 "  teacher TEXT NOT NULL,"
	 "  first_day TEXT NOT NULL,"
	 "  last_day TEXT NOT NULL,"
	 "  reason TEXT NOT NULL DEFAULT '',"
	 "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  created_by TEXT NOT NULL DEFAULT ''"
	 ");"
	 /* kind: 1 cover (part, teacher = the substitute), 2 cancellation, 3 move (period = the new bell). */
	 "CREATE TABLE day_changes ("
	 "  id INTEGER PRIMARY KEY,"
	 "  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),"
	 "  day TEXT NOT NULL,"
	 "  lesson_key TEXT NOT NULL,"
	 "  part INTEGER NOT NULL DEFAULT -1,"
	 "  teacher TEXT,"
	 "  period INTEGER NOT NULL DEFAULT -1,"
	 "  absence INTEGER REFERENCES absences(id) ON DELETE CASCADE,"
	 "  label TEXT NOT NULL DEFAULT '',"
	 "  note TEXT NOT NULL DEFAULT '',"
	 "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  created_by TEXT NOT NULL DEFAULT '',"
	 "  UNIQUE (day, lesson_key, part, kind)"
	 ");"
	 "CREATE INDEX day_changes_absence ON day_changes(absence);"
	 "PRAGMA user_version = 3;"},
	{4,
	 /* Version 4: pupils and the journal (docs/journal.md describes every column).
	  * Classes, subjects, teachers and divisions are named by their YAML ids and
	  * dated lessons by (day, lesson_key, part) as in day_changes, so that the
	  * journal outlives re-imports and re-solves. Marks of an expelled pupil are
	  * kept: pupils are never deleted by the library. */
	 "CREATE TABLE pupils ("
	 "  id INTEGER PRIMARY KEY,"
	 "  class TEXT NOT NULL,"
	 "  last_name TEXT NOT NULL,"
	 "  first_name TEXT NOT NULL,"
	 "  middle_name TEXT NOT NULL DEFAULT '',"
	 "  birth_date TEXT,"
	 "  external_id TEXT UNIQUE,"
	 "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expelled')),"
	 "  left_on TEXT,"
	 "  left_reason TEXT NOT NULL DEFAULT '',"
	 "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  created_by TEXT NOT NULL DEFAULT ''"
	 ");"
	 "CREATE INDEX pupils_class ON pupils(class, last_name, first_name);"
	 "CREATE TABLE pupil_groups ("
	 "  pupil INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,"
	 "  division TEXT NOT NULL,"
	 "  grp TEXT NOT NULL,"
	 "  PRIMARY KEY (pupil, division)"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE parents ("
	 "  id INTEGER PRIMARY KEY,"
	 "  pupil INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,"
	 "  name TEXT NOT NULL,"
	 "  relation TEXT NOT NULL DEFAULT '',"
	 "  phone TEXT NOT NULL DEFAULT '',"
	 "  email TEXT NOT NULL DEFAULT ''"
	 ");"
	 "CREATE INDEX parents_pupil ON parents(pupil);"
	 "CREATE TABLE class_teachers ("
	 "  class TEXT PRIMARY KEY,"
	 "  teacher TEXT NOT NULL"
	 ") WITHOUT ROWID;"
	 "CREATE INDEX class_teachers_teacher ON class_teachers(teacher);"
	 "CREATE TABLE pupil_moves ("
	 "  id INTEGER PRIMARY KEY,"
	 "  pupil INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,"
	 "  kind TEXT NOT NULL CHECK (kind IN ('expel', 'reactivate', 'transfer')),"
	 "  from_class TEXT NOT NULL,"
	 "  to_class TEXT NOT NULL,"
	 "  on_date TEXT NOT NULL,"
	 "  reason TEXT NOT NULL DEFAULT '',"
	 "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  created_by TEXT NOT NULL DEFAULT ''"
	 ");"
	 "CREATE INDEX pupil_moves_pupil ON pupil_moves(pupil);"
	 /* spec is JSON: {"values": [{"value": "5", "score": 5, "label": "отлично"}, ...]};
	  * score is the numeric value for averages (null: not averaged). */
	 "CREATE TABLE grading_schemes ("
	 "  id TEXT PRIMARY KEY,"
	 "  kind TEXT NOT NULL CHECK (kind IN ('none', 'marks', 'points', 'criteria')),"
	 "  spec TEXT NOT NULL"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE grading_bands ("
	 "  grade_min INTEGER PRIMARY KEY CHECK (grade_min BETWEEN 1 AND 12),"
	 "  grade_max INTEGER NOT NULL CHECK (grade_max BETWEEN grade_min AND 12),"
	 "  scheme TEXT NOT NULL REFERENCES grading_schemes(id)"
	 ");"
	 "INSERT INTO grading_schemes(id, kind, spec) VALUES ('marks5', 'marks', "
	 "  '{\"values\": [{\"value\": \"5\", \"score\": 5, \"label\": \"отлично\"}, "
	 "{\"value\": \"4\", \"score\": 4, \"label\": \"хорошо\"}, "
	 "{\"value\": \"3\", \"score\": 3, \"label\": \"удовлетворительно\"}, "
	 "{\"value\": \"2\", \"score\": 2, \"label\": \"неудовлетворительно\"}]}');"
	 "INSERT INTO grading_bands(grade_min, grade_max, scheme) VALUES (1, 12, 'marks5');"
	 /* One row per dated lesson (and group part) that has journal content. class is
	  * the lesson's class, or its classes joined by ',' for a joint lesson; division
	  * and grp are '' for a whole-class part. */
	 "CREATE TABLE journal_lessons ("
	 "  id INTEGER PRIMARY KEY,"
	 "  day TEXT NOT NULL,"
	 "  lesson_key TEXT NOT NULL,"
	 "  part INTEGER NOT NULL DEFAULT -1,"
	 "  class TEXT NOT NULL,"
	 "  subject TEXT NOT NULL,"
	 "  teacher TEXT NOT NULL DEFAULT '',"
	 "  division TEXT NOT NULL DEFAULT '',"
	 "  grp TEXT NOT NULL DEFAULT '',"
	 "  period INTEGER NOT NULL DEFAULT -1,"
	 "  topic TEXT NOT NULL DEFAULT '',"
	 "  UNIQUE (day, lesson_key, part)"
	 ");"
	 "CREATE INDEX journal_lessons_subject ON journal_lessons(subject, day);"
	 "CREATE TABLE homework ("
	 "  id INTEGER PRIMARY KEY,"
	 "  journal_lesson INTEGER NOT NULL REFERENCES journal_lessons(id),"
	 "  text TEXT NOT NULL,"
	 "  due_day TEXT,"
	 "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  created_by TEXT NOT NULL DEFAULT ''"
	 ");"
	 "CREATE INDEX homework_lesson ON homework(journal_lesson);"
	 "CREATE TABLE attachments ("
	 "  hash TEXT PRIMARY KEY,"
	 "  mime TEXT NOT NULL,"
	 "  size INTEGER NOT NULL CHECK (size >= 0),"
	 "  content BLOB NOT NULL"
	 ") WITHOUT ROWID;"
	 "CREATE TABLE homework_files ("
	 "  homework INTEGER NOT NULL REFERENCES homework(id) ON DELETE CASCADE,"
	 "  hash TEXT NOT NULL REFERENCES attachments(hash),"
	 "  filename TEXT NOT NULL,"
	 "  PRIMARY KEY (homework, hash)"
	 ") WITHOUT ROWID;"
	 "CREATE INDEX homework_files_hash ON homework_files(hash);"
	 "CREATE TABLE marks ("
	 "  id INTEGER PRIMARY KEY,"
	 "  journal_lesson INTEGER NOT NULL REFERENCES journal_lessons(id),"
	 "  pupil INTEGER NOT NULL REFERENCES pupils(id),"
	 "  value TEXT NOT NULL,"
	 "  kind TEXT NOT NULL DEFAULT '',"
	 "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  created_by TEXT NOT NULL DEFAULT '',"
	 "  UNIQUE (journal_lesson, pupil, kind)"
	 ");"
	 "CREATE INDEX marks_pupil ON marks(pupil);"
	 "CREATE TABLE attendance ("
	 "  journal_lesson INTEGER NOT NULL REFERENCES journal_lessons(id),"
	 "  pupil INTEGER NOT NULL REFERENCES pupils(id),"
	 "  status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused', 'late')),"
	 "  PRIMARY KEY (journal_lesson, pupil)"
	 ") WITHOUT ROWID;"
	 "CREATE INDEX attendance_pupil ON attendance(pupil);"
	 "CREATE TABLE quarter_locks ("
	 "  quarter INTEGER PRIMARY KEY CHECK (quarter BETWEEN 1 AND 4),"
	 "  closed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  closed_by TEXT NOT NULL DEFAULT ''"
	 ");"
	 /* entity: 'mark', 'attendance', 'topic', 'homework', 'attachment', 'pupil',
	  * 'parent', 'group', 'class_teacher', 'quarter'; pupil and journal_lesson say
	  * whose and which lesson's data changed when that applies; old/new NULL for none. */
	 "CREATE TABLE audit ("
	 "  id INTEGER PRIMARY KEY,"
	 "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  by TEXT NOT NULL DEFAULT '',"
	 "  entity TEXT NOT NULL,"
	 "  entity_id INTEGER,"
	 "  pupil INTEGER,"
	 "  journal_lesson INTEGER,"
	 "  field TEXT NOT NULL DEFAULT '',"
	 "  old TEXT,"
	 "  new TEXT"
	 ");"
	 /* No index: bulk writes append a row per mark in id order, and an index on pupil would
	  * make each append a random B-tree insert (reading one pupil's history scans instead). */
	 "PRAGMA user_version = 4;"},
	{5,
	 /* Version 5: final grades (docs/reports.md). value is the grade in force, suggested
	  * what the marks give; source says whether value follows the suggestion ('auto') or
	  * was set by the teacher. Changes of value are written to the audit trail
	  * (entity 'final_grade'). */
	 "CREATE TABLE final_grades ("
	 "  pupil INTEGER NOT NULL REFERENCES pupils(id),"
	 "  subject TEXT NOT NULL,"
	 "  period TEXT NOT NULL CHECK (period IN ('q1', 'q2', 'q3', 'q4', 'year')),"
	 "  value TEXT,"
	 "  suggested TEXT,"
	 "  source TEXT NOT NULL DEFAULT 'auto' CHECK (source IN ('auto', 'teacher')),"
	 "  set_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	 "  set_by TEXT NOT NULL DEFAULT '',"
	 "  PRIMARY KEY (pupil, subject, period)"
	 ");"
	 "CREATE INDEX final_grades_subject ON final_grades(subject, period);"
	 "PRAGMA user_version = 5;"},
};

const int sch_store__n_migrations = (int)(sizeof sch_store__migrations / sizeof sch_store__migrations[0]);

_Static_assert(sizeof sch_store__migrations / sizeof sch_store__migrations[0] == SCH_STORE_SCHEMA_VERSION,
	       "one migration step per schema version");

typedef struct {
	long long app_id, user_version, tables;
} probe;

/* Reads what tells whose file this is, without writing anything. */
static int probe_file(sch_store *st, probe *p)
{
	int rc;
	long long v;
	if ((rc = sch_store__int(st, "PRAGMA application_id", -1, 0, &v, "reading the file header")))
		return rc;
	p->app_id = v;
	if ((rc = sch_store__int(st, "PRAGMA user_version", -1, 0, &v, "reading the file header")))
		return rc;
	p->user_version = v;
	if ((rc = sch_store__int(st, "SELECT count(*) FROM sqlite_schema", -1, 0, &v, "reading the schema")))
		return rc;
	p->tables = v;
	return 0;
}

/* SCH_EDB unless the probe shows our file at a version we know, or an empty file we may create. */
static int judge(sch_store *st, const probe *p, int create)
{
	if (p->app_id == 0 && p->user_version == 0 && p->tables == 0) {
		if (create)
			return 0;
		return sch_error_set(SCH_EDB, "%s: an empty file, not a libschedule database", st->path);
	}
	if (p->app_id != SCH_STORE_APPLICATION_ID)
		return sch_error_set(SCH_EDB,
				     "%s: not a libschedule database (an SQLite file of another application, "
				     "application_id %lld)",
				     st->path, p->app_id);
	if (p->user_version > SCH_STORE_SCHEMA_VERSION)
		return sch_error_set(SCH_EDB,
				     "%s: written by a newer libschedule (schema version %lld; this one reads up to %d): "
				     "upgrade libschedule to open it",
				     st->path, p->user_version, SCH_STORE_SCHEMA_VERSION);
	if (p->user_version < 1)
		return sch_error_set(SCH_EDB, "%s: a libschedule database without a schema version: damaged",
				     st->path);
	return 0;
}

static int set_wal(sch_store *st)
{
	sqlite3_stmt *stmt;
	int rc = sch_store__prepare(st, &stmt, "PRAGMA journal_mode = WAL", "switching to WAL mode");
	if (rc)
		return rc;
	int s = sqlite3_step(stmt);
	if (s != SQLITE_ROW)
		rc = sch_store__fail(st, s, "switching to WAL mode");
	else if (sqlite3_stricmp((const char *)sqlite3_column_text(stmt, 0), "wal") != 0)
		rc = sch_error_set(SCH_EIO, "%s: cannot use WAL mode here (the file system lacks shared memory?)",
				   st->path);
	sqlite3_finalize(stmt);
	return rc;
}

int sch_store__migrate(sch_store *st, int create)
{
	probe p;
	int rc = probe_file(st, &p);
	if (rc)
		return rc;
	if ((rc = judge(st, &p, create)))
		return rc;
	/* Only now that the file is known to be ours (or empty) may anything be written to it.
	 * WAL: a writer killed mid-transaction leaves the database as of its last commit, and
	 * readers are never blocked by a writer. The mode is stored in the file. */
	if (!(st->flags & SCH_STORE_READONLY) && (rc = set_wal(st)))
		return rc;
	if (p.user_version == SCH_STORE_SCHEMA_VERSION)
		return 0;
	if (st->flags & SCH_STORE_READONLY)
		return sch_error_set(SCH_EDB,
				     "%s: schema version %lld is older than %d: open it once for writing to upgrade it",
				     st->path, p.user_version, SCH_STORE_SCHEMA_VERSION);
	if ((rc = sch_store__begin(st, "upgrading the schema")))
		return rc;
	/* Another process may have created or upgraded the file since the probe. */
	if ((rc = probe_file(st, &p)) || (rc = judge(st, &p, create)))
		goto fail;
	for (int i = 0; i < sch_store__n_migrations; i++) {
		const sch_store__migration *m = &sch_store__migrations[i];
		if (m->version <= p.user_version)
			continue;
		char *msg = NULL;
		if (sqlite3_exec(st->db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
			rc = sch_error_set(SCH_EDB, "%s: cannot upgrade the schema from version %d to %d: %s", st->path,
					   m->version - 1, m->version, msg ? msg : sqlite3_errmsg(st->db));
			sqlite3_free(msg);
			goto fail;
		}
	}
	if (p.user_version == 0) { /* a new file: say what made it, for whoever inspects it */
		sqlite3_stmt *ins = NULL;
		if ((rc = sch_store__prepare(st, &ins, "INSERT INTO meta(key, value) VALUES ('created_with', ?1)",
					     "creating the database")))
			goto fail;
		sqlite3_bind_text(ins, 1, "libschedule " SCH_VERSION, -1, SQLITE_STATIC);
		int src = sqlite3_step(ins);
		if (src != SQLITE_DONE)
			rc = sch_store__fail(st, src, "creating the database");
		sqlite3_finalize(ins);
		if (rc)
			goto fail;
	}
	if ((rc = sch_store__commit(st, "upgrading the schema")))
		return rc;
	return 0;
fail:
	sch_store__rollback(st);
	return rc;
}
