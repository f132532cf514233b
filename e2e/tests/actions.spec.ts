// Every inspector action through the UI: what it does to the picture, that it is recorded
// as a step in the editor's Scenario, and that stepping back undoes it. Then the keyboard:
// the playback shortcuts and opening the inspector from a focused object.
import { test, expect, type Page } from '@playwright/test';
import {
  openExample,
  pasteManifest,
  manifestText,
  still,
  select,
  focusPage,
  currentStep,
} from './helpers';

test.use({ locale: 'en-US' });

const inspector = (page: Page) => page.getByTestId('inspector');
const action = (page: Page, name: string) => inspector(page).locator(`[data-action="${name}"]`);

/** The Scenario in the editor holds `step` (one line of its `steps` list). */
async function expectRecorded(page: Page, step: string) {
  await expect.poll(() => manifestText(page)).toContain(`  - ${step}\n`);
}

/** Steps back once and waits for the timeline to be at `position`. */
async function stepBack(page: Page, position: number) {
  await page.getByTestId('step-back').click();
  await expect(currentStep(page)).toHaveAttribute('data-step', String(position));
}

/** Requests answered by all pods, from their `data-hits`. */
async function totalHits(page: Page): Promise<number> {
  const hits = await still(page, 'Pod').evaluateAll((pods) => pods.map((p) => Number(p.getAttribute('data-hits') ?? 0)));
  return hits.reduce((a, b) => a + b, 0);
}

/** The `count` of the request step from the client pod to svc-1 in the editor's Scenario. */
async function requestCount(page: Page): Promise<number> {
  const text = await manifestText(page);
  const line = text.split('\n').find((l) => l.startsWith('  - request: {from: pod/client, to: "svc-1:9000"'));
  if (!line) return 0;
  const count = /count: (\d+)\}/.exec(line);
  return count ? Number(count[1]) : 1;
}

test('delete-pod: the Deployment replaces the pod under a new name; step back brings it back', async ({ page }) => {
  await openExample(page, 'deployment');
  const web = still(page, 'Pod').and(page.locator('[data-name^="web-"]'));
  await expect(web).toHaveCount(3);
  const originals = await web.evaluateAll((pods) => pods.map((p) => p.getAttribute('data-name')!));
  const victim = originals[0];

  await select(web.first());
  await expect(inspector(page)).toHaveAttribute('data-kind', 'Pod');
  await expect(inspector(page)).toHaveAttribute('data-name', victim);
  await action(page, 'delete-pod').click();

  await expect(still(page, 'Pod').and(page.locator(`[data-name="${victim}"]`))).toHaveCount(0);
  await expect(web).toHaveCount(3);
  const now = await web.evaluateAll((pods) => pods.map((p) => p.getAttribute('data-name')!));
  const replacements = now.filter((n) => !originals.includes(n));
  expect(replacements).toHaveLength(1);
  expect(replacements[0]).not.toBe(victim);
  await expectRecorded(page, `deletePod: ${victim}`);
  await expect(currentStep(page)).toHaveAttribute('data-step', '1');
  await expect(currentStep(page)).toContainText(`deletePod ${victim}`);

  await stepBack(page, 0);
  await expect(still(page, 'Pod').and(page.locator(`[data-name="${victim}"]`))).toHaveCount(1);
  await expect(still(page, 'Pod').and(page.locator(`[data-name="${replacements[0]}"]`))).toHaveCount(0);
  await expect(web).toHaveCount(3);
  // Stepping back undoes the step; the record stays in the Scenario.
  await expectRecorded(page, `deletePod: ${victim}`);
});

