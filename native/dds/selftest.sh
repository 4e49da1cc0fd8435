#!/usr/bin/env bash
# Builds the raw-CDR shim (native/dds) with AddressSanitizer + UndefinedBehaviorSanitizer and runs
# robotics_dds_selftest with leak detection. Cyclone is pinned to loopback by the test itself.
#   usage: native/dds/selftest.sh [BUILD_DIR]     (default: <repo>/.artifacts/native/dds-asan; a CMake cache is
#   tied to one source directory, so the build folder must not be shared between clones)
# Exits with the test's status (0 = passed, no sanitizer report).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:-$here/../../.artifacts/native/dds-asan}"
say() { printf '[dds-selftest] %s\n' "$*"; }

command -v cmake >/dev/null || { say "cmake not found: run scripts/bootstrap"; exit 2; }
[ -f /usr/include/dds/dds.h ] || [ -n "${CMAKE_PREFIX_PATH:-}" ] || { say "Cyclone DDS headers (dds/dds.h) not found: run scripts/bootstrap"; exit 2; }

say "configuring ASan+UBSan build in $build"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DROBOTICS_DDS_ASAN=ON --log-level=WARNING >/dev/null
say "building"
cmake --build "$build" --parallel 2 -- --no-print-directory >/dev/null

# LeakSanitizer: leaks in our code fail the run. Suppressions (only for libddsc's own process-lifetime
# globals, should a Cyclone version ever report them) live in lsan.supp when needed; 0.10.2 reports none.
lsan_opts="report_objects=1"
if [ -f "$here/lsan.supp" ]; then
  lsan_opts="suppressions=$here/lsan.supp:$lsan_opts"
fi
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="$lsan_opts${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

say "running robotics_dds_selftest (ASAN_OPTIONS=$ASAN_OPTIONS)"
status=0
timeout 300 "$build/robotics_dds_selftest" || status=$?
if [ "$status" -eq 0 ]; then
  say "PASSED (no AddressSanitizer/LeakSanitizer/UBSan reports)"
else
  say "FAILED with status $status"
fi
exit "$status"
