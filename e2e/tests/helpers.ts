import { expect, type Locator, type Page } from '@playwright/test';

/** Opens the app and waits until the wasm has drawn the default picture. */
export async function openApp(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('cluster')).toBeVisible();
}

/** Replaces the editor's text as a user would: select all, then type over it. */
export async function typeManifest(page: Page, text: string) {
  const editor = page.getByTestId('manifest-input');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await editor.pressSequentially(text, { delay: 0 });
}

/** The drawn objects of a kind, by `data-kind`. */
export function drawn(page: Page, kind: string) {
  return page.getByTestId('cluster').locator(`[data-kind="${kind}"]`);
}

/**
 * The drawn objects of a kind that are part of the picture itself: what fades out after a
 * step (drawn in the `aria-hidden` motion layer over the picture) is left out.
 */
export function still(page: Page, kind: string) {
  return page.getByTestId('cluster').locator(`[data-kind="${kind}"]:not([aria-hidden="true"] *)`);
}

/** Opens a gallery example from the gallery, pauses it and goes back to its start. */
export async function openExample(page: Page, id: string) {
  await openApp(page);
  await page.getByTestId('gallery').locator(`[data-example="${id}"]`).click();
  await page.getByTestId('pause').click();
  await page.getByTestId('timeline').locator('[data-step="0"]').click();
  await expect(page.getByTestId('timeline').locator('[aria-current="step"]')).toHaveAttribute('data-step', '0');
  await expect(page.getByTestId('pause')).toBeDisabled();
}

/** Replaces the editor's text at once, as pasting over it does. */
export async function pasteManifest(page: Page, text: string) {
  await page.getByTestId('manifest-input').fill(text);
}

/** The editor's text. */
export function manifestText(page: Page) {
  return page.getByTestId('manifest-input').inputValue();
}

/** Selects a drawn object as a user does: a click on its own label (not on what it holds). */
export async function select(object: Locator) {
  await object.locator(':scope > text').first().click();
}

/** Waits until nothing moves: no request in flight, nothing fading out. */
export async function settled(page: Page) {
  const cluster = page.getByTestId('cluster');
  await expect(cluster.locator('[data-testid="packet"]')).toHaveCount(0, { timeout: 15_000 });
  await expect(cluster.locator('[aria-hidden="true"] [data-kind]')).toHaveCount(0, { timeout: 15_000 });
}

/** Takes the keyboard focus away from any control, so keys reach the page's shortcuts. */
export async function focusPage(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** The current timeline entry (its `data-step` is the number of steps played). */
export function currentStep(page: Page) {
  return page.getByTestId('timeline').locator('[aria-current="step"]');
}

/** Each still pod's name with its box in the picture (its own `<rect>`'s attributes). */
export async function podBoxes(page: Page): Promise<Record<string, string>> {
  return page.getByTestId('cluster').evaluate((svg) => {
    const out: Record<string, string> = {};
    for (const pod of svg.querySelectorAll('[data-kind="Pod"]')) {
      if (pod.closest('[aria-hidden="true"]')) continue;
      const r = pod.querySelector(':scope > rect');
      out[pod.getAttribute('data-name') ?? ''] = ['x', 'y', 'width', 'height'].map((a) => r?.getAttribute(a)).join(',');
    }
    return out;
  });
}

/** How many objects of each `data-kind` a picture root holds (the motion layer left out). */
export function countKinds(root: Element): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of root.querySelectorAll('[data-kind]')) {
    if (e.closest('[aria-hidden="true"]')) continue;
    const kind = e.getAttribute('data-kind') ?? '';
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  counts.file = [...root.querySelectorAll('[data-testid="file"]')].filter((e) => !e.closest('[aria-hidden="true"]')).length;
  return counts;
}
