"""Pages keep their place and carry what every page must (issue 17): on the built site, a
breadcrumb back and the right top tab on every page outside the navigation, a side bar with
something in it, a skip link and the footer's publisher, contact and accessibility statement on
every page, and the links to the issue forms."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT

# Folder of a page outside the navigation → what a reader expects: the breadcrumb's links (site
# paths, from the start page down) and the top tab shown as current. Written out, not read from
# the site code.
PLACES = {
    "projekt": (["", "projekt/"], "Projekt"),
    "kommuner": (["", "kommuner/"], "Kommuner"),
    "agenda-2030": (["", "agenda-2030/"], "Agenda 2030"),
    "teman": (["", "projekt/", "teman/"], "Projekt"),
    "methods": (["", "methods/"], "Metoder"),
}
REPO_URL = "https://github.com/innocities/kunskapsbank"  # mkdocs.yml's default


def pages_in(built, folder: str) -> list[str]:
    return sorted(p.parent.relative_to(built.root).as_posix() + "/"
                  for p in (built.root / folder).glob("*/index.html"))


def all_pages(built) -> list[str]:
    out = []
    for p in sorted(built.root.rglob("*.html")):
        rel = p.relative_to(built.root).as_posix()
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        out.append(rel)
    return out


def resolve(url: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join(url or ".", href))
    return "" if target == "." else target + ("/" if href.endswith("/") else "")


def breadcrumb(built, url: str) -> tuple[list[str], str] | None:
    raw = built.raw(url)
    nav = re.search(r'<nav class="ic-breadcrumb" aria-label="[^"]+">(.*?)</nav>', raw, re.S)
    if not nav:
        return None
    links = [resolve(url, h) for h in re.findall(r'<a href="([^"]+)"', nav.group(1))]
    current = re.search(r'<li aria-current="page">(.*?)</li>', nav.group(1), re.S)
    return links, html.unescape(current.group(1).strip()) if current else ""


def active_tab(built, url: str) -> list[str]:
    raw = built.raw(url)
    return [" ".join(re.sub(r"<[^>]+>", "", m).split())
            for m in re.findall(r'<li class="md-tabs__item md-tabs__item--active">(.*?)</li>', raw, re.S)]


@pytest.mark.parametrize("folder", PLACES)
def test_every_page_outside_the_navigation_has_a_breadcrumb_back_and_its_tab(built, folder):
    trail, tab = PLACES[folder]
    urls = [u for u in pages_in(built, folder)]
    assert urls, f"no pages in {folder}/"
    for url in urls:
        found = breadcrumb(built, url)
        assert found is not None, f"{url}: no breadcrumb"
        links, current = found
        assert links == trail, (url, links)
        title = re.search(r"<title>(.*?)</title>", built.raw(url), re.S).group(1)
        assert current and html.unescape(title).startswith(current), (url, current)  # the page itself, last
        assert active_tab(built, url) == [tab], (url, active_tab(built, url))


def test_breadcrumb_names_the_page_and_its_section(built):
    links, current = breadcrumb(built, "projekt/innocities/")
    assert current.startswith("Innocities")
    text = built.raw("projekt/innocities/")
    nav = text[text.index('class="ic-breadcrumb"'):text.index("</nav>", text.index('class="ic-breadcrumb"'))]
    assert ">Startsida</a>" in nav and ">Projekt</a>" in nav


def test_only_one_tab_is_current_and_the_navigation_is_left_alone(built):
    # The section marked for one page must not stay marked on the next one.
    for url in ["", "projekt/", "kommuner/", "om/", "bidra/", "projekt/innocities/", "kommuner/halden/"]:
        assert len(active_tab(built, url)) == 1, url
    assert active_tab(built, "om/") == ["Om"]
    assert active_tab(built, "kommuner/") == ["Kommuner"]


def test_the_side_bars_hold_the_sections_and_the_siblings(built):
    raw = built.raw("projekt/innocities/")
    # The table of contents' side bar, up to the content (its sections nest navs of their own).
    toc = raw[raw.index('data-md-type="toc"'):raw.index('class="md-content"')]
    # The template's sections (Fakta, Relaterade projekt) and the body's (Bakgrund) are listed.
    for section in ("#fakta", "#bakgrund", "#relaterade-projekt"):
        assert f'href="{section}"' in toc, section
    nav = raw[raw.index('data-md-type="navigation"'):raw.index('data-md-type="toc"')]
    assert 'href="../../teman/"' in nav  # the section's other pages, beside the case
    goal = built.raw("agenda-2030/mal-7/")
    goal_toc = goal[goal.index('data-md-type="toc"'):]
    assert 'href="#projekt"' in goal_toc[: goal_toc.index("</nav>")]


def test_every_page_has_a_skip_link_to_something_on_it(built):
    pages = all_pages(built)
    assert len(pages) > 50
    for url in pages:
        raw = built.raw(url)
        skip = re.search(r'<a href="#([^"]+)" class="md-skip"', raw)
        assert skip, f"{url or '/'}: no skip link"
        assert f'id="{skip.group(1)}"' in raw, f"{url or '/'}: skip link to #{skip.group(1)}, which is not on the page"


def test_every_page_footer_names_the_publisher_a_contact_and_the_accessibility_statement(built):
    for url in all_pages(built):
        raw = built.raw(url)
        footer = raw[raw.index('class="md-copyright'):]
        footer = footer[: footer.index("</div>")]
        assert "Webbplatsen ges ut av Innocities." in footer, url
        assert "Made with" not in raw, url
        hrefs = re.findall(r'href="([^"]+)"', footer)
        assert f"{REPO_URL}/issues/new/choose" in hrefs, url  # the contact
        if url != "404.html":  # the 404 page links from the site root
            assert "tillganglighet/" in {resolve(url, h) for h in hrefs if "://" not in h}, url


def issue_forms() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}


def test_contributor_guide_links_the_project_form(built):
    assert "projektforslag.yml" in issue_forms()
    assert f'href="{REPO_URL}/issues/new?template=projektforslag.yml"' in built.raw("bidra/")


def test_accessibility_statement_follows_diggs_model(built):
    raw = built.raw("tillganglighet/")
    text = built.text("tillganglighet/")
    assert "tillganglighet.yml" in issue_forms()
    assert f'href="{REPO_URL}/issues/new?template=tillganglighet.yml"' in raw  # a way to report
    assert re.search(r"\b(helt|delvis|inte) förenlig\b", text)  # compliance status, DIGG's words
    assert "Kända brister" in text
    assert 'href="https://www.digg.se/tdosanmalan"' in raw  # the supervisory authority's form
    assert "Myndigheten för digital förvaltning" in text and "info@digg.se" in text
    assert re.search(r"självskattning", text)  # method of assessment
    assert re.search(r"bedömdes senast den \d+ \w+ 20\d\d", text)  # date of assessment


def test_organisations_table_heads_its_name_column_name(built):
    raw = built.raw("kommuner/")
    assert re.search(r'<thead><tr><th scope="col">Namn</th>', raw)
    assert ">Titel<" not in raw
