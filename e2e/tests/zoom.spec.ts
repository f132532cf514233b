// The picture fits its pane by default; "actual size" draws it at its own size, and the pane
// scrolls, so a wide cluster stays legible.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, pasteManifest } from './helpers';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 900 } });

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const wide = readFileSync(resolve(repo, 'fixtures/corpus/microservices-demo/release__kubernetes-manifests.yaml'), 'utf8');

/** The picture's drawn width, its own width (from the viewBox), and whether its pane scrolls. */
async function sizes(page: Page) {
  return page.getByTestId('cluster').evaluate((svg) => {
    const stage = svg.parentElement!;
    return {
      drawn: Math.round(svg.getBoundingClientRect().width),
      own: Number(svg.getAttribute('viewBox')!.split(' ')[2]),
      scrolls: stage.scrollWidth > stage.clientWidth,
    };
  });
}

test('a wide picture fits its pane, and at actual size scrolls instead of shrinking', async ({ page }) => {
  await openApp(page);
  await pasteManifest(page, wide);
  await expect(page.getByTestId('cluster').locator('[data-kind="Service"][data-name="frontend-external"]')).toHaveCount(1);
  const zoom = page.getByTestId('actual-size');
  await expect(zoom).toHaveAttribute('aria-pressed', 'false');

  const fitted = await sizes(page);
  expect(fitted.drawn).toBeLessThan(fitted.own);
  expect(fitted.scrolls).toBe(false);

  await zoom.click();
  await expect(zoom).toHaveAttribute('aria-pressed', 'true');
  const actual = await sizes(page);
  expect(Math.abs(actual.drawn - actual.own)).toBeLessThanOrEqual(1);
  expect(actual.scrolls).toBe(true);

  // Another example keeps the choice: it is how the user wants to see, not part of the story.
  await page.getByTestId('gallery').locator('[data-example="hostpath"]').click();
  await expect(zoom).toHaveAttribute('aria-pressed', 'true');

  await zoom.click();
  await expect(zoom).toHaveAttribute('aria-pressed', 'false');
  const back = await sizes(page);
  expect(back.drawn).toBeLessThanOrEqual(back.own);
  expect(back.scrolls).toBe(false);
});
