"""What the browser gates check on one page, as a function, so the same code runs against the
real site (expecting nothing) and against broken fixture sites (expecting a precise report)."""

from __future__ import annotations

RENDERED_DIAGRAMS = """async () => {
  // diagrams.js draws lazily; draw everything, then measure each figure and read its SVG.
  const pres = [...document.querySelectorAll("pre.guide-diagram")];
  if (!pres.length) return {count: 0};
  if (!window.guideDiagrams) return {count: pres.length, missing: true};
  await Promise.race([window.guideDiagrams.renderAll(),
                      new Promise(r => setTimeout(r, 20000))]);
  return {
    count: pres.length,
    errors: pres.map(p => p.getAttribute("data-error")),
    pending: pres.filter(p => !p.hasAttribute("data-rendered")
                             && !p.hasAttribute("data-error")).length,
    figures: pres.map(p => {
      const f = p.nextElementSibling;
      if (!f || !f.classList.contains("guide-diagram__figure")) return null;
      const svg = f.querySelector("svg"), r = f.getBoundingClientRect();
      return {width: r.width, height: r.height,
              title: (svg && svg.querySelector("title") || {}).textContent || "",
              desc: (svg && svg.querySelector("desc") || {}).textContent || ""};
    }),
  };
}"""

KATEX_ERRORS = """() => [...document.querySelectorAll('.katex-error')].map(
  e => (e.getAttribute('title') || e.textContent).slice(0, 200))"""


def page_problems(watched, path: str) -> list[str]:
    """Everything wrong with one page, each message prefixed with the page's path."""
    watched.goto(path)
    page = watched.page
    label = path or "(home)"
    problems: list[str] = []
    diagrams = page.evaluate(RENDERED_DIAGRAMS)
    if diagrams.get("missing"):
        problems.append(f"{label}: {diagrams['count']} diagram(s) but no diagram renderer")
    elif diagrams["count"]:
        for i, (error, figure) in enumerate(zip(diagrams["errors"], diagrams["figures"],
                                                       strict=True), 1):
            if error:
                problems.append(f"{label}: diagram {i} does not parse: "
                                + " ".join(error.split("\n")[:3]))
            elif figure is None:
                problems.append(f"{label}: diagram {i} was left unrendered")
            elif not (figure["width"] > 0 and figure["height"] > 0):
                problems.append(f"{label}: diagram {i} rendered at zero size")
            elif not (figure["title"].strip() and figure["desc"].strip()):
                problems.append(f"{label}: diagram {i} has no text alternative "
                                "(accTitle and accDescr)")
    if page.locator(".arithmatex").count():
        # KaTeX renders lazily near the viewport; render everything to check every formula.
        try:
            page.evaluate("() => window.guideMath.renderAll()")
            unrendered = page.evaluate("() => [...document.querySelectorAll('.arithmatex')]"
                                       ".filter(e => !e.querySelector('.katex, .katex-error'))"
                                       ".length")
            if unrendered:
                problems.append(f"{label}: {unrendered} formula(s) not rendered")
        except Exception as exc:
            problems.append(f"{label}: math was not rendered (KaTeX did not run): {exc}")
    problems += [f"{label}: formula error: {e}" for e in page.evaluate(KATEX_ERRORS)]
    for index, details in enumerate(page.locator("details.question").all(), start=1):
        if details.evaluate("d => d.open"):  # expanded already (the print edition)
            continue
        details.locator("summary").click()
        if not details.evaluate("d => d.open"):
            problems.append(f"{label}: interview answer {index} does not open")
    problems += [f"{label}: {p}" for p in watched.problems()]
    return problems
