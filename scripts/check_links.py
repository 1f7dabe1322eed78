#!/usr/bin/env python3
"""Check every link and image in docs/ and, with --site, in the built site.

    python scripts/check_links.py               # docs/ sources, offline
    python scripts/check_links.py --site site   # ... and the built HTML (nav, header, footer)
    python scripts/check_links.py --external    # ... and fetch each external URL

Each page is rendered with the project's own Markdown extensions, so a link inside code is not
a link, and anchors are the ids the toc extension really produces (headings with math or code
included). Findings print as `path:line:col: message`, with the line where the link is written.
Exit status: 0 no findings, 1 findings, 2 the project cannot be read.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import html
import json
import posixpath
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import guide

CACHE = guide.ROOT / ".cache" / "check_links" / "external.json"
CACHE_TTL_S = 24 * 3600
URL_ATTRS = {"a": "href", "img": "src", "link": "href", "script": "src", "source": "src",
             "iframe": "src", "audio": "src", "video": "src", "embed": "src"}
LOADED_TAGS = {"img", "script", "source", "iframe", "audio", "video", "embed"}


@dataclass
class Finding:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


@dataclass
class Link:
    tag: str
    url: str
    path: str  # where it is written (docs/... or site/...)
    line: int
    col: int
    is_headerlink: bool = False


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, int, int, bool]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        attr = URL_ATTRS.get(tag)
        if attr and a.get(attr) is not None:
            line, col = self.getpos()
            if tag == "link" and a.get("rel") in ("canonical", "alternate"):
                return
            self.links.append((tag, a[attr], line, col + 1, "headerlink" in (a.get("class") or "")))


def parse_html(text: str) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(text)
    parser.close()
    return parser


class Project:
    """The docs, rendered once with the project's Markdown configuration."""

    def __init__(self, config_path: Path):
        import markdown

        if not config_path.is_file():
            raise FileNotFoundError(f"no such config file: {config_path}")
        self.config_path = config_path
        self.config = guide.load_mkdocs_config(config_path)
        self.docs_dir = guide.docs_dir_of(self.config, config_path)
        self.site_url = self.config.get("site_url") or ""
        self.site_host = urlsplit(self.site_url).netloc
        self.site_path = urlsplit(self.site_url).path or "/"
        extensions, configs = markdown_setup(self.config)
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self.pages: dict[str, tuple[str, int, _LinkParser]] = {}

    def page(self, rel: str) -> tuple[str, int, _LinkParser]:
        """(Markdown source, lines of front matter, parsed render) of docs/<rel>."""
        if rel not in self.pages:
            text = (self.docs_dir / rel).read_text(encoding="utf-8")
            try:
                _, body, offset = guide.split_front_matter(text, rel)
            except guide.GuideError:
                body, offset = text, 0
            self._md.reset()
            rendered = self._md.convert(body)
            self.pages[rel] = (text, offset, parse_html(rendered))
        return self.pages[rel]

    def markdown_files(self) -> list[str]:
        return sorted(p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md")
                      if not p.relative_to(self.docs_dir).as_posix().startswith(
                          ("assets/", "includes/")))


def markdown_setup(config: dict) -> tuple[list[str], dict[str, dict]]:
    """The site's Markdown extensions, minus what cannot change a link: no syntax highlighting
    and no appended abbreviations (both only cost time here)."""

    def resolved(value):
        if isinstance(value, guide.PythonName):
            return value.resolve()
        if isinstance(value, dict):
            return {k: resolved(v) for k, v in value.items()}
        if isinstance(value, list):
            return [resolved(v) for v in value]
        return value

    extensions, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        extensions.append(name)
        configs[name] = resolved(options or {})
    configs.setdefault("pymdownx.highlight", {})["use_pygments"] = False
    configs.get("pymdownx.snippets", {}).pop("auto_append", None)
    return extensions, configs


def locate(source: str, url: str, start: int) -> tuple[int, int, int]:
    """Line and column (1-based) where `url` is written at or after offset `start`."""
    candidates = [url, html.escape(url, quote=False), url.replace("&", "&amp;")]
    for candidate in candidates:
        index = source.find(candidate, start)
        if index < 0:
            index = source.find(candidate)
        if index >= 0:
            line = source.count("\n", 0, index) + 1
            col = index - (source.rfind("\n", 0, index) + 1) + 1
            return line, col, index + 1
    return 1, 1, start


