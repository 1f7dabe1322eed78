// Switching the light/dark/system palette (the initial palette is applied inline while the
// header is parsed: partials/javascripts/palette.html). Replaces Material's palette component,
// which restyled the whole document several times at every page load.
(function () {
  "use strict";
  var g = window.guidePalette;
  if (!g) return;

  var themeColor = document.createElement("meta");
  themeColor.name = "theme-color";
  document.head.appendChild(themeColor);
  // The browser's toolbar colour follows the header's; read when the style is already computed.
  function updateThemeColor() {
    var header = document.querySelector("[data-md-component=header]");
    var rgb = header && getComputedStyle(header).backgroundColor.match(/\d+/g);
    if (rgb) themeColor.content = "#" + rgb.slice(0, 3).map(function (v) {
      return (+v).toString(16).padStart(2, "0");
    }).join("");
  }

  function choose(index) {
    g.index = index;
    var p = g.palette(index);
    // Material's CSS turns transitions off while this attribute is present, so the switch is instant.
    document.body.setAttribute("data-md-color-switching", "");
    g.apply(p);
    __md_set("__palette", p);
    updateThemeColor();
    setTimeout(function () { document.body.removeAttribute("data-md-color-switching"); });
  }

  g.inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { if (input.checked) choose(i); });
  });
  // Enter on the focused (visually hidden) radio moves to the next palette, as in Material.
  g.form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = (g.index + 1) % g.inputs.length;
    g.inputs[next].click();
    g.inputs[next].focus();
  });
  // The "system" palette follows the operating system when it changes.
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
    if (g.palette(g.index).color.media === "(prefers-color-scheme)") choose(g.index);
  });

  if ("requestIdleCallback" in window) requestIdleCallback(updateThemeColor, { timeout: 3000 });
  else setTimeout(updateThemeColor, 1000);
})();
