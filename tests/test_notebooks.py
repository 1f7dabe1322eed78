"""Each chapter's notebook (overrides/hooks/notebooks.py): published with the site, valid
nbformat 4, its cells the page's fences exactly, executable end to end on a CPU, and linked from
the chapter header ("Download notebook", "Open in Colab" only where repo_url allows)."""

from __future__ import annotations

import importlib.util
import posixpath
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import guide
import nbclient
import nbformat
import pytest
import run_examples
from conftest import ROOT, mkdocs_env
from fixture_project import complete_chapter, make_project


def _load_hook():
    spec = importlib.util.spec_from_file_location(
        "notebooks_hook", ROOT / "overrides" / "hooks" / "notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _load_hook()
CONFIG = guide.load_mkdocs_config()
CHAPTERS = guide.chapters(ROOT, CONFIG)
WITH_CODE = [c for c in CHAPTERS
             if run_examples.python_fences((ROOT / "docs" / c.file).read_text("utf-8"))]
CELL_TIMEOUT_S = 60
TIMINGS: dict[str, float] = {}


def page_text(chapter: guide.Chapter) -> str:
    return (ROOT / "docs" / chapter.file).read_text(encoding="utf-8")


def read_notebook(site: Path, chapter: guide.Chapter) -> nbformat.NotebookNode:
    path = site / hook.notebook_path(chapter.file)
    assert path.is_file(), f"{chapter.file}: no notebook at {path.relative_to(site)}"
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def page_html(site: Path, file: str) -> str:
    return (site / guide.page_url(file) / "index.html").read_text(encoding="utf-8")


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def fence_cells(notebook) -> list:
    """The cells that stand for fences: code cells but the install cell, and no-run cells."""
    return [c for c in notebook.cells
            if (c.cell_type == "code" and hook.INSTALL_TAG not in tags(c))
            or (c.cell_type == "markdown" and hook.NO_RUN_TAG in tags(c))]


def test_every_chapter_with_python_fences_has_a_notebook(site):
    assert WITH_CODE, "no chapter has python fences"
    expected = {hook.notebook_path(c.file) for c in WITH_CODE}
    published = {p.relative_to(site).as_posix() for p in (site / "notebooks").glob("*.ipynb")}
    assert published == expected
    assert hook.notebook_path("fine_tuning/full_finetune_vs_peft.md") == \
        "notebooks/full_finetune_vs_peft.ipynb"


@pytest.mark.parametrize("chapter", WITH_CODE, ids=lambda c: c.file)
def test_notebook_is_valid_nbformat_4(site, chapter):
    notebook = read_notebook(site, chapter)
    assert notebook.nbformat == 4
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("chapter", WITH_CODE, ids=lambda c: c.file)
def test_notebook_opens_with_title_link_and_install_cell(site, chapter, config):
    notebook = read_notebook(site, chapter)
    title, install = notebook.cells[0], notebook.cells[1]
    assert title.cell_type == "markdown"
    assert title.source.startswith(f"# {chapter.title}\n")
    page = config["site_url"].rstrip("/") + "/" + guide.page_url(chapter.file)
    assert f"]({page})" in title.source, "the title cell links back to the page"
    assert install.cell_type == "code" and tags(install) == [hook.INSTALL_TAG]
    fences = run_examples.python_fences(page_text(chapter))
    for package in hook.requirements(fences):
        assert repr(package) in install.source, install.source
    code = [f.code for f in fences if not f.skipped]
    assert code, "a notebook with only opted-out blocks has nothing to run"


@pytest.mark.parametrize("chapter", WITH_CODE, ids=lambda c: c.file)
def test_cells_are_the_page_fences_exactly_and_in_order(site, chapter):
    notebook = read_notebook(site, chapter)
    fences = run_examples.python_fences(page_text(chapter))
    runnable = [c.source for c in notebook.cells
                if c.cell_type == "code" and hook.INSTALL_TAG not in tags(c)]
    assert runnable == [f.code for f in fences if not f.skipped]
    cells = fence_cells(notebook)
    assert len(cells) == len(fences)
    for cell, fence in zip(cells, fences, strict=True):
        assert (cell.cell_type == "markdown") == fence.skipped, f"fence at line {fence.line}"


def shown_code(markdown: str) -> str:
    match = re.search(r"^(`{3,})python\n(.*)\n\1$", markdown, re.S | re.M)
    assert match, markdown
    return match.group(2)


def test_opted_out_fences_are_markdown_cells_with_their_reason(site):
    seen = 0
    for chapter in WITH_CODE:
        text = page_text(chapter)
        prose = " ".join(text.split())
        fences = run_examples.python_fences(text)
        cells = fence_cells(read_notebook(site, chapter))
        for cell, fence in zip(cells, fences, strict=True):
            if not fence.skipped:
                continue
            seen += 1
            assert cell.cell_type == "markdown" and hook.NO_RUN_TAG in tags(cell)
            assert shown_code(cell.source) == fence.code
            reason = hook.no_run_reason(text, fence)
            assert reason != hook.GENERIC_REASON, f"{chapter.file}:{fence.line}: no reason found"
            assert reason in prose, "the reason is the page's own sentence"
            assert re.search(r"\bnot\b.*\b(run|execut)", reason), reason
            assert f"**Not run** (`.no-run` on the page, line {fence.line}): {reason}" in \
                cell.source
    assert seen >= 1, "the guide has opted-out fences; none were checked"


def test_a_fence_containing_backticks_is_shown_intact():
    code = 'doc = """\n```python\nx = 1\n```\n"""'
    assert shown_code(hook._markdown_fence(code)) == code


def expected_sections(text: str) -> list[tuple[str | None, str | None]]:
    """(## heading, ### heading) each fence sits under, read from the page independently."""
    _, _, skip = guide.split_front_matter(text)
    heads = [(line, level, re.sub(r"\s*\{[^{}]*\}\s*$", "", title))
             for line, level, title in guide.headings(text) if level in (2, 3) and line > skip]
    out = []
    for fence in run_examples.python_fences(text):
        h2 = h3 = None
        for line, level, title in heads:
            if line > fence.line:
                break
            if level == 2:
                h2, h3 = title, None
            else:
                h3 = title
        out.append((h2, h3))
    return out


@pytest.mark.parametrize("chapter", WITH_CODE, ids=lambda c: c.file)
def test_section_headings_come_before_their_fences(site, chapter):
    notebook = read_notebook(site, chapter)
    sections = iter(expected_sections(page_text(chapter)))
    h2 = h3 = None
    for cell in notebook.cells[2:]:
        heading = re.fullmatch(r"(#{2,3}) (.+)", cell.source) if cell.cell_type == "markdown" \
            else None
        if heading and hook.NO_RUN_TAG not in tags(cell):
            if len(heading.group(1)) == 2:
                h2, h3 = heading.group(2), None
            else:
                h3 = heading.group(2)
        elif cell in fence_cells(notebook):
            assert (h2, h3) == next(sections), cell.source[:200]
    assert next(sections, "done") == "done"


@pytest.mark.parametrize("chapter", WITH_CODE, ids=lambda c: c.file)
def test_notebook_executes_end_to_end_on_cpu(site, chapter, tmp_path):
    notebook = read_notebook(site, chapter)
    notebook.cells = [c for c in notebook.cells if hook.INSTALL_TAG not in tags(c)]
    client = nbclient.NotebookClient(
        notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}})
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError, naming the cell, on the first failure
    TIMINGS[chapter.file] = time.perf_counter() - start
    ran = [c for c in notebook.cells if c.cell_type == "code"]
    assert ran and all(c.execution_count for c in ran)


