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
