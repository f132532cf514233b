#!/usr/bin/env bash
# Prints the gzipped (-9) size of the release build's wasm, js and css, and their total; fails
# when the total passes the ceiling of 450 KiB (460,800 bytes), so the test command does too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ceiling=$((450 * 1024))
total=0
for f in "$root"/dist/*.wasm "$root"/dist/*.js "$root"/dist/*.css; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  total=$((total + gz))
  printf '%-10s %8d bytes  %7d gzipped\n' "${f##*.}" "$raw" "$gz"
done
printf '%-10s %8s        %7d gzipped (%d KB)\n' "total" "" "$total" "$((total / 1024))"
if [ "$total" -gt "$ceiling" ]; then
  echo "size: $total bytes gzipped is over the ceiling of $ceiling (450 KiB)" >&2
  exit 1
fi
