// Frame time with 200 pods and 100 packets in flight, collapsed, expanded, and expanded while
// zoomed in.
//
// A Deployment of 200 replicas behind a Service, a client pod and a Scenario whose one step
// sends 100 requests from the client to the Service, on 4 nodes. Above 30 pods the picture
// collapses a workload's replicas on a node into a Stack, so both pictures are measured:
// collapsed (4 Stacks of 50) and expanded (each Stack clicked: 201 Pod groups drawn).
//
// Each run clicks `step` and records, in the page, every requestAnimationFrame until the
// motion has ended:
// - the frame interval: the difference between consecutive rAF timestamps. This is what the
//   eye sees; it comes in whole vsyncs (16.7 ms at 60 Hz, 33.3 ms for one dropped frame...).
// - the frame's main-thread work: from the rAF timestamp to a message posted in the rAF
//   callback, which runs once that frame's callbacks (the app's redraw), style, layout and
//   paint are done. Not quantised, so it shows the headroom left under 16.7 ms.
// - the packets in flight (`[data-testid=packet]`), counted once the frame is drawn.
// Frame statistics are over the frames with at least 50 packets in flight. Then `step-back`
// and again: the figures are the medians over the runs (and their spread).
import { test, expect, type Page, type CDPSession } from '@playwright/test';
import { openApp, paste, record, load, stats, median, round, settle, LIVE_PODS } from './lib';

