#!/usr/bin/env bash
# CLI: the school year as an operator uses it: calendar init/show/edits with what they change,
# dated lessons of a day and a week (xlsx, pdf), and bad input refused with nothing written.
source "$(dirname "$0")/lib/common.bash" "$1"

DB="$TMP/school.db"
# a fixed timetable (what the greedy gave once), so the expected lessons below do not follow solver changes
run 0 import examples/small.yaml --db "$DB" --timetable tests/cli/data/small-greedy.yaml

# no calendar yet
run 2 calendar show --db "$DB"
err_has "no calendar yet: make one with 'schedule calendar init"
run 2 day --db "$DB" --date 2026-12-01
err_has "no calendar yet"

# init takes the year from the school (2026-2027) and the Kyrgyz defaults
run 0 calendar init --db "$DB"
out_has "made the school year 2026/2027 from calendar-kg.yaml"
out_has "year     2026-09-01  2027-05-31    5-6  5-day   170  34.0 of 34"
out_has "autumn  2026-11-02  2026-11-08  all grades  Осенние каникулы"
out_has "2027-03-10  Ср  Орозо айт"
run 2 calendar init --db "$DB" --year 2026
err_has "a calendar of 2026/2027 is there already; --force replaces it"
run 0 calendar init --db "$DB" --year 2026 --force
out_has "No class gains or loses a lesson"
run 2 calendar init --db "$DB" --year 26
err_has "--year is the year the school year starts in"
run 2 calendar init --db "$DB" --force --defaults "$TMP/nothing.yaml"
err_has "nothing.yaml"

run 0 calendar show --db "$DB" --json
out_is_json
json 'd["year"] == 2026 and d["first"] == "2026-09-01" and d["last"] == "2027-05-31"'
json '[q["first"] for q in d["quarters"]] == ["2026-09-01", "2026-11-10", "2027-01-11", "2027-03-23"]'
json 'len(d["holidays"]) == 15 and len(d["breaks"]) == 4 and d["diagnostics"] == []'
json 'd["grades"][0]["grade"] == 5 and d["grades"][0]["days"] == [170, 44, 36, 43, 47] and d["grades"][0]["norm"] == 34'
cp "$TMP/out" "$TMP/before.json"

# refused edits: a clear message, exit 2, and the calendar as it was
run 2 calendar quarter 2 --db "$DB" --from 2026-10-20 --to 2026-12-29
err_has "quarter 1 (2026-09-01 .. 2026-11-01) overlaps quarter 2 (2026-10-20 .. 2026-12-29)"
run 2 calendar quarter 3 --db "$DB" --from 2027-01-07 --to 2027-03-14
err_has "quarter 3 starts on 2027-01-07, a holiday (Рождество Христово)"
err_has "the calendar would not be valid: nothing written"
run 2 calendar holiday 2027-07-01 --db "$DB" --name "Лето"
err_has "holiday 2027-07-01 (Лето) is not inside the school year (2026-09-01 .. 2027-05-31)"
run 2 calendar holiday 2027-02-30 --db "$DB"
err_has "'2027-02-30' is not a day of the calendar"
run 2 calendar break sprng --db "$DB" --remove
err_has "no break 'sprng' in the calendar (did you mean spring?)"
run 2 calendar quarter 5 --db "$DB" --from 2027-01-07 --to 2027-03-14
err_has "the quarter is 1, 2, 3 or 4"
run 2 calendar transfer 2026-11-14 --db "$DB"
err_has "give one of --follows DAY, --off and --remove"
run 2 calendar frobnicate --db "$DB"
err_has "unknown action 'frobnicate'"
run 0 calendar show --db "$DB" --json
cmp -s "$TMP/out" "$TMP/before.json" || fail "a refused edit changed the calendar"

