# Shared by the CLI tests (sourced, not run): runs `schedule` and checks exit codes and output.
# Usage in a test: source "$(dirname "$0")/lib/common.bash" "$1"; ...; finish

[ $# -ge 1 ] && [ -n "$1" ] || { echo "usage: $0 /path/to/schedule" >&2; exit 2; }
SCHEDULE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$SCHEDULE" ] || { echo "not an executable: $1" >&2; exit 2; }
cd "$(dirname "${BASH_SOURCE[0]}")/../../.." || exit 2   # the source root
export SCH_NO_PROGRESS=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILED=0
LAST=""

fail() {
	echo "FAIL: $*"
	FAILED=$((FAILED + 1))
}

# run <expected exit code> <args...>: stdout goes to $TMP/out, stderr to $TMP/err.
run() {
	local want=$1 rc
	shift
	LAST="schedule $*"
	"$SCHEDULE" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$LAST: exit $rc, expected $want"
		sed 's/^/    stdout: /' "$TMP/out" | head -15
		sed 's/^/    stderr: /' "$TMP/err" | head -15
	fi
}

# run_interrupted <want> <seconds> <args...>: as run, with Ctrl-C (SIGINT) after <seconds>.
run_interrupted() {
	local want=$1 secs=$2 rc pid
	shift 2
	LAST="schedule $* (Ctrl-C after ${secs} s)"
	"$SCHEDULE" "$@" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	sleep "$secs"
	kill -INT "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" -eq "$want" ] || fail "$LAST: exit $rc, expected $want ($(head -5 "$TMP/err"))"
}

# out_has / err_has <fixed text>: the last run printed it on stdout / stderr.
out_has() {
	grep -qF -- "$1" "$TMP/out" || { fail "$LAST: stdout lacks '$1'"; sed 's/^/    stdout: /' "$TMP/out" | head -30; }
}
err_has() {
	grep -qF -- "$1" "$TMP/err" || { fail "$LAST: stderr lacks '$1'"; sed 's/^/    stderr: /' "$TMP/err" | head -30; }
}
out_lacks() {
	! grep -qF -- "$1" "$TMP/out" || fail "$LAST: stdout has '$1'"
}
out_empty() {
	[ ! -s "$TMP/out" ] || { fail "$LAST: stdout is not empty"; sed 's/^/    stdout: /' "$TMP/out" | head -5; }
}
err_empty() {
	[ ! -s "$TMP/err" ] || { fail "$LAST: stderr is not empty"; sed 's/^/    stderr: /' "$TMP/err" | head -5; }
}
# The last stdout is JSON (python3 -m json.tool parses it).
out_is_json() {
	python3 -m json.tool "$TMP/out" >/dev/null 2>"$TMP/json.err" ||
		{ fail "$LAST: stdout is not JSON: $(head -3 "$TMP/json.err")"; head -c 600 "$TMP/out"; }
}
# json <python expression over `d`>: true for the last stdout, e.g. json 'd["impossible"] is False'
json() {
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
		"$TMP/out" "$1" 2>/dev/null || fail "$LAST: JSON does not satisfy: $1"
}

finish() {
	if [ "$FAILED" -ne 0 ]; then
		echo "$(basename "$0"): $FAILED check(s) failed"
		exit 1
	fi
	echo "$(basename "$0"): ok"
	exit 0
}
