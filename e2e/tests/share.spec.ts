// Share links: any story travels in the URL fragment (docs/embedding.md), opens the same text
// and picture elsewhere, survives damage without a blank page, and the CLI and the app read
// each other's links.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { openApp, pasteManifest, manifestText, still, settled, currentStep, countKinds } from './helpers';
import { kubeglass, kubeglassBin, fragment, repo } from './cli';

test.use({ locale: 'en-US' });

const links = resolve(repo, 'fixtures/links');
const story = readFileSync(resolve(links, 'cache-story.yaml'), 'utf8');

/** A payload made the documented way (raw DEFLATE, base64url without padding). */
function payload(bytes: Buffer): string {
  return deflateRawSync(bytes, { level: 9 }).toString('base64url');
}

/** Opens the lab on an address and waits for the picture. */
async function openAt(page: Page, hash: string) {
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('cluster')).toBeVisible();
}

/** The link the Share panel offers now (once it is made). */
async function sharedLink(page: Page): Promise<string> {
  const field = page.getByTestId('share-link');
  await expect(field).toHaveValue(/#s=/);
  return field.inputValue();
}

test.beforeAll(() => {
  test.setTimeout(15 * 60_000);
  kubeglassBin();
});

test('a story shared from the lab opens in a fresh browser with the same text, step and objects', async ({ page, browser, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openApp(page);
  await pasteManifest(page, story);
  await expect(still(page, 'Pod')).toHaveCount(3);
  // The default example was playing: stop, and go back to the story's start.
  await page.getByTestId('pause').click();
  await page.getByTestId('timeline').locator('[data-step="0"]').click();
  await expect(currentStep(page)).toHaveAttribute('data-step', '0');
  await settled(page);
  for (const step of ['1', '2']) {
    await page.getByTestId('step').click();
    await expect(currentStep(page)).toHaveAttribute('data-step', step);
    await settled(page);
  }
  const text = await manifestText(page);
  const counts = await page.getByTestId('cluster').evaluate(countKinds);

  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-panel')).toBeVisible();
  await page.getByTestId('share-start').selectOption('step');
  const link = await sharedLink(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]+&step=2$/);
  await expect(page.getByTestId('share-length')).toHaveText(new RegExp(`^${link.length} characters$`));
  await page.getByTestId('share-copy').click();
  await expect(page.getByTestId('share-copy')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // The snippet embeds the same story, titled after the Scenario.
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toBe(
    `<iframe src="${link.replace('&', '&amp;')}&amp;embed=1" title="kubeglass: cache loses its data — 캐시" width="100%" height="480" loading="lazy" style="border:0" allow="fullscreen"></iframe>`,
  );
  // Nothing of this touched the address bar.
  expect(new URL(page.url()).hash).toBe('');

  const fresh = await browser.newContext({ locale: 'en-US' });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('manifest-input')).toHaveValue(text);
  await expect(currentStep(other)).toHaveAttribute('data-step', '2');
  await settled(other);
  expect(await other.getByTestId('cluster').evaluate(countKinds)).toEqual(counts);
  // Opened at a later step, it waits there.
  await expect(other.getByTestId('pause')).toBeDisabled();
  await fresh.close();
});

test('a link printed by the CLI opens with its pods, and the CLI decodes a link made in the app', async ({ page, baseURL }) => {
  const cli = kubeglass('share', resolve(links, 'cache-story.yaml'), '--base', `${baseURL}/`, '--lang', 'ko', '--no-play');
  expect(cli.status).toBe(0);
  const link = cli.stdout.trim();
  expect(link).toMatch(/#s=[A-Za-z0-9_-]+&lang=ko&play=0$/);
  await page.goto(link);
  await expect(page.getByTestId('manifest-input')).toHaveValue(story);
  await expect(still(page, 'Pod').and(page.locator('[data-name^="cache-"]'))).toHaveCount(2);
  await expect(still(page, 'Pod').and(page.locator('[data-name="shopper"]'))).toHaveCount(1);
  await expect(page.getByTestId('language')).toHaveText('English');
  await expect(currentStep(page)).toHaveAttribute('data-step', '0');
  await expect(page.getByTestId('pause')).toBeDisabled();

  // Back the other way: the app's link, decoded by the CLI, is the editor's text.
  await page.getByTestId('manifest-input').fill(`${story}# 편집했습니다\n`);
  await page.getByTestId('share').click();
  const made = await sharedLink(page);
  const decoded = kubeglass('share', '--decode', made);
  expect(decoded.status).toBe(0);
  expect(decoded.stdout).toBe(await manifestText(page));
});

test('golden links made when the format was fixed still open their texts', async ({ page }) => {
  const golden = readdirSync(links).filter((f) => f.endsWith('.link'));
  expect(golden.length).toBeGreaterThanOrEqual(4);
  for (const file of golden) {
    const text = readFileSync(resolve(links, `${file.split('.')[0]}.yaml`), 'utf8');
    const link = readFileSync(resolve(links, file), 'utf8').trim();
    await openAt(page, fragment(link).replace(/&embed=1/, ''));
    await expect(page.getByTestId('manifest-input'), file).toHaveValue(text);
  }
});

test('a damaged link opens the default example and says what is wrong, in the lab and in an embed', async ({ page }) => {
  const whole = payload(Buffer.from(story));
  const damaged: [string, RegExp][] = [
    ['#s=not*base64', /not valid base64url/],
    [`#s=${whole.slice(0, whole.length >> 1)}`, /does not decompress/],
    [`#s=${payload(Buffer.from([0xe9, 0x74, 0xe9]))}`, /not UTF-8 text/],
  ];
  for (const [hash, why] of damaged) {
    await openAt(page, hash);
    const message = page.getByTestId('link-damaged');
    await expect(message).toHaveText(/^This link is damaged: /);
    await expect(message).toHaveText(why);
    await expect(message).toContainText('The default example is shown instead.');
    await expect(page.getByTestId('gallery').locator('[aria-pressed="true"]')).toHaveAttribute('data-example', 'deployment');
    await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(3);
  }
  await openAt(page, '#s=not*base64&embed=1&lang=ko');
  await expect(page.getByTestId('caption')).toContainText('이 링크는 손상되었습니다: 스토리 부분이 올바른 base64url이 아닙니다');
  await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(3);
});

test('an inflation bomb is refused while it streams, within a second, with the tab’s memory bounded', async ({ page }) => {
  // 300 MB of spaces, about 300 KB of DEFLATE.
  const bomb = payload(Buffer.alloc(300 * 1024 * 1024, 0x20));
  expect(bomb.length).toBeLessThan(450_000);
  expect(bomb.length).toBeGreaterThan(250_000);
  // The wasm instance, to read the size of its memory.
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => ((window as any).kgWasm = (e as CustomEvent).detail.wasm)));

  // Opened cold, it shows the message and the default example.
  await openAt(page, `#s=${bomb}`);
  await expect(page.getByTestId('link-damaged')).toHaveText(/inflates past the 5 MB/);
  await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(3);

  // Timed in the page: from following the link to the message.
  await openAt(page, '#example=hostpath&play=0');
  await expect(page.getByTestId('link-damaged')).toHaveCount(0);
  const ms = await page.evaluate(async (hash) => {
    const start = performance.now();
    location.hash = hash;
    while (!document.querySelector('[data-testid="link-damaged"]')) await new Promise((r) => setTimeout(r, 2));
    return performance.now() - start;
  }, `#s=${bomb}`);
  expect(ms).toBeLessThan(1000);
  await expect(page.getByTestId('link-damaged')).toHaveText(/inflates past the 5 MB/);

  // Memory stayed near the 5 MB cap: nowhere near the 300 MB the bomb holds.
  const wasmBytes = await page.evaluate(() => (window as any).kgWasm.memory.buffer.byteLength as number);
  expect(wasmBytes).toBeLessThan(64 << 20);
  const cdp = await page.context().newCDPSession(page);
  // Array buffers (the inflated chunks, the wasm memory) live outside the JS heap: count both.
  const usage = await cdp.send('Runtime.getHeapUsage');
  expect(usage.totalSize + usage.backingStorageSize).toBeLessThan(96 << 20);

  // The page answers: the language toggle works.
  await page.getByTestId('language').click();
  await expect(page.getByTestId('download-svg')).toHaveText('SVG 내려받기');
});

