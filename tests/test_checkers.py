"""Bad input gets a precise error: each case is a small fixture project with one defect, and
asserts the exact finding (message, file, line), a non-zero exit and no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_env
from fixture_project import col_of, complete_chapter, line_of, make_project, question

SCRIPTS = ROOT / "scripts"
HOME = "# Home\n\nStart with [the chapter](a.md) and the [extras](b.md#extra-section).\n"
EXTRA = "# Extras\n\n## Extra section\n\n## A heading with $x^2$ and `code`\n\nText.\n"
NAV = [{"Home": "index.md"}, {"1. Fixture Chapter": "a.md"}, {"Extras": "b.md"}]


def project(tmp_path: Path, chapter: str | None = None, nav=None, **extra: str) -> Path:
    files = {"index.md": HOME, "a.md": chapter or complete_chapter(), "b.md": EXTRA, **extra}
    return make_project(tmp_path, files, nav or NAV)


def run_checker(name: str, config: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(SCRIPTS / name), "--config", str(config), *args],
                          capture_output=True, text=True, timeout=120, env=mkdocs_env())
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


def findings(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stdout.splitlines() if line.startswith("docs/")
            or line.startswith("mkdocs.yml:") or line.startswith("site/")]


# --- clean fixture ---------------------------------------------------------------------------

def test_clean_fixture_has_zero_findings(tmp_path):
    config = project(tmp_path)
    links = run_checker("check_links.py", config)
    assert links.returncode == 0 and findings(links) == [], links.stdout + links.stderr
    assert "0 finding(s)" in links.stdout
    chapters = run_checker("check_chapters.py", config)
    assert chapters.returncode == 0 and findings(chapters) == [], chapters.stdout
    assert "1 complete, 0 draft" in chapters.stdout


# --- check_links -----------------------------------------------------------------------------

@pytest.mark.parametrize(("snippet", "url", "message"), [
    ("See [the missing page](missing.md).\n", "missing.md",
     "broken link: 'missing.md' does not exist (resolved to docs/missing.md)"),
    ("See [the section](b.md#no-such-section).\n", "b.md#no-such-section",
     "anchor '#no-such-section' not found in b.md"),
    ("![A diagram](img/missing.png)\n", "img/missing.png",
     "broken image: 'img/missing.png' does not exist (resolved to docs/img/missing.png)"),
    ("See [ref link][gone].\n\n[gone]: nowhere.md\n", "nowhere.md",
     "broken link: 'nowhere.md' does not exist (resolved to docs/nowhere.md)"),
    ('<a href="b.md#nope">raw html</a>\n', "b.md#nope", "anchor '#nope' not found in b.md"),
    ("See [home](https://llm-study-guide.github.io/llm-study-guide/).\n",
     "https://llm-study-guide.github.io/llm-study-guide/",
     "absolute link into this site (https://llm-study-guide.github.io/llm-study-guide/): "
     "link to the .md file relatively"),
])
def test_check_links_reports_the_exact_place(tmp_path, snippet, url, message):
    chapter = complete_chapter(extra_body="\n" + snippet)
    config = project(tmp_path, chapter)
    proc = run_checker("check_links.py", config)
    line = line_of(chapter, url) if "[gone]:" not in snippet else line_of(chapter, "[gone]:")
    col = col_of(chapter.splitlines()[line - 1] + "\n", url)
    assert proc.returncode == 1
    assert findings(proc) == [f"docs/a.md:{line}:{col}: {message}"], proc.stdout


def test_anchors_follow_the_toc_slugs_for_math_and_code_headings(tmp_path):
    from markdown.extensions.toc import slugify  # the slug MkDocs' toc extension makes

    assert slugify("A heading with x^2 and code", "-") == "a-heading-with-x2-and-code"
    good = "[ok](b.md#a-heading-with-x2-and-code)\n"
    config = project(tmp_path, complete_chapter(extra_body="\n" + good))
    assert run_checker("check_links.py", config).returncode == 0


def test_links_inside_code_are_not_links(tmp_path):
    code = "`[not a link](missing.md)`\n\n```text\n[nor this](gone.md)\n```\n"
    config = project(tmp_path, complete_chapter(extra_body="\n" + code))
    assert run_checker("check_links.py", config).returncode == 0


def test_json_output_lists_findings_and_external_urls(tmp_path):
    config = project(tmp_path, complete_chapter(extra_body="\n[x](missing.md)\n"))
    proc = run_checker("check_links.py", config, "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert [f["path"] for f in data["findings"]] == ["docs/a.md"]
    assert any(e["url"] == "https://arxiv.org/abs/2001.08361" and e["status"] == "unchecked"
               for e in data["external"])


def test_built_site_links_are_checked(tmp_path, site):
    """Nav, header and footer links of the real build resolve; a broken one is reported."""
    proc = subprocess.run([sys.executable, str(SCRIPTS / "check_links.py"), "--site", str(site)],
                          capture_output=True, text=True, timeout=60, env=mkdocs_env())
    assert proc.returncode == 0, proc.stdout
    broken = tmp_path / "site"
    subprocess.run(["cp", "-r", str(site), str(broken)], check=True)
    page = broken / "scaling_laws" / "index.html"
    page.write_text(page.read_text().replace('href="../context_windows/"',
                                              'href="../no_such_page/"', 1))
    proc = subprocess.run([sys.executable, str(SCRIPTS / "check_links.py"), "--site", str(broken)],
                          capture_output=True, text=True, timeout=60, env=mkdocs_env())
    assert proc.returncode == 1
    assert any(f.startswith("site/scaling_laws/index.html:") and "../no_such_page/" in f
               for f in findings(proc)), proc.stdout


def test_external_links_are_fetched_only_on_request(tmp_path):
    """Against a local server: a 200 passes, a 404 is a finding with its source line."""
    sys.path.insert(0, str(SCRIPTS))
    from site_server import serve

    served = tmp_path / "served"
    served.mkdir()
    (served / "ok.html").write_text("ok")
    with serve(served) as base:
        body = f"\n[fine]({base}ok.html) and [gone]({base}missing.html)\n"
        chapter = complete_chapter(extra_body=body)
        config = project(tmp_path / "p", chapter)
        offline = run_checker("check_links.py", config)
        assert offline.returncode == 0, offline.stdout
        online = run_checker("check_links.py", config, "--external", "--retries", "0",
                             "--timeout", "5")
    line = line_of(chapter, "missing.html")
    assert online.returncode == 1
    assert any(f.startswith(f"docs/a.md:{line}:") and "HTTP 404" in f for f in findings(online))
    assert any(s.startswith("ok") and "ok.html" in s for s in online.stdout.splitlines())


def test_unreadable_project_is_a_clear_error(tmp_path):
    proc = run_checker("check_links.py", tmp_path / "nope.yml")
    assert proc.returncode == 2 and "cannot check" in proc.stderr
    proc = run_checker("check_chapters.py", tmp_path / "nope.yml")
    assert proc.returncode == 2 and "cannot read the project" in proc.stderr


# --- check_chapters ---------------------------------------------------------------------------

def chapter_findings(tmp_path: Path, chapter: str, **kwargs) -> list[str]:
    proc = run_checker("check_chapters.py", project(tmp_path, chapter, **kwargs))
    assert proc.returncode == 1, proc.stdout
    return findings(proc)


def test_last_section_must_be_interview_questions(tmp_path):
    chapter = complete_chapter() + "\n## Further reading\n\nMore.\n"
    line = line_of(chapter, "## Further reading")
    assert chapter_findings(tmp_path, chapter) == [
        f"docs/a.md:{line}: the last '##' section must be 'Interview Questions', "
        "found 'Further reading'"]


def test_a_diagram_without_a_text_alternative(tmp_path):
    chapter = complete_chapter(extra_body="\n```mermaid\nflowchart LR\n  X --> Y\n```\n")
    line = line_of(chapter, "```mermaid\nflowchart LR\n  X")
    assert chapter_findings(tmp_path, chapter) == [
        f"docs/a.md:{line}: diagram without a text alternative: add `accTitle:` and "
        "`accDescr:` lines after its first line (CONTRIBUTING.md, Diagrams)"]


def test_content_after_the_questions(tmp_path):
    chapter = complete_chapter(after="\nA stray paragraph after the questions.\n")
    line = line_of(chapter, "A stray paragraph")
    assert chapter_findings(tmp_path, chapter) == [
        f"docs/a.md:{line}: content after the interview questions "
        "(the question blocks must end the page)"]


def test_question_with_an_empty_answer(tmp_path):
    qs = [question(i, "hard" if i <= 4 else "medium") for i in range(1, 16)]
    qs[6] = question(7, answer="")
    chapter = complete_chapter(questions=qs)
    line = line_of(chapter, "/// details | Question 7")
    assert chapter_findings(tmp_path, chapter) == [
        f"docs/a.md:{line}: question with an empty answer"]


def test_bad_data_difficulty(tmp_path):
    qs = [question(i, "hard" if i <= 4 else "medium") for i in range(1, 16)]
    qs[9] = question(10, "extreme")
    chapter = complete_chapter(questions=qs)
    line = line_of(chapter, "/// details | Question 10")
    assert chapter_findings(tmp_path, chapter) == [
        f"docs/a.md:{line}: invalid data-difficulty 'extreme' (allowed: easy, medium, hard)"]


def test_invalid_front_matter_yaml(tmp_path):
    chapter = complete_chapter().replace("roles: [engineer]", "roles: [engineer\nbroken: : :")
    found = chapter_findings(tmp_path, chapter)
    assert len(found) == 1 and found[0].startswith("docs/a.md:")
    assert "invalid front matter YAML" in found[0]
    assert 2 <= int(found[0].split(":")[1]) <= 4


def test_prerequisite_that_does_not_exist(tmp_path):
    chapter = complete_chapter(prerequisites=("no_such_chapter.md",))
    line = line_of(chapter, "prerequisites:")
    assert chapter_findings(tmp_path, chapter) == [
        f"docs/a.md:{line}: prerequisite 'no_such_chapter.md' does not exist in docs/"]


def test_unknown_front_matter_key(tmp_path):
    chapter = complete_chapter().replace("difficulty: High", "difficulty: High\nauthor: me")
    assert chapter_findings(tmp_path, chapter) == [
        "docs/a.md:3: unknown front-matter key 'author' "
        "(allowed: ['difficulty', 'prerequisites', 'roles', 'status'])"]


def test_chapter_file_missing_from_nav(tmp_path):
    config = project(tmp_path, None, **{"orphan.md": complete_chapter("Orphan")})
    proc = run_checker("check_chapters.py", config)
    found = findings(proc)
    assert proc.returncode == 1
    assert found == ["docs/orphan.md:1: page is not listed in nav in mkdocs.yml"]


def test_too_few_questions_hard_ones_and_roles(tmp_path):
    qs = [question(i, "medium") for i in range(1, 11)]
    chapter = complete_chapter(roles=("engineer", "safety"), questions=qs)
    line = line_of(chapter, "## Interview Questions")
    assert chapter_findings(tmp_path, chapter) == [
        f"docs/a.md:{line}: 10 interview questions, at least 15 required",
        f"docs/a.md:{line}: 0 hard questions, at least 4 required",
        f"docs/a.md:{line}: no interview question for the role 'safety' listed in the "
        "front matter",
    ]


def test_drafts_are_listed_not_failed(tmp_path):
    draft = "---\ndifficulty: Medium\nroles: [applied]\nstatus: draft\n---\n\n# Draft\n\n" \
            "## Planned section\n\nPlanned: something.\n"
    proc = run_checker("check_chapters.py", project(tmp_path, draft))
    assert proc.returncode == 0, proc.stdout
    assert "0 complete, 1 draft" in proc.stdout and " draft " in proc.stdout
