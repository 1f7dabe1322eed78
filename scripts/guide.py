"""The guide's content model, shared by the build hooks, the checkers and the tests.

One source of truth for: the study order (``nav`` in mkdocs.yml), which pages are chapters,
front matter and its rules, and reading time. See CONTRIBUTING.md for the contract.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

ROLES: dict[str, str] = {
    "research": "Research scientists",
    "engineer": "ML/LLM engineers",
    "applied": "Applied AI engineers",
    "safety": "Safety researchers",
}
DIFFICULTIES = ("High", "Medium")
QUESTION_DIFFICULTIES = ("easy", "medium", "hard")
FRONT_MATTER_KEYS = {"difficulty", "roles", "prerequisites", "status"}
STATUSES = ("draft",)
WORDS_PER_MINUTE = 200

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.S)
_FENCE = re.compile(r"^(`{3,}|~{3,})")


class GuideError(Exception):
    """A problem in the content, located at ``path:line``."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its tags (!ENV, !!python/name)."""


@dataclass(frozen=True)
class PythonName:
    """A `!!python/name:module.attr` reference, kept unresolved."""

    dotted: str

    def resolve(self) -> Any:
        import importlib

        module, _, attr = self.dotted.rpartition(".")
        return getattr(importlib.import_module(module), attr)


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix.startswith("name:"):
        return PythonName(suffix[len("name:"):])
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        if suffix.lstrip("!") == "ENV" and items:  # !ENV [VAR, ..., default], as MkDocs reads it
            return next((os.environ[v] for v in items[:-1] if v in os.environ), items[-1])
        return items
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)


_PermissiveLoader.add_multi_constructor("!", _unknown_tag)
_PermissiveLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT rule: mappings merge key by key, anything else is replaced."""
    out = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_mkdocs_config(path: Path | None = None) -> dict[str, Any]:
    """mkdocs.yml as data (tags left unexecuted), following INHERIT like MkDocs does."""
    path = path or ROOT / "mkdocs.yml"
    with open(path, encoding="utf-8") as fh:
        config = yaml.load(fh, Loader=_PermissiveLoader) or {}  # safe: a SafeLoader subclass
    parent = config.pop("INHERIT", None)
    if parent:
        config = _merge(load_mkdocs_config((Path(path).parent / parent).resolve()), config)
    return config


@dataclass(frozen=True)
class NavEntry:
    title: str
    file: str  # relative to docs_dir, forward slashes


def nav_entries(config: dict[str, Any]) -> list[NavEntry]:
    """The nav flattened in order (sections are walked depth-first)."""
    out: list[NavEntry] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, str):
                out.append(NavEntry(item, item))
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value)
                    elif isinstance(value, str) and not re.match(r"^[a-z]+://", value):
                        out.append(NavEntry(str(title), value))

    walk(config.get("nav") or [])
    return out


def page_url(file: str) -> str:
    """The site path MkDocs gives a docs file with directory URLs ('' for index.md)."""
    stem = file.removesuffix(".md")
    if stem == "index":
        return ""
    return (stem.removesuffix("/index") if stem.endswith("/index") else stem) + "/"


def split_front_matter(text: str, path: Path | str = "<text>") -> tuple[dict[str, Any], str, int]:
    """Return (meta, body, number of lines the front matter takes). Raises GuideError."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    raw = match.group(1) or ""
    try:
        meta = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening ---, +1 for 1-based
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GuideError(path, line, f"invalid front matter YAML: {problem}") from None
    if not isinstance(meta, dict):
        raise GuideError(path, 2, "front matter must be a YAML mapping")
    consumed = text[: match.end()].count("\n")
    return meta, text[match.end() :], consumed


