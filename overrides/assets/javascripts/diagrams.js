// Draw Mermaid diagrams lazily, from the site's own copy of mermaid.
//
// The build leaves each diagram as <pre class="guide-diagram"><code>source</code></pre>, so a
// reader without JavaScript sees the source. Mermaid (about 300 KB gzip plus its diagram
// chunks) is imported the first time a diagram comes near the viewport; each diagram is drawn
// into an open <figure> next to its source, whose SVG carries the diagram's accTitle/accDescr
// as <title>/<desc> for screen readers. Switching the light/dark palette redraws.
// window.guideDiagrams.renderAll() draws everything at once (printing, tests).
(function () {
  "use strict";
  var script = document.currentScript;
  var source = new URL(script.getAttribute("data-mermaid"), document.baseURI).href;
  var loading = null;
  var queue = Promise.resolve();
  var counter = 0;

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }
  function load() {
    if (!loading) {
      loading = import(source).then(function (module) {
        window.mermaid = module.default;
        return module.default;
      });
    }
    return loading;
  }
  function configure(mermaid) {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: dark() ? "dark" : "default",
      fontFamily: "inherit",
      // The dark theme's edge labels are #ccc on #585858 (4.43:1, under WCAG AA's 4.5:1).
      themeCSS: dark() ? ".labelBkg, .edgeLabel { background-color: #3a3d47 !important; }" +
        " .edgeLabel p, .edgeLabel span { color: #e8e8e8 !important; }" : "",
    });
  }
  // mermaid.render is not re-entrant: draw one diagram at a time.
  function draw(pre) {
    queue = queue.then(function () {
      return load().then(function (mermaid) {
        configure(mermaid);
        var id = "guide-diagram-" + (++counter);
        var text = pre.querySelector("code").textContent;
        return mermaid.render(id, text).then(function (result) {
          var figure = pre.nextElementSibling;
          if (!figure || !figure.classList.contains("guide-diagram__figure")) {
            figure = document.createElement("figure");
            figure.className = "guide-diagram__figure";
            pre.after(figure);
          }
          figure.innerHTML = result.svg;
          pre.hidden = true;
          pre.setAttribute("data-rendered", dark() ? "dark" : "light");
        }, function (error) {
          pre.setAttribute("data-error", String(error && error.message || error));
          console.error("Mermaid: " + (error && error.message || error));
          var stray = document.getElementById("d" + id);
          if (stray) stray.remove();  // mermaid leaves its scratch element behind on errors
        });
      });
    });
    return queue;
  }
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      draw(entry.target);
    });
  }, { rootMargin: "200px 0px" }) : null;

  function all() { return document.querySelectorAll("pre.guide-diagram"); }
  function renderAll() {
    Array.prototype.forEach.call(all(), function (pre) {
      if (!pre.hasAttribute("data-rendered")) {
        if (observer) observer.unobserve(pre);
        draw(pre);
      }
    });
    return queue;
  }
  function redraw() {
    var scheme = dark() ? "dark" : "light";
    Array.prototype.forEach.call(all(), function (pre) {
      var drawn = pre.getAttribute("data-rendered");
      if (drawn && drawn !== scheme) draw(pre);
    });
  }

  window.guideDiagrams = { renderAll: renderAll, load: load };
  Array.prototype.forEach.call(all(), function (pre) {
    if (observer) observer.observe(pre); else draw(pre);
  });
  new MutationObserver(redraw).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"],
  });
  window.addEventListener("beforeprint", renderAll);
})();
