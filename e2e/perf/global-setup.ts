// Starts a fresh results file with what was measured on what.
import type { FullConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve, dirname } from 'node:path';
import { chromium, dist } from '../chromium';
import { resultsFile } from './lib';

export default function globalSetup(config: FullConfig) {
  let browser = 'unknown';
  try {
    browser = execFileSync(chromium.executablePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* reported as unknown */
  }
  const meta = {
    date: new Date().toISOString(),
    browser: `${browser} (headless, ${chromium.args.join(' ')})`,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    dist: resolve(config.configFile ? dirname(config.configFile) : process.cwd(), dist),
    loadAverage1mAtStart: Math.round(loadavg()[0] * 100) / 100,
    note: 'noisy shared machine: compare medians and ratios within one run; see BENCHMARKS.md',
  };
  writeFileSync(resultsFile(config.configFile), JSON.stringify({ meta }, null, 2) + '\n');
}
