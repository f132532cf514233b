// The shared launch options, for the TypeScript configs (the values live in chromium.mjs so
// that plain node scripts can use them too).
export { chromium, port, dist, baseURL } from './chromium.mjs';
