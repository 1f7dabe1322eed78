"""Last-changed dates, the generated changelog and the errata link (hooks/freshness.py)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import guide
import yaml
from conftest import ROOT

spec = importlib.util.spec_from_file_location("freshness_hook",
                                              ROOT / "overrides" / "hooks" / "freshness.py")
freshness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(freshness)
TEMPLATE = ROOT / ".github" / "ISSUE_TEMPLATE" / freshness.ERRATUM_TEMPLATE


def page_html(site, file: str) -> str:
    return (site / guide.page_url(file) / "index.html").read_text(encoding="utf-8")


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_every_chapter_shows_when_it_last_changed(site, chapters):
    for chapter in chapters:
        expected = git("log", "-1", "--format=%cs", "--", f"docs/{chapter.file}")
        html = page_html(site, chapter.file)
        if expected:  # committed files only (a fresh edit has no date yet)
            assert f'<time datetime="{expected}">' in html, chapter.file


def test_errata_link_prefills_the_issue_form(site, chapters, config):
    form = yaml.safe_load(TEMPLATE.read_text())
    field_ids = {item["id"] for item in form["body"] if "id" in item}
    assert "page" in field_ids and form["labels"] == ["erratum"]
    for chapter in chapters:
        html = page_html(site, chapter.file)
        href = re.search(r'class="guide-erratum" href="([^"]+)"', html).group(1)
        url = urlsplit(href.replace("&amp;", "&"))
        assert f"{url.scheme}://{url.netloc}{url.path}" == config["repo_url"] + "/issues/new"
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert query["template"] == TEMPLATE.name
        assert query["title"] == f"Erratum: {chapter.nav_title}"
        assert query["page"] == config["site_url"] + guide.page_url(chapter.file)
        assert set(query) - {"template", "title", "labels"} <= field_ids


def test_changelog_lists_the_latest_content_change(site):
    subject = git("log", "-1", "--format=%s", "--", "docs", ":!docs/includes", ":!docs/assets")
    html = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert subject[:40] in text


def test_no_git_history_means_no_dates_not_a_crash(tmp_path):
    assert freshness.git_history(tmp_path) == []
    assert "No history is available" in freshness.changelog_markdown([], set())
