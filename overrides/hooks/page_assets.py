"""Load mermaid and KaTeX only on the pages that use them, from the site's own files.

- Mermaid: mkdocs-mermaid2-plugin turns each fence into <pre class="mermaid"> and adds a module
  script importing mermaid (the `javascript` path of its config) that loads on page load.
  We rename the blocks to <pre class="guide-diagram"> (so Material's own integration, which
  would draw them into a closed shadow root or fetch mermaid from a CDN, leaves them alone)
  and swap that script for diagrams.js, which imports mermaid from the same path only when a
  diagram nears the viewport and draws it where screen readers and tests can see it.
- KaTeX: pages whose HTML holds arithmatex output get our small renderer, which loads KaTeX
  when the first formula nears the viewport; every other page loads neither.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

_MERMAID_SCRIPT = re.compile(
    r'<script type="module">import mermaid from "(?P<path>[^"]+)";.*?</script>', re.S)
_MERMAID_PRE = re.compile(r'<pre\s+class="mermaid">')  # superfences writes two spaces


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
    return _MERMAID_PRE.sub('<pre class="guide-diagram">', html)


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


def _add_katex(html: str, prefix: str) -> str:
    # render-math.js fetches KaTeX itself when the first formula nears the viewport.
    body = (f'<script defer src="{prefix}assets/javascripts/render-math.js" '
            f'data-katex="{prefix}assets/vendor/katex/"></script>\n')
    return html.replace("</body>", body + "</body>", 1)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if has_mermaid_blocks(output):
        output = _lazy_mermaid(output, asset_prefix(page))
    if 'class="arithmatex"' in output:
        output = _add_katex(output, asset_prefix(page))
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
