"""Programmes and portfolios (issue 16): the contract, the figures and what a reader sees.

A programme is one more collection: content/programmes/<slug>.md, checked by the same schema
that writes the JSON Schema and the field reference. Projects and organisations may name one;
a knowledge base without programme files builds as before. The portfolio figures never add
amounts across currencies, nor results across indicators or units.
"""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from innocities import pages, schema
from innocities.index import Index
from innocities.model import Budget, Partner, Project, Result
from innocities.portfolio_view import PortfolioView
from innocities.problems import ERROR, WARNING
from sitebuild import ROOT

PROG = "content/programmes/halden-smart.md"
EX_PROG = "content/programmes/exempelprogrammet.md"

PROGRAMME = """\
---
name: Smart Halden
hosts: [halden]
country: "NO"
status: ongoing
start: 2016-12-16
coordinator: eskilstuna
goals: [8, 11]
sources:
  - title: Om programmet
    url: https://example.org/kalla/program
---
Ett program.
"""

EXAMPLE_PROGRAMME = """\
---
name: Exempelprogrammet (exempel)
hosts: [exempelstad]
country: SE
status: planned
example: true
---
"""


def errors(portfolio, path, field=None):
    return [p for p in portfolio.problems if p.path == path and p.severity == ERROR and (field is None or p.field == field)]


def test_a_programme_is_read_and_named_by_projects_and_organisations(repo):
    repo.write(PROG, PROGRAMME)
    repo.set_field("content/projects/smart-belysning.md", "programme", "halden-smart")
    repo.set_field("content/municipalities/halden.md", "programme", "halden-smart")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    g = portfolio.programmes["halden-smart"]
    assert (g.name, g.hosts, g.country, g.status, g.start, g.coordinator, g.goals) == (
        "Smart Halden", ["halden"], "NO", "ongoing", dt.date(2016, 12, 16), "eskilstuna", ["8", "11"])
    ix = Index(portfolio)
    assert [p.slug for p in ix.by_programme["halden-smart"]] == ["smart-belysning"]
    assert [m.slug for m in ix.organisations_of_programme(g)] == ["eskilstuna", "halden"]
    assert ix.facet_values(portfolio.projects["smart-belysning"])["program"] == ["halden-smart"]


def test_without_programme_files_everything_loads(repo):
    portfolio = repo.load()
    assert portfolio.problems == [] and portfolio.programmes == {}
    assert Index(portfolio).by_programme == {}


def test_a_programme_without_sources_is_refused_unless_an_example(repo):
    repo.write(PROG, PROGRAMME)
    repo.drop_field(PROG, "sources")
    portfolio = repo.load()
    [problem] = errors(portfolio, PROG, "sources")
    assert "required" in problem.message and "example" in problem.message
    assert "halden-smart" not in portfolio.programmes
    repo.write(EX_PROG, EXAMPLE_PROGRAMME)  # no sources, but an example
    portfolio = repo.load()
    assert errors(portfolio, EX_PROG) == []
    assert portfolio.programmes["exempelprogrammet"].example is True


def test_a_project_that_repeats_a_programme_is_warned_about(repo):
    repo.write(PROG, PROGRAMME)
    text = repo.read("content/projects/smart-belysning.md")
    repo.write("content/projects/halden-smart.md", repo.set_field("content/projects/smart-belysning.md", "title", "Smart Halden"))
    repo.write("content/projects/smart-belysning.md", text)
    portfolio = repo.load()
    [problem] = [p for p in portfolio.problems if p.path == "content/projects/halden-smart.md"]
    assert problem.severity == WARNING and problem.field == "title"
    assert PROG in problem.message and "remove the project file" in problem.message  # English: conftest reads the English twin
    assert problem.line == repo.line_of("content/projects/halden-smart.md", "title:")
    repo.set_field("content/projects/halden-smart.md", "title", "Laddplatser i Smart Halden")  # a real project of it
    assert [p for p in repo.load().problems if p.path == "content/projects/halden-smart.md"] == []


