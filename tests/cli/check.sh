#!/usr/bin/env bash
# CLI: `schedule check` on the example schools, bad input, and --json.
source "$(dirname "$0")/lib/common.bash" "$1"

run 0 check examples/small.yaml
out_has "Школа-гимназия №5 (2026-2027)"
out_has "4 classes, 8 teachers, 9 subjects, 2 rooms (1 gym, 1 workshop)"
out_has "92 lessons (96 periods) from 36 load lines"
out_has "shift 1: 5А, 5Б, 6А, 6Б"
out_has "Асанова Г.К."
out_has "Pre-check: no reason found why the school cannot be scheduled"
out_lacks "impossible:"
err_empty

run 0 check examples/school-kg.yaml
out_has "22 classes"
out_has "shift 1: 1А, 1Б, 5А, 5Б, 9А, 9Б, 10А, 10Б, 11А, 11Б"
out_has "shift 2: 2А, 2Б, 3А, 3Б, 4А, 4Б, 6А, 6Б, 7А, 7Б, 8А, 8Б"
out_has "Busiest teachers"
out_has "Pre-check: no reason found why the school cannot be scheduled"
out_lacks "impossible:"
out_lacks "warning:"
err_empty
# columns are aligned by display width, Cyrillic included: every row of the shifts table
# puts "use" (its last column) at the same column
awk '/^Shifts/ {on = 1; next} on && /^  shift [0-9]+:/ {exit} on {print}' "$TMP/out" |
	python3 -c 'import sys; ends = {len(l.rstrip("\n")) for l in sys.stdin}; sys.exit(len(ends) != 1)' ||
	fail "the shifts table is not aligned"

run 1 check examples/infeasible.yaml
out_has "Impossible: the school cannot be scheduled as described (2 reasons)"
out_has "impossible: teacher Асанова Г.К.: 15 lessons a week but only 14 available slots (unavailable: mon 1-4, tue 1-3, wed 1-3, thu 1-3, fri 1-3)"
out_has "impossible: class 6А: 6 lessons of Русский язык a week with at most one a day on a 5-day week"

# --json: the same, for machines
for f in small school-kg; do
	run 0 check "examples/$f.yaml" --json
	out_is_json
	json 'd["impossible"] is False'
	json 'all(t["load"] <= t["available"] for t in d["teachers"])'
done
json 'd["school"]["classes"] == 22 and len(d["shifts"]) == 2'
json 'sorted(c for s in d["shifts"] for c in s["classes"]) == sorted(c["id"] for c in d["classes"])'
run 1 check --json examples/infeasible.yaml
out_is_json
json 'd["impossible"] is True'
json 'sum(f["level"] == "impossible" for f in d["findings"]) == 2'
json 'any(f["kind"] == "subject_days" and "6А" in f["message"] for f in d["findings"])'

# bad input: a missing file, a directory, YAML errors with their places
run 2 check no/such/school.yaml
err_has "schedule: "
err_has "no/such/school.yaml"
out_empty
run 2 check examples
err_has "schedule: "
cat >"$TMP/bad.yaml" <<'YAML'
school: {name: Плохая, days: [mon, tue]}
bells: ["08:00-08:45"]
shifts: {1: {periods: 1-1}}
subjects:
  math: {name: {ru: Математика}}
teachers:
  a: {name: A, subjects: [math]}
classes:
  5А: {grade: 5, shift: 3}
lessons:
  - {class: 5А, subject: maths, teacher: a, per_week: 2}
YAML
run 2 check "$TMP/bad.yaml"
grep -Eq "bad\.yaml:9:[0-9]+: error: " "$TMP/err" || fail "no file:line:col error for the shift: $(cat "$TMP/err")"
grep -Eq "bad\.yaml:11:[0-9]+: error: .*maths" "$TMP/err" || fail "no file:line:col error for 'maths': $(cat "$TMP/err")"
err_has "schedule: "
out_empty
run 2 check "$TMP/bad.yaml" --json
out_empty
printf 'school: [unclosed\n' >"$TMP/broken.yaml"
run 2 check "$TMP/broken.yaml"
grep -Eq "broken\.yaml:[0-9]+(:[0-9]+)?: error: " "$TMP/err" || fail "no place for a YAML syntax error: $(cat "$TMP/err")"

finish
