#!/usr/bin/env bash
# CLI: `schedule import` of FET files: convert, check, solve, verify; the same timetable checked
# by fet-cl itself; the real files of ../shared; bad input leaves nothing behind.
source "$(dirname "$0")/lib/common.bash" "$1"
D=tests/cli/data/fet

# A small feasible school: import -> check -> solve -> verify.
run 0 import $D/small.fet -o "$TMP/small.yaml"
out_has '"Small FET school": 3 classes, 4 teachers, 5 subjects, 39 lessons'
out_has "20 constraints read: 20 mapped, 0 without effect, 0 not carried over"
err_empty
[ -s "$TMP/small.yaml" ] || fail "import wrote no school"
grep -q "^constraints:" "$TMP/small.yaml" || fail "the school has no constraints section"
grep -q "id: a1," "$TMP/small.yaml" || fail "the lines are not named a<FET id>"
run 0 check "$TMP/small.yaml"
out_lacks "impossible:"
run 0 solve "$TMP/small.yaml" --method local --time-limit 2 -o "$TMP/small-tt.yaml" --quiet
run 0 verify "$TMP/small.yaml" "$TMP/small-tt.yaml"
out_has "Hard rules: no violation"

# solve takes the FET file itself, imported in memory: the same lessons (a<FET id>) as the YAML's.
run 0 solve $D/small.fet --method local --time-limit 1 -o "$TMP/direct-tt.yaml" --json
json 'd["hard"] == 0 and d["feasible_seconds"] >= 0'
err_empty
run 0 verify "$TMP/small.yaml" "$TMP/direct-tt.yaml"
out_has "Hard rules: no violation"
# what is not carried over is listed by solve too; bad files: exit 2, no timetable written
run 1 solve $D/all-types.fet --method greedy --time-limit 1 --quiet
err_has "warning: 4 items not carried over:"
run 2 solve $D/broken.fet -o "$TMP/broken-tt.yaml"
err_has "broken.fet:6: error: not well-formed XML"
run 2 solve $D/no-such-file.fet -o "$TMP/broken-tt.yaml"
err_has "cannot read the FET file"
[ ! -e "$TMP/broken-tt.yaml" ] || fail "solving a broken FET file wrote a timetable"

# FET's own judgement: our timetable locked into the .fet, activity by activity; fet-cl must
# take it as it is (it fails when any of its hard rules is broken).
if command -v fet-cl >/dev/null; then
	python3 - "$D/small.fet" "$TMP/small.yaml" "$TMP/small-tt.yaml" "$TMP/locked.fet" <<'EOF' || fail "writing the locked .fet failed"
import sys
sys.path.insert(0, "bench")
import fet_bench
fet_bench.lock_into_fet(*sys.argv[1:5])
EOF
	grep -c "<Permanently_Locked>true" "$TMP/locked.fet" | grep -qx 39 || fail "not every activity was locked"
	timeout 60 fet-cl --inputfile="$TMP/locked.fet" --outputdir="$TMP/fetout" --timelimitseconds=20 >"$TMP/fet.log" 2>&1
	grep -q "Simulation successful" "$TMP/fet.log" || { fail "fet-cl refuses our timetable"; tail -5 "$TMP/fet.log"; }
else
	echo "import_fet.sh: fet-cl is not installed: FET's own check skipped"
fi

# --db: stored like `schedule import school.yaml --db`, then solved from the database.
run 0 import $D/small.fet --db "$TMP/small.db"
out_has "$TMP/small.db: stored as school revision 1"
run 0 solve --db "$TMP/small.db" --method local --time-limit 1 --quiet

# --json: the report for machines.
run 0 import $D/all-types.fet -o "$TMP/all.yaml" --json
out_is_json
json 'd["format"] == "fet" and d["lessons"] == 7 and d["activities"] == 9 and d["inactive_activities"] == 1'
json 'd["constraints_read"] == 33 and d["mapped"] == 28 and d["ignored"] == 2 and d["unsupported"] == 3'
json '[(u["type"], u["count"]) for u in d["unsupported_types"]] == [("Activity without students", 1), ("ConstraintTeacherMaxSpanPerDay", 2), ("ConstraintActivityPreferredRoom", 1)]'
err_has "warning: 4 items not carried over:"
err_has "ConstraintTeacherMaxSpanPerDay: 2 (no such rule in the school model yet; first at line"

