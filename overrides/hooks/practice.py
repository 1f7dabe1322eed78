"""The practice pages, generated from the chapters at build time (nothing is copied by hand):

- every chapter's interview questions get a stable id (``q-`` + a slug of the question) so
  the question bank, the drill and the reader's progress can point at them;
- questions.md, the question bank and drill: every question grouped by chapter in study order,
  with a link back to its place in the chapter;
- study_plans.md: the chapter dependency map (from front-matter prerequisites) and a plan per
  role built from the same data;
- glossary.md: every abbreviation of docs/includes/abbreviations.md (the same file the abbr
  extension appends to every page, so hover definitions and the glossary cannot drift).

Each page also gets a small JSON index of chapters and question ids for the progress features
in assets/javascripts/practice.js.
"""

from __future__ import annotations

import html as html_lib
import json
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import guide

ABBREVIATIONS = "includes/abbreviations.md"
ROLE_PLANS = {  # role -> (plan title, days)
    "research": ("Research scientist, three weeks", 21),
    "engineer": ("ML/LLM engineer, two weeks", 14),
    "applied": ("Applied AI engineer, ten days", 10),
    "safety": ("Safety researcher, two weeks", 14),
}
_state: dict[str, object] = {}


def _chapters(config: MkDocsConfig) -> list[dict]:
    """Chapters in nav order with their front matter and interview questions."""
    docs = Path(config.docs_dir)
    out = []
    for number, entry in enumerate(guide.chapter_entries(config), start=1):
        path = docs / entry.file
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        try:
            meta, body, _ = guide.split_front_matter(text, f"docs/{entry.file}")
        except guide.GuideError as exc:
            raise PluginError(str(exc)) from None
        title = re.sub(r"^\d+\.\s*", "", entry.title)
        out.append({"number": number, "title": title, "file": entry.file,
                    "url": guide.page_url(entry.file), "meta": meta,
                    "questions": guide.question_blocks(body)})
    return out


def _option_lines(block: guide.Question, extra: dict[str, str]) -> list[str]:
    attrs = {"id": block.anchor, **block.attrs, **extra}
    flow = ", ".join(f"{k}: {json.dumps(str(v))}" for k, v in attrs.items())
    keep = [f"    {k}: {json.dumps(v) if isinstance(v, str) else v}"
            for k, v in block.options.items() if k not in ("type", "attrs")]
    return ["    type: question", f"    attrs: {{{flow}}}", *keep]


def with_question_ids(markdown: str) -> str:
    """Give each interview question block its id (the anchor the bank links to)."""
    lines = markdown.splitlines()
    for block in reversed(guide.question_blocks(markdown)):
        first, after = block.line, block.answer_line - 1  # 0-based slice of the option lines
        while after > first and not lines[after - 1].strip():
            after -= 1
        lines[first:after] = _option_lines(block, {})
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def _meta_line(chapter: dict, block: guide.Question) -> str:
    roles = ", ".join(guide.ROLES.get(r, r) for r in block.roles)
    return (f'<p class="qb-meta"><span class="qb-chapter">Chapter {chapter["number"]}</span> · '
            f'<span class="qb-difficulty">{block.difficulty}</span> · '
            f'<span class="qb-roles">{roles}</span></p>')


# The bank's controls (filters, count, actions) are written here rather than by practice.js:
# built by the script after first paint, they pushed the whole list down (a layout shift of
# 0.22 on a phone). CSS hides them without JavaScript, where they would do nothing.
BANK_ACTIONS = (("practice-drill-start", "Drill these questions"),
                ("practice-mock-start", "Mock interview"),
                ("practice-estimate-start", "Estimation drills"),
                ("practice-export", "Export progress"),
                ("practice-import", "Import progress"),
                ("practice-reset", "Reset progress"))
STATUSES = (("new", "New"), ("learning", "Learning"), ("known", "Known"))


def role_title(role: str) -> str:
    """One reader of a role ("Research scientist"): the bank's role filter, and through it
    practice.js (the mock interview), name roles this way."""
    return guide.ROLES.get(role, role).removesuffix("s")


