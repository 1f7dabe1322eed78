"""Resilience: every page works with JavaScript off, the site works from a plain static file
server (no rewrite rules), its 404 page works at any depth, and once loaded it works offline
(the service worker of overrides/hooks/offline.py)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import guide
import pytest
from conftest import ROOT, mkdocs_env, open_watched
from site_server import serve
from test_browser import nav_urls

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import offline


def _pages() -> list[str]:
    return nav_urls(guide.load_mkdocs_config(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def no_js(browser, base_url):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", _pages())
def test_without_javascript_every_page_shows_text_navigation_diagrams_and_answers(
        no_js, base_url, path):
    page = no_js
    page.goto(base_url + path, wait_until="load")
    label = path or "(home)"
    text = page.locator("article").inner_text()
    assert len(text) > 400, f"{label}: the article shows {len(text)} characters"
    nav = page.locator(".md-sidebar--primary .md-nav__link[href]")
    assert nav.count() >= 15, f"{label}: the navigation shows {nav.count()} links"
    for pre in page.locator("pre.guide-diagram").all():
        assert pre.is_visible(), f"{label}: a diagram's source is hidden"
        source = pre.inner_text()
        assert re.match(r"\s*(flowchart|graph|sequenceDiagram|stateDiagram)", source), source[:80]
    for index, details in enumerate(page.locator("details.question").all(), start=1):
        if not details.evaluate("d => d.open"):  # the print edition has them open already
            details.locator("summary").click()  # native <details>: no script involved
        answer = details.locator(":scope > :not(summary)").filter(
            has_text=re.compile(r"\S")).first
        assert answer.is_visible() and answer.inner_text().strip(), \
            f"{label}: interview answer {index} cannot be read without JavaScript"


class _PlainHandler(http.server.SimpleHTTPRequestHandler):
    """Python's stock file server: folders serve index.html, nothing else is rewritten."""

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def plain_server(site: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_PlainHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("a", "link") and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "script" and a.get("src"):
            self.hrefs.append(a["src"])


@pytest.mark.browser
def test_a_plain_static_file_server_serves_every_page_and_asset(site, browser):
    with plain_server(site) as url:
        watched, context = open_watched(browser, url)
        try:
            for path in _pages():
                watched.goto(path)
                assert watched.page.locator("article h1").count() >= 1, path
            assert not watched.problems(), watched.problems()
        finally:
            context.close()


@pytest.fixture(scope="module")
def root_site(tmp_path_factory) -> Path:
    """A build published at a host's root (SITE_URL path "/"), as the 404 test needs."""
    out = tmp_path_factory.mktemp("root-site")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                           str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**mkdocs_env(), "SITE_URL": "http://127.0.0.1/"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_the_404_page_uses_site_absolute_urls(site):
    """GitHub Pages serves 404.html for a missing path at any depth: relative URLs would break."""
    base = guide.load_mkdocs_config(ROOT / "mkdocs.yml")["site_url"]
    prefix = "/" + base.split("://", 1)[1].split("/", 1)[1]
    parser = _Links()
    parser.feed((site / "404.html").read_text(encoding="utf-8"))
    local = [h for h in parser.hrefs
             if not h.startswith(("http:", "https:", "#", "mailto:", "javascript:"))]
    assert local, "404.html links nothing"
    relative = [h for h in local if not h.startswith(prefix)]
    assert not relative, f"404.html has URLs that break below the root: {relative[:5]}"


@pytest.mark.browser
@pytest.mark.parametrize("missing", ["nope", "a/b/c/d/", "scaling_laws/not-here/x.html"])
def test_the_404_page_works_at_any_depth(root_site, browser, missing):
    with serve(root_site) as url:
        watched, context = open_watched(browser, url)
        try:
            response = watched.page.goto(url + missing, wait_until="load")
            watched.page.wait_for_load_state("networkidle")
            assert response.status == 404
            assert "404" in watched.page.locator("article").inner_text()
            styled = watched.page.evaluate(
                "() => getComputedStyle(document.querySelector('.md-header')).position")
            assert styled in ("sticky", "fixed"), "the theme's stylesheet did not load"
            watched.page.click(".md-header__button.md-logo")  # back home from any depth
            watched.page.wait_for_load_state("load")
            assert watched.page.url == url, watched.page.url
            # Requests that 404 by design (the page itself) are not failures of the page.
            problems = [p for p in watched.problems() if missing not in p]
            own = "console error: Failed to load resource: the server responded with a status " \
                  "of 404 (Not Found)"
            if own in problems:
                problems.remove(own)  # the browser's log line for the page's own 404 status
            assert not problems, problems
        finally:
            context.close()


def test_the_worker_keeps_every_page_but_the_print_edition(site):
    source = (site / offline.WORKER).read_text(encoding="utf-8")
    urls = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", source, re.S).group(1))
    for path in _pages():
        if path == "print/":
            assert path not in urls
        else:
            assert (path or "./") in urls, f"{path} is not kept for offline reading"
    assert "search/search_index.json" in urls and "404.html" in urls
    assert any(u.startswith("assets/vendor/mermaid/") for u in urls)
    assert "assets/vendor/katex/katex.min.js" in urls
    assert not any(u.startswith(("notebooks/", "print/")) for u in urls)
    for url in urls:
        target = site / (url + "index.html" if url.endswith("/") or url == "./" else url)
        assert target.resolve().is_file(), f"the worker would fetch a missing file: {url}"


@pytest.mark.browser
def test_the_guide_works_offline_once_loaded(root_site, browser):
    with serve(root_site) as url:
        watched, context = open_watched(browser, url)
        try:
            page = watched.page
            watched.goto("")
            assert page.evaluate("() => !navigator.serviceWorker.controller")
            page.mouse.wheel(0, 400)  # the first interaction registers the worker
            page.evaluate("() => window.guideOffline.ready()")
            page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=30000)
            context.set_offline(True)
            watched.goto("llm_evaluation/")
            assert page.locator("article h1").inner_text().startswith("LLM Evaluation")
            result = page.evaluate("""async () => {
              await window.guideDiagrams.renderAll(); await window.guideMath.renderAll();
              return {svg: document.querySelectorAll('.guide-diagram__figure svg').length,
                      math: document.querySelectorAll('.arithmatex .katex').length}}""")
            assert result["svg"] >= 2 and result["math"] > 10, result
            page.keyboard.press("/")
            page.locator("input.md-search__input").press_sequentially("lora rank", delay=20)
            page.wait_for_selector(".md-search-result__item", timeout=15000)
            response = page.goto(url + "not/a/page/")
            assert "404" in page.locator("article").inner_text(), response
            assert not watched.problems(), watched.problems()
        finally:
            context.set_offline(False)
            context.close()
