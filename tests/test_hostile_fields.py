"""Hostile front matter and files (issue #14): every value is refused with a message at its field,
or reaches pages, exports and logs harmless; never a traceback.

The character rule is tried on every string the fixture files hold, so a field added to the
schema is covered the day it gets a value in the fixture.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from innocities import content, exports, feed, pages, source, themes
from innocities.fields import refused_character, show
from innocities.index import Index
from innocities.messages import msg
from innocities.model import Budget
from innocities.problems import ERROR, WARNING, Problem, format_github, format_json, format_text
from sitebuild import ROOT, copy_repo, mkdocs

P = "content/projects/smart-belysning.md"
HALDEN = "content/municipalities/halden.md"
METHOD = "docs/methods/pilotplan.md"
SLUG = "smart-belysning"
CLI = str(Path(sys.executable).parent / "innocities")
ATOM = "{http://www.w3.org/2005/Atom}"

# One of each kind the rule refuses, as YAML writes it inside double quotes.
REFUSED = {
    "NUL": ("\\0", "U+0000"),
    "escape": ("\\e", "U+001B"),
    "C1 control": ("\\x85", "U+0085"),
    "line separator": ("\\L", "U+2028"),
    "non-character U+FFFE": ("\\uFFFE", "U+FFFE"),
    "non-character U+FDD0": ("\\uFDD0", "U+FDD0"),
    "non-character U+10FFFF": ("\\U0010FFFF", "U+10FFFF"),
    "bidi override": ("\\u202E", "U+202E"),
    "bidi isolate": ("\\u2066", "U+2066"),
    "right-to-left mark": ("\\u200F", "U+200F"),
    "zero-width space": ("\\u200B", "U+200B"),
    "zero-width joiner": ("\\u200D", "U+200D"),
    "word joiner": ("\\u2060", "U+2060"),
    "byte-order mark": ("\\uFEFF", "U+FEFF"),
}  # a lone surrogate (\uD800) is refused by libyaml already; the rule refuses it too


def string_leaves(data, path=()):
    """(field path, value) of every string or date the front matter holds, however deep."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_leaves(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from string_leaves(value, path + (i,))
    elif isinstance(data, (str, dt.date)):
        yield path, data.isoformat() if isinstance(data, dt.date) else data


def dotted(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def with_value(data, path, value):
    if len(path) == 1:
        data[path[0]] = value
    else:
        with_value(data[path[0]], path[1:], value)


def fixture_fields():
    """Every string field of the fixture's project, municipality and method guide."""
    # The fixture's own texts, from tests/conftest.py by its path (the name 'conftest' may be
    # another folder's when the whole suite runs).
    spec = importlib.util.spec_from_file_location("fixture_files", Path(__file__).with_name("conftest.py"))
    fixture = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixture)
    out = []
    for rel, text in ((P, fixture.PROJECT), (HALDEN, fixture.HALDEN), (METHOD, fixture.method_text("Pilotplan", "pilot", 3))):
        data = source.parse(rel, text).data
        out += [(rel, path, value) for path, value in string_leaves(data)]
    return out


FIELDS = fixture_fields()


def test_the_fixture_gives_the_rule_every_kind_of_string_field():
    names = {dotted(path) for _, path, _ in FIELDS}
    # text, enum, slug references, SDG targets, themes, dates, code, URL, e-mail, image path
    for name in ("title", "status", "municipalities[0]", "sdgs[1]", "themes[0]", "phase", "methods[0]",
                 "partners[1].sector", "start", "reviewed", "budget.currency", "contact.email", "links[0].url",
                 "image", "country", "code", "website", "time", "roles[0]"):
        assert name in names, name


@pytest.mark.parametrize("kind", REFUSED)
@pytest.mark.parametrize("rel,path,value", FIELDS, ids=[f"{r.split('/')[1]}-{dotted(p)}" for r, p, _ in FIELDS])
def test_every_string_field_refuses_invisible_and_control_characters(repo, rel, path, value, kind):
    escape, code = REFUSED[kind]
    data = source.parse(rel, repo.read(rel)).data
    # The character in the middle of a value that is valid without it.
    middle = len(value) // 2 or 1
    quoted = json.dumps(value[:middle], ensure_ascii=False)[:-1] + escape + json.dumps(value[middle:], ensure_ascii=False)[1:]
    marker = "@@HOSTILE@@"
    with_value(data, path, marker)
    text = json.dumps(data, ensure_ascii=False, default=str).replace(f'"{marker}"', quoted)
    repo.write(rel, f"---\n{text}\n---\nText.\n")
    portfolio = repo.load()
    problem = repo.one(portfolio, path=rel, field=dotted(path), severity=ERROR)
    assert code in problem.message and "remove it" in problem.message
    assert not portfolio.projects and len(portfolio.errors) == 1 if rel == P else True, repo.describe(portfolio)