test('write-file: a file lands in the volume under its mount, or in the container layer', async ({ page }) => {
  await openExample(page, 'emptydir');
  const pod = still(page, 'Pod');
  await expect(pod).toHaveCount(1);
  const name = (await pod.getAttribute('data-name'))!;
  const volume = pod.locator('[data-kind="Volume"][data-name="empty-dir"]');
  const first = pod.locator('[data-kind="Container"][data-name="container1"]');
  const second = pod.locator('[data-kind="Container"][data-name="container2"]');
  await expect(volume).toHaveAttribute('data-lifetime', 'pod');
  await expect(pod.getByTestId('file')).toHaveCount(0);

  await select(pod);
  await expect(inspector(page)).toHaveAttribute('data-name', name);
  await expect(inspector(page).getByTestId('container')).toHaveValue('container1');
  await expect(inspector(page).getByTestId('file-path')).toHaveValue('/mount1/hello.txt');
  await action(page, 'write-file').click();
  await expect(volume.getByTestId('file')).toHaveCount(1);
  await expect(volume.getByTestId('file')).toHaveAttribute('data-file', 'hello.txt');
  await expect(first.getByTestId('file')).toHaveCount(0);
  await expectRecorded(page, `write: {pod: ${name}, container: container1, path: /mount1/hello.txt}`);
  await expect(currentStep(page)).toHaveAttribute('data-step', '1');

  // Outside any volume: the container's own writable layer.
  await inspector(page).getByTestId('container').selectOption('container2');
  await expect(inspector(page).getByTestId('file-path')).toHaveValue('/mount2/hello.txt');
  await inspector(page).getByTestId('file-path').fill('/tmp/scratch.txt');
  await action(page, 'write-file').click();
  await expect(second.getByTestId('file')).toHaveCount(1);
  await expect(second.getByTestId('file')).toHaveAttribute('data-file', '/tmp/scratch.txt');
  await expect(first.getByTestId('file')).toHaveCount(0);
  await expect(volume.getByTestId('file')).toHaveCount(1);
  await expectRecorded(page, `write: {pod: ${name}, container: container2, path: /tmp/scratch.txt}`);
  await expect(currentStep(page)).toHaveAttribute('data-step', '2');

  await stepBack(page, 1);
  await expect(second.getByTestId('file')).toHaveCount(0);
  await expect(volume.getByTestId('file')).toHaveCount(1);
  await stepBack(page, 0);
  await expect(pod.getByTestId('file')).toHaveCount(0);
  await expectRecorded(page, `write: {pod: ${name}, container: container2, path: /tmp/scratch.txt}`);
});

test('restart-container: the container loses its own files, the volume keeps its own', async ({ page }) => {
  await openExample(page, 'emptydir');
  const pod = still(page, 'Pod');
  const name = (await pod.getAttribute('data-name'))!;
  const volume = pod.locator('[data-kind="Volume"][data-name="empty-dir"]');
  const second = pod.locator('[data-kind="Container"][data-name="container2"]');
  await select(pod);
  await inspector(page).getByTestId('container').selectOption('container2');
  // One file in the shared volume, one in container2's own layer.
  await action(page, 'write-file').click();
  await expect(volume.getByTestId('file')).toHaveAttribute('data-file', 'hello.txt');
  await inspector(page).getByTestId('file-path').fill('/var/cache/note.txt');
  await action(page, 'write-file').click();
  await expect(second.getByTestId('file')).toHaveAttribute('data-file', '/var/cache/note.txt');
  await expect(currentStep(page)).toHaveAttribute('data-step', '2');

  await expect(inspector(page).getByTestId('container')).toHaveValue('container2');
  await action(page, 'restart-container').click();
  await expect(currentStep(page)).toHaveAttribute('data-step', '3');
  await expect(second.getByTestId('file')).toHaveCount(0);
  await expect(volume.getByTestId('file')).toHaveCount(1);
  await expect(volume.getByTestId('file')).toHaveAttribute('data-file', 'hello.txt');
  // The same pod: a restart is not a new pod.
  await expect(pod).toHaveAttribute('data-name', name);
  await expectRecorded(page, `restartContainer: {pod: ${name}, container: container2}`);

  await stepBack(page, 2);
  await expect(second.getByTestId('file')).toHaveCount(1);
  await expect(second.getByTestId('file')).toHaveAttribute('data-file', '/var/cache/note.txt');
  await expect(volume.getByTestId('file')).toHaveCount(1);
  await expectRecorded(page, `restartContainer: {pod: ${name}, container: container2}`);
});

