#!/usr/bin/env bash
# CLI: the school database as an operator uses it: import, solve --db, versions, lock, re-solve
# keeps the lock, show (Cyrillic grids, aligned), activate, re-import of a changed school.
source "$(dirname "$0")/lib/common.bash" "$1"

DB="$TMP/school.db"
SCHOOL=examples/small.yaml

# The position of a lesson (class, subject, number within its line) in a timetable JSON: "day period".
where() { # <timetable.json> <class> <subject> <n>
	python3 - "$@" <<'PY'
import json, sys
f, cls, subj, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
for l in json.load(open(f))["timetable"]["lessons"]:
    if l["class"] == cls and l["subject"] == subj and l["n"] == n:
        print(l["day"], l["period"])
        break
PY
}

# import creates the database
run 0 import "$SCHOOL" --db "$DB"
out_has "stored \"Школа-гимназия №5\" as school revision 1: 4 classes, 8 teachers, 92 lessons"
[ -f "$DB" ] || fail "import did not create $DB"
run 0 import "$SCHOOL" --db "$DB" --json
out_is_json
json 'd["unchanged"] is True and d["revision"] == 1 and d["lessons"] == 92'
run 0 versions --db "$DB"
out_has "no timetable versions yet"

# the stored school comes back as YAML that loads to the same school: importing it changes nothing
run 0 show --db "$DB" --yaml
cp "$TMP/out" "$TMP/back.yaml"
out_has "Школа-гимназия №5"
run 0 check "$TMP/back.yaml"
out_has "92 lessons (96 periods) from 36 load lines"
run 0 import "$TMP/back.yaml" --db "$DB"
out_has "is already stored (school revision 1), nothing changed"

# solve --db stores the result as version 1, active
run 0 solve "$SCHOOL" --db "$DB" -t 1 -s 1 -o "$TMP/v1.json"
err_has "saved as version 1 (active)"
run 0 versions --db "$DB"
out_has "created"
out_has "method"
out_has "note"
grep -qE '^1  \*  .*  hybrid  +1  +0 ' "$TMP/out" || fail "versions: no active row for version 1: $(cat "$TMP/out")"
run 0 versions --db "$DB" --json
out_is_json
json 'len(d) == 1 and d[0]["number"] == 1 and d[0]["active"] and d[0]["hard"] == 0 and d[0]["method"] == "hybrid"'
json 'd[0]["command"].startswith("schedule solve") and "--db" in d[0]["command"] and d[0]["created_by"] != ""'

# a second timetable made elsewhere comes in as version 2 (active)
run 0 solve "$SCHOOL" -t 1 -s 99 -o "$TMP/other.json" -q
run 0 import "$SCHOOL" --db "$DB" --timetable "$TMP/other.json" --note "из файла"
out_has "stored the timetable as version 2 (active)"

# pick a lesson of 5А that versions 1 and 2 place differently
pick=$(python3 - "$TMP/v1.json" "$TMP/other.json" <<'PY'
import json, sys
a = {(l["class"], l["subject"], l["n"]): (l["day"], l["period"]) for l in json.load(open(sys.argv[1]))["timetable"]["lessons"] if "day" in l}
b = {(l["class"], l["subject"], l["n"]): (l["day"], l["period"]) for l in json.load(open(sys.argv[2]))["timetable"]["lessons"] if "day" in l}
for k in sorted(a):
    if k[0] == "5А" and k[1] in ("math", "russian", "kyrgyz", "history", "literature") and k in b and a[k] != b[k]:
        print(k[1], k[2], a[k][0], a[k][1])
        break
PY
)
read -r SUBJ N DAY PERIOD <<<"$pick"
[ -n "$PERIOD" ] || fail "no lesson of 5А placed differently by the two solves"

# lock it as version 1 has it: activate 1, lock, then make version 2 active again
run 0 activate 1 --db "$DB"
out_has "version 1 is active"
run 0 lock --db "$DB" --class 5А --day "$DAY" --period "$PERIOD" --subject "$SUBJ"
out_has "locked 5А $SUBJ"
out_has "on $DAY at bell $PERIOD (as in version 1)"
run 0 lock --db "$DB" --list
out_has "5А $SUBJ"
out_has "1 locked lesson"
run 0 activate 2 --db "$DB"

