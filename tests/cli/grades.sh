#!/usr/bin/env bash
# CLI: final grades on the hand-computed journal (tests/cli/data/report/journal.sql): suggest,
# the "итоговые оценки" table, the teacher's grade, the rounding rule, closed quarters, bad input.
source "$(dirname "$0")/lib/common.bash" "$1"

DB="$TMP/school.db"
run 0 import examples/small.yaml --db "$DB"
run 0 calendar init --year 2026 --db "$DB"
# SQL on the database (python3's sqlite3: the sqlite3 shell is not a dependency); prints one value.
sql() { python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); r = c.execute(sys.argv[2]).fetchone(); c.commit(); print(r[0] if r else "")' "$DB" "$1"; }
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()' \
	"$DB" tests/cli/data/report/journal.sql || fail "cannot load the fixture"

run 0 grades suggest --db "$DB" --class 5А --quarter 1
out_has "5А: 9 grades suggested, 9 changed, 0 teacher grades kept, 0 annual grades"
run 0 grades show --db "$DB" --class 5А --subject math
out_has "Итоговые оценки"
out_has "Школа-гимназия №5 · 2026-2027 учебный год · 5А · Математика"
out_has "Директор:"
# the table is aligned by display width: every row as wide as the header
python3 - "$TMP/out" <<'PY' || fail "grades show: rows not aligned"
import sys, unicodedata
lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
head = next(i for i, l in enumerate(lines) if l.startswith("№"))
rule = lines[head + 1]
cols = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
for l in lines[head + 2: head + 7]:
    assert l[cols[1]] != " ", l            # the names start at their column
PY
run 0 grades show --db "$DB" --class 5А --subject math --format json -o -
out_is_json
json '[r["q1"] for r in d["rows"]] == ["5", "4", "3", "3", ""]'
json '[r["pupil"] for r in d["rows"]][0] == "Алиев Бакыт"'

# the teacher's grade: marked *, kept by the next suggestion, recorded in the audit trail
run 0 grades set --db "$DB" --pupil 3 --subject math --quarter 1 --value 4 --by Асанова
run 0 grades suggest --db "$DB" --class 5А --quarter 1 --json
out_is_json
json 'd["kept"] == 1 and d["changed"] == 0'
run 0 grades show --db "$DB" --class 5А --subject math --format csv -o -
out_has "3,Волков Иван,3,4*,,,,"
n=$(sql "SELECT count(*) FROM audit WHERE entity = 'final_grade' AND by = 'Асанова' AND old = '3' AND new = '4'")
[ "$n" = 1 ] || fail "audit rows of the teacher's grade: $n"
run 0 grades set --db "$DB" --pupil 3 --subject math --quarter 1 --auto
run 0 grades show --db "$DB" --class 5А --subject math --format csv -o -
out_has "3,Волков Иван,3,3,,,,"

# the rule: 0.6 turns 3.5 into 3 and 2.5 into 2
run 0 grades rule --db "$DB"
out_has "at least 0.5"
run 0 grades rule --db "$DB" --round-at 0.6
out_has "at least 0.6"
run 0 grades suggest --db "$DB" --class 5А --quarter 1 --subject math
run 0 grades show --db "$DB" --class 5А --subject math --format json -o -
json '[r["q1"] for r in d["rows"]] == ["5", "3", "3", "2", ""]'
run 2 grades rule --db "$DB" --round-at 1.5
err_has "expected a fraction in (0, 1]"
run 0 grades rule --db "$DB" --round-at 0.5

# the annual grade follows the four quarters
for q in 2 3 4; do run 0 grades set --db "$DB" --pupil 1 --subject math --quarter $q --value 4; done
run 0 grades show --db "$DB" --class 5А --subject math --format json -o -
json 'd["rows"][0]["year"] == "4"'   # 5 4 4 4: 4.25

# closed quarters are frozen; nothing is written
before=$(sql "SELECT count(*) FROM audit")
sql "INSERT INTO quarter_locks(quarter) VALUES (1)" >/dev/null
run 2 grades suggest --db "$DB" --class 5А --quarter 1
err_has "quarter 1 is closed"
run 2 grades set --db "$DB" --pupil 2 --subject math --quarter 1 --value 5
err_has "quarter 1 is closed"
[ "$(sql "SELECT count(*) FROM audit")" = "$before" ] || fail "a refused change wrote to the audit trail"

# bad input
run 2 grades set --db "$DB" --pupil 2 --subject math --quarter 2 --value 6
err_has "grade \"6\" is not a mark of the scheme marks5 (5, 4, 3, 2)"
run 2 grades set --db "$DB" --pupil 99 --subject math --quarter 2 --value 5
err_has "no pupil with id 99"
run 2 grades suggest --db "$DB" --class 5В
err_has "did you mean"
run 2 grades suggest --db "$DB" --class 6А
err_has "class 6А has no pupils"
run 2 grades suggest --db "$DB" --class 5А --quarter 5
err_has "--quarter '5': expected 1, 2, 3 or 4"
run 2 grades show --db "$DB" --class 5А -o "$TMP/g.xlsx"
err_has "give --subject"
run 2 grades show --db "$DB" --subject math
err_has "show needs --class"
run 0 grades show --db "$DB" --class 5А
out_has "5А · Математика"
out_has "5А · Русский язык"
run 2 grades sugest --db "$DB" --class 5А
err_has "did you mean 'suggest'"
run 2 grades show --db "$DB" --class 5А --subject math --format pdf
err_has "give -o <file>"
run 0 grades --help
out_has "suggest|set|show|rule"

finish
