#!/usr/bin/env bash
# Sets everything up, builds the release page and prints its performance figures (issue 9):
# first-load bytes, time to the first drawn scene, frame timing, control latency and the basin
# map in wasm against native code, at normal speed and with the CPU throttled 4×.
# No pass/fail: it prints a table. Arguments go to scripts/bench.mjs (e.g. --runs=7, --only=frames).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
# Measure a copy, so a rebuild of dist/ while the benchmark runs cannot change what it measures.
snap=$(mktemp -d /tmp/descent-bench.XXXXXX)
trap 'rm -rf "$snap"' EXIT
( flock 9; cp -a dist/. "$snap/" ) 9>target/.build.lock   # the lock scripts/build.sh holds while it writes dist/; -a keeps the Zopfli copies newer than their files (else the server gzips anew)
rm -rf "$snap/.stage"
node scripts/bench.mjs "$snap" "$@"
