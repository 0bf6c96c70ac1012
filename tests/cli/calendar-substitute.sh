#!/usr/bin/env bash
# CLI: covering absent teachers as an operator does: propose, apply, single covers checked by the
# same rules, cancellations, swaps, the sheet and counts; bad input refused with nothing written.
source "$(dirname "$0")/lib/common.bash" "$1"

DB="$TMP/school.db"
# a fixed timetable (what the greedy gave once), so the expected lessons below do not follow solver changes
run 0 import examples/small.yaml --db "$DB" --timetable tests/cli/data/small-greedy.yaml
run 2 substitute --db "$DB" --teacher petrova --from 2026-12-01
err_has "no calendar yet"
run 0 calendar init --db "$DB"

# changes recorded, as a count of rows
changes() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM day_changes").fetchone()[0])' "$DB"; }

# A proposal writes nothing. petrova and ivanova both teach Russian and literature; asanova is the
# only math teacher.
run 0 substitute --db "$DB" --teacher petrova --from 2026-12-01 --to 2026-12-04 --reason болезнь
out_has "Absence of Петрова Е.В., 2026-12-01 .. 2026-12-04 (болезнь)"
out_has "-> Иванова Н.П."
out_has "Nothing written: add --apply"
[ "$(changes)" = 0 ] || fail "a proposal wrote changes"
run 0 substitute --db "$DB" --teacher asanova --from 2026-12-01
out_has "no cover: nobody else is qualified for Математика"
run 0 substitute --db "$DB" --teacher petrova --from 2026-12-01 --to 2026-12-04 --json
out_is_json
json 'd["teacher"] == "petrova" and d["covered"] + d["uncovered"] == len(d["lessons"]) and d["applied"] is False'
json 'all(l["substitute"] in (None, "ivanova") for l in d["lessons"])'
json 'all(l["why"].startswith("all qualified teachers are busy: Иванова Н.П. (teaches ") for l in d["lessons"] if l["substitute"] is None)'

# bad input: nothing written
run 2 substitute --db "$DB" --teacher petrva --from 2026-12-01
err_has "no teacher 'petrva' in the school; did you mean 'petrova'?"
run 2 substitute --db "$DB" --teacher petrova --from 2027-06-01
err_has "--from 2027-06-01 is outside the school year 2026/2027"
run 2 substitute --db "$DB" --teacher petrova --from 2026-12-04 --to 2026-12-01
err_has "--to (2026-12-01) comes before --from (2026-12-04)"
run 2 substitute --db "$DB" --from 2026-12-01
err_has "give the absent --teacher"
[ "$(changes)" = 0 ] || fail "bad input wrote changes"

# apply: recorded, shown in the day's lessons, nobody double-booked
run 0 substitute --db "$DB" --teacher petrova --from 2026-12-01 --to 2026-12-04 --reason болезнь --apply
out_has "recorded absence 1 and its covers"
n=$(changes)
[ "$n" -gt 0 ] || fail "apply recorded no covers"
run 2 substitute --db "$DB" --teacher petrova --from 2026-12-03 --apply
err_has "Петрова Е.В. is already recorded absent 2026-12-01 .. 2026-12-04 (absence 1)"
run 0 day --db "$DB" --date 2026-12-01 --teacher ivanova
out_has "(замена; по расписанию Петрова Е.В.)"
run 0 day --db "$DB" --verify
out_has "no teacher, class or room double-booked, no absent teacher teaching"
run 0 substitute list --db "$DB"
out_has "1  Петрова Е.В.  2026-12-01 .. 2026-12-04  болезнь"
out_has "cover   5Б russian: Иванова Н.П. for Петрова Е.В.  [absence 1]"

