#!/usr/bin/env python3
"""One entry point for every chore: set up, serve, build, test.

    python3 scripts/dev.py serve   # set up, then serve http://127.0.0.1:8000 with live reload
    python3 scripts/dev.py test    # set up everything, then run the whole test suite
    python3 scripts/dev.py build   # set up everything, then build the site into site/
    python3 scripts/dev.py setup   # only set up: .venv from requirements.lock,
                                   # node_modules from package-lock.json

Standard library only, so it runs before the virtual environment exists. Setup is incremental:
each step is skipped while the lock file it installed from is unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"


class SetupError(Exception):
    pass


def run(cmd: list[str], **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    try:
        subprocess.run(cmd, cwd=ROOT, check=True, **kwargs)
    except FileNotFoundError as exc:
        raise SetupError(f"{cmd[0]} is not installed: {exc}") from None
    except subprocess.CalledProcessError as exc:
        shown = " ".join(map(str, cmd))
        raise SetupError(f"`{shown}` failed with exit code {exc.returncode}") from None


def digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()


def up_to_date(stamp: Path, value: str) -> bool:
    return stamp.is_file() and stamp.read_text().strip() == value


def setup_python() -> None:
    if not VENV_PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".requirements.lock.sha256"
    value = digest(ROOT / "requirements.lock")
    if up_to_date(stamp, value):
        return
    run([str(VENV_PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q",
         "--require-hashes", "-r", "requirements.lock"])
    stamp.write_text(value)


def setup_node() -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SetupError("npm is not installed: install Node.js 20+ "
                         "(Debian: apt-get install nodejs npm)")
    stamp = ROOT / "node_modules" / ".package-lock.json.sha256"
    value = digest(ROOT / "package-lock.json")
    if up_to_date(stamp, value):
        return
    run([npm, "ci", "--no-audit", "--no-fund"])
    stamp.write_text(value)


def chromium_available() -> bool:
    return bool(os.environ.get("CHROMIUM") or Path("/usr/bin/chromium").exists()
                or shutil.which("chromium"))


def setup_browser() -> None:
    """Debian's chromium where it can be installed; Playwright's own download elsewhere."""
    if chromium_available():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        run(["apt-get", "update", "-qq"])
        run(["apt-get", "install", "-y", "-qq", "chromium"])
    else:
        deps = ["--with-deps"] if os.environ.get("GITHUB_ACTIONS") == "true" else []
        run([str(VENV_PYTHON), "-m", "playwright", "install", *deps, "chromium"])


def setup(browser: bool = False) -> None:
    setup_python()
    setup_node()
    if browser:
        setup_browser()


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup", help="install everything from the lock files")
    serve = sub.add_parser("serve", help="serve the site locally with live reload")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    sub.add_parser("build", help="build the site strictly into site/")
    test = sub.add_parser("test", help="run the whole test suite")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed on to pytest")
    args = parser.parse_args(argv)

    try:
        setup(browser=args.command == "test")
    except SetupError as exc:
        print(f"setup failed: {exc}", file=sys.stderr)
        return 2
    python = str(VENV_PYTHON)
    run_env = env()
    if args.command == "serve":
        # Serve at the root of the dev address, not under the GitHub Pages path of site_url.
        run_env.setdefault("SITE_URL", f"http://{args.addr}/")
        cmd = [python, "-m", "mkdocs", "serve", "--strict", "--dev-addr", args.addr]
    elif args.command == "build":
        cmd = [python, "-m", "mkdocs", "build", "--strict"]
    elif args.command == "test":
        cmd = [python, "-m", "pytest", *args.pytest_args]
    else:
        return 0
    print("+", " ".join(cmd), flush=True)
    try:
        return subprocess.run(cmd, cwd=ROOT, env=run_env).returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
