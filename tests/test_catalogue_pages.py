"""The catalogue's pre-drawn pages of cards, its compact index, and 'newest' by the content's own
dates (issue 17 item 2, issue 19 item 2)."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re

from innocities import catalogue, pages
from innocities.index import Index
from sitebuild import ROOT

SOURCE = "sources: [{title: Källa, url: 'https://example.org/kalla'}]\n"


def _project(repo, slug, title, extra=""):
    repo.write(f"content/projects/{slug}.md", f"---\ntitle: {title}\nsummary: Ett projekt om {title}.\n"
                                               f"status: ongoing\nmunicipalities: [halden]\nsdgs: [7, 11]\n{extra}{SOURCE}---\n")


def test_newest_goes_by_the_cases_own_dates_not_git(repo):
    today = dt.date(2026, 12, 2)
    _project(repo, "a-startade-nyss", "Startade nyss", "start: 2026-10-01\n")
    _project(repo, "b-granskad", "Granskad", "start: 2020-01-01\nreviewed: 2026-11-01\n")
    _project(repo, "c-slutade", "Slutade", "start: 2019-01-01\nend: 2026-06-30\n")
    # An end still to come does not make a case new; its start does.
    _project(repo, "d-slutar-sen", "Slutar sen", "start: 2018-01-01\nend: 2030-01-01\n")
    _project(repo, "e-planerat", "Planerat", "start: 2027-03-01\n")
    _project(repo, "f-odaterat", "Odaterat")
    portfolio = repo.load()
    assert not portfolio.errors, repo.describe(portfolio.errors)
    # Git says every file is equally new (one commit): it must not decide.
    ix = Index(portfolio, dates={}, today=today)
    assert ix.content_date(portfolio.projects["d-slutar-sen"]) == dt.date(2018, 1, 1)
    assert ix.content_date(portfolio.projects["b-granskad"]) == dt.date(2026, 11, 1)
    ours = [p.slug for p in ix.newest_by_content if p.slug[1] == "-"]
    assert ours == ["e-planerat", "b-granskad", "a-startade-nyss", "c-slutade", "d-slutar-sen", "f-odaterat"]


def _site(repo, n):
    for i in range(n):
        _project(repo, f"p{i:03d}", f"Projekt {i:03d}", f"start: 20{10 + i % 15}-01-01\n")
    portfolio = repo.load()
    assert not portfolio.errors, repo.describe(portfolio.errors)
    ix = Index(portfolio, dates={})
    specs = [s for s in pages.build_specs(ix, "sv") if s.template == "catalogue.html"]
    renderer = pages.Renderer(ix, str(ROOT / "overrides" / "innocities"), "sv", "/")
    return ix, specs, renderer


def _walk_pages(renderer, specs, item: str, page_size: int, also: str = "") -> list[str]:
    """The slugs a paged list shows (the group of the pattern `item`), page by page. Every page
    holds at most page_size, says which page of how many it is, marks itself in its pager and
    links every other page from it."""
    seen = []
    for number, spec in enumerate(specs, 1):
        html = renderer.prerender(spec).fill("").content
        listed = re.findall(item, html)
        assert len(listed) <= page_size
        seen += listed
        assert f"Sida {number} av {len(specs)}" in html and also in html
        pager = re.search(r'<nav class="ic-pager".*?</nav>', html, re.S).group(0)
        assert 'aria-current="page"' in pager
        here = pages.page_url(spec.src_uri)
        linked = {posixpath.normpath(posixpath.join(here, href)) for href in re.findall(r'href="([^"]+)"', pager)}
        for other in specs:
            assert other is spec or pages.page_url(other.src_uri).rstrip("/") in linked, (here, other.src_uri, linked)
    return seen


def test_every_project_is_a_card_on_exactly_one_page_and_every_page_links_to_all(repo):
    ix, specs, renderer = _site(repo, 2 * catalogue.PAGE_SIZE + 7)
    assert [s.src_uri for s in specs] == ["projekt/index.md", "projekt/sida/2.md", "projekt/sida/3.md"]
    seen = _walk_pages(renderer, specs, r'<h2 class="ic-card__title"><a href="[^"]*?([^"/]+)/">', catalogue.PAGE_SIZE)
    assert seen == [p.slug for p in ix.projects], "each project once, in A–Ö order"


def test_the_index_holds_every_project_with_its_facets_and_escapes_nothing_into_html(repo):
    _project(repo, "farlig", "<script>alert(1)</script> & \"citat\"")
    ix, specs, renderer = _site(repo, 60)
    data = json.loads(catalogue.index_json(ix, renderer.t, "sv", lambda s: f"projekt/{s}/", lambda s: f"kommuner/{s}/",
                                           pages.contrast_text))
    assert [r["u"] for r in data["projects"]] == [f"projekt/{p.slug}/" for p in ix.projects]
    for record, p in zip(data["projects"], ix.projects):
        assert record["t"] == p.title and record["g"] == p.goals
        assert record["f"] == {k: v for k, v in ix.facet_values(p).items() if v}
    newest = sorted(data["projects"], key=lambda r: r["n"])
    assert [r["u"] for r in newest] == [f"projekt/{p.slug}/" for p in ix.newest_by_content]
    assert data["goals"]["7"][2] == pages.contrast_text(data["goals"]["7"][1])
    # Every facet and its options, with the words a reader sees and the counts over all projects.
    assert [(k, [(v, n) for v, _, n in options]) for k, options in data["facets"]] == \
        [(k, list(values)) for k, values in ix.facets]
    options = dict(data["facets"])
    assert ["halden", "Halden kommune", len(ix.by_municipality["halden"])] in options["kommun"]
    assert ["7", "7. Hållbar energi för alla", len(ix.by_goal[7])] in options["mal"]
    # The page itself shows the title escaped; the script sets it as text.
    first = renderer.prerender(specs[0]).fill("").content
    assert "<script>alert" not in first and "&lt;script&gt;alert(1)&lt;/script&gt;" in first


def test_a_goal_theme_or_method_with_many_projects_lists_each_once_over_pages_that_link_to_each_other(repo):
    """Issue 19 item 3: a goal page listed all its projects (3,300 elements at N = 2000). Now
    LIST_PAGE_SIZE a page, and without a script every project is still one link away."""
    n = 2 * pages.LIST_PAGE_SIZE + 3
    for i in range(n):
        _project(repo, f"p{i:03d}", f"Projekt {i:03d}", "themes: [Avfall]\nmethods: [behovsanalys]\n")
    portfolio = repo.load()
    assert not portfolio.errors, repo.describe(portfolio.errors)
    ix = Index(portfolio, dates={})
    all_specs = pages.build_specs(ix, "sv")
    renderer = pages.Renderer(ix, str(ROOT / "overrides" / "innocities"), "sv", "/")
    for first, listed_by_index in (("agenda-2030/mal-7.md", ix.by_goal[7]), ("teman/avfall.md", ix.by_theme["avfall"]),
                                   ("methods/behovsanalys.md", ix.by_method["behovsanalys"])):
        expected = [p.slug for p in listed_by_index]
        assert {f"p{i:03d}" for i in range(n)} <= set(expected)
        total = len(expected)
        stem = first[:-3]
        specs = [s for s in all_specs if s.src_uri == first or s.src_uri.startswith(stem + "/sida/")]
        assert [s.src_uri for s in specs] == [first, f"{stem}/sida/2.md", f"{stem}/sida/3.md"]
        assert [s.searchable for s in specs] == [True, False, False], "the further pages only repeat titles"
        seen = _walk_pages(renderer, specs, r'<li><a href="[^"]*?projekt/([^"/]+)/">', pages.LIST_PAGE_SIZE,
                           also=f"({total})")  # the heading counts them all
        assert seen == expected, f"{first}: each project once, in the list's order"
    # A goal's targets and organisations, a method's guide, are on the first page; the further
    # pages repeat only the list, under the same h1.
    drawn = {s.src_uri: renderer.prerender(s).fill("<p>Metodens guide.</p>").content for s in all_specs
             if s.template in ("goal.html", "method.html")}
    assert 'id="kommuner"' in drawn["agenda-2030/mal-7.md"]
    assert 'id="kommuner"' not in drawn["agenda-2030/mal-7/sida/2.md"]
    assert "Metodens guide." in drawn["methods/behovsanalys.md"]
    assert "Metodens guide." not in drawn["methods/behovsanalys/sida/2.md"]
    assert "<h1>Behovsanalys</h1>" in drawn["methods/behovsanalys/sida/2.md"]


def test_a_short_list_has_no_pager(repo):
    _project(repo, "kort", "Kort lista", "themes: [Avfall]\n")
    ix = Index(repo.load(), dates={})
    specs = [s for s in pages.build_specs(ix, "sv") if s.src_uri.startswith("teman/avfall")]
    assert [s.src_uri for s in specs] == ["teman/avfall.md"]
    html = pages.Renderer(ix, str(ROOT / "overrides" / "innocities"), "sv", "/").prerender(specs[0]).fill("").content
    assert "ic-pager" not in html and "Kort lista" in html
