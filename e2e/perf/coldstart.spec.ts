// Cold start: what a visitor waits for, from navigation to the first pod the app draws, in an
// embed of a lecture example (`#example=hostpath&embed=1&play=0`), on emulated networks.
//
// The site (scripts/site.sh) is served by e2e/serve.mjs, compressed as a host would (Brotli or
// gzip, by Accept-Encoding; a second server offers gzip only, as GitHub Pages does). Chromium's
// network emulation runs with the cache disabled and no service worker, in a fresh context per
// run. The clock is the page's own: performance.now() (from navigation start) when the first
// [data-kind=Pod] is in the DOM and its frame is painted. Then a repeat visit served by the
// service worker, without throttling.
//
// Each figure is the median of RUNS runs, beside the bytes the run transferred and the physical
// limit: those bytes at the link's speed plus three round trips (the connection, the page, its
// assets in parallel).
import { test, expect, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { record, load, median, round, stats } from './lib';

const RUNS = 5;
const STORY = '#example=hostpath&embed=1&play=0';
const site = resolve(process.cwd(), '../site');

type Link = { name: string; mbps: number; rttMs: number; cpu: number; encodings: 'br,gzip' | 'gzip' };
const LINKS: Link[] = [
  { name: '9 Mbps, 60 ms, brotli', mbps: 9, rttMs: 60, cpu: 1, encodings: 'br,gzip' },
  { name: '9 Mbps, 60 ms, gzip', mbps: 9, rttMs: 60, cpu: 1, encodings: 'gzip' },
  { name: '1.6 Mbps, 150 ms, 4× CPU, brotli', mbps: 1.6, rttMs: 150, cpu: 4, encodings: 'br,gzip' },
  { name: '1.6 Mbps, 150 ms, 4× CPU, gzip', mbps: 1.6, rttMs: 150, cpu: 4, encodings: 'gzip' },
];
const TARGETS: Record<string, number> = {
  '9 Mbps, 60 ms, brotli': 600,
  '9 Mbps, 60 ms, gzip': 700,
  '1.6 Mbps, 150 ms, 4× CPU, brotli': 2500,
};

async function serve(encodings: string, port: number): Promise<ChildProcess> {
  const server = spawn('node', [resolve(process.cwd(), 'serve.mjs'), site, String(port), encodings], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready) => server.stdout!.once('data', () => ready()));
  return server;
}

/** Records, in the page, when the first pod is drawn and painted (ms from navigation start). */
const firstPod = () => {
  const w = window as any;
  w.__kgFirstPod = null;
  const seen = () => {
    if (!document.querySelector('[data-kind="Pod"]')) return false;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (w.__kgFirstPod = performance.now());
      channel.port2.postMessage(0);
    });
    return true;
  };
  new MutationObserver((_, observer) => seen() && observer.disconnect()).observe(document, { childList: true, subtree: true });
};

/** One cold visit: a fresh context, no cache, no worker, the link emulated. */
async function coldVisit(browser: Browser, origin: string, link: Link) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(firstPod);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.rttMs,
    downloadThroughput: (link.mbps * 1e6) / 8,
    uploadThroughput: (link.mbps * 1e6) / 8,
  });
  if (link.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: link.cpu });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(`${origin}/${STORY}`);
  await page.waitForFunction(() => (window as any).__kgFirstPod !== null, null, { timeout: 60_000 });
  const ms = await page.evaluate(() => (window as any).__kgFirstPod as number);
  const resources = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((r) => {
      const e = r as PerformanceResourceTiming;
      return { name: e.name.split('/').pop()!, start: Math.round(e.startTime), end: Math.round(e.responseEnd), bytes: e.encodedBodySize };
    }),
  );
  await context.close();
  return { ms, bytes, resources };
}

test('cold start: first pod drawn in an embed, over emulated links', async ({ browser }) => {
  test.setTimeout(15 * 60_000);
  expect(existsSync(resolve(site, 'index.html')), 'scripts/site.sh built ../site').toBe(true);
  const loadAtStart = load();
  const servers = new Map<string, { server: ChildProcess; origin: string }>();
  let port = 4600;
  for (const encodings of ['br,gzip', 'gzip']) {
    const server = await serve(encodings, port);
    servers.set(encodings, { server, origin: `http://127.0.0.1:${port}` });
    port += 1;
  }
  const results: Record<string, unknown> = {};
  try {
    for (const link of LINKS) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await coldVisit(browser, servers.get(link.encodings)!.origin, link));
      const bytes = median(runs.map((r) => r.bytes));
      const limit = (bytes * 8) / (link.mbps * 1e6) * 1000 + 3 * link.rttMs;
      const ms = median(runs.map((r) => r.ms));
      results[link.name] = {
        firstPodMs: stats(runs.map((r) => r.ms)),
        transferredBytes: bytes,
        physicalLimitMs: round(limit),
        overLimitMs: round(ms - limit),
        targetMs: TARGETS[link.name] ?? null,
        met: TARGETS[link.name] ? ms <= TARGETS[link.name] : null,
        lastRunResources: runs[runs.length - 1].resources,
      };
      console.log(`${link.name}: first pod ${round(ms)} ms median (${runs.map((r) => round(r.ms, 0)).join(', ')}), ${bytes} bytes, limit ${round(limit)} ms`);
    }

    // A repeat visit, served by the service worker, without throttling.
    const context = await browser.newContext();
    const page = await context.newPage();
    const { origin } = servers.get('br,gzip')!;
    await page.goto(`${origin}/${STORY}`);
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000 });
    await page.addInitScript(firstPod);
    const repeat: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto('about:blank');
      await page.goto(`${origin}/${STORY}`);
      await page.waitForFunction(() => (window as any).__kgFirstPod !== null, null, { timeout: 30_000 });
      repeat.push(await page.evaluate(() => (window as any).__kgFirstPod as number));
    }
    const fromWorker = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((r) => (r as PerformanceResourceTiming).workerStart > 0).length,
    );
    await context.close();
    results['repeat visit, service worker, no throttling'] = { firstPodMs: stats(repeat), targetMs: 250, met: median(repeat) <= 250, resourcesThroughWorker: fromWorker };
    console.log(`repeat visit (service worker): first pod ${round(median(repeat))} ms median (${repeat.map((r) => round(r, 0)).join(', ')})`);
  } finally {
    for (const { server } of servers.values()) server.kill();
  }
  record(test.info(), 'coldStart', { story: STORY, runs: RUNS, ...results }, loadAtStart);
});
