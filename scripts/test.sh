#!/usr/bin/env bash
# Sets everything up and runs every test: the normal build, then the whole suite again under ASan + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
export SCH_TEST_PACKAGES=1
scripts/setup.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
scripts/setup.sh --sanitize
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$(nproc)")