def front_matter_problems(meta: dict[str, Any], docs_dir: Path) -> list[tuple[str, str]]:
    """Contract violations of a chapter's front matter as (key, message) pairs."""
    problems: list[tuple[str, str]] = []
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            problems.append(
                (key, f"unknown front-matter key {key!r} (allowed: {sorted(FRONT_MATTER_KEYS)})")
            )
    difficulty = meta.get("difficulty")
    if difficulty not in DIFFICULTIES:
        problems.append(
            ("difficulty", f"difficulty must be one of {list(DIFFICULTIES)}, got {difficulty!r}")
        )
    roles = meta.get("roles")
    if not isinstance(roles, list) or not roles:
        problems.append(("roles", f"roles must be a non-empty list of {sorted(ROLES)}"))
    else:
        for role in roles:
            if role not in ROLES:
                problems.append(("roles", f"unknown role {role!r} (allowed: {sorted(ROLES)})"))
    prereqs = meta.get("prerequisites", [])
    if not isinstance(prereqs, list):
        problems.append(("prerequisites", "prerequisites must be a list of chapter files"))
    else:
        for prereq in prereqs:
            if not isinstance(prereq, str) or not (docs_dir / prereq).is_file():
                problems.append(
                    ("prerequisites", f"prerequisite {prereq!r} does not exist in docs/")
                )
    status = meta.get("status")
    if status is not None and status not in STATUSES:
        problems.append(("status", f"status must be 'draft' or absent, got {status!r}"))
    return problems


def front_matter_line(text: str, key: str) -> int:
    """1-based line of ``key:`` in the front matter (1 if absent)."""
    for number, line in enumerate(text.splitlines()[:60], start=1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1


@dataclass
class Chapter:
    number: int
    title: str  # the nav title without its "N. " prefix
    nav_title: str
    file: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def is_draft(self) -> bool:
        return self.meta.get("status") == "draft"


_CHAPTER_TITLE = re.compile(r"^(\d+)\.\s+(.+)$")


def is_chapter_title(nav_title: str) -> bool:
    """A chapter is a nav entry whose title is numbered ("3. Context Windows: ...")."""
    return bool(_CHAPTER_TITLE.match(nav_title))


def chapter_entries(config: dict[str, Any]) -> list[NavEntry]:
    return [e for e in nav_entries(config) if is_chapter_title(e.title)]


def docs_dir_of(config: dict[str, Any], config_path: Path) -> Path:
    return (config_path.parent / config.get("docs_dir", "docs")).resolve()


def chapters(root: Path = ROOT, config: dict[str, Any] | None = None) -> list[Chapter]:
    """Chapters in study order with their front matter. Raises GuideError on bad YAML."""
    config = config or load_mkdocs_config(root / "mkdocs.yml")
    docs_dir = docs_dir_of(config, root / "mkdocs.yml")
    out: list[Chapter] = []
    for number, entry in enumerate(chapter_entries(config), start=1):
        path = docs_dir / entry.file
        meta = {}
        if path.is_file():
            meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path)
        title = _CHAPTER_TITLE.match(entry.title).group(2)
        out.append(Chapter(number, title, entry.title, entry.file, meta))
    return out


