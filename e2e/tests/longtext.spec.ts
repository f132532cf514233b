// A long paste (the 1.2 MB argo-workflows install, 26,558 lines): read in slices with a
// progress line, drawn, and shown in blocks of 400 lines that behave as one text. Time
// figures are in the browser benchmark (perf/bigpaste.spec.ts), not here.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApp } from './helpers';
import { repo } from './cli';
import { baseURL } from '../chromium';

test.use({ locale: 'en-US' });

const ARGO = readFileSync(resolve(repo, 'fixtures/corpus/argo-workflows/manifests__install.yaml'), 'utf8');
const LINES = ARGO.split('\n').length;

/** Pastes `text` over the editor's text with a real Ctrl+V. */
async function pasteWithKeyboard(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByTestId('manifest-input').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** The focused textarea's first line, or null when the focus is not in the editor. */
const focusedBlock = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-first-line') ?? null);

test.beforeEach(async ({ context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openApp(page);
});

test('a 1.2 MB paste is read with a progress line, drawn, and shown in blocks near the view', async ({ page }) => {
  // Each reading starts with the line; its progress is announced to screen readers.
  const seen = page.evaluate(
    () =>
      new Promise<string>((done) => {
        const observer = new MutationObserver(() => {
          const line = document.querySelector('[data-testid=reading]');
          if (line) {
            observer.disconnect();
            done(`${line.getAttribute('role')}|${line.textContent}`);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true });
      }),
  );
  await pasteWithKeyboard(page, ARGO);
  expect(await seen).toMatch(/^status\|Reading 1\.\d MB… \d+%$/);
  await expect(page.getByTestId('reading')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('cluster')).toContainText('workflow-controller');
  await expect(page.getByTestId('cluster')).toContainText('argo-server');

  const blocks = page.getByTestId('manifest-blocks');
  await expect(blocks).toHaveAttribute('data-lines', String(LINES));
  await expect(page.getByTestId('long-text')).toContainText('blocks of 400 lines');
  // 67 blocks in all, but only those near the view are textareas.
  await expect(blocks.locator('[data-block]')).toHaveCount(Math.ceil(LINES / 400));
  expect(await blocks.locator('textarea').count()).toBeLessThan(6);
  await expect(page.getByTestId('manifest-input')).toHaveAttribute('data-first-line', '1');

  // Scrolling to the end draws the blocks there.
  await blocks.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = 1 + 400 * Math.floor((LINES - 1) / 400);
  await expect(blocks.locator(`textarea[data-first-line="${last}"]`)).toHaveCount(1);
});

test('the blocks are one text: arrows cross them, Ctrl+A copies and replaces all of it', async ({ page }) => {
  await pasteWithKeyboard(page, ARGO);
  await expect(page.getByTestId('manifest-blocks')).toHaveAttribute('data-lines', String(LINES));
  await expect(page.getByTestId('reading')).toHaveCount(0, { timeout: 20_000 });

  // ArrowDown on a block's last line goes on in the next block; ArrowUp comes back.
  const first = page.getByTestId('manifest-input');
  await first.evaluate((area: HTMLTextAreaElement) => {
    area.focus();
    const lastLine = area.value.lastIndexOf('\n') + 1;
    area.setSelectionRange(lastLine, lastLine);
  });
  await page.keyboard.press('ArrowDown');
  expect(await focusedBlock(page)).toBe('401');
  await page.keyboard.press('ArrowUp');
  expect(await focusedBlock(page)).toBe('1');

  // Typing in a block changes the text there and nowhere else.
  await page.keyboard.press('End');
  await page.keyboard.type(' # edited');
  await expect(first).toHaveValue(/ # edited$/);
  await expect(page.getByTestId('manifest-blocks')).toHaveAttribute('data-lines', String(LINES));

  // Ctrl+A selects the whole text: copy takes all of it.
  await page.keyboard.press('ControlOrMeta+A');
  await expect(page.getByTestId('long-text')).toContainText(`Whole text selected`);
  await page.keyboard.press('ControlOrMeta+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBe(ARGO.length + ' # edited'.length);
  expect(copied.endsWith(ARGO.slice(-200))).toBe(true);

  // Typing replaces it all: a short text is one textarea again.
  await page.keyboard.type('a');
  await expect(page.getByTestId('manifest-input')).toHaveValue('a');
  await expect(page.getByTestId('long-text')).toHaveCount(0);
  await expect(page.getByTestId('manifest-blocks').locator('textarea')).toHaveCount(1);
});

test('a problem far down a long text is marked in the gutter, and clicking it opens its block there', async ({ page }) => {
  const broken = `${ARGO.trimEnd()}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: far}\nspec:\n  type: Sideways\n  ports: [{port: 80}]\n`;
  const line = broken.split('\n').findIndex((l) => l.includes('Sideways')) + 1;
  await pasteWithKeyboard(page, broken);
  await expect(page.getByTestId('reading')).toHaveCount(0, { timeout: 20_000 });
  const problem = page.getByTestId('diagnostics').locator(`[data-line="${line}"]`).first();
  await expect(problem).toHaveAttribute('data-severity', 'error');

  await problem.click();
  const block = Number(await focusedBlock(page));
  expect(line).toBeGreaterThanOrEqual(block);
  expect(line).toBeLessThan(block + 400);
  // The caret is on that line, and the gutter beside it marks the line as an error.
  const caretLine = await page.evaluate(() => {
    const area = document.activeElement as HTMLTextAreaElement;
    return Number(area.dataset.firstLine) + area.value.slice(0, area.selectionStart).split('\n').length - 1;
  });
  expect(caretLine).toBe(line);
  await expect(page.locator(`.kg-gutter-mark.error[data-line="${line}"]`)).toBeVisible();
});