def test_the_rule_names_kind_code_point_and_place():
    assert refused_character("ab\ud800") == "contains a lone surrogate (U+D800) at character 3; remove it"
    assert refused_character("Åre 🌍 北京 \t\n\r") is None


def test_a_zero_width_character_makes_no_second_theme(repo):
    repo.set_field(P, "themes", '[energi, "ener\\u200Bgi"]')
    problem = repo.one(repo.load(), path=P, field="themes[1]", severity=ERROR)
    assert "invisible" in problem.message and "U+200B" in problem.message


def test_tab_and_line_breaks_inside_text_are_still_allowed(repo):
    repo.set_field(P, "summary", '"Två\\trader\\noch\\r\\nmer."')
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    assert portfolio.projects[SLUG].summary == "Två rader och mer."


def test_swedish_nordic_and_other_scripts_pass_the_rule(repo):
    repo.set_field(P, "title", '"Åre, Ørsta & Þingvellir: Ελλάδα, 北京, עברית, 🌍"')
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)


# --- numbers ----------------------------------------------------------------------------------

HUGE = "9" * 400


@pytest.mark.parametrize("rel,key,written,field,words", [
    (P, "budget", "\n  amount: .inf\n  currency: SEK", "budget.amount", ["'.inf'", "finite"]),
    (P, "budget", "\n  amount: -.Inf\n  currency: SEK", "budget.amount", ["'-.Inf'", "finite"]),
    (P, "budget", "\n  amount: .nan\n  currency: SEK", "budget.amount", ["'.nan'", "not a number"]),
    (P, "budget", "\n  amount: 1.0e+400\n  currency: SEK", "budget.amount", ["'1.0e+400'", "finite"]),
    (P, "budget", f"\n  amount: {HUGE}\n  currency: SEK", "budget.amount", ["400 digits", "at most 9007199254740991"]),
    (P, "budget", "\n  amount: 9007199254740992\n  currency: SEK", "budget.amount", ["too large"]),
    (HALDEN, "population", HUGE, "population", ["400 digits", "at most"]),
    (HALDEN, "population", "100000000000000000000", "population", ["too large"]),
    (HALDEN, "joined", HUGE, "joined", ["out of range", "1900"]),
    (HALDEN, "coordinates", "[.inf, 11.0]", "coordinates", ["out of range"]),
    (HALDEN, "coordinates", f"[{HUGE}, 11.0]", "coordinates", ["out of range"]),
    (HALDEN, "coordinates", "[.nan, 11.0]", "coordinates", ["out of range"]),
    (P, "sdgs", "[.inf]", "sdgs[0]", ["goal"]),
    (P, "sdgs", f"[{HUGE}]", "sdgs[0]", ["goal"]),
    (METHOD, "order", HUGE, "order", ["at most"]),
])
def test_numbers_must_be_finite_and_in_range(repo, rel, key, written, field, words):
    repo.set_field(rel, key, written)
    portfolio = repo.load()
    problem = repo.one(portfolio, path=rel, field=field, severity=ERROR)
    assert problem.line == repo.line_of(rel, f"{field.split('.')[-1].split('[')[0]}:"), repo.describe(portfolio)
    for word in words:
        assert word in problem.message, problem.message
    assert len(problem.message) < 300


@pytest.mark.parametrize("written", ["9" * 5000, "-" + "9" * 20000])
def test_a_number_too_long_for_python_is_a_message_on_its_line(repo, written):
    repo.set_field(HALDEN, "population", written)
    problem = repo.one(repo.load(), path=HALDEN, severity=ERROR)
    assert problem.line == repo.line_of(HALDEN, "population:")
    assert "digits is far beyond" in problem.message and len(problem.message) < 200


def test_the_largest_exact_whole_number_is_still_a_budget(repo):
    repo.set_field(P, "budget", "\n  amount: 9007199254740991\n  currency: SEK")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)


