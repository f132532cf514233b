#!/usr/bin/env bash
# Prints the gzipped (-9) size of the release build's wasm, js and css, and their total.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
total=0
for f in "$root"/dist/*.wasm "$root"/dist/*.js "$root"/dist/*.css; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  total=$((total + gz))
  printf '%-10s %8d bytes  %7d gzipped\n' "${f##*.}" "$raw" "$gz"
done
printf '%-10s %8s        %7d gzipped (%d KB)\n' "total" "" "$total" "$((total / 1024))"
