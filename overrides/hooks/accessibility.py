"""Fixes to the theme's markup that axe-core and Lighthouse flag (tests/test_accessibility.py).

- Material's search overlay is a role="dialog" without a name; screen readers announce it as
  an unnamed dialog. Name it after the search box's own label.
- The abbreviations extension wraps every occurrence of every glossary term in <abbr title>:
  over 600 per chapter, each announced with its expansion by some screen readers, and the
  largest share of a chapter's DOM outside code. Keep the definition on the first use of each
  term in each section (h2), where a reader who jumped there meets it; later uses are text.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_NAMED_DIALOG = ('<div class="md-search" data-md-component="search" role="dialog" '
                 'aria-label="Search">')


def label_search(html: str) -> str:
    return html.replace(_SEARCH_DIALOG, _NAMED_DIALOG, 1)


_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
_SECTION = re.compile(r"(?=<h2[ >])")


def first_use_abbreviations(html: str) -> str:
    """Keep <abbr> on the first use of each term per h2 section; unwrap the rest."""
    def thin(section: str) -> str:
        seen: set[str] = set()

        def keep_first(match: re.Match[str]) -> str:
            term = match.group(1)
            if term in seen:
                return term
            seen.add(term)
            return match.group(0)

        return _ABBR.sub(keep_first, section)

    return "".join(thin(part) for part in _SECTION.split(html))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files) -> str:
    return first_use_abbreviations(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return label_search(output)


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    return label_search(output) if template_name.endswith(".html") else output
