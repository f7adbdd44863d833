"""The map in a browser: numbers visible without hover, a tap on a touch screen follows a marker,
the map scrolls in its own box on a phone, and organisation pages draw the shared locator outlines."""

from __future__ import annotations

import pytest
import yaml

from sitebuild import ROOT

pytestmark = pytest.mark.browser


def located_slugs() -> list[str]:
    """Organisations with coordinates, from the content files themselves."""
    out = []
    for path in sorted((ROOT / "content" / "municipalities").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if front.get("coordinates"):
            out.append(path.stem)
    return out


def test_marker_numbers_are_visible_without_hover(page, browser_log):
    page.goto("karta/")
    numbers = page.locator(".ic-map__num")
    assert numbers.count() >= 3
    for i in range(numbers.count()):
        box = numbers.nth(i).bounding_box()
        assert box and box["width"] > 3 and box["height"] > 6, f"marker {i + 1} shows no number"
        assert numbers.nth(i).evaluate("e => getComputedStyle(e).visibility") == "visible"
    browser_log.assert_no_js_errors()


def test_tapping_a_marker_on_a_touch_screen_follows_it(new_context, site):
    context = new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto("karta/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page does not scroll sideways"
    link = page.locator("a.ic-map__link").first
    href = link.get_attribute("href")
    link.scroll_into_view_if_needed()
    link.locator("circle.ic-map__marker").tap()
    if href.startswith("#"):
        page.wait_for_function("h => location.hash === h", arg=href)
    else:
        page.wait_for_url(lambda url: "/kommuner/" in url)
        assert page.locator("h1").inner_text()


def test_locator_map_draws_the_shared_outlines_and_a_dot(page, browser_log):
    slug = located_slugs()[0]
    page.goto(f"kommuner/{slug}/", wait_until="networkidle")
    figure = page.locator("figure.ic-locator")
    assert figure.count() == 1
    shared = [u for _, u in browser_log.requests if u.endswith("karta/norden.svg")]
    assert shared, "the page loads the shared outline file"
    land = figure.locator("use.ic-locator__land")
    box = land.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 60, "the outlines are drawn"
    dot = figure.locator("circle.ic-locator__dot").bounding_box()
    assert dot and box["x"] <= dot["x"] <= box["x"] + box["width"]
    browser_log.assert_no_js_errors()
