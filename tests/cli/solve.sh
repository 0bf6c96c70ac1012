#!/usr/bin/env bash
# CLI: `schedule solve` on the example schools: verified timetables, determinism, warm start,
# an infeasible school, --json, --verbose, -o -, bad arguments and Ctrl-C.
source "$(dirname "$0")/lib/common.bash" "$1"

# greedy: a feasible timetable at once, checked by `schedule verify`
run 0 solve examples/small.yaml --method greedy -o "$TMP/small.yaml"
out_has "Hard rules: no violation"
out_has "teacher_gap"
[ -s "$TMP/small.yaml" ] || fail "no timetable written"
run 0 verify examples/small.yaml "$TMP/small.yaml"
out_has "Hard rules: no violation"

# the search (default method) with an iteration count: reproducible byte for byte
run 0 solve examples/school-kg.yaml --iterations 20000 --seed 7 -o "$TMP/kg1.yaml" --quiet
out_empty
run 0 solve examples/school-kg.yaml --iterations 20000 --seed 7 -o "$TMP/kg2.yaml" --quiet
cmp -s "$TMP/kg1.yaml" "$TMP/kg2.yaml" || fail "the same seed gave another timetable"
run 0 verify examples/school-kg.yaml "$TMP/kg1.yaml"
out_has "Hard rules: no violation"

# a short time limit is honoured; the summary gives the soft cost by term
run 0 solve examples/small.yaml --time-limit 0.3
out_has "method hybrid"
out_has "Soft cost (the greedy start had"
out_has "total"

# --verbose: the solver's phases on stderr, the summary and results unchanged on stdout
run 0 solve examples/small.yaml --method greedy --verbose --json
out_is_json
err_has "debug: construction:"
err_has "debug: repair:"

# --json summary, and a JSON timetable by extension
run 0 solve examples/small.yaml --iterations 5000 --json -o "$TMP/small.json"
out_is_json
json 'd["status"] == "feasible" and d["hard"] == 0 and d["terms"]["teacher_gap"]["weight"] == 3'
json 'd["soft"] <= d["initial_soft"] and d["unplaced"] == []'
python3 -m json.tool "$TMP/small.json" >/dev/null || fail "the .json timetable is not JSON"

# -o -: the timetable on stdout, the summary on stderr
run 0 solve examples/small.yaml --method greedy -o -
out_has "5А"
err_has "Hard rules: no violation"

# warm start: re-solving from the timetable keeps it (moving costs 'moved')
run 0 solve examples/small.yaml --iterations 5000 --from "$TMP/small.yaml" -o "$TMP/small2.yaml"
out_has "moved"
run 0 verify examples/small.yaml "$TMP/small2.yaml" --reference "$TMP/small.yaml"
out_has "Hard rules: no violation"

# an infeasible school: exit 1, the lessons left out and why; the partial timetable is written
run 1 solve examples/infeasible.yaml --method greedy -o "$TMP/partial.yaml"
out_has "Lessons left out"
out_has "Асанова Г.К."
err_has "no timetable without hard violations"
[ -s "$TMP/partial.yaml" ] || fail "no partial timetable written"
err_has "it cannot be done as described; the pre-check shows why:"
err_has "teacher Асанова Г.К.: 15 lessons a week but only 14 available slots"
run 1 solve examples/infeasible.yaml --method greedy --json
out_is_json
json 'd["status"] == "infeasible" and len(d["unplaced"]) > 0 and d["terms"]["missing"]["amount"] == len(d["unplaced"])'
json 'd["proved_impossible"] is True'
run 0 solve examples/small.yaml --method greedy --json
json 'd["proved_impossible"] is False'
# impossible only together: the pre-check finds nothing, the SAT search over the hard rules proves it
run 1 solve tests/cli/data/sat_infeasible.yaml --method greedy -t 5 -o "$TMP/sat.yaml"
err_has "it cannot be done as described: the search over the hard rules proved that no timetable meets these rules together"
err_has "    a subject at most once a day (rules: subject_once_a_day)"
err_has "    constraint 3 (max_days, line 25)"
run 1 solve tests/cli/data/sat_infeasible.yaml --method greedy -t 5 --json -o "$TMP/sat.yaml"
json 'd["status"] == "infeasible" and d["proved_impossible"] is True'
json 'd["conflicting_rules"] == ["a subject at most once a day (rules: subject_once_a_day)", "constraint 3 (max_days, line 25)"]'
run 0 solve examples/small.yaml --method greedy --json
json 'd["conflicting_rules"] == []'

# bad input and usage
run 2 solve
run 2 solve examples/small.yaml --method magic
err_has "--method is local, hybrid, greedy or mip"
run 2 solve examples/small.yaml --time-limit soon
run 2 solve examples/small.yaml --iterations -3
run 2 solve no-such-school.yaml
run 2 solve examples/small.yaml --from no-such-timetable.yaml
run 0 solve --help
out_has "--iterations"

# Ctrl-C: the search stops and the best timetable so far is written
run_interrupted 0 1 solve examples/school-kg.yaml --time-limit 60 -o "$TMP/int.yaml"
grep -q "interrupted" "$TMP/err" || fail "after Ctrl-C: no notice on stderr"
[ -s "$TMP/int.yaml" ] || fail "after Ctrl-C: no timetable written"

finish
