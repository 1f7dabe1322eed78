"""Performance budgets from the platform issue, measured with scripts/measure_performance.py."""

from __future__ import annotations

import measure_performance as perf
import pytest


def test_strict_build_is_fast(build):
    assert build.returncode == 0
    # Includes Python start-up; the median of 5 is reported by scripts/measure_performance.py.
    assert build.seconds < perf.BUILD_BUDGET_S, f"strict build took {build.seconds:.2f} s"


@pytest.fixture(scope="module")
def weights(site, browser):
    return {w.path: w for w in perf.page_weights(site, browser)}


@pytest.mark.browser
def test_first_load_stays_within_budget(weights):
    over = {p: w.first_load_gzip_bytes for p, w in weights.items()
            if w.first_load_gzip_bytes > w.budget}
    assert not over, f"pages over their gzip budget: {over}"


@pytest.mark.browser
def test_libraries_load_only_where_used(weights):
    assert weights["(home)"].has_diagrams and weights["(home)"].loads_mermaid
    assert weights["prerequisites/"].has_math and weights["prerequisites/"].loads_katex
    for path, w in weights.items():
        assert w.loads_mermaid == w.has_diagrams, f"{path}: mermaid loaded={w.loads_mermaid}"
        assert w.first_load_gzip_bytes <= w.gzip_bytes
        # KaTeX is fetched when a formula nears the viewport: never without math, and not on
        # first load of the bank, whose formulas sit inside closed answers.
        assert w.has_math or not w.loads_katex, f"{path}: KaTeX loaded without math"
    # The bank's formulas sit inside closed answers: KaTeX waits until one is opened.
    assert weights["questions/"].has_math
    assert "katex" not in weights["questions/"].first_load_libraries


def test_search_index_is_small(site):
    _raw, gz = perf.search_index_size(site)
    assert gz < 2_000_000, f"search index is {gz} B gzip"
