#!/usr/bin/env bash
# CLI: an XHSTT instance imported, checked, solved, exported as an XHSTT solution and costed by the
# evaluator; the embedded solutions' published costs; bad options refused (the Brazil instances of
# ../shared; hand-made archives: xhstt_archive.sh).
source "$(dirname "$0")/lib/common.bash" "$1"

DATA=../shared/data/xhstt
if [ ! -r "$DATA/BrazilInstance1.xml" ]; then
	echo "$(basename "$0"): skipped: $DATA is absent"
	exit 77
fi
B1=$DATA/BrazilInstance1.xml
B2=$DATA/BrazilInstance2.xml

# import -> check -> solve -> verify with XHSTT costs
run 0 import "$B1" -o "$TMP/b1.yaml"
out_has "3 classes, 8 teachers, 21 subjects, 45 lessons, 22 constraints"
run 0 check "$TMP/b1.yaml"
run 0 import "$B1" -o "$TMP/b1.yaml" --json
out_is_json
json 'd["format"] == "xhstt" and d["lessons"] == 45'
run 0 solve "$TMP/b1.yaml" --method local --time-limit 2 --seed 1 -o "$TMP/tt.yaml" --quiet
run 0 verify "$TMP/b1.yaml" "$TMP/tt.yaml" --xhstt "$B1"
out_has "(group timetable): infeasibility 0, objective"
out_has "LimitIdleTimesConstraint"
run 0 verify "$TMP/b1.yaml" "$TMP/tt.yaml" --xhstt "$B1" --json
out_is_json
# the school's soft cost is the XHSTT objective (the chosen splits cost nothing)
json 'd["verify"]["hard"] == 0 and d["xhstt"][0]["infeasibility"] == 0'
json 'd["verify"]["soft"] == d["xhstt"][0]["objective"]'
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["xhstt"][0]["objective"])' "$TMP/out" >"$TMP/objective"

# export as an XHSTT solution; the evaluator reads it back with the same cost
run 0 export "$TMP/b1.yaml" "$TMP/tt.yaml" --format xhstt --xhstt "$B1" -o "$TMP/solution.xml"
run 0 verify --xhstt "$TMP/solution.xml" --json
out_is_json
json "len(d) == 1 and d[0]['group'] == 'libschedule' and d[0]['infeasibility'] == 0 and d[0]['objective'] == $(cat "$TMP/objective")"
run 0 export "$TMP/b1.yaml" "$TMP/tt.yaml" --xhstt "$B1" -o -
out_has '<SolutionGroup Id="libschedule">'
out_has '<Solution Reference="BrazilInstance1_XHSTT-v2014">'

# the solutions embedded in the archives: their published costs
run 0 verify --xhstt "$B1"
out_has "(group Haroldo_Dec_2011): infeasibility 0, objective 42"
out_has "(group LectioIntegerProgramming): infeasibility 0, objective 41"
run 0 verify --xhstt "$B2" --json
out_is_json
json '[(s["infeasibility"], s["objective"]) for s in d] == [(0, 38), (0, 5)]'

# the splits of the best embedded solution (Lectio's, objective 5 from the splits alone)
run 0 import "$B2" -o "$TMP/b2.yaml" --xhstt-splits best
out_has "97 lessons"
err_has "cost infeasibility 0 and objective 5"
run 2 import "$B2" -o "$TMP/b2.yaml" --xhstt-splits 3
err_has "no solution 3 to take the splits from"
run 2 import "$B2" -o "$TMP/b2.yaml" --xhstt-splits first
err_has "--xhstt-splits wants a solution number"

# bad input
run 2 export "$TMP/b1.yaml" "$TMP/tt.yaml" --format xhstt -o "$TMP/x.xml"
err_has "--format xhstt needs --xhstt"
run 2 export "$TMP/b1.yaml" "$TMP/tt.yaml" --xhstt "$B2" -o "$TMP/x.xml"
err_has "names no event of instance"
[ ! -e "$TMP/x.xml" ] || fail "a failed export left $TMP/x.xml"
# solve the archive itself: splits searched with the timetable, an XHSTT solution written
run 0 solve "$B2" --time-limit 2 --seed 3 -o "$TMP/searched.xml"
out_has "(the events' splits searched), method local, seed 3"
out_has "XHSTT cost: infeasibility 0, objective"
out_has "DistributeSplitEventsConstraint"
run 0 verify --xhstt "$TMP/searched.xml" --json
out_is_json
json 'len(d) == 1 and d[0]["infeasibility"] == 0 and d[0]["unsupported"] == 0'
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["objective"])' "$TMP/out" >"$TMP/searched_obj"
run 0 solve "$B2" --time-limit 1 --json -o "$TMP/searched2.xml"
out_is_json
json 'd["status"] == "feasible" and d["infeasibility"] == 0 and d["objective"] >= 5 and d["output"].endswith("searched2.xml")'
run 0 solve "$B1" --time-limit 1 -o - --quiet
out_has '<SolutionGroup Id="libschedule">'
run 0 solve "$B1" --method greedy -q
run 2 solve "$B1" --method mip
err_has "import the archive first"
run 2 solve "$B1" --from "$TMP/tt.yaml"
err_has "solved on its own"
run 2 solve "$B1" --time-limit 0
err_has "time limit above 0"
run 2 solve "$B1" --time-limit 1 -o "$TMP/no/such/dir/sol.xml"
[ ! -e "$TMP/no/such/dir/sol.xml" ] || fail "a failed write left a file"

# Ctrl-C: the search stops, the best solution so far is written and said to be interrupted
run_interrupted 0 2 solve "$B1" --time-limit 60 -o "$TMP/int.xml"
out_has "interrupted: the best so far"
run 0 verify --xhstt "$TMP/int.xml"
run_interrupted 0 2 solve "$B1" --time-limit 60 --json -o "$TMP/int2.xml"
json 'd["status"] == "cancelled" and d["infeasibility"] == 0'

sed 's#</Constraints>#<LinkEventsConstraint Id="L"><Name>l</Name><Required>true</Required><Weight>1</Weight><CostFunction>Linear</CostFunction><AppliesTo><EventGroups><EventGroup Reference="gr_AllEvents"/></EventGroups></AppliesTo></LinkEventsConstraint></Constraints>#' "$B1" >"$TMP/linked.xml"
run 0 import "$TMP/linked.xml" -o "$TMP/linked.yaml"
err_has "1 LinkEventsConstraint not mapped exactly"
run 2 import "$TMP/linked.xml" -o "$TMP/linked2.yaml" --strict
err_has "LinkEventsConstraint"
[ ! -e "$TMP/linked2.yaml" ] || fail "--strict wrote $TMP/linked2.yaml"

finish
