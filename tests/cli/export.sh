#!/usr/bin/env bash
# CLI: `schedule export` of a solved example school to every format, read back; views, filters,
# languages, stdout, the database, and every bad input with exit 2 and no file left behind.
source "$(dirname "$0")/lib/common.bash" "$1"

SCHOOL=examples/small.yaml
TT="$TMP/tt.yaml"
"$SCHEDULE" solve "$SCHOOL" -o "$TT" --method greedy -q >/dev/null 2>&1 || fail "solve did not make a timetable"

# Python's reading of an .xlsx: the sheet names, then every shared string.
xlsx_dump() {
	python3 - "$1" <<'PY'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
print("|".join(re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())))
print(z.read("xl/sharedStrings.xml").decode())
PY
}

# every format, from the extension
for fmt in xlsx pdf csv json html; do
	run 0 export "$SCHOOL" "$TT" -o "$TMP/t.$fmt"
	out_empty
	err_empty
	[ -s "$TMP/t.$fmt" ] || fail "export -o t.$fmt wrote nothing"
done
ls -A "$TMP" | grep -q '\.tmp-' && fail "a temporary file was left: $(ls -A "$TMP")"

xlsx_dump "$TMP/t.xlsx" >"$TMP/xlsx.txt" || fail "the xlsx is not a zip of XML"
head -1 "$TMP/xlsx.txt" | grep -qF "Классы|Учителя|5А|5Б|6А|6Б|Асанова Г.К.|" || fail "xlsx sheets: $(head -1 "$TMP/xlsx.txt")"
grep -qF "Математика" "$TMP/xlsx.txt" || fail "xlsx: no subject names"
grep -qF "Понедельник" "$TMP/xlsx.txt" || fail "xlsx: no day names"

if command -v pdftotext >/dev/null; then
	pdftotext "$TMP/t.pdf" "$TMP/pdf.txt" 2>/dev/null || fail "pdftotext cannot read the PDF"
	grep -qF "Расписание уроков — Класс 5А" "$TMP/pdf.txt" || fail "pdf: no page for 5А"
	grep -qF "Школа-гимназия №5" "$TMP/pdf.txt" || fail "pdf: no school name"
	grep -qF "Жумабаева Ч.С." "$TMP/pdf.txt" || fail "pdf: no teacher name"
fi

head -1 "$TMP/t.csv" | grep -qF "day,day_name,period,start,end,class,group,subject,subject_ru,subject_ky,teacher,teacher_name,room" ||
	fail "csv header: $(head -1 "$TMP/t.csv")"
# one row per lesson and period: 92 lessons, 4 double lessons, the split English lessons twice
rows=$(python3 -c 'import csv, sys; print(len(list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))))' "$TMP/t.csv")
jrows=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["placements"]))' "$TMP/t.json")
[ "$rows" = "$jrows" ] || fail "csv has $rows rows, json $jrows"
[ "$rows" -gt 92 ] || fail "csv has only $rows rows"
python3 - "$TMP/t.html" <<'PY' || fail "the HTML is not well-formed"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "meta"): self.stack.append(tag)
    def handle_endtag(self, tag):
        assert self.stack.pop() == tag
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); assert not p.stack
PY

