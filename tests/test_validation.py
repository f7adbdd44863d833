"""The content rules: each mistake a contributor can make, where it is reported and what the
message tells them (what is allowed, the closest valid value).

Assertions check the facts a contributor relies on, not the exact wording: the file, the line
of the offending field, the field name, the suggestion and the allowed values named.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from innocities.model import Partner, Theme
from innocities.problems import ERROR, WARNING

P = "content/projects/smart-belysning.md"
HALDEN = "content/municipalities/halden.md"
METHOD = "docs/methods/pilotplan.md"
SLUG = "smart-belysning"

STATUSES = ["idea", "planned", "ongoing", "completed", "discontinued"]
PHASES = ["behov", "ide", "pilot", "genomforande", "spridning"]
SECTORS = ["academia", "business", "public", "civil-society"]
CURRENCIES = ["SEK", "NOK", "EUR", "DKK"]


def rejected(repo, path, field, needle=None):
    """Load, and return the one error on `field` of `path`, checked to be on the field's line."""
    portfolio = repo.load()
    problem = repo.one(portfolio, path=path, field=field, severity=ERROR)
    top = field.split(".")[0].split("[")[0]
    assert problem.line == repo.line_of(path, needle or f"{top}:"), repo.describe(portfolio)
    return problem, portfolio


def mentions_all(message, words):
    missing = [w for w in words if w not in message]
    assert not missing, f"{missing} not named in: {message}"


# --- the valid fixture ---------------------------------------------------------------------


def test_valid_fixture_has_no_problems(repo):
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert set(portfolio.projects) == {SLUG}
    assert set(portfolio.municipalities) == {"halden", "eskilstuna", "exempelstad"}
    assert set(portfolio.methods) == {"behovsanalys", "ideverkstad", "pilotplan", "upphandling", "utvardering"}
    project = portfolio.projects[SLUG]
    assert project.source == P
    assert project.municipalities == ["halden", "eskilstuna"]
    assert project.sdgs == ["7", "11.2"]
    assert project.goals == [7, 11]
    assert project.targets == ["11.2"]
    assert project.budget.amount == 850000 and project.budget.currency == "NOK"
    assert project.contact.email == "anna@example.org"
    assert project.links[0].url == "https://example.org/belysning"
    assert project.image == "content/projects/bilder/lampa.jpg"
    assert project.example is False
    assert [(s.title, s.publisher, s.accessed) for s in project.sources] == [
        ("Belysningsprojektet i Halden", "Halden kommune", dt.date(2026, 11, 30)),
        ("Lägesrapport om belysningen", None, None)]
    assert project.body.startswith("## Bakgrund")
    halden = portfolio.municipalities["halden"]
    assert halden.coordinates == (59.12, 11.39)
    assert halden.population == 31000


def test_only_required_project_fields_is_valid(repo):
    # A real project needs a source as well; an example (in an example place) does not.
    repo.write(P, "---\ntitle: T\nsummary: S\nstatus: idea\nmunicipalities: [halden]\nsdgs: [11]\n"
                  "sources: [{title: K, url: 'https://example.org/k'}]\n---\n")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    project = portfolio.projects[SLUG]
    assert project.phase is None and project.themes == [] and project.example is False
    repo.write(P, "---\ntitle: T\nsummary: S\nstatus: idea\nmunicipalities: [exempelstad]\nsdgs: [11]\n"
                  "example: true\n---\n")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.projects[SLUG].sources == [] and portfolio.projects[SLUG].example is True


def test_partner_given_as_a_name_is_a_partner(repo):
    # The model declares partners: list[Partner]; a partner written as a plain name
    # ("- Halden kommune") should become Partner(name=..., sector=None) like the mapping form.
    project = repo.load().projects[SLUG]
    assert project.partners == [Partner("Halden kommune"), Partner("Høgskolen i Østfold", "academia")]


# --- required fields -----------------------------------------------------------------------


PROJECT_REQUIRED = ["title", "summary", "status", "municipalities", "sdgs"]
MUNICIPALITY_REQUIRED = ["name", "type", "country"]
METHOD_REQUIRED = ["title", "phase", "order"]


@pytest.mark.parametrize("path, field", [(P, f) for f in PROJECT_REQUIRED]
                         + [(HALDEN, f) for f in MUNICIPALITY_REQUIRED]
                         + [(METHOD, f) for f in METHOD_REQUIRED])
