// Colour code blocks lazily. The build ships each block as plain text followed by an inert
// <template class="guide-highlight"> holding Pygments' markup (overrides/hooks/page_assets.py);
// a block gets its colours when it nears the viewport, so a long chapter does not style and
// lay out thousands of token spans on load. window.guideCode.highlightAll() does every block
// (printing, tests).
(function () {
  "use strict";
  function swap(template) {
    var code = template.previousElementSibling && template.previousElementSibling.querySelector("code");
    var coloured = template.content.firstElementChild;
    if (code && coloured) code.innerHTML = coloured.innerHTML;
    template.remove();
  }
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      var template = entry.target.querySelector("template.guide-highlight");
      if (template) swap(template);
    });
  }, { rootMargin: "1000px 0px" }) : null;

  function highlightAll() {
    document.querySelectorAll("template.guide-highlight").forEach(swap);
  }
  window.guideCode = { highlightAll: highlightAll };
  window.addEventListener("beforeprint", highlightAll);
  document.querySelectorAll("template.guide-highlight").forEach(function (template) {
    if (observer) observer.observe(template.parentElement); else swap(template);
  });
})();
