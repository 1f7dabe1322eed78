"""Every all-caps abbreviation a built page shows (outside code, math and diagrams) is defined
once in docs/includes/abbreviations.md,
which feeds both the hover definitions (pymdownx.snippets auto-append + abbr) and the
generated Glossary page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from conftest import ROOT

DOCS = ROOT / "docs"
SOURCE = DOCS / "includes" / "abbreviations.md"
# At least two capitals, digits allowed (BF16, FP8, INT4); a plural 's' is folded away.
ABBREVIATION = re.compile(r"(?<![\w\-/.])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)s?(?![\w])")
ROMAN = re.compile(r"[IVXLC]+")  # numerals (Annex III), not abbreviations


def glossary() -> dict[str, str]:
    entries = {}
    for number, line in enumerate(SOURCE.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            match = re.match(r"^\*\[([^\]]+)\]:\s*(\S.*)$", line)
            assert match, f"{SOURCE.relative_to(ROOT)}:{number}: expected '*[TERM]: meaning'"
            assert match.group(1) not in entries, f"{match.group(1)} is defined twice"
            entries[match.group(1)] = match.group(2)
    return entries


class _Text(HTMLParser):
    """The article text a reader sees: no code, math, diagrams or scripts."""

    SKIP_TAGS = frozenset({"code", "pre", "script", "style", "svg"})
    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0
        self.stack: list[bool] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        skip = tag in self.SKIP_TAGS or "arithmatex" in classes or "mermaid" in classes
        self.stack.append(skip)
        self.skip += skip
        if tag == "article":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.stack:
            return
        self.skip -= self.stack.pop()
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.chunks.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.chunks)


def used_abbreviations(site) -> dict[str, str]:
    """abbreviation -> the first built page whose text uses it."""
    used: dict[str, str] = {}
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel in ("404.html", "glossary/index.html", "changelog/index.html"):  # not content
            continue
        for term in ABBREVIATION.findall(page_text(html.read_text(encoding="utf-8"))):
            if not ROMAN.fullmatch(term):
                used.setdefault(term, rel)
    return used


def test_every_abbreviation_used_is_in_the_glossary(site):
    defined = glossary()
    missing = {t: where for t, where in used_abbreviations(site).items() if t not in defined}
    assert not missing, "abbreviations without a glossary entry (add them to " \
        f"docs/includes/abbreviations.md): {sorted(missing.items())}"


def test_the_glossary_page_and_hover_definitions_are_built(site):
    entries = glossary()
    page = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in entries:
        assert f"<td>{term}</td>" in page or f">{term}</abbr></td>" in page, term
    chapter = (site / "context_windows" / "index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{entries["KV"]}">KV</abbr>' in chapter
