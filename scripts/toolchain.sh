#!/usr/bin/env bash
# Installs what building and testing kubeglass needs, and only what is missing.
# Safe to run again and again; every README command calls it first.
#
#   scripts/toolchain.sh           everything: the build's tools and the test suite's
#   scripts/toolchain.sh --build   only what building the site needs (as CI's deploy does)
#
# To build: rustup target wasm32-unknown-unknown, trunk 0.21.14, wasm-bindgen-cli (the version
# in Cargo.lock), wasm-opt (npm binaryen 132), esbuild (npm, minifies the JS glue) and Debian's
# brotli (precompressed assets).
# To test, also: cargo-nextest, Debian's chromium with a Hangul font, the e2e suite's npm
# packages (@playwright/test, driving /usr/bin/chromium; reveal.js) and check-jsonschema (PyPI,
# into .tools/venv) for the deploy workflow.
set -euo pipefail
only_build=false
[ "${1:-}" = "--build" ] && only_build=true

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
export PATH="$tools/npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
ESBUILD_VERSION=0.28.2

say() { printf '\033[1m[toolchain]\033[0m %s\n' "$*"; }

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_tool() { # binary, version, install args...
  local bin=$1 version=$2; shift 2
  if command -v "$bin" >/dev/null && "$bin" --version 2>/dev/null | grep -q " $version"; then
    return
  fi
  say "installing $bin $version (this takes a few minutes, once)"
  cargo install "$@"
}

ensure_npm_tool() { # binary, package, version
  local bin=$1 package=$2 version=$3
  if [ -x "$tools/npm/node_modules/.bin/$bin" ] \
    && grep -q "\"version\": \"$version\"" "$tools/npm/node_modules/$package/package.json" 2>/dev/null; then
    return
  fi
  say "installing $bin (npm $package $version) into .tools/"
  mkdir -p "$tools/npm"
  npm install --prefix "$tools/npm" --no-audit --no-fund --silent "$package@$version"
}

apt_install() { # packages...
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Brotli, for the site's precompressed .br files.
ensure_brotli() {
  command -v brotli >/dev/null && return
  say "installing Debian's brotli"
  apt_install brotli
}

# Chromium, and a Hangul font so that Korean pages render (and screenshot) as users see them.
ensure_chromium() {
  if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi nanum; then
    return
  fi
  say "installing Debian's chromium and a Korean font (fonts-nanum)"
  apt_install chromium fonts-nanum
}

# check-jsonschema (pure Python) validates the deploy workflow against GitHub's schema, which
# the package carries: no download at check time.
ensure_jsonschema() {
  if [ -x "$tools/venv/bin/check-jsonschema" ]; then
    return
  fi
  say "installing check-jsonschema into .tools/venv"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==0.39.0"
}

ensure_e2e_packages() {
  local stamp="$root/e2e/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$root/e2e/package-lock.json" ]; then
    return
  fi
  say "installing the e2e suite's npm packages (no browser download: it uses /usr/bin/chromium)"
  (cd "$root/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
}

ensure_wasm_target
ensure_cargo_tool trunk "$TRUNK_VERSION" --locked "trunk@$TRUNK_VERSION"
wbg=$(wasm_bindgen_version)
# Not --locked: its lockfile pins a crate version this registry lacks.
ensure_cargo_tool wasm-bindgen "$wbg" "wasm-bindgen-cli@$wbg"
ensure_npm_tool wasm-opt binaryen "$BINARYEN_VERSION"
ensure_npm_tool esbuild esbuild "$ESBUILD_VERSION"
ensure_brotli
if $only_build; then
  say "ready to build: trunk $(trunk --version | cut -d' ' -f2), wasm-bindgen $wbg, $(wasm-opt --version | head -n1)"
  exit 0
fi
ensure_cargo_tool cargo-nextest "" --locked cargo-nextest
ensure_chromium
ensure_e2e_packages
ensure_jsonschema
say "ready: trunk $(trunk --version | cut -d' ' -f2), wasm-bindgen $wbg, $(wasm-opt --version | head -n1), $(/usr/bin/chromium --version 2>/dev/null)"
