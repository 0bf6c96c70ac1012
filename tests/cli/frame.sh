#!/usr/bin/env bash
# CLI: the command frame: --help (of the tool and of every command), --version, usage errors.
source "$(dirname "$0")/lib/common.bash" "$1"

run 0 --help
out_has "usage: schedule <command>"
out_has "Exit status: 0 ok, 1 infeasible or violations found, 2 bad input or usage, 3 internal error."
err_empty
# the commands as `schedule --help` lists them ("  name  summary" under "Commands:")
commands=$(sed -n '/^Commands:/,/^$/p' "$TMP/out" | awk 'NF >= 2 && /^  [a-z]/ {print $1}')
for c in check verify; do
	echo "$commands" | grep -qx "$c" || fail "--help does not list '$c'"
done
run 0 -h
out_has "Commands:"

for c in $commands; do
	run 0 "$c" --help
	out_has "usage: schedule $c"
	err_empty
	run 0 "$c" -h
	out_has "usage: schedule $c"
	run 0 help "$c"
	out_has "usage: schedule $c"
	run 2 "$c" --no-such-option
	err_has "schedule: "
	err_has "--no-such-option"
	out_empty
done
for c in check verify; do
	run 2 "$c" --no-such-option
	err_has "schedule: $c: unknown option '--no-such-option'"
	err_has "usage: schedule $c"
done

run 0 --version
grep -Eqx 'schedule [0-9]+\.[0-9]+\.[0-9]+' "$TMP/out" || fail "--version printed '$(cat "$TMP/out")'"

run 2
err_has "usage: schedule <command>"
out_empty
run 2 chek examples/small.yaml
err_has "schedule: 'chek' is not a command; did you mean 'check'?"
run 2 frobnicate
err_has "schedule: 'frobnicate' is not a command"
run 2 --frobnicate
err_has "schedule: unknown option '--frobnicate'"
run 2 help frobnicate
err_has "is not a command"

# usage errors of the commands: wrong counts of arguments, a missing option value
run 2 check
err_has "schedule: check: missing arguments"
err_has "usage: schedule check"
run 2 check examples/small.yaml examples/small.yaml
err_has "schedule: check: unexpected argument 'examples/small.yaml'"
run 2 verify examples/small.yaml
err_has "schedule: verify: too few arguments"
run 2 verify examples/small.yaml a.yaml --reference
err_has "schedule: verify: option '--reference' needs a value"
run 2 check -x examples/small.yaml
err_has "schedule: check: unknown option '-x'"

finish
