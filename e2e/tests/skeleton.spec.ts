import { test, expect } from '@playwright/test';
import { openApp, typeManifest, drawn } from './helpers';

test('a default example is drawn when the page opens', async ({ page }) => {
  await openApp(page);
  await expect(drawn(page, 'Pod')).toHaveCount(1);
  await expect(drawn(page, 'Service')).toHaveCount(1);
});

test('typing a Pod and a Service draws both, by name', async ({ page }) => {
  await openApp(page);
  await typeManifest(
    page,
    [
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
      '  name: web-svc',
      'spec:',
      '  selector: {app: web}',
      '  ports: [{port: 80}]',
    ].join('\n'),
  );
  await expect(drawn(page, 'Pod')).toHaveCount(1);
  await expect(drawn(page, 'Pod')).toHaveAttribute('data-name', 'web');
  await expect(drawn(page, 'Service')).toHaveCount(1);
  await expect(drawn(page, 'Service')).toHaveAttribute('data-name', 'web-svc');
});

test('broken YAML shows an error naming the line of the unclosed bracket', async ({ page }) => {
  await openApp(page);
  await typeManifest(
    page,
    ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: [broken', 'spec: {}'].join('\n'),
  );
  const error = page.getByTestId('diagnostics').locator('[data-severity="error"]').first();
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-line', '4');
  await expect(error).toContainText('line 4');
  await expect(error).toContainText('never closed');
});