test('play and step in the address: play wins when given, else a story plays only from its start', async ({ page }) => {
  await openAt(page, '#example=hostpath&step=2');
  await expect(currentStep(page)).toHaveAttribute('data-step', '2');
  await expect(page.getByTestId('pause')).toBeDisabled();

  await openAt(page, '#example=hostpath&step=2&play=1');
  await page.getByTestId('speed').selectOption('400');
  await expect(currentStep(page)).toHaveAttribute('data-step', '3', { timeout: 15_000 });

  await openAt(page, '#example=hostpath&play=0');
  await expect(page.getByTestId('pause')).toBeDisabled();
  await page.waitForTimeout(1500);
  await expect(currentStep(page)).toHaveAttribute('data-step', '0');
});

test('opening another link in the same tab opens that story', async ({ page }) => {
  await openAt(page, '#example=emptydir&play=0');
  await expect(page.getByTestId('gallery').locator('[aria-pressed="true"]')).toHaveAttribute('data-example', 'emptydir');
  await page.evaluate((hash) => (location.hash = hash), `#s=${payload(Buffer.from(story))}&play=0&lang=ko`);
  await expect(page.getByTestId('manifest-input')).toHaveValue(story);
  await expect(still(page, 'Pod').and(page.locator('[data-name="shopper"]'))).toHaveCount(1);
  await expect(page.getByTestId('language')).toHaveText('English');
  await page.evaluate(() => (location.hash = '#example=headless&play=0'));
  await expect(page.getByTestId('gallery').locator('[aria-pressed="true"]')).toHaveAttribute('data-example', 'headless');
});