# --- dates --------------------------------------------------------------------------------------

def test_a_review_date_in_the_future_is_refused(repo):
    repo.set_field(P, "reviewed", "2999-01-01")
    problem = repo.one(repo.load(), path=P, field="reviewed", severity=ERROR)
    assert problem.line == repo.line_of(P, "reviewed:")
    assert "2999-01-01" in problem.message and "future" in problem.message


@pytest.mark.parametrize("written", ['"2999-01-01"', "2999-01-01 12:00:00"])
def test_a_future_review_date_is_refused_however_written(repo, written):
    repo.set_field(P, "reviewed", written)
    assert "future" in repo.one(repo.load(), path=P, field="reviewed", severity=ERROR).message


def test_a_review_today_is_allowed_and_start_and_end_may_be_in_the_future(repo):
    today = dt.datetime.now(dt.timezone.utc).date()
    repo.set_field(P, "reviewed", today.isoformat())
    repo.set_field(P, "start", "2998-01-01")
    repo.set_field(P, "end", "2999-01-01")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)


def test_the_build_date_counts_when_it_is_later_than_the_clock(repo, monkeypatch):
    repo.set_field(P, "reviewed", "2999-01-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2999, 6, 1, tzinfo=dt.timezone.utc).timestamp())))
    assert repo.load().problems == []
    # A build date pinned in the past (an old commit built again) keeps reviews made since valid.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    repo.set_field(P, "reviewed", "2026-01-15")
    assert repo.load().problems == []


# --- YAML that cannot become a model -----------------------------------------------------------

@pytest.mark.parametrize("written", [
    "[" * 30 + "]" * 30,
    "[" * 900 + "]" * 900,
    "[" * 5000 + "]" * 5000,
    "".join("\n" + "  " * i + "-" for i in range(1, 300)),  # 90 KB: within the file size, beyond the nesting
    "{a: " * 400 + "1" + "}" * 400,
])
def test_deep_nesting_is_a_message_not_a_traceback(repo, written):
    repo.set_field(P, "funding", written)
    portfolio = repo.load()
    problem = repo.one(portfolio, path=P, severity=ERROR)
    assert "nest" in problem.message
    assert repo.line_of(P, "funding:") <= problem.line < repo.closing_line(P)


@pytest.mark.parametrize("key,written,words", [
    ("start", "!!timestamp igår", "cannot be read as !!timestamp"),  # an AttributeError in PyYAML
    ("funding", "!!bool kanske", "cannot be read as !!bool"),  # a KeyError
    ("funding", "!!int 12abc", "cannot be read as !!int"),  # a ValueError
])
def test_a_tag_that_cannot_make_its_value_is_a_message_at_its_line(repo, key, written, words):
    repo.set_field(P, key, written)
    problem = repo.one(repo.load(), path=P, severity=ERROR)
    assert words in problem.message
    assert problem.line == repo.line_of(P, written)


@pytest.mark.parametrize("written,tag", [
    ('!!python/object/apply:os.system ["id"]', "!!python/object/apply:os.system"),
    ("!viktigt Solceller", "!viktigt"),
])
def test_a_tag_yaml_does_not_know_is_named_in_the_message(repo, written, tag):
    repo.set_field(P, "funding", written)
    problem = repo.one(repo.load(), path=P, severity=ERROR)
    assert problem.message == f"YAML syntax error: the tag '{tag}' is not allowed; a value that starts with '!' must be put in quotes"
    assert problem.line == repo.line_of(P, written)


def test_a_failing_tag_in_a_document_pyyaml_makes_is_a_message_too(repo):
    # With a !!set the whole document goes to PyYAML's own constructor (yamlsafe._Unusual).
    repo.set_field(P, "themes", "!!set {energi}")
    repo.set_field(P, "funding", "!!bool kanske")
    problem = repo.one(repo.load(), path=P, severity=ERROR)
    assert "cannot be read as !!bool" in problem.message
    assert problem.line == repo.line_of(P, "!!bool kanske")


def test_twenty_levels_are_read(repo):
    repo.set_field(P, "funding", "[" * 19 + "x" + "]" * 19)
    problem = repo.one(repo.load(), path=P, field="funding[0]", severity=ERROR)
    assert "must be text" in problem.message


# --- files --------------------------------------------------------------------------------------

def link(repo, rel: str, target: str | Path) -> None:
    path = repo.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


@pytest.mark.parametrize("target", ["../../../.git/config", "/etc/passwd", "saknas.jpg"])
def test_an_image_that_is_a_symbolic_link_is_refused_and_named(repo, target):
    repo.write(".git/config", "[remote]\nurl = hemlig\n")
    link(repo, repo.IMAGE_PATH, target)
    portfolio = repo.load()
    linked = repo.one(portfolio, path=repo.IMAGE_PATH, severity=ERROR)
    assert "symbolic link" in linked.message
    image = repo.one(portfolio, path=P, field="image", severity=ERROR)
    assert image.message.startswith(f"'{repo.IMAGE_PATH}' is a symbolic link")
    assert SLUG not in portfolio.projects  # so the build never copies it


def test_a_content_file_linked_from_outside_is_not_read(repo, tmp_path):
    outside = tmp_path / "utanfor.md"
    outside.write_text(repo.PROJECT.replace("Smart gatubelysning i Halden", "Utifrån"), encoding="utf-8")
    link(repo, "content/projects/utifran.md", outside)
    portfolio = repo.load()
    assert "symbolic link" in repo.one(portfolio, path="content/projects/utifran.md", severity=ERROR).message
    assert "utifran" not in portfolio.projects and "content/projects/utifran.md" not in portfolio.files_in["projects"]


def test_a_linked_folder_is_refused_and_not_entered(repo, tmp_path):
    (tmp_path / "bilder").mkdir()
    (tmp_path / "bilder/lampa.jpg").write_bytes(b"jpeg")
    (tmp_path / "bilder/ny.md").write_text(repo.PROJECT, encoding="utf-8")
    for path in (repo.root / "content/projects/bilder").iterdir():
        path.unlink()
    (repo.root / "content/projects/bilder").rmdir()
    link(repo, "content/projects/bilder", tmp_path / "bilder")
    portfolio = repo.load()
    assert "symbolic link" in repo.one(portfolio, path="content/projects/bilder", severity=ERROR).message
    assert repo.one(portfolio, path=P, field="image", severity=ERROR).message.startswith(
        "'content/projects/bilder' is a symbolic link")
    assert not repo.find(portfolio, path="content/projects/bilder/ny.md")


@pytest.mark.parametrize("rel", ["docs/assets/lacka.png", "docs/lacka.md", "docs/methods/lacka.md",
                                 "overrides/assets/lacka.png"])
def test_a_link_in_docs_or_the_theme_folder_is_refused_as_in_content(repo, tmp_path, rel):
    # MkDocs publishes docs/ and the theme's folder as they are: a link there published the file it led to.
    secret = tmp_path / "hemlig.txt"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    link(repo, rel, secret)
    assert "symbolic link" in repo.one(repo.load(), path=rel, severity=ERROR).message


@pytest.mark.parametrize("rel, message", [
    ("docs/sida.html", "docs/ publishes only Markdown pages"),
    ("docs/bidra/bild.svg", "docs/ publishes only Markdown pages"),
    ("docs/methods/guide.xhtml", "docs/ publishes only Markdown pages"),
    ("docs/Sida.MD", "docs/ publishes only Markdown pages"),
    ("docs/sida.markdown", "docs/ publishes only Markdown pages"),
    ("docs/assets/sida.html", "docs/assets/ holds only"),
    ("docs/assets/ikon.svg", "docs/assets/ holds only"),
    ("docs/pagefind/pagefind.js", "the folder docs/pagefind/ is reserved"),
    ("docs/pagefind/index.md", "the folder docs/pagefind/ is reserved"),
])
def test_a_file_in_docs_that_would_be_published_unchecked_is_refused(repo, rel, message):
    # MkDocs publishes every file in docs/ as it is: an HTML page or an SVG there ran its own
    # scripts on the site's address, without the pages' CSP, and `check` said nothing.
    repo.write(rel, "<script>alert(1)</script>\n")
    problem = repo.one(repo.load(), path=rel, severity=ERROR)
    assert (problem.line, problem.column, problem.field) == (1, 1, "")
    assert message in problem.message


@pytest.mark.parametrize("rel", ["docs/ny-sida.md", "docs/bidra/bild.png", "docs/assets/extra.js",
                                 "docs/assets/extra.css", "docs/assets/foto.JPG", "docs/methods/bilaga.pdf",
                                 "docs/inkluderad.txt", "docs/tabell.csv"])
def test_pages_pictures_and_the_sites_own_assets_in_docs_are_published(repo, rel):
    repo.write(rel, "---\ntitle: Ny sida\n---\n\nText.\n" if rel.endswith(".md") else "x\n")
    assert not repo.find(repo.load(), path=rel)


def test_a_file_too_large_is_refused_before_it_is_parsed(repo):
    # 5 MB of front matter held `check` for 37 s (and three formats in CI for two minutes).
    repo.set_field(P, "funding", "[" + ", ".join(["x"] * 60_000) + "]")
    problem = repo.one(repo.load(), path=P, severity=ERROR)
    assert (problem.line, problem.column, problem.field) == (1, 1, "")
    assert problem.message.startswith("the file is ") and f"at most {source.MAX_FILE_BYTES}" in problem.message


def test_a_theme_named_like_the_list_of_themes_is_refused(repo):
    # Its page would be teman/index/: the build stopped with a message about a docs/ file.
    repo.set_field(P, "themes", "[energi, Index]")
    problem = repo.one(repo.load(), path=P, field="themes[1]", severity=ERROR)
    assert "teman/index/" in problem.message


def test_content_itself_as_a_link_is_refused(repo, tmp_path):
    (repo.root / "content").rename(tmp_path / "content")
    link(repo, "content", tmp_path / "content")
    portfolio = repo.load()
    assert "symbolic link" in repo.one(portfolio, path="content", severity=ERROR).message
    assert not portfolio.projects and not portfolio.municipalities


def test_an_image_path_must_resolve_inside_content(repo, tmp_path):
    # Defence in depth behind the walk: even a file listed as present is refused when a link on
    # the way leads out of content/.
    (tmp_path / "ute").mkdir()
    (tmp_path / "ute/lampa.jpg").write_bytes(b"jpeg")
    for path in (repo.root / "content/projects/bilder").iterdir():
        path.unlink()
    (repo.root / "content/projects/bilder").rmdir()
    link(repo, "content/projects/bilder", tmp_path / "ute")
    src = source.read(repo.root / P, repo.root)
    known = {"municipalities": {"halden", "eskilstuna"}, "methods": {"pilotplan"}, "phases": {"pilot"},
             "files": {repo.IMAGE_PATH}}
    _, problems = content.check_source("projects", src, known, root=repo.root)
    problem = repo.one(problems, field="image", severity=ERROR)
    assert "outside content/" in problem.message


@pytest.mark.parametrize("rel,severity,words", [
    ("content/projects/ny.MD", ERROR, ["not read", "'.md'"]),
    ("content/projects/ny.markdown", ERROR, ["not read", "'.md'"]),
    ("content/projects/ny.txt", ERROR, ["not read"]),
    ("content/municipalities/ny.yaml", ERROR, ["not read"]),
    ("content/projects/bilder/ny.md", WARNING, ["ignored", "directly in content/projects/"]),
    ("content/projects/bilder/ny.txt", WARNING, ["ignored"]),
    ("content/projects/README", WARNING, ["not used"]),
    ("content/projects/ny.html", WARNING, ["not used"]),
    ("content/projects/plan.pdf", WARNING, ["not used"]),
    ("content/ny.md", WARNING, ["not used", "projects/"]),
    ("content/underlag/data.json", WARNING, ["not used"]),
])
def test_a_file_that_is_not_read_is_named(repo, rel, severity, words):
    repo.write(rel, repo.PROJECT)
    problem = repo.one(repo.load(), path=rel)
    assert problem.severity == severity
    for word in words:
        assert word in problem.message, problem.message


@pytest.mark.parametrize("rel", [
    "content/projects/.smart-belysning.md.swp", "content/projects/smart-belysning.md~", "content/projects/#smart-belysning.md#",
    "content/projects/.DS_Store", "content/projects/.gitkeep", "content/.obsidian/workspace.json",
])
def test_editor_files_are_passed_over_as_the_guide_says(repo, rel):
    repo.write(rel, "skräp")
    portfolio = repo.load()
    assert portfolio.problems == [], repo.describe(portfolio)
    guide = (ROOT / "docs/bidra/index.md").read_text(encoding="utf-8")
    for written in ("`.`", "`~`", "`#`"):
        assert written in guide


def test_pictures_nobody_uses_are_not_named(repo):
    repo.write("content/projects/bilder/reserv.png", b"png")
    assert repo.load().problems == []


def test_a_dangling_image_link_fails_the_build_with_a_message_not_a_traceback(tmp_path):
    root = copy_repo(tmp_path / "site-repo")
    project = next(p for p in sorted((root / "content/projects").glob("*.md")) if "\nimage:" not in p.read_text(encoding="utf-8"))
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("\n---\n", "\nimage: bild.jpg\n---\n", 1), encoding="utf-8")
    (root / "content/projects/bild.jpg").symlink_to("saknas/bild.jpg")
    secret = tmp_path / "hemlig.jpg"
    secret.write_bytes(b"HEMLIGT")
    (root / "content/projects/annan.jpg").symlink_to(secret)
    result = mkdocs(root, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "content/projects/bild.jpg:1:1: error: is a symbolic link" in result.stderr
    assert "content/projects/annan.jpg:1:1: error: is a symbolic link" in result.stderr
    site = tmp_path / "site"
    assert not any(b"HEMLIGT" in p.read_bytes() for p in site.rglob("*") if p.is_file()) if site.exists() else True


# --- what `innocities check` prints -------------------------------------------------------------

HOSTILE_TEXT = "a\x1b]0;pwned\x07b\r\n::error::injected\u202eevil\u2028x\x00\x85\ud800\U0010ffff%,:"


def printable_lines(output: str) -> list[str]:
    lines = output.split("\n")
    for line in lines:
        assert all(ch.isprintable() for ch in line), repr(line)
    return lines


def test_formatters_escape_every_unprintable_character():
    p = Problem(f"content/projects/{HOSTILE_TEXT}.md", 3, 1, ERROR, f"links[0].{HOSTILE_TEXT}",
                msg("file_unreadable", reason=show(HOSTILE_TEXT) + HOSTILE_TEXT))
    text = format_text(p)
    assert printable_lines(text) == [text]
    assert "\\x1b" in text and "\\u202e" in text and "\\x00" in text and "\\ud800" in text
    gh = format_github(p)
    assert printable_lines(gh) == [gh] and gh.startswith("::error file=")
    # The runner ends the properties at the first '::'; a message may hold more.
    props, _, message = gh.removeprefix("::error ").partition("::")
    assert "," not in props.replace(",line=", "").replace(",col=", "").replace(",title=", "")
    assert "%25" in message and "%2C" in props and "%3A" in props
    as_json = format_json([p])
    printable_lines(as_json)
    assert json.loads(as_json) == [{"path": p.path, "line": 3, "column": 1, "severity": ERROR, "field": p.field,
                                    "message": p.message}]


def test_show_quotes_a_value_visibly():
    assert show("a\x1b[31mb") == "'a\\x1b[31mb'"
    assert show("\u202egnp.exe") == "'\\u202egnp.exe'"
    assert show(10 ** 400) == "a number of 401 digits"
    assert show(10 ** 9000).startswith("a number of about 900")


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_check_never_prints_a_contributors_control_character_raw(repo, fmt):
    evil = "content/projects/ond\n::error file=x::injected\x1b[2J.md"
    repo.write(evil, "---\ntitle: \"\\e]0;pwned\\a\\u202e\"\n---\n")  # Linux allows any name but '/' and NUL
    repo.write("mkdocs.yml", "site_name: Test\n")  # where `innocities` finds the repository
    repo.set_field(P, "status", '"ongoing\\u2066\\n::warning::injected"')
    repo.set_field(P, "sdgs", '["\\e[31m7"]')
    repo.set_field(P, "links", '\n  - title: "x"\n    url: "https://example.org/\\0\\n::error::x"')
    result = subprocess.run([CLI, "check", "--format", fmt], capture_output=True, text=True, cwd=repo.root,
                            errors="surrogateescape")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        lines = printable_lines(stream.rstrip("\n"))
        if fmt == "github" and stream is result.stdout:
            assert len(lines) >= 4 and all(line.startswith(("::error ", "::warning ")) for line in lines), lines
            assert not any("::error::" in line or "::warning::" in line for line in lines), lines
    if fmt == "json":
        found = json.loads(result.stdout)
        assert any(p["path"] == evil for p in found)  # the exact name, for a program to use


# --- exports with hostile values that are allowed -----------------------------------------------

ALLOWED_HOSTILE = [
    "<script>alert(1)</script>", "]]><x>&amp;&lt;", "\"quoted\" 'single'", "a, b; c", "=HYPERLINK(\"x\")",
    "@SUM(A1)", "-1+1", "tab\tbetween", "Åre 🌍 北京", "\\N \\u0000 %s {{ x }} {% raw %}", "x" * 200,
]


def draw(portfolio):
    ix = Index(portfolio, dates={})
    renderer = pages.Renderer(ix, str(ROOT / "overrides" / "innocities"), "sv", "https://example.org/kb/")
    files = exports.all_exports(ix, "https://example.org/kb/")
    files[feed.FEED_PATH] = renderer.render_file("feed.xml", **feed.context(ix, "https://example.org/kb/", "Kb", "sv"))
    return files


def strict_json(text: str):
    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


def yaml_quoted(text: str) -> str:
    """A double-quoted YAML scalar, every character outside ASCII written as an escape."""
    def one(ch: str) -> str:
        if ch in '"\\':
            return "\\" + ch
        if " " <= ch <= "~":
            return ch
        return f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}"
    return '"' + "".join(one(ch) for ch in text) + '"'


