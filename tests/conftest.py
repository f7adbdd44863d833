"""Shared fixtures: a small, valid content repository built in a temporary folder.

`repo` is a `Repo` holding two real municipalities (with sources) and one example organisation, one method guide per phase of the innovation
process (so the portfolio checks are satisfied), one project that uses every optional field
and an image beside it. A test changes one file (`repo.write`, `repo.set_field`,
`repo.drop_field`), calls `repo.load()` and asserts what a contributor would see.

Line numbers in assertions come from `repo.line_of(path, text)`, which reads the file as
written, so a test states "the problem is on the line where `status:` is" rather than a
hard-coded number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from htmlsite import Site
from innocities import content, messages
from innocities.problems import Problem
from sitebuild import ROOT, mkdocs


def pytest_configure(config):
    config.addinivalue_line("markers", "swedish: the test reads the tools' output in Swedish, the default language")


@pytest.fixture(autouse=True)
def english_messages(monkeypatch, request):
    """Tests of the checks' logic read the English messages (stable words to assert on); what a
    Swedish contributor reads by default is tested in test_messages.py, which sets Swedish itself,
    and in tests marked `swedish` (the job summary, the issue comment), which get the default."""
    monkeypatch.delenv("LC_ALL", raising=False)
    if request.node.get_closest_marker("swedish"):
        monkeypatch.delenv("LANG", raising=False)
        lang = "sv"
    else:
        monkeypatch.setenv("LANG", "en_US.UTF-8")
        lang = "en"
    with messages.language(lang):
        yield


PROJECT_PATH = "content/projects/smart-belysning.md"
HALDEN_PATH = "content/municipalities/halden.md"
ESKILSTUNA_PATH = "content/municipalities/eskilstuna.md"
EXEMPELSTAD_PATH = "content/municipalities/exempelstad.md"
METHOD_PATH = "docs/methods/pilotplan.md"
IMAGE_PATH = "content/projects/bilder/lampa.jpg"

PROJECT = """\
---
title: Smart gatubelysning i Halden
summary: Halden och Eskilstuna testar gatubelysning som dimmas när ingen är ute.
status: ongoing
municipalities: [halden, eskilstuna]
sdgs: [7, "11.2"]
phase: pilot
themes: [energi, belysning]
methods: [pilotplan]
partners:
  - Halden kommune
  - name: Høgskolen i Østfold
    sector: academia
funding: [Interreg]
start: 2024-03-01
end: 2025-06-30
reviewed: 2026-01-15
budget:
  amount: 850000
  currency: NOK
contact:
  name: Anna Andersson
  email: anna@example.org
links:
  - title: Projektsida
    url: https://example.org/belysning
image: bilder/lampa.jpg
sources:
  - title: Belysningsprojektet i Halden
    url: https://example.org/kalla/belysning
    publisher: Halden kommune
    accessed: 2026-11-30
  - title: Lägesrapport om belysningen
    url: https://example.org/kalla/lagesrapport
example: false
---
## Bakgrund
Belysningen står för en stor del av kommunens elförbrukning.
"""

HALDEN = """\
---
name: Halden kommune
type: municipality
country: "NO"
code: "3101"
county: Østfold
population: 31000
coordinates: [59.12, 11.39]
joined: 2022
website: https://www.halden.kommune.no
sources:
  - title: Om Halden kommune
    url: https://example.org/kalla/halden
---
Halden ligger vid gränsen mot Sverige.
"""

ESKILSTUNA = """\
---
name: Eskilstuna kommun
type: municipality
country: SE
code: "0484"
sources:
  - title: Om Eskilstuna kommun
    url: https://example.org/kalla/eskilstuna
---
"""

# A fictional organisation: only example projects may name it, and it needs no sources.
EXEMPELSTAD = """\
---
name: Exempelstads kommun (exempel)
type: municipality
country: SE
coordinates: [60.0, 15.0]
example: true
---
"""

# One guide per phase, with distinct order numbers: the portfolio warns about a phase
# without a guide and about two guides with the same order.
METHODS = {
    "docs/methods/behovsanalys.md": ("Behovsanalys", "behov", 1),
    "docs/methods/ideverkstad.md": ("Idéverkstad", "ide", 2),
    METHOD_PATH: ("Pilotplan", "pilot", 3),
    "docs/methods/upphandling.md": ("Innovationsupphandling", "genomforande", 4),
    "docs/methods/utvardering.md": ("Utvärdering", "spridning", 5),
}


def method_text(title: str, phase: str, order: int) -> str:
    return f"""\
