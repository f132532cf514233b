// The edit / break / fix story: what is typed is drawn by name, text with errors keeps the
// last good picture (pods where they were) until it is fixed, problems point at their lines,
// and several files open at once.
import { test, expect, type Page } from '@playwright/test';
import {
  openApp,
  typeManifest,
  pasteManifest,
  manifestText,
  still,
  select,
  settled,
  podBoxes,
  currentStep,
} from './helpers';

test.use({ locale: 'en-US' });
// Typing a manifest key by key takes a while: each key is an edit the app takes in.
test.describe.configure({ timeout: 60_000 });

/** Three replicas behind a Service. Line 6 is `  replicas: 3`. */
const SHOP = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: shop',
  'spec:',
  '  replicas: 3',
  '  selector:',
  '    matchLabels: {app: shop}',
  '  template:',
  '    metadata:',
  '      labels: {app: shop}',
  '    spec:',
  '      containers: [{name: app, image: nginx}]',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: shop-svc',
  'spec:',
  '  selector: {app: shop}',
  '  ports: [{port: 80}]',
].join('\n');

const errors = (page: Page) => page.getByTestId('diagnostics').locator('[data-severity="error"]');

/** The UTF-16 offset of the start of `line` (1-based) in `text`, as a textarea counts. */
function lineStart(text: string, line: number): number {
  return text
    .split('\n')
    .slice(0, line - 1)
    .reduce((offset, l) => offset + l.length + 1, 0);
}

/** Puts the editor's caret at `line`:`column` (both 1-based), as a click there would. */
async function caretAt(page: Page, line: number, column: number) {
  const editor = page.getByTestId('manifest-input');
  await editor.focus();
  const text = await editor.inputValue();
  const offset = lineStart(text, line) + column - 1;
  await editor.evaluate((area: HTMLTextAreaElement, at) => area.setSelectionRange(at, at), offset);
}

/** Waits until the typed SHOP manifest is drawn: three shop pods and the Service. */
async function expectShopDrawn(page: Page) {
  await expect(still(page, 'Pod')).toHaveCount(3);
  for (const pod of await still(page, 'Pod').all()) {
    await expect(pod).toHaveAttribute('data-name', /^shop-/);
  }
  await expect(still(page, 'Service')).toHaveCount(1);
  await expect(still(page, 'Service')).toHaveAttribute('data-name', 'shop-svc');
}

test('the page opens on the deployment example and plays it', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('gallery').locator('[data-example="deployment"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('manifest-input')).toHaveValue(/kind: Scenario/);
  await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(3);
  await expect(still(page, 'Pod').and(page.locator('[data-name="client"]'))).toHaveCount(1);
  await expect(still(page, 'Service')).toHaveAttribute('data-name', 'web');
  // Nobody presses anything: the story moves on by itself.
  await expect(currentStep(page)).not.toHaveAttribute('data-step', '0');
  await expect(page.getByTestId('narration').locator('[data-step="1"]')).toBeVisible();
});

test('typing a Deployment and a Service draws them, by name', async ({ page }) => {
  await openApp(page);
  await typeManifest(page, SHOP);
  await expectShopDrawn(page);
  for (const pod of await still(page, 'Pod').all()) {
    await expect(pod).toHaveAttribute('data-phase', 'Running');
    await expect(pod).toHaveAttribute('data-node', /^k8s-/);
  }
  await expect(errors(page)).toHaveCount(0);
  await expect(page.getByTestId('stale')).toHaveCount(0);
});

test('broken text keeps the last good picture with pods in place; fixing it clears the error', async ({ page }) => {
  await openApp(page);
  await typeManifest(page, SHOP);
  await expectShopDrawn(page);
  await settled(page);
  const before = await podBoxes(page);
  expect(Object.keys(before)).toHaveLength(3);
  const pod = still(page, 'Pod').first();
  const podName = await pod.getAttribute('data-name');
  await select(pod);
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-name', podName!);
  await expect(page.getByTestId('inspector').locator('[data-action="delete-pod"]')).toBeEnabled();

  // Break it: open a bracket before the 3 of `  replicas: 3` (line 6) and never close it.
  await caretAt(page, 6, '  replicas: '.length + 1);
  await page.keyboard.type('[');
  await expect(page.getByTestId('manifest-input')).toHaveValue(SHOP.replace('replicas: 3', 'replicas: [3'));

  const error = errors(page).first();
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-line', '6');
  await expect(error).toContainText('line 6');
  await expect(error).toContainText('never closed');
  await expect(page.getByTestId('stale')).toBeVisible();
  // The last good picture stays: same pods, same places.
  await expect(page.getByTestId('cluster')).toBeVisible();
  await expectShopDrawn(page);
  expect(await podBoxes(page)).toEqual(before);
  // Actions wait for good text.
  await expect(page.getByTestId('inspector').locator('[data-action="delete-pod"]')).toBeDisabled();

  // Fix it.
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('manifest-input')).toHaveValue(SHOP);
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect(errors(page)).toHaveCount(0);
  await expectShopDrawn(page);
  await settled(page);
  expect(await podBoxes(page)).toEqual(before);
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-name', podName!);
  await expect(page.getByTestId('inspector').locator('[data-action="delete-pod"]')).toBeEnabled();
});