@pytest.mark.parametrize("value", ALLOWED_HOSTILE + [f"x{chr(0xFFFE)}y", "x\x1fy", "x\u202ey", "x\U0001FFFFy"])
def test_every_export_is_well_formed_with_a_hostile_value(repo, value):
    escaped = yaml_quoted(value)
    repo.set_field(P, "title", escaped)
    repo.set_field(P, "summary", escaped)
    repo.set_field(P, "funding", f"[{escaped}, {yaml_quoted(value[:100] + 'x')}]")
    repo.set_field(P, "contact", f"\n  name: {escaped}\n  email: anna@example.org")
    repo.set_field(P, "themes", f"[{yaml_quoted(value[:60])}]")
    repo.set_field(P, "budget", "\n  amount: 0.1\n  currency: SEK")
    portfolio = repo.load()
    if value not in ALLOWED_HOSTILE:
        assert repo.find(portfolio, path=P, field="title", severity=ERROR), repo.describe(portfolio)
        return
    assert portfolio.problems == [], repo.describe(portfolio)
    files = draw(portfolio)
    want = " ".join(value.split())
    record = strict_json(files[exports.PROJECTS_JSON])["projects"][0]
    assert record["title"] == want and record["summary"] == want and record["contact"]["name"] == want
    strict_json(files[exports.MUNICIPALITIES_GEOJSON])
    entry = ET.fromstring(files[feed.FEED_PATH].encode("utf-8")).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == want and entry.findtext(f"{ATOM}summary") == want
    row = next(csv.DictReader(io.StringIO(files[exports.PROJECTS_CSV].removeprefix("\ufeff"), newline="")))
    shown = ("'" + want) if want[:1] in "=+-@" else want  # a formula is kept as text behind a quote
    assert row["title"] == shown and row["summary"] == shown and row["contact_name"] == shown
    assert row["funding"] == f"{shown};{' '.join(value[:100].split())}x"
    # Readers see a theme by its display name (innocities/themes.py): the tag made readable.
    theme = themes.readable(" ".join(value[:60].split()).lower())
    assert record["themes"] == [theme]
    assert [c.get("label") for c in entry.findall(f"{ATOM}category")] == [theme]


def test_an_infinite_number_can_never_be_written_as_json(repo):
    portfolio = repo.load()
    portfolio.projects[SLUG].budget = Budget(float("inf"), "SEK")  # past the validator, as a bug would
    ix = Index(portfolio, dates={})
    with pytest.raises(ValueError):
        exports.projects_json(ix, "/")


def test_no_export_of_the_shipped_site_holds_nan_or_infinity(built):
    for path in ("data/projects.json", "data/municipalities.geojson"):
        strict_json(built.path(path).read_text(encoding="utf-8"))
    ET.fromstring(built.path("feed.xml").read_bytes())


def test_the_shipped_content_has_no_link_and_no_stray_file():
    portfolio = content.load(ROOT)
    assert not [p for p in portfolio.problems if "symbolic" in p.message or "not used" in p.message]