def bank_app_html(chapters: list[dict]) -> str:
    """The bank's controls as a first-time reader's browser shows them: every option's count
    is for an empty progress (all questions new); practice.js recounts from the stored one."""
    questions = [(c, q) for c in chapters for q in c["questions"]]
    fields = [
        ("role", "Role", [(r, role_title(r), sum(r in q.roles for _, q in questions))
                          for r in guide.ROLES]),
        ("difficulty", "Difficulty", [(d, d.capitalize(),
                                       sum(q.difficulty == d for _, q in questions))
                                      for d in guide.QUESTION_DIFFICULTIES]),
        ("chapter", "Chapter", [(str(c["number"]), f'{c["number"]}. {c["title"]}',
                                 len(c["questions"])) for c in chapters if c["questions"]]),
        ("status", "Your status", [(v, label, len(questions) if v == "new" else 0)
                                   for v, label in STATUSES]),
    ]
    # data-search-exclude: the controls' labels (every chapter title, role and count) are not
    # content; indexed, they would put every chapter's title into the bank's opening section.
    out = ['<div id="practice-app" class="practice-app" data-search-exclude>',
           '<form class="practice-filters" aria-label="Filter questions">']
    for name, label, options in fields:
        out += [f'<div class="practice-field"><label for="practice-filter-{name}">{label}</label>'
                f'<select id="practice-filter-{name}" name="{name}">'
                f'<option value="">All ({len(questions)})</option>']
        out += [f'<option value="{value}" data-label="{html_lib.escape(text)}">'
                f'{html_lib.escape(text)} ({n})</option>' for value, text, n in options]
        out += ["</select></div>"]
    out += ["</form>",
            f'<p class="practice-count" role="status" aria-live="polite">'
            f'{len(questions)} of {len(questions)} questions</p>',
            '<div class="practice-actions">']
    out += [f'<button type="button" id="{i}" class="md-button">{t}</button>'
            for i, t in BANK_ACTIONS]
    out += ['<input type="file" accept="application/json,.json" id="practice-import-file" '
            'aria-label="Progress file" hidden>',
            "</div>",
            '<p class="practice-message" role="alert"></p>',
            '<section class="practice-panel" id="practice-panel" aria-live="polite" hidden>'
            "</section>",
            "</div>"]
    return "".join(out)


_BANK_SUMMARY = re.compile(
    r'(?P<open><details class="question"[^>]*>\s*<summary>)(?P<text>.*?)</summary>', re.S)
_ATTR = re.compile(r'\sdata-(?P<name>difficulty|role)="(?P<value>[^"]*)"')


def with_bank_badges(html: str) -> str:
    """Each bank question's summary gets its difficulty and roles, and a status badge that
    practice.js fills in ("new" until the reader grades it; hidden without JavaScript). Added
    after the search index is built, so the badges' words do not match every query."""
    def badges(match: re.Match[str]) -> str:
        attrs = dict(m.group("name", "value") for m in _ATTR.finditer(match.group("open")))
        roles = ", ".join(role_title(r) for r in attrs.get("role", "").split())
        return (f'{match.group("open")}{match.group("text")}'
                f'<span class="qb-badges">{attrs.get("difficulty", "")} · {roles}</span>'
                '<span class="qb-status" data-status="new">new</span></summary>')
    return _BANK_SUMMARY.sub(badges, html)


def bank_markdown(chapters: list[dict]) -> str:
    total = sum(len(c["questions"]) for c in chapters)
    out = [
        "# Question Bank and Drill",
        "",
        f"All {total} interview questions of the chapters, in study order. Filter them, drill "
        "them one at a time with spaced repetition, run a timed mock interview, or practise "
        "the sizing estimates with fresh numbers. Your progress stays in this browser "
        "(localStorage) and never leaves your machine; export it to move it elsewhere.",
        "",
        bank_app_html(chapters),
        "",
        "!!! info \"How the drill schedules questions\"",
        "    Leitner boxes: a new question starts in box 1. *Again* sends it back to box 1 "
        "(due again in 10 minutes); *Hard* keeps its box (due in half the box's interval); "
        "*Good* moves it up one box; *Easy* moves it up two. Boxes 1 to 5 are due after "
        "10 minutes, 1 day, 3 days, 7 days and 21 days. A question in box 4 or 5 counts as "
        "*known*, one that has been graded but is below box 4 as *learning*.",
        "",
    ]
    for chapter in chapters:
        if not chapter["questions"]:
            continue
        out += [f'## {chapter["number"]}. {chapter["title"]} {{#bank-chapter-{chapter["number"]}}}',
                ""]
        for block in chapter["questions"]:
            qid = f'{chapter["file"]}#{block.anchor}'
            extra = {"data-chapter": str(chapter["number"]), "data-qid": qid}
            options = _option_lines(block, extra)
            options[1] = options[1].replace(f'id: "{block.anchor}"',
                                            f'id: "bank-{block.anchor}"', 1)
            answer = guide.rebase_links(block.answer, chapter["file"], "questions.md")
            out += [f"/// details | {block.summary}", *options, "",
                    _meta_line(chapter, block), "", answer, "",
                    f'[In chapter {chapter["number"]}]({chapter["file"]}#{block.anchor})'
                    '{ .qb-source }', "///", ""]
    if not total:
        out += ["No chapter has interview questions yet.", ""]
    return "\n".join(out)


