"""Unit behaviour of the build hooks that the browser tests only see indirectly."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


page_assets = load("page_assets")


def test_mermaid2_stand_in_counts_blocks_and_appends_one_script():
    html = ('<html><body><pre  class="mermaid"><code>graph TD\nA-->B</code></pre>'
            '<pre class="mermaid"><code>x</code></pre></body></html>')
    soup = page_assets._PageHtml(html, "html.parser")
    assert len(soup.select("pre.mermaid code")) == 2
    tag = soup.new_tag("script")
    tag["type"] = "module"
    tag.string = 'import mermaid from "assets/m.mjs";'
    soup.body.append(tag)
    out = str(soup)
    assert out.endswith('<script type="module">import mermaid from "assets/m.mjs";</script>'
                        "</body></html>")
    lazy = page_assets._lazy_mermaid(out, "../")
    assert "import mermaid" not in lazy and 'class="mermaid"' not in lazy
    assert lazy.count('<pre class="guide-diagram"><code>') == 2
    assert lazy.endswith('<script defer src="../assets/javascripts/diagrams.js" '
                         'data-mermaid="./assets/m.mjs"></script>\n</body></html>')


def test_diagrams_without_the_mermaid2_script_fail_the_build_clearly():
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="no mermaid2 script"):
        page_assets._lazy_mermaid('<pre class="mermaid"><code>x</code></pre></body>', "")


def test_mermaid2_stand_in_refuses_what_it_does_not_implement():
    soup = page_assets._PageHtml("<body></body>")
    with pytest.raises(NotImplementedError, match="fence_mermaid_custom"):
        soup.select("div.mermaid")
    with pytest.raises(NotImplementedError):
        soup.new_tag("div")


def test_markdown_tables_are_wrapped_like_materials_script_would_and_classed():
    html = "<p>x</p><table>\n<thead><tr><th>a</th></tr></thead></table><table class=\"k\"></table>"
    out = page_assets.wrap_tables(html)
    assert out == ('<p>x</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                   '<table class="guide-table">\n<thead><tr><th>a</th></tr></thead></table>'
                   '</div></div><table class="k"></table>')
    assert page_assets.wrap_tables(out) == out  # a classed table is left alone


practice = load("practice")


def test_bank_summaries_get_their_badges_from_the_details_attributes():
    html = ('<details class="question" data-chapter="2" data-difficulty="hard" '
            'data-qid="a.md#q" data-role="research safety" id="bank-q">\n<summary>Why?</summary>'
            '<p>Because.</p></details>')
    out = practice.with_bank_badges(html)
    assert ('<summary>Why?<span class="qb-badges">hard · Research scientist, Safety researcher'
            '</span><span class="qb-status" data-status="new">new</span></summary>') in out


def test_bank_controls_count_what_a_first_time_reader_sees():
    class Q:
        def __init__(self, difficulty, roles):
            self.difficulty, self.roles = difficulty, roles
    chapters = [{"number": 1, "title": "A & B", "questions": [Q("easy", ["research"]),
                                                              Q("hard", ["research", "safety"])]},
                {"number": 2, "title": "C", "questions": []},
                {"number": 3, "title": "D", "questions": [Q("hard", ["engineer"])]}]
    html = practice.bank_app_html(chapters)
    assert '<option value="">All (3)</option>' in html
    assert '<option value="research" data-label="Research scientist">Research scientist (2)' in html
    assert '<option value="hard" data-label="Hard">Hard (2)</option>' in html
    assert '<option value="1" data-label="1. A &amp; B">1. A &amp; B (2)</option>' in html
    assert 'value="2"' not in html.split('id="practice-filter-chapter"')[1].split("</select>")[0]
    assert '<option value="new" data-label="New">New (3)</option>' in html
    assert '<option value="known" data-label="Known">Known (0)</option>' in html
    assert html.count('class="md-button"') == len(practice.BANK_ACTIONS) == 6
    assert '<p class="practice-count" role="status" aria-live="polite">3 of 3 questions</p>' in html


def test_chapter_links_in_content_tables_get_a_first_time_progress_note():
    chapters = [{"url": "scaling_laws/", "questions": [1, 2, 3]}, {"url": "b/", "questions": []}]
    html = ('<table class="guide-table"><tr><td>1</td><td><a href="../scaling_laws/#x">2. S</a>'
            '</td><td><a href="../b/">B</a></td><td><a href="../questions/?chapter=2">q</a>'
            '</td></tr></table><p><a href="../scaling_laws/">outside a table</a></p>')
    out = practice.with_progress_notes(html, "study_plans/", chapters)
    assert ('<td><a href="../scaling_laws/#x">2. S</a><span class="guide-progress"> · 0 of 3 '
            'questions known</span></td>') in out
    assert out.count("guide-progress") == 1  # no questions, not a chapter, not in a table
    home = practice.with_progress_notes('<table class="guide-table"><td><a href="scaling_laws/">'
                                        'S</a></td></table>', "", chapters)
    assert "0 of 3 questions known" in home
