// kubeglass's service worker: after one visit the app opens with no network at all.
// scripts/site.sh writes VERSION (a hash of every file of the build) and FILES (the app
// shell). Trunk's hashed file names, and a cache named after the build, keep an old page's
// files together: a page never mixes an old script with a new wasm.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `kubeglass-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

// A new build takes over as soon as it is cached; the caches of older builds go.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('kubeglass-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// Cache first, for this origin's GETs only. Every page of the app is index.html: the story is
// in the fragment, which never reaches here.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const page = request.mode === 'navigate' ? new URL('./', self.registration.scope).href : null;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(page ?? request, { ignoreSearch: page !== null }).then((hit) => hit ?? fetch(request)),
    ),
  );
});
