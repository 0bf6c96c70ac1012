#!/usr/bin/env bash
# Installs the Debian packages libschedule needs (only those missing), then builds into build/.
# Usage: scripts/setup.sh [--sanitize]   (environment: BUILD_DIR, SCH_WERROR=ON|OFF,
#        SCH_TEST_PACKAGES=1 also installs what only tests use: fet-cl to check imports against
#        FET itself, python3-yaml)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config libglpk-dev libcadical-dev libsqlite3-dev libyaml-dev libcmocka-dev
          libxlsxwriter-dev libhpdf-dev libxml2-dev zlib1g-dev fonts-dejavu-core poppler-utils python3 sqlite3 unzip)
[ "${SCH_TEST_PACKAGES:-0}" = 1 ] && PACKAGES+=(fet python3-yaml)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build=${BUILD_DIR:-build}
extra=()
if [ "${1:-}" = "--sanitize" ]; then
  build=${BUILD_DIR:-build-asan}
  extra+=(-DSCH_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
fi
cmake -S . -B "$build" -DSCH_WERROR="${SCH_WERROR:-ON}" "${extra[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null || cmake --build "$build" -j1
