"""Load mermaid and KaTeX only on the pages that use them, from the site's own files.

- Mermaid: mkdocs-mermaid2-plugin adds `import mermaid from "assets/..."` to pages with diagrams.
  A bare path is not a valid module specifier on a top-level page, and Material only uses a
  library it finds on `window.mermaid` (otherwise it fetches one from a CDN). Fix both.
- KaTeX: pages whose HTML holds arithmatex output get our small renderer, which loads KaTeX
  when the first formula nears the viewport; every other page loads neither.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_MERMAID_IMPORT = re.compile(r'import mermaid from "(?P<path>[^"]+)";')


def asset_prefix(page: Page) -> str:
    """Relative path from the page's URL to the site root ('' or '../' ...)."""
    directory = posixpath.dirname(page.url) if not page.url.endswith("/") else page.url
    depth = len([part for part in directory.split("/") if part])
    return "../" * depth


def _fix_mermaid(html: str) -> str:
    def relative(match: re.Match[str]) -> str:
        path = match.group("path")
        if not path.startswith((".", "/", "http")):
            path = "./" + path
        return f'import mermaid from "{path}";\nwindow.mermaid = mermaid;'

    return _MERMAID_IMPORT.sub(relative, html, count=1)


def _add_katex(html: str, prefix: str) -> str:
    # render-math.js fetches KaTeX itself when the first formula nears the viewport.
    body = (f'<script defer src="{prefix}assets/javascripts/render-math.js" '
            f'data-katex="{prefix}assets/vendor/katex/"></script>\n')
    return html.replace("</body>", body + "</body>", 1)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if "import mermaid from" in output:
        output = _fix_mermaid(output)
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
