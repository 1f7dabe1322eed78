"""`mkdocs serve` (what `scripts/dev.py serve` runs) serves with live reload and settles: the
vendor hook copying mermaid and KaTeX into docs/ must not trigger rebuild after rebuild."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, mkdocs_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_live_reloads_without_a_rebuild_loop(tmp_path):
    port = free_port()
    env = {**mkdocs_env(), "SITE_URL": f"http://127.0.0.1:{port}/"}
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr",
             f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            html = ""
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/prerequisites/",
                                                timeout=2) as response:
                        html = response.read().decode()
                    break
                except OSError:
                    time.sleep(0.3)
            assert "livereload" in html, log.read_text()[-2000:]
            time.sleep(3)  # a reload loop would rebuild within this window
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    builds = log.read_text().count("Documentation built")
    assert builds == 1, log.read_text()[-3000:]
