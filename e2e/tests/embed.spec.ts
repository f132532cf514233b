// Embeds in a blog post: an iframe whose host page applies the resize message exactly as
// docs/embedding.md tells it to. The embed then fits its content (picture, controls, caption,
// nothing scrolling inside), follows the address's theme, and works from the keyboard.
import { test, expect, type Page, type FrameLocator } from '@playwright/test';
import { documented, hostServer } from './host';
import { EXAMPLES } from './story';

test.use({ locale: 'en-US' });

const hostScript = documented('resize');
const blog = hostServer();

/** A blog post with a column `width` px wide and a kubeglass iframe in it. */
async function blogPost(page: Page, baseURL: string, hash: string, width = 800): Promise<FrameLocator> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>A post</title></head>
<body style="margin:0;font:16px Georgia,serif"><article style="width:${width}px;margin:0 auto">
<h1>Where do files go when a pod dies?</h1><p>Here is what kubeglass shows:</p>
<iframe id="kg" src="${baseURL}/${hash}" title="kubeglass: a story" width="100%" height="480" loading="lazy" style="border:0" allow="fullscreen"></iframe>
<p>The end.</p></article>${hostScript}</body></html>`;
  await page.goto(blog.page(html));
  const frame = page.frameLocator('#kg');
  await expect(frame.getByTestId('cluster')).toBeVisible();
  return frame;
}

/** The iframe's height, and how tall its content is, inside. */
async function heights(page: Page) {
  const iframe = await page.locator('#kg').evaluate((f) => f.getBoundingClientRect().height);
  const inner = await page.frameLocator('#kg').locator('body').evaluate(() => ({
    content: Math.ceil(document.querySelector('.kg-app')!.getBoundingClientRect().height),
    scrolls: document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1,
  }));
  return { iframe, ...inner };
}

test('an embed 800 px wide takes its content’s height, with picture, controls and caption inside', async ({ page, baseURL }) => {
  const frame = await blogPost(page, baseURL!, '#example=hostpath&embed=1&play=0');
  await expect(frame.getByTestId('caption')).toContainText('hostPath and the pod that moves');
  await expect(frame.getByTestId('caption')).toContainText('First step:');
  await expect.poll(async () => (await heights(page)).iframe).not.toBe(480);
  await expect.poll(async () => {
    const h = await heights(page);
    return Math.abs(h.iframe - h.content) <= 1 && !h.scrolls;
  }).toBe(true);

  const frameBox = (await page.locator('#kg').boundingBox())!;
  for (const part of [frame.getByTestId('cluster'), frame.getByTestId('play'), frame.getByTestId('language'), frame.getByTestId('caption'), frame.getByTestId('open-in-lab')]) {
    const box = (await part.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(frameBox.y - 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(frameBox.y + frameBox.height + 0.5);
    expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width + 0.5);
  }
  // Only the picture, its controls and the caption.
  for (const id of ['manifest-input', 'diagnostics', 'timeline', 'narration', 'gallery', 'inspector', 'download-svg', 'share', 'actual-size']) {
    await expect(frame.getByTestId(id), id).toHaveCount(0);
  }
  await expect(frame.locator('header, footer')).toHaveCount(0);

  // Playing a step grows the caption: the frame follows.
  const before = (await heights(page)).iframe;
  await frame.getByTestId('step').click();
  await expect(frame.getByTestId('caption')).toHaveAttribute('data-step', '1');
  await expect(frame.getByTestId('caption').locator('.kg-note').first()).toBeVisible();
  await expect.poll(async () => {
    const h = await heights(page);
    return Math.abs(h.iframe - h.content) <= 1 && !h.scrolls;
  }).toBe(true);
  expect((await heights(page)).iframe).toBeGreaterThan(0);
  expect(before).toBeGreaterThan(0);
});

test('pod names stay at least 10 px on screen in an 800 px embed, for every lecture example', async ({ page, baseURL }) => {
  const frame = await blogPost(page, baseURL!, '#example=emptydir&embed=1&play=0');
  for (const id of Object.keys(EXAMPLES)) {
    await page.locator('#kg').evaluate((f: HTMLIFrameElement, src) => (f.src = src), `${baseURL}/#example=${id}&embed=1&play=0`);
    await expect(frame.getByTestId('caption')).toContainText(EXAMPLES[id as keyof typeof EXAMPLES].en);
    const sizes = await frame.getByTestId('cluster').evaluate((svg: SVGSVGElement) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll('[data-kind="Pod"] > text.kg-t-name, [data-kind="Stack"] > text.kg-t-name')].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * scale,
      );
    });
    expect(sizes.length, id).toBeGreaterThan(0);
    expect(Math.min(...sizes), id).toBeGreaterThanOrEqual(10);
    // Never scaled up past the picture's own size.
    const scale = await frame.getByTestId('cluster').evaluate((svg: SVGSVGElement) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
    expect(scale, id).toBeLessThanOrEqual(1.001);
  }
});

