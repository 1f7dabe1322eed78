"""Load mermaid and KaTeX only on the pages that use them, from the site's own files.

- Mermaid: mkdocs-mermaid2-plugin turns each fence into <pre class="mermaid"> and adds a module
  script importing mermaid (the `javascript` path of its config) that loads on page load.
  We rename the blocks to <pre class="guide-diagram"> (so Material's own integration, which
  would draw them into a closed shadow root or fetch mermaid from a CDN, leaves them alone)
  and swap that script for diagrams.js, which imports mermaid from the same path only when a
  diagram nears the viewport and draws it where screen readers and tests can see it.
- KaTeX: the formulas of a page's opening (what a reader sees first) are rendered here at
  build time with the site's KaTeX (scripts/katex_render.mjs, one node
  process per build), so the first screen needs only KaTeX's stylesheet; the rest are left
  to render-math.js, which loads KaTeX when a formula nears the viewport. Pages without math
  load neither. A formula KaTeX cannot parse fails the build, naming the page and the TeX.
"""

from __future__ import annotations

import atexit
import html as html_lib
import json
import posixpath
import re
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

_MERMAID_SCRIPT = re.compile(
    r'<script type="module">import mermaid from "(?P<path>[^"]+)";.*?</script>', re.S)
_MERMAID_PRE = re.compile(r'<pre\s+class="mermaid"(?P<rest>[^>]*)>')  # superfences: 2 spaces


def asset_prefix(page: Page) -> str:
    """Relative path from the page's URL to the site root ('' or '../' ...)."""
    directory = posixpath.dirname(page.url) if not page.url.endswith("/") else page.url
    depth = len([part for part in directory.split("/") if part])
    return "../" * depth


def diagram_script(prefix: str, mermaid_path: str) -> str:
    """The lazy renderer's tag; `mermaid_path` is relative to the page."""
    return (f'<script defer src="{prefix}assets/javascripts/diagrams.js" '
            f'data-mermaid="{mermaid_path}"></script>\n')


def has_mermaid_blocks(html: str) -> bool:
    return bool(_MERMAID_PRE.search(html))


def mermaid_blocks_to_diagrams(html: str) -> str:
    return _MERMAID_PRE.sub(r'<pre class="guide-diagram"\g<rest>>', html)


def _lazy_mermaid(html: str, prefix: str) -> str:
    match = _MERMAID_SCRIPT.search(html)
    if not match:
        raise PluginError("page_assets: a page has diagrams but no mermaid2 script to replace; "
                         "has mkdocs-mermaid2-plugin changed what it adds?")
    path = match.group("path")
    if not path.startswith((".", "/")):
        path = "./" + path  # relative to the page, as mermaid2 writes it
    if path.startswith(("http:", "https:", "//")):
        raise PluginError(f"page_assets: mermaid would load from another host ({path})")
    html = html[:match.start()] + html[match.end():]
    html = mermaid_blocks_to_diagrams(html)
    return html.replace("</body>", diagram_script(prefix, path) + "</body>", 1)


_MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.S)
_KATEX_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "katex_render.mjs"


