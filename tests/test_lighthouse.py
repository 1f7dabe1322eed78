"""Lighthouse budgets on every nav page, mobile and desktop (scripts/audit_lighthouse.py):
performance >= 95, accessibility = 100, best practices = 100, SEO >= 95.

Takes several minutes: deselect locally with `-m "not lighthouse"` (refused when CI is set).

One exemption: the print edition's performance. It is the whole guide in one document
(2.7 MB, 590 KB gzipped) made to be printed, and Lighthouse's mobile preset fetches it over a
simulated 1.6 Mbit/s link, so its first paint cannot come before about 3 s whatever the page
does (desktop: parsing and laying out the whole book blocks the main thread for longer than the
budget allows). Its score is printed with the others on every run and its other three budgets
are enforced like everywhere else (audit_lighthouse.PERFORMANCE_EXEMPT)."""

from __future__ import annotations

import audit_lighthouse as lh
import pytest

pytestmark = pytest.mark.lighthouse


@pytest.fixture(scope="module")
def results(site):
    return lh.audit_site(site, lh.nav_pages())


def test_every_page_and_preset_was_audited(results):
    assert len(results) == 2 * len(lh.nav_pages())
    assert {r.page for r in results} >= lh.PERFORMANCE_EXEMPT, "the exemption names no page"


def test_every_budget_on_every_page(results, capsys):
    with capsys.disabled():
        print("\n" + lh.HEADER + "\n" + "\n".join(lh.row(r) for r in results))
    failed = [f"{r.page} ({r.preset}): {', '.join(r.misses())}; failing: {r.failing}"
              for r in results if r.misses()]
    assert not failed, "\n".join(failed)


def test_a_page_that_misses_a_budget_is_reported(tmp_path):
    """Not vacuous: an image without alt text and a missing title cost accessibility/SEO."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head></head><body><img src="x.png"><p>text</p></body></html>')
    (result,) = lh.audit_site(tmp_path, [""], presets=("desktop",))
    assert result.scores["accessibility"] < 100 and result.scores["seo"] < 95, result
    assert any("accessibility" in m for m in result.misses())
    assert "image-alt" in result.failing.get("accessibility", [])
