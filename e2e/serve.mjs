// A tiny static file server (no dependencies) for the release build and the site, used by
// Playwright, the benchmarks and scripts/serve.sh. Like a real host, it serves a file's
// precompressed sibling (`.br`, `.gz`, as scripts/site.sh writes them) when the browser
// accepts that encoding.
// Usage: node serve.mjs <dir> <port> [encodings]   (encodings: "br,gzip" (default), "gzip", "none")
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '../dist');
const port = Number(process.argv[3] ?? 4173);
const offered = (process.argv[4] ?? 'br,gzip').split(',').filter((e) => e === 'br' || e === 'gzip');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
};
const suffix = { br: '.br', gzip: '.gz' };

async function exists(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const accepts = (req.headers['accept-encoding'] ?? '').split(',').map((e) => e.trim().split(';')[0]);
    let encoding = null;
    for (const e of offered) {
      if (accepts.includes(e) && (await exists(file + suffix[e]))) {
        encoding = e;
        break;
      }
    }
    const body = await readFile(encoding ? file + suffix[encoding] : file);
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, vary: 'Accept-Encoding' };
    if (encoding) headers['content-encoding'] = encoding;
    // The worker must be checked for a new build on every visit, as hosts serve it.
    if (file.endsWith('sw.js')) headers['cache-control'] = 'no-cache';
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    const missing = join(root, '404.html');
    res.writeHead(404, { 'content-type': (await exists(missing)) ? types['.html'] : 'text/plain' });
    res.end((await exists(missing)) ? await readFile(missing) : 'not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port} (encodings: ${offered.join(', ') || 'none'})`));