class _Katex:
    """One long-lived `node scripts/katex_render.mjs` (a line of JSON in, a line out)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None

    def render(self, formulas: list[tuple[str, bool]]) -> list[dict]:
        if not formulas:
            return []
        if self._proc is None or self._proc.poll() is not None:
            try:
                self._proc = subprocess.Popen(
                    ["node", str(_KATEX_SCRIPT)], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
            except OSError as exc:
                raise PluginError(f"page_assets: cannot start node for KaTeX: {exc}") from None
            atexit.register(self.close)
        for tex, display in formulas:
            self._proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self._proc.stdin.flush()
        replies = []
        for _ in formulas:
            line = self._proc.stdout.readline()
            if not line:
                raise PluginError("page_assets: the KaTeX renderer stopped (is node_modules "
                                  "installed? run `python3 scripts/dev.py setup`)")
            replies.append(json.loads(line))
        return replies

    def close(self) -> None:
        if self._proc and self._proc.poll() is None:
            self._proc.stdin.close()
            self._proc.wait(timeout=10)


_katex = _Katex()
_prerendered: set[str] = set()  # pages whose opening math was rendered at build time


def _tex_of(element: str, display: bool) -> str:
    text = html_lib.unescape(element).strip()
    opening, closing = (r"\[", r"\]") if display else (r"\(", r"\)")
    if text.startswith(opening) and text.endswith(closing):
        return text[2:-2]
    return text.strip("$")


OPENING_TEXT_CHARS = 2500  # about a phone screen and render-math.js's margin below it


def prerender_opening_math(html: str, where: str) -> tuple[str, bool]:
    """Render the formulas in the first OPENING_TEXT_CHARS characters of text with KaTeX.

    Those are on a phone's first screen (or within render-math.js's margin of it), so the page
    shows them typeset without fetching KaTeX's script. Not more: KaTeX's markup is some 25
    elements per formula, and styling it on load costs more main-thread time than it saves."""
    matches, text_chars, last = [], 0, 0
    closed = html.find("<details")  # answers start closed: nothing in them is on screen
    for match in _MATH.finditer(html):
        if closed != -1 and match.start() > closed:
            break
        text_chars += len(html_lib.unescape(_TAG.sub("", html[last:match.start()])))
        if text_chars > OPENING_TEXT_CHARS:
            break
        matches.append(match)
        last = match.start()
    formulas = [(_tex_of(m.group("tex"), m.group("tag") == "div"), m.group("tag") == "div")
                for m in matches]
    replies = _katex.render(formulas)
    out, last = [], 0
    for match, (tex, _), reply in zip(matches, formulas, replies, strict=True):
        if "error" in reply:
            raise PluginError(f"{where}: {reply['error']} (in the formula {tex!r})")
        tag = match.group("tag")
        out += [html[last:match.start()],
                f'<{tag} class="arithmatex" data-rendered="build">{reply["html"]}</{tag}>']
        last = match.end()
    out.append(html[last:])
    return "".join(out), bool(matches)


def _add_katex_css(html: str, prefix: str) -> str:
    link = f'<link rel="stylesheet" href="{prefix}assets/vendor/katex/katex.min.css">\n'
    return html.replace("</head>", link + "</head>", 1)


def _add_katex(html: str, prefix: str) -> str:
    # render-math.js fetches KaTeX itself when the first formula nears the viewport.
    body = (f'<script defer src="{prefix}assets/javascripts/render-math.js" '
            f'data-katex="{prefix}assets/vendor/katex/"></script>\n')
    return html.replace("</body>", body + "</body>", 1)


_CODE_BLOCK = re.compile(r'<div class="highlight"><pre>(?P<lead><span></span>)?<code>'
                         r'(?P<body>.*?)</code></pre>', re.S)
_TAG = re.compile(r"<[^>]+>")


def lazy_highlighting(html: str) -> str:
    """Ship each highlighted code block as plain text plus an inert <template> of its markup.

    Pygments writes a span per token: 3,600 of the 5,900 elements of the quantization chapter.
    Styling and laying them out on load, and Material touching each, cost most of a long
    chapter's main-thread time on a phone. The plain text is what a reader without JavaScript
    (and the copy button) gets; code-highlight.js swaps the colours in as a block nears the
    viewport. The template is kept out of the search index (data-search-exclude)."""
    def split(match: re.Match[str]) -> str:
        body = match.group("body")
        plain = _TAG.sub("", body)
        lead = match.group("lead") or ""
        return (f'<div class="highlight"><pre>{lead}<code>{plain}</code></pre>'
                f'<template class="guide-highlight" data-search-exclude><code>{body}</code>'
                "</template>")

    return _CODE_BLOCK.sub(split, html)


def _add_highlighting(html: str, prefix: str) -> str:
    return html.replace("</body>", f'<script defer src="{prefix}assets/javascripts/'
                        'code-highlight.js"></script>\n</body>', 1)


SEARCH_EXCLUDED = {
    # What the search index leaves out (Material skips elements with data-search-exclude):
    # diagram source and code drown prose in matches on identifiers and one-letter names.
    "diagrams": (_MERMAID_PRE, r'<pre class="mermaid" data-search-exclude\g<rest>>'),
    "code": (re.compile(r'<div class="highlight"(?P<rest>[^>]*)>'),
             r'<div class="highlight" data-search-exclude\g<rest>>'),
}


_TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.S)


def wrap_tables(html: str) -> str:
    """Give each Markdown table the scroll wrapper Material's script would add at load.

    Material wraps every class-less table in div.md-typeset__scrollwrap > div.md-typeset__table
    on page load. Moving a table that late restyled the whole article (Material's tabbed-content
    CSS has :nth-child rules that make any child insertion re-match the parent's subtree): 25 ms
    on a chapter and 120 ms on the glossary, unthrottled. Wrapped here and given a class (so the
    script skips them; guide.css gives them Material's table look), they cost nothing at load,
    and without JavaScript wide tables now scroll too."""
    return _TABLE.sub(r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                      r'<table class="guide-table">\g<body></table></div></div>', html)


_INTERVIEW = re.compile(r'(<h2 id="interview-questions">.*?</h2>)(.*)\Z', re.S)
_REFERENCES = re.compile(r'(<h2 id="references">.*?</h2>\s*<(?:ul|ol))>', re.S)


def exclude_from_search(html: str) -> str:
    """Mark what the search index leaves out. Besides code and diagram source: a chapter's
    interview answers (the question bank indexes every one of them once, with filters and
    the drill; indexed here too they were ten 23 KB catch-all sections that crowded the
    answering section out of the top results) and the reference list (paper titles and
    author names matched topic queries)."""
    for pattern, replacement in SEARCH_EXCLUDED.values():
        html = pattern.sub(replacement, html)
    html = _REFERENCES.sub(r"\1 data-search-exclude>", html, count=1)
    return _INTERVIEW.sub(r'\1<div class="guide-interview" data-search-exclude>\2</div>',
                          html, count=1)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files) -> str:
    html, rendered = prerender_opening_math(html, f"docs/{page.file.src_uri}")
    if rendered:
        _prerendered.add(page.file.src_uri)
    else:
        _prerendered.discard(page.file.src_uri)
    return exclude_from_search(lazy_highlighting(wrap_tables(html)))


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if has_mermaid_blocks(output):
        output = _lazy_mermaid(output, asset_prefix(page))
    if page.file.src_uri in _prerendered:
        output = _add_katex_css(output, asset_prefix(page))
    if 'class="arithmatex"' in output:  # build-rendered ones too: wide ones get keyboard access
        output = _add_katex(output, asset_prefix(page))
    if 'class="guide-highlight"' in output:
        output = _add_highlighting(output, asset_prefix(page))
    return output


# --- A faster HTML handle for mkdocs-mermaid2-plugin ----------------------------------------
# With Material's custom fence, mermaid2's on_post_page only counts `pre.mermaid code` blocks
# and appends one <script> to <body>, yet it parses and re-serialises every page with
# BeautifulSoup's pure-Python parser: about 45% of the whole build here. This stand-in offers
# exactly the calls that code path makes, over plain strings; anything else is refused loudly.

_MERMAID_BLOCK = re.compile(r'<pre\b[^>]*\bclass="mermaid"[^>]*>\s*<code')


class _Script:
    def __init__(self, name: str) -> None:
        if name != "script":
            raise NotImplementedError(f"mermaid2 stand-in: unexpected new_tag({name!r})")
        self.attrs: dict[str, str] = {}
        self.string = ""

    def __setitem__(self, key: str, value: str) -> None:
        self.attrs[key] = value

    def __str__(self) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in self.attrs.items())
        return f"<script{attrs}>{self.string}</script>"


class _PageHtml:
    """The subset of bs4.BeautifulSoup that mermaid2's custom-loader path uses."""

    def __init__(self, html: str, parser: str = "html.parser") -> None:
        self._html = html
        self._appended: list[_Script] = []
        self.body = self

    def select(self, selector: str) -> list[str]:
        if selector != "pre.mermaid code":
            raise NotImplementedError(f"mermaid2 stand-in: unexpected select({selector!r}); "
                                      "is the mermaid fence still fence_mermaid_custom?")
        return _MERMAID_BLOCK.findall(self._html)

    def new_tag(self, name: str, attrs: dict | None = None) -> _Script:
        script = _Script(name)
        for key, value in (attrs or {}).items():
            script[key] = value
        return script

    def append(self, tag: _Script) -> None:
        self._appended.append(tag)

    def __str__(self) -> str:
        extra = "".join(str(tag) for tag in self._appended)
        head, sep, tail = self._html.rpartition("</body>")
        return f"{head}{extra}{sep}{tail}" if sep else self._html + extra


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    import mermaid2.plugin

    mermaid2.plugin.BeautifulSoup = _PageHtml
    return config
