"""Reading content files: the YAML traps and broken files a contributor runs into.

Each test changes one file of the valid fixture repository (conftest.py) and checks what the
contributor is told (file, line, field, the words that say how to fix it) or what the model
holds when the file is fine.
"""

from __future__ import annotations

import datetime as dt

import pytest

from innocities import background, content
from innocities.problems import ERROR

P = "content/projects/smart-belysning.md"
HALDEN = "content/municipalities/halden.md"


def errors_in(portfolio, path):
    return [p for p in portfolio.problems if p.path == path and p.is_error]


# --- YAML 1.1 traps ----------------------------------------------------------------------


def test_country_no_unquoted_is_norway(repo):
    repo.set_field(HALDEN, "country", "NO")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.municipalities["halden"].country == "NO"


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "ON", "y", "n"])
def test_yaml11_booleans_stay_text_in_text_fields(repo, word):
    repo.set_field(P, "title", word)
    repo.set_field(P, "funding", f"[{word}, Interreg]")
    repo.set_field(HALDEN, "county", word)
    portfolio = repo.load()
    assert portfolio.errors == [], repo.describe(portfolio)
    project = portfolio.projects["smart-belysning"]
    assert project.title == word
    assert project.funding == [word, "Interreg"]
    assert portfolio.municipalities["halden"].county == word


@pytest.mark.parametrize("written, expected", [
    ("0301", "0301"),  # Oslo: YAML 1.1 would read octal 193
    ("0484", "0484"),  # Eskilstuna: not valid octal, YAML 1.1 would read a float or a string
    ('"0484"', "0484"),
    ("1280", "1280"),
])
def test_municipality_code_keeps_leading_zeros(repo, written, expected):
    repo.set_field(HALDEN, "code", written)
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.municipalities["halden"].code == expected


def test_time_like_text_is_not_sexagesimal(repo):
    # YAML 1.1 reads `1:30` as the number 90.
    repo.set_field(repo.METHOD_PATH, "time", "1:30")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.methods["pilotplan"].time == "1:30"


@pytest.mark.parametrize("start, end", [
    ("2024-03-01", "2025-06-30"),
    ('"2024-03-01"', '"2025-06-30"'),
    ("'2024-03-01'", "2025-06-30"),
])
def test_dates_quoted_or_unquoted_are_dates(repo, start, end):
    repo.set_field(P, "start", start)
    repo.set_field(P, "end", end)
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    project = portfolio.projects["smart-belysning"]
    assert project.start == dt.date(2024, 3, 1)
    assert project.end == dt.date(2025, 6, 30)
    assert type(project.start) is dt.date


@pytest.mark.parametrize("field", ["start", "end", "reviewed"])
@pytest.mark.parametrize("written", ["2024-02-30", '"2024-02-30"'])
def test_impossible_date_is_reported_on_its_line(repo, field, written):
    repo.set_field(P, field, written)
    if field == "start":
        repo.set_field(P, "end", "2024-12-31")
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P, field=field)
    assert problem.is_error
    assert problem.line == repo.line_of(P, f"{field}:")
    assert "2024-02-30" in problem.message
    assert "YYYY-MM-DD" in problem.message
    assert "smart-belysning" not in portfolio.projects


# --- line endings and byte order mark ------------------------------------------------------


