#!/usr/bin/env python3
"""Run the ```python fences of each page in docs/, top to bottom in one namespace per page.

    python scripts/run_examples.py                 # every page
    python scripts/run_examples.py docs/x.md ...   # some pages

A fence whose info string carries the class `.no-run` (```` ```python { .no-run } ````) is
shown but not run: use it for code that needs a GPU, a server or a large model, and say why in
the prose. A failure names the page, the line where the fence starts and the line of the
example that raised, and shows the example's own traceback. Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import guide

NO_RUN = "no-run"


@dataclass
class Fence:
    line: int  # 1-based line of the opening ```
    code: str
    skipped: bool


@dataclass
class PageResult:
    path: str
    ran: int = 0
    skipped: int = 0
    seconds: float = 0.0
    output: str = ""
    failure: str | None = None
    failed_line: int | None = None
    fence_line: int | None = None
    fences: list[Fence] = field(default_factory=list)


def _is_python(info: str) -> tuple[bool, bool]:
    """(is a python fence, is opted out) for an info string."""
    words = re.findall(r"[\w.-]+", info)
    language = words[0].lstrip(".") if words else ""
    classes = {w.lstrip(".") for w in re.findall(r"\.[\w-]+", info)}
    return language in ("python", "py"), NO_RUN in classes


def python_fences(text: str) -> list[Fence]:
    lines = text.splitlines()
    out = []
    for start, end, info in guide.fence_spans(lines):
        is_python, skipped = _is_python(info)
        if not is_python:
            continue
        indent = len(lines[start]) - len(lines[start].lstrip())
        body = [line[indent:] if line[:indent].isspace() else line for line in lines[start + 1:end]]
        out.append(Fence(start + 1, "\n".join(body), skipped))
    return out


def run_page(path: Path, display: str | None = None) -> PageResult:
    display = display or path.as_posix()
    text = path.read_text(encoding="utf-8")
    result = PageResult(display, fences=python_fences(text))
    namespace: dict[str, object] = {"__name__": f"example:{display}"}
    stdout = io.StringIO()
    start = time.perf_counter()
    for fence in result.fences:
        if fence.skipped:
            result.skipped += 1
            continue
        # Pad with newlines so the example's line numbers are the Markdown file's line numbers.
        source = "\n" * fence.line + fence.code
        try:
            code = compile(source, display, "exec")
            with contextlib.redirect_stdout(stdout):
                exec(code, namespace)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == display]
            if isinstance(exc, SyntaxError) and exc.filename == display:
                line = exc.lineno or fence.line
            else:
                line = frames[-1].lineno if frames else fence.line
            shown = traceback.format_exception(exc)
            shown = [s for s in shown if "run_examples.py" not in s]
            result.failure = (f"{display}:{line}: {type(exc).__name__}: {exc} "
                              f"(in the python fence at line {fence.line})\n" + "".join(shown))
            result.failed_line, result.fence_line = line, fence.line
            break
        result.ran += 1
    result.seconds = time.perf_counter() - start
    result.output = stdout.getvalue()
    return result


def pages_with_python(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.md")
                  if "assets/vendor" not in p.as_posix() and python_fences(p.read_text("utf-8")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--verbose", action="store_true", help="show what the examples print")
    args = parser.parse_args(argv)
    pages = args.pages or pages_with_python(guide.ROOT / "docs")
    total, failures = 0.0, 0
    for page in pages:
        if not page.is_file():
            print(f"run_examples: no such page: {page}", file=sys.stderr)
            return 2
        display = page.resolve().relative_to(guide.ROOT).as_posix() \
            if page.resolve().is_relative_to(guide.ROOT) else page.as_posix()
        result = run_page(page, display)
        total += result.seconds
        status = "FAIL" if result.failure else "ok"
        print(f"{status:4} {display}: {result.ran} fence(s) run, {result.skipped} opted out "
              f"(.{NO_RUN}), {result.seconds:.2f} s")
        if args.verbose and result.output:
            print(result.output)
        if result.failure:
            failures += 1
            print(result.failure)
    print(f"run_examples: {len(pages)} page(s), {failures} failing, {total:.2f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
