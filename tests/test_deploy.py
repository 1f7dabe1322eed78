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


def test_workflows_and_dependabot_pass_zizmor_with_zero_findings():
    proc = run([tool("zizmor"), "--offline", "--persona", "pedantic", "--format", "plain",
                str(ROOT / ".github")])
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


def test_dependabot_watches_every_pinned_ecosystem():
    import yaml

    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"pip", "npm", "github-actions"}
    for name, update in ecosystems.items():
        assert update["directory"] == "/" and update["schedule"]["interval"], name
        assert update["cooldown"]["default-days"] >= 3, f"{name}: no cooldown"


def test_locks_pin_with_hashes_and_installs_verify_them():
    lock = (ROOT / "requirements.lock").read_text()
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==\S+", lock, re.M)
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", lock.split("\n\n", 1)[-1])
    unhashed = [b.split()[0] for b in blocks if "==" in b.split("\n")[0]
                and "--hash=sha256:" not in b]
    assert len(pins) > 50 and not unhashed, f"pins without a hash: {unhashed[:5]}"
    assert "--require-hashes" in (ROOT / "scripts" / "dev.py").read_text()
    import json

    packages = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    missing = [name for name, p in packages.items() if name and not p.get("link")
               and not p.get("integrity", "").startswith("sha512-")]
    assert not missing, f"npm packages without an integrity hash: {missing[:5]}"


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


# --- Notebooks for "Open in Colab" under the Actions deployment ------------------------------

def _publish(site: Path, remote: Path, *extra: str) -> subprocess.CompletedProcess:
    return run([sys.executable, str(ROOT / "scripts" / "publish_notebooks.py"), "--site",
                str(site), "--remote", str(remote), *extra])


def test_publish_notebooks_pushes_every_chapter_notebook_as_one_commit(site, chapters, tmp_path):
    remote = tmp_path / "remote.git"
    assert run(["git", "init", "-q", "--bare", str(remote)]).returncode == 0
    for attempt in range(2):  # the second deploy replaces the branch instead of adding to it
        proc = _publish(site, remote, "--branch", "notebooks", "--message", f"deploy {attempt}")
        assert proc.returncode == 0, proc.stdout + proc.stderr
    log = run(["git", f"--git-dir={remote}", "log", "--format=%s", "notebooks"])
    assert log.stdout.split("\n")[0] == "deploy 1" and log.stdout.count("\n") == 1, log.stdout
    files = set(run(["git", f"--git-dir={remote}", "ls-tree", "-r", "--name-only",
                     "notebooks"]).stdout.split())
    for chapter in chapters:
        html = (site / guide.page_url(chapter.file) / "index.html").read_text(encoding="utf-8")
        colab = re.search(r'href="https://colab\.research\.google\.com/github/[^/]+/[^/]+/blob/'
                          r'[^/]+/([^"]+)"', html)
        assert colab, f"{chapter.file}: no Colab link"
        assert colab.group(1) in files, f"{colab.group(1)} (Colab link of {chapter.file}) " \
                                        f"is not on the notebooks branch: {sorted(files)}"
    published = run(["git", f"--git-dir={remote}", "show", f"notebooks:{colab.group(1)}"])
    assert published.stdout == (site / colab.group(1)).read_text(encoding="utf-8")


def test_publish_notebooks_fails_clearly_without_notebooks(tmp_path):
    proc = _publish(tmp_path, tmp_path / "nowhere.git", "--branch", "notebooks")
    assert proc.returncode == 1
    assert "no .ipynb files" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_deploy_workflow_points_colab_at_the_branch_it_publishes():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    jobs = workflow["jobs"]
    build_env = next(step["env"] for step in jobs["build"]["steps"]
                     if step.get("name") == "Build")
    branch = build_env["NOTEBOOK_BRANCH"]
    notebooks = jobs["notebooks"]
    assert notebooks["needs"] == "build"
    assert notebooks["permissions"] == {"contents": "write"}
    script = "\n".join(step.get("run", "") for step in notebooks["steps"])
    assert f"publish_notebooks.py --site \"$PAGES/site\" --branch {branch} " in script, script
    assert "./notebooks" in script  # upload-pages-artifact tars the site with ./ paths
    assert branch != "gh-pages", "the Actions deployment leaves gh-pages alone"


def test_the_notebooks_job_script_publishes_from_a_pages_artifact(site, tmp_path):
    """Run the job's own shell script on an artifact tarred the way upload-pages-artifact does."""
    import yaml

    job = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    script = next(step["run"] for step in job["jobs"]["notebooks"]["steps"]
                  if "publish_notebooks" in step.get("run", ""))
    pages, remote = tmp_path / "pages", tmp_path / "remote.git"
    pages.mkdir()
    assert run(["tar", "--directory", str(site), "-cf", str(pages / "artifact.tar"),
                "."]).returncode == 0
    assert run(["git", "init", "-q", "--bare", str(remote)]).returncode == 0
    proc = run(["bash", "-euo", "pipefail", "-c", script.replace("python3", sys.executable)],
               env={**mkdocs_env(), "PAGES": str(pages), "REMOTE": str(remote),
                    "GITHUB_SHA": "abc123"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    log = run(["git", f"--git-dir={remote}", "log", "--format=%s", "notebooks"]).stdout
    assert log.strip() == "Notebooks of abc123"
