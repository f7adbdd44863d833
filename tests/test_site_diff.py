"""`innocities site-diff`: the pages a change adds, changes or removes, as a pull request's job summary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from innocities import sitediff

pytestmark = pytest.mark.swedish  # the job summary and the issue comment are read in Swedish

CLI = str(Path(sys.executable).parent / "innocities")
URL = "https://github.com/o/r/actions/runs/1/artifacts/2"


def page(title: str, body: str = "", generator: str = "mkdocs-1.6.1, mkdocs-material-9.8.2") -> str:
    return (f'<!doctype html><html><head><meta name="generator" content="{generator}"><title>{title}</title>'
            f"</head><body>{body}</body></html>")


def write(site: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


@pytest.fixture
def sites(tmp_path) -> tuple[Path, Path]:
    same = {"index.html": page("Start", "hej"), "om/index.html": page("Om", "om oss"), "assets/x.css": "a{}"}
    old = write(tmp_path / "old", {**same, "projekt/a/index.html": page("A", "före"),
                                   "projekt/gammal/index.html": page("Gammal"), "search/search_index.json": "[1]",
                                   "kommuner/halden/index.html": page("Halden", generator="mkdocs-1.6.1")})
    new = write(tmp_path / "new", {**same, "projekt/a/index.html": page("A | <script>x</script> [l](u)", "efter"),
                                   "projekt/ny/index.html": page("Ny &amp; fin"), "search/search_index.json": "[2]",
                                   "kommuner/halden/index.html": page("Halden", generator="properdocs-1.6.7")})
    return old, new


def test_pages_are_sorted_into_added_changed_removed_and_the_rest_are_other_files(sites):
    diff = sitediff.compare(*sites)
    assert diff.added == ["projekt/ny/index.html"]
    assert diff.changed == ["projekt/a/index.html"]
    assert diff.removed == ["projekt/gammal/index.html"]
    assert diff.other == ["search/search_index.json"]  # the css is the same; the generator alone is no change


def test_the_site_name_is_left_out_of_titles_when_most_pages_end_in_it():
    titles = {"a": "A - Kunskapsbank", "b": "B - C - Kunskapsbank", "c": "Kunskapsbank"}
    assert sitediff.short_titles(titles) == {"a": "A", "b": "B - C", "c": "Kunskapsbank"}
    assert sitediff.short_titles({"a": "A - x", "b": "B - y"}) == {"a": "A - x", "b": "B - y"}


def test_the_summary_links_each_page_to_the_artifact_and_shows_the_check_result(sites):
    check = [{"path": "content/projects/a.md", "line": 3, "column": 9, "severity": "error", "field": "status",
              "message": "'ongoin' is not allowed; did you mean 'ongoing'? | <b>"}]
    text = sitediff.summary(sitediff.compare(*sites), check=check, artifact_url=URL)
    lines = text.splitlines()
    assert "1 fel och 0 varningar:" in text
    assert any(x.startswith("| `content/projects/a.md` | 3 | fel | status |") and "\\| &lt;b&gt;" in x for x in lines), text
    assert "Nya sidor: 1, ändrade: 1, borttagna: 1." in text
    kinds = [x.split(" | ")[1] for x in lines if x.startswith("| ") and "<br>" in x]
    assert kinds == ["ny", "borttagen", "ändrad"]
    added = next(x for x in lines if "`projekt/ny/`" in x)
    assert added == f"| [Ny &amp; fin]({URL})<br>`projekt/ny/` | ny | `projekt/ny/index.html` |"
    changed = next(x for x in lines if "`projekt/a/`" in x)
    # a title cannot break the table, add a link or markup of its own
    assert changed.startswith(f"| [A \\| &lt;script&gt;x&lt;/script&gt; \\[l\\]\\(u\\)]({URL})") and changed.count(" | ") == 2
    removed = next(x for x in lines if "`projekt/gammal/`" in x)
    assert removed == "| Gammal<br>`projekt/gammal/` | borttagen | – |"
    assert "`search/search_index.json`" in text and "kommuner/halden" not in text


def test_no_change_no_check_problems_and_no_base_site(tmp_path, sites):
    old, _ = sites
    text = sitediff.summary(sitediff.compare(old, old), check=[], artifact_url=URL)
    assert "Inga fel och inga varningar." in text and "Ingen sida ändras." in text
    assert "kunde inte byggas" in sitediff.summary(None, check=[])


def test_the_command_writes_the_summary(tmp_path, sites):
    old, new = sites
    (tmp_path / "check.json").write_text("[]", encoding="utf-8")
    result = subprocess.run([CLI, "site-diff", str(old), str(new), "--summary", "--check-json", str(tmp_path / "check.json"),
                             "--artifact-url", URL], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Granskning av ändringen\n") and f"]({URL})" in result.stdout
    english = subprocess.run([CLI, "--lang", "en", "site-diff", str(old), str(new), "--summary", "--check-json",
                              str(tmp_path / "check.json"), "--artifact-url", URL], capture_output=True, text=True)
    assert english.stdout.startswith("## Review of the change\n") and "No errors and no warnings." in english.stdout
    assert "Granskning" not in english.stdout
    plain = subprocess.run([CLI, "site-diff", str(old), str(new)], capture_output=True, text=True)
    assert plain.returncode == 0
    assert plain.stdout == ("added\tprojekt/ny/index.html\nremoved\tprojekt/gammal/index.html\nchanged\tprojekt/a/index.html\n"
                            "other\tsearch/search_index.json\n")
    assert subprocess.run([CLI, "site-diff", "--same", str(old), str(new)], capture_output=True).returncode == 1
    assert subprocess.run([CLI, "site-diff", "--same", str(old), str(old)], capture_output=True).returncode == 0
    missing = subprocess.run([CLI, "site-diff", str(tmp_path / "nope"), str(new), "--summary"], capture_output=True, text=True)
    assert missing.returncode == 0 and "kunde inte byggas" in missing.stdout
    no_check = subprocess.run([CLI, "site-diff", str(old), str(new), "--summary", "--check-json", str(tmp_path / "nej.json")],
                              capture_output=True, text=True)
    assert no_check.returncode == 0 and "Granskningen gav inget resultat" in no_check.stdout, no_check.stderr
    assert json.loads((tmp_path / "check.json").read_text()) == []
