// Presenter mode for a projector: the picture fills the window above a large caption, pod
// names are legible from the back of the hall, a clicker's keys move the story, and the
// shortcuts are a `?` away. Also the slide-friendly extras: reduced motion, and PNG pictures.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { focusPage, settled, still } from './helpers';
import { EXAMPLES } from './story';

test.use({ locale: 'en-US' });

/** The picture's and the caption band's boxes, and the window's size. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const box = (e: Element | null) => {
      const r = e!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    };
    return {
      picture: box(document.querySelector('[data-testid="cluster"]')),
      band: box(document.querySelector('.kg-present-band')),
      window: { width: innerWidth, height: innerHeight },
    };
  });
}

/** The smallest pod name on screen, in CSS px (font size × the picture's scale). */
async function smallestPodName(page: Page): Promise<number> {
  return page.getByTestId('cluster').evaluate((svg: SVGSVGElement) => {
    const r = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    const scale = Math.min(r.width / vb.width, r.height / vb.height);
    const sizes = [...svg.querySelectorAll('[data-kind="Pod"] > text.kg-t-name, [data-kind="Stack"] > text.kg-t-name')]
      .filter((t) => !t.closest('[aria-hidden="true"]'))
      .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    return sizes.length ? Math.min(...sizes) : Infinity;
  });
}

for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  test(`at ${size.width}×${size.height} the picture fills the window above the caption, pod names at 14 px or more`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    for (const [id, example] of Object.entries(EXAMPLES)) {
      await page.goto(`/#example=${id}&present=1&play=0`);
      await expect(page.getByTestId('presenter')).toBeVisible();
      await expect(page.getByTestId('caption')).toContainText(example.en);
      // Before the first step and after the last one (the tallest picture is often there).
      for (const at of [0, example.steps]) {
        if (at > 0) {
          await page.keyboard.press('End');
          await expect(page.getByTestId('progress')).toContainText(`${example.steps} / ${example.steps}`);
        }
        const l = await layout(page);
        expect(l.picture.width).toBeCloseTo(l.window.width, 0);
        expect(l.picture.top).toBeCloseTo(0, 0);
        expect(l.picture.bottom).toBeCloseTo(l.band.top, 0);
        expect(l.band.bottom).toBeCloseTo(l.window.height, 0);
        expect(await smallestPodName(page), `${id} at step ${at}`).toBeGreaterThanOrEqual(14);
      }
    }
    // The caption is large: 24 px or more.
    const font = await page.getByTestId('caption').locator('.kg-note').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(font).toBeGreaterThanOrEqual(24);
    // Nothing else of the lab is there.
    for (const id of ['manifest-input', 'gallery', 'inspector', 'timeline', 'narration', 'share', 'play']) {
      await expect(page.getByTestId(id), id).toHaveCount(0);
    }
  });
}

test('a clicker’s keys move the story, and the progress follows', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const progress = page.getByTestId('progress');
  const expectAt = async (step: number) => {
    await expect(progress).toContainText(`${step} / 5`);
    await expect(progress).toHaveAttribute('aria-valuenow', String(step));
    await expect(page.getByTestId('caption')).toHaveAttribute('data-step', String(step));
  };
  await page.goto('/#example=hostpath&present=1&play=0');
  await expectAt(0);
  const keys: [string, number][] = [
    ['ArrowRight', 1],
    ['ArrowDown', 2],
    ['PageDown', 3],
    [' ', 4],
    ['ArrowLeft', 3],
    ['ArrowUp', 2],
    ['PageUp', 1],
    ['Enter', 2],
    ['End', 5],
    ['Home', 0],
  ];
  for (const [key, step] of keys) {
    await page.keyboard.press(key);
    await expectAt(step);
  }
  // Enter never opens an inspector, even on a focused object.
  await page.getByTestId('cluster').locator('[data-kind="Pod"]').first().focus();
  await page.keyboard.press('Enter');
  await expectAt(1);
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  // The bar is as long as the share of steps played.
  const bar = await page.locator('.kg-progress-bar').evaluate((b) => b.getBoundingClientRect().width / b.parentElement!.getBoundingClientRect().width);
  expect(bar).toBeCloseTo(1 / 5, 1);
});

