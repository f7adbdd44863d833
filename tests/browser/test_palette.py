"""The light/dark switch in the header (overrides/partials/ic-palette.html): the system's setting
decides until the reader chooses, the choice is kept across pages, it works from the keyboard, and
the page takes its colours before it is drawn instead of switching them once it has opened."""

from __future__ import annotations

import pytest

expect = pytest.importorskip(
    "playwright.sync_api", reason="pip install pytest-playwright axe-playwright-python"
).expect

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
# Every change to <body>'s palette attributes made once the page's main content exists: the
# page's own choice, made while only the header has been parsed, is not counted. (Material's
# component ran as its script was evaluated at the end of <body>, before DOMContentLoaded.)
WATCH_BODY = """
window.__paletteChanges = [];
new MutationObserver((list, self) => {
  if (!document.body) return;
  self.disconnect();
  new MutationObserver(changes => {
    if (document.querySelector("main")) changes.forEach(m => window.__paletteChanges.push(m.attributeName));
  }).observe(document.body, {attributes: true, attributeFilter: [
    "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent",
    "data-md-color-media", "data-md-color-switching"]});
}).observe(document, {childList: true, subtree: true});
"""


def _switch(page):
    """The visible switch: the one label of the palette form that is shown."""
    return page.locator("header form label:not([hidden])")


@pytest.mark.parametrize("scheme, expected", [("light", "default"), ("dark", "slate")])
def test_the_page_opens_in_the_systems_palette_without_switching(new_context, browser_log, scheme, expected):
    # Material's palette component set the palette again as the page opened: two restyles of the
    # whole page (bench/LIGHTHOUSE.md), and in dark mode a light page first.
    context = new_context(color_scheme=scheme)
    context.add_init_script(WATCH_BODY)
    page = context.new_page()
    page.goto("agenda-2030/mal-7/", wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # animation frames after load, where Material's component ran
    assert page.evaluate(SCHEME) == expected
    assert page.evaluate("window.__paletteChanges") == []
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == (
        "dark" if scheme == "dark" else "light")
    browser_log.assert_no_js_errors()


def test_the_readers_choice_overrides_the_system_and_is_kept(new_context, browser_log):
    context = new_context(color_scheme="light")
    page = context.new_page()
    page.goto("agenda-2030/mal-7/")
    switch = _switch(page)
    expect(switch).to_have_count(1)
    expect(switch).to_have_attribute("title", "Byt till mörkt läge")
    switch.click()
    page.wait_for_function(f"() => {SCHEME} === 'slate'")
    expect(_switch(page)).to_have_attribute("title", "Byt till ljust läge")
    expect(page.locator("body[data-md-color-switching]")).to_have_count(0)
    # Another page, opened fresh: the choice holds, and the switch offers the way back.
    page.goto("projekt/")
    assert page.evaluate(SCHEME) == "slate"
    expect(_switch(page)).to_have_attribute("title", "Byt till ljust läge")
    _switch(page).click()
    page.wait_for_function(f"() => {SCHEME} === 'default'")
    page.reload()
    assert page.evaluate(SCHEME) == "default"
    browser_log.assert_no_js_errors()


def test_a_chosen_palette_stays_when_the_system_changes(new_context):
    context = new_context(color_scheme="light")
    page = context.new_page()
    page.goto("")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"() => {SCHEME} === 'slate'")  # no choice yet: the system's setting holds
    _switch(page).click()  # the reader chooses light
    page.wait_for_function(f"() => {SCHEME} === 'default'")
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(100)
    assert page.evaluate(SCHEME) == "default"


@pytest.mark.parametrize("key", ["Enter", " "])
def test_the_switch_works_from_the_keyboard(new_context, key):
    context = new_context(color_scheme="light")
    page = context.new_page()
    page.goto("agenda-2030/mal-7/")
    page.locator("header form input:checked").focus()
    page.keyboard.press(key)
    page.wait_for_function(f"() => {SCHEME} === 'slate'")
    # Focus stays on the switch, now the one that leads back, and it can be seen.
    focused = page.evaluate("document.activeElement.nextElementSibling.title")
    assert focused == "Byt till ljust läge"
    page.keyboard.press(key)
    page.wait_for_function(f"() => {SCHEME} === 'default'")


def test_the_switch_is_reached_with_tab(new_context):
    context = new_context(color_scheme="light")
    page = context.new_page()
    page.goto("agenda-2030/mal-7/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === '__palette'"):
            break
    else:
        pytest.fail("the palette switch is not reached with Tab from the top of the page")
    assert page.evaluate("document.activeElement.checked")
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline not in ("none", ""), "the focused switch shows no outline"
