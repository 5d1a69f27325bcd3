#!/usr/bin/env bash
# Sets everything up, builds the release page and serves it on http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
exec node scripts/serve.mjs dist "${PORT:-8080}"