const REPLICAS = 200;
const REQUESTS = 100;
const MIN_IN_FLIGHT = 50;
const RUNS = 4;
const VSYNC_MS = 1000 / 60;

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${REPLICAS}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
        resources: {requests: {cpu: 1m, memory: 1Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - name: curl
    image: curlimages/curl
    resources: {requests: {cpu: 1m, memory: 1Mi}}
---
apiVersion: kubeglass/v1alpha1
kind: Scenario
metadata: {name: perf-frames}
spec:
  seed: 1
  cluster: {nodes: [node1, node2, node3, node4]}
  steps:
  - request: {from: pod/client, to: "web:80", count: ${REQUESTS}}
`;

type Frame = { ts: number; interval: number | null; work: number | null; packets: number | null; afterClick: boolean };

/** Clicks `step` and records every frame until the motion is over. */
async function recordStep(page: Page): Promise<{ frames: Frame[]; stepMs: number }> {
  return page.evaluate(
    () =>
      new Promise<{ frames: Frame[]; stepMs: number }>((resolve, reject) => {
        const frames: Frame[] = [];
        const afterTask = (then: (t: number) => void) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => then(performance.now());
          channel.port2.postMessage(0);
        };
        const count = () => document.querySelectorAll('[data-testid=packet]').length;
        let previous: number | null = null;
        let clicked = false;
        let stepMs = NaN;
        const started = performance.now();
        const onFrame = (ts: number) => {
          const frame: Frame = { ts, interval: previous === null ? null : ts - previous, work: null, packets: null, afterClick: clicked };
          previous = ts;
          frames.push(frame);
          afterTask((t) => {
            frame.work = t - ts;
            frame.packets = count();
          });
          if (frames.length === 10) {
            // Click between frames, as a user would.
            setTimeout(() => {
              const at = performance.now();
              clicked = true;
              (document.querySelector('[data-testid=step]') as HTMLButtonElement).click();
              afterTask((t) => (stepMs = t - at));
            });
          }
          const done = frames.filter((f) => f.afterClick && f.packets !== null);
          const moved = done.some((f) => f.packets! > 0);
          const idle = done.length > 20 && done.slice(-20).every((f) => f.packets === 0);
          if (moved && idle) return resolve({ frames: frames.filter((f) => f.packets !== null), stepMs });
          if (performance.now() - started > 120_000) return reject(new Error('the motion did not end in 2 minutes'));
          requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
      }),
  );
}

type Metrics = Record<string, number>;
async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m: { name: string; value: number }) => [m.name, m.value]));
}

/**
 * One run: step, measure, step back. With `cdp`, also Chromium's main-thread time by category
 * (Performance.getMetrics), which needs instrumentation that costs a little: so only in an
 * extra run, whose frame times are not counted.
 */
async function run(page: Page, cdp?: CDPSession) {
  await expect(page.getByTestId('step')).toBeEnabled();
  if (cdp) await cdp.send('Performance.enable');
  const before = cdp ? await metrics(cdp) : {};
  const { frames, stepMs } = await recordStep(page);
  const after = cdp ? await metrics(cdp) : {};
  if (cdp) await cdp.send('Performance.disable');
  const motion = frames.filter((f) => f.afterClick && f.interval !== null);
  const moving = motion.filter((f) => f.packets! > 0);
  const busy = motion.filter((f) => f.packets! >= MIN_IN_FLIGHT);
  const intervals = busy.map((f) => f.interval!);
  const work = busy.map((f) => f.work!);
  // Main-thread time by category (Chromium's Performance.getMetrics, seconds), per frame.
  const perFrame = (name: string) => round(((after[name] - before[name]) * 1000) / motion.length);
  const task = perFrame('TaskDuration');
  const script = perFrame('ScriptDuration');
  const layout = perFrame('LayoutDuration');
  const style = perFrame('RecalcStyleDuration');
  await page.getByTestId('step-back').click();
  await settle(page);
  return {
    stepClickMs: stepMs,
    framesInMotion: moving.length,
    motionMs: moving.length ? moving[moving.length - 1].ts - moving[0].ts : 0,
    maxInFlight: Math.max(...motion.map((f) => f.packets!)),
    medianInFlight: median(moving.map((f) => f.packets!)),
    busyFrames: busy.length,
    interval: stats(intervals),
    droppedShare: intervals.filter((i) => i > VSYNC_MS * 1.5).length / Math.max(1, intervals.length),
    work: stats(work),
    mainThreadPerFrameMs: cdp ? { task, script, style, layout, otherIncludingPaint: round(task - script - style - layout) } : null,
  };
}

type Run = Awaited<ReturnType<typeof run>>;

/** Medians over the runs, with the spread (min–max over runs) of the headline figures. */
function summarise(runs: Run[], attribution: Run) {
  const m = (f: (r: Run) => number) => round(median(runs.map(f)));
  const spread = (f: (r: Run) => number) => [round(Math.min(...runs.map(f))), round(Math.max(...runs.map(f)))];
  return {
    runs: runs.length,
    packetsInFlight: { max: m((r) => r.maxInFlight), median: m((r) => r.medianInFlight) },
    framesWithAtLeast50InFlight: m((r) => r.busyFrames),
    frameIntervalMs: {
      median: m((r) => r.interval.median),
      p90: m((r) => r.interval.p90),
      max: m((r) => r.interval.max),
      medianSpread: spread((r) => r.interval.median),
      p90Spread: spread((r) => r.interval.p90),
    },
    droppedFramesPercent: m((r) => r.droppedShare * 100),
    frameWorkMs: {
      median: m((r) => r.work.median),
      p90: m((r) => r.work.p90),
      max: m((r) => r.work.max),
      medianSpread: spread((r) => r.work.median),
    },
    // From one extra run with Chromium's metrics on: average over all frames of the motion.
    mainThreadPerFrameMs: attribution.mainThreadPerFrameMs,
    stepClickMs: m((r) => r.stepClickMs),
    motionMs: m((r) => r.motionMs),
    met: median(runs.map((r) => r.interval.median)) <= VSYNC_MS + 0.5,
    perRun: runs.map((r) => ({
      maxInFlight: r.maxInFlight,
      busyFrames: r.busyFrames,
      intervalMedian: r.interval.median,
      intervalP90: r.interval.p90,
      intervalMax: r.interval.max,
      workMedian: r.work.median,
      workP90: r.work.p90,
    })),
  };
}

/** Clicks each Stack until none is left; returns click → 201 Pods drawn and painted, per click. */
async function expandAll(page: Page) {
  const stacks = page.locator('[data-testid=cluster] [data-kind=Stack]');
  const times: number[] = [];
  while ((await stacks.count()) > 0) {
    const left = await stacks.count();
    await page.evaluate((left) => {
      const w = window as any;
      w.__kgExpand = { t0: null, painted: null };
      window.addEventListener('click', () => (w.__kgExpand.t0 = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('[data-testid=cluster] [data-kind=Stack]').length === left) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => (w.__kgExpand.painted = performance.now());
          channel.port2.postMessage(0);
        });
      });
      observer.observe(document.querySelector('[data-testid=cluster]')!, { subtree: true, childList: true });
    }, left);
    await stacks.first().click();
    await page.waitForFunction(() => (window as any).__kgExpand.painted !== null);
    times.push(await page.evaluate(() => (window as any).__kgExpand.painted - (window as any).__kgExpand.t0));
  }
  await settle(page);
  return times;
}

test('frame time: 200 pods, 100 packets in flight', async ({ page }, info) => {
  const loadAtStart = load();
  await openApp(page);
  await paste(page, MANIFEST);
  const stacks = page.locator('[data-testid=cluster] [data-kind=Stack]');
  await expect(stacks).toHaveCount(4, { timeout: 30_000 });
  await settle(page);
  await expect(page.getByTestId('diagnostics').locator('[data-severity=error]')).toHaveCount(0);
  const stacked = await stacks.evaluateAll((s) => s.reduce((n, e) => n + Number(e.getAttribute('data-count')), 0));
  expect(stacked).toBe(REPLICAS);
  await expect(page.locator(`${LIVE_PODS}[data-name=client][data-phase=Running]`)).toHaveCount(1);
  const collapsedElements = await page.locator('[data-testid=cluster] *').count();

  const cdp = await page.context().newCDPSession(page);

  const collapsed: Run[] = [];
  for (let i = 0; i < RUNS; i++) collapsed.push(await run(page));
  const collapsedAttribution = await run(page, cdp);

  const expandMs = await expandAll(page);
  await expect(page.locator(LIVE_PODS)).toHaveCount(REPLICAS + 1);
  await expect(page.locator(`${LIVE_PODS}[data-phase=Running]`)).toHaveCount(REPLICAS + 1);
  const expandedElements = await page.locator('[data-testid=cluster] *').count();

  const expanded: Run[] = [];
  for (let i = 0; i < RUNS; i++) expanded.push(await run(page));
  const expandedAttribution = await run(page, cdp);

  // Zoomed in (three presses of zoom-in, about 2× the fitted scale), still expanded: zooming
  // changes only the viewBox, and the packets keep moving.
  for (let i = 0; i < 3; i++) await page.getByTestId('zoom-in').click();
  const zoomPercent = await page.getByTestId('actual-size').textContent();
  const zoomed: Run[] = [];
  for (let i = 0; i < RUNS; i++) zoomed.push(await run(page));
  const zoomedAttribution = await run(page, cdp);

  const result = {
    manifest: `Deployment web (${REPLICAS} replicas, 1m CPU / 1Mi each) behind Service web, pod client, 4 nodes; step: request ${REQUESTS} from pod/client to web:80`,
    minInFlight: MIN_IN_FLIGHT,
    criterion: 'median frame interval <= one 60 Hz vsync (16.7 ms) with >= 50 packets in flight',
    collapsed: { svgElements: collapsedElements, stacks: 4, ...summarise(collapsed, collapsedAttribution) },
    expanded: { svgElements: expandedElements, podsDrawn: REPLICAS + 1, expandClickToPaintedMs: expandMs.map((t) => round(t)), ...summarise(expanded, expandedAttribution) },
    zoomedExpanded: { zoom: zoomPercent, ...summarise(zoomed, zoomedAttribution) },
  };
  for (const [name, r] of [['collapsed', result.collapsed], ['expanded', result.expanded], ['zoomed', result.zoomedExpanded]] as const) {
    console.log(
      `${name}: frame interval median ${r.frameIntervalMs.median} ms (p90 ${r.frameIntervalMs.p90}, max ${r.frameIntervalMs.max}), ` +
        `work median ${r.frameWorkMs.median} ms, packets in flight max ${r.packetsInFlight.max} median ${r.packetsInFlight.median}`,
    );
  }
  record(info, 'frames', result, loadAtStart);
});
