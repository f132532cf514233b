// Launch options shared by the tests, the perf run and the screenshot script: Debian's
// Chromium, never a downloaded one, with the background networking that this machine's
// closed network refuses turned off.
export const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

// Parallel runs (several checkouts, or a perf run beside the tests) pick their own port and
// build directory.
export const port = Number(process.env.KUBEGLASS_PORT ?? 4173);
export const dist = process.env.KUBEGLASS_DIST ?? '../dist';
export const baseURL = `http://127.0.0.1:${port}`;
