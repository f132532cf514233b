// Object by object, as `kubectl apply -f`: an object the API server would reject is shown in
// the picture's tray and listed with kubectl's message and its line; the rest is drawn and
// simulated. Where kubeglass knows what the author meant, a fix rewrites the text.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApp, pasteManifest, manifestText, still } from './helpers';
import { repo } from './cli';

test.use({ locale: 'en-US' });

const seed = (name: string) => readFileSync(resolve(repo, 'fixtures/seeds', name), 'utf8');

const FOUR_OBJECTS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: curlimages/curl}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
  - port: 0
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {mode: fast}
`;

test('a paste with one invalid object draws the others and shows the rejected one in the tray', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('pause').click();
  await pasteManifest(page, FOUR_OBJECTS);
  const tray = page.getByTestId('cluster').locator('[data-testid="rejected"]');
  await expect(tray).toHaveCount(1);
  await expect(tray).toHaveAttribute('data-kind', 'Service');
  await expect(tray).toHaveAttribute('data-name', 'web');
  await expect(tray).toContainText('spec.ports[0].port');
  // The rest is drawn and runs: the Deployment's pods and the client.
  await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(2);
  await expect(still(page, 'Pod').and(page.locator('[data-name="client"]'))).toHaveCount(1);
  // No Service was created.
  await expect(page.getByTestId('cluster').locator('[data-kind="Service"]:not([data-testid="rejected"])')).toHaveCount(0);
  // Not the stale picture: the text reads, only an object was refused.
  await expect(page.getByTestId('stale')).toHaveCount(0);
  const problem = page.getByTestId('diagnostics').locator('[data-severity="error"]');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-line', '22');
  await expect(problem).toContainText('The Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');

  // In Korean, the field path stays.
  await page.getByTestId('language').click();
  await expect(problem).toContainText('spec.ports[0].port');
  await expect(problem).toContainText('1 이상 65535 이하여야 합니다');
});

test('a fix rewrites the editor text, and the object is then drawn', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('pause').click();
  await pasteManifest(page, seed('004-03-pod-pod-1.yaml'));
  const tray = page.getByTestId('cluster').locator('[data-testid="rejected"]');
  await expect(tray).toHaveAttribute('data-name', 'pod-1');
  const fix = page.getByTestId('diagnostics').getByTestId('fix');
  await expect(fix).toHaveText('move `containers:` under `spec:`');
  await fix.click();
  await expect.poll(() => manifestText(page)).toContain('spec:\n containers: # 두 개의 컨테이너 생성\n  - name: container1');
  await expect(tray).toHaveCount(0);
  await expect(still(page, 'Pod').and(page.locator('[data-name="pod-1"]'))).toHaveCount(1);
  await expect(page.getByTestId('diagnostics').locator('[data-severity="error"]')).toHaveCount(0);
});

test('non-breaking spaces make the text unreadable: the last picture stays, and the fixes lead to a clean text', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('pause').click();
  await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(3);
  await pasteManifest(page, seed('004-18-persistentvolume-pv-01.yaml'));
  await expect(page.getByTestId('stale')).toBeVisible();
  // The default example's picture is kept, dimmed.
  await expect(still(page, 'Pod').and(page.locator('[data-name^="web-"]'))).toHaveCount(3);
  const errors = page.getByTestId('diagnostics').locator('[data-severity="error"]');
  await expect(errors.filter({ hasText: 'non-breaking spaces' })).toHaveCount(1);
  // Apply the first fix offered, again and again, as a user would.
  for (let i = 0; i < 6 && (await errors.count()) > 0; i++) {
    const before = await manifestText(page);
    await page.getByTestId('diagnostics').getByTestId('fix').first().click();
    await expect.poll(() => manifestText(page)).not.toBe(before);
  }
  await expect(errors).toHaveCount(0);
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect(page.getByTestId('cluster').locator('[data-kind="PersistentVolume"][data-name="pv-01"]')).toHaveCount(1);
  expect(await manifestText(page)).not.toContain('\u00a0');
});
