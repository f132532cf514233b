// A slide deck drives an embedded story through postMessage (docs/embedding.md): every
// message type, the answers, malformed messages that change nothing, and the reveal.js
// recipe with reveal.js itself.
import { test, expect, type Page } from '@playwright/test';
import { documented, hostServer } from './host';

test.use({ locale: 'en-US' });

const host = hostServer();

type State = { type: string; step?: number; steps?: number; playing?: boolean };

/** A host page with an embed; it records what the embed says in `window.heard`. */
async function hostPage(page: Page, baseURL: string, hash: string) {
  const html = `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="kg" src="${baseURL}/${hash}" title="kubeglass" width="900" height="600" style="border:0"></iframe>
<script>
  window.heard = [];
  addEventListener('message', (event) => {
    if (event.source === document.getElementById('kg').contentWindow) window.heard.push(event.data);
  });
  window.send = (message) => document.getElementById('kg').contentWindow.postMessage(message, '*');
</script></body></html>`;
  await page.goto(host.page(html));
  return page.frameLocator('#kg');
}

const heard = (page: Page) => page.evaluate(() => (window as any).heard as State[]);
const lastState = async (page: Page) => (await heard(page)).filter((m) => m.type === 'kubeglass:state').at(-1);
const send = (page: Page, message: unknown) => page.evaluate((m) => (window as any).send(m), message);

test('a host page drives the story through every message type, and hears ready and state', async ({ page, baseURL }) => {
  const frame = await hostPage(page, baseURL!, '#example=hostpath&embed=1&play=0');
  await expect.poll(async () => (await heard(page)).find((m) => m.type === 'kubeglass:ready')).toEqual({ type: 'kubeglass:ready', steps: 5 });
  await expect.poll(() => lastState(page)).toEqual({ type: 'kubeglass:state', step: 0, steps: 5, playing: false });

  const expectStep = async (step: number, playing = false) => {
    await expect.poll(() => lastState(page)).toEqual({ type: 'kubeglass:state', step, steps: 5, playing });
    await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', String(step));
  };
  await send(page, { type: 'kubeglass:next' });
  await expectStep(1);
  await send(page, { type: 'kubeglass:next' });
  await expectStep(2);
  await send(page, { type: 'kubeglass:prev' });
  await expectStep(1);
  // Seek jumps: the steps in between without their motion, the target's motion plays.
  await send(page, { type: 'kubeglass:seek', step: 4 });
  await expectStep(4);
  await expect(frame.getByTestId('cluster').locator('[data-testid="file"][data-file="/node-v/other.txt"]')).toHaveCount(1);
  await send(page, { type: 'kubeglass:seek', step: 0 });
  await expectStep(0);
  await send(page, { type: 'kubeglass:play' });
  await expect.poll(async () => (await lastState(page))?.playing).toBe(true);
  await send(page, { type: 'kubeglass:pause' });
  await expect.poll(async () => (await lastState(page))?.playing).toBe(false);
});

test('malformed messages change nothing and insert nothing', async ({ page, baseURL }) => {
  const frame = await hostPage(page, baseURL!, '#example=hostpath&embed=1&play=0');
  await expect.poll(async () => (await heard(page)).some((m) => m.type === 'kubeglass:ready')).toBe(true);
  await send(page, { type: 'kubeglass:seek', step: 2 });
  await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', '2');
  await expect.poll(() => lastState(page)).toMatchObject({ step: 2 });
  const before = (await heard(page)).length;
  const html = frame.locator('body');
  const bodyBefore = await html.evaluate((b) => b.innerHTML.length);
  const junk: unknown[] = [
    { type: 'kubeglass:seek', step: 99 },
    { type: 'kubeglass:seek', step: -1 },
    { type: 'kubeglass:seek', step: 1.5 },
    { type: 'kubeglass:seek', step: '3' },
    { type: 'kubeglass:seek' },
    { type: 'kubeglass:jump', step: 1 },
    { type: 'KUBEGLASS:NEXT' },
    { type: ['kubeglass:next'] },
    '{"type":"kubeglass:next"}',
    'kubeglass:next',
    null,
    42,
    [{ type: 'kubeglass:next' }],
    { type: '<img src=x onerror="window.parent.pwned=1">', step: '<b>2</b>' },
    { kind: 'kubeglass:next' },
  ];
  for (const message of junk) await send(page, message);
  await page.waitForTimeout(500);
  await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', '2');
  expect((await heard(page)).length).toBe(before);
  expect(await html.evaluate((b) => b.innerHTML.length)).toBe(bodyBefore);
  expect(await frame.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
});

test('the reveal.js recipe: the deck’s fragments advance the embedded story', async ({ page, baseURL }) => {
  const recipe = documented('reveal');
  const html = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/reveal/reveal.css"><link rel="stylesheet" href="/reveal/theme/white.css"></head>
<body><div class="reveal"><div class="slides">
<section><h2>Volumes</h2></section>
<section>
  <iframe data-kubeglass src="${baseURL}/#example=hostpath&amp;embed=1&amp;play=0" title="kubeglass: hostPath" width="100%" height="520" style="border:0"></iframe>
  <span class="fragment" data-kubeglass-step="1"></span>
  <span class="fragment" data-kubeglass-step="2"></span>
  <span class="fragment" data-kubeglass-step="3"></span>
</section>
</div></div>
<script src="/reveal/reveal.js"></script>
<script>Reveal.initialize({ hash: false, transition: 'none' });</script>
${recipe}
</body></html>`;
  await page.goto(host.page(html));
  await expect.poll(() => page.evaluate(() => typeof (window as any).Reveal?.isReady === 'function' && (window as any).Reveal.isReady())).toBe(true);
  const frame = page.frameLocator('iframe[data-kubeglass]');
  await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', '0');
  const next = () => page.evaluate(() => (window as any).Reveal.next());
  const prev = () => page.evaluate(() => (window as any).Reveal.prev());
  await next(); // to the kubeglass slide
  await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', '0');
  for (const step of [1, 2, 3]) {
    await next();
    await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', String(step));
  }
  await prev();
  await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', '2');
  // The deck's own keys drive it too.
  await page.locator('.reveal').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', '3');
});
