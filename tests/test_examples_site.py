"""The built site as a reader meets it: sources shown and carried into the data, examples marked on
every surface and counted apart, and a build without examples that leaves no trace of them.

The examples and real projects are picked from the shipped content, never by name.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import searchindex
from htmlsite import Site
from innocities import content
from sitebuild import ROOT, copy_repo, mkdocs

ATOM = "{http://www.w3.org/2005/Atom}"
SUFFIX = "(exempel)"


@pytest.fixture(scope="module")
def portfolio():
    p = content.load(ROOT)
    assert not p.errors
    return p


@pytest.fixture(scope="module")
def examples(portfolio):
    found = sorted((p for p in portfolio.projects.values() if p.example), key=lambda p: p.slug)
    assert found, "the shipped content has example projects to show every feature"
    return found


@pytest.fixture(scope="module")
def real(portfolio):
    found = sorted((p for p in portfolio.projects.values() if not p.example), key=lambda p: p.slug)
    assert found
    return found


def jsonld(site: Site, url: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', site.raw(url), re.S).group(1))


def sources_section(site: Site, url: str) -> str:
    html = site.raw(url)
    start = html.find('id="kallor"')
    assert start > 0, f"{url} has no Källor section"
    return html[start: html.find("</ul>", start)]


# --- sources -----------------------------------------------------------------------------------


def test_real_pages_show_their_sources_linked(built, portfolio):
    for item, url in [*((p, f"projekt/{p.slug}/") for p in portfolio.projects.values() if p.sources),
                      *((m, f"kommuner/{m.slug}/") for m in portfolio.municipalities.values() if m.sources)]:
        section = sources_section(built, url)
        assert "Källor" in built.text(url)
        for s in item.sources:
            assert f'href="{s.url.replace("&", "&amp;")}"' in section, (url, s.url)
            if s.publisher:
                assert s.publisher.replace("&", "&amp;") in section, (url, s.publisher)
            if s.accessed:
                assert f"läst {s.accessed.isoformat()}" in section, (url, s.accessed)


def test_sources_go_into_json_ld_and_the_exports(built, real):
    data = json.loads(built.raw("data/projects.json"))
    records = {r["slug"]: r for r in data["projects"]}
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(built.raw("data/projects.csv").lstrip("\ufeff")))}
    for p in real:
        urls = [s.url for s in p.sources]
        assert [s["url"] for s in records[p.slug]["sources"]] == urls
        assert records[p.slug]["example"] is False and rows[p.slug]["example"] == "false"
        assert rows[p.slug]["sources"].split(";") == urls
        cited = jsonld(built, f"projekt/{p.slug}/")["subjectOf"]["citation"]
        assert [c["url"] for c in cited] == urls
        assert "disambiguatingDescription" not in jsonld(built, f"projekt/{p.slug}/")
    features = {f["id"]: f["properties"] for f in json.loads(built.raw("data/municipalities.geojson"))["features"]}
    for slug, props in features.items():
        assert isinstance(props["example"], bool)
        assert props["example"] or props["sources"], f"{slug}: a real organisation without sources in the GeoJSON"
    columns = built.text("oppna-data/")
    assert "sources" in columns and "example" in columns


# --- examples on every surface ----------------------------------------------------------------


def test_example_pages_say_so_in_the_title_the_heading_and_the_data(built, examples):
    for p in examples:
        url = f"projekt/{p.slug}/"
        page = built.page(url)
        assert page.title.startswith(f"{p.title} {SUFFIX}"), page.title
        assert re.search(r'<h1[^>]*>.*?class="ic-example-tag">Exempel</span></h1>', built.raw(url)), url
        assert "påhittat exempelprojekt" in built.text(url)
        doc = jsonld(built, url)
        assert doc["name"].endswith(SUFFIX) and "påhittat" in doc["disambiguatingDescription"]


def test_real_pages_do_not_look_like_examples(built, real):
    for p in real:
        url = f"projekt/{p.slug}/"
        assert SUFFIX not in built.page(url).title
        # The search dialog (its <template> and script) names the tag for example results; neither
        # is shown on the page.
        shown = re.sub(r"<template\b.*?</template>|<script\b.*?</script>", "", built.raw(url), flags=re.S)
        assert "ic-example-tag" not in shown.split("<!--outside-search-->")[0].split('id="relaterade')[0]


def test_examples_carry_no_confirmed_date(built, examples, real):
    for p in examples:
        assert "Senast bekräftad" not in built.text(f"projekt/{p.slug}/"), p.slug
    assert any("Senast bekräftad" in built.text(f"projekt/{p.slug}/") for p in real), \
        "real cases still show when they were confirmed (else this test proves nothing)"


def test_search_results_mark_examples(built, portfolio, examples, real):
    pages = searchindex.fragments(built.root)
    example_orgs = [m for m in portfolio.municipalities.values() if m.example]
    assert example_orgs
    for url in [f"projekt/{p.slug}/" for p in examples] + [f"kommuner/{m.slug}/" for m in example_orgs]:
        assert pages[url]["meta"].get("example") == "Exempel", url
    for p in real:
        assert "example" not in pages[f"projekt/{p.slug}/"]["meta"], p.slug


def test_feed_entries_mark_examples(built, examples):
    feed = ET.fromstring(built.raw("feed.xml"))
    slugs = {p.slug for p in examples}
    seen = 0
    for entry in feed.iter(f"{ATOM}entry"):
        slug = entry.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1]
        title = entry.find(f"{ATOM}title").text
        terms = {c.get("term") for c in entry.iter(f"{ATOM}category")}
        if slug in slugs:
            seen += 1
            assert title.endswith(SUFFIX) and "exempel" in terms, (slug, title, terms)
        else:
            assert SUFFIX not in title and "exempel" not in terms, (slug, title)
    assert seen


def test_catalogue_marks_examples_and_counts_them_apart(built, examples, real):
    html = built.raw("projekt/")  # the content fits on the first page of cards
    for p in examples:
        card = re.search(rf'<li class="ic-card[^"]*">\s*<h2 class="ic-card__title"><a href="[^"]*/{p.slug}/">.*?</li>\n', html, re.S).group(0)
        assert "ic-card--example" in card and "ic-example-tag" in card, p.slug
    for p in real:
        card = re.search(rf'<li class="ic-card[^"]*">\s*<h2 class="ic-card__title"><a href="[^"]*/{p.slug}/">.*?</li>\n', html, re.S).group(0)
        assert "ic-card--example" not in card and "ic-example-tag" not in card, p.slug
    assert f"{len(real)} verkliga projekt och {len(examples)} påhittade exempel" in built.text("projekt/")


def test_organisation_pages_count_real_projects_and_examples_apart(built, portfolio):
    for m in portfolio.municipalities.values():
        theirs = [p for p in portfolio.projects.values() if m.slug in p.municipalities]
        n_real = sum(not p.example for p in theirs)
        n_examples = len(theirs) - n_real
        text = built.text(f"kommuner/{m.slug}/")
        if n_real or not n_examples:
            assert f"Projekt ({n_real})" in text, (m.slug, n_real)
        else:
            assert "Projekt (" not in text.replace("Exempelprojekt (", "")
        if n_examples:
            assert f"Exempelprojekt ({n_examples})" in text
        assert ("påhittad exempelorganisation" in text) == m.example, m.slug
        assert built.page(f"kommuner/{m.slug}/").title.count(SUFFIX) == (1 if m.example else 0)


def test_start_page_statistics_and_map_count_real_and_examples_apart(built, portfolio, examples, real):
    orgs = portfolio.municipalities.values()
    real_orgs = sum(not m.example for m in orgs)
    home = built.text("")
    assert f"{len(real)} projekt {real_orgs} kommuner och organisationer" in home
    assert f"{len(examples)} påhittade exempelprojekt i {len(orgs) - real_orgs} exempelorganisationer" in home
    stats = built.text("statistik/")
    assert f"Projekt {len(real)} Kommuner och organisationer {real_orgs}" in stats
    assert f"Därtill finns {len(examples)} påhittade exempelprojekt" in stats
    html = built.raw("karta/")
    svg_part, _, listed = html.partition('id="exempelorganisationer"')
    for m in orgs:
        if m.example:
            assert f'kommuner/{m.slug}/"' not in svg_part, f"{m.slug} is an example but placed among the real ones"
            assert f'kommuner/{m.slug}/"' in listed
        else:
            assert f'kommuner/{m.slug}/"' in svg_part


# --- a build without examples -----------------------------------------------------------------


@pytest.fixture(scope="module")
def without_examples(tmp_path_factory) -> Site:
    repo = copy_repo(tmp_path_factory.mktemp("noex") / "repo")
    site = repo.parent / "site"
    result = mkdocs(repo, site, env={"INNOCITIES_EXAMPLES": "0"})
    assert result.returncode == 0, result.stderr
    return Site(site)


def test_a_build_without_examples_has_no_trace_of_them(without_examples, portfolio, examples, real):
    site = without_examples
    example_orgs = [m for m in portfolio.municipalities.values() if m.example]
    assert example_orgs
    for p in examples:
        assert not site.exists(f"projekt/{p.slug}/"), p.slug
    for m in example_orgs:
        assert not site.exists(f"kommuner/{m.slug}/"), m.slug
    for p in real:
        assert site.exists(f"projekt/{p.slug}/")
    example_slugs = {p.slug for p in examples} | {m.slug for m in example_orgs}
    data = json.loads(site.raw("data/projects.json"))
    assert {r["slug"] for r in data["projects"]} == {p.slug for p in real}
    assert not any(r["example"] for r in data["projects"])
    assert all(p.slug not in site.raw("data/projects.csv") for p in examples)
    geo = json.loads(site.raw("data/municipalities.geojson"))
    assert not {f["id"] for f in geo["features"]} & example_slugs
    feed = site.raw("feed.xml")
    assert SUFFIX not in feed and not any(f"projekt/{p.slug}/" in feed for p in examples)
    pages = searchindex.fragments(site.root)
    assert pages and not [url for url, page in pages.items() if "example" in page["meta"]]
    assert not [url for url in pages if url.rstrip("/").rsplit("/", 1)[-1] in example_slugs]
    assert "påhittade exempel" not in site.text("") and "påhittade exempel" not in site.text("statistik/")


def test_a_build_without_examples_has_no_dangling_links(without_examples):
    site = without_examples
    broken = []
    for html in sorted(site.root.rglob("*.html")):
        url = html.relative_to(site.root).as_posix()
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        for target in site.links(url):
            if target.startswith("/"):  # the 404 page links from the site's own path (site_url)
                target = target.split("/", 2)[2] if target.count("/") > 1 else ""
            path = site.root / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{url or '/'} → {target}")
    assert not broken, "\n".join(broken[:20])
