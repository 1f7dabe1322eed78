"""The practice features in headless Chromium: question bank, filters, drill with its
schedule, mock interview, estimation drills, progress, export/import, no-JS fallback."""

from __future__ import annotations

import json
import math

import guide
import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

VECTORS = json.loads((ROOT / "tests" / "data" / "estimation_vectors.json").read_text())["vectors"]
KEY = "llm-study-guide/progress/v1"


def all_questions(chapters) -> list[tuple[int, guide.Question]]:
    out = []
    for chapter in chapters:
        text = (ROOT / "docs" / chapter.file).read_text(encoding="utf-8")
        out += [(chapter.number, q) for q in guide.question_blocks(text)]
    return out


def visible_questions(page) -> int:
    return page.locator("details.question[data-qid]:visible").count()


def test_bank_lists_every_question_the_checker_counts(watched, chapters):
    import check_chapters

    _, stats = check_chapters.run(ROOT / "mkdocs.yml")
    expected = sum(s.questions for s in stats)
    watched.goto("questions/")
    assert watched.page.locator("details.question[data-qid]").count() == expected > 0
    assert watched.page.locator(".practice-count").text_content() == \
        f"{expected} of {expected} questions"
    # Each links back to its place in its chapter, and that anchor exists there.
    first = watched.page.locator("details.question[data-qid] a.qb-source").first
    href = first.get_attribute("href")
    first.evaluate("a => a.closest('details').open = true")
    first.click()
    watched.page.wait_for_load_state("load")
    anchor = href.split("#")[1]
    assert watched.page.locator(f"details.question#{anchor}").count() == 1
    assert not watched.problems(), watched.problems()


def test_filters_combine_with_live_counts_and_live_in_the_url(watched, chapters):
    questions = all_questions(chapters)
    watched.goto("questions/")
    page = watched.page
    for role in guide.ROLES:
        page.select_option("#practice-filter-role", role)
        expected = sum(1 for _, q in questions if role in q.roles)
        assert visible_questions(page) == expected, role
    page.select_option("#practice-filter-role", "research")
    page.select_option("#practice-filter-difficulty", "hard")
    expected = sum(1 for _, q in questions if "research" in q.roles and q.difficulty == "hard")
    assert visible_questions(page) == expected
    assert page.locator(".practice-count").text_content().startswith(f"{expected} of ")
    assert "role=research" in page.url and "difficulty=hard" in page.url
    # The option labels count what each choice would give with the other filters kept.
    easy = sum(1 for _, q in questions if "research" in q.roles and q.difficulty == "easy")
    assert page.locator("#practice-filter-difficulty option[value=easy]").text_content() == \
        f"Easy ({easy})"
    page.select_option("#practice-filter-chapter", "2")
    expected = sum(1 for n, q in questions
                   if n == 2 and "research" in q.roles and q.difficulty == "hard")
    assert visible_questions(page) == expected
    # A shared URL restores the view.
    url = page.url
    page.goto(url)
    assert page.locator("#practice-filter-chapter").input_value() == "2"
    assert visible_questions(page) == expected
    page.select_option("#practice-filter-status", "known")
    assert visible_questions(page) == 0
    assert not watched.problems(), watched.problems()


def start_drill(page) -> str:
    page.click("#practice-drill-start")
    return page.locator(".practice-question").text_content()


def test_drill_schedule_survives_a_reload_and_respects_due_times(watched):
    page = watched.page
    page.clock.install(time=1_800_000_000)
    watched.goto("questions/?chapter=2&difficulty=hard")
    first = start_drill(page)
    page.keyboard.press("Space")
    assert page.locator(".practice-answer").is_visible()
    page.keyboard.press("1")  # again: due in 10 minutes
    second = page.locator(".practice-question").text_content()
    page.keyboard.press("Space")
    page.keyboard.press("4")  # easy: box 2, due in a day
    page.reload()
    assert start_drill(page) not in (first, second), "not-yet-due questions came back early"
    page.clock.fast_forward("11:00")
    page.reload()
    assert start_drill(page) == first, "the 'again' question is due after 10 minutes"
    page.clock.fast_forward(2 * 24 * 3600 * 1000)
    page.reload()
    assert start_drill(page) in (first, second)
    state = json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')"))
    boxes = sorted(card["box"] for card in state["cards"].values())
    assert boxes == [1, 2]
    assert not watched.problems(), watched.problems()


def test_round_summary_after_grading(watched):
    page = watched.page
    watched.goto("questions/?chapter=1&difficulty=hard")
    start_drill(page)
    total = int(page.locator(".practice-progress").text_content().split(" of ")[1])
    for _ in range(total):
        page.locator("#practice-reveal").click()
        page.locator(".practice-grades button[data-grade=good]").click()
    summary = page.locator("#practice-summary").text_content()
    assert f"Round done: {total} questions" in summary and f"good {total}" in summary