def test_install_cell_is_a_no_op_where_the_packages_are_installed(monkeypatch, capsys):
    packages = hook.requirements(run_examples.python_fences(page_text(WITH_CODE[0])))
    assert packages and set(packages) <= {"numpy", "torch"}

    def no_pip(*args, **kwargs):
        raise AssertionError(f"the install cell ran pip: {args}")

    monkeypatch.setattr(subprocess, "check_call", no_pip)
    namespace: dict[str, object] = {}
    exec(hook.install_source(packages), namespace)
    assert "ready:" in capsys.readouterr().out
    assert set(namespace) == {"__builtins__"}, "the install cell leaves no names behind"
    assert "standard library" in hook.install_source([])


def test_requirements_are_the_third_party_imports_of_runnable_fences():
    fences = [run_examples.Fence(1, "import math\nimport numpy as np\nfrom torch import nn", False),
              run_examples.Fence(5, "import transformers", True),
              run_examples.Fence(9, "from . import x\nimport yaml", False)]
    assert hook.requirements(fences) == ["numpy", "pyyaml", "torch"]


def test_chapter_headers_link_the_notebook_and_colab(site, config):
    repo = re.match(r"https://github\.com/([^/]+)/([^/]+?)/?$", config["repo_url"])
    branch = config["extra"]["notebooks"]["branch"]
    assert repo and branch, "the project's repo_url and extra.notebooks.branch are set"
    for chapter in CHAPTERS:
        html = page_html(site, chapter.file)
        download = re.search(r'<a class="guide-chapter-header__notebook" href="([^"]+)"', html)
        colab = re.search(r'<a class="guide-chapter-header__colab" href="([^"]+)"', html)
        if chapter not in WITH_CODE:
            assert not download and not colab, chapter.file
            continue
        target = hook.notebook_path(chapter.file)
        assert download, f"{chapter.file}: no Download notebook link"
        assert not download.group(1).startswith(("http:", "https:", "/")), "relative link"
        resolved = urljoin("https://x.invalid/" + guide.page_url(chapter.file), download.group(1))
        assert resolved == "https://x.invalid/" + target
        assert (site / target).is_file()
        assert colab, f"{chapter.file}: no Open in Colab link"
        assert colab.group(1) == ("https://colab.research.google.com/github/"
                                  f"{repo.group(1)}/{repo.group(2)}/blob/{branch}/{target}")
        assert ">Download notebook</a>" in html and ">Open in Colab</a>" in html


