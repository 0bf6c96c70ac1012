#!/usr/bin/env bash
# CLI: bad input around the school database: clear messages, exit 2, nothing written.
source "$(dirname "$0")/lib/common.bash" "$1"

DB="$TMP/school.db"
SCHOOL=examples/small.yaml
sum() { sha256sum "$1" | cut -d' ' -f1; }

# a missing database: a hint to import, and no file appears
for cmd in "versions" "show" "activate 1" "lock --list" "unlock --all"; do
	# shellcheck disable=SC2086
	run 2 $cmd --db "$TMP/none.db"
	err_has "schedule: $TMP/none.db: no such school database; create it with 'schedule import <school.yaml> --db $TMP/none.db'"
	out_empty
done
[ ! -e "$TMP/none.db" ] || fail "a command without CREATE made $TMP/none.db"

# --db is required
run 2 versions
err_has "--db <school.db> is required"
run 2 import "$SCHOOL"
err_has "--db <school.db> is required"

# an invalid school writes nothing, not even an empty database
printf 'school: {name: Плохая, days: [mon]}\nbells: ["08:00-08:45"]\n' >"$TMP/bad.yaml"
run 2 import "$TMP/bad.yaml" --db "$DB"
err_has "bad.yaml"
[ ! -e "$DB" ] || fail "import of an invalid school created the database"
run 2 import "$TMP/no-such.yaml" --db "$DB"
[ ! -e "$DB" ] || fail "import of a missing school created the database"

run 0 import "$SCHOOL" --db "$DB"
run 2 show --db "$DB"
err_has "no timetable versions yet"
run 2 lock --db "$DB" --class 5А --day mon --period 1
err_has "no active version"
run 0 solve "$SCHOOL" --db "$DB" -t 1 -s 3 -q -o "$TMP/v1.json"
before=$(sum "$DB")

# activating a version that does not exist
run 2 activate 7 --db "$DB"
err_has "no version 7 (the file has versions 1 to 1)"
run 2 activate x --db "$DB"
err_has "the version is a number >= 1, not 'x'"
run 2 activate 0 --db "$DB"
run 2 activate --db "$DB"
err_has "missing arguments"

# locking: unknown names suggest the nearest, a free slot has no lesson, bad days and bells
run 2 lock --db "$DB" --class 5a --day mon --period 1
err_has "no class '5a' in the school (did you mean 5А?)"
run 2 lock --db "$DB" --teacher asanva --day mon --period 1
err_has "did you mean asanova?"
run 2 lock --db "$DB" --class 5А --subject mathematics --day mon --period 1
err_has "no subject 'mathematics'"
free=$(python3 - "$TMP/v1.json" <<'PY'
import json, sys
busy = set()
for l in json.load(open(sys.argv[1]))["timetable"]["lessons"]:
    if l.get("class") == "5А" and l.get("day"):
        # the file does not give lengths: count the next bell busy too, in case of a double lesson
        for k in range(2):
            busy.add((l["day"], l["period"] + k))
for d in ("mon", "tue", "wed", "thu", "fri"):
    for p in range(1, 7):
        if (d, p) not in busy:
            print(d, p)
            sys.exit(0)
PY
)
read -r FDAY FPERIOD <<<"$free"
[ -n "$FPERIOD" ] || fail "5А has no free slot in the test timetable"
run 2 lock --db "$DB" --class 5А --day "$FDAY" --period "$FPERIOD"
err_has "no lesson of class 5А on $FDAY at bell $FPERIOD in version 1"
run 2 lock --db "$DB" --class 5А --day sun --period 1
err_has "sun is not a school day"
run 2 lock --db "$DB" --class 5А --day someday --period 1
err_has "--day is mon, tue, wed, thu, fri, sat or sun"
run 2 lock --db "$DB" --class 5А --day mon --period 0
err_has "--period is a bell number >= 1"
run 2 lock --db "$DB" --class 5А --day mon --period 40
err_has "no such slot"
run 2 lock --db "$DB" --day mon --period 1
err_has "name the class (--class) or the teacher (--teacher)"
run 2 lock --db "$DB" --class 5А
err_has "give the slot: --day and --period"
run 2 unlock --db "$DB" --class 5А --day mon --period 1
err_has "no locked lesson of class 5А on mon at bell 1"
run 2 unlock --db "$DB" --all --class 5А
err_has "--all takes no slot"

# show: unknown names with suggestions, a version that does not exist, a bad language
run 2 show --db "$DB" --class 5Б1
err_has "did you mean '5Б'?"
run 2 show --db "$DB" --teacher petrva
err_has "no teacher 'petrva' in the school; did you mean 'petrova'?"
run 2 show --db "$DB" --room спортзл
err_has "did you mean 'спортзал'?"
run 2 show --db "$DB" --version 9
err_has "no version 9"
run 2 show --db "$DB" --lang en
err_has "--lang is ru or ky"
run 2 show --db "$DB" --class 5А --teacher asanova
err_has "give one of --class, --teacher and --room"

# none of that wrote anything
[ "$(sum "$DB")" = "$before" ] || fail "a failed command changed the database"
[ ! -e "$DB-wal" ] || [ ! -s "$DB-wal" ] || fail "a failed command left a write-ahead log"

# files that are not our database: refused with a clear message, never changed
printf 'school: {name: "not a db"}\n' >"$TMP/text.db"
head -c 20000 /dev/urandom >"$TMP/random.db"
python3 - "$TMP/foreign.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE contacts (name TEXT)"); c.commit(); c.close()
PY
python3 - "$DB" "$TMP/newer.db" <<'PY'
import shutil, sqlite3, sys
shutil.copy(sys.argv[1], sys.argv[2])
c = sqlite3.connect(sys.argv[2]); c.execute("PRAGMA user_version = 9"); c.commit(); c.close()
PY
head -c 12288 "$DB" >"$TMP/truncated.db"
for f in text random foreign newer truncated; do
	b=$(sum "$TMP/$f.db")
	run 2 versions --db "$TMP/$f.db"
	err_has "schedule: $TMP/$f.db: "
	run 2 import "$SCHOOL" --db "$TMP/$f.db"
	run 2 show --db "$TMP/$f.db" --class 5А
	[ "$(sum "$TMP/$f.db")" = "$b" ] || fail "$f.db was changed"
done
run 2 versions --db "$TMP/text.db"
err_has "not a libschedule database"
run 2 versions --db "$TMP/foreign.db"
err_has "an SQLite file of another application"
run 2 versions --db "$TMP/newer.db"
err_has "written by a newer libschedule (schema version 9"
run 2 versions --db "$TMP/truncated.db"
err_has "damaged"
run 2 versions --db "$TMP"
err_has "a directory, not a database file"

finish
