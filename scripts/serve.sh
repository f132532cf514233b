#!/usr/bin/env bash
# Builds the site (scripts/site.sh: the release app, its service worker, precompressed
# assets) and serves it on http://127.0.0.1:8080, compressed as a host would serve it.
# Usage: scripts/serve.sh [PORT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/toolchain.sh
export PATH="$root/.tools/npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"
./scripts/site.sh site
port="${1:-8080}"
echo "kubeglass is at http://127.0.0.1:$port/ (Ctrl-C to stop)"
exec node e2e/serve.mjs site "$port"