def classify(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return "external"
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return "other"
    if parts.scheme or parts.netloc:
        return "external" if parts.netloc else "other"
    if url.startswith("/"):
        return "root"
    return "relative"


def check_docs(project: Project, findings: list[Finding], externals: dict[str, Link]) -> int:
    count = 0
    for rel in project.markdown_files():
        source, _, parsed = project.page(rel)
        where = f"docs/{rel}"
        cursor = 0
        for tag, url, _, _, headerlink in parsed.links:
            if headerlink:
                continue
            count += 1
            line, col, cursor = locate(source, url, cursor)
            link = Link(tag, url, where, line, col)
            kind = classify(url)
            if kind == "external":
                host = urlsplit(url).netloc
                if project.site_host and host == project.site_host:
                    findings.append(Finding(where, line, col, f"absolute link into this site "
                                            f"({url}): link to the .md file relatively"))
                elif tag in LOADED_TAGS:
                    findings.append(Finding(where, line, col, f"{tag} loaded from a third-party "
                                            f"host ({url}): serve it from docs/"))
                else:
                    externals.setdefault(url, link)
            elif kind == "root":
                findings.append(Finding(where, line, col, f"root-absolute link '{url}' breaks "
                                        "under a site path: use a relative link"))
            elif kind == "relative":
                problem = resolve_doc_link(project, rel, url, tag)
                if problem:
                    findings.append(Finding(where, line, col, problem))
    return count


def resolve_doc_link(project: Project, rel: str, url: str, tag: str) -> str | None:
    parts = urlsplit(url)
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if not path:
        ids = project.page(rel)[2].ids
        return None if not anchor or anchor in ids else f"anchor '#{anchor}' not found in {rel}"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    kind = "image" if tag == "img" else "link"
    if target.startswith("../") or target == "..":
        return f"broken {kind}: '{url}' points outside docs/"
    full = project.docs_dir / target
    if target in guide.GENERATED_PAGES:
        return None  # built by a hook; its anchors are checked in the built site (--site)
    if not full.exists():
        return f"broken {kind}: '{url}' does not exist (resolved to docs/{target})"
    if full.is_dir():
        return f"link '{url}' points at a folder: link to the .md file"
    if anchor and target.endswith(".md"):
        ids = project.page(target)[2].ids
        if anchor not in ids:
            return f"anchor '#{anchor}' not found in {target}"
    return None


_TAG = re.compile(r"<(a|img|link|script|source|iframe|audio|video|embed)\b([^>]*)>", re.I)
_ATTR = re.compile(r'\b(href|src|rel)\s*=\s*"([^"]*)"', re.I)
_ID = re.compile(r'\s(?:id|name)="([^"]+)"')


def scan_built_page(text: str) -> tuple[list[tuple[str, str, int, int]], set[str]]:
    """(tag, url, line, col) of every link-bearing tag, and the page's ids. The built pages are
    MkDocs' own well-formed output, so a tag scanner is exact here and ~10x faster than a
    full HTML parse (which the Markdown side still uses)."""
    import bisect

    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    links = []
    for match in _TAG.finditer(text):
        tag = match.group(1).lower()
        attrs = {k.lower(): html.unescape(v) for k, v in _ATTR.findall(match.group(2))}
        url = attrs.get("src" if tag in LOADED_TAGS else "href")
        if url is None or (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
            continue
        line = bisect.bisect_right(starts, match.start())
        links.append((tag, url, line, match.start() - starts[line - 1] + 1))
    return links, set(_ID.findall(text))


def check_site(project: Project, site: Path, findings: list[Finding],
               externals: dict[str, Link]) -> int:
    id_cache: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in id_cache:
            id_cache[path] = scan_built_page(path.read_text(encoding="utf-8"))[1]
        return id_cache[path]

    count = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        where = f"site/{rel}"
        links, id_cache[page] = scan_built_page(page.read_text(encoding="utf-8"))
        for tag, url, line, col in links:
            count += 1
            kind = classify(url)
            if kind == "external":
                host = urlsplit(url).netloc
                if tag in LOADED_TAGS or tag == "link":
                    findings.append(Finding(where, line, col,
                                            f"<{tag}> loads from another host: {url}"))
                elif host != project.site_host:
                    externals.setdefault(url, Link(tag, url, where, line, col))
                continue
            if kind == "other":
                continue
            parts = urlsplit(url)
            path, anchor = unquote(parts.path), unquote(parts.fragment)
            if kind == "root":
                if not path.startswith(project.site_path):
                    findings.append(Finding(where, line, col, f"root-absolute link outside "
                                            f"the site path: {url}"))
                    continue
                target_rel = path[len(project.site_path):]
            else:
                target_rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)) \
                    if path else rel
            target = site / target_rel
            if target.is_dir() or (path.endswith("/") and not target_rel.endswith(".html")):
                target = target / "index.html"
            if not target.is_file():
                findings.append(Finding(where, line, col, f"broken link in built site: '{url}'"))
            elif anchor and target.suffix == ".html" and anchor not in ids_of(target):
                findings.append(Finding(where, line, col, f"anchor '#{anchor}' not found in "
                                        f"{target.relative_to(site).as_posix()}"))
    return count


