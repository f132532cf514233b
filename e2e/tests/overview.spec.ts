// A large cluster (600 pods) is drawn as an overview: namespace cards with Service rows and
// one stack per workload, nodes with their pod counts. A stack expands to show its pods on
// their nodes and collapses again. docs/dom.md, "The overview of a large cluster".
import { test, expect } from '@playwright/test';
import { openApp, pasteManifest, select } from './helpers';

test.use({ locale: 'en-US' });

/** `workloads` Deployments of 20 replicas, each behind a Service, in three namespaces. */
function largeCluster(workloads: number): string {
  let out = 'apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: big}\nspec:\n  cluster:\n    nodes:\n';
  for (let n = 0; n < 12; n++) out += `    - {name: node-${n}, cpu: "64", memory: 256Gi}\n`;
  for (let w = 0; w < workloads; w++) {
    const ns = `team-${w % 3}`;
    out +=
      `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${w}, namespace: ${ns}}\nspec:\n  replicas: 20\n` +
      `  selector: {matchLabels: {app: app-${w}}}\n  template:\n    metadata: {labels: {app: app-${w}}}\n    spec:\n` +
      `      containers: [{name: c, image: nginx, resources: {requests: {cpu: 10m, memory: 16Mi}}}]\n` +
      `---\napiVersion: v1\nkind: Service\nmetadata: {name: app-${w}, namespace: ${ns}}\n` +
      `spec: {selector: {app: app-${w}}, ports: [{port: 80}]}\n`;
  }
  return out;
}

test('a 600-pod cluster is an overview whose stacks open onto their nodes', async ({ page }) => {
  await openApp(page);
  await pasteManifest(page, largeCluster(30));
  const cluster = page.getByTestId('cluster');
  await expect(cluster.locator('[data-kind=Lane][data-name=namespaces]')).toHaveCount(1);
  await expect(cluster.locator('[data-kind=Namespace].card')).toHaveCount(3);
  const stacks = cluster.locator('[data-kind=Stack]');
  await expect(stacks).toHaveCount(30);
  await expect(stacks.first()).toHaveAttribute('data-count', '20');
  await expect(stacks.first()).toHaveAttribute('data-node', '');
  await expect(cluster.locator('[data-kind=Pod]')).toHaveCount(0);
  await expect(cluster.locator('[data-kind=Service]')).toHaveCount(30);
  await expect(cluster.locator('[data-kind=Node]').first()).toContainText(/\d+ pods · \d+ ready/);

  const app7 = cluster.locator('[data-kind=Stack][data-name=app-7]');
  await expect(app7).toHaveAttribute('data-action', 'expand');
  await select(app7);
  await expect(cluster.locator('[data-kind=Pod]')).toHaveCount(20);
  await expect(cluster.locator('[data-kind=Node] [data-kind=Pod]')).toHaveCount(20);
  await expect(app7).toHaveAttribute('data-action', 'collapse');
  await select(app7);
  await expect(cluster.locator('[data-kind=Pod]')).toHaveCount(0);
});
