"""The built site: strict build, study order in one place, no third-party hosts, search index."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import guide
import pytest
from conftest import ROOT

DOCS = ROOT / "docs"


def page_html(site: Path, file: str) -> str:
    return (site / guide.page_url(file) / "index.html").read_text(encoding="utf-8")


def test_strict_build_passes_without_warnings(build):
    assert build.returncode == 0, build.log[-4000:]
    assert "WARNING" not in build.log, build.log


def test_every_nav_entry_exists(config):
    entries = guide.nav_entries(config)
    assert entries, "nav is empty"
    missing = [e.file for e in entries
               if not (DOCS / e.file).is_file() and e.file not in guide.GENERATED_PAGES]
    assert not missing, f"nav lists files that do not exist: {missing}"


def test_ten_chapters_with_the_content_guide_file_names(chapters):
    contract = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    files = re.findall(r"^\| `docs/([^`]+)` \| \d+\.", contract, flags=re.M)
    assert len(files) == 10, "CONTRIBUTING.md's file table should list ten chapters"
    assert [c.file for c in chapters] == files


def test_nav_titles_are_numbered_in_study_order(chapters):
    for chapter in chapters:
        assert chapter.nav_title.startswith(f"{chapter.number}. "), chapter.nav_title


def test_chapter_headers_follow_the_nav(site, chapters):
    for chapter in chapters:
        html = page_html(site, chapter.file)
        assert f'data-chapter="{chapter.number}"' in html, chapter.file
        assert f"Chapter {chapter.number} of {len(chapters)}" in html, chapter.file
        assert f"{chapter.meta['difficulty']} difficulty" in html
        assert re.search(r"~\d+ min read", html)
        for role in chapter.meta["roles"]:
            assert guide.ROLES[role] in html


def test_overview_has_no_chapter_header(site):
    assert "guide-chapter-header" not in page_html(site, "index.md")


def test_overview_table_follows_the_nav(chapters):
    overview = (DOCS / "index.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| \[[^\]]+\]\(([^)]+)\) \|", overview, flags=re.M)
    assert [(int(n), f) for n, f in rows] == [(c.number, c.file) for c in chapters]


def test_prerequisite_links_point_at_their_chapters(site, chapters):
    for chapter in chapters:
        html = page_html(site, chapter.file)
        for prereq in chapter.meta.get("prerequisites", []):
            stem = prereq.removesuffix(".md")
            assert re.search(rf'guide-chapter-header__prereqs">.*?href="[./]*{stem}/"', html, re.S)


def test_drafts_show_the_banner_and_their_outline(site, chapters):
    for chapter in chapters:
        html = page_html(site, chapter.file)
        body = (DOCS / chapter.file).read_text(encoding="utf-8")
        if chapter.is_draft:
            assert "guide-draft-banner" in html and "In progress." in html
            sections = re.findall(r"^## (.+)$", body, flags=re.M)
            assert len(sections) >= 4, f"{chapter.file}: a draft shows its planned sections"
            assert sections[-1] == "Interview Questions"
        else:
            assert "guide-draft-banner" not in html


class _Urls(HTMLParser):
    """URLs a browser would load: script/img/iframe/source sources, link hrefs, style url()."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append((tag, a["src"]))
        if tag == "source" and a.get("srcset"):
            self.urls += [(tag, part.split()[0]) for part in a["srcset"].split(",")]
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate"):
            self.urls.append((tag, a["href"]))
        if tag == "object" and a.get("data"):
            self.urls.append((tag, a["data"]))
        if a.get("style"):
            self.urls += [("style", u) for u in css_urls(a["style"])]
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.urls += [("style", u) for u in css_urls(data)]

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False


def css_urls(css: str) -> list[str]:
    found = re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""", css)
    found += re.findall(r"""@import\s+['"]([^'"]+)['"]""", css)
    return found


def third_party(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def test_built_html_and_css_load_nothing_from_third_parties(site):
    offenders = []
    for html_file in site.rglob("*.html"):
        parser = _Urls()
        parser.feed(html_file.read_text(encoding="utf-8"))
        offenders += [f"{html_file.relative_to(site)}: <{t}> {u}" for t, u in parser.urls
                      if third_party(u)]
    for css_file in site.rglob("*.css"):
        offenders += [f"{css_file.relative_to(site)}: url({u})"
                      for u in css_urls(css_file.read_text(encoding="utf-8")) if third_party(u)]
    assert not offenders, "\n".join(offenders)


def test_the_third_party_scan_catches_a_cdn_reference():
    parser = _Urls()
    parser.feed('<script src="https://unpkg.com/mermaid"></script>'
                '<link rel="stylesheet" href="//fonts.googleapis.com/css">'
                '<div style="background: url(https://cdn.example/x.png)"></div>'
                '<link rel="canonical" href="https://example.org/">')
    assert [u for _, u in parser.urls if third_party(u)] == [
        "https://unpkg.com/mermaid", "//fonts.googleapis.com/css", "https://cdn.example/x.png"]


def test_search_index_holds_every_page_and_section(site, config):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for entry in guide.nav_entries(config):
        if entry.file == "print.md":
            continue  # the print edition repeats every page; excluded from search on purpose
        url = guide.page_url(entry.file)
        assert url in locations, f"{entry.file} is not in the search index"
        html = page_html(site, entry.file)
        for anchor in re.findall(r'<h[23] id="([^"]+)"', html):
            assert f"{url}#{anchor}" in locations, f"{entry.file}#{anchor} is not searchable"


@pytest.mark.parametrize("term", ["KV-cache", "int8", "pass@k", "4-bit", "GPT-4", "Llama-2-70B"])
def test_search_separator_keeps_technical_terms_whole(config, term):
    """Material splits the index and the query with the same separator: the term's pieces must
    stay meaningful (no piece dropped, `int8`/`pass@k` kept whole)."""
    separator = next(p["search"]["separator"] for p in config["plugins"]
                     if isinstance(p, dict) and "search" in p)
    pieces = [p for p in re.split(separator, term) if p]
    assert pieces and all(pieces), pieces
    if "-" not in term:
        assert pieces == [term]