# --- external links, only with --external ---------------------------------------------------

def _load_cache() -> dict[str, dict]:
    try:
        return json.loads(CACHE.read_text())
    except (OSError, ValueError):
        return {}


def check_external(urls: list[str], timeout: float, retries: int, per_host: int,
                   workers: int) -> dict[str, tuple[str, str]]:
    """{url: (status, detail)} with status 'ok' or 'fail'."""
    cache = _load_cache()
    now = time.time()
    results: dict[str, tuple[str, str]] = {}
    todo = []
    for url in urls:
        hit = cache.get(url)
        if hit and hit["status"] == "ok" and now - hit["checked_at"] < CACHE_TTL_S:
            results[url] = ("ok", hit["detail"] + " (cached)")
        else:
            todo.append(url)
    hosts: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    lock = threading.Lock()

    def fetch(url: str) -> tuple[str, str]:
        with lock:
            semaphore = hosts[urlsplit(url).netloc]
        delay = 1.0
        detail = ""
        for attempt in range(retries + 1):
            with semaphore:
                for method in ("HEAD", "GET"):
                    request = urllib.request.Request(
                        url, method=method, headers={"User-Agent": "llm-study-guide-linkcheck"})
                    try:
                        with urllib.request.urlopen(request, timeout=timeout) as response:
                            return "ok", f"HTTP {response.status}"
                    except urllib.error.HTTPError as exc:
                        detail = f"HTTP {exc.code}"
                        if exc.code in (403, 405, 501) and method == "HEAD":
                            continue  # some servers refuse HEAD: try GET
                        if exc.code not in (429, 500, 502, 503, 504):
                            return "fail", detail
                        break
                    except (urllib.error.URLError, TimeoutError, OSError) as exc:
                        detail = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
                        break
            if attempt < retries:
                time.sleep(delay)
                delay *= 2
        return "fail", detail

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for url, result in zip(todo, pool.map(fetch, todo), strict=True):
            results[url] = result
            cache[url] = {"status": result[0], "detail": result[1], "checked_at": now}
    with contextlib.suppress(OSError):
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps(cache, indent=1, sort_keys=True))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", type=Path, default=guide.ROOT / "mkdocs.yml")
    parser.add_argument("--site", type=Path, help="also check this built site")
    parser.add_argument("--external", action="store_true", help="fetch external URLs")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    findings: list[Finding] = []
    externals: dict[str, Link] = {}
    try:
        project = Project(args.config.resolve())
        internal = check_docs(project, findings, externals)
        if args.site:
            if not (args.site / "index.html").is_file():
                print(f"check_links: {args.site} is not a built site (no index.html)",
                      file=sys.stderr)
                return 2
            internal += check_site(project, args.site.resolve(), findings, externals)
    except Exception as exc:  # a checker never shows a traceback: say what broke
        print(f"check_links: cannot check {args.config}: {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return 2

    statuses: dict[str, tuple[str, str]] = {}
    if args.external and externals:
        statuses = check_external(sorted(externals), args.timeout, args.retries,
                                  args.per_host, args.workers)
        for url, (status, detail) in sorted(statuses.items()):
            if status != "ok":
                link = externals[url]
                findings.append(Finding(link.path, link.line, link.col,
                                        f"external link fails ({detail}): {url}"))
    elapsed = time.perf_counter() - start
    findings.sort(key=lambda f: (f.path, f.line, f.col))
    summary = (f"check_links: {len(findings)} finding(s); {internal} links checked, "
               f"{len(externals)} external URLs "
               f"{'fetched' if args.external else 'collected (not fetched; use --external)'}"
               f" in {elapsed:.2f} s")
    if args.format == "json":
        print(json.dumps({
            "findings": [asdict(f) for f in findings],
            "external": [{"url": url, "first_use": f"{use.path}:{use.line}:{use.col}",
                          "status": statuses.get(url, ("unchecked", ""))[0],
                          "detail": statuses.get(url, ("", ""))[1]}
                         for url, use in sorted(externals.items())],
            "summary": summary,
        }, indent=2))
    else:
        for url, (status, detail) in sorted(statuses.items()):
            print(f"{status:4} {detail:24} {url}")
        for finding in findings:
            print(finding)
        print(summary)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
