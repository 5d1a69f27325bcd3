#!/usr/bin/env bash
# Installs what Descent needs to build and test, skipping each tool already there at the right version.
# Only package registries are used (crates.io, Debian, npm); nothing downloads its own binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate pinned in crates/wasm/Cargo.toml.
BINDGEN_VERSION=$(grep -E '^wasm-bindgen = "=' crates/wasm/Cargo.toml | sed -E 's/.*"=([0-9.]+)".*/\1/')
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes ~7 minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (takes ~2 minutes once)"
  # Not --locked: a locked dependency of the CLI is missing from the registry.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi

# fonttools + python3-brotli subset the formulas' font (scripts/math-font.py).
missing=()
# libxml2-utils: xmllint, which validates the SCORM packages' manifests against their schema files.
for pkg in chromium chromium-driver fonts-noto-cjk fonttools python3-brotli libxml2-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The formulas' font is cut from Latin Modern Math (Debian's fonts-lmodern, GUST Font License) by
# the build. Only the .otf is taken out of the package: installed, its fonts would also become the
# system's, and the page must look the same on machines that do not have them.
MATH_FONT=target/math-font/latinmodern-math.otf
if [ ! -f "$MATH_FONT" ]; then
  say "fetching Latin Modern Math from Debian's fonts-lmodern"
  tmp=$(mktemp -d)
  chmod 777 "$tmp" # apt-get download runs as _apt
  (cd "$tmp" && { apt-get download -qq fonts-lmodern 2>/dev/null || { apt-get update -qq && apt-get download -qq fonts-lmodern; }; })
  dpkg-deb --fsys-tarfile "$tmp"/fonts-lmodern_*.deb | tar -x -C "$tmp" ./usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf
  mkdir -p "$(dirname "$MATH_FONT")"
  mv "$tmp/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf" "$MATH_FONT"
  rm -rf "$tmp"
fi

# npm: playwright-core (drives /usr/bin/chromium), binaryen 132 (wasm-opt), axe-core (accessibility audit),
# esbuild (bundles app.js), @gfx/zopfli (the build's gzip copies), ESLint with @eslint/js and globals (the JS
# check in test.sh), pngjs and pixelmatch (scripts/compare-shots.mjs), scorm-again (the learning platform in the
# SCORM tests); fflate (the zip of the SCORM packages, web/scorm.js).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Trunk builds offline, so fetch the crates first.
cargo fetch --locked -q
say "ready"
