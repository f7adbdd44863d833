"""One page of every type: no third-party requests, no JavaScript errors, and no WCAG 2.0/2.1
A/AA violations (axe-core) in the light and the dark palette."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

def _first_project(example: bool) -> str:
    """A case from the content files: the first example, or the first real one, by file name."""
    for path in sorted((Path(__file__).resolve().parents[2] / "content" / "projects").glob("*.md")):
        if bool(re.search(r"^example:\s*true\s*$", path.read_text(encoding="utf-8"), re.M)) == example:
            return f"projekt/{path.stem}/"
    raise LookupError(f"no {'example' if example else 'real'} project in content/projects/")


# One page of every type, relative to /innocities/.
PAGES = {
    "start": "",
    "catalogue": "projekt/",
    "case": _first_project(example=True),
    "case-real": _first_project(example=False),
    "municipality": "kommuner/halden/",
    "organisation-portfolio": "kommuner/exempelstad/",
    "programme": "program/exempelprogrammet/",
    "programme-real": "program/smart-city-halden/",
    "programmes": "program/",
    "programmes-sorted": "program/ordning-projekt/",
    "goal-index": "agenda-2030/",
    "goal": "agenda-2030/mal-7/",
    "method": "methods/pilotplan/",
    "theme-index": "teman/",
    "theme": "teman/energi/",
    "organisations": "kommuner/",
    "contribute": "bidra/",
    "accessibility": "tillganglighet/",
    "statistics": "statistik/",
    "map": "karta/",
    "open-data": "oppna-data/",
    "field-reference": "bidra/faltreferens/",
    "catalogue-filtered": "projekt/?mal=7&status=ongoing",
    "search": "?q=belysning",
}
SEARCH_RESULT = ".ic-search__hit"


def _open(page, path: str, *, network_idle: bool = True) -> None:
    """Open a page and wait until it is complete: loaded, (network idle,) search results shown."""
    response = page.goto(path, wait_until="load")
    assert response is not None and response.status == 200, (
        f"{path or '/'}: HTTP {response.status if response else 'no response'}"
    )
    if network_idle:
        page.wait_for_load_state("networkidle")
    if "?q=" in path:
        page.locator(SEARCH_RESULT).first.wait_for(state="visible")


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_third_party_requests(page, browser_log, site, path):
    _open(page, path)
    third_party = browser_log.third_party_requests()
    if third_party:
        pytest.fail(
            f"{site.url(path)} requested {len(third_party)} third-party URL(s) "
            f"(only {site.origin} is allowed):\n"
            + "\n".join(f"  {url}  (from {page_url})" for page_url, url in third_party),
            pytrace=False,
        )
    local = [u for _, u in browser_log.requests if site.is_local(u)]
    assert local, "no request reached the test server: the recorder is not working"


@pytest.mark.parametrize("path", ["", "projekt/", PAGES["case"], "karta/"])
def test_no_page_fetches_the_sitemap_and_the_feed_stays_discoverable(page, browser_log, path):
    # Material fetches and parses the whole sitemap.xml (one entry per page of the site) for any
    # <link rel="alternate">, taking it for a translation; the feed's link must not look like one.
    _open(page, path)
    fetched = [url for _, url in browser_log.requests if url.split("?")[0].endswith("/sitemap.xml")]
    assert fetched == [], fetched
    feed = page.locator('head link[rel~="alternate"][type="application/atom+xml"]')
    assert feed.count() == 1
    assert feed.evaluate("l => l.href").endswith("/innocities/feed.xml")


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_javascript_errors(page, browser_log, path):
    _open(page, path)
    browser_log.assert_no_js_errors()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_accessibility(new_context, axe_check, site, path, scheme):
    # mkdocs.yml selects the palette with prefers-color-scheme media queries; a fresh context
    # has no stored palette choice, so the emulated colour scheme decides.
    context = new_context(color_scheme=scheme)
    page = context.new_page()
    _open(page, path, network_idle=False)  # axe needs the rendered page, not idle network
    expected = {"light": "default", "dark": "slate"}[scheme]
    page.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg=expected
    )
    axe_check(page, f"{site.url(path)} ({scheme} palette)")
