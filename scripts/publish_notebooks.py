"""Push a built site's notebooks/ folder to a branch of its own, for "Open in Colab".

Colab opens a notebook from a file on a GitHub branch. The notebooks are generated at build
time and never committed, and the Actions deployment (deploy-pages) publishes the site without
any branch, so the deploy workflow runs this after the build: the branch then holds exactly
one commit with `notebooks/<chapter>.ipynb`, the paths the chapter headers' Colab links use.

    python3 scripts/publish_notebooks.py --site site --branch notebooks --remote URL

With GH_TOKEN in the environment, git authenticates to an https remote with it (sent as a
header, never written into the URL or a config file). Exit 1 on failure, with the reason.
"""

from __future__ import annotations

import argparse
import base64
import os
import subprocess
import sys
import tempfile
from pathlib import Path

NOTEBOOKS_DIR = "notebooks"


class PublishError(Exception):
    pass


def _git(args: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> str:
    env = {**os.environ, **(extra_env or {}), "GIT_AUTHOR_NAME": "notebooks publisher",
           "GIT_AUTHOR_EMAIL": "notebooks@localhost", "GIT_COMMITTER_NAME": "notebooks publisher",
           "GIT_COMMITTER_EMAIL": "notebooks@localhost", "GIT_TERMINAL_PROMPT": "0"}
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)
    if proc.returncode != 0:
        raise PublishError(f"git {args[0]} failed: {(proc.stderr or proc.stdout).strip()}")
    return proc.stdout


def publish(site: Path, branch: str, remote: str, message: str, token: str | None = None) -> int:
    """Force-push site/notebooks as the only commit of `branch`; returns the notebook count."""
    source = site / NOTEBOOKS_DIR
    notebooks = sorted(source.glob("*.ipynb")) if source.is_dir() else []
    if not notebooks:
        raise PublishError(f"{source}: no .ipynb files (build the site first)")
    auth: dict[str, str] = {}
    if token and remote.startswith("https://"):
        # Through the environment, so the token is in no command line and no file.
        credentials = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        auth = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraHeader",
                "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {credentials}"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / NOTEBOOKS_DIR).mkdir()
        for notebook in notebooks:
            (work / NOTEBOOKS_DIR / notebook.name).write_bytes(notebook.read_bytes())
        (work / "README.md").write_text(
            "Generated notebooks of the guide's chapters, published by the deploy workflow for "
            "Open in Colab. Do not edit: every deployment replaces this branch.\n")
        _git(["init", "-q", "-b", branch], work)
        _git(["add", "-A"], work)
        _git(["commit", "-q", "-m", message], work)
        _git(["push", "-q", "--force", remote, f"HEAD:refs/heads/{branch}"], work, auth)
    return len(notebooks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("--branch", required=True, help="branch to replace, e.g. notebooks")
    parser.add_argument("--remote", required=True, help="git remote URL or path")
    parser.add_argument("--message", default="Notebooks of the published site")
    args = parser.parse_args(argv)
    try:
        count = publish(args.site, args.branch, args.remote, args.message,
                        os.environ.get("GH_TOKEN"))
    except PublishError as exc:
        print(f"publish_notebooks: {exc}", file=sys.stderr)
        return 1
    print(f"publish_notebooks: pushed {count} notebooks to {args.branch}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
