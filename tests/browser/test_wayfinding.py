"""Pages keep their place, in a browser: the breadcrumb leads back, the skip link works where
Material draws none, and the contributor guide's copy button copies the template."""

from __future__ import annotations

import pytest

expect = pytest.importorskip(
    "playwright.sync_api", reason="pip install pytest-playwright axe-playwright-python"
).expect

pytestmark = pytest.mark.browser


def test_breadcrumb_leads_back_to_the_catalogue_and_the_start(page, browser_log):
    page.goto("projekt/innocities/")
    crumbs = page.get_by_role("navigation", name="Du är här")
    expect(crumbs.locator("[aria-current=page]")).to_contain_text("Innocities")
    crumbs.get_by_role("link", name="Projekt").click()
    page.wait_for_url("**/projekt/")
    page.go_back()
    page.get_by_role("navigation", name="Du är här").get_by_role("link", name="Startsida", exact=True).click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/innocities"))
    browser_log.assert_no_js_errors()


def test_current_tab_on_a_goal_page(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("agenda-2030/mal-7/")
    expect(page.locator(".md-tabs__item--active")).to_have_text("Agenda 2030")


def test_skip_link_where_material_draws_none(page):
    # The Agenda 2030 index has no section headings, so no table of contents: the skip link is ours.
    page.goto("agenda-2030/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Hoppa till innehållet")
    expect(skip).to_be_visible()
    skip.press("Enter")
    page.keyboard.press("Tab")
    in_content = page.evaluate("() => !!document.activeElement.closest('article.md-content__inner')")
    assert in_content, "after the skip link, Tab left the main content"


def test_copy_button_copies_the_template(new_context, site):
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    page = context.new_page()
    page.goto("bidra/")
    button = page.get_by_role("button", name="Kopiera").first
    expect(button).to_be_visible()
    button.click()
    expect(page.get_by_role("status").first).to_have_text("Kopierat")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("---\ntitle:") and "municipalities:" in copied


@pytest.mark.parametrize("width", [320, 721, 960, 1219, 1280])
def test_field_reference_never_scrolls_sideways(page, width):
    # Code there wraps only at spaces and after dots (never mid-word), so the tables must fit:
    # cards on a phone, five columns from 45em. A table box that scrolls would also need
    # keyboard access (axe: scrollable-region-focusable).
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("bidra/faltreferens/")
    # The field tables (the value lists below them are plain tables, which may scroll in their box).
    overflow = page.evaluate("""() => [...document.querySelectorAll('article .ic-fields table')]
        .map(t => (t.closest('.md-typeset__scrollwrap') || t).scrollWidth - (t.closest('.md-typeset__scrollwrap') || t).clientWidth)""")
    assert overflow and max(overflow) <= 0, overflow
    assert page.evaluate("document.documentElement.scrollWidth") <= width
