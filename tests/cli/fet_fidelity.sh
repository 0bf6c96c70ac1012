#!/usr/bin/env bash
# CLI: the FET import asks nothing FET does not: fet-cl's own timetable of each small real file
# (brazil-1, romania, spain), placed on the imported school, has no hard violation; spain held
# to FET's days (bench/fet_timetable.py --fix-days) is solved. Files the tool cannot read are
# refused (exit 2, the file named, nothing written) also where the real files are absent.
source "$(dirname "$0")/lib/common.bash" "$1"

DATA=../shared/data/fet
BUILD=$(dirname "$SCHEDULE")

# bench/fet_timetable.py on files it cannot read: exit 2 naming the file, no output file left
if python3 -c 'import yaml' 2>/dev/null; then
	FIX=tests/cli/data/fet
	run 0 import "$FIX/small.fet" -o "$TMP/small.yaml"
	printf '<Activities_Timetable><Activity>' >"$TMP/cut.xml"   # cut short
	printf '<Activities_Timetable/>' >"$TMP/empty.xml"
	# a missing activities file, a cut one, a .fet that is no XML, a school that is no YAML mapping
	for args in "$FIX/small.fet $TMP/small.yaml $TMP/none.xml" "$FIX/small.fet $TMP/small.yaml $TMP/cut.xml" \
		"$FIX/not-xml.fet $TMP/small.yaml $TMP/empty.xml" "$FIX/small.fet $FIX/small.fet $TMP/empty.xml"; do
		set -- $args
		python3 bench/fet_timetable.py "$@" --fix-days -o "$TMP/days.yaml" 2>"$TMP/bad.err"
		rc=$?
		[ $rc = 2 ] || fail "fet_timetable.py $*: exit $rc, not 2: $(cat "$TMP/bad.err")"
		grep -q "^fet_timetable.py: .*: cannot be read: " "$TMP/bad.err" || fail "fet_timetable.py $*: $(cat "$TMP/bad.err")"
		grep -q Traceback "$TMP/bad.err" && fail "fet_timetable.py $*: a traceback"
		[ ! -e "$TMP/days.yaml" ] || fail "fet_timetable.py $*: left $TMP/days.yaml"
	done
fi
if ! command -v fet-cl >/dev/null || [ ! -r "$DATA/brazil-1.fet" ] || ! python3 -c 'import yaml' 2>/dev/null; then
	echo "$(basename "$0"): skipped: needs fet-cl, $DATA and python3 with yaml"
	exit 77
fi
# The Python binding (for co-taught lessons) loads libschedule.so into python3: not with ASan.
binding=1
if [ ! -r "$BUILD/libschedule.so" ] || grep -q "SCH_SANITIZE:BOOL=ON" "$BUILD/CMakeCache.txt" 2>/dev/null; then
	binding=0
fi
export PYTHONDONTWRITEBYTECODE=1

for name in brazil-1 romania-medgidia-2013 spain-primaria; do
	run 0 import "$DATA/$name.fet" -o "$TMP/$name.yaml"
	timeout 60 fet-cl --inputfile="$DATA/$name.fet" --outputdir="$TMP/fet-$name" --timelimitseconds=30 \
		>"$TMP/fet-$name.log" 2>&1
	acts=$TMP/fet-$name/timetables/$name/${name}_activities.xml
	if ! grep -q "Simulation successful" "$TMP/fet-$name.log" || [ ! -r "$acts" ]; then
		fail "$name: fet-cl found no timetable"
		tail -3 "$TMP/fet-$name.log"
		continue
	fi
	python3 bench/fet_timetable.py "$DATA/$name.fet" "$TMP/$name.yaml" "$acts" -o "$TMP/$name-tt.yaml" \
		2>"$TMP/conv.err" || { fail "$name: fet_timetable.py failed: $(tail -1 "$TMP/conv.err")"; continue; }
	grep -q " 0 unplaced," "$TMP/conv.err" || fail "$name: FET left activities unplaced: $(cat "$TMP/conv.err")"
	if grep -q " 0 co-taught" "$TMP/conv.err"; then
		run 0 verify "$TMP/$name.yaml" "$TMP/$name-tt.yaml"
		out_has "Hard rules: no violation"
	elif [ $binding = 1 ]; then
		# A timetable file cannot name co-taught lessons yet: placed through the binding.
		SCHEDULE_LIBRARY=$BUILD/libschedule.so python3 bench/fet_timetable.py "$DATA/$name.fet" \
			"$TMP/$name.yaml" "$acts" --verify "$BUILD" >"$TMP/v.out" 2>&1 ||
			{ fail "$name: FET's own timetable breaks our hard rules"; head -20 "$TMP/v.out"; }
		grep -q "; 0 hard violations" "$TMP/v.out" || fail "$name: no verdict: $(tail -1 "$TMP/v.out")"
	else
		echo "$(basename "$0"): $name has co-taught lessons: not checked without the Python binding"
	fi
	if [ $name = spain-primaria ]; then
		# --fix-days: every lesson held to FET's day; such a school still has a timetable
		python3 bench/fet_timetable.py "$DATA/$name.fet" "$TMP/$name.yaml" "$acts" --fix-days \
			-o "$TMP/$name-days.yaml" 2>"$TMP/days.err" || fail "$name: --fix-days failed: $(tail -1 "$TMP/days.err")"
		grep -q "^254 of 254 lessons held to FET's day" "$TMP/days.err" || fail "$name: --fix-days: $(cat "$TMP/days.err")"
		[ "$(grep -c "source: FET's day" "$TMP/$name-days.yaml")" = 254 ] || fail "$name: --fix-days: not one rule per lesson"
		run 0 solve "$TMP/$name-days.yaml" --method greedy -o "$TMP/$name-days-tt.yaml"
		run 0 verify "$TMP/$name-days.yaml" "$TMP/$name-days-tt.yaml"
		out_has "Hard rules: no violation"
	fi
done
finish