def test_an_unknown_programme_is_reported_where_it_is_named(repo):
    repo.write(PROG, PROGRAMME)
    repo.set_field("content/projects/smart-belysning.md", "programme", "halden-smrt")
    portfolio = repo.load()
    [problem] = errors(portfolio, "content/projects/smart-belysning.md", "programme")
    assert "'halden-smrt' is not a programme" in problem.message and "halden-smart" in problem.message
    assert problem.line == repo.line_of("content/projects/smart-belysning.md", "programme:")


def test_examples_and_real_content_do_not_mix_in_programmes(repo):
    repo.write(EX_PROG, EXAMPLE_PROGRAMME)
    repo.set_field("content/projects/smart-belysning.md", "programme", "exempelprogrammet")
    repo.write("content/programmes/blandat.md", PROGRAMME.replace("hosts: [halden]", "hosts: [halden, exempelstad]"))
    portfolio = repo.load()
    [named] = errors(portfolio, "content/projects/smart-belysning.md", "programme")
    assert "example programme" in named.message
    [host] = errors(portfolio, "content/programmes/blandat.md", "hosts[1]")
    assert "'exempelstad' is an example organisation" in host.message


def test_programme_end_before_start_is_refused(repo):
    repo.write(PROG, PROGRAMME.replace("start: 2016-12-16", "start: 2016-12-16\nend: 2015-01-01"))
    [problem] = errors(repo.load(), PROG, "end")
    assert "before start" in problem.message


@pytest.mark.parametrize("value, fragment", [(".inf", "not a finite number"), (".nan", "not a number"), ('"12"', "not a number")])
def test_a_result_value_must_be_a_finite_number(repo, value, fragment):
    path = "content/projects/smart-belysning.md"
    repo.set_field(path, "results", f"[{{indicator: Sparad el, value: {value}, unit: MWh}}]")
    [problem] = errors(repo.load(), path, "results[0].value")
    assert fragment in problem.message


def test_a_result_unit_is_limited_in_length(repo):
    path = "content/projects/smart-belysning.md"
    repo.set_field(path, "results", "[{indicator: Sparad el, value: 3, unit: " + "x" * (schema.UNIT_MAX_LEN + 1) + "}]")
    [problem] = errors(repo.load(), path, "results[0].unit")
    assert str(schema.UNIT_MAX_LEN) in problem.message


def test_results_are_read(repo):
    path = "content/projects/smart-belysning.md"
    repo.set_field(path, "results", '[{indicator: Sparad el, value: 120.5, unit: MWh, year: 2025, target: "7.3", baseline: 0}]')
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.projects["smart-belysning"].results == [
        Result("Sparad el", 120.5, "MWh", 2025, "7.3", 0, None)]


def test_the_json_schema_of_a_programme_agrees_with_the_validator():
    body = json.loads(schema.json_schemas()["programme.schema.json"])
    ok = {"name": "P", "hosts": ["halden"], "country": "NO", "status": "ongoing",
          "sources": [{"title": "T", "url": "https://example.org/"}]}
    jsonschema.validate(ok, body)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({k: v for k, v in ok.items() if k != "sources"}, body)
    jsonschema.validate({**{k: v for k, v in ok.items() if k != "sources"}, "example": True}, body)


# --- the portfolio figures ----------------------------------------------------------------

def project(slug, status="ongoing", phase=None, sdgs=("11",), start=None, end=None, budget=None, partners=(), results=()):
    return Project(slug=slug, source=f"content/projects/{slug}.md", title=slug.title(), summary="S", status=status,
                   municipalities=["halden"], sdgs=list(sdgs), phase=phase, start=start, end=end, budget=budget,
                   partners=list(partners), results=list(results))


def view_of(repo, projects):
    portfolio = repo.load()
    portfolio.projects = {p.slug: p for p in projects}
    ix = Index(portfolio, today=dt.date(2026, 12, 2))
    return PortfolioView(ix, ix.projects)


def test_an_empty_portfolio_has_every_goal_uncovered_and_nothing_to_sum(repo):
    v = view_of(repo, [])
    assert v.goals_covered == 0 and v.uncovered == list(range(1, 18))
    assert [s.count for s in v.funnel.bars] == [0] * len(v.funnel.bars)
    assert v.budgets == [] and v.results == [] and v.completed == []
    assert v.timeline.spans == () and v.helix_shares == {s: 0 for s in schema.SECTORS}