VARIANTS = {
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "bom": lambda text: ("\ufeff" + text).encode("utf-8"),
    "bom+crlf": lambda text: ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"),
    "cr": lambda text: text.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_crlf_and_bom_give_the_same_model_as_lf(make_repo, variant):
    lf = make_repo("lf")
    other = make_repo("other")
    for rel in (P, HALDEN, other.METHOD_PATH):
        other.write(rel, VARIANTS[variant](lf.read(rel)))
    a, b = lf.load(), other.load()
    assert b.problems == [], other.describe(b)
    assert b.projects == a.projects
    assert b.municipalities == a.municipalities
    assert b.methods == a.methods
    assert "\r" not in b.projects["smart-belysning"].body


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_crlf_and_bom_keep_line_numbers(make_repo, variant):
    lf = make_repo("lf")
    lf.set_field(P, "status", "ongoin")
    other = make_repo("other")
    other.write(P, VARIANTS[variant](lf.read(P)))
    expected = lf.one(lf.load(), path=P, field="status")
    got = other.one(other.load(), path=P, field="status")
    assert got.line == expected.line == lf.line_of(P, "status:")
    assert got.message == expected.message


# --- YAML errors ------------------------------------------------------------------------


def test_tab_used_for_indentation_is_named_with_its_line(repo):
    repo.set_field(P, "budget", "\n\tamount: 850000\n\tcurrency: NOK")
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P, severity=ERROR)
    assert problem.line == repo.line_of(P, "\tamount")
    assert "tab" in problem.message.lower()
    assert "spaces" in problem.message.lower()


def test_tab_in_list_indentation(repo):
    repo.set_field(P, "municipalities", "\n\t- halden")
    problem = repo.one(repo.load(), path=P, severity=ERROR)
    assert problem.line == repo.line_of(P, "\t- halden")
    assert "tab" in problem.message.lower()


def test_duplicated_key_is_reported_at_second_occurrence(repo):
    text = repo.read(P).replace("status: ongoing\n", "status: ongoing\nstatus: completed\n")
    repo.write(P, text)
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P, field="status")
    assert problem.is_error
    assert problem.line == repo.line_of(P, "status: completed")
    first = repo.line_of(P, "status: ongoing")
    assert str(first) in problem.message, "the message should point at the first occurrence"
    assert "twice" in problem.message or "duplicate" in problem.message.lower()


def test_file_with_duplicated_key_is_not_in_the_model(repo):
    # Not last-wins: like any other file with an error, the project is left out of the
    # model rather than published with whichever value came last.
    text = repo.read(P).replace("status: ongoing\n", "status: ongoing\nstatus: completed\n")
    repo.write(P, text)
    portfolio = repo.load()
    assert repo.find(portfolio, path=P, field="status", severity=ERROR), repo.describe(portfolio)
    assert "smart-belysning" not in portfolio.projects, (
        f"published with status={portfolio.projects['smart-belysning'].status!r}"
    )


def test_duplicated_nested_key_is_reported(repo):
    repo.set_field(P, "budget", "\n  amount: 850000\n  currency: NOK\n  amount: 900000")
    portfolio = repo.load()
    dupes = [p for p in errors_in(portfolio, P) if "amount" in p.message]
    assert len(dupes) == 1, repo.describe(portfolio)
    assert dupes[0].line == repo.line_of(P, "amount: 900000")


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"   \n", "\ufeff".encode("utf-8")])
def test_empty_file(repo, raw):
    repo.write(P, raw)
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P)
    assert problem.is_error
    assert problem.line == 1
    assert "empty" in problem.message
    assert "---" in problem.message
    assert portfolio.projects == {}
    assert set(portfolio.municipalities) == {"halden", "eskilstuna", "exempelstad"}, "other files still load"


def test_empty_front_matter(repo):
    repo.write(P, "---\n---\nText.\n")
    problem = repo.one(repo.load(), path=P)
    assert problem.is_error
    assert "empty" in problem.message


def test_front_matter_not_closed(repo):
    repo.write(P, repo.read(P).replace("example: false\n---\n", "example: false\n\n"))
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P)
    assert problem.is_error
    assert problem.line == 1
    assert "not closed" in problem.message
    assert "'---'" in problem.message
    assert portfolio.projects == {}