def _topological(chapters: list[dict]) -> list[dict]:
    """Chapters ordered so prerequisites come first, ties broken by study order."""
    by_file = {c["file"]: c for c in chapters}
    done: list[dict] = []
    seen: set[str] = set()

    def visit(chapter: dict, stack: tuple[str, ...] = ()) -> None:
        if chapter["file"] in seen:
            return
        if chapter["file"] in stack:
            raise PluginError(f"circular prerequisites: {' -> '.join((*stack, chapter['file']))}")
        for prereq in chapter["meta"].get("prerequisites", []):
            if prereq in by_file:
                visit(by_file[prereq], (*stack, chapter["file"]))
        seen.add(chapter["file"])
        done.append(chapter)

    for chapter in chapters:
        visit(chapter)
    return done


def plan_for(role: str, chapters: list[dict]) -> list[dict]:
    """The role's chapters plus their prerequisites, prerequisites first."""
    by_file = {c["file"]: c for c in chapters}
    wanted: set[str] = set()

    def need(file: str) -> None:
        if file in wanted or file not in by_file:
            return
        wanted.add(file)
        for prereq in by_file[file]["meta"].get("prerequisites", []):
            need(prereq)

    for chapter in chapters:
        if role in chapter["meta"].get("roles", []):
            need(chapter["file"])
    return [c for c in _topological(chapters) if c["file"] in wanted]


def plans_markdown(chapters: list[dict]) -> str:
    # The plans come first and the dependency map after them: drawing a diagram is the
    # heaviest thing a page does at load (mermaid's code plus its layout), and below the
    # first screen it is drawn only as the reader scrolls towards it.
    out = ["# Study Plans", "",
           "Generated from the chapters' front matter: each role's plan takes the chapters "
           "that list the role plus everything they depend on (their `prerequisites`), "
           "prerequisites first. The [dependency map](#chapter-dependency-map) below the plans "
           "draws the same data.", ""]
    for role, (title, days) in ROLE_PLANS.items():
        plan = plan_for(role, chapters)
        out += [f"## {title} {{#plan-{role}}}", ""]
        if not plan:
            out += ["No chapter lists this role yet.", ""]
            continue
        per_day = days / len(plan)
        out += [f"For {guide.ROLES[role].lower()}: {len(plan)} chapters over {days} days, "
                f"about {per_day:.1f} days each (read once, then drill its questions).", "",
                "| Days | Chapter | Difficulty | Drill |", "|---|---|---|---|"]
        start = 1.0
        for c in plan:
            end = start + per_day - 1
            span = f"{int(start)}\u2013{int(end)}" if int(end) > int(start) else f"{int(start)}"
            own = [q for q in c["questions"] if role in q.roles]
            drill = (f'[{len(own)} questions](questions.md?role={role}&chapter={c["number"]})'
                     if own else "—")
            out.append(f'| {span} | [{c["number"]}. {c["title"]}]({c["file"]}) | '
                       f'{c["meta"].get("difficulty", "")} | {drill} |')
            start += per_day
        out.append("")
    out += ["## Chapter dependency map", "",
            'An arrow means "read this first": it goes from a chapter to one that lists it '
            "among its prerequisites.", "", "```mermaid", "flowchart LR",
            "    accTitle: Chapter dependency map",
            "    accDescr: Each arrow goes from a chapter to a chapter that lists it as a "
            "prerequisite, so following the arrows gives a valid study order."]
    for c in chapters:
        label = c["title"].replace('"', "'")
        out.append(f'    c{c["number"]}["{c["number"]}. {label}"]')
    for c in chapters:
        for prereq in c["meta"].get("prerequisites", []):
            source = next((p for p in chapters if p["file"] == prereq), None)
            if source:
                out.append(f'    c{source["number"]} --> c{c["number"]}')
    out += ["```", ""]
    return "\n".join(out)


