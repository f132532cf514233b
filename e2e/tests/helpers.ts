import { expect, type Page } from '@playwright/test';

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
