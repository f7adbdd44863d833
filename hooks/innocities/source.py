"""Reading one content file: bytes → text → front matter YAML + Markdown body, with line numbers.

Every way a file can be unreadable (bad UTF-8, no front matter, no closing `---`) becomes a
problem with a line, never an exception.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlsafe
from .messages import msg
from .problems import ERROR, Problem

BOM = "\ufeff"


@dataclass
class SourceFile:
    rel: str  # path shown to contributors, e.g. content/projects/x.md
    stem: str  # file name without .md, NFC-normalised
    data: dict[str, Any] | None  # front matter mapping (None when unreadable)
    body: str
    body_line: int  # line of the file where the body starts
    problems: list[Problem] = field(default_factory=list)
    front_matter: yamlsafe.LoadedYaml | None = None  # the parsed YAML, where positions come from

    @functools.cached_property
    def positions(self) -> dict[tuple, tuple[int, int]]:
        """Field path → (line, column) in the file; found the first time a message needs one."""
        found = self.front_matter.positions(YAML_OFFSET) if self.front_matter else {}
        found.setdefault((), (1, 1))
        return found

    def where(self, path: tuple = ()) -> tuple[int, int]:
        """Line and column of a field, falling back to its parent, then the front matter start."""
        positions = self.positions
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions[()]


YAML_OFFSET = 1  # the front matter starts after the first '---': YAML line 1 is file line 2


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

    def fail(line: int, message: str) -> SourceFile:
        problems.append(Problem(rel, line, 1, ERROR, "", message))
        return SourceFile(rel, stem, None, "", 1, problems)

    if not text.strip():
        return fail(1, msg("file_empty"))
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != "---":
        return fail(1, msg("file_no_start"))
    # The closing line, found without splitting the whole body into lines.
    close = None  # its index among the lines
    start = pos = first_end + 1
    number = 1
    while first_end >= 0:
        end = text.find("\n", pos)
        if (text[pos:] if end < 0 else text[pos:end]).rstrip() in ("---", "..."):
            close, close_start, close_end = number, pos, end
            break
        if end < 0:
            break
        pos, number = end + 1, number + 1
    if close is None:
        return fail(1, msg("front_matter_not_closed"))
    yaml_text = text[start : close_start - 1] if close_start > start else ""
    body = text[close_end + 1 :] if close_end >= 0 else ""

    loaded = yamlsafe.load(yaml_text, YAML_OFFSET)
    for issue in loaded.issues:
        problems.append(Problem(rel, issue.line + YAML_OFFSET, issue.column, ERROR, issue.key or "", issue.message))
    data = loaded.data
    if data is None and not loaded.issues:
        problems.append(Problem(rel, 1, 1, ERROR, "", msg("front_matter_empty")))
    elif data is not None and not isinstance(data, dict):
        problems.append(Problem(rel, 2, 1, ERROR, "", msg("front_matter_not_mapping")))
        data = None
    return SourceFile(rel, stem, data, body, close + 2, problems, loaded)


def read(path: Path, root: Path, rel: str | None = None, parsed: ParsedFiles | None = None) -> SourceFile:
    """One file; `rel` is its path relative to `root` when the caller knows it already. With
    `parsed`, a file whose bytes it has seen before is not parsed again."""
    if rel is None:
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SourceFile(rel, path.stem, None, "", 1, [Problem(rel, 1, 1, ERROR, "", msg("file_unreadable", reason=exc.strerror))])
    if parsed is not None:
        return parsed.get(rel, raw, path.stem)
    return from_bytes(rel, raw, path.stem)


# A content file's bytes at most: YAML is parsed at about 150 KB a second, so a file of
# megabytes (a list of a million items) would hold `check` and the build for minutes. The largest
# file in content/ today is 6 KB; a body may hold 20 000 characters (innocities/body.py).
MAX_FILE_BYTES = 100_000


def from_bytes(rel: str, raw: bytes, stem: str) -> SourceFile:
    if len(raw) > MAX_FILE_BYTES:
        message = msg("file_too_large", size=len(raw), max=MAX_FILE_BYTES)
        return SourceFile(rel, stem, None, "", 1, [Problem(rel, 1, 1, ERROR, "", message)])
    text, bad_line = decode(raw)
    if text is None:
        message = msg("file_not_utf8")
        return SourceFile(rel, stem, None, "", 1, [Problem(rel, bad_line, 1, ERROR, "", message)])
    return parse(rel, text)


class ParsedFiles:
    """Files parsed before in this process, kept with their bytes. `make serve` builds the whole
    site again after every edit, and files whose bytes have not changed need no parsing again."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, SourceFile]] = {}

    def get(self, rel: str, raw: bytes, stem: str) -> SourceFile:
        kept = self._files.get(rel)
        if kept is None or kept[0] != raw:
            kept = self._files[rel] = (raw, from_bytes(rel, raw, stem))
        # A copy, as whoever reads it adds problems of their own (e.g. a file name that clashes).
        return dataclasses.replace(kept[1], problems=list(kept[1].problems))

    def keep_only(self, rels: set[str]) -> None:
        """Forget files not read in the last load: deleted or renamed while the server runs."""
        self._files = {rel: kept for rel, kept in self._files.items() if rel in rels}

    def __contains__(self, rel: str) -> bool:
        return rel in self._files


# Set by the MkDocs hook under `mkdocs serve`, which builds the site again after every edit. A
# one-off build leaves it None: it would only hold every file in memory (17 MB at N = 2000).
SERVE_CACHE: ParsedFiles | None = None