# --format wins over the extension; one class; Kyrgyz; stdout
run 0 export "$SCHOOL" "$TT" --format csv -o "$TMP/t.txt"
head -1 "$TMP/t.txt" | grep -qF "day,day_name" || fail "--format csv did not write CSV"
run 0 export "$SCHOOL" "$TT" --bom -o "$TMP/bom.csv"
[ "$(head -c 3 "$TMP/bom.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "--bom: no byte order mark"
[ "$(head -c 3 "$TMP/t.csv")" = "day" ] || fail "a byte order mark without --bom"
run 0 export "$SCHOOL" "$TT" --class 5А --format csv -o -
out_has "day,day_name,period"
out_has ",5А,"
out_lacks ",5Б,"
run 0 export "$SCHOOL" "$TT" --teacher smirnova --lang ky --format json -o -
out_is_json
json 'all(p["teacher"]["id"] == "smirnova" for p in d["placements"]) and len(d["placements"]) > 0'
json 'd["days"][0]["name"] == "Дүйшөмбү" and d["lang"] == "ky"'
run 0 export "$SCHOOL" "$TT" --view school -o "$TMP/school.xlsx"
xlsx_dump "$TMP/school.xlsx" | head -1 | grep -qx "Классы|Учителя" || fail "--view school: $(xlsx_dump "$TMP/school.xlsx" | head -1)"
run 0 export "$SCHOOL" "$TT" --room спортзал -o "$TMP/gym.html"
grep -qF "Кабинет спортзал" "$TMP/gym.html" || fail "--room: no grid of the gym"
run 0 export "$SCHOOL" "$TT" --view teacher --lang ky -o "$TMP/ky.xlsx"
xlsx_dump "$TMP/ky.xlsx" | grep -qF "Шейшемби" || fail "--lang ky: no Kyrgyz day names in the xlsx"

# the database: the active version, and a version by number
DB="$TMP/school.db"
if "$SCHEDULE" import "$SCHOOL" --db "$DB" >/dev/null 2>&1 &&
	"$SCHEDULE" solve --db "$DB" --method greedy -q >/dev/null 2>&1; then
	run 0 export --db "$DB" -o "$TMP/db.csv"
	cmp -s <(tail -n +2 "$TMP/db.csv" | sort) <(tail -n +2 "$TMP/t.csv" | sort) ||
		[ "$(wc -l <"$TMP/db.csv")" -gt 90 ] || fail "export --db: $(wc -l <"$TMP/db.csv") lines"
	run 0 export --db "$DB" --version 1 --class 6Б -o "$TMP/db.pdf"
	[ -s "$TMP/db.pdf" ] || fail "export --db --version 1 wrote nothing"
	run 2 export --db "$DB" --version 7 -o "$TMP/db7.csv"
	err_has "schedule: "
	[ -e "$TMP/db7.csv" ] && fail "a file was written for a missing version"
	run 2 export --db "$TMP/no-such.db" -o "$TMP/x.csv"
	err_has "no-such.db"
else
	fail "cannot make a database to export from"
fi

# bad input: exit 2, a message, no file
run 2 export "$SCHOOL" "$TT"
err_has "missing -o"
run 2 export "$SCHOOL" "$TT" -o "$TMP/t.docx"
err_has "cannot tell the format"
run 2 export "$SCHOOL" "$TT" -o "$TMP/t.xlsx" --format odt
err_has "--format 'odt'"
run 2 export "$SCHOOL" "$TT" -o "$TMP/t.xlsx" --view pupils
err_has "--view 'pupils'"
run 2 export "$SCHOOL" "$TT" -o "$TMP/t.xlsx" --lang en
err_has "--lang 'en'"
run 2 export "$SCHOOL" "$TT" -o "$TMP/t.xlsx" --class 5А --teacher asanova
err_has "one of --class, --teacher and --room"
run 2 export "$SCHOOL" "$TT" -o "$TMP/t.xlsx" --view teacher --class 5А
err_has "does not go with --view teacher"
run 2 export "$SCHOOL" "$TT" -o "$TMP/t5.xlsx" --class 5a
err_has "no class '5a'; did you mean '5А'?"
[ -e "$TMP/t5.xlsx" ] && fail "a file was written for an unknown class"
run 2 export "$SCHOOL" "$TT" -o - --format pdf
err_has "cannot go to stdout"
run 2 export "$SCHOOL" "$TT" --version 2 -o "$TMP/x.csv"
err_has "--version needs --db"
run 2 export "$SCHOOL" -o "$TMP/x.csv"
run 2 export "$SCHOOL" "$TT" -o "$TMP/no/such/dir/t.pdf"
err_has "cannot write"
run 2 export "$SCHOOL" no/such/timetable.yaml -o "$TMP/x.csv"
err_has "no/such/timetable.yaml"
[ -e "$TMP/x.csv" ] && fail "a file was written for a missing timetable"
run 0 export --help
out_has "usage: schedule export"

finish
