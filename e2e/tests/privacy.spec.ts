// Nothing leaves the machine: a whole session talks to the app's own origin only, and the
// page pulls no fonts, scripts or styles from anywhere else.
import { test, expect, type Request } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';
import { openApp, still, select, settled, currentStep, manifestText } from './helpers';

test.use({ locale: 'en-US' });

test('a full session makes no request outside the app’s own origin', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  const record = (request: Request) => requests.push(request.url());
  page.context().on('request', record);

  // Open: the default example plays.
  await openApp(page);
  await expect(currentStep(page)).not.toHaveAttribute('data-step', '0');

  // Play an example to its end, fast.
  await page.getByTestId('speed').selectOption('400');
  await page.getByTestId('gallery').locator('[data-example="clusterip"]').click();
  await expect(page.getByTestId('timeline').locator('[data-step]').last()).toHaveAttribute('aria-current', 'step', { timeout: 30_000 });
  await expect(page.getByTestId('play')).toBeDisabled();
  await expect(page.getByTestId('pause')).toBeDisabled();
  await settled(page);

  // Switch language, and back.
  await page.getByTestId('language').click();
  await expect(page.getByTestId('download-svg')).toHaveText('SVG 내려받기');
  await page.getByTestId('language').click();
  await expect(page.getByTestId('download-svg')).toHaveText('Download SVG');

  // Edit the text: one more replica.
  const editor = page.getByTestId('manifest-input');
  await editor.fill((await manifestText(page)).replace('replicas: 3', 'replicas: 4'));
  await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(4);

  // Inspect and act: a request from the Service's inspector, a pod deleted.
  await select(still(page, 'Service'));
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-kind', 'Service');
  await page.getByTestId('inspector').locator('[data-action="send-request"]').click();
  await expect.poll(() => manifestText(page)).toContain('- request: {from: pod/client, to: "svc-1:9000"}');
  const pod = still(page, 'Pod').and(page.locator('[data-name^="web-"]')).first();
  const victim = (await pod.getAttribute('data-name'))!;
  await select(pod);
  await page.getByTestId('inspector').locator('[data-action="delete-pod"]').click();
  await expect.poll(() => manifestText(page)).toContain(`- deletePod: ${victim}`);

  // Open a file.
  await page.getByTestId('open-files').locator('input[type=file]').setInputFiles({
    name: 'pod.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec: {containers: [{name: c, image: nginx}]}\n'),
  });
  await expect(still(page, 'Pod').and(page.locator('[data-name="solo"]'))).toHaveCount(1);
  await expect(still(page, 'Pod')).toHaveCount(1);

  // Download the picture.
  const download = page.waitForEvent('download');
  await page.getByTestId('download-svg').click();
  expect((await download).suggestedFilename()).toBe('kubeglass.svg');

  // Every request went to the app's own origin (the saved picture is a blob of the page's
  // own origin, made in the page).
  expect(requests.length).toBeGreaterThan(0);
  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`));
  expect(foreign).toEqual([]);
  // And the page itself only ever loaded its own resources.
  const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(resources.length).toBeGreaterThan(0);
  expect(resources.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
});

test('the page links no external fonts, scripts or styles', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await openApp(page);
  const links = await page.evaluate(() => {
    const out: { tag: string; rel: string; url: string }[] = [];
    for (const e of document.querySelectorAll('link[href]')) {
      out.push({ tag: 'link', rel: e.getAttribute('rel') ?? '', url: (e as HTMLLinkElement).href });
    }
    for (const e of document.querySelectorAll('script[src]')) {
      out.push({ tag: 'script', rel: '', url: (e as HTMLScriptElement).src });
    }
    return out;
  });
  // The stylesheets and the app's module are there, from this origin.
  expect(links.filter((l) => l.rel === 'stylesheet').length).toBeGreaterThan(0);
  for (const link of links) {
    // `data:` is inline (the empty favicon): nothing is fetched for it.
    if (link.url.startsWith('data:')) continue;
    expect(new URL(link.url).origin, `${link.tag} ${link.rel} ${link.url}`).toBe(origin);
  }
  // No web fonts at all: the page uses the system's.
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    const faces: string[] = [];
    document.fonts.forEach((f) => faces.push(f.family));
    const rules: string[] = [];
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSFontFaceRule || rule instanceof CSSImportRule) rules.push(rule.cssText);
      }
    }
    return { faces, rules };
  });
  expect(fonts).toEqual({ faces: [], rules: [] });
  // No inline script reaches out either: the one module script imports only relative paths.
  const imports = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].flatMap((s) => [...(s.textContent ?? '').matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1])),
  );
  for (const specifier of imports) {
    expect(new URL(specifier, page.url()).origin, specifier).toBe(origin);
  }
});

test('a share link’s story reaches no server: it stays in the fragment, out of every request', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const story = 'apiVersion: v1\nkind: Pod\nmetadata: {name: secret-pod-7f3a}\nspec: {containers: [{name: c, image: registry.example/secret-image}]}\n';
  const payload = deflateRawSync(Buffer.from(story)).toString('base64url');
  const sent: { url: string; body: string; headers: string }[] = [];
  page.context().on('request', (request: Request) =>
    sent.push({ url: request.url(), body: request.postData() ?? '', headers: JSON.stringify(request.headers()) }),
  );
  // Every request as the server saw it, fragment included if one ever leaked.
  const seen: string[] = [];
  await page.route('**/*', (route) => {
    seen.push(route.request().url());
    return route.continue();
  });

  await page.goto(`/#s=${payload}&embed=1`);
  await expect(page.getByTestId('cluster').locator('[data-kind="Pod"][data-name="secret-pod-7f3a"]')).toHaveCount(1);
  await page.goto(`/#s=${payload}`);
  await expect(page.getByTestId('manifest-input')).toHaveValue(story);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#s=/);

  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((r) => !r.url.startsWith(`${origin}/`))).toEqual([]);
  for (const needle of [payload.slice(0, 24), 'secret-pod-7f3a', 'secret-image']) {
    for (const request of sent) {
      expect(request.url, needle).not.toContain(needle);
      expect(request.body, needle).not.toContain(needle);
      expect(request.headers, needle).not.toContain(needle);
    }
    for (const url of seen) expect(url, needle).not.toContain(needle);
  }
  expect(seen.some((url) => url.includes('#'))).toBe(false);
});
