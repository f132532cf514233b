// Takes the README's screenshots from the release build (docs/images/*.png).
// Usage (from e2e/, after `trunk build --release --offline`): node screenshots.mjs
import { chromium as browser } from '@playwright/test';
import { spawn } from 'node:child_process';
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
];
try {
  for (const [file, address, wait, what] of shots) {
    const page = await b.newPage({ viewport: { width: 1500, height: 940 }, deviceScaleFactor: 1 });
    await page.goto(`http://127.0.0.1:${port}/${address}`);
    await page.getByTestId('cluster').waitFor();
    await page.waitForTimeout(wait);
    const target = what === 'page' ? page : page.locator('.kg-stage');
    await target.screenshot({ path: `../docs/images/${file}` });
    console.log(`docs/images/${file}`);
    await page.close();
  }
} finally {
  await b.close();
  server.kill();
}
