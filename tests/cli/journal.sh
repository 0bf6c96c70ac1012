#!/usr/bin/env bash
# CLI: the journal as a teacher uses it: marks, attendance, topics, homework with files, the
# class-subject grid (terminal, json, xlsx, pdf), bulk marks, closed quarters; bad input refused.
source "$(dirname "$0")/lib/common.bash" "$1"

DB="$TMP/school.db"
DATA=tests/cli/data/journal
count() { sqlite3 "$DB" "$1"; }
run 0 import examples/small.yaml --db "$DB" --timetable tests/cli/data/small-greedy.yaml
run 2 journal mark "#1" 5 --db "$DB" --class 5А --subject math --date 2026-10-05
err_has "no calendar yet"
run 0 calendar init --db "$DB"
run 0 pupils import "$DATA/pupils-small.csv" --db "$DB"
L="--class 5А --subject math"

# 5А on Monday 2026-10-05: math at bell 2; Tuesday 10-06: math at 3, english split en1/en2 at 4
run 0 journal mark "Асанов" 5 --db "$DB" $L --date 2026-10-05 --user asanova
out_has "pupil #1: mark 5"
run 0 journal mark "Асанов" 4 --db "$DB" $L --date 2026-10-05 --kind "контрольная"
run 0 journal mark "Иванова Мария" 3 --db "$DB" $L --date 2026-10-05
run 0 journal mark "Иванова Мария" 4 --db "$DB" $L --date 2026-10-05 --user asanova
run 0 journal attend "Токтогулова" н --db "$DB" $L --date 2026-10-05
run 0 journal attend "Ким" late --db "$DB" $L --date 2026-10-06
run 0 journal mark "Ким" 5 --db "$DB" $L --date 2026-10-06
run 0 journal mark 11203201500101 5 --db "$DB" --class 5А --subject english --date 2026-10-06
run 0 journal mark 20107201500102 4 --db "$DB" --class 5А --subject english --date 2026-10-06 --json
json 'd["mark"] == "4"'
[ "$(count "SELECT count(*) FROM journal_lessons WHERE subject = 'english' AND grp IN ('en1', 'en2')")" = 2 ] ||
	fail "english parts by group"
[ "$(count "SELECT old || '>' || new || ' ' || by FROM audit WHERE entity = 'mark' AND pupil = 2 AND old IS NOT NULL")" = "3>4 asanova" ] ||
	fail "the audit of a changed mark"

# bad input: a clear message, exit 2, nothing written
before="$(count "SELECT count(*) FROM marks") $(count "SELECT count(*) FROM audit")"
run 2 journal mark "Асанов" 6 --db "$DB" $L --date 2026-10-05
err_has "mark '6' is not in the grading scheme of grade 5 (marks5: 5, 4, 3, 2)"
run 2 journal mark "Осмонов" 5 --db "$DB" $L --date 2026-10-05
err_has "pupil 'Осмонов'"
run 2 journal mark "#5" 5 --db "$DB" $L --date 2026-10-05
err_has "pupil #5 is in class 6Б, not 5А"
run 2 journal mark "Асанов" 5 --db "$DB" $L --date 2026-10-10
err_has "class 5А has no lessons on 10.10.2026"
run 2 journal mark "Асанов" 5 --db "$DB" --class 5А --subject pe --date 2026-10-06
err_has "class 5А has no pe lesson on 06.10.2026 (its lessons that day: labour, math, english, literature)"
run 2 journal mark "Асанов" 5 --db "$DB" $L --date 2026-10-05 --period 4
err_has "class 5А has no math lesson at bell 4 on 05.10.2026"
run 2 journal mark "Иванова" 5 --db "$DB" --class 5А --subject english --date 2026-10-06 --group en1
err_has "is in group en2, not in group en1"
run 2 journal mark "Асанов" 5 --db "$DB" --class 5А --subject maths --date 2026-10-06
err_has "no subject 'maths' in the school; did you mean 'math'?"
run 2 journal mark "Асанов" 5 --db "$DB" $L --date 2026-13-01
err_has "--date"
run 2 journal attend "Асанов" sick --db "$DB" $L --date 2026-10-05
err_has "attendance 'sick': present, absent (н), excused, late or clear"
run 2 journal mark "Асанов" --db "$DB" $L --date 2026-10-05
err_has "mark takes PUPIL and VALUE"
run 2 journal topic "Дроби" --db "$DB" --class 5А --subject english --date 2026-10-06
err_has "class 5А has 2 english lessons on 06.10.2026 (en1, en2): give the group (--group)"
run 2 journal topic "Дроби" --db "$DB" --class 5А --date 2026-10-06
err_has "name the lesson: --class C --subject S --date D"
[ "$(count "SELECT count(*) FROM marks") $(count "SELECT count(*) FROM audit")" = "$before" ] || fail "bad input wrote something"

