"""Accessibility audit with axe-core (node_modules/axe-core) on every page, in the light and
the dark palette: no serious or critical violation, with every answer opened and every diagram
and formula drawn so that all of it is checked. Plus keyboard-only use of the answers, the
drill and the calculators."""

from __future__ import annotations

import pytest
from conftest import ROOT
from test_browser import nav_urls

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PALETTES = {"light": "light", "dark": "dark"}  # prefers-color-scheme -> Material's palette


def _pages() -> list[str]:
    import guide

    return nav_urls(guide.load_mkdocs_config(ROOT / "mkdocs.yml"))


# Closed questions are laid out only near the viewport (content-visibility: auto, guide.css).
# axe reads colours from what is rendered, so everything is rendered first, as it is for a
# reader who scrolls to it; otherwise the skipped answers report garbage backgrounds.
PREPARE = """async () => {
  const all = document.createElement('style');
  all.textContent = '.md-typeset details.question { content-visibility: visible !important; }';
  document.head.append(all);
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  if (window.GuideCalculators && window.GuideCalculators.buildAll)
    window.GuideCalculators.buildAll();
  if (window.guideDiagrams) await window.guideDiagrams.renderAll();
  if (window.guideMath) await window.guideMath.renderAll();
  if (window.guideCode) window.guideCode.highlightAll();
}"""

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': '
                  + (n.failureSummary || '').split('\\n').slice(1, 2).join(' ').trim())}));
}"""


def axe_violations(browser, base_url: str, path: str, scheme: str) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `python3 scripts/dev.py setup` (npm ci)")
    # bypass_csp: axe is injected as a script tag, which the site's own policy rightly blocks.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True,
                                  viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        expected = "slate" if scheme == "dark" else "default"
        actual = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert actual == expected, f"{path}: palette {actual!r}, wanted {expected!r}"
        page.evaluate(PREPARE)
        page.add_script_tag(path=str(AXE))
        return page.evaluate(RUN_AXE)
    finally:
        context.close()


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']} {v['id']} ({v['count']}x): {v['help']}\n    "
                     + "\n    ".join(v["nodes"]) for v in violations)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize("path", _pages())
def test_no_serious_or_critical_axe_violations(browser, base_url, path, scheme):
    violations = axe_violations(browser, base_url, path, scheme)
    assert not violations, f"{path or '(home)'} [{scheme}]:\n{describe(violations)}"


def test_axe_catches_a_real_violation(browser, tmp_path):
    """The audit is not vacuous: an image without alt text and unreadable text are found."""
    from site_server import serve

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
        '<img src="x.png"><p style="color:#eee;background:#fff">faint</p></main></body></html>')
    with serve(tmp_path) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        found = {v["id"] for v in page.evaluate(RUN_AXE)}
        context.close()
    assert {"image-alt", "color-contrast"} <= found, found


def _tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until `selector` has focus: proves it is reachable by keyboard alone."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    pytest.fail(f"{selector} is not reachable with Tab")


@pytest.mark.browser
def test_answers_open_by_keyboard(watched):
    watched.goto("scaling_laws/")
    page = watched.page
    first = "details.question > summary"
    # Start at the Interview Questions heading's permalink: the next Tab stop is the first answer.
    page.focus("#interview-questions a.headerlink")
    _tab_to(page, first, limit=10)
    page.keyboard.press("Enter")
    assert page.locator("details.question").first.evaluate("d => d.open")
    page.keyboard.press("Space")
    assert not page.locator("details.question").first.evaluate("d => d.open")


@pytest.mark.browser
def test_the_drill_runs_by_keyboard(watched):
    watched.goto("questions/")
    page = watched.page
    _tab_to(page, "#practice-drill-start")
    page.keyboard.press("Enter")
    assert page.locator(".practice-question").is_visible()
    page.keyboard.press("Space")  # reveal
    assert page.locator(".practice-answer").is_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-grade')")
    page.keyboard.press("3")  # good
    assert page.locator(".practice-progress").first.is_visible()
    assert not watched.problems(), watched.problems()


@pytest.mark.browser
def test_a_calculator_works_by_keyboard(watched):
    watched.goto("context_windows/")
    page = watched.page
    root = page.locator('.guide-calculator[data-calculator="kv-cache"]')
    root.scroll_into_view_if_needed()
    page.wait_for_selector('.guide-calculator[data-calculator="kv-cache"] form.guide-calc')
    before = root.locator("output").first.inner_text()
    # Start from the element before the form, then Tab into its first field and type.
    root.evaluate("r => { r.tabIndex = -1; r.focus(); }")
    _tab_to(page, '.guide-calculator[data-calculator="kv-cache"] input:not([type=checkbox])',
            limit=8)
    field = page.evaluate("() => document.activeElement.name")
    page.keyboard.press("Control+A")
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    after = root.locator("output").first.inner_text()
    assert after != before, f"changing {field} by keyboard did not update the result"
    assert not watched.problems(), watched.problems()
