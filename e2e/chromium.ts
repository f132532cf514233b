// Launch options shared by the test and perf configs: Debian's Chromium, never a downloaded one,
// with the background networking that this machine's closed network refuses turned off.
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

export const port = 4173;
export const baseURL = `http://127.0.0.1:${port}`;
