"""`check` finds the placeholder text that `innocities new` wrote, known from the templates themselves."""

from __future__ import annotations

import re

import pytest

from innocities import placeholders
from test_cli import add_source, repo, run  # noqa: F401  (the fixture, the command runner, a source filled in)


def test_every_template_marks_placeholders_and_new_removes_the_marks():
    for template in sorted(placeholders.TEMPLATES.glob("*.md")):
        text = template.read_text(encoding="utf-8")
        assert placeholders.MARK.search(text), f"{template.name} marks no placeholder"
        assert "[[" not in placeholders.fill(text) and "]]" not in placeholders.fill(text)
    assert "Skriv en sammanfattning i klartext, högst 400 tecken." in placeholders.texts()
    assert "Beskriv kommunen eller organisationen i några meningar." in placeholders.texts()


def _placeholder_lines(stdout: str, rel: str) -> list[str]:
    return [x for x in stdout.splitlines() if x.startswith(rel + ":") and "placeholder" in x]


def test_a_new_project_warns_for_each_placeholder_and_strict_fails(repo):  # noqa: F811
    rel = run(repo, "new", "project", "Solceller på skolan", "--municipality", "halden").stdout.strip()
    add_source(repo / rel)  # a real project needs one; the placeholders are what this test is about
    result = run(repo, "check", rel)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = _placeholder_lines(result.stdout, rel)
    # the summary in the front matter and the four questions in the body
    assert len(lines) == 5, result.stdout
    assert any(re.match(rf"{re.escape(rel)}:3:\d+: warning: summary: .*Skriv en sammanfattning", x) for x in lines), lines
    assert any(": warning: still holds the placeholder" in x and "Vad gjordes, av vem och hur?" in x for x in lines), lines
    assert "5 warning(s)" in result.stderr

    strict = run(repo, "check", "--strict", rel)
    assert strict.returncode == 1
    github = run(repo, "check", "--format", "github", rel)
    assert github.stdout.count("::warning file=" + rel.replace(":", "%3A")) == 5


def test_replacing_the_placeholders_passes_strict(repo):  # noqa: F811
    rel = run(repo, "new", "project", "Solceller på skolan", "--municipality", "halden").stdout.strip()
    path = repo / rel
    add_source(path)
    text = path.read_text(encoding="utf-8")
    for i, placeholder in enumerate(placeholders.texts()):
        text = text.replace(placeholder, f"Egen text nummer {i}.")
    path.write_text(text, encoding="utf-8")
    result = run(repo, "check", "--strict", rel)
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_placeholder_left_in_the_body_is_found_at_its_line(repo):  # noqa: F811
    rel = run(repo, "new", "municipality", "Exempelby kommun", "--country", "SE").stdout.strip()
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("Beskriv kommunen eller organisationen i några meningar.") + 1
    path.write_text(text.replace("Beskriv kommunen", "Kommunen ligger vid kusten. Beskriv kommunen"), encoding="utf-8")
    result = run(repo, "check", "--format", "json", rel)
    import json
    found = [p for p in json.loads(result.stdout) if "placeholder" in p["message"]]
    assert [(p["line"], p["column"], p["field"], p["severity"]) for p in found] == [(line, 29, "", "warning")]


@pytest.mark.parametrize("text", ["", "no front matter\n", "---\nsummary: [[x\n"])
def test_find_never_fails_on_odd_files(text):
    assert placeholders.find("content/projects/x.md", text) == []
