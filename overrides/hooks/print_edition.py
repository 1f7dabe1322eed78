"""The print/PDF edition: the overview, the ten chapters and the refresher on one page, in
study order, with a table of contents, every interview answer expanded, diagrams and math
rendered, and internal links pointing inside the page.

print.md is generated with a placeholder; each page's rendered content is captured as it is
built, and on_post_build splices them into the built print page, prefixing every id with the
page's slug so anchors stay unique, and rewriting links between pages into in-page anchors.
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import guide
import page_assets

PRINT_PAGE = "print.md"
PLACEHOLDER = '<div id="print-edition-content"></div>'
# Shown by print-edition.js (a button that does nothing without JavaScript stays hidden).
PRINT_BUTTON = ('<p><button type="button" class="md-button md-button--primary" '
                'id="print-edition-print" hidden>Draw every diagram and formula, then print'
                '</button></p>')
_captured: dict[str, str] = {}
_order: list[tuple[str, str, str]] = []  # (src_uri, url, title) in nav order


def _included(src_uri: str) -> bool:
    return src_uri not in guide.GENERATED_PAGES and src_uri != PRINT_PAGE


def slug_of(url: str) -> str:
    return url.strip("/").replace("/", "-") or "home"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _captured.clear()
    content = ("---\nsearch:\n  exclude: true\n---\n\n# Print Edition\n\n"
               "The whole guide on one page, in study order, with every answer expanded: use "
               "your browser's *Print* (or *Save as PDF*). Diagrams and formulas are drawn as "
               "you scroll; the button draws all of them first, then opens the print dialog."
               "\n\n" + PRINT_BUTTON + "\n\n" + PLACEHOLDER + "\n")
    files.append(File.generated(config, PRINT_PAGE, content=content))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _order[:] = [(p.file.src_uri, p.url, p.title or "") for p in nav.pages
                 if _included(p.file.src_uri)]
    return nav


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _included(page.file.src_uri):
        _captured[page.file.src_uri] = html
    return html


_ID = re.compile(r'(\sid=")([^"]+)(")')
_HREF = re.compile(r'(\shref=")([^"]*)(")')


def rewrite(html: str, page_url: str, slugs: dict[str, str]) -> str:
    """Prefix ids with the page's slug; point links to other included pages at their section."""
    own = slugs[page_url]
    html = _ID.sub(lambda m: f"{m.group(1)}{own}--{m.group(2)}{m.group(3)}", html)

    def link(match: re.Match[str]) -> str:
        href = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("/"):
            return match.group(0)
        path, _, anchor = href.partition("#")
        if not path:
            target = page_url
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_url) or ".",
                                                         path))
            target = "" if resolved == "." else resolved.rstrip("/") + "/"
        if target not in slugs:
            # A page outside the edition (question bank, glossary, assets): the site's copy.
            where = f"../{target}" + (f"#{anchor}" if anchor else "")
            return f"{match.group(1)}{where}{match.group(3)}"
        fragment = f"{slugs[target]}--{anchor}" if anchor else slugs[target]
        return f'{match.group(1)}#{fragment}{match.group(3)}'

    return _HREF.sub(link, html)


def edition_html() -> str:
    slugs = {url: slug_of(url) for _, url, _ in _order}
    toc = ['<nav class="print-toc" aria-label="Contents"><h2 id="print-contents">Contents</h2>'
           "<ol>"]
    toc += [f'<li><a href="#{slugs[url]}">{title}</a></li>' for _, url, title in _order]
    toc.append("</ol></nav>")
    sections = []
    for src, url, title in _order:
        body = rewrite(_captured.get(src, ""), url, slugs)
        body = re.sub(r"<details(?![^>]*\sopen)", "<details open", body)
        sections.append(f'<section class="print-section" id="{slugs[url]}">'
                        f'<p class="print-section__title">{title}</p>{body}</section>')
    return "\n".join(toc + sections)


def on_post_build(*, config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / "print" / "index.html"
    if not target.is_file():
        return
    html = target.read_text(encoding="utf-8")
    html = html.replace(PLACEHOLDER, edition_html(), 1)
    prefix = "../"
    if page_assets.has_mermaid_blocks(html):
        # The spliced pages' diagrams, drawn lazily like on their own pages.
        library = config.plugins["mermaid2"].config["javascript"]
        html = page_assets.mermaid_blocks_to_diagrams(html)
        html = html.replace("</body>", page_assets.diagram_script(prefix, prefix + library)
                            + "</body>", 1)
    if 'data-rendered="build"' in html and "katex.min.css" not in html:
        html = page_assets._add_katex_css(html, prefix)
    if 'class="arithmatex"' in html and "render-math.js" not in html:
        html = page_assets._add_katex(html, prefix)
    html = html.replace("</body>", f'<script defer src="{prefix}assets/javascripts/'
                        'print-edition.js"></script>\n</body>', 1)
    if 'class="guide-highlight"' in html and "code-highlight.js" not in html:
        html = page_assets._add_highlighting(html, prefix)
    if 'class="guide-calculator"' in html and "calculators.js" not in html:
        # The other hooks saw only the placeholder: add what the spliced pages need.
        html = html.replace("</body>", f'<script defer src="{prefix}assets/javascripts/'
                            'calculators.js"></script>\n</body>', 1)
    target.write_text(html, encoding="utf-8")
