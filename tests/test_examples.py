"""Every ```python fence in docs/ runs, page by page, in one namespace per page."""

from __future__ import annotations

import subprocess
import sys

import pytest
import run_examples
from conftest import ROOT

PAGES = run_examples.pages_with_python(ROOT / "docs")
TIMINGS: dict[str, tuple[float, int, int]] = {}  # reported by conftest's terminal summary


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_examples_run(page):
    result = run_examples.run_page(page, page.relative_to(ROOT).as_posix())
    TIMINGS[result.path] = (result.seconds, result.ran, result.skipped)
    if result.failure:
        pytest.fail(result.failure, pytrace=False)
    assert result.ran + result.skipped == len(result.fences) > 0


FAILING_PAGE = """\
# Page

```python
x = 2
```

Some prose.

```python { .no-run }
raise SystemExit("needs a GPU: never run")
```

```python
def half(v):
    return v / (x - 2)

y = half(1.0)
```
"""


def test_a_failing_fence_names_page_fence_and_line(tmp_path):
    page = tmp_path / "broken.md"
    page.write_text(FAILING_PAGE)
    result = run_examples.run_page(page, "docs/broken.md")
    lines = FAILING_PAGE.splitlines()
    fence_line = lines.index("def half(v):")  # 1-based line of the ``` above it
    raise_line = lines.index("    return v / (x - 2)") + 1
    assert result.fence_line == fence_line and result.failed_line == raise_line
    assert result.failure.startswith(
        f"docs/broken.md:{raise_line}: ZeroDivisionError: float division by zero "
        f"(in the python fence at line {fence_line})")
    assert f'File "docs/broken.md", line {raise_line}, in half' in result.failure
    assert result.ran == 1 and result.skipped == 1


def test_the_cli_exits_non_zero_without_a_traceback_of_its_own(tmp_path):
    page = tmp_path / "broken.md"
    page.write_text(FAILING_PAGE)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "run_examples.py"), str(page)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "1 opted out (.no-run)" in proc.stdout
    assert "run_examples.py" not in proc.stdout  # only the example's own frames are shown


def test_a_syntax_error_points_at_its_line(tmp_path):
    page = tmp_path / "syntax.md"
    page.write_text("# P\n\n```python\nok = 1\ndef broken(:\n```\n")
    result = run_examples.run_page(page, "docs/syntax.md")
    assert result.failed_line == 5 and result.failure.startswith("docs/syntax.md:5: SyntaxError")
