// Render pymdownx.arithmatex (generic mode) output with KaTeX, on first load and after
// every page change Material makes. Errors stay visible in the page as .katex-error and
// are logged, so the browser tests catch them.
(function () {
  "use strict";
  function strip(text, display) {
    text = text.trim();
    var open = display ? "\\[" : "\\(", close = display ? "\\]" : "\\)";
    if (text.startsWith(open) && text.endsWith(close)) {
      return text.slice(2, -2);
    }
    return text.replace(/^\$\$?|\$\$?$/g, "");
  }
  function renderAll(root) {
    root.querySelectorAll(".arithmatex").forEach(function (el) {
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
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(function (doc) { renderAll(doc.body || document.body); });
  } else {
    renderAll(document.body);
  }
})();
