// Prints the results file, which the specs filled in.
import type { FullConfig } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { resultsFile } from './lib';

export default function globalTeardown(config: FullConfig) {
  const file = resultsFile(config.configFile);
  if (!existsSync(file)) return;
  process.stdout.write(`\n${readFileSync(file, 'utf8')}\n(written to ${file})\n`);
}