def test_missing_required_field(repo, path, field):
    repo.drop_field(path, field)
    portfolio = repo.load()
    errors = [p for p in portfolio.errors if p.path == path]
    assert len(errors) == 1, repo.describe(portfolio)
    problem = errors[0]
    assert f"'{field}'" in problem.message
    assert "missing" in problem.message
    assert 1 <= problem.line < repo.closing_line(path), "a missing field is reported inside the front matter"
    stem = path.rsplit("/", 1)[1][:-3]
    assert stem not in {**portfolio.projects, **portfolio.municipalities, **portfolio.methods}


def test_missing_required_field_problem_names_the_field(repo):
    # Problem.field is what tools group and annotate by ("title" in the GitHub annotation);
    # for a missing field it should name that field, not be blank.
    repo.drop_field(P, "title")
    portfolio = repo.load()
    errors = [p for p in portfolio.errors if p.path == P]
    assert [p.field for p in errors] == ["title"], repo.describe(portfolio)


@pytest.mark.parametrize("field", PROJECT_REQUIRED)
@pytest.mark.parametrize("written", ["", "~", "null"])
def test_required_field_left_empty_is_reported_on_its_line(repo, field, written):
    repo.set_field(P, field, written)
    problem, _ = rejected(repo, P, field)
    assert "empty" in problem.message


def test_required_fields_of_the_mapping_missing_together(repo):
    repo.write(P, "---\nexample: true\n---\n")
    portfolio = repo.load()
    errors = [p for p in portfolio.errors if p.path == P]
    assert len(errors) == len(PROJECT_REQUIRED), repo.describe(portfolio)
    for field in PROJECT_REQUIRED:
        assert any(f"'{field}'" in p.message for p in errors), field


# --- text lengths --------------------------------------------------------------------------


@pytest.mark.parametrize("written", ['"   "', '" \t "', "''"])
def test_title_only_whitespace(repo, written):
    repo.set_field(P, "title", written)
    problem, portfolio = rejected(repo, P, "title")
    assert "whitespace" in problem.message or "empty" in problem.message
    assert SLUG not in portfolio.projects


def test_title_longer_than_200(repo):
    repo.set_field(P, "title", "A" * 201)
    problem, _ = rejected(repo, P, "title")
    assert "201" in problem.message
    assert "200" in problem.message


def test_title_of_200_is_allowed_and_trimmed(repo):
    repo.set_field(P, "title", '"  ' + "A" * 200 + '  "')
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.projects[SLUG].title == "A" * 200


def test_summary_longer_than_400(repo):
    repo.set_field(P, "summary", "b" * 401)
    problem, _ = rejected(repo, P, "summary")
    assert "401" in problem.message
    assert "400" in problem.message


def test_summary_of_400_is_allowed(repo):
    repo.set_field(P, "summary", "b" * 400)
    assert repo.load().problems == []


# --- enumerations and references -------------------------------------------------------------


def test_unknown_status_suggests_closest(repo):
    repo.set_field(P, "status", "ongoin")
    problem, portfolio = rejected(repo, P, "status")
    assert "did you mean 'ongoing'" in problem.message
    mentions_all(problem.message, STATUSES)
    assert SLUG not in portfolio.projects


def test_status_in_another_case_suggests_the_canonical_value(repo):
    repo.set_field(P, "status", "Ongoing")
    problem, _ = rejected(repo, P, "status")
    assert "did you mean 'ongoing'" in problem.message


def test_unknown_municipality_suggests_closest(repo):
    repo.set_field(P, "municipalities", "\n  - eskilstuna\n  - haldn")
    problem, _ = rejected(repo, P, "municipalities[1]", needle="- haldn")
    assert "'haldn'" in problem.message
    assert "did you mean 'halden'" in problem.message
    assert "content/municipalities/" in problem.message


def test_municipality_list_may_not_be_empty(repo):
    repo.set_field(P, "municipalities", "[]")
    problem, _ = rejected(repo, P, "municipalities")
    assert "1" in problem.message


def test_unknown_method_suggests_closest(repo):
    repo.set_field(P, "methods", "[pilotpln]")
    problem, _ = rejected(repo, P, "methods[0]")
    assert "did you mean 'pilotplan'" in problem.message