def test_only_completed_projects(repo):
    v = view_of(repo, [project("a", "completed", "spridning", start=dt.date(2020, 1, 1), end=dt.date(2021, 6, 30)),
                       project("b", "completed", "spridning", start=dt.date(2021, 1, 1), end=dt.date(2022, 1, 1))])
    assert [p.slug for p in v.completed] == ["a", "b"]
    assert {b.key: b.count for b in v.statuses.bars}["completed"] == 2
    assert not any(s.open_ended for s in v.timeline.spans)
    assert {s.key: s.count for s in v.funnel.bars}["spridning"] == 2


def test_budgets_are_summed_per_currency_never_across(repo):
    v = view_of(repo, [project("a", budget=Budget(100, "SEK")), project("b", budget=Budget(50, "EUR")),
                       project("c", budget=Budget(25, "SEK")), project("d")])
    assert v.budgets == [("SEK", 125, 2), ("EUR", 50, 1)]
    assert v.without_budget == 1


def test_results_are_summed_only_for_the_same_indicator_and_unit(repo):
    v = view_of(repo, [project("a", results=[Result("Sparad el", 10, "MWh"), Result("Sparad el", 5, "kWh")]),
                       project("b", results=[Result("Sparad el", 2, "MWh"), Result("Deltagare", 7, "personer")])])
    assert [(r.indicator, r.unit, r.total, r.count) for r in v.results] == [
        ("Deltagare", "personer", 7, 1), ("Sparad el", "kWh", 5, 1), ("Sparad el", "MWh", 12, 2)]


def test_an_ongoing_project_runs_to_the_build_date(repo):
    v = view_of(repo, [project("a", start=dt.date(2024, 1, 1)), project("b", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))])
    spans = {s.project.slug: s for s in v.timeline.spans}
    assert spans["a"].open_ended and spans["a"].end == dt.date(2026, 12, 2)
    assert not spans["b"].open_ended
    assert v.timeline.first_year == 2024 and v.timeline.last_year == 2026
    assert all(0 <= s.x and s.x + s.width <= v.timeline.width + 0.1 for s in spans.values())


def test_helix_counts_each_partner_once(repo):
    v = view_of(repo, [project("a", partners=[Partner("Hiof", "academia"), Partner("Firma", "business")]),
                       project("b", partners=[Partner("Hiof", "academia"), Partner("Förening")])])
    counts = {b.key: b.count for b in v.helix.bars}
    assert counts == {"academia": 1, "business": 1, "public": 0, "civil-society": 0, None: 1}
    assert v.helix_shares == {"academia": 50, "business": 50, "public": 0, "civil-society": 0}


def programme_page(repo, slug):
    """The programme page as the build draws it (without a body)."""
    ix = Index(repo.load(), dates={})
    spec = next(s for s in pages.build_specs(ix, "sv") if s.src_uri == f"program/{slug}.md")
    return pages.Renderer(ix, str(ROOT / "overrides" / "innocities"), "sv", "/").prerender(spec).fill("").content


def test_a_programme_without_projects_says_so_and_draws_no_chart(repo):
    repo.write(PROG, PROGRAMME)
    html = programme_page(repo, "halden-smart")
    assert "Portfölj (0)" in html and "Inga projekt anger programmet ännu." in html
    assert "<svg" not in html and "Budget per valuta" not in html


def test_a_programme_with_only_completed_projects_shows_their_lessons(repo):
    repo.write(PROG, PROGRAMME)
    path = "content/projects/smart-belysning.md"
    repo.set_field(path, "programme", "halden-smart")
    repo.set_field(path, "status", "completed")
    html = programme_page(repo, "halden-smart")
    lessons = html.split('id="portfolj-lardomar"')[1]
    assert "Inga projekt är avslutade ännu." not in html
    assert 'href="../../projekt/smart-belysning/"' in lessons.split("</ul>")[0]
    assert "Avslutat: 1; " in html  # the status chart's description: one completed, nothing else
    assert "Pågående: 0" in html


# --- what a reader sees on the built site ---------------------------------------------------

