"""Reading one content file: bytes → text → front matter YAML + Markdown body, with line numbers.

Every way a file can be unreadable (bad UTF-8, no front matter, no closing `---`) becomes a
problem with a line, never an exception.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlsafe
from .problems import ERROR, Problem

BOM = "\ufeff"


@dataclass
class SourceFile:
    rel: str  # path shown to contributors, e.g. content/projects/x.md
    stem: str  # file name without .md, NFC-normalised
    data: dict[str, Any] | None  # front matter mapping (None when unreadable)
    positions: dict[tuple, tuple[int, int]]  # field path → (line, column) in the file
    body: str
    body_line: int  # line of the file where the body starts
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: tuple = ()) -> tuple[int, int]:
        """Line and column of a field, falling back to its parent, then the front matter start."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def decode(raw: bytes) -> tuple[str | None, int]:
    """The text of a file, or None and the line of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError as exc:
        return None, raw[: exc.start].count(b"\n") + 1


def parse(rel: str, text: str) -> SourceFile:
    stem = unicodedata.normalize("NFC", Path(rel).stem)
    problems: list[Problem] = []
    text = text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")

    def fail(line: int, message: str) -> SourceFile:
        problems.append(Problem(rel, line, 1, ERROR, "", message))
        return SourceFile(rel, stem, None, {}, "", 1, problems)

    if not text.strip():
        return fail(1, "the file is empty; it must start with front matter between two '---' lines")
    if lines[0].rstrip() != "---":
        return fail(1, "the file must start with a line '---', then the front matter, then another '---' line")
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        return fail(1, "the front matter is not closed: add a line '---' after the last field")

    offset = 1  # YAML line 1 is file line 2
    loaded = yamlsafe.load("\n".join(lines[1:close]), offset)
    for issue in loaded.issues:
        problems.append(Problem(rel, issue.line + offset, issue.column, ERROR, issue.key or "", issue.message))
    positions = {path: (line + offset, col) for path, (line, col) in loaded.positions.items()}
    positions.setdefault((), (1, 1))
    data = loaded.data
    if data is None and not loaded.issues:
        problems.append(Problem(rel, 1, 1, ERROR, "", "the front matter is empty; see the field reference for the required fields"))
    elif data is not None and not isinstance(data, dict):
        problems.append(Problem(rel, 2, 1, ERROR, "", "the front matter must be a list of 'field: value' lines"))
        data = None
    body = "\n".join(lines[close + 1 :])
    return SourceFile(rel, stem, data, positions, body, close + 2, problems)


def read(path: Path, root: Path) -> SourceFile:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SourceFile(rel, path.stem, None, {}, "", 1, [Problem(rel, 1, 1, ERROR, "", f"the file cannot be read: {exc.strerror}")])
    text, bad_line = decode(raw)
    if text is None:
        message = "the file is not valid UTF-8 text; save it as UTF-8"
        return SourceFile(rel, path.stem, None, {}, "", 1, [Problem(rel, bad_line, 1, ERROR, "", message)])
    return parse(rel, text)
