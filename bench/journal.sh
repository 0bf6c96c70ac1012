#!/usr/bin/env bash
# Benchmark of the journal and reports (issue 8): a synthetic year for a 1,000-pupil school
# (~200,000 marks and 150,000 attendance records) written through the journal's C API in one
# batch, final grades suggested for every class, and the school-wide quality report.
# Medians of repeated runs, each on a fresh copy of the same database; results, not tests.
#
#   bench/journal.sh [build-dir] [runs]      (default: build, 3)
#
# Bars: the year written in < 3 s; the school-wide quality report in < 200 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${2:-3}
[ -x "$BUILD/schedule" ] && [ -f "$BUILD/libschedule.a" ] || {
	echo "build first: cmake -S . -B $BUILD && cmake --build $BUILD -j2" >&2
	exit 2
}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# shellcheck disable=SC2046
cc -O2 -std=gnu11 -I include bench/journal_bench.c -o "$WORK/bench" "$BUILD/libschedule.a" \
	$(pkg-config --libs yaml-0.1 sqlite3 xlsxwriter libxml-2.0) -lglpk -lcadical -lstdc++ -lhpdf -lm

# The school: bench/gen_school.py's M (30 classes, grades 1-11, two shifts), its greedy
# timetable as the active version, and the 2026/27 Kyrgyz calendar.
python3 bench/gen_school.py --size M --seed 1 -q -o "$WORK/m.yaml"
"$BUILD/schedule" solve "$WORK/m.yaml" -m greedy -q --db "$WORK/base.db" >/dev/null
"$BUILD/schedule" calendar init --year 2026 --db "$WORK/base.db" >/dev/null
"$WORK/bench" "$WORK/base.db" "$WORK" "$RUNS"

# The same report through the command line (opening and checking the file included).
DB="$WORK/run$((RUNS - 1)).db"
t() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
a=$(t "$BUILD/schedule" report quality --db "$DB")
b=$(t "$BUILD/schedule" report quality --db "$DB")
c=$(t "$BUILD/schedule" report quality --db "$DB")
m=$(printf '%s\n' "$a" "$b" "$c" | sort -n | sed -n 2p)
echo "| \`schedule report quality --db\` (whole school, the year; process start to exit) | $m ms | | |"
