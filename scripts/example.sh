#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled example school:
# check it, solve it into school.db, and export the active timetable to timetable.xlsx and timetable.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
school=${1:-examples/school-kg.yaml}
build/schedule check "$school"
build/schedule solve "$school" --db school.db --time-limit "${TIME_LIMIT:-10}"
build/schedule export --db school.db --format xlsx -o timetable.xlsx
build/schedule export --db school.db --format pdf -o timetable.pdf
echo "example: school.db, timetable.xlsx and timetable.pdf written (see 'build/schedule show --db school.db --class 5А')"
