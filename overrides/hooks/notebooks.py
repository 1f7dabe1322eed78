"""Each chapter's Python examples as a Jupyter notebook, generated at build time and published
with the site as ``notebooks/<chapter file stem>.ipynb`` (never committed).

A notebook holds, in order: a title cell, a link back to the chapter page, an install cell (a
no-op where the packages are already there), then the page's ```python fences as code cells,
each preceded by the ``##``/``###`` headings of the section it sits in (headings of sections
without code are left out). A fence's source is the cell's source, exactly as
scripts/run_examples.py runs it. An opted-out fence (``.no-run``) becomes a Markdown cell that
shows the code and the reason the prose gives, so running the notebook never executes it.

Each chapter page gets ``page.meta["notebook"]`` for partials/chapter-header.html: the
notebook's site path (the "Download notebook" link) and, when ``repo_url`` is a GitHub
repository, an "Open in Colab" URL. Colab opens notebooks from a GitHub branch; these are
generated, so the link points at the copy the site publishes on ``extra.notebooks.branch``
(default ``gh-pages``, the branch `mkdocs gh-deploy` pushes the built site to; the Actions
deployment sets ``NOTEBOOK_BRANCH=notebooks`` and pushes them there, scripts/publish_notebooks.py).
"""

from __future__ import annotations

import ast
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import guide
import run_examples

NOTEBOOKS_DIR = "notebooks"
DEFAULT_BRANCH = "gh-pages"
INSTALL_TAG = "install"  # the install cell's tag (the tests execute everything else)
NO_RUN_TAG = run_examples.NO_RUN  # the tag of a Markdown cell that shows an opted-out fence
PIP_NAMES = {"sklearn": "scikit-learn", "yaml": "pyyaml"}  # import name -> package, if different
GENERIC_REASON = ("It is not run here: it needs more than a CPU and the notebook's packages "
                  "(see the chapter page).")
_REASON = re.compile(r"\bnot\b[^.;]*?\b(run|execut)|\bno-run\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[*_`(])")
_HEADING_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
_GITHUB = re.compile(r"^https?://(?:www\.)?github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/*$")
_state: dict[str, dict[str, str]] = {}


def notebook_path(file: str) -> str:
    """The site path of a chapter's notebook: notebooks/<stem>.ipynb (folders flattened)."""
    return f"{NOTEBOOKS_DIR}/{posixpath.splitext(posixpath.basename(file))[0]}.ipynb"


def colab_url(repo_url: str | None, branch: str | None, path: str) -> str | None:
    """Colab's URL for `path` on `branch` of a GitHub repo_url; None when there is none."""
    match = _GITHUB.match((repo_url or "").strip())
    if not match or not branch:
        return None
    owner, repo = match.groups()
    return (f"https://colab.research.google.com/github/{owner}/{repo}/blob/"
            f"{quote(branch, safe='')}/{path}")


def requirements(fences: list[run_examples.Fence]) -> list[str]:
    """Third-party packages the runnable fences import, as pip names, sorted."""
    names: set[str] = set()
    for fence in fences:
        if fence.skipped:
            continue
        try:
            tree = ast.parse(fence.code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    third_party = {n for n in names if n not in sys.stdlib_module_names and n != "__future__"}
    return sorted(PIP_NAMES.get(n, n) for n in third_party)


def install_source(packages: list[str]) -> str:
    """A cell that pip-installs only the missing packages (Colab already has torch and numpy);
    where they are installed it only prints what it checked."""
    if not packages:
        return "# Nothing to install: this notebook uses the Python standard library only."
    modules = {next((m for m, p in PIP_NAMES.items() if p == pkg), pkg): pkg for pkg in packages}
    return "\n".join([
        "# Installs what this notebook needs, only where it is missing: a no-op on Colab and",
        "# wherever the packages are already installed. Every example runs on a CPU.",
        "def _install(modules):",
        "    import importlib.util",
        "    import subprocess",
        "    import sys",
        "",
        "    missing = [p for m, p in modules.items() if importlib.util.find_spec(m) is None]",
        "    if missing:",
        "        subprocess.check_call([sys.executable, '-m', 'pip', 'install', '-q', *missing])",
        "    print('ready:', ', '.join(modules.values()))",
        "",
        "",
        f"_install({modules!r})",
        "del _install",
    ])


def _paragraph_before(lines: list[str], index: int) -> str:
    """The prose paragraph that ends just above line `index` (0-based), joined."""
    end = index - 1
    while end >= 0 and not lines[end].strip():
        end -= 1
    start = end
    while start >= 0 and lines[start].strip() and not re.match(r"\s*(#|`{3,}|~{3,}|///)",
                                                              lines[start]):
        start -= 1
    return " ".join(line.strip() for line in lines[start + 1:end + 1])


def no_run_reason(text: str, fence: run_examples.Fence) -> str:
    """Why an opted-out fence is not run, in the page's own words: the sentences of the
    paragraph above it that say it is not run (or the fence's own leading comments that do)."""
    lines = text.splitlines()
    paragraph = _paragraph_before(lines, fence.line - 1)
    said = [s for s in _SENTENCE_END.split(paragraph) if _REASON.search(s)]
    if said:
        return " ".join(said)
    comments = []
    for line in fence.code.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line.lstrip("# ").strip())
    said = [c for c in comments if _REASON.search(c)]
    return " ".join(said) if said else GENERIC_REASON


