"""What the pages do at load, kept cheap (issue 11's Lighthouse work): the palette is applied
while the header is parsed, tables arrive wrapped, the bank's controls are in the page, and
nothing moves after the first paint."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}


@pytest.fixture
def phone(browser, base_url):
    def open_page(path: str, **options):
        context = browser.new_context(viewport=PHONE, **options)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        contexts.append((context, errors))
        return page
    contexts: list = []
    yield open_page
    for context, errors in contexts:
        context.close()
        assert not errors, errors


# Sum of layout-shift scores after load, as Lighthouse counts them (shifts right after input
# excluded). The observer is buffered, so shifts before it was created are included.
CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.mark.parametrize("path", ["", "questions/", "study_plans/", "scaling_laws/", "glossary/"])
def test_nothing_moves_after_the_first_paint(phone, path):
    page = phone(path)
    shift = page.evaluate(CLS)
    assert shift < 0.01, f"{path or '(home)'}: layout shift {shift:.3f} after load on a phone"


def test_system_palette_is_applied_before_the_article_without_materials_component(phone):
    page = phone("prerequisites/", color_scheme="dark")
    state = page.evaluate("""() => ({
        scheme: document.body.getAttribute('data-md-color-scheme'),
        rootScheme: document.documentElement.style.colorScheme,
        visible: [...document.querySelectorAll('form[data-guide-palette] label')]
                   .filter(l => !l.hidden).map(l => l.title),
        colorSchemeMeta: !!document.querySelector('meta[name=color-scheme]'),
        htmlClass: document.documentElement.className})""")
    assert state["scheme"] == "slate" and state["rootScheme"] == "dark", state
    assert state["visible"] == ["Switch to light mode"], state  # the "system" option is current
    assert not state["colorSchemeMeta"], "Material's palette component ran (it adds this meta)"
    assert state["htmlClass"] == "js js-focus-visible", state
    page.wait_for_function("() => document.querySelector('meta[name=theme-color]')?.content")
    theme, header = page.evaluate("""() => [
        document.querySelector('meta[name=theme-color]').content,
        getComputedStyle(document.querySelector('[data-md-component=header]')).backgroundColor]""")
    rgb = tuple(int(theme[i:i + 2], 16) for i in (1, 3, 5))
    assert header.startswith(f"rgb({rgb[0]}, {rgb[1]}, {rgb[2]}"), (theme, header)


def test_palette_switches_by_keyboard_and_the_stored_choice_wins_over_the_system(phone):
    page = phone("prerequisites/", color_scheme="light")
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.focus("#__palette_0")
    page.keyboard.press("Enter")  # system -> light
    page.keyboard.press("Enter")  # light -> dark
    assert page.evaluate(scheme) == "slate"
    assert page.evaluate("() => document.documentElement.style.colorScheme") == "dark"
    page.reload(wait_until="load")
    assert page.evaluate(scheme) == "slate", "the stored dark choice lost to the light system"
    stored = page.evaluate("() => __md_get('__palette')")
    assert stored["index"] == 2 and stored["color"]["scheme"] == "slate", stored


def test_tables_are_wrapped_once_and_look_like_materials_own(phone):
    page = phone("scaling_laws/")
    layout = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t => [
        t.className, t.parentElement.className, t.parentElement.parentElement.className,
        !!t.closest('.md-typeset__scrollwrap .md-typeset__scrollwrap')])""")
    assert layout, "no table on the page"
    assert all(row == ["guide-table", "md-typeset__table", "md-typeset__scrollwrap", False]
               for row in layout), layout
    # A class-less table gets Material's own table styles; ours must compute the same.
    same = page.evaluate("""() => {
        const ours = document.querySelector('article table.guide-table');
        const theirs = document.createElement('div');
        theirs.className = 'md-typeset__scrollwrap';
        theirs.innerHTML = '<div class="md-typeset__table"><table><thead><tr><th>h</th></tr>'
          + '</thead><tbody><tr><td>d</td></tr></tbody></table></div>';
        ours.closest('.md-typeset__scrollwrap').after(theirs);
        const props = ['display', 'font-size', 'border-top-width', 'border-radius',
          'background-color', 'padding-top', 'padding-left', 'vertical-align', 'text-align',
          'font-weight', 'min-width'];
        const pick = el => Object.fromEntries(props.map(p => [p, getComputedStyle(el)[p]]));
        const cell = (t, tag) => t.querySelector(tag);
        const table = theirs.querySelector('table');
        return [[pick(ours), pick(table)], [pick(cell(ours, 'th')), pick(cell(table, 'th'))],
                [pick(cell(ours, 'td')), pick(cell(table, 'td'))]];
    }""")
    for ours, materials in same:
        assert ours == materials


def test_bank_controls_are_in_the_page_and_the_script_only_binds_them(phone):
    page = phone("questions/")
    page.wait_for_function("() => window.guideBank")
    counts = page.evaluate("""() => ({
        forms: document.querySelectorAll('#practice-app form').length,
        buttons: document.querySelectorAll('#practice-app .practice-actions button').length,
        badges: document.querySelectorAll('details.question summary .qb-badges').length,
        status: document.querySelectorAll('details.question summary .qb-status').length,
        questions: document.querySelectorAll('details.question').length})""")
    assert counts["forms"] == 1 and counts["buttons"] == 6, counts
    assert counts["badges"] == counts["status"] == counts["questions"] > 0, counts