def test_invalid_utf8_names_the_line(repo):
    text = repo.read(HALDEN).replace("county: Østfold", "county: \x00")
    raw = text.encode("utf-8").replace(b"\x00", "Östfold".encode("latin-1"))
    repo.write(HALDEN, raw)
    portfolio = repo.load()
    problem = repo.one(portfolio, path=HALDEN)
    assert problem.is_error
    assert problem.line == raw.split(b"\n").index(b"county: \xd6stfold") + 1
    assert "UTF-8" in problem.message
    assert "halden" not in portfolio.municipalities
    assert "eskilstuna" in portfolio.municipalities


@pytest.mark.parametrize("text", [
    "title: Smart belysning\nstatus: idea\n",
    "\n---\ntitle: Smart belysning\n---\n",
    "# Smart belysning\n\nText.\n",
    "+++\ntitle = 'Smart belysning'\n+++\n",
])
def test_file_not_starting_with_dashes(repo, text):
    repo.write(P, text)
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P)
    assert problem.is_error
    assert problem.line == 1
    assert "'---'" in problem.message
    assert "start" in problem.message


def test_front_matter_that_is_not_a_mapping(repo):
    repo.write(P, "---\n- title\n- status\n---\n")
    problem = repo.one(repo.load(), path=P)
    assert problem.is_error
    assert problem.line == 2
    assert "field: value" in problem.message


def test_yaml_syntax_error_has_the_line(repo):
    repo.set_field(P, "summary", "Halden testar: belysning som dimmas.")
    problem = repo.one(repo.load(), path=P)
    assert problem.is_error
    assert problem.line == repo.line_of(P, "summary:")
    assert "quote" in problem.message


def test_unclosed_quote_points_at_the_field(repo):
    # The contributor opened a quote on `title:` and never closed it. PyYAML notices only at
    # the end of the front matter; the line of the offending field is where the quote opened.
    repo.set_field(P, "title", '"Smart gatubelysning i Halden')
    problem = repo.one(repo.load(), path=P)
    assert problem.is_error
    assert problem.line == repo.line_of(P, "title:"), (
        f"reported on line {problem.line} ({repo.read(P).split(chr(10))[problem.line - 1]!r}): {problem.message}"
    )


# --- the body ----------------------------------------------------------------------------


def test_body_starting_with_dashes_and_key_value_stays_body(repo):
    body = "---\nstatus: completed\n\nKey: value\n---\nMer text.\n"
    repo.write(P, repo.read(P).split("---\n## Bakgrund")[0] + "---\n" + body)
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    project = portfolio.projects["smart-belysning"]
    assert project.body == body
    assert project.status == "ongoing", "a 'status:' line in the body must not change the front matter"


def test_dashes_inside_a_block_scalar_do_not_close_front_matter(repo):
    repo.set_field(P, "summary", "|\n  Rad ett\n  ---\n  Rad tre")
    portfolio = repo.load()
    assert portfolio.errors == [], repo.describe(portfolio)
    project = portfolio.projects["smart-belysning"]
    assert "---" in project.summary
    assert project.body.startswith("## Bakgrund")


def test_field_lines_count_from_the_top_of_the_file(repo):
    # The body does not shift front matter line numbers and blank lines are counted.
    repo.write(P, repo.read(P).replace("status: ongoing\n", "\n\nstatus: ongoin\n"))
    problem = repo.one(repo.load(), path=P, field="status")
    assert problem.line == repo.line_of(P, "status:")
    assert problem.column == 1


# --- loading again in the same process (make serve) ------------------------------------------