test('clicking a problem moves the editor caret to the start of its line', async ({ page }) => {
  await openApp(page);
  // Line 13 opens a bracket that never closes.
  const broken = SHOP.replace('containers: [{name: app, image: nginx}]', 'containers: [{name: app, image: nginx}');
  await pasteManifest(page, broken);
  const error = errors(page).first();
  await expect(error).toHaveAttribute('data-line', '13');
  // The caret is elsewhere (at the end of the text) before the click.
  const editor = page.getByTestId('manifest-input');
  await editor.press('ControlOrMeta+End');
  const end = await editor.evaluate((area: HTMLTextAreaElement) => area.selectionStart);
  expect(end).toBe(broken.length);

  await error.click();
  await expect(editor).toBeFocused();
  const expected = lineStart(broken, 13);
  expect(expected).toBeGreaterThan(0);
  await expect.poll(() => editor.evaluate((area: HTMLTextAreaElement) => [area.selectionStart, area.selectionEnd])).toEqual([expected, expected]);
  expect(broken.slice(expected).split('\n')[0]).toBe('      containers: [{name: app, image: nginx}');
});

test('opening several files at once draws the objects of every file', async ({ page }) => {
  await openApp(page);
  const first = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: alpha}',
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {app: alpha}}',
    '  template:',
    '    metadata: {labels: {app: alpha}}',
    '    spec: {containers: [{name: app, image: nginx}]}',
  ].join('\n');
  const second = [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: beta}',
    'spec:',
    '  selector: {app: alpha}',
    '  ports: [{port: 8080}]',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: gamma}',
    'spec: {containers: [{name: curl, image: curlimages/curl}]}',
  ].join('\n');
  await page.getByTestId('open-files').locator('input[type=file]').setInputFiles([
    { name: 'alpha.yaml', mimeType: 'text/yaml', buffer: Buffer.from(first) },
    { name: 'beta.yaml', mimeType: 'text/yaml', buffer: Buffer.from(second) },
  ]);
  await expect(still(page, 'Pod').and(page.locator('[data-name^="alpha-"]'))).toHaveCount(2);
  await expect(still(page, 'Pod').and(page.locator('[data-name="gamma"]'))).toHaveCount(1);
  await expect(still(page, 'Pod')).toHaveCount(3);
  await expect(still(page, 'Service')).toHaveCount(1);
  await expect(still(page, 'Service')).toHaveAttribute('data-name', 'beta');
  // The example's objects are gone; both files are in the editor.
  await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(0);
  const text = await manifestText(page);
  expect(text).toContain('metadata: {name: alpha}');
  expect(text).toContain('metadata: {name: gamma}');
  await expect(errors(page)).toHaveCount(0);
});

test('a manifest with a warning lists it as a warning on its line and still draws', async ({ page }) => {
  await openApp(page);
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web',
    '  labels: {app: web}',
    'spec:',
    '  containers: [{name: nginx, image: nginx}]',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: api-svc',
    'spec:',
    '  selector: {app: api}',
    '  ports: [{port: 80}]',
  ].join('\n');
  await typeManifest(page, text);
  await expect(still(page, 'Pod')).toHaveCount(1);
  await expect(still(page, 'Pod')).toHaveAttribute('data-name', 'web');
  await expect(still(page, 'Service')).toHaveCount(1);
  await expect(still(page, 'Service')).toHaveAttribute('data-name', 'api-svc');
  const warning = page.getByTestId('diagnostics').locator('[data-severity="warning"]');
  await expect(warning).toHaveCount(1);
  await expect(warning).toHaveAttribute('data-line', '14');
  await expect(warning).toContainText('line 14');
  await expect(warning).toContainText('api-svc');
  await expect(warning).toContainText('no endpoints');
  // A warning is not an error: the picture is the text's own, not a stale one.
  await expect(errors(page)).toHaveCount(0);
  await expect(page.getByTestId('stale')).toHaveCount(0);

  await warning.click();
  const editor = page.getByTestId('manifest-input');
  await expect(editor).toBeFocused();
  const expected = lineStart(text, 14);
  await expect.poll(() => editor.evaluate((area: HTMLTextAreaElement) => area.selectionStart)).toBe(expected);
});