def test_unknown_project_phase_suggests_closest(repo):
    repo.set_field(P, "phase", "Pilot")
    problem, _ = rejected(repo, P, "phase")
    assert "did you mean 'pilot'" in problem.message


def test_method_guide_unknown_phase(repo):
    repo.set_field(METHOD, "phase", "pilott")
    problem, portfolio = rejected(repo, METHOD, "phase")
    assert "'pilott'" in problem.message
    assert "did you mean 'pilot'" in problem.message
    assert "pilotplan" not in portfolio.methods


def test_method_guide_unknown_phase_names_the_phases(repo):
    # No phase is close to "testing"; the contributor must still learn what is allowed.
    repo.set_field(METHOD, "phase", "testing")
    problem, _ = rejected(repo, METHOD, "phase")
    mentions_all(problem.message, PHASES)


@pytest.mark.parametrize("field, written, suggestion, allowed", [
    ("type", "kommun", None, ["municipality", "region", "port", "energy-company", "other"]),
    ("type", "energy_company", "energy-company", None),
    ("country", "se", "SE", ["SE", "NO", "DK", "FI", "IS"]),
    ("country", "Sverige", None, ["SE", "NO", "DK", "FI", "IS"]),
])
def test_municipality_enumerations(repo, field, written, suggestion, allowed):
    repo.set_field(HALDEN, field, written)
    problem, _ = rejected(repo, HALDEN, field)
    assert f"'{written}'" in problem.message
    if suggestion:
        assert f"did you mean '{suggestion}'" in problem.message
    if allowed:
        mentions_all(problem.message, allowed)


@pytest.mark.parametrize("field, written, words", [
    ("population", "-1", ["0"]),
    ("population", "31 000", ["31 000", "whole number"]),
    ("joined", "1800", ["1900", "2100"]),
    ("coordinates", "[59.12, 191.39]", ["180"]),
    ("coordinates", "[59,12, 11,39]", ["latitude", "longitude"]),
    ("website", "www.halden.kommune.no", ["http"]),
    ("code", "3101a", ["0484"]),
])
def test_municipality_values(repo, field, written, words):
    repo.set_field(HALDEN, field, written)
    problem, portfolio = rejected(repo, HALDEN, field)
    mentions_all(problem.message, words)
    assert "halden" not in portfolio.municipalities


# --- Agenda 2030 -----------------------------------------------------------------------------


def test_sdg_goal_18_does_not_exist(repo):
    repo.set_field(P, "sdgs", "[7, 18]")
    problem, _ = rejected(repo, P, "sdgs[1]")
    assert "18" in problem.message
    assert "1–17" in problem.message or "1-17" in problem.message


def test_sdg_target_that_does_not_exist(repo):
    repo.set_field(P, "sdgs", '["11.9"]')
    problem, _ = rejected(repo, P, "sdgs[0]")
    assert "'11.9'" in problem.message
    assert "target" in problem.message


@pytest.mark.parametrize("written, canonical", [
    ('"SDG 7"', "7"), ('"Mål 7"', "7"), ('"goal 7"', "7"), ('"#7"', "7"), ('"SDG 11.2"', "11.2"),
])
def test_sdg_written_with_words_suggests_the_number(repo, written, canonical):
    repo.set_field(P, "sdgs", f"[{written}]")
    problem, _ = rejected(repo, P, "sdgs[0]")
    rest = problem.message.replace(written.strip('"'), "")
    assert re.search(rf"(?<![\d.]){re.escape(canonical)}(?![\d.])", rest), problem.message


@pytest.mark.parametrize("written, expected", [
    ("7.1", ["7.1"]),  # unquoted: YAML reads a float; it still names target 7.1
    ('"7.a"', ["7.a"]),
    ("[7.a, 11.b]", None),
    ('"07"', ["7"]),
    ('" 11 "', ["11"]),
])
def test_sdg_forms_that_are_valid(repo, written, expected):
    if written.startswith("["):
        repo.set_field(P, "sdgs", written)
        expected = ["7.a", "11.b"]
    else:
        repo.set_field(P, "sdgs", f"[{written}]")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    project = portfolio.projects[SLUG]
    assert project.sdgs == expected
    assert project.goals == sorted({int(s.split(".")[0]) for s in expected})