test('the text is kept across reloads; a link replaces it until restored; Download YAML saves it', async ({ page }, testInfo) => {
  await openApp(page);
  const mine = `${story}# mine\n`;
  await pasteManifest(page, mine);
  await expect(still(page, 'Pod').and(page.locator('[data-name="shopper"]'))).toHaveCount(1);
  await expect(page.getByTestId('restore-text')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('manifest-input')).toHaveValue(mine);
  await expect(still(page, 'Pod').and(page.locator('[data-name="shopper"]'))).toHaveCount(1);

  // A link replaces it, and offers it back.
  await page.evaluate(() => (location.hash = '#example=emptydir&play=0'));
  await expect(page.getByTestId('gallery').locator('[aria-pressed="true"]')).toHaveAttribute('data-example', 'emptydir');
  await expect(page.getByTestId('restore-text')).toBeVisible();
  // A reload of the link keeps offering it (the kept text was not overwritten).
  await page.reload();
  await expect(page.getByTestId('gallery').locator('[aria-pressed="true"]')).toHaveAttribute('data-example', 'emptydir');
  await page.getByTestId('restore-text').click();
  await expect(page.getByTestId('manifest-input')).toHaveValue(mine);
  await expect(page.getByTestId('restore-text')).toHaveCount(0);

  // Editing a link's text makes it the user's: the offer goes, and the edit is kept.
  await page.evaluate(() => (location.hash = '#example=emptydir&play=0&lang=en'));
  await expect(page.getByTestId('restore-text')).toBeVisible();
  const edited = (await manifestText(page)).replace('name: pod-volume', 'name: pod-volume-x');
  await page.getByTestId('manifest-input').fill(edited);
  await expect(page.getByTestId('restore-text')).toHaveCount(0);
  await page.waitForTimeout(500);
  await page.goto('/');
  await expect(page.getByTestId('manifest-input')).toHaveValue(edited);

  const download = page.waitForEvent('download');
  await page.getByTestId('download-yaml').click();
  const saved = testInfo.outputPath('story.yaml');
  await (await download).saveAs(saved);
  expect((await download).suggestedFilename()).toMatch(/\.yaml$/);
  expect(readFileSync(saved, 'utf8')).toBe(edited);
});

test('a presenter link from the Share panel opens the story in presenter mode', async ({ page, browser }) => {
  await page.goto('/#example=emptydir&play=0');
  await expect(page.getByTestId('manifest-input')).toBeVisible();
  await page.getByTestId('share').click();
  await page.getByTestId('share-present').check();
  const link = await sharedLink(page);
  expect(link).toMatch(/&present=1$/);
  const other = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await other.goto(link);
  await expect(other.getByTestId('presenter')).toBeVisible();
  // The story plays from its start (the link has no play=0), so the step it shows depends on
  // how fast the page is: check the story, not the moment.
  await expect(other.getByTestId('progress')).toHaveAttribute('aria-valuemax', '4');
  await expect(other.getByTestId('progress')).toContainText(/^[0-4] \/ 4$/);
  await other.close();
});
