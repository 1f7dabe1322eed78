"""What the browser gates check on one page, as a function, so the same code runs against the
real site (expecting nothing) and against broken fixture sites (expecting a precise report)."""

from __future__ import annotations

RENDERED_DIAGRAMS = """async () => {
  // Material swaps each <pre class="mermaid"> for a <div class="mermaid"> holding a closed
  // shadow root: wait for the swap, then measure what was drawn.
  const deadline = Date.now() + 10000;
  // Stop early on an uncaught error (the init script in conftest records them).
  while (document.querySelector("pre.mermaid") && Date.now() < deadline
         && !(window.__uncaught || []).length)
    await new Promise(r => setTimeout(r, 100));
  return {
    pending: document.querySelectorAll("pre.mermaid").length,
    sizes: [...document.querySelectorAll("div.mermaid")].map(d => {
      const r = d.getBoundingClientRect(); return [r.width, r.height];
    }),
  };
}"""

PARSE_DIAGRAMS = """async () => {
  // Re-read the page's own HTML for the diagram sources and ask mermaid's parser about each.
  const html = await (await fetch(location.href)).text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  const results = [];
  for (const code of doc.querySelectorAll("pre.mermaid code")) {
    try { await window.mermaid.parse(code.textContent); results.push(null); }
    catch (e) { results.push(String(e.message || e).split("\\n").slice(0, 3).join(" ")); }
  }
  return results;
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
    if diagrams["sizes"] or diagrams["pending"]:
        parsed = page.evaluate(PARSE_DIAGRAMS) if page.evaluate("() => !!window.mermaid") \
            else ["mermaid did not load"]
        problems += [f"{label}: diagram {i + 1} does not parse: {e}"
                     for i, e in enumerate(parsed) if e]
    if diagrams["pending"]:
        problems.append(f"{label}: {diagrams['pending']} diagram(s) left unrendered")
    problems += [f"{label}: diagram {i + 1} rendered at zero size"
                 for i, (w, h) in enumerate(diagrams["sizes"]) if not (w > 0 and h > 0)]
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