def test_mock_interview_times_and_summarises(watched):
    page = watched.page
    page.clock.install(time=1_800_000_000)
    watched.goto("questions/")
    page.click("#practice-mock-start")
    page.select_option("#practice-mock-role", "engineer")
    page.select_option("#practice-mock-count", "5")
    page.select_option("#practice-mock-minutes", "2")
    page.locator("#practice-mock-form button[type=submit]").click()
    assert page.locator("#practice-timer").text_content() == "Time left: 2:00"
    page.clock.run_for(3000)
    assert page.locator("#practice-timer").text_content() == "Time left: 1:57"
    for _ in range(5):
        page.keyboard.press("Space")
        page.keyboard.press("3")
    assert "Interview done: 5 questions" in page.locator("#practice-summary").text_content()
    assert page.locator("#practice-summary li").count() == 5


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["function"])
def test_javascript_formulas_match_the_shared_vectors(watched, vector):
    watched.goto("questions/")
    got = watched.page.evaluate("([f, a]) => window.GuideEstimates[f](a)",
                                [vector["function"], vector["args"]])
    got = got if isinstance(got, list) else [got]
    expected = vector["expected"] if isinstance(vector["expected"], list) else [vector["expected"]]
    assert all(math.isclose(g, e, rel_tol=1e-9) for g, e in zip(got, expected, strict=True))


def test_estimation_drills_accept_right_and_reject_wrong_answers(watched):
    page = watched.page
    watched.goto("questions/")
    page.click("#practice-estimate-start")
    kinds = page.eval_on_selector_all("#practice-estimate-kind option",
                                      "os => os.map(o => o.value)")
    assert len(kinds) == 6
    for kind in kinds:
        page.select_option("#practice-estimate-kind", kind)
        answer = float(page.locator("#practice-estimate").get_attribute("data-answer"))
        page.fill("#practice-estimate-answer", repr(answer * 1.02))
        page.keyboard.press("Enter")
        verdict = page.locator("#practice-estimate-verdict")
        assert verdict.get_attribute("data-correct") == "true", (kind, verdict.text_content())
        page.fill("#practice-estimate-answer", repr(answer * 1.5))
        page.keyboard.press("Enter")
        assert verdict.get_attribute("data-correct") == "false", kind
        assert verdict.text_content().startswith("Not quite: the answer is")
    assert not watched.problems(), watched.problems()


def test_mark_as_studied_shows_on_the_overview_and_in_the_nav(watched, chapters):
    page = watched.page
    chapter = chapters[1]
    watched.goto(guide.page_url(chapter.file))
    button = page.locator(".guide-mark-studied")
    assert button.is_visible() and button.text_content() == "Mark as studied"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".md-nav__link.guide-studied").count() >= 1
    watched.goto("")
    cells = page.locator(".guide-progress").all_text_contents()
    assert any("✓ studied" in c for c in cells), cells
    assert sum("✓ studied" in c for c in cells) == 1
    assert not watched.problems(), watched.problems()


def test_export_then_import_round_trips_and_bad_files_change_nothing(watched, tmp_path):
    page = watched.page
    watched.goto("questions/?chapter=1")
    start_drill(page)
    page.keyboard.press("Space")
    page.keyboard.press("4")
    before = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    with page.expect_download() as download:
        page.click("#practice-export")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["app"] == "llm-study-guide" and len(data["cards"]) == 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#practice-reset")
    assert json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')"))["cards"] == {}

    page.set_input_files("#practice-import-file", str(exported))
    page.wait_for_function("() => document.querySelector('.practice-message')"
                           ".textContent.startsWith('Imported')")
    assert json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')")) == json.loads(before)

    for name, content in [("broken.json", "{not json"),
                          ("foreign.json", json.dumps({"app": "other", "version": 1})),
                          ("malformed.json", json.dumps({"app": "llm-study-guide", "version": 1,
                                                         "studied": {}, "cards": {"x": {}}}))]:
        bad = tmp_path / name
        bad.write_text(content)
        page.set_input_files("#practice-import-file", str(bad))
        page.wait_for_function("() => document.querySelector('.practice-message')"
                               ".textContent.startsWith('Import failed')")
        assert "Nothing changed" in page.locator(".practice-message").text_content()
        assert json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')")) == \
            json.loads(before), name
    assert not watched.problems(), watched.problems()


def test_without_javascript_the_bank_is_a_plain_list(browser, base_url, chapters):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "questions/")
    total = len(all_questions(chapters))
    assert page.locator("details.question[data-qid]").count() == total
    assert page.locator("details.question[data-qid] .qb-meta").count() == total
    assert not page.locator("#practice-app").is_visible()
    context.close()


def test_controls_are_labelled_for_keyboard_and_screen_readers(watched):
    page = watched.page
    watched.goto("questions/")
    unlabeled = page.evaluate("""() => [...document.querySelectorAll('#practice-app select,'
        + ' #practice-app input:not([type=file])')].filter(e => !document.querySelector(
        `label[for="${e.id}"]`)).map(e => e.id)""")
    assert unlabeled == []
    buttons = page.eval_on_selector_all("#practice-app button", "bs => bs.map(b => b.textContent)")
    assert buttons and all(t.strip() for t in buttons)
    # Keyboard alone: tab to the drill button and start it with Enter.
    page.focus("#practice-drill-start")
    page.keyboard.press("Enter")
    assert page.locator(".practice-question").is_visible()