def prose_words(markdown: str) -> int:
    """Words of prose: front matter, fenced code and diagrams, display math, HTML tags and
    link targets removed; an inline formula counts as one word."""
    _, body, _ = split_front_matter(markdown)
    lines = body.splitlines()
    fenced = {i for start, end, _ in fence_spans(lines) for i in range(start, end + 1)}
    body = "\n".join(line for i, line in enumerate(lines) if i not in fenced)
    body = re.sub(r"\$\$.*?\$\$", " ", body, flags=re.S)  # display math: not prose
    body = re.sub(r"\$[^$\n]+\$", " x ", body)  # inline math reads as about one word
    body = re.sub(r"<[^>\n]+>", " ", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    return len(re.findall(r"[\w$\\][\w'\u2019.\-^{}\\]*", body))


def reading_minutes(markdown: str) -> int:
    return max(1, math.ceil(prose_words(markdown) / WORDS_PER_MINUTE))


def fence_spans(lines: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, info string) of each fenced block, 0-based inclusive line indices."""
    spans: list[tuple[int, int, str]] = []
    opener: tuple[int, str, str] | None = None
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        match = _FENCE.match(stripped)
        if opener is None:
            if match:
                opener = (index, match.group(1), stripped[len(match.group(1)) :].strip())
        elif (match and stripped.rstrip() == match.group(1)
              and match.group(1)[0] == opener[1][0] and len(match.group(1)) >= len(opener[1])):
            spans.append((opener[0], index, opener[2]))
            opener = None
    return spans


# --- Interview-question blocks (pymdownx.blocks.details with `type: question`) ---------------

_BLOCK_OPEN = re.compile(r"^///\s*([\w-]+)\s*(?:\|\s*(.*?))?\s*$")
_BLOCK_CLOSE = re.compile(r"^///\s*$")


@dataclass
class Question:
    line: int  # 1-based line of the `/// details |` opener in the file
    summary: str
    options: dict[str, Any]
    options_error: str | None
    answer: str
    answer_line: int  # first line after the option lines
    end_line: int  # line of the closing ///
    anchor: str = ""  # set by question_blocks(): the id the block gets in the built page

    @property
    def attrs(self) -> dict[str, Any]:
        attrs = self.options.get("attrs")
        return attrs if isinstance(attrs, dict) else {}

    @property
    def roles(self) -> list[str]:
        return str(self.attrs.get("data-role", "")).split()

    @property
    def difficulty(self) -> str:
        return str(self.attrs.get("data-difficulty", ""))

    @property
    def is_question(self) -> bool:
        return self.options.get("type") == "question"


def details_blocks(text: str) -> list[Question]:
    """Every top-level `/// details` block of a page (nested blocks stay in the answer).

    Line numbers are 1-based and count from the top of the file, front matter included."""
    lines = text.splitlines()
    fenced = set()
    for start, end, _ in fence_spans(lines):
        fenced.update(range(start, end + 1))
    out: list[Question] = []
    index = 0
    while index < len(lines):
        match = _BLOCK_OPEN.match(lines[index]) if index not in fenced else None
        if not match or match.group(1) != "details":
            index += 1
            continue
        opener, summary = index, (match.group(2) or "").strip()
        index += 1
        option_lines = []
        while index < len(lines) and lines[index].startswith("    ") and lines[index].strip():
            option_lines.append(lines[index][4:])
            index += 1
        options, error = {}, None
        if option_lines:
            try:
                loaded = yaml.safe_load("\n".join(option_lines))
                options = loaded if isinstance(loaded, dict) else {}
                if not isinstance(loaded, dict):
                    error = "block options must be a YAML mapping"
            except yaml.YAMLError as exc:
                error = f"invalid block options: {getattr(exc, 'problem', None) or exc}"
        body_start, depth = index, 1
        while index < len(lines):
            if index not in fenced:
                if _BLOCK_CLOSE.match(lines[index]):
                    depth -= 1
                    if depth == 0:
                        break
                elif _BLOCK_OPEN.match(lines[index]):
                    depth += 1
            index += 1
        answer = "\n".join(lines[body_start:index]).strip()
        out.append(Question(opener + 1, summary, options, error, answer, body_start + 1,
                            index + 1))
        index += 1
    return out


def headings(text: str) -> list[tuple[int, int, str]]:
    """(1-based line, level, title) of each ATX heading outside code fences."""
    lines = text.splitlines()
    fenced = set()
    for start, end, _ in fence_spans(lines):
        fenced.update(range(start, end + 1))
    out = []
    for index, line in enumerate(lines):
        match = re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", line)
        if match and index not in fenced:
            out.append((index + 1, len(match.group(1)), match.group(2).strip()))
    return out


# Pages the build generates (overrides/hooks/practice.py); they have no file under docs/.
GENERATED_PAGES = ("questions.md", "study_plans.md", "glossary.md", "changelog.md", "print.md")
INTERVIEW_QUESTIONS = "Interview Questions"


def slug(text: str, limit: int = 60) -> str:
    """A URL-safe id from text: lower case ASCII words joined by '-', cut at a word boundary."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "question"


def question_blocks(text: str) -> list[Question]:
    """The interview questions of a chapter (type: question blocks under the Interview
    Questions heading), each with its anchor: 'q-' + a slug of the question, unique per page."""
    heads = headings(text)
    start = next((line for line, level, title in heads
                  if level == 2 and title == INTERVIEW_QUESTIONS), None)
    if start is None:
        return []
    taken: set[str] = set()
    out = []
    for block in details_blocks(text):
        if block.line < start or not block.is_question:
            continue
        base = "q-" + slug(block.summary)
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        taken.add(anchor)
        block.anchor = anchor
        out.append(block)
    return out


_MD_LINK = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")


def rebase_links(markdown: str, from_file: str, to_file: str) -> str:
    """Rewrite relative Markdown links written in docs/<from_file> so they resolve from
    docs/<to_file>; a bare '#anchor' points back at from_file."""
    import posixpath

    def fix(match: re.Match[str]) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_file), path)) \
            if path else from_file
        rel = posixpath.relpath(resolved, posixpath.dirname(to_file) or ".")
        return f"{match.group(1)}{rel}{'#' + anchor if anchor else ''}{match.group(3)}"

    return _MD_LINK.sub(fix, markdown)