test('send-request: a packet flies and the hit counts change; step back undoes it', async ({ page }) => {
  await openExample(page, 'clusterip');
  await expect(still(page, 'Pod')).toHaveCount(4);
  expect(await totalHits(page)).toBe(0);
  await select(still(page, 'Service'));
  await expect(inspector(page)).toHaveAttribute('data-kind', 'Service');
  await expect(inspector(page)).toHaveAttribute('data-name', 'svc-1');
  const client = inspector(page).getByTestId('client');
  await expect(client.locator('option:checked')).toHaveText('pod/client → svc-1:9000');
  const endpoints = inspector(page).locator('li[data-hits]');
  await expect(endpoints).toHaveCount(3);

  await action(page, 'send-request').click();
  await expect(page.getByTestId('cluster').getByTestId('packet').first()).toBeAttached();
  await expect.poll(() => totalHits(page)).toBe(1);
  await expect(still(page, 'Pod').and(page.locator('[data-hits="1"]'))).toHaveCount(1);
  await expect(endpoints.and(page.locator('[data-hits="1"]'))).toHaveCount(1);
  await expectRecorded(page, 'request: {from: pod/client, to: "svc-1:9000"}');
  await expect(currentStep(page)).toHaveAttribute('data-step', '1');

  await stepBack(page, 0);
  await expect.poll(() => totalHits(page)).toBe(0);
  await expect(endpoints.and(page.locator('[data-hits="0"]'))).toHaveCount(3);
  await expectRecorded(page, 'request: {from: pod/client, to: "svc-1:9000"}');
});

test('the chosen client stays chosen across steps, sends the request, and resets on another selection', async ({ page }) => {
  await openExample(page, 'clusterip');
  await select(still(page, 'Service'));
  const client = inspector(page).getByTestId('client');
  const options = client.locator('option');
  expect(await options.count()).toBeGreaterThan(1);
  const second = (await options.nth(1).textContent())!;
  await client.selectOption({ index: 1 });
  await expect(client.locator('option:checked')).toHaveText(second);

  await action(page, 'send-request').click();
  await expect(currentStep(page)).toHaveAttribute('data-step', '1');
  // The panel is drawn anew after the step: the choice is kept in the app's state.
  await expect(client.locator('option:checked')).toHaveText(second);
  await expect(page.getByTestId('narration').locator('[data-step="1"]')).toBeVisible();
  await expect.poll(() => manifestText(page)).toContain('  - request: {from: ');
  expect(await manifestText(page), 'the chosen client, not the first').not.toContain('request: {from: pod/client, to: "svc-1:9000"}');

  await select(still(page, 'Pod').first());
  await select(still(page, 'Service'));
  await expect(client.locator('option:checked')).toHaveText('pod/client → svc-1:9000');
});