# topics and homework with files
run 0 journal topic "Натуральные числа" --db "$DB" $L --date 2026-10-05
run 0 journal topic "Present Simple" --db "$DB" --class 5А --subject english --date 2026-10-06 --group en1
run 0 journal homework "№ 12, 14 на стр. 8" --db "$DB" $L --date 2026-10-05 --due 2026-10-06 --json
json 'd["homework"] == 1'
run 0 journal attach 1 "$DATA/task.pdf" --db "$DB"
out_has "attached to homework #1"
run 2 journal attach 1 "$DATA/task.pdf" --db "$DB" --name "параграф.pdf"
err_has "параграф.pdf: homework #1 has this file already"
run 2 journal attach 1 "$DATA/task.doc" --db "$DB"
err_has "task.doc: not a pdf, doc, docx, xls or xlsx file (by its content)"
run 2 journal attach 9 "$DATA/task.pdf" --db "$DB"
err_has "no homework #9"
run 0 journal homework "Выучить правило" --db "$DB" $L --date 2026-10-06
run 0 journal attach 2 "$DATA/task.pdf" --db "$DB" --name "параграф.pdf"
[ "$(count "SELECT count(*) || ' ' || (SELECT count(*) FROM homework_files) FROM attachments")" = "1 2" ] ||
	fail "the file is stored once"
run 0 journal homework --id 1 --text "№ 12, 15 на стр. 8" --db "$DB"
run 2 journal homework --id 1 --due 2026-10-01 --db "$DB"
err_has "homework due 2026-10-01, before the lesson of 2026-10-05"
run 0 journal homework --id 2 --delete --db "$DB"
[ "$(count "SELECT count(*) || ' ' || (SELECT count(*) FROM homework_files) FROM attachments")" = "1 1" ] ||
	fail "the file stays while homework 1 has it"
run 0 journal export --db "$DB" --subject math --class 5А --quarter 1 -o "$TMP/topics.csv"
grep -qF '2026-10-05,2,5А,,Асанова Г.К.,Натуральные числа,"№ 12, 15 на стр. 8 (до 2026-10-06) [task.pdf]"' "$TMP/topics.csv" ||
	{ fail "topics.csv"; head -5 "$TMP/topics.csv"; }
run 0 journal export --db "$DB" --subject english --quarter 1 -o "$TMP/topics.xlsx"
[ -s "$TMP/topics.xlsx" ] || fail "topics.xlsx"

