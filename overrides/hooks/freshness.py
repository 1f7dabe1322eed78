"""When each page last changed (from git history), a generated Changelog page of content
changes, and the data for the "Report a mistake on this page" link (partials/page-footer.html).

Without git history (a tarball, a fixture outside the repository) pages simply show no date.
A shallow clone would date everything to its one commit: deploy.yml fetches full history.

Reproducible builds: unless SOURCE_DATE_EPOCH is already set, it is set to the time of the
last commit, so the dates MkDocs stamps on a build (sitemap.xml, sitemap.xml.gz's header)
come from the source, not the clock: two builds of one commit are byte-identical
(tests/test_reproducible.py). Each page's sitemap date is when that page last changed.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import guide

CHANGELOG = "changelog.md"
CHANGELOG_LIMIT = 200
ERRATUM_TEMPLATE = "erratum.yml"  # .github/ISSUE_TEMPLATE/erratum.yml
_history: dict[str, object] = {}


def git_history(docs_dir: Path) -> list[tuple[str, str, list[str]]]:
    """(date, subject, [docs-relative files]) per commit touching docs/, newest first."""
    try:
        top = subprocess.run(["git", "-C", str(docs_dir), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=20, check=True).stdout.strip()
        log = subprocess.run(
            ["git", "-C", top, "log", "--format=%x00%cs%x09%s", "--name-only", "--",
             str(docs_dir)], capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    prefix = posixpath.relpath(docs_dir.resolve().as_posix(), Path(top).resolve().as_posix())
    commits = []
    for chunk in log.split("\0")[1:]:
        header, _, names = chunk.partition("\n")
        date, _, subject = header.partition("\t")
        files = [posixpath.relpath(n, prefix) for n in names.split() if n.startswith(prefix + "/")]
        commits.append((date, subject, [f for f in files if f.endswith(".md")]))
    return commits


def last_changed(commits: list[tuple[str, str, list[str]]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for date, _, files in commits:  # newest first: keep the first date seen per file
        for file in files:
            out.setdefault(file, date)
    return out


def changelog_markdown(commits: list[tuple[str, str, list[str]]], pages: set[str]) -> str:
    out = ["# Changelog", "",
           "Content changes, newest first, from the repository's history (each line is one "
           "commit that changed a page).", ""]
    shown = [(d, s, [f for f in fs if f in pages]) for d, s, fs in commits]
    shown = [c for c in shown if c[2]][:CHANGELOG_LIMIT]
    if not shown:
        out.append("No history is available for this build.")
    for date, subject, files in shown:
        links = ", ".join(f"[{posixpath.splitext(f)[0]}]({f})" for f in files)
        out.append(f"- **{date}**: {subject.replace('|', '/')} ({links})")
    return "\n".join(out) + "\n"


def erratum_url(repo_url: str, page_title: str, page_url: str) -> str:
    """A new-issue link against repo_url, prefilled through the erratum issue form's fields."""
    query = urlencode({"template": ERRATUM_TEMPLATE, "title": f"Erratum: {page_title}",
                       "labels": "erratum", "page": page_url}, quote_via=quote)
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def last_commit_epoch(docs_dir: Path) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(docs_dir), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip() or None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        epoch = last_commit_epoch(Path(config.docs_dir))
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    commits = git_history(Path(config.docs_dir))
    _history["commits"] = commits
    _history["dates"] = last_changed(commits)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages = {f.src_uri for f in files.documentation_pages()} - set(guide.GENERATED_PAGES)
    files.append(File.generated(config, CHANGELOG,
                                content=changelog_markdown(_history.get("commits", []), pages)))
    return files


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    changed = _history.get("dates", {}).get(page.file.src_uri)
    page.meta["last_changed"] = changed
    if changed:  # the sitemap's <lastmod>
        page.update_date = changed
    if config.repo_url:
        absolute = (config.site_url or "") + page.url
        page.meta["erratum_url"] = erratum_url(config.repo_url, page.title or "", absolute)
    return context