test('start-traffic counts up one request step; stop-traffic stops it', async ({ page }) => {
  await openExample(page, 'clusterip');
  await select(still(page, 'Service'));
  await expect(inspector(page)).toHaveAttribute('data-name', 'svc-1');
  await expect(action(page, 'stop-traffic')).toBeDisabled();

  await action(page, 'start-traffic').click();
  await expect(action(page, 'start-traffic')).toBeDisabled();
  await expect(action(page, 'stop-traffic')).toBeEnabled();
  await expect(currentStep(page)).toHaveAttribute('data-step', '1');
  await expect.poll(() => requestCount(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  // Still one step, counted up (not one step per request).
  await expect(currentStep(page)).toHaveAttribute('data-step', '1');
  await expect(page.getByTestId('timeline').locator('li[data-step]')).toHaveCount(3);

  await action(page, 'stop-traffic').click();
  await expect(action(page, 'stop-traffic')).toBeDisabled();
  await expect(action(page, 'start-traffic')).toBeEnabled();
  const stopped = await requestCount(page);
  expect(stopped).toBeGreaterThanOrEqual(3);
  await expectRecorded(page, `request: {from: pod/client, to: "svc-1:9000", count: ${stopped}}`);
  await expect(currentStep(page)).toContainText(`×${stopped}`);
  await expect.poll(() => totalHits(page)).toBe(stopped);
  // Traffic ticks about once a second at 1×: nothing more arrives once stopped.
  await page.waitForTimeout(2_500);
  expect(await requestCount(page)).toBe(stopped);
  expect(await totalHits(page)).toBe(stopped);

  await stepBack(page, 0);
  await expect.poll(() => totalHits(page)).toBe(0);
  expect(await requestCount(page)).toBe(stopped);
});

test('fail-node and recover-node: the node goes down and comes back; step back undoes each', async ({ page }) => {
  await openExample(page, 'deployment');
  const node = still(page, 'Node').and(page.locator('[data-name="k8s-node2"]'));
  await expect(node).toHaveAttribute('data-up', 'true');
  await select(node);
  await expect(inspector(page)).toHaveAttribute('data-kind', 'Node');
  await expect(inspector(page)).toHaveAttribute('data-name', 'k8s-node2');
  await expect(action(page, 'recover-node')).toBeDisabled();

  await action(page, 'fail-node').click();
  await expect(node).toHaveAttribute('data-up', 'false');
  await expect(action(page, 'fail-node')).toBeDisabled();
  await expectRecorded(page, 'failNode: k8s-node2');
  await expect(currentStep(page)).toHaveAttribute('data-step', '1');

  await action(page, 'recover-node').click();
  await expect(node).toHaveAttribute('data-up', 'true');
  await expectRecorded(page, 'recoverNode: k8s-node2');
  await expect(currentStep(page)).toHaveAttribute('data-step', '2');
  const text = await manifestText(page);
  expect(text.indexOf('  - failNode: k8s-node2\n')).toBeLessThan(text.indexOf('  - recoverNode: k8s-node2\n'));

  await stepBack(page, 1);
  await expect(node).toHaveAttribute('data-up', 'false');
  await stepBack(page, 0);
  await expect(node).toHaveAttribute('data-up', 'true');
});

test('cordon and uncordon: the node shows SchedulingDisabled, its pods stay, and the step is recorded', async ({ page }) => {
  await openExample(page, 'deployment');
  const node = still(page, 'Node').and(page.locator('[data-name="k8s-node2"]'));
  const pods = await node.locator('[data-kind="Pod"], [data-kind="Stack"]').count();
  await select(node);
  await expect(inspector(page)).toHaveAttribute('data-name', 'k8s-node2');
  await expect(action(page, 'uncordon')).toHaveCount(0);

  await expect(node).toHaveAttribute('data-schedulable', 'true');
  await action(page, 'cordon').click();
  await expect(node).toHaveAttribute('data-schedulable', 'false');
  await expect(node).toHaveClass(/cordoned/);
  await expect(node).toContainText('Ready,SchedulingDisabled');
  await expect(node.locator('[data-kind="Pod"], [data-kind="Stack"]')).toHaveCount(pods);
  await expectRecorded(page, 'cordon: k8s-node2');
  await expect(page.getByTestId('narration')).toContainText('node/k8s-node2 cordoned');

  await action(page, 'uncordon').click();
  await expect(node).not.toHaveClass(/cordoned/);
  await expectRecorded(page, 'uncordon: k8s-node2');
  await stepBack(page, 1);
  await expect(node).toHaveClass(/cordoned/);
});

test('delete-pvc on a claim in use: the reclaim policy is shown, the claim waits Terminating', async ({ page }) => {
  await openExample(page, 'local-pv');
  const claim = still(page, 'PersistentVolumeClaim');
  const volume = still(page, 'PersistentVolume');
  await expect(claim).toHaveAttribute('data-phase', 'Bound');
  await expect(claim).toHaveAttribute('data-volume', 'pv-01');
  await select(claim);
  await expect(inspector(page)).toHaveAttribute('data-kind', 'PersistentVolumeClaim');
  await expect(inspector(page)).toHaveAttribute('data-name', 'pvc-01');
  await expect(inspector(page).getByTestId('reclaim')).toHaveText('Retain');

  await action(page, 'delete-pvc').click();
  await expect(claim).toHaveAttribute('data-phase', 'Terminating');
  await expect(volume).toHaveAttribute('data-phase', 'Bound');
  await expect(action(page, 'delete-pvc')).toBeDisabled();
  await expectRecorded(page, 'deletePVC: {name: pvc-01}');

  await stepBack(page, 0);
  await expect(claim).toHaveAttribute('data-phase', 'Bound');
  await expect(action(page, 'delete-pvc')).toBeEnabled();
});

test('delete-pvc with Retain: the claim goes, its PersistentVolume is Released and kept', async ({ page }) => {
  await openExample(page, 'deployment');
  await pasteManifest(
    page,
    [
      'apiVersion: v1',
      'kind: PersistentVolume',
      'metadata: {name: pv-keep}',
      'spec:',
      '  capacity: {storage: 1Gi}',
      '  accessModes: [ReadWriteOnce]',
      '  persistentVolumeReclaimPolicy: Retain',
      '  hostPath: {path: /data/keep}',
      '---',
      'apiVersion: v1',
      'kind: PersistentVolumeClaim',
      'metadata: {name: claim}',
      'spec:',
      '  accessModes: [ReadWriteOnce]',
      '  storageClassName: ""',
      '  resources: {requests: {storage: 1Gi}}',
    ].join('\n') + '\n',
  );
  const claim = still(page, 'PersistentVolumeClaim');
  const volume = still(page, 'PersistentVolume');
  await expect(claim).toHaveAttribute('data-phase', 'Bound');
  await expect(claim).toHaveAttribute('data-volume', 'pv-keep');
  await expect(volume).toHaveAttribute('data-phase', 'Bound');
  await expect(volume).toHaveAttribute('data-reclaim', 'Retain');
  await select(claim);
  await expect(inspector(page)).toHaveAttribute('data-name', 'claim');
  await expect(inspector(page).getByTestId('reclaim')).toHaveText('Retain');

  await action(page, 'delete-pvc').click();
  await expect(claim).toHaveCount(0);
  await expect(volume).toHaveAttribute('data-phase', 'Released');
  await expect(volume).toHaveAttribute('data-reclaim', 'Retain');
  await expectRecorded(page, 'deletePVC: {name: claim}');
  await expect(page.getByTestId('manifest-input')).toHaveValue(/kind: Scenario/);

  await stepBack(page, 0);
  await expect(claim).toHaveAttribute('data-phase', 'Bound');
  await expect(volume).toHaveAttribute('data-phase', 'Bound');
});

test.describe('keyboard', () => {
  test('Space plays and pauses, ArrowRight steps, ArrowLeft steps back', async ({ page }) => {
    await openExample(page, 'deployment');
    await focusPage(page);

    await page.keyboard.press('ArrowRight');
    await expect(currentStep(page)).toHaveAttribute('data-step', '1');
    await expect(page.getByTestId('narration').locator('[data-step="1"]')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(currentStep(page)).toHaveAttribute('data-step', '2');
    await page.keyboard.press('ArrowLeft');
    await expect(currentStep(page)).toHaveAttribute('data-step', '1');
    await page.keyboard.press('ArrowLeft');
    await expect(currentStep(page)).toHaveAttribute('data-step', '0');

    await page.keyboard.press(' ');
    await expect(page.getByTestId('pause')).toBeEnabled();
    await expect(page.getByTestId('play')).toBeDisabled();
    await page.keyboard.press(' ');
    await expect(page.getByTestId('pause')).toBeDisabled();
    await expect(page.getByTestId('play')).toBeEnabled();

    // In the editor, keys are text, not shortcuts.
    const position = await currentStep(page).getAttribute('data-step');
    await page.getByTestId('manifest-input').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press(' ');
    await expect(page.getByTestId('pause')).toBeDisabled();
    await expect(currentStep(page)).toHaveAttribute('data-step', position!);
  });

  test('a focused object opens the inspector on Enter; Tab moves to the next object', async ({ page }) => {
    await openExample(page, 'deployment');
    const service = still(page, 'Service');
    await service.focus();
    await expect(service).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(inspector(page)).toHaveAttribute('data-kind', 'Service');
    await expect(inspector(page)).toHaveAttribute('data-name', 'web');
    await expect(inspector(page).locator('[data-action="send-request"]')).toBeVisible();

    await service.focus();
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const e = document.activeElement;
      return { kind: e?.getAttribute('data-kind'), name: e?.getAttribute('data-name'), tabindex: e?.getAttribute('tabindex') };
    });
    expect(next.tabindex).toBe('0');
    expect(['Pod', 'Node', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'LoadBalancer', 'Stack']).toContain(next.kind);
    expect(`${next.kind}/${next.name}`).not.toBe('Service/web');
    await page.keyboard.press('Enter');
    await expect(inspector(page)).toHaveAttribute('data-kind', next.kind!);
    await expect(inspector(page)).toHaveAttribute('data-name', next.name!);
  });
});
