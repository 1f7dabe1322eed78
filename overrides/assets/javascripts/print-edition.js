// The print edition's button: draw every lazily drawn thing (diagrams, formulas, code colours),
// then open the print dialog, so the printout never shows a diagram's source instead of it.
(function () {
  "use strict";
  var button = document.getElementById("print-edition-print");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    if (window.guideCode) window.guideCode.highlightAll();
    Promise.all([
      window.guideDiagrams ? window.guideDiagrams.renderAll() : null,
      window.guideMath ? window.guideMath.renderAll() : null,
    ]).then(function () { window.print(); }, function (error) {
      console.error("Print edition: " + (error && error.message || error));
    }).finally(function () { button.disabled = false; });
  });
})();
