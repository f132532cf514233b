#!/usr/bin/env bash
# Builds the deployable site into site/ (or $1): the release app (scripts/build.sh), a 404
# page, the web app manifest and icons, the service worker with the build's file list, the
# link-preview image, and beside every text and wasm asset a precompressed .br (Brotli,
# quality 11) and .gz (gzip -9) for hosts that serve them.
#
#   SITE_URL=https://you.example/kubeglass/ scripts/site.sh [OUT] [BUILT]
#
# BUILT: a release build already made by scripts/build.sh (the test command passes dist/);
# without it the app is built first.
#
# SITE_URL (the site's public address, ending in /) makes the Open Graph image and address
# absolute, as link-preview crawlers need; without it the site still works anywhere, under any
# sub-path, and its card has no image. Needs only scripts/toolchain.sh --build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-site}"
site_url="${SITE_URL:-}"
if [ -n "$site_url" ] && [ "${site_url%/}" = "$site_url" ]; then
  site_url="$site_url/"
fi
./scripts/toolchain.sh --build
build="${2:-}"
if [ -z "$build" ]; then
  build="$(mktemp -d)"
  trap 'rm -rf "$build"' EXIT
  ./scripts/build.sh "$build"
fi

rm -rf "$out"
mkdir -p "$out"
cp -R "$build"/. "$out"/
static="static/site"
cp "$static"/manifest.webmanifest "$static"/icon.svg "$static"/icon-192.png "$static"/icon-512.png "$static"/og.png "$out"/
sed "s|__HOME__|${site_url:-./}|" "$static"/404.html >"$out"/404.html

# index.html: the manifest, icons, the worker, and the card's absolute addresses.
head_extra='<link rel="manifest" href="manifest.webmanifest"><link rel="icon" href="icon.svg" type="image/svg+xml"><link rel="apple-touch-icon" href="icon-192.png">'
if [ -n "$site_url" ]; then
  head_extra="$head_extra<meta property=\"og:url\" content=\"$site_url\"><meta property=\"og:image\" content=\"${site_url}og.png\"><meta property=\"og:image:width\" content=\"1200\"><meta property=\"og:image:height\" content=\"630\"><meta name=\"twitter:image\" content=\"${site_url}og.png\">"
fi
register='<script>if("serviceWorker"in navigator)addEventListener("load",()=>navigator.serviceWorker.register("./sw.js").catch(()=>{}))</script>'
python3 - "$out/index.html" "$head_extra" "$register" <<'PY'
import sys
path, head, register = sys.argv[1:]
html = open(path, encoding='utf-8').read()
html = html.replace('<link href=data:, rel=icon>', '').replace('<link rel="icon" href="data:," />', '')
html = html.replace('</head>', head + '</head>', 1).replace('</body>', register + '</body>', 1)
open(path, 'w', encoding='utf-8').write(html)
PY

# The worker: the app shell to cache, and a version that changes with any file of the build.
shell=$(cd "$out" && ls index.html *.js *.wasm *.css manifest.webmanifest icon.svg icon-192.png icon-512.png | sort)
version=$(cd "$out" && cat $shell | sha256sum | cut -c1-16)
files=$(printf '"./",'; for f in $shell; do printf '"%s",' "$f"; done)
sed -e "s|__VERSION__|$version|" -e "s|__FILES__|[${files%,}]|" "$static"/sw.js >"$out"/sw.js

# Precompressed copies for hosts that serve them (nginx gzip_static/brotli_static, Caddy,
# Netlify...); GitHub Pages compresses by itself and ignores them.
find "$out" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' -o -name '*.webmanifest' \) |
  while read -r f; do
    brotli -q 11 -f -o "$f.br" "$f"
    gzip -9 -n -c "$f" >"$f.gz"
  done
echo "site: $out/ ($(du -sh "$out" | cut -f1)), worker cache kubeglass-$version"
