"""The project catalogue's filters, as a reader uses them in Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from innocities import source

pytest.importorskip("playwright.sync_api", reason="pip install pytest-playwright axe-playwright-python")

REPO_ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def projects() -> dict[str, dict]:
    out = {}
    for path in sorted((REPO_ROOT / "content/projects").glob("*.md")):
        out[path.stem] = source.parse(path.name, path.read_text(encoding="utf-8")).data
    return out


def goals(fm) -> set[str]:
    return {str(s).split(".")[0] for s in fm["sdgs"]}


def visible_slugs(page) -> set[str]:
    hrefs = page.eval_on_selector_all(
        "#ic-catalogue tbody tr:not([hidden]) td:first-child a", "els => els.map(e => e.getAttribute('href'))")
    return {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs}


def tick(page, facet: str, value: str) -> None:
    details = page.locator(f"details[data-facet='{facet}']")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.locator(f"input[name='{facet}'][value='{value}']").check()


def test_filters_narrow_the_list_and_survive_reload_and_back(page, site, projects):
    page.goto(site.url("projekt/"))
    assert visible_slugs(page) == set(projects)

    # The goal most projects share, so the filter really narrows.
    counts = {}
    for fm in projects.values():
        for g in goals(fm):
            counts[g] = counts.get(g, 0) + 1
    goal = max(sorted(counts), key=lambda g: counts[g])
    with_goal = {s for s, fm in projects.items() if goal in goals(fm)}
    assert 0 < len(with_goal) < len(projects)

    tick(page, "mal", goal)
    assert visible_slugs(page) == with_goal
    assert page.locator("#ic-result-count").inner_text() == f"Visar {len(with_goal)} av {len(projects)} projekt"
    assert re.search(rf"[?&]mal={goal}\b", page.url)

    # Another facet narrows further (AND); its counts already said by how much.
    status = next(fm["status"] for s, fm in sorted(projects.items()) if s in with_goal)
    both = {s for s in with_goal if projects[s]["status"] == status}
    shown_count = page.locator(f"[data-count-for='status={status}']").text_content()
    assert int(shown_count) == len(both)
    tick(page, "status", status)
    assert visible_slugs(page) == both

    # A second value in the same facet widens it (OR).
    other = next(g for g in sorted(counts, key=int) if g != goal)
    tick(page, "mal", other)
    either = {s for s, fm in projects.items() if (goal in goals(fm) or other in goals(fm)) and fm["status"] == status}
    assert visible_slugs(page) == either

    page.reload()
    assert visible_slugs(page) == either
    assert page.locator(f"input[name='mal'][value='{goal}']").is_checked()

    page.go_back()
    assert visible_slugs(page) == both
    page.go_back()
    assert visible_slugs(page) == with_goal


def test_text_filter_and_reset(page, site, projects):
    page.goto(site.url("projekt/"))
    slug, fm = sorted(projects.items())[0]
    word = max(fm["title"].split(), key=len).lower()
    expected = {s for s, f in projects.items() if word in (f["title"] + " " + " ".join(f["summary"].split())).lower()}
    page.fill("#ic-filter-q", word)
    assert visible_slugs(page) == expected and slug in expected
    assert parse_qs(urlsplit(page.url).query)["q"] == [word]
    page.click("#ic-filter-clear")
    page.wait_for_function("() => !document.querySelector('#ic-catalogue tbody tr[hidden]')")
    assert visible_slugs(page) == set(projects)


def test_no_results_says_so(page, site):
    page.goto(site.url("projekt/?q=zzzqqqxxx"))
    assert visible_slugs(page) == set()
    assert page.locator("#ic-no-results").is_visible()
    assert page.locator("#ic-result-count").inner_text().startswith("Visar 0 av")


def test_without_javascript_the_whole_list_is_there(browser, site, projects):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("projekt/?mal=7"))
        assert visible_slugs(page) == set(projects)
        assert not page.locator("#ic-filters").is_visible()
    finally:
        context.close()


def test_filter_controls_are_labelled_for_screen_readers(page, site):
    page.goto(site.url("projekt/"))
    assert page.get_by_role("searchbox", name=re.compile("Sök i titel")).count() == 1
    assert page.locator("#ic-result-count").get_attribute("aria-live") == "polite"
    tick(page, "status", page.locator("input[name='status']").first.get_attribute("value"))
    for box in page.locator("#ic-filters input[type=checkbox]").all():
        assert box.evaluate("b => b.labels.length") == 1


def test_a_case_prints_as_a_handout(page, site):
    """Printed for a meeting: the content and its facts, without menus, search or footer."""
    page.goto(site.url("projekt/innocities/"))
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".ic-search-open"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".ic-facts").is_visible()
    assert page.locator("h1").first.is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".md-header").first.is_visible()
