"""A programme page in a browser: it reflows at 320 CSS px (WCAG 1.4.10), its charts' text is
as large as the page's small print at every width, its charts' tables open from the keyboard, and
the programmes index sorts by following a link, with no script. (axe in light and dark runs over
these pages in test_pages.py.)"""

from __future__ import annotations

import pytest

expect = pytest.importorskip(
    "playwright.sync_api", reason="pip install pytest-playwright axe-playwright-python"
).expect

pytestmark = pytest.mark.browser

PAGES = ["program/exempelprogrammet/", "program/smart-city-halden/", "program/", "kommuner/exempelstad/"]


@pytest.mark.parametrize("path", PAGES)
def test_reflows_at_320_px(new_context, path):
    page = new_context(viewport={"width": 320, "height": 800}).new_page()
    page.goto(path, wait_until="load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{path} is {width} px wide at a 320 px viewport: the page scrolls sideways"


# The smallest text a reader meets on these pages (Material's small print: footer, captions).
SMALL_PRINT_PX = 12
CHART_PAGES = ["program/exempelprogrammet/", "kommuner/exempelstad/", "statistik/"]

# Every chart's text: its rendered size (computed font size times the SVG's scale) and whether its
# box stays inside the chart, so a long label neither shrinks nor runs off the side.
_CHART_TEXT = """() => [...document.querySelectorAll("article svg.ic-chart__svg")].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map(text => {
    const r = text.getBoundingClientRect();
    return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1, chart: svg.id || svg.getAttribute("aria-labelledby")};
  });
})"""


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_text_is_as_large_as_the_small_print_and_stays_inside(new_context, path, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(path, wait_until="load")
    texts = page.evaluate(_CHART_TEXT)
    assert len(texts) > 10, f"{path}: too few chart texts found"
    small = [(t["chart"], t["text"], round(t["px"], 1)) for t in texts if t["px"] < SMALL_PRINT_PX]
    assert not small, f"{path} at {width} px: chart text below {SMALL_PRINT_PX} px: {small[:5]}"
    outside = [(t["chart"], t["text"]) for t in texts if not t["inside"]]
    assert not outside, f"{path} at {width} px: chart text runs past its chart: {outside[:5]}"


def test_chart_table_opens_from_the_keyboard(page):
    page.goto("program/exempelprogrammet/", wait_until="load")
    summary = page.locator("details.ic-chart__table summary").first
    table = page.locator("details.ic-chart__table table").first
    assert not table.is_visible()
    for _ in range(200):  # Tab until the first chart's "show table" has focus
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the first chart's table toggle is never reached with Tab")
    page.keyboard.press("Enter")
    expect(table).to_be_visible()
    assert "Behov och förankring" in table.inner_text()


def test_programmes_index_sorts_by_link_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, base_url=site.url(""))
    page = context.new_page()
    page.goto("program/", wait_until="load")
    rows = lambda: page.locator("table tbody th a").all_inner_texts()  # noqa: E731
    assert rows().index("Smart City Halden") < rows().index("Smarta Exempelstad (exempel)")
    page.get_by_role("link", name="Flest projekt").click()
    page.wait_for_url("**/program/ordning-projekt/")
    assert rows().index("Smarta Exempelstad (exempel)") < rows().index("Smart City Halden")
    assert page.locator("strong[aria-current=page]").inner_text() == "Flest projekt"
    context.close()


@pytest.mark.parametrize("path", ["program/", "statistik/"])
def test_each_table_row_has_its_line_across_the_row_header_too(page, path):
    # A row's header cell (the programme's name) has the line above it that the row's other cells
    # have, so the line runs the table's whole width.
    page.goto(path)
    rows = page.locator(".md-typeset table:not([class]) tbody tr:has(> th[scope=row]):has(> td)")
    assert rows.count() > 1
    lines = rows.evaluate_all("""rows => rows.map(r => [r.querySelector(':scope > th'), r.querySelector(':scope > td')]
        .map(c => getComputedStyle(c)).map(s => s.borderTopWidth + ' ' + s.borderTopStyle + ' ' + s.borderTopColor))""")
    assert all(th == td and not th.startswith("0px") for th, td in lines), lines
