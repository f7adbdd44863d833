"""The `innocities` command as a contributor uses it: check, new, schema."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from innocities import yamlsafe
from sitebuild import ROOT, copy_repo, mkdocs

CLI = str(Path(sys.executable).parent / "innocities")


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], capture_output=True, text=True, cwd=root)


@pytest.fixture
def repo(tmp_path) -> Path:
    return copy_repo(tmp_path / "repo")


VALID = """---
title: Laddplatser vid hamnen
summary: Hamnen bygger laddplatser för arbetsfordon.
status: ongoing
municipalities: [halden]
sdgs: [7, "9.4"]
sources: [{title: Hamnens laddplatser, url: "https://example.org/laddplatser"}]
---
## Bakgrund
"""

# (front matter line to change, replacement, expected line, field, words the message must hold)
BAD = [
    ("status: ongoing", "status: ongoin", 4, "status", ["did you mean 'ongoing'", "idea, planned, ongoing"]),
    ("municipalities: [halden]", "municipalities: [haldn]", 5, "municipalities[0]", ["did you mean 'halden'"]),
    ('sdgs: [7, "9.4"]', 'sdgs: ["SDG 7"]', 6, "sdgs[0]", ["7"]),
    ('sdgs: [7, "9.4"]', "sdgs: [18]", 6, "sdgs[0]", ["1–17"]),
    ("title: Laddplatser vid hamnen", "title: '   '", 2, "title", ["empty", "1–200"]),
    ("summary: Hamnen bygger laddplatser för arbetsfordon.", "summary: " + "x" * 401, 3, "summary", ["400"]),
    ("status: ongoing", "status: ongoing\nend: 2020-01-01\nstart: 2021-01-01", 5, "end", ["start"]),
    ("status: ongoing", "status: ongoing\nbudget: {amount: 10, currency: USD}", 5, "budget.currency", ["SEK", "NOK", "EUR", "DKK"]),
    ("status: ongoing", "status: ongoing\nlinks: [{title: X, url: 'javascript:alert(1)'}]", 5, "links[0].url", ["http"]),
    ("status: ongoing", "status: ongoing\nphase: pilott", 5, "phase", ["did you mean 'pilot'"]),
    ("status: ongoing", "status: ongoing\nmethods: [pilotplann]", 5, "methods[0]", ["did you mean 'pilotplan'"]),
    ("status: ongoing", "status: ongoing\npartners: [{name: X, sector: industry}]", 5, "partners[0].sector", ["academia"]),
]


def add_source(path: Path) -> None:
    """Fill in the commented source block of a new file, as a contributor does."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("# sources:\n#   - title: Källans titel\n#     url: https://\n",
                        "sources:\n  - title: Källans titel\n    url: https://example.org/kalla\n")
    path.write_text(text, encoding="utf-8")


def write(repo: Path, text: str, name: str = "laddplatser") -> str:
    rel = f"content/projects/{name}.md"
    (repo / rel).write_text(text, encoding="utf-8")
    return rel


def test_clean_corpus_passes_in_every_format(repo):
    write(repo, VALID)
    for fmt in ("text", "github", "json"):
        result = run(repo, "check", "--format", fmt)
        assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(run(repo, "check", "--format", "json").stdout) == []


@pytest.mark.parametrize("old,new,line,field,words", BAD, ids=[b[3] + ":" + b[1][:20] for b in BAD])
def test_each_mistake_is_reported_with_file_line_field_and_hint(repo, old, new, line, field, words):
    assert old in VALID
    rel = write(repo, VALID.replace(old, new))

    text = run(repo, "check", "--format", "text")
    assert text.returncode == 1
    hits = [x for x in text.stdout.splitlines() if x.startswith(f"{rel}:{line}:") and f"error: {field}:" in x]
    assert hits, text.stdout
    for w in words:
        assert w in hits[0], hits[0]

    gh = run(repo, "check", "--format", "github")
    assert gh.returncode == 1
    assert any(x.startswith(f"::error file={rel},line={line},") and f"title={field}" in x.replace("%2C", ",")
               for x in gh.stdout.splitlines()), gh.stdout

    js = run(repo, "check", "--format", "json")
    assert js.returncode == 1
    found = [p for p in json.loads(js.stdout) if p["path"] == rel and p["line"] == line and p["field"] == field]
    assert found and found[0]["severity"] == "error"
    for w in words:
        assert w in found[0]["message"]


def test_three_mistakes_in_one_file_come_back_in_one_run(repo):
    text = VALID.replace("status: ongoing", "status: klar").replace("[halden]", "[haldn]").replace('[7, "9.4"]', '["Mål 7"]')
    rel = write(repo, text)
    result = run(repo, "check", rel)
    assert result.returncode == 1
    lines = [x for x in result.stdout.splitlines() if x.startswith(rel)]
    assert [int(x.split(":")[1]) for x in lines] == [4, 5, 6]


