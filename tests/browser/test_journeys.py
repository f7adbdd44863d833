"""Reader journeys, with real typing, clicks and keys in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

expect = pytest.importorskip(
    "playwright.sync_api", reason="pip install pytest-playwright axe-playwright-python"
).expect

REPO_ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

SEARCH_OPEN = ".md-header .ic-search-open"
SEARCH_INPUT = "input.ic-search__input"
SEARCH_RESULT_LINK = ".ic-search__link"
# Material's skip link; the site may translate it.
SKIP_LINK_TEXT = re.compile(r"(Hoppa|Gå) till (innehåll|innehållet)", re.IGNORECASE)
MAX_TABS = 20

GOAL = 7


def _front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.DOTALL)
    return (yaml.safe_load(match.group(1)) if match else None) or {}


@pytest.fixture(scope="module")
def goal_journey() -> tuple[str, str, list[str]]:
    """From the content files: a case for goal GOAL, one of its municipalities that has
    other cases too, and those other cases."""
    projects = {}
    for path in sorted((REPO_ROOT / "content" / "projects").glob("*.md")):
        meta = _front_matter(path)
        goals = {str(sdg).split(".")[0] for sdg in meta.get("sdgs") or []}
        goals = {int(g) for g in goals if g.isdigit()}
        projects[path.stem] = (goals, list(meta.get("municipalities") or []))
    for slug, (goals, municipalities) in projects.items():
        if GOAL not in goals:
            continue
        for municipality in municipalities:
            others = [s for s, (_, ms) in projects.items() if municipality in ms and s != slug]
            if others:
                return slug, municipality, others
    pytest.fail(f"content has no case for goal {GOAL} whose municipality has another case")


SEARCH_WORD = "gatubelysning"


@pytest.fixture(scope="module")
def search_case() -> tuple[str, str]:
    """From the content files: the one case whose title holds SEARCH_WORD, and its title."""
    hits = [(path.stem, meta["title"]) for path in sorted((REPO_ROOT / "content" / "projects").glob("*.md"))
            if SEARCH_WORD in str((meta := _front_matter(path)).get("title", "")).lower()]
    if len(hits) != 1:
        pytest.fail(f"content must have exactly one case with '{SEARCH_WORD}' in its title, has {hits}")
    return hits[0]


def _tab_until(page, predicate_js: str, limit: int = MAX_TABS) -> list[str]:
    """Press Tab until document.activeElement satisfies predicate_js; returns what got focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return `${e.tagName.toLowerCase()}.${e.className} ${e.getAttribute('href') || ''}"
                " ${(e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40)}`; }"
            )
        )
        reached = f"() => {{ const e = document.activeElement; return !!({predicate_js}) }}"
        if page.evaluate(reached):
            return seen
    pytest.fail(f"not reached with {limit} × Tab; focus went to:\n  " + "\n  ".join(seen))


def test_search_finds_case(page, browser_log, search_case):
    case, title = search_case
    page.goto("")
    page.locator(SEARCH_OPEN).click()
    page.keyboard.type(SEARCH_WORD)
    hit = page.locator(f'{SEARCH_RESULT_LINK}[href*="/innocities/projekt/{case}/"]').first
    expect(hit).to_be_visible()
    hit.click()
    expect(page).to_have_url(re.compile(rf"/innocities/projekt/{case}/"))
    expect(page.locator("article h1")).to_contain_text(title)
    browser_log.assert_no_js_errors()


def test_goal_to_case_to_municipality_to_another_case(page, browser_log, goal_journey):
    case, municipality, other_cases = goal_journey
    article = page.locator("article")

    page.goto(f"agenda-2030/mal-{GOAL}/")
    article.locator(f'a[href$="projekt/{case}/"]').first.click()
    expect(page).to_have_url(re.compile(rf"/innocities/projekt/{case}/$"))

    article.locator(f'a[href$="kommuner/{municipality}/"]').first.click()
    expect(page).to_have_url(re.compile(rf"/innocities/kommuner/{municipality}/$"))
    # It is the case's municipality: its page lists the case we came from.
    expect(article.locator(f'a[href$="projekt/{case}/"]').first).to_be_visible()

    selector = ", ".join(f'a[href$="projekt/{slug}/"]' for slug in other_cases)
    another = article.locator(selector).first
    expect(another).to_be_visible()
    href = another.get_attribute("href")
    another.click()
    landed = re.search(r"projekt/([a-z0-9-]+)/$", page.url)
    assert landed and landed.group(1) in other_cases and landed.group(1) != case, (
        f"clicking {href!r} on kommuner/{municipality}/ led to {page.url}"
    )
    expect(article.locator("h1")).to_be_visible()
    # …and that case names the same municipality.
    expect(article.locator(f'a[href$="kommuner/{municipality}/"]').first).to_be_visible()
    browser_log.assert_no_js_errors()


def test_keyboard_skip_link_reaches_main_content(page, browser_log, search_case):
    page.goto(f"projekt/{search_case[0]}/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text(SKIP_LINK_TEXT)
    expect(skip).to_be_visible()  # visible when focused, not only to screen readers
    target = skip.get_attribute("href")
    assert target and target.startswith("#"), f"skip link points to {target!r}"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    # The next Tab lands in the main content, not back in the header or the navigation.
    page.keyboard.press("Tab")
    in_content = page.evaluate("() => !!document.activeElement.closest('.md-content')")
    focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    assert in_content, f"after the skip link, Tab focused {focused}, outside the main content"
    browser_log.assert_no_js_errors()


def test_keyboard_reaches_search_and_opens_result(page, browser_log, search_case):
    page.goto("")
    _tab_until(page, f"e.matches({SEARCH_OPEN!r})")
    page.keyboard.press("Enter")
    expect(page.locator(SEARCH_INPUT)).to_be_focused()
    page.keyboard.type(SEARCH_WORD)
    expect(page.locator(SEARCH_RESULT_LINK).first).to_be_visible()
    # Enter in the search field opens the best result, as in Material's search.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/innocities/projekt/{search_case[0]}/"))
    browser_log.assert_no_js_errors()
