"""The Content-Security-Policy in a browser: no page type logs a violation, and a script that
reaches a page anyway (here written into a built page by hand, past the body sanitiser) does
not run."""

from __future__ import annotations

import pytest

from test_pages import PAGES, _open

pytestmark = pytest.mark.browser

# Recorded from the first moment of every page: Playwright's init scripts are not subject to the
# page's policy (the context does not bypass CSP; bypass_csp stays off).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || "")));
"""

ALL_PAGES = {**PAGES, "not-found": "finns-inte/"}


def _violations(page, browser_log) -> list[str]:
    recorded = page.evaluate("window.__csp")
    logged = [e.text for e in browser_log.events if "Content Security Policy" in e.text]
    return recorded + logged


@pytest.mark.parametrize("path", ALL_PAGES.values(), ids=ALL_PAGES.keys())
def test_no_page_type_violates_the_policy(page, browser_log, site, path):
    page.add_init_script(RECORD_VIOLATIONS)
    if path == "finns-inte/":
        response = page.goto(path, wait_until="load")
        assert response is not None and response.status == 404
        page.wait_for_load_state("networkidle")
    else:
        _open(page, path)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert policy.count() == 1, f"{path}: {policy.count()} CSP meta elements"
    assert "script-src 'self'" in policy.get_attribute("content")
    # Material's own scripts ran: the palette script sets the scheme on <body> (its hash is allowed).
    assert page.locator("body[data-md-color-scheme]").count() == 1
    assert _violations(page, browser_log) == [], f"{site.url(path)} broke its own policy"


def test_an_injected_script_is_blocked(page, browser_log, site):
    case = (site.directory / "projekt" / "smart-gatubelysning-exempelstad" / "index.html").read_text(encoding="utf-8")
    injected = ('<script>window.__ran = "inline"</script>'
                '<img src="x.png" onerror="window.__ran = \'onerror\'">'
                '<a id="js-link" href="javascript:window.__ran = \'javascript-url\'">länk</a>')
    assert '<article class="md-content__inner md-typeset">' in case
    hostile = case.replace('<article class="md-content__inner md-typeset">',
                           '<article class="md-content__inner md-typeset">' + injected, 1)
    # Same depth as the original, so its relative styles resolve; removed afterwards, because the
    # site is shared and other tests (reflow) read every page in it.
    folder = site.directory / "projekt" / "csp-prov"
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(hostile, encoding="utf-8")
    try:
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto("projekt/csp-prov/", wait_until="load")
        page.wait_for_load_state("networkidle")
        page.locator("#js-link").click()
        page.wait_for_timeout(300)
        assert page.evaluate("window.__ran") is None
        found = " | ".join(_violations(page, browser_log))
        assert "script-src" in found and "inline" in found, found
    finally:
        (folder / "index.html").unlink()
        folder.rmdir()
