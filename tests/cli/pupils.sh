#!/usr/bin/env bash
# CLI: pupils of a school database as a secretary uses them: a class list imported (CSV, and the
# example school's list), added, edited, moved, class teachers; bad input refused with nothing written.
source "$(dirname "$0")/lib/common.bash" "$1"

DB="$TMP/school.db"
DATA=tests/cli/data/journal
run 0 import examples/small.yaml --db "$DB"
count() { sqlite3 "$DB" "$1"; }

# the ministry's list: semicolons, Russian headers, DD.MM.YYYY dates, a group column, parents
run 0 pupils import "$DATA/pupils-small.csv" --db "$DB" --user secretary
out_has "imported 5 rows: 5 added, 0 updated, 0 unchanged"
run 0 pupils import "$DATA/pupils-small.csv" --db "$DB"
out_has "imported 5 rows: 0 added, 0 updated, 5 unchanged"
run 0 pupils list --db "$DB" --class 5А
out_has "1  5А     Асанов Бакыт Эрланович        2015-03-12  en1     11203201500101"
out_has "4 pupils"
run 0 pupils list --db "$DB" --json
out_is_json
json 'len(d["pupils"]) == 5 and d["pupils"][0]["groups"] == {"english": "en1"} and d["pupils"][0]["parents"][0]["phone"] == "+996 555 123456"'
run 0 pupils show "Иванова" --db "$DB"
out_has "#2 Иванова Мария Петровна, class 5А"
out_has "parent      Иванов Пётр (отец), +996 700 654321"
[ "$(count "SELECT count(*) FROM audit WHERE entity = 'pupil' AND by = 'secretary'")" = 10 ] || fail "audit rows of the import"

# bad rows: listed by line and column, nothing written; --keep-good writes the good one
before=$(count "SELECT count(*) FROM pupils")
run 2 pupils import "$DATA/pupils-bad.csv" --db "$DB"
err_has "pupils-bad.csv:3:2: error: no class '5В' in the school; did you mean '5А'?"
err_has "pupils-bad.csv:4:3: error: no last name"
err_has "pupils-bad.csv:5:5: error: birth date: '31.02.2015' is not a date"
err_has "pupils-bad.csv:6:6: error: division 'english' of class 5А has no group 'en3' (its groups: en1, en2)"
err_has "4 of 5 rows are bad: nothing written (--keep-good writes the 1 good ones)"
[ "$(count "SELECT count(*) FROM pupils")" = "$before" ] || fail "a bad import wrote pupils"
run 0 pupils import "$DATA/pupils-bad.csv" --db "$DB" --keep-good --json
json 'd["added"] == 1 and d["bad"] == 4'
run 2 pupils import "$TMP/none.csv" --db "$DB"
err_has "none.csv: No such file or directory"

# add, edit, groups, parents
run 0 pupils add --db "$DB" --class 5Б --last Садыров --first Эрлан --birth 2015-02-02 --group english=en2 --parent "Садырова Жыпар" --relation мать --phone "+996 555 000000"
out_has "added pupil #7"
run 2 pupils add --db "$DB" --class 5Б --last Садыров
err_has "no first name given"
run 2 pupils add --db "$DB" --class 7А --last Ли --first Ян
err_has "no class '7А' in the school"
run 2 pupils add --db "$DB" --class 5А --last Ли --first Ян --group foreign=en1
err_has "class 5А has no division 'foreign' (its divisions: english)"
run 2 pupils add --db "$DB" --class 5А --last Ли --first Ян --group en1
err_has "--group is DIVISION=GROUP"
run 2 pupils add --db "$DB" --class 5А --last Ли --first Ян --phone 123
err_has "--relation, --phone and --email belong to a --parent"
run 0 pupils edit "#7" --db "$DB" --middle Таалайбекович
run 0 pupils set-group "Садыров" --db "$DB" --group english=en1
run 2 pupils set-group "Садыров" --db "$DB" --group english=en5
err_has "no group 'en5'"
run 2 pupils show "Садиров" --db "$DB"
err_has "no pupil 'Садиров'; did you mean 'Садыров Эрлан Таалайбекович'?"
run 0 pupils parent "#7" --db "$DB" --parent "Садыров Бакыт" --relation отец
run 0 pupils show "#7" --db "$DB" --json
json 'd["middle_name"] == "Таалайбекович" and d["groups"]["english"] == "en1" and len(d["parents"]) == 2'

# expel, reactivate, transfer
run 0 pupils expel "Ким Артём" --db "$DB" --date 2026-10-15 --reason "переезд в Ош"
run 2 pupils expel "Ким Артём" --db "$DB" --date 2026-10-16
err_has "is expelled already"
run 0 pupils list --db "$DB" --class 5А --expelled
out_has "Ким Артём Владимирович"
out_has "expelled"
run 2 pupils transfer "Ким" --db "$DB" --to 5Б --date 2026-10-20
err_has "expelled: reactivate them first"
run 0 pupils reactivate "Ким" --db "$DB" --date 2026-11-01
run 0 pupils transfer "Ким" --db "$DB" --to 5Б --date 2026-11-10 --group english=en1
run 0 pupils show "Ким" --db "$DB" --json
json 'd["class"] == "5Б" and d["status"] == "active" and d["groups"] == {"english": "en1"}'
run 2 pupils transfer "Ким" --db "$DB" --to 9Я --date 2026-11-10
err_has "no class '9Я' in the school"
run 2 pupils expel "Ким" --db "$DB"
err_has "--date D is needed"
[ "$(count "SELECT count(*) FROM pupil_moves")" = 3 ] || fail "moves recorded"

# class teachers and "Мои классы"
run 0 pupils class-teacher --db "$DB" --class 5А --teacher petrova
run 0 pupils class-teacher --db "$DB" --class 5Б --teacher "Петрова Е.В."
run 0 pupils class-teacher --db "$DB" --teacher petrova
out_has "5А     petrova (Петрова Е.В.)"
out_has "5Б     petrova"
run 2 pupils class-teacher --db "$DB" --class 5А --teacher petrov
err_has "no teacher 'petrov' in the school; did you mean 'petrova'?"
run 0 pupils class-teacher --db "$DB" --class 5Б --remove
run 0 pupils class-teacher --db "$DB" --json
json 'd["class_teachers"] == [{"class": "5А", "teacher": "petrova"}]'

# usage
run 2 pupils
err_has "name an action"
run 2 pupils lst --db "$DB"
err_has "unknown action 'lst'; did you mean 'list'?"
run 2 pupils list
err_has "--db"
run 2 pupils list --db "$TMP/none.db"
err_has "no such school database"

# the example school's class list (ministry format, 54 pupils of 9Б and 5А)
KG="$TMP/kg.db"
run 0 import examples/school-kg.yaml --db "$KG"
run 0 pupils import examples/pupils-kg.csv --db "$KG"
out_has "imported 54 rows: 54 added"
run 0 pupils list --db "$KG" --class 9Б
out_has "24 pupils"
finish
