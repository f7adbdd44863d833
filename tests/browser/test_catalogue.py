"""The project catalogue's filters, as a reader uses them in Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from innocities import source

expect = pytest.importorskip(
    "playwright.sync_api", reason="pip install pytest-playwright axe-playwright-python"
).expect

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
    return set(visible_order(page))


def visible_order(page) -> list[str]:
    """The slugs of the cards a reader sees, in order (pre-drawn or drawn by the script)."""
    hrefs = page.eval_on_selector_all(
        ".ic-cards:not([hidden]) > li .ic-card__title a", "els => els.map(e => e.getAttribute('href'))")
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def wait_for_cards(page, expected) -> None:
    """The script fetches the index on first use: wait until the cards shown are `expected`."""
    try:
        page.wait_for_function(
            "want => { const got = [...document.querySelectorAll('.ic-cards:not([hidden]) > li .ic-card__title a')]"
            ".map(a => a.getAttribute('href').replace(/\\/$/, '').split('/').pop()).sort();"
            " return JSON.stringify(got) === JSON.stringify(want); }", arg=sorted(expected), timeout=5000)
    except Exception:
        pass
    assert visible_slugs(page) == set(expected)


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
    wait_for_cards(page, with_goal)
    assert page.locator("#ic-result-count").inner_text() == f"Visar {len(with_goal)} av {len(projects)} projekt"
    assert re.search(rf"[?&]mal={goal}\b", page.url)

    # Another facet narrows further (AND); its counts already said by how much.
    status = next(fm["status"] for s, fm in sorted(projects.items()) if s in with_goal)
    both = {s for s in with_goal if projects[s]["status"] == status}
    shown_count = page.locator(f"[data-count-for='status={status}']").text_content()
    assert int(shown_count) == len(both)
    tick(page, "status", status)
    wait_for_cards(page, both)

    # A second value in the same facet widens it (OR).
    other = next(g for g in sorted(counts, key=int) if g != goal)
    tick(page, "mal", other)
    either = {s for s, fm in projects.items() if (goal in goals(fm) or other in goals(fm)) and fm["status"] == status}
    wait_for_cards(page, either)

    page.reload()
    wait_for_cards(page, either)
    assert page.locator(f"input[name='mal'][value='{goal}']").is_checked()

    page.go_back()
    wait_for_cards(page, both)
    page.go_back()
    wait_for_cards(page, with_goal)


def test_text_filter_and_reset(page, site, projects):
    page.goto(site.url("projekt/"))
    slug, fm = sorted(projects.items())[0]
    word = max(fm["title"].split(), key=len).lower()
    expected = {s for s, f in projects.items() if word in (f["title"] + " " + " ".join(f["summary"].split())).lower()}
    page.fill("#ic-filter-q", word)
    wait_for_cards(page, expected)
    assert slug in expected
    assert parse_qs(urlsplit(page.url).query)["q"] == [word]
    page.click("#ic-filter-clear")
    wait_for_cards(page, set(projects))


def test_no_results_says_so(page, site):
    page.goto(site.url("projekt/?q=zzzqqqxxx"))
    wait_for_cards(page, set())
    expect(page.locator("#ic-no-results")).to_be_visible()
    assert page.locator("#ic-result-count").inner_text().startswith("Visar 0 av")


def test_without_javascript_the_whole_list_is_there(browser, site, projects):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("projekt/?mal=7"))
        assert not page.locator("#ic-filters").is_visible()
        assert not page.locator("#ic-filters-toggle").is_visible()
        # Every project is reached from the first page: its cards and the pages it links to.
        seen, queue, visited = [], [site.url("projekt/")], set()
        while queue:
            url = queue.pop(0)
            if url in visited:
                continue
            visited.add(url)
            page.goto(url)
            seen += visible_order(page)
            queue += page.eval_on_selector_all(".ic-pager a", "els => els.map(e => e.href)")
        assert sorted(seen) == sorted(projects), "each project once, on some page"
        # A card reads without the script: title, summary, status and goal chips with their names.
        first = page.locator(".ic-card").first
        assert first.locator(".ic-card__summary").inner_text().strip()
        assert first.locator(".ic-status").is_visible()
        assert re.match(r"\d+ \S", first.locator(".ic-chip").first.inner_text())
    finally:
        context.close()


def test_filter_controls_are_labelled_for_screen_readers(page, site):
    page.goto(site.url("projekt/"))
    assert page.get_by_role("searchbox", name=re.compile("Sök i titel")).count() == 1
    assert page.locator("#ic-result-count").get_attribute("aria-live") == "polite"
    # The options come with the index, when the reader first opens a group.
    page.locator("details[data-facet='status'] summary").click()
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


def content_date(fm, today):
    """The rule the catalogue sorts 'newest' by, written out from the issue: the latest of the
    case's start, end and reviewed dates that has come, else its (planned) start."""
    dates = [fm.get(k) for k in ("start", "end", "reviewed")]
    past = [d for d in dates if d and d <= today]
    return max(past) if past else fm.get("start")


def test_sort_by_newest_and_by_status(page, site, projects):
    import datetime as dt
    today = dt.date(1970, 1, 1)  # the test site is built with SOURCE_DATE_EPOCH=0
    page.goto(site.url("projekt/"))
    page.select_option("#ic-sort", "nyast")
    page.wait_for_function("() => !document.getElementById('ic-found').hidden")
    order = visible_order(page)
    assert set(order) == set(projects)
    dates = [content_date(projects[s], today) or dt.date.min for s in order]
    assert dates == sorted(dates, reverse=True), "newest first by the content's own dates"
    assert "sortera=nyast" in page.url

    page.select_option("#ic-sort", "status")
    page.wait_for_function("() => new URL(location).searchParams.get('sortera') === 'status'")
    rank = ["ongoing", "planned", "idea", "completed", "discontinued"]
    statuses = [rank.index(projects[s]["status"]) for s in visible_order(page)]
    assert statuses == sorted(statuses)


def test_on_a_phone_the_filters_fold_behind_one_button_with_the_count(browser, site, projects):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(site.url("projekt/"))
        toggle = page.locator("#ic-filters-toggle")
        expect(toggle).to_be_visible()
        expect(page.locator("#ic-filters")).to_be_hidden()
        assert f"({len(projects)} projekt)" in toggle.inner_text()
        # The first card starts on the first screen.
        assert page.locator(".ic-card").first.bounding_box()["y"] < 800
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#ic-filters")).to_be_visible()
        page.locator("details[data-facet='typ'] summary").click()
        page.locator("input[name='typ'][value='exempel']").check()
        examples = {s for s, fm in projects.items() if fm.get("example")}
        wait_for_cards(page, examples)
        expect(toggle).to_contain_text(f"({len(examples)} projekt)")
        toggle.click()
        expect(page.locator("#ic-filters")).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_opening_a_filter_group_leaves_no_hole(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url("projekt/"))
        groups = page.locator("details.ic-facet")
        page.locator("details[data-facet='mal'] summary").click()
        boxes = [groups.nth(i).bounding_box() for i in range(groups.count())]
        # One column: every group starts where the one above it ends, whichever is open.
        assert len({round(b["x"]) for b in boxes}) == 1
        for above, below in zip(boxes, boxes[1:]):
            assert 0 <= below["y"] - (above["y"] + above["height"]) < 20
    finally:
        context.close()
