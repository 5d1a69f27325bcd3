#!/usr/bin/env bash
# Builds the release page into dist/ with Trunk (offline: it must not download tools).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# One build at a time: two Trunk runs writing dist/ together leave a broken page.
mkdir -p target
exec 9>target/.build.lock
flock 9
export TRUNK_SKIP_VERSION_CHECK=true TRUNK_OFFLINE=true RUST_BACKTRACE=0 NO_COLOR=true
trunk build index.html --release --offline --dist dist "$@"

# The playground's module: the same crate with the typed-formula parser (`formula` feature),
# loaded by the page only when a formula is needed (see crates/core/Cargo.toml).
# Its own target dir, so the two feature sets do not rebuild each other.
cargo build --release --locked --offline -q -p descent-wasm --target wasm32-unknown-unknown --features formula --target-dir target/full
wasm-bindgen --target web --no-typescript --out-dir dist --out-name descent-full \
  target/full/wasm32-unknown-unknown/release/descent_wasm.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue dist/descent-full_bg.wasm -o dist/descent-full_bg.wasm

# Lesson text per language (the page fetches only the language it shows).
node scripts/split-lessons.mjs dist/lessons

# The lean module's glue under a fixed name, for app.js's static import (bundled below).
glue=$(ls dist/descent-wasm-*.js)
cp "$glue" dist/descent-lean.js

# The self-contained single HTML file for learning platforms (dist-single/descent.html).
node scripts/build-single.mjs

# One minified module instead of five (the page's four and the lean wasm-bindgen glue): fewer
# requests and bytes on the first load, and the wasm compiles as soon as app.js runs.
esbuild dist/app.js --bundle --minify --format=esm --log-level=warning --outfile=dist/app.js --allow-overwrite
rm -f dist/stage.js dist/ui.js dist/i18n.js dist/descent-lean.js "$glue"
# Trunk's modulepreload of the glue would now fetch a file nothing uses.
sed -i -E 's#<link rel="modulepreload" href="[^"]*descent-wasm-[^"]*\.js"[^>]*>##' dist/index.html

# Zopfli-compressed copies beside the files (sent by scripts/serve.mjs; see precompress.mjs).
node scripts/precompress.mjs dist

lean=$(ls dist/descent-wasm-*_bg.wasm)
echo "built dist/ ($(du -sh --exclude='*.gz' dist | cut -f1)); lean module $(stat -c %s "$lean.gz") B gzipped, playground module $(stat -c %s dist/descent-full_bg.wasm.gz) B gzipped"