# the grid: terminal (aligned by display width), json, xlsx, pdf
run 0 journal show --db "$DB" $L --month 2026-10
out_has "Асанов Бакыт"
out_has "05.10.2026  Натуральные числа"
python3 - "$TMP/out" <<'PY' || fail "grid columns are not aligned"
import sys, unicodedata
rows = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n\n")[0].splitlines()]
w = lambda s: sum(0 if unicodedata.combining(c) else 1 for c in s)
sys.exit(0 if len({w(r) for r in rows}) == 1 else 1)
PY
run 0 journal show --db "$DB" $L --month 2026-10 --json
json '[p["cells"][2] for p in d["pupils"]] == ["5/4", "4", "", "Н"] and d["pupils"][0]["average"] == 4.5'
json 'd["lessons"][2] == {"date": "2026-10-05", "period": 2, "topic": "Натуральные числа"}'
json 'd["pupils"][2]["cells"][3] == "ОП 5"'
run 0 journal show --db "$DB" $L --month 2026-10 --format xlsx -o "$TMP/grid.xlsx"
run 0 journal show --db "$DB" $L --month 2026-10 --format pdf -o "$TMP/grid.pdf"
[ -s "$TMP/grid.xlsx" ] && [ -s "$TMP/grid.pdf" ] || fail "grid exports"
if command -v pdftotext >/dev/null; then
	pdftotext "$TMP/grid.pdf" - 2>/dev/null | grep -q "Журнал 5А — Математика" || fail "the pdf lacks its Cyrillic title"
fi
run 2 journal show --db "$DB" $L --month 2026-13
err_has "--month is YYYY-MM"
run 2 journal show --db "$DB" $L --month 2026-10 --format docx -o "$TMP/x"
err_has "--format is xlsx or pdf"

# bulk marks: all or nothing
run 0 journal import "$DATA/marks.csv" --db "$DB"
out_has "imported 5 marks from 5 rows"
before=$(count "SELECT count(*) FROM marks")
run 2 journal import "$DATA/marks-bad.csv" --db "$DB"
err_has "marks-bad.csv:3:3: error: class 5А has no lessons on 10.10.2026"
err_has "marks-bad.csv:4:1: error: no pupil '99999999999999' in class 5А"
err_has "marks-bad.csv:5:5: error: mark '6' is not in the grading scheme"
err_has "marks-bad.csv:6:1: error: pupil 11111201400105 is in class 6Б, not 5А"
err_has "4 of 5 rows are bad: nothing written"
[ "$(count "SELECT count(*) FROM marks")" = "$before" ] || fail "a bad import wrote marks"

# closed quarters
run 0 journal close 1 --db "$DB" --user zavuch
run 2 journal mark "Асанов" 3 --db "$DB" $L --date 2026-10-05
err_has "quarter 1 is closed: 2026-10-05 cannot change (reopen it: schedule journal reopen 1)"
run 2 journal close 1 --db "$DB"
err_has "quarter 1 is closed already"
run 2 journal close 5 --db "$DB"
err_has "the quarter is 1, 2, 3 or 4"
run 0 journal reopen 1 --db "$DB" --user zavuch
run 0 journal mark "Асанов" 3 --db "$DB" $L --date 2026-10-05
[ "$(count "SELECT count(*) FROM audit WHERE entity = 'quarter' AND by = 'zavuch'")" = 2 ] || fail "quarter audit"

# grading schemes as data
run 0 journal scheme --db "$DB"
out_has "grade  5  marks5     5, 4, 3, 2"
run 0 journal scheme --db "$DB" --add points10 --kind points --spec '{"values": [{"value": "10", "score": 10}, {"value": "9", "score": 9}, {"value": "1", "score": 1}]}'
run 0 journal scheme --db "$DB" --grades 6 --scheme points10
run 0 journal scheme --db "$DB" --json
json 'd["grades"][5] == {"grade": 6, "scheme": "points10", "values": "10, 9, 1"}'
run 2 journal scheme --db "$DB" --add bad --kind stars --spec '{}'
err_has "kind 'stars'"
run 2 journal scheme --db "$DB" --grades 1-3 --scheme nothing
err_has "no grading scheme 'nothing'"

# the audit trail: when, who, old -> new
run 0 journal audit "Иванова Мария" --db "$DB"
out_has "asanova    mark       #2 2026-10-05 math value: 3 -> 4"
run 0 journal audit --db "$DB" --limit 2 --json
json 'len(d["audit"]) == 2 and d["audit"][-1]["entity"] == "grading_band"'
run 2 journal audit "Никто" --db "$DB"
err_has "no pupil 'Никто'"

# usage
run 2 journal
err_has "name an action"
run 2 journal mrak --db "$DB"
err_has "did you mean 'mark'?"
finish
