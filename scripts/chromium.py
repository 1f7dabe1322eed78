"""Which Chromium the browser tests and measurements drive, and with which flags."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Headless as root without a sandbox, and no background traffic to hosts we cannot reach.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def executable_path() -> str | None:
    """$CHROMIUM, else Debian's chromium; None lets Playwright use its own download."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None
