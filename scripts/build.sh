#!/usr/bin/env bash
# Builds the release page into dist/ with Trunk (offline: it must not download tools).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true TRUNK_OFFLINE=true RUST_BACKTRACE=0 NO_COLOR=true
trunk build index.html --release --offline --dist dist "$@"
