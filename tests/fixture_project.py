"""Small throwaway projects for the bad-input tests: a mkdocs.yml that inherits the real one
(theme, hooks, extensions), its own docs/ and nav."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from conftest import ROOT


def question(n: int, difficulty: str = "medium", roles: str = "engineer",
             answer: str | None = None) -> str:
    body = f"**Answer.** Model answer number {n}, with the key step and the number." \
        if answer is None else answer
    return (f"/// details | Question {n}: how would you size X?\n"
            f"    type: question\n"
            f'    attrs: {{data-role: "{roles}", data-difficulty: {difficulty}}}\n\n'
            f"{body}\n///\n")


def complete_chapter(title: str = "Fixture Chapter", roles: tuple[str, ...] = ("engineer",),
                     prerequisites: tuple[str, ...] = (), questions: list[str] | None = None,
                     after: str = "", extra_body: str = "") -> str:
    fm = ["---", "difficulty: High", f"roles: [{', '.join(roles)}]"]
    if prerequisites:
        fm.append(f"prerequisites: [{', '.join(prerequisites)}]")
    fm.append("---")
    if questions is None:
        role_text = " ".join(roles)
        questions = [question(i, "hard" if i <= 4 else "medium", role_text)
                     for i in range(1, 16)]
    body = textwrap.dedent("""\
        # {title}

        Why interviewers ask about this.

        ## The idea

        The intuition, then the math: $a^2 + b^2 = c^2$.

        $$
        E = mc^2
        $$

        ```mermaid
        flowchart LR
          accTitle: Two boxes
          accDescr: A points to B.
          A --> B
        ```

        ```mermaid
        sequenceDiagram
          accTitle: A greeting
          accDescr: A says hello to B.
          A->>B: hello
        ```
        {extra_body}
        ## Key takeaways

        - One thing to say out loud.

        ## References

        - Author, 2020. [A paper](https://arxiv.org/abs/2001.08361).

        ## Interview Questions

        """).format(title=title, extra_body=extra_body)
    return "\n".join(fm) + "\n\n" + body + "\n".join(questions) + after


def make_project(root: Path, files: dict[str, str], nav: list) -> Path:
    """Write docs/ and a mkdocs.yml inheriting the project's; return the config path."""
    includes = root / "docs" / "includes"
    includes.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "docs" / "includes" / "abbreviations.md", includes / "abbreviations.md")
    for rel, text in files.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    hooks = "\n".join(f"  - {p}" for p in sorted((ROOT / "overrides" / "hooks").glob("*.py"))
                      if p.name != "__init__.py")
    nav_yaml = "\n".join(
        f"  - {item}" if isinstance(item, str) else
        "\n".join(f'  - "{k}": {v}' for k, v in item.items()) for item in nav)
    config = root / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        "docs_dir: docs\n"
        "site_dir: site\n"
        "theme:\n"
        "  name: material\n"
        f"  custom_dir: {ROOT / 'overrides'}\n"
        f"hooks:\n{hooks}\n"
        f"nav:\n{nav_yaml}\n",
        encoding="utf-8",
    )
    return config


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th occurrence of `needle`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def col_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return index - (text.rfind("\n", 0, index) + 1) + 1