def test_colab_url_needs_a_github_repository():
    assert hook.colab_url("https://github.com/o/r.git", "gh-pages", "notebooks/a.ipynb") == \
        "https://colab.research.google.com/github/o/r/blob/gh-pages/notebooks/a.ipynb"
    assert hook.colab_url("https://github.com/o/r/", "pages/site", "n.ipynb").endswith(
        "/o/r/blob/pages%2Fsite/n.ipynb")
    for repo_url in ("", None, "https://gitlab.com/o/r", "https://github.com/o"):
        assert hook.colab_url(repo_url, "gh-pages", "n.ipynb") is None
    assert hook.colab_url("https://github.com/o/r", "", "n.ipynb") is None


FIXTURE_FENCES = """
## Code

### A runnable example

```python
x = 2 + 2
assert x == 4
```

The block below is not run by the tests because it needs a GPU.

```python { .no-run }
import torch
torch.ones(1, device="cuda")
```
"""


@pytest.mark.parametrize("repo_url", ["", "https://gitlab.com/o/r"])
def test_colab_link_is_hidden_without_a_github_repo_url(tmp_path, repo_url):
    config = make_project(tmp_path, {
        "index.md": "# Home\n",
        "code.md": complete_chapter("Code Chapter", extra_body=FIXTURE_FENCES),
        "prose.md": complete_chapter("Prose Chapter"),
    }, ["index.md", {"1. Code Chapter": "code.md"}, {"2. Prose Chapter": "prose.md"}])
    config.write_text(config.read_text() + f'repo_url: "{repo_url}"\n')
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                           str(config)], cwd=tmp_path, env=mkdocs_env(), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "site"
    html = (site / "code" / "index.html").read_text(encoding="utf-8")
    assert 'href="../notebooks/code.ipynb" download="code.ipynb"' in html
    assert "Open in Colab" not in html and "colab.research.google.com" not in html
    assert "Download notebook" not in (site / "prose" / "index.html").read_text("utf-8")
    notebook = nbformat.read(site / "notebooks" / "code.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert [c.source for c in notebook.cells if c.cell_type == "code"][1:] == \
        ["x = 2 + 2\nassert x == 4"]
    assert [c.source for c in notebook.cells[2:4]] == ["## Code", "### A runnable example"]
    no_run = notebook.cells[-1]
    assert hook.NO_RUN_TAG in tags(no_run)
    assert "not run by the tests because it needs a GPU" in no_run.source
    assert not (site / "notebooks" / "prose.ipynb").exists()


def test_gh_deploy_publishes_the_notebooks(tmp_path):
    """`mkdocs gh-deploy` into a local bare repository carries the generated notebooks."""
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    env = {**mkdocs_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@localhost"}

    def run(cmd, cwd=tmp_path):
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout

    run(["git", "init", "-q", "--bare", str(remote)])
    work.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "scripts"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, work / name,
                            ignore=shutil.ignore_patterns("vendor", "__pycache__"))
        else:
            shutil.copy2(ROOT / name, work / name)
    (work / "node_modules").symlink_to(ROOT / "node_modules")
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                ["git", "commit", "-qm", "site"], ["git", "remote", "add", "origin", str(remote)]):
        run(cmd, cwd=work)
    run([sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--force", "--no-history",
         "--remote-name", "origin"], cwd=work)
    files = set(run(["git", f"--git-dir={remote}", "ls-tree", "-r", "--name-only",
                     "gh-pages"]).split())
    expected = {hook.notebook_path(c.file) for c in WITH_CODE}
    assert expected <= files, sorted(expected - files)
    assert not any(posixpath.dirname(f) == "notebooks" for f in
                   run(["git", "ls-files"], cwd=work).split()), "notebooks are not committed"


def test_notebook_execution_stays_within_budget():
    """The executions above (run first, in file order) fit the suite's two-minute share."""
    if len(TIMINGS) < len(WITH_CODE):
        pytest.skip("the execution tests did not all run in this session")
    total = sum(TIMINGS.values())
    print(f"notebooks executed in {total:.1f} s: " +
          ", ".join(f"{Path(f).stem} {s:.1f} s" for f, s in TIMINGS.items()))
    assert total < 120, f"executing the notebooks took {total:.1f} s"