def test_loading_again_after_edits_gives_what_a_fresh_load_gives(repo):
    from innocities import content, source

    parsed = source.ParsedFiles()
    # A file whose name is not a slug: its problem is added after parsing, and must not pile up.
    repo.write("content/projects/Fel Namn.md", repo.read(P).replace("Smart gatubelysning", "Annat"))
    first = content.load(repo.root, parsed)
    assert first.problems == content.load(repo.root).problems
    assert any(p.path == "content/projects/Fel Namn.md" for p in first.errors)

    repo.set_field(P, "status", "ongoin")  # an edit while the server runs
    repo.write(HALDEN, repo.read(HALDEN).replace("Halden kommune", "Halden kommun"))
    again = content.load(repo.root, parsed)
    fresh = content.load(repo.root)
    assert again.problems == fresh.problems
    assert any(p.field == "status" for p in errors_in(again, P))
    assert again.municipalities["halden"].name == "Halden kommun"
    assert len([p for p in again.problems if p.path == "content/projects/Fel Namn.md"]) == \
        len([p for p in first.problems if p.path == "content/projects/Fel Namn.md"])

    repo.set_field(P, "status", "ongoing")  # and mended
    mended = content.load(repo.root, parsed)
    assert not errors_in(mended, P) and mended.projects["smart-belysning"].status == "ongoing"

    # A file deleted while the server runs is forgotten, not kept until it stops.
    assert "content/projects/Fel Namn.md" in parsed
    repo.remove("content/projects/Fel Namn.md")
    content.load(repo.root, parsed)
    assert "content/projects/Fel Namn.md" not in parsed and P in parsed


# Aliases of aliases: 10 ** 6 copies of "x" if expanded. PyYAML shares a repeated node instead of
# copying it, and so must the loader, the duplicate-key check and the field positions.
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcde", "bcdef"))


@pytest.mark.parametrize("extra", ["", "z: 1\nz: 2\n", "m: &m {<<: {k: v}}\n", "r: &r [*r]\n"])
def test_aliases_of_aliases_are_shared_not_copied(extra):
    from innocities import yamlsafe

    loaded = yamlsafe.load(LAUGHS + extra)
    assert loaded.data["f"][0] is loaded.data["e"] and loaded.data["b"][9] is loaded.data["a"]
    assert len(loaded.positions()) < 100
    assert [i.key for i in loaded.issues] == (["z"] if extra.startswith("z") else [])


def test_a_file_of_aliases_of_aliases_gets_messages_not_a_hang(repo):
    repo.write(P, repo.read(P).replace("funding: [Interreg]", LAUGHS + "funding: *f"))
    found = repo.load()
    funding = [p for p in errors_in(found, P) if p.field.startswith("funding")]
    assert len(funding) == 10 and all("not a list" in p.message for p in funding)
    assert all(p.line >= 1 for p in found.problems)


# --- many files ---------------------------------------------------------------------------------


def test_a_large_portfolio_loads_the_same_with_its_files_parsed_in_two_processes(repo, monkeypatch):
    # From content._PARALLEL_FROM files on, half are parsed in a second process (innocities/
    # background.py): the result, problems and their order included, must not depend on it.
    project = repo.read(P)
    for i in range(content._PARALLEL_FROM):
        text = project.replace("Smart gatubelysning i Halden", f"Belysning {i}")
        if i % 97 == 5:  # broken files in both halves
            text = text.replace("status: ", "status: [", 1)
        elif i % 89 == 7:
            text = text.replace("municipalities: [halden, eskilstuna]", "municipalities: [halden, saknas]")
        repo.write(f"content/projects/belysning-{i:03d}.md", text)
    monkeypatch.setenv("INNOCITIES_PARALLEL", "0")
    alone = repo.load()
    monkeypatch.delenv("INNOCITIES_PARALLEL")
    if background.can_fork():  # on one core both are the same code path; the result must still hold
        forked = []
        monkeypatch.setattr(background, "Forked", _Recording(background.Forked, forked))
    together = repo.load()
    assert together.problems == alone.problems
    assert len([p for p in alone.problems if p.is_error]) >= 8
    assert together.projects == alone.projects and len(together.projects) > content._PARALLEL_FROM - 10
    assert together.files_in == alone.files_in and together.body_lines == alone.body_lines
    if background.can_fork():
        assert forked, "no file was parsed in a second process"


class _Recording:
    def __init__(self, cls, calls):
        self.cls, self.calls = cls, calls

    def __call__(self, work):
        self.calls.append(work)
        return self.cls(work)