def _markdown_fence(code: str) -> str:
    ticks = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
    return f"{ticks}python\n{code}\n{ticks}"


def build_notebook(text: str, *, title: str, number: int, page_link: str | None,
                   site_name: str) -> nbformat.NotebookNode:
    """The notebook of one chapter from its Markdown source."""
    _, _, front_matter_lines = guide.split_front_matter(text)
    fences = run_examples.python_fences(text)
    back = f"[the chapter page]({page_link})" if page_link else "the chapter page"
    intro = (f"# {title}\n\n"
             f"Chapter {number} of *{site_name}*: the chapter's Python examples, in the order "
             f"the page gives them, under the headings of their sections. Read them alongside "
             f"{back}, which derives what each one demonstrates.\n\n"
             "Run the cells top to bottom: later cells use names that earlier ones define.")
    if any(f.skipped for f in fences):
        intro += (" Blocks the page marks *not run* (they need a GPU, a server or an API key) "
                  "are shown as Markdown, not code, so running everything never executes them.")
    cells = [nbformat.v4.new_markdown_cell(intro, id="title"),
             nbformat.v4.new_code_cell(install_source(requirements(fences)), id="install",
                                       metadata={"tags": [INSTALL_TAG]})]
    events = [(line, 0, (level, heading)) for line, level, heading in guide.headings(text)
              if level in (2, 3) and line > front_matter_lines]
    events += [(fence.line, 1, fence) for fence in fences]
    current: dict[int, str | None] = {2: None, 3: None}
    shown: set[int] = set()
    for _, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
        if kind == 0:
            level, heading = item
            current[level] = _HEADING_ATTRS.sub("", heading)
            shown.discard(level)
            if level == 2:
                current[3] = None
                shown.discard(3)
            continue
        for level in (2, 3):
            if current[level] and level not in shown:
                cells.append(nbformat.v4.new_markdown_cell(
                    f"{'#' * level} {current[level]}", id=f"heading-{len(cells)}"))
                shown.add(level)
        fence: run_examples.Fence = item
        if fence.skipped:
            source = (f"**Not run** (`.{NO_RUN_TAG}` on the page, line {fence.line}): "
                      f"{no_run_reason(text, fence)}\n\n{_markdown_fence(fence.code)}")
            cells.append(nbformat.v4.new_markdown_cell(
                source, id=f"no-run-{len(cells)}", metadata={"tags": [NO_RUN_TAG]}))
        else:
            cells.append(nbformat.v4.new_code_cell(fence.code, id=f"code-{len(cells)}"))
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(notebook)
    return notebook


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    site_url = (config.site_url or "").rstrip("/")
    branch = ((config.extra.get("notebooks") or {}).get("branch") or DEFAULT_BRANCH)
    _state.clear()
    taken: dict[str, str] = {}
    for number, entry in enumerate(guide.chapter_entries(config), start=1):
        path = docs / entry.file
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if not run_examples.python_fences(text):
            continue
        target = notebook_path(entry.file)
        if target in taken or files.get_file_from_path(target):
            raise PluginError(f"notebooks: {entry.file} and {taken.get(target, target)} would "
                              f"both publish {target}; rename one of them")
        taken[target] = entry.file
        title = re.sub(r"^\d+\.\s*", "", entry.title)
        link = f"{site_url}/{guide.page_url(entry.file)}" if site_url else None
        try:
            notebook = build_notebook(text, title=title, number=number, page_link=link,
                                      site_name=config.site_name)
        except guide.GuideError:
            continue  # bad front matter: the chapter hooks report it, with its line
        except nbformat.ValidationError as exc:
            raise PluginError(f"notebooks: docs/{entry.file}: {exc}") from None
        files.append(File.generated(config, target, content=nbformat.writes(notebook) + "\n"))
        meta = {"path": target, "filename": posixpath.basename(target)}
        colab = colab_url(config.repo_url, branch, target)
        if colab:
            meta["colab"] = colab
        _state[entry.file] = meta
    return files


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    notebook = _state.get(page.file.src_uri)
    if notebook:
        page.meta["notebook"] = notebook
    return context