@pytest.mark.parametrize("written", ["17.10", "8.10", "16.10"])
def test_sdg_unquoted_target_ending_in_zero_is_not_another_target(repo, written):
    # Unquoted, YAML reads 17.10 as the float 17.1: the contributor meant target 17.10
    # and must either get it or be told to quote it, never silently get target 17.1.
    repo.set_field(P, "sdgs", f"[{written}]")
    portfolio = repo.load()
    project = portfolio.projects.get(SLUG)
    told = repo.find(portfolio, path=P, field="sdgs[0]")
    assert told or project.sdgs == [written], (
        f"'{written}' became {project.sdgs if project else None} with no problem reported"
    )


def test_duplicate_sdg_is_a_warning(repo):
    repo.set_field(P, "sdgs", '[7, "7"]')
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P, field="sdgs[1]")
    assert problem.severity == WARNING
    assert "twice" in problem.message
    assert portfolio.projects[SLUG].sdgs == ["7"]


# --- dates, money, people, links, images ------------------------------------------------------


def test_end_before_start(repo):
    repo.set_field(P, "start", "2025-03-01")
    repo.set_field(P, "end", "2024-03-01")
    problem, portfolio = rejected(repo, P, "end")
    mentions_all(problem.message, ["2024-03-01", "2025-03-01", "start"])
    assert SLUG not in portfolio.projects


def test_end_on_start_is_allowed(repo):
    repo.set_field(P, "start", "2025-03-01")
    repo.set_field(P, "end", "2025-03-01")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.projects[SLUG].end == dt.date(2025, 3, 1)


def test_budget_negative(repo):
    repo.set_field(P, "budget", "\n  amount: -5000\n  currency: SEK")
    problem, _ = rejected(repo, P, "budget.amount", needle="amount:")
    assert "-5000" in problem.message
    assert "0" in problem.message.replace("-5000", "")


@pytest.mark.parametrize("written", ['"850 000"', '"850000 kr"'])
def test_budget_amount_not_a_number(repo, written):
    repo.set_field(P, "budget", f"\n  amount: {written}\n  currency: SEK")
    problem, _ = rejected(repo, P, "budget.amount", needle="amount:")
    assert "number" in problem.message


def test_budget_currency_usd(repo):
    repo.set_field(P, "budget", "\n  amount: 5000\n  currency: USD")
    problem, _ = rejected(repo, P, "budget.currency", needle="currency:")
    assert "'USD'" in problem.message
    mentions_all(problem.message, CURRENCIES)


def test_partner_sector_wrong(repo):
    repo.set_field(P, "partners", "\n  - Halden kommune\n  - name: Høgskolen i Østfold\n    sector: acadmia")
    problem, _ = rejected(repo, P, "partners[1].sector", needle="sector:")
    assert "did you mean 'academia'" in problem.message
    mentions_all(problem.message, SECTORS)


def test_partner_mapping_without_name(repo):
    repo.set_field(P, "partners", "\n  - sector: academia")
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P, severity=ERROR)
    assert problem.field.startswith("partners[0]")
    assert problem.line == repo.line_of(P, "- sector:")
    assert "'partners[0].name'" in problem.message or "name" in problem.message


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "ftp://example.org/fil.pdf", "mailto:anna@example.org",
    "example.org/sida", "https://", '"https://exa mple.org"',
])
def test_link_url_must_be_http(repo, url):
    repo.set_field(P, "links", f"\n  - title: Länk\n    url: {url}")
    problem, portfolio = rejected(repo, P, "links[0].url", needle="url:")
    assert "http://" in problem.message and "https://" in problem.message
    assert SLUG not in portfolio.projects


def test_link_url_http_and_https_allowed(repo):
    repo.set_field(P, "links", "\n  - title: A\n    url: http://example.org/a\n  - title: B\n    url: HTTPS://example.org/b")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert [link.url for link in portfolio.projects[SLUG].links] == ["http://example.org/a", "HTTPS://example.org/b"]


@pytest.mark.parametrize("email", ["anna.example.org", "anna@kommun", "anna @kommun.se", "<anna@kommun.se>"])
def test_contact_email_invalid(repo, email):
    repo.set_field(P, "contact", f'\n  name: Anna\n  email: "{email}"')
    problem, _ = rejected(repo, P, "contact.email", needle="email:")
    assert "e-mail" in problem.message


