#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled example school.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/schedule check examples/school-kg.yaml