---
title: {title}
phase: {phase}
order: {order}
time: "2–4 veckor"
roles: [Projektledare]
outputs: [Plan]
---
Så här gör ni.
"""


def base_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        PROJECT_PATH: PROJECT,
        HALDEN_PATH: HALDEN,
        ESKILSTUNA_PATH: ESKILSTUNA,
        EXEMPELSTAD_PATH: EXEMPELSTAD,
        IMAGE_PATH: b"\xff\xd8\xff\xe0 not really a jpeg",
        # A hand-written page beside the guides; it is not a guide and must be skipped.
        "docs/methods/index.md": "# Metoder\n\nAlla metodguider.\n",
    }
    for path, (title, phase, order) in METHODS.items():
        files[path] = method_text(title, phase, order)
    return files


def describe(problems) -> str:
    problems = getattr(problems, "problems", problems)
    return "\n".join(f"  {p.path}:{p.line}:{p.column} {p.severity} [{p.field}] {p.message}" for p in problems) or "  (none)"


def find(problems, path: str | None = None, field: str | None = None,
         severity: str | None = None) -> list[Problem]:
    problems = getattr(problems, "problems", problems)
    return [p for p in problems
            if (path is None or p.path == path)
            and (field is None or p.field == field)
            and (severity is None or p.severity == severity)]


def one(problems, path: str | None = None, field: str | None = None,
        severity: str | None = None) -> Problem:
    """The single problem matching; on failure, show every problem the run produced."""
    problems = getattr(problems, "problems", problems)
    hits = find(problems, path, field, severity)
    assert len(hits) == 1, (
        f"expected one problem for path={path!r} field={field!r} severity={severity!r}, "
        f"got {len(hits)}; all problems:\n{describe(problems)}"
    )
    return hits[0]


class Repo:
    """A content repository in a temporary folder, and helpers to change and read it."""

    PROJECT_PATH = PROJECT_PATH
    HALDEN_PATH = HALDEN_PATH
    ESKILSTUNA_PATH = ESKILSTUNA_PATH
    EXEMPELSTAD_PATH = EXEMPELSTAD_PATH
    METHOD_PATH = METHOD_PATH
    IMAGE_PATH = IMAGE_PATH
    PROJECT = PROJECT
    HALDEN = HALDEN

    # Problem lookup (a Portfolio or a list of problems), as methods so tests need no import.
    describe = staticmethod(describe)
    find = staticmethod(find)
    one = staticmethod(one)

    def __init__(self, root: Path, overrides: dict[str, str | bytes | None] | None = None):
        self.root = root
        files = base_files()
        files.update(overrides or {})
        for rel, text in files.items():
            if text is not None:
                self.write(rel, text)

    # --- files -----------------------------------------------------------------------

    def write(self, rel: str, text: str | bytes) -> Path:
        """Write a file exactly: str is encoded as UTF-8 with no newline translation."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_bytes().decode("utf-8")

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def load(self) -> content.Portfolio:
        return content.load(self.root)

    # --- editing front matter ----------------------------------------------------------

    @staticmethod
    def _split(text: str) -> tuple[list[str], int]:
        lines = text.split("\n")
        assert lines[0] == "---", "helper expects a file starting with '---'"
        close = next(i for i in range(1, len(lines)) if lines[i] == "---")
        return lines, close

    @staticmethod
    def _field_span(lines: list[str], close: int, key: str) -> tuple[int, int] | None:
        """Lines [start, stop) of a top-level field, including its indented block."""
        for i in range(1, close):
            if re.match(rf"{re.escape(key)}\s*:", lines[i]):
                stop = i + 1
                while stop < close and (lines[stop].startswith((" ", "\t")) or not lines[stop].strip()):
                    stop += 1
                return i, stop
        return None

    def set_field(self, rel: str, key: str, value: str) -> str:
        """Replace (or add, before the closing '---') the top-level field `key`.

        `value` is YAML source as a contributor would type it: `ongoin`, `"NO"`, or a block
        starting with a newline ("\\n  - a\\n  - b"). Returns the new file text.
        """
        lines, close = self._split(self.read(rel))
        new = f"{key}: {value}" if not value.startswith("\n") else f"{key}:{value}"
        span = self._field_span(lines, close, key)
        if span:
            lines[span[0] : span[1]] = new.split("\n")
        else:
            lines[close:close] = new.split("\n")
        text = "\n".join(lines)
        self.write(rel, text)
        return text

    def drop_field(self, rel: str, key: str) -> str:
        lines, close = self._split(self.read(rel))
        span = self._field_span(lines, close, key)
        assert span, f"{key} is not in {rel}"
        del lines[span[0] : span[1]]
        text = "\n".join(lines)
        self.write(rel, text)
        return text

    def line_of(self, rel: str, needle: str, nth: int = 1) -> int:
        """1-based line number of the nth line of the file that contains `needle`."""
        hits = [i + 1 for i, line in enumerate(self.read(rel).split("\n")) if needle in line]
        assert len(hits) >= nth, f"{needle!r} occurs {len(hits)} times in {rel}"
        return hits[nth - 1]

    def closing_line(self, rel: str) -> int:
        return self._split(self.read(rel))[1] + 1


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


@pytest.fixture
def make_repo(tmp_path: Path):
    """Build further repositories in the same test: make_repo("name", {path: text or None})."""

    def make(name: str, overrides: dict[str, str | bytes | None] | None = None) -> Repo:
        return Repo(tmp_path / name, overrides)

    return make


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Site:
    """The shipped content built once with `mkdocs build --strict`, as `make build` does."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs(ROOT, site)
    assert result.returncode == 0, result.stderr
    return Site(site)