def test_image_that_does_not_exist(repo):
    repo.set_field(P, "image", "bilder/saknas.jpg")
    problem, portfolio = rejected(repo, P, "image")
    assert "content/projects/bilder/saknas.jpg" in problem.message
    assert "exist" in problem.message
    assert SLUG not in portfolio.projects


@pytest.mark.parametrize("written", [
    "../../lampa.jpg",
    "../../docs/bild.png",  # exists, but outside content/
    "../../../../etc/bild.png",
    "/etc/bild.png",
    "../../content/../../bild.png",
])
def test_image_path_escaping_content(repo, written):
    repo.write("lampa.jpg", b"jpeg")
    repo.write("docs/bild.png", b"png")
    repo.set_field(P, "image", written)
    problem, portfolio = rejected(repo, P, "image")
    assert "content/" in problem.message or "outside" in problem.message
    assert SLUG not in portfolio.projects


def test_image_relative_path_inside_content_is_allowed(repo):
    repo.write("content/bilder/karta.png", b"png")
    repo.set_field(P, "image", "../bilder/karta.png")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.projects[SLUG].image == "content/bilder/karta.png"


def test_image_must_be_a_picture(repo):
    repo.write("content/projects/bilder/plan.pdf", b"pdf")
    repo.set_field(P, "image", "bilder/plan.pdf")
    problem, _ = rejected(repo, P, "image")
    assert ".jpg" in problem.message and ".png" in problem.message


def test_example_must_be_true_or_false(repo):
    repo.set_field(P, "example", "yes")
    problem, _ = rejected(repo, P, "example")
    assert "true" in problem.message and "false" in problem.message


# --- unknown field names ---------------------------------------------------------------------


def test_misspelt_field_is_a_warning_suggesting_the_field(repo):
    repo.write(P, repo.read(P).replace("title:", "titel:"))
    portfolio = repo.load()
    warning = repo.one(portfolio, path=P, field="titel", severity=WARNING)
    assert warning.line == repo.line_of(P, "titel:")
    assert "did you mean 'title'" in warning.message
    # and the real field is then missing
    assert any("'title'" in p.message for p in portfolio.errors if p.path == P), repo.describe(portfolio)


@pytest.mark.parametrize("path, written, meant", [
    (P, "sdg", "sdgs"),
    (P, "Status", "status"),
    (HALDEN, "popluation", "population"),
    (METHOD, "outptus", "outputs"),
])
def test_misspelt_optional_field_warns(repo, path, written, meant):
    text = repo.read(path)
    repo.write(path, text.replace("\n---\n", f"\n{written}: x\n---\n", 1) if written != "Status"
               else text.replace("status: ongoing", "Status: ongoing\nstatus: ongoing"))
    portfolio = repo.load()
    warning = repo.one(portfolio, path=path, field=written, severity=WARNING)
    assert warning.line == repo.line_of(path, f"{written}:")
    assert f"did you mean '{meant}'" in warning.message


def test_misspelt_nested_field_warns(repo):
    repo.set_field(P, "budget", "\n  amount: 5000\n  currency: SEK\n  valuta: SEK")
    portfolio = repo.load()
    warning = repo.one(portfolio, path=P, field="budget.valuta", severity=WARNING)
    assert warning.line == repo.line_of(P, "valuta:")
    assert SLUG in portfolio.projects, "a warning does not stop the project"


# --- file names --------------------------------------------------------------------------------


@pytest.mark.parametrize("rel, suggestion", [
    ("content/municipalities/Halden.md", "halden.md"),
    ("content/projects/smart belysning.md", "smart-belysning.md"),
    ("content/municipalities/o\u0308rebro.md", "orebro.md"),  # NFD, as macOS writes it
    ("content/municipalities/\u00f6rebro.md", "orebro.md"),  # NFC
    ("content/projects/Smart_Belysning_2024.md", "smart-belysning-2024.md"),
    ("docs/methods/Pilot-Plan.md", "pilot-plan.md"),
])
def test_bad_file_name_suggests_a_slug(repo, rel, suggestion):
    if rel.startswith("content/municipalities/"):
        text = repo.HALDEN
    elif rel.startswith("docs/"):
        text = "---\ntitle: Pilot\nphase: pilot\norder: 9\n---\n"
    else:
        text = repo.PROJECT
    repo.write(rel, text)
    portfolio = repo.load()
    problems = [p for p in portfolio.problems if unicodedata.normalize("NFC", p.path) == unicodedata.normalize("NFC", rel)]
    assert len(problems) == 1, repo.describe(portfolio)
    problem = problems[0]
    assert problem.is_error
    assert problem.line == 1
    assert f"'{suggestion}'" in problem.message
    assert "a–z" in problem.message or "lowercase" in problem.message
    stem = unicodedata.normalize("NFC", rel.rsplit("/", 1)[1][:-3])
    assert stem not in {**portfolio.projects, **portfolio.municipalities, **portfolio.methods}


