#!/usr/bin/env bash
# Prints the size of what the page loads (the release build's wasm, js and css) raw, gzipped
# (-9) and Brotli-compressed (quality 11), with their totals, and the service worker's on a
# line of its own (it is not part of the first load). Fails when the gzipped total passes the
# ceiling of 450 KiB (460,800 bytes), so the test command does too.
# Usage: scripts/size.sh [DIST]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${1:-$root/dist}"
ceiling=$((450 * 1024))
gz_total=0
br_total=0
printf '%-10s %9s %9s %9s\n' "" "bytes" "gzip -9" "brotli"
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ -f "$f" ] || continue
  [ "$(basename "$f")" = "sw.js" ] && continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  gz_total=$((gz_total + gz))
  br_total=$((br_total + br))
  printf '%-10s %9d %9d %9d\n' "${f##*.}" "$raw" "$gz" "$br"
done
printf '%-10s %9s %9d %9d   (%d KiB gzipped, %d KiB brotli)\n' "total" "" "$gz_total" "$br_total" "$((gz_total / 1024))" "$((br_total / 1024))"
worker="$root/site/sw.js"
[ -f "$worker" ] || worker="$root/static/site/sw.js"
printf '%-10s %9d %9d %9d   (not part of the first load)\n' "worker" "$(wc -c <"$worker")" "$(gzip -9c "$worker" | wc -c)" "$(brotli -q 11 -c "$worker" | wc -c)"
if [ "$gz_total" -gt "$ceiling" ]; then
  echo "size: $gz_total bytes gzipped is over the ceiling of $ceiling (450 KiB)" >&2
  exit 1
fi
