// The guide's service worker. overrides/hooks/offline.py writes it to the site root as sw.js,
// filling in VERSION (a hash of what it keeps) and PRECACHE (site-relative URLs).
"use strict";
var VERSION = "__VERSION__";
var PRECACHE = [/* __PRECACHE__ */];
var CACHE = "guide-" + VERSION;

function absolute(url) { return new URL(url, self.registration.scope).href; }

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(PRECACHE.map(absolute));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("guide-") === 0 && n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromCache(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: request.mode === "navigate" });
  });
}
function keep(request, response) {
  if (response && response.ok && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages: the network when it answers (fresh content), else the kept copy, else 404.html.
    event.respondWith(fetch(request).then(function (response) {
      return keep(request, response);
    }).catch(function () {
      return fromCache(request).then(function (hit) {
        return hit || fromCache(new Request(absolute("404.html")));
      });
    }));
    return;
  }
  // Everything else: the kept copy at once, refreshed in the background when online.
  event.respondWith(fromCache(request).then(function (hit) {
    var network = fetch(request).then(function (response) { return keep(request, response); },
                                      function (error) { if (hit) return hit; throw error; });
    return hit || network;
  }));
});
