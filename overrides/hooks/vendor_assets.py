"""Serve mermaid and KaTeX from the site itself: copy them from node_modules into docs/.

mkdocs-mermaid2-plugin needs its `javascript:` file to exist under docs_dir while the build
runs, so the copy happens in on_config (before the plugin checks). Files are copied only when
missing or changed, so `mkdocs serve` does not see a change and rebuild in a loop.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"

# (package, files or globs under the package, destination under docs/assets/vendor/)
VENDORED = (
    ("mermaid", ["dist/mermaid.esm.min.mjs"], "mermaid"),
    ("mermaid", ["dist/chunks/mermaid.esm.min/*.mjs"], "mermaid/chunks/mermaid.esm.min"),
    ("katex", ["dist/katex.min.js", "dist/katex.min.css"], "katex"),
    ("katex", ["dist/fonts/*.woff2", "dist/fonts/*.woff", "dist/fonts/*.ttf"], "katex/fonts"),
)


def vendor_sources() -> list[tuple[Path, str]]:
    """Each file to vendor with its destination relative to docs/assets/vendor/."""
    out: list[tuple[Path, str]] = []
    for package, patterns, dest in VENDORED:
        base = NODE_MODULES / package
        if not base.is_dir():
            raise PluginError(
                f"vendor_assets: {base} is missing. Run `npm ci` in {ROOT} "
                "(or the README's setup command) to install the site's front-end libraries."
            )
        for pattern in patterns:
            matches = sorted(base.glob(pattern))
            if not matches:
                raise PluginError(f"vendor_assets: nothing matches {package}/{pattern}")
            out.extend((src, f"{dest}/{src.name}") for src in matches)
    return out


def sync(target: Path) -> int:
    """Copy what changed; return how many files were written."""
    written = 0
    for src, rel in vendor_sources():
        dst = target / rel
        if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        written += 1
    return written


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    sync(Path(config.docs_dir) / "assets" / "vendor")
    return config
