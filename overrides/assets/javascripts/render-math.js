// Render pymdownx.arithmatex (generic mode) output with KaTeX, lazily: KaTeX (script, CSS,
// fonts) is fetched the first time a formula comes near the viewport, so a long page whose
// math sits below the fold or inside closed answers does not pay for it on first load.
// window.guideMath.renderAll() renders everything at once (tests, printing).
// Errors stay visible in the page as .katex-error and are logged, so the browser tests see them.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.getAttribute("data-katex") : "assets/vendor/katex/";
  var loading = null;

  function loadKatex() {
    if (window.katex) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (!document.querySelector('link[href$="katex.min.css"]')) {  // build-rendered pages have it
          var css = document.createElement("link");
          css.rel = "stylesheet";
          css.href = base + "katex.min.css";
          document.head.appendChild(css);
        }
        var js = document.createElement("script");
        js.src = base + "katex.min.js";
        js.onload = resolve;
        js.onerror = function () { reject(new Error("KaTeX failed to load from " + js.src)); };
        document.head.appendChild(js);
      });
    }
    return loading;
  }
  function strip(text, display) {
    text = text.trim();
    var open = display ? "\\[" : "\\(", close = display ? "\\]" : "\\)";
    if (text.startsWith(open) && text.endsWith(close)) return text.slice(2, -2);
    return text.replace(/^\$\$?|\$\$?$/g, "");
  }
  function render(el) {
    if (el.dataset.rendered) return;
    var display = el.tagName === "DIV";
    var tex = strip(el.textContent, display);
    try {
      katex.render(tex, el, { displayMode: display, throwOnError: true, strict: "warn" });
    } catch (err) {
      console.error("KaTeX: " + err.message + " in: " + tex);
      katex.render(tex, el, { displayMode: display, throwOnError: false });
    }
    el.dataset.rendered = "1";
    focusableIfScrolling(el);
  }
  // A display formula wider than the column scrolls sideways: let keyboard users scroll it
  // too (WCAG 2.1.1; axe's scrollable-region-focusable).
  function focusableIfScrolling(el) {
    if (el.tagName !== "DIV") return;
    // Measure again once KaTeX's fonts are in: the fallback font can be narrower.
    if (document.fonts && document.fonts.status !== "loaded") {
      document.fonts.ready.then(function () { focusableIfScrolling(el); });
    }
    if (el.scrollWidth > el.clientWidth + 1 && el.tabIndex !== 0) {
      el.tabIndex = 0;
      el.setAttribute("role", "group");
      el.setAttribute("aria-label", "formula, scrolls sideways");
    }
  }
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      if (entry.target.dataset.rendered) { focusableIfScrolling(entry.target); return; }
      loadKatex().then(function () { render(entry.target); }, function (e) { console.error(e.message); });
    });
  }, { rootMargin: "200px 0px" }) : null;

  function scan(root) {
    (root || document).querySelectorAll('div.arithmatex[data-rendered="build"]').forEach(function (el) {
      if (observer) observer.observe(el); else focusableIfScrolling(el);
    });
    (root || document).querySelectorAll(".arithmatex:not([data-rendered])").forEach(function (el) {
      if (observer) observer.observe(el);
      else loadKatex().then(function () { render(el); });
    });
  }
  function renderAll(root) {
    return loadKatex().then(function () {
      (root || document).querySelectorAll(".arithmatex").forEach(function (el) {
        if (el.dataset.rendered) focusableIfScrolling(el); else render(el);
      });
      return document.fonts ? document.fonts.ready : null;
    });
  }
  window.guideMath = { scan: scan, renderAll: renderAll };
  window.addEventListener("beforeprint", function () { renderAll(); });
  if (typeof document$ !== "undefined") {
    document$.subscribe(function (doc) { scan(doc.body || document.body); });
  } else {
    scan(document);
  }
})();
