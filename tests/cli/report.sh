#!/usr/bin/env bash
# CLI: the reports on the hand-computed journal (tests/cli/data/report/journal.sql): quality,
# attendance, homework and progress on the terminal, as csv, json, xlsx and pdf; bad input.
source "$(dirname "$0")/lib/common.bash" "$1"

DB="$TMP/school.db"
run 0 import examples/small.yaml --db "$DB"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()' \
	"$DB" tests/cli/data/report/journal.sql || fail "cannot load the fixture"

# no calendar yet: a clear error, nothing written
run 2 report attendance --db "$DB" --class 5А --quarter 1 -o "$TMP/a.xlsx"
err_has "no calendar with quarters"
[ ! -e "$TMP/a.xlsx" ] || fail "a failed report left a file"
run 0 calendar init --year 2026 --db "$DB"
run 0 grades suggest --db "$DB" --class 5А --quarter 1

# quality of 5А in quarter 1, by subject (docs/reports.md works it out by hand)
run 0 report quality --db "$DB" --class 5А --quarter 1
out_has "Качество знаний и успеваемость"
out_has "Школа-гимназия №5 · 2026-2027 учебный год · I четверть · 5А"
out_has "Директор: ____"
grep -E '^5А +Математика +5 +1 +1 +2 +0 +1 +40\.0 +80\.0 +3\.75$' "$TMP/out" >/dev/null || fail "quality: math row"
grep -E '^5А +Русский язык +5 +2 +2 +1 +0 +0 +80\.0 +100\.0 +4\.20$' "$TMP/out" >/dev/null || fail "quality: russian row"
grep -E '^5А +Все предметы +5 +1 +2 +2 +0 +0 +60\.0 +100\.0 +4\.00$' "$TMP/out" >/dev/null || fail "quality: class row"
run 0 report quality --db "$DB" --quarter 1 --format json -o -
out_is_json
json 'd["rows"][-1]["class"] == "Школа" and d["rows"][-1]["total"] is True'
json 'd["rows"][-1]["pupils"] == 6 and d["rows"][-1]["quality"] == 50.0 and d["rows"][-1]["success"] == 83.3'
run 0 report quality --db "$DB" --class 5А --quarter 1 --format csv -o -
out_has "5А,Математика,5,1,1,2,0,1,40.0,80.0,3.75"

# attendance, homework
run 0 report attendance --db "$DB" --class 5А --quarter 1 --format json -o -
json 'd["rows"][0]["pupil"] == "Алиев Бакыт" and d["rows"][0]["absent"] == 2 and d["rows"][0]["excused"] == 1'
json 'd["rows"][0]["math"] == 2 and d["rows"][0]["russian"] == 1'
json 'd["rows"][-1]["absent"] == 3 and d["rows"][-1]["excused"] == 1 and d["rows"][-1]["late"] == 1 and d["rows"][-1]["missed"] == 4'
run 0 report attendance --db "$DB" --quarter 1
out_has "Посещаемость"
run 0 report homework --db "$DB" --format json -o -
json '[(r["subject"], r["class"], r["q1"], r["q2"], r["year"]) for r in d["rows"]][:3] == [("Математика", "5А", 3, 1, 4), ("Математика", "5Б", 1, 0, 1), ("Русский язык", "5А", 2, 0, 2)]'

# progress needs the active timetable
run 2 report progress --db "$DB" --quarter 1
err_has "no active timetable"
run 0 solve --db "$DB" -m greedy -q
run 0 report progress --db "$DB" --quarter 1 --class 5А --format json -o -
json '[r["given"] for r in d["rows"] if r["subject"] == "Математика"] == [3]'
json '[r["given"] for r in d["rows"] if r["subject"] == "Русский язык" and r["teacher"] == "Петрова Е.В."] == [2]'
json 'all(r["planned"] > 0 for r in d["rows"])'

# files: xlsx and pdf written, read back
for k in quality attendance homework progress; do
	run 0 report $k --db "$DB" --quarter 1 -o "$TMP/$k.xlsx"
	run 0 report $k --db "$DB" --quarter 1 -o "$TMP/$k.pdf"
	[ "$(head -c 2 "$TMP/$k.xlsx")" = "PK" ] || fail "$k.xlsx is not a zip"
	[ "$(head -c 4 "$TMP/$k.pdf")" = "%PDF" ] || fail "$k.pdf is not a PDF"
done
python3 - "$TMP/quality.xlsx" <<'PY' || fail "quality.xlsx: the sheet lacks the title, school or Директор line"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = z.read("xl/sharedStrings.xml").decode()
for s in ["Качество знаний и успеваемость", "Школа-гимназия №5", "Директор:", "Успеваемость, %"]:
    assert s in strings, s
PY
if command -v pdftotext >/dev/null; then
	pdftotext "$TMP/quality.pdf" - | grep -q "Директор" || fail "quality.pdf lacks the Директор line"
fi

# bad input gets a clear message and writes nothing
run 2 report quality --db "$DB" --class 5В -o "$TMP/bad.xlsx"
err_has "no class \"5В\"; did you mean"
run 2 report quality --db "$DB" --class 6А -o "$TMP/bad.xlsx"
err_has "class 6А has no pupils"
run 2 report quality --db "$DB" --quarter 5 -o "$TMP/bad.xlsx"
err_has "--quarter '5': expected 1, 2, 3 or 4"
[ ! -e "$TMP/bad.xlsx" ] || fail "a failed report left a file"
run 2 report qualty --db "$DB"
err_has "did you mean 'quality'"
run 2 report quality --db "$DB" --format pdf
err_has "give -o <file>"
run 2 report quality --db "$DB" -o "$TMP/x.txt"
err_has "cannot tell the format"
run 2 report quality --db "$DB" --quarter 1 --year
err_has "not both"
run 2 report quality --db "$TMP/none.db"
err_has "no such school database"
run 2 report quality
err_has "--db <school.db> is required"
run 0 report --help
out_has "quality|attendance|homework|progress"

finish
