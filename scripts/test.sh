#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, clippy, native tests (with the property
# tests), the platform-free check of the core, the release wasm build and its size ceiling,
# the site and its deploy workflow's schema, and the browser tests.
# Ends with Playwright's summary line. Fails on the first failing step.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/toolchain.sh
export PATH="$root/.tools/npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (native, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (web app for wasm32)"
cargo clippy -p kubeglass-web --target wasm32-unknown-unknown --locked -- -D warnings

step "the core has no web dependencies"
if cargo tree -p kubeglass-core -e normal --prefix none | grep -E '^(yew|web-sys|gloo[a-z-]*|wasm-bindgen|js-sys) '; then
  echo "kubeglass-core must not depend on the crates above" >&2
  exit 1
fi

step "native tests"
cargo nextest run --workspace --locked --no-fail-fast
cargo test --workspace --doc --locked

step "release build (wasm)"
scripts/build.sh
scripts/size.sh

step "the site (scripts/site.sh) and its deploy workflow"
SITE_URL=https://kubeglass.example/ scripts/site.sh site dist
"$root/.tools/venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/pages.yml

step "browser tests (Playwright, Chromium)"
cd e2e
npx playwright test