test('Present, p and Esc go in and out of presenter mode from the lab; ? shows the shortcuts in both', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#example=emptydir&play=0');
  await expect(page.getByTestId('manifest-input')).toBeVisible();

  await focusPage(page);
  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts');
  await expect(help).toBeVisible();
  await expect(help).toContainText('presenter mode');
  await expect(help).toContainText('PageDown');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await page.getByTestId('present').click();
  await expect(page.getByTestId('presenter')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('progress')).toContainText('1 / 4');
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(page.getByTestId('presenter')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presenter')).toHaveCount(0);
  // Back in the lab, where the story was.
  await expect(page.getByTestId('timeline').locator('[aria-current="step"]')).toHaveAttribute('data-step', '1');

  await focusPage(page);
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('manifest-input')).toBeVisible();

  // Entered from the address, there is no lab to go back to.
  await page.goto('/#example=emptydir&play=0&present=1');
  await expect(page.getByTestId('presenter')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presenter')).toBeVisible();
});

test('f asks for fullscreen, and the pointer hides after two still seconds', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#example=emptydir&play=0&present=1');
  await expect(page.getByTestId('presenter')).toBeVisible();
  await page.evaluate(() => {
    (window as any).fullscreenAsked = 0;
    Element.prototype.requestFullscreen = function () {
      (window as any).fullscreenAsked += 1;
      return Promise.resolve();
    };
  });
  await page.keyboard.press('f');
  expect(await page.evaluate(() => (window as any).fullscreenAsked)).toBe(1);

  await page.mouse.move(300, 300);
  await expect(page.getByTestId('presenter')).not.toHaveClass(/kg-idle/);
  await expect(page.getByTestId('presenter')).toHaveClass(/kg-idle/, { timeout: 4000 });
  expect(await page.getByTestId('cluster').evaluate((e) => getComputedStyle(e).cursor)).toBe('none');
  await page.mouse.move(320, 310);
  await expect(page.getByTestId('presenter')).not.toHaveClass(/kg-idle/);
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the NodePort Local story still shows its drop, and the emptyDir story still loses its file', async ({ page }) => {
    await page.goto('/#example=nodeport-local&play=0');
    await page.getByTestId('speed').selectOption('400');
    await page.getByTestId('step').click();
    await settled(page);
    await page.getByTestId('step').click();
    const drops = page.getByTestId('cluster').locator('[data-testid="drop"]');
    await expect(drops.first()).toBeAttached({ timeout: 15_000 });
    await expect(drops.first()).toHaveAttribute('data-reason', /Local/);

    // Packets hop: a packet's position is always one of a few points, never in between.
    await page.goto('/#example=clusterip&play=0');
    await page.getByTestId('step').click();
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const at = await page.getByTestId('cluster').locator('[data-testid="packet"]').evaluateAll((ps) => ps.map((p) => `${p.getAttribute('cx')},${p.getAttribute('cy')}`));
      at.forEach((p) => seen.add(p));
      await page.waitForTimeout(50);
    }
    expect(seen.size).toBeGreaterThan(1);
    expect(seen.size).toBeLessThan(12);

    await page.goto('/#example=emptydir&play=0');
    for (let step = 1; step <= 4; step++) {
      await page.getByTestId('step').click();
      await settled(page);
    }
    await expect(still(page, 'Pod')).toHaveCount(1);
    await expect(page.getByTestId('cluster').locator('[data-testid="file"][data-file="file.txt"]')).toHaveCount(0);
    // Nothing fades: the removed pod is gone at once.
    await expect(page.getByTestId('cluster').locator('[aria-hidden="true"] [data-kind="Pod"]')).toHaveCount(0);
  });
});

test('Download PNG saves the whole picture at twice its size, not blank', async ({ page }, testInfo) => {
  await page.goto('/#example=hostpath&step=4&play=0');
  await expect(page.getByTestId('cluster')).toBeVisible();
  // Zoomed in, the PNG is still the whole picture.
  await page.getByTestId('zoom-in').click();
  const picture = await page.getByTestId('cluster').evaluate((s) => [Number(s.getAttribute('width')), Number(s.getAttribute('height'))]);
  const download = page.waitForEvent('download');
  await page.getByTestId('download-png').click();
  expect((await download).suggestedFilename()).toBe('kubeglass.png');
  const file = testInfo.outputPath('kubeglass.png');
  await (await download).saveAs(file);
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([picture[0] * 2, picture[1] * 2]);
  // Not blank: decoded in the page, it has many colours.
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  }, png.toString('base64'));
  expect(colours).toBeGreaterThan(20);
});
