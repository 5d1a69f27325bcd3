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

# The other two modules: the same crate with the 3-D view (`three-d`: the steps that show the
# 3-D surface) and with the 3-D view and the typed-formula parser (`formula`: the playground),
# loaded by the page only when a step needs them (see crates/wasm/Cargo.toml). Each has its own
# target dir, so the feature sets do not rebuild each other.
wasm_module() { # feature, output name
  cargo build --release --locked --offline -q -p descent-wasm --target wasm32-unknown-unknown --features "$1" --target-dir "target/$1"
  wasm-bindgen --target web --no-typescript --out-dir dist --out-name "$2" "target/$1/wasm32-unknown-unknown/release/descent_wasm.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "dist/$2_bg.wasm" -o "dist/$2_bg.wasm"
}
wasm_module three-d descent-3d
wasm_module formula descent-full

# The course compiler (crates/author: the lesson compiler built to wasm32), for the course editor
# and a page playing a teacher's course (web/author.js loads it; nothing else does).
cargo build --release --locked --offline -q -p descent-author --target wasm32-unknown-unknown --target-dir target/author
wasm-bindgen --target web --no-typescript --out-dir dist --out-name descent-author target/author/wasm32-unknown-unknown/release/descent_author.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue dist/descent-author_bg.wasm -o dist/descent-author_bg.wasm

# The lessons: lessons/<id>/<lang>.md (Markdown + TeX) compiled by crates/lessons into one JSON file
# per lesson and language (English text where a language has no translation of a lesson), formulas as MathML (the page fetches only the language it shows, and no
# parser). Any mistake in a source stops the build here, as `file:line: reason`.
# The page strings (lessons/ui/<lang>.toml) come along, checked the same way, inside each language's
# course map (index.<lang>.json); the words the HTML itself shows are then written into it (English,
# and the language switch from the languages found).
cargo run --locked --offline -q -p descent-lessons -- lessons dist/lessons --math-chars target/math-chars.txt
node scripts/page-text.mjs dist
# The formulas' font: Latin Modern Math (scripts/setup.sh fetches it) cut down to those characters.
"${PYTHON:-/usr/bin/python3}" scripts/math-font.py target/math-font/latinmodern-math.otf target/math-chars.txt dist/math.woff2

# The lean module's glue under a fixed name, for app.js's static import (bundled below).
glue=$(ls dist/descent-wasm-*.js)
cp "$glue" dist/descent-lean.js

# The self-contained single HTML file for learning platforms (dist-single/descent.html).
node scripts/build-single.mjs

# One minified module instead of many (the page's modules and the lean wasm-bindgen glue): fewer
# requests and bytes on the first load, and the wasm compiles as soon as app.js runs.
# The banner is V8's explicit compile hint: nearly all of app.js runs on load, so V8 compiles it
# on a background thread as it streams in, instead of function by function on the main thread.
# package.js (with lms.js) stays a file of its own, loaded only by a SCORM package's page, and so
# does teacher.js (the course editor and a teacher's course, with the course file, the SCORM
# builder and fflate), loaded only by the editor, a course link or a scene added to a course.
esbuild dist/app.js --bundle --minify --format=esm --log-level=warning --outfile=dist/app.js --allow-overwrite \
  --external:./package.js --external:./teacher.js --banner:js='//# allFunctionsCalledOnLoad'
# (Every page module Trunk copied from web/ is in the bundle now.)
for f in web/*.js; do [ "$(basename "$f")" = app.js ] || rm -f "dist/$(basename "$f")"; done
esbuild web/package.js --bundle --minify --format=esm --log-level=warning --outfile=dist/package.js
esbuild web/teacher.js --bundle --minify --format=esm --log-level=warning --outfile=dist/teacher.js
rm -f dist/descent-lean.js "$glue"
# Trunk's modulepreload of the glue would now fetch a file nothing uses, and its preload of the
# lean wasm would be the wrong module for a 3-D step: early.js fetches the module the step needs.
sed -i -E 's#<link rel="modulepreload" href="[^"]*descent-wasm-[^"]*\.js"[^>]*>##; s#<link rel="preload" href="[^"]*descent-wasm-[^"]*_bg\.wasm"[^>]*>##' dist/index.html

# early.js: a small script that starts the first scene's downloads as the HTML is read, with the
# table of lesson steps that need a larger module and the course map's lesson ids (it fetches no
# file for a lesson the build did not make) compiled in; inlined at the top of the page.
esbuild web/early.js --bundle --minify --format=iife --log-level=warning --outfile=dist/early.js \
  --define:STEP_MODULES="$(node scripts/step-modules.mjs dist/lessons)" \
  --define:LESSON_IDS="$(node -p "JSON.stringify(require('./dist/lessons/index.en.json').lessons.map((l) => l.id))")"
node scripts/inline-early.mjs dist

# Link previews: the picture's absolute address, from the site's URL (DESCENT_SITE_URL) when given.
node scripts/link-preview.mjs dist

# Offline use and installing (the site's page only): the icons, the web app manifest and its link,
# and the service worker with this build's version and file list (scripts/offline.mjs, web/sw.js).
node scripts/offline.mjs dist

# Zopfli-compressed copies beside the files (sent by scripts/serve.mjs; see precompress.mjs).
node scripts/precompress.mjs dist

# The SCORM 1.2 packages (dist-scorm/descent.zip, dist-scorm/<lesson-id>.zip), from the finished dist/.
node scripts/build-scorm.mjs

lean=$(ls dist/descent-wasm-*_bg.wasm)
echo "built dist/ ($(du -sh --exclude='*.gz' dist | cut -f1)); wasm modules gzipped: lean $(stat -c %s "$lean.gz") B, 3-D $(stat -c %s dist/descent-3d_bg.wasm.gz) B, playground $(stat -c %s dist/descent-full_bg.wasm.gz) B, course compiler $(stat -c %s dist/descent-author_bg.wasm.gz) B (teacher.js $(stat -c %s dist/teacher.js.gz) B)"
