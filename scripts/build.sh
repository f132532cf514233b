#!/usr/bin/env bash
# Builds the release web app into dist/ (or $1), offline, stamped with its version: the crate
# version and the git commit (with "+changes" when the tree has uncommitted changes), shown in
# the app's footer. Every other script that needs the app builds it through here.
# Usage: scripts/build.sh [DIST]   (toolchain: scripts/toolchain.sh --build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"
commit="${KUBEGLASS_COMMIT:-$(git rev-parse --short=10 HEAD 2>/dev/null || echo unknown)}"
if [ -z "${KUBEGLASS_COMMIT:-}" ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit+changes"
fi
export KUBEGLASS_COMMIT="$commit"
dist="${1:-dist}"
trunk build --release --offline --dist "$dist"

# Trunk's own minifier cannot read wasm-bindgen's `export default` and leaves the JS glue as it
# is (a warning above); esbuild minifies it (2 KB less gzipped), and the page's integrity hash
# for it is updated to match.
for js in "$dist"/kubeglass-web-*.js; do
  before=$(openssl dgst -sha384 -binary "$js" | openssl base64 -A)
  esbuild --minify --log-level=warning --allow-overwrite "$js" --outfile="$js"
  after=$(openssl dgst -sha384 -binary "$js" | openssl base64 -A)
  grep -qF "sha384-$before" "$dist/index.html"
  sed -i "s|sha384-$before|sha384-$after|" "$dist/index.html"
done
