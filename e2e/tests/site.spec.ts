// The hosted site (scripts/site.sh): precompressed assets, a web app manifest, link-preview
// tags, a 404 page, and a service worker that opens the app with no network at all after one
// visit, and takes a new deployment over cleanly. Served by e2e/serve.mjs as a real host
// would (it picks the .br or .gz sibling the browser accepts).
//
// `site/` is built by the test command (scripts/test.sh runs scripts/site.sh with
// SITE_URL=https://kubeglass.example/). The update test builds a second site with another
// version stamp (scripts/site.sh with KUBEGLASS_COMMIT), which recompiles the app once.
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync, deflateRawSync } from 'node:zlib';
import { repo } from './cli';

test.use({ locale: 'en-US' });
test.describe.configure({ mode: 'serial' });

const site = resolve(repo, 'site');
let nextPort = 4300 + Math.floor(Math.random() * 500);

/** Serves `dir` with serve.mjs on a port of its own; resolves once it listens. */
async function serve(dir: string, port: number): Promise<ChildProcess> {
  const server = spawn('node', [resolve(repo, 'e2e/serve.mjs'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, fail) => {
    server.stdout!.once('data', () => ready());
    server.once('exit', (code) => fail(new Error(`serve.mjs exited with ${code}`)));
  });
  return server;
}

async function stop(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const gone = new Promise((r) => server.once('exit', r));
  server.kill();
  await gone;
}

test('site/ has .br and .gz beside each asset, a valid manifest, icons, preview tags and a 404 page', () => {
  expect(existsSync(join(site, 'index.html')), 'scripts/site.sh built site/').toBe(true);
  const files = readdirSync(site);
  const assets = files.filter((f) => /\.(html|js|wasm|css|svg|webmanifest)$/.test(f));
  expect(assets.filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
  expect(assets.length).toBeGreaterThanOrEqual(7);
  for (const asset of assets) {
    const original = readFileSync(join(site, asset));
    expect(brotliDecompressSync(readFileSync(join(site, `${asset}.br`))).equals(original), `${asset}.br`).toBe(true);
    expect(gunzipSync(readFileSync(join(site, `${asset}.gz`))).equals(original), `${asset}.gz`).toBe(true);
  }
  const manifest = JSON.parse(readFileSync(join(site, 'manifest.webmanifest'), 'utf8'));
  expect(manifest).toMatchObject({ name: 'kubeglass', short_name: 'kubeglass', start_url: './', display: 'standalone' });
  expect(manifest.icons.length).toBeGreaterThanOrEqual(3);
  for (const icon of manifest.icons) expect(existsSync(join(site, icon.src)), icon.src).toBe(true);
  const png = readFileSync(join(site, 'icon-512.png'));
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);

  const html = readFileSync(join(site, 'index.html'), 'utf8');
  for (const tag of ['og:title', 'og:description', 'og:type', 'twitter:card']) expect(html, tag).toContain(tag);
  // Built with SITE_URL: the card's image and address are absolute, and the image exists.
  expect(html).toMatch(/property="?og:image"? content="?https:\/\/kubeglass\.example\/og\.png/);
  expect(html).toMatch(/property="?og:url"? content="?https:\/\/kubeglass\.example\//);
  const og = readFileSync(join(site, 'og.png'));
  expect([og.readUInt32BE(16), og.readUInt32BE(20)]).toEqual([1200, 630]);
  expect(html).toContain('rel="manifest"');
  expect(html).toContain('serviceWorker');
  expect(readFileSync(join(site, '404.html'), 'utf8')).toContain('kubeglass');
  // The worker caches exactly this build's shell.
  const worker = readFileSync(join(site, 'sw.js'), 'utf8');
  for (const f of files.filter((f) => /\.(js|wasm|css)$/.test(f) && f !== 'sw.js')) expect(worker, f).toContain(`"${f}"`);
});

test('the site is served compressed as a host serves it, with a 404 for other paths', async ({ request }) => {
  const port = nextPort++;
  const server = await serve(site, port);
  try {
    const wasm = readdirSync(site).find((f) => f.endsWith('.wasm'))!;
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', undefined]] as const) {
      const r = await request.get(`http://127.0.0.1:${port}/${wasm}`, { headers: { 'accept-encoding': accept } });
      expect(r.status()).toBe(200);
      expect(r.headers()['content-encoding']).toBe(encoding);
      expect(r.headers()['content-type']).toBe('application/wasm');
    }
    const missing = await request.get(`http://127.0.0.1:${port}/no/such/page`);
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toContain('There is no page here');
  } finally {
    await stop(server);
  }
});

/** Waits until a service worker controls the page. */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, { timeout: 20_000 });
}

