// The browser benchmark (`npm run perf`, or `scripts/perf.sh` from the repo root): the same
// Chromium and release build as the tests, one worker so that measurements do not compete
// for the CPU, and timeouts generous enough for repeated runs on a slow machine.
import { defineConfig } from '@playwright/test';
import { chromium, port, baseURL, dist } from './chromium';

export default defineConfig({
  testDir: './perf',
  globalSetup: './perf/global-setup.ts',
  globalTeardown: './perf/global-teardown.ts',
  forbidOnly: true,
  retries: 0,
  workers: 1,
  fullyParallel: false,
  timeout: 1_200_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: chromium,
    actionTimeout: 60_000,
    trace: 'off',
  },
  webServer: {
    command: `node serve.mjs ${dist} ${port}`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 10_000,
  },
});