def test_a_misspelt_field_is_a_warning_that_fails_only_with_strict(repo):
    rel = write(repo, VALID.replace("status: ongoing", "status: ongoing\nsumary: x"))
    result = run(repo, "check")
    assert result.returncode == 0
    assert f"{rel}:5:1: warning: sumary:" in result.stdout and "did you mean 'summary'" in result.stdout
    assert run(repo, "check", "--strict").returncode == 1


def test_check_reports_only_the_paths_asked_for(repo):
    write(repo, VALID.replace("status: ongoing", "status: klar"), "trasig")
    write(repo, VALID, "hel")
    assert run(repo, "check", "content/projects/hel.md").returncode == 0
    assert run(repo, "check", "content/projects/trasig.md").returncode == 1


def test_new_project_writes_a_file_that_passes_check_and_builds(repo, tmp_path):
    result = run(repo, "new", "project", "Smart belysning i Ørsta & Älvkarleby, fas 2", "--municipality", "halden",
                 "--sdg", "7", "--sdg", "11.2")
    assert result.returncode == 0, result.stderr
    rel = result.stdout.strip()
    assert rel == "content/projects/smart-belysning-i-orsta-alvkarleby-fas-2.md"
    # The skeleton asks for a source, and the check holds the contributor to it.
    unsourced = run(repo, "check")
    assert unsourced.returncode == 1 and f"{rel}:2:1: error: sources:" in unsourced.stdout, unsourced.stdout
    add_source(repo / rel)
    assert run(repo, "check").returncode == 0
    assert run(repo, "check", "--strict").returncode == 1  # its placeholders are still there
    built = mkdocs(repo, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site/projekt/smart-belysning-i-orsta-alvkarleby-fas-2/index.html").read_text(encoding="utf-8")
    assert "Smart belysning i Ørsta &amp; Älvkarleby, fas 2" in page
    assert "agenda-2030/mal-11/#delmal-11-2" in page

    again = run(repo, "new", "project", "Smart belysning i Ørsta & Älvkarleby, fas 2", "--municipality", "halden")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_new_project_refuses_an_unknown_municipality(repo):
    result = run(repo, "new", "project", "X", "--municipality", "haldn")
    assert result.returncode == 1 and "did you mean 'halden'" in result.stderr
    assert not (repo / "content/projects/x.md").exists()


def test_new_municipality_writes_a_file_that_passes_check(repo, tmp_path):
    result = run(repo, "new", "municipality", "Bærum kommune", "--country", "NO")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/municipalities/baerum-kommune.md"
    assert run(repo, "check").returncode == 1
    add_source(repo / "content/municipalities/baerum-kommune.md")
    assert run(repo, "check").returncode == 0
    assert run(repo, "check", "--strict").returncode == 1  # its placeholder is still there


# --- JSON Schemas ------------------------------------------------------------------------------

def test_committed_schemas_are_up_to_date(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    assert run(repo, "schema").returncode == 0
    for name in ("project.schema.json", "municipality.schema.json"):
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == (repo / "schemas" / name).read_text(encoding="utf-8"), \
            f"schemas/{name} is out of date: run 'innocities schema' and commit it"


def front_matter(text: str):
    data = yamlsafe.load(text.split("---\n")[1]).data

    def plain(v):
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v
    return plain(data)


def validator(name: str):
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schemas_accept_the_shipped_content():
    for folder, name in (("projects", "project"), ("municipalities", "municipality")):
        v = validator(name)
        for path in sorted((ROOT / "content" / folder).glob("*.md")):
            errors = list(v.iter_errors(front_matter(path.read_text(encoding="utf-8"))))
            assert errors == [], (path.name, [e.message for e in errors])


@pytest.mark.parametrize("old,new,line,field,words", [b for b in BAD if b[3] not in ("end", "municipalities[0]", "methods[0]", "phase")],
                         ids=[b[3] + ":" + b[1][:20] for b in BAD if b[3] not in ("end", "municipalities[0]", "methods[0]", "phase")])
def test_schemas_reject_each_bad_case(old, new, line, field, words):
    # Cross-file rules (does the municipality exist? end after start?) are beyond JSON Schema.
    data = front_matter(VALID.replace(old, new))
    assert list(validator("project").iter_errors(data)), new
    assert not list(validator("project").iter_errors(front_matter(VALID)))


def test_check_warns_about_cases_not_confirmed_for_24_months(repo):
    rel = write(repo, VALID.replace("status: ongoing", "status: ongoing\nreviewed: 2020-01-01"))
    env_check = subprocess.run([CLI, "check"], capture_output=True, text=True, cwd=repo,
                               env={**os.environ, "SOURCE_DATE_EPOCH": "1764374400"})  # 2025-11-29
    assert env_check.returncode == 0
    lines = [x for x in env_check.stdout.splitlines() if x.startswith(rel)]
    assert any("warning: reviewed:" in x and "2020-01-01" in x and "24 months" in x for x in lines), env_check.stdout
    fresh = write(repo, VALID.replace("status: ongoing", "status: ongoing\nreviewed: 2025-06-01"), "farsk")
    out = subprocess.run([CLI, "check"], capture_output=True, text=True, cwd=repo,
                         env={**os.environ, "SOURCE_DATE_EPOCH": "1764374400"}).stdout
    assert not [x for x in out.splitlines() if x.startswith(fresh)]


def test_strict_fails_on_what_the_file_says_but_not_on_a_case_grown_old(repo):
    """--strict (the pull-request check) makes errors of warnings the contributor can fix in the
    file; a case not confirmed for 24 months appears by itself with time and stays a warning, or
    unrelated pull requests would start failing one day."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764374400"}  # 2025-11-29
    old = write(repo, VALID.replace("status: ongoing", "status: ongoing\nreviewed: 2020-01-01"))
    aged = subprocess.run([CLI, "check", "--strict"], capture_output=True, text=True, cwd=repo, env=env)
    assert aged.returncode == 0, aged.stdout
    assert f"{old}:1:1: warning: reviewed:" in aged.stdout
    for fmt in ("github", "json"):
        out = subprocess.run([CLI, "check", "--strict", "--format", fmt], capture_output=True, text=True, cwd=repo, env=env)
        assert out.returncode == 0 and "error" not in out.stdout, out.stdout
    misspelt = write(repo, VALID.replace("status: ongoing", "status: ongoing\nsumary: x"), "stavfel")
    both = subprocess.run([CLI, "check", "--strict"], capture_output=True, text=True, cwd=repo, env=env)
    assert both.returncode == 1
    assert f"{misspelt}:5:1: error: sumary:" in both.stdout  # shown as what it now is
    assert f"{old}:1:1: warning: reviewed:" in both.stdout
    found = json.loads(subprocess.run([CLI, "check", "--strict", "--format", "json"], capture_output=True, text=True,
                                      cwd=repo, env=env).stdout)
    assert {(p["path"], p["severity"]) for p in found} == {(misspelt, "error"), (old, "warning")}
    assert "::error file=" + misspelt in subprocess.run([CLI, "check", "--strict", "--format", "github"],
                                                        capture_output=True, text=True, cwd=repo, env=env).stdout
    assert "24" in run(repo, "check", "--help").stdout  # --help says which warnings --strict leaves


def test_the_field_reference_examples_pass_the_check(repo):
    """A contributor who copies every example from the field reference gets a valid file."""
    from innocities.pages import field_reference
    rows = {c["key"]: c["rows"] for c in field_reference()}
    for key, folder in (("projects", "projects"), ("municipalities", "municipalities")):
        lines = [r["example"] for r in rows[key] if r["example"] and "." not in r["name"] and "[]" not in r["name"]
                 and not r["name"].startswith("image")]
        rel = f"content/{folder}/fran-referensen.md"
        (repo / rel).write_text("---\n" + "\n".join(lines) + "\n---\nText.\n", encoding="utf-8")
        result = run(repo, "check", rel)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "unknown field" not in result.stdout and "listed twice" not in result.stdout


def test_new_programme_writes_a_file_that_passes_check_once_sourced(repo):
    result = run(repo, "new", "programme", "Smarta Hamnar", "--host", "halden", "--country", "NO")
    assert result.returncode == 0, result.stderr
    rel = result.stdout.strip()
    assert rel == "content/programmes/smarta-hamnar.md"
    unsourced = run(repo, "check", "--strict")
    assert unsourced.returncode == 1 and f"{rel}:2:1: error: sources:" in unsourced.stdout, unsourced.stdout
    add_source(repo / rel)
    text = (repo / rel).read_text(encoding="utf-8")
    assert "[[" not in text  # the placeholder is written as plain text, and check finds it
    placeholder = run(repo, "check", "--strict")
    assert placeholder.returncode == 1 and "error: still holds the placeholder text" in placeholder.stdout, placeholder.stdout
    (repo / rel).write_text(text.split("Beskriv programmet")[0] + "Programmet samlar hamnarna.\n", encoding="utf-8")
    assert run(repo, "check", "--strict").returncode == 0
    unknown = run(repo, "new", "programme", "Annat", "--host", "haldn", "--country", "NO")
    assert unknown.returncode == 1 and "'haldn' is not a file in content/municipalities/" in unknown.stderr
