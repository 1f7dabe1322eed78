"""Give every chapter the data its header shows: number in the study order, difficulty,
reading time, roles, prerequisites and draft status (rendered by partials/chapter-header.html).

A chapter is a nav entry with a numbered title; its number is its position among them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import guide


def _chapter_pages(nav: Navigation) -> list[Page]:
    return [page for page in nav.pages if guide.is_chapter_title(page.title or "")]


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    chapters = _chapter_pages(nav)
    if page not in chapters:
        return context
    problems = guide.front_matter_problems(page.meta, Path(config.docs_dir))
    if problems:
        raise PluginError(f"{page.file.src_uri}: " + "; ".join(msg for _, msg in problems))
    by_src = {p.file.src_uri: p for p in nav.pages}
    prerequisites = []
    for src in page.meta.get("prerequisites", []):
        target = by_src.get(src)
        if target is None:
            raise PluginError(f"{page.file.src_uri}: prerequisite {src!r} is not in nav")
        prerequisites.append({"title": target.title, "url": target.url})
    page.meta["chapter_header"] = {
        "number": chapters.index(page) + 1,
        "total": len(chapters),
        "difficulty": page.meta["difficulty"],
        "minutes": guide.reading_minutes(page.markdown or ""),
        "roles": [guide.ROLES[role] for role in page.meta["roles"]],
        "prerequisites": prerequisites,
        "draft": page.meta.get("status") == "draft",
    }
    return context
