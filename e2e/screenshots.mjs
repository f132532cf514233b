// Takes the README's screenshots from the release build (docs/images/*.png), the site's
// link-preview image (static/site/og.png) and its PNG icons (static/site/icon-*.png, drawn
// from static/site/icon.svg).
// Usage (from e2e/, after `trunk build --release --offline`): node screenshots.mjs
import { chromium as browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium, dist } from './chromium.mjs';

const port = 4190;
const server = spawn('node', ['serve.mjs', dist, String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 400));
const b = await browser.launch(chromium);
const shots = [
  // [file, address, wait (ms), what to capture]
  ['lab.png', '#example=deployment&step=1&play=0&lang=en', 1800, 'page'],
  ['emptydir.png', '#example=emptydir&step=4&play=0&lang=en', 1200, 'cluster'],
  ['hostpath.png', '#example=hostpath&step=4&play=0&lang=en', 1200, 'cluster'],
  ['nodeport-local.png', '#example=nodeport-local&step=2&play=0&lang=en', 5000, 'cluster'],
  ['lab-ko.png', '#example=local-pv&step=4&play=0&lang=ko', 1200, 'page'],
  ['presenter.png', '#example=nodeport-local&step=2&play=0&lang=en&present=1', 5000, 'page', { width: 1280, height: 720 }],
  ['presenter-ko.png', '#example=local-pv&step=3&play=0&lang=ko&present=1', 1500, 'page', { width: 1280, height: 720 }],
  ['phone.png', '#example=hostpath&step=4&play=0&lang=en', 1500, 'page', { width: 390, height: 844 }],
];
try {
  for (const [file, address, wait, what, viewport] of shots) {
    const page = await b.newPage({ viewport: viewport ?? { width: 1500, height: 940 }, deviceScaleFactor: 1 });
    await page.goto(`http://127.0.0.1:${port}/${address}`);
    await page.getByTestId('cluster').waitFor();
    await page.waitForTimeout(wait);
    // Presenter mode hides a resting pointer; the zoom buttons fade with it.
    const target = what === 'page' ? page : page.locator('.kg-stage');
    await target.screenshot({ path: `../docs/images/${file}` });
    console.log(`docs/images/${file}`);
    await page.close();
  }
  // A blog post embedding a story, from another origin, resized by docs/embedding.md's script.
  const hostScript = readFileSync('../docs/embedding.md', 'utf8').match(/```html\n(<script>[\s\S]*?<\/script>)\n```/)[1];
  const post = `<!doctype html><html><head><meta charset="utf-8"><title>Where do files go?</title></head>
<body style="margin:0;background:#fbfaf7;color:#222;font:17px/1.6 Georgia,'Nanum Myeongjo',serif">
<article style="width:760px;margin:0 auto;padding:28px 0">
<p style="color:#888;font:13px system-ui,sans-serif;margin:0">A blog about Kubernetes · December 2026</p>
<h1 style="font-size:30px;line-height:1.2;margin:6px 0 12px">Where do the files go when a pod moves?</h1>
<p>A hostPath volume writes to the node's own disk. When the node fails, the Deployment starts a new pod elsewhere, and it finds an empty directory. Step through it:</p>
<iframe src="http://127.0.0.1:${port}/#example=hostpath&step=4&play=0&lang=en&embed=1&theme=light" title="kubeglass: hostPath and the pod that moves" width="100%" height="480" style="border:1px solid #ddd" allow="fullscreen"></iframe>
<p>The file is still on the failed node's disk, waiting for it to come back.</p></article>${hostScript}</body></html>`;
  const blog = createServer((req, res) => res.end(post)).listen(4191, '127.0.0.1');
  const page = await b.newPage({ viewport: { width: 900, height: 500 }, deviceScaleFactor: 1 });
  await page.goto('http://localhost:4191/post.html');
  await page.frameLocator('iframe').getByTestId('caption').waitFor();
  await page.waitForTimeout(2500);
  await page.screenshot({ path: '../docs/images/embed.png', fullPage: true });
  console.log('docs/images/embed.png');
  blog.close();

  // The link-preview card's image: the lab, 1200×630 as Open Graph cards want.
  const card = await b.newPage({ viewport: { width: 1200, height: 630 }, deviceScaleFactor: 1 });
  await card.goto(`http://127.0.0.1:${port}/#example=hostpath&step=4&play=0&lang=en`);
  await card.getByTestId('cluster').waitFor();
  await card.waitForTimeout(1200);
  await card.screenshot({ path: '../static/site/og.png' });
  console.log('static/site/og.png');

  // The app's icons, drawn from the SVG mark.
  const mark = readFileSync('../static/site/icon.svg', 'utf8');
  for (const size of [192, 512]) {
    const icon = await b.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await icon.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${mark}`);
    await icon.screenshot({ path: `../static/site/icon-${size}.png`, omitBackground: true });
    console.log(`static/site/icon-${size}.png`);
  }

  // The Share panel.
  const lab = await b.newPage({ viewport: { width: 1500, height: 940 }, deviceScaleFactor: 1 });
  await lab.goto(`http://127.0.0.1:${port}/#example=nodeport-local&step=1&play=0&lang=en`);
  await lab.getByTestId('cluster').waitFor();
  await lab.getByTestId('share').click();
  await lab.getByTestId('share-start').selectOption('step');
  await lab.waitForTimeout(1200);
  await lab.screenshot({ path: '../docs/images/share.png' });
  console.log('docs/images/share.png');
} finally {
  await b.close();
  server.kill();
}
