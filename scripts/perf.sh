#!/usr/bin/env bash
# The browser benchmark: builds the release, then measures it in headless Chromium (paste to
# drawn, frame time with 200 pods and 100 packets in flight, cold start over emulated slow
# networks, size) and prints the
# results as JSON, also written to e2e/perf-results.json. See BENCHMARKS.md ("Browser").
#
# Takes a few minutes. The machine should be otherwise idle: anything else running shows up
# in the figures (each section records the load average it saw).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/toolchain.sh
export PATH="$root/.tools/npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"

printf '\n\033[1m== %s\033[0m\n' "release build (wasm) and the site"
./scripts/build.sh
./scripts/site.sh site dist

printf '\n\033[1m== %s\033[0m\n' "browser benchmark (Playwright, Chromium)"
cd e2e
# The JSON is printed at the end of the run by perf/global-teardown.ts.
npx playwright test --config perf.config.ts
