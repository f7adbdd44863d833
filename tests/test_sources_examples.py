"""Sources are part of the contract, and examples never speak for real organisations.

A real project or organisation (not `example: true`) must cite a public source; an example may
only name example organisations, neither as a linked organisation nor by a real one's name among
its partners or funders. Each rule is checked where a contributor would see it: the file, the
line of the field and what the message tells them.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from innocities import schema
from innocities.problems import ERROR

P = "content/projects/smart-belysning.md"
HALDEN = "content/municipalities/halden.md"
EXEMPEL = "content/municipalities/exempelstad.md"

EXAMPLE_PROJECT = """\
---
title: Solpaneler på Exempelstads bibliotek
summary: Ett påhittat exempel.
status: idea
municipalities: [exempelstad]
sdgs: [7]
partners: [Exempelhögskolan]
funding: [Exempelfonden]
example: true
---
"""


def errors_on(portfolio, path, field):
    return [p for p in portfolio.problems if p.path == path and p.field == field and p.severity == ERROR]


def test_sources_are_read_into_the_model(repo):
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    first = portfolio.projects["smart-belysning"].sources[0]
    assert (first.title, first.url, first.publisher, first.accessed) == (
        "Belysningsprojektet i Halden", "https://example.org/kalla/belysning", "Halden kommune", dt.date(2026, 11, 30))
    assert portfolio.municipalities["halden"].sources[0].url == "https://example.org/kalla/halden"
    assert portfolio.municipalities["exempelstad"].example is True
    assert portfolio.municipalities["halden"].example is False


@pytest.mark.parametrize("path", [P, HALDEN])
def test_a_real_file_without_sources_is_an_error(repo, path):
    repo.drop_field(path, "sources")
    portfolio = repo.load()
    [problem] = errors_on(portfolio, path, "sources")
    assert "sources" in problem.message and "example: true" in problem.message
    assert problem.line == 2  # the front matter as a whole: the field is not there to point at


def test_an_empty_source_list_is_an_error(repo):
    repo.set_field(P, "sources", "[]")
    portfolio = repo.load()
    [problem] = errors_on(portfolio, P, "sources")
    assert problem.line == repo.line_of(P, "sources:")
    assert "at least 1" in problem.message


@pytest.mark.parametrize("written, field, words", [
    ("[{url: 'https://example.org/a'}]", "sources[0].title", ["title", "missing"]),
    ("[{title: A}]", "sources[0].url", ["url", "missing"]),
    ("[{title: A, url: 'ftp://example.org/a'}]", "sources[0].url", ["http://", "https://"]),
    ("[{title: A, url: 'javascript:alert(1)'}]", "sources[0].url", ["http://"]),
    ("[{title: A, url: 'https://example.org/a', accessed: 2026-13-01}]", "sources[0].accessed", ["YYYY-MM-DD"]),
    ("[{title: A, url: 'https://example.org/a', publisher: ''}]", "sources[0].publisher", ["empty"]),
])
def test_a_bad_source_is_reported_on_its_field(repo, written, field, words):
    repo.set_field(P, "sources", written)
    portfolio = repo.load()
    [problem] = errors_on(portfolio, P, field)
    assert problem.line == repo.line_of(P, "sources:")
    for word in words:
        assert word in problem.message, problem.message
    assert "smart-belysning" not in portfolio.projects


def test_an_example_needs_no_sources_and_may_carry_them(repo):
    repo.write(P, EXAMPLE_PROJECT)
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    repo.set_field(P, "sources", "[{title: Inspiration, url: 'https://example.org/i'}]")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.projects["smart-belysning"].sources[0].title == "Inspiration"


def test_an_example_organisation_needs_no_sources(repo):
    portfolio = repo.load()
    assert not [p for p in portfolio.problems if p.path == EXEMPEL]
    repo.set_field(EXEMPEL, "example", "false")
    [problem] = errors_on(repo.load(), EXEMPEL, "sources")
    assert "example: true" in problem.message


def test_an_example_that_links_a_real_organisation_is_an_error(repo):
    repo.write(P, EXAMPLE_PROJECT.replace("[exempelstad]", "[exempelstad, halden]"))
    portfolio = repo.load()
    [problem] = errors_on(portfolio, P, "municipalities[1]")
    assert problem.line == repo.line_of(P, "municipalities:")
    assert "'halden'" in problem.message and "Halden kommune" in problem.message and "example" in problem.message


@pytest.mark.parametrize("field, written", [
    ("partners", "[Exempelhögskolan, HALDEN KOMMUNE]"),
    ("partners", "[Exempelhögskolan, {name: Halden  kommune, sector: public}]"),
    ("funding", "[Exempelfonden, halden kommune]"),
])
def test_an_example_that_names_a_real_organisation_is_an_error(repo, field, written):
    repo.write(P, EXAMPLE_PROJECT)
    repo.set_field(P, field, written)
    portfolio = repo.load()
    [problem] = errors_on(portfolio, P, f"{field}[1]")
    assert problem.line == repo.line_of(P, f"{field}:")
    assert "real organisation" in problem.message and HALDEN in problem.message


def test_an_example_may_name_an_example_organisation_as_partner(repo):
    repo.write(P, EXAMPLE_PROJECT.replace("[Exempelhögskolan]", "['Exempelstads kommun (exempel)']"))
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)


def test_a_real_project_may_not_happen_in_an_example_place(repo):
    repo.set_field(P, "municipalities", "[halden, exempelstad]")
    portfolio = repo.load()
    [problem] = errors_on(portfolio, P, "municipalities[1]")
    assert "example organisation" in problem.message


def test_the_check_refuses_both_in_one_run(repo):
    """`innocities check` fails on a real file without sources and an example naming a real body."""
    cli = str(Path(sys.executable).parent / "innocities")
    repo.write("mkdocs.yml", "site_name: test\n")
    ok = subprocess.run([cli, "--root", str(repo.root), "check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    repo.drop_field(HALDEN, "sources")
    repo.write("content/projects/exempel.md", EXAMPLE_PROJECT.replace("[Exempelfonden]", "[Eskilstuna kommun]"))
    result = subprocess.run([cli, "--root", str(repo.root), "check"], capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(x.startswith(f"{HALDEN}:2:1: error: sources: required field 'sources' is missing") for x in lines), lines
    assert any(x.startswith("content/projects/exempel.md:") and "funding[0]: 'Eskilstuna kommun' is the name of a "
               "real organisation" in x for x in lines), lines


# --- the JSON Schema says the same --------------------------------------------------------


def validator(name):
    body = json.loads(schema.json_schemas()[name])
    jsonschema.Draft202012Validator.check_schema(body)
    return jsonschema.Draft202012Validator(body)


@pytest.mark.parametrize("name, data, ok", [
    ("project.schema.json", {"title": "T", "summary": "S", "status": "idea", "municipalities": ["a"], "sdgs": [7]}, False),
    ("project.schema.json", {"title": "T", "summary": "S", "status": "idea", "municipalities": ["a"], "sdgs": [7],
                             "example": True}, True),
    ("project.schema.json", {"title": "T", "summary": "S", "status": "idea", "municipalities": ["a"], "sdgs": [7],
                             "example": False}, False),
    ("project.schema.json", {"title": "T", "summary": "S", "status": "idea", "municipalities": ["a"], "sdgs": [7],
                             "sources": [{"title": "K", "url": "https://example.org/"}]}, True),
    ("project.schema.json", {"title": "T", "summary": "S", "status": "idea", "municipalities": ["a"], "sdgs": [7],
                             "sources": [{"title": "K", "url": "ftp://example.org/"}]}, False),
    ("municipality.schema.json", {"name": "N", "type": "municipality", "country": "SE"}, False),
    ("municipality.schema.json", {"name": "N", "type": "municipality", "country": "SE", "example": True}, True),
    ("municipality.schema.json", {"name": "N", "type": "municipality", "country": "SE",
                                  "sources": [{"title": "K", "url": "https://example.org/", "publisher": "P",
                                               "accessed": "2026-12-01"}]}, True),
])
def test_the_json_schema_requires_sources_unless_example(name, data, ok):
    assert validator(name).is_valid(data) is ok


def test_the_field_reference_says_when_sources_are_required():
    from innocities.pages import field_reference
    for coll in field_reference():
        if coll["key"] == "methods":
            continue
        row = next(r for r in coll["rows"] if r["name"] == "sources")
        assert row["required"] is False and row["required_unless"] == "example"
        names = {r["name"] for r in coll["rows"]}
        assert {"sources[].title", "sources[].url", "sources[].publisher", "sources[].accessed", "example"} <= names
