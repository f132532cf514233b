import { expect, type Locator, type Page } from '@playwright/test';
import { drawn } from './helpers';

/** The two languages of the page, and the browser locale that selects each. */
export type Lang = 'en' | 'ko';
export const LOCALE: Record<Lang, string> = { en: 'en-US', ko: 'ko-KR' };

/** What the language toggle offers (the other language) and the narration's heading. */
const UI: Record<Lang, { toggle: string; narration: string; myth: string }> = {
  en: { toggle: '한국어', narration: 'What happened', myth: 'Myth check' },
  ko: { toggle: 'English', narration: '무슨 일이 있었나', myth: '오해 바로잡기' },
};

/** The gallery's titles (crates/core/src/gallery.rs) and how many steps each story has. */
export const EXAMPLES = {
  emptydir: { steps: 4, en: 'emptyDir shared by two containers', ko: '두 컨테이너가 공유하는 emptyDir' },
  hostpath: { steps: 5, en: 'hostPath and the pod that moves', ko: 'hostPath와 옮겨 가는 파드' },
  'local-pv': { steps: 4, en: 'PV and PVC with a local PV', ko: '로컬 PV와 PV/PVC' },
  clusterip: { steps: 1, en: 'ClusterIP load spreading', ko: 'ClusterIP 부하 분산' },
  'nodeport-local': {
    steps: 2,
    en: 'NodePort with externalTrafficPolicy: Local',
    ko: 'externalTrafficPolicy: Local인 NodePort',
  },
  'loadbalancer-pending': { steps: 2, en: 'LoadBalancer without a cloud', ko: '클라우드 없는 LoadBalancer' },
  'loadbalancer-cloud': { steps: 1, en: 'LoadBalancer with a cloud', ko: '클라우드가 있는 LoadBalancer' },
  headless: {
    steps: 2,
    en: 'Headless Service with hostname/subdomain',
    ko: 'hostname/subdomain이 있는 헤드리스 서비스',
  },
  endpoints: { steps: 1, en: 'Manual Endpoints', ko: '직접 만든 Endpoints' },
  externalname: { steps: 1, en: 'ExternalName', ko: 'ExternalName' },
  deployment: { steps: 3, en: 'A Deployment with a pod deleted', ko: '파드 하나를 지운 Deployment' },
  drain: { steps: 4, en: 'Draining a node', ko: '노드 drain' },
  'anti-affinity': { steps: 2, en: 'One replica per node', ko: '노드마다 레플리카 하나' },
} as const;
export type ExampleId = keyof typeof EXAMPLES;

/** Assertions about what the story shows: soft, so one wrong detail does not hide the rest. */
export const check = expect.soft;

/** One attribute selector, quoted. */
const attr = (name: string, value: string) => `[data-${name}="${value.replace(/"/g, '\\"')}"]`;

/** A gallery story being played through the UI, in one language. */
export class Story {
  constructor(
    readonly page: Page,
    readonly lang: Lang,
    readonly id: ExampleId,
  ) {}

  /** The text of this language. */
  t<T>(en: T, ko: T): T {
    return this.lang === 'en' ? en : ko;
  }

  get steps(): number {
    return EXAMPLES[this.id].steps;
  }

  get cluster(): Locator {
    return this.page.getByTestId('cluster');
  }

  get narration(): Locator {
    return this.page.getByTestId('narration');
  }

  /** Drawn objects of a kind, optionally narrowed by `data-*` attributes. */
  kind(kind: string, attrs: Record<string, string> = {}): Locator {
    const sel = Object.entries(attrs)
      .map(([k, v]) => attr(k, v))
      .join('');
    return this.cluster.locator(`${attr('kind', kind)}${sel}`);
  }

  pod(name: string): Locator {
    return this.kind('Pod', { name });
  }

  node(name: string): Locator {
    return this.kind('Node', { name });
  }

  /** Files (`data-testid=file`) inside `where`; with a path, only that one. */
  files(where: Locator, path?: string): Locator {
    return where.locator(`[data-testid="file"]${path ? attr('file', path) : ''}`);
  }

  get drops(): Locator {
    return this.cluster.locator('[data-testid="drop"]');
  }

  get position(): Locator {
    return this.page.locator('.kg-position');
  }

  /** The hostPath directory drawn on a node's disk. */
  hostPath(node: string): Locator {
    return this.kind('HostPath', { node });
  }

  /** Names of the pods drawn now (each once). */
  async podNames(): Promise<string[]> {
    const names = await drawn(this.page, 'Pod').evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
    return [...new Set(names)];
  }

