"""Shared fixtures: one strict build of the site per session, a localhost server for it, and a
headless Chromium that records console errors, page errors and any non-local request."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import chromium  # noqa: E402
import guide  # noqa: E402
from site_server import serve  # noqa: E402


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Build:
    site: Path
    returncode: int
    log: str
    seconds: float


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """`mkdocs build --strict` of the real project, once per test session."""
    site = tmp_path_factory.mktemp("site")
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT, env=mkdocs_env(), capture_output=True, text=True, timeout=300,
    )
    return Build(site, proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start)


@pytest.fixture(scope="session")
def site(build: Build) -> Path:
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.log[-4000:]}")
    return build.site


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def config() -> dict:
    return guide.load_mkdocs_config()


@pytest.fixture(scope="session")
def chapters(config: dict) -> list[guide.Chapter]:
    return guide.chapters(ROOT, config)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.executable_path(), args=chromium.FLAGS, headless=True
        )
        yield browser
        browser.close()


@dataclass
class Watched:
    """A browser page plus everything that went wrong on it."""

    page: object
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def goto(self, path: str = "") -> None:
        self.page.goto(self.base_url + path, wait_until="load")
        self.page.wait_for_load_state("networkidle")

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request to a non-local host: {u}" for u in self.foreign_requests]
            + [f"failed request: {u}" for u in self.failed_requests]
        )


def open_watched(browser, base_url: str) -> tuple[Watched, object]:
    """A fresh browser context whose page records problems; returns (watched, context)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(
        "window.__uncaught = [];"
        "addEventListener('error', e => __uncaught.push(String(e.message)));"
        "addEventListener('unhandledrejection', e => __uncaught.push(String(e.reason)));"
        # Chromium logs most CSP blocks itself; this makes every one a console error.
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')"
        " + ' at ' + e.sourceFile + ':' + e.lineNumber));")
    page = context.new_page()
    w = Watched(page, base_url)

    def route(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            w.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and w.console_errors.append(m.text))
    page.on("pageerror", lambda e: w.page_errors.append(str(e)))
    def failed(request):
        # A navigation cancels the previous page's pending loads (net::ERR_ABORTED): not a bug.
        if request.url.startswith(base_url) and "ERR_ABORTED" not in (request.failure or ""):
            w.failed_requests.append(f"{request.url} ({request.failure})")

    page.on("requestfailed", failed)
    page.on("response", lambda r: r.status >= 400 and r.url.startswith(base_url)
            and w.failed_requests.append(f"{r.url} (HTTP {r.status})"))
    return w, context


@pytest.fixture
def watched(browser, base_url: str) -> Iterator[Watched]:
    w, context = open_watched(browser, base_url)
    yield w
    context.close()


def pytest_configure(config):
    """The Lighthouse budgets may be skipped on a developer's machine, never in CI."""
    if os.environ.get("CI") and "lighthouse" in (config.option.markexpr or ""):
        raise pytest.UsageError("CI is set: the Lighthouse budgets cannot be deselected "
                                f"(-m {config.option.markexpr!r})")


def pytest_terminal_summary(terminalreporter):
    """Report the executed examples' run time (the issue asks for it in every run)."""
    timings = getattr(sys.modules.get("test_examples"), "TIMINGS", None)
    if not timings:
        return
    total = sum(t for t, _, _ in timings.values())
    terminalreporter.write_sep("-", "executed examples")
    for path, (seconds, ran, skipped) in sorted(timings.items()):
        terminalreporter.write_line(f"{path}: {ran} fence(s) run, {skipped} opted out, "
                                    f"{seconds:.2f} s")
    terminalreporter.write_line(f"total: {total:.2f} s over {len(timings)} page(s)")
