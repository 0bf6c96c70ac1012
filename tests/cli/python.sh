#!/usr/bin/env bash
# CLI: the Python bindings' unittest suite (bindings/python/tests) against the library built next to $1.
[ $# -ge 1 ] && [ -n "$1" ] || { echo "usage: $0 /path/to/schedule" >&2; exit 2; }
BUILD=$(cd "$(dirname "$1")" && pwd) || exit 2
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2   # the source root

command -v python3 >/dev/null || { echo "skipped: python3 not found"; exit 0; }
[ -e "$BUILD/libschedule.so" ] || [ -e "$BUILD/libschedule.dylib" ] ||
	{ echo "skipped: no shared libschedule in $BUILD"; exit 0; }

export SCHEDULE_BUILD_DIR="$BUILD"
unset SCHEDULE_LIBRARY
export PYTHONDONTWRITEBYTECODE=1   # keep __pycache__ out of the source tree

# An ASan-instrumented .so only loads into an uninstrumented python3 when the ASan
# runtime comes first; python's own allocations would drown the leak report, so leaks are off.
if grep -q "SCH_SANITIZE:BOOL=ON" "$BUILD/CMakeCache.txt" 2>/dev/null; then
	asan=$(gcc -print-file-name=libasan.so 2>/dev/null)
	if [ -z "$asan" ] || [ "$asan" = libasan.so ] || [ ! -e "$asan" ]; then
		echo "skipped under ASan: libasan.so not found"
		exit 0
	fi
	# Probe first: if the preloaded runtime cannot even start python, skip rather than fail.
	if ! LD_PRELOAD="$asan" ASAN_OPTIONS=detect_leaks=0 python3 -c 'import sys; sys.path.insert(0, "bindings/python"); import schedule' >/dev/null 2>&1; then
		echo "skipped under ASan: python3 cannot load the instrumented library"
		exit 0
	fi
	export LD_PRELOAD="$asan"
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"   # last wins
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
fi

exec python3 -m unittest discover -s bindings/python/tests -v
