// Register the offline service worker (sw.js at the site root, written by
// overrides/hooks/offline.py) once the reader interacts with the page, or 15 s after load, so
// the download of the whole guide never competes with a first visit.
// window.guideOffline.ready() resolves when the guide is kept for offline reading.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  var root = new URL("../../", document.currentScript.src);  // assets/javascripts/ -> root
  var started = null;
  function register() {
    if (!started) {
      started = navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href })
        .then(function () { return navigator.serviceWorker.ready; })
        .catch(function (error) { console.warn("Offline copy unavailable: " + error.message); });
    }
    return started;
  }
  window.guideOffline = { ready: register };
  if (navigator.serviceWorker.controller) { register(); return; }  // installed on a past visit
  ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (type) {
    addEventListener(type, register, { once: true, passive: true });
  });
  addEventListener("load", function () { setTimeout(register, 15000); });
})();
