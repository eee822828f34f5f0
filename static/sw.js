// cidrplan's service worker: after the first visit every tool works offline, and repeat visits
// take the wasm, JS and CSS from the cache instead of the network.
//
// - One cache per build, `cidrplan-<BUILD>`. `cargo xtask dist` stamps BUILD with the build's
//   id, so each deploy ships a different sw.js, which the browser installs on the next load.
// - Install: the page of this build (index.html) and every file of the build (FILES: the
//   loader, every tool's module, the CSS, the icons) go into this build's cache together, so
//   every tool works offline, from one whole build, never a mixture.
// - Activate: caches of other builds are deleted.
// - Navigations are network-first (a new deploy shows at once; offline, the cached page of
//   this build). Other files of this origin are cache-first: their names carry a content
//   hash, so a cached file is never stale. Files of another build are fetched, not cached.

const BUILD = 'dev';
const CACHE = `cidrplan-${BUILD}`;
// Every file of the build (the loader, each tool's module, the CSS, the icons), stamped by
// `cargo xtask dist`: tools load on demand, so the page does not name them all. `null` (trunk
// serve): the files the page names.
const FILES = null;

/** The same-origin files a page names in href= or src= (trunk writes `./name`, unquoted). */
function assetsOf(html) {
  const urls = [...html.matchAll(/\b(?:href|src)=["']?(\.\/[^"'\s>]+)/g)].map((m) => m[1]);
  return [...new Set(urls)];
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch('./', { cache: 'no-cache' });
      if (!page.ok) throw new Error(`index.html: HTTP ${page.status}`);
      const html = await page.clone().text();
      const files = FILES ?? ['./manifest.webmanifest', './icon.svg', ...assetsOf(html)];
      await cache.addAll(files.filter((u, i, all) => all.indexOf(u) === i));
      await cache.put('./', page);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('cidrplan-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match('./', { cacheName: CACHE, ignoreVary: true })) ?? Response.error()),
    );
    return;
  }
  event.respondWith(
    (async () => (await caches.match(request, { cacheName: CACHE, ignoreVary: true, ignoreSearch: true })) ?? fetch(request))(),
  );
});
