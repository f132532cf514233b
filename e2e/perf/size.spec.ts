// Size: what the browser downloads for the app (the release wasm, js and css), gzipped with
// `gzip -9` (fed on stdin, so no file name in the header: as scripts/size.sh counts), and with
// node's zlib at level 9 for comparison (zlib's deflate differs from GNU gzip's by a little).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dist } from '../chromium';
import { record, load, round } from './lib';

/** The ceiling: 450 KiB gzipped (scripts/size.sh fails the test command above it). */
const BUDGET_BYTES = 450 * 1024;
const KINDS = ['wasm', 'js', 'css'];

/** `gzip -9` size of `body`, or null where there is no gzip. */
function gzip9(body: Buffer): number | null {
  try {
    return execFileSync('gzip', ['-9c'], { input: body, maxBuffer: 64 << 20 }).length;
  } catch {
    return null;
  }
}

test('size: gzipped wasm, js and css', async ({}, info) => {
  const loadAtStart = load();
  const dir = resolve(dirname(info.config.configFile ?? join(process.cwd(), 'perf.config.ts')), dist);
  const files = readdirSync(dir)
    .filter((f) => KINDS.includes(extname(f).slice(1)))
    .sort();
  const rows = files.map((file) => {
    const body = readFileSync(join(dir, file));
    const zlib = gzipSync(body, { level: 9 }).length;
    return { file, kind: extname(file).slice(1), bytes: body.length, gzip9: gzip9(body) ?? zlib, zlib9: zlib };
  });
  expect(new Set(rows.map((r) => r.kind)), `the release build in ${dir}`).toEqual(new Set(KINDS));
  const sum = (of: typeof rows, key: 'bytes' | 'gzip9' | 'zlib9') => of.reduce((n, r) => n + r[key], 0);
  const byKind = Object.fromEntries(
    KINDS.map((kind) => {
      const of = rows.filter((r) => r.kind === kind);
      return [kind, { bytes: sum(of, 'bytes'), gzip9: sum(of, 'gzip9') }];
    }),
  );
  const total = sum(rows, 'gzip9');
  const result = {
    dist: dir,
    criterion: 'wasm + js + css <= 450 KiB (460,800 bytes) gzipped',
    files: rows,
    byKind,
    totalBytes: sum(rows, 'bytes'),
    totalGzip9: total,
    totalGzip9KiB: round(total / 1024),
    totalZlib9: sum(rows, 'zlib9'),
    met: total <= BUDGET_BYTES,
  };
  console.log(`size: ${total} bytes gzipped (${result.totalGzip9KiB} KiB), wasm ${byKind.wasm.gzip9}`);
  record(info, 'size', result, loadAtStart);
});
