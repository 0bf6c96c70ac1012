#!/usr/bin/env bash
# CLI: `schedule verify` on hand-written timetables, one clean and one with a known clash.
source "$(dirname "$0")/lib/common.bash" "$1"
school=tests/cli/data/verify-school.yaml
good=tests/cli/data/verify-good.yaml
clash=tests/cli/data/verify-clash.yaml

run 0 verify "$school" "$good"
out_has "8 of 8 lessons placed"
out_has "Hard rules: no violation"
out_has "Soft cost"
out_has "teacher_gap"
out_has "Total: 0 hard violations, soft cost"
out_lacks "moved"
err_empty

run 1 verify "$school" "$clash"
out_has "Hard rules: 1 violation"
out_has "teacher_clash: "
out_has "Асанова Г.К."
grep -Eq '^  teacher_clash +1$' "$TMP/out" || fail "no teacher_clash count of 1 in the table"
out_has "Total: 1 hard violation, soft cost"

run 1 verify "$school" "$clash" --json
out_is_json
json 'd["hard"] == 1'
json 'd["terms"]["teacher_clash"]["amount"] == 1'

# a reference timetable: 5Б's swapped lessons are moved lessons
run 1 verify --reference "$good" "$school" "$clash"
out_has "moved"
grep -Eq '^  moved +2 +[0-9]+ +[0-9]+$' "$TMP/out" || fail "the moved term is not 2: $(grep moved "$TMP/out")"
run 0 verify "$school" "$good" --reference "$good"
grep -Eq '^  moved +0 ' "$TMP/out" || fail "the moved term is not 0 against itself"

# co-teaching: a lesson of two teachers is written as `teacher: [a, b]` and read back
cat >"$TMP/co.yaml" <<'YAML'
school: {name: "Совместные уроки", days: [mon, tue]}
bells: ["08:00-08:45", "08:55-09:40"]
shifts: {1: {periods: 1-2}}
subjects: {chemistry: {}, math: {}}
teachers: {aliev: {subjects: [chemistry]}, temirova: {subjects: [chemistry]}, asanova: {subjects: [math]}}
classes: {9А: {grade: 9, shift: 1}}
lessons:
  - {class: 9А, subject: chemistry, teacher: [aliev, temirova], per_week: 1}
  - {class: 9А, subject: math, teacher: asanova, per_week: 2}
YAML
run 0 solve "$TMP/co.yaml" --method greedy -o "$TMP/co-tt.yaml"
grep -q 'teacher: \[aliev, temirova\]' "$TMP/co-tt.yaml" || fail "the co-taught lesson is not written as a teacher list: $(cat "$TMP/co-tt.yaml")"
run 0 verify "$TMP/co.yaml" "$TMP/co-tt.yaml"
out_has "3 of 3 lessons placed"
err_empty
sed 's/teacher: \[aliev, temirova\]/teacher: [aliev, nobody]/' "$TMP/co-tt.yaml" >"$TMP/co-bad.yaml"
run 1 verify "$TMP/co.yaml" "$TMP/co-bad.yaml"
err_has "no teacher 'nobody'"

# bad input
run 2 verify "$school" no/such/timetable.yaml
err_has "schedule: "
err_has "no/such/timetable.yaml"
out_empty
run 2 verify no/such/school.yaml "$good"
err_has "schedule: "
run 2 verify "$school" "$good" --reference no/such/old.yaml
err_has "no/such/old.yaml"
printf 'timetable: {school: x, lessons: [{class: 5А, subject: math, n: 1, day: someday, period: 1}]}\n' >"$TMP/bad-tt.yaml"
run 2 verify "$school" "$TMP/bad-tt.yaml"
grep -Eq "bad-tt\.yaml:1:[0-9]+: (error|warning): " "$TMP/err" || fail "no file:line:col for a bad day: $(cat "$TMP/err")"

finish
