"""Offline reading: a service worker (sw.js at the site root) that keeps the whole guide.

After the build, this hook writes sw.js with the list of files to keep: every page except the
print edition (2.6 MB; cached when visited), the search index, the theme's and our own
scripts and styles, mermaid, KaTeX with its woff2 fonts. The list's content hash names the
cache, so each deploy replaces the previous copy. assets/javascripts/offline.js registers the
worker once the reader interacts with the page (or 15 s after load): a first visit is never
slowed by it. Pages come from the network when online and from the cache when not; a
missing page falls back to 404.html.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

WORKER = "sw.js"
TEMPLATE = Path(__file__).resolve().parent / "sw.template.js"  # not under assets/: not published
_SKIP_DIRS = ("print/", "notebooks/", "assets/javascripts/lunr/")
_SKIP_SUFFIXES = (".gz", ".map", ".ttf", ".woff", ".ipynb", ".xml")
_KEEP_SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".woff2", ".svg", ".png", ".ico")


def precache_list(site: Path) -> list[tuple[str, str]]:
    """(url relative to the site root, sha256 of the file) for what the worker keeps."""
    entries = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if (not path.is_file() or rel == WORKER or rel.startswith(_SKIP_DIRS)
                or rel.endswith(_SKIP_SUFFIXES) or not rel.endswith(_KEEP_SUFFIXES)):
            continue
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        entries.append((url or "./", hashlib.sha256(path.read_bytes()).hexdigest()))
    return entries


def worker_source(entries: list[tuple[str, str]]) -> str:
    version = hashlib.sha256(json.dumps(entries).encode()).hexdigest()[:16]
    urls = json.dumps([url for url, _ in entries], indent=0)
    return (TEMPLATE.read_text(encoding="utf-8")
            .replace('"__VERSION__"', json.dumps(version))
            .replace("[/* __PRECACHE__ */]", urls))


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    (site / WORKER).write_text(worker_source(precache_list(site)), encoding="utf-8")