test('theme=dark and theme=light win over the reader’s colour preference', async ({ page, baseURL }) => {
  const background = (frame: FrameLocator) =>
    frame.locator('body').evaluate(() => ({ scheme: getComputedStyle(document.documentElement).colorScheme, bg: getComputedStyle(document.body).backgroundColor }));
  await page.emulateMedia({ colorScheme: 'light' });
  let frame = await blogPost(page, baseURL!, '#example=clusterip&embed=1&play=0&theme=dark');
  expect(await background(frame)).toEqual({ scheme: 'dark', bg: 'rgb(16, 19, 25)' });
  // The picture follows: its backdrop is the dark one.
  const backdrop = await frame.getByTestId('cluster').locator('.kg-backdrop').evaluate((r) => getComputedStyle(r).fill);
  expect(backdrop).toBe('rgb(20, 24, 32)');

  await page.emulateMedia({ colorScheme: 'dark' });
  frame = await blogPost(page, baseURL!, '#example=clusterip&embed=1&play=0&theme=light');
  expect(await background(frame)).toEqual({ scheme: 'light', bg: 'rgb(245, 246, 249)' });
  // Without theme, the reader's preference.
  frame = await blogPost(page, baseURL!, '#example=clusterip&embed=1&play=0');
  expect((await background(frame)).bg).toBe('rgb(16, 19, 25)');
});

test('inside the frame, the keyboard plays the story and the caption is announced; Open in kubeglass opens the lab there', async ({ page, baseURL, context }) => {
  const frame = await blogPost(page, baseURL!, '#example=emptydir&embed=1&play=0&lang=ko');
  const caption = frame.getByTestId('caption');
  await expect(caption).toHaveAttribute('aria-live', 'polite');
  await expect(caption).toContainText('두 컨테이너가 공유하는 emptyDir');
  await frame.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowRight');
  await expect(caption).toHaveAttribute('data-step', '1');
  await expect(caption).toContainText('볼륨 empty-dir(emptyDir)에 file.txt');
  for (const id of ['play', 'pause', 'step', 'step-back', 'reset']) {
    await expect(frame.getByTestId(id)).toHaveAttribute('aria-label', /.+/);
  }
  await expect(frame.getByTestId('cluster')).toHaveAttribute('aria-label', /.+/);

  const link = frame.getByTestId('open-in-lab');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener');
  await expect(link).toHaveAttribute('href', `${baseURL}/#example=emptydir&step=1&lang=ko`);
  const opened = context.waitForEvent('page');
  await link.click();
  const lab = await opened;
  await expect(lab.getByTestId('manifest-input')).toBeVisible();
  await expect(lab.getByTestId('timeline').locator('[aria-current="step"]')).toHaveAttribute('data-step', '1');
  await expect(lab.getByTestId('language')).toHaveText('English');
});
