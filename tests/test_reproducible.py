"""Reproducibility: two builds of the same commit are byte-identical, and the only dates in a
build come from git (SOURCE_DATE_EPOCH is set from the last commit), never from the clock."""

from __future__ import annotations

import datetime
import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, mkdocs_env


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def build(site: Path, **env: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                           str(site)], cwd=ROOT, env={**mkdocs_env(), **env},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_two_builds_of_one_commit_are_byte_identical(site, tmp_path):
    # The session build is the first; a second one, in a new process with a different hash
    # seed, must match it file for file, byte for byte.
    second = tmp_path / "again"
    build(second, PYTHONHASHSEED="12345")
    first_files, second_files = digests(site), digests(second)
    assert first_files.keys() == second_files.keys(), \
        sorted(first_files.keys() ^ second_files.keys())[:10]
    differing = [f for f in first_files if first_files[f] != second_files[f]]
    assert not differing, f"{len(differing)} files differ between builds, e.g. {differing[:5]}"


def test_build_dates_come_from_git_not_the_clock(site):
    epoch = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                           capture_output=True, text=True, check=True).stdout.strip()
    commit_day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(__import__("re").findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates and max(dates) <= commit_day, (dates, commit_day)
    header = (site / "sitemap.xml.gz").read_bytes()[4:8]
    assert int.from_bytes(header, "little") <= int(epoch), "sitemap.xml.gz carries build time"
