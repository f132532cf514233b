// Shared by the benchmark's specs: statistics, the results file, and a real paste.
import { expect, type Page, type TestInfo } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';

/** Where the results go: `e2e/perf-results.json`, beside the config. */
export function resultsFile(configFile: string | undefined): string {
  return join(configFile ? dirname(configFile) : process.cwd(), 'perf-results.json');
}

/** `x` rounded to `digits` decimals. */
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Merges one section into the results file (one worker: the specs run one after another),
 * with the machine's load average (1 min) when the section started and ended: other work on
 * the machine shows up there, and in the figures.
 */
export function record(info: TestInfo, section: string, value: object, loadAtStart: number) {
  const file = resultsFile(info.config.configFile);
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  results[section] = { ...value, loadAverage1m: { start: round(loadAtStart, 2), end: round(loadavg()[0], 2) } };
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

/** The 1-minute load average now (see `record`). */
export const load = () => loadavg()[0];

/** The q-quantile (0..1) of `values`, by linear interpolation between closest ranks. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export const median = (values: number[]) => quantile(values, 0.5);

/** Median, p90, min and max, rounded to 0.1. */
export function stats(values: number[]) {
  return {
    n: values.length,
    median: round(median(values)),
    p90: round(quantile(values, 0.9)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  };
}

/**
 * Opens the app, not playing (`#play=0`: the default example would otherwise play its steps,
 * and a pasted text keeps the step it was at and goes on playing), and waits for the picture.
 */
export async function openApp(page: Page) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#play=0');
  await expect(page.getByTestId('cluster')).toBeVisible();
}

/**
 * Puts `text` on the clipboard and selects everything in the editor (outside any measurement),
 * and returns the paste itself, to call when measuring: Ctrl+V, a trusted paste, so Chromium
 * inserts the text and fires one `input` event (`insertFromPaste`), exactly as for a user.
 * (`locator.fill` is not used: Chromium's insertText fires an input event per line of a
 * multi-line text, ~2,000 for the microservices-demo file, which is not what a paste does.)
 * Where the clipboard is unavailable, the paste sets the value and dispatches one `input`
 * event, which the app handles the same way. The paste returns the method used.
 */
export async function preparePaste(page: Page, text: string): Promise<() => Promise<string>> {
  const editor = page.getByTestId('manifest-input');
  let clipboard = false;
  try {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    clipboard = (await page.evaluate(() => navigator.clipboard.readText())) === text;
  } catch {
    clipboard = false;
  }
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  return async () => {
    if (clipboard) {
      await page.keyboard.press('ControlOrMeta+V');
    } else {
      await editor.evaluate((area: HTMLTextAreaElement, t) => {
        area.value = t;
        area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      }, text);
    }
    expect(await editor.inputValue()).toBe(text);
    return clipboard ? 'clipboard paste (Ctrl+V): one trusted input event' : 'value set + one input event';
  };
}

/** Pastes `text` (see `preparePaste`). */
export async function paste(page: Page, text: string): Promise<string> {
  return (await preparePaste(page, text))();
}

/** Pods drawn in the picture, without the fading ghosts of pods a change removed. */
export const LIVE_PODS = '[data-testid=cluster] [data-kind=Pod]:not(.kg-ghosts *)';

/** Waits until the motion of the last change has ended (no ghosts, no packets) and a bit more. */
export async function settle(page: Page, extraMs = 400) {
  await page.waitForFunction(
    () => !document.querySelector('.kg-ghosts') && !document.querySelector('[data-testid=packet]'),
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(extraMs);
}
