#!/usr/bin/env bash
# CLI: an XHSTT instance imported, checked, solved, exported as an XHSTT solution and costed by the
# evaluator; the embedded solutions' published costs; bad archives and options refused.
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
# an archive whose importer's split has no timetable (the double of A clashes with T2's
# preassigned lessons wherever it goes): greedy keeps that split and fails (exit 1, the best
# solution still written); the search splits A and finds infeasibility 0, objective 1
C='<CostFunction>Linear</CostFunction>'
cat >"$TMP/split.xml" <<EOF
<HighSchoolTimetableArchive><Instances><Instance Id="I"><MetaData><Name>split</Name></MetaData>
<Times><TimeGroups><Day Id="gMo"><Name>Mo</Name></Day><Day Id="gTu"><Name>Tu</Name></Day></TimeGroups>
<Time Id="Mo1"><Day Reference="gMo"/></Time><Time Id="Mo2"><Day Reference="gMo"/></Time><Time Id="Mo3"><Day Reference="gMo"/></Time>
<Time Id="Tu1"><Day Reference="gTu"/></Time><Time Id="Tu2"><Day Reference="gTu"/></Time><Time Id="Tu3"><Day Reference="gTu"/></Time></Times>
<Resources><ResourceTypes><ResourceType Id="Teacher"><Name>Teacher</Name></ResourceType><ResourceType Id="Class"><Name>Class</Name></ResourceType></ResourceTypes>
<Resource Id="T2"><Name>T2</Name><ResourceType Reference="Teacher"/></Resource>
<Resource Id="C1"><Name>C1</Name><ResourceType Reference="Class"/></Resource><Resource Id="C2"><Name>C2</Name><ResourceType Reference="Class"/></Resource></Resources>
<Events><EventGroups><EventGroup Id="gAll"><Name>all</Name></EventGroup></EventGroups>
<Event Id="P1"><Duration>1</Duration><Time Reference="Mo2"/><Resources><Resource Reference="T2"/><Resource Reference="C1"/></Resources><EventGroups><EventGroup Reference="gAll"/></EventGroups></Event>
<Event Id="P2"><Duration>1</Duration><Time Reference="Tu2"/><Resources><Resource Reference="T2"/><Resource Reference="C1"/></Resources><EventGroups><EventGroup Reference="gAll"/></EventGroups></Event>
<Event Id="A"><Duration>2</Duration><Resources><Resource Reference="T2"/><Resource Reference="C2"/></Resources><EventGroups><EventGroup Reference="gAll"/></EventGroups></Event></Events>
<Constraints><AssignTimeConstraint Id="assign"><Name>n</Name><Required>true</Required><Weight>1</Weight>$C<AppliesTo><EventGroups><EventGroup Reference="gAll"/></EventGroups></AppliesTo></AssignTimeConstraint>
<AvoidClashesConstraint Id="clash"><Name>n</Name><Required>true</Required><Weight>1</Weight>$C<AppliesTo><Resources><Resource Reference="T2"/><Resource Reference="C1"/><Resource Reference="C2"/></Resources></AppliesTo></AvoidClashesConstraint>
<SplitEventsConstraint Id="split"><Name>n</Name><Required>true</Required><Weight>1</Weight>$C<AppliesTo><Events><Event Reference="A"/></Events></AppliesTo><MinimumDuration>1</MinimumDuration><MaximumDuration>2</MaximumDuration><MinimumAmount>1</MinimumAmount><MaximumAmount>2</MaximumAmount></SplitEventsConstraint>
<DistributeSplitEventsConstraint Id="dist"><Name>n</Name><Required>false</Required><Weight>1</Weight>$C<AppliesTo><Events><Event Reference="A"/></Events></AppliesTo><Duration>2</Duration><Minimum>1</Minimum><Maximum>1</Maximum></DistributeSplitEventsConstraint>
</Constraints></Instance></Instances></HighSchoolTimetableArchive>
EOF
run 1 solve "$TMP/split.xml" --method greedy -o "$TMP/split-greedy.xml"
err_has "no solution of infeasibility 0 was found; the best one was written"
[ -s "$TMP/split-greedy.xml" ] || fail "the infeasible solution was not written"
run 0 solve "$TMP/split.xml" --time-limit 1 --json -o "$TMP/split-searched.xml"
json 'd["status"] == "feasible" and d["infeasibility"] == 0 and d["objective"] == 1'
# the SAT search proves that optimum at once and says so (the run ends well before its limit)
run 0 solve "$TMP/split.xml" --time-limit 30 -v -o "$TMP/split-proved.xml"
err_has "sat: proved optimal: objective 1"
printf '<?xml version="1.0"?>\n<other/>\n' >"$TMP/other.xml"
run 2 solve "$TMP/other.xml"
err_has "root <other>"
printf '<fet version="6.0"></fet>\n' >"$TMP/tiny.fet"
run 2 solve "$TMP/tiny.fet"
err_has "import it first"
[ ! -e "$TMP/no/such/dir/sol.xml" ] || fail "a failed write left a file"
# an archive without times: refused, naming the file (no line for the instance as a whole)
printf '<HighSchoolTimetableArchive><Instances><Instance Id="I"><Times></Times><Resources></Resources>
<Events></Events><Constraints></Constraints></Instance></Instances></HighSchoolTimetableArchive>\n' >"$TMP/notimes.xml"
run 2 solve "$TMP/notimes.xml" --time-limit 1 -o "$TMP/notimes-sol.xml"
err_has 'notimes.xml: instance "I" has no times'
grep -q 'notimes.xml:0:' "$TMP/err" && fail "line 0 named for the instance"
[ ! -e "$TMP/notimes-sol.xml" ] || fail "a refused archive left a solution file"

# Ctrl-C: the search stops, the best solution so far is written and said to be interrupted
run_interrupted 0 2 solve "$B1" --time-limit 60 -o "$TMP/int.xml"
out_has "interrupted: the best so far"
run 0 verify --xhstt "$TMP/int.xml"
run_interrupted 0 2 solve "$B1" --time-limit 60 --json -o "$TMP/int2.xml"
json 'd["status"] == "cancelled" and d["infeasibility"] == 0'

run 2 verify --xhstt "$TMP/missing.xml"
printf '<HighSchoolTimetableArchive><Instances><Instance Id="I"><Times><Time Id="t1"/></Times><Events>
<Event Id="E"><Duration>1</Duration><Resources><Resource Reference="nobody"/></Resources></Event>
</Events></Instance></Instances></HighSchoolTimetableArchive>\n' >"$TMP/badref.xml"
run 2 import "$TMP/badref.xml" -o "$TMP/bad.yaml"
err_has 'nobody'
[ ! -e "$TMP/bad.yaml" ] || fail "a refused import wrote $TMP/bad.yaml"
sed 's#</Constraints>#<LinkEventsConstraint Id="L"><Name>l</Name><Required>true</Required><Weight>1</Weight><CostFunction>Linear</CostFunction><AppliesTo><EventGroups><EventGroup Reference="gr_AllEvents"/></EventGroups></AppliesTo></LinkEventsConstraint></Constraints>#' "$B1" >"$TMP/linked.xml"
run 0 import "$TMP/linked.xml" -o "$TMP/linked.yaml"
err_has "1 LinkEventsConstraint not mapped exactly"
run 2 import "$TMP/linked.xml" -o "$TMP/linked2.yaml" --strict
err_has "LinkEventsConstraint"
[ ! -e "$TMP/linked2.yaml" ] || fail "--strict wrote $TMP/linked2.yaml"

finish
