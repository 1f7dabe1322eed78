"""The print/PDF edition: every chapter in study order on one page, answers expanded, diagrams
and math rendered, links inside the page, printed to PDF by Chromium."""

from __future__ import annotations

import io
import re

import guide
import pytest
from site_checks import RENDERED_DIAGRAMS, page_problems

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def printed(browser, base_url):
    from conftest import open_watched

    watched, context = open_watched(browser, base_url)
    problems = page_problems(watched, "print/")  # renders every formula and diagram
    page = watched.page
    page.evaluate(RENDERED_DIAGRAMS)
    pdf = page.pdf(format="A4", print_background=False)
    yield watched, problems, pdf
    context.close()


def test_the_print_page_renders_cleanly(printed):
    watched, problems, _ = printed
    assert problems == []
    counts = watched.page.evaluate("""() => ({
      closed: document.querySelectorAll('details:not([open])').length,
      answers: document.querySelectorAll('details.question').length,
      diagrams: document.querySelectorAll('.guide-diagram__figure svg').length,
      pending: document.querySelectorAll('pre.guide-diagram:not([data-rendered])').length})""")
    assert counts["closed"] == 0 and counts["answers"] > 150
    assert counts["diagrams"] >= 20 and counts["pending"] == 0


def test_every_chapter_is_there_in_study_order_with_a_table_of_contents(printed, config):
    watched, _, _ = printed
    included = [e for e in guide.nav_entries(config) if e.file not in guide.GENERATED_PAGES]
    titles = watched.page.eval_on_selector_all(".print-section__title",
                                               "els => els.map(e => e.textContent)")
    assert titles == [e.title for e in included]
    toc = watched.page.eval_on_selector_all(".print-toc a", "els => els.map(e => e.textContent)")
    assert toc == titles


def test_links_inside_the_edition_resolve_inside_the_page(printed):
    watched, _, _ = printed
    broken = watched.page.evaluate("""() => [...document.querySelectorAll(
        '.md-content a[href^="#"]')].map(a => a.getAttribute('href').slice(1))
        .filter(id => id && !document.getElementById(decodeURIComponent(id)))""")
    assert broken == []
    between = watched.page.evaluate("""() => document.querySelectorAll(
        '.print-section a[href^="#"]:not(.headerlink)').length""")
    assert between > 50  # cross-chapter links became in-page anchors


def test_the_pdf_holds_every_chapter_title(printed, chapters):
    from pypdf import PdfReader

    _, _, pdf = printed
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 100
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))
    for chapter in chapters:
        assert chapter.title in text, chapter.title


@pytest.mark.browser
def test_the_print_button_draws_everything_before_printing(watched):
    watched.goto("print/")
    page = watched.page
    button = page.locator("#print-edition-print")
    assert button.is_visible()
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    button.click()
    page.wait_for_function("() => window.__printed === true", timeout=120000)
    left = page.evaluate("""() => ({
      diagrams: document.querySelectorAll('pre.guide-diagram:not([data-rendered])').length,
      formulas: [...document.querySelectorAll('.arithmatex')]
        .filter(e => !e.querySelector('.katex')).length,
      code: document.querySelectorAll('template.guide-highlight').length})""")
    assert left == {"diagrams": 0, "formulas": 0, "code": 0}, left
    assert not watched.problems(), watched.problems()