def test_the_programme_page_shows_its_portfolio(built):
    page = built.text("program/exempelprogrammet/")
    for heading in ("Projekt per fas i innovationsprocessen", "Projekt per globalt mål", "Partner per sektor",
                    "Tidslinje", "Budget per valuta", "Rapporterade resultat", "Avslutade projekt och deras lärdomar"):
        assert heading in page
    html = built.raw("program/exempelprogrammet/")
    assert html.count("<svg") >= 5 and "Belopp i olika valutor räknas aldrig ihop." in page
    assert "EUR" in page and "SEK" in page
    assert "Minskad elanvändning för gatubelysningen" in page  # a result from a project in the programme
    assert 'href="../../projekt/smart-gatubelysning-exempelstad/"' in html


def test_the_real_programme_cites_its_sources_and_links_its_project(built):
    html = built.raw("program/smart-city-halden/")
    assert "https://www.smartinnovationnorway.com/nyheter/inngar-smart-city-samarbeid-med-halden-kommune/" in html
    assert 'href="../../projekt/elbilsdelning-halden/"' in html
    assert "projekt/smart-city-halden/" not in html  # the programme is not one of its own projects
    case = built.raw("projekt/elbilsdelning-halden/")
    assert 'href="../../program/smart-city-halden/"' in case


def test_the_programmes_index_sorts_without_a_script(built):
    by_name = built.raw("program/")
    by_projects = built.raw("program/ordning-projekt/")
    assert "<script" not in by_name.split('<div class="md-content"')[1].split("</article>")[0]
    assert 'href="../program/ordning-projekt/"' in by_name
    names = lambda html: [n for n in ("Smart City Halden", "Smarta Exempelstad") if n in html]  # noqa: E731
    assert by_name.index("Smart City Halden") < by_name.index("Smarta Exempelstad")
    assert by_projects.index("Smarta Exempelstad") < by_projects.index("Smart City Halden")
    assert names(by_name) == names(by_projects)


def test_organisation_page_has_a_compact_portfolio_and_the_catalogue_a_programme_facet(built):
    org = built.text("kommuner/exempelstad/")
    assert "Portföljen i korthet" in org and "Projekt per fas i innovationsprocessen" in org
    catalogue = built.raw("projekt/")
    # The facet's control is on the page; which project is in which programme comes with the index.
    index = json.loads(built.raw("projekt/katalog.json"))
    assert 'data-facet="program"' in catalogue
    assert any("exempelprogrammet" in str(record.get("f", {}).get("program", [])) for record in index["projects"]), index.keys()


def test_case_page_shows_results_table(built):
    page = built.text("projekt/smart-gatubelysning-exempelstad/")
    assert "Mätta resultat" in page and "62 %" in page


def test_open_data_carries_programmes(built):
    doc = json.loads(built.raw("data/programmes.json"))
    by_slug = {g["slug"]: g for g in doc["programmes"]}
    ex = by_slug["exempelprogrammet"]
    assert ex["example"] is True and "smart-gatubelysning-exempelstad" in ex["projects"]
    assert {b["currency"] for b in ex["budgets"]} == {"SEK", "EUR"}
    assert by_slug["smart-city-halden"]["sources"][0]["url"].startswith("https://www.smartinnovationnorway.com/")
    projects = {p["slug"]: p for p in json.loads(built.raw("data/projects.json"))["projects"]}
    assert projects["elbilsdelning-halden"]["programme"] == "smart-city-halden"
    assert projects["smart-gatubelysning-exempelstad"]["results"][0]["unit"] == "%"
    assert "programme" in built.raw("data/projects.csv").splitlines()[0]
    features = {f["id"]: f for f in json.loads(built.raw("data/municipalities.geojson"))["features"]}
    assert features["halden"]["properties"]["programme"] == "smart-city-halden"


def test_feed_and_json_ld_carry_the_programme(built):
    assert 'term="program:smart-city-halden"' in built.raw("feed.xml")
    html = built.raw("projekt/elbilsdelning-halden/")
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["parentOrganization"]["name"] == "Smart City Halden"


def test_goal_page_lists_results_reported_against_its_targets(built):
    page = built.text("agenda-2030/mal-7/")
    assert "Rapporterade resultat mot målet" in page and "Minskad elanvändning för gatubelysningen" in page
    assert "Rapporterade resultat mot målet" not in built.text("agenda-2030/mal-14/")
