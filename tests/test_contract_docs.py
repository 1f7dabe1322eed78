"""The README and CONTRIBUTING.md tell the truth about the project they describe."""

from __future__ import annotations

import re

import check_chapters
import guide
import run_examples
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    first_block = re.search(r"```bash\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["python3 scripts/dev.py serve", "python3 scripts/dev.py test"]
    assert README.index("```bash") < README.index("## ")
    assert "python3 scripts/dev.py test" in (ROOT / ".ci" / "run").read_text()


def test_readme_study_order_matches_nav(chapters):
    rows = re.findall(r"^\| (\d+) \| ([^|]+?) \| (High|Medium) \|$", README, flags=re.M)
    assert [(int(n), t) for n, t, _ in rows] == [(c.number, c.title) for c in chapters]
    assert [d for _, _, d in rows] == [c.meta["difficulty"] for c in chapters]


def test_readme_screenshots_exist():
    for name in re.findall(r"\]\((\.github/readme/[^)]+\.png)\)", README):
        assert (ROOT / name).is_file(), name


def test_contributing_states_the_rules_the_checkers_enforce():
    assert f"At least {check_chapters.MIN_QUESTIONS} questions per chapter" in CONTRIBUTING
    assert f"at least {check_chapters.MIN_HARD} of them `hard`" in CONTRIBUTING
    assert "Each chapter has\nat least two" in CONTRIBUTING and check_chapters.MIN_DIAGRAMS == 2
    assert f"`{' '.join(guide.ROLES)}`" in CONTRIBUTING
    assert "`easy`, `medium` or `hard`" in CONTRIBUTING
    assert tuple(guide.QUESTION_DIFFICULTIES) == ("easy", "medium", "hard")
    assert f"`.{run_examples.NO_RUN}`" in CONTRIBUTING
    for section in (check_chapters.KEY_TAKEAWAYS, check_chapters.REFERENCES,
                    check_chapters.INTERVIEW_QUESTIONS):
        assert f"## {section}" in CONTRIBUTING
    for key in guide.FRONT_MATTER_KEYS:
        assert key in CONTRIBUTING
