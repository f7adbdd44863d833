"""Search (Pagefind) in Chromium, served under /innocities/: nothing of it is fetched before a reader
opens it; it folds accents and stems Swedish; results name their page type and mark examples; it
opens from Material's place and keys; and it runs under the page's CSP."""

from __future__ import annotations

import re

import pytest

from innocities.search_index import DOWNLOADS
from test_csp import RECORD_VIOLATIONS, _violations

expect = pytest.importorskip(
    "playwright.sync_api", reason="pip install pytest-playwright axe-playwright-python"
).expect

pytestmark = pytest.mark.browser

HIT = ".ic-search__hit"


def _search_requests(browser_log) -> list[str]:
    return [url for _, url in browser_log.requests if DOWNLOADS.search(url)]


def _search(page, words: str) -> None:
    page.locator(".ic-search-open").click()
    dialog = page.get_by_role("dialog", name="Sök i kunskapsbanken")
    expect(dialog).to_be_visible()
    page.keyboard.type(words)
    expect(page.locator(HIT).first).to_be_visible()


@pytest.mark.parametrize("path", ["", "projekt/", "projekt/aterbruk-byggmaterial/", "kommuner/halden/"])
def test_nothing_search_related_is_fetched_before_search_is_opened(page, browser_log, path):
    page.goto(path, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert _search_requests(browser_log) == []
    _search(page, "energi")
    # The check above can fail: opening search does fetch, and all from the site's sub-path.
    fetched = _search_requests(browser_log)
    assert fetched and all("/innocities/pagefind/" in url or url.endswith("/innocities/assets/search.js")
                           for url in fetched), fetched
    assert any(url.endswith("/assets/search.js") for url in fetched), fetched
    browser_log.assert_no_js_errors()


def test_accent_folding_finds_the_page_and_marks_the_example(page, browser_log):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("")
    _search(page, "aterbruk")  # the page says "Återbruk"
    hit = page.locator(HIT).filter(has=page.locator('a[href="/innocities/projekt/aterbruk-byggmaterial/"]'))
    expect(hit).to_have_count(1)
    expect(hit.locator(".ic-search__hit-title")).to_have_text("Återbruk av byggmaterial från kommunala fastigheter")
    expect(hit.locator(".ic-search__type")).to_have_text("Projekt")
    expect(hit.locator(".ic-example-tag")).to_be_visible()
    expect(hit.locator(".ic-example-tag")).to_have_text("Exempel")
    expect(hit.locator("mark").first).to_be_visible()
    hit.locator("a").click()
    expect(page).to_have_url(re.compile(r"/innocities/projekt/aterbruk-byggmaterial/$"))
    assert _violations(page, browser_log) == []
    browser_log.assert_no_js_errors()


def test_results_name_the_page_type_and_real_ones_are_not_marked(page, browser_log):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("agenda-2030/")
    _search(page, "halden")
    municipality = page.locator(HIT).filter(has=page.locator('a[href="/innocities/kommuner/halden/"]'))
    expect(municipality.locator(".ic-search__type")).to_have_text("Kommun")
    expect(municipality.locator(".ic-example-tag")).to_have_count(0)
    page.locator(".ic-search__input").fill("")
    page.keyboard.type("sarpsborg fossilfri bilpark")
    case = page.locator(HIT).filter(has=page.locator('a[href="/innocities/projekt/fossilfri-bilpark-sarpsborg/"]'))
    expect(case.locator(".ic-search__type")).to_have_text("Projekt")
    expect(case.locator(".ic-example-tag")).to_have_count(0)
    assert page.locator(HIT).count() <= 5  # five shown at most
    assert _violations(page, browser_log) == []
    browser_log.assert_no_js_errors()


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_material_keys_open_search_and_escape_closes_it(page, browser_log, key):
    page.goto("kommuner/halden/")
    dialog = page.locator("#ic-search")
    expect(dialog).to_be_hidden()
    page.keyboard.press(key)
    expect(dialog).to_be_visible()
    expect(page.locator(".ic-search__input")).to_be_focused()
    expect(page.locator(".ic-search__input")).to_have_value("")  # the key is not typed into it
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    browser_log.assert_no_js_errors()


def test_a_link_with_q_opens_search_with_its_words(page, browser_log):
    # As Material's search did: a shared link /?q=words opens search with the words searched for.
    page.goto("kommuner/halden/?q=energi")
    expect(page.locator("#ic-search")).to_be_visible()
    expect(page.locator(".ic-search__input")).to_have_value("energi")
    expect(page.locator(HIT).first).to_be_visible()
    browser_log.assert_no_js_errors()


def test_what_is_typed_while_search_is_fetched_is_kept_and_searched_for(page, browser_log):
    # The reader opens search and types at once, before assets/search.js has arrived (held here
    # until the typing is done): no letter is lost, and the words are searched for when it comes.
    held = []
    page.route("**/assets/search.js", lambda route: held.append(route))
    page.goto("")
    page.locator(".ic-search-open").click()
    page.keyboard.type("aterbruk")
    expect(page.locator(".ic-search__input")).to_have_value("aterbruk")
    assert held, "search.js was not asked for when search opened"
    held[0].continue_()
    expect(page.locator(HIT).filter(
        has=page.locator('a[href="/innocities/projekt/aterbruk-byggmaterial/"]'))).to_have_count(1)
    browser_log.assert_no_js_errors()


@pytest.mark.parametrize("script", ["assets/search.js", "pagefind/pagefind.js"])
def test_search_says_so_and_closes_when_its_script_cannot_be_fetched(page, script):
    # Offline on a page whose search was never opened: the dialog says search failed, and the
    # close button still closes it.
    page.route(f"**/{script}", lambda route: route.abort())
    page.goto("")
    page.locator(".ic-search-open").click()
    dialog = page.get_by_role("dialog", name="Sök i kunskapsbanken")
    expect(dialog.get_by_role("status")).to_have_text("Sökningen kunde inte laddas.")
    dialog.get_by_role("button", name="Stäng").click()
    expect(dialog).to_be_hidden()
    # Back online, the next opening fetches it again, and the old failure is not shown.
    page.unroute(f"**/{script}")
    with page.expect_response(f"**/{script}"):
        page.locator(".ic-search-open").click()
    expect(dialog.get_by_role("status")).not_to_have_text("Sökningen kunde inte laddas.")
    page.keyboard.type("energi")
    expect(page.locator(HIT).first).to_be_visible()


def test_the_search_button_sits_in_the_header_with_a_name(page, browser_log):
    page.goto("")
    button = page.locator(".md-header .ic-search-open")
    expect(button).to_be_visible()
    expect(page.locator(".md-header").get_by_role("button", name="Sök")).to_have_count(1)
    browser_log.assert_no_js_errors()


def test_the_open_search_dialog_with_results_passes_axe(page, browser_log, axe_check):
    # The accessibility statement no longer lists the search dialog as a gap: this holds it to that.
    page.goto("")
    _search(page, "energi")
    axe_check(page, "the open search dialog with results")
    browser_log.assert_no_js_errors()
