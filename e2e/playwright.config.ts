import { defineConfig } from '@playwright/test';
import { chromium, port, baseURL, dist } from './chromium';

export default defineConfig({
  testDir: './tests',
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: chromium,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node serve.mjs ${dist} ${port}`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 10_000,
  },
});
