"""Load mermaid and KaTeX only on the pages that use them, from the site's own files.

- Mermaid: mkdocs-mermaid2-plugin adds `import mermaid from "assets/..."` to pages with diagrams.
  A bare path is not a valid module specifier on a top-level page, and Material only uses a
  library it finds on `window.mermaid` (otherwise it fetches one from a CDN). Fix both.
- KaTeX: pages whose HTML holds arithmatex output get the stylesheet, the library and our
  small renderer; every other page loads neither.
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
    vendor = f"{prefix}assets/vendor/katex"
    head = f'<link rel="stylesheet" href="{vendor}/katex.min.css">\n'
    body = (
        f'<script defer src="{vendor}/katex.min.js"></script>\n'
        f'<script defer src="{prefix}assets/javascripts/render-math.js"></script>\n'
    )
    html = html.replace("</head>", head + "</head>", 1)
    return html.replace("</body>", body + "</body>", 1)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if "import mermaid from" in output:
        output = _fix_mermaid(output)
    if 'class="arithmatex"' in output:
        output = _add_katex(output, asset_prefix(page))
    return output