def glossary_markdown(config: MkDocsConfig) -> str:
    entries = abbreviations(Path(config.docs_dir) / ABBREVIATIONS)
    out = ["# Glossary", "",
           "Every abbreviation the chapters use. Hover over one anywhere on the site to see its "
           "definition.", "", "| Term | Meaning |", "|---|---|"]
    out += [f"| {term} | {meaning} |" for term, meaning in sorted(entries.items(),
                                                                  key=lambda e: e[0].lower())]
    return "\n".join(out) + "\n"


def abbreviations(path: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    if not path.is_file():
        raise PluginError(f"practice: {path} is missing (the glossary's source)")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = re.match(r"^\*\[([^\]]+)\]:\s*(.+)$", line)
        if not match:
            raise PluginError(f"{path}:{number}: expected '*[TERM]: meaning'")
        entries[match.group(1)] = match.group(2).strip()
    return entries


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    chapters = _chapters(config)
    _state["chapters"] = chapters
    generated = {
        "questions.md": bank_markdown(chapters),
        "study_plans.md": plans_markdown(chapters),
        "glossary.md": glossary_markdown(config),
    }
    for src, content in generated.items():
        files.append(File.generated(config, src, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if guide.is_chapter_title(page.title or "") and "/// details" in markdown:
        return with_question_ids(markdown)
    return markdown


def index_json() -> str:
    chapters = _state.get("chapters", [])
    data = {"chapters": [{"number": c["number"], "title": c["title"], "file": c["file"],
                          "url": c["url"], "draft": c["meta"].get("status") == "draft",
                          "questions": [f'{c["file"]}#{q.anchor}' for q in c["questions"]]}
                         for c in chapters]}
    return json.dumps(data, separators=(",", ":")).replace("</", "<\\/")


_CONTENT_TABLE = re.compile(r'<table class="guide-table">.*?</table>', re.S)
_LINK_CELL = re.compile(r'<td(?P<attrs>[^>]*)>(?P<cell>(?:(?!</td>).)*?<a href="(?P<href>[^"]*)"'
                        r'(?:(?!</td>).)*?)</td>', re.S)


def progress_text(chapter: dict) -> str:
    """What a chapter's progress note says for a reader with no progress yet."""
    n = len(chapter["questions"])
    return f" · 0 of {n} questions known" if n else ""


def with_progress_notes(html: str, page_url: str, chapters: list[dict]) -> str:
    """Put the progress note practice.js shows beside each chapter linked from a content table
    (the overview, the study plans) into the page as a first-time reader sees it: added by the
    script after first paint, it widened the cells and moved the rows. The script updates it
    from the stored progress; hidden without JavaScript."""
    by_url = {"/" + c["url"].strip("/"): c for c in chapters}
    here = posixpath.dirname("/" + page_url) if not page_url.endswith("/") else "/" + page_url

    def cell(match: re.Match[str]) -> str:
        href = match.group("href").split("#")[0].split("?")[0]
        if "://" in href or not href:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(here, href)).rstrip("/")
        chapter = by_url.get(target)
        text = progress_text(chapter) if chapter else ""
        if not text:
            return match.group(0)
        return (f'<td{match.group("attrs")}>{match.group("cell")}'
                f'<span class="guide-progress">{text}</span></td>')

    return _CONTENT_TABLE.sub(lambda t: _LINK_CELL.sub(cell, t.group(0)), html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    depth = len([p for p in page.url.split("/") if p]) if page.url.endswith("/") else 0
    prefix = "../" * depth
    tags = (f'<script id="guide-index" type="application/json">{index_json()}</script>\n'
            f'<script defer src="{prefix}assets/javascripts/estimates.js"></script>\n'
            f'<script defer src="{prefix}assets/javascripts/practice.js"></script>\n')
    if page.file.src_uri == "questions.md":
        output = with_bank_badges(output)
    output = with_progress_notes(output, page.url, _state.get("chapters", []))
    if 'class="guide-calculator"' in output:
        tags += f'<script defer src="{prefix}assets/javascripts/calculators.js"></script>\n'
    return output.replace("</body>", tags + "</body>", 1)