@pytest.mark.parametrize("rel", ["content/projects/ny.markdown", "content/projects/ny.MD", "content/projects/ny.yml"])
def test_content_file_with_wrong_extension_is_reported(repo, rel):
    repo.write(rel, repo.PROJECT)
    problem = repo.one(repo.load(), path=rel)
    assert problem.is_error
    assert "'ny.md'" in problem.message


# --- themes ------------------------------------------------------------------------------------


def test_themes_differing_in_case_and_spacing_are_one_theme(repo):
    repo.set_field(P, "themes", '["Energi ", energi, "  Smart   Stad"]')
    repo.write("content/projects/annat.md", repo.PROJECT.replace("themes: [energi, belysning]", "themes: [ENERGI, smart stad]"))
    portfolio = repo.load()
    assert portfolio.errors == [], repo.describe(portfolio)
    mine = portfolio.projects[SLUG].themes
    other = portfolio.projects["annat"].themes
    assert mine == other == [Theme("energi", "energi"), Theme("smart-stad", "smart stad")]
    # The repeat within one list is pointed out, not kept twice.
    assert repo.one(portfolio, path=P, field="themes[1]", severity=WARNING)


def test_theme_without_letters_is_rejected(repo):
    repo.set_field(P, "themes", '["---"]')
    problem, _ = rejected(repo, P, "themes[0]")
    assert "letters" in problem.message


# --- many mistakes, one run ---------------------------------------------------------------------


def test_several_mistakes_in_one_file_are_all_reported(repo):
    repo.set_field(P, "status", "ongoin")
    repo.set_field(P, "municipalities", "[haldn]")
    repo.set_field(P, "sdgs", "[18]")
    repo.set_field(P, "budget", "\n  amount: 100\n  currency: USD")
    portfolio = repo.load()
    errors = [p for p in portfolio.errors if p.path == P]
    got = {(p.field, p.line) for p in errors}
    expected = {
        ("status", repo.line_of(P, "status:")),
        ("municipalities[0]", repo.line_of(P, "municipalities:")),
        ("sdgs[0]", repo.line_of(P, "sdgs:")),
        ("budget.currency", repo.line_of(P, "currency:")),
    }
    assert got == expected, repo.describe(portfolio)
    assert len({line for _, line in got}) == 4


def test_mistakes_in_several_files_are_all_reported(repo):
    repo.set_field(P, "status", "ongoin")
    repo.set_field(HALDEN, "country", "Norge")
    repo.set_field(METHOD, "order", "zero")
    repo.write("content/projects/trasig.md", "title: no front matter\n")
    portfolio = repo.load()
    assert {p.path for p in portfolio.errors} == {P, HALDEN, METHOD, "content/projects/trasig.md"}, repo.describe(portfolio)


def test_problems_are_sorted_by_file_and_line(repo):
    repo.set_field(P, "status", "ongoin")
    repo.set_field(P, "sdgs", "[18]")
    repo.set_field(HALDEN, "type", "kommun")
    problems = repo.load().problems
    assert problems == sorted(problems, key=lambda p: (p.path, p.line, p.column))
    assert len(problems) == 3


# --- portfolio rules ------------------------------------------------------------------------------


def test_phase_without_method_guide_is_a_warning(repo):
    repo.remove("docs/methods/utvardering.md")
    portfolio = repo.load()
    assert portfolio.errors == []
    warning = repo.one(portfolio, severity=WARNING)
    assert "spridning" in warning.message


def test_two_guides_with_the_same_order_warn(repo):
    repo.set_field("docs/methods/utvardering.md", "order", "3")
    portfolio = repo.load()
    warning = repo.one(portfolio, severity=WARNING)
    assert warning.path == "docs/methods/utvardering.md"
    assert "pilotplan.md" in warning.message
    assert warning.line == repo.line_of("docs/methods/utvardering.md", "order:")
