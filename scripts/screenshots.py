#!/usr/bin/env python3
"""Regenerate the README's screenshots: one page of the built site in light and dark.

    .venv/bin/python scripts/screenshots.py [--page scaling_laws/]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium
from measure_performance import build
from site_server import serve

OUT = Path(__file__).resolve().parent.parent / ".github" / "readme"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", default="prerequisites/", help="site path to photograph")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        with serve(site) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium.executable_path(),
                                                 args=chromium.FLAGS)
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": 1280, "height": 800},
                                              color_scheme=scheme)
                page = context.new_page()
                page.goto(base_url + args.page, wait_until="networkidle")
                page.wait_for_timeout(500)
                target = OUT / f"chapter-{scheme}.png"
                page.screenshot(path=str(target))
                context.close()
                print(f"wrote {target.relative_to(OUT.parent.parent)}")
            browser.close()
    subprocess.run(["git", "add", str(OUT)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
