"""Security audit: every page carries a Content-Security-Policy and a Referrer-Policy, the
browser sees no violation on any page (tests/test_browser.py fails on any console error, and
conftest turns every CSP violation into one), and the policy really blocks injected code."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import security


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.order: list[str] = []  # "charset", "csp", "referrer", "script", ...
        self.policy = self.referrer = None
        self.blank_targets: list[str] = []
        self.insecure: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "charset" in a:
            self.order.append("charset")
        elif tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.order.append("csp")
            self.policy = a.get("content")
        elif tag == "meta" and a.get("name") == "referrer":
            self.referrer = a.get("content")
        elif tag == "script":
            self.order.append("script")
        if tag == "a" and a.get("target"):
            rel = (a.get("rel") or "").split()
            if not {"noopener", "noreferrer"} <= set(rel):
                self.blank_targets.append(a.get("href", ""))
        for key in ("src", "href", "srcset", "data", "action"):
            if (a.get(key) or "").startswith("http:") and tag != "a":
                self.insecure.append(f"<{tag} {key}={a[key]}>")


def test_every_page_has_a_strict_policy_before_any_script(site):
    pages = html_pages(site)
    assert len(pages) > 15
    for path in pages:
        head = _Head()
        head.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(site)
        assert head.order[:2] == ["charset", "csp"], f"{where}: CSP is not first: {head.order}"
        assert head.order.count("csp") == 1, where
        directives = dict(d.strip().split(" ", 1) for d in head.policy.split(";"))
        assert directives["default-src"] == "'self'", where
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
        script_src = directives["script-src"].split()
        assert script_src[0] == "'self'", where
        assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in script_src[1:]), \
            f"{where}: script-src allows more than 'self' and hashes: {script_src}"
        assert head.referrer == security.REFERRER_POLICY, where
        assert not head.blank_targets, f"{where}: new-window links without noopener " \
                                       f"noreferrer: {head.blank_targets}"
        assert not head.insecure, f"{where}: mixed content: {head.insecure}"


def test_policy_hashes_exactly_the_inline_scripts_that_run():
    html = ('<meta charset="utf-8"><script>a()</script><script type="application/json">{}'
            '</script><script src="x.js"></script><script type="module">b()</script>')
    hashes = security.inline_script_hashes(html)
    assert len(hashes) == 2  # a() and b(); not the JSON, not the external file
    once = security.secure(html, "t")
    assert security.secure(once, "t") == once, "running the hook twice must change nothing"
    with pytest.raises(Exception, match="no <meta charset"):
        security.secure("<html><script>x</script>", "broken.html")


INJECT = """() => new Promise(resolve => {
  const seen = [];
  document.addEventListener('securitypolicyviolation', e => seen.push(e.effectiveDirective));
  const s = document.createElement('script');
  s.textContent = 'window.__injected = true';
  document.body.appendChild(s);
  const img = document.createElement('img');
  img.src = 'https://tracker.example/pixel.gif';
  document.body.appendChild(img);
  setTimeout(() => resolve({ran: window.__injected === true, seen}), 500);
})"""


@pytest.mark.browser
def test_the_policy_blocks_injected_scripts_and_foreign_images(watched):
    watched.goto("scaling_laws/")
    result = watched.page.evaluate(INJECT)
    # (eval cannot be tried from here: DevTools evaluation bypasses CSP. script-src holds
    # no 'unsafe-eval', which the static test above pins.)
    assert result["ran"] is False, result
    assert {"script-src-elem", "img-src"} <= set(result["seen"]), result
    # The violations this test caused are expected; nothing else may be in the log.
    expected = [m for m in watched.console_errors if "CSP violation" in m
                or "Content Security Policy" in m]
    assert len(expected) == len(watched.console_errors), watched.console_errors


@pytest.mark.browser
def test_search_works_under_the_policy(watched):
    watched.goto("")
    watched.page.keyboard.press("/")
    box = watched.page.locator("input.md-search__input")
    box.press_sequentially("kv cache", delay=40)
    watched.page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert not watched.problems(), watched.problems()
