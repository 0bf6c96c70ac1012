#!/usr/bin/env bash
# Installs into a temporary prefix and builds examples/c with pkg-config and with find_package.
set -euo pipefail
bin=$1
build=$(cd "$(dirname "$bin")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || fail "cmake --install"
libdir=$(ls -d "$tmp"/prefix/lib*/ | head -1)
export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs schedule) || fail "pkg-config does not know schedule"
san=""
grep -q "SCH_SANITIZE:BOOL=ON" "$build/CMakeCache.txt" && san="-fsanitize=address,undefined"
cc -std=c11 -Wall -Werror $san examples/c/summary.c $flags -o "$tmp/summary_pc" || fail "compile with pkg-config"
out=$(LD_LIBRARY_PATH="$libdir" "$tmp/summary_pc" examples/small.yaml) || fail "pkg-config program failed"
echo "$out" | grep -q "classes" || fail "unexpected output: $out"

CFLAGS="$san" LDFLAGS="$san" cmake -S examples/c -B "$tmp/b" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null || fail "find_package(schedule)"
cmake --build "$tmp/b" >/dev/null || fail "build with find_package"
out=$(LD_LIBRARY_PATH="$libdir" "$tmp/b/summary" examples/small.yaml) || fail "find_package program failed"
echo "$out" | grep -q "classes" || fail "unexpected output: $out"
echo "install: ok"