# The Ministry moves the year's end: what changed, per class, in quarter 4
run 0 calendar set --db "$DB" --last 2027-05-25
out_has "the school year is now 2026-09-01 .. 2027-05-25"
out_has "class  before  after  change  Q1  Q2  Q3"
grep -qE '^  5А +[0-9]+ +[0-9]+ +-[0-9]+ +\. +\. +\. +-[0-9]+$' "$TMP/out" || fail "calendar set: no loss in quarter 4 for 5А: $(cat "$TMP/out")"
run 0 calendar set --db "$DB" --last 2027-05-31
# a moved spring break moves the quarters next to it
run 0 calendar break spring --db "$DB" --from 2027-03-20 --to 2027-03-28
out_has "the break spring is now 2027-03-20 .. 2027-03-28"
run 0 calendar show --db "$DB" --json
json '[q["last"] for q in d["quarters"]][2] == "2027-03-19" and d["quarters"][3]["first"] == "2027-03-29"'
# a moving holiday and a Saturday working by Monday's timetable (here a 5-day school gains that day)
run 0 calendar holiday 2027-05-17 --db "$DB" --name "Курман айт (выходной)"
out_has "2027-05-17 is a holiday (Курман айт (выходной))"
run 0 calendar transfer 2026-11-14 --db "$DB" --follows mon --note "отработка"
out_has "2026-11-14 follows Monday's timetable"
grep -qE '^  5А +[0-9]+ +[0-9]+ +\+[0-9]+ +\. +\+[0-9]+ +\. +\.$' "$TMP/out" || fail "transfer: 5А gains nothing in quarter 2: $(cat "$TMP/out")"
run 0 day --db "$DB" --date 2026-11-14 --class 5А
out_has "Суббота, 14.11.2026 — 2 четверть — по расписанию: Понедельник"
run 0 calendar norm --db "$DB" --grades 5-6 --weeks 36
err_has "grades 5-6 have"
err_has "short of the 36 they need"
run 0 calendar norm --db "$DB" --grades 5-6 --weeks 34

# dated lessons of a day
run 0 day --db "$DB" --date 2026-12-01 --class 5А
out_has "Вторник, 01.12.2026 — 2 четверть"
out_has "09:50-10:35  Математика"
run 0 day --db "$DB" --date 2027-03-08 --class 5А
out_has "праздник: Международный женский день"
out_has "уроков нет"
run 0 day --db "$DB" --date 2026-11-03 --teacher asanova
out_has "каникулы: Осенние каникулы"
run 0 day --db "$DB" --date 2026-12-01 --json
out_is_json
json 'len(d) > 10 and all(l["date"] == "2026-12-01" and l["status"] == "planned" for l in d)'
run 2 day --db "$DB" --date 2027-07-01
err_has "the date 2027-07-01 is outside the school year 2026/2027 (2026-09-01 .. 2027-05-31)"
run 2 day --db "$DB" --date 2026-12-01 --class 5В
err_has "no class '5В' in the school; did you mean '5А'?"
run 2 day --db "$DB" --date 2026-12-01 --teacher asanva
err_has "did you mean 'asanova'?"
run 2 day --db "$DB" --date 1.12.2026
err_has "expected YYYY-MM-DD"
run 2 day --db "$DB"
err_has "give --date"

# the week view, with its dates, for people
run 0 day --db "$DB" --date 2026-12-02 --week --class 5А
out_has "Понедельник, 30.11.2026"
out_has "Пятница, 04.12.2026"
run 0 day --db "$DB" --date 2026-12-02 --class 5А -o "$TMP/week.xlsx"
out_has "the week 2026-11-30 .. 2026-12-06"
python3 - "$TMP/week.xlsx" <<'PY' || fail "week.xlsx does not read back with the dated headers"
import sys, zipfile
s = zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode()
assert "Понедельник\n30.11.2026" in s and "Класс 5А" in s, s[:500]
PY
run 0 day --db "$DB" --date 2026-12-02 -o "$TMP/week.pdf"
head -c 5 "$TMP/week.pdf" | grep -q '%PDF-' || fail "week.pdf is not a PDF"
run 2 day --db "$DB" --date 2026-12-02 -o "$TMP/week.csv"
err_has "-o writes .xlsx or .pdf"
[ ! -e "$TMP/week.csv" ] || fail "a refused export wrote a file"

# the dated verifier over the year
run 0 day --db "$DB" --verify
out_has "no teacher, class or room double-booked"
run 2 day --db "$DB" --verify --from 2026-08-01
err_has "outside the school year"

# lessons per quarter against weekly hours x weeks
run 0 calendar lessons --db "$DB" --class 5А
out_has "5А (grade 5, weeks: Q1 8.8"
out_has "Математика"
run 0 calendar lessons --db "$DB" --json
out_is_json
json 'all(len(r["given"]) == 5 and r["given"][0] == sum(r["given"][1:]) for r in d)'
json 'any(r["class"] == "5А" and r["subject"] == "math" and r["per_week"] == 5 and r["planned"][0] == 170 for r in d)'

finish