# a single cover, checked by the same rules; the lesson named by date, class and bell
run 2 substitute set --db "$DB" --date 2026-12-02 --class 5А --period 4 --by asanova
err_has "Асанова Г.К. is not qualified for Русский язык"
err_has "may-cover --teacher asanova --add russian"
run 2 substitute set --db "$DB" --date 2026-12-02 --class 5А --period 4 --by ivanova
err_has "Иванова Н.П. cannot cover 5А Русский язык at bell 4 on 2026-12-02 (Ср): teaches 6Б Литература at bell 4"
run 2 substitute set --db "$DB" --date 2026-12-02 --class 5А --period 4 --by smirnva
err_has "did you mean 'smirnova'?"
run 2 substitute set --db "$DB" --date 2026-12-05 --class 5А --period 4 --by smirnova
err_has "5А has no lesson at bell 4 on Сб 05.12.2026"
run 2 substitute set --db "$DB" --date 2026-12-02 --class 5А --period 4
err_has "give the substitute with --by"
[ "$(changes)" = "$n" ] || fail "a refused cover wrote a change"
run 0 substitute may-cover --db "$DB" --teacher smirnova --add russian
out_has "Смирнова О.Л. may cover: russian (listed), english (own)"
run 0 substitute candidates --db "$DB" --date 2026-12-02 --class 5А --period 4
out_has "1  Смирнова О.Л.  free"
out_has "-  Иванова Н.П.   teaches 6Б at bell 4"
run 0 substitute set --db "$DB" --date 2026-12-02 --class 5А --period 4 --by smirnova
out_has "Смирнова О.Л. covers 5А Русский язык, Петрова Е.В. at bell 4 on Ср 02.12.2026"
# two groups at one bell: name which
run 2 substitute set --db "$DB" --date 2026-12-01 --class 5А --period 4 --by smirnova
err_has "2 lessons of 5А at bell 4: name the lesson's --teacher or --subject"

# a cancellation and a swap (and the swap undone by swapping back)
run 0 substitute cancel --db "$DB" --date 2026-12-04 --class 5Б --period 4
out_has "cancelled 1 lesson of 5Б at bell 4"
run 0 day --db "$DB" --date 2026-12-04 --class 5Б
out_has "(отменён)"
run 0 substitute swap --db "$DB" --date 2026-12-03 --class 6А --period 3 --with 5
out_has "6А: bells 3 and 5 swapped"
run 0 day --db "$DB" --date 2026-12-03 --class 6А
out_has "(перенесён)"
run 2 substitute swap --db "$DB" --date 2026-12-03 --class 6А --period 1 --with 6
err_has "cannot move to bell 6: outside the class's shift"
run 0 day --db "$DB" --verify
out_has "no teacher, class or room double-booked"

# the sheet and the counts
run 0 substitute sheet --db "$DB" --date 2026-12-01 --to 2026-12-04 -o "$TMP/sheet.xlsx"
python3 - "$TMP/sheet.xlsx" <<'PY' || fail "sheet.xlsx does not read back"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/sharedStrings.xml").decode()
w = z.read("xl/workbook.xml").decode()
assert "Лист замен" in w and "Замены по учителям" in w, w
assert "Иванова Н.П." in s and "Петрова Е.В." in s and "болезнь" in s and "Вторник, 01.12.2026" in s, s[:800]
PY
run 0 substitute sheet --db "$DB" --date 2026-12-02 -o "$TMP/sheet.pdf" --lang ky
head -c 5 "$TMP/sheet.pdf" | grep -q '%PDF-' || fail "sheet.pdf is not a PDF"
run 2 substitute sheet --db "$DB" --date 2026-12-02 -o "$TMP/sheet.txt"
err_has "-o writes .xlsx or .pdf"
run 0 substitute counts --db "$DB" --json
out_is_json
json 'any(r["teacher"] == "ivanova" and r["quarters"][1] >= 1 and r["months"]["12"] == r["total"] for r in d)'

# undo: the cancellation, then the absence with its covers (the manual one answers it too)
cancel=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT max(id) FROM day_changes WHERE kind = 2").fetchone()[0])' "$DB")
run 0 substitute undo --db "$DB" "$cancel"
out_has "removed change $cancel"
run 2 substitute undo --db "$DB" 999
err_has "no change 999"
run 2 substitute undo --db "$DB" x1
err_has "'x1' is not an id"
run 0 substitute undo --db "$DB" 1 --absence
out_has "removed absence 1 and the covers answering it"
run 0 day --db "$DB" --date 2026-12-01 --class 5Б
out_lacks "замена"
run 2 substitute frob --db "$DB"
err_has "unknown action 'frob'"

finish
