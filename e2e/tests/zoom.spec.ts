// The picture fills its pane, whole, scaled up or down; Ctrl+wheel and pinch zoom around the
// pointer, a drag pans, + − 0 and the buttons zoom; "actual size" is the 100% level. Panning
// replaces the pane's scrolling. Zooming only changes the viewBox: the layout stays, and
// packets keep moving.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApp, pasteManifest, focusPage, podBoxes } from './helpers';
import { repo } from './cli';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 900 } });

const wide = readFileSync(resolve(repo, 'fixtures/corpus/microservices-demo/release__kubernetes-manifests.yaml'), 'utf8');

type Box = { x: number; y: number; w: number; h: number };

/** The viewBox, the picture's own size, the SVG's box on screen, and whether the pane scrolls. */
async function view(page: Page) {
  return page.getByTestId('cluster').evaluate((svg: SVGSVGElement) => {
    const [x, y, w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    const r = svg.getBoundingClientRect();
    const pane = svg.parentElement!;
    return {
      box: { x, y, w, h },
      picture: { w: Number(svg.getAttribute('width')), h: Number(svg.getAttribute('height')) },
      screen: { left: r.left, top: r.top, width: r.width, height: r.height },
      scrolls: pane.scrollWidth > pane.clientWidth || pane.scrollHeight > pane.clientHeight,
    };
  });
}

/** Screen pixels per picture unit. */
const scaleOf = (v: Awaited<ReturnType<typeof view>>) => Math.min(v.screen.width / v.box.w, v.screen.height / v.box.h);

/** The picture point under a screen point. */
function under(v: Awaited<ReturnType<typeof view>>, sx: number, sy: number) {
  const s = scaleOf(v);
  const cx = v.box.x + v.box.w / 2;
  const cy = v.box.y + v.box.h / 2;
  return { x: cx + (sx - (v.screen.left + v.screen.width / 2)) / s, y: cy + (sy - (v.screen.top + v.screen.height / 2)) / s };
}

const shows = (b: Box, w: number, h: number) => b.x <= 0.5 && b.y <= 0.5 && b.x + b.w >= w - 0.5 && b.y + b.h >= h - 0.5;

test('the picture fills its pane whole, up as well as down', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/#example=hostpath&play=0');
  await expect(page.getByTestId('cluster')).toBeVisible();
  const small = await view(page);
  expect(shows(small.box, small.picture.w, small.picture.h)).toBe(true);
  // Fitted: the picture touches two opposite sides of its pane, so it is as large as it can be.
  const s = scaleOf(small);
  expect(Math.max((small.picture.w * s) / small.screen.width, (small.picture.h * s) / small.screen.height)).toBeGreaterThan(0.99);
  expect(s).toBeGreaterThan(1); // the lecture example is drawn larger than its own size
  expect(small.scrolls).toBe(false);
  await expect(page.getByTestId('actual-size')).toHaveText(`${Math.round(s * 100)}%`);

  await pasteManifest(page, wide);
  await expect(page.getByTestId('cluster').locator('[data-kind="Service"][data-name="frontend-external"]')).toHaveCount(1);
  const big = await view(page);
  expect(shows(big.box, big.picture.w, big.picture.h)).toBe(true);
  expect(scaleOf(big)).toBeLessThan(1);
  expect(big.scrolls).toBe(false);
});

test('Ctrl+wheel zooms around the pointer, a drag pans, keys and buttons zoom, fit restores', async ({ page }) => {
  await openApp(page);
  await pasteManifest(page, wide);
  await expect(page.getByTestId('cluster').locator('[data-kind="Service"][data-name="frontend-external"]')).toHaveCount(1);
  const pods = await podBoxes(page);
  const fitted = await view(page);

  // Ctrl+wheel: larger, with the point under the pointer still under it.
  const at = { x: fitted.screen.left + fitted.screen.width * 0.3, y: fitted.screen.top + fitted.screen.height * 0.4 };
  const before = under(fitted, at.x, at.y);
  await page.mouse.move(at.x, at.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await view(page)).box.w).toBeLessThan(fitted.box.w * 0.8);
  const zoomed = await view(page);
  const after = under(zoomed, at.x, at.y);
  expect(Math.abs(after.x - before.x)).toBeLessThan(2);
  expect(Math.abs(after.y - before.y)).toBeLessThan(2);
  // The page itself did not zoom or scroll.
  expect(await page.evaluate(() => [scrollX, scrollY, visualViewport!.scale])).toEqual([0, 0, 1]);

  // A drag pans by as many picture units as the pointer moved, over the scale; it is not a click.
  const s = scaleOf(zoomed);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 60, at.y + 20, { steps: 4 });
  await page.mouse.move(at.x + 120, at.y + 40, { steps: 4 });
  await page.mouse.up();
  const panned = await view(page);
  expect(panned.box.x).toBeCloseTo(zoomed.box.x - 120 / s, 0);
  expect(panned.box.y).toBeCloseTo(zoomed.box.y - 40 / s, 0);
  await expect(page.getByTestId('inspector')).not.toHaveAttribute('data-kind', /.+/);
  // No scrollbars: panning replaces the pane's scrolling.
  expect(panned.scrolls).toBe(false);

  // The layout never ran again.
  expect(await podBoxes(page)).toEqual(pods);

  // Keys: + and − zoom around the centre, 0 fits.
  await focusPage(page);
  await page.keyboard.press('+');
  await expect.poll(async () => (await view(page)).box.w).toBeLessThan(panned.box.w * 0.85);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect.poll(async () => (await view(page)).box.w).toBeGreaterThan(panned.box.w * 1.1);
  await page.keyboard.press('0');
  await expect.poll(async () => (await view(page)).box).toEqual(fitted.box);

  // Buttons.
  await page.getByTestId('zoom-in').click();
  await expect.poll(async () => (await view(page)).box.w).toBeLessThan(fitted.box.w * 0.85);
  await page.getByTestId('zoom-out').click();
  await page.getByTestId('zoom-out').click();
  await expect.poll(async () => (await view(page)).box.w).toBeGreaterThan(fitted.box.w * 1.1);
  await page.getByTestId('zoom-fit').click();
  await expect.poll(async () => (await view(page)).box).toEqual(fitted.box);
});

