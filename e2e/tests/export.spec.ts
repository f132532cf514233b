// Saved pictures: the Download SVG button writes a standalone SVG of what is on screen, and
// `kubeglass render` draws a file the way the live view does.
//
// The render test builds the CLI first (`cargo build -q -p kubeglass-cli` in the repository,
// into $CARGO_TARGET_DIR or ../target) and runs `<target>/debug/kubeglass`; set KUBEGLASS_BIN
// to use another binary instead of building.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openApp, openExample, pasteManifest, still, settled, currentStep, countKinds } from './helpers';
import { kubeglassBin, repo } from './cli';

test.use({ locale: 'en-US' });

/** Every object of an SVG root as `kind|name|x,y,width,height` of its own box, in order. */
function layout(root: Element): string[] {
  return [...root.querySelectorAll('[data-kind]')]
    .filter((e) => !e.closest('[aria-hidden="true"]'))
    .map((e) => {
      const r = e.querySelector(':scope > rect');
      const box = r ? ['x', 'y', 'width', 'height'].map((a) => r.getAttribute(a)).join(',') : '';
      return `${e.getAttribute('data-kind')}|${e.getAttribute('data-name')}|${box}`;
    });
}

/** How the first box of each kind is painted: the picture's own style decides this. */
function paint(root: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of ['Node', 'Pod', 'Service', 'NodePort']) {
    const rect = root.querySelector(`[data-kind="${kind}"] > rect`);
    const style = rect ? getComputedStyle(rect) : null;
    out[kind] = style ? `${style.fill} ${style.stroke}` : 'missing';
  }
  return out;
}

/** Opens a saved SVG file on its own in the browser and returns its root. */
async function openSvgFile(page: Page, path: string) {
  await page.goto(pathToFileURL(path).href);
  const root = page.locator('svg[data-testid="cluster"]').first();
  await expect(root).toBeAttached();
  return root;
}

const STORE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: cache}',
  'spec:',
  '  replicas: 2',
  '  selector: {matchLabels: {app: cache}}',
  '  template:',
  '    metadata: {labels: {app: cache}}',
  '    spec:',
  '      containers:',
  '      - name: app',
  '        image: nginx',
  '        volumeMounts: [{name: scratch, mountPath: /data}]',
  '      volumes: [{name: scratch, emptyDir: {}}]',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: cache}',
  'spec:',
  '  type: NodePort',
  '  selector: {app: cache}',
  '  ports: [{port: 80}]',
  '---',
  'apiVersion: kubeglass/v1alpha1',
  'kind: Scenario',
  'metadata: {name: export}',
  'spec:',
  '  steps:',
  '  - write: {pod: deployment/cache, path: /data/a.txt}',
  '  - write: {pod: deployment/cache, path: /tmp/b.txt}',
].join('\n') + '\n';

test('Download SVG saves a standalone SVG with the objects and files on screen', async ({ page, browser }, testInfo) => {
  await openExample(page, 'deployment');
  await pasteManifest(page, STORE);
  await expect(still(page, 'Service')).toHaveAttribute('data-name', 'cache');
  await expect(page.getByTestId('timeline').locator('[data-step]')).toHaveCount(3);
  await page.getByTestId('step').click();
  await expect(currentStep(page)).toHaveAttribute('data-step', '1');
  await page.getByTestId('step').click();
  await expect(currentStep(page)).toHaveAttribute('data-step', '2');
  await expect(page.getByTestId('cluster').getByTestId('file')).toHaveCount(2);
  await settled(page);

  const live = await page.getByTestId('cluster').evaluate(countKinds);
  expect(live).toMatchObject({ Pod: 2, Service: 1, Node: 3, Volume: 2, NodePort: 3, file: 2 });

  const download = page.waitForEvent('download');
  await page.getByTestId('download-svg').click();
  const saved = testInfo.outputPath('kubeglass.svg');
  await (await download).saveAs(saved);
  const text = readFileSync(saved, 'utf8');
  expect(text).not.toMatch(/<script/i);
  expect(text).not.toMatch(/\son[a-z]+=/i);
  expect(text).toContain('data-testid="cluster"');
  expect(text).toMatch(/^<\?xml[^>]*>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  for (const kind of ['Pod', 'Service', 'Node', 'Volume', 'NodePort']) {
    expect(count(new RegExp(`data-kind="${kind}"`, 'g')), kind).toBe(live[kind]);
  }
  expect(count(/data-testid="file"/g)).toBe(live.file);

  // It stands on its own: opened alone, it is a picture with the same objects.
  const alone = await browser.newPage();
  const root = await openSvgFile(alone, saved);
  expect(await root.evaluate(countKinds)).toEqual(live);
  expect(await alone.locator('script').count()).toBe(0);
  await alone.close();
});

test.describe('kubeglass render', () => {
  let bin: string;

  test.beforeAll(() => {
    test.setTimeout(15 * 60_000);
    bin = kubeglassBin();
  });

  test('draws a corpus file the way the live view does', async ({ page }, testInfo) => {
    const file = resolve(repo, 'fixtures/corpus/microservices-demo/release__kubernetes-manifests.yaml');
    const svg = testInfo.outputPath('render.svg');
    execFileSync(bin, ['render', file, '-o', svg]);

    const root = await openSvgFile(page, svg);
    const rendered = await root.evaluate(countKinds);
    const renderedLayout = await root.evaluate(layout);
    const renderedPaint = await root.evaluate(paint);
    // Styled by the picture's stylesheet, not left in the browser's default black.
    for (const [kind, painted] of Object.entries(renderedPaint)) {
      expect(painted, kind).not.toMatch(/missing|^rgb\(0, 0, 0\) none$/);
    }
    for (const kind of ['Pod', 'Service', 'Node', 'NodePort', 'LoadBalancer', 'Client']) {
      expect(rendered[kind] ?? 0, kind).toBeGreaterThan(0);
    }

    await openApp(page);
    await page.getByTestId('open-files').locator('input[type=file]').setInputFiles({
      name: 'release__kubernetes-manifests.yaml',
      mimeType: 'text/yaml',
      buffer: readFileSync(file),
    });
    await expect(page.getByTestId('manifest-input')).toHaveValue(/name: frontend-external/);
    await expect(still(page, 'Service')).toHaveCount(rendered.Service);
    // An opened file starts at its beginning, not playing.
    await expect(page.getByTestId('pause')).toBeDisabled();
    await settled(page);

    const live = await page.getByTestId('cluster').evaluate(countKinds);
    expect(live).toEqual(rendered);
    // Not just as many: the same objects, in the same places.
    expect(await page.getByTestId('cluster').evaluate(layout)).toEqual(renderedLayout);
    // And painted alike: the live view uses the stylesheet the file inlines.
    expect(await page.getByTestId('cluster').evaluate(paint)).toEqual(renderedPaint);
  });
});
