"""The built site in headless Chromium, served on localhost."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import guide
import pytest
from conftest import ROOT
from site_checks import RENDERED_DIAGRAMS, page_problems

pytestmark = pytest.mark.browser


def nav_urls(config) -> list[str]:
    return [guide.page_url(e.file) for e in guide.nav_entries(config)]


def _all_nav_pages():
    # The print edition has its own gate (tests/test_print_edition.py).
    return [u for u in nav_urls(guide.load_mkdocs_config(ROOT / "mkdocs.yml")) if u != "print/"]


def test_overview_diagram_renders(watched):
    watched.goto("")
    result = watched.page.evaluate(RENDERED_DIAGRAMS)
    assert result["count"] == 1 and result["pending"] == 0 and result["errors"] == [None], result
    (figure,) = result["figures"]
    assert figure["width"] > 100 and figure["height"] > 100, result
    assert figure["title"] and figure["desc"], "the SVG lost its accTitle/accDescr"
    assert not watched.problems(), watched.problems()


def test_formulas_render_without_errors(watched):
    watched.goto("prerequisites/")
    watched.page.wait_for_selector(".arithmatex .katex", state="attached")
    watched.page.evaluate("() => window.guideMath.renderAll()")
    counts = watched.page.evaluate("""() => ({
        math: document.querySelectorAll('.arithmatex').length,
        rendered: document.querySelectorAll('.arithmatex .katex').length,
        errors: document.querySelectorAll('.katex-error').length})""")
    assert counts["math"] > 20 and counts["rendered"] == counts["math"], counts
    assert counts["errors"] == 0, counts
    assert not watched.problems(), watched.problems()


def search(watched, query: str) -> list[str]:
    box = watched.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    watched.page.wait_for_selector(".md-search-result__item a", timeout=10000)
    # Results re-render as each key arrives: wait until the list for the whole query settles.
    previous, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:
        hrefs = watched.page.eval_on_selector_all(
            ".md-search-result__item > a", "els => els.map(e => e.href)")
        if hrefs and hrefs == previous:
            break
        previous = hrefs
        watched.page.wait_for_timeout(300)
    return [urlsplit(h).path.removeprefix("/") for h in hrefs]


def test_search_for_chinchilla_lists_the_scaling_laws_chapter(watched):
    watched.goto("")
    hrefs = search(watched, "Chinchilla")
    assert "scaling_laws/" in hrefs, hrefs


@pytest.mark.parametrize(("term", "page"), [
    ("KV-cache", "context_windows/"), ("int8", "quantization/"), ("pass@k", "llm_evaluation/"),
    ("4-bit", "fine_tuning/full_finetune_vs_peft/"), ("GPT-4", ""),
    ("Llama-2-70B", "context_windows/"),
])
def test_technical_terms_are_findable(watched, term, page):
    watched.goto("")
    hrefs = search(watched, term)
    assert page in hrefs, (term, hrefs)


def test_next_and_previous_walk_the_study_order(watched, config):
    expected = nav_urls(config)
    watched.goto("")
    seen = [""]
    while watched.page.locator("a.md-footer__link--next").count():
        watched.page.locator("a.md-footer__link--next").click()
        watched.page.wait_for_load_state("load")
        seen.append(watched.page.url.removeprefix(watched.base_url))
    assert seen == expected
    back = [seen[-1]]
    while watched.page.locator("a.md-footer__link--prev").count():
        watched.page.locator("a.md-footer__link--prev").click()
        watched.page.wait_for_load_state("load")
        back.append(watched.page.url.removeprefix(watched.base_url))
    assert back == expected[::-1]
    assert not watched.problems(), watched.problems()


def test_palette_toggle_switches_and_persists(watched):
    watched.goto("prerequisites/")
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    start = watched.page.evaluate(scheme)
    seen = [start]
    for _ in range(3):
        watched.page.locator("form[data-guide-palette] label:visible").first.click()
        seen.append(watched.page.evaluate(scheme))
        if seen[-1] == "slate":
            break
    assert "slate" in seen and "default" in seen, seen
    watched.page.reload(wait_until="load")
    assert watched.page.evaluate(scheme) == "slate", "the chosen palette did not persist"
    watched.page.wait_for_selector(".arithmatex .katex", state="attached")
    # Math and diagrams stay readable in dark mode: text takes the palette's foreground colour.
    colour = watched.page.evaluate(
        "() => getComputedStyle(document.querySelector('.arithmatex .katex')).color")
    assert colour != "rgb(0, 0, 0)", colour


@pytest.mark.parametrize("path", _all_nav_pages())
def test_page_is_clean(watched, path):
    """Every page: diagrams parse and render, math has no errors, answers open, and the browser
    saw no console error, no page error and no request to another host."""
    problems = page_problems(watched, path)
    assert not problems, "\n".join(problems)
