#!/usr/bin/env bash
# Sets everything up and runs every test: core (native), wasm (headless Chromium),
# the release build, and end-to-end tests of the built page (headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH" RUST_BACKTRACE=0

echo "== habits: rustfmt and clippy (native and wasm32, every module's features), ESLint"
cargo fmt --all --check
cargo clippy --all-targets --locked -q -- -D warnings
for features in "" three-d formula; do
  cargo clippy --all-targets --locked -q -p descent-wasm --target wasm32-unknown-unknown ${features:+--features $features} -- -D warnings
done
node_modules/.bin/eslint --max-warnings 0 .
# The lesson compiler's library also runs in the browser (a teacher's course): it must build for wasm32.
cargo clippy --lib --locked -q -p descent-lessons --target wasm32-unknown-unknown -- -D warnings
# … and the course editor's module of it (crates/author).
cargo clippy --lib --locked -q -p descent-author --target wasm32-unknown-unknown -- -D warnings

echo "== core: native tests"
cargo test -p descent-core --release --locked

echo "== lessons: the compiler's checks and every lesson source (nothing lost since the Markdown conversion)"
cargo test -p descent-lessons --locked

echo "== wasm: session tests in headless Chromium (the lean module, then with the 3-D view and the models)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p descent-wasm --target wasm32-unknown-unknown --locked
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p descent-wasm --target wasm32-unknown-unknown --locked --features three-d

echo "== release build"
./scripts/build.sh

echo "== end-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/