  /** Requests answered, by pod name (pods without `data-hits` are left out). */
  async hits(): Promise<Record<string, number>> {
    const pairs = await drawn(this.page, 'Pod').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-name') ?? '', e.getAttribute('data-hits')] as const),
    );
    const out: Record<string, number> = {};
    for (const [name, hits] of pairs) if (hits !== null && hits !== '') out[name] = Number(hits);
    return out;
  }

  /** Waits until the hits of all pods sum to `total`, then returns them. */
  async expectHitsTotal(total: number): Promise<Record<string, number>> {
    await expect
      .poll(async () => Object.values(await this.hits()).reduce((a, b) => a + b, 0), {
        message: `requests answered by all pods together`,
      })
      .toBe(total);
    return this.hits();
  }

  /** Checks that the position and the timeline say `k` steps were played. */
  async expectAt(k: number) {
    await expect(this.position).toHaveText(`${k} / ${this.steps}`);
    await expect(this.page.getByTestId('timeline').locator('[aria-current="step"]')).toHaveAttribute(
      'data-step',
      String(k),
    );
    await expect(this.narration.locator('[data-step]')).toHaveCount(k);
  }

  /** Plays the next step with the Step button. */
  async step(k: number) {
    await this.page.getByTestId('step').click();
    await this.expectAt(k);
  }

  /** Presses Play and lets the story run to its last step. */
  async playToEnd() {
    await this.page.getByTestId('play').click();
    await this.expectAt(this.steps);
    await expect(this.page.getByTestId('pause')).toBeDisabled();
    await expect(this.page.getByTestId('step')).toBeDisabled();
    await expect(this.page.getByTestId('play')).toBeDisabled();
  }

  /** The narration's entry of step `k`. */
  entry(k: number): Locator {
    return this.narration.locator(`[data-step="${k}"]`);
  }

  /**
   * Checks the newest narration entry: it is step `k`; its first sentence contains every
   * string of `says`; the myth note contains every string of `myth` (none is expected when
   * `myth` is null).
   */
  async expectNarration(k: number, says: string[], myth: string[] | null) {
    const latest = this.narration.locator('[data-step]').first();
    await expect(latest).toHaveAttribute('data-step', String(k));
    const main = latest.locator('.kg-note').first();
    await check(main).toHaveAttribute('data-myth', 'false');
    for (const s of says) await check(main, `narration of step ${k}`).toContainText(s);
    const myths = latest.locator('.kg-note[data-myth="true"]');
    if (myth === null) {
      await check(myths, `no myth note at step ${k}`).toHaveCount(0);
    } else {
      await check(myths, `one myth note at step ${k}`).toHaveCount(1);
      await check(myths).toContainText(UI[this.lang].myth);
      for (const s of myth) await check(myths, `myth note of step ${k}`).toContainText(s);
    }
    if (this.lang === 'ko') {
      // The Korean narration is Korean: no English sentence glue around the names.
      for (const english of [' of pod ', ' is gone', ' and with it ', ' was deleted', ' delivered']) {
        await check(latest, `Korean narration of step ${k} has no English "${english.trim()}"`).not.toContainText(
          english,
        );
      }
    }
  }

  /** The centre of a drop's X mark, in page coordinates. */
  async dropMark(drop: Locator) {
    const box = await drop.locator('line').first().boundingBox();
    expect(box, 'the drop mark is drawn').not.toBeNull();
    return { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
  }

  /** Checks that a drop's mark lies on `target` (its box, with a little slack). */
  async expectDropOn(drop: Locator, target: Locator, slack = 6) {
    const at = await this.dropMark(drop);
    const box = await target.boundingBox();
    expect(box, 'the target is drawn').not.toBeNull();
    const inside =
      at.x >= box!.x - slack &&
      at.x <= box!.x + box!.width + slack &&
      at.y >= box!.y - slack &&
      at.y <= box!.y + box!.height + slack;
    check(inside, `the drop mark at ${JSON.stringify(at)} should lie on ${JSON.stringify(box)}`).toBe(true);
  }
}

/** Checks which language the page shows. */
export async function expectLanguage(page: Page, lang: Lang) {
  await expect(page.getByTestId('language')).toHaveText(UI[lang].toggle);
  await expect(page.getByTestId('narration')).toContainText(UI[lang].narration);
}

/**
 * Opens the app, checks its language, and opens a gallery example by clicking it, paused
 * before its first step and at 4× speed.
 */
export async function openStory(page: Page, lang: Lang, id: ExampleId): Promise<Story> {
  await page.goto('/');
  await expect(page.getByTestId('cluster')).toBeVisible();
  await expectLanguage(page, lang);
  // Slowest speed while opening: the first step waits long enough for Pause to land first.
  const speed = page.getByTestId('speed');
  await speed.selectOption('50');
  const button = page.getByTestId('gallery').locator(`[data-example="${id}"]`);
  await expect(button).toHaveText(EXAMPLES[id][lang]);
  await button.click();
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('pause')).toBeDisabled();
  // Back to the start, in case a step played before Pause landed (a very slow machine).
  await page.getByTestId('timeline').locator('[data-step="0"]').click();
  await speed.selectOption('400');
  await expect(speed).toHaveValue('400');
  const story = new Story(page, lang, id);
  await story.expectAt(0);
  await expect(page.getByTestId('play')).toBeEnabled();
  return story;
}
