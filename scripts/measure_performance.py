#!/usr/bin/env python3
"""Measure what the platform promises: strict build time, what each page transfers (gzip, search
index excluded) on first load and once every diagram and formula is drawn, which pages load
mermaid or KaTeX, and the search index size.

    .venv/bin/python scripts/measure_performance.py            # build 5 times, then measure
    .venv/bin/python scripts/measure_performance.py --runs 1 --format json
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium
import guide
from site_server import serve

BUDGET_WITH_DIAGRAMS = 1_000_000  # bytes gzip, search index excluded
BUDGET_WITHOUT_DIAGRAMS = 300_000
BUILD_BUDGET_S = 5.0


@dataclass
class PageWeight:
    path: str
    requests: int
    raw_bytes: int
    gzip_bytes: int  # with every diagram and formula drawn (reported)
    first_load_gzip_bytes: int  # before scrolling (what the budget holds, as in issue 2)
    has_diagrams: bool
    has_math: bool
    loads_mermaid: bool
    loads_katex: bool
    first_load_libraries: list[str]  # of mermaid, katex: fetched before any scrolling

    @property
    def budget(self) -> int:
        return BUDGET_WITH_DIAGRAMS if self.has_diagrams else BUDGET_WITHOUT_DIAGRAMS


def build(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=guide.ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - start


def nav_paths() -> list[str]:
    return [guide.page_url(e.file) for e in guide.nav_entries(guide.load_mkdocs_config())]


def weigh(browser, base_url: str, path: str) -> PageWeight:
    """Load one page in a fresh context (empty cache) and add up every response body."""
    context = browser.new_context()
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []

    def on_response(response):
        if "search_index.json" in response.url:
            return
        with contextlib.suppress(Exception):  # redirects and aborted requests have no body
            bodies.append((response.url, response.body()))

    page.on("response", on_response)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    first_load = sum(len(gzip.compress(b, compresslevel=6)) for _, b in bodies)
    first_libraries = sorted({name for name in ("mermaid", "katex") for url, _ in bodies
                              if f"/vendor/{name}/" in url})
    has_diagrams = page.locator("pre.guide-diagram").count() > 0
    has_math = page.locator(".arithmatex").count() > 0
    # Draw everything the reader could scroll to: the worst case the budget holds.
    page.evaluate("""async () => {
      if (window.guideDiagrams) await window.guideDiagrams.renderAll();
      if (window.guideMath) await window.guideMath.renderAll();
    }""")
    page.wait_for_load_state("networkidle")
    context.close()
    return PageWeight(
        path=path or "(home)",
        requests=len(bodies),
        raw_bytes=sum(len(b) for _, b in bodies),
        gzip_bytes=sum(len(gzip.compress(b, compresslevel=6)) for _, b in bodies),
        first_load_gzip_bytes=first_load,
        has_diagrams=has_diagrams,
        has_math=has_math,
        loads_mermaid=any("/vendor/mermaid/" in u for u, _ in bodies),
        loads_katex=any("/vendor/katex/" in u for u, _ in bodies),
        first_load_libraries=first_libraries,
    )


def page_weights(site: Path, browser=None, paths: list[str] | None = None) -> list[PageWeight]:
    """Weigh every nav page; starts its own Chromium unless given a Playwright browser."""
    paths = paths or nav_paths()
    if browser is not None:
        with serve(site) as base_url:
            return [weigh(browser, base_url, p) for p in paths]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium.executable_path(),
                                             args=chromium.FLAGS)
        try:
            return page_weights(site, browser, paths)
        finally:
            browser.close()


def search_index_size(site: Path) -> tuple[int, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="strict builds to time (median)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [build(site) for _ in range(max(1, args.runs))]
        weights = page_weights(site)
        raw, gz = search_index_size(site)

    median = statistics.median(times)
    over = [w for w in weights if w.first_load_gzip_bytes > w.budget]
    wrong_loads = [w for w in weights if (w.loads_mermaid != w.has_diagrams)
                   or (w.loads_katex and not w.has_math)]
    if args.format == "json":
        print(json.dumps({
            "build_seconds": times, "build_median_seconds": median,
            "pages": [asdict(w) | {"budget": w.budget} for w in weights],
            "search_index": {"raw_bytes": raw, "gzip_bytes": gz},
        }, indent=2))
    else:
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"strict build: median {median:.2f} s over {len(times)} runs ({runs});"
              f" budget {BUILD_BUDGET_S:.0f} s")
        print(f"search index: {raw / 1024:.1f} KiB raw, {gz / 1024:.1f} KiB gzip")
        print(f"{'page':45} {'req':>4} {'raw KiB':>9} {'gzip KiB':>9} {'first':>7} "
              f"{'budget':>7}  loads")
        for w in weights:
            loads = ",".join(n for n, on in (("mermaid", w.loads_mermaid),
                                             ("katex", w.loads_katex)) if on) or "-"
            print(f"{w.path:45} {w.requests:>4} {w.raw_bytes / 1024:>9.1f} "
                  f"{w.gzip_bytes / 1024:>9.1f} {w.first_load_gzip_bytes / 1024:>7.1f} "
                  f"{w.budget // 1000:>6}k  {loads}")
    failed = median > BUILD_BUDGET_S or over or wrong_loads
    for w in over:
        print(f"over budget: {w.path} transfers {w.first_load_gzip_bytes} B gzip on first "
              f"load > {w.budget} B",
              file=sys.stderr)
    for w in wrong_loads:
        print(f"loads a library it does not use: {w.path}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
