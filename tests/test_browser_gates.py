"""The browser gates fail loudly on a broken diagram or formula, naming the page."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import mkdocs_env, open_watched
from fixture_project import complete_chapter, make_project
from site_checks import page_problems
from site_server import serve

pytestmark = pytest.mark.browser

NAV = [{"Home": "index.md"}, {"1. Fixture Chapter": "a.md"}]


def build_fixture(tmp_path, extra_body: str):
    config = make_project(tmp_path, {"index.md": "# Home\n\nHello.\n",
                                     "a.md": complete_chapter(extra_body=extra_body)}, NAV)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-f", str(config)], capture_output=True, text=True, timeout=120,
                          env=mkdocs_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return tmp_path / "site"


def problems_of(browser, site, path: str) -> list[str]:
    with serve(site) as base_url:
        watched, context = open_watched(browser, base_url)
        try:
            return page_problems(watched, path)
        finally:
            context.close()


def test_a_clean_fixture_page_has_no_problems(tmp_path, browser):
    site = build_fixture(tmp_path, "")
    assert problems_of(browser, site, "a/") == []


def test_an_invalid_mermaid_diagram_is_reported(tmp_path, browser):
    broken = "\n```mermaid\nflowchart LR\n  A --> --> B[unclosed\n```\n"
    site = build_fixture(tmp_path, broken)
    problems = problems_of(browser, site, "a/")
    assert any(p.startswith("a/: diagram 3 does not parse:") for p in problems), problems
    assert all(p.startswith("a/: ") for p in problems)


def test_a_diagram_without_a_text_alternative_is_reported(tmp_path, browser):
    site = build_fixture(tmp_path, "\n```mermaid\nflowchart LR\n  X --> Y\n```\n")
    problems = problems_of(browser, site, "a/")
    assert problems == ["a/: diagram 3 has no text alternative (accTitle and accDescr)"]


def test_a_latex_error_in_the_opening_fails_the_build(tmp_path):
    """The opening's formulas are typeset at build time: a broken one stops the build."""
    chapter = complete_chapter(extra_body="\nBroken: $\\frac{1}{$.\n")
    config = make_project(tmp_path, {"index.md": "# Home\n\nHello.\n", "a.md": chapter}, NAV)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-f", str(config)], capture_output=True, text=True, timeout=120,
                          env=mkdocs_env())
    assert proc.returncode != 0
    assert "docs/a.md: KaTeX parse error" in proc.stdout + proc.stderr
    assert "'\\\\frac{1}{'" in proc.stdout + proc.stderr and "Traceback" not in proc.stderr


def test_a_latex_error_further_down_is_reported(tmp_path, browser):
    # Past the opening (page_assets.OPENING_TEXT_CHARS), KaTeX runs in the browser.
    filler = "\n\n".join(["Filler prose for the opening of the page. " * 12] * 8)
    site = build_fixture(tmp_path, f"\n{filler}\n\nA broken formula: $\\frac{{1}}{{$.\n")
    problems = problems_of(browser, site, "a/")
    assert any(p.startswith("a/: formula error:") for p in problems), problems
    assert any("console error: KaTeX:" in p for p in problems), problems