# re-solving starts from version 2 but keeps the locked lesson where version 1 had it
run 0 solve "$SCHOOL" --db "$DB" -t 1 -s 5 -o "$TMP/v3.json"
err_has "1 locked lesson kept in place"
err_has "starting from version 2"
err_has "saved as version 3 (active)"
got=$(where "$TMP/v3.json" 5А "$SUBJ" "$N")
[ "$got" = "$DAY $PERIOD" ] || fail "the locked lesson 5А $SUBJ $N moved: $got, locked at $DAY $PERIOD"
run 0 verify "$SCHOOL" "$TMP/v3.json"

# show: a weekly grid of the active version with Cyrillic names, aligned by display width
run 0 show --db "$DB" --class 5А
out_has "Школа-гимназия №5 — class 5А — version 3 (active, hybrid"
out_has "│ Пн "
out_has "08:00-08:45"
out_has "Асанова Г.К."
grep -q "│.*Математика" "$TMP/out" || fail "show: no grid line with Математика"
grep -q "│.*Русский язык" "$TMP/out" || fail "show: no grid line with Русский язык"
python3 - "$TMP/out" <<'PY' || fail "show --class: grid lines of different widths"
import sys
lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l[:1] in "┌├│└"]
sys.exit(0 if lines and len({len(l) for l in lines}) == 1 else 1)
PY
run 0 show --db "$DB" --teacher asanova --ascii
out_has "| 5А"
out_has "Математика"
python3 - "$TMP/out" <<'PY' || fail "show --ascii: not plain ASCII lines, or not aligned"
import sys
lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l[:1] in "+|"]
ok = lines and len({len(l) for l in lines}) == 1 and all(l[0] in "+|" for l in lines) and "─" not in "".join(lines)
sys.exit(0 if ok else 1)
PY
run 0 show --db "$DB" --teacher "Асанова Г.К."
out_has "teacher Асанова Г.К."
run 0 show --db "$DB" --room спортзал --lang ky
out_has "Дене тарбия"
out_has "│ Дш "
run 0 show --db "$DB" --class 6Б --lang ky
out_has "Орус тили"
run 0 show --db "$DB"
for c in 5А 5Б 6А 6Б; do out_has "│ $c "; done
out_has "│ Пт "
run 0 show --db "$DB" --class 5А --version 1
out_has "version 1 (hybrid"
out_lacks "(active"

# activate back and forth; versions marks the active one
run 0 activate 1 --db "$DB"
run 0 versions --db "$DB"
grep -qE '^1  \*' "$TMP/out" || fail "versions: version 1 not marked active"
grep -qE '^3   ' "$TMP/out" || fail "versions: version 3 still marked active"
out_has "из файла"

# unlock by the same slot, or all
run 0 unlock --db "$DB" --class 5А --day "$DAY" --period "$PERIOD"
out_has "unlocked 1 lesson"
run 0 lock --db "$DB" --class 5А --day "$DAY" --period "$PERIOD" --subject "$SUBJ"
run 0 unlock --db "$DB" --all
out_has "unlocked 1 lesson"
run 0 lock --db "$DB" --list
out_has "no locked lessons"

# a changed school: versions made for the old lessons are kept and flagged stale
sed 's/{class: 5А, subject: math,       teacher: asanova,  per_week: 5}/{class: 5А, subject: math, teacher: asanova, per_week: 4}/' \
	"$SCHOOL" >"$TMP/changed.yaml"
cmp -s "$SCHOOL" "$TMP/changed.yaml" && fail "the test could not change the school"
run 0 import "$TMP/changed.yaml" --db "$DB"
out_has "as school revision 2"
out_has "3 of 3 timetable versions were made for other lessons: kept, flagged stale"
run 0 versions --db "$DB"
out_has "[stale]"
run 0 show --db "$DB" --class 5А
out_has "[stale]"
run 0 solve --db "$DB" -t 1 -s 2 -q
run 0 versions --db "$DB" --json
json 'len(d) == 4 and d[3]["active"] and not d[3]["stale"] and d[3]["lessons"] == 91 and all(v["stale"] for v in d[:3])'

# help for every command
for c in import versions activate lock unlock show; do
	run 0 "$c" --help
	out_has "usage: schedule $c"
done
run 0 --help
for c in import versions activate lock unlock show; do out_has "  $c "; done

finish
