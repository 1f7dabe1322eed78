#!/usr/bin/env python3
"""Check every chapter in nav against the content guide (CONTRIBUTING.md).

    python scripts/check_chapters.py [--config mkdocs.yml] [--format text|json] [--quiet]

Findings print as `path:line: message`; a per-chapter table follows. Exit status: 0 when
there are no findings, 1 when there are, 2 when the project itself cannot be read.
Drafts (`status: draft`) are listed as drafts: their front matter is checked, their content
is not.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import guide

MIN_QUESTIONS = 15
MIN_HARD = 4
MIN_DIAGRAMS = 2
KEY_TAKEAWAYS = "Key takeaways"
REFERENCES = "References"
INTERVIEW_QUESTIONS = "Interview Questions"


@dataclass
class Finding:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Stats:
    file: str
    number: int
    status: str
    words: int = 0
    sections: int = 0
    diagrams: int = 0
    equations: int = 0
    code_blocks: int = 0
    questions: int = 0
    by_difficulty: dict[str, int] = field(default_factory=dict)
    by_role: dict[str, int] = field(default_factory=dict)


def check_chapter(rel: str, text: str, docs_dir: Path, number: int,
                  findings: list[Finding]) -> Stats:
    def report(line: int, message: str) -> None:
        findings.append(Finding(rel, line, message))

    try:
        meta, _, _ = guide.split_front_matter(text, rel)
    except guide.GuideError as exc:
        report(exc.line, exc.message)
        return Stats(rel, number, "invalid")
    if not meta:
        report(1, "missing front matter (difficulty, roles; see CONTRIBUTING.md)")
    else:
        for key, message in guide.front_matter_problems(meta, docs_dir):
            report(guide.front_matter_line(text, key), message)
    draft = meta.get("status") == "draft"
    stats = Stats(rel, number, "draft" if draft else "complete")
    lines = text.splitlines()
    spans = guide.fence_spans(lines)
    heads = guide.headings(text)
    questions = [q for q in guide.details_blocks(text)]
    stats.words = guide.prose_words(text)
    stats.sections = sum(1 for _, level, _ in heads if level == 2)
    stats.diagrams = sum(1 for _, _, info in spans if info.split()[:1] == ["mermaid"])
    for start, end, info in spans:
        body = [line.strip() for line in lines[start + 1:end]]
        if info.split()[:1] == ["mermaid"] and not (
                any(b.startswith("accTitle:") for b in body)
                and any(b.startswith("accDescr:") for b in body)):
            report(start + 1, "diagram without a text alternative: add `accTitle:` and "
                              "`accDescr:` lines after its first line (CONTRIBUTING.md, Diagrams)")
    stats.code_blocks = sum(1 for _, _, info in spans if info.split()[:1] != ["mermaid"])
    stats.equations = len(re.findall(r"^\s*\$\$", text, flags=re.M)) // 2
    stats.questions = sum(1 for q in questions if q.is_question)
    stats.by_difficulty = dict(Counter(q.difficulty for q in questions if q.is_question))
    stats.by_role = dict(Counter(r for q in questions if q.is_question for r in q.roles))
    if draft:
        return stats

    h1 = [line for line, level, _ in heads if level == 1]
    if len(h1) != 1:
        report(h1[1] if len(h1) > 1 else 1, f"a chapter has exactly one H1, found {len(h1)}")
    h2 = [(line, title) for line, level, title in heads if level == 2]
    titles = [title for _, title in h2]
    for required in (KEY_TAKEAWAYS, REFERENCES):
        if required not in titles:
            report(len(lines), f"missing '## {required}' section")
    if not h2 or h2[-1][1] != INTERVIEW_QUESTIONS:
        where = h2[-1][0] if h2 else len(lines)
        last = h2[-1][1] if h2 else "none"
        report(where, f"the last '##' section must be '{INTERVIEW_QUESTIONS}', found '{last}'")
    if REFERENCES in titles:
        start = h2[titles.index(REFERENCES)][0]
        following = [line for line, _ in h2 if line > start]
        end = following[0] if following else len(lines) + 1
        if not re.search(r"\]\(https?://|<https?://", "\n".join(lines[start:end - 1])):
            report(start, "'## References' has no links to its sources")

    iq_line = next((line for line, title in h2 if title == INTERVIEW_QUESTIONS), None)
    in_section = [q for q in questions if iq_line and q.line > iq_line]
    for q in questions:
        if iq_line and q.is_question and q.line < iq_line:
            report(q.line, "question block outside the 'Interview Questions' section")
    for q in in_section:
        check_question(q, report)
    if in_section and h2[-1][1] == INTERVIEW_QUESTIONS:
        trailing = [i for i in range(in_section[-1].end_line, len(lines)) if lines[i].strip()]
        if trailing:
            report(trailing[0] + 1, "content after the interview questions "
                   "(the question blocks must end the page)")
    real = [q for q in in_section if q.is_question]
    if len(real) < MIN_QUESTIONS:
        report(iq_line or len(lines),
               f"{len(real)} interview questions, at least {MIN_QUESTIONS} required")
    hard = sum(1 for q in real if q.difficulty == "hard")
    if hard < MIN_HARD:
        report(iq_line or len(lines), f"{hard} hard questions, at least {MIN_HARD} required")
    covered = {r for q in real for r in q.roles}
    for role in meta.get("roles", []) if isinstance(meta.get("roles"), list) else []:
        if role in guide.ROLES and role not in covered:
            report(iq_line or len(lines), f"no interview question for the role '{role}' "
                   "listed in the front matter")
    if stats.diagrams < MIN_DIAGRAMS:
        report(len(lines), f"{stats.diagrams} Mermaid diagrams, at least {MIN_DIAGRAMS} required")
    return stats


def check_question(q: guide.Question, report) -> None:
    if q.options_error:
        report(q.line + 1, q.options_error)
        return
    if not q.summary:
        report(q.line, "question block without a question on its `/// details |` line")
    if not q.is_question:
        report(q.line, f"block in Interview Questions must be 'type: question', "
               f"got {q.options.get('type')!r}")
        return
    roles = q.roles
    if not roles:
        report(q.line, "question without data-role")
    for role in roles:
        if role not in guide.ROLES:
            report(q.line, f"invalid data-role {role!r} (allowed: {' '.join(guide.ROLES)})")
    if q.difficulty not in guide.QUESTION_DIFFICULTIES:
        report(q.line, f"invalid data-difficulty {q.difficulty!r} "
               f"(allowed: {', '.join(guide.QUESTION_DIFFICULTIES)})")
    if not q.answer:
        report(q.line, "question with an empty answer")
    elif re.fullmatch(r"(\*\*answer\.?\*\*)?\s*(see above\.?)?", q.answer, flags=re.I):
        report(q.answer_line, "the answer must state the answer, not point elsewhere")


def not_in_nav(docs_dir: Path, config: dict, findings: list[Finding]) -> None:
    listed = {e.file for e in guide.nav_entries(config)}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.startswith(("assets/", "includes/")) or rel in listed:
            continue
        findings.append(Finding(f"docs/{rel}", 1, "page is not listed in nav in mkdocs.yml"))


def run(config_path: Path) -> tuple[list[Finding], list[Stats]]:
    config = guide.load_mkdocs_config(config_path)
    docs_dir = guide.docs_dir_of(config, config_path)
    findings: list[Finding] = []
    stats: list[Stats] = []
    for number, entry in enumerate(guide.chapter_entries(config), start=1):
        rel = f"docs/{entry.file}"
        path = docs_dir / entry.file
        if not path.is_file():
            findings.append(Finding("mkdocs.yml", nav_line(config_path, entry.file),
                                    f"nav lists {entry.file}, which does not exist"))
            continue
        stats.append(check_chapter(rel, path.read_text(encoding="utf-8"), docs_dir, number,
                                   findings))
    not_in_nav(docs_dir, config, findings)
    return findings, stats


def nav_line(config_path: Path, file: str) -> int:
    for number, line in enumerate(config_path.read_text(encoding="utf-8").splitlines(), 1):
        if file in line:
            return number
    return 1


def table(stats: list[Stats]) -> str:
    head = (f"{'#':>2} {'chapter':42} {'status':9} {'words':>6} {'secs':>4} {'diag':>4} "
            f"{'eqs':>4} {'code':>4} {'Qs':>3}  {'easy/med/hard':13} roles")
    rows = [head, "-" * len(head)]
    for s in stats:
        d = s.by_difficulty
        diff = f"{d.get('easy', 0)}/{d.get('medium', 0)}/{d.get('hard', 0)}"
        roles = " ".join(f"{r}:{n}" for r, n in sorted(s.by_role.items())) or "-"
        rows.append(f"{s.number:>2} {s.file.removeprefix('docs/'):42} {s.status:9} "
                    f"{s.words:>6} {s.sections:>4} {s.diagrams:>4} {s.equations:>4} "
                    f"{s.code_blocks:>4} {s.questions:>3}  {diff:13} {roles}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", type=Path, default=guide.ROOT / "mkdocs.yml")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--quiet", action="store_true", help="findings and summary only")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        findings, stats = run(args.config.resolve())
    except (OSError, guide.GuideError, ValueError) as exc:
        print(f"check_chapters: cannot read the project: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a checker never shows a traceback: say what broke
        print(f"check_chapters: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - start
    if args.format == "json":
        print(json.dumps({"findings": [asdict(f) for f in findings],
                          "chapters": [asdict(s) for s in stats],
                          "seconds": elapsed}, indent=2))
    else:
        for finding in findings:
            print(finding)
        if not args.quiet:
            print(table(stats))
        drafts = sum(1 for s in stats if s.status == "draft")
        print(f"check_chapters: {len(findings)} finding(s); {len(stats)} chapters "
              f"({len(stats) - drafts} complete, {drafts} draft) in {elapsed:.2f} s")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
