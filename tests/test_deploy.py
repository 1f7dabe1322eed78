"""Deployment: the workflows lint clean, and `mkdocs gh-deploy` publishes a complete site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import guide
import pytest
from conftest import ROOT, mkdocs_env

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed in {BIN}: run `python3 scripts/dev.py setup`")
    return str(path)


def run(cmd: list[str], cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, **kwargs)


def test_both_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml"}


def test_workflows_pass_actionlint():
    proc = run([tool("actionlint"), "-no-color", *map(str, WORKFLOWS)])
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_workflows_pass_zizmor_with_zero_findings():
    proc = run([tool("zizmor"), "--offline", "--persona", "pedantic", "--format", "plain",
                str(ROOT / ".github" / "workflows")])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout, proc.stdout


BROKEN_WORKFLOW = """\
name: broken
on: push
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.head_commit.message }}"
      - run: echo ${{ matrix.missing }}
"""


def test_the_linters_catch_a_broken_workflow(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "broken.yml").write_text(BROKEN_WORKFLOW)
    lint = run([tool("actionlint"), "-no-color", str(workflows / "broken.yml")])
    assert lint.returncode != 0 and "broken.yml:" in lint.stdout, lint.stdout
    audit = run([tool("zizmor"), "--offline", "--format", "plain", str(workflows)])
    assert audit.returncode != 0
    assert "unpinned-uses" in audit.stdout or "template-injection" in audit.stdout, audit.stdout


def test_every_action_is_pinned_by_full_commit_sha():
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text().splitlines(), start=1):
            match = re.search(r"uses:\s*([^\s#]+)", line)
            if match and not match.group(1).startswith("./"):
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match.group(1)), (
                    f"{workflow.name}:{number}: {match.group(1)} is not pinned by commit SHA")


def test_gh_deploy_publishes_a_complete_site(tmp_path):
    """Run `mkdocs gh-deploy` in a throwaway copy of the project whose origin is a local bare
    repository, then read the gh-pages branch back."""
    remote = tmp_path / "remote.git"
    work = tmp_path / "work"
    git_env = {**mkdocs_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@localhost"}
    assert run(["git", "init", "-q", "--bare", str(remote)]).returncode == 0
    work.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "scripts"):
        src = ROOT / name
        if src.is_dir():
            ignore = shutil.ignore_patterns("vendor", "__pycache__")
            shutil.copytree(src, work / name, ignore=ignore)
        else:
            shutil.copy2(src, work / name)
    (work / "node_modules").symlink_to(ROOT / "node_modules")
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                ["git", "commit", "-qm", "site"], ["git", "remote", "add", "origin", str(remote)]):
        proc = run(cmd, cwd=work, env=git_env)
        assert proc.returncode == 0, proc.stderr
    deploy = run([sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--force",
                  "--no-history", "--remote-name", "origin"], cwd=work, env=git_env)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr

    listing = run(["git", f"--git-dir={remote}", "ls-tree", "-r", "--name-only", "gh-pages"])
    assert listing.returncode == 0, listing.stderr
    files = set(listing.stdout.split())
    assert {"index.html", "404.html", "sitemap.xml", ".nojekyll"} <= files
    for entry in guide.nav_entries(guide.load_mkdocs_config(ROOT / "mkdocs.yml")):
        expected = guide.page_url(entry.file) + "index.html"
        assert expected in files, f"{entry.file} was not deployed"
    assert any(f.startswith("assets/vendor/mermaid/") for f in files)
    assert "assets/vendor/katex/katex.min.js" in files
