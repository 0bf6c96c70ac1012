#!/usr/bin/env bash
# CLI: hand-made XHSTT archives (no data from ../shared): the split search against greedy, the
# SAT search's proof, the default method of an archive, bad archives and files refused.
source "$(dirname "$0")/lib/common.bash" "$1"

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
err_has "tiny.fet:1: error: the file has no days"
# an archive without times: refused, naming the file (no line for the instance as a whole)
printf '<HighSchoolTimetableArchive><Instances><Instance Id="I"><Times></Times><Resources></Resources>
<Events></Events><Constraints></Constraints></Instance></Instances></HighSchoolTimetableArchive>\n' >"$TMP/notimes.xml"
run 2 solve "$TMP/notimes.xml" --time-limit 1 -o "$TMP/notimes-sol.xml"
err_has 'notimes.xml: instance "I" has no times'
grep -q 'notimes.xml:0:' "$TMP/err" && fail "line 0 named for the instance"
[ ! -e "$TMP/notimes-sol.xml" ] || fail "a refused archive left a solution file"

# an archive is solved by local search unless --method says otherwise (a school: the hybrid)
run 0 solve "$TMP/split.xml" --time-limit 1 -o "$TMP/split-default.xml"
out_has "(the events' splits searched), method local, seed 1"
run 2 solve "$TMP/split.xml" --method mip
err_has "import the archive first"
run 2 solve "$TMP/split.xml" --time-limit 1 -o "$TMP/no/such/dir/sol.xml"
[ ! -e "$TMP/no/such/dir/sol.xml" ] || fail "a failed write left a file"

run 2 verify --xhstt "$TMP/missing.xml"
printf '<HighSchoolTimetableArchive><Instances><Instance Id="I"><Times><Time Id="t1"/></Times><Events>
<Event Id="E"><Duration>1</Duration><Resources><Resource Reference="nobody"/></Resources></Event>
</Events></Instance></Instances></HighSchoolTimetableArchive>\n' >"$TMP/badref.xml"
run 2 import "$TMP/badref.xml" -o "$TMP/bad.yaml"
err_has 'nobody'
[ ! -e "$TMP/bad.yaml" ] || fail "a refused import wrote $TMP/bad.yaml"

finish