/** Records every request the browser makes, the service worker's included (through CDP). */
async function everyRequest(context: BrowserContext): Promise<{ urls: string[]; fromWorker: string[] }> {
  const urls: string[] = [];
  const fromWorker: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  const cdp = await context.browser()!.newBrowserCDPSession();
  // Attach to each service worker as it starts, and watch its network.
  const attach = async (info: { type: string; targetId: string }) => {
    if (info.type !== 'service_worker') return;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Network.enable' }) });
  };
  cdp.on('Target.targetCreated', (event) => void attach(event.targetInfo).catch(() => {}));
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    if (message.method !== 'Network.requestWillBeSent') return;
    urls.push(message.params.request.url);
    fromWorker.push(message.params.request.url);
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  return { urls, fromWorker };
}

test('after one visit the lab, a gallery example and a share link open with no network; a new build takes over', async ({ browser }) => {
  test.setTimeout(8 * 60_000);
  const port = nextPort++;
  const origin = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({ locale: 'en-US' });
  const { urls: requests, fromWorker } = await everyRequest(context);
  const page = await context.newPage();
  let server = await serve(site, port);
  const built = readFileSync(join(site, 'sw.js'), 'utf8').match(/VERSION = '([0-9a-f]+)'/)![1];
  try {
    await page.goto(`${origin}/`);
    await expect(page.getByTestId('cluster')).toBeVisible();
    await controlled(page);
    const version = (await page.getByTestId('version').textContent())!;
    expect(version).toMatch(/^kubeglass \d+\.\d+\.\d+ \(.+\)$/);
    await page.waitForFunction((v) => caches.has(`kubeglass-${v}`), built);

    // The network is gone: the server stops, and the browser is offline.
    await stop(server);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('cluster')).toBeVisible();
    await expect(page.getByTestId('cluster').locator('[data-kind="Node"]')).toHaveCount(3);
    await page.getByTestId('gallery').locator('[data-example="clusterip"]').click();
    await expect(page.getByTestId('timeline').locator('[aria-current="step"]')).toHaveAttribute('data-step', '1', { timeout: 15_000 });
    const story = 'apiVersion: v1\nkind: Pod\nmetadata: {name: offline-pod}\nspec: {containers: [{name: c, image: nginx}]}\n';
    await page.goto(`${origin}/#s=${deflateRawSync(Buffer.from(story)).toString('base64url')}&embed=1`);
    await page.reload();
    await expect(page.getByTestId('cluster').locator('[data-kind="Pod"][data-name="offline-pod"]')).toHaveCount(1);

    // A new deployment: another version stamp, so new file names and a new cache.
    const next = mkdtempSync(join(tmpdir(), 'kubeglass-next-'));
    try {
      execFileSync(resolve(repo, 'scripts/site.sh'), [next], { cwd: repo, env: { ...process.env, KUBEGLASS_COMMIT: 'next-build' }, stdio: 'pipe' });
      await context.setOffline(false);
      server = await serve(next, port);
      const fresh = `kubeglass ${version.split(' ')[1]} (next-build)`;
      await page.goto(`${origin}/`);
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByTestId('version').textContent({ timeout: 10_000 });
          },
          { timeout: 60_000, intervals: [500, 1000, 2000] },
        )
        .toBe(fresh);
      // Only the new build's cache is left.
      const names = await page.evaluate(() => caches.keys());
      expect(names.filter((n) => n.startsWith('kubeglass-'))).toHaveLength(1);
      expect(names).not.toContain(`kubeglass-${built}`);
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
    // Nothing, the worker's own fetches included, left the origin.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    // The worker's own fetches were seen: it cached the shell (twice: both builds).
    expect(fromWorker.filter((u) => u.endsWith('.wasm')).length).toBeGreaterThanOrEqual(2);
  } finally {
    await stop(server);
    await context.close();
  }
});
