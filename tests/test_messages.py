"""The one message table: Swedish by default, English on request, never one language only."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from innocities import messages
from innocities.problems import ERROR, Problem
from sitebuild import copy_repo

HOOKS = Path(messages.__file__).parent
CLI = str(Path(sys.executable).parent / "innocities")
# Keys the code picks by a computed name (msg(kind), msg("kind_" + type name)).
COMPUTED = {"kind_empty", "kind_bool", "kind_list", "kind_dict",
            "refused_control", "refused_bidi", "refused_invisible", "refused_noncharacter", "refused_surrogate"}


def test_every_key_has_both_languages_with_the_same_placeholders():
    for key, texts in messages.table().items():
        assert set(texts) == {"sv", "en"}, key
        assert texts["sv"].strip() and texts["en"].strip(), key
        assert messages.placeholders(texts["sv"]) == messages.placeholders(texts["en"]), key


def test_every_key_used_exists_and_every_key_is_used():
    source = "\n".join(p.read_text(encoding="utf-8") for p in [*HOOKS.rglob("*.py"), HOOKS.parent / "innocities_hook.py"])
    used = set(re.findall(r"""\bmsg\(\s*["']([a-z0-9_]+)["'](?!\s*\+)""", source))
    used |= set(re.findall(r"""\bmsg\(\s*["']([a-z0-9_]+)["']\s+if""", source))
    table = set(messages.table())
    assert used - table == set()
    # A key is used when the code names it as a string (msg("x"), msg("a" if … else "b"), a dict of kinds).
    named = set(re.findall(r"""["']([a-z0-9_]+)["']""", source))
    named |= {"sitediff_" + n for n in named}  # msg("sitediff_" + kind), kind one of added/changed/removed
    assert table - named - COMPUTED == set()


def test_a_problem_refuses_a_bare_string():
    """The one door: a Problem (what check, the build and from-issue report) holds words from the
    table, so a new message written in one language only fails at once, in every test that meets it."""
    with pytest.raises(TypeError, match="msg"):
        Problem("content/projects/x.md", 1, 1, ERROR, "title", "is not allowed")
    with pytest.raises(TypeError, match="msg"):
        Problem("content/projects/x.md", 1, 1, ERROR, "title", messages.msg("required_missing") + "; write it")
    made = Problem("content/projects/x.md", 1, 1, ERROR, "", messages.msg("required_missing") + messages.msg("or"))
    assert made.message.key == "required_missing"


def calls(text: str, name: str) -> list[list[str]]:
    """The arguments of every call `name(...)` in a source text, split at its own commas."""
    out = []
    for found in re.finditer(rf"\b{name}\(", text):
        depth, args, start, i = 1, [], found.end(), found.end()
        while depth:
            ch = text[i]
            depth += ch in "([{"
            depth -= ch in ")]}"
            if (ch == "," and depth == 1) or depth == 0:
                args.append(text[start:i].strip())
                start = i + 1
            i += 1
        out.append(args)
    return out


def test_no_problem_is_written_with_a_string_in_the_code():
    """The runtime check catches a bare string when a test meets it; this finds one no test meets."""
    for path in HOOKS.glob("*.py"):
        for args in calls(path.read_text(encoding="utf-8"), "Problem"):
            if len(args) == 6:
                assert not re.match(r"""f?["']""", args[5]), (path.name, args)


def test_no_message_from_a_bare_string():
    """What the tools print and raise outside Problems comes from msg() too: scanned in the code."""
    hook = HOOKS.parent / "innocities_hook.py"
    for path in [*HOOKS.glob("*.py"), hook]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""print\(f?["']""", text.replace('print(f"schemas/{name}")', "")), path.name
        assert not re.search(r"""PluginError\(f?["']""", text), path.name
        assert not re.search(r"""SystemExit\(f?["']""", text), path.name
        assert not re.search(r"""help=f?["']""", text), path.name
        assert not re.search(r"""\.notes\.append\(f?["']""", text), path.name


def test_argparse_words_are_argparses_own_in_english():
    import argparse
    import inspect
    from innocities import cli
    source = inspect.getsource(argparse)
    for key in cli.ARGPARSE_KEYS:
        text = messages.table()[key]["en"]
        assert f"_({text!r})" in source or f"_('{text}')" in source.replace("\\n", "\n"), text


def test_language_from_the_environment():
    assert messages.language_from_env({}) == "sv"
    assert messages.language_from_env({"LANG": "sv_SE.UTF-8"}) == "sv"
    assert messages.language_from_env({"LANG": "en_GB.UTF-8"}) == "en"
    assert messages.language_from_env({"LANG": "C.UTF-8"}) == "sv"
    assert messages.language_from_env({"LC_ALL": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"}) == "sv"


BROKEN = """---
title: '   '
summary: Hamnen bygger laddplatser.
status: ongoin
municipalities: [haldn]
sdgs: [18]
reviewed: 2024-02-30
budget: {amount: tio, currency: USD}
links: [{title: X, url: 'javascript:alert(1)'}]
okänt: 1
sources: [{title: Källa, url: "https://example.org/kalla"}]
---
<script>alert(1)</script>

[x](javascript:alert(1))
"""

ENGLISH = ("must be", "is not allowed", "did you mean", "is empty", "is not a", "would be removed", "error(s)")


# A programme with a mistake of its own: an example that names a real host.
BROKEN_PROGRAMME = """---
name: Trasigt program (exempel)
hosts: [halden]
country: SE
status: ongoing
example: true
---
"""


@pytest.fixture(scope="module")
def broken_repo(tmp_path_factory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("msg") / "repo")
    (root / "content/projects/trasig.md").write_text(BROKEN, encoding="utf-8")
    (root / "content/programmes/trasigt.md").write_text(BROKEN_PROGRAMME, encoding="utf-8")
    return root


def run(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], capture_output=True, text=True, cwd=root, env=env)


def clean_env(**extra) -> dict:
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL")}
    return env | extra


def test_check_speaks_swedish_by_default(broken_repo):
    result = run(broken_repo, "check", "content/projects/trasig.md", env=clean_env())
    out = result.stdout
    assert result.returncode == 1
    assert "content/projects/trasig.md:4:1: fel: status: 'ongoin' är inte tillåtet; skriv ett av: " \
           "idea, planned, ongoing, completed, discontinued. Menade du 'ongoing'?" in out
    assert "municipalities[0]: 'haldn' är inte" in out and "Menade du 'halden'?" in out
    assert "title: är tomt; skriv text, 1–200 tecken" in out
    assert "okänt fält 'okänt' räknas inte" in out
    assert "HTML-koden <script> är inte tillåten" in out
    assert "fel," in result.stderr and "varningar" in result.stderr
    for english in ENGLISH:
        assert english not in out + result.stderr, english


def test_check_in_english_with_lang_en_or_lang(broken_repo):
    sv = run(broken_repo, "check", "content/projects/trasig.md", env=clean_env()).stdout
    en = run(broken_repo, "--lang", "en", "check", "content/projects/trasig.md", env=clean_env()).stdout
    assert "'ongoin' is not allowed; use one of: idea, planned, ongoing, completed, discontinued; " \
           "did you mean 'ongoing'?" in en
    assert "är inte tillåtet" not in en
    by_env = run(broken_repo, "check", "content/projects/trasig.md", env=clean_env(LANG="en_GB.UTF-8")).stdout
    assert by_env == en
    forced = run(broken_repo, "--lang", "sv", "check", "content/projects/trasig.md", env=clean_env(LANG="en_GB.UTF-8"))
    assert forced.stdout == sv
    # The same problems at the same places, only the words differ.
    assert [line.split(": ")[0] for line in sv.splitlines()] == [line.split(": ")[0] for line in en.splitlines()]
    assert sv != en


def test_github_and_json_carry_the_same_swedish_text(broken_repo):
    text = run(broken_repo, "check", "content/projects/trasig.md", env=clean_env()).stdout.splitlines()
    github = run(broken_repo, "check", "--format", "github", "content/projects/trasig.md", env=clean_env()).stdout
    found = json.loads(run(broken_repo, "check", "--format", "json", "content/projects/trasig.md", env=clean_env()).stdout)
    assert len(found) == len(text)
    for problem, line in zip(found, text):
        assert line.endswith(problem["message"])
        assert problem["message"].replace("%", "%25").replace(":", ":") in github
    assert any("är inte tillåtet" in p["message"] for p in found)


def test_new_speaks_swedish(broken_repo):
    result = run(broken_repo, "new", "project", "Hamnen", "--municipality", "haldn", env=clean_env())
    assert result.returncode == 1
    assert "fel: 'haldn' är ingen fil i content/municipalities/. Menade du 'halden'?" in result.stderr
    english = run(broken_repo, "--lang", "en", "new", "project", "Hamnen", "--municipality", "haldn", env=clean_env())
    assert "is not a file in content/municipalities/; did you mean 'halden'?" in english.stderr


def test_field_reference_stays_swedish_whatever_the_language():
    from innocities import schema
    status = next(f for f in schema.COLLECTIONS["projects"].schema.fields if f.name == "status")
    with messages.language("en"):
        assert status.type.allowed_sv() == "ett av: idea, planned, ongoing, completed, discontinued"
        assert status.type.allowed() == "one of idea, planned, ongoing, completed, discontinued"


# Representative mistakes, each as Swedish and its English twin: a value outside the allowed ones, a
# misspelt reference, a date that does not exist, an unknown field, raw HTML in the text, a link
# that runs script, an example programme naming a real organisation.
TWINS = [
    ("'ongoin' är inte tillåtet; skriv ett av: idea, planned, ongoing, completed, discontinued. Menade du 'ongoing'?",
     "'ongoin' is not allowed; use one of: idea, planned, ongoing, completed, discontinued; did you mean 'ongoing'?"),
    ("'haldn' är inte en fil i content/municipalities/", "'haldn' is not a file in content/municipalities/"),
    ("'2024-02-30' är inget riktigt datum", "'2024-02-30' is not a real date"),
    ("okänt fält 'okänt' räknas inte", "unknown field 'okänt' is ignored"),
    ("HTML-koden <script> är inte tillåten i texten och skulle tas bort",
     "raw HTML <script> is not allowed in a body and would be removed"),
    ("länkar av typen 'javascript:' är inte tillåtna", "the link scheme 'javascript:' is not allowed"),
    ("'halden' är en verklig organisation (Halden kommune); ett exempelprogram (example: true) får bara nämna påhittade",
     "'halden' is a real organisation (Halden kommune); an example programme (example: true) may only name example"),
]


def messages_in(output: str, fmt: str) -> str:
    """The messages as a contributor reads them in each format."""
    if fmt == "json":
        return "\n".join(p["message"] for p in json.loads(output))
    return output.replace("%25", "%")


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_each_format_in_swedish_and_its_english_twin(broken_repo, fmt):
    paths = ("content/projects/trasig.md", "content/programmes/trasigt.md")
    sv = messages_in(run(broken_repo, "check", "--format", fmt, *paths, env=clean_env()).stdout, fmt)
    en = messages_in(run(broken_repo, "--lang", "en", "check", "--format", fmt, *paths, env=clean_env()).stdout, fmt)
    by_locale = messages_in(run(broken_repo, "check", "--format", fmt, *paths,
                                env=clean_env(LANG="en_US.UTF-8")).stdout, fmt)
    for swedish, english in TWINS:
        assert swedish in sv and english not in sv, swedish
        assert english in en and swedish not in en, english
    assert by_locale == en
    for english in ENGLISH:
        assert english not in sv, english


def test_the_build_stops_in_swedish_and_in_english_with_lang(broken_repo, tmp_path):
    from sitebuild import mkdocs
    sv = mkdocs(broken_repo, tmp_path / "sv", env=clean_env(LANG="sv_SE.UTF-8"))
    en = mkdocs(broken_repo, tmp_path / "en", env=clean_env(LANG="en_US.UTF-8"))
    assert sv.returncode != 0 and en.returncode != 0
    assert "content/projects/trasig.md:4:1: fel: status: 'ongoin' är inte tillåtet" in sv.stderr
    assert "bygget stoppades av" in sv.stderr and "fel i innehållet" in sv.stderr
    assert "content/projects/trasig.md:4:1: error: status: 'ongoin' is not allowed" in en.stderr
    assert "content error(s) above" in en.stderr and "är inte tillåtet" not in en.stderr
    assert "Traceback" not in sv.stderr + en.stderr


def test_help_and_argparse_errors_in_swedish(broken_repo):
    helped = run(broken_repo, "check", "--help", env=clean_env())
    assert helped.stdout.startswith("användning: innocities check")
    assert "varningar om själva filerna blir fel" in helped.stdout and "visa den här hjälpen" in helped.stdout
    wrong = run(broken_repo, "new", "municipality", "Ny", "--country", "XX", env=clean_env())
    assert wrong.returncode == 2
    assert "fel: --country: 'XX' är inte tillåtet; välj ett av: 'SE', 'NO', 'DK', 'FI', 'IS'" in wrong.stderr
    missing = run(broken_repo, "--lang", "en", "new", "municipality", "Ny", env=clean_env())
    assert "error: the following arguments are required: --country" in missing.stderr
    assert "dessa måste anges: --country" in run(broken_repo, "new", "municipality", "Ny", env=clean_env()).stderr


def test_a_project_that_repeats_a_programme_warns_in_both_languages_and_fails_strict(tmp_path):
    root = copy_repo(tmp_path / "repo")
    rel = "content/projects/exempelprogrammet.md"
    (root / rel).write_text("---\ntitle: Smarta Exempelstad (exempel)\nsummary: Ett påhittat program.\n"
                            "status: ongoing\nmunicipalities: [exempelstad]\nsdgs: [11]\nexample: true\n---\n",
                            encoding="utf-8")
    sv = run(root, "check", rel, env=clean_env())
    assert sv.returncode == 0
    assert f"{rel}:2:1: varning: title: projektet är samma som programmet i content/programmes/exempelprogrammet.md" \
        in sv.stdout, sv.stdout
    en = run(root, "--lang", "en", "check", rel, env=clean_env())
    assert f"{rel}:2:1: warning: title: the project is the same as the programme in" in en.stdout
    assert run(root, "check", "--strict", rel, env=clean_env()).returncode == 1


# The YAML mistakes contributors make most, each written as a contributor would: the message says in
# Swedish what to write, without PyYAML's English words ("mapping values", "token", "block end").
COMMON_YAML_MISTAKES = {
    "title: Laddning: snabb och billig\n": ("yaml_colon_here", "citattecken"),
    "title: Laddning\nstatus\nsdgs: [7]\n": ("yaml_missing_colon", "'fält: värde'"),
    "sdgs:\n  - 7\n - 11\n": ("yaml_indent", "indragen"),
    "title: a\nsammanfattning:\n  b: 1\n c: 2\n": ("yaml_indent", "indragen"),
    "title: `kod`\n": ("yaml_bad_start", "tecknet '`'"),
    "title: @hemma\n": ("yaml_bad_start", "tecknet '@'"),
    "title: *stjärna\n": ("yaml_alias", "'*'"),
    "title: *star\n": ("yaml_alias", "'*'"),
    "sdgs: [7, 11\nstatus: ongoing\n": ("yaml_flow_list", "[ ]"),
    "x: {a: 1\ny: 2\n": ("yaml_flow_map", "{ }"),
}
PYYAML_WORDS = ("mapping", "token", "block", "scanning", "expected", "alias", "found")


@pytest.mark.parametrize("text", COMMON_YAML_MISTAKES, ids=[v[0] + str(i) for i, v in enumerate(COMMON_YAML_MISTAKES.values())])
def test_common_yaml_mistakes_are_explained_in_swedish(text):
    from innocities import yamlsafe

    key, words = COMMON_YAML_MISTAKES[text]
    with messages.language("sv"):
        issues = yamlsafe.load(text).issues
    assert len(issues) == 1, issues
    said = str(issues[0].message)
    assert issues[0].message.key == key, said
    assert words in said, said
    assert not any(w in said.lower() for w in PYYAML_WORDS), said
    with messages.language("en"):
        english = str(yamlsafe.load(text).issues[0].message)
    assert english != said and not any(w in english for w in ("mapping values", "token", "<block")), english
