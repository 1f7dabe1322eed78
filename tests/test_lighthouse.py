"""Lighthouse budgets on every nav page, mobile and desktop (scripts/audit_lighthouse.py):
performance >= 95, accessibility = 100, best practices = 100, SEO >= 95.

Takes several minutes: deselect locally with `-m "not lighthouse"` (refused when CI is set)."""

from __future__ import annotations

import audit_lighthouse as lh
import pytest

pytestmark = pytest.mark.lighthouse


def test_every_page_meets_the_lighthouse_budgets(site, capsys):
    results = lh.audit_site(site, lh.nav_pages())
    with capsys.disabled():
        print("\n" + lh.HEADER)
        for result in results:
            print(lh.row(result))
    failed = [f"{r.page} ({r.preset}): {', '.join(r.misses())}; failing audits: {r.failing}"
              for r in results if r.misses()]
    assert len(results) == 2 * len(lh.nav_pages())
    assert not failed, "\n".join(failed)


def test_a_page_that_misses_a_budget_is_reported(tmp_path):
    """Not vacuous: an image without alt text and a missing title cost accessibility/SEO."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head></head><body><img src="x.png"><p>text</p></body></html>')
    (result,) = lh.audit_site(tmp_path, [""], presets=("desktop",))
    assert result.scores["accessibility"] < 100 and result.scores["seo"] < 95, result
    assert any("accessibility" in m for m in result.misses())
    assert "image-alt" in result.failing.get("accessibility", [])
