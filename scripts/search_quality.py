#!/usr/bin/env python3
"""Search quality: type each query of tests/data/search_queries.json into the built site's own
search box (Material's lunr search, in Chromium) and score the results against the page and
sections that should answer it. Prints hit@1, hit@3 and every query that missed its top 3.

    .venv/bin/python scripts/search_quality.py              # build, then measure
    .venv/bin/python scripts/search_quality.py --site site --format json

Material lists results grouped by page: a page's own entry (its title, no anchor) heads the
group, then its matching sections. Ranks count the section entries in the order shown (the
page entries only for a query whose answer is a whole page): a hit at rank 1 is the first
section the reader is offered. A result counts when it opens the expected page at one of the
expected sections. Exit 1 when hit@3 < 0.9.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium
import guide
import measure_performance
from site_server import serve

QUERIES = guide.ROOT / "tests" / "data" / "search_queries.json"
HIT3_BUDGET = 0.9
TOP = 3


class QueryFileError(Exception):
    pass


@dataclass
class Outcome:
    query: str
    expected: str  # page url + sections
    results: list[str]  # site paths with #anchor, best first
    rank: int | None  # 1-based rank of the first correct result, None when not in the top 3


def load_queries(path: Path = QUERIES) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise QueryFileError(f"{path}: {exc}") from None
    queries = data.get("queries") if isinstance(data, dict) else None
    if not isinstance(queries, list) or not queries:
        raise QueryFileError(f"{path}: expected an object with a non-empty 'queries' list")
    for number, q in enumerate(queries, start=1):
        if not (isinstance(q, dict) and isinstance(q.get("query"), str) and q["query"].strip()
                and isinstance(q.get("page"), str)
                and isinstance(q.get("sections", []), list)):
            raise QueryFileError(f"{path}: query {number} needs 'query', 'page' and a "
                                 f"'sections' list: {q!r}")
    return queries


def is_hit(result: str, page_url: str, sections: list[str]) -> bool:
    path, _, anchor = result.partition("#")
    if path.strip("/") != page_url.strip("/"):
        return False
    return not sections or anchor in sections


READ_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].flatMap(
  item => [...item.querySelectorAll(':scope > a.md-search-result__link, '
    + ':scope > details > a.md-search-result__link, :scope > details a.md-search-result__link')]
    .map(a => a.href))"""


def run_queries(page, base_url: str, queries: list[dict]) -> list[Outcome]:
    page.goto(base_url, wait_until="load")
    page.keyboard.press("/")  # Material's search shortcut
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    outcomes = []
    base_path = urlsplit(base_url).path
    for q in queries:
        box.fill("")
        box.press_sequentially(q["query"], delay=5)
        results, stable, deadline = None, 0, time.monotonic() + 10
        while time.monotonic() < deadline and stable < 3:  # the worker answers asynchronously
            page.wait_for_timeout(120)
            current = page.evaluate(READ_RESULTS)
            stable = stable + 1 if current == results and current else 0
            results = current
        paths = []
        for href in results or []:
            parts = urlsplit(href)
            path = parts.path[len(base_path):] if parts.path.startswith(base_path) else parts.path
            paths.append(path + (f"#{parts.fragment}" if parts.fragment else ""))
        url = guide.page_url(q["page"])
        if q.get("sections"):
            paths = [p for p in paths if "#" in p]
        rank = next((i for i, r in enumerate(paths[:TOP], start=1)
                     if is_hit(r, url, q.get("sections", []))), None)
        expected = url + (" #" + " #".join(q["sections"]) if q.get("sections") else "")
        outcomes.append(Outcome(q["query"], expected, paths[:5], rank))
    return outcomes


def measure(site: Path, queries: list[dict], browser=None) -> list[Outcome]:
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=chromium.executable_path(),
                                                  args=chromium.FLAGS)
            try:
                return measure(site, queries, launched)
            finally:
                launched.close()
    with serve(site) as base_url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            return run_queries(context.new_page(), base_url, queries)
        finally:
            context.close()


def scores(outcomes: list[Outcome]) -> tuple[float, float]:
    n = len(outcomes)
    return (sum(o.rank == 1 for o in outcomes) / n, sum(o.rank is not None for o in outcomes) / n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build one)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    try:
        queries = load_queries(args.queries)
    except QueryFileError as exc:
        print(f"search_quality: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            measure_performance.build(site)
        outcomes = measure(site, queries)
    hit1, hit3 = scores(outcomes)
    if args.format == "json":
        print(json.dumps({"hit@1": hit1, "hit@3": hit3,
                          "queries": [asdict(o) for o in outcomes]}, indent=2))
    else:
        for o in outcomes:
            if o.rank is None:
                print(f"miss: {o.query!r}: wanted {o.expected}; got {o.results[:3]}")
        print(f"{len(outcomes)} queries: hit@1 {hit1:.3f}, hit@3 {hit3:.3f} "
              f"(budget hit@3 >= {HIT3_BUDGET})")
    return 0 if hit3 >= HIT3_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