test('actual size is the 100% zoom level, and outlasts opening another example', async ({ page }) => {
  await openApp(page);
  await pasteManifest(page, wide);
  await expect(page.getByTestId('cluster').locator('[data-kind="Service"][data-name="frontend-external"]')).toHaveCount(1);
  const zoom = page.getByTestId('actual-size');
  await expect(zoom).toHaveAttribute('aria-pressed', 'false');
  await zoom.click();
  await expect(zoom).toHaveAttribute('aria-pressed', 'true');
  await expect(zoom).toHaveText('100%');
  const actual = await view(page);
  expect(scaleOf(actual)).toBeCloseTo(1, 3);
  expect(actual.scrolls).toBe(false);

  // Another example keeps the choice: it is how the user wants to see, not part of the story.
  await page.getByTestId('gallery').locator('[data-example="hostpath"]').click();
  await expect(zoom).toHaveAttribute('aria-pressed', 'true');
  expect(scaleOf(await view(page))).toBeCloseTo(1, 3);

  await zoom.click();
  await expect(zoom).toHaveAttribute('aria-pressed', 'false');
  const back = await view(page);
  expect(shows(back.box, back.picture.w, back.picture.h)).toBe(true);
});

test('packets keep moving while zoomed in', async ({ page }) => {
  await page.goto('/#example=clusterip&play=0');
  await expect(page.getByTestId('cluster')).toBeVisible();
  await page.getByTestId('zoom-in').click();
  await page.getByTestId('zoom-in').click();
  await page.getByTestId('step').click();
  const packet = page.getByTestId('cluster').locator('[data-testid="packet"]').first();
  await expect(packet).toBeAttached();
  const where = () => packet.evaluate((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`);
  const first = await where();
  await expect.poll(where).not.toBe(first);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('one header line, the picture first, the editor folded, nothing wider than the screen; pinch zooms', async ({ page }) => {
    await page.goto('/#example=hostpath&step=2&play=0');
    await expect(page.getByTestId('cluster')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const header = (await page.locator('.kg-header').boundingBox())!;
    expect(header.height).toBeLessThan(48);
    // The picture, then the caption, then the controls.
    const picture = (await page.getByTestId('cluster').boundingBox())!;
    const caption = (await page.locator('.kg-view-pane').getByTestId('caption').boundingBox())!;
    const controls = (await page.getByTestId('play').boundingBox())!;
    expect(picture.y).toBeLessThan(caption.y);
    expect(caption.y).toBeLessThan(controls.y);
    await expect(page.locator('.kg-view-pane').getByTestId('caption')).toContainText('2/5');
    // The editor folds behind a button.
    await expect(page.getByTestId('manifest-input')).toBeHidden();
    await page.getByTestId('show-editor').click();
    await expect(page.getByTestId('manifest-input')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Two fingers spread apart on the picture: it zooms in.
    await page.getByTestId('cluster').scrollIntoViewIfNeeded();
    const before = await view(page);
    const box = (await page.getByTestId('cluster').boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const fingers = (d: number) => [
      { x: cx - d, y: cy, id: 1 },
      { x: cx + d, y: cy, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
    for (const d of [30, 45, 60, 80]) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(d) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => (await view(page)).box.w).toBeLessThan(before.box.w * 0.6);
    expect(await page.evaluate(() => visualViewport!.scale)).toBe(1);
  });
});
