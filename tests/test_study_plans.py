"""Study plans and question ids come from the chapters' own data (overrides/hooks/practice.py)."""

from __future__ import annotations

import importlib.util

import guide
import pytest
from conftest import ROOT
from mkdocs.exceptions import PluginError

spec = importlib.util.spec_from_file_location("practice_hook",
                                              ROOT / "overrides" / "hooks" / "practice.py")
practice = importlib.util.module_from_spec(spec)
spec.loader.exec_module(practice)


def chapter(number, file, roles, prereqs=()):
    return {"number": number, "title": f"Chapter {number}", "file": file, "url": "",
            "meta": {"roles": list(roles), "prerequisites": list(prereqs)}, "questions": []}


def test_a_plan_takes_the_roles_chapters_and_their_prerequisites_first():
    chapters = [chapter(1, "a.md", ["research"]), chapter(2, "b.md", ["engineer"], ["a.md"]),
                chapter(3, "c.md", ["engineer"], ["b.md"]), chapter(4, "d.md", ["safety"])]
    plan = [c["file"] for c in practice.plan_for("engineer", chapters)]
    assert plan == ["a.md", "b.md", "c.md"]
    assert [c["file"] for c in practice.plan_for("safety", chapters)] == ["d.md"]


def test_circular_prerequisites_are_an_error():
    chapters = [chapter(1, "a.md", ["engineer"], ["b.md"]),
                chapter(2, "b.md", ["engineer"], ["a.md"])]
    with pytest.raises(PluginError, match="circular prerequisites"):
        practice.plan_for("engineer", chapters)


def test_the_real_plans_respect_every_prerequisite(chapters):
    data = [{"number": c.number, "title": c.title, "file": c.file, "url": "", "meta": c.meta,
             "questions": []} for c in chapters]
    for role in guide.ROLES:
        plan = [c["file"] for c in practice.plan_for(role, data)]
        for c in chapters:
            if role in c.meta.get("roles", []):
                assert c.file in plan
            for prereq in c.meta.get("prerequisites", []):
                if c.file in plan:
                    assert plan.index(prereq) < plan.index(c.file)
    markdown = practice.plans_markdown(data)
    for c in chapters:
        for prereq in c.meta.get("prerequisites", []):
            source = next(p for p in chapters if p.file == prereq)
            assert f"c{source.number} --> c{c.number}" in markdown


def test_question_ids_are_stable_unique_and_injected():
    text = ("# T\n\n## Interview Questions\n\n"
            + "".join(f"/// details | Same question?\n    type: question\n"
                      f'    attrs: {{data-role: "engineer", data-difficulty: easy}}\n\n'
                      f"**Answer.** {i}.\n///\n\n" for i in range(3)))
    ids = [q.anchor for q in guide.question_blocks(text)]
    assert ids == ["q-same-question", "q-same-question-2", "q-same-question-3"]
    injected = practice.with_question_ids(text)
    assert injected.count('id: "q-same-question-2"') == 1
    assert [q.answer for q in guide.question_blocks(injected)] == \
        [q.answer for q in guide.question_blocks(text)]