# --strict refuses a file with constraints that cannot be carried over: nothing is written.
run 2 import $D/all-types.fet -o "$TMP/strict.yaml" --db "$TMP/strict.db" --strict
err_has "error: 4 items not carried over:"
err_has "--strict: refused, nothing was written"
[ ! -e "$TMP/strict.yaml" ] && [ ! -e "$TMP/strict.db" ] || fail "--strict left a file behind"
run 0 import $D/small.fet -o "$TMP/strict-ok.yaml" --strict

# Bad input: a clear message, exit 2, nothing written.
run 2 import $D/no-such-file.fet -o "$TMP/x.yaml"
err_has "cannot read the FET file"
run 2 import $D/not-xml.fet -o "$TMP/x.yaml"
err_has "not-xml.fet:1: error: not well-formed XML"
run 2 import $D/broken.fet -o "$TMP/x.yaml"
err_has "broken.fet:6: error: not well-formed XML"
run 2 import $D/other-root.xml -o "$TMP/x.yaml"
err_has "an XML file whose root is <timetable>: neither FET"
run 2 import $D/days8.fet -o "$TMP/x.yaml"
err_has "8 days a week: the school model holds at most 7"
[ ! -e "$TMP/x.yaml" ] || fail "a failed import wrote its output"
run 2 import $D/small.fet
err_has "give -o <school.yaml> and/or --db <school.db>"
run 2 import examples/small.yaml -o "$TMP/x.yaml"
err_has "-o and --strict go with a FET or XHSTT file"
# an output that cannot be written: no partial file either
run 2 import $D/small.fet -o "$TMP/no/such/dir/school.yaml"
[ ! -e "$TMP/no" ] || fail "an unwritable output left something behind"
ls "$TMP"/.*.tmp* >/dev/null 2>&1 && fail "a temporary file was left behind"

# The real schools of ../shared/data/fet: each imports and passes `schedule check`; on the
# files fet-cl solves, a solve runs to its first timetable without hard violations, and the
# verifier must agree with the solver.
REAL=../shared/data/fet
if [ -d "$REAL" ]; then
	for f in brazil-1 romania-medgidia-2013 spain-primaria vietnam-afternoon-shift greece-gymnasio; do
		[ -f "$REAL/$f.fet" ] || continue
		run 0 import "$REAL/$f.fet" -o "$TMP/$f.yaml"
		run 0 check "$TMP/$f.yaml"
		[ "$f" = greece-gymnasio ] && continue # fet-cl does not solve it in 100 s either
		# greedy: up to the first timetable without hard violations; the Vietnamese school's
		# comes from the SAT search (2-8 s), which gets half of the limit
		"$SCHEDULE" solve "$TMP/$f.yaml" --method greedy --time-limit 60 -o "$TMP/$f-tt.yaml" --json >"$TMP/out" 2>"$TMP/err"
		hard=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hard"])' "$TMP/out" 2>/dev/null)
		[ -n "$hard" ] || { fail "solve $f: no JSON summary"; continue; }
		# FET finds a timetable of each: so must the solve, and never claim that none exists
		[ "$hard" = 0 ] || fail "$f: $hard hard violations left"
		grep -q '"proved_impossible": false' "$TMP/out" || fail "$f: solve claims the school impossible"
		"$SCHEDULE" verify "$TMP/$f.yaml" "$TMP/$f-tt.yaml" --json >"$TMP/out" 2>"$TMP/err"
		if grep -q "has no group '?'" "$TMP/err"; then
			# co-taught lessons: the timetable file cannot name them yet (lib/timetable_io.c)
			echo "import_fet.sh: $f: solver hard $hard; verify skipped (timetable format lacks co-teaching)"
			continue
		fi
		vhard=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hard"])' "$TMP/out" 2>/dev/null)
		[ "$vhard" = "$hard" ] || fail "$f: the solver reports $hard hard violations, the verifier ${vhard:-?}"
		echo "import_fet.sh: $f: $hard hard violations in the first timetable (verifier agrees)"
	done
else
	echo "import_fet.sh: $REAL is absent: the real FET files are skipped"
fi

finish
